/* fuzz_rules.c: ruleset and criteria-set files (loaded by an office) through their parsers,
 * and the scoring of whatever criteria set is accepted. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char ruleset_148[] =
    "{\"format\":\"ocop-ruleset/1\",\"ruleset\":\"148/QĐ-TTg\",\"effective_from\":\"2023-02-24\","
    "\"parts\":[{\"code\":\"A\",\"max\":40},{\"code\":\"B\",\"max\":25},{\"code\":\"C\",\"max\":35}],"
    "\"stars\":[{\"stars\":5,\"min\":90},{\"stars\":4,\"min\":70},{\"stars\":3,\"min\":50},"
    "{\"stars\":2,\"min\":30},{\"stars\":1,\"min\":0}],"
    "\"certificate\":{\"min_stars\":3,\"validity_months\":36,\"expiring_days\":90},"
    "\"levels\":[{\"level\":\"province\",\"stars\":[3,4]},{\"level\":\"central\",\"stars\":[5]}],"
    "\"five_star_candidate\":{\"stars\":4,\"min_score\":90},"
    "\"quorum\":{\"min_members\":3,\"min_fraction\":0.6667}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ocop_ruleset base;
    static int ready;
    struct ocop_ruleset r;
    struct ocop_criteria_set *cs = NULL;
    struct ocop_evaluation ev;
    json_t *doc;

    if (!ready) {
        json_t *b = json_loads(ruleset_148, 0, NULL);
        if (!b || ocop_ruleset_parse(&base, b) != 0)
            abort();
        json_decref(b);
        ready = 1;
    }
    if (!(doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL)))
        return 0;
    ocop_ruleset_parse(&r, doc);
    if (ocop_criteria_parse(&cs, doc, &base) == 0) {
        /* an accepted set scores: every criterion's top option adds up to 100 */
        int *top = calloc((size_t)cs->ncriteria + 1, sizeof(int));
        const int *sheets[1] = {top};
        for (int i = 0; i < cs->ncriteria; i++)
            for (int k = 0; k < cs->criteria[i].noptions; k++)
                if (cs->criteria[i].points[k] == cs->criteria[i].max)
                    top[i] = k;
        if (ocop_evaluate(&ev, &base, cs, sheets, 1, 1, "province") != 0 || ev.total != 100)
            abort();
        free(top);
        ocop_criteria_free(cs);
    }
    json_decref(doc);
    return 0;
}
