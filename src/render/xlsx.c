/* xlsx.c: plain tables and their CSV and XLSX exports (libxlsxwriter). */
#include "render/xlsx.h"
#include "core/error.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define TABLE_MAX_ROWS 10000000u

void ocop_table_init(struct ocop_table *t, const char *name)
{
    memset(t, 0, sizeof(*t));
    t->name = name;
}

void ocop_table_dispose(struct ocop_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->cells && i < t->nrows * (size_t)t->ncols; i++)
        free(t->cells[i].text);
    free(t->cells);
    free(t->link);
    free(t->caption);
    memset(t, 0, sizeof(*t));
}

int ocop_table_caption(struct ocop_table *t, const char *caption)
{
    char *c = strdup(caption ? caption : "");
    if (!c)
        return ocop_error_set(OCOP_ERROR, "out of memory");
    free(t->caption);
    t->caption = c;
    return 0;
}

int ocop_table_col(struct ocop_table *t, const char *title, int numeric)
{
    if (t->ncols >= OCOP_TABLE_MAX_COLS || t->nrows)
        return ocop_error_set(OCOP_EINVALID, "a table has at most %d columns, set before rows",
                              OCOP_TABLE_MAX_COLS);
    t->cols[t->ncols].title = title;
    t->cols[t->ncols].numeric = numeric;
    t->ncols++;
    return 0;
}

int ocop_table_row(struct ocop_table *t, size_t *row)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct ocop_table_cell *cells;
        int64_t *link;
        if (cap > TABLE_MAX_ROWS || t->ncols == 0)
            return ocop_error_set(OCOP_ETOOBIG, "the table is too large");
        cells = realloc(t->cells, cap * (size_t)t->ncols * sizeof(*cells));
        if (!cells)
            return ocop_error_set(OCOP_ERROR, "out of memory");
        t->cells = cells;
        link = realloc(t->link, cap * sizeof(*link));
        if (!link)
            return ocop_error_set(OCOP_ERROR, "out of memory");
        t->link = link;
        t->cap = cap;
    }
    memset(&t->cells[t->nrows * (size_t)t->ncols], 0, (size_t)t->ncols * sizeof(*t->cells));
    t->link[t->nrows] = 0;
    *row = t->nrows++;
    return 0;
}

int ocop_table_text(struct ocop_table *t, size_t r, int c, const char *s)
{
    struct ocop_table_cell *cell = &t->cells[r * (size_t)t->ncols + (size_t)c];
    char *copy = NULL;
    if (s && !(copy = strdup(s)))
        return ocop_error_set(OCOP_ERROR, "out of memory");
    free(cell->text);
    cell->text = copy;
    return 0;
}

void ocop_table_num(struct ocop_table *t, size_t r, int c, long long v)
{
    t->cells[r * (size_t)t->ncols + (size_t)c].num = v;
}

const struct ocop_table_cell *ocop_table_at(const struct ocop_table *t, size_t r, int c)
{
    return &t->cells[r * (size_t)t->ncols + (size_t)c];
}

/* ------------------------------------------------------------------- CSV */

static int csv__field(struct ocop_buf *out, const char *s)
{
    int quote, rc = 0;
    if (!s || !*s)
        return 0;
    quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        rc = ocop_buf_puts(out, "\"");
    if (rc == 0 && strchr("=+-@\t", s[0])) /* never a formula in a spreadsheet */
        rc = ocop_buf_puts(out, "'");
    for (const char *p = s; rc == 0 && *p; p++)
        rc = *p == '"' ? ocop_buf_puts(out, "\"\"") : ocop_buf_put(out, p, 1);
    if (rc == 0 && quote)
        rc = ocop_buf_puts(out, "\"");
    return rc;
}

int ocop_table_csv(struct ocop_buf *out, const struct ocop_table *t)
{
    int rc = ocop_buf_puts(out, "\xEF\xBB\xBF");
    for (int c = 0; rc == 0 && c < t->ncols; c++) {
        if (c && (rc = ocop_buf_puts(out, ",")) != 0)
            break;
        rc = csv__field(out, t->cols[c].title);
    }
    if (rc == 0)
        rc = ocop_buf_puts(out, "\r\n");
    for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
        for (int c = 0; rc == 0 && c < t->ncols; c++) {
            const struct ocop_table_cell *cell = ocop_table_at(t, r, c);
            if (c && (rc = ocop_buf_puts(out, ",")) != 0)
                break;
            rc = t->cols[c].numeric ? ocop_buf_printf(out, "%lld", cell->num)
                                    : csv__field(out, cell->text);
        }
        if (rc == 0)
            rc = ocop_buf_puts(out, "\r\n");
    }
    return rc;
}

/* ------------------------------------------------------------------ XLSX */

/* Column widths from the longest text (in characters, roughly), within bounds. */
static double xlsx__width(const struct ocop_table *t, int c)
{
    size_t w = strlen(t->cols[c].title);
    for (size_t r = 0; r < t->nrows && r < 2000; r++) {
        const struct ocop_table_cell *cell = ocop_table_at(t, r, c);
        size_t n = 0;
        if (t->cols[c].numeric) {
            n = 12;
        } else if (cell->text) {
            for (const unsigned char *p = (const unsigned char *)cell->text; *p; p++)
                n += (*p & 0xC0) != 0x80; /* characters, not bytes */
        }
        w = n > w ? n : w;
    }
    return w < 8 ? 8 : w > 60 ? 60 : (double)w + 2;
}

int ocop_table_xlsx(const char *path, const struct ocop_table *t)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws;
    lxw_format *bold, *head;
    lxw_error err = LXW_NO_ERROR;
    lxw_row_t row = 2;

    if (!wb)
        return ocop_error_set(OCOP_ERROR, "cannot create the spreadsheet");
    ws = workbook_add_worksheet(wb, t->name);
    bold = workbook_add_format(wb);
    head = workbook_add_format(wb);
    if (!ws || !bold || !head) {
        workbook_close(wb);
        return ocop_error_set(OCOP_ERROR, "cannot create the spreadsheet");
    }
    format_set_bold(bold);
    format_set_font_size(bold, 13);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    if (t->caption)
        err = worksheet_write_string(ws, 0, 0, t->caption, bold);
    for (int c = 0; err == LXW_NO_ERROR && c < t->ncols; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, xlsx__width(t, c), NULL);
        err = worksheet_write_string(ws, 1, (lxw_col_t)c, t->cols[c].title, head);
    }
    for (size_t r = 0; err == LXW_NO_ERROR && r < t->nrows && row < LXW_ROW_MAX; r++, row++) {
        for (int c = 0; err == LXW_NO_ERROR && c < t->ncols; c++) {
            const struct ocop_table_cell *cell = ocop_table_at(t, r, c);
            if (t->cols[c].numeric)
                err = worksheet_write_number(ws, row, (lxw_col_t)c, (double)cell->num, NULL);
            else if (cell->text)
                err = worksheet_write_string(ws, row, (lxw_col_t)c, cell->text, NULL);
        }
    }
    if (err == LXW_NO_ERROR)
        worksheet_freeze_panes(ws, 2, 0);
    if (workbook_close(wb) != LXW_NO_ERROR || err != LXW_NO_ERROR)
        return ocop_error_set(OCOP_ERROR, "cannot write the spreadsheet");
    return 0;
}
