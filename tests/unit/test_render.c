/*
 * test_render.c: unit tests of src/render (PDF certificate and score sheets, QR codes).
 * The documents are read back with poppler-utils (pdftotext, pdfinfo, pdftoppm) and the
 * QR codes decoded with zbarimg (zbar-tools); a missing tool fails the test.
 * OCOP_TEST_KEEP=dir keeps the rendered files there for a look.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/buf.h"
#include "core/error.h"
#include "render/pdf.h"
#include "render/qr.h"

#define URL "https://ocop.example.vn/c/015-2024?q=Gốm%20sứ"

/* ---- helpers ---- */

/*
 * Under LeakSanitizer: fontconfig leaks a few hundred bytes while parsing its own
 * configuration files (libexpat callbacks), whatever the caller does. Ignored here so
 * that no environment variable is needed; every other leak still fails the run.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static void need_tool(const char *name)
{
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
    if (system(cmd) != 0)
        fail_msg("%s is not installed (apt-get install poppler-utils zbar-tools)", name);
}

/* Writes bytes to a new temporary file (or into $OCOP_TEST_KEEP); returns its path. */
static char *save(const char *data, size_t len, const char *name)
{
    const char *keep = getenv("OCOP_TEST_KEEP");
    char *path = malloc(512);
    FILE *f;
    assert_non_null(path);
    if (keep && *keep) {
        snprintf(path, 512, "%s/%s", keep, name);
    } else {
        int fd;
        snprintf(path, 512, "/tmp/ocop-test-XXXXXX-%s", name);
        fd = mkstemps(path, (int)strlen(name) + 1);
        assert_true(fd >= 0);
        close(fd);
    }
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static void discard(char *path)
{
    const char *keep = getenv("OCOP_TEST_KEEP");
    if (!keep || !*keep)
        unlink(path);
    free(path);
}

/* Runs a shell command; returns its standard output (the caller frees it). */
static char *run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *run(const char *fmt, ...)
{
    char cmd[2048], chunk[4096];
    struct ocop_buf out;
    va_list ap;
    FILE *p;
    size_t n;
    int st;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    ocop_buf_init(&out, (size_t)64 << 20);
    p = popen(cmd, "r");
    assert_non_null(p);
    while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
        assert_int_equal(ocop_buf_put(&out, chunk, n), 0);
    st = pclose(p);
    if (st != 0)
        fail_msg("command failed (%d): %s", st, cmd);
    return ocop_buf_detach(&out, &n);
}

static void assert_has(const char *text, const char *want)
{
    assert_non_null(text);
    if (!strstr(text, want))
        fail_msg("missing \"%s\" in:\n%s", want, text ? text : "");
}

static int count_of(const char *text, const char *want)
{
    int n = 0;
    for (const char *p = strstr(text, want); p; p = strstr(p + 1, want))
        n++;
    return n;
}

/* ---- fixtures ---- */

static struct ocop_pdf_certificate certificate(void)
{
    struct ocop_pdf_certificate c = {
        .number = "015/2024/GCN-OCOP",
        .decision_number = "1234/QĐ-UBND",
        .decision_date = "2024-05-15",
        .issuer = "Ủy ban nhân dân Thành phố Hà Nội",
        .issuing_level = "province",
        .product_name = "Gốm sứ Bát Tràng",
        .group_name = "Đồ gia dụng, trang trí",
        .producer_name = "Hợp tác xã Gốm sứ Bát Tràng",
        .place = "Xã Bát Tràng, Thành phố Hà Nội",
        .ruleset = "148/QĐ-TTg",
        .valid_from = "2024-05-15",
        .valid_until = "2027-05-14",
        .public_url = URL,
        .stars = 4,
        .score = 78.5,
    };
    return c;
}

#define NPARTS 3
#define NSECTIONS 4
#define NCRIT 9

/* A long sheet: 3 parts of 4 sections of 9 criteria with wrapped Vietnamese text. */
struct sheet_fixture {
    struct ocop_pdf_criterion crit[NPARTS][NSECTIONS][NCRIT];
    struct ocop_pdf_section sec[NPARTS][NSECTIONS];
    struct ocop_pdf_part part[NPARTS];
    char codes[NPARTS][NSECTIONS][NCRIT][16], scodes[NPARTS][NSECTIONS][8];
    struct ocop_pdf_sheet sheet;
};

static const char *const names[] = {"Tổng Văn Đức", "Nguyễn Thị Hằng", "Phạm Quốc Việt",
                                    "Lê Thị Ngọc Ánh", "Đặng Hữu Trọng"};
static const double totals[] = {80, 77.5, 79, 78, 78};

static void sheet_fixture(struct sheet_fixture *f, int member)
{
    static const char *const pcode[] = {"A", "B", "C"};
    static const char *const pname[] = {"Sản phẩm và sức mạnh cộng đồng", "Khả năng tiếp thị",
                                        "Chất lượng sản phẩm"};
    static const int pmax[] = {40, 25, 35};
    static const double ppts[] = {32, 19.5, 27};
    size_t i, j, k;

    memset(f, 0, sizeof(*f));
    for (i = 0; i < NPARTS; i++) {
        for (j = 0; j < NSECTIONS; j++) {
            for (k = 0; k < NCRIT; k++) {
                struct ocop_pdf_criterion *c = &f->crit[i][j][k];
                snprintf(f->codes[i][j][k], 16, "%s.%zu.%zu", pcode[i], j + 1, k + 1);
                c->code = f->codes[i][j][k];
                c->text = (k % 3 == 0)
                              ? "Tổ chức sản xuất: liên kết chuỗi giá trị giữa hợp tác xã, tổ hợp "
                                "tác và các hộ sản xuất trong vùng nguyên liệu ổn định, có hợp "
                                "đồng bao tiêu sản phẩm và chia sẻ lợi ích rõ ràng đến người dân"
                              : "Sử dụng nguyên liệu địa phương";
                c->max = 1;
                c->points = (k % 2) ? 0.5 : 1;
                c->option_text = member ? "Có hợp đồng liên kết, thời hạn trên 3 năm, đã thực "
                                          "hiện ổn định"
                                        : NULL;
                c->illustrative = (k == 4);
            }
            snprintf(f->scodes[i][j], 8, "%s.%zu", pcode[i], j + 1);
            f->sec[i][j].code = f->scodes[i][j];
            f->sec[i][j].name = "Nguồn nguyên liệu, gia tăng giá trị và năng lực sản xuất";
            f->sec[i][j].max = NCRIT;
            f->sec[i][j].criteria = f->crit[i][j];
            f->sec[i][j].ncriteria = NCRIT;
        }
        f->part[i].code = pcode[i];
        f->part[i].name = pname[i];
        f->part[i].max = pmax[i];
        f->part[i].points = ppts[i];
        f->part[i].sections = f->sec[i];
        f->part[i].nsections = NSECTIONS;
    }
    /* the last criterion carries markup-like text and a marker at its very end */
    f->crit[2][3][NCRIT - 1].text = "Kiểm nghiệm <b>&amp;</b> %s %n chỉ tiêu an toàn thực phẩm "
                                    "theo quy chuẩn kỹ thuật quốc gia ĐIỂMCUỐI";
    f->sheet.title = member ? "Phiếu chấm điểm sản phẩm OCOP" : "Bảng tổng hợp kết quả";
    f->sheet.product_name = "Gốm sứ Bát Tràng";
    f->sheet.producer_name = "Hợp tác xã Gốm sứ Bát Tràng";
    f->sheet.place = "Xã Bát Tràng, Thành phố Hà Nội";
    f->sheet.criteria_set = "Đồ gia dụng, trang trí";
    f->sheet.ruleset = "148/QĐ-TTg";
    f->sheet.session = "Hội đồng cấp tỉnh, phiên 2/2024, ngày 10/05/2024";
    f->sheet.member = member ? "Nguyễn Thị Hằng" : NULL;
    f->sheet.parts = f->part;
    f->sheet.nparts = NPARTS;
    f->sheet.total = 78.5;
    f->sheet.stars = 4;
    f->sheet.cap_note = "Tiêu chí bắt buộc C.2.1 đạt: không giới hạn hạng sao";
    if (!member) {
        f->sheet.member_names = names;
        f->sheet.member_totals = totals;
        f->sheet.nmembers = 5;
    }
}

/* ---- the certificate ---- */

static void test_render__certificate_text(void **state)
{
    struct ocop_pdf_certificate c = certificate();
    char *pdf = NULL, *path, *text, *info;
    size_t len = 0;

    need_tool("pdftotext");
    need_tool("pdfinfo");
    assert_int_equal(ocop_pdf_certificate(&pdf, &len, &c), 0);
    assert_non_null(pdf);
    assert_true(len > 1000);
    assert_memory_equal(pdf, "%PDF-", 5);
    path = save(pdf, len, "certificate.pdf");
    text = run("pdftotext -layout -enc UTF-8 '%s' -", path);
    assert_has(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_has(text, "Độc lập - Tự do - Hạnh phúc");
    assert_has(text, "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP");
    assert_has(text, "Gốm sứ Bát Tràng");
    assert_has(text, "4 sao");
    assert_has(text, "015/2024/GCN-OCOP");
    assert_has(text, "1234/QĐ-UBND");
    assert_has(text, "Có giá trị đến: 14/05/2027");
    assert_has(text, "15/05/2024");
    assert_has(text, "2024-05-15");
    assert_has(text, "2027-05-14");
    assert_has(text, "148/QĐ-TTg");
    assert_has(text, "78,5 / 100");
    assert_has(text, "Xã Bát Tràng, Thành phố Hà Nội");
    assert_has(text, "https://ocop.example.vn/c/015-2024");
    info = run("pdfinfo '%s'", path);
    assert_non_null(strstr(info, "Pages:"));
    assert_int_equal(strtol(strstr(info, "Pages:") + 6, NULL, 10), 1);
    assert_has(info, "841.89 x 595.276 pts (A4)"); /* landscape */
    free(info);
    free(text);
    free(pdf);
    discard(path);
}

static void test_render__certificate_qr_decodes(void **state)
{
    struct ocop_pdf_certificate c = certificate();
    char *pdf = NULL, *path, *png, *got;
    size_t len = 0;

    need_tool("pdftoppm");
    need_tool("zbarimg");
    assert_int_equal(ocop_pdf_certificate(&pdf, &len, &c), 0);
    path = save(pdf, len, "certificate-qr.pdf");
    png = malloc(strlen(path) + 8);
    assert_non_null(png);
    snprintf(png, strlen(path) + 8, "%s.png", path);
    free(run("pdftoppm -r 150 -png -singlefile '%s' '%s'", path, path));
    got = run("zbarimg --raw -q '%s' 2>/dev/null", png);
    assert_string_equal(got, URL "\n");
    free(got);
    if (!getenv("OCOP_TEST_KEEP"))
        unlink(png);
    free(png);
    free(pdf);
    discard(path);
}

static void expect_cert_invalid(struct ocop_pdf_certificate c, int code, const char *field)
{
    char *pdf = (char *)1;
    size_t len = 1;
    assert_int_equal(ocop_pdf_certificate(&pdf, &len, &c), code);
    assert_null(pdf);
    assert_int_equal(len, 0);
    if (field)
        assert_string_equal(ocop_error_field(), field);
}

static void test_render__certificate_refuses_bad_input(void **state)
{
    struct ocop_pdf_certificate c;
    static char huge[3000];

#define MISSING(f)                                                                                 \
    c = certificate();                                                                             \
    c.f = NULL;                                                                                    \
    expect_cert_invalid(c, OCOP_EINVALID, #f);                                                     \
    c.f = "";                                                                                      \
    expect_cert_invalid(c, OCOP_EINVALID, #f)
    MISSING(number);
    MISSING(decision_number);
    MISSING(decision_date);
    MISSING(issuer);
    MISSING(issuing_level);
    MISSING(product_name);
    MISSING(group_name);
    MISSING(producer_name);
    MISSING(place);
    MISSING(ruleset);
    MISSING(valid_from);
    MISSING(valid_until);
    MISSING(public_url);
#undef MISSING
    c = certificate();
    c.valid_until = "2027-02-30";
    expect_cert_invalid(c, OCOP_EINVALID, "valid_until");
    c = certificate();
    c.valid_until = "2024-05-14";
    expect_cert_invalid(c, OCOP_EINVALID, "valid_until");
    c = certificate();
    c.stars = 2;
    expect_cert_invalid(c, OCOP_EINVALID, "stars");
    c.stars = 6;
    expect_cert_invalid(c, OCOP_EINVALID, "stars");
    c = certificate();
    c.issuing_level = "district";
    expect_cert_invalid(c, OCOP_EINVALID, "issuing_level");
    c = certificate();
    c.score = 100.5;
    expect_cert_invalid(c, OCOP_EINVALID, "score");
    c = certificate();
    c.public_url = "javascript:alert(1)";
    expect_cert_invalid(c, OCOP_EINVALID, "public_url");
    c.public_url = "https://a.vn/x y";
    expect_cert_invalid(c, OCOP_EINVALID, "public_url");
    c = certificate();
    c.producer_name = "H\xc3\x28";
    expect_cert_invalid(c, OCOP_EMALFORMED, "producer_name");
    /* a name that fits at no size is refused, never clipped */
    memset(huge, 'M', sizeof(huge) - 1);
    c = certificate();
    c.product_name = huge;
    expect_cert_invalid(c, OCOP_EINVALID, "product_name");
    c = certificate();
    c.producer_name = huge;
    expect_cert_invalid(c, OCOP_EINVALID, NULL);
    c = certificate();
    c.number = huge;
    expect_cert_invalid(c, OCOP_EINVALID, "number");
}

static void test_render__certificate_hostile_text(void **state)
{
    struct ocop_pdf_certificate c = certificate();
    char *pdf = NULL, *path, *text;
    size_t len = 0;

    need_tool("pdftotext");
    c.product_name = "Nước mắm <b>cá cơm</b> &amp; %s %n truyền thống Phan Thiết loại đặc biệt "
                     "thượng hạng, đóng chai thủy tinh 500ml, dành cho thị trường xuất khẩu";
    c.producer_name = "Công ty TNHH <span foreground='red'>Nước Mắm</span>\nHồng Phúc";
    c.score = -1; /* not shown */
    c.issuing_level = "central";
    c.stars = 5;
    assert_int_equal(ocop_pdf_certificate(&pdf, &len, &c), 0);
    path = save(pdf, len, "certificate-hostile.pdf");
    text = run("pdftotext -enc UTF-8 '%s' -", path);
    assert_has(text, "<b>cá cơm</b> &amp; %s %n");
    assert_has(text, "Công ty TNHH <span"); /* wrapped after it */
    assert_has(text, "foreground='red'>Nước Mắm</span>");
    assert_has(text, "xuất khẩu"); /* the end of the long name is there */
    assert_has(text, "5 sao");
    assert_has(text, "quốc gia");
    assert_null(strstr(text, "/ 100"));
    free(text);
    free(pdf);
    discard(path);
}

/* ---- score sheets ---- */

/* Checks each page of a paginated sheet: its page number and the repeated headers. */
static int check_pages(const char *path, const char *running)
{
    char *info = run("pdfinfo '%s'", path), *p = strstr(info, "Pages:");
    long pages;
    int i;

    assert_non_null(p);
    pages = strtol(p + 6, NULL, 10);
    free(info);
    for (i = 1; i <= pages; i++) {
        char want[64];
        char *text = run("pdftotext -layout -enc UTF-8 -f %d -l %d '%s' -", i, i, path);
        snprintf(want, sizeof(want), "Trang %d/%ld", i, pages);
        assert_has(text, want);
        assert_has(text, running);
        if (i > 1) /* the criteria table's header row is repeated */
            assert_has(text, "Tiêu chí / Criterion");
        free(text);
    }
    return (int)pages;
}

static void test_render__sheet_member_paginates(void **state)
{
    struct sheet_fixture *f = malloc(sizeof(*f));
    char *pdf = NULL, *path, *text;
    size_t len = 0;
    int pages;

    need_tool("pdftotext");
    need_tool("pdfinfo");
    assert_non_null(f);
    sheet_fixture(f, 1);
    assert_int_equal(ocop_pdf_sheet(&pdf, &len, &f->sheet), 0);
    path = save(pdf, len, "sheet-member.pdf");
    pages = check_pages(path, "Phiếu chấm điểm sản phẩm OCOP · Gốm sứ Bát Tràng");
    /* 108 criteria, a third of them over three lines: several pages */
    assert_in_range(pages, 5, 9);
    text = run("pdftotext -layout -enc UTF-8 '%s' -", path);
    assert_has(text, "Gốm sứ Bát Tràng");
    assert_has(text, "Nguyễn Thị Hằng");
    assert_has(text, "Hội đồng cấp tỉnh, phiên 2/2024");
    assert_has(text, "148/QĐ-TTg");
    assert_has(text, "A.1.1");
    assert_has(text, "C.4.9");
    assert_has(text, "ĐIỂMCUỐI");
    assert_has(text, "<b>&amp;</b> %s %n");
    assert_has(text, "Có hợp đồng liên kết");
    assert_has(text, "32 / 40");
    assert_has(text, "19,5 / 25");
    assert_has(text, "27 / 35");
    assert_has(text, "0,5 / 1");
    assert_has(text, "78,5 / 100");
    assert_has(text, "TỔNG ĐIỂM");
    assert_has(text, "4 sao");
    assert_has(text, "Tiêu chí bắt buộc C.2.1");
    /* one illustrative criterion per section */
    assert_int_equal(count_of(text, "minh họa"), NPARTS * NSECTIONS);
    free(text);
    free(pdf);
    free(f);
    discard(path);
}

static void test_render__sheet_summary(void **state)
{
    struct sheet_fixture *f = malloc(sizeof(*f));
    char *pdf = NULL, *path, *text;
    size_t len = 0;
    int pages;

    need_tool("pdftotext");
    need_tool("pdfinfo");
    assert_non_null(f);
    sheet_fixture(f, 0);
    assert_int_equal(ocop_pdf_sheet(&pdf, &len, &f->sheet), 0);
    path = save(pdf, len, "sheet-summary.pdf");
    pages = check_pages(path, "Bảng tổng hợp kết quả · Gốm sứ Bát Tràng");
    assert_in_range(pages, 3, 8);
    text = run("pdftotext -layout -enc UTF-8 '%s' -", path);
    assert_has(text, "Đặng Hữu Trọng");
    assert_has(text, "77,5");
    assert_has(text, "Điểm trung bình / Average");
    assert_has(text, "Điểm TB / Average");
    assert_has(text, "78,5 / 100");
    assert_has(text, "minh họa");
    assert_has(text, "CHỦ TỊCH HỘI ĐỒNG");
    assert_null(strstr(text, "Mức đạt / Option chosen"));
    free(text);
    free(pdf);
    free(f);
    discard(path);
}

static void expect_sheet_invalid(const struct ocop_pdf_sheet *s, int code, const char *field)
{
    char *pdf = (char *)1;
    size_t len = 1;
    assert_int_equal(ocop_pdf_sheet(&pdf, &len, s), code);
    assert_null(pdf);
    assert_int_equal(len, 0);
    if (field)
        assert_string_equal(ocop_error_field(), field);
}

static void test_render__sheet_refuses_bad_input(void **state)
{
    struct sheet_fixture *f = malloc(sizeof(*f));
    char *big;
    size_t n = 15000, i;

    assert_non_null(f);
    sheet_fixture(f, 1);
    f->sheet.title = NULL;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "title");
    sheet_fixture(f, 1);
    f->sheet.product_name = "";
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "product_name");
    sheet_fixture(f, 1);
    f->sheet.ruleset = NULL;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "ruleset");
    sheet_fixture(f, 1);
    f->sheet.parts = NULL;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "parts");
    sheet_fixture(f, 1);
    f->crit[1][2][3].text = NULL;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "parts[1].sections[2].criteria[3].text");
    sheet_fixture(f, 1);
    f->crit[0][0][0].points = 2; /* over its maximum of 1 */
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "parts[0].sections[0].criteria[0].points");
    sheet_fixture(f, 1);
    f->sheet.total = 101;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "total");
    sheet_fixture(f, 0);
    f->sheet.member_names = NULL;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "members");
    sheet_fixture(f, 1);
    f->sheet.stars = 6;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, "stars");
    sheet_fixture(f, 1);
    f->sheet.session = "\xff";
    expect_sheet_invalid(&f->sheet, OCOP_EMALFORMED, "session");

    /* a criterion's text taller than a page is refused, never cut or overflowing */
    big = malloc(n + 1);
    assert_non_null(big);
    for (i = 0; i + 5 <= n; i += 5)
        memcpy(big + i, "Gốm ", 5);
    big[i] = '\0';
    sheet_fixture(f, 1);
    f->crit[0][1][0].text = big;
    expect_sheet_invalid(&f->sheet, OCOP_EINVALID, NULL);
    free(big);
    free(f);
}

/* ---- QR codes ---- */

static void test_qr__encode_svg_png(void **state)
{
    struct ocop_qr *qr = NULL;
    struct ocop_buf b;
    char *path, *got, big[OCOP_QR_TEXT_MAX + 2];
    size_t len;

    need_tool("zbarimg");
    assert_int_equal(ocop_qr_new(&qr, URL, OCOP_QR_ECC_M), 0);
    assert_non_null(qr);
    assert_int_equal(qr->width, 17 + 4 * qr->version);
    assert_int_equal(ocop_qr_dark(qr, 0, 0), 1); /* finder pattern corner */
    assert_int_equal(ocop_qr_dark(qr, -1, 0), 0);

    ocop_buf_init(&b, 1 << 20);
    assert_int_equal(ocop_qr_svg(&b, qr, "30mm"), 0);
    assert_memory_equal(b.data, "<svg ", 5);
    assert_non_null(strstr(b.data, "width=\"30mm\""));
    assert_int_equal(ocop_qr_svg(&b, qr, "1\"/><script>"), OCOP_EINVALID);
    ocop_buf_reset(&b);
    assert_int_equal(ocop_qr_png(&b, qr, 0), OCOP_EINVALID);
    assert_int_equal(ocop_qr_png(&b, qr, 4), 0);
    assert_memory_equal(b.data, "\x89PNG", 4);
    path = save(b.data, b.len, "qr.png");
    got = run("zbarimg --raw -q '%s' 2>/dev/null", path);
    assert_string_equal(got, URL "\n");
    free(got);
    discard(path);
    ocop_buf_dispose(&b);
    ocop_qr_free(qr);
    ocop_qr_free(NULL);

    assert_int_equal(ocop_qr_new(&qr, "", OCOP_QR_ECC_M), OCOP_EINVALID);
    assert_null(qr);
    assert_int_equal(ocop_qr_new(&qr, NULL, OCOP_QR_ECC_M), OCOP_EINVALID);
    len = sizeof(big) - 1;
    memset(big, 'x', len);
    big[len] = '\0';
    assert_int_equal(ocop_qr_new(&qr, big, OCOP_QR_ECC_L), OCOP_ETOOBIG);
    big[2900] = '\0'; /* under the limit, but too big for level H */
    assert_int_equal(ocop_qr_new(&qr, big, OCOP_QR_ECC_H), OCOP_ETOOBIG);
    assert_null(qr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render__certificate_text),
        cmocka_unit_test(test_render__certificate_qr_decodes),
        cmocka_unit_test(test_render__certificate_refuses_bad_input),
        cmocka_unit_test(test_render__certificate_hostile_text),
        cmocka_unit_test(test_render__sheet_member_paginates),
        cmocka_unit_test(test_render__sheet_summary),
        cmocka_unit_test(test_render__sheet_refuses_bad_input),
        cmocka_unit_test(test_qr__encode_svg_png),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    /* drop this thread's font map and cairo's caches, so the leak check sees only leaks */
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    return failed;
}
