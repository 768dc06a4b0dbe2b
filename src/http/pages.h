/* pages.h: HTML pages rendered on the server (every data string escaped). */
#ifndef OCOP_HTTP_PAGES_H
#define OCOP_HTTP_PAGES_H

#include <jansson.h>

#include "core/buf.h"

/* The stamp verification page from ocop_app_verify's result. `self_url` is the
 * stamp's own URI with its query (already a URL; escaped as an attribute here). */
void page_stamp(struct ocop_buf *b, json_t *result, const char *lang, const char *self_url);

#endif
