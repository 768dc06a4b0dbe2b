/* chart.c: server-drawn SVG charts (bars, stacked bars, lines, a share bar). */
#include "render/chart.h"
#include "core/text.h"
#include "render/html.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 640.0 /* every chart is 640 units wide and scales to its box */
#define FONT "system-ui,-apple-system,'Noto Sans',sans-serif"
#define INK "#1c1c1c"
#define MUTE "#5f5f5f"
#define GRID "#e3e3e3"
#define LABEL_CHARS 28 /* longer category labels are shortened (full text on hover) */

/* ---------------------------------------------------------------- helpers */

static void chart__int(struct ocop_buf *b, double v, char sep)
{
    char s[40];
    ocop_int_grouped(s, sizeof(s), llround(v), sep);
    html_raw(b, s); /* digits and the separator only */
}

/* Counts the characters of a UTF-8 string. */
static int chart__chars(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A category label, shortened to `max` characters (UTF-8 aware) with an ellipsis. */
static void chart__label(struct ocop_buf *b, const char *s, int max)
{
    char tmp[256];
    size_t cut = 0;
    int chars = 0;

    if (!s || chart__chars(s) <= max) {
        html_txt(b, s);
        return;
    }
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue;
        if (chars++ == max - 1) {
            cut = i;
            break;
        }
    }
    while (cut > 0 && s[cut - 1] == ' ')
        cut--;
    if (cut == 0 || cut + 4 > sizeof(tmp)) {
        html_txt(b, s);
        return;
    }
    memcpy(tmp, s, cut);
    memcpy(tmp + cut, "\xE2\x80\xA6", 4); /* an ellipsis and the terminator */
    html_txt(b, tmp);
}

/* A round step for about `want` grid lines up to max (whole numbers). */
static double chart__step(double max, int want)
{
    double raw = (max > 0 ? max : 1) / want, mag = pow(10, floor(log10(raw))), f = raw / mag;
    double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
    return step < 1 ? 1 : step;
}

static void chart__open(struct ocop_buf *b, const struct ocop_chart *c, double h)
{
    html_raw(
        b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ");
    ocop_buf_printf(b, "%.0f %.0f", W, h);
    html_raw(b, "\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"" FONT
                "\" font-size=\"12\" fill=\"" INK "\" id=\"chart-");
    html_attr(b, c->id);
    html_raw(b, "\" aria-label=\"");
    html_attr(b, c->title);
    html_raw(b, "\"><title>");
    html_txt(b, c->title);
    html_raw(b, "</title>");
    if (c->desc) {
        html_raw(b, "<desc>");
        html_txt(b, c->desc);
        html_raw(b, "</desc>");
    }
    html_raw(b, "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
}

static void chart__close(struct ocop_buf *b)
{
    html_raw(b, "</svg>");
}

/* The chart's frame with only a message (no data). */
static int chart__empty(struct ocop_buf *b, const struct ocop_chart *c)
{
    chart__open(b, c, 80);
    html_raw(b, "<text x=\"320\" y=\"45\" text-anchor=\"middle\" fill=\"" MUTE "\">");
    html_txt(b, c->empty ? c->empty : "-");
    html_raw(b, "</text>");
    chart__close(b);
    return 0;
}

static double chart__max(const struct ocop_chart *c, int stacked)
{
    double max = 0;
    for (int i = 0; i < c->n; i++) {
        double sum = 0;
        for (int s = 0; s < c->nseries; s++) {
            double v = c->series[s].values[i];
            sum = stacked ? sum + v : (v > sum ? v : sum);
        }
        max = sum > max ? sum : max;
    }
    return max;
}

static int chart__check(const struct ocop_chart *c)
{
    if (!c || !c->title || !c->id || c->n < 0 || c->nseries < 1 ||
        c->nseries > OCOP_CHART_MAX_SERIES || (c->n && !c->labels))
        return ocop_error_set(OCOP_EINVALID, "a chart needs an id, a title, labels and series");
    for (int s = 0; s < c->nseries; s++)
        if (!c->series[s].values && c->n)
            return ocop_error_set(OCOP_EINVALID, "a chart series has no values");
    return 0;
}

/* "<title>label: value</title>" for a mark's hover text. */
static void chart__tip(struct ocop_buf *b, const char *label, const char *series, double v,
                       char sep)
{
    html_raw(b, "<title>");
    html_txt(b, label);
    if (series) {
        html_raw(b, " \xE2\x80\x94 ");
        html_txt(b, series);
    }
    html_raw(b, ": ");
    chart__int(b, v, sep);
    html_raw(b, "</title>");
}

/* A legend row of colour swatches and series names at (x, y). */
static void chart__legend(struct ocop_buf *b, const struct ocop_chart *c, double x, double y)
{
    for (int s = 0; s < c->nseries; s++) {
        html_raw(b, "<rect width=\"12\" height=\"12\" rx=\"2\" fill=\"");
        html_attr(b, c->series[s].color);
        ocop_buf_printf(b, "\" x=\"%.1f\" y=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\">", x, y - 10,
                        x + 16, y);
        html_txt(b, c->series[s].name);
        html_raw(b, "</text>");
        x += 16 + 7.0 * chart__chars(c->series[s].name) + 20;
    }
}

/* The value axis of a column chart: grid lines and their labels, left of x0. */
static void chart__y_axis(struct ocop_buf *b, const struct ocop_chart *c, double x0, double x1,
                          double top, double bottom, double max, double step)
{
    for (double v = 0; v <= max + step / 2; v += step) {
        double y = bottom - (bottom - top) * v / max;
        ocop_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                        x0, x1, y, y, v == 0 ? MUTE : GRID);
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" fill=\"" MUTE "\">",
                        x0 - 6, y + 4);
        chart__int(b, v, c->sep);
        html_raw(b, "</text>");
    }
    if (c->value_title) {
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" fill=\"" MUTE "\" font-size=\"11\">", 4.0,
                        top - 10);
        html_txt(b, c->value_title);
        html_raw(b, "</text>");
    }
}

/* Category labels under columns: every `every`-th one, counted back from the last. */
static void chart__x_labels(struct ocop_buf *b, const struct ocop_chart *c, double x0, double band,
                            double y, int every)
{
    for (int i = 0; i < c->n; i++) {
        if ((c->n - 1 - i) % every)
            continue;
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" MUTE "\">",
                        x0 + band * (i + 0.5), y);
        chart__label(b, c->labels[i], 14);
        html_raw(b, "</text>");
    }
}

/* ------------------------------------------------------------------ charts */

/* The frame of a column chart (vbar, stacked, line): opens the SVG, draws the legend when
 * asked and the y axis up to a round maximum, which it returns; *band is a column's width. */
static double chart__columns(struct ocop_buf *b, const struct ocop_chart *c, const double box[5],
                             int stacked, int legend, double *band)
{
    const double top = box[0], bottom = box[1], left = box[2], right = box[3], h = box[4];
    double max = chart__max(c, stacked), step = chart__step(max, 4);

    max = ceil((max > 0 ? max : 1) / step) * step;
    *band = (W - left - right) / c->n;
    chart__open(b, c, h);
    if (legend)
        chart__legend(b, c, left, 16);
    chart__y_axis(b, c, left, W - right, top, bottom, max, step);
    return max;
}

int ocop_chart_hbar(struct ocop_buf *b, const struct ocop_chart *c)
{
    const double row = 26, top = c->value_title ? 30 : 12, left = 210, right = 64;
    double max, step, plot = W - left - right, h;
    int rc = chart__check(c);

    if (rc)
        return rc;
    if (c->n == 0)
        return chart__empty(b, c);
    max = chart__max(c, 0);
    step = chart__step(max, 4);
    max = ceil((max > 0 ? max : 1) / step) * step;
    h = top + row * c->n + 26;
    chart__open(b, c, h);
    for (double v = 0; v <= max + step / 2; v += step) {
        double x = left + plot * v / max;
        ocop_buf_printf(b, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                        x, x, top - 4, top + row * c->n, v == 0 ? MUTE : GRID);
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" MUTE "\">",
                        x, top + row * c->n + 16);
        chart__int(b, v, c->sep);
        html_raw(b, "</text>");
    }
    if (c->value_title) {
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"14\" fill=\"" MUTE "\" font-size=\"11\">", left);
        html_txt(b, c->value_title);
        html_raw(b, "</text>");
    }
    for (int i = 0; i < c->n; i++) {
        double v = c->series[0].values[i], y = top + row * i, w = plot * v / max;
        html_raw(b, "<g>");
        chart__tip(b, c->labels[i], NULL, v, c->sep);
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 8, y + 17);
        chart__label(b, c->labels[i], LABEL_CHARS);
        html_raw(b, "</text><rect fill=\"");
        html_attr(b, c->series[0].color);
        ocop_buf_printf(b, "\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"18\" rx=\"2\"/>",
                        left + 0.5, y + 4, v > 0 && w < 2 ? 2 : w);
        ocop_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"600\">", left + w + 6,
                        y + 17);
        chart__int(b, v, c->sep);
        html_raw(b, "</text></g>");
    }
    chart__close(b);
    return 0;
}

int ocop_chart_vbar(struct ocop_buf *b, const struct ocop_chart *c)
{
    const double top = 34, bottom = 226, left = 56, right = 12, h = 256;
    double max, band;
    int rc = chart__check(c), every;

    if (rc)
        return rc;
    if (c->n == 0)
        return chart__empty(b, c);
    max = chart__columns(b, c, (const double[5]){top, bottom, left, right, h}, 0, 0, &band);
    every = band >= 40 ? 1 : (int)ceil(40 / band);
    for (int i = 0; i < c->n; i++) {
        double v = c->series[0].values[i], bh = (bottom - top) * v / max;
        double bw = band * 0.62 > 72 ? 72 : band * 0.62, x = left + band * i + (band - bw) / 2;
        html_raw(b, "<g>");
        chart__tip(b, c->labels[i], NULL, v, c->sep);
        html_raw(b, "<rect fill=\"");
        html_attr(b, c->series[0].color);
        if (v > 0 && bh < 2)
            bh = 2; /* a small count stays visible */
        ocop_buf_printf(b, "\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\"/>", x,
                        bottom - bh, bw, bh);
        if (band >= 34) {
            ocop_buf_printf(b,
                            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                            "font-weight=\"600\">",
                            x + bw / 2, bottom - bh - 6);
            chart__int(b, v, c->sep);
            html_raw(b, "</text>");
        }
        html_raw(b, "</g>");
    }
    chart__x_labels(b, c, left, band, bottom + 18, every);
    chart__close(b);
    return 0;
}

int ocop_chart_stacked(struct ocop_buf *b, const struct ocop_chart *c)
{
    const double top = 48, bottom = 240, left = 56, right = 12, h = 268;
    double max, band;
    int rc = chart__check(c);

    if (rc)
        return rc;
    if (c->n == 0)
        return chart__empty(b, c);
    max = chart__columns(b, c, (const double[5]){top, bottom, left, right, h}, 1, 1, &band);
    for (int i = 0; i < c->n; i++) {
        double y = bottom, bw = band * 0.8, x = left + band * i + (band - bw) / 2;
        for (int s = 0; s < c->nseries; s++) {
            double v = c->series[s].values[i], bh = (bottom - top) * v / max;
            if (v <= 0)
                continue;
            html_raw(b, "<rect fill=\"");
            html_attr(b, c->series[s].color);
            ocop_buf_printf(b,
                            "\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                            "stroke=\"#fff\" stroke-width=\"0.5\">",
                            x, y - bh, bw, bh);
            chart__tip(b, c->labels[i], c->series[s].name, v, c->sep);
            html_raw(b, "</rect>");
            y -= bh;
        }
    }
    chart__x_labels(b, c, left, band, bottom + 18, c->n > 14 ? 7 : 1);
    chart__close(b);
    return 0;
}

int ocop_chart_line(struct ocop_buf *b, const struct ocop_chart *c)
{
    const double top = 48, bottom = 240, left = 56, right = 12, h = 268;
    double max, band;
    int rc = chart__check(c);

    if (rc)
        return rc;
    if (c->n == 0)
        return chart__empty(b, c);
    max = chart__columns(b, c, (const double[5]){top, bottom, left, right, h}, 0, 1, &band);
    for (int s = 0; s < c->nseries; s++) {
        html_raw(b,
                 "<polyline fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke=\"");
        html_attr(b, c->series[s].color);
        html_raw(b, "\" points=\"");
        for (int i = 0; i < c->n; i++)
            ocop_buf_printf(b, "%s%.1f,%.1f", i ? " " : "", left + band * (i + 0.5),
                            bottom - (bottom - top) * c->series[s].values[i] / max);
        html_raw(b, "\"/>");
        for (int i = 0; i < c->n; i++) {
            double v = c->series[s].values[i];
            if (v <= 0)
                continue; /* points only where something happened */
            html_raw(b, "<circle r=\"2.5\" fill=\"");
            html_attr(b, c->series[s].color);
            ocop_buf_printf(b, "\" cx=\"%.1f\" cy=\"%.1f\">", left + band * (i + 0.5),
                            bottom - (bottom - top) * v / max);
            chart__tip(b, c->labels[i], c->series[s].name, v, c->sep);
            html_raw(b, "</circle>");
        }
    }
    chart__x_labels(b, c, left, band, bottom + 18, c->n > 14 ? 7 : 1);
    chart__close(b);
    return 0;
}

int ocop_chart_share(struct ocop_buf *b, const struct ocop_chart *c, const char *const *colors)
{
    const double left = 8, plot = W - 16, bar_y = 10, bar_h = 36;
    double total = 0, x = left;
    int rc = chart__check(c), ncolors = 0;

    if (rc)
        return rc;
    while (colors && colors[ncolors])
        ncolors++;
    for (int i = 0; i < c->n; i++)
        total += c->series[0].values[i];
    if (c->n == 0 || total <= 0 || ncolors == 0)
        return chart__empty(b, c);
    chart__open(b, c, bar_y + bar_h + 14 + 22.0 * c->n);
    for (int i = 0; i < c->n; i++) {
        double v = c->series[0].values[i], w = plot * v / total, pct = 100 * v / total;
        const char *col = colors[i % ncolors];
        double ly = bar_y + bar_h + 28 + 22.0 * i;
        html_raw(b, "<g>");
        chart__tip(b, c->labels[i], NULL, v, c->sep);
        html_raw(b, "<rect fill=\"");
        html_attr(b, col);
        ocop_buf_printf(b,
                        "\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" stroke=\"#fff\" "
                        "stroke-width=\"1.5\"/>",
                        x, bar_y, w, bar_h);
        if (w >= 44)
            ocop_buf_printf(b,
                            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#fff\" "
                            "font-weight=\"700\">%.0f%%</text>",
                            x + w / 2, bar_y + 23, pct);
        html_raw(b, "<rect width=\"12\" height=\"12\" rx=\"2\" fill=\"");
        html_attr(b, col);
        ocop_buf_printf(b, "\" x=\"%.1f\" y=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\">", left, ly - 10,
                        left + 18, ly);
        chart__label(b, c->labels[i], 60);
        html_raw(b, ": ");
        chart__int(b, v, c->sep);
        ocop_buf_printf(b, " (%.1f%%)</text></g>", pct);
        x += w;
    }
    chart__close(b);
    return 0;
}
