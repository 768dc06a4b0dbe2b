/* page_office_eval.c: placeholder; being written. */
#include "http/pages.h"
#include "http/web.h"
#include "core/error.h"

PAGE(page_dossiers)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_dossier_new)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_dossier_create)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_dossier)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_dossier_act)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_score_form)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_score_post)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_sessions)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_session_create)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_session_schedule)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_certificates)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

PAGE(page_certificate_revoke)
{
    return ocop_error_set(OCOP_ERROR, "not written yet");
}

