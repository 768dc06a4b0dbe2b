/* cmd_serve.c: `ocop serve`. */
#include "cli/cli.h"
#include "core/error.h"
#include "core/query.h"
#include "core/verdict.h"
#include "http/http.h"
#include "store/stamps.h"

#include <string.h>

int cmd_serve(struct cli_args *args)
{
    struct http_server_config cfg = {0};
    long long threads;
    int rc;

    if (ocop_parse_int(&threads, args->opt[OPT_THREADS], 0, 256))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--threads takes 0 to 256"));
    static struct ocop_clone_rules clone;
    long long v[5];
    if ((rc = cli_check_public_url(args->opt[OPT_PUBLIC_URL])) != 0)
        return cli_fail(rc);
    if (ocop_parse_int(&v[1], args->opt[OPT_CLONE_DEVICES], 1, OCOP_SCAN_ROWS - 1))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--clone-max-devices takes 1 to %d (devices "
                                       "are counted among a stamp's newest %d scans)",
                                       OCOP_SCAN_ROWS - 1, OCOP_SCAN_ROWS));
    if (ocop_parse_int(&v[0], args->opt[OPT_CLONE_WINDOW], 1, 7 * 24 * 60) ||
        ocop_parse_int(&v[2], args->opt[OPT_CLONE_SCANS], 1, 100000000) ||
        ocop_parse_int(&v[3], args->opt[OPT_CLONE_SPEED], 1, 100000))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--clone-* take whole numbers (minutes, "
                                       "devices, scans, km/h) above 0"));
    if (ocop_parse_int(&v[4], args->opt[OPT_SCAN_REPEAT], 0, 24 * 60))
        return cli_fail(ocop_error_set(OCOP_EINVALID, "--scan-repeat-minutes takes 0 (off) to "
                                       "1440 minutes"));
    clone.window_minutes = (long)v[0];
    clone.max_clients = (long)v[1];
    clone.max_scans = (long)v[2];
    clone.max_speed_kmh = (double)v[3];
    clone.repeat_minutes = (long)v[4];
    cfg.clone_rules = &clone;
    cfg.trust_proxy = args->opt[OPT_TRUST_PROXY] != NULL;
    {
        long long flush;
        if (ocop_parse_int(&flush, args->opt[OPT_SCAN_FLUSH], 10, 60000))
            return cli_fail(ocop_error_set(OCOP_EINVALID, "--scan-flush-ms takes 10 to 60000"));
        cfg.scan_flush_ms = (long)flush;
        if (ocop_parse_int(&flush, args->opt[OPT_SCAN_JOURNAL], 0, 1000000))
            return cli_fail(ocop_error_set(OCOP_EINVALID, "--scan-journal-from takes 0 (never) "
                                           "to 1000000"));
        cfg.scan_journal_from = flush ? (long)flush : -1;
    }
    {
        long long mb;
        if (ocop_parse_int(&mb, args->opt[OPT_CACHE_MB], 0, 1 << 20))
            return cli_fail(ocop_error_set(OCOP_EINVALID, "--cache-mb takes 0 to 1048576"));
        cfg.cache_mb = (size_t)mb;
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
