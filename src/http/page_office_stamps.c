/* page_office_stamps.c: placeholder; being written. */
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

PAGE(page_stamps)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_stamps_create)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_stamps_pdf)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

