/* users.c: users, bearer tokens and the append-only audit log. */
#include "store/store_internal.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

int ocop_store_user_insert(int64_t *id, struct ocop_store *st, const struct ocop_user_new *u)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO users(email, name, role, province_id, ward_id, producer_id, "
            "password_hash, created_at) VALUES (?1, ?2, ?3, "
            "(SELECT id FROM provinces WHERE code = ?4), (SELECT id FROM wards WHERE code = ?5), "
            "?6, ?7, ?8)");
    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, u->email);
    store__bind_text(s, 2, u->name);
    store__bind_text(s, 3, ocop_role_name(u->role));
    store__bind_text(s, 4, u->province_code);
    store__bind_text(s, 5, u->ward_code);
    if (u->producer_id > 0)
        sqlite3_bind_int64(s, 6, u->producer_id);
    store__bind_text(s, 7, u->password_hash);
    store__bind_text(s, 8, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
            return ocop_error_set_field(OCOP_EEXISTS, "email", "a user with that e-mail exists");
        return store__fail(st, "add user");
    }
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

static const char actor_columns[] =
    "SELECT u.id, u.role, u.email, coalesce(p.code, wp.code, ''), coalesce(w.code, ''), "
    "coalesce(u.producer_id, 0), u.disabled FROM users u "
    "LEFT JOIN wards w ON w.id = u.ward_id LEFT JOIN provinces wp ON wp.id = w.province_id "
    "LEFT JOIN provinces p ON p.id = u.province_id ";

static int users__actor_row(struct ocop_actor *a, sqlite3_stmt *s)
{
    memset(a, 0, sizeof(*a));
    a->user_id = sqlite3_column_int64(s, 0);
    if (ocop_role_parse(&a->role, (const char *)sqlite3_column_text(s, 1)))
        return ocop_error_set(OCOP_ERROR, "a user has an unknown role");
    snprintf(a->email, sizeof(a->email), "%s", (const char *)sqlite3_column_text(s, 2));
    snprintf(a->province_code, sizeof(a->province_code), "%s",
             (const char *)sqlite3_column_text(s, 3));
    snprintf(a->ward_code, sizeof(a->ward_code), "%s", (const char *)sqlite3_column_text(s, 4));
    a->producer_id = sqlite3_column_int64(s, 5);
    if (sqlite3_column_int(s, 6))
        return ocop_error_set(OCOP_EUNAUTH, "this account is disabled");
    return 0;
}

/* Runs sql (one parameter: the e-mail) to its first row; *out is then the statement,
 * on that row, for the caller to read and reset. OCOP_ENOTFOUND if no user has it. */
static int users__by_email(sqlite3_stmt **out, struct ocop_store *st, const char *sql,
                           const char *email)
{
    sqlite3_stmt *s = store__stmt(st, sql);
    int rc;
    *out = NULL;
    if (!s)
        return -1;
    store__bind_text(s, 1, email);
    if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE
                   ? ocop_error_set_field(OCOP_ENOTFOUND, "email", "no user has that e-mail")
                   : store__fail(st, "find user");
    }
    *out = s;
    return 0;
}

int ocop_store_user_actor(struct ocop_actor *out, struct ocop_store *st, const char *email)
{
    char sql[600];
    sqlite3_stmt *s;
    int rc;

    snprintf(sql, sizeof(sql), "%sWHERE u.email = ?", actor_columns);
    if ((rc = users__by_email(&s, st, sql, email)) != 0)
        return rc;
    rc = users__actor_row(out, s);
    sqlite3_reset(s);
    return rc;
}

int ocop_store_user_password_hash(char **out, struct ocop_store *st, const char *email)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT password_hash FROM users WHERE email = ? "
                                      "AND disabled = 0 AND password_hash IS NOT NULL");
    *out = NULL;
    if (!s)
        return -1;
    store__bind_text(s, 1, email);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return ocop_error_set(OCOP_EUNAUTH, "wrong e-mail or password");
    }
    *out = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

int ocop_store_token_insert(struct ocop_store *st, int64_t user_id, const unsigned char *hash,
                            size_t hash_len, const char *label)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO tokens(user_id, hash, label, created_at) VALUES (?, ?, ?, ?)");
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, user_id);
    sqlite3_bind_blob(s, 2, hash, (int)hash_len, SQLITE_TRANSIENT);
    store__bind_text(s, 3, label);
    store__bind_text(s, 4, now);
    return store__exec_stmt(st, s, "save token");
}

int ocop_store_token_actor(struct ocop_actor *out, struct ocop_store *st,
                           const unsigned char *hash, size_t hash_len)
{
    char sql[700];
    sqlite3_stmt *s;
    int rc;

    snprintf(sql, sizeof(sql), "%sJOIN tokens t ON t.user_id = u.id "
             "WHERE t.hash = ? AND t.revoked_at IS NULL", actor_columns);
    if (!(s = store__stmt(st, sql)))
        return -1;
    sqlite3_bind_blob(s, 1, hash, (int)hash_len, SQLITE_STATIC);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ocop_error_set(OCOP_EUNAUTH, "the token is not valid")
                                 : store__fail(st, "check token");
    }
    rc = users__actor_row(out, s);
    sqlite3_reset(s);
    return rc;
}

int ocop_store_user_list(json_t **out, long long *total, struct ocop_store *st, const char *q,
                         int limit, int offset)
{
#define USERS_MATCH " WHERE ?1 IS NULL OR u.email LIKE ?1 ESCAPE '\\' OR u.name LIKE ?1 ESCAPE '\\'"
    char like[300];
    size_t n = 0;
    sqlite3_stmt *s;
    int rc;

    *out = NULL;
    *total = 0;
    if (q) { /* %q%, with q's own % _ and \ taken literally */
        like[n++] = '%';
        for (; *q && n < sizeof(like) - 3; q++) {
            if (*q == '%' || *q == '_' || *q == '\\')
                like[n++] = '\\';
            like[n++] = *q;
        }
        like[n++] = '%';
        like[n] = '\0';
    }
    if (!(s = store__stmt(st, "SELECT count(*) FROM users u" USERS_MATCH)))
        return -1;
    store__bind_text(s, 1, q ? like : NULL);
    if ((rc = sqlite3_step(s)) == SQLITE_ROW)
        *total = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc != SQLITE_ROW)
        return store__fail(st, "count users");
    s = store__stmt(
        st, "SELECT u.id, u.email, u.name, u.role, coalesce(p.code, wp.code) AS province, "
            "w.code AS ward, u.producer_id, u.disabled, u.created_at, "
            "(SELECT count(*) FROM tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) "
            "AS tokens FROM users u LEFT JOIN wards w ON w.id = u.ward_id "
            "LEFT JOIN provinces wp ON wp.id = w.province_id "
            "LEFT JOIN provinces p ON p.id = u.province_id" USERS_MATCH
            " ORDER BY u.id LIMIT ?2 OFFSET ?3");
#undef USERS_MATCH
    if (!s)
        return -1;
    store__bind_text(s, 1, q ? like : NULL);
    sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
    sqlite3_bind_int(s, 3, offset > 0 ? offset : 0);
    return store__rows(out, st, s);
}

int ocop_store_user_find(int64_t *id, enum ocop_role *role, int *disabled,
                         struct ocop_store *st, const char *email)
{
    sqlite3_stmt *s;
    int rc = users__by_email(&s, st, "SELECT id, role, disabled FROM users WHERE email = ?", email);
    if (rc)
        return rc;
    *id = sqlite3_column_int64(s, 0);
    rc = ocop_role_parse(role, (const char *)sqlite3_column_text(s, 1));
    *disabled = sqlite3_column_int(s, 2);
    sqlite3_reset(s);
    return rc ? ocop_error_set(OCOP_ERROR, "a user has an unknown role") : 0;
}

int ocop_store_user_email(char *out, size_t n, struct ocop_store *st, int64_t user_id)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT email FROM users WHERE id = ?");
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, user_id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        snprintf(out, n, "%s", (const char *)sqlite3_column_text(s, 0));
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no user has id %lld",
                                              (long long)user_id)
                             : store__fail(st, "find user");
}

int ocop_store_user_set_disabled(struct ocop_store *st, int64_t user_id, int disabled)
{
    sqlite3_stmt *s = store__stmt(st, "UPDATE users SET disabled = ? WHERE id = ?");
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int(s, 1, disabled != 0);
    sqlite3_bind_int64(s, 2, user_id);
    if ((rc = store__exec_stmt(st, s, "change user")) != 0 || !disabled)
        return rc;
    if (!(s = store__stmt(st, "DELETE FROM web_sessions WHERE user_id = ?")))
        return -1;
    sqlite3_bind_int64(s, 1, user_id);
    return store__exec_stmt(st, s, "end sessions");
}

int ocop_store_admins_besides(long long *n, struct ocop_store *st, int64_t user_id)
{
    return store__count(n, st, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 "
                               "AND id <> ?1", user_id);
}

int ocop_store_token_list(json_t **out, struct ocop_store *st, int64_t user_id)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT id, label, created_at, revoked_at FROM tokens "
                                      "WHERE user_id = ? ORDER BY id");
    *out = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, user_id);
    return store__rows(out, st, s);
}

int ocop_store_token_revoke(int64_t *user_id, int *was_revoked, struct ocop_store *st,
                            int64_t token_id)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(st, "SELECT user_id, revoked_at IS NOT NULL FROM tokens "
                                      "WHERE id = ?");
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, token_id);
    if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ocop_error_set_field(OCOP_ENOTFOUND, "id", "no token has that id")
                                 : store__fail(st, "find token");
    }
    *user_id = sqlite3_column_int64(s, 0);
    *was_revoked = sqlite3_column_int(s, 1);
    sqlite3_reset(s);
    if (*was_revoked)
        return 0;
    if (!(s = store__stmt(st, "UPDATE tokens SET revoked_at = ? WHERE id = ?")))
        return -1;
    store__now(now);
    store__bind_text(s, 1, now);
    sqlite3_bind_int64(s, 2, token_id);
    return store__exec_stmt(st, s, "revoke token");
}

int ocop_store_audit(struct ocop_store *st, const struct ocop_actor *actor, const char *action,
                     const char *entity, int64_t entity_id, json_t *before, json_t *after)
{
    char now[32], *b = NULL, *a = NULL, label[300];
    int rc;
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO audit_log(at, user_id, actor, action, entity, entity_id, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return -1;
    store__now(now);
    if (before)
        b = json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS);
    if (after)
        a = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
    snprintf(label, sizeof(label), "%s:%s", ocop_role_name(actor->role),
             actor->email[0] ? actor->email : "-");
    store__bind_text(s, 1, now);
    if (actor->user_id > 0)
        sqlite3_bind_int64(s, 2, actor->user_id);
    store__bind_text(s, 3, label);
    store__bind_text(s, 4, action);
    store__bind_text(s, 5, entity);
    if (entity_id > 0)
        sqlite3_bind_int64(s, 6, entity_id);
    store__bind_text(s, 7, b);
    store__bind_text(s, 8, a);
    rc = store__exec_stmt(st, s, "write audit row");
    free(b);
    free(a);
    return rc;
}

int ocop_store_audit_list(json_t **out, struct ocop_store *st, const char *entity,
                          int64_t entity_id, long long limit)
{
    json_t *items = json_array(), *row;
    sqlite3_stmt *s = store__stmt(
        st, "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log "
            "WHERE (?1 IS NULL OR entity = ?1) AND (?2 = 0 OR entity_id = ?2) "
            "ORDER BY id DESC LIMIT ?3");
    int rc;
    if (!s) {
        json_decref(items);
        return -1;
    }
    store__bind_text(s, 1, entity);
    sqlite3_bind_int64(s, 2, entity_id);
    sqlite3_bind_int64(s, 3, limit);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        row = store__row_json(s);
        for (int k = 0; k < 2; k++) {
            const char *key = k ? "after" : "before";
            json_t *v = json_object_get(row, key);
            if (json_is_string(v))
                json_object_set_new(row, key, json_loads(json_string_value(v), 0, NULL));
        }
        json_array_append_new(items, row);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return store__fail(st, "read audit log");
    }
    *out = items;
    return 0;
}
