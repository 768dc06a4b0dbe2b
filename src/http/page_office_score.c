/*
 * page_office_score.c: a council member's score sheet for a dossier. The whole scorecard is
 * one form, part by part and section by section, with the sheet's totals and the stars they
 * would give (the app works them out; score.js keeps them current in the browser as the
 * member picks). "Work out the totals" shows the form again with them and stores nothing;
 * "Hand in the sheet" gives it to ocop_app_score. A member who has handed in a sheet sees
 * it, read-only.
 */
#include "http/page_office_eval.h"
#include "core/error.h"
#include "core/query.h"
#include "core/rules.h"
#include "core/workflow.h"
#include "scripts_js.h" /* generated: score.js */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_MAX (8 * 1024 * 1024)

/* The form posts one field per criterion (choice_<code>), plus csrf and action. A criteria
 * set has at most OCOP_RULES_TOTAL criteria, so every set fits one form. */
#define SCORE_FORM_EXTRA 2
_Static_assert(OCOP_RULES_TOTAL + SCORE_FORM_EXTRA <= OCOP_FORM_MAX_PARAMS,
               "every scorecard fits one form");
/* A criterion with more options than this is a select rather than radio buttons. */
#define SCORE_RADIO_MAX 10

enum { SC_OK, SC_MISSING, SC_NOT_AN_OPTION };

struct sc_crit {
    json_t *part, *section, *c;
};

/* The form as one page shows it. */
struct score_form {
    json_t *d;                  /* the dossier */
    json_t *set;                /* its criteria set, with its ruleset under "rules" */
    struct sc_crit *v;          /* the criteria in scorecard order */
    size_t n;                   /* how many */
    int *known;                 /* the option chosen per criterion, -1 for none */
    unsigned char *bad;         /* per criterion: SC_OK, SC_MISSING or SC_NOT_AN_OPTION */
    size_t nbad;                /* criteria not SC_OK */
    json_t *tally;              /* ocop_app_score_tally of known[] */
    json_t *sheet;              /* the member's handed-in sheet (the read-only page), or NULL */
    const struct office_err *e; /* the app's refusal of the sheet, or NULL */
};

static void sc__dispose(struct score_form *f)
{
    json_decref(f->d);
    json_decref(f->set);
    json_decref(f->tally);
    json_decref(f->sheet);
    free(f->v);
    free(f->known);
    free(f->bad);
}

/* The criteria of f->set in scorecard order (the order of ocop_criteria_parse). */
static int sc__load(struct score_form *f)
{
    json_t *p, *sec, *c;
    size_t i, j, k, total = 0;
    json_array_foreach(json_object_get(f->set, "parts"), i, p)
    {
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            total += json_array_size(json_object_get(sec, "criteria"));
        }
    }
    if (!total)
        return ocop_error_set(OCOP_ERROR, "the criteria set is empty");
    if (total + SCORE_FORM_EXTRA > OCOP_FORM_MAX_PARAMS) /* the loader's rules forbid it */
        return ocop_error_set(OCOP_ERROR, "this scorecard has more criteria than one form holds");
    f->v = calloc(total, sizeof(*f->v));
    f->known = malloc(total * sizeof(*f->known));
    f->bad = calloc(total, 1);
    if (!f->v || !f->known || !f->bad)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    json_array_foreach(json_object_get(f->set, "parts"), i, p)
    {
        json_array_foreach(json_object_get(p, "sections"), j, sec)
        {
            json_array_foreach(json_object_get(sec, "criteria"), k, c)
            {
                f->known[f->n] = -1;
                f->v[f->n++] = (struct sc_crit){p, sec, c};
            }
        }
    }
    return 0;
}

static const char *sc__code(const struct score_form *f, size_t i)
{
    return page_str(f->v[i].c, "code");
}

static size_t sc__options(const struct score_form *f, size_t i)
{
    return json_array_size(json_object_get(f->v[i].c, "options"));
}

/* The member's own sheet among the dossier's, or NULL (a new reference). */
static json_t *sc__own_sheet(struct http_req *req, long long id)
{
    int mine = 0;
    json_t *sheets = ev__sheets(req, id, &mine), *s, *own = NULL;
    size_t i;
    json_array_foreach(json_object_get(sheets, "items"), i, s)
    {
        if (page_int(s, "user_id") == req->app.actor.user_id)
            own = json_incref(s);
    }
    json_decref(sheets);
    return own;
}

/*
 * The dossier and its scorecard, if this user may score it now or has handed in a sheet
 * for it (then f->sheet holds it and known[] its choices; a POST is refused).
 */
static int sc__open(struct score_form *f, struct http_req *req, int posting)
{
    int64_t id;
    int rc;
    if ((rc = http_param_id(&id, req, 0)) != 0)
        return rc;
    if (req->app.actor.role != OCOP_ROLE_COUNCIL)
        return ocop_error_set(OCOP_EFORBIDDEN, "only members of this dossier's council score it");
    if ((rc = ocop_app_dossier_get(&f->d, &req->app, id)) != 0)
        return rc;
    f->sheet = sc__own_sheet(req, id);
    if (f->sheet && posting)
        return ocop_error_set(OCOP_ECONFLICT,
                              "you have already handed in your sheet for this dossier");
    if (!f->sheet && !ev__may(req, page_str(f->d, "state"), OCOP_DA_SCORE))
        return ocop_error_set(OCOP_ECONFLICT, "this dossier is not open for scoring");
    if ((rc = ocop_app_criteria_get(&f->set, &req->app, page_int(f->d, "criteria_set_id"))) != 0 ||
        (rc = sc__load(f)) != 0)
        return rc;
    for (size_t i = 0; f->sheet && i < f->n; i++) {
        json_t *v = json_array_get(json_object_get(f->sheet, "choices"), i);
        f->known[i] = json_is_integer(v) ? (int)json_integer_value(v) : -1;
    }
    return 0;
}

/* The app's tally of known[] (the criteria chosen so far). */
static int sc__tally(struct score_form *f, struct http_req *req)
{
    json_t *choices = json_object(), *body;
    int rc;
    json_decref(f->tally);
    f->tally = NULL;
    for (size_t i = 0; i < f->n; i++)
        if (f->known[i] >= 0)
            json_object_set_new(choices, sc__code(f, i), json_integer(f->known[i]));
    body = json_pack("{s:o}", "choices", choices);
    rc = ocop_app_score_tally(&f->tally, &req->app, page_int(f->d, "id"), body);
    json_decref(body);
    return rc;
}

/* The posted choices into known[]; every criterion at fault marked in bad[] (a missing
 * one only when handing in). Returns how many are at fault. The form checks this itself
 * rather than through ocop_error_gather: a sheet may lack all of its criteria, up to
 * OCOP_RULES_TOTAL, more than the OCOP_ERROR_FIELDS_MAX fields an error keeps (the API's
 * ocop_app_score lists the first of them and counts the rest; the form marks each one). */
static size_t sc__read(struct score_form *f, struct http_req *req, int handing_in)
{
    f->nbad = 0;
    for (size_t i = 0; i < f->n; i++) {
        char name[48];
        const char *s;
        long long v;
        snprintf(name, sizeof(name), "choice_%s", sc__code(f, i));
        s = web_field(req, name);
        f->known[i] = -1;
        f->bad[i] = SC_OK;
        if (s && *s && ocop_parse_int(&v, s, 0, (long long)sc__options(f, i) - 1) == 0)
            f->known[i] = (int)v;
        else if (s && *s)
            f->bad[i] = SC_NOT_AN_OPTION;
        else if (handing_in)
            f->bad[i] = SC_MISSING;
        f->nbad += f->bad[i] != SC_OK;
    }
    ocop_error_clear();
    return f->nbad;
}

/* ============================================================ the page's parts */

static const char score_css[] =
    "<style>[hidden]{display:none!important}fieldset.bad{border:2px solid var(--bad)}"
    ".tally-bar{position:sticky;bottom:0;z-index:1;display:flex;flex-wrap:wrap;gap:.15rem 1.2rem;"
    "align-items:baseline;background:#fff;border:1px solid var(--line);border-top:3px solid "
    "var(--gold);border-radius:.4rem .4rem 0 0;padding:.45rem .8rem;margin:.8rem 0 0;"
    "box-shadow:0 -2px 6px rgba(0,0,0,.08)}.tally table{max-width:36rem}"
    ".tally .stars,.tally-bar .stars{color:var(--gold)}h2 .mute{font-weight:400}"
    ".actions{display:flex;flex-wrap:wrap;gap:.6rem;margin:.9rem 0}</style>";

static void sc__text(struct ocop_buf *b, struct http_req *req, json_t *o, const char *key)
{
    char en_key[32];
    snprintf(en_key, sizeof(en_key), "%s_en", key);
    html_txt(b, web_en(req) && page_str(o, en_key) ? page_str(o, en_key) : page_str(o, key));
}

/* A number of points as the page's language writes it (whole, or to two decimals). */
static void sc__points(struct ocop_buf *b, struct http_req *req, double v)
{
    office_decimal(b, req, v, v == floor(v) ? 0 : 2);
}

/* The same number for score.js: plain digits and a dot. */
static void sc__data_num(struct ocop_buf *b, double v)
{
    html_num(b, v, v == floor(v) ? 0 : 2);
}

static double sc__part_points(const struct score_form *f, json_t *part)
{
    return json_number_value(
        json_object_get(json_object_get(f->tally, "parts"), page_str(part, "code")));
}

/* "A" or "part-A": the key score.js writes a part's points under. */
static void sc__part_key(struct ocop_buf *b, json_t *part)
{
    html_raw(b, " data-t=\"part-");
    html_attr(b, page_str(part, "code"));
    html_raw(b, "\"");
}

/* ★★★★ and "4 sao", kept current by score.js (data-t="stars", "stars-n"). */
static void sc__stars(struct ocop_buf *b, struct http_req *req, long long n)
{
    static const char *const glyphs[] = {"—", "★", "★★", "★★★", "★★★★", "★★★★★"};
    html_raw(b, "<span class=\"stars\" aria-hidden=\"true\" data-t=\"stars\">");
    html_raw(b, glyphs[n >= 0 && n <= 5 ? n : 0]);
    html_raw(b, "</span> <span data-t=\"stars-n\">");
    html_int(b, n);
    html_raw(b, web_en(req) ? " stars" : " sao");
    html_raw(b, "</span>");
}

static void sc__head(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                     const char *title)
{
    int en = web_en(req);
    html_raw(b, score_css);
    html_raw(b, "<h1>");
    html_txt(b, title);
    html_raw(b, "</h1><p>");
    sc__text(b, req, f->set, "name");
    if (!json_is_true(json_object_get(f->set, "official")))
        html_raw(b, en ? " — <strong>illustrative wording, not the official annex</strong>"
                       : " — <strong>nội dung minh họa, chưa phải Phụ lục chính thức</strong>");
    html_raw(b, "</p>");
}

/* The alert above the form: every criterion the form's check found at fault, each linking
 * to its group; else the app's refusal. */
static void sc__errors(struct ocop_buf *b, struct http_req *req, const struct score_form *f)
{
    int en = web_en(req);
    if (!f->nbad) {
        if (f->e && f->e->set) {
            struct office_err top = *f->e;
            snprintf(top.form, sizeof(top.form), "score");
            office_err_summary(b, req, &top, "score", 0);
        }
        return;
    }
    html_raw(b, "<div class=\"error\" role=\"alert\"><p>");
    html_raw(b,
             en ? "The sheet was not handed in; please correct " : "Chưa nộp được phiếu; hãy sửa ");
    html_int(b, (long long)f->nbad);
    html_raw(b, en ? (f->nbad > 1 ? " criteria:" : " criterion:") : " tiêu chí sau:");
    html_raw(b, "</p><ul>");
    for (size_t i = 0; i < f->n; i++) {
        if (f->bad[i] == SC_OK)
            continue;
        html_raw(b, "<li><a href=\"#f-");
        html_attr(b, sc__code(f, i));
        html_raw(b, "\">");
        html_txt(b, sc__code(f, i));
        html_raw(b, " ");
        sc__text(b, req, f->v[i].c, "text");
        html_raw(b, ": ");
        html_raw(b, f->bad[i] == SC_MISSING
                        ? (en ? "no option chosen" : "chưa chọn phương án")
                        : (en ? "not one of its options" : "phương án không hợp lệ"));
        html_raw(b, "</a></li>");
    }
    html_raw(b, "</ul></div>");
}

/* The message of criterion i at fault (the form's check, or the app naming it), or NULL. */
static const char *sc__fault(struct http_req *req, const struct score_form *f, size_t i)
{
    int en = web_en(req);
    if (f->bad[i] == SC_MISSING)
        return en ? "Choose one of this criterion's options."
                  : "Hãy chọn một phương án cho tiêu chí này.";
    if (f->bad[i] == SC_NOT_AN_OPTION)
        return en ? "That is not one of this criterion's options; choose again."
                  : "Phương án đã gửi không có trong tiêu chí này; hãy chọn lại.";
    if (f->e && f->e->set && strcmp(f->e->field, sc__code(f, i)) == 0)
        return f->e->message;
    return NULL;
}

/* The legend of a criterion: its code, text, maximum, and whether it is illustrative. */
static void sc__legend(struct ocop_buf *b, struct http_req *req, json_t *c)
{
    int en = web_en(req);
    html_raw(b, "<legend>");
    html_txt(b, page_str(c, "code"));
    html_raw(b, " ");
    sc__text(b, req, c, "text");
    html_raw(b, " <span class=\"mute\">(");
    html_raw(b, en ? "up to " : "tối đa ");
    html_int(b, page_int(c, "max"));
    html_raw(b, en ? " points)" : " điểm)");
    if (json_is_true(json_object_get(c, "illustrative")))
        html_raw(b, en ? " (illustrative criterion)" : " (tiêu chí minh họa)");
    html_raw(b, "</span></legend>");
}

/* An option's words and points: "text (4 điểm)". */
static void sc__option_words(struct ocop_buf *b, struct http_req *req, json_t *o, int strong)
{
    sc__text(b, req, o, "text");
    html_raw(b, strong ? " <strong>(" : " (");
    html_int(b, page_int(o, "points"));
    html_raw(b, web_en(req) ? " pt)" : " điểm)");
    if (strong)
        html_raw(b, "</strong>");
}

static void sc__radios(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                       size_t idx)
{
    json_t *o;
    size_t i;
    json_array_foreach(json_object_get(f->v[idx].c, "options"), i, o)
    {
        html_raw(b, "<div class=\"opt\"><input type=\"radio\" required id=\"c");
        html_int(b, (long long)idx);
        html_raw(b, "-");
        html_int(b, (long long)i);
        html_raw(b, "\" name=\"choice_");
        html_attr(b, sc__code(f, idx));
        html_raw(b, "\" value=\"");
        html_int(b, (long long)i);
        html_raw(b, "\" data-p=\"");
        html_int(b, page_int(o, "points"));
        html_raw(b, (int)i == f->known[idx] ? "\" checked><label for=\"c" : "\"><label for=\"c");
        html_int(b, (long long)idx);
        html_raw(b, "-");
        html_int(b, (long long)i);
        html_raw(b, "\">");
        sc__option_words(b, req, o, 1);
        html_raw(b, "</label></div>");
    }
}

/* Many options (a criterion scored freely): one select, labelled, its first option empty. */
static void sc__select(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                       size_t idx, int faulty)
{
    json_t *o;
    size_t i;
    html_raw(b, "<div class=\"field\"><label for=\"c");
    html_int(b, (long long)idx);
    html_raw(b, "\">");
    html_raw(b, web_en(req) ? "Option chosen" : "Phương án chọn");
    html_raw(b, "</label><select required id=\"c");
    html_int(b, (long long)idx);
    html_raw(b, "\" name=\"choice_");
    html_attr(b, sc__code(f, idx));
    html_raw(b, "\"");
    if (faulty) {
        html_raw(b, " aria-invalid=\"true\" aria-describedby=\"e-");
        html_attr(b, sc__code(f, idx));
        html_raw(b, "\"");
    }
    html_raw(b, "><option value=\"\">");
    html_raw(b, web_en(req) ? "— choose —" : "— chọn —");
    html_raw(b, "</option>");
    json_array_foreach(json_object_get(f->v[idx].c, "options"), i, o)
    {
        html_raw(b, "<option value=\"");
        html_int(b, (long long)i);
        html_raw(b, "\" data-p=\"");
        html_int(b, page_int(o, "points"));
        html_raw(b, (int)i == f->known[idx] ? "\" selected>" : "\">");
        sc__option_words(b, req, o, 0);
        html_raw(b, "</option>");
    }
    html_raw(b, "</select></div>");
}

/* One criterion: a fieldset with its legend, the required minimum if any, its message if
 * at fault, and its options (radio buttons, or a select when there are many). */
static void sc__criterion(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                          size_t idx)
{
    int en = web_en(req);
    json_t *c = f->v[idx].c, *reqd = json_object_get(c, "required");
    const char *fault = sc__fault(req, f, idx);
    html_raw(b, "<fieldset id=\"f-");
    html_attr(b, sc__code(f, idx));
    html_raw(b, "\" data-part=\"");
    html_attr(b, page_str(f->v[idx].part, "code"));
    html_raw(b, "\" data-code=\"");
    html_attr(b, sc__code(f, idx));
    html_raw(b, "\"");
    if (json_is_object(reqd)) {
        html_raw(b, " data-req=\"");
        html_int(b, page_int(reqd, "stars"));
        html_raw(b, ":");
        sc__data_num(b, json_number_value(json_object_get(reqd, "min_points")));
        html_raw(b, "\"");
    }
    if (fault) {
        html_raw(b, " class=\"bad\" aria-describedby=\"e-");
        html_attr(b, sc__code(f, idx));
        html_raw(b, "\"");
    }
    html_raw(b, ">");
    sc__legend(b, req, c);
    if (json_is_object(reqd)) {
        html_raw(b, "<span class=\"hint\">");
        html_raw(b, en ? "Required: at least " : "Tiêu chí bắt buộc: cần tối thiểu ");
        sc__points(b, req, json_number_value(json_object_get(reqd, "min_points")));
        html_raw(b, en ? " points for " : " điểm để đạt ");
        html_int(b, page_int(reqd, "stars"));
        html_raw(b, en ? " stars" : " sao");
        html_raw(b, "</span>");
    }
    if (fault) {
        html_raw(b, "<span class=\"err\" id=\"e-");
        html_attr(b, sc__code(f, idx));
        html_raw(b, "\">");
        html_txt(b, fault);
        html_raw(b, "</span>");
    }
    if (sc__options(f, idx) > SCORE_RADIO_MAX)
        sc__select(b, req, f, idx, fault != NULL);
    else
        sc__radios(b, req, f, idx);
    html_raw(b, "</fieldset>");
}

/* "Part A: name (12/40 points)" with the part's points kept current. */
static void sc__part_heading(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                             json_t *part)
{
    int en = web_en(req);
    html_raw(b, "<h2>");
    html_raw(b, en ? "Part " : "Phần ");
    html_txt(b, page_str(part, "code"));
    html_raw(b, ": ");
    sc__text(b, req, part, "name");
    html_raw(b, " <span class=\"mute\">(<span");
    sc__part_key(b, part);
    html_raw(b, ">");
    sc__points(b, req, sc__part_points(f, part));
    html_raw(b, "</span>/");
    html_int(b, page_int(part, "max"));
    html_raw(b, en ? " points)</span></h2>" : " điểm)</span></h2>");
}

/* The points the parts add up to (100 under every ruleset so far). */
static long long sc__max(const struct score_form *f)
{
    json_t *part;
    size_t i;
    long long max = 0;
    json_array_foreach(json_object_get(f->set, "parts"), i, part) max += page_int(part, "max");
    return max;
}

/* The table of the totals: each part's points against its maximum, then the total. */
static void sc__totals_table(struct ocop_buf *b, struct http_req *req, const struct score_form *f)
{
    int en = web_en(req);
    json_t *part;
    size_t i;
    html_raw(b, "<div class=\"tbl\"><table><thead><tr><th scope=\"col\">");
    html_raw(b, en ? "Part" : "Phần");
    html_raw(b, "</th><th scope=\"col\" class=\"n\">");
    html_raw(b, en ? "Points" : "Điểm");
    html_raw(b, "</th><th scope=\"col\" class=\"n\">");
    html_raw(b, en ? "Maximum" : "Tối đa");
    html_raw(b, "</th></tr></thead><tbody>");
    json_array_foreach(json_object_get(f->set, "parts"), i, part)
    {
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, page_str(part, "code"));
        html_raw(b, ". ");
        sc__text(b, req, part, "name");
        html_raw(b, "</th><td class=\"n\"");
        sc__part_key(b, part);
        html_raw(b, ">");
        sc__points(b, req, sc__part_points(f, part));
        html_raw(b, "</td><td class=\"n\">");
        html_int(b, page_int(part, "max"));
        html_raw(b, "</td></tr>");
    }
    html_raw(b, "<tr><th scope=\"row\">");
    html_raw(b, en ? "Total" : "Tổng điểm");
    html_raw(b, "</th><td class=\"n\"><strong data-t=\"total\">");
    sc__points(b, req, json_number_value(json_object_get(f->tally, "total")));
    html_raw(b, "</strong></td><td class=\"n\">");
    html_int(b, sc__max(f));
    html_raw(b, "</td></tr></tbody></table></div>");
}

/* The sheet's totals: the table, the stars the ruleset's thresholds give the total (and a
 * required criterion's cap), and how many criteria are chosen. */
static void sc__totals(struct ocop_buf *b, struct http_req *req, const struct score_form *f)
{
    int en = web_en(req);
    json_t *t = f->tally;
    html_raw(b, "<section class=\"tally\" aria-labelledby=\"tally\"><h2 id=\"tally\">");
    html_raw(b, en ? "This sheet's points" : "Điểm của phiếu này");
    html_raw(b, "</h2><p class=\"mute\">");
    html_raw(b, f->sheet ? (en ? "As handed in. " : "Theo phiếu đã nộp. ")
                         : (en ? "From the options chosen; the server adds them up again when "
                                 "the sheet is handed in. "
                               : "Theo các phương án đang chọn; hệ thống cộng lại khi nộp "
                                 "phiếu. "));
    html_raw(b, en ? "The product's result is the average of the council's sheets."
                   : "Kết quả của sản phẩm là điểm trung bình các phiếu của hội đồng.");
    html_raw(b, "</p>");
    sc__totals_table(b, req, f);
    html_raw(b, "<dl><dt>");
    html_raw(b, en ? "Stars by this sheet" : "Hạng sao theo phiếu này");
    html_raw(b, "</dt><dd>");
    sc__stars(b, req, page_int(t, "stars"));
    html_raw(b, page_str(t, "capped_by") ? "<span data-t=\"capped\">"
                                         : "<span data-t=\"capped\" hidden>");
    html_raw(b, en ? " (capped by criterion " : " (bị giới hạn bởi tiêu chí ");
    html_raw(b, "<span data-t=\"capped-code\">");
    html_txt(b, page_str(t, "capped_by"));
    html_raw(b, "</span>)</span></dd><dt>");
    html_raw(b, en ? "Criteria chosen" : "Tiêu chí đã chọn");
    html_raw(b, "</dt><dd><span data-t=\"chosen\">");
    html_int(b, page_int(t, "chosen"));
    html_raw(b, "</span>/");
    html_int(b, (long long)f->n);
    html_raw(b, "</dd></dl></section>");
}

/* The bar that stays at the foot of the screen with the total and stars while the member
 * scrolls; shown (and kept current) by score.js only. */
static void sc__bar(struct ocop_buf *b, struct http_req *req, const struct score_form *f)
{
    int en = web_en(req);
    html_raw(b, "<div class=\"tally-bar\" data-live hidden role=\"status\"><span>");
    html_raw(b, en ? "Total " : "Tổng điểm ");
    html_raw(b, "<strong data-t=\"total\">");
    sc__points(b, req, json_number_value(json_object_get(f->tally, "total")));
    html_raw(b, "</strong>/");
    html_int(b, sc__max(f));
    html_raw(b, "</span><span>");
    sc__stars(b, req, page_int(f->tally, "stars"));
    html_raw(b, "</span><span><span data-t=\"chosen\">");
    html_int(b, page_int(f->tally, "chosen"));
    html_raw(b, "</span>/");
    html_int(b, (long long)f->n);
    html_raw(b, en ? " criteria chosen</span></div>" : " tiêu chí đã chọn</span></div>");
}

/* <form id="score" ...> with what score.js needs: the ruleset's star thresholds. */
static void sc__form_open(struct ocop_buf *b, struct http_req *req, const struct score_form *f)
{
    json_t *s;
    size_t i;
    html_raw(b, "<form method=\"post\" id=\"score\" data-stars=\"");
    json_array_foreach(json_object_get(json_object_get(f->set, "rules"), "stars"), i, s)
    {
        if (i)
            html_raw(b, " ");
        html_int(b, page_int(s, "stars"));
        html_raw(b, ":");
        sc__data_num(b, json_number_value(json_object_get(s, "min")));
    }
    html_raw(b, web_en(req) ? "\" data-star-word=\" stars\"" : "\" data-star-word=\" sao\"");
    html_raw(b, " action=\"/office/dossiers/");
    html_int(b, page_int(f->d, "id"));
    html_raw(b, "/score");
    office_lang(b, req, 0);
    html_raw(b, "\">");
    web_csrf_field(b, req);
}

/* The form: every criterion, part by part and section by section, then the totals. */
static void sc__form_page(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                          const char *title)
{
    int en = web_en(req);
    json_t *part = NULL, *sec = NULL;
    sc__head(b, req, f, title);
    html_raw(b, "<p class=\"mute\">");
    html_raw(b, en ? "Choose one option for every criterion. The totals below follow your "
                     "choices; the server adds up the points again when you hand in the sheet. "
                     "A sheet is final once handed in."
                   : "Chọn một phương án cho mỗi tiêu chí. Tổng điểm bên dưới theo các phương án "
                     "đang chọn; hệ thống cộng lại khi nộp phiếu. Phiếu đã nộp không sửa được.");
    html_raw(b, "</p>");
    sc__errors(b, req, f);
    sc__form_open(b, req, f);
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].part != part) {
            if (part)
                html_raw(b, "</section>");
            part = f->v[i].part;
            html_raw(b, "<section>");
            sc__part_heading(b, req, f, part);
        }
        if (f->v[i].section != sec) {
            sec = f->v[i].section;
            html_raw(b, "<h3>");
            html_txt(b, page_str(sec, "code"));
            html_raw(b, " ");
            sc__text(b, req, sec, "name");
            html_raw(b, "</h3>");
        }
        sc__criterion(b, req, f, i);
    }
    if (part)
        html_raw(b, "</section>");
    sc__totals(b, req, f);
    sc__bar(b, req, f);
    /* the first button is the one Enter presses: the harmless one */
    html_raw(b, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"preview\" "
                "class=\"sec\" formnovalidate>");
    html_raw(b, en ? "Work out the totals" : "Tính tổng điểm");
    html_raw(b, "</button><button type=\"submit\" name=\"action\" value=\"submit\">");
    html_raw(b, en ? "Hand in the sheet" : "Nộp phiếu chấm");
    html_raw(b, "</button></div></form><script>");
    html_raw(b, http_js_score); /* the program's own script, allowed by its hash */
    html_raw(b, "</script>");
}

/* The handed-in sheet, read-only: each criterion's option and points, then the totals. */
static void sc__sheet_page(struct ocop_buf *b, struct http_req *req, const struct score_form *f,
                           const char *title)
{
    static const char *const cols[][2] = {{"Tiêu chí", "Criterion"},
                                          {"Phương án đã chọn", "Option chosen"},
                                          {"Điểm", "Points"},
                                          {NULL, NULL}};
    int en = web_en(req);
    json_t *part = NULL;
    sc__head(b, req, f, title);
    html_raw(b, "<p class=\"note\">");
    html_raw(b, en ? "You handed in this sheet on " : "Bạn đã nộp phiếu này lúc ");
    office_date_txt(b, page_str(f->sheet, "submitted_at"));
    html_raw(b, en ? ". A sheet is final once handed in." : ". Phiếu đã nộp không sửa được.");
    html_raw(b, " <a href=\"/office/dossiers/");
    html_int(b, page_int(f->d, "id"));
    office_lang(b, req, 0);
    html_raw(b, "\">");
    html_raw(b, en ? "Back to the dossier" : "Về hồ sơ");
    html_raw(b, "</a></p>");
    for (size_t i = 0; i < f->n; i++) {
        json_t *o = json_array_get(json_object_get(f->v[i].c, "options"), (size_t)f->known[i]);
        if (f->v[i].part != part) {
            if (part)
                html_raw(b, "</tbody></table></div></section>");
            part = f->v[i].part;
            html_raw(b, "<section>");
            sc__part_heading(b, req, f, part);
            office_thead(b, req, cols, en ? "Criteria of the part" : "Các tiêu chí của phần");
        }
        html_raw(b, "<tr><th scope=\"row\">");
        html_txt(b, sc__code(f, i));
        html_raw(b, " ");
        sc__text(b, req, f->v[i].c, "text");
        html_raw(b, "</th>");
        office_td(b, cols[1][en], NULL);
        if (o)
            sc__text(b, req, o, "text");
        html_raw(b, "</td>");
        office_td(b, cols[2][en], " class=\"n\"");
        if (o)
            html_int(b, page_int(o, "points"));
        html_raw(b, "/");
        html_int(b, page_int(f->v[i].c, "max"));
        html_raw(b, "</td></tr>");
    }
    if (part)
        html_raw(b, "</tbody></table></div></section>");
    sc__totals(b, req, f);
}

static int sc__send(struct http_resp *resp, struct http_req *req, const struct score_form *f,
                    int status)
{
    struct ocop_buf b;
    char title[600];
    const char *product = page_str(json_object_get(f->d, "product"), "name");
    int en = web_en(req);
    snprintf(title, sizeof(title), "%s: %s",
             f->sheet ? (en ? "Score sheet handed in" : "Phiếu chấm điểm đã nộp")
                      : (en ? "Score sheet" : "Phiếu chấm điểm"),
             product ? product : "");
    ocop_buf_init(&b, BUF_MAX);
    office_open(&b, req, title, "dossiers");
    if (f->sheet)
        sc__sheet_page(&b, req, f, title);
    else
        sc__form_page(&b, req, f, title);
    office_close(&b, req);
    ocop_error_clear();
    return office_send(resp, &b, status);
}

/* ============================================================ the handlers */

PAGE(page_score_form)
{
    struct score_form f = {0};
    int rc;
    if ((rc = office_query(req, NULL, NULL, NULL)) == 0 && (rc = sc__open(&f, req, 0)) == 0 &&
        (rc = sc__tally(&f, req)) == 0)
        rc = sc__send(resp, req, &f, 200);
    sc__dispose(&f);
    return rc;
}

/* Hands the complete sheet to the app: 303 to the dossier, or the form again (422) with
 * the app's reason when it refuses the input. */
static int sc__hand_in(struct http_resp *resp, struct http_req *req, struct score_form *f)
{
    struct office_err e = {0};
    json_t *choices = json_object(), *body, *out = NULL;
    int rc;
    for (size_t i = 0; i < f->n; i++)
        json_object_set_new(choices, sc__code(f, i), json_integer(f->known[i]));
    body = json_pack("{s:o}", "choices", choices);
    rc = ocop_app_score(&out, &req->app, page_int(f->d, "id"), body);
    json_decref(body);
    json_decref(out);
    if (rc == 0)
        return office_redirect(resp, req, "/office/dossiers/%lld?done=scored",
                               page_int(f->d, "id"));
    if (rc != OCOP_EINVALID)
        return rc;
    office_err_capture(&e, req, "score", 0);
    f->e = &e;
    if ((rc = sc__tally(f, req)) == 0)
        rc = sc__send(resp, req, f, 422);
    f->e = NULL;
    return rc;
}

PAGE(page_score_post)
{
    struct score_form f = {0};
    const char *action = web_field(req, "action");
    int preview = action && strcmp(action, "preview") == 0, rc;

    if ((rc = office_query(req, NULL, NULL, NULL)) != 0 || (rc = sc__open(&f, req, 1)) != 0)
        goto done;
    if (action && !preview && strcmp(action, "submit") != 0) {
        rc = ocop_error_set(OCOP_EMALFORMED, "the score form is out of date; open it again");
        goto done;
    }
    /* every criterion at fault is named at once, and what was chosen is kept */
    if (sc__read(&f, req, !preview) || preview) {
        if ((rc = sc__tally(&f, req)) == 0)
            rc = sc__send(resp, req, &f, f.nbad ? 422 : 200);
        goto done;
    }
    rc = sc__hand_in(resp, req, &f);
done:
    sc__dispose(&f);
    return rc;
}
