/* stamps.h: the store's stamps side: signing keys, batches, stamps, the scan log. */
#ifndef OCOP_STORE_STAMPS_H
#define OCOP_STORE_STAMPS_H

#include "store/store.h"

struct ocop_signing_key {
    int64_t id;
    char kid[17];
    unsigned char pk[32];
    unsigned char sk[64];
};

int ocop_store_key_insert(int64_t *id, struct ocop_store *st, const char *kid,
                          const unsigned char pk[32], const unsigned char sk[64]);
/* The newest active key; OCOP_ENOTFOUND if there is none (run `ocop keys generate`). */
int ocop_store_key_active(struct ocop_signing_key *out, struct ocop_store *st);
/* Retires every active key but `keep`. */
int ocop_store_key_retire_others(struct ocop_store *st, int64_t keep);
/* Public keys: [{kid, alg, public_key (base64url), status, created_at, retired_at}]. */
int ocop_store_keys(json_t **out, struct ocop_store *st);

struct ocop_batch_new {
    int64_t product_id, certificate_id, key_id;
    const char *lot, *gtin;  /* gtin: GTIN-14 or NULL */
    long production, expiry, release; /* day numbers; expiry -1 if none */
    long count;
};
int ocop_store_batch_insert(int64_t *id, struct ocop_store *st, const struct ocop_batch_new *b);
/* Inserts one stamp of a batch (inside the caller's transaction). */
int ocop_store_stamp_insert(struct ocop_store *st, int64_t batch_id, const char *serial,
                            const unsigned char sig[64]);
int ocop_store_batch_get(json_t **out, struct ocop_store *st, int64_t id);
int ocop_store_batch_list(json_t **out, struct ocop_store *st, int64_t product_id);
/* Calls fn for each stamp of a batch in order, without loading them all. */
int ocop_store_batch_each(struct ocop_store *st, int64_t batch_id,
                          int (*fn)(void *arg, const char *serial, const unsigned char sig[64]),
                          void *arg);
int ocop_store_batch_revoke(struct ocop_store *st, int64_t batch_id, long day, const char *reason);
int ocop_store_stamp_revoke(struct ocop_store *st, const char *serial, long day,
                            const char *reason);

/* A stamp as a scan needs it. */
struct ocop_stamp_row {
    int64_t id, batch_id;
    char serial[24];
    unsigned char sig[64];  /* the signature issued with it */
    int revoked;
    char revoked_at[32];
    char revoke_reason[256];
};
/* The stamp with that serial; OCOP_ENOTFOUND if none. */
int ocop_store_stamp_find(struct ocop_stamp_row *out, struct ocop_store *st, const char *serial);
/*
 * Everything a scan shows about a batch's stamps: {batch, product, producer, ward,
 * village, certificate} (the product's current certificate, or null). OCOP_ENOTFOUND
 * for an unknown batch.
 */
int ocop_store_batch_view(json_t **out, struct ocop_store *st, int64_t batch_id);
/* Its trace events: ocop_store_trace_events (store/trace.h). */

struct ocop_scan {
    int64_t stamp_id;        /* 0: unknown or forged */
    long long at_ms;
    char client[24];
    double lat, lon;         /* NAN when unknown */
    const char *verdict;     /* a static string */
};
/* Appends scans in one transaction. */
int ocop_store_scans_append(struct ocop_store *st, const struct ocop_scan *scans, size_t n);
/* The newest scan's id (0 if none). Ids are handed out in order and scans are never
 * removed, so a writer that knows how many it inserted can tell others' inserts. */
int ocop_store_scans_last_id(int64_t *out, struct ocop_store *st);
/* Appends scans inside the caller's transaction (the demo's). */
int ocop_store_scans_insert(struct ocop_store *st, const struct ocop_scan *scans, size_t n);

/* The scan logger's journals (migration 0007): whether one's scans were copied into
 * `scans` (known), recording that inside the copy's transaction, and forgetting it once
 * the file is gone. */
int ocop_store_journal_known(int *known, struct ocop_store *st, const char *name);
int ocop_store_journal_mark(struct ocop_store *st, const char *name, long long at_ms);
int ocop_store_journal_forget(struct ocop_store *st, const char *name);

/* A stamp's newest scans, for clone signals and the page. */
#define OCOP_SCAN_ROWS 64
#define OCOP_SCAN_ROWS_TEXT "64"
struct ocop_scan_row {
    long long at_ms;
    double lat, lon;   /* NAN when unknown */
    uint64_t client;   /* the client's keyed hash (struct ocop_scan's hex, as a number:
                        * ocop_scan_client_key in core/stamp.h) */
};
struct ocop_scan_rows {
    long total;         /* all scans of the stamp */
    long long first_ms; /* the first one (0 if none) */
    int n;              /* rows[]: the newest n, newest first */
    struct ocop_scan_row rows[OCOP_SCAN_ROWS];
};
int ocop_store_scan_recent(struct ocop_scan_rows *out, struct ocop_store *st, int64_t stamp_id);
/* Scans per day and verdict since a time (for the dashboard). */
int ocop_store_scan_counts(json_t **out, struct ocop_store *st, long long since_ms);

/*
 * Stamps with scans judged suspected copies at or after since_ms, within f's scope
 * (province_code, ward_code, producer_id of the product's producer; unset: all), the
 * latest suspected first, at most limit: [{serial, stamp_id, product {id, name}, producer
 * {id, name}, ward, province, lot, suspected, first_at, last_at (the suspected scans, ms),
 * scans, devices, located (all the stamp's scans, distinct clients, scans with a place)}].
 */
int ocop_store_flagged_stamps(json_t **out, struct ocop_store *st, const struct ocop_filter *f,
                              long long since_ms, int limit);
/* A stamp's newest located scans (those with lat and lon), newest first, at most max,
 * into out[]; *n is how many. (struct ocop_scan_point: core/verdict.h.) */
struct ocop_scan_point;
int ocop_store_scan_points(struct ocop_scan_point *out, int max, int *n, struct ocop_store *st,
                           int64_t stamp_id);
/* A stamp and its newest scans (at most limit): {serial, stamp_id, lot, release_date,
 * revoked_at, product {id, name}, producer {id, name}, ward, province, scans: [{at (ms),
 * verdict, client, lat, lon}]}. OCOP_ENOTFOUND for an unknown serial. */
int ocop_store_stamp_scans(json_t **out, struct ocop_store *st, const char *serial, int limit);

/* A named installation secret: read it, or store `fresh` (len bytes) the first time. */
int ocop_store_setting_secret(unsigned char *out, size_t len, struct ocop_store *st,
                              const char *key, const unsigned char *fresh);

#endif
