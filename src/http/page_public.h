/*
 * page_public.h: what the public catalogue's page files (page_public.c, _catalog.c,
 * _records.c) share: literal markup, the language and local links, words and numbers,
 * the style, product cards and the search box. Defined in page_public.c.
 */
#ifndef OCOP_HTTP_PAGE_PUBLIC_H
#define OCOP_HTTP_PAGE_PUBLIC_H

#include "http/pages.h"
#include "http/web.h"

#define PUB_PAGE_MAX (2u << 20) /* bytes of one page's HTML */

/* Literal markup pieces in a row, NULL-terminated: string literals only, never data. */
__attribute__((sentinel)) void pub__raw(struct ocop_buf *b, ...);

/* The language asked for in the query ("vi", "en"), which links carry on; else NULL. */
const char *pub__lang(struct http_req *req);
/* Refuses parameters a page does not take, and a language other than vi or en. */
int pub__check(struct http_req *req, const char *const *allowed);
/* A local link's href value: the path (escaped), and the language if one was asked for. */
void pub__href(struct ocop_buf *b, struct http_req *req, const char *path);
/* <a href="/prefix/ID">text</a> */
void pub__link_id(struct ocop_buf *b, struct http_req *req, const char *prefix, long long id,
                  const char *text);

/* "2026-11-22" as 22/11/2026. */
void pub__date(char *out, size_t n, const char *iso);
/* A whole number with thousands separators: '.' in Vietnamese, ',' in English. */
void pub__int(struct ocop_buf *b, long long v, int en);
/* Stars as text, the unearned ones pale; read out as "4 sao" / "4 stars". */
void pub__stars(struct ocop_buf *b, long long n, int en);
/* A certificate's status badge (`c`: the product's certificate, NULL or JSON null when
 * not certified); with `detail`, a revocation's reason follows it. */
void pub__cert_badge(struct ocop_buf *b, json_t *c, int en, int detail);

/* The public pages' own style (a <style> element). */
void pub__css(struct ocop_buf *b);
/* Products as a list of cards: name, stars, producer, ward, certificate status. */
void pub__cards(struct ocop_buf *b, struct http_req *req, json_t *items, int en);
/* The search box and its button (and the language, kept): inside a GET form to /products. */
void pub__search(struct ocop_buf *b, struct http_req *req, const char *q, int en);
/* A product filter with nothing set: the first page of PUB_PER_PAGE. */
void pub__filter_init(struct ocop_filter *f);

#endif
