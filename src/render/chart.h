/*
 * chart.h: charts as inline SVG, drawn on the server: horizontal and vertical bars,
 * stacked bars and lines over a series of categories (days), and a share bar. Every
 * chart is an image with an accessible name (role="img", aria-label and <title>), axis
 * and value labels, and colours chosen for contrast on white; each bar or point
 * carries a <title> with its exact value. Text is escaped (render/html.h); the page
 * shows the same numbers in a table beside the chart.
 */
#ifndef OCOP_RENDER_CHART_H
#define OCOP_RENDER_CHART_H

#include <stddef.h>

#include "core/buf.h"

#define OCOP_CHART_MAX_SERIES 6

/* Colours with at least 4.5:1 contrast on white (text and marks alike). */
#define OCOP_CHART_BLUE "#24588f"
#define OCOP_CHART_GREEN "#1b7340"
#define OCOP_CHART_AMBER "#9c5700"
#define OCOP_CHART_RED "#b2181f"
#define OCOP_CHART_PURPLE "#5e2a84"
#define OCOP_CHART_SLATE "#58636e"
#define OCOP_CHART_SKY "#3d74b0"

struct ocop_chart_series {
    const char *name;     /* legend text (data: escaped) */
    const char *color;    /* one of the OCOP_CHART_* literals */
    const double *values; /* n values, >= 0 */
};

/* What to draw; the caller owns every pointer. */
struct ocop_chart {
    const char *id;            /* unique on the page: the SVG is id="chart-<id>" */
    const char *title;         /* the accessible name */
    const char *desc;          /* a sentence on what it shows, or NULL */
    int n;                     /* categories */
    const char *const *labels; /* n category labels (data: escaped, long ones shortened) */
    int nseries;               /* 1 for bar charts and the share bar */
    struct ocop_chart_series series[OCOP_CHART_MAX_SERIES];
    const char *value_title; /* the value axis' title ("Sản phẩm"), or NULL */
    char sep;                /* thousands separator for numbers: '.' (vi) or ',' (en) */
    const char *empty;       /* text shown instead of an empty chart ("No data") */
};

/* Bars from the left, one row per category, labels on the left, values at the ends. */
int ocop_chart_hbar(struct ocop_buf *b, const struct ocop_chart *c);
/* Bars from the bottom, one column per category, values above them. */
int ocop_chart_vbar(struct ocop_buf *b, const struct ocop_chart *c);
/* Columns stacked by series (first at the bottom), with a legend; for days. */
int ocop_chart_stacked(struct ocop_buf *b, const struct ocop_chart *c);
/* One line per series, with a legend; for days. */
int ocop_chart_line(struct ocop_buf *b, const struct ocop_chart *c);
/* One bar split into the categories' shares of series[0] (colours from `colors`, one
 * per category, cycled), with percentages and a legend. */
int ocop_chart_share(struct ocop_buf *b, const struct ocop_chart *c, const char *const *colors);


#endif
