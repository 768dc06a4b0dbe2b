/*
 * page_public_catalog.c: the public catalogue's product list (vi, en), with its search,
 * its filters (sector, stars, certificate, ward, craft village, producer) and pages.
 */
#include "http/page_public.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/sectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUB_PROVINCE "01" /* the ward filter offers this province's wards */

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
                                    "%s must be a whole number from %lld to %lld%.0s", key, min,
                                    max, ocop_word_vi(key));
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
        cat__option(b, q->ward, page_ward_name(q->ward_rec, en), 1);
        found = 1;
    }
    json_array_foreach(json_object_get(res, "items"), i, w)
    {
        int sel =
            !found && q->ward && page_str(w, "code") && strcmp(q->ward, page_str(w, "code")) == 0;
        cat__option(b, page_str(w, "code"), page_ward_name(w, en), sel);
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
