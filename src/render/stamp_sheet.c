/* stamp_sheet.c: A4 stamp sheets on cairo's PDF surface, page by page. */
#include "render/stamp_sheet.h"
#include "render/qr.h"
#include "core/error.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define COLS 5
#define ROWS 7
#define CELL_W (38 * MM)
#define CELL_H (40 * MM)
#define QR_SIZE (27 * MM)

struct ocop_stamp_sheet {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *label, *serial; /* the label is shaped once; the serial per stamp */
    int cell;                     /* next cell on the page */
    int rc;
};

static PangoLayout *sheet__layout(cairo_t *cr, const char *font, int width)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, width * PANGO_SCALE);
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    return l;
}

int ocop_stamp_sheet_open(struct ocop_stamp_sheet **out, const char *path, const char *label,
                          int stars)
{
    struct ocop_stamp_sheet *s;
    char text[256];
    static const char *const star_text[] = {"", "★", "★★", "★★★", "★★★★", "★★★★★"};

    *out = NULL;
    if (!label || !*label || stars < 1 || stars > 5)
        return ocop_error_set(OCOP_EINVALID, "a stamp sheet needs a label and 1 to 5 stars");
    if (!(s = calloc(1, sizeof(*s))))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    s->surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(s->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s->surface);
        free(s);
        return ocop_error_set(OCOP_ERROR, "cannot write the stamp sheet file");
    }
    cairo_pdf_surface_set_metadata(s->surface, CAIRO_PDF_METADATA_TITLE, "Tem OCOP / OCOP stamps");
    s->cr = cairo_create(s->surface);
    s->label = sheet__layout(s->cr, "Noto Sans Bold 7", (int)(CELL_W - 4 * MM));
    s->serial = sheet__layout(s->cr, "Noto Sans Mono 6", (int)(CELL_W - 2 * MM));
    snprintf(text, sizeof(text), "%s  %s", label, star_text[stars]);
    pango_layout_set_text(s->label, text, -1);
    *out = s;
    return 0;
}

int ocop_stamp_sheet_add(struct ocop_stamp_sheet *s, const char *uri, const char *serial)
{
    struct ocop_qr *qr = NULL;
    int rc;
    if (s->rc)
        return s->rc;
    if ((rc = ocop_qr_new(&qr, uri, OCOP_QR_ECC_M)) != 0)
        return s->rc = rc;
    rc = ocop_stamp_sheet_add_qr(s, qr, serial);
    ocop_qr_free(qr);
    return rc;
}

int ocop_stamp_sheet_add_qr(struct ocop_stamp_sheet *s, const struct ocop_qr *qr,
                            const char *serial)
{
    int col, row;
    double x, y;

    if (s->rc)
        return s->rc;
    if (s->cell == COLS * ROWS) {
        cairo_show_page(s->cr);
        s->cell = 0;
    }
    col = s->cell % COLS;
    row = s->cell / COLS;
    x = (PAGE_W - COLS * CELL_W) / 2 + col * CELL_W;
    y = (PAGE_H - ROWS * CELL_H) / 2 + row * CELL_H;
    /* a thin cutting guide */
    cairo_set_source_rgb(s->cr, 0.8, 0.8, 0.8);
    cairo_set_line_width(s->cr, 0.3);
    cairo_rectangle(s->cr, x, y, CELL_W, CELL_H);
    cairo_stroke(s->cr);
    if (ocop_qr_paint_image(s->cr, qr, x + (CELL_W - QR_SIZE) / 2, y + 1.5 * MM, QR_SIZE))
        return s->rc = ocop_error_set(OCOP_ERROR, "cannot draw a QR code");
    cairo_set_source_rgb(s->cr, 0.698, 0.094, 0.122);
    cairo_move_to(s->cr, x + 2 * MM, y + QR_SIZE + 2 * MM);
    pango_cairo_show_layout(s->cr, s->label);
    cairo_set_source_rgb(s->cr, 0.1, 0.1, 0.1);
    pango_layout_set_text(s->serial, serial, -1);
    cairo_move_to(s->cr, x + 1 * MM, y + QR_SIZE + 6.5 * MM);
    pango_cairo_show_layout(s->cr, s->serial);
    s->cell++;
    return 0;
}

int ocop_stamp_sheet_close(struct ocop_stamp_sheet *s)
{
    int rc;
    if (!s)
        return 0;
    rc = s->rc;
    g_object_unref(s->label);
    g_object_unref(s->serial);
    cairo_destroy(s->cr);
    cairo_surface_finish(s->surface);
    if (rc == 0 && cairo_surface_status(s->surface) != CAIRO_STATUS_SUCCESS)
        rc = ocop_error_set(OCOP_ERROR, "cannot finish the stamp sheet file");
    cairo_surface_destroy(s->surface);
    free(s);
    return rc;
}
