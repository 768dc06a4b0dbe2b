/* pages.h: HTML pages rendered on the server (every data string escaped). */
#ifndef OCOP_HTTP_PAGES_H
#define OCOP_HTTP_PAGES_H

#include <jansson.h>

#include "core/buf.h"

/* The string or integer at o[k] (NULL or 0 when absent or of another type). */
static inline const char *page_str(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static inline long long page_int(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* A ward's and its province's names in the page's language ({full_name, full_name_en,
 * province_name, province_name_en} of a ward object); the Vietnamese when there is no
 * English one. */
static inline const char *page_ward_name(json_t *ward, int en)
{
    const char *s = en ? page_str(ward, "full_name_en") : NULL;
    return s ? s : page_str(ward, "full_name");
}

static inline const char *page_province_name(json_t *ward, int en)
{
    const char *s = en ? page_str(ward, "province_name_en") : NULL;
    return s ? s : page_str(ward, "province_name");
}

/* Names of stored codes, {code, vi, en} rows (page_names.c). page_name answers a code's
 * name in the page's language, the code itself when the table lacks it, "" for NULL. */
extern const char *const page_cert_statuses[5][3];
extern const char *const page_producer_kinds[4][3];
extern const char *const page_dossier_kinds[3][3];
extern const char *const page_roles[6][3];
const char *page_name(const char *const (*t)[3], size_t n, const char *code, int en);
#define PAGE_NAMES(t) (t), sizeof(t) / sizeof((t)[0])

/* One trace event (an item of a stamp answer's "trace", or of a product's history) in the
 * page's language: when (Vietnam's time), its kind, its lot, what was done, and where
 * (the place's text, the ward and the province). The caller writes the list item around it
 * (page_stamp.c). */
void page_trace_event(struct ocop_buf *b, json_t *e, int en);
/* A trace history as a section (the stamp page's, the product page's): its heading, the
 * events (items as page_trace_event takes them, oldest first) as a timeline, "Times are
 * Vietnam time." when one has a time of day, then `note` (one line of the page's, or NULL).
 * Nothing at all when there is neither an event nor a note (page_stamp.c). */
void page_trace_section(struct ocop_buf *b, json_t *events, const char *heading, const char *note,
                        int en);

/* The stamp verification page from ocop_app_verify's result. `self_url` is the
 * stamp's own URI with its query (already a URL; escaped as an attribute here). */
void page_stamp(struct ocop_buf *b, json_t *result, const char *lang, const char *self_url);

struct http_req;
struct http_resp;
#define PAGE(name) int name(struct http_req *req, struct http_resp *resp)

/* Public pages (page_public.c, page_map.c). */
PAGE(page_home);
PAGE(page_catalog);
PAGE(page_product);
PAGE(page_producer);
PAGE(page_village);
PAGE(page_map);

/* The office's registry, evaluation and stamp forms (page_office_*.c). */
PAGE(page_office_list);        /* GET  /office/{kind}            producers|products|villages */
PAGE(page_office_new);         /* GET  /office/{kind}/new */
PAGE(page_office_create);      /* POST /office/{kind}/new */
PAGE(page_office_edit);        /* GET  /office/{kind}/{id}/edit */
PAGE(page_office_update);      /* POST /office/{kind}/{id}/edit */
PAGE(page_dossiers);           /* GET  /office/dossiers */
PAGE(page_dossier_new);        /* GET  /office/dossiers/new?product=ID */
PAGE(page_dossier_create);     /* POST /office/dossiers/new */
PAGE(page_dossier);            /* GET  /office/dossiers/{id} */
PAGE(page_dossier_act);        /* POST /office/dossiers/{id}/{action}
                                  submit|return|accept|withdraw|decide|central|conflict */
PAGE(page_score_form);         /* GET  /office/dossiers/{id}/score */
PAGE(page_score_post);         /* POST /office/dossiers/{id}/score */
PAGE(page_sessions);           /* GET  /office/sessions */
PAGE(page_session_create);     /* POST /office/sessions/new */
PAGE(page_session_schedule);   /* POST /office/sessions/{id}/schedule */
PAGE(page_certificates);       /* GET  /office/certificates */
PAGE(page_certificate_revoke); /* POST /office/certificates/{id}/revoke */
PAGE(page_trace_create);       /* POST /office/products/{id}/trace (page_office_trace.c) */
PAGE(page_trace_retract);      /* POST /office/products/{id}/trace/{event}/retract */
PAGE(page_stamps);             /* GET  /office/stamps */
PAGE(page_stamps_create);      /* POST /office/stamps/new */
PAGE(page_stamps_pdf);         /* GET  /office/stamps/{id}/pdf */
PAGE(page_scans);              /* GET  /office/scans (page_office_scans.c) */
PAGE(page_stamp_scans);        /* GET  /office/scans/{serial} */
PAGE(page_users);              /* GET  /office/users (page_office_users.c) */
PAGE(page_user_create);        /* POST /office/users/new */
PAGE(page_user);               /* GET  /office/users/{id}: the user's tokens */
PAGE(page_user_action);        /* POST /office/users/{id}/disable|enable|token|revoke */

/* The dashboard (page_dashboard.c). */
PAGE(page_dashboard);    /* GET  /office */
PAGE(page_export);       /* GET  /office/export/{name}?format=csv|xlsx */
PAGE(page_targets_post); /* POST /office/targets */

#endif
