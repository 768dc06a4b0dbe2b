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

#endif
