/*
 * stamp.h: OCOP stamp identities and their URIs (pure rules, no I/O).
 *
 * A stamp is identified by a serial (96 random bits, Crockford base32, 20 characters),
 * its product's GTIN (or none) and its lot. The QR code carries a GS1 Digital Link URI
 * on the configured public base URL:
 *
 *   https://HOST/01/{GTIN-14}/10/{lot}/21/{serial}?s={key id}.{signature}
 *   https://HOST/v/{serial}?l={lot}&s={key id}.{signature}          (no GTIN)
 *
 * The signature is Ed25519 (64 bytes, base64url without padding) over
 * ocop_stamp_message(): anyone with the province's public key checks it offline.
 */
#ifndef OCOP_CORE_STAMP_H
#define OCOP_CORE_STAMP_H

#include <stddef.h>
#include <stdint.h>

#define OCOP_SERIAL_BYTES 12
#define OCOP_SERIAL_LEN 20      /* Crockford base32 of 96 bits */
#define OCOP_LOT_MAX 20         /* GS1 AI (10) holds up to 20 characters */
#define OCOP_KID_MAX 16
#define OCOP_SIG_BYTES 64
#define OCOP_SIG_B64_LEN 86

struct ocop_stamp_id {
    char gtin[15];                      /* GTIN-14, or "" */
    char lot[OCOP_LOT_MAX + 1];
    char serial[OCOP_SERIAL_LEN + 1];
    char kid[OCOP_KID_MAX + 1];         /* key id, "" if the URI carries no signature */
    unsigned char sig[OCOP_SIG_BYTES];
    int has_sig;
};

/* Encodes 12 random bytes as a serial (Crockford base32, upper case). */
void ocop_serial_encode(char out[OCOP_SERIAL_LEN + 1], const unsigned char raw[OCOP_SERIAL_BYTES]);
/* Checks a serial's form (20 Crockford characters, canonical). 0 or OCOP_EINVALID. */
int ocop_serial_check(const char *serial);
/* A lot code: 1-20 characters of GS1's AI encodable set 82. 0 or OCOP_EINVALID. */
int ocop_lot_check(const char *lot);
/* A key id: 1-16 of [A-Za-z0-9_-]. */
int ocop_kid_check(const char *kid);
/* A scan's client (a keyed hash, as hex) as a number: its leading hex digits, at most 16
 * (strtoull's answer for the hex a scan carries, without its locale and sign handling:
 * every scan needs it). */
uint64_t ocop_scan_client_key(const char *hex);

/* The bytes a stamp's signature covers ("ocop-stamp/1|gtin|lot|serial"); returns length. */
size_t ocop_stamp_message(char *out, size_t n, const struct ocop_stamp_id *id);

/*
 * Writes the stamp's URI on `base` ("https://ocop.hanoi.gov.vn", no trailing slash):
 * the Digital Link form when id->gtin is set, else the short form. Lot and serial are
 * percent-encoded as GS1 Digital Link requires. Returns the length, or -1 if `n` is short.
 */
int ocop_stamp_uri(char *out, size_t n, const char *base, const struct ocop_stamp_id *id);

/*
 * Parses a stamp URI, or only its path and query ("/01/.../21/...?s=..."), into *id.
 * Checks the GTIN check digit, qualifier order, percent-encoding, the serial's form and
 * the signature's encoding. 0, OCOP_EMALFORMED with the reason. Outside input: fuzzed.
 */
int ocop_stamp_parse(struct ocop_stamp_id *id, const char *uri, size_t len);

#endif
