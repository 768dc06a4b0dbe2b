/* test_core.c: unit tests of the pure rules in src/core. */
#include <setjmp.h>
#include <stdarg.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include <jansson.h>
#include <unistr.h>

#include "core/buf.h"
#include "core/dates.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/gs1.h"
#include "core/lang.h"
#include "core/messages.h"
#include "core/policy.h"
#include "core/query.h"
#include "core/rng.h"
#include "core/sectors.h"
#include "core/text.h"
#include "core/workflow.h"

static void assert_fold(const char *in, const char *want)
{
    char *got = ocop_text_fold(in);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_text__fold_vietnamese(void **state)
{
    assert_fold("Bát Tràng", "bat trang");
    assert_fold("Mây tre đan Phú Vinh", "may tre dan phu vinh");
    assert_fold("ĐẶC SẢN Đường Lâm", "dac san duong lam");
    assert_fold("Bánh tẻ Phú Nhi", "banh te phu nhi");
    assert_fold("Nước mắm", "nuoc mam");
    /* letters with two marks (ặ, ẫ, ữ) and NFD input fold the same */
    assert_fold("ặẫữ", "aau");
    assert_fold("Ba\xcc\x81t Tra\xcc\x80ng", "bat trang");
    assert_fold("  gốm -- sứ!! ", "gom su");
    assert_fold("", "");
}

static void test_text__fold_rejects_bad_utf8(void **state)
{
    assert_null(ocop_text_fold("\xff\xfe"));
    assert_null(ocop_text_fold("abc\xc3"));
}

static void test_text__clean(void **state)
{
    char *out = NULL;
    /* NFD in, NFC out, trimmed */
    assert_int_equal(ocop_text_clean(&out, "  Ba\xcc\x81t ", 8, 0), 0);
    assert_string_equal(out, "B\xc3\xa1t");
    free(out);
    assert_int_equal(ocop_text_clean(&out, "a\nb", 3, 0), OCOP_EMALFORMED);
    assert_null(out);
    assert_int_equal(ocop_text_clean(&out, "a\nb", 3, 1), 0);
    free(out);
    assert_int_equal(ocop_text_clean(&out, "a\0b", 3, 1), OCOP_EMALFORMED);
    assert_int_equal(ocop_text_clean(&out, "\xc3\x28", 2, 0), OCOP_EMALFORMED);
    assert_int_equal(ocop_text_length("Mây tre đan"), 11);
}

static void test_dates__parse_and_format(void **state)
{
    long d;
    char buf[11];
    assert_int_equal(ocop_date_parse(&d, "2024-02-29"), 0);
    ocop_date_format(buf, sizeof(buf), d);
    assert_string_equal(buf, "2024-02-29");
    assert_int_equal(ocop_date_parse(&d, "1970-01-01"), 0);
    assert_int_equal(d, 0);
    assert_int_equal(ocop_date_parse(&d, "2023-02-29"), OCOP_EINVALID);
    assert_int_equal(ocop_date_parse(&d, "2023-13-01"), OCOP_EINVALID);
    assert_int_equal(ocop_date_parse(&d, "2023-1-01"), OCOP_EINVALID);
    assert_int_equal(ocop_date_parse(&d, "2023-01-01x"), OCOP_EINVALID);
    assert_int_equal(ocop_date_parse(&d, ""), OCOP_EINVALID);
}

/* The arithmetic formatter agrees with the C library on every kind of date. */
/* Vietnam's time is UTC+7 all year: the day and the month carry at 17:00 UTC. */
static void test_dates__vietnam_time_carries_the_day(void **state)
{
    char out[24];
    (void)state;
    ocop_time_vn(out, sizeof(out), 1767202200); /* 2025-12-31T17:30:00Z */
    assert_string_equal(out, "01/01/2026 00:30");
    ocop_time_vn(out, sizeof(out), 1772297940); /* 2026-02-28T16:59:00Z */
    assert_string_equal(out, "28/02/2026 23:59");
    ocop_time_vn(out, sizeof(out), 1772298000); /* 2026-02-28T17:00:00Z */
    assert_string_equal(out, "01/03/2026 00:00");
    ocop_time_vn(out, sizeof(out), 0);
    assert_string_equal(out, "01/01/1970 07:00");
}

/* What records keep (a date, a UTC moment) as the pages show it; anything else as it is. */
static void test_dates__records_read_in_vietnam(void **state)
{
    char out[32];
    (void)state;
    ocop_when_vn(out, sizeof(out), "2026-11-22");
    assert_string_equal(out, "22/11/2026");
    ocop_when_vn(out, sizeof(out), "2025-12-31T17:30:05Z");
    assert_string_equal(out, "01/01/2026 00:30");
    ocop_when_vn(out, sizeof(out), "2026-11-23T02:51:06Z");
    assert_string_equal(out, "23/11/2026 09:51");
    ocop_when_vn(out, sizeof(out), "2026-13-01");
    assert_string_equal(out, "2026-13-01");
    ocop_when_vn(out, sizeof(out), "2026-11-23T25:00:00Z");
    assert_string_equal(out, "2026-11-23T25:00:00Z");
    ocop_when_vn(out, sizeof(out), "soon");
    assert_string_equal(out, "soon");
    ocop_when_vn(out, sizeof(out), NULL);
    assert_string_equal(out, "");
}

static void test_dates__time_format_matches_gmtime(void **state)
{
    static const time_t fixed[] = {0, 86399, 86400, 951782400 /* 2000-02-29 */,
                                   951868800, 1709164800 /* 2024-02-29 */, 4102444799,
                                   253402300799 /* 9999-12-31T23:59:59Z */};
    char got[32], want[32];
    struct tm tm;
    unsigned long long x = 88172645463325252ULL;
    (void)state;
    for (int i = 0; i < 20000; i++) {
        time_t t;
        if (i < (int)(sizeof(fixed) / sizeof(fixed[0]))) {
            t = fixed[i];
        } else {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift */
            t = (time_t)(x % 253402300800ULL);
        }
        gmtime_r(&t, &tm);
        strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
        ocop_time_format(got, sizeof(got), t);
        assert_string_equal(got, want);
    }
    /* second after second across days (the date part is kept for the last day) */
    for (time_t t = 951868800 - 3 * 86400; t < 951868800 + 86400; t += 7) {
        gmtime_r(&t, &tm);
        strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
        ocop_time_format(got, sizeof(got), t);
        assert_string_equal(got, want);
    }
    /* the same second again and again, then others (the last second's text is kept) */
    {
        const time_t seq[] = {1795382198, 1795382198, 1795382199, 1795382198, 1795295798,
                              1795382198, 0, 0, 1795382198, 86399, 86400};
        for (size_t i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
            gmtime_r(&seq[i], &tm);
            strftime(want, sizeof(want), "%Y-%m-%dT%H:%M:%SZ", &tm);
            ocop_time_format(got, sizeof(got), seq[i]);
            assert_string_equal(got, want);
            ocop_time_format(got, 11, seq[i]);
            want[10] = '\0';
            assert_string_equal(got, want);
        }
    }
    /* out of range: zeros, and the next day in range is right again */
    ocop_time_format(got, sizeof(got), (time_t)253402300800LL);
    assert_string_equal(got, "0000-00-00T00:00:00Z");
    ocop_time_format(got, sizeof(got), 951782401);
    assert_string_equal(got, "2000-02-29T00:00:01Z");
    /* a short buffer gets the beginning, like snprintf */
    ocop_time_format(got, 11, 951782400);
    assert_string_equal(got, "2000-02-29");
    ocop_time_format(got, 1, 951782400);
    assert_string_equal(got, "");
    ocop_time_format(got, 21, 951782400);
    assert_string_equal(got, "2000-02-29T00:00:00Z");
}

static void test_dates__add_months_clamps(void **state)
{
    long d, want;
    char buf[11];
    ocop_date_parse(&d, "2024-01-31");
    ocop_date_format(buf, sizeof(buf), ocop_date_add_months(d, 1));
    assert_string_equal(buf, "2024-02-29");
    ocop_date_parse(&d, "2022-06-15");
    ocop_date_parse(&want, "2025-06-15");
    assert_int_equal(ocop_date_add_months(d, 36), want);
}

static void test_dates__cert_status_boundaries(void **state)
{
    long today = 20000;
    assert_int_equal(ocop_cert_status(0, 0, today + 90, today), OCOP_CERT_VALID);
    assert_int_equal(ocop_cert_status(0, 0, today + 89, today), OCOP_CERT_EXPIRING);
    assert_int_equal(ocop_cert_status(0, 0, today, today), OCOP_CERT_EXPIRING);
    assert_int_equal(ocop_cert_status(0, 0, today - 1, today), OCOP_CERT_EXPIRED);
    assert_int_equal(ocop_cert_status(1, 0, today + 500, today), OCOP_CERT_REVOKED);
    assert_int_equal(ocop_cert_status(0, 1, today + 500, today), OCOP_CERT_SUPERSEDED);
    assert_int_equal(ocop_cert_status(0, 1, today - 5, today), OCOP_CERT_EXPIRED);
}

static void test_gs1__gtin(void **state)
{
    char g[15];
    assert_int_equal(ocop_gs1_check_digit("629104150021", 12), 3);
    assert_int_equal(ocop_gtin_normalize(g, "6291041500213"), 0);
    assert_string_equal(g, "06291041500213");
    assert_int_equal(ocop_gtin_normalize(g, "6291041500214"), OCOP_EINVALID);
    assert_int_equal(ocop_gtin_normalize(g, "62910415002"), OCOP_EINVALID);
    assert_int_equal(ocop_gtin_normalize(g, "62910415002a3"), OCOP_EINVALID);
}

static void test_sectors__decision_148_has_26_groups(void **state)
{
    assert_int_equal(ocop_sectors_count, 6);
    assert_int_equal(ocop_groups_count, 26);
    for (int i = 0; i < ocop_groups_count; i++)
        assert_non_null(ocop_sector_find(ocop_groups[i].sector));
    assert_non_null(ocop_group_find("crafts.household"));
    assert_null(ocop_group_find("crafts"));
}

static json_t *parse(const char *s)
{
    json_t *j = json_loads(s, 0, NULL);
    assert_non_null(j);
    return j;
}

static void expect_invalid(const char *body, int partial, const char *field)
{
    json_t *in = parse(body), *out = NULL;
    assert_int_equal(ocop_entity_validate(&out, &ocop_entity_product, in, partial), OCOP_EINVALID);
    assert_null(out);
    assert_non_null(ocop_error_field());
    assert_string_equal(ocop_error_field(), field);
    json_decref(in);
}

static void test_entity__product_validation(void **state)
{
    json_t *in = parse("{\"name\":\" Gốm Bát Tràng \",\"group\":\"crafts.household\","
                       "\"producer_id\":3,\"gtin\":\"6291041500213\"}"),
           *out = NULL;
    assert_int_equal(ocop_entity_validate(&out, &ocop_entity_product, in, 0), 0);
    assert_string_equal(json_string_value(json_object_get(out, "name")), "Gốm Bát Tràng");
    assert_string_equal(json_string_value(json_object_get(out, "gtin")), "06291041500213");
    json_decref(in);
    json_decref(out);
    expect_invalid("{\"group\":\"crafts.household\",\"producer_id\":3}", 0, "name");
    /* in Vietnamese, the field by its Vietnamese name */
    assert_string_equal(ocop_error_message(), "name is required");
    assert_non_null(strstr(ocop_error_message_in("vi"), ocop_word_vi("name")));
    assert_null(strstr(ocop_error_message_in("vi"), "name"));
    expect_invalid("{\"name\":\"x\",\"group\":\"crafts\",\"producer_id\":3}", 0, "group");
    expect_invalid("{\"name\":\"x\",\"group\":\"crafts.household\",\"producer_id\":0}", 0,
                   "producer_id");
    expect_invalid("{\"name\":\"x\",\"group\":\"crafts.household\",\"producer_id\":\"3\"}", 0,
                   "producer_id");
    expect_invalid("{\"name\":\"x\",\"group\":\"crafts.household\",\"producer_id\":3,\"stars\":5}",
                   0, "stars");
    expect_invalid("{\"name\":\"\"}", 1, "name");
    expect_invalid("{\"name\":null}", 1, "name");
    expect_invalid("{\"status\":\"sold\"}", 1, "status");
    expect_invalid("{\"ward_code\":\"123\"}", 1, "ward_code");
    expect_invalid("{\"gtin\":\"6291041500214\"}", 1, "gtin");
    expect_invalid("{\"name\":\"a\\u0001b\"}", 1, "name");
}

static void test_entity__partial_allows_clearing_optional(void **state)
{
    json_t *in = parse("{\"gtin\":null,\"story\":\"Dòng 1\\nDòng 2\"}"), *out = NULL;
    assert_int_equal(ocop_entity_validate(&out, &ocop_entity_product, in, 1), 0);
    assert_true(json_is_null(json_object_get(out, "gtin")));
    assert_null(json_object_get(out, "name"));
    json_decref(in);
    json_decref(out);
}

static void test_entity__producer_fields(void **state)
{
    const char *bad[][2] = {
        {"{\"tax_code\":\"12345\"}", "tax_code"},
        {"{\"tax_code\":\"0101234567-00\"}", "tax_code"},
        {"{\"email\":\"no-at-sign\"}", "email"},
        {"{\"phone\":\"12ab\"}", "phone"},
        {"{\"kind\":\"company\"}", "kind"},
        {"{\"members\":-1}", "members"},
        {"{\"founded_year\":1800}", "founded_year"},
    };
    json_t *in, *out = NULL;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        in = parse(bad[i][0]);
        assert_int_equal(ocop_entity_validate(&out, &ocop_entity_producer, in, 1), OCOP_EINVALID);
        assert_string_equal(ocop_error_field(), bad[i][1]);
        json_decref(in);
    }
    in = parse("{\"tax_code\":\"0101234567-001\",\"email\":\"htx@example.vn\","
               "\"phone\":\"+84 24 3874 0000\"}");
    assert_int_equal(ocop_entity_validate(&out, &ocop_entity_producer, in, 1), 0);
    json_decref(in);
    json_decref(out);
}

/* Every field at fault is gathered, each with its messages; a later error detaches them. */
static void test_entity__every_bad_field_is_reported(void **state)
{
    json_t *in = parse("{\"name\":\"\",\"kind\":\"household\",\"ward_code\":\"1\","
                       "\"email\":\"x\",\"phone\":\"abc\",\"employees\":\"x\","
                       "\"website\":\"ftp:x\"}"),
           *out = NULL;
    const char *want[] = {"name", "ward_code", "phone", "email", "website", "employees"};
    assert_int_equal(ocop_entity_validate(&out, &ocop_entity_producer, in, 0), OCOP_EINVALID);
    assert_null(out);
    assert_int_equal(ocop_error_field_count(), 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(ocop_error_field_at(i), want[i]);
    assert_null(ocop_error_field_at(6));
    assert_string_equal(ocop_error_field(), "name");
    assert_string_equal(ocop_error_message(), ocop_error_field_message_in(0, "en"));
    assert_string_equal(ocop_error_field_message_in(5, "en"), "employees must be an integer");
    assert_null(strstr(ocop_error_field_message_in(5, "vi"), "employees"));
    ocop_error_set_field(OCOP_EINVALID, "q", "unknown query parameter");
    assert_int_equal(ocop_error_field_count(), 1);
    assert_string_equal(ocop_error_field_at(0), "q");
    ocop_error_set(OCOP_ERROR, "x");
    assert_int_equal(ocop_error_field_count(), 0);
    json_decref(in);
}

static void test_entity__url(void **state)
{
    const char *good[] = {"https://example.vn", "http://htx.example.vn:8080/a?b=c#d",
                          "https://gốm.vn/"};
    const char *bad[] = {"ftp:x", "javascript:alert(1)", "https://", "http://a b.vn",
                         "example.vn", "https://.vn", "https://a..vn", "http://localhost",
                         "https://a.vn:x/", "https://a.vn/<b>"};
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(ocop_url_valid(good[i]));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        assert_false(ocop_url_valid(bad[i]));
}

static struct ocop_actor actor(enum ocop_role r, const char *prov, const char *ward, int64_t prod)
{
    struct ocop_actor a = {0};
    a.role = r;
    a.user_id = 7;
    snprintf(a.province_code, sizeof(a.province_code), "%s", prov);
    snprintf(a.ward_code, sizeof(a.ward_code), "%s", ward);
    a.producer_id = prod;
    return a;
}

static void test_policy__roles_and_scopes(void **state)
{
    struct ocop_scope hanoi_bt = {"01", "00577", 12}, other = {"79", "26734", 13};
    struct ocop_actor anon = {0}, admin = actor(OCOP_ROLE_ADMIN, "", "", 0),
                      office = actor(OCOP_ROLE_OFFICE, "01", "", 0),
                      commune = actor(OCOP_ROLE_COMMUNE, "01", "00577", 0),
                      producer = actor(OCOP_ROLE_PRODUCER, "", "", 12),
                      council = actor(OCOP_ROLE_COUNCIL, "01", "", 0),
                      sales = actor(OCOP_ROLE_SALES, "01", "", 0);

    assert_int_equal(ocop_policy_check(&anon, "product", OCOP_ACT_CREATE, &hanoi_bt), OCOP_EUNAUTH);
    assert_int_equal(ocop_policy_check(&admin, "product", OCOP_ACT_DELETE, &other), 0);
    assert_int_equal(ocop_policy_check(&office, "producer", OCOP_ACT_CREATE, &hanoi_bt), 0);
    assert_int_equal(ocop_policy_check(&office, "producer", OCOP_ACT_CREATE, &other), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&commune, "producer", OCOP_ACT_UPDATE, &hanoi_bt), 0);
    assert_int_equal(ocop_policy_check(&commune, "producer", OCOP_ACT_UPDATE, &other), OCOP_EFORBIDDEN);
    /* the refusal in Vietnamese names the record's kind in Vietnamese */
    assert_string_equal(ocop_error_message(), "this producer is outside your ward or commune");
    assert_non_null(strstr(ocop_error_message_in("vi"), ocop_word_vi("producer")));
    assert_null(strstr(ocop_error_message_in("vi"), "producer"));
    assert_int_equal(ocop_policy_check(&commune, "village", OCOP_ACT_CREATE, &hanoi_bt), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&producer, "product", OCOP_ACT_UPDATE, &hanoi_bt), 0);
    assert_int_equal(ocop_policy_check(&producer, "product", OCOP_ACT_UPDATE, &other), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&producer, "producer", OCOP_ACT_CREATE, &hanoi_bt), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&producer, "village", OCOP_ACT_UPDATE, &hanoi_bt), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&council, "product", OCOP_ACT_UPDATE, &hanoi_bt), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_check(&sales, "producer", OCOP_ACT_CREATE, &hanoi_bt), OCOP_EFORBIDDEN);
    /* role-level rights, before any input is read */
    assert_int_equal(ocop_policy_role_may(&anon, "product", OCOP_ACT_CREATE), OCOP_EUNAUTH);
    assert_int_equal(ocop_policy_role_may(&council, "product", OCOP_ACT_CREATE), OCOP_EFORBIDDEN);
    assert_string_equal(ocop_error_message(), "the council role may not create a product");
    assert_non_null(strstr(ocop_error_message_in("vi"), ocop_word_vi("council")));
    assert_null(strstr(ocop_error_message_in("vi"), "council"));
    assert_non_null(strstr(ocop_error_message_in("vi"), ocop_word_vi("create")));
    assert_non_null(strstr(ocop_error_message_in("vi"), ocop_word_vi("product")));
    assert_null(strstr(ocop_error_message_in("vi"), "product"));
    assert_int_equal(ocop_policy_role_may(&commune, "village", OCOP_ACT_CREATE), OCOP_EFORBIDDEN);
    assert_int_equal(ocop_policy_role_may(&commune, "village", OCOP_ACT_UPDATE), 0);
    assert_int_equal(ocop_policy_role_may(&producer, "product", OCOP_ACT_DELETE), 0);
    assert_int_equal(ocop_policy_role_may(&producer, "zone", OCOP_ACT_CREATE), OCOP_EFORBIDDEN);
}

/* What a list shows each role: its province, its ward, its own producer; a producer user
 * naming no producer sees nothing (-1), not everything (0). */
static void test_policy__scope_of_each_role(void **state)
{
    struct ocop_actor office = actor(OCOP_ROLE_OFFICE, "01", "", 0),
                      commune = actor(OCOP_ROLE_COMMUNE, "01", "00577", 0),
                      producer = actor(OCOP_ROLE_PRODUCER, "", "", 12),
                      orphan = actor(OCOP_ROLE_PRODUCER, "", "", 0),
                      admin = actor(OCOP_ROLE_ADMIN, "", "", 0);
    struct ocop_scope s;
    ocop_policy_scope_of(&s, &office);
    assert_string_equal(s.province_code, "01");
    assert_null(s.ward_code);
    assert_int_equal(s.producer_id, 0);
    ocop_policy_scope_of(&s, &commune);
    assert_null(s.province_code);
    assert_string_equal(s.ward_code, "00577");
    ocop_policy_scope_of(&s, &producer);
    assert_int_equal(s.producer_id, 12);
    assert_null(s.province_code);
    ocop_policy_scope_of(&s, &orphan);
    assert_int_equal(s.producer_id, -1);
    ocop_policy_scope_of(&s, &admin);
    assert_null(s.province_code);
    assert_null(s.ward_code);
    assert_int_equal(s.producer_id, 0);
}

static void test_query__parse(void **state)
{
    struct ocop_query q;
    long long v;
    const char *s = "q=b%C3%A1t+tr%C3%A0ng&stars=4&&page=2&empty=";
    ocop_query_init(&q);
    assert_int_equal(ocop_query_parse(&q, s, strlen(s)), 0);
    assert_int_equal(q.count, 4);
    assert_string_equal(ocop_query_get(&q, "q"), "bát tràng");
    assert_string_equal(ocop_query_get(&q, "empty"), "");
    assert_int_equal(ocop_query_int(&v, &q, "stars", 0, 1, 5), 0);
    assert_int_equal(v, 4);
    assert_int_equal(ocop_query_int(&v, &q, "missing", 9, 1, 5), 0);
    assert_int_equal(v, 9);
    assert_int_equal(ocop_query_int(&v, &q, "q", 0, 1, 5), OCOP_EINVALID);
    assert_string_equal(ocop_error_field(), "q");
    {
        static const char *const allowed[] = {"q", "stars", "page", NULL};
        assert_int_equal(ocop_query_only(&q, allowed), OCOP_EINVALID);
        assert_string_equal(ocop_error_field(), "empty");
    }
    ocop_query_dispose(&q);
}

/* Plain ASCII values are kept in the query's own room, others (and what does not fit)
 * allocated; both read the same, and a query used again starts its room again. */
static void test_query__room_and_allocations(void **state)
{
    struct ocop_query q;
    struct ocop_buf b;
    const char *a1, *long_v, *accented;
    ocop_query_init(&q);
    ocop_buf_init(&b, 1 << 16);
    ocop_buf_puts(&b, "a=+x%20y+&v=");
    for (int i = 0; i < 600; i++)
        ocop_buf_puts(&b, "z");
    ocop_buf_puts(&b, "&e=%C3%A9&s=k1.AB-_cd");
    assert_int_equal(ocop_query_parse(&q, b.data, b.len), 0);
    a1 = ocop_query_get(&q, "a");
    long_v = ocop_query_get(&q, "v");
    accented = ocop_query_get(&q, "e");
    assert_string_equal(a1, "x y"); /* trimmed, as clean text is */
    assert_int_equal(strlen(long_v), 600);
    assert_string_equal(accented, "é");
    assert_string_equal(ocop_query_get(&q, "s"), "k1.AB-_cd");
    assert_true(a1 >= q.text && a1 < q.text + sizeof(q.text));
    assert_false(long_v >= q.text && long_v < q.text + sizeof(q.text));
    assert_false(accented >= q.text && accented < q.text + sizeof(q.text));
    ocop_query_dispose(&q);
    assert_int_equal(ocop_query_parse(&q, "a=1", 3), 0);
    assert_ptr_equal(q.params[0].key, q.text);
    ocop_query_dispose(&q);
    /* a failure half-way frees what was decoded (the leak checker would say) */
    assert_int_equal(ocop_query_parse(&q, "a=%C3%A9&b=%zz", 14), OCOP_EMALFORMED);
    ocop_query_dispose(&q);
    ocop_buf_dispose(&b);
}

static void test_query__malformed(void **state)
{
    const char *bad[] = {"a=%zz", "a=%4", "a=%", "a=1&a=2", "=x", "a=%00", "a=%ff", "a=%0A"};
    struct ocop_query q;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ocop_query_init(&q);
        assert_int_equal(ocop_query_parse(&q, bad[i], strlen(bad[i])), OCOP_EMALFORMED);
        ocop_query_dispose(&q);
    }
}

static void test_query__forms_allow_line_breaks_and_more_fields(void **state)
{
    struct ocop_query q;
    struct ocop_buf b;
    ocop_query_init(&q);
    assert_int_equal(ocop_query_parse(&q, "a=x%0Ay", 7), OCOP_EMALFORMED);
    ocop_query_dispose(&q);
    assert_int_equal(ocop_form_parse(&q, "a=x%0D%0Ay", 10, 100), 0);
    assert_string_equal(ocop_query_get(&q, "a"), "x\r\ny");
    ocop_query_dispose(&q);
    ocop_buf_init(&b, 1 << 16);
    for (int i = 0; i < 40; i++)
        ocop_buf_printf(&b, "%sc%d=%d", i ? "&" : "", i, i);
    assert_int_equal(ocop_query_parse(&q, b.data, b.len), OCOP_ETOOBIG);
    ocop_query_dispose(&q);
    assert_int_equal(ocop_form_parse(&q, b.data, b.len, 1 << 16), 0);
    assert_int_equal(q.count, 40);
    ocop_query_dispose(&q);
    assert_int_equal(ocop_form_parse(&q, b.data, b.len, 10), OCOP_ETOOBIG);
    ocop_buf_dispose(&b);
}

static void test_query__int_bounds(void **state)
{
    long long v;
    assert_int_equal(ocop_parse_int(&v, "42", 0, 100), 0);
    assert_int_equal(ocop_parse_int(&v, "101", 0, 100), OCOP_EINVALID);
    assert_int_equal(ocop_parse_int(&v, "4 2", 0, 100), OCOP_EINVALID);
    assert_int_equal(ocop_parse_int(&v, "", 0, 100), OCOP_EINVALID);
    assert_int_equal(ocop_parse_int(&v, "99999999999999999999", 0, INT64_MAX), OCOP_EINVALID);
    assert_int_equal(ocop_parse_int(&v, " 1", 0, 100), OCOP_EINVALID);
}

static void test_buf__cap(void **state)
{
    struct ocop_buf b;
    ocop_buf_init(&b, 8);
    assert_int_equal(ocop_buf_puts(&b, "12345678"), 0);
    assert_int_equal(ocop_buf_puts(&b, "9"), OCOP_ETOOBIG);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    ocop_buf_dispose(&b);
}

/* printf writes in one pass into room already there, grows when it does not fit, and
 * past the cap leaves the buffer as it was. */
static void test_buf__printf_fits_grows_and_caps(void **state)
{
    struct ocop_buf b;
    char want[301];
    (void)state;
    memset(want, 'x', 300);
    want[300] = '\0';
    ocop_buf_init(&b, 400);
    assert_int_equal(ocop_buf_reserve(&b, 16), 0);
    assert_int_equal(ocop_buf_printf(&b, "%d-%s", 42, "ab"), 0);
    assert_string_equal(b.data, "42-ab");
    assert_int_equal(ocop_buf_printf(&b, "%s", want), 0); /* does not fit: grows */
    assert_int_equal(b.len, 305);
    assert_memory_equal(b.data + 5, want, 301);
    assert_int_equal(ocop_buf_printf(&b, "%s", want), OCOP_ETOOBIG);
    assert_int_equal(b.len, 305);
    assert_int_equal(strlen(b.data), 305);
    assert_int_equal(ocop_buf_reserve(&b, 96), OCOP_ETOOBIG);
    assert_int_equal(ocop_buf_reserve(&b, 95), 0);
    assert_int_equal(ocop_buf_printf(&b, "%.95s", want), 0); /* exactly to the cap */
    assert_int_equal(b.len, 400);
    assert_int_equal(ocop_buf_printf(&b, "%s", ""), 0);
    assert_int_equal(ocop_buf_printf(&b, "%s", "y"), OCOP_ETOOBIG);
    assert_int_equal(strlen(b.data), 400);
    ocop_buf_dispose(&b);
}

/* Numbers in decimal, both signs and the extremes, and the cap respected. */
static void test_buf__putl(void **state)
{
    struct ocop_buf b;
    char want[64];
    static const long cases[] = {0, 7, -7, 10, 1234567890L, -1000, LONG_MAX, LONG_MIN};
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ocop_buf_init(&b, 64);
        assert_int_equal(ocop_buf_putl(&b, cases[i]), 0);
        snprintf(want, sizeof(want), "%ld", cases[i]);
        assert_string_equal(b.data, want);
        ocop_buf_dispose(&b);
    }
    ocop_buf_init(&b, 3);
    assert_int_equal(ocop_buf_putl(&b, 123), 0);
    assert_int_equal(ocop_buf_putl(&b, 4), OCOP_ETOOBIG);
    assert_string_equal(b.data, "123");
    ocop_buf_dispose(&b);
}

/* What ocop_buf_json_string writes reads back as the same string, for any byte. */
static void test_buf__json_string_round_trips(void **state)
{
    static const char *const cases[] = {"", "plain", "Bánh tẻ Phú Nhi \"ngon\"", "a\\b/c",
                                        "line\nbreak\ttab\r\b\f", "\x01\x1f\x7f end",
                                        "Đại Áng — 100%"};
    struct ocop_buf b;
    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        json_t *j;
        ocop_buf_init(&b, 4096);
        assert_int_equal(ocop_buf_json_string(&b, cases[i]), 0);
        j = json_loadb(b.data, b.len, JSON_DECODE_ANY, NULL);
        assert_non_null(j);
        assert_string_equal(json_string_value(j), cases[i]);
        json_decref(j);
        ocop_buf_dispose(&b);
    }
    ocop_buf_init(&b, 4096);
    assert_int_equal(ocop_buf_json_string(&b, NULL), 0);
    assert_string_equal(b.data, "null");
    ocop_buf_dispose(&b);
    /* over the cap: nothing of it is kept */
    ocop_buf_init(&b, 8);
    assert_int_equal(ocop_buf_puts(&b, "ab"), 0);
    assert_int_equal(ocop_buf_json_string(&b, "too long for it"), OCOP_ETOOBIG);
    assert_string_equal(b.data, "ab");
    ocop_buf_dispose(&b);
}

static void test_error__catalog_is_sorted_for_bsearch(void **state)
{
    assert_true(ocop_messages_vi_count > 400);
    for (size_t i = 1; i < ocop_messages_vi_count; i++)
        assert_true(strcmp(ocop_messages_vi[i - 1].en, ocop_messages_vi[i].en) < 0);
    for (size_t i = 0; i < ocop_messages_vi_count; i++)
        assert_ptr_equal(ocop_message_vi(ocop_messages_vi[i].en), ocop_messages_vi[i].vi);
    assert_null(ocop_message_vi("a message the catalog does not have"));
    /* every word a message takes has its Vietnamese */
    for (size_t i = 0; i < ocop_words_count; i++) {
        if (!ocop_message_vi(ocop_words[i]))
            fail_msg("the word \"%s\" has no Vietnamese in po/vi.po", ocop_words[i]);
        assert_string_equal(ocop_word_vi(ocop_words[i]), ocop_message_vi(ocop_words[i]));
    }
    assert_string_equal(ocop_word_vi("not a word"), "not a word");
    /* and the names of states, actions, roles and certificate statuses, which they name */
    for (int i = 0; i < OCOP_DOSSIER_STATE_COUNT; i++)
        if (!ocop_message_vi(ocop_dossier_state_name((enum ocop_dossier_state)i)))
            fail_msg("the state \"%s\" has no Vietnamese",
                     ocop_dossier_state_name((enum ocop_dossier_state)i));
    for (int i = 0; i < OCOP_DA_COUNT; i++)
        if (!ocop_message_vi(ocop_dossier_action_name((enum ocop_dossier_action)i)))
            fail_msg("the action \"%s\" has no Vietnamese",
                     ocop_dossier_action_name((enum ocop_dossier_action)i));
    for (int i = OCOP_ROLE_NONE; i <= OCOP_ROLE_SYSTEM; i++)
        if (!ocop_message_vi(ocop_role_name((enum ocop_role)i)))
            fail_msg("the role \"%s\" has no Vietnamese", ocop_role_name((enum ocop_role)i));
    for (int i = OCOP_CERT_VALID; i <= OCOP_CERT_SUPERSEDED; i++)
        if (!ocop_message_vi(ocop_cert_status_name((enum ocop_cert_status)i)))
            fail_msg("the certificate status \"%s\" has no Vietnamese",
                     ocop_cert_status_name((enum ocop_cert_status)i));
    /* and every field of a record, which messages name */
    const struct ocop_entity *all[] = {&ocop_entity_producer, &ocop_entity_village,
                                       &ocop_entity_product, &ocop_entity_zone};
    for (size_t e = 0; e < 4; e++)
        for (size_t i = 0; i < all[e]->nfields; i++)
            if (!ocop_message_vi(all[e]->fields[i].name))
                fail_msg("the field \"%s\" has no Vietnamese in po/vi.po", all[e]->fields[i].name);
}

static void test_error__messages_in_vietnamese(void **state)
{
    const char *vi = ocop_message_vi("no product has that id");
    assert_non_null(vi);
    assert_string_not_equal(vi, "no product has that id");

    ocop_error_set(OCOP_ENOTFOUND, "no product has that id");
    assert_string_equal(ocop_error_message(), "no product has that id");
    assert_string_equal(ocop_error_message_in("en"), "no product has that id");
    assert_string_equal(ocop_error_message_in(NULL), "no product has that id");
    assert_string_equal(ocop_error_message_in("vi"), vi);
    assert_string_equal(ocop_error_message_in("vi-VN"), vi);

    /* with arguments: the same values in the Vietnamese sentence */
    ocop_error_set_field(OCOP_EINVALID, "stars", "%s is required", "stars");
    assert_string_equal(ocop_error_message(), "stars is required");
    assert_non_null(strstr(ocop_error_message_in("vi"), "stars"));
    assert_string_not_equal(ocop_error_message_in("vi"), "stars is required");
    assert_null(strchr(ocop_error_message_in("vi"), '%'));
    assert_string_equal(ocop_error_field(), "stars");

    /* a message quoting the one before quotes its Vietnamese */
    ocop_error_set(OCOP_ENOTFOUND, "no product has that id");
    ocop_error_set(OCOP_EINVALID, "row %ld: %s", 7L, ocop_error_message());
    assert_string_equal(ocop_error_message(), "row 7: no product has that id");
    assert_non_null(strstr(ocop_error_message_in("vi"), vi));
    assert_non_null(strstr(ocop_error_message_in("vi"), "7"));
    assert_null(strstr(ocop_error_message_in("vi"), "no product"));
    ocop_error_set(OCOP_ENOTFOUND, "%s", ocop_error_message()); /* passed on as it is */
    assert_non_null(strstr(ocop_error_message_in("vi"), vi));

    /* none in the catalog: the English; none at all: the code's name */
    ocop_error_set(OCOP_EINVALID, "a message the catalog does not have");
    assert_string_equal(ocop_error_message_in("vi"), "a message the catalog does not have");
    ocop_error_set(OCOP_ENOTFOUND, "%s", "");
    assert_string_equal(ocop_error_message(), "not found");
    assert_string_equal(ocop_error_message_in("vi"), "không tìm thấy");
    ocop_error_clear();
}

static void test_error__long_messages_end_on_a_character(void **state)
{
    char text[1200] = "";
    for (int i = 0; i < 300; i++)
        strcat(text, "ệ"); /* 3 bytes each: 900 bytes */
    for (int shift = 0; shift < 3; shift++) {
        ocop_error_set(OCOP_EINVALID, "%.*s%s", shift, "ab", text);
        for (int l = 0; l < 2; l++) {
            const char *m = ocop_error_message_in(l ? "vi" : "en");
            assert_true(strlen(m) >= 500 && strlen(m) < 512);
            assert_null(u8_check((const uint8_t *)m, strlen(m)));
        }
    }
    ocop_error_clear();
}

static void test_lang__accept_language(void **state)
{
    static const char *const cases[][2] = {
        {"vi", "vi"},
        {"en", "en"},
        {"VI-vn", "vi"},
        {"vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"},
        {"en-US,en;q=0.9,vi;q=0.8", "en"},
        {"fr-FR, en;q=0.5", "en"},
        {"en;q=0.5, vi;q=0.8", "vi"},
        {"en;q=0.8, vi;q=0.8", "en"}, /* a tie: the first */
        {"vi;q=0, en", "en"},
        {"  vi  ;  q=0.5  ", "vi"},
        {"en-GB-oxendict", "en"},
        {"vi-VN;level=1;q=0.3, en;q=0.2", "vi"},
        {"x-klingon, vi", "vi"},
        {"vi;q=1.000", "vi"},
        {"vi;q=abc, en", "en"}, /* the malformed element is skipped */
        {"vi;q=2, en;q=0.1", "en"},
        {"vi;q=1.5, en;q=0.1", "en"},
        {"vi;q=0.9999, en;q=0.1", "en"},
        {"vi foo, en;q=0.1", "en"},
        {"vi-, en;q=0.1", "en"},
        {"vi-abcdefghi, en;q=0.1", "en"},
    };
    static const char *const none[] = {"", "fr", "*", "de;q=1, *;q=0.5", ";;;,,,", "vietnamese",
                                       "1vi", "vi;q=0", "en;q=0.000", "q=1", ",", " ", "vi;q=",
                                       "en;q=.5", "-", "vi\tvi"};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = ocop_lang_accept(cases[i][0]);
        if (!got || strcmp(got, cases[i][1]) != 0)
            fail_msg("Accept-Language \"%s\": got %s, want %s", cases[i][0], got ? got : "NULL",
                     cases[i][1]);
    }
    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
        if (ocop_lang_accept(none[i]))
            fail_msg("Accept-Language \"%s\": got %s, want none", none[i],
                     ocop_lang_accept(none[i]));
    assert_null(ocop_lang_accept(NULL));
    assert_true(ocop_lang_vi("vi") && ocop_lang_vi("vi-VN") && ocop_lang_vi("VI"));
    assert_true(ocop_lang_vi("vi_VN.UTF-8") && ocop_lang_vi("vi.UTF-8"));
    assert_false(ocop_lang_vi("vie") || ocop_lang_vi("v") || ocop_lang_vi("en") ||
                 ocop_lang_vi(NULL));
}

static void test_rng__deterministic(void **state)
{
    struct ocop_rng a, b;
    ocop_rng_seed(&a, 2025);
    ocop_rng_seed(&b, 2025);
    for (int i = 0; i < 1000; i++) {
        long x = ocop_rng_range(&a, 3, 9);
        assert_int_equal(x, ocop_rng_range(&b, 3, 9));
        assert_true(x >= 3 && x <= 9);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text__fold_vietnamese),
        cmocka_unit_test(test_text__fold_rejects_bad_utf8),
        cmocka_unit_test(test_text__clean),
        cmocka_unit_test(test_dates__parse_and_format),
        cmocka_unit_test(test_dates__time_format_matches_gmtime),
        cmocka_unit_test(test_dates__vietnam_time_carries_the_day),
        cmocka_unit_test(test_dates__records_read_in_vietnam),
        cmocka_unit_test(test_buf__printf_fits_grows_and_caps),
        cmocka_unit_test(test_buf__putl),
        cmocka_unit_test(test_dates__add_months_clamps),
        cmocka_unit_test(test_dates__cert_status_boundaries),
        cmocka_unit_test(test_gs1__gtin),
        cmocka_unit_test(test_sectors__decision_148_has_26_groups),
        cmocka_unit_test(test_entity__product_validation),
        cmocka_unit_test(test_entity__partial_allows_clearing_optional),
        cmocka_unit_test(test_entity__producer_fields),
        cmocka_unit_test(test_entity__every_bad_field_is_reported),
        cmocka_unit_test(test_entity__url),
        cmocka_unit_test(test_policy__roles_and_scopes),
        cmocka_unit_test(test_policy__scope_of_each_role),
        cmocka_unit_test(test_query__parse),
        cmocka_unit_test(test_query__malformed),
        cmocka_unit_test(test_query__room_and_allocations),
        cmocka_unit_test(test_query__int_bounds),
        cmocka_unit_test(test_query__forms_allow_line_breaks_and_more_fields),
        cmocka_unit_test(test_buf__cap),
        cmocka_unit_test(test_buf__json_string_round_trips),
        cmocka_unit_test(test_rng__deterministic),
        cmocka_unit_test(test_error__catalog_is_sorted_for_bsearch),
        cmocka_unit_test(test_error__messages_in_vietnamese),
        cmocka_unit_test(test_error__long_messages_end_on_a_character),
        cmocka_unit_test(test_lang__accept_language),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
