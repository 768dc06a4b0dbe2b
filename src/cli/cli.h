/* cli.h: the command line: commands, their options declared once, and shared helpers. */
#ifndef OCOP_CLI_CLI_H
#define OCOP_CLI_CLI_H

#include "app/app.h"

/* Options known to the CLI, declared once (name, environment variable, default). */
enum cli_opt {
    OPT_DB, OPT_LISTEN, OPT_THREADS, OPT_PUBLIC_URL, OPT_EMAIL, OPT_ROLE, OPT_PROVINCE, OPT_WARD, OPT_PRODUCER,
    OPT_NAME, OPT_LABEL, OPT_SEED, OPT_UNITS, OPT_RULES, OPT_FORCE, OPT_ACCESS_LOG, OPT_PASSWORD_STDIN,
    OPT_PRODUCT, OPT_LOT, OPT_COUNT_N, OPT_PRODUCED, OPT_EXPIRES, OPT_RELEASED, OPT_BATCH, OPT_FORMAT, OPT_OUT,
    OPT_OFFLINE, OPT_KEYS, OPT_LANG, OPT_JSON, OPT_CLONE_WINDOW, OPT_CLONE_DEVICES,
    OPT_CLONE_SCANS, OPT_CLONE_SPEED, OPT_SCAN_REPEAT, OPT_TRUST_PROXY, OPT_SCAN_FLUSH, OPT_SCAN_JOURNAL, OPT_CACHE_MB,
    OPT_TOKEN_ID, OPT_KIND, OPT_AT, OPT_DESCRIPTION, OPT_PLACE, OPT_EVENT_ID, OPT_REASON, OPT_HELP,
    OPT_COUNT
};

struct cli_args {
    const char *opt[OPT_COUNT]; /* value after precedence: default < environment < flag */
    char *positional[4];
    int npositional;
};

struct cli_command {
    const char *name;   /* "db init" */
    const char *summary;
    const char *usage;  /* argument synopsis */
    const enum cli_opt *opts; /* accepted options, ending with OPT_COUNT */
    int npositional;    /* positional arguments required */
    int (*run)(struct cli_args *args);
};

extern const struct cli_command cli_commands[];
extern const int cli_commands_count;

/* Prints "ocop: <message>" for the last error and returns the exit status. */
int cli_fail(int rc);
/* Opens the --db database (must exist and be migrated). */
int cli_open(struct ocop_store **st, struct cli_args *args);
struct ocop_app;
/* Opens --db, runs fn on it as the operator's shell (audited as system:cli) and closes it;
 * returns the exit status (cli_fail's on an error). */
int cli_as_system(struct cli_args *args, int (*fn)(struct ocop_app *, struct cli_args *));
/* A progress line on a terminal (stderr), silent otherwise. */
void cli_progress(void *arg, const char *what, long done, long total);
void cli_progress_end(void);
/* Checks a --public-url value (http(s)://host..., no trailing slash). 0 or OCOP_EINVALID. */
int cli_check_public_url(const char *u);
/* Reads a whole file (or "-" for stdin) into a new buffer. */
int cli_read_file(char **out, size_t *len, const char *path, size_t max);

int cmd_db_init(struct cli_args *args);
int cmd_import_units(struct cli_args *args);
int cmd_import_products(struct cli_args *args);
int cmd_demo(struct cli_args *args);
int cmd_user_add(struct cli_args *args);
int cmd_token_create(struct cli_args *args);
int cmd_user_list(struct cli_args *args);
int cmd_user_disable(struct cli_args *args);
int cmd_user_enable(struct cli_args *args);
int cmd_token_list(struct cli_args *args);
int cmd_token_revoke(struct cli_args *args);
int cmd_serve(struct cli_args *args);
int cmd_criteria_load(struct cli_args *args);
int cmd_keys_generate(struct cli_args *args);
int cmd_keys_rotate(struct cli_args *args);
int cmd_keys_list(struct cli_args *args);
int cmd_keys_export(struct cli_args *args);
int cmd_stamps_issue(struct cli_args *args);
int cmd_stamps_export(struct cli_args *args);
int cmd_verify(struct cli_args *args);
int cmd_trace_add(struct cli_args *args);
int cmd_trace_list(struct cli_args *args);
int cmd_trace_retract(struct cli_args *args);
/* Loads one rules file, or every ruleset and criteria set under a data folder. */
int cli_load_rules_file(struct ocop_app *app, const char *path, int quiet);
int cli_load_rules_dir(struct ocop_app *app, const char *dir);

/* Runs the command line; returns the process exit status. */
int cli_main(int argc, char **argv);

#endif
