/* web.c (http): the HTML pages' shared parts, and signing in and out. */
#include "http/web.h"
#include "core/error.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *web_cookie(struct http_req *req, const char *name, char *out, size_t n)
{
    const char *c = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
    if (!c || strlen(c) >= n)
        return NULL;
    memcpy(out, c, strlen(c) + 1);
    return out;
}

/* Where a signed-in person starts: the dashboard is the province's; others have their lists. */
static const char *web__home(enum ocop_role role)
{
    switch (role) {
    case OCOP_ROLE_COMMUNE:
    case OCOP_ROLE_COUNCIL:
        return "/office/dossiers";
    case OCOP_ROLE_PRODUCER:
        return "/office/products";
    case OCOP_ROLE_SALES:
        return "/products";
    default:
        return "/office";
    }
}

int web_en(struct http_req *req)
{
    const char *q = ocop_query_get(&req->query, "lang");
    char c[8];
    if (q)
        return strcmp(q, "en") == 0;
    return web_cookie(req, "lang", c, sizeof(c)) && strcmp(c, "en") == 0;
}

const char *web_field(struct http_req *req, const char *name)
{
    return ocop_query_get(&req->form, name);
}

/* The current path with the language switched (?lang=), keeping other parameters. */
static void web__switch(struct ocop_buf *b, struct http_req *req, const char *lang)
{
    html_attr(b, req->path);
    html_raw(b, "?");
    for (int i = 0; i < req->query.count; i++) {
        if (strcmp(req->query.params[i].key, "lang") == 0)
            continue;
        html_url_arg(b, req->query.params[i].key);
        html_raw(b, "=");
        html_url_arg(b, req->query.params[i].value);
        html_raw(b, "&amp;");
    }
    html_raw(b, "lang=");
    html_raw(b, lang);
}

void web_open(struct ocop_buf *b, struct http_req *req, const char *title)
{
    int en = web_en(req);
    html_page_open(b, en ? "en" : "vi", title);
    html_raw(b, en ? "<header class=\"top\"><a class=\"brand\" href=\"/?lang=en\">OCOP</a> "
                     "<nav aria-label=\"Main\"><a href=\"/products?lang=en\">Products</a> "
                     "<a href=\"/map?lang=en\">Map</a> <a href=\""
                   : "<header class=\"top\"><a class=\"brand\" href=\"/\">OCOP</a> "
                     "<nav aria-label=\"Chính\"><a href=\"/products\">Sản phẩm</a> "
                     "<a href=\"/map\">Bản đồ</a> <a href=\"");
    html_raw(b, req->app.actor.role == OCOP_ROLE_NONE ? "/office/login" : web__home(req->app.actor.role));
    html_raw(b, en ? (strchr(web__home(req->app.actor.role), '?') ? "&amp;lang=en\">" : "?lang=en\">")
                   : "\">");
    if (req->app.actor.role != OCOP_ROLE_NONE)
        html_txt(b, req->app.actor.email);
    else
        html_raw(b, en ? "Sign in" : "Đăng nhập");
    html_raw(b, "</a> <a href=\"");
    web__switch(b, req, en ? "vi" : "en");
    html_raw(b, en ? "\" hreflang=\"vi\" lang=\"vi\">Tiếng Việt</a>"
                   : "\" hreflang=\"en\" lang=\"en\">English</a>");
    html_raw(b, "</nav></header><main>");
}

void web_close(struct ocop_buf *b, struct http_req *req)
{
    html_raw(b, "</main><footer>");
    html_raw(b, web_en(req) ? "One Commune One Product (OCOP) programme"
                            : "Chương trình Mỗi xã một sản phẩm (OCOP)");
    html_raw(b, "</footer>");
    html_page_close(b);
}

void web_csrf_field(struct ocop_buf *b, struct http_req *req)
{
    html_raw(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_attr(b, req->csrf);
    html_raw(b, "\">");
}

int web_send(struct http_resp *resp, struct ocop_buf *b)
{
    if (!b->data)
        return ocop_error_set(OCOP_ERROR, "the page is empty");
    resp->body = ocop_buf_detach(b, &resp->body_len);
    resp->content_type = "text/html; charset=utf-8";
    return 0;
}

int web_redirect(struct http_resp *resp, const char *path)
{
    int local = path && path[0] == '/' && path[1] != '/' && path[1] != '\\' &&
                !strpbrk(path, "\r\n") && strlen(path) < sizeof(resp->location);
    resp->status = 303;
    snprintf(resp->location, sizeof(resp->location), "%s", local ? path : "/");
    resp->body = strdup("");
    resp->body_len = 0;
    resp->content_type = "text/html; charset=utf-8";
    return 0;
}

/* An error page's heading, for people: what went wrong, in the page's language. */
static const char *web__error_title(int status, int en)
{
    switch (status) {
    case 400:
        return en ? "Malformed request" : "Yêu cầu sai định dạng";
    case 401:
        return en ? "Sign-in required" : "Cần đăng nhập";
    case 403:
        return en ? "Access denied" : "Không có quyền truy cập";
    case 404:
        return en ? "Page not found" : "Không tìm thấy trang";
    case 405:
        return en ? "Method not allowed" : "Phương thức không được hỗ trợ";
    case 409:
        return en ? "This cannot be done now" : "Chưa thể thực hiện";
    case 413:
        return en ? "Request too large" : "Yêu cầu quá lớn";
    case 422:
        return en ? "Invalid request" : "Yêu cầu không hợp lệ";
    case 429:
        return en ? "Too many requests" : "Quá nhiều yêu cầu";
    case 503:
        return en ? "Service unavailable" : "Dịch vụ tạm thời không sẵn sàng";
    default:
        return en ? "Something went wrong" : "Đã có lỗi xảy ra";
    }
}

void web_error_page(struct http_resp *resp, struct http_req *req, int status, const char *message)
{
    struct ocop_buf b;
    int en = web_en(req);
    char title[96];
    ocop_buf_init(&b, 64 * 1024);
    snprintf(title, sizeof(title), "%s (%d)", web__error_title(status, en), status);
    web_open(&b, req, title);
    html_raw(&b, "<section><h1>");
    html_raw(&b, web__error_title(status, en));
    html_raw(&b, "</h1><p>");
    html_txt(&b, message);
    html_raw(&b, "</p><p><a href=\"");
    html_raw(&b, en ? "/?lang=en\">Home page" : "/\">Trang chủ");
    html_raw(&b, "</a></p><p class=\"mute\">");
    html_raw(&b, en ? "Error " : "Mã lỗi ");
    html_int(&b, status);
    html_raw(&b, en ? ", request " : ", mã yêu cầu ");
    html_txt(&b, req->request_id);
    html_raw(&b, "</p></section>");
    web_close(&b, req);
    json_decref(resp->json);
    resp->json = NULL;
    free(resp->body);
    resp->status = status;
    web_send(resp, &b);
}

/* ------------------------------------------------------------ sign in/out */

/* The sign-in form; after a failure `email` (may be NULL) is the address typed, shown
 * again (escaped, and only when of an e-mail's length); the password never is. */
static void login__form(struct ocop_buf *b, struct http_req *req, const char *csrf,
                        const char *next, const char *email, const char *error)
{
    int again = email && *email && strlen(email) <= 254;
    int en = web_en(req);
    web_open(b, req, en ? "Sign in" : "Đăng nhập");
    html_raw(b, "<section><h1>");
    html_raw(b, en ? "Sign in to the OCOP office" : "Đăng nhập hệ thống OCOP");
    html_raw(b, "</h1>");
    if (error) {
        html_raw(b, "<p class=\"error\" role=\"alert\">");
        html_txt(b, error);
        html_raw(b, "</p>");
    }
    html_raw(b, "<form method=\"post\" action=\"/office/login\"><input type=\"hidden\" "
                "name=\"csrf\" value=\"");
    html_attr(b, csrf);
    html_raw(b, "\"><input type=\"hidden\" name=\"next\" value=\"");
    html_attr(b, next ? next : "/office");
    html_raw(b, "\"><p><label for=\"email\">E-mail</label><br><input id=\"email\" name=\"email\" "
                "type=\"email\" autocomplete=\"username\" required");
    if (again) {
        html_raw(b, " value=\"");
        html_attr(b, email);
        html_raw(b, "\"");
    }
    html_raw(b, "></p><p><label for=\"password\">");
    html_raw(b, en ? "Password" : "Mật khẩu");
    html_raw(b, "</label><br><input id=\"password\" name=\"password\" type=\"password\" "
                "autocomplete=\"current-password\" required");
    if (again)
        html_raw(b, " autofocus"); /* the address is kept: the password is what to retype */
    html_raw(b, "></p><p><button type=\"submit\">");
    html_raw(b, en ? "Sign in" : "Đăng nhập");
    html_raw(b, "</button></p></form></section>");
    web_close(b, req);
}

/* A pre-session CSRF token, as a cookie the sign-in form must echo (double submit). */
static void login__new_csrf(char out[48])
{
    unsigned char raw[24];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, 48, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static void web__cookie(struct http_resp *resp, int i, struct http_req *req, const char *name,
                        const char *value, long max_age)
{
    int secure = strncmp(req->app.public_url, "https://", 8) == 0;
    snprintf(resp->set_cookie[i], sizeof(resp->set_cookie[i]),
             "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s", name, value, max_age,
             secure ? "; Secure" : "");
}

int page_login(struct http_req *req, struct http_resp *resp)
{
    struct ocop_buf b;
    char csrf[48];
    login__new_csrf(csrf);
    web__cookie(resp, 0, req, "ocop_login", csrf, 3600);
    ocop_buf_init(&b, 64 * 1024);
    login__form(&b, req, csrf, ocop_query_get(&req->query, "next"), NULL, NULL);
    return web_send(resp, &b);
}

int page_login_post(struct http_req *req, struct http_resp *resp)
{
    char cookie[64], token[OCOP_WEB_TOKEN_LEN + 1], csrf[65], fresh[48];
    struct ocop_actor who;
    const char *sent = web_field(req, "csrf"), *next = web_field(req, "next");
    struct ocop_buf b;
    int rc;

    if (!web_cookie(req, "ocop_login", cookie, sizeof(cookie)) || !sent ||
        strlen(sent) != strlen(cookie) || sodium_memcmp(sent, cookie, strlen(cookie)) != 0)
        return ocop_error_set(OCOP_EFORBIDDEN, "the form expired; open the sign-in page again");
    rc = ocop_app_web_login(token, csrf, &who, req->app.st, web_field(req, "email"),
                            web_field(req, "password"), req->app.client, time(NULL));
    if (rc == OCOP_EUNAUTH || rc == OCOP_ETHROTTLED) {
        login__new_csrf(fresh);
        web__cookie(resp, 0, req, "ocop_login", fresh, 3600);
        ocop_buf_init(&b, 64 * 1024);
        login__form(&b, req, fresh, next, web_field(req, "email"),
                    rc == OCOP_ETHROTTLED
                        ? WEB_T(req, "Quá nhiều lần đăng nhập sai; hãy thử lại sau 15 phút.",
                                "Too many failed sign-ins; try again in 15 minutes.")
                        : WEB_T(req, "Sai e-mail hoặc mật khẩu.", "Wrong e-mail or password."));
        resp->status = rc == OCOP_ETHROTTLED ? 429 : 401;
        return web_send(resp, &b);
    }
    if (rc)
        return rc;
    web__cookie(resp, 0, req, "ocop_session", token, 12 * 3600);
    web__cookie(resp, 1, req, "ocop_login", "", 0);
    if (!next || strncmp(next, "/office", 7) != 0 || strcmp(next, "/office") == 0)
        next = web__home(who.role);
    return web_redirect(resp, next);
}

int page_logout(struct http_req *req, struct http_resp *resp)
{
    int rc = ocop_app_web_logout(req->app.st, req->session);
    if (rc)
        return rc;
    web__cookie(resp, 0, req, "ocop_session", "", 0);
    return web_redirect(resp, "/");
}
