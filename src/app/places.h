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

#include "core/geo.h"
#include "core/places.h"

#define OCOP_OUTLINES_PROVINCE "01"

/* The outlines, read on the first call (thread-safe); NULL when the file is missing or
 * broken, which is logged once on stderr. Owned by the process, never freed. */
const struct ocop_geo_areas *ocop_outlines(void);

/* Where (lat, lon) is (ocop_place_locate over the outlines). */
void ocop_app_place(struct ocop_place *out, double lat, double lon);

#endif
