/* fuzz_accept_language.c: the Accept-Language parser, and the error messages' formatting
 * in both languages with outside text in them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "core/error.h"
#include "core/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    const char *lang;
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    lang = ocop_lang_accept(s);
    /* one of the two, or none */
    if (lang && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
        abort();
    /* a value in a message never breaks its UTF-8 where it was clean */
    if (u8_check((const uint8_t *)s, strlen(s)) == NULL) {
        ocop_error_set(OCOP_EINVALID, "%s is required", s);
        ocop_error_set(OCOP_EINVALID, "row %ld: %s", 1L, ocop_error_message());
        for (int i = 0; i < 2; i++) {
            const char *m = ocop_error_message_in(i ? "vi" : "en");
            if (u8_check((const uint8_t *)m, strlen(m)) != NULL)
                abort();
        }
    }
    free(s);
    return 0;
}
