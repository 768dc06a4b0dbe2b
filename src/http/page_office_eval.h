/*
 * page_office_eval.h: what the back office's dossier page (page_office_dossier.c) and
 * scoring form (page_office_score.c) share. Defined in page_office_dossier.c.
 */
#ifndef OCOP_HTTP_PAGE_OFFICE_EVAL_H
#define OCOP_HTTP_PAGE_OFFICE_EVAL_H

#include "http/page_office.h"
#include "core/workflow.h"

/* May this user's role take `act` on a dossier in `state` at all? (Scope: the app.) */
int ev__may(struct http_req *req, const char *state, enum ocop_dossier_action act);
/* The dossier's score sheets (a new reference; NULL if not readable yet); *mine tells
 * whether the user's own sheet is among them. */
json_t *ev__sheets(struct http_req *req, long long id, int *mine);

#endif
