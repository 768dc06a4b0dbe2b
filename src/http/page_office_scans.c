/*
 * page_office_scans.c: the office's follow-up of copied stamps. /office/scans lists the
 * stamps whose scans were judged suspected copies lately, in the user's scope;
 * /office/scans/{serial} shows one stamp's scans: where (a picture of the located ones
 * over Vietnam) and when, newest first. Times are Vietnam's (UTC+7), as on the
 * shopper's page.
 */
#include "http/page_office.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/places.h"
#include "core/query.h"
#include "core/verdict.h"
#include "render/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SC_DAYS 60 /* the list's default window, as the dashboard's scan chart */
#define BUF_MAX (8 * 1024 * 1024)

/* A scan time (Unix ms) in Vietnam's time: "22/11/2026 20:06". */
static void sc__when_txt(struct ocop_buf *b, long long ms)
{
    char when[24];
    ocop_time_vn(when, sizeof(when), (time_t)(ms / 1000));
    html_txt(b, when);
}

/* A place object's name in the page's language (full, or brief: the province or area). */
static const char *sc__place_name(json_t *place, int en, int brief)
{
    const char *s = page_str(place, brief ? (en ? "brief_en" : "brief") : (en ? "name_en" : "name"));
    return s ? s : "";
}

/* A distance: "1.143 km" (vi), "1,143 km" (en). */
static void sc__km(struct ocop_buf *b, long long km, int en)
{
    char t[48];
    ocop_km_text(t, sizeof(t), (double)km, en);
    html_txt(b, t);
}

/* --------------------------------------------------------------- the list */

/* Where a listed stamp was scanned: the farthest two places and how far apart, and how
 * many places in all ("Hà Nội – khu vực TP. Hồ Chí Minh / 1.143 km · 3 nơi"). An officer
 * sees at once whether the copies travel, and which provinces to call. */
static void sc__where(struct ocop_buf *b, json_t *places, int en)
{
    json_t *far = json_object_get(places, "farthest"), *pl = json_object_get(far, "places");
    long long count = page_int(places, "count");
    const char *a, *z;
    if (!json_is_object(far))
        return;
    a = sc__place_name(json_array_get(pl, 0), en, 1);
    z = sc__place_name(json_array_get(pl, 1), en, 1);
    html_txt(b, a);
    if (strcmp(a, z) != 0) {
        html_raw(b, " – ");
        html_txt(b, z);
    }
    html_raw(b, "<br><span class=\"mute\">");
    sc__km(b, page_int(far, "km"), en);
    html_raw(b, " · ");
    html_int(b, count);
    html_raw(b, en ? (count == 1 ? " place" : " places") : " nơi");
    html_raw(b, "</span>");
}

static void sc__list(struct ocop_buf *b, struct http_req *req, json_t *res)
{
    static const char *const cols[][2] = {{"Số sê-ri", "Serial"},
                                          {"Sản phẩm", "Product"},
                                          {"Chủ thể", "Producer"},
                                          {"Lượt nghi sao chép", "Suspected scans"},
                                          {"Lượt quét", "Scans"},
                                          {"Thiết bị", "Devices"},
                                          {"Có vị trí", "With a place"},
                                          {"Nơi quét", "Where"},
                                          {"Lần nghi cuối", "Last suspected"},
                                          {NULL, NULL}};
    int en = web_en(req);
    json_t *items = json_object_get(res, "items"), *s;
    size_t i;

    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Stamps scanned as copies, last " : "Tem bị quét như hàng sao chép, ");
    html_int(b, page_int(res, "days"));
    html_raw(b, en ? " days" : " ngày qua");
    html_raw(b, " <span class=\"mute\">(");
    html_int(b, (long long)json_array_size(items));
    html_raw(b, ")</span></h2><p class=\"mute\">");
    html_raw(b, en ? "A scan is judged a suspected copy when one stamp is scanned by many "
                     "devices within the hour, from places too far apart, before its lot was "
                     "released, or far more often than one pack can be. Newest first; times "
                     "are Vietnam's."
                   : "Một lượt quét bị coi là nghi sao chép khi một tem được nhiều thiết bị quét "
                     "trong một giờ, ở những nơi quá xa nhau, trước ngày lô được bán, hoặc quá "
                     "nhiều lần so với một sản phẩm. Mới nhất trước; giờ Việt Nam.");
    html_raw(b, "</p>");
    if (!json_array_size(items)) {
        html_raw(b, en ? "<p>None.</p></section>" : "<p>Không có.</p></section>");
        return;
    }
    office_thead(b, req, cols, en ? "Suspected copies" : "Tem nghi sao chép");
    json_array_foreach(items, i, s)
    {
        html_raw(b, "<tr><th scope=\"row\"><a href=\"/office/scans/");
        html_attr(b, page_str(s, "serial"));
        office_lang(b, req, 0);
        html_raw(b, "\"><code>");
        html_txt(b, page_str(s, "serial"));
        html_raw(b, "</code></a></th>");
        office_td(b, cols[1][en], NULL);
        html_txt(b, page_str(json_object_get(s, "product"), "name"));
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        html_txt(b, page_str(json_object_get(s, "producer"), "name"));
        html_raw(b, "</td>");
        for (int k = 0; k < 4; k++) {
            static const char *const keys[] = {"suspected", "scans", "devices", "located"};
            office_td(b, cols[3 + k][en], " class=\"num\"");
            html_int(b, page_int(s, keys[k]));
            html_raw(b, "</td>");
        }
        office_td(b, cols[7][en], NULL);
        sc__where(b, json_object_get(s, "places"), en);
        html_raw(b, "</td>");
        office_td(b, cols[8][en], NULL);
        sc__when_txt(b, page_int(s, "last_at"));
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

PAGE(page_scans)
{
    long long days = SC_DAYS;
    json_t *res = NULL;
    struct ocop_buf b;
    int en = web_en(req), rc;

    if ((rc = office_query(req, "days", NULL, NULL)) != 0 ||
        (rc = ocop_query_int(&days, &req->query, "days", SC_DAYS, 1, 366)) != 0 ||
        (rc = ocop_app_flagged_stamps(&res, &req->app, (int)days)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "Suspected copies" : "Tem nghi sao chép", "scans");
    html_raw(&b, "<h1>");
    html_raw(&b, en ? "Suspected copies of OCOP stamps" : "Tem OCOP nghi bị sao chép");
    html_raw(&b, "</h1>");
    sc__list(&b, req, res);
    office_close(&b, req);
    json_decref(res);
    return office_send(resp, &b, 200);
}

/* ------------------------------------------------------------- one stamp */

/* Vietnam's extent (WGS84), drawn equirectangular at its middle latitude. */
#define SC_W 260
#define SC_LON0 102.0
#define SC_LON1 110.0
#define SC_LAT0 8.2
#define SC_LAT1 23.5

static void sc__project(double lat, double lon, double *x, double *y, double *h)
{
    double k = SC_W / (SC_LON1 - SC_LON0);
    *h = (SC_LAT1 - SC_LAT0) * k / cos((SC_LAT0 + SC_LAT1) / 2 * M_PI / 180);
    *x = (lon - SC_LON0) * k;
    *y = (SC_LAT1 - lat) / (SC_LAT1 - SC_LAT0) * *h;
}

/* A number for an SVG attribute, with that many decimals. */
static void sc__num(struct ocop_buf *b, int decimals, double v)
{
    char num[32];
    snprintf(num, sizeof(num), "%.*f", decimals, v);
    html_raw(b, num);
}

/* Whether the seat is named by one of the scans' places (then it is labelled). */
static int sc__seat_named(json_t *scans, const char *code)
{
    json_t *s;
    size_t i;
    json_array_foreach(scans, i, s)
    {
        const char *c = page_str(json_object_get(s, "place"), "province_code");
        if (c && strcmp(c, code) == 0)
            return 1;
    }
    return 0;
}

/* Whether seat c gets a label: Hà Nội, Đà Nẵng and TP. Hồ Chí Minh for bearings, and the
 * seats the scans' places name. */
static int sc__labelled(json_t *scans, const struct ocop_seat *st)
{
    return !strcmp(st->code, "01") || !strcmp(st->code, "48") || !strcmp(st->code, "79") ||
           sc__seat_named(scans, st->code);
}

/* The 34 provincial seats for bearings: a small square each, named in its title (the
 * labelled ones a little larger). */
static void sc__seats(struct ocop_buf *b, json_t *scans, int en)
{
    for (int c = 0; c < OCOP_SEATS; c++) {
        const struct ocop_seat *st = &ocop_seats[c];
        int big = sc__labelled(scans, st);
        double x, y, h;
        sc__project(st->lat, st->lon, &x, &y, &h);
        html_raw(b, "<rect fill=\"" OCOP_CHART_SLATE "\" width=\"");
        html_raw(b, big ? "6\" height=\"6\" x=\"" : "4\" height=\"4\" x=\"");
        sc__num(b, 0, x - (big ? 3 : 2));
        html_raw(b, "\" y=\"");
        sc__num(b, 0, y - (big ? 3 : 2));
        html_raw(b, "\"><title>");
        html_txt(b, en ? st->name_en : st->name);
        html_raw(b, "</title></rect>");
    }
}

/* The labels, drawn over the dots, each on the side of its seat with room for it; one
 * that would overlap a label already drawn is left out (its square keeps its title). */
static void sc__labels(struct ocop_buf *b, json_t *scans, int en)
{
    double boxes[OCOP_SEATS][4];
    int drawn = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int c = 0; c < OCOP_SEATS; c++) {
            const struct ocop_seat *st = &ocop_seats[c];
            const char *name = en ? st->name_en : st->name;
            int bearing = !strcmp(st->code, "01") || !strcmp(st->code, "48") ||
                          !strcmp(st->code, "79"), clash = 0;
            double x, y, h, w = 0, x0, x1;
            if (bearing != (pass == 0) || !sc__labelled(scans, st))
                continue;
            for (const char *p = name; *p; p++)
                w += ((unsigned char)*p & 0xc0) != 0x80 ? 6 : 0; /* ~6 units a letter */
            sc__project(st->lat, st->lon, &x, &y, &h);
            x0 = x < SC_W / 2 ? x + 6 : x - 6 - w;
            x1 = x0 + w;
            for (int k = 0; k < drawn; k++)
                clash |= x0 < boxes[k][2] && x1 > boxes[k][0] && y - 7 < boxes[k][3] &&
                         y + 5 > boxes[k][1];
            if (clash)
                continue;
            boxes[drawn][0] = x0, boxes[drawn][1] = y - 7, boxes[drawn][2] = x1;
            boxes[drawn++][3] = y + 5;
            html_raw(b, x < SC_W / 2 ? "<text font-size=\"11\" fill=\"" OCOP_CHART_SLATE
                                       "\" x=\""
                                     : "<text font-size=\"11\" text-anchor=\"end\" fill=\""
                                       OCOP_CHART_SLATE "\" x=\"");
            sc__num(b, 0, x < SC_W / 2 ? x + 6 : x - 6);
            html_raw(b, "\" y=\"");
            sc__num(b, 0, y + 4);
            html_raw(b, "\" paint-order=\"stroke\" stroke=\"#f4f1ea\" stroke-width=\"3\">");
            html_txt(b, name);
            html_raw(b, "</text>");
        }
}

/* Where the stamp was scanned: the located scans over Vietnam's extent, the provincial
 * seats for bearings. A copied stamp shows itself as dots far apart. */
static void sc__places(struct ocop_buf *b, struct http_req *req, json_t *scans)
{
    int en = web_en(req);
    long located = 0, abroad = 0, off = 0;
    double x, y, h;
    json_t *s;
    size_t i;

    json_array_foreach(scans, i, s)
        located += json_is_number(json_object_get(s, "lat"));
    sc__project(SC_LAT0, SC_LON0, &x, &y, &h);
    html_raw(b, "<figure class=\"places\"><svg role=\"img\" viewBox=\"0 0 ");
    html_int(b, SC_W);
    html_raw(b, " ");
    html_int(b, (long long)lround(h));
    html_raw(b, "\" width=\"");
    html_int(b, SC_W);
    html_raw(b, "\" aria-labelledby=\"places-t\"><title id=\"places-t\">");
    html_raw(b, en ? "Places of the scans that carried one: " : "Nơi quét (các lượt có vị trí): ");
    html_int(b, located);
    html_raw(b, "</title><rect width=\"100%\" height=\"100%\" fill=\"#f4f1ea\"/>");
    sc__seats(b, scans, en);
    json_array_foreach(scans, i, s)
    {
        json_t *la = json_object_get(s, "lat"), *lo = json_object_get(s, "lon");
        const char *v = page_str(s, "verdict"), *kind = page_str(json_object_get(s, "place"), "kind");
        char when[24];
        if (!json_is_number(la) || !json_is_number(lo))
            continue;
        if (kind && strcmp(kind, "abroad") == 0) {
            abroad++;
            continue;
        }
        if (json_number_value(lo) < SC_LON0 || json_number_value(lo) > SC_LON1 ||
            json_number_value(la) < SC_LAT0 || json_number_value(la) > SC_LAT1) {
            off++; /* Vietnam's, but off the picture: Hoàng Sa, Trường Sa */
            continue;
        }
        sc__project(json_number_value(la), json_number_value(lo), &x, &y, &h);
        html_raw(b, "<circle r=\"5\" fill-opacity=\".75\" fill=\"");
        html_raw(b, v && strcmp(v, "genuine") == 0 ? OCOP_CHART_GREEN
                    : v && strcmp(v, "suspected_copy") == 0 ? OCOP_CHART_RED
                                                            : OCOP_CHART_AMBER);
        html_raw(b, "\" cx=\"");
        sc__num(b, 1, x);
        html_raw(b, "\" cy=\"");
        sc__num(b, 1, y);
        html_raw(b, "\"><title>");
        ocop_time_vn(when, sizeof(when), (time_t)(page_int(s, "at") / 1000));
        html_txt(b, when);
        html_raw(b, ": ");
        html_txt(b, ocop_verdict_label(v, en));
        html_raw(b, ", ");
        html_txt(b, sc__place_name(json_object_get(s, "place"), en, 0));
        html_raw(b, "</title></circle>");
    }
    sc__labels(b, scans, en);
    html_raw(b, "</svg><figcaption>");
    if (!located) {
        html_raw(b, en ? "No scan of this stamp carried a place."
                       : "Chưa lượt quét nào của tem này có vị trí.");
    } else {
        html_raw(b, en ? "Green: genuine; red: suspected copy; amber: other verdicts. Squares: "
                         "the provinces' seats."
                       : "Xanh: chính hãng; đỏ: nghi sao chép; vàng: kết quả khác. Ô vuông: trung "
                         "tâm các tỉnh, thành phố.");
        if (abroad) {
            html_raw(b, en ? " Outside Vietnam: " : " Ngoài Việt Nam: ");
            html_int(b, abroad);
            html_raw(b, ".");
        }
        if (off) {
            html_raw(b, en ? " In Hoàng Sa or Trường Sa (off the picture): "
                           : " Ở Hoàng Sa, Trường Sa (ngoài khung hình): ");
            html_int(b, off);
            html_raw(b, ".");
        }
    }
    html_raw(b, "</figcaption></figure>");
}

/* A located scan's place: its name, then its position (to 0.01°, about a kilometre) in
 * small type, linked to OpenStreetMap at that point, the exact figures in its title. */
static void sc__place(struct ocop_buf *b, json_t *s, int en)
{
    json_t *la = json_object_get(s, "lat"), *lo = json_object_get(s, "lon");
    char pos[48], url[160];
    if (!json_is_number(la) || !json_is_number(lo))
        return;
    html_txt(b, sc__place_name(json_object_get(s, "place"), en, 0));
    snprintf(url, sizeof(url), "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=14/%.5f/%.5f",
             json_number_value(la), json_number_value(lo), json_number_value(la),
             json_number_value(lo));
    html_raw(b, "<br><a class=\"mute\" rel=\"noopener noreferrer\" href=\"");
    html_attr(b, url);
    html_raw(b, "\" title=\"");
    snprintf(pos, sizeof(pos), "%.5f, %.5f", json_number_value(la), json_number_value(lo));
    html_attr(b, pos);
    html_raw(b, en ? " (OpenStreetMap)\">" : " (bản đồ OpenStreetMap)\">");
    snprintf(pos, sizeof(pos), "%.2f, %.2f", json_number_value(la), json_number_value(lo));
    html_txt(b, pos);
    html_raw(b, "</a>");
}

/* Why the stamp looks copied, when its places say so: each journey between two
 * consecutive located scans that no pack can make (app: "far_apart"), from where and
 * when to where and when, how far and in how long. */
static void sc__journeys(struct ocop_buf *b, struct http_req *req, json_t *v)
{
    static const char *const cols[][2] = {{"Từ", "From"},
                                          {"Đến", "To"},
                                          {"Khoảng cách", "Distance"},
                                          {"Trong", "Within"},
                                          {NULL, NULL}};
    json_t *far = json_object_get(v, "far_apart"), *scans = json_object_get(v, "scans"), *j;
    int en = web_en(req);
    size_t i;
    if (!json_array_size(far))
        return;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Journeys no pack can make" : "Những quãng đường một sản phẩm không thể đi");
    html_raw(b, " <span class=\"mute\">(");
    html_int(b, (long long)json_array_size(far));
    html_raw(b, ")</span></h2><p class=\"mute\">");
    html_raw(b, en ? "Consecutive scans with a place, farther apart than the fastest travel "
                     "allowed (more than 25 km, faster than the server's speed limit): one of "
                     "them is likely a copy. Newest first."
                   : "Hai lượt quét liên tiếp có vị trí, cách nhau xa hơn mức đi nhanh nhất cho "
                     "phép (trên 25 km, nhanh hơn giới hạn tốc độ của máy chủ): một trong hai "
                     "nhiều khả năng là tem sao chép. Mới nhất trước.");
    html_raw(b, "</p>");
    office_thead(b, req, cols, en ? "Journeys no pack can make" : "Quãng đường không thể");
    json_array_foreach(far, i, j)
    {
        json_t *from = json_array_get(scans, (size_t)page_int(j, "earlier"));
        json_t *to = json_array_get(scans, (size_t)page_int(j, "later"));
        char dur[64];
        html_raw(b, "<tr><th scope=\"row\">");
        sc__when_txt(b, page_int(from, "at"));
        html_raw(b, "<br>");
        html_txt(b, sc__place_name(json_object_get(from, "place"), en, 0));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        sc__when_txt(b, page_int(to, "at"));
        html_raw(b, "<br>");
        html_txt(b, sc__place_name(json_object_get(to, "place"), en, 0));
        html_raw(b, "</td>");
        office_td(b, cols[2][en], " class=\"num\"");
        sc__km(b, page_int(j, "km"), en);
        html_raw(b, "</td>");
        office_td(b, cols[3][en], NULL);
        ocop_duration_text(dur, sizeof(dur), page_int(j, "minutes") * 60000, en);
        html_txt(b, dur);
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

static void sc__scans(struct ocop_buf *b, struct http_req *req, json_t *scans)
{
    static const char *const cols[][2] = {{"Thời gian (giờ Việt Nam)", "Time (Vietnam)"},
                                          {"Kết quả", "Verdict"},
                                          {"Thiết bị", "Device"},
                                          {"Vị trí", "Place"},
                                          {NULL, NULL}};
    int en = web_en(req);
    json_t *s;
    size_t i;
    office_thead(b, req, cols, en ? "Scans" : "Lượt quét");
    json_array_foreach(scans, i, s)
    {
        const char *client = page_str(s, "client");
        html_raw(b, "<tr><th scope=\"row\">");
        sc__when_txt(b, page_int(s, "at"));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        office_badge(b, page_str(s, "verdict") ? page_str(s, "verdict") : "",
                     ocop_verdict_label(page_str(s, "verdict"), en));
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        /* a keyed hash: its last six digits tell devices apart on one page */
        html_raw(b, "<code>");
        html_txt(b, client && strlen(client) > 6 ? client + strlen(client) - 6 : client);
        html_raw(b, "</code></td>");
        office_td(b, cols[3][en], NULL);
        sc__place(b, s, en);
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div>");
}

PAGE(page_stamp_scans)
{
    json_t *v = NULL, *scans;
    struct ocop_buf b;
    int en = web_en(req), rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 ||
        (rc = ocop_app_stamp_scans(&v, &req->app, req->params[0])) != 0)
        return rc;
    scans = json_object_get(v, "scans");
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "A stamp's scans" : "Lượt quét của tem", "scans");
    html_raw(&b, "<p><a href=\"/office/scans");
    office_lang(&b, req, 0);
    html_raw(&b, "\">");
    html_raw(&b, en ? "← Suspected copies" : "← Tem nghi sao chép");
    html_raw(&b, "</a></p><h1>");
    html_raw(&b, en ? "Stamp " : "Tem ");
    html_raw(&b, "<code>");
    html_txt(&b, page_str(v, "serial"));
    html_raw(&b, "</code></h1><section><dl>");
    html_dl_row(&b, en ? "Product" : "Sản phẩm", page_str(json_object_get(v, "product"), "name"));
    html_dl_row(&b, en ? "Producer" : "Chủ thể", page_str(json_object_get(v, "producer"), "name"));
    html_dl_row(&b, en ? "Lot" : "Lô", page_str(v, "lot"));
    {
        char day[24], revoked[24];
        office_date(day, sizeof(day), page_str(v, "release_date"));
        office_date(revoked, sizeof(revoked), page_str(v, "revoked_at"));
        html_dl_row(&b, en ? "On sale from" : "Bán từ ngày", day);
        html_dl_row(&b, en ? "Stamp revoked on" : "Tem thu hồi ngày", revoked);
    }
    html_raw(&b, "</dl></section><section><h2>");
    html_raw(&b, en ? "Where" : "Ở đâu");
    html_raw(&b, "</h2>");
    sc__places(&b, req, scans);
    html_raw(&b, "</section>");
    sc__journeys(&b, req, v);
    html_raw(&b, "<section><h2>");
    html_raw(&b, en ? "When: the newest scans" : "Khi nào: các lượt quét mới nhất");
    html_raw(&b, " <span class=\"mute\">(");
    html_int(&b, (long long)json_array_size(scans));
    html_raw(&b, ")</span></h2>");
    if (json_array_size(scans))
        sc__scans(&b, req, scans);
    else
        html_raw(&b, en ? "<p>Not scanned yet.</p>" : "<p>Chưa có lượt quét.</p>");
    html_raw(&b, "</section>");
    office_close(&b, req);
    json_decref(v);
    return office_send(resp, &b, 200);
}
