/* stats.c: counts behind the office dashboard, the office's targets, demo scan rows. */
#include "store/stats.h"
#include "store/store_internal.h"
#include "core/dates.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The SQL form of "in force" (core/dates.c: not revoked, not superseded, not ended). */
#define IN_FORCE "c.revoked_at IS NULL AND c.superseded_by IS NULL AND c.valid_until >= ?1"
#define PLACE " JOIN wards w ON w.id = p.ward_id JOIN provinces pv ON pv.id = w.province_id"
#define CERTIFIED                                                                                  \
    " FROM products p JOIN certificates c ON c.id = p.certificate_id" PLACE " WHERE " IN_FORCE     \
    " AND (?2 IS NULL OR pv.code = ?2)"

static const char *const by_sql[] = {
    [OCOP_STATS_BY_STARS] = "SELECT c.stars AS key, count(*) AS products" CERTIFIED
                            " GROUP BY c.stars ORDER BY c.stars",
    [OCOP_STATS_BY_SECTOR] = "SELECT p.sector AS key, count(*) AS products" CERTIFIED
                             " GROUP BY p.sector ORDER BY products DESC, p.sector",
    [OCOP_STATS_BY_YEAR] =
        "SELECT substr(c.decision_date, 1, 4) AS key, count(*) AS products" CERTIFIED
        " GROUP BY 1 ORDER BY 1",
    [OCOP_STATS_BY_WARD] =
        "SELECT w.code AS key, w.full_name AS name, w.full_name_en AS name_en, pv.name AS "
        "province, pv.name_en AS province_en, count(c.id) AS products "
        "FROM wards w JOIN provinces pv ON pv.id = w.province_id "
        "LEFT JOIN products p ON p.ward_id = w.id "
        "LEFT JOIN certificates c ON c.id = p.certificate_id AND " IN_FORCE
        " WHERE (?2 IS NULL OR pv.code = ?2) GROUP BY w.id "
        "HAVING products > 0 OR ?2 IS NOT NULL ORDER BY products DESC, w.name, w.code",
    [OCOP_STATS_BY_VILLAGE] =
        "SELECT CASE WHEN p.village_id IS NULL THEN 'none' WHEN v.recognised THEN 'recognised' "
        "ELSE 'village' END AS key, count(*) AS products FROM products p JOIN certificates c ON "
        "c.id = p.certificate_id" PLACE
        " LEFT JOIN villages v ON v.id = p.village_id WHERE " IN_FORCE
        " AND (?2 IS NULL OR pv.code = ?2) GROUP BY 1",
};

static void stats__day(char out[11], long day)
{
    ocop_date_format(out, 11, day);
}

int ocop_store_stats_products(json_t **out, struct ocop_store *st, enum ocop_stats_by by,
                              const char *province_code, long today)
{
    char d[11];
    sqlite3_stmt *s;

    *out = NULL;
    if ((int)by < 0 || (size_t)by >= sizeof(by_sql) / sizeof(by_sql[0]))
        return ocop_error_set(OCOP_EINVALID, "no such count");
    if (!(s = store__stmt_static(st, by_sql[by])))
        return -1;
    stats__day(d, today);
    sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
    store__bind_text(s, 2, province_code);
    return store__rows(out, st, s);
}

int ocop_store_stats_certs(struct ocop_stats_certs *out, struct ocop_store *st,
                           const char *province_code, long today)
{
    static const char sql[] =
        "SELECT count(*), coalesce(sum(" IN_FORCE "), 0), "
        "coalesce(sum(" IN_FORCE " AND c.valid_until < ?3), 0), "
        "coalesce(sum(c.revoked_at IS NULL AND c.valid_until < ?1), 0), "
        "coalesce(sum(c.revoked_at IS NOT NULL), 0), coalesce(sum(c.id IS NULL), 0), "
        "coalesce(sum(" IN_FORCE " AND c.five_star_candidate), 0), "
        "coalesce(sum(" IN_FORCE " AND c.stars = 3), 0), "
        "coalesce(sum(" IN_FORCE " AND c.stars = 4), 0), "
        "coalesce(sum(" IN_FORCE " AND c.stars = 5), 0) "
        "FROM products p LEFT JOIN certificates c ON c.id = p.certificate_id" PLACE
        " WHERE (?2 IS NULL OR pv.code = ?2)";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    char d[11], soon[11];
    int rc;

    memset(out, 0, sizeof(*out));
    if (!s)
        return -1;
    stats__day(d, today);
    stats__day(soon, today + OCOP_CERT_EXPIRING_DAYS);
    sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
    store__bind_text(s, 2, province_code);
    sqlite3_bind_text(s, 3, soon, -1, SQLITE_TRANSIENT);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->products = (long)sqlite3_column_int64(s, 0);
        out->certified = (long)sqlite3_column_int64(s, 1);
        out->expiring = (long)sqlite3_column_int64(s, 2);
        out->expired = (long)sqlite3_column_int64(s, 3);
        out->revoked = (long)sqlite3_column_int64(s, 4);
        out->uncertified = (long)sqlite3_column_int64(s, 5);
        out->candidates = (long)sqlite3_column_int64(s, 6);
        for (int i = 3; i <= 5; i++)
            out->stars[i] = (long)sqlite3_column_int64(s, 4 + i);
    }
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : store__fail(st, "count certificates");
}

int ocop_store_stats_cert_list(json_t **out, struct ocop_store *st, const char *province_code,
                               long today, int expired, long limit)
{
#define LIST_COLS                                                                                  \
    "SELECT p.id, p.name, w.full_name AS ward, w.full_name_en AS ward_en, c.stars, c.number, "     \
    "c.valid_until FROM products p "                                                               \
    "JOIN certificates c ON c.id = p.certificate_id" PLACE " WHERE (?2 IS NULL OR pv.code = ?2) "
    static const char expiring_sql[] = LIST_COLS "AND " IN_FORCE " AND c.valid_until < ?3 "
                                                 "ORDER BY c.valid_until, p.id LIMIT ?4";
    static const char expired_sql[] = LIST_COLS "AND c.revoked_at IS NULL AND c.valid_until < ?1 "
                                                "ORDER BY c.valid_until DESC, p.id LIMIT ?4";
#undef LIST_COLS
    sqlite3_stmt *s = store__stmt_static(st, expired ? expired_sql : expiring_sql);
    char d[11], soon[11];

    *out = NULL;
    if (!s)
        return -1;
    stats__day(d, today);
    stats__day(soon, today + OCOP_CERT_EXPIRING_DAYS);
    sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
    store__bind_text(s, 2, province_code);
    if (!expired)
        sqlite3_bind_text(s, 3, soon, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, limit > 0 ? limit : -1);
    return store__rows(out, st, s);
}

int ocop_store_stats_dossiers(json_t **out, struct ocop_store *st, const char *province_code)
{
    static const char sql[] = "SELECT d.state, count(*) AS dossiers FROM dossiers d JOIN products "
                              "p ON p.id = d.product_id" PLACE " WHERE (?1 IS NULL OR pv.code = "
                              "?1) GROUP BY d.state";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    *out = NULL;
    if (!s)
        return -1;
    store__bind_text(s, 1, province_code);
    return store__rows(out, st, s);
}

int ocop_store_stats_scans(json_t **out, struct ocop_store *st, const char *province_code,
                           long long since_ms)
{
    static const char all[] = "SELECT date(at / 1000, 'unixepoch') AS day, verdict, count(*) AS "
                              "scans FROM scans WHERE at >= ?1 GROUP BY 1, 2 ORDER BY 1, 2";
    static const char one[] =
        "SELECT date(s.at / 1000, 'unixepoch') AS day, s.verdict, count(*) AS scans FROM scans s "
        "LEFT JOIN stamps t ON t.id = s.stamp_id LEFT JOIN stamp_batches sb ON sb.id = t.batch_id "
        "LEFT JOIN products p ON p.id = sb.product_id LEFT JOIN wards w ON w.id = p.ward_id "
        "LEFT JOIN provinces pv ON pv.id = w.province_id WHERE s.at >= ?1 AND "
        "(s.stamp_id IS NULL OR pv.code = ?2) GROUP BY 1, 2 ORDER BY 1, 2";
    sqlite3_stmt *s = store__stmt_static(st, province_code ? one : all);
    *out = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, since_ms);
    if (province_code)
        store__bind_text(s, 2, province_code);
    return store__rows(out, st, s);
}

static int stats__count(long long *out, struct ocop_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : store__fail(st, what);
}

int ocop_store_stats_in_force(long long *out, struct ocop_store *st, const char *province_code,
                              int stars, int candidates, long day, int current)
{
#define FILTERS " AND (?3 = 0 OR c.stars = ?3) AND (?4 = 0 OR c.five_star_candidate = 1)"
    static const char now_sql[] = "SELECT count(*)" CERTIFIED FILTERS;
    static const char then_sql[] =
        "SELECT count(DISTINCT c.product_id) FROM certificates c JOIN products p ON p.id = "
        "c.product_id" PLACE " WHERE c.valid_from <= ?1 AND c.valid_until >= ?1 AND "
        "(c.revoked_at IS NULL OR c.revoked_at > ?1) AND (?2 IS NULL OR pv.code = ?2)" FILTERS;
#undef FILTERS
    sqlite3_stmt *s = store__stmt_static(st, current ? now_sql : then_sql);
    char d[11];

    *out = 0;
    if (!s)
        return -1;
    stats__day(d, day);
    sqlite3_bind_text(s, 1, d, -1, SQLITE_TRANSIENT);
    store__bind_text(s, 2, province_code);
    sqlite3_bind_int(s, 3, stars);
    sqlite3_bind_int(s, 4, candidates != 0);
    return stats__count(out, st, s, "count certified products");
}

int ocop_store_stats_decided(long long *out, struct ocop_store *st, const char *province_code,
                             int stars, int candidates, int year)
{
    static const char sql[] =
        "SELECT count(*) FROM certificates c JOIN products p ON p.id = c.product_id" PLACE
        " WHERE c.decision_date >= ?1 AND c.decision_date < ?5 AND (?2 IS NULL OR pv.code = ?2) "
        "AND (?3 = 0 OR c.stars = ?3) AND (?4 = 0 OR c.five_star_candidate = 1)";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    char from[11], to[11];

    *out = 0;
    if (!s)
        return -1;
    ocop_date_format(from, sizeof(from), ocop_date_days(year, 1, 1));
    ocop_date_format(to, sizeof(to), ocop_date_days(year + 1, 1, 1));
    sqlite3_bind_text(s, 1, from, -1, SQLITE_TRANSIENT);
    store__bind_text(s, 2, province_code);
    sqlite3_bind_int(s, 3, stars);
    sqlite3_bind_int(s, 4, candidates != 0);
    sqlite3_bind_text(s, 5, to, -1, SQLITE_TRANSIENT);
    return stats__count(out, st, s, "count certificates");
}

/* ------------------------------------------------------------------ targets */

int ocop_store_target_set(struct ocop_store *st, const char *province_code, int year,
                          const char *metric, long long value, const char *label)
{
#define WHERE_TARGET                                                                               \
    " WHERE province_id IS (SELECT id FROM provinces WHERE code = ?1) AND year = ?2 AND "          \
    "metric = ?3"
    static const char del[] = "DELETE FROM targets" WHERE_TARGET;
    static const char upd[] = "UPDATE targets SET value = ?4, label = ?5" WHERE_TARGET;
    static const char ins[] = "INSERT INTO targets(province_id, year, metric, value, label) "
                              "VALUES ((SELECT id FROM provinces WHERE code = ?1), ?2, ?3, ?4, ?5)";
#undef WHERE_TARGET
    sqlite3_stmt *s = store__stmt_static(st, value ? upd : del);
    int pass;

    for (pass = 0; pass < 2; pass++) {
        if (!s)
            return -1;
        store__bind_text(s, 1, province_code);
        sqlite3_bind_int(s, 2, year);
        store__bind_text(s, 3, metric);
        if (value) {
            sqlite3_bind_int64(s, 4, value);
            store__bind_text(s, 5, label && *label ? label : NULL);
        }
        if (store__exec_stmt(st, s, "save target"))
            return -1;
        if (!value || sqlite3_changes(st->db) > 0)
            return 0;
        s = store__stmt_static(st, ins);
    }
    return 0;
}

int ocop_store_targets(json_t **out, struct ocop_store *st, const char *province_code)
{
    static const char sql[] = "SELECT t.year, t.metric, t.value, t.label FROM targets t LEFT JOIN "
                              "provinces pv ON pv.id = t.province_id WHERE pv.code IS ?1 "
                              "ORDER BY t.year DESC, t.metric";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    *out = NULL;
    if (!s)
        return -1;
    store__bind_text(s, 1, province_code);
    return store__rows(out, st, s);
}

/* ------------------------------------------------------------------ id lists */

/* The first column of every row of s, as a new array of ids. */
static int store__ids(int64_t **ids, size_t *n, struct ocop_store *st, sqlite3_stmt *s,
                      const char *what)
{
    size_t cap = 0, len = 0;
    int64_t *v = NULL, *grown;
    int rc;

    *ids = NULL;
    *n = 0;
    if (!s)
        return -1;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (len == cap) {
            cap = cap ? cap * 2 : 256;
            if (!(grown = realloc(v, cap * sizeof(*v)))) {
                rc = SQLITE_NOMEM;
                break;
            }
            v = grown;
        }
        v[len++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(v);
        return rc == SQLITE_NOMEM ? ocop_error_set(OCOP_ERROR, "out of memory")
                                  : store__fail(st, what);
    }
    *ids = v;
    *n = len;
    return 0;
}

int ocop_store_stamp_ids(int64_t **ids, size_t *n, struct ocop_store *st, int64_t batch_id)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT id FROM stamps WHERE batch_id = ? ORDER BY id");
    if (s)
        sqlite3_bind_int64(s, 1, batch_id);
    return store__ids(ids, n, st, s, "read stamps");
}

int ocop_store_product_ids(int64_t **ids, size_t *n, struct ocop_store *st)
{
    return store__ids(ids, n, st, store__stmt(st, "SELECT id FROM products ORDER BY id"),
                      "read products");
}
