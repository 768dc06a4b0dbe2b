/*
 * store.h: the only door to the database. Every SQL statement of ocop lives in
 * src/store/; this interface speaks in the project's own types (structs, and
 * jansson records shaped as the API documents them), so another backend
 * (PostgreSQL) can implement it without touching src/app/.
 *
 * A store handle is one database connection: use it from one thread at a time.
 * All functions follow the error convention of core/error.h.
 */
#ifndef OCOP_STORE_STORE_H
#define OCOP_STORE_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "core/entity.h"
#include "core/policy.h"

struct ocop_store;

#define OCOP_STORE_CREATE 1u   /* create the file if missing */
#define OCOP_STORE_READONLY 2u

/* Opens a database. *out is freed with ocop_store_free. */
int ocop_store_open(struct ocop_store **out, const char *path, unsigned flags);
void ocop_store_free(struct ocop_store *st);
/* Applies the pending migrations in one transaction each; from and to may be NULL. */
int ocop_store_migrate(struct ocop_store *st, int *from, int *to);
/* The schema version, and OCOP_ECONFLICT when it is older than this binary's. */
int ocop_store_check_schema(struct ocop_store *st);

/*
 * Read snapshots for servers: reuses one read transaction across requests on this
 * connection while nothing was committed since it began (no commit in this process,
 * and the write-ahead log's mtime, size and inode unchanged, which catches commits of
 * other processes such as `ocop import`) and it is younger than max_age_ms. Reuse
 * costs one stat(), and nothing more for further calls within the same now_ms (so
 * another process's commit is seen from the next millisecond on); an autocommit read
 * costs about three system calls and more work in SQLite. On error the caller reads
 * without a snapshot.
 */
int ocop_store_snapshot(struct ocop_store *st, long long now_ms, long long max_age_ms);
/* Ends the snapshot, if any (before a long idle, or a write). */
void ocop_store_snapshot_end(struct ocop_store *st);
/* What the snapshot's data is (0: no snapshot): the data version of migration 0006 and
 * the day. Two snapshots with the same epoch show the same public data, so answers
 * rendered under one are exact under the other; a new epoch means data may have
 * changed (scans, audit rows, stamps and sessions do not change it). */
unsigned long ocop_store_snapshot_epoch(struct ocop_store *st);

/* Bytes in the write-ahead log now (0 if none). */
long long ocop_store_wal_size(struct ocop_store *st);
/* Checkpoints the write-ahead log; with `restart`, also starts the log again from its
 * beginning, which needs every reader to have left it: it waits for them at most
 * wait_ms, and answers 1 when some had not left (try again later). 0: done; < 0: failed. */
int ocop_store_checkpoint(struct ocop_store *st, int restart, int wait_ms);

/* Transactions: begin (immediate, for writes), commit, rollback (safe to call twice). */
int ocop_store_begin(struct ocop_store *st);
int ocop_store_commit(struct ocop_store *st);
void ocop_store_rollback(struct ocop_store *st);

/* ---- administrative units (store/units.c) ---- */
struct ocop_unit {
    const char *code, *name, *name_en, *full_name, *full_name_en, *unit_type, *unit_type_en;
};
int ocop_store_province_upsert(struct ocop_store *st, const struct ocop_unit *u, int *changed);
int ocop_store_ward_upsert(struct ocop_store *st, const char *province_code,
                           const struct ocop_unit *u, int *changed);
/* The province code of a ward; OCOP_ENOTFOUND if no such ward. */
int ocop_store_ward_province(struct ocop_store *st, const char *ward_code, char province_code[3]);
int ocop_store_province_exists(struct ocop_store *st, const char *code);
int ocop_store_units_count(struct ocop_store *st, long *provinces, long *wards);

/* ---- list and get (store/registry.c) ---- */

/* Filters for lists; zero/NULL/-1 means "no filter". */
struct ocop_filter {
    long long page, per_page;
    const char *q;              /* diacritic-insensitive: ranked full text (products), name
                                 * contains (producers, villages) */
    const char *province_code;
    const char *ward_code;
    const char *sector;
    const char *group;
    const char *kind;
    const char *status;
    int stars;                  /* 1..5, products: latest certificate; certificates: own */
    int cert_status;            /* enum ocop_cert_status or -1 */
    int recognised;             /* villages: 0/1 or -1 */
    int candidate;              /* certificates: five-star candidates only (1) or -1 */
    long long producer_id, village_id, product_id;
    long today;                 /* day number (core/dates.h) status is computed for */
    int newest;                 /* newest records first (by id), instead of oldest */
    int by_expiry;              /* certificates: by valid_until, soonest first (newest:
                                 * latest first), then by id */
};

/* Kinds of list: "provinces", "wards", "producers", "villages", "products", "zones", "certificates". */
int ocop_store_list(json_t **out, struct ocop_store *st, const char *kind,
                    const struct ocop_filter *f);
/* One record as the API shows it (with its ward, certificate...), or OCOP_ENOTFOUND. */
int ocop_store_get(json_t **out, struct ocop_store *st, const char *kind, const char *key,
                   long today);

/* ---- registry writes (store/registry.c) ---- */

/* Where a record sits (filled by ocop_store_scope). */
struct ocop_scope_data {
    char province_code[3];
    char ward_code[6];
    int64_t producer_id;
};

int ocop_store_scope(struct ocop_scope_data *out, struct ocop_store *st,
                     const struct ocop_entity *e, int64_t id);
/* The scope a record would have with the given (validated) fields: ward, producer. */
int ocop_store_scope_of(struct ocop_scope_data *out, struct ocop_store *st,
                        const struct ocop_entity *e, json_t *fields);
/* Whether a validated ward, reference or list of references names what exists: 0, or
 * OCOP_EINVALID naming the field (an ocop_entity_exists_fn, with the store as context). */
int ocop_store_field_exists(struct ocop_store *st, const struct ocop_field *f, json_t *v);
/* Inserts/updates from validated fields (core/entity.h); refs and wards are checked here. */
int ocop_store_insert(int64_t *id, struct ocop_store *st, const struct ocop_entity *e,
                      json_t *fields);
int ocop_store_update(struct ocop_store *st, const struct ocop_entity *e, int64_t id,
                      json_t *fields);
/* OCOP_ECONFLICT if other records still refer to it. */
int ocop_store_delete(struct ocop_store *st, const struct ocop_entity *e, int64_t id);

/* A certificate as imported or decided. */
struct ocop_certificate {
    int64_t product_id;
    const char *number, *decision_number, *issuing_level, *ruleset;
    long decision_date, valid_from, valid_until; /* day numbers */
    int stars;
    double score;                                /* < 0: unknown */
    int five_star_candidate;
    long revoked_at;                             /* day number, or -1 */
    const char *revoke_reason;
};
/* Inserts a certificate; the newest by valid_from becomes the product's current one. */
int ocop_store_certificate_insert(int64_t *id, struct ocop_store *st,
                                  const struct ocop_certificate *c);
/* Finds a producer by tax code, else by exact name in a ward. 0, or OCOP_ENOTFOUND. */
int ocop_store_producer_find(int64_t *id, struct ocop_store *st, const char *tax_code,
                             const char *name, const char *ward_code);
int ocop_store_village_find(int64_t *id, struct ocop_store *st, const char *name,
                            const char *ward_code);
int ocop_store_product_find(int64_t *id, struct ocop_store *st, int64_t producer_id,
                            const char *name);
int ocop_store_certificate_exists(struct ocop_store *st, const char *number);

/* ---- users, tokens, audit (store/users.c) ---- */
struct ocop_user_new {
    const char *email, *name, *province_code, *ward_code;
    enum ocop_role role;
    int64_t producer_id;
    const char *password_hash; /* argon2id string or NULL */
};
int ocop_store_user_insert(int64_t *id, struct ocop_store *st, const struct ocop_user_new *u);
int ocop_store_user_actor(struct ocop_actor *out, struct ocop_store *st, const char *email);
int ocop_store_user_password_hash(char **out, struct ocop_store *st, const char *email);
int ocop_store_token_insert(struct ocop_store *st, int64_t user_id, const unsigned char *hash,
                            size_t hash_len, const char *label);
/* The actor behind a token hash; OCOP_EUNAUTH if unknown, revoked or disabled. */
int ocop_store_token_actor(struct ocop_actor *out, struct ocop_store *st,
                           const unsigned char *hash, size_t hash_len);
/* Users by id: {id, email, name, role, province, ward, producer_id, disabled (bool),
 * created_at, tokens (how many are not revoked)}; those whose e-mail or name contains q
 * (any case of ASCII letters; NULL: all), `limit` of them after `offset` (limit <= 0:
 * all); *total counts every match. */
int ocop_store_user_list(json_t **out, long long *total, struct ocop_store *st, const char *q,
                         int limit, int offset);
/* A user by e-mail, disabled or not: its id, role and disabled flag. OCOP_ENOTFOUND. */
int ocop_store_user_find(int64_t *id, enum ocop_role *role, int *disabled,
                         struct ocop_store *st, const char *email);
/* A user's e-mail by id (into out, n bytes). OCOP_ENOTFOUND if none. */
int ocop_store_user_email(char *out, size_t n, struct ocop_store *st, int64_t user_id);
/* Sets a user's disabled flag; disabling ends the user's browser sessions. */
int ocop_store_user_set_disabled(struct ocop_store *st, int64_t user_id, int disabled);
/* How many enabled administrators there are besides user_id. */
int ocop_store_admins_besides(long long *n, struct ocop_store *st, int64_t user_id);
/* A user's tokens, oldest first: {id, label, created_at, revoked_at}. */
int ocop_store_token_list(json_t **out, struct ocop_store *st, int64_t user_id);
/* Revokes a token now; *user_id and *was_revoked tell its owner and whether it already
 * was. OCOP_ENOTFOUND if there is no such token. */
int ocop_store_token_revoke(int64_t *user_id, int *was_revoked, struct ocop_store *st,
                            int64_t token_id);
/* Appends one audit row; before/after may be NULL. */
int ocop_store_audit(struct ocop_store *st, const struct ocop_actor *actor, const char *action,
                     const char *entity, int64_t entity_id, json_t *before, json_t *after);
int ocop_store_audit_list(json_t **out, struct ocop_store *st, const char *entity,
                          int64_t entity_id, long long limit);

#endif
