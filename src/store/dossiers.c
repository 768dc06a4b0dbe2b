/* dossiers.c (store): dossiers, history, documents, sessions, conflicts, scores. */
#include "store/evaluation.h"
#include "store/query_builder.h"
#include "store/store_internal.h"
#include "core/dates.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>

int ocop_store_dossier_insert(int64_t *id, struct ocop_store *st, int64_t product_id,
                              int64_t set_id, const char *kind, int target_stars,
                              const char *self_assessment)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO dossiers(product_id, criteria_set_id, kind, target_stars, state, "
            "self_assessment, created_at, updated_at) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)");
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, product_id);
    sqlite3_bind_int64(s, 2, set_id);
    store__bind_text(s, 3, kind);
    if (target_stars)
        sqlite3_bind_int(s, 4, target_stars);
    store__bind_text(s, 5, self_assessment);
    store__bind_text(s, 6, now);
    store__bind_text(s, 7, now);
    if (store__exec_stmt(st, s, "open dossier"))
        return -1;
    *id = sqlite3_last_insert_rowid(st->db);
    return 0;
}

int ocop_store_dossier_row(struct ocop_dossier_row *out, struct ocop_store *st, int64_t id)
{
    sqlite3_stmt *s = store__stmt(
        st, "SELECT d.id, d.product_id, d.criteria_set_id, coalesce(d.session_id, 0), "
            "coalesce(d.certificate_id, 0), d.state, d.kind, coalesce(cs.level, 'province'), "
            "coalesce(d.target_stars, 0), pv.code, w.code, p.producer_id, p.group_code "
            "FROM dossiers d JOIN products p ON p.id = d.product_id JOIN wards w ON w.id = "
            "p.ward_id JOIN provinces pv ON pv.id = w.province_id LEFT JOIN council_sessions cs "
            "ON cs.id = d.session_id WHERE d.id = ?");
    int rc;

    memset(out, 0, sizeof(*out));
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no dossier has that id")
                                 : store__fail(st, "read dossier");
    }
    out->id = sqlite3_column_int64(s, 0);
    out->product_id = sqlite3_column_int64(s, 1);
    out->criteria_set_id = sqlite3_column_int64(s, 2);
    out->session_id = sqlite3_column_int64(s, 3);
    out->certificate_id = sqlite3_column_int64(s, 4);
    snprintf(out->state, sizeof(out->state), "%s", sqlite3_column_text(s, 5));
    snprintf(out->kind, sizeof(out->kind), "%s", sqlite3_column_text(s, 6));
    snprintf(out->session_level, sizeof(out->session_level), "%s", sqlite3_column_text(s, 7));
    out->target_stars = sqlite3_column_int(s, 8);
    snprintf(out->scope.province_code, sizeof(out->scope.province_code), "%s",
             sqlite3_column_text(s, 9));
    snprintf(out->scope.ward_code, sizeof(out->scope.ward_code), "%s", sqlite3_column_text(s, 10));
    out->scope.producer_id = sqlite3_column_int64(s, 11);
    snprintf(out->group, sizeof(out->group), "%s", sqlite3_column_text(s, 12));
    sqlite3_reset(s);
    return 0;
}

int ocop_store_dossier_move(struct ocop_store *st, int64_t id, const char *from, const char *to,
                            const struct ocop_actor *actor, const char *action, const char *note)
{
    char now[32], label[300];
    sqlite3_stmt *s = store__stmt(st, "UPDATE dossiers SET state = ?, updated_at = ? "
                                      "WHERE id = ? AND state = ?");
    if (!s)
        return -1;
    store__now(now);
    store__bind_text(s, 1, to);
    store__bind_text(s, 2, now);
    sqlite3_bind_int64(s, 3, id);
    store__bind_text(s, 4, from);
    if (store__exec_stmt(st, s, "move dossier"))
        return -1;
    if (sqlite3_changes(st->db) == 0)
        return ocop_error_set(OCOP_ECONFLICT, "the dossier changed meanwhile; reload it");
    s = store__stmt(st, "INSERT INTO dossier_history(dossier_id, at, user_id, actor, action, "
                        "from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!s)
        return -1;
    snprintf(label, sizeof(label), "%s:%s", ocop_role_name(actor->role),
             actor->email[0] ? actor->email : "-");
    sqlite3_bind_int64(s, 1, id);
    store__bind_text(s, 2, now);
    if (actor->user_id > 0)
        sqlite3_bind_int64(s, 3, actor->user_id);
    store__bind_text(s, 4, label);
    store__bind_text(s, 5, action);
    store__bind_text(s, 6, strcmp(from, to) == 0 && strcmp(action, "open") == 0 ? NULL : from);
    store__bind_text(s, 7, to);
    store__bind_text(s, 8, note);
    return store__exec_stmt(st, s, "write dossier history");
}

static int dos__set_int(struct ocop_store *st, const char *sql, int64_t id, int64_t v)
{
    sqlite3_stmt *s = store__stmt(st, sql);
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, v);
    sqlite3_bind_int64(s, 2, id);
    return store__exec_stmt(st, s, "update dossier");
}

int ocop_store_dossier_set_session(struct ocop_store *st, int64_t id, int64_t session_id)
{
    return dos__set_int(st, "UPDATE dossiers SET session_id = ? WHERE id = ?", id, session_id);
}

int ocop_store_dossier_set_certificate(struct ocop_store *st, int64_t id, int64_t certificate_id)
{
    return dos__set_int(st, "UPDATE dossiers SET certificate_id = ? WHERE id = ?", id,
                        certificate_id);
}

int ocop_store_dossier_set_result(struct ocop_store *st, int64_t id, json_t *result, double total,
                                  int stars)
{
    char *text = json_dumps(result, JSON_COMPACT | JSON_SORT_KEYS);
    sqlite3_stmt *s = store__stmt(st, "UPDATE dossiers SET result = ?, total = ?, stars = ? "
                                      "WHERE id = ?");
    int rc = -1;
    if (s && text) {
        store__bind_text(s, 1, text);
        sqlite3_bind_double(s, 2, total);
        sqlite3_bind_int(s, 3, stars);
        sqlite3_bind_int64(s, 4, id);
        rc = store__exec_stmt(st, s, "save result");
    }
    free(text);
    return rc;
}

#define DOSSIER_COLUMNS                                                                         \
    "SELECT d.id, d.state, d.kind, d.target_stars, d.product_id, p.name AS \"product.name\", "   \
    "p.id AS \"product.id\", p.group_code AS \"product.group\", pr.id AS \"producer.id\", "      \
    "pr.name AS \"producer.name\", w.code AS \"ward.code\", w.full_name AS \"ward.full_name\", " \
    "w.full_name_en AS \"ward.full_name_en\", "                                                \
    "pv.code AS \"ward.province_code\", d.criteria_set_id, cset.code AS \"criteria_set.code\", " \
    "cset.id AS \"criteria_set.id\", cset.version AS \"criteria_set.version\", d.session_id, "   \
    "d.total, d.stars, d.result, d.certificate_id, d.created_at, d.updated_at "                  \
    "FROM dossiers d JOIN products p ON p.id = d.product_id JOIN producers pr ON pr.id = "       \
    "p.producer_id JOIN wards w ON w.id = p.ward_id JOIN provinces pv ON pv.id = w.province_id " \
    "JOIN criteria_sets cset ON cset.id = d.criteria_set_id "

static void dos__parse_result(json_t *row)
{
    json_t *v = json_object_get(row, "result");
    if (json_is_string(v))
        json_object_set_new(row, "result", json_loads(json_string_value(v), 0, NULL));
}

/* Adds the criteria set's names (Vietnamese, and English from its document) to one dossier's
 * "criteria_set"; the list leaves them out, not to parse every set's document per row. */
static int dos__criteria_names(json_t *d, struct ocop_store *st)
{
    json_t *cs = json_object_get(d, "criteria_set"), *names = NULL;
    sqlite3_stmt *s = store__stmt(st, "SELECT name, json_extract(doc, '$.name_en') AS name_en "
                                      "FROM criteria_sets WHERE id = ?");
    int rc;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, json_integer_value(json_object_get(cs, "id")));
    if ((rc = store__one(&names, st, s, "criteria set")) == 0 && json_is_object(cs))
        json_object_update(cs, names);
    json_decref(names);
    return rc;
}

int ocop_store_dossier_get(json_t **out, struct ocop_store *st, int64_t id)
{
    sqlite3_stmt *s = store__stmt(st, DOSSIER_COLUMNS "WHERE d.id = ?");
    json_t *list = NULL;
    int rc;

    *out = NULL;
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__one(out, st, s, "dossier")) != 0)
        return rc;
    dos__parse_result(*out);
    if ((rc = dos__criteria_names(*out, st)) != 0)
        return rc;
    /* the user's name beside the actor label ("role:e-mail"), for pages that show people */
    s = store__stmt(st, "SELECT h.at, h.actor, u.name AS actor_name, h.action, h.from_state, "
                        "h.to_state, h.note FROM dossier_history h LEFT JOIN users u ON "
                        "u.id = h.user_id WHERE h.dossier_id = ? ORDER BY h.id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__rows(&list, st, s)) != 0)
        return rc;
    json_object_set_new(*out, "history", list);
    s = store__stmt(st, "SELECT id, name, content_type, size, sha256, uploaded_at FROM "
                        "dossier_documents WHERE dossier_id = ? ORDER BY id");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    if ((rc = store__rows(&list, st, s)) != 0)
        return rc;
    json_object_set_new(*out, "documents", list);
    return 0;
}

int ocop_store_dossier_list(json_t **out, struct ocop_store *st,
                            const struct ocop_dossier_filter *f)
{
    struct qb q;
    sqlite3_stmt *s;
    json_t *items = NULL;
    long long total, per = f->per_page > 0 ? f->per_page : 20, page = f->page > 0 ? f->page : 1;
    char tail[96];
    size_t i;
    json_t *row;
    int rc = 0;

    *out = NULL;
    qb_init(&q);
    if (f->state)
        qb_and_text(&q, "d.state = ?", f->state);
    if (f->province_code)
        qb_and_text(&q, "pv.code = ?", f->province_code);
    if (f->ward_code)
        qb_and_text(&q, "w.code = ?", f->ward_code);
    if (f->product_id)
        qb_and_int(&q, "d.product_id = ?", f->product_id);
    if (f->producer_id)
        qb_and_int(&q, "pr.id = ?", f->producer_id);
    if (f->session_id)
        qb_and_int(&q, "d.session_id = ?", f->session_id);
    if (f->member_id)
        qb_and_int(&q, "d.session_id IN (SELECT session_id FROM session_members WHERE user_id = ?)",
                   f->member_id);
    s = qb_prepare(&q, st, "SELECT count(*) FROM dossiers d JOIN products p ON p.id = "
                           "d.product_id JOIN producers pr ON pr.id = p.producer_id JOIN wards w "
                           "ON w.id = p.ward_id JOIN provinces pv ON pv.id = w.province_id",
                   "");
    if (!s || sqlite3_step(s) != SQLITE_ROW) {
        rc = store__fail(st, "count dossiers");
        goto done;
    }
    total = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    snprintf(tail, sizeof(tail), "ORDER BY d.id DESC LIMIT %lld OFFSET %lld", per, (page - 1) * per);
    if (!(s = qb_prepare(&q, st, DOSSIER_COLUMNS, tail)) || (rc = store__rows(&items, st, s)) != 0) {
        rc = rc ? rc : -1;
        goto done;
    }
    json_array_foreach(items, i, row) dos__parse_result(row);
    *out = json_pack("{s:o, s:I, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                     "page", (json_int_t)page, "per_page", (json_int_t)per, "pages",
                     (json_int_t)((total + per - 1) / per));
done:
    qb_dispose(&q);
    return rc;
}
