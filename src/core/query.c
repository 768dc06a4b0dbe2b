/* query.c: the query-string parser (outside input: fuzzed by tests/fuzz/fuzz_query.c). */
#include "core/query.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void ocop_query_init(struct ocop_query *q)
{
    q->count = 0;
    q->text_used = 0;
}

static void query__free(struct ocop_query *q, char *p)
{
    uintptr_t a = (uintptr_t)p, t = (uintptr_t)q->text;
    if (a < t || a >= t + sizeof(q->text))
        free(p);
}

void ocop_query_dispose(struct ocop_query *q)
{
    for (int i = 0; i < q->count; i++) {
        query__free(q, q->params[i].key);
        query__free(q, q->params[i].value);
    }
    q->count = 0;
    q->text_used = 0;
}

static int query__hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Keeps [s, s+n) trimmed of spaces in the query's own room: 0, or -1 if it does not fit. */
static int query__keep(struct ocop_query *q, char **out, const char *s, size_t n)
{
    size_t from = 0, to = n;
    while (from < to && s[from] == ' ')
        from++;
    while (to > from && s[to - 1] == ' ')
        to--;
    if (to - from >= sizeof(q->text) - q->text_used)
        return -1;
    *out = q->text + q->text_used;
    memcpy(*out, s + from, to - from);
    (*out)[to - from] = '\0';
    q->text_used += to - from + 1;
    return 0;
}

/* Decodes s[0..n) into a cleaned string (line breaks allowed when `multiline`): in the
 * query's own room when it is printable ASCII and fits (no allocation: every scan's query
 * is), else a new one. */
static int query__decode(struct ocop_query *q, char **out, const char *s, size_t n,
                         int multiline)
{
    char small[256], *raw;
    size_t i, j = 0;
    unsigned char c;
    int rc, plain = 1; /* printable ASCII: clean text as it is, which needs only trimming */

    *out = NULL;
    /* nothing to decode (a stamp's 86-digit signature): kept as it is, without the copy
     * below, which cost a scan ~1,900 instructions */
    for (i = 0; i < n && (c = (unsigned char)s[i]) >= 0x20 && c < 0x7F && c != '+' && c != '%';)
        i++;
    if (i == n && query__keep(q, out, s, n) == 0)
        return 0;
    raw = n < sizeof(small) ? small : malloc(n + 1);
    if (!raw)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (i = 0; i < n; i++) {
        if ((c = (unsigned char)s[i]) >= 0x20 && c < 0x7F && c != '+' && c != '%') {
            raw[j++] = (char)c;
        } else if (c == '+') {
            raw[j++] = ' ';
        } else if (c == '%') {
            int hi = i + 2 < n ? query__hex(s[i + 1]) : -1;
            int lo = i + 2 < n ? query__hex(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                if (raw != small)
                    free(raw);
                return ocop_error_set(OCOP_EMALFORMED, "bad percent-encoding in the query string");
            }
            raw[j++] = (char)(hi * 16 + lo);
            plain &= hi * 16 + lo >= 0x20 && hi * 16 + lo < 0x7F;
            i += 2;
        } else {
            raw[j++] = (char)c;
            plain = 0;
        }
    }
    raw[j] = '\0';
    if (plain && query__keep(q, out, raw, j) == 0) {
        if (raw != small)
            free(raw);
        return 0;
    }
    rc = ocop_text_clean(out, raw, j, multiline);
    if (raw != small)
        free(raw);
    if (rc)
        return ocop_error_set(OCOP_EMALFORMED, "the query string is not clean UTF-8 text");
    return 0;
}

static int query__parse(struct ocop_query *q, const char *qs, size_t len, int max_params,
                        int multiline)
{
    size_t start = 0;
    int rc;

    while (start < len) {
        const char *amp = memchr(qs + start, '&', len - start), *is;
        size_t end = amp ? (size_t)(amp - qs) : len, eq;
        char *key = NULL, *value = NULL;
        if (end == start) {
            start = end + 1;
            continue;
        }
        is = memchr(qs + start, '=', end - start);
        eq = is ? (size_t)(is - qs) : end;
        if (q->count == max_params)
            return ocop_error_set(OCOP_ETOOBIG, "too many parameters");
        if ((rc = query__decode(q, &key, qs + start, eq - start, 0)) != 0)
            return rc;
        rc = query__decode(q, &value, eq < end ? qs + eq + 1 : "", eq < end ? end - eq - 1 : 0,
                           multiline);
        if (rc == 0 && key[0] == '\0')
            rc = ocop_error_set(OCOP_EMALFORMED, "a query parameter has no name");
        if (rc == 0 && ocop_query_get(q, key))
            rc = ocop_error_set_field(OCOP_EMALFORMED, key, "a query parameter is repeated");
        if (rc) {
            query__free(q, key);
            query__free(q, value);
            return rc;
        }
        q->params[q->count].key = key;
        q->params[q->count].value = value;
        q->count++;
        start = end + 1;
    }
    return 0;
}

int ocop_query_parse(struct ocop_query *q, const char *qs, size_t len)
{
    if (len > OCOP_QUERY_MAX_LEN)
        return ocop_error_set(OCOP_ETOOBIG, "the query string is too long");
    return query__parse(q, qs, len, OCOP_QUERY_MAX_PARAMS, 0);
}

int ocop_form_parse(struct ocop_query *q, const char *body, size_t len, size_t max_len)
{
    if (len > max_len)
        return ocop_error_set(OCOP_ETOOBIG, "the form is too large");
    return query__parse(q, body, len, OCOP_FORM_MAX_PARAMS, 1);
}

const char *ocop_query_get(const struct ocop_query *q, const char *key)
{
    for (int i = 0; i < q->count; i++)
        if (strcmp(q->params[i].key, key) == 0)
            return q->params[i].value;
    return NULL;
}

int ocop_query_only(const struct ocop_query *q, const char *const *allowed)
{
    for (int i = 0; i < q->count; i++) {
        int ok = 0;
        for (int k = 0; allowed[k] && !ok; k++)
            ok = strcmp(allowed[k], q->params[i].key) == 0;
        if (!ok)
            return ocop_error_set_field(OCOP_EINVALID, q->params[i].key,
                                        "unknown query parameter");
    }
    return 0;
}

int ocop_parse_int(long long *out, const char *s, long long min, long long max)
{
    char *end = NULL;
    long long v;

    if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
        return ocop_error_set(OCOP_EINVALID, "not an integer");
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end != '\0')
        return ocop_error_set(OCOP_EINVALID, "not an integer");
    if (v < min || v > max)
        return ocop_error_set(OCOP_EINVALID, "must be from %lld to %lld", min, max);
    *out = v;
    return 0;
}

int ocop_query_int(long long *out, const struct ocop_query *q, const char *key, long long def,
                   long long min, long long max)
{
    const char *v = ocop_query_get(q, key);
    if (!v) {
        *out = def;
        return 0;
    }
    if (ocop_parse_int(out, v, min, max))
        return ocop_error_set_field(OCOP_EINVALID, key, "%s %s%.0s", key, ocop_error_message(),
                                    ocop_word_vi(key));
    return 0;
}

int ocop_query_enum(int *out, const struct ocop_query *q, const char *key,
                    const char *const *values)
{
    const char *v = ocop_query_get(q, key);
    *out = -1;
    if (!v)
        return 0;
    for (int i = 0; values[i]; i++) {
        if (strcmp(values[i], v) == 0) {
            *out = i;
            return 0;
        }
    }
    return ocop_error_set_field(OCOP_EINVALID, key, "%s is not one of the allowed values%.0s", key,
                                ocop_word_vi(key));
}
