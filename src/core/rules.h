/*
 * rules.h: OCOP rules as data: rulesets (star thresholds, validity, levels, quorum)
 * and criteria sets (parts, sections, criteria, options), parsed from the JSON of
 * docs/formats/criteria.md and validated; and the scoring of a council's sheets.
 */
#ifndef OCOP_CORE_RULES_H
#define OCOP_CORE_RULES_H

#include <jansson.h>

#define OCOP_RULES_MAX_PARTS 6
#define OCOP_RULES_MAX_STARS 8
#define OCOP_RULES_MAX_LEVELS 4
#define OCOP_RULES_MAX_OPTIONS 101 /* a criterion scored freely from 0 to 100 */
/* A ruleset's parts add up to this many points, and a criterion is worth 1 or more: no
 * criteria set has more criteria than this. */
#define OCOP_RULES_TOTAL 100

struct ocop_ruleset {
    char id[32];             /* "148/QĐ-TTg" */
    char effective_from[11];
    int nparts;
    struct { char code[4]; int max; } parts[OCOP_RULES_MAX_PARTS];
    int nstars;              /* thresholds, highest first */
    struct { int stars; double min; } stars[OCOP_RULES_MAX_STARS];
    int cert_min_stars, validity_months, expiring_days;
    int nlevels;
    struct { char level[16]; unsigned stars_mask; } levels[OCOP_RULES_MAX_LEVELS];
    int candidate_stars;     /* recognised stars a five-star candidate holds meanwhile */
    double candidate_min_score;
    int quorum_min_members;
    double quorum_min_fraction;
};

struct ocop_criterion {
    char code[16];
    int part;                /* index into the ruleset's parts */
    int max;
    int noptions;
    int points[OCOP_RULES_MAX_OPTIONS];
    int required_stars;      /* 0: not required */
    double required_min;     /* council-average points needed for required_stars */
};

/* A validated criteria set. The caller owns it (ocop_criteria_free). */
struct ocop_criteria_set {
    char code[32], ruleset[32], sector[16];
    int ncriteria;
    struct ocop_criterion *criteria;
    json_t *doc;             /* the whole document, as loaded (owned) */
};

/* Parses and validates a ruleset document. OCOP_EINVALID with the reason. */
int ocop_ruleset_parse(struct ocop_ruleset *out, json_t *doc);
/* Parses a criteria set and checks it against its ruleset (maxima, sums, options). */
int ocop_criteria_parse(struct ocop_criteria_set **out, json_t *doc, const struct ocop_ruleset *r);
void ocop_criteria_free(struct ocop_criteria_set *cs);
int ocop_criteria_find(const struct ocop_criteria_set *cs, const char *code);

/* Stars for an average total (threshold rule; 89.99 -> 4, 90 -> 5). */
int ocop_ruleset_stars(const struct ocop_ruleset *r, double total);
/* The highest stars a level ("province", "central") may recognise; 0 if none. */
int ocop_ruleset_level_max(const struct ocop_ruleset *r, const char *level);
/* The level that recognises `stars`, or NULL. */
const char *ocop_ruleset_level_for(const struct ocop_ruleset *r, int stars);

/* One member's sheet: the option chosen for each criterion, in criteria order. */
struct ocop_sheet {
    const int *choices;      /* option index per criterion */
};

/*
 * Points of one sheet: per part (parts[]) and total. OCOP_EINVALID naming the
 * criterion if a choice is missing (-1) or out of range.
 */
int ocop_sheet_points(double parts[OCOP_RULES_MAX_PARTS], double *total,
                      const struct ocop_criteria_set *cs, const int *choices);

/* One member's sheet as it stands, some criteria perhaps not chosen yet: what the score
 * form shows while the member picks. */
struct ocop_tally {
    int chosen;              /* criteria with an option chosen */
    double parts[OCOP_RULES_MAX_PARTS];
    double total;            /* points of the options chosen */
    int stars_by_score;      /* the ruleset's thresholds on `total` */
    int stars;               /* after the caps of the required criteria chosen so far */
    int capped_by;           /* criterion index that capped the stars, or -1 */
};

/*
 * What one sheet gives alone: choices[i] is an option index, or -1 for a criterion not
 * chosen yet (it adds nothing and caps nothing). A complete sheet gives what ocop_evaluate
 * gives for that sheet alone. OCOP_EINVALID naming the criterion when a choice is past its
 * options.
 */
int ocop_sheet_tally(struct ocop_tally *out, const struct ocop_ruleset *r,
                     const struct ocop_criteria_set *cs, const int *choices);

/* The council's result over the sheets handed in so far. */
struct ocop_evaluation {
    int sheets;              /* members who scored */
    int eligible;            /* members assigned and without a conflict of interest */
    int quorum;              /* 1 once the quorum rule is met */
    double parts[OCOP_RULES_MAX_PARTS];
    double total;            /* members' average */
    int stars_by_score;      /* from the thresholds alone */
    int stars;               /* after required-criteria caps */
    int capped_by;           /* criterion index that capped the stars, or -1 */
    int recognised;          /* stars the evaluating level recognises now (0: not recognised) */
    int candidate;           /* proposed to the level above (five-star candidate) */
};

/*
 * Aggregates `n` sheets (choices[i] for member i) for a dossier evaluated at `level`
 * with `eligible` members. Sheets must be valid (ocop_sheet_points).
 */
int ocop_evaluate(struct ocop_evaluation *out, const struct ocop_ruleset *r,
                  const struct ocop_criteria_set *cs, const int *const *choices, int n,
                  int eligible, const char *level);

#endif
