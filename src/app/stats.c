/* stats.c (app): the office dashboard: who sees which province, the tables behind its
 * charts and exports, and the office's targets. */
#include "app/stats.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/query.h"
#include "core/sectors.h"
#include "core/text.h"
#include "core/verdict.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS_PER_DAY 86400000LL

struct stats_ctx {
    struct ocop_app *a;
    const char *province; /* NULL: the whole country */
    char code[3];
    char place[128]; /* "Hà Nội", "Hanoi", "cả nước"... */
    long today;
    int en;
};

#define T(c, vi_, en_) ((c)->en ? (en_) : (vi_))

static const char *const table_names[OCOP_STATS_COUNT] = {
    "stars",    "sectors", "years",    "wards",   "villages",
    "expiring", "expired", "dossiers", "targets", "scans"};

const char *ocop_stats_table_name(enum ocop_stats_table t)
{
    return (int)t >= 0 && t < OCOP_STATS_COUNT ? table_names[t] : "?";
}

int ocop_stats_table_find(const char *name)
{
    for (int i = 0; name && i < OCOP_STATS_COUNT; i++)
        if (strcmp(table_names[i], name) == 0)
            return i;
    return -1;
}

/* What a target counts: certified products on the year's reference day (stars 0: any;
 * candidates: five-star candidates), or certificates decided in the year. */
static const struct metric_def {
    int stars, candidates, decided;
} metric_defs[] = {{0, 0, 0}, {3, 0, 0}, {4, 0, 0}, {5, 0, 0}, {0, 1, 0}, {0, 0, 1}};

const struct ocop_stats_metric ocop_stats_metrics[] = {
    {"certified_products", "Sản phẩm OCOP còn hiệu lực", "Certified OCOP products"},
    {"three_star", "Sản phẩm 3 sao", "3-star products"},
    {"four_star", "Sản phẩm 4 sao", "4-star products"},
    {"five_star", "Sản phẩm 5 sao", "5-star products"},
    {"five_star_candidates", "Sản phẩm tiềm năng 5 sao", "Five-star candidates"},
    {"rated_in_year", "Sản phẩm được công nhận trong năm", "Products rated in the year"},
};
const int ocop_stats_metrics_count = sizeof(ocop_stats_metrics) / sizeof(ocop_stats_metrics[0]);

static int stats__metric(const char *code)
{
    for (int i = 0; code && i < ocop_stats_metrics_count; i++)
        if (strcmp(ocop_stats_metrics[i].code, code) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------ rights */

/*
 * Who sees which province: an office its own, an administrator any (or all, with an
 * empty code). Fills the context's province and place name.
 */
static int stats__scope(struct stats_ctx *c, struct ocop_app *a, const char *province, int en)
{
    const struct ocop_actor *who = &a->actor;
    json_t *pv = NULL;
    const char *name;

    memset(c, 0, sizeof(*c));
    c->a = a;
    c->en = en;
    c->today = ocop_app_today(a);
    if (province && !*province)
        province = NULL;
    if (who->role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in first");
    if (who->role == OCOP_ROLE_OFFICE) {
        if (!who->province_code[0] || (province && strcmp(province, who->province_code) != 0))
            return ocop_error_set(OCOP_EFORBIDDEN, "an office sees the dashboard of its own "
                                                   "province only");
        province = who->province_code;
    } else if (who->role != OCOP_ROLE_ADMIN && who->role != OCOP_ROLE_SYSTEM) {
        return ocop_error_set(OCOP_EFORBIDDEN, "the dashboard is for provincial offices and "
                                               "administrators");
    }
    if (!province) {
        snprintf(c->place, sizeof(c->place), "%s", en ? "all provinces" : "cả nước");
        return 0;
    }
    if (strlen(province) != 2 || ocop_store_get(&pv, a->st, "provinces", province, c->today))
        return ocop_error_set(OCOP_ENOTFOUND, "no province has that code");
    name = json_string_value(json_object_get(pv, en ? "name_en" : "name"));
    if (!name)
        name = json_string_value(json_object_get(pv, "name"));
    snprintf(c->place, sizeof(c->place), "%s", name ? name : province);
    json_decref(pv);
    memcpy(c->code, province, 3);
    c->province = c->code;
    return 0;
}

/* ------------------------------------------------------------------ tables */

static int stats__caption(struct ocop_table *t, struct stats_ctx *c, const char *vi, const char *en)
{
    char s[300];
    snprintf(s, sizeof(s), "%s \xE2\x80\x94 %s", T(c, vi, en), c->place);
    return ocop_table_caption(t, s);
}

/* A row of a label and one count. */
static int stats__pair(struct ocop_table *t, const char *label, long long n)
{
    size_t r;
    int rc = ocop_table_row(t, &r);
    if (rc == 0 && (rc = ocop_table_text(t, r, 0, label)) == 0)
        ocop_table_num(t, r, 1, n);
    return rc;
}

static int stats__products(json_t **rows, struct stats_ctx *c, enum ocop_stats_by by)
{
    return ocop_store_stats_products(rows, c->a->st, by, c->province, c->today);
}

static long long stats__n(json_t *row, const char *key)
{
    return json_integer_value(json_object_get(row, key));
}

static int build_stars(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    long long n[6] = {0};
    json_t *rows = NULL, *row;
    char label[32];
    size_t i;
    int rc;

    if ((rc = stats__products(&rows, c, OCOP_STATS_BY_STARS)) != 0)
        return rc;
    json_array_foreach(rows, i, row)
    {
        long long s = stats__n(row, "key");
        if (s >= 1 && s <= 5)
            n[s] = stats__n(row, "products");
    }
    json_decref(rows);
    if ((rc = stats__caption(t, c, "Sản phẩm OCOP còn hiệu lực theo hạng sao",
                             "Certified OCOP products by stars")) ||
        (rc = ocop_table_col(t, T(c, "Hạng sao", "Stars"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Số sản phẩm", "Products"), 1)))
        return rc;
    for (int s = 1; s <= 5 && rc == 0; s++) {
        if (s < 3 && !n[s])
            continue; /* certificates are for 3 to 5 stars; older data may hold others */
        snprintf(label, sizeof(label), "%d %s", s, T(c, "sao", s == 1 ? "star" : "stars"));
        rc = stats__pair(t, label, n[s]);
    }
    return rc;
}

static int build_sectors(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    json_t *rows = NULL, *row;
    int seen[32] = {0}, rc;
    size_t i;

    if ((rc = stats__products(&rows, c, OCOP_STATS_BY_SECTOR)) != 0)
        return rc;
    if ((rc = stats__caption(t, c, "Sản phẩm OCOP còn hiệu lực theo ngành",
                             "Certified OCOP products by sector")) ||
        (rc = ocop_table_col(t, T(c, "Ngành", "Sector"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Số sản phẩm", "Products"), 1)))
        goto done;
    json_array_foreach(rows, i, row) /* most products first */
    {
        const char *code = json_string_value(json_object_get(row, "key"));
        const struct ocop_sector *sec = ocop_sector_find(code ? code : "");
        if (sec && sec - ocop_sectors < 32)
            seen[sec - ocop_sectors] = 1;
        if ((rc = stats__pair(t, sec ? T(c, sec->name_vi, sec->name_en) : code,
                              stats__n(row, "products"))) != 0)
            goto done;
    }
    for (int s = 0; s < ocop_sectors_count && s < 32 && rc == 0; s++)
        if (!seen[s])
            rc = stats__pair(t, T(c, ocop_sectors[s].name_vi, ocop_sectors[s].name_en), 0);
done:
    json_decref(rows);
    return rc;
}

static int build_years(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    json_t *rows = NULL, *row;
    long long first = 0, last = 0;
    char year[8];
    size_t i, k = 0;
    int rc;

    if ((rc = stats__products(&rows, c, OCOP_STATS_BY_YEAR)) != 0)
        return rc;
    if ((rc = stats__caption(t, c, "Sản phẩm OCOP còn hiệu lực theo năm đánh giá",
                             "Certified OCOP products by year of rating")) ||
        (rc = ocop_table_col(t, T(c, "Năm", "Year"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Số sản phẩm", "Products"), 1)))
        goto done;
    if (json_array_size(rows)) {
        ocop_parse_int(&first, json_string_value(json_object_get(json_array_get(rows, 0), "key")),
                       1900, 2999);
        ocop_parse_int(&last,
                       json_string_value(
                           json_object_get(json_array_get(rows, json_array_size(rows) - 1), "key")),
                       1900, 2999);
    }
    for (long long y = first; y && y <= last && rc == 0; y++) { /* years without any, too */
        long long n = 0, ky = 0;
        row = json_array_get(rows, k);
        if (row &&
            ocop_parse_int(&ky, json_string_value(json_object_get(row, "key")), 1900, 2999) == 0 &&
            ky == y) {
            n = stats__n(row, "products");
            k++;
        }
        snprintf(year, sizeof(year), "%lld", y);
        rc = stats__pair(t, year, n);
    }
    for (i = k; i < json_array_size(rows) && rc == 0; i++) /* undated rows, if any */
        rc = stats__pair(t, json_string_value(json_object_get(json_array_get(rows, i), "key")),
                         stats__n(json_array_get(rows, i), "products"));
done:
    json_decref(rows);
    return rc;
}

static const char *stats__en(json_t *row, const char *key, const char *key_en, int en)
{
    const char *s = en ? json_string_value(json_object_get(row, key_en)) : NULL;
    return s ? s : json_string_value(json_object_get(row, key));
}

static int build_wards(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    json_t *rows = NULL, *row;
    int national = c->province == NULL, rc;
    size_t i, r;

    if ((rc = stats__products(&rows, c, OCOP_STATS_BY_WARD)) != 0)
        return rc;
    if ((rc = stats__caption(t, c, "Sản phẩm OCOP còn hiệu lực theo xã, phường",
                             "Certified OCOP products by ward and commune")) ||
        (rc = ocop_table_col(t, T(c, "Phường, xã", "Ward or commune"), 0)) ||
        (national && (rc = ocop_table_col(t, T(c, "Tỉnh, thành phố", "Province"), 0))) ||
        (rc = ocop_table_col(t, T(c, "Số sản phẩm", "Products"), 1)) ||
        (rc = ocop_table_col(t, T(c, "Mã", "Code"), 0)))
        goto done;
    json_array_foreach(rows, i, row)
    {
        if ((rc = ocop_table_row(t, &r)) ||
            (rc = ocop_table_text(t, r, 0, stats__en(row, "name", "name_en", c->en))) ||
            (national &&
             (rc = ocop_table_text(t, r, 1, stats__en(row, "province", "province_en", c->en)))) ||
            (rc = ocop_table_text(t, r, 2 + national,
                                  json_string_value(json_object_get(row, "key")))))
            break;
        ocop_table_num(t, r, 1 + national, stats__n(row, "products"));
    }
done:
    json_decref(rows);
    return rc;
}

static int build_villages(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    static const char *const keys[] = {"recognised", "village", "none"};
    static const char *const vi[] = {"Trong làng nghề được công nhận",
                                     "Trong làng nghề chưa được công nhận", "Ngoài làng nghề"};
    static const char *const en[] = {"In a recognised craft village",
                                     "In a craft village not yet recognised",
                                     "Not in a craft village"};
    long long n[3] = {0};
    json_t *rows = NULL, *row;
    size_t i;
    int rc;

    if ((rc = stats__products(&rows, c, OCOP_STATS_BY_VILLAGE)) != 0)
        return rc;
    json_array_foreach(rows, i, row)
    {
        const char *k = json_string_value(json_object_get(row, "key"));
        for (int j = 0; j < 3; j++)
            if (k && strcmp(k, keys[j]) == 0)
                n[j] = stats__n(row, "products");
    }
    json_decref(rows);
    if ((rc = stats__caption(t, c, "Sản phẩm OCOP còn hiệu lực trong và ngoài làng nghề",
                             "Certified OCOP products in and outside craft villages")) ||
        (rc = ocop_table_col(t, T(c, "Nơi sản xuất", "Where made"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Số sản phẩm", "Products"), 1)))
        return rc;
    for (int j = 0; j < 3 && rc == 0; j++)
        rc = stats__pair(t, T(c, vi[j], en[j]), n[j]);
    return rc;
}

static int build_certs(struct ocop_table *t, struct stats_ctx *c, long limit, int expired)
{
    json_t *rows = NULL, *row;
    size_t i, r;
    int rc;

    if ((rc = ocop_store_stats_cert_list(&rows, c->a->st, c->province, c->today, expired, limit)))
        return rc;
    if ((rc = expired ? stats__caption(t, c, "Sản phẩm có giấy chứng nhận đã hết hạn",
                                       "Products whose certificate has expired")
                      : stats__caption(t, c, "Giấy chứng nhận hết hạn trong 90 ngày tới",
                                       "Certificates expiring within 90 days")) ||
        (rc = ocop_table_col(t, T(c, "Sản phẩm", "Product"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Phường, xã", "Ward or commune"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Hạng sao", "Stars"), 1)) ||
        (rc = ocop_table_col(t, T(c, "Số giấy chứng nhận", "Certificate"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Hiệu lực đến", "Valid until"), 0)))
        goto done;
    json_array_foreach(rows, i, row)
    {
        if ((rc = ocop_table_row(t, &r)) ||
            (rc = ocop_table_text(t, r, 0, json_string_value(json_object_get(row, "name")))) ||
            (rc = ocop_table_text(t, r, 1, stats__en(row, "ward", "ward_en", c->en))) ||
            (rc = ocop_table_text(t, r, 3, json_string_value(json_object_get(row, "number")))) ||
            (rc = ocop_table_text(t, r, 4, json_string_value(json_object_get(row, "valid_until")))))
            break;
        ocop_table_num(t, r, 2, stats__n(row, "stars"));
        t->link[r] = (int64_t)stats__n(row, "id");
    }
done:
    json_decref(rows);
    return rc;
}

static int build_expiring(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    return build_certs(t, c, limit, 0);
}

static int build_expired(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    return build_certs(t, c, limit, 1);
}

/* The workflow's steps in order, with their names. */
static const struct {
    const char *state, *vi, *en;
    int open;
} steps[] = {
    {"draft", "Đang soạn hồ sơ", "Draft", 1},
    {"submitted", "Đã nộp, chờ xã kiểm tra", "Submitted, commune check", 1},
    {"returned", "Trả lại để bổ sung", "Returned for fixes", 1},
    {"accepted", "Đã tiếp nhận, chờ hội đồng", "Accepted, awaiting council", 1},
    {"scheduled", "Đang chấm điểm", "Being scored", 1},
    {"scored", "Đã chấm, chờ quyết định", "Scored, awaiting decision", 1},
    {"proposed", "Đề xuất Trung ương (5 sao)", "Proposed for 5 stars", 1},
    {"recognised", "Đã công nhận", "Recognised", 0},
    {"not_recognised", "Không đạt", "Not recognised", 0},
    {"withdrawn", "Đã rút", "Withdrawn", 0},
};

static int build_dossiers(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    json_t *rows = NULL, *row;
    size_t i;
    int rc;

    if ((rc = ocop_store_stats_dossiers(&rows, c->a->st, c->province)) != 0)
        return rc;
    if ((rc = stats__caption(t, c, "Hồ sơ đánh giá theo bước", "Evaluation dossiers by step")) ||
        (rc = ocop_table_col(t, T(c, "Bước", "Step"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Số hồ sơ", "Dossiers"), 1)))
        goto done;
    for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]) && rc == 0; s++) {
        long long n = 0;
        json_array_foreach(rows, i, row)
        {
            const char *st = json_string_value(json_object_get(row, "state"));
            if (st && strcmp(st, steps[s].state) == 0)
                n = stats__n(row, "dossiers");
        }
        rc = stats__pair(t, T(c, steps[s].vi, steps[s].en), n);
    }
done:
    json_decref(rows);
    return rc;
}

/* The count a target is measured against, for its year. */
static int stats__actual(long long *out, struct stats_ctx *c, int metric, int year)
{
    const struct metric_def *m = &metric_defs[metric];
    int y, mo, d;
    long day;

    ocop_date_ymd(c->today, &y, &mo, &d);
    if (m->decided)
        return ocop_store_stats_decided(out, c->a->st, c->province, m->stars, m->candidates, year);
    /* a target is for the end of its year: this year and later ones compare today */
    day = year >= y ? c->today : ocop_date_days(year, 12, 31);
    return ocop_store_stats_in_force(out, c->a->st, c->province, m->stars, m->candidates, day,
                                     year >= y);
}

static int build_targets(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    json_t *rows = NULL, *row;
    size_t i, r;
    int rc;

    if ((rc = ocop_store_targets(&rows, c->a->st, c->province)) != 0)
        return rc;
    if ((rc = stats__caption(t, c, "Mục tiêu và tiến độ", "Targets and progress")) ||
        (rc = ocop_table_col(t, T(c, "Năm", "Year"), 1)) ||
        (rc = ocop_table_col(t, T(c, "Chỉ tiêu", "Metric"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Ghi chú", "Label"), 0)) ||
        (rc = ocop_table_col(t, T(c, "Mục tiêu", "Target"), 1)) ||
        (rc = ocop_table_col(t, T(c, "Thực tế", "Actual"), 1)) ||
        (rc = ocop_table_col(t, T(c, "Đạt (%)", "Progress (%)"), 1)))
        goto done;
    json_array_foreach(rows, i, row)
    {
        int m = stats__metric(json_string_value(json_object_get(row, "metric")));
        long long year = stats__n(row, "year"), value = stats__n(row, "value"), actual = 0;
        if (m < 0)
            continue; /* a metric this version does not know */
        if ((rc = stats__actual(&actual, c, m, (int)year)) || (rc = ocop_table_row(t, &r)) ||
            (rc = ocop_table_text(t, r, 1,
                                  T(c, ocop_stats_metrics[m].vi, ocop_stats_metrics[m].en))) ||
            (rc = ocop_table_text(t, r, 2, json_string_value(json_object_get(row, "label")))))
            break;
        ocop_table_num(t, r, 0, year);
        ocop_table_num(t, r, 3, value);
        ocop_table_num(t, r, 4, actual);
        ocop_table_num(t, r, 5, value > 0 ? actual * 100 / value : 0);
    }
done:
    json_decref(rows);
    return rc;
}

static const char *const verdicts[] = {"genuine", "not_valid", "suspected_copy", "forged"};

static int build_scans(struct ocop_table *t, struct stats_ctx *c, long limit)
{
    long first = c->today - (OCOP_STATS_SCAN_DAYS - 1);
    json_t *rows = NULL, *row;
    char day[11];
    size_t i, r;
    int rc;

    if ((rc = ocop_store_stats_scans(&rows, c->a->st, c->province, first * MS_PER_DAY)) != 0)
        return rc;
    if ((rc = stats__caption(t, c, "Lượt quét tem theo ngày (UTC) và kết quả",
                             "Stamp scans per day (UTC) by verdict")) ||
        (rc = ocop_table_col(t, T(c, "Ngày", "Day"), 0)) ||
        (rc = ocop_table_col(t, ocop_verdict_label("genuine", c->en), 1)) ||
        (rc = ocop_table_col(t, ocop_verdict_label("not_valid", c->en), 1)) ||
        (rc = ocop_table_col(t, ocop_verdict_label("suspected_copy", c->en), 1)) ||
        (rc = ocop_table_col(t, ocop_verdict_label("forged", c->en), 1)) ||
        (rc = ocop_table_col(t, T(c, "Tổng", "Total"), 1)))
        goto done;
    for (long d = first; d <= c->today && rc == 0; d++) {
        if ((rc = ocop_table_row(t, &r)) != 0)
            break;
        ocop_date_format(day, sizeof(day), d);
        rc = ocop_table_text(t, r, 0, day);
    }
    json_array_foreach(rows, i, row)
    {
        const char *d = json_string_value(json_object_get(row, "day"));
        const char *v = json_string_value(json_object_get(row, "verdict"));
        long n;
        if (rc || !d || !v || ocop_date_parse(&n, d) || n < first || n > c->today)
            continue;
        for (int k = 0; k < 4; k++) {
            if (strcmp(v, verdicts[k]) != 0)
                continue;
            r = (size_t)(n - first);
            ocop_table_num(t, r, 1 + k, ocop_table_at(t, r, 1 + k)->num + stats__n(row, "scans"));
            ocop_table_num(t, r, 5, ocop_table_at(t, r, 5)->num + stats__n(row, "scans"));
        }
    }
done:
    json_decref(rows);
    return rc;
}

typedef int (*stats_builder)(struct ocop_table *t, struct stats_ctx *c, long limit);
static const stats_builder builders[OCOP_STATS_COUNT] = {
    build_stars,    build_sectors, build_years,    build_wards,   build_villages,
    build_expiring, build_expired, build_dossiers, build_targets, build_scans};

/* ------------------------------------------------------------------ actions */

int ocop_app_dashboard(struct ocop_dashboard *out, struct ocop_app *a, const char *province, int en)
{
    struct stats_ctx c;
    int y, m, d, rc;

    memset(out, 0, sizeof(*out));
    for (int i = 0; i < OCOP_STATS_COUNT; i++)
        ocop_table_init(&out->tables[i], table_names[i]);
    if ((rc = stats__scope(&c, a, province, en)) != 0)
        return rc;
    memcpy(out->province_code, c.code, sizeof(out->province_code));
    snprintf(out->province_name, sizeof(out->province_name), "%s", c.place);
    out->today = c.today;
    ocop_date_ymd(c.today, &y, &m, &d);
    out->year = y;
    if ((rc = ocop_store_stats_certs(&out->certs, a->st, c.province, c.today)) != 0)
        return rc;
    for (int i = 0; i < OCOP_STATS_COUNT && rc == 0; i++)
        rc = builders[i](&out->tables[i], &c,
                         i == OCOP_STATS_EXPIRING || i == OCOP_STATS_EXPIRED ? OCOP_STATS_SHORT_LIST
                                                                             : 0);
    for (size_t r = 0; rc == 0 && r < out->tables[OCOP_STATS_DOSSIERS].nrows; r++)
        if (steps[r].open)
            out->dossiers_open += (long)ocop_table_at(&out->tables[OCOP_STATS_DOSSIERS], r, 1)->num;
    for (size_t r = 0; rc == 0 && r < out->tables[OCOP_STATS_SCANS].nrows; r++) {
        const struct ocop_table *s = &out->tables[OCOP_STATS_SCANS];
        out->scans += (long)ocop_table_at(s, r, 5)->num;
        out->scans_flagged += (long)(ocop_table_at(s, r, 3)->num + ocop_table_at(s, r, 4)->num);
    }
    return rc;
}

void ocop_dashboard_dispose(struct ocop_dashboard *d)
{
    if (!d)
        return;
    for (int i = 0; i < OCOP_STATS_COUNT; i++)
        ocop_table_dispose(&d->tables[i]);
}

int ocop_app_stats_table(struct ocop_table *out, struct ocop_app *a, const char *province,
                         const char *name, int en)
{
    struct stats_ctx c;
    int i = ocop_stats_table_find(name), rc;

    ocop_table_init(out, i >= 0 ? table_names[i] : "table");
    if ((rc = stats__scope(&c, a, province, en)) != 0)
        return rc;
    if (i < 0)
        return ocop_error_set(OCOP_ENOTFOUND, "the dashboard has no such table");
    return builders[i](out, &c, 0);
}

int ocop_app_target_set(struct ocop_app *a, const struct ocop_target_params *p)
{
    struct stats_ctx c;
    long long year, value;
    char *label = NULL;
    json_t *after = NULL;
    int metric, rc;

    if ((rc = stats__scope(&c, a, p->province, 0)) != 0)
        return rc;
    if (ocop_parse_int(&year, p->year, 2000, 2100))
        return ocop_error_set_field(OCOP_EINVALID, "year", "the year is from 2000 to 2100");
    if ((metric = stats__metric(p->metric)) < 0)
        return ocop_error_set_field(OCOP_EINVALID, "metric", "choose one of the listed metrics");
    if (ocop_parse_int(&value, p->value, 0, 1000000))
        return ocop_error_set_field(OCOP_EINVALID, "value",
                                    "the target is a whole number from 0 to 1,000,000");
    if (p->label && ocop_text_clean(&label, p->label, strlen(p->label), 0))
        return ocop_error_set_field(OCOP_EINVALID, "label", "the label has characters not allowed");
    if (label && ocop_text_length(label) > 200) {
        rc = ocop_error_set_field(OCOP_EINVALID, "label", "the label is at most 200 characters");
        goto done;
    }
    after = json_pack("{s:s?, s:I, s:s, s:I, s:s?}", "province", c.province, "year",
                      (json_int_t)year, "metric", ocop_stats_metrics[metric].code, "value",
                      (json_int_t)value, "label", label && *label ? label : NULL);
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    if ((rc = ocop_store_target_set(a->st, c.province, (int)year, ocop_stats_metrics[metric].code,
                                    value, label)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, value ? "update" : "delete", "target", 0, NULL,
                               after)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc)
        ocop_store_rollback(a->st);
done:
    json_decref(after);
    free(label);
    return rc;
}
