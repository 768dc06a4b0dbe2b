/* verdict.c: stamp verdicts and copied-stamp signals. */
#include "core/verdict.h"
#include "core/buf.h"
#include "core/dates.h"

#include <math.h>
#include <string.h>

void ocop_clone_defaults(struct ocop_clone_rules *r)
{
    r->window_minutes = 60;
    r->max_clients = 4;
    r->max_scans = 40;
    r->max_speed_kmh = 300;
    r->repeat_minutes = 10;
}

double ocop_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    const double rad = M_PI / 180, earth = 6371.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * earth * asin(sqrt(h < 1 ? h : 1));
}

/* Whether a pack could not have gone from one located scan to the other: more than
 * 25 km, faster than the limit (the time counted as at least a minute). */
static int verdict__too_far(const struct ocop_clone_rules *r, const struct ocop_scan_point *a,
                            const struct ocop_scan_point *b, struct ocop_far_apart *far)
{
    double km, hours;
    if (isnan(a->lat) || isnan(a->lon) || isnan(b->lat) || isnan(b->lon))
        return 0;
    km = ocop_distance_km(a->lat, a->lon, b->lat, b->lon);
    hours = fabs((double)(a->at_ms - b->at_ms)) / 3600000.0;
    if (!(km > 25 && km > r->max_speed_kmh * (hours > 1.0 / 60 ? hours : 1.0 / 60)))
        return 0;
    far->km = km;
    far->ms = a->at_ms > b->at_ms ? a->at_ms - b->at_ms : b->at_ms - a->at_ms;
    return 1;
}

/* Any two located scans whose distance needs a speed above the limit. */
static int verdict__far_apart(const struct ocop_clone_rules *r, const struct ocop_scan_facts *f,
                              struct ocop_far_apart *far)
{
    for (size_t i = 0; i < f->npoints; i++) {
        if (isnan(f->points[i].lat))
            continue;
        for (size_t k = i + 1; k < f->npoints; k++)
            if (verdict__too_far(r, &f->points[i], &f->points[k], far)) {
                far->a = i;
                far->b = k;
                return 1;
            }
    }
    return 0;
}

unsigned ocop_clone_signals_far(const struct ocop_clone_rules *r, const struct ocop_scan_facts *f,
                                struct ocop_far_apart *far)
{
    struct ocop_far_apart pair;
    unsigned s = 0;
    if (f->window_clients > r->max_clients)
        s |= OCOP_SIGNAL_MANY_CLIENTS;
    if (f->total > r->max_scans)
        s |= OCOP_SIGNAL_TOO_MANY;
    if (f->release_ms > 0 && f->now_ms < f->release_ms)
        s |= OCOP_SIGNAL_BEFORE_RELEASE;
    if (verdict__far_apart(r, f, &pair)) {
        s |= OCOP_SIGNAL_FAR_APART;
        if (far)
            *far = pair;
    }
    return s;
}

unsigned ocop_clone_signals(const struct ocop_clone_rules *r, const struct ocop_scan_facts *f)
{
    return ocop_clone_signals_far(r, f, NULL);
}

size_t ocop_far_apart_pairs(const struct ocop_clone_rules *r, const struct ocop_scan_point *pts,
                            size_t n, struct ocop_far_apart *out, size_t max)
{
    size_t found = 0, later = n;
    for (size_t i = 0; i < n; i++) {
        struct ocop_far_apart pair;
        if (isnan(pts[i].lat) || isnan(pts[i].lon))
            continue;
        if (later < n && verdict__too_far(r, &pts[later], &pts[i], &pair)) {
            pair.a = later;
            pair.b = i;
            if (found < max)
                out[found] = pair;
            found++;
        }
        later = i;
    }
    return found;
}

const char *ocop_verdict_name(enum ocop_verdict v)
{
    static const char *const names[] = {"genuine", "not_valid", "suspected_copy", "forged"};
    return v <= OCOP_VERDICT_FORGED ? names[v] : "forged";
}

const char *ocop_verdict_label(const char *name, int en)
{
    static const char *const labels[][2] = {{"Chính hãng", "Genuine"},
                                            {"Không còn hiệu lực", "Not valid"},
                                            {"Nghi sao chép", "Suspected copy"},
                                            {"Giả mạo", "Forged"}};
    for (int v = OCOP_VERDICT_GENUINE; name && v <= OCOP_VERDICT_FORGED; v++)
        if (strcmp(name, ocop_verdict_name((enum ocop_verdict)v)) == 0)
            return labels[v][en ? 1 : 0];
    return name ? name : "";
}

static const char *verdict__text(enum ocop_verdict v, enum ocop_reason why, int en)
{
    switch (v) {
    case OCOP_VERDICT_GENUINE:
        return en ? "Genuine OCOP stamp: the product's certificate is valid today."
                  : "Tem OCOP chính hãng: giấy chứng nhận của sản phẩm còn hiệu lực hôm nay.";
    case OCOP_VERDICT_SUSPECTED_COPY:
        return en ? "This code is genuine, but it is being scanned in ways a single pack cannot "
                    "be: the stamp may have been copied."
                  : "Mã này là mã thật nhưng được quét theo cách một sản phẩm không thể có: tem có "
                    "thể đã bị sao chép.";
    default:
        break;
    }
    switch (why) {
    case OCOP_REASON_UNKNOWN_SERIAL:
        return en ? "Not an OCOP stamp: no stamp with this serial was ever issued."
                  : "Không phải tem OCOP: chưa từng có tem nào mang số sê-ri này.";
    case OCOP_REASON_NO_SIGNATURE:
        return en ? "Not a genuine OCOP stamp: the code carries no signature."
                  : "Không phải tem OCOP thật: mã không có chữ ký số.";
    case OCOP_REASON_BAD_SIGNATURE:
        return en ? "Forged: the code does not match the stamp that was issued with this serial."
                  : "Tem giả: mã không khớp với tem đã được cấp với số sê-ri này.";
    case OCOP_REASON_STAMP_REVOKED:
        return en ? "Withdrawn: this stamp was revoked on %s (%s)."
                  : "Đã thu hồi: tem này bị thu hồi ngày %s (%s).";
    case OCOP_REASON_LOT_REVOKED:
        return en ? "Withdrawn: this product lot was recalled on %s (%s)."
                  : "Đã thu hồi: lô sản phẩm này bị thu hồi ngày %s (%s).";
    case OCOP_REASON_PRODUCT_WITHDRAWN:
        return en ? "Genuine stamp, but the product is no longer an OCOP product on sale."
                  : "Tem thật, nhưng sản phẩm không còn được lưu hành là sản phẩm OCOP.";
    case OCOP_REASON_CERT_NONE:
        return en ? "Genuine stamp, but the product holds no OCOP certificate."
                  : "Tem thật, nhưng sản phẩm không có giấy chứng nhận OCOP.";
    case OCOP_REASON_CERT_EXPIRED:
        return en ? "Genuine stamp, but the OCOP certificate expired on %s: the stars may no "
                    "longer be used."
                  : "Tem thật, nhưng giấy chứng nhận OCOP đã hết hạn từ ngày %s: sản phẩm không "
                    "còn được dùng hạng sao.";
    case OCOP_REASON_CERT_REVOKED:
        return en ? "Genuine stamp, but the OCOP certificate was revoked on %s (%s)."
                  : "Tem thật, nhưng giấy chứng nhận OCOP đã bị thu hồi ngày %s (%s).";
    default:
        return en ? "Not an OCOP stamp link: the code is malformed."
                  : "Không phải đường dẫn tem OCOP: mã bị sai cấu trúc.";
    }
}

/* Sentences are written piece by piece (no printf: one is written for every scan). */
struct verdict__text_out {
    char *p;
    size_t n, len; /* len: the whole text's length, even past n */
};

static void verdict__put(struct verdict__text_out *o, const char *s, size_t len)
{
    if (o->len + 1 < o->n) {
        size_t room = o->n - 1 - o->len;
        memcpy(o->p + o->len, s, len < room ? len : room);
    }
    o->len += len;
    if (o->n)
        o->p[o->len < o->n ? o->len : o->n - 1] = '\0';
}

static void verdict__putl(struct verdict__text_out *o, long v)
{
    char digits[24];
    size_t len;
    const char *p = ocop_long_digits(digits, v, &len);
    verdict__put(o, p, len);
}

int ocop_verdict_sentence(char *out, size_t n, enum ocop_verdict v, enum ocop_reason why,
                          unsigned signals, const char *lang, const char *date,
                          const char *reason)
{
    const char *fmt = verdict__text(v, why, lang && strcmp(lang, "en") == 0);
    const char *fill[2] = {date ? date : "?", reason ? reason : ""};
    struct verdict__text_out o = {out, n, 0};
    char day[40];
    (void)signals;
    if (n)
        out[0] = '\0';
    /* the sentences are a fixed table: at most two %s, filled in order (the first, a date,
     * written as the pages write dates; a genuine stamp's sentence has none) */
    for (int k = 0;; k++) {
        const char *mark = k < 2 ? strstr(fmt, "%s") : NULL;
        if (!mark) {
            verdict__put(&o, fmt, strlen(fmt));
            return (int)o.len;
        }
        if (k == 0 && date) {
            ocop_day_vn(day, sizeof(day), date);
            fill[0] = day;
        }
        verdict__put(&o, fmt, (size_t)(mark - fmt));
        verdict__put(&o, fill[k], strlen(fill[k]));
        fmt = mark + 2;
    }
}

/* Writes one signal's sentence: text, number, text, number, text (NULL parts skipped). */
static void verdict__signal(char out[OCOP_SIGNAL_TEXT], const char *a, long x, const char *b,
                            long y, const char *c)
{
    struct verdict__text_out o = {out, OCOP_SIGNAL_TEXT, 0};
    out[0] = '\0';
    verdict__put(&o, a, strlen(a));
    if (b) {
        verdict__putl(&o, x);
        verdict__put(&o, b, strlen(b));
    }
    if (c) {
        verdict__putl(&o, y);
        verdict__put(&o, c, strlen(c));
    }
}

int ocop_signal_sentences(char out[][OCOP_SIGNAL_TEXT], int max, unsigned signals,
                          const struct ocop_clone_rules *r, const char *lang,
                          const char *far_where)
{
    int en = lang && strcmp(lang, "en") == 0, n = 0;
    if ((signals & OCOP_SIGNAL_MANY_CLIENTS) && n < max)
        verdict__signal(out[n++], en ? "More than " : "Hơn ", r->max_clients,
                        en ? " different devices scanned it within " : " thiết bị khác nhau đã quét tem trong ",
                        r->window_minutes, en ? " minutes." : " phút.");
    if ((signals & OCOP_SIGNAL_FAR_APART) && n < max) {
        struct verdict__text_out o = {out[n++], OCOP_SIGNAL_TEXT, 0};
        const char *s = en ? "It was scanned in places too far apart for the time between the "
                             "scans"
                           : "Tem được quét ở những nơi quá xa nhau so với thời gian giữa các "
                             "lần quét";
        o.p[0] = '\0';
        verdict__put(&o, s, strlen(s));
        if (far_where && *far_where) {
            verdict__put(&o, ": ", 2);
            verdict__put(&o, far_where, strlen(far_where));
        }
        verdict__put(&o, ".", 1);
    }
    if ((signals & OCOP_SIGNAL_BEFORE_RELEASE) && n < max)
        verdict__signal(out[n++], en ? "It was scanned before its lot was released for sale."
                                     : "Tem được quét trước ngày lô hàng được phép lưu thông.",
                        0, NULL, 0, NULL);
    if ((signals & OCOP_SIGNAL_TOO_MANY) && n < max)
        verdict__signal(out[n++], en ? "It has been scanned more than " : "Tem đã được quét hơn ",
                        r->max_scans, en ? " times." : " lần.", 0, NULL);
    return n;
}
