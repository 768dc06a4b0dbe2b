/* trace.c: the kinds of trace event and the check of a new event's fields (trace.h). */
#include "core/trace.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/stamp.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kinds, in the order a product's life goes through them. The CHECK of migration 0010
 * names the same codes. */
const struct ocop_trace_kind ocop_trace_kinds[] = {
    {"planting", "Gieo trồng, chăn nuôi", "Growing and raising"},
    {"raw_material", "Nguyên liệu", "Raw materials"},
    {"harvest", "Thu hoạch", "Harvest"},
    {"processing", "Sơ chế, chế biến", "Processing"},
    {"packing", "Đóng gói", "Packing"},
    {"quality_test", "Kiểm nghiệm chất lượng", "Quality test"},
    {"storage", "Bảo quản", "Storage"},
    {"shipping", "Vận chuyển", "Shipping"},
    {"other", "Khác", "Other"},
};
const size_t ocop_trace_kinds_count = sizeof(ocop_trace_kinds) / sizeof(ocop_trace_kinds[0]);

const struct ocop_trace_kind *ocop_trace_kind_find(const char *code)
{
    for (size_t i = 0; code && i < ocop_trace_kinds_count; i++)
        if (strcmp(ocop_trace_kinds[i].code, code) == 0)
            return &ocop_trace_kinds[i];
    return NULL;
}

const char *ocop_trace_kind_name(const char *code, int en)
{
    const struct ocop_trace_kind *k = ocop_trace_kind_find(code);
    return k ? (en ? k->en : k->vi) : (code ? code : "");
}

/* A failed field: its message is set by the caller's ocop_error_set_field; gathered here. */
static void trace__fault(int *faults)
{
    ocop_error_gather();
    (*faults)++;
}

static void trace__kind(struct ocop_trace_input *in, json_t *v, int *faults)
{
    char codes[200];
    size_t n = 0;
    if (json_is_string(v) && ocop_trace_kind_find(json_string_value(v))) {
        in->kind = ocop_trace_kind_find(json_string_value(v))->code;
        return;
    }
    codes[0] = '\0';
    for (size_t i = 0; i < ocop_trace_kinds_count && n < sizeof(codes); i++)
        n += (size_t)snprintf(codes + n, sizeof(codes) - n, "%s%s", i ? ", " : "",
                              ocop_trace_kinds[i].code);
    ocop_error_set_field(OCOP_EINVALID, "kind", "kind is the kind of event, one of: %s", codes);
    trace__fault(faults);
}

static void trace__at(struct ocop_trace_input *in, json_t *v, long long now_s, int *faults)
{
    if (!json_is_string(v) ||
        ocop_when_parse(&in->at, json_string_value(v), json_string_length(v)) != 0) {
        memset(&in->at, 0, sizeof(in->at));
        ocop_error_set_field(OCOP_EINVALID, "at",
                             "at is when it happened: a day YYYY-MM-DD, or a moment "
                             "YYYY-MM-DDTHH:MM with its offset (Z or +07:00)");
        trace__fault(faults);
    } else if (in->at.order > now_s + OCOP_TRACE_SKEW_S) {
        ocop_error_set_field(OCOP_EINVALID, "at",
                             "at is in the future: a trace event records what has happened");
        trace__fault(faults);
    }
}

/* A text field: cleaned, 1 (or 0 when optional) to max characters. */
static int trace__text(char **out, json_t *v, size_t max, int multiline, int required)
{
    *out = NULL;
    if (!required && (!v || json_is_null(v)))
        return 0;
    if (!json_is_string(v) ||
        ocop_text_clean(out, json_string_value(v), json_string_length(v), multiline) != 0 ||
        (required && !**out) || ocop_text_length(*out) > max) {
        free(*out);
        *out = NULL;
        return -1;
    }
    if (!**out) { /* an optional field left blank: none */
        free(*out);
        *out = NULL;
    }
    return 0;
}

static void trace__texts(struct ocop_trace_input *in, json_t *body, int *faults)
{
    if (trace__text(&in->description, json_object_get(body, "description"),
                    OCOP_TRACE_DESCRIPTION_MAX, 1, 1) != 0) {
        ocop_error_set_field(OCOP_EINVALID, "description",
                             "description says what was done: 1 to %d characters",
                             OCOP_TRACE_DESCRIPTION_MAX);
        trace__fault(faults);
    }
    if (trace__text(&in->place, json_object_get(body, "place"), OCOP_TRACE_PLACE_MAX, 0, 0) != 0) {
        ocop_error_set_field(OCOP_EINVALID, "place",
                             "place tells where, within the ward: one line of at most %d "
                             "characters",
                             OCOP_TRACE_PLACE_MAX);
        trace__fault(faults);
    }
}

static void trace__ward(struct ocop_trace_input *in, json_t *v, int *faults)
{
    const char *s = json_string_value(v);
    if (!v || json_is_null(v) || (s && !*s))
        return; /* no ward: the place is the producer's own */
    if (s && strlen(s) == 5 && strspn(s, "0123456789") == 5) {
        in->ward_code = s;
        return;
    }
    ocop_error_set_field(OCOP_EINVALID, "ward_code",
                         "ward_code is a ward or commune's code of 5 "
                         "digits");
    trace__fault(faults);
}

/* The lot: a stamp batch of the product, by id or by its lot code, not both. */
static void trace__lot(struct ocop_trace_input *in, json_t *body, int *faults)
{
    json_t *id = json_object_get(body, "batch_id"), *lot = json_object_get(body, "lot");
    int has_id = id && !json_is_null(id), has_lot = lot && !json_is_null(lot);
    if (has_id && has_lot) {
        ocop_error_set_field(OCOP_EINVALID, "lot", "name the lot once: batch_id or lot, not both");
        trace__fault(faults);
        return;
    }
    if (has_id && (!json_is_integer(id) || json_integer_value(id) < 1)) {
        ocop_error_set_field(OCOP_EINVALID, "batch_id",
                             "batch_id is the id of one of the product's stamp batches");
        trace__fault(faults);
    } else if (has_id) {
        in->batch_id = json_integer_value(id);
    }
    if (has_lot && (!json_is_string(lot) || ocop_lot_check(json_string_value(lot)) != 0)) {
        ocop_error_set_field(OCOP_EINVALID, "lot",
                             "lot is the lot code of one of the product's stamp batches");
        trace__fault(faults);
    } else if (has_lot) {
        in->lot = json_string_value(lot);
    }
}

int ocop_trace_check(struct ocop_trace_input *in, json_t *body, long long now_s)
{
    static const char *const fields[] = {
        "product_id", "kind", "at", "description", "ward_code", "place", "batch_id", "lot", NULL};
    const char *key;
    json_t *v;
    int faults = 0;

    memset(in, 0, sizeof(*in));
    if (!json_is_object(body))
        return ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
    json_object_foreach(body, key, v)
    {
        if (ocop_enum_index(fields, key) >= 0)
            continue;
        ocop_error_set_field(OCOP_EINVALID, key, "unknown field for a %s%.0s",
                             OCOP_WORD("trace event"), ocop_word_vi("trace event"));
        trace__fault(&faults);
    }
    v = json_object_get(body, "product_id");
    if (json_is_integer(v) && json_integer_value(v) > 0) {
        in->product_id = json_integer_value(v);
    } else {
        ocop_error_set_field(OCOP_EINVALID, "product_id", "product_id is the product's id");
        trace__fault(&faults);
    }
    trace__kind(in, json_object_get(body, "kind"), &faults);
    trace__at(in, json_object_get(body, "at"), now_s, &faults);
    trace__texts(in, body, &faults);
    trace__ward(in, json_object_get(body, "ward_code"), &faults);
    trace__lot(in, body, &faults);
    return faults;
}

void ocop_trace_input_dispose(struct ocop_trace_input *in)
{
    free(in->description);
    free(in->place);
    in->description = in->place = NULL;
}

int ocop_trace_reason(char **out, const char *reason)
{
    *out = NULL;
    if (!reason || ocop_text_clean(out, reason, strlen(reason), 1) != 0 || !**out ||
        ocop_text_length(*out) > OCOP_TRACE_REASON_MAX) {
        free(*out);
        *out = NULL;
        return ocop_error_set_field(OCOP_EINVALID, "reason",
                                    "a retraction needs its reason: 1 to %d characters",
                                    OCOP_TRACE_REASON_MAX);
    }
    return 0;
}
