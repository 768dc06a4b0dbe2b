/* store_internal.h: shared helpers of the SQLite backend (only src/store/ includes it). */
#ifndef OCOP_STORE_INTERNAL_H
#define OCOP_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

#define STORE_CACHE_SIZE 96

struct store_cached {
    char *sql;
    const char *origin; /* the caller's pointer: a hit without hashing for static SQL */
    unsigned long hash;
    sqlite3_stmt *stmt;
};

struct ocop_store {
    sqlite3 *db;
    int in_tx;               /* a write transaction is open */
    int in_read;             /* a reused read snapshot is open (ocop_store_snapshot) */
    unsigned long read_gen;  /* the commit generation the snapshot was taken at */
    long long read_ms;       /* when it was taken */
    unsigned long epoch;     /* the snapshot's data version and day (ocop_store_snapshot_epoch) */
    char *wal_path;          /* "<db>-wal": its stat() tells of commits by other processes */
    struct { long long mtime_ns, size, ino, at_ms; } wal_seen; /* as stat() last saw it */
    struct store_cached cache[STORE_CACHE_SIZE];
    int cached;
};

/* A prepared statement from the per-connection cache, reset and unbound. Never free it. */
sqlite3_stmt *store__stmt(struct ocop_store *st, const char *sql);
/* As store__stmt for SQL at a fixed address that never changes (literals, tables built
 * once): found by pointer, without hashing the text. */
sqlite3_stmt *store__stmt_static(struct ocop_store *st, const char *sql);
/* Maps the last SQLite failure to an ocop error (constraint -> EEXISTS/ECONFLICT...). */
int store__fail(struct ocop_store *st, const char *what);
/* Binds text, or NULL when s is NULL. */
void store__bind_text(sqlite3_stmt *s, int i, const char *v);
/* Binds a JSON scalar (string/int/real/bool/null). */
void store__bind_json(sqlite3_stmt *s, int i, json_t *v);
/* A row as a JSON object. Column names with a dot ("ward.code") nest; a nested object
 * whose "id" or "code" is NULL becomes null; BOOLEAN columns become true/false. */
json_t *store__row_json(sqlite3_stmt *s);
/* Steps a statement to the end and answers its rows as a new JSON array. */
int store__rows(json_t **out, struct ocop_store *st, sqlite3_stmt *s);
/* The one number a query with one id parameter (?1) answers: a count(*). */
int store__count(long long *n, struct ocop_store *st, const char *sql, int64_t id);
/* The first row as a JSON object; OCOP_ENOTFOUND ("no <what> has that id") if none. */
int store__one(json_t **out, struct ocop_store *st, sqlite3_stmt *s, const char *what);
/* Runs a statement expected to finish without rows. */
int store__exec_stmt(struct ocop_store *st, sqlite3_stmt *s, const char *what);
/* Now as "YYYY-MM-DDTHH:MM:SSZ". */
void store__now(char out[32]);


/* ---- product search (store/search.c) ---- */
/* Rewrites the product's search row from its name, producer, village and ward. */
int store__fts_product(struct ocop_store *st, int64_t product_id);
/* Rewrites the search rows of every product of a producer or village. */
int store__fts_products_of(struct ocop_store *st, const char *column, int64_t id);
int store__fts_delete(struct ocop_store *st, int64_t product_id);
/* An FTS5 MATCH expression for a user's query (new string), or NULL when it has no words. */
char *store__fts_match(const char *q);

#endif
