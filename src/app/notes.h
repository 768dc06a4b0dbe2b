/*
 * notes.h: the notes the app itself writes into a dossier's history (English, as the API
 * shows them). The back office recognises each format and shows it in the page's language
 * (page_office_dossier.c); a new or changed note must be added to its table too.
 */
#ifndef OCOP_APP_NOTES_H
#define OCOP_APP_NOTES_H

/* action "score": the last sheet the quorum needed */
#define OCOP_NOTE_QUORUM "quorum reached"
/* action "schedule": the session's id */
#define OCOP_NOTE_SESSION "council session %lld"
/* action "decide": the points */
#define OCOP_NOTE_NOT_RECOGNISED                                                                   \
    "not recognised: %.2f points; the score sheet goes back to the producer"
/* action "decide": stars and points */
#define OCOP_NOTE_STARS "%d stars (%.2f points)"
#define OCOP_NOTE_STARS_PROPOSED                                                                   \
    "%d stars (%.2f points); proposed to the central level for five stars"
/* action "central_decide" */
#define OCOP_NOTE_CENTRAL_REJECTED "the central council did not recognise five stars"
#define OCOP_NOTE_CENTRAL_RECOGNISED "5 stars (central)"

#endif
