/* test_places.c: areas and point-in-polygon (core/geo.c), provincial seats, Vietnam's
 * extent and places in words (core/places.c), over Hanoi's real ward outlines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include <jansson.h>

#include "core/error.h"
#include "core/geo.h"
#include "core/places.h"
#include "core/verdict.h"

/* A file of the repository, found from the source root or from wherever the test runs. */
static char *read_repo_file(const char *rel, size_t *len)
{
    static const char *const up[] = {"", "../", "../../", "../../../"};
    const char *root = getenv("MESON_SOURCE_ROOT");
    char path[4096];
    FILE *f = NULL;
    char *buf = NULL;
    long n;

    if (root) {
        snprintf(path, sizeof(path), "%s/%s", root, rel);
        f = fopen(path, "rb");
    }
    for (size_t i = 0; !f && i < sizeof(up) / sizeof(up[0]); i++) {
        snprintf(path, sizeof(path), "%s%s", up[i], rel);
        f = fopen(path, "rb");
    }
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = '\0';
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static int setup(void **state)
{
    size_t len = 0;
    char *text = read_repo_file("data/vn-admin-units/hanoi-wards.geojson", &len);
    struct ocop_geo_areas *a = NULL;
    if (!text || ocop_geo_areas_parse(&a, text, len) != 0) {
        print_error("cannot read data/vn-admin-units/hanoi-wards.geojson: %s\n",
                    ocop_error_message());
        free(text);
        return -1;
    }
    free(text);
    *state = a;
    return 0;
}

static int teardown(void **state)
{
    ocop_geo_areas_free(*state);
    return 0;
}

/* The code of the ward that holds the point, "-" for none. */
static const char *ward_at(const struct ocop_geo_areas *a, double lat, double lon)
{
    int i = ocop_geo_areas_find(a, lat, lon);
    return i < 0 ? "-" : a->areas[i].code;
}

/* Every area holding the point, by brute force (no grid, no bounding boxes). */
static int holders(const struct ocop_geo_areas *a, double lat, double lon, int *first)
{
    int n = 0;
    *first = -1;
    for (int i = 0; i < a->count; i++) {
        int in = 0;
        for (int k = a->areas[i].ring0; k < a->areas[i].ring0 + a->areas[i].nrings; k++)
            in ^= ocop_geo_in_ring(a->pts + 2 * a->rings[k].pt0, a->rings[k].npts, lat, lon);
        if (in && n++ == 0)
            *first = i;
    }
    return n;
}

static void test_geo__hanoi_outlines_are_read(void **state)
{
    const struct ocop_geo_areas *a = *state;
    int i = ocop_geo_areas_index(a, "00070");
    assert_int_equal(a->count, 126);
    assert_int_equal(a->nrings, 126); /* the file holds one simple polygon per ward */
    assert_true(i >= 0);
    assert_string_equal(a->areas[i].name, "Phường Hoàn Kiếm");
    assert_string_equal(a->areas[i].name_en, "Hoan Kiem Ward");
    assert_int_equal(ocop_geo_areas_index(a, "99999"), -1);
    assert_int_equal(ocop_geo_areas_index(a, NULL), -1);
    assert_true(a->lon0 > 105.2 && a->lon1 < 106.1 && a->lat0 > 20.5 && a->lat1 < 21.4);
}

static void test_geo__known_places_fall_in_their_wards(void **state)
{
    const struct ocop_geo_areas *a = *state;
    assert_string_equal(ward_at(a, 21.0287, 105.8524), "00070"); /* Hoàn Kiếm lake */
    assert_string_equal(ward_at(a, 21.028, 105.854), "00070");   /* Hanoi's seat */
    assert_string_equal(ward_at(a, 20.9760, 105.9125), "00577"); /* Bát Tràng village */
    assert_string_equal(ward_at(a, 21.0756, 105.3716), "09700"); /* Ba Vì peak */
    assert_string_equal(ward_at(a, 21.1390, 105.5057), "09574"); /* Sơn Tây citadel */
    assert_string_equal(ward_at(a, 21.2187, 105.8042), "00433"); /* Nội Bài airport */
    assert_string_equal(ward_at(a, 21.0277, 105.8355), "00226"); /* Temple of Literature */
    assert_string_equal(ward_at(a, 20.6180, 105.7464), "10489"); /* Hương pagoda */
    /* outside Hanoi: Bắc Ninh, Hưng Yên, Hoà Bình's hills, Ho Chi Minh City */
    assert_string_equal(ward_at(a, 21.186, 106.076), "-");
    assert_string_equal(ward_at(a, 20.646, 106.051), "-");
    assert_string_equal(ward_at(a, 20.813, 105.338), "-");
    assert_string_equal(ward_at(a, 10.777, 106.701), "-");
    /* nothing at all for what is not a position */
    assert_string_equal(ward_at(a, NAN, 105.85), "-");
    assert_string_equal(ward_at(a, 21.03, NAN), "-");
    assert_string_equal(ward_at(a, INFINITY, -INFINITY), "-");
    assert_string_equal(ward_at(NULL, 21.03, 105.85), "-");
}

/* Shapely's answers (tests/unit/data/hanoi-points.txt): each ward's representative point
 * and a 61 x 61 grid over the outlines' box. */
static void test_geo__agrees_with_an_independent_implementation(void **state)
{
    const struct ocop_geo_areas *a = *state;
    size_t len = 0;
    char *text = read_repo_file("tests/unit/data/hanoi-points.txt", &len), *line, *save = NULL;
    int n = 0, inside = 0, seen[126] = {0};
    assert_non_null(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        double lat, lon;
        char code[8];
        if (line[0] == '#')
            continue;
        assert_int_equal(sscanf(line, "%lf %lf %7s", &lat, &lon, code), 3);
        if (strcmp(ward_at(a, lat, lon), code) != 0)
            fail_msg("%f, %f: %s, Shapely says %s", lat, lon, ward_at(a, lat, lon), code);
        if (strcmp(code, "-") != 0) {
            inside++;
            seen[ocop_geo_areas_find(a, lat, lon)] = 1;
        }
        n++;
    }
    free(text);
    assert_true(n > 3800 && inside > 1600);
    for (int i = 0; i < 126; i++)
        assert_true(seen[i]);
}

/* The grid never loses a candidate: the same answers as a search of every ring. */
static void test_geo__grid_agrees_with_brute_force(void **state)
{
    const struct ocop_geo_areas *a = *state;
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int k = 0; k < 20000; k++) {
        double lat, lon;
        int first, n;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        lat = a->lat0 - 0.01 + (a->lat1 - a->lat0 + 0.02) * (double)(x >> 11) / 9007199254740992.0;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        lon = a->lon0 - 0.01 + (a->lon1 - a->lon0 + 0.02) * (double)(x >> 11) / 9007199254740992.0;
        n = holders(a, lat, lon, &first);
        assert_true(n <= 1);
        assert_int_equal(ocop_geo_areas_find(a, lat, lon), first);
    }
}

/* Points on the outlines: every vertex and every edge's midpoint lies in at most one
 * ward, and an edge two wards share puts its midpoint in exactly one: no point between two
 * wards is lost or counted twice. Except around Xã Bất Bạt (09676), whose simplified
 * outline crosses itself once (at 105.30509 E, 21.07754 N; Shapely finds no other fault
 * in the file): the sliver it folds over is counted in it and its neighbour. */
static void test_geo__boundaries_belong_to_exactly_one_ward(void **state)
{
    const struct ocop_geo_areas *a = *state;
    int shared = 0;
    for (int r = 0; r < a->nrings; r++) {
        const double *p = a->pts + 2 * a->rings[r].pt0;
        int n = a->rings[r].npts;
        for (int i = 0; i < n; i++) {
            double ax = p[2 * i], ay = p[2 * i + 1];
            double bx = p[2 * ((i + 1) % n)], by = p[2 * ((i + 1) % n) + 1];
            int first, twin = 0;
            /* the same edge, reversed, in another ring */
            for (int s = 0; !twin && s < a->nrings; s++) {
                const double *q = a->pts + 2 * a->rings[s].pt0;
                int m = a->rings[s].npts;
                for (int k = 0; s != r && k < m; k++)
                    if (q[2 * k] == bx && q[2 * k + 1] == by && q[2 * ((k + 1) % m)] == ax &&
                        q[2 * ((k + 1) % m) + 1] == ay)
                        twin = 1;
            }
            int at_vertex = holders(a, ay, ax, &first);
            int at_middle = holders(a, (ay + by) / 2, (ax + bx) / 2, &first);
            if (fabs(ax - 105.3051) < 0.01 && fabs(ay - 21.0775) < 0.01)
                continue; /* Bất Bạt's fold */
            assert_true(at_vertex <= 1);
            assert_true(at_middle <= 1);
            assert_int_equal(ocop_geo_areas_find(a, (ay + by) / 2, (ax + bx) / 2), first);
            if (twin) {
                shared++;
                assert_int_equal(at_middle, 1);
            }
        }
    }
    assert_true(shared > 4000); /* most edges lie between two wards */
}

/* Holes, multipolygons, rings left open, and the edge rule on a square. */
static void test_geo__holes_and_multipolygons(void **state)
{
    static const char doc[] =
        "{\"type\":\"FeatureCollection\",\"features\":["
        /* a square with a square hole */
        "{\"type\":\"Feature\",\"properties\":{\"code\":\"A\",\"name\":\"Ring\"},"
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
        "[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}},"
        /* two islands, one of them in A's hole, the other open (not closed) */
        "{\"type\":\"Feature\",\"id\":\"B\",\"properties\":{\"fullName\":\"Xã B\","
        "\"fullNameEn\":\"B Commune\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":["
        "[[[4.5,4.5],[5.5,4.5],[5.5,5.5],[4.5,5.5],[4.5,4.5]]],"
        "[[[20,0],[30,0],[30,10],[20,10]]]]}},"
        /* A's neighbour on the right: the edge x = 10 is shared */
        "{\"properties\":{\"code\":\"C\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":["
        "[[10,0],[20,0],[20,10],[10,10],[10,0]]]}}]}";
    struct ocop_geo_areas *g = NULL;
    (void)state;
    assert_int_equal(ocop_geo_areas_parse(&g, doc, strlen(doc)), 0);
    assert_int_equal(g->count, 3);
    assert_string_equal(g->areas[0].name, "Ring");
    assert_string_equal(g->areas[0].name_en, "Ring");
    assert_string_equal(g->areas[1].code, "B");
    assert_string_equal(g->areas[1].name_en, "B Commune");
    assert_string_equal(g->areas[2].name, "C");
    assert_string_equal(ward_at(g, 2, 2), "A");
    assert_string_equal(ward_at(g, 4.2, 4.2), "-"); /* in the hole */
    assert_string_equal(ward_at(g, 5, 5), "B");     /* an island in the hole */
    assert_string_equal(ward_at(g, 5, 25), "B");    /* its other island, ring left open */
    assert_string_equal(ward_at(g, 5, 15), "C");
    assert_string_equal(ward_at(g, 5, 10), "C"); /* on the shared edge: one side only */
    assert_string_equal(ward_at(g, 5, 20), "B"); /* C and B share x = 20 too */
    assert_string_equal(ward_at(g, 5, 30), "-");
    assert_string_equal(ward_at(g, 11, 5), "-");
    assert_string_equal(ward_at(g, -1, 5), "-");
    ocop_geo_areas_free(g);
    ocop_geo_areas_free(NULL);
}

/* What is not a collection of areas is refused, never crashes. */
static void test_geo__malformed_outlines_are_refused(void **state)
{
    static const char *const bad[] = {
        "",
        "{",
        "[]",
        "{\"features\":[]}",
        "{\"features\":[1]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Point\","
        "\"coordinates\":[1,2]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[1,0],[0,0]]]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[1,0],[1,\"1\"],[0,0]]]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[200,0],[1,1],[0,0]]]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[1,0],[1,91],[0,0]]]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"MultiPolygon\","
        "\"coordinates\":[1]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"MultiPolygon\","
        "\"coordinates\":[[]]}}]}",
        "{\"features\":[{\"properties\":{},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}",
        "{\"features\":[{\"properties\":{\"code\":\"\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}",
        /* a polygon with no area at all: a box of nothing */
        "{\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":{\"type\":\"Polygon\","
        "\"coordinates\":[[[1,1],[1,1],[1,1],[1,1]]]}}]}",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct ocop_geo_areas *g = (struct ocop_geo_areas *)1;
        int rc = ocop_geo_areas_parse(&g, bad[i], strlen(bad[i]));
        if (rc != OCOP_EMALFORMED)
            fail_msg("case %zu: %d (%s)", i, rc, ocop_error_message());
        assert_null(g);
    }
}

/* ------------------------------------------------------------------ seats */

/* The table against units-2025.json: the 34 provinces, by code, with their names. */
static void test_places__seats_are_the_34_provinces(void **state)
{
    size_t len = 0, i;
    char *text = read_repo_file("data/vn-admin-units/units-2025.json", &len);
    json_t *units, *p;
    int found = 0;
    (void)state;
    assert_non_null(text);
    units = json_loadb(text, len, 0, NULL);
    free(text);
    assert_int_equal(json_array_size(units), OCOP_SEATS);
    json_array_foreach(units, i, p)
    {
        const char *code = json_string_value(json_object_get(p, "Code"));
        const char *name = json_string_value(json_object_get(p, "Name"));
        const char *name_en = json_string_value(json_object_get(p, "NameEn"));
        const struct ocop_seat *s = ocop_seat_find(code);
        assert_non_null(s);
        if (strcmp(code, "79") == 0) {
            assert_string_equal(s->name, "TP. Hồ Chí Minh");
            assert_string_equal(s->name_en, "Ho Chi Minh City");
        } else {
            assert_string_equal(s->name, name);
            assert_string_equal(s->name_en, name_en);
        }
        found++;
    }
    /* the zones at sea are wards of their provinces */
    for (int z = 0; z < 2; z++) {
        struct ocop_place pl;
        json_t *w;
        int known = 0;
        ocop_place_locate(&pl, NULL, NULL, z ? 8.64 : 16.53, z ? 111.92 : 111.61);
        assert_int_equal(pl.kind, OCOP_PLACE_ZONE);
        json_array_foreach(units, i, p)
        {
            size_t k;
            json_array_foreach(json_object_get(p, "Wards"), k, w) known +=
                strcmp(json_string_value(json_object_get(w, "Code")), pl.zone->code) == 0 &&
                strcmp(json_string_value(json_object_get(w, "ProvinceCode")), pl.zone->province) ==
                    0;
        }
        assert_int_equal(known, 1);
    }
    json_decref(units);
    assert_int_equal(found, OCOP_SEATS);
    for (int k = 0; k < OCOP_SEATS; k++) {
        double km = -1;
        /* every seat is in Vietnam, and is its own nearest */
        assert_true(ocop_in_vietnam(ocop_seats[k].lat, ocop_seats[k].lon));
        assert_ptr_equal(ocop_seat_nearest(ocop_seats[k].lat, ocop_seats[k].lon, &km),
                         &ocop_seats[k]);
        assert_true(km < 1e-6);
        for (int j = 0; j < k; j++)
            assert_string_not_equal(ocop_seats[j].code, ocop_seats[k].code);
    }
    assert_null(ocop_seat_find("00"));
    assert_null(ocop_seat_find(NULL));
    assert_null(ocop_seat_nearest(NAN, 105, NULL));
    assert_null(ocop_seat_nearest(21, 181, NULL));
}

static void test_places__vietnam_and_its_neighbours(void **state)
{
    static const struct {
        const char *what;
        double lat, lon;
        int in;
    } pts[] = {
        {"Hanoi", 21.03, 105.85, 1},
        {"Lũng Cú, the northern tip", 23.36, 105.32, 1},
        {"A Pa Chải, the western tip", 22.40, 102.15, 1},
        {"Móng Cái", 21.52, 107.96, 1},
        {"Mũi Cà Mau", 8.60, 104.72, 1},
        {"Phú Quốc", 10.22, 103.96, 1},
        {"Thổ Châu", 9.30, 103.47, 1},
        {"Côn Đảo", 8.68, 106.61, 1},
        {"Phú Quý", 10.52, 108.94, 1},
        {"Lý Sơn", 15.38, 109.12, 1},
        {"Cồn Cỏ", 17.16, 107.34, 1},
        {"Bạch Long Vĩ", 20.13, 107.72, 1},
        {"Cô Tô", 20.98, 107.77, 1},
        {"Hoàng Sa", 16.53, 111.61, 1},
        {"Trường Sa", 8.64, 111.92, 1},
        {"Lao Bảo", 16.62, 106.60, 1},
        {"Cầu Treo", 18.38, 105.15, 1},
        {"Hà Tiên", 10.38, 104.48, 1},
        {"Vũng Tàu, 20 km out", 10.20, 107.25, 1},
        {"Vientiane, Laos", 17.97, 102.61, 0},
        {"Luang Prabang, Laos", 19.89, 102.13, 0},
        {"Savannakhet, Laos", 16.55, 104.75, 0},
        {"Phnom Penh, Cambodia", 11.56, 104.92, 0},
        {"Nanning, China", 22.82, 108.32, 0},
        {"Haikou, Hainan", 20.04, 110.34, 0},
        {"Bangkok", 13.75, 100.50, 0},
        {"Gulf of Tonkin", 18.00, 108.00, 0},
        {"Biển Đông, between the archipelagos", 14.00, 111.00, 0},
        {"Gulf of Thailand", 8.50, 102.50, 0},
        {"Paris", 48.85, 2.35, 0},
        {"NaN", NAN, 105.85, 0},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(pts) / sizeof(pts[0]); i++)
        if (ocop_in_vietnam(pts[i].lat, pts[i].lon) != pts[i].in)
            fail_msg("%s: %s", pts[i].what, pts[i].in ? "left out" : "taken in");
}

/* ------------------------------------------------------------------ words */

static const char *full(const struct ocop_geo_areas *a, double lat, double lon, int en)
{
    static char out[3][200];
    static int turn;
    struct ocop_place p;
    char *o = out[turn++ % 3];
    ocop_place_locate(&p, a, "01", lat, lon);
    ocop_place_text(o, 200, &p, OCOP_PLACE_FULL, en);
    return o;
}

static void test_places__named_in_both_languages(void **state)
{
    const struct ocop_geo_areas *a = *state;
    struct ocop_place p;
    char t[200];

    assert_string_equal(full(a, 21.0287, 105.8524, 0), "Phường Hoàn Kiếm, Hà Nội");
    assert_string_equal(full(a, 21.0287, 105.8524, 1), "Hoan Kiem Ward, Hanoi");
    assert_string_equal(full(a, 20.9760, 105.9125, 0), "Xã Bát Tràng, Hà Nội");
    assert_string_equal(full(a, 21.0756, 105.3716, 1), "Ba Vi Commune, Hanoi");
    /* Đà Nẵng's Dragon Bridge, a kilometre from the city's centre */
    assert_string_equal(full(a, 16.0612, 108.2275, 0), "cách trung tâm Đà Nẵng 1 km");
    assert_string_equal(full(a, 16.0612, 108.2275, 1), "1 km from Da Nang's centre");
    assert_string_equal(full(a, 15.8801, 108.3380, 1), "24 km from Da Nang's centre"); /* Hội An */
    /* Bến Thành market; the seat itself */
    assert_string_equal(full(a, 10.7725, 106.6980, 0), "cách trung tâm TP. Hồ Chí Minh 1 km");
    assert_string_equal(full(a, 10.777, 106.701, 1),
                        "less than 1 km from Ho Chi Minh City's centre");
    /* Phú Quốc belongs to An Giang, whose seat is Rạch Giá */
    assert_string_equal(full(a, 10.217, 103.960, 0), "cách trung tâm An Giang 125 km");
    /* the archipelagos: Hoàng Sa is Đà Nẵng's, Trường Sa Khánh Hoà's */
    assert_string_equal(full(a, 16.53, 111.61, 0), "Đặc khu Hoàng Sa, Đà Nẵng");
    assert_string_equal(full(a, 8.64, 111.92, 1), "Truong Sa Special Zone, Khanh Hoa");
    ocop_place_locate(&p, a, "01", 16.53, 111.61);
    assert_int_equal(p.kind, OCOP_PLACE_ZONE);
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_IN, 0);
    assert_string_equal(t, "ở Hoàng Sa, Đà Nẵng");
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_BRIEF, 1);
    assert_string_equal(t, "Hoang Sa, Da Nang");
    /* the sea, Laos, France */
    assert_string_equal(full(a, 18.0, 108.0, 0), "ngoài lãnh thổ Việt Nam");
    assert_string_equal(full(a, 17.97, 102.61, 1), "outside Vietnam");
    assert_string_equal(full(a, 48.85, 2.35, 1), "outside Vietnam");
    /* no place: nothing to say */
    assert_string_equal(full(a, NAN, 105.0, 0), "");
    assert_string_equal(full(a, 95.0, 105.0, 1), "");
    assert_string_equal(full(a, 21.0, -181.0, 1), "");
    ocop_place_locate(&p, a, "01", NAN, NAN);
    assert_int_equal(p.kind, OCOP_PLACE_NONE);
    /* without outlines, Hanoi is named by its seat like everywhere else */
    assert_string_equal(full(NULL, 21.0287, 105.8524, 1), "less than 1 km from Hanoi's centre");
    assert_string_equal(full(NULL, 20.9760, 105.9125, 0), "cách trung tâm Hà Nội 8 km");

    /* the brief form and the one that follows "scanned" */
    ocop_place_locate(&p, a, "01", 21.0287, 105.8524);
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_BRIEF, 0);
    assert_string_equal(t, "Hà Nội");
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_IN, 1);
    assert_string_equal(t, "in Hanoi");
    ocop_place_locate(&p, a, "01", 16.0612, 108.2275);
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_BRIEF, 0);
    assert_string_equal(t, "khu vực Đà Nẵng");
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_BRIEF, 1);
    assert_string_equal(t, "Da Nang area");
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_IN, 0);
    assert_string_equal(t, "ở khu vực Đà Nẵng");
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_IN, 1);
    assert_string_equal(t, "in the Da Nang area");
    ocop_place_locate(&p, a, "01", 17.97, 102.61);
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_IN, 0);
    assert_string_equal(t, "ngoài lãnh thổ Việt Nam");
    /* a province without outlines' seat: its ward names stand alone */
    ocop_place_locate(&p, a, NULL, 21.0287, 105.8524);
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_FULL, 0);
    assert_string_equal(t, "Phường Hoàn Kiếm");
    ocop_place_text(t, sizeof(t), &p, OCOP_PLACE_BRIEF, 1);
    assert_string_equal(t, "Hoan Kiem Ward");
}

static void test_places__distances_and_durations(void **state)
{
    char t[64];
    (void)state;
    ocop_km_text(t, sizeof(t), 1140.4, 0);
    assert_string_equal(t, "1.140 km");
    ocop_km_text(t, sizeof(t), 1140.6, 1);
    assert_string_equal(t, "1,141 km");
    ocop_km_text(t, sizeof(t), 12.4, 1);
    assert_string_equal(t, "12 km");
    ocop_km_text(t, sizeof(t), 1234567, 0);
    assert_string_equal(t, "1.234.567 km");
    ocop_km_text(t, sizeof(t), 999.5, 1);
    assert_string_equal(t, "1,000 km");
    ocop_km_text(t, sizeof(t), 0.49, 0);
    assert_string_equal(t, "dưới 1 km");
    ocop_km_text(t, sizeof(t), NAN, 1);
    assert_string_equal(t, "less than 1 km");
    ocop_km_text(t, sizeof(t), 1e300, 1);
    assert_string_equal(t, "999,999,999,999 km");
    ocop_duration_text(t, sizeof(t), 59999, 0);
    assert_string_equal(t, "chưa đầy 1 phút");
    ocop_duration_text(t, sizeof(t), -5, 1);
    assert_string_equal(t, "less than a minute");
    ocop_duration_text(t, sizeof(t), 60000, 1);
    assert_string_equal(t, "1 minute");
    ocop_duration_text(t, sizeof(t), 30 * 60000 + 59999, 0);
    assert_string_equal(t, "30 phút");
    ocop_duration_text(t, sizeof(t), 30 * 60000, 1);
    assert_string_equal(t, "30 minutes");
    ocop_duration_text(t, sizeof(t), 60 * 60000, 1);
    assert_string_equal(t, "1 hour");
    ocop_duration_text(t, sizeof(t), 125 * 60000, 0);
    assert_string_equal(t, "2 giờ 5 phút");
    ocop_duration_text(t, sizeof(t), 121 * 60000, 1);
    assert_string_equal(t, "2 hours 1 minute");
    ocop_duration_text(t, sizeof(t), 47 * 3600000LL, 1);
    assert_string_equal(t, "47 hours");
    ocop_duration_text(t, sizeof(t), 3 * 86400000LL + 5, 0);
    assert_string_equal(t, "3 ngày");
    ocop_duration_text(t, sizeof(t), 3 * 86400000LL, 1);
    assert_string_equal(t, "3 days");
}

static void test_places__far_apart_in_words(void **state)
{
    const struct ocop_geo_areas *a = *state;
    struct ocop_place hn, hcm, bt, laos, paris;
    char t[300];
    size_t n;

    ocop_place_locate(&hn, a, "01", 21.03, 105.85);
    ocop_place_locate(&bt, a, "01", 20.976, 105.9125);
    ocop_place_locate(&hcm, a, "01", 10.78, 106.70);
    ocop_place_locate(&laos, a, "01", 17.97, 102.61);
    ocop_place_locate(&paris, a, "01", 48.85, 2.35);
    ocop_far_apart_text(t, sizeof(t), &hn, &hcm, 1140, 30 * 60000, 0);
    assert_string_equal(t,
                        "ở Hà Nội và ở khu vực TP. Hồ Chí Minh, cách nhau 1.140 km trong 30 phút");
    ocop_far_apart_text(t, sizeof(t), &hn, &hcm, 1140, 30 * 60000, 1);
    assert_string_equal(t,
                        "in Hanoi and in the Ho Chi Minh City area, 1,140 km apart in 30 minutes");
    ocop_far_apart_text(t, sizeof(t), &hn, &bt, 30, 20000, 0);
    assert_string_equal(t, "hai nơi ở Hà Nội, cách nhau 30 km trong chưa đầy 1 phút");
    ocop_far_apart_text(t, sizeof(t), &hn, &bt, 30, 20000, 1);
    assert_string_equal(t, "two places in Hanoi, 30 km apart in less than a minute");
    ocop_far_apart_text(t, sizeof(t), &laos, &hn, 480, 3600000, 1);
    assert_string_equal(t, "outside Vietnam and in Hanoi, 480 km apart in 1 hour");
    ocop_far_apart_text(t, sizeof(t), &laos, &paris, 9000, 7200000, 0);
    assert_string_equal(t, "hai nơi ngoài lãnh thổ Việt Nam, cách nhau 9.000 km trong 2 giờ");
    /* cut short, always terminated, the whole length told */
    n = ocop_far_apart_text(t, 10, &hn, &hcm, 1140, 30 * 60000, 1);
    assert_int_equal(
        n, strlen("in Hanoi and in the Ho Chi Minh City area, 1,140 km apart in 30 minutes"));
    assert_string_equal(t, "in Hanoi ");
    assert_int_equal(ocop_place_text(t, 1, &hn, OCOP_PLACE_FULL, 1),
                     strlen("Hoan Kiem Ward, Hanoi"));
    assert_string_equal(t, "");
    assert_int_equal(ocop_km_text(NULL, 0, 5, 1), 4);
}

/* What a phone may send as a position: plain decimal numbers in range, nothing else. */
static void test_places__coordinates_are_parsed_strictly(void **state)
{
    static const char *const bad[] = {
        "",          " 21.03", "21.03 ", "0x15", "0X1p4",    "nan",   "NAN",      "-nan", "inf",
        "-Infinity", "1e400",  "-1e400", "91",   "-90.0001", "21,03", "21.03abc", "abc",  "--1",
        "1..2",      "1e",     "+",      ".",    "e5",       "1e5",   "21.03\n"};
    (void)state;
    assert_true(ocop_coord_parse("21.0285", 90) == 21.0285);
    assert_true(ocop_coord_parse("-90", 90) == -90);
    assert_true(ocop_coord_parse("90", 90) == 90);
    assert_true(ocop_coord_parse("+105.85", 180) == 105.85);
    assert_true(ocop_coord_parse("-0", 180) == 0);
    assert_true(ocop_coord_parse("1.0585e2", 180) == 105.85);
    assert_true(ocop_coord_parse("180", 180) == 180);
    assert_true(ocop_coord_parse(".5", 90) == 0.5);
    assert_true(isnan(ocop_coord_parse(NULL, 90)));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (!isnan(ocop_coord_parse(bad[i], 90)))
            fail_msg("\"%s\" taken as %g", bad[i], ocop_coord_parse(bad[i], 90));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geo__hanoi_outlines_are_read),
        cmocka_unit_test(test_geo__known_places_fall_in_their_wards),
        cmocka_unit_test(test_geo__agrees_with_an_independent_implementation),
        cmocka_unit_test(test_geo__grid_agrees_with_brute_force),
        cmocka_unit_test(test_geo__boundaries_belong_to_exactly_one_ward),
        cmocka_unit_test(test_geo__holes_and_multipolygons),
        cmocka_unit_test(test_geo__malformed_outlines_are_refused),
        cmocka_unit_test(test_places__seats_are_the_34_provinces),
        cmocka_unit_test(test_places__vietnam_and_its_neighbours),
        cmocka_unit_test(test_places__named_in_both_languages),
        cmocka_unit_test(test_places__distances_and_durations),
        cmocka_unit_test(test_places__far_apart_in_words),
        cmocka_unit_test(test_places__coordinates_are_parsed_strictly),
    };
    return cmocka_run_group_tests_name("places", tests, setup, teardown);
}
