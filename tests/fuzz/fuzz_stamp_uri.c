/* fuzz_stamp_uri.c: the stamp URI parser, and the round trip of what it accepts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/stamp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ocop_stamp_id id, again;
    char uri[1200];

    if (ocop_stamp_parse(&id, (const char *)data, size) != 0)
        return 0;
    /* whatever parses, prints and parses back to the same identity */
    if (ocop_stamp_uri(uri, sizeof(uri), "https://h", &id) < 0 ||
        ocop_stamp_parse(&again, uri, strlen(uri)) != 0 || strcmp(id.serial, again.serial) ||
        strcmp(id.lot, again.lot) || strcmp(id.gtin, again.gtin) || id.has_sig != again.has_sig ||
        (id.has_sig && memcmp(id.sig, again.sig, sizeof(id.sig))))
        abort();
    return 0;
}
