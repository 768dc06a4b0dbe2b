/*
 * warm.h: the cache warmer. A background thread renders every product's public record
 * (GET /api/v1/products/{id}) into the answer cache, at start and again after each
 * change of the data (a new store epoch), at the lowest CPU priority, so that product
 * reads are answered from memory however they are spread over the catalogue.
 */
#ifndef OCOP_HTTP_WARM_H
#define OCOP_HTTP_WARM_H

#include "http/cache.h"

struct http_warmer;

/* Starts warming cache from the database at db_path; *out is NULL on failure. */
int http_warm_start(struct http_warmer **out, struct http_cache *cache, const char *db_path);
/* Stops the thread (the pass in progress ends at its next product) and frees it. */
void http_warm_stop(struct http_warmer *w);
/* 1 once every product's record for the data of `epoch` (a store epoch) is in the cache. */
int http_warm_done(struct http_warmer *w, unsigned long epoch);

#endif
