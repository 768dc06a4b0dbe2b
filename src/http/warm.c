/* warm.c: the cache warmer (see warm.h). */
#include "http/warm.h"
#include "app/app.h"
#include "core/error.h"

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WARM_CHECK_EVERY 256 /* products between two looks at the data's epoch */
#define WARM_IDLE_MS 200     /* between two looks when all is warm */

struct http_warmer {
    struct http_cache *cache;
    struct ocop_store *st;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stop;
    atomic_ulong warmed; /* the epoch whose products are all in the cache */
};

static long long warm__now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int warm__stopping(struct http_warmer *w)
{
    int stop;
    pthread_mutex_lock(&w->lock);
    stop = w->stop;
    pthread_mutex_unlock(&w->lock);
    return stop;
}

/* The epoch of a fresh (or still valid) snapshot, 0 if none. */
static unsigned long warm__epoch(struct http_warmer *w)
{
    unsigned long e = 0;
    if (ocop_store_snapshot(w->st, warm__now_ms(), 2000) == 0)
        e = ocop_store_snapshot_epoch(w->st);
    return e;
}

/* One product's record exactly as GET /api/v1/products/{id} renders it (api_get, then
 * server__send's json_dumps). */
static void warm__product(struct http_warmer *w, struct ocop_app *a, long long id,
                          unsigned long epoch)
{
    char path[48], key[64], idtext[24];
    json_t *j = NULL;
    char *body;
    snprintf(idtext, sizeof(idtext), "%lld", id);
    snprintf(path, sizeof(path), "/api/v1/products/%lld", id);
    http_cache_key(key, sizeof(key), path, NULL);
    if (http_cache_has(w->cache, key, epoch))
        return;
    if (ocop_app_get(&j, a, "products", idtext) != 0)
        return;
    if ((body = json_dumps(j, JSON_COMPACT)) != NULL)
        http_cache_put(w->cache, key, epoch, body, strlen(body), "application/json");
    free(body);
    json_decref(j);
}

/* Renders every product under epoch; 1 when all were done under it. */
static int warm__pass(struct http_warmer *w, unsigned long epoch)
{
    struct ocop_app a;
    int64_t *ids = NULL;
    size_t n = 0, i;

    ocop_app_init(&a, w->st);
    if (ocop_app_product_ids(&ids, &n, &a) != 0)
        return 0;
    for (i = 0; i < n; i++) {
        if (i % WARM_CHECK_EVERY == 0 && i > 0 && (warm__stopping(w) || warm__epoch(w) != epoch))
            break;
        warm__product(w, &a, (long long)ids[i], epoch);
    }
    free(ids);
    return i == n;
}

static void *warm__run(void *arg)
{
    struct http_warmer *w = arg;
    /* requests first: this thread takes only what the workers leave */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
    while (!warm__stopping(w)) {
        unsigned long epoch = warm__epoch(w);
        struct timespec until;
        if (epoch && epoch != atomic_load(&w->warmed) && warm__pass(w, epoch))
            atomic_store(&w->warmed, epoch);
        ocop_store_snapshot_end(w->st); /* idle without holding old data */
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += WARM_IDLE_MS * 1000000L;
        until.tv_sec += until.tv_nsec / 1000000000L;
        until.tv_nsec %= 1000000000L;
        pthread_mutex_lock(&w->lock);
        if (!w->stop)
            pthread_cond_timedwait(&w->wake, &w->lock, &until);
        pthread_mutex_unlock(&w->lock);
    }
    return NULL;
}

int http_warm_start(struct http_warmer **out, struct http_cache *cache, const char *db_path)
{
    struct http_warmer *w = calloc(1, sizeof(*w));
    int rc;
    *out = NULL;
    if (!w)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    w->cache = cache;
    if ((rc = ocop_app_db_open(&w->st, db_path)) != 0) {
        free(w);
        return rc;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, warm__run, w) != 0) {
        ocop_store_free(w->st);
        free(w);
        return ocop_error_set(OCOP_ERROR, "cannot start the cache warmer");
    }
    *out = w;
    return 0;
}

void http_warm_stop(struct http_warmer *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    ocop_store_free(w->st);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w);
}

int http_warm_done(struct http_warmer *w, unsigned long epoch)
{
    return epoch && atomic_load(&w->warmed) == epoch;
}
