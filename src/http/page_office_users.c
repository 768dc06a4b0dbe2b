/*
 * page_office_users.c: the administrator's users (/office/users): a form that adds one,
 * and every user with role, scope, status and live tokens, with a button that disables
 * or enables each; a user's page (/office/users/{id}) lists the user's API tokens, revokes
 * them and makes new ones, shown once. The console's `ocop user` and `ocop token` do the
 * same (app/users.c decides; these pages only show and ask).
 */
#include "http/page_office.h"
#include "core/error.h"
#include "http/http.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MAX (8 * 1024 * 1024)
#define USERS_PER_PAGE 50

/* The form that adds a user (values kept when it comes back with an error). */
static void us__add_form(struct ocop_buf *b, struct http_req *req, const struct office_err *e)
{
    int en = web_en(req);
    struct office_in in;
    const char *role = office_posted(req, e, "add", 0, "role", "");
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Add a user" : "Thêm người dùng");
    html_raw(b, "</h2>");
    office_err_summary(b, req, e, "add", 0);
    html_raw(b, "<form method=\"post\" action=\"/office/users/new");
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
    html_raw(b, "<div class=\"cols\">");
    in = (struct office_in){"email", "E-mail", "email", office_posted(req, e, "add", 0, "email", ""),
                            1, NULL, " maxlength=\"254\" autocomplete=\"off\"", 0};
    office_input(b, req, &in, e);
    in = (struct office_in){"name", en ? "Name" : "Họ tên", "text",
                            office_posted(req, e, "add", 0, "name", ""), 0, NULL,
                            " maxlength=\"200\"", 0};
    office_input(b, req, &in, e);
    in = (struct office_in){"role", en ? "Role" : "Vai trò", NULL, role, 1, NULL, NULL, 0};
    office_select_open(b, req, &in, e);
    office_option(b, "", en ? "Choose…" : "Chọn…", role);
    for (size_t i = 0; i < sizeof(page_roles) / sizeof(page_roles[0]); i++)
        office_option(b, page_roles[i][0], page_roles[i][en ? 2 : 1], role);
    office_select_close(b, &in, e);
    in = (struct office_in){"province", en ? "Province code" : "Mã tỉnh/thành",
                            "text", office_posted(req, e, "add", 0, "province", ""), 0,
                            en ? "An office user's province, e.g. 01 (Hà Nội)"
                               : "Của cán bộ văn phòng, ví dụ 01 (Hà Nội)",
                            " maxlength=\"2\" inputmode=\"numeric\"", 0};
    office_input(b, req, &in, e);
    in = (struct office_in){"ward", en ? "Ward or commune code" : "Mã xã/phường", "text",
                            office_posted(req, e, "add", 0, "ward", ""), 0,
                            en ? "A commune officer's, 5 digits" : "Của cán bộ xã, 5 chữ số",
                            " maxlength=\"5\" inputmode=\"numeric\"", 0};
    office_input(b, req, &in, e);
    in = (struct office_in){"producer", en ? "Producer number" : "Số hiệu chủ thể", "number",
                            office_posted(req, e, "add", 0, "producer", ""), 0,
                            en ? "A producer's own account" : "Tài khoản của chủ thể",
                            " min=\"1\"", 0};
    office_input(b, req, &in, e);
    in = (struct office_in){"password", en ? "Password" : "Mật khẩu", "password", "", 0,
                            en ? "10 characters or more; empty for an account that only uses "
                                 "API tokens"
                               : "Từ 10 ký tự; để trống nếu tài khoản chỉ dùng mã truy cập API",
                            " minlength=\"10\" autocomplete=\"new-password\"", 0};
    office_input(b, req, &in, e);
    html_raw(b, "</div>");
    office_submit(b, NULL, en ? "Add the user" : "Thêm người dùng");
    html_raw(b, "</section>");
}

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
                                          {"Thao tác", "Action"},
                                          {NULL, NULL}};
    int en = web_en(req), rc;
    json_t *res = NULL, *u;
    struct ocop_buf b;
    long long page = 1;
    size_t i;

    if ((rc = ocop_query_int(&page, &req->query, "page", 1, 1, 100000)) != 0 ||
        (rc = ocop_app_user_list(&res, &req->app, ocop_query_get(&req->query, "q"), (int)page,
                                 USERS_PER_PAGE)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "Users" : "Người dùng", "users");
    html_raw(&b, "<h1>");
    html_raw(&b, en ? "Users" : "Người dùng");
    html_raw(&b, "</h1>");
    office_done(&b, req);
    html_raw(&b, "<section><p class=\"mute\">");
    html_raw(&b, en ? "A disabled user's tokens and open sessions stop at once, and signing in "
                      "is refused; enabling lets the user in again. A user's API tokens are on "
                      "the user's page (the e-mail)."
                    : "Khi khoá một tài khoản, mã truy cập và các phiên đang mở dừng ngay, và "
                      "không đăng nhập được nữa; mở lại thì dùng được như trước. Mã truy cập API "
                      "của từng người ở trang của người đó (bấm vào e-mail).");
    html_raw(&b, "</p></section>");
    us__add_form(&b, req, e);
    html_raw(&b, "<section><div class=\"bar\"><h2>");
    html_raw(&b, en ? "Users" : "Người dùng");
    html_raw(&b, " (");
    html_int(&b, page_int(res, "total"));
    html_raw(&b, ")</h2>");
    office_search(&b, req, "/office/users", "Tìm theo e-mail hoặc tên", "Search by e-mail or name");
    html_raw(&b, "</div>");
    if (!json_array_size(json_object_get(res, "items"))) {
        html_raw(&b, "<p class=\"mute\">");
        html_raw(&b, en ? "No user matches." : "Không có người dùng phù hợp.");
        html_raw(&b, "</p>");
    }
    office_thead(&b, req, cols, en ? "Users" : "Người dùng");
    json_array_foreach(json_object_get(res, "items"), i, u)
    {
        long long id = page_int(u, "id");
        int off = json_is_true(json_object_get(u, "disabled"));
        html_raw(&b, "<tr><th scope=\"row\"><a href=\"/office/users/");
        html_int(&b, id);
        office_lang(&b, req, 0);
        html_raw(&b, "\">");
        html_txt(&b, page_str(u, "email"));
        html_raw(&b, "</a></th>");
        office_td(&b, cols[1][en], NULL);
        html_txt(&b, page_str(u, "name"));
        html_raw(&b, "</td>");
        office_td(&b, cols[2][en], NULL);
        html_txt(&b, page_name(PAGE_NAMES(page_roles), page_str(u, "role"), en));
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
        office_td(&b, cols[6][en], NULL);
        office_err_summary(&b, req, e, "status", id);
        office_post_form(&b, req, "/office/users/", id, off ? "/enable" : "/disable");
        office_submit(&b, off ? NULL : " class=\"sec\"",
                      off ? (en ? "Enable" : "Mở lại") : (en ? "Disable" : "Khoá"));
        html_raw(&b, "</td></tr>");
    }
    html_raw(&b, "</tbody></table></div>");
    office_pager(&b, req, "/office/users", res);
    html_raw(&b, "</section>");
    office_close(&b, req);
    json_decref(res);
    return office_send(resp, &b, status);
}

PAGE(page_users)
{
    int rc = office_query(req, "done", "q", "page");
    return rc ? rc : us__page(resp, req, NULL, 200);
}

PAGE(page_user_create)
{
    struct office_err e = {0};
    struct ocop_user_params p = {0};
    json_t *producer = NULL;
    int64_t id;
    int rc;
#define US_FIELD(name) (web_field(req, name) && *web_field(req, name) ? web_field(req, name) : NULL)
    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    p.email = US_FIELD("email");
    p.name = US_FIELD("name");
    p.role = US_FIELD("role");
    p.province_code = US_FIELD("province");
    p.ward_code = US_FIELD("ward");
    p.password = US_FIELD("password");
#undef US_FIELD
    if ((rc = office_int_field(&producer, "producer", web_field(req, "producer"), 1, INT64_MAX)) ==
        0) {
        p.producer_id = producer ? (int64_t)json_integer_value(producer) : 0;
        rc = ocop_app_user_add(&id, &req->app, &p);
    }
    json_decref(producer);
    if (rc == 0)
        return office_redirect(resp, req, "/office/users?done=user");
    if (rc != OCOP_EINVALID && rc != OCOP_EEXISTS)
        return rc;
    office_err_capture(&e, req, "add", 0);
    return us__page(resp, req, &e, 422);
}

/* A user's page: the tokens (each revocable) and a form for a new one; `token` is a new
 * token, shown this once. */
static int us__user(struct http_resp *resp, struct http_req *req, int64_t id, const char *token,
                    const struct office_err *e, int status)
{
    static const char *const cols[][2] = {{"Nhãn", "Label"},
                                          {"Tạo lúc", "Created"},
                                          {"Trạng thái", "Status"},
                                          {"Thao tác", "Action"},
                                          {NULL, NULL}};
    int en = web_en(req), rc;
    char email[255];
    json_t *res = NULL, *t;
    struct ocop_buf b;
    struct office_in in;
    size_t i;

    if ((rc = ocop_app_user_email(email, sizeof(email), &req->app, id)) != 0 ||
        (rc = ocop_app_token_list(&res, &req->app, email)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, email, "users");
    html_raw(&b, "<p><a href=\"/office/users");
    office_lang(&b, req, 0);
    html_raw(&b, "\">");
    html_raw(&b, en ? "← Users" : "← Người dùng");
    html_raw(&b, "</a></p><h1>");
    html_txt(&b, email);
    html_raw(&b, "</h1>");
    office_done(&b, req);
    if (token) {
        html_raw(&b, "<section class=\"note\" role=\"status\"><p>");
        html_raw(&b, en ? "The new token, shown this once: copy it now and hand it over safely. "
                          "The server keeps only its hash."
                        : "Mã truy cập mới, chỉ hiện một lần này: hãy sao chép ngay và trao một "
                          "cách an toàn. Máy chủ chỉ lưu giá trị băm của mã.");
        html_raw(&b, "</p><p><code id=\"new-token\">");
        html_txt(&b, token);
        html_raw(&b, "</code></p></section>");
    }
    html_raw(&b, "<section><h2>");
    html_raw(&b, en ? "New API token" : "Tạo mã truy cập API");
    html_raw(&b, "</h2>");
    office_err_summary(&b, req, e, "token", 0);
    office_post_form(&b, req, "/office/users/", id, "/token");
    in = (struct office_in){"label", en ? "Label" : "Nhãn", "text",
                            office_posted(req, e, "token", 0, "label", ""), 0,
                            en ? "What the token is for, e.g. the shop's software"
                               : "Mã dùng vào việc gì, ví dụ phần mềm bán hàng",
                            " maxlength=\"100\"", 0};
    office_input(&b, req, &in, e);
    office_submit(&b, NULL, en ? "Create a token" : "Tạo mã");
    html_raw(&b, "</section><section><h2>");
    html_raw(&b, en ? "Tokens" : "Mã truy cập");
    html_raw(&b, "</h2>");
    if (!json_array_size(json_object_get(res, "items"))) {
        html_raw(&b, "<p class=\"mute\">");
        html_raw(&b, en ? "No tokens." : "Chưa có mã truy cập.");
        html_raw(&b, "</p>");
    } else {
        office_thead(&b, req, cols, en ? "Tokens" : "Mã truy cập");
        json_array_foreach(json_object_get(res, "items"), i, t)
        {
            long long tid = page_int(t, "id");
            const char *revoked = page_str(t, "revoked_at");
            html_raw(&b, "<tr><th scope=\"row\">");
            html_txt(&b, page_str(t, "label") ? page_str(t, "label") : "—");
            html_raw(&b, "</th>");
            office_td(&b, cols[1][en], NULL);
            office_date_txt(&b, page_str(t, "created_at"));
            html_raw(&b, "</td>");
            office_td(&b, cols[2][en], NULL);
            office_badge(&b, revoked ? "revoked" : "valid",
                         revoked ? (en ? "revoked" : "đã thu hồi") : (en ? "active" : "đang dùng"));
            html_raw(&b, "</td>");
            office_td(&b, cols[3][en], NULL);
            if (!revoked) {
                office_err_summary(&b, req, e, "revoke", tid);
                office_post_form(&b, req, "/office/users/", id, "/revoke");
                html_raw(&b, "<input type=\"hidden\" name=\"token\" value=\"");
                html_int(&b, tid);
                html_raw(&b, "\">");
                office_submit(&b, " class=\"sec\"", en ? "Revoke" : "Thu hồi");
            }
            html_raw(&b, "</td></tr>");
        }
        html_raw(&b, "</tbody></table></div>");
    }
    html_raw(&b, "</section>");
    office_close(&b, req);
    json_decref(res);
    resp->no_store = token != NULL;
    return office_send(resp, &b, status);
}

PAGE(page_user)
{
    int64_t id;
    int rc;
    if ((rc = office_query(req, "done", NULL, NULL)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    return us__user(resp, req, id, NULL, NULL, 200);
}

/* A new token for the user: the page shows it once (a redirect would have to carry it). */
static int us__token(struct http_resp *resp, struct http_req *req, int64_t id)
{
    struct office_err e = {0};
    const char *label = web_field(req, "label");
    char email[255], *token = NULL;
    int rc;
    if ((rc = ocop_app_user_email(email, sizeof(email), &req->app, id)) != 0)
        return rc;
    if ((rc = ocop_app_token_create(&token, &req->app, email, label && *label ? label : NULL)) != 0) {
        if (rc != OCOP_EINVALID)
            return rc;
        office_err_capture(&e, req, "token", 0);
        return us__user(resp, req, id, NULL, &e, 422);
    }
    rc = us__user(resp, req, id, token, NULL, 201);
    sodium_memzero(token, strlen(token));
    free(token);
    return rc;
}

PAGE(page_user_action)
{
    struct office_err e = {0};
    const char *action = req->params[1];
    int64_t id, token;
    int rc, disable;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    if (action && strcmp(action, "token") == 0)
        return us__token(resp, req, id);
    if (action && strcmp(action, "revoke") == 0) {
        long long t;
        if (ocop_parse_int(&t, web_field(req, "token"), 1, INT64_MAX) != 0)
            return ocop_error_set(OCOP_EMALFORMED, "the form names no token");
        token = (int64_t)t;
        if ((rc = ocop_app_token_revoke(&req->app, token)) == 0)
            return office_redirect(resp, req, "/office/users/%lld?done=token_revoked", (long long)id);
        if (rc != OCOP_ECONFLICT && rc != OCOP_EINVALID)
            return rc;
        office_err_capture(&e, req, "revoke", token);
        return us__user(resp, req, id, NULL, &e, 422);
    }
    if (!action || (strcmp(action, "disable") != 0 && strcmp(action, "enable") != 0))
        return ocop_error_set(OCOP_ENOTFOUND, "no such page");
    disable = strcmp(action, "disable") == 0;
    if ((rc = ocop_app_user_disable_id(&req->app, id, disable)) == 0)
        return office_redirect(resp, req, "/office/users?done=%s", disable ? "disabled" : "enabled");
    if (rc != OCOP_ECONFLICT && rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "status", id);
    return us__page(resp, req, &e, 422);
}
