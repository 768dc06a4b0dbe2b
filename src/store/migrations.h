/* migrations.h: the embedded, numbered, forward-only schema migrations. */
#ifndef OCOP_STORE_MIGRATIONS_H
#define OCOP_STORE_MIGRATIONS_H

struct ocop_migration {
    int version;
    const char *name;
    const char *sql;
};

extern const struct ocop_migration ocop_migrations[];
extern const int ocop_migrations_count;

#endif
