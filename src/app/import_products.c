/*
 * import_products.c: the office's spreadsheets of producers, products and their
 * certificates, as CSV (column set in docs/import.md). One transaction: a bad row
 * fails the whole import with its row number and reason.
 */
#include "app/app.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/query.h"
#include "core/text.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

enum col {
    C_PRODUCER_NAME, C_PRODUCER_KIND, C_PRODUCER_TAX, C_PRODUCER_WARD, C_PRODUCER_ADDRESS,
    C_PRODUCT_NAME, C_PRODUCT_GROUP, C_PRODUCT_WARD, C_VILLAGE, C_GTIN, C_CERT_NUMBER,
    C_DECISION_NUMBER, C_DECISION_DATE, C_STARS, C_LEVEL, C_SCORE, C_RULESET, C_VALID_FROM,
    C_VALID_UNTIL, C_CANDIDATE, C_REVOKED_AT, C_REVOKE_REASON, C_COUNT
};

static const struct {
    const char *name;
    int required;
} columns[C_COUNT] = {
    {"producer_name", 1},    {"producer_kind", 1},    {"producer_tax_code", 0},
    {"producer_ward_code", 1}, {"producer_address", 0}, {"product_name", 1},
    {"product_group", 1},    {"product_ward_code", 0}, {"village_name", 0},
    {"gtin", 0},             {"certificate_number", 1}, {"decision_number", 1},
    {"decision_date", 1},    {"stars", 1},            {"issuing_level", 0},
    {"score", 0},            {"ruleset", 0},          {"valid_from", 0},
    {"valid_until", 0},      {"five_star_candidate", 0}, {"revoked_at", 0},
    {"revoke_reason", 0},
};

#define MAX_FIELDS 64

struct import {
    struct ocop_app *a;
    struct ocop_import_stats *stats;
    int map[MAX_FIELDS]; /* file column -> enum col, or -1 */
    int nfile;           /* columns in the header */
    char *fields[MAX_FIELDS];
    int nfields;
    long row;            /* 1 = header */
    long total_rows;
    int rc;
    ocop_progress_fn progress;
    void *arg;
};

static const char *imp__get(struct import *im, enum col c)
{
    for (int i = 0; i < im->nfields && i < im->nfile; i++)
        if (im->map[i] == (int)c)
            return im->fields[i][0] ? im->fields[i] : NULL;
    return NULL;
}

static int imp__header(struct import *im)
{
    int seen[C_COUNT] = {0};
    for (int i = 0; i < im->nfields; i++) {
        const char *h = im->fields[i];
        im->map[i] = -1;
        if (i == 0 && strncmp(h, "\xEF\xBB\xBF", 3) == 0)
            h += 3; /* a spreadsheet's byte-order mark */
        for (int c = 0; c < C_COUNT; c++)
            if (strcmp(h, columns[c].name) == 0)
                im->map[i] = c;
        if (im->map[i] < 0)
            return ocop_error_set(OCOP_EINVALID, "unknown column \"%.40s\" (see docs/import.md)",
                                  h);
        if (seen[im->map[i]]++)
            return ocop_error_set(OCOP_EINVALID, "column %s appears twice", h);
    }
    for (int c = 0; c < C_COUNT; c++)
        if (columns[c].required && !seen[c])
            return ocop_error_set(OCOP_EINVALID, "the required column %s is missing",
                                  columns[c].name);
    im->nfile = im->nfields;
    return 0;
}

static int imp__date(long *out, struct import *im, enum col c, long def)
{
    const char *v = imp__get(im, c);
    if (!v) {
        *out = def;
        return 0;
    }
    if (ocop_date_parse(out, v))
        return ocop_error_set_field(OCOP_EINVALID, columns[c].name, "%s \"%.20s\" is not a date "
                                    "YYYY-MM-DD", columns[c].name, v);
    return 0;
}

/* Finds or creates the row's producer. */
static int imp__producer(int64_t *id, struct import *im)
{
    json_t *in, *clean = NULL;
    int rc;

    in = json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}", "name", imp__get(im, C_PRODUCER_NAME), "kind",
                   imp__get(im, C_PRODUCER_KIND), "tax_code", imp__get(im, C_PRODUCER_TAX),
                   "ward_code", imp__get(im, C_PRODUCER_WARD), "address",
                   imp__get(im, C_PRODUCER_ADDRESS));
    rc = ocop_entity_validate(&clean, &ocop_entity_producer, in, 0);
    json_decref(in);
    if (rc)
        return ocop_error_set_field(rc, ocop_error_field(), "producer_%s: %s",
                                    ocop_error_field() ? ocop_error_field() : "?",
                                    ocop_error_message());
    rc = ocop_store_producer_find(id, im->a->st, imp__get(im, C_PRODUCER_TAX),
                                  json_string_value(json_object_get(clean, "name")),
                                  json_string_value(json_object_get(clean, "ward_code")));
    if (rc == OCOP_ENOTFOUND) {
        rc = ocop_store_insert(id, im->a->st, &ocop_entity_producer, clean);
        if (rc == 0)
            im->stats->producers++;
        else if (ocop_error_field() && strcmp(ocop_error_field(), "ward_code") == 0)
            rc = ocop_error_set_field(rc, "producer_ward_code",
                                      "producer_ward_code: no ward or commune has the code %.8s "
                                      "(names of units before 2025-07-01 must be mapped to today's)",
                                      imp__get(im, C_PRODUCER_WARD));
    }
    json_decref(clean);
    return rc;
}

/* Finds or creates the row's product. */
static int imp__product(int64_t *id, struct import *im, int64_t producer_id)
{
    json_t *in, *clean = NULL;
    int64_t village_id = 0;
    const char *village = imp__get(im, C_VILLAGE);
    const char *ward = imp__get(im, C_PRODUCT_WARD);
    int rc;

    if (village &&
        ocop_store_village_find(&village_id, im->a->st, village,
                                ward ? ward : imp__get(im, C_PRODUCER_WARD)) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "village_name",
                                    "village_name: no craft village of that name in the ward");
    in = json_pack("{s:s?, s:s?, s:I, s:s?, s:s?}", "name", imp__get(im, C_PRODUCT_NAME), "group",
                   imp__get(im, C_PRODUCT_GROUP), "producer_id", (json_int_t)producer_id,
                   "ward_code", ward, "gtin", imp__get(im, C_GTIN));
    if (village_id)
        json_object_set_new(in, "village_id", json_integer(village_id));
    rc = ocop_entity_validate(&clean, &ocop_entity_product, in, 0);
    json_decref(in);
    if (rc)
        return ocop_error_set_field(rc, ocop_error_field(), "product_%s: %s",
                                    ocop_error_field() ? ocop_error_field() : "?",
                                    ocop_error_message());
    rc = ocop_store_product_find(id, im->a->st, producer_id,
                                 json_string_value(json_object_get(clean, "name")));
    if (rc == OCOP_ENOTFOUND) {
        rc = ocop_store_insert(id, im->a->st, &ocop_entity_product, clean);
        if (rc == 0)
            im->stats->products++;
    }
    json_decref(clean);
    return rc;
}

static int imp__certificate(struct import *im, int64_t product_id)
{
    struct ocop_certificate c = {0};
    long long stars, cand = 0;
    double score = -1;
    const char *v;
    int64_t id;
    int rc;

    c.product_id = product_id;
    c.number = imp__get(im, C_CERT_NUMBER);
    c.decision_number = imp__get(im, C_DECISION_NUMBER);
    if (!c.number || !c.decision_number)
        return ocop_error_set(OCOP_EINVALID, "certificate_number and decision_number are required");
    if (ocop_parse_int(&stars, imp__get(im, C_STARS), 3, 5))
        return ocop_error_set_field(OCOP_EINVALID, "stars",
                                    "stars must be 3, 4 or 5 for a certified product");
    c.stars = (int)stars;
    if ((rc = imp__date(&c.decision_date, im, C_DECISION_DATE, -1)) != 0)
        return rc;
    if (c.decision_date < 0)
        return ocop_error_set_field(OCOP_EINVALID, "decision_date", "decision_date is required");
    if ((rc = imp__date(&c.valid_from, im, C_VALID_FROM, c.decision_date)) != 0 ||
        (rc = imp__date(&c.valid_until, im, C_VALID_UNTIL,
                        ocop_date_add_months(c.decision_date, 36) - 1)) != 0 ||
        (rc = imp__date(&c.revoked_at, im, C_REVOKED_AT, -1)) != 0)
        return rc;
    if (c.valid_until <= c.valid_from)
        return ocop_error_set_field(OCOP_EINVALID, "valid_until", "valid_until must be after valid_from");
    c.issuing_level = imp__get(im, C_LEVEL) ? imp__get(im, C_LEVEL) : (stars == 5 ? "central" : "province");
    if (strcmp(c.issuing_level, "province") != 0 && strcmp(c.issuing_level, "central") != 0)
        return ocop_error_set_field(OCOP_EINVALID, "issuing_level",
                                    "issuing_level must be province or central");
    /* Decision 148/QĐ-TTg was signed on 2023-02-24; earlier ratings used Decision 1048 */
    c.ruleset = imp__get(im, C_RULESET)
                    ? imp__get(im, C_RULESET)
                    : (c.decision_date >= ocop_date_days(2023, 2, 24) ? "148/QĐ-TTg" : "1048/QĐ-TTg");
    if ((v = imp__get(im, C_SCORE)) != NULL) {
        char *end;
        score = strtod(v, &end);
        if (*end || !(score >= 0 && score <= 100))
            return ocop_error_set_field(OCOP_EINVALID, "score", "score must be from 0 to 100");
    }
    c.score = score;
    if (imp__get(im, C_CANDIDATE) && ocop_parse_int(&cand, imp__get(im, C_CANDIDATE), 0, 1))
        return ocop_error_set_field(OCOP_EINVALID, "five_star_candidate",
                                    "five_star_candidate must be 0 or 1");
    c.five_star_candidate = (int)cand;
    c.revoke_reason = imp__get(im, C_REVOKE_REASON);
    if (ocop_store_certificate_exists(im->a->st, c.number) == 0)
        return ocop_error_set_field(OCOP_EEXISTS, "certificate_number",
                                    "certificate %.40s is already in the registry (a duplicate)",
                                    c.number);
    if ((rc = ocop_store_certificate_insert(&id, im->a->st, &c)) == 0)
        im->stats->certificates++;
    return rc;
}

static int imp__row(struct import *im)
{
    int64_t producer_id, product_id;
    int rc;

    if (im->nfields == 1 && im->fields[0][0] == '\0')
        return 0; /* blank line */
    if (im->nfields != im->nfile)
        return ocop_error_set(OCOP_EINVALID, "has %d columns, the header has %d", im->nfields,
                              im->nfile);
    im->stats->rows++;
    if ((rc = imp__producer(&producer_id, im)) != 0)
        return rc;
    if ((rc = imp__product(&product_id, im, producer_id)) != 0)
        return rc;
    return imp__certificate(im, product_id);
}

static void imp__on_field(void *s, size_t len, void *data)
{
    struct import *im = data;
    char *clean = NULL;
    if (im->rc)
        return;
    if (im->nfields == MAX_FIELDS) {
        im->rc = ocop_error_set(OCOP_EINVALID, "row %ld: more than %d columns", im->row + 1,
                                MAX_FIELDS);
        return;
    }
    if (ocop_text_clean(&clean, s ? s : "", s ? len : 0, 1)) {
        im->rc = ocop_error_set(OCOP_EMALFORMED, "row %ld, column %d: not clean UTF-8 text",
                                im->row + 1, im->nfields + 1);
        return;
    }
    im->fields[im->nfields++] = clean;
}

static void imp__on_row(int term, void *data)
{
    struct import *im = data;
    (void)term;
    im->row++;
    if (!im->rc) {
        int rc = im->row == 1 ? imp__header(im) : imp__row(im);
        if (rc)
            im->rc = ocop_error_set_field(rc, ocop_error_field(), "row %ld: %s", im->row,
                                          ocop_error_message());
    }
    for (int i = 0; i < im->nfields; i++)
        free(im->fields[i]);
    im->nfields = 0;
    if (im->progress && im->row % 100 == 0)
        im->progress(im->arg, "rows", im->row - 1, im->total_rows);
}

static long imp__count_lines(const char *csv, size_t len)
{
    long n = 0;
    for (size_t i = 0; i < len; i++)
        n += csv[i] == '\n';
    return n > 0 ? n - 1 : 0;
}

int ocop_app_import_products(struct ocop_import_stats *stats, struct ocop_app *a,
                             const char *csv, size_t len, ocop_progress_fn progress, void *arg)
{
    struct csv_parser p;
    struct import im = {0};
    json_t *summary = NULL;
    int rc;

    memset(stats, 0, sizeof(*stats));
    if (a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_SYSTEM &&
        a->actor.role != OCOP_ROLE_OFFICE)
        return ocop_error_set(OCOP_EFORBIDDEN, "imports are for the coordination office");
    im.a = a;
    im.stats = stats;
    im.progress = progress;
    im.arg = arg;
    im.total_rows = imp__count_lines(csv, len);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return ocop_error_set(OCOP_ERROR, "cannot start the CSV parser");
    if ((rc = ocop_store_begin(a->st)) != 0) {
        csv_free(&p);
        return rc;
    }
    if (csv_parse(&p, csv, len, imp__on_field, imp__on_row, &im) != len && !im.rc)
        im.rc = ocop_error_set(OCOP_EMALFORMED, "row %ld: malformed CSV (%s)", im.row + 1,
                               csv_strerror(csv_error(&p)));
    if (!im.rc && csv_fini(&p, imp__on_field, imp__on_row, &im) != 0 && !im.rc)
        im.rc = ocop_error_set(OCOP_EMALFORMED, "row %ld: malformed CSV (%s)", im.row + 1,
                               csv_strerror(csv_error(&p)));
    for (int i = 0; i < im.nfields; i++)
        free(im.fields[i]);
    csv_free(&p);
    rc = im.rc;
    if (rc == 0 && im.row < 1)
        rc = ocop_error_set(OCOP_EINVALID, "the file is empty: a header row is required");
    if (rc == 0) {
        summary = json_pack("{s:I, s:I, s:I, s:I}", "rows", (json_int_t)stats->rows, "producers",
                            (json_int_t)stats->producers, "products", (json_int_t)stats->products,
                            "certificates", (json_int_t)stats->certificates);
        rc = ocop_store_audit(a->st, &a->actor, "import", "products", 0, NULL, summary);
    }
    if (rc == 0)
        rc = ocop_store_commit(a->st);
    if (rc) {
        ocop_store_rollback(a->st);
        memset(stats, 0, sizeof(*stats));
    } else if (progress) {
        progress(arg, "rows", stats->rows, stats->rows);
    }
    json_decref(summary);
    return rc;
}
