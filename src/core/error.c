/* error.c: thread-local last error. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static _Thread_local struct {
    int code;
    char message[512];
    char field[64];
} last;

/* Formats through a copy, so a new message may quote the previous one (and its field). */
__attribute__((format(printf, 3, 0))) static void error__vset(int code, const char *field,
                                                             const char *fmt, va_list ap)
{
    char message[sizeof(last.message)], name[sizeof(last.field)];
    vsnprintf(message, sizeof(message), fmt, ap);
    snprintf(name, sizeof(name), "%s", field ? field : "");
    last.code = code;
    memcpy(last.message, message, sizeof(message));
    memcpy(last.field, name, sizeof(name));
}

int ocop_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error__vset(code, NULL, fmt, ap);
    va_end(ap);
    return code;
}

int ocop_error_set_field(int code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error__vset(code, field, fmt, ap);
    va_end(ap);
    return code;
}

const char *ocop_error_message(void)
{
    return last.message[0] ? last.message : ocop_error_name(last.code);
}

const char *ocop_error_field(void)
{
    return last.field[0] ? last.field : NULL;
}

int ocop_error_code(void)
{
    return last.code;
}

void ocop_error_clear(void)
{
    last.code = 0;
    last.message[0] = '\0';
    last.field[0] = '\0';
}

const char *ocop_error_name(int code)
{
    switch (code) {
    case OCOP_OK: return "ok";
    case OCOP_ENOTFOUND: return "not found";
    case OCOP_EEXISTS: return "already exists";
    case OCOP_EINVALID: return "invalid input";
    case OCOP_EFORBIDDEN: return "forbidden";
    case OCOP_ECONFLICT: return "conflict";
    case OCOP_EUNAUTH: return "authentication required";
    case OCOP_ETOOBIG: return "too large";
    case OCOP_EMALFORMED: return "malformed input";
    case OCOP_ETHROTTLED: return "too many attempts";
    default: return "internal error";
    }
}
