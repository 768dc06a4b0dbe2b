/* users.c (app): users, their scopes, and bearer tokens. */
#include "app/app.h"
#include "core/entity.h"
#include "core/error.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_PREFIX "ocop_"
#define TOKEN_BYTES 32

static int users__admin(const struct ocop_app *a, const char *what)
{
    if (a->actor.role != OCOP_ROLE_ADMIN && a->actor.role != OCOP_ROLE_SYSTEM)
        return ocop_error_set(OCOP_EFORBIDDEN, "only an administrator %s", what);
    return 0;
}

static int users__check_scope(struct ocop_app *a, enum ocop_role role,
                              const struct ocop_user_params *p, char prov[3])
{
    prov[0] = '\0';
    if (p->ward_code && ocop_store_ward_province(a->st, p->ward_code, prov))
        return ocop_error_set_field(OCOP_EINVALID, "ward", "no ward or commune has that code");
    if (p->province_code && ocop_store_province_exists(a->st, p->province_code))
        return ocop_error_set_field(OCOP_EINVALID, "province", "no province has that code");
    if (p->province_code && prov[0] && strcmp(prov, p->province_code) != 0)
        return ocop_error_set_field(OCOP_EINVALID, "ward", "that ward is in another province");
    if (role == OCOP_ROLE_OFFICE && !p->province_code)
        return ocop_error_set_field(OCOP_EINVALID, "province", "an office user needs a province");
    if (role == OCOP_ROLE_COMMUNE && !p->ward_code)
        return ocop_error_set_field(OCOP_EINVALID, "ward", "a commune user needs a ward or commune");
    if (role == OCOP_ROLE_PRODUCER && p->producer_id <= 0)
        return ocop_error_set_field(OCOP_EINVALID, "producer", "a producer user needs a producer");
    if (p->producer_id > 0) {
        struct ocop_scope_data d;
        if (ocop_store_scope(&d, a->st, &ocop_entity_producer, p->producer_id))
            return ocop_error_set_field(OCOP_EINVALID, "producer", "no producer has that id");
    }
    return 0;
}

int ocop_app_user_add(int64_t *id, struct ocop_app *a, const struct ocop_user_params *p)
{
    static const struct ocop_field email_field = {"email", OCOP_F_EMAIL, 0, 0, 0, NULL, NULL};
    struct ocop_user_new u = {0};
    char prov[3], hash[crypto_pwhash_STRBYTES];
    json_t *v = NULL, *clean = NULL, *after = NULL;
    int rc;

    if ((rc = users__admin(a, "adds users")) != 0)
        return rc;
    if (!p->email)
        return ocop_error_set_field(OCOP_EINVALID, "email", "an e-mail is required");
    v = json_string(p->email);
    rc = v ? ocop_field_validate(&clean, &email_field, v) : OCOP_EINVALID;
    json_decref(v);
    if (rc)
        return ocop_error_set_field(OCOP_EINVALID, "email", "not an e-mail address");
    if (!p->role || (rc = ocop_role_parse(&u.role, p->role)) != 0) {
        json_decref(clean);
        return p->role ? rc : ocop_error_set_field(OCOP_EINVALID, "role", "a role is required");
    }
    if ((rc = users__check_scope(a, u.role, p, prov)) != 0)
        goto done;
    u.email = json_string_value(clean);
    u.name = p->name;
    u.province_code = p->province_code ? p->province_code : (prov[0] ? prov : NULL);
    u.ward_code = p->ward_code;
    u.producer_id = p->producer_id;
    if (p->password) {
        if (strlen(p->password) < 10) {
            rc = ocop_error_set_field(OCOP_EINVALID, "password", "a password has 10 or more characters");
            goto done;
        }
        if (crypto_pwhash_str(hash, p->password, strlen(p->password),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
            rc = ocop_error_set(OCOP_ERROR, "out of memory hashing the password");
            goto done;
        }
        u.password_hash = hash;
    }
    if ((rc = ocop_store_begin(a->st)) != 0)
        goto done;
    after = json_pack("{s:s, s:s, s:s?, s:s?, s:I}", "email", u.email, "role", p->role,
                      "province", u.province_code, "ward", u.ward_code, "producer_id",
                      (json_int_t)u.producer_id);
    if ((rc = ocop_store_user_insert(id, a->st, &u)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, "create", "user", *id, NULL, after)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc)
        ocop_store_rollback(a->st);
done:
    sodium_memzero(hash, sizeof(hash));
    json_decref(after);
    json_decref(clean);
    return rc;
}

static void users__hash(unsigned char out[crypto_generichash_BYTES], const char *token)
{
    crypto_generichash(out, crypto_generichash_BYTES, (const unsigned char *)token, strlen(token),
                       NULL, 0);
}

int ocop_app_token_create(char **token, struct ocop_app *a, const char *email, const char *label)
{
    unsigned char raw[TOKEN_BYTES], hash[crypto_generichash_BYTES];
    char b64[sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    struct ocop_actor user;
    json_t *after = NULL;
    char *tok = NULL;
    int rc;

    *token = NULL;
    if ((rc = users__admin(a, "creates tokens")) != 0)
        return rc;
    if ((rc = ocop_store_user_actor(&user, a->st, email)) != 0)
        return rc;
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    tok = malloc(strlen(TOKEN_PREFIX) + sizeof(b64));
    if (!tok)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    strcpy(tok, TOKEN_PREFIX);
    strcat(tok, b64);
    users__hash(hash, tok);
    after = json_pack("{s:s, s:s?}", "email", email, "label", label);
    if ((rc = ocop_store_begin(a->st)) == 0) {
        if ((rc = ocop_store_token_insert(a->st, user.user_id, hash, sizeof(hash), label)) == 0 &&
            (rc = ocop_store_audit(a->st, &a->actor, "create", "token", user.user_id, NULL,
                                   after)) == 0)
            rc = ocop_store_commit(a->st);
        if (rc)
            ocop_store_rollback(a->st);
    }
    json_decref(after);
    sodium_memzero(raw, sizeof(raw));
    if (rc) {
        sodium_memzero(tok, strlen(tok));
        free(tok);
        return rc;
    }
    *token = tok;
    return 0;
}

int ocop_app_user_list(json_t **out, struct ocop_app *a, const char *q, int page, int per_page)
{
    json_t *items = NULL;
    long long total = 0;
    int rc, all = page <= 0 || per_page <= 0;
    *out = NULL;
    if ((rc = users__admin(a, "lists users")) != 0 ||
        (rc = ocop_store_user_list(&items, &total, a->st, q && *q ? q : NULL,
                                   all ? 0 : per_page, all ? 0 : (page - 1) * per_page)) != 0)
        return rc;
    *out = json_pack("{s:o, s:I, s:i, s:I}", "items", items, "total", (json_int_t)total, "page",
                     all ? 1 : page, "pages",
                     (json_int_t)(all ? 1 : (total + per_page - 1) / per_page));
    return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

int ocop_app_user_disable(struct ocop_app *a, const char *email, int disabled)
{
    enum ocop_role role;
    int64_t id;
    int was, rc;
    long long others = 0;
    json_t *before, *after;

    if ((rc = users__admin(a, disabled ? "disables users" : "enables users")) != 0)
        return rc;
    if (!email || !*email)
        return ocop_error_set_field(OCOP_EINVALID, "email", "an e-mail is required");
    if ((rc = ocop_store_begin(a->st)) != 0)
        return rc;
    if ((rc = ocop_store_user_find(&id, &role, &was, a->st, email)) != 0 || !was == !disabled) {
        ocop_store_rollback(a->st);
        return rc;
    }
    if (disabled && role == OCOP_ROLE_ADMIN &&
        ((rc = ocop_store_admins_besides(&others, a->st, id)) != 0 || others == 0)) {
        ocop_store_rollback(a->st);
        return rc ? rc
                  : ocop_error_set_field(OCOP_ECONFLICT, "email",
                                         "this is the last administrator: add another first");
    }
    before = json_pack("{s:s, s:b}", "email", email, "disabled", was);
    after = json_pack("{s:s, s:b}", "email", email, "disabled", disabled);
    if ((rc = ocop_store_user_set_disabled(a->st, id, disabled)) == 0 &&
        (rc = ocop_store_audit(a->st, &a->actor, disabled ? "disable" : "enable", "user", id,
                               before, after)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc)
        ocop_store_rollback(a->st);
    json_decref(before);
    json_decref(after);
    return rc;
}

int ocop_app_user_email(char *out, size_t n, struct ocop_app *a, int64_t user_id)
{
    int rc = users__admin(a, "looks users up");
    return rc ? rc : ocop_store_user_email(out, n, a->st, user_id);
}

int ocop_app_user_disable_id(struct ocop_app *a, int64_t user_id, int disabled)
{
    char email[255];
    int rc;
    if ((rc = ocop_app_user_email(email, sizeof(email), a, user_id)) != 0)
        return rc;
    return ocop_app_user_disable(a, email, disabled);
}

int ocop_app_token_list(json_t **out, struct ocop_app *a, const char *email)
{
    enum ocop_role role;
    int64_t id;
    int disabled, rc;
    json_t *items = NULL;
    *out = NULL;
    if ((rc = users__admin(a, "lists tokens")) != 0)
        return rc;
    if (!email || !*email)
        return ocop_error_set_field(OCOP_EINVALID, "email", "an e-mail is required");
    if ((rc = ocop_store_user_find(&id, &role, &disabled, a->st, email)) != 0 ||
        (rc = ocop_store_token_list(&items, a->st, id)) != 0)
        return rc;
    *out = json_pack("{s:s, s:o}", "email", email, "items", items);
    return *out ? 0 : ocop_error_set(OCOP_ERROR, "out of memory");
}

int ocop_app_token_revoke(struct ocop_app *a, int64_t token_id)
{
    int64_t owner = 0;
    int was = 0, rc;
    json_t *after;
    if ((rc = users__admin(a, "revokes tokens")) != 0)
        return rc;
    if ((rc = ocop_store_begin(a->st)) != 0)
        return rc;
    if ((rc = ocop_store_token_revoke(&owner, &was, a->st, token_id)) != 0 || was) {
        ocop_store_rollback(a->st);
        return rc;
    }
    after = json_pack("{s:I}", "token_id", (json_int_t)token_id);
    if ((rc = ocop_store_audit(a->st, &a->actor, "revoke", "token", owner, NULL, after)) == 0)
        rc = ocop_store_commit(a->st);
    if (rc)
        ocop_store_rollback(a->st);
    json_decref(after);
    return rc;
}

int ocop_app_authenticate(struct ocop_actor *out, struct ocop_store *st, const char *token)
{
    unsigned char hash[crypto_generichash_BYTES];
    size_t n = token ? strlen(token) : 0;

    memset(out, 0, sizeof(*out));
    if (n < 10 || n > 200 || strncmp(token, TOKEN_PREFIX, strlen(TOKEN_PREFIX)) != 0)
        return ocop_error_set(OCOP_EUNAUTH, "the token is not valid");
    users__hash(hash, token);
    return ocop_store_token_actor(out, st, hash, sizeof(hash));
}
