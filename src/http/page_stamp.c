/* page_stamp.c: the page a shopper sees after scanning a stamp (vi, en). */
#include "http/pages.h"
#include "core/dates.h"
#include "core/sectors.h"
#include "core/trace.h"
#include "render/html.h"

#include <stdio.h>
#include <string.h>

#define T(vi, en) (en_ ? (en) : (vi))

static void page__verdict(struct ocop_buf *b, json_t *r, int en_)
{
    static const char *const titles[][2] = {{"genuine", "Tem chính hãng|Genuine stamp"},
                                            {"not_valid", "Tem thật, nhưng không còn hiệu lực|"
                                                          "Genuine, but not valid"},
                                            {"suspected_copy", "Nghi tem bị sao chép|"
                                                               "Suspected copy"},
                                            {"forged", "Không xác thực được|Unknown or forged"}};
    const char *v = page_str(r, "verdict"), *t = titles[3][1];
    size_t i;
    json_t *sig;
    for (i = 0; i < 4; i++)
        if (v && strcmp(v, titles[i][0]) == 0)
            t = titles[i][1];
    html_raw(b, "<div class=\"verdict v-");
    html_attr(b, v ? v : "forged");
    html_raw(b, "\" role=\"status\"><h1>");
    {
        const char *bar = strchr(t, '|');
        char head[80];
        snprintf(head, sizeof(head), "%.*s", en_ ? (int)strlen(bar + 1) : (int)(bar - t),
                 en_ ? bar + 1 : t);
        html_txt(b, head);
    }
    html_raw(b, "</h1><p>");
    html_txt(b, page_str(r, "sentence"));
    html_raw(b, "</p>");
    if (json_array_size(json_object_get(r, "signals"))) {
        html_raw(b, "<ul>");
        json_array_foreach(json_object_get(r, "signals"), i, sig)
        {
            html_raw(b, "<li>");
            html_txt(b, json_string_value(sig));
            html_raw(b, "</li>");
        }
        html_raw(b, "</ul>");
    }
    html_raw(b, "</div>");
}

static void page__product(struct ocop_buf *b, json_t *r, int en_)
{
    json_t *p = json_object_get(r, "product"), *c = json_object_get(r, "certificate");
    json_t *batch = json_object_get(json_object_get(r, "stamp"), "batch");
    const struct ocop_group *g = ocop_group_find(page_str(p, "group") ? page_str(p, "group") : "");
    static const char *const stars[] = {"", "★", "★★", "★★★", "★★★★", "★★★★★"};
    long long n = json_integer_value(json_object_get(c, "stars"));
    char place[300];

    html_raw(b, "<section><h2>");
    html_txt(b, page_str(p, "name"));
    html_raw(b, "</h2>");
    if (json_is_object(c) && n >= 1 && n <= 5) {
        html_raw(b, "<div class=\"stars\" aria-label=\"");
        html_int(b, n);
        html_raw(b, en_ ? " stars\">" : " sao\">");
        html_raw(b, stars[n]);
        html_raw(b, "</div>");
    }
    html_raw(b, "<dl>");
    html_dl_row(b, T("Nhóm sản phẩm", "Product group"), g ? (en_ ? g->name_en : g->name_vi) : NULL);
    html_dl_row(b, T("Chủ thể", "Producer"), page_str(json_object_get(r, "producer"), "name"));
    snprintf(place, sizeof(place), "%s, %s", page_ward_name(json_object_get(r, "ward"), en_),
             page_province_name(json_object_get(r, "ward"), en_));
    html_dl_row(b, T("Địa chỉ", "Place"), place);
    if (json_is_object(json_object_get(r, "village")))
        html_dl_row(b, T("Làng nghề", "Craft village"),
                    page_str(json_object_get(r, "village"), "name"));
    if (json_is_object(c)) {
        char until[40], revoked[40];
        ocop_when_vn(until, sizeof(until), page_str(c, "valid_until"));
        ocop_when_vn(revoked, sizeof(revoked), page_str(c, "revoked_at"));
        html_dl_row(b, T("Giấy chứng nhận", "Certificate"), page_str(c, "number"));
        html_dl_row(b, T("Tình trạng", "Status"),
                    page_name(PAGE_NAMES(page_cert_statuses), page_str(c, "status"), en_));
        html_dl_row(b, T("Hiệu lực đến", "Valid until"), until);
        html_dl_row(b, T("Ngày thu hồi", "Revoked on"), revoked);
    }
    {
        char made[40], best[40];
        ocop_when_vn(made, sizeof(made), page_str(batch, "production_date"));
        ocop_when_vn(best, sizeof(best), page_str(batch, "expiry_date"));
        html_dl_row(b, T("Lô sản xuất", "Lot"), page_str(batch, "lot"));
        html_dl_row(b, T("Ngày sản xuất", "Produced on"), made);
        html_dl_row(b, T("Hạn sử dụng", "Best before"), best);
    }
    html_dl_row(b, T("Số sê-ri tem", "Stamp serial"),
                page_str(json_object_get(r, "stamp"), "serial"));
    html_raw(b, "</dl></section>");
}

void page_trace_event(struct ocop_buf *b, json_t *e, int en_)
{
    json_t *w = json_object_get(e, "ward");
    const char *at = page_str(e, "at"), *place = page_str(e, "place"), *lot = page_str(e, "lot");
    char when[40];
    ocop_when_vn(when, sizeof(when), at);
    html_raw(b, "<div class=\"ev-head\"><time datetime=\"");
    html_attr(b, at);
    html_raw(b, "\">");
    html_txt(b, when);
    html_raw(b, "</time> <span class=\"kind\">");
    html_txt(b, ocop_trace_kind_name(page_str(e, "kind"), en_));
    html_raw(b, "</span>");
    if (lot) {
        html_raw(b, " <span class=\"lot\">");
        html_txt(b, T("Lô ", "Lot "));
        html_txt(b, lot);
        html_raw(b, "</span>");
    }
    html_raw(b, "</div><p class=\"desc\">");
    html_txt(b, page_str(e, "description"));
    html_raw(b, "</p>");
    if (place || json_is_object(w)) {
        html_raw(b, "<p class=\"where\">");
        html_txt(b, place);
        if (json_is_object(w)) {
            html_txt(b, place ? ", " : "");
            html_txt(b, page_ward_name(w, en_));
            html_txt(b, ", ");
            html_txt(b, page_province_name(w, en_));
        }
        html_raw(b, "</p>");
    }
}

void page_trace_section(struct ocop_buf *b, json_t *events, const char *heading, const char *note,
                        int en_)
{
    json_t *e;
    int timed = 0;
    size_t i;
    if (!json_array_size(events) && !note)
        return;
    html_raw(b, "<section class=\"trace\"><h2>");
    html_txt(b, heading);
    html_raw(b, "</h2>");
    if (json_array_size(events)) {
        html_raw(b, "<ol class=\"timeline\">");
        json_array_foreach(events, i, e)
        {
            const char *at = page_str(e, "at");
            timed |= at && strlen(at) > 10;
            html_raw(b, "<li>");
            page_trace_event(b, e, en_);
            html_raw(b, "</li>");
        }
        html_raw(b, "</ol>");
    }
    if (timed) {
        html_raw(b, "<p class=\"tnote\">");
        html_txt(b, T("Giờ Việt Nam.", "Times are Vietnam time."));
        html_raw(b, "</p>");
    }
    if (note) {
        html_raw(b, "<p class=\"tnote\">");
        html_txt(b, note);
        html_raw(b, "</p>");
    }
    html_raw(b, "</section>");
}

static void page__history(struct ocop_buf *b, json_t *r, int en_)
{
    json_t *scans = json_object_get(r, "scans"), *e;
    size_t i;
    page_trace_section(b, json_object_get(r, "trace"),
                       T("Truy xuất nguồn gốc", "Origin and history"), NULL, en_);
    if (!json_is_object(scans))
        return;
    html_raw(b, "<section><h2>");
    html_txt(b, T("Lịch sử quét", "Scan history"));
    html_raw(b, "</h2><p>");
    if (json_integer_value(json_object_get(scans, "before")) == 0) {
        html_txt(b, T("Đây là lần quét đầu tiên của tem này.", "This is the first scan of this stamp."));
        html_raw(b, "</p></section>");
        return;
    }
    {
        long long before = json_integer_value(json_object_get(scans, "before"));
        char first[40];
        if (en_ && before == 1) {
            html_raw(b, "Scanned once before, first on ");
        } else {
            html_txt(b, T("Tem đã được quét ", "Scanned "));
            html_int(b, before);
            html_txt(b, T(" lần trước đây, lần đầu lúc ", " times before, first on "));
        }
        ocop_when_vn(first, sizeof(first), page_str(scans, "first_at"));
        html_txt(b, first);
        html_txt(b, T(" (giờ Việt Nam).", " (Vietnam time)."));
    }
    html_raw(b, "</p><h3>");
    html_txt(b, T("Các lần quét gần nhất", "Latest scans"));
    html_raw(b, "</h3><ol class=\"scans\">");
    /* newest first; a copied stamp shows itself as many scans close together */
    json_array_foreach(json_object_get(scans, "recent"), i, e)
    {
        char when[40];
        if (i == 10)
            break;
        ocop_when_vn(when, sizeof(when), page_str(e, "at"));
        html_raw(b, "<li><time datetime=\"");
        html_attr(b, page_str(e, "at"));
        html_raw(b, "\">");
        html_txt(b, when);
        html_raw(b, "</time></li>");
    }
    html_raw(b, "</ol></section>");
}

/* What the shopper should do now (docs/stamps.md section 6), and where to go next: the
 * product's public page and its certificate when the stamp names them, the catalogue and
 * the home page always. */
static void page__next(struct ocop_buf *b, json_t *r, int en_)
{
    static const char *const advice[][3] = {
        {"genuine", "Hãy kiểm tra sản phẩm và lô sản xuất ghi ở đây có khớp với bao bì không.",
         "Check that the product and lot shown here match the pack."},
        {"not_valid",
         "Hạng sao in trên bao bì không còn được sử dụng; hãy báo cho văn phòng OCOP của tỉnh, "
         "thành phố.",
         "The stars on the pack may no longer be used; report it to the province's OCOP office."},
        {"suspected_copy",
         "Hãy so sánh bao bì với thông tin trên trang này; nếu không khớp, đừng mua và báo cho "
         "văn phòng OCOP của tỉnh, thành phố.",
         "Compare the pack with what this page shows; if they differ, do not buy it and report "
         "it to the province's OCOP office."},
        {"forged",
         "Đây không phải tem OCOP: đừng tin hạng sao trên bao bì, và hãy báo người bán cho văn "
         "phòng OCOP hoặc cơ quan quản lý thị trường.",
         "This is not an OCOP stamp: do not trust the stars on the pack, and report the seller "
         "to the OCOP office or the market surveillance authority."}};
    const char *v = page_str(r, "verdict");
    json_t *p = json_object_get(r, "product"), *c = json_object_get(r, "certificate");
    size_t i = 3;
    for (size_t k = 0; k < 4; k++)
        if (v && strcmp(v, advice[k][0]) == 0)
            i = k;
    html_raw(b, "<section class=\"next\"><h2>");
    html_raw(b, T("Nên làm gì", "What to do"));
    html_raw(b, "</h2><p>");
    html_raw(b, advice[i][en_ ? 2 : 1]);
    html_raw(b, "</p><ul>");
    if (i != 3 && json_is_object(p) && page_int(p, "id") > 0) {
        html_raw(b, "<li><a href=\"/products/");
        html_int(b, page_int(p, "id"));
        html_raw(b,
                 en_ ? "?lang=en\">The product's page</a></li>" : "\">Trang của sản phẩm</a></li>");
    }
    if (i != 3 && json_is_object(c) && page_int(c, "id") > 0) {
        /* the API takes no lang: the certificate is in Vietnamese */
        html_raw(b, "<li><a href=\"/api/v1/certificates/");
        html_int(b, page_int(c, "id"));
        html_raw(b, en_ ? "/pdf\" type=\"application/pdf\">The OCOP certificate (PDF)</a></li>"
                        : "/pdf\" type=\"application/pdf\">Giấy chứng nhận OCOP (PDF)</a></li>");
    }
    html_raw(b, en_ ? "<li><a href=\"/products?lang=en\">All OCOP products</a></li>"
                      "<li><a href=\"/?lang=en\">Home page</a></li></ul></section>"
                    : "<li><a href=\"/products\">Tất cả sản phẩm OCOP</a></li>"
                      "<li><a href=\"/\">Trang chủ</a></li></ul></section>");
}

void page_stamp(struct ocop_buf *b, json_t *r, const char *lang, const char *self_url)
{
    int en_ = lang && strcmp(lang, "en") == 0;
    html_page_open(b, en_ ? "en" : "vi", T("Kiểm tra tem OCOP", "OCOP stamp check"));
    html_raw(b, en_ ? "<header class=\"top\"><a class=\"brand\" href=\"/?lang=en\">OCOP</a> "
                    : "<header class=\"top\"><a class=\"brand\" href=\"/\">OCOP</a> ");
    html_raw(b, "<a href=\"");
    html_attr(b, self_url);
    html_raw(b, en_ ? "&amp;lang=vi\" hreflang=\"vi\">Tiếng Việt</a>"
                    : "&amp;lang=en\" hreflang=\"en\">English</a>");
    html_raw(b, "</header><main>");
    page__verdict(b, r, en_);
    page__next(b, r, en_);
    if (json_is_object(json_object_get(r, "product"))) {
        page__product(b, r, en_);
        page__history(b, r, en_);
    }
    html_raw(b, "</main><footer>");
    html_txt(b, T("Chương trình Mỗi xã một sản phẩm (OCOP)", "One Commune One Product (OCOP)"));
    html_raw(b, "</footer>");
    html_page_close(b);
}
