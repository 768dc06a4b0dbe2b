/* geo.c: areas parsed from GeoJSON and point-in-polygon behind a grid (core/geo.h). */
#include "core/geo.h"
#include "core/error.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GEO_FEATURES_MAX 100000
#define GEO_POINTS_MAX (1 << 24)
#define GEO_CELLS_PER_AREA 64   /* the grid's size: about this many cells per area */
#define GEO_GRID_MAX 512        /* cells along one side, at most */
#define GEO_ITEMS_MAX (1 << 23) /* areas listed in cells, at most (else: too complex) */
#define GEO_TESTS_MAX                                                                              \
    (1L << 25) /* edge-cell tests while building; past them a cell is                              \
                * taken as crossed (tested in full at each lookup) */

void ocop_geo_areas_free(struct ocop_geo_areas *a)
{
    if (!a)
        return;
    for (int i = 0; a->areas && i < a->count; i++) {
        free(a->areas[i].code);
        free(a->areas[i].name);
        free(a->areas[i].name_en);
    }
    free(a->areas);
    free(a->rings);
    free(a->pts);
    free(a->cells);
    free(a->items);
    free(a);
}

/* A position [lon, lat, ...] with numbers in range. */
static int geo__position(json_t *p, double *lon, double *lat)
{
    json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
    if (!json_is_number(x) || !json_is_number(y))
        return 0;
    *lon = json_number_value(x);
    *lat = json_number_value(y);
    return *lon >= -180 && *lon <= 180 && *lat >= -90 && *lat <= 90;
}

/* The polygons of a geometry: a Polygon is one, a MultiPolygon its members. Sets *polys
 * (borrowed) and *multi; 0, or OCOP_EMALFORMED. */
static int geo__polygons(json_t *geom, json_t **polys, int *multi)
{
    const char *type = json_string_value(json_object_get(geom, "type"));
    json_t *coords = json_object_get(geom, "coordinates");
    if (!type || !json_is_array(coords))
        return ocop_error_set(OCOP_EMALFORMED, "a feature has no geometry");
    if (strcmp(type, "Polygon") == 0)
        *multi = 0;
    else if (strcmp(type, "MultiPolygon") == 0)
        *multi = 1;
    else
        return ocop_error_set(OCOP_EMALFORMED, "only Polygon and MultiPolygon geometries are read");
    *polys = coords;
    return 0;
}

/* Calls fn on every ring of a geometry (checked: arrays of at least four positions in
 * range); counts rings and positions in *nr and *np. */
struct geo__fill {
    struct ocop_geo_areas *a; /* NULL while counting */
    size_t nr, np;
};

static int geo__ring(struct geo__fill *f, json_t *ring)
{
    size_t n = json_array_size(ring), used = 0, k;
    double lon, lat, lon0 = 0, lat0 = 0;

    if (!json_is_array(ring) || n < 4)
        return ocop_error_set(OCOP_EMALFORMED, "a ring has fewer than four positions");
    for (k = 0; k < n; k++) {
        if (!geo__position(json_array_get(ring, k), &lon, &lat))
            return ocop_error_set(OCOP_EMALFORMED, "a position is not a longitude and latitude");
        if (k == 0) {
            lon0 = lon;
            lat0 = lat;
        } else if (k == n - 1 && lon == lon0 && lat == lat0) {
            break; /* the closing position: the edge back to the first is implied */
        }
        if (f->a) {
            f->a->pts[2 * (f->np + used)] = lon;
            f->a->pts[2 * (f->np + used) + 1] = lat;
        }
        used++;
    }
    if (f->np + used > GEO_POINTS_MAX)
        return ocop_error_set(OCOP_EMALFORMED, "the map is not a FeatureCollection of regions");
    if (f->a)
        f->a->rings[f->nr] = (struct ocop_geo_ring){(int)f->np, (int)used};
    f->nr++;
    f->np += used;
    return 0;
}

static int geo__rings(struct geo__fill *f, json_t *geom)
{
    json_t *polys, *poly, *ring;
    size_t i, k;
    int multi, rc;

    if ((rc = geo__polygons(geom, &polys, &multi)) != 0)
        return rc;
    if (!multi)
        json_array_foreach(polys, k, ring) if ((rc = geo__ring(f, ring)) != 0) return rc;
    if (multi)
        json_array_foreach(polys, i, poly)
        {
            if (!json_is_array(poly))
                return ocop_error_set(OCOP_EMALFORMED, "a MultiPolygon holds a non-polygon");
            json_array_foreach(poly, k, ring) if ((rc = geo__ring(f, ring)) != 0) return rc;
        }
    return 0;
}

static char *geo__strdup(const char *s)
{
    return strdup(s ? s : "");
}

/* Fills area i's properties, rings and bounding box from feature f. */
static int geo__area(struct geo__fill *fill, int i, json_t *feature)
{
    struct ocop_geo_areas *a = fill->a;
    struct ocop_geo_area *r = &a->areas[i];
    json_t *props = json_object_get(feature, "properties");
    const char *code = json_string_value(json_object_get(props, "code"));
    const char *name = json_string_value(json_object_get(props, "fullName"));
    const char *name_en = json_string_value(json_object_get(props, "fullNameEn"));
    int rc;

    if (!code)
        code = json_string_value(json_object_get(feature, "id"));
    if (!code || !*code)
        return ocop_error_set(OCOP_EMALFORMED, "a feature has no code");
    if (!name)
        name = json_string_value(json_object_get(props, "name"));
    if (!name_en)
        name_en = json_string_value(json_object_get(props, "nameEn"));
    r->ring0 = (int)fill->nr;
    if ((rc = geo__rings(fill, json_object_get(feature, "geometry"))) != 0)
        return rc;
    if ((r->nrings = (int)fill->nr - r->ring0) == 0)
        return ocop_error_set(OCOP_EMALFORMED, "a feature has no geometry");
    r->lon0 = r->lat0 = HUGE_VAL;
    r->lon1 = r->lat1 = -HUGE_VAL;
    for (int k = a->rings[r->ring0].pt0; k < (int)fill->np; k++) {
        r->lon0 = fmin(r->lon0, a->pts[2 * k]);
        r->lon1 = fmax(r->lon1, a->pts[2 * k]);
        r->lat0 = fmin(r->lat0, a->pts[2 * k + 1]);
        r->lat1 = fmax(r->lat1, a->pts[2 * k + 1]);
    }
    r->code = geo__strdup(code);
    r->name = geo__strdup(name ? name : code);
    r->name_en = geo__strdup(name_en ? name_en : r->name);
    if (!r->code || !r->name || !r->name_en)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    return 0;
}

/* The cell range [*c0, *c1] a span [v0, v1] covers along an axis from `from` in cells of
 * `size`, n of them. */
static void geo__span(int *c0, int *c1, double v0, double v1, double from, double size, int n)
{
    double a = floor((v0 - from) / size), b = floor((v1 - from) / size);
    *c0 = a < 0 ? 0 : a > n - 1 ? n - 1 : (int)a;
    *c1 = b < 0 ? 0 : b > n - 1 ? n - 1 : (int)b;
}

/* Whether the edge a-b meets the cell [x0, x1] x [y0, y1] (touching counts; a hair of
 * margin against rounding: a cell wrongly thought crossed is only tested in full). */
static int geo__edge_meets(double ax, double ay, double bx, double by, double x0, double y0,
                           double x1, double y1)
{
    const double m = 1e-9;
    double dx = bx - ax, dy = by - ay, c[4];
    int pos = 0, neg = 0;
    x0 -= m, y0 -= m, x1 += m, y1 += m;
    if (fmax(ax, bx) < x0 || fmin(ax, bx) > x1 || fmax(ay, by) < y0 || fmin(ay, by) > y1)
        return 0;
    /* the cell's corners all on one side of the edge's line: apart */
    c[0] = dx * (y0 - ay) - dy * (x0 - ax);
    c[1] = dx * (y0 - ay) - dy * (x1 - ax);
    c[2] = dx * (y1 - ay) - dy * (x0 - ax);
    c[3] = dx * (y1 - ay) - dy * (x1 - ax);
    for (int k = 0; k < 4; k++)
        pos += c[k] > 0, neg += c[k] < 0;
    return pos < 4 && neg < 4;
}

/* How area i lies in a cell: 0 apart, 1 crossed by its outline (its rings are tested for
 * each point), 2 wholly inside it (no test). *budget counts the edge tests left: once
 * spent, every cell is taken as crossed. */
static int geo__cell_class(const struct ocop_geo_areas *a, int i, double x0, double y0, double x1,
                           double y1, long *budget)
{
    const struct ocop_geo_area *r = &a->areas[i];
    int inside = 0;
    if (*budget <= 0)
        return 1;
    for (int k = r->ring0; k < r->ring0 + r->nrings; k++) {
        *budget -= a->rings[k].npts;
        const double *p = a->pts + 2 * a->rings[k].pt0;
        int n = a->rings[k].npts;
        for (int e = 0, f = n - 1; e < n; f = e++)
            if (geo__edge_meets(p[2 * f], p[2 * f + 1], p[2 * e], p[2 * e + 1], x0, y0, x1, y1))
                return 1;
        inside ^= ocop_geo_in_ring(p, n, (y0 + y1) / 2, (x0 + x1) / 2);
    }
    return inside ? 2 : 0;
}

/*
 * The grid: for each cell, the areas present in it, in the areas' order, each as
 * 2 * index + 1 when the cell lies wholly inside it (the answer, with no test) or
 * 2 * index when its outline crosses the cell. Areas whose box meets the cell but that
 * are not in it are left out. Built in two passes: counts, then items.
 */
static int geo__grid(struct ocop_geo_areas *a)
{
    double w = a->lon1 - a->lon0, h = a->lat1 - a->lat0,
           cells = (double)a->count * GEO_CELLS_PER_AREA;
    double side = sqrt(w * h / cells);
    size_t total = 0, ncells;
    int *fill = NULL;

    a->gw = (int)fmin(GEO_GRID_MAX, fmax(1, ceil(w / side)));
    a->gh = (int)fmin(GEO_GRID_MAX, fmax(1, ceil(h / side)));
    a->cell_w = w / a->gw;
    a->cell_h = h / a->gh;
    ncells = (size_t)a->gw * (size_t)a->gh;
    if (!(a->cells = calloc(ncells + 1, sizeof(int))))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    for (int pass = 0; pass < 2; pass++) {
        long budget = GEO_TESTS_MAX; /* the same for both passes: the same answers */
        for (int i = 0; i < a->count; i++) {
            const struct ocop_geo_area *r = &a->areas[i];
            int x0, x1, y0, y1;
            geo__span(&x0, &x1, r->lon0, r->lon1, a->lon0, a->cell_w, a->gw);
            geo__span(&y0, &y1, r->lat0, r->lat1, a->lat0, a->cell_h, a->gh);
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) {
                    int c = y * a->gw + x;
                    int k = geo__cell_class(a, i, a->lon0 + x * a->cell_w, a->lat0 + y * a->cell_h,
                                            a->lon0 + (x + 1) * a->cell_w,
                                            a->lat0 + (y + 1) * a->cell_h, &budget);
                    if (k && pass == 0 && ++total > GEO_ITEMS_MAX)
                        return ocop_error_set(OCOP_EMALFORMED,
                                              "the map is not a FeatureCollection of regions");
                    if (k && pass == 0)
                        a->cells[c + 1]++;
                    else if (k)
                        a->items[fill[c]++] = 2 * i + (k == 2);
                }
        }
        if (pass == 0) {
            for (size_t c = 0; c < ncells; c++)
                a->cells[c + 1] += a->cells[c];
            total = (size_t)a->cells[ncells];
            a->items = malloc((total ? total : 1) * sizeof(int));
            fill = malloc(ncells * sizeof(int));
            if (!a->items || !fill) {
                free(fill);
                return ocop_error_set(OCOP_ERROR, "out of memory");
            }
            memcpy(fill, a->cells, ncells * sizeof(int));
        }
    }
    free(fill);
    return 0;
}

/* Counts, allocates, then fills every area from the features. */
static int geo__build(struct ocop_geo_areas *a, json_t *features, size_t n)
{
    struct geo__fill count = {NULL, 0, 0}, fill = {a, 0, 0};
    json_t *f;
    size_t i;
    int rc;

    json_array_foreach(features, i, f)
    {
        if (!json_is_object(f))
            return ocop_error_set(OCOP_EMALFORMED, "a feature is not an object");
        if ((rc = geo__rings(&count, json_object_get(f, "geometry"))) != 0)
            return rc;
    }
    a->areas = calloc(n, sizeof(*a->areas));
    a->rings = malloc((count.nr + 1) * sizeof(*a->rings));
    a->pts = malloc((2 * count.np + 1) * sizeof(double));
    if (!a->areas || !a->rings || !a->pts)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    a->nrings = (int)count.nr;
    a->npts = (int)count.np;
    for (i = 0; i < n; i++, a->count++)
        if ((rc = geo__area(&fill, (int)i, json_array_get(features, i))) != 0) {
            a->count++; /* its strings, if any, are freed with the rest */
            return rc;
        }
    a->lon0 = a->lat0 = HUGE_VAL;
    a->lon1 = a->lat1 = -HUGE_VAL;
    for (int k = 0; k < a->count; k++) {
        a->lon0 = fmin(a->lon0, a->areas[k].lon0);
        a->lon1 = fmax(a->lon1, a->areas[k].lon1);
        a->lat0 = fmin(a->lat0, a->areas[k].lat0);
        a->lat1 = fmax(a->lat1, a->areas[k].lat1);
    }
    if (!(a->lon1 > a->lon0) || !(a->lat1 > a->lat0))
        return ocop_error_set(OCOP_EMALFORMED, "the map has no area");
    return geo__grid(a);
}

int ocop_geo_areas_parse(struct ocop_geo_areas **out, const char *json, size_t len)
{
    struct ocop_geo_areas *a = NULL;
    json_t *root = NULL, *features;
    size_t n;
    int rc;

    *out = NULL;
    if (!(root = json_loadb(json, len, 0, NULL)))
        return ocop_error_set(OCOP_EMALFORMED, "the map is not valid JSON");
    features = json_object_get(root, "features");
    n = json_array_size(features);
    if (n == 0 || n > GEO_FEATURES_MAX) {
        rc = ocop_error_set(OCOP_EMALFORMED, "the map is not a FeatureCollection of regions");
        goto done;
    }
    if (!(a = calloc(1, sizeof(*a)))) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    if ((rc = geo__build(a, features, n)) == 0) {
        *out = a;
        a = NULL;
    }
done:
    ocop_geo_areas_free(a);
    json_decref(root);
    return rc;
}

/* ------------------------------------------------------------------ lookup */

/* Whether the rightward ray from (x, y) crosses the edge a-b. The edge is taken lower end
 * first whatever the ring's direction, so two rings sharing it compute the same crossing
 * point to the last bit; its lower end counts, its upper does not (half-open), and a point
 * on the edge itself is not left of it: on a shared edge, exactly one side holds it. */
static inline int geo__crosses(double ax, double ay, double bx, double by, double x, double y)
{
    if (ay > by) {
        double t = ax;
        ax = bx;
        bx = t;
        t = ay;
        ay = by;
        by = t;
    }
    if (!(ay <= y && y < by))
        return 0;
    return x < ax + (y - ay) * (bx - ax) / (by - ay);
}

int ocop_geo_in_ring(const double *pts, int n, double lat, double lon)
{
    int inside = 0;
    for (int i = 0, j = n - 1; i < n; j = i++)
        inside ^= geo__crosses(pts[2 * j], pts[2 * j + 1], pts[2 * i], pts[2 * i + 1], lon, lat);
    return inside;
}

static int geo__in_area(const struct ocop_geo_areas *a, const struct ocop_geo_area *r, double lat,
                        double lon)
{
    int inside = 0;
    if (!(lon >= r->lon0 && lon <= r->lon1 && lat >= r->lat0 && lat <= r->lat1))
        return 0;
    for (int k = r->ring0; k < r->ring0 + r->nrings; k++)
        inside ^= ocop_geo_in_ring(a->pts + 2 * a->rings[k].pt0, a->rings[k].npts, lat, lon);
    return inside;
}

int ocop_geo_areas_find(const struct ocop_geo_areas *a, double lat, double lon)
{
    int x, y, c;
    if (!a || !(lon >= a->lon0 && lon <= a->lon1 && lat >= a->lat0 && lat <= a->lat1))
        return -1; /* NaN too */
    x = (int)((lon - a->lon0) / a->cell_w);
    y = (int)((lat - a->lat0) / a->cell_h);
    c = (y < a->gh ? y : a->gh - 1) * a->gw + (x < a->gw ? x : a->gw - 1);
    for (int k = a->cells[c]; k < a->cells[c + 1]; k++) {
        int item = a->items[k];
        if ((item & 1) || geo__in_area(a, &a->areas[item >> 1], lat, lon))
            return item >> 1;
    }
    return -1;
}

int ocop_geo_areas_index(const struct ocop_geo_areas *a, const char *code)
{
    for (int i = 0; a && code && i < a->count; i++)
        if (strcmp(a->areas[i].code, code) == 0)
            return i;
    return -1;
}
