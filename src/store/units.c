/* units.c: provinces and wards/communes. */
#include "store/store_internal.h"
#include "core/error.h"

#include <string.h>

int ocop_store_province_upsert(struct ocop_store *st, const struct ocop_unit *u, int *changed)
{
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO provinces(code, name, name_en, full_name, full_name_en, unit_type) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET name = ?2, "
            "name_en = ?3, full_name = ?4, full_name_en = ?5, unit_type = ?6 "
            "WHERE (name, name_en, full_name, full_name_en, unit_type) IS NOT (?2, ?3, ?4, ?5, ?6)");
    if (!s)
        return -1;
    store__bind_text(s, 1, u->code);
    store__bind_text(s, 2, u->name);
    store__bind_text(s, 3, u->name_en);
    store__bind_text(s, 4, u->full_name);
    store__bind_text(s, 5, u->full_name_en);
    store__bind_text(s, 6, u->unit_type);
    if (store__exec_stmt(st, s, "save province"))
        return -1;
    if (changed)
        *changed = sqlite3_changes(st->db) > 0;
    return 0;
}

int ocop_store_ward_upsert(struct ocop_store *st, const char *province_code,
                           const struct ocop_unit *u, int *changed)
{
    sqlite3_stmt *s = store__stmt(
        st, "INSERT INTO wards(code, province_id, name, name_en, full_name, full_name_en, "
            "unit_type, unit_type_en) SELECT ?1, id, ?2, ?3, ?4, ?5, ?6, ?7 FROM provinces "
            "WHERE code = ?8 ON CONFLICT(code) DO UPDATE SET province_id = excluded.province_id, "
            "name = ?2, name_en = ?3, full_name = ?4, full_name_en = ?5, unit_type = ?6, "
            "unit_type_en = ?7 WHERE (province_id, name, name_en, full_name, full_name_en, "
            "unit_type, unit_type_en) IS NOT (excluded.province_id, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!s)
        return -1;
    store__bind_text(s, 1, u->code);
    store__bind_text(s, 2, u->name);
    store__bind_text(s, 3, u->name_en);
    store__bind_text(s, 4, u->full_name);
    store__bind_text(s, 5, u->full_name_en);
    store__bind_text(s, 6, u->unit_type);
    store__bind_text(s, 7, u->unit_type_en);
    store__bind_text(s, 8, province_code);
    if (store__exec_stmt(st, s, "save ward"))
        return -1;
    if (changed)
        *changed = sqlite3_changes(st->db) > 0;
    return 0;
}

int ocop_store_ward_province(struct ocop_store *st, const char *ward_code, char province_code[3])
{
    sqlite3_stmt *s = store__stmt(
        st, "SELECT p.code FROM wards w JOIN provinces p ON p.id = w.province_id WHERE w.code = ?");
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, ward_code);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snprintf(province_code, 3, "%s", (const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        return 0;
    }
    if (rc != SQLITE_DONE)
        return store__fail(st, "find ward");
    return ocop_error_set(OCOP_ENOTFOUND, "no ward or commune has that code");
}

int ocop_store_province_exists(struct ocop_store *st, const char *code)
{
    sqlite3_stmt *s = store__stmt(st, "SELECT 1 FROM provinces WHERE code = ?");
    int rc;
    if (!s)
        return -1;
    store__bind_text(s, 1, code);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return 0;
    return ocop_error_set(OCOP_ENOTFOUND, "no province has that code");
}

int ocop_store_units_count(struct ocop_store *st, long *provinces, long *wards)
{
    sqlite3_stmt *s = store__stmt(
        st, "SELECT (SELECT count(*) FROM provinces), (SELECT count(*) FROM wards)");
    if (!s || sqlite3_step(s) != SQLITE_ROW)
        return store__fail(st, "count units");
    *provinces = sqlite3_column_int64(s, 0);
    *wards = sqlite3_column_int64(s, 1);
    sqlite3_reset(s);
    return 0;
}
