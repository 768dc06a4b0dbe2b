/* text.h: Vietnamese-aware text rules: UTF-8 checks, NFC, folding for search. */
#ifndef OCOP_CORE_TEXT_H
#define OCOP_CORE_TEXT_H

#include <stddef.h>

/*
 * Cleans one line of outside text: checks UTF-8, rejects control characters
 * (tabs and newlines too unless `multiline`), trims surrounding white space and
 * normalises to NFC. On success *out is a new string the caller frees.
 * Errors: OCOP_EMALFORMED (bad UTF-8 or control characters).
 */
int ocop_text_clean(char **out, const char *in, size_t len, int multiline);

/* Number of Unicode code points in a valid UTF-8 string. */
size_t ocop_text_length(const char *s);

/*
 * Folds text for diacritic-insensitive matching: decomposes, drops combining
 * marks (tone and vowel marks, also in NFD input), maps đ/Đ (and the look-alike
 * Ð) to d, lowercases, and turns everything that is not a letter or digit into
 * one space. "Mây tre đan" -> "may tre dan". Returns a new string or NULL on
 * bad UTF-8 / out of memory.
 */
char *ocop_text_fold(const char *in);

/* Writes v with a thousands separator (sep '.' in Vietnamese, ',' in English; 0 for
 * none) into out[n], always terminated, never past the end: "3.463", "-1,000". */
void ocop_int_grouped(char *out, size_t n, long long v, char sep);

#endif
