/*
 * demo_activity.c: the demo program's recent activity, so the office dashboard has
 * something to show: stamps and their scans, dossiers in the workflow, a council
 * session and this year's targets (docs/dashboard.md).
 */
#include "app/demo_activity.h"
#include "app/notes.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/rng.h"
#include "core/stamp.h"
#include "store/evaluation.h"
#include "store/stamps.h"
#include "store/stats.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MS_DAY 86400000LL
#define FIVE_STAR_LOTS 6
#define FOUR_STAR_LOTS 10
#define SCANS_PER_DAY 300.0 /* before the weekly pattern and the trend: ~20,000 in 60 days */
#define COPIED 6            /* genuine codes printed again by a counterfeiter */
#define CHUNK 4096

struct pool {
    int64_t *ids;
    size_t n, cap;
};

struct act {
    struct ocop_app *a;
    struct ocop_rng rng;
    long today, first; /* first: the first day of scans */
    long long now_ms;
    char province[3];
    struct ocop_signing_key key;
    struct pool ok, recalled; /* stamps of lots on sale; of the recalled lot */
    int64_t copied[COPIED];
    long recall_day;
    struct ocop_scan *buf;
    size_t nbuf;
    int lots; /* lots issued so far (their codes and days follow the count) */
};

static double unit(struct act *x)
{
    return ocop_rng_unit(&x->rng);
}

static int pool_add(struct pool *p, const int64_t *ids, size_t n)
{
    if (p->n + n > p->cap) {
        size_t cap = (p->n + n) * 2;
        int64_t *v = realloc(p->ids, cap * sizeof(*v));
        if (!v)
            return ocop_error_set(OCOP_ERROR, "out of memory");
        p->ids = v;
        p->cap = cap;
    }
    memcpy(p->ids + p->n, ids, n * sizeof(*ids));
    p->n += n;
    return 0;
}

/* --------------------------------------------------------------- stamps */

/* A random signing key (never derived from the seed: demo stamps still verify). */
static int act__key(struct act *x)
{
    char day[11];
    int rc;

    if (sodium_init() < 0)
        return ocop_error_set(OCOP_ERROR, "libsodium did not start");
    crypto_sign_keypair(x->key.pk, x->key.sk);
    ocop_date_format(day, sizeof(day), x->today);
    snprintf(x->key.kid, sizeof(x->key.kid), "k%.4s%.2s%.2s%06x", day, day + 5, day + 8,
             (unsigned)randombytes_uniform(1u << 24));
    if ((rc = ocop_store_key_insert(&x->key.id, x->a->st, x->key.kid, x->key.pk, x->key.sk)) != 0)
        return rc;
    return ocop_store_audit(x->a->st, &x->a->actor, "generate", "key", x->key.id, NULL, NULL);
}

/* Issues `count` signed stamps of a lot of `product` (a products list item). */
static int act__batch(int64_t *batch_id, struct act *x, json_t *product, int i, long count)
{
    struct ocop_batch_new b = {0};
    struct ocop_stamp_id id;
    unsigned char raw[OCOP_SERIAL_BYTES], sig[OCOP_SIG_BYTES];
    char msg[128], lot[OCOP_LOT_MAX + 1], day[11];
    const char *gtin = json_string_value(json_object_get(product, "gtin"));
    int rc;

    b.product_id = json_integer_value(json_object_get(product, "id"));
    b.certificate_id =
        json_integer_value(json_object_get(json_object_get(product, "certificate"), "id"));
    b.key_id = x->key.id;
    b.production = x->today - 75 - 4 * i - (long)ocop_rng_below(&x->rng, 30);
    b.release = b.production + 3;
    b.expiry = b.production + 365;
    ocop_date_format(day, sizeof(day), b.production);
    snprintf(lot, sizeof(lot), "L%.2s%.2s%.2s%02d", day + 2, day + 5, day + 8, i + 1);
    b.lot = lot;
    b.gtin = gtin;
    b.count = count;
    if ((rc = ocop_store_batch_insert(batch_id, x->a->st, &b)) != 0)
        return rc;
    memset(&id, 0, sizeof(id));
    snprintf(id.gtin, sizeof(id.gtin), "%s", gtin ? gtin : "");
    snprintf(id.lot, sizeof(id.lot), "%s", lot);
    for (long k = 0; k < count && rc == 0; k++) {
        size_t n;
        randombytes_buf(raw, sizeof(raw));
        ocop_serial_encode(id.serial, raw);
        n = ocop_stamp_message(msg, sizeof(msg), &id);
        crypto_sign_detached(sig, NULL, (const unsigned char *)msg, n, x->key.sk);
        rc = ocop_store_stamp_insert(x->a->st, *batch_id, id.serial, sig);
    }
    if (rc == 0) {
        json_t *after = json_pack("{s:I, s:s, s:I, s:s}", "product_id", (json_int_t)b.product_id,
                                  "lot", lot, "count", (json_int_t)count, "key", x->key.kid);
        rc = ocop_store_audit(x->a->st, &x->a->actor, "issue", "stamps", *batch_id, NULL, after);
        json_decref(after);
    }
    return rc;
}

/* Products in force with `stars`, in id order (a new list). */
static int act__products(json_t **out, struct act *x, int stars, int status, long per_page)
{
    struct ocop_filter f;
    memset(&f, 0, sizeof(f));
    f.cert_status = status;
    f.recognised = f.candidate = -1;
    f.stars = stars;
    f.page = 1;
    f.per_page = per_page;
    f.today = x->today;
    f.status = status == OCOP_CERT_VALID ? "active" : NULL;
    return ocop_store_list(out, x->a->st, "products", &f);
}

/* Lots of 5-star and 4-star products; the last 4-star lot is recalled later. */
static int act__stamps(struct act *x)
{
    json_t *list = NULL, *items, *p;
    const char *pc;
    int64_t batch = 0, *ids = NULL;
    size_t nids = 0;
    int rc = 0, lot = 0;

    for (int stars = 5; stars >= 4 && rc == 0; stars--) {
        int want = stars == 5 ? FIVE_STAR_LOTS : FOUR_STAR_LOTS;
        if ((rc = act__products(&list, x, stars, OCOP_CERT_VALID, 100)) != 0)
            break;
        items = json_object_get(list, "items");
        for (int i = 0; i < want && json_array_size(items) && rc == 0; i++, lot++) {
            size_t pick = stars == 5 ? (size_t)i % json_array_size(items)
                                     : (size_t)ocop_rng_below(&x->rng, json_array_size(items));
            long count = stars == 5 ? 400 + (long)ocop_rng_below(&x->rng, 200)
                                    : 150 + (long)ocop_rng_below(&x->rng, 150);
            p = json_array_get(items, pick);
            pc = json_string_value(json_object_get(json_object_get(p, "ward"), "province_code"));
            if (!x->province[0] && pc)
                snprintf(x->province, sizeof(x->province), "%s", pc);
            if ((rc = act__batch(&batch, x, p, lot, count)) != 0 ||
                (rc = ocop_store_stamp_ids(&ids, &nids, x->a->st, batch)) != 0)
                break;
            rc = pool_add(stars == 4 && i == want - 1 ? &x->recalled : &x->ok, ids, nids);
            free(ids);
            ids = NULL;
        }
        json_decref(list);
        list = NULL;
    }
    x->lots = lot;
    if (rc == 0 && x->recalled.n) {
        x->recall_day = x->first + 25 + (long)ocop_rng_below(&x->rng, 10);
        rc = ocop_store_batch_revoke(x->a->st, batch, x->recall_day,
                                     "Thu hồi lô do in sai hạn sử dụng trên bao bì (dữ liệu mẫu)");
    }
    for (int i = 0; i < COPIED && x->ok.n; i++)
        x->copied[i] = x->ok.ids[ocop_rng_below(&x->rng, x->ok.n)];
    return rc;
}

/* ---------------------------------------------------------------- scans */

static int act__flush(struct act *x)
{
    int rc = ocop_store_scans_insert(x->a->st, x->buf, x->nbuf);
    x->nbuf = 0;
    return rc;
}

static int act__scan(struct act *x, long long at, int64_t stamp, const char *verdict, int far)
{
    struct ocop_scan *s = &x->buf[x->nbuf++];
    uint64_t c = ocop_rng_next(&x->rng);
    memset(s, 0, sizeof(*s));
    s->stamp_id = stamp;
    s->at_ms = at;
    snprintf(s->client, sizeof(s->client), "%016llx", (unsigned long long)c);
    s->lat = s->lon = NAN;
    if (unit(x) < 0.6) { /* most phones share their place; around Hanoi, or far for copies */
        s->lat = far ? 10.6 + unit(x) * 0.5 : 20.75 + unit(x) * 0.5;
        s->lon = far ? 106.4 + unit(x) * 0.5 : 105.55 + unit(x) * 0.45;
    }
    s->verdict = verdict;
    return x->nbuf == CHUNK ? act__flush(x) : 0;
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* One scan at time `at`: which stamp, and what the verification said. */
static int act__one(struct act *x, long day, long long at)
{
    double u = unit(x);
    int recalled = day >= x->recall_day;
    size_t n;

    if (u < 0.012)
        return act__scan(x, at, 0, "forged", 0);
    if (u < 0.018 && x->copied[0])
        return act__scan(x, at, x->copied[ocop_rng_below(&x->rng, COPIED)], "suspected_copy", 1);
    if (u < 0.075 && recalled && x->recalled.n)
        return act__scan(x, at, x->recalled.ids[ocop_rng_below(&x->rng, x->recalled.n)],
                         "not_valid", 0);
    n = x->ok.n + (recalled ? 0 : x->recalled.n);
    if (!n)
        return act__scan(x, at, 0, "forged", 0);
    n = (size_t)ocop_rng_below(&x->rng, n);
    return act__scan(x, at, n < x->ok.n ? x->ok.ids[n] : x->recalled.ids[n - x->ok.n], "genuine",
                     0);
}

/* Scans per day with a weekly rhythm and growth, and a burst of copies for a week. */
static int act__scans(struct act *x)
{
    long long *at = NULL;
    long burst = x->first + 36;
    int rc = 0;

    if (!(x->buf = malloc(CHUNK * sizeof(*x->buf))) || !(at = malloc(4096 * sizeof(*at))))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (long day = x->first; day <= x->today && rc == 0; day++) {
        long long start = day * MS_DAY,
                  end = start + MS_DAY < x->now_ms ? start + MS_DAY : x->now_ms;
        int dow = (int)((day + 4) % 7); /* 0 Sunday (1970-01-01 was a Thursday) */
        double trend = 0.8 + 0.4 * (double)(day - x->first) / OCOP_DEMO_SCAN_DAYS;
        double week = dow == 0 || dow == 6 ? 1.35 : 1.0;
        long n = lround(SCANS_PER_DAY * trend * week * (0.85 + 0.3 * unit(x))), copies = 0;
        if (end <= start)
            break;
        n = (long)((double)n * (double)(end - start) / MS_DAY);
        if (day >= burst && day < burst + 7)
            copies = 15 + (long)ocop_rng_below(&x->rng, 40);
        if (n + copies > 4096)
            n = 4096 - copies;
        for (long i = 0; i < n + copies; i++)
            at[i] = start + (long long)(unit(x) * (double)(end - start));
        qsort(at, (size_t)(n + copies), sizeof(*at), cmp_ll);
        for (long i = 0; i < n + copies && rc == 0; i++) {
            if (copies && ocop_rng_below(&x->rng, (uint64_t)(n + copies)) < (uint64_t)copies)
                rc = act__scan(x, at[i], x->copied[ocop_rng_below(&x->rng, COPIED)],
                               "suspected_copy", unit(x) < 0.5);
            else
                rc = act__one(x, day, at[i]);
        }
    }
    if (rc == 0 && x->nbuf)
        rc = act__flush(x);
    free(at);
    return rc;
}

/* ------------------------------------------------------------- dossiers */

/* The council's summary for a scored dossier (no individual sheets in the demo). */
static json_t *act__result(struct act *x, double *total, int *stars)
{
    double a = 28 + unit(x) * 10, b = 16 + unit(x) * 7, c = 24 + unit(x) * 9;
    *total = round((a + b + c) * 10) / 10;
    *stars = *total >= 90 ? 5 : *total >= 70 ? 4 : *total >= 50 ? 3 : *total >= 30 ? 2 : 1;
    return json_pack("{s:i, s:i, s:b, s:{s:f, s:f, s:f}, s:f, s:i, s:i, s:n, s:i, s:b, s:s, "
                     "s:b}",
                     "sheets", 5, "eligible", 5, "quorum", 1, "parts", "A", a, "B", b, "C", c,
                     "total", *total, "stars_by_score", *stars, "stars", *stars, "capped_by",
                     "recognised", *stars >= 3 && *stars <= 4 ? *stars : 0, "candidate",
                     *stars == 5, "level", "province", "demo", 1);
}

static int act__move(struct act *x, int64_t id, const char *from, const char *to,
                     const char *action, const char *note)
{
    return ocop_store_dossier_move(x->a->st, id, from, to, &x->a->actor, action, note);
}

/* Walks a new dossier to `step` (0 draft ... 5 scored) as the workflow would. */
static int act__walk(struct act *x, int64_t id, int step, int64_t session)
{
    double total;
    int stars, rc = act__move(x, id, "draft", "draft", "open", NULL);
    json_t *result;

    if (rc || step == 0)
        return rc;
    if ((rc = act__move(x, id, "draft", "submitted", "submit", NULL)) != 0 || step == 1)
        return rc;
    if (step == 2)
        return act__move(x, id, "submitted", "returned", "return",
                         "Bổ sung phiếu kiểm nghiệm chất lượng còn hiệu lực");
    if ((rc = act__move(x, id, "submitted", "accepted", "accept", NULL)) != 0 || step == 3)
        return rc;
    if ((rc = ocop_store_dossier_set_session(x->a->st, id, session)) != 0 ||
        (rc = act__move(x, id, "accepted", "scheduled", "schedule", NULL)) != 0 || step == 4)
        return rc;
    if (!(result = act__result(x, &total, &stars)))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    rc = ocop_store_dossier_set_result(x->a->st, id, result, total, stars);
    json_decref(result);
    return rc ? rc : act__move(x, id, "scheduled", "scored", "score", OCOP_NOTE_QUORUM);
}

/* The demo session's five council members (no password: they cannot sign in), recorded as
 * its members, so that the session shows who sat on it and matches the results' 5 sheets. */
static int act__members(struct act *x, int64_t session)
{
    static const char *const names[] = {"Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Tuấn",
                                        "Phạm Thu Hà", "Đỗ Quang Vinh"};
    char email[64];
    int64_t id;
    int rc = 0;
    for (int i = 0; i < 5 && rc == 0; i++) {
        struct ocop_user_new u = {email, names[i], x->province, NULL, OCOP_ROLE_COUNCIL, 0, NULL};
        snprintf(email, sizeof(email), "thanhvien%d.hoidong@demo.test", i + 1);
        if ((rc = ocop_store_user_insert(&id, x->a->st, &u)) == 0)
            rc = ocop_store_session_add_member(x->a->st, session, id);
    }
    return rc;
}

/* Renewal dossiers for products whose certificate expired, a few at each step. */
static int act__dossiers(struct act *x)
{
    static const int per_step[] = {4, 3, 2, 3, 3, 2}; /* draft ... scored */
    json_t *list = NULL, *items;
    int64_t session = 0, set, id;
    size_t k = 0, n;
    char day[11];
    int rc;

    if ((rc = act__products(&list, x, 0, OCOP_CERT_EXPIRED, 200)) != 0)
        return rc;
    items = json_object_get(list, "items");
    n = json_array_size(items);
    ocop_date_format(day, sizeof(day), x->today - 2);
    for (int step = 0; step < 6 && rc == 0; step++) {
        for (int i = 0; i < per_step[step] && k < n && rc == 0; k++) {
            json_t *p = json_array_get(items, (k * 37) % n); /* spread over the list */
            const char *group = json_string_value(json_object_get(p, "group"));
            if (ocop_store_criteria_for_group(&set, x->a->st, group ? group : "") != 0)
                continue; /* no criteria set loaded for it */
            if (!session && x->province[0] &&
                ((rc = ocop_store_session_insert(&session, x->a->st,
                                                 "Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp "
                                                 "tỉnh (dữ liệu mẫu)",
                                                 x->province, "province", day)) ||
                 (rc = act__members(x, session))))
                break;
            if ((rc = ocop_store_dossier_insert(
                     &id, x->a->st, json_integer_value(json_object_get(p, "id")), set, "renewal",
                     (int)json_integer_value(
                         json_object_get(json_object_get(p, "certificate"), "stars")),
                     NULL)) == 0)
                rc = act__walk(x, id, step, session);
            i++;
        }
    }
    json_decref(list);
    ocop_error_clear();
    return rc;
}

/* --------------------------------------------------------------- targets */

static int act__targets(struct act *x)
{
    static const struct {
        const char *metric;
        long long value;
        const char *label;
    } targets[] = {
        {"five_star_candidates", 30, "Đề xuất Trung ương ít nhất 30 sản phẩm"},
        {"certified_products", 3000, "Kế hoạch năm: duy trì 3.000 sản phẩm còn hiệu lực"},
        {"four_star", 1500, "Nâng hạng sản phẩm 3 sao lên 4 sao"},
        {"five_star", 10, "Trung ương công nhận thêm sản phẩm 5 sao"},
        {"rated_in_year", 400, "Đánh giá mới và đánh giá lại trong năm"},
    };
    int y, m, d, rc = 0;

    ocop_date_ymd(x->today, &y, &m, &d);
    for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]) && rc == 0 && x->province[0]; i++) {
        json_t *after =
            json_pack("{s:s, s:i, s:s, s:I}", "province", x->province, "year", y, "metric",
                      targets[i].metric, "value", (json_int_t)targets[i].value);
        if ((rc = ocop_store_target_set(x->a->st, x->province, y, targets[i].metric,
                                        targets[i].value, targets[i].label)) == 0)
            rc = ocop_store_audit(x->a->st, &x->a->actor, "update", "target", 0, NULL, after);
        json_decref(after);
    }
    return rc;
}

/* ------------------------------------------------------------------ run */

/* A lot of a product that has none, for its trace history (ocop_demo_trace). */
static int act__trace_lot(void *arg, int64_t *batch_id, json_t *product)
{
    struct act *x = arg;
    return act__batch(batch_id, x, product, x->lots++, 200);
}

int ocop_app_demo_activity(struct ocop_app *a, uint64_t seed)
{
    struct act x;
    int rc;

    memset(&x, 0, sizeof(x));
    x.a = a;
    ocop_rng_seed(&x.rng,
                  seed ^ 0x6f636f7061637476ULL); /* its own stream: the registry's is untouched */
    x.now_ms = (long long)a->now * 1000;
    x.today = ocop_app_today(a);
    x.first = x.today - (OCOP_DEMO_SCAN_DAYS - 1);
    x.recall_day = x.today + 1;
    if ((rc = act__key(&x)) == 0 && (rc = act__stamps(&x)) == 0 && (rc = act__scans(&x)) == 0 &&
        (rc = act__dossiers(&x)) == 0 && (rc = act__targets(&x)) == 0)
        rc = ocop_demo_trace(a, x.today, act__trace_lot, &x); /* last: the draws before it stay */
    sodium_memzero(&x.key, sizeof(x.key));
    free(x.ok.ids);
    free(x.recalled.ids);
    free(x.buf);
    return rc;
}
