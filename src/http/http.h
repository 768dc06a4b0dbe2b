/* http.h: the HTTP adapter: request/response structs, the route table, problem+json. */
#ifndef OCOP_HTTP_HTTP_H
#define OCOP_HTTP_HTTP_H

#include <jansson.h>
#include <microhttpd.h>

#include "app/app.h"
#include "core/buf.h"
#include "core/query.h"

#define HTTP_MAX_PARAMS 3

struct http_route;

/* One request; created when its URI arrives, freed when it completes. */
struct http_req {
    struct MHD_Connection *conn;
    const char *method;
    char *path;                 /* raw path, without the query (owns the query and segments) */
    char *query_raw;            /* raw query string, NULL if none */
    struct ocop_buf body;
    int body_too_big;
    int started;                /* the access handler has seen this request once */
    const struct http_route *route;
    const char *params[HTTP_MAX_PARAMS]; /* {placeholders}, pointing into `segments` */
    char *segments;             /* room for a copy of the path, split by http_route_match */
    char request_id[20];
    struct ocop_app app;
    char csrf[65];              /* the session's CSRF token (HTTP_SESSION routes) */
    char session[48];           /* the session cookie's token, if any */
    unsigned long cache_epoch;  /* non-zero: store the answer in the cache under this epoch */
    /* last, and not zeroed for each request (4 KB): only their counts are reset */
    struct ocop_query query;
    struct ocop_query form;     /* the parsed form body (HTTP_FORM routes) */
};

/* What a handler answers; the server turns it into bytes. */
struct http_resp {
    int status;
    json_t *json;               /* owned; sent as application/json (or problem+json if >= 400) */
    char *body;                 /* owned; raw bytes when json is NULL */
    size_t body_len;
    const char *content_type;
    int fd;                     /* > 0: the body is this file, streamed, closed after */
    char location[512];
    char set_cookie[2][200];    /* Set-Cookie headers, if any */
    char disposition[112];      /* Content-Disposition, if any (http_attachment) */
    const char *allow;
    int no_store;               /* a secret shown once: Cache-Control: no-store */
    const char *lang;           /* Content-Language, if set ("vi" or "en") */
};

typedef int (*http_handler)(struct http_req *req, struct http_resp *resp);

enum http_auth { HTTP_PUBLIC, HTTP_TOKEN, HTTP_SESSION /* a signed-in browser (cookie) */ };

#define HTTP_RAW_BODY 1u /* the body is a file of any type, not JSON */
#define HTTP_SCAN 2u     /* a stamp scan: the client is hashed and the scan logged */
#define HTTP_HTML 4u     /* a page: errors are answered as HTML pages, not problem+json */
#define HTTP_FORM 8u     /* the body is an HTML form (x-www-form-urlencoded), CSRF-checked */
#define HTTP_CACHE 16u   /* a public GET whose answer depends only on the URI and the data */

/* One route: method, path pattern ({name} matches one segment), handler, rights, body cap. */
struct http_route {
    const char *method;
    const char *pattern;
    http_handler handler;
    enum http_auth auth;
    size_t body_max;
    unsigned flags;
};

extern const struct http_route http_routes[];
extern const int http_routes_count;

/*
 * Finds the route for method+path. 0 and *out on a match; OCOP_ENOTFOUND when no
 * pattern matches; OCOP_ECONFLICT when the path matches but not the method (*allow
 * receives the allowed methods, e.g. "GET, POST").
 */
int http_route_match(const struct http_route **out, struct http_req *req, char *allow,
                     size_t allow_len);

/* Makes room for n bytes in the empty buffer b, in the worker's kept answer block when it
 * has one (an answer's body is handed back to the worker once sent): for answers written
 * on every request. 0 or OCOP_ETOOBIG (ocop_buf_reserve). */
int http_body_room(struct ocop_buf *b, size_t n);
/* Answers as a download named "ocop-STEM-YYYY-MM-DD.EXT" (today's date; `inline` to be
 * shown in the browser rather than saved). STEM keeps only letters, digits and '-'. */
void http_attachment(struct http_resp *resp, const char *stem, const char *ext, int inline_);

/* Sets a problem+json answer from the last ocop error (never echoing raw input), in the
 * language of http_problem_lang(), which also goes out as Content-Language. */
void http_problem(struct http_resp *resp, struct http_req *req, int code);
/* A problem+json answer with a fixed English detail, a key of po/vi.po. */
void http_problem_status(struct http_resp *resp, struct http_req *req, int status,
                         const char *detail);
/* "vi" when the request's Accept-Language prefers Vietnamese to English, else "en". */
const char *http_problem_lang(struct http_req *req);
int http_status_of(int code);

/* Parses the body as a JSON value (object expected by callers). */
int http_json_body(json_t **out, struct http_req *req);
/* As http_json_body, but an empty body is an empty object. */
int http_json_body_or_empty(json_t **out, struct http_req *req);
/* Answers a stamp batch's PDF sheets, written to a temporary file and streamed from it. */
int http_send_batch_pdf(struct http_req *req, struct http_resp *resp, int64_t batch_id);
/* Path parameter i as a positive id; OCOP_ENOTFOUND otherwise. */
int http_param_id(int64_t *id, struct http_req *req, int i);
/* Refuses any query parameter (400, naming the first), for endpoints that take none. */
int http_no_query(struct http_req *req);
/* 201 Created with Location: /api/v1/{collection}/{id}. */
void http_created(struct http_resp *resp, const char *collection, long long id);

/* ---- server (server.c) ---- */
struct http_server_config {
    const char *db_path;
    const char *listen;   /* HOST:PORT */
    unsigned threads;     /* 0 = number of cores */
    const char *public_url; /* base of links printed in QR codes */
    const void *clone_rules; /* struct ocop_clone_rules, or NULL for the defaults */
    int trust_proxy;         /* take the client address from X-Forwarded-For */
    long scan_flush_ms;      /* how often the scan log is written (0: every second) */
    long scan_journal_from;  /* batches this large go to a journal first (0: 2000; < 0: never) */
    size_t cache_mb;         /* memory for rendered public answers (0: none, no warming) */
    int access_log;
};
/* Runs until SIGINT/SIGTERM. */
int http_serve(const struct http_server_config *cfg);
/* The scan log's figures for /healthz: {"logged", "dropped", "journaled"} (scans on
 * disk, lost, and waiting in journals to be copied into the database), null without. */
json_t *http_server_scanlog_json(void);
/* The answer cache's figures for /healthz: {"entries", "bytes", "max_bytes", "hits",
 * "misses", "warm"} ("warm": every product is cached for the data of `epoch`, the
 * asking request's store epoch), or null when the server runs without a cache. */
json_t *http_server_cache_json(unsigned long epoch);

#endif
