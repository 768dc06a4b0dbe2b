/*
 * html.h: writing HTML safely. Every byte that comes from data goes through an
 * escaping helper for its context: text, attribute value or URL query argument.
 * Literal markup goes through html_raw (string literals only, by convention).
 */
#ifndef OCOP_RENDER_HTML_H
#define OCOP_RENDER_HTML_H

#include "core/buf.h"

/* Literal markup from the program (never data). */
void html_raw(struct ocop_buf *b, const char *literal);
/* Text content: & < > " ' escaped; NULL writes nothing. */
void html_txt(struct ocop_buf *b, const char *s);
/* An attribute value (inside double quotes): as text, plus backquote and = escaped. */
void html_attr(struct ocop_buf *b, const char *s);
/* A URL query argument: percent-encoded except unreserved characters. */
void html_url_arg(struct ocop_buf *b, const char *s);
/* Numbers are safe by construction. */
void html_int(struct ocop_buf *b, long long v);
void html_num(struct ocop_buf *b, double v, int decimals);
/* <dt>label</dt><dd>value</dd>, both escaped; nothing when value is NULL or empty. */
void html_dl_row(struct ocop_buf *b, const char *label, const char *value);

/* The page frame: doctype, head with title and the shared stylesheet, body open/close. */
void html_page_open(struct ocop_buf *b, const char *lang, const char *title);
void html_page_close(struct ocop_buf *b);

#endif
