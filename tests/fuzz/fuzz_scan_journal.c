/* fuzz_scan_journal.c: a scan journal as a crashed server may leave it (torn, or any
 * bytes at all): decoding stops at the first record that is not whole, and what it gives
 * is bounded text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/scanlog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t count = size / OCOP_SCANLOG_RECORD, n;
    void *records = malloc(count * OCOP_SCANLOG_RECORD + 1);
    struct ocop_scan *scans = malloc((count + 1) * sizeof(*scans));

    if (!records || !scans)
        abort();
    memcpy(records, data, count * OCOP_SCANLOG_RECORD); /* aligned, as read() fills it */
    n = ocop_scanlog_decode(scans, records, count);
    if (n > count)
        abort();
    for (size_t i = 0; i < n; i++)
        if (strnlen(scans[i].client, sizeof(scans[i].client)) == sizeof(scans[i].client) ||
            strlen(scans[i].verdict) >= 24)
            abort();
    free(records);
    free(scans);
    return 0;
}
