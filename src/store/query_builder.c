/* query_builder.c: WHERE clauses from constant fragments; values always bound. */
#include "store/query_builder.h"

#include <stdlib.h>
#include <string.h>

void qb_init(struct qb *q)
{
    ocop_buf_init(&q->where, 8192);
    ocop_buf_puts(&q->where, " WHERE 1");
    q->nbinds = 0;
    q->nowned = 0;
}

void qb_dispose(struct qb *q)
{
    ocop_buf_dispose(&q->where);
    for (int i = 0; i < q->nowned; i++)
        free(q->owned[i]);
    q->nowned = 0;
}

void qb_and_text_owned(struct qb *q, const char *fragment, char *value)
{
    if (q->nowned == (int)(sizeof(q->owned) / sizeof(q->owned[0]))) {
        free(value);
        qb_and(q, "0"); /* more owned values than planned for: match nothing */
        return;
    }
    q->owned[q->nowned++] = value;
    qb_and_text(q, fragment, value);
}

void qb_and(struct qb *q, const char *fragment)
{
    ocop_buf_puts(&q->where, " AND ");
    ocop_buf_puts(&q->where, fragment);
}

void qb_and_text(struct qb *q, const char *fragment, const char *value)
{
    const char *p;
    qb_and(q, fragment);
    for (p = fragment; (p = strchr(p, '?')) != NULL; p++) {
        if (q->nbinds < QB_MAX_BINDS)
            q->binds[q->nbinds++] = (struct qb_bind){1, 0, value};
    }
}

void qb_and_int(struct qb *q, const char *fragment, long long value)
{
    const char *p;
    qb_and(q, fragment);
    for (p = fragment; (p = strchr(p, '?')) != NULL; p++) {
        if (q->nbinds < QB_MAX_BINDS)
            q->binds[q->nbinds++] = (struct qb_bind){0, value, NULL};
    }
}

sqlite3_stmt *qb_prepare(struct qb *q, struct ocop_store *st, const char *head, const char *tail)
{
    struct ocop_buf sql;
    sqlite3_stmt *s;

    ocop_buf_init(&sql, 16384);
    ocop_buf_puts(&sql, head);
    ocop_buf_put(&sql, q->where.data, q->where.len);
    ocop_buf_puts(&sql, " ");
    ocop_buf_puts(&sql, tail);
    s = store__stmt(st, sql.data);
    ocop_buf_dispose(&sql);
    if (!s)
        return NULL;
    for (int i = 0; i < q->nbinds; i++) {
        if (q->binds[i].is_text)
            store__bind_text(s, i + 1, q->binds[i].s);
        else
            sqlite3_bind_int64(s, i + 1, q->binds[i].i);
    }
    return s;
}
