/* api_trace.c: a product's trace events over the API: everyone's history of a product, the
 * office's (retracted events included), recording an event and retracting one. */
#include "http/api.h"
#include "core/error.h"
#include "core/stamp.h"

#include <string.h>

/* GET /api/v1/products/{id}/trace[?lot=CODE]: what shoppers may see. */
int api_trace_public(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"lot", NULL};
    const char *lot;
    int64_t id;
    int rc;
    if ((rc = ocop_query_only(&req->query, allowed)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    lot = ocop_query_get(&req->query, "lot");
    if (lot && ocop_lot_check(lot) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "lot",
                                    "lot is a lot code (GS1: up to 20 "
                                    "characters)");
    return ocop_app_trace_public(&resp->json, &req->app, id, lot);
}

/* GET /api/v1/trace-events?product=ID: the whole history, for who may trace the product. */
int api_trace_list(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"product", NULL};
    long long product;
    int rc;
    if ((rc = ocop_query_only(&req->query, allowed)) != 0 ||
        (rc = ocop_query_int(&product, &req->query, "product", 0, 1, INT64_MAX)) != 0)
        return rc;
    if (product <= 0)
        return ocop_error_set_field(OCOP_EINVALID, "product", "name the product (?product=ID)");
    return ocop_app_trace_list(&resp->json, &req->app, product);
}

/* POST /api/v1/trace-events */
int api_trace_create(struct http_req *req, struct http_resp *resp)
{
    json_t *body = NULL;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_json_body(&body, req)) != 0)
        return rc;
    if ((rc = ocop_app_trace_add(&resp->json, &req->app, body)) == 0)
        http_created(resp, "trace-events", json_integer_value(json_object_get(resp->json, "id")));
    json_decref(body);
    return rc;
}

/* GET /api/v1/trace-events/{id} */
int api_trace_get(struct http_req *req, struct http_resp *resp)
{
    int64_t id;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    return ocop_app_trace_get(&resp->json, &req->app, id);
}

/* POST /api/v1/trace-events/{id}/retract with exactly {"reason": "..."} */
int api_trace_retract(struct http_req *req, struct http_resp *resp)
{
    json_t *body = NULL;
    int64_t id;
    int rc;
    if ((rc = http_no_query(req)) != 0 || (rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = http_json_body(&body, req)) != 0)
        goto done;
    if (!json_is_object(body) || json_object_size(body) != 1 ||
        !json_is_string(json_object_get(body, "reason"))) {
        rc = ocop_error_set_field(OCOP_EINVALID, "reason", "the body is {\"reason\": \"...\"}");
        goto done;
    }
    rc = ocop_app_trace_retract(&resp->json, &req->app, id,
                                json_string_value(json_object_get(body, "reason")));
done:
    json_decref(body);
    return rc;
}
