/* gs1.h: GS1 identification keys (GTIN check digits). */
#ifndef OCOP_CORE_GS1_H
#define OCOP_CORE_GS1_H

#include <stddef.h>

/* Check digit for the `n` leading digits of `digits` (GS1 mod-10). -1 if not digits. */
int ocop_gs1_check_digit(const char *digits, size_t n);
/*
 * Validates a GTIN-8/12/13/14 and writes its GTIN-14 form (zero-padded, 15 bytes
 * with NUL) into out14 when not NULL. 0 or OCOP_EINVALID with a reason.
 */
int ocop_gtin_normalize(char *out14, const char *gtin);

#endif
