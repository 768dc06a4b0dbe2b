/*
 * map.h: choropleth maps drawn as SVG on the server. Region outlines are parsed areas
 * (core/geo.h: GeoJSON Polygon and MultiPolygon features, WGS84 lon/lat), projected once with an
 * equirectangular projection scaled by the cosine of the middle latitude (true to shape
 * for an area the size of a province) into integer SVG user units; the caller keeps the
 * projected map and draws it with per-region colours, names and links on every request.
 * No globals, no I/O; errors follow core/error.h.
 */
#ifndef OCOP_RENDER_MAP_H
#define OCOP_RENDER_MAP_H

#include <stddef.h>

#include "core/buf.h"
#include "core/geo.h"

/* One region: its properties and its outline as SVG path data (owned by the map). */
struct ocop_map_region {
    char *code;    /* properties.code (or the feature's id) */
    char *name;    /* properties.fullName, else properties.name */
    char *name_en; /* properties.fullNameEn, else properties.nameEn, else name */
    char *d;       /* path data in user units, "" when every ring was too small to draw */
};

/* A projected map: `count` regions in a viewBox of width x height user units. */
struct ocop_map {
    struct ocop_map_region *regions;
    int count;
    int width, height;
};

/*
 * Projects parsed outlines (core/geo.h) to `width` user units across (100..10000; the
 * height follows): one region per area, in the areas' order. *out is the caller's, freed
 * with ocop_map_free. OCOP_EINVALID for a bad width, OCOP_EMALFORMED for outlines without
 * area, -1 when out of memory.
 */
int ocop_map_project(struct ocop_map **out, const struct ocop_geo_areas *a, int width);
void ocop_map_free(struct ocop_map *m);
/* The index of the region with this code, or -1. */
int ocop_map_find(const struct ocop_map *m, const char *code);

/* Most colour classes of a sequential scale, beside class 0 ("none"). */
#define OCOP_MAP_CLASSES_MAX 8

/*
 * Class breaks for counts: breaks[0] is 1 and each next break is a "nice" number
 * (1, 2, 3, 5, 10, 15, 20, 30, 50, 75...) near a quantile of the positive values, strictly
 * increasing. Returns the number of classes k (0 when no value is positive, else 1..max_classes;
 * max_classes is clamped to 1..OCOP_MAP_CLASSES_MAX). Class i (1..k) holds the values
 * from breaks[i-1] to breaks[i]-1, the last one everything from breaks[k-1] up.
 */
int ocop_map_breaks(long *breaks, int max_classes, const long *values, size_t n);
/* The class of a value: 0 for values below 1, else 1..k. */
int ocop_map_class(const long *breaks, int k, long v);

/* A sequential palette (light to dark) for classes 1..k out of k, and class 0's grey. */
const char *ocop_map_colour(int cls, int k);

/* What to draw: everything per region is indexed like m->regions. */
struct ocop_map_layer {
    const char *label;         /* the map's accessible name (escaped here) */
    const int *classes;        /* colour class per region (ocop_map_class); NULL: all 0 */
    int k;                     /* number of classes beside 0 */
    const char *const *titles; /* per region: its accessible name and tooltip, or NULL */
    const char *const *hrefs;  /* per region: a link (escaped here), or NULL for none */
};

/*
 * Appends an inline <svg> of the map: one <path> per region, filled by its class,
 * inside an <a> when it has a link, with a <title> when it has one. The svg scales to
 * its container (viewBox, no fixed size). 0, or OCOP_ETOOBIG from the buffer (nothing
 * half-written is left: the buffer is cut back).
 */
int ocop_map_svg(struct ocop_buf *out, const struct ocop_map *m, const struct ocop_map_layer *l);

#endif
