/* demo_activity.h: the demo program's recent activity (stamps, scans, dossiers, targets). */
#ifndef OCOP_APP_DEMO_ACTIVITY_H
#define OCOP_APP_DEMO_ACTIVITY_H

#include <stdint.h>

#include "app/app.h"

/*
 * Adds the last weeks of an office's work to a freshly generated demo registry,
 * inside the caller's (the demo's) transaction: a signing key; stamp batches for
 * 5-star and 4-star products (one lot recalled); about 20,000 scans over the last
 * OCOP_DEMO_SCAN_DAYS days, mostly genuine, some of the recalled lot, a burst of
 * copied codes and some forged ones; dossiers at every step before a decision with
 * one council session (when criteria sets are loaded); this year's targets; and the trace
 * histories of three named products (demo_trace.c), with a lot for those that had none.
 * The shape follows the seed; dates follow a->now, so they stay recent; keys and
 * serials are random as real ones are. 0 or an error code (core/error.h).
 */
int ocop_app_demo_activity(struct ocop_app *a, uint64_t seed);

#define OCOP_DEMO_SCAN_DAYS 60

/* The trace histories (demo_trace.c), inside the demo's transaction: `issue` makes a lot of
 * a product (a products list item) that has none, its batch id into *batch_id. */
int ocop_demo_trace(struct ocop_app *a, long today, int (*issue)(void *arg, int64_t *batch_id,
                                                                json_t *product),
                    void *arg);

#endif
