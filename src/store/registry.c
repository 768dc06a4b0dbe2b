/* registry.c: reads (lists with filters, single records) and descriptor-driven writes. */
#include "store/query_builder.h"
#include "store/store_internal.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/query.h"
#include "core/sectors.h"
#include "core/text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ reads */

/* How one kind of record is read: its columns, joins and filters. */
struct kind_def {
    const char *kind;
    const char *list_columns; /* SELECT ... (list items) */
    const char *get_columns;  /* SELECT ... (one record) */
    const char *from;         /* FROM ... JOIN ... */
    const char *key;          /* column the key matches */
    int key_is_text;
    const char *order;        /* ORDER BY for lists */
    void (*filters)(struct qb *q, const struct ocop_filter *f, char dates[2][11]);
    const char *const *expiry_order; /* ORDER BY for f->by_expiry: {soonest, latest} first
                                      * (NULL: the kind has no expiry) */
};

static const char *const cert_expiry_order[2] = {"ORDER BY c.valid_until, c.id",
                                                 "ORDER BY c.valid_until DESC, c.id DESC"};

#define WARD_COLS                                                                               \
    "w.code AS ward_code, w.code AS \"ward.code\", w.name AS \"ward.name\", "                \
    "w.full_name AS \"ward.full_name\", w.full_name_en AS \"ward.full_name_en\", "            \
    "pv.code AS \"ward.province_code\", pv.name AS \"ward.province_name\", "                   \
    "pv.name_en AS \"ward.province_name_en\""
#define WARD_JOIN " JOIN wards w ON w.id = x.ward_id JOIN provinces pv ON pv.id = w.province_id"
#define CERT_COLS(p)                                                                            \
    "c.id AS \"" p ".id\", c.number AS \"" p ".number\", c.stars AS \"" p ".stars\", "          \
    "c.issuing_level AS \"" p ".issuing_level\", c.decision_number AS \"" p                    \
    ".decision_number\", c.decision_date AS \"" p ".decision_date\", c.valid_from AS \"" p     \
    ".valid_from\", c.valid_until AS \"" p ".valid_until\", c.revoked_at AS \"" p              \
    ".revoked_at\", c.revoke_reason AS \"" p ".revoke_reason\", c.superseded_by AS \"" p       \
    ".superseded_by\", c.ruleset AS \"" p ".ruleset\", c.five_star_candidate AS \"" p           \
    ".five_star_candidate\""

static void filters__place(struct qb *q, const struct ocop_filter *f)
{
    if (f->province_code)
        qb_and_text(q, "pv.code = ?", f->province_code);
    if (f->ward_code)
        qb_and_text(q, "w.code = ?", f->ward_code);
}

/* The SQL form of core/dates.c's ocop_cert_status, as date ranges. */
static void filters__cert_status(struct qb *q, int status, char dates[2][11])
{
    switch (status) {
    case OCOP_CERT_VALID:
        qb_and_text(q, "c.revoked_at IS NULL AND c.superseded_by IS NULL AND c.valid_until >= ?",
                    dates[1]);
        break;
    case OCOP_CERT_EXPIRING:
        qb_and_text(q, "c.revoked_at IS NULL AND c.superseded_by IS NULL AND c.valid_until >= ?",
                    dates[0]);
        qb_and_text(q, "c.valid_until < ?", dates[1]);
        break;
    case OCOP_CERT_EXPIRED:
        qb_and_text(q, "c.revoked_at IS NULL AND c.valid_until < ?", dates[0]);
        break;
    case OCOP_CERT_REVOKED:
        qb_and(q, "c.revoked_at IS NOT NULL");
        break;
    case OCOP_CERT_SUPERSEDED:
        qb_and_text(q, "c.revoked_at IS NULL AND c.superseded_by IS NOT NULL AND c.valid_until >= ?",
                    dates[0]);
        break;
    default:
        break;
    }
}

static void filters_products(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
    filters__place(q, f);
    if (f->sector)
        qb_and_text(q, "x.sector = ?", f->sector);
    if (f->group)
        qb_and_text(q, "x.group_code = ?", f->group);
    if (f->status)
        qb_and_text(q, "x.status = ?", f->status);
    if (f->producer_id)
        qb_and_int(q, "x.producer_id = ?", f->producer_id);
    if (f->village_id)
        qb_and_int(q, "x.village_id = ?", f->village_id);
    if (f->stars)
        qb_and_int(q, "c.stars = ?", f->stars);
    if (f->candidate == 1)
        qb_and(q, "c.five_star_candidate = 1");
    if (f->cert_status >= 0)
        filters__cert_status(q, f->cert_status, dates);
}

/* Producers and villages: the folded name contains the folded words of q. */
static void filters__name(struct qb *q, const struct ocop_filter *f)
{
    char *folded = f->q ? ocop_text_fold(f->q) : NULL;
    if (folded)
        qb_and_text_owned(q, "instr(ocop_fold(x.name), ?) > 0", folded);
}

static void filters_producers(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
    filters__name(q, f);
    filters__place(q, f);
    if (f->kind)
        qb_and_text(q, "x.kind = ?", f->kind);
}

static void filters_villages(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
    filters__name(q, f);
    filters__place(q, f);
    if (f->recognised >= 0)
        qb_and_int(q, "x.recognised = ?", f->recognised);
}

static void filters_zones(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
    filters__place(q, f);
    if (f->kind)
        qb_and_text(q, "x.kind = ?", f->kind);
    if (f->producer_id)
        qb_and_int(q, "x.id IN (SELECT zone_id FROM zone_producers WHERE producer_id = ?)",
                   f->producer_id);
}

static void filters_certificates(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
    filters__place(q, f);
    if (f->product_id)
        qb_and_int(q, "c.product_id = ?", f->product_id);
    if (f->producer_id)
        qb_and_int(q, "x.producer_id = ?", f->producer_id);
    if (f->stars)
        qb_and_int(q, "c.stars = ?", f->stars);
    if (f->candidate == 1)
        qb_and(q, "c.five_star_candidate = 1");
    if (f->sector)
        qb_and_text(q, "x.sector = ?", f->sector);
    if (f->cert_status >= 0)
        filters__cert_status(q, f->cert_status, dates);
}

static void filters_wards(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
    if (f->province_code)
        qb_and_text(q, "pv.code = ?", f->province_code);
}

static void filters_none(struct qb *q, const struct ocop_filter *f, char dates[2][11])
{
}

static const struct kind_def kinds[] = {
    {"provinces",
     "SELECT x.code, x.name, x.name_en, x.full_name, x.full_name_en, x.unit_type, "
     "(SELECT count(*) FROM wards WHERE province_id = x.id) AS wards",
     NULL, " FROM provinces x", "x.code", 1, "ORDER BY x.code", filters_none, NULL},
    {"wards",
     "SELECT x.code, x.name, x.name_en, x.full_name, x.full_name_en, x.unit_type, "
     "x.unit_type_en, pv.code AS province_code, pv.name AS province_name",
     "SELECT x.code, x.name, x.name_en, x.full_name, x.full_name_en, x.unit_type, "
     "x.unit_type_en, pv.code AS province_code, pv.name AS province_name, "
     "(SELECT count(*) FROM products WHERE ward_id = x.id AND certificate_id IS NOT NULL) "
     "AS certified_products",
     " FROM wards x JOIN provinces pv ON pv.id = x.province_id", "x.code", 1, "ORDER BY x.code",
     filters_wards, NULL},
    {"producers",
     "SELECT x.id, x.name, x.kind, x.tax_code, " WARD_COLS ", x.members, x.employees",
     "SELECT x.id, x.name, x.kind, x.tax_code, " WARD_COLS ", x.address, x.representative, "
     "x.phone, x.email, x.website, x.members, x.employees, x.founded_year, "
     "(SELECT count(*) FROM products WHERE producer_id = x.id) AS products_count, "
     "x.created_at, x.updated_at",
     " FROM producers x" WARD_JOIN, "x.id", 0, "ORDER BY x.id", filters_producers, NULL},
    {"villages",
     "SELECT x.id, x.name, x.craft, x.recognised, x.recognised_year, " WARD_COLS
     ", x.households, x.workers, x.revenue_vnd",
     "SELECT x.id, x.name, x.craft, x.recognised, x.recognised_year, " WARD_COLS
     ", x.households, x.workers, x.revenue_vnd, x.description, "
     "(SELECT count(*) FROM products WHERE village_id = x.id) AS products_count, "
     "x.created_at, x.updated_at",
     " FROM villages x" WARD_JOIN, "x.id", 0, "ORDER BY x.id", filters_villages, NULL},
    {"products",
     "SELECT x.id, x.name, x.short_name, x.sector, x.group_code AS \"group\", x.status, x.gtin, "
     "x.producer_id, pr.id AS \"producer.id\", pr.name AS \"producer.name\", " WARD_COLS
     ", x.village_id, v.id AS \"village.id\", v.name AS \"village.name\", " CERT_COLS(
         "certificate"),
     "SELECT x.id, x.name, x.short_name, x.sector, x.group_code AS \"group\", x.status, x.gtin, "
     "x.description, x.story, x.producer_id, pr.id AS \"producer.id\", pr.name AS "
     "\"producer.name\", pr.kind AS \"producer.kind\", " WARD_COLS
     ", x.village_id, v.id AS \"village.id\", v.name AS \"village.name\", v.craft AS "
     "\"village.craft\", " CERT_COLS("certificate") ", x.created_at, x.updated_at",
     " FROM products x JOIN producers pr ON pr.id = x.producer_id" WARD_JOIN
     " LEFT JOIN villages v ON v.id = x.village_id LEFT JOIN certificates c ON c.id = "
     "x.certificate_id",
     "x.id", 0, "ORDER BY x.id", filters_products, NULL},
    {"zones",
     "SELECT x.id, x.name, x.kind, x.material, x.area_ha, x.certification, " WARD_COLS,
     "SELECT x.id, x.name, x.kind, x.material, x.area_ha, x.certification, " WARD_COLS
     ", x.created_at, x.updated_at",
     " FROM zones x" WARD_JOIN, "x.id", 0, "ORDER BY x.id", filters_zones, NULL},
    {"certificates",
     "SELECT c.id, c.number, c.stars, c.issuing_level, c.decision_number, c.decision_date, "
     "c.valid_from, c.valid_until, c.revoked_at, c.revoke_reason, c.superseded_by, c.ruleset, "
     "c.five_star_candidate, c.score, c.product_id, x.name AS \"product.name\", x.id AS "
     "\"product.id\", " WARD_COLS,
     NULL,
     " FROM certificates c JOIN products x ON x.id = c.product_id" WARD_JOIN, "c.id", 0,
     "ORDER BY c.id", filters_certificates, cert_expiry_order},
};

static const struct kind_def *registry__kind(const char *kind)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return &kinds[i];
    return NULL;
}

/* Adds "status" to a certificate object from its dates and flags. */
static void registry__cert_status(json_t *c, long today)
{
    long until;
    json_t *vu;
    if (!json_is_object(c))
        return;
    vu = json_object_get(c, "valid_until");
    if (!json_is_string(vu) || ocop_date_parse(&until, json_string_value(vu)))
        return;
    json_object_set_new(
        c, "status",
        json_string(ocop_cert_status_name(ocop_cert_status(
            !json_is_null(json_object_get(c, "revoked_at")) && json_object_get(c, "revoked_at"),
            json_is_integer(json_object_get(c, "superseded_by")), until, today))));
}

static int registry__zone_producers(struct ocop_store *st, json_t *zone)
{
    json_t *list = json_array(), *ids = json_array();
    sqlite3_stmt *s = store__stmt(st, "SELECT p.id, p.name FROM zone_producers z JOIN producers p "
                                      "ON p.id = z.producer_id WHERE z.zone_id = ? ORDER BY p.id");
    if (!s) {
        json_decref(list);
        json_decref(ids);
        return -1;
    }
    sqlite3_bind_int64(s, 1, json_integer_value(json_object_get(zone, "id")));
    while (sqlite3_step(s) == SQLITE_ROW) {
        json_array_append_new(list, store__row_json(s));
        json_array_append_new(ids, json_integer(sqlite3_column_int64(s, 0)));
    }
    sqlite3_reset(s);
    json_object_set_new(zone, "producers", list);
    json_object_set_new(zone, "producer_ids", ids);
    return 0;
}

static void registry__decorate(struct ocop_store *st, const struct kind_def *k, json_t *row,
                               long today)
{
    if (strcmp(k->kind, "products") == 0)
        registry__cert_status(json_object_get(row, "certificate"), today);
    else if (strcmp(k->kind, "certificates") == 0)
        registry__cert_status(row, today);
    else if (strcmp(k->kind, "zones") == 0)
        registry__zone_producers(st, row);
}

/* Products: only the joins the filters need, for counting and ranking. */
static void registry__product_from(struct ocop_buf *b, const struct ocop_filter *f, int fts)
{
    int place = f->province_code || f->ward_code;
    int cert = f->stars || f->cert_status >= 0 || f->candidate == 1;
    int own = f->sector || f->group || f->status || f->producer_id || f->village_id;
    if (fts && !place && !cert && !own) {
        ocop_buf_puts(b, " FROM product_fts"); /* the search index alone answers */
        return;
    }
    ocop_buf_puts(b, fts ? " FROM product_fts JOIN products x ON x.id = product_fts.rowid"
                         : " FROM products x");
    if (place)
        ocop_buf_puts(b, " JOIN wards w ON w.id = x.ward_id JOIN provinces pv ON pv.id = "
                         "w.province_id");
    if (cert)
        ocop_buf_puts(b, " LEFT JOIN certificates c ON c.id = x.certificate_id");
}

static int registry__count(long long *total, struct ocop_store *st, struct qb *q,
                           const struct kind_def *k, const struct ocop_filter *f, int fts)
{
    struct ocop_buf head;
    sqlite3_stmt *s;
    ocop_buf_init(&head, 4096);
    ocop_buf_puts(&head, "SELECT count(*)");
    if (strcmp(k->kind, "products") == 0)
        registry__product_from(&head, f, fts);
    else
        ocop_buf_puts(&head, k->from);
    s = qb_prepare(q, st, head.data, "");
    ocop_buf_dispose(&head);
    if (!s || sqlite3_step(s) != SQLITE_ROW) {
        if (s)
            sqlite3_reset(s);
        return store__fail(st, "count");
    }
    *total = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

/* The page's rows: for a search, rank the matches first and join only the page's. */
static sqlite3_stmt *registry__page(struct ocop_store *st, struct qb *q, const struct kind_def *k,
                                    const struct ocop_filter *f, int fts, long long per_page,
                                    long long offset)
{
    struct ocop_buf head;
    char tail[128];
    sqlite3_stmt *s;

    ocop_buf_init(&head, 16384);
    ocop_buf_puts(&head, k->list_columns);
    if (!fts) {
        ocop_buf_puts(&head, k->from);
        if (f->by_expiry && k->expiry_order)
            snprintf(tail, sizeof(tail), "%s LIMIT %lld OFFSET %lld",
                     k->expiry_order[f->newest ? 1 : 0], per_page, offset);
        else
            snprintf(tail, sizeof(tail), "%s%s LIMIT %lld OFFSET %lld", k->order,
                     f->newest ? " DESC" : "", per_page, offset);
        s = qb_prepare(q, st, head.data, tail);
        ocop_buf_dispose(&head);
        return s;
    }
    ocop_buf_puts(&head, " FROM (SELECT product_fts.rowid AS fid, bm25(product_fts, 10.0, 2.0) AS r");
    registry__product_from(&head, f, 1);
    snprintf(tail, sizeof(tail), "ORDER BY r, fid LIMIT %lld OFFSET %lld) f JOIN products x ON "
             "x.id = f.fid", per_page, offset);
    /* the filters bind inside the ranking subquery; the outer joins add the columns */
    {
        struct ocop_buf all;
        ocop_buf_init(&all, 16384);
        ocop_buf_put(&all, head.data, head.len);
        ocop_buf_put(&all, q->where.data, q->where.len);
        ocop_buf_puts(&all, " ");
        ocop_buf_puts(&all, tail);
        ocop_buf_puts(&all, strstr(k->from, " JOIN producers"));
        ocop_buf_puts(&all, " ORDER BY f.r, x.id");
        s = store__stmt(st, all.data);
        ocop_buf_dispose(&all);
    }
    ocop_buf_dispose(&head);
    for (int i = 0; s && i < q->nbinds; i++) {
        if (q->binds[i].is_text)
            store__bind_text(s, i + 1, q->binds[i].s);
        else
            sqlite3_bind_int64(s, i + 1, q->binds[i].i);
    }
    return s;
}

int ocop_store_list(json_t **out, struct ocop_store *st, const char *kind,
                    const struct ocop_filter *f)
{
    const struct kind_def *k = registry__kind(kind);
    struct qb q;
    char dates[2][11], *match = NULL;
    sqlite3_stmt *s;
    json_t *items = NULL;
    long long total = 0, per_page = f->per_page > 0 ? f->per_page : 20;
    long long page = f->page > 0 ? f->page : 1;
    int rc = 0, fts;

    *out = NULL;
    if (!k)
        return ocop_error_set(OCOP_ENOTFOUND, "no such list");
    if (f->q && strcmp(k->kind, "products") != 0 && strcmp(k->kind, "producers") != 0 &&
        strcmp(k->kind, "villages") != 0)
        return ocop_error_set_field(OCOP_EINVALID, "q", "search is for products, producers and "
                                    "villages");
    ocop_date_format(dates[0], sizeof(dates[0]), f->today);
    ocop_date_format(dates[1], sizeof(dates[1]), f->today + OCOP_CERT_EXPIRING_DAYS);
    qb_init(&q);
    if (f->q && strcmp(k->kind, "products") == 0 && !(match = store__fts_match(f->q)))
        qb_and(&q, "0"); /* no searchable words: nothing matches */
    else if (match)
        qb_and_text(&q, "product_fts MATCH ?", match);
    fts = match != NULL;
    k->filters(&q, f, dates);
    if ((rc = registry__count(&total, st, &q, k, f, fts)) != 0)
        goto done;
    if (!(s = registry__page(st, &q, k, f, fts, per_page, (page - 1) * per_page))) {
        rc = -1;
        goto done;
    }
    items = json_array();
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        json_t *row = store__row_json(s);
        registry__decorate(st, k, row, f->today);
        json_array_append_new(items, row);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        rc = store__fail(st, "list");
        goto done;
    }
    rc = 0;
    *out = json_pack("{s:o, s:I, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                     "page", (json_int_t)page, "per_page", (json_int_t)per_page, "pages",
                     (json_int_t)((total + per_page - 1) / per_page));
    items = NULL;
done:
    json_decref(items);
    free(match);
    qb_dispose(&q);
    return rc;
}

/* The one-record SELECT of every kind, built once per process. */
static char *get_sql[sizeof(kinds) / sizeof(kinds[0])];
static pthread_once_t get_sql_once = PTHREAD_ONCE_INIT;

static void registry__build_get_sql(void)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        const struct kind_def *k = &kinds[i];
        struct ocop_buf b;
        ocop_buf_init(&b, 16384);
        ocop_buf_printf(&b, "%s%s WHERE %s = ?", k->get_columns ? k->get_columns : k->list_columns,
                        k->from, k->key);
        get_sql[i] = ocop_buf_detach(&b, NULL);
    }
}

int ocop_store_get(json_t **out, struct ocop_store *st, const char *kind, const char *key,
                   long today)
{
    const struct kind_def *k = registry__kind(kind);
    sqlite3_stmt *s;
    long long id = 0;
    int rc;

    *out = NULL;
    if (!k)
        return ocop_error_set(OCOP_ENOTFOUND, "no such record");
    if (!k->key_is_text && ocop_parse_int(&id, key, 1, INT64_MAX))
        return ocop_error_set(OCOP_ENOTFOUND, "no %s has that id", kind);
    pthread_once(&get_sql_once, registry__build_get_sql);
    if (!(s = store__stmt_static(st, get_sql[k - kinds])))
        return -1;
    if (k->key_is_text)
        store__bind_text(s, 1, key);
    else
        sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *out = store__row_json(s);
        sqlite3_reset(s);
        registry__decorate(st, k, *out, today);
        return 0;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return store__fail(st, "read");
    return k->key_is_text ? ocop_error_set(OCOP_ENOTFOUND, "no record of that kind has that code")
                          : ocop_error_set(OCOP_ENOTFOUND, "no record of that kind has that id");
}
