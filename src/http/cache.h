/*
 * cache.h: the server's cache of rendered public answers (GET, no credentials), shared
 * by its worker threads, keyed by the raw URI and tagged with the store epoch they were
 * rendered under (the data version and the day, ocop_store_snapshot_epoch): an answer
 * is served only to a request reading the same epoch, so no change to the data, here or
 * in another process, is ever hidden by it. Memory is capped; when full, the least
 * recently used answer of a bucket makes way, and answers of older epochs go first.
 */
#ifndef OCOP_HTTP_CACHE_H
#define OCOP_HTTP_CACHE_H

#include <stddef.h>

struct http_cache;

struct http_cache_stats {
    size_t entries, bytes, max_bytes;
    unsigned long long hits, misses;
};

/* A cache holding at most max_bytes of keys and answers; NULL if out of memory. */
struct http_cache *http_cache_new(size_t max_bytes);
void http_cache_free(struct http_cache *c);
/* The answer for key under epoch, copied into a new buffer (*body, freed by the
 * caller): 1; 0 if there is none. ctype is a static string. Counts a hit or a miss. */
int http_cache_get(struct http_cache *c, const char *key, unsigned long epoch, char **body,
                   size_t *len, const char **ctype);
/* Whether key has an answer under epoch (no copy, not counted). */
int http_cache_has(struct http_cache *c, const char *key, unsigned long epoch);
/* Keeps a copy of body for key under epoch (ctype must be a static string). Answers
 * too large for the cache, or with no room left, are not kept. */
void http_cache_put(struct http_cache *c, const char *key, unsigned long epoch,
                    const char *body, size_t len, const char *ctype);
void http_cache_stats(struct http_cache *c, struct http_cache_stats *out);
/* The key of a request: its raw path and query (NULL: none), as the client sent them. */
void http_cache_key(char *out, size_t n, const char *path, const char *query);

#endif
