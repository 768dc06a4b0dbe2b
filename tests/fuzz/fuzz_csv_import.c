/* fuzz_csv_import.c: the products CSV importer against an in-memory database. */
#include <stdint.h>
#include <stdlib.h>

#include "app/app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ocop_store *store;

static void fuzz__setup(void)
{
    static const char units[] =
        "[{\"Code\":\"01\",\"Name\":\"Hà Nội\",\"FullName\":\"Thành phố Hà Nội\",\"Wards\":["
        "{\"Code\":\"00577\",\"Name\":\"Bát Tràng\",\"FullName\":\"Xã Bát Tràng\"},"
        "{\"Code\":\"10030\",\"Name\":\"Phú Nghĩa\",\"FullName\":\"Xã Phú Nghĩa\"}]}]";
    struct ocop_import_stats stats;
    struct ocop_app a;

    if (ocop_store_open(&store, ":memory:", OCOP_STORE_CREATE) || ocop_store_migrate(store, 0, 0))
        abort();
    ocop_app_init(&a, store);
    ocop_app_as_system(&a);
    if (ocop_app_import_units(&stats, &a, units, sizeof(units) - 1, NULL, NULL))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ocop_import_stats stats;
    struct ocop_app a;

    if (!store)
        fuzz__setup();
    ocop_app_init(&a, store);
    ocop_app_as_system(&a);
    ocop_app_import_products(&stats, &a, (const char *)data, size, NULL, NULL);
    ocop_app_import_units(&stats, &a, (const char *)data, size, NULL, NULL);
    return 0;
}
