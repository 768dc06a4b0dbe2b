/*
 * pdf.c: what the PDF documents share (declared in pdf_internal.h): the document on
 * cairo's PDF surface, text through pango, lines, boxes and stars, and the checks and
 * formats of values. The certificate is pdf_certificate.c, the score sheets pdf_sheet.c.
 */
#include "render/pdf_internal.h"
#include "core/dates.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PDF__MAX_BYTES ((size_t)64 << 20) /* one document */
#define PDF__FIELD_MAX 16384              /* bytes of one text field */

/* ---- the document, text and shapes ---- */

static cairo_status_t pdf__write(void *closure, const unsigned char *data, unsigned int len)
{
    struct pdf__doc *d = closure;
    if (d->write_rc)
        return CAIRO_STATUS_WRITE_ERROR;
    d->write_rc = ocop_buf_put(&d->buf, data, len);
    return d->write_rc ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* Starts a PDF of pages w x h points; pdf__close frees everything, whatever happened. */
int pdf__open(struct pdf__doc *d, double w, double h, const char *title)
{
    cairo_font_options_t *fo;
    PangoContext *ctx;

    memset(d, 0, sizeof(*d));
    ocop_buf_init(&d->buf, PDF__MAX_BYTES);
    d->w = w;
    d->h = h;
    d->surface = cairo_pdf_surface_create_for_stream(pdf__write, d, w, h);
    if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
        return ocop_error_set(OCOP_ERROR, "cannot create a PDF surface");
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "ocop");
    d->cr = cairo_create(d->surface);
    d->layout = pango_cairo_create_layout(d->cr);
    ctx = pango_layout_get_context(d->layout);
    pango_cairo_context_set_resolution(ctx, 72); /* font sizes in points = user units */
    pango_context_set_round_glyph_positions(ctx, FALSE);
    fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(d->layout);
    return 0;
}

/* Finishes the document; on success hands the bytes to *out. Returns rc or a new error. */
int pdf__close(struct pdf__doc *d, char **out, size_t *len, int rc)
{
    if (d->layout)
        g_object_unref(d->layout);
    if (d->cr) {
        if (!rc && cairo_status(d->cr) != CAIRO_STATUS_SUCCESS)
            rc = ocop_error_set(OCOP_ERROR, "PDF drawing failed: %s",
                                cairo_status_to_string(cairo_status(d->cr)));
        cairo_destroy(d->cr);
    }
    if (d->surface) {
        if (!rc)
            cairo_surface_finish(d->surface);
        if (!rc && cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS)
            rc = d->write_rc ? d->write_rc : ocop_error_set(OCOP_ERROR, "PDF output failed");
        cairo_surface_destroy(d->surface);
    }
    if (!rc)
        *out = ocop_buf_detach(&d->buf, len);
    ocop_buf_dispose(&d->buf);
    return rc;
}

void pdf__rgb(struct pdf__doc *d, const struct rgb *c)
{
    cairo_set_source_rgb(d->cr, c->r, c->g, c->b);
}

/*
 * Prepares the shared layout: `text` (plain text, never markup) in a font, wrapped
 * at word or character boundaries to width w (w <= 0: one unbounded line). When
 * `note` is given it follows on a new line, in smaller grey italics.
 */
void pdf__setup_note(struct pdf__doc *d, const char *text, const char *note, int font, double size,
                     double w, PangoAlignment align)
{
    PangoFontDescription *fd = pango_font_description_new();
    PangoAttrList *attrs = NULL;
    char *joined = NULL;

    pango_font_description_set_family(fd, (font & F_SERIF) ? "Noto Serif" : "Noto Sans");
    pango_font_description_set_weight(fd,
                                      (font & F_BOLD) ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd,
                                     (font & F_ITALIC) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_size(fd, (int)(size * PANGO_SCALE + 0.5));
    pango_layout_set_font_description(d->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(d->layout, w > 0 ? (int)(w * PANGO_SCALE) : -1);
    pango_layout_set_height(d->layout, -1);
    pango_layout_set_wrap(d->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_NONE);
    pango_layout_set_single_paragraph_mode(d->layout, FALSE);
    pango_layout_set_alignment(d->layout, align);
    if (note) {
        PangoAttribute *a;
        size_t start = strlen(text) + 1;
        joined = g_strconcat(text, "\n", note, NULL);
        attrs = pango_attr_list_new();
        a = pango_attr_style_new(PANGO_STYLE_ITALIC);
        a->start_index = (guint)start;
        pango_attr_list_insert(attrs, a);
        a = pango_attr_foreground_new(0x7a7a, 0x5a5a, 0x1010);
        a->start_index = (guint)start;
        pango_attr_list_insert(attrs, a);
        a = pango_attr_size_new((int)(size * 0.88 * PANGO_SCALE));
        a->start_index = (guint)start;
        pango_attr_list_insert(attrs, a);
    }
    pango_layout_set_attributes(d->layout, attrs);
    pango_layout_set_text(d->layout, joined ? joined : text, -1);
    if (attrs)
        pango_attr_list_unref(attrs);
    g_free(joined);
}

void pdf__setup(struct pdf__doc *d, const char *text, int font, double size, double w,
                PangoAlignment align)
{
    pdf__setup_note(d, text, NULL, font, size, w, align);
}

/* Spreads the letters of the prepared text (a heading) by `pts` points. */
void pdf__spacing(struct pdf__doc *d, double pts)
{
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)(pts * PANGO_SCALE)));
    pango_layout_set_attributes(d->layout, attrs);
    pango_attr_list_unref(attrs);
}

double pdf__height(struct pdf__doc *d)
{
    int w, h;
    pango_layout_get_size(d->layout, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Width of the inked lines (not the wrap width). */
double pdf__width(struct pdf__doc *d)
{
    PangoRectangle ink, logical;
    pango_layout_get_extents(d->layout, &ink, &logical);
    return (double)logical.width / PANGO_SCALE;
}

void pdf__show(struct pdf__doc *d, double x, double y, const struct rgb *c)
{
    if (d->dry)
        return;
    pdf__rgb(d, c);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, d->layout);
}

/* Draws wrapped text with its top-left corner at (x, y); returns its height. */
double pdf__text(struct pdf__doc *d, const char *text, int font, double size, double x, double y,
                 double w, PangoAlignment align, const struct rgb *c)
{
    pdf__setup(d, text, font, size, w, align);
    pdf__show(d, x, y, c);
    return pdf__height(d);
}

void pdf__line(struct pdf__doc *d, double x0, double y0, double x1, double y1, double width,
               const struct rgb *c)
{
    if (d->dry)
        return;
    pdf__rgb(d, c);
    cairo_set_line_width(d->cr, width);
    cairo_move_to(d->cr, x0, y0);
    cairo_line_to(d->cr, x1, y1);
    cairo_stroke(d->cr);
}

void pdf__rect(struct pdf__doc *d, double x, double y, double w, double h, const struct rgb *fill,
               const struct rgb *stroke, double width)
{
    if (d->dry)
        return;
    cairo_rectangle(d->cr, x, y, w, h);
    if (fill) {
        pdf__rgb(d, fill);
        if (stroke)
            cairo_fill_preserve(d->cr);
        else
            cairo_fill(d->cr);
    }
    if (stroke) {
        pdf__rgb(d, stroke);
        cairo_set_line_width(d->cr, width);
        cairo_stroke(d->cr);
    }
}

/* A five-pointed star of outer radius r centred on (cx, cy), gold with a darker rim. */
void pdf__star(struct pdf__doc *d, double cx, double cy, double r)
{
    int i;
    if (d->dry)
        return;
    for (i = 0; i < 10; i++) {
        double a = -M_PI / 2 + i * M_PI / 5, rr = (i % 2) ? r * 0.382 : r;
        if (i == 0)
            cairo_move_to(d->cr, cx + rr * cos(a), cy + rr * sin(a));
        else
            cairo_line_to(d->cr, cx + rr * cos(a), cy + rr * sin(a));
    }
    cairo_close_path(d->cr);
    pdf__rgb(d, &C_GOLD);
    cairo_fill_preserve(d->cr);
    cairo_set_source_rgb(d->cr, 0.62, 0.42, 0.05);
    cairo_set_line_width(d->cr, r * 0.06);
    cairo_set_line_join(d->cr, CAIRO_LINE_JOIN_MITER);
    cairo_stroke(d->cr);
}

/* n stars of radius r in a row starting at x; returns the row's width. */
double pdf__stars(struct pdf__doc *d, int n, double x, double cy, double r)
{
    int i;
    for (i = 0; i < n; i++)
        pdf__star(d, x + r + i * 2.3 * r, cy, r);
    return n > 0 ? (n - 1) * 2.3 * r + 2 * r : 0;
}

/* ---- values ---- */

/* A number as Vietnamese writes it: at most two decimals, a decimal comma. */
void pdf__num(char *out, size_t n, double v)
{
    char *p;
    snprintf(out, n, "%.2f", round(v * 100) / 100);
    p = strchr(out, '.');
    if (!p)
        return;
    for (char *e = out + strlen(out) - 1; e > p && *e == '0'; e--)
        *e = '\0';
    if (p[1] == '\0')
        *p = '\0';
    else
        *p = ',';
}

/* "DD/MM/YYYY" of a valid "YYYY-MM-DD" (checked before). */
void pdf__date_vn(char *out, size_t n, const char *iso)
{
    long days = 0;
    int y, m, dd;
    ocop_date_parse(&days, iso);
    ocop_date_ymd(days, &y, &m, &dd);
    snprintf(out, n, "%02d/%02d/%04d", dd, m, y);
}

/* A text field: required or optional, bounded, valid UTF-8. */
int pdf__check(const char *v, const char *field, int required)
{
    size_t n;
    if (!v || !*v) {
        if (!required)
            return 0;
        return ocop_error_set_field(OCOP_EINVALID, field, "%s is required", field);
    }
    n = strlen(v);
    if (n > PDF__FIELD_MAX)
        return ocop_error_set_field(OCOP_ETOOBIG, field, "%s is over %d bytes", field,
                                    PDF__FIELD_MAX);
    if (!g_utf8_validate(v, (gssize)n, NULL))
        return ocop_error_set_field(OCOP_EMALFORMED, field, "%s is not valid UTF-8", field);
    return 0;
}

int pdf__check_date(const char *v, const char *field, long *days)
{
    int rc = pdf__check(v, field, 1);
    if (!rc && ocop_date_parse(days, v) != 0)
        rc = ocop_error_set_field(OCOP_EINVALID, field, "%s is not a date (YYYY-MM-DD)", field);
    return rc;
}

int pdf__check_points(double v, double max, const char *field)
{
    if (!isfinite(v) || v < 0 || v > max + 1e-9)
        return ocop_error_set_field(OCOP_EINVALID, field, "%s is out of range", field);
    return 0;
}
