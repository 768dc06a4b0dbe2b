/* council.c (app): council sessions, scoring, decisions and revocation. */
#include "app/eval_internal.h"
#include "app/notes.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/rules.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

static int council__office(struct ocop_app *a)
{
    if (a->actor.role == OCOP_ROLE_NONE)
        return ocop_error_set(OCOP_EUNAUTH, "sign in first");
    if (a->actor.role != OCOP_ROLE_OFFICE && a->actor.role != OCOP_ROLE_ADMIN &&
        a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(OCOP_EFORBIDDEN, "council sessions are run by the coordination office");
    return 0;
}

int app__text(char **out, json_t *body, const char *key, size_t max, int required)
{
    json_t *v = json_object_get(body, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? ocop_error_set_field(OCOP_EINVALID, key, "%s is required%.0s", key,
                                               ocop_word_vi(key))
                        : 0;
    if (!json_is_string(v) || ocop_text_clean(out, json_string_value(v), json_string_length(v), 1) ||
        (required && !**out) || ocop_text_length(*out) > max) {
        free(*out);
        *out = NULL;
        return ocop_error_set_field(OCOP_EINVALID, key,
                                    "%s must be text of at most %zu characters%.0s", key, max,
                                    ocop_word_vi(key));
    }
    return 0;
}

int app__date(long *day, json_t *body, const char *key, int required, long def)
{
    json_t *v = json_object_get(body, key);
    if (!v || json_is_null(v)) {
        *day = def;
        return required ? ocop_error_set_field(OCOP_EINVALID, key, "%s is required%.0s", key,
                                               ocop_word_vi(key))
                        : 0;
    }
    if (!json_is_string(v) || ocop_date_parse(day, json_string_value(v)))
        return ocop_error_set_field(OCOP_EINVALID, key, "%s must be a date YYYY-MM-DD%.0s", key,
                                    ocop_word_vi(key));
    return 0;
}

static int council__only(json_t *body, const char *const *fields, const char *what)
{
    const char *key;
    json_t *v;
    if (!json_is_object(body))
        return ocop_error_set(OCOP_EINVALID, "the body must be a JSON object");
    json_object_foreach(body, key, v) if (ocop_enum_index(fields, key) < 0)
        return ocop_error_set_field(OCOP_EINVALID, key, "unknown field for %s", what);
    return 0;
}

/* ---------------------------------------------------------------- sessions */

struct session_args {
    char *name;
    const char *level;
    char date[11];
    json_t *members;
    int64_t id;
};

static int session__tx(struct ocop_app *a, void *p)
{
    struct session_args *x = p;
    json_t *m, *after;
    size_t i;
    int rc = ocop_store_session_insert(&x->id, a->st, x->name,
                                       a->actor.province_code[0] ? a->actor.province_code : NULL,
                                       x->level, x->date);
    json_array_foreach(x->members, i, m)
    {
        struct ocop_actor u;
        if (rc)
            break;
        if (ocop_store_user_by_id(&u, a->st, json_integer_value(m)) != 0 ||
            u.role != OCOP_ROLE_COUNCIL)
            rc = ocop_error_set_field(OCOP_EINVALID, "member_ids",
                                      "member %lld is not a council member",
                                      (long long)json_integer_value(m));
        else if (a->actor.role == OCOP_ROLE_OFFICE && strcmp(u.province_code, a->actor.province_code))
            rc = ocop_error_set_field(OCOP_EINVALID, "member_ids",
                                      "member %lld sits on another province's council",
                                      (long long)json_integer_value(m));
        else
            rc = ocop_store_session_add_member(a->st, x->id, json_integer_value(m));
    }
    if (rc)
        return rc;
    after = json_pack("{s:s, s:s, s:s, s:O}", "name", x->name, "level", x->level, "date", x->date,
                      "member_ids", x->members);
    rc = ocop_store_audit(a->st, &a->actor, "create", "session", x->id, NULL, after);
    json_decref(after);
    return rc;
}

int ocop_app_session_create(json_t **out, struct ocop_app *a, json_t *body)
{
    static const char *const fields[] = {"name", "date", "level", "member_ids", NULL};
    static const char *const levels[] = {"province", "central", NULL};
    struct session_args x = {0};
    json_t *m;
    size_t i;
    long day;
    int rc;

    *out = NULL;
    if ((rc = council__office(a)) != 0 || (rc = council__only(body, fields, "a session")) != 0)
        return rc;
    /* every field is checked, so one answer names all that are wrong */
    ocop_error_gather_start();
    if (app__text(&x.name, body, "name", 200, 1) != 0)
        ocop_error_gather();
    if (app__date(&day, body, "date", 1, 0) == 0)
        ocop_date_format(x.date, sizeof(x.date), day);
    else
        ocop_error_gather();
    x.level = json_string_value(json_object_get(body, "level"));
    if (!x.level)
        x.level = "province";
    if (ocop_enum_index(levels, x.level) < 0 ||
        (strcmp(x.level, "central") == 0 && a->actor.role == OCOP_ROLE_OFFICE)) {
        ocop_error_set_field(OCOP_EINVALID, "level",
                             "level is province (central sessions "
                             "are recorded by an administrator)");
        ocop_error_gather();
    }
    x.members = json_object_get(body, "member_ids");
    if (!json_is_array(x.members) || json_array_size(x.members) == 0 ||
        json_array_size(x.members) > 50) {
        ocop_error_set_field(OCOP_EINVALID, "member_ids",
                             "member_ids lists 1 to 50 council members");
        ocop_error_gather();
    } else {
        json_array_foreach(x.members, i, m) if (!json_is_integer(m) || json_integer_value(m) < 1)
        {
            ocop_error_set_field(OCOP_EINVALID, "member_ids", "member_ids holds user ids");
            ocop_error_gather();
            break;
        }
    }
    if ((rc = ocop_error_gather_finish()) != 0)
        goto done;
    if ((rc = app__in_tx(NULL, a, 0, session__tx, &x)) == 0)
        rc = ocop_store_session_get(out, a->st, x.id);
done:
    free(x.name);
    return rc;
}

static int session__readable(struct ocop_app *a, json_t *s)
{
    const char *prov = json_string_value(json_object_get(s, "province_code"));
    if (a->actor.role == OCOP_ROLE_ADMIN || a->actor.role == OCOP_ROLE_SYSTEM)
        return 0;
    if (a->actor.role == OCOP_ROLE_OFFICE && prov && strcmp(prov, a->actor.province_code) == 0)
        return 0;
    if (a->actor.role == OCOP_ROLE_COUNCIL &&
        ocop_store_session_member(a->st, json_integer_value(json_object_get(s, "id")),
                                  a->actor.user_id) == 0)
        return 0;
    return ocop_error_set(a->actor.role == OCOP_ROLE_NONE ? OCOP_EUNAUTH : OCOP_EFORBIDDEN,
                          "this council session is outside your scope");
}

int ocop_app_session_get(json_t **out, struct ocop_app *a, int64_t id)
{
    int rc = ocop_store_session_get(out, a->st, id);
    if (rc == 0 && (rc = session__readable(a, *out)) != 0) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int ocop_app_session_list(json_t **out, struct ocop_app *a)
{
    int rc = council__office(a);
    if (rc)
        return rc;
    return ocop_store_session_list(out, a->st,
                                   a->actor.role == OCOP_ROLE_OFFICE ? a->actor.province_code : NULL);
}

int ocop_app_council_users(json_t **out, struct ocop_app *a, int limit)
{
    int rc = council__office(a);
    *out = NULL;
    if (rc)
        return rc;
    return ocop_store_council_users(
        out, a->st, a->actor.role == OCOP_ROLE_OFFICE ? a->actor.province_code : NULL, limit);
}

struct schedule_args {
    struct ocop_dossier_row d;
    int64_t session_id;
};

static int schedule__tx(struct ocop_app *a, void *p)
{
    struct schedule_args *x = p;
    char note[64];
    int rc = ocop_store_dossier_set_session(a->st, x->d.id, x->session_id);
    snprintf(note, sizeof(note), OCOP_NOTE_SESSION, (long long)x->session_id);
    return rc ? rc : app__dossier_move(a, &x->d, "scheduled", "schedule", note);
}

int ocop_app_session_schedule(json_t **out, struct ocop_app *a, int64_t session_id,
                              int64_t dossier_id)
{
    struct schedule_args x = {0};
    json_t *session = NULL;
    int rc;

    *out = NULL;
    if ((rc = ocop_app_session_get(&session, a, session_id)) != 0)
        return rc;
    rc = strcmp(json_string_value(json_object_get(session, "level")), "province") == 0
             ? 0 : ocop_error_set(OCOP_ECONFLICT, "dossiers are scheduled at provincial sessions");
    json_decref(session);
    if (rc || (rc = ocop_store_dossier_row(&x.d, a->st, dossier_id)) != 0 ||
        (rc = app__dossier_may(a, &x.d, OCOP_DA_SCHEDULE)) != 0)
        return rc == OCOP_ENOTFOUND ? ocop_error_set_field(OCOP_EINVALID, "dossier_id",
                                                           "no dossier has that id") : rc;
    x.session_id = session_id;
    return app__in_tx(out, a, dossier_id, schedule__tx, &x);
}

struct conflict_args {
    int64_t dossier_id;
    char *reason;
};

static int conflict__tx(struct ocop_app *a, void *p)
{
    struct conflict_args *x = p;
    json_t *after = json_pack("{s:s?}", "reason", x->reason);
    int rc = ocop_store_conflict_insert(a->st, x->dossier_id, a->actor.user_id, x->reason);
    if (rc == 0)
        rc = ocop_store_audit(a->st, &a->actor, "declare_conflict", "dossier", x->dossier_id,
                              NULL, after);
    json_decref(after);
    return rc;
}

int ocop_app_conflict_declare(json_t **out, struct ocop_app *a, int64_t dossier_id,
                              const char *reason)
{
    struct ocop_dossier_row d;
    struct conflict_args x = {dossier_id, NULL};
    int rc;

    *out = NULL;
    if ((rc = ocop_store_dossier_row(&d, a->st, dossier_id)) != 0)
        return rc;
    if (a->actor.role != OCOP_ROLE_COUNCIL)
        return ocop_error_set(a->actor.role == OCOP_ROLE_NONE ? OCOP_EUNAUTH : OCOP_EFORBIDDEN,
                              "conflicts of interest are declared by council members");
    if (!d.session_id || ocop_store_session_member(a->st, d.session_id, a->actor.user_id) != 0)
        return ocop_error_set(OCOP_EFORBIDDEN, "you do not sit on this dossier's council");
    if (strcmp(d.state, "scheduled") != 0 && strcmp(d.state, "scored") != 0)
        return ocop_error_set(OCOP_ECONFLICT, "conflicts are declared while the dossier is scored");
    if (ocop_store_conflict_exists(a->st, dossier_id, a->actor.user_id) != 0) {
        json_t *mine = NULL;
        /* a member who already scored cannot step back afterwards */
        ocop_store_scores(&mine, a->st, dossier_id);
        for (size_t i = 0; mine && i < json_array_size(mine); i++)
            if (json_integer_value(json_object_get(json_array_get(mine, i), "user_id")) ==
                a->actor.user_id)
                rc = ocop_error_set(OCOP_ECONFLICT, "you have already scored this dossier");
        json_decref(mine);
        if (rc)
            return rc;
    }
    if (reason && ocop_text_clean(&x.reason, reason, strlen(reason), 1))
        return ocop_error_set_field(OCOP_EINVALID, "reason", "reason must be clean text");
    rc = app__in_tx(out, a, dossier_id, conflict__tx, &x);
    free(x.reason);
    return rc;
}
