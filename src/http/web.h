/*
 * web.h: what the HTML pages share: language, layout, forms, redirects, error pages.
 * Pages are rendered on the server, every data string through render/html.h, and need
 * no script to read.
 */
#ifndef OCOP_HTTP_WEB_H
#define OCOP_HTTP_WEB_H

#include "http/http.h"
#include "render/html.h"

/* 1 when the page is to be in English (?lang=en, or the lang cookie), else Vietnamese. */
int web_en(struct http_req *req);
#define WEB_T(req, vi, en) (web_en(req) ? (en) : (vi))

/* Opens a page: head, top bar (brand, navigation, sign-in state, language switch). */
void web_open(struct ocop_buf *b, struct http_req *req, const char *title);
void web_close(struct ocop_buf *b, struct http_req *req);
/* The hidden CSRF field every form of the office carries. */
void web_csrf_field(struct ocop_buf *b, struct http_req *req);

/* Answers the buffer as an HTML page (takes its bytes). */
int web_send(struct http_resp *resp, struct ocop_buf *b);
/* 303 See Other to a local path (anything else goes to "/"). */
int web_redirect(struct http_resp *resp, const char *path);
/* An HTML error page for a status and message (no raw input echoed). */
void web_error_page(struct http_resp *resp, struct http_req *req, int status, const char *message);

/* A form field, cleaned (NULL if absent). */
const char *web_field(struct http_req *req, const char *name);
/* A cookie's value from the request (into out), or NULL. */
const char *web_cookie(struct http_req *req, const char *name, char *out, size_t n);

/* Sign-in, sign-out (web.c). */
int page_login(struct http_req *req, struct http_resp *resp);
int page_login_post(struct http_req *req, struct http_resp *resp);
int page_logout(struct http_req *req, struct http_resp *resp);

#endif
