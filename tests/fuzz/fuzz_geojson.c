/* fuzz_geojson.c: ward outlines (GeoJSON) through their parser, and every point the input
 * names (its positions, and the first bytes read as coordinates) through the lookup, the
 * place in words and the coordinate parser. A parsed set answers as a search of every ring
 * does. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/geo.h"
#include "core/places.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int brute(const struct ocop_geo_areas *a, double lat, double lon)
{
    for (int i = 0; i < a->count; i++) {
        int in = 0;
        for (int k = a->areas[i].ring0; k < a->areas[i].ring0 + a->areas[i].nrings; k++)
            in ^= ocop_geo_in_ring(a->pts + 2 * a->rings[k].pt0, a->rings[k].npts, lat, lon);
        if (in)
            return i;
    }
    return -1;
}

static void probe(const struct ocop_geo_areas *a, double lat, double lon)
{
    struct ocop_place p;
    char text[256];
    if (a && ocop_geo_areas_find(a, lat, lon) != brute(a, lat, lon))
        abort();
    for (int style = OCOP_PLACE_FULL; style <= OCOP_PLACE_IN; style++) {
        ocop_place_locate(&p, a, "01", lat, lon);
        if (ocop_place_text(text, sizeof(text), &p, (enum ocop_place_style)style, style & 1) &&
            strlen(text) >= sizeof(text))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ocop_geo_areas *a = NULL;
    char coord[32];
    double v[2];

    /* the first bytes as two coordinates, as a phone would send them */
    for (int k = 0; k < 2; k++) {
        size_t from = (size_t)k * 16, n = 0;
        if (from < size)
            n = size - from < 16 ? size - from : 16;
        if (n)
            memcpy(coord, data + from, n);
        coord[n] = '\0';
        v[k] = ocop_coord_parse(coord, k ? 180 : 90);
        if (!isnan(v[k]) && fabs(v[k]) > (k ? 180 : 90))
            abort();
    }
    probe(NULL, v[0], v[1]);
    if (ocop_geo_areas_parse(&a, (const char *)data, size) != 0)
        return 0;
    probe(a, v[0], v[1]);
    /* every vertex, every edge's midpoint, the boxes' corners */
    for (int k = 0; k < a->npts && k < 2000; k++) {
        int next = k + 1 < a->npts ? k + 1 : 0;
        probe(a, a->pts[2 * k + 1], a->pts[2 * k]);
        probe(a, (a->pts[2 * k + 1] + a->pts[2 * next + 1]) / 2,
              (a->pts[2 * k] + a->pts[2 * next]) / 2);
    }
    probe(a, a->lat0, a->lon0);
    probe(a, a->lat1, a->lon1);
    ocop_geo_areas_free(a);
    return 0;
}
