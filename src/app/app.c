/* app.c: the action context and database lifecycle. */
#include "app/app.h"
#include "core/dates.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

void ocop_app_init(struct ocop_app *a, struct ocop_store *st)
{
    memset(a, 0, sizeof(*a));
    a->st = st;
    a->now = time(NULL);
    a->public_url = "http://127.0.0.1:8080";
}

void ocop_app_as_system(struct ocop_app *a)
{
    memset(&a->actor, 0, sizeof(a->actor));
    a->actor.role = OCOP_ROLE_SYSTEM;
    snprintf(a->actor.email, sizeof(a->actor.email), "cli");
}

long ocop_app_today(const struct ocop_app *a)
{
    return ocop_date_today(a->now);
}

int ocop_app_db_init(const char *path, int *from, int *to)
{
    struct ocop_store *st = NULL;
    int rc = ocop_store_open(&st, path, OCOP_STORE_CREATE);
    if (rc == 0)
        rc = ocop_store_migrate(st, from, to);
    ocop_store_free(st);
    return rc;
}

int ocop_app_db_open(struct ocop_store **out, const char *path)
{
    struct ocop_store *st = NULL;
    int rc = ocop_store_open(&st, path, 0);
    if (rc == 0)
        rc = ocop_store_check_schema(st);
    if (rc) {
        ocop_store_free(st);
        st = NULL;
    }
    *out = st;
    return rc;
}
