/* cmd_import.c: `ocop import units` and `ocop import products`. */
#include "cli/cli.h"
#include "core/error.h"

#include <stdio.h>
#include <stdlib.h>

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
