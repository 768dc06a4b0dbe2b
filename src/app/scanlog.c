/*
 * scanlog.c: the append-only scan log, written asynchronously (see scanlog.h).
 *
 * Quiet times: each second's scans go straight into the database. Busy times (a batch of
 * busy_scans or more): the batch is appended to a journal file next to the database and
 * synced (one sequential write), and copied into the database once the server has been
 * quiet for QUIET_MS, when the journals pass JOURNAL_MAX, or at a clean stop. Inserting
 * into the scans indexes was the costliest thing a busy server did besides answering,
 * and it slowed the answers around it (measured: p99 about 2 ms lower without it); a
 * journal write costs a fraction of it.
 *
 * Journals are written around the page cache where the file system allows it (O_DIRECT,
 * whole blocks: the last partial block is written again with the next batch). Copying a
 * busy second's ~5 MB into the page cache was most of the logger's work, on a core the
 * answers need.
 *
 * A journal's records carry a checksum, so a torn tail after a crash is cut off; its
 * name is recorded in the copy's transaction (migration 0007), so a crash between that
 * commit and the file's removal never copies it twice. A starting logger copies the
 * journals left by servers that are no longer running.
 */
#include "app/scanlog.h"
#include "app/app.h"
#include "core/dates.h"
#include "core/error.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define QUEUE_MAX 200000 /* scans held while the disk is slow; then requests wait for room */
#define PUSH_WAIT_S 2     /* for at most this long: after that a scan is dropped and counted */
#define FLUSH_EVERY 50000 /* or once a second, whichever comes first */
#define FLUSH_MS 1000     /* by default: a crash loses at most the last second of scans */
#define WAL_RESTART (64LL << 20)
#define BUSY_SCANS 2000   /* by default: a batch this large goes to the journal */
#define QUIET_MS 2000     /* journals are copied after this long without a busy batch */
#define JOURNAL_MAX (64LL << 20) /* ... or when they hold this many bytes (~760,000 scans) */
#define COPY_CHUNK 4096
#define JOURNAL_BLOCK 4096 /* O_DIRECT's alignment: enough for any disk's sectors */
#define JOURNAL_MAGIC 0x4a534f44u    /* records checksummed a word at a time */
#define JOURNAL_MAGIC_V1 0x4a534f43u /* a byte at a time (servers before it): still read */

/* One scan in a journal: fixed size, checksummed. */
struct scanlog_rec {
    uint32_t magic, sum;
    int64_t stamp_id, at_ms;
    double lat, lon;
    char client[24];
    char verdict[24];
};
_Static_assert(offsetof(struct scanlog_rec, verdict) ==
                   offsetof(struct scanlog_rec, client) + 24 &&
                   sizeof(struct scanlog_rec) == OCOP_SCANLOG_RECORD,
               "a record has no padding: its checksum covers set bytes only");

struct ocop_scanlog {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t room; /* the queue has room again */
    pthread_t thread;
    struct ocop_store *st;
    struct ocop_scan *queue, *spare;
    size_t n, cap;
    int stopping;
    long flush_ms, busy_scans;
    long written, dropped, journaled; /* journaled: in journals, not yet in the database */
    /* the logger thread's own */
    char *db_path;
    char stem[48];             /* "-scans-PID-START-": this process's journals */
    int jfd;                   /* the journal being written (-1: none) */
    unsigned jfirst, jnext;    /* our journals not yet copied: jfirst .. jnext-1 */
    long long jbytes, last_busy_ms, last_journal_swap_ms;
    long long jsize;           /* bytes of records in the journal being written */
    unsigned char *jbuf;       /* its last partial block, then a batch's records (aligned) */
    atomic_llong settled_ms;   /* every scan queued before this is in the database */
    /* others' scans: the newest scan id seen, how many we inserted since, and when scans
     * we did not write (another server's) were last seen */
    int64_t known_id;
    long inserted;
    atomic_llong foreign_ms;
};

/* The checksum of what follows magic and sum: 8 bytes at a time, multiplied and folded
 * (the byte-at-a-time FNV-1a of the first journals was the logger's biggest cost at busy
 * times: 80 dependent multiplications a scan, ~9 ms a second at 60,000 scans/s). */
static uint32_t scanlog__sum(const struct scanlog_rec *r)
{
    const unsigned char *p = (const unsigned char *)r + offsetof(struct scanlog_rec, stamp_id);
    uint64_t h = 0xcbf29ce484222325u, w;
    _Static_assert((sizeof(*r) - offsetof(struct scanlog_rec, stamp_id)) % 8 == 0, "words");
    for (size_t i = 0; i < sizeof(*r) - offsetof(struct scanlog_rec, stamp_id); i += 8) {
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0x9e3779b97f4a7c15u;
        h ^= h >> 32;
    }
    return (uint32_t)h;
}

static uint32_t scanlog__sum_v1(const struct scanlog_rec *r)
{
    const unsigned char *p = (const unsigned char *)r + offsetof(struct scanlog_rec, stamp_id);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof(*r) - offsetof(struct scanlog_rec, stamp_id); i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* Whole and as written: the checksum of its version matches. */
static int scanlog__intact(const struct scanlog_rec *r)
{
    return r->magic == JOURNAL_MAGIC ? r->sum == scanlog__sum(r)
           : r->magic == JOURNAL_MAGIC_V1 && r->sum == scanlog__sum_v1(r);
}

/* Stamp order, then time: a batch sorted so touches the scans index page after page
 * instead of at random. */
static int scanlog__cmp(const void *x, const void *y)
{
    const struct ocop_scan *a = x, *b = y;
    if (a->stamp_id != b->stamp_id)
        return a->stamp_id < b->stamp_id ? -1 : 1;
    return (a->at_ms > b->at_ms) - (a->at_ms < b->at_ms);
}

static void scanlog__journal_path(char *out, size_t n, const struct ocop_scanlog *log,
                                  unsigned seq)
{
    snprintf(out, n, "%s%s%06u.journal", log->db_path, log->stem, seq);
}

size_t ocop_scanlog_decode(struct ocop_scan *scans, void *records, size_t count)
{
    struct scanlog_rec *recs = records;
    size_t n = 0;
    for (; n < count; n++) {
        struct scanlog_rec *r = &recs[n];
        struct ocop_scan *s = &scans[n];
        if (!scanlog__intact(r))
            break; /* a torn tail: what follows was never synced */
        r->client[sizeof(r->client) - 1] = r->verdict[sizeof(r->verdict) - 1] = '\0';
        s->stamp_id = r->stamp_id;
        s->at_ms = r->at_ms;
        memcpy(s->client, r->client, sizeof(s->client));
        s->lat = r->lat;
        s->lon = r->lon;
        s->verdict = r->verdict;
    }
    return n;
}

/* Copies one journal into the database and removes it. 0, or < 0 (the file stays). */
static int scanlog__copy(struct ocop_store *st, const char *path, long *copied)
{
    char namebuf[PATH_MAX];
    const char *name;
    struct scanlog_rec *recs = NULL;
    struct ocop_scan *scans = NULL;
    int fd, known = 0, rc = 0;
    ssize_t got;

    *copied = 0;
    snprintf(namebuf, sizeof(namebuf), "%s", path);
    name = basename(namebuf);
    if ((rc = ocop_store_journal_known(&known, st, name)) != 0)
        return rc;
    if (!known) {
        if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
            return ocop_error_set(OCOP_ERROR, "cannot read %s: %s", path, strerror(errno));
        recs = malloc(sizeof(*recs) * COPY_CHUNK);
        scans = malloc(sizeof(*scans) * COPY_CHUNK);
        if (!recs || !scans)
            rc = ocop_error_set(OCOP_ERROR, "out of memory");
        else
            rc = ocop_store_begin(st);
        while (rc == 0 && (got = read(fd, recs, sizeof(*recs) * COPY_CHUNK)) != 0) {
            if (got < 0) {
                if (errno == EINTR)
                    continue;
                rc = ocop_error_set(OCOP_ERROR, "cannot read %s: %s", path, strerror(errno));
                break;
            }
            size_t whole = (size_t)got / sizeof(*recs);
            size_t n = ocop_scanlog_decode(scans, recs, whole);
            if (n) {
                qsort(scans, n, sizeof(*scans), scanlog__cmp); /* see scanlog__cmp */
                rc = ocop_store_scans_insert(st, scans, n);
            }
            *copied += (long)n;
            if (n < whole || (size_t)got % sizeof(*recs))
                break;
            if ((size_t)got < sizeof(*recs) * COPY_CHUNK)
                break;
        }
        close(fd);
        if (rc == 0 && (rc = ocop_store_journal_mark(st, name, ocop_wall_ms())) == 0)
            rc = ocop_store_commit(st);
        else if (recs && scans)
            ocop_store_rollback(st);
        free(recs);
        free(scans);
        if (rc)
            return rc;
    }
    if (unlink(path) != 0 && errno != ENOENT)
        return ocop_error_set(OCOP_ERROR, "cannot remove %s: %s", path, strerror(errno));
    ocop_store_journal_forget(st, name);
    return 0;
}

/* Readers that always hold a snapshot keep the log from wrapping: restart it, without
 * waiting for them while it is not too large (waiting held up the next batches for
 * seconds, and the queue filled). */
static void scanlog__wal(struct ocop_scanlog *log)
{
    long long wal = ocop_store_wal_size(log->st);
    if (wal > WAL_RESTART)
        ocop_store_checkpoint(log->st, 1, wal > 4 * WAL_RESTART ? 200 : 0);
}

/* Looks for scans this logger did not write (another server on the same database): the
 * newest id is the one seen before plus what we inserted since, or someone else wrote.
 * The verifier reads a stamp's scans again only then (reading them again every minute
 * anyway cost a busy server a fifth of its answers). */
static void scanlog__watch(struct ocop_scanlog *log)
{
    int64_t last;
    if (ocop_store_scans_last_id(&last, log->st) != 0)
        return;
    if (last != log->known_id + log->inserted)
        atomic_store(&log->foreign_ms, ocop_wall_ms());
    log->known_id = last;
    log->inserted = 0;
}

/* Copies our journals into the database, oldest first. */
static void scanlog__catch_up(struct ocop_scanlog *log)
{
    char path[PATH_MAX];
    long copied;

    if (log->jfd >= 0) {
        close(log->jfd);
        log->jfd = -1;
    }
    while (log->jfirst < log->jnext) {
        scanlog__journal_path(path, sizeof(path), log, log->jfirst);
        if (scanlog__copy(log->st, path, &copied) != 0) {
            fprintf(stderr, "ocop: could not copy the scan journal %s (kept, tried again "
                    "later): %s\n", path, ocop_error_message());
            return;
        }
        log->inserted += copied;
        log->jfirst++;
        scanlog__wal(log);
    }
    log->jbytes = 0;
    pthread_mutex_lock(&log->lock);
    log->journaled = 0;
    pthread_mutex_unlock(&log->lock);
    atomic_store(&log->settled_ms, log->last_journal_swap_ms - 1000);
}

/* Starts the next journal: around the page cache if the file system can (not tmpfs
 * before Linux 6.6, which may have made the file before refusing). */
static int scanlog__journal_open(struct ocop_scanlog *log)
{
    char path[PATH_MAX];
    scanlog__journal_path(path, sizeof(path), log, log->jnext);
    log->jfd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_DIRECT, 0600);
    if (log->jfd < 0 && errno == EINVAL)
        log->jfd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log->jfd < 0)
        return ocop_error_set(OCOP_ERROR, "cannot create %s: %s", path, strerror(errno));
    log->jnext++;
    log->jsize = 0;
    return 0;
}

/* Appends a batch to the journal and syncs it: then it is logged. The batch's records
 * follow the journal's last partial block in jbuf, and whole blocks are written from
 * there. 0, or < 0 with the journal as it was. */
static int scanlog__journal(struct ocop_scanlog *log, const struct ocop_scan *b, size_t n)
{
    size_t keep, len = n * sizeof(struct scanlog_rec), end, done = 0;
    struct scanlog_rec *recs;
    off_t at;

    if (log->jfd < 0 && scanlog__journal_open(log) != 0)
        return OCOP_ERROR;
    keep = (size_t)(log->jsize % JOURNAL_BLOCK);
    at = (off_t)(log->jsize - (long long)keep);
    _Static_assert(sizeof(struct scanlog_rec) % 8 == 0 && JOURNAL_BLOCK % 8 == 0,
                   "records after a partial block stay aligned for their words");
    recs = (struct scanlog_rec *)(void *)(log->jbuf + keep);
    for (size_t i = 0; i < n; i++) {
        struct scanlog_rec *r = &recs[i];
        /* every byte the checksum covers is set: the texts' ends zeroed */
        memset(r->client, 0, sizeof(r->client) + sizeof(r->verdict));
        r->magic = JOURNAL_MAGIC;
        r->stamp_id = b[i].stamp_id;
        r->at_ms = b[i].at_ms;
        r->lat = b[i].lat;
        r->lon = b[i].lon;
        memcpy(r->client, b[i].client, strnlen(b[i].client, sizeof(r->client) - 1));
        memcpy(r->verdict, b[i].verdict, strnlen(b[i].verdict, sizeof(r->verdict) - 1));
        r->sum = scanlog__sum(r);
    }
    /* whole blocks, the last one's end zeroed (read as a torn tail until written again) */
    end = (keep + len + JOURNAL_BLOCK - 1) / JOURNAL_BLOCK * JOURNAL_BLOCK;
    memset(log->jbuf + keep + len, 0, end - keep - len);
    while (done < end) {
        ssize_t w = pwrite(log->jfd, log->jbuf + done, end - done, at + (off_t)done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0 || (size_t)w % JOURNAL_BLOCK)
            break;
        done += (size_t)w;
    }
    if (done == end && fdatasync(log->jfd) == 0) {
        size_t whole = (keep + len) / JOURNAL_BLOCK * JOURNAL_BLOCK;
        memmove(log->jbuf, log->jbuf + whole, keep + len - whole);
        log->jsize += (long long)len;
        log->jbytes += (long long)len;
        return 0;
    }
    if (ftruncate(log->jfd, (off_t)log->jsize) == 0)
        return ocop_error_set(OCOP_ERROR, "cannot write the scan journal: %s", strerror(errno));
    close(log->jfd); /* a part may be in it: the next batch starts a new journal */
    log->jfd = -1;
    return ocop_error_set(OCOP_ERROR, "cannot write the scan journal: %s", strerror(errno));
}

/* Writes one batch (the logger thread): to the journal at busy times, else to the
 * database after the journals. */
static void scanlog__write(struct ocop_scanlog *log, struct ocop_scan *batch, size_t n,
                           long long swap_ms)
{
    int pending = log->jfirst < log->jnext;
    int busy = (long)n >= log->busy_scans;
    int failed = 0;

    if ((pending || busy) && !log->stopping && scanlog__journal(log, batch, n) == 0) {
        if (busy) /* a trickle after a burst does not put off the copy */
            log->last_busy_ms = swap_ms;
        log->last_journal_swap_ms = swap_ms;
        pthread_mutex_lock(&log->lock);
        log->written += (long)n;
        log->journaled += (long)n;
        pthread_mutex_unlock(&log->lock);
        if (log->jbytes > JOURNAL_MAX)
            scanlog__catch_up(log);
        return;
    }
    if (pending)
        scanlog__catch_up(log); /* older scans first */
    /* sorted here, not before a journal: a busy second's batch is journaled as it came
     * (sorting 50,000 scans took the logger's core from the answers), and the copy sorts
     * each chunk it inserts */
    qsort(batch, n, sizeof(*batch), scanlog__cmp);
    failed = ocop_store_scans_append(log->st, batch, n) != 0;
    if (failed)
        fprintf(stderr, "ocop: could not log %zu scans: %s\n", n, ocop_error_message());
    else
        log->inserted += (long)n;
    scanlog__wal(log);
    if (log->jfirst == log->jnext)
        atomic_store(&log->settled_ms, swap_ms - 1000);
    pthread_mutex_lock(&log->lock);
    if (failed)
        log->dropped += (long)n;
    else
        log->written += (long)n;
    pthread_mutex_unlock(&log->lock);
}

static void *scanlog__run(void *p)
{
    struct ocop_scanlog *log = p;
    struct timespec until;
    int stopping;

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
            long long swap_ms = ocop_wall_ms();
            log->queue = log->spare;
            log->spare = batch;
            log->n = 0;
            pthread_cond_broadcast(&log->room);
            pthread_mutex_unlock(&log->lock);
            scanlog__write(log, batch, n, swap_ms);
            scanlog__watch(log);
            pthread_mutex_lock(&log->lock);
            continue; /* more may have come meanwhile */
        }
        stopping = log->stopping;
        pthread_mutex_unlock(&log->lock);
        if (log->jfirst < log->jnext &&
            (stopping || ocop_wall_ms() - log->last_busy_ms >= QUIET_MS))
            scanlog__catch_up(log);
        scanlog__watch(log);
        pthread_mutex_lock(&log->lock);
        if (stopping)
            break;
    }
    pthread_mutex_unlock(&log->lock);
    return NULL;
}

/* Copies the journals that servers no longer running left next to the database. */
static int scanlog__recover(struct ocop_scanlog *log)
{
    char pattern[PATH_MAX];
    glob_t g;
    int rc = 0;

    snprintf(pattern, sizeof(pattern), "%s-scans-*.journal", log->db_path);
    if (glob(pattern, 0, NULL, &g) != 0)
        return 0;
    for (size_t i = 0; i < g.gl_pathc && rc == 0; i++) {
        const char *tail = g.gl_pathv[i] + strlen(log->db_path) + strlen("-scans-");
        long pid = strtol(tail, NULL, 10);
        long copied = 0;
        if (pid > 0 && pid != (long)getpid() && (kill((pid_t)pid, 0) == 0 || errno == EPERM))
            continue; /* a running server's */
        if ((rc = scanlog__copy(log->st, g.gl_pathv[i], &copied)) == 0 && copied)
            fprintf(stderr, "ocop: copied %ld scans from %s, left by a stopped server\n",
                    copied, g.gl_pathv[i]);
    }
    globfree(&g);
    return rc;
}

int ocop_scanlog_start(struct ocop_scanlog **out, const char *db_path, long flush_ms,
                       long busy_scans)
{
    struct ocop_scanlog *log = calloc(1, sizeof(*log));
    int rc;

    *out = NULL;
    if (!log)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    log->cap = QUEUE_MAX;
    log->flush_ms = flush_ms > 0 ? flush_ms : FLUSH_MS;
    log->busy_scans = busy_scans > 0 ? busy_scans : busy_scans < 0 ? LONG_MAX : BUSY_SCANS;
    log->jfd = -1;
    log->jfirst = log->jnext = 1;
    atomic_init(&log->settled_ms, ocop_wall_ms() - 1000);
    snprintf(log->stem, sizeof(log->stem), "-scans-%ld-%013lld-", (long)getpid(),
             ocop_wall_ms());
    log->queue = malloc(sizeof(*log->queue) * log->cap);
    log->spare = malloc(sizeof(*log->spare) * log->cap);
    /* a batch's records after a partial block, and the zeros that end the last block */
    if (posix_memalign((void **)&log->jbuf, JOURNAL_BLOCK,
                       sizeof(struct scanlog_rec) * log->cap + 2 * JOURNAL_BLOCK) != 0)
        log->jbuf = NULL;
    log->db_path = strdup(db_path);
    if (!log->queue || !log->spare || !log->jbuf || !log->db_path) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto fail;
    }
    if ((rc = ocop_app_db_open(&log->st, db_path)) != 0 || (rc = scanlog__recover(log)) != 0 ||
        (rc = ocop_store_scans_last_id(&log->known_id, log->st)) != 0)
        goto fail;
    atomic_init(&log->foreign_ms, 0);
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
    free(log->jbuf);
    free(log->db_path);
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

void ocop_scanlog_counts(struct ocop_scanlog *log, long *written, long *dropped,
                         long *journaled)
{
    pthread_mutex_lock(&log->lock);
    *written = log->written;
    *dropped = log->dropped;
    if (journaled)
        *journaled = log->journaled;
    pthread_mutex_unlock(&log->lock);
}

const atomic_llong *ocop_scanlog_settled(struct ocop_scanlog *log)
{
    return &log->settled_ms;
}

const atomic_llong *ocop_scanlog_foreign(struct ocop_scanlog *log)
{
    return &log->foreign_ms;
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
    free(log->jbuf);
    free(log->db_path);
    free(log);
}
