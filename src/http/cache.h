/*
 * cache.h: a worker thread's cache of rendered public answers (GET, no credentials),
 * keyed by the raw URI and valid only while the worker's read snapshot is the one they
 * were rendered under (store epoch): any commit, here or in another process, ends it.
 */
#ifndef OCOP_HTTP_CACHE_H
#define OCOP_HTTP_CACHE_H

#include <stddef.h>

struct http_cache;

struct http_cache *http_cache_new(void);
void http_cache_free(void *cache);
/* A cached body for uri under epoch: a pointer valid until the next call on this cache. */
const char *http_cache_get(struct http_cache *c, const char *uri, unsigned long epoch,
                           size_t *len, const char **ctype);
/* Keeps a copy of body (ctype must be a static string). */
void http_cache_put(struct http_cache *c, const char *uri, unsigned long epoch, const char *body,
                    size_t len, const char *ctype);

#endif
