/* query.c: the query-string parser (outside input: fuzzed by tests/fuzz/fuzz_query.c). */
#include "core/query.h"
#include "core/error.h"
#include "core/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void ocop_query_init(struct ocop_query *q)
{
    q->count = 0;
}

void ocop_query_dispose(struct ocop_query *q)
{
    for (int i = 0; i < q->count; i++) {
        free(q->params[i].key);
        free(q->params[i].value);
    }
    q->count = 0;
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

/* Decodes s[0..n) into a new, cleaned string (line breaks allowed when `multiline`). */
static int query__decode(char **out, const char *s, size_t n, int multiline)
{
    char small[256], *raw = n < sizeof(small) ? small : malloc(n + 1);
    size_t i, j = 0;
    int rc;

    *out = NULL;
    if (!raw)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (i = 0; i < n; i++) {
        if (s[i] == '+') {
            raw[j++] = ' ';
        } else if (s[i] == '%') {
            int hi = i + 2 < n ? query__hex(s[i + 1]) : -1;
            int lo = i + 2 < n ? query__hex(s[i + 2]) : -1;
            if (hi < 0 || lo < 0) {
                if (raw != small)
                    free(raw);
                return ocop_error_set(OCOP_EMALFORMED, "bad percent-encoding in the query string");
            }
            raw[j++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            raw[j++] = s[i];
        }
    }
    raw[j] = '\0';
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
        size_t end = start, eq;
        char *key = NULL, *value = NULL;
        while (end < len && qs[end] != '&')
            end++;
        if (end == start) {
            start = end + 1;
            continue;
        }
        for (eq = start; eq < end && qs[eq] != '='; eq++)
            ;
        if (q->count == max_params)
            return ocop_error_set(OCOP_ETOOBIG, "too many parameters");
        if ((rc = query__decode(&key, qs + start, eq - start, 0)) != 0)
            return rc;
        rc = query__decode(&value, eq < end ? qs + eq + 1 : "", eq < end ? end - eq - 1 : 0,
                           multiline);
        if (rc == 0 && key[0] == '\0')
            rc = ocop_error_set(OCOP_EMALFORMED, "a query parameter has no name");
        if (rc == 0 && ocop_query_get(q, key))
            rc = ocop_error_set_field(OCOP_EMALFORMED, key, "a query parameter is repeated");
        if (rc) {
            free(key);
            free(value);
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
        return ocop_error_set_field(OCOP_EINVALID, key, "%s %s", key, ocop_error_message());
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
    return ocop_error_set_field(OCOP_EINVALID, key, "%s is not one of the allowed values", key);
}
