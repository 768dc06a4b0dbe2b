/* fuzz_trace.c: a trace event's moment (ocop_when_parse, the bytes as they come) and a new
 * event's body through JSON parsing and ocop_trace_check. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/text.h"
#include "core/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A moment that parses reads back the same, and what it keeps is the normal form. */
static void fuzz__when(const uint8_t *data, size_t size)
{
    struct ocop_when w, again;
    char *copy = malloc(size ? size : 1); /* exactly the input: reading past it is caught */
    if (!copy)
        return;
    memcpy(copy, data, size);
    if (ocop_when_parse(&w, copy, size) == 0) {
        size_t n = strlen(w.text);
        if (n != (w.has_time ? 20u : 10u))
            abort();
        if (ocop_when_parse(&again, w.text, n) != 0 || again.order != w.order ||
            again.has_time != w.has_time || strcmp(again.text, w.text) != 0)
            abort();
    }
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ocop_trace_input in;
    json_t *body;
    int faults;

    fuzz__when(data, size);
    if (!(body = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL)))
        return 0;
    ocop_error_gather_start();
    faults = ocop_trace_check(&in, body, 1795417200LL);
    if (faults >= 0 && (ocop_error_gather_finish() != 0) != (faults > 0))
        abort(); /* faults are gathered, and only they */
    if (faults == 0 && (!in.product_id || !in.kind || !in.at.text[0] || !in.description ||
                        ocop_text_length(in.description) > OCOP_TRACE_DESCRIPTION_MAX))
        abort(); /* a clean check leaves every required field well formed */
    ocop_trace_input_dispose(&in);
    json_decref(body);
    return 0;
}
