/*
 * page_public.c: the public catalogue (vi, en): the home page, the product list with its
 * search and filters, and the pages of a product, a producer and a craft village.
 * Reads only, through ocop_app_list/ocop_app_get; every data string through render/html.h.
 */
#include "http/pages.h"
#include "http/web.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/sectors.h"
#include "render/qr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUB_PER_PAGE 20
#define PUB_PAGE_MAX (2u << 20) /* bytes of one page's HTML */
#define PUB_PROVINCE "01"       /* the ward filter offers this province's wards */

/* Literal markup pieces in a row, NULL-terminated: string literals only, never data. */
__attribute__((sentinel)) static void pub__raw(struct ocop_buf *b, ...)
{
    va_list ap;
    const char *s;
    va_start(ap, b);
    while ((s = va_arg(ap, const char *)) != NULL)
        html_raw(b, s);
    va_end(ap);
}

/* ------------------------------------------------------------ language, links */

/* The language asked for in the query ("vi", "en"), which links carry on; else NULL. */
static const char *pub__lang(struct http_req *req)
{
    return ocop_query_get(&req->query, "lang");
}

/* Refuses parameters a page does not take, and a language other than vi or en. */
static int pub__check(struct http_req *req, const char *const *allowed)
{
    static const char *const langs[] = {"vi", "en", NULL};
    int lang, rc = ocop_query_only(&req->query, allowed);
    return rc ? rc : ocop_query_enum(&lang, &req->query, "lang", langs);
}

/* A local link's href value: the path (escaped), and the language if one was asked for. */
static void pub__href(struct ocop_buf *b, struct http_req *req, const char *path)
{
    const char *lang = pub__lang(req);
    html_attr(b, path);
    if (lang) {
        html_raw(b, strchr(path, '?') ? "&amp;lang=" : "?lang=");
        html_url_arg(b, lang);
    }
}

/* <a href="/prefix/ID">text</a> */
static void pub__link_id(struct ocop_buf *b, struct http_req *req, const char *prefix, long long id,
                         const char *text)
{
    char path[64];
    snprintf(path, sizeof(path), "%s%lld", prefix, id);
    html_raw(b, "<a href=\"");
    pub__href(b, req, path);
    html_raw(b, "\">");
    html_txt(b, text);
    html_raw(b, "</a>");
}

/* ------------------------------------------------------------ words and numbers */

/* "2026-11-22" as 22/11/2026. */
static void pub__date(char *out, size_t n, const char *iso)
{
    if (iso && strlen(iso) >= 10)
        snprintf(out, n, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, n, "%s", iso ? iso : "");
}

/* A whole number with thousands separators: '.' in Vietnamese, ',' in English. */
static void pub__int(struct ocop_buf *b, long long v, int en)
{
    char digits[32], out[48];
    size_t n, k = 0;
    snprintf(digits, sizeof(digits), "%llu",
             v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    n = strlen(digits);
    if (v < 0)
        out[k++] = '-';
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            out[k++] = en ? ',' : '.';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    html_txt(b, out);
}

/* Stars as text, the unearned ones pale; read out as "4 sao" / "4 stars". */
static void pub__stars(struct ocop_buf *b, long long n, int en)
{
    static const char *const on[] = {"", "★", "★★", "★★★", "★★★★", "★★★★★"};
    if (n < 1 || n > 5)
        return;
    html_raw(b, "<span class=\"stars\" role=\"img\" aria-label=\"");
    html_int(b, n);
    html_raw(b, en ? (n == 1 ? " star\">" : " stars\">") : " sao\">");
    html_raw(b, on[n]);
    if (n < 5) {
        html_raw(b, "<span class=\"off\">");
        html_raw(b, on[5 - n]);
        html_raw(b, "</span>");
    }
    html_raw(b, "</span>");
}

/*
 * A certificate's status in words with its dates, into out; returns the CSS class of its
 * badge. `c` is the product's certificate object (NULL or JSON null: not certified).
 */
static const char *pub__cert_words(char *out, size_t n, json_t *c, int en)
{
    const char *st = page_str(c, "status");
    char until[16], since[16], on[16], day[11];
    long d;

    pub__date(until, sizeof(until), page_str(c, "valid_until"));
    pub__date(on, sizeof(on), page_str(c, "revoked_at"));
    since[0] = '\0';
    if (page_str(c, "valid_until") && ocop_date_parse(&d, page_str(c, "valid_until")) == 0) {
        ocop_date_format(day, sizeof(day), d + 1); /* valid_until is the last valid day */
        pub__date(since, sizeof(since), day);
    }
    if (!json_is_object(c) || !st) {
        snprintf(out, n, "%s", en ? "Not certified" : "Chưa có chứng nhận OCOP");
        return "st-none";
    }
    if (strcmp(st, "valid") == 0) {
        snprintf(out, n, en ? "Certificate valid until %s" : "Chứng nhận còn hiệu lực đến %s",
                 until);
        return "st-ok";
    }
    if (strcmp(st, "expiring") == 0) {
        snprintf(out, n, en ? "Expiring soon: valid until %s" : "Sắp hết hạn: hiệu lực đến %s",
                 until);
        return "st-warn";
    }
    if (strcmp(st, "expired") == 0) {
        snprintf(out, n, en ? "Certificate expired since %s" : "Chứng nhận đã hết hạn từ %s",
                 since);
        return "st-bad";
    }
    if (strcmp(st, "revoked") == 0) {
        snprintf(out, n, en ? "Certificate revoked on %s" : "Chứng nhận đã bị thu hồi ngày %s", on);
        return "st-bad";
    }
    snprintf(out, n, "%s",
             en ? "Certificate superseded by a newer one"
                : "Chứng nhận đã được thay bằng chứng nhận mới");
    return "st-none";
}

/* The status badge; with `detail`, a revocation's reason follows it. */
static void pub__cert_badge(struct ocop_buf *b, json_t *c, int en, int detail)
{
    char words[160];
    const char *cls = pub__cert_words(words, sizeof(words), c, en);
    html_raw(b, "<span class=\"st ");
    html_raw(b, cls);
    html_raw(b, "\">");
    html_txt(b, words);
    html_raw(b, "</span>");
    if (detail && page_str(c, "revoke_reason")) {
        pub__raw(b, "<p class=\"reason\">", en ? "Reason: " : "Lý do: ", NULL);
        html_txt(b, page_str(c, "revoke_reason"));
        html_raw(b, "</p>");
    }
}

static const char *pub__sector_name(const char *code, int en)
{
    const struct ocop_sector *s = code ? ocop_sector_find(code) : NULL;
    return s ? (en ? s->name_en : s->name_vi) : code;
}

static const char *pub__group_name(const char *code, int en)
{
    const struct ocop_group *g = code ? ocop_group_find(code) : NULL;
    return g ? (en ? g->name_en : g->name_vi) : code;
}

/* A ward's name in the page's language. */
static const char *pub__ward(json_t *ward, int en)
{
    const char *s = en ? page_str(ward, "full_name_en") : NULL;
    return s ? s : page_str(ward, "full_name");
}

/* ------------------------------------------------------------ shared pieces */

static void pub__css(struct ocop_buf *b)
{
    html_raw(
        b,
        "<style>main{max-width:64rem}h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .4rem}"
        ".lead{color:var(--mute)}.mute{color:var(--mute)}"
        ".stars .off{color:#d9d2c3}.st{display:inline-block;font-size:.88rem;padding:.1rem .55rem;"
        "border-radius:1rem;font-weight:600}.st-ok{background:#e2f3e8;color:var(--ok)}"
        ".st-warn{background:#fcefd2;color:var(--warn)}.st-bad{background:#fbe2e3;color:var(--bad)}"
        ".st-none{background:#eee;color:var(--mute)}"
        ".cards{list-style:none;padding:0;margin:.6rem 0;display:grid;gap:.7rem;"
        "grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}"
        ".card{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.7rem "
        ".9rem;"
        "display:flex;flex-direction:column;gap:.2rem}.card>a{font-weight:600;text-decoration:none;"
        "color:var(--ink)}.card>a:hover{color:var(--red);text-decoration:underline}"
        ".card .stars{font-size:1.05rem}.card .meta{font-size:.9rem;color:var(--mute)}"
        ".search{display:flex;gap:.4rem;margin:.6rem 0}.search input{flex:1;min-width:0}"
        "input,select,button{font:inherit;padding:.45rem .55rem;border:1px solid #bbb;"
        "border-radius:.35rem;background:#fff;color:var(--ink);max-width:100%}"
        "button{background:var(--red);color:#fff;border-color:var(--red);cursor:pointer}"
        ".tiles{list-style:none;padding:0;margin:.4rem 0;display:grid;gap:.6rem;"
        "grid-template-columns:repeat(auto-fill,minmax(10rem,1fr))}.tiles a{display:block;"
        "background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;"
        "text-decoration:none;color:var(--ink);height:100%}.tiles b{display:block;font-size:1.3rem;"
        "color:var(--red)}"
        "dd{overflow-wrap:anywhere}.text{white-space:pre-line}.reason{margin:.3rem 0 0}"
        "</style>");
}

/* One product as a card: name, stars, producer, ward, certificate status. */
static void pub__card(struct ocop_buf *b, struct http_req *req, json_t *p, int en)
{
    json_t *c = json_object_get(p, "certificate");
    html_raw(b, "<li class=\"card\">");
    pub__link_id(b, req, "/products/", page_int(p, "id"), page_str(p, "name"));
    pub__stars(b, page_int(c, "stars"), en);
    html_raw(b, "<span class=\"meta\">");
    html_txt(b, page_str(json_object_get(p, "producer"), "name"));
    html_raw(b, "</span><span class=\"meta\">");
    html_txt(b, pub__ward(json_object_get(p, "ward"), en));
    html_raw(b, "</span><span>");
    pub__cert_badge(b, c, en, 0);
    html_raw(b, "</span></li>");
}

static void pub__cards(struct ocop_buf *b, struct http_req *req, json_t *items, int en)
{
    json_t *p;
    size_t i;
    html_raw(b, "<ul class=\"cards\">");
    json_array_foreach(items, i, p) pub__card(b, req, p, en);
    html_raw(b, "</ul>");
}

static void pub__row_int(struct ocop_buf *b, const char *label, json_t *v, int en)
{
    if (!json_is_integer(v))
        return;
    html_raw(b, "<dt>");
    html_txt(b, label);
    html_raw(b, "</dt><dd>");
    pub__int(b, json_integer_value(v), en);
    html_raw(b, "</dd>");
}

/* A row whose value links to the catalogue of a ward. */
static void pub__row_ward(struct ocop_buf *b, struct http_req *req, json_t *ward, int en)
{
    char path[64];
    if (!page_str(ward, "code"))
        return;
    snprintf(path, sizeof(path), "/products?ward=%.8s", page_str(ward, "code"));
    pub__raw(b, "<dt>", en ? "Ward or commune" : "Phường, xã", "</dt><dd><a href=\"", NULL);
    pub__href(b, req, path);
    html_raw(b, "\">");
    html_txt(b, pub__ward(ward, en));
    html_raw(b, "</a>, ");
    html_txt(b, page_str(ward, "province_name"));
    html_raw(b, "</dd>");
}

/* The search box and its button (and the language, kept): inside a GET form to /products. */
static void pub__search(struct ocop_buf *b, struct http_req *req, const char *q, int en)
{
    pub__raw(b,
             "<div class=\"search\"><input type=\"search\" name=\"q\" maxlength=\"200\" "
             "aria-label=\"",
             en ? "Search products" : "Tìm sản phẩm", "\" placeholder=\"",
             en ? "Product, producer or place…" : "Tên sản phẩm, chủ thể, địa phương…",
             "\" value=\"", NULL);
    html_attr(b, q);
    html_raw(b, "\">");
    if (pub__lang(req)) {
        html_raw(b, "<input type=\"hidden\" name=\"lang\" value=\"");
        html_attr(b, pub__lang(req));
        html_raw(b, "\">");
    }
    pub__raw(b, "<button type=\"submit\">", en ? "Search" : "Tìm", "</button></div>", NULL);
}

/* A list's total with a filter (per_page 1: only the count is wanted). */
static int pub__total(long long *total, struct http_req *req, struct ocop_filter *f)
{
    json_t *res = NULL;
    int rc;
    f->page = 1;
    f->per_page = 1;
    if ((rc = ocop_app_list(&res, &req->app, "products", f)) == 0)
        *total = page_int(res, "total");
    json_decref(res);
    return rc;
}

static void pub__filter_init(struct ocop_filter *f)
{
    memset(f, 0, sizeof(*f));
    f->cert_status = f->recognised = f->candidate = -1;
    f->page = 1;
    f->per_page = PUB_PER_PAGE;
}

/* ------------------------------------------------------------ home */

static int home__counts(struct ocop_buf *b, struct http_req *req, int en)
{
    struct ocop_filter f;
    long long n;
    int rc;

    pub__raw(b, "<section><h2>", en ? "Products by stars" : "Sản phẩm theo hạng sao",
             "</h2><ul class=\"tiles\">", NULL);
    for (int stars = 5; stars >= 3; stars--) {
        char path[32];
        pub__filter_init(&f);
        f.stars = stars;
        if ((rc = pub__total(&n, req, &f)) != 0)
            return rc;
        snprintf(path, sizeof(path), "/products?stars=%d", stars);
        html_raw(b, "<li><a href=\"");
        pub__href(b, req, path);
        html_raw(b, "\">");
        pub__stars(b, stars, en);
        html_raw(b, "<b>");
        pub__int(b, n, en);
        pub__raw(b, "</b>", en ? "products" : "sản phẩm", "</a></li>", NULL);
    }
    html_raw(b, "</ul></section>");
    return 0;
}

static int home__sectors(struct ocop_buf *b, struct http_req *req, int en)
{
    struct ocop_filter f;
    long long n;
    int rc;

    pub__raw(b, "<section><h2>", en ? "Sectors" : "Ngành hàng", "</h2><ul class=\"tiles\">", NULL);
    for (int i = 0; i < ocop_sectors_count; i++) {
        char path[64];
        pub__filter_init(&f);
        f.sector = ocop_sectors[i].code;
        if ((rc = pub__total(&n, req, &f)) != 0)
            return rc;
        snprintf(path, sizeof(path), "/products?sector=%s", ocop_sectors[i].code);
        html_raw(b, "<li><a href=\"");
        pub__href(b, req, path);
        html_raw(b, "\">");
        html_txt(b, en ? ocop_sectors[i].name_en : ocop_sectors[i].name_vi);
        html_raw(b, "<b>");
        pub__int(b, n, en);
        html_raw(b, "</b></a></li>");
    }
    html_raw(b, "</ul></section>");
    return 0;
}

/* Up to six 5-star products whose certificate is valid, then expiring ones (new array). */
static int home__featured(json_t **out, struct http_req *req)
{
    static const int statuses[] = {OCOP_CERT_VALID, OCOP_CERT_EXPIRING};
    struct ocop_filter f;
    json_t *res = NULL;
    int rc = 0;

    *out = json_array();
    for (size_t i = 0; !rc && i < 2 && json_array_size(*out) < 6; i++) {
        pub__filter_init(&f);
        f.stars = 5;
        f.cert_status = statuses[i];
        f.per_page = 6 - (long long)json_array_size(*out);
        if ((rc = ocop_app_list(&res, &req->app, "products", &f)) == 0)
            json_array_extend(*out, json_object_get(res, "items"));
        json_decref(res);
        res = NULL;
    }
    return rc;
}

PAGE(page_home)
{
    static const char *const allowed[] = {"lang", NULL};
    struct ocop_buf b;
    json_t *featured = NULL;
    int en = web_en(req), rc;

    ocop_buf_init(&b, PUB_PAGE_MAX);
    if ((rc = pub__check(req, allowed)) != 0)
        goto done;
    web_open(&b, req, en ? "OCOP products" : "Sản phẩm OCOP");
    pub__css(&b);
    pub__raw(&b, "<h1>", en ? "OCOP: One Commune One Product" : "OCOP: Mỗi xã một sản phẩm",
             "</h1><p class=\"lead\">", NULL);
    html_raw(&b,
             en ? "The OCOP programme assesses the typical products of Vietnam's communes and "
                  "rates the best of them from 3 to 5 stars. Look up a product, its producer, its "
                  "craft village, and whether its certificate is valid today."
                : "Chương trình OCOP đánh giá các sản phẩm đặc trưng của các xã, phường và công "
                  "nhận sản phẩm đạt từ 3 đến 5 sao. Tra cứu sản phẩm, chủ thể sản xuất, làng "
                  "nghề và hiệu lực của giấy chứng nhận.");
    html_raw(&b, "</p>");
    html_raw(&b, "<form method=\"get\" action=\"/products\" role=\"search\">");
    pub__search(&b, req, NULL, en);
    html_raw(&b, "</form>");
    if ((rc = home__counts(&b, req, en)) != 0 || (rc = home__sectors(&b, req, en)) != 0)
        goto done;
    pub__raw(&b, "<section><h2>", en ? "Map" : "Bản đồ", "</h2><p>",
             en ? "Where are the certified products? " : "Sản phẩm OCOP ở đâu? ", "<a href=\"",
             NULL);
    pub__href(&b, req, "/map");
    pub__raw(&b, "\">",
             en ? "See the map of Hanoi's wards and communes"
                : "Xem bản đồ các phường, xã của Hà Nội",
             "</a></p></section>", NULL);

    if ((rc = home__featured(&featured, req)) != 0)
        goto done;
    if (json_array_size(featured)) {
        pub__raw(&b, "<h2>", en ? "Featured 5-star products" : "Sản phẩm 5 sao tiêu biểu", "</h2>",
                 NULL);
        pub__cards(&b, req, featured, en);
        html_raw(&b, "<p><a href=\"");
        pub__href(&b, req, "/products?stars=5");
        pub__raw(&b, "\">", en ? "All 5-star products" : "Tất cả sản phẩm 5 sao", "</a></p>", NULL);
    }
    web_close(&b, req);
    rc = web_send(resp, &b);
done:
    json_decref(featured);
    ocop_buf_dispose(&b);
    return rc;
}

/* ------------------------------------------------------------ catalogue */

/* The catalogue's filters as asked for (empty form fields count as absent). */
struct cat_query {
    const char *q, *sector, *certificate, *ward;
    long long stars, village, producer, page;
    json_t *ward_rec, *village_rec, *producer_rec; /* the named records, for their names */
};

static const char *cat__get(struct http_req *req, const char *key)
{
    const char *v = ocop_query_get(&req->query, key);
    return v && *v ? v : NULL;
}

/* An optional whole number in [min, max] (0 when absent). */
static int cat__int(long long *out, struct http_req *req, const char *key, long long min,
                    long long max)
{
    const char *v = cat__get(req, key);
    *out = 0;
    if (v && ocop_parse_int(out, v, min, max) != 0)
        return ocop_error_set_field(OCOP_EINVALID, key,
                                    "%s must be a whole number from %lld to %lld", key, min, max);
    return 0;
}

/* Reads and checks the catalogue's query into q and the store's filter f. */
static int cat__parse(struct cat_query *q, struct ocop_filter *f, struct http_req *req)
{
    static const char *const allowed[] = {"q",       "sector",   "stars", "certificate", "ward",
                                          "village", "producer", "page",  "lang",        NULL};
    char key[24];
    int rc;

    memset(q, 0, sizeof(*q));
    pub__filter_init(f);
    if ((rc = pub__check(req, allowed)) != 0 ||
        (rc = cat__int(&q->stars, req, "stars", 3, 5)) != 0 ||
        (rc = cat__int(&q->village, req, "village", 1, INT64_MAX)) != 0 ||
        (rc = cat__int(&q->producer, req, "producer", 1, INT64_MAX)) != 0 ||
        (rc = cat__int(&q->page, req, "page", 1, 1000000)) != 0)
        return rc;
    if ((q->q = cat__get(req, "q")) && strlen(q->q) > 200)
        return ocop_error_set_field(OCOP_EINVALID, "q", "the search is longer than 200 characters");
    if ((q->sector = cat__get(req, "sector")) && !ocop_sector_find(q->sector))
        return ocop_error_set_field(OCOP_EINVALID, "sector",
                                    "sector is not a sector of Decision 148");
    if ((q->certificate = cat__get(req, "certificate"))) {
        enum ocop_cert_status s;
        if ((rc = ocop_cert_status_parse(&s, q->certificate)) != 0)
            return rc;
        f->cert_status = (int)s;
    }
    if ((q->ward = cat__get(req, "ward"))) {
        if (strlen(q->ward) != 5 || strspn(q->ward, "0123456789") != 5 ||
            ocop_app_get(&q->ward_rec, &req->app, "wards", q->ward) != 0)
            return ocop_error_set_field(OCOP_EINVALID, "ward", "no ward or commune has that code");
    }
    snprintf(key, sizeof(key), "%lld", q->village);
    if (q->village && ocop_app_get(&q->village_rec, &req->app, "villages", key) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "village", "no craft village has that id");
    snprintf(key, sizeof(key), "%lld", q->producer);
    if (q->producer && ocop_app_get(&q->producer_rec, &req->app, "producers", key) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "producer", "no producer has that id");
    f->q = q->q;
    f->sector = q->sector;
    f->stars = (int)q->stars;
    f->ward_code = q->ward;
    f->village_id = q->village;
    f->producer_id = q->producer;
    f->page = q->page ? q->page : 1;
    return 0;
}

static void cat__dispose(struct cat_query *q)
{
    json_decref(q->ward_rec);
    json_decref(q->village_rec);
    json_decref(q->producer_rec);
}

/* The catalogue's href with the current filters, but page `page` (1: none) and without
 * the filter named `drop` (NULL: keep all). */
static void cat__href(struct ocop_buf *b, struct http_req *req, const struct cat_query *q,
                      long long page, const char *drop)
{
    const char *sep = "?";
    const char *const keys[] = {"q",    "sector",  "stars",   "certificate",
                                "ward", "village", "producer"};
    html_raw(b, "/products");
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *v = cat__get(req, keys[i]);
        if (!v || (drop && strcmp(drop, keys[i]) == 0))
            continue;
        html_raw(b, sep);
        html_raw(b, keys[i]);
        html_raw(b, "=");
        html_url_arg(b, v);
        sep = "&amp;";
    }
    if (page > 1) {
        html_raw(b, sep);
        html_raw(b, "page=");
        html_int(b, page);
        sep = "&amp;";
    }
    if (pub__lang(req)) {
        html_raw(b, sep);
        html_raw(b, "lang=");
        html_url_arg(b, pub__lang(req));
    }
}

/* <option value="v" selected>label</option> */
static void cat__option(struct ocop_buf *b, const char *value, const char *label, int selected)
{
    html_raw(b, "<option value=\"");
    html_attr(b, value);
    html_raw(b, selected ? "\" selected>" : "\">");
    html_txt(b, label);
    html_raw(b, "</option>");
}

static void cat__select_open(struct ocop_buf *b, const char *name, const char *label,
                             const char *any)
{
    html_raw(b, "<label>");
    html_txt(b, label);
    html_raw(b, "<select name=\"");
    html_raw(b, name);
    html_raw(b, "\">");
    cat__option(b, "", any, 0);
}

/* The wards of the province as options, and the asked-for ward if it lies elsewhere. */
static int cat__wards(struct ocop_buf *b, struct http_req *req, const struct cat_query *q, int en)
{
    struct ocop_filter f;
    json_t *res = NULL, *w;
    size_t i;
    int found = 0, rc;

    pub__filter_init(&f);
    f.per_page = 200;
    f.province_code = PUB_PROVINCE;
    if ((rc = ocop_app_list(&res, &req->app, "wards", &f)) != 0)
        return rc;
    cat__select_open(b, "ward", en ? "Ward or commune" : "Phường, xã", en ? "All" : "Tất cả");
    if (q->ward_rec &&
        strcmp(page_str(q->ward_rec, "province_code") ? page_str(q->ward_rec, "province_code") : "",
               PUB_PROVINCE) != 0) {
        cat__option(b, q->ward, pub__ward(q->ward_rec, en), 1);
        found = 1;
    }
    json_array_foreach(json_object_get(res, "items"), i, w)
    {
        int sel =
            !found && q->ward && page_str(w, "code") && strcmp(q->ward, page_str(w, "code")) == 0;
        cat__option(b, page_str(w, "code"), pub__ward(w, en), sel);
    }
    html_raw(b, "</select></label>");
    json_decref(res);
    return 0;
}

/* The craft villages of the chosen ward as a select (none chosen: left out). */
static int cat__villages(struct ocop_buf *b, struct http_req *req, const struct cat_query *q,
                         int en)
{
    struct ocop_filter f;
    json_t *res = NULL, *v;
    size_t i;
    int rc, listed = 0;

    if (!q->ward)
        return 0;
    pub__filter_init(&f);
    f.per_page = 200;
    f.ward_code = q->ward;
    if ((rc = ocop_app_list(&res, &req->app, "villages", &f)) != 0)
        return rc;
    if (json_array_size(json_object_get(res, "items")) || q->village) {
        cat__select_open(b, "village", en ? "Craft village" : "Làng nghề", en ? "All" : "Tất cả");
        json_array_foreach(json_object_get(res, "items"), i, v)
        {
            char id[24];
            snprintf(id, sizeof(id), "%lld", page_int(v, "id"));
            listed |= page_int(v, "id") == q->village;
            cat__option(b, id, page_str(v, "name"), page_int(v, "id") == q->village);
        }
        if (q->village && !listed) {
            char id[24];
            snprintf(id, sizeof(id), "%lld", q->village);
            cat__option(b, id, page_str(q->village_rec, "name"), 1);
        }
        html_raw(b, "</select></label>");
    }
    json_decref(res);
    return 0;
}

/* A filter that has no field of its own (a producer, a village without its ward): shown
 * with a link that removes it, and kept in the form by a hidden field. */
static void cat__chip(struct ocop_buf *b, struct http_req *req, const struct cat_query *q,
                      const char *key, const char *label, const char *name, int en)
{
    html_raw(b, "<p class=\"chip\">");
    html_txt(b, label);
    html_raw(b, ": <strong>");
    html_txt(b, name);
    html_raw(b, "</strong> <a href=\"");
    cat__href(b, req, q, 1, key);
    pub__raw(b, "\">", en ? "remove" : "bỏ lọc", "</a><input type=\"hidden\" name=\"", NULL);
    html_raw(b, key);
    html_raw(b, "\" value=\"");
    html_attr(b, cat__get(req, key));
    html_raw(b, "\"></p>");
}

static int cat__form(struct ocop_buf *b, struct http_req *req, const struct cat_query *q, int en)
{
    int rc;

    /* one form: searching keeps the filters and filtering keeps the search */
    html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/products\" role=\"search\">");
    pub__search(b, req, q->q, en);
    cat__select_open(b, "sector", en ? "Sector" : "Ngành hàng", en ? "All" : "Tất cả");
    for (int i = 0; i < ocop_sectors_count; i++)
        cat__option(b, ocop_sectors[i].code, en ? ocop_sectors[i].name_en : ocop_sectors[i].name_vi,
                    q->sector && strcmp(q->sector, ocop_sectors[i].code) == 0);
    html_raw(b, "</select></label>");
    cat__select_open(b, "stars", en ? "Stars" : "Hạng sao", en ? "All" : "Tất cả");
    for (int s = 5; s >= 3; s--) {
        char v[2] = {(char)('0' + s), 0}, label[32];
        snprintf(label, sizeof(label), en ? "%d stars" : "%d sao", s);
        cat__option(b, v, label, q->stars == s);
    }
    html_raw(b, "</select></label>");
    cat__select_open(b, "certificate", en ? "Certificate" : "Giấy chứng nhận",
                     en ? "All" : "Tất cả");
    for (size_t i = 0; i < sizeof(page_cert_statuses) / sizeof(page_cert_statuses[0]); i++)
        cat__option(b, page_cert_statuses[i][0], page_cert_statuses[i][en ? 2 : 1],
                    q->certificate && strcmp(q->certificate, page_cert_statuses[i][0]) == 0);
    html_raw(b, "</select></label>");
    if ((rc = cat__wards(b, req, q, en)) != 0 || (rc = cat__villages(b, req, q, en)) != 0)
        return rc;
    pub__raw(b, "<button type=\"submit\">", en ? "Filter" : "Lọc", "</button>", NULL);
    if (q->village && !q->ward)
        cat__chip(b, req, q, "village", en ? "Craft village" : "Làng nghề",
                  page_str(q->village_rec, "name"), en);
    if (q->producer)
        cat__chip(b, req, q, "producer", en ? "Producer" : "Chủ thể",
                  page_str(q->producer_rec, "name"), en);
    html_raw(b, "</form>");
    return 0;
}

/* "Page 2 of 9" with previous and next links that keep the filters. */
static void cat__pager(struct ocop_buf *b, struct http_req *req, const struct cat_query *q,
                       long long page, long long pages, int en)
{
    if (pages <= 1)
        return;
    pub__raw(b, "<nav class=\"pager\" aria-label=\"", en ? "Pages" : "Trang", "\">", NULL);
    if (page > 1) {
        html_raw(b, "<a rel=\"prev\" href=\"");
        cat__href(b, req, q, page - 1 <= pages ? page - 1 : pages, NULL);
        pub__raw(b, "\">← ", en ? "Previous" : "Trang trước", "</a>", NULL);
    } else {
        html_raw(b, "<span></span>");
    }
    pub__raw(b, "<span>", en ? "Page " : "Trang ", NULL);
    pub__int(b, page, en);
    html_raw(b, " / ");
    pub__int(b, pages, en);
    html_raw(b, "</span>");
    if (page < pages) {
        html_raw(b, "<a rel=\"next\" href=\"");
        cat__href(b, req, q, page + 1, NULL);
        pub__raw(b, "\">", en ? "Next" : "Trang sau", " →</a>", NULL);
    } else {
        html_raw(b, "<span></span>");
    }
    html_raw(b, "</nav>");
}

static void cat__css(struct ocop_buf *b)
{
    html_raw(b,
             "<style>form.filters{display:grid;gap:.5rem .7rem;align-items:end;"
             "grid-template-columns:repeat(auto-fill,minmax(11rem,1fr))}form.filters label{"
             "display:flex;flex-direction:column;font-size:.85rem;color:var(--mute);gap:.15rem}"
             "form.filters select{width:100%}.chip{grid-column:1/-1;margin:0}"
             ".filters .search{grid-column:1/-1;margin:.2rem 0 "
             "0}.count{font-weight:600;margin:.9rem 0 .2rem}.pager{display:flex;"
             "justify-content:space-between;align-items:center;gap:.5rem;margin:1rem 0}"
             ".pager a{padding:.4rem .7rem;border:1px solid var(--line);border-radius:.35rem;"
             "background:#fff;text-decoration:none}.empty{background:#fff;border:1px dashed #ccc;"
             "border-radius:.5rem;padding:1rem}</style>");
}

PAGE(page_catalog)
{
    struct cat_query q;
    struct ocop_filter f;
    struct ocop_buf b;
    json_t *res = NULL;
    long long total, pages;
    int en = web_en(req), rc;

    ocop_buf_init(&b, PUB_PAGE_MAX);
    if ((rc = cat__parse(&q, &f, req)) != 0 ||
        (rc = ocop_app_list(&res, &req->app, "products", &f)) != 0)
        goto done;
    total = page_int(res, "total");
    pages = page_int(res, "pages");
    web_open(&b, req, en ? "OCOP products" : "Sản phẩm OCOP");
    pub__css(&b);
    cat__css(&b);
    pub__raw(&b, "<h1>", en ? "OCOP products" : "Sản phẩm OCOP", "</h1>", NULL);
    if ((rc = cat__form(&b, req, &q, en)) != 0)
        goto done;
    html_raw(&b, "<p class=\"count\" role=\"status\">");
    pub__int(&b, total, en);
    html_raw(&b, en ? (total == 1 ? " product" : " products") : " sản phẩm");
    if (q.q) {
        html_raw(&b, en ? " matching “" : " khớp với “");
        html_txt(&b, q.q);
        html_raw(&b, "”");
    }
    html_raw(&b, "</p>");
    if (json_array_size(json_object_get(res, "items"))) {
        pub__cards(&b, req, json_object_get(res, "items"), en);
    } else {
        html_raw(&b, "<p class=\"empty\">");
        html_raw(
            &b, total ? (en ? "There are no products on this page. "
                            : "Không có sản phẩm nào ở trang này. ")
                      : (en ? "No product matches. Try other words or fewer filters. "
                            : "Không tìm thấy sản phẩm nào. Hãy thử từ khác hoặc bỏ bớt bộ lọc. "));
        html_raw(&b, "<a href=\"");
        if (total)
            cat__href(&b, req, &q, 1, NULL);
        else
            pub__href(&b, req, "/products");
        html_raw(&b, "\">");
        html_raw(&b, total ? (en ? "First page" : "Trang đầu")
                           : (en ? "All products" : "Tất cả sản phẩm"));
        html_raw(&b, "</a></p>");
    }
    cat__pager(&b, req, &q, f.page, pages, en);
    web_close(&b, req);
    rc = web_send(resp, &b);
done:
    cat__dispose(&q);
    json_decref(res);
    ocop_buf_dispose(&b);
    return rc;
}

/* ------------------------------------------------------------ one product */

/* Reads a record by the {id} of the path; OCOP_ENOTFOUND for anything but an id. */
static int pub__record(json_t **out, struct http_req *req, const char *kind)
{
    static const char *const allowed[] = {"lang", NULL};
    char key[24];
    int64_t id;
    int rc;
    *out = NULL;
    if ((rc = http_param_id(&id, req, 0)) != 0 || (rc = pub__check(req, allowed)) != 0)
        return rc;
    snprintf(key, sizeof(key), "%lld", (long long)id);
    return ocop_app_get(out, &req->app, kind, key);
}

static void product__certificate(struct ocop_buf *b, json_t *c, int en)
{
    char d1[16], d2[16], line[80];
    pub__raw(b, "<section><h2>", en ? "OCOP certificate" : "Giấy chứng nhận OCOP", "</h2>", NULL);
    if (!json_is_object(c)) {
        pub__raw(b, "<p>",
                 en ? "This product holds no OCOP certificate yet."
                    : "Sản phẩm chưa có giấy chứng nhận OCOP.",
                 "</p></section>", NULL);
        return;
    }
    html_raw(b, "<dl>");
    html_dl_row(b, en ? "Number" : "Số chứng nhận", page_str(c, "number"));
    pub__date(d1, sizeof(d1), page_str(c, "decision_date"));
    snprintf(line, sizeof(line), en ? "%s of %s" : "%s ngày %s",
             page_str(c, "decision_number") ? page_str(c, "decision_number") : "", d1);
    html_dl_row(b, en ? "Decision" : "Quyết định", page_str(c, "decision_number") ? line : NULL);
    html_dl_row(b, en ? "Recognised by" : "Cấp công nhận",
                page_str(c, "issuing_level") && strcmp(page_str(c, "issuing_level"), "central") == 0
                    ? (en ? "Central government" : "Trung ương")
                    : (en ? "Province" : "Tỉnh, thành phố"));
    pub__date(d1, sizeof(d1), page_str(c, "valid_from"));
    pub__date(d2, sizeof(d2), page_str(c, "valid_until"));
    snprintf(line, sizeof(line), "%s – %s", d1, d2);
    html_dl_row(b, en ? "Valid" : "Thời hạn", line);
    html_dl_row(b, en ? "Under decision" : "Theo quyết định", page_str(c, "ruleset"));
    html_raw(b, "</dl><p><a href=\"/api/v1/certificates/");
    html_int(b, page_int(c, "id"));
    pub__raw(b, "/pdf\">", en ? "Download the certificate (PDF)" : "Tải giấy chứng nhận (PDF)",
             "</a></p></section>", NULL);
}

/* Where to buy: no sales points are recorded yet, so the producer's contact instead. */
static void product__buy(struct ocop_buf *b, struct http_req *req, json_t *producer, int en)
{
    pub__raw(b, "<section><h2>", en ? "Where to buy" : "Nơi mua", "</h2><p>",
             en ? "No points of sale are listed yet. Ask the producer: "
                : "Chưa có thông tin điểm bán. Hãy liên hệ chủ thể sản xuất: ",
             NULL);
    pub__link_id(b, req, "/producers/", page_int(producer, "id"), page_str(producer, "name"));
    if (page_str(producer, "phone")) {
        html_raw(b, ", ");
        html_txt(b, page_str(producer, "phone"));
    }
    if (page_str(producer, "address")) {
        html_raw(b, ", ");
        html_txt(b, page_str(producer, "address"));
    }
    html_raw(b, ".</p></section>");
}

/* A QR code of the page's own public address, to share or print. */
static void product__qr(struct ocop_buf *b, struct http_req *req, long long id, int en)
{
    char url[600];
    struct ocop_qr *qr = NULL;
    snprintf(url, sizeof(url), "%s/products/%lld", req->app.public_url ? req->app.public_url : "",
             id);
    if (ocop_qr_new(&qr, url, OCOP_QR_ECC_M) != 0)
        return;
    html_raw(b, "<figure class=\"qr\">");
    ocop_qr_svg(b, qr, NULL);
    pub__raw(b, "<figcaption>", en ? "Scan to open this page: " : "Quét để mở trang này: ", NULL);
    html_txt(b, url);
    html_raw(b, "</figcaption></figure>");
    ocop_qr_free(qr);
}

/* Up to six other products of the same producer. */
static int product__others(struct ocop_buf *b, struct http_req *req, json_t *p, int en)
{
    struct ocop_filter f;
    json_t *res = NULL, *items, *o, *keep = json_array();
    size_t i;
    int rc;

    pub__filter_init(&f);
    f.producer_id = page_int(p, "producer_id");
    f.per_page = 7;
    if ((rc = ocop_app_list(&res, &req->app, "products", &f)) != 0)
        goto done;
    items = json_object_get(res, "items");
    json_array_foreach(items, i, o) if (page_int(o, "id") != page_int(p, "id") &&
                                        json_array_size(keep) < 6) json_array_append(keep, o);
    if (json_array_size(keep)) {
        pub__raw(b, "<h2>", en ? "More from this producer" : "Sản phẩm khác của chủ thể", "</h2>",
                 NULL);
        pub__cards(b, req, keep, en);
    }
done:
    json_decref(keep);
    json_decref(res);
    return rc;
}

static void product__facts(struct ocop_buf *b, struct http_req *req, json_t *p, int en)
{
    json_t *prod = json_object_get(p, "producer"), *v = json_object_get(p, "village");
    html_raw(b, "<section><dl>");
    html_dl_row(b, en ? "Sector" : "Ngành hàng", pub__sector_name(page_str(p, "sector"), en));
    html_dl_row(b, en ? "Product group" : "Nhóm sản phẩm",
                pub__group_name(page_str(p, "group"), en));
    pub__raw(b, "<dt>", en ? "Producer" : "Chủ thể", "</dt><dd>", NULL);
    pub__link_id(b, req, "/producers/", page_int(prod, "id"), page_str(prod, "name"));
    if (page_str(prod, "kind")) {
        html_raw(b, " <span class=\"mute\">(");
        html_txt(b, page_name(PAGE_NAMES(page_producer_kinds), page_str(prod, "kind"), en));
        html_raw(b, ")</span>");
    }
    html_raw(b, "</dd>");
    pub__row_ward(b, req, json_object_get(p, "ward"), en);
    if (json_is_object(v)) {
        pub__raw(b, "<dt>", en ? "Craft village" : "Làng nghề", "</dt><dd>", NULL);
        pub__link_id(b, req, "/villages/", page_int(v, "id"), page_str(v, "name"));
        html_raw(b, "</dd>");
    }
    html_dl_row(b, "GTIN", page_str(p, "gtin"));
    if (page_str(p, "status") && strcmp(page_str(p, "status"), "active") != 0)
        html_dl_row(b, en ? "Production" : "Sản xuất",
                    strcmp(page_str(p, "status"), "suspended") == 0
                        ? (en ? "Suspended" : "Tạm dừng")
                        : (en ? "Discontinued" : "Đã ngừng"));
    html_raw(b, "</dl></section>");
}

static void product__text(struct ocop_buf *b, const char *title, const char *text)
{
    if (!text || !*text)
        return;
    html_raw(b, "<section><h2>");
    html_txt(b, title);
    html_raw(b, "</h2><p class=\"text\">");
    html_txt(b, text);
    html_raw(b, "</p></section>");
}

PAGE(page_product)
{
    json_t *p = NULL, *producer = NULL, *c;
    struct ocop_buf b;
    char key[24];
    int en = web_en(req), rc;

    ocop_buf_init(&b, PUB_PAGE_MAX);
    if ((rc = pub__record(&p, req, "products")) != 0)
        goto done;
    snprintf(key, sizeof(key), "%lld", page_int(p, "producer_id"));
    if ((rc = ocop_app_get(&producer, &req->app, "producers", key)) != 0)
        goto done;
    c = json_object_get(p, "certificate");
    web_open(&b, req, page_str(p, "name"));
    pub__css(&b);
    pub__raw(&b,
             "<style>.head .stars{font-size:1.6rem}.head p{margin:.3rem 0}"
             ".qr{margin:0;text-align:center}.qr svg{width:9rem;height:9rem}.qr figcaption{"
             "font-size:.8rem;color:var(--mute);overflow-wrap:anywhere}"
             "@media(min-width:52rem){.two{display:grid;grid-template-columns:2fr 1fr;gap:1rem;"
             "align-items:start}}</style>",
             "<p class=\"mute\"><a href=\"", NULL);
    pub__href(&b, req, "/products");
    pub__raw(&b, "\">", en ? "OCOP products" : "Sản phẩm OCOP", "</a></p><div class=\"head\"><h1>",
             NULL);
    html_txt(&b, page_str(p, "name"));
    html_raw(&b, "</h1><p>");
    pub__stars(&b, page_int(c, "stars"), en);
    html_raw(&b, "</p><div>");
    pub__cert_badge(&b, c, en, 1);
    html_raw(&b, "</div></div><div class=\"two\"><div>");
    product__facts(&b, req, p, en);
    product__text(&b, en ? "Description" : "Mô tả", page_str(p, "description"));
    product__text(&b, en ? "The product's story" : "Câu chuyện sản phẩm", page_str(p, "story"));
    product__buy(&b, req, producer, en);
    html_raw(&b, "</div><div>");
    product__certificate(&b, c, en);
    html_raw(&b, "<section>");
    product__qr(&b, req, page_int(p, "id"), en);
    html_raw(&b, "</section></div></div>");
    if ((rc = product__others(&b, req, p, en)) != 0)
        goto done;
    web_close(&b, req);
    rc = web_send(resp, &b);
done:
    json_decref(producer);
    json_decref(p);
    ocop_buf_dispose(&b);
    return rc;
}

/* ------------------------------------------------------------ producer, village */

/* The products of a producer or village: the first `max` as cards, and a link to the
 * catalogue filtered to all of them when there are more. */
static int pub__products_of(struct ocop_buf *b, struct http_req *req, const char *key, long long id,
                            int en)
{
    struct ocop_filter f;
    json_t *res = NULL;
    long long total;
    int rc;

    pub__filter_init(&f);
    f.per_page = 24;
    if (strcmp(key, "producer") == 0)
        f.producer_id = id;
    else
        f.village_id = id;
    if ((rc = ocop_app_list(&res, &req->app, "products", &f)) != 0)
        return rc;
    total = page_int(res, "total");
    pub__raw(b, "<h2>", en ? "Products" : "Sản phẩm", " (", NULL);
    pub__int(b, total, en);
    html_raw(b, ")</h2>");
    if (total == 0) {
        pub__raw(b, "<p class=\"mute\">",
                 en ? "No products are registered yet." : "Chưa có sản phẩm nào được đăng ký.",
                 "</p>", NULL);
    }
    pub__cards(b, req, json_object_get(res, "items"), en);
    if (total > (long long)json_array_size(json_object_get(res, "items"))) {
        char path[64];
        snprintf(path, sizeof(path), "/products?%s=%lld", key, id);
        html_raw(b, "<p><a href=\"");
        pub__href(b, req, path);
        pub__raw(b, "\">", en ? "All products" : "Xem tất cả sản phẩm", "</a></p>", NULL);
    }
    json_decref(res);
    return 0;
}

/* Contacts as links: tel: with digits only, mailto:, and web sites over http(s) only. */
static void producer__contact(struct ocop_buf *b, json_t *p, int en)
{
    const char *phone = page_str(p, "phone"), *mail = page_str(p, "email"),
               *web = page_str(p, "website");
    if (phone) {
        char tel[40];
        size_t k = 0;
        for (const char *s = phone; *s && k + 1 < sizeof(tel); s++)
            if ((*s >= '0' && *s <= '9') || (*s == '+' && k == 0))
                tel[k++] = *s;
        tel[k] = '\0';
        pub__raw(b, "<dt>", en ? "Phone" : "Điện thoại", "</dt><dd><a href=\"tel:", NULL);
        html_attr(b, tel);
        html_raw(b, "\">");
        html_txt(b, phone);
        html_raw(b, "</a></dd>");
    }
    if (mail) {
        html_raw(b, "<dt>E-mail</dt><dd><a href=\"mailto:");
        html_attr(b, mail);
        html_raw(b, "\">");
        html_txt(b, mail);
        html_raw(b, "</a></dd>");
    }
    if (web) {
        int http = strncmp(web, "https://", 8) == 0 || strncmp(web, "http://", 7) == 0;
        pub__raw(b, "<dt>", en ? "Website" : "Trang web", "</dt><dd>", NULL);
        if (http) {
            html_raw(b, "<a rel=\"nofollow noopener\" href=\"");
            html_attr(b, web);
            html_raw(b, "\">");
        }
        html_txt(b, web);
        html_raw(b, http ? "</a></dd>" : "</dd>");
    }
}

PAGE(page_producer)
{
    json_t *p = NULL;
    struct ocop_buf b;
    char year[16];
    int en = web_en(req), rc;

    ocop_buf_init(&b, PUB_PAGE_MAX);
    if ((rc = pub__record(&p, req, "producers")) != 0)
        goto done;
    web_open(&b, req, page_str(p, "name"));
    pub__css(&b);
    html_raw(&b, "<h1>");
    html_txt(&b, page_str(p, "name"));
    html_raw(&b, "</h1><p class=\"lead\">");
    html_txt(&b, page_name(PAGE_NAMES(page_producer_kinds), page_str(p, "kind"), en));
    html_raw(&b, "</p><section><dl>");
    html_dl_row(&b, en ? "Address" : "Địa chỉ", page_str(p, "address"));
    pub__row_ward(&b, req, json_object_get(p, "ward"), en);
    html_dl_row(&b, en ? "Representative" : "Người đại diện", page_str(p, "representative"));
    producer__contact(&b, p, en);
    pub__row_int(&b, en ? "Members" : "Thành viên", json_object_get(p, "members"), en);
    pub__row_int(&b, en ? "Employees" : "Lao động", json_object_get(p, "employees"), en);
    snprintf(year, sizeof(year), "%lld", page_int(p, "founded_year"));
    html_dl_row(&b, en ? "Founded" : "Năm thành lập",
                json_is_integer(json_object_get(p, "founded_year")) ? year : NULL);
    html_dl_row(&b, en ? "Tax code" : "Mã số thuế", page_str(p, "tax_code"));
    html_raw(&b, "</dl></section>");
    if ((rc = pub__products_of(&b, req, "producer", page_int(p, "id"), en)) != 0)
        goto done;
    web_close(&b, req);
    rc = web_send(resp, &b);
done:
    json_decref(p);
    ocop_buf_dispose(&b);
    return rc;
}

PAGE(page_village)
{
    json_t *v = NULL, *revenue;
    struct ocop_buf b;
    int en = web_en(req), rc;

    ocop_buf_init(&b, PUB_PAGE_MAX);
    if ((rc = pub__record(&v, req, "villages")) != 0)
        goto done;
    web_open(&b, req, page_str(v, "name"));
    pub__css(&b);
    html_raw(&b, "<h1>");
    html_txt(&b, page_str(v, "name"));
    html_raw(&b, "</h1><p class=\"lead\">");
    if (json_is_true(json_object_get(v, "recognised"))) {
        html_raw(&b, en ? "Recognised craft village" : "Làng nghề được công nhận");
        if (json_is_integer(json_object_get(v, "recognised_year"))) {
            html_raw(&b, en ? " since " : " năm ");
            html_int(&b, page_int(v, "recognised_year"));
        }
    } else {
        html_raw(&b, en ? "Craft village (not formally recognised)"
                        : "Làng nghề (chưa được công nhận)");
    }
    html_raw(&b, "</p><section><dl>");
    html_dl_row(&b, en ? "Craft" : "Nghề", page_str(v, "craft"));
    pub__row_ward(&b, req, json_object_get(v, "ward"), en);
    pub__row_int(&b, en ? "Households" : "Số hộ", json_object_get(v, "households"), en);
    pub__row_int(&b, en ? "Workers" : "Lao động", json_object_get(v, "workers"), en);
    if (json_is_integer(revenue = json_object_get(v, "revenue_vnd"))) {
        pub__raw(&b, "<dt>", en ? "Yearly revenue" : "Doanh thu hằng năm", "</dt><dd>", NULL);
        pub__int(&b, json_integer_value(revenue), en);
        pub__raw(&b, en ? " VND" : " đồng", "</dd>", NULL);
    }
    html_raw(&b, "</dl>");
    if (page_str(v, "description")) {
        html_raw(&b, "<p class=\"text\">");
        html_txt(&b, page_str(v, "description"));
        html_raw(&b, "</p>");
    }
    html_raw(&b, "</section>");
    if ((rc = pub__products_of(&b, req, "village", page_int(v, "id"), en)) != 0)
        goto done;
    web_close(&b, req);
    rc = web_send(resp, &b);
done:
    json_decref(v);
    ocop_buf_dispose(&b);
    return rc;
}
