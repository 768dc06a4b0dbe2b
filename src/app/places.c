/* places.c (app): the ward outlines, read once, and a scan's place (app/places.h). */
#include "app/places.h"
#include "core/buf.h"
#include "core/error.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define OUTLINES_FILE "vn-admin-units/hanoi-wards.geojson"
#define OUTLINES_MAX (32u << 20) /* bytes */

static pthread_once_t outlines_once = PTHREAD_ONCE_INIT;
static struct ocop_geo_areas *outlines; /* read-only once loaded; NULL if unavailable */

/* Reads and parses the file; a failure is logged once, and then the map page shows its
 * table alone and Hanoi's scans are named by the nearest seat, like everywhere else. */
static void outlines__load(void)
{
    const char *dir = getenv("OCOP_DATA_DIR");
    char path[4096], chunk[65536];
    struct ocop_buf text;
    size_t n;
    FILE *f;
    int rc = 0;

    snprintf(path, sizeof(path), "%s/%s", dir && *dir ? dir : "data", OUTLINES_FILE);
    if (!(f = fopen(path, "rb"))) {
        fprintf(stderr,
                "ocop: the ward map %s cannot be read; /map shows the table only and "
                "places in Hanoi are named by the nearest provincial seat\n",
                path);
        return;
    }
    ocop_buf_init(&text, OUTLINES_MAX);
    while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc = ocop_buf_put(&text, chunk, n);
    if (ferror(f))
        rc = ocop_error_set(OCOP_ERROR, "read error");
    fclose(f);
    if (!rc)
        rc = ocop_geo_areas_parse(&outlines, text.data ? text.data : "", text.len);
    if (rc)
        fprintf(stderr,
                "ocop: the ward map %s is not usable (%s); /map shows the table only "
                "and places in Hanoi are named by the nearest provincial seat\n",
                path, ocop_error_message());
    ocop_buf_dispose(&text);
}

const struct ocop_geo_areas *ocop_outlines(void)
{
    pthread_once(&outlines_once, outlines__load);
    return outlines;
}

void ocop_app_place(struct ocop_place *out, double lat, double lon)
{
    ocop_place_locate(out, ocop_outlines(), OCOP_OUTLINES_PROVINCE, lat, lon);
}

const char *ocop_place_kind_name(enum ocop_place_kind k)
{
    switch (k) {
    case OCOP_PLACE_INSIDE:
        return "ward";
    case OCOP_PLACE_ZONE:
        return "zone";
    case OCOP_PLACE_NEAR:
        return "near";
    case OCOP_PLACE_ABROAD:
        return "abroad";
    default:
        return NULL;
    }
}

int ocop_place_json(struct ocop_buf *b, const struct ocop_place *p, int office)
{
    enum ocop_place_style style = office ? OCOP_PLACE_FULL : OCOP_PLACE_BRIEF;
    char text[256];
    if (p->kind == OCOP_PLACE_NONE)
        return ocop_buf_puts(b, "null");
    ocop_buf_puts(b, "{\"kind\":\"");
    ocop_buf_puts(b, ocop_place_kind_name(p->kind));
    ocop_buf_puts(b, "\",\"province_code\":");
    ocop_buf_json_string(b, p->seat ? p->seat->code : NULL);
    if (office && (p->kind == OCOP_PLACE_INSIDE || p->kind == OCOP_PLACE_ZONE)) {
        ocop_buf_puts(b, ",\"ward_code\":");
        ocop_buf_json_string(b, p->kind == OCOP_PLACE_INSIDE ? p->area->code : p->zone->code);
    }
    if (office && p->kind == OCOP_PLACE_NEAR)
        ocop_buf_printf(b, ",\"km\":%.1f", p->km);
    ocop_place_text(text, sizeof(text), p, style, 0);
    ocop_buf_puts(b, ",\"name\":");
    ocop_buf_json_string(b, text);
    ocop_place_text(text, sizeof(text), p, style, 1);
    ocop_buf_puts(b, ",\"name_en\":");
    ocop_buf_json_string(b, text);
    if (office) {
        ocop_place_text(text, sizeof(text), p, OCOP_PLACE_BRIEF, 0);
        ocop_buf_puts(b, ",\"brief\":");
        ocop_buf_json_string(b, text);
        ocop_place_text(text, sizeof(text), p, OCOP_PLACE_BRIEF, 1);
        ocop_buf_puts(b, ",\"brief_en\":");
        ocop_buf_json_string(b, text);
    }
    return ocop_buf_puts(b, "}");
}

json_t *ocop_place_object(double lat, double lon)
{
    struct ocop_place p;
    struct ocop_buf b;
    json_t *o = NULL;
    ocop_app_place(&p, lat, lon);
    if (p.kind == OCOP_PLACE_NONE)
        return json_null();
    ocop_buf_init(&b, 4096);
    if (ocop_place_json(&b, &p, 1) == 0)
        o = json_loadb(b.data, b.len, 0, NULL);
    ocop_buf_dispose(&b);
    return o ? o : json_null();
}
