/*
 * kernel_floor.c: what the kernel alone costs per request on this machine, with no HTTP
 * and no ocop (docs/performance.md, tenth session). Three figures, each the median of
 * seven rounds:
 *
 *   syscall    a system call that does nothing (getppid): the price of entering and
 *              leaving the kernel, paid twice per request by the server and again by wrk
 *   exchange   one request and its answer over a loopback TCP connection, both ends in
 *              this one thread: the client writes REQ bytes, the server end reads them
 *              and writes ANS bytes, the client reads them (four system calls, and the
 *              TCP work of both ends); nobody sleeps, so no wake-up is paid
 *   server     the server end's share of that: its read and its write, timed alone
 *
 *   cc -O2 -o /tmp/kernel_floor bench/experiments/kernel_floor.c
 *   /tmp/kernel_floor [REQ ANS]        # default 220 and 1123 bytes, a scan's sizes
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 7

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v)
{
    qsort(v, ROUNDS, sizeof(*v), cmp);
    return v[ROUNDS / 2];
}

static void full(ssize_t (*io)(int, void *, size_t), int fd, char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t k = io(fd, buf + done, n - done);
        if (k <= 0) {
            perror("kernel_floor: socket");
            exit(1);
        }
        done += (size_t)k;
    }
}

static ssize_t rd(int fd, void *b, size_t n) { return read(fd, b, n); }
static ssize_t wr(int fd, void *b, size_t n) { return write(fd, b, n); }

/* A connected pair over 127.0.0.1, both ends TCP_NODELAY as wrk and libmicrohttpd set. */
static void pair(int *client, int *server)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof(a);
    int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);
    if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(l, 1) != 0 ||
        getsockname(l, (struct sockaddr *)&a, &len) != 0) {
        perror("kernel_floor: listen");
        exit(1);
    }
    *client = socket(AF_INET, SOCK_STREAM, 0);
    if (*client < 0 || connect(*client, (struct sockaddr *)&a, sizeof(a)) != 0 ||
        (*server = accept(l, NULL, NULL)) < 0) {
        perror("kernel_floor: connect");
        exit(1);
    }
    setsockopt(*client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    setsockopt(*server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    close(l);
}

int main(int argc, char **argv)
{
    size_t req = argc > 2 ? strtoul(argv[1], NULL, 10) : 220;
    size_t ans = argc > 2 ? strtoul(argv[2], NULL, 10) : 1123;
    const int n_sys = 1000000, n_x = 100000;
    double sys[ROUNDS], x[ROUNDS], srv[ROUNDS];
    char *buf = calloc(1, req > ans ? req : ans);
    int c, s;

    if (!buf || req == 0 || ans == 0)
        return 1;
    pair(&c, &s);
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = now_ns(), server = 0;
        for (int i = 0; i < n_sys; i++)
            syscall(SYS_getppid);
        sys[r] = (now_ns() - t0) / n_sys;

        t0 = now_ns();
        for (int i = 0; i < n_x; i++) {
            full(wr, c, buf, req);
            double a = now_ns();
            full(rd, s, buf, req);
            full(wr, s, buf, ans);
            server += now_ns() - a;
            full(rd, c, buf, ans);
        }
        x[r] = (now_ns() - t0) / n_x;
        srv[r] = server / n_x;
    }
    printf("syscall %.2f us\nexchange %.2f us (%zu B request, %zu B answer)\nserver %.2f us\n",
           median(sys) / 1000, median(x) / 1000, req, ans, median(srv) / 1000);
    return 0;
}
