/* dates.c: civil-date arithmetic (days from civil, H. Hinnant's algorithm) and cert status. */
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

long ocop_date_days(int y, int m, int d)
{
    long era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ocop_date_ymd(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int dates__month_len(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m - 1];
}

int ocop_date_parse(long *days, const char *s)
{
    int v[3] = {0, 0, 0}, widths[3] = {4, 2, 2}, i, k;
    const char *p = s;

    for (i = 0; i < 3; i++) {
        for (k = 0; k < widths[i]; k++, p++) {
            if (*p < '0' || *p > '9')
                return ocop_error_set(OCOP_EINVALID, "dates are written YYYY-MM-DD");
            v[i] = v[i] * 10 + (*p - '0');
        }
        if (i < 2 && *p++ != '-')
            return ocop_error_set(OCOP_EINVALID, "dates are written YYYY-MM-DD");
    }
    if (*p != '\0' || v[0] < 1900 || v[0] > 2999 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
        v[2] > dates__month_len(v[0], v[1]))
        return ocop_error_set(OCOP_EINVALID, "not a real date");
    *days = ocop_date_days(v[0], v[1], v[2]);
    return 0;
}

/* The n characters at s as a decimal number, or -1 if one is not a digit. */
static int dates__number(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "YYYY-MM-DD" at s (10 bytes) as a day number (negative before 1970); -1 if it is not a
 * real date of 1900..2999. */
static int dates__day(long *day, const char *s)
{
    int y = dates__number(s, 4), m = dates__number(s + 5, 2), d = dates__number(s + 8, 2);
    if (y < 1900 || y > 2999 || s[4] != '-' || s[7] != '-' || m < 1 || m > 12 || d < 1 ||
        d > dates__month_len(y, m))
        return -1;
    *day = ocop_date_days(y, m, d);
    return 0;
}

/* The clock time and offset after the day ("THH:MM[:SS[.frac]](Z|+HH:MM|-HH:MM)") as
 * seconds to add to the day's 00:00 UTC (negative, or past a day, with an offset); -1 when
 * malformed. */
static int dates__clock(long *secs, const char *s, size_t len)
{
    size_t p = 6;
    int hh, mm, ss = 0, oh, om;
    if (len < 7 || (s[0] != 'T' && s[0] != 't') || s[3] != ':' ||
        (hh = dates__number(s + 1, 2)) < 0 || hh > 23 || (mm = dates__number(s + 4, 2)) < 0 ||
        mm > 59)
        return -1;
    if (s[p] == ':') {
        if (len < p + 3 || (ss = dates__number(s + p + 1, 2)) < 0 || ss > 59)
            return -1;
        p += 3;
        if (p < len && s[p] == '.') {
            size_t digits = 0;
            for (p++; p < len && s[p] >= '0' && s[p] <= '9'; p++)
                digits++;
            if (digits == 0 || digits > 9)
                return -1;
        }
    }
    *secs = hh * 3600L + mm * 60L + ss;
    if (p + 1 == len && (s[p] == 'Z' || s[p] == 'z'))
        return 0;
    if (p + 6 != len || (s[p] != '+' && s[p] != '-') || s[p + 3] != ':' ||
        (oh = dates__number(s + p + 1, 2)) < 0 || oh > 23 ||
        (om = dates__number(s + p + 4, 2)) < 0 || om > 59)
        return -1;
    *secs -= (s[p] == '+' ? 1 : -1) * (oh * 3600L + om * 60L);
    return 0;
}

int ocop_when_parse(struct ocop_when *out, const char *s, size_t len)
{
    long day = 0, secs = 0;
    int y, m, d;

    memset(out, 0, sizeof(*out));
    if (!s || len < 10 || dates__day(&day, s) != 0 ||
        (len > 10 && dates__clock(&secs, s + 10, len - 10) != 0))
        return ocop_error_set(OCOP_EINVALID, "write a day as YYYY-MM-DD, or a moment as "
                                             "YYYY-MM-DDTHH:MM with its offset (Z or +07:00)");
    if (len == 10) {
        memcpy(out->text, s, 10);
        out->order = (long long)day * 86400 - 7 * 3600;
        return 0;
    }
    out->order = (long long)day * 86400 + secs;
    out->has_time = 1;
    /* the offset may move it across a day, and so out of the years allowed */
    ocop_date_ymd((long)((out->order - ((out->order % 86400) + 86400) % 86400) / 86400), &y, &m,
                  &d);
    if (y < 1900 || y > 2999)
        return ocop_error_set(OCOP_EINVALID, "not a real date");
    ocop_time_format(out->text, sizeof(out->text), (time_t)out->order);
    return 0;
}

void ocop_date_format(char *out, size_t n, long days)
{
    int y, m, d;
    ocop_date_ymd(days, &y, &m, &d);
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

long ocop_date_add_months(long days, int months)
{
    int y, m, d, total, len;
    ocop_date_ymd(days, &y, &m, &d);
    total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    len = dates__month_len(y, m);
    return ocop_date_days(y, m, d > len ? len : d);
}

long ocop_date_today(time_t now)
{
    return (long)(now / 86400);
}

/* Two digits of v at p. */
static void dates__two(char *p, long v)
{
    p[0] = (char)('0' + v / 10 % 10);
    p[1] = (char)('0' + v % 10);
}

void ocop_time_vn(char *out, size_t n, time_t t)
{
    char iso[24];
    ocop_time_format(iso, sizeof(iso), t + 7 * 3600);
    snprintf(out, n, "%.2s/%.2s/%.4s %.5s", iso + 8, iso + 5, iso, iso + 11);
}

void ocop_when_vn(char *out, size_t n, const char *iso)
{
    size_t len = iso ? strlen(iso) : 0;
    char day[11];
    long days;
    int hh, mm, ss;
    if (len < 10 || (snprintf(day, sizeof(day), "%.10s", iso), ocop_date_parse(&days, day) != 0)) {
        snprintf(out, n, "%s", iso ? iso : "");
    } else if (len == 10) {
        snprintf(out, n, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    } else if (len == 20 && iso[19] == 'Z' &&
               sscanf(iso + 10, "T%2d:%2d:%2d", &hh, &mm, &ss) == 3 && hh < 24 && mm < 60 &&
               ss < 61) {
        ocop_time_vn(out, n, (time_t)days * 86400 + hh * 3600 + mm * 60 + ss);
    } else {
        snprintf(out, n, "%s", iso);
    }
}

void ocop_day_vn(char *out, size_t n, const char *iso)
{
    char when[40];
    ocop_when_vn(when, sizeof(when), iso);
    /* "22/11/2026 20:06": the day is the first ten characters */
    if (strlen(when) == 16 && when[2] == '/' && when[5] == '/' && when[10] == ' ')
        when[10] = '\0';
    snprintf(out, n, "%s", when);
}

void ocop_time_format(char *out, size_t n, time_t t)
{
    /* kept per thread: the date part of the last day written (a scan answer prints up to
     * 21 times, most of them of the same few days), and the whole text of the last second
     * written (a stamp copied and scanned many times lists the same second again and
     * again) */
    static _Thread_local long long cached_day = LLONG_MIN;
    static _Thread_local char cached_date[11];
    static _Thread_local int cached_ok; /* the year is in 0..9999 */
    static _Thread_local time_t last_t;
    static _Thread_local char last[21]; /* "": none yet */

    if (t != last_t || !last[0]) {
        long long days = (long long)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
        long secs = (long)(t - (time_t)days * 86400);
        if (days != cached_day) {
            /* days to civil date (H. Hinnant's algorithm): plain arithmetic, no time zone
             * lock */
            long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = (long)(z - era * 146097);
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
            long long y = yoe + era * 400 + (m <= 2);
            memcpy(cached_date, "0000-00-00", 11);
            cached_ok = y >= 0 && y <= 9999;
            if (cached_ok) {
                dates__two(cached_date, (long)(y / 100));
                dates__two(cached_date + 2, (long)(y % 100));
                dates__two(cached_date + 5, m);
                dates__two(cached_date + 8, d);
            }
            cached_day = days;
        }
        memcpy(last, cached_date, 10);
        memcpy(last + 10, "T00:00:00Z", 11);
        if (cached_ok) {
            dates__two(last + 11, secs / 3600);
            dates__two(last + 14, secs / 60 % 60);
            dates__two(last + 17, secs % 60);
        }
        last_t = t;
    }
    if (n >= 21) {
        memcpy(out, last, 21);
    } else if (n) { /* the beginning, like snprintf */
        memcpy(out, last, n - 1);
        out[n - 1] = '\0';
    }
}

enum ocop_cert_status ocop_cert_status(int revoked, int superseded, long valid_until, long today)
{
    if (revoked)
        return OCOP_CERT_REVOKED;
    if (valid_until < today)
        return OCOP_CERT_EXPIRED;
    if (superseded)
        return OCOP_CERT_SUPERSEDED;
    if (valid_until < today + OCOP_CERT_EXPIRING_DAYS)
        return OCOP_CERT_EXPIRING;
    return OCOP_CERT_VALID;
}

static const char *const cert_status_names[] = {OCOP_WORD("valid"), OCOP_WORD("expiring"),
                                                OCOP_WORD("expired"), OCOP_WORD("revoked"),
                                                OCOP_WORD("superseded")};

const char *ocop_cert_status_name(enum ocop_cert_status s)
{
    return cert_status_names[s];
}

int ocop_cert_status_parse(enum ocop_cert_status *out, const char *s)
{
    for (int i = 0; i < 5; i++) {
        if (strcmp(s, cert_status_names[i]) == 0) {
            *out = (enum ocop_cert_status)i;
            return 0;
        }
    }
    return ocop_error_set_field(OCOP_EINVALID, "certificate",
                                "certificate must be valid, expiring, expired, revoked or superseded");
}

long long ocop_wall_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
