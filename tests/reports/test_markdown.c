/*
 * The reference-answer sanitiser of reports/markdown.c: Markdown stays
 * Markdown, but raw HTML, high headings, open fences and non-web links
 * cannot get out. Each row is a reference and the exact output (shift 3).
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

static const struct row rows[] = {
    /* Plain Markdown passes through. */
    { "Some *emphasis* and `code`.", "Some *emphasis* and `code`.\n" },
    { "- a\n- b\n\n1. c", "- a\n- b\n\n1. c\n" },
    { "| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |\n" },
    { "- [ ] todo\n- [x] done", "- [ ] todo\n- [x] done\n" },
    { "a\\*b\\<c", "a\\*b\\<c\n" },
    { "***\n\n---", "***\n\n---\n" },

    /* Headings go under the question's ###. */
    { "# One", "#### One\n" },
    { "## Two ##", "##### Two ##\n" },
    { "### Three", "###### Three\n" },
    { "###### Six", "###### Six\n" },
    { "#nospace", "#nospace\n" },
    { "> # In a quote", "> #### In a quote\n" },
    { "- # In a list", "- #### In a list\n" },
    { "Title\n=====\ntext", "#### Title\ntext\n" },
    { "Sub\n---", "##### Sub\n" },
    { "- item\n  ===", "- item\n  \\===\n" },
    { "> quoted\n> ---", "> quoted\n> \\---\n" },
    { "\n===", "\n===\n" },

    /* Raw HTML becomes text; inside code it is left to the renderer. */
    { "<b>x</b>", "&lt;b>x&lt;/b>\n" },
    { "<div>\nblock\n</div>", "&lt;div>\nblock\n&lt;/div>\n" },
    { "<!-- c -->", "&lt;!-- c -->\n" },
    { "<javascript:alert(1)>", "&lt;javascript:alert(1)>\n" },
    { "use `<b>` here", "use `<b>` here\n" },
    { "```\n<b>\n```", "```\n<b>\n```\n" },

    /* Code fences: closed when left open, kept at column 0 only. */
    { "```js\nlet x;\n", "```js\nlet x;\n```\n" },
    { "~~~~\n~~~\nstill code", "~~~~\n~~~\nstill code\n~~~~\n" },
    { "````\n```\n````\nafter", "````\n```\n````\nafter\n" },
    { "  ```\n<b>", "  \\`\\`\\`\n&lt;b>\n" },
    { "- ```\n<b>", "- \\`\\`\\`\n&lt;b>\n" },
    { " ~~~\n<b>", " \\~~~\n&lt;b>\n" },

    /* Code spans: unpaired or holding a pipe, their backticks escaped. */
    { "a `b", "a \\`b\n" },
    { "``a`b``", "``a`b``\n" },
    { "`a|b`", "\\`a|b\\`\n" },
    { "x `<b>\ny` <i>", "x \\`&lt;b>\ny\\` &lt;i>\n" },

    /* Links: http(s) kept, anything else reduced to its text. */
    { "[ok](https://example.com/a)", "[ok](https://example.com/a)\n" },
    { "[ok](HTTP://example.com)", "[ok](HTTP://example.com)\n" },
    { "[bad](javascript:alert(1))", "bad\n" },
    { "[rel](docs/x.md)", "rel\n" },
    { "![pic](data:image/png;base64,AA)", "pic\n" },
    { "![pic](https://example.com/p.png)",
      "![pic](https://example.com/p.png)\n" },
    { "[t](https://e.com \"title\")", "[t](https://e.com)\n" },
    { "[a<b>](https://e.com/<x>)", "[a&lt;b>](https://e.com/%3Cx%3E)\n" },
    { "[ref]: javascript:alert(1)", "\\[ref]: javascript:alert(1)\n" },
    { "[text][ref] and [ref]", "\\[text]\\[ref] and \\[ref]\n" },
    { "[a `]` b](https://e.com)", "[a `]` b](https://e.com)\n" },
    { "[x](<javascript:y>)", "\\[x](&lt;javascript:y>)\n" },
    { "[[in](https://e.com)](javascript:z)", "[in](https://e.com)\n" },

    /* Control characters and CR line ends. */
    { "a\x01\x7f" "b\r\nc\rd", "ab\nc\nd\n" },
    { "", "" },
};

static void test_markdown_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *got = NULL;

        CAPTURE(got, report_put_markdown(out, rows[i].in, 3));
        if (strcmp(got, rows[i].out) != 0)
            fail_msg("row %zu:\n%s\n-- expected:\n%s-- got:\n%s", i,
                     rows[i].in, rows[i].out, got);
        free(got);
    }
}

/* No fixed line buffer: a 200 kB line comes out whole and still safe. */
static void test_markdown_long_line(void **state)
{
    const char *unit = "<b>x</b> [a](javascript:b) `c` ";
    size_t unit_n = strlen(unit);
    size_t repeat = 200000 / unit_n;
    char *in = malloc(unit_n * repeat + 1);
    char *got = NULL;
    size_t count = 0;

    (void)state;
    assert_non_null(in);
    for (size_t i = 0; i < repeat; i++)
        memcpy(in + i * unit_n, unit, unit_n);
    in[unit_n * repeat] = '\0';

    CAPTURE(got, report_put_markdown(out, in, 3));
    assert_null(strchr(got, '<'));
    assert_null(strstr(got, "javascript"));
    for (const char *p = got; (p = strstr(p, "`c`")) != NULL; p++)
        count++;
    assert_int_equal(count, repeat);
    free(got);
    free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_table),
        cmocka_unit_test(test_markdown_long_line),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
