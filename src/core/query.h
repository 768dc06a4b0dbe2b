/* query.h: URL query-string parsing with typed, bounded getters. */
#ifndef OCOP_CORE_QUERY_H
#define OCOP_CORE_QUERY_H

#include <stddef.h>

#define OCOP_QUERY_MAX_PARAMS 32  /* in a URL's query string */
#define OCOP_QUERY_MAX_LEN 4096
#define OCOP_FORM_MAX_PARAMS 128  /* in an HTML form's body (a scorecard has 33 criteria) */

struct ocop_query_param {
    char *key;
    char *value;
};

/* Caller-owned (ocop_query_init/ocop_query_dispose); the params are owned by it: short
 * plain-ASCII ones (a stamp's query, most links) are kept in `text`, the rest allocated. */
struct ocop_query {
    struct ocop_query_param params[OCOP_FORM_MAX_PARAMS];
    int count;
    size_t text_used;
    char text[512];
};

void ocop_query_init(struct ocop_query *q);
void ocop_query_dispose(struct ocop_query *q);
/*
 * Parses "a=1&b=x%20y" (no leading '?'). Percent-decodes, '+' is a space; keys and
 * values must be valid UTF-8 without control characters; a repeated key is refused.
 * Errors: OCOP_EMALFORMED, OCOP_ETOOBIG (too long or too many parameters).
 */
int ocop_query_parse(struct ocop_query *q, const char *qs, size_t len);
/*
 * Parses an x-www-form-urlencoded body the same way, except that values may hold line
 * breaks (text areas), up to OCOP_FORM_MAX_PARAMS fields and `max_len` bytes.
 */
int ocop_form_parse(struct ocop_query *q, const char *body, size_t len, size_t max_len);
const char *ocop_query_get(const struct ocop_query *q, const char *key);
/* Refuses any key not in the NULL-terminated `allowed` list (OCOP_EINVALID naming it). */
int ocop_query_only(const struct ocop_query *q, const char *const *allowed);
/* Integer getter: absent -> def; present must be a decimal integer in [min, max]. */
int ocop_query_int(long long *out, const struct ocop_query *q, const char *key, long long def,
                   long long min, long long max);
/* Enum getter: absent -> -1; present must be one of `values`, else OCOP_EINVALID. */
int ocop_query_enum(int *out, const struct ocop_query *q, const char *key,
                    const char *const *values);
/* Decimal integer with range check, the whole string. 0 or OCOP_EINVALID. */
int ocop_parse_int(long long *out, const char *s, long long min, long long max);

#endif
