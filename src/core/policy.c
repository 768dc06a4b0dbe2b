/* policy.c: role and scope rules for registry writes, as one table. */
#include "core/policy.h"
#include "core/error.h"
#include "core/lang.h"

#include <string.h>

/* The names are the API's; messages show their Vietnamese (OCOP_WORD, po/vi.po). */
static const char *const role_names[] = {
    OCOP_WORD("anonymous"), OCOP_WORD("admin"),    OCOP_WORD("office"),
    OCOP_WORD("commune"),   OCOP_WORD("council"),  OCOP_WORD("producer"),
    OCOP_WORD("sales"),     OCOP_WORD("system")};

const char *ocop_role_name(enum ocop_role r)
{
    return role_names[r];
}

int ocop_role_parse(enum ocop_role *out, const char *s)
{
    for (int i = OCOP_ROLE_ADMIN; i <= OCOP_ROLE_SALES; i++) {
        if (strcmp(s, role_names[i]) == 0) {
            *out = (enum ocop_role)i;
            return 0;
        }
    }
    return ocop_error_set_field(OCOP_EINVALID, "role",
                                "role must be admin, office, commune, council, producer or sales");
}

/* Messages show their Vietnamese (OCOP_WORD, po/vi.po): "tạo", "rút lại"... */
static const char *const action_names[] = {OCOP_WORD("create"), OCOP_WORD("update"),
                                           OCOP_WORD("delete"), OCOP_WORD("retract")};

const char *ocop_action_name(enum ocop_action a)
{
    return action_names[a];
}

static int policy__role_may_not(const struct ocop_actor *actor, const char *entity,
                                enum ocop_action action)
{
    return ocop_error_set(OCOP_EFORBIDDEN, "the %s role may not %s a %s%.0s%.0s%.0s",
                          ocop_role_name(actor->role), ocop_action_name(action), entity,
                          ocop_word_vi(ocop_role_name(actor->role)),
                          ocop_word_vi(ocop_action_name(action)), ocop_word_vi(entity));
}

/* Which scope a role's rights are bounded by. */
enum scope_kind { SCOPE_ALL, SCOPE_PROVINCE, SCOPE_WARD, SCOPE_PRODUCER };

/* One row a (role, entity): the actions allowed (bit per action) and the scope. */
struct rule {
    enum ocop_role role;
    const char *entity;
    unsigned actions;
    enum scope_kind scope;
};

#define C (1u << OCOP_ACT_CREATE)
#define U (1u << OCOP_ACT_UPDATE)
#define D (1u << OCOP_ACT_DELETE)
#define R (1u << OCOP_ACT_RETRACT)

static const struct rule rules[] = {
    {OCOP_ROLE_OFFICE, "producer", C | U | D, SCOPE_PROVINCE},
    {OCOP_ROLE_OFFICE, "village", C | U | D, SCOPE_PROVINCE},
    {OCOP_ROLE_OFFICE, "product", C | U | D, SCOPE_PROVINCE},
    {OCOP_ROLE_OFFICE, "zone", C | U | D, SCOPE_PROVINCE},
    {OCOP_ROLE_COMMUNE, "producer", C | U | D, SCOPE_WARD},
    {OCOP_ROLE_COMMUNE, "village", U, SCOPE_WARD},
    {OCOP_ROLE_COMMUNE, "product", C | U | D, SCOPE_WARD},
    {OCOP_ROLE_COMMUNE, "zone", C | U | D, SCOPE_WARD},
    {OCOP_ROLE_PRODUCER, "producer", U, SCOPE_PRODUCER},
    {OCOP_ROLE_PRODUCER, "product", C | U | D, SCOPE_PRODUCER},
    /* a product's trace history: recorded and retracted by whoever looks after the
     * product (its producer, its commune, the province's office); council members and
     * sales points only read it, as shoppers do */
    {OCOP_ROLE_OFFICE, "trace event", C | R, SCOPE_PROVINCE},
    {OCOP_ROLE_COMMUNE, "trace event", C | R, SCOPE_WARD},
    {OCOP_ROLE_PRODUCER, "trace event", C | R, SCOPE_PRODUCER},
};

static int policy__in_scope(const struct ocop_actor *a, enum scope_kind k,
                            const struct ocop_scope *t)
{
    switch (k) {
    case SCOPE_ALL:
        return 1;
    case SCOPE_PROVINCE:
        return a->province_code[0] && t->province_code &&
               strcmp(a->province_code, t->province_code) == 0;
    case SCOPE_WARD:
        return a->ward_code[0] && t->ward_code && strcmp(a->ward_code, t->ward_code) == 0;
    case SCOPE_PRODUCER:
        return a->producer_id > 0 && t->producer_id == a->producer_id;
    }
    return 0;
}

int ocop_policy_check(const struct ocop_actor *actor, const char *entity, enum ocop_action action,
                      const struct ocop_scope *target)
{
    if (!actor || actor->role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to make changes");
    if (actor->role == OCOP_ROLE_ADMIN || actor->role == OCOP_ROLE_SYSTEM)
        return 0;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
        const struct rule *r = &rules[i];
        if (r->role != actor->role || strcmp(r->entity, entity) != 0)
            continue;
        if (!(r->actions & (1u << action)))
            break;
        if (!policy__in_scope(actor, r->scope, target))
            /* one literal a scope, each with its own wording; the entity's Vietnamese word
             * rides along for the Vietnamese (lang.h) */
            return r->scope == SCOPE_PROVINCE
                       ? ocop_error_set(OCOP_EFORBIDDEN, "this %s is outside your province%.0s",
                                        entity, ocop_word_vi(entity))
                   : r->scope == SCOPE_WARD
                       ? ocop_error_set(OCOP_EFORBIDDEN,
                                        "this %s is outside your ward or commune%.0s", entity,
                                        ocop_word_vi(entity))
                       : ocop_error_set(OCOP_EFORBIDDEN,
                                        "this %s is not one of your own records%.0s", entity,
                                        ocop_word_vi(entity));
        return 0;
    }
    return policy__role_may_not(actor, entity, action);
}

void ocop_policy_scope_of(struct ocop_scope *out, const struct ocop_actor *actor)
{
    out->province_code = out->ward_code = NULL;
    out->producer_id = 0;
    if (actor->role == OCOP_ROLE_OFFICE)
        out->province_code = actor->province_code;
    else if (actor->role == OCOP_ROLE_COMMUNE)
        out->ward_code = actor->ward_code;
    else if (actor->role == OCOP_ROLE_PRODUCER)
        out->producer_id = actor->producer_id > 0 ? actor->producer_id : -1;
}

int ocop_policy_role_may(const struct ocop_actor *actor, const char *entity,
                         enum ocop_action action)
{
    if (!actor || actor->role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to make changes");
    if (actor->role == OCOP_ROLE_ADMIN || actor->role == OCOP_ROLE_SYSTEM)
        return 0;
    for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        if (rules[i].role == actor->role && strcmp(rules[i].entity, entity) == 0 &&
            (rules[i].actions & (1u << action)))
            return 0;
    return policy__role_may_not(actor, entity, action);
}
