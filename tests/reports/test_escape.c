/*
 * The escaping writers of reports/escape.c, one table per context: each
 * row is an input and the exact bytes expected where it lands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "capture.h"
#include <reports/internal.h>

struct row {
    const char *in;
    const char *out;
};

typedef void (*writer)(FILE *out, const char *text);

static void check_table(writer put, const struct row *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *got = NULL;

        CAPTURE(got, put(out, rows[i].in));
        if (strcmp(got, rows[i].out) != 0)
            fail_msg("row %zu: %s\n  expected: %s\n  got:      %s", i,
                     rows[i].in, rows[i].out, got);
        free(got);
    }
}

#define CHECK_TABLE(put, rows) \
    check_table(put, rows, sizeof(rows) / sizeof((rows)[0]))

static void test_escape_text(void **state)
{
    static const struct row rows[] = {
        { "plain words, kept.", "plain words, kept." },
        { "", "" },
        { "  padded  ", "padded" },
        { "a | b", "a \\| b" },
        { "`code`", "\\`code\\`" },
        { "*bold* _it_ ~~s~~", "\\*bold\\* \\_it\\_ \\~\\~s\\~\\~" },
        { "[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))" },
        { "<script>", "\\<script\\>" },
        { "# heading", "\\# heading" },
        { "C# and F#", "C# and F#" },
        { "end #", "end \\#" },
        { "> quote", "\\> quote" },
        { "- item", "\\- item" },
        { "+ item", "\\+ item" },
        { "=== underline", "\\=== underline" },
        { "12. ordered", "12\\. ordered" },
        { "3) ordered", "3\\) ordered" },
        { "2024 was fine", "2024 was fine" },
        { "line one\nline two", "line one line two" },
        { "a\r\n\r\nb", "a b" },
        { "tab\there", "tab here" },
        { "x  y", "x  y" },
        { "back\\slash", "back\\\\slash" },
        { "&copy; &#169; R&D", "\\&copy; \\&#169; R&D" },
        { "$5 and $6", "\\$5 and \\$6" },
        { "bell\a and esc\x1b[31m", "bell and esc\\[31m" },
        { "Ünïcödé — 日本語", "Ünïcödé — 日本語" },
    };

    (void)state;
    CHECK_TABLE(report_put_text, rows);
}

static void test_escape_cell(void **state)
{
    static const struct row rows[] = {
        { "a|b", "a\\|b" },
        { "two\nlines", "two lines" },
        { "\\|", "\\\\\\|" },
        { "| leading pipe", "\\| leading pipe" },
    };

    (void)state;
    CHECK_TABLE(report_put_cell, rows);
}

static void test_escape_html(void **state)
{
    static const struct row rows[] = {
        { "a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&#39;" },
        { "new\nline", "new line" },
        { "日本", "日本" },
        { "", "" },
    };

    (void)state;
    CHECK_TABLE(report_put_html, rows);
}

static void test_escape_url(void **state)
{
    static const struct row rows[] = {
        { "recordings/01-x-t1.wav", "recordings/01-x-t1.wav" },
        { "../sess/a b.wav", "../sess/a%20b.wav" },
        { "a(b).wav", "a%28b%29.wav" },
        { "javascript:alert(1)", "javascript%3Aalert%281%29" },
        { "q?x=1&y#z", "q%3Fx%3D1%26y%23z" },
        { "\"<'>`|\\", "%22%3C%27%3E%60%7C%5C" },
        { "é", "%C3%A9" },
        { "~_.-", "~_.-" },
    };

    (void)state;
    CHECK_TABLE(report_put_url, rows);
}

static void test_escape_code(void **state)
{
    static const struct row rows[] = {
        { "rag-eval", "`rag-eval`" },
        { "a`b", "``a`b``" },
        { "`x``", "``` `x`` ```" },
        { " both ", "`  both  `" },
        { "two\nlines", "`two lines`" },
        { "", "" },
    };

    (void)state;
    CHECK_TABLE(report_put_code, rows);
}

static void put_quoted(FILE *out, const char *text)
{
    report_put_paragraphs(out, text, "> ");
}

static void put_plain(FILE *out, const char *text)
{
    report_put_paragraphs(out, text, "");
}

static void test_escape_paragraphs(void **state)
{
    static const struct row quoted[] = {
        { "one line", "> one line\n" },
        { "a\nb", "> a\\\n> b\n" },
        { "a\n\n\nb", "> a\n>\n> b\n" },
        { "\n\n  a  \n\n", "> a\n" },
        { "# h\n- l", "> \\# h\\\n> \\- l\n" },
        { "ends with \\\nnext", "> ends with \\\\\\\n> next\n" },
        { "", "" },
        { " \n\t\n", "" },
    };
    static const struct row plain[] = {
        { "a\r\nb\rc", "a\\\nb\\\nc\n" },
        { "p1\n\np2", "p1\n\np2\n" },
    };

    (void)state;
    CHECK_TABLE(put_quoted, quoted);
    CHECK_TABLE(put_plain, plain);
}

/* Long input goes through whole: no fixed buffer truncates it. */
static void test_escape_long_line(void **state)
{
    size_t n = 100000;
    char *in = malloc(n + 1);
    char *got = NULL;

    (void)state;
    assert_non_null(in);
    for (size_t i = 0; i < n; i++)
        in[i] = i % 10 == 9 ? '|' : 'a';
    in[n] = '\0';

    CAPTURE(got, report_put_text(out, in));
    assert_int_equal(strlen(got), n + n / 10);
    assert_string_equal(got + strlen(got) - 11, "aaaaaaaaa\\|");
    free(got);
    free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_text),
        cmocka_unit_test(test_escape_cell),
        cmocka_unit_test(test_escape_html),
        cmocka_unit_test(test_escape_url),
        cmocka_unit_test(test_escape_code),
        cmocka_unit_test(test_escape_paragraphs),
        cmocka_unit_test(test_escape_long_line),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
