/*
 * page_dashboard.c: the office dashboard (charts drawn as SVG on the server, each with
 * its data table and CSV/XLSX exports), the exports themselves, and the targets form.
 */
#include "http/pages.h"
#include "http/web.h"
#include "app/stats.h"
#include "core/dates.h"
#include "core/error.h"
#include "render/chart.h"
#include "core/text.h"
#include "render/xlsx.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_MAX (8u << 20)
#define EXPORT_MAX (64u << 20)
#define TOP_WARDS 20

enum chart_kind { CHART_HBAR, CHART_VBAR, CHART_SHARE };

/* What every part of the page needs. */
struct dash {
    struct http_req *req;
    struct ocop_buf *b;
    const struct ocop_dashboard *d;
    int en;
    char sep;
};

#define TR(x, vi, en_) ((x)->en ? (en_) : (vi))

/* Page-wide styles on top of the shared sheet (a wider page, cards, tables, bars). */
static const char dash_css[] =
    "<style>main{max-width:78rem}"
    ".dhead{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;"
    "gap:.8rem 2rem;margin:1.4rem 0 .6rem}.dhead h1{margin:0;font-size:1.6rem;line-height:1.25}"
    ".dhead p{margin:.2rem 0 0;color:var(--mute)}.dhead form{display:flex;gap:.4rem;"
    "align-items:center;flex-wrap:wrap}"
    ".subnav{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;padding:.55rem 0;border-top:1px solid "
    "var(--line);border-bottom:1px solid var(--line);font-size:.95rem}"
    ".subnav form{margin-left:auto}.linkbtn{background:none;border:0;color:var(--red);"
    "text-decoration:underline;font:inherit;cursor:pointer;padding:0}"
    ".kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.7rem;"
    "margin:1rem 0}.kpi{display:block;background:#fff;border:1px solid var(--line);"
    "border-top:4px solid var(--k,#24588f);border-radius:.5rem;padding:.6rem .85rem;"
    "color:var(--ink);text-decoration:none}.kpi:hover{border-color:#bdb6aa}"
    ".kpi b{display:block;font-size:1.65rem;line-height:1.2;font-variant-numeric:tabular-nums}"
    ".kpi span{color:var(--mute);font-size:.86rem}"
    ".k-red{--k:#b2181f}.k-gold{--k:#9c5700}.k-green{--k:#1b7340}.k-purple{--k:#5e2a84}"
    "section.card{padding:1rem 1.2rem 1.1rem}section.card h2{font-size:1.2rem;margin:.1rem 0 .2rem}"
    ".lead{color:var(--mute);margin:0 0 .8rem;font-size:.93rem}"
    ".fig{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.2rem;"
    "align-items:start}.fig>div,.cols>div{min-width:0}"
    ".cols{display:grid;grid-template-columns:1fr 1fr;gap:1.2rem}"
    "@media(max-width:62rem){.fig,.cols{grid-template-columns:1fr}}"
    "svg.chart{display:block;max-width:100%;height:auto}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;background:#fff}"
    "caption{text-align:left;font-weight:600;padding:0 0 .45rem;font-size:.92rem}"
    "th,td{padding:.32rem .55rem;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}thead th{background:#f3efe8;font-weight:600;font-size:.85rem}"
    "tbody th{font-weight:400}.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}th.n{white-space:normal}tbody tr:hover{background:#faf7f1}"
    "#scans tbody th,.cols td:nth-child(n+4){white-space:nowrap}"
    ".scroll{max-height:24rem;overflow:auto;border:1px solid var(--line);border-radius:.35rem}"
    ".hscroll{overflow-x:auto}form.target input{max-width:100%}form.target label{max-width:100%}"
    ".scroll caption{position:sticky;left:0;padding:.45rem .55rem;background:#fff}"
    ".scroll thead th{position:sticky;top:0;z-index:1}"
    ".exports{font-size:.88rem;color:var(--mute);margin:.5rem 0 0}.exports a{margin-left:.35rem}"
    ".note{font-size:.85rem;color:var(--mute)}h3.mini{font-size:.92rem;margin:.2rem 0 .3rem}"
    ".goal{display:grid;grid-template-columns:minmax(0,22rem) minmax(0,1fr) 11rem;gap:.3rem 1.2rem;"
    "align-items:center;padding:.55rem 0;border-bottom:1px solid var(--line)}"
    "@media(max-width:50rem){.goal{grid-template-columns:1fr}}"
    ".goal small{display:block;color:var(--mute)}.track{height:.8rem;background:#ebe6dd;"
    "border-radius:.4rem;overflow:hidden}.track i{display:block;height:100%;background:#1b7340}"
    ".track.low i{background:#9c5700}.goal .n b{font-size:1.05rem}"
    "form.target{display:flex;flex-wrap:wrap;gap:.7rem 1rem;align-items:flex-end;margin-top:1rem;"
    "padding:.8rem;background:#f7f4ee;border-radius:.4rem}form.target label{display:flex;"
    "flex-direction:column;font-size:.85rem;gap:.2rem}"
    "form.target input,form.target select,.dhead select{font:inherit;padding:.3rem .4rem;"
    "border:1px solid #b9b2a6;border-radius:.3rem;background:#fff}"
    "button.primary,.dhead button{font:inherit;background:var(--red);color:#fff;border:0;"
    "border-radius:.3rem;padding:.4rem .9rem;cursor:pointer}"
    "</style>";

/* ---------------------------------------------------------------- helpers */

static void dash__int(struct dash *x, long long v)
{
    char s[40];
    ocop_int_grouped(s, sizeof(s), v, x->sep);
    html_raw(x->b, s); /* digits and the separator only */
}

/* "&amp;province=01&amp;lang=en" as the page's links need them (attribute context). */
static void dash__args(struct dash *x)
{
    if (x->d->province_code[0] && x->req->app.actor.role != OCOP_ROLE_OFFICE) {
        html_raw(x->b, "&amp;province=");
        html_url_arg(x->b, x->d->province_code);
    }
    if (x->en)
        html_raw(x->b, "&amp;lang=en");
}

/* The data table's export links: CSV and XLSX. */
static void dash__exports(struct dash *x, const char *name)
{
    static const char *const fmt[2] = {"csv", "xlsx"};
    html_raw(x->b, "<p class=\"exports\">");
    html_raw(x->b, TR(x, "Tải bảng số liệu:", "Download this table:"));
    for (int i = 0; i < 2; i++) {
        html_raw(x->b, i ? " \xC2\xB7 <a href=\"/office/export/" : "<a href=\"/office/export/");
        html_url_arg(x->b, name);
        html_raw(x->b, "?format=");
        html_raw(x->b, fmt[i]);
        dash__args(x);
        html_raw(x->b, "\" download=\"ocop-");
        html_attr(x->b, name);
        if (x->d->province_code[0]) {
            html_raw(x->b, "-");
            html_attr(x->b, x->d->province_code);
        }
        html_raw(x->b, ".");
        html_raw(x->b, fmt[i]);
        html_raw(x->b, i ? "\">Excel (XLSX)</a>" : "\">CSV</a>");
    }
    html_raw(x->b, "</p>");
}

/* The first numeric column of a table (the count a chart shows). */
static int dash__numcol(const struct ocop_table *t)
{
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].numeric)
            return c;
    return -1;
}

/* A table as HTML: caption, column headers, the first column as row headers; the
 * first `max` rows (0: all); rows with a link point at the product's page. */
static void dash__table(struct dash *x, const struct ocop_table *t, size_t max, int scroll)
{
    struct ocop_buf *b = x->b;
    size_t rows = max && max < t->nrows ? max : t->nrows;

    /* a region of its own: scrolled when long, or when wider than a phone */
    html_raw(b, scroll ? "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\""
                       : "<div class=\"hscroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
    html_attr(b, t->caption);
    html_raw(b, "\">");
    html_raw(b, "<table><caption>");
    html_txt(b, t->caption);
    html_raw(b, "</caption><thead><tr>");
    for (int c = 0; c < t->ncols; c++) {
        html_raw(b, t->cols[c].numeric ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">");
        html_txt(b, t->cols[c].title);
        html_raw(b, "</th>");
    }
    html_raw(b, "</tr></thead><tbody>");
    for (size_t r = 0; r < rows; r++) {
        html_raw(b, "<tr>");
        for (int c = 0; c < t->ncols; c++) {
            const struct ocop_table_cell *cell = ocop_table_at(t, r, c);
            html_raw(b, c == 0               ? "<th scope=\"row\">"
                        : t->cols[c].numeric ? "<td class=\"n\">"
                                             : "<td>");
            if (c == 0 && t->link[r] > 0)
                ocop_buf_printf(b, "<a href=\"/products/%lld\">", (long long)t->link[r]);
            if (t->cols[c].numeric)
                dash__int(x, cell->num);
            else
                html_txt(b, cell->text);
            if (c == 0 && t->link[r] > 0)
                html_raw(b, "</a>");
            html_raw(b, c == 0 ? "</th>" : "</td>");
        }
        html_raw(b, "</tr>");
    }
    html_raw(b, "</tbody></table></div>");
}

/* A chart of a table's first text column against its first numeric column. */
static void dash__chart(struct dash *x, const struct ocop_table *t, enum chart_kind kind,
                        size_t max, const char *color)
{
    static const char *const share_colors[] = {OCOP_CHART_BLUE, OCOP_CHART_AMBER, OCOP_CHART_SLATE,
                                               NULL};
    size_t n = max && max < t->nrows ? max : t->nrows;
    const char **labels = calloc(n + 1, sizeof(*labels));
    double *values = calloc(n + 1, sizeof(*values));
    struct ocop_chart c = {0};
    int col = dash__numcol(t), rc = -1;

    if (labels && values && col > 0) {
        for (size_t i = 0; i < n; i++) {
            labels[i] = ocop_table_at(t, i, 0)->text;
            values[i] = (double)ocop_table_at(t, i, col)->num;
        }
        c.id = t->name;
        c.title = t->caption;
        c.n = (int)n;
        c.labels = labels;
        c.nseries = 1;
        c.series[0] = (struct ocop_chart_series){t->cols[col].title, color, values};
        c.value_title = kind == CHART_SHARE ? NULL : t->cols[col].title;
        c.sep = x->sep;
        c.empty = TR(x, "Chưa có số liệu", "No data yet");
        rc = kind == CHART_HBAR   ? ocop_chart_hbar(x->b, &c)
             : kind == CHART_VBAR ? ocop_chart_vbar(x->b, &c)
                                  : ocop_chart_share(x->b, &c, share_colors);
    }
    if (rc)
        html_raw(x->b, "<p class=\"note\">-</p>");
    free(labels);
    free(values);
}

static void dash__open_card(struct dash *x, const char *id, const char *vi, const char *en,
                            const char *lead_vi, const char *lead_en)
{
    html_raw(x->b, "<section class=\"card\" id=\"");
    html_raw(x->b, id);
    html_raw(x->b, "\" aria-labelledby=\"h-");
    html_raw(x->b, id);
    html_raw(x->b, "\"><h2 id=\"h-");
    html_raw(x->b, id);
    html_raw(x->b, "\">");
    html_raw(x->b, TR(x, vi, en));
    html_raw(x->b, "</h2>");
    if (lead_vi) {
        html_raw(x->b, "<p class=\"lead\">");
        html_raw(x->b, TR(x, lead_vi, lead_en));
        html_raw(x->b, "</p>");
    }
}

/* A card with one chart and its table beside it. */
static void dash__figure(struct dash *x, enum ocop_stats_table which, enum chart_kind kind,
                         size_t chart_rows, int scroll, const char *color)
{
    const struct ocop_table *t = &x->d->tables[which];
    html_raw(x->b, "<div class=\"fig\"><div>");
    dash__chart(x, t, kind, chart_rows, color);
    html_raw(x->b, "</div><div>");
    dash__table(x, t, 0, scroll);
    dash__exports(x, t->name);
    html_raw(x->b, "</div></div></section>");
}

/* ----------------------------------------------------------------- the page */

static void dash__province_picker(struct dash *x)
{
    struct ocop_filter f;
    json_t *list = NULL, *p;
    size_t i;

    memset(&f, 0, sizeof(f));
    f.per_page = 100;
    f.cert_status = f.recognised = f.candidate = -1;
    if (ocop_app_list(&list, &x->req->app, "provinces", &f) != 0)
        return;
    html_raw(x->b, "<form method=\"get\" action=\"/office\"><label for=\"province\">");
    html_raw(x->b, TR(x, "Tỉnh, thành phố", "Province"));
    html_raw(x->b, "</label><select id=\"province\" name=\"province\"><option value=\"\">");
    html_raw(x->b, TR(x, "Cả nước", "All provinces"));
    html_raw(x->b, "</option>");
    json_array_foreach(json_object_get(list, "items"), i, p)
    {
        const char *code = json_string_value(json_object_get(p, "code"));
        html_raw(x->b, "<option value=\"");
        html_attr(x->b, code);
        html_raw(x->b, code && strcmp(code, x->d->province_code) == 0 ? "\" selected>" : "\">");
        html_txt(x->b, json_string_value(json_object_get(p, x->en ? "name_en" : "name")));
        html_raw(x->b, "</option>");
    }
    html_raw(x->b, "</select>");
    if (x->en)
        html_raw(x->b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
    html_raw(x->b, "<button type=\"submit\">");
    html_raw(x->b, TR(x, "Xem", "Show"));
    html_raw(x->b, "</button></form>");
    json_decref(list);
}

static void dash__head(struct dash *x)
{
    static const char *const links[][3] = {
        {"/office/dossiers", "Hồ sơ đánh giá", "Dossiers"},
        {"/office/sessions", "Phiên hội đồng", "Council sessions"},
        {"/office/certificates", "Giấy chứng nhận", "Certificates"},
        {"/office/stamps", "Tem OCOP", "Stamps"},
        {"/office/scans", "Tem nghi sao chép", "Suspected copies"},
        {"/office/products", "Sản phẩm", "Products"},
        {"/office/producers", "Chủ thể", "Producers"},
        {"/office/villages", "Làng nghề", "Craft villages"}};
    char day[11];
    int y, m, d;

    ocop_date_ymd(x->d->today, &y, &m, &d);
    html_raw(x->b, "<div class=\"dhead\"><div><h1>");
    html_raw(x->b, TR(x, "Bảng điều khiển OCOP \xE2\x80\x94 ", "OCOP dashboard \xE2\x80\x94 "));
    html_txt(x->b, x->d->province_name);
    html_raw(x->b, "</h1><p>");
    html_raw(x->b, TR(x, "Số liệu đến ngày ", "Figures as of "));
    snprintf(day, sizeof(day), x->en ? "%04d-%02d-%02d" : "%02d/%02d/%04d", x->en ? y : d, m,
             x->en ? d : y);
    html_txt(x->b, day);
    html_raw(x->b, TR(x,
                      ". Sản phẩm “còn hiệu lực”: giấy chứng nhận hiện hành chưa hết hạn, "
                      "chưa bị thu hồi.",
                      ". “Certified”: the product's current certificate is in force (not "
                      "expired, not revoked)."));
    html_raw(x->b, "</p></div>");
    if (x->req->app.actor.role != OCOP_ROLE_OFFICE)
        dash__province_picker(x);
    html_raw(x->b, "</div><nav class=\"subnav\" aria-label=\"");
    html_raw(x->b, TR(x, "Văn phòng OCOP", "OCOP office"));
    html_raw(x->b, "\">");
    for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
        html_raw(x->b, "<a href=\"");
        html_raw(x->b, links[i][0]);
        html_raw(x->b, x->en ? "?lang=en\">" : "\">");
        html_raw(x->b, x->en ? links[i][2] : links[i][1]);
        html_raw(x->b, "</a>");
    }
    html_raw(x->b, "<form method=\"post\" action=\"/office/logout\">");
    web_csrf_field(x->b, x->req);
    html_raw(x->b, "<button type=\"submit\" class=\"linkbtn\">");
    html_raw(x->b, TR(x, "Đăng xuất", "Sign out"));
    html_raw(x->b, "</button></form></nav>");
}

static void dash__kpi(struct dash *x, const char *anchor, const char *cls, long long v,
                      const char *vi, const char *en)
{
    html_raw(x->b, "<a class=\"kpi ");
    html_raw(x->b, cls);
    html_raw(x->b, "\" href=\"#");
    html_raw(x->b, anchor);
    html_raw(x->b, "\"><b>");
    dash__int(x, v);
    html_raw(x->b, "</b><span>");
    html_raw(x->b, TR(x, vi, en));
    html_raw(x->b, "</span></a>");
}

static void dash__kpis(struct dash *x)
{
    const struct ocop_stats_certs *c = &x->d->certs;
    html_raw(x->b, "<div class=\"kpis\">");
    dash__kpi(x, "stars", "k-red", c->certified, "Sản phẩm OCOP còn hiệu lực",
              "Certified products");
    dash__kpi(x, "stars", "k-gold", c->stars[5], "Sản phẩm 5 sao", "5-star products");
    dash__kpi(x, "stars", "", c->stars[4], "Sản phẩm 4 sao", "4-star products");
    dash__kpi(x, "stars", "", c->stars[3], "Sản phẩm 3 sao", "3-star products");
    dash__kpi(x, "targets", "k-gold", c->candidates, "Tiềm năng 5 sao", "Five-star candidates");
    dash__kpi(x, "certificates", "k-gold", c->expiring, "Hết hạn trong 90 ngày",
              "Expiring within 90 days");
    dash__kpi(x, "certificates", "k-red", c->expired, "Đã hết hạn, chưa đánh giá lại",
              "Expired, not yet renewed");
    dash__kpi(x, "dossiers", "k-green", x->d->dossiers_open, "Hồ sơ đang xử lý",
              "Dossiers in progress");
    dash__kpi(x, "scans", "k-green", x->d->scans, "Lượt quét tem (60 ngày)",
              "Stamp scans (60 days)");
    dash__kpi(x, "scans", "k-purple", x->d->scans_flagged, "Nghi sao chép hoặc giả mạo",
              "Suspected copies or forgeries");
    html_raw(x->b, "</div>");
}

static void dash__products(struct dash *x)
{
    dash__open_card(x, "stars", "Sản phẩm theo hạng sao", "Products by stars",
                    "Sản phẩm có giấy chứng nhận OCOP còn hiệu lực, theo hạng sao được công nhận.",
                    "Products holding an OCOP certificate in force, by the stars recognised.");
    dash__figure(x, OCOP_STATS_STARS, CHART_VBAR, 0, 0, OCOP_CHART_AMBER);
    dash__open_card(x, "sectors", "Sản phẩm theo ngành", "Products by sector",
                    "Sáu ngành hàng theo Quyết định 148/QĐ-TTg.",
                    "The six product sectors of Decision 148/QĐ-TTg.");
    dash__figure(x, OCOP_STATS_SECTORS, CHART_HBAR, 0, 0, OCOP_CHART_BLUE);
    dash__open_card(x, "years", "Sản phẩm theo năm đánh giá", "Products by year of rating",
                    "Năm của quyết định công nhận giấy chứng nhận hiện hành (hiệu lực 36 tháng).",
                    "The year of the current certificate's decision (valid for 36 months).");
    dash__figure(x, OCOP_STATS_YEARS, CHART_VBAR, 0, 0, OCOP_CHART_BLUE);
    dash__open_card(x, "villages", "Sản phẩm của làng nghề", "Products of craft villages",
                    "Tỷ lệ sản phẩm OCOP do chủ thể trong làng nghề sản xuất.",
                    "The share of certified products made in craft villages.");
    dash__figure(x, OCOP_STATS_VILLAGES, CHART_SHARE, 0, 0, OCOP_CHART_BLUE);
    dash__open_card(x, "wards", "Sản phẩm theo xã, phường", "Products by ward and commune",
                    "Biểu đồ: 20 xã, phường có nhiều sản phẩm nhất; bảng: tất cả.",
                    "Chart: the 20 wards and communes with the most products; table: all of them.");
    dash__figure(x, OCOP_STATS_WARDS, CHART_HBAR, TOP_WARDS, 1, OCOP_CHART_BLUE);
}

/* The certificate lists: the first rows, the count, a link to export them all. */
static void dash__cert_list(struct dash *x, enum ocop_stats_table which, long total)
{
    const struct ocop_table *t = &x->d->tables[which];
    html_raw(x->b, "<div>");
    dash__table(x, t, 0, 0);
    html_raw(x->b, "<p class=\"note\">");
    html_raw(x->b, TR(x, "Hiển thị ", "Showing "));
    dash__int(x, (long long)t->nrows);
    html_raw(x->b, TR(x, " trên ", " of "));
    dash__int(x, total);
    html_raw(x->b, TR(x, " sản phẩm.", " products."));
    html_raw(x->b, "</p>");
    dash__exports(x, t->name);
    html_raw(x->b, "</div>");
}

static void dash__certificates(struct dash *x)
{
    dash__open_card(x, "certificates", "Giấy chứng nhận sắp hết hạn và đã hết hạn",
                    "Certificates expiring and expired",
                    "Sản phẩm có giấy chứng nhận hết hạn không được dùng biểu trưng và số sao "
                    "OCOP; cần nhắc chủ thể nộp hồ sơ đánh giá lại.",
                    "A product whose certificate has expired may no longer show the OCOP logo "
                    "and stars; remind the producer to apply for re-rating.");
    html_raw(x->b, "<div class=\"cols\">");
    dash__cert_list(x, OCOP_STATS_EXPIRING, x->d->certs.expiring);
    dash__cert_list(x, OCOP_STATS_EXPIRED, x->d->certs.expired);
    html_raw(x->b, "</div></section>");
}

static void dash__dossiers(struct dash *x)
{
    dash__open_card(x, "dossiers", "Hồ sơ đánh giá theo bước", "Evaluation dossiers by step",
                    "Hồ sơ đang chờ ở từng bước của quy trình: xã kiểm tra, hội đồng chấm điểm, "
                    "quyết định công nhận.",
                    "Dossiers waiting at each step: the commune's check, the council's scoring, "
                    "the decision.");
    dash__figure(x, OCOP_STATS_DOSSIERS, CHART_HBAR, 0, 0, OCOP_CHART_GREEN);
}

/* One target: what, how far, a bar (with its value for assistive technology). */
static void dash__goal(struct dash *x, const struct ocop_table *t, size_t r)
{
    long long target = ocop_table_at(t, r, 3)->num, actual = ocop_table_at(t, r, 4)->num;
    long long pct = ocop_table_at(t, r, 5)->num;
    const char *label = ocop_table_at(t, r, 2)->text;

    html_raw(x->b, "<div class=\"goal\"><div><b>");
    html_txt(x->b, ocop_table_at(t, r, 1)->text);
    html_raw(x->b, "</b> (");
    html_int(x->b, ocop_table_at(t, r, 0)->num);
    html_raw(x->b, ")");
    if (label) {
        html_raw(x->b, "<small>");
        html_txt(x->b, label);
        html_raw(x->b, "</small>");
    }
    html_raw(x->b, pct < 50
                       ? "</div><div class=\"track low\" role=\"progressbar\" aria-valuemin=\"0\""
                       : "</div><div class=\"track\" role=\"progressbar\" aria-valuemin=\"0\"");
    ocop_buf_printf(x->b, " aria-valuemax=\"%lld\" aria-valuenow=\"%lld\" aria-label=\"", target,
                    actual < target ? actual : target);
    html_attr(x->b, ocop_table_at(t, r, 1)->text);
    ocop_buf_printf(x->b, "\"><i style=\"width:%lld%%\"></i></div><div class=\"n\"><b>",
                    pct > 100 ? 100
                    : pct < 0 ? 0
                              : pct);
    dash__int(x, actual);
    html_raw(x->b, "</b> / ");
    dash__int(x, target);
    ocop_buf_printf(x->b, " (%lld%%)</div></div>", pct);
}

static void dash__target_form(struct dash *x)
{
    struct ocop_buf *b = x->b;
    html_raw(b, "<form class=\"target\" method=\"post\" action=\"/office/targets");
    html_raw(b, x->en ? "?lang=en\">" : "\">");
    web_csrf_field(b, x->req);
    if (x->d->province_code[0]) {
        html_raw(b, "<input type=\"hidden\" name=\"province\" value=\"");
        html_attr(b, x->d->province_code);
        html_raw(b, "\">");
    }
    html_raw(b, "<label>");
    html_raw(b, TR(x, "Năm", "Year"));
    ocop_buf_printf(b,
                    "<input name=\"year\" type=\"number\" min=\"2000\" max=\"2100\" required "
                    "value=\"%d\" style=\"width:6rem\"></label><label>",
                    x->d->year);
    html_raw(b, TR(x, "Chỉ tiêu", "Metric"));
    html_raw(b, "<select name=\"metric\" required>");
    for (int i = 0; i < ocop_stats_metrics_count; i++) {
        html_raw(b, "<option value=\"");
        html_attr(b, ocop_stats_metrics[i].code);
        html_raw(b, "\">");
        html_txt(b, x->en ? ocop_stats_metrics[i].en : ocop_stats_metrics[i].vi);
        html_raw(b, "</option>");
    }
    html_raw(b, "</select></label><label>");
    html_raw(b, TR(x, "Mục tiêu (0 để xoá)", "Target (0 removes it)"));
    html_raw(b, "<input name=\"value\" type=\"number\" min=\"0\" max=\"1000000\" required "
                "style=\"width:8rem\"></label><label>");
    html_raw(b, TR(x, "Ghi chú", "Label"));
    html_raw(b, "<input name=\"label\" maxlength=\"200\" style=\"width:20rem\"></label>"
                "<button type=\"submit\" class=\"primary\">");
    html_raw(b, TR(x, "Lưu mục tiêu", "Save target"));
    html_raw(b, "</button></form>");
}

static void dash__targets(struct dash *x)
{
    const struct ocop_table *t = &x->d->tables[OCOP_STATS_TARGETS];
    dash__open_card(x, "targets", "Mục tiêu và tiến độ", "Targets and progress",
                    "Số thực tế của năm nay và các năm sau là số hiện tại; của năm đã qua là số "
                    "ngày 31/12 năm đó.",
                    "The actual figure for this year and later ones is today's; for a past year, "
                    "the figure on 31 December of that year.");
    if (t->nrows == 0) {
        html_raw(x->b, "<p class=\"note\">");
        html_raw(x->b, TR(x, "Chưa đặt mục tiêu nào.", "No targets set yet."));
        html_raw(x->b, "</p>");
    }
    for (size_t r = 0; r < t->nrows; r++)
        dash__goal(x, t, r);
    html_raw(x->b, "<details><summary>");
    html_raw(x->b, TR(x, "Bảng số liệu", "Data table"));
    html_raw(x->b, "</summary>");
    dash__table(x, t, 0, 0);
    html_raw(x->b, "</details>");
    dash__exports(x, t->name);
    dash__target_form(x);
    html_raw(x->b, "</section>");
}

/* The scans charts: all scans stacked by verdict, and the warning verdicts as lines. */
static void dash__scan_charts(struct dash *x, const struct ocop_table *t)
{
    static const char *const colors[4] = {OCOP_CHART_GREEN, OCOP_CHART_AMBER, OCOP_CHART_RED,
                                          OCOP_CHART_PURPLE};
    size_t n = t->nrows;
    char(*days)[8] = calloc(n + 1, sizeof(*days));
    const char **labels = calloc(n + 1, sizeof(*labels));
    double *v = calloc(4 * (n + 1), sizeof(*v));
    struct ocop_chart c = {0};
    char title[300];

    if (!days || !labels || !v)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const char *d = ocop_table_at(t, i, 0)->text;
        snprintf(days[i], sizeof(days[i]), "%.2s/%.2s", d && strlen(d) == 10 ? d + 8 : "",
                 d && strlen(d) == 10 ? d + 5 : "");
        labels[i] = days[i];
        for (int k = 0; k < 4; k++)
            v[k * (n + 1) + i] = (double)ocop_table_at(t, i, 1 + k)->num;
    }
    c.id = "scans";
    c.title = t->caption;
    c.n = (int)n;
    c.labels = labels;
    c.nseries = 4;
    for (int k = 0; k < 4; k++)
        c.series[k] = (struct ocop_chart_series){t->cols[1 + k].title, colors[k], v + k * (n + 1)};
    c.value_title = TR(x, "Lượt quét", "Scans");
    c.sep = x->sep;
    c.empty = TR(x, "Chưa có lượt quét", "No scans yet");
    html_raw(x->b, "<h3 class=\"mini\">");
    html_raw(x->b, TR(x, "Tất cả lượt quét, theo kết quả", "All scans, by verdict"));
    html_raw(x->b, "</h3>");
    ocop_chart_stacked(x->b, &c);
    snprintf(title, sizeof(title), "%s \xE2\x80\x94 %s",
             TR(x, "Tín hiệu cảnh báo mỗi ngày", "Warning signals per day"), x->d->province_name);
    c.id = "scan-warnings";
    c.title = title;
    c.nseries = 3;
    for (int k = 0; k < 3; k++)
        c.series[k] = c.series[k + 1];
    html_raw(x->b, "<h3 class=\"mini\">");
    html_raw(x->b, TR(x, "Tín hiệu cảnh báo (không kể lượt chính hãng)",
                      "Warning signals (genuine scans left out)"));
    html_raw(x->b, "</h3>");
    ocop_chart_line(x->b, &c);
done:
    free(days);
    free(labels);
    free(v);
}

static void dash__scans(struct dash *x)
{
    const struct ocop_table *t = &x->d->tables[OCOP_STATS_SCANS];
    dash__open_card(
        x, "scans", "Quét tem và tín hiệu tem sao chép", "Stamp scans and copied-stamp signals",
        "Mỗi lượt người mua quét mã QR trên tem, 60 ngày gần nhất. “Nghi sao chép”: "
        "một mã thật bị quét theo cách một gói hàng không thể có (nhiều máy, nơi quá xa "
        "nhau, trước ngày phát hành). Mã không rõ nguồn (giả mạo) được tính cho mọi "
        "tỉnh.",
        "Every scan of a stamp's QR code by a shopper, last 60 days. “Suspected copy”: "
        "a genuine code scanned in ways one pack cannot be (many devices, places too far "
        "apart, before release). Codes of unknown origin (forged) count for every "
        "province.");
    html_raw(x->b, "<div class=\"fig\"><div>");
    dash__scan_charts(x, t);
    html_raw(x->b, "</div><div>");
    dash__table(x, t, 0, 1);
    dash__exports(x, t->name);
    html_raw(x->b, "</div></div></section>");
}

PAGE(page_dashboard)
{
    struct ocop_dashboard d;
    struct ocop_buf b;
    struct dash x;
    int rc =
        ocop_app_dashboard(&d, &req->app, ocop_query_get(&req->query, "province"), web_en(req));

    if (rc) {
        ocop_dashboard_dispose(&d);
        return rc;
    }
    ocop_buf_init(&b, PAGE_MAX);
    x = (struct dash){req, &b, &d, web_en(req), web_en(req) ? ',' : '.'};
    web_open(&b, req, TR(&x, "Bảng điều khiển OCOP", "OCOP dashboard"));
    html_raw(&b, dash_css);
    dash__head(&x);
    dash__kpis(&x);
    dash__products(&x);
    dash__certificates(&x);
    dash__dossiers(&x);
    dash__targets(&x);
    dash__scans(&x);
    web_close(&b, req);
    ocop_dashboard_dispose(&d);
    if (!b.data || b.len >= PAGE_MAX - 1) {
        ocop_buf_dispose(&b);
        return ocop_error_set(OCOP_ERROR, "the dashboard page is too large");
    }
    return web_send(resp, &b);
}

/* ------------------------------------------------------------------ exports */

/* Writes the workbook to a private temporary file and answers it as a stream. */
static int export__xlsx(struct http_resp *resp, const struct ocop_table *t)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    int fd, rc;

    snprintf(path, sizeof(path), "%s/ocop-export-XXXXXX",
             dir && *dir && strlen(dir) < 400 ? dir : "/tmp");
    if ((fd = mkstemp(path)) < 0)
        return ocop_error_set(OCOP_ERROR, "cannot make a temporary file");
    close(fd);
    rc = ocop_table_xlsx(path, t);
    fd = rc == 0 ? open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
    unlink(path);
    if (rc)
        return rc;
    if (fd < 0)
        return ocop_error_set(OCOP_ERROR, "cannot read the spreadsheet back");
    resp->fd = fd;
    resp->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return 0;
}

PAGE(page_export)
{
    const char *format = ocop_query_get(&req->query, "format");
    struct ocop_table t;
    struct ocop_buf b;
    int rc = ocop_app_stats_table(&t, &req->app, ocop_query_get(&req->query, "province"),
                                  req->params[0], web_en(req));

    if (rc == 0 && format && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)
        rc = ocop_error_set_field(OCOP_EINVALID, "format", "the format is csv or xlsx");
    if (rc == 0) /* a known table's name: ocop-stars-2026-11-22.csv */
        http_attachment(resp, req->params[0], format && !strcmp(format, "xlsx") ? "xlsx" : "csv",
                        0);
    if (rc == 0 && format && strcmp(format, "xlsx") == 0) {
        rc = export__xlsx(resp, &t);
    } else if (rc == 0) {
        ocop_buf_init(&b, EXPORT_MAX);
        if ((rc = ocop_table_csv(&b, &t)) == 0) {
            resp->body = ocop_buf_detach(&b, &resp->body_len);
            resp->content_type = "text/csv; charset=utf-8";
        }
        ocop_buf_dispose(&b);
    }
    ocop_table_dispose(&t);
    return rc;
}

/* ------------------------------------------------------------------ targets */

PAGE(page_targets_post)
{
    struct ocop_target_params p = {web_field(req, "province"), web_field(req, "year"),
                                   web_field(req, "metric"), web_field(req, "value"),
                                   web_field(req, "label")};
    char next[64];
    int rc = ocop_app_target_set(&req->app, &p), en = web_en(req), pv;

    if (rc)
        return rc;
    /* the province was checked against the provinces table; nothing else is echoed */
    pv = p.province && *p.province && req->app.actor.role != OCOP_ROLE_OFFICE;
    snprintf(next, sizeof(next), "/office%s%s%s%s#targets", pv || en ? "?" : "",
             pv ? "province=" : "", pv ? p.province : "", en ? (pv ? "&lang=en" : "lang=en") : "");
    return web_redirect(resp, next);
}
