/*
 * verifier.h: what the server keeps in memory to answer scans, shared by its workers:
 *  - each stamp batch's public facts (product, producer, place, certificate, trace),
 *    rendered once as JSON text per store epoch (the data version and the day), so a
 *    change to any of them, or a new day, renders them again;
 *  - each recently scanned stamp (its row, under the store epoch it was read in) and
 *    its newest scans (up to OCOP_SCAN_ROWS): read from the database the first time,
 *    then kept up to date with the scans this process answers (including those still
 *    queued for the log), and read again after a minute when the scan log has seen
 *    other servers' scans in the database since (so that those are counted too).
 * So a scan of a stamp scanned recently reads nothing from the database.
 */
#ifndef OCOP_APP_VERIFIER_H
#define OCOP_APP_VERIFIER_H

#include "core/verdict.h"
#include "store/stamps.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct ocop_verifier;

/* What every scan of a batch's stamps shows, rendered once; immutable, shared. */
struct ocop_batch_facts {
    int64_t batch_id, product_id;
    unsigned long epoch;         /* the store epoch it was rendered under */
    char gtin[16], lot[24], kid[40];
    long long release_ms;        /* the lot's release day (0 if none) */
    enum ocop_reason why;        /* why the batch's stamps are not valid, or NONE */
    const char *date, *reason;   /* the date and reason of `why`, or NULL */
    const char *head;            /* "\"product\":{..},\"producer\":{..},\"ward\":{..},
                                  * \"village\":..,\"certificate\":..," */
    const char *batch;           /* the batch as a JSON object */
    const char *trace;           /* the trace events its stamps show (the product's and
                                  * its lot's, not retracted) as a JSON array */
    atomic_int refs;
    char text[];                 /* where the strings above live */
};

/* A verifier that keeps at most max_stamps stamps' scans; a scan this process added is
 * in the database once it is older than *settled (the scan log's clock, wall-clock ms),
 * or, with settled NULL, than settle_ms. *foreign is when others' scans were last seen
 * in the database (ocop_scanlog_foreign); NULL: a stamp's scans are read again every
 * minute regardless. */
int ocop_verifier_new(struct ocop_verifier **out, size_t max_stamps, long settle_ms,
                      const atomic_llong *settled, const atomic_llong *foreign);
void ocop_verifier_free(struct ocop_verifier *v);

/* The facts of batch_id rendered under epoch, with a reference the caller releases;
 * NULL if there are none (yet). */
struct ocop_batch_facts *ocop_verifier_facts(struct ocop_verifier *v, int64_t batch_id,
                                             unsigned long epoch);
/* Keeps f for later scans (takes no reference from the caller). */
void ocop_verifier_keep(struct ocop_verifier *v, struct ocop_batch_facts *f);
void ocop_batch_facts_release(struct ocop_batch_facts *f);

/* The stamp with that serial (OCOP_ENOTFOUND if none) and its newest scans: from
 * memory when it was read under the same store epoch, else from st. A revoked stamp is
 * always read from st (its row says when and why). */
int ocop_verifier_stamp(struct ocop_verifier *v, struct ocop_store *st, const char *serial,
                        unsigned long epoch, long long now_ms, struct ocop_stamp_row *row,
                        struct ocop_scan_rows *out);
/* Adds a scan of serial this process answered (it is also queued for the scan log). */
void ocop_verifier_scanned(struct ocop_verifier *v, const char *serial,
                           const struct ocop_scan *scan);

#endif
