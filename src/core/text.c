/* text.c: UTF-8 cleaning, NFC and search folding on top of libunistring. */
#include "core/text.h"
#include "core/buf.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

static int text__is_space(ucs4_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

int ocop_text_clean(char **out, const char *in, size_t len, int multiline)
{
    const uint8_t *s = (const uint8_t *)in, *end = s + len, *p;
    uint8_t *nfc = NULL;
    size_t nfc_len = 0;
    ucs4_t c;
    char *res;

    *out = NULL;
    if (u8_check(s, len) != NULL)
        return ocop_error_set(OCOP_EMALFORMED, "text is not valid UTF-8");
    for (p = s; p < end;) {
        int n;
        if (*p >= 0x20 && *p < 0x7F) { /* printable ASCII: most text, all of a query */
            p++;
            continue;
        }
        n = u8_mbtouc(&c, p, (size_t)(end - p));
        if (c == 0 || (c < 0x20 && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) ||
            c == 0x7F || (c >= 0x80 && c < 0xA0))
            return ocop_error_set(OCOP_EMALFORMED, "text contains control characters");
        p += n;
    }
    /* trim white space at both ends */
    while (s < end) {
        int n = u8_mbtouc(&c, s, (size_t)(end - s));
        if (!text__is_space(c))
            break;
        s += n;
    }
    while (end > s) {
        const uint8_t *q = end - 1;
        while (q > s && (*q & 0xC0) == 0x80)
            q--;
        u8_mbtouc(&c, q, (size_t)(end - q));
        if (!text__is_space(c))
            break;
        end = q;
    }
    for (p = s; p < end && *p < 0x80; p++)
        ;
    if (p < end) {
        nfc = u8_normalize(UNINORM_NFC, s, (size_t)(end - s), NULL, &nfc_len);
        if (!nfc)
            return ocop_error_set(OCOP_ERROR, "cannot normalise text");
    } else {
        nfc_len = (size_t)(end - s); /* ASCII is in NFC already */
    }
    res = malloc(nfc_len + 1);
    if (!res) {
        free(nfc);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    if (nfc_len)
        memcpy(res, nfc ? nfc : s, nfc_len);
    res[nfc_len] = '\0';
    free(nfc);
    *out = res;
    return 0;
}

size_t ocop_text_length(const char *s)
{
    return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

char *ocop_text_fold(const char *in)
{
    size_t len = strlen(in), nfd_len = 0;
    uint8_t *nfd;
    const uint8_t *p, *end;
    struct ocop_buf b;
    int pending_space = 0;
    ucs4_t c;

    if (u8_check((const uint8_t *)in, len) != NULL)
        return NULL;
    nfd = u8_normalize(UNINORM_NFD, (const uint8_t *)in, len, NULL, &nfd_len);
    if (!nfd && len)
        return NULL;
    ocop_buf_init(&b, len * 4 + 16);
    ocop_buf_puts(&b, "");
    for (p = nfd, end = nfd + nfd_len; p < end;) {
        uint8_t enc[6];
        int n = u8_mbtouc(&c, p, (size_t)(end - p)), m;
        p += n;
        if (uc_is_general_category(c, UC_CATEGORY_M))
            continue;
        if (c == 0x0110 || c == 0x0111 || c == 0x00D0 || c == 0x00F0)
            c = 'd';
        if (!uc_is_alnum(c)) {
            pending_space = b.len > 0;
            continue;
        }
        c = uc_tolower(c);
        if (pending_space) {
            ocop_buf_put(&b, " ", 1);
            pending_space = 0;
        }
        m = u8_uctomb(enc, c, sizeof(enc));
        if (m > 0)
            ocop_buf_put(&b, enc, (size_t)m);
    }
    free(nfd);
    return ocop_buf_detach(&b, NULL);
}

void ocop_int_grouped(char *out, size_t n, long long v, char sep)
{
    char digits[32];
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    int len = snprintf(digits, sizeof(digits), "%llu", u), o = 0;
    if (n == 0)
        return;
    if (v < 0 && (size_t)o + 1 < n)
        out[o++] = '-';
    for (int i = 0; i < len && (size_t)o + 1 < n; i++) {
        if (i && (len - i) % 3 == 0 && sep && (size_t)o + 2 < n)
            out[o++] = sep;
        out[o++] = digits[i];
    }
    out[o] = '\0';
}
