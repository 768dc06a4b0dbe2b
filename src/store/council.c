/* council.c (store): documents, council sessions, conflicts, score sheets, revocation. */
#include "store/evaluation.h"
#include "store/store_internal.h"
#include "core/dates.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

int ocop_store_document_insert(int64_t *id, struct ocop_store *st, int64_t dossier_id,
                               const char *name, const char *content_type, const void *data,
                               size_t len, const char *sha256, int64_t user_id)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO dossier_documents(dossier_id, name, content_type, size, sha256, data, "
            "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, dossier_id);
    store__bind_text(s, 2, name);
    store__bind_text(s, 3, content_type);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)len);
    store__bind_text(s, 5, sha256);
    sqlite3_bind_blob64(s, 6, data, len, SQLITE_STATIC);
    if (user_id > 0)
        sqlite3_bind_int64(s, 7, user_id);
    store__bind_text(s, 8, now);
    if (store__exec_stmt(st, s, "save document"))
        return -1;
    sqlite3_bind_null(s, 6); /* the statement must not keep a pointer to the caller's bytes */
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int ocop_store_document_get(json_t **meta, void **data, size_t *len, struct ocop_store *st,
                            int64_t dossier_id, int64_t document_id)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT id, name, content_type, size, sha256, data FROM "
                                      "dossier_documents WHERE dossier_id = ? AND id = ?");
    int rc;
    *meta = NULL;
    *data = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, dossier_id);
    sqlite3_bind_int64(s, 2, document_id);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no such document")
                                 : store__fail(st, "read document");
    }
    *len = (size_t)sqlite3_column_bytes(s, 5);
    *data = malloc(*len ? *len : 1);
    if (*data && *len)
        memcpy(*data, sqlite3_column_blob(s, 5), *len);
    *meta = json_pack("{s:s, s:s, s:s}", "name", sqlite3_column_text(s, 1), "content_type",
                      sqlite3_column_text(s, 2), "sha256", sqlite3_column_text(s, 4));
    sqlite3_reset(s);
    return *data ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

int ocop_store_session_insert(int64_t *id, struct ocop_store *st, const char *name,
                              const char *province_code, const char *level, const char *date)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO council_sessions(name, province_id, level, date, created_at) VALUES "
            "(?, (SELECT id FROM provinces WHERE code = ?), ?, ?, ?)");
    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, name);
    store__bind_text(s, 2, province_code);
    store__bind_text(s, 3, level);
    store__bind_text(s, 4, date);
    store__bind_text(s, 5, now);
    if (store__exec_stmt(st, s, "save session"))
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int ocop_store_session_add_member(struct ocop_store *st, int64_t session_id, int64_t user_id)
{
    sqlite3_stmt *s = store__stmt(st, "INSERT OR IGNORE INTO session_members VALUES (?, ?)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, session_id);
    sqlite3_bind_int64(s, 2, user_id);
    return store__exec_stmt(st, s, "add member");
}

#define SESSION_COLUMNS                                                                         \
    "SELECT s.id, s.name, s.level, s.date, pv.code AS province_code, s.created_at, "            \
    "(SELECT count(*) FROM session_members WHERE session_id = s.id) AS members_count, "         \
    "(SELECT count(*) FROM dossiers WHERE session_id = s.id) AS dossiers_count "               \
    "FROM council_sessions s LEFT JOIN provinces pv ON pv.id = s.province_id "

int ocop_store_session_get(json_t **out, struct ocop_store *st, int64_t id)
{
    sqlite3_stmt *s = store__stmt(st, SESSION_COLUMNS "WHERE s.id = ?");
    json_t *list = NULL;
    int rc;
    *out = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__one(out, st, s, "council session")) != 0)
        return rc;
    s = store__stmt(st, "SELECT u.id, u.email, u.name FROM session_members m JOIN users u ON "
                        "u.id = m.user_id WHERE m.session_id = ? ORDER BY u.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__rows(&list, st, s)) != 0)
        return rc;
    json_object_set_new(*out, "members", list);
    s = store__stmt(st, "SELECT d.id, d.state, p.name AS product_name, d.total, d.stars FROM "
                        "dossiers d JOIN products p ON p.id = d.product_id WHERE d.session_id = ? "
                        "ORDER BY d.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__rows(&list, st, s)) != 0)
        return rc;
    json_object_set_new(*out, "dossiers", list);
    return 0;
}

int ocop_store_council_users(json_t **out, struct ocop_store *st, const char *province_code,
                             int limit)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT u.id, u.email, u.name FROM users u LEFT JOIN "
                                      "provinces pv ON pv.id = u.province_id WHERE u.role = "
                                      "'council' AND u.disabled = 0 AND (?1 IS NULL OR pv.code = "
                                      "?1) ORDER BY u.name IS NULL, u.name, u.email LIMIT ?2");
    *out = NULL;
    if (!s)
        return -1;
    store__bind_text(s, 1, province_code);
    sqlite3_bind_int(s, 2, limit);
    return store__rows(out, st, s);
}

int ocop_store_session_list(json_t **out, struct ocop_store *st, const char *province_code)
{
    sqlite3_stmt *s = store__stmt(st, SESSION_COLUMNS "WHERE ?1 IS NULL OR pv.code = ?1 "
                                                      "ORDER BY s.date DESC, s.id DESC");
    json_t *items = NULL;
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, province_code);
    if ((rc = store__rows(&items, st, s)) != 0)
        return rc;
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return 0;
}

static int council__exists(struct ocop_store *st, const char *sql, int64_t a, int64_t b,
                           const char *what)
{
    sqlite3_stmt *s = store__stmt(st, sql);
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, a);
    sqlite3_bind_int64(s, 2, b);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "%s", what) : store__fail(st, what);
}

static int council__count(int *n, struct ocop_store *st, const char *sql, int64_t id)
{
    long long v = 0;
    int rc = store__count(&v, st, sql, id);
    *n = (int)v;
    return rc;
}

int ocop_store_session_member(struct ocop_store *st, int64_t session_id, int64_t user_id)
{
    return council__exists(st, "SELECT 1 FROM session_members WHERE session_id = ? AND user_id = ?",
                           session_id, user_id, "not a member of this council session");
}

int ocop_store_session_members(int *n, struct ocop_store *st, int64_t session_id)
{
    return council__count(n, st, "SELECT count(*) FROM session_members WHERE session_id = ?",
                          session_id);
}

int ocop_store_user_by_id(struct ocop_actor *out, struct ocop_store *st, int64_t user_id)
{
    char email[255];
    int rc = ocop_store_user_email(email, sizeof(email), st, user_id);
    return rc ? rc : ocop_store_user_actor(out, st, email);
}

int ocop_store_conflict_insert(struct ocop_store *st, int64_t dossier_id, int64_t user_id,
                               const char *reason)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(st, "INSERT INTO conflicts(dossier_id, user_id, reason, "
                                      "declared_at) VALUES (?, ?, ?, ?)");
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, dossier_id);
    sqlite3_bind_int64(s, 2, user_id);
    store__bind_text(s, 3, reason);
    store__bind_text(s, 4, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_PRIMARYKEY)
            return ocop_error_set(OCOP_ECONFLICT, "you have already declared a conflict of "
                                  "interest for this dossier");
        return store__fail(st, "declare conflict");
    }
    return 0;
}

int ocop_store_conflict_exists(struct ocop_store *st, int64_t dossier_id, int64_t user_id)
{
    return council__exists(st, "SELECT 1 FROM conflicts WHERE dossier_id = ? AND user_id = ?",
                           dossier_id, user_id, "no conflict declared");
}

int ocop_store_conflicts(int *n, struct ocop_store *st, int64_t dossier_id)
{
    return council__count(n, st, "SELECT count(*) FROM conflicts WHERE dossier_id = ?", dossier_id);
}

int ocop_store_score_insert(struct ocop_store *st, int64_t dossier_id, int64_t user_id,
                            json_t *choices, double total)
{
    char now[32], *text = json_dumps(choices, JSON_COMPACT);
    sqlite3_stmt *s = store__stmt(st, "INSERT INTO scores(dossier_id, user_id, choices, total, "
                                      "submitted_at) VALUES (?, ?, ?, ?, ?)");
    int rc = 0;
    if (!s || !text) {
        free(text);
        return -1;
    }
    store__now(now);
    sqlite3_bind_int64(s, 1, dossier_id);
    sqlite3_bind_int64(s, 2, user_id);
    store__bind_text(s, 3, text);
    sqlite3_bind_double(s, 4, total);
    store__bind_text(s, 5, now);
    if (sqlite3_step(s) != SQLITE_DONE)
        rc = sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE
                 ? ocop_error_set(OCOP_ECONFLICT, "you have already scored this dossier; a "
                                  "member scores once")
                 : store__fail(st, "save score sheet");
    sqlite3_reset(s);
    free(text);
    return rc;
}

int ocop_store_scores(json_t **out, struct ocop_store *st, int64_t dossier_id)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT s.user_id, u.email, u.name, s.choices, s.total, "
                                      "s.submitted_at FROM scores s JOIN users u ON u.id = "
                                      "s.user_id WHERE s.dossier_id = ? ORDER BY s.id");
    size_t i;
    json_t *row;
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, dossier_id);
    if ((rc = store__rows(out, st, s)) != 0)
        return rc;
    json_array_foreach(*out, i, row)
        json_object_set_new(row, "choices",
                            json_loads(json_string_value(json_object_get(row, "choices")), 0, NULL));
    return 0;
}

int ocop_store_certificate_scope(struct ocop_scope_data *out, int *revoked,
                                 struct ocop_store *st, int64_t certificate_id)
{
    sqlite3_stmt *s = store__stmt(
        st, "SELECT pv.code, w.code, p.producer_id, c.revoked_at IS NOT NULL FROM certificates c "
            "JOIN products p ON p.id = c.product_id JOIN wards w ON w.id = p.ward_id "
            "JOIN provinces pv ON pv.id = w.province_id WHERE c.id = ?");
    int rc;
    memset(out, 0, sizeof(*out));
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, certificate_id);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(out->province_code, sizeof(out->province_code), "%s", sqlite3_column_text(s, 0));
        snprintf(out->ward_code, sizeof(out->ward_code), "%s", sqlite3_column_text(s, 1));
        out->producer_id = sqlite3_column_int64(s, 2);
        *revoked = sqlite3_column_int(s, 3);
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no certificate has that id")
                             : store__fail(st, "read certificate");
}

int ocop_store_certificate_revoke(struct ocop_store *st, int64_t certificate_id, long day,
                                  const char *reason)
{
    char d[11];
    sqlite3_stmt *s = store__stmt(st, "UPDATE certificates SET revoked_at = ?, revoke_reason = ? "
                                      "WHERE id = ? AND revoked_at IS NULL");
    if (!s)
        return -1;
    ocop_date_format(d, sizeof(d), day);
    store__bind_text(s, 1, d);
    store__bind_text(s, 2, reason);
    sqlite3_bind_int64(s, 3, certificate_id);
    if (store__exec_stmt(st, s, "revoke certificate"))
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return ocop_error_set(OCOP_ECONFLICT, "this certificate is already revoked");
    return 0;
}

int ocop_store_certificate_uncandidate(struct ocop_store *st, int64_t certificate_id)
{
    sqlite3_stmt *s = store__stmt(st, "UPDATE certificates SET five_star_candidate = 0 WHERE id = ?");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, certificate_id);
    return store__exec_stmt(st, s, "update certificate");
}

int ocop_store_certificate_link_dossier(struct ocop_store *st, int64_t certificate_id,
                                        int64_t dossier_id)
{
    sqlite3_stmt *s = store__stmt(st, "UPDATE certificates SET dossier_id = ? WHERE id = ?");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, dossier_id);
    sqlite3_bind_int64(s, 2, certificate_id);
    return store__exec_stmt(st, s, "link certificate");
}

int ocop_store_certificate_next_number(char *out, size_t n, struct ocop_store *st,
                                       const char *prefix, int year)
{
    char like[64];
    sqlite3_stmt *s = store__stmt(st, "SELECT count(*) FROM certificates WHERE number LIKE ?");
    int count;
    if (!s)
        return -1;
    snprintf(like, sizeof(like), "%s-%04d-%%", prefix, year);
    store__bind_text(s, 1, like);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store__fail(st, "number certificate");
    }
    count = sqlite3_column_int(s, 0);
    sqlite3_reset(s);
    snprintf(out, n, "%s-%04d-%05d", prefix, year, count + 1);
    return 0;
}
