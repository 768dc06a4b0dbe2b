/*
 * cache.c: the shared answer cache: a set-associative table (WAYS entries a bucket),
 * a lock per group of buckets, one allocation per entry (key and body together).
 */
#include "http/cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAYS 8
#define LOCKS 64
#define MAX_BODY 65536
#define MAX_KEY 1024
#define AVG_ENTRY 1024 /* bytes an entry is assumed to take when sizing the table */

struct entry {
    unsigned long epoch;
    unsigned long hash;
    unsigned long used; /* the bucket's clock when last read or written */
    size_t size;        /* bytes counted against the cap */
    size_t len;
    const char *ctype;
    char *mem; /* key, NUL, body */
};

struct bucket {
    unsigned long clock;
    struct entry e[WAYS];
};

struct http_cache {
    size_t nbuckets; /* a power of two */
    size_t max_bytes;
    atomic_size_t bytes, entries;
    atomic_ullong hits, misses;
    pthread_mutex_t locks[LOCKS];
    struct bucket *buckets;
};

static unsigned long cache__hash(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h ^ (h >> 29);
}

struct http_cache *http_cache_new(size_t max_bytes)
{
    struct http_cache *c = calloc(1, sizeof(*c));
    size_t want = max_bytes / AVG_ENTRY / WAYS + 1;
    if (!c)
        return NULL;
    c->nbuckets = 64;
    while (c->nbuckets < want)
        c->nbuckets *= 2;
    c->max_bytes = max_bytes;
    if (!(c->buckets = calloc(c->nbuckets, sizeof(*c->buckets)))) {
        free(c);
        return NULL;
    }
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_init(&c->locks[i], NULL);
    return c;
}

void http_cache_free(struct http_cache *c)
{
    if (!c)
        return;
    for (size_t b = 0; b < c->nbuckets; b++)
        for (int w = 0; w < WAYS; w++)
            free(c->buckets[b].e[w].mem);
    for (int i = 0; i < LOCKS; i++)
        pthread_mutex_destroy(&c->locks[i]);
    free(c->buckets);
    free(c);
}

/* The bucket of a hash, locked. */
static struct bucket *cache__lock(struct http_cache *c, unsigned long h)
{
    size_t b = h & (c->nbuckets - 1);
    pthread_mutex_lock(&c->locks[b % LOCKS]);
    return &c->buckets[b];
}

static void cache__unlock(struct http_cache *c, unsigned long h)
{
    pthread_mutex_unlock(&c->locks[(h & (c->nbuckets - 1)) % LOCKS]);
}

/* The entry of key in a locked bucket, whatever its epoch; NULL if none. */
static struct entry *cache__find(struct bucket *b, unsigned long h, const char *key)
{
    for (int w = 0; w < WAYS; w++)
        if (b->e[w].mem && b->e[w].hash == h && strcmp(b->e[w].mem, key) == 0)
            return &b->e[w];
    return NULL;
}

int http_cache_get(struct http_cache *c, const char *key, unsigned long epoch, char **body,
                   size_t *len, const char **ctype)
{
    unsigned long h = cache__hash(key);
    struct bucket *b = cache__lock(c, h);
    struct entry *e = cache__find(b, h, key);
    int found = 0;

    *body = NULL;
    if (e && e->epoch == epoch && (*body = malloc(e->len ? e->len : 1)) != NULL) {
        memcpy(*body, e->mem + strlen(e->mem) + 1, e->len);
        *len = e->len;
        *ctype = e->ctype;
        e->used = ++b->clock;
        found = 1;
    }
    cache__unlock(c, h);
    atomic_fetch_add_explicit(found ? &c->hits : &c->misses, 1, memory_order_relaxed);
    return found;
}

int http_cache_has(struct http_cache *c, const char *key, unsigned long epoch)
{
    unsigned long h = cache__hash(key);
    struct bucket *b = cache__lock(c, h);
    struct entry *e = cache__find(b, h, key);
    int found = e && e->epoch == epoch;
    cache__unlock(c, h);
    return found;
}

/* Where a new answer goes in a locked bucket: an empty way, else one of an older epoch,
 * else the least recently used. */
static struct entry *cache__victim(struct bucket *b, unsigned long epoch)
{
    struct entry *v = &b->e[0];
    for (int w = 0; w < WAYS; w++) {
        struct entry *e = &b->e[w];
        int e_old = e->epoch != epoch, v_old = v->epoch != epoch;
        if (!e->mem)
            return e;
        if (e_old != v_old ? e_old : e->used < v->used)
            v = e;
    }
    return v;
}

static void cache__drop(struct http_cache *c, struct entry *e)
{
    if (!e->mem)
        return;
    free(e->mem);
    atomic_fetch_sub(&c->bytes, e->size);
    atomic_fetch_sub(&c->entries, 1);
    memset(e, 0, sizeof(*e));
}

void http_cache_put(struct http_cache *c, const char *key, unsigned long epoch,
                    const char *body, size_t len, const char *ctype)
{
    size_t klen = strlen(key), size = klen + 1 + len + sizeof(struct entry);
    unsigned long h;
    struct bucket *b;
    struct entry *e;
    char *mem;

    if (!epoch || len > MAX_BODY || klen > MAX_KEY || size > c->max_bytes)
        return;
    if (!(mem = malloc(klen + 1 + len)))
        return;
    memcpy(mem, key, klen + 1);
    memcpy(mem + klen + 1, body, len);
    h = cache__hash(key);
    b = cache__lock(c, h);
    if (!(e = cache__find(b, h, key)))
        e = cache__victim(b, epoch);
    if (atomic_load(&c->bytes) - (e->mem ? e->size : 0) + size > c->max_bytes) {
        cache__unlock(c, h);
        free(mem);
        return;
    }
    cache__drop(c, e);
    *e = (struct entry){epoch, h, ++b->clock, size, len, ctype, mem};
    atomic_fetch_add(&c->bytes, size);
    atomic_fetch_add(&c->entries, 1);
    cache__unlock(c, h);
}

void http_cache_stats(struct http_cache *c, struct http_cache_stats *out)
{
    out->entries = atomic_load(&c->entries);
    out->bytes = atomic_load(&c->bytes);
    out->max_bytes = c->max_bytes;
    out->hits = atomic_load(&c->hits);
    out->misses = atomic_load(&c->misses);
}

void http_cache_key(char *out, size_t n, const char *path, const char *query)
{
    snprintf(out, n, "%s?%s", path, query ? query : "");
}
