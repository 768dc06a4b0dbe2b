/* error.h: the one error convention (0 or a negative code, message in a thread-local). */
#ifndef OCOP_CORE_ERROR_H
#define OCOP_CORE_ERROR_H

#include <stddef.h>

enum ocop_errcode {
    OCOP_OK = 0,
    OCOP_ERROR = -1,     /* anything unexpected: I/O, out of memory, database failure */
    OCOP_ENOTFOUND = -2, /* the named thing does not exist */
    OCOP_EEXISTS = -3,   /* a unique thing already exists */
    OCOP_EINVALID = -4,  /* input fails validation; ocop_error_field() names the field */
    OCOP_EFORBIDDEN = -5,/* the actor may not do this */
    OCOP_ECONFLICT = -6, /* the state does not allow it (in use, impossible transition) */
    OCOP_EUNAUTH = -7,   /* no or bad credentials */
    OCOP_ETOOBIG = -8,   /* input over a size limit */
    OCOP_EMALFORMED = -9, /* input is not well-formed (bad JSON, bad CSV, bad UTF-8) */
    OCOP_ETHROTTLED = -10 /* too many attempts: try again later */
};

/*
 * Sets the calling thread's last error and returns `code`, so callers can write
 * `return ocop_error_set(OCOP_EINVALID, "...")`. The message is for people: it must
 * never contain SQL text, file system paths of the server or raw attacker input.
 * `fmt` is also the key of its Vietnamese wording in po/vi.po: a literal, which
 * `make po` extracts (make test fails while a message has no Vietnamese:
 * scripts/messages.sh check).
 */
int ocop_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* As ocop_error_set, and records which input field was at fault. */
int ocop_error_set_field(int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *ocop_error_message(void); /* never NULL */
/* The message in a language: for "vi" (or "vi-VN"...) its Vietnamese wording where
 * po/vi.po has one, else the English. Never NULL. */
const char *ocop_error_message_in(const char *lang);
const char *ocop_error_field(void);   /* NULL when no field is at fault */

/*
 * Several fields at fault at once: a validation that checks every field calls
 * ocop_error_gather_start(), then ocop_error_gather() after each failed field (it keeps
 * the last error's field and its message in both languages), then
 * ocop_error_gather_finish(): 0 when nothing was gathered, else the first gathered
 * error becomes the last error again (code, field, messages), with the whole list
 * attached, and its code is returned. Any later ocop_error_set*() detaches the list.
 * At most OCOP_ERROR_FIELDS_MAX fields are kept (one each: the first error of a field). A
 * validation that may find more (a score sheet: up to OCOP_RULES_TOTAL criteria) gathers
 * the first OCOP_ERROR_FIELDS_MAX - 1 and a last one that counts the others.
 */
#define OCOP_ERROR_FIELDS_MAX 24
void ocop_error_gather_start(void);
void ocop_error_gather(void);
int ocop_error_gather_finish(void);
/* The fields at fault in the last error: the gathered list, else 1 when
 * ocop_error_field() names one, else 0. */
size_t ocop_error_field_count(void);
/* The i-th field at fault and its message (in `lang`, as ocop_error_message_in);
 * NULL when i is out of range. */
const char *ocop_error_field_at(size_t i);
const char *ocop_error_field_message_in(size_t i, const char *lang);
int ocop_error_code(void);
void ocop_error_clear(void);
/* A short English name of a code: "not found", "conflict"... */
const char *ocop_error_name(int code);

#endif
