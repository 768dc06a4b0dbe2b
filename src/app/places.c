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
        fprintf(stderr, "ocop: the ward map %s cannot be read; /map shows the table only and "
                        "places in Hanoi are named by the nearest provincial seat\n", path);
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
        fprintf(stderr, "ocop: the ward map %s is not usable (%s); /map shows the table only "
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
