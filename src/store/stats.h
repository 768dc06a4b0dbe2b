/*
 * stats.h: the store's side of the office dashboard: counts of certified products,
 * certificates, dossiers and stamp scans for one province (or all, with NULL), and
 * the office's targets. Same conventions as store.h: "today" is passed in (a day
 * number, core/dates.h), never read here; rows come back as JSON arrays of objects.
 *
 * "Certified" means the product's current certificate is in force on that day: not
 * revoked, not superseded, valid_until on or after it; the same rule as the API's
 * ?certificate=valid and ?certificate=expiring together (core/dates.c).
 */
#ifndef OCOP_STORE_STATS_H
#define OCOP_STORE_STATS_H

#include "store/stamps.h"
#include "store/store.h"

/* What certified products are counted by. */
enum ocop_stats_by {
    OCOP_STATS_BY_STARS,  /* key: stars (integer) */
    OCOP_STATS_BY_SECTOR, /* key: sector code */
    OCOP_STATS_BY_YEAR,   /* key: decision year of the current certificate ("2024") */
    OCOP_STATS_BY_WARD,   /* key: ward code, name(_en), province(_en); with a province, every ward
                             of it (also those at 0), else wards with products */
    OCOP_STATS_BY_VILLAGE /* key: "recognised" (a recognised craft village), "village"
                             (a craft village not yet recognised), "none" */
};

/* [{key, name?, province?, products}] for certified products of a province (NULL: all). */
int ocop_store_stats_products(json_t **out, struct ocop_store *st, enum ocop_stats_by by,
                              const char *province_code, long today);

/* Products of a province by the state of their current certificate on `today`. */
struct ocop_stats_certs {
    long products;  /* all products */
    long certified; /* current certificate in force (valid or expiring) */
    long expiring;  /* in force, ends within OCOP_CERT_EXPIRING_DAYS */
    long expired;   /* ended, not revoked */
    long revoked;
    long uncertified; /* no certificate at all */
    long candidates;  /* in force and proposed for five stars */
    long stars[6];    /* certified, by stars */
};
int ocop_store_stats_certs(struct ocop_stats_certs *out, struct ocop_store *st,
                           const char *province_code, long today);

/*
 * Products whose current certificate is expiring (soonest first) or, with `expired`,
 * has expired (most recent first): [{id, name, ward, ward_en, stars, number, valid_until}].
 * limit <= 0: all of them.
 */
int ocop_store_stats_cert_list(json_t **out, struct ocop_store *st, const char *province_code,
                               long today, int expired, long limit);

/* Dossiers by state: [{state, dossiers}]. */
int ocop_store_stats_dossiers(json_t **out, struct ocop_store *st, const char *province_code);

/*
 * Stamp scans per UTC day and verdict since `since_ms`: [{day, verdict, scans}]. With
 * a province: scans of that province's stamps, and scans of unknown serials (forged
 * codes name no product, so no province; every office sees them).
 */
int ocop_store_stats_scans(json_t **out, struct ocop_store *st, const char *province_code,
                           long long since_ms);

/*
 * Certified products on day `day` (stars 0: any; candidates: five-star candidates
 * only). With `current`, by the products' current certificates (as the dashboard
 * counts today); else products holding any certificate in force that day (history).
 */
int ocop_store_stats_in_force(long long *out, struct ocop_store *st, const char *province_code,
                              int stars, int candidates, long day, int current);
/* Certificates decided in `year` (stars 0: any). */
int ocop_store_stats_decided(long long *out, struct ocop_store *st, const char *province_code,
                             int stars, int candidates, int year);

/* ---- targets: one value per province (NULL: the whole country), year and metric */
/* Sets a target; value 0 removes it. */
int ocop_store_target_set(struct ocop_store *st, const char *province_code, int year,
                          const char *metric, long long value, const char *label);
/* [{year, metric, value, label}], newest year first. */
int ocop_store_targets(json_t **out, struct ocop_store *st, const char *province_code);

/* ---- id lists (*ids: a new array the caller frees) */
/* The ids of a batch's stamps in order (for the demo, inside its transaction). */
int ocop_store_stamp_ids(int64_t **ids, size_t *n, struct ocop_store *st, int64_t batch_id);
/* Every product's id in order (for the server's cache warmer). */
int ocop_store_product_ids(int64_t **ids, size_t *n, struct ocop_store *st);

#endif
