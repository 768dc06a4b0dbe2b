/* dates.h: calendar dates (UTC, ISO 8601 "YYYY-MM-DD") as day numbers. */
#ifndef OCOP_CORE_DATES_H
#define OCOP_CORE_DATES_H

#include <stddef.h>
#include <time.h>

/* Days since 1970-01-01 of a proleptic Gregorian date. */
long ocop_date_days(int y, int m, int d);
void ocop_date_ymd(long days, int *y, int *m, int *d);
/* Parses exactly "YYYY-MM-DD" of a real date (1900..2999). 0 or OCOP_EINVALID. */
int ocop_date_parse(long *days, const char *s);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void ocop_date_format(char *out, size_t n, long days);
/* Adds calendar months, clamping the day (2024-01-31 + 1 month = 2024-02-29). */
long ocop_date_add_months(long days, int months);
long ocop_date_today(time_t now);
/* The wall clock in milliseconds since 1970: the time of a scan, and the scan log's
 * settled clock (the two are compared, so both read this). */
long long ocop_wall_ms(void);
/* "YYYY-MM-DDTHH:MM:SSZ" of a time, into out (at least 21 bytes). */
void ocop_time_format(char *out, size_t n, time_t t);
/* Vietnam's time (UTC+7 all year, no daylight saving) as people read it there:
 * "22/11/2026 20:06", into out (at least 17 bytes). The pages show scans this way. */
void ocop_time_vn(char *out, size_t n, time_t t);
/* A date or a moment as records keep them, as people in Vietnam read them: "2026-11-22"
 * as 22/11/2026; a UTC moment, "2026-11-22T13:06:37Z", in Vietnam's time as
 * 22/11/2026 20:06 (ocop_time_vn); anything else (NULL: "") as it is. */
void ocop_when_vn(char *out, size_t n, const char *iso);
/* The day alone, as the pages write dates: "2026-11-22" as 22/11/2026, a UTC moment as its
 * day in Vietnam; anything else (NULL: "") as it is. */
void ocop_day_vn(char *out, size_t n, const char *iso);

/*
 * When something happened, as people and programs write it (a subset of RFC 3339): a day,
 * "YYYY-MM-DD" (a day in Vietnam), or a moment, "YYYY-MM-DDTHH:MM", optionally ":SS" and
 * a fraction of a second (dropped), then "Z" or an offset "+HH:MM" / "-HH:MM" ("T" and "Z"
 * in either case). A moment without its offset is refused: 08:00 of which clock?
 */
struct ocop_when {
    char text[21];   /* the day "YYYY-MM-DD", or the moment in UTC "YYYY-MM-DDTHH:MM:SSZ" */
    long long order; /* Unix seconds: the moment, or the day's start in Vietnam (00:00 UTC+7) */
    int has_time;
};
/* Parses the len bytes at s (no NUL needed): 0, or OCOP_EINVALID with a message. Days and
 * moments (in UTC) fall in the years 1900 to 2999, as ocop_date_parse's. */
int ocop_when_parse(struct ocop_when *out, const char *s, size_t len);

#define OCOP_CERT_EXPIRING_DAYS 90

/* A certificate's status on a given day: the one rule behind every screen and filter. */
enum ocop_cert_status {
    OCOP_CERT_VALID,
    OCOP_CERT_EXPIRING,
    OCOP_CERT_EXPIRED,
    OCOP_CERT_REVOKED,
    OCOP_CERT_SUPERSEDED
};
enum ocop_cert_status ocop_cert_status(int revoked, int superseded, long valid_until, long today);
const char *ocop_cert_status_name(enum ocop_cert_status s);
int ocop_cert_status_parse(enum ocop_cert_status *out, const char *s);

#endif
