/* import_units.c: Vietnam's administrative units from the units-2025.json shape. */
#include "app/app.h"
#include "core/error.h"

#include <string.h>

static const char *units__str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int units__digits(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int units__unit(struct ocop_unit *u, json_t *o, size_t code_len, const char *what,
                       size_t index)
{
    memset(u, 0, sizeof(*u));
    if (!json_is_object(o))
        return ocop_error_set(OCOP_EINVALID, "%s %zu is not an object", what, index + 1);
    u->code = units__str(o, "Code");
    u->name = units__str(o, "Name");
    u->full_name = units__str(o, "FullName");
    u->name_en = units__str(o, "NameEn");
    u->full_name_en = units__str(o, "FullNameEn");
    u->unit_type = units__str(o, "AdministrativeUnitShortName");
    u->unit_type_en = units__str(o, "AdministrativeUnitShortNameEn");
    if (!units__digits(u->code, code_len))
        return ocop_error_set(OCOP_EINVALID, "%s %zu: Code must be %zu digits", what, index + 1,
                              code_len);
    if (!u->name || !*u->name || !u->full_name || !*u->full_name)
        return ocop_error_set(OCOP_EINVALID, "%s %s: Name and FullName are required", what,
                              u->code);
    return 0;
}

static int units__load(struct ocop_import_stats *stats, struct ocop_app *a, json_t *root,
                       ocop_progress_fn progress, void *arg)
{
    size_t i, k, total = 0, done = 0;
    json_t *prov, *ward, *wards;
    struct ocop_unit u;
    int rc, changed;

    json_array_foreach(root, i, prov)
    {
        wards = json_object_get(prov, "Wards");
        total += 1 + (json_is_array(wards) ? json_array_size(wards) : 0);
    }
    json_array_foreach(root, i, prov)
    {
        if ((rc = units__unit(&u, prov, 2, "province", i)) != 0)
            return rc;
        if ((rc = ocop_store_province_upsert(a->st, &u, &changed)) != 0)
            return rc;
        stats->rows++;
        changed ? stats->created++ : stats->unchanged++;
        wards = json_object_get(prov, "Wards");
        if (!json_is_array(wards))
            return ocop_error_set(OCOP_EINVALID, "province %s: Wards must be an array", u.code);
        const char *pcode = u.code;
        json_array_foreach(wards, k, ward)
        {
            const char *wp = units__str(ward, "ProvinceCode");
            if ((rc = units__unit(&u, ward, 5, "ward", k)) != 0)
                return rc;
            if (wp && strcmp(wp, pcode) != 0)
                return ocop_error_set(OCOP_EINVALID, "ward %s: ProvinceCode %s does not match its "
                                      "province %s", u.code, wp, pcode);
            if ((rc = ocop_store_ward_upsert(a->st, pcode, &u, &changed)) != 0)
                return rc;
            stats->rows++;
            changed ? stats->created++ : stats->unchanged++;
            if (progress && ++done % 200 == 0)
                progress(arg, "units", (long)done, (long)total);
        }
        done++;
    }
    if (progress)
        progress(arg, "units", (long)total, (long)total);
    return 0;
}

int ocop_app_import_units(struct ocop_import_stats *stats, struct ocop_app *a, const char *json,
                          size_t len, ocop_progress_fn progress, void *arg)
{
    json_error_t jerr;
    json_t *root, *summary = NULL;
    int rc;

    memset(stats, 0, sizeof(*stats));
    if (a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(OCOP_EFORBIDDEN, "only an administrator loads administrative units");
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root)
        return ocop_error_set(OCOP_EMALFORMED, "not valid JSON at line %d, column %d: %s",
                              jerr.line, jerr.column, jerr.text);
    if (!json_is_array(root) || json_array_size(root) == 0) {
        json_decref(root);
        return ocop_error_set(OCOP_EINVALID, "expected a non-empty JSON array of provinces");
    }
    if ((rc = ocop_store_begin(a->st)) == 0) {
        rc = units__load(stats, a, root, progress, arg);
        summary = json_pack("{s:I, s:I}", "rows", (json_int_t)stats->rows, "changed",
                            (json_int_t)stats->created);
        if (rc == 0 && stats->created)
            rc = ocop_store_audit(a->st, &a->actor, "import", "units", 0, NULL, summary);
        if (rc == 0)
            rc = ocop_store_commit(a->st);
        if (rc)
            ocop_store_rollback(a->st);
    }
    json_decref(summary);
    json_decref(root);
    return rc;
}
