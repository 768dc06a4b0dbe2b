/* cmd_stamps.c: `ocop keys ...`, `ocop stamps issue|export` and `ocop verify`. */
#include "cli/cli.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Runs fn against the --db database as the operator's shell. */
static int stamps__with_app(struct cli_args *args, int (*fn)(struct ocop_app *, struct cli_args *))
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    int rc;
    if (args->opt[OPT_PUBLIC_URL] && (rc = cli_check_public_url(args->opt[OPT_PUBLIC_URL])) != 0)
        return cli_fail(rc);
    if ((rc = cli_open(&st, args)) != 0)
        return cli_fail(rc);
    ocop_app_init(&app, st);
    ocop_app_as_system(&app);
    if (args->opt[OPT_PUBLIC_URL])
        app.public_url = args->opt[OPT_PUBLIC_URL];
    rc = fn(&app, args);
    cli_progress_end();
    ocop_store_free(st);
    return rc ? cli_fail(rc) : 0;
}

static int stamps__print(json_t *j)
{
    char *text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (!text)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    printf("%s\n", text);
    free(text);
    return 0;
}

static int keys__generate(struct ocop_app *a, struct cli_args *args, int rotate)
{
    json_t *doc = NULL;
    size_t n;
    int rc = ocop_app_keys_generate(&doc, a, rotate);
    if (rc)
        return rc;
    n = json_array_size(json_object_get(doc, "keys"));
    printf("%s\n", json_string_value(json_object_get(json_array_get(json_object_get(doc, "keys"),
                                                                     n - 1), "kid")));
    json_decref(doc);
    return 0;
}

static int keys__gen(struct ocop_app *a, struct cli_args *args)
{
    return keys__generate(a, args, 0);
}

static int keys__rot(struct ocop_app *a, struct cli_args *args)
{
    return keys__generate(a, args, 1);
}

static int keys__list(struct ocop_app *a, struct cli_args *args)
{
    json_t *doc = NULL, *k;
    size_t i;
    int rc = ocop_app_keys_document(&doc, a);
    if (rc)
        return rc;
    json_array_foreach(json_object_get(doc, "keys"), i, k)
        printf("%-16s %-8s %s %s\n", json_string_value(json_object_get(k, "kid")),
               json_string_value(json_object_get(k, "status")),
               json_string_value(json_object_get(k, "created_at")),
               json_string_value(json_object_get(k, "public_key")));
    json_decref(doc);
    return 0;
}

static int keys__export(struct ocop_app *a, struct cli_args *args)
{
    json_t *doc = NULL;
    int rc = ocop_app_keys_document(&doc, a);
    if (rc)
        return rc;
    if (!args->opt[OPT_OUT])
        rc = stamps__print(doc);
    else if (json_dump_file(doc, args->opt[OPT_OUT], JSON_INDENT(2) | JSON_SORT_KEYS) != 0)
        rc = ocop_error_set(OCOP_ERROR, "cannot write %s", args->opt[OPT_OUT]);
    json_decref(doc);
    return rc;
}

int cmd_keys_generate(struct cli_args *args)
{
    return stamps__with_app(args, keys__gen);
}

int cmd_keys_rotate(struct cli_args *args)
{
    return stamps__with_app(args, keys__rot);
}

int cmd_keys_list(struct cli_args *args)
{
    return stamps__with_app(args, keys__list);
}

int cmd_keys_export(struct cli_args *args)
{
    return stamps__with_app(args, keys__export);
}

static int stamps__issue(struct ocop_app *a, struct cli_args *args)
{
    struct ocop_issue_params p = {0};
    long long product = 0, count = 0;
    char today[11];
    int64_t id;
    int rc;

    if (!args->opt[OPT_PRODUCT] || ocop_parse_int(&product, args->opt[OPT_PRODUCT], 1, INT64_MAX))
        return ocop_error_set(OCOP_EINVALID, "--product takes a product id");
    if (!args->opt[OPT_COUNT_N] || ocop_parse_int(&count, args->opt[OPT_COUNT_N], 1, 1000000))
        return ocop_error_set(OCOP_EINVALID, "--count takes 1 to 1000000");
    if (!args->opt[OPT_LOT])
        return ocop_error_set(OCOP_EINVALID, "--lot is required");
    ocop_date_format(today, sizeof(today), ocop_app_today(a));
    p.product_id = product;
    p.count = (long)count;
    p.lot = args->opt[OPT_LOT];
    p.production_date = args->opt[OPT_PRODUCED] ? args->opt[OPT_PRODUCED] : today;
    p.expiry_date = args->opt[OPT_EXPIRES];
    p.release_date = args->opt[OPT_RELEASED];
    if ((rc = ocop_app_stamps_issue(&id, a, &p, cli_progress, NULL)) != 0)
        return rc;
    cli_progress_end();
    printf("%lld\n", (long long)id);
    return 0;
}

int cmd_stamps_issue(struct cli_args *args)
{
    return stamps__with_app(args, stamps__issue);
}

static int stamps__export(struct ocop_app *a, struct cli_args *args)
{
    long long batch;
    int rc;
    if (!args->opt[OPT_BATCH] || ocop_parse_int(&batch, args->opt[OPT_BATCH], 1, INT64_MAX))
        return ocop_error_set(OCOP_EINVALID, "--batch takes a stamp batch id");
    if (!args->opt[OPT_OUT])
        return ocop_error_set(OCOP_EINVALID, "--out is required");
    if ((rc = ocop_app_batch_export(a, batch, args->opt[OPT_FORMAT], args->opt[OPT_OUT],
                                    cli_progress, NULL)) != 0)
        return rc;
    cli_progress_end();
    fprintf(stderr, "ocop: wrote %s\n", args->opt[OPT_OUT]);
    return 0;
}

int cmd_stamps_export(struct cli_args *args)
{
    return stamps__with_app(args, stamps__export);
}

/* Prints a verdict; exit 0 only for a genuine stamp. */
static int verify__report(json_t *r, struct cli_args *args)
{
    const char *verdict = json_string_value(json_object_get(r, "verdict"));
    json_t *s;
    size_t i;
    if (args->opt[OPT_JSON]) {
        stamps__print(r);
    } else {
        printf("%s: %s\n", verdict, json_string_value(json_object_get(r, "sentence")));
        json_array_foreach(json_object_get(r, "signals"), i, s)
            printf("  - %s\n", json_string_value(s));
    }
    return strcmp(verdict, "genuine") == 0 ? 0 : 3;
}

int cmd_verify(struct cli_args *args)
{
    const char *uri = args->positional[0], *lang = args->opt[OPT_LANG];
    struct ocop_store *st = NULL;
    struct ocop_app app;
    json_t *keys = NULL, *r = NULL;
    json_error_t err;
    int rc, code;

    if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--lang is vi or en"));
    if (args->opt[OPT_OFFLINE]) {
        if (!args->opt[OPT_KEYS])
            return cli_fail(ocop_error_set(OCOP_EINVALID, "--offline needs --keys FILE"));
        if (!(keys = json_load_file(args->opt[OPT_KEYS], JSON_REJECT_DUPLICATES, &err)))
            return cli_fail(ocop_error_set(OCOP_EMALFORMED, "%s is not a keys file (line %d)",
                                           args->opt[OPT_KEYS], err.line));
        rc = ocop_verify_offline(&r, uri, strlen(uri), keys, lang);
        json_decref(keys);
    } else {
        if ((rc = cli_open(&st, args)) != 0)
            return cli_fail(rc);
        ocop_app_init(&app, st);
        ocop_app_as_system(&app);
        rc = ocop_app_verify(&r, &app, uri, strlen(uri), NAN, NAN, lang);
        ocop_store_free(st);
    }
    if (rc)
        return cli_fail(rc);
    code = verify__report(r, args);
    json_decref(r);
    return code;
}
