/*
 * pdf_sheet.c: the council's score sheets as PDF (cairo, pangocairo): a member's sheet
 * and the council's summary, tables that break across pages with their head repeated.
 */
#include "render/pdf_internal.h"
#include "core/error.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define PDF__MAX_PAGES 500
#define PDF__MAX_ITEMS 100000 /* parts + sections + criteria + members */

static const char ILLUSTRATIVE[] = "(tiêu chí minh họa / illustrative criterion)";

/* ---- score sheets ---- */

enum sheet__kind {
    ROW_TITLE,
    ROW_INFO,
    ROW_HEAD,
    ROW_PLAIN,
    ROW_PART,
    ROW_SECTION,
    ROW_SUBTOTAL,
    ROW_TOTAL,
    ROW_CAP
};

static const struct {
    int font;
    double size;
    const struct rgb *fill, *ink;
} sheet__style[] = {
    [ROW_TITLE] = {F_SERIF | F_BOLD, 17, NULL, &C_RED},
    [ROW_INFO] = {F_SANS | F_BOLD, 9.5, NULL, &C_INK},
    [ROW_HEAD] = {F_SANS | F_BOLD, 7.5, &C_RED, &C_WHITE},
    [ROW_PLAIN] = {F_SANS, 8.5, NULL, &C_INK},
    [ROW_PART] = {F_SANS | F_BOLD, 9, &C_TINT_RED, &C_DARKRED},
    [ROW_SECTION] = {F_SANS | F_BOLD, 8.5, &C_TINT_GOLD, &C_INK},
    [ROW_SUBTOTAL] = {F_SANS | F_BOLD, 8.5, &C_TINT_GREY, &C_INK},
    [ROW_TOTAL] = {F_SANS | F_BOLD, 10, &C_TINT_GOLD, &C_DARKRED},
    [ROW_CAP] = {F_SANS, 8.5, &C_TINT_GOLD, &C_INK},
};

#define SHEET__COLS 4
#define SHEET__PAD 4.0  /* horizontal cell padding */
#define SHEET__PADV 3.2 /* vertical cell padding */

struct sheet__table {
    size_t ncols;
    double x[SHEET__COLS + 1]; /* column edges */
    PangoAlignment align[SHEET__COLS];
    const char *head[SHEET__COLS]; /* repeated at the top of each page; head[0] NULL: none */
    int borders;
};

/* One row: cells[i] NULL merges cell i into the one on its left; `note` goes under cell 1. */
struct sheet__row {
    const char *cells[SHEET__COLS];
    const char *note;
    enum sheet__kind kind;
};

static void sheet__table_init(struct sheet__table *t, const struct pdf__doc *d, size_t ncols,
                              const double *widths, int borders)
{
    size_t i;
    double rest = d->w - d->left - d->right;
    memset(t, 0, sizeof(*t));
    t->ncols = ncols;
    t->borders = borders;
    for (i = 0; i < ncols; i++)
        if (widths[i] > 0)
            rest -= widths[i];
    t->x[0] = d->left;
    for (i = 0; i < ncols; i++) {
        t->x[i + 1] = t->x[i] + (widths[i] > 0 ? widths[i] : rest); /* 0: the flexible one */
        t->align[i] = PANGO_ALIGN_LEFT;
    }
}

static size_t sheet__span(const struct sheet__table *t, const struct sheet__row *r, size_t i)
{
    size_t end = i + 1;
    while (end < t->ncols && !r->cells[end])
        end++;
    return end;
}

static const struct rgb *sheet__cell_setup(struct pdf__doc *d, const struct sheet__table *t,
                                           const struct sheet__row *r, size_t i, size_t end)
{
    int font = sheet__style[r->kind].font;
    double size = sheet__style[r->kind].size;
    const struct rgb *ink = sheet__style[r->kind].ink;

    if (i == 0 && r->kind == ROW_INFO) {
        font = F_SANS;
        size = 8.5;
        ink = &C_GREY;
    } else if (i == 0 && r->kind == ROW_CAP) {
        font = F_SANS | F_BOLD;
        ink = &C_DARKRED;
    }
    pdf__setup_note(d, r->cells[i], i == 1 ? r->note : NULL, font, size,
                    t->x[end] - t->x[i] - 2 * SHEET__PAD, t->align[i]);
    return ink;
}

static double sheet__measure(struct pdf__doc *d, const struct sheet__table *t,
                             const struct sheet__row *r)
{
    double h = 0;
    size_t i, end;
    for (i = 0; i < t->ncols; i = end) {
        end = sheet__span(t, r, i);
        if (!r->cells[i])
            continue;
        sheet__cell_setup(d, t, r, i, end);
        if (pdf__height(d) > h)
            h = pdf__height(d);
    }
    return h + 2 * SHEET__PADV;
}

/* Draws a row at d->y without looking at the page's end; returns its height. */
static double sheet__put(struct pdf__doc *d, const struct sheet__table *t,
                         const struct sheet__row *r)
{
    double h = sheet__measure(d, t, r);
    size_t i, end;

    if (sheet__style[r->kind].fill)
        pdf__rect(d, t->x[0], d->y, t->x[t->ncols] - t->x[0], h, sheet__style[r->kind].fill, NULL,
                  0);
    for (i = 0; i < t->ncols; i = end) {
        end = sheet__span(t, r, i);
        if (!r->cells[i])
            continue;
        pdf__show(d, t->x[i] + SHEET__PAD, d->y + SHEET__PADV, sheet__cell_setup(d, t, r, i, end));
        if (t->borders)
            pdf__rect(d, t->x[i], d->y, t->x[end] - t->x[i], h, NULL, &C_RULE, 0.5);
    }
    d->y += h;
    return h;
}

static void sheet__head(struct pdf__doc *d, const struct sheet__table *t)
{
    struct sheet__row r = {{NULL}, NULL, ROW_HEAD};
    memcpy(r.cells, t->head, sizeof(r.cells));
    sheet__put(d, t, &r);
}

/* The running header and footer of every page. */
static void sheet__chrome(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    double w = d->w - d->left - d->right;
    char page[64], *head, *foot;

    if (d->dry)
        return;
    snprintf(page, sizeof(page), "Trang %d/%d · Page %d of %d", d->page, d->npages, d->page,
             d->npages);
    head = g_strconcat(s->title, " · ", s->product_name, " · ",
                       s->member ? s->member : "Tổng hợp / Summary", NULL);
    foot = g_strconcat("Bộ tiêu chí / Criteria set: ", s->criteria_set, " · ", s->ruleset, NULL);
    pdf__setup(d, head, F_SANS, 7.5, w, PANGO_ALIGN_LEFT);
    pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_END); /* the whole text is on page 1 */
    pango_layout_set_single_paragraph_mode(d->layout, TRUE);
    pdf__show(d, d->left, 24, &C_GREY);
    pdf__line(d, d->left, 36, d->w - d->right, 36, 0.8, &C_RED);
    pdf__line(d, d->left, 37.6, d->w - d->right, 37.6, 0.4, &C_GOLD);
    pdf__setup(d, foot, F_SANS, 7, w - 130, PANGO_ALIGN_LEFT);
    pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_single_paragraph_mode(d->layout, TRUE);
    pdf__show(d, d->left, d->h - 32, &C_GREY);
    pdf__line(d, d->left, d->h - 36, d->w - d->right, d->h - 36, 0.4, &C_RULE);
    pdf__text(d, page, F_SANS, 7, d->w - d->right - 130, d->h - 32, 130, PANGO_ALIGN_RIGHT,
              &C_GREY);
    g_free(head);
    g_free(foot);
}

static int sheet__new_page(struct pdf__doc *d)
{
    if (d->page >= PDF__MAX_PAGES)
        return ocop_error_set(OCOP_ETOOBIG, "the sheet would be over %d pages", PDF__MAX_PAGES);
    if (d->page > 0 && !d->dry)
        cairo_show_page(d->cr);
    d->page++;
    sheet__chrome(d);
    d->y = d->top;
    if (d->table && d->table->head[0])
        sheet__head(d, d->table);
    d->body_top = d->y;
    return 0;
}

/* Starts a new page unless h more points fit on this one (or this one is still empty). */
static int sheet__need(struct pdf__doc *d, double h)
{
    if (d->y + h <= d->bottom || d->y <= d->body_top + 0.01)
        return 0;
    return sheet__new_page(d);
}

/*
 * Adds a row, after a page break when it does not fit; `keep` more points must fit
 * after it (a heading stays with what follows). A row taller than a page is refused.
 */
static int sheet__row(struct pdf__doc *d, const struct sheet__table *t, const struct sheet__row *r,
                      double keep)
{
    double h = sheet__measure(d, t, r);
    int rc = sheet__need(d, h + keep);
    if (rc)
        return rc;
    if (d->y + h > d->bottom)
        return ocop_error_set(OCOP_EINVALID, "a text of the sheet is too long for one page");
    sheet__put(d, t, r);
    return 0;
}

static int sheet__table_begin(struct pdf__doc *d, const struct sheet__table *t, double keep)
{
    struct sheet__row r = {{NULL}, NULL, ROW_HEAD};
    int rc;
    memcpy(r.cells, t->head, sizeof(r.cells));
    d->table = NULL;
    rc = sheet__need(d, sheet__measure(d, t, &r) + keep);
    if (!rc) {
        sheet__put(d, t, &r);
        d->table = t;
    }
    return rc;
}

static void sheet__table_end(struct pdf__doc *d, double gap)
{
    d->table = NULL;
    d->y += gap;
}

/* Title and the facts of the evaluation. */
static int sheet__intro(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double wt[] = {0}, wi[] = {170, 0};
    struct sheet__table tt, ti;
    struct sheet__row r = {{NULL}, NULL, ROW_TITLE};
    const char *const info[][2] = {
        {"Sản phẩm / Product", s->product_name},
        {"Chủ thể / Producer", s->producer_name},
        {"Địa chỉ / Place", s->place},
        {"Bộ tiêu chí / Criteria set", s->criteria_set},
        {"Căn cứ / Ruleset", s->ruleset},
        {"Phiên họp hội đồng / Council session", s->session},
        {"Thành viên chấm / Council member", s->member},
    };
    size_t i;
    int rc;

    sheet__table_init(&tt, d, 1, wt, 0);
    tt.align[0] = PANGO_ALIGN_CENTER;
    r.cells[0] = s->title;
    rc = sheet__row(d, &tt, &r, 0);
    if (rc)
        return rc;
    d->y += pdf__text(d,
                      s->member ? "Phiếu chấm điểm của thành viên hội đồng · Council member's "
                                  "score sheet"
                                : "Kết quả tổng hợp của hội đồng · Council summary sheet",
                      F_SANS | F_ITALIC, 9, d->left, d->y, d->w - d->left - d->right,
                      PANGO_ALIGN_CENTER, &C_GREY) +
            10;
    sheet__table_init(&ti, d, 2, wi, 0);
    for (i = 0; i < sizeof(info) / sizeof(info[0]); i++) {
        struct sheet__row ri = {{info[i][0], info[i][1]}, NULL, ROW_INFO};
        if (!info[i][1] || !*info[i][1])
            continue;
        rc = sheet__row(d, &ti, &ri, 0);
        if (rc)
            return rc;
    }
    pdf__line(d, d->left, d->y + 6, d->w - d->right, d->y + 6, 0.6, &C_GOLD);
    d->y += 16;
    return 0;
}

/* The summary's table of members' totals and their average. */
static int sheet__members(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double w[] = {44, 0, 90};
    struct sheet__table t;
    char no[24], total[32];
    size_t i;
    int rc;

    sheet__table_init(&t, d, 3, w, 1);
    t.align[0] = t.align[2] = PANGO_ALIGN_CENTER;
    t.head[0] = "STT / No.";
    t.head[1] = "Thành viên hội đồng / Council member";
    t.head[2] = "Tổng điểm / Total";
    rc = sheet__table_begin(d, &t, 20);
    for (i = 0; !rc && i < s->nmembers; i++) {
        struct sheet__row r = {{no, s->member_names[i], total}, NULL, ROW_PLAIN};
        snprintf(no, sizeof(no), "%zu", i + 1);
        pdf__num(total, sizeof(total), s->member_totals[i]);
        rc = sheet__row(d, &t, &r, 0);
    }
    if (!rc) {
        struct sheet__row r = {{"", "Điểm trung bình / Average", total}, NULL, ROW_TOTAL};
        pdf__num(total, sizeof(total), s->total);
        rc = sheet__row(d, &t, &r, 0);
    }
    sheet__table_end(d, 14);
    return rc;
}

/* Row cells laid out for the criteria table: code, text (over the option column when
 * there is no option), the option (a member's sheet), points. */
static void sheet__cells(struct sheet__row *r, const struct sheet__table *t, const char *code,
                         const char *text, const char *option, const char *points)
{
    size_t last = t->ncols - 1;
    memset(r->cells, 0, sizeof(r->cells));
    r->cells[0] = code;
    r->cells[1] = text;
    if (t->ncols == 4)
        r->cells[2] = option;
    r->cells[last] = points;
}

static int sheet__section(struct pdf__doc *d, const struct sheet__table *t,
                          const struct ocop_pdf_section *sec)
{
    char pts[64], num[32];
    double sum = 0;
    struct sheet__row r = {{NULL}, NULL, ROW_SECTION};
    size_t k;
    int rc;

    for (k = 0; k < sec->ncriteria; k++)
        sum += sec->criteria[k].points;
    pdf__num(num, sizeof(num), sum);
    snprintf(pts, sizeof(pts), "%s / %d", num, sec->max);
    sheet__cells(&r, t, sec->code, sec->name, NULL, pts);
    rc = sheet__row(d, t, &r, 24);
    for (k = 0; !rc && k < sec->ncriteria; k++) {
        const struct ocop_pdf_criterion *c = &sec->criteria[k];
        struct sheet__row rc_row = {{NULL}, c->illustrative ? ILLUSTRATIVE : NULL, ROW_PLAIN};
        pdf__num(num, sizeof(num), c->points);
        snprintf(pts, sizeof(pts), "%s / %d", num, c->max);
        sheet__cells(&rc_row, t, c->code, c->text,
                     c->option_text && *c->option_text ? c->option_text : "—", pts);
        rc = sheet__row(d, t, &rc_row, 0);
    }
    return rc;
}

static int sheet__part(struct pdf__doc *d, const struct sheet__table *t,
                       const struct ocop_pdf_part *p)
{
    char *head = g_strdup_printf("PHẦN %s · %s (tối đa %d điểm / max %d points)", p->code, p->name,
                                 p->max, p->max);
    char *sub = g_strdup_printf("Cộng phần %s / Part %s subtotal", p->code, p->code);
    char pts[64], num[32];
    struct sheet__row r = {{NULL}, NULL, ROW_PART};
    size_t j;
    int rc;

    sheet__cells(&r, t, p->code, head, NULL, "");
    rc = sheet__row(d, t, &r, 48);
    for (j = 0; !rc && j < p->nsections; j++)
        rc = sheet__section(d, t, &p->sections[j]);
    if (!rc) {
        pdf__num(num, sizeof(num), p->points);
        snprintf(pts, sizeof(pts), "%s / %d", num, p->max);
        r.kind = ROW_SUBTOTAL;
        sheet__cells(&r, t, "", sub, NULL, pts);
        rc = sheet__row(d, t, &r, 0);
    }
    g_free(head);
    g_free(sub);
    return rc;
}

static int sheet__criteria(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double wm[] = {40, 0, 150, 62}, ws[] = {40, 0, 84};
    struct sheet__table t;
    struct sheet__row r = {{NULL}, NULL, ROW_TOTAL};
    char pts[64], num[32];
    size_t i;
    int max = 0, rc;

    if (s->member)
        sheet__table_init(&t, d, 4, wm, 1);
    else
        sheet__table_init(&t, d, 3, ws, 1);
    t.align[t.ncols - 1] = PANGO_ALIGN_CENTER;
    t.head[0] = "Mã / Code";
    t.head[1] = "Tiêu chí / Criterion";
    if (s->member)
        t.head[2] = "Mức đạt / Option chosen";
    t.head[t.ncols - 1] = s->member ? "Điểm / Points" : "Điểm TB / Average";
    rc = sheet__table_begin(d, &t, 60);
    for (i = 0; !rc && i < s->nparts; i++) {
        rc = sheet__part(d, &t, &s->parts[i]);
        max += s->parts[i].max;
    }
    if (!rc) {
        pdf__num(num, sizeof(num), s->total);
        snprintf(pts, sizeof(pts), "%s / %d", num, max);
        sheet__cells(&r, &t, "", "TỔNG ĐIỂM / TOTAL SCORE", NULL, pts);
        rc = sheet__row(d, &t, &r, 0);
    }
    sheet__table_end(d, 14);
    return rc;
}

/* Stars (or "not yet classified"), then the cap note. */
static int sheet__result(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    static const double w[] = {150, 0};
    char text[48];
    double x = d->left;
    int rc = sheet__need(d, 30);

    if (rc)
        return rc;
    pdf__text(d, "Xếp hạng / Classification:", F_SANS | F_BOLD, 10, x, d->y + 3, -1,
              PANGO_ALIGN_LEFT, &C_INK);
    x += pdf__width(d) + 10;
    if (s->stars > 0) {
        x += pdf__stars(d, s->stars, x, d->y + 10.5, 8) + 8;
        snprintf(text, sizeof(text), "%d sao / %d stars", s->stars, s->stars);
        pdf__text(d, text, F_SANS | F_BOLD, 11, x, d->y + 2, -1, PANGO_ALIGN_LEFT, &C_DARKRED);
    } else {
        pdf__text(d, "Chưa xếp hạng / not yet classified", F_SANS | F_ITALIC, 10, x, d->y + 3, -1,
                  PANGO_ALIGN_LEFT, &C_GREY);
    }
    d->y += 28;
    if (s->cap_note && *s->cap_note) {
        struct sheet__table t;
        struct sheet__row r = {{"Giới hạn hạng sao / Star cap", s->cap_note}, NULL, ROW_CAP};
        sheet__table_init(&t, d, 2, w, 1);
        rc = sheet__row(d, &t, &r, 0);
        d->y += 10;
    }
    return rc;
}

/* Signature blocks: the member (score sheet), or the secretary and the chair (summary). */
static int sheet__signatures(struct pdf__doc *d)
{
    const struct ocop_pdf_sheet *s = d->sheet;
    double cw = (d->w - d->left - d->right) / 2, h = 0, y;
    int rc, i;

    if (s->member) {
        pdf__setup(d, s->member, F_SANS | F_BOLD, 10, cw, PANGO_ALIGN_CENTER);
        h = pdf__height(d);
    }
    rc = sheet__need(d, 96 + h);
    if (rc)
        return rc;
    if (d->y + 96 + h > d->bottom)
        return ocop_error_set_field(OCOP_EINVALID, "member", "member is too long for the sheet");
    y = d->y + 14;
    for (i = s->member ? 1 : 0; i < 2; i++) {
        const char *who = s->member ? "THÀNH VIÊN HỘI ĐỒNG / COUNCIL MEMBER"
                          : i == 0  ? "THƯ KÝ HỘI ĐỒNG / SECRETARY"
                                    : "CHỦ TỊCH HỘI ĐỒNG / CHAIR";
        double x = d->left + i * cw;
        double yy = y + pdf__text(d, who, F_SANS | F_BOLD, 9, x, y, cw, PANGO_ALIGN_CENTER, &C_INK);
        pdf__text(d, "(Ký, ghi rõ họ tên / signature and full name)", F_SANS | F_ITALIC, 7.5, x, yy,
                  cw, PANGO_ALIGN_CENTER, &C_GREY);
        if (s->member)
            pdf__text(d, s->member, F_SANS | F_BOLD, 10, x, y + 80, cw, PANGO_ALIGN_CENTER, &C_INK);
    }
    d->y += 96 + h;
    return 0;
}

/* The whole sheet; run once dry (to count pages), once for real. */
static int sheet__body(struct pdf__doc *d)
{
    int rc = sheet__new_page(d);
    if (!rc)
        rc = sheet__intro(d);
    if (!rc && !d->sheet->member && d->sheet->nmembers > 0)
        rc = sheet__members(d);
    if (!rc)
        rc = sheet__criteria(d);
    if (!rc)
        rc = sheet__result(d);
    if (!rc)
        rc = sheet__signatures(d);
    return rc;
}

/* Adds n rows to the count of a sheet's rows, refusing sheets of absurd size. */
static int sheet__count(size_t *items, size_t n)
{
    if (n > PDF__MAX_ITEMS - *items)
        return ocop_error_set_field(OCOP_ETOOBIG, "parts", "the sheet has too many rows");
    *items += n;
    return 0;
}

static int sheet__check_criteria(const struct ocop_pdf_section *sec, size_t i, size_t j,
                                 size_t *items)
{
    char f[112];
    size_t k;
    int rc = 0;

    snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria", i, j);
    if (sec->ncriteria && !sec->criteria)
        return ocop_error_set_field(OCOP_EINVALID, f, "%s is missing", f);
    rc = sheet__count(items, sec->ncriteria);
    for (k = 0; !rc && k < sec->ncriteria; k++) {
        const struct ocop_pdf_criterion *c = &sec->criteria[k];
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].code", i, j, k);
        rc = pdf__check(c->code, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].text", i, j, k);
        if (!rc)
            rc = pdf__check(c->text, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].option", i, j, k);
        if (!rc)
            rc = pdf__check(c->option_text, f, 0);
        snprintf(f, sizeof(f), "parts[%zu].sections[%zu].criteria[%zu].points", i, j, k);
        if (!rc && (c->max < 0 || c->max > 1000))
            rc = ocop_error_set_field(OCOP_EINVALID, f, "a criterion's maximum is out of range");
        if (!rc)
            rc = pdf__check_points(c->points, c->max, f);
    }
    return rc;
}

static int sheet__check_parts(const struct ocop_pdf_sheet *s, int *max)
{
    char f[112];
    size_t i, j, items = 0;
    int rc = 0;

    if (!s->parts || !s->nparts)
        return ocop_error_set_field(OCOP_EINVALID, "parts", "the sheet has no parts");
    *max = 0;
    rc = sheet__count(&items, s->nparts);
    for (i = 0; !rc && i < s->nparts; i++) {
        const struct ocop_pdf_part *p = &s->parts[i];
        snprintf(f, sizeof(f), "parts[%zu].code", i);
        rc = pdf__check(p->code, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].name", i);
        if (!rc)
            rc = pdf__check(p->name, f, 1);
        snprintf(f, sizeof(f), "parts[%zu].max", i);
        if (!rc && (p->max <= 0 || p->max > 1000))
            rc = ocop_error_set_field(OCOP_EINVALID, f, "a part's maximum is out of range");
        snprintf(f, sizeof(f), "parts[%zu].points", i);
        if (!rc)
            rc = pdf__check_points(p->points, p->max, f);
        if (!rc && p->nsections && !p->sections) {
            snprintf(f, sizeof(f), "parts[%zu].sections", i);
            rc = ocop_error_set_field(OCOP_EINVALID, f, "%s is missing", f);
        }
        if (!rc)
            rc = sheet__count(&items, p->nsections);
        for (j = 0; !rc && j < p->nsections; j++) {
            const struct ocop_pdf_section *sec = &p->sections[j];
            snprintf(f, sizeof(f), "parts[%zu].sections[%zu].code", i, j);
            rc = pdf__check(sec->code, f, 1);
            snprintf(f, sizeof(f), "parts[%zu].sections[%zu].name", i, j);
            if (!rc)
                rc = pdf__check(sec->name, f, 1);
            snprintf(f, sizeof(f), "parts[%zu].sections[%zu].max", i, j);
            if (!rc && (sec->max < 0 || sec->max > 1000))
                rc = ocop_error_set_field(OCOP_EINVALID, f, "a section's maximum is out of range");
            if (!rc)
                rc = sheet__check_criteria(sec, i, j, &items);
        }
        *max += p->max;
    }
    return rc;
}

static int sheet__check(const struct ocop_pdf_sheet *s)
{
    char f[64];
    size_t i;
    int max = 0, rc;

    if (!s)
        return ocop_error_set(OCOP_EINVALID, "no sheet");
    rc = pdf__check(s->title, "title", 1);
    if (!rc)
        rc = pdf__check(s->product_name, "product_name", 1);
    if (!rc)
        rc = pdf__check(s->producer_name, "producer_name", 1);
    if (!rc)
        rc = pdf__check(s->criteria_set, "criteria_set", 1);
    if (!rc)
        rc = pdf__check(s->ruleset, "ruleset", 1);
    if (!rc)
        rc = pdf__check(s->place, "place", 0);
    if (!rc)
        rc = pdf__check(s->session, "session", 0);
    if (!rc)
        rc = pdf__check(s->member, "member", 0);
    if (!rc)
        rc = pdf__check(s->cap_note, "cap_note", 0);
    if (!rc)
        rc = sheet__check_parts(s, &max);
    if (!rc)
        rc = pdf__check_points(s->total, max, "total");
    if (!rc && (s->stars < 0 || s->stars > 5))
        rc = ocop_error_set_field(OCOP_EINVALID, "stars", "stars must be 0 to 5");
    if (rc || s->member || !s->nmembers)
        return rc;
    if (!s->member_names || !s->member_totals || s->nmembers > PDF__MAX_ITEMS)
        return ocop_error_set_field(OCOP_EINVALID, "members", "the members' totals are missing");
    for (i = 0; !rc && i < s->nmembers; i++) {
        snprintf(f, sizeof(f), "member_names[%zu]", i);
        rc = pdf__check(s->member_names[i], f, 1);
        snprintf(f, sizeof(f), "member_totals[%zu]", i);
        if (!rc)
            rc = pdf__check_points(s->member_totals[i], max, f);
    }
    return rc;
}

int ocop_pdf_sheet(char **out, size_t *len, const struct ocop_pdf_sheet *s)
{
    struct pdf__doc d;
    char *title = NULL;
    int rc;

    *out = NULL;
    *len = 0;
    rc = sheet__check(s);
    if (rc)
        return rc;
    title = g_strconcat(s->title, " – ", s->product_name, NULL);
    rc = pdf__open(&d, PDF__A4_W, PDF__A4_H, title);
    if (rc)
        goto done;
    d.sheet = s;
    d.left = d.right = 42;
    d.top = 50;
    d.bottom = d.h - 46;
    d.dry = 1;
    rc = sheet__body(&d);
    if (!rc) {
        d.npages = d.page;
        d.page = 0;
        d.dry = 0;
        d.table = NULL;
        rc = sheet__body(&d);
    }
    if (!rc)
        cairo_show_page(d.cr);
done:
    rc = pdf__close(&d, out, len, rc);
    g_free(title);
    return rc;
}
