/* scanlog.c: batched, asynchronous writes of the append-only scan log. */
#include "app/scanlog.h"
#include "app/app.h"
#include "core/error.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUEUE_MAX 200000 /* scans held while the disk is slow; then requests wait for room */
#define PUSH_WAIT_S 2     /* for at most this long: after that a scan is dropped and counted */
#define FLUSH_EVERY 50000 /* or once a second, whichever comes first */
#define FLUSH_MS 1000     /* by default: a crash loses at most the last second of scans */
#define WAL_RESTART (64LL << 20)

struct ocop_scanlog {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t room; /* the queue has room again */
    pthread_t thread;
    struct ocop_store *st;
    struct ocop_scan *queue, *spare;
    size_t n, cap;
    int stopping;
    long flush_ms;
    long written, dropped;
};

/* Stamp order, then time: a batch sorted so touches the scans index page after page
 * instead of at random. */
static int scanlog__cmp(const void *x, const void *y)
{
    const struct ocop_scan *a = x, *b = y;
    if (a->stamp_id != b->stamp_id)
        return a->stamp_id < b->stamp_id ? -1 : 1;
    return (a->at_ms > b->at_ms) - (a->at_ms < b->at_ms);
}

static void *scanlog__run(void *p)
{
    struct ocop_scanlog *log = p;
    struct timespec until;

    pthread_mutex_lock(&log->lock);
    for (;;) {
        if (log->n < FLUSH_EVERY && !log->stopping) {
            /* one write a second: each batch dirties the scans index at random stamps,
             * so fewer, larger batches write far fewer pages */
            clock_gettime(CLOCK_REALTIME, &until);
            until.tv_nsec += log->flush_ms % 1000 * 1000000L;
            until.tv_sec += log->flush_ms / 1000;
            if (until.tv_nsec >= 1000000000L) {
                until.tv_sec++;
                until.tv_nsec -= 1000000000L;
            }
            pthread_cond_timedwait(&log->wake, &log->lock, &until);
        }
        if (log->n) {
            struct ocop_scan *batch = log->queue;
            size_t n = log->n;
            log->queue = log->spare;
            log->spare = batch;
            log->n = 0;
            pthread_cond_broadcast(&log->room);
            pthread_mutex_unlock(&log->lock);
            qsort(batch, n, sizeof(*batch), scanlog__cmp);
            int failed = ocop_store_scans_append(log->st, batch, n) != 0;
            if (failed)
                fprintf(stderr, "ocop: could not log %zu scans: %s\n", n, ocop_error_message());
            /* readers that always hold a snapshot keep the log from wrapping: restart it,
             * without waiting for them while it is not too large (waiting for them held
             * up the next batches for seconds, and the queue filled) */
            long long wal = ocop_store_wal_size(log->st);
            if (wal > WAL_RESTART)
                ocop_store_checkpoint(log->st, 1, wal > 4 * WAL_RESTART ? 200 : 0);
            pthread_mutex_lock(&log->lock);
            if (failed)
                log->dropped += (long)n;
            else
                log->written += (long)n;
            continue; /* more may have come meanwhile */
        }
        if (log->stopping)
            break;
    }
    pthread_mutex_unlock(&log->lock);
    return NULL;
}

int ocop_scanlog_start(struct ocop_scanlog **out, const char *db_path, long flush_ms)
{
    struct ocop_scanlog *log = calloc(1, sizeof(*log));
    int rc;

    *out = NULL;
    if (!log)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    log->cap = QUEUE_MAX;
    log->flush_ms = flush_ms > 0 ? flush_ms : FLUSH_MS;
    log->queue = malloc(sizeof(*log->queue) * log->cap);
    log->spare = malloc(sizeof(*log->spare) * log->cap);
    if (!log->queue || !log->spare) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto fail;
    }
    if ((rc = ocop_app_db_open(&log->st, db_path)) != 0)
        goto fail;
    pthread_mutex_init(&log->lock, NULL);
    pthread_cond_init(&log->wake, NULL);
    pthread_cond_init(&log->room, NULL);
    if (pthread_create(&log->thread, NULL, scanlog__run, log) != 0) {
        rc = ocop_error_set(OCOP_ERROR, "cannot start the scan logger");
        goto fail;
    }
    *out = log;
    return 0;
fail:
    ocop_store_free(log->st);
    free(log->queue);
    free(log->spare);
    free(log);
    return rc;
}

void ocop_scanlog_push(void *p, const void *scan)
{
    struct ocop_scanlog *log = p;
    struct timespec until;
    pthread_mutex_lock(&log->lock);
    if (log->n == log->cap) {
        /* the disk is behind: the request waits for the logger, and the scan is kept */
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += PUSH_WAIT_S;
        pthread_cond_signal(&log->wake);
        while (log->n == log->cap && !log->stopping &&
               pthread_cond_timedwait(&log->room, &log->lock, &until) == 0)
            ;
    }
    if (log->n < log->cap) {
        log->queue[log->n++] = *(const struct ocop_scan *)scan;
        if (log->n == FLUSH_EVERY)
            pthread_cond_signal(&log->wake);
    } else {
        log->dropped++;
    }
    pthread_mutex_unlock(&log->lock);
}

void ocop_scanlog_counts(struct ocop_scanlog *log, long *written, long *dropped)
{
    pthread_mutex_lock(&log->lock);
    *written = log->written;
    *dropped = log->dropped;
    pthread_mutex_unlock(&log->lock);
}

void ocop_scanlog_stop(struct ocop_scanlog *log, long *written, long *dropped)
{
    if (written)
        *written = 0;
    if (dropped)
        *dropped = 0;
    if (!log)
        return;
    pthread_mutex_lock(&log->lock);
    log->stopping = 1;
    pthread_cond_signal(&log->wake);
    pthread_cond_broadcast(&log->room);
    pthread_mutex_unlock(&log->lock);
    pthread_join(log->thread, NULL);
    if (written)
        *written = log->written;
    if (dropped)
        *dropped = log->dropped;
    ocop_store_free(log->st);
    pthread_mutex_destroy(&log->lock);
    pthread_cond_destroy(&log->wake);
    pthread_cond_destroy(&log->room);
    free(log->queue);
    free(log->spare);
    free(log);
}
