/* test_store.c: the SQLite store and the app actions over an in-memory database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/app.h"
#include "core/dates.h"
#include "core/error.h"
#include "store/stamps.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>

static const char units[] =
    "[{\"Code\":\"01\",\"Name\":\"Hà Nội\",\"FullName\":\"Thành phố Hà Nội\",\"Wards\":["
    "{\"Code\":\"00577\",\"Name\":\"Bát Tràng\",\"FullName\":\"Xã Bát Tràng\"},"
    "{\"Code\":\"10030\",\"Name\":\"Phú Nghĩa\",\"FullName\":\"Xã Phú Nghĩa\"}]},"
    "{\"Code\":\"79\",\"Name\":\"Hồ Chí Minh\",\"FullName\":\"Thành phố Hồ Chí Minh\",\"Wards\":["
    "{\"Code\":\"26734\",\"Name\":\"Sài Gòn\",\"FullName\":\"Phường Sài Gòn\"}]}]";

struct fx {
    struct ocop_store *st;
    struct ocop_app app;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    struct ocop_import_stats s;
    if (ocop_store_open(&f->st, ":memory:", OCOP_STORE_CREATE) || ocop_store_migrate(f->st, 0, 0))
        return -1;
    ocop_app_init(&f->app, f->st);
    ocop_app_as_system(&f->app);
    if (ocop_app_import_units(&s, &f->app, units, sizeof(units) - 1, NULL, NULL))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    ocop_store_free(f->st);
    free(f);
    return 0;
}

static int64_t create(struct fx *f, const struct ocop_entity *e, const char *body)
{
    json_t *in = json_loads(body, 0, NULL), *out = NULL;
    int64_t id;
    assert_non_null(in);
    assert_int_equal(ocop_app_create(&out, &f->app, e, in), 0);
    id = json_integer_value(json_object_get(out, "id"));
    json_decref(in);
    json_decref(out);
    return id;
}

static long long total(struct fx *f, const char *kind, struct ocop_filter *flt)
{
    json_t *out = NULL;
    long long n;
    flt->cert_status = flt->cert_status ? flt->cert_status : -1;
    assert_int_equal(ocop_app_list(&out, &f->app, kind, flt), 0);
    n = json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return n;
}

static void test_store__migrate_is_idempotent(void **state)
{
    struct fx *f = *state;
    int from = -1, to = -1;
    assert_int_equal(ocop_store_migrate(f->st, &from, &to), 0);
    assert_int_equal(from, to);
    assert_int_equal(ocop_store_check_schema(f->st), 0);
}

static void test_store__units_import_is_idempotent(void **state)
{
    struct fx *f = *state;
    struct ocop_import_stats s;
    long p, w;
    char prov[3];
    assert_int_equal(ocop_app_import_units(&s, &f->app, units, sizeof(units) - 1, NULL, NULL), 0);
    assert_int_equal(s.created, 0);
    assert_int_equal(s.unchanged, 5);
    assert_int_equal(ocop_store_units_count(f->st, &p, &w), 0);
    assert_int_equal(p, 2);
    assert_int_equal(w, 3);
    assert_int_equal(ocop_store_ward_province(f->st, "26734", prov), 0);
    assert_string_equal(prov, "79");
    assert_int_equal(ocop_store_ward_province(f->st, "99999", prov), OCOP_ENOTFOUND);
}

static void test_store__search_folds_and_follows_renames(void **state)
{
    struct fx *f = *state;
    struct ocop_filter flt = {0};
    int64_t prod = create(f, &ocop_entity_producer,
                          "{\"name\":\"HTX Mây tre đan\",\"kind\":\"cooperative\",\"ward_code\":\"10030\"}");
    char body[200];
    snprintf(body, sizeof(body),
             "{\"name\":\"Giỏ mây Phú Vinh\",\"group\":\"crafts.household\",\"producer_id\":%lld}",
             (long long)prod);
    create(f, &ocop_entity_product, body);
    flt.q = "may tre dan";
    assert_int_equal(total(f, "products", &flt), 1);
    flt.q = "ĐAN";
    assert_int_equal(total(f, "products", &flt), 1);
    flt.q = "gio may phu v";
    assert_int_equal(total(f, "products", &flt), 1);
    flt.q = "bat trang";
    assert_int_equal(total(f, "products", &flt), 0);
    flt.q = "xã phú nghĩa";
    assert_int_equal(total(f, "products", &flt), 0) ; /* ward names index "Phú Nghĩa", not "Xã" */
    flt.q = "phu nghia";
    assert_int_equal(total(f, "products", &flt), 1);
}

static void test_store__certificate_supersedes_and_status(void **state)
{
    struct fx *f = *state;
    struct ocop_certificate c = {0};
    struct ocop_filter flt = {0};
    int64_t prod, product, id1, id2;
    long today = ocop_app_today(&f->app);
    char body[200];
    json_t *p = NULL;

    prod = create(f, &ocop_entity_producer,
                  "{\"name\":\"HTX Gốm\",\"kind\":\"cooperative\",\"ward_code\":\"00577\"}");
    snprintf(body, sizeof(body),
             "{\"name\":\"Bình gốm\",\"group\":\"crafts.household\",\"producer_id\":%lld}",
             (long long)prod);
    product = create(f, &ocop_entity_product, body);
    c.product_id = product;
    c.number = "CN-1";
    c.decision_number = "1/QĐ-UBND";
    c.issuing_level = "province";
    c.ruleset = "148/QĐ-TTg";
    c.stars = 3;
    c.score = 61.5;
    c.decision_date = c.valid_from = today - 1000;
    c.valid_until = today - 10;
    c.revoked_at = -1;
    assert_int_equal(ocop_store_certificate_insert(&id1, f->st, &c), 0);
    flt.cert_status = OCOP_CERT_EXPIRED;
    assert_int_equal(total(f, "products", &flt), 1);
    c.number = "CN-2";
    c.stars = 4;
    c.decision_date = c.valid_from = today - 30;
    c.valid_until = ocop_date_add_months(c.valid_from, 36) - 1;
    assert_int_equal(ocop_store_certificate_insert(&id2, f->st, &c), 0);
    assert_int_equal(total(f, "products", &flt), 0);
    flt.cert_status = OCOP_CERT_VALID;
    flt.stars = 4;
    assert_int_equal(total(f, "products", &flt), 1);
    /* an older certificate inserted later does not replace the current one */
    c.number = "CN-0";
    c.stars = 3;
    c.decision_date = c.valid_from = today - 1500;
    c.valid_until = today - 400;
    assert_int_equal(ocop_store_certificate_insert(&id1, f->st, &c), 0);
    snprintf(body, sizeof(body), "%lld", (long long)product);
    assert_int_equal(ocop_app_get(&p, &f->app, "products", body), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(p, "certificate"), "number")),
                        "CN-2");
    json_decref(p);
    assert_int_equal(ocop_store_certificate_exists(f->st, "CN-1"), 0);
    c.number = "CN-1";
    assert_int_equal(ocop_store_certificate_insert(&id1, f->st, &c), OCOP_EEXISTS);
}

static void test_store__writes_are_audited(void **state)
{
    struct fx *f = *state;
    json_t *rows = NULL;
    create(f, &ocop_entity_producer,
           "{\"name\":\"HTX Kiểm toán\",\"kind\":\"household\",\"ward_code\":\"00577\"}");
    assert_int_equal(ocop_store_audit_list(&rows, f->st, "producer", 0, 10), 0);
    assert_true(json_array_size(rows) >= 1);
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "action")),
                        "create");
    assert_string_equal(json_string_value(json_object_get(json_array_get(rows, 0), "actor")),
                        "system:cli");
    json_decref(rows);
}

static void test_store__scope_and_forbidden_create_changes_nothing(void **state)
{
    struct fx *f = *state;
    struct ocop_filter flt = {0};
    struct ocop_app other = f->app;
    json_t *in, *out = NULL;
    long long before;

    other.actor.role = OCOP_ROLE_OFFICE;
    strcpy(other.actor.province_code, "79");
    before = total(f, "producers", &flt);
    in = json_loads("{\"name\":\"HTX ngoài tỉnh\",\"kind\":\"household\",\"ward_code\":\"00577\"}",
                    0, NULL);
    assert_int_equal(ocop_app_create(&out, &other, &ocop_entity_producer, in), OCOP_EFORBIDDEN);
    assert_null(out);
    json_decref(in);
    assert_int_equal(total(f, "producers", &flt), before);
    in = json_loads("{\"name\":\"HTX Sài Gòn\",\"kind\":\"household\",\"ward_code\":\"26734\"}", 0,
                    NULL);
    assert_int_equal(ocop_app_create(&out, &other, &ocop_entity_producer, in), 0);
    json_decref(in);
    json_decref(out);
}

static void test_store__delete_in_use_is_conflict(void **state)
{
    struct fx *f = *state;
    char body[200];
    int64_t prod = create(f, &ocop_entity_producer,
                          "{\"name\":\"HTX Xoá\",\"kind\":\"household\",\"ward_code\":\"00577\"}");
    snprintf(body, sizeof(body),
             "{\"name\":\"SP\",\"group\":\"food.tea\",\"producer_id\":%lld}", (long long)prod);
    int64_t product = create(f, &ocop_entity_product, body);
    assert_int_equal(ocop_app_delete(&f->app, &ocop_entity_producer, prod), OCOP_ECONFLICT);
    assert_int_equal(ocop_app_delete(&f->app, &ocop_entity_product, product), 0);
    assert_int_equal(ocop_app_delete(&f->app, &ocop_entity_producer, prod), 0);
    assert_int_equal(ocop_app_delete(&f->app, &ocop_entity_producer, prod), OCOP_ENOTFOUND);
}

static void scans_add(struct ocop_store *st, int64_t stamp_id, int n, long long t0)
{
    struct ocop_scan s[80];
    assert_true(n <= 80);
    for (int i = 0; i < n; i++) {
        memset(&s[i], 0, sizeof(s[i]));
        s[i].stamp_id = stamp_id;
        s[i].at_ms = t0 + i * 1000LL;
        snprintf(s[i].client, sizeof(s[i].client), "%016x", i % 3);
        s[i].lat = s[i].lon = NAN;
        s[i].verdict = "genuine";
    }
    assert_int_equal(ocop_store_scans_append(st, s, (size_t)n), 0);
}

/* A stamp's history: with fewer than 64 scans one query tells all; with more, the
 * newest 64 and the true count and first scan. */
static void test_store__scan_recent_counts_every_scan(void **state)
{
    struct fx *f = *state;
    struct ocop_scan_rows *h = malloc(sizeof(*h));
    const long long t0 = 1790000000000LL;
    assert_non_null(h);
    scans_add(f->st, 7, 70, t0);
    scans_add(f->st, 8, 3, t0 + 5000);
    assert_int_equal(ocop_store_scan_recent(h, f->st, 7), 0);
    assert_int_equal(h->total, 70);
    assert_int_equal(h->n, OCOP_SCAN_ROWS);
    assert_true(h->first_ms == t0);
    assert_true(h->rows[0].at_ms == t0 + 69000);
    assert_true(h->rows[63].at_ms == t0 + 6000);
    assert_true(h->rows[0].client == 69 % 3);
    assert_int_equal(ocop_store_scan_recent(h, f->st, 8), 0);
    assert_int_equal(h->total, 3);
    assert_int_equal(h->n, 3);
    assert_true(h->first_ms == t0 + 5000);
    assert_true(h->rows[0].at_ms == t0 + 7000);
    assert_true(isnan(h->rows[0].lat));
    assert_int_equal(ocop_store_scan_recent(h, f->st, 9), 0);
    assert_int_equal(h->total, 0);
    assert_int_equal(h->n, 0);
    assert_true(h->first_ms == 0);
    free(h);
}

/* Restarting the write-ahead log does not wait for a reader on an old snapshot (it
 * says so, to be tried again), and does it once the reader has moved on. */
static void test_store__wal_restart_does_not_wait(void **state)
{
    char path[] = "/tmp/ocop-test-wal-XXXXXX";
    char wal[64];
    struct ocop_store *w = NULL, *r = NULL;
    int fd = mkstemp(path);
    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ocop_store_open(&w, path, OCOP_STORE_CREATE), 0);
    assert_int_equal(ocop_store_migrate(w, NULL, NULL), 0);
    assert_int_equal(ocop_store_open(&r, path, 0), 0);
    scans_add(w, 1, 10, 1790000000000LL);
    assert_int_equal(ocop_store_snapshot(r, 1, 60000), 0);
    assert_true(ocop_store_snapshot_epoch(r) != 0);
    scans_add(w, 1, 10, 1790000100000LL);
    assert_int_equal(ocop_store_checkpoint(w, 1, 0), 1);
    ocop_store_snapshot_end(r);
    assert_int_equal(ocop_store_checkpoint(w, 1, 0), 0);
    assert_int_equal(ocop_store_wal_size(w), 0);
    ocop_store_free(r);
    ocop_store_free(w);
    snprintf(wal, sizeof(wal), "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof(wal), "%s-shm", path);
    unlink(wal);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store__migrate_is_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__units_import_is_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__search_folds_and_follows_renames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__certificate_supersedes_and_status, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__writes_are_audited, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__scope_and_forbidden_create_changes_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_store__delete_in_use_is_conflict, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__scan_recent_counts_every_scan, setup, teardown),
        cmocka_unit_test(test_store__wal_restart_does_not_wait),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
