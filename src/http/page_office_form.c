/*
 * page_office_form.c: the back office's form pieces (declared in page_office.h): a
 * failed form's error and its summary, labelled inputs, selects and options with their
 * hints and errors, the values posted back, POST forms with their CSRF field, and
 * number fields.
 */
#include "http/page_office.h"
#include "core/error.h"
#include "core/lang.h"

#include <stdio.h>
#include <string.h>

void office_err_capture(struct office_err *e, struct http_req *req, const char *form,
                        long long key)
{
    const char *f = ocop_error_field(), *lang = web_en(req) ? "en" : "vi";
    size_t n = ocop_error_field_count();
    e->set = 1;
    e->code = ocop_error_code();
    e->key = key;
    snprintf(e->form, sizeof(e->form), "%s", form ? form : "");
    snprintf(e->field, sizeof(e->field), "%s", f ? f : "");
    snprintf(e->message, sizeof(e->message), "%s", ocop_error_message_in(lang));
    e->nfields = 0;
    for (size_t i = 0; i < n && i < OCOP_ERROR_FIELDS_MAX; i++, e->nfields++) {
        snprintf(e->fields[i].field, sizeof(e->fields[i].field), "%s", ocop_error_field_at(i));
        snprintf(e->fields[i].message, sizeof(e->fields[i].message), "%s",
                 ocop_error_field_message_in(i, lang));
    }
}

int office_err_at(const struct office_err *e, const char *form, long long key)
{
    return e && e->set && strcmp(e->form, form) == 0 && e->key == key;
}

/* The message for one field, if the error names it. */
static const char *office__field_err(const struct office_err *e, const char *name)
{
    if (!e || !e->set)
        return NULL;
    for (size_t i = 0; i < e->nfields; i++)
        if (strcmp(e->fields[i].field, name) == 0)
            return e->fields[i].message;
    return NULL;
}

/* A link to the control of a field at fault, its message as the text. */
static void office__err_link(struct ocop_buf *b, const char *field, const char *message,
                             long long key)
{
    html_raw(b, "<a href=\"#f-");
    html_attr(b, field);
    if (key) {
        html_raw(b, "-");
        html_int(b, key);
    }
    html_raw(b, "\">");
    html_txt(b, message);
    html_raw(b, "</a>");
}

void office_err_summary(struct ocop_buf *b, struct http_req *req, const struct office_err *e,
                        const char *form, long long key)
{
    if (!office_err_at(e, form, key))
        return;
    html_raw(b, "<div class=\"error\" role=\"alert\"><p>");
    if (e->nfields > 1) {
        /* every field at fault, each linking to its control */
        html_raw(b, web_en(req) ? "This could not be saved; please correct these "
                                : "Chưa lưu được; hãy sửa ");
        html_int(b, (long long)e->nfields);
        html_raw(b, web_en(req) ? " fields:</p><ul>" : " mục sau:</p><ul>");
        for (size_t i = 0; i < e->nfields; i++) {
            html_raw(b, "<li>");
            office__err_link(b, e->fields[i].field, e->fields[i].message, key);
            html_raw(b, "</li>");
        }
        html_raw(b, "</ul></div>");
        return;
    }
    html_raw(b, web_en(req) ? "This could not be saved: " : "Chưa lưu được: ");
    if (e->field[0])
        office__err_link(b, e->field, e->message, key);
    else
        html_txt(b, e->message);
    html_raw(b, "</p></div>");
}

/* id="f-NAME[-KEY]" */
static void office__id(struct ocop_buf *b, const char *prefix, const char *name, long long key)
{
    html_raw(b, prefix);
    html_attr(b, name);
    if (key) {
        html_raw(b, "-");
        html_int(b, key);
    }
}

void office_label(struct ocop_buf *b, struct http_req *req, const char *name, long long key,
                  const char *label, int required)
{
    html_raw(b, "<label for=\"");
    office__id(b, "f-", name, key);
    html_raw(b, "\">");
    html_txt(b, label);
    if (required) {
        html_raw(b, " <span class=\"req\" aria-hidden=\"true\">*</span><span class=\"vh\">");
        html_raw(b, web_en(req) ? " (required)" : " (bắt buộc)");
        html_raw(b, "</span>");
    }
    html_raw(b, "</label>");
}

/* The attributes after an input's name: id, required, aria links to hint and error. */
void office_control_attrs(struct ocop_buf *b, const struct office_in *in,
                          const struct office_err *e)
{
    int here = office__field_err(e, in->name) && e->key == in->key;
    html_raw(b, " id=\"");
    office__id(b, "f-", in->name, in->key);
    html_raw(b, "\" name=\"");
    html_attr(b, in->name);
    html_raw(b, "\"");
    if (in->required)
        html_raw(b, " required");
    if (in->attrs)
        html_raw(b, in->attrs);
    if (in->hint || here) {
        html_raw(b, " aria-describedby=\"");
        if (in->hint)
            office__id(b, "h-", in->name, in->key);
        if (in->hint && here)
            html_raw(b, " ");
        if (here)
            office__id(b, "e-", in->name, in->key);
        html_raw(b, "\"");
    }
    if (here)
        html_raw(b, " aria-invalid=\"true\"");
}

/* The hint and the error message under a control. */
void office_control_end(struct ocop_buf *b, const struct office_in *in, const struct office_err *e)
{
    const char *msg = office__field_err(e, in->name);
    if (in->hint) {
        html_raw(b, "<span class=\"hint\" id=\"");
        office__id(b, "h-", in->name, in->key);
        html_raw(b, "\">");
        html_txt(b, in->hint);
        html_raw(b, "</span>");
    }
    if (msg && e->key == in->key) {
        html_raw(b, "<span class=\"err\" id=\"");
        office__id(b, "e-", in->name, in->key);
        html_raw(b, "\">");
        html_txt(b, msg);
        html_raw(b, "</span>");
    }
}

void office_input(struct ocop_buf *b, struct http_req *req, const struct office_in *in,
                  const struct office_err *e)
{
    int check = strcmp(in->type, "checkbox") == 0, area = strcmp(in->type, "textarea") == 0;
    html_raw(b, check  ? "<div class=\"field opt\">"
                : area ? "<div class=\"field wide\">"
                       : "<div class=\"field\">");
    if (!check)
        office_label(b, req, in->name, in->key, in->label, in->required);
    if (area) {
        html_raw(b, "<textarea");
        office_control_attrs(b, in, e);
        html_raw(b, ">");
        html_txt(b, in->value);
        html_raw(b, "</textarea>");
    } else {
        html_raw(b, "<input type=\"");
        html_raw(b, in->type);
        html_raw(b, "\"");
        office_control_attrs(b, in, e);
        if (check) {
            html_raw(b, " value=\"1\"");
            if (in->value && *in->value)
                html_raw(b, " checked");
        } else {
            html_raw(b, " value=\"");
            html_attr(b, in->value);
            html_raw(b, "\"");
        }
        html_raw(b, ">");
    }
    if (check) {
        html_raw(b, "<span>");
        office_label(b, req, in->name, in->key, in->label, in->required);
    }
    office_control_end(b, in, e);
    html_raw(b, check ? "</span></div>" : "</div>");
}

void office_option(struct ocop_buf *b, const char *value, const char *label, const char *selected)
{
    html_raw(b, "<option value=\"");
    html_attr(b, value);
    html_raw(b, "\"");
    if (selected && strcmp(selected, value) == 0)
        html_raw(b, " selected");
    html_raw(b, ">");
    html_txt(b, label);
    html_raw(b, "</option>");
}

void office_select_open(struct ocop_buf *b, struct http_req *req, const struct office_in *in,
                        const struct office_err *e)
{
    html_raw(b, "<div class=\"field\">");
    office_label(b, req, in->name, in->key, in->label, in->required);
    html_raw(b, "<select");
    office_control_attrs(b, in, e);
    html_raw(b, ">");
}

void office_select_close(struct ocop_buf *b, const struct office_in *in, const struct office_err *e)
{
    html_raw(b, "</select>");
    office_control_end(b, in, e);
    html_raw(b, "</div>");
}

const char *office_posted(struct http_req *req, const struct office_err *e, const char *form,
                          long long key, const char *name, const char *def)
{
    const char *v = office_err_at(e, form, key) ? web_field(req, name) : NULL;
    return v ? v : def;
}

void office_post_form(struct ocop_buf *b, struct http_req *req, const char *path_a, long long id,
                      const char *path_b)
{
    html_raw(b, "<form method=\"post\" action=\"");
    html_raw(b, path_a);
    html_int(b, id);
    html_raw(b, path_b);
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
}

void office_submit(struct ocop_buf *b, const char *cls, const char *label)
{
    html_raw(b, "<button type=\"submit\"");
    if (cls)
        html_raw(b, cls);
    html_raw(b, ">");
    html_raw(b, label);
    html_raw(b, "</button></form>");
}

int office_int_field(json_t **out, const char *name, const char *s, long long min, long long max)
{
    long long v;
    *out = NULL;
    if (!s || !*s)
        return 0;
    if (ocop_parse_int(&v, s, min, max))
        return ocop_error_set_field(OCOP_EINVALID, name, "%s must be a whole number%.0s", name,
                                    ocop_word_vi(name));
    *out = json_integer(v);
    return 0;
}
