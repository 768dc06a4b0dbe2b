/* problem.c: RFC 9457 problem details; the one place ocop error codes become statuses. */
#include "http/http.h"
#include "core/error.h"

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
    case 429: return "Too many requests";
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

void http_problem_status(struct http_resp *resp, struct http_req *req, int status,
                         const char *title, const char *detail)
{
    char type[64];
    snprintf(type, sizeof(type), "/problems/%s", problem__slug(status));
    json_decref(resp->json);
    resp->status = status;
    resp->json = json_pack("{s:s, s:s, s:i, s:s, s:s}", "type", type, "title",
                           title ? title : problem__title(status), "status", status, "detail",
                           detail ? detail : problem__title(status), "request_id",
                           req->request_id);
}

void http_problem(struct http_resp *resp, struct http_req *req, int code)
{
    int status = http_status_of(code);
    const char *field = ocop_error_field();
    char detail[600];

    if (status == 500) {
        fprintf(stderr, "ocop: request %s failed: %s\n", req->request_id, ocop_error_message());
        snprintf(detail, sizeof(detail), "Something went wrong on our side; quote request id %s.",
                 req->request_id);
        http_problem_status(resp, req, 500, NULL, detail);
        return;
    }
    http_problem_status(resp, req, status, NULL, ocop_error_message());
    if (field && problem__plain(field)) {
        json_object_set_new(resp->json, "errors",
                            json_pack("[{s:s, s:s}]", "field", field, "message",
                                      ocop_error_message()));
    }
}
