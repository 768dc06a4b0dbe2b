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

/* --------------------------------------------------------------- the list */

static void sc__list(struct ocop_buf *b, struct http_req *req, json_t *res)
{
    static const char *const cols[][2] = {{"Số sê-ri", "Serial"},
                                          {"Sản phẩm", "Product"},
                                          {"Chủ thể", "Producer"},
                                          {"Lượt nghi sao chép", "Suspected scans"},
                                          {"Lượt quét", "Scans"},
                                          {"Thiết bị", "Devices"},
                                          {"Có vị trí", "With a place"},
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

/* Where the stamp was scanned: the located scans over Vietnam's extent, three cities for
 * bearings. A copied stamp shows itself as dots far apart. */
static void sc__places(struct ocop_buf *b, struct http_req *req, json_t *scans)
{
    static const struct {
        const char *name;
        double lat, lon;
    } cities[] = {{"Hà Nội", 21.03, 105.85}, {"Đà Nẵng", 16.05, 108.22},
                  {"TP. Hồ Chí Minh", 10.78, 106.70}};
    int en = web_en(req);
    long located = 0, outside = 0;
    double x, y, h;
    json_t *s;
    size_t i;
    char num[32];

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
    for (size_t c = 0; c < sizeof(cities) / sizeof(cities[0]); c++) {
        sc__project(cities[c].lat, cities[c].lon, &x, &y, &h);
        snprintf(num, sizeof(num), "%.0f", x - 3);
        html_raw(b, "<rect fill=\"" OCOP_CHART_SLATE "\" width=\"6\" height=\"6\" x=\"");
        html_raw(b, num);
        snprintf(num, sizeof(num), "%.0f", y - 3);
        html_raw(b, "\" y=\"");
        html_raw(b, num);
        /* the name on the side with room for it */
        html_raw(b, x < SC_W / 2 ? "\"/><text font-size=\"11\" fill=\"" OCOP_CHART_SLATE "\" x=\""
                                 : "\"/><text font-size=\"11\" text-anchor=\"end\" fill=\""
                                   OCOP_CHART_SLATE "\" x=\"");
        snprintf(num, sizeof(num), "%.0f", x < SC_W / 2 ? x + 6 : x - 6);
        html_raw(b, num);
        snprintf(num, sizeof(num), "%.0f", y + 4);
        html_raw(b, "\" y=\"");
        html_raw(b, num);
        html_raw(b, "\">");
        html_txt(b, cities[c].name);
        html_raw(b, "</text>");
    }
    json_array_foreach(scans, i, s)
    {
        json_t *la = json_object_get(s, "lat"), *lo = json_object_get(s, "lon");
        const char *v = page_str(s, "verdict");
        char when[24];
        if (!json_is_number(la) || !json_is_number(lo))
            continue;
        if (json_number_value(lo) < SC_LON0 || json_number_value(lo) > SC_LON1 ||
            json_number_value(la) < SC_LAT0 || json_number_value(la) > SC_LAT1) {
            outside++;
            continue;
        }
        sc__project(json_number_value(la), json_number_value(lo), &x, &y, &h);
        html_raw(b, "<circle r=\"5\" fill-opacity=\".75\" fill=\"");
        html_raw(b, v && strcmp(v, "genuine") == 0 ? OCOP_CHART_GREEN
                    : v && strcmp(v, "suspected_copy") == 0 ? OCOP_CHART_RED
                                                            : OCOP_CHART_AMBER);
        snprintf(num, sizeof(num), "%.1f", x);
        html_raw(b, "\" cx=\"");
        html_raw(b, num);
        snprintf(num, sizeof(num), "%.1f", y);
        html_raw(b, "\" cy=\"");
        html_raw(b, num);
        html_raw(b, "\"><title>");
        ocop_time_vn(when, sizeof(when), (time_t)(page_int(s, "at") / 1000));
        html_txt(b, when);
        html_raw(b, ": ");
        html_txt(b, ocop_verdict_label(v, en));
        html_raw(b, "</title></circle>");
    }
    html_raw(b, "</svg><figcaption>");
    if (!located) {
        html_raw(b, en ? "No scan of this stamp carried a place."
                       : "Chưa lượt quét nào của tem này có vị trí.");
    } else {
        html_raw(b, en ? "Green: genuine; red: suspected copy; amber: other verdicts." 
                       : "Xanh: chính hãng; đỏ: nghi sao chép; vàng: kết quả khác.");
        if (outside) {
            html_raw(b, en ? " Outside Vietnam: " : " Ngoài Việt Nam: ");
            html_int(b, outside);
            html_raw(b, ".");
        }
    }
    html_raw(b, "</figcaption></figure>");
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
        if (json_is_number(json_object_get(s, "lat")) && json_is_number(json_object_get(s, "lon"))) {
            char place[48];
            snprintf(place, sizeof(place), "%.2f, %.2f",
                     json_number_value(json_object_get(s, "lat")),
                     json_number_value(json_object_get(s, "lon")));
            html_txt(b, place);
        }
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
    html_raw(&b, "</section><section><h2>");
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
