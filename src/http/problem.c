/* problem.c: RFC 9457 problem details; the one place ocop error codes become statuses. */
#include "http/http.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/messages.h"

#include <stdio.h>
#include <string.h>

int http_status_of(int code)
{
    switch (code) {
    case OCOP_OK: return 200;
    case OCOP_EMALFORMED: return 400;
    case OCOP_EUNAUTH: return 401;
    case OCOP_EFORBIDDEN: return 403;
    case OCOP_ENOTFOUND: return 404;
    case OCOP_EEXISTS: return 409;
    case OCOP_ECONFLICT: return 409;
    case OCOP_ETOOBIG: return 413;
    case OCOP_EINVALID: return 422;
    case OCOP_ETHROTTLED: return 429;
    default: return 500;
    }
}

static const char *problem__slug(int status)
{
    switch (status) {
    case 400: return "malformed-request";
    case 401: return "authentication-required";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "conflict";
    case 413: return "payload-too-large";
    case 415: return "unsupported-media-type";
    case 422: return "validation-failed";
    case 429: return "too-many-requests";
    case 503: return "service-unavailable";
    default: return "internal-error";
    }
}

static const char *problem__title_vi(int status)
{
    switch (status) {
    case 400: return "Yêu cầu sai định dạng";
    case 401: return "Cần đăng nhập";
    case 403: return "Không được phép";
    case 404: return "Không tìm thấy";
    case 405: return "Phương thức không được hỗ trợ";
    case 409: return "Xung đột";
    case 413: return "Nội dung quá lớn";
    case 415: return "Kiểu nội dung không được hỗ trợ";
    case 422: return "Dữ liệu không hợp lệ";
    case 429: return "Quá nhiều yêu cầu";
    case 503: return "Dịch vụ tạm thời không sẵn sàng";
    default: return "Lỗi hệ thống";
    }
}

static const char *problem__title(int status)
{
    switch (status) {
    case 400: return "Malformed request";
    case 401: return "Authentication required";
    case 403: return "Forbidden";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 409: return "Conflict";
    case 413: return "Payload too large";
    case 422: return "Validation failed";
    case 415: return "Unsupported media type";
    case 429: return "Too many requests";
    case 503: return "Service unavailable";
    default: return "Internal error";
    }
}

/* A field name is echoed only when it is a plain identifier. */
static int problem__plain(const char *s)
{
    size_t n = 0;
    for (; s && s[n]; n++)
        if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
              (s[n] >= '0' && s[n] <= '9') || s[n] == '_' || s[n] == '.'))
            return 0;
    return n > 0 && n <= 64;
}

const char *http_problem_lang(struct http_req *req)
{
    const char *h = req->conn ? MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND,
                                                            "Accept-Language")
                              : NULL;
    const char *lang = ocop_lang_accept(h);
    return lang ? lang : "en";
}

/* The problem document, its words already in `lang`. */
static void problem__set(struct http_resp *resp, struct http_req *req, int status,
                         const char *lang, const char *detail)
{
    const char *title = ocop_lang_vi(lang) ? problem__title_vi(status) : problem__title(status);
    char type[64];
    snprintf(type, sizeof(type), "/problems/%s", problem__slug(status));
    json_decref(resp->json);
    resp->status = status;
    resp->lang = ocop_lang_vi(lang) ? "vi" : "en";
    resp->json = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title", title, "status",
                           status, "detail", detail ? detail : title, "request_id",
                           req->request_id);
}

void http_problem_status(struct http_resp *resp, struct http_req *req, int status,
                         const char *detail)
{
    const char *lang = http_problem_lang(req);
    const char *vi = detail && ocop_lang_vi(lang) ? ocop_message_vi(detail) : NULL;
    problem__set(resp, req, status, lang, vi ? vi : detail);
}

void http_problem(struct http_resp *resp, struct http_req *req, int code)
{
    int status = http_status_of(code);
    const char *field = ocop_error_field();
    const char *lang = http_problem_lang(req);
    const char *message = ocop_error_message_in(lang);
    json_t *errors;
    char detail[600];

    if (status == 500) {
        fprintf(stderr, "ocop: request %s failed: %s\n", req->request_id, ocop_error_message());
        snprintf(detail, sizeof(detail),
                 ocop_lang_vi(lang) ? "Đã có lỗi ở phía máy chủ; hãy báo mã yêu cầu %s."
                                    : "Something went wrong on our side; quote request id %s.",
                 req->request_id);
        problem__set(resp, req, 500, lang, detail);
        return;
    }
    problem__set(resp, req, status, lang, message);
    if (!field)
        return;
    /* every field at fault, in the order of the record's fields */
    errors = json_array();
    for (size_t i = 0; i < ocop_error_field_count(); i++) {
        field = ocop_error_field_at(i);
        if (problem__plain(field))
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field", field, "message",
                                                    ocop_error_field_message_in(i, lang)));
    }
    if (json_array_size(errors))
        json_object_set_new(resp->json, "errors", errors);
    else
        json_decref(errors);
}
