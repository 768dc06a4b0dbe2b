/* documents.c (app): the evaluation's PDFs, assembled from the store for render/pdf.c. */
#include "app/eval_internal.h"
#include "core/error.h"
#include "core/rules.h"
#include "core/sectors.h"
#include "render/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *doc__str(json_t *o, const char *path)
{
    char key[64];
    const char *dot = strchr(path, '.');
    if (dot) {
        snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
        return doc__str(json_object_get(o, key), dot + 1);
    }
    return json_string_value(json_object_get(o, path));
}

int ocop_app_certificate_pdf(char **pdf, size_t *len, struct ocop_app *a, int64_t certificate_id)
{
    struct ocop_pdf_certificate c = {0};
    json_t *cert = NULL, *prod = NULL;
    const struct ocop_group *g;
    char key[24], place[300], issuer[200], url[400];
    int rc;

    *pdf = NULL;
    snprintf(key, sizeof(key), "%lld", (long long)certificate_id);
    if ((rc = ocop_app_get(&cert, a, "certificates", key)) != 0)
        return rc;
    snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(cert, "product_id")));
    if ((rc = ocop_app_get(&prod, a, "products", key)) != 0)
        goto done;
    g = ocop_group_find(doc__str(prod, "group"));
    snprintf(place, sizeof(place), "%s, %s", doc__str(prod, "ward.full_name"),
             doc__str(prod, "ward.province_name"));
    if (strcmp(doc__str(cert, "issuing_level"), "central") == 0)
        snprintf(issuer, sizeof(issuer), "Bộ Nông nghiệp và Môi trường");
    else
        snprintf(issuer, sizeof(issuer), "Ủy ban nhân dân %s", doc__str(prod, "ward.province_name"));
    snprintf(url, sizeof(url), "%s/products/%s", a->public_url, key);
    c.number = doc__str(cert, "number");
    c.decision_number = doc__str(cert, "decision_number");
    c.decision_date = doc__str(cert, "decision_date");
    c.issuer = issuer;
    c.issuing_level = doc__str(cert, "issuing_level");
    c.product_name = doc__str(prod, "name");
    c.group_name = g ? g->name_vi : doc__str(prod, "group");
    c.producer_name = doc__str(prod, "producer.name");
    c.place = place;
    c.ruleset = doc__str(cert, "ruleset");
    c.valid_from = doc__str(cert, "valid_from");
    c.valid_until = doc__str(cert, "valid_until");
    c.public_url = url;
    c.stars = (int)json_integer_value(json_object_get(cert, "stars"));
    c.score = json_is_number(json_object_get(cert, "score"))
                  ? json_number_value(json_object_get(cert, "score")) : -1;
    rc = ocop_pdf_certificate(pdf, len, &c);
done:
    json_decref(cert);
    json_decref(prod);
    return rc;
}

/* The sheet's parts, sections and criteria, with points from `values` (per criterion). */
struct sheet_build {
    struct ocop_pdf_part parts[OCOP_RULES_MAX_PARTS];
    struct ocop_pdf_section *sections;
    struct ocop_pdf_criterion *criteria;
};

static int sheet__build(struct sheet_build *b, struct ocop_pdf_sheet *s, json_t *set,
                        const double *values, const int *choices)
{
    json_t *part, *sec, *crit;
    size_t pi, si, ci, nsec = 0, ncrit = 0, k = 0, m = 0;

    json_array_foreach(json_object_get(set, "parts"), pi, part)
    {
        nsec += json_array_size(json_object_get(part, "sections"));
        json_array_foreach(json_object_get(part, "sections"), si, sec)
            ncrit += json_array_size(json_object_get(sec, "criteria"));
    }
    b->sections = calloc(nsec + 1, sizeof(*b->sections));
    b->criteria = calloc(ncrit + 1, sizeof(*b->criteria));
    if (!b->sections || !b->criteria || json_array_size(json_object_get(set, "parts")) > OCOP_RULES_MAX_PARTS)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    json_array_foreach(json_object_get(set, "parts"), pi, part)
    {
        struct ocop_pdf_part *p = &b->parts[pi];
        p->code = doc__str(part, "code");
        p->name = doc__str(part, "name");
        p->max = (int)json_integer_value(json_object_get(part, "max"));
        p->sections = &b->sections[k];
        json_array_foreach(json_object_get(part, "sections"), si, sec)
        {
            struct ocop_pdf_section *x = &b->sections[k++];
            x->code = doc__str(sec, "code");
            x->name = doc__str(sec, "name");
            x->max = (int)json_integer_value(json_object_get(sec, "max"));
            x->criteria = &b->criteria[m];
            json_array_foreach(json_object_get(sec, "criteria"), ci, crit)
            {
                struct ocop_pdf_criterion *c = &b->criteria[m];
                c->code = doc__str(crit, "code");
                c->text = doc__str(crit, "text");
                c->max = (int)json_integer_value(json_object_get(crit, "max"));
                c->points = values[m];
                c->illustrative = json_is_true(json_object_get(crit, "illustrative"));
                if (choices)
                    c->option_text = doc__str(json_array_get(json_object_get(crit, "options"),
                                                             (size_t)choices[m]), "text");
                p->points += values[m];
                m++;
            }
            x->ncriteria = (size_t)(&b->criteria[m] - x->criteria);
        }
        p->nsections = (size_t)(&b->sections[k] - p->sections);
    }
    s->parts = b->parts;
    s->nparts = json_array_size(json_object_get(set, "parts"));
    return 0;
}

static int sheet__values(double *values, int *choices, json_t *sheets, int64_t user_id,
                         const struct ocop_criteria_set *cs, const char **member)
{
    size_t i, n = 0;
    json_t *sh;
    json_array_foreach(sheets, i, sh)
    {
        json_t *arr = json_object_get(sh, "choices");
        if (user_id && json_integer_value(json_object_get(sh, "user_id")) != user_id)
            continue;
        if (user_id)
            *member = json_string_value(json_object_get(sh, "email"));
        for (int c = 0; c < cs->ncriteria; c++) {
            int ch = (int)json_integer_value(json_array_get(arr, (size_t)c));
            values[c] += ch >= 0 && ch < cs->criteria[c].noptions ? cs->criteria[c].points[ch] : 0;
            if (choices)
                choices[c] = ch;
        }
        n++;
    }
    if (!n)
        return ocop_error_set(OCOP_ENOTFOUND, user_id ? "that member has not scored this dossier"
                                                      : "nobody has scored this dossier yet");
    for (int c = 0; c < cs->ncriteria; c++)
        values[c] /= (double)n;
    return 0;
}

int ocop_app_sheet_pdf(char **pdf, size_t *len, struct ocop_app *a, int64_t dossier_id,
                       int64_t user_id)
{
    struct ocop_pdf_sheet s = {0};
    struct sheet_build b = {0};
    struct ocop_criteria_set *cs = NULL;
    struct ocop_ruleset r;
    json_t *scores = NULL, *dossier = NULL, *setdoc = NULL, *rdoc = NULL, *sheets;
    char *sd = NULL, *rd = NULL, place[300], session[64];
    const char **names = NULL;
    double *values = NULL, *totals = NULL;
    int *choices = NULL, rc;

    *pdf = NULL;
    if ((rc = ocop_app_scores(&scores, a, dossier_id)) != 0 ||
        (rc = ocop_store_dossier_get(&dossier, a->st, dossier_id)) != 0 ||
        (rc = ocop_store_criteria_docs(&sd, &rd, a->st,
                                       json_integer_value(json_object_get(dossier, "criteria_set_id")))) != 0)
        goto done;
    setdoc = json_loads(sd, 0, NULL);
    rdoc = json_loads(rd, 0, NULL);
    if ((rc = ocop_ruleset_parse(&r, rdoc)) != 0 || (rc = ocop_criteria_parse(&cs, setdoc, &r)) != 0)
        goto done;
    sheets = json_object_get(scores, "items");
    values = calloc((size_t)cs->ncriteria + 1, sizeof(double));
    choices = user_id ? calloc((size_t)cs->ncriteria + 1, sizeof(int)) : NULL;
    names = calloc(json_array_size(sheets) + 1, sizeof(*names));
    totals = calloc(json_array_size(sheets) + 1, sizeof(double));
    if (!values || (user_id && !choices) || !names || !totals) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    if ((rc = sheet__values(values, choices, sheets, user_id, cs, &s.member)) != 0 ||
        (rc = sheet__build(&b, &s, setdoc, values, choices)) != 0)
        goto done;
    for (size_t i = 0; i < json_array_size(sheets); i++) {
        names[i] = json_string_value(json_object_get(json_array_get(sheets, i), "email"));
        totals[i] = json_number_value(json_object_get(json_array_get(sheets, i), "total"));
    }
    for (size_t p = 0; p < s.nparts; p++)
        s.total += b.parts[p].points;
    snprintf(place, sizeof(place), "%s", doc__str(dossier, "ward.full_name"));
    snprintf(session, sizeof(session), "Phiên hội đồng số %lld",
             (long long)json_integer_value(json_object_get(dossier, "session_id")));
    s.title = user_id ? "Phiếu chấm điểm sản phẩm OCOP" : "Bảng tổng hợp kết quả chấm điểm";
    s.product_name = doc__str(dossier, "product.name");
    s.producer_name = doc__str(dossier, "producer.name");
    s.place = place;
    s.criteria_set = json_string_value(json_object_get(setdoc, "name"));
    s.ruleset = r.id;
    s.session = session;
    s.stars = user_id ? ocop_ruleset_stars(&r, s.total)
                      : (int)json_integer_value(json_object_get(json_object_get(dossier, "result"), "stars"));
    s.cap_note = json_is_string(json_object_get(json_object_get(dossier, "result"), "capped_by"))
                     ? "Hạng sao bị giới hạn do tiêu chí bắt buộc chưa đạt" : NULL;
    s.member_names = names;
    s.member_totals = totals;
    s.nmembers = user_id ? 0 : json_array_size(sheets);
    rc = ocop_pdf_sheet(pdf, len, &s);
done:
    free(b.sections);
    free(b.criteria);
    free(values);
    free(choices);
    free(names);
    free(totals);
    ocop_criteria_free(cs);
    json_decref(setdoc);
    json_decref(rdoc);
    json_decref(scores);
    json_decref(dossier);
    free(sd);
    free(rd);
    return rc;
}
