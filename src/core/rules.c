/* rules.c: rulesets and criteria sets from data, and the scoring of council sheets. */
#include "core/rules.h"
#include "core/dates.h"
#include "core/error.h"
#include "core/sectors.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

static const char *rules__str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

static int rules__int(json_t *o, const char *key, long long lo, long long hi, int *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return ocop_error_set(OCOP_EINVALID, "%s must be a whole number from %lld to %lld", key,
                              lo, hi);
    *out = (int)json_integer_value(v);
    return 0;
}

static int rules__copy(char *dst, size_t n, const char *src, const char *what)
{
    if (!src || strlen(src) >= n)
        return ocop_error_set(OCOP_EINVALID, "%s is missing or too long", what);
    memcpy(dst, src, strlen(src) + 1);
    return 0;
}

static int ruleset__parts(struct ocop_ruleset *r, json_t *parts)
{
    size_t i;
    json_t *p;
    int sum = 0, rc;

    if (!json_is_array(parts) || json_array_size(parts) == 0 ||
        json_array_size(parts) > OCOP_RULES_MAX_PARTS)
        return ocop_error_set(OCOP_EINVALID, "parts must list 1 to %d parts", OCOP_RULES_MAX_PARTS);
    json_array_foreach(parts, i, p)
    {
        if ((rc = rules__copy(r->parts[i].code, sizeof(r->parts[i].code), rules__str(p, "code"),
                              "a part's code")) != 0 ||
            (rc = rules__int(p, "max", 1, 100, &r->parts[i].max)) != 0)
            return rc;
        for (size_t k = 0; k < i; k++)
            if (strcmp(r->parts[k].code, r->parts[i].code) == 0)
                return ocop_error_set(OCOP_EINVALID, "part %s appears twice", r->parts[i].code);
        sum += r->parts[i].max;
    }
    r->nparts = (int)json_array_size(parts);
    if (sum != OCOP_RULES_TOTAL)
        return ocop_error_set(OCOP_EINVALID, "the parts add up to %d, not 100", sum);
    return 0;
}

static int ruleset__stars(struct ocop_ruleset *r, json_t *stars)
{
    size_t i;
    json_t *s, *min;
    int rc;

    if (!json_is_array(stars) || json_array_size(stars) == 0 ||
        json_array_size(stars) > OCOP_RULES_MAX_STARS)
        return ocop_error_set(OCOP_EINVALID, "stars must list the star thresholds");
    json_array_foreach(stars, i, s)
    {
        if ((rc = rules__int(s, "stars", 1, 5, &r->stars[i].stars)) != 0)
            return rc;
        min = json_object_get(s, "min");
        if (!json_is_number(min) || json_number_value(min) < 0 || json_number_value(min) > 100)
            return ocop_error_set(OCOP_EINVALID, "a star threshold's min must be 0 to 100");
        r->stars[i].min = json_number_value(min);
        if (i > 0 && (r->stars[i].min >= r->stars[i - 1].min ||
                      r->stars[i].stars >= r->stars[i - 1].stars))
            return ocop_error_set(OCOP_EINVALID, "star thresholds must go from the highest down");
    }
    r->nstars = (int)json_array_size(stars);
    if (r->stars[r->nstars - 1].min != 0)
        return ocop_error_set(OCOP_EINVALID, "the lowest star threshold must start at 0");
    return 0;
}

static int ruleset__levels(struct ocop_ruleset *r, json_t *levels)
{
    size_t i, k;
    json_t *l, *s;
    int rc;

    if (!json_is_array(levels) || json_array_size(levels) == 0 ||
        json_array_size(levels) > OCOP_RULES_MAX_LEVELS)
        return ocop_error_set(OCOP_EINVALID, "levels must say which level recognises which stars");
    json_array_foreach(levels, i, l)
    {
        if ((rc = rules__copy(r->levels[i].level, sizeof(r->levels[i].level),
                              rules__str(l, "level"), "a level's name")) != 0)
            return rc;
        r->levels[i].stars_mask = 0;
        if (!json_is_array(json_object_get(l, "stars")))
            return ocop_error_set(OCOP_EINVALID, "a level lists the stars it recognises");
        json_array_foreach(json_object_get(l, "stars"), k, s)
        {
            if (!json_is_integer(s) || json_integer_value(s) < 1 || json_integer_value(s) > 5)
                return ocop_error_set(OCOP_EINVALID, "a level's stars are 1 to 5");
            r->levels[i].stars_mask |= 1u << json_integer_value(s);
        }
    }
    r->nlevels = (int)json_array_size(levels);
    return 0;
}

int ocop_ruleset_parse(struct ocop_ruleset *r, json_t *doc)
{
    json_t *cert = json_object_get(doc, "certificate"), *cand = json_object_get(doc, "five_star_candidate");
    json_t *quorum = json_object_get(doc, "quorum"), *frac;
    long day;
    int rc;

    memset(r, 0, sizeof(*r));
    if (!json_is_object(doc) || !rules__str(doc, "format") ||
        strcmp(rules__str(doc, "format"), "ocop-ruleset/1") != 0)
        return ocop_error_set(OCOP_EINVALID, "not a ruleset (format must be ocop-ruleset/1)");
    if ((rc = rules__copy(r->id, sizeof(r->id), rules__str(doc, "ruleset"), "ruleset")) != 0 ||
        (rc = rules__copy(r->effective_from, sizeof(r->effective_from),
                          rules__str(doc, "effective_from"), "effective_from")) != 0)
        return rc;
    if (ocop_date_parse(&day, r->effective_from))
        return ocop_error_set(OCOP_EINVALID, "effective_from must be a date YYYY-MM-DD");
    if ((rc = ruleset__parts(r, json_object_get(doc, "parts"))) != 0 ||
        (rc = ruleset__stars(r, json_object_get(doc, "stars"))) != 0 ||
        (rc = ruleset__levels(r, json_object_get(doc, "levels"))) != 0)
        return rc;
    if (!json_is_object(cert) || !json_is_object(cand) || !json_is_object(quorum))
        return ocop_error_set(OCOP_EINVALID, "certificate, five_star_candidate and quorum are required");
    if ((rc = rules__int(cert, "min_stars", 1, 5, &r->cert_min_stars)) != 0 ||
        (rc = rules__int(cert, "validity_months", 1, 240, &r->validity_months)) != 0 ||
        (rc = rules__int(cert, "expiring_days", 1, 365, &r->expiring_days)) != 0 ||
        (rc = rules__int(cand, "stars", 1, 5, &r->candidate_stars)) != 0 ||
        (rc = rules__int(quorum, "min_members", 1, 100, &r->quorum_min_members)) != 0)
        return rc;
    if (!json_is_number(json_object_get(cand, "min_score")))
        return ocop_error_set(OCOP_EINVALID, "five_star_candidate.min_score must be a number");
    r->candidate_min_score = json_number_value(json_object_get(cand, "min_score"));
    frac = json_object_get(quorum, "min_fraction");
    if (!json_is_number(frac) || json_number_value(frac) <= 0 || json_number_value(frac) > 1)
        return ocop_error_set(OCOP_EINVALID, "quorum.min_fraction must be above 0 and at most 1");
    r->quorum_min_fraction = json_number_value(frac);
    return 0;
}

int ocop_ruleset_stars(const struct ocop_ruleset *r, double total)
{
    for (int i = 0; i < r->nstars; i++)
        if (total + EPS >= r->stars[i].min)
            return r->stars[i].stars;
    return 0;
}

int ocop_ruleset_level_max(const struct ocop_ruleset *r, const char *level)
{
    for (int i = 0; i < r->nlevels; i++) {
        if (strcmp(r->levels[i].level, level) != 0)
            continue;
        for (int s = 5; s >= 1; s--)
            if (r->levels[i].stars_mask & (1u << s))
                return s;
    }
    return 0;
}

const char *ocop_ruleset_level_for(const struct ocop_ruleset *r, int stars)
{
    for (int i = 0; i < r->nlevels; i++)
        if (stars >= 1 && stars <= 5 && (r->levels[i].stars_mask & (1u << stars)))
            return r->levels[i].level;
    return NULL;
}
