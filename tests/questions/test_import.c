/*
 * questions_import and the Markdown reader behind it, on the collection
 * in data/import/collection: prompts from blockquotes, references that
 * keep every other section, key points from level-4 headings, bullets or
 * the first sentence, code fences respected, BOM and CRLF, ids from file
 * names, the README role table, and one broken file that stops nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "questions/internal.h"
#include "support.h"

#define COLLECTION MI_SOURCE_DIR "/tests/questions/data/import/collection"

static char outdir[256];
static struct question_import_result result;
static int import_rc;

static int setup(void **state)
{
    (void)state;
    support_tmpdir(outdir, sizeof outdir);
    import_rc = questions_import(COLLECTION, outdir, &result);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    questions_import_result_free(&result);
    support_remove_tree(outdir);
    return 0;
}

static struct question_script *load_role(const char *role)
{
    struct question_problems problems = { 0 };
    struct question_script *script = NULL;
    char path[512];

    snprintf(path, sizeof path, "%s/%s.yaml", outdir, role);
    if (questions_load(path, &script, &problems) < 0) {
        for (size_t i = 0; i < problems.count; i++)
            print_message("%s:%d:%d: %s\n", problems.items[i].path,
                          problems.items[i].line, problems.items[i].column,
                          problems.items[i].message);
        fail_msg("%s does not load", path);
    }
    questions_problems_free(&problems);
    return script;
}

static void test_import_counts_roles_and_names_the_bad_file(void **state)
{
    const struct question_problem *f;

    (void)state;
    assert_int_equal(import_rc, -1);
    assert_int_equal(result.role_count, 2);
    assert_string_equal(result.roles[0].role, "ai-engineer");
    assert_int_equal(result.roles[0].question_count, 3);
    assert_string_equal(result.roles[1].role, "data-scientist");
    assert_int_equal(result.roles[1].question_count, 1);
    assert_non_null(strstr(result.roles[1].output_path,
                           "/data-scientist.yaml"));

    assert_int_equal(result.failures.count, 1);
    f = &result.failures.items[0];
    assert_non_null(strstr(f->path, "Data_Scientist/broken.md"));
    assert_non_null(strstr(f->message, "Question"));
}

static void test_import_role_from_readme_table(void **state)
{
    struct question_script *s = load_role("ai-engineer");

    (void)state;
    assert_string_equal(s->title, "AI Engineer");
    assert_string_equal(s->focus, "Shipping model features that stay up");
    assert_string_equal(s->thinking_pattern,
                        "What fails first under real traffic?");
    questions_script_free(s);

    s = load_role("data-scientist");
    assert_string_equal(s->title, "Data Scientist");
    assert_non_null(strstr(s->focus, "Data Scientist"));
    assert_non_null(strstr(s->thinking_pattern, "Data Scientist"));
    questions_script_free(s);
}

static void test_import_question_with_headings(void **state)
{
    struct question_script *s = load_role("ai-engineer");
    const struct question *q = &s->questions[0];

    (void)state;
    assert_string_equal(q->id, "01-cache-design");
    assert_string_equal(q->topic, "Serving cost");
    assert_int_equal(q->difficulty, QUESTION_MEDIUM);
    assert_string_equal(q->prompt,
                        "Our assistant answers many near-identical "
                        "questions. How would you cut the serving bill "
                        "without hurting quality?\n\nAssume traffic doubles "
                        "next quarter.");

    assert_int_equal(q->key_points.count, 3);
    assert_string_equal(q->key_points.items[0], "Measure repetition first");
    assert_string_equal(q->key_points.items[1], "Cache at two levels");
    assert_string_equal(q->key_points.items[2], "Watch staleness");

    assert_int_equal(q->assesses.count, 2);
    assert_string_equal(q->assesses.items[0], "Cost awareness");
    assert_string_equal(q->assesses.items[1],
                        "Judging *when* a cache is safe");

    /* Fenced lines stay code; the extra section keeps its heading. */
    assert_non_null(strstr(q->reference, "Start by measuring"));
    assert_non_null(strstr(q->reference, "```python\n# not a heading"));
    assert_non_null(strstr(q->reference, "### also not a heading\n"));
    assert_non_null(strstr(q->reference, "#### 1. Measure repetition"));
    assert_non_null(strstr(q->reference, "### Common Pitfalls\n\n- Caching"));
    assert_non_null(strstr(q->reference, "version the cache key by model."));
    assert_null(strstr(q->reference, "What This Question Tests"));
    assert_null(strstr(q->reference, "Our assistant answers"));
    questions_script_free(s);
}

static void test_import_question_with_bullets_bom_crlf(void **state)
{
    struct question_script *s = load_role("ai-engineer");
    const struct question *q = &s->questions[1];

    (void)state;
    assert_string_equal(q->id, "02-rate-limits");
    assert_string_equal(q->topic, "Rate limits");
    assert_null(strchr(q->prompt, '\r'));
    assert_null(strchr(q->reference, '\r'));

    assert_int_equal(q->key_points.count, 3);
    assert_string_equal(q->key_points.items[0],
                        "Give the partner a separate quota and queue.");
    assert_string_equal(q->key_points.items[2],
                        "Offer an asynchronous batch endpoint.");
    assert_non_null(strstr(q->reference, "- not a bullet: inside a fence"));
    assert_non_null(strstr(q->reference, "### Follow-up Questions\n\n1. What"));
    assert_int_equal(q->assesses.count, 1);

    /* A second file that sanitises to the same id gets a suffix. */
    assert_string_equal(s->questions[2].id, "02-rate-limits-2");
    assert_int_equal(s->questions[2].key_points.count, 2);
    questions_script_free(s);
}

static void test_import_key_point_from_prose(void **state)
{
    struct question_script *s = load_role("data-scientist");
    const struct question *q = &s->questions[0];

    (void)state;
    assert_string_equal(q->id, "metric-choice");
    assert_int_equal(q->key_points.count, 1);
    assert_string_equal(q->key_points.items[0],
                        "I would pick a metric tied to a completed task, "
                        "such as searches that end in a click followed by no "
                        "reformulation");
    assert_non_null(strstr(q->reference, "| CTR | clickbait |"));
    questions_script_free(s);
}

struct md_bad_case {
    const char *name;
    const char *text;
    const char *fragment;
};

static const struct md_bad_case MD_BAD[] = {
    { "no topic", "### Question\n\n> Why?\n\n### Answer\n\nBecause.\n",
      "Topic" },
    { "no question", "## Topic: T\n\n### Answer\n\nBecause.\n",
      "Question" },
    { "no blockquote", "## Topic: T\n\n### Question\n\nWhy?\n\n"
      "### Answer\n\nBecause.\n", "blockquote" },
    { "quote only in code", "## Topic: T\n\n### Question\n\n```\n> Why?\n"
      "```\n\n### Answer\n\nBecause.\n", "blockquote" },
    { "empty answer", "## Topic: T\n\n### Question\n\n> Why?\n\n"
      "### Answer\n\n\n### What This Question Tests\n\n- x\n", "Answer" },
    { "heading in code only", "```\n## Topic: T\n```\n### Question\n\n"
      "> Why?\n\n### Answer\n\nBecause.\n", "Topic" },
};

static void test_import_markdown_failures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof MD_BAD / sizeof *MD_BAD; i++) {
        struct questions_markdown md;
        char why[256];
        int line;

        if (questions_markdown_parse(MD_BAD[i].text, strlen(MD_BAD[i].text),
                                     &md, &line, why, sizeof why) != -1)
            fail_msg("case '%s' parsed", MD_BAD[i].name);
        if (!strstr(why, MD_BAD[i].fragment))
            fail_msg("case '%s': \"%s\" lacks \"%s\"", MD_BAD[i].name, why,
                     MD_BAD[i].fragment);
    }
}

static void test_import_readme_table_is_tolerant(void **state)
{
    const char *text = "Intro\r\n\r\n  Role|Focus area\r\n---|---\r\n"
                       "`ML_Engineer` | Pipelines \\| training\r\n"
                       "Data Scientist|Metrics|extra\r\n\r\n| Role | x |\r\n";
    struct questions_role_info *roles;
    size_t count;

    (void)state;
    assert_int_equal(questions_markdown_roles(text, strlen(text), &roles,
                                              &count), 0);
    assert_int_equal(count, 2);
    assert_string_equal(roles[0].name, "ml-engineer");
    assert_string_equal(roles[0].focus, "Pipelines \\| training");
    assert_string_equal(roles[0].thinking_pattern, "");
    assert_string_equal(roles[1].name, "data-scientist");
    questions_role_infos_free(roles, count);
}

static void test_import_empty_or_missing_collection(void **state)
{
    struct question_import_result r;
    char empty[256], out[600];

    (void)state;
    support_tmpdir(empty, sizeof empty);
    snprintf(out, sizeof out, "%s/out", empty);
    assert_int_equal(questions_import(empty, out, &r), -1);
    assert_int_equal(r.role_count, 0);
    assert_int_equal(r.failures.count, 1);
    assert_non_null(strstr(r.failures.items[0].message, "no role folder"));
    questions_import_result_free(&r);

    assert_int_equal(questions_import("/nonexistent/dir", out, &r), -1);
    assert_int_equal(r.failures.count, 1);
    questions_import_result_free(&r);

    /* An output path that is a file is refused before anything is read. */
    snprintf(out, sizeof out, "%s/file", empty);
    support_write(out, "x", 1);
    assert_int_equal(questions_import(COLLECTION, out, &r), -1);
    assert_int_equal(r.role_count, 0);
    assert_non_null(strstr(r.failures.items[0].message, "output folder"));
    questions_import_result_free(&r);
    support_remove_tree(empty);
}

/* A clean collection returns 0 and output files pass questions_load. */
static void test_import_clean_collection_succeeds(void **state)
{
    struct question_import_result r;
    char dir[256], path[600], out[600];
    const char *text = "## Topic: Odd: \"quotes\" & 'colons': null\n\n"
                       "### Question\n\n> - looks like a list: [1, 2]\n\n"
                       "### Answer\n\n#### null\n\n#### ~\n\n"
                       "Trailing spaces here   \n\tand a tab.\n";
    struct question_script *s;
    struct question_problems problems = { 0 };

    (void)state;
    support_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/Odd_Role", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/Odd_Role/q.md", dir);
    support_write(path, text, strlen(text));
    snprintf(out, sizeof out, "%s/out", dir);

    assert_int_equal(questions_import(dir, out, &r), 0);
    assert_int_equal(r.failures.count, 0);
    assert_int_equal(questions_load(r.roles[0].output_path, &s, &problems),
                     0);
    assert_string_equal(s->questions[0].topic,
                        "Odd: \"quotes\" & 'colons': null");
    assert_string_equal(s->questions[0].prompt,
                        "- looks like a list: [1, 2]");
    assert_string_equal(s->questions[0].key_points.items[0], "null");
    assert_string_equal(s->questions[0].key_points.items[1], "~");
    assert_non_null(strstr(s->questions[0].reference, "here   \n\tand"));
    questions_script_free(s);
    questions_import_result_free(&r);
    support_remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_import_counts_roles_and_names_the_bad_file),
        cmocka_unit_test(test_import_role_from_readme_table),
        cmocka_unit_test(test_import_question_with_headings),
        cmocka_unit_test(test_import_question_with_bullets_bom_crlf),
        cmocka_unit_test(test_import_key_point_from_prose),
        cmocka_unit_test(test_import_markdown_failures),
        cmocka_unit_test(test_import_readme_table_is_tolerant),
        cmocka_unit_test(test_import_empty_or_missing_collection),
        cmocka_unit_test(test_import_clean_collection_succeeds),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
