/* test_stamp.c: serials, lot codes, the Digital Link URI round trip and its parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/stamp.h"

static void make(struct ocop_stamp_id *id, const char *gtin, const char *lot)
{
    unsigned char raw[OCOP_SERIAL_BYTES];
    memset(id, 0, sizeof(*id));
    for (int i = 0; i < OCOP_SERIAL_BYTES; i++)
        raw[i] = (unsigned char)(i * 37 + 11);
    ocop_serial_encode(id->serial, raw);
    snprintf(id->gtin, sizeof(id->gtin), "%s", gtin);
    snprintf(id->lot, sizeof(id->lot), "%s", lot);
    strcpy(id->kid, "hn2026a");
    for (int i = 0; i < OCOP_SIG_BYTES; i++)
        id->sig[i] = (unsigned char)(255 - i);
    id->has_sig = 1;
}

static void test_stamp__serial(void **state)
{
    unsigned char zero[OCOP_SERIAL_BYTES] = {0}, ones[OCOP_SERIAL_BYTES];
    char s[OCOP_SERIAL_LEN + 1];
    memset(ones, 0xff, sizeof(ones));
    ocop_serial_encode(s, zero);
    assert_string_equal(s, "00000000000000000000");
    ocop_serial_encode(s, ones);
    assert_string_equal(s, "ZZZZZZZZZZZZZZZZZZZG");
    assert_int_equal(ocop_serial_check(s), 0);
    assert_int_equal(ocop_serial_check("ZZZZZZZZZZZZZZZZZZZZ"), OCOP_EINVALID); /* not canonical */
    assert_int_equal(ocop_serial_check("0000000000000000000U"), OCOP_EINVALID); /* U excluded */
    assert_int_equal(ocop_serial_check("000000000000000000"), OCOP_EINVALID);
    assert_int_equal(ocop_serial_check("0000000000000000000o"), OCOP_EINVALID);
}

static void test_stamp__lot(void **state)
{
    assert_int_equal(ocop_lot_check("L2026-03/A"), 0);
    assert_int_equal(ocop_lot_check(""), OCOP_EINVALID);
    assert_int_equal(ocop_lot_check("lô 1"), OCOP_EINVALID);
    assert_int_equal(ocop_lot_check("ABCDEFGHIJKLMNOPQRSTU"), OCOP_EINVALID);
    assert_int_equal(ocop_lot_check("A#1"), OCOP_EINVALID);
}

static void roundtrip(const char *gtin, const char *lot, const char *want_prefix)
{
    struct ocop_stamp_id a, b;
    char uri[400];
    make(&a, gtin, lot);
    assert_true(ocop_stamp_uri(uri, sizeof(uri), "https://ocop.hanoi.gov.vn", &a) > 0);
    assert_memory_equal(uri, want_prefix, strlen(want_prefix));
    assert_int_equal(ocop_stamp_parse(&b, uri, strlen(uri)), 0);
    assert_string_equal(a.gtin, b.gtin);
    assert_string_equal(a.lot, b.lot);
    assert_string_equal(a.serial, b.serial);
    assert_string_equal(a.kid, b.kid);
    assert_memory_equal(a.sig, b.sig, OCOP_SIG_BYTES);
    /* the path alone (as an HTTP server sees it) parses the same */
    const char *path = strchr(uri + 8, '/');
    assert_int_equal(ocop_stamp_parse(&b, path, strlen(path)), 0);
    assert_string_equal(a.serial, b.serial);
}

static void test_stamp__uri_roundtrip(void **state)
{
    roundtrip("06291041500213", "L2026-03", "https://ocop.hanoi.gov.vn/01/06291041500213/10/L2026-03/21/");
    /* lot characters outside the unreserved set are percent-encoded */
    roundtrip("06291041500213", "A/B%C&D", "https://ocop.hanoi.gov.vn/01/06291041500213/10/A%2FB%25C%26D/21/");
    roundtrip("", "LOT1", "https://ocop.hanoi.gov.vn/v/");
    struct ocop_stamp_id a;
    char uri[400], msg[128];
    make(&a, "06291041500213", "L1");
    assert_int_equal(ocop_stamp_uri(uri, 40, "https://ocop.hanoi.gov.vn", &a), -1);
    ocop_stamp_message(msg, sizeof(msg), &a);
    assert_memory_equal(msg, "ocop-stamp/1|06291041500213|L1|", 31);
}

static void test_stamp__forgeries_are_malformed(void **state)
{
    struct ocop_stamp_id a, b;
    char uri[400], bad[420];
    make(&a, "06291041500213", "L1");
    ocop_stamp_uri(uri, sizeof(uri), "https://x.vn", &a);
    /* each case: the text before and after the serial */
    const char *cases[][2] = {
        {"https://x.vn/01/06291041500214/10/L1/21/", ""},          /* GTIN check digit */
        {"https://x.vn/01/6291041500213/10/L1/21/", ""},           /* GTIN-13 in the path */
        {"https://x.vn/10/L1/01/06291041500213/21/", ""},          /* qualifier order */
        {"https://x.vn/01/06291041500213/21/", ""},                /* no lot */
        {"https://x.vn/01/06291041500213/10/L%1/21/", ""},         /* bad percent-encoding */
        {"https://x.vn/01/06291041500213/10/L 1/21/", ""},         /* raw space */
        {"https://x.vn/01/06291041500213/10/L1/21/", "/extra"},
        {"https://x.vn/v/", ""},                                    /* short form without lot */
        {"https://x.vn/01/06291041500213/10/L1/21/", "X"},          /* serial too long */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(bad, sizeof(bad), "%s%s%s", cases[i][0], a.serial, cases[i][1]);
        assert_int_equal(ocop_stamp_parse(&b, bad, strlen(bad)), OCOP_EMALFORMED);
    }
    /* truncated anywhere: malformed, never a crash */
    for (size_t n = 0; n < strlen(uri); n++) {
        int rc = ocop_stamp_parse(&b, uri, n);
        assert_true(rc == OCOP_EMALFORMED || rc == 0);
        if (rc == 0) /* a prefix that still parses cannot carry the whole signature */
            assert_false(b.has_sig);
    }
    /* a changed signature character stays well-formed (the check is cryptographic) */
    strcpy(bad, uri);
    bad[strlen(bad) - 2] = bad[strlen(bad) - 2] == 'A' ? 'B' : 'A';
    assert_int_equal(ocop_stamp_parse(&b, bad, strlen(bad)), 0);
    assert_memory_not_equal(a.sig, b.sig, OCOP_SIG_BYTES);
    /* a non-canonical last base64 character is refused */
    strcpy(bad, uri);
    bad[strlen(bad) - 1] = 'B';
    assert_int_equal(ocop_stamp_parse(&b, bad, strlen(bad)), OCOP_EMALFORMED);
    /* an unknown query parameter, a second signature, a bad key id */
    snprintf(bad, sizeof(bad), "%s&x=1", uri);
    assert_int_equal(ocop_stamp_parse(&b, bad, strlen(bad)), OCOP_EMALFORMED);
    snprintf(bad, sizeof(bad), "%s&%s", uri, strchr(uri, '?') + 1);
    assert_int_equal(ocop_stamp_parse(&b, bad, strlen(bad)), OCOP_EMALFORMED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stamp__serial),
        cmocka_unit_test(test_stamp__lot),
        cmocka_unit_test(test_stamp__uri_roundtrip),
        cmocka_unit_test(test_stamp__forgeries_are_malformed),
    };
    return cmocka_run_group_tests_name("stamp", tests, NULL, NULL);
}
