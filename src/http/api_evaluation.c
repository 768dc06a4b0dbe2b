/* api_evaluation.c: JSON API handlers for criteria sets, dossiers, sessions, decisions. */
#include "http/api.h"
#include "core/error.h"
#include "core/workflow.h"
#include "store/evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GET /…/{id} with no query: the common shape of a read by id. */
static int api__get(struct http_req *req, struct http_resp *resp,
                    int (*fn)(json_t **, struct ocop_app *, int64_t))
{
    int64_t id;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    return fn(&resp->json, &req->app, id);
}

/* 201 and Location: /api/v1/{collection}/{id of the answer} when rc is 0. */
static int api__created(struct http_resp *resp, const char *collection, int rc)
{
    if (rc == 0)
        http_created(resp, collection, json_integer_value(json_object_get(resp->json, "id")));
    return rc;
}

/* POST /…/{collection} with a JSON body: 201 and Location on success. */
static int api__create(struct http_req *req, struct http_resp *resp,
                       int (*fn)(json_t **, struct ocop_app *, json_t *), const char *collection)
{
    json_t *body = NULL;
    int rc;
    if ((rc = http_json_body(&body, req)) != 0)
        return rc;
    rc = fn(&resp->json, &req->app, body);
    json_decref(body);
    return api__created(resp, collection, rc);
}

int api_criteria_list(struct http_req *req, struct http_resp *resp)
{
    int rc = http_no_query(req);
    return rc ? rc : ocop_app_criteria_list(&resp->json, &req->app);
}

int api_criteria_get(struct http_req *req, struct http_resp *resp)
{
    return api__get(req, resp, ocop_app_criteria_get);
}

int api_dossier_list(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"page", "per_page", "state", "product", "session", NULL};
    struct ocop_dossier_filter f = {0};
    enum ocop_dossier_state s;
    long long v;
    int rc;

    if ((rc = ocop_query_only(&req->query, allowed)) != 0 ||
        (rc = ocop_query_int(&f.page, &req->query, "page", 1, 1, 1000000)) != 0 ||
        (rc = ocop_query_int(&f.per_page, &req->query, "per_page", 20, 1, 200)) != 0 ||
        (rc = ocop_query_int(&v, &req->query, "product", 0, 1, INT64_MAX)) != 0)
        return rc;
    f.product_id = v;
    if ((rc = ocop_query_int(&v, &req->query, "session", 0, 1, INT64_MAX)) != 0)
        return rc;
    f.session_id = v;
    f.state = ocop_query_get(&req->query, "state");
    if (f.state && (rc = ocop_dossier_state_parse(&s, f.state)) != 0)
        return rc;
    return ocop_app_dossier_list(&resp->json, &req->app, &f);
}

int api_dossier_open(struct http_req *req, struct http_resp *resp)
{
    return api__create(req, resp, ocop_app_dossier_open, "dossiers");
}

int api_dossier_get(struct http_req *req, struct http_resp *resp)
{
    return api__get(req, resp, ocop_app_dossier_get);
}

/* A workflow action whose body is {} or {note_key: "..."}. */
static int api__act(struct http_req *req, struct http_resp *resp, int action, const char *note_key)
{
    json_t *body = NULL, *v;
    const char *key;
    int64_t id;
    int rc;

    if ((rc = http_param_id(&id, req, 0)) != 0 || (rc = http_json_body_or_empty(&body, req)) != 0)
        return rc;
    if (!json_is_object(body)) {
        rc = ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
        goto done;
    }
    json_object_foreach(body, key, v)
    {
        if (!note_key || strcmp(key, note_key) != 0 || !json_is_string(v)) {
            rc = ocop_error_set_field(OCOP_EINVALID, key, "unexpected field for this action");
            goto done;
        }
    }
    rc = ocop_app_dossier_act(&resp->json, &req->app, id, action,
                              note_key ? json_string_value(json_object_get(body, note_key)) : NULL);
done:
    json_decref(body);
    return rc;
}

int api_dossier_submit(struct http_req *req, struct http_resp *resp)
{
    return api__act(req, resp, OCOP_DA_SUBMIT, NULL);
}

int api_dossier_return(struct http_req *req, struct http_resp *resp)
{
    return api__act(req, resp, OCOP_DA_RETURN, "reasons");
}

int api_dossier_accept(struct http_req *req, struct http_resp *resp)
{
    return api__act(req, resp, OCOP_DA_ACCEPT, NULL);
}

int api_dossier_withdraw(struct http_req *req, struct http_resp *resp)
{
    return api__act(req, resp, OCOP_DA_WITHDRAW, NULL);
}

int api_document_add(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"name", NULL};
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    char type[64] = "";
    int64_t id;
    int rc;

    if ((rc = http_param_id(&id, req, 0)) != 0 || (rc = ocop_query_only(&req->query, allowed)) != 0)
        return rc;
    if (ct)
        snprintf(type, sizeof(type), "%.*s", (int)strcspn(ct, "; "), ct);
    rc = ocop_app_document_add(&resp->json, &req->app, id, ocop_query_get(&req->query, "name"),
                               type, req->body.data, req->body.len);
    return api__created(resp, "dossiers", rc);
}

int api_document_get(struct http_req *req, struct http_resp *resp)
{
    json_t *meta = NULL;
    void *data = NULL;
    size_t len = 0;
    int64_t id, doc;
    int rc;

    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = http_param_id(&doc, req, 1)) != 0 ||
        (rc = ocop_app_document_get(&meta, &data, &len, &req->app, id, doc)) != 0)
        return rc;
    resp->body = data;
    resp->body_len = len;
    /* a fixed set of types (checked on upload); never served inline as HTML */
    resp->content_type = !strcmp(json_string_value(json_object_get(meta, "content_type")), "image/png")
                             ? "image/png"
                         : !strcmp(json_string_value(json_object_get(meta, "content_type")),
                                   "image/jpeg")
                             ? "image/jpeg"
                             : "application/pdf";
    json_decref(meta);
    return 0;
}

static int api__with_body(struct http_req *req, struct http_resp *resp,
                          int (*fn)(json_t **, struct ocop_app *, int64_t, json_t *))
{
    json_t *body = NULL;
    int64_t id;
    int rc;
    if ((rc = http_param_id(&id, req, 0)) != 0 || (rc = http_json_body(&body, req)) != 0)
        return rc;
    rc = fn(&resp->json, &req->app, id, body);
    json_decref(body);
    return rc;
}

int api_conflict(struct http_req *req, struct http_resp *resp)
{
    json_t *body = NULL, *reason;
    int64_t id;
    int rc;
    if ((rc = http_param_id(&id, req, 0)) != 0 || (rc = http_json_body_or_empty(&body, req)) != 0)
        return rc;
    reason = json_object_get(body, "reason");
    if (!json_is_object(body) || json_object_size(body) > (reason ? 1u : 0u) ||
        (reason && !json_is_string(reason)))
        rc = ocop_error_set_field(OCOP_EINVALID, "reason", "the body is {\"reason\": \"...\"}");
    else
        rc = ocop_app_conflict_declare(&resp->json, &req->app, id, json_string_value(reason));
    json_decref(body);
    return rc;
}

int api_scores(struct http_req *req, struct http_resp *resp)
{
    return api__get(req, resp, ocop_app_scores);
}

int api_score(struct http_req *req, struct http_resp *resp)
{
    return api__with_body(req, resp, ocop_app_score);
}

int api_decide(struct http_req *req, struct http_resp *resp)
{
    return api__with_body(req, resp, ocop_app_decide);
}

int api_central_decide(struct http_req *req, struct http_resp *resp)
{
    return api__with_body(req, resp, ocop_app_central_decide);
}

int api_revoke(struct http_req *req, struct http_resp *resp)
{
    return api__with_body(req, resp, ocop_app_certificate_revoke);
}

int api_session_list(struct http_req *req, struct http_resp *resp)
{
    int rc = http_no_query(req);
    return rc ? rc : ocop_app_session_list(&resp->json, &req->app);
}

int api_session_create(struct http_req *req, struct http_resp *resp)
{
    return api__create(req, resp, ocop_app_session_create, "sessions");
}

int api_session_get(struct http_req *req, struct http_resp *resp)
{
    return api__get(req, resp, ocop_app_session_get);
}

int api_session_schedule(struct http_req *req, struct http_resp *resp)
{
    json_t *body = NULL, *d;
    int64_t id;
    int rc;
    if ((rc = http_param_id(&id, req, 0)) != 0 || (rc = http_json_body(&body, req)) != 0)
        return rc;
    d = json_object_get(body, "dossier_id");
    if (!json_is_object(body) || json_object_size(body) != 1 || !json_is_integer(d) ||
        json_integer_value(d) < 1)
        rc = ocop_error_set_field(OCOP_EINVALID, "dossier_id", "the body is {\"dossier_id\": id}");
    else
        rc = ocop_app_session_schedule(&resp->json, &req->app, id, json_integer_value(d));
    json_decref(body);
    return rc;
}

static int api__pdf(struct http_resp *resp, int rc, char *pdf, size_t len)
{
    if (rc == 0) {
        resp->body = pdf;
        resp->body_len = len;
        resp->content_type = "application/pdf";
    }
    return rc;
}

int api_certificate_pdf(struct http_req *req, struct http_resp *resp)
{
    char *pdf = NULL;
    size_t len = 0;
    int64_t id;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    rc = ocop_app_certificate_pdf(&pdf, &len, &req->app, id);
    if (rc == 0) { /* shown in the browser, saved as ocop-certificate-12-2026-11-22.pdf */
        char stem[40];
        snprintf(stem, sizeof(stem), "certificate-%lld", (long long)id);
        http_attachment(resp, stem, "pdf", 1);
    }
    return api__pdf(resp, rc, pdf, len);
}

int api_summary_pdf(struct http_req *req, struct http_resp *resp)
{
    char *pdf = NULL;
    size_t len = 0;
    int64_t id;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    rc = ocop_app_sheet_pdf(&pdf, &len, &req->app, id, 0);
    return api__pdf(resp, rc, pdf, len);
}

int api_sheet_pdf(struct http_req *req, struct http_resp *resp)
{
    char *pdf = NULL;
    size_t len = 0;
    int64_t id, user;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = http_param_id(&user, req, 1)) != 0)
        return rc;
    rc = ocop_app_sheet_pdf(&pdf, &len, &req->app, id, user);
    return api__pdf(resp, rc, pdf, len);
}
