/* test_trace.c: trace events: the moment parser, the check of a new event, the kinds, the
 * rights, and the app's calls over an in-memory database (append-only history, lots). */
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
#include "core/lang.h"
#include "core/messages.h"
#include "core/policy.h"
#include "core/trace.h"
#include "store/migrations.h"
#include "store/trace.h"

#include <stdio.h>

/* 2026-11-23T07:00:00Z, a Monday; 14:00 in Vietnam */
#define NOW 1795417200LL

static void when_ok(const char *in, const char *text, long long order, int has_time)
{
    struct ocop_when w;
    if (ocop_when_parse(&w, in, strlen(in)) != 0)
        fail_msg("\"%s\" should parse: %s", in, ocop_error_message());
    assert_string_equal(w.text, text);
    assert_int_equal(w.order, order);
    assert_int_equal(w.has_time, has_time);
}

static void test_trace__when_days_and_moments(void **state)
{
    (void)state;
    /* a day sorts from its 00:00 in Vietnam, 17:00 UTC the day before */
    when_ok("2026-11-23", "2026-11-23", NOW - 14 * 3600, 0);
    when_ok("2026-11-23T07:00:00Z", "2026-11-23T07:00:00Z", NOW, 1);
    when_ok("2026-11-23T07:00Z", "2026-11-23T07:00:00Z", NOW, 1);
    when_ok("2026-11-23t07:00z", "2026-11-23T07:00:00Z", NOW, 1);
    when_ok("2026-11-23T14:00+07:00", "2026-11-23T07:00:00Z", NOW, 1);
    when_ok("2026-11-23T14:00:00.123456789+07:00", "2026-11-23T07:00:00Z", NOW, 1);
    when_ok("2026-11-23T02:30-04:30", "2026-11-23T07:00:00Z", NOW, 1);
    /* an offset can move a moment to another day, in UTC */
    when_ok("2026-01-01T03:00+07:00", "2025-12-31T20:00:00Z", 1767211200LL, 1);
    when_ok("2026-11-23T00:00:59+00:01", "2026-11-22T23:59:59Z", NOW - 7 * 3600 - 1, 1);
    when_ok("2024-02-29", "2024-02-29", 1709139600LL, 0);
    when_ok("1900-01-01T12:00Z", "1900-01-01T12:00:00Z", -2208945600LL, 1);
    when_ok("2999-12-31T23:59:59Z", "2999-12-31T23:59:59Z", 32503680000LL - 1, 1);
}

static void test_trace__when_refuses_malformed(void **state)
{
    static const char *const bad[] = {"",
                                      "2026",
                                      "2026-11",
                                      "2026-11-2",
                                      "26-11-23",
                                      "2026/11/23",
                                      "2026-13-01",
                                      "2026-00-10",
                                      "2026-02-30",
                                      "2025-02-29",
                                      "1899-12-31",
                                      "3000-01-01",
                                      "２０２６-11-23",
                                      "2026-11-23T",
                                      "2026-11-23T07",
                                      "2026-11-23T07:00", /* a moment without its offset */
                                      "2026-11-23 07:00Z",
                                      "2026-11-23T7:00Z",
                                      "2026-11-23T24:00Z",
                                      "2026-11-23T23:60Z",
                                      "2026-11-23T23:59:60Z",
                                      "2026-11-23T07:00:5Z",
                                      "2026-11-23T07:00.5Z",
                                      "2026-11-23T07:00:00.Z",
                                      "2026-11-23T07:00:00.1234567890Z",
                                      "2026-11-23T07:00+7:00",
                                      "2026-11-23T07:00+07",
                                      "2026-11-23T07:00+0700",
                                      "2026-11-23T07:00+24:00",
                                      "2026-11-23T07:00+07:60",
                                      "2026-11-23T07:00Z ",
                                      " 2026-11-23",
                                      "2026-11-23Z",
                                      "2026-11-23T07:00ZZ",
                                      "2026-11-23T07:00+07:00Z",
                                      "1900-01-01T00:30+01:00",
                                      "2999-12-31T23:30-01:00",
                                      "2026-11-23T07:00:00+07:00:00",
                                      "2026-11-23x"};
    struct ocop_when w;
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (ocop_when_parse(&w, bad[i], strlen(bad[i])) != OCOP_EINVALID)
            fail_msg("\"%s\" should be refused", bad[i]);
    /* the length counts: what lies beyond it is not read, and a NUL inside is refused */
    assert_int_equal(ocop_when_parse(&w, "2026-11-23T07:00Zjunk", 17), 0);
    assert_string_equal(w.text, "2026-11-23T07:00:00Z");
    assert_int_equal(ocop_when_parse(&w, "2026-11-23\0T07:00Z", 18), OCOP_EINVALID);
    assert_int_equal(ocop_when_parse(&w, NULL, 0), OCOP_EINVALID);
}

/* The fields an error names, gathered, in order. */
static void fields_are(const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    if (ocop_error_field_count() != n)
        fail_msg("%zu fields at fault, want %zu (first: %s)", ocop_error_field_count(), n,
                 ocop_error_message());
    for (size_t i = 0; i < n; i++)
        assert_string_equal(ocop_error_field_at(i), want[i]);
}

static int check(json_t *body, struct ocop_trace_input *in)
{
    int faults;
    ocop_error_gather_start();
    faults = ocop_trace_check(in, body, NOW);
    if (faults >= 0)
        ocop_error_gather_finish();
    return faults;
}

static void test_trace__check_names_every_field_at_once(void **state)
{
    struct ocop_trace_input in;
    json_t *body;
    (void)state;
    body = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:b}", "product_id", "12", "kind",
                     "harvesting", "at", "2026-11-23T08:00", "description", "  ", "batch_id", 0,
                     "ward_code", "577", "place", "line\nbreak", "colour", 1);
    assert_int_equal(check(body, &in), 8);
    assert_int_equal(ocop_error_code(), OCOP_EINVALID);
    fields_are((const char *const[]){"colour", "product_id", "kind", "at", "description", "place",
                                     "ward_code", "batch_id", NULL});
    /* in Vietnamese too, each its own message */
    assert_non_null(strstr(ocop_error_field_message_in(2, "vi"), "loại sự kiện"));
    assert_null(strstr(ocop_error_field_message_in(2, "vi"), "kind is"));
    ocop_trace_input_dispose(&in);
    json_decref(body);

    /* both ways of naming the lot: refused; the future: refused */
    body = json_pack("{s:i, s:s, s:s, s:s, s:i, s:s}", "product_id", 3, "kind", "packing", "at",
                     "2026-11-24", "description", "Đóng gói", "batch_id", 4, "lot", "L1");
    assert_int_equal(check(body, &in), 2);
    fields_are((const char *const[]){"at", "lot", NULL});
    ocop_trace_input_dispose(&in);
    json_decref(body);
    body = json_pack("[i]", 1);
    assert_int_equal(check(body, &in), OCOP_EINVALID);
    ocop_trace_input_dispose(&in);
    json_decref(body);
}

static void test_trace__check_keeps_what_is_well_formed(void **state)
{
    struct ocop_trace_input in;
    char long_text[OCOP_TRACE_DESCRIPTION_MAX * 3 + 8];
    json_t *body;
    (void)state;
    /* NFD in, NFC kept; a moment five minutes ahead of the clock is a clock's difference */
    body = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:n, s:n}", "product_id", 7, "kind",
                     "quality_test", "at", "2026-11-23T14:04:59+07:00", "description",
                     "Kie\xcc\x82\xcc\x89m nghie\xcc\xa3\xcc\x82m\n vi sinh  ", "ward_code",
                     "00577", "place", " Phòng thử nghiệm ", "lot", "batch_id");
    assert_int_equal(check(body, &in), 0);
    assert_int_equal(in.product_id, 7);
    assert_string_equal(in.kind, "quality_test");
    assert_string_equal(in.at.text, "2026-11-23T07:04:59Z");
    assert_string_equal(in.description, "Kiểm nghiệm\n vi sinh");
    assert_string_equal(in.ward_code, "00577");
    assert_string_equal(in.place, "Phòng thử nghiệm");
    assert_null(in.lot);
    assert_int_equal(in.batch_id, 0);
    ocop_trace_input_dispose(&in);
    json_decref(body);
    /* six minutes ahead is the future; 1,000 characters fit, 1,001 do not */
    memset(long_text, 0, sizeof(long_text));
    for (int i = 0; i < OCOP_TRACE_DESCRIPTION_MAX; i++)
        memcpy(long_text + strlen(long_text), "ữ", strlen("ữ"));
    body = json_pack("{s:i, s:s, s:s, s:s, s:s}", "product_id", 7, "kind", "other", "at",
                     "2026-11-23T07:06:00Z", "description", long_text, "place", "");
    assert_int_equal(check(body, &in), 1);
    fields_are((const char *const[]){"at", NULL});
    assert_null(in.place); /* blank: none */
    ocop_trace_input_dispose(&in);
    strcat(long_text, "a");
    json_object_set_new(body, "description", json_string(long_text));
    json_object_set_new(body, "at", json_string("2026-11-23"));
    assert_int_equal(check(body, &in), 1);
    fields_are((const char *const[]){"description", NULL});
    ocop_trace_input_dispose(&in);
    json_decref(body);
}

static void test_trace__reason(void **state)
{
    char *r = NULL, big[OCOP_TRACE_REASON_MAX + 2];
    (void)state;
    assert_int_equal(ocop_trace_reason(&r, " Ghi nhầm ngày\n"), 0);
    assert_string_equal(r, "Ghi nhầm ngày");
    free(r);
    assert_int_equal(ocop_trace_reason(&r, "   "), OCOP_EINVALID);
    assert_string_equal(ocop_error_field(), "reason");
    assert_int_equal(ocop_trace_reason(&r, NULL), OCOP_EINVALID);
    assert_int_equal(ocop_trace_reason(&r, "bad \x01 byte"), OCOP_EINVALID);
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    assert_int_equal(ocop_trace_reason(&r, big), OCOP_EINVALID);
    assert_null(r);
}

static void test_trace__kinds_match_the_migration_and_have_names(void **state)
{
    const char *sql = NULL;
    (void)state;
    for (int i = 0; i < ocop_migrations_count; i++)
        if (ocop_migrations[i].version == 10)
            sql = ocop_migrations[i].sql;
    assert_non_null(sql);
    assert_true(ocop_trace_kinds_count >= 8);
    for (size_t i = 0; i < ocop_trace_kinds_count; i++) {
        char quoted[40];
        snprintf(quoted, sizeof(quoted), "'%s'", ocop_trace_kinds[i].code);
        if (!strstr(sql, quoted))
            fail_msg("kind %s is not in migration 0010's CHECK", ocop_trace_kinds[i].code);
        assert_true(strlen(ocop_trace_kinds[i].vi) > 0 && strlen(ocop_trace_kinds[i].en) > 0);
        assert_ptr_equal(ocop_trace_kind_find(ocop_trace_kinds[i].code), &ocop_trace_kinds[i]);
    }
    assert_null(ocop_trace_kind_find("Harvest"));
    assert_null(ocop_trace_kind_find(NULL));
    assert_string_equal(ocop_trace_kind_name("harvest", 0), "Thu hoạch");
    assert_string_equal(ocop_trace_kind_name("harvest", 1), "Harvest");
    assert_string_equal(ocop_trace_kind_name("made-up", 1), "made-up");
}

static void test_trace__rights_in_the_policy_table(void **state)
{
    struct ocop_actor office = {0}, commune = {0}, producer = {0}, council = {0}, anon = {0};
    struct ocop_scope bt = {"01", "00577", 5}, other = {"79", "26734", 9};
    (void)state;
    office.role = OCOP_ROLE_OFFICE;
    strcpy(office.province_code, "01");
    commune.role = OCOP_ROLE_COMMUNE;
    strcpy(commune.province_code, "01");
    strcpy(commune.ward_code, "00577");
    producer.role = OCOP_ROLE_PRODUCER;
    producer.producer_id = 5;
    council.role = OCOP_ROLE_COUNCIL;
    strcpy(council.province_code, "01");
    for (int act = OCOP_ACT_CREATE; act <= OCOP_ACT_RETRACT; act += OCOP_ACT_RETRACT) {
        assert_int_equal(ocop_policy_check(&office, "trace event", act, &bt), 0);
        assert_int_equal(ocop_policy_check(&office, "trace event", act, &other), OCOP_EFORBIDDEN);
        assert_int_equal(ocop_policy_check(&commune, "trace event", act, &bt), 0);
        assert_int_equal(ocop_policy_check(&commune, "trace event", act, &other), OCOP_EFORBIDDEN);
        assert_int_equal(ocop_policy_check(&producer, "trace event", act, &bt), 0);
        assert_int_equal(ocop_policy_check(&producer, "trace event", act, &other), OCOP_EFORBIDDEN);
        assert_int_equal(ocop_policy_check(&council, "trace event", act, &bt), OCOP_EFORBIDDEN);
        assert_int_equal(ocop_policy_check(&anon, "trace event", act, &bt), OCOP_EUNAUTH);
    }
    /* a trace event is never changed or deleted, whoever asks */
    assert_int_equal(ocop_policy_role_may(&office, "trace event", OCOP_ACT_UPDATE),
                     OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&producer, "trace event", OCOP_ACT_DELETE, &bt),
                     OCOP_EFORBIDDEN);
    /* the refusal reads in Vietnamese, with the action's and the record's words */
    assert_int_equal(ocop_policy_role_may(&council, "trace event", OCOP_ACT_RETRACT),
                     OCOP_EFORBIDDEN);
    assert_string_equal(ocop_error_message(), "the council role may not retract a trace event");
    assert_non_null(strstr(ocop_error_message_in("vi"), "rút lại"));
    assert_non_null(strstr(ocop_error_message_in("vi"), "sự kiện truy xuất"));
    assert_string_equal(ocop_action_name(OCOP_ACT_RETRACT), "retract");
}

/* ------------------------------------------------------------ over a database */

static const char units[] =
    "[{\"Code\":\"01\",\"Name\":\"Hà Nội\",\"NameEn\":\"Hanoi\",\"FullName\":\"Thành phố Hà "
    "Nội\",\"Wards\":["
    "{\"Code\":\"00577\",\"Name\":\"Bát Tràng\",\"FullName\":\"Xã Bát Tràng\","
    "\"FullNameEn\":\"Bat Trang Commune\"},"
    "{\"Code\":\"09700\",\"Name\":\"Ba Vì\",\"FullName\":\"Xã Ba Vì\"}]},"
    "{\"Code\":\"79\",\"Name\":\"Hồ Chí Minh\",\"FullName\":\"Thành phố Hồ Chí Minh\",\"Wards\":["
    "{\"Code\":\"26734\",\"Name\":\"Sài Gòn\",\"FullName\":\"Phường Sài Gòn\"}]}]";

struct fx {
    struct ocop_store *st;
    struct ocop_app app;
    json_int_t milk, vase, lot1, lot1b, lot2, vase_lot;
};

static int64_t issue(struct fx *f, int64_t product, const char *lot)
{
    struct ocop_issue_params p = {product, lot, "2026-11-01", NULL, NULL, 3};
    int64_t id = 0;
    assert_int_equal(ocop_app_stamps_issue(&id, &f->app, &p, NULL, NULL), 0);
    return id;
}

static int setup(void **state)
{
    static const char csv[] =
        "producer_name,producer_kind,producer_tax_code,producer_ward_code,product_name,"
        "product_group,gtin,certificate_number,decision_number,decision_date,stars,valid_until\n"
        "HTX Bò sữa Ba Vì,cooperative,0109100001,09700,Sữa tươi Ba Vì,food.animal_processed,,"
        "CN-1,1/QĐ,2026-06-01,4,\n"
        "HTX Gốm Sài Gòn,cooperative,0309100002,26734,Bình gốm,crafts.household,,CN-2,2/QĐ,"
        "2026-06-01,4,\n";
    struct fx *f = calloc(1, sizeof(*f));
    struct ocop_import_stats s;
    json_t *keys = NULL;
    if (!f || ocop_store_open(&f->st, ":memory:", OCOP_STORE_CREATE) ||
        ocop_store_migrate(f->st, 0, 0))
        return -1;
    ocop_app_init(&f->app, f->st);
    ocop_app_as_system(&f->app);
    f->app.now = (time_t)NOW;
    if (ocop_app_import_units(&s, &f->app, units, sizeof(units) - 1, NULL, NULL) ||
        ocop_app_import_products(&s, &f->app, csv, sizeof(csv) - 1, NULL, NULL) ||
        ocop_app_keys_generate(&keys, &f->app, 0))
        return -1;
    json_decref(keys);
    f->milk = 1;
    f->vase = 2;
    f->lot1 = issue(f, f->milk, "L1");
    f->lot2 = issue(f, f->milk, "L2");
    f->lot1b = issue(f, f->milk, "L1"); /* more stamps printed for lot L1 */
    f->vase_lot = issue(f, f->vase, "V1");
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

/* Records an event as the app's actor; its id, or 0 with rc set. */
static int64_t add(struct fx *f, int *rc, const char *fmt, ...)
{
    json_t *body, *out = NULL;
    json_error_t err;
    int64_t id = 0;
    va_list ap;
    va_start(ap, fmt);
    body = json_vpack_ex(&err, 0, fmt, ap);
    va_end(ap);
    assert_non_null(body);
    *rc = ocop_app_trace_add(&out, &f->app, body);
    if (*rc == 0)
        id = json_integer_value(json_object_get(out, "id"));
    json_decref(out);
    json_decref(body);
    return id;
}

static size_t count_events(json_t *list, const char *description)
{
    json_t *e;
    size_t i, n = 0;
    json_array_foreach(json_is_array(list) ? list : json_object_get(list, "items"), i, e) n +=
        strcmp(json_string_value(json_object_get(e, "description")), description) == 0;
    return n;
}

static void test_trace__a_stamp_shows_the_product_and_its_own_lot(void **state)
{
    struct fx *f = *state;
    json_t *seen = NULL, *list = NULL, *e;
    int rc;
    add(f, &rc, "{s:I, s:s, s:s, s:s, s:s, s:s}", "product_id", f->milk, "kind", "planting", "at",
        "2026-03-01", "description", "Đồng cỏ", "ward_code", "09700", "place", "Trại bò");
    assert_int_equal(rc, 0);
    add(f, &rc, "{s:I, s:s, s:s, s:s, s:s}", "product_id", f->milk, "kind", "harvest", "at",
        "2026-11-01T05:30+07:00", "description", "Vắt sữa L1", "lot", "L1");
    assert_int_equal(rc, 0);
    add(f, &rc, "{s:I, s:s, s:s, s:s, s:I}", "product_id", f->milk, "kind", "packing", "at",
        "2026-11-02", "description", "Đóng gói L2", "batch_id", f->lot2);
    assert_int_equal(rc, 0);
    /* a stamp of either batch of lot L1: the product's events and L1's, oldest first */
    for (int k = 0; k < 2; k++) {
        assert_int_equal(ocop_store_trace_events(&seen, f->st, f->milk, k ? f->lot1b : f->lot1), 0);
        assert_int_equal(json_array_size(seen), 2);
        assert_string_equal(json_string_value(json_object_get(json_array_get(seen, 0), "at")),
                            "2026-03-01");
        e = json_array_get(seen, 1);
        assert_string_equal(json_string_value(json_object_get(e, "description")), "Vắt sữa L1");
        assert_string_equal(json_string_value(json_object_get(e, "lot")), "L1");
        assert_string_equal(json_string_value(json_object_get(e, "at")), "2026-10-31T22:30:00Z");
        assert_int_equal(count_events(seen, "Đóng gói L2"), 0);
        /* shoppers never see who recorded it */
        assert_null(json_object_get(e, "recorded_by"));
        json_decref(seen);
    }
    e = NULL;
    assert_int_equal(ocop_store_trace_events(&seen, f->st, f->milk, f->lot2), 0);
    assert_int_equal(count_events(seen, "Đóng gói L2"), 1);
    assert_int_equal(count_events(seen, "Vắt sữa L1"), 0);
    e = json_object_get(json_array_get(seen, 0), "ward");
    assert_string_equal(json_string_value(json_object_get(e, "full_name")), "Xã Ba Vì");
    assert_string_equal(json_string_value(json_object_get(e, "province_name_en")), "Hanoi");
    json_decref(seen);
    /* the public list: everything, or with a lot the product's and that lot's */
    assert_int_equal(ocop_app_trace_public(&list, &f->app, f->milk, NULL), 0);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 3);
    json_decref(list);
    assert_int_equal(ocop_app_trace_public(&list, &f->app, f->milk, "L2"), 0);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 2);
    assert_int_equal(count_events(list, "Vắt sữa L1"), 0);
    json_decref(list);
    assert_int_equal(ocop_app_trace_public(&list, &f->app, 999, NULL), OCOP_ENOTFOUND);
}

static void test_trace__retracted_events_leave_the_stamp_but_stay(void **state)
{
    struct fx *f = *state;
    json_t *seen = NULL, *list = NULL, *out = NULL, *audit = NULL;
    int rc;
    int64_t id = add(f, &rc, "{s:I, s:s, s:s, s:s}", "product_id", f->milk, "kind", "storage", "at",
                     "2026-11-03", "description", "Kho lạnh 4°C");
    assert_int_equal(rc, 0);
    assert_int_equal(ocop_app_trace_retract(&out, &f->app, id, "  "), OCOP_EINVALID);
    assert_int_equal(ocop_app_trace_retract(&out, &f->app, id, "Ghi nhầm sản phẩm"), 0);
    assert_string_equal(json_string_value(json_object_get(out, "retract_reason")),
                        "Ghi nhầm sản phẩm");
    assert_true(json_is_null(json_object_get(out, "retracted_by"))); /* the shell */
    json_decref(out);
    assert_int_equal(ocop_app_trace_retract(&out, &f->app, id, "again"), OCOP_ECONFLICT);
    assert_int_equal(ocop_app_trace_retract(&out, &f->app, 99999, "none"), OCOP_ENOTFOUND);
    assert_int_equal(ocop_store_trace_events(&seen, f->st, f->milk, f->lot1), 0);
    assert_int_equal(count_events(seen, "Kho lạnh 4°C"), 0);
    json_decref(seen);
    assert_int_equal(ocop_app_trace_public(&list, &f->app, f->milk, NULL), 0);
    assert_int_equal(count_events(list, "Kho lạnh 4°C"), 0);
    json_decref(list);
    /* the office's history keeps it, marked */
    assert_int_equal(ocop_app_trace_list(&list, &f->app, f->milk), 0);
    assert_int_equal(count_events(list, "Kho lạnh 4°C"), 1);
    json_decref(list);
    /* both writes audited */
    assert_int_equal(ocop_app_audit(&audit, &f->app, "trace_event", id), 0);
    assert_int_equal(json_array_size(audit), 2);
    json_decref(audit);
}

static void test_trace__store_checks_lot_and_missing_things(void **state)
{
    struct fx *f = *state;
    int rc;
    /* another product's lot, an unknown lot, an unknown ward and product: named together */
    add(f, &rc, "{s:I, s:s, s:s, s:s, s:I, s:s}", "product_id", f->milk, "kind", "other", "at",
        "2026-11-01", "description", "x", "batch_id", f->vase_lot, "ward_code", "99999");
    assert_int_equal(rc, OCOP_EINVALID);
    fields_are((const char *const[]){"ward_code", "batch_id", NULL});
    add(f, &rc, "{s:I, s:s, s:s, s:s, s:s}", "product_id", f->milk, "kind", "other", "at",
        "2026-11-01", "description", "x", "lot", "V1");
    assert_int_equal(rc, OCOP_EINVALID);
    fields_are((const char *const[]){"lot", NULL});
    add(f, &rc, "{s:i, s:s, s:s, s:s}", "product_id", 4242, "kind", "nope", "at", "2026-11-01",
        "description", "x");
    assert_int_equal(rc, OCOP_EINVALID);
    fields_are((const char *const[]){"kind", "product_id", NULL});
}

static void test_trace__rights_over_the_database(void **state)
{
    struct fx *f = *state;
    json_t *list = NULL, *out = NULL;
    int64_t id;
    int rc;
    id = add(f, &rc, "{s:I, s:s, s:s, s:s}", "product_id", f->milk, "kind", "harvest", "at",
             "2026-11-01", "description", "Vắt sữa");
    assert_int_equal(rc, 0);
    /* the producer of the milk, not of the vase */
    memset(&f->app.actor, 0, sizeof(f->app.actor));
    f->app.actor.role = OCOP_ROLE_PRODUCER;
    f->app.actor.producer_id = 1;
    add(f, &rc, "{s:I, s:s, s:s, s:s}", "product_id", f->vase, "kind", "harvest", "at", "bad",
        "description", "x");
    assert_int_equal(rc, OCOP_EFORBIDDEN); /* before the bad date is judged */
    assert_int_equal(ocop_app_trace_list(&list, &f->app, f->vase), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_app_trace_list(&list, &f->app, f->milk), 0);
    json_decref(list);
    add(f, &rc, "{s:I, s:s, s:s, s:s}", "product_id", f->milk, "kind", "processing", "at",
        "2026-11-02", "description", "Thanh trùng");
    assert_int_equal(rc, 0);
    /* a commune officer of another ward, a council member, nobody */
    f->app.actor.role = OCOP_ROLE_COMMUNE;
    f->app.actor.producer_id = 0;
    strcpy(f->app.actor.ward_code, "00577");
    assert_int_equal(ocop_app_trace_retract(&out, &f->app, id, "x"), OCOP_EFORBIDDEN);
    f->app.actor.role = OCOP_ROLE_COUNCIL;
    add(f, &rc, "{s:I}", "product_id", f->milk);
    assert_int_equal(rc, OCOP_EFORBIDDEN);
    f->app.actor.role = OCOP_ROLE_NONE;
    add(f, &rc, "{s:I}", "product_id", f->milk);
    assert_int_equal(rc, OCOP_EUNAUTH);
    assert_int_equal(ocop_app_trace_get(&out, &f->app, id), OCOP_EUNAUTH);
    /* everyone reads the public history */
    assert_int_equal(ocop_app_trace_public(&list, &f->app, f->milk, NULL), 0);
    assert_int_equal(json_integer_value(json_object_get(list, "total")), 2);
    json_decref(list);
    ocop_app_as_system(&f->app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trace__when_days_and_moments),
        cmocka_unit_test(test_trace__when_refuses_malformed),
        cmocka_unit_test(test_trace__check_names_every_field_at_once),
        cmocka_unit_test(test_trace__check_keeps_what_is_well_formed),
        cmocka_unit_test(test_trace__reason),
        cmocka_unit_test(test_trace__kinds_match_the_migration_and_have_names),
        cmocka_unit_test(test_trace__rights_in_the_policy_table),
        cmocka_unit_test_setup_teardown(test_trace__a_stamp_shows_the_product_and_its_own_lot,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace__retracted_events_leave_the_stamp_but_stay,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_trace__store_checks_lot_and_missing_things, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_trace__rights_over_the_database, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
