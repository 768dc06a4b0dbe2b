/* eval_internal.h: helpers shared by app/evaluation.c and app/council.c. */
#ifndef OCOP_APP_EVAL_INTERNAL_H
#define OCOP_APP_EVAL_INTERNAL_H

#include "app/app.h"
#include "core/workflow.h"
#include "store/evaluation.h"

int app__dossier_readable(struct ocop_app *a, const struct ocop_dossier_row *d);
int app__dossier_may(struct ocop_app *a, const struct ocop_dossier_row *d,
                     enum ocop_dossier_action act);
int app__dossier_move(struct ocop_app *a, const struct ocop_dossier_row *d, const char *to,
                      const char *action, const char *note);
int app__in_tx(json_t **out, struct ocop_app *a, int64_t dossier_id,
               int (*fn)(struct ocop_app *, void *), void *arg);

/* A text field of a JSON body, cleaned (new string, or NULL when absent and optional). */
int app__text(char **out, json_t *body, const char *key, size_t max, int required);
/* A date field "YYYY-MM-DD" of a JSON body as a day number; `def` when absent. */
int app__date(long *day, json_t *body, const char *key, int required, long def);

#endif
