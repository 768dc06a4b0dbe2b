/* trace.h (store): a product's trace events, append-only but for their retraction
 * (migration 0010). */
#ifndef OCOP_STORE_TRACE_H
#define OCOP_STORE_TRACE_H

#include "store/store.h"

/* A new event, checked by the app (core/trace.h). */
struct ocop_trace_row {
    int64_t product_id;
    int64_t batch_id;   /* its lot; 0: the product as a whole */
    const char *at;     /* "YYYY-MM-DD", or a moment "YYYY-MM-DDTHH:MM:SSZ" */
    long long at_order; /* Unix seconds it sorts by (struct ocop_when) */
    const char *kind, *description;
    const char *ward_code; /* an existing ward's code, or NULL */
    const char *place;     /* free text, or NULL */
    int64_t recorded_by;   /* the user; 0: the operator's shell */
};

/*
 * An event as answers show it. Everyone's (the stamp page, the public list): {id, at, kind,
 * description, place, ward: {code, full_name, full_name_en, province_code, province_name,
 * province_name_en} or null, lot (its lot code, or null)}. The office's adds {product_id,
 * batch_id, recorded_at, recorded_by: {id, email} or null (the operator's shell),
 * retracted_at, retracted_by, retract_reason}.
 */
int ocop_store_trace_insert(int64_t *id, struct ocop_store *st, const struct ocop_trace_row *e);
/* Retracts an event (user_id 0: the operator's shell): OCOP_ENOTFOUND, or OCOP_ECONFLICT
 * when it was retracted already. */
int ocop_store_trace_retract(struct ocop_store *st, int64_t id, int64_t user_id,
                             const char *reason);
/* One event, as the office sees it; OCOP_ENOTFOUND. */
int ocop_store_trace_get(json_t **out, struct ocop_store *st, int64_t id);
/*
 * A product's events, oldest first (the newest OCOP_TRACE_LIST_MAX of them). `office`: all
 * of them, retracted ones too, as the office sees them; else those not retracted, as
 * everyone sees them, and with `lot` (not NULL) only the product-wide ones and those of that
 * lot code.
 */
#define OCOP_TRACE_LIST_MAX 500
int ocop_store_trace_list(json_t **out, struct ocop_store *st, int64_t product_id, int office,
                          const char *lot);
/*
 * What every stamp of a batch shows: its product's events not retracted, those of the
 * product as a whole and those of the batch's lot (any batch of the product with the same
 * lot code: more stamps printed for a lot are the same lot), not other lots', oldest first
 * (the newest OCOP_TRACE_STAMP_MAX of them). One statement: it runs when a batch's facts are
 * rendered for the scans (app/verify.c), not at each scan. batch_id 0: the product-wide
 * events alone (the product's public page).
 */
#define OCOP_TRACE_STAMP_MAX 100
int ocop_store_trace_events(json_t **out, struct ocop_store *st, int64_t product_id,
                            int64_t batch_id);
/* Whether the product has an event of one of its lots not retracted (*yes 1 or 0). */
int ocop_store_trace_has_lot_events(int *yes, struct ocop_store *st, int64_t product_id);
/* The newest stamp batch of a product with that lot code; OCOP_ENOTFOUND if none. */
int ocop_store_trace_lot_batch(int64_t *batch_id, struct ocop_store *st, int64_t product_id,
                               const char *lot);
/* A stamp batch's product; OCOP_ENOTFOUND if there is no such batch. */
int ocop_store_batch_product(int64_t *product_id, struct ocop_store *st, int64_t batch_id);

#endif
