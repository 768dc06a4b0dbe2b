/*
 * search.c: diacritic-insensitive product search. Text is folded in C
 * (core/text.c: tone marks off, đ -> d) before it reaches FTS5, because SQLite's
 * unicode61 tokenizer does not fold đ/Đ and misses letters with two marks.
 */
#include "store/store_internal.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/text.h"

#include <stdlib.h>
#include <string.h>

int store__fts_delete(struct ocop_store *st, int64_t product_id)
{
    sqlite3_stmt *s = store__stmt(st, "DELETE FROM product_fts WHERE rowid = ?");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, product_id);
    return store__exec_stmt(st, s, "update search index");
}

int store__fts_product(struct ocop_store *st, int64_t product_id)
{
    sqlite3_stmt *s;
    char *name = NULL, *extra = NULL;
    int rc = 0;

    if ((rc = store__fts_delete(st, product_id)) != 0)
        return rc;
    s = store__stmt(st, "SELECT p.name, coalesce(p.short_name, '') || ' ' || pr.name || ' ' || "
                        "coalesce(v.name, '') || ' ' || coalesce(v.craft, '') || ' ' || w.name "
                        "FROM products p JOIN producers pr ON pr.id = p.producer_id "
                        "JOIN wards w ON w.id = p.ward_id LEFT JOIN villages v ON v.id = p.village_id "
                        "WHERE p.id = ?");
    if (!s)
        return -1;
    sqlite3_bind_int64(s, 1, product_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        return 0; /* deleted: nothing to index */
    }
    name = ocop_text_fold((const char *)sqlite3_column_text(s, 0));
    extra = ocop_text_fold((const char *)sqlite3_column_text(s, 1));
    sqlite3_reset(s);
    if (!name || !extra) {
        rc = ocop_error_set(OCOP_ERROR, "cannot fold text for search");
        goto done;
    }
    s = store__stmt(st, "INSERT INTO product_fts(rowid, name, extra) VALUES (?, ?, ?)");
    if (!s) {
        rc = -1;
        goto done;
    }
    sqlite3_bind_int64(s, 1, product_id);
    store__bind_text(s, 2, name);
    store__bind_text(s, 3, extra);
    rc = store__exec_stmt(st, s, "update search index");
done:
    free(name);
    free(extra);
    return rc;
}

int store__fts_products_of(struct ocop_store *st, const char *column, int64_t id)
{
    const char *sql = strcmp(column, "village_id") == 0
                          ? "SELECT id FROM products WHERE village_id = ?"
                          : "SELECT id FROM products WHERE producer_id = ?";
    sqlite3_stmt *s;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;

    if (!(s = store__stmt(st, sql)))
        return -1;
    sqlite3_bind_int64(s, 1, id);
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (n == cap) {
            int64_t *grown = realloc(ids, (cap = cap ? cap * 2 : 16) * sizeof(*ids));
            if (!grown) {
                free(ids);
                sqlite3_reset(s);
                return ocop_error_set(OCOP_ERROR, "out of memory");
            }
            ids = grown;
        }
        ids[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = store__fts_product(st, ids[i]);
    free(ids);
    return rc;
}

char *store__fts_match(const char *q)
{
    char *folded = ocop_text_fold(q), *p, *word;
    struct ocop_buf b;
    int words = 0;

    if (!folded)
        return NULL;
    ocop_buf_init(&b, strlen(folded) * 2 + 64);
    /* the folded text is lower-case letters and digits separated by single spaces */
    for (p = folded; *p;) {
        word = p;
        while (*p && *p != ' ')
            p++;
        if (words++)
            ocop_buf_puts(&b, " ");
        ocop_buf_puts(&b, "\"");
        ocop_buf_put(&b, word, (size_t)(p - word));
        ocop_buf_puts(&b, *p ? "\"" : "\"*");
        if (*p)
            p++;
        if (words == 12)
            break;
    }
    free(folded);
    if (!words) {
        ocop_buf_dispose(&b);
        return NULL;
    }
    return ocop_buf_detach(&b, NULL);
}
