/*
 * page_office_stamps.c: the back office after the dossiers: council sessions (create,
 * schedule accepted dossiers), certificates (expiring, expired, valid; revocation) and
 * stamps (issue a batch for a product with a valid certificate, the batches with their
 * PDF sheets). The app checks every right (the office's province, the product's commune
 * or producer) and state.
 */
#include "http/page_office.h"
#include "core/dates.h"
#include "core/error.h"
#include "store/evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF_MAX (8 * 1024 * 1024)
#define MAX_WEB_BATCH 100000 /* larger batches: ocop stamps issue */

/* ================================================================= sessions */

#define KNOWN_MAX 200 /* boxes on the session form; past that, the numbers box */

/* Council members (the province's council users, then those of earlier sessions),
 * deduplicated, for the new session's boxes. */
static void ss__known(json_t *known, json_t *session)
{
    json_t *m;
    size_t i;
    json_array_foreach(json_object_get(session, "members"), i, m)
    {
        char key[24];
        snprintf(key, sizeof(key), "%lld", page_int(m, "id"));
        if (!json_object_get(known, key) && json_object_size(known) < KNOWN_MAX)
            json_object_set(known, key, m);
    }
}

static void ss__create_form(struct ocop_buf *b, struct http_req *req, json_t *known,
                            const struct office_err *e)
{
    int en = web_en(req);
    char today[11];
    const char *key;
    json_t *m;
    struct office_in in;
    office_today(today, req);
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "New council session" : "Tạo phiên hội đồng");
    html_raw(b, "</h2>");
    office_err_summary(b, req, e, "session", 0);
    html_raw(b, "<form method=\"post\" action=\"/office/sessions/new");
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
    html_raw(b, "<div class=\"cols\">");
    in = (struct office_in){"name",
                            en ? "Name" : "Tên phiên",
                            "text",
                            office_posted(req, e, "session", 0, "name", ""),
                            1,
                            en ? "e.g. Provincial council, round 1/2026"
                               : "Ví dụ: Hội đồng cấp tỉnh đợt 1/2026",
                            " maxlength=\"200\"",
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"date", en ? "Date" : "Ngày họp",
                            "date", office_posted(req, e, "session", 0, "date", today),
                            1,      NULL,
                            NULL,   0};
    office_input(b, req, &in, e);
    if (req->app.actor.role == OCOP_ROLE_ADMIN) {
        const char *lv = office_posted(req, e, "session", 0, "level", "province");
        in = (struct office_in){"level", en ? "Level" : "Cấp", NULL, lv, 1, NULL, NULL, 0};
        office_select_open(b, req, &in, e);
        office_option(b, "province", en ? "Province" : "Cấp tỉnh", lv);
        office_option(b, "central", en ? "Central" : "Trung ương", lv);
        office_select_close(b, &in, e);
    }
    html_raw(b, "</div>");
    if (json_object_size(known)) {
        html_raw(b, "<fieldset><legend>");
        html_raw(b, en ? "Members" : "Thành viên");
        html_raw(b, "</legend><p class=\"hint\">");
        html_raw(b, en ? "The province's council users and the members of earlier sessions."
                       : "Người dùng vai trò hội đồng của tỉnh và thành viên các phiên trước.");
        html_raw(b, "</p>");
        json_object_foreach(known, key, m)
        {
            char name[40];
            snprintf(name, sizeof(name), "member_%s", key);
            html_raw(b, "<div class=\"opt\"><input type=\"checkbox\" value=\"1\" id=\"f-");
            html_attr(b, name);
            html_raw(b, "\" name=\"");
            html_attr(b, name);
            html_raw(b, office_err_at(e, "session", 0) && web_field(req, name) ? "\" checked>"
                                                                               : "\">");
            html_raw(b, "<label for=\"f-");
            html_attr(b, name);
            html_raw(b, "\">");
            if (page_str(m, "name")) {
                html_txt(b, page_str(m, "name"));
                html_raw(b, " <span class=\"mute\">(");
                html_txt(b, page_str(m, "email"));
                html_raw(b, ")</span>");
            } else {
                html_txt(b, page_str(m, "email"));
            }
            html_raw(b, "</label></div>");
        }
        html_raw(b, "</fieldset>");
    }
    in = (struct office_in){
        "member_ids",
        en ? "Other members (user numbers)" : "Thành viên khác (số hiệu người dùng)",
        "text",
        office_posted(req, e, "session", 0, "member_ids", ""),
        0,
        en ? "Only for a member not listed above: user numbers, separated by commas; 1 to 50 "
             "members in all"
           : "Chỉ khi thành viên chưa có ở trên: số hiệu người dùng, cách nhau bởi dấu phẩy; "
             "tổng cộng 1 đến 50 thành viên",
        " inputmode=\"numeric\"",
        0};
    office_input(b, req, &in, e);
    office_submit(b, NULL, en ? "Create the session" : "Tạo phiên");
    html_raw(b, "</section>");
}

static void ss__session(struct ocop_buf *b, struct http_req *req, json_t *s, json_t *accepted,
                        const struct office_err *e)
{
    int en = web_en(req);
    long long sid = page_int(s, "id");
    json_t *x;
    size_t i;
    html_raw(b, "<section><h2>");
    html_txt(b, page_str(s, "name"));
    html_raw(b, " <span class=\"mute\">(");
    office_date_txt(b, page_str(s, "date"));
    if (strcmp(page_str(s, "level") ? page_str(s, "level") : "", "central") == 0)
        html_raw(b, en ? ", central" : ", Trung ương");
    html_raw(b, ")</span></h2><p>");
    html_raw(b, en ? "Members: " : "Thành viên: ");
    json_array_foreach(json_object_get(s, "members"), i, x)
    {
        if (i)
            html_raw(b, ", ");
        html_txt(b, page_str(x, "name") ? page_str(x, "name") : page_str(x, "email"));
    }
    if (!json_array_size(json_object_get(s, "members")))
        html_raw(b, "—");
    html_raw(b, "</p>");
    if (json_array_size(json_object_get(s, "dossiers"))) {
        html_raw(b, "<ul>");
        json_array_foreach(json_object_get(s, "dossiers"), i, x)
        {
            html_raw(b, "<li><a href=\"/office/dossiers/");
            html_int(b, page_int(x, "id"));
            office_lang(b, req, 0);
            html_raw(b, "\">#");
            html_int(b, page_int(x, "id"));
            html_raw(b, " ");
            html_txt(b, page_str(x, "product_name"));
            html_raw(b, "</a> ");
            office_state(b, req, page_str(x, "state"));
            html_raw(b, "</li>");
        }
        html_raw(b, "</ul>");
    }
    if (strcmp(page_str(s, "level") ? page_str(s, "level") : "", "province") == 0 &&
        json_array_size(json_object_get(accepted, "items"))) {
        struct office_in in = {"dossier_id",
                               en ? "Schedule an accepted dossier" : "Xếp hồ sơ đã tiếp nhận",
                               NULL,
                               office_posted(req, e, "schedule", sid, "dossier_id", ""),
                               1,
                               NULL,
                               NULL,
                               sid};
        office_err_summary(b, req, e, "schedule", sid);
        html_raw(b, "<form class=\"inline\" method=\"post\" action=\"/office/sessions/");
        html_int(b, sid);
        html_raw(b, "/schedule");
        office_lang(b, req, 0);
        html_raw(b, "\">");
        web_csrf_field(b, req);
        html_raw(b, "<div>");
        office_label(b, req, "dossier_id", sid, in.label, 1);
        html_raw(b, "<select");
        office_control_attrs(b, &in, e);
        html_raw(b, ">");
        office_option(b, "", en ? "Choose…" : "Chọn…", in.value);
        json_array_foreach(json_object_get(accepted, "items"), i, x)
        {
            char id[24], label[400];
            snprintf(id, sizeof(id), "%lld", page_int(x, "id"));
            snprintf(label, sizeof(label), "#%lld %s", page_int(x, "id"),
                     page_str(json_object_get(x, "product"), "name")
                         ? page_str(json_object_get(x, "product"), "name")
                         : "");
            office_option(b, id, label, in.value);
        }
        office_select_close(b, &in, e);
        office_submit(b, " class=\"sec\"", en ? "Schedule" : "Xếp lịch");
    }
    html_raw(b, "</section>");
}

static int ss__page(struct http_resp *resp, struct http_req *req, const struct office_err *e,
                    int status)
{
    struct ocop_dossier_filter f = {0};
    struct ocop_buf b;
    json_t *list = NULL, *accepted = NULL, *known = json_object(), *s, *one;
    size_t i;
    int en = web_en(req), rc;

    if ((rc = ocop_app_session_list(&list, &req->app)) != 0) {
        json_decref(known);
        return rc;
    }
    f.state = "accepted";
    f.per_page = 200;
    if (ocop_app_dossier_list(&accepted, &req->app, &f) != 0)
        ocop_error_clear();
    {
        json_t *users = NULL, *all = json_object();
        if (ocop_app_council_users(&users, &req->app, KNOWN_MAX) == 0) {
            json_object_set(all, "members", users);
            ss__known(known, all);
        }
        ocop_error_clear();
        json_decref(users);
        json_decref(all);
    }
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "Council sessions" : "Phiên hội đồng", "sessions");
    html_raw(&b, "<h1>");
    html_raw(&b, en ? "Evaluation council sessions" : "Phiên hội đồng đánh giá, phân hạng");
    html_raw(&b, "</h1>");
    office_done(&b, req);
    {
        struct ocop_buf rest;
        ocop_buf_init(&rest, BUF_MAX);
        json_array_foreach(json_object_get(list, "items"), i, s)
        {
            if (i >= 30)
                break;
            if (ocop_app_session_get(&one, &req->app, page_int(s, "id")) != 0) {
                ocop_error_clear();
                continue;
            }
            ss__known(known, one);
            ss__session(&rest, req, one, accepted, e);
            json_decref(one);
        }
        ss__create_form(&b, req, known, e);
        if (!json_array_size(json_object_get(list, "items"))) {
            html_raw(&b, "<p class=\"mute\">");
            html_raw(&b, en ? "No sessions yet." : "Chưa có phiên hội đồng.");
            html_raw(&b, "</p>");
        }
        if (rest.data)
            ocop_buf_put(&b, rest.data, rest.len);
        ocop_buf_dispose(&rest);
    }
    office_close(&b, req);
    json_decref(list);
    json_decref(accepted);
    json_decref(known);
    ocop_error_clear();
    return office_send(resp, &b, status);
}

PAGE(page_sessions)
{
    int rc = office_query(req, "done", NULL, NULL);
    return rc ? rc : ss__page(resp, req, NULL, 200);
}

static void ss__add(json_t *ids, long long v)
{
    json_t *x;
    size_t i;
    json_array_foreach(ids, i, x)
    {
        if (json_integer_value(x) == v)
            return;
    }
    json_array_append_new(ids, json_integer(v));
}

/* member_ids: the boxes ticked (member_<id>) and the numbers typed, without repeats;
 * OCOP_EINVALID (no message set) when a typed number is not one. */
static int ss__members(json_t **out, struct http_req *req)
{
    const char *typed = web_field(req, "member_ids");
    json_t *ids = json_array();
    long long v;
    *out = ids;
    for (int i = 0; i < req->form.count; i++) {
        const char *k = req->form.params[i].key;
        if (strncmp(k, "member_", 7) == 0 && ocop_parse_int(&v, k + 7, 1, INT64_MAX) == 0)
            ss__add(ids, v);
    }
    while (typed && *typed) {
        char num[24];
        size_t len = strcspn(typed, ", ;");
        if (len >= sizeof(num))
            len = sizeof(num) - 1; /* too long for an id: refused below */
        memcpy(num, typed, len);
        num[len] = '\0';
        if (len && ocop_parse_int(&v, num, 1, INT64_MAX))
            return OCOP_EINVALID; /* the caller passes the text on, for the app to name */
        if (len)
            ss__add(ids, v);
        typed += len;
        typed += strspn(typed, ", ;");
    }
    return 0;
}

PAGE(page_session_create)
{
    struct office_err e = {0};
    json_t *body, *ids = NULL, *out = NULL;
    const char *keys[] = {"name", "date", "level"};
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    body = json_object();
    for (int k = 0; k < 3; k++)
        if (web_field(req, keys[k]) && *web_field(req, keys[k]))
            json_object_set_new(body, keys[k], json_string(web_field(req, keys[k])));
    /* members typed wrong go on as text: the app then names them with the other fields */
    if (ss__members(&ids, req) == 0)
        json_object_set(body, "member_ids", ids);
    else
        json_object_set_new(body, "member_ids", json_string(web_field(req, "member_ids")));
    rc = ocop_app_session_create(&out, &req->app, body);
    json_decref(ids);
    json_decref(body);
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/sessions?done=session");
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "session", 0);
    return ss__page(resp, req, &e, 422);
}

PAGE(page_session_schedule)
{
    struct office_err e = {0};
    json_t *v = NULL, *out = NULL;
    const char *from = web_field(req, "from");
    int64_t sid;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = http_param_id(&sid, req, 0)) != 0)
        return rc;
    if ((rc = office_int_field(&v, "dossier_id", web_field(req, "dossier_id"), 1, INT64_MAX)) ==
            0 &&
        !v)
        rc = ocop_error_set_field(OCOP_EINVALID, "dossier_id",
                                  web_en(req) ? "choose a dossier" : "chưa chọn hồ sơ");
    if (rc == 0)
        rc = ocop_app_session_schedule(&out, &req->app, sid, json_integer_value(v));
    json_decref(out);
    if (rc == 0 && from && strcmp(from, "dossier") == 0)
        rc = office_redirect(resp, req, "/office/dossiers/%lld?done=scheduled",
                             (long long)json_integer_value(v));
    else if (rc == 0)
        rc = office_redirect(resp, req, "/office/sessions?done=scheduled");
    json_decref(v);
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "schedule", sid);
    return ss__page(resp, req, &e, 422);
}

/* ============================================================= certificates */

/* One list of certificates; `folded`: inside a <details>, open when its form failed. */
static void ct__table(struct ocop_buf *b, struct http_req *req, json_t *list, const char *h_vi,
                      const char *h_en, int revocable, int folded, const struct office_err *e)
{
    static const char *const cols[][2] = {{"Số GCN", "Number"},     {"Sản phẩm", "Product"},
                                          {"Hạng sao", "Stars"},    {"Hiệu lực đến", "Valid until"},
                                          {"Tình trạng", "Status"}, {"Quyết định", "Decision"},
                                          {"Thao tác", "Actions"},  {NULL, NULL}};
    int en = web_en(req);
    char today[11];
    json_t *c;
    size_t i;
    office_today(today, req);
    size_t shown = json_array_size(json_object_get(list, "items"));
    html_raw(b, "<section>");
    if (folded)
        html_raw(b, e && e->set && strcmp(e->form, "revoke") == 0 ? "<details open><summary>"
                                                                  : "<details><summary>");
    html_raw(b, folded ? "<h2 style=\"display:inline\">" : "<h2>");
    html_raw(b, en ? h_en : h_vi);
    html_raw(b, " <span class=\"mute\">(");
    html_int(b, page_int(list, "total"));
    html_raw(b, ")</span></h2>");
    if (folded)
        html_raw(b, "</summary>");
    if (!shown) {
        html_raw(b, "<p class=\"mute\">");
        html_raw(b, en ? "None." : "Không có.");
        html_raw(b, folded ? "</p></details></section>" : "</p></section>");
        return;
    }
    if ((long long)shown < page_int(list, "total")) {
        html_raw(b, "<p class=\"mute\">");
        html_raw(b, en ? "The first " : "Hiển thị ");
        html_int(b, (long long)shown);
        html_raw(b, en ? "." : " giấy đầu tiên.");
        html_raw(b, "</p>");
    }
    office_thead(b, req, cols, en ? h_en : h_vi);
    json_array_foreach(json_object_get(list, "items"), i, c)
    {
        long long id = page_int(c, "id");
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, page_str(c, "number"));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        html_raw(b, "<a href=\"/products/");
        html_int(b, page_int(c, "product_id"));
        office_lang(b, req, 0);
        html_raw(b, "\">");
        html_txt(b, page_str(json_object_get(c, "product"), "name"));
        html_raw(b, "</a></td>");
        office_td(b, cols[2][en], NULL);
        office_stars(b, req, page_int(c, "stars"));
        html_raw(b, "</td>");
        office_td(b, cols[3][en], NULL);
        office_date_txt(b, page_str(c, "valid_until"));
        html_raw(b, "</td>");
        office_td(b, cols[4][en], NULL);
        office_badge(b, page_str(c, "status") ? page_str(c, "status") : "",
                     office_cert_status(req, page_str(c, "status")));
        html_raw(b, "</td>");
        office_td(b, cols[5][en], NULL);
        html_txt(b, page_str(c, "decision_number"));
        html_raw(b, "</td>");
        office_td(b, cols[6][en], NULL);
        html_raw(b, "<a href=\"/api/v1/certificates/");
        html_int(b, id);
        html_raw(b, "/pdf\">PDF</a>");
        if (revocable) {
            struct office_in in = {"reason",
                                   en ? "Reason" : "Lý do thu hồi",
                                   "textarea",
                                   office_posted(req, e, "revoke", id, "reason", ""),
                                   1,
                                   NULL,
                                   " maxlength=\"500\" rows=\"2\"",
                                   id};
            struct office_in day = {"date", en ? "From" : "Từ ngày",
                                    "date", office_posted(req, e, "revoke", id, "date", today),
                                    0,      NULL,
                                    NULL,   id};
            html_raw(b, office_err_at(e, "revoke", id) ? "<details open><summary>"
                                                       : "<details><summary>");
            html_raw(b, en ? "Revoke" : "Thu hồi");
            html_raw(b, "</summary>");
            office_err_summary(b, req, e, "revoke", id);
            office_post_form(b, req, "/office/certificates/", id, "/revoke");
            office_input(b, req, &in, e);
            office_input(b, req, &day, e);
            office_submit(b, NULL, en ? "Revoke the certificate" : "Thu hồi giấy chứng nhận");
            html_raw(b, "</details>");
        }
        html_raw(b, "</td></tr>");
    }
    html_raw(b, folded ? "</tbody></table></div></details></section>"
                       : "</tbody></table></div></section>");
}

static int ct__page(struct http_resp *resp, struct http_req *req, const struct office_err *e,
                    int status)
{
    static const struct {
        int status;
        const char *vi, *en;
    } lists[] = {{OCOP_CERT_EXPIRING, "Sắp hết hạn (trong 90 ngày)", "Expiring within 90 days"},
                 {OCOP_CERT_EXPIRED, "Đã hết hạn", "Expired"},
                 {OCOP_CERT_VALID, "Còn hiệu lực", "Valid"}};
    const struct ocop_actor *u = &req->app.actor;
    int en = web_en(req), rc = 0;
    int revoke = u->role == OCOP_ROLE_OFFICE || u->role == OCOP_ROLE_ADMIN;
    json_t *list[3] = {NULL, NULL, NULL};
    struct ocop_buf b;

    if (u->role != OCOP_ROLE_ADMIN && u->role != OCOP_ROLE_OFFICE && u->role != OCOP_ROLE_COMMUNE &&
        u->role != OCOP_ROLE_PRODUCER)
        return ocop_error_set(OCOP_EFORBIDDEN, "certificates are followed by the office, communes "
                                               "and producers");
    for (int k = 0; k < 3 && rc == 0; k++) {
        struct ocop_filter f;
        office_scope_filter(&f, u);
        f.cert_status = lists[k].status;
        f.per_page = lists[k].status == OCOP_CERT_VALID ? 50 : 100;
        /* what needs doing first: the soonest to expire, the latest to have expired */
        f.by_expiry = 1;
        f.newest = lists[k].status == OCOP_CERT_EXPIRED;
        rc = ocop_app_list(&list[k], &req->app, "certificates", &f);
    }
    if (rc == 0) {
        ocop_buf_init(&b, BUF_MAX);
        office_open(&b, req, en ? "Certificates" : "Giấy chứng nhận", "certificates");
        html_raw(&b, "<h1>");
        html_raw(&b, en ? "OCOP certificates" : "Giấy chứng nhận sản phẩm OCOP");
        html_raw(&b, "</h1>");
        office_done(&b, req);
        for (int k = 0; k < 3; k++)
            ct__table(&b, req, list[k], lists[k].vi, lists[k].en,
                      revoke && lists[k].status != OCOP_CERT_EXPIRED,
                      lists[k].status == OCOP_CERT_VALID, e);
        office_close(&b, req);
        rc = office_send(resp, &b, status);
    }
    for (int k = 0; k < 3; k++)
        json_decref(list[k]);
    return rc;
}

PAGE(page_certificates)
{
    int rc = office_query(req, "done", NULL, NULL);
    return rc ? rc : ct__page(resp, req, NULL, 200);
}

PAGE(page_certificate_revoke)
{
    struct office_err e = {0};
    json_t *body, *out = NULL;
    int64_t id;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    body = json_object();
    if ((rc = http_param_id(&id, req, 0)) == 0) {
        if (web_field(req, "reason") && *web_field(req, "reason"))
            json_object_set_new(body, "reason", json_string(web_field(req, "reason")));
        if (web_field(req, "date") && *web_field(req, "date"))
            json_object_set_new(body, "date", json_string(web_field(req, "date")));
        rc = ocop_app_certificate_revoke(&out, &req->app, id, body);
    }
    json_decref(body);
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/certificates?done=revoked");
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "revoke", id);
    return ct__page(resp, req, &e, 422);
}

/* =================================================================== stamps */

/* Products with a certificate valid today (expiring ones too), in the actor's scope. */
static json_t *st__certified(struct http_req *req)
{
    static const int statuses[] = {OCOP_CERT_VALID, OCOP_CERT_EXPIRING};
    json_t *all = json_array();
    for (int k = 0; k < 2; k++) {
        struct ocop_filter f;
        json_t *list = NULL;
        office_scope_filter(&f, &req->app.actor);
        f.cert_status = statuses[k];
        f.status = "active";
        f.per_page = 200;
        f.newest = 1; /* a product certified today is among those offered */
        if (ocop_app_list(&list, &req->app, "products", &f) != 0) {
            ocop_error_clear();
            continue;
        }
        json_array_extend(all, json_object_get(list, "items"));
        json_decref(list);
    }
    return all;
}

static int st__newest_first(const void *a, const void *b)
{
    long long x = page_int(*(json_t *const *)a, "id"), y = page_int(*(json_t *const *)b, "id");
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The batches of those products (an administrator: every batch), newest first. */
static json_t *st__batches(struct http_req *req, json_t *products)
{
    json_t *all = json_array(), *p, *list, *sorted;
    json_t **v;
    size_t i, n;
    if (req->app.actor.role == OCOP_ROLE_ADMIN) {
        if (ocop_app_batch_list(&list, &req->app, 0) == 0) {
            json_array_extend(all, json_object_get(list, "items"));
            json_decref(list);
        }
    } else {
        json_array_foreach(products, i, p)
        {
            if (i >= 200 || ocop_app_batch_list(&list, &req->app, page_int(p, "id")) != 0)
                continue;
            json_array_extend(all, json_object_get(list, "items"));
            json_decref(list);
        }
    }
    ocop_error_clear();
    n = json_array_size(all);
    v = calloc(n + 1, sizeof(*v));
    sorted = json_array();
    for (i = 0; v && i < n; i++)
        v[i] = json_array_get(all, i);
    if (v)
        qsort(v, n, sizeof(*v), st__newest_first);
    for (i = 0; v && i < n && i < 300; i++)
        json_array_append(sorted, v[i]);
    free(v);
    json_decref(all);
    return sorted;
}

static void st__form(struct ocop_buf *b, struct http_req *req, json_t *products,
                     const struct office_err *e)
{
    int en = web_en(req), err = e && e->set;
    char today[11], id[24];
    json_t *p;
    size_t i;
    struct office_in in;
    const char *chosen =
        err ? web_field(req, "product_id") : ocop_query_get(&req->query, "product");

    office_today(today, req);
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Issue a batch of stamps" : "Phát hành lô tem");
    html_raw(b, "</h2>");
    if (!json_array_size(products)) {
        html_raw(b, "<p class=\"mute\">");
        html_raw(b, en ? "None of your products holds a valid OCOP certificate: stamps are issued "
                         "only for certified products."
                       : "Chưa có sản phẩm nào có giấy chứng nhận OCOP còn hiệu lực: tem chỉ được "
                         "phát hành cho sản phẩm đã được công nhận.");
        html_raw(b, "</p></section>");
        return;
    }
    office_err_summary(b, req, e, "issue", 0);
    html_raw(b, "<form method=\"post\" action=\"/office/stamps/new");
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
    html_raw(b, "<div class=\"cols\">");
    in = (struct office_in){"product_id",
                            en ? "Product" : "Sản phẩm",
                            NULL,
                            chosen ? chosen : "",
                            1,
                            en ? "Products with a valid certificate"
                               : "Sản phẩm có giấy chứng nhận còn hiệu lực",
                            NULL,
                            0};
    office_select_open(b, req, &in, e);
    if (json_array_size(products) > 1)
        office_option(b, "", en ? "Choose…" : "Chọn…", in.value);
    json_array_foreach(products, i, p)
    {
        char label[600];
        json_t *c = json_object_get(p, "certificate");
        snprintf(id, sizeof(id), "%lld", page_int(p, "id"));
        snprintf(label, sizeof(label), "%s (%lld %s, %s)",
                 page_str(p, "name") ? page_str(p, "name") : "", page_int(c, "stars"),
                 en ? "stars" : "sao", page_str(c, "number") ? page_str(c, "number") : "");
        office_option(b, id, label, in.value);
    }
    office_select_close(b, &in, e);
    in = (struct office_in){"lot",
                            en ? "Lot" : "Số lô",
                            "text",
                            err ? web_field(req, "lot") : "",
                            1,
                            en ? "Up to 20 letters, digits or - . /"
                               : "Tối đa 20 ký tự: chữ, số, - . /",
                            " maxlength=\"20\" autocapitalize=\"characters\"",
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"count",
                            en ? "Number of stamps" : "Số lượng tem",
                            "number",
                            err ? web_field(req, "count") : "",
                            1,
                            en ? "1 to 100,000 per batch" : "Từ 1 đến 100.000 tem mỗi lô",
                            " min=\"1\" max=\"100000\" step=\"1\"",
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"production_date",
                            en ? "Production date" : "Ngày sản xuất",
                            "date",
                            err ? web_field(req, "production_date") : today,
                            1,
                            NULL,
                            NULL,
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"expiry_date",
                            en ? "Best before" : "Hạn sử dụng",
                            "date",
                            err ? web_field(req, "expiry_date") : "",
                            0,
                            NULL,
                            NULL,
                            0};
    office_input(b, req, &in, e);
    in = (struct office_in){"release_date",
                            en ? "Release date" : "Ngày đưa ra thị trường",
                            "date",
                            err ? web_field(req, "release_date") : "",
                            0,
                            en ? "Empty: the production date" : "Để trống: theo ngày sản xuất",
                            NULL,
                            0};
    office_input(b, req, &in, e);
    html_raw(b, "</div><p><button type=\"submit\">");
    html_raw(b, en ? "Issue the stamps" : "Phát hành tem");
    html_raw(b, "</button></p></form></section>");
}

static void st__batches_table(struct ocop_buf *b, struct http_req *req, json_t *batches)
{
    static const char *const cols[][2] = {{"Số lô", "Lot"},
                                          {"Sản phẩm", "Product"},
                                          {"Số tem", "Stamps"},
                                          {"Ngày sản xuất", "Produced"},
                                          {"Hạn sử dụng", "Best before"},
                                          {"Phát hành", "Issued"},
                                          {"Tờ tem", "Sheets"},
                                          {NULL, NULL}};
    int en = web_en(req);
    long long fresh = 0;
    json_t *x;
    size_t i;
    html_raw(b, "<section><h2>");
    html_raw(b, en ? "Stamp batches" : "Các lô tem");
    html_raw(b, "</h2>");
    if (!json_array_size(batches)) {
        html_raw(b, "<p class=\"mute\">");
        html_raw(b, en ? "No batches yet." : "Chưa có lô tem nào.");
        html_raw(b, "</p></section>");
        return;
    }
    if (ocop_query_get(&req->query, "batch"))
        ocop_parse_int(&fresh, ocop_query_get(&req->query, "batch"), 1, INT64_MAX);
    office_thead(b, req, cols, en ? "Stamp batches" : "Các lô tem");
    json_array_foreach(batches, i, x)
    {
        html_raw(b, page_int(x, "id") == fresh ? "<tr class=\"fresh\"><th scope=\"row\">"
                                               : "<tr><th scope=\"row\">");
        html_txt(b, page_str(x, "lot"));
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        html_txt(b, page_str(json_object_get(x, "product"), "name"));
        html_raw(b, "</td>");
        office_td(b, cols[2][en], NULL);
        html_int(b, page_int(x, "count"));
        html_raw(b, "</td>");
        office_td(b, cols[3][en], NULL);
        office_date_txt(b, page_str(x, "production_date"));
        html_raw(b, "</td>");
        office_td(b, cols[4][en], NULL);
        office_date_txt(b, page_str(x, "expiry_date"));
        html_raw(b, "</td>");
        office_td(b, cols[5][en], NULL);
        office_date_txt(b, page_str(x, "created_at"));
        html_raw(b, "</td>");
        office_td(b, cols[6][en], NULL);
        if (page_str(x, "revoked_at")) {
            office_badge(b, "revoked", en ? "Revoked" : "Đã thu hồi");
        } else {
            html_raw(b, "<a href=\"/office/stamps/");
            html_int(b, page_int(x, "id"));
            html_raw(b, "/pdf\" type=\"application/pdf\" download>");
            html_raw(b, en ? "Download PDF" : "Tải PDF");
            html_raw(b, "<span class=\"vh\">");
            html_raw(b, en ? " of lot " : " lô ");
            html_txt(b, page_str(x, "lot"));
            html_raw(b, "</span></a>");
        }
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "</tbody></table></div></section>");
}

static int st__page(struct http_resp *resp, struct http_req *req, const struct office_err *e,
                    int status)
{
    struct ocop_buf b;
    json_t *products, *batches;
    int en = web_en(req), rc;
    if ((rc = ocop_policy_role_may(&req->app.actor, "product", OCOP_ACT_UPDATE)) != 0)
        return rc;
    products = st__certified(req);
    batches = st__batches(req, products);
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, en ? "Stamps" : "Tem OCOP", "stamps");
    html_raw(&b, "<h1>");
    html_raw(&b, en ? "OCOP stamps" : "Tem truy xuất OCOP");
    html_raw(&b, "</h1>");
    office_done(&b, req);
    st__form(&b, req, products, e);
    st__batches_table(&b, req, batches);
    office_close(&b, req);
    json_decref(products);
    json_decref(batches);
    ocop_error_clear();
    return office_send(resp, &b, status);
}

PAGE(page_stamps)
{
    int rc = office_query(req, "done", "batch", "product");
    return rc ? rc : st__page(resp, req, NULL, 200);
}

static const char *st__opt(struct http_req *req, const char *name)
{
    const char *v = web_field(req, name);
    return v && *v ? v : NULL;
}

PAGE(page_stamps_create)
{
    struct ocop_issue_params p = {0};
    struct office_err e = {0};
    const char *product = web_field(req, "product_id"), *count = web_field(req, "count");
    long long n = 0;
    int64_t batch = 0;
    int en = web_en(req), rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = ocop_policy_role_may(&req->app.actor, "product", OCOP_ACT_UPDATE)) != 0)
        return rc;
    if (!product || ocop_parse_int(&n, product, 1, INT64_MAX))
        rc = ocop_error_set_field(OCOP_EINVALID, "product_id",
                                  en ? "choose the product" : "chưa chọn sản phẩm");
    p.product_id = n;
    if (rc == 0 && (!count || ocop_parse_int(&n, count, 1, MAX_WEB_BATCH)))
        rc = ocop_error_set_field(OCOP_EINVALID, "count",
                                  en ? "a batch here has 1 to 100,000 stamps"
                                     : "mỗi lô có từ 1 đến 100.000 tem");
    p.count = (long)n;
    p.lot = st__opt(req, "lot");
    p.production_date = st__opt(req, "production_date");
    p.expiry_date = st__opt(req, "expiry_date");
    p.release_date = st__opt(req, "release_date");
    if (rc == 0)
        rc = ocop_app_stamps_issue(&batch, &req->app, &p, NULL, NULL);
    if (rc == 0)
        return office_redirect(resp, req, "/office/stamps?done=issued&batch=%lld",
                               (long long)batch);
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "issue", 0);
    return st__page(resp, req, &e, 422);
}

/* The batch's A4 sheets, written to a temporary file and streamed from it. */
PAGE(page_stamps_pdf)
{
    int64_t id;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 || (rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    return http_send_batch_pdf(req, resp, id);
}
