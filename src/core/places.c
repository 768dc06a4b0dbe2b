/* places.c: provincial seats, Vietnam's extent and a place in words (core/places.h). */
#include "core/places.h"
#include "core/text.h"
#include "core/verdict.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The 34 provinces after the reorganisation of 1 July 2025 (National Assembly Resolution
 * 202/2025/QH15, which named each merged province's political and administrative centre)
 * and where that centre is: the town whose provincial offices became the new province's,
 * its centre's latitude and longitude written here from public maps, to about a kilometre
 * (data/vn-admin-units/README.md). Keyed by the codes of units-2025.json; the short names
 * are its `Name`/`NameEn`, except TP. Hồ Chí Minh / Ho Chi Minh City (a unit test checks
 * them against the file).
 */
/* clang-format off */
const struct ocop_seat ocop_seats[OCOP_SEATS] = {
    {"01", "Hà Nội", "Hanoi", 21.028, 105.854},               /* Hoàn Kiếm */
    {"04", "Cao Bằng", "Cao Bang", 22.666, 106.258},
    {"08", "Tuyên Quang", "Tuyen Quang", 21.818, 105.211},    /* with Hà Giang */
    {"11", "Điện Biên", "Dien Bien", 21.386, 103.023},        /* Điện Biên Phủ */
    {"12", "Lai Châu", "Lai Chau", 22.396, 103.458},
    {"14", "Sơn La", "Son La", 21.327, 103.914},
    {"15", "Lào Cai", "Lao Cai", 21.706, 104.872},            /* Yên Bái */
    {"19", "Thái Nguyên", "Thai Nguyen", 21.593, 105.844},    /* with Bắc Kạn */
    {"20", "Lạng Sơn", "Lang Son", 21.853, 106.761},
    {"22", "Quảng Ninh", "Quang Ninh", 20.951, 107.080},      /* Hạ Long */
    {"24", "Bắc Ninh", "Bac Ninh", 21.273, 106.195},          /* Bắc Giang */
    {"25", "Phú Thọ", "Phu Tho", 21.323, 105.402},            /* Việt Trì */
    {"31", "Hải Phòng", "Haiphong", 20.845, 106.688},         /* with Hải Dương */
    {"33", "Hưng Yên", "Hung Yen", 20.646, 106.051},          /* with Thái Bình */
    {"37", "Ninh Bình", "Ninh Binh", 20.251, 105.975},        /* with Hà Nam, Nam Định */
    {"38", "Thanh Hoá", "Thanh Hoa", 19.807, 105.776},
    {"40", "Nghệ An", "Nghe An", 18.679, 105.681},            /* Vinh */
    {"42", "Hà Tĩnh", "Ha Tinh", 18.343, 105.906},
    {"44", "Quảng Trị", "Quang Tri", 17.469, 106.622},        /* Đồng Hới */
    {"46", "Huế", "Hue", 16.464, 107.591},
    {"48", "Đà Nẵng", "Da Nang", 16.068, 108.221},            /* with Quảng Nam */
    {"51", "Quảng Ngãi", "Quang Ngai", 15.121, 108.804},      /* with Kon Tum */
    {"52", "Gia Lai", "Gia Lai", 13.776, 109.224},            /* Quy Nhơn */
    {"56", "Khánh Hoà", "Khanh Hoa", 12.239, 109.197},        /* Nha Trang */
    {"66", "Đắk Lắk", "Dak Lak", 12.667, 108.050},            /* Buôn Ma Thuột */
    {"68", "Lâm Đồng", "Lam Dong", 11.940, 108.458},          /* Đà Lạt */
    {"75", "Đồng Nai", "Dong Nai", 10.957, 106.843},          /* Biên Hoà */
    {"79", "TP. Hồ Chí Minh", "Ho Chi Minh City", 10.777, 106.701},
    {"80", "Tây Ninh", "Tay Ninh", 10.536, 106.414},          /* Tân An */
    {"82", "Đồng Tháp", "Dong Thap", 10.360, 106.360},        /* Mỹ Tho */
    {"86", "Vĩnh Long", "Vinh Long", 10.254, 105.972},
    {"91", "An Giang", "An Giang", 10.013, 105.081},          /* Rạch Giá */
    {"92", "Cần Thơ", "Can Tho", 10.034, 105.788},
    {"96", "Cà Mau", "Ca Mau", 9.177, 105.152},
};

/*
 * Vietnam's extent, coarsely: its land widened by about 10 km over the land borders and
 * 40 km out to sea (the territorial sea is 22 km), simplified to within 4 km, lon/lat
 * pairs. Drawn for this project from Natural Earth's 1:10m boundaries (public domain)
 * with the small island districts NE leaves out added (Bạch Long Vĩ, Cồn Cỏ, Lý Sơn,
 * Thổ Châu, Nam Du); checked: every Vietnamese point of NE lies inside with at least
 * 5 km to spare, and no point of Laos, Cambodia or China lies more than 10 km inside.
 * Rings of one even-odd polygon: vn_rings holds where each ring starts, in pairs. The
 * Hoàng Sa and Trường Sa archipelagos are the zones below.
 */
static const double vn_extent[] = {
    /* ring of 209: 102.03-109.85E 8.05-23.46N */
     108.37, 21.33, 108.22, 21.11, 108.18, 20.86, 108.04, 20.69, 107.70, 20.52, 107.94, 20.47,
     108.09, 20.30, 108.12, 20.08, 108.03, 19.88, 107.74, 19.74, 107.58, 19.77, 107.42, 19.87,
     107.33, 20.19, 107.49, 20.45, 106.96, 20.35, 106.95, 20.18, 106.85, 19.99, 106.29, 19.65,
     106.39, 19.47, 106.38, 19.25, 106.28, 19.09, 106.08, 18.97, 106.30, 18.60, 106.74, 18.33,
     106.89, 18.02, 106.87, 17.81, 107.02, 17.60, 107.15, 17.51, 107.40, 17.55, 107.61, 17.45,
     107.74, 17.22, 107.70, 16.99, 108.03, 16.71, 108.22, 16.67, 108.60, 16.41, 108.84, 15.85,
     108.99, 15.75, 109.30, 15.73, 109.50, 15.51, 109.50, 15.25, 109.32, 15.04, 109.44, 14.83,
     109.67, 13.96, 109.69, 13.22, 109.83, 12.99, 109.85, 12.65, 109.71, 12.31, 109.66, 11.80,
     109.57, 11.56, 109.30, 11.12, 108.98, 10.91, 109.28, 10.75, 109.34, 10.43, 109.25, 10.26,
     109.13, 10.17, 108.81, 10.15, 108.58, 10.36, 108.58, 10.67, 108.34, 10.55, 108.18, 10.38,
     107.96, 10.34, 107.42, 10.04, 107.13, 9.96, 106.90, 9.45, 106.75, 9.28, 106.51, 9.19,
     106.36, 9.04, 105.74, 8.82, 105.57, 8.55, 105.21, 8.29, 105.08, 8.12, 104.93, 8.05,
     104.73, 8.05, 104.50, 8.20, 104.35, 8.55, 104.45, 9.30, 104.29, 9.29, 104.11, 9.37,
     104.00, 9.48, 103.95, 9.66, 103.72, 9.80, 103.50, 10.22, 103.49, 10.49, 103.55, 10.59,
     103.64, 10.50, 103.75, 10.51, 103.70, 10.56, 103.81, 10.54, 103.87, 10.70, 103.95, 10.59,
     104.25, 10.57, 104.31, 10.48, 104.44, 10.51, 104.55, 10.62, 104.80, 10.61, 104.96, 10.75,
     104.94, 10.95, 105.07, 11.04, 105.29, 10.97, 105.38, 11.05, 105.74, 11.11, 106.03, 10.94,
     105.76, 11.26, 105.78, 11.43, 105.70, 11.59, 105.73, 11.68, 106.00, 11.86, 106.31, 11.78,
     106.30, 11.99, 106.35, 12.05, 106.65, 12.07, 106.74, 12.15, 106.91, 12.16, 107.18, 12.39,
     107.43, 12.40, 107.47, 12.57, 107.37, 13.03, 107.51, 13.49, 107.23, 14.12, 107.26, 14.37,
     107.39, 14.52, 107.43, 14.67, 107.36, 15.05, 107.50, 15.14, 107.55, 15.25, 107.30, 15.43,
     107.06, 15.74, 107.10, 15.91, 107.26, 15.98, 107.03, 16.21, 106.92, 16.22, 106.79, 16.35,
     106.60, 16.39, 106.45, 16.63, 106.44, 16.88, 106.34, 16.94, 106.22, 17.15, 105.65, 17.62,
     105.42, 18.05, 105.27, 18.09, 105.09, 18.25, 104.99, 18.44, 105.02, 18.61, 104.67, 18.71,
     104.10, 19.10, 103.77, 19.25, 103.78, 19.37, 103.98, 19.51, 103.90, 19.64, 103.94, 19.75,
     104.24, 19.80, 104.56, 19.71, 104.67, 19.82, 104.71, 19.96, 104.84, 20.07, 104.80, 20.13,
     104.60, 20.14, 104.54, 20.32, 104.28, 20.39, 104.29, 20.51, 104.44, 20.63, 104.09, 20.86,
     103.85, 20.76, 103.79, 20.62, 103.69, 20.57, 103.07, 20.78, 102.71, 21.23, 102.87, 21.61,
     102.59, 21.59, 102.52, 21.84, 102.08, 22.25, 102.03, 22.42, 102.43, 22.86, 102.88, 22.68,
     102.98, 22.55, 103.29, 22.88, 103.49, 22.77, 103.68, 22.88, 103.92, 22.66, 104.05, 22.88,
     104.27, 22.91, 104.34, 22.79, 104.52, 22.92, 104.66, 22.91, 104.73, 22.97, 104.72, 23.13,
     104.83, 23.25, 105.32, 23.46, 105.50, 23.33, 105.63, 23.14, 105.87, 23.02, 106.15, 23.06,
     106.31, 22.95, 106.50, 23.01, 106.85, 22.86, 106.89, 22.75, 106.63, 22.41, 106.72, 22.35,
     106.77, 22.09, 107.06, 22.00, 107.11, 21.87, 107.21, 21.80, 107.52, 21.70, 107.84, 21.74,
     108.07, 21.54, 108.24, 21.64, 108.21, 21.50, 108.32, 21.65, 108.36, 21.52,
    /* ring of 11: 106.19-107.03E 8.29-9.12N */
     106.71, 8.31, 106.52, 8.29, 106.25, 8.48, 106.19, 8.65, 106.20, 8.79, 106.42, 9.05,
     106.72, 9.12, 106.97, 8.97, 107.03, 8.68, 106.98, 8.52, 106.86, 8.40,
    /* ring of 8: 103.08-103.86E 8.92-9.68N */
     103.26, 8.97, 103.08, 9.21, 103.12, 9.50, 103.37, 9.68, 103.68, 9.63, 103.86, 9.39,
     103.82, 9.10, 103.57, 8.92,
};
static const int vn_rings[] = {0, 209, 220, 228};
/* clang-format on */

static const struct ocop_zone zones[] = {
    {"20333", "48", "Đặc khu Hoàng Sa", "Hoang Sa Special Zone", "Hoàng Sa", "Hoang Sa", 15.65,
     111.00, 17.20, 112.95},
    {"22736", "56", "Đặc khu Trường Sa", "Truong Sa Special Zone", "Trường Sa", "Truong Sa", 7.30,
     111.30, 11.80, 116.40},
};

static const struct ocop_zone *places__zone(double lat, double lon)
{
    for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
        if (lat >= zones[i].lat0 && lat <= zones[i].lat1 && lon >= zones[i].lon0 &&
            lon <= zones[i].lon1)
            return &zones[i];
    return NULL;
}

const struct ocop_seat *ocop_seat_find(const char *code)
{
    for (int i = 0; code && i < OCOP_SEATS; i++)
        if (strcmp(ocop_seats[i].code, code) == 0)
            return &ocop_seats[i];
    return NULL;
}

static int places__in_range(double lat, double lon)
{
    return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180; /* false for NaN */
}

const struct ocop_seat *ocop_seat_nearest(double lat, double lon, double *km)
{
    const struct ocop_seat *best = NULL;
    double k = cos(lat * M_PI / 180), least = HUGE_VAL;
    if (!places__in_range(lat, lon))
        return NULL;
    for (int i = 0; i < OCOP_SEATS; i++) {
        double dy = lat - ocop_seats[i].lat, dx = remainder(lon - ocop_seats[i].lon, 360) * k;
        if (dx * dx + dy * dy < least) {
            least = dx * dx + dy * dy;
            best = &ocop_seats[i];
        }
    }
    if (km)
        *km = ocop_distance_km(lat, lon, best->lat, best->lon);
    return best;
}

double ocop_coord_parse(const char *text, double limit)
{
    char *end;
    double d;
    if (!text || !*text || strspn(text, "0123456789.+-eE") != strlen(text))
        return NAN; /* strtod would also take spaces, hexadecimal, nan and inf */
    d = strtod(text, &end);
    return *end || !(d >= -limit && d <= limit) ? NAN : d;
}

int ocop_in_vietnam(double lat, double lon)
{
    int inside = 0;
    if (!(lat >= 6 && lat <= 24 && lon >= 101 && lon <= 118)) /* NaN too */
        return 0;
    for (size_t r = 0; r + 1 < sizeof(vn_rings) / sizeof(vn_rings[0]); r++)
        inside ^=
            ocop_geo_in_ring(vn_extent + 2 * vn_rings[r], vn_rings[r + 1] - vn_rings[r], lat, lon);
    return inside || places__zone(lat, lon) != NULL;
}

void ocop_place_locate(struct ocop_place *out, const struct ocop_geo_areas *areas,
                       const char *province, double lat, double lon)
{
    int i;
    memset(out, 0, sizeof(*out));
    if (!places__in_range(lat, lon))
        return;
    if ((i = ocop_geo_areas_find(areas, lat, lon)) >= 0) {
        out->kind = OCOP_PLACE_INSIDE;
        out->area = &areas->areas[i];
        out->seat = ocop_seat_find(province);
    } else if ((out->zone = places__zone(lat, lon)) != NULL) {
        out->kind = OCOP_PLACE_ZONE;
        out->seat = ocop_seat_find(out->zone->province);
    } else if (ocop_in_vietnam(lat, lon)) {
        out->kind = OCOP_PLACE_NEAR;
        out->seat = ocop_seat_nearest(lat, lon, &out->km);
    } else {
        out->kind = OCOP_PLACE_ABROAD;
    }
}

/* ------------------------------------------------------------------ words */

/* Text written piece by piece into out[n], always terminated; len counts all of it. */
struct places__out {
    char *p;
    size_t n, len;
};

static void places__put(struct places__out *o, const char *s)
{
    size_t len = strlen(s);
    if (o->len + 1 < o->n) {
        size_t room = o->n - 1 - o->len;
        memcpy(o->p + o->len, s, len < room ? len : room);
    }
    o->len += len;
    if (o->n)
        o->p[o->len < o->n ? o->len : o->n - 1] = '\0';
}

/* A whole number with thousands separators: '.' in Vietnamese, ',' in English. */
static void places__int(struct places__out *o, long long v, int en)
{
    char grouped[48];
    ocop_int_grouped(grouped, sizeof(grouped), v, en ? ',' : '.');
    places__put(o, grouped);
}

static void places__km_put(struct places__out *o, double km, int en)
{
    if (!(km >= 0.5)) {
        places__put(o, en ? "less than 1 km" : "dưới 1 km");
        return;
    }
    places__int(o, km < 1e12 ? llround(km) : 999999999999LL, en);
    places__put(o, " km");
}

size_t ocop_km_text(char *out, size_t n, double km, int en)
{
    struct places__out o = {out, n, 0};
    if (n)
        out[0] = '\0';
    places__km_put(&o, km, en);
    return o.len;
}

/* "N unit" with the English plural. */
static void places__count(struct places__out *o, long long v, const char *vi, const char *en1,
                          const char *en, int english)
{
    places__int(o, v, english);
    places__put(o, " ");
    places__put(o, english ? (v == 1 ? en1 : en) : vi);
}

size_t ocop_duration_text(char *out, size_t n, long long ms, int en)
{
    struct places__out o = {out, n, 0};
    long long minutes = ms > 0 ? ms / 60000 : 0, hours = minutes / 60;
    if (n)
        out[0] = '\0';
    if (minutes < 1) {
        places__put(&o, en ? "less than a minute" : "chưa đầy 1 phút");
    } else if (hours < 1) {
        places__count(&o, minutes, "phút", "minute", "minutes", en);
    } else if (hours < 48) {
        places__count(&o, hours, "giờ", "hour", "hours", en);
        if (minutes % 60) {
            places__put(&o, " ");
            places__count(&o, minutes % 60, "phút", "minute", "minutes", en);
        }
    } else {
        places__count(&o, hours / 24, "ngày", "day", "days", en);
    }
    return o.len;
}

static const char *places__seat_name(const struct ocop_seat *s, int en)
{
    return s ? (en ? s->name_en : s->name) : "";
}

static void places__put_place(struct places__out *o, const struct ocop_place *p,
                              enum ocop_place_style style, int en)
{
    const char *seat = places__seat_name(p->seat, en);
    switch (p->kind) {
    case OCOP_PLACE_INSIDE:
        if (style == OCOP_PLACE_FULL) {
            places__put(o, en ? p->area->name_en : p->area->name);
            if (p->seat)
                places__put(o, ", ");
        } else if (style == OCOP_PLACE_IN) {
            places__put(o, en ? "in " : "ở ");
        }
        places__put(o, p->seat || style == OCOP_PLACE_FULL
                           ? seat
                           : (en ? p->area->name_en : p->area->name));
        break;
    case OCOP_PLACE_ZONE: /* "Đặc khu Hoàng Sa, Đà Nẵng", "ở Hoàng Sa, Đà Nẵng" */
        if (style == OCOP_PLACE_IN)
            places__put(o, en ? "in " : "ở ");
        places__put(o, style == OCOP_PLACE_FULL ? (en ? p->zone->name_en : p->zone->name)
                                                : (en ? p->zone->brief_en : p->zone->brief));
        places__put(o, ", ");
        places__put(o, seat);
        break;
    case OCOP_PLACE_NEAR:
        if (style == OCOP_PLACE_FULL && en) { /* "12 km from Da Nang's centre" */
            places__km_put(o, p->km, en);
            places__put(o, " from ");
            places__put(o, seat);
            places__put(o, "'s centre");
        } else if (style == OCOP_PLACE_FULL) { /* "cách trung tâm Đà Nẵng 12 km" */
            places__put(o, "cách trung tâm ");
            places__put(o, seat);
            places__put(o, " ");
            places__km_put(o, p->km, en);
        } else {
            places__put(o, style == OCOP_PLACE_IN ? (en ? "in the " : "ở khu vực ")
                                                  : (en ? "" : "khu vực "));
            places__put(o, seat);
            if (en)
                places__put(o, " area");
        }
        break;
    case OCOP_PLACE_ABROAD:
        places__put(o, en ? "outside Vietnam" : "ngoài lãnh thổ Việt Nam");
        break;
    default:
        break;
    }
}

size_t ocop_place_text(char *out, size_t n, const struct ocop_place *p, enum ocop_place_style style,
                       int en)
{
    struct places__out o = {out, n, 0};
    if (n)
        out[0] = '\0';
    places__put_place(&o, p, style, en);
    return o.len;
}

size_t ocop_far_apart_text(char *out, size_t n, const struct ocop_place *a,
                           const struct ocop_place *b, double km, long long ms, int en)
{
    struct places__out o = {out, n, 0};
    char ta[160], tb[160], dur[64];
    if (n)
        out[0] = '\0';
    ocop_place_text(ta, sizeof(ta), a, OCOP_PLACE_IN, en);
    ocop_place_text(tb, sizeof(tb), b, OCOP_PLACE_IN, en);
    if (strcmp(ta, tb) == 0) {
        places__put(&o, en ? "two places " : "hai nơi ");
        places__put(&o, ta);
    } else {
        places__put(&o, ta);
        places__put(&o, en ? " and " : " và ");
        places__put(&o, tb);
    }
    places__put(&o, en ? ", " : ", cách nhau ");
    places__km_put(&o, km, en);
    places__put(&o, en ? " apart in " : " trong ");
    ocop_duration_text(dur, sizeof(dur), ms, en);
    places__put(&o, dur);
    return o.len;
}

double ocop_farthest_pair(const struct ocop_scan_point *pts, size_t n, size_t *i, size_t *j)
{
    double v[256][3], best = -1;
    size_t at[256], m = 0;
    const double rad = M_PI / 180;

    *i = *j = 0;
    for (size_t k = 0; k < n && k < 256; k++) {
        if (!places__in_range(pts[k].lat, pts[k].lon))
            continue;
        v[m][0] = cos(pts[k].lat * rad) * cos(pts[k].lon * rad);
        v[m][1] = cos(pts[k].lat * rad) * sin(pts[k].lon * rad);
        v[m][2] = sin(pts[k].lat * rad);
        at[m++] = k;
    }
    for (size_t a = 0; a < m; a++)
        for (size_t b = a + 1; b < m; b++) {
            double dx = v[a][0] - v[b][0], dy = v[a][1] - v[b][1], dz = v[a][2] - v[b][2];
            double d = dx * dx + dy * dy + dz * dz;
            if (d > best) {
                best = d;
                *i = at[a];
                *j = at[b];
            }
        }
    if (best < 0)
        return -1;
    return ocop_distance_km(pts[*i].lat, pts[*i].lon, pts[*j].lat, pts[*j].lon);
}
