/* cmd_serve.c: `ocop serve`. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"
#include "http/http.h"

int cmd_serve(struct cli_args *args)
{
    struct http_server_config cfg = {0};
    long long threads;
    int rc;

    if (ocop_parse_int(&threads, args->opt[OPT_THREADS], 0, 256))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--threads takes 0 to 256"));
    cfg.db_path = args->opt[OPT_DB];
    cfg.listen = args->opt[OPT_LISTEN];
    cfg.threads = (unsigned)threads;
    cfg.access_log = args->opt[OPT_ACCESS_LOG] != NULL;
    if ((rc = http_serve(&cfg)) != 0)
        return cli_fail(rc);
    return 0;
}
