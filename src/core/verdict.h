/*
 * verdict.h: what a scan of a stamp means, and why: the verdict rules and the
 * copied-stamp signals over a stamp's scan history, as pure functions.
 */
#ifndef OCOP_CORE_VERDICT_H
#define OCOP_CORE_VERDICT_H

#include <stddef.h>

enum ocop_verdict {
    OCOP_VERDICT_GENUINE,        /* genuine, certificate valid */
    OCOP_VERDICT_NOT_VALID,      /* genuine, but the certificate, stamp, lot or product is not valid */
    OCOP_VERDICT_SUSPECTED_COPY, /* genuine code seen in ways one pack cannot be */
    OCOP_VERDICT_FORGED          /* unknown serial, bad signature or malformed link */
};

/* Why a stamp is forged or not valid. */
enum ocop_reason {
    OCOP_REASON_NONE,
    OCOP_REASON_MALFORMED,       /* not an OCOP stamp link */
    OCOP_REASON_UNKNOWN_SERIAL,
    OCOP_REASON_NO_SIGNATURE,
    OCOP_REASON_BAD_SIGNATURE,   /* signature, key, GTIN or lot differ from what was issued */
    OCOP_REASON_STAMP_REVOKED,
    OCOP_REASON_LOT_REVOKED,
    OCOP_REASON_PRODUCT_WITHDRAWN,
    OCOP_REASON_CERT_NONE,
    OCOP_REASON_CERT_EXPIRED,
    OCOP_REASON_CERT_REVOKED
};

/* Copied-stamp signals (a bit set). */
#define OCOP_SIGNAL_MANY_CLIENTS 1u   /* many different devices within the window */
#define OCOP_SIGNAL_FAR_APART 2u      /* places too far apart for the time between scans */
#define OCOP_SIGNAL_BEFORE_RELEASE 4u /* scanned before the lot was released */
#define OCOP_SIGNAL_TOO_MANY 8u       /* more scans than one pack plausibly gets */

/* Thresholds: configuration (ocop serve --clone-window, --clone-max-devices,
 * --clone-max-scans, --clone-max-speed, --scan-repeat-minutes), defaults in
 * ocop_clone_defaults(). */
struct ocop_clone_rules {
    long window_minutes;       /* the window for MANY_CLIENTS */
    long max_clients;          /* distinct devices allowed within the window */
    long max_scans;            /* total scans allowed for one stamp */
    double max_speed_kmh;      /* faster than this between two located scans: FAR_APART */
    long repeat_minutes;       /* the same device again within this long: the same look at
                                * the pack (a reload, the language switched), not a scan;
                                * 0: every request is a scan */
};
void ocop_clone_defaults(struct ocop_clone_rules *r);

struct ocop_scan_point {
    long long at_ms;
    double lat, lon; /* NAN when unknown */
};

/* What is known of one stamp's scans, including the current one. */
struct ocop_scan_facts {
    long total;                  /* all scans of this stamp */
    long window_clients;         /* distinct clients within the window (this scan's too;
                                  * may stop counting past max_clients) */
    long long now_ms;
    long long release_ms;        /* the lot's release (start of day), 0 if none */
    const struct ocop_scan_point *points; /* recent located scans, newest first */
    size_t npoints;
};

unsigned ocop_clone_signals(const struct ocop_clone_rules *r, const struct ocop_scan_facts *f);

/* Two located scans too far apart for the time between them: indices into the points
 * (a the later, b the earlier), the distance and the time between them. */
struct ocop_far_apart {
    size_t a, b;
    double km;
    long long ms;
};

/* As ocop_clone_signals; when FAR_APART is raised, *far (may be NULL) is the first pair
 * found, the newest scan's first (the current one's, when it is one of the pair). */
unsigned ocop_clone_signals_far(const struct ocop_clone_rules *r, const struct ocop_scan_facts *f,
                                struct ocop_far_apart *far);

/* The journeys one pack cannot make, for the office: each located scan and the located
 * scan just before it (points newest first, as in the facts) whose distance breaks the
 * FAR_APART rule. Writes the first `max` of them, newest first, into out[]; returns how
 * many there are. Between consecutive scans suffices: if every step were possible, so
 * would be the whole journey (the rule's 25 km floor aside). */
size_t ocop_far_apart_pairs(const struct ocop_clone_rules *r, const struct ocop_scan_point *pts,
                            size_t n, struct ocop_far_apart *out, size_t max);

/* The great-circle distance in km. */
double ocop_distance_km(double lat1, double lon1, double lat2, double lon2);

const char *ocop_verdict_name(enum ocop_verdict v);
/* A verdict's short name for people (a table's column, a badge): its name as
 * ocop_verdict_name writes it, in Vietnamese or (en) English; an unknown name as it is. */
const char *ocop_verdict_label(const char *name, int en);
/* One sentence explaining a verdict, in "vi" or "en". `date` (ISO 8601, "2026-09-01",
 * written as the pages write dates: 01/09/2026) and `reason` fill the sentences that have
 * them; either may be NULL. */
int ocop_verdict_sentence(char *out, size_t n, enum ocop_verdict v, enum ocop_reason why,
                          unsigned signals, const char *lang, const char *date,
                          const char *reason);
/* One sentence per signal, in order; returns how many were written into out[]. The
 * far-apart sentence ends with `far_where` when it is given (ocop_far_apart_text in
 * core/places.h: "…: ở Hà Nội và ở khu vực TP. Hồ Chí Minh, cách nhau 1.140 km trong 30
 * phút."). */
#define OCOP_SIGNAL_TEXT 400
int ocop_signal_sentences(char out[][OCOP_SIGNAL_TEXT], int max, unsigned signals,
                          const struct ocop_clone_rules *r, const char *lang,
                          const char *far_where);

#endif
