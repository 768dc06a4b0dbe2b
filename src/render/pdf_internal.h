/*
 * pdf_internal.h: what the PDF files share (pdf.c, pdf_certificate.c, pdf_sheet.c): the
 * page size, fonts and colours, the document being drawn, and pdf.c's helpers for text,
 * shapes and values. Not part of the library's API (that is pdf.h).
 */
#ifndef OCOP_RENDER_PDF_INTERNAL_H
#define OCOP_RENDER_PDF_INTERNAL_H

#include "render/pdf.h"
#include "core/buf.h"

#include <stddef.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define PDF__A4_W 595.276 /* points */
#define PDF__A4_H 841.890

/* Font flags of pdf__setup: Noto Sans unless F_SERIF. */
enum { F_SANS = 0, F_SERIF = 1, F_BOLD = 2, F_ITALIC = 4 };

struct rgb {
    double r, g, b;
};
static const struct rgb C_RED = {0.698, 0.094, 0.122}; /* OCOP red #B2181F */
static const struct rgb C_DARKRED = {0.478, 0.059, 0.078};
static const struct rgb C_GOLD = {0.800, 0.612, 0.184}; /* OCOP gold #CC9C2F */
static const struct rgb C_INK = {0.11, 0.11, 0.11};
static const struct rgb C_GREY = {0.38, 0.38, 0.38};
static const struct rgb C_RULE = {0.60, 0.60, 0.60};
static const struct rgb C_WHITE = {1, 1, 1};
static const struct rgb C_TINT_RED = {0.988, 0.929, 0.925};
static const struct rgb C_TINT_GOLD = {0.996, 0.965, 0.878};
static const struct rgb C_TINT_GREY = {0.945, 0.945, 0.945};

struct sheet__table; /* pdf_sheet.c */

/* One document being drawn. Paginated documents are laid out twice: a dry pass that
 * only measures (to count pages), then the real one. */
struct pdf__doc {
    struct ocop_buf buf;
    int write_rc;
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    double w, h;
    int dry, page, npages;
    double y, top, body_top, bottom, left, right;
    const struct sheet__table *table; /* whose header repeats on each new page */
    const struct ocop_pdf_sheet *sheet;
};

/* Starts a PDF of pages w x h points; pdf__close frees everything, whatever happened. */
int pdf__open(struct pdf__doc *d, double w, double h, const char *title);
/* Finishes the document; on success hands the bytes to *out. Returns rc or a new error. */
int pdf__close(struct pdf__doc *d, char **out, size_t *len, int rc);

/* ---- text and shapes ---- */

void pdf__rgb(struct pdf__doc *d, const struct rgb *c);
/* Prepares the shared layout: plain `text` in a font, wrapped to width w (w <= 0: one
 * line), with an optional `note` under it in smaller grey italics. */
void pdf__setup_note(struct pdf__doc *d, const char *text, const char *note, int font, double size,
                     double w, PangoAlignment align);
void pdf__setup(struct pdf__doc *d, const char *text, int font, double size, double w,
                PangoAlignment align);
/* Spreads the letters of the prepared text (a heading) by `pts` points. */
void pdf__spacing(struct pdf__doc *d, double pts);
/* Height and inked width of the prepared text; pdf__show draws it at (x, y). */
double pdf__height(struct pdf__doc *d);
double pdf__width(struct pdf__doc *d);
void pdf__show(struct pdf__doc *d, double x, double y, const struct rgb *c);
/* Draws wrapped text with its top-left corner at (x, y); returns its height. */
double pdf__text(struct pdf__doc *d, const char *text, int font, double size, double x, double y,
                 double w, PangoAlignment align, const struct rgb *c);
void pdf__line(struct pdf__doc *d, double x0, double y0, double x1, double y1, double width,
               const struct rgb *c);
void pdf__rect(struct pdf__doc *d, double x, double y, double w, double h, const struct rgb *fill,
               const struct rgb *stroke, double width);
/* A gold star of outer radius r centred on (cx, cy); n of them in a row from x, returning
 * the row's width. */
void pdf__star(struct pdf__doc *d, double cx, double cy, double r);
double pdf__stars(struct pdf__doc *d, int n, double x, double cy, double r);

/* ---- values ---- */

/* A number as Vietnamese writes it: at most two decimals, a decimal comma. */
void pdf__num(char *out, size_t n, double v);
/* "DD/MM/YYYY" of a valid "YYYY-MM-DD" (checked before). */
void pdf__date_vn(char *out, size_t n, const char *iso);
/* Checks of a field, the error naming it: a text is required or optional, bounded and
 * valid UTF-8; a date is "YYYY-MM-DD" (its day number into *days); points lie in 0..max. */
int pdf__check(const char *v, const char *field, int required);
int pdf__check_date(const char *v, const char *field, long *days);
int pdf__check_points(double v, double max, const char *field);

#endif
