/* page_map.c: Hanoi's wards coloured by their certified products, and the same as a table. */
#include "http/pages.h"
#include "http/web.h"
#include "app/places.h"
#include "core/error.h"
#include "core/text.h"
#include "render/map.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAP_PROVINCE OCOP_OUTLINES_PROVINCE /* Hanoi: the outlines are its wards */
#define MAP_WIDTH 1000           /* user units across; the SVG scales to the screen */
#define MAP_COUNTS_TTL_MS 60000  /* how long counts are reused before being recounted */
#define MAP_CLASSES 5

/* The projected outlines: loaded once (map__load), read-only after; NULL if unavailable. */
static pthread_once_t map_once = PTHREAD_ONCE_INIT;
static struct ocop_map *map_shapes;

/* Certified products per ward code, recounted at most once a minute (under counts_lock). */
struct map__count {
    char code[8];
    long n, valid; /* valid: of n, those whose certificate is valid today (or expiring) */
};
static pthread_mutex_t counts_lock = PTHREAD_MUTEX_INITIALIZER;
static struct map__count *counts;
static int counts_n;
static long long counts_at_ms = -1;

/* Projects the ward outlines (read once for the whole process: app/places.h). Without
 * them (logged once there) the page shows the table alone. */
static void map__load(void)
{
    const struct ocop_geo_areas *a = ocop_outlines();
    if (a && ocop_map_project(&map_shapes, a, MAP_WIDTH) != 0)
        fprintf(stderr, "ocop: the ward map cannot be drawn (%s); /map shows the table only\n",
                ocop_error_message());
}

static long long map__now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int map__count_add(struct map__count **list, int *n, int *cap, const char *code,
                          int valid)
{
    for (int i = 0; i < *n; i++)
        if (strcmp((*list)[i].code, code) == 0) {
            (*list)[i].n++;
            (*list)[i].valid += valid;
            return 0;
        }
    if (*n == *cap) {
        int ncap = *cap ? *cap * 2 : 256;
        struct map__count *p = realloc(*list, (size_t)ncap * sizeof(**list));
        if (!p)
            return ocop_error_set(OCOP_ERROR, "out of memory");
        *list = p;
        *cap = ncap;
    }
    snprintf((*list)[*n].code, sizeof((*list)[*n].code), "%s", code);
    (*list)[*n].valid = valid;
    (*list)[(*n)++].n = 1;
    return 0;
}

/* Counts the province's products holding a certificate, by ward, paging through the
 * product list (the same rule as a ward's `certified_products`). *out is the caller's. */
static int map__recount(struct map__count **out, int *out_n, struct http_req *req)
{
    struct map__count *list = NULL;
    int n = 0, cap = 0, rc = 0;
    long long pages = 1;

    for (long long page = 1; !rc && page <= pages; page++) {
        struct ocop_filter f;
        json_t *res = NULL, *item;
        size_t i;
        memset(&f, 0, sizeof(f));
        f.cert_status = f.recognised = f.candidate = -1;
        f.page = page;
        f.per_page = 200;
        f.province_code = MAP_PROVINCE;
        if ((rc = ocop_app_list(&res, &req->app, "products", &f)) != 0)
            break;
        pages = json_integer_value(json_object_get(res, "pages"));
        json_array_foreach(json_object_get(res, "items"), i, item)
        {
            const char *ward = json_string_value(json_object_get(item, "ward_code"));
            json_t *cert = json_object_get(item, "certificate");
            const char *st = json_string_value(json_object_get(cert, "status"));
            if (!rc && ward && json_is_object(cert))
                rc = map__count_add(&list, &n, &cap, ward,
                                    st && (!strcmp(st, "valid") || !strcmp(st, "expiring")));
        }
        json_decref(res);
    }
    if (rc) {
        free(list);
        return rc;
    }
    *out = list;
    *out_n = n;
    return 0;
}

/* A copy of the current counts (recounted when older than a minute). */
static int map__counts(struct map__count **out, int *n, struct http_req *req)
{
    struct map__count *fresh = NULL;
    int fresh_n = 0, rc = 0;
    long long now = map__now_ms();

    pthread_mutex_lock(&counts_lock);
    if (counts_at_ms < 0 || now - counts_at_ms > MAP_COUNTS_TTL_MS) {
        pthread_mutex_unlock(&counts_lock);
        /* counted outside the lock: a slow count never holds up the other workers */
        if ((rc = map__recount(&fresh, &fresh_n, req)) != 0)
            return rc;
        pthread_mutex_lock(&counts_lock);
        free(counts);
        counts = fresh;
        counts_n = fresh_n;
        counts_at_ms = now;
    }
    *n = counts_n;
    *out = malloc(((size_t)counts_n + 1) * sizeof(**out));
    if (*out && counts_n)
        memcpy(*out, counts, (size_t)counts_n * sizeof(**out));
    pthread_mutex_unlock(&counts_lock);
    return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

static long map__count_of(const struct map__count *c, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(c[i].code, code) == 0)
            return c[i].n;
    return 0;
}

static long map__valid_of(const struct map__count *c, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(c[i].code, code) == 0)
            return c[i].valid;
    return 0;
}

/* One ward of the table. */
struct map__row {
    const char *code, *name;
    long n;
};

static int map__row_cmp(const void *a, const void *b)
{
    const struct map__row *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->code, y->code);
}

/* A whole number with thousands separators: '.' in Vietnamese, ',' in English. */
static void map__int(struct ocop_buf *b, long v, int en)
{
    char out[32];
    ocop_int_grouped(out, sizeof(out), v, en ? ',' : '.');
    html_txt(b, out);
}

/* "&amp;lang=xx" after a link's query when the page was asked for in a language. */
static void map__lang(struct ocop_buf *b, struct http_req *req)
{
    const char *lang = ocop_query_get(&req->query, "lang");
    if (!lang)
        return;
    html_raw(b, "&amp;lang=");
    html_url_arg(b, lang);
}

static void map__css(struct ocop_buf *b)
{
    html_raw(b,
             "<style>main{max-width:64rem}.lead{color:var(--mute)}"
             ".mapbox{margin:.8rem 0;background:#fff;border:1px solid var(--line);"
             "border-radius:.5rem;padding:.5rem}svg.map{display:block;width:100%;height:auto;"
             "max-height:80vh}svg.map path{vector-effect:non-scaling-stroke;stroke-width:.6px}"
             "svg.map a:hover path,svg.map a:focus path{stroke:#1c1c1c;stroke-width:2px}"
             "svg.map a:focus{outline:none}"
             ".legend{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;"
             "margin:.5rem .3rem 0;font-size:.9rem}.legend li{display:flex;align-items:center;"
             "gap:.35rem}.sw{display:inline-block;width:1.1rem;height:1.1rem;border-radius:.2rem;"
             "border:1px solid #0002;flex:none}"
             "table{border-collapse:collapse;width:100%}caption{text-align:left;"
             "font-weight:600;padding:.3rem 0}th,td{padding:.35rem .5rem;border-bottom:1px solid "
             "var(--line);text-align:left}td.n,th.n{text-align:right;font-variant-numeric:"
             "tabular-nums}td a{display:inline-flex;gap:.4rem;align-items:center}"
             "</style>");
}

/* The legend: the grey of "none" and each class's range. */
static void map__legend(struct ocop_buf *b, const long *breaks, int k, int en)
{
    html_raw(b, "<ul class=\"legend\" aria-label=\"");
    html_raw(b, en ? "Legend: certified products per ward" : "Chú giải: số sản phẩm có chứng nhận");
    html_raw(b, "\"><li><span class=\"sw\" style=\"background:");
    html_attr(b, ocop_map_colour(0, k));
    html_raw(b, "\"></span>");
    html_raw(b, en ? "none" : "chưa có");
    html_raw(b, "</li>");
    for (int i = 0; i < k; i++) {
        html_raw(b, "<li><span class=\"sw\" style=\"background:");
        html_attr(b, ocop_map_colour(i + 1, k));
        html_raw(b, "\"></span>");
        html_int(b, breaks[i]);
        if (i == k - 1)
            html_raw(b, en ? " or more" : " trở lên");
        else if (breaks[i + 1] - 1 > breaks[i]) {
            html_raw(b, "–");
            html_int(b, breaks[i + 1] - 1);
        }
        html_raw(b, "</li>");
    }
    html_raw(b, "</ul>");
}

/* The SVG: one linked, titled path per ward, coloured by its class. */
static int map__svg(struct ocop_buf *b, struct http_req *req, const struct map__count *c, int cn,
                    const long *breaks, int k)
{
    const struct ocop_map *m = map_shapes;
    int en = web_en(req), rc = 0;
    int *classes = calloc((size_t)m->count, sizeof(int));
    char **titles = calloc((size_t)m->count, sizeof(char *));
    char **hrefs = calloc((size_t)m->count, sizeof(char *));
    struct ocop_map_layer layer = {en ? "Map of Hanoi's wards by certified OCOP products"
                                      : "Bản đồ phường, xã Hà Nội theo số sản phẩm OCOP",
                                   classes, k, NULL, NULL};

    for (int i = 0; !rc && classes && titles && hrefs && i < m->count; i++) {
        const struct ocop_map_region *r = &m->regions[i];
        long n = map__count_of(c, cn, r->code);
        struct ocop_buf href;
        classes[i] = ocop_map_class(breaks, k, n);
        ocop_buf_init(&href, 256);
        /* a plain URL: ocop_map_svg escapes it for the attribute */
        ocop_buf_puts(&href, "/products?ward=");
        html_url_arg(&href, r->code);
        if (ocop_query_get(&req->query, "lang")) {
            ocop_buf_puts(&href, "&lang=");
            html_url_arg(&href, ocop_query_get(&req->query, "lang"));
        }
        hrefs[i] = ocop_buf_detach(&href, NULL);
        ocop_buf_dispose(&href);
        if (asprintf(&titles[i],
                     en ? "%s: %ld certified product%s" : "%s: %ld sản phẩm có chứng nhận",
                     en ? r->name_en : r->name, n, n == 1 ? "" : "s") < 0)
            titles[i] = NULL, rc = ocop_error_set(OCOP_ERROR, "out of memory");
    }
    if (!classes || !titles || !hrefs)
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
    if (!rc) {
        layer.titles = (const char *const *)titles;
        layer.hrefs = (const char *const *)hrefs;
        rc = ocop_map_svg(b, m, &layer);
    }
    for (int i = 0; titles && hrefs && i < m->count; i++) {
        free(titles[i]);
        free(hrefs[i]);
    }
    free(classes);
    free(titles);
    free(hrefs);
    return rc;
}

/* The wards of the table: from the registry, else (no units loaded) from the map file. */
static int map__rows(struct map__row **out, int *n, json_t **wards, struct http_req *req,
                     const struct map__count *c, int cn)
{
    struct ocop_filter f;
    json_t *item;
    size_t i;
    int en = web_en(req), rc;

    memset(&f, 0, sizeof(f));
    f.cert_status = f.recognised = f.candidate = -1;
    f.page = 1;
    f.per_page = 200;
    f.province_code = MAP_PROVINCE;
    if ((rc = ocop_app_list(wards, &req->app, "wards", &f)) != 0)
        return rc;
    *n = 0;
    *out = calloc(json_array_size(json_object_get(*wards, "items")) +
                      (size_t)(map_shapes ? map_shapes->count : 0) + 1,
                  sizeof(**out));
    if (!*out)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    json_array_foreach(json_object_get(*wards, "items"), i, item)
    {
        struct map__row *r = &(*out)[(*n)++];
        r->code = json_string_value(json_object_get(item, "code"));
        r->name = page_ward_name(item, en);
        r->n = map__count_of(c, cn, r->code);
    }
    if (*n == 0 && map_shapes) {
        for (int k = 0; k < map_shapes->count; k++) {
            const struct ocop_map_region *g = &map_shapes->regions[k];
            (*out)[k] = (struct map__row){g->code, en ? g->name_en : g->name,
                                          map__count_of(c, cn, g->code)};
        }
        *n = map_shapes->count;
    }
    qsort(*out, (size_t)*n, sizeof(**out), map__row_cmp);
    return 0;
}

static void map__table(struct ocop_buf *b, struct http_req *req, const struct map__row *rows, int n,
                       const long *breaks, int k)
{
    int en = web_en(req);
    html_raw(b, "<section id=\"wards\"><table><caption>");
    html_raw(b, en ? "Wards and communes by certified OCOP products"
                   : "Phường, xã theo số sản phẩm có chứng nhận OCOP");
    html_raw(b, "</caption><thead><tr><th scope=\"col\">");
    html_raw(b, en ? "Ward or commune" : "Phường, xã");
    html_raw(b, "</th><th scope=\"col\" class=\"n\">");
    html_raw(b, en ? "Certified products" : "Sản phẩm có chứng nhận");
    html_raw(b, "</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        html_raw(b, "<tr><td><a href=\"/products?ward=");
        html_url_arg(b, rows[i].code);
        map__lang(b, req);
        html_raw(b, "\"><span class=\"sw\" aria-hidden=\"true\" style=\"background:");
        html_attr(b, ocop_map_colour(ocop_map_class(breaks, k, rows[i].n), k));
        html_raw(b, "\"></span>");
        html_txt(b, rows[i].name ? rows[i].name : rows[i].code);
        html_raw(b, "</a></td><td class=\"n\">");
        map__int(b, rows[i].n, en);
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></section>");
}

PAGE(page_map)
{
    static const char *const allowed[] = {"lang", NULL};
    static const char *const langs[] = {"vi", "en", NULL};
    struct map__count *c = NULL;
    struct map__row *rows = NULL;
    json_t *wards = NULL;
    struct ocop_buf b;
    long breaks[OCOP_MAP_CLASSES_MAX], *values = NULL, total = 0, valid = 0;
    int cn = 0, n = 0, k = 0, lang, en = web_en(req), rc;

    ocop_buf_init(&b, 4u << 20);
    if ((rc = ocop_query_only(&req->query, allowed)) != 0 ||
        (rc = ocop_query_enum(&lang, &req->query, "lang", langs)) != 0)
        goto done;
    pthread_once(&map_once, map__load);
    if ((rc = map__counts(&c, &cn, req)) != 0 ||
        (rc = map__rows(&rows, &n, &wards, req, c, cn)) != 0)
        goto done;
    if (!(values = calloc((size_t)n + 1, sizeof(long)))) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++) {
        total += values[i] = rows[i].n;
        valid += map__valid_of(c, cn, rows[i].code);
    }
    k = ocop_map_breaks(breaks, MAP_CLASSES, values, (size_t)n);

    web_open(&b, req, en ? "Map of OCOP products" : "Bản đồ sản phẩm OCOP");
    map__css(&b);
    html_raw(&b, "<h1>");
    html_raw(&b, en ? "OCOP products across Hanoi" : "Sản phẩm OCOP khắp Hà Nội");
    html_raw(&b, "</h1><p class=\"lead\">");
    html_raw(&b, en ? "Each ward and commune is coloured by its number of products that have been "
                      "granted an OCOP certificate, including expired and revoked ones. Choose "
                      "one to see its products. In all: "
                    : "Mỗi phường, xã được tô màu theo số sản phẩm đã được cấp giấy chứng nhận "
                      "OCOP, kể cả giấy đã hết hạn hoặc bị thu hồi. Chọn một phường, xã để xem "
                      "sản phẩm của nơi đó. Tổng cộng: ");
    map__int(&b, total, en);
    html_raw(&b, en ? " OCOP products, " : " sản phẩm OCOP, ");
    map__int(&b, valid, en);
    html_raw(&b, en ? " of them with a valid certificate, in " : " còn hiệu lực, ở ");
    html_int(&b, n);
    html_raw(&b, en ? " wards and communes.</p>" : " phường, xã.</p>");
    if (map_shapes) {
        html_raw(&b, "<figure class=\"mapbox\">");
        if ((rc = map__svg(&b, req, c, cn, breaks, k)) != 0)
            goto done;
        html_raw(&b, "<figcaption>");
        map__legend(&b, breaks, k, en);
        html_raw(&b, "</figcaption></figure>");
    } else {
        html_raw(&b, "<p class=\"lead\">");
        html_raw(&b, en ? "The map is not available right now; the table below has the same "
                          "figures."
                        : "Bản đồ tạm thời không hiển thị được; bảng dưới đây có cùng số liệu.");
        html_raw(&b, "</p>");
    }
    map__table(&b, req, rows, n, breaks, k);
    web_close(&b, req);
    rc = web_send(resp, &b);
done:
    ocop_buf_dispose(&b);
    json_decref(wards);
    free(values);
    free(rows);
    free(c);
    return rc;
}
