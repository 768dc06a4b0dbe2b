/* web.c (app): browser sign-in with a throttle, sessions and their CSRF tokens. */
#include "app/app.h"
#include "core/error.h"
#include "store/evaluation.h"
#include "store/web.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_SECONDS (12 * 3600)
#define WINDOW_SECONDS (15 * 60)
#define MAX_PER_EMAIL 5
#define MAX_PER_CLIENT 20

static void web__hash(unsigned char out[32], const char *token)
{
    crypto_generichash(out, 32, (const unsigned char *)token, strlen(token), NULL, 0);
}

static void web__key(char out[40], const char *kind, const char *value)
{
    unsigned char h[16];
    crypto_generichash(h, sizeof(h), (const unsigned char *)value, strlen(value),
                       (const unsigned char *)kind, strlen(kind));
    sodium_bin2hex(out, 40, h, sizeof(h));
}

static void web__random(char *out, size_t n)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, n, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int web__throttled(struct ocop_store *st, const char *email_key, const char *client_key,
                          time_t now)
{
    long a = 0, b = 0;
    int rc;
    if ((rc = ocop_store_login_failures(&a, st, email_key, now - WINDOW_SECONDS)) != 0 ||
        (rc = ocop_store_login_failures(&b, st, client_key, now - WINDOW_SECONDS)) != 0)
        return rc;
    if (a >= MAX_PER_EMAIL || b >= MAX_PER_CLIENT)
        return ocop_error_set(OCOP_ETHROTTLED, "too many failed sign-ins; try again in 15 minutes");
    return 0;
}

int ocop_app_web_login(char token[OCOP_WEB_TOKEN_LEN + 1], char csrf[65], struct ocop_actor *who,
                       struct ocop_store *st, const char *email, const char *password,
                       const char *client, time_t now)
{
    char email_key[40], client_key[40], *hash = NULL;
    unsigned char th[32];
    struct ocop_actor actor;
    int rc, ok;

    token[0] = csrf[0] = '\0';
    memset(who, 0, sizeof(*who));
    if (!email || !password || !*email || !*password || strlen(email) > 254 || strlen(password) > 1024)
        return ocop_error_set(OCOP_EUNAUTH, "wrong e-mail or password");
    web__key(email_key, "email", email);
    web__key(client_key, "client", client ? client : "");
    if ((rc = web__throttled(st, email_key, client_key, now)) != 0)
        return rc;
    ok = ocop_store_user_password_hash(&hash, st, email) == 0 &&
         crypto_pwhash_str_verify(hash, password, strlen(password)) == 0 &&
         ocop_store_user_actor(&actor, st, email) == 0;
    free(hash);
    if ((rc = ocop_store_begin(st)) != 0)
        return rc;
    if (!ok) {
        if ((rc = ocop_store_login_failure_add(st, email_key, now)) == 0 &&
            (rc = ocop_store_login_failure_add(st, client_key, now)) == 0)
            rc = ocop_store_commit(st);
        if (rc)
            ocop_store_rollback(st);
        return rc ? rc : ocop_error_set(OCOP_EUNAUTH, "wrong e-mail or password");
    }
    web__random(token, OCOP_WEB_TOKEN_LEN + 1);
    web__random(csrf, 65);
    web__hash(th, token);
    if ((rc = ocop_store_web_session_insert(st, th, sizeof(th), actor.user_id, csrf, now,
                                            now + SESSION_SECONDS)) == 0 &&
        (rc = ocop_store_audit(st, &actor, "sign_in", "user", actor.user_id, NULL, NULL)) == 0)
        rc = ocop_store_commit(st);
    if (rc) {
        ocop_store_rollback(st);
        token[0] = csrf[0] = '\0';
    } else {
        *who = actor;
    }
    return rc;
}

int ocop_app_web_session(struct ocop_actor *out, char csrf[65], struct ocop_store *st,
                         const char *token, time_t now)
{
    unsigned char th[32];
    int64_t user_id;
    int rc;
    memset(out, 0, sizeof(*out));
    if (!token || strlen(token) != OCOP_WEB_TOKEN_LEN)
        return ocop_error_set(OCOP_EUNAUTH, "sign in again");
    web__hash(th, token);
    if ((rc = ocop_store_web_session_get(&user_id, csrf, st, th, sizeof(th), now)) != 0)
        return rc;
    return ocop_store_user_by_id(out, st, user_id);
}

int ocop_app_web_logout(struct ocop_store *st, const char *token)
{
    unsigned char th[32];
    int rc;
    if (!token || strlen(token) != OCOP_WEB_TOKEN_LEN)
        return 0;
    web__hash(th, token);
    if ((rc = ocop_store_begin(st)) != 0)
        return rc;
    if ((rc = ocop_store_web_session_delete(st, th, sizeof(th))) == 0)
        rc = ocop_store_commit(st);
    if (rc)
        ocop_store_rollback(st);
    return rc;
}
