/*
 * app.h: one function per user action. Each checks the actor's rights, runs in one
 * transaction and writes the audit row. The HTTP handlers and CLI commands are thin
 * adapters over these, so both behave the same.
 */
#ifndef OCOP_APP_APP_H
#define OCOP_APP_APP_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

#include "core/entity.h"
#include "core/policy.h"
#include "store/store.h"
#include "core/buf.h"

struct ocop_verifier;

/* The context of one action: the caller owns it and the store in it. */
struct ocop_app {
    struct ocop_store *st;
    struct ocop_actor actor;
    time_t now;
    const char *public_url; /* base of links printed in QR codes ("https://ocop.hanoi.gov.vn") */
    /* stamp scans: where to log them (the server's scan logger; NULL: not logged), the
     * copied-stamp thresholds (NULL: defaults) and the scanning client's keyed hash */
    void (*scan_sink)(void *arg, const void *scan);
    void *scan_arg;
    const void *clone_rules;
    char client[24];
    struct ocop_verifier *verifier; /* the server's scan state in memory (NULL: none) */
};

/* Progress of a long job: called with done/total now and then (may be NULL). */
typedef void (*ocop_progress_fn)(void *arg, const char *what, long done, long total);

void ocop_app_init(struct ocop_app *a, struct ocop_store *st);
/* The actor of the operator's shell: may do everything, audited as "system". */
void ocop_app_as_system(struct ocop_app *a);
long ocop_app_today(const struct ocop_app *a);

/* Opens (creating if asked) and migrates a database. */
int ocop_app_db_init(const char *path, int *from, int *to);
/* Opens an existing, up-to-date database. */
int ocop_app_db_open(struct ocop_store **out, const char *path);

/* ---- registry (app/registry.c) ---- */
/* The writable entity behind an API collection name ("products"), or NULL. */
const struct ocop_entity *ocop_app_entity(const char *plural);
int ocop_app_list(json_t **out, struct ocop_app *a, const char *kind, struct ocop_filter *f);
int ocop_app_get(json_t **out, struct ocop_app *a, const char *kind, const char *key);
/* Every product's id, in order (*ids: a new array the caller frees); public data. */
int ocop_app_product_ids(int64_t **ids, size_t *n, struct ocop_app *a);
int ocop_app_create(json_t **out, struct ocop_app *a, const struct ocop_entity *e, json_t *body);
int ocop_app_update(json_t **out, struct ocop_app *a, const struct ocop_entity *e, int64_t id,
                    json_t *body);
int ocop_app_delete(struct ocop_app *a, const struct ocop_entity *e, int64_t id);
int ocop_app_audit(json_t **out, struct ocop_app *a, const char *entity, int64_t id);
/* May the actor change this product (its producer, commune, office, an admin)? Dossiers and
 * stamp batches follow their product's rights. OCOP_ENOTFOUND, OCOP_EFORBIDDEN... */
int ocop_app_may_change_product(struct ocop_app *a, int64_t product_id);

/* ---- users and tokens (app/users.c) ---- */
struct ocop_user_params {
    const char *email, *name, *role, *province_code, *ward_code, *password;
    int64_t producer_id;
};
int ocop_app_user_add(int64_t *id, struct ocop_app *a, const struct ocop_user_params *p);
/* Creates a bearer token for a user; *token (new string, shown once) is the caller's. */
int ocop_app_token_create(char **token, struct ocop_app *a, const char *email, const char *label);
/* Users (an administrator's or the system's view), whose e-mail or name contains q (NULL
 * or "": all), page `page` of per_page (page 0: all): {"items": [{id, email, name, role,
 * province, ward, producer_id, disabled (bool), created_at, tokens}], "total", "page",
 * "pages"}. */
int ocop_app_user_list(json_t **out, struct ocop_app *a, const char *q, int page, int per_page);
/* Disables (1) or enables (0) a user by e-mail: a disabled user's tokens and sessions
 * stop working at once, and signing in is refused. The last enabled administrator
 * cannot be disabled. Audited; 0 if the user already was so (nothing written). */
int ocop_app_user_disable(struct ocop_app *a, const char *email, int disabled);
/* The same for the user with that id (the office's users page). */
int ocop_app_user_disable_id(struct ocop_app *a, int64_t user_id, int disabled);
/* A user's e-mail by id, into out (n bytes; 255 hold any): an administrator's lookup.
 * OCOP_ENOTFOUND if there is no such user. */
int ocop_app_user_email(char *out, size_t n, struct ocop_app *a, int64_t user_id);
/* A user's bearer tokens: {"email": .., "items": [{id, label, created_at, revoked_at}]}. */
int ocop_app_token_list(json_t **out, struct ocop_app *a, const char *email);
/* Revokes a token by id (from ocop_app_token_list): it stops working at once. Audited;
 * revoking it again is harmless. */
int ocop_app_token_revoke(struct ocop_app *a, int64_t token_id);
/* Resolves "Bearer <token>" credentials into an actor. OCOP_EUNAUTH if not valid. */
int ocop_app_authenticate(struct ocop_actor *out, struct ocop_store *st, const char *token);

/* ---- imports and demo ---- */
struct ocop_import_stats {
    long rows, created, updated, unchanged;
    long producers, villages, products, certificates;
};
/* Loads administrative units from the JSON of units-2025.json. Idempotent. */
int ocop_app_import_units(struct ocop_import_stats *stats, struct ocop_app *a, const char *json,
                          size_t len, ocop_progress_fn progress, void *arg);
/*
 * Imports producers, products and certificates from CSV (docs/import.md). All or
 * nothing: a bad row fails the whole import; the message names the row and reason.
 */
int ocop_app_import_products(struct ocop_import_stats *stats, struct ocop_app *a,
                             const char *csv, size_t len, ocop_progress_fn progress, void *arg);
/* Fills an initialised, empty database with the deterministic demo program. */
int ocop_app_demo(struct ocop_import_stats *stats, struct ocop_app *a, uint64_t seed,
                  ocop_progress_fn progress, void *arg);

/* ---- evaluation (app/evaluation.c, app/council.c) ---- */
struct ocop_dossier_filter;

/* Loads a ruleset or a criteria set document (validated; all or nothing). */
int ocop_app_criteria_load(json_t **summary, struct ocop_app *a, const char *json, size_t len);
int ocop_app_criteria_list(json_t **out, struct ocop_app *a);
int ocop_app_criteria_get(json_t **out, struct ocop_app *a, int64_t id);

/* Opens a dossier: {product_id, kind?, target_stars?, criteria_set_id?, self_assessment?}. */
int ocop_app_dossier_open(json_t **out, struct ocop_app *a, json_t *body);
int ocop_app_dossier_get(json_t **out, struct ocop_app *a, int64_t id);
/* Lists the dossiers the actor may see (their province, ward, products or sessions). */
int ocop_app_dossier_list(json_t **out, struct ocop_app *a, struct ocop_dossier_filter *f);
/* submit, return (note required), accept, withdraw. */
int ocop_app_dossier_act(json_t **out, struct ocop_app *a, int64_t id, int action,
                         const char *note);
int ocop_app_document_add(json_t **out, struct ocop_app *a, int64_t dossier_id, const char *name,
                          const char *content_type, const void *data, size_t len);
int ocop_app_document_get(json_t **meta, void **data, size_t *len, struct ocop_app *a,
                          int64_t dossier_id, int64_t document_id);

/* Council sessions: {name, date, level?, member_ids: [...]}. */
int ocop_app_session_create(json_t **out, struct ocop_app *a, json_t *body);
int ocop_app_session_get(json_t **out, struct ocop_app *a, int64_t id);
int ocop_app_session_list(json_t **out, struct ocop_app *a);
/* The council users a session may be made of: the office's province's (an admin: all),
 * enabled, {id, email, name}, at most `limit`. Office and admin only. */
int ocop_app_council_users(json_t **out, struct ocop_app *a, int limit);
int ocop_app_session_schedule(json_t **out, struct ocop_app *a, int64_t session_id,
                              int64_t dossier_id);
int ocop_app_conflict_declare(json_t **out, struct ocop_app *a, int64_t dossier_id,
                              const char *reason);
/* A member's sheet: {choices: {"A1.1": option index, ...}} for every criterion. */
int ocop_app_score(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body);
int ocop_app_scores(json_t **out, struct ocop_app *a, int64_t dossier_id);
/* What a sheet gives as it stands, stored nowhere (the score form's totals): the same body
 * as ocop_app_score, a criterion absent (or not an option index) counting as not chosen yet.
 * {criteria, chosen, parts: {"A": points, ...}, total, stars_by_score, stars, capped_by}
 * (core: ocop_sheet_tally). Whoever may read the dossier, except a member who declared a
 * conflict of interest for it (403). */
int ocop_app_score_tally(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body);
/* The office's decision: {decision_number, decision_date, certificate_number?}. */
int ocop_app_decide(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body);
/* The central council's result: {result: recognised|rejected, decision_number, decision_date}. */
int ocop_app_central_decide(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body);
/* PDFs (app/documents.c): the certificate (public), a member's sheet or the council's
 * summary (user_id 0). *pdf is a new buffer the caller frees. */
int ocop_app_certificate_pdf(char **pdf, size_t *len, struct ocop_app *a, int64_t certificate_id);
int ocop_app_sheet_pdf(char **pdf, size_t *len, struct ocop_app *a, int64_t dossier_id,
                       int64_t user_id);

/* {reason, date?}: the certificate stops being valid from that date. */
int ocop_app_certificate_revoke(json_t **out, struct ocop_app *a, int64_t certificate_id,
                                json_t *body);

/* ---- the web (app/web.c) ---- */
#define OCOP_WEB_TOKEN_LEN 43 /* base64url of 32 random bytes */
/*
 * Signs a user in with e-mail and password (argon2id): a new session token for the
 * cookie, its CSRF token and who signed in (*who). Failed attempts are throttled per e-mail and per client
 * (OCOP_ETHROTTLED); a wrong e-mail or password is OCOP_EUNAUTH, one message for both.
 */
int ocop_app_web_login(char token[OCOP_WEB_TOKEN_LEN + 1], char csrf[65], struct ocop_actor *who,
                       struct ocop_store *st, const char *email, const char *password,
                       const char *client, time_t now);
/* The actor and CSRF token of a session cookie; OCOP_EUNAUTH if unknown or expired. */
int ocop_app_web_session(struct ocop_actor *out, char csrf[65], struct ocop_store *st,
                         const char *token, time_t now);
int ocop_app_web_logout(struct ocop_store *st, const char *token);

/* ---- traceability (app/trace.c): a product's trace events ---- */
/* May the actor record and retract this product's trace events (its producer, its commune,
 * the province's office, an admin: core/policy.c)? 0, OCOP_EUNAUTH, OCOP_EFORBIDDEN, or
 * OCOP_ENOTFOUND for no such product. */
int ocop_app_may_trace(struct ocop_app *a, int64_t product_id);
/*
 * Records a trace event of a product: {product_id, kind, at, description, ward_code?,
 * place?, batch_id? or lot?} (core/trace.h; the lot: one of the product's stamp batches, by
 * id or by lot code). Every field at fault is named at once (OCOP_EINVALID); a role that
 * records nothing, or an actor outside the product's scope, is refused before the rest of
 * the input is judged. One transaction with its audit row (trace_event, create). *out: the
 * event as the office sees it (store/trace.h), the caller's.
 */
int ocop_app_trace_add(json_t **out, struct ocop_app *a, json_t *body);
/* Retracts an event with its reason: it stays in the office's history, marked, and no
 * longer shows to shoppers. OCOP_ECONFLICT if it was retracted already. Audited
 * (trace_event, retract, before and after). *out: the event afterwards. */
int ocop_app_trace_retract(json_t **out, struct ocop_app *a, int64_t id, const char *reason);
/* One event as the office sees it, for who may trace its product. */
int ocop_app_trace_get(json_t **out, struct ocop_app *a, int64_t id);
/* A product's whole history, retracted events and who recorded each included, for who may
 * trace it: {product_id, items, total}, oldest first. */
int ocop_app_trace_list(json_t **out, struct ocop_app *a, int64_t product_id);
/* A product's history as everyone sees it (no retracted events): all of it, or with `lot`
 * the product-wide events and that lot's. {product_id, items, total}. */
int ocop_app_trace_public(json_t **out, struct ocop_app *a, int64_t product_id, const char *lot);
/* What the product's public page shows of its history: the product-wide events not
 * retracted, oldest first (the newest 100, as a stamp shows), and whether it has lot events
 * too, shown on that lot's stamps only. {product_id, items, total, lot_events: bool}, the
 * caller's. Two reads by the product's index; no existence check (the page has read the
 * product). */
int ocop_app_trace_product(json_t **out, struct ocop_app *a, int64_t product_id);

/* ---- stamps (app/stamps.c, app/verify.c) ---- */
/* Generates a signing key; with `rotate`, the others retire (they still verify). */
int ocop_app_keys_generate(json_t **out, struct ocop_app *a, int rotate);
/* The public keys document served at /.well-known/ocop-keys.json. */
int ocop_app_keys_document(json_t **out, struct ocop_app *a);

struct ocop_issue_params {
    int64_t product_id;
    const char *lot, *production_date, *expiry_date, *release_date; /* dates YYYY-MM-DD */
    long count;
};
/* Issues a batch of signed stamps for a product holding a valid certificate. */
int ocop_app_stamps_issue(int64_t *batch_id, struct ocop_app *a, const struct ocop_issue_params *p,
                          ocop_progress_fn progress, void *arg);
int ocop_app_batch_get(json_t **out, struct ocop_app *a, int64_t batch_id);
int ocop_app_batch_list(json_t **out, struct ocop_app *a, int64_t product_id);
/* The stamps with scans judged suspected copies in the last `days` days (1 to 366), in
 * the actor's scope (office: its province; commune: its ward; producer: its own;
 * administrator: all), the latest first, at most 200: {since (ms), days, items} (see
 * ocop_store_flagged_stamps). */
int ocop_app_flagged_stamps(json_t **out, struct ocop_app *a, int days);
/* One stamp in the actor's scope and its newest 500 scans (ocop_store_stamp_scans). */
int ocop_app_stamp_scans(json_t **out, struct ocop_app *a, const char *serial);
/* Writes a batch: "uris" (a text file), "svg" or "png" (a folder), "pdf" (A4 sheets). */
int ocop_app_batch_export(struct ocop_app *a, int64_t batch_id, const char *format,
                          const char *path, ocop_progress_fn progress, void *arg);
int ocop_app_batch_revoke(json_t **out, struct ocop_app *a, int64_t batch_id, const char *reason);
int ocop_app_stamp_revoke(json_t **out, struct ocop_app *a, const char *serial, const char *reason);
/* The installation's key for hashing scanning clients (made on first use). */
int ocop_app_scan_key(unsigned char key[32], struct ocop_store *st);
/* The 16-byte key scanning clients are hashed with, derived from that key (libsodium's
 * crypto_kdf, subkey 1 of context "ocopscan"). */
void ocop_app_scan_client_key(unsigned char out[16], const unsigned char key[32]);
/* A scan's client as 16 hex digits: SipHash-2-4 (libsodium's crypto_shorthash), keyed
 * with ocop_app_scan_client_key's, of the network address as text with its NUL, then
 * the User-Agent (its first 1,024 bytes; NULL: none). The raw values are never kept. */
void ocop_app_scan_client(char out[17], const unsigned char key[16], const char *addr,
                          const char *ua);

/*
 * What a scan of `uri` shows: verdict, one sentence, signals, product, certificate,
 * lot, trace and scan history (JSON). Logs the scan through a->scan_sink if set.
 * Never fails for bad input: a malformed or forged code is a verdict.
 */
int ocop_app_verify(json_t **out, struct ocop_app *a, const char *uri, size_t len, double lat,
                    double lon, const char *lang);
/* As ocop_app_verify, with the answer written as JSON text (what the API sends). */
int ocop_app_verify_text(struct ocop_buf *out, struct ocop_app *a, const char *uri, size_t len,
                         double lat, double lon, const char *lang);
/* Offline check of signature and syntax against a keys document (no database). */
int ocop_verify_offline(json_t **out, const char *uri, size_t len, json_t *keys, const char *lang);

#endif
