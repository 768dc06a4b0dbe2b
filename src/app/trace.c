/*
 * trace.c (app): a product's trace events, its origin and history: recording one,
 * retracting one (the history is append-only: a wrong event is retracted with its reason,
 * never changed or deleted), and reading them (everyone's view without retracted events;
 * the office's with them, and who recorded what).
 */
#include "app/app.h"
#include "app/trace_internal.h"
#include "core/error.h"
#include "core/trace.h"
#include "store/trace.h"

#include <stdlib.h>
#include <string.h>

/* May the actor record and retract trace events of this product? Those who look after
 * it: its producer, its commune, the province's office (core/policy.c). OCOP_ENOTFOUND for
 * a product that does not exist. */
int ocop_app_may_trace(struct ocop_app *a, int64_t product_id)
{
    struct ocop_scope_data d;
    struct ocop_scope scope;
    int rc;
    if ((rc = ocop_policy_role_may(&a->actor, "trace event", OCOP_ACT_CREATE)) != 0 ||
        (rc = ocop_store_scope(&d, a->st, &ocop_entity_product, product_id)) != 0)
        return rc;
    scope = (struct ocop_scope){d.province_code, d.ward_code, d.producer_id};
    return ocop_policy_check(&a->actor, "trace event", OCOP_ACT_CREATE, &scope);
}

/* The product, then the ward and the lot, against the store: each one at fault gathered.
 * The actor's rights on the product are checked as soon as it is known (403 before any
 * more of the input is judged). */
static int trace__exists(struct ocop_app *a, struct ocop_trace_input *in)
{
    char province[3];
    int64_t owner = 0;
    int rc;

    if (in->product_id && (rc = ocop_app_may_trace(a, in->product_id)) != 0) {
        if (rc != OCOP_ENOTFOUND)
            return rc;
        ocop_error_set_field(OCOP_EINVALID, "product_id", "no product has that id");
        ocop_error_gather();
        in->product_id = 0;
    }
    if (in->ward_code && (rc = ocop_store_ward_province(a->st, in->ward_code, province)) != 0) {
        if (rc != OCOP_ENOTFOUND)
            return rc;
        ocop_error_set_field(OCOP_EINVALID, "ward_code", "no ward or commune has that code");
        ocop_error_gather();
    }
    if (!in->product_id)
        return 0; /* a lot is only judged against a product known to exist */
    if (in->batch_id && ((rc = ocop_store_batch_product(&owner, a->st, in->batch_id)) != 0 ||
                         owner != in->product_id)) {
        if (rc && rc != OCOP_ENOTFOUND)
            return rc;
        ocop_error_set_field(OCOP_EINVALID, "batch_id",
                             "batch_id is not a stamp batch of this product");
        ocop_error_gather();
    }
    if (in->lot &&
        (rc = ocop_store_trace_lot_batch(&in->batch_id, a->st, in->product_id, in->lot)) != 0) {
        if (rc != OCOP_ENOTFOUND)
            return rc;
        ocop_error_set_field(OCOP_EINVALID, "lot", "this product has no stamp batch of that lot");
        ocop_error_gather();
    }
    return 0;
}

/* Inserts the event and its audit row, inside the caller's transaction; *out: the event. */
static int trace__insert(json_t **out, struct ocop_app *a, const struct ocop_trace_input *in)
{
    struct ocop_trace_row row = {in->product_id, in->batch_id, in->at.text,
                                 in->at.order,   in->kind,     in->description,
                                 in->ward_code,  in->place,    a->actor.user_id};
    int64_t id = 0;
    int rc;

    if ((rc = ocop_store_trace_insert(&id, a->st, &row)) == 0 &&
        (rc = ocop_store_trace_get(out, a->st, id)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, "create", "trace_event", id, NULL, *out)) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int app__trace_add(json_t **out, struct ocop_app *a, json_t *body)
{
    struct ocop_trace_input in;
    int rc;

    *out = NULL;
    memset(&in, 0, sizeof(in));
    /* rights first: a role that records nothing learns nothing from validation */
    if ((rc = ocop_policy_role_may(&a->actor, "trace event", OCOP_ACT_CREATE)) != 0)
        return rc;
    ocop_error_gather_start();
    if ((rc = ocop_trace_check(&in, body, (long long)a->now)) >= 0 &&
        (rc = trace__exists(a, &in)) == 0 && (rc = ocop_error_gather_finish()) == 0)
        rc = trace__insert(out, a, &in);
    ocop_trace_input_dispose(&in);
    return rc;
}

/* Ends the transaction an app__trace_* call ran in (rc its result): committed, or rolled
 * back so nothing of it is written. */
static int trace__in_tx(struct ocop_app *a, int rc)
{
    if (rc == 0 && (rc = ocop_store_commit(a->st)) == 0)
        return 0;
    ocop_store_rollback(a->st);
    return rc;
}

int ocop_app_trace_add(json_t **out, struct ocop_app *a, json_t *body)
{
    int rc;
    *out = NULL;
    if ((rc = ocop_policy_role_may(&a->actor, "trace event", OCOP_ACT_CREATE)) != 0 ||
        (rc = ocop_store_begin(a->st)) != 0)
        return rc;
    if ((rc = trace__in_tx(a, app__trace_add(out, a, body))) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int ocop_app_trace_get(json_t **out, struct ocop_app *a, int64_t id)
{
    int rc;
    *out = NULL;
    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to make changes");
    if ((rc = ocop_store_trace_get(out, a->st, id)) != 0)
        return rc;
    if ((rc = ocop_app_may_trace(a, json_integer_value(json_object_get(*out, "product_id")))) !=
        0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int app__trace_retract(json_t **out, struct ocop_app *a, int64_t id, const char *reason)
{
    json_t *before = NULL;
    char *clean = NULL;
    int rc;

    *out = NULL;
    if ((rc = ocop_policy_role_may(&a->actor, "trace event", OCOP_ACT_RETRACT)) != 0 ||
        (rc = ocop_app_trace_get(&before, a, id)) != 0 || (rc = ocop_trace_reason(&clean, reason)))
        goto done;
    if (!json_is_null(json_object_get(before, "retracted_at"))) {
        rc = ocop_error_set(OCOP_ECONFLICT, "this trace event was retracted already");
        goto done;
    }
    if ((rc = ocop_store_trace_retract(a->st, id, a->actor.user_id, clean)) == 0 &&
        (rc = ocop_store_trace_get(out, a->st, id)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, "retract", "trace_event", id, before, *out)) !=
            0) {
        json_decref(*out);
        *out = NULL;
    }
done:
    json_decref(before);
    free(clean);
    return rc;
}

int ocop_app_trace_retract(json_t **out, struct ocop_app *a, int64_t id, const char *reason)
{
    int rc;
    *out = NULL;
    if ((rc = ocop_policy_role_may(&a->actor, "trace event", OCOP_ACT_RETRACT)) != 0 ||
        (rc = ocop_store_begin(a->st)) != 0)
        return rc;
    if ((rc = trace__in_tx(a, app__trace_retract(out, a, id, reason))) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

/* {product_id, items, total} */
static int trace__answer(json_t **out, int64_t product_id, json_t *items)
{
    *out = json_pack("{s:I, s:o, s:I}", "product_id", (json_int_t)product_id, "items", items,
                     "total", (json_int_t)json_array_size(items));
    return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

int ocop_app_trace_list(json_t **out, struct ocop_app *a, int64_t product_id)
{
    json_t *items = NULL;
    int rc;
    *out = NULL;
    if ((rc = ocop_app_may_trace(a, product_id)) != 0 ||
        (rc = ocop_store_trace_list(&items, a->st, product_id, 1, NULL)) != 0)
        return rc;
    return trace__answer(out, product_id, items);
}

int ocop_app_trace_public(json_t **out, struct ocop_app *a, int64_t product_id, const char *lot)
{
    struct ocop_scope_data d;
    json_t *items = NULL;
    int rc;
    *out = NULL;
    if ((rc = ocop_store_scope(&d, a->st, &ocop_entity_product, product_id)) != 0 ||
        (rc = ocop_store_trace_list(&items, a->st, product_id, 0, lot)) != 0)
        return rc;
    return trace__answer(out, product_id, items);
}

int ocop_app_trace_product(json_t **out, struct ocop_app *a, int64_t product_id)
{
    json_t *items = NULL;
    int lots = 0, rc;
    *out = NULL;
    /* batch 0: no lot's events, the product-wide ones alone */
    if ((rc = ocop_store_trace_events(&items, a->st, product_id, 0)) != 0 ||
        (rc = ocop_store_trace_has_lot_events(&lots, a->st, product_id)) != 0) {
        json_decref(items);
        return rc;
    }
    if ((rc = trace__answer(out, product_id, items)) != 0) /* it takes items */
        return rc;
    if (json_object_set_new(*out, "lot_events", json_boolean(lots)) != 0) {
        json_decref(*out);
        *out = NULL;
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    return 0;
}
