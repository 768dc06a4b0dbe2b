/* gs1.c: GTIN validation. */
#include "core/gs1.h"
#include "core/error.h"

#include <string.h>

int ocop_gs1_check_digit(const char *digits, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = digits[n - 1 - i];
        if (ch < '0' || ch > '9')
            return -1;
        sum += (ch - '0') * (i % 2 == 0 ? 3 : 1);
    }
    return (10 - sum % 10) % 10;
}

int ocop_gtin_normalize(char *out14, const char *gtin)
{
    size_t n = strlen(gtin);
    int check;

    if (n != 8 && n != 12 && n != 13 && n != 14)
        return ocop_error_set_field(OCOP_EINVALID, "gtin", "a GTIN has 8, 12, 13 or 14 digits");
    check = ocop_gs1_check_digit(gtin, n - 1);
    if (check < 0 || gtin[n - 1] < '0' || gtin[n - 1] > '9')
        return ocop_error_set_field(OCOP_EINVALID, "gtin", "a GTIN has digits only");
    if (check != gtin[n - 1] - '0')
        return ocop_error_set_field(OCOP_EINVALID, "gtin", "the GTIN check digit is wrong");
    if (out14) {
        memset(out14, '0', 14 - n);
        memcpy(out14 + 14 - n, gtin, n + 1);
    }
    return 0;
}
