/*
 * server.c: libmicrohttpd glue. A pool of worker threads (one per core by default),
 * each with its own database connection; requests are parsed and routed here, then
 * handed to a handler with a prepared context.
 */
#include "http/http.h"
#include "http/web.h"
#include "http/cache.h"
#include "http/warm.h"
#include "app/scanlog.h"
#include "app/places.h"
#include "app/verifier.h"
#include "core/dates.h"
#include "core/buf.h"
#include "core/error.h"
#include "scripts_js.h" /* generated: the pages' scripts and their hashes */

#include <sodium.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <malloc.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *server_db_path;
static const char *server_public_url;
static const void *server_clone_rules;
static int server_trust_proxy;
static struct ocop_scanlog *server_scanlog;
static struct ocop_verifier *server_verifier;
static unsigned char server_client_key[16]; /* ocop_app_scan_client_key */
static int server_access_log;
static pthread_key_t store_key;
static pthread_key_t spare_key;   /* a worker's request context kept for its next request */
static pthread_key_t body_key;    /* and an answer's block, kept for its next answer */
static struct http_cache *server_cache;   /* NULL: answers are not cached */
static struct http_warmer *server_warmer;
static atomic_ulong request_counter;
static unsigned long request_epoch;

static void server__store_free(void *p)
{
    ocop_store_free(p);
}

/* This worker thread's database connection, opened on first use. */
static struct ocop_store *server__store(void)
{
    struct ocop_store *st = pthread_getspecific(store_key);
    if (st)
        return st;
    if (ocop_app_db_open(&st, server_db_path) != 0)
        return NULL;
    pthread_setspecific(store_key, st);
    return st;
}

static long long server__now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The cache key of this request (http_cache_key). */
static const char *server__cache_uri(struct http_req *req)
{
    static _Thread_local char key[1100];
    http_cache_key(key, sizeof(key), req->path, req->query_raw);
    return key;
}

/* Answers from the cache when the same URI was rendered under the current epoch. */
static int server__cached(struct http_req *req, struct http_resp *resp)
{
    unsigned long epoch = ocop_store_snapshot_epoch(req->app.st);
    if (!server_cache || !epoch)
        return 0;
    if (!http_cache_get(server_cache, server__cache_uri(req), epoch, &resp->body,
                        &resp->body_len, &resp->content_type)) {
        req->cache_epoch = epoch;
        return 0;
    }
    return 1;
}

json_t *http_server_scanlog_json(void)
{
    long written = 0, dropped = 0, journaled = 0;
    if (!server_scanlog)
        return json_null();
    ocop_scanlog_counts(server_scanlog, &written, &dropped, &journaled);
    return json_pack("{s:I, s:I, s:I}", "logged", (json_int_t)written, "dropped",
                     (json_int_t)dropped, "journaled", (json_int_t)journaled);
}

json_t *http_server_cache_json(unsigned long epoch)
{
    struct http_cache_stats s;
    if (!server_cache)
        return json_null();
    http_cache_stats(server_cache, &s);
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:b}", "entries", (json_int_t)s.entries,
                     "bytes", (json_int_t)s.bytes, "max_bytes", (json_int_t)s.max_bytes, "hits",
                     (json_int_t)s.hits, "misses", (json_int_t)s.misses, "warm",
                     server_warmer && http_warm_done(server_warmer, epoch));
}

/* "eeeeee-nnnnnn": the low 24 bits of the start's epoch and of the request's number, in
 * hex (written by hand: this runs on every request) */
static void server__request_id(char out[20], unsigned long epoch, unsigned long n)
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 6; i++) {
        out[5 - i] = hex[(epoch >> (4 * i)) & 15];
        out[12 - i] = hex[(n >> (4 * i)) & 15];
    }
    out[6] = '-';
    out[13] = '\0';
}

/* MHD hands us the raw URI before parsing it: the request context starts here. The
 * worker's spare context if it has one (a request context is 4.5 KB, past the sizes
 * glibc keeps per thread: allocating and zeroing it showed in the scan path's profile). */
static void *server__on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct http_req *req = pthread_getspecific(spare_key);
    const char *q;
    size_t plen, qlen;
    unsigned long n;

    if (req)
        pthread_setspecific(spare_key, NULL);
    else if (!(req = malloc(sizeof(*req))))
        return NULL;
    memset(req, 0, offsetof(struct http_req, query));
    req->conn = conn;
    /* one block: the path, the query and room for the path's segments */
    q = strchr(uri, '?');
    plen = q ? (size_t)(q - uri) : strlen(uri);
    qlen = q ? strlen(q + 1) : 0;
    if (!(req->path = malloc(2 * plen + qlen + 3))) {
        free(req);
        return NULL;
    }
    memcpy(req->path, uri, plen);
    req->path[plen] = '\0';
    req->query_raw = q ? memcpy(req->path + plen + 1, q + 1, qlen + 1) : NULL;
    req->segments = req->path + plen + 1 + (q ? qlen + 1 : 0);
    ocop_query_init(&req->query);
    ocop_query_init(&req->form);
    ocop_buf_init(&req->body, 0);
    n = atomic_fetch_add(&request_counter, 1);
    server__request_id(req->request_id, request_epoch, n);
    return req;
}

static void server__on_done(void *cls, struct MHD_Connection *conn, void **con_cls,
                            enum MHD_RequestTerminationCode toe)
{
    struct http_req *req = *con_cls;
    if (!req)
        return;
    free(req->path); /* the query and the segments' room with it */
    ocop_query_dispose(&req->query);
    ocop_query_dispose(&req->form);
    sodium_memzero(req->session, sizeof(req->session));
    ocop_buf_dispose(&req->body);
    if (pthread_getspecific(spare_key) || pthread_setspecific(spare_key, req) != 0)
        free(req);
    *con_cls = NULL;
}

/* Answers' blocks: libmicrohttpd hands each back when it has sent it, and the worker keeps
 * one (of BODY_KEEP_MIN to BODY_KEEP_MAX bytes) for its next answer (http_body_room). A
 * scan's answer is ~2 KB, past the sizes glibc keeps per thread. */
#define BODY_KEEP_MIN 4096
#define BODY_KEEP_MAX (64 << 10)

static void server__body_free(void *p)
{
    size_t size = p ? malloc_usable_size(p) : 0;
    if (size < BODY_KEEP_MIN || size > BODY_KEEP_MAX || pthread_getspecific(body_key) ||
        pthread_setspecific(body_key, p) != 0)
        free(p);
}

int http_body_room(struct ocop_buf *b, size_t n)
{
    char *kept = pthread_getspecific(body_key);
    size_t size = kept ? malloc_usable_size(kept) : 0;
    if (!b->data && size > n && n <= b->max) {
        pthread_setspecific(body_key, NULL);
        b->data = kept;
        b->cap = size;
        b->len = 0;
        b->data[0] = '\0';
        return 0;
    }
    return ocop_buf_reserve(b, n);
}

static enum MHD_Result server__send(struct http_req *req, struct http_resp *resp)
{
    struct MHD_Response *r;
    const char *ctype = resp->content_type;
    char *body = resp->body;
    size_t len = resp->body_len;
    enum MHD_Result ok;

    if (resp->json) {
        body = json_dumps(resp->json, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
        len = body ? strlen(body) : 0;
        ctype = resp->status >= 400 ? "application/problem+json" : "application/json";
        free(resp->body);
        if (req->cache_epoch && resp->status == 200 && body)
            http_cache_put(server_cache, server__cache_uri(req), req->cache_epoch, body, len,
                           "application/json");
    }
    resp->body = NULL;
    if (resp->fd > 0) {
        struct stat sb;
        free(body);
        body = NULL;
        len = fstat(resp->fd, &sb) == 0 ? (size_t)sb.st_size : 0;
        r = MHD_create_response_from_fd(len, resp->fd); /* MHD closes it */
        resp->fd = 0;
    } else {
        r = MHD_create_response_from_buffer_with_free_callback(len, body, server__body_free);
    }
    if (!r) {
        free(body);
        return MHD_NO;
    }
    if (ctype)
        MHD_add_response_header(r, "Content-Type", ctype);
    MHD_add_response_header(r, "X-Request-Id", req->request_id);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Cache-Control", resp->no_store ? "no-store" : "no-cache");
    if (resp->location[0])
        MHD_add_response_header(r, "Location", resp->location);
    if (resp->allow)
        MHD_add_response_header(r, "Allow", resp->allow);
    if (resp->lang) { /* a problem's words follow Accept-Language: caches must keep both */
        MHD_add_response_header(r, "Content-Language", resp->lang);
        MHD_add_response_header(r, "Vary", "Accept-Language");
    }
    if (resp->status == 401 && ctype && strncmp(ctype, "application/", 12) == 0)
        MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"ocop\"");
    if (resp->disposition[0])
        MHD_add_response_header(r, "Content-Disposition", resp->disposition);
    for (int i = 0; i < 2; i++)
        if (resp->set_cookie[i][0])
            MHD_add_response_header(r, "Set-Cookie", resp->set_cookie[i]);
    if (ctype && strncmp(ctype, "text/html", 9) == 0) {
        /* no script runs but the pages' own, each allowed by its hash (docs/web.md) */
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; script-src " HTTP_JS_HASHES "; "
                                "style-src 'unsafe-inline'; img-src 'self' data:; "
                                "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    }
    ok = MHD_queue_response(req->conn, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    if (server_access_log)
        fprintf(stderr, "%s %s %s %d %zu\n", req->request_id, req->method, req->path,
                resp->status, len);
    json_decref(resp->json);
    resp->json = NULL;
    return ok;
}

void http_attachment(struct http_resp *resp, const char *stem, const char *ext, int inline_)
{
    char name[64], day[11];
    size_t n = 0;
    for (; *stem && n < 40; stem++)
        if ((*stem >= 'a' && *stem <= 'z') || (*stem >= 'A' && *stem <= 'Z') ||
            (*stem >= '0' && *stem <= '9') || *stem == '-')
            name[n++] = *stem;
    name[n] = '\0';
    ocop_time_format(day, sizeof(day), time(NULL));
    snprintf(resp->disposition, sizeof(resp->disposition), "%s; filename=\"ocop-%s-%s.%s\"",
             inline_ ? "inline" : "attachment", name, day, ext);
}

/* a.b.c.d, as inet_ntop writes it (which goes through sprintf: this runs on every scan) */
static void server__ipv4(char out[16], const unsigned char a[4])
{
    char digits[24];
    size_t n;
    for (int i = 0; i < 4; i++) {
        const char *d = ocop_long_digits(digits, a[i], &n);
        memcpy(out, d, n);
        out += n;
        *out++ = i < 3 ? '.' : '\0';
    }
}

/* A scan's client: a keyed hash of its address and browser, never the raw values. */
static void server__client(struct http_req *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const char *ua = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "User-Agent");
    char addr[64] = "";

    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            server__ipv4(addr, (const unsigned char *)&((const struct sockaddr_in *)sa)->sin_addr);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof(addr));
    }
    if (server_trust_proxy) {
        /* the right-most address is the one our own proxy saw */
        const char *xff = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "X-Forwarded-For");
        const char *last = xff ? strrchr(xff, ',') : NULL;
        if (xff) {
            last = last ? last + 1 : xff;
            while (*last == ' ')
                last++;
            snprintf(addr, sizeof(addr), "%.*s", (int)strcspn(last, " "), last);
        }
    }
    ocop_app_scan_client(req->app.client, server_client_key, addr, ua);
    req->app.scan_sink = server_scanlog ? ocop_scanlog_push : NULL;
    req->app.scan_arg = server_scanlog;
    req->app.verifier = server_verifier;
}

/* The browser session behind the cookie, if any: the actor and its CSRF token. */
static int server__session(struct http_req *req)
{
    if (!web_cookie(req, "ocop_session", req->session, sizeof(req->session)))
        return ocop_error_set(OCOP_EUNAUTH, "sign in first");
    return ocop_app_web_session(&req->app.actor, req->csrf, req->app.st, req->session, time(NULL));
}

/* Forms: the body parsed, and on a session the CSRF token checked (constant time). */
static int server__form(struct http_req *req)
{
    const char *sent;
    int rc = ocop_form_parse(&req->form, req->body.data ? req->body.data : "", req->body.len,
                             req->route->body_max);
    if (rc)
        return rc == OCOP_ETOOBIG ? ocop_error_set(OCOP_EMALFORMED, "the form is too large") : rc;
    if (req->route->auth != HTTP_SESSION)
        return 0;
    sent = ocop_query_get(&req->form, "csrf");
    if (!sent || strlen(sent) != strlen(req->csrf) || !req->csrf[0] ||
        sodium_memcmp(sent, req->csrf, strlen(req->csrf)) != 0)
        return ocop_error_set(OCOP_EFORBIDDEN, "the form's security token is missing or wrong; "
                              "reload the page and try again");
    return 0;
}

/* An error on a page: the sign-in page for a missing session, else an HTML page. */
static void server__page_error(struct http_resp *resp, struct http_req *req, int rc)
{
    char next[600];
    if (rc == OCOP_EUNAUTH && req->route && req->route->auth == HTTP_SESSION) {
        snprintf(next, sizeof(next), "/office/login?next=%s",
                 strncmp(req->method, "GET", 3) == 0 && strlen(req->path) < 400 ? req->path : "/office");
        web_redirect(resp, next);
        return;
    }
    int en = web_en(req);
    if (http_status_of(rc) == 500)
        fprintf(stderr, "ocop: request %s failed: %s\n", req->request_id, ocop_error_message());
    web_error_page(resp, req, http_status_of(rc),
                   http_status_of(rc) != 500 ? ocop_error_message_in(en ? "en" : "vi")
                   : en                      ? "Something went wrong on our side."
                                             : "Đã có lỗi ở phía máy chủ.");
}

/* Resolves the bearer token of a request into its actor. */
static int server__authenticate(struct http_req *req)
{
    const char *h = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return ocop_error_set(OCOP_EUNAUTH, "this needs a bearer token (Authorization: Bearer ...)");
    return ocop_app_authenticate(&req->app.actor, req->app.st, h + 7);
}

static int server__content_type_ok(struct http_req *req)
{
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Content-Type");
    if (!ct || req->body.len == 0 || (req->route->flags & HTTP_RAW_BODY))
        return 1;
    if (req->route->flags & HTTP_FORM)
        return strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
    return strncasecmp(ct, "application/json", 16) == 0 &&
           (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');
}

static enum MHD_Result server__dispatch(struct http_req *req)
{
    struct http_resp resp = {.status = 200};
    char allow[64];
    struct ocop_store *st;
    int rc;

    ocop_error_clear();
    /* matched when the request began; again only to say why there is no route */
    rc = req->route ? 0 : http_route_match(&req->route, req, allow, sizeof(allow));
    if (rc == OCOP_ECONFLICT) {
        resp.allow = allow;
        http_problem_status(&resp, req, 405, "this resource does not accept that method");
    } else if (rc) {
        const char *accept = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "Accept");
        if (accept && strstr(accept, "text/html") && strncmp(req->path, "/api/", 5) != 0) {
            /* only for ?lang=: a query that does not parse leaves the page in Vietnamese */
            if (req->query_raw &&
                ocop_query_parse(&req->query, req->query_raw, strlen(req->query_raw)) != 0) {
                ocop_query_dispose(&req->query);
                ocop_query_init(&req->query);
            }
            web_error_page(&resp, req, 404,
                           web_en(req) ? "There is no page at this address: it may be "
                                         "mistyped, or the page may have been removed."
                                       : "Không có trang nào ở địa chỉ này: địa chỉ có thể bị "
                                         "gõ sai, hoặc trang đã bị gỡ bỏ.");
        } else {
            http_problem(&resp, req, rc);
        }
    } else if (req->body_too_big) {
        http_problem_status(&resp, req, 413, "the request body is over the limit");
    } else if (!(st = server__store())) {
        fprintf(stderr, "ocop: %s\n", ocop_error_message());
        http_problem_status(&resp, req, 503, "the database is not available");
    } else {
        ocop_app_init(&req->app, st);
        if (server_public_url)
            req->app.public_url = server_public_url;
        req->app.clone_rules = server_clone_rules;
        if (req->route->flags & (HTTP_SCAN | HTTP_FORM))
            server__client(req);
        if (!(req->route->flags & HTTP_SCAN))
            req->app.scan_sink = NULL;
        /* reads share a snapshot per worker (see ocop_store_snapshot); anything else
         * starts from the newest data */
        if (strcmp(req->method, "GET") != 0 || ocop_store_snapshot(st, server__now_ms(), 2000) != 0)
            ocop_store_snapshot_end(st);
        if ((req->route->flags & HTTP_CACHE) && server__cached(req, &resp))
            return server__send(req, &resp);
        int page = (req->route->flags & HTTP_HTML) != 0;
        if (req->query_raw && (rc = ocop_query_parse(&req->query, req->query_raw,
                                                     strlen(req->query_raw))) != 0)
            rc = rc == OCOP_ETOOBIG ? OCOP_EMALFORMED : rc;
        else if (req->route->auth == HTTP_TOKEN)
            rc = server__authenticate(req);
        else if (req->route->auth == HTTP_SESSION)
            rc = server__session(req);
        else if (page)
            server__session(req); /* public pages show who is signed in, if anyone */
        if (rc == 0 && !server__content_type_ok(req)) {
            if (req->route->flags & HTTP_FORM)
                http_problem_status(&resp, req, 415,
                                    "send the form as application/x-www-form-urlencoded");
            else
                http_problem_status(&resp, req, 415, "send the body as application/json");
        } else {
            if (rc == 0 && (req->route->flags & HTTP_FORM))
                rc = server__form(req);
            if (rc == 0)
                rc = req->route->handler(req, &resp);
            if (rc == 0 && !resp.json && !resp.body && resp.fd <= 0 && resp.status != 204)
                rc = ocop_error_set(OCOP_ERROR, "a handler answered nothing");
            if (rc)
                resp.disposition[0] = '\0'; /* an error is shown, not saved as the file */
            if (rc && page)
                server__page_error(&resp, req, rc);
            else if (rc)
                http_problem(&resp, req, rc);
        }
    }
    return server__send(req, &resp);
}

static enum MHD_Result server__on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                          const char *method, const char *version,
                                          const char *upload_data, size_t *upload_data_size,
                                          void **con_cls)
{
    struct http_req *req = *con_cls;
    char allow[64];

    if (!req)
        return MHD_NO;
    if (!req->started) {
        /* answer on a later call: libmicrohttpd closes the connection when a response is
         * queued on the very first call */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        req->started = 1;
        req->method = strcmp(method, "HEAD") == 0 ? "GET" : method;
        if (http_route_match(&req->route, req, allow, sizeof(allow)) == 0)
            req->body.max = req->route->body_max;
        if (cl && strtoull(cl, NULL, 10) > req->body.max)
            req->body_too_big = 1;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!req->body_too_big && ocop_buf_put(&req->body, upload_data, *upload_data_size) != 0)
            req->body_too_big = 1;
        *upload_data_size = 0;
        return MHD_YES;
    }
    return server__dispatch(req);
}

static int server__parse_listen(struct sockaddr_storage *ss, const char *listen)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    struct addrinfo hints = {0}, *res = NULL;
    size_t hlen;
    int rc;

    if (!colon || colon == listen || !colon[1])
        return ocop_error_set(OCOP_EINVALID, "--listen takes HOST:PORT, e.g. 127.0.0.1:8080");
    hlen = (size_t)(colon - listen);
    if (listen[0] == '[' && hlen > 2 && listen[hlen - 1] == ']') {
        listen++;
        hlen -= 2;
    }
    if (hlen >= sizeof(host))
        return ocop_error_set(OCOP_EINVALID, "--listen: the host is too long");
    memcpy(host, listen, hlen);
    host[hlen] = '\0';
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
    if ((rc = getaddrinfo(host, colon + 1, &hints, &res)) != 0 || !res)
        return ocop_error_set(OCOP_EINVALID, "--listen: cannot use %s (%s)", listen,
                              gai_strerror(rc));
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

static void server__stop_cache(void)
{
    http_warm_stop(server_warmer);
    server_warmer = NULL;
    http_cache_free(server_cache);
    server_cache = NULL;
}

/* libmicrohttpd decodes the URL and every query argument into its own tables, which
 * nothing here reads: routes take the raw URI (server__on_uri) and the query is decoded
 * once, by ocop_query_parse. Decoding it twice was ~2% of a scan's instructions. */
static size_t server__unescape_none(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls;
    (void)conn;
    return strlen(s);
}

int http_serve(const struct http_server_config *cfg)
{
    struct sockaddr_storage ss = {0};
    struct MHD_Daemon *d;
    struct ocop_store *probe = NULL;
    unsigned threads = cfg->threads ? cfg->threads : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    sigset_t set;
    int sig, rc;

    if ((rc = server__parse_listen(&ss, cfg->listen)) != 0)
        return rc;
    /* keep freed memory instead of handing it back to the kernel after every request
     * and faulting it in again on the next */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_TOP_PAD, 4 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    /* glibc's fast bins stay on (they were off while each answer was a new ~2 KB block,
     * whose allocation merged them on every request; answers' blocks are now kept per
     * worker, see http_body_room): a response's dozen small blocks overflow the thread
     * cache, and the fast bins take the rest (malloc's share of a scan's time, perf:
     * 8.5% with them off, 7.3% on) */
    if ((rc = ocop_app_db_open(&probe, cfg->db_path)) != 0)
        return rc;
    {
        unsigned char key[32];
        if ((rc = ocop_app_scan_key(key, probe)) == 0)
            ocop_app_scan_client_key(server_client_key, key);
        sodium_memzero(key, sizeof(key));
    }
    ocop_store_free(probe);
    if (rc || (rc = ocop_scanlog_start(&server_scanlog, cfg->db_path, cfg->scan_flush_ms,
                                       cfg->scan_journal_from)) != 0)
        return rc;
    server_clone_rules = cfg->clone_rules;
    server_trust_proxy = cfg->trust_proxy;
    server_db_path = cfg->db_path;
    server_public_url = cfg->public_url;
    server_access_log = cfg->access_log;
    request_epoch = (unsigned long)time(NULL);
    pthread_key_create(&store_key, server__store_free);
    pthread_key_create(&spare_key, free);
    pthread_key_create(&body_key, free);
    /* a scan may wait in the log's queue for a flush, plus the time to write it */
    if ((rc = ocop_verifier_new(&server_verifier, 1u << 18,
                                2 * (cfg->scan_flush_ms ? cfg->scan_flush_ms : 1000) + 5000,
                                ocop_scanlog_settled(server_scanlog),
                                ocop_scanlog_foreign(server_scanlog))) != 0) {
        ocop_scanlog_stop(server_scanlog, NULL, NULL);
        server_scanlog = NULL;
        return rc;
    }
    if (cfg->cache_mb) {
        if (!(server_cache = http_cache_new(cfg->cache_mb << 20)) ||
            (rc = http_warm_start(&server_warmer, server_cache, cfg->db_path)) != 0) {
            http_cache_free(server_cache);
            server_cache = NULL;
            ocop_scanlog_stop(server_scanlog, NULL, NULL);
            server_scanlog = NULL;
            return rc ? rc : ocop_error_set(OCOP_ERROR, "out of memory for the answer cache");
        }
    }
    /* the ward outlines now, not on the first scan or map that needs them */
    (void)ocop_outlines();
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    /* the workers inherit a mask without SIGINT/SIGTERM; this thread waits for them */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    d = MHD_start_daemon(flags, 0, NULL, NULL, server__on_request, NULL, MHD_OPTION_SOCK_ADDR,
                         (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
                         MHD_OPTION_URI_LOG_CALLBACK, server__on_uri, NULL,
                         MHD_OPTION_UNESCAPE_CALLBACK, server__unescape_none, NULL,
                         MHD_OPTION_NOTIFY_COMPLETED, server__on_done, NULL,
                         MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT, 4096u,
                         /* 16 KB per connection (32 by default, zeroed per request) */
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16384,
                         MHD_OPTION_END);
    if (!d) {
        server__stop_cache();
        ocop_scanlog_stop(server_scanlog, NULL, NULL);
        server_scanlog = NULL;
        return ocop_error_set(OCOP_ERROR, "cannot listen on %s (in use, or not allowed)",
                              cfg->listen);
    }
    fprintf(stderr, "ocop: serving %s on http://%s with %u threads (Ctrl-C stops)\n",
            cfg->db_path, cfg->listen, threads);
    sigwait(&set, &sig);
    fprintf(stderr, "ocop: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    MHD_stop_daemon(d);
    server__stop_cache();
    {
        long written, dropped;
        ocop_scanlog_stop(server_scanlog, &written, &dropped); /* writes every queued scan */
        server_scanlog = NULL;
        ocop_verifier_free(server_verifier);
        server_verifier = NULL;
        fprintf(stderr, "ocop: stopped (%ld scans logged, %ld dropped)\n", written, dropped);
    }
    return 0;
}
