/* fuzz_json_body.c: a request body through JSON parsing and every entity's validation. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/entity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct ocop_entity *const entities[] = {
        &ocop_entity_producer, &ocop_entity_village, &ocop_entity_product, &ocop_entity_zone};
    json_error_t err;
    json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err), *out;

    if (!in)
        return 0;
    for (size_t i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
        for (int partial = 0; partial < 2; partial++) {
            out = NULL;
            if (ocop_entity_validate(&out, entities[i], in, partial) == 0 && !out)
                abort(); /* success must produce a record */
            json_decref(out);
        }
    }
    json_decref(in);
    return 0;
}
