/* cmd_trace.c: `ocop trace add|list|retract`, a product's trace events from the shell. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int trace__product(long long *id, struct cli_args *args)
{
    if (!args->opt[OPT_PRODUCT] || ocop_parse_int(id, args->opt[OPT_PRODUCT], 1, INT64_MAX))
        return ocop_error_set(OCOP_EINVALID, "--product takes a product id");
    return 0;
}

/* The options as the API's body: the one validation (core/trace.c) names what is wrong. */
static int trace__add(struct ocop_app *a, struct cli_args *args)
{
    json_t *body = NULL, *out = NULL;
    long long product;
    int rc;
    if ((rc = trace__product(&product, args)) != 0)
        return rc;
    body = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "product_id", (json_int_t)product,
                     "kind", args->opt[OPT_KIND], "at", args->opt[OPT_AT], "description",
                     args->opt[OPT_DESCRIPTION], "ward_code", args->opt[OPT_WARD], "place",
                     args->opt[OPT_PLACE], "lot", args->opt[OPT_LOT]);
    if (!body)
        return ocop_error_set(OCOP_EMALFORMED, "the options are not valid UTF-8 text");
    if ((rc = ocop_app_trace_add(&out, a, body)) == 0)
        printf("%lld\n", (long long)json_integer_value(json_object_get(out, "id")));
    json_decref(out);
    json_decref(body);
    return rc;
}

/* One event a line: id, when, kind, lot, place, description (its first line), retraction. */
static void trace__print(json_t *e)
{
    json_t *w = json_object_get(e, "ward");
    const char *d = json_string_value(json_object_get(e, "description"));
    const char *lot = json_string_value(json_object_get(e, "lot"));
    const char *reason = json_string_value(json_object_get(e, "retract_reason"));
    printf("%-6lld %-20s %-12s %-20s %-5s %.*s",
           (long long)json_integer_value(json_object_get(e, "id")),
           json_string_value(json_object_get(e, "at")),
           json_string_value(json_object_get(e, "kind")), lot ? lot : "-",
           json_is_object(w) ? json_string_value(json_object_get(w, "code")) : "-",
           d ? (int)strcspn(d, "\r\n") : 0, d ? d : "");
    if (reason)
        printf("  [retracted %s: %.*s]", json_string_value(json_object_get(e, "retracted_at")),
               (int)strcspn(reason, "\r\n"), reason);
    printf("\n");
}

static int trace__list(struct ocop_app *a, struct cli_args *args)
{
    json_t *list = NULL, *e;
    long long product;
    size_t i;
    int rc;
    if ((rc = trace__product(&product, args)) != 0 ||
        (rc = ocop_app_trace_list(&list, a, product)) != 0)
        return rc;
    if (args->opt[OPT_JSON]) {
        char *text = json_dumps(list, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (text)
            printf("%s\n", text);
        free(text);
    } else {
        json_array_foreach(json_object_get(list, "items"), i, e)
        {
            trace__print(e);
        }
    }
    json_decref(list);
    return 0;
}

static int trace__retract(struct ocop_app *a, struct cli_args *args)
{
    json_t *out = NULL;
    long long id;
    int rc;
    if (!args->opt[OPT_EVENT_ID] || ocop_parse_int(&id, args->opt[OPT_EVENT_ID], 1, INT64_MAX))
        return ocop_error_set(OCOP_EINVALID, "--id takes a trace event's id");
    if ((rc = ocop_app_trace_retract(&out, a, id, args->opt[OPT_REASON])) == 0)
        printf("%lld retracted\n", id);
    json_decref(out);
    return rc;
}

int cmd_trace_add(struct cli_args *args)
{
    return cli_as_system(args, trace__add);
}

int cmd_trace_list(struct cli_args *args)
{
    return cli_as_system(args, trace__list);
}

int cmd_trace_retract(struct cli_args *args)
{
    return cli_as_system(args, trace__retract);
}
