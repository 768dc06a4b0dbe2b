/*
 * page_public_records.c: the public pages of one product (its certificate, QR code,
 * where to buy, other products), one producer and one craft village (vi, en).
 */
#include "http/page_public.h"
#include "core/entity.h"
#include "core/error.h"
#include "core/sectors.h"
#include "render/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    html_txt(b, page_ward_name(ward, en));
    html_raw(b, "</a>, ");
    html_txt(b, page_province_name(ward, en));
    html_raw(b, "</dd>");
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
    struct ocop_buf svg;
    snprintf(url, sizeof(url), "%s/products/%lld", req->app.public_url ? req->app.public_url : "",
             id);
    if (ocop_qr_new(&qr, url, OCOP_QR_ECC_M) != 0)
        return;
    ocop_buf_init(&svg, 256 * 1024);
    html_raw(b, "<figure class=\"qr\">");
    if (ocop_qr_svg(&svg, qr, NULL) == 0 && svg.len > 4 && strncmp(svg.data, "<svg", 4) == 0) {
        /* an image with a name for screen readers: role and label added to its <svg> */
        html_raw(b, "<svg role=\"img\" aria-label=\"");
        html_attr(b, en ? "QR code of this page's address" : "Mã QR địa chỉ của trang này");
        html_raw(b, "\"");
        ocop_buf_put(b, svg.data + 4, svg.len - 4);
    }
    ocop_buf_dispose(&svg);
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

/* The product's origin and history: its product-wide trace events as the stamp page's
 * timeline; a lot's own steps show only on that lot's stamps, which a line says when it has
 * some. Nothing when it has no events. Not cached (the page shows who is signed in): two
 * reads by the product's index. */
static int product__trace(struct ocop_buf *b, struct http_req *req, long long id, int en)
{
    const char *note = NULL;
    json_t *t = NULL;
    int rc;
    if ((rc = ocop_app_trace_product(&t, &req->app, id)) != 0)
        return rc;
    if (json_is_true(json_object_get(t, "lot_events")))
        note = en ? "A pack's own lot steps appear when its OCOP stamp is scanned."
                  : "Các công đoạn của riêng từng lô hiện ra khi quét tem OCOP trên bao bì.";
    page_trace_section(b, json_object_get(t, "items"),
                       en ? "Origin and history" : "Nguồn gốc và hành trình", note, en);
    json_decref(t);
    return 0;
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
    if ((rc = product__trace(&b, req, page_int(p, "id"), en)) != 0)
        goto done;
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

/* Contacts as links: tel: with digits only, mailto:, and web sites over http(s) only
 * (ocop_url_valid). */
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
    if (web && ocop_url_valid(web)) {
        /* an address stored before websites were checked, and not one, is not shown */
        pub__raw(b, "<dt>", en ? "Website" : "Trang web", "</dt><dd>", NULL);
        html_raw(b, "<a rel=\"nofollow noopener\" href=\"");
        html_attr(b, web);
        html_raw(b, "\">");
        html_txt(b, web);
        html_raw(b, "</a></dd>");
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
