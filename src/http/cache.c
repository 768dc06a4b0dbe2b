/* cache.c: per-worker answer cache (open addressing, replace on collision). */
#include "http/cache.h"

#include <stdlib.h>
#include <string.h>

#define SLOTS 8192
#define MAX_BODY 65536
#define MAX_URI 512

struct slot {
    unsigned long epoch;
    unsigned long hash;
    char *uri;
    char *body;
    size_t len;
    const char *ctype;
};

struct http_cache {
    struct slot slots[SLOTS];
};

static unsigned long cache__hash(const char *s)
{
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

struct http_cache *http_cache_new(void)
{
    return calloc(1, sizeof(struct http_cache));
}

void http_cache_free(void *p)
{
    struct http_cache *c = p;
    if (!c)
        return;
    for (int i = 0; i < SLOTS; i++) {
        free(c->slots[i].uri);
        free(c->slots[i].body);
    }
    free(c);
}

const char *http_cache_get(struct http_cache *c, const char *uri, unsigned long epoch,
                           size_t *len, const char **ctype)
{
    unsigned long h = cache__hash(uri);
    struct slot *s = &c->slots[h % SLOTS];
    if (!epoch || s->epoch != epoch || s->hash != h || !s->uri || strcmp(s->uri, uri) != 0)
        return NULL;
    *len = s->len;
    *ctype = s->ctype;
    return s->body;
}

void http_cache_put(struct http_cache *c, const char *uri, unsigned long epoch, const char *body,
                    size_t len, const char *ctype)
{
    unsigned long h = cache__hash(uri);
    struct slot *s = &c->slots[h % SLOTS];
    char *u, *b;
    if (!epoch || len > MAX_BODY || strlen(uri) > MAX_URI)
        return;
    if (!(u = strdup(uri)) || !(b = malloc(len ? len : 1))) {
        free(u);
        return;
    }
    memcpy(b, body, len);
    free(s->uri);
    free(s->body);
    *s = (struct slot){epoch, h, u, b, len, ctype};
}
