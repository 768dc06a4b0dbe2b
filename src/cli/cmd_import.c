/* cmd_import.c: `ocop import units` and `ocop import products`. */
#include "cli/cli.h"
#include "core/error.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*import_fn)(struct ocop_import_stats *, struct ocop_app *, const char *, size_t,
                         ocop_progress_fn, void *);

static int import__run(struct cli_args *args, import_fn fn, struct ocop_import_stats *stats)
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    char *data = NULL;
    size_t len;
    int rc;

    if ((rc = cli_read_file(&data, &len, args->positional[0], 256u << 20)) != 0 ||
        (rc = cli_open(&st, args)) != 0)
        goto done;
    ocop_app_init(&app, st);
    ocop_app_as_system(&app);
    rc = fn(stats, &app, data, len, cli_progress, NULL);
    cli_progress_end();
done:
    free(data);
    ocop_store_free(st);
    return rc;
}

int cmd_import_units(struct cli_args *args)
{
    struct ocop_import_stats s;
    int rc = import__run(args, ocop_app_import_units, &s);
    if (rc)
        return cli_fail(rc);
    printf("%ld units read: %ld added or changed, %ld unchanged\n", s.rows, s.created, s.unchanged);
    return 0;
}

int cmd_import_products(struct cli_args *args)
{
    struct ocop_import_stats s;
    int rc = import__run(args, ocop_app_import_products, &s);
    if (rc)
        return cli_fail(rc);
    printf("%ld rows imported: %ld new producers, %ld new products, %ld certificates\n", s.rows,
           s.producers, s.products, s.certificates);
    return 0;
}

/* Loads one rules file (ruleset or criteria set) through the app; prints what it did. */
int cli_load_rules_file(struct ocop_app *app, const char *path, int quiet)
{
    char *data = NULL;
    size_t len;
    json_t *summary = NULL;
    int rc;

    if ((rc = cli_read_file(&data, &len, path, 8u << 20)) != 0)
        return rc;
    rc = ocop_app_criteria_load(&summary, app, data, len);
    free(data);
    if (rc)
        return ocop_error_set(rc, "%s: %s", path, ocop_error_message());
    if (!quiet) {
        const char *kind = json_string_value(json_object_get(summary, "kind"));
        int changed = json_is_true(json_object_get(summary, "changed"));
        if (strcmp(kind, "ruleset") == 0)
            printf("%s: ruleset %s %s\n", path,
                   json_string_value(json_object_get(summary, "ruleset")),
                   changed ? "loaded" : "already loaded");
        else
            printf("%s: criteria set %s version %lld (%lld criteria) %s\n", path,
                   json_string_value(json_object_get(summary, "code")),
                   (long long)json_integer_value(json_object_get(summary, "version")),
                   (long long)json_integer_value(json_object_get(summary, "criteria")),
                   changed ? "loaded" : "unchanged");
    }
    json_decref(summary);
    return 0;
}

static int criteria__load(struct ocop_app *a, struct cli_args *args)
{
    return cli_load_rules_file(a, args->positional[0], 0);
}

int cmd_criteria_load(struct cli_args *args)
{
    return cli_as_system(args, criteria__load);
}

int cli_load_rules_dir(struct ocop_app *app, const char *dir)
{
    static const char *const patterns[] = {"/rulesets/*.json", "/criteria/*/*.json"};
    char pattern[4096];
    glob_t g;
    int rc = 0;

    for (size_t p = 0; p < 2 && rc == 0; p++) {
        snprintf(pattern, sizeof(pattern), "%s%s", dir, patterns[p]);
        memset(&g, 0, sizeof(g));
        if (glob(pattern, 0, NULL, &g) == 0)
            for (size_t i = 0; i < g.gl_pathc && rc == 0; i++)
                rc = cli_load_rules_file(app, g.gl_pathv[i], 1);
        globfree(&g);
    }
    return rc;
}
