/* policy.h: who may write what: roles, scopes and the one authorisation rule table. */
#ifndef OCOP_CORE_POLICY_H
#define OCOP_CORE_POLICY_H

#include <stdint.h>

enum ocop_role {
    OCOP_ROLE_NONE = 0, /* anonymous: public reads only */
    OCOP_ROLE_ADMIN,
    OCOP_ROLE_OFFICE,   /* a province's coordination office */
    OCOP_ROLE_COMMUNE,  /* a ward/commune officer */
    OCOP_ROLE_COUNCIL,  /* an evaluation council member */
    OCOP_ROLE_PRODUCER,
    OCOP_ROLE_SALES,    /* a sales point */
    OCOP_ROLE_SYSTEM    /* the operator's shell (CLI); audited as such */
};

/* The authenticated user behind a request or command. */
struct ocop_actor {
    int64_t user_id;        /* 0 for anonymous and system */
    enum ocop_role role;
    char email[255];
    char province_code[3];  /* scope of office/commune users ("" if none) */
    char ward_code[6];      /* scope of commune users */
    int64_t producer_id;    /* scope of producer users (0 if none) */
};

/* Where a record sits, for scope checks. */
struct ocop_scope {
    const char *province_code;
    const char *ward_code;
    int64_t producer_id; /* the producer a record belongs to (a producer's own id) */
};

/* What is done to a record. A trace event is created and retracted, never changed or
 * deleted (its history is append-only). */
enum ocop_action { OCOP_ACT_CREATE, OCOP_ACT_UPDATE, OCOP_ACT_DELETE, OCOP_ACT_RETRACT };

const char *ocop_role_name(enum ocop_role r);
int ocop_role_parse(enum ocop_role *out, const char *s);
const char *ocop_action_name(enum ocop_action a);

/*
 * May `actor` do `action` on a record of entity `entity` ("producer", "village",
 * "product", "zone", "trace event") that sits at `target` (a trace event sits where its
 * product does)? 0, OCOP_EUNAUTH (anonymous) or
 * OCOP_EFORBIDDEN with the reason.
 */
int ocop_policy_check(const struct ocop_actor *actor, const char *entity, enum ocop_action action,
                      const struct ocop_scope *target);

/* The part of the data an actor looks after, as a list filter takes it: an office its
 * province, a commune officer its ward, a producer its own records (-1, which matches
 * nothing, if it names no producer); everyone else nothing in particular (all fields
 * empty). Whether the role may read such a list at all is the caller's rule. */
void ocop_policy_scope_of(struct ocop_scope *out, const struct ocop_actor *actor);

/*
 * May `actor`'s role do `action` on `entity` anywhere at all? Checked before reading
 * the input, so a role without the right is refused (403) whatever it sends.
 */
int ocop_policy_role_may(const struct ocop_actor *actor, const char *entity,
                         enum ocop_action action);

#endif
