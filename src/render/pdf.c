/* pdf.c: the OCOP certificate and the council's score sheets as PDF (cairo, pangocairo). */
#include "render/pdf.h"
#include "render/qr.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#define PDF__MAX_BYTES ((size_t)64 << 20) /* one document */
#define PDF__FIELD_MAX 16384              /* bytes of one text field */
#define PDF__MAX_PAGES 500
#define PDF__MAX_ITEMS 100000 /* parts + sections + criteria + members */
#define PDF__A4_W 595.276     /* points */
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

static const char ILLUSTRATIVE[] = "(tiêu chí minh họa / illustrative criterion)";

struct sheet__table;

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
static int pdf__open(struct pdf__doc *d, double w, double h, const char *title)
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
static int pdf__close(struct pdf__doc *d, char **out, size_t *len, int rc)
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

static void pdf__rgb(struct pdf__doc *d, const struct rgb *c)
{
    cairo_set_source_rgb(d->cr, c->r, c->g, c->b);
}

/*
 * Prepares the shared layout: `text` (plain text, never markup) in a font, wrapped
 * at word or character boundaries to width w (w <= 0: one unbounded line). When
 * `note` is given it follows on a new line, in smaller grey italics.
 */
static void pdf__setup_note(struct pdf__doc *d, const char *text, const char *note, int font,
                            double size, double w, PangoAlignment align)
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

static void pdf__setup(struct pdf__doc *d, const char *text, int font, double size, double w,
                       PangoAlignment align)
{
    pdf__setup_note(d, text, NULL, font, size, w, align);
}

/* Spreads the letters of the prepared text (a heading) by `pts` points. */
static void pdf__spacing(struct pdf__doc *d, double pts)
{
    PangoAttrList *attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new((int)(pts * PANGO_SCALE)));
    pango_layout_set_attributes(d->layout, attrs);
    pango_attr_list_unref(attrs);
}

static double pdf__height(struct pdf__doc *d)
{
    int w, h;
    pango_layout_get_size(d->layout, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Width of the inked lines (not the wrap width). */
static double pdf__width(struct pdf__doc *d)
{
    PangoRectangle ink, logical;
    pango_layout_get_extents(d->layout, &ink, &logical);
    return (double)logical.width / PANGO_SCALE;
}

static void pdf__show(struct pdf__doc *d, double x, double y, const struct rgb *c)
{
    if (d->dry)
        return;
    pdf__rgb(d, c);
    cairo_move_to(d->cr, x, y);
    pango_cairo_show_layout(d->cr, d->layout);
}

/* Draws wrapped text with its top-left corner at (x, y); returns its height. */
static double pdf__text(struct pdf__doc *d, const char *text, int font, double size, double x,
                        double y, double w, PangoAlignment align, const struct rgb *c)
{
    pdf__setup(d, text, font, size, w, align);
    pdf__show(d, x, y, c);
    return pdf__height(d);
}

static void pdf__line(struct pdf__doc *d, double x0, double y0, double x1, double y1, double width,
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

static void pdf__rect(struct pdf__doc *d, double x, double y, double w, double h,
                      const struct rgb *fill, const struct rgb *stroke, double width)
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
static void pdf__star(struct pdf__doc *d, double cx, double cy, double r)
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
static double pdf__stars(struct pdf__doc *d, int n, double x, double cy, double r)
{
    int i;
    for (i = 0; i < n; i++)
        pdf__star(d, x + r + i * 2.3 * r, cy, r);
    return n > 0 ? (n - 1) * 2.3 * r + 2 * r : 0;
}

/* ---- values ---- */

/* A number as Vietnamese writes it: at most two decimals, a decimal comma. */
static void pdf__num(char *out, size_t n, double v)
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
static void pdf__date_vn(char *out, size_t n, const char *iso)
{
    long days = 0;
    int y, m, dd;
    ocop_date_parse(&days, iso);
    ocop_date_ymd(days, &y, &m, &dd);
    snprintf(out, n, "%02d/%02d/%04d", dd, m, y);
}

/* A text field: required or optional, bounded, valid UTF-8. */
static int pdf__check(const char *v, const char *field, int required)
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

static int pdf__check_date(const char *v, const char *field, long *days)
{
    int rc = pdf__check(v, field, 1);
    if (!rc && ocop_date_parse(days, v) != 0)
        rc = ocop_error_set_field(OCOP_EINVALID, field, "%s is not a date (YYYY-MM-DD)", field);
    return rc;
}

static int pdf__check_points(double v, double max, const char *field)
{
    if (!isfinite(v) || v < 0 || v > max + 1e-9)
        return ocop_error_set_field(OCOP_EINVALID, field, "%s is out of range", field);
    return 0;
}

/* ---- the certificate ---- */

static int cert__check(const struct ocop_pdf_certificate *c)
{
    static const struct {
        const char *name;
        size_t off;
    } req[] = {
#define F(x) {#x, offsetof(struct ocop_pdf_certificate, x)}
        F(number),     F(decision_number), F(issuer), F(issuing_level), F(product_name),
        F(group_name), F(producer_name),   F(place),  F(ruleset),       F(public_url),
#undef F
    };
    long from, until, dec;
    size_t i;
    int rc = 0;

    if (!c)
        return ocop_error_set(OCOP_EINVALID, "no certificate");
    for (i = 0; !rc && i < sizeof(req) / sizeof(req[0]); i++)
        rc = pdf__check(*(const char *const *)((const char *)c + req[i].off), req[i].name, 1);
    if (!rc)
        rc = pdf__check_date(c->decision_date, "decision_date", &dec);
    if (!rc)
        rc = pdf__check_date(c->valid_from, "valid_from", &from);
    if (!rc)
        rc = pdf__check_date(c->valid_until, "valid_until", &until);
    if (rc)
        return rc;
    if (until < from)
        return ocop_error_set_field(OCOP_EINVALID, "valid_until",
                                    "valid_until is before valid_from");
    if (strcmp(c->issuing_level, "province") != 0 && strcmp(c->issuing_level, "central") != 0)
        return ocop_error_set_field(OCOP_EINVALID, "issuing_level",
                                    "issuing_level must be province or central");
    if (c->stars < 3 || c->stars > 5)
        return ocop_error_set_field(OCOP_EINVALID, "stars", "a certificate is for 3 to 5 stars");
    if (isnan(c->score) || c->score > 100)
        return ocop_error_set_field(OCOP_EINVALID, "score", "score is out of range");
    if (strncmp(c->public_url, "https://", 8) != 0 && strncmp(c->public_url, "http://", 7) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "public_url", "public_url must be http(s)");
    for (i = 0; c->public_url[i]; i++)
        if ((unsigned char)c->public_url[i] <= ' ' || c->public_url[i] == 0x7f)
            return ocop_error_set_field(OCOP_EINVALID, "public_url",
                                        "public_url holds spaces or control characters");
    if (strlen(c->public_url) > 1000)
        return ocop_error_set_field(OCOP_ETOOBIG, "public_url", "public_url is too long");
    return 0;
}

/*
 * Draws text in the largest size from max down to min (half a point at a time) whose
 * wrapped height fits max_h. A text that fits at no size is refused, never clipped.
 */
static int cert__fit(struct pdf__doc *d, const char *text, int font, double max, double min,
                     double x, double *y, double w, double max_h, const struct rgb *c,
                     const char *field)
{
    double size;
    for (size = max; size >= min; size -= 0.5) {
        pdf__setup(d, text, font, size, w, PANGO_ALIGN_CENTER);
        if (pdf__height(d) <= max_h) {
            pdf__show(d, x, *y, c);
            *y += pdf__height(d);
            return 0;
        }
    }
    return ocop_error_set_field(OCOP_EINVALID, field, "%s is too long for the certificate", field);
}

static void cert__frame(struct pdf__doc *d)
{
    double w = d->w, h = d->h, m = 20, g = 29, s = 7;
    int i;

    pdf__rect(d, m, m, w - 2 * m, h - 2 * m, NULL, &C_RED, 4.5);
    pdf__rect(d, m + 5, m + 5, w - 2 * m - 10, h - 2 * m - 10, NULL, &C_RED, 0.8);
    pdf__rect(d, g, g, w - 2 * g, h - 2 * g, NULL, &C_GOLD, 1.6);
    /* gold diamonds at the inner corners, a faint star behind the centre */
    for (i = 0; i < 4; i++) {
        double cx = (i % 2) ? w - g : g, cy = (i / 2) ? h - g : g;
        cairo_move_to(d->cr, cx, cy - s);
        cairo_line_to(d->cr, cx + s, cy);
        cairo_line_to(d->cr, cx, cy + s);
        cairo_line_to(d->cr, cx - s, cy);
        cairo_close_path(d->cr);
        pdf__rgb(d, &C_GOLD);
        cairo_fill(d->cr);
    }
    cairo_push_group(d->cr);
    pdf__star(d, w / 2, h / 2 + 30, 190);
    cairo_pop_group_to_source(d->cr);
    cairo_paint_with_alpha(d->cr, 0.045);
}

/* The two heading blocks: issuer and number on the left, the national motto on the right. */
static int cert__heading(struct pdf__doc *d, const struct ocop_pdf_certificate *c)
{
    double lx = 52, lw = 320, rw = 330, rx = d->w - 52 - rw, y = 46, tw;
    char *upper = g_utf8_strup(c->issuer, -1);
    char *num = g_strconcat("Số / No.: ", c->number, NULL);
    int rc;

    rc = cert__fit(d, upper, F_SANS | F_BOLD, 11, 7, lx, &y, lw, 30, &C_INK, "issuer");
    if (!rc) {
        pdf__line(d, lx + lw / 2 - 40, y + 4, lx + lw / 2 + 40, y + 4, 0.8, &C_INK);
        y += 9;
        rc = cert__fit(d, num, F_SANS, 10, 7, lx, &y, lw, 28, &C_INK, "number");
    }
    y = 46;
    y += pdf__text(d, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", F_SANS | F_BOLD, 11, rx, y, rw,
                   PANGO_ALIGN_CENTER, &C_INK);
    y += pdf__text(d, "Độc lập - Tự do - Hạnh phúc", F_SANS | F_BOLD, 11.5, rx, y, rw,
                   PANGO_ALIGN_CENTER, &C_INK);
    tw = pdf__width(d);
    pdf__line(d, rx + (rw - tw) / 2, y + 3, rx + (rw + tw) / 2, y + 3, 0.8, &C_INK);
    pdf__text(d, "Socialist Republic of Viet Nam · Independence - Freedom - Happiness",
              F_SANS | F_ITALIC, 7.5, rx, y + 7, rw, PANGO_ALIGN_CENTER, &C_GREY);
    g_free(upper);
    g_free(num);
    return rc;
}

/* Label and value rows of the certificate's middle column, at a given font size. */
static double cert__details(struct pdf__doc *d, const char *const *rows, size_t n, double size,
                            double x, double y, double w)
{
    double lw = w * 0.43, y0 = y;
    size_t i;
    for (i = 0; i + 1 < n; i += 2) {
        double hl, hv;
        hl = pdf__text(d, rows[i], F_SANS, size * 0.9, x, y + size * 0.08, lw - 8,
                       PANGO_ALIGN_RIGHT, &C_GREY);
        hv = pdf__text(d, rows[i + 1], F_SANS | F_BOLD, size, x + lw, y, w - lw, PANGO_ALIGN_LEFT,
                       &C_INK);
        y += (hl > hv ? hl : hv) + size * 0.3;
    }
    return y - y0;
}

/* The centre column: stars, level, details and validity; shrunk to fit above `limit`. */
static int cert__body(struct pdf__doc *d, const struct ocop_pdf_certificate *c, double y,
                      double limit)
{
    char from[16], until[16], dec[16], num[24], score[32], stars[32];
    char *decision = NULL, *valid = NULL, *iso = NULL;
    const char *rows[12];
    double x = 222, w = d->w - 2 * 222, size, sw, tw, h;
    size_t n = 0;
    int dry = d->dry, rc = 0;

    pdf__date_vn(from, sizeof(from), c->valid_from);
    pdf__date_vn(until, sizeof(until), c->valid_until);
    pdf__date_vn(dec, sizeof(dec), c->decision_date);
    snprintf(stars, sizeof(stars), "%d sao · %d stars", c->stars, c->stars);
    decision = g_strconcat("Số ", c->decision_number, " ngày ", dec, NULL);
    valid = g_strconcat("Có giá trị từ: ", from, "   ·   Có giá trị đến: ", until, NULL);
    iso = g_strconcat("Valid from ", c->valid_from, " until ", c->valid_until, NULL);
    rows[n++] = "Nhóm sản phẩm / Product group";
    rows[n++] = c->group_name;
    rows[n++] = "Chủ thể / Producer";
    rows[n++] = c->producer_name;
    rows[n++] = "Địa chỉ / Place";
    rows[n++] = c->place;
    if (c->score >= 0) {
        pdf__num(num, sizeof(num), c->score);
        snprintf(score, sizeof(score), "%s / 100", num);
        rows[n++] = "Điểm đánh giá / Score";
        rows[n++] = score;
    }
    rows[n++] = "Quyết định công nhận / Decision";
    rows[n++] = decision;
    rows[n++] = "Bộ tiêu chí / Ruleset";
    rows[n++] = c->ruleset;

    /* stars and level: fixed size */
    pdf__setup(d, stars, F_SERIF | F_BOLD, 15, -1, PANGO_ALIGN_LEFT);
    tw = pdf__width(d);
    sw = c->stars * 2.3 * 11;
    pdf__stars(d, c->stars, (d->w - sw - 10 - tw) / 2, y + 11, 11);
    pdf__show(d, (d->w - sw - 10 - tw) / 2 + sw + 10, y + 1, &C_DARKRED);
    y += 27;
    y += pdf__text(d,
                   strcmp(c->issuing_level, "central") == 0
                       ? "Sản phẩm OCOP cấp quốc gia · National OCOP product"
                       : "Sản phẩm OCOP cấp tỉnh · Provincial OCOP product",
                   F_SANS | F_ITALIC, 9, x, y, w, PANGO_ALIGN_CENTER, &C_GREY) +
         8;
    /* the details shrink together until they and the validity fit */
    for (size = 10.5; size >= 6.5; size -= 0.5) {
        d->dry = 1;
        h = cert__details(d, (const char *const *)rows, n, size, x, y, w) + 6;
        pdf__setup(d, valid, F_SANS | F_BOLD, size + 0.5, w, PANGO_ALIGN_CENTER);
        h += pdf__height(d) + size * 1.6;
        d->dry = dry;
        if (y + h <= limit)
            break;
    }
    if (size < 6.5) {
        rc = ocop_error_set(OCOP_EINVALID, "the certificate's details are too long for one page");
        goto done;
    }
    y += cert__details(d, (const char *const *)rows, n, size, x, y, w) + 4;
    pdf__line(d, x + w / 2 - 60, y, x + w / 2 + 60, y, 0.6, &C_GOLD);
    y += 5;
    y += pdf__text(d, valid, F_SANS | F_BOLD, size + 0.5, x, y, w, PANGO_ALIGN_CENTER, &C_RED);
    pdf__text(d, iso, F_SANS, size * 0.8, x, y, w, PANGO_ALIGN_CENTER, &C_GREY);
done:
    g_free(decision);
    g_free(valid);
    g_free(iso);
    return rc;
}

/*
 * The link's attributes for cairo_tag_begin: cairo quotes strings in '...' with
 * backslash escapes; a PDF URI is ASCII, so other bytes are percent-encoded (RFC 3987).
 */
static char *cert__link_attr(const char *url, double x, double y, double w, double h)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "rect=[%.2f %.2f %.2f %.2f] uri='", x, y, w, h);
    for (; *url; url++) {
        unsigned char ch = (unsigned char)*url;
        if (ch >= 0x80) {
            g_string_append_printf(s, "%%%02X", ch);
            continue;
        }
        if (ch == '\'' || ch == '\\')
            g_string_append_c(s, '\\');
        g_string_append_c(s, (char)ch);
    }
    g_string_append_c(s, '\'');
    return g_string_free(s, FALSE);
}

/* QR and its URL at the bottom left, the signature block at the bottom right. */
static int cert__footer(struct pdf__doc *d, const struct ocop_pdf_certificate *c)
{
    double q = 100, qx = 62, uw = 150, qy = d->h - 44 - q - 26, sx = d->w - 48 - 170, h;
    char *attr = NULL;
    int rc;

    rc = ocop_qr_draw(d->cr, c->public_url, qx + (uw - q) / 2, qy, q);
    if (rc)
        return rc;
    pdf__setup(d, c->public_url, F_SANS, 6.5, uw, PANGO_ALIGN_CENTER);
    h = pdf__height(d);
    if (h > 30) /* a URL this long would not be typed anyway: smaller, never cut */
        pdf__setup(d, c->public_url, F_SANS, 5, uw, PANGO_ALIGN_CENTER);
    h = pdf__height(d);
    if (h > 40)
        return ocop_error_set_field(OCOP_EINVALID, "public_url", "public_url is too long");
    pdf__show(d, qx, qy + q + 1, &C_GREY);
    attr = cert__link_attr(c->public_url, qx, qy, uw, q + 1 + h);
    cairo_tag_begin(d->cr, CAIRO_TAG_LINK, attr);
    cairo_tag_end(d->cr, CAIRO_TAG_LINK);
    g_free(attr);
    pdf__text(d, "Tra cứu / Verify", F_SANS | F_BOLD, 7, qx, qy - 11, uw, PANGO_ALIGN_CENTER,
              &C_DARKRED);

    h = qy + 4;
    h += pdf__text(d, "ĐẠI DIỆN CƠ QUAN CẤP", F_SANS | F_BOLD, 10, sx, h, 170, PANGO_ALIGN_CENTER,
                   &C_INK);
    h += pdf__text(d, "On behalf of the issuer", F_SANS | F_ITALIC, 8, sx, h, 170,
                   PANGO_ALIGN_CENTER, &C_GREY);
    pdf__text(d, "(Ký tên, đóng dấu / signature and seal)", F_SANS | F_ITALIC, 7, sx, h + 2, 170,
              PANGO_ALIGN_CENTER, &C_GREY);
    return 0;
}

int ocop_pdf_certificate(char **out, size_t *len, const struct ocop_pdf_certificate *c)
{
    struct pdf__doc d;
    char *title = NULL;
    double y;
    int rc;

    *out = NULL;
    *len = 0;
    rc = cert__check(c);
    if (rc)
        return rc;
    title = g_strconcat("Giấy chứng nhận sản phẩm OCOP – ", c->product_name, NULL);
    rc = pdf__open(&d, PDF__A4_H, PDF__A4_W, title);
    if (rc)
        goto done;
    cert__frame(&d);
    rc = cert__heading(&d, c);
    if (rc)
        goto done;
    y = 118;
    y += pdf__text(&d, "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP", F_SERIF | F_BOLD, 25, 40, y, d.w - 80,
                   PANGO_ALIGN_CENTER, &C_RED);
    pdf__setup(&d, "OCOP PRODUCT CERTIFICATE", F_SANS | F_BOLD, 10, d.w - 80, PANGO_ALIGN_CENTER);
    pdf__spacing(&d, 3.5);
    pdf__show(&d, 40, y, &C_GOLD);
    y += pdf__height(&d) + 10;
    y += pdf__text(&d, "Chứng nhận sản phẩm · This certifies the product", F_SANS | F_ITALIC, 9.5,
                   40, y, d.w - 80, PANGO_ALIGN_CENTER, &C_GREY) +
         2;
    rc = cert__fit(&d, c->product_name, F_SERIF | F_BOLD, 30, 13, 70, &y, d.w - 140, 78, &C_DARKRED,
                   "product_name");
    if (!rc)
        rc = cert__body(&d, c, y + 8, d.h - 46);
    if (!rc)
        rc = cert__footer(&d, c);
    if (!rc)
        cairo_show_page(d.cr);
done:
    rc = pdf__close(&d, out, len, rc);
    g_free(title);
    return rc;
}

/* ---- score sheets ---- */

enum sheet__kind {
    ROW_TITLE,
    ROW_INFO,
    ROW_HEAD,
    ROW_PLAIN,
    ROW_PART,
    ROW_SECTION,
    ROW_SUBTOTAL,
    ROW_TOTAL,
    ROW_CAP
};

static const struct {
    int font;
    double size;
    const struct rgb *fill, *ink;
} sheet__style[] = {
    [ROW_TITLE] = {F_SERIF | F_BOLD, 17, NULL, &C_RED},
    [ROW_INFO] = {F_SANS | F_BOLD, 9.5, NULL, &C_INK},
    [ROW_HEAD] = {F_SANS | F_BOLD, 7.5, &C_RED, &C_WHITE},
    [ROW_PLAIN] = {F_SANS, 8.5, NULL, &C_INK},
    [ROW_PART] = {F_SANS | F_BOLD, 9, &C_TINT_RED, &C_DARKRED},
    [ROW_SECTION] = {F_SANS | F_BOLD, 8.5, &C_TINT_GOLD, &C_INK},
    [ROW_SUBTOTAL] = {F_SANS | F_BOLD, 8.5, &C_TINT_GREY, &C_INK},
    [ROW_TOTAL] = {F_SANS | F_BOLD, 10, &C_TINT_GOLD, &C_DARKRED},
    [ROW_CAP] = {F_SANS, 8.5, &C_TINT_GOLD, &C_INK},
};

#define SHEET__COLS 4
#define SHEET__PAD 4.0  /* horizontal cell padding */
#define SHEET__PADV 3.2 /* vertical cell padding */

struct sheet__table {
    size_t ncols;
    double x[SHEET__COLS + 1]; /* column edges */
    PangoAlignment align[SHEET__COLS];
    const char *head[SHEET__COLS]; /* repeated at the top of each page; head[0] NULL: none */
    int borders;
};

/* One row: cells[i] NULL merges cell i into the one on its left; `note` goes under cell 1. */
struct sheet__row {
    const char *cells[SHEET__COLS];
    const char *note;
    enum sheet__kind kind;
};

static void sheet__table_init(struct sheet__table *t, const struct pdf__doc *d, size_t ncols,
                              const double *widths, int borders)
{
    size_t i;
    double rest = d->w - d->left - d->right;
    memset(t, 0, sizeof(*t));
    t->ncols = ncols;
    t->borders = borders;
    for (i = 0; i < ncols; i++)
        if (widths[i] > 0)
            rest -= widths[i];
    t->x[0] = d->left;
    for (i = 0; i < ncols; i++) {
        t->x[i + 1] = t->x[i] + (widths[i] > 0 ? widths[i] : rest); /* 0: the flexible one */
        t->align[i] = PANGO_ALIGN_LEFT;
    }
}

static size_t sheet__span(const struct sheet__table *t, const struct sheet__row *r, size_t i)
{
    size_t end = i + 1;
    while (end < t->ncols && !r->cells[end])
        end++;
    return end;
}

static const struct rgb *sheet__cell_setup(struct pdf__doc *d, const struct sheet__table *t,
                                           const struct sheet__row *r, size_t i, size_t end)
{
    int font = sheet__style[r->kind].font;
    double size = sheet__style[r->kind].size;
    const struct rgb *ink = sheet__style[r->kind].ink;

    if (i == 0 && r->kind == ROW_INFO) {
        font = F_SANS;
        size = 8.5;
        ink = &C_GREY;
    } else if (i == 0 && r->kind == ROW_CAP) {
        font = F_SANS | F_BOLD;
        ink = &C_DARKRED;
    }
    pdf__setup_note(d, r->cells[i], i == 1 ? r->note : NULL, font, size,
                    t->x[end] - t->x[i] - 2 * SHEET__PAD, t->align[i]);
    return ink;
}

static double sheet__measure(struct pdf__doc *d, const struct sheet__table *t,
                             const struct sheet__row *r)
{
    double h = 0;
    size_t i, end;
    for (i = 0; i < t->ncols; i = end) {
        end = sheet__span(t, r, i);
        if (!r->cells[i])
            continue;
        sheet__cell_setup(d, t, r, i, end);
        if (pdf__height(d) > h)
            h = pdf__height(d);
    }
    return h + 2 * SHEET__PADV;
}

/* Draws a row at d->y without looking at the page's end; returns its height. */
static double sheet__put(struct pdf__doc *d, const struct sheet__table *t,
                         const struct sheet__row *r)
{
    double h = sheet__measure(d, t, r);
    size_t i, end;

    if (sheet__style[r->kind].fill)
        pdf__rect(d, t->x[0], d->y, t->x[t->ncols] - t->x[0], h, sheet__style[r->kind].fill, NULL,
                  0);
    for (i = 0; i < t->ncols; i = end) {
        end = sheet__span(t, r, i);
        if (!r->cells[i])
            continue;
        pdf__show(d, t->x[i] + SHEET__PAD, d->y + SHEET__PADV, sheet__cell_setup(d, t, r, i, end));
        if (t->borders)
            pdf__rect(d, t->x[i], d->y, t->x[end] - t->x[i], h, NULL, &C_RULE, 0.5);
    }
    d->y += h;
    return h;
}

static void sheet__head(struct pdf__doc *d, const struct sheet__table *t)
{
    struct sheet__row r = {{NULL}, NULL, ROW_HEAD};
    memcpy(r.cells, t->head, sizeof(r.cells));
    sheet__put(d, t, &r);
}

/* The running header and footer of every page. */
static void sheet__chrome(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    double w = d->w - d->left - d->right;
    char page[64], *head, *foot;

    if (d->dry)
        return;
    snprintf(page, sizeof(page), "Trang %d/%d · Page %d of %d", d->page, d->npages, d->page,
             d->npages);
    head = g_strconcat(s->title, " · ", s->product_name, " · ",
                       s->member ? s->member : "Tổng hợp / Summary", NULL);
    foot = g_strconcat("Bộ tiêu chí / Criteria set: ", s->criteria_set, " · ", s->ruleset, NULL);
    pdf__setup(d, head, F_SANS, 7.5, w, PANGO_ALIGN_LEFT);
    pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_END); /* the whole text is on page 1 */
    pango_layout_set_single_paragraph_mode(d->layout, TRUE);
    pdf__show(d, d->left, 24, &C_GREY);
    pdf__line(d, d->left, 36, d->w - d->right, 36, 0.8, &C_RED);
    pdf__line(d, d->left, 37.6, d->w - d->right, 37.6, 0.4, &C_GOLD);
    pdf__setup(d, foot, F_SANS, 7, w - 130, PANGO_ALIGN_LEFT);
    pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_single_paragraph_mode(d->layout, TRUE);
    pdf__show(d, d->left, d->h - 32, &C_GREY);
    pdf__line(d, d->left, d->h - 36, d->w - d->right, d->h - 36, 0.4, &C_RULE);
    pdf__text(d, page, F_SANS, 7, d->w - d->right - 130, d->h - 32, 130, PANGO_ALIGN_RIGHT,
              &C_GREY);
    g_free(head);
    g_free(foot);
}

static int sheet__new_page(struct pdf__doc *d)
{
    if (d->page >= PDF__MAX_PAGES)
        return ocop_error_set(OCOP_ETOOBIG, "the sheet would be over %d pages", PDF__MAX_PAGES);
    if (d->page > 0 && !d->dry)
        cairo_show_page(d->cr);
    d->page++;
    sheet__chrome(d);
    d->y = d->top;
    if (d->table && d->table->head[0])
        sheet__head(d, d->table);
    d->body_top = d->y;
    return 0;
}

/* Starts a new page unless h more points fit on this one (or this one is still empty). */
static int sheet__need(struct pdf__doc *d, double h)
{
    if (d->y + h <= d->bottom || d->y <= d->body_top + 0.01)
        return 0;
    return sheet__new_page(d);
}

/*
 * Adds a row, after a page break when it does not fit; `keep` more points must fit
 * after it (a heading stays with what follows). A row taller than a page is refused.
 */
static int sheet__row(struct pdf__doc *d, const struct sheet__table *t, const struct sheet__row *r,
                      double keep)
{
    double h = sheet__measure(d, t, r);
    int rc = sheet__need(d, h + keep);
    if (rc)
        return rc;
    if (d->y + h > d->bottom)
        return ocop_error_set(OCOP_EINVALID, "a text of the sheet is too long for one page");
    sheet__put(d, t, r);
    return 0;
}

static int sheet__table_begin(struct pdf__doc *d, const struct sheet__table *t, double keep)
{
    struct sheet__row r = {{NULL}, NULL, ROW_HEAD};
    int rc;
    memcpy(r.cells, t->head, sizeof(r.cells));
    d->table = NULL;
    rc = sheet__need(d, sheet__measure(d, t, &r) + keep);
    if (!rc) {
        sheet__put(d, t, &r);
        d->table = t;
    }
    return rc;
}

static void sheet__table_end(struct pdf__doc *d, double gap)
{
    d->table = NULL;
    d->y += gap;
}

/* Title and the facts of the evaluation. */
static int sheet__intro(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double wt[] = {0}, wi[] = {170, 0};
    struct sheet__table tt, ti;
    struct sheet__row r = {{NULL}, NULL, ROW_TITLE};
    const char *const info[][2] = {
        {"Sản phẩm / Product", s->product_name},
        {"Chủ thể / Producer", s->producer_name},
        {"Địa chỉ / Place", s->place},
        {"Bộ tiêu chí / Criteria set", s->criteria_set},
        {"Căn cứ / Ruleset", s->ruleset},
        {"Phiên họp hội đồng / Council session", s->session},
        {"Thành viên chấm / Council member", s->member},
    };
    size_t i;
    int rc;

    sheet__table_init(&tt, d, 1, wt, 0);
    tt.align[0] = PANGO_ALIGN_CENTER;
    r.cells[0] = s->title;
    rc = sheet__row(d, &tt, &r, 0);
    if (rc)
        return rc;
    d->y += pdf__text(d,
                      s->member ? "Phiếu chấm điểm của thành viên hội đồng · Council member's "
                                  "score sheet"
                                : "Kết quả tổng hợp của hội đồng · Council summary sheet",
                      F_SANS | F_ITALIC, 9, d->left, d->y, d->w - d->left - d->right,
                      PANGO_ALIGN_CENTER, &C_GREY) +
            10;
    sheet__table_init(&ti, d, 2, wi, 0);
    for (i = 0; i < sizeof(info) / sizeof(info[0]); i++) {
        struct sheet__row ri = {{info[i][0], info[i][1]}, NULL, ROW_INFO};
        if (!info[i][1] || !*info[i][1])
            continue;
        rc = sheet__row(d, &ti, &ri, 0);
        if (rc)
            return rc;
    }
    pdf__line(d, d->left, d->y + 6, d->w - d->right, d->y + 6, 0.6, &C_GOLD);
    d->y += 16;
    return 0;
}

/* The summary's table of members' totals and their average. */
static int sheet__members(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double w[] = {44, 0, 90};
    struct sheet__table t;
    char no[24], total[32];
    size_t i;
    int rc;

    sheet__table_init(&t, d, 3, w, 1);
    t.align[0] = t.align[2] = PANGO_ALIGN_CENTER;
    t.head[0] = "STT / No.";
    t.head[1] = "Thành viên hội đồng / Council member";
    t.head[2] = "Tổng điểm / Total";
    rc = sheet__table_begin(d, &t, 20);
    for (i = 0; !rc && i < s->nmembers; i++) {
        struct sheet__row r = {{no, s->member_names[i], total}, NULL, ROW_PLAIN};
        snprintf(no, sizeof(no), "%zu", i + 1);
        pdf__num(total, sizeof(total), s->member_totals[i]);
        rc = sheet__row(d, &t, &r, 0);
    }
    if (!rc) {
        struct sheet__row r = {{"", "Điểm trung bình / Average", total}, NULL, ROW_TOTAL};
        pdf__num(total, sizeof(total), s->total);
        rc = sheet__row(d, &t, &r, 0);
    }
    sheet__table_end(d, 14);
    return rc;
}

/* Row cells laid out for the criteria table: code, text (over the option column when
 * there is no option), the option (a member's sheet), points. */
static void sheet__cells(struct sheet__row *r, const struct sheet__table *t, const char *code,
                         const char *text, const char *option, const char *points)
{
    size_t last = t->ncols - 1;
    memset(r->cells, 0, sizeof(r->cells));
    r->cells[0] = code;
    r->cells[1] = text;
    if (t->ncols == 4)
        r->cells[2] = option;
    r->cells[last] = points;
}

static int sheet__section(struct pdf__doc *d, const struct sheet__table *t,
                          const struct ocop_pdf_section *sec)
{
    char pts[64], num[32];
    double sum = 0;
    struct sheet__row r = {{NULL}, NULL, ROW_SECTION};
    size_t k;
    int rc;

    for (k = 0; k < sec->ncriteria; k++)
        sum += sec->criteria[k].points;
    pdf__num(num, sizeof(num), sum);
    snprintf(pts, sizeof(pts), "%s / %d", num, sec->max);
    sheet__cells(&r, t, sec->code, sec->name, NULL, pts);
    rc = sheet__row(d, t, &r, 24);
    for (k = 0; !rc && k < sec->ncriteria; k++) {
        const struct ocop_pdf_criterion *c = &sec->criteria[k];
        struct sheet__row rc_row = {{NULL}, c->illustrative ? ILLUSTRATIVE : NULL, ROW_PLAIN};
        pdf__num(num, sizeof(num), c->points);
        snprintf(pts, sizeof(pts), "%s / %d", num, c->max);
        sheet__cells(&rc_row, t, c->code, c->text,
                     c->option_text && *c->option_text ? c->option_text : "—", pts);
        rc = sheet__row(d, t, &rc_row, 0);
    }
    return rc;
}

static int sheet__part(struct pdf__doc *d, const struct sheet__table *t,
                       const struct ocop_pdf_part *p)
{
    char *head = g_strdup_printf("PHẦN %s · %s (tối đa %d điểm / max %d points)", p->code, p->name,
                                 p->max, p->max);
    char *sub = g_strdup_printf("Cộng phần %s / Part %s subtotal", p->code, p->code);
    char pts[64], num[32];
    struct sheet__row r = {{NULL}, NULL, ROW_PART};
    size_t j;
    int rc;

    sheet__cells(&r, t, p->code, head, NULL, "");
    rc = sheet__row(d, t, &r, 48);
    for (j = 0; !rc && j < p->nsections; j++)
        rc = sheet__section(d, t, &p->sections[j]);
    if (!rc) {
        pdf__num(num, sizeof(num), p->points);
        snprintf(pts, sizeof(pts), "%s / %d", num, p->max);
        r.kind = ROW_SUBTOTAL;
        sheet__cells(&r, t, "", sub, NULL, pts);
        rc = sheet__row(d, t, &r, 0);
    }
    g_free(head);
    g_free(sub);
    return rc;
}

static int sheet__criteria(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double wm[] = {40, 0, 150, 62}, ws[] = {40, 0, 84};
    struct sheet__table t;
    struct sheet__row r = {{NULL}, NULL, ROW_TOTAL};
    char pts[64], num[32];
    size_t i;
    int max = 0, rc;

    if (s->member)
        sheet__table_init(&t, d, 4, wm, 1);
    else
        sheet__table_init(&t, d, 3, ws, 1);
    t.align[t.ncols - 1] = PANGO_ALIGN_CENTER;
    t.head[0] = "Mã / Code";
    t.head[1] = "Tiêu chí / Criterion";
    if (s->member)
        t.head[2] = "Mức đạt / Option chosen";
    t.head[t.ncols - 1] = s->member ? "Điểm / Points" : "Điểm TB / Average";
    rc = sheet__table_begin(d, &t, 60);
    for (i = 0; !rc && i < s->nparts; i++) {
        rc = sheet__part(d, &t, &s->parts[i]);
        max += s->parts[i].max;
    }
    if (!rc) {
        pdf__num(num, sizeof(num), s->total);
        snprintf(pts, sizeof(pts), "%s / %d", num, max);
        sheet__cells(&r, &t, "", "TỔNG ĐIỂM / TOTAL SCORE", NULL, pts);
        rc = sheet__row(d, &t, &r, 0);
    }
    sheet__table_end(d, 14);
    return rc;
}

/* Stars (or "not yet classified"), then the cap note. */
static int sheet__result(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double w[] = {150, 0};
    char text[48];
    double x = d->left;
    int rc = sheet__need(d, 30);

    if (rc)
        return rc;
    pdf__text(d, "Xếp hạng / Classification:", F_SANS | F_BOLD, 10, x, d->y + 3, -1,
              PANGO_ALIGN_LEFT, &C_INK);
    x += pdf__width(d) + 10;
    if (s->stars > 0) {
        x += pdf__stars(d, s->stars, x, d->y + 10.5, 8) + 8;
        snprintf(text, sizeof(text), "%d sao / %d stars", s->stars, s->stars);
        pdf__text(d, text, F_SANS | F_BOLD, 11, x, d->y + 2, -1, PANGO_ALIGN_LEFT, &C_DARKRED);
    } else {
        pdf__text(d, "Chưa xếp hạng / not yet classified", F_SANS | F_ITALIC, 10, x, d->y + 3, -1,
                  PANGO_ALIGN_LEFT, &C_GREY);
    }
    d->y += 28;
    if (s->cap_note && *s->cap_note) {
        struct sheet__table t;
        struct sheet__row r = {{"Giới hạn hạng sao / Star cap", s->cap_note}, NULL, ROW_CAP};
        sheet__table_init(&t, d, 2, w, 1);
        rc = sheet__row(d, &t, &r, 0);
        d->y += 10;
    }
    return rc;
}

/* Signature blocks: the member (score sheet), or the secretary and the chair (summary). */
static int sheet__signatures(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    double cw = (d->w - d->left - d->right) / 2, h = 0, y;
    int rc, i;

    if (s->member) {
        pdf__setup(d, s->member, F_SANS | F_BOLD, 10, cw, PANGO_ALIGN_CENTER);
        h = pdf__height(d);
    }
    rc = sheet__need(d, 96 + h);
    if (rc)
        return rc;
    if (d->y + 96 + h > d->bottom)
        return ocop_error_set_field(OCOP_EINVALID, "member", "member is too long for the sheet");
    y = d->y + 14;
    for (i = s->member ? 1 : 0; i < 2; i++) {
        const char *who = s->member ? "THÀNH VIÊN HỘI ĐỒNG / COUNCIL MEMBER"
                          : i == 0  ? "THƯ KÝ HỘI ĐỒNG / SECRETARY"
                                    : "CHỦ TỊCH HỘI ĐỒNG / CHAIR";
        double x = d->left + i * cw;
        double yy = y + pdf__text(d, who, F_SANS | F_BOLD, 9, x, y, cw, PANGO_ALIGN_CENTER, &C_INK);
        pdf__text(d, "(Ký, ghi rõ họ tên / signature and full name)", F_SANS | F_ITALIC, 7.5, x, yy,
                  cw, PANGO_ALIGN_CENTER, &C_GREY);
        if (s->member)
            pdf__text(d, s->member, F_SANS | F_BOLD, 10, x, y + 80, cw, PANGO_ALIGN_CENTER, &C_INK);
    }
    d->y += 96 + h;
    return 0;
}

/* The whole sheet; run once dry (to count pages), once for real. */
static int sheet__body(struct pdf__doc *d)
{
    int rc = sheet__new_page(d);
    if (!rc)
        rc = sheet__intro(d);
    if (!rc && !d->sheet->member && d->sheet->nmembers > 0)
        rc = sheet__members(d);
    if (!rc)
        rc = sheet__criteria(d);
    if (!rc)
        rc = sheet__result(d);
    if (!rc)
        rc = sheet__signatures(d);
    return rc;
}

/* Adds n rows to the count of a sheet's rows, refusing sheets of absurd size. */
static int sheet__count(size_t *items, size_t n)
{
    if (n > PDF__MAX_ITEMS - *items)
        return ocop_error_set_field(OCOP_ETOOBIG, "parts", "the sheet has too many rows");
    *items += n;
    return 0;
}

static int sheet__check_criteria(const struct ocop_pdf_section *sec, size_t i, size_t j,
                                 size_t *items)
{
    char f[112];
    size_t k;
    int rc = 0;

    snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria", i, j);
    if (sec->ncriteria && !sec->criteria)
        return ocop_error_set_field(OCOP_EINVALID, f, "%s is missing", f);
    rc = sheet__count(items, sec->ncriteria);
    for (k = 0; !rc && k < sec->ncriteria; k++) {
        const struct ocop_pdf_criterion *c = &sec->criteria[k];
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].code", i, j, k);
        rc = pdf__check(c->code, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].text", i, j, k);
        if (!rc)
            rc = pdf__check(c->text, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].option", i, j, k);
        if (!rc)
            rc = pdf__check(c->option_text, f, 0);
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].points", i, j, k);
        if (!rc && (c->max < 0 || c->max > 1000))
            rc = ocop_error_set_field(OCOP_EINVALID, f, "a criterion's maximum is out of range");
        if (!rc)
            rc = pdf__check_points(c->points, c->max, f);
    }
    return rc;
}

static int sheet__check_parts(const struct ocop_pdf_sheet *s, int *max)
{
    char f[112];
    size_t i, j, items = 0;
    int rc = 0;

    if (!s->parts || !s->nparts)
        return ocop_error_set_field(OCOP_EINVALID, "parts", "the sheet has no parts");
    *max = 0;
    rc = sheet__count(&items, s->nparts);
    for (i = 0; !rc && i < s->nparts; i++) {
        const struct ocop_pdf_part *p = &s->parts[i];
        snprintf(f, sizeof(f), "parts[%zu].code", i);
        rc = pdf__check(p->code, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].name", i);
        if (!rc)
            rc = pdf__check(p->name, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].max", i);
        if (!rc && (p->max <= 0 || p->max > 1000))
            rc = ocop_error_set_field(OCOP_EINVALID, f, "a part's maximum is out of range");
        snprintf(f, sizeof(f), "parts[%zu].points", i);
        if (!rc)
            rc = pdf__check_points(p->points, p->max, f);
        if (!rc && p->nsections && !p->sections) {
            snprintf(f, sizeof(f), "parts[%zu].sections", i);
            rc = ocop_error_set_field(OCOP_EINVALID, f, "%s is missing", f);
        }
        if (!rc)
            rc = sheet__count(&items, p->nsections);
        for (j = 0; !rc && j < p->nsections; j++) {
            const struct ocop_pdf_section *sec = &p->sections[j];
            snprintf(f, sizeof(f), "parts[%zu].sections[%zu].code", i, j);
            rc = pdf__check(sec->code, f, 1);
            snprintf(f, sizeof(f), "parts[%zu].sections[%zu].name", i, j);
            if (!rc)
                rc = pdf__check(sec->name, f, 1);
            snprintf(f, sizeof(f), "parts[%zu].sections[%zu].max", i, j);
            if (!rc && (sec->max < 0 || sec->max > 1000))
                rc = ocop_error_set_field(OCOP_EINVALID, f, "a section's maximum is out of range");
            if (!rc)
                rc = sheet__check_criteria(sec, i, j, &items);
        }
        *max += p->max;
    }
    return rc;
}

static int sheet__check(const struct ocop_pdf_sheet *s)
{
    char f[64];
    size_t i;
    int max = 0, rc;

    if (!s)
        return ocop_error_set(OCOP_EINVALID, "no sheet");
    rc = pdf__check(s->title, "title", 1);
    if (!rc)
        rc = pdf__check(s->product_name, "product_name", 1);
    if (!rc)
        rc = pdf__check(s->producer_name, "producer_name", 1);
    if (!rc)
        rc = pdf__check(s->criteria_set, "criteria_set", 1);
    if (!rc)
        rc = pdf__check(s->ruleset, "ruleset", 1);
    if (!rc)
        rc = pdf__check(s->place, "place", 0);
    if (!rc)
        rc = pdf__check(s->session, "session", 0);
    if (!rc)
        rc = pdf__check(s->member, "member", 0);
    if (!rc)
        rc = pdf__check(s->cap_note, "cap_note", 0);
    if (!rc)
        rc = sheet__check_parts(s, &max);
    if (!rc)
        rc = pdf__check_points(s->total, max, "total");
    if (!rc && (s->stars < 0 || s->stars > 5))
        rc = ocop_error_set_field(OCOP_EINVALID, "stars", "stars must be 0 to 5");
    if (rc || s->member || !s->nmembers)
        return rc;
    if (!s->member_names || !s->member_totals || s->nmembers > PDF__MAX_ITEMS)
        return ocop_error_set_field(OCOP_EINVALID, "members", "the members' totals are missing");
    for (i = 0; !rc && i < s->nmembers; i++) {
        snprintf(f, sizeof(f), "member_names[%zu]", i);
        rc = pdf__check(s->member_names[i], f, 1);
        snprintf(f, sizeof(f), "member_totals[%zu]", i);
        if (!rc)
            rc = pdf__check_points(s->member_totals[i], max, f);
    }
    return rc;
}

int ocop_pdf_sheet(char **out, size_t *len, const struct ocop_pdf_sheet *s)
{
    struct pdf__doc d;
    char *title = NULL;
    int rc;

    *out = NULL;
    *len = 0;
    rc = sheet__check(s);
    if (rc)
        return rc;
    title = g_strconcat(s->title, " – ", s->product_name, NULL);
    rc = pdf__open(&d, PDF__A4_W, PDF__A4_H, title);
    if (rc)
        goto done;
    d.sheet = s;
    d.left = d.right = 42;
    d.top = 50;
    d.bottom = d.h - 46;
    d.dry = 1;
    rc = sheet__body(&d);
    if (!rc) {
        d.npages = d.page;
        d.page = 0;
        d.dry = 0;
        d.table = NULL;
        rc = sheet__body(&d);
    }
    if (!rc)
        cairo_show_page(d.cr);
done:
    rc = pdf__close(&d, out, len, rc);
    g_free(title);
    return rc;
}
