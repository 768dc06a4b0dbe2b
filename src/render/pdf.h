/*
 * pdf.h: PDF documents of the evaluation (cairo + pango, a font with full Vietnamese
 * coverage): a council member's score sheet, the council's summary sheet and the OCOP
 * certificate with a QR code. Plain structs in, PDF bytes out; no database.
 * Each function writes a new malloc'd buffer to *out (*len bytes) that the caller frees.
 * Errors follow core/error.h (OCOP_EINVALID for missing fields, -1 for cairo failures).
 */
#ifndef OCOP_RENDER_PDF_H
#define OCOP_RENDER_PDF_H

#include <stddef.h>

struct ocop_pdf_certificate {
    const char *number;          /* certificate number */
    const char *decision_number; /* "1234/QĐ-UBND" */
    const char *decision_date;   /* YYYY-MM-DD */
    const char *issuer;          /* "Ủy ban nhân dân Thành phố Hà Nội" */
    const char *issuing_level;   /* "province" | "central" */
    const char *product_name;
    const char *group_name;      /* criteria-set group, Vietnamese */
    const char *producer_name;
    const char *place;           /* "Xã Bát Tràng, Thành phố Hà Nội" */
    const char *ruleset;         /* "148/QĐ-TTg" */
    const char *valid_from;      /* YYYY-MM-DD */
    const char *valid_until;     /* YYYY-MM-DD */
    const char *public_url;      /* encoded in the QR code */
    int stars;                   /* 3..5 */
    double score;                /* < 0: not shown */
};

struct ocop_pdf_criterion {
    const char *code, *text;
    int max;
    double points;               /* chosen points (a member's sheet) or the average (summary) */
    const char *option_text;     /* the chosen option (a member's sheet), or NULL */
    int illustrative;            /* the wording is not the official annex's: say so */
};

struct ocop_pdf_section {
    const char *code, *name;
    int max;
    const struct ocop_pdf_criterion *criteria;
    size_t ncriteria;
};

struct ocop_pdf_part {
    const char *code, *name;     /* "A", "Sản phẩm và sức mạnh cộng đồng" */
    int max;
    double points;
    const struct ocop_pdf_section *sections;
    size_t nsections;
};

/* A member's score sheet, or (with members) the council's summary sheet. */
struct ocop_pdf_sheet {
    const char *title;           /* "Phiếu chấm điểm" / "Bảng tổng hợp kết quả" */
    const char *product_name, *producer_name, *place;
    const char *criteria_set;    /* name of the criteria set */
    const char *ruleset;
    const char *session;         /* council session name and date */
    const char *member;          /* the member (score sheet), NULL on a summary */
    const struct ocop_pdf_part *parts;
    size_t nparts;
    double total;
    int stars;                   /* 0 when not yet classified */
    const char *cap_note;        /* why stars were capped (required criteria), or NULL */
    /* summary only: each member's total, in order */
    const char *const *member_names;
    const double *member_totals;
    size_t nmembers;
};

int ocop_pdf_certificate(char **out, size_t *len, const struct ocop_pdf_certificate *c);
int ocop_pdf_sheet(char **out, size_t *len, const struct ocop_pdf_sheet *s);

#endif
