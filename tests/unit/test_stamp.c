/* test_stamp.c: serials, lot codes, the Digital Link URI round trip and its parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/stamp.h"
#include "core/verdict.h"

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

/* Every byte value in every position of a serial and of a key id: accepted exactly when it
 * is in the alphabet (written out here, apart from the code's tables), and the serial's
 * last digit only when it carries no bits past the 96th. */
static void test_stamp__digits_are_checked_against_the_alphabets(void **state)
{
    const char *crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const char *b64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char serial[OCOP_SERIAL_LEN + 1], kid[4] = "k0k";
    (void)state;
    for (int pos = 0; pos < OCOP_SERIAL_LEN; pos++) {
        for (int c = 1; c < 256; c++) {
            const char *at = strchr(crockford, c);
            int want = at != NULL;
            memset(serial, '0', OCOP_SERIAL_LEN);
            serial[OCOP_SERIAL_LEN] = '\0';
            serial[pos] = (char)c;
            if (want && pos == OCOP_SERIAL_LEN - 1)
                want = ((at - crockford) & 15) == 0;
            assert_int_equal(ocop_serial_check(serial), want ? 0 : OCOP_EINVALID);
        }
    }
    for (int pos = 0; pos < 3; pos++) {
        for (int c = 1; c < 256; c++) {
            memcpy(kid, "k0k", 4);
            kid[pos] = (char)c;
            assert_int_equal(ocop_kid_check(kid), strchr(b64url, c) ? 0 : OCOP_EINVALID);
        }
    }
}

/* A client's key is what strtoull made of its hex (the scans already logged were counted
 * that way), for random keys and the edges. */
static void test_stamp__scan_client_key_reads_hex_as_strtoull(void **state)
{
    static const char *const edge[] = {"0000000000000000", "ffffffffffffffff", "FFFFFFFFFFFFFFFF",
                                       "0123456789abcdef", "0123456789ABCDEF", "abc", "",
                                       "12g4"};
    char hex[17];
    (void)state;
    for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
        assert_true(ocop_scan_client_key(edge[i]) == (uint64_t)strtoull(edge[i], NULL, 16));
    assert_true(ocop_scan_client_key("00000000000000001") == 0); /* 16 digits at most */
    srand(7);
    for (int i = 0; i < 1000; i++) {
        for (int k = 0; k < 16; k++)
            hex[k] = "0123456789abcdef"[rand() % 16];
        hex[16] = '\0';
        assert_true(ocop_scan_client_key(hex) == (uint64_t)strtoull(hex, NULL, 16));
    }
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

/* The signature's base64url: every byte value at every place comes back; any other
 * character at any place of the 86 is refused. */
static void test_stamp__signature_digits(void **state)
{
    struct ocop_stamp_id a, b;
    char uri[400], bad[400];
    make(&a, "06291041500213", "L1");
    for (int round = 0; round < 256; round++) {
        for (int i = 0; i < OCOP_SIG_BYTES; i++)
            a.sig[i] = (unsigned char)(round + i * 7);
        ocop_stamp_uri(uri, sizeof(uri), "https://x.vn", &a);
        assert_int_equal(ocop_stamp_parse(&b, uri, strlen(uri)), 0);
        assert_memory_equal(a.sig, b.sig, OCOP_SIG_BYTES);
    }
    const char *sig = strchr(strstr(uri, "s="), '.') + 1;
    size_t at = (size_t)(sig - uri);
    assert_int_equal(strlen(sig), OCOP_SIG_B64_LEN);
    const char others[] = {'+', '/', '=', '.', '*', ' ', '\x80', '\xff', '\x01'};
    for (size_t k = 0; k < sizeof(others); k++)
        for (size_t i = 0; i < OCOP_SIG_B64_LEN; i++) {
            strcpy(bad, uri);
            bad[at + i] = others[k];
            assert_int_equal(ocop_stamp_parse(&b, bad, strlen(bad)), OCOP_EMALFORMED);
        }
}

/* Sentences: the date and reason filled in order, numbers from the rules, both
 * languages; a short buffer gets the beginning and the whole length, like snprintf. */
/* Each verdict's short name, both languages; an unknown one comes back as it was. */
static void test_verdict__labels(void **state)
{
    assert_string_equal(ocop_verdict_label("genuine", 0), "Chính hãng");
    assert_string_equal(ocop_verdict_label("suspected_copy", 1), "Suspected copy");
    assert_string_equal(ocop_verdict_label(ocop_verdict_name(OCOP_VERDICT_FORGED), 0), "Giả mạo");
    assert_string_equal(ocop_verdict_label("not_valid", 1), "Not valid");
    assert_string_equal(ocop_verdict_label("weird", 1), "weird");
    assert_string_equal(ocop_verdict_label(NULL, 0), "");
}

static void test_verdict__sentences(void **state)
{
    struct ocop_clone_rules r;
    char out[400], sig[4][OCOP_SIGNAL_TEXT];
    int n;
    ocop_verdict_sentence(out, sizeof(out), OCOP_VERDICT_NOT_VALID, OCOP_REASON_STAMP_REVOKED,
                          0, "vi", "2026-01-02", "Vi phạm ATTP");
    assert_string_equal(out, "Đã thu hồi: tem này bị thu hồi ngày 02/01/2026 (Vi phạm ATTP).");
    ocop_verdict_sentence(out, sizeof(out), OCOP_VERDICT_NOT_VALID, OCOP_REASON_CERT_REVOKED, 0,
                          "en", NULL, NULL);
    assert_string_equal(out, "Genuine stamp, but the OCOP certificate was revoked on ? ().");
    ocop_verdict_sentence(out, sizeof(out), OCOP_VERDICT_NOT_VALID, OCOP_REASON_CERT_EXPIRED, 0,
                          "en", "2025-12-31", "unused");
    assert_string_equal(out, "Genuine stamp, but the OCOP certificate expired on 31/12/2025: "
                             "the stars may no longer be used.");
    n = ocop_verdict_sentence(out, sizeof(out), OCOP_VERDICT_GENUINE, OCOP_REASON_NONE, 0, "en",
                              "2025-12-31", NULL);
    assert_string_equal(out, "Genuine OCOP stamp: the product's certificate is valid today.");
    assert_int_equal(n, (int)strlen(out));
    assert_int_equal(ocop_verdict_sentence(out, 8, OCOP_VERDICT_NOT_VALID, OCOP_REASON_LOT_REVOKED,
                                           0, "en", "2026-01-02", "x"),
                     (int)strlen("Withdrawn: this product lot was recalled on 02/01/2026 (x)."));
    assert_string_equal(out, "Withdra");
    /* a moment is written as its day in Vietnam (UTC+7) */
    ocop_verdict_sentence(out, sizeof(out), OCOP_VERDICT_NOT_VALID, OCOP_REASON_CERT_REVOKED, 0,
                          "vi", "2026-11-22T18:30:00Z", "x");
    assert_string_equal(out, "Tem thật, nhưng giấy chứng nhận OCOP đã bị thu hồi ngày 23/11/2026 "
                             "(x).");
    ocop_clone_defaults(&r);
    r.max_clients = 7;
    r.window_minutes = 1440;
    r.max_scans = 1000;
    n = ocop_signal_sentences(sig, 4, OCOP_SIGNAL_MANY_CLIENTS | OCOP_SIGNAL_TOO_MANY |
                              OCOP_SIGNAL_FAR_APART | OCOP_SIGNAL_BEFORE_RELEASE, &r, "en", NULL);
    assert_int_equal(n, 4);
    assert_string_equal(sig[0], "More than 7 different devices scanned it within 1440 minutes.");
    assert_string_equal(sig[1], "It was scanned in places too far apart for the time between "
                                "the scans.");
    assert_string_equal(sig[2], "It was scanned before its lot was released for sale.");
    assert_string_equal(sig[3], "It has been scanned more than 1000 times.");
    n = ocop_signal_sentences(sig, 1, OCOP_SIGNAL_TOO_MANY | OCOP_SIGNAL_MANY_CLIENTS, &r, "vi",
                              "unused");
    assert_int_equal(n, 1);
    assert_string_equal(sig[0], "Hơn 7 thiết bị khác nhau đã quét tem trong 1440 phút.");
    assert_int_equal(ocop_signal_sentences(sig, 4, OCOP_SIGNAL_TOO_MANY, &r, NULL, NULL), 1);
    assert_string_equal(sig[0], "Tem đã được quét hơn 1000 lần.");
    /* the far-apart sentence names its places when told them */
    n = ocop_signal_sentences(sig, 4, OCOP_SIGNAL_FAR_APART | OCOP_SIGNAL_TOO_MANY, &r, "vi",
                              "ở Hà Nội và ở khu vực TP. Hồ Chí Minh, cách nhau 1.140 km trong "
                              "30 phút");
    assert_int_equal(n, 2);
    assert_string_equal(sig[0], "Tem được quét ở những nơi quá xa nhau so với thời gian giữa các "
                                "lần quét: ở Hà Nội và ở khu vực TP. Hồ Chí Minh, cách nhau "
                                "1.140 km trong 30 phút.");
    ocop_signal_sentences(sig, 4, OCOP_SIGNAL_FAR_APART, &r, "en", "");
    assert_string_equal(sig[0], "It was scanned in places too far apart for the time between the "
                                "scans.");
}

/* Which pair raised "far apart", and the journeys the office is shown. */
static void test_verdict__far_apart_pairs(void **state)
{
    const long long min = 60000;
    struct ocop_scan_point pts[] = {
        {100 * min, 21.03, 105.85},   /* Hanoi, the current scan */
        {99 * min, NAN, NAN},         /* unlocated */
        {95 * min, 21.05, 105.80},    /* Hanoi again: 6 km in 5 minutes, too fast but short */
        {70 * min, 10.78, 106.70},    /* Ho Chi Minh City: 1,140 km in 25 minutes */
        {10 * min, 16.07, 108.22},    /* Da Nang: 610 km in an hour */
        {0, 21.03, 105.85},           /* Hanoi: 760 km in ten minutes */
    };
    struct ocop_clone_rules r;
    struct ocop_scan_facts f = {0};
    struct ocop_far_apart far = {99, 99, 0, 0}, out[4];
    (void)state;
    ocop_clone_defaults(&r);
    f.now_ms = 100 * min;
    f.points = pts;
    f.npoints = 6;
    assert_int_equal(ocop_clone_signals_far(&r, &f, &far), OCOP_SIGNAL_FAR_APART);
    assert_int_equal(far.a, 0); /* the current scan and Ho Chi Minh City */
    assert_int_equal(far.b, 3);
    assert_true(far.km > 1130 && far.km < 1150);
    assert_int_equal(far.ms, 30 * min);
    /* consecutive located scans: HCMC after Hanoi, Da Nang before HCMC (610 km in an hour
     * is 610 km/h), Hanoi before Da Nang; Hanoi to Hanoi is under 25 km */
    assert_int_equal(ocop_far_apart_pairs(&r, pts, 6, out, 4), 3);
    assert_int_equal(out[0].a, 2);
    assert_int_equal(out[0].b, 3);
    assert_int_equal(out[1].a, 3);
    assert_int_equal(out[1].b, 4);
    assert_int_equal(out[2].a, 4);
    assert_int_equal(out[2].b, 5);
    assert_int_equal(out[2].ms, 10 * min);
    assert_int_equal(ocop_far_apart_pairs(&r, pts, 6, out, 1), 3); /* counted past max */
    /* slow enough: nothing */
    r.max_speed_kmh = 5000;
    far.a = 99;
    assert_int_equal(ocop_clone_signals_far(&r, &f, &far), 0);
    assert_int_equal(far.a, 99);
    assert_int_equal(ocop_far_apart_pairs(&r, pts, 6, out, 4), 0);
    assert_int_equal(ocop_clone_signals(&r, &f), 0);
    assert_int_equal(ocop_far_apart_pairs(&r, pts, 0, out, 4), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stamp__serial),
        cmocka_unit_test(test_stamp__digits_are_checked_against_the_alphabets),
        cmocka_unit_test(test_stamp__scan_client_key_reads_hex_as_strtoull),
        cmocka_unit_test(test_stamp__lot),
        cmocka_unit_test(test_stamp__uri_roundtrip),
        cmocka_unit_test(test_stamp__forgeries_are_malformed),
        cmocka_unit_test(test_stamp__signature_digits),
        cmocka_unit_test(test_verdict__labels),
        cmocka_unit_test(test_verdict__sentences),
        cmocka_unit_test(test_verdict__far_apart_pairs),
    };
    return cmocka_run_group_tests_name("stamp", tests, NULL, NULL);
}
