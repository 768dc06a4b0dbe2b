/*
 * page_office_trace.c: the "Truy xuất nguồn gốc / Traceability" section of a product's
 * office page (/office/products/{id}/edit): the product's trace history as a timeline,
 * retracted events marked with who retracted them and why, a form to record an event and,
 * under each event, a form to retract it. The app checks every right (the product's
 * producer, commune or office) and every field.
 */
#include "http/page_office.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/trace.h"

#include <stdio.h>
#include <string.h>

#define T(vi, en_text) (en ? (en_text) : (vi))

/* Who recorded or retracted: the user's e-mail, or the operator's shell. */
static void tr__who(struct ocop_buf *b, json_t *user, int en)
{
    if (json_is_object(user))
        html_txt(b, page_str(user, "email"));
    else
        html_txt(b, T("quản trị hệ thống (dòng lệnh)", "the system's operator (command line)"));
}

/* Under an event: who recorded it and when; its retraction, or the form to retract it. */
static void tr__event_foot(struct ocop_buf *b, struct http_req *req, int64_t product_id, json_t *e,
                           int may, const struct office_err *err)
{
    int en = web_en(req);
    long long id = page_int(e, "id");
    html_raw(b, "<p class=\"where\">");
    html_txt(b, T("Ghi bởi ", "Recorded by "));
    tr__who(b, json_object_get(e, "recorded_by"), en);
    html_txt(b, T(" lúc ", " on "));
    office_date_txt(b, page_str(e, "recorded_at"));
    html_raw(b, "</p>");
    if (page_str(e, "retracted_at")) {
        html_raw(b, "<p>");
        office_badge(b, "revoked", T("Đã rút lại", "Retracted"));
        html_txt(b, " ");
        office_date_txt(b, page_str(e, "retracted_at"));
        html_txt(b, T(", bởi ", ", by "));
        tr__who(b, json_object_get(e, "retracted_by"), en);
        html_txt(b, ": ");
        html_txt(b, page_str(e, "retract_reason"));
        html_raw(b, "</p>");
        return;
    }
    if (!may)
        return;
    html_raw(b,
             office_err_at(err, "retract", id) ? "<details open><summary>" : "<details><summary>");
    html_raw(b, en ? "Retract this event" : "Rút lại sự kiện này");
    html_raw(b, "</summary>");
    office_err_summary(b, req, err, "retract", id);
    html_raw(b, "<form method=\"post\" action=\"/office/products/");
    html_int(b, product_id);
    html_raw(b, "/trace/");
    html_int(b, id);
    html_raw(b, "/retract");
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
    {
        struct office_in in = {"reason",
                               en ? "Reason" : "Lý do",
                               "textarea",
                               office_posted(req, err, "retract", id, "reason", ""),
                               1,
                               en ? "The event stays in this history, marked; shoppers no "
                                    "longer see it."
                                  : "Sự kiện vẫn được lưu trong lịch sử này và được đánh dấu; "
                                    "người mua không còn thấy nó.",
                               " maxlength=\"500\"",
                               id};
        office_input(b, req, &in, err);
    }
    office_submit(b, " class=\"sec\"", en ? "Retract" : "Rút lại");
    html_raw(b, "</details>");
}

/* The kind, the day and time, what was done. */
static void tr__form_what(struct ocop_buf *b, struct http_req *req, int64_t pid,
                          const struct office_err *e)
{
    int en = web_en(req);
    const char *kind = office_posted(req, e, "trace", pid, "kind", "");
    char today[11], max[40];
    struct office_in in = {"kind", en ? "Kind of event" : "Loại sự kiện", NULL, kind, 1, NULL, NULL,
                           pid};
    office_select_open(b, req, &in, e);
    office_option(b, "", en ? "Choose…" : "Chọn…", kind);
    for (size_t i = 0; i < ocop_trace_kinds_count; i++)
        office_option(b, ocop_trace_kinds[i].code,
                      en ? ocop_trace_kinds[i].en : ocop_trace_kinds[i].vi, kind);
    office_select_close(b, &in, e);
    office_today(today, req);
    snprintf(max, sizeof(max), " max=\"%s\"", today);
    in = (struct office_in){"at",   en ? "Day" : "Ngày",
                            "date", office_posted(req, e, "trace", pid, "at", today),
                            1,      NULL,
                            max,    pid};
    office_input(b, req, &in, e);
    in = (struct office_in){"at_time", en ? "Time (Vietnam)" : "Giờ (giờ Việt Nam)",
                            "time",    office_posted(req, e, "trace", pid, "at_time", ""),
                            0,         en ? "Empty: the day only" : "Để trống: chỉ ghi ngày",
                            NULL,      pid};
    office_input(b, req, &in, e);
}

/* The ward: the product's province's wards, or any ward by its code. */
static void tr__form_where(struct ocop_buf *b, struct http_req *req, int64_t pid, json_t *wards,
                           const struct office_err *e)
{
    int en = web_en(req);
    const char *ward = office_posted(req, e, "trace", pid, "ward_code", "");
    json_t *w;
    size_t i;
    struct office_in in = {"ward_code", en ? "Ward or commune" : "Xã, phường",
                           NULL,        ward,
                           0,           en ? "Empty: none named" : "Để trống: không ghi",
                           NULL,        pid};
    if (!wards || json_integer_value(json_object_get(wards, "total")) >
                      (json_int_t)json_array_size(json_object_get(wards, "items"))) {
        /* more wards than a list holds (or none read): the code box only */
        in.type = "text";
        in.attrs = " inputmode=\"numeric\" pattern=\"[0-9]{5}\" maxlength=\"5\"";
        in.hint = en ? "5 digits; empty: none named" : "5 chữ số; để trống: không ghi";
        office_input(b, req, &in, e);
    } else {
        office_select_open(b, req, &in, e);
        office_option(b, "", "—", ward);
        json_array_foreach(json_object_get(wards, "items"), i, w)
            office_option(b, page_str(w, "code"), page_ward_name(w, en), ward);
        office_select_close(b, &in, e);
    }
    in = (struct office_in){"ward_other",
                            en ? "Or another province's ward (code)"
                               : "Hoặc xã, phường tỉnh khác (mã)",
                            "text",
                            office_posted(req, e, "trace", pid, "ward_other", ""),
                            0,
                            en ? "5 digits, e.g. where raw materials come from"
                               : "5 chữ số, ví dụ nơi nguyên liệu được lấy về",
                            " inputmode=\"numeric\" pattern=\"[0-9]{5}\" maxlength=\"5\"",
                            pid};
    office_input(b, req, &in, e);
    in = (struct office_in){"place",
                            en ? "Place" : "Địa điểm",
                            "text",
                            office_posted(req, e, "trace", pid, "place", ""),
                            0,
                            en ? "e.g. the farm, the workshop, the laboratory"
                               : "Ví dụ: trang trại, xưởng, phòng kiểm nghiệm",
                            " maxlength=\"200\"",
                            pid};
    office_input(b, req, &in, e);
}

/* The lot: the product's stamp batches, or the product as a whole. */
static void tr__form_lot(struct ocop_buf *b, struct http_req *req, int64_t pid, json_t *batches,
                         const struct office_err *e)
{
    int en = web_en(req);
    const char *sel = office_posted(req, e, "trace", pid, "batch_id", "");
    json_t *x;
    size_t i;
    struct office_in in = {"batch_id",
                           en ? "Lot" : "Lô hàng",
                           NULL,
                           sel,
                           0,
                           en ? "A lot's events show only on that lot's stamps"
                              : "Sự kiện của một lô chỉ hiện trên tem của lô đó",
                           NULL,
                           pid};
    office_select_open(b, req, &in, e);
    office_option(b, "", en ? "The product as a whole (every lot)" : "Cả sản phẩm (mọi lô)", sel);
    json_array_foreach(json_object_get(batches, "items"), i, x)
    {
        char value[24], label[120], day[40];
        snprintf(value, sizeof(value), "%lld", page_int(x, "id"));
        office_date(day, sizeof(day), page_str(x, "production_date"));
        snprintf(label, sizeof(label), "%s %s (%s)", en ? "Lot" : "Lô", page_str(x, "lot"), day);
        office_option(b, value, label, sel);
    }
    office_select_close(b, &in, e);
}

/* The form that records an event. */
static void tr__form(struct ocop_buf *b, struct http_req *req, int64_t pid, json_t *product,
                     const struct office_err *e)
{
    int en = web_en(req);
    json_t *wards = NULL, *batches = NULL;
    struct ocop_filter f;
    struct office_in in;

    memset(&f, 0, sizeof(f));
    f.cert_status = f.recognised = f.candidate = -1;
    f.page = 1;
    f.per_page = 200;
    f.province_code = page_str(json_object_get(product, "ward"), "province_code");
    if (ocop_app_list(&wards, &req->app, "wards", &f) != 0 ||
        ocop_app_batch_list(&batches, &req->app, pid) != 0)
        ocop_error_clear(); /* the pickers are then empty: the code box still works */
    html_raw(b, "<h3>");
    html_raw(b, en ? "Record an event" : "Ghi sự kiện mới");
    html_raw(b, "</h3>");
    office_err_summary(b, req, e, "trace", pid);
    office_post_form(b, req, "/office/products/", pid, "/trace");
    html_raw(b, "<div class=\"cols\">");
    tr__form_what(b, req, pid, e);
    tr__form_lot(b, req, pid, batches, e);
    tr__form_where(b, req, pid, wards, e);
    html_raw(b, "</div>");
    in = (struct office_in){"description",
                            en ? "What was done" : "Nội dung",
                            "textarea",
                            office_posted(req, e, "trace", pid, "description", ""),
                            1,
                            en ? "Shoppers read it after scanning a stamp"
                               : "Người mua đọc nội dung này khi quét tem",
                            " maxlength=\"1000\"",
                            pid};
    office_input(b, req, &in, e);
    office_submit(b, NULL, en ? "Record the event" : "Ghi sự kiện");
    json_decref(wards);
    json_decref(batches);
}

void office_trace_section(struct ocop_buf *b, struct http_req *req, int64_t product_id,
                          json_t *product, const struct office_err *e)
{
    int en = web_en(req), may = ocop_app_may_trace(&req->app, product_id) == 0;
    json_t *list = NULL, *ev;
    size_t i;

    ocop_error_clear();
    if (!may || ocop_app_trace_list(&list, &req->app, product_id) != 0) {
        ocop_error_clear();
        return; /* who may not trace the product does not see its office history */
    }
    html_raw(b, "<section id=\"trace\"><h2>");
    html_raw(b, en ? "Traceability" : "Truy xuất nguồn gốc");
    html_raw(b, "</h2><p class=\"mute\">");
    html_raw(b, en ? "The product's origin and history, as shoppers see it after scanning a "
                     "stamp (a lot's events only on that lot's stamps). Events are never "
                     "changed or deleted: a wrong one is retracted, with its reason."
                   : "Nguồn gốc và quá trình của sản phẩm, như người mua thấy khi quét tem "
                     "(sự kiện của một lô chỉ hiện trên tem của lô đó). Sự kiện không bao giờ "
                     "bị sửa hay xoá: sự kiện sai được rút lại, kèm lý do.");
    html_raw(b, "</p>");
    if (json_array_size(json_object_get(list, "items")) == 0) {
        html_raw(b, "<p>");
        html_raw(b, en ? "No event has been recorded yet." : "Chưa có sự kiện nào.");
        html_raw(b, "</p>");
    } else {
        html_raw(b, "<ol class=\"timeline\">");
        json_array_foreach(json_object_get(list, "items"), i, ev)
        {
            html_raw(b, page_str(ev, "retracted_at") ? "<li class=\"retracted\">" : "<li>");
            page_trace_event(b, ev, en);
            tr__event_foot(b, req, product_id, ev, may, e);
            html_raw(b, "</li>");
        }
        html_raw(b, "</ol>");
    }
    tr__form(b, req, product_id, product, e);
    html_raw(b, "</section>");
    json_decref(list);
    ocop_error_clear();
}

/* The form's fields as the API's body: "at" from the day and the time (Vietnam's), the ward
 * from the list or the code box, the lot as its batch id. Nothing is refused here: the app
 * names every field at fault. */
static json_t *tr__body(struct http_req *req, int64_t pid)
{
    const char *day = web_field(req, "at"), *time = web_field(req, "at_time");
    const char *ward = web_field(req, "ward_other"), *batch = web_field(req, "batch_id");
    json_t *body, *id = NULL;
    char at[64];

    if (!ward || !*ward)
        ward = web_field(req, "ward_code");
    if (time && *time)
        snprintf(at, sizeof(at), "%sT%s+07:00", day ? day : "", time);
    else
        snprintf(at, sizeof(at), "%s", day ? day : "");
    body =
        json_pack("{s:I, s:s?, s:s, s:s?}", "product_id", (json_int_t)pid, "kind",
                  web_field(req, "kind"), "at", at, "description", web_field(req, "description"));
    if (ward && *ward)
        json_object_set_new(body, "ward_code", json_string(ward));
    if (web_field(req, "place") && *web_field(req, "place"))
        json_object_set_new(body, "place", json_string(web_field(req, "place")));
    if (batch && *batch) {
        if (office_int_field(&id, "batch_id", batch, 1, INT64_MAX) != 0)
            ocop_error_clear();
        json_object_set_new(body, "batch_id", id ? id : json_string(batch));
    }
    if (!web_field(req, "kind"))
        json_object_set_new(body, "kind", json_null());
    return body;
}

PAGE(page_trace_create)
{
    struct office_err e = {0};
    json_t *body = NULL, *out = NULL;
    int64_t pid;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 || (rc = http_param_id(&pid, req, 0)) != 0)
        return rc;
    if (!(body = tr__body(req, pid)))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    rc = ocop_app_trace_add(&out, &req->app, body);
    json_decref(body);
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/products/%lld/edit?done=traced#trace",
                               (long long)pid);
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "trace", pid);
    if (web_field(req, "ward_other") && *web_field(req, "ward_other")) {
        /* the code was typed in the box, not chosen from the list */
        if (strcmp(e.field, "ward_code") == 0)
            snprintf(e.field, sizeof(e.field), "ward_other");
        for (size_t i = 0; i < e.nfields; i++)
            if (strcmp(e.fields[i].field, "ward_code") == 0)
                snprintf(e.fields[i].field, sizeof(e.fields[i].field), "ward_other");
    }
    return office_product_page(resp, req, pid, &e);
}

PAGE(page_trace_retract)
{
    struct office_err e = {0};
    json_t *ev = NULL, *out = NULL;
    int64_t pid, id;
    int rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 ||
        (rc = http_param_id(&pid, req, 0)) != 0 || (rc = http_param_id(&id, req, 1)) != 0 ||
        (rc = ocop_app_trace_get(&ev, &req->app, id)) != 0)
        return rc;
    rc = page_int(ev, "product_id") == pid
             ? 0
             : ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", "trace event",
                              ocop_word_vi("trace event"));
    json_decref(ev);
    if (rc)
        return rc;
    rc = ocop_app_trace_retract(&out, &req->app, id, web_field(req, "reason"));
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/products/%lld/edit?done=retracted#trace",
                               (long long)pid);
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "retract", id);
    return office_product_page(resp, req, pid, &e);
}
