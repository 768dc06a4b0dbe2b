/* page_map.c: placeholder; being written. */
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

PAGE(page_map)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

