/* scoring.c: a member's sheet, the council's average, stars, caps and quorum. */
#include "core/rules.h"
#include "core/error.h"

#include <math.h>
#include <string.h>

#define EPS 1e-9

int ocop_sheet_points(double parts[OCOP_RULES_MAX_PARTS], double *total,
                      const struct ocop_criteria_set *cs, const int *choices)
{
    memset(parts, 0, sizeof(double) * OCOP_RULES_MAX_PARTS);
    *total = 0;
    for (int i = 0; i < cs->ncriteria; i++) {
        const struct ocop_criterion *c = &cs->criteria[i];
        if (choices[i] < 0 || choices[i] >= c->noptions)
            return ocop_error_set_field(OCOP_EINVALID, c->code,
                                        "criterion %s needs one of its %d options", c->code,
                                        c->noptions);
        parts[c->part] += c->points[choices[i]];
        *total += c->points[choices[i]];
    }
    return 0;
}

/* The stars allowed by the required criteria: capped below the first level missed. A
 * criterion no member has chosen yet (-1: a sheet still being filled in) caps nothing. */
static int scoring__cap(const struct ocop_criteria_set *cs, const int *const *choices, int n,
                        int stars, int *capped_by)
{
    *capped_by = -1;
    for (int i = 0; i < cs->ncriteria; i++) {
        const struct ocop_criterion *c = &cs->criteria[i];
        double sum = 0;
        int k = 0;
        if (!c->required_stars || stars < c->required_stars)
            continue;
        for (int m = 0; m < n; m++) {
            if (choices[m][i] < 0)
                continue;
            sum += c->points[choices[m][i]];
            k++;
        }
        if (k && sum / k + EPS < c->required_min) {
            stars = c->required_stars - 1;
            *capped_by = i;
        }
    }
    return stars;
}

int ocop_sheet_tally(struct ocop_tally *out, const struct ocop_ruleset *r,
                     const struct ocop_criteria_set *cs, const int *choices)
{
    const int *const one[1] = {choices};
    memset(out, 0, sizeof(*out));
    out->capped_by = -1;
    for (int i = 0; i < cs->ncriteria; i++) {
        const struct ocop_criterion *c = &cs->criteria[i];
        if (choices[i] < 0)
            continue;
        if (choices[i] >= c->noptions)
            return ocop_error_set_field(OCOP_EINVALID, c->code,
                                        "criterion %s needs one of its %d options", c->code,
                                        c->noptions);
        out->chosen++;
        out->parts[c->part] += c->points[choices[i]];
        out->total += c->points[choices[i]];
    }
    out->stars_by_score = ocop_ruleset_stars(r, out->total);
    out->stars = scoring__cap(cs, one, 1, out->stars_by_score, &out->capped_by);
    return 0;
}

int ocop_evaluate(struct ocop_evaluation *out, const struct ocop_ruleset *r,
                  const struct ocop_criteria_set *cs, const int *const *choices, int n,
                  int eligible, const char *level)
{
    double parts[OCOP_RULES_MAX_PARTS], total;
    int level_max = ocop_ruleset_level_max(r, level), rc;

    memset(out, 0, sizeof(*out));
    out->sheets = n;
    out->eligible = eligible;
    out->capped_by = -1;
    /* a fraction written with four decimals (0.6667 for two thirds) must not demand a
     * member more than it means: 0.6667 x 6 is 4 members, not 4.0002 */
    out->quorum = n >= r->quorum_min_members && eligible > 0 &&
                  n >= (int)ceil(r->quorum_min_fraction * eligible - 1e-3);
    if (n == 0)
        return 0;
    for (int m = 0; m < n; m++) {
        if ((rc = ocop_sheet_points(parts, &total, cs, choices[m])) != 0)
            return rc;
        for (int p = 0; p < r->nparts; p++)
            out->parts[p] += parts[p] / n;
        out->total += total / n;
    }
    /* averages to two decimals, as councils report them */
    out->total = round(out->total * 100) / 100;
    for (int p = 0; p < r->nparts; p++)
        out->parts[p] = round(out->parts[p] * 100) / 100;
    out->stars_by_score = ocop_ruleset_stars(r, out->total);
    out->stars = scoring__cap(cs, choices, n, out->stars_by_score, &out->capped_by);
    if (out->stars >= r->cert_min_stars)
        out->recognised = out->stars > level_max ? level_max : out->stars;
    out->candidate = out->recognised == r->candidate_stars && out->stars > level_max &&
                     out->total + EPS >= r->candidate_min_score;
    return 0;
}
