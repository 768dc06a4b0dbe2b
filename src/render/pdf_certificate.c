/* pdf_certificate.c: the OCOP certificate as PDF, with its QR code (cairo, pangocairo). */
#include "render/pdf_internal.h"
#include "render/qr.h"
#include "core/error.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

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
