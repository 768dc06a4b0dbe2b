/*
 * page_public.c: the public catalogue's home page, and what its page files share
 * (declared in page_public.h): the language and links, words and numbers, the style,
 * product cards and the search box. The catalogue is page_public_catalog.c; the pages
 * of a product, a producer and a craft village are page_public_records.c.
 * Reads only, through ocop_app_list/ocop_app_get; every data string through render/html.h.
 */
#include "http/page_public.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/sectors.h"
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUB_PER_PAGE 20

/* Literal markup pieces in a row, NULL-terminated: string literals only, never data. */
__attribute__((sentinel)) void pub__raw(struct ocop_buf *b, ...)
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
const char *pub__lang(struct http_req *req)
{
    return ocop_query_get(&req->query, "lang");
}

/* Refuses parameters a page does not take, and a language other than vi or en. */
int pub__check(struct http_req *req, const char *const *allowed)
{
    static const char *const langs[] = {"vi", "en", NULL};
    int lang, rc = ocop_query_only(&req->query, allowed);
    return rc ? rc : ocop_query_enum(&lang, &req->query, "lang", langs);
}

/* A local link's href value: the path (escaped), and the language if one was asked for. */
void pub__href(struct ocop_buf *b, struct http_req *req, const char *path)
{
    const char *lang = pub__lang(req);
    html_attr(b, path);
    if (lang) {
        html_raw(b, strchr(path, '?') ? "&amp;lang=" : "?lang=");
        html_url_arg(b, lang);
    }
}

/* <a href="/prefix/ID">text</a> */
void pub__link_id(struct ocop_buf *b, struct http_req *req, const char *prefix, long long id,
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
void pub__date(char *out, size_t n, const char *iso)
{
    if (iso && strlen(iso) >= 10)
        snprintf(out, n, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, n, "%s", iso ? iso : "");
}

/* A whole number with thousands separators: '.' in Vietnamese, ',' in English. */
void pub__int(struct ocop_buf *b, long long v, int en)
{
    char out[48];
    ocop_int_grouped(out, sizeof(out), v, en ? ',' : '.');
    html_txt(b, out);
}

/* Stars as text, the unearned ones pale; read out as "4 sao" / "4 stars". */
void pub__stars(struct ocop_buf *b, long long n, int en)
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
void pub__cert_badge(struct ocop_buf *b, json_t *c, int en, int detail)
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

/* ------------------------------------------------------------ shared pieces */

void pub__css(struct ocop_buf *b)
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
    html_txt(b, page_ward_name(json_object_get(p, "ward"), en));
    html_raw(b, "</span><span>");
    pub__cert_badge(b, c, en, 0);
    html_raw(b, "</span></li>");
}

void pub__cards(struct ocop_buf *b, struct http_req *req, json_t *items, int en)
{
    json_t *p;
    size_t i;
    html_raw(b, "<ul class=\"cards\">");
    json_array_foreach(items, i, p) pub__card(b, req, p, en);
    html_raw(b, "</ul>");
}

/* The search box and its button (and the language, kept): inside a GET form to /products. */
void pub__search(struct ocop_buf *b, struct http_req *req, const char *q, int en)
{
    pub__raw(b,
             "<div class=\"search\"><input type=\"search\" name=\"q\" maxlength=\"200\" "
             "aria-label=\"",
             en ? "Search products" : "Tìm sản phẩm", "\" placeholder=\"",
             en ? "Product, producer or place…" : "Sản phẩm, chủ thể, nơi sản xuất…", "\" value=\"",
             NULL);
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

void pub__filter_init(struct ocop_filter *f)
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
