/* web.c (store): browser sessions and failed sign-ins. */
#include "store/web.h"
#include "store/store_internal.h"
#include "core/error.h"

#include <string.h>

int ocop_store_web_session_insert(struct ocop_store *st, const unsigned char *hash, size_t len,
                                  int64_t user_id, const char *csrf, long long now,
                                  long long expires)
{
    sqlite3_stmt *s = store__stmt(st, "INSERT INTO web_sessions(token_hash, user_id, csrf, "
                                      "created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
    if (!s)
        return -1;
    sqlite3_bind_blob(s, 1, hash, (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, user_id);
    store__bind_text(s, 3, csrf);
    sqlite3_bind_int64(s, 4, now);
    sqlite3_bind_int64(s, 5, expires);
    return store__exec_stmt(st, s, "save session");
}

int ocop_store_web_session_get(int64_t *user_id, char csrf[65], struct ocop_store *st,
                               const unsigned char *hash, size_t len, long long now)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT user_id, csrf FROM web_sessions WHERE token_hash = ? "
                                      "AND expires_at > ?");
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_blob(s, 1, hash, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, now);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *user_id = sqlite3_column_int64(s, 0);
        snprintf(csrf, 65, "%s", sqlite3_column_text(s, 1));
    }
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? ocop_error_set(OCOP_EUNAUTH, "sign in again")
                             : store__fail(st, "read session");
}

int ocop_store_web_session_delete(struct ocop_store *st, const unsigned char *hash, size_t len)
{
    sqlite3_stmt *s = store__stmt(st, "DELETE FROM web_sessions WHERE token_hash = ?");
    if (!s)
        return -1;
    sqlite3_bind_blob(s, 1, hash, (int)len, SQLITE_STATIC);
    return store__exec_stmt(st, s, "end session");
}

int ocop_store_login_failures(long *n, struct ocop_store *st, const char *key, long long since)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?");
    if (!s)
        return -1;
    store__bind_text(s, 1, key);
    sqlite3_bind_int64(s, 2, since);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return store__fail(st, "count failures");
    }
    *n = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return 0;
}

int ocop_store_login_failure_add(struct ocop_store *st, const char *key, long long now)
{
    sqlite3_stmt *s = store__stmt(st, "INSERT INTO login_failures(key, at) VALUES (?, ?)");
    if (!s)
        return -1;
    store__bind_text(s, 1, key);
    sqlite3_bind_int64(s, 2, now);
    return store__exec_stmt(st, s, "count failure");
}
