/* buf.c: growable, capped byte buffer. */
#include "core/buf.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ocop_buf_init(struct ocop_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void ocop_buf_dispose(struct ocop_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void ocop_buf_reset(struct ocop_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int ocop_buf_reserve(struct ocop_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (extra > b->max || b->len > b->max - extra)
        return ocop_error_set(OCOP_ETOOBIG, "more than %zu bytes", b->max);
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    b->data = p;
    b->cap = cap;
    return 0;
}

int ocop_buf_put(struct ocop_buf *b, const void *data, size_t len)
{
    int rc = ocop_buf_reserve(b, len);
    if (rc)
        return rc;
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int ocop_buf_puts(struct ocop_buf *b, const char *s)
{
    return ocop_buf_put(b, s, strlen(s));
}

const char *ocop_long_digits(char digits[24], long v, size_t *len)
{
    char *p = digits + 24;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    *len = (size_t)(digits + 24 - p);
    return p;
}

int ocop_buf_putl(struct ocop_buf *b, long v)
{
    char digits[24];
    size_t len;
    const char *p = ocop_long_digits(digits, v, &len);
    return ocop_buf_put(b, p, len);
}

int ocop_buf_printf(struct ocop_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;

    /* one pass when the text fits in what is allocated already (the usual case) */
    if (b->cap > b->len + 1) {
        size_t room = b->cap - b->len;
        va_start(ap, fmt);
        n = vsnprintf(b->data + b->len, room, fmt, ap);
        va_end(ap);
        if (n < 0)
            return ocop_error_set(OCOP_ERROR, "format error");
        if ((size_t)n < room && (size_t)n <= b->max - b->len) {
            b->len += (size_t)n;
            return 0;
        }
        b->data[b->len] = '\0';
    } else {
        va_start(ap, fmt);
        n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0)
            return ocop_error_set(OCOP_ERROR, "format error");
    }
    rc = ocop_buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *ocop_buf_detach(struct ocop_buf *b, size_t *len)
{
    char *p = b->data;
    if (!p) {
        p = calloc(1, 1);
    }
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

/* The bytes ocop_buf_json_string stops at: the end (NUL), control characters, " and \. */
static const unsigned char needs_escape[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['"'] = 1, ['\\'] = 1,
};

int ocop_buf_json_string(struct ocop_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t start = b->len;
    const char *run;
    if (!s)
        return ocop_buf_put(b, "null", 4);
    if (ocop_buf_put(b, "\"", 1))
        return OCOP_ETOOBIG;
    for (run = s;; s++) {
        unsigned char c;
        char esc[6] = {'\\', 0};
        size_t n = 2;
        while (!needs_escape[(unsigned char)*s]) /* a run of plain bytes: one test each */
            s++;
        if (!(c = (unsigned char)*s))
            break;
        if (ocop_buf_put(b, run, (size_t)(s - run)))
            goto toobig;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        if (ocop_buf_put(b, esc, n))
            goto toobig;
        run = s + 1;
    }
    if (ocop_buf_put(b, run, (size_t)(s - run)) == 0 && ocop_buf_put(b, "\"", 1) == 0)
        return 0;
toobig:
    b->len = start; /* as it was */
    if (b->data)
        b->data[start] = '\0';
    return OCOP_ETOOBIG;
}
