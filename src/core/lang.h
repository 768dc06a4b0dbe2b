/* lang.h: which of ocop's two languages a person or a client asked for. */
#ifndef OCOP_CORE_LANG_H
#define OCOP_CORE_LANG_H

#include <stddef.h>

/* Is `lang` Vietnamese: a language tag ("vi", "vi-VN") or a locale ("vi_VN.UTF-8")?
 * NULL is not. */
int ocop_lang_vi(const char *lang);

/*
 * The language an Accept-Language header (RFC 9110 12.5.4) prefers of "vi" and "en": the
 * one with the higher weight (the earlier on a tie), or NULL when it names neither (or
 * only with q=0, or only "*"), or is NULL. A malformed element is skipped, never an error:
 * a header with nothing usable leaves the choice to the caller's default.
 */
const char *ocop_lang_accept(const char *header);

/*
 * Words that messages take as arguments: the kinds of record and the changes made to them.
 * A message naming one takes the English word for its English and, through a trailing
 * "%.0s" that prints nothing there, the Vietnamese word for its Vietnamese:
 *     ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", name, ocop_word_vi(name));
 * with "không tìm thấy %2$s có mã này%1$.0s" in po/vi.po. ocop_word_vi gives the word's
 * wording in po/vi.po, or the word itself when it has none.
 */
const char *ocop_word_vi(const char *en);
/* Marks a word for xgettext (scripts/messages.sh): its Vietnamese is in po/vi.po with the
 * messages. The records' field names are marked where they are defined (core/entity.c). */
#define OCOP_WORD(s) s
extern const char *const ocop_words[]; /* every such word: each needs a wording (tests) */
extern const size_t ocop_words_count;

#endif
