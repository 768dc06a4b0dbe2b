/* web.h: the store's side of browser sessions and the sign-in throttle. */
#ifndef OCOP_STORE_WEB_H
#define OCOP_STORE_WEB_H

#include "store/store.h"

int ocop_store_web_session_insert(struct ocop_store *st, const unsigned char *hash, size_t len,
                                  int64_t user_id, const char *csrf, long long now,
                                  long long expires);
/* The user and CSRF token of a live session; OCOP_EUNAUTH if none. */
int ocop_store_web_session_get(int64_t *user_id, char csrf[65], struct ocop_store *st,
                               const unsigned char *hash, size_t len, long long now);
int ocop_store_web_session_delete(struct ocop_store *st, const unsigned char *hash, size_t len);
/* Failed sign-ins under `key` since `since`. */
int ocop_store_login_failures(long *n, struct ocop_store *st, const char *key, long long since);
int ocop_store_login_failure_add(struct ocop_store *st, const char *key, long long now);

#endif
