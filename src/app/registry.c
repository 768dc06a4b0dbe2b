/* registry.c (app): list, read, create, update and delete registry records. */
#include "app/app.h"
#include "core/error.h"
#include "store/stats.h"

#include <stdio.h>
#include <string.h>

static const struct ocop_entity *const writable[] = {
    &ocop_entity_producer, &ocop_entity_village, &ocop_entity_product, &ocop_entity_zone};

const struct ocop_entity *ocop_app_entity(const char *plural)
{
    for (size_t i = 0; i < sizeof(writable) / sizeof(writable[0]); i++)
        if (strcmp(writable[i]->plural, plural) == 0)
            return writable[i];
    return NULL;
}

int ocop_app_list(json_t **out, struct ocop_app *a, const char *kind, struct ocop_filter *f)
{
    char prov[3];
    f->today = ocop_app_today(a);
    if (f->province_code && ocop_store_province_exists(a->st, f->province_code) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "province", "no province has that code");
    if (f->ward_code && ocop_store_ward_province(a->st, f->ward_code, prov) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "ward", "no ward or commune has that code");
    return ocop_store_list(out, a->st, kind, f);
}

int ocop_app_get(json_t **out, struct ocop_app *a, const char *kind, const char *key)
{
    return ocop_store_get(out, a->st, kind, key, ocop_app_today(a));
}

int ocop_app_product_ids(int64_t **ids, size_t *n, struct ocop_app *a)
{
    return ocop_store_product_ids(ids, n, a->st);
}

static int registry__get_id(json_t **out, struct ocop_app *a, const struct ocop_entity *e,
                            int64_t id)
{
    char key[24];
    snprintf(key, sizeof(key), "%lld", (long long)id);
    return ocop_store_get(out, a->st, e->plural, key, ocop_app_today(a));
}

static int registry__allowed(struct ocop_app *a, const struct ocop_entity *e,
                             enum ocop_action act, const struct ocop_scope_data *d)
{
    struct ocop_scope scope = {d->province_code, d->ward_code, d->producer_id};
    return ocop_policy_check(&a->actor, e->name, act, &scope);
}

/* The store's existence check, as validation asks it. */
static int registry__exists(void *st, const struct ocop_field *f, json_t *v)
{
    return ocop_store_field_exists(st, f, v);
}

int ocop_app_create(json_t **out, struct ocop_app *a, const struct ocop_entity *e, json_t *body)
{
    json_t *clean = NULL;
    struct ocop_scope_data scope;
    int64_t id = 0;
    int rc;

    *out = NULL;
    /* rights first: a caller without them learns nothing from validation messages */
    if ((rc = ocop_policy_role_may(&a->actor, e->name, OCOP_ACT_CREATE)) != 0)
        return rc;
    if ((rc = ocop_entity_validate_with(&clean, e, body, 0, registry__exists, a->st)) != 0)
        return rc;
    if ((rc = ocop_store_scope_of(&scope, a->st, e, clean)) != 0)
        goto done;
    if (strcmp(e->name, "producer") == 0)
        scope.producer_id = -1; /* a producer record that does not exist yet is nobody's own */
    if ((rc = registry__allowed(a, e, OCOP_ACT_CREATE, &scope)) != 0)
        goto done;
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    if ((rc = ocop_store_insert(&id, a->st, e, clean)) == 0 &&
        (rc = registry__get_id(out, a, e, id)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, "create", e->name, id, NULL, *out)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc) {
        ocop_store_rollback(a->st);
        json_decref(*out);
        *out = NULL;
    }
done:
    json_decref(clean);
    return rc;
}

int ocop_app_update(json_t **out, struct ocop_app *a, const struct ocop_entity *e, int64_t id,
                    json_t *body)
{
    json_t *clean = NULL, *before = NULL;
    struct ocop_scope_data old_scope, new_scope;
    int rc;

    *out = NULL;
    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to make changes");
    if ((rc = ocop_store_scope(&old_scope, a->st, e, id)) != 0)
        return rc;
    if ((rc = registry__allowed(a, e, OCOP_ACT_UPDATE, &old_scope)) != 0)
        return rc;
    if ((rc = ocop_entity_validate_with(&clean, e, body, 1, registry__exists, a->st)) != 0)
        return rc;
    /* moving a record (new ward or producer) must land inside the actor's scope too */
    if ((rc = ocop_store_scope_of(&new_scope, a->st, e, clean)) != 0)
        goto done;
    if (!new_scope.ward_code[0])
        memcpy(&new_scope.ward_code, old_scope.ward_code, sizeof(new_scope.ward_code)),
            memcpy(&new_scope.province_code, old_scope.province_code,
                   sizeof(new_scope.province_code));
    if (!new_scope.producer_id)
        new_scope.producer_id = old_scope.producer_id;
    if ((rc = registry__allowed(a, e, OCOP_ACT_UPDATE, &new_scope)) != 0)
        goto done;
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    if ((rc = registry__get_id(&before, a, e, id)) == 0 &&
        (rc = ocop_store_update(a->st, e, id, clean)) == 0 &&
        (rc = registry__get_id(out, a, e, id)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, "update", e->name, id, before, *out)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc) {
        ocop_store_rollback(a->st);
        json_decref(*out);
        *out = NULL;
    }
done:
    json_decref(before);
    json_decref(clean);
    return rc;
}

int ocop_app_delete(struct ocop_app *a, const struct ocop_entity *e, int64_t id)
{
    json_t *before = NULL;
    struct ocop_scope_data scope;
    int rc;

    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to make changes");
    if ((rc = ocop_store_scope(&scope, a->st, e, id)) != 0)
        return rc;
    if ((rc = registry__allowed(a, e, OCOP_ACT_DELETE, &scope)) != 0)
        return rc;
    if ((rc = ocop_store_begin(a->st)) != 0)
        return rc;
    if ((rc = registry__get_id(&before, a, e, id)) == 0 &&
        (rc = ocop_store_delete(a->st, e, id)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, "delete", e->name, id, before, NULL)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc)
        ocop_store_rollback(a->st);
    json_decref(before);
    return rc;
}

int ocop_app_audit(json_t **out, struct ocop_app *a, const char *entity, int64_t id)
{
    if (a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_OFFICE &&
        a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(a->actor.role == OCOP_ROLE_NONE ? OCOP_EUNAUTH : OCOP_EFORBIDDEN,
                              "the audit log is for the coordination office");
    return ocop_store_audit_list(out, a->st, entity, id, 200);
}

int ocop_app_may_change_product(struct ocop_app *a, int64_t product_id)
{
    struct ocop_scope_data scope;
    int rc = ocop_store_scope(&scope, a->st, &ocop_entity_product, product_id);
    return rc ? rc : registry__allowed(a, &ocop_entity_product, OCOP_ACT_UPDATE, &scope);
}
