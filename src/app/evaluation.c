/* evaluation.c (app): rules as data, and the dossier from opening to pre-check. */
#include "app/app.h"
#include "app/eval_internal.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/workflow.h"
#include "store/evaluation.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DOCUMENT (10u << 20)

static int eval__load_ruleset(json_t **summary, struct ocop_app *a, json_t *doc, const char *text)
{
    struct ocop_ruleset r;
    int64_t id;
    int changed, rc;
    if ((rc = ocop_ruleset_parse(&r, doc)) != 0)
        return rc;
    if ((rc = ocop_store_ruleset_save(&id, &changed, a->st, r.id, r.effective_from, text)) != 0)
        return rc;
    *summary = json_pack("{s:s, s:s, s:I, s:b}", "kind", "ruleset", "ruleset", r.id, "id",
                         (json_int_t)id, "changed", changed);
    return 0;
}

/* No group may belong to two current sets of one ruleset (a new version replaces its own). */
static int eval__groups_free(struct ocop_app *a, const struct ocop_criteria_set *cs, json_t *groups)
{
    size_t i;
    json_t *g;
    json_array_foreach(groups, i, g)
    {
        char *owner = NULL;
        int taken = ocop_store_criteria_group_owner(&owner, a->st, cs->ruleset,
                                                    json_string_value(g)) == 0 &&
                    strcmp(owner, cs->code) != 0;
        free(owner);
        if (taken)
            return ocop_error_set(OCOP_EINVALID, "group %s already belongs to another criteria set "
                                  "of ruleset %s", json_string_value(g), cs->ruleset);
    }
    return 0;
}

static int eval__load_set(json_t **summary, struct ocop_app *a, json_t *doc, const char *text)
{
    struct ocop_ruleset r;
    struct ocop_criteria_set *cs = NULL;
    json_t *rdoc = NULL, *official = json_object_get(doc, "official");
    const char *rcode = json_string_value(json_object_get(doc, "ruleset"));
    char *rtext = NULL;
    int64_t id;
    int version, changed, rc;

    if (!rcode || ocop_store_ruleset_doc(&rtext, a->st, rcode) != 0)
        return ocop_error_set(OCOP_EINVALID, "the set's ruleset is not loaded: load its ruleset "
                              "file first");
    rdoc = json_loads(rtext, 0, NULL);
    if ((rc = ocop_ruleset_parse(&r, rdoc)) == 0 && (rc = ocop_criteria_parse(&cs, doc, &r)) == 0)
        rc = eval__groups_free(a, cs, json_object_get(doc, "groups"));
    if (rc == 0)
        rc = ocop_store_criteria_save(&id, &version, &changed, a->st, cs->code, r.id, cs->sector,
                                      json_string_value(json_object_get(doc, "name")),
                                      json_is_true(official), json_object_get(doc, "groups"), text);
    if (rc == 0)
        *summary = json_pack("{s:s, s:s, s:s, s:I, s:i, s:i, s:b}", "kind", "criteria_set", "code",
                             cs->code, "ruleset", r.id, "id", (json_int_t)id, "version", version,
                             "criteria", cs->ncriteria, "changed", changed);
    ocop_criteria_free(cs);
    json_decref(rdoc);
    free(rtext);
    return rc;
}

int ocop_app_criteria_load(json_t **summary, struct ocop_app *a, const char *json, size_t len)
{
    json_error_t err;
    json_t *doc;
    const char *format;
    char *text = NULL;
    int rc;

    *summary = NULL;
    if (a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(OCOP_EFORBIDDEN, "only an administrator loads rules");
    if (!(doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err)))
        return ocop_error_set(OCOP_EMALFORMED, "not valid JSON at line %d, column %d: %s",
                              err.line, err.column, err.text);
    format = json_string_value(json_object_get(doc, "format"));
    text = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    if (format && strcmp(format, "ocop-ruleset/1") == 0)
        rc = eval__load_ruleset(summary, a, doc, text);
    else if (format && strcmp(format, "ocop-criteria/1") == 0)
        rc = eval__load_set(summary, a, doc, text);
    else
        rc = ocop_error_set(OCOP_EINVALID, "format must be ocop-ruleset/1 or ocop-criteria/1");
    if (rc == 0 && json_is_true(json_object_get(*summary, "changed")))
        rc = ocop_store_audit(a->st, &a->actor, "load", "rules", 0, NULL, *summary);
    if (rc == 0)
        rc = ocop_store_commit(a->st);
    if (rc) {
        ocop_store_rollback(a->st);
        json_decref(*summary);
        *summary = NULL;
    }
done:
    free(text);
    json_decref(doc);
    return rc;
}

int ocop_app_criteria_list(json_t **out, struct ocop_app *a)
{
    json_t *items = NULL;
    int rc = ocop_store_criteria_list(&items, a->st);
    if (rc == 0)
        *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return rc;
}

int ocop_app_criteria_get(json_t **out, struct ocop_app *a, int64_t id)
{
    return ocop_store_criteria_get(out, a->st, id);
}

/* ------------------------------------------------------------------ rights */

int app__dossier_readable(struct ocop_app *a, const struct ocop_dossier_row *d)
{
    const struct ocop_actor *u = &a->actor;
    switch (u->role) {
    case OCOP_ROLE_ADMIN:
    case OCOP_ROLE_SYSTEM:
        return 0;
    case OCOP_ROLE_OFFICE:
        if (strcmp(u->province_code, d->scope.province_code) == 0)
            return 0;
        break;
    case OCOP_ROLE_COMMUNE:
        if (strcmp(u->ward_code, d->scope.ward_code) == 0)
            return 0;
        break;
    case OCOP_ROLE_PRODUCER:
        if (u->producer_id == d->scope.producer_id)
            return 0;
        break;
    case OCOP_ROLE_COUNCIL:
        if (d->session_id && ocop_store_session_member(a->st, d->session_id, u->user_id) == 0)
            return 0;
        break;
    case OCOP_ROLE_NONE:
        return ocop_error_set(OCOP_EUNAUTH, "sign in to see dossiers");
    default:
        break;
    }
    return ocop_error_set(OCOP_EFORBIDDEN, "this dossier is outside your scope");
}

/* May the actor take a workflow action on this dossier (role, state and scope)? */
int app__dossier_may(struct ocop_app *a, const struct ocop_dossier_row *d,
                     enum ocop_dossier_action act)
{
    enum ocop_dossier_state state;
    const struct ocop_actor *u = &a->actor;
    int rc;

    if (ocop_dossier_state_parse(&state, d->state))
        return ocop_error_set(OCOP_ERROR, "a dossier has an unknown state");
    /* scope first: someone outside it learns nothing of the dossier's state */
    if (act == OCOP_DA_SCORE) {
        if (u->role == OCOP_ROLE_NONE)
            return ocop_error_set(OCOP_EUNAUTH, "sign in to score");
        if (!d->session_id || ocop_store_session_member(a->st, d->session_id, u->user_id) != 0)
            return ocop_error_set(OCOP_EFORBIDDEN, "only members of this dossier's council score it");
    } else if (u->role == OCOP_ROLE_COUNCIL) {
        if (!d->session_id || ocop_store_session_member(a->st, d->session_id, u->user_id) != 0)
            return ocop_error_set(OCOP_EFORBIDDEN, "you do not sit on this dossier's council");
    } else if ((rc = app__dossier_readable(a, d)) != 0) {
        return rc;
    }
    if ((rc = ocop_dossier_may(state, act, u->role == OCOP_ROLE_ADMIN && act == OCOP_DA_SCORE
                                                ? OCOP_ROLE_COUNCIL : u->role)) != 0)
        return rc;
    return 0;
}

/* Moves a dossier and audits it, inside the caller's transaction. */
int app__dossier_move(struct ocop_app *a, const struct ocop_dossier_row *d, const char *to,
                      const char *action, const char *note)
{
    json_t *after = json_pack("{s:s, s:s, s:s, s:s?}", "action", action, "from", d->state, "to", to,
                              "note", note);
    int rc = ocop_store_dossier_move(a->st, d->id, d->state, to, &a->actor, action, note);
    if (rc == 0)
        rc = ocop_store_audit(a->st, &a->actor, action, "dossier", d->id, NULL, after);
    json_decref(after);
    return rc;
}

/* Runs `fn` in one transaction and answers the dossier as it is afterwards. */
int app__in_tx(json_t **out, struct ocop_app *a, int64_t dossier_id,
               int (*fn)(struct ocop_app *, void *), void *arg)
{
    int rc;
    if (out)
        *out = NULL;
    if ((rc = ocop_store_begin(a->st)) != 0)
        return rc;
    if ((rc = fn(a, arg)) == 0 && (rc = ocop_store_commit(a->st)) == 0 && out)
        rc = ocop_store_dossier_get(out, a->st, dossier_id);
    if (rc)
        ocop_store_rollback(a->st);
    return rc;
}

/* ----------------------------------------------------------------- opening */

static int open__check(struct ocop_app *a, int64_t product_id, const char *kind, int target,
                       struct ocop_scope_data *scope)
{
    json_t *prod = NULL, *cert;
    char key[24];
    int stars, rc;

    snprintf(key, sizeof(key), "%lld", (long long)product_id);
    if ((rc = ocop_store_scope(scope, a->st, &ocop_entity_product, product_id)) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "product_id", "no product has that id");
    if ((rc = ocop_app_get(&prod, a, "products", key)) != 0)
        return rc;
    cert = json_object_get(prod, "certificate");
    stars = json_is_object(cert) ? (int)json_integer_value(json_object_get(cert, "stars")) : 0;
    if (json_is_object(cert) && strcmp(json_string_value(json_object_get(cert, "status")), "revoked") == 0)
        stars = 0;
    if (strcmp(kind, "upgrade") == 0 && (!stars || target <= stars))
        rc = ocop_error_set_field(OCOP_ECONFLICT, "target_stars", "an upgrade needs a current "
                                  "certificate below the target stars");
    else if (strcmp(kind, "renewal") == 0 && !json_is_object(cert))
        rc = ocop_error_set_field(OCOP_ECONFLICT, "kind", "a renewal needs an earlier certificate");
    json_decref(prod);
    return rc;
}

static int open__busy(struct ocop_app *a, int64_t product_id)
{
    struct ocop_dossier_filter f = {0};
    json_t *list = NULL;
    size_t i;
    json_t *d;
    int busy = 0, rc;

    f.product_id = product_id;
    f.per_page = 200;
    if ((rc = ocop_store_dossier_list(&list, a->st, &f)) != 0)
        return rc;
    json_array_foreach(json_object_get(list, "items"), i, d)
    {
        const char *s = json_string_value(json_object_get(d, "state"));
        busy |= strcmp(s, "recognised") != 0 && strcmp(s, "not_recognised") != 0 &&
                strcmp(s, "withdrawn") != 0;
    }
    json_decref(list);
    return busy ? ocop_error_set(OCOP_ECONFLICT, "this product already has a dossier in progress")
                : 0;
}

static const char *const open_fields[] = {"product_id", "kind", "target_stars",
                                          "criteria_set_id", "self_assessment", NULL};
static const char *const kinds[] = {"new", "renewal", "upgrade", NULL};

struct open_args {
    int64_t product_id, set_id, id;
    const char *kind;
    int target;
    char *self;
};

static int open__tx(struct ocop_app *a, void *p)
{
    struct open_args *o = p;
    struct ocop_dossier_row d;
    int rc;
    if ((rc = open__busy(a, o->product_id)) != 0 ||
        (rc = ocop_store_dossier_insert(&o->id, a->st, o->product_id, o->set_id, o->kind,
                                        o->target, o->self)) != 0 ||
        (rc = ocop_store_dossier_row(&d, a->st, o->id)) != 0)
        return rc;
    return app__dossier_move(a, &d, "draft", "open", NULL);
}

int ocop_app_dossier_open(json_t **out, struct ocop_app *a, json_t *body)
{
    struct open_args o = {0};
    struct ocop_scope_data scope;
    json_t *v;
    const char *key;
    int rc;

    *out = NULL;
    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to open a dossier");
    if (!json_is_object(body))
        return ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
    json_object_foreach(body, key, v) if (ocop_enum_index(open_fields, key) < 0)
        return ocop_error_set_field(OCOP_EINVALID, key, "unknown field for a dossier");
    v = json_object_get(body, "product_id");
    if (!json_is_integer(v) || json_integer_value(v) < 1)
        return ocop_error_set_field(OCOP_EINVALID, "product_id", "product_id is required");
    o.product_id = json_integer_value(v);
    o.kind = json_string_value(json_object_get(body, "kind"));
    if (!o.kind)
        o.kind = "new";
    if (ocop_enum_index(kinds, o.kind) < 0)
        return ocop_error_set_field(OCOP_EINVALID, "kind", "kind must be new, renewal or upgrade");
    v = json_object_get(body, "target_stars");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 3 || json_integer_value(v) > 5))
        return ocop_error_set_field(OCOP_EINVALID, "target_stars", "target_stars must be 3 to 5");
    o.target = v ? (int)json_integer_value(v) : 0;
    if (strcmp(o.kind, "upgrade") == 0 && !o.target)
        return ocop_error_set_field(OCOP_EINVALID, "target_stars", "an upgrade names its target stars");
    v = json_object_get(body, "self_assessment");
    if (v && !json_is_object(v))
        return ocop_error_set_field(OCOP_EINVALID, "self_assessment",
                                    "self_assessment maps criterion codes to option indexes");
    if ((rc = open__check(a, o.product_id, o.kind, o.target, &scope)) != 0 ||
        (rc = ocop_app_may_change_product(a, o.product_id)) != 0)
        return rc;
    v = json_object_get(body, "criteria_set_id");
    if (v && (!json_is_integer(v) || json_integer_value(v) < 1))
        return ocop_error_set_field(OCOP_EINVALID, "criteria_set_id", "criteria_set_id is an id");
    if (v) {
        json_t *set = NULL, *prod = NULL, *g;
        char key2[24];
        size_t gi;
        int covers = 0;
        o.set_id = json_integer_value(v);
        snprintf(key2, sizeof(key2), "%lld", (long long)o.product_id);
        if (ocop_store_criteria_get(&set, a->st, o.set_id) != 0)
            return ocop_error_set_field(OCOP_EINVALID, "criteria_set_id", "no criteria set has that id");
        if ((rc = ocop_app_get(&prod, a, "products", key2)) == 0)
            json_array_foreach(json_object_get(set, "groups"), gi, g)
                covers |= json_is_string(g) && strcmp(json_string_value(g),
                                                      json_string_value(json_object_get(prod, "group"))) == 0;
        json_decref(set);
        json_decref(prod);
        if (rc)
            return rc;
        if (!covers)
            return ocop_error_set_field(OCOP_EINVALID, "criteria_set_id",
                                        "that criteria set is not for this product's group");
    } else {
        json_t *prod = NULL;
        char key2[24];
        snprintf(key2, sizeof(key2), "%lld", (long long)o.product_id);
        if ((rc = ocop_app_get(&prod, a, "products", key2)) != 0)
            return rc;
        rc = ocop_store_criteria_for_group(&o.set_id, a->st,
                                           json_string_value(json_object_get(prod, "group")));
        json_decref(prod);
        if (rc)
            return rc;
    }
    v = json_object_get(body, "self_assessment");
    o.self = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    rc = app__in_tx(NULL, a, 0, open__tx, &o);
    if (rc == 0)
        rc = ocop_store_dossier_get(out, a->st, o.id);
    free(o.self);
    return rc;
}

int ocop_app_dossier_get(json_t **out, struct ocop_app *a, int64_t id)
{
    struct ocop_dossier_row d;
    int rc;
    *out = NULL;
    if ((rc = ocop_store_dossier_row(&d, a->st, id)) != 0 || (rc = app__dossier_readable(a, &d)) != 0)
        return rc;
    return ocop_store_dossier_get(out, a->st, id);
}

int ocop_app_dossier_list(json_t **out, struct ocop_app *a, struct ocop_dossier_filter *f)
{
    const struct ocop_actor *u = &a->actor;
    switch (u->role) {
    case OCOP_ROLE_ADMIN:
    case OCOP_ROLE_SYSTEM:
        break;
    case OCOP_ROLE_OFFICE:
        f->province_code = u->province_code;
        break;
    case OCOP_ROLE_COMMUNE:
        f->ward_code = u->ward_code;
        break;
    case OCOP_ROLE_PRODUCER:
        f->producer_id = u->producer_id;
        break;
    case OCOP_ROLE_COUNCIL:
        f->member_id = u->user_id;
        break;
    case OCOP_ROLE_NONE:
        return ocop_error_set(OCOP_EUNAUTH, "sign in to see dossiers");
    default:
        return ocop_error_set(OCOP_EFORBIDDEN, "the %s role has no dossiers%.0s",
                              ocop_role_name(u->role), ocop_word_vi(ocop_role_name(u->role)));
    }
    return ocop_store_dossier_list(out, a->st, f);
}

struct act_args {
    struct ocop_dossier_row d;
    const char *to, *action, *note;
};

static int act__tx(struct ocop_app *a, void *p)
{
    struct act_args *x = p;
    return app__dossier_move(a, &x->d, x->to, x->action, x->note);
}

int ocop_app_dossier_act(json_t **out, struct ocop_app *a, int64_t id, int action,
                         const char *note)
{
    struct act_args x = {0};
    int rc;

    *out = NULL;
    if ((rc = ocop_store_dossier_row(&x.d, a->st, id)) != 0 ||
        (rc = app__dossier_may(a, &x.d, (enum ocop_dossier_action)action)) != 0)
        return rc;
    switch (action) {
    case OCOP_DA_SUBMIT: x.to = "submitted"; break;
    case OCOP_DA_ACCEPT: x.to = "accepted"; break;
    case OCOP_DA_WITHDRAW: x.to = "withdrawn"; break;
    case OCOP_DA_RETURN:
        x.to = "returned";
        break;
    default:
        return ocop_error_set(OCOP_EINVALID, "not a simple dossier action");
    }
    x.action = ocop_dossier_action_name((enum ocop_dossier_action)action);
    if (action == OCOP_DA_RETURN) {
        char *clean = NULL;
        if (!note || ocop_text_clean(&clean, note, strlen(note), 1) || !*clean ||
            ocop_text_length(clean) > 2000) {
            free(clean);
            return ocop_error_set_field(OCOP_EINVALID, "reasons",
                                        "returning a dossier needs the reasons (up to 2000 characters)");
        }
        x.note = clean;
        rc = app__in_tx(out, a, id, act__tx, &x);
        free(clean);
        return rc;
    }
    return app__in_tx(out, a, id, act__tx, &x);
}

struct doc_args {
    int64_t dossier_id, id;
    const char *name, *ctype;
    const void *data;
    size_t len;
    char sha[crypto_hash_sha256_BYTES * 2 + 1];
};

static int doc__tx(struct ocop_app *a, void *p)
{
    struct doc_args *x = p;
    json_t *after;
    int rc = ocop_store_document_insert(&x->id, a->st, x->dossier_id, x->name, x->ctype, x->data,
                                        x->len, x->sha, a->actor.user_id);
    if (rc)
        return rc;
    after = json_pack("{s:s, s:s, s:I, s:s}", "name", x->name, "content_type", x->ctype, "size",
                      (json_int_t)x->len, "sha256", x->sha);
    rc = ocop_store_audit(a->st, &a->actor, "upload", "dossier", x->dossier_id, NULL, after);
    json_decref(after);
    return rc;
}

int ocop_app_document_add(json_t **out, struct ocop_app *a, int64_t dossier_id, const char *name,
                          const char *content_type, const void *data, size_t len)
{
    static const char *const types[] = {"application/pdf", "image/jpeg", "image/png", NULL};
    unsigned char hash[crypto_hash_sha256_BYTES];
    struct doc_args x = {0};
    struct ocop_dossier_row d;
    char *clean = NULL;
    int rc;

    *out = NULL;
    if ((rc = ocop_store_dossier_row(&d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_readable(a, &d)) != 0)
        return rc;
    if (a->actor.role == OCOP_ROLE_COUNCIL)
        return ocop_error_set(OCOP_EFORBIDDEN, "council members read documents; they do not add them");
    if (strcmp(d.state, "draft") != 0 && strcmp(d.state, "returned") != 0)
        return ocop_error_set(OCOP_ECONFLICT, "documents are added while the dossier is a draft "
                              "or returned for fixes");
    if (!content_type || ocop_enum_index(types, content_type) < 0)
        return ocop_error_set(OCOP_EINVALID, "documents are PDF, JPEG or PNG");
    if (len == 0 || len > MAX_DOCUMENT)
        return ocop_error_set(len ? OCOP_ETOOBIG : OCOP_EINVALID, "a document is 1 byte to 10 MiB");
    if (!name || ocop_text_clean(&clean, name, strlen(name), 0) || !*clean || ocop_text_length(clean) > 200) {
        free(clean);
        return ocop_error_set_field(OCOP_EINVALID, "name", "a document needs a name (1 to 200 characters)");
    }
    crypto_hash_sha256(hash, data, len);
    sodium_bin2hex(x.sha, sizeof(x.sha), hash, sizeof(hash));
    x.dossier_id = dossier_id;
    x.name = clean;
    x.ctype = content_type;
    x.data = data;
    x.len = len;
    rc = app__in_tx(out, a, dossier_id, doc__tx, &x);
    free(clean);
    return rc;
}

int ocop_app_document_get(json_t **meta, void **data, size_t *len, struct ocop_app *a,
                          int64_t dossier_id, int64_t document_id)
{
    struct ocop_dossier_row d;
    int rc;
    if ((rc = ocop_store_dossier_row(&d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_readable(a, &d)) != 0)
        return rc;
    return ocop_store_document_get(meta, data, len, a->st, dossier_id, document_id);
}
