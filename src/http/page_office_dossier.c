/*
 * page_office_dossier.c: one dossier in the back office: its summary, result, history,
 * documents and score sheets, and the actions this user may take on it (submit, return,
 * accept, withdraw, schedule, decide, conflict of interest). Thin over app/: the app
 * checks every right and state; these pages only hide what a role cannot do.
 */
#include "http/page_office_eval.h"
#include "app/notes.h"
#include "core/error.h"
#include "core/query.h"
#include "core/workflow.h"
#include "store/evaluation.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MAX (8 * 1024 * 1024)

static const char *const action_names[][3] = {
    {"open", "Mở hồ sơ", "Opened"},
    {"submit", "Nộp hồ sơ", "Submitted"},
    {"return", "Trả lại", "Returned"},
    {"accept", "Tiếp nhận", "Accepted"},
    {"withdraw", "Rút hồ sơ", "Withdrawn"},
    {"schedule", "Xếp vào phiên hội đồng", "Scheduled"},
    {"score", "Chấm điểm", "Scored"},
    {"decide", "Quyết định của tỉnh", "Province's decision"},
    {"central_decide", "Quyết định của Trung ương", "Central decision"}};

/* May this user's role take `act` on a dossier in `state` at all? (Scope: the app.) */
int ev__may(struct http_req *req, const char *state, enum ocop_dossier_action act)
{
    enum ocop_dossier_state s;
    int ok = state && ocop_dossier_state_parse(&s, state) == 0 &&
             ocop_dossier_may(s, act, req->app.actor.role) == 0;
    ocop_error_clear();
    return ok;
}

/* -------------------------------------------------------------- one dossier */

static void ev__summary(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    int en = web_en(req);
    json_t *cs = json_object_get(d, "criteria_set");
    char tmp[96];
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "The dossier" : "Thông tin hồ sơ");
    html_raw(b, "</h2><dl><dt>");
    html_raw(b, en ? "Product" : "Sản phẩm");
    html_raw(b, "</dt><dd><a href=\"/products/");
    html_int(b, page_int(d, "product_id"));
    office_lang(b, req, 0);
    html_raw(b, "\">");
    html_txt(b, page_str(json_object_get(d, "product"), "name"));
    html_raw(b, "</a></dd>");
    html_dl_row(b, en ? "Producer" : "Chủ thể", page_str(json_object_get(d, "producer"), "name"));
    html_dl_row(b, en ? "Ward or commune" : "Xã, phường",
                page_ward_name(json_object_get(d, "ward"), en));
    html_dl_row(b, en ? "Kind" : "Loại đánh giá",
                page_name(PAGE_NAMES(page_dossier_kinds), page_str(d, "kind"), web_en(req)));
    if (page_int(d, "target_stars")) {
        snprintf(tmp, sizeof(tmp), "%lld", page_int(d, "target_stars"));
        html_dl_row(b, en ? "Target stars" : "Hạng sao đề nghị", tmp);
    }
    html_raw(b, "<dt>");
    html_raw(b, en ? "Criteria set" : "Bộ tiêu chí");
    html_raw(b, "</dt><dd>");
    /* its name (the English one from the set's document); the code only if it has none */
    if (en && page_str(cs, "name_en"))
        html_txt(b, page_str(cs, "name_en"));
    else
        html_txt(b, page_str(cs, "name") ? page_str(cs, "name") : page_str(cs, "code"));
    snprintf(tmp, sizeof(tmp), " (%s %lld)", en ? "version" : "phiên bản", page_int(cs, "version"));
    html_txt(b, tmp);
    html_raw(b, "</dd>");
    html_raw(b, "<dt>");
    html_raw(b, en ? "State" : "Trạng thái");
    html_raw(b, "</dt><dd>");
    office_state(b, req, page_str(d, "state"));
    html_raw(b, "</dd>");
    if (page_int(d, "session_id")) {
        json_t *s = NULL;
        html_raw(b, "<dt>");
        html_raw(b, en ? "Council session" : "Phiên hội đồng");
        html_raw(b, "</dt><dd>");
        if (ocop_app_session_get(&s, &req->app, page_int(d, "session_id")) == 0) {
            html_txt(b, page_str(s, "name"));
            html_raw(b, " (");
            office_date_txt(b, page_str(s, "date"));
            html_raw(b, ")");
        } else {
            html_raw(b, "#");
            html_int(b, page_int(d, "session_id"));
        }
        ocop_error_clear();
        json_decref(s);
        html_raw(b, "</dd>");
    }
    if (page_int(d, "certificate_id")) {
        html_raw(b, "<dt>");
        html_raw(b, en ? "Certificate" : "Giấy chứng nhận");
        html_raw(b, "</dt><dd><a href=\"/api/v1/certificates/");
        html_int(b, page_int(d, "certificate_id"));
        html_raw(b, "/pdf\">");
        html_raw(b, en ? "Certificate (PDF)" : "Giấy chứng nhận (PDF)");
        html_raw(b, "</a></dd>");
    }
    html_raw(b, "</dl></section>");
}

static void ev__result(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    json_t *r = json_object_get(d, "result"), *v;
    const char *part;
    int en = web_en(req);
    if (!json_is_object(r))
        return;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "The council's result" : "Kết quả chấm điểm của hội đồng");
    html_raw(b,
             "</h2><div class=\"tbl\"><table><caption class=\"mute\" style=\"text-align:left\">");
    html_raw(b,
             en ? "Averages over the members' sheets" : "Điểm trung bình các phiếu của thành viên");
    html_raw(b, "</caption><thead><tr>");
    json_object_foreach(json_object_get(r, "parts"), part, v)
    {
        html_raw(b, "<th scope=\"col\" class=\"n\">");
        html_raw(b, en ? "Part " : "Phần ");
        html_txt(b, part);
        html_raw(b, "</th>");
    }
    html_raw(b, "<th scope=\"col\" class=\"n\">");
    html_raw(b, en ? "Total" : "Tổng điểm");
    html_raw(b, "</th></tr></thead><tbody><tr>");
    json_object_foreach(json_object_get(r, "parts"), part, v)
    {
        html_raw(b, "<td class=\"n\">");
        office_decimal(b, req, json_number_value(v), 2);
        html_raw(b, "</td>");
    }
    html_raw(b, "<td class=\"n\"><strong>");
    office_decimal(b, req, json_number_value(json_object_get(r, "total")), 2);
    html_raw(b, "</strong></td></tr></tbody></table></div><dl><dt>");
    html_raw(b, en ? "Stars by score" : "Hạng sao theo điểm");
    html_raw(b, "</dt><dd>");
    office_stars(b, req, page_int(r, "stars_by_score"));
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "Stars" : "Hạng sao");
    html_raw(b, "</dt><dd>");
    office_stars(b, req, page_int(r, "stars"));
    if (page_str(r, "capped_by")) {
        html_raw(b, en ? " (capped by criterion " : " (bị giới hạn bởi tiêu chí ");
        html_txt(b, page_str(r, "capped_by"));
        html_raw(b, ")");
    }
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "The province recognises" : "Tỉnh công nhận");
    html_raw(b, "</dt><dd>");
    if (page_int(r, "recognised"))
        office_stars(b, req, page_int(r, "recognised"));
    else
        html_raw(b, en ? "no certificate (under 3 stars)" : "không cấp giấy (dưới 3 sao)");
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "Five-star candidate" : "Đề nghị 5 sao");
    html_raw(b, "</dt><dd>");
    html_raw(b, json_is_true(json_object_get(r, "candidate")) ? (en ? "Yes" : "Có")
                                                              : (en ? "No" : "Không"));
    html_raw(b, "</dd><dt>");
    html_raw(b, en ? "Sheets" : "Số phiếu");
    html_raw(b, "</dt><dd>");
    html_int(b, page_int(r, "sheets"));
    html_raw(b, "/");
    html_int(b, page_int(r, "eligible"));
    html_raw(b, json_is_true(json_object_get(r, "quorum"))
                    ? (en ? " (quorum reached)" : " (đủ số phiếu)")
                    : (en ? " (no quorum yet)" : " (chưa đủ số phiếu)"));
    html_raw(b, "</dd></dl></section>");
}

/* The notes the app writes itself (app/notes.h), English as stored, with their Vietnamese:
 * the same conversions in the same order. Other notes (a commune's reasons) are shown as
 * typed. */
static const struct {
    const char *action, *fmt, *vi;
} ev__notes[] = {
    {"score", OCOP_NOTE_QUORUM, "đủ số phiếu chấm"},
    {"schedule", OCOP_NOTE_SESSION, "phiên hội đồng số %lld"},
    {"decide", OCOP_NOTE_STARS_PROPOSED,
     "%d sao (%.2f điểm); đề nghị Trung ương xét công nhận 5 sao"},
    {"decide", OCOP_NOTE_STARS, "%d sao (%.2f điểm)"},
    {"decide", OCOP_NOTE_NOT_RECOGNISED,
     "không công nhận: %.2f điểm; phiếu chấm được gửi lại cho chủ thể"},
    {"central_decide", OCOP_NOTE_CENTRAL_REJECTED, "Hội đồng Trung ương không công nhận 5 sao"},
    {"central_decide", OCOP_NOTE_CENTRAL_RECOGNISED, "5 sao (Trung ương công nhận)"}};

/* The length of the conversion at fmt ("%d", "%lld": whole; "%.2f": 2 places), 0 if none. */
static size_t ev__conv(const char *fmt, int *places)
{
    *places = 0;
    if (strncmp(fmt, "%d", 2) == 0)
        return 2;
    if (strncmp(fmt, "%lld", 4) == 0)
        return 4;
    *places = 2;
    return strncmp(fmt, "%.2f", 4) == 0 ? 4 : 0;
}

/* Does `note` read as `fmt`? Its numbers go to v[] in order. */
static int ev__note_match(const char *fmt, const char *note, double v[2])
{
    int n = 0, places;
    size_t len;
    char *end;
    while (*fmt) {
        if (*fmt != '%') {
            if (*note++ != *fmt++)
                return 0;
            continue;
        }
        if (!(len = ev__conv(fmt, &places)) || n == 2 || !isdigit((unsigned char)*note))
            return 0;
        v[n++] = places ? strtod(note, &end) : (double)strtoll(note, &end, 10);
        note = end;
        fmt += len;
    }
    return *note == '\0';
}

/* Writes `tpl` with v[] in place of its conversions, numbers in the page's language. */
static void ev__note_write(struct ocop_buf *b, struct http_req *req, const char *tpl,
                           const double v[2])
{
    int n = 0, places;
    size_t len;
    char run[160];
    while (*tpl) {
        const char *pct = strchr(tpl, '%');
        size_t lit = pct ? (size_t)(pct - tpl) : strlen(tpl);
        snprintf(run, sizeof(run), "%.*s", (int)lit, tpl);
        html_txt(b, run);
        tpl += lit;
        if (!pct || !(len = ev__conv(tpl, &places)) || n == 2)
            return;
        office_decimal(b, req, v[n++], places);
        tpl += len;
    }
}

/* A history note in the page's language when the app wrote it, else as typed. */
static void ev__note(struct ocop_buf *b, struct http_req *req, const char *action, const char *note)
{
    double v[2] = {0, 0};
    for (size_t i = 0; note && action && i < sizeof(ev__notes) / sizeof(ev__notes[0]); i++) {
        if (strcmp(action, ev__notes[i].action) == 0 && ev__note_match(ev__notes[i].fmt, note, v)) {
            ev__note_write(b, req, web_en(req) ? ev__notes[i].fmt : ev__notes[i].vi, v);
            return;
        }
    }
    html_txt(b, note ? note : "");
}

/* Who moved the dossier: the console in words, a user by name (else e-mail) and role. */
static void ev__actor(struct ocop_buf *b, struct http_req *req, json_t *h)
{
    const char *label = page_str(h, "actor"), *name = page_str(h, "actor_name");
    const char *colon = label ? strchr(label, ':') : NULL;
    char role[16];
    int en = web_en(req);
    if (!colon) {
        html_txt(b, label ? label : "");
        return;
    }
    snprintf(role, sizeof(role), "%.*s", (int)(colon - label), label);
    if (strcmp(role, "system") == 0) {
        html_raw(b, strcmp(colon + 1, "cli") == 0
                        ? (en ? "System (command line)" : "Hệ thống (dòng lệnh)")
                        : (en ? "System" : "Hệ thống"));
        return;
    }
    html_txt(b, name && *name ? name : colon + 1);
    html_raw(b, " <span class=\"mute\">(");
    html_txt(b, page_name(PAGE_NAMES(page_roles), role, en));
    html_raw(b, ")</span>");
}

static void ev__history(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    static const char *const cols[][2] = {{"Bước", "Step"},           {"Thời điểm", "When"},
                                          {"Người thực hiện", "Who"}, {"Trạng thái", "State"},
                                          {"Ghi chú", "Note"},        {NULL, NULL}};
    int en = web_en(req);
    json_t *h;
    size_t i;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "History" : "Quá trình xử lý");
    html_raw(b, "</h2>");
    office_thead(b, req, cols, en ? "History" : "Quá trình xử lý");
    json_array_foreach(json_object_get(d, "history"), i, h)
    {
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, page_name(PAGE_NAMES(action_names), page_str(h, "action"), web_en(req)));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        office_date_txt(b, page_str(h, "at"));
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        ev__actor(b, req, h);
        html_raw(b, "</td>");
        office_td(b, cols[3][en], NULL);
        html_txt(b, office_state_name(req, page_str(h, "to_state")));
        html_raw(b, "</td>");
        office_td(b, cols[4][en], NULL);
        ev__note(b, req, page_str(h, "action"), page_str(h, "note"));
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

static void ev__documents(struct ocop_buf *b, struct http_req *req, json_t *d)
{
    int en = web_en(req);
    json_t *doc;
    size_t i;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Documents" : "Tài liệu kèm theo");
    html_raw(b, "</h2>");
    if (!json_array_size(json_object_get(d, "documents"))) {
        html_raw(b, "<p class=\"mute\">");
        html_raw(b, en ? "No documents yet." : "Chưa có tài liệu.");
        html_raw(b, "</p></section>");
        return;
    }
    html_raw(b, "<ul>");
    json_array_foreach(json_object_get(d, "documents"), i, doc)
    {
        html_raw(b, "<li>");
        html_txt(b, page_str(doc, "name"));
        html_raw(b, " <span class=\"mute\">(");
        html_txt(b, page_str(doc, "content_type"));
        html_raw(b, ", ");
        html_int(b, (page_int(doc, "size") + 1023) / 1024);
        html_raw(b, " KB)</span></li>");
    }
    html_raw(b, "</ul></section>");
}

/* The member's own sheet, if handed in; the sheets list (NULL if not readable yet). */
json_t *ev__sheets(struct http_req *req, long long id, int *mine)
{
    json_t *out = NULL, *s;
    size_t i;
    *mine = 0;
    if (ocop_app_scores(&out, &req->app, id) != 0) {
        ocop_error_clear();
        return NULL;
    }
    json_array_foreach(json_object_get(out, "items"), i, s)
    {
        if (page_int(s, "user_id") == req->app.actor.user_id)
            *mine = 1;
    }
    return out;
}

static void ev__sheets_table(struct ocop_buf *b, struct http_req *req, json_t *sheets)
{
    static const char *const cols[][2] = {{"Thành viên", "Member"},
                                          {"Tổng điểm", "Total"},
                                          {"Thời điểm nộp", "Handed in"},
                                          {NULL, NULL}};
    int en = web_en(req);
    json_t *s;
    size_t i;
    if (!json_array_size(json_object_get(sheets, "items")))
        return;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Score sheets" : "Phiếu chấm điểm");
    html_raw(b, "</h2>");
    office_thead(b, req, cols, en ? "Score sheets" : "Phiếu chấm điểm");
    json_array_foreach(json_object_get(sheets, "items"), i, s)
    {
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, page_str(s, "name") ? page_str(s, "name") : page_str(s, "email"));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        office_decimal(b, req, json_number_value(json_object_get(s, "total")), 2);
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        office_date_txt(b, page_str(s, "submitted_at"));
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

/* The decision forms: the province's (decide) and the central level's (central). */
static void ev__decide_form(struct ocop_buf *b, struct http_req *req, long long id, int central,
                            const struct office_err *e)
{
    int en = web_en(req);
    const char *form = central ? "central" : "decide";
    char today[11];
    struct office_in in;
    office_today(today, req);
    html_raw(b, "<h3>");
    html_raw(b, central ? (en ? "Record the central council's result"
                              : "Ghi nhận kết quả của Trung ương")
                        : (en ? "Record the province's decision"
                              : "Ghi nhận quyết định công nhận của tỉnh"));
    html_raw(b, "</h3>");
    office_err_summary(b, req, e, form, 0);
    office_post_form(b, req, "/office/dossiers/", id, central ? "/central" : "/decide");
    html_raw(b, "<div class=\"cols\">");
    if (central) {
        const char *r = office_posted(req, e, form, 0, "result", "recognised");
        in = (struct office_in){"result", en ? "Result" : "Kết quả", NULL, r, 1, NULL, NULL, 0};
        office_select_open(b, req, &in, e);
        office_option(b, "recognised", en ? "Recognised: 5 stars" : "Công nhận 5 sao", r);
        office_option(b, "rejected",
                      en ? "Not recognised (stays 4 stars)" : "Không công nhận (giữ 4 sao)", r);
        office_select_close(b, &in, e);
    }
    in = (struct office_in){"decision_number",
                            en ? "Decision number" : "Số quyết định",
                            "text",
                            office_posted(req, e, form, 0, "decision_number", ""),
                            1,
                            en ? "As signed, e.g. 125/QĐ-UBND" : "Ví dụ: 125/QĐ-UBND",
                            " maxlength=\"60\"",
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"decision_date",
                            en ? "Decision date" : "Ngày quyết định",
                            "date",
                            office_posted(req, e, form, 0, "decision_date", today),
                            1,
                            NULL,
                            NULL,
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"certificate_number",
                            en ? "Certificate number" : "Số giấy chứng nhận",
                            "text",
                            office_posted(req, e, form, 0, "certificate_number", ""),
                            0,
                            en ? "Empty: numbered automatically" : "Để trống: đánh số tự động",
                            " maxlength=\"60\"",
                            0};
    office_input(b, req, &in, e);
    html_raw(b, "</div>");
    office_submit(b, NULL, en ? "Record the decision" : "Ghi nhận quyết định");
}

/* Scheduling from the dossier: one button per provincial session. */
static void ev__schedule_forms(struct ocop_buf *b, struct http_req *req, long long id)
{
    int en = web_en(req), shown = 0;
    json_t *list = NULL, *s;
    size_t i;
    if (ocop_app_session_list(&list, &req->app) != 0) {
        ocop_error_clear();
        return;
    }
    html_raw(b, "<h3>");
    html_raw(b, en ? "Schedule at a council session" : "Xếp vào phiên hội đồng");
    html_raw(b, "</h3>");
    json_array_foreach(json_object_get(list, "items"), i, s)
    {
        if (shown >= 8 || strcmp(page_str(s, "level") ? page_str(s, "level") : "", "province") != 0)
            continue;
        shown++;
        office_post_form(b, req, "/office/sessions/", page_int(s, "id"), "/schedule");
        html_raw(b, "<input type=\"hidden\" name=\"dossier_id\" value=\"");
        html_int(b, id);
        html_raw(b, "\"><input type=\"hidden\" name=\"from\" value=\"dossier\"><p>");
        html_txt(b, page_str(s, "name"));
        html_raw(b, " <span class=\"mute\">(");
        office_date_txt(b, page_str(s, "date"));
        html_raw(b, ")</span> ");
        office_submit(b, " class=\"sec\"", en ? "Schedule here" : "Xếp vào phiên này");
        html_raw(b, "</p>");
    }
    if (!shown) {
        html_raw(b, "<p>");
        html_raw(b, en ? "No council session yet: " : "Chưa có phiên hội đồng: ");
        html_raw(b, "<a href=\"/office/sessions");
        office_lang(b, req, 0);
        html_raw(b, en ? "\">create one</a>.</p>" : "\">tạo phiên mới</a>.</p>");
    }
    json_decref(list);
}

static void ev__reason_form(struct ocop_buf *b, struct http_req *req, long long id,
                            const char *form, const char *name, const char *label, int required,
                            const char *button, const struct office_err *e)
{
    struct office_in in = {name,
                           label,
                           "textarea",
                           office_posted(req, e, form, 0, name, ""),
                           required,
                           NULL,
                           " maxlength=\"2000\" rows=\"3\"",
                           0};
    char path[24];
    snprintf(path, sizeof(path), "/%s", form);
    office_err_summary(b, req, e, form, 0);
    office_post_form(b, req, "/office/dossiers/", id, path);
    office_input(b, req, &in, e);
    office_submit(b, " class=\"sec\"", button);
}

/* Every action this user may take now, each its own small form. */
static void ev__actions(struct ocop_buf *b, struct http_req *req, json_t *d, int scored_mine,
                        const struct office_err *e)
{
    const char *st = page_str(d, "state");
    long long id = page_int(d, "id");
    int en = web_en(req), any = 0;
    struct ocop_buf body;
    ocop_buf_init(&body, BUF_MAX);

    if (ev__may(req, st, OCOP_DA_SUBMIT)) {
        office_post_form(&body, req, "/office/dossiers/", id, "/submit");
        html_raw(&body, "<p>");
        html_raw(&body, en ? "Hand the dossier to the commune for its pre-check."
                           : "Nộp hồ sơ cho UBND xã, phường kiểm tra.");
        html_raw(&body, "</p>");
        office_submit(&body, NULL, en ? "Submit the dossier" : "Nộp hồ sơ");
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_ACCEPT)) {
        office_post_form(&body, req, "/office/dossiers/", id, "/accept");
        office_submit(&body, NULL, en ? "Accept after the pre-check" : "Tiếp nhận hồ sơ");
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_RETURN)) {
        html_raw(&body, "<h3>");
        html_raw(&body, en ? "Return for fixes" : "Trả lại để bổ sung");
        html_raw(&body, "</h3>");
        ev__reason_form(&body, req, id, "return", "reasons",
                        en ? "Reasons" : "Lý do, nội dung cần bổ sung", 1,
                        en ? "Return the dossier" : "Trả lại hồ sơ", e);
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_SCHEDULE)) {
        ev__schedule_forms(&body, req, id);
        any = 1;
    }
    if (req->app.actor.role == OCOP_ROLE_COUNCIL && ev__may(req, st, OCOP_DA_SCORE)) {
        if (scored_mine) {
            html_raw(&body, "<p>");
            html_raw(&body,
                     en ? "You have handed in your score sheet." : "Bạn đã nộp phiếu chấm điểm.");
            html_raw(&body, " <a href=\"/office/dossiers/");
            html_int(&body, id);
            html_raw(&body, "/score");
            office_lang(&body, req, 0);
            html_raw(&body, "\">");
            html_raw(&body, en ? "See your sheet" : "Xem phiếu đã nộp");
            html_raw(&body, "</a></p>");
        } else {
            html_raw(&body, "<p><a class=\"btn\" href=\"/office/dossiers/");
            html_int(&body, id);
            html_raw(&body, "/score");
            office_lang(&body, req, 0);
            html_raw(&body, "\">");
            html_raw(&body, en ? "Score this product" : "Chấm điểm sản phẩm");
            html_raw(&body, "</a></p><details");
            html_raw(&body, office_err_at(e, "conflict", 0) ? " open><summary>" : "><summary>");
            html_raw(&body, en ? "Declare a conflict of interest" : "Khai báo xung đột lợi ích");
            html_raw(&body, "</summary>");
            ev__reason_form(&body, req, id, "conflict", "reason", en ? "Reason" : "Lý do", 0,
                            en ? "Declare and do not score" : "Khai báo và không chấm điểm", e);
            html_raw(&body, "</details>");
        }
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_DECIDE)) {
        if (json_is_true(json_object_get(json_object_get(d, "result"), "quorum")))
            ev__decide_form(&body, req, id, 0, e);
        else {
            html_raw(&body, "<p>");
            html_raw(&body, en ? "The decision can be recorded once the quorum has scored."
                               : "Chỉ ghi nhận quyết định khi đủ số phiếu chấm.");
            html_raw(&body, "</p>");
        }
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_CENTRAL_DECIDE)) {
        ev__decide_form(&body, req, id, 1, e);
        any = 1;
    }
    if (ev__may(req, st, OCOP_DA_WITHDRAW)) {
        html_raw(&body, "<details><summary>");
        html_raw(&body, en ? "Withdraw the dossier" : "Rút hồ sơ");
        html_raw(&body, "</summary>");
        office_post_form(&body, req, "/office/dossiers/", id, "/withdraw");
        html_raw(&body, "<p>");
        html_raw(&body, en ? "A withdrawn dossier cannot be reopened; a new one can be opened."
                           : "Hồ sơ đã rút không mở lại được; có thể mở hồ sơ mới.");
        html_raw(&body, "</p>");
        office_submit(&body, " class=\"sec\"", en ? "Withdraw" : "Rút hồ sơ");
        html_raw(&body, "</details>");
        any = 1;
    }
    if (any) {
        html_raw(b, "<section><h2>");
        html_raw(b, en ? "What you can do" : "Thao tác");
        html_raw(b, "</h2>");
        if (body.data)
            ocop_buf_put(b, body.data, body.len);
        html_raw(b, "</section>");
    }
    ocop_buf_dispose(&body);
}

static void ev__dossier_page(struct ocop_buf *b, struct http_req *req, json_t *d,
                             const struct office_err *e)
{
    int en = web_en(req), mine = 0;
    char title[600];
    json_t *sheets = ev__sheets(req, page_int(d, "id"), &mine);
    snprintf(title, sizeof(title), "%s #%lld: %s", en ? "Dossier" : "Hồ sơ", page_int(d, "id"),
             page_str(json_object_get(d, "product"), "name")
                 ? page_str(json_object_get(d, "product"), "name")
                 : "");
    office_open(b, req, title, "dossiers");
    html_raw(b, "<h1>");
    html_txt(b, title);
    html_raw(b, "</h1>");
    office_done(b, req);
    ev__summary(b, req, d);
    ev__result(b, req, d);
    ev__actions(b, req, d, mine, e);
    ev__sheets_table(b, req, sheets);
    ev__documents(b, req, d);
    ev__history(b, req, d);
    office_close(b, req);
    json_decref(sheets);
    ocop_error_clear();
}

PAGE(page_dossier)
{
    struct ocop_buf b;
    json_t *d = NULL;
    int64_t id;
    int rc;

    if ((rc = office_query(req, "done", NULL, NULL)) != 0)
        return rc;
    if ((rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = ocop_app_dossier_get(&d, &req->app, id)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    ev__dossier_page(&b, req, d, NULL);
    json_decref(d);
    return web_send(resp, &b);
}

/* {decision_number, decision_date, certificate_number?[, result]} from the form. */
static json_t *ev__decision_body(struct http_req *req, int central)
{
    static const char *const keys[] = {"decision_number", "decision_date", "certificate_number",
                                       "result"};
    json_t *body = json_object();
    for (int k = 0; k < (central ? 4 : 3); k++) {
        const char *v = web_field(req, keys[k]);
        if (v && *v)
            json_object_set_new(body, keys[k], json_string(v));
    }
    return body;
}

PAGE(page_dossier_act)
{
    static const struct {
        const char *name;
        int act;
    } acts[] = {{"submit", OCOP_DA_SUBMIT},
                {"return", OCOP_DA_RETURN},
                {"accept", OCOP_DA_ACCEPT},
                {"withdraw", OCOP_DA_WITHDRAW},
                {"decide", OCOP_DA_DECIDE},
                {"central", OCOP_DA_CENTRAL_DECIDE},
                {"conflict", -1}};
    const char *action = req->params[1];
    struct office_err e = {0};
    struct ocop_buf b;
    json_t *out = NULL, *body = NULL, *d = NULL;
    int64_t id;
    int act = -2, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    for (size_t i = 0; action && i < sizeof(acts) / sizeof(acts[0]); i++)
        if (strcmp(action, acts[i].name) == 0)
            act = acts[i].act;
    if (act == -2)
        return ocop_error_set(OCOP_ENOTFOUND, "no such action");
    if ((rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    if (act == OCOP_DA_DECIDE || act == OCOP_DA_CENTRAL_DECIDE) {
        body = ev__decision_body(req, act == OCOP_DA_CENTRAL_DECIDE);
        rc = act == OCOP_DA_DECIDE ? ocop_app_decide(&out, &req->app, id, body)
                                   : ocop_app_central_decide(&out, &req->app, id, body);
        json_decref(body);
    } else if (act == -1) {
        const char *reason = web_field(req, "reason");
        rc = ocop_app_conflict_declare(&out, &req->app, id, reason && *reason ? reason : NULL);
    } else {
        rc = ocop_app_dossier_act(&out, &req->app, id, act,
                                  act == OCOP_DA_RETURN ? web_field(req, "reasons") : NULL);
    }
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/dossiers/%lld?done=%s", (long long)id, action);
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, action, 0);
    if ((rc = ocop_app_dossier_get(&d, &req->app, id)) != 0)
        return rc;
    ocop_buf_init(&b, BUF_MAX);
    ev__dossier_page(&b, req, d, &e);
    json_decref(d);
    return office_send(resp, &b, 422);
}
