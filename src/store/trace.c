/* trace.c (store): a product's trace events (trace.h). */
#include "store/trace.h"
#include "store/store_internal.h"
#include "core/error.h"
#include "core/lang.h"

#include <string.h>

/* What everyone sees of an event; the office's columns after it. */
#define PUBLIC_COLUMNS                                                                             \
    "e.id AS id, e.at AS at, e.kind AS kind, e.description AS description, e.place AS place, "     \
    "w.code AS \"ward.code\", w.full_name AS \"ward.full_name\", w.full_name_en AS "               \
    "\"ward.full_name_en\", pv.code AS \"ward.province_code\", pv.name AS "                        \
    "\"ward.province_name\", pv.name_en AS \"ward.province_name_en\", b.lot AS lot"
#define OFFICE_COLUMNS                                                                             \
    ", e.product_id AS product_id, e.batch_id AS batch_id, e.recorded_at AS recorded_at, "         \
    "ru.id AS \"recorded_by.id\", ru.email AS \"recorded_by.email\", e.retracted_at AS "           \
    "retracted_at, xu.id AS \"retracted_by.id\", xu.email AS \"retracted_by.email\", "             \
    "e.retract_reason AS retract_reason"
#define JOINS                                                                                      \
    " FROM trace_events e LEFT JOIN wards w ON w.id = e.ward_id LEFT JOIN provinces pv ON "        \
    "pv.id = w.province_id LEFT JOIN stamp_batches b ON b.id = e.batch_id"
#define OFFICE_JOINS                                                                               \
    " LEFT JOIN users ru ON ru.id = e.recorded_by LEFT JOIN users xu ON xu.id = e.retracted_by"

int ocop_store_trace_insert(int64_t *id, struct ocop_store *st, const struct ocop_trace_row *e)
{
    static const char sql[] =
        "INSERT INTO trace_events(product_id, batch_id, at, at_order, kind, description, "
        "ward_id, place, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, "
        "(SELECT id FROM wards WHERE code = ?), ?, ?, ?)";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    char now[32];
    int rc;

    *id = 0;
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, e->product_id);
    if (e->batch_id > 0)
        sqlite3_bind_int64(s, 2, e->batch_id);
    store__bind_text(s, 3, e->at);
    sqlite3_bind_int64(s, 4, e->at_order);
    store__bind_text(s, 5, e->kind);
    store__bind_text(s, 6, e->description);
    store__bind_text(s, 7, e->ward_code);
    store__bind_text(s, 8, e->place);
    store__bind_text(s, 9, now);
    if (e->recorded_by > 0)
        sqlite3_bind_int64(s, 10, e->recorded_by);
    if ((rc = store__exec_stmt(st, s, "record trace event")) == 0)
        *id = sqlite3_last_insert_rowid(st->db);
    sqlite3_reset(s);
    return rc;
}

int ocop_store_trace_retract(struct ocop_store *st, int64_t id, int64_t user_id, const char *reason)
{
    static const char sql[] = "UPDATE trace_events SET retracted_at = ?, retracted_by = ?, "
                              "retract_reason = ? WHERE id = ? AND retracted_at IS NULL";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    long long n = 0;
    char now[32];
    int rc;

    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, now);
    if (user_id > 0)
        sqlite3_bind_int64(s, 2, user_id);
    store__bind_text(s, 3, reason);
    sqlite3_bind_int64(s, 4, id);
    rc = store__exec_stmt(st, s, "retract trace event");
    sqlite3_reset(s);
    if (rc)
        return rc;
    if (sqlite3_changes(st->db) == 1)
        return 0;
    if ((rc = store__count(&n, st, "SELECT count(*) FROM trace_events WHERE id = ?1", id)) != 0)
        return rc;
    return n ? ocop_error_set(OCOP_ECONFLICT, "this trace event was retracted already")
             : ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", "trace event",
                              ocop_word_vi("trace event"));
}

int ocop_store_trace_get(json_t **out, struct ocop_store *st, int64_t id)
{
    static const char sql[] =
        "SELECT " PUBLIC_COLUMNS OFFICE_COLUMNS JOINS OFFICE_JOINS " WHERE e.id = ?";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    return store__one(out, st, s, "trace event");
}

/* The rows of s (newest first) in time order, oldest first. */
static int trace__oldest_first(json_t **out, struct ocop_store *st, sqlite3_stmt *s)
{
    json_t *rows = NULL;
    int rc = store__rows(&rows, st, s);
    size_t n = json_array_size(rows);
    *out = NULL;
    if (rc)
        return rc;
    if (!(*out = json_array())) {
        json_decref(rows);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    for (size_t i = n; i > 0; i--)
        json_array_append(*out, json_array_get(rows, i - 1));
    json_decref(rows);
    return 0;
}

int ocop_store_trace_list(json_t **out, struct ocop_store *st, int64_t product_id, int office,
                          const char *lot)
{
    static const char office_sql[] =
        "SELECT " PUBLIC_COLUMNS OFFICE_COLUMNS JOINS OFFICE_JOINS
        " WHERE e.product_id = ?1 ORDER BY e.at_order DESC, e.id DESC LIMIT 500";
    static const char public_sql[] =
        "SELECT " PUBLIC_COLUMNS JOINS " WHERE e.product_id = ?1 AND e.retracted_at IS NULL "
        "AND (?2 IS NULL OR e.batch_id IS NULL OR b.lot = ?2) "
        "ORDER BY e.at_order DESC, e.id DESC LIMIT 500";
    _Static_assert(OCOP_TRACE_LIST_MAX == 500, "the statements' LIMIT");
    sqlite3_stmt *s = store__stmt_static(st, office ? office_sql : public_sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, product_id);
    if (!office)
        store__bind_text(s, 2, lot);
    return trace__oldest_first(out, st, s);
}

int ocop_store_trace_events(json_t **out, struct ocop_store *st, int64_t product_id,
                            int64_t batch_id)
{
    /* the lot by its code: a second batch printed for the same lot shows the same events */
    static const char sql[] =
        "SELECT " PUBLIC_COLUMNS JOINS " WHERE e.product_id = ?1 AND e.retracted_at IS NULL "
        "AND (e.batch_id IS NULL OR b.lot = (SELECT lot FROM stamp_batches WHERE id = ?2)) "
        "ORDER BY e.at_order DESC, e.id DESC LIMIT 100";
    _Static_assert(OCOP_TRACE_STAMP_MAX == 100, "the statement's LIMIT");
    sqlite3_stmt *s = store__stmt_static(st, sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, product_id);
    sqlite3_bind_int64(s, 2, batch_id);
    return trace__oldest_first(out, st, s);
}

int ocop_store_trace_has_lot_events(int *yes, struct ocop_store *st, int64_t product_id)
{
    /* stops at the first one: the product's rows by its index, no join */
    long long n = 0;
    int rc = store__count(&n, st,
                          "SELECT count(*) FROM (SELECT 1 FROM trace_events WHERE product_id = ?1 "
                          "AND batch_id IS NOT NULL AND retracted_at IS NULL LIMIT 1)",
                          product_id);
    *yes = rc == 0 && n > 0;
    return rc;
}

int ocop_store_trace_lot_batch(int64_t *batch_id, struct ocop_store *st, int64_t product_id,
                               const char *lot)
{
    static const char sql[] = "SELECT id FROM stamp_batches WHERE product_id = ? AND lot = ? "
                              "ORDER BY id DESC LIMIT 1";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    int rc;
    *batch_id = 0;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, product_id);
    store__bind_text(s, 2, lot);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *batch_id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE
               ? ocop_error_set(OCOP_ENOTFOUND, "this product has no stamp batch of that lot")
               : store__fail(st, "read lot");
}

int ocop_store_batch_product(int64_t *product_id, struct ocop_store *st, int64_t batch_id)
{
    sqlite3_stmt *s = store__stmt_static(st, "SELECT product_id FROM stamp_batches WHERE id = ?");
    int rc;
    *product_id = 0;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, batch_id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *product_id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s",
                                              "stamp batch", ocop_word_vi("stamp batch"))
                             : store__fail(st, "read batch");
}
