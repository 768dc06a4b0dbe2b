/* criteria.c: criteria sets from data, checked against their ruleset. */
#include "core/rules.h"
#include "core/error.h"
#include "core/sectors.h"

#include <stdlib.h>
#include <string.h>

static const char *crit__str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) && json_string_length(v) > 0 ? json_string_value(v) : NULL;
}

static int crit__max(json_t *o, int *out)
{
    json_t *v = json_object_get(o, "max");
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 100)
        return -1;
    *out = (int)json_integer_value(v);
    return 0;
}

static int crit__required(struct ocop_criterion *c, json_t *req)
{
    json_t *stars = json_object_get(req, "stars"), *min = json_object_get(req, "min_points");
    if (!req || json_is_null(req))
        return 0;
    if (!json_is_integer(stars) || json_integer_value(stars) < 2 || json_integer_value(stars) > 5 ||
        !json_is_number(min) || json_number_value(min) <= 0 || json_number_value(min) > c->max)
        return ocop_error_set(OCOP_EINVALID,
                              "criterion %s: required needs stars 2 to 5 and min_points above 0 "
                              "and at most the criterion's max", c->code);
    c->required_stars = (int)json_integer_value(stars);
    c->required_min = json_number_value(min);
    return 0;
}

/* One criterion: options within its max, one reaching it. */
static int crit__criterion(struct ocop_criterion *c, json_t *doc, int part)
{
    json_t *options = json_object_get(doc, "options"), *o;
    size_t i;
    int top = 0;
    const char *code = crit__str(doc, "code");

    memset(c, 0, sizeof(*c));
    if (!code || strlen(code) >= sizeof(c->code))
        return ocop_error_set(OCOP_EINVALID, "a criterion has no code (or a code over 15 bytes)");
    strcpy(c->code, code);
    c->part = part;
    if (!crit__str(doc, "text"))
        return ocop_error_set(OCOP_EINVALID, "criterion %s has no text", code);
    if (crit__max(doc, &c->max))
        return ocop_error_set(OCOP_EINVALID, "criterion %s: max must be 1 to 100", code);
    if (!json_is_array(options) || json_array_size(options) < 2 ||
        json_array_size(options) > OCOP_RULES_MAX_OPTIONS)
        return ocop_error_set(OCOP_EINVALID, "criterion %s needs 2 to %d options", code,
                              OCOP_RULES_MAX_OPTIONS);
    json_array_foreach(options, i, o)
    {
        json_t *p = json_object_get(o, "points");
        if (!crit__str(o, "text"))
            return ocop_error_set(OCOP_EINVALID, "criterion %s: option %zu has no text", code, i + 1);
        if (!json_is_integer(p) || json_integer_value(p) < 0 || json_integer_value(p) > c->max)
            return ocop_error_set(OCOP_EINVALID,
                                  "criterion %s: option %zu has points outside 0 to %d", code,
                                  i + 1, c->max);
        c->points[i] = (int)json_integer_value(p);
        if (c->points[i] > top)
            top = c->points[i];
    }
    c->noptions = (int)json_array_size(options);
    if (top != c->max)
        return ocop_error_set(OCOP_EINVALID, "criterion %s: no option reaches its max of %d", code,
                              c->max);
    return crit__required(c, json_object_get(doc, "required"));
}

/* Appends one part's criteria, checking sections against the part's max. */
static int crit__part(struct ocop_criteria_set *cs, json_t *part, int pi, int part_max, int *cap)
{
    json_t *sections = json_object_get(part, "sections"), *sec, *crit;
    size_t i, k;
    int part_sum = 0, rc, smax;
    const char *pcode = crit__str(part, "code");

    if (!json_is_array(sections) || json_array_size(sections) == 0)
        return ocop_error_set(OCOP_EINVALID, "part %s has no sections", pcode);
    json_array_foreach(sections, i, sec)
    {
        int sec_sum = 0;
        const char *scode = crit__str(sec, "code");
        if (!scode || !crit__str(sec, "name") || crit__max(sec, &smax))
            return ocop_error_set(OCOP_EINVALID, "part %s: section %zu needs a code, a name and "
                                  "a max", pcode, i + 1);
        if (!json_is_array(json_object_get(sec, "criteria")) ||
            json_array_size(json_object_get(sec, "criteria")) == 0)
            return ocop_error_set(OCOP_EINVALID, "section %s has no criteria", scode);
        json_array_foreach(json_object_get(sec, "criteria"), k, crit)
        {
            if (cs->ncriteria == *cap) {
                struct ocop_criterion *g = realloc(cs->criteria, sizeof(*g) * (size_t)(*cap *= 2));
                if (!g)
                    return ocop_error_set(OCOP_ERROR, "out of memory");
                cs->criteria = g;
            }
            if ((rc = crit__criterion(&cs->criteria[cs->ncriteria], crit, pi)) != 0)
                return rc;
            if (ocop_criteria_find(cs, cs->criteria[cs->ncriteria].code) >= 0)
                return ocop_error_set(OCOP_EINVALID, "criterion code %s appears twice",
                                      cs->criteria[cs->ncriteria].code);
            sec_sum += cs->criteria[cs->ncriteria++].max;
        }
        if (sec_sum != smax)
            return ocop_error_set(OCOP_EINVALID,
                                  "section %s: its criteria add up to %d, not its max %d", scode,
                                  sec_sum, smax);
        part_sum += smax;
    }
    if (part_sum != part_max)
        return ocop_error_set(OCOP_EINVALID, "part %s: its sections add up to %d, not %d", pcode,
                              part_sum, part_max);
    return 0;
}

static int crit__groups(struct ocop_criteria_set *cs, json_t *groups)
{
    size_t i;
    json_t *g;
    if (!ocop_sector_find(cs->sector))
        return ocop_error_set(OCOP_EINVALID, "sector %s is not a sector of Decision 148", cs->sector);
    if (!json_is_array(groups) || json_array_size(groups) == 0)
        return ocop_error_set(OCOP_EINVALID, "groups must list the set's product groups");
    json_array_foreach(groups, i, g)
    {
        const struct ocop_group *grp = json_is_string(g) ? ocop_group_find(json_string_value(g)) : NULL;
        if (!grp || strcmp(grp->sector, cs->sector) != 0)
            return ocop_error_set(OCOP_EINVALID, "groups: %s is not a group of sector %s",
                                  json_is_string(g) ? json_string_value(g) : "?", cs->sector);
    }
    return 0;
}

int ocop_criteria_parse(struct ocop_criteria_set **out, json_t *doc, const struct ocop_ruleset *r)
{
    struct ocop_criteria_set *cs = NULL;
    json_t *parts = json_object_get(doc, "parts"), *part;
    const char *fmt = crit__str(doc, "format"), *v;
    size_t i;
    int rc = 0, cap = 32, pmax;

    *out = NULL;
    if (!json_is_object(doc) || !fmt || strcmp(fmt, "ocop-criteria/1") != 0)
        return ocop_error_set(OCOP_EINVALID, "not a criteria set (format must be ocop-criteria/1)");
    if (!(cs = calloc(1, sizeof(*cs))) || !(cs->criteria = calloc((size_t)cap, sizeof(*cs->criteria)))) {
        ocop_criteria_free(cs);
        return ocop_error_set(OCOP_ERROR, "out of memory");
    }
    if (!(v = crit__str(doc, "ruleset")) || strcmp(v, r->id) != 0) {
        rc = ocop_error_set(OCOP_EINVALID, "the set's ruleset does not match ruleset %s", r->id);
        goto done;
    }
    snprintf(cs->ruleset, sizeof(cs->ruleset), "%s", r->id);
    if (!(v = crit__str(doc, "code")) || strlen(v) >= sizeof(cs->code) || !crit__str(doc, "name")) {
        rc = ocop_error_set(OCOP_EINVALID, "a criteria set needs a code (under 32 bytes) and a name");
        goto done;
    }
    snprintf(cs->code, sizeof(cs->code), "%s", v);
    snprintf(cs->sector, sizeof(cs->sector), "%s", crit__str(doc, "sector") ? crit__str(doc, "sector") : "");
    if ((rc = crit__groups(cs, json_object_get(doc, "groups"))) != 0)
        goto done;
    if (!json_is_array(parts) || (int)json_array_size(parts) != r->nparts) {
        rc = ocop_error_set(OCOP_EINVALID, "the set must have the ruleset's %d parts", r->nparts);
        goto done;
    }
    json_array_foreach(parts, i, part)
    {
        const char *pc = crit__str(part, "code");
        if (!pc || strcmp(pc, r->parts[i].code) != 0 || crit__max(part, &pmax) ||
            pmax != r->parts[i].max || !crit__str(part, "name")) {
            rc = ocop_error_set(OCOP_EINVALID, "part %zu must be part %s with a name and max %d "
                                "(ruleset %s)", i + 1, r->parts[i].code, r->parts[i].max, r->id);
            goto done;
        }
        if ((rc = crit__part(cs, part, (int)i, pmax, &cap)) != 0)
            goto done;
    }
    cs->doc = json_incref(doc);
    *out = cs;
    cs = NULL;
done:
    ocop_criteria_free(cs);
    return rc;
}

void ocop_criteria_free(struct ocop_criteria_set *cs)
{
    if (!cs)
        return;
    json_decref(cs->doc);
    free(cs->criteria);
    free(cs);
}

int ocop_criteria_find(const struct ocop_criteria_set *cs, const char *code)
{
    for (int i = 0; i < cs->ncriteria; i++)
        if (strcmp(cs->criteria[i].code, code) == 0)
            return i;
    return -1;
}
