/* api_registry.c: JSON API handlers for the registry. */
#include "http/api.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/sectors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The collection a request is about: the path's third segment ("products"). */
static const char *api__kind(struct http_req *req, char *buf, size_t n)
{
    const char *p = req->route->pattern + strlen("/api/v1/");
    size_t len = strcspn(p, "/");
    snprintf(buf, n, "%.*s", (int)len, p);
    return buf;
}

int http_json_body(json_t **out, struct http_req *req)
{
    json_error_t err;
    *out = NULL;
    if (req->body.len == 0)
        return ocop_error_set(OCOP_EMALFORMED, "the request needs a JSON body");
    *out = json_loadb(req->body.data, req->body.len, JSON_REJECT_DUPLICATES, &err);
    if (!*out)
        return ocop_error_set(OCOP_EMALFORMED, "the body is not valid JSON (line %d, column %d)",
                              err.line, err.column);
    return 0;
}

int http_json_body_or_empty(json_t **out, struct http_req *req)
{
    if (req->body.len == 0) {
        *out = json_object();
        return 0;
    }
    return http_json_body(out, req);
}

int http_param_id(int64_t *id, struct http_req *req, int i)
{
    long long v;
    if (!req->params[i] || ocop_parse_int(&v, req->params[i], 1, INT64_MAX))
        return ocop_error_set(OCOP_ENOTFOUND, "no record has that id");
    *id = v;
    return 0;
}

int http_no_query(struct http_req *req)
{
    static const char *const none[] = {NULL};
    return ocop_query_only(&req->query, none);
}

void http_created(struct http_resp *resp, const char *collection, long long id)
{
    resp->status = 201;
    snprintf(resp->location, sizeof(resp->location), "/api/v1/%s/%lld", collection, id);
}

int api_health(struct http_req *req, struct http_resp *resp)
{
    resp->json = json_pack("{s:s, s:s, s:o, s:o}", "status", "ok", "version", OCOP_VERSION,
                           "cache", http_server_cache_json(ocop_store_snapshot_epoch(req->app.st)),
                           "scan_log", http_server_scanlog_json());
    return 0;
}

int api_me(struct http_req *req, struct http_resp *resp)
{
    const struct ocop_actor *a = &req->app.actor;
    json_t *me = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a->user_id, "email", a->email,
                           "role", ocop_role_name(a->role));
    json_object_set_new(me, "province_code",
                        a->province_code[0] ? json_string(a->province_code) : json_null());
    json_object_set_new(me, "ward_code", a->ward_code[0] ? json_string(a->ward_code) : json_null());
    json_object_set_new(me, "producer_id",
                        a->producer_id ? json_integer(a->producer_id) : json_null());
    resp->json = me;
    return 0;
}

int api_sectors(struct http_req *req, struct http_resp *resp)
{
    json_t *items = json_array();
    for (int i = 0; i < ocop_sectors_count; i++) {
        json_t *groups = json_array();
        for (int k = 0; k < ocop_groups_count; k++)
            if (strcmp(ocop_groups[k].sector, ocop_sectors[i].code) == 0)
                json_array_append_new(groups, json_pack("{s:s, s:s, s:s}", "code",
                                                        ocop_groups[k].code, "name",
                                                        ocop_groups[k].name_vi, "name_en",
                                                        ocop_groups[k].name_en));
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:o}", "code", ocop_sectors[i].code,
                                               "name", ocop_sectors[i].name_vi, "name_en",
                                               ocop_sectors[i].name_en, "groups", groups));
    }
    resp->json = json_pack("{s:o, s:i, s:s}", "items", items, "total", ocop_sectors_count,
                           "ruleset", "148/QĐ-TTg");
    return 0;
}

static int api__code(const char *key, const char *v, size_t digits)
{
    size_t n = strlen(v);
    for (size_t i = 0; i < n; i++)
        if (v[i] < '0' || v[i] > '9')
            n = 0;
    if (n != digits)
        return ocop_error_set_field(OCOP_EINVALID, key, "%s must be a %zu-digit code%.0s", key,
                                    digits, ocop_word_vi(key));
    return 0;
}

static const char *const list_params[] = {
    "page", "per_page", "q", "province", "ward", "sector", "group", "stars", "certificate",
    "village", "producer", "product", "status", "kind", "recognised", "candidate", NULL};

/* Which filters each list takes (all lists take page and per_page). */
static const struct {
    const char *kind;
    const char *const allowed[14];
} list_filters[] = {
    {"provinces", {NULL}},
    {"wards", {"province", NULL}},
    {"producers", {"q", "province", "ward", "kind", NULL}},
    {"villages", {"q", "province", "ward", "recognised", NULL}},
    {"products", {"q", "province", "ward", "sector", "group", "stars", "certificate", "village",
                  "producer", "status", "candidate", NULL}},
    {"zones", {"province", "ward", "kind", "producer", NULL}},
    {"certificates", {"province", "ward", "sector", "stars", "certificate", "product", "producer",
                      "candidate", NULL}},
};

static int api__allowed_filters(const char *kind, const struct ocop_query *q)
{
    const char *allowed[20] = {"page", "per_page"};
    int n = 2;
    for (size_t i = 0; i < sizeof(list_filters) / sizeof(list_filters[0]); i++) {
        if (strcmp(list_filters[i].kind, kind) != 0)
            continue;
        for (int k = 0; list_filters[i].allowed[k]; k++)
            allowed[n++] = list_filters[i].allowed[k];
    }
    allowed[n] = NULL;
    return ocop_query_only(q, allowed);
}

/* Reads and checks the list filters of the query string. */
static int api__filter(struct ocop_filter *f, struct http_req *req, const char *kind)
{
    static const char *const bools[] = {"false", "true", NULL};
    const struct ocop_query *q = &req->query;
    long long v;
    int e, rc;

    memset(f, 0, sizeof(*f));
    f->cert_status = f->recognised = f->candidate = -1;
    (void)list_params;
    if ((rc = api__allowed_filters(kind, q)) != 0)
        return rc;
    if ((rc = ocop_query_int(&f->page, q, "page", 1, 1, 1000000)) != 0 ||
        (rc = ocop_query_int(&f->per_page, q, "per_page", 20, 1, 200)) != 0 ||
        (rc = ocop_query_int(&v, q, "stars", 0, 1, 5)) != 0)
        return rc;
    f->stars = (int)v;
    if ((rc = ocop_query_int(&f->village_id, q, "village", 0, 1, INT64_MAX)) != 0 ||
        (rc = ocop_query_int(&f->producer_id, q, "producer", 0, 1, INT64_MAX)) != 0 ||
        (rc = ocop_query_int(&f->product_id, q, "product", 0, 1, INT64_MAX)) != 0)
        return rc;
    f->q = ocop_query_get(q, "q");
    if (f->q && strlen(f->q) > 200)
        return ocop_error_set_field(OCOP_EINVALID, "q", "q is longer than 200 characters");
    if ((f->province_code = ocop_query_get(q, "province")) != NULL &&
        (rc = api__code("province", f->province_code, 2)) != 0)
        return rc;
    if ((f->ward_code = ocop_query_get(q, "ward")) != NULL &&
        (rc = api__code("ward", f->ward_code, 5)) != 0)
        return rc;
    if ((f->sector = ocop_query_get(q, "sector")) && !ocop_sector_find(f->sector))
        return ocop_error_set_field(OCOP_EINVALID, "sector", "sector is not a sector of Decision 148");
    if ((f->group = ocop_query_get(q, "group")) && !ocop_group_find(f->group))
        return ocop_error_set_field(OCOP_EINVALID, "group", "group is not a group of Decision 148");
    f->kind = ocop_query_get(q, "kind");
    if (f->kind && ocop_enum_index(strcmp(kind, "zones") == 0 ? ocop_zone_kinds : ocop_producer_kinds,
                                   f->kind) < 0)
        return ocop_error_set_field(OCOP_EINVALID, "kind", "kind is not one of the allowed values");
    if ((rc = ocop_query_enum(&e, q, "status", ocop_product_statuses)) != 0)
        return rc;
    f->status = ocop_query_get(q, "status");
    if ((rc = ocop_query_enum(&f->recognised, q, "recognised", bools)) != 0 ||
        (rc = ocop_query_enum(&f->candidate, q, "candidate", bools)) != 0)
        return rc;
    if (ocop_query_get(q, "certificate")) {
        enum ocop_cert_status s;
        if ((rc = ocop_cert_status_parse(&s, ocop_query_get(q, "certificate"))) != 0)
            return rc;
        f->cert_status = (int)s;
    }
    return 0;
}

int api_list(struct http_req *req, struct http_resp *resp)
{
    struct ocop_filter f;
    char kind[32];
    int rc;

    api__kind(req, kind, sizeof(kind));
    if ((rc = api__filter(&f, req, kind)) != 0)
        return rc;
    return ocop_app_list(&resp->json, &req->app, kind, &f);
}

int api_get(struct http_req *req, struct http_resp *resp)
{
    char kind[32];
    int rc;
    if ((rc = http_no_query(req)) != 0)
        return rc;
    rc = ocop_app_get(&resp->json, &req->app, api__kind(req, kind, sizeof(kind)), req->params[0]);
    return rc;
}

static int api__id(int64_t *id, struct http_req *req)
{
    return http_param_id(id, req, 0);
}

int api_create(struct http_req *req, struct http_resp *resp)
{
    char kind[32];
    const struct ocop_entity *e = ocop_app_entity(api__kind(req, kind, sizeof(kind)));
    json_t *body = NULL;
    int rc;

    if ((rc = http_json_body(&body, req)) != 0)
        return rc;
    rc = ocop_app_create(&resp->json, &req->app, e, body);
    json_decref(body);
    if (rc == 0)
        http_created(resp, kind, json_integer_value(json_object_get(resp->json, "id")));
    return rc;
}

int api_update(struct http_req *req, struct http_resp *resp)
{
    char kind[32];
    const struct ocop_entity *e = ocop_app_entity(api__kind(req, kind, sizeof(kind)));
    json_t *body = NULL;
    int64_t id = 0;
    int rc;

    if ((rc = api__id(&id, req)) != 0 || (rc = http_json_body(&body, req)) != 0)
        return rc;
    rc = ocop_app_update(&resp->json, &req->app, e, id, body);
    json_decref(body);
    return rc;
}

int api_delete(struct http_req *req, struct http_resp *resp)
{
    char kind[32];
    const struct ocop_entity *e = ocop_app_entity(api__kind(req, kind, sizeof(kind)));
    int64_t id = 0;
    int rc;

    if ((rc = api__id(&id, req)) != 0 || (rc = ocop_app_delete(&req->app, e, id)) != 0)
        return rc;
    resp->status = 204;
    return 0;
}

int api_audit(struct http_req *req, struct http_resp *resp)
{
    static const char *const allowed[] = {"entity", "id", NULL};
    static const char *const entities[] = {"producer", "village", "product", "zone", "user",
                                           "token", "units", "products", "trace_event", NULL};
    long long id;
    int e, rc;
    json_t *items = NULL;

    if ((rc = ocop_query_only(&req->query, allowed)) != 0 ||
        (rc = ocop_query_enum(&e, &req->query, "entity", entities)) != 0 ||
        (rc = ocop_query_int(&id, &req->query, "id", 0, 1, INT64_MAX)) != 0)
        return rc;
    if ((rc = ocop_app_audit(&items, &req->app, e >= 0 ? entities[e] : NULL, id)) != 0)
        return rc;
    resp->json = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return 0;
}
