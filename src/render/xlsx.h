/*
 * xlsx.h: plain tables (a caption, typed columns, rows of cells) and their exports:
 * CSV (RFC 4180, UTF-8 with a byte order mark so Excel reads Vietnamese) and XLSX
 * (libxlsxwriter). The dashboard shows each table beside its chart and offers both.
 * Errors follow core/error.h.
 */
#ifndef OCOP_RENDER_XLSX_H
#define OCOP_RENDER_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define OCOP_TABLE_MAX_COLS 8

struct ocop_table_col {
    const char *title; /* a literal (not copied) */
    int numeric;       /* 1: cells are whole numbers (right-aligned, typed in XLSX) */
};

/* One cell: `text` (owned, may be NULL) for text columns, `num` for numeric ones. */
struct ocop_table_cell {
    char *text;
    long long num;
};

/*
 * A table: the caller owns the struct (ocop_table_init / ocop_table_dispose), the
 * table owns its caption, cells and texts. `link` holds one id per row (a product id
 * for pages to link to, or 0).
 */
struct ocop_table {
    const char *name; /* short ASCII name: the export's file and sheet name (a literal) */
    char *caption;
    int ncols;
    struct ocop_table_col cols[OCOP_TABLE_MAX_COLS];
    size_t nrows, cap;
    struct ocop_table_cell *cells; /* nrows * ncols, row by row */
    int64_t *link;
};

void ocop_table_init(struct ocop_table *t, const char *name);
void ocop_table_dispose(struct ocop_table *t);
/* Sets the caption (copied). */
int ocop_table_caption(struct ocop_table *t, const char *caption);
/* Appends a column (before any row); OCOP_EINVALID past OCOP_TABLE_MAX_COLS. */
int ocop_table_col(struct ocop_table *t, const char *title, int numeric);
/* Appends an empty row; *row receives its index. */
int ocop_table_row(struct ocop_table *t, size_t *row);
/* Sets a text cell (copied; NULL for empty) or a number cell of row `r`, column `c`. */
int ocop_table_text(struct ocop_table *t, size_t r, int c, const char *s);
void ocop_table_num(struct ocop_table *t, size_t r, int c, long long v);
/* The cell at (r, c); both must be in range. */
const struct ocop_table_cell *ocop_table_at(const struct ocop_table *t, size_t r, int c);

/*
 * Appends the table as CSV to `out`: a UTF-8 byte order mark, a header row of the
 * column titles, then the rows; CRLF line ends; fields quoted when they hold a comma,
 * a quote, CR or LF (quotes doubled). A text cell starting with = + - @ or a tab gets
 * a leading apostrophe, so spreadsheets never run it as a formula.
 */
int ocop_table_csv(struct ocop_buf *out, const struct ocop_table *t);

/*
 * Writes the table as an XLSX workbook of one sheet to `path` (created or replaced):
 * the caption in the first row, bold column titles, typed numbers, frozen header.
 */
int ocop_table_xlsx(const char *path, const struct ocop_table *t);

#endif
