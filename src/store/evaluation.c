/* evaluation.c (store): rules as data, dossiers, sessions, conflicts, scores. */
#include "store/evaluation.h"
#include "store/query_builder.h"
#include "store/store_internal.h"
#include "core/dates.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

/* Runs a one-row query and returns its first column as a new string. */
static int eval__text(char **out, struct ocop_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = sqlite3_step(s);
    *out = NULL;
    if (rc == SQLITE_ROW) {
        *out = strdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no such %s", what)
                             : store__fail(st, what);
}

/* Runs a query and returns its rows as a JSON array. */
int ocop_store_ruleset_save(int64_t *id, int *changed, struct ocop_store *st, const char *code,
                            const char *effective_from, const char *doc)
{
    char now[32], *old = NULL;
    sqlite3_stmt *s;
    int rc;

    *changed = 0;
    if (ocop_store_ruleset_doc(&old, st, code) == 0) {
        rc = strcmp(old, doc) == 0 ? 0
                                   : ocop_error_set(OCOP_ECONFLICT,
                                                    "ruleset %s is already loaded with other "
                                                    "content; a changed rule is a new decision",
                                                    code);
        free(old);
        if (rc == 0 && (s = store__stmt(st, "SELECT id FROM rulesets WHERE code = ?"))) {
            store__bind_text(s, 1, code);
            if (sqlite3_step(s) == SQLITE_ROW)
                *id = sqlite3_column_int64(s, 0);
            sqlite3_reset(s);
        }
        return rc;
    }
    if (!(s = store__stmt(st, "INSERT INTO rulesets(code, effective_from, doc, loaded_at) "
                              "VALUES (?, ?, ?, ?)")))
        return -1;
    store__now(now);
    store__bind_text(s, 1, code);
    store__bind_text(s, 2, effective_from);
    store__bind_text(s, 3, doc);
    store__bind_text(s, 4, now);
    if ((rc = store__exec_stmt(st, s, "save ruleset")) != 0)
        return rc;
    *id = sqlite3_last_insert_rowid(st->db);
    *changed = 1;
    return 0;
}

int ocop_store_ruleset_doc(char **doc, struct ocop_store *st, const char *code)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT doc FROM rulesets WHERE code = ?");
    if (!s)
        return -1;
    store__bind_text(s, 1, code);
    return eval__text(doc, st, s, "ruleset");
}

int ocop_store_criteria_save(int64_t *id, int *version, int *changed, struct ocop_store *st,
                             const char *code, const char *ruleset, const char *sector,
                             const char *name, int official, json_t *groups, const char *doc)
{
    sqlite3_stmt *s;
    char now[32];
    size_t i;
    json_t *g;
    int rc;

    *changed = 0;
    *version = 0;
    s = store__stmt(st, "SELECT id, version, doc = ?2 FROM criteria_sets WHERE code = ?1 "
                        "ORDER BY version DESC LIMIT 1");
    if (!s)
        return -1;
    store__bind_text(s, 1, code);
    store__bind_text(s, 2, doc);
    if (sqlite3_step(s) == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *version = sqlite3_column_int(s, 1);
        if (sqlite3_column_int(s, 2)) {
            sqlite3_reset(s);
            return 0; /* the same document: nothing to do */
        }
    }
    sqlite3_reset(s);
    if (!(s = store__stmt(st, "UPDATE criteria_sets SET current = 0 WHERE code = ?")))
        return -1;
    store__bind_text(s, 1, code);
    if ((rc = store__exec_stmt(st, s, "save criteria set")) != 0)
        return rc;
    s = store__stmt(st, "INSERT INTO criteria_sets(code, version, ruleset_id, sector, name, "
                        "official, doc, loaded_at) SELECT ?, ?, id, ?, ?, ?, ?, ? FROM rulesets "
                        "WHERE code = ?");
    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, code);
    sqlite3_bind_int(s, 2, ++*version);
    store__bind_text(s, 3, sector);
    store__bind_text(s, 4, name);
    sqlite3_bind_int(s, 5, official);
    store__bind_text(s, 6, doc);
    store__bind_text(s, 7, now);
    store__bind_text(s, 8, ruleset);
    if ((rc = store__exec_stmt(st, s, "save criteria set")) != 0)
        return rc;
    if (sqlite3_changes(st->db) == 0)
        return ocop_error_set(OCOP_EINVALID, "load the ruleset %s first", ruleset);
    *id = sqlite3_last_insert_rowid(st->db);
    json_array_foreach(groups, i, g)
    {
        if (!(s = store__stmt(st, "INSERT INTO criteria_set_groups VALUES (?, ?)")))
            return -1;
        sqlite3_bind_int64(s, 1, *id);
        store__bind_text(s, 2, json_string_value(g));
        if ((rc = store__exec_stmt(st, s, "save criteria set")) != 0)
            return rc;
    }
    *changed = 1;
    return 0;
}

int ocop_store_criteria_docs(char **set_doc, char **ruleset_doc, struct ocop_store *st,
                             int64_t set_id)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT c.doc, r.doc FROM criteria_sets c JOIN rulesets r "
                                      "ON r.id = c.ruleset_id WHERE c.id = ?");
    int rc;
    *set_doc = *ruleset_doc = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, set_id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *set_doc = strdup((const char *)sqlite3_column_text(s, 0));
        *ruleset_doc = strdup((const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no criteria set has that id")
                                 : store__fail(st, "read criteria set");
    return *set_doc && *ruleset_doc ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

int ocop_store_criteria_for_group(int64_t *id, struct ocop_store *st, const char *group)
{
    sqlite3_stmt *s = store__stmt(
        st, "SELECT c.id FROM criteria_sets c JOIN criteria_set_groups g ON g.criteria_set_id = "
            "c.id JOIN rulesets r ON r.id = c.ruleset_id WHERE g.group_code = ? AND c.current = 1 "
            "ORDER BY r.effective_from DESC LIMIT 1");
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, group);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return ocop_error_set_field(OCOP_EINVALID, "criteria_set_id",
                                "no criteria set is loaded for this product's group");
}

int ocop_store_criteria_group_owner(char **code, struct ocop_store *st, const char *ruleset,
                                    const char *group)
{
    sqlite3_stmt *s = store__stmt(
        st, "SELECT c.code FROM criteria_sets c JOIN criteria_set_groups g ON g.criteria_set_id = "
            "c.id JOIN rulesets r ON r.id = c.ruleset_id WHERE r.code = ? AND g.group_code = ? "
            "AND c.current = 1");
    if (!s)
        return -1;
    store__bind_text(s, 1, ruleset);
    store__bind_text(s, 2, group);
    return eval__text(code, st, s, "criteria set");
}

#define SET_COLUMNS                                                                             \
    "SELECT c.id, c.code, c.version, c.name, c.sector, c.official, c.current, r.code AS "      \
    "ruleset, c.loaded_at, (SELECT json_group_array(group_code) FROM criteria_set_groups "      \
    "WHERE criteria_set_id = c.id) AS groups FROM criteria_sets c JOIN rulesets r ON r.id = "   \
    "c.ruleset_id "

static void eval__parse_member(json_t *row, const char *key)
{
    json_t *v = json_object_get(row, key);
    if (json_is_string(v))
        json_object_set_new(row, key, json_loads(json_string_value(v), 0, NULL));
}

int ocop_store_criteria_list(json_t **out, struct ocop_store *st)
{
    sqlite3_stmt *s = store__stmt(st, SET_COLUMNS "ORDER BY r.effective_from DESC, c.code, c.version");
    size_t i;
    json_t *row;
    int rc;
    if (!s)
        return -1;
    if ((rc = store__rows(out, st, s)) != 0)
        return rc;
    json_array_foreach(*out, i, row) eval__parse_member(row, "groups");
    return 0;
}

int ocop_store_criteria_get(json_t **out, struct ocop_store *st, int64_t id)
{
    sqlite3_stmt *s = store__stmt(st, SET_COLUMNS "WHERE c.id = ?");
    char *doc = NULL, *rdoc = NULL;
    json_t *parsed;
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__one(out, st, s, "criteria set")) != 0)
        return rc;
    eval__parse_member(*out, "groups");
    if ((rc = ocop_store_criteria_docs(&doc, &rdoc, st, id)) == 0) {
        parsed = json_loads(doc, 0, NULL);
        json_object_set(*out, "parts", json_object_get(parsed, "parts"));
        json_object_set(*out, "name_en", json_object_get(parsed, "name_en"));
        json_object_set(*out, "note", json_object_get(parsed, "note"));
        json_decref(parsed);
        json_object_set_new(*out, "rules", json_loads(rdoc, 0, NULL));
    }
    free(doc);
    free(rdoc);
    return rc;
}
