/* map.c: GeoJSON outlines projected once, drawn as a choropleth SVG (render/map.h). */
#include "render/map.h"
#include "core/error.h"
#include "render/html.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAP_PAD 2 /* user units of margin, so outer strokes are not clipped */

/* lon/lat -> user units: x = (lon - lon0) * k * s, y = (lat1 - lat) * s. */
struct map__proj {
    double lon0, lat1, k, s;
};

struct map__bounds {
    double lon0, lon1, lat0, lat1;
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

/* A position [lon, lat, ...] with numbers in range. */
static int map__position(json_t *p, double *lon, double *lat)
{
    json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
    if (!json_is_number(x) || !json_is_number(y))
        return 0;
    *lon = json_number_value(x);
    *lat = json_number_value(y);
    return *lon >= -180 && *lon <= 180 && *lat >= -90 && *lat <= 90;
}

/* Appends the linear rings of a Polygon or MultiPolygon geometry to `rings` (new refs). */
static int map__rings(json_t *rings, json_t *geom)
{
    const char *type = json_string_value(json_object_get(geom, "type"));
    json_t *coords = json_object_get(geom, "coordinates"), *poly, *ring;
    size_t i, k;

    if (!type || !json_is_array(coords))
        return ocop_error_set(OCOP_EMALFORMED, "a feature has no geometry");
    if (strcmp(type, "Polygon") == 0) {
        json_array_foreach(coords, i, ring) json_array_append(rings, ring);
    } else if (strcmp(type, "MultiPolygon") == 0) {
        json_array_foreach(coords, k, poly)
        {
            if (!json_is_array(poly))
                return ocop_error_set(OCOP_EMALFORMED, "a MultiPolygon holds a non-polygon");
            json_array_foreach(poly, i, ring) json_array_append(rings, ring);
        }
    } else {
        return ocop_error_set(OCOP_EMALFORMED,
                              "only Polygon and MultiPolygon geometries are drawn");
    }
    json_array_foreach(rings, i, ring)
    {
        double lon, lat;
        json_t *p;
        if (!json_is_array(ring) || json_array_size(ring) < 4)
            return ocop_error_set(OCOP_EMALFORMED, "a ring has fewer than four positions");
        json_array_foreach(ring, k, p) if (!map__position(p, &lon, &lat)) return ocop_error_set(
            OCOP_EMALFORMED, "a position is not a longitude and latitude");
    }
    return 0;
}

static void map__extend(struct map__bounds *b, json_t *rings)
{
    json_t *ring, *p;
    size_t i, k;
    double lon, lat;
    json_array_foreach(rings, i, ring) json_array_foreach(ring, k, p)
    {
        map__position(p, &lon, &lat);
        b->lon0 = fmin(b->lon0, lon);
        b->lon1 = fmax(b->lon1, lon);
        b->lat0 = fmin(b->lat0, lat);
        b->lat1 = fmax(b->lat1, lat);
    }
}

/* Writes one ring as "M x y l dx dy ... z" over rounded points; rings that round to
 * fewer than three distinct points are left out. */
static int map__ring_path(struct ocop_buf *d, json_t *ring, const struct map__proj *pr)
{
    size_t n = json_array_size(ring), i, used = 0;
    long *pts = malloc(2 * n * sizeof(long));
    double lon, lat;
    int rc = 0;

    if (!pts)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (i = 0; i < n; i++) {
        long x, y;
        map__position(json_array_get(ring, i), &lon, &lat);
        x = lround((lon - pr->lon0) * pr->k * pr->s) + MAP_PAD;
        y = lround((pr->lat1 - lat) * pr->s) + MAP_PAD;
        if (used && pts[2 * used - 2] == x && pts[2 * used - 1] == y)
            continue;
        pts[2 * used] = x;
        pts[2 * used + 1] = y;
        used++;
    }
    if (used > 1 && pts[0] == pts[2 * used - 2] && pts[1] == pts[2 * used - 1])
        used--; /* the closing position: z closes the ring */
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

static char *map__strdup(const char *s)
{
    return strdup(s ? s : "");
}

/* Fills one region from a feature and its rings. */
static int map__region(struct ocop_map_region *r, json_t *feature, json_t *rings,
                       const struct map__proj *pr)
{
    json_t *props = json_object_get(feature, "properties"), *ring;
    const char *code = json_string_value(json_object_get(props, "code"));
    const char *name = json_string_value(json_object_get(props, "fullName"));
    const char *name_en = json_string_value(json_object_get(props, "fullNameEn"));
    struct ocop_buf d;
    size_t i;
    int rc = 0;

    if (!code)
        code = json_string_value(json_object_get(feature, "id"));
    if (!code || !*code)
        return ocop_error_set(OCOP_EMALFORMED, "a feature has no code");
    if (!name)
        name = json_string_value(json_object_get(props, "name"));
    if (!name_en)
        name_en = json_string_value(json_object_get(props, "nameEn"));
    ocop_buf_init(&d, 4 * 1024 * 1024);
    json_array_foreach(rings, i, ring) if (!rc) rc = map__ring_path(&d, ring, pr);
    r->code = map__strdup(code);
    r->name = map__strdup(name ? name : code);
    r->name_en = map__strdup(name_en ? name_en : r->name);
    r->d = d.data ? ocop_buf_detach(&d, NULL) : strdup("");
    ocop_buf_dispose(&d);
    if (!rc && (!r->code || !r->name || !r->name_en || !r->d))
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
    return rc;
}

/* Every feature's rings, checked, in one array (one entry per feature). */
static int map__all_rings(json_t **out, json_t *features, struct map__bounds *b)
{
    json_t *all = json_array(), *f;
    size_t i;
    int rc = 0;

    json_array_foreach(features, i, f)
    {
        json_t *rings = json_array();
        if (!json_is_object(f))
            rc = ocop_error_set(OCOP_EMALFORMED, "a feature is not an object");
        else if ((rc = map__rings(rings, json_object_get(f, "geometry"))) == 0)
            map__extend(b, rings);
        json_array_append_new(all, rings);
        if (rc)
            break;
    }
    if (rc)
        json_decref(all);
    else
        *out = all;
    return rc;
}

int ocop_map_from_geojson(struct ocop_map **out, const char *json, size_t len, int width)
{
    struct map__bounds b = {HUGE_VAL, -HUGE_VAL, HUGE_VAL, -HUGE_VAL};
    struct map__proj pr;
    struct ocop_map *m = NULL;
    json_t *root = NULL, *features, *all = NULL;
    size_t i, n;
    int rc;

    *out = NULL;
    if (width < 100 || width > 10000)
        return ocop_error_set(OCOP_EINVALID, "the map's width must be 100 to 10000 units");
    if (!(root = json_loadb(json, len, 0, NULL)))
        return ocop_error_set(OCOP_EMALFORMED, "the map is not valid JSON");
    features = json_object_get(root, "features");
    n = json_array_size(features);
    if (n == 0 || n > 100000) {
        rc = ocop_error_set(OCOP_EMALFORMED, "the map is not a FeatureCollection of regions");
        goto done;
    }
    if ((rc = map__all_rings(&all, features, &b)) != 0)
        goto done;
    if (!(b.lon1 > b.lon0) || !(b.lat1 > b.lat0)) {
        rc = ocop_error_set(OCOP_EMALFORMED, "the map has no area");
        goto done;
    }
    pr.lon0 = b.lon0;
    pr.lat1 = b.lat1;
    pr.k = cos((b.lat0 + b.lat1) / 2 * M_PI / 180);
    pr.s = (width - 2 * MAP_PAD) / ((b.lon1 - b.lon0) * pr.k);
    if (!(m = calloc(1, sizeof(*m))) || !(m->regions = calloc(n, sizeof(*m->regions)))) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    m->width = width;
    m->height = (int)lround((b.lat1 - b.lat0) * pr.s) + 2 * MAP_PAD;
    for (i = 0; i < n && !rc; i++, m->count++)
        rc = map__region(&m->regions[i], json_array_get(features, i), json_array_get(all, i), &pr);
    if (!rc) {
        *out = m;
        m = NULL;
    }
done:
    ocop_map_free(m);
    json_decref(all);
    json_decref(root);
    return rc;
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
