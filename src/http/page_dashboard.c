/* page_dashboard.c: placeholder; being written. */
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

PAGE(page_dashboard)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_export)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_targets_post)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

