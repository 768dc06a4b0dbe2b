/* cmd_user.c: `ocop user add` and `ocop token create`. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_user_add(struct cli_args *args)
{
    struct ocop_user_params p = {0};
    struct ocop_store *st = NULL;
    struct ocop_app app;
    char password[256] = "";
    long long producer = 0;
    int64_t id;
    int rc;

    if (args->opt[OPT_PRODUCER] && ocop_parse_int(&producer, args->opt[OPT_PRODUCER], 1, INT64_MAX))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--producer takes a producer id"));
    if (args->opt[OPT_PASSWORD_STDIN]) {
        if (!fgets(password, sizeof(password), stdin))
            return cli_fail(ocop_error_set(OCOP_EINVALID, "no password on standard input"));
        password[strcspn(password, "\r\n")] = '\0';
        p.password = password;
    }
    p.email = args->opt[OPT_EMAIL];
    p.role = args->opt[OPT_ROLE];
    p.name = args->opt[OPT_NAME];
    p.province_code = args->opt[OPT_PROVINCE];
    p.ward_code = args->opt[OPT_WARD];
    p.producer_id = producer;
    if ((rc = cli_open(&st, args)) != 0)
        return cli_fail(rc);
    ocop_app_init(&app, st);
    ocop_app_as_system(&app);
    rc = ocop_app_user_add(&id, &app, &p);
    memset(password, 0, sizeof(password));
    ocop_store_free(st);
    if (rc)
        return cli_fail(rc);
    printf("user %lld added: %s (%s)\n", (long long)id, p.email, p.role);
    return 0;
}

int cmd_token_create(struct cli_args *args)
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    char *token = NULL;
    int rc;

    if (!args->opt[OPT_EMAIL])
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--email is required"));
    if ((rc = cli_open(&st, args)) != 0)
        return cli_fail(rc);
    ocop_app_init(&app, st);
    ocop_app_as_system(&app);
    rc = ocop_app_token_create(&token, &app, args->opt[OPT_EMAIL], args->opt[OPT_LABEL]);
    ocop_store_free(st);
    if (rc)
        return cli_fail(rc);
    printf("%s\n", token);
    fprintf(stderr, "ocop: keep this token secret; it is shown only once\n");
    free(token);
    return 0;
}
