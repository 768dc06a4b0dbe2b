/* qr.c: QR symbols from libqrencode, painted with cairo or written as SVG and PNG. */
#include "render/qr.h"
#include "core/error.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

static QRecLevel qr__level(enum ocop_qr_ecc ecc)
{
    switch (ecc) {
    case OCOP_QR_ECC_L:
        return QR_ECLEVEL_L;
    case OCOP_QR_ECC_Q:
        return QR_ECLEVEL_Q;
    case OCOP_QR_ECC_H:
        return QR_ECLEVEL_H;
    case OCOP_QR_ECC_M:
    default:
        return QR_ECLEVEL_M;
    }
}

/* 1 when any byte is outside ASCII. */
static int qr__non_ascii(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/*
 * Text with non-ASCII bytes gets the UTF-8 ECI header (designator 26) first: without it
 * readers guess the byte mode's character set (zbar takes Vietnamese for Shift JIS).
 * Plain ASCII goes without, as every reader has always read it.
 */
static QRcode *qr__encode(const char *text, size_t len, QRecLevel level)
{
    QRinput *in = QRinput_new2(0, level);
    QRcode *code = NULL;
    if (!in)
        return NULL;
    if ((!qr__non_ascii(text, len) || QRinput_appendECIheader(in, 26) == 0) &&
        QRinput_append(in, QR_MODE_8, (int)len, (const unsigned char *)text) == 0)
        code = QRcode_encodeInput(in);
    QRinput_free(in);
    return code;
}

int ocop_qr_new(struct ocop_qr **out, const char *text, enum ocop_qr_ecc ecc)
{
    QRcode *code = NULL;
    struct ocop_qr *qr = NULL;
    size_t len, n, i;
    int rc = 0;

    *out = NULL;
    if (!text || !*text)
        return ocop_error_set(OCOP_EINVALID, "the QR code's text is empty");
    len = strlen(text);
    if (len > OCOP_QR_TEXT_MAX)
        return ocop_error_set(OCOP_ETOOBIG, "the QR code's text is over %d bytes",
                              OCOP_QR_TEXT_MAX);
    errno = 0;
    code = qr__encode(text, len, qr__level(ecc));
    if (!code) {
        if (errno == ERANGE)
            rc = ocop_error_set(OCOP_ETOOBIG, "the text does not fit a QR code");
        else
            rc = ocop_error_set(OCOP_ERROR, "QR encoding failed");
        goto done;
    }
    n = (size_t)code->width * (size_t)code->width;
    qr = calloc(1, sizeof(*qr));
    if (qr)
        qr->modules = malloc(n);
    if (!qr || !qr->modules) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    qr->version = code->version;
    qr->width = code->width;
    for (i = 0; i < n; i++)
        qr->modules[i] = code->data[i] & 1; /* bit 0: dark; the other bits are internal */
    *out = qr;
    qr = NULL;
done:
    ocop_qr_free(qr);
    if (code)
        QRcode_free(code);
    return rc;
}

void ocop_qr_free(struct ocop_qr *qr)
{
    if (!qr)
        return;
    free(qr->modules);
    free(qr);
}

int ocop_qr_dark(const struct ocop_qr *qr, int x, int y)
{
    if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
        return 0;
    return qr->modules[(size_t)y * (size_t)qr->width + (size_t)x];
}

/* Length of the run of dark modules starting at (x, y), going right. */
static int qr__run(const struct ocop_qr *qr, int x, int y)
{
    int n = 0;
    while (ocop_qr_dark(qr, x + n, y))
        n++;
    return n;
}

void ocop_qr_paint(cairo_t *cr, const struct ocop_qr *qr, double x, double y, double size)
{
    int full = qr->width + 2 * OCOP_QR_QUIET;
    double m = size / full;
    int row, col, run;

    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    /* one path of horizontal runs: no hairline seams between neighbouring modules */
    for (row = 0; row < qr->width; row++) {
        for (col = 0; col < qr->width; col += run ? run : 1) {
            run = qr__run(qr, col, row);
            if (run)
                cairo_rectangle(cr, x + (col + OCOP_QR_QUIET) * m, y + (row + OCOP_QR_QUIET) * m,
                                run * m, m);
        }
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr);
    cairo_restore(cr);
}

int ocop_qr_paint_image(cairo_t *cr, const struct ocop_qr *qr, double x, double y, double size)
{
    int full = qr->width + 2 * OCOP_QR_QUIET, stride, row, col;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_A8, full, full);
    cairo_pattern_t *pat;
    unsigned char *px;

    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(img);
        return -1;
    }
    cairo_surface_flush(img);
    px = cairo_image_surface_get_data(img);
    stride = cairo_image_surface_get_stride(img);
    for (row = 0; row < full; row++)
        for (col = 0; col < full; col++)
            px[row * stride + col] =
                ocop_qr_dark(qr, col - OCOP_QR_QUIET, row - OCOP_QR_QUIET) ? 255 : 0;
    cairo_surface_mark_dirty(img);
    pat = cairo_pattern_create_for_surface(img);
    cairo_pattern_set_filter(pat, CAIRO_FILTER_NEAREST);
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, size / full, size / full);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_mask(cr, pat);
    cairo_restore(cr);
    cairo_pattern_destroy(pat);
    cairo_surface_destroy(img);
    return 0;
}

int ocop_qr_draw(cairo_t *cr, const char *text, double x, double y, double size)
{
    struct ocop_qr *qr = NULL;
    int rc = ocop_qr_new(&qr, text, OCOP_QR_ECC_M);
    if (rc)
        return rc;
    ocop_qr_paint(cr, qr, x, y, size);
    ocop_qr_free(qr);
    return 0;
}

static int qr__size_ok(const char *s)
{
    size_t i;
    if (!*s || strlen(s) > 16)
        return 0;
    for (i = 0; s[i]; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.' || c == '%'))
            return 0;
    }
    return 1;
}

int ocop_qr_svg(struct ocop_buf *out, const struct ocop_qr *qr, const char *size)
{
    int full = qr->width + 2 * OCOP_QR_QUIET;
    size_t before = out->len;
    int row, col, run, rc;

    if (size && !qr__size_ok(size))
        return ocop_error_set(OCOP_EINVALID, "bad SVG size");
    rc = ocop_buf_printf(out,
                         "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                         " shape-rendering=\"crispEdges\"",
                         full, full);
    if (!rc && size)
        rc = ocop_buf_printf(out, " width=\"%s\" height=\"%s\"", size, size);
    if (!rc)
        rc = ocop_buf_printf(out,
                             "><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
                             "<path fill=\"#000\" d=\"",
                             full, full);
    for (row = 0; !rc && row < qr->width; row++) {
        for (col = 0; !rc && col < qr->width; col += run ? run : 1) {
            run = qr__run(qr, col, row);
            if (run)
                rc = ocop_buf_printf(out, "M%d %dh%dv1h-%dz", col + OCOP_QR_QUIET,
                                     row + OCOP_QR_QUIET, run, run);
        }
    }
    if (!rc)
        rc = ocop_buf_puts(out, "\"/></svg>\n");
    if (rc) {
        out->len = before; /* nothing half-written */
        if (out->data)
            out->data[before] = '\0';
    }
    return rc;
}

struct qr__sink {
    struct ocop_buf *out;
    int rc;
};

static cairo_status_t qr__write(void *closure, const unsigned char *data, unsigned int len)
{
    struct qr__sink *sink = closure;
    sink->rc = ocop_buf_put(sink->out, data, len);
    return sink->rc ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int ocop_qr_png(struct ocop_buf *out, const struct ocop_qr *qr, int scale)
{
    cairo_surface_t *img = NULL;
    cairo_t *cr = NULL;
    struct qr__sink sink = {out, 0};
    size_t before = out->len;
    int side, row, col, run, rc = 0;

    if (scale < 1 || scale > 64)
        return ocop_error_set(OCOP_EINVALID, "the PNG scale must be 1 to 64 pixels per module");
    side = (qr->width + 2 * OCOP_QR_QUIET) * scale;
    /* A1 is written as 1-bit greyscale: opaque pixels white, transparent ones black */
    img = cairo_image_surface_create(CAIRO_FORMAT_A1, side, side);
    cr = cairo_create(img);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_rgba(cr, 0, 0, 0, 1);
    cairo_paint(cr);
    for (row = 0; row < qr->width; row++) {
        for (col = 0; col < qr->width; col += run ? run : 1) {
            run = qr__run(qr, col, row);
            if (run)
                cairo_rectangle(cr, (col + OCOP_QR_QUIET) * scale, (row + OCOP_QR_QUIET) * scale,
                                run * scale, scale);
        }
    }
    cairo_set_source_rgba(cr, 0, 0, 0, 0);
    cairo_fill(cr);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        rc = ocop_error_set(OCOP_ERROR, "QR drawing failed");
        goto done;
    }
    cairo_surface_flush(img);
    if (cairo_surface_write_to_png_stream(img, qr__write, &sink) != CAIRO_STATUS_SUCCESS) {
        rc = sink.rc ? sink.rc : ocop_error_set(OCOP_ERROR, "PNG encoding failed");
        out->len = before; /* nothing half-written */
        if (out->data)
            out->data[before] = '\0';
    }
done:
    cairo_destroy(cr);
    cairo_surface_destroy(img);
    return rc;
}
