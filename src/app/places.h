/*
 * places.h (app): the ward outlines that name scans, read once, and a scan's place.
 * The outlines are Hanoi's (province OCOP_OUTLINES_PROVINCE), from
 * $OCOP_DATA_DIR/vn-admin-units/hanoi-wards.geojson ("data" by default, relative to the
 * working directory), parsed once per process (core/geo.h) and shared read-only by the
 * map page (which projects them) and whatever names places (app/verify.c, the office's
 * scans). Elsewhere places are named by the nearest provincial seat (core/places.h).
 */
#ifndef OCOP_APP_PLACES_H
#define OCOP_APP_PLACES_H

#include <jansson.h>

#include "core/buf.h"
#include "core/geo.h"
#include "core/places.h"

#define OCOP_OUTLINES_PROVINCE "01"

/* The outlines, read on the first call (thread-safe); NULL when the file is missing or
 * broken, which is logged once on stderr. Owned by the process, never freed. */
const struct ocop_geo_areas *ocop_outlines(void);

/* Where (lat, lon) is (ocop_place_locate over the outlines). */
void ocop_app_place(struct ocop_place *out, double lat, double lon);

/* How a place was found, as the JSON answers name it: "ward" (inside a ward of the
 * outlines), "zone" (Hoàng Sa, Trường Sa), "near" (the nearest provincial seat), "abroad",
 * or NULL for no place. */
const char *ocop_place_kind_name(enum ocop_place_kind k);

/*
 * Appends a place as a JSON object. For shoppers (office 0): {"kind", "province_code"
 * (null abroad), "name", "name_en"} with the brief names ("Hà Nội", "khu vực Đà Nẵng"),
 * never the ward. For the office (1): the full names ("Phường Hoàn Kiếm, Hà Nội", "cách
 * trung tâm Đà Nẵng 12 km"), and "ward_code" (kind ward or zone) or "km" (kind near, from
 * the seat, rounded to 0.1), and the brief names too ("brief", "brief_en"). null for no
 * place. No allocation beyond the buffer's.
 */
int ocop_place_json(struct ocop_buf *b, const struct ocop_place *p, int office);
/* The office's object of the place at (lat, lon) (a new reference; json null for no
 * place). */
json_t *ocop_place_object(double lat, double lon);

#endif
