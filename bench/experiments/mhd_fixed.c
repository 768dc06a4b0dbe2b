/*
 * mhd_fixed.c: libmicrohttpd alone, answering every request with the same fixed body,
 * to tell libmicrohttpd's own cost per request from ocop's (docs/performance.md, seventh
 * session). The daemon is set up as `ocop serve --threads 1` sets up its own: epoll, one
 * internal thread. Only the answer is simpler: the body (all 'x') and a Content-Type.
 *
 *   cc -O2 -o /tmp/mhd_fixed bench/experiments/mhd_fixed.c -lmicrohttpd
 *   /tmp/mhd_fixed 18111 1033 &          # port, body size in bytes
 *   wrk -t1 -c64 -d10s --latency http://127.0.0.1:18111/
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *body;
static size_t body_len;

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **state)
{
    static int started;
    struct MHD_Response *r;
    enum MHD_Result ok;
    (void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size;
    if (*state == NULL) { /* the headers are in; answer on the next call */
        *state = &started;
        return MHD_YES;
    }
    r = MHD_create_response_from_buffer(body_len, body, MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    return ok;
}

int main(int argc, char **argv)
{
    struct MHD_Daemon *d;
    sigset_t set;
    int sig;
    if (argc != 3 || atoi(argv[1]) <= 0 || atoi(argv[2]) <= 0) {
        fprintf(stderr, "usage: mhd_fixed PORT BODY_BYTES\n");
        return 2;
    }
    body_len = (size_t)atoi(argv[2]);
    if (!(body = malloc(body_len)))
        return 1;
    memset(body, 'x', body_len);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]),
                         NULL, NULL, answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, 1u,
                         MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "mhd_fixed: cannot listen on port %s\n", argv[1]);
        return 1;
    }
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    free(body);
    return 0;
}
