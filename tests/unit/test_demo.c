/* test_demo.c: the demo program reproduces Hanoi's published figures, deterministically. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "app/app.h"
#include "app/scanlog.h"
#include "app/verifier.h"
#include "store/trace.h"
#include "core/dates.h"
#include "core/error.h"

#define SEED 2025

/* The units file, found from the source root or from wherever the test runs. */
static char *read_units(size_t *len)
{
    static const char *const tries[] = {
        "data/vn-admin-units/units-2025.json", "../data/vn-admin-units/units-2025.json",
        "../../data/vn-admin-units/units-2025.json", "../../../data/vn-admin-units/units-2025.json"};
    const char *root = getenv("MESON_SOURCE_ROOT");
    char path[4096];
    FILE *f = NULL;
    char *buf = NULL;
    long n;

    if (root) {
        snprintf(path, sizeof(path), "%s/data/vn-admin-units/units-2025.json", root);
        f = fopen(path, "rb");
    }
    for (size_t i = 0; !f && i < sizeof(tries) / sizeof(tries[0]); i++)
        f = fopen(tries[i], "rb");
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

struct fx {
    char dir[64], path[3][96];
    struct ocop_store *st[3];
    struct ocop_app app[3];
};

/* A fresh database with Hanoi's units, demo filled with the seed. */
static int fx_open(struct fx *f, int i, const char *units, size_t len, uint64_t seed)
{
    struct ocop_import_stats s;
    char path[sizeof(f->path[i])];
    snprintf(path, sizeof(path), "%s/demo%d.db", f->dir, i);
    memcpy(f->path[i], path, sizeof(path));
    if (ocop_app_db_init(f->path[i], NULL, NULL) || ocop_app_db_open(&f->st[i], f->path[i]))
        return -1;
    ocop_app_init(&f->app[i], f->st[i]);
    ocop_app_as_system(&f->app[i]);
    if (ocop_app_import_units(&s, &f->app[i], units, len, NULL, NULL))
        return -1;
    if (ocop_app_demo(&s, &f->app[i], seed, NULL, NULL)) {
        print_error("demo: %s\n", ocop_error_message());
        return -1;
    }
    return s.products == 3463 && s.villages >= 334 && s.producers > 1300 ? 0 : -1;
}

/* Three databases: the seed twice (determinism) and another seed. */
static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    size_t len = 0;
    char *units = read_units(&len);
    int rc = -1;

    if (!f || !units) {
        print_error("cannot read data/vn-admin-units/units-2025.json\n");
        goto done;
    }
    snprintf(f->dir, sizeof(f->dir), "/tmp/ocop-test-demo-XXXXXX");
    if (!mkdtemp(f->dir))
        goto done;
    if (fx_open(f, 0, units, len, SEED) || fx_open(f, 1, units, len, SEED) ||
        fx_open(f, 2, units, len, SEED + 1))
        goto done;
    rc = 0;
done:
    free(units);
    *state = f;
    return rc;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char side[128];
    for (int i = 0; f && i < 3; i++) {
        ocop_store_free(f->st[i]);
        if (!f->path[i][0])
            continue;
        unlink(f->path[i]);
        snprintf(side, sizeof(side), "%s-wal", f->path[i]);
        unlink(side);
        snprintf(side, sizeof(side), "%s-shm", f->path[i]);
        unlink(side);
    }
    if (f && f->dir[0])
        rmdir(f->dir);
    free(f);
    return 0;
}

static struct ocop_filter filter(void)
{
    struct ocop_filter f;
    memset(&f, 0, sizeof(f));
    f.per_page = 1;
    f.cert_status = f.recognised = f.candidate = -1;
    return f;
}

/* The "total" of a list with a filter. */
static long long total(struct ocop_store *st, const char *kind, const struct ocop_filter *f)
{
    json_t *out = NULL;
    long long n;
    assert_int_equal(ocop_store_list(&out, st, kind, f), 0);
    n = json_integer_value(json_object_get(out, "total"));
    json_decref(out);
    return n;
}

static long long products_with_stars(struct ocop_store *st, int stars)
{
    struct ocop_filter f = filter();
    f.stars = stars;
    return total(st, "products", &f);
}

static void test_demo__published_star_counts(void **state)
{
    struct fx *fx = *state;
    struct ocop_filter f = filter();
    long long five = products_with_stars(fx->st[0], 5), four = products_with_stars(fx->st[0], 4);
    long long three = products_with_stars(fx->st[0], 3);

    assert_int_equal(five, 6);
    assert_in_range(four, 1570, 1600);
    assert_int_equal(three + four + five, 3463);
    assert_int_equal(total(fx->st[0], "products", &f), 3463);
    f.candidate = 1;
    assert_int_equal(total(fx->st[0], "products", &f), 22);
    for (int i = 1; i < 3; i++) { /* any seed keeps the published figures */
        assert_int_equal(products_with_stars(fx->st[i], 5), 6);
        assert_int_equal(products_with_stars(fx->st[i], 3) + products_with_stars(fx->st[i], 4),
                         3463 - 6);
    }
}

static void test_demo__producers_and_villages(void **state)
{
    struct fx *fx = *state;
    struct ocop_filter f = filter();

    f.kind = "cooperative";
    assert_in_range(total(fx->st[0], "producers", &f), 1300, 1360);
    f = filter();
    f.recognised = 1;
    assert_int_equal(total(fx->st[0], "villages", &f), 334);
    f = filter();
    f.province_code = "01";
    assert_true(total(fx->st[0], "zones", &f) >= 3);
}

/* Recognised villages' yearly revenues add up to over VND 24,000 billion. */
static void test_demo__village_revenue(void **state)
{
    struct fx *fx = *state;
    struct ocop_filter f = filter();
    long long sum = 0, seen = 0, largest = 0;
    json_t *out, *item;
    size_t i;

    f.recognised = 1;
    f.per_page = 100;
    for (f.page = 1; f.page <= 4; f.page++) {
        out = NULL;
        assert_int_equal(ocop_store_list(&out, fx->st[0], "villages", &f), 0);
        json_array_foreach(json_object_get(out, "items"), i, item)
        {
            long long r = json_integer_value(json_object_get(item, "revenue_vnd"));
            sum += r;
            largest = r > largest ? r : largest;
            seen++;
        }
        json_decref(out);
    }
    assert_int_equal(seen, 334);
    assert_true(sum > 24000000000000LL);
    assert_true(largest < sum / 10); /* skewed, but no village dominates */
}

/* Some certificates were revoked, with a reason; older ones renewed and superseded. */
static void test_demo__certificate_history(void **state)
{
    struct fx *fx = *state;
    struct ocop_filter f = filter();
    json_t *out = NULL, *c;

    f.cert_status = OCOP_CERT_REVOKED;
    f.per_page = 20;
    assert_int_equal(ocop_store_list(&out, fx->st[0], "certificates", &f), 0);
    assert_in_range(json_integer_value(json_object_get(out, "total")), 5, 10);
    c = json_array_get(json_object_get(out, "items"), 0);
    assert_non_null(json_string_value(json_object_get(c, "revoke_reason")));
    json_decref(out);
    f = filter();
    assert_true(total(fx->st[0], "certificates", &f) > 3463 + 500); /* renewals */
}

static const char *product_name(json_t **hold, struct ocop_store *st, long id)
{
    char key[24];
    snprintf(key, sizeof(key), "%ld", id);
    assert_int_equal(ocop_store_get(hold, st, "products", key, 0), 0);
    return json_string_value(json_object_get(*hold, "name"));
}

static void test_demo__deterministic(void **state)
{
    static const long ids[] = {1, 7, 20, 100, 999, 1500, 2345, 3000, 3463};
    struct fx *fx = *state;
    int differ = 0;

    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
        json_t *a = NULL, *b = NULL, *c = NULL;
        const char *na = product_name(&a, fx->st[0], ids[i]);
        assert_string_equal(na, product_name(&b, fx->st[1], ids[i]));
        differ += strcmp(na, product_name(&c, fx->st[2], ids[i])) != 0;
        json_decref(a);
        json_decref(b);
        json_decref(c);
    }
    assert_true(differ > 0); /* another seed, another program */
}

/* The named products' trace histories (demo_trace.c): Ba Vì milk with a lot whose stamps
 * show the product's events and the lot's, one retracted and not shown; the Bát Tràng
 * vase's clay from Hải Phòng; bánh tẻ's rice and leaves. */
static void test_demo__trace_histories(void **state)
{
    static const char *const names[] = {"Sữa tươi thanh trùng Ba Vì",
                                        "Bình gốm men lam vẽ tay Bát Tràng", "Bánh tẻ Phú Nhi"};
    struct fx *fx = *state;
    size_t retracted = 0, lots = 0, far = 0;

    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        struct ocop_filter f = filter();
        json_t *found = NULL, *hist = NULL, *pub = NULL, *seen = NULL, *e;
        int64_t pid = 0, batch = 0;
        size_t i;
        f.per_page = 20;
        f.q = names[k];
        assert_int_equal(ocop_store_list(&found, fx->st[0], "products", &f), 0);
        json_array_foreach(json_object_get(found, "items"), i, e)
            if (strcmp(json_string_value(json_object_get(e, "name")), names[k]) == 0)
                pid = json_integer_value(json_object_get(e, "id"));
        json_decref(found);
        assert_true(pid > 0);
        assert_int_equal(ocop_app_trace_list(&hist, &fx->app[0], pid), 0);
        assert_int_equal(ocop_app_trace_public(&pub, &fx->app[0], pid, NULL), 0);
        assert_true(json_array_size(json_object_get(hist, "items")) >= 4);
        json_array_foreach(json_object_get(hist, "items"), i, e)
        {
            retracted += !json_is_null(json_object_get(e, "retracted_at"));
            if (json_is_integer(json_object_get(e, "batch_id")))
                batch = json_integer_value(json_object_get(e, "batch_id"));
            lots += json_is_integer(json_object_get(e, "batch_id"));
            far += strcmp(json_string_value(json_object_get(json_object_get(e, "ward"),
                                                            "province_code")),
                          "01") != 0;
        }
        if (batch) {
            /* a stamp of the lot shows every event not retracted, as the public list does */
            assert_int_equal(ocop_store_trace_events(&seen, fx->st[0], pid, batch), 0);
            assert_int_equal(json_array_size(seen),
                             json_integer_value(json_object_get(pub, "total")));
            json_decref(seen);
        }
        json_decref(hist);
        json_decref(pub);
    }
    assert_int_equal(retracted, 1);
    assert_true(lots >= 8);
    assert_true(far >= 1); /* the clay of Bát Tràng comes from Hải Phòng */
}

/* The demo fills only an empty database, and a refusal changes nothing. */
static void test_demo__refuses_a_filled_database(void **state)
{
    struct fx *fx = *state;
    struct ocop_import_stats s;
    struct ocop_filter f = filter();

    assert_int_equal(ocop_app_demo(&s, &fx->app[0], SEED, NULL, NULL), OCOP_ECONFLICT);
    assert_int_equal(s.products, 0);
    assert_int_equal(total(fx->st[0], "products", &f), 3463);
}

static int first_serial(void *arg, const char *serial, const unsigned char sig[64])
{
    (void)sig;
    snprintf(arg, 24, "%s", serial);
    return 1; /* enough */
}

/* A serial of a stamp that is not revoked (the verifier keeps those only). */
static void some_stamp(struct ocop_store *st, char serial[24], int64_t *id)
{
    struct ocop_stamp_row row;
    for (int64_t batch = 1; batch < 200; batch++) {
        serial[0] = '\0';
        ocop_store_batch_each(st, batch, first_serial, serial);
        if (serial[0] && ocop_store_stamp_find(&row, st, serial) == 0 && !row.revoked) {
            *id = row.id;
            return;
        }
    }
    fail_msg("the demo has no stamp that is not revoked");
}

static void scan_of(struct ocop_scan *s, int64_t stamp_id, long long at_ms)
{
    memset(s, 0, sizeof(*s));
    s->stamp_id = stamp_id;
    s->at_ms = at_ms;
    snprintf(s->client, sizeof(s->client), "%016llx", (unsigned long long)at_ms);
    s->lat = s->lon = NAN;
    s->verdict = "genuine";
}

static long scans_seen(struct ocop_verifier *v, struct ocop_store *st, const char *serial,
                       long long now)
{
    struct ocop_stamp_row row;
    struct ocop_scan_rows *h = malloc(sizeof(*h));
    long n;
    assert_non_null(h);
    assert_int_equal(ocop_verifier_stamp(v, st, serial, ocop_store_snapshot_epoch(st), now, &row,
                                         h), 0);
    n = h->total;
    free(h);
    return n;
}

/* Another server's scan in the database: the reader's next snapshot sees it. */
static void foreign_scan(struct ocop_store *w, struct ocop_store *r, int64_t stamp_id,
                         long long at_ms)
{
    struct ocop_scan s;
    scan_of(&s, stamp_id, at_ms);
    assert_int_equal(ocop_store_scans_append(w, &s, 1), 0);
    ocop_store_snapshot_end(r);
    assert_int_equal(ocop_store_snapshot(r, at_ms, 1 << 30), 0);
}

/* A stamp's scans are read again after a minute only when others' scans were seen since
 * it was read; without that watch, every minute. */
static void test_verifier__reads_again_only_for_others_scans(void **state)
{
    struct fx *fx = *state;
    struct ocop_store *r = fx->st[2], *w = NULL;
    struct ocop_verifier *v = NULL, *plain = NULL;
    atomic_llong settled, foreign;
    const long long t0 = (long long)time(NULL) * 1000;
    char serial[24];
    int64_t id = 0;
    long n0;

    assert_int_equal(ocop_app_db_open(&w, fx->path[2]), 0);
    some_stamp(r, serial, &id);
    atomic_init(&settled, t0 + 3600000);
    atomic_init(&foreign, 0);
    assert_int_equal(ocop_verifier_new(&v, 1024, 0, &settled, &foreign), 0);
    assert_int_equal(ocop_verifier_new(&plain, 1024, 0, &settled, NULL), 0);
    assert_int_equal(ocop_store_snapshot(r, t0, 1 << 30), 0);
    n0 = scans_seen(v, r, serial, t0);
    assert_int_equal(scans_seen(plain, r, serial, t0), n0);

    foreign_scan(w, r, id, t0 + 1000);
    /* within the minute both answer from memory */
    assert_int_equal(scans_seen(v, r, serial, t0 + 30000), n0);
    assert_int_equal(scans_seen(plain, r, serial, t0 + 30000), n0);
    /* after it: the watching one only once others' scans were seen */
    assert_int_equal(scans_seen(v, r, serial, t0 + 61000), n0);
    assert_int_equal(scans_seen(plain, r, serial, t0 + 61000), n0 + 1);
    atomic_store(&foreign, t0 + 1500);
    assert_int_equal(scans_seen(v, r, serial, t0 + 62000), n0 + 1);
    /* another server's scan the watch has not seen yet: memory, until it is seen */
    foreign_scan(w, r, id, t0 + 63000);
    assert_int_equal(scans_seen(v, r, serial, t0 + 200000), n0 + 1);
    atomic_store(&foreign, t0 + 63500);
    assert_int_equal(scans_seen(v, r, serial, t0 + 200000), n0 + 2);

    ocop_store_snapshot_end(r);
    ocop_verifier_free(v);
    ocop_verifier_free(plain);
    ocop_store_free(w);
}

/* The scans a server adds are kept newest first, the newest OCOP_SCAN_ROWS of them, as
 * the ring grows and wraps. */
static void test_verifier__keeps_the_newest_scans_in_order(void **state)
{
    struct fx *fx = *state;
    struct ocop_store *r = fx->st[1];
    struct ocop_verifier *v = NULL;
    struct ocop_stamp_row row;
    struct ocop_scan_rows *h = malloc(sizeof(*h));
    atomic_llong settled;
    const long long t0 = (long long)time(NULL) * 1000;
    struct ocop_scan s;
    char serial[24];
    int64_t id = 0;
    long n0;

    assert_non_null(h);
    some_stamp(r, serial, &id);
    atomic_init(&settled, 0); /* nothing of ours is in the log: memory is newest */
    assert_int_equal(ocop_verifier_new(&v, 1024, 0, &settled, NULL), 0);
    assert_int_equal(ocop_store_snapshot(r, t0, 1 << 30), 0);
    n0 = scans_seen(v, r, serial, t0);
    for (int i = 1; i <= 150; i++) {
        scan_of(&s, id, t0 + i * 1000);
        ocop_verifier_scanned(v, serial, &s);
        if (i == 3 || i == 10 || i == 64 || i == 65 || i == 150) {
            int want = (int)(n0 + i < OCOP_SCAN_ROWS ? n0 + i : OCOP_SCAN_ROWS);
            assert_int_equal(ocop_verifier_stamp(v, r, serial, ocop_store_snapshot_epoch(r),
                                                 t0 + i * 1000 + 1, &row, h), 0);
            assert_int_equal(h->total, n0 + i);
            assert_int_equal(h->n, want);
            for (int k = 0; k < i && k < h->n; k++) {
                assert_true(h->rows[k].at_ms == t0 + (i - k) * 1000);
                assert_true(h->rows[k].client == (uint64_t)(t0 + (i - k) * 1000));
            }
        }
    }
    ocop_store_snapshot_end(r);
    ocop_verifier_free(v);
    free(h);
}

/* The scan logger tells its own writes from another server's. */
static void test_scanlog__sees_others_scans(void **state)
{
    struct fx *fx = *state;
    struct ocop_scanlog *log = NULL;
    struct ocop_store *w = NULL;
    const atomic_llong *foreign;
    struct ocop_scan s;
    char serial[24];
    int64_t id = 0;
    long written = 0, dropped = 0;
    long long t;
    struct timespec nap = {0, 100 * 1000000L};

    long journaled = 1;

    some_stamp(fx->st[2], serial, &id);
    /* batches of 5 or more go to a journal, copied after 2 s of quiet */
    assert_int_equal(ocop_scanlog_start(&log, fx->path[2], 20, 5), 0);
    foreign = ocop_scanlog_foreign(log);
    for (int i = 0; i < 30; i++) { /* its own: 3 straight into the database, then 27 */
        scan_of(&s, id, (long long)time(NULL) * 1000 + i);
        ocop_scanlog_push(log, &s);
        if (i < 3)
            nanosleep(&nap, NULL);
    }
    for (int i = 0; i < 100 && journaled; i++) {
        nanosleep(&nap, NULL);
        ocop_scanlog_counts(log, &written, &dropped, &journaled);
    }
    assert_int_equal(journaled, 0);
    assert_int_equal(written, 30);
    nanosleep(&nap, NULL);
    assert_true(atomic_load(foreign) == 0);
    assert_int_equal(ocop_app_db_open(&w, fx->path[2]), 0);
    scan_of(&s, id, (long long)time(NULL) * 1000);
    t = ocop_wall_ms();
    assert_int_equal(ocop_store_scans_append(w, &s, 1), 0);
    for (int i = 0; i < 50 && atomic_load(foreign) == 0; i++)
        nanosleep(&nap, NULL);
    assert_true(atomic_load(foreign) >= t);
    ocop_scanlog_stop(log, &written, &dropped);
    assert_int_equal(written, 30);
    assert_int_equal(dropped, 0);
    ocop_store_free(w);
}

/* After a burst, a trickle of scans does not keep the journal from being copied. */
static void test_scanlog__copies_the_journal_under_a_trickle(void **state)
{
    struct fx *fx = *state;
    struct ocop_scanlog *log = NULL;
    struct ocop_scan s;
    struct timespec nap = {0, 100 * 1000000L};
    char serial[24];
    int64_t id = 0;
    long written = 0, dropped = 0, journaled = 0;

    some_stamp(fx->st[1], serial, &id);
    assert_int_equal(ocop_scanlog_start(&log, fx->path[1], 20, 5), 0);
    for (int i = 0; i < 10; i++) { /* a burst: journaled */
        scan_of(&s, id, (long long)time(NULL) * 1000 + i);
        ocop_scanlog_push(log, &s);
    }
    nanosleep(&nap, NULL);
    ocop_scanlog_counts(log, &written, &dropped, &journaled);
    assert_int_equal(journaled, 10);
    for (int i = 0; i < 40 && journaled; i++) { /* one scan each 100 ms, for up to 4 s */
        scan_of(&s, id, (long long)time(NULL) * 1000 + 100 + i);
        ocop_scanlog_push(log, &s);
        nanosleep(&nap, NULL);
        ocop_scanlog_counts(log, &written, &dropped, &journaled);
    }
    assert_int_equal(journaled, 0);
    ocop_scanlog_stop(log, &written, &dropped);
    assert_int_equal(dropped, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo__published_star_counts),
        cmocka_unit_test(test_demo__producers_and_villages),
        cmocka_unit_test(test_demo__village_revenue),
        cmocka_unit_test(test_demo__certificate_history),
        cmocka_unit_test(test_demo__deterministic),
        cmocka_unit_test(test_demo__trace_histories),
        cmocka_unit_test(test_demo__refuses_a_filled_database),
        cmocka_unit_test(test_verifier__reads_again_only_for_others_scans),
        cmocka_unit_test(test_verifier__keeps_the_newest_scans_in_order),
        cmocka_unit_test(test_scanlog__sees_others_scans),
        cmocka_unit_test(test_scanlog__copies_the_journal_under_a_trickle),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
