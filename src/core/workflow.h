/* workflow.h: the evaluation dossier's state machine, as one table. */
#ifndef OCOP_CORE_WORKFLOW_H
#define OCOP_CORE_WORKFLOW_H

#include "core/policy.h"

enum ocop_dossier_state {
    OCOP_DOSSIER_DRAFT,          /* opened; the producer prepares it */
    OCOP_DOSSIER_SUBMITTED,      /* handed to the commune */
    OCOP_DOSSIER_RETURNED,       /* the commune asked for fixes */
    OCOP_DOSSIER_ACCEPTED,       /* passed the commune's pre-check */
    OCOP_DOSSIER_SCHEDULED,      /* assigned to a council session; members score it */
    OCOP_DOSSIER_SCORED,         /* the quorum has scored: a result exists */
    OCOP_DOSSIER_RECOGNISED,     /* certified (3-4 stars by the province, 5 by the centre) */
    OCOP_DOSSIER_NOT_RECOGNISED, /* under 3 stars; the score sheet goes back to the producer */
    OCOP_DOSSIER_PROPOSED,       /* 4-star certified and proposed to the centre for 5 stars */
    OCOP_DOSSIER_WITHDRAWN,
    OCOP_DOSSIER_STATE_COUNT
};

enum ocop_dossier_action {
    OCOP_DA_SUBMIT, OCOP_DA_RETURN, OCOP_DA_ACCEPT, OCOP_DA_SCHEDULE, OCOP_DA_SCORE,
    OCOP_DA_DECIDE, OCOP_DA_CENTRAL_DECIDE, OCOP_DA_WITHDRAW, OCOP_DA_COUNT
};

const char *ocop_dossier_state_name(enum ocop_dossier_state s);
int ocop_dossier_state_parse(enum ocop_dossier_state *out, const char *s);
const char *ocop_dossier_action_name(enum ocop_dossier_action a);

/*
 * Is `action` possible from `from`, and by which roles? 0 and *allowed_roles (bit per
 * enum ocop_role) when the transition exists; OCOP_ECONFLICT otherwise ("a submitted
 * dossier cannot be scheduled"). Scope (which commune, whose product) is checked by
 * the caller.
 */
int ocop_dossier_transition(unsigned *allowed_roles, enum ocop_dossier_state from,
                            enum ocop_dossier_action action);
/* Checks the role too: 0, OCOP_ECONFLICT (impossible) or OCOP_EFORBIDDEN (not this role). */
int ocop_dossier_may(enum ocop_dossier_state from, enum ocop_dossier_action action,
                     enum ocop_role role);

#endif
