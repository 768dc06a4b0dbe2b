/*
 * page_office.c: what every back office page shares (declared in page_office.h): the
 * layout with the office's navigation, the query check, links that keep the language,
 * redirects and sending, the ?done= notes, list tables, pagers and search boxes, small
 * formatters (dates, stars, states), and the actor's scope.
 */
#include "http/page_office.h"
#include "core/dates.h"
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char office_css[] =
    "<style>main{max-width:72rem}"
    "nav.sub{display:flex;flex-wrap:wrap;gap:.2rem 1rem;align-items:center;margin:.6rem 0;"
    "padding:.4rem 0;border-bottom:1px solid var(--line)}"
    "nav.sub a{text-decoration:none;padding:.2rem 0}nav.sub a[aria-current]{color:var(--ink);"
    "font-weight:700;border-bottom:3px solid var(--red)}nav.sub form{margin:0 0 0 auto}"
    "h1{font-size:1.45rem;margin:.8rem 0 .4rem}h3{font-size:1rem;margin:.9rem 0 .3rem}"
    ".tbl{overflow-x:auto}table{width:100%;border-collapse:collapse;font-size:.95rem}"
    "th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);"
    "vertical-align:top}thead th{background:#f4f0ea;white-space:nowrap}td.n,th.n{text-align:right}"
    ".field{margin:.8rem 0}.field>label,.lbl{display:block;font-weight:600;margin-bottom:.15rem}"
    "input,select,textarea{font:inherit;padding:.45rem .55rem;border:1px solid #8d8d8d;"
    "border-radius:.3rem;width:100%;max-width:34rem;background:#fff;color:var(--ink)}"
    "input[type=checkbox],input[type=radio]{width:1.15rem;height:1.15rem;margin:.15rem 0 0}"
    "textarea{min-height:6.5rem}input:focus,select:focus,textarea:focus,button:focus,a:focus{"
    "outline:3px solid var(--gold);outline-offset:1px}"
    "button,a.btn{font:inherit;padding:.5rem 1.1rem;border-radius:.3rem;border:1px solid "
    "var(--red);"
    "background:var(--red);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}"
    "button.sec,a.btn.sec{background:#fff;color:var(--red)}button.link{background:none;border:0;"
    "color:var(--red);padding:0;text-decoration:underline}"
    ".req{color:var(--bad);font-weight:700}.hint{display:block;color:var(--mute);font-size:.88rem}"
    ".err{display:block;color:var(--bad);font-weight:600}[aria-invalid=true]{border:2px solid "
    "var(--bad)}"
    ".note,.error{padding:.6rem .9rem;border-radius:.4rem;margin:.8rem 0}"
    ".note{background:#e8f4ec;border:1px solid #acd6bb}.error{background:#fdecec;border:1px solid "
    "#eeb1b4}"
    ".error a{color:var(--bad);font-weight:600}.mute{color:var(--mute)}"
    ".state{display:inline-block;padding:.05rem .55rem;border-radius:1rem;background:#ece8e2;"
    "font-size:.86rem}td .state{white-space:nowrap}dl{grid-template-columns:max-content "
    "minmax(0,1fr)}"
    "dd{overflow-wrap:anywhere}.error p{margin:0}.st-recognised,.st-valid{background:#dcefe3}"
    ".st-returned,.st-expiring,.st-proposed{background:#fbefd3}"
    ".st-not_recognised,.st-withdrawn,.st-expired,.st-revoked{background:#f8dcdc}"
    ".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(17rem,1fr));gap:0 1.5rem}"
    ".cols .field input,.cols .field select{max-width:none}.cols .wide{grid-column:1/-1}"
    ".wide textarea{max-width:60rem}"
    ".bar{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:.6rem 0}"
    ".bar "
    "h1{margin-right:auto}form.inline{display:flex;flex-wrap:wrap;gap:.4rem;align-items:flex-end}"
    "form.inline input,form.inline select{width:auto;max-width:100%}form.inline>div{min-width:0;"
    "max-width:100%}td a{display:inline-block;padding:.35rem 0;margin:-.35rem 0}"
    "fieldset{border:1px solid var(--line);border-radius:.4rem;margin:.7rem 0;padding:.4rem .9rem "
    ".6rem}"
    "legend{font-weight:600;padding:0 .3rem}.opt{display:flex;gap:.55rem;align-items:flex-start;"
    "padding:.25rem 0}.opt label{font-weight:400}details>summary{cursor:pointer;color:var(--red);"
    "padding:.2rem 0}"
    "section>form,section>details,section>p{margin:.5rem 0 .9rem}details form{margin:.4rem 0}"
    ".vh{position:absolute;left:-9999px}tr.fresh{background:#fff7e0}.stars{font-size:1.05rem}."
    "pager{display:flex;gap:1rem;margin:.6rem 0}"
    "@media (max-width:40rem){main{padding:0 .6rem 2rem}th,td{padding:.4rem .3rem}"
    "nav.sub form{margin:0}table.cards thead{position:absolute;left:-9999px}"
    "table.cards,table.cards tbody,table.cards tr{display:block}table.cards tr{background:#fff;"
    "border:1px solid var(--line);border-radius:.4rem;margin:.5rem 0;padding:.35rem .7rem}"
    "table.cards th,table.cards td{display:block;border:0;padding:.12rem 0;text-align:left}"
    "table.cards td[data-label]::before{content:attr(data-label) \": \";color:var(--mute)}"
    "table.cards td:empty{display:none}}</style>";

void office_open(struct ocop_buf *b, struct http_req *req, const char *title, const char *section)
{
    static const struct {
        const char *key, *path, *vi, *en;
        unsigned roles; /* bit per enum ocop_role */
    } links[] = {
#define R(r) (1u << OCOP_ROLE_##r)
        {"dossiers", "/office/dossiers", "Hồ sơ đánh giá", "Dossiers",
         R(ADMIN) | R(OFFICE) | R(COMMUNE) | R(PRODUCER) | R(COUNCIL)},
        {"sessions", "/office/sessions", "Phiên hội đồng", "Council sessions",
         R(ADMIN) | R(OFFICE)},
        {"certificates", "/office/certificates", "Giấy chứng nhận", "Certificates",
         R(ADMIN) | R(OFFICE) | R(COMMUNE) | R(PRODUCER)},
        {"stamps", "/office/stamps", "Tem OCOP", "Stamps",
         R(ADMIN) | R(OFFICE) | R(COMMUNE) | R(PRODUCER)},
        {"scans", "/office/scans", "Tem nghi sao chép", "Suspected copies",
         R(ADMIN) | R(OFFICE) | R(COMMUNE) | R(PRODUCER)},
        {"producers", "/office/producers", "Chủ thể", "Producers",
         R(ADMIN) | R(OFFICE) | R(COMMUNE) | R(PRODUCER)},
        {"products", "/office/products", "Sản phẩm", "Products",
         R(ADMIN) | R(OFFICE) | R(COMMUNE) | R(PRODUCER)},
        {"villages", "/office/villages", "Làng nghề", "Craft villages",
         R(ADMIN) | R(OFFICE) | R(COMMUNE)},
        {"users", "/office/users", "Người dùng", "Users", R(ADMIN)},
#undef R
    };
    int en = web_en(req);
    web_open(b, req, title);
    html_raw(b, office_css);
    html_raw(b, "<nav class=\"sub\" aria-label=\"");
    html_raw(b, en ? "Office" : "Văn phòng");
    html_raw(b, "\">");
    /* the overview (the dashboard) is the province's: ocop_app_dashboard refuses other roles */
    if (req->app.actor.role == OCOP_ROLE_ADMIN || req->app.actor.role == OCOP_ROLE_OFFICE) {
        html_raw(b, "<a href=\"/office");
        office_lang(b, req, 0);
        html_raw(b, "\">");
        html_raw(b, en ? "Overview" : "Tổng quan");
        html_raw(b, "</a>");
    }
    for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
        if (!(links[i].roles & (1u << req->app.actor.role)))
            continue;
        html_raw(b, "<a href=\"");
        html_raw(b, links[i].path);
        office_lang(b, req, 0);
        html_raw(b, "\"");
        if (section && strcmp(section, links[i].key) == 0)
            html_raw(b, " aria-current=\"page\"");
        html_raw(b, ">");
        html_raw(b, en ? links[i].en : links[i].vi);
        html_raw(b, "</a>");
    }
    html_raw(b, "<form method=\"post\" action=\"/office/logout\">");
    web_csrf_field(b, req);
    html_raw(b, "<button type=\"submit\" class=\"link\">");
    html_raw(b, en ? "Sign out" : "Đăng xuất");
    html_raw(b, "</button></form></nav>");
}

int office_query(struct http_req *req, const char *a, const char *b, const char *c)
{
    const char *allowed[] = {"lang", a, b, c, NULL};
    const char *lang = ocop_query_get(&req->query, "lang");
    if (lang && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
        return ocop_error_set_field(OCOP_EINVALID, "lang", "lang is vi or en");
    /* the list stops at the first NULL: a page taking fewer names passes NULL */
    return ocop_query_only(&req->query, allowed);
}

void office_close(struct ocop_buf *b, struct http_req *req)
{
    web_close(b, req);
}

void office_lang(struct ocop_buf *b, struct http_req *req, int has_query)
{
    if (web_en(req))
        html_raw(b, has_query ? "&amp;lang=en" : "?lang=en");
}

int office_redirect(struct http_resp *resp, struct http_req *req, const char *fmt, ...)
{
    char path[400];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(path, sizeof(path), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n + 9 >= sizeof(path))
        return ocop_error_set(OCOP_ERROR, "a redirect is too long");
    if (web_en(req)) {
        /* the language goes with the query, before a fragment ("...?done=x#trace") */
        char *hash = strchr(path, '#'), frag[400] = "";
        if (hash) {
            snprintf(frag, sizeof(frag), "%s", hash);
            *hash = '\0';
        }
        strcat(path, strchr(path, '?') ? "&lang=en" : "?lang=en");
        strcat(path, frag);
    }
    return web_redirect(resp, path);
}

int office_send(struct http_resp *resp, struct ocop_buf *b, int status)
{
    resp->status = status;
    return web_send(resp, b);
}

void office_done(struct ocop_buf *b, struct http_req *req)
{
    static const char *const notes[][3] = {
        {"created", "Đã tạo bản ghi mới.", "The record was created."},
        {"updated", "Đã lưu thay đổi.", "The changes were saved."},
        {"opened", "Đã mở hồ sơ. Bổ sung tài liệu rồi nộp hồ sơ cho xã.",
         "The dossier is open. Add its documents, then submit it to the commune."},
        {"submit", "Đã nộp hồ sơ.", "The dossier was submitted."},
        {"return", "Đã trả hồ sơ để bổ sung.", "The dossier was returned for fixes."},
        {"accept", "Đã tiếp nhận hồ sơ.", "The dossier was accepted."},
        {"withdraw", "Đã rút hồ sơ.", "The dossier was withdrawn."},
        {"decide", "Đã ghi nhận quyết định của tỉnh.", "The province's decision was recorded."},
        {"central", "Đã ghi nhận kết quả của Trung ương.", "The central result was recorded."},
        {"conflict", "Đã ghi nhận xung đột lợi ích.", "The conflict of interest was recorded."},
        {"scored", "Đã nộp phiếu chấm điểm.", "Your score sheet was handed in."},
        {"scheduled", "Đã xếp hồ sơ vào phiên hội đồng.", "The dossier was scheduled."},
        {"session", "Đã tạo phiên hội đồng.", "The council session was created."},
        {"revoked", "Đã thu hồi giấy chứng nhận.", "The certificate was revoked."},
        {"issued", "Đã phát hành lô tem.", "The stamp batch was issued."},
        {"disabled", "Đã khoá tài khoản: mã truy cập và các phiên của người này đã dừng.",
         "The account was disabled: its tokens and sessions have stopped."},
        {"enabled", "Đã mở lại tài khoản.", "The account was enabled again."},
        {"user", "Đã thêm người dùng.", "The user was added."},
        {"token_revoked", "Đã thu hồi mã truy cập: mã này dừng ngay.",
         "The token was revoked: it has stopped working."},
        {"traced", "Đã ghi sự kiện truy xuất nguồn gốc.", "The trace event was recorded."},
        {"retracted", "Đã rút lại sự kiện: sự kiện vẫn được lưu, được đánh dấu, và không còn "
                      "hiện cho người mua.",
         "The event was retracted: it is kept, marked, and no longer shown to shoppers."},
    };
    const char *done = ocop_query_get(&req->query, "done");
    for (size_t i = 0; done && i < sizeof(notes) / sizeof(notes[0]); i++) {
        if (strcmp(done, notes[i][0]) != 0)
            continue;
        html_raw(b, "<p class=\"note\" role=\"status\">");
        html_raw(b, notes[i][web_en(req) ? 2 : 1]);
        html_raw(b, "</p>");
    }
}

void office_date(char *out, size_t n, const char *iso)
{
    ocop_when_vn(out, n, iso);
}

void office_date_txt(struct ocop_buf *b, const char *iso)
{
    char d[40];
    office_date(d, sizeof(d), iso);
    html_txt(b, d);
}

void office_today(char out[11], struct http_req *req)
{
    ocop_date_format(out, 11, ocop_app_today(&req->app));
}

void office_decimal(struct ocop_buf *b, struct http_req *req, double v, int decimals)
{
    int en = web_en(req);
    char raw[64], out[96];
    const char *p = raw, *dot;
    size_t n = 0, whole;
    int len = snprintf(raw, sizeof(raw), "%.*f", decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, v);
    if (len < 0 || (size_t)len >= sizeof(raw)) { /* out of any score's range: as printed */
        html_txt(b, len < 0 ? "" : raw);
        return;
    }
    if (*p == '-')
        out[n++] = *p++;
    dot = strchr(p, '.');
    whole = dot ? (size_t)(dot - p) : strlen(p);
    for (size_t i = 0; i < whole; i++) {
        if (i && (whole - i) % 3 == 0)
            out[n++] = en ? ',' : '.';
        out[n++] = p[i];
    }
    if (dot) {
        out[n++] = en ? '.' : ',';
        for (p = dot + 1; *p; p++)
            out[n++] = *p;
    }
    out[n] = '\0';
    html_txt(b, out);
}

void office_stars(struct ocop_buf *b, struct http_req *req, long long n)
{
    static const char *const s[] = {"", "★", "★★", "★★★", "★★★★", "★★★★★"};
    if (n < 1 || n > 5)
        return;
    html_raw(b, "<span class=\"stars\" role=\"img\" aria-label=\"");
    html_int(b, n);
    html_raw(b, web_en(req) ? " stars\">" : " sao\">");
    html_raw(b, s[n]);
    html_raw(b, "</span>");
}

const char *office_cert_status(struct http_req *req, const char *status)
{
    return page_name(PAGE_NAMES(page_cert_statuses), status, web_en(req));
}

static const char *const office_states[][3] = {
    {"draft", "Đang soạn", "Draft"},
    {"submitted", "Đã nộp", "Submitted"},
    {"returned", "Trả lại để bổ sung", "Returned for fixes"},
    {"accepted", "Đã tiếp nhận", "Accepted"},
    {"scheduled", "Chờ hội đồng chấm", "Scheduled for the council"},
    {"scored", "Đã chấm điểm", "Scored"},
    {"recognised", "Được công nhận", "Recognised"},
    {"not_recognised", "Không được công nhận", "Not recognised"},
    {"proposed", "Đề nghị Trung ương công nhận 5 sao", "Proposed for five stars"},
    {"withdrawn", "Đã rút", "Withdrawn"}};

const char *office_state_name(struct http_req *req, const char *state)
{
    return page_name(PAGE_NAMES(office_states), state, web_en(req));
}

void office_state(struct ocop_buf *b, struct http_req *req, const char *state)
{
    office_badge(b, state ? state : "", office_state_name(req, state));
}

void office_badge(struct ocop_buf *b, const char *key, const char *label)
{
    html_raw(b, "<span class=\"state st-");
    html_attr(b, key);
    html_raw(b, "\">");
    html_txt(b, label);
    html_raw(b, "</span>");
}

void office_thead(struct ocop_buf *b, struct http_req *req, const char *const (*cols)[2],
                  const char *aria)
{
    int en = web_en(req);
    html_raw(b, "<div class=\"tbl\" role=\"region\" tabindex=\"0\" aria-label=\"");
    html_attr(b, aria);
    html_raw(b, "\"><table class=\"cards\"><thead><tr>");
    for (int i = 0; cols[i][0]; i++) {
        html_raw(b, "<th scope=\"col\">");
        html_raw(b, cols[i][en]);
        html_raw(b, "</th>");
    }
    html_raw(b, "</tr></thead><tbody>");
}

void office_td(struct ocop_buf *b, const char *label, const char *cls)
{
    html_raw(b, "<td data-label=\"");
    html_attr(b, label);
    html_raw(b, "\"");
    if (cls)
        html_raw(b, cls);
    html_raw(b, ">");
}

void office_scope_filter(struct ocop_filter *f, const struct ocop_actor *u)
{
    struct ocop_scope s;
    memset(f, 0, sizeof(*f));
    f->cert_status = f->recognised = f->candidate = -1;
    f->page = 1;
    f->per_page = 50;
    ocop_policy_scope_of(&s, u);
    f->province_code = s.province_code;
    f->ward_code = s.ward_code;
    f->producer_id = s.producer_id;
}

int office_may(struct http_req *req, const char *entity, enum ocop_action act, json_t *rec)
{
    json_t *ward = json_object_get(rec, "ward");
    struct ocop_scope s = {json_string_value(json_object_get(ward, "province_code")),
                           json_string_value(json_object_get(rec, "ward_code")), 0};
    if (!s.ward_code)
        s.ward_code = json_string_value(json_object_get(ward, "code"));
    s.producer_id = strcmp(entity, "producer") == 0
                        ? json_integer_value(json_object_get(rec, "id"))
                        : json_integer_value(json_object_get(rec, "producer_id"));
    return ocop_policy_check(&req->app.actor, entity, act, &s);
}

void office_pager(struct ocop_buf *b, struct http_req *req, const char *path, json_t *list)
{
    long long page = json_integer_value(json_object_get(list, "page"));
    long long pages = json_integer_value(json_object_get(list, "pages"));
    const char *q = ocop_query_get(&req->query, "q");
    if (pages <= 1)
        return;
    html_raw(b, "<nav class=\"pager\" aria-label=\"");
    html_raw(b, web_en(req) ? "Pages" : "Trang");
    html_raw(b, "\">");
    for (int dir = -1; dir <= 1; dir += 2) {
        if ((dir < 0 && page <= 1) || (dir > 0 && page >= pages))
            continue;
        html_raw(b, "<a href=\"");
        html_raw(b, path);
        html_raw(b, "?page=");
        html_int(b, page + dir);
        if (q) {
            html_raw(b, "&amp;q=");
            html_url_arg(b, q);
        }
        office_lang(b, req, 1);
        html_raw(b, dir < 0 ? "\" rel=\"prev\">" : "\" rel=\"next\">");
        html_raw(b, dir < 0 ? (web_en(req) ? "← Previous" : "← Trang trước")
                            : (web_en(req) ? "Next →" : "Trang sau →"));
        html_raw(b, "</a>");
    }
    html_raw(b, "<span class=\"mute\">");
    html_int(b, page);
    html_raw(b, "/");
    html_int(b, pages);
    html_raw(b, "</span></nav>");
}

void office_search(struct ocop_buf *b, struct http_req *req, const char *path, const char *vi,
                   const char *en_label)
{
    int en = web_en(req);
    html_raw(b, "<form class=\"inline\" method=\"get\" action=\"");
    html_raw(b, path);
    html_raw(b, "\" role=\"search\"><div><label class=\"lbl\" for=\"f-q\">");
    html_raw(b, en ? en_label : vi);
    html_raw(b, "</label><input id=\"f-q\" name=\"q\" type=\"search\" value=\"");
    html_attr(b, ocop_query_get(&req->query, "q"));
    html_raw(b, "\"></div>");
    if (en)
        html_raw(b, "<input type=\"hidden\" name=\"lang\" value=\"en\">");
    html_raw(b, "<button type=\"submit\" class=\"sec\">");
    html_raw(b, en ? "Search" : "Tìm");
    html_raw(b, "</button></form>");
}
