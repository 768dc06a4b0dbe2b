/* map.c: parsed outlines projected once, drawn as a choropleth SVG (render/map.h). */
#include "render/map.h"
#include "core/error.h"
#include "render/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAP_PAD 2 /* user units of margin, so outer strokes are not clipped */

/* lon/lat -> user units: x = (lon - lon0) * k * s, y = (lat1 - lat) * s. */
struct map__proj {
    double lon0, lat1, k, s;
};

void ocop_map_free(struct ocop_map *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->count; i++) {
        free(m->regions[i].code);
        free(m->regions[i].name);
        free(m->regions[i].name_en);
        free(m->regions[i].d);
    }
    free(m->regions);
    free(m);
}

int ocop_map_find(const struct ocop_map *m, const char *code)
{
    for (int i = 0; m && code && i < m->count; i++)
        if (strcmp(m->regions[i].code, code) == 0)
            return i;
    return -1;
}

/* Writes one ring as "M x y l dx dy ... z" over rounded points; rings that round to
 * fewer than three distinct points are left out. */
static int map__ring_path(struct ocop_buf *d, const double *ring, int n,
                          const struct map__proj *pr)
{
    long *pts = malloc(2 * (size_t)(n > 0 ? n : 1) * sizeof(long));
    size_t i, used = 0;
    int rc = 0;

    if (!pts)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (i = 0; i < (size_t)n; i++) {
        long x = lround((ring[2 * i] - pr->lon0) * pr->k * pr->s) + MAP_PAD;
        long y = lround((pr->lat1 - ring[2 * i + 1]) * pr->s) + MAP_PAD;
        if (used && pts[2 * used - 2] == x && pts[2 * used - 1] == y)
            continue;
        pts[2 * used] = x;
        pts[2 * used + 1] = y;
        used++;
    }
    if (used > 1 && pts[0] == pts[2 * used - 2] && pts[1] == pts[2 * used - 1])
        used--; /* back at the start: z closes the ring */
    if (used >= 3) {
        rc = ocop_buf_printf(d, "M%ld %ldl", pts[0], pts[1]);
        for (i = 1; !rc && i < used; i++) {
            long dx = pts[2 * i] - pts[2 * i - 2], dy = pts[2 * i + 1] - pts[2 * i - 1];
            rc = ocop_buf_printf(d, "%s%ld%s%ld", i > 1 && dx >= 0 ? " " : "", dx,
                                 dy >= 0 ? " " : "", dy);
        }
        if (!rc)
            rc = ocop_buf_puts(d, "z");
    }
    free(pts);
    return rc;
}

/* Fills one region from an area. */
static int map__region(struct ocop_map_region *r, const struct ocop_geo_areas *a,
                       const struct ocop_geo_area *g, const struct map__proj *pr)
{
    struct ocop_buf d;
    int rc = 0;

    ocop_buf_init(&d, 4 * 1024 * 1024);
    for (int k = g->ring0; !rc && k < g->ring0 + g->nrings; k++)
        rc = map__ring_path(&d, a->pts + 2 * a->rings[k].pt0, a->rings[k].npts, pr);
    r->code = strdup(g->code);
    r->name = strdup(g->name);
    r->name_en = strdup(g->name_en);
    r->d = d.data ? ocop_buf_detach(&d, NULL) : strdup("");
    ocop_buf_dispose(&d);
    if (!rc && (!r->code || !r->name || !r->name_en || !r->d))
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
    return rc;
}

int ocop_map_project(struct ocop_map **out, const struct ocop_geo_areas *a, int width)
{
    struct map__proj pr;
    struct ocop_map *m = NULL;
    int rc = 0;

    *out = NULL;
    if (width < 100 || width > 10000)
        return ocop_error_set(OCOP_EINVALID, "the map's width must be 100 to 10000 units");
    if (!a || a->count < 1 || !(a->lon1 > a->lon0) || !(a->lat1 > a->lat0))
        return ocop_error_set(OCOP_EMALFORMED, "the map has no area");
    pr.lon0 = a->lon0;
    pr.lat1 = a->lat1;
    pr.k = cos((a->lat0 + a->lat1) / 2 * M_PI / 180);
    pr.s = (width - 2 * MAP_PAD) / ((a->lon1 - a->lon0) * pr.k);
    if (!(m = calloc(1, sizeof(*m))) || !(m->regions = calloc((size_t)a->count, sizeof(*m->regions)))) {
        ocop_map_free(m);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    m->width = width;
    m->height = (int)lround((a->lat1 - a->lat0) * pr.s) + 2 * MAP_PAD;
    for (int i = 0; i < a->count && !rc; i++, m->count++)
        rc = map__region(&m->regions[i], a, &a->areas[i], &pr);
    if (rc) {
        ocop_map_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

/* ------------------------------------------------------------------ classes */

/* The "nice" number (1, 1.5, 2, 3, 5, 7.5 times a power of ten, whole) nearest to v on a
 * log scale; at least 1. */
static long map__nice(double v)
{
    static const double steps[] = {1, 1.5, 2, 3, 5, 7.5, 10};
    double p, best = 1, c;
    if (v <= 1)
        return 1;
    p = pow(10, floor(log10(v)));
    for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
        c = steps[i] * p;
        if (c == floor(c) && fabs(log(v / c)) < fabs(log(v / best)))
            best = c;
    }
    return (long)llround(best);
}

static int map__cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int ocop_map_breaks(long *breaks, int max_classes, const long *values, size_t n)
{
    long *pos = malloc((n ? n : 1) * sizeof(long));
    size_t np = 0;
    int k = 0;

    if (max_classes < 1)
        max_classes = 1;
    if (max_classes > OCOP_MAP_CLASSES_MAX)
        max_classes = OCOP_MAP_CLASSES_MAX;
    if (!pos)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (values[i] >= 1)
            pos[np++] = values[i];
    if (np) {
        qsort(pos, np, sizeof(long), map__cmp_long);
        breaks[k++] = 1;
        for (int i = 1; i < max_classes; i++) {
            long b = map__nice((double)pos[(size_t)i * np / (size_t)max_classes]);
            if (b > breaks[k - 1] && b <= pos[np - 1])
                breaks[k++] = b;
        }
    }
    free(pos);
    return k;
}

int ocop_map_class(const long *breaks, int k, long v)
{
    int c = 0;
    for (int i = 0; i < k; i++)
        if (v >= breaks[i])
            c = i + 1;
    return c;
}

/* ColorBrewer's OrRd sequential scheme (Cynthia Brewer, Penn State), 1 to 8 classes. */
const char *ocop_map_colour(int cls, int k)
{
    static const char *const ramps[OCOP_MAP_CLASSES_MAX][OCOP_MAP_CLASSES_MAX] = {
        {"#e34a33"},
        {"#fdbb84", "#e34a33"},
        {"#fee8c8", "#fdbb84", "#e34a33"},
        {"#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"},
        {"#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"},
        {"#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"},
        {"#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"},
        {"#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"},
    };
    if (cls < 1 || k < 1 || k > OCOP_MAP_CLASSES_MAX || cls > k)
        return "#e2e2e2";
    return ramps[k - 1][cls - 1];
}

/* ------------------------------------------------------------------ drawing */

int ocop_map_svg(struct ocop_buf *out, const struct ocop_map *m, const struct ocop_map_layer *l)
{
    size_t before = out->len;
    int rc;

    rc = ocop_buf_printf(out,
                         "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 %d "
                         "%d\" aria-label=\"",
                         m->width, m->height);
    html_attr(out, l->label);
    html_raw(out, "\"><g stroke=\"#fff\" stroke-width=\"1\" stroke-linejoin=\"round\">");
    for (int i = 0; !rc && i < m->count; i++) {
        const char *href = l->hrefs ? l->hrefs[i] : NULL;
        const char *title = l->titles ? l->titles[i] : NULL;
        if (href) {
            html_raw(out, "<a href=\"");
            html_attr(out, href);
            html_raw(out, "\">");
        }
        if (title) {
            html_raw(out, "<title>");
            html_txt(out, title);
            html_raw(out, "</title>");
        }
        rc = ocop_buf_printf(out, "<path fill=\"%s\" d=\"",
                             ocop_map_colour(l->classes ? l->classes[i] : 0, l->k));
        html_attr(out, m->regions[i].d);
        html_raw(out, href ? "\"/></a>" : "\"/>");
    }
    /* the escaping helpers do not report a full buffer; a page's buffer is sized so that
     * it never fills, and the closing tags are checked as a last line of defence */
    if (!rc)
        rc = ocop_buf_puts(out, "</g></svg>");
    if (rc) {
        out->len = before;
        if (out->data)
            out->data[before] = '\0';
    }
    return rc;
}
