/* lang.c: language tags and Accept-Language. */
#include "core/lang.h"
#include "core/messages.h"

#include <string.h>
#include <strings.h>

int ocop_lang_vi(const char *lang)
{
    return lang && strncasecmp(lang, "vi", 2) == 0 &&
           (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_' || lang[2] == '.');
}

static int lang__alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int lang__digit(char c)
{
    return c >= '0' && c <= '9';
}

static const char *lang__ows(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths; -1 if not */
static int lang__qvalue(const char *p, const char *end)
{
    int q, scale = 100;
    if (p == end || (*p != '0' && *p != '1'))
        return -1;
    q = (*p++ - '0') * 1000;
    if (p < end && *p == '.') {
        for (p++; p < end && lang__digit(*p) && scale > 0; p++, scale /= 10)
            q += (*p - '0') * scale;
    }
    return p == end && q <= 1000 ? q : -1;
}

/* One element "range [; q=x] [; other]": its weight in thousandths, or -1 if malformed.
 * *plen gets the primary subtag's length, 0 for "*". */
static int lang__element(const char *p, const char *end, const char **prim, size_t *plen)
{
    int q = 1000;
    p = lang__ows(p, end);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (p == end)
        return -1;
    if (*p == '*') {
        *plen = 0;
        p++;
    } else {
        const char *s = p;
        while (p < end && lang__alpha(*p))
            p++;
        if (p == s || p - s > 8)
            return -1;
        *prim = s;
        *plen = (size_t)(p - s);
        while (p < end && *p == '-') { /* subtags: 1*8alphanum */
            const char *t = ++p;
            while (p < end && (lang__alpha(*p) || lang__digit(*p)))
                p++;
            if (p == t || p - t > 8)
                return -1;
        }
    }
    for (p = lang__ows(p, end); p < end;) { /* parameters: q= is the one that counts */
        const char *k;
        if (*p != ';')
            return -1;
        k = p = lang__ows(p + 1, end);
        while (p < end && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        if (p - k >= 2 && (k[0] == 'q' || k[0] == 'Q') && k[1] == '=' &&
            (q = lang__qvalue(k + 2, p)) < 0)
            return -1;
        p = lang__ows(p, end);
    }
    return q;
}

const char *ocop_lang_accept(const char *header)
{
    const char *p = header, *best = NULL;
    int best_q = 0;
    if (!header)
        return NULL;
    for (;;) {
        const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
        const char *prim = NULL;
        size_t plen = 0;
        int q = lang__element(p, end, &prim, &plen);
        if (q > best_q && plen == 2) {
            if (strncasecmp(prim, "vi", 2) == 0) {
                best = "vi";
                best_q = q;
            } else if (strncasecmp(prim, "en", 2) == 0) {
                best = "en";
                best_q = q;
            }
        }
        if (!comma)
            return best;
        p = comma + 1;
    }
}

const char *const ocop_words[] = {
    OCOP_WORD("producer"),
    OCOP_WORD("product"),
    OCOP_WORD("village"),
    OCOP_WORD("zone"),
    OCOP_WORD("dossier"),
    OCOP_WORD("council session"),
    OCOP_WORD("criteria set"),
    OCOP_WORD("stamp batch"),
    OCOP_WORD("stamp"),
    OCOP_WORD("lot"),
    OCOP_WORD("certificate"),
    OCOP_WORD("user"),
    OCOP_WORD("trace event"),
    OCOP_WORD("create"),
    OCOP_WORD("update"),
    OCOP_WORD("delete"),
    OCOP_WORD("retract"),
    /* names of inputs outside the records' tables (query parameters, action bodies),
     * which messages name in English and, through ocop_word_vi, in Vietnamese */
    OCOP_WORD("page"),
    OCOP_WORD("per_page"),
    OCOP_WORD("stars"),
    OCOP_WORD("lang"),
    OCOP_WORD("reason"),
    OCOP_WORD("date"),
    OCOP_WORD("days"),
    OCOP_WORD("id"),
    OCOP_WORD("entity"),
    OCOP_WORD("session"),
    OCOP_WORD("province"),
    OCOP_WORD("ward"),
    OCOP_WORD("candidate"),
    OCOP_WORD("level"),
    OCOP_WORD("member_ids"),
    OCOP_WORD("certificate_number"),
    OCOP_WORD("decision_number"),
    OCOP_WORD("decision_date"),
    OCOP_WORD("production_date"),
    OCOP_WORD("expiry_date"),
    OCOP_WORD("release_date"),
    OCOP_WORD("product_id"),
    OCOP_WORD("dossier_id"),
    OCOP_WORD("target_stars"),
};
const size_t ocop_words_count = sizeof(ocop_words) / sizeof(ocop_words[0]);

const char *ocop_word_vi(const char *en)
{
    const char *vi = en ? ocop_message_vi(en) : NULL;
    return vi ? vi : en;
}
