/* page_public.c: placeholder; being written. */
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

PAGE(page_home)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_catalog)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_product)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_producer)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_village)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

