/*
 * places.c (bench): how long naming a place takes. Parses Hanoi's ward outlines, then
 * times, over a fixed set of random points: the grid lookup (core/geo.c), the same
 * search without the grid (every ward's bounding box, then its rings), a whole place
 * (ward, or Vietnam's extent and the nearest seat) and a place in words. Prints ns per
 * call; a number to compare side by side, not a pass or fail.
 * Usage: bench_places [hanoi-wards.geojson] [points]   (run from the repository's root)
 */
#include "core/error.h"
#include "core/geo.h"
#include "core/places.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double rnd(uint64_t *x, double lo, double hi)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return lo + (hi - lo) * (double)(*x >> 11) / 9007199254740992.0;
}

/* The search without the grid: every area's box, then its rings. */
static int brute(const struct ocop_geo_areas *a, double lat, double lon)
{
    for (int i = 0; i < a->count; i++) {
        const struct ocop_geo_area *r = &a->areas[i];
        int in = 0;
        if (!(lon >= r->lon0 && lon <= r->lon1 && lat >= r->lat0 && lat <= r->lat1))
            continue;
        for (int k = r->ring0; k < r->ring0 + r->nrings; k++)
            in ^= ocop_geo_in_ring(a->pts + 2 * a->rings[k].pt0, a->rings[k].npts, lat, lon);
        if (in)
            return i;
    }
    return -1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "data/vn-admin-units/hanoi-wards.geojson";
    long n = argc > 2 ? strtol(argv[2], NULL, 10) : 1000000;
    struct ocop_geo_areas *a = NULL;
    double *hn, *vn, t, sink = 0;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    size_t len = 0;
    char *text = slurp(path, &len), words[200];
    long found = 0, found2 = 0;

    if (!text || n < 1000 || n > 100000000) {
        fprintf(stderr, "usage: bench_places [hanoi-wards.geojson] [points, 1000..1e8]\n");
        return 2;
    }
    t = now_ns();
    if (ocop_geo_areas_parse(&a, text, len) != 0) {
        fprintf(stderr, "bench_places: %s\n", ocop_error_message());
        return 1;
    }
    printf("parse %s: %.2f ms (%d wards, %d points, grid %dx%d)\n", path, (now_ns() - t) / 1e6,
           a->count, a->npts, a->gw, a->gh);
    free(text);
    hn = malloc(2 * (size_t)n * sizeof(double));
    vn = malloc(2 * (size_t)n * sizeof(double));
    for (long i = 0; i < n; i++) {
        hn[2 * i] = rnd(&x, a->lat0, a->lat1);
        hn[2 * i + 1] = rnd(&x, a->lon0, a->lon1);
        vn[2 * i] = rnd(&x, 8.0, 23.5);
        vn[2 * i + 1] = rnd(&x, 102.0, 110.0);
    }
    t = now_ns();
    for (long i = 0; i < n; i++)
        found += ocop_geo_areas_find(a, hn[2 * i], hn[2 * i + 1]) >= 0;
    printf("ward lookup, grid, points in Hanoi's box:        %6.0f ns  (%.0f%% in a ward)\n",
           (now_ns() - t) / (double)n, 100.0 * (double)found / (double)n);
    t = now_ns();
    for (long i = 0; i < n; i++)
        found2 += brute(a, hn[2 * i], hn[2 * i + 1]) >= 0;
    printf("ward lookup, boxes only (no grid), same points:  %6.0f ns  (%s)\n",
           (now_ns() - t) / (double)n, found == found2 ? "same answers" : "DIFFERENT answers");
    t = now_ns();
    for (long i = 0; i < n; i++) {
        struct ocop_place p;
        ocop_place_locate(&p, a, "01", vn[2 * i], vn[2 * i + 1]);
        sink += p.km;
    }
    printf("place, points over Vietnam's box:                %6.0f ns\n",
           (now_ns() - t) / (double)n);
    t = now_ns();
    for (long i = 0; i < n; i++) {
        struct ocop_place p;
        ocop_place_locate(&p, a, "01", vn[2 * i], vn[2 * i + 1]);
        sink += (double)ocop_place_text(words, sizeof(words), &p, OCOP_PLACE_FULL, (int)(i & 1));
    }
    printf("place in words (full, vi/en), same points:       %6.0f ns\n",
           (now_ns() - t) / (double)n);
    free(hn);
    free(vn);
    ocop_geo_areas_free(a);
    return sink < 0;
}
