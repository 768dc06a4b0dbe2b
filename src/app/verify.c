/*
 * verify.c (app): what a scan of a stamp shows. The server knows every issued
 * signature, so it compares the presented one with the stored one (constant time)
 * instead of running Ed25519 per scan; offline checks verify the signature itself.
 */
#include "app/app.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/stamp.h"
#include "core/verdict.h"
#include "store/stamps.h"

#include <math.h>
#include <sodium.h>
#include <string.h>
#include <sys/time.h>

static long long verify__now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static const char *verify__str(json_t *o, const char *a, const char *b)
{
    return json_string_value(json_object_get(b ? json_object_get(o, a) : o, b ? b : a));
}

/* Revocations and certificate status: genuine, or not valid and why. */
static enum ocop_reason verify__validity(json_t *v, long today, const char **date,
                                         const char **why)
{
    json_t *c = json_object_get(v, "certificate");
    long until;
    *date = *why = NULL;
    if ((*date = verify__str(v, "stamp_revoked_at", NULL)) != NULL) {
        *why = verify__str(v, "stamp_revoke_reason", NULL);
        return OCOP_REASON_STAMP_REVOKED;
    }
    if ((*date = verify__str(v, "batch", "revoked_at")) != NULL) {
        *why = verify__str(v, "batch", "revoke_reason");
        return OCOP_REASON_LOT_REVOKED;
    }
    if (strcmp(verify__str(v, "product", "status"), "active") != 0)
        return OCOP_REASON_PRODUCT_WITHDRAWN;
    if (!json_is_object(c))
        return OCOP_REASON_CERT_NONE;
    if ((*date = verify__str(c, "revoked_at", NULL)) != NULL) {
        *why = verify__str(c, "revoke_reason", NULL);
        return OCOP_REASON_CERT_REVOKED;
    }
    *date = verify__str(c, "valid_until", NULL);
    if (!*date || ocop_date_parse(&until, *date) || until < today)
        return OCOP_REASON_CERT_EXPIRED;
    *date = NULL;
    return OCOP_REASON_NONE;
}

/* Scan history and clone signals for a known stamp (the current scan included). */
static unsigned verify__signals(json_t *out, struct ocop_app *a, json_t *v, long long now,
                                double lat, double lon)
{
    static struct ocop_clone_rules defaults;
    const struct ocop_clone_rules *r = a->clone_rules;
    struct ocop_scan_history h;
    struct ocop_scan_point pts[21];
    struct ocop_scan_facts f = {0};
    json_t *recent = json_array();
    char when[32];
    long release;
    int n = 0;

    if (!r) {
        ocop_clone_defaults(&defaults);
        r = &defaults;
    }
    if (ocop_store_scan_history(&h, a->st, json_integer_value(json_object_get(v, "stamp_id")),
                                now - r->window_minutes * 60000LL, a->client) != 0)
        memset(&h, 0, sizeof(h));
    pts[n++] = (struct ocop_scan_point){now, lat, lon};
    for (int i = 0; i < h.nrecent; i++) {
        pts[n++] = (struct ocop_scan_point){h.recent[i].at_ms, h.recent[i].lat, h.recent[i].lon};
        ocop_time_format(when, sizeof(when), (time_t)(h.recent[i].at_ms / 1000));
        json_array_append_new(recent, json_pack("{s:s}", "at", when));
    }
    f.total = h.total + 1;
    /* this client counts once more unless it is among the window's clients already */
    f.window_clients = h.window_clients + (h.client_seen ? 0 : 1);
    f.now_ms = now;
    f.release_ms = ocop_date_parse(&release, verify__str(v, "batch", "release_date")) == 0
                       ? (long long)release * 86400000LL : 0;
    f.points = pts;
    f.npoints = (size_t)n;
    json_object_set_new(out, "scans", json_pack("{s:I, s:o}", "before", (json_int_t)h.total,
                                                "recent", recent));
    if (h.total) {
        ocop_time_format(when, sizeof(when), (time_t)(h.first_ms / 1000));
        json_object_set_new(json_object_get(out, "scans"), "first_at", json_string(when));
    }
    return ocop_clone_signals(r, &f);
}

static void verify__explain(json_t *out, enum ocop_verdict verdict, enum ocop_reason why,
                            unsigned signals, const struct ocop_clone_rules *rules,
                            const char *lang, const char *date, const char *reason)
{
    char sentence[400], sig[4][200];
    struct ocop_clone_rules defaults;
    json_t *list = json_array();
    int n;
    if (!rules) {
        ocop_clone_defaults(&defaults);
        rules = &defaults;
    }
    ocop_verdict_sentence(sentence, sizeof(sentence), verdict, why, signals, lang, date, reason);
    n = ocop_signal_sentences(sig, 4, signals, rules, lang);
    for (int i = 0; i < n; i++)
        json_array_append_new(list, json_string(sig[i]));
    json_object_set_new(out, "verdict", json_string(ocop_verdict_name(verdict)));
    json_object_set_new(out, "sentence", json_string(sentence));
    json_object_set_new(out, "signals", list);
}

static void verify__log(struct ocop_app *a, int64_t stamp_id, long long now, double lat,
                        double lon, enum ocop_verdict v)
{
    struct ocop_scan scan;
    if (!a->scan_sink)
        return;
    memset(&scan, 0, sizeof(scan));
    scan.stamp_id = stamp_id;
    scan.at_ms = now;
    memcpy(scan.client, a->client, sizeof(scan.client));
    scan.lat = lat;
    scan.lon = lon;
    scan.verdict = ocop_verdict_name(v);
    a->scan_sink(a->scan_arg, &scan);
}

/* Does the presented code match what was issued with this serial? */
static int verify__matches(const struct ocop_stamp_id *id, json_t *v, const unsigned char *sig)
{
    const char *gtin = verify__str(v, "batch", "gtin"), *lot = verify__str(v, "batch", "lot");
    const char *kid = verify__str(v, "batch", "kid");
    int ok = id->has_sig && sodium_memcmp(sig, id->sig, OCOP_SIG_BYTES) == 0;
    ok &= strcmp(id->gtin, gtin ? gtin : "") == 0 && lot && strcmp(id->lot, lot) == 0;
    ok &= kid && strcmp(id->kid, kid) == 0;
    return ok;
}

int ocop_app_verify(json_t **out, struct ocop_app *a, const char *uri, size_t len, double lat,
                    double lon, const char *lang)
{
    struct ocop_stamp_id id;
    unsigned char sig[OCOP_SIG_BYTES];
    enum ocop_verdict verdict = OCOP_VERDICT_FORGED;
    enum ocop_reason why = OCOP_REASON_MALFORMED;
    const char *date = NULL, *reason = NULL;
    long long now = verify__now_ms();
    json_t *v = NULL, *res = json_object(), *trace = NULL;
    unsigned signals = 0;
    int64_t stamp_id = 0;

    *out = NULL;
    if (ocop_stamp_parse(&id, uri, len) != 0) {
        why = OCOP_REASON_MALFORMED;
    } else if (ocop_store_stamp_view(&v, sig, a->st, id.serial) != 0) {
        why = OCOP_REASON_UNKNOWN_SERIAL;
    } else if (!verify__matches(&id, v, sig)) {
        why = id.has_sig ? OCOP_REASON_BAD_SIGNATURE : OCOP_REASON_NO_SIGNATURE;
    } else {
        stamp_id = json_integer_value(json_object_get(v, "stamp_id"));
        why = verify__validity(v, ocop_date_today((time_t)(now / 1000)), &date, &reason);
        signals = verify__signals(res, a, v, now, lat, lon);
        verdict = signals ? OCOP_VERDICT_SUSPECTED_COPY
                  : why == OCOP_REASON_NONE ? OCOP_VERDICT_GENUINE : OCOP_VERDICT_NOT_VALID;
        if (signals && why != OCOP_REASON_NONE && why <= OCOP_REASON_LOT_REVOKED)
            verdict = OCOP_VERDICT_NOT_VALID; /* a withdrawn stamp says so first */
        json_object_set(res, "product", json_object_get(v, "product"));
        json_object_set(res, "producer", json_object_get(v, "producer"));
        json_object_set(res, "ward", json_object_get(v, "ward"));
        json_object_set(res, "village", json_object_get(v, "village"));
        json_object_set(res, "certificate", json_object_get(v, "certificate"));
        json_object_set_new(res, "stamp", json_pack("{s:s, s:O, s:s?, s:b}", "serial", id.serial,
                                                    "batch", json_object_get(v, "batch"),
                                                    "revoked_at",
                                                    verify__str(v, "stamp_revoked_at", NULL),
                                                    "signed", 1));
        json_object_set_new(res, "not_valid_because",
                            why == OCOP_REASON_NONE ? json_null() : json_integer(why));
        if (ocop_store_trace_events(&trace, a->st, json_integer_value(json_object_get(
                                                       json_object_get(v, "product"), "id"))) == 0)
            json_object_set_new(res, "trace", trace);
    }
    verify__explain(res, verdict, why, signals, a->clone_rules, lang, date, reason);
    json_object_del(res, "not_valid_because");
    if (json_object_get(res, "certificate") && json_is_object(json_object_get(res, "certificate"))) {
        json_t *c = json_object_get(res, "certificate");
        long until, today = ocop_date_today((time_t)(now / 1000));
        if (ocop_date_parse(&until, json_string_value(json_object_get(c, "valid_until"))) == 0)
            json_object_set_new(c, "status", json_string(ocop_cert_status_name(ocop_cert_status(
                                                 !json_is_null(json_object_get(c, "revoked_at")),
                                                 0, until, today))));
    }
    verify__log(a, stamp_id, now, lat, lon, verdict);
    json_decref(v);
    *out = res;
    return 0;
}

int ocop_verify_offline(json_t **out, const char *uri, size_t len, json_t *keys, const char *lang)
{
    struct ocop_stamp_id id;
    enum ocop_verdict verdict = OCOP_VERDICT_FORGED;
    enum ocop_reason why = OCOP_REASON_MALFORMED;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    char msg[128];
    size_t i, pklen = 0;
    json_t *k, *res = json_object();
    int found = 0;

    *out = NULL;
    if (!json_is_array(json_object_get(keys, "keys")))
        return ocop_error_set(OCOP_EINVALID, "the keys file has no \"keys\" list");
    if (ocop_stamp_parse(&id, uri, len) != 0) {
        why = OCOP_REASON_MALFORMED;
    } else if (!id.has_sig) {
        why = OCOP_REASON_NO_SIGNATURE;
    } else {
        why = OCOP_REASON_BAD_SIGNATURE;
        json_array_foreach(json_object_get(keys, "keys"), i, k)
        {
            const char *kid = json_string_value(json_object_get(k, "kid"));
            const char *b64 = json_string_value(json_object_get(k, "public_key"));
            if (!kid || !b64 || strcmp(kid, id.kid) != 0)
                continue;
            found = 1;
            if (sodium_base642bin(pk, sizeof(pk), b64, strlen(b64), NULL, &pklen, NULL,
                                  sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
                pklen != sizeof(pk))
                break;
            len = ocop_stamp_message(msg, sizeof(msg), &id);
            if (crypto_sign_verify_detached(id.sig, (const unsigned char *)msg, len, pk) == 0) {
                verdict = OCOP_VERDICT_GENUINE;
                why = OCOP_REASON_NONE;
            }
        }
    }
    verify__explain(res, verdict, why, 0, NULL, lang, NULL, NULL);
    if (verdict == OCOP_VERDICT_GENUINE)
        json_object_set_new(res, "sentence",
                            json_string(lang && !strcmp(lang, "en")
                                            ? "Genuine signature (checked offline: the server "
                                              "adds revocation and certificate status)."
                                            : "Chữ ký số hợp lệ (kiểm tra ngoại tuyến: máy chủ bổ "
                                              "sung tình trạng thu hồi và giấy chứng nhận)."));
    json_object_set_new(res, "offline", json_true());
    json_object_set_new(res, "key_known", json_boolean(found));
    if (verdict != OCOP_VERDICT_FORGED || why != OCOP_REASON_MALFORMED)
        json_object_set_new(res, "stamp", json_pack("{s:s, s:s, s:s, s:s}", "serial", id.serial,
                                                    "lot", id.lot, "gtin", id.gtin, "kid", id.kid));
    *out = res;
    return 0;
}
