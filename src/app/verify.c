/*
 * verify.c (app): what a scan of a stamp shows. The server knows every issued
 * signature, so it compares the presented one with the stored one (constant time)
 * instead of running Ed25519 per scan; offline checks verify the signature itself.
 */
#include "app/app.h"
#include "app/places.h"
#include "app/verifier.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/stamp.h"
#include "core/verdict.h"
#include "store/stamps.h"
#include "store/trace.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *verify__str(json_t *o, const char *a, const char *b)
{
    return json_string_value(json_object_get(b ? json_object_get(o, a) : o, b ? b : a));
}

/* Lot revocation, product status and certificate status: genuine, or not valid and why
 * (a revoked stamp is checked per scan, from its own row). */
static enum ocop_reason verify__validity(json_t *v, long today, const char **date,
                                         const char **why)
{
    json_t *c = json_object_get(v, "certificate");
    long until;
    *date = *why = NULL;
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

/* Appends "key":<value as compact JSON>, to b. */
static void verify__member(struct ocop_buf *b, const char *key, json_t *value)
{
    char *text = json_dumps(value ? value : json_null(), JSON_COMPACT | JSON_ENCODE_ANY);
    ocop_buf_printf(b, "\"%s\":%s,", key, text ? text : "null");
    free(text);
}

/* Copies src into the facts' text area at *at; NULL stays NULL. */
static const char *verify__keep(char **at, const char *src)
{
    char *p = *at;
    if (!src)
        return NULL;
    strcpy(p, src);
    *at += strlen(src) + 1;
    return p;
}

/* Renders what every scan of a batch's stamps shows, as of today. */
static int verify__facts(struct ocop_batch_facts **out, struct ocop_app *a, int64_t batch_id,
                         long today, unsigned long epoch)
{
    static const char *const head_keys[] = {"product", "producer", "ward", "village",
                                            "certificate"};
    json_t *v = NULL, *trace = NULL, *c;
    struct ocop_buf head;
    char *batch = NULL, *tr = NULL;
    struct ocop_batch_facts *f = NULL;
    const char *date, *reason, *s;
    char *at;
    long until, release;
    size_t size;
    int rc;

    *out = NULL;
    if ((rc = ocop_store_batch_view(&v, a->st, batch_id)) != 0)
        return rc;
    c = json_object_get(v, "certificate");
    if (json_is_object(c) &&
        ocop_date_parse(&until, json_string_value(json_object_get(c, "valid_until"))) == 0)
        json_object_set_new(c, "status", json_string(ocop_cert_status_name(ocop_cert_status(
                                             !json_is_null(json_object_get(c, "revoked_at")),
                                             0, until, today))));
    /* the product's history and this lot's, not other lots': read once per batch and
     * epoch, as the rest of the facts (a scan reads no more than before) */
    if ((rc = ocop_store_trace_events(&trace, a->st,
                                      json_integer_value(json_object_get(
                                          json_object_get(v, "product"), "id")),
                                      batch_id)) != 0) {
        json_decref(v);
        return rc;
    }
    ocop_buf_init(&head, 1 << 20);
    for (size_t i = 0; i < sizeof(head_keys) / sizeof(head_keys[0]); i++)
        verify__member(&head, head_keys[i], json_object_get(v, head_keys[i]));
    batch = json_dumps(json_object_get(v, "batch"), JSON_COMPACT);
    tr = json_dumps(trace, JSON_COMPACT);
    enum ocop_reason why = verify__validity(v, today, &date, &reason);
    size = head.len + (batch ? strlen(batch) : 0) + (tr ? strlen(tr) : 0) +
           (date ? strlen(date) : 0) + (reason ? strlen(reason) : 0) + 8;
    if (head.data && batch && tr && (f = calloc(1, sizeof(*f) + size)) != NULL) {
        f->batch_id = batch_id;
        f->product_id = json_integer_value(json_object_get(json_object_get(v, "product"), "id"));
        f->epoch = epoch;
        snprintf(f->gtin, sizeof(f->gtin), "%s", (s = verify__str(v, "batch", "gtin")) ? s : "");
        snprintf(f->lot, sizeof(f->lot), "%s", (s = verify__str(v, "batch", "lot")) ? s : "");
        snprintf(f->kid, sizeof(f->kid), "%s", (s = verify__str(v, "batch", "kid")) ? s : "");
        f->release_ms = ocop_date_parse(&release, verify__str(v, "batch", "release_date")) == 0
                            ? (long long)release * 86400000LL : 0;
        f->why = why;
        at = f->text;
        f->head = verify__keep(&at, head.data);
        f->batch = verify__keep(&at, batch);
        f->trace = verify__keep(&at, tr);
        f->date = verify__keep(&at, date);
        f->reason = verify__keep(&at, reason);
        atomic_init(&f->refs, 1);
    }
    ocop_buf_dispose(&head);
    free(batch);
    free(tr);
    json_decref(v);
    json_decref(trace);
    if (!f)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    *out = f;
    return 0;
}

/* The facts of a batch: the server's rendered copy if it is current, else new ones. */
static int verify__batch(struct ocop_batch_facts **out, struct ocop_app *a, int64_t batch_id,
                         long today)
{
    unsigned long epoch = ocop_store_snapshot_epoch(a->st);
    int rc;
    if (a->verifier && epoch && (*out = ocop_verifier_facts(a->verifier, batch_id, epoch)))
        return 0;
    if ((rc = verify__facts(out, a, batch_id, today, epoch)) == 0 && a->verifier && epoch)
        ocop_verifier_keep(a->verifier, *out);
    return rc;
}

/* Distinct clients among this scan's and those at or after since_ms (newest first),
 * counted up to `enough` (the signal only asks whether there are more than the limit).
 * A set in open addressing, twice the rows' size: this runs on every scan (comparing
 * each row with all before it was a third of the scan's own work). */
static long verify__window_clients(const struct ocop_scan_rows *h, long long since_ms,
                                   uint64_t client, long enough)
{
    enum { SLOTS = 256 };
    _Static_assert(SLOTS >= 2 * (OCOP_SCAN_ROWS + 1), "the set is at most half full");
    uint64_t key[SLOTS];
    unsigned char used[SLOTS] = {0};
    long d = 0;
    for (int i = -1; i < h->n && d < enough; i++) {
        uint64_t c = i < 0 ? client : h->rows[i].client;
        unsigned k = (unsigned)(c ^ (c >> 29)) & (SLOTS - 1);
        if (i >= 0 && h->rows[i].at_ms < since_ms)
            break;
        while (used[k] && key[k] != c)
            k = (k + 1) & (SLOTS - 1);
        if (!used[k]) {
            used[k] = 1;
            key[k] = c;
            d++;
        }
    }
    return d;
}

/* Writes "scans":{"before":N,"recent":[{"at":..},..],"first_at":..}, (most of a scan's
 * answer) into room reserved once. */
static int verify__scans(struct ocop_buf *b, const struct ocop_scan_rows *h)
{
    int n = h->n < 20 ? h->n : 20, rc;
    char *w;
    /* each entry at most 30 bytes; the list's brackets, first_at and the end 48 */
    if ((rc = ocop_buf_puts(b, "\"scans\":{\"before\":")) != 0 ||
        (rc = ocop_buf_putl(b, h->total)) != 0 ||
        (rc = ocop_buf_reserve(b, (size_t)n * 30 + 64)) != 0)
        return rc;
    w = stpcpy(b->data + b->len, ",\"recent\":[");
    for (int i = 0; i < n; i++) {
        /* fixed lengths: copies written out in place, not calls */
        if (i)
            *w++ = ',';
        memcpy(w, "{\"at\":\"", 7);
        ocop_time_format(w + 7, 21, (time_t)(h->rows[i].at_ms / 1000));
        memcpy(w + 27, "\"}", 2);
        w += 29;
    }
    *w++ = ']';
    if (h->total) {
        w = stpcpy(w, ",\"first_at\":\"");
        ocop_time_format(w, 21, (time_t)(h->first_ms / 1000));
        w = stpcpy(w + 20, "\"");
    }
    w = stpcpy(w, "},");
    b->len = (size_t)(w - b->data);
    return 0;
}

/* Whether this request is the same look at the pack as the stamp's newest scan: the same
 * device within the configured minutes (a reload, the language switched, the page opened
 * twice), bringing no new place (unlocated, or within 1 km of where that scan was). Then it is answered as that scan was, with the history before it (dropped from
 * *h), and not logged again: a shopper's reloads are neither more scans to show nor
 * towards "too many". A copy in other hands is other devices, and counts as before. */
static int verify__repeat(struct ocop_scan_rows *h, const struct ocop_app *a, uint64_t client,
                          long long now, double lat, double lon)
{
    struct ocop_clone_rules defaults;
    const struct ocop_clone_rules *r = a->clone_rules;
    if (h->n == 0 || !a->client[0] || h->rows[0].client != client)
        return 0;
    if (!r) {
        ocop_clone_defaults(&defaults);
        r = &defaults;
    }
    if (now < h->rows[0].at_ms || now - h->rows[0].at_ms >= r->repeat_minutes * 60000LL)
        return 0;
    if (!isnan(lat) && !isnan(lon) &&
        (isnan(h->rows[0].lat) || isnan(h->rows[0].lon) ||
         ocop_distance_km(lat, lon, h->rows[0].lat, h->rows[0].lon) > 1.0))
        return 0;
    memmove(h->rows, h->rows + 1, (size_t)(h->n - 1) * sizeof(h->rows[0]));
    h->n--;
    if (--h->total <= 0) {
        h->total = 0;
        h->first_ms = 0;
    }
    return 1;
}

/* The two scans that raised "far apart" (the later is often the current one). */
struct verify__far {
    struct ocop_scan_point later, earlier;
    double km;
    long long ms;
};

/* The clone signals of this scan (the current scan included); *far is set when "far
 * apart" is among them. */
static unsigned verify__signals(struct ocop_app *a, const struct ocop_scan_rows *h,
                                const struct ocop_batch_facts *f, uint64_t client, long long now,
                                double lat, double lon, struct verify__far *far)
{
    struct ocop_far_apart pair;
    unsigned signals;
    struct ocop_clone_rules defaults;
    const struct ocop_clone_rules *r = a->clone_rules;
    struct ocop_scan_point pts[21];
    struct ocop_scan_facts facts = {0};
    int n = 0;

    if (!r) {
        ocop_clone_defaults(&defaults);
        r = &defaults;
    }
    pts[n++] = (struct ocop_scan_point){now, lat, lon};
    for (int i = 0; i < h->n && i < 20; i++)
        pts[n++] = (struct ocop_scan_point){h->rows[i].at_ms, h->rows[i].lat, h->rows[i].lon};
    facts.total = h->total + 1;
    /* this client counts once more unless it is among the window's clients already */
    facts.window_clients = verify__window_clients(h, now - r->window_minutes * 60000LL,
                                                  client, r->max_clients + 1);
    facts.now_ms = now;
    facts.release_ms = f->release_ms;
    facts.points = pts;
    facts.npoints = (size_t)n;
    signals = ocop_clone_signals_far(r, &facts, &pair);
    if (signals & OCOP_SIGNAL_FAR_APART)
        *far = (struct verify__far){pts[pair.a], pts[pair.b], pair.km, pair.ms};
    return signals;
}

/* Writes ,"far_apart":{"km":..,"minutes":..,"places":[earlier, later]}. Shoppers are told
 * the province or area, never the ward (docs/stamps.md section 7). */
static void verify__far_json(struct ocop_buf *b, const struct verify__far *far,
                             const struct ocop_place *earlier, const struct ocop_place *later)
{
    ocop_buf_puts(b, ",\"far_apart\":{\"km\":");
    ocop_buf_putl(b, lround(far->km));
    ocop_buf_puts(b, ",\"minutes\":");
    ocop_buf_putl(b, (long)(far->ms / 60000));
    ocop_buf_puts(b, ",\"places\":[");
    ocop_place_json(b, earlier, 0);
    ocop_buf_puts(b, ",");
    ocop_place_json(b, later, 0);
    ocop_buf_puts(b, "]}");
}

/* Writes "verdict":..,"sentence":..,"signals":[..] (no braces), and "far_apart" when
 * `far` is given and the signal was raised: only then are places looked up (a few hundred
 * nanoseconds, no allocation). */
static void verify__explain(struct ocop_buf *b, enum ocop_verdict verdict, enum ocop_reason why,
                            unsigned signals, const struct ocop_clone_rules *rules,
                            const char *lang, const char *date, const char *reason,
                            const struct verify__far *far)
{
    char sentence[400], sig[4][OCOP_SIGNAL_TEXT], where[320];
    struct ocop_place earlier, later;
    struct ocop_clone_rules defaults;
    int n;
    if (!rules) {
        ocop_clone_defaults(&defaults);
        rules = &defaults;
    }
    where[0] = '\0';
    if (!(signals & OCOP_SIGNAL_FAR_APART))
        far = NULL;
    if (far) {
        ocop_app_place(&earlier, far->earlier.lat, far->earlier.lon);
        ocop_app_place(&later, far->later.lat, far->later.lon);
        ocop_far_apart_text(where, sizeof(where), &earlier, &later, far->km, far->ms,
                            lang && strcmp(lang, "en") == 0);
    }
    ocop_verdict_sentence(sentence, sizeof(sentence), verdict, why, signals, lang, date, reason);
    n = ocop_signal_sentences(sig, 4, signals, rules, lang, where);
    ocop_buf_puts(b, "\"verdict\":\"");
    ocop_buf_puts(b, ocop_verdict_name(verdict));
    ocop_buf_puts(b, "\",\"sentence\":");
    ocop_buf_json_string(b, sentence);
    ocop_buf_puts(b, ",\"signals\":[");
    for (int i = 0; i < n; i++) {
        if (i)
            ocop_buf_puts(b, ",");
        ocop_buf_json_string(b, sig[i]);
    }
    ocop_buf_puts(b, "]");
    if (far)
        verify__far_json(b, far, &earlier, &later);
}

static void verify__log(struct ocop_app *a, int64_t stamp_id, const char *serial, long long now,
                        double lat, double lon, enum ocop_verdict v)
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
    if (a->verifier && stamp_id)
        ocop_verifier_scanned(a->verifier, serial, &scan);
}

/* Does the presented code match what was issued with this serial? */
static int verify__matches(const struct ocop_stamp_id *id, const struct ocop_stamp_row *row,
                           const struct ocop_batch_facts *f)
{
    _Static_assert(OCOP_SIG_BYTES == crypto_sign_BYTES && crypto_sign_BYTES == 64, "64 bytes");
    /* constant time, a word at a time (sodium_memcmp goes a byte at a time) */
    int ok = id->has_sig && crypto_verify_64(row->sig, id->sig) == 0;
    ok &= strcmp(id->gtin, f->gtin) == 0 && strcmp(id->lot, f->lot) == 0;
    ok &= strcmp(id->kid, f->kid) == 0;
    return ok;
}

/* The stamp with that serial and its newest scans: the server's memory, or the store. */
static int verify__stamp(struct ocop_stamp_row *row, struct ocop_scan_rows *h, struct ocop_app *a,
                         const char *serial, long long now)
{
    int rc;
    if (a->verifier)
        return ocop_verifier_stamp(a->verifier, a->st, serial,
                                   ocop_store_snapshot_epoch(a->st), now, row, h);
    if ((rc = ocop_store_stamp_find(row, a->st, serial)) == 0 &&
        ocop_store_scan_recent(h, a->st, row->id) != 0)
        memset(h, 0, sizeof(*h));
    return rc;
}

int ocop_app_verify_text(struct ocop_buf *b, struct ocop_app *a, const char *uri, size_t len,
                         double lat, double lon, const char *lang)
{
    struct ocop_stamp_id id;
    struct ocop_stamp_row row;
    struct ocop_scan_rows h;
    struct ocop_batch_facts *f = NULL;
    enum ocop_verdict verdict = OCOP_VERDICT_FORGED;
    enum ocop_reason why = OCOP_REASON_MALFORMED;
    const char *date = NULL, *reason = NULL;
    long long now = ocop_wall_ms();
    long today = ocop_date_today((time_t)(now / 1000));
    unsigned signals = 0;
    int64_t stamp_id = 0;
    int rc, repeat = 0;
    struct verify__far far;

    ocop_buf_puts(b, "{");
    if (ocop_stamp_parse(&id, uri, len) != 0) {
        why = OCOP_REASON_MALFORMED;
    } else if ((rc = verify__stamp(&row, &h, a, id.serial, now)) != 0) {
        if (rc != OCOP_ENOTFOUND)
            return rc;
        why = OCOP_REASON_UNKNOWN_SERIAL;
    } else if ((rc = verify__batch(&f, a, row.batch_id, today)) != 0) {
        return rc;
    } else if (!verify__matches(&id, &row, f)) {
        why = id.has_sig ? OCOP_REASON_BAD_SIGNATURE : OCOP_REASON_NO_SIGNATURE;
    } else {
        stamp_id = row.id;
        if (row.revoked) {
            why = OCOP_REASON_STAMP_REVOKED;
            date = row.revoked_at;
            reason = row.revoke_reason[0] ? row.revoke_reason : NULL;
        } else {
            why = f->why;
            date = f->date;
            reason = f->reason;
        }
        uint64_t client = ocop_scan_client_key(a->client);
        repeat = verify__repeat(&h, a, client, now, lat, lon);
        if ((rc = verify__scans(b, &h)) != 0) {
            ocop_batch_facts_release(f);
            return rc;
        }
        signals = verify__signals(a, &h, f, client, now, lat, lon, &far);
        verdict = signals ? OCOP_VERDICT_SUSPECTED_COPY
                  : why == OCOP_REASON_NONE ? OCOP_VERDICT_GENUINE : OCOP_VERDICT_NOT_VALID;
        if (signals && why != OCOP_REASON_NONE && why <= OCOP_REASON_LOT_REVOKED)
            verdict = OCOP_VERDICT_NOT_VALID; /* a withdrawn stamp says so first */
        ocop_buf_puts(b, f->head);
        ocop_buf_puts(b, "\"stamp\":{\"serial\":");
        ocop_buf_json_string(b, id.serial);
        ocop_buf_puts(b, ",\"batch\":");
        ocop_buf_puts(b, f->batch);
        ocop_buf_puts(b, ",\"revoked_at\":");
        ocop_buf_json_string(b, row.revoked ? row.revoked_at : NULL);
        ocop_buf_puts(b, ",\"signed\":true},\"trace\":");
        ocop_buf_puts(b, f->trace);
        ocop_buf_puts(b, ",");
    }
    verify__explain(b, verdict, why, signals, a->clone_rules, lang, date, reason, &far);
    rc = ocop_buf_puts(b, "}");
    if (!repeat)
        verify__log(a, stamp_id, id.serial, now, lat, lon, verdict);
    ocop_batch_facts_release(f);
    return rc;
}

int ocop_app_verify(json_t **out, struct ocop_app *a, const char *uri, size_t len, double lat,
                    double lon, const char *lang)
{
    struct ocop_buf b;
    json_error_t err;
    int rc;
    *out = NULL;
    ocop_buf_init(&b, 4 << 20);
    if ((rc = ocop_app_verify_text(&b, a, uri, len, lat, lon, lang)) == 0 &&
        !(*out = json_loadb(b.data, b.len, 0, &err)))
        rc = ocop_error_set(OCOP_ERROR, "scan answer: %s", err.text);
    ocop_buf_dispose(&b);
    return rc;
}

int ocop_verify_offline(json_t **out, const char *uri, size_t len, json_t *keys, const char *lang)
{
    struct ocop_stamp_id id;
    enum ocop_verdict verdict = OCOP_VERDICT_FORGED;
    enum ocop_reason why = OCOP_REASON_MALFORMED;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    char msg[128];
    size_t i, pklen = 0;
    struct ocop_buf text;
    json_t *k, *res;
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
    ocop_buf_init(&text, 4096);
    ocop_buf_puts(&text, "{");
    verify__explain(&text, verdict, why, 0, NULL, lang, NULL, NULL, NULL);
    ocop_buf_puts(&text, "}");
    res = json_loadb(text.data, text.len, 0, NULL);
    ocop_buf_dispose(&text);
    if (!res)
        return ocop_error_set(OCOP_ERROR, "out of memory");
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
