/*
 * test_chart.c: unit tests of the dashboard's renderers: SVG charts (render/chart.c)
 * and tables with their CSV and XLSX exports (render/xlsx.c). The SVG is checked as
 * text (accessible name, escaping, marks per value); the XLSX is unzipped with unzip(1).
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

#include "core/buf.h"
#include "core/error.h"
#include "render/chart.h"
#include "core/text.h"
#include "render/xlsx.h"

static int count(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static struct ocop_chart chart3(const char *const *labels, const double *v)
{
    struct ocop_chart c;
    memset(&c, 0, sizeof(c));
    c.id = "t";
    c.title = "Sản phẩm <theo> \"sao\"";
    c.n = 3;
    c.labels = labels;
    c.nseries = 1;
    c.series[0] = (struct ocop_chart_series){"Số sản phẩm", OCOP_CHART_BLUE, v};
    c.value_title = "Số sản phẩm";
    c.sep = '.';
    c.empty = "Chưa có số liệu";
    return c;
}

static void test_chart__int_separators(void **state)
{
    char s[32];
    ocop_int_grouped(s, sizeof(s), 3463, '.');
    assert_string_equal(s, "3.463");
    ocop_int_grouped(s, sizeof(s), 1234567, ',');
    assert_string_equal(s, "1,234,567");
    ocop_int_grouped(s, sizeof(s), -1000, '.');
    assert_string_equal(s, "-1.000");
    ocop_int_grouped(s, sizeof(s), 999, '.');
    assert_string_equal(s, "999");
    ocop_int_grouped(s, 4, 123456, '.'); /* never past the end */
    assert_int_equal(strlen(s), 3);
}

static void test_chart__bars_are_accessible_and_escaped(void **state)
{
    static const char *const labels[] = {
        "3 sao", "<script>alert(1)</script>",
        "Dịch vụ du lịch cộng đồng, du lịch nông thôn và điểm du lịch"};
    static const double v[] = {910, 724, 5};
    struct ocop_chart c = chart3(labels, v);
    int (*fns[2])(struct ocop_buf *, const struct ocop_chart *) = {ocop_chart_hbar,
                                                                   ocop_chart_vbar};

    for (int i = 0; i < 2; i++) {
        struct ocop_buf b;
        ocop_buf_init(&b, 1 << 20);
        assert_int_equal(fns[i](&b, &c), 0);
        assert_non_null(strstr(b.data, "<svg"));
        assert_non_null(strstr(b.data, "role=\"img\""));
        assert_non_null(strstr(b.data, "aria-label=\"Sản phẩm &lt;theo&gt; &quot;sao&quot;\""));
        assert_non_null(strstr(b.data, "<title>Sản phẩm &lt;theo&gt; &quot;sao&quot;</title>"));
        assert_null(strstr(b.data, "<script"));
        assert_int_equal(count(b.data, "rx=\"2\"/>"), 3); /* one bar per value */
        assert_non_null(strstr(b.data, ">910<"));
        assert_non_null(strstr(b.data, "3 sao: 910</title>")); /* exact values on hover */
        ocop_buf_dispose(&b);
    }
}

static void test_chart__long_labels_are_shortened(void **state)
{
    static const char *const labels[] = {
        "a", "b", "Dịch vụ du lịch cộng đồng, du lịch nông thôn và điểm du lịch"};
    static const double v[] = {1, 2, 3};
    struct ocop_chart c = chart3(labels, v);
    struct ocop_buf b;
    ocop_buf_init(&b, 1 << 20);
    assert_int_equal(ocop_chart_hbar(&b, &c), 0);
    assert_non_null(strstr(b.data, "\xE2\x80\xA6</text>"));        /* an ellipsis */
    assert_non_null(strstr(b.data, "và điểm du lịch: 3</title>")); /* the full text on hover */
    ocop_buf_dispose(&b);
}

static void test_chart__series_and_share(void **state)
{
    static const char *const days[] = {"01/11", "02/11", "03/11"};
    static const double a[] = {100, 120, 0}, b2[] = {1, 0, 4};
    static const char *const colors[] = {OCOP_CHART_BLUE, OCOP_CHART_SLATE, NULL};
    struct ocop_chart c = chart3(days, a);
    struct ocop_buf b;

    c.nseries = 2;
    c.series[1] = (struct ocop_chart_series){"Giả mạo", OCOP_CHART_PURPLE, b2};
    ocop_buf_init(&b, 1 << 20);
    assert_int_equal(ocop_chart_stacked(&b, &c), 0);
    assert_non_null(strstr(b.data, ">Giả mạo</text>"));          /* the legend */
    assert_int_equal(count(b.data, "stroke-width=\"0.5\">"), 4); /* zero segments are not drawn */
    ocop_buf_reset(&b);
    assert_int_equal(ocop_chart_line(&b, &c), 0);
    assert_int_equal(count(b.data, "<polyline"), 2);
    ocop_buf_reset(&b);
    c.nseries = 1;
    assert_int_equal(ocop_chart_share(&b, &c, colors), 0);
    assert_non_null(strstr(b.data, "(45.5%)"));
    ocop_buf_dispose(&b);
}

static void test_chart__empty_and_bad_input(void **state)
{
    struct ocop_chart c = chart3(NULL, NULL);
    struct ocop_buf b;
    ocop_buf_init(&b, 1 << 20);
    c.n = 0;
    assert_int_equal(ocop_chart_vbar(&b, &c), 0);
    assert_non_null(strstr(b.data, "Chưa có số liệu"));
    c.n = 3;
    assert_int_equal(ocop_chart_hbar(&b, &c), OCOP_EINVALID);
    c.title = NULL;
    assert_int_equal(ocop_chart_line(&b, &c), OCOP_EINVALID);
    ocop_buf_dispose(&b);
}

static void table_fill(struct ocop_table *t)
{
    size_t r;
    ocop_table_init(t, "sectors");
    assert_int_equal(ocop_table_caption(t, "Sản phẩm theo ngành"), 0);
    assert_int_equal(ocop_table_col(t, "Ngành", 0), 0);
    assert_int_equal(ocop_table_col(t, "Số sản phẩm", 1), 0);
    assert_int_equal(ocop_table_row(t, &r), 0);
    ocop_table_text(t, r, 0, "Thực phẩm");
    ocop_table_num(t, r, 1, 784);
    assert_int_equal(ocop_table_row(t, &r), 0);
    ocop_table_text(t, r, 0, "Hàng \"thủ công\", mỹ nghệ");
    ocop_table_num(t, r, 1, 566);
    assert_int_equal(ocop_table_row(t, &r), 0);
    ocop_table_text(t, r, 0, "=HYPERLINK(\"x\")");
    ocop_table_num(t, r, 1, 0);
}

static void test_table__csv(void **state)
{
    struct ocop_table t;
    struct ocop_buf b;
    table_fill(&t);
    ocop_buf_init(&b, 1 << 20);
    assert_int_equal(ocop_table_csv(&b, &t), 0);
    assert_string_equal(b.data, "\xEF\xBB\xBFNgành,Số sản phẩm\r\n"
                                "Thực phẩm,784\r\n"
                                "\"Hàng \"\"thủ công\"\", mỹ nghệ\",566\r\n"
                                "\"'=HYPERLINK(\"\"x\"\")\",0\r\n");
    assert_int_equal(ocop_table_col(&t, "late", 0), OCOP_EINVALID); /* columns before rows */
    ocop_buf_dispose(&b);
    ocop_table_dispose(&t);
    ocop_table_dispose(&t); /* twice is fine */
}

static void test_table__xlsx(void **state)
{
    char dir[] = "/tmp/ocop-test-chart-XXXXXX", path[128], cmd[512];
    struct ocop_table t;
    FILE *p;
    char out[8192];
    size_t n;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/t.xlsx", dir);
    table_fill(&t);
    assert_int_equal(ocop_table_xlsx(path, &t), 0);
    snprintf(cmd, sizeof(cmd), "unzip -p '%s' xl/worksheets/sheet1.xml xl/sharedStrings.xml", path);
    assert_non_null(p = popen(cmd, "r"));
    n = fread(out, 1, sizeof(out) - 1, p);
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_non_null(strstr(out, "<v>784</v>")); /* numbers are numbers */
    assert_non_null(strstr(out, "Thực phẩm"));
    assert_non_null(strstr(out, "=HYPERLINK")); /* as text: no <f> formula */
    assert_null(strstr(out, "<f>"));
    unlink(path);
    rmdir(dir);
    ocop_table_dispose(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart__int_separators),
        cmocka_unit_test(test_chart__bars_are_accessible_and_escaped),
        cmocka_unit_test(test_chart__long_labels_are_shortened),
        cmocka_unit_test(test_chart__series_and_share),
        cmocka_unit_test(test_chart__empty_and_bad_input),
        cmocka_unit_test(test_table__csv),
        cmocka_unit_test(test_table__xlsx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
