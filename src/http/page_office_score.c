/*
 * page_office_score.c: the council member's scoring form for a dossier, over as many
 * pages as the scorecard needs, handed to the app as one sheet on the last page.
 */
#include "http/page_office_eval.h"
#include "core/error.h"
#include "core/query.h"
#include "core/workflow.h"
#include "store/evaluation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MAX (8 * 1024 * 1024)

/* ============================================================ the score form */

/*
 * The form posts one field per criterion (choice_<code>), and a form holds at most
 * OCOP_QUERY_MAX_PARAMS fields: a scorecard larger than that is scored over several
 * pages. Each page carries the earlier pages' choices in one hidden field ("sheet":
 * option indexes in scorecard order); the last page hands the whole sheet to the app.
 * Pages break between parts, else between sections, else between criteria.
 */
#define SCORE_PAGE_MAX (OCOP_QUERY_MAX_PARAMS - 3) /* csrf, step, sheet */
#define SCORE_PAGES 64

struct sc_crit {
    json_t *part, *section, *c;
};

struct scorecard {
    struct sc_crit *v;
    size_t n;
    size_t start[SCORE_PAGES + 1]; /* page k: criteria start[k] .. start[k+1]-1 */
    size_t npages;
};

static void sc__break(struct scorecard *s, size_t at, size_t *count)
{
    if (*count && s->npages < SCORE_PAGES)
        s->start[s->npages++] = at;
    *count = 0;
}

static int sc__load(struct scorecard *s, json_t *set)
{
    json_t *p, *sec, *c;
    size_t i, j, k, count = 0, total = 0;
    memset(s, 0, sizeof(*s));
    json_array_foreach(json_object_get(set, "parts"), i, p)
    {
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            total += json_array_size(json_object_get(sec, "criteria"));
        }
    }
    if (!total || !(s->v = calloc(total, sizeof(*s->v))))
        return ocop_error_set(OCOP_ERROR, "the criteria set is empty");
    s->npages = 1;
    json_array_foreach(json_object_get(set, "parts"), i, p)
    {
        size_t np = 0;
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            np += json_array_size(json_object_get(sec, "criteria"));
        }
        if (count + np > SCORE_PAGE_MAX && np <= SCORE_PAGE_MAX)
            sc__break(s, s->n, &count);
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            size_t ns = json_array_size(json_object_get(sec, "criteria"));
            if (count + ns > SCORE_PAGE_MAX && ns <= SCORE_PAGE_MAX)
                sc__break(s, s->n, &count);
            json_array_foreach(json_object_get(sec, "criteria"), k, c)
            {
                if (count == SCORE_PAGE_MAX)
                    sc__break(s, s->n, &count);
                s->v[s->n++] = (struct sc_crit){p, sec, c};
                count++;
            }
        }
    }
    s->start[s->npages] = s->n;
    return 0;
}

static size_t sc__options(const struct sc_crit *c)
{
    return json_array_size(json_object_get(c->c, "options"));
}

/* Parses "2,0,3" into exactly n option indexes within each criterion's options. */
static int sc__sheet(int *out, const struct scorecard *s, const char *sheet, size_t n)
{
    const char *p = sheet ? sheet : "";
    for (size_t i = 0; i < n; i++) {
        char num[8];
        size_t len = strcspn(p, ",");
        long long v;
        if (len == 0 || len >= sizeof(num))
            return ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        memcpy(num, p, len);
        num[len] = '\0';
        if (ocop_parse_int(&v, num, 0, (long long)sc__options(&s->v[i]) - 1))
            return ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        out[i] = (int)v;
        p += len + (p[len] == ',');
    }
    if (*p)
        return ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
    return 0;
}

static size_t sc__page_of(const struct scorecard *s, const char *code)
{
    for (size_t k = 0; k < s->npages; k++)
        for (size_t i = s->start[k]; i < s->start[k + 1]; i++)
            if (code && strcmp(page_str(s->v[i].c, "code"), code) == 0)
                return k;
    return s->npages - 1;
}

static void sc__text(struct ocop_buf *b, struct http_req *req, json_t *o, const char *key)
{
    char en_key[32];
    snprintf(en_key, sizeof(en_key), "%s_en", key);
    html_txt(b, web_en(req) && page_str(o, en_key) ? page_str(o, en_key) : page_str(o, key));
}

static void sc__criterion(struct ocop_buf *b, struct http_req *req, size_t idx,
                          const struct sc_crit *c, int chosen, const struct office_err *e)
{
    int en = web_en(req), bad = e && e->set && strcmp(e->field, page_str(c->c, "code")) == 0;
    json_t *o, *reqd = json_object_get(c->c, "required");
    size_t i;
    html_raw(b, "<fieldset id=\"f-");
    html_attr(b, page_str(c->c, "code"));
    html_raw(b, "\"");
    if (bad) {
        html_raw(b, " aria-describedby=\"e-");
        html_attr(b, page_str(c->c, "code"));
        html_raw(b, "\"");
    }
    html_raw(b, "><legend>");
    html_txt(b, page_str(c->c, "code"));
    html_raw(b, " ");
    sc__text(b, req, c->c, "text");
    html_raw(b, " <span class=\"mute\">(");
    html_raw(b, en ? "up to " : "tối đa ");
    html_int(b, page_int(c->c, "max"));
    html_raw(b, en ? " points)" : " điểm)");
    if (json_is_true(json_object_get(c->c, "illustrative")))
        html_raw(b, en ? " (illustrative criterion)" : " (tiêu chí minh họa)");
    html_raw(b, "</span></legend>");
    if (json_is_object(reqd)) {
        html_raw(b, "<span class=\"hint\">");
        html_raw(b, en ? "Required: at least " : "Tiêu chí bắt buộc: cần tối thiểu ");
        html_int(b, page_int(reqd, "min_points"));
        html_raw(b, en ? " points for " : " điểm để đạt ");
        html_int(b, page_int(reqd, "stars"));
        html_raw(b, en ? " stars" : " sao");
        html_raw(b, "</span>");
    }
    if (bad) {
        html_raw(b, "<span class=\"err\" id=\"e-");
        html_attr(b, page_str(c->c, "code"));
        html_raw(b, "\">");
        html_txt(b, e->message);
        html_raw(b, "</span>");
    }
    json_array_foreach(json_object_get(c->c, "options"), i, o)
    {
        html_raw(b, "<div class=\"opt\"><input type=\"radio\" required id=\"c");
        html_int(b, (long long)idx);
        html_raw(b, "-");
        html_int(b, (long long)i);
        html_raw(b, "\" name=\"choice_");
        html_attr(b, page_str(c->c, "code"));
        html_raw(b, "\" value=\"");
        html_int(b, (long long)i);
        html_raw(b, (int)i == chosen ? "\" checked><label for=\"c" : "\"><label for=\"c");
        html_int(b, (long long)idx);
        html_raw(b, "-");
        html_int(b, (long long)i);
        html_raw(b, "\">");
        sc__text(b, req, o, "text");
        html_raw(b, " <strong>(");
        html_int(b, page_int(o, "points"));
        html_raw(b, en ? " pt)" : " điểm)");
        html_raw(b, "</strong></label></div>");
    }
    html_raw(b, "</fieldset>");
}

/* Page k of the form; `known` holds choices so far (-1: none), the first start[k] kept. */
static void sc__page(struct ocop_buf *b, struct http_req *req, json_t *d, json_t *set,
                     const struct scorecard *s, size_t k, const int *known,
                     const struct office_err *e)
{
    int en = web_en(req);
    json_t *part = NULL, *sec = NULL;
    char title[600];
    snprintf(title, sizeof(title), "%s: %s", en ? "Score sheet" : "Phiếu chấm điểm",
             page_str(json_object_get(d, "product"), "name")
                 ? page_str(json_object_get(d, "product"), "name")
                 : "");
    office_open(b, req, title, "dossiers");
    html_raw(b, "<h1>");
    html_txt(b, title);
    html_raw(b, "</h1><p>");
    sc__text(b, req, set, "name");
    if (!json_is_true(json_object_get(set, "official")))
        html_raw(b, en ? " — <strong>illustrative wording, not the official annex</strong>"
                       : " — <strong>nội dung minh họa, chưa phải Phụ lục chính thức</strong>");
    html_raw(b, "</p><p class=\"mute\">");
    html_raw(b, en ? "Choose one option for every criterion. The server adds up the points. "
                     "A sheet is final once handed in."
                   : "Chọn một phương án cho mỗi tiêu chí. Hệ thống tự cộng điểm. Phiếu đã nộp "
                     "không sửa được.");
    if (s->npages > 1) {
        html_raw(b, en ? " Page " : " Trang ");
        html_int(b, (long long)k + 1);
        html_raw(b, "/");
        html_int(b, (long long)s->npages);
        html_raw(b, ".");
    }
    html_raw(b, "</p>");
    if (e && e->set) {
        struct office_err top = *e;
        snprintf(top.form, sizeof(top.form), "score");
        office_err_summary(b, req, &top, "score", 0);
    }
    office_post_form(b, req, "/office/dossiers/", page_int(d, "id"), "/score");
    html_raw(b, "<input type=\"hidden\" name=\"step\" value=\"");
    html_int(b, (long long)k);
    html_raw(b, "\"><input type=\"hidden\" name=\"sheet\" value=\"");
    for (size_t i = 0; i < s->start[k]; i++) {
        if (i)
            html_raw(b, ",");
        html_int(b, known[i]);
    }
    html_raw(b, "\">");
    for (size_t i = s->start[k]; i < s->start[k + 1]; i++) {
        if (s->v[i].part != part) {
            if (part)
                html_raw(b, "</section>");
            part = s->v[i].part;
            html_raw(b, "<section><h2>");
            html_raw(b, en ? "Part " : "Phần ");
            html_txt(b, page_str(part, "code"));
            html_raw(b, ": ");
            sc__text(b, req, part, "name");
            html_raw(b, " <span class=\"mute\">(");
            html_int(b, page_int(part, "max"));
            html_raw(b, en ? " points)</span></h2>" : " điểm)</span></h2>");
        }
        if (s->v[i].section != sec) {
            sec = s->v[i].section;
            html_raw(b, "<h3>");
            html_txt(b, page_str(sec, "code"));
            html_raw(b, " ");
            sc__text(b, req, sec, "name");
            html_raw(b, "</h3>");
        }
        sc__criterion(b, req, i, &s->v[i], known[i], e);
    }
    if (part)
        html_raw(b, "</section>");
    office_submit(b, NULL,
                  k + 1 < s->npages ? (en ? "Next page" : "Trang tiếp")
                                    : (en ? "Hand in the sheet" : "Nộp phiếu chấm"));
    office_close(b, req);
}

/* The dossier and its scorecard, if this user may score it now. */
static int sc__open(json_t **d, json_t **set, struct scorecard *s, struct http_req *req)
{
    int64_t id;
    int rc, mine = 0;
    json_t *sheets;
    *d = *set = NULL;
    memset(s, 0, sizeof(*s));
    if ((rc = http_param_id(&id, req, 0)) != 0 ||
        (rc = ocop_app_dossier_get(d, &req->app, id)) != 0)
        return rc;
    if (req->app.actor.role != OCOP_ROLE_COUNCIL)
        return ocop_error_set(OCOP_EFORBIDDEN, "only members of this dossier's council score it");
    if (!ev__may(req, page_str(*d, "state"), OCOP_DA_SCORE))
        return ocop_error_set(OCOP_ECONFLICT, "this dossier is not open for scoring");
    sheets = ev__sheets(req, id, &mine);
    json_decref(sheets);
    if (mine)
        return ocop_error_set(OCOP_ECONFLICT,
                              "you have already handed in your sheet for this dossier");
    if ((rc = ocop_app_criteria_get(set, &req->app, page_int(*d, "criteria_set_id"))) != 0)
        return rc;
    return sc__load(s, *set);
}

static int sc__send(struct http_resp *resp, struct http_req *req, json_t *d, json_t *set,
                    const struct scorecard *s, size_t k, const int *known,
                    const struct office_err *e, int status)
{
    struct ocop_buf b;
    ocop_buf_init(&b, BUF_MAX);
    sc__page(&b, req, d, set, s, k, known, e);
    ocop_error_clear();
    return office_send(resp, &b, status);
}

PAGE(page_score_form)
{
    struct scorecard s;
    json_t *d = NULL, *set = NULL;
    int *known = NULL, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = sc__open(&d, &set, &s, req)) == 0) {
        if (!(known = malloc(s.n * sizeof(int))))
            rc = ocop_error_set(OCOP_ERROR, "out of memory");
        for (size_t i = 0; known && i < s.n; i++)
            known[i] = -1;
        if (rc == 0)
            rc = sc__send(resp, req, d, set, &s, 0, known, NULL, 200);
    }
    free(known);
    free(s.v);
    json_decref(d);
    json_decref(set);
    return rc;
}

/* This page's choices into known[]; OCOP_EINVALID naming the first criterion missing. */
static int sc__read_page(int *known, const struct scorecard *s, size_t k, struct http_req *req)
{
    int rc = 0;
    for (size_t i = s->start[k]; i < s->start[k + 1]; i++) {
        char name[48];
        long long v;
        const char *code = page_str(s->v[i].c, "code");
        snprintf(name, sizeof(name), "choice_%s", code);
        known[i] = -1;
        if (web_field(req, name) &&
            ocop_parse_int(&v, web_field(req, name), 0, (long long)sc__options(&s->v[i]) - 1) == 0)
            known[i] = (int)v;
        else if (rc == 0)
            rc = ocop_error_set_field(OCOP_EINVALID, code,
                                      web_en(req) ? "choose one option for criterion %s"
                                                  : "chưa chọn phương án cho tiêu chí %s",
                                      code);
    }
    return rc;
}

PAGE(page_score_post)
{
    struct scorecard s;
    struct office_err e = {0};
    json_t *d = NULL, *set = NULL, *body = NULL, *choices, *out = NULL;
    long long step;
    int *known = NULL, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0)
        return rc;
    if ((rc = sc__open(&d, &set, &s, req)) != 0)
        goto done;
    if (ocop_parse_int(&step, web_field(req, "step") ? web_field(req, "step") : "", 0,
                       (long long)s.npages - 1)) {
        rc = ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        goto done;
    }
    if (!(known = malloc(s.n * sizeof(int)))) {
        rc = ocop_error_set(OCOP_ERROR, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < s.n; i++)
        known[i] = -1;
    if ((rc = sc__sheet(known, &s, web_field(req, "sheet"), s.start[step])) != 0)
        goto done;
    if ((rc = sc__read_page(known, &s, (size_t)step, req)) != 0) {
        office_err_capture(&e, req, "score", 0);
        rc = sc__send(resp, req, d, set, &s, (size_t)step, known, &e, 422);
        goto done;
    }
    if ((size_t)step + 1 < s.npages) {
        rc = sc__send(resp, req, d, set, &s, (size_t)step + 1, known, NULL, 200);
        goto done;
    }
    choices = json_object();
    for (size_t i = 0; i < s.n; i++)
        json_object_set_new(choices, page_str(s.v[i].c, "code"), json_integer(known[i]));
    body = json_pack("{s:o}", "choices", choices);
    rc = ocop_app_score(&out, &req->app, page_int(d, "id"), body);
    if (rc == 0) {
        rc = office_redirect(resp, req, "/office/dossiers/%lld?done=scored", page_int(d, "id"));
    } else if (rc == OCOP_EINVALID) {
        office_err_capture(&e, req, "score", 0);
        rc = sc__send(resp, req, d, set, &s, sc__page_of(&s, e.field), known, &e, 422);
    }
done:
    json_decref(out);
    json_decref(body);
    free(known);
    free(s.v);
    json_decref(d);
    json_decref(set);
    return rc;
}
