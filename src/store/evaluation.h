/*
 * evaluation.h: the store's evaluation side: rulesets and criteria sets as loaded
 * documents, dossiers with their history and documents, council sessions, conflicts
 * of interest, score sheets, certificate revocation. Same conventions as store.h.
 */
#ifndef OCOP_STORE_EVALUATION_H
#define OCOP_STORE_EVALUATION_H

#include "store/store.h"

/* ---- rules as data */
/* Saves a ruleset document; the same code with other content is OCOP_ECONFLICT. */
int ocop_store_ruleset_save(int64_t *id, int *changed, struct ocop_store *st, const char *code,
                            const char *effective_from, const char *doc);
/* A ruleset's document by code (new string), or OCOP_ENOTFOUND. */
int ocop_store_ruleset_doc(char **doc, struct ocop_store *st, const char *code);
/* Saves a criteria set as a new version, unless the current version has the same document. */
int ocop_store_criteria_save(int64_t *id, int *version, int *changed, struct ocop_store *st,
                             const char *code, const char *ruleset, const char *sector,
                             const char *name, int official, json_t *groups, const char *doc);
/* The documents of a criteria set and of its ruleset (new strings). */
int ocop_store_criteria_docs(char **set_doc, char **ruleset_doc, struct ocop_store *st,
                             int64_t set_id);
/* The current set for a product group under the newest ruleset having one. */
int ocop_store_criteria_for_group(int64_t *id, struct ocop_store *st, const char *group);
/* The code of the current set of `ruleset` that covers `group` (new string), or ENOTFOUND. */
int ocop_store_criteria_group_owner(char **code, struct ocop_store *st, const char *ruleset,
                                    const char *group);
int ocop_store_criteria_list(json_t **out, struct ocop_store *st);
int ocop_store_criteria_get(json_t **out, struct ocop_store *st, int64_t id);

/* ---- dossiers */
struct ocop_dossier_row {
    int64_t id, product_id, criteria_set_id, session_id, certificate_id;
    char state[24], kind[12], session_level[16], group[40];
    int target_stars;
    struct ocop_scope_data scope; /* the product's place and producer */
};

struct ocop_dossier_filter {
    long long page, per_page;
    const char *state, *province_code, *ward_code;
    int64_t product_id, producer_id, session_id, member_id; /* member: council user's sessions */
};

int ocop_store_dossier_insert(int64_t *id, struct ocop_store *st, int64_t product_id,
                              int64_t set_id, const char *kind, int target_stars,
                              const char *self_assessment);
int ocop_store_dossier_row(struct ocop_dossier_row *out, struct ocop_store *st, int64_t id);
/* Moves a dossier from `from` to `to` (OCOP_ECONFLICT if it is no longer in `from`) and
 * appends the history row. */
int ocop_store_dossier_move(struct ocop_store *st, int64_t id, const char *from, const char *to,
                            const struct ocop_actor *actor, const char *action, const char *note);
int ocop_store_dossier_set_session(struct ocop_store *st, int64_t id, int64_t session_id);
int ocop_store_dossier_set_result(struct ocop_store *st, int64_t id, json_t *result,
                                  double total, int stars);
int ocop_store_dossier_set_certificate(struct ocop_store *st, int64_t id, int64_t certificate_id);
int ocop_store_dossier_get(json_t **out, struct ocop_store *st, int64_t id);
int ocop_store_dossier_list(json_t **out, struct ocop_store *st,
                            const struct ocop_dossier_filter *f);

int ocop_store_document_insert(int64_t *id, struct ocop_store *st, int64_t dossier_id,
                               const char *name, const char *content_type, const void *data,
                               size_t len, const char *sha256, int64_t user_id);
/* A document's bytes (new buffer) and metadata; OCOP_ENOTFOUND. */
int ocop_store_document_get(json_t **meta, void **data, size_t *len, struct ocop_store *st,
                            int64_t dossier_id, int64_t document_id);

/* ---- council sessions, conflicts, scores */
int ocop_store_session_insert(int64_t *id, struct ocop_store *st, const char *name,
                              const char *province_code, const char *level, const char *date);
int ocop_store_session_add_member(struct ocop_store *st, int64_t session_id, int64_t user_id);
int ocop_store_session_get(json_t **out, struct ocop_store *st, int64_t id);
int ocop_store_session_list(json_t **out, struct ocop_store *st, const char *province_code);
/* The enabled council users of a province (NULL: all), {id, email, name}, by name then
 * e-mail, at most `limit`. */
int ocop_store_council_users(json_t **out, struct ocop_store *st, const char *province_code,
                             int limit);
/* 0 if the user sits on the session's council, OCOP_ENOTFOUND otherwise. */
int ocop_store_session_member(struct ocop_store *st, int64_t session_id, int64_t user_id);
int ocop_store_session_members(int *n, struct ocop_store *st, int64_t session_id);
/* The role and province of a user by id. */
int ocop_store_user_by_id(struct ocop_actor *out, struct ocop_store *st, int64_t user_id);

int ocop_store_conflict_insert(struct ocop_store *st, int64_t dossier_id, int64_t user_id,
                               const char *reason);
int ocop_store_conflict_exists(struct ocop_store *st, int64_t dossier_id, int64_t user_id);
int ocop_store_conflicts(int *n, struct ocop_store *st, int64_t dossier_id);
/* One member's sheet; a second sheet by the same member is OCOP_ECONFLICT. */
int ocop_store_score_insert(struct ocop_store *st, int64_t dossier_id, int64_t user_id,
                            json_t *choices, double total);
/* The sheets of a dossier: [{user_id, email, choices:[...], total, submitted_at}]. */
int ocop_store_scores(json_t **out, struct ocop_store *st, int64_t dossier_id);

/* ---- certificates */
int ocop_store_certificate_scope(struct ocop_scope_data *out, int *revoked,
                                 struct ocop_store *st, int64_t certificate_id);
/* Revokes a certificate; OCOP_ECONFLICT if it already is. */
int ocop_store_certificate_revoke(struct ocop_store *st, int64_t certificate_id, long day,
                                  const char *reason);
/* Clears a certificate's five-star candidacy (the centre did not recognise five stars). */
int ocop_store_certificate_uncandidate(struct ocop_store *st, int64_t certificate_id);
int ocop_store_certificate_link_dossier(struct ocop_store *st, int64_t certificate_id,
                                        int64_t dossier_id);
/* Next free certificate number of a year: "<prefix>-<year>-<NNNNN>". */
int ocop_store_certificate_next_number(char *out, size_t n, struct ocop_store *st,
                                       const char *prefix, int year);

#endif
