/*
 * The layout of reports/render.c: golden files for fixed sessions, the
 * same bytes on every run, and hostile text escaped in every field.
 *
 * Goldens live in data/. After a deliberate layout change, rerun with
 * MI_UPDATE_GOLDEN=1 to rewrite them, then read the diff line by line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "capture.h"
#include "fixtures.h"
#include <reports/internal.h>

static char *render(const struct report_session *s, const char *base)
{
    char *text = NULL;

    CAPTURE(text, assert_int_equal(report_render(s, base, out), 0));
    return text;
}

static char *read_all(const char *path)
{
    FILE *in = fopen(path, "rb");
    char *text;
    long size;

    if (in == NULL)
        fail_msg("cannot open %s (run with MI_UPDATE_GOLDEN=1 once)", path);
    fseek(in, 0, SEEK_END);
    size = ftell(in);
    rewind(in);
    text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, in), (size_t)size);
    text[size] = '\0';
    fclose(in);
    return text;
}

static void write_all(const char *path, const char *text)
{
    FILE *out = fopen(path, "wb");

    assert_non_null(out);
    fputs(text, out);
    assert_int_equal(fclose(out), 0);
}

/* The first line where two texts differ, for a readable failure. */
static void assert_same_text(const char *want, const char *got,
                             const char *name)
{
    size_t line = 1;
    size_t i = 0;

    while (want[i] != '\0' && want[i] == got[i]) {
        if (want[i] == '\n')
            line++;
        i++;
    }
    if (want[i] != got[i])
        fail_msg("%s differs from its golden file at line %zu", name, line);
}

static void check_golden(const struct report_session *s, const char *name)
{
    char path[1024];
    char *got = render(s, "");
    char *want;

    snprintf(path, sizeof path, "%s/tests/reports/data/%s", MI_SOURCE_DIR,
             name);
    if (getenv("MI_UPDATE_GOLDEN") != NULL)
        write_all(path, got);
    want = read_all(path);
    assert_same_text(want, got, name);
    free(want);
    free(got);
}

static void test_render_golden_complete(void **state)
{
    (void)state;
    check_golden(&fixture_complete, "complete.md");
}

static void test_render_golden_mixed(void **state)
{
    (void)state;
    check_golden(&fixture_mixed, "mixed.md");
}

static void test_render_golden_unanswered(void **state)
{
    (void)state;
    check_golden(&fixture_unanswered, "unanswered.md");
}

static void test_render_golden_hostile(void **state)
{
    (void)state;
    check_golden(&fixture_hostile, "hostile.md");
}

/* No clock, no environment: two renders are the same bytes. */
static void test_render_deterministic(void **state)
{
    char *first = render(&fixture_mixed, "../x/");
    char *second = render(&fixture_mixed, "../x/");

    (void)state;
    assert_string_equal(first, second);
    free(first);
    free(second);
}

static void test_render_link_base(void **state)
{
    char *text = render(&fixture_mixed, "../my sess");

    (void)state;
    assert_non_null(strstr(text,
        "[take 3](../my%20sess/recordings/01-drift-t3.wav)"));
    assert_non_null(strstr(text,
        "<audio controls src=\"../my%20sess/recordings/01-drift-t1.wav\">"
        "</audio>"));
    free(text);
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;

    for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* Lines of the report that start with `start`. */
static size_t count_lines_starting(const char *text, const char *start)
{
    size_t n = strncmp(text, start, strlen(start)) == 0;

    for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
        if (strncmp(p + 1, start, strlen(start)) == 0)
            n++;
    return n;
}

static void test_render_hostile_escaped(void **state)
{
    static const char *const expected[] = {
        "# Mock interview: Title \\<i\\>\\|\\</i\\> \\`x\\` \\# "
            "\\[y\\](javascript:z)\n",
        "- **Focus:** focus with lines \\| and pipes\n",
        "| 1 | Topic \\| with pipe \\<b\\>bold\\</b\\> \\# hash and newline | ",
        "[take 3](javascript%3Aalert%281%29)",
        "> \\# Heading in prompt\\\n> \\| a \\| b \\|\\\n",
        "> \\`\\`\\`\\\n> unclosed fence in prompt\n",
        "· ``id`with`ticks | pipe``\n",
        "[01 odd (name) \\#1.wav](recordings/01%20odd%20%28name%29%20%231.wav)",
        "src=\"recordings/01-%22quote%22%26%3Cx%3E.wav\"",
        "- [x] \\[x\\] fake tick\n",
        "- [ ] \\<script\\>alert(1)\\</script\\>\n",
        "- [ ] line one line two line three\n",
        "| Dimension | self \\| \\<b\\>me\\</b\\> | \\`review\\` again |\n",
        "\\# heading in notes\\\n\\> quote\\\n\\<div\\>html\\</div\\>\n",
        "#### Top heading\n#### Setext title\n##### Another\n",
        "&lt;div onclick=\"x\">raw html&lt;/div>\n",
        "bad and [good](https://ok.example/a)\nimg\n###### Deep heading\n",
        "```\n<b>inside fence</b>\n# not a heading\n```\n",
        "- \\- nested list?\n- 1\\. ordered?\n",
        "- Ünïcödé — 日本語 ✓\n",
        "\\$x\\$ \\&amp; \\\\escaped\\\\\n",
    };
    char *text = render(&fixture_hostile, "");

    (void)state;
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (strstr(text, expected[i]) == NULL)
            fail_msg("missing: %s", expected[i]);

    /* Only our own headings and HTML reach the page (the second "# " is
     * inside the reference's code fence). */
    assert_int_equal(count_lines_starting(text, "# "), 2);
    assert_int_equal(count_lines_starting(text, "## "), 3);
    assert_int_equal(count_lines_starting(text, "### "), 1);
    assert_int_equal(count(text, "<audio"), 3);
    assert_int_equal(count(text, "<") - count(text, "\\<"),
                     3 * 2 + 2 /* the fenced <b></b> */);
    assert_int_equal(count(text, "](javascript:"),
                     count(text, "\\](javascript:"));
    assert_null(strstr(text, "](data:"));
    free(text);
}

static void test_render_no_questions(void **state)
{
    struct report_session empty = { .title = "Empty" };
    char *text = render(&empty, "");

    (void)state;
    assert_non_null(strstr(text, "This session has no questions."));
    assert_non_null(strstr(text, "No question has been answered yet."));
    free(text);
}

/*
 * An abandoned retake is kept but does not count: the summary links the
 * finished take by its own number; a skipped question says skipped.
 */
static void test_render_abandoned_retake_and_skip(void **state)
{
    struct report_take retaken[] = {
        { "recordings/01-a-t1.wav", 50, 0, false },
        { "recordings/01-a-t2.wav", 3, 0, true },
    };
    struct report_take skipped[] = { { "recordings/02-b-t1.wav", 2, 0, true } };
    struct report_question questions[] = {
        { .number = 1, .id = "a", .topic = "A", .prompt = "P",
          .answer_time = 60, .state = REPORT_ANSWERED, .takes = retaken,
          .take_count = 2 },
        { .number = 2, .id = "b", .topic = "B", .prompt = "P",
          .answer_time = 60, .state = REPORT_SKIPPED, .takes = skipped,
          .take_count = 1 },
    };
    struct report_session session = { .title = "T", .questions = questions,
                                       .question_count = 2 };
    char *text = render(&session, "");

    (void)state;
    assert_non_null(strstr(text, "| 1 | A | 0:50 / 1:00 | 2 |"));
    assert_non_null(strstr(text, "[take 1](recordings/01-a-t1.wav)"));
    assert_non_null(strstr(text, "| 2 | B | 0:02 / 1:00 skipped |"));
    free(text);
}

static void test_render_write_error(void **state)
{
    FILE *out = fopen("/dev/null", "r");

    (void)state;
    assert_non_null(out);
    assert_int_equal(report_render(&fixture_complete, "", out), -1);
    fclose(out);
    assert_int_equal(report_render(NULL, "", stdout), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_golden_complete),
        cmocka_unit_test(test_render_abandoned_retake_and_skip),
        cmocka_unit_test(test_render_golden_mixed),
        cmocka_unit_test(test_render_golden_unanswered),
        cmocka_unit_test(test_render_golden_hostile),
        cmocka_unit_test(test_render_deterministic),
        cmocka_unit_test(test_render_link_base),
        cmocka_unit_test(test_render_hostile_escaped),
        cmocka_unit_test(test_render_no_questions),
        cmocka_unit_test(test_render_write_error),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
