/* store.c: the SQLite connection, statement cache, transactions and migrations. */
#include "store/store_internal.h"
#include "store/migrations.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/text.h"

#include <pthread.h>
#include <sys/stat.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Commits made by this process: a reused read snapshot older than this is stale. */
static atomic_ulong commit_generation;
static pthread_once_t sqlite_once = PTHREAD_ONCE_INIT;

/* Process-wide SQLite settings, before its first use: no global allocation counters
 * (they take a mutex on every malloc). */
static void store__configure_sqlite(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

#define STORE_BUSY_MS 5000 /* as in the pragmas below */

static const char *const pragmas =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA busy_timeout=5000;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-32000;"
    "PRAGMA mmap_size=1073741824;"; /* reads from the page cache, without a copy per page */

/* SQL function ocop_fold(text): the same folding as the search index (core/text.c). */
static void store__fold_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const unsigned char *in = sqlite3_value_text(argv[0]);
    char *folded;
    (void)argc;
    if (!in) {
        sqlite3_result_null(ctx);
        return;
    }
    folded = ocop_text_fold((const char *)in);
    if (folded)
        sqlite3_result_text(ctx, folded, -1, free);
    else
        sqlite3_result_null(ctx);
}

int ocop_store_open(struct ocop_store **out, const char *path, unsigned flags)
{
    struct ocop_store *st = NULL;
    int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    int rc = 0;

    *out = NULL;
    pthread_once(&sqlite_once, store__configure_sqlite);
    oflags |= (flags & OCOP_STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (flags & OCOP_STORE_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    st = calloc(1, sizeof(*st));
    if (!st)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
        rc = ocop_error_set(OCOP_ENOTFOUND, "cannot open the database: %s",
                            st->db ? sqlite3_errmsg(st->db) : "out of memory");
        goto done;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_create_function(st->db, "ocop_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            store__fold_fn, NULL, NULL);
    if (sqlite3_exec(st->db, pragmas, NULL, NULL, NULL) != SQLITE_OK) {
        rc = ocop_error_set(OCOP_ERROR, "cannot configure the database: %s",
                            sqlite3_errmsg(st->db));
        goto done;
    }
    {
        const char *file = sqlite3_db_filename(st->db, "main");
        if (file && *file && asprintf(&st->wal_path, "%s-wal", file) < 0)
            st->wal_path = NULL;
    }
    *out = st;
    st = NULL;
done:
    ocop_store_free(st);
    return rc;
}

void ocop_store_free(struct ocop_store *st)
{
    if (!st)
        return;
    for (int i = 0; i < st->cached; i++) {
        sqlite3_finalize(st->cache[i].stmt);
        free(st->cache[i].sql);
    }
    sqlite3_close(st->db);
    free(st->wal_path);
    free(st);
}

static unsigned long store__hash(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

sqlite3_stmt *store__stmt_static(struct ocop_store *st, const char *sql)
{
    sqlite3_stmt *s;
    for (int i = st->cached - 1; i >= 0; i--) {
        if (st->cache[i].origin == sql) {
            s = st->cache[i].stmt;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return s;
        }
    }
    s = store__stmt(st, sql);
    for (int i = st->cached - 1; s && i >= 0; i--)
        if (st->cache[i].stmt == s)
            st->cache[i].origin = sql;
    return s;
}

sqlite3_stmt *store__stmt(struct ocop_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    unsigned long h;
    int i;

    h = store__hash(sql);
    for (i = st->cached - 1; i >= 0; i--) {
        if (st->cache[i].hash == h && strcmp(st->cache[i].sql, sql) == 0) {
            s = st->cache[i].stmt;
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            return s;
        }
    }
    if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
        ocop_error_set(OCOP_ERROR, "cannot prepare a statement: %s", sqlite3_errmsg(st->db));
        return NULL;
    }
    if (st->cached == STORE_CACHE_SIZE) {
        /* evict the oldest entry; the cache holds the hot statements in practice */
        sqlite3_finalize(st->cache[0].stmt);
        free(st->cache[0].sql);
        memmove(&st->cache[0], &st->cache[1], sizeof(st->cache[0]) * (STORE_CACHE_SIZE - 1));
        st->cached--;
    }
    st->cache[st->cached].sql = strdup(sql);
    st->cache[st->cached].hash = h;
    st->cache[st->cached].origin = NULL; /* the caller's buffer may be reused for other SQL */
    st->cache[st->cached].stmt = s;
    st->cached++;
    return s;
}

int store__fail(struct ocop_store *st, const char *what)
{
    int ext = sqlite3_extended_errcode(st->db);
    switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return ocop_error_set(OCOP_EEXISTS, "%s: a record with the same unique value exists", what);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return ocop_error_set(OCOP_ECONFLICT, "%s: other records refer to it, or it refers to a "
                              "missing record", what);
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
        return ocop_error_set(OCOP_EINVALID, "%s: a value is not allowed", what);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ocop_error_set(OCOP_ERROR, "%s: the database is busy", what);
    default:
        return ocop_error_set(OCOP_ERROR, "%s: database error (%d)", what, ext);
    }
}

void store__bind_text(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

void store__bind_json(sqlite3_stmt *s, int i, json_t *v)
{
    if (json_is_string(v))
        sqlite3_bind_text(s, i, json_string_value(v), (int)json_string_length(v), SQLITE_TRANSIENT);
    else if (json_is_integer(v))
        sqlite3_bind_int64(s, i, json_integer_value(v));
    else if (json_is_real(v))
        sqlite3_bind_double(s, i, json_real_value(v));
    else if (json_is_boolean(v))
        sqlite3_bind_int(s, i, json_is_true(v));
    else
        sqlite3_bind_null(s, i);
}

static json_t *store__column_json(sqlite3_stmt *s, int i)
{
    const char *decl;
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER:
        decl = sqlite3_column_decltype(s, i);
        if (decl && strcmp(decl, "BOOLEAN") == 0)
            return json_boolean(sqlite3_column_int(s, i));
        return json_integer(sqlite3_column_int64(s, i));
    case SQLITE_FLOAT:
        return json_real(sqlite3_column_double(s, i));
    case SQLITE_TEXT:
        return json_stringn((const char *)sqlite3_column_text(s, i),
                            (size_t)sqlite3_column_bytes(s, i));
    default:
        return json_null();
    }
}

json_t *store__row_json(sqlite3_stmt *s)
{
    json_t *row = json_object(), *sub;
    int n = sqlite3_column_count(s);
    const char *key, *dot;
    void *iter;

    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(s, i);
        dot = strchr(name, '.');
        if (!dot) {
            json_object_set_new(row, name, store__column_json(s, i));
            continue;
        }
        char parent[64];
        size_t plen = (size_t)(dot - name) < sizeof(parent) - 1 ? (size_t)(dot - name)
                                                                : sizeof(parent) - 1;
        memcpy(parent, name, plen);
        parent[plen] = '\0';
        sub = json_object_get(row, parent);
        if (!sub) {
            sub = json_object();
            json_object_set_new(row, parent, sub);
        }
        json_object_set_new(sub, dot + 1, store__column_json(s, i));
    }
    /* nested objects without identity are absent relations: null */
    for (iter = json_object_iter(row); iter; iter = json_object_iter_next(row, iter)) {
        key = json_object_iter_key(iter);
        sub = json_object_iter_value(iter);
        (void)key;
        if (json_is_object(sub)) {
            json_t *idv = json_object_get(sub, "id");
            if (!idv)
                idv = json_object_get(sub, "code");
            if (idv && json_is_null(idv))
                json_object_iter_set_new(row, iter, json_null());
        }
    }
    return row;
}

int store__rows(json_t **out, struct ocop_store *st, sqlite3_stmt *s)
{
    json_t *items = json_array();
    int rc;
    *out = NULL;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        json_array_append_new(items, store__row_json(s));
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return store__fail(st, "read");
    }
    *out = items;
    return 0;
}

int store__count(long long *n, struct ocop_store *st, const char *sql, int64_t id)
{
    sqlite3_stmt *s = store__stmt(st, sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store__fail(st, "count");
    }
    *n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

int store__one(json_t **out, struct ocop_store *st, sqlite3_stmt *s, const char *what)
{
    json_t *rows = NULL;
    int rc = store__rows(&rows, st, s);
    *out = NULL;
    if (rc)
        return rc;
    if (json_array_size(rows) == 0) {
        json_decref(rows);
        return ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", what, ocop_word_vi(what));
    }
    *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return 0;
}

int store__exec_stmt(struct ocop_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return store__fail(st, what);
    return 0;
}

void store__now(char out[32])
{
    ocop_time_format(out, 32, time(NULL));
}

/* Reads the WAL file's identity: it changes with every commit, from any process. */
static int store__wal_stat(struct ocop_store *st, long long out[3])
{
    struct stat sb;
    if (!st->wal_path || stat(st->wal_path, &sb) != 0)
        return -1;
    out[0] = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
    out[1] = (long long)sb.st_size;
    out[2] = (long long)sb.st_ino;
    return 0;
}

/* What cached answers depend on: the data version (bumped by the triggers of migration
 * 0006 on every change to what public answers show) and the day, since answers show
 * today's certificate status. 0 if unknown (nothing is cached then). */
static unsigned long store__data_epoch(struct ocop_store *st)
{
    static const char sql[] = "SELECT n FROM data_version WHERE id = 1";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    unsigned long n = 0;
    if (s && sqlite3_step(s) == SQLITE_ROW)
        n = (unsigned long)sqlite3_column_int64(s, 0);
    if (s)
        sqlite3_reset(s);
    return n ? n * 100000UL + (unsigned long)ocop_date_today(time(NULL)) : 0;
}

int ocop_store_snapshot(struct ocop_store *st, long long now_ms, long long max_age_ms)
{
    unsigned long gen = atomic_load(&commit_generation);
    long long wal[3];

    /* within the millisecond of the last look at the WAL, only this process's commits
     * can have changed anything, and the commit counter tells of those */
    if (st->in_read && gen == st->read_gen && now_ms == st->wal_seen.at_ms)
        return 0;
    if (store__wal_stat(st, wal) != 0) {
        ocop_store_snapshot_end(st);
        return ocop_error_set(OCOP_ERROR, "no write-ahead log to watch");
    }
    if (st->in_read && gen == st->read_gen && now_ms - st->read_ms < max_age_ms &&
        wal[0] == st->wal_seen.mtime_ns && wal[1] == st->wal_seen.size &&
        wal[2] == st->wal_seen.ino) {
        st->wal_seen.at_ms = now_ms;
        return 0;
    }
    ocop_store_snapshot_end(st);
    if (sqlite3_exec(st->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
        return store__fail(st, "begin read");
    st->in_read = 1;
    st->epoch = store__data_epoch(st);
    st->read_gen = gen;
    st->read_ms = now_ms;
    st->wal_seen.mtime_ns = wal[0];
    st->wal_seen.size = wal[1];
    st->wal_seen.ino = wal[2];
    st->wal_seen.at_ms = now_ms;
    return 0;
}

unsigned long ocop_store_snapshot_epoch(struct ocop_store *st)
{
    return st->in_read ? st->epoch : 0;
}

void ocop_store_snapshot_end(struct ocop_store *st)
{
    if (!st->in_read)
        return;
    sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
    st->in_read = 0;
}

long long ocop_store_wal_size(struct ocop_store *st)
{
    struct stat sb;
    return st->wal_path && stat(st->wal_path, &sb) == 0 ? (long long)sb.st_size : 0;
}

int ocop_store_checkpoint(struct ocop_store *st, int restart, int wait_ms)
{
    int rc;
    if (restart)
        sqlite3_busy_timeout(st->db, wait_ms);
    rc = sqlite3_wal_checkpoint_v2(st->db, NULL, restart ? SQLITE_CHECKPOINT_TRUNCATE
                                                         : SQLITE_CHECKPOINT_PASSIVE,
                                   NULL, NULL);
    if (restart)
        sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
    if (rc == SQLITE_OK)
        return 0;
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? 1 : store__fail(st, "checkpoint");
}

int ocop_store_begin(struct ocop_store *st)
{
    ocop_store_snapshot_end(st); /* a write starts from the newest data */
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store__fail(st, "begin");
    st->in_tx = 1;
    return 0;
}

int ocop_store_commit(struct ocop_store *st)
{
    if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = store__fail(st, "commit");
        ocop_store_rollback(st);
        return rc;
    }
    st->in_tx = 0;
    atomic_fetch_add(&commit_generation, 1);
    return 0;
}

void ocop_store_rollback(struct ocop_store *st)
{
    if (st->in_tx || !sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
}

static int store__user_version(struct ocop_store *st, int *v)
{
    sqlite3_stmt *s = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_step(s) != SQLITE_ROW)
        rc = store__fail(st, "schema version");
    else
        *v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return rc;
}

int ocop_store_migrate(struct ocop_store *st, int *from, int *to)
{
    int version = 0, rc;
    char pragma[48];

    if ((rc = store__user_version(st, &version)) != 0)
        return rc;
    if (from)
        *from = version;
    for (int i = 0; i < ocop_migrations_count; i++) {
        const struct ocop_migration *m = &ocop_migrations[i];
        if (m->version <= version)
            continue;
        if ((rc = ocop_store_begin(st)) != 0)
            return rc;
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", m->version);
        if (sqlite3_exec(st->db, m->sql, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            rc = ocop_error_set(OCOP_ERROR, "migration %s failed: %s", m->name,
                                sqlite3_errmsg(st->db));
            ocop_store_rollback(st);
            return rc;
        }
        if ((rc = ocop_store_commit(st)) != 0)
            return rc;
        version = m->version;
    }
    if (to)
        *to = version;
    return 0;
}

int ocop_store_check_schema(struct ocop_store *st)
{
    int version = 0, rc = store__user_version(st, &version);
    int latest = ocop_migrations[ocop_migrations_count - 1].version;
    if (rc)
        return rc;
    if (version == 0)
        return ocop_error_set(OCOP_ENOTFOUND, "the database is empty: run `ocop db init` first");
    if (version < latest)
        return ocop_error_set(OCOP_ECONFLICT,
                              "the database schema is version %d, this ocop needs %d: run "
                              "`ocop db init` to migrate",
                              version, latest);
    if (version > latest)
        return ocop_error_set(OCOP_ECONFLICT,
                              "the database was made by a newer ocop (schema %d > %d)", version,
                              latest);
    return 0;
}
