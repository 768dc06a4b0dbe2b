/*
 * places.h: a scan's place in words. Inside a province whose ward outlines are loaded
 * (Hanoi's), the ward: "Phường Hoàn Kiếm, Hà Nội". Elsewhere in Vietnam, the nearest of
 * the 34 provincial seats (after 1 July 2025) and how far: "cách trung tâm Đà Nẵng 12 km".
 * Outside Vietnam's extent (its land and coastal waters, with its islands, drawn
 * coarsely): "ngoài lãnh thổ Việt Nam". Pure: constant tables, no I/O, no allocation.
 */
#ifndef OCOP_CORE_PLACES_H
#define OCOP_CORE_PLACES_H

#include <stddef.h>

#include "core/geo.h"

/* A province and the administrative centre of its government (the seat of its People's
 * Committee), as of 1 July 2025. */
struct ocop_seat {
    const char *code;    /* the province's code in units-2025.json */
    const char *name;    /* its short name: "Đà Nẵng", "TP. Hồ Chí Minh" */
    const char *name_en; /* "Da Nang", "Ho Chi Minh City" */
    double lat, lon;
};

#define OCOP_SEATS 34
extern const struct ocop_seat ocop_seats[OCOP_SEATS];

/* The seat of the province with this code, or NULL. */
const struct ocop_seat *ocop_seat_find(const char *code);
/* The nearest seat (chosen on an equirectangular approximation, then measured on the
 * great circle into *km). NULL only for coordinates out of range or NaN. */
const struct ocop_seat *ocop_seat_nearest(double lat, double lon, double *km);

/* A latitude or longitude as sent by a phone: a plain decimal number ("21.0285",
 * "-0.5", "1.05e2") within [-limit, limit]; NaN for anything else (empty, NULL, spaces,
 * hexadecimal, "nan", "inf", out of range, trailing text). */
double ocop_coord_parse(const char *text, double limit);

/* Whether the point is within Vietnam's extent: its land (with a margin of a few to
 * about fifteen kilometres over its land borders) and coastal waters (about 30 to 50 km
 * out), its island districts (Bạch Long Vĩ, Cồn Cỏ, Lý Sơn, Phú Quý, Côn Đảo, Phú Quốc,
 * Thổ Châu) and the Hoàng Sa and Trường Sa archipelagos. */
int ocop_in_vietnam(double lat, double lon);

/* The special zones far out at sea that are named for themselves rather than by the
 * nearest seat (which would be another province's): the Hoàng Sa and Trường Sa
 * archipelagos, as boxes around their islands and reefs. */
struct ocop_zone {
    const char *code;             /* the zone's code in units-2025.json */
    const char *province;         /* its province's code */
    const char *name, *name_en;   /* "Đặc khu Hoàng Sa", "Hoang Sa Special Zone" */
    const char *brief, *brief_en; /* "Hoàng Sa", "Hoang Sa" */
    double lat0, lon0, lat1, lon1;
};

enum ocop_place_kind {
    OCOP_PLACE_NONE,   /* no position, or one out of range */
    OCOP_PLACE_INSIDE, /* inside an area (a ward) of the loaded outlines */
    OCOP_PLACE_ZONE,   /* in one of the special zones at sea */
    OCOP_PLACE_NEAR,   /* elsewhere in Vietnam: the nearest provincial seat */
    OCOP_PLACE_ABROAD  /* outside Vietnam's extent */
};

struct ocop_place {
    enum ocop_place_kind kind;
    const struct ocop_geo_area *area; /* INSIDE: the ward (borrowed from the areas) */
    const struct ocop_zone *zone;     /* ZONE */
    const struct ocop_seat *seat;     /* INSIDE, ZONE: its province's (NULL if unknown);
                                       * NEAR: the nearest */
    double km;                        /* NEAR: from the seat */
};

/* Where (lat, lon) is. `areas` (may be NULL) are outlines of the wards of the province
 * `province` (its code). */
void ocop_place_locate(struct ocop_place *out, const struct ocop_geo_areas *areas,
                       const char *province, double lat, double lon);

enum ocop_place_style {
    OCOP_PLACE_FULL, /* "Phường Hoàn Kiếm, Hà Nội", "Đặc khu Hoàng Sa, Đà Nẵng",
                      * "cách trung tâm Đà Nẵng 12 km", "ngoài lãnh thổ Việt Nam" (the
                      * office) */
    OCOP_PLACE_BRIEF, /* "Hà Nội", "Hoàng Sa, Đà Nẵng", "khu vực Đà Nẵng", "ngoài lãnh thổ
                       * Việt Nam" (the ward is left out) */
    OCOP_PLACE_IN /* the brief form to follow "scanned": "ở Hà Nội", "ở khu vực Đà
                   * Nẵng", "ngoài lãnh thổ Việt Nam" */
};

/*
 * Writes the place in words, in Vietnamese or (en) English, into out[n] (always
 * terminated; "" for OCOP_PLACE_NONE). Returns the length the whole text needs.
 */
size_t ocop_place_text(char *out, size_t n, const struct ocop_place *p, enum ocop_place_style style,
                       int en);

/* "1.140 km" (vi) or "1,140 km" (en), rounded to the kilometre; "dưới 1 km" / "less than
 * 1 km" below half a kilometre. Returns the length the whole text needs. */
size_t ocop_km_text(char *out, size_t n, double km, int en);
/* A time between two scans: "chưa đầy 1 phút" / "less than a minute", "30 phút" /
 * "30 minutes", "2 giờ 5 phút" / "2 hours 5 minutes", from two days on "3 ngày" /
 * "3 days" (whole units, rounded down). Returns the length the whole text needs. */
size_t ocop_duration_text(char *out, size_t n, long long ms, int en);

/*
 * Two places of scans too far apart, as the far-apart signal's sentence ends:
 * "ở Hà Nội và ở khu vực TP. Hồ Chí Minh, cách nhau 1.140 km trong 30 phút" /
 * "in Hanoi and in the Ho Chi Minh City area, 1,140 km apart in 30 minutes"; when both
 * read the same, "hai nơi ở Hà Nội, ..." / "two places in Hanoi, ...". `a` is the
 * earlier. Returns the length the whole text needs.
 */
size_t ocop_far_apart_text(char *out, size_t n, const struct ocop_place *a,
                           const struct ocop_place *b, double km, long long ms, int en);

/* The two positions farthest apart among the first 256 of pts[n] (unlocated ones, NaN,
 * skipped): *i and *j (i < j), and their great-circle distance in km; -1 when fewer than
 * two are located. Pairs are compared by the chord between unit vectors, no trigonometry
 * per pair. (struct ocop_scan_point: core/verdict.h.) */
struct ocop_scan_point;
double ocop_farthest_pair(const struct ocop_scan_point *pts, size_t n, size_t *i, size_t *j);

#endif
