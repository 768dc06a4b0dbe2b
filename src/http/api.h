/* api.h: JSON API handlers (thin: parse, call one app function, map the result). */
#ifndef OCOP_HTTP_API_H
#define OCOP_HTTP_API_H

#include "http/http.h"

int api_health(struct http_req *req, struct http_resp *resp);
int api_me(struct http_req *req, struct http_resp *resp);
int api_sectors(struct http_req *req, struct http_resp *resp);
int api_list(struct http_req *req, struct http_resp *resp);
int api_get(struct http_req *req, struct http_resp *resp);
int api_create(struct http_req *req, struct http_resp *resp);
int api_update(struct http_req *req, struct http_resp *resp);
int api_delete(struct http_req *req, struct http_resp *resp);
int api_audit(struct http_req *req, struct http_resp *resp);

int api_criteria_list(struct http_req *req, struct http_resp *resp);
int api_criteria_get(struct http_req *req, struct http_resp *resp);
int api_dossier_list(struct http_req *req, struct http_resp *resp);
int api_dossier_open(struct http_req *req, struct http_resp *resp);
int api_dossier_get(struct http_req *req, struct http_resp *resp);
int api_dossier_submit(struct http_req *req, struct http_resp *resp);
int api_dossier_return(struct http_req *req, struct http_resp *resp);
int api_dossier_accept(struct http_req *req, struct http_resp *resp);
int api_dossier_withdraw(struct http_req *req, struct http_resp *resp);
int api_document_add(struct http_req *req, struct http_resp *resp);
int api_document_get(struct http_req *req, struct http_resp *resp);
int api_conflict(struct http_req *req, struct http_resp *resp);
int api_scores(struct http_req *req, struct http_resp *resp);
int api_score(struct http_req *req, struct http_resp *resp);
int api_decide(struct http_req *req, struct http_resp *resp);
int api_central_decide(struct http_req *req, struct http_resp *resp);
int api_session_list(struct http_req *req, struct http_resp *resp);
int api_session_create(struct http_req *req, struct http_resp *resp);
int api_session_get(struct http_req *req, struct http_resp *resp);
int api_session_schedule(struct http_req *req, struct http_resp *resp);
int api_revoke(struct http_req *req, struct http_resp *resp);
int api_certificate_pdf(struct http_req *req, struct http_resp *resp);
int api_summary_pdf(struct http_req *req, struct http_resp *resp);
int api_sheet_pdf(struct http_req *req, struct http_resp *resp);

int api_verify(struct http_req *req, struct http_resp *resp);
int api_keys_document(struct http_req *req, struct http_resp *resp);
int api_batch_issue(struct http_req *req, struct http_resp *resp);
int api_batch_list(struct http_req *req, struct http_resp *resp);
int api_batch_get(struct http_req *req, struct http_resp *resp);
int api_batch_pdf(struct http_req *req, struct http_resp *resp);
int api_batch_revoke(struct http_req *req, struct http_resp *resp);
int api_stamp_revoke(struct http_req *req, struct http_resp *resp);
/* GET /api/v1/stamps/suspected, GET /api/v1/stamps/{serial}/scans */
int api_stamps_suspected(struct http_req *req, struct http_resp *resp);
int api_stamp_scans(struct http_req *req, struct http_resp *resp);
/* A product's trace events (api_trace.c): GET /api/v1/products/{id}/trace (public),
 * GET|POST /api/v1/trace-events, GET /api/v1/trace-events/{id},
 * POST /api/v1/trace-events/{id}/retract */
int api_trace_public(struct http_req *req, struct http_resp *resp);
int api_trace_list(struct http_req *req, struct http_resp *resp);
int api_trace_create(struct http_req *req, struct http_resp *resp);
int api_trace_get(struct http_req *req, struct http_resp *resp);
int api_trace_retract(struct http_req *req, struct http_resp *resp);

#endif
