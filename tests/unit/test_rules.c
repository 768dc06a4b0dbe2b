/* test_rules.c: rulesets, criteria sets, scoring and the dossier state machine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/error.h"
#include "core/rules.h"
#include "core/workflow.h"

static const char ruleset_148[] =
    "{\"format\":\"ocop-ruleset/1\",\"ruleset\":\"148/QĐ-TTg\",\"effective_from\":\"2023-02-24\","
    "\"parts\":[{\"code\":\"A\",\"max\":40},{\"code\":\"B\",\"max\":25},{\"code\":\"C\",\"max\":35}],"
    "\"stars\":[{\"stars\":5,\"min\":90},{\"stars\":4,\"min\":70},{\"stars\":3,\"min\":50},"
    "{\"stars\":2,\"min\":30},{\"stars\":1,\"min\":0}],"
    "\"certificate\":{\"min_stars\":3,\"validity_months\":36,\"expiring_days\":90},"
    "\"levels\":[{\"level\":\"province\",\"stars\":[3,4]},{\"level\":\"central\",\"stars\":[5]}],"
    "\"five_star_candidate\":{\"stars\":4,\"min_score\":90},"
    "\"quorum\":{\"min_members\":3,\"min_fraction\":0.6667}}";

/* A set whose criteria let any total from 0 to 100 be reached: A has 40 one-point
 * steps, B 25, C 35 (plus a required criterion C2 worth 5). */
static json_t *make_set(int a_max, int c2_required_stars)
{
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:[s], s:s, s:[]}", "format", "ocop-criteria/1",
                            "ruleset", "148/QĐ-TTg", "code", "test-food", "sector", "food",
                            "groups", "food.tea", "name", "Bộ thử", "parts");
    const char *codes[] = {"A", "B", "C"};
    int maxes[] = {a_max, 25, 35};
    for (int p = 0; p < 3; p++) {
        json_t *crits = json_array();
        int first = p == 2 ? 30 : maxes[p];
        json_t *opts = json_array();
        for (int k = 0; k <= first; k++)
            json_array_append_new(opts, json_pack("{s:s, s:i}", "text", "mức", "points", k));
        char code[8];
        snprintf(code, sizeof(code), "%s1.1", codes[p]);
        json_array_append_new(crits, json_pack("{s:s, s:s, s:i, s:o}", "code", code, "text",
                                               "tiêu chí", "max", first, "options", opts));
        json_t *sections = json_pack("[{s:s, s:s, s:i, s:o}]", "code", code, "name", "mục", "max",
                                     first, "criteria", crits);
        if (p == 2) {
            json_t *c2 = json_pack("{s:s, s:s, s:i, s:[{s:s,s:i},{s:s,s:i}]}", "code", "C2.1",
                                   "text", "an toàn thực phẩm", "max", 5, "options", "text", "không",
                                   "points", 0, "text", "có", "points", 5);
            if (c2_required_stars)
                json_object_set_new(c2, "required", json_pack("{s:i, s:i}", "stars",
                                                              c2_required_stars, "min_points", 3));
            json_array_append_new(sections, json_pack("{s:s, s:s, s:i, s:[o]}", "code", "C2",
                                                      "name", "ATTP", "max", 5, "criteria", c2));
        }
        json_array_append_new(json_object_get(doc, "parts"),
                              json_pack("{s:s, s:s, s:i, s:o}", "code", codes[p], "name", "phần",
                                        "max", maxes[p], "sections", sections));
    }
    return doc;
}

static struct ocop_ruleset rs;

static int setup(void **state)
{
    json_t *doc = json_loads(ruleset_148, 0, NULL);
    int rc = ocop_ruleset_parse(&rs, doc);
    json_decref(doc);
    return rc;
}

static void test_rules__star_boundaries(void **state)
{
    const struct { double total; int stars; } cases[] = {
        {0, 1}, {29.99, 1}, {30, 2}, {49.99, 2}, {50, 3}, {69.99, 3},
        {70, 4}, {89.99, 4}, {90, 5}, {100, 5}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(ocop_ruleset_stars(&rs, cases[i].total), cases[i].stars);
    assert_int_equal(ocop_ruleset_level_max(&rs, "province"), 4);
    assert_int_equal(ocop_ruleset_level_max(&rs, "central"), 5);
    assert_string_equal(ocop_ruleset_level_for(&rs, 5), "central");
    assert_int_equal(rs.validity_months, 36);
}

static void test_rules__bad_rulesets_are_refused(void **state)
{
    const char *bad[] = {
        "{\"format\":\"x\"}",
        "{\"format\":\"ocop-ruleset/1\",\"ruleset\":\"x\",\"effective_from\":\"2023-02-30\"}",
    };
    struct ocop_ruleset r;
    for (size_t i = 0; i < 2; i++) {
        json_t *d = json_loads(bad[i], 0, NULL);
        assert_int_equal(ocop_ruleset_parse(&r, d), OCOP_EINVALID);
        json_decref(d);
    }
    /* parts not adding up to 100 */
    json_t *d = json_loads(ruleset_148, 0, NULL);
    json_object_set_new(json_array_get(json_object_get(d, "parts"), 0), "max", json_integer(41));
    assert_int_equal(ocop_ruleset_parse(&r, d), OCOP_EINVALID);
    assert_non_null(strstr(ocop_error_message(), "101"));
    json_decref(d);
}

static void test_rules__criteria_file_checks(void **state)
{
    struct ocop_criteria_set *cs = NULL;
    json_t *doc = make_set(40, 0);
    if (ocop_criteria_parse(&cs, doc, &rs))
        fail_msg("%s", ocop_error_message());
    assert_int_equal(cs->ncriteria, 4);
    ocop_criteria_free(cs);
    json_decref(doc);

    /* a part whose sections do not add up to its max (and the ruleset's) */
    doc = make_set(39, 0);
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), OCOP_EINVALID);
    json_decref(doc);
    /* an option above the criterion's max */
    doc = make_set(40, 0);
    json_t *crit = json_array_get(json_object_get(json_array_get(json_object_get(
        json_array_get(json_object_get(doc, "parts"), 1), "sections"), 0), "criteria"), 0);
    json_object_set_new(json_array_get(json_object_get(crit, "options"), 0), "points",
                        json_integer(26));
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), OCOP_EINVALID);
    assert_non_null(strstr(ocop_error_message(), "B1.1"));
    json_decref(doc);
    /* a wrong ruleset, a wrong group, a missing part */
    doc = make_set(40, 0);
    json_object_set_new(doc, "ruleset", json_string("1048/QĐ-TTg"));
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), OCOP_EINVALID);
    json_object_set_new(doc, "ruleset", json_string("148/QĐ-TTg"));
    json_object_set_new(doc, "groups", json_pack("[s]", "crafts.household"));
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), OCOP_EINVALID);
    json_object_set_new(doc, "groups", json_pack("[s]", "food.tea"));
    json_array_remove(json_object_get(doc, "parts"), 2);
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), OCOP_EINVALID);
    assert_null(cs);
    json_decref(doc);
}

/* Sheets choosing option indexes = points for A1.1, B1.1, C1.1 and C2.1 (0 or 1). */
static void evaluate(struct ocop_evaluation *ev, const struct ocop_criteria_set *cs,
                     int sheets[][4], int n, int eligible, const char *level)
{
    const int *choices[8];
    for (int i = 0; i < n; i++)
        choices[i] = sheets[i];
    assert_int_equal(ocop_evaluate(ev, &rs, cs, choices, n, eligible, level), 0);
}

static void test_rules__evaluation_average_caps_quorum(void **state)
{
    struct ocop_criteria_set *cs = NULL;
    struct ocop_evaluation ev;
    json_t *doc = make_set(40, 4);
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), 0);

    /* totals 90, 91, 89 -> 90.00: 5 stars by score, province recognises 4, a candidate */
    int high[3][4] = {{40, 25, 20, 1}, {40, 25, 21, 1}, {40, 25, 19, 1}};
    evaluate(&ev, cs, high, 3, 3, "province");
    assert_true(ev.quorum);
    assert_float_equal(ev.total, 90.0, 1e-9);
    assert_int_equal(ev.stars_by_score, 5);
    assert_int_equal(ev.recognised, 4);
    assert_true(ev.candidate);
    evaluate(&ev, cs, high, 3, 3, "central");
    assert_int_equal(ev.recognised, 5);
    assert_false(ev.candidate);

    /* 89.67 average: 4 stars, no candidate */
    int under[3][4] = {{40, 25, 20, 1}, {40, 25, 20, 1}, {40, 25, 19, 1}};
    evaluate(&ev, cs, under, 3, 3, "province");
    assert_float_equal(ev.total, 89.67, 1e-9);
    assert_int_equal(ev.stars, 4);
    assert_false(ev.candidate);

    /* the required criterion C2.1 (for 4 stars) scored 0 on average: capped at 3 */
    int missing[3][4] = {{40, 25, 30, 0}, {40, 25, 30, 0}, {40, 25, 30, 0}};
    evaluate(&ev, cs, missing, 3, 3, "province");
    assert_float_equal(ev.total, 95.0, 1e-9);
    assert_int_equal(ev.stars_by_score, 5);
    assert_int_equal(ev.stars, 3);
    assert_int_equal(ev.recognised, 3);
    assert_string_equal(cs->criteria[ev.capped_by].code, "C2.1");

    /* below 3 stars: not recognised */
    int low[3][4] = {{20, 10, 10, 1}, {20, 10, 10, 1}, {20, 10, 10, 1}};
    evaluate(&ev, cs, low, 3, 3, "province");
    assert_int_equal(ev.stars, 2);
    assert_int_equal(ev.recognised, 0);

    /* quorum: 2 of 3 is too few members (min 3); 3 of 5 is under two thirds */
    evaluate(&ev, cs, high, 2, 3, "province");
    assert_false(ev.quorum);
    evaluate(&ev, cs, high, 3, 5, "province");
    assert_false(ev.quorum);
    evaluate(&ev, cs, high, 3, 4, "province");
    assert_true(ev.quorum);
    /* two thirds of six is four, even written as 0.6667 */
    int six[4][4] = {{40, 25, 20, 1}, {40, 25, 20, 1}, {40, 25, 20, 1}, {40, 25, 20, 1}};
    evaluate(&ev, cs, six, 4, 6, "province");
    assert_true(ev.quorum);
    evaluate(&ev, cs, six, 3, 6, "province");
    assert_false(ev.quorum);

    /* a missing or out-of-range choice names the criterion */
    int bad[1][4] = {{40, 26, 0, 0}};
    const int *b = bad[0];
    assert_int_equal(ocop_evaluate(&ev, &rs, cs, &b, 1, 3, "province"), OCOP_EINVALID);
    assert_string_equal(ocop_error_field(), "B1.1");
    ocop_criteria_free(cs);
    json_decref(doc);
}

/* The form's running tally: a complete sheet gives what the council's result gives for it
 * alone; a sheet being filled in adds what is chosen and caps only on what is chosen. */
static void test_rules__tally_of_a_sheet_as_it_stands(void **state)
{
    struct ocop_criteria_set *cs = NULL;
    struct ocop_evaluation ev;
    struct ocop_tally t;
    json_t *doc = make_set(40, 4);
    assert_int_equal(ocop_criteria_parse(&cs, doc, &rs), 0);

    int sheets[][4] = {{40, 25, 30, 1}, {40, 25, 30, 0}, {40, 25, 20, 1}, {20, 10, 10, 1},
                       {0, 0, 0, 0},    {35, 20, 15, 1}, {40, 25, 25, 0}, {10, 5, 14, 1}};
    for (size_t i = 0; i < sizeof(sheets) / sizeof(sheets[0]); i++) {
        const int *one = sheets[i];
        assert_int_equal(ocop_evaluate(&ev, &rs, cs, &one, 1, 3, "province"), 0);
        assert_int_equal(ocop_sheet_tally(&t, &rs, cs, sheets[i]), 0);
        assert_int_equal(t.chosen, 4);
        assert_float_equal(t.total, ev.total, 1e-9);
        for (int p = 0; p < rs.nparts; p++)
            assert_float_equal(t.parts[p], ev.parts[p], 1e-9);
        assert_int_equal(t.stars_by_score, ev.stars_by_score);
        assert_int_equal(t.stars, ev.stars);
        assert_int_equal(t.capped_by, ev.capped_by);
    }

    /* C2.1 (required for 4 stars) not chosen yet: 95 points so far, 5 stars, no cap */
    int partial[4] = {40, 25, 30, -1};
    assert_int_equal(ocop_sheet_tally(&t, &rs, cs, partial), 0);
    assert_int_equal(t.chosen, 3);
    assert_float_equal(t.total, 95, 1e-9);
    assert_float_equal(t.parts[2], 30, 1e-9);
    assert_int_equal(t.stars, 5);
    assert_int_equal(t.capped_by, -1);
    /* chosen at 0 points: capped at 3 by it */
    partial[3] = 0;
    assert_int_equal(ocop_sheet_tally(&t, &rs, cs, partial), 0);
    assert_int_equal(t.stars_by_score, 5);
    assert_int_equal(t.stars, 3);
    assert_string_equal(cs->criteria[t.capped_by].code, "C2.1");
    /* nothing chosen: no points, the stars of 0 points */
    int none[4] = {-1, -1, -1, -1};
    assert_int_equal(ocop_sheet_tally(&t, &rs, cs, none), 0);
    assert_int_equal(t.chosen, 0);
    assert_float_equal(t.total, 0, 1e-9);
    assert_int_equal(t.stars, ocop_ruleset_stars(&rs, 0));
    /* an option past the criterion's options names it */
    int past[4] = {-1, 26, -1, -1};
    assert_int_equal(ocop_sheet_tally(&t, &rs, cs, past), OCOP_EINVALID);
    assert_string_equal(ocop_error_field(), "B1.1");
    ocop_criteria_free(cs);
    json_decref(doc);
}

static void test_workflow__every_transition(void **state)
{
    /* the possible transitions and one role that may take each */
    const struct { enum ocop_dossier_state from; enum ocop_dossier_action a; enum ocop_role ok; } good[] = {
        {OCOP_DOSSIER_DRAFT, OCOP_DA_SUBMIT, OCOP_ROLE_PRODUCER},
        {OCOP_DOSSIER_RETURNED, OCOP_DA_SUBMIT, OCOP_ROLE_PRODUCER},
        {OCOP_DOSSIER_SUBMITTED, OCOP_DA_RETURN, OCOP_ROLE_COMMUNE},
        {OCOP_DOSSIER_SUBMITTED, OCOP_DA_ACCEPT, OCOP_ROLE_COMMUNE},
        {OCOP_DOSSIER_ACCEPTED, OCOP_DA_SCHEDULE, OCOP_ROLE_OFFICE},
        {OCOP_DOSSIER_SCHEDULED, OCOP_DA_SCORE, OCOP_ROLE_COUNCIL},
        {OCOP_DOSSIER_SCORED, OCOP_DA_SCORE, OCOP_ROLE_COUNCIL},
        {OCOP_DOSSIER_SCORED, OCOP_DA_DECIDE, OCOP_ROLE_OFFICE},
        {OCOP_DOSSIER_PROPOSED, OCOP_DA_CENTRAL_DECIDE, OCOP_ROLE_ADMIN},
        {OCOP_DOSSIER_DRAFT, OCOP_DA_WITHDRAW, OCOP_ROLE_PRODUCER},
    };
    int possible = 0;
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_int_equal(ocop_dossier_may(good[i].from, good[i].a, good[i].ok), 0);
    /* every other (state, action) pair is impossible: 409 for a role that may take the
     * action somewhere, 403 for one that never may */
    for (int s = 0; s < OCOP_DOSSIER_STATE_COUNT; s++) {
        for (int a = 0; a < OCOP_DA_COUNT; a++) {
            unsigned roles;
            if (ocop_dossier_transition(&roles, s, a) == 0) {
                possible++;
                continue;
            }
            assert_int_equal(ocop_dossier_may(s, a, OCOP_ROLE_ADMIN), OCOP_ECONFLICT);
        }
    }
    assert_int_equal(possible, 12);
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_RECOGNISED, OCOP_DA_DECIDE, OCOP_ROLE_OFFICE),
                     OCOP_ECONFLICT);
    /* the API's names in English; their Vietnamese in Vietnamese, not the names */
    assert_string_equal(ocop_error_message(),
                        "a dossier that is recognised cannot be given the action decide");
    assert_string_equal(ocop_error_message_in("vi"), "hồ sơ đang ở trạng thái “được công nhận” "
                                                     "nên không thể quyết định công nhận");
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_SCORED, OCOP_DA_DECIDE, OCOP_ROLE_COUNCIL),
                     OCOP_EFORBIDDEN);
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_SCHEDULED, OCOP_DA_SCORE, OCOP_ROLE_PRODUCER),
                     OCOP_EFORBIDDEN);
    assert_string_equal(ocop_error_message(), "the producer role may not score a dossier");
    assert_string_equal(ocop_error_message_in("vi"), "vai trò chủ thể không được chấm điểm hồ sơ");
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_SUBMITTED, OCOP_DA_ACCEPT, OCOP_ROLE_PRODUCER),
                     OCOP_EFORBIDDEN);
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_PROPOSED, OCOP_DA_CENTRAL_DECIDE, OCOP_ROLE_OFFICE),
                     OCOP_EFORBIDDEN);
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_DRAFT, OCOP_DA_SUBMIT, OCOP_ROLE_SALES),
                     OCOP_EFORBIDDEN);
    assert_int_equal(ocop_dossier_may(OCOP_DOSSIER_DRAFT, OCOP_DA_SUBMIT, OCOP_ROLE_NONE),
                     OCOP_EUNAUTH);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules__star_boundaries),
        cmocka_unit_test(test_rules__bad_rulesets_are_refused),
        cmocka_unit_test(test_rules__criteria_file_checks),
        cmocka_unit_test(test_rules__evaluation_average_caps_quorum),
        cmocka_unit_test(test_rules__tally_of_a_sheet_as_it_stands),
        cmocka_unit_test(test_workflow__every_transition),
    };
    return cmocka_run_group_tests_name("rules", tests, setup, NULL);
}
