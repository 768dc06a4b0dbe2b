/* trace_internal.h: trace events recorded and retracted inside the caller's transaction
 * (the demo's), with the same rights and checks as ocop_app_trace_add and _retract, which
 * run them in a transaction of their own (app/trace.c). */
#ifndef OCOP_APP_TRACE_INTERNAL_H
#define OCOP_APP_TRACE_INTERNAL_H

#include "app/app.h"

int app__trace_add(json_t **out, struct ocop_app *a, json_t *body);
int app__trace_retract(json_t **out, struct ocop_app *a, int64_t id, const char *reason);

#endif
