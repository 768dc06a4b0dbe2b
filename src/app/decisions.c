/* decisions.c (app): members' score sheets, the council's result, decisions, revocation. */
#include "app/eval_internal.h"
#include "app/notes.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/rules.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

/* The rules a dossier is judged by: its criteria set version and that set's ruleset. */
struct judged {
    struct ocop_ruleset r;
    struct ocop_criteria_set *cs;
};

static int judged__load(struct judged *j, struct ocop_app *a, int64_t set_id)
{
    char *sdoc = NULL, *rdoc = NULL;
    json_t *s = NULL, *r = NULL;
    int rc;
    j->cs = NULL;
    if ((rc = ocop_store_criteria_docs(&sdoc, &rdoc, a->st, set_id)) == 0) {
        s = json_loads(sdoc, 0, NULL);
        r = json_loads(rdoc, 0, NULL);
        if ((rc = ocop_ruleset_parse(&j->r, r)) == 0)
            rc = ocop_criteria_parse(&j->cs, s, &j->r);
    }
    json_decref(s);
    json_decref(r);
    free(sdoc);
    free(rdoc);
    return rc;
}

/* The council's result over the sheets so far, as numbers and as JSON. */
static int judged__evaluate(struct ocop_evaluation *ev, json_t **result, struct ocop_app *a,
                            const struct judged *j, const struct ocop_dossier_row *d)
{
    json_t *sheets = NULL, *parts;
    int **choices = NULL, n = 0, members = 0, conflicts = 0, rc;
    size_t i;

    if ((rc = ocop_store_scores(&sheets, a->st, d->id)) != 0 ||
        (rc = ocop_store_session_members(&members, a->st, d->session_id)) != 0 ||
        (rc = ocop_store_conflicts(&conflicts, a->st, d->id)) != 0)
        goto done;
    n = (int)json_array_size(sheets);
    choices = calloc((size_t)n + 1, sizeof(*choices));
    for (int m = 0; m < n && choices; m++) {
        json_t *arr = json_object_get(json_array_get(sheets, (size_t)m), "choices");
        if (!(choices[m] = calloc((size_t)j->cs->ncriteria + 1, sizeof(int))))
            break;
        for (i = 0; i < (size_t)j->cs->ncriteria; i++)
            choices[m][i] = (int)json_integer_value(json_array_get(arr, i));
    }
    if ((rc = ocop_evaluate(ev, &j->r, j->cs, (const int *const *)choices, n, members - conflicts,
                            d->session_level)) != 0)
        goto done;
    parts = json_object();
    for (int p = 0; p < j->r.nparts; p++)
        json_object_set_new(parts, j->r.parts[p].code, json_real(ev->parts[p]));
    *result = json_pack("{s:i, s:i, s:b, s:o, s:f, s:i, s:i, s:s?, s:i, s:b, s:s, s:s}", "sheets",
                        ev->sheets, "eligible", ev->eligible, "quorum", ev->quorum, "parts", parts,
                        "total", ev->total, "stars_by_score", ev->stars_by_score, "stars",
                        ev->stars, "capped_by",
                        ev->capped_by >= 0 ? j->cs->criteria[ev->capped_by].code : NULL,
                        "recognised", ev->recognised, "candidate", ev->candidate, "level",
                        d->session_level, "ruleset", j->r.id);
done:
    for (int m = 0; choices && m < n; m++)
        free(choices[m]);
    free(choices);
    json_decref(sheets);
    return rc;
}

/* A criterion's option in a sheet: its index, SCORE_MISSING when the sheet names none
 * (absent or null), SCORE_NOT_AN_OPTION when what it names is not one of its indexes. */
enum { SCORE_MISSING = -1, SCORE_NOT_AN_OPTION = -2 };

static int score__option(const struct ocop_criterion *c, json_t *v)
{
    if (!v || json_is_null(v))
        return SCORE_MISSING;
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) >= c->noptions)
        return SCORE_NOT_AN_OPTION;
    return (int)json_integer_value(v);
}

/* A code the set does not have is named as its own field when it is plain (what a
 * problem's errors[] may echo); the others are one fault under "choices". */
static int score__plain(const char *s)
{
    size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.");
    return n > 0 && !s[n] && n < 64 && strcmp(s, "choices") != 0;
}

static int score__fault(int option, int partial)
{
    return option == SCORE_NOT_AN_OPTION || (option == SCORE_MISSING && !partial);
}

/* Reads every criterion's option into choice[] and counts the sheet's faults: criteria at
 * fault, plain unknown codes, and at most one for all the other unknown codes (*odd). */
static size_t score__count(int *choice, int *odd, const struct judged *j, json_t *map, int partial)
{
    const char *key;
    json_t *v;
    size_t n = 0;
    *odd = 0;
    for (int i = 0; i < j->cs->ncriteria; i++) {
        choice[i] =
            score__option(&j->cs->criteria[i], json_object_get(map, j->cs->criteria[i].code));
        n += (size_t)score__fault(choice[i], partial);
    }
    json_object_foreach(map, key, v)
    {
        if (ocop_criteria_find(j->cs, key) >= 0)
            continue;
        if (score__plain(key))
            n++;
        else
            *odd = 1;
    }
    return n + (size_t)*odd;
}

/* Gathers the first `shown` faults counted by score__count, in criteria order then body
 * order. */
static void score__report(const int *choice, int odd, const struct judged *j, json_t *map,
                          int partial, size_t shown)
{
    const char *key;
    json_t *v;
    size_t k = 0;
    for (int i = 0; i < j->cs->ncriteria && k < shown; i++) {
        const struct ocop_criterion *c = &j->cs->criteria[i];
        if (!score__fault(choice[i], partial))
            continue;
        if (choice[i] == SCORE_MISSING)
            ocop_error_set_field(OCOP_EINVALID, c->code, "no option is chosen for criterion %s",
                                 c->code);
        else
            ocop_error_set_field(OCOP_EINVALID, c->code, "criterion %s needs one of its %d options",
                                 c->code, c->noptions);
        ocop_error_gather();
        k++;
    }
    json_object_foreach(map, key, v)
    {
        if (k == shown || !score__plain(key) || ocop_criteria_find(j->cs, key) >= 0)
            continue;
        ocop_error_set_field(OCOP_EINVALID, key, "not a criterion of this dossier's criteria set");
        ocop_error_gather();
        k++;
    }
    if (odd && k < shown) {
        ocop_error_set_field(OCOP_EINVALID, "choices",
                             "a criterion code is not in this dossier's criteria set");
        ocop_error_gather();
    }
}

/*
 * The choices of {"choices": {"A1.1": option index, ...}} in criteria order; *choice is a
 * new array the caller frees, -1 where a criterion has none (allowed only when `partial`:
 * a sheet still being filled in). Every fault is reported at once (ocop_error_gather):
 * each criterion with no option or one outside its options, under its code, then each code
 * the set does not have. Past OCOP_ERROR_FIELDS_MAX faults, the first
 * OCOP_ERROR_FIELDS_MAX - 1 and a last entry under "choices" that counts the others.
 */
static int score__read(int **choice, const struct judged *j, json_t *body, int partial)
{
    json_t *map = json_object_get(body, "choices");
    size_t n, shown;
    int odd, rc;

    *choice = NULL;
    if (!json_is_object(body) || json_object_size(body) != 1 || !json_is_object(map))
        return ocop_error_set_field(OCOP_EINVALID, "choices",
                                    "the body is {\"choices\": {criterion code: option index}}");
    if (!(*choice = calloc((size_t)j->cs->ncriteria, sizeof(int))))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    n = score__count(*choice, &odd, j, map, partial);
    shown = n > OCOP_ERROR_FIELDS_MAX ? OCOP_ERROR_FIELDS_MAX - 1 : n;
    ocop_error_gather_start();
    score__report(*choice, odd, j, map, partial, shown);
    if (n > shown) {
        ocop_error_set_field(OCOP_EINVALID, "choices",
                             "%d more criteria or codes are at fault, not listed",
                             (int)(n - shown));
        ocop_error_gather();
    }
    for (int i = 0; i < j->cs->ncriteria; i++)
        if ((*choice)[i] < 0)
            (*choice)[i] = -1;
    if ((rc = ocop_error_gather_finish()) != 0) {
        free(*choice);
        *choice = NULL;
    }
    return rc;
}

/* The member's choices, in criteria order, from {"A1.1": option index, ...}. */
static int score__choices(json_t **arr, double *total, const struct judged *j, json_t *body)
{
    double parts[OCOP_RULES_MAX_PARTS];
    int *choice = NULL, rc;

    *arr = NULL;
    if ((rc = score__read(&choice, j, body, 0)) != 0)
        return rc;
    if ((rc = ocop_sheet_points(parts, total, j->cs, choice)) == 0) {
        *arr = json_array();
        for (int i = 0; i < j->cs->ncriteria; i++)
            json_array_append_new(*arr, json_integer(choice[i]));
    }
    free(choice);
    return rc;
}

struct score_args {
    struct ocop_dossier_row d;
    struct judged j;
    json_t *choices;
    double total;
};

static int score__tx(struct ocop_app *a, void *p)
{
    struct score_args *x = p;
    struct ocop_evaluation ev;
    json_t *result = NULL, *after;
    int rc;

    if ((rc = ocop_store_score_insert(a->st, x->d.id, a->actor.user_id, x->choices, x->total)) != 0)
        return rc;
    after = json_pack("{s:f, s:O}", "total", x->total, "choices", x->choices);
    rc = ocop_store_audit(a->st, &a->actor, "score", "dossier", x->d.id, NULL, after);
    json_decref(after);
    if (rc || (rc = judged__evaluate(&ev, &result, a, &x->j, &x->d)) != 0)
        return rc;
    rc = ocop_store_dossier_set_result(a->st, x->d.id, result, ev.total, ev.stars);
    if (rc == 0 && ev.quorum && strcmp(x->d.state, "scheduled") == 0)
        rc = app__dossier_move(a, &x->d, "scored", "score", OCOP_NOTE_QUORUM);
    json_decref(result);
    return rc;
}

int ocop_app_score(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body)
{
    struct score_args x = {0};
    int rc;

    *out = NULL;
    if ((rc = ocop_store_dossier_row(&x.d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_may(a, &x.d, OCOP_DA_SCORE)) != 0)
        return rc;
    if (ocop_store_conflict_exists(a->st, dossier_id, a->actor.user_id) == 0)
        return ocop_error_set(OCOP_EFORBIDDEN, "you declared a conflict of interest for this dossier");
    if ((rc = judged__load(&x.j, a, x.d.criteria_set_id)) != 0)
        return rc;
    if ((rc = score__choices(&x.choices, &x.total, &x.j, body)) == 0)
        rc = app__in_tx(out, a, dossier_id, score__tx, &x);
    json_decref(x.choices);
    ocop_criteria_free(x.j.cs);
    return rc;
}

int ocop_app_score_tally(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body)
{
    struct ocop_dossier_row d;
    struct judged j = {0};
    struct ocop_tally t;
    json_t *parts;
    int *choice = NULL, rc;

    *out = NULL;
    if ((rc = ocop_store_dossier_row(&d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_readable(a, &d)) != 0)
        return rc;
    if (a->actor.role == OCOP_ROLE_COUNCIL &&
        ocop_store_conflict_exists(a->st, dossier_id, a->actor.user_id) == 0)
        return ocop_error_set(OCOP_EFORBIDDEN,
                              "you declared a conflict of interest for this dossier");
    if ((rc = judged__load(&j, a, d.criteria_set_id)) != 0 ||
        (rc = score__read(&choice, &j, body, 1)) != 0 ||
        (rc = ocop_sheet_tally(&t, &j.r, j.cs, choice)) != 0)
        goto done;
    parts = json_object();
    for (int p = 0; p < j.r.nparts; p++)
        json_object_set_new(parts, j.r.parts[p].code, json_real(t.parts[p]));
    *out = json_pack("{s:i, s:i, s:o, s:f, s:i, s:i, s:s?}", "criteria", j.cs->ncriteria, "chosen",
                     t.chosen, "parts", parts, "total", t.total, "stars_by_score", t.stars_by_score,
                     "stars", t.stars, "capped_by",
                     t.capped_by >= 0 ? j.cs->criteria[t.capped_by].code : NULL);
    if (!*out)
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
done:
    free(choice);
    ocop_criteria_free(j.cs);
    return rc;
}

int ocop_app_scores(json_t **out, struct ocop_app *a, int64_t dossier_id)
{
    struct ocop_dossier_row d;
    json_t *sheets = NULL;
    int rc, decided;

    *out = NULL;
    if ((rc = ocop_store_dossier_row(&d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_readable(a, &d)) != 0)
        return rc;
    decided = !strcmp(d.state, "recognised") || !strcmp(d.state, "not_recognised") ||
              !strcmp(d.state, "proposed");
    if ((a->actor.role == OCOP_ROLE_PRODUCER || a->actor.role == OCOP_ROLE_COMMUNE) && !decided)
        return ocop_error_set(OCOP_EFORBIDDEN, "score sheets are shown once the dossier is decided");
    if ((rc = ocop_store_scores(&sheets, a->st, dossier_id)) != 0)
        return rc;
    *out = json_pack("{s:o, s:I}", "items", sheets, "total", (json_int_t)json_array_size(sheets));
    return 0;
}

/* --------------------------------------------------------------- decisions */

struct decide_args {
    struct ocop_dossier_row d;
    struct judged j;
    struct ocop_evaluation ev;
    json_t *result;
    char *decision_number, *number;
    long decision_date;
    int central, central_recognised;
};

static int decide__certificate(struct ocop_app *a, struct decide_args *x, int stars,
                               const char *level, int candidate)
{
    struct ocop_certificate c = {0};
    char number[64];
    int y, m, dd, rc;
    int64_t id;
    json_t *after;

    ocop_date_ymd(x->decision_date, &y, &m, &dd);
    if (x->number)
        snprintf(number, sizeof(number), "%s", x->number);
    else if ((rc = ocop_store_certificate_next_number(number, sizeof(number), a->st,
                                                      x->central ? "OCOP-TW" : "OCOP",
                                                      y)) != 0)
        return rc;
    c.product_id = x->d.product_id;
    c.number = number;
    c.decision_number = x->decision_number;
    c.issuing_level = level;
    c.ruleset = x->j.r.id;
    c.decision_date = c.valid_from = x->decision_date;
    c.valid_until = ocop_date_add_months(x->decision_date, x->j.r.validity_months) - 1;
    c.stars = stars;
    c.score = x->ev.total;
    c.five_star_candidate = candidate;
    c.revoked_at = -1;
    if ((rc = ocop_store_certificate_insert(&id, a->st, &c)) != 0 ||
        (rc = ocop_store_certificate_link_dossier(a->st, id, x->d.id)) != 0 ||
        (rc = ocop_store_dossier_set_certificate(a->st, x->d.id, id)) != 0)
        return rc;
    after = json_pack("{s:s, s:i, s:s, s:s}", "number", number, "stars", stars, "level", level,
                      "decision_number", x->decision_number);
    rc = ocop_store_audit(a->st, &a->actor, "certify", "certificate", id, NULL, after);
    json_decref(after);
    return rc;
}

static int decide__tx(struct ocop_app *a, void *p)
{
    struct decide_args *x = p;
    char note[160];
    int rc;

    if (x->central) {
        if (!x->central_recognised)
            return (rc = ocop_store_certificate_uncandidate(a->st, x->d.certificate_id)) != 0
                       ? rc
                       : app__dossier_move(a, &x->d, "recognised", "central_decide",
                                           OCOP_NOTE_CENTRAL_REJECTED);
        if ((rc = decide__certificate(a, x, 5, "central", 0)) != 0)
            return rc;
        return app__dossier_move(a, &x->d, "recognised", "central_decide",
                                 OCOP_NOTE_CENTRAL_RECOGNISED);
    }
    if (x->ev.recognised < x->j.r.cert_min_stars) {
        snprintf(note, sizeof(note), OCOP_NOTE_NOT_RECOGNISED, x->ev.total);
        return app__dossier_move(a, &x->d, "not_recognised", "decide", note);
    }
    if ((rc = decide__certificate(a, x, x->ev.recognised, "province", x->ev.candidate)) != 0)
        return rc;
    if (x->ev.candidate)
        snprintf(note, sizeof(note), OCOP_NOTE_STARS_PROPOSED, x->ev.recognised, x->ev.total);
    else
        snprintf(note, sizeof(note), OCOP_NOTE_STARS, x->ev.recognised, x->ev.total);
    return app__dossier_move(a, &x->d, x->ev.candidate ? "proposed" : "recognised", "decide", note);
}

static int decide__common(struct decide_args *x, struct ocop_app *a, int64_t dossier_id,
                          json_t *body, enum ocop_dossier_action act, const char *const *fields)
{
    int rc;
    if ((rc = ocop_store_dossier_row(&x->d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_may(a, &x->d, act)) != 0)
        return rc;
    if (!json_is_object(body))
        return ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
    {
        const char *key;
        json_t *v;
        json_object_foreach(body, key, v) if (ocop_enum_index(fields, key) < 0)
            return ocop_error_set_field(OCOP_EINVALID, key, "unknown field for a decision");
    }
    if ((rc = app__text(&x->decision_number, body, "decision_number", 60, 1)) != 0 ||
        (rc = app__text(&x->number, body, "certificate_number", 60, 0)) != 0 ||
        (rc = app__date(&x->decision_date, body, "decision_date", 1, 0)) != 0)
        return rc;
    if ((rc = judged__load(&x->j, a, x->d.criteria_set_id)) != 0)
        return rc;
    return judged__evaluate(&x->ev, &x->result, a, &x->j, &x->d);
}

static void decide__dispose(struct decide_args *x)
{
    json_decref(x->result);
    ocop_criteria_free(x->j.cs);
    free(x->decision_number);
    free(x->number);
}

int ocop_app_decide(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body)
{
    static const char *const fields[] = {"decision_number", "decision_date", "certificate_number",
                                         NULL};
    struct decide_args x = {0};
    int rc;

    *out = NULL;
    if ((rc = decide__common(&x, a, dossier_id, body, OCOP_DA_DECIDE, fields)) == 0) {
        if (!x.ev.quorum)
            rc = ocop_error_set(OCOP_ECONFLICT, "the quorum has not scored this dossier");
        else
            rc = app__in_tx(out, a, dossier_id, decide__tx, &x);
    }
    decide__dispose(&x);
    return rc;
}

int ocop_app_central_decide(json_t **out, struct ocop_app *a, int64_t dossier_id, json_t *body)
{
    static const char *const fields[] = {"result", "decision_number", "decision_date",
                                         "certificate_number", NULL};
    static const char *const results[] = {"rejected", "recognised", NULL};
    struct decide_args x = {0};
    const char *result = json_string_value(json_object_get(body, "result"));
    int rc;

    *out = NULL;
    if ((rc = decide__common(&x, a, dossier_id, body, OCOP_DA_CENTRAL_DECIDE, fields)) == 0) {
        if (!result || ocop_enum_index(results, result) < 0)
            rc = ocop_error_set_field(OCOP_EINVALID, "result", "result is recognised or rejected");
        else {
            x.central = 1;
            x.central_recognised = ocop_enum_index(results, result);
            rc = app__in_tx(out, a, dossier_id, decide__tx, &x);
        }
    }
    decide__dispose(&x);
    return rc;
}

/* -------------------------------------------------------------- revocation */

struct revoke_args {
    int64_t id;
    long day;
    char *reason;
};

static int revoke__tx(struct ocop_app *a, void *p)
{
    struct revoke_args *x = p;
    char d[11];
    json_t *after;
    int rc = ocop_store_certificate_revoke(a->st, x->id, x->day, x->reason);
    if (rc)
        return rc;
    ocop_date_format(d, sizeof(d), x->day);
    after = json_pack("{s:s, s:s}", "revoked_at", d, "reason", x->reason);
    rc = ocop_store_audit(a->st, &a->actor, "revoke", "certificate", x->id, NULL, after);
    json_decref(after);
    return rc;
}

int ocop_app_certificate_revoke(json_t **out, struct ocop_app *a, int64_t certificate_id,
                                json_t *body)
{
    static const char *const fields[] = {"reason", "date", NULL};
    struct revoke_args x = {certificate_id, 0, NULL};
    struct ocop_scope_data scope;
    char key[24];
    const char *key2;
    json_t *v;
    int revoked, rc;

    *out = NULL;
    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in first");
    if (a->actor.role != OCOP_ROLE_OFFICE && a->actor.role != OCOP_ROLE_ADMIN &&
        a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(OCOP_EFORBIDDEN, "certificates are revoked by the coordination office");
    if ((rc = ocop_store_certificate_scope(&scope, &revoked, a->st, certificate_id)) != 0)
        return rc;
    if (a->actor.role == OCOP_ROLE_OFFICE && strcmp(scope.province_code, a->actor.province_code))
        return ocop_error_set(OCOP_EFORBIDDEN, "this certificate is outside your province");
    if (!json_is_object(body))
        return ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
    json_object_foreach(body, key2, v) if (ocop_enum_index(fields, key2) < 0)
        return ocop_error_set_field(OCOP_EINVALID, key2, "unknown field for a revocation");
    if ((rc = app__text(&x.reason, body, "reason", 500, 1)) != 0)
        return rc;
    x.day = ocop_app_today(a);
    if (json_object_get(body, "date") && (rc = app__date(&x.day, body, "date", 0, x.day)) != 0)
        goto done;
    if (revoked) {
        rc = ocop_error_set(OCOP_ECONFLICT, "this certificate is already revoked");
        goto done;
    }
    if ((rc = app__in_tx(NULL, a, 0, revoke__tx, &x)) == 0) {
        snprintf(key, sizeof(key), "%lld", (long long)certificate_id);
        rc = ocop_app_get(out, a, "certificates", key);
    }
done:
    free(x.reason);
    return rc;
}
