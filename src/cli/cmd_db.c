/* cmd_db.c: `ocop db init` and `ocop demo`. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Creates the folder a database file goes in (one level, like var/). */
static int db__mkdir_parent(const char *path)
{
    char *copy = strdup(path), *dir;
    int rc = 0;
    if (!copy)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    dir = dirname(copy);
    if (strcmp(dir, ".") != 0 && mkdir(dir, 0755) != 0 && errno != EEXIST)
        rc = ocop_error_set(OCOP_ERROR, "cannot create the folder %s", dir);
    free(copy);
    return rc;
}

int cmd_db_init(struct cli_args *args)
{
    int from = 0, to = 0, rc;
    const char *path = args->opt[OPT_DB];

    if ((rc = db__mkdir_parent(path)) != 0 || (rc = ocop_app_db_init(path, &from, &to)) != 0)
        return cli_fail(rc);
    if (from == to)
        printf("%s: schema is up to date (version %d)\n", path, to);
    else
        printf("%s: schema migrated from version %d to %d\n", path, from, to);
    return 0;
}

static void db__remove(const char *path)
{
    char side[4096];
    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

int cmd_demo(struct cli_args *args)
{
    const char *path = args->opt[OPT_DB];
    struct ocop_store *st = NULL;
    struct ocop_import_stats stats;
    struct ocop_app app;
    long long seed;
    char *units = NULL;
    size_t len;
    int rc;

    if (ocop_parse_int(&seed, args->opt[OPT_SEED], 0, INT64_MAX))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--seed takes a whole number"));
    if (access(path, F_OK) == 0) {
        if (!args->opt[OPT_FORCE])
            return cli_fail(ocop_error_set(OCOP_EEXISTS, "%s exists; use --force to replace it",
                                           path));
        db__remove(path);
    }
    if ((rc = cli_read_file(&units, &len, args->opt[OPT_UNITS], 64u << 20)) != 0)
        return cli_fail(ocop_error_set(rc, "%s (the administrative units; set --units)",
                                       ocop_error_message()));
    if ((rc = db__mkdir_parent(path)) != 0 || (rc = ocop_app_db_init(path, NULL, NULL)) != 0 ||
        (rc = ocop_app_db_open(&st, path)) != 0)
        goto done;
    ocop_app_init(&app, st);
    ocop_app_as_system(&app);
    if ((rc = ocop_app_import_units(&stats, &app, units, len, cli_progress, NULL)) != 0 ||
        (rc = cli_load_rules_dir(&app, args->opt[OPT_RULES])) != 0)
        goto done;
    cli_progress_end();
    rc = ocop_app_demo(&stats, &app, (uint64_t)seed, cli_progress, NULL);
    cli_progress_end();
    if (rc == 0)
        printf("%s: demo program with %ld producers, %ld craft villages, %ld products and %ld "
               "certificates (seed %lld)\n",
               path, stats.producers, stats.villages, stats.products, stats.certificates, seed);
done:
    free(units);
    ocop_store_free(st);
    if (rc) {
        db__remove(path); /* nothing half-made is left behind */
        return cli_fail(rc);
    }
    return 0;
}
