/* messages.h: the Vietnamese wording of error messages. The catalog is po/vi.po, checked
 * and embedded at build time (scripts/embed_messages.py, docs/i18n.md). */
#ifndef OCOP_CORE_MESSAGES_H
#define OCOP_CORE_MESSAGES_H

#include <stddef.h>

struct ocop_message {
    const char *en, *vi; /* the same arguments, of the same types (checked at build time) */
};

/* Sorted by `en` (strcmp order). */
extern const struct ocop_message ocop_messages_vi[];
extern const size_t ocop_messages_vi_count;

/* The Vietnamese format of an English message format, or NULL when it has none. */
const char *ocop_message_vi(const char *en);

#endif
