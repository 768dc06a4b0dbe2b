/* verifier.c: the server's scan state in memory (see verifier.h). */
#include "app/verifier.h"
#include "core/error.h"
#include "core/stamp.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FACT_SLOTS 256   /* batches whose facts are kept (direct-mapped by id) */
#define WAYS 4           /* stamps a bucket of the scan table holds */
#define LOCKS 64
#define RELOAD_MS 60000  /* re-read a stamp's scans from the log after this long ... */
#define FOREIGN_SLACK_MS 10000 /* ... if others' scans were seen since it was read (a
                                * worker's snapshot may be 2 s older than the reading) */

struct scan_entry {
    char serial[24];      /* "": empty */
    unsigned long hash;
    unsigned long row_epoch; /* the store epoch the stamp's row was read under */
    int64_t stamp_id, batch_id;
    unsigned char sig[64];
    long total;
    long long first_ms;
    long long loaded_ms;  /* when read from the database */
    long long local_ms;   /* the newest scan this process added (0: none) */
    unsigned long used;   /* the bucket's clock when last used */
    int n, cap, head;     /* cap: a power of two */
    struct ocop_scan_row *rows; /* a ring: the newest at head, older ones after it (moving
                                 * every row down for each scan showed in the profile) */
};

struct scan_bucket {
    unsigned long clock;
    struct scan_entry e[WAYS];
};

struct ocop_verifier {
    pthread_mutex_t facts_lock;
    struct ocop_batch_facts *facts[FACT_SLOTS];
    size_t nbuckets; /* a power of two */
    long settle_ms;
    const atomic_llong *settled; /* the scan log's clock, or NULL */
    const atomic_llong *foreign; /* when others' scans were last seen, or NULL */
    pthread_mutex_t locks[LOCKS];
    struct scan_bucket *buckets;
};

int ocop_verifier_new(struct ocop_verifier **out, size_t max_stamps, long settle_ms,
                      const atomic_llong *settled, const atomic_llong *foreign)
{
    struct ocop_verifier *v = calloc(1, sizeof(*v));
    *out = NULL;
    if (!v)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    v->nbuckets = 16;
    while (v->nbuckets * WAYS < max_stamps)
        v->nbuckets *= 2;
    v->settle_ms = settle_ms;
    v->settled = settled;
    v->foreign = foreign;
    if (!(v->buckets = calloc(v->nbuckets, sizeof(*v->buckets)))) {
        free(v);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    pthread_mutex_init(&v->facts_lock, NULL);
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_init(&v->locks[i], NULL);
    *out = v;
    return 0;
}

void ocop_verifier_free(struct ocop_verifier *v)
{
    if (!v)
        return;
    for (int i = 0; i < FACT_SLOTS; i++)
        if (v->facts[i])
            ocop_batch_facts_release(v->facts[i]);
    for (size_t b = 0; b < v->nbuckets; b++)
        for (int w = 0; w < WAYS; w++)
            free(v->buckets[b].e[w].rows);
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_destroy(&v->locks[i]);
    pthread_mutex_destroy(&v->facts_lock);
    free(v->buckets);
    free(v);
}

/* ------------------------------------------------------------------ batch facts */

struct ocop_batch_facts *ocop_verifier_facts(struct ocop_verifier *v, int64_t batch_id,
                                             unsigned long epoch)
{
    struct ocop_batch_facts *f;
    pthread_mutex_lock(&v->facts_lock);
    f = v->facts[(uint64_t)batch_id % FACT_SLOTS];
    if (f && f->batch_id == batch_id && f->epoch == epoch)
        atomic_fetch_add(&f->refs, 1);
    else
        f = NULL;
    pthread_mutex_unlock(&v->facts_lock);
    return f;
}

void ocop_verifier_keep(struct ocop_verifier *v, struct ocop_batch_facts *f)
{
    struct ocop_batch_facts *old;
    atomic_fetch_add(&f->refs, 1);
    pthread_mutex_lock(&v->facts_lock);
    old = v->facts[(uint64_t)f->batch_id % FACT_SLOTS];
    v->facts[(uint64_t)f->batch_id % FACT_SLOTS] = f;
    pthread_mutex_unlock(&v->facts_lock);
    if (old)
        ocop_batch_facts_release(old);
}

void ocop_batch_facts_release(struct ocop_batch_facts *f)
{
    if (f && atomic_fetch_sub(&f->refs, 1) == 1)
        free(f);
}

/* ------------------------------------------------------------------ stamps */

static unsigned long verifier__hash(const char *serial)
{
    unsigned long h = 1469598103934665603UL;
    for (; *serial; serial++)
        h = (h ^ (unsigned char)*serial) * 1099511628211UL;
    return h ^ (h >> 31);
}

static struct scan_bucket *verifier__lock(struct ocop_verifier *v, size_t b)
{
    pthread_mutex_lock(&v->locks[b % LOCKS]);
    return &v->buckets[b];
}

static void verifier__unlock(struct ocop_verifier *v, size_t b)
{
    pthread_mutex_unlock(&v->locks[b % LOCKS]);
}

static struct scan_entry *verifier__find(struct scan_bucket *bk, unsigned long h,
                                         const char *serial)
{
    for (int w = 0; w < WAYS; w++)
        if (bk->e[w].hash == h && strcmp(bk->e[w].serial, serial) == 0)
            return &bk->e[w];
    return NULL;
}

/* Has every scan this process added to e been written to the log by now? */
static int verifier__settled(struct ocop_verifier *v, const struct scan_entry *e, long long now)
{
    if (v->settled)
        return e->local_ms < atomic_load(v->settled);
    return now - e->local_ms > v->settle_ms;
}

/* A way for a new stamp in a locked bucket: an empty one, else the least recently used
 * settled one; NULL if all hold scans still queued. */
static struct scan_entry *verifier__victim(struct ocop_verifier *v, struct scan_bucket *bk,
                                           long long now)
{
    struct scan_entry *victim = NULL;
    for (int w = 0; w < WAYS; w++) {
        struct scan_entry *x = &bk->e[w];
        if (!x->serial[0])
            return x;
        if (verifier__settled(v, x, now) && (!victim || x->used < victim->used))
            victim = x;
    }
    return victim;
}

/* Copies e's scans out, newest first. */
static void verifier__scans_out(struct ocop_scan_rows *out, const struct scan_entry *e)
{
    int first = e->cap - e->head < e->n ? e->cap - e->head : e->n;
    out->total = e->total;
    out->first_ms = e->first_ms;
    out->n = e->n;
    if (e->n) {
        memcpy(out->rows, e->rows + e->head, (size_t)first * sizeof(*e->rows));
        memcpy(out->rows + first, e->rows, (size_t)(e->n - first) * sizeof(*e->rows));
    }
}

/* Should e's scans be read again? After a minute, once ours are all in the log, and
 * (when the log watches for them) only if others' scans were seen since e was read. */
static int verifier__stale(struct ocop_verifier *v, const struct scan_entry *e, long long now)
{
    if (now - e->loaded_ms < RELOAD_MS || !verifier__settled(v, e, now))
        return 0;
    return !v->foreign || atomic_load(v->foreign) > e->loaded_ms - FOREIGN_SLACK_MS;
}

/* Copies what e knows into the caller's row and scans; 0 if it does not know both. */
static int verifier__copy_out(struct ocop_verifier *v, const struct scan_entry *e,
                              unsigned long epoch, long long now, struct ocop_stamp_row *row,
                              struct ocop_scan_rows *out)
{
    if (!e || !epoch || e->row_epoch != epoch || !e->loaded_ms || verifier__stale(v, e, now))
        return 0;
    memset(row, 0, sizeof(*row));
    row->id = e->stamp_id;
    row->batch_id = e->batch_id;
    memcpy(row->sig, e->sig, sizeof(row->sig));
    verifier__scans_out(out, e);
    return 1;
}

/* Keeps a stamp read from the database (not a revoked one: it says why, from its row)
 * and its scans in a locked bucket. */
static void verifier__store(struct ocop_verifier *v, struct scan_bucket *bk, unsigned long h,
                            const struct ocop_stamp_row *row, const struct ocop_scan_rows *rows,
                            unsigned long epoch, long long now)
{
    struct scan_entry *e = verifier__find(bk, h, row->serial);
    int cap = 4;

    if (row->revoked || !epoch)
        return;
    if (e && !verifier__settled(v, e, now)) {
        /* scans of ours are still queued: memory holds newer scans than the log */
        e->row_epoch = epoch;
        e->stamp_id = row->id;
        e->batch_id = row->batch_id;
        memcpy(e->sig, row->sig, sizeof(e->sig));
        return;
    }
    if (!e && !(e = verifier__victim(v, bk, now)))
        return; /* all busy: this stamp is read from the database each time */
    while (cap < rows->n)
        cap *= 2;
    if (cap > e->cap) {
        struct ocop_scan_row *mem = realloc(e->rows, (size_t)cap * sizeof(*mem));
        if (!mem) {
            e->serial[0] = '\0';
            e->hash = 0;
            return;
        }
        e->rows = mem;
        e->cap = cap;
    }
    snprintf(e->serial, sizeof(e->serial), "%s", row->serial);
    e->hash = h;
    e->row_epoch = epoch;
    e->stamp_id = row->id;
    e->batch_id = row->batch_id;
    memcpy(e->sig, row->sig, sizeof(e->sig));
    e->total = rows->total;
    e->first_ms = rows->first_ms;
    e->n = rows->n;
    e->head = 0;
    memcpy(e->rows, rows->rows, (size_t)rows->n * sizeof(*e->rows));
    e->loaded_ms = now;
    e->local_ms = 0;
    e->used = ++bk->clock;
}

int ocop_verifier_stamp(struct ocop_verifier *v, struct ocop_store *st, const char *serial,
                        unsigned long epoch, long long now_ms, struct ocop_stamp_row *row,
                        struct ocop_scan_rows *out)
{
    unsigned long h = verifier__hash(serial);
    size_t b = h & (v->nbuckets - 1);
    struct scan_bucket *bk = verifier__lock(v, b);
    struct scan_entry *e = verifier__find(bk, h, serial);
    int rc;

    if (verifier__copy_out(v, e, epoch, now_ms, row, out)) {
        e->used = ++bk->clock;
        verifier__unlock(v, b);
        {
            size_t k = strnlen(serial, sizeof(row->serial) - 1);
            memcpy(row->serial, serial, k);
            row->serial[k] = '\0';
        }
        return 0;
    }
    verifier__unlock(v, b);
    if ((rc = ocop_store_stamp_find(row, st, serial)) != 0 ||
        (rc = ocop_store_scan_recent(out, st, row->id)) != 0)
        return rc;
    bk = verifier__lock(v, b);
    e = verifier__find(bk, h, serial);
    if (e && !verifier__settled(v, e, now_ms)) {
        verifier__scans_out(out, e); /* our own newer scans win over the log's */
    }
    verifier__store(v, bk, h, row, out, epoch, now_ms);
    verifier__unlock(v, b);
    return 0;
}

void ocop_verifier_scanned(struct ocop_verifier *v, const char *serial,
                           const struct ocop_scan *scan)
{
    unsigned long h = verifier__hash(serial);
    size_t b = h & (v->nbuckets - 1);
    struct scan_bucket *bk = verifier__lock(v, b);
    struct scan_entry *e = verifier__find(bk, h, serial);

    if (e && e->n == e->cap && e->cap < OCOP_SCAN_ROWS) {
        /* a larger ring, its rows in order from 0 */
        struct ocop_scan_row *mem = malloc((size_t)e->cap * 2 * sizeof(*mem));
        if (mem) {
            int first = e->cap - e->head;
            memcpy(mem, e->rows + e->head, (size_t)first * sizeof(*mem));
            memcpy(mem + first, e->rows, (size_t)(e->n - first) * sizeof(*mem));
            free(e->rows);
            e->rows = mem;
            e->cap *= 2;
            e->head = 0;
        }
    }
    if (e && e->cap > 0) {
        struct ocop_scan_row *r;
        e->head = (e->head + e->cap - 1) & (e->cap - 1);
        r = &e->rows[e->head];
        r->at_ms = scan->at_ms;
        r->lat = scan->lat;
        r->lon = scan->lon;
        r->client = ocop_scan_client_key(scan->client);
        e->n += e->n < e->cap;
        if (e->total++ == 0)
            e->first_ms = scan->at_ms;
        e->local_ms = scan->at_ms;
        e->used = ++bk->clock;
    }
    verifier__unlock(v, b);
}
