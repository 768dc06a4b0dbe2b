/* records.c: registry writes driven by the entity descriptors of core/entity.c. */
#include "store/store_internal.h"
#include "core/buf.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/lang.h"
#include "core/sectors.h"

#include <stdlib.h>
#include <string.h>

/* The SQL column behind a field (identifiers come from constant tables only). */
static const char *records__column(const struct ocop_field *f)
{
    if (f->type == OCOP_F_WARD)
        return "ward_id";
    if (f->type == OCOP_F_GROUP)
        return "group_code";
    return f->name;
}

static const char *records__ref_table(const char *entity)
{
    if (strcmp(entity, "producer") == 0)
        return "SELECT 1 FROM producers WHERE id = ?";
    if (strcmp(entity, "village") == 0)
        return "SELECT 1 FROM villages WHERE id = ?";
    return NULL;
}

static int records__ref_exists(struct ocop_store *st, const struct ocop_field *f, json_int_t id)
{
    const char *sql = records__ref_table(f->ref);
    sqlite3_stmt *s;
    int rc;
    if (!sql || !(s = store__stmt(st, sql)))
        return -1;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return store__fail(st, "check reference");
    return ocop_error_set_field(OCOP_EINVALID, f->name, "no %s has id %lld%.0s", f->ref,
                                (long long)id, ocop_word_vi(f->ref));
}

int ocop_store_field_exists(struct ocop_store *st, const struct ocop_field *f, json_t *v)
{
    char prov[3];
    size_t i;
    json_t *item;
    int rc;

    if (!v || json_is_null(v))
        return 0;
    if (f->type == OCOP_F_WARD && ocop_store_ward_province(st, json_string_value(v), prov))
        return ocop_error_set_field(OCOP_EINVALID, f->name, "no ward or commune has that code");
    if (f->type == OCOP_F_REF)
        return records__ref_exists(st, f, json_integer_value(v));
    if (f->type == OCOP_F_REFLIST) {
        json_array_foreach(v, i, item)
        {
            if ((rc = records__ref_exists(st, f, json_integer_value(item))) != 0)
                return rc;
        }
    }
    return 0;
}

/* Checks that wards and referenced records named in the fields exist. */
static int records__check_refs(struct ocop_store *st, const struct ocop_entity *e, json_t *fields)
{
    int rc;
    for (size_t k = 0; k < e->nfields; k++)
        if ((rc = ocop_store_field_exists(st, &e->fields[k],
                                          json_object_get(fields, e->fields[k].name))) != 0)
            return rc;
    return 0;
}

/* Binds field values; ward codes become ids through a sub-select in the SQL. */
static void records__append(struct ocop_buf *sql, const struct ocop_field *f, int update)
{
    const char *val = f->type == OCOP_F_WARD ? "(SELECT id FROM wards WHERE code = ?)" : "?";
    if (update)
        ocop_buf_printf(sql, "%s = %s, ", records__column(f), val);
    else
        ocop_buf_printf(sql, "%s, ", records__column(f));
}

static int records__zone_links(struct ocop_store *st, int64_t zone_id, json_t *ids)
{
    sqlite3_stmt *s;
    size_t i;
    json_t *item;

    if (!ids)
        return 0;
    if (!(s = store__stmt(st, "DELETE FROM zone_producers WHERE zone_id = ?")))
        return -1;
    sqlite3_bind_int64(s, 1, zone_id);
    if (store__exec_stmt(st, s, "link producers"))
        return -1;
    json_array_foreach(ids, i, item)
    {
        if (!(s = store__stmt(st, "INSERT OR IGNORE INTO zone_producers(zone_id, producer_id) "
                                  "VALUES (?, ?)")))
            return -1;
        sqlite3_bind_int64(s, 1, zone_id);
        sqlite3_bind_int64(s, 2, json_integer_value(item));
        if (store__exec_stmt(st, s, "link producers"))
            return -1;
    }
    return 0;
}

/* Products: derive the sector from the group, and the ward from the producer. */
static int records__product_defaults(struct ocop_store *st, json_t *fields, int insert)
{
    json_t *group = json_object_get(fields, "group");
    json_t *ward = json_object_get(fields, "ward_code");
    sqlite3_stmt *s;

    if (json_is_string(group))
        json_object_set_new(fields, "sector",
                            json_string(ocop_group_find(json_string_value(group))->sector));
    if (insert && (!ward || json_is_null(ward))) {
        s = store__stmt(st, "SELECT w.code FROM producers p JOIN wards w ON w.id = p.ward_id "
                            "WHERE p.id = ?");
        if (!s)
            return -1;
        sqlite3_bind_int64(s, 1, json_integer_value(json_object_get(fields, "producer_id")));
        if (sqlite3_step(s) == SQLITE_ROW)
            json_object_set_new(fields, "ward_code",
                                json_string((const char *)sqlite3_column_text(s, 0)));
        sqlite3_reset(s);
    }
    return 0;
}

static const struct ocop_field sector_field = {"sector", OCOP_F_TEXT, 0, 0, 0, NULL, NULL};

static int records__write(int64_t *id, struct ocop_store *st, const struct ocop_entity *e,
                          json_t *fields, int64_t update_id)
{
    const struct ocop_field *bound[40];
    struct ocop_buf sql;
    sqlite3_stmt *s;
    char now[32];
    int n = 0, rc = 0, is_product = strcmp(e->name, "product") == 0;

    if ((rc = records__check_refs(st, e, fields)) != 0)
        return rc;
    if (is_product && (rc = records__product_defaults(st, fields, update_id == 0)) != 0)
        return rc;
    ocop_buf_init(&sql, 4096);
    ocop_buf_printf(&sql, update_id ? "UPDATE %s SET " : "INSERT INTO %s(", e->table);
    for (size_t k = 0; k < e->nfields; k++) {
        const struct ocop_field *f = &e->fields[k];
        if (f->type == OCOP_F_REFLIST || !json_object_get(fields, f->name))
            continue;
        records__append(&sql, f, update_id != 0);
        bound[n++] = f;
    }
    if (is_product && json_object_get(fields, "sector")) {
        records__append(&sql, &sector_field, update_id != 0);
        bound[n++] = &sector_field;
    }
    if (update_id) {
        ocop_buf_puts(&sql, "updated_at = ? WHERE id = ?");
    } else {
        ocop_buf_puts(&sql, "created_at, updated_at) VALUES (");
        for (int i = 0; i < n; i++)
            ocop_buf_puts(&sql, bound[i]->type == OCOP_F_WARD
                                    ? "(SELECT id FROM wards WHERE code = ?), "
                                    : "?, ");
        ocop_buf_puts(&sql, "?, ?)");
    }
    s = store__stmt(st, sql.data);
    ocop_buf_dispose(&sql);
    if (!s)
        return -1;
    for (int i = 0; i < n; i++)
        store__bind_json(s, i + 1, json_object_get(fields, bound[i]->name));
    store__now(now);
    store__bind_text(s, n + 1, now);
    if (update_id)
        sqlite3_bind_int64(s, n + 2, update_id);
    else
        store__bind_text(s, n + 2, now);
    if ((rc = store__exec_stmt(st, s, e->name)) != 0)
        return rc;
    if (update_id && sqlite3_changes(st->db) == 0)
        return ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", e->name,
                              ocop_word_vi(e->name));
    *id = update_id ? update_id : sqlite3_last_insert_rowid(st->db);
    if (strcmp(e->name, "zone") == 0)
        rc = records__zone_links(st, *id, json_object_get(fields, "producer_ids"));
    else if (is_product)
        rc = store__fts_product(st, *id);
    else if (update_id && strcmp(e->name, "producer") == 0)
        rc = store__fts_products_of(st, "producer_id", *id);
    else if (update_id && strcmp(e->name, "village") == 0)
        rc = store__fts_products_of(st, "village_id", *id);
    return rc;
}

int ocop_store_insert(int64_t *id, struct ocop_store *st, const struct ocop_entity *e,
                      json_t *fields)
{
    return records__write(id, st, e, fields, 0);
}

int ocop_store_update(struct ocop_store *st, const struct ocop_entity *e, int64_t id,
                      json_t *fields)
{
    int64_t out;
    return records__write(&out, st, e, fields, id);
}

int ocop_store_delete(struct ocop_store *st, const struct ocop_entity *e, int64_t id)
{
    char sql[96];
    sqlite3_stmt *s;
    int rc;

    snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE id = ?", e->table);
    if (!(s = store__stmt(st, sql)))
        return -1;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc != SQLITE_DONE) {
        if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
            return ocop_error_set(OCOP_ECONFLICT,
                                  "this %s is still referred to by other records (products, "
                                  "certificates, dossiers, stamp batches or users); remove those "
                                  "first%.0s",
                                  e->name, ocop_word_vi(e->name));
        return store__fail(st, "delete");
    }
    if (sqlite3_changes(st->db) == 0)
        return ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", e->name,
                              ocop_word_vi(e->name));
    if (strcmp(e->name, "product") == 0)
        return store__fts_delete(st, id);
    return 0;
}

int ocop_store_scope(struct ocop_scope_data *out, struct ocop_store *st,
                     const struct ocop_entity *e, int64_t id)
{
    char sql[300];
    sqlite3_stmt *s;
    const char *owner = strcmp(e->name, "producer") == 0  ? "x.id"
                        : strcmp(e->name, "product") == 0 ? "x.producer_id"
                                                          : "0";
    int rc;

    memset(out, 0, sizeof(*out));
    snprintf(sql, sizeof(sql),
             "SELECT pv.code, w.code, %s FROM %s x JOIN wards w ON w.id = x.ward_id "
             "JOIN provinces pv ON pv.id = w.province_id WHERE x.id = ?",
             owner, e->table);
    if (!(s = store__stmt(st, sql)))
        return -1;
    sqlite3_bind_int64(s, 1, id);
    rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_reset(s);
        return rc == SQLITE_DONE ? ocop_error_set(OCOP_ENOTFOUND, "no %s has that id%.0s", e->name,
                                                  ocop_word_vi(e->name))
                                 : store__fail(st, "read");
    }
    snprintf(out->province_code, sizeof(out->province_code), "%s", sqlite3_column_text(s, 0));
    snprintf(out->ward_code, sizeof(out->ward_code), "%s", sqlite3_column_text(s, 1));
    out->producer_id = sqlite3_column_int64(s, 2);
    sqlite3_reset(s);
    return 0;
}

int ocop_store_scope_of(struct ocop_scope_data *out, struct ocop_store *st,
                        const struct ocop_entity *e, json_t *fields)
{
    json_t *ward = json_object_get(fields, "ward_code");
    json_t *producer = json_object_get(fields, "producer_id");
    struct ocop_scope_data pscope;

    memset(out, 0, sizeof(*out));
    if (json_is_integer(producer)) {
        out->producer_id = json_integer_value(producer);
        if (!json_is_string(ward)) {
            if (ocop_store_scope(&pscope, st, &ocop_entity_producer, out->producer_id))
                return ocop_error_set_field(OCOP_EINVALID, "producer_id", "no producer has id %lld",
                                            (long long)out->producer_id);
            memcpy(out->province_code, pscope.province_code, sizeof(out->province_code));
            memcpy(out->ward_code, pscope.ward_code, sizeof(out->ward_code));
            return 0;
        }
    }
    if (json_is_string(ward)) {
        snprintf(out->ward_code, sizeof(out->ward_code), "%s", json_string_value(ward));
        if (ocop_store_ward_province(st, out->ward_code, out->province_code))
            return ocop_error_set_field(OCOP_EINVALID, "ward_code",
                                        "no ward or commune has that code");
    }
    return 0;
}

static void records__bind_date(sqlite3_stmt *s, int i, long days)
{
    char d[11];
    if (days < 0) {
        sqlite3_bind_null(s, i);
        return;
    }
    ocop_date_format(d, sizeof(d), days);
    store__bind_text(s, i, d);
}

int ocop_store_certificate_insert(int64_t *id, struct ocop_store *st,
                                  const struct ocop_certificate *c)
{
    char now[32];
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO certificates(product_id, number, decision_number, decision_date, "
            "issuing_level, stars, score, ruleset, valid_from, valid_until, five_star_candidate, "
            "revoked_at, revoke_reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
            "?10, ?11, ?12, ?13, ?14)");
    if (!s)
        return -1;
    store__now(now);
    sqlite3_bind_int64(s, 1, c->product_id);
    store__bind_text(s, 2, c->number);
    store__bind_text(s, 3, c->decision_number);
    records__bind_date(s, 4, c->decision_date);
    store__bind_text(s, 5, c->issuing_level);
    sqlite3_bind_int(s, 6, c->stars);
    if (c->score >= 0)
        sqlite3_bind_double(s, 7, c->score);
    store__bind_text(s, 8, c->ruleset);
    records__bind_date(s, 9, c->valid_from);
    records__bind_date(s, 10, c->valid_until);
    sqlite3_bind_int(s, 11, c->five_star_candidate);
    records__bind_date(s, 12, c->revoked_at);
    store__bind_text(s, 13, c->revoke_reason);
    store__bind_text(s, 14, now);
    if (sqlite3_step(s) != SQLITE_DONE) {
        if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE)
            return ocop_error_set_field(OCOP_EEXISTS, "certificate_number",
                                        "a certificate with that number exists");
        return store__fail(st, "save certificate");
    }
    *id = sqlite3_last_insert_rowid(st->db);
    /* the newest certificate (by validity start) is the product's current one; an older
     * unrevoked one is marked superseded by it */
    s = store__stmt(st, "UPDATE products SET certificate_id = ?1 WHERE id = ?2 AND "
                        "(certificate_id IS NULL OR (SELECT valid_from FROM certificates WHERE id "
                        "= products.certificate_id) <= ?3)");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, *id);
    sqlite3_bind_int64(s, 2, c->product_id);
    records__bind_date(s, 3, c->valid_from);
    if (store__exec_stmt(st, s, "save certificate"))
        return -1;
    s = store__stmt(st, "UPDATE certificates SET superseded_by = (SELECT certificate_id FROM "
                        "products WHERE id = ?1) WHERE product_id = ?1 AND id <> (SELECT "
                        "certificate_id FROM products WHERE id = ?1) AND superseded_by IS NULL "
                        "AND revoked_at IS NULL");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, c->product_id);
    return store__exec_stmt(st, s, "save certificate");
}

static int records__find(int64_t *id, struct ocop_store *st, const char *sql, const char *a,
                         const char *b, int64_t n)
{
    sqlite3_stmt *s = store__stmt(st, sql);
    int rc;
    if (!s)
        return -1;
    if (n)
        sqlite3_bind_int64(s, 1, n);
    else
        store__bind_text(s, 1, a);
    store__bind_text(s, 2, b);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return rc == SQLITE_DONE ? OCOP_ENOTFOUND : store__fail(st, "find");
}

int ocop_store_producer_find(int64_t *id, struct ocop_store *st, const char *tax_code,
                             const char *name, const char *ward_code)
{
    if (tax_code && *tax_code)
        return records__find(id, st, "SELECT id FROM producers WHERE tax_code = ?",
                             tax_code, NULL, 0);
    return records__find(id, st,
                         "SELECT p.id FROM producers p JOIN wards w ON w.id = p.ward_id "
                         "WHERE p.name = ? AND w.code = ?",
                         name, ward_code, 0);
}

int ocop_store_village_find(int64_t *id, struct ocop_store *st, const char *name,
                            const char *ward_code)
{
    return records__find(id, st,
                         "SELECT v.id FROM villages v JOIN wards w ON w.id = v.ward_id "
                         "WHERE v.name = ? AND w.code = ?",
                         name, ward_code, 0);
}

int ocop_store_product_find(int64_t *id, struct ocop_store *st, int64_t producer_id,
                            const char *name)
{
    return records__find(id, st, "SELECT id FROM products WHERE producer_id = ? AND name = ?",
                         NULL, name, producer_id);
}

int ocop_store_certificate_exists(struct ocop_store *st, const char *number)
{
    int64_t id;
    return records__find(&id, st, "SELECT id FROM certificates WHERE number = ?",
                         number, NULL, 0);
}
