/* fuzz_query.c: the query-string parser and its typed getters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ocop_query q;
    long long v;
    int e;
    static const char *const values[] = {"valid", "expired", NULL};

    ocop_query_init(&q);
    if (ocop_query_parse(&q, (const char *)data, size) == 0) {
        for (int i = 0; i < q.count; i++) {
            /* every parsed value is clean UTF-8 that folds */
            char *f = ocop_text_fold(q.params[i].value);
            if (!f)
                abort();
            free(f);
        }
        ocop_query_int(&v, &q, "page", 1, 1, 1000000);
        ocop_query_enum(&e, &q, "certificate", values);
    }
    ocop_query_dispose(&q);
    return 0;
}
