/* query_builder.h: SQL assembled from constant fragments with every value bound. */
#ifndef OCOP_STORE_QUERY_BUILDER_H
#define OCOP_STORE_QUERY_BUILDER_H

#include "core/buf.h"
#include "store/store_internal.h"

#define QB_MAX_BINDS 24

struct qb_bind {
    int is_text;
    long long i;
    const char *s; /* borrowed: must outlive the query */
};

/* Caller-owned; `sql` only ever receives string literals of the store. */
struct qb {
    struct ocop_buf where;
    struct qb_bind binds[QB_MAX_BINDS];
    int nbinds;
    char *owned[4]; /* values the builder frees (qb_and_text_owned) */
    int nowned;
};

void qb_init(struct qb *q);
void qb_dispose(struct qb *q);
/* Adds " AND <fragment>" where the fragment's single '?' takes the text/int value. */
void qb_and_text(struct qb *q, const char *fragment, const char *value);
void qb_and_int(struct qb *q, const char *fragment, long long value);
/* As qb_and_text; the builder takes `value` (malloc'd) and frees it in qb_dispose. */
void qb_and_text_owned(struct qb *q, const char *fragment, char *value);
void qb_and(struct qb *q, const char *fragment);
/* Prepares "<head> <where> <tail>" and binds the values in order. */
sqlite3_stmt *qb_prepare(struct qb *q, struct ocop_store *st, const char *head, const char *tail);

#endif
