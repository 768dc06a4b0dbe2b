/*
 * demo.c: the deterministic demo program: Hanoi's OCOP registry as published in
 * August 2025 (3,463 products of 3 to 5 stars, 334 recognised craft villages...),
 * generated from a seed through the same validation as real input (docs/demo.md).
 */
#include "app/app.h"
#include "app/demo_activity.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/gs1.h"
#include "core/rng.h"
#include "core/sectors.h"
#include "core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The published figures (Hanoi, August 2025) the demo reproduces. */
#define DEMO_PRODUCTS 3463
#define DEMO_FIVE_STAR 6
#define DEMO_CANDIDATES 22
#define DEMO_RECOGNISED 334
#define DEMO_UNRECOGNISED 36
#define DEMO_REVENUE 24400000000000LL /* VND; published: "over 24,000 billion" */
#define BN 1000000000LL

#include "app/demo_data.h"

/* --------------------------------------------------------------- the plan */

struct ward {
    char code[6], name[64], full[96];
    int rural;
    double weight;
};

struct village {
    int64_t id;
    int ward, craft, named, recognised, year, households;
    long long revenue;
    const char *name;
    const char *place;
    double weight;
};

struct producer {
    int64_t id;
    int kind, ward, village, named, group, nprod, name_at; /* name_at: after the legal form */
    const char *name;
};

struct product {
    int producer, named, year, stars, candidate, renewed, revoked;
};

/* A set of names already used (open addressing; owns its strings). */
struct nameset {
    char **slot;
    size_t cap;
};

struct demo {
    struct ocop_app *a;
    struct ocop_import_stats *stats;
    struct ocop_rng rng;
    ocop_progress_fn progress;
    void *arg;
    long done, total;
    struct ward *wards;
    int nwards;
    struct village *villages;
    int nvillages;
    struct producer *producers;
    int nproducers;
    struct product *products;
    int nproducts;
    struct nameset names;
    int decno[7][4];
    int cert_seq[7];
    unsigned long long tax_b;
};

/* ---------------------------------------------------------------- helpers */

static long rnd(struct demo *d, long lo, long hi)
{
    return ocop_rng_range(&d->rng, lo, hi);
}

static double unit(struct demo *d)
{
    return ocop_rng_unit(&d->rng);
}

/* An index drawn with probability proportional to w[i]. */
static int demo__pick(struct demo *d, const double *w, int n)
{
    double sum = 0, x;
    int i;
    for (i = 0; i < n; i++)
        sum += w[i];
    x = unit(d) * sum;
    for (i = 0; i < n - 1; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* One of the (up to max, NULL-terminated) templates. */
static const char *demo__tpl(struct demo *d, const char *const *tpl, int max)
{
    int n = 0;
    while (n < max && tpl[n])
        n++;
    return tpl[rnd(d, 0, n - 1)];
}

static const char *demo__hamlet(struct demo *d)
{
    return hamlets[rnd(d, 0, COUNT(hamlets) - 1)];
}

static void demo__person(struct demo *d, char *out, size_t n)
{
    int female = (int)rnd(d, 0, 1);
    const char *family = families[rnd(d, 0, COUNT(families) - 1)];
    const char *middle = middles[female][rnd(d, 0, 6)];
    snprintf(out, n, "%s %s %s", family, middle, givens[female][rnd(d, 0, 15)]);
}

static uint64_t nameset__hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

/*
 * Adds a copy of s to the set of used names. 1 when added (*out is the stored
 * copy, owned by the set), 0 when the name is taken, -1 when out of memory.
 */
static int nameset_add(const char **out, struct nameset *ns, const char *s)
{
    size_t i = nameset__hash(s) & (ns->cap - 1);
    while (ns->slot[i]) {
        if (strcmp(ns->slot[i], s) == 0)
            return 0;
        i = (i + 1) & (ns->cap - 1);
    }
    if (!(ns->slot[i] = strdup(s)))
        return -1;
    *out = ns->slot[i];
    return 1;
}

static void nameset_dispose(struct nameset *ns)
{
    for (size_t i = 0; ns->slot && i < ns->cap; i++)
        free(ns->slot[i]);
    free(ns->slot);
    ns->slot = NULL;
}

static int demo__ward(const struct demo *d, const char *code)
{
    for (int i = 0; i < d->nwards; i++)
        if (strcmp(d->wards[i].code, code) == 0)
            return i;
    return -1;
}

static int demo__sector(const char *group)
{
    const struct ocop_group *g = ocop_group_find(group);
    for (int i = 0; g && i < ocop_sectors_count; i++)
        if (strcmp(ocop_sectors[i].code, g->sector) == 0)
            return i;
    return 0;
}

static int demo__group(const char *code)
{
    for (int i = 0; i < COUNT(groups); i++)
        if (strcmp(groups[i].group, code) == 0)
            return i;
    return 0;
}

static int demo__craft(const char *key)
{
    for (int i = 0; i < COUNT(crafts); i++)
        if (strcmp(crafts[i].craft, key) == 0)
            return i;
    return 0;
}

static void demo__tick(struct demo *d)
{
    d->done++;
    if (d->progress && d->done % 250 == 0)
        d->progress(d->arg, "demo", d->done, d->total);
}

/* Validates a record as real input is validated, and inserts it. Takes `in`. */
static int demo__insert(int64_t *id, struct demo *d, const struct ocop_entity *e, json_t *in)
{
    json_t *clean = NULL;
    char name[120];
    int rc;

    if (!in)
        return ocop_error_set(OCOP_ERROR, "demo: cannot build a %s", e->name);
    snprintf(name, sizeof(name), "%s", json_string_value(json_object_get(in, "name")));
    rc = ocop_entity_validate(&clean, e, in, 0);
    if (rc == 0)
        rc = ocop_store_insert(id, d->a->st, e, clean);
    if (rc)
        rc = ocop_error_set_field(rc, ocop_error_field(), "demo %s \"%s\": %s", e->name, name,
                                  ocop_error_message());
    json_decref(clean);
    json_decref(in);
    demo__tick(d);
    return rc;
}

/* ------------------------------------------------------------------ wards */

/* Reads Hanoi's wards and communes from the store, in code order. */
static int demo__load_wards(struct demo *d)
{
    struct ocop_filter f;
    json_t *out = NULL, *items, *w;
    size_t i;
    int rc;

    memset(&f, 0, sizeof(f));
    f.province_code = "01";
    f.per_page = 500;
    f.cert_status = f.recognised = f.candidate = -1;
    if ((rc = ocop_store_list(&out, d->a->st, "wards", &f)) != 0)
        return rc;
    items = json_object_get(out, "items");
    d->nwards = (int)json_array_size(items);
    if (d->nwards == 0) {
        json_decref(out);
        return ocop_error_set(OCOP_ECONFLICT, "the demo needs Hanoi's wards: load the "
                                              "administrative units first");
    }
    d->wards = calloc((size_t)d->nwards, sizeof(*d->wards));
    json_array_foreach(items, i, w)
    {
        struct ward *x = d->wards ? &d->wards[i] : NULL;
        if (!x)
            break;
        snprintf(x->code, sizeof(x->code), "%s", json_string_value(json_object_get(w, "code")));
        snprintf(x->name, sizeof(x->name), "%s", json_string_value(json_object_get(w, "name")));
        snprintf(x->full, sizeof(x->full), "%s",
                 json_string_value(json_object_get(w, "full_name")));
        x->rural = strncmp(x->full, "Xã", strlen("Xã")) == 0;
        x->weight = (x->rural ? 3.0 : 0.6) * (0.4 + 1.6 * unit(d));
    }
    json_decref(out);
    return d->wards ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

static int demo__check_empty(struct demo *d)
{
    struct ocop_filter f;
    json_t *out = NULL;
    int rc;

    memset(&f, 0, sizeof(f));
    f.per_page = 1;
    f.cert_status = f.recognised = f.candidate = -1;
    if ((rc = ocop_store_list(&out, d->a->st, "products", &f)) != 0)
        return rc;
    if (json_integer_value(json_object_get(out, "total")) > 0)
        rc = ocop_error_set(OCOP_ECONFLICT, "the demo fills an empty database; this one already "
                                            "holds products");
    json_decref(out);
    return rc;
}

/* --------------------------------------------------------------- villages */

/* A generated village: its craft, a rural ward and a unique name. */
static int demo__village_generic(struct demo *d, struct village *v, const double *craft_w,
                                 const double *ward_w)
{
    char name[200];
    int rc = 0;

    v->craft = demo__pick(d, craft_w, COUNT(crafts));
    v->ward = demo__pick(d, ward_w, d->nwards);
    for (int k = 0; rc == 0; k++) {
        v->place = demo__hamlet(d);
        if (k < 20)
            snprintf(name, sizeof(name), "%s %s", crafts[v->craft].label, v->place);
        else
            snprintf(name, sizeof(name), "%s %s %s", crafts[v->craft].label, v->place,
                     k < 40 ? d->wards[v->ward].name : "Mới");
        rc = nameset_add(&v->name, &d->names, name);
    }
    if (v->recognised)
        v->year = (int)rnd(d, 1999, 2024);
    return rc < 0 ? ocop_error_set(OCOP_ERROR, "out of memory") : 0;
}

/* Revenues: named villages fixed, the rest skewed (log-normal) to the published total. */
static void demo__revenues(struct demo *d)
{
    long long rest = DEMO_REVENUE + rnd(d, 0, 300) * BN, sum = 0;
    double xs = 0;
    int i, big = -1, nn = COUNT(named_villages);

    for (i = 0; i < nn; i++)
        rest -= d->villages[i].revenue = named_villages[i].revenue_bn * BN;
    for (i = nn; i < DEMO_RECOGNISED; i++) { /* log-normal, softly capped below Bát Tràng */
        double r = sqrt(-2.0 * log(1.0 - unit(d))), z = r * cos(6.283185307179586 * unit(d));
        xs += d->villages[i].weight = 40.0 * tanh(exp(1.2 * z) / 40.0);
    }
    for (i = nn; i < DEMO_RECOGNISED; i++) {
        struct village *v = &d->villages[i];
        v->revenue = llround(v->weight / xs * (double)rest / 1e6) * 1000000LL;
        v->households = (int)(40 + v->weight * 45 + rnd(d, 0, 150));
        sum += v->revenue;
        if (big < 0 || v->revenue > d->villages[big].revenue)
            big = i;
    }
    d->villages[big].revenue += rest - sum; /* the total is exact */
    for (i = DEMO_RECOGNISED; i < d->nvillages; i++) {
        d->villages[i].revenue = rnd(d, 2000, 30000) * 1000000LL;
        d->villages[i].households = (int)rnd(d, 30, 200);
    }
    for (i = 0; i < d->nvillages; i++) /* producers settle where the money is */
        d->villages[i].weight = sqrt((double)d->villages[i].revenue / BN) * (i < nn ? 3 : 1);
}

static int demo__plan_villages(struct demo *d)
{
    double craft_w[COUNT(crafts)], *ward_w;
    int i, rc = 0, nn = COUNT(named_villages);

    d->nvillages = DEMO_RECOGNISED + DEMO_UNRECOGNISED;
    d->villages = calloc((size_t)d->nvillages, sizeof(*d->villages));
    ward_w = calloc((size_t)d->nwards, sizeof(*ward_w));
    if (!d->villages || !ward_w) {
        free(ward_w);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    for (i = 0; i < COUNT(crafts); i++)
        craft_w[i] = crafts[i].weight;
    for (i = 0; i < d->nwards; i++)
        ward_w[i] = d->wards[i].weight * (d->wards[i].rural ? 1.0 : 0.05);
    for (i = 0; i < d->nvillages && rc == 0; i++) {
        struct village *v = &d->villages[i];
        v->named = i < nn ? i : -1;
        v->recognised = i < DEMO_RECOGNISED;
        if (i >= nn) {
            rc = demo__village_generic(d, v, craft_w, ward_w);
            continue;
        }
        v->craft = demo__craft(named_villages[i].kind);
        v->ward = demo__ward(d, named_villages[i].ward);
        v->place = named_villages[i].place;
        v->year = named_villages[i].year;
        v->households = named_villages[i].households;
        if (v->ward < 0 || nameset_add(&v->name, &d->names, named_villages[i].name) < 0)
            rc = ocop_error_set(OCOP_ERROR, "demo: no ward %s", named_villages[i].ward);
    }
    free(ward_w);
    if (rc == 0)
        demo__revenues(d);
    return rc;
}

static int demo__insert_village(struct demo *d, struct village *v)
{
    char desc[400];
    const char *craft = v->named >= 0 ? named_villages[v->named].craft : crafts[v->craft].craft;

    if (v->named >= 0)
        snprintf(desc, sizeof(desc), "%s", named_villages[v->named].description);
    else if (v->recognised)
        snprintf(desc, sizeof(desc), "Nghề chính: %s. Được công nhận làng nghề năm %d.", craft,
                 v->year);
    else
        snprintf(desc, sizeof(desc), "Nghề chính: %s. Chưa được công nhận làng nghề.", craft);
    d->stats->villages++;
    return demo__insert(
        &v->id, d, &ocop_entity_village,
        json_pack("{s:s, s:s, s:s, s:b, s:o*, s:i, s:I, s:I, s:s}", "name", v->name, "ward_code",
                  d->wards[v->ward].code, "craft", craft, "recognised", v->recognised,
                  "recognised_year", v->recognised ? json_integer(v->year) : NULL, "households",
                  v->households, "workers", (json_int_t)v->households * rnd(d, 16, 28) / 10,
                  "revenue_vnd", (json_int_t)v->revenue, "description", desc));
}

/* -------------------------------------------------------------- producers */

/* A realistic, unique name for a producer of its kind, sector and place. */
static int demo__producer_name(struct demo *d, struct producer *p)
{
    const struct village *v = p->village >= 0 ? &d->villages[p->village] : NULL;
    int sector = v ? demo__sector(crafts[v->craft].group) : demo__sector(groups[p->group].group);
    char name[200], who[80];
    int rc = 0;

    for (int k = 0; rc == 0; k++) {
        const char *form = firm_forms[rnd(d, 0, 2)], *place = v ? v->place : demo__hamlet(d);
        const char *coop = v ? crafts[v->craft].craft : coop_words[sector][rnd(d, 0, 2)];
        const char *brand = brands[rnd(d, 0, COUNT(brands) - 1)];
        if (!v && rnd(d, 0, 1))
            place = d->wards[p->ward].name;
        if (k >= 3 && p->kind != K_ENTERPRISE && p->kind != K_HOUSEHOLD)
            place = k < 12 ? brand : demo__hamlet(d);
        demo__person(d, who, sizeof(who));
        p->name_at = p->kind == K_ENTERPRISE ? (int)strlen(form) + 1 : 0;
        if (p->kind == K_COOP)
            snprintf(name, sizeof(name), "HTX %s %s", coop, place);
        else if (p->kind == K_GROUP)
            snprintf(name, sizeof(name), "Tổ hợp tác %s %s", coop, place);
        else if (p->kind == K_HOUSEHOLD)
            snprintf(name, sizeof(name), "Hộ kinh doanh %s", who);
        else
            snprintf(name, sizeof(name), "%s %s %s", form,
                     v ? crafts[v->craft].craft : firm_words[sector][rnd(d, 0, 2)], brand);
        if (k >= 12)
            snprintf(name + strlen(name), sizeof(name) - strlen(name), " %s", demo__hamlet(d));
        if (k >= 40) /* never loops for ever */
            snprintf(name + strlen(name), sizeof(name) - strlen(name), " %d", k);
        rc = nameset_add(&p->name, &d->names, name);
    }
    return rc < 0 ? ocop_error_set(OCOP_ERROR, "out of memory") : 0;
}

/* Kinds of the generated producers, in a seeded order, with the published mix. */
static int *demo__kinds(struct demo *d, int *n)
{
    int want[4], k = 0;
    int *kinds;

    want[K_COOP] = 1330 + (int)rnd(d, -8, 8); /* published: about 1,330 cooperatives */
    want[K_GROUP] = 95 + (int)rnd(d, -5, 5);
    want[K_ENTERPRISE] = 440 + (int)rnd(d, -15, 15);
    want[K_HOUSEHOLD] = 370 + (int)rnd(d, -15, 15);

    for (int i = 0; i < COUNT(named_products); i++)
        want[named_products[i].kind]--;
    *n = want[0] + want[1] + want[2] + want[3];
    if (!(kinds = malloc((size_t)*n * sizeof(*kinds))))
        return NULL;
    for (int t = 0; t < 4; t++)
        for (int i = 0; i < want[t]; i++)
            kinds[k++] = t;
    for (int i = *n - 1; i > 0; i--) {
        int j = (int)rnd(d, 0, i), t = kinds[i];
        kinds[i] = kinds[j];
        kinds[j] = t;
    }
    return kinds;
}

/*
 * Producers: the named ones first, then `nvp` producers in craft villages, then the
 * rest, of which the first covers each ward once so every ward has a product.
 */
static int demo__plan_producers(struct demo *d, int nvp)
{
    int nn = COUNT(named_products), ng, *kinds = demo__kinds(d, &ng), rc = 0, i;
    double group_w[COUNT(groups)], *village_w = calloc((size_t)d->nvillages, sizeof(double));
    double *ward_w = calloc((size_t)d->nwards, sizeof(double));

    d->nproducers = nn + ng;
    d->producers = calloc((size_t)d->nproducers, sizeof(*d->producers));
    if (!kinds || !village_w || !ward_w || !d->producers) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    for (i = 0; i < COUNT(groups); i++)
        group_w[i] = groups[i].weight;
    for (i = 0; i < d->nvillages; i++)
        village_w[i] = d->villages[i].weight;
    for (i = 0; i < d->nwards; i++)
        ward_w[i] = d->wards[i].weight;
    for (i = 0; i < d->nproducers && rc == 0; i++) {
        struct producer *p = &d->producers[i];
        int other = i - nn - nvp;
        p->named = i < nn ? i : -1;
        p->kind = i < nn ? named_products[i].kind : kinds[i - nn];
        p->village = i < nn      ? named_products[i].village
                     : other < 0 ? demo__pick(d, village_w, d->nvillages)
                                 : -1;
        p->group =
            i < nn ? demo__group(named_products[i].group) : demo__pick(d, group_w, COUNT(groups));
        if (i < nn)
            p->ward = demo__ward(d, named_products[i].ward);
        else if (p->village >= 0)
            p->ward = d->villages[p->village].ward;
        else
            p->ward = other < d->nwards ? other : demo__pick(d, ward_w, d->nwards);
        if (p->ward < 0)
            rc = ocop_error_set(OCOP_ERROR, "demo: no ward %s", named_products[i].ward);
        else if (i < nn)
            rc = nameset_add(&p->name, &d->names, named_products[i].producer) < 0 ? -1 : 0;
        else
            rc = demo__producer_name(d, p);
    }
done:
    free(kinds);
    free(village_w);
    free(ward_w);
    return rc;
}

/* The producer's contacts: address, representative, phone, e-mail (fictional). */
static void demo__contacts(struct demo *d, const struct producer *p, char text[4][300])
{
    const struct ward *w = &d->wards[p->ward];
    char *slug = NULL, *o;
    long a = rnd(d, 1, 180), b = rnd(d, 1, 30), c; /* argument order is unspecified in C */

    if (w->rural)
        snprintf(text[0], 300, "Thôn %s, %s, Thành phố Hà Nội",
                 p->village >= 0 ? d->villages[p->village].place : demo__hamlet(d), w->full);
    else
        snprintf(text[0], 300, "Số %ld, tổ dân phố %ld, %s, Thành phố Hà Nội", a, b, w->full);
    if (p->kind == K_HOUSEHOLD && p->named < 0)
        snprintf(text[1], 300, "%s", p->name + strlen("Hộ kinh doanh "));
    else
        demo__person(d, text[1], 300);
    a = rnd(d, 0, COUNT(phone_prefixes) - 1);
    b = rnd(d, 0, 999);
    c = rnd(d, 0, 9999);
    snprintf(text[2], 300, "%s %03ld %04ld", phone_prefixes[a], b, c);
    text[3][0] = '\0';
    if (p->kind == K_ENTERPRISE && (slug = ocop_text_fold(p->name + p->name_at)) != NULL) {
        for (o = slug; *o; o++)
            *o = *o == ' ' ? '-' : *o;
        snprintf(text[3], 300, "lienhe@%.60s.example.com", slug); /* a reserved domain */
    }
    free(slug);
}

static int demo__insert_producer(struct demo *d, struct producer *p, int index)
{
    static const int members[4][2] = {{7, 250}, {3, 25}, {0, 0}, {0, 0}};
    static const int staff[4][2] = {{3, 60}, {2, 15}, {8, 400}, {1, 12}};
    unsigned long long v = (54435761ULL * (unsigned long long)index + d->tax_b) % 100000000ULL;
    char text[4][300], tax[16];
    long nmembers = members[p->kind][1] ? rnd(d, members[p->kind][0], members[p->kind][1]) : -1;
    long nstaff = rnd(d, staff[p->kind][0], staff[p->kind][1]);
    long founded = rnd(d, p->kind == K_COOP ? 1997 : 2003, 2022);

    snprintf(tax, sizeof(tax), "01%08llu", v); /* unique; Hanoi-registered codes start with 01 */
    demo__contacts(d, p, text);
    d->stats->producers++;
    return demo__insert(&p->id, d, &ocop_entity_producer,
                        json_pack("{s:s, s:s, s:s*, s:s, s:s, s:s, s:s, s:s*, s:o*, s:I, s:I}",
                                  "name", p->name, "kind", ocop_producer_kinds[p->kind], "tax_code",
                                  p->kind == K_COOP || p->kind == K_ENTERPRISE ? tax : NULL,
                                  "ward_code", d->wards[p->ward].code, "address", text[0],
                                  "representative", text[1], "phone", text[2], "email",
                                  text[3][0] ? text[3] : NULL, "members",
                                  nmembers >= 0 ? json_integer(nmembers) : NULL, "employees",
                                  (json_int_t)nstaff, "founded_year", (json_int_t)founded));
}

/* --------------------------------------------------------------- products */

/* Another product for a producer of a pool: half by popularity, half uniformly. */
static int demo__extra(struct demo *d, int first, int count, int ext_first, int ext_count)
{
    long r = rnd(d, 0, count + ext_count - 1);
    int p = r < count ? first + (int)r : ext_first + (int)(r - count);
    return unit(d) < 0.5 ? d->products[p].producer : first + (int)rnd(d, 0, count - 1);
}

static int demo__key_cmp(const void *a, const void *b)
{
    const double *x = a, *y = b; /* {key, index} pairs, highest key first */
    if (x[0] != y[0])
        return x[0] < y[0] ? 1 : -1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Four stars for a seeded, weighted sample (villages and firms a little likelier). */
static int demo__stars(struct demo *d)
{
    static const double kind_w[4] = {1.1, 0.9, 1.4, 0.8};
    int nn = COUNT(named_products), need = (int)rnd(d, 1575, 1595), n = d->nproducts - nn;
    double *keys = malloc((size_t)n * 2 * sizeof(double));

    if (!keys)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (int i = 0; i < nn; i++)
        need -= named_products[i].stars == 4;
    for (int i = 0; i < n; i++) {
        const struct producer *p = &d->producers[d->products[nn + i].producer];
        double w = kind_w[p->kind] * (p->village >= 0 ? 1.5 : 1.0);
        keys[2 * i] = log(1.0 - unit(d)) / w;
        keys[2 * i + 1] = nn + i;
    }
    qsort(keys, (size_t)n, 2 * sizeof(double), demo__key_cmp);
    for (int i = 0; i < n; i++)
        d->products[(int)keys[2 * i + 1]].stars = i < need ? 4 : 3;
    free(keys);
    return 0;
}

/* Years, stars, five-star candidates, renewals and revocations of all products. */
static int demo__rate(struct demo *d)
{
    double year_w[7];
    int nn = COUNT(named_products), cand = DEMO_CANDIDATES, revoke = (int)rnd(d, 6, 9), rc;

    for (int i = 0; i < 7; i++)
        year_w[i] = year_weights[i];
    for (int i = 0; i < d->nproducts; i++) {
        struct product *p = &d->products[i];
        p->named = i < nn ? i : -1;
        p->year = i < nn ? named_products[i].year : 2019 + demo__pick(d, year_w, 7);
        p->stars = i < nn ? named_products[i].stars : 3;
        p->candidate = i < nn && named_products[i].candidate;
        p->renewed = i < nn ? p->year == 2022 : p->year >= 2022 && unit(d) < 0.4;
        cand -= p->candidate;
    }
    if ((rc = demo__stars(d)) != 0)
        return rc;
    for (int tries = 0; (cand > 0 || revoke > 0) && tries < 1000000; tries++) {
        struct product *p = &d->products[rnd(d, nn, d->nproducts - 1)];
        if (cand > 0 && p->stars == 4 && p->year >= 2023 && !p->candidate) {
            p->candidate = 1;
            cand--;
        } else if (revoke > 0 && p->stars == 3 && p->year >= 2021 && p->year <= 2024 &&
                   !p->renewed && !p->revoked) {
            p->revoked = 1;
            revoke--;
        }
    }
    return 0;
}

/*
 * The product list: named products, one for each producer, then extra products
 * for village and other producers until the published total; ~27% in villages.
 */
static int demo__plan_products(struct demo *d, int nvp, int vp)
{
    int nn = COUNT(named_products), k, ext_v = vp - nvp;
    int others = d->nproducers - nn - nvp, ext_o = DEMO_PRODUCTS - nn - vp - others;

    d->nproducts = DEMO_PRODUCTS;
    if (ext_v < 0 || ext_o < 0)
        return ocop_error_set(OCOP_ERROR, "demo: inconsistent plan");
    if (!(d->products = calloc((size_t)d->nproducts, sizeof(*d->products))))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (k = 0; k < d->nproducers; k++)
        d->products[k].producer = k;
    for (int e = 0; e < ext_v; e++, k++)
        d->products[k].producer = demo__extra(d, nn, nvp, d->nproducers, e);
    for (int e = 0; e < ext_o; e++, k++)
        d->products[k].producer = demo__extra(d, nn + nvp, others, d->nproducers + ext_v, e);
    return demo__rate(d);
}

/* A certificate of `stars` in `year`: a provincial round, or the central decision. */
static int demo__cert(struct demo *d, int64_t product_id, int year, int stars, int candidate,
                      int revoked)
{
    struct ocop_certificate c = {0};
    char number[40], decision[40];
    int y = year - 2019, b = 0, central = stars == 5;
    int64_t id;

    while (!central && b < 3 && batches[y][b + 1][0] && unit(d) < 0.55)
        b++;
    c.decision_date =
        central ? ocop_date_days(year, central_days[year - 2022][0], central_days[year - 2022][1])
                : ocop_date_days(year, batches[y][b][0], batches[y][b][1]);
    snprintf(decision, sizeof(decision), central ? "%d/QĐ-BNN-VPĐP" : "%d/QĐ-UBND",
             central ? 4100 + 37 * (year - 2022) : d->decno[y][b]);
    snprintf(number, sizeof(number), "OCOP-%s-%d-%05d", central ? "TW" : "HN", year,
             ++d->cert_seq[y]);
    c.product_id = product_id;
    c.number = number;
    c.decision_number = decision;
    c.issuing_level = central ? "central" : "province";
    c.ruleset = c.decision_date >= ocop_date_days(2023, 2, 24) ? "148/QĐ-TTg" : "1048/QĐ-TTg";
    c.valid_from = c.decision_date;
    c.valid_until = ocop_date_add_months(c.decision_date, 36) - 1;
    c.stars = stars;
    c.score =
        stars == 5 ? rnd(d, 900, 960) / 10.0 : rnd(d, stars * 200 - 100, stars * 200 + 99) / 10.0;
    c.five_star_candidate = candidate;
    c.revoked_at = -1;
    if (revoked) {
        c.revoked_at = c.decision_date + rnd(d, 150, 540);
        if (c.revoked_at > ocop_date_days(2025, 8, 15))
            c.revoked_at = ocop_date_days(2025, 8, 15);
        c.revoke_reason = revoke_reasons[rnd(d, 0, COUNT(revoke_reasons) - 1)];
    }
    if (ocop_store_certificate_insert(&id, d->a->st, &c))
        return -1;
    d->stats->certificates++;
    return 0;
}

/* A product's certificates: an earlier one when renewed (or before five stars), then the latest. */
static int demo__certify(struct demo *d, const struct product *p, int64_t product_id)
{
    int prev = p->stars == 4 && unit(d) < 0.3 ? 3 : p->stars;

    if (p->stars == 5 && demo__cert(d, product_id, p->year - 1 - (int)rnd(d, 0, 1), 4, 1, 0))
        return -1;
    if (p->stars < 5 && p->renewed && demo__cert(d, product_id, p->year - 3, prev, 0, 0))
        return -1;
    return demo__cert(d, product_id, p->year, p->stars, p->candidate, p->revoked);
}

/* A unique product name: "<template> <place>", with a brand or hamlet when taken. */
static int demo__product_name(struct demo *d, const struct product *p, const char **group,
                              const char **out)
{
    const struct producer *pr = &d->producers[p->producer];
    const struct village *v = pr->village >= 0 ? &d->villages[pr->village] : NULL;
    int g = pr->group, rc = 0;
    char name[200];

    if (!v && unit(d) < 0.25) /* a product of a neighbouring group of the same sector */
        for (int k = 0, t; k < 20; k++)
            if (demo__sector(groups[t = (int)rnd(d, 0, COUNT(groups) - 1)].group) ==
                demo__sector(groups[g].group)) {
                g = t;
                break;
            }
    *group = v ? crafts[v->craft].group : groups[g].group;
    for (int k = 0; rc == 0; k++) {
        const char *tpl =
            v ? demo__tpl(d, crafts[v->craft].tpl, 3) : demo__tpl(d, groups[g].tpl, 5);
        const char *place = v ? v->place : d->wards[pr->ward].name;
        if (!v && d->wards[pr->ward].rural && unit(d) < 0.5)
            place = demo__hamlet(d); /* a village of the commune */
        int n = snprintf(name, sizeof(name), "%s %s", tpl, place);
        if (k >= 4)
            snprintf(name + n, sizeof(name) - (size_t)n, " %s",
                     k < 10 ? brands[rnd(d, 0, COUNT(brands) - 1)] : demo__hamlet(d));
        if (k >= 40) /* never loops for ever */
            snprintf(name + strlen(name), sizeof(name) - strlen(name), " %d", k);
        rc = nameset_add(out, &d->names, name);
    }
    return rc < 0 ? ocop_error_set(OCOP_ERROR, "out of memory") : 0;
}

static int demo__insert_product(struct demo *d, struct product *p)
{
    struct producer *pr = &d->producers[p->producer];
    const struct named_product *np = p->named >= 0 ? &named_products[p->named] : NULL;
    const char *name = np ? np->name : NULL, *group = np ? np->group : NULL;
    char desc[400], gtin[16];
    int64_t id;
    int n;

    if (!np && demo__product_name(d, p, &group, &name))
        return -1;
    snprintf(desc, sizeof(desc), "%s. Sản phẩm của %s, %s, Thành phố Hà Nội.",
             ocop_group_find(group)->name_vi, pr->name, d->wards[pr->ward].full);
    /* restricted-circulation prefix 20: can never be a real product's GTIN (those are 893...) */
    n = snprintf(gtin, sizeof(gtin), "20%05d%05d", p->producer, ++pr->nprod);
    snprintf(gtin + n, sizeof(gtin) - (size_t)n, "%d", ocop_gs1_check_digit(gtin, 12));
    if (!((pr->kind == K_ENTERPRISE && unit(d) < 0.8) || (pr->kind == K_COOP && unit(d) < 0.3)))
        gtin[0] = '\0';
    if (demo__insert(&id, d, &ocop_entity_product,
                     json_pack("{s:s, s:s, s:I, s:o*, s:s, s:s*, s:s*, s:s*}", "name", name,
                               "group", group, "producer_id", (json_int_t)pr->id, "village_id",
                               pr->village >= 0 ? json_integer(d->villages[pr->village].id) : NULL,
                               "description", desc, "story", np ? np->story : NULL, "gtin",
                               gtin[0] ? gtin : NULL, "status", p->revoked ? "suspended" : NULL)) ||
        demo__certify(d, p, id))
        return -1;
    d->stats->products++;
    return 0;
}

/* Raw-material zones, each linked to its named producer and others of its ward. */
static int demo__insert_zones(struct demo *d)
{
    for (int z = 0; z < COUNT(zones); z++) {
        json_t *ids = json_array();
        int ward = demo__ward(d, zones[z].ward);
        int64_t id;
        if (zones[z].named >= 0)
            json_array_append_new(ids, json_integer(d->producers[zones[z].named].id));
        for (int i = COUNT(named_products); i < d->nproducers && json_array_size(ids) < 5; i++)
            if (d->producers[i].ward == ward && d->producers[i].village < 0)
                json_array_append_new(ids, json_integer(d->producers[i].id));
        if (demo__insert(&id, d, &ocop_entity_zone,
                         json_pack("{s:s, s:s, s:s, s:s, s:f, s:s*, s:o}", "name", zones[z].name,
                                   "kind", zones[z].kind, "ward_code", zones[z].ward, "material",
                                   zones[z].material, "area_ha", zones[z].area_ha, "certification",
                                   zones[z].certification, "producer_ids", ids)))
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- the action */

static int demo__run(struct demo *d)
{
    int nn = COUNT(named_products), nvn = 0, vp, nvp, i, rc;
    const char *name;

    for (i = 0; i < nn; i++) { /* named products' names are taken before any is generated */
        nvn += named_products[i].village >= 0;
        if (nameset_add(&name, &d->names, named_products[i].name) < 0)
            return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    vp = (int)lround(DEMO_PRODUCTS * 0.27) + (int)rnd(d, -8, 8) - nvn; /* generated, in villages */
    nvp = vp * 2 / 3;
    if ((rc = demo__check_empty(d)) || (rc = demo__load_wards(d)) ||
        (rc = demo__plan_villages(d)) || (rc = demo__plan_producers(d, nvp)) ||
        (rc = demo__plan_products(d, nvp, vp)))
        return rc;
    d->total = d->nvillages + d->nproducers + d->nproducts + COUNT(zones);
    for (i = 0; i < d->nvillages && rc == 0; i++)
        rc = demo__insert_village(d, &d->villages[i]);
    for (i = 0; i < d->nproducers && rc == 0; i++)
        rc = demo__insert_producer(d, &d->producers[i], i);
    for (i = 0; i < d->nproducts && rc == 0; i++)
        rc = demo__insert_product(d, &d->products[i]);
    return rc ? rc : demo__insert_zones(d);
}

static void demo__init(struct demo *d, struct ocop_app *a, uint64_t seed)
{
    ocop_rng_seed(&d->rng, seed);
    d->tax_b = ocop_rng_below(&d->rng, 100000000ULL);
    for (int y = 0; y < 7; y++)
        for (int b = 0; b < 4 && batches[y][b][0]; b++) /* Hanoi numbers ~20 decisions a day */
            d->decno[y][b] = (int)(ocop_date_days(2019 + y, batches[y][b][0], batches[y][b][1]) -
                                   ocop_date_days(2019 + y, 1, 1)) *
                                 20 +
                             (int)rnd(d, 1, 19);
    d->a = a;
    d->names.cap = 16384;
    d->names.slot = calloc(d->names.cap, sizeof(char *));
}

static void demo__dispose(struct demo *d)
{
    nameset_dispose(&d->names);
    free(d->wards);
    free(d->villages);
    free(d->producers);
    free(d->products);
}

int ocop_app_demo(struct ocop_import_stats *stats, struct ocop_app *a, uint64_t seed,
                  ocop_progress_fn progress, void *arg)
{
    struct demo d = {0};
    json_t *summary = NULL;
    int rc;

    memset(stats, 0, sizeof(*stats));
    if (a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(OCOP_EFORBIDDEN, "the demo program is for administrators");
    demo__init(&d, a, seed);
    d.stats = stats;
    d.progress = progress;
    d.arg = arg;
    if (!d.names.slot)
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
    else if ((rc = ocop_store_begin(a->st)) == 0 && (rc = demo__run(&d)) == 0 &&
             (rc = ocop_app_demo_activity(a, seed)) == 0) {
        summary = json_pack("{s:I, s:I, s:I, s:I, s:I, s:i}", "seed", (json_int_t)seed, "producers",
                            (json_int_t)stats->producers, "villages", (json_int_t)stats->villages,
                            "products", (json_int_t)stats->products, "certificates",
                            (json_int_t)stats->certificates, "zones", COUNT(zones));
        rc = ocop_store_audit(a->st, &a->actor, "demo", "products", 0, NULL, summary);
        if (rc == 0)
            rc = ocop_store_commit(a->st);
    }
    if (rc) {
        ocop_store_rollback(a->st);
        memset(stats, 0, sizeof(*stats));
    } else if (progress) {
        progress(arg, "demo", d.total, d.total);
    }
    json_decref(summary);
    demo__dispose(&d);
    return rc;
}
