/*
 * page_office.h: what the back office's page files (page_office_registry.c, _eval.c,
 * _dossier.c, _score.c, _stamps.c, _scans.c, _users.c) share: the layout with the
 * office's navigation, links that keep the language, redirects after a POST, form fields
 * with their labels, hints and errors, and small formatters. Defined in page_office.c
 * (layout, lists, formatters) and page_office_form.c (forms).
 */
#ifndef OCOP_HTTP_PAGE_OFFICE_H
#define OCOP_HTTP_PAGE_OFFICE_H

#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

/* A form's failure, copied out of the thread's last error before the page re-renders
 * (rendering calls the app again, which may overwrite it). `form` and `key` say which
 * form of the page it belongs to ("return", "revoke" with the certificate's id...). */
struct office_err {
    int set, code;
    long long key;
    char form[24];
    char field[64];    /* the first field at fault, "" for none */
    char message[400]; /* the first message, in the page's language */
    size_t nfields;    /* every field at fault, with its message: the form marks each */
    struct {
        char field[64];
        char message[400];
    } fields[OCOP_ERROR_FIELDS_MAX];
};

/* One form control. `key` (non-zero) makes ids unique when a page repeats a form. */
struct office_in {
    const char *name, *label;
    const char *type; /* an <input> type, or "textarea" */
    const char *value;
    int required;
    const char *hint;
    const char *attrs; /* literal extra attributes (" min=\"1\""), never data */
    long long key;
};

/* The page frame with the office's navigation; `section` marks the current link. */
void office_open(struct ocop_buf *b, struct http_req *req, const char *title, const char *section);
void office_close(struct ocop_buf *b, struct http_req *req);
/* Refuses (422) a query parameter the page does not take: lang (vi or en) and up to three
 * names (NULL for none). */
int office_query(struct http_req *req, const char *a, const char *b, const char *c);
/* "?lang=en" (or "&amp;lang=en" after a query) on English pages, nothing otherwise. */
void office_lang(struct ocop_buf *b, struct http_req *req, int has_query);
/* 303 to a local path made with printf, keeping the language (before a "#fragment"). */
int office_redirect(struct http_resp *resp, struct http_req *req, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sends the page with a status (422 when a form is shown again with its error). */
int office_send(struct http_resp *resp, struct ocop_buf *b, int status);

void office_err_capture(struct office_err *e, struct http_req *req, const char *form,
                        long long key);
int office_err_at(const struct office_err *e, const char *form, long long key);
/* The alert above a form that failed, linking to each field at fault. */
void office_err_summary(struct ocop_buf *b, struct http_req *req, const struct office_err *e,
                        const char *form, long long key);
void office_label(struct ocop_buf *b, struct http_req *req, const char *name, long long key,
                  const char *label, int required);
/* id, name, required and the aria links of a control (after "<input" or "<select"). */
void office_control_attrs(struct ocop_buf *b, const struct office_in *in,
                          const struct office_err *e);
/* The hint and the error message under a control. */
void office_control_end(struct ocop_buf *b, const struct office_in *in, const struct office_err *e);
/* A labelled <input> or <textarea> with its hint and error. */
void office_input(struct ocop_buf *b, struct http_req *req, const struct office_in *in,
                  const struct office_err *e);
/* The value typed into `form` (keyed by `key`) when the page shows that failed form
 * again, else `def`. */
const char *office_posted(struct http_req *req, const struct office_err *e, const char *form,
                          long long key, const char *name, const char *def);
/* <form method="post" action="PATH_A ID PATH_B"> with the language and the CSRF field;
 * the paths are literals. office_submit closes it with its button (`cls` literal). */
void office_post_form(struct ocop_buf *b, struct http_req *req, const char *path_a, long long id,
                      const char *path_b);
void office_submit(struct ocop_buf *b, const char *cls, const char *label);
/* A labelled <select> of `in` (its options follow), and its end with hint and error. */
void office_select_open(struct ocop_buf *b, struct http_req *req, const struct office_in *in,
                        const struct office_err *e);
void office_select_close(struct ocop_buf *b, const struct office_in *in, const struct office_err *e);
void office_option(struct ocop_buf *b, const char *value, const char *label, const char *selected);

/* A list's previous/next links (the list's "page" and "pages"), keeping ?q= and the
 * language; `path` is a literal or a known route, never data. */
void office_pager(struct ocop_buf *b, struct http_req *req, const char *path, json_t *list);
/* A GET search box (q) posting to `path`, labelled vi / en. */
void office_search(struct ocop_buf *b, struct http_req *req, const char *path, const char *vi,
                   const char *en_label);
/* The note for ?done=... (known keys only; the parameter is never echoed). */
void office_done(struct ocop_buf *b, struct http_req *req);
/* "2026-03-10" as 10/03/2026; a time as 10/03/2026 13:05. */
void office_date(char *out, size_t n, const char *iso);
void office_date_txt(struct ocop_buf *b, const char *iso);
void office_today(char out[11], struct http_req *req);
void office_stars(struct ocop_buf *b, struct http_req *req, long long n);
/* A number with `decimals` places in the page's language: "1.234,56" (vi), "1,234.56" (en). */
void office_decimal(struct ocop_buf *b, struct http_req *req, double v, int decimals);
const char *office_cert_status(struct http_req *req, const char *status);
/* A dossier's state in words, and as a coloured label. */
const char *office_state_name(struct http_req *req, const char *state);
void office_state(struct ocop_buf *b, struct http_req *req, const char *state);
/* A coloured label: class "st-KEY". */
void office_badge(struct ocop_buf *b, const char *key, const char *label);

/* Opens a scrollable region and a table of class "cards" with its head: `cols` holds
 * {vi, en} literals and ends with {NULL, NULL}. Close with "</tbody></table></div>". */
void office_thead(struct ocop_buf *b, struct http_req *req, const char *const (*cols)[2],
                  const char *aria);
/* <td data-label="LABEL"[CLS]>: on a phone, tables of class "cards" become one card per
 * row and each cell shows its column's name. `cls` is literal (" class=\"n\""). */
void office_td(struct ocop_buf *b, const char *label, const char *cls);

/* A product's office page (its edit form, then its traceability section) shown again after
 * a form of it failed (status 422), the record as stored (page_office_registry.c). */
int office_product_page(struct http_resp *resp, struct http_req *req, int64_t id,
                        const struct office_err *e);
/* The product's "Truy xuất nguồn gốc / Traceability" section: its trace history with
 * retracted events marked, the form to record an event and those to retract one; nothing
 * for who may not trace the product (page_office_trace.c). `e`: a failed "trace" form
 * (keyed by the product's id) or "retract" form (keyed by the event's id), or NULL. */
void office_trace_section(struct ocop_buf *b, struct http_req *req, int64_t product_id,
                          json_t *product, const struct office_err *e);

/* A list filter bounded to what the actor looks after (province, ward, own products). */
void office_scope_filter(struct ocop_filter *f, const struct ocop_actor *u);
/* May the actor do `act` on a record as the API shows it (its ward, producer)? */
int office_may(struct http_req *req, const char *entity, enum ocop_action act, json_t *rec);
/* A form number: *out NULL when empty; OCOP_EINVALID naming the field otherwise. */
int office_int_field(json_t **out, const char *name, const char *s, long long min, long long max);

#endif
