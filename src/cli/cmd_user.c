/* cmd_user.c: `ocop user add|list|disable|enable` and `ocop token create|list|revoke`. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Opens --db as the system (the operator at the console) and runs one app call. */
static int user__open(struct ocop_store **st, struct ocop_app *app, struct cli_args *args)
{
    int rc = cli_open(st, args);
    if (rc)
        return rc;
    ocop_app_init(app, *st);
    ocop_app_as_system(app);
    return 0;
}

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
    if ((rc = user__open(&st, &app, args)) != 0)
        return cli_fail(rc);
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
    if ((rc = user__open(&st, &app, args)) != 0)
        return cli_fail(rc);
    rc = ocop_app_token_create(&token, &app, args->opt[OPT_EMAIL], args->opt[OPT_LABEL]);
    ocop_store_free(st);
    if (rc)
        return cli_fail(rc);
    printf("%s\n", token);
    fprintf(stderr, "ocop: keep this token secret; it is shown only once\n");
    free(token);
    return 0;
}

static const char *user__text(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v && *v ? v : "-";
}

/* Fetches a list as the system and prints it: as JSON (--json) or as a table. */
static int user__show(struct cli_args *args,
                      int (*fetch)(json_t **out, struct ocop_app *a, const char *email),
                      void (*table)(json_t *out))
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    json_t *out = NULL;
    int rc;

    if ((rc = user__open(&st, &app, args)) != 0)
        return cli_fail(rc);
    rc = fetch(&out, &app, args->opt[OPT_EMAIL]);
    ocop_store_free(st);
    if (rc)
        return cli_fail(rc);
    if (args->opt[OPT_JSON]) {
        char *text = json_dumps(out, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (text)
            printf("%s\n", text);
        free(text);
    } else {
        table(out);
    }
    json_decref(out);
    return 0;
}

static int user__all(json_t **out, struct ocop_app *a, const char *email)
{
    (void)email;
    return ocop_app_user_list(out, a, NULL, 0, 0);
}

static void user__table(json_t *out)
{
    json_t *u;
    size_t i;
    printf("%-5s %-32s %-9s %-14s %-9s %-6s %s\n", "id", "e-mail", "role", "scope", "status",
           "tokens", "since");
    json_array_foreach(json_object_get(out, "items"), i, u)
    {
        char scope[32];
        json_int_t producer = json_integer_value(json_object_get(u, "producer_id"));
        if (producer)
            snprintf(scope, sizeof(scope), "producer %lld", (long long)producer);
        else if (json_is_string(json_object_get(u, "ward")))
            snprintf(scope, sizeof(scope), "ward %s", user__text(u, "ward"));
        else if (json_is_string(json_object_get(u, "province")))
            snprintf(scope, sizeof(scope), "province %s", user__text(u, "province"));
        else
            snprintf(scope, sizeof(scope), "-");
        printf("%-5lld %-32s %-9s %-14s %-9s %-6lld %.10s\n",
               (long long)json_integer_value(json_object_get(u, "id")), user__text(u, "email"),
               user__text(u, "role"), scope,
               json_is_true(json_object_get(u, "disabled")) ? "disabled" : "active",
               (long long)json_integer_value(json_object_get(u, "tokens")),
               user__text(u, "created_at"));
    }
}

int cmd_user_list(struct cli_args *args)
{
    return user__show(args, user__all, user__table);
}

static int user__set_disabled(struct cli_args *args, int disabled)
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    int rc;

    if (!args->opt[OPT_EMAIL])
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--email is required"));
    if ((rc = user__open(&st, &app, args)) != 0)
        return cli_fail(rc);
    rc = ocop_app_user_disable(&app, args->opt[OPT_EMAIL], disabled);
    ocop_store_free(st);
    if (rc)
        return cli_fail(rc);
    printf("user %s %s\n", args->opt[OPT_EMAIL], disabled ? "disabled" : "enabled");
    return 0;
}

int cmd_user_disable(struct cli_args *args)
{
    return user__set_disabled(args, 1);
}

int cmd_user_enable(struct cli_args *args)
{
    return user__set_disabled(args, 0);
}

static void token__table(json_t *out)
{
    json_t *t;
    size_t i;
    printf("%-5s %-24s %-21s %s\n", "id", "label", "created", "revoked");
    json_array_foreach(json_object_get(out, "items"), i, t)
        printf("%-5lld %-24s %-21s %s\n", (long long)json_integer_value(json_object_get(t, "id")),
               user__text(t, "label"), user__text(t, "created_at"), user__text(t, "revoked_at"));
}

int cmd_token_list(struct cli_args *args)
{
    if (!args->opt[OPT_EMAIL])
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--email is required"));
    return user__show(args, ocop_app_token_list, token__table);
}

int cmd_token_revoke(struct cli_args *args)
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    long long id = 0;
    int rc;

    if (!args->opt[OPT_TOKEN_ID] || ocop_parse_int(&id, args->opt[OPT_TOKEN_ID], 1, INT64_MAX))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--id takes a token id (see `ocop token list`)"));
    if ((rc = user__open(&st, &app, args)) != 0)
        return cli_fail(rc);
    rc = ocop_app_token_revoke(&app, id);
    ocop_store_free(st);
    if (rc)
        return cli_fail(rc);
    printf("token %lld revoked\n", id);
    return 0;
}
