/* stamps.c (store): signing keys, stamp batches, stamps and the scan log. */
#include "store/stamps.h"
#include "core/verdict.h"
#include "store/store_internal.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/stamp.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ocop_store_key_insert(int64_t *id, struct ocop_store *st, const char *kid,
                          const unsigned char pk[32], const unsigned char sk[64])
{
    char now[32];
    sqlite3_stmt *s = store__stmt(st, "INSERT INTO signing_keys(kid, public_key, secret_key, "
                                      "status, created_at) VALUES (?, ?, ?, 'active', ?)");
    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, kid);
    sqlite3_bind_blob(s, 2, pk, 32, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 3, sk, 64, SQLITE_TRANSIENT);
    store__bind_text(s, 4, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        int rc = sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE
                     ? ocop_error_set(OCOP_EEXISTS, "a key with that id exists")
                     : store__fail(st, "save key");
        sqlite3_reset(s);
        return rc;
    }
    sqlite3_reset(s);
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int ocop_store_key_active(struct ocop_signing_key *out, struct ocop_store *st)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT id, kid, public_key, secret_key FROM signing_keys "
                                      "WHERE status = 'active' ORDER BY id DESC LIMIT 1");
    int rc;
    if (!s)
        return -1;
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(s, 2) == 32 && sqlite3_column_bytes(s, 3) == 64) {
        out->id = sqlite3_column_int64(s, 0);
        snprintf(out->kid, sizeof(out->kid), "%s", sqlite3_column_text(s, 1));
        memcpy(out->pk, sqlite3_column_blob(s, 2), 32);
        memcpy(out->sk, sqlite3_column_blob(s, 3), 64);
        sqlite3_reset(s);
        return 0;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW
               ? ocop_error_set(OCOP_ENOTFOUND, "no active signing key: run `ocop keys generate`")
               : store__fail(st, "read key");
}

int ocop_store_key_retire_others(struct ocop_store *st, int64_t keep)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(st, "UPDATE signing_keys SET status = 'retired', retired_at = ? "
                                      "WHERE status = 'active' AND id <> ?");
    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, now);
    sqlite3_bind_int64(s, 2, keep);
    return store__exec_stmt(st, s, "retire keys");
}

int ocop_store_keys(json_t **out, struct ocop_store *st)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT kid, public_key, status, created_at, retired_at "
                                      "FROM signing_keys ORDER BY id");
    char b64[64];
    json_t *items = json_array();
    int rc;
    if (!s) {
        json_decref(items);
        return -1;
    }
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sodium_bin2base64(b64, sizeof(b64), sqlite3_column_blob(s, 1),
                          (size_t)sqlite3_column_bytes(s, 1), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "kid",
                                               sqlite3_column_text(s, 0), "alg", "Ed25519",
                                               "public_key", b64, "status", sqlite3_column_text(s, 2),
                                               "created_at", sqlite3_column_text(s, 3), "retired_at",
                                               sqlite3_column_text(s, 4)));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return store__fail(st, "read keys");
    }
    *out = items;
    return 0;
}

static void stamps__bind_day(sqlite3_stmt *s, int i, long day)
{
    char d[11];
    if (day < 0) {
        sqlite3_bind_null(s, i);
        return;
    }
    ocop_date_format(d, sizeof(d), day);
    store__bind_text(s, i, d);
}

int ocop_store_batch_insert(int64_t *id, struct ocop_store *st, const struct ocop_batch_new *b)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO stamp_batches(product_id, certificate_id, key_id, lot, production_date, "
            "expiry_date, release_date, count, gtin, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)");
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, b->product_id);
    sqlite3_bind_int64(s, 2, b->certificate_id);
    sqlite3_bind_int64(s, 3, b->key_id);
    store__bind_text(s, 4, b->lot);
    stamps__bind_day(s, 5, b->production);
    stamps__bind_day(s, 6, b->expiry);
    stamps__bind_day(s, 7, b->release);
    sqlite3_bind_int64(s, 8, b->count);
    store__bind_text(s, 9, b->gtin);
    store__bind_text(s, 10, now);
    if (store__exec_stmt(st, s, "save batch"))
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int ocop_store_stamp_insert(struct ocop_store *st, int64_t batch_id, const char *serial,
                            const unsigned char sig[64])
{
    static const char sql[] = "INSERT INTO stamps(batch_id, serial, sig) VALUES (?, ?, ?)";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, batch_id);
    sqlite3_bind_text(s, 2, serial, -1, SQLITE_STATIC);
    sqlite3_bind_blob(s, 3, sig, 64, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE
                   ? ocop_error_set(OCOP_ECONFLICT, "a serial repeated (the random source is broken)")
                   : store__fail(st, "save stamp");
    return 0;
}

#define BATCH_COLUMNS                                                                           \
    "SELECT b.id, b.lot, b.production_date, b.expiry_date, b.release_date, b.count, b.gtin, "   \
    "b.revoked_at, b.revoke_reason, b.created_at, b.product_id, p.name AS \"product.name\", "   \
    "p.id AS \"product.id\", p.short_name AS \"product.short_name\", b.certificate_id, "        \
    "k.kid AS key_id FROM stamp_batches b JOIN products p ON p.id = b.product_id "              \
    "JOIN signing_keys k ON k.id = b.key_id "

int ocop_store_batch_get(json_t **out, struct ocop_store *st, int64_t id)
{
    sqlite3_stmt *s = store__stmt(st, BATCH_COLUMNS "WHERE b.id = ?");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    return store__one(out, st, s, "stamp batch");
}

int ocop_store_batch_list(json_t **out, struct ocop_store *st, int64_t product_id)
{
    sqlite3_stmt *s = store__stmt(st, BATCH_COLUMNS "WHERE ?1 = 0 OR b.product_id = ?1 "
                                                    "ORDER BY b.id DESC LIMIT 500");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, product_id);
    return store__rows(out, st, s);
}

int ocop_store_batch_each(struct ocop_store *st, int64_t batch_id,
                          int (*fn)(void *arg, const char *serial, const unsigned char sig[64]),
                          void *arg)
{
    /* a statement of its own: the callback may use the cache meanwhile */
    sqlite3_stmt *s = NULL;
    int rc = 0, step;
    if (sqlite3_prepare_v2(st->db, "SELECT serial, sig FROM stamps WHERE batch_id = ? ORDER BY id",
                           -1, &s, NULL) != SQLITE_OK)
        return store__fail(st, "read stamps");
    sqlite3_bind_int64(s, 1, batch_id);
    while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW)
        rc = fn(arg, (const char *)sqlite3_column_text(s, 0), sqlite3_column_blob(s, 1));
    if (rc == 0 && step != SQLITE_DONE)
        rc = store__fail(st, "read stamps");
    sqlite3_finalize(s);
    return rc;
}

static int stamps__revoke(struct ocop_store *st, const char *sql, int64_t id, const char *serial,
                          long day, const char *reason, const char *what)
{
    sqlite3_stmt *s = store__stmt(st, sql);
    if (!s)
        return -1;
    stamps__bind_day(s, 1, day);
    store__bind_text(s, 2, reason);
    if (serial)
        store__bind_text(s, 3, serial);
    else
        sqlite3_bind_int64(s, 3, id);
    if (store__exec_stmt(st, s, "revoke"))
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return ocop_error_set(OCOP_ECONFLICT, "this %s is unknown or already revoked%.0s", what,
                              ocop_word_vi(what));
    return 0;
}

int ocop_store_batch_revoke(struct ocop_store *st, int64_t batch_id, long day, const char *reason)
{
    return stamps__revoke(st, "UPDATE stamp_batches SET revoked_at = ?, revoke_reason = ? "
                              "WHERE id = ? AND revoked_at IS NULL", batch_id, NULL, day, reason,
                          "lot");
}

int ocop_store_stamp_revoke(struct ocop_store *st, const char *serial, long day,
                            const char *reason)
{
    return stamps__revoke(st, "UPDATE stamps SET revoked_at = ?, revoke_reason = ? "
                              "WHERE serial = ? AND revoked_at IS NULL", 0, serial, day, reason,
                          "stamp");
}

static const char batch_view_sql[] =
    "SELECT b.id AS \"batch.id\", b.lot AS \"batch.lot\", b.gtin AS "
    "\"batch.gtin\", b.production_date AS \"batch.production_date\", b.expiry_date AS "
    "\"batch.expiry_date\", b.release_date AS \"batch.release_date\", b.revoked_at AS "
    "\"batch.revoked_at\", b.revoke_reason AS \"batch.revoke_reason\", k.kid AS \"batch.kid\", "
    "p.id AS \"product.id\", p.name AS \"product.name\", p.status AS \"product.status\", "
    "p.group_code AS \"product.group\", pr.id AS \"producer.id\", pr.name AS \"producer.name\", "
    "w.code AS \"ward.code\", w.full_name AS \"ward.full_name\", pv.name AS \"ward.province_name\", "
    "w.full_name_en AS \"ward.full_name_en\", pv.name_en AS \"ward.province_name_en\", "
    "v.id AS \"village.id\", v.name AS \"village.name\", c.id AS \"certificate.id\", c.number AS "
    "\"certificate.number\", c.stars AS \"certificate.stars\", c.valid_from AS "
    "\"certificate.valid_from\", c.valid_until AS \"certificate.valid_until\", c.revoked_at AS "
    "\"certificate.revoked_at\", c.revoke_reason AS \"certificate.revoke_reason\", "
    "c.superseded_by AS \"certificate.superseded_by\", c.issuing_level AS "
    "\"certificate.issuing_level\" "
    "FROM stamp_batches b JOIN signing_keys k ON k.id = "
    "b.key_id JOIN products p ON p.id = b.product_id JOIN producers pr ON pr.id = p.producer_id "
    "JOIN wards w ON w.id = p.ward_id JOIN provinces pv ON pv.id = w.province_id LEFT JOIN "
    "villages v ON v.id = p.village_id LEFT JOIN certificates c ON c.id = p.certificate_id "
    "WHERE b.id = ?";

int ocop_store_stamp_find(struct ocop_stamp_row *out, struct ocop_store *st, const char *serial)
{
    static const char sql[] = "SELECT id, batch_id, sig, revoked_at, revoke_reason FROM stamps "
                              "WHERE serial = ?";
    sqlite3_stmt *s = store__stmt_static(st, sql);
    const char *t;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!s)
        return -1;
    sqlite3_bind_text(s, 1, serial, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no stamp has that serial")
                                 : store__fail(st, "read stamp");
    }
    out->id = sqlite3_column_int64(s, 0);
    out->batch_id = sqlite3_column_int64(s, 1);
    snprintf(out->serial, sizeof(out->serial), "%s", serial);
    if (sqlite3_column_bytes(s, 2) == 64)
        memcpy(out->sig, sqlite3_column_blob(s, 2), 64);
    if ((t = (const char *)sqlite3_column_text(s, 3)) != NULL) {
        out->revoked = 1;
        snprintf(out->revoked_at, sizeof(out->revoked_at), "%s", t);
    }
    if ((t = (const char *)sqlite3_column_text(s, 4)) != NULL)
        snprintf(out->revoke_reason, sizeof(out->revoke_reason), "%s", t);
    sqlite3_reset(s);
    return 0;
}

int ocop_store_batch_view(json_t **out, struct ocop_store *st, int64_t batch_id)
{
    sqlite3_stmt *s = store__stmt_static(st, batch_view_sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, batch_id);
    return store__one(out, st, s, "stamp batch");
}

int ocop_store_scans_insert(struct ocop_store *st, const struct ocop_scan *scans, size_t n)
{
    static const char sql[] = "INSERT INTO scans(stamp_id, at, client, lat, lon, verdict) "
                              "VALUES (?, ?, ?, ?, ?, ?)";
    /* the batch's suspected stamps, once each (0009): a trigger doing it per scan doubled
     * what copying a busy journal cost. NOT INDEXED: the batch's rows by id, not the
     * whole scans_stamp index, which the planner would read for the grouping's order. */
    static const char suspects[] =
        "INSERT INTO stamp_suspects(stamp_id, last_at) SELECT stamp_id, max(at) FROM scans "
        "NOT INDEXED WHERE id >= ? AND verdict = 'suspected_copy' AND stamp_id IS NOT NULL "
        "GROUP BY stamp_id "
        "ON CONFLICT(stamp_id) DO UPDATE SET last_at = max(last_at, excluded.last_at)";
    sqlite3_int64 first = 0;
    int rc;

    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s = store__stmt_static(st, sql);
        if (!s)
            return -1;
        if (scans[i].stamp_id)
            sqlite3_bind_int64(s, 1, scans[i].stamp_id);
        sqlite3_bind_int64(s, 2, scans[i].at_ms);
        sqlite3_bind_text(s, 3, scans[i].client, -1, SQLITE_STATIC);
        if (!isnan(scans[i].lat) && !isnan(scans[i].lon)) {
            sqlite3_bind_double(s, 4, scans[i].lat);
            sqlite3_bind_double(s, 5, scans[i].lon);
        }
        sqlite3_bind_text(s, 6, scans[i].verdict, -1, SQLITE_STATIC);
        rc = store__exec_stmt(st, s, "log scan");
        sqlite3_reset(s);
        if (rc)
            return rc;
        if (i == 0)
            first = sqlite3_last_insert_rowid(st->db);
    }
    if (n) {
        sqlite3_stmt *s = store__stmt_static(st, suspects);
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, first);
        rc = store__exec_stmt(st, s, "note suspected stamps");
        sqlite3_reset(s);
        return rc;
    }
    return 0;
}

int ocop_store_scans_append(struct ocop_store *st, const struct ocop_scan *scans, size_t n)
{
    int rc;

    if ((rc = ocop_store_begin(st)) != 0)
        return rc;
    if ((rc = ocop_store_scans_insert(st, scans, n)) == 0)
        return ocop_store_commit(st);
    ocop_store_rollback(st);
    return rc;
}

int ocop_store_scans_last_id(int64_t *out, struct ocop_store *st)
{
    sqlite3_stmt *s = store__stmt_static(st, "SELECT max(id) FROM scans");
    int rc;
    *out = 0;
    if (!s)
        return -1;
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : store__fail(st, "read the newest scan");
}

int ocop_store_scan_recent(struct ocop_scan_rows *out, struct ocop_store *st, int64_t stamp_id)
{
    static const char newest[] = "SELECT at, lat, lon, client FROM scans WHERE stamp_id = ? "
                                 "ORDER BY at DESC LIMIT " OCOP_SCAN_ROWS_TEXT;
    static const char agg[] = "SELECT count(*), min(at) FROM scans WHERE stamp_id = ?";
    sqlite3_stmt *s = store__stmt_static(st, newest);
    int rc = SQLITE_DONE;

    memset(out, 0, sizeof(*out));
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, stamp_id);
    while (out->n < OCOP_SCAN_ROWS && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct ocop_scan_row *r = &out->rows[out->n++];
        const char *c = (const char *)sqlite3_column_text(s, 3);
        r->at_ms = sqlite3_column_int64(s, 0);
        r->lat = sqlite3_column_type(s, 1) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 1);
        r->lon = sqlite3_column_type(s, 2) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 2);
        r->client = c ? ocop_scan_client_key(c) : 0;
    }
    sqlite3_reset(s);
    if (out->n < OCOP_SCAN_ROWS) {
        if (rc != SQLITE_DONE)
            return store__fail(st, "read scans");
        /* all of them: the count and the first are known (most stamps, and a never
         * scanned one costs one index probe) */
        out->total = out->n;
        out->first_ms = out->n ? out->rows[out->n - 1].at_ms : 0;
        return 0;
    }
    if (!(s = store__stmt_static(st, agg)))
        return -1;
    sqlite3_bind_int64(s, 1, stamp_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store__fail(st, "read scans");
    }
    out->total = sqlite3_column_int64(s, 0);
    out->first_ms = sqlite3_column_int64(s, 1);
    sqlite3_reset(s);
    return 0;
}

int ocop_store_scan_counts(json_t **out, struct ocop_store *st, long long since_ms)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT date(at / 1000, 'unixepoch') AS day, verdict, "
                                      "count(*) AS scans FROM scans WHERE at >= ? GROUP BY 1, 2 "
                                      "ORDER BY 1, 2");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, since_ms);
    return store__rows(out, st, s);
}

/* what a stamp is, and where its producer is (the scope of the office that follows it) */
#define STAMP_WHERE_COLUMNS                                                                        \
    "s.serial, s.id AS stamp_id, b.lot, x.id AS \"product.id\", x.name AS \"product.name\", "     \
    "pr.id AS \"producer.id\", pr.name AS \"producer.name\", w.code AS ward, pv.code AS province"
#define STAMP_WHERE_JOINS                                                                          \
    " JOIN stamp_batches b ON b.id = s.batch_id JOIN products x ON x.id = b.product_id "          \
    "JOIN producers pr ON pr.id = x.producer_id JOIN wards w ON w.id = pr.ward_id "              \
    "JOIN provinces pv ON pv.id = w.province_id "

int ocop_store_flagged_stamps(json_t **out, struct ocop_store *st, const struct ocop_filter *f,
                              long long since_ms, int limit)
{
    /* The stamps: walking the stamps with suspected scans newest first (stamp_suspects,
     * 0009, written with each batch by ocop_store_scans_insert) until `limit` in scope: a
     * flood of suspected scans in another province costs one row per stamp, not per scan
     * (CROSS JOIN keeps that walk outermost: the planner would rather start from the
     * province and read all its stamps). Then each stamp's figures from its own scans (the
     * index scans_stamp). */
    sqlite3_stmt *s = store__stmt(
        st, "SELECT " STAMP_WHERE_COLUMNS ", (SELECT count(*) FROM scans a WHERE a.stamp_id = "
            "s.id AND a.verdict = 'suspected_copy' AND a.at >= ?1) AS suspected, (SELECT "
            "min(a.at) FROM scans a WHERE a.stamp_id = s.id AND a.verdict = 'suspected_copy' "
            "AND a.at >= ?1) AS first_at, (SELECT max(a.at) FROM scans a WHERE a.stamp_id = "
            "s.id AND a.verdict = 'suspected_copy' AND a.at >= ?1) AS last_at, "
            "(SELECT count(*) FROM scans a WHERE a.stamp_id = s.id) AS scans, "
            "(SELECT count(DISTINCT a.client) FROM scans a WHERE a.stamp_id = s.id) AS devices, "
            "(SELECT count(*) FROM scans a WHERE a.stamp_id = s.id AND a.lat IS NOT NULL) "
            "AS located FROM (SELECT g.stamp_id FROM stamp_suspects g CROSS JOIN stamps s ON s.id = "
            "g.stamp_id" STAMP_WHERE_JOINS "WHERE g.last_at >= ?1 AND (?2 IS NULL OR pv.code "
            "= ?2) AND (?3 IS NULL OR w.code = ?3) AND (?4 = 0 OR pr.id = ?4) ORDER BY "
            "g.last_at DESC LIMIT ?5) g JOIN stamps s ON s.id = g.stamp_id" STAMP_WHERE_JOINS
            "ORDER BY last_at DESC, s.id");
    *out = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, since_ms);
    store__bind_text(s, 2, f->province_code && *f->province_code ? f->province_code : NULL);
    store__bind_text(s, 3, f->ward_code && *f->ward_code ? f->ward_code : NULL);
    sqlite3_bind_int64(s, 4, f->producer_id);
    sqlite3_bind_int(s, 5, limit);
    return store__rows(out, st, s);
}

int ocop_store_scan_points(struct ocop_scan_point *out, int max, int *n, struct ocop_store *st,
                           int64_t stamp_id)
{
    sqlite3_stmt *s = store__stmt_static(st, "SELECT at, lat, lon FROM scans WHERE stamp_id = ? "
                                             "AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY "
                                             "at DESC LIMIT ?");
    int rc = SQLITE_DONE;
    *n = 0;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, stamp_id);
    sqlite3_bind_int(s, 2, max);
    while (*n < max && (rc = sqlite3_step(s)) == SQLITE_ROW)
        out[(*n)++] = (struct ocop_scan_point){sqlite3_column_int64(s, 0),
                                               sqlite3_column_double(s, 1),
                                               sqlite3_column_double(s, 2)};
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store__fail(st, "read scans");
}

int ocop_store_stamp_scans(json_t **out, struct ocop_store *st, const char *serial, int limit)
{
    json_t *stamp = NULL, *scans = NULL;
    sqlite3_stmt *s = store__stmt(st, "SELECT " STAMP_WHERE_COLUMNS ", b.release_date, "
                                      "s.revoked_at FROM stamps s" STAMP_WHERE_JOINS
                                      "WHERE s.serial = ?");
    int rc;
    *out = NULL;
    if (!s)
        return -1;
    store__bind_text(s, 1, serial);
    if ((rc = store__one(&stamp, st, s, "stamp")) != 0)
        return rc == OCOP_ENOTFOUND ? ocop_error_set(OCOP_ENOTFOUND, "no stamp has that serial")
                                    : rc;
    if (!(s = store__stmt(st, "SELECT at, verdict, client, lat, lon FROM scans WHERE stamp_id = ? "
                              "ORDER BY at DESC, id DESC LIMIT ?"))) {
        json_decref(stamp);
        return -1;
    }
    sqlite3_bind_int64(s, 1, json_integer_value(json_object_get(stamp, "stamp_id")));
    sqlite3_bind_int(s, 2, limit);
    if ((rc = store__rows(&scans, st, s)) != 0) {
        json_decref(stamp);
        return rc;
    }
    json_object_set_new(stamp, "scans", scans);
    *out = stamp;
    return 0;
}

int ocop_store_setting_secret(unsigned char *out, size_t len, struct ocop_store *st,
                              const char *key, const unsigned char *fresh)
{
    sqlite3_stmt *s = store__stmt(st, "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)");
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, key);
    sqlite3_bind_blob(s, 2, fresh, (int)len, SQLITE_TRANSIENT);
    if ((rc = store__exec_stmt(st, s, "save setting")) != 0)
        return rc;
    if (!(s = store__stmt(st, "SELECT value FROM settings WHERE key = ?")))
        return -1;
    store__bind_text(s, 1, key);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && (size_t)sqlite3_column_bytes(s, 0) == len)
        memcpy(out, sqlite3_column_blob(s, 0), len);
    sqlite3_reset(s);
    return rc == SQLITE_ROW ? 0 : store__fail(st, "read setting");
}

int ocop_store_journal_known(int *known, struct ocop_store *st, const char *name)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT 1 FROM scan_journals WHERE name = ?");
    int rc;
    *known = 0;
    if (!s)
        return -1;
    store__bind_text(s, 1, name);
    rc = sqlite3_step(s);
    *known = rc == SQLITE_ROW;
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store__fail(st, "read journals");
}

int ocop_store_journal_mark(struct ocop_store *st, const char *name, long long at_ms)
{
    sqlite3_stmt *s = store__stmt(st, "INSERT OR IGNORE INTO scan_journals(name, imported_at) "
                                      "VALUES (?, ?)");
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, name);
    sqlite3_bind_int64(s, 2, at_ms);
    rc = store__exec_stmt(st, s, "record journal");
    sqlite3_reset(s);
    return rc;
}

int ocop_store_journal_forget(struct ocop_store *st, const char *name)
{
    sqlite3_stmt *s = store__stmt(st, "DELETE FROM scan_journals WHERE name = ?");
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, name);
    rc = store__exec_stmt(st, s, "forget journal");
    sqlite3_reset(s);
    return rc;
}
