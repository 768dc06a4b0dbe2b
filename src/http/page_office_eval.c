/*
 * page_office_eval.c: the evaluation in the back office: dossiers (list, open, one
 * dossier with the actions this user may take), the council's scoring form, council
 * sessions, and certificates (expiring, expired, revocation). Thin over app/: the app
 * checks every right and state; these pages only hide what a role cannot do.
 */
#include "http/page_office.h"
#include "core/error.h"
#include "core/query.h"
#include "core/workflow.h"
#include "store/evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MAX (8 * 1024 * 1024)

static const char *const action_names[][3] = {
    {"open", "Mở hồ sơ", "Opened"},
    {"submit", "Nộp hồ sơ", "Submitted"},
    {"return", "Trả lại", "Returned"},
    {"accept", "Tiếp nhận", "Accepted"},
    {"withdraw", "Rút hồ sơ", "Withdrawn"},
    {"schedule", "Xếp vào phiên hội đồng", "Scheduled"},
    {"score", "Chấm điểm", "Scored"},
    {"decide", "Quyết định của tỉnh", "Province's decision"},
    {"central_decide", "Quyết định của Trung ương", "Central decision"}};

static const char *const kind_names[][3] = {{"new", "Đánh giá lần đầu", "New"},
                                            {"renewal", "Đánh giá lại", "Renewal"},
                                            {"upgrade", "Nâng hạng sao", "Upgrade"}};

/* May this user's role take `act` on a dossier in `state` at all? (Scope: the app.) */
static int ev__may(struct http_req *req, const char *state, enum ocop_dossier_action act)
{
    enum ocop_dossier_state s;
    int ok = state && ocop_dossier_state_parse(&s, state) == 0 &&
             ocop_dossier_may(s, act, req->app.actor.role) == 0;
    ocop_error_clear();
    return ok;
}

/* ================================================================= dossiers */

static const char *const dossier_cols[][2] = {{"Số", "No."},
                                              {"Sản phẩm", "Product"},
                                              {"Chủ thể", "Producer"},
                                              {"Xã, phường", "Ward or commune"},
                                              {"Loại", "Kind"},
                                              {"Trạng thái", "State"},
                                              {"Điểm", "Score"},
                                              {"Cập nhật", "Updated"},
                                              {NULL, NULL}};

PAGE(page_dossiers)
{
    struct ocop_dossier_filter f = {0};
    struct ocop_buf b;
    json_t *list = NULL, *d;
    enum ocop_dossier_state s;
    long long page;
    size_t i;
    int en = web_en(req), rc;

    if ((rc = office_query(req, "state", "page", "done")) != 0)
        return rc;
    f.per_page = 50;
    f.state = ocop_query_get(&req->query, "state");
    if (f.state && (!*f.state || ocop_dossier_state_parse(&s, f.state)))
        f.state = NULL;
    f.page = ocop_query_int(&page, &req->query, "page", 1, 1, 100000) ? 1 : page;
    ocop_error_clear();
    if ((rc = ocop_app_dossier_list(&list, &req->app, &f)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "Evaluation dossiers" : "Hồ sơ đánh giá", "dossiers");
    html_raw(&b, "<div class=\"bar\"><h1>");
    html_raw(&b, en ? "Evaluation dossiers" : "Hồ sơ đánh giá OCOP");
    html_raw(&b, "</h1>");
    if (ocop_policy_role_may(&req->app.actor, "product", OCOP_ACT_UPDATE) == 0) {
        html_raw(&b, "<a class=\"btn\" href=\"/office/dossiers/new");
        office_lang(&b, req, 0);
        html_raw(&b, en ? "\">Open a dossier</a>" : "\">Mở hồ sơ mới</a>");
    }
    ocop_error_clear();
    html_raw(&b, "</div>");
    office_done(&b, req);
    html_raw(&b, "<form class=\"inline\" method=\"get\" action=\"/office/dossiers\"><div>"
                 "<label class=\"lbl\" for=\"f-state\">");
    html_raw(&b, en ? "State" : "Trạng thái");
    html_raw(&b, "</label><select id=\"f-state\" name=\"state\">");
    office_option(&b, "", en ? "All" : "Tất cả", f.state ? f.state : "");
    for (int k = 0; k < OCOP_DOSSIER_STATE_COUNT; k++) {
        const char *name = ocop_dossier_state_name((enum ocop_dossier_state)k);
        office_option(&b, name, office_state_name(req, name), f.state);
    }
    html_raw(&b, "</select></div>");
    if (en)
        html_raw(&b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
    html_raw(&b, en ? "<button type=\"submit\" class=\"sec\">Show</button></form>"
                    : "<button type=\"submit\" class=\"sec\">Xem</button></form>");
    html_raw(&b, "<p class=\"mute\">");
    html_int(&b, page_int(list, "total"));
    html_raw(&b, en ? " dossiers" : " hồ sơ");
    html_raw(&b, "</p>");
    office_thead(&b, req, dossier_cols, en ? "Dossiers" : "Hồ sơ");
    json_array_foreach(json_object_get(list, "items"), i, d)
    {
        html_raw(&b, "<tr><th scope=\"row\"><a href=\"/office/dossiers/");
        html_int(&b, page_int(d, "id"));
        office_lang(&b, req, 0);
        html_raw(&b, "\">#");
        html_int(&b, page_int(d, "id"));
        html_raw(&b, "</a></th>");
        office_td(&b, dossier_cols[1][en], NULL);
        html_txt(&b, page_str(json_object_get(d, "product"), "name"));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[2][en], NULL);
        html_txt(&b, page_str(json_object_get(d, "producer"), "name"));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[3][en], NULL);
        html_txt(&b, page_str(json_object_get(d, "ward"), "full_name"));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[4][en], NULL);
        html_txt(&b, page_name(PAGE_NAMES(kind_names), page_str(d, "kind"), web_en(req)));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[5][en], NULL);
        office_state(&b, req, page_str(d, "state"));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[6][en], NULL);
        if (json_is_number(json_object_get(d, "total"))) {
            html_num(&b, json_number_value(json_object_get(d, "total")), 2);
            html_raw(&b, " ");
            office_stars(&b, req, page_int(d, "stars"));
        }
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[7][en], NULL);
        office_date_txt(&b, page_str(d, "updated_at"));
        html_raw(&b, "</td></tr>");
    }
    html_raw(&b, "</tbody></table></div>");
    if (page_int(list, "pages") > 1) {
        html_raw(&b, "<nav class=\"pager\" aria-label=\"");
        html_raw(&b, en ? "Pages" : "Trang");
        html_raw(&b, "\">");
        for (int dir = -1; dir <= 1; dir += 2) {
            if ((dir < 0 && f.page <= 1) || (dir > 0 && f.page >= page_int(list, "pages")))
                continue;
            html_raw(&b, "<a href=\"/office/dossiers?page=");
            html_int(&b, f.page + dir);
            if (f.state) {
                html_raw(&b, "&amp;state=");
                html_url_arg(&b, f.state);
            }
            office_lang(&b, req, 1);
            html_raw(&b, "\">");
            html_raw(&b, dir < 0 ? (en ? "← Previous" : "← Trang trước")
                                 : (en ? "Next →" : "Trang sau →"));
            html_raw(&b, "</a>");
        }
        html_raw(&b, "</nav>");
    }
    office_close(&b, req);
    json_decref(list);
    return web_send(resp, &b);
}

/* ------------------------------------------------------------ opening one */

static void ev__new_form(struct ocop_buf *b, struct http_req *req, json_t *product, json_t *choices,
                         const struct office_err *e)
{
    int en = web_en(req);
    const char *kind = office_posted(req, e, "open", 0, "kind", "new");
    const char *target = office_posted(req, e, "open", 0, "target_stars", "");
    char idbuf[24];
    struct office_in in = {
        "product_id", en ? "Product" : "Sản phẩm", "text", NULL, 1, NULL, NULL, 0};
    json_t *p;
    size_t i;

    office_open(b, req, en ? "Open a dossier" : "Mở hồ sơ đánh giá", "dossiers");
    html_raw(b, "<h1>");
    html_raw(b, en ? "Open an evaluation dossier" : "Mở hồ sơ đánh giá sản phẩm OCOP");
    html_raw(b, "</h1>");
    office_err_summary(b, req, e, "open", 0);
    html_raw(b, "<p>");
    html_raw(b,
             en ? "The criteria set is chosen from the product's group. After opening, add the "
                  "documents and submit the dossier to the commune."
                : "Bộ tiêu chí được chọn theo nhóm sản phẩm. Sau khi mở, bổ sung tài liệu và nộp "
                  "hồ sơ cho UBND xã, phường.");
    html_raw(b, "</p><form method=\"post\" action=\"/office/dossiers/new");
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
    if (product) {
        snprintf(idbuf, sizeof(idbuf), "%lld", page_int(product, "id"));
        html_raw(b, "<input type=\"hidden\" name=\"product_id\" value=\"");
        html_attr(b, idbuf);
        html_raw(b, "\"><dl><dt>");
        html_raw(b, en ? "Product" : "Sản phẩm");
        html_raw(b, "</dt><dd>");
        html_txt(b, page_str(product, "name"));
        html_raw(b, "</dd><dt>");
        html_raw(b, en ? "Producer" : "Chủ thể");
        html_raw(b, "</dt><dd>");
        html_txt(b, page_str(json_object_get(product, "producer"), "name"));
        html_raw(b, "</dd></dl>");
        office_control_end(b, &in, e);
    } else {
        in.value = office_posted(req, e, "open", 0, "product_id", "");
        office_select_open(b, req, &in, e);
        office_option(b, "", en ? "Choose…" : "Chọn…", in.value);
        json_array_foreach(json_object_get(choices, "items"), i, p)
        {
            snprintf(idbuf, sizeof(idbuf), "%lld", page_int(p, "id"));
            office_option(b, idbuf, page_str(p, "name"), in.value);
        }
        office_select_close(b, &in, e);
    }
    in = (struct office_in){
        "kind", en ? "Kind of evaluation" : "Loại đánh giá", NULL, kind, 1, NULL, NULL, 0};
    office_select_open(b, req, &in, e);
    for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
        office_option(b, kind_names[i][0], kind_names[i][en ? 2 : 1], kind);
    office_select_close(b, &in, e);
    in = (struct office_in){"target_stars",
                            en ? "Target stars" : "Hạng sao đề nghị",
                            NULL,
                            target,
                            0,
                            en ? "Required for an upgrade" : "Bắt buộc khi nâng hạng sao",
                            NULL,
                            0};
    office_select_open(b, req, &in, e);
    office_option(b, "", "—", target);
    office_option(b, "3", en ? "3 stars" : "3 sao", target);
    office_option(b, "4", en ? "4 stars" : "4 sao", target);
    office_option(b, "5", en ? "5 stars" : "5 sao", target);
    html_raw(b, "</select>");
    office_control_end(b, &in, e);
    html_raw(b, "</div><p><button type=\"submit\">");
    html_raw(b, en ? "Open the dossier" : "Mở hồ sơ");
    html_raw(b, "</button></p></form>");
    office_close(b, req);
}

/* The product named by ?product= (or the form), if the user may open a dossier for it. */
static int ev__product(json_t **out, struct http_req *req, const char *v)
{
    long long id;
    int rc;
    *out = NULL;
    if (!v || !*v)
        return 0;
    if (ocop_parse_int(&id, v, 1, INT64_MAX))
        return ocop_error_set(OCOP_ENOTFOUND, "no product has that id");
    if ((rc = ocop_app_get(out, &req->app, "products", v)) != 0)
        return rc;
    if ((rc = office_may(req, "product", OCOP_ACT_UPDATE, *out)) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

static int ev__new_page(struct http_resp *resp, struct http_req *req, json_t *product,
                        const struct office_err *e, int status)
{
    struct ocop_buf b;
    struct ocop_filter f;
    json_t *choices = NULL;
    if (!product) {
        office_scope_filter(&f, &req->app.actor);
        f.per_page = 500;
        if (ocop_app_list(&choices, &req->app, "products", &f) != 0)
            ocop_error_clear();
    }
    ocop_buf_init(&b, BUF_MAX);
    ev__new_form(&b, req, product, choices, e);
    json_decref(choices);
    return office_send(resp, &b, status);
}

PAGE(page_dossier_new)
{
    json_t *product = NULL;
    int rc;

    if ((rc = office_query(req, "product", NULL, NULL)) != 0)
        return rc;
    if ((rc = ocop_policy_role_may(&req->app.actor, "product", OCOP_ACT_UPDATE)) != 0 ||
        (rc = ev__product(&product, req, ocop_query_get(&req->query, "product"))) != 0)
        return rc;
    rc = ev__new_page(resp, req, product, NULL, 200);
    json_decref(product);
    return rc;
}

PAGE(page_dossier_create)
{
    struct office_err e = {0};
    json_t *body, *v = NULL, *out = NULL, *product = NULL;
    const char *kind = web_field(req, "kind");
    int en = web_en(req), rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    body = json_object();
    if ((rc = office_int_field(&v, "product_id", web_field(req, "product_id"), 1, INT64_MAX, en)) ==
        0) {
        if (v)
            json_object_set_new(body, "product_id", v);
        if (kind && *kind)
            json_object_set_new(body, "kind", json_string(kind));
        if ((rc = office_int_field(&v, "target_stars", web_field(req, "target_stars"), 0, 9, en)) ==
                0 &&
            v)
            json_object_set_new(body, "target_stars", v);
    }
    if (rc == 0)
        rc = ocop_app_dossier_open(&out, &req->app, body);
    json_decref(body);
    if (rc == 0) {
        rc = office_redirect(resp, req, "/office/dossiers/%lld?done=opened", page_int(out, "id"));
        json_decref(out);
        return rc;
    }
    /* a field at fault (and a product's state, such as a renewal without a certificate) is
     * shown on the form; anything else is an error page */
    if (rc != OCOP_EINVALID && !(rc == OCOP_ECONFLICT && ocop_error_field()))
        return rc;
    office_err_capture(&e, req, "open", 0);
    if (strcmp(e.field, "product_id") != 0 &&
        ev__product(&product, req, web_field(req, "product_id")) != 0)
        ocop_error_clear();
    rc = ev__new_page(resp, req, product, &e, e.code == OCOP_ECONFLICT ? 409 : 422);
    json_decref(product);
    return rc;
}

/* -------------------------------------------------------------- one dossier */

static void ev__summary(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    int en = web_en(req);
    json_t *cs = json_object_get(d, "criteria_set");
    char tmp[96];
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "The dossier" : "Thông tin hồ sơ");
    html_raw(b, "</h2><dl><dt>");
    html_raw(b, en ? "Product" : "Sản phẩm");
    html_raw(b, "</dt><dd><a href=\"/products/");
    html_int(b, page_int(d, "product_id"));
    office_lang(b, req, 0);
    html_raw(b, "\">");
    html_txt(b, page_str(json_object_get(d, "product"), "name"));
    html_raw(b, "</a></dd>");
    html_dl_row(b, en ? "Producer" : "Chủ thể", page_str(json_object_get(d, "producer"), "name"));
    html_dl_row(b, en ? "Ward or commune" : "Xã, phường",
                page_str(json_object_get(d, "ward"), "full_name"));
    html_dl_row(b, en ? "Kind" : "Loại đánh giá",
                page_name(PAGE_NAMES(kind_names), page_str(d, "kind"), web_en(req)));
    if (page_int(d, "target_stars")) {
        snprintf(tmp, sizeof(tmp), "%lld", page_int(d, "target_stars"));
        html_dl_row(b, en ? "Target stars" : "Hạng sao đề nghị", tmp);
    }
    snprintf(tmp, sizeof(tmp), "%s (%s %lld)", page_str(cs, "code") ? page_str(cs, "code") : "",
             en ? "version" : "phiên bản", page_int(cs, "version"));
    html_dl_row(b, en ? "Criteria set" : "Bộ tiêu chí", tmp);
    html_raw(b, "<dt>");
    html_raw(b, en ? "State" : "Trạng thái");
    html_raw(b, "</dt><dd>");
    office_state(b, req, page_str(d, "state"));
    html_raw(b, "</dd>");
    if (page_int(d, "session_id")) {
        json_t *s = NULL;
        html_raw(b, "<dt>");
        html_raw(b, en ? "Council session" : "Phiên hội đồng");
        html_raw(b, "</dt><dd>");
        if (ocop_app_session_get(&s, &req->app, page_int(d, "session_id")) == 0) {
            html_txt(b, page_str(s, "name"));
            html_raw(b, " (");
            office_date_txt(b, page_str(s, "date"));
            html_raw(b, ")");
        } else {
            html_raw(b, "#");
            html_int(b, page_int(d, "session_id"));
        }
        ocop_error_clear();
        json_decref(s);
        html_raw(b, "</dd>");
    }
    if (page_int(d, "certificate_id")) {
        html_raw(b, "<dt>");
        html_raw(b, en ? "Certificate" : "Giấy chứng nhận");
        html_raw(b, "</dt><dd><a href=\"/api/v1/certificates/");
        html_int(b, page_int(d, "certificate_id"));
        html_raw(b, "/pdf\">");
        html_raw(b, en ? "Certificate (PDF)" : "Giấy chứng nhận (PDF)");
        html_raw(b, "</a></dd>");
    }
    html_raw(b, "</dl></section>");
}

static void ev__result(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    json_t *r = json_object_get(d, "result"), *v;
    const char *part;
    int en = web_en(req);
    if (!json_is_object(r))
        return;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "The council's result" : "Kết quả chấm điểm của hội đồng");
    html_raw(b,
             "</h2><div class=\"tbl\"><table><caption class=\"mute\" style=\"text-align:left\">");
    html_raw(b,
             en ? "Averages over the members' sheets" : "Điểm trung bình các phiếu của thành viên");
    html_raw(b, "</caption><thead><tr>");
    json_object_foreach(json_object_get(r, "parts"), part, v)
    {
        html_raw(b, "<th scope=\"col\" class=\"n\">");
        html_raw(b, en ? "Part " : "Phần ");
        html_txt(b, part);
        html_raw(b, "</th>");
    }
    html_raw(b, "<th scope=\"col\" class=\"n\">");
    html_raw(b, en ? "Total" : "Tổng điểm");
    html_raw(b, "</th></tr></thead><tbody><tr>");
    json_object_foreach(json_object_get(r, "parts"), part, v)
    {
        html_raw(b, "<td class=\"n\">");
        html_num(b, json_number_value(v), 2);
        html_raw(b, "</td>");
    }
    html_raw(b, "<td class=\"n\"><strong>");
    html_num(b, json_number_value(json_object_get(r, "total")), 2);
    html_raw(b, "</strong></td></tr></tbody></table></div><dl><dt>");
    html_raw(b, en ? "Stars by score" : "Hạng sao theo điểm");
    html_raw(b, "</dt><dd>");
    office_stars(b, req, page_int(r, "stars_by_score"));
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "Stars" : "Hạng sao");
    html_raw(b, "</dt><dd>");
    office_stars(b, req, page_int(r, "stars"));
    if (page_str(r, "capped_by")) {
        html_raw(b, en ? " (capped by criterion " : " (bị giới hạn bởi tiêu chí ");
        html_txt(b, page_str(r, "capped_by"));
        html_raw(b, ")");
    }
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "The province recognises" : "Tỉnh công nhận");
    html_raw(b, "</dt><dd>");
    if (page_int(r, "recognised"))
        office_stars(b, req, page_int(r, "recognised"));
    else
        html_raw(b, en ? "no certificate (under 3 stars)" : "không cấp giấy (dưới 3 sao)");
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "Five-star candidate" : "Đề nghị 5 sao");
    html_raw(b, "</dt><dd>");
    html_raw(b, json_is_true(json_object_get(r, "candidate")) ? (en ? "Yes" : "Có")
                                                              : (en ? "No" : "Không"));
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "Sheets" : "Số phiếu");
    html_raw(b, "</dt><dd>");
    html_int(b, page_int(r, "sheets"));
    html_raw(b, "/");
    html_int(b, page_int(r, "eligible"));
    html_raw(b, json_is_true(json_object_get(r, "quorum"))
                    ? (en ? " (quorum reached)" : " (đủ số phiếu)")
                    : (en ? " (no quorum yet)" : " (chưa đủ số phiếu)"));
    html_raw(b, "</dd></dl></section>");
}

static void ev__history(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    static const char *const cols[][2] = {{"Bước", "Step"},           {"Thời điểm", "When"},
                                          {"Người thực hiện", "Who"}, {"Trạng thái", "State"},
                                          {"Ghi chú", "Note"},        {NULL, NULL}};
    int en = web_en(req);
    json_t *h;
    size_t i;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "History" : "Quá trình xử lý");
    html_raw(b, "</h2>");
    office_thead(b, req, cols, en ? "History" : "Quá trình xử lý");
    json_array_foreach(json_object_get(d, "history"), i, h)
    {
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, page_name(PAGE_NAMES(action_names), page_str(h, "action"), web_en(req)));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        office_date_txt(b, page_str(h, "at"));
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        html_txt(b, page_str(h, "actor"));
        html_raw(b, "</td>");
        office_td(b, cols[3][en], NULL);
        html_txt(b, office_state_name(req, page_str(h, "to_state")));
        html_raw(b, "</td>");
        office_td(b, cols[4][en], NULL);
        html_txt(b, page_str(h, "note"));
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

static void ev__documents(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    int en = web_en(req);
    json_t *doc;
    size_t i;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Documents" : "Tài liệu kèm theo");
    html_raw(b, "</h2>");
    if (!json_array_size(json_object_get(d, "documents"))) {
        html_raw(b, "<p class=\"mute\">");
        html_raw(b, en ? "No documents yet." : "Chưa có tài liệu.");
        html_raw(b, "</p></section>");
        return;
    }
    html_raw(b, "<ul>");
    json_array_foreach(json_object_get(d, "documents"), i, doc)
    {
        html_raw(b, "<li>");
        html_txt(b, page_str(doc, "name"));
        html_raw(b, " <span class=\"mute\">(");
        html_txt(b, page_str(doc, "content_type"));
        html_raw(b, ", ");
        html_int(b, (page_int(doc, "size") + 1023) / 1024);
        html_raw(b, " KB)</span></li>");
    }
    html_raw(b, "</ul></section>");
}

/* The member's own sheet, if handed in; the sheets list (NULL if not readable yet). */
static json_t *ev__sheets(struct http_req *req, long long id, int *mine)
{
    json_t *out = NULL, *s;
    size_t i;
    *mine = 0;
    if (ocop_app_scores(&out, &req->app, id) != 0) {
        ocop_error_clear();
        return NULL;
    }
    json_array_foreach(json_object_get(out, "items"), i, s)
    {
        if (page_int(s, "user_id") == req->app.actor.user_id)
            *mine = 1;
    }
    return out;
}

static void ev__sheets_table(struct ocop_buf *b, struct http_req *req, json_t *sheets)
{
    static const char *const cols[][2] = {{"Thành viên", "Member"},
                                          {"Tổng điểm", "Total"},
                                          {"Thời điểm nộp", "Handed in"},
                                          {NULL, NULL}};
    int en = web_en(req);
    json_t *s;
    size_t i;
    if (!json_array_size(json_object_get(sheets, "items")))
        return;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Score sheets" : "Phiếu chấm điểm");
    html_raw(b, "</h2>");
    office_thead(b, req, cols, en ? "Score sheets" : "Phiếu chấm điểm");
    json_array_foreach(json_object_get(sheets, "items"), i, s)
    {
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, page_str(s, "name") ? page_str(s, "name") : page_str(s, "email"));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        html_num(b, json_number_value(json_object_get(s, "total")), 2);
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        office_date_txt(b, page_str(s, "submitted_at"));
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

/* The decision forms: the province's (decide) and the central level's (central). */
static void ev__decide_form(struct ocop_buf *b, struct http_req *req, long long id, int central,
                            const struct office_err *e)
{
    int en = web_en(req);
    const char *form = central ? "central" : "decide";
    char today[11];
    struct office_in in;
    office_today(today, req);
    html_raw(b, "<h3>");
    html_raw(b, central ? (en ? "Record the central council's result"
                              : "Ghi nhận kết quả của Trung ương")
                        : (en ? "Record the province's decision"
                              : "Ghi nhận quyết định công nhận của tỉnh"));
    html_raw(b, "</h3>");
    office_err_summary(b, req, e, form, 0);
    office_post_form(b, req, "/office/dossiers/", id, central ? "/central" : "/decide");
    html_raw(b, "<div class=\"cols\">");
    if (central) {
        const char *r = office_posted(req, e, form, 0, "result", "recognised");
        in = (struct office_in){"result", en ? "Result" : "Kết quả", NULL, r, 1, NULL, NULL, 0};
        office_select_open(b, req, &in, e);
        office_option(b, "recognised", en ? "Recognised: 5 stars" : "Công nhận 5 sao", r);
        office_option(b, "rejected",
                      en ? "Not recognised (stays 4 stars)" : "Không công nhận (giữ 4 sao)", r);
        office_select_close(b, &in, e);
    }
    in = (struct office_in){"decision_number",
                            en ? "Decision number" : "Số quyết định",
                            "text",
                            office_posted(req, e, form, 0, "decision_number", ""),
                            1,
                            en ? "As signed, e.g. 125/QĐ-UBND" : "Ví dụ: 125/QĐ-UBND",
                            " maxlength=\"60\"",
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"decision_date",
                            en ? "Decision date" : "Ngày quyết định",
                            "date",
                            office_posted(req, e, form, 0, "decision_date", today),
                            1,
                            NULL,
                            NULL,
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"certificate_number",
                            en ? "Certificate number" : "Số giấy chứng nhận",
                            "text",
                            office_posted(req, e, form, 0, "certificate_number", ""),
                            0,
                            en ? "Empty: numbered automatically" : "Để trống: đánh số tự động",
                            " maxlength=\"60\"",
                            0};
    office_input(b, req, &in, e);
    html_raw(b, "</div>");
    office_submit(b, NULL, en ? "Record the decision" : "Ghi nhận quyết định");
}

/* Scheduling from the dossier: one button per provincial session. */
static void ev__schedule_forms(struct ocop_buf *b, struct http_req *req, long long id)
{
    int en = web_en(req), shown = 0;
    json_t *list = NULL, *s;
    size_t i;
    if (ocop_app_session_list(&list, &req->app) != 0) {
        ocop_error_clear();
        return;
    }
    html_raw(b, "<h3>");
    html_raw(b, en ? "Schedule at a council session" : "Xếp vào phiên hội đồng");
    html_raw(b, "</h3>");
    json_array_foreach(json_object_get(list, "items"), i, s)
    {
        if (shown >= 8 || strcmp(page_str(s, "level") ? page_str(s, "level") : "", "province") != 0)
            continue;
        shown++;
        office_post_form(b, req, "/office/sessions/", page_int(s, "id"), "/schedule");
        html_raw(b, "<input type=\"hidden\" name=\"dossier_id\" value=\"");
        html_int(b, id);
        html_raw(b, "\"><input type=\"hidden\" name=\"from\" value=\"dossier\"><p>");
        html_txt(b, page_str(s, "name"));
        html_raw(b, " <span class=\"mute\">(");
        office_date_txt(b, page_str(s, "date"));
        html_raw(b, ")</span> ");
        office_submit(b, " class=\"sec\"", en ? "Schedule here" : "Xếp vào phiên này");
        html_raw(b, "</p>");
    }
    if (!shown) {
        html_raw(b, "<p>");
        html_raw(b, en ? "No council session yet: " : "Chưa có phiên hội đồng: ");
        html_raw(b, "<a href=\"/office/sessions");
        office_lang(b, req, 0);
        html_raw(b, en ? "\">create one</a>.</p>" : "\">tạo phiên mới</a>.</p>");
    }
    json_decref(list);
}

static void ev__reason_form(struct ocop_buf *b, struct http_req *req, long long id,
                            const char *form, const char *name, const char *label, int required,
                            const char *button, const struct office_err *e)
{
    struct office_in in = {name,
                           label,
                           "textarea",
                           office_posted(req, e, form, 0, name, ""),
                           required,
                           NULL,
                           " maxlength=\"2000\" rows=\"3\"",
                           0};
    char path[24];
    snprintf(path, sizeof(path), "/%s", form);
    office_err_summary(b, req, e, form, 0);
    office_post_form(b, req, "/office/dossiers/", id, path);
    office_input(b, req, &in, e);
    office_submit(b, " class=\"sec\"", button);
}

/* Every action this user may take now, each its own small form. */
static void ev__actions(struct ocop_buf *b, struct http_req *req, json_t *d, int scored_mine,
                        const struct office_err *e)
{
    const char *st = page_str(d, "state");
    long long id = page_int(d, "id");
    int en = web_en(req), any = 0;
    struct ocop_buf body;
    ocop_buf_init(&body, BUF_MAX);

    if (ev__may(req, st, OCOP_DA_SUBMIT)) {
        office_post_form(&body, req, "/office/dossiers/", id, "/submit");
        html_raw(&body, "<p>");
        html_raw(&body, en ? "Hand the dossier to the commune for its pre-check."
                           : "Nộp hồ sơ cho UBND xã, phường kiểm tra.");
        html_raw(&body, "</p>");
        office_submit(&body, NULL, en ? "Submit the dossier" : "Nộp hồ sơ");
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_ACCEPT)) {
        office_post_form(&body, req, "/office/dossiers/", id, "/accept");
        office_submit(&body, NULL, en ? "Accept after the pre-check" : "Tiếp nhận hồ sơ");
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_RETURN)) {
        html_raw(&body, "<h3>");
        html_raw(&body, en ? "Return for fixes" : "Trả lại để bổ sung");
        html_raw(&body, "</h3>");
        ev__reason_form(&body, req, id, "return", "reasons",
                        en ? "Reasons" : "Lý do, nội dung cần bổ sung", 1,
                        en ? "Return the dossier" : "Trả lại hồ sơ", e);
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_SCHEDULE)) {
        ev__schedule_forms(&body, req, id);
        any = 1;
    }
    if (req->app.actor.role == OCOP_ROLE_COUNCIL && ev__may(req, st, OCOP_DA_SCORE)) {
        if (scored_mine) {
            html_raw(&body, "<p>");
            html_raw(&body,
                     en ? "You have handed in your score sheet." : "Bạn đã nộp phiếu chấm điểm.");
            html_raw(&body, "</p>");
        } else {
            html_raw(&body, "<p><a class=\"btn\" href=\"/office/dossiers/");
            html_int(&body, id);
            html_raw(&body, "/score");
            office_lang(&body, req, 0);
            html_raw(&body, "\">");
            html_raw(&body, en ? "Score this product" : "Chấm điểm sản phẩm");
            html_raw(&body, "</a></p><details");
            html_raw(&body, office_err_at(e, "conflict", 0) ? " open><summary>" : "><summary>");
            html_raw(&body, en ? "Declare a conflict of interest" : "Khai báo xung đột lợi ích");
            html_raw(&body, "</summary>");
            ev__reason_form(&body, req, id, "conflict", "reason", en ? "Reason" : "Lý do", 0,
                            en ? "Declare and do not score" : "Khai báo và không chấm điểm", e);
            html_raw(&body, "</details>");
        }
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_DECIDE)) {
        if (json_is_true(json_object_get(json_object_get(d, "result"), "quorum")))
            ev__decide_form(&body, req, id, 0, e);
        else {
            html_raw(&body, "<p>");
            html_raw(&body, en ? "The decision can be recorded once the quorum has scored."
                               : "Chỉ ghi nhận quyết định khi đủ số phiếu chấm.");
            html_raw(&body, "</p>");
        }
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_CENTRAL_DECIDE)) {
        ev__decide_form(&body, req, id, 1, e);
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_WITHDRAW)) {
        html_raw(&body, "<details><summary>");
        html_raw(&body, en ? "Withdraw the dossier" : "Rút hồ sơ");
        html_raw(&body, "</summary>");
        office_post_form(&body, req, "/office/dossiers/", id, "/withdraw");
        html_raw(&body, "<p>");
        html_raw(&body, en ? "A withdrawn dossier cannot be reopened; a new one can be opened."
                           : "Hồ sơ đã rút không mở lại được; có thể mở hồ sơ mới.");
        html_raw(&body, "</p>");
        office_submit(&body, " class=\"sec\"", en ? "Withdraw" : "Rút hồ sơ");
        html_raw(&body, "</details>");
        any = 1;
    }
    if (any) {
        html_raw(b, "<section><h2>");
        html_raw(b, en ? "What you can do" : "Thao tác");
        html_raw(b, "</h2>");
        if (body.data)
            ocop_buf_put(b, body.data, body.len);
        html_raw(b, "</section>");
    }
    ocop_buf_dispose(&body);
}

static void ev__dossier_page(struct ocop_buf *b, struct http_req *req, json_t *d,
                             const struct office_err *e)
{
    int en = web_en(req), mine = 0;
    char title[600];
    json_t *sheets = ev__sheets(req, page_int(d, "id"), &mine);
    snprintf(title, sizeof(title), "%s #%lld: %s", en ? "Dossier" : "Hồ sơ", page_int(d, "id"),
             page_str(json_object_get(d, "product"), "name")
                 ? page_str(json_object_get(d, "product"), "name")
                 : "");
    office_open(b, req, title, "dossiers");
    html_raw(b, "<h1>");
    html_txt(b, title);
    html_raw(b, "</h1>");
    office_done(b, req);
    ev__summary(b, req, d);
    ev__result(b, req, d);
    ev__actions(b, req, d, mine, e);
    ev__sheets_table(b, req, sheets);
    ev__documents(b, req, d);
    ev__history(b, req, d);
    office_close(b, req);
    json_decref(sheets);
    ocop_error_clear();
}

PAGE(page_dossier)
{
    struct ocop_buf b;
    json_t *d = NULL;
    int64_t id;
    int rc;

    if ((rc = office_query(req, "done", NULL, NULL)) != 0)
        return rc;
    if ((rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = ocop_app_dossier_get(&d, &req->app, id)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    ev__dossier_page(&b, req, d, NULL);
    json_decref(d);
    return web_send(resp, &b);
}

/* {decision_number, decision_date, certificate_number?[, result]} from the form. */
static json_t *ev__decision_body(struct http_req *req, int central)
{
    static const char *const keys[] = {"decision_number", "decision_date", "certificate_number",
                                       "result"};
    json_t *body = json_object();
    for (int k = 0; k < (central ? 4 : 3); k++) {
        const char *v = web_field(req, keys[k]);
        if (v && *v)
            json_object_set_new(body, keys[k], json_string(v));
    }
    return body;
}

PAGE(page_dossier_act)
{
    static const struct {
        const char *name;
        int act;
    } acts[] = {{"submit", OCOP_DA_SUBMIT},
                {"return", OCOP_DA_RETURN},
                {"accept", OCOP_DA_ACCEPT},
                {"withdraw", OCOP_DA_WITHDRAW},
                {"decide", OCOP_DA_DECIDE},
                {"central", OCOP_DA_CENTRAL_DECIDE},
                {"conflict", -1}};
    const char *action = req->params[1];
    struct office_err e = {0};
    struct ocop_buf b;
    json_t *out = NULL, *body = NULL, *d = NULL;
    int64_t id;
    int act = -2, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    for (size_t i = 0; action && i < sizeof(acts) / sizeof(acts[0]); i++)
        if (strcmp(action, acts[i].name) == 0)
            act = acts[i].act;
    if (act == -2)
        return ocop_error_set(OCOP_ENOTFOUND, "no such action");
    if ((rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    if (act == OCOP_DA_DECIDE || act == OCOP_DA_CENTRAL_DECIDE) {
        body = ev__decision_body(req, act == OCOP_DA_CENTRAL_DECIDE);
        rc = act == OCOP_DA_DECIDE ? ocop_app_decide(&out, &req->app, id, body)
                                   : ocop_app_central_decide(&out, &req->app, id, body);
        json_decref(body);
    } else if (act == -1) {
        const char *reason = web_field(req, "reason");
        rc = ocop_app_conflict_declare(&out, &req->app, id, reason && *reason ? reason : NULL);
    } else {
        rc = ocop_app_dossier_act(&out, &req->app, id, act,
                                  act == OCOP_DA_RETURN ? web_field(req, "reasons") : NULL);
    }
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/dossiers/%lld?done=%s", (long long)id, action);
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, action, 0);
    if ((rc = ocop_app_dossier_get(&d, &req->app, id)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    ev__dossier_page(&b, req, d, &e);
    json_decref(d);
    return office_send(resp, &b, 422);
}

/* ============================================================ the score form */

/*
 * The form posts one field per criterion (choice_<code>), and a form holds at most
 * OCOP_QUERY_MAX_PARAMS fields: a scorecard larger than that is scored over several
 * pages. Each page carries the earlier pages' choices in one hidden field ("sheet":
 * option indexes in scorecard order); the last page hands the whole sheet to the app.
 * Pages break between parts, else between sections, else between criteria.
 */
#define SCORE_PAGE_MAX (OCOP_QUERY_MAX_PARAMS - 3) /* csrf, step, sheet */
#define SCORE_PAGES 64

struct sc_crit {
    json_t *part, *section, *c;
};

struct scorecard {
    struct sc_crit *v;
    size_t n;
    size_t start[SCORE_PAGES + 1]; /* page k: criteria start[k] .. start[k+1]-1 */
    size_t npages;
};

static void sc__break(struct scorecard *s, size_t at, size_t *count)
{
    if (*count && s->npages < SCORE_PAGES)
        s->start[s->npages++] = at;
    *count = 0;
}

static int sc__load(struct scorecard *s, json_t *set)
{
    json_t *p, *sec, *c;
    size_t i, j, k, count = 0, total = 0;
    memset(s, 0, sizeof(*s));
    json_array_foreach(json_object_get(set, "parts"), i, p)
    {
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            total += json_array_size(json_object_get(sec, "criteria"));
        }
    }
    if (!total || !(s->v = calloc(total, sizeof(*s->v))))
        return ocop_error_set(OCOP_ERROR, "the criteria set is empty");
    s->npages = 1;
    json_array_foreach(json_object_get(set, "parts"), i, p)
    {
        size_t np = 0;
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            np += json_array_size(json_object_get(sec, "criteria"));
        }
        if (count + np > SCORE_PAGE_MAX && np <= SCORE_PAGE_MAX)
            sc__break(s, s->n, &count);
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            size_t ns = json_array_size(json_object_get(sec, "criteria"));
            if (count + ns > SCORE_PAGE_MAX && ns <= SCORE_PAGE_MAX)
                sc__break(s, s->n, &count);
            json_array_foreach(json_object_get(sec, "criteria"), k, c)
            {
                if (count == SCORE_PAGE_MAX)
                    sc__break(s, s->n, &count);
                s->v[s->n++] = (struct sc_crit){p, sec, c};
                count++;
            }
        }
    }
    s->start[s->npages] = s->n;
    return 0;
}

static size_t sc__options(const struct sc_crit *c)
{
    return json_array_size(json_object_get(c->c, "options"));
}

/* Parses "2,0,3" into exactly n option indexes within each criterion's options. */
static int sc__sheet(int *out, const struct scorecard *s, const char *sheet, size_t n)
{
    const char *p = sheet ? sheet : "";
    for (size_t i = 0; i < n; i++) {
        char num[8];
        size_t len = strcspn(p, ",");
        long long v;
        if (len == 0 || len >= sizeof(num))
            return ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        memcpy(num, p, len);
        num[len] = '\0';
        if (ocop_parse_int(&v, num, 0, (long long)sc__options(&s->v[i]) - 1))
            return ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        out[i] = (int)v;
        p += len + (p[len] == ',');
    }
    if (*p)
        return ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
    return 0;
}

static size_t sc__page_of(const struct scorecard *s, const char *code)
{
    for (size_t k = 0; k < s->npages; k++)
        for (size_t i = s->start[k]; i < s->start[k + 1]; i++)
            if (code && strcmp(page_str(s->v[i].c, "code"), code) == 0)
                return k;
    return s->npages - 1;
}

static void sc__text(struct ocop_buf *b, struct http_req *req, json_t *o, const char *key)
{
    char en_key[32];
    snprintf(en_key, sizeof(en_key), "%s_en", key);
    html_txt(b, web_en(req) && page_str(o, en_key) ? page_str(o, en_key) : page_str(o, key));
}

static void sc__criterion(struct ocop_buf *b, struct http_req *req, size_t idx,
                          const struct sc_crit *c, int chosen, const struct office_err *e)
{
    int en = web_en(req), bad = e && e->set && strcmp(e->field, page_str(c->c, "code")) == 0;
    json_t *o, *reqd = json_object_get(c->c, "required");
    size_t i;
    html_raw(b, "<fieldset id=\"f-");
    html_attr(b, page_str(c->c, "code"));
    html_raw(b, "\"");
    if (bad) {
        html_raw(b, " aria-describedby=\"e-");
        html_attr(b, page_str(c->c, "code"));
        html_raw(b, "\"");
    }
    html_raw(b, "><legend>");
    html_txt(b, page_str(c->c, "code"));
    html_raw(b, " ");
    sc__text(b, req, c->c, "text");
    html_raw(b, " <span class=\"mute\">(");
    html_raw(b, en ? "up to " : "tối đa ");
    html_int(b, page_int(c->c, "max"));
    html_raw(b, en ? " points)" : " điểm)");
    if (json_is_true(json_object_get(c->c, "illustrative")))
        html_raw(b, en ? " (illustrative criterion)" : " (tiêu chí minh họa)");
    html_raw(b, "</span></legend>");
    if (json_is_object(reqd)) {
        html_raw(b, "<span class=\"hint\">");
        html_raw(b, en ? "Required: at least " : "Tiêu chí bắt buộc: cần tối thiểu ");
        html_int(b, page_int(reqd, "min_points"));
        html_raw(b, en ? " points for " : " điểm để đạt ");
        html_int(b, page_int(reqd, "stars"));
        html_raw(b, en ? " stars" : " sao");
        html_raw(b, "</span>");
    }
    if (bad) {
        html_raw(b, "<span class=\"err\" id=\"e-");
        html_attr(b, page_str(c->c, "code"));
        html_raw(b, "\">");
        html_txt(b, e->message);
        html_raw(b, "</span>");
    }
    json_array_foreach(json_object_get(c->c, "options"), i, o)
    {
        html_raw(b, "<div class=\"opt\"><input type=\"radio\" required id=\"c");
        html_int(b, (long long)idx);
        html_raw(b, "-");
        html_int(b, (long long)i);
        html_raw(b, "\" name=\"choice_");
        html_attr(b, page_str(c->c, "code"));
        html_raw(b, "\" value=\"");
        html_int(b, (long long)i);
        html_raw(b, (int)i == chosen ? "\" checked><label for=\"c" : "\"><label for=\"c");
        html_int(b, (long long)idx);
        html_raw(b, "-");
        html_int(b, (long long)i);
        html_raw(b, "\">");
        sc__text(b, req, o, "text");
        html_raw(b, " <strong>(");
        html_int(b, page_int(o, "points"));
        html_raw(b, en ? " pt)" : " điểm)");
        html_raw(b, "</strong></label></div>");
    }
    html_raw(b, "</fieldset>");
}

/* Page k of the form; `known` holds choices so far (-1: none), the first start[k] kept. */
static void sc__page(struct ocop_buf *b, struct http_req *req, json_t *d, json_t *set,
                     const struct scorecard *s, size_t k, const int *known,
                     const struct office_err *e)
{
    int en = web_en(req);
    json_t *part = NULL, *sec = NULL;
    char title[600];
    snprintf(title, sizeof(title), "%s: %s", en ? "Score sheet" : "Phiếu chấm điểm",
             page_str(json_object_get(d, "product"), "name")
                 ? page_str(json_object_get(d, "product"), "name")
                 : "");
    office_open(b, req, title, "dossiers");
    html_raw(b, "<h1>");
    html_txt(b, title);
    html_raw(b, "</h1><p>");
    sc__text(b, req, set, "name");
    if (!json_is_true(json_object_get(set, "official")))
        html_raw(b, en ? " — <strong>illustrative wording, not the official annex</strong>"
                       : " — <strong>nội dung minh họa, chưa phải Phụ lục chính thức</strong>");
    html_raw(b, "</p><p class=\"mute\">");
    html_raw(b, en ? "Choose one option for every criterion. The server adds up the points. "
                     "A sheet is final once handed in."
                   : "Chọn một phương án cho mỗi tiêu chí. Hệ thống tự cộng điểm. Phiếu đã nộp "
                     "không sửa được.");
    if (s->npages > 1) {
        html_raw(b, en ? " Page " : " Trang ");
        html_int(b, (long long)k + 1);
        html_raw(b, "/");
        html_int(b, (long long)s->npages);
        html_raw(b, ".");
    }
    html_raw(b, "</p>");
    if (e && e->set) {
        struct office_err top = *e;
        snprintf(top.form, sizeof(top.form), "score");
        office_err_summary(b, req, &top, "score", 0);
    }
    office_post_form(b, req, "/office/dossiers/", page_int(d, "id"), "/score");
    html_raw(b, "<input type=\"hidden\" name=\"step\" value=\"");
    html_int(b, (long long)k);
    html_raw(b, "\"><input type=\"hidden\" name=\"sheet\" value=\"");
    for (size_t i = 0; i < s->start[k]; i++) {
        if (i)
            html_raw(b, ",");
        html_int(b, known[i]);
    }
    html_raw(b, "\">");
    for (size_t i = s->start[k]; i < s->start[k + 1]; i++) {
        if (s->v[i].part != part) {
            if (part)
                html_raw(b, "</section>");
            part = s->v[i].part;
            html_raw(b, "<section><h2>");
            html_raw(b, en ? "Part " : "Phần ");
            html_txt(b, page_str(part, "code"));
            html_raw(b, ": ");
            sc__text(b, req, part, "name");
            html_raw(b, " <span class=\"mute\">(");
            html_int(b, page_int(part, "max"));
            html_raw(b, en ? " points)</span></h2>" : " điểm)</span></h2>");
        }
        if (s->v[i].section != sec) {
            sec = s->v[i].section;
            html_raw(b, "<h3>");
            html_txt(b, page_str(sec, "code"));
            html_raw(b, " ");
            sc__text(b, req, sec, "name");
            html_raw(b, "</h3>");
        }
        sc__criterion(b, req, i, &s->v[i], known[i], e);
    }
    if (part)
        html_raw(b, "</section>");
    office_submit(b, NULL,
                  k + 1 < s->npages ? (en ? "Next page" : "Trang tiếp")
                                    : (en ? "Hand in the sheet" : "Nộp phiếu chấm"));
    office_close(b, req);
}

/* The dossier and its scorecard, if this user may score it now. */
static int sc__open(json_t **d, json_t **set, struct scorecard *s, struct http_req *req)
{
    int64_t id;
    int rc, mine = 0;
    json_t *sheets;
    *d = *set = NULL;
    memset(s, 0, sizeof(*s));
    if ((rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = ocop_app_dossier_get(d, &req->app, id)) != 0)
        return rc;
    if (req->app.actor.role != OCOP_ROLE_COUNCIL)
        return ocop_error_set(OCOP_EFORBIDDEN, "only members of this dossier's council score it");
    if (!ev__may(req, page_str(*d, "state"), OCOP_DA_SCORE))
        return ocop_error_set(OCOP_ECONFLICT, "this dossier is not open for scoring");
    sheets = ev__sheets(req, id, &mine);
    json_decref(sheets);
    if (mine)
        return ocop_error_set(OCOP_ECONFLICT,
                              "you have already handed in your sheet for this dossier");
    if ((rc = ocop_app_criteria_get(set, &req->app, page_int(*d, "criteria_set_id"))) != 0)
        return rc;
    return sc__load(s, *set);
}

static int sc__send(struct http_resp *resp, struct http_req *req, json_t *d, json_t *set,
                    const struct scorecard *s, size_t k, const int *known,
                    const struct office_err *e, int status)
{
    struct ocop_buf b;
    ocop_buf_init(&b, BUF_MAX);
    sc__page(&b, req, d, set, s, k, known, e);
    ocop_error_clear();
    return office_send(resp, &b, status);
}

PAGE(page_score_form)
{
    struct scorecard s;
    json_t *d = NULL, *set = NULL;
    int *known = NULL, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = sc__open(&d, &set, &s, req)) == 0) {
        if (!(known = malloc(s.n * sizeof(int))))
            rc = ocop_error_set(OCOP_ERROR, "out of memory");
        for (size_t i = 0; known && i < s.n; i++)
            known[i] = -1;
        if (rc == 0)
            rc = sc__send(resp, req, d, set, &s, 0, known, NULL, 200);
    }
    free(known);
    free(s.v);
    json_decref(d);
    json_decref(set);
    return rc;
}

/* This page's choices into known[]; OCOP_EINVALID naming the first criterion missing. */
static int sc__read_page(int *known, const struct scorecard *s, size_t k, struct http_req *req)
{
    int rc = 0;
    for (size_t i = s->start[k]; i < s->start[k + 1]; i++) {
        char name[48];
        long long v;
        const char *code = page_str(s->v[i].c, "code");
        snprintf(name, sizeof(name), "choice_%s", code);
        known[i] = -1;
        if (web_field(req, name) &&
            ocop_parse_int(&v, web_field(req, name), 0, (long long)sc__options(&s->v[i]) - 1) == 0)
            known[i] = (int)v;
        else if (rc == 0)
            rc = ocop_error_set_field(OCOP_EINVALID, code,
                                      web_en(req) ? "choose one option for criterion %s"
                                                  : "chưa chọn phương án cho tiêu chí %s",
                                      code);
    }
    return rc;
}

PAGE(page_score_post)
{
    struct scorecard s;
    struct office_err e = {0};
    json_t *d = NULL, *set = NULL, *body = NULL, *choices, *out = NULL;
    long long step;
    int *known = NULL, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = sc__open(&d, &set, &s, req)) != 0)
        goto done;
    if (ocop_parse_int(&step, web_field(req, "step") ? web_field(req, "step") : "", 0,
                       (long long)s.npages - 1)) {
        rc = ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        goto done;
    }
    if (!(known = malloc(s.n * sizeof(int)))) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < s.n; i++)
        known[i] = -1;
    if ((rc = sc__sheet(known, &s, web_field(req, "sheet"), s.start[step])) != 0)
        goto done;
    if ((rc = sc__read_page(known, &s, (size_t)step, req)) != 0) {
        office_err_capture(&e, req, "score", 0);
        rc = sc__send(resp, req, d, set, &s, (size_t)step, known, &e, 422);
        goto done;
    }
    if ((size_t)step + 1 < s.npages) {
        rc = sc__send(resp, req, d, set, &s, (size_t)step + 1, known, NULL, 200);
        goto done;
    }
    choices = json_object();
    for (size_t i = 0; i < s.n; i++)
        json_object_set_new(choices, page_str(s.v[i].c, "code"), json_integer(known[i]));
    body = json_pack("{s:o}", "choices", choices);
    rc = ocop_app_score(&out, &req->app, page_int(d, "id"), body);
    if (rc == 0) {
        rc = office_redirect(resp, req, "/office/dossiers/%lld?done=scored", page_int(d, "id"));
    } else if (rc == OCOP_EINVALID) {
        office_err_capture(&e, req, "score", 0);
        rc = sc__send(resp, req, d, set, &s, sc__page_of(&s, e.field), known, &e, 422);
    }
done:
    json_decref(out);
    json_decref(body);
    free(known);
    free(s.v);
    json_decref(d);
    json_decref(set);
    return rc;
}
