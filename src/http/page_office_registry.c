/* page_office_registry.c: placeholder; being written. */
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

PAGE(page_office_list)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_office_new)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_office_create)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_office_edit)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_office_update)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

