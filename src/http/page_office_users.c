/*
 * page_office_users.c: the administrator's list of users (/office/users): role, scope,
 * status and live tokens, and a button that disables or enables each one, as
 * `ocop user disable|enable` does at the console (app/users.c decides; this page only
 * shows and asks).
 */
#include "http/page_office.h"
#include "core/error.h"
#include "http/http.h"

#include <stdio.h>
#include <string.h>

#define BUF_MAX (8 * 1024 * 1024)

static const char *const roles[][3] = {
    {"admin", "Quản trị", "Administrator"},       {"office", "Văn phòng OCOP", "OCOP office"},
    {"commune", "Cán bộ xã", "Commune officer"},  {"council", "Thành viên hội đồng", "Council member"},
    {"producer", "Chủ thể", "Producer"},           {"sales", "Điểm bán", "Sales point"}};

static void us__scope(struct ocop_buf *b, json_t *u, int en)
{
    long long producer = page_int(u, "producer_id");
    if (producer) {
        html_raw(b, en ? "producer " : "chủ thể ");
        html_int(b, producer);
    } else if (page_str(u, "ward")) {
        html_raw(b, en ? "ward " : "xã/phường ");
        html_txt(b, page_str(u, "ward"));
    } else if (page_str(u, "province")) {
        html_raw(b, en ? "province " : "tỉnh/thành ");
        html_txt(b, page_str(u, "province"));
    }
}

static int us__page(struct http_resp *resp, struct http_req *req, const struct office_err *e,
                    int status)
{
    static const char *const cols[][2] = {{"E-mail", "E-mail"},
                                          {"Họ tên", "Name"},
                                          {"Vai trò", "Role"},
                                          {"Phạm vi", "Scope"},
                                          {"Trạng thái", "Status"},
                                          {"Mã truy cập", "Tokens"},
                                          {"", ""},
                                          {NULL, NULL}};
    int en = web_en(req), rc;
    json_t *res = NULL, *u;
    struct ocop_buf b;
    size_t i;

    if ((rc = ocop_app_user_list(&res, &req->app)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "Users" : "Người dùng", "users");
    html_raw(&b, "<h1>");
    html_raw(&b, en ? "Users" : "Người dùng");
    html_raw(&b, "</h1>");
    office_done(&b, req);
    html_raw(&b, "<section><p class=\"mute\">");
    html_raw(&b, en ? "A disabled user's tokens and open sessions stop at once, and signing in "
                      "is refused; enabling lets the user in again. Users are added at the "
                      "console (ocop user add)."
                    : "Khi khoá một tài khoản, mã truy cập và các phiên đang mở dừng ngay, và "
                      "không đăng nhập được nữa; mở lại thì dùng được như trước. Người dùng "
                      "được thêm ở máy chủ (ocop user add).");
    html_raw(&b, "</p>");
    office_thead(&b, req, cols, en ? "Users" : "Người dùng");
    json_array_foreach(json_object_get(res, "items"), i, u)
    {
        long long id = page_int(u, "id");
        int off = json_is_true(json_object_get(u, "disabled"));
        html_raw(&b, "<tr><th scope=\"row\">");
        html_txt(&b, page_str(u, "email"));
        html_raw(&b, "</th>");
        office_td(&b, cols[1][en], NULL);
        html_txt(&b, page_str(u, "name"));
        html_raw(&b, "</td>");
        office_td(&b, cols[2][en], NULL);
        html_txt(&b, page_name(PAGE_NAMES(roles), page_str(u, "role"), en));
        html_raw(&b, "</td>");
        office_td(&b, cols[3][en], NULL);
        us__scope(&b, u, en);
        html_raw(&b, "</td>");
        office_td(&b, cols[4][en], NULL);
        office_badge(&b, off ? "revoked" : "valid",
                     off ? (en ? "disabled" : "đã khoá") : (en ? "active" : "đang dùng"));
        html_raw(&b, "</td>");
        office_td(&b, cols[5][en], " class=\"num\"");
        html_int(&b, page_int(u, "tokens"));
        html_raw(&b, "</td>");
        office_td(&b, en ? "Action" : "Thao tác", NULL);
        office_err_summary(&b, req, e, "status", id);
        office_post_form(&b, req, "/office/users/", id, off ? "/enable" : "/disable");
        office_submit(&b, off ? NULL : " class=\"sec\"",
                      off ? (en ? "Enable" : "Mở lại") : (en ? "Disable" : "Khoá"));
        html_raw(&b, "</td></tr>");
    }
    html_raw(&b, "</tbody></table></div></section>");
    office_close(&b, req);
    json_decref(res);
    return office_send(resp, &b, status);
}

PAGE(page_users)
{
    int rc = office_query(req, "done", NULL, NULL);
    return rc ? rc : us__page(resp, req, NULL, 200);
}

PAGE(page_user_status)
{
    struct office_err e = {0};
    const char *action = req->params[1];
    int64_t id;
    int rc, disable;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    if (!action || (strcmp(action, "disable") != 0 && strcmp(action, "enable") != 0))
        return ocop_error_set(OCOP_ENOTFOUND, "no such page");
    disable = strcmp(action, "disable") == 0;
    if ((rc = ocop_app_user_disable_id(&req->app, id, disable)) == 0)
        return office_redirect(resp, req, "/office/users?done=%s", disable ? "disabled" : "enabled");
    if (rc != OCOP_ECONFLICT && rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, "status", id);
    return us__page(resp, req, &e, 422);
}
