/* cli.c: command dispatch, option parsing with one precedence order, help, progress. */
#include "cli/cli.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/lang.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *name;
    int has_arg;
    const char *env;
    const char *def;
    const char *help;
} options[OPT_COUNT] = {
    [OPT_DB] = {"db", 1, "OCOP_DB", "var/ocop.db", "database file"},
    [OPT_LISTEN] = {"listen", 1, "OCOP_LISTEN", "127.0.0.1:8080", "address to serve on, HOST:PORT"},
    [OPT_THREADS] = {"threads", 1, "OCOP_THREADS", "0", "worker threads (0: one per core)"},
    [OPT_PUBLIC_URL] = {"public-url", 1, "OCOP_PUBLIC_URL", "http://127.0.0.1:8080",
                        "public base URL printed in QR codes (https in production)"},
    [OPT_EMAIL] = {"email", 1, NULL, NULL, "the user's e-mail"},
    [OPT_ROLE] = {"role", 1, NULL, NULL, "admin, office, commune, council, producer or sales"},
    [OPT_PROVINCE] = {"province", 1, NULL, NULL, "province code (2 digits) of an office user"},
    [OPT_WARD] = {"ward", 1, NULL, NULL,
                  "ward/commune code (5 digits): a commune user's, or where an event happened"},
    [OPT_PRODUCER] = {"producer", 1, NULL, NULL, "producer id of a producer user"},
    [OPT_NAME] = {"name", 1, NULL, NULL, "the user's full name"},
    [OPT_LABEL] = {"label", 1, NULL, NULL, "what the token is for"},
    [OPT_SEED] = {"seed", 1, "OCOP_DEMO_SEED", "2025", "seed of the demo generator"},
    [OPT_UNITS] = {"units", 1, "OCOP_UNITS", "data/vn-admin-units/units-2025.json",
                   "administrative units file"},
    [OPT_RULES] = {"rules", 1, "OCOP_RULES", "data", "folder with rulesets/ and criteria/ to load"},
    [OPT_FORCE] = {"force", 0, NULL, NULL, "replace an existing database"},
    [OPT_ACCESS_LOG] = {"access-log", 0, "OCOP_ACCESS_LOG", NULL, "log every request to stderr"},
    [OPT_PASSWORD_STDIN] = {"password-stdin", 0, NULL, NULL,
                            "read a sign-in password from standard input"},
    [OPT_PRODUCT] = {"product", 1, NULL, NULL, "product id"},
    [OPT_LOT] = {"lot", 1, NULL, NULL, "lot code (GS1 AI 10: up to 20 characters)"},
    [OPT_COUNT_N] = {"count", 1, NULL, NULL, "how many stamps (1 to 1,000,000)"},
    [OPT_PRODUCED] = {"produced", 1, NULL, NULL, "production date YYYY-MM-DD (default today)"},
    [OPT_EXPIRES] = {"expires", 1, NULL, NULL, "best-before date YYYY-MM-DD"},
    [OPT_RELEASED] = {"released", 1, NULL, NULL, "date the lot goes on sale (default: produced)"},
    [OPT_BATCH] = {"batch", 1, NULL, NULL, "stamp batch id"},
    [OPT_FORMAT] = {"format", 1, NULL, "pdf", "uris, svg, png or pdf"},
    [OPT_OUT] = {"out", 1, NULL, NULL, "output file (a folder for svg and png stamps)"},
    [OPT_OFFLINE] = {"offline", 0, NULL, NULL, "check signature and syntax only, no database"},
    [OPT_KEYS] = {"keys", 1, NULL, NULL, "public keys file (from `ocop keys export`)"},
    [OPT_LANG] = {"lang", 1, "OCOP_LANG", "vi", "language of messages: vi or en"},
    [OPT_JSON] = {"json", 0, NULL, NULL, "print the full answer as JSON"},
    [OPT_CLONE_WINDOW] = {"clone-window", 1, "OCOP_CLONE_WINDOW", "60",
                          "copied stamps: minutes in which devices are counted"},
    [OPT_CLONE_DEVICES] = {"clone-max-devices", 1, "OCOP_CLONE_MAX_DEVICES", "4",
                           "copied stamps: devices allowed within the window"},
    [OPT_CLONE_SCANS] = {"clone-max-scans", 1, "OCOP_CLONE_MAX_SCANS", "40",
                         "copied stamps: scans allowed for one stamp"},
    [OPT_CLONE_SPEED] = {"clone-max-speed", 1, "OCOP_CLONE_MAX_SPEED", "300",
                         "copied stamps: km/h between two located scans"},
    [OPT_SCAN_REPEAT] = {"scan-repeat-minutes", 1, "OCOP_SCAN_REPEAT_MINUTES", "10",
                         "the same device again within this long is not another scan (0: off)"},
    [OPT_TRUST_PROXY] = {"trust-proxy", 0, "OCOP_TRUST_PROXY", NULL,
                         "behind a reverse proxy: take the client from X-Forwarded-For"},
    [OPT_SCAN_FLUSH] = {"scan-flush-ms", 1, "OCOP_SCAN_FLUSH_MS", "1000",
                        "how often scans are written (a crash loses at most this much)"},
    [OPT_SCAN_JOURNAL] = {"scan-journal-from", 1, "OCOP_SCAN_JOURNAL_FROM", "2000",
                          "busy times: a second's scans from this many go to a journal first "
                          "(0: never)"},
    [OPT_CACHE_MB] = {"cache-mb", 1, "OCOP_CACHE_MB", "256",
                      "memory for rendered public answers, in MB (0: no cache)"},
    [OPT_TOKEN_ID] = {"id", 1, NULL, NULL, "the token's id (from `ocop token list`)"},
    [OPT_KIND] = {"kind", 1, NULL, NULL,
                  "the kind of event: planting, raw_material, harvest, processing, packing, "
                  "quality_test, storage, shipping or other"},
    [OPT_AT] = {"at", 1, NULL, NULL,
                "when it happened: YYYY-MM-DD, or YYYY-MM-DDTHH:MM with its offset (+07:00)"},
    [OPT_DESCRIPTION] = {"description", 1, NULL, NULL, "what was done (for shoppers to read)"},
    [OPT_PLACE] = {"place", 1, NULL, NULL, "where, within the ward (a farm, a workshop...)"},
    [OPT_EVENT_ID] = {"id", 1, NULL, NULL, "the trace event's id (from `ocop trace list`)"},
    [OPT_REASON] = {"reason", 1, NULL, NULL, "why the event is retracted"},
    [OPT_HELP] = {"help", 0, NULL, NULL, "show this help"},
};

#define END OPT_COUNT
static const enum cli_opt o_db[] = {OPT_DB, OPT_HELP, END};
static const enum cli_opt o_demo[] = {OPT_DB, OPT_SEED, OPT_UNITS, OPT_RULES, OPT_FORCE, OPT_HELP,
                                      END};
static const enum cli_opt o_user[] = {OPT_DB, OPT_EMAIL, OPT_ROLE, OPT_PROVINCE, OPT_WARD,
                                      OPT_PRODUCER, OPT_NAME, OPT_PASSWORD_STDIN, OPT_HELP, END};
static const enum cli_opt o_token[] = {OPT_DB, OPT_EMAIL, OPT_LABEL, OPT_HELP, END};
static const enum cli_opt o_user_list[] = {OPT_DB, OPT_JSON, OPT_HELP, END};
static const enum cli_opt o_user_email[] = {OPT_DB, OPT_EMAIL, OPT_HELP, END};
static const enum cli_opt o_token_list[] = {OPT_DB, OPT_EMAIL, OPT_JSON, OPT_HELP, END};
static const enum cli_opt o_token_revoke[] = {OPT_DB, OPT_TOKEN_ID, OPT_HELP, END};
static const enum cli_opt o_keys[] = {OPT_DB, OPT_PUBLIC_URL, OPT_HELP, END};
static const enum cli_opt o_keys_export[] = {OPT_DB, OPT_OUT, OPT_PUBLIC_URL, OPT_HELP, END};
static const enum cli_opt o_issue[] = {OPT_DB, OPT_PRODUCT, OPT_LOT, OPT_COUNT_N, OPT_PRODUCED,
                                       OPT_EXPIRES, OPT_RELEASED, OPT_HELP, END};
static const enum cli_opt o_export[] = {OPT_DB, OPT_BATCH, OPT_FORMAT, OPT_OUT, OPT_PUBLIC_URL,
                                        OPT_HELP, END};
static const enum cli_opt o_verify[] = {OPT_DB, OPT_OFFLINE, OPT_KEYS, OPT_LANG, OPT_JSON,
                                        OPT_HELP, END};
static const enum cli_opt o_trace_add[] = {OPT_DB, OPT_PRODUCT, OPT_KIND, OPT_AT,
                                           OPT_DESCRIPTION, OPT_WARD, OPT_PLACE, OPT_LOT,
                                           OPT_HELP, END};
static const enum cli_opt o_trace_list[] = {OPT_DB, OPT_PRODUCT, OPT_JSON, OPT_HELP, END};
static const enum cli_opt o_trace_retract[] = {OPT_DB, OPT_EVENT_ID, OPT_REASON, OPT_HELP, END};
static const enum cli_opt o_serve[] = {OPT_DB, OPT_LISTEN, OPT_THREADS, OPT_PUBLIC_URL,
                                       OPT_CLONE_WINDOW, OPT_CLONE_DEVICES, OPT_CLONE_SCANS,
                                       OPT_CLONE_SPEED, OPT_SCAN_REPEAT, OPT_TRUST_PROXY,
                                       OPT_SCAN_FLUSH,
                                       OPT_SCAN_JOURNAL, OPT_CACHE_MB, OPT_ACCESS_LOG,
                                       OPT_HELP, END};

const struct cli_command cli_commands[] = {
    {"db init", "create or migrate a database (harmless to repeat)", "", o_db, 0, cmd_db_init},
    {"import units", "load Vietnam's administrative units (JSON)", "FILE", o_db, 1,
     cmd_import_units},
    {"import products", "import producers, products and certificates (CSV, docs/import.md)",
     "FILE.csv", o_db, 1, cmd_import_products},
    {"criteria load", "load a ruleset or criteria set file (validated; docs/formats/criteria.md)",
     "FILE", o_db, 1, cmd_criteria_load},
    {"demo", "create a fresh database holding the Hanoi demo program", "", o_demo, 0, cmd_demo},
    {"user add", "add a user with a role and scope", "", o_user, 0, cmd_user_add},
    {"user list", "list the users: role, scope, status and tokens", "", o_user_list, 0,
     cmd_user_list},
    {"user disable", "stop a user's sign-in, sessions and tokens at once", "", o_user_email, 0,
     cmd_user_disable},
    {"user enable", "let a disabled user in again", "", o_user_email, 0, cmd_user_enable},
    {"token create", "create a bearer token for a user (printed once)", "", o_token, 0,
     cmd_token_create},
    {"token list", "list a user's bearer tokens (never the tokens themselves)", "",
     o_token_list, 0, cmd_token_list},
    {"token revoke", "revoke a bearer token by id: it stops working at once", "",
     o_token_revoke, 0, cmd_token_revoke},
    {"keys generate", "make a new stamp-signing key (Ed25519)", "", o_keys, 0, cmd_keys_generate},
    {"keys rotate", "make a new signing key and retire the others", "", o_keys, 0, cmd_keys_rotate},
    {"keys list", "list the signing keys (public parts)", "", o_keys, 0, cmd_keys_list},
    {"keys export", "write the public keys document (/.well-known/ocop-keys.json)", "",
     o_keys_export, 0, cmd_keys_export},
    {"stamps issue", "issue a batch of signed stamps for a certified product; prints its id",
     "", o_issue, 0, cmd_stamps_issue},
    {"stamps export", "write a batch as URIs, SVG or PNG images, or printable PDF sheets", "",
     o_export, 0, cmd_stamps_export},
    {"verify", "check a stamp URI; exits 0 only for a genuine stamp", "URI", o_verify, 1,
     cmd_verify},
    {"trace add", "record a trace event of a product (its origin and history); prints its id",
     "", o_trace_add, 0, cmd_trace_add},
    {"trace list", "list a product's trace events, retracted ones included", "", o_trace_list, 0,
     cmd_trace_list},
    {"trace retract", "retract a wrong trace event, with the reason (it is kept, marked)", "",
     o_trace_retract, 0, cmd_trace_retract},
    {"serve", "serve the web API", "", o_serve, 0, cmd_serve},
};
const int cli_commands_count = sizeof(cli_commands) / sizeof(cli_commands[0]);

static void cli__usage(FILE *f)
{
    fprintf(f, "usage: ocop <command> [options]\n\n"
               "OCOP (One Commune One Product) registry, evaluation and traceability platform.\n\n"
               "commands:\n");
    for (int i = 0; i < cli_commands_count; i++)
        fprintf(f, "  %-18s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fprintf(f, "  %-18s %s\n  %-18s %s\n\n", "help [command]", "show help for a command",
            "--version", "print the version");
    fprintf(f, "Run `ocop help <command>` for its options.\n");
}

static void cli__command_help(FILE *f, const struct cli_command *c)
{
    fprintf(f, "usage: ocop %s [options]%s%s\n\n%s\n\noptions:\n", c->name, c->usage[0] ? " " : "",
            c->usage, c->summary);
    for (int i = 0; c->opts[i] != END; i++) {
        int o = c->opts[i];
        char flag[40];
        snprintf(flag, sizeof(flag), "--%s%s", options[o].name, options[o].has_arg ? " VALUE" : "");
        fprintf(f, "  %-22s %s", flag, options[o].help);
        if (options[o].def)
            fprintf(f, " (default %s)", options[o].def);
        if (options[o].env)
            fprintf(f, " [env %s]", options[o].env);
        fprintf(f, "\n");
    }
}

/* The language of the user's locale, as POSIX orders its variables: LC_ALL, then
 * LC_MESSAGES, then LANG ("vi_VN.UTF-8" is Vietnamese). */
static const char *cli__lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0])
            return ocop_lang_vi(v) ? "vi" : "en";
    }
    return "en";
}

int cli_fail(int rc)
{
    size_t n = ocop_error_field_count();
    cli_progress_end();
    if (n > 1) {
        /* every field at fault, on one line */
        fprintf(stderr, "ocop: ");
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s%s", i ? "; " : "", ocop_error_field_message_in(i, cli__lang()));
        fprintf(stderr, "\n");
    } else {
        fprintf(stderr, "ocop: %s\n", ocop_error_message_in(cli__lang()));
    }
    return rc == OCOP_EINVALID || rc == OCOP_EMALFORMED ? 2 : 1;
}

static int cli__parse(struct cli_args *a, const struct cli_command *c, int argc, char **argv)
{
    struct option longopts[OPT_COUNT + 1];
    int n = 0, ch, idx;

    memset(a, 0, sizeof(*a));
    for (int i = 0; c->opts[i] != END; i++) {
        int o = c->opts[i];
        const char *env = options[o].env ? getenv(options[o].env) : NULL;
        a->opt[o] = env && *env ? env : options[o].def;
        longopts[n++] = (struct option){options[o].name, options[o].has_arg ? required_argument
                                                                             : no_argument,
                                        NULL, o};
    }
    longopts[n] = (struct option){0};
    optind = 1;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":", longopts, &idx)) != -1) {
        if (ch == '?' || ch == ':') {
            fprintf(stderr, "ocop %s: %s %s (see `ocop help %s`)\n", c->name,
                    ch == ':' ? "missing value for" : "unknown option", argv[optind - 1], c->name);
            return 2;
        }
        a->opt[ch] = options[ch].has_arg ? optarg : "1";
    }
    if (a->opt[OPT_HELP]) {
        cli__command_help(stdout, c);
        return -1;
    }
    for (; optind < argc; optind++) {
        if (a->npositional == 4 || a->npositional >= c->npositional) {
            fprintf(stderr, "ocop %s: unexpected argument %s\n", c->name, argv[optind]);
            return 2;
        }
        a->positional[a->npositional++] = argv[optind];
    }
    if (a->npositional < c->npositional) {
        fprintf(stderr, "ocop %s: missing %s (usage: ocop %s %s)\n", c->name, c->usage, c->name,
                c->usage);
        return 2;
    }
    return 0;
}

/* Matches "db init" against argv[1], argv[2]. Returns the number of words used. */
static int cli__find(const struct cli_command **out, int argc, char **argv)
{
    for (int i = 0; i < cli_commands_count; i++) {
        const char *name = cli_commands[i].name, *sp = strchr(name, ' ');
        if (!sp && strcmp(argv[1], name) == 0) {
            *out = &cli_commands[i];
            return 1;
        }
        if (sp && argc > 2 && strncmp(argv[1], name, (size_t)(sp - name)) == 0 &&
            argv[1][sp - name] == '\0' && strcmp(argv[2], sp + 1) == 0) {
            *out = &cli_commands[i];
            return 2;
        }
    }
    return 0;
}

static int cli__help(int argc, char **argv)
{
    const struct cli_command *c = NULL;
    if (argc < 3) {
        cli__usage(stdout);
        return 0;
    }
    if (!cli__find(&c, argc - 1, argv + 1)) {
        fprintf(stderr, "ocop: no command \"%s\" (see `ocop help`)\n", argv[2]);
        return 2;
    }
    cli__command_help(stdout, c);
    return 0;
}

int cli_main(int argc, char **argv)
{
    const struct cli_command *c = NULL;
    struct cli_args args;
    int used, rc;

    if (argc < 2) {
        cli__usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("ocop %s\n", OCOP_VERSION);
        return 0;
    }
    if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli__help(argc, argv);
    if (!(used = cli__find(&c, argc, argv))) {
        fprintf(stderr, "ocop: no command \"%s%s%s\" (see `ocop help`)\n", argv[1],
                argc > 2 && argv[2][0] != '-' ? " " : "", argc > 2 && argv[2][0] != '-' ? argv[2] : "");
        return 2;
    }
    rc = cli__parse(&args, c, argc - used, argv + used);
    if (rc)
        return rc < 0 ? 0 : rc;
    return c->run(&args);
}

int cli_open(struct ocop_store **st, struct cli_args *args)
{
    int rc = ocop_app_db_open(st, args->opt[OPT_DB]);
    if (rc)
        ocop_error_set(rc, "%s: %s", args->opt[OPT_DB], ocop_error_message());
    return rc;
}

int cli_as_system(struct cli_args *args, int (*fn)(struct ocop_app *, struct cli_args *))
{
    struct ocop_store *st = NULL;
    struct ocop_app app;
    int rc;
    if ((rc = cli_open(&st, args)) != 0)
        return cli_fail(rc);
    ocop_app_init(&app, st);
    ocop_app_as_system(&app);
    rc = fn(&app, args);
    cli_progress_end();
    ocop_store_free(st);
    return rc ? cli_fail(rc) : 0;
}

static int progress_shown;

void cli_progress(void *arg, const char *what, long done, long total)
{
    int width = 30, fill;
    (void)arg;
    if (!isatty(STDERR_FILENO) || total <= 0)
        return;
    fill = (int)(done * width / total);
    fprintf(stderr, "\r  %-8s [%.*s%*s] %3ld%% %ld/%ld", what, fill,
            "##############################", width - fill, "", done * 100 / total, done, total);
    progress_shown = 1;
}

void cli_progress_end(void)
{
    if (progress_shown)
        fputc('\n', stderr);
    progress_shown = 0;
}

int cli_check_public_url(const char *u)
{
    size_t n = u ? strlen(u) : 0;
    if (n < 8 || (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0) ||
        u[n - 1] == '/' || strpbrk(u, " ?#\"<>'\\"))
        return ocop_error_set(OCOP_EINVALID, "--public-url takes a base URL such as "
                              "https://ocop.hanoi.gov.vn (no trailing slash)");
    return 0;
}

int cli_read_file(char **out, size_t *len, const char *path, size_t max)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char chunk[65536];
    struct ocop_buf b;
    size_t n;
    int rc = 0;

    *out = NULL;
    if (!f)
        return ocop_error_set(OCOP_ENOTFOUND, "cannot open %s", path);
    ocop_buf_init(&b, max);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && rc == 0)
        rc = ocop_buf_put(&b, chunk, n);
    if (rc == 0 && ferror(f))
        rc = ocop_error_set(OCOP_ERROR, "cannot read %s", path);
    if (f != stdin)
        fclose(f);
    if (rc) {
        ocop_buf_dispose(&b);
        return rc == OCOP_ETOOBIG ? ocop_error_set(rc, "%s is larger than %zu bytes", path, max) : rc;
    }
    *out = ocop_buf_detach(&b, len);
    return 0;
}
