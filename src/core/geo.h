/*
 * geo.h: areas on the ground (a province's wards) and the point that falls in each.
 * Outlines come from GeoJSON (Polygon and MultiPolygon features, WGS84 lon/lat), parsed
 * once into flat arrays; a lookup goes through a grid that knows, per cell, the areas
 * present in it (a cell wholly inside one answers at once), then the even-odd rule over
 * the rings of the areas whose outline crosses the cell (holes, multipolygons included).
 * No I/O, no globals; errors follow core/error.h. The map (render/map.h) projects the
 * same parsed areas: the file is read and parsed once.
 */
#ifndef OCOP_CORE_GEO_H
#define OCOP_CORE_GEO_H

#include <stddef.h>

/* One area: its properties, bounding box and rings (indices into the areas' tables). */
struct ocop_geo_area {
    char *code;    /* properties.code (or the feature's id) */
    char *name;    /* properties.fullName, else properties.name, else the code */
    char *name_en; /* properties.fullNameEn, else properties.nameEn, else name */
    double lon0, lat0, lon1, lat1;
    int ring0, nrings;
};

/* One linear ring: npts positions from pt0 (the closing position left out). */
struct ocop_geo_ring {
    int pt0, npts;
};

struct ocop_geo_areas {
    struct ocop_geo_area *areas;
    int count;
    struct ocop_geo_ring *rings;
    int nrings;
    double *pts; /* lon, lat, lon, lat... */
    int npts;
    double lon0, lat0, lon1, lat1; /* all areas' bounding box */
    /* the grid over that box: cell c = y * gw + x lists items[cells[c]..cells[c + 1]),
     * the areas present in it in order, each 2 * index + 1 when the cell is wholly
     * inside it, 2 * index when its outline crosses the cell */
    int gw, gh;
    double cell_w, cell_h;
    int *cells, *items;
};

/*
 * Parses a GeoJSON FeatureCollection of areas. *out is the caller's, freed with
 * ocop_geo_areas_free. OCOP_EMALFORMED for text that is not such a collection (bad JSON,
 * a feature without a code, a geometry other than Polygon/MultiPolygon, a ring of fewer
 * than four positions, coordinates out of range, no area at all), -1 when out of memory.
 */
int ocop_geo_areas_parse(struct ocop_geo_areas **out, const char *json, size_t len);
void ocop_geo_areas_free(struct ocop_geo_areas *a);

/*
 * The index of the area that holds the point, or -1 (none, NULL areas, NaN). A point
 * exactly on an edge two areas share belongs to exactly one of them (each edge is
 * evaluated in one orientation whichever ring it comes from), so a partition stays one.
 */
int ocop_geo_areas_find(const struct ocop_geo_areas *a, double lat, double lon);
/* The index of the area with this code, or -1. */
int ocop_geo_areas_index(const struct ocop_geo_areas *a, const char *code);

/* Whether the point lies inside the polygon of n lon/lat pairs (even-odd rule, the
 * closing edge implied), with the boundary rule of ocop_geo_areas_find. */
int ocop_geo_in_ring(const double *pts, int n, double lat, double lon);

#endif
