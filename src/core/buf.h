/* buf.h: one growable byte buffer with a hard size cap. */
#ifndef OCOP_CORE_BUF_H
#define OCOP_CORE_BUF_H

#include <stddef.h>

/*
 * The caller owns the struct (ocop_buf_init / ocop_buf_dispose); the buffer owns `data`.
 * `data` is always NUL-terminated once anything was appended. Appends past `max`
 * fail with OCOP_ETOOBIG and leave the buffer as it was.
 */
struct ocop_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

void ocop_buf_init(struct ocop_buf *b, size_t max);
void ocop_buf_dispose(struct ocop_buf *b);
void ocop_buf_reset(struct ocop_buf *b);
int ocop_buf_put(struct ocop_buf *b, const void *data, size_t len);
int ocop_buf_puts(struct ocop_buf *b, const char *s);
/* Makes room for `extra` more bytes (and the closing NUL) at once; OCOP_ETOOBIG past max. */
int ocop_buf_reserve(struct ocop_buf *b, size_t extra);
/* v in decimal, written at the end of digits[24] (no printf: the scan path writes numbers
 * into every answer); returns where it starts and sets *len. */
const char *ocop_long_digits(char digits[24], long v, size_t *len);
/* Appends v in decimal (ocop_long_digits). */
int ocop_buf_putl(struct ocop_buf *b, long v);
int ocop_buf_printf(struct ocop_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string (quoted; ", \\ and control characters escaped, UTF-8 as
 * it is), or null when s is NULL. The caller vouches that s is valid UTF-8. */
int ocop_buf_json_string(struct ocop_buf *b, const char *s);
/* Hands the bytes to the caller (who frees them) and resets the buffer. Never NULL. */
char *ocop_buf_detach(struct ocop_buf *b, size_t *len);

#endif
