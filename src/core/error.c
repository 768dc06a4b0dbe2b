/* error.c: thread-local last error, in English and, where po/vi.po has it, Vietnamese. */
#include "core/error.h"
#include "core/lang.h"
#include "core/messages.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MESSAGE_MAX 512

static _Thread_local struct {
    int code;
    char message[MESSAGE_MAX];
    char message_vi[MESSAGE_MAX]; /* "" when the catalog has no wording */
    char field[64];
    unsigned long seq; /* changes with every error set: the gathered list names its own */
} last;

struct error__field {
    char field[64];
    char message[MESSAGE_MAX];
    char message_vi[MESSAGE_MAX];
};

/* The fields gathered by a validation; they belong to the last error while seq matches. */
static _Thread_local struct {
    size_t n;
    unsigned long seq;
    int code;
    struct error__field items[OCOP_ERROR_FIELDS_MAX];
} gathered;

static int message__cmp(const void *key, const void *entry)
{
    return strcmp(key, ((const struct ocop_message *)entry)->en);
}

const char *ocop_message_vi(const char *en)
{
    const struct ocop_message *m = bsearch(en, ocop_messages_vi, ocop_messages_vi_count,
                                           sizeof(*m), message__cmp);
    return m ? m->vi : NULL;
}

/* A message cut at the buffer's end may end inside a UTF-8 sequence: drop that part. */
static void error__trim_utf8(char *s)
{
    size_t len = strlen(s), i = len;
    while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--; /* continuation bytes */
    if (i == 0 || (unsigned char)s[i - 1] < 0xC0)
        return; /* ends with ASCII or a complete sequence */
    unsigned char lead = (unsigned char)s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (len - (i - 1) < need)
        s[i - 1] = '\0';
}

/* A message that quotes the one before it ("row 3: %s", or "%s" passing it on) quotes
 * its Vietnamese in the Vietnamese: the English quoted is replaced, once. */
static void error__requote(char *vi, size_t n, const char *prev_en, const char *prev_vi)
{
    char out[MESSAGE_MAX];
    size_t len = 0;
    char *at;
    if (!prev_en[0] || !prev_vi[0] || !(at = strstr(vi, prev_en)))
        return;
    const char *parts[3] = {vi, prev_vi, at + strlen(prev_en)};
    size_t lens[3] = {(size_t)(at - vi), strlen(prev_vi), strlen(at + strlen(prev_en))};
    for (int i = 0; i < 3; i++) {
        size_t k = lens[i] < sizeof(out) - 1 - len ? lens[i] : sizeof(out) - 1 - len;
        memcpy(out + len, parts[i], k);
        len += k;
    }
    out[len] = '\0';
    memcpy(vi, out, len + 1 < n ? len + 1 : n);
    vi[n - 1] = '\0';
}

/* Formats through copies, so a new message may quote the previous one (and its field). */
__attribute__((format(printf, 3, 0))) static void error__vset(int code, const char *field,
                                                             const char *fmt, va_list ap)
{
    char message[MESSAGE_MAX], vi[MESSAGE_MAX], name[sizeof(last.field)];
    const char *vi_fmt = ocop_message_vi(fmt);
    va_list again;

    va_copy(again, ap);
    vsnprintf(message, sizeof(message), fmt, ap);
    error__trim_utf8(message);
    vi[0] = '\0';
    if (vi_fmt) {
        /* the catalog's formats take the same arguments as their keys: msgfmt --check and
         * scripts/embed_messages.py refuse to build one that does not */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        vsnprintf(vi, sizeof(vi), vi_fmt, again);
#pragma GCC diagnostic pop
        error__requote(vi, sizeof(vi), last.message, last.message_vi);
        error__trim_utf8(vi);
    }
    va_end(again);
    snprintf(name, sizeof(name), "%s", field ? field : "");
    last.code = code;
    memcpy(last.message, message, sizeof(message));
    memcpy(last.message_vi, vi, sizeof(vi));
    memcpy(last.field, name, sizeof(name));
    last.seq++;
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

static const char *error__name_vi(int code)
{
    switch (code) {
    case OCOP_OK: return "thành công";
    case OCOP_ENOTFOUND: return "không tìm thấy";
    case OCOP_EEXISTS: return "đã tồn tại";
    case OCOP_EINVALID: return "dữ liệu không hợp lệ";
    case OCOP_EFORBIDDEN: return "không được phép";
    case OCOP_ECONFLICT: return "xung đột";
    case OCOP_EUNAUTH: return "cần đăng nhập";
    case OCOP_ETOOBIG: return "quá lớn";
    case OCOP_EMALFORMED: return "dữ liệu sai định dạng";
    case OCOP_ETHROTTLED: return "quá nhiều lần thử";
    default: return "lỗi hệ thống";
    }
}

const char *ocop_error_message_in(const char *lang)
{
    if (!ocop_lang_vi(lang))
        return ocop_error_message();
    if (last.message_vi[0])
        return last.message_vi;
    return last.message[0] ? last.message : error__name_vi(last.code);
}

const char *ocop_error_field(void)
{
    return last.field[0] ? last.field : NULL;
}

void ocop_error_gather_start(void)
{
    gathered.n = 0;
    gathered.code = 0;
    gathered.seq = last.seq - 1; /* not attached to any error */
}

void ocop_error_gather(void)
{
    struct error__field *g;
    if (!last.field[0] || gathered.n == OCOP_ERROR_FIELDS_MAX)
        return;
    for (size_t i = 0; i < gathered.n; i++)
        if (strcmp(gathered.items[i].field, last.field) == 0)
            return; /* a field's first error is enough */
    if (!gathered.n)
        gathered.code = last.code;
    g = &gathered.items[gathered.n++];
    memcpy(g->field, last.field, sizeof(g->field));
    memcpy(g->message, last.message, sizeof(g->message));
    memcpy(g->message_vi, last.message_vi, sizeof(g->message_vi));
}

int ocop_error_gather_finish(void)
{
    const struct error__field *first = &gathered.items[0];
    if (!gathered.n)
        return 0;
    last.code = gathered.code;
    memcpy(last.field, first->field, sizeof(last.field));
    memcpy(last.message, first->message, sizeof(last.message));
    memcpy(last.message_vi, first->message_vi, sizeof(last.message_vi));
    gathered.seq = ++last.seq;
    return last.code;
}

size_t ocop_error_field_count(void)
{
    if (gathered.n && gathered.seq == last.seq)
        return gathered.n;
    return last.field[0] ? 1 : 0;
}

const char *ocop_error_field_at(size_t i)
{
    if (i >= ocop_error_field_count())
        return NULL;
    return gathered.n && gathered.seq == last.seq ? gathered.items[i].field : last.field;
}

const char *ocop_error_field_message_in(size_t i, const char *lang)
{
    const struct error__field *g;
    if (i >= ocop_error_field_count())
        return NULL;
    if (!(gathered.n && gathered.seq == last.seq))
        return ocop_error_message_in(lang);
    g = &gathered.items[i];
    return ocop_lang_vi(lang) && g->message_vi[0] ? g->message_vi : g->message;
}

int ocop_error_code(void)
{
    return last.code;
}

void ocop_error_clear(void)
{
    last.code = 0;
    last.message[0] = '\0';
    last.message_vi[0] = '\0';
    last.field[0] = '\0';
    last.seq++;
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
