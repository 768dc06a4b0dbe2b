/* cmd_serve.c: `ocop serve`. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"
#include "http/http.h"

#include <string.h>

int cmd_serve(struct cli_args *args)
{
    struct http_server_config cfg = {0};
    long long threads;
    int rc;

    if (ocop_parse_int(&threads, args->opt[OPT_THREADS], 0, 256))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--threads takes 0 to 256"));
    {
        const char *u = args->opt[OPT_PUBLIC_URL];
        size_t n = strlen(u);
        if ((strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0) || u[n - 1] == '/' ||
            strpbrk(u, " ?#\"<>"))
            return cli_fail(ocop_error_set(OCOP_EINVALID, "--public-url takes a base URL such as "
                                           "https://ocop.hanoi.gov.vn (no trailing slash)"));
    }
    cfg.db_path = args->opt[OPT_DB];
    cfg.listen = args->opt[OPT_LISTEN];
    cfg.public_url = args->opt[OPT_PUBLIC_URL];
    cfg.threads = (unsigned)threads;
    cfg.access_log = args->opt[OPT_ACCESS_LOG] != NULL;
    if ((rc = http_serve(&cfg)) != 0)
        return cli_fail(rc);
    return 0;
}
