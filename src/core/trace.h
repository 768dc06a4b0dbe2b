/*
 * trace.h: a product's trace events, its origin and history as a shopper sees it after a
 * scan (harvest, processing, packing, a lab test...): the kinds of event, the limits, and
 * the check of a new event's fields. Pure: whether the product, the ward and the lot exist
 * is for the caller (app/trace.c) to ask the store.
 */
#ifndef OCOP_CORE_TRACE_H
#define OCOP_CORE_TRACE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dates.h"

#define OCOP_TRACE_DESCRIPTION_MAX 1000
#define OCOP_TRACE_PLACE_MAX 200
#define OCOP_TRACE_REASON_MAX 500
/* A moment may be this many seconds ahead of the server's clock (a phone's clock is not
 * the server's); anything later has not happened yet. */
#define OCOP_TRACE_SKEW_S 300

/* The fixed vocabulary of kinds: the code the API and the database keep, and its names. */
struct ocop_trace_kind {
    const char *code, *vi, *en;
};
extern const struct ocop_trace_kind ocop_trace_kinds[];
extern const size_t ocop_trace_kinds_count;
/* The kind of that code, or NULL. */
const struct ocop_trace_kind *ocop_trace_kind_find(const char *code);
/* The kind's name in a language ("en", else Vietnamese); the code itself if unknown. */
const char *ocop_trace_kind_name(const char *code, int en);

/* A new event's fields as ocop_trace_check found them. */
struct ocop_trace_input {
    int64_t product_id;        /* 0 when missing or not a whole number */
    int64_t batch_id;          /* the lot as a stamp batch's id; 0: none given */
    const char *lot;           /* the lot as its code; NULL: none given (in the body) */
    const char *kind;          /* a code of ocop_trace_kinds, or NULL */
    struct ocop_when at;       /* when it happened (at.text[0] == '\0' if not well formed) */
    const char *ward_code;     /* five digits, or NULL (in the body) */
    char *description, *place; /* cleaned (NFC), new strings; place NULL when none */
};

/*
 * Checks every field of a new event's body: {product_id, kind, at, description, ward_code?,
 * place?, batch_id? or lot?}, `at` not later than now_s (Unix seconds) plus
 * OCOP_TRACE_SKEW_S. Each field at fault is gathered (ocop_error_gather: the caller starts
 * and finishes the gathering), and none stops the checks of the others. Fills `in` with
 * what is well formed (the caller disposes of it, also on failure); returns how many
 * fields were at fault. A body that is not an object is OCOP_EINVALID at once (< 0).
 */
int ocop_trace_check(struct ocop_trace_input *in, json_t *body, long long now_s);
void ocop_trace_input_dispose(struct ocop_trace_input *in);

/* A retraction's reason cleaned (one or more lines, 1 to OCOP_TRACE_REASON_MAX
 * characters): a new string in *out, or OCOP_EINVALID naming the field "reason". */
int ocop_trace_reason(char **out, const char *reason);

#endif
