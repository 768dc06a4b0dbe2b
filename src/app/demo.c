/* demo.c: placeholder until the demo generator lands. */
#include "app/app.h"
#include "core/error.h"

int ocop_app_demo(struct ocop_import_stats *stats, struct ocop_app *a, uint64_t seed,
                  ocop_progress_fn progress, void *arg)
{
    (void)stats; (void)a; (void)seed; (void)progress; (void)arg;
    return ocop_error_set(OCOP_ERROR, "not yet");
}
