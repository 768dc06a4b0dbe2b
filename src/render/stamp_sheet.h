/*
 * stamp_sheet.h: print-ready A4 sheets of OCOP stamps, streamed to a file: a grid of
 * QR codes, each with the product's short name, its stars and the serial under it.
 * Pages are written as they fill, so memory does not grow with the batch.
 */
#ifndef OCOP_RENDER_STAMP_SHEET_H
#define OCOP_RENDER_STAMP_SHEET_H

struct ocop_stamp_sheet;

/* Opens `path` for writing. The label and stars are the same on every stamp. */
int ocop_stamp_sheet_open(struct ocop_stamp_sheet **out, const char *path, const char *label,
                          int stars);
/* Adds one stamp: its QR content and the serial printed under it. */
int ocop_stamp_sheet_add(struct ocop_stamp_sheet *s, const char *uri, const char *serial);
struct ocop_qr;
/* Adds one stamp whose QR is already encoded (encode many in parallel, draw in order). */
int ocop_stamp_sheet_add_qr(struct ocop_stamp_sheet *s, const struct ocop_qr *qr,
                            const char *serial);
/* Finishes the file and frees everything; returns the first error met, if any. */
int ocop_stamp_sheet_close(struct ocop_stamp_sheet *s);

#endif
