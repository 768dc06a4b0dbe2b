/*
 * qr.h: QR codes (libqrencode, 8-bit mode) drawn into a cairo context, or written as
 * SVG or PNG: the certificate's QR, stamp sheets, the QR shown on product pages.
 * Every output carries the standard quiet zone of 4 modules around the symbol.
 * Errors follow core/error.h.
 */
#ifndef OCOP_RENDER_QR_H
#define OCOP_RENDER_QR_H

#include <stddef.h>

#include <cairo.h>

#include "core/buf.h"

/* Longest text accepted (bytes); a version 40 symbol at level L holds 2,953. */
#define OCOP_QR_TEXT_MAX 2953
#define OCOP_QR_QUIET 4 /* modules of white border around the symbol */

enum ocop_qr_ecc { OCOP_QR_ECC_L, OCOP_QR_ECC_M, OCOP_QR_ECC_Q, OCOP_QR_ECC_H };

/* An encoded symbol: `width` x `width` modules, without the quiet zone. */
struct ocop_qr {
    int version; /* 1..40 */
    int width;
    unsigned char *modules; /* width*width bytes, row by row: 1 dark, 0 light */
};

/*
 * Encodes `text` (UTF-8 bytes, taken as they are, in 8-bit mode; after the UTF-8 ECI
 * header when any byte is not ASCII) at the given error correction level, in the
 * smallest version that holds it. The caller frees *out with
 * ocop_qr_free. OCOP_EINVALID for NULL or empty text, OCOP_ETOOBIG when it does not fit
 * a version 40 symbol, -1 when out of memory.
 */
int ocop_qr_new(struct ocop_qr **out, const char *text, enum ocop_qr_ecc ecc);
void ocop_qr_free(struct ocop_qr *qr);
/* 1 when the module at column x, row y is dark (0 outside the symbol). */
int ocop_qr_dark(const struct ocop_qr *qr, int x, int y);

/*
 * Paints an encoded symbol into `cr`: a white square of side `size` (user units) with
 * its top-left corner at (x, y), the symbol inside it after the quiet zone. Dark modules
 * are black, filled as one path (no seams between modules); the cairo state is saved and
 * restored, so the caller's source, transform and path are left as they were.
 */
void ocop_qr_paint(cairo_t *cr, const struct ocop_qr *qr, double x, double y, double size);

/*
 * As ocop_qr_paint, but the symbol is a 1-bit image (quiet zone included) scaled with
 * nearest-neighbour filtering: in a PDF a few hundred bytes and no path to format, for
 * sheets of thousands of stamps. Returns 0, or -1 if cairo could not make the image.
 */
int ocop_qr_paint_image(cairo_t *cr, const struct ocop_qr *qr, double x, double y, double size);

/* Encodes `text` at level M and paints it as ocop_qr_paint does. 0 or an error. */
int ocop_qr_draw(cairo_t *cr, const char *text, double x, double y, double size);

/*
 * Appends a standalone SVG document of the symbol (viewBox in modules, quiet zone
 * included) to `out`. `size` is its width and height attribute, e.g. "30mm", or NULL
 * for none; it may hold only digits, '.', '%' and letters (OCOP_EINVALID otherwise).
 */
int ocop_qr_svg(struct ocop_buf *out, const struct ocop_qr *qr, const char *size);

/*
 * Appends a PNG of the symbol to `out`: `scale` pixels per module (1..64, OCOP_EINVALID
 * otherwise), quiet zone included, a 1-bit greyscale image, black on white.
 */
int ocop_qr_png(struct ocop_buf *out, const struct ocop_qr *qr, int scale);

#endif
