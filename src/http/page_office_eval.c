/*
 * page_office_eval.c: the evaluation in the back office: the list of dossiers, and
 * opening a dossier for a product. One dossier's page is page_office_dossier.c, the
 * scoring form page_office_score.c. Thin over app/: the app checks every right and
 * state; these pages only hide what a role cannot do.
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
        html_txt(&b, page_ward_name(json_object_get(d, "ward"), en));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[4][en], NULL);
        html_txt(&b, page_name(PAGE_NAMES(page_dossier_kinds), page_str(d, "kind"), web_en(req)));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[5][en], NULL);
        office_state(&b, req, page_str(d, "state"));
        html_raw(&b, "</td>");
        office_td(&b, dossier_cols[6][en], NULL);
        if (json_is_number(json_object_get(d, "total"))) {
            office_decimal(&b, req, json_number_value(json_object_get(d, "total")), 2);
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
    for (i = 0; i < sizeof(page_dossier_kinds) / sizeof(page_dossier_kinds[0]); i++)
        office_option(b, page_dossier_kinds[i][0], page_dossier_kinds[i][en ? 2 : 1], kind);
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
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    body = json_object();
    if ((rc = office_int_field(&v, "product_id", web_field(req, "product_id"), 1, INT64_MAX)) ==
        0) {
        if (v)
            json_object_set_new(body, "product_id", v);
        if (kind && *kind)
            json_object_set_new(body, "kind", json_string(kind));
        if ((rc = office_int_field(&v, "target_stars", web_field(req, "target_stars"), 0, 9)) ==
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
