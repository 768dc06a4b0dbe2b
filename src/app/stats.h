/*
 * stats.h: the office dashboard as data: headline counts and the tables behind its
 * charts (each also exported as CSV and XLSX), and the office's targets. For the
 * provincial office (its province) and administrators (any province, or all).
 */
#ifndef OCOP_APP_STATS_H
#define OCOP_APP_STATS_H

#include "app/app.h"
#include "render/xlsx.h"
#include "store/stats.h"

/* The dashboard's tables; their names are the export names ("stars"). */
enum ocop_stats_table {
    OCOP_STATS_STARS,    /* certified products by stars */
    OCOP_STATS_SECTORS,  /* ... by sector */
    OCOP_STATS_YEARS,    /* ... by year of rating (decision of the current certificate) */
    OCOP_STATS_WARDS,    /* ... by ward/commune */
    OCOP_STATS_VILLAGES, /* ... in a craft village or not */
    OCOP_STATS_EXPIRING, /* certificates ending within 90 days */
    OCOP_STATS_EXPIRED,  /* certificates ended and not renewed */
    OCOP_STATS_DOSSIERS, /* dossiers by workflow step */
    OCOP_STATS_TARGETS,  /* targets and progress */
    OCOP_STATS_SCANS,    /* stamp scans per day by verdict */
    OCOP_STATS_COUNT
};

#define OCOP_STATS_SCAN_DAYS 60  /* days of scans shown, today included */
#define OCOP_STATS_SHORT_LIST 10 /* rows of the certificate lists on the page */

const char *ocop_stats_table_name(enum ocop_stats_table t);
/* The table of an export name, or -1. */
int ocop_stats_table_find(const char *name);

/* A target's metric: what is counted against it. */
struct ocop_stats_metric {
    const char *code; /* "five_star_candidates" */
    const char *vi, *en;
};
extern const struct ocop_stats_metric ocop_stats_metrics[];
extern const int ocop_stats_metrics_count;

/* Caller-owned (ocop_dashboard_dispose frees the tables). */
struct ocop_dashboard {
    char province_code[3]; /* "" for the whole country */
    char province_name[128];
    long today; /* day number (core/dates.h) the counts are for */
    int year;
    struct ocop_stats_certs certs;
    long dossiers_open;        /* dossiers not yet in a final state */
    long scans, scans_flagged; /* last OCOP_STATS_SCAN_DAYS days; flagged: copy or forged */
    struct ocop_table tables[OCOP_STATS_COUNT]; /* the certificate lists hold the first rows */
};

/*
 * Fills the dashboard for `province` ("" or NULL: the office's own province; for an
 * administrator the whole country), with texts in English if `en`. OCOP_EUNAUTH,
 * OCOP_EFORBIDDEN (not office or admin, or another province), OCOP_ENOTFOUND (no such
 * province). The caller disposes *out even on failure.
 */
int ocop_app_dashboard(struct ocop_dashboard *out, struct ocop_app *a, const char *province,
                       int en);
void ocop_dashboard_dispose(struct ocop_dashboard *d);

/* One table in full (every row), for an export; OCOP_ENOTFOUND for an unknown name.
 * The caller disposes *out. Same rights as the dashboard. */
int ocop_app_stats_table(struct ocop_table *out, struct ocop_app *a, const char *province,
                         const char *name, int en);

/* A target from the office's form (strings as typed; validated here). */
struct ocop_target_params {
    const char *province; /* for administrators: "" or NULL is the whole country */
    const char *year;     /* 2000..2100 */
    const char *metric;   /* a code of ocop_stats_metrics */
    const char *value;    /* 0..1,000,000; 0 removes the target */
    const char *label;    /* optional, up to 200 characters */
};
/* Sets a target of the actor's province, in one transaction with its audit row. */
int ocop_app_target_set(struct ocop_app *a, const struct ocop_target_params *p);

#endif
