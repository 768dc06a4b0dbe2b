/* workflow.c: which action moves a dossier from which state, and who may take it. */
#include "core/workflow.h"
#include "core/error.h"
#include "core/lang.h"

#include <string.h>

/* The names are the API's; messages show their Vietnamese (OCOP_WORD, po/vi.po). */
static const char *const state_names[OCOP_DOSSIER_STATE_COUNT] = {
    OCOP_WORD("draft"),      OCOP_WORD("submitted"),      OCOP_WORD("returned"),
    OCOP_WORD("accepted"),   OCOP_WORD("scheduled"),      OCOP_WORD("scored"),
    OCOP_WORD("recognised"), OCOP_WORD("not_recognised"), OCOP_WORD("proposed"),
    OCOP_WORD("withdrawn")};

static const char *const action_names[OCOP_DA_COUNT] = {
    OCOP_WORD("submit"), OCOP_WORD("return"), OCOP_WORD("accept"),
    OCOP_WORD("schedule"), OCOP_WORD("score"), OCOP_WORD("decide"),
    OCOP_WORD("central_decide"), OCOP_WORD("withdraw")};

#define R(role) (1u << (role))
#define PRODUCER_SIDE (R(OCOP_ROLE_PRODUCER) | R(OCOP_ROLE_COMMUNE) | R(OCOP_ROLE_OFFICE))
#define COMMUNE_SIDE (R(OCOP_ROLE_COMMUNE) | R(OCOP_ROLE_OFFICE))
#define OFFICE R(OCOP_ROLE_OFFICE)
#define COUNCIL R(OCOP_ROLE_COUNCIL)

/* The state machine. The decision's outcome (recognised, not recognised, proposed) is
 * chosen from the council's result by the action itself. */
static const struct {
    enum ocop_dossier_state from;
    enum ocop_dossier_action action;
    unsigned roles;
} transitions[] = {
    {OCOP_DOSSIER_DRAFT, OCOP_DA_SUBMIT, PRODUCER_SIDE},
    {OCOP_DOSSIER_RETURNED, OCOP_DA_SUBMIT, PRODUCER_SIDE},
    {OCOP_DOSSIER_SUBMITTED, OCOP_DA_RETURN, COMMUNE_SIDE},
    {OCOP_DOSSIER_SUBMITTED, OCOP_DA_ACCEPT, COMMUNE_SIDE},
    {OCOP_DOSSIER_ACCEPTED, OCOP_DA_SCHEDULE, OFFICE},
    {OCOP_DOSSIER_SCHEDULED, OCOP_DA_SCORE, COUNCIL},
    {OCOP_DOSSIER_SCORED, OCOP_DA_SCORE, COUNCIL},
    {OCOP_DOSSIER_SCORED, OCOP_DA_DECIDE, OFFICE},
    {OCOP_DOSSIER_PROPOSED, OCOP_DA_CENTRAL_DECIDE, 0}, /* admin records the centre's result */
    {OCOP_DOSSIER_DRAFT, OCOP_DA_WITHDRAW, PRODUCER_SIDE},
    {OCOP_DOSSIER_SUBMITTED, OCOP_DA_WITHDRAW, PRODUCER_SIDE},
    {OCOP_DOSSIER_RETURNED, OCOP_DA_WITHDRAW, PRODUCER_SIDE},
};

const char *ocop_dossier_state_name(enum ocop_dossier_state s)
{
    return s < OCOP_DOSSIER_STATE_COUNT ? state_names[s] : "?";
}

const char *ocop_dossier_action_name(enum ocop_dossier_action a)
{
    return a < OCOP_DA_COUNT ? action_names[a] : "?";
}

int ocop_dossier_state_parse(enum ocop_dossier_state *out, const char *s)
{
    for (int i = 0; i < OCOP_DOSSIER_STATE_COUNT; i++) {
        if (strcmp(state_names[i], s) == 0) {
            *out = (enum ocop_dossier_state)i;
            return 0;
        }
    }
    return ocop_error_set_field(OCOP_EINVALID, "state", "state is not a dossier state");
}

int ocop_dossier_transition(unsigned *allowed_roles, enum ocop_dossier_state from,
                            enum ocop_dossier_action action)
{
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++) {
        if (transitions[i].from == from && transitions[i].action == action) {
            *allowed_roles = transitions[i].roles | R(OCOP_ROLE_ADMIN) | R(OCOP_ROLE_SYSTEM);
            return 0;
        }
    }
    return ocop_error_set(OCOP_ECONFLICT,
                          "a dossier that is %s cannot be given the action %s%.0s%.0s",
                          ocop_dossier_state_name(from), ocop_dossier_action_name(action),
                          ocop_word_vi(ocop_dossier_state_name(from)),
                          ocop_word_vi(ocop_dossier_action_name(action)));
}

static int workflow__role_may_not(enum ocop_role role, enum ocop_dossier_action action)
{
    return ocop_error_set(OCOP_EFORBIDDEN, "the %s role may not %s a dossier%.0s%.0s",
                          ocop_role_name(role), ocop_dossier_action_name(action),
                          ocop_word_vi(ocop_role_name(role)),
                          ocop_word_vi(ocop_dossier_action_name(action)));
}

int ocop_dossier_may(enum ocop_dossier_state from, enum ocop_dossier_action action,
                     enum ocop_role role)
{
    unsigned roles = R(OCOP_ROLE_ADMIN) | R(OCOP_ROLE_SYSTEM);
    int rc;

    if (role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in to work on dossiers");
    /* a role that may never take this action is refused whatever the state (403);
     * a role that may, but not from this state, meets the state machine (409) */
    for (size_t i = 0; i < sizeof(transitions) / sizeof(transitions[0]); i++)
        if (transitions[i].action == action)
            roles |= transitions[i].roles;
    if (!(roles & R(role)))
        return workflow__role_may_not(role, action);
    if ((rc = ocop_dossier_transition(&roles, from, action)) != 0)
        return rc;
    if (!(roles & R(role)))
        return workflow__role_may_not(role, action);
    return 0;
}
