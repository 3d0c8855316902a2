/*
 * questions_load: every kind of problem a script can have, each with the
 * exact line and column it must be reported at; a valid script with its
 * defaults and overrides; BOM and CRLF; and the limits that keep a hostile
 * file from exhausting memory or the stack.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

#define HEAD "role: r\ntitle: T\nfocus: F\nthinking_pattern: P\n" \
             "questions:\n"
/* A complete question starting at line 6, column 5 under HEAD. */
#define Q(id) "  - id: " id "\n    topic: T\n    prompt: P?\n" \
              "    reference: R\n    key_points: [k]\n"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    support_tmpdir(tmpdir, sizeof tmpdir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    support_remove_tree(tmpdir);
    return 0;
}

/* Loads `length` bytes of text; the problems go to `problems`. */
static int load_text(const char *text, size_t length,
                     struct question_script **script,
                     struct question_problems *problems)
{
    char path[512];

    snprintf(path, sizeof path, "%s/script.yaml", tmpdir);
    support_write(path, text, length);
    return questions_load(path, script, problems);
}

struct bad_case {
    const char *name;
    const char *yaml;
    int line;
    int column;
    const char *fragment;
};

static const struct bad_case BAD[] = {
    { "syntax", "role: r\ntitle: T: x\n", 2, 9,
      "mapping values are not allowed" },
    { "tab indent", "role: r\nquestions:\n\t- id: a\n", 3, 1,
      "tab" },
    { "wrong type", "role: r\ntitle: [a, b]\n", 2, 8,
      "'title' must be text, not a list" },
    { "missing required", "role: r\ntitle: T\nthinking_pattern: P\n"
      "questions:\n" Q("a"), 1, 1, "missing 'focus'" },
    { "missing prompt", HEAD "  - id: a\n    topic: T\n    reference: R\n"
      "    key_points: [k]\n", 6, 5, "missing 'prompt'" },
    { "unknown key", HEAD Q("a") "    promt: x\n", 11, 5,
      "unknown key 'promt' (did you mean 'prompt'?)" },
    { "unknown key no guess", HEAD Q("a") "    colour: x\n", 11, 5,
      "unknown key 'colour' (known keys: id, topic" },
    { "duplicate key", "role: r\ntitle: A\ntitle: B\n", 3, 1,
      "duplicate key 'title': first at line 2, again at line 3" },
    { "duplicate id", HEAD Q("a") Q("a"), 11, 9,
      "duplicate question id 'a': first at line 6, again at line 11" },
    { "bad duration", HEAD Q("a") "    answer_time: 3x\n", 11, 18,
      "'answer_time' is not a duration: '3x'" },
    { "zero answer time", HEAD Q("a") "    answer_time: 0s\n", 11, 18,
      "'answer_time' must be longer than 0 seconds" },
    { "bad default duration",
      "defaults: { think_time: 2m75s }\n", 1, 25,
      "'think_time' is not a duration: '2m75s'" },
    { "escape in title", "role: r\ntitle: \"Evil \\e]0;x\\a\"\nfocus: F\n"
      "thinking_pattern: P\nquestions:\n" Q("a"), 2, 8,
      "'title' contains a control character (U+001B)" },
    { "C1 control in a key point", HEAD "  - id: a\n    topic: T\n"
      "    prompt: P?\n    reference: R\n    key_points: [\"a\\x9bb\"]\n",
      10, 18, "an item of 'key_points' contains a control character "
      "(U+009B)" },
    { "empty prompt", HEAD "  - id: a\n    topic: T\n    prompt: \"\"\n"
      "    reference: R\n    key_points: [k]\n", 8, 13, "'prompt' is empty" },
    { "blank prompt", HEAD "  - id: a\n    topic: T\n    prompt:\n"
      "    reference: R\n    key_points: [k]\n", 8, 12, "'prompt' is empty" },
    { "invalid utf-8", "role: r\ntitle: caf\xe9 au lait\n", 2, 11,
      "invalid UTF-8 (byte 0xe9)" },
    { "utf-8 after accents", "role: r\ntitle: \xc3\xa9t\xc3\xa9 \xff\n", 2, 12,
      "invalid UTF-8 (byte 0xff)" },
    { "control character", "role: r\ntitle: a\x01z\n", 2, 9,
      "control characters are not allowed" },
    { "not a mapping", "- role: r\n- title: T\n", 1, 1,
      "must be a mapping" },
    { "scalar document", "just some words\n", 1, 1,
      "must be a mapping (role:, title:, questions: ...), not text" },
    { "empty file", "", 1, 1, "the file is empty" },
    { "bad difficulty", HEAD Q("a") "    difficulty: brutal\n", 11, 17,
      "'difficulty' must be easy, medium or hard, not 'brutal'" },
    { "bad role name", "role: AI Engineer\n", 1, 7,
      "'role' must use only lowercase letters, digits and '-'" },
    { "bad id", HEAD Q("Long_Chat"), 6, 9,
      "'id' must use only lowercase letters" },
    { "no key points", HEAD "  - id: a\n    topic: T\n    prompt: P\n"
      "    reference: R\n    key_points: []\n", 10, 17,
      "'key_points' needs at least one point" },
    { "questions not a list", "questions: many\n", 1, 12,
      "'questions' must be a list, not text" },
    { "questions empty", "questions: []\n", 1, 12, "'questions' is empty" },
    { "question not a mapping", HEAD "  - just text\n", 6, 5,
      "a question must be a mapping" },
    { "tags not a list", HEAD Q("a") "    tags: llm\n", 11, 11,
      "'tags' must be a list, not text" },
    { "list item not text", HEAD Q("a") "    follow_ups: [[x]]\n", 11, 18,
      "each item of 'follow_ups' must be text, not a list" },
    { "two documents", "role: r\n---\nrole: s\n", 2, 1,
      "one YAML document" },
    { "undefined alias", "role: *nowhere\n", 1, 7,
      "alias *nowhere names no anchor" },
    { "key not text", "[a]: b\n", 1, 1, "a key must be text, not a list" },
};

static void assert_has_problem(const struct question_problems *problems,
                               const struct bad_case *c)
{
    for (size_t i = 0; i < problems->count; i++) {
        const struct question_problem *p = &problems->items[i];

        if (p->line == c->line && p->column == c->column
            && strstr(p->message, c->fragment))
            return;
    }
    for (size_t i = 0; i < problems->count; i++)
        print_message("  got %d:%d: %s\n", problems->items[i].line,
                      problems->items[i].column, problems->items[i].message);
    fail_msg("case '%s': no problem at %d:%d containing \"%s\"", c->name,
             c->line, c->column, c->fragment);
}

/* The problem whose message holds `fragment`; fails the test if none. */
static const struct question_problem *find_problem(
    const struct question_problems *problems, const char *fragment)
{
    for (size_t i = 0; i < problems->count; i++) {
        if (strstr(problems->items[i].message, fragment))
            return &problems->items[i];
    }
    fail_msg("no problem mentions \"%s\"", fragment);
    return NULL;
}

static void test_load_reports_each_problem_where_it_is(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        struct question_problems problems = { 0 };
        struct question_script *script = (void *)1;
        int rc = load_text(BAD[i].yaml, strlen(BAD[i].yaml), &script,
                           &problems);

        if (rc != -1 || script != NULL)
            fail_msg("case '%s' loaded", BAD[i].name);
        assert_has_problem(&problems, &BAD[i]);
        assert_non_null(strstr(problems.items[0].path, "script.yaml"));
        questions_problems_free(&problems);
    }
}

/* One pass reports problems in separate places, in file order. */
static void test_load_collects_every_problem(void **state)
{
    const char *yaml = "role: Bad Role\ntitle: [x]\nthinking_pattern: P\n"
                       "questions:\n" Q("a") "    answer_time: soon\n"
                       Q("a") "    tpoic: T\n";
    struct question_problems problems = { 0 };
    struct question_script *script;

    (void)state;
    assert_int_equal(load_text(yaml, strlen(yaml), &script, &problems), -1);
    assert_true(problems.count >= 6);
    for (size_t i = 1; i < problems.count; i++)
        assert_true(problems.items[i - 1].line < problems.items[i].line
                    || (problems.items[i - 1].line == problems.items[i].line
                        && problems.items[i - 1].column
                               <= problems.items[i].column));
    assert_int_equal(problems.items[0].line, 1);
    assert_non_null(strstr(problems.items[problems.count - 1].message,
                           "did you mean 'topic'"));
    questions_problems_free(&problems);
}

/* Problems from several files accumulate in one list. */
static void test_load_appends_to_existing_problems(void **state)
{
    struct question_problems problems = { 0 };
    struct question_script *script;

    (void)state;
    assert_int_equal(load_text("- x\n", 4, &script, &problems), -1);
    assert_int_equal(load_text("role: [x]\n", 10, &script, &problems), -1);
    assert_true(problems.count >= 2);
    assert_non_null(strstr(problems.items[0].message, "mapping"));
    assert_int_equal(find_problem(&problems, "'role' must be text")->column,
                     7);
    questions_problems_free(&problems);
}

static const char VALID[] =
    "role: ai-engineer\n"
    "title: AI Engineer\n"
    "focus: Building AI systems\n"
    "thinking_pattern: Will it work in production?\n"
    "intro: Ten questions.\n"
    "defaults: { think_time: 45s, answer_time: 2m30s }\n"
    "questions:\n"
    "  - id: first\n"
    "    topic: Memory\n"
    "    tags: [llm, production]\n"
    "    prompt: How do you keep context?\n"
    "    answer_time: 4m\n"
    "    reference: |\n"
    "      Summarise old turns.\n"
    "      Retrieve the rest.\n"
    "    key_points: [Summaries, Retrieval]\n"
    "    follow_ups: [What breaks?]\n"
    "    assesses: [Design]\n"
    "  - id: second\n"
    "    topic: Cost\n"
    "    difficulty: hard\n"
    "    think_time: 90\n"
    "    prompt: 'Cut the bill: how?'\n"
    "    reference: Cache, batch, route.\n"
    "    key_points:\n"
    "      - Caching\n";

static void assert_valid_script(const struct question_script *s)
{
    assert_string_equal(s->role, "ai-engineer");
    assert_string_equal(s->title, "AI Engineer");
    assert_string_equal(s->intro, "Ten questions.");
    assert_int_equal(s->think_time, 45);
    assert_int_equal(s->answer_time, 150);
    assert_int_equal(s->count, 2);

    assert_string_equal(s->questions[0].id, "first");
    assert_int_equal(s->questions[0].difficulty, QUESTION_MEDIUM);
    assert_int_equal(s->questions[0].tags.count, 2);
    assert_string_equal(s->questions[0].reference,
                        "Summarise old turns.\nRetrieve the rest.\n");
    assert_int_equal(s->questions[0].line, 8);
    assert_int_equal(questions_answer_time(s, &s->questions[0]), 240);
    assert_int_equal(questions_think_time(s, &s->questions[0]), 45);

    assert_int_equal(s->questions[1].difficulty, QUESTION_HARD);
    assert_string_equal(s->questions[1].prompt, "Cut the bill: how?");
    assert_int_equal(questions_think_time(s, &s->questions[1]), 90);
    assert_int_equal(questions_answer_time(s, &s->questions[1]), 150);
    assert_int_equal(s->questions[1].key_points.count, 1);
    assert_int_equal(s->questions[1].follow_ups.count, 0);
}

static void test_load_reads_a_valid_script(void **state)
{
    struct question_problems problems = { 0 };
    struct question_script *script = NULL;

    (void)state;
    assert_int_equal(load_text(VALID, strlen(VALID), &script, &problems), 0);
    assert_int_equal(problems.count, 0);
    assert_valid_script(script);
    questions_script_free(script);
}

static void test_load_without_defaults_uses_builtin_times(void **state)
{
    const char *yaml = HEAD Q("a");
    struct question_problems problems = { 0 };
    struct question_script *s = NULL;

    (void)state;
    assert_int_equal(load_text(yaml, strlen(yaml), &s, &problems), 0);
    assert_null(s->intro);
    assert_int_equal(questions_think_time(s, &s->questions[0]),
                     QUESTIONS_DEFAULT_THINK_TIME);
    assert_int_equal(questions_answer_time(s, &s->questions[0]),
                     QUESTIONS_DEFAULT_ANSWER_TIME);
    questions_script_free(s);
}

/* The same script with a BOM and CRLF line ends reads the same. */
static void test_load_accepts_bom_and_crlf(void **state)
{
    char text[4096] = "\xef\xbb\xbf";
    size_t n = 3;
    struct question_problems problems = { 0 };
    struct question_script *script = NULL;

    (void)state;
    for (const char *p = VALID; *p; p++) {
        if (*p == '\n')
            text[n++] = '\r';
        text[n++] = *p;
    }
    assert_int_equal(load_text(text, n, &script, &problems), 0);
    assert_valid_script(script);
    questions_script_free(script);

    /* Positions in such a file are still counted from 1 on each line. */
    assert_int_equal(load_text("\xef\xbb\xbfrole: r\r\ntitle: [\r\n", 22,
                               &script, &problems), -1);
    assert_int_equal(problems.items[0].line, 3);
    questions_problems_free(&problems);
}

/* An error in a CRLF file is placed by character, not by byte. */
static void test_load_places_utf8_error_in_crlf_file(void **state)
{
    const char *text = "\xef\xbb\xbfrole: r\r\ntitle: \xc3\xa9\x80x\r\n";
    struct question_problems problems = { 0 };
    struct question_script *script;
    const struct question_problem *p;

    (void)state;

    (void)state;
    assert_int_equal(load_text(text, strlen(text), &script, &problems), -1);
    p = find_problem(&problems, "invalid UTF-8 (byte 0x80)");
    assert_int_equal(p->line, 2);
    assert_int_equal(p->column, 9);
    questions_problems_free(&problems);
}

/* Anchors and aliases within the limits load like written-out values. */
static void test_load_follows_small_aliases(void **state)
{
    const char *yaml = HEAD "  - id: a\n    topic: &t Shared topic\n"
                       "    tags: &tags [x, y]\n    prompt: P\n"
                       "    reference: R\n    key_points: [k]\n"
                       "  - id: b\n    topic: *t\n    tags: *tags\n"
                       "    prompt: P\n    reference: R\n"
                       "    key_points: [k]\n";
    struct question_problems problems = { 0 };
    struct question_script *s = NULL;

    (void)state;
    assert_int_equal(load_text(yaml, strlen(yaml), &s, &problems), 0);
    assert_string_equal(s->questions[1].topic, "Shared topic");
    assert_int_equal(s->questions[1].tags.count, 2);
    questions_script_free(s);
}

static void assert_fails_with(const char *text, size_t length,
                              const char *fragment)
{
    struct question_problems problems = { 0 };
    struct question_script *script;
    bool found = false;

    assert_int_equal(load_text(text, length, &script, &problems), -1);
    for (size_t i = 0; i < problems.count; i++)
        found = found || strstr(problems.items[i].message, fragment);
    if (!found)
        fail_msg("no problem mentions \"%s\" (first: %s)", fragment,
                 problems.count ? problems.items[0].message : "none");
    questions_problems_free(&problems);
}

/* Nine levels of nine aliases would expand to 387 million values. */
static void test_load_refuses_alias_bomb(void **state)
{
    char yaml[4096];
    size_t n = 0;

    (void)state;
    n += (size_t)sprintf(yaml + n, "a0: &a0 [lol]\n");
    for (int level = 1; level <= 9; level++) {
        n += (size_t)sprintf(yaml + n, "a%d: &a%d [", level, level);
        for (int i = 0; i < 9; i++)
            n += (size_t)sprintf(yaml + n, "%s*a%d", i ? ", " : "",
                                 level - 1);
        n += (size_t)sprintf(yaml + n, "]\n");
    }
    assert_fails_with(yaml, n, "more than 100000 values");
}

static void test_load_refuses_self_reference(void **state)
{
    const char *yaml = "role: &r [a, *r]\n";

    (void)state;
    assert_fails_with(yaml, strlen(yaml), "refers to the value that "
                      "contains it");
}

static void test_load_refuses_deep_nesting(void **state)
{
    enum { DEPTH = 100000 };
    char *yaml = malloc(2 * DEPTH + 16);
    size_t n = 0;

    (void)state;
    n += (size_t)sprintf(yaml, "role: ");
    memset(yaml + n, '[', DEPTH);
    n += DEPTH;
    memset(yaml + n, ']', DEPTH);
    n += DEPTH;
    assert_fails_with(yaml, n, "nested more than 32 levels");

    /* Block nesting is caught the same way, at the level that breaks it. */
    n = 0;
    for (int i = 0; i < 40; i++)
        n += (size_t)sprintf(yaml + n, "%*sk%d:\n", i * 2, "", i);
    assert_fails_with(yaml, n, "nested more than 32 levels");
    free(yaml);
}

static void test_load_refuses_huge_scalar(void **state)
{
    size_t big = 64 * 1024 + 1;
    char *yaml = malloc(big + 512);
    struct question_problems problems = { 0 };
    struct question_script *script;
    const struct question_problem *p;
    size_t n;

    (void)state;
    n = (size_t)sprintf(yaml, "role: r\ntitle: ");
    memset(yaml + n, 'x', big);
    n += big;
    yaml[n++] = '\n';
    assert_int_equal(load_text(yaml, n, &script, &problems), -1);
    p = find_problem(&problems, "64 KiB");
    assert_int_equal(p->line, 2);
    assert_int_equal(p->column, 8);
    questions_problems_free(&problems);

    /* Exactly the limit is allowed. */
    n = (size_t)sprintf(yaml, HEAD Q("a") "    follow_ups: [");
    memset(yaml + n, 'y', big - 1);
    n += big - 1;
    n += (size_t)sprintf(yaml + n, "]\n");
    assert_int_equal(load_text(yaml, n, &script, &problems), 0);
    questions_script_free(script);
    free(yaml);
}

static void test_load_caps_the_problem_list(void **state)
{
    char *yaml = malloc(64 * 1024);
    size_t n = 0;
    struct question_problems problems = { 0 };
    struct question_script *script;

    (void)state;
    for (int i = 0; i < 500; i++)
        n += (size_t)sprintf(yaml + n, "junk%d: x\n", i);
    assert_int_equal(load_text(yaml, n, &script, &problems), -1);
    assert_int_equal(problems.count, 101);
    questions_problems_free(&problems);
    free(yaml);
}

static void test_load_reports_missing_file(void **state)
{
    struct question_problems problems = { 0 };
    struct question_script *script;

    (void)state;
    assert_int_equal(questions_load("/nonexistent/x.yaml", &script,
                                    &problems), -1);
    assert_int_equal(problems.count, 1);
    assert_string_equal(problems.items[0].path, "/nonexistent/x.yaml");
    assert_non_null(strstr(problems.items[0].message, "cannot open"));
    questions_problems_free(&problems);
}

/* A FIFO would block the loader forever; it is refused at once. */
static void test_load_refuses_fifo(void **state)
{
    struct question_problems problems = { 0 };
    struct question_script *script;
    char path[64] = "/tmp/mi-fifo.XXXXXX";

    (void)state;
    assert_non_null(mkdtemp(path));
    strcat(path, "/f");
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(questions_load(path, &script, &problems), -1);
    assert_int_equal(problems.count, 1);
    assert_string_equal(problems.items[0].message, "not a regular file");
    questions_problems_free(&problems);
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_refuses_fifo),
        cmocka_unit_test(test_load_reports_each_problem_where_it_is),
        cmocka_unit_test(test_load_collects_every_problem),
        cmocka_unit_test(test_load_appends_to_existing_problems),
        cmocka_unit_test(test_load_reads_a_valid_script),
        cmocka_unit_test(test_load_without_defaults_uses_builtin_times),
        cmocka_unit_test(test_load_accepts_bom_and_crlf),
        cmocka_unit_test(test_load_places_utf8_error_in_crlf_file),
        cmocka_unit_test(test_load_follows_small_aliases),
        cmocka_unit_test(test_load_refuses_alias_bomb),
        cmocka_unit_test(test_load_refuses_self_reference),
        cmocka_unit_test(test_load_refuses_deep_nesting),
        cmocka_unit_test(test_load_refuses_huge_scalar),
        cmocka_unit_test(test_load_caps_the_problem_list),
        cmocka_unit_test(test_load_reports_missing_file),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
