/* stamp.c: stamp serials, the GS1 Digital Link URI and its parser. */
#include "core/stamp.h"
#include "core/error.h"
#include "core/gs1.h"

#include <stdio.h>
#include <string.h>

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The value of each byte as a base64url digit, or -1 (a table: a branch per character
 * showed in the scan path's profile). */
static const signed char b64val[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
    -1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, 63,
    -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

/* The value of an upper-case Crockford base32 digit, or -1 (no strchr per character:
 * every scan checks a serial). */
static int stamp__b32val(unsigned char c)
{
    static const signed char letters[26] = {10, 11, 12, 13, 14, 15, 16, 17, -1, 18, 19, -1, 20,
                                            21, -1, 22, 23, 24, 25, 26, -1, 27, 28, 29, 30, 31};
    if (c >= '0' && c <= '9')
        return c - '0';
    return c >= 'A' && c <= 'Z' ? letters[c - 'A'] : -1;
}

void ocop_serial_encode(char out[OCOP_SERIAL_LEN + 1], const unsigned char raw[OCOP_SERIAL_BYTES])
{
    unsigned buffer = 0;
    int bits = 0, o = 0;
    for (int i = 0; i < OCOP_SERIAL_BYTES; i++) {
        buffer = (buffer << 8) | raw[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = crockford[(buffer >> (bits - 5)) & 31];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[o++] = crockford[(buffer << (5 - bits)) & 31];
    out[o] = '\0';
}

int ocop_serial_check(const char *serial)
{
    size_t n = strlen(serial);
    if (n != OCOP_SERIAL_LEN)
        return ocop_error_set(OCOP_EINVALID, "a serial has %d characters", OCOP_SERIAL_LEN);
    for (size_t i = 0; i < n; i++)
        if (stamp__b32val((unsigned char)serial[i]) < 0)
            return ocop_error_set(OCOP_EINVALID, "a serial is upper-case Crockford base32");
    /* 96 bits in 20 characters: the last character carries 1 bit, padded with zeros */
    if (stamp__b32val((unsigned char)serial[n - 1]) & 15)
        return ocop_error_set(OCOP_EINVALID, "not a canonical serial");
    return 0;
}

/* GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1). */
static int stamp__cset82(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr("!\"%&'()*+,-./:;<=>?_", c));
}

int ocop_lot_check(const char *lot)
{
    size_t n = strlen(lot);
    if (n == 0 || n > OCOP_LOT_MAX)
        return ocop_error_set_field(OCOP_EINVALID, "lot", "a lot code has 1 to %d characters",
                                    OCOP_LOT_MAX);
    for (size_t i = 0; i < n; i++)
        if (!stamp__cset82((unsigned char)lot[i]))
            return ocop_error_set_field(OCOP_EINVALID, "lot", "a lot code uses GS1's character "
                                        "set 82 (letters, digits and !\"%%&'()*+,-./:;<=>?_)");
    return 0;
}

int ocop_kid_check(const char *kid)
{
    size_t n = strlen(kid);
    if (n == 0 || n > OCOP_KID_MAX)
        return ocop_error_set(OCOP_EINVALID, "a key id has 1 to %d characters", OCOP_KID_MAX);
    for (size_t i = 0; i < n; i++)
        if (b64val[(unsigned char)kid[i]] < 0)
            return ocop_error_set(OCOP_EINVALID, "a key id uses letters, digits, - and _");
    return 0;
}

uint64_t ocop_scan_client_key(const char *hex)
{
    uint64_t v = 0;
    for (int i = 0; i < 16; i++) {
        unsigned char c = (unsigned char)hex[i];
        unsigned d = c >= '0' && c <= '9' ? c - '0'
                     : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : 16;
        if (d == 16)
            break;
        v = v << 4 | d;
    }
    return v;
}

size_t ocop_stamp_message(char *out, size_t n, const struct ocop_stamp_id *id)
{
    int len = snprintf(out, n, "ocop-stamp/1|%s|%s|%s", id->gtin, id->lot, id->serial);
    return len < 0 ? 0 : (size_t)len;
}

/* Percent-encodes everything outside RFC 3986's unreserved set. */
static int stamp__pct(char *out, size_t n, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~';
        if (o + (plain ? 1 : 3) >= n)
            return -1;
        if (plain) {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return (int)o;
}

static void stamp__b64(char out[OCOP_SIG_B64_LEN + 1], const unsigned char *in)
{
    int o = 0;
    for (int i = 0; i < OCOP_SIG_BYTES; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < OCOP_SIG_BYTES ? (unsigned)in[i + 1] << 8 : 0) |
                     (i + 2 < OCOP_SIG_BYTES ? in[i + 2] : 0);
        out[o++] = b64url[(v >> 18) & 63];
        out[o++] = b64url[(v >> 12) & 63];
        if (i + 1 < OCOP_SIG_BYTES)
            out[o++] = b64url[(v >> 6) & 63];
        if (i + 2 < OCOP_SIG_BYTES)
            out[o++] = b64url[v & 63];
    }
    out[o] = '\0';
}

int ocop_stamp_uri(char *out, size_t n, const char *base, const struct ocop_stamp_id *id)
{
    char lot[OCOP_LOT_MAX * 3 + 1], sig[OCOP_SIG_B64_LEN + 1];
    int len;

    if (stamp__pct(lot, sizeof(lot), id->lot) < 0)
        return -1;
    sig[0] = '\0';
    if (id->has_sig)
        stamp__b64(sig, id->sig);
    if (id->gtin[0])
        len = snprintf(out, n, "%s/01/%s/10/%s/21/%s%s%s%s%s", base, id->gtin, lot, id->serial,
                       id->has_sig ? "?s=" : "", id->has_sig ? id->kid : "",
                       id->has_sig ? "." : "", sig);
    else
        len = snprintf(out, n, "%s/v/%s?l=%s%s%s%s%s", base, id->serial, lot,
                       id->has_sig ? "&s=" : "", id->has_sig ? id->kid : "", id->has_sig ? "." : "",
                       sig);
    return len < 0 || (size_t)len >= n ? -1 : len;
}

/* ------------------------------------------------------------------ parser */

static int stamp__hex(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes one path segment or query value [s, s+n) into out (at most max bytes). */
static int stamp__unpct(char *out, size_t max, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c == '%') {
            int hi = i + 2 < n ? stamp__hex(s[i + 1]) : -1;
            int lo = i + 2 < n ? stamp__hex(s[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return ocop_error_set(OCOP_EMALFORMED, "bad percent-encoding");
            c = hi * 16 + lo;
            i += 2;
        } else if (c <= 0x20 || c >= 0x7f) {
            return ocop_error_set(OCOP_EMALFORMED, "a character that must be percent-encoded");
        }
        if (o == max || c == 0)
            return ocop_error_set(OCOP_EMALFORMED, "a field is too long");
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return 0;
}


/* Decodes the signature: 86 digits, four at a time (three bytes), then the last two
 * (one byte, whose 4 spare bits must be zero: one text per signature). */
_Static_assert(OCOP_SIG_B64_LEN == 4 * 21 + 2 && OCOP_SIG_BYTES == 3 * 21 + 1,
               "86 digits: 21 groups of four and two more");

static int stamp__b64dec(unsigned char *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0;
    int bad = 0;
    if (n != OCOP_SIG_B64_LEN)
        return ocop_error_set(OCOP_EMALFORMED, "the signature has the wrong length");
    for (; i + 4 <= n; i += 4) {
        int a = b64val[u[i]], b = b64val[u[i + 1]], c = b64val[u[i + 2]], d = b64val[u[i + 3]];
        unsigned v = ((unsigned)a << 18) | ((unsigned)b << 12) | ((unsigned)c << 6) | (unsigned)d;
        bad |= a | b | c | d;
        out[o++] = (unsigned char)(v >> 16);
        out[o++] = (unsigned char)(v >> 8);
        out[o++] = (unsigned char)v;
    }
    {
        int a = b64val[u[i]], b = b64val[u[i + 1]]; /* 86 = 4 * 21 + 2 */
        bad |= a | b;
        if (bad < 0)
            return ocop_error_set(OCOP_EMALFORMED, "the signature is not base64url");
        if (b & 15)
            return ocop_error_set(OCOP_EMALFORMED, "the signature is not canonical base64url");
        out[o] = (unsigned char)((a << 2) | (b >> 4));
    }
    return 0;
}

/* "s=KID.SIG": the signature parameter. */
static int stamp__sig(struct ocop_stamp_id *id, const char *v, size_t n)
{
    const char *dot = memchr(v, '.', n);
    size_t klen;
    if (!dot)
        return ocop_error_set(OCOP_EMALFORMED, "the signature names no key");
    klen = (size_t)(dot - v);
    if (klen == 0 || klen > OCOP_KID_MAX)
        return ocop_error_set(OCOP_EMALFORMED, "the key id has the wrong length");
    memcpy(id->kid, v, klen);
    id->kid[klen] = '\0';
    if (ocop_kid_check(id->kid))
        return ocop_error_set(OCOP_EMALFORMED, "the key id is malformed");
    if (stamp__b64dec(id->sig, dot + 1, n - klen - 1))
        return OCOP_EMALFORMED;
    id->has_sig = 1;
    return 0;
}

/* Walks the query string: s= (signature) and, for the short form, l= (lot). */
static int stamp__query(struct ocop_stamp_id *id, const char *q, size_t n, int short_form)
{
    int seen_s = 0, seen_l = 0, rc;
    size_t i = 0;
    while (i < n) {
        size_t end = i;
        while (end < n && q[end] != '&')
            end++;
        if (end - i > 2 && q[i] == 's' && q[i + 1] == '=' && !seen_s++) {
            if ((rc = stamp__sig(id, q + i + 2, end - i - 2)) != 0)
                return OCOP_EMALFORMED;
        } else if (short_form && end - i > 2 && q[i] == 'l' && q[i + 1] == '=' && !seen_l++) {
            if (stamp__unpct(id->lot, OCOP_LOT_MAX, q + i + 2, end - i - 2))
                return OCOP_EMALFORMED;
        } else if (end > i) {
            return ocop_error_set(OCOP_EMALFORMED, "an unexpected query parameter");
        }
        i = end + 1;
    }
    if (short_form && !seen_l)
        return ocop_error_set(OCOP_EMALFORMED, "the short form needs its lot (l=)");
    return 0;
}

/* Splits the path after the host into at most 6 segments. */
static int stamp__segments(const char *p, size_t n, const char *seg[6], size_t len[6])
{
    int k = 0;
    size_t i = 0;
    if (n == 0 || p[0] != '/')
        return -1;
    while (i < n) {
        size_t start = ++i;
        while (i < n && p[i] != '/')
            i++;
        if (k == 6)
            return -1;
        seg[k] = p + start;
        len[k++] = i - start;
    }
    return k;
}

static int stamp__path(struct ocop_stamp_id *id, const char *p, size_t n, int *short_form)
{
    const char *seg[6];
    size_t len[6];
    int k = stamp__segments(p, n, seg, len);

    if (k == 2 && len[0] == 1 && seg[0][0] == 'v') {
        *short_form = 1;
        return stamp__unpct(id->serial, OCOP_SERIAL_LEN, seg[1], len[1])
                   ? OCOP_EMALFORMED : 0;
    }
    if (k != 6 || len[0] != 2 || memcmp(seg[0], "01", 2) || len[2] != 2 || memcmp(seg[2], "10", 2) ||
        len[4] != 2 || memcmp(seg[4], "21", 2))
        return ocop_error_set(OCOP_EMALFORMED, "not a stamp URI (/01/GTIN/10/LOT/21/SERIAL or "
                              "/v/SERIAL)");
    *short_form = 0;
    if (len[1] != 14 || stamp__unpct(id->gtin, 14, seg[1], len[1]) ||
        ocop_gtin_normalize(NULL, id->gtin))
        return ocop_error_set(OCOP_EMALFORMED, "the GTIN is not a valid GTIN-14");
    if (stamp__unpct(id->lot, OCOP_LOT_MAX, seg[3], len[3]) ||
        stamp__unpct(id->serial, OCOP_SERIAL_LEN, seg[5], len[5]))
        return OCOP_EMALFORMED;
    return 0;
}

int ocop_stamp_parse(struct ocop_stamp_id *id, const char *uri, size_t len)
{
    const char *p = uri, *end = uri + len, *q;
    int short_form = 0, rc;

    memset(id, 0, sizeof(*id));
    if (len > 1024)
        return ocop_error_set(OCOP_EMALFORMED, "the URI is too long");
    if (len >= 8 && strncmp(uri, "https://", 8) == 0)
        p = uri + 8;
    else if (len >= 7 && strncmp(uri, "http://", 7) == 0)
        p = uri + 7;
    if (p != uri) {
        while (p < end && *p != '/')
            p++; /* the host: which domain printed it is not a property of the stamp */
    }
    q = memchr(p, '?', (size_t)(end - p));
    if ((rc = stamp__path(id, p, (size_t)((q ? q : end) - p), &short_form)) != 0)
        return rc;
    if ((rc = stamp__query(id, q ? q + 1 : "", q ? (size_t)(end - q - 1) : 0, short_form)) != 0)
        return rc;
    if (ocop_serial_check(id->serial))
        return ocop_error_set(OCOP_EMALFORMED, "the serial is malformed");
    if (ocop_lot_check(id->lot))
        return ocop_error_set(OCOP_EMALFORMED, "the lot code is malformed");
    return 0;
}
