/* entity.c: registry record descriptors and their validation. */
#include "core/entity.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/gs1.h"
#include "core/sectors.h"
#include "core/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const ocop_producer_kinds[] = {"cooperative", "cooperative_group", "enterprise",
                                           "household", NULL};
const char *const ocop_product_statuses[] = {"active", "suspended", "discontinued", NULL};
const char *const ocop_zone_kinds[] = {"crop", "livestock", "aquaculture", "forest",
                                       "medicinal", "other", NULL};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define REQ OCOP_FF_REQUIRED

static const struct ocop_field producer_fields[] = {
    {OCOP_WORD("name"), OCOP_F_TEXT, REQ, 1, 200, NULL, NULL},
    {OCOP_WORD("kind"), OCOP_F_ENUM, REQ, 0, 0, ocop_producer_kinds, NULL},
    {OCOP_WORD("tax_code"), OCOP_F_TAXCODE, 0, 0, 0, NULL, NULL},
    {OCOP_WORD("ward_code"), OCOP_F_WARD, REQ, 0, 0, NULL, NULL},
    {OCOP_WORD("address"), OCOP_F_TEXT, 0, 0, 300, NULL, NULL},
    {OCOP_WORD("representative"), OCOP_F_TEXT, 0, 0, 120, NULL, NULL},
    {OCOP_WORD("phone"), OCOP_F_PHONE, 0, 0, 0, NULL, NULL},
    {OCOP_WORD("email"), OCOP_F_EMAIL, 0, 0, 0, NULL, NULL},
    {OCOP_WORD("website"), OCOP_F_URL, 0, 0, 300, NULL, NULL},
    {OCOP_WORD("members"), OCOP_F_INT, 0, 0, 1000000, NULL, NULL},
    {OCOP_WORD("employees"), OCOP_F_INT, 0, 0, 1000000, NULL, NULL},
    {OCOP_WORD("founded_year"), OCOP_F_INT, 0, 1900, 2100, NULL, NULL},
};

static const struct ocop_field village_fields[] = {
    {OCOP_WORD("name"), OCOP_F_TEXT, REQ, 1, 200, NULL, NULL},
    {OCOP_WORD("ward_code"), OCOP_F_WARD, REQ, 0, 0, NULL, NULL},
    {OCOP_WORD("craft"), OCOP_F_TEXT, REQ, 1, 120, NULL, NULL},
    {OCOP_WORD("recognised"), OCOP_F_BOOL, 0, 0, 0, NULL, NULL},
    {OCOP_WORD("recognised_year"), OCOP_F_INT, 0, 1900, 2100, NULL, NULL},
    {OCOP_WORD("households"), OCOP_F_INT, 0, 0, 1000000, NULL, NULL},
    {OCOP_WORD("workers"), OCOP_F_INT, 0, 0, 10000000, NULL, NULL},
    {OCOP_WORD("revenue_vnd"), OCOP_F_INT, 0, 0, 1000000000000000LL, NULL, NULL},
    {OCOP_WORD("description"), OCOP_F_MTEXT, 0, 0, 5000, NULL, NULL},
};

static const struct ocop_field product_fields[] = {
    {OCOP_WORD("name"), OCOP_F_TEXT, REQ, 1, 200, NULL, NULL},
    {OCOP_WORD("short_name"), OCOP_F_TEXT, 0, 0, 40, NULL, NULL},
    {OCOP_WORD("group"), OCOP_F_GROUP, REQ, 0, 0, NULL, NULL},
    {OCOP_WORD("producer_id"), OCOP_F_REF, REQ, 1, 0, NULL, "producer"},
    {OCOP_WORD("ward_code"), OCOP_F_WARD, 0, 0, 0, NULL, NULL},
    {OCOP_WORD("village_id"), OCOP_F_REF, 0, 1, 0, NULL, "village"},
    {OCOP_WORD("description"), OCOP_F_MTEXT, 0, 0, 5000, NULL, NULL},
    {OCOP_WORD("story"), OCOP_F_MTEXT, 0, 0, 20000, NULL, NULL},
    {OCOP_WORD("gtin"), OCOP_F_GTIN, 0, 0, 0, NULL, NULL},
    {OCOP_WORD("status"), OCOP_F_ENUM, 0, 0, 0, ocop_product_statuses, NULL},
};

static const struct ocop_field zone_fields[] = {
    {OCOP_WORD("name"), OCOP_F_TEXT, REQ, 1, 200, NULL, NULL},
    {OCOP_WORD("kind"), OCOP_F_ENUM, REQ, 0, 0, ocop_zone_kinds, NULL},
    {OCOP_WORD("ward_code"), OCOP_F_WARD, REQ, 0, 0, NULL, NULL},
    {OCOP_WORD("material"), OCOP_F_TEXT, 0, 0, 120, NULL, NULL},
    {OCOP_WORD("area_ha"), OCOP_F_REAL, 0, 0, 1000000, NULL, NULL},
    {OCOP_WORD("certification"), OCOP_F_TEXT, 0, 0, 120, NULL, NULL},
    {OCOP_WORD("producer_ids"), OCOP_F_REFLIST, 0, 0, 200, NULL, "producer"},
};

const struct ocop_entity ocop_entity_producer = {"producer", "producers", "producers",
                                                 producer_fields, COUNT(producer_fields)};
const struct ocop_entity ocop_entity_village = {"village", "villages", "villages",
                                                village_fields, COUNT(village_fields)};
const struct ocop_entity ocop_entity_product = {"product", "products", "products",
                                                product_fields, COUNT(product_fields)};
const struct ocop_entity ocop_entity_zone = {"zone", "zones", "zones", zone_fields,
                                             COUNT(zone_fields)};

const struct ocop_field *ocop_entity_field(const struct ocop_entity *e, const char *name)
{
    for (size_t i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return &e->fields[i];
    return NULL;
}

int ocop_enum_index(const char *const *values, const char *s)
{
    for (int i = 0; values[i]; i++)
        if (strcmp(values[i], s) == 0)
            return i;
    return -1;
}

static int field__digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int ocop_url_valid(const char *s)
{
    size_t i = 0, host = 0;
    if (strncmp(s, "https://", 8) == 0)
        s += 8;
    else if (strncmp(s, "http://", 7) == 0)
        s += 7;
    else
        return 0;
    for (; s[i] && !strchr("/?#:", s[i]); i++, host++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' ||
              (unsigned char)s[i] >= 0x80))
            return 0;
    if (!host || s[0] == '.' || s[0] == '-' || s[i - 1] == '.' || s[i - 1] == '-' ||
        !memchr(s, '.', i))
        return 0;
    for (size_t k = 1; k < i; k++)
        if (s[k] == '.' && s[k - 1] == '.')
            return 0;
    if (s[i] == ':') /* a port: digits only */
        for (i++; s[i] && !strchr("/?#", s[i]); i++)
            if (s[i] < '0' || s[i] > '9')
                return 0;
    for (; s[i]; i++)
        if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f || s[i] == '"' || s[i] == '<' ||
            s[i] == '>' || s[i] == '\\')
            return 0;
    return 1;
}

static int field__check_text(const struct ocop_field *f, const char *s)
{
    size_t n = strlen(s), i, at = 0, digits = 0;

    switch (f->type) {
    case OCOP_F_WARD:
        if (n != 5 || !field__digits(s, 5))
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "%s must be a 5-digit ward code%.0s", f->name,
                                        ocop_word_vi(f->name));
        return 0;
    case OCOP_F_TAXCODE:
        if (!((n == 10 && field__digits(s, 10)) ||
              (n == 14 && field__digits(s, 10) && s[10] == '-' && field__digits(s + 11, 3))))
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "a tax code has 10 digits, or 10-3 for a branch");
        return 0;
    case OCOP_F_EMAIL:
        for (i = 0; i < n; i++)
            if (s[i] == '@')
                at = i;
        if (n > 254 || at == 0 || at + 3 > n || strchr(s, ' ') || strchr(s + at + 1, '@') ||
            !strchr(s + at + 1, '.'))
            return ocop_error_set_field(OCOP_EINVALID, f->name, "not an e-mail address");
        return 0;
    case OCOP_F_PHONE:
        for (i = 0; i < n; i++) {
            if (s[i] >= '0' && s[i] <= '9')
                digits++;
            else if (!strchr("+ .-()", s[i]) || (s[i] == '+' && i != 0))
                return ocop_error_set_field(OCOP_EINVALID, f->name, "not a phone number");
        }
        if (digits < 8 || digits > 15)
            return ocop_error_set_field(OCOP_EINVALID, f->name, "a phone number has 8 to 15 digits");
        return 0;
    case OCOP_F_URL:
        if (f->max && (long long)ocop_text_length(s) > f->max)
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "%s is longer than %lld characters%.0s", f->name, f->max,
                                        ocop_word_vi(f->name));
        if (!ocop_url_valid(s))
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "%s must be a web address starting with http:// or "
                                        "https://%.0s",
                                        f->name, ocop_word_vi(f->name));
        return 0;
    case OCOP_F_ENUM:
        if (ocop_enum_index(f->values, s) < 0)
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "%s is not one of the allowed values%.0s", f->name,
                                        ocop_word_vi(f->name));
        return 0;
    case OCOP_F_GROUP:
        if (!ocop_group_find(s))
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "group must be a criteria-set group of Decision 148");
        return 0;
    default:
        if (f->max && (long long)ocop_text_length(s) > f->max)
            return ocop_error_set_field(OCOP_EINVALID, f->name,
                                        "%s is longer than %lld characters%.0s", f->name, f->max,
                                        ocop_word_vi(f->name));
        if (f->min && (long long)ocop_text_length(s) < f->min)
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s must not be empty%.0s", f->name,
                                        ocop_word_vi(f->name));
        return 0;
    }
}

static int field__string(json_t **out, const struct ocop_field *f, json_t *v)
{
    char *clean = NULL, gtin[15];
    int rc;

    if (!json_is_string(v))
        return ocop_error_set_field(OCOP_EINVALID, f->name, "%s must be a string%.0s", f->name,
                                    ocop_word_vi(f->name));
    rc = ocop_text_clean(&clean, json_string_value(v), json_string_length(v),
                         f->type == OCOP_F_MTEXT);
    if (rc)
        return ocop_error_set_field(OCOP_EINVALID, f->name, "%s: %s%.0s", f->name,
                                    ocop_error_message(), ocop_word_vi(f->name));
    if (f->type == OCOP_F_DATE) {
        long days;
        if (ocop_date_parse(&days, clean)) {
            rc = ocop_error_set_field(OCOP_EINVALID, f->name, "%s must be a date YYYY-MM-DD%.0s",
                                      f->name, ocop_word_vi(f->name));
            goto done;
        }
    } else if (f->type == OCOP_F_GTIN) {
        if ((rc = ocop_gtin_normalize(gtin, clean)) != 0) {
            ocop_error_set_field(rc, f->name, "%s", ocop_error_message());
            goto done;
        }
        *out = json_string(gtin);
        goto done;
    } else if ((rc = field__check_text(f, clean)) != 0) {
        goto done;
    }
    *out = json_string(clean);
done:
    free(clean);
    return rc;
}

static int field__reflist(json_t **out, const struct ocop_field *f, json_t *v)
{
    size_t i;
    json_t *item, *arr;

    if (!json_is_array(v) || (long long)json_array_size(v) > f->max)
        return ocop_error_set_field(OCOP_EINVALID, f->name,
                                    "%s must be an array of at most %lld ids%.0s", f->name, f->max,
                                    ocop_word_vi(f->name));
    arr = json_array();
    json_array_foreach(v, i, item)
    {
        if (!json_is_integer(item) || json_integer_value(item) < 1) {
            json_decref(arr);
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s must hold positive ids%.0s",
                                        f->name, ocop_word_vi(f->name));
        }
        json_array_append(arr, item);
    }
    *out = arr;
    return 0;
}

int ocop_field_validate(json_t **out, const struct ocop_field *f, json_t *v)
{
    long long i;
    double d;

    *out = NULL;
    switch (f->type) {
    case OCOP_F_INT:
    case OCOP_F_REF:
        if (!json_is_integer(v))
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s must be an integer%.0s",
                                        f->name, ocop_word_vi(f->name));
        i = json_integer_value(v);
        if (i < f->min || (f->max && i > f->max))
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s is out of range%.0s", f->name,
                                        ocop_word_vi(f->name));
        *out = json_integer(i);
        return 0;
    case OCOP_F_REAL:
        if (!json_is_number(v))
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s must be a number%.0s", f->name,
                                        ocop_word_vi(f->name));
        d = json_number_value(v);
        if (!isfinite(d) || d < (double)f->min || d > (double)f->max)
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s is out of range%.0s", f->name,
                                        ocop_word_vi(f->name));
        *out = json_real(d);
        return 0;
    case OCOP_F_BOOL:
        if (!json_is_boolean(v))
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s must be true or false%.0s",
                                        f->name, ocop_word_vi(f->name));
        *out = json_boolean(json_is_true(v));
        return 0;
    case OCOP_F_REFLIST:
        return field__reflist(out, f, v);
    default:
        return field__string(out, f, v);
    }
}

int ocop_entity_validate(json_t **out, const struct ocop_entity *e, json_t *in, int partial)
{
    return ocop_entity_validate_with(out, e, in, partial, NULL, NULL);
}

/* One field of a record: required, well-formed, and (with `exists`) naming what exists. */
static int entity__field(json_t *res, const struct ocop_field *f, json_t *in, int partial,
                         ocop_entity_exists_fn exists, void *ctx)
{
    json_t *v = json_object_get(in, f->name), *clean = NULL;
    int rc;

    if (!v || json_is_null(v)) {
        if ((f->flags & REQ) && (!partial || v))
            return ocop_error_set_field(OCOP_EINVALID, f->name, "%s is required%.0s", f->name,
                                        ocop_word_vi(f->name));
        if (v)
            json_object_set_new(res, f->name, json_null());
        return 0;
    }
    if ((rc = ocop_field_validate(&clean, f, v)) != 0)
        return rc;
    if (exists && (f->type == OCOP_F_WARD || f->type == OCOP_F_REF || f->type == OCOP_F_REFLIST) &&
        (rc = exists(ctx, f, clean)) != 0) {
        json_decref(clean);
        return rc;
    }
    json_object_set_new(res, f->name, clean);
    return 0;
}

int ocop_entity_validate_with(json_t **out, const struct ocop_entity *e, json_t *in, int partial,
                              ocop_entity_exists_fn exists, void *ctx)
{
    json_t *res = NULL, *v;
    const char *key;
    int rc = 0;

    *out = NULL;
    if (!json_is_object(in))
        return ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
    ocop_error_gather_start();
    json_object_foreach(in, key, v)
    {
        if (!ocop_entity_field(e, key)) {
            ocop_error_set_field(OCOP_EINVALID, key, "unknown field for a %s%.0s", e->name,
                                 ocop_word_vi(e->name));
            ocop_error_gather();
        }
    }
    res = json_object();
    for (size_t i = 0; i < e->nfields; i++) {
        /* every field is checked, so one answer names all that are wrong */
        if ((rc = entity__field(res, &e->fields[i], in, partial, exists, ctx)) == OCOP_EINVALID)
            ocop_error_gather();
        else if (rc)
            goto done; /* not the input's fault: a database failure */
    }
    if ((rc = ocop_error_gather_finish()) != 0)
        goto done;
    *out = res;
    res = NULL;
done:
    json_decref(res);
    return rc;
}
