/* api_stamps.c: stamp verification (HTML or JSON), public keys, stamp batches. */
#include "http/api.h"
#include "http/pages.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/places.h"
#include "core/stamp.h"
#include "core/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The stamp's own URI: the path and only the stamp's parameters (s=, l=), in order. */
static void stamps__uri(struct ocop_buf *b, struct http_req *req)
{
    const char *q = req->query_raw;
    int first = 1;
    ocop_buf_puts(b, req->path);
    while (q && *q) {
        size_t n = strcspn(q, "&");
        if (n > 2 && (q[0] == 's' || q[0] == 'l') && q[1] == '=') {
            ocop_buf_puts(b, first ? "?" : "&");
            ocop_buf_put(b, q, n);
            first = 0;
        }
        q += n + (q[n] == '&');
    }
    if (first)
        ocop_buf_puts(b, "?");
}


static int stamps__wants_json(struct http_req *req)
{
    const char *accept = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Accept");
    return accept && strstr(accept, "application/json") && !strstr(accept, "text/html");
}

int api_verify(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"s", "l", "lang", "lat", "lon", NULL};
    const char *lang = ocop_query_get(&req->query, "lang");
    struct ocop_buf uri, html, text;
    json_t *result = NULL;
    double lat, lon;
    int rc;

    if ((rc = ocop_query_only(&req->query, allowed)) != 0)
        return rc;
    /* Vietnamese first: English only when asked for with the page's switch (?lang=en) */
    lang = lang && strcmp(lang, "en") == 0 ? "en" : "vi";
    ocop_buf_init(&uri, 4096);
    ocop_buf_reserve(&uri, 240);
    stamps__uri(&uri, req);
    /* a position is both numbers or none: anything else is ignored, never refused (an
     * app's bad position must not keep a shopper from the verdict) */
    lat = ocop_coord_parse(ocop_query_get(&req->query, "lat"), 90);
    lon = ocop_coord_parse(ocop_query_get(&req->query, "lon"), 180);
    if (isnan(lat) || isnan(lon))
        lat = lon = NAN;
    if (stamps__wants_json(req)) {
        /* the hot path: the answer is written as text, no JSON tree */
        ocop_buf_init(&text, 4 << 20);
        http_body_room(&text, 4000); /* one block for a usual answer (~2 KB) */
        if ((rc = ocop_app_verify_text(&text, &req->app, uri.data, uri.len, lat, lon, lang)) == 0) {
            resp->body = ocop_buf_detach(&text, &resp->body_len);
            resp->content_type = "application/json";
        }
        ocop_buf_dispose(&text);
    } else if ((rc = ocop_app_verify(&result, &req->app, uri.data, uri.len, lat, lon, lang)) == 0) {
        ocop_buf_init(&html, 256 * 1024);
        page_stamp(&html, result, lang, uri.data);
        resp->body = ocop_buf_detach(&html, &resp->body_len);
        resp->content_type = "text/html; charset=utf-8";
        json_decref(result);
    }
    ocop_buf_dispose(&uri);
    return rc;
}

int api_stamps_suspected(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"days", NULL};
    long long days;
    int rc;
    if ((rc = ocop_query_only(&req->query, allowed)) != 0 ||
        (rc = ocop_query_int(&days, &req->query, "days", 60, 1, 366)) != 0)
        return rc;
    return ocop_app_flagged_stamps(&resp->json, &req->app, (int)days);
}

int api_stamp_scans(struct http_req *req, struct http_resp *resp)
{
    int rc = http_no_query(req);
    return rc ? rc : ocop_app_stamp_scans(&resp->json, &req->app, req->params[0]);
}

int api_keys_document(struct http_req *req, struct http_resp *resp)
{
    return ocop_app_keys_document(&resp->json, &req->app);
}

static int stamps__text(const char **out, json_t *body, const char *key, int required)
{
    json_t *v = json_object_get(body, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? ocop_error_set_field(OCOP_EINVALID, key, "%s is required%.0s", key,
                                               ocop_word_vi(key))
                        : 0;
    if (!json_is_string(v))
        return ocop_error_set_field(OCOP_EINVALID, key, "%s must be a string%.0s", key,
                                    ocop_word_vi(key));
    *out = json_string_value(v);
    return 0;
}

int api_batch_issue(struct http_req *req, struct http_resp *resp)
{
    static const char *const fields[] = {"product_id", "lot", "production_date", "expiry_date",
                                         "release_date", "count", NULL};
    struct ocop_issue_params p = {0};
    json_t *body = NULL, *v;
    const char *key;
    int64_t id = 0;
    int rc;

    if ((rc = http_json_body(&body, req)) != 0)
        return rc;
    if (!json_is_object(body)) {
        rc = ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
        goto done;
    }
    json_object_foreach(body, key, v) if (ocop_enum_index(fields, key) < 0)
    {
        rc = ocop_error_set_field(OCOP_EINVALID, key, "unknown field for a stamp batch");
        goto done;
    }
    v = json_object_get(body, "product_id");
    p.product_id = json_is_integer(v) ? json_integer_value(v) : 0;
    v = json_object_get(body, "count");
    p.count = json_is_integer(v) && json_integer_value(v) <= 100000 ? (long)json_integer_value(v) : -1;
    if (p.product_id <= 0)
        rc = ocop_error_set_field(OCOP_EINVALID, "product_id", "product_id is required");
    else if (p.count < 1)
        rc = ocop_error_set_field(OCOP_EINVALID, "count", "count is 1 to 100000 over the API "
                                  "(larger batches: ocop stamps issue)");
    if (rc || (rc = stamps__text(&p.lot, body, "lot", 1)) != 0 ||
        (rc = stamps__text(&p.production_date, body, "production_date", 1)) != 0 ||
        (rc = stamps__text(&p.expiry_date, body, "expiry_date", 0)) != 0 ||
        (rc = stamps__text(&p.release_date, body, "release_date", 0)) != 0 ||
        (rc = ocop_app_stamps_issue(&id, &req->app, &p, NULL, NULL)) != 0 ||
        (rc = ocop_app_batch_get(&resp->json, &req->app, id)) != 0)
        goto done;
    http_created(resp, "stamp-batches", id);
done:
    json_decref(body);
    return rc;
}

int api_batch_list(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"product", NULL};
    long long product;
    int rc;
    if ((rc = ocop_query_only(&req->query, allowed)) != 0 ||
        (rc = ocop_query_int(&product, &req->query, "product", 0, 1, INT64_MAX)) != 0)
        return rc;
    return ocop_app_batch_list(&resp->json, &req->app, product);
}

int api_batch_get(struct http_req *req, struct http_resp *resp)
{
    int64_t id;
    int rc;
    if ((rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    return ocop_app_batch_get(&resp->json, &req->app, id);
}

int http_send_batch_pdf(struct http_req *req, struct http_resp *resp, int64_t batch_id)
{
    char path[] = "/tmp/ocop-stamps-XXXXXX";
    int fd, rc;

    if ((fd = mkstemp(path)) < 0)
        return ocop_error_set(OCOP_ERROR, "cannot make a temporary file");
    rc = ocop_app_batch_export(&req->app, batch_id, "pdf", path, NULL, NULL);
    unlink(path); /* the open descriptor keeps the bytes until the answer is sent */
    if (rc) {
        close(fd);
        return rc;
    }
    resp->fd = fd;
    resp->content_type = "application/pdf";
    {
        char stem[40];
        snprintf(stem, sizeof(stem), "stamps-batch-%lld", (long long)batch_id);
        http_attachment(resp, stem, "pdf", 0);
    }
    return 0;
}

int api_batch_pdf(struct http_req *req, struct http_resp *resp)
{
    int64_t id;
    int rc = http_param_id(&id, req, 0);
    return rc ? rc : http_send_batch_pdf(req, resp, id);
}

static int stamps__reason(const char **reason, json_t **body, struct http_req *req)
{
    int rc = http_json_body(body, req);
    if (rc)
        return rc;
    if (!json_is_object(*body) || json_object_size(*body) != 1 ||
        !json_is_string(json_object_get(*body, "reason")))
        return ocop_error_set_field(OCOP_EINVALID, "reason", "the body is {\"reason\": \"...\"}");
    *reason = json_string_value(json_object_get(*body, "reason"));
    return 0;
}

int api_batch_revoke(struct http_req *req, struct http_resp *resp)
{
    json_t *body = NULL;
    const char *reason = NULL;
    int64_t id;
    int rc;
    if ((rc = http_param_id(&id, req, 0)) == 0 && (rc = stamps__reason(&reason, &body, req)) == 0)
        rc = ocop_app_batch_revoke(&resp->json, &req->app, id, reason);
    json_decref(body);
    return rc;
}

int api_stamp_revoke(struct http_req *req, struct http_resp *resp)
{
    json_t *body = NULL;
    const char *reason = NULL;
    int rc;
    if ((rc = stamps__reason(&reason, &body, req)) == 0)
        rc = ocop_app_stamp_revoke(&resp->json, &req->app, req->params[0], reason);
    json_decref(body);
    return rc;
}
