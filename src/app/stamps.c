/* stamps.c (app): signing keys, issuing signed stamp batches, revoking, exporting. */
#include "app/app.h"
#include "app/places.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/stamp.h"
#include "core/text.h"
#include "core/verdict.h"
#include "render/qr.h"
#include "render/stamp_sheet.h"
#include "store/stamps.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_BATCH 1000000L
#define CHUNK 8192

static int stamps__admin(struct ocop_app *a)
{
    if (a->actor.role == OCOP_ROLE_ADMIN || a->actor.role == OCOP_ROLE_SYSTEM)
        return 0;
    return ocop_error_set(a->actor.role == OCOP_ROLE_NONE ? OCOP_EUNAUTH : OCOP_EFORBIDDEN,
                          "signing keys are managed by an administrator");
}

int ocop_app_keys_generate(json_t **out, struct ocop_app *a, int rotate)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], r[3];
    char kid[OCOP_KID_MAX + 1], day[11];
    int64_t id;
    json_t *after;
    int rc;

    *out = NULL;
    if ((rc = stamps__admin(a)) != 0)
        return rc;
    crypto_sign_keypair(pk, sk);
    randombytes_buf(r, sizeof(r));
    ocop_date_format(day, sizeof(day), ocop_app_today(a));
    snprintf(kid, sizeof(kid), "k%.4s%.2s%.2s%02x%02x%02x", day, day + 5, day + 8, r[0], r[1], r[2]);
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    after = json_pack("{s:s, s:b}", "kid", kid, "rotate", rotate);
    if ((rc = ocop_store_key_insert(&id, a->st, kid, pk, sk)) == 0 &&
        (!rotate || (rc = ocop_store_key_retire_others(a->st, id)) == 0) &&
        (rc = ocop_store_audit(a->st, &a->actor, rotate ? "rotate" : "generate", "key", id, NULL,
                               after)) == 0)
        rc = ocop_store_commit(a->st);
    json_decref(after);
    if (rc)
        ocop_store_rollback(a->st);
    else
        rc = ocop_app_keys_document(out, a);
done:
    sodium_memzero(sk, sizeof(sk));
    return rc;
}

int ocop_app_keys_document(json_t **out, struct ocop_app *a)
{
    json_t *keys = NULL;
    int rc = ocop_store_keys(&keys, a->st);
    if (rc == 0)
        *out = json_pack("{s:s, s:s, s:o}", "format", "ocop-keys/1", "issuer", a->public_url,
                         "keys", keys);
    return rc;
}

/* ------------------------------------------------------------------ issuing */

struct sign_job {
    const struct ocop_signing_key *key;
    const char *gtin, *lot;
    char (*serials)[OCOP_SERIAL_LEN + 1];
    unsigned char (*sigs)[OCOP_SIG_BYTES];
};

/* A chunk being signed: workers (and, once it has stored the previous chunk, the issuing
 * thread) take blocks of SIGN_BLOCK stamps until none is left, so every core stays busy
 * whatever else it is given to do. */
#define SIGN_BLOCK 256
struct sign_chunk {
    pthread_t t[16];
    int threads, started; /* started: a bit per thread running */
    struct sign_job job;
    long count;
    atomic_long next;
};

/* Makes and signs stamps [from, to): random serial, Ed25519 over the stamp message. The
 * serials' bytes come from ChaCha20 keyed with 32 bytes of the system's randomness
 * (randombytes_buf_deterministic), a key a block: a system call per stamp (getrandom,
 * ~1 us each on the benchmark's VM) was a tenth of issuing's time. */
static void stamps__sign_block(const struct sign_job *j, long from, long to)
{
    unsigned char seed[randombytes_SEEDBYTES], raw[SIGN_BLOCK][OCOP_SERIAL_BYTES];
    struct ocop_stamp_id id;
    char msg[128];
    size_t n;

    memset(&id, 0, sizeof(id));
    snprintf(id.gtin, sizeof(id.gtin), "%s", j->gtin ? j->gtin : "");
    snprintf(id.lot, sizeof(id.lot), "%s", j->lot);
    randombytes_buf(seed, sizeof(seed));
    randombytes_buf_deterministic(raw, sizeof(raw), seed);
    for (long i = from; i < to; i++) {
        ocop_serial_encode(j->serials[i], raw[i - from]);
        memcpy(id.serial, j->serials[i], sizeof(id.serial));
        n = ocop_stamp_message(msg, sizeof(msg), &id);
        crypto_sign_detached(j->sigs[i], NULL, (const unsigned char *)msg, n, j->key->sk);
    }
    sodium_memzero(seed, sizeof(seed));
    sodium_memzero(raw, sizeof(raw));
}

/* Signs blocks of the chunk until none is left. */
static void *stamps__sign(void *p)
{
    struct sign_chunk *c = p;
    long from;
    while ((from = atomic_fetch_add(&c->next, SIGN_BLOCK)) < c->count)
        stamps__sign_block(&c->job, from, from + SIGN_BLOCK < c->count ? from + SIGN_BLOCK
                                                                       : c->count);
    return NULL;
}

/* Starts signing count stamps into job's arrays on `threads` threads (with none started,
 * stamps__sign_wait signs them all). */
static void stamps__sign_start(struct sign_chunk *c, const struct sign_job *job, long count,
                               int threads)
{
    c->job = *job;
    c->count = count;
    atomic_store(&c->next, 0);
    c->threads = threads;
    c->started = 0;
    for (int i = 0; i < threads; i++)
        if (pthread_create(&c->t[i], NULL, stamps__sign, c) == 0)
            c->started |= 1 << i;
}

/* Signs what is left of the chunk here, then waits for the threads. */
static void stamps__sign_wait(struct sign_chunk *c)
{
    stamps__sign(c);
    for (int i = 0; i < c->threads; i++)
        if (c->started & (1 << i))
            pthread_join(c->t[i], NULL);
    c->started = 0;
}

static int stamps__check_issue(struct ocop_app *a, const struct ocop_issue_params *p,
                               struct ocop_batch_new *b, json_t **prod)
{
    json_t *cert;
    const char *status;
    char key[24];
    int rc;

    if (p->count < 1 || p->count > MAX_BATCH)
        return ocop_error_set_field(OCOP_EINVALID, "count", "a batch has 1 to %ld stamps", MAX_BATCH);
    if (!p->lot || ocop_lot_check(p->lot))
        return ocop_error_set_field(OCOP_EINVALID, "lot", "%s", p->lot ? ocop_error_message()
                                                                      : "a lot code is required");
    if (!p->production_date || ocop_date_parse(&b->production, p->production_date))
        return ocop_error_set_field(OCOP_EINVALID, "production_date",
                                    "production_date is a date YYYY-MM-DD");
    b->expiry = -1;
    if (p->expiry_date && (ocop_date_parse(&b->expiry, p->expiry_date) || b->expiry < b->production))
        return ocop_error_set_field(OCOP_EINVALID, "expiry_date",
                                    "expiry_date is a date YYYY-MM-DD after production");
    b->release = b->production;
    if (p->release_date && ocop_date_parse(&b->release, p->release_date))
        return ocop_error_set_field(OCOP_EINVALID, "release_date", "release_date is a date YYYY-MM-DD");
    if ((rc = ocop_app_may_change_product(a, p->product_id)) != 0)
        return rc == OCOP_ENOTFOUND
                   ? ocop_error_set_field(OCOP_EINVALID, "product_id", "no product has that id")
                   : rc;
    snprintf(key, sizeof(key), "%lld", (long long)p->product_id);
    if ((rc = ocop_app_get(prod, a, "products", key)) != 0)
        return rc;
    cert = json_object_get(*prod, "certificate");
    status = json_string_value(json_object_get(cert, "status"));
    if (!status)
        status = OCOP_WORD("missing");
    if (strcmp(status, "valid") != 0 && strcmp(status, "expiring") != 0)
        return ocop_error_set(OCOP_ECONFLICT,
                              "stamps are issued only for a product whose OCOP certificate is "
                              "valid (this one's is %s)%.0s",
                              status, ocop_word_vi(status));
    if (strcmp(json_string_value(json_object_get(*prod, "status")), "active") != 0)
        return ocop_error_set(OCOP_ECONFLICT, "the product is not active");
    b->product_id = p->product_id;
    b->certificate_id = json_integer_value(json_object_get(cert, "id"));
    b->lot = p->lot;
    b->gtin = json_string_value(json_object_get(*prod, "gtin"));
    b->count = p->count;
    return 0;
}

int ocop_app_stamps_issue(int64_t *batch_id, struct ocop_app *a, const struct ocop_issue_params *p,
                          ocop_progress_fn progress, void *arg)
{
    struct ocop_batch_new b = {0};
    struct ocop_signing_key key;
    struct sign_job job[2] = {{0}, {0}};
    struct sign_chunk signing = {0};
    json_t *prod = NULL, *after = NULL;
    long threads = sysconf(_SC_NPROCESSORS_ONLN), done = 0, n = 0, next;
    int rc, cur = 0;

    *batch_id = 0;
    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to issue stamps");
    if ((rc = stamps__check_issue(a, p, &b, &prod)) != 0 ||
        (rc = ocop_store_key_active(&key, a->st)) != 0)
        goto done;
    b.key_id = key.id;
    /* one core's worth is this thread: it stores a chunk, then signs with the others */
    threads = threads < 1 ? 0 : threads > 16 ? 15 : threads - 1;
    for (int k = 0; k < 2; k++) {
        job[k].key = &key;
        job[k].gtin = b.gtin;
        job[k].lot = b.lot;
        job[k].serials = malloc(sizeof(*job[k].serials) * CHUNK);
        job[k].sigs = malloc(sizeof(*job[k].sigs) * CHUNK);
        if (!job[k].serials || !job[k].sigs) {
            rc = ocop_error_set(OCOP_ERROR, "out of memory");
            goto done;
        }
    }
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    rc = ocop_store_batch_insert(batch_id, a->st, &b);
    /* a pipeline: while this thread stores one chunk, the other cores sign the next, and
     * it joins them when done (signing then storing a chunk at a time left a core idle
     * while storing) */
    if (rc == 0) {
        n = p->count < CHUNK ? p->count : CHUNK;
        stamps__sign_start(&signing, &job[cur], n, (int)threads);
        stamps__sign_wait(&signing);
    }
    while (rc == 0 && done < p->count) {
        next = p->count - done - n < CHUNK ? p->count - done - n : CHUNK;
        if (next > 0)
            stamps__sign_start(&signing, &job[!cur], next, (int)threads);
        for (long i = 0; i < n && rc == 0; i++)
            rc = ocop_store_stamp_insert(a->st, *batch_id, job[cur].serials[i], job[cur].sigs[i]);
        stamps__sign_wait(&signing);
        done += n;
        n = next;
        cur = !cur;
        if (progress)
            progress(arg, "stamps", done, p->count);
    }
    after = json_pack("{s:I, s:s, s:I, s:s}", "product_id", (json_int_t)p->product_id, "lot",
                      p->lot, "count", (json_int_t)p->count, "key", key.kid);
    if (rc == 0)
        rc = ocop_store_audit(a->st, &a->actor, "issue", "stamps", *batch_id, NULL, after);
    if (rc == 0)
        rc = ocop_store_commit(a->st);
    if (rc) {
        ocop_store_rollback(a->st);
        *batch_id = 0;
    }
done:
    stamps__sign_wait(&signing); /* none running by now; the key is wiped after them */
    sodium_memzero(&key, sizeof(key));
    for (int k = 0; k < 2; k++) {
        free(job[k].serials);
        free(job[k].sigs);
    }
    json_decref(after);
    json_decref(prod);
    return rc;
}

/* May the actor see or export this batch (its product's producer, office, admin)? */
static int stamps__batch_rights(struct ocop_app *a, json_t *batch)
{
    return ocop_app_may_change_product(a, json_integer_value(json_object_get(batch, "product_id")));
}

int ocop_app_batch_get(json_t **out, struct ocop_app *a, int64_t batch_id)
{
    int rc = ocop_store_batch_get(out, a->st, batch_id);
    if (rc == 0 && (rc = stamps__batch_rights(a, *out)) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int ocop_app_batch_list(json_t **out, struct ocop_app *a, int64_t product_id)
{
    json_t *items = NULL;
    int rc;
    if (product_id <= 0 && a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set_field(OCOP_EINVALID, "product", "name the product (?product=ID)");
    if (product_id > 0 && (rc = ocop_app_may_change_product(a, product_id)) != 0)
        return rc;
    if ((rc = ocop_store_batch_list(&items, a->st, product_id > 0 ? product_id : 0)) != 0)
        return rc;
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return 0;
}

/* The stamps an actor follows: its province's, ward's or own producer's (an
 * administrator's: all). The roles that follow no stamps are refused. */
static int stamps__scope(struct ocop_filter *f, const struct ocop_actor *u)
{
    struct ocop_scope s;
    memset(f, 0, sizeof(*f));
    if (u->role == OCOP_ROLE_COUNCIL || u->role == OCOP_ROLE_SALES || u->role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EFORBIDDEN, "stamps' scans are followed by the office, "
                                               "communes and producers");
    ocop_policy_scope_of(&s, u);
    f->province_code = s.province_code;
    f->ward_code = s.ward_code;
    f->producer_id = s.producer_id;
    return 0;
}

#define PLACES_POINTS 64 /* a listed stamp's newest located scans, for its places */
#define FAR_PAIRS 50      /* journeys shown on a stamp's page */

/* Where a listed stamp was scanned, from its newest located scans: "places": {"count"
 * (distinct places as the brief names tell them: a province, a zone, a seat's area,
 * abroad), "farthest": {"km", "places": [two place objects]} or null}. */
static int stamps__places(json_t *item, struct ocop_store *st)
{
    struct ocop_scan_point pts[PLACES_POINTS];
    struct ocop_place seen[PLACES_POINTS];
    json_t *places, *farthest = json_null();
    int n, count = 0, rc;
    size_t i, j;
    double km;

    if ((rc = ocop_store_scan_points(pts, PLACES_POINTS, &n, st,
                                     json_integer_value(json_object_get(item, "stamp_id")))) != 0)
        return rc;
    for (int k = 0; k < n; k++) {
        struct ocop_place p;
        int known = 0;
        ocop_app_place(&p, pts[k].lat, pts[k].lon);
        for (int q = 0; !known && q < count; q++)
            known = seen[q].kind == p.kind && seen[q].seat == p.seat && seen[q].zone == p.zone;
        if (!known && p.kind != OCOP_PLACE_NONE)
            seen[count++] = p;
    }
    if ((km = ocop_farthest_pair(pts, (size_t)n, &i, &j)) >= 0) {
        /* the earlier scan first */
        farthest = json_pack("{s:I, s:[o, o]}", "km", (json_int_t)llround(km), "places",
                             ocop_place_object(pts[j].lat, pts[j].lon),
                             ocop_place_object(pts[i].lat, pts[i].lon));
    }
    places = json_pack("{s:i, s:o*}", "count", count, "farthest", farthest);
    if (!places)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    json_object_set_new(item, "places", places);
    return 0;
}

int ocop_app_flagged_stamps(json_t **out, struct ocop_app *a, int days)
{
    json_t *item;
    size_t k;
    struct ocop_filter f;
    json_t *items = NULL;
    long long since;
    int rc;
    *out = NULL;
    if (days < 1 || days > 366)
        return ocop_error_set_field(OCOP_EINVALID, "days", "days is 1 to 366");
    if ((rc = stamps__scope(&f, &a->actor)) != 0)
        return rc;
    since = ocop_wall_ms() - (long long)days * 86400000LL;
    if ((rc = ocop_store_flagged_stamps(&items, a->st, &f, since, 200)) != 0)
        return rc;
    json_array_foreach(items, k, item)
    {
        if ((rc = stamps__places(item, a->st)) != 0) {
            json_decref(items);
            return rc;
        }
    }
    *out = json_pack("{s:I, s:i, s:o}", "since", (json_int_t)since, "days", days, "items", items);
    return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

/* Names each located scan's place ("place") and lists the journeys one pack cannot
 * make between consecutive located scans ("far_apart": [{"later", "earlier" (indices into
 * "scans", newest first), "km", "minutes"}], the newest first, at most FAR_PAIRS), under
 * the server's thresholds. */
static int stamps__journeys(json_t *v, struct ocop_app *a)
{
    json_t *scans = json_object_get(v, "scans"), *s, *list = json_array();
    struct ocop_far_apart pairs[FAR_PAIRS];
    struct ocop_scan_point *pts = calloc(json_array_size(scans) + 1, sizeof(*pts));
    struct ocop_clone_rules defaults;
    const struct ocop_clone_rules *r = a->clone_rules;
    size_t i, n;

    if (!pts || !list) {
        free(pts);
        json_decref(list);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    if (!r) {
        ocop_clone_defaults(&defaults);
        r = &defaults;
    }
    json_array_foreach(scans, i, s)
    {
        json_t *la = json_object_get(s, "lat"), *lo = json_object_get(s, "lon");
        int located = json_is_number(la) && json_is_number(lo);
        pts[i] = (struct ocop_scan_point){json_integer_value(json_object_get(s, "at")),
                                          located ? json_number_value(la) : NAN,
                                          located ? json_number_value(lo) : NAN};
        if (located)
            json_object_set_new(s, "place", ocop_place_object(pts[i].lat, pts[i].lon));
    }
    n = ocop_far_apart_pairs(r, pts, json_array_size(scans), pairs, FAR_PAIRS);
    for (i = 0; i < n && i < FAR_PAIRS; i++)
        json_array_append_new(list, json_pack("{s:I, s:I, s:I, s:I}", "later",
                                              (json_int_t)pairs[i].a, "earlier",
                                              (json_int_t)pairs[i].b, "km",
                                              (json_int_t)llround(pairs[i].km), "minutes",
                                              (json_int_t)(pairs[i].ms / 60000)));
    json_object_set_new(v, "far_apart", list);
    free(pts);
    return 0;
}

int ocop_app_stamp_scans(json_t **out, struct ocop_app *a, const char *serial)
{
    struct ocop_filter f;
    json_t *v = NULL;
    int rc;
    *out = NULL;
    if ((rc = stamps__scope(&f, &a->actor)) != 0)
        return rc;
    if (!serial || ocop_serial_check(serial) != 0)
        return ocop_error_set(OCOP_ENOTFOUND, "no stamp has that serial");
    if ((rc = ocop_store_stamp_scans(&v, a->st, serial, 500)) != 0)
        return rc;
    /* who may update the product follows its stamps (as ocop_app_batch_list) */
    if ((rc = ocop_app_may_change_product(
             a, json_integer_value(json_object_get(json_object_get(v, "product"), "id")))) != 0) {
        json_decref(v);
        return rc;
    }
    if ((rc = stamps__journeys(v, a)) != 0) {
        json_decref(v);
        return rc;
    }
    *out = v;
    return 0;
}

/* ----------------------------------------------------------------- exports */

#define QR_CHUNK 1024

/* A chunk of stamps whose QR codes are encoded on all cores before drawing in order. */
struct qr_chunk {
    char uri[QR_CHUNK][512];
    char serial[QR_CHUNK][OCOP_SERIAL_LEN + 1];
    struct ocop_qr *qr[QR_CHUNK];
    int rc[QR_CHUNK];
    int n;
};

struct qr_job {
    struct qr_chunk *c;
    int from, to;
};

static void *export__encode(void *p)
{
    struct qr_job *j = p;
    for (int i = j->from; i < j->to; i++)
        j->c->rc[i] = ocop_qr_new(&j->c->qr[i], j->c->uri[i], OCOP_QR_ECC_M);
    return NULL;
}

/* A chunk being encoded in the background, one thread per core. */
struct qr_pipe {
    struct qr_chunk *busy;   /* encoding now (NULL if none) */
    pthread_t t[16];
    struct qr_job jobs[16];
    unsigned started;
    int threads;
};

static void export__start(struct qr_pipe *p, struct qr_chunk *c)
{
    p->busy = c;
    p->started = 0;
    for (int i = 0; i < p->threads; i++) {
        p->jobs[i] = (struct qr_job){c, c->n * i / p->threads, c->n * (i + 1) / p->threads};
        if (pthread_create(&p->t[i], NULL, export__encode, &p->jobs[i]) == 0)
            p->started |= 1u << i;
        else
            export__encode(&p->jobs[i]);
    }
}

static struct qr_chunk *export__finish(struct qr_pipe *p)
{
    struct qr_chunk *c = p->busy;
    for (int i = 0; i < p->threads; i++)
        if (p->started & (1u << i))
            pthread_join(p->t[i], NULL);
    p->busy = NULL;
    return c;
}

/* Draws an encoded chunk on the sheet in order, and empties it. */
static int export__draw(struct ocop_stamp_sheet *sheet, struct qr_chunk *c, int rc)
{
    for (int i = 0; i < c->n; i++) {
        if (rc == 0)
            rc = c->rc[i] ? c->rc[i] : ocop_stamp_sheet_add_qr(sheet, c->qr[i], c->serial[i]);
        ocop_qr_free(c->qr[i]);
        c->qr[i] = NULL;
    }
    c->n = 0;
    return rc;
}

/*
 * A full chunk: start encoding it in the background and, meanwhile, draw the chunk
 * encoded before it, so the cores encode while the sheet is drawn. Returns the chunk
 * to fill next (the one just drawn).
 */
static struct qr_chunk *export__flush(struct qr_pipe *p, struct ocop_stamp_sheet *sheet,
                                      struct qr_chunk *full, struct qr_chunk *spare, int *rc)
{
    struct qr_chunk *done = p->busy ? export__finish(p) : NULL;
    export__start(p, full);
    if (done)
        *rc = export__draw(sheet, done, *rc);
    return done ? done : spare;
}

struct export_ctx {
    struct ocop_app *a;
    struct qr_chunk *chunk, *spare, *mem; /* mem: the two chunks' allocation */
    struct qr_pipe pipe;
    struct ocop_stamp_id id;
    const char *format, *path;
    FILE *uris;
    struct ocop_stamp_sheet *sheet;
    long done, total;
    ocop_progress_fn progress;
    void *arg;
};

static int export__file(const char *dir, const char *serial, const char *ext, struct ocop_buf *b)
{
    char path[4096];
    FILE *f;
    int ok;
    snprintf(path, sizeof(path), "%s/%s.%s", dir, serial, ext);
    if (!(f = fopen(path, "wb")))
        return ocop_error_set(OCOP_ERROR, "cannot write into the output folder");
    ok = fwrite(b->data, 1, b->len, f) == b->len;
    ok &= fclose(f) == 0;
    return ok ? 0 : ocop_error_set(OCOP_ERROR, "cannot write into the output folder");
}

static int export__one(void *p, const char *serial, const unsigned char sig[64])
{
    struct export_ctx *x = p;
    struct ocop_qr *qr = NULL;
    struct ocop_buf b;
    char uri[512];
    int rc = 0;

    memcpy(x->id.serial, serial, OCOP_SERIAL_LEN + 1);
    memcpy(x->id.sig, sig, OCOP_SIG_BYTES);
    if (ocop_stamp_uri(uri, sizeof(uri), x->a->public_url, &x->id) < 0)
        return ocop_error_set(OCOP_ERROR, "a stamp URI is too long");
    if (x->uris) {
        if (fprintf(x->uris, "%s\n", uri) < 0)
            rc = ocop_error_set(OCOP_ERROR, "cannot write the URI file");
    } else if (x->sheet) {
        struct qr_chunk *c = x->chunk;
        memcpy(c->uri[c->n], uri, strlen(uri) + 1);
        memcpy(c->serial[c->n], serial, OCOP_SERIAL_LEN + 1);
        if (++c->n == QR_CHUNK) {
            struct qr_chunk *next = export__flush(&x->pipe, x->sheet, c, x->spare, &rc);
            x->spare = next == x->spare ? NULL : x->spare;
            x->chunk = next;
        }
    } else {
        ocop_buf_init(&b, 1u << 20);
        if ((rc = ocop_qr_new(&qr, uri, OCOP_QR_ECC_M)) == 0)
            rc = strcmp(x->format, "svg") == 0 ? ocop_qr_svg(&b, qr, "30mm") : ocop_qr_png(&b, qr, 8);
        if (rc == 0)
            rc = export__file(x->path, serial, x->format, &b);
        ocop_qr_free(qr);
        ocop_buf_dispose(&b);
    }
    if (x->progress && (++x->done % 1000 == 0 || x->done == x->total))
        x->progress(x->arg, "export", x->done, x->total);
    return rc;
}

int ocop_app_batch_export(struct ocop_app *a, int64_t batch_id, const char *format,
                          const char *path, ocop_progress_fn progress, void *arg)
{
    static const char *const formats[] = {"uris", "svg", "png", "pdf", NULL};
    struct export_ctx x = {0};
    json_t *batch = NULL, *prod = NULL;
    char key[24];
    int rc;

    if (!format || ocop_enum_index(formats, format) < 0)
        return ocop_error_set_field(OCOP_EINVALID, "format", "format is uris, svg, png or pdf");
    if ((rc = ocop_app_batch_get(&batch, a, batch_id)) != 0)
        return rc;
    x.a = a;
    x.format = format;
    x.path = path;
    x.progress = progress;
    x.arg = arg;
    x.total = (long)json_integer_value(json_object_get(batch, "count"));
    snprintf(x.id.gtin, sizeof(x.id.gtin), "%s", json_is_string(json_object_get(batch, "gtin"))
                                                     ? json_string_value(json_object_get(batch, "gtin")) : "");
    snprintf(x.id.lot, sizeof(x.id.lot), "%s", json_string_value(json_object_get(batch, "lot")));
    snprintf(x.id.kid, sizeof(x.id.kid), "%s", json_string_value(json_object_get(batch, "key_id")));
    x.id.has_sig = 1;
    if (strcmp(format, "uris") == 0) {
        if (!(x.uris = fopen(path, "w")))
            rc = ocop_error_set(OCOP_ERROR, "cannot write %s", path);
    } else if (strcmp(format, "pdf") == 0) {
        snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(batch, "product_id")));
        if ((rc = ocop_app_get(&prod, a, "products", key)) == 0) {
            json_t *sn = json_object_get(prod, "short_name");
            rc = ocop_stamp_sheet_open(&x.sheet, path,
                                       json_is_string(sn) ? json_string_value(sn)
                                                          : json_string_value(json_object_get(prod, "name")),
                                       (int)json_integer_value(json_object_get(json_object_get(prod, "certificate"), "stars")));
        }
    } else if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        rc = ocop_error_set(OCOP_ERROR, "cannot create the folder %s", path);
    }
    if (rc == 0 && x.sheet) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        struct qr_chunk *mem = calloc(2, sizeof(*mem));
        x.pipe.threads = cores < 1 ? 1 : cores > 16 ? 16 : (int)cores;
        if (!mem)
            rc = ocop_error_set(OCOP_ERROR, "out of memory");
        x.mem = x.chunk = mem;
        x.spare = mem ? mem + 1 : NULL;
    }
    if (rc == 0)
        rc = ocop_store_batch_each(a->st, batch_id, export__one, &x);
    if (x.sheet && x.chunk) {
        /* the last partial chunk, after the one still encoding */
        struct qr_chunk *busy = x.pipe.busy ? export__finish(&x.pipe) : NULL;
        if (busy)
            rc = export__draw(x.sheet, busy, rc);
        if (x.chunk->n) {
            export__start(&x.pipe, x.chunk);
            rc = export__draw(x.sheet, export__finish(&x.pipe), rc);
        }
    }
    free(x.mem);
    if (x.uris && fclose(x.uris) != 0 && rc == 0)
        rc = ocop_error_set(OCOP_ERROR, "cannot write %s", path);
    if (x.sheet) {
        int crc = ocop_stamp_sheet_close(x.sheet);
        rc = rc ? rc : crc;
    }
    json_decref(batch);
    json_decref(prod);
    return rc;
}

/* -------------------------------------------------------------- revocation */

static int stamps__revoke(struct ocop_app *a, int64_t batch_id, const char *serial,
                          const char *reason)
{
    json_t *after = NULL;
    char *clean = NULL;
    int rc;

    if (!reason || ocop_text_clean(&clean, reason, strlen(reason), 1) || !*clean) {
        free(clean);
        return ocop_error_set_field(OCOP_EINVALID, "reason", "a revocation needs its reason");
    }
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    after = json_pack("{s:s, s:s?}", "reason", clean, "serial", serial);
    rc = serial ? ocop_store_stamp_revoke(a->st, serial, ocop_app_today(a), clean)
                : ocop_store_batch_revoke(a->st, batch_id, ocop_app_today(a), clean);
    if (rc == 0)
        rc = ocop_store_audit(a->st, &a->actor, "revoke", serial ? "stamp" : "batch", batch_id,
                              NULL, after);
    if (rc == 0)
        rc = ocop_store_commit(a->st);
    if (rc)
        ocop_store_rollback(a->st);
done:
    json_decref(after);
    free(clean);
    return rc;
}

int ocop_app_batch_revoke(json_t **out, struct ocop_app *a, int64_t batch_id, const char *reason)
{
    int rc;
    *out = NULL;
    if ((rc = ocop_app_batch_get(out, a, batch_id)) != 0)
        return rc;
    json_decref(*out);
    *out = NULL;
    if ((rc = stamps__revoke(a, batch_id, NULL, reason)) != 0)
        return rc;
    return ocop_store_batch_get(out, a->st, batch_id);
}

int ocop_app_stamp_revoke(json_t **out, struct ocop_app *a, const char *serial, const char *reason)
{
    struct ocop_stamp_row row;
    json_t *batch = NULL;
    int64_t batch_id;
    int rc;

    *out = NULL;
    if (!serial || ocop_serial_check(serial))
        return ocop_error_set(OCOP_ENOTFOUND, "no stamp has that serial");
    if ((rc = ocop_store_stamp_find(&row, a->st, serial)) != 0)
        return rc;
    batch_id = row.batch_id;
    if ((rc = ocop_app_batch_get(&batch, a, batch_id)) != 0)
        return rc;
    json_decref(batch);
    if ((rc = stamps__revoke(a, batch_id, serial, reason)) != 0)
        return rc;
    *out = json_pack("{s:s, s:s}", "serial", serial, "status", "revoked");
    return 0;
}

int ocop_app_scan_key(unsigned char key[32], struct ocop_store *st)
{
    unsigned char fresh[32];
    randombytes_buf(fresh, sizeof(fresh));
    return ocop_store_setting_secret(key, 32, st, "scan_client_key", fresh);
}

void ocop_app_scan_client_key(unsigned char out[16], const unsigned char key[32])
{
    _Static_assert(crypto_shorthash_KEYBYTES == 16 && crypto_kdf_KEYBYTES == 32, "sizes");
    crypto_kdf_derive_from_key(out, crypto_shorthash_KEYBYTES, 1, "ocopscan", key);
}

/* SipHash-2-4 rather than keyed BLAKE2b (before 2026-11-23): a pseudonym for a short
 * input needs a keyed PRF, not a collision-resistant hash, and this one costs ~25 ns
 * against ~450 (two BLAKE2b compressions) on every scan. */
void ocop_app_scan_client(char out[17], const unsigned char key[16], const char *addr,
                          const char *ua)
{
    enum { UA_MAX = 1024 };
    unsigned char in[64 + UA_MAX], h[crypto_shorthash_BYTES];
    size_t a = strnlen(addr, 63), u = ua ? strnlen(ua, UA_MAX) : 0;
    _Static_assert(crypto_shorthash_BYTES == 8, "16 hex digits");
    memcpy(in, addr, a);
    in[a++] = '\0';
    if (u)
        memcpy(in + a, ua, u);
    crypto_shorthash(h, in, a + u, key);
    sodium_bin2hex(out, 17, h, sizeof(h));
}
