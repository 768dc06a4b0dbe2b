/*
 * entity.h: the registry's writable records declared once as data: each field's
 * name, type, bounds and flags. Validation (here), the store's column lists and the
 * API documentation all follow these tables.
 */
#ifndef OCOP_CORE_ENTITY_H
#define OCOP_CORE_ENTITY_H

#include <jansson.h>
#include <stddef.h>

enum ocop_ftype {
    OCOP_F_TEXT,  /* one line of text, max `max` code points */
    OCOP_F_MTEXT, /* multi-line text */
    OCOP_F_INT,   /* integer in [min, max] */
    OCOP_F_REAL,  /* number in [min, max] */
    OCOP_F_BOOL,
    OCOP_F_ENUM,    /* one of `values` */
    OCOP_F_DATE,    /* YYYY-MM-DD */
    OCOP_F_REF,     /* id of another record (existence checked by the store) */
    OCOP_F_REFLIST, /* array of ids (a link table, not a column) */
    OCOP_F_WARD,    /* 5-digit ward/commune code (existence checked by the store) */
    OCOP_F_GTIN,    /* GTIN-8/12/13/14, stored as GTIN-14 */
    OCOP_F_TAXCODE, /* Vietnamese tax code: 10 digits, or 10-3 for a branch */
    OCOP_F_EMAIL,
    OCOP_F_PHONE,
    OCOP_F_URL,  /* http:// or https:// address with a host, max `max` characters */
    OCOP_F_GROUP /* criteria-set group code of Decision 148 */
};

#define OCOP_FF_REQUIRED 1u /* must be present (and not null) on create */

struct ocop_field {
    const char *name;
    enum ocop_ftype type;
    unsigned flags;
    long long min, max; /* INT/REAL bounds; TEXT maximum length */
    const char *const *values; /* ENUM values, NULL-terminated */
    const char *ref;           /* REF/REFLIST: the referenced entity's name */
};

struct ocop_entity {
    const char *name;   /* "product" */
    const char *plural; /* "products" */
    const char *table;  /* SQL table: a constant, never data */
    const struct ocop_field *fields;
    size_t nfields;
};

extern const struct ocop_entity ocop_entity_producer;
extern const struct ocop_entity ocop_entity_village;
extern const struct ocop_entity ocop_entity_product;
extern const struct ocop_entity ocop_entity_zone;

extern const char *const ocop_producer_kinds[];
extern const char *const ocop_product_statuses[];
extern const char *const ocop_zone_kinds[];

const struct ocop_field *ocop_entity_field(const struct ocop_entity *e, const char *name);

/*
 * Validates a JSON object against an entity. With `partial` (an update) only the
 * fields present are checked and `null` clears an optional field; otherwise required
 * fields must be present. Unknown fields are refused. On success *out is a new object
 * holding the cleaned values (NFC text, GTIN-14, ...), owned by the caller.
 * Every field is checked: OCOP_EINVALID names the first field at fault
 * (ocop_error_field()) and carries all of them (ocop_error_field_count()).
 */
int ocop_entity_validate(json_t **out, const struct ocop_entity *e, json_t *in, int partial);

/* Checks that a well-formed ward, reference or list of references names something that
 * exists: 0, OCOP_EINVALID naming the field, or another code for a failure. */
typedef int (*ocop_entity_exists_fn)(void *ctx, const struct ocop_field *f, json_t *value);

/* As ocop_entity_validate; `exists` (may be NULL) is asked about each well-formed ward
 * and reference, so a code that names nothing is reported with the other faults. */
int ocop_entity_validate_with(json_t **out, const struct ocop_entity *e, json_t *in, int partial,
                              ocop_entity_exists_fn exists, void *ctx);

/* Checks one value against one field; *out is the cleaned value (new reference). */
int ocop_field_validate(json_t **out, const struct ocop_field *f, json_t *v);

int ocop_enum_index(const char *const *values, const char *s);

/* 1 when `s` is an http:// or https:// address with a host name (letters, digits, dots,
 * hyphens; an optional port) and no spaces or control characters: what may be a link. */
int ocop_url_valid(const char *s);

#endif
