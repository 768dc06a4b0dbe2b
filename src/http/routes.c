/* routes.c: the one route table; checked before any handler runs. */
#include "http/http.h"
#include "http/api.h"
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#define KB 1024
#define BODY_JSON (64 * KB)
#define BODY_FILE (10 * KB * KB) /* dossier documents: PDF, JPEG, PNG */

const struct http_route http_routes[] = {
    {"GET", "/healthz", api_health, HTTP_PUBLIC, 0, 0},
    {"GET", "/01/{gtin}/10/{lot}/21/{serial}", api_verify, HTTP_PUBLIC, 0, HTTP_SCAN},
    {"GET", "/v/{serial}", api_verify, HTTP_PUBLIC, 0, HTTP_SCAN},
    {"GET", "/.well-known/ocop-keys.json", api_keys_document, HTTP_PUBLIC, 0, 0},
    /* ---- the web: sign-in */
    {"GET", "/office/login", page_login, HTTP_PUBLIC, 0, HTTP_HTML},
    {"POST", "/office/login", page_login_post, HTTP_PUBLIC, 4 * KB, HTTP_HTML | HTTP_FORM},
    {"POST", "/office/logout", page_logout, HTTP_SESSION, 4 * KB, HTTP_HTML | HTTP_FORM},
    /* ---- public pages */
    {"GET", "/", page_home, HTTP_PUBLIC, 0, HTTP_HTML},
    {"GET", "/products", page_catalog, HTTP_PUBLIC, 0, HTTP_HTML},
    {"GET", "/products/{id}", page_product, HTTP_PUBLIC, 0, HTTP_HTML},
    {"GET", "/producers/{id}", page_producer, HTTP_PUBLIC, 0, HTTP_HTML},
    {"GET", "/villages/{id}", page_village, HTTP_PUBLIC, 0, HTTP_HTML},
    {"GET", "/map", page_map, HTTP_PUBLIC, 0, HTTP_HTML},
    /* ---- the office: dashboard */
    {"GET", "/office", page_dashboard, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/export/{name}", page_export, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/targets", page_targets_post, HTTP_SESSION, 16 * KB, HTTP_HTML | HTTP_FORM},
    /* ---- the office: evaluation (before the generic /office/{kind} rows) */
    {"GET", "/office/dossiers", page_dossiers, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/dossiers/new", page_dossier_new, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/dossiers/new", page_dossier_create, HTTP_SESSION, 16 * KB, HTTP_HTML | HTTP_FORM},
    {"GET", "/office/dossiers/{id}", page_dossier, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/dossiers/{id}/score", page_score_form, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/dossiers/{id}/score", page_score_post, HTTP_SESSION, 64 * KB, HTTP_HTML | HTTP_FORM},
    {"POST", "/office/dossiers/{id}/{action}", page_dossier_act, HTTP_SESSION, 16 * KB,
     HTTP_HTML | HTTP_FORM},
    {"GET", "/office/sessions", page_sessions, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/sessions/new", page_session_create, HTTP_SESSION, 16 * KB, HTTP_HTML | HTTP_FORM},
    {"POST", "/office/sessions/{id}/schedule", page_session_schedule, HTTP_SESSION, 16 * KB,
     HTTP_HTML | HTTP_FORM},
    {"GET", "/office/certificates", page_certificates, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/certificates/{id}/revoke", page_certificate_revoke, HTTP_SESSION, 16 * KB,
     HTTP_HTML | HTTP_FORM},
    {"GET", "/office/stamps", page_stamps, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/stamps/new", page_stamps_create, HTTP_SESSION, 16 * KB, HTTP_HTML | HTTP_FORM},
    {"GET", "/office/stamps/{id}/pdf", page_stamps_pdf, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/scans", page_scans, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/scans/{serial}", page_stamp_scans, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/users", page_users, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/users/new", page_user_create, HTTP_SESSION, 8 * KB, HTTP_HTML | HTTP_FORM},
    {"GET", "/office/users/{id}", page_user, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/users/{id}/{action}", page_user_action, HTTP_SESSION, 4 * KB,
     HTTP_HTML | HTTP_FORM},
    /* ---- the office: a product's traceability (its section of /office/products/{id}/edit) */
    {"POST", "/office/products/{id}/trace", page_trace_create, HTTP_SESSION, 16 * KB,
     HTTP_HTML | HTTP_FORM},
    {"POST", "/office/products/{id}/trace/{event}/retract", page_trace_retract, HTTP_SESSION,
     8 * KB, HTTP_HTML | HTTP_FORM},
    /* ---- the office: registry forms (kind: producers, products, villages) */
    {"GET", "/office/{kind}", page_office_list, HTTP_SESSION, 0, HTTP_HTML},
    {"GET", "/office/{kind}/new", page_office_new, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/{kind}/new", page_office_create, HTTP_SESSION, 64 * KB, HTTP_HTML | HTTP_FORM},
    {"GET", "/office/{kind}/{id}/edit", page_office_edit, HTTP_SESSION, 0, HTTP_HTML},
    {"POST", "/office/{kind}/{id}/edit", page_office_update, HTTP_SESSION, 64 * KB,
     HTTP_HTML | HTTP_FORM},
    {"GET", "/api/v1/stamp-batches", api_batch_list, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/stamp-batches", api_batch_issue, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/stamp-batches/{id}", api_batch_get, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/stamp-batches/{id}/pdf", api_batch_pdf, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/stamp-batches/{id}/revoke", api_batch_revoke, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/stamps/{serial}/revoke", api_stamp_revoke, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/stamps/suspected", api_stamps_suspected, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/stamps/{serial}/scans", api_stamp_scans, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/trace-events", api_trace_list, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/trace-events", api_trace_create, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/trace-events/{id}", api_trace_get, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/trace-events/{id}/retract", api_trace_retract, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/me", api_me, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/sectors", api_sectors, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/provinces", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/provinces/{code}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/wards", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/wards/{code}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/producers", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"POST", "/api/v1/producers", api_create, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/producers/{id}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"PATCH", "/api/v1/producers/{id}", api_update, HTTP_TOKEN, BODY_JSON, 0},
    {"DELETE", "/api/v1/producers/{id}", api_delete, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/villages", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"POST", "/api/v1/villages", api_create, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/villages/{id}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"PATCH", "/api/v1/villages/{id}", api_update, HTTP_TOKEN, BODY_JSON, 0},
    {"DELETE", "/api/v1/villages/{id}", api_delete, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/products", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"POST", "/api/v1/products", api_create, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/products/{id}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/products/{id}/trace", api_trace_public, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"PATCH", "/api/v1/products/{id}", api_update, HTTP_TOKEN, BODY_JSON, 0},
    {"DELETE", "/api/v1/products/{id}", api_delete, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/zones", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"POST", "/api/v1/zones", api_create, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/zones/{id}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"PATCH", "/api/v1/zones/{id}", api_update, HTTP_TOKEN, BODY_JSON, 0},
    {"DELETE", "/api/v1/zones/{id}", api_delete, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/certificates", api_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/certificates/{id}", api_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/audit", api_audit, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/criteria-sets", api_criteria_list, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/criteria-sets/{id}", api_criteria_get, HTTP_PUBLIC, 0, HTTP_CACHE},
    {"GET", "/api/v1/dossiers", api_dossier_list, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/dossiers", api_dossier_open, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/dossiers/{id}", api_dossier_get, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/dossiers/{id}/submit", api_dossier_submit, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/dossiers/{id}/return", api_dossier_return, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/dossiers/{id}/accept", api_dossier_accept, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/dossiers/{id}/withdraw", api_dossier_withdraw, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/dossiers/{id}/documents", api_document_add, HTTP_TOKEN, BODY_FILE,
     HTTP_RAW_BODY},
    {"GET", "/api/v1/dossiers/{id}/documents/{doc}", api_document_get, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/dossiers/{id}/conflicts", api_conflict, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/dossiers/{id}/scores", api_scores, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/dossiers/{id}/scores", api_score, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/dossiers/{id}/decision", api_decide, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/dossiers/{id}/central-decision", api_central_decide, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/sessions", api_session_list, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/sessions", api_session_create, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/sessions/{id}", api_session_get, HTTP_TOKEN, 0, 0},
    {"POST", "/api/v1/sessions/{id}/dossiers", api_session_schedule, HTTP_TOKEN, BODY_JSON, 0},
    {"POST", "/api/v1/certificates/{id}/revoke", api_revoke, HTTP_TOKEN, BODY_JSON, 0},
    {"GET", "/api/v1/certificates/{id}/pdf", api_certificate_pdf, HTTP_PUBLIC, 0, 0},
    {"GET", "/api/v1/dossiers/{id}/scores/pdf", api_summary_pdf, HTTP_TOKEN, 0, 0},
    {"GET", "/api/v1/dossiers/{id}/scores/{user}/pdf", api_sheet_pdf, HTTP_TOKEN, 0, 0},
};
const int http_routes_count = sizeof(http_routes) / sizeof(http_routes[0]);

/* The route table's patterns, split once into segments. */
#define ROUTE_SEGS 16
struct route_shape {
    int nsegs;
    struct { const char *s; size_t len; int param; } seg[ROUTE_SEGS];
};
static struct route_shape route_shapes[sizeof(http_routes) / sizeof(http_routes[0])];
static pthread_once_t route_shapes_once = PTHREAD_ONCE_INIT;

static void routes__split(void)
{
    for (int r = 0; r < http_routes_count; r++) {
        struct route_shape *sh = &route_shapes[r];
        const char *p = http_routes[r].pattern;
        while (*p == '/' && sh->nsegs < ROUTE_SEGS) {
            size_t len = strcspn(++p, "/");
            sh->seg[sh->nsegs].s = p;
            sh->seg[sh->nsegs].len = len;
            sh->seg[sh->nsegs].param = p[0] == '{';
            sh->nsegs++;
            p += len;
        }
    }
}

/* Matches route r against a path split into segments; fills params. */
static int routes__match(int r, char **segs, const size_t *lens, int nsegs, const char **params)
{
    const struct route_shape *sh = &route_shapes[r];
    int np = 0;
    if (sh->nsegs != nsegs)
        return 0;
    for (int i = 0; i < nsegs; i++) {
        if (sh->seg[i].param) {
            if (np < HTTP_MAX_PARAMS)
                params[np++] = segs[i];
        } else if (lens[i] != sh->seg[i].len || memcmp(segs[i], sh->seg[i].s, lens[i]) != 0) {
            return 0;
        }
    }
    return 1;
}

int http_route_match(const struct http_route **out, struct http_req *req, char *allow,
                     size_t allow_len)
{
    char *segs[ROUTE_SEGS], *s;
    size_t lens[ROUTE_SEGS];
    int nsegs = 0, path_found = 0;
    const char *params[HTTP_MAX_PARAMS];

    pthread_once(&route_shapes_once, routes__split);
    *out = NULL;
    allow[0] = '\0';
    memcpy(req->segments, req->path, strlen(req->path) + 1);
    for (s = req->segments; *s == '/';) {
        *s++ = '\0';
        if (nsegs == ROUTE_SEGS)
            return ocop_error_set(OCOP_ENOTFOUND, "no such resource");
        segs[nsegs] = s;
        while (*s && *s != '/')
            s++;
        lens[nsegs] = (size_t)(s - segs[nsegs]);
        nsegs++;
        if (!*s)
            break;
    }
    if (nsegs > 1 && lens[nsegs - 1] == 0)
        nsegs--; /* a trailing slash */
    for (int i = 0; i < http_routes_count; i++) {
        if (strcmp(http_routes[i].method, req->method) == 0 &&
            routes__match(i, segs, lens, nsegs, params)) {
            *out = &http_routes[i];
            memcpy(req->params, params, sizeof(params));
            return 0;
        }
    }
    /* no route for this method: 405 with the methods the path has, or 404 */
    for (int i = 0; i < http_routes_count; i++) {
        const char *m = http_routes[i].method;
        if (!routes__match(i, segs, lens, nsegs, params))
            continue;
        path_found = 1;
        if (!strstr(allow, m) && strlen(allow) + strlen(m) + 3 < allow_len) {
            if (allow[0])
                strcat(allow, ", ");
            strcat(allow, m);
        }
    }
    if (path_found)
        return ocop_error_set(OCOP_ECONFLICT, "method not allowed");
    return ocop_error_set(OCOP_ENOTFOUND, "no such resource");
}
