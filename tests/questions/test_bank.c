/*
 * The bundled banks in questions/bank/ and the functions that find them.
 * Every bank file must load without a single problem, and the banks must
 * keep our own content rules: exactly the five roles, each with an intro
 * and at least ten questions, references of 200 to 450 words, 3 to 7 key
 * points per question, and at least three topics shared between roles.
 */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "support.h"

#define BANK_DIR MI_SOURCE_DIR "/questions/bank"
#define MAX_SCRIPTS 32

static const char *const ROLES[] = { "ai-architect", "ai-engineer",
                                     "ai-researcher", "data-scientist",
                                     "ml-engineer" };
enum { ROLE_COUNT = sizeof ROLES / sizeof *ROLES };

static struct question_script *scripts[MAX_SCRIPTS];
static size_t script_count;
static size_t problem_count;

static bool is_yaml(const char *name)
{
    size_t len = strlen(name);

    return len > 5 && strcmp(name + len - 5, ".yaml") == 0;
}

/* Loads every bank file; problems are printed and counted for the tests. */
static int setup(void **state)
{
    struct question_problems problems = { 0 };
    DIR *dir = opendir(BANK_DIR);
    struct dirent *e;
    char path[1024];

    (void)state;
    if (!dir)
        return 0;
    while ((e = readdir(dir)) && script_count < MAX_SCRIPTS) {
        struct question_script *s;

        if (!is_yaml(e->d_name))
            continue;
        snprintf(path, sizeof path, "%s/%s", BANK_DIR, e->d_name);
        if (questions_load(path, &s, &problems) == 0)
            scripts[script_count++] = s;
    }
    closedir(dir);

    for (size_t i = 0; i < problems.count; i++)
        print_error("%s:%d:%d: %s\n", problems.items[i].path,
                    problems.items[i].line, problems.items[i].column,
                    problems.items[i].message);
    problem_count = problems.count;
    questions_problems_free(&problems);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < script_count; i++)
        questions_script_free(scripts[i]);
    return 0;
}

static const struct question_script *find_role(const char *role)
{
    for (size_t i = 0; i < script_count; i++) {
        if (strcmp(scripts[i]->role, role) == 0)
            return scripts[i];
    }
    return NULL;
}

static void test_bank_every_file_loads(void **state)
{
    (void)state;
    if (script_count == 0)
        fail_msg("no bank file loaded from %s", BANK_DIR);
    assert_int_equal(problem_count, 0);
}

static void test_bank_has_exactly_the_five_roles(void **state)
{
    char expected[300];

    (void)state;
    assert_int_equal(script_count, ROLE_COUNT);
    for (size_t i = 0; i < ROLE_COUNT; i++) {
        const struct question_script *s = find_role(ROLES[i]);

        if (!s)
            fail_msg("no bank for role %s", ROLES[i]);
        snprintf(expected, sizeof expected, "%s/%s.yaml", BANK_DIR, ROLES[i]);
        assert_string_equal(s->path, expected);
        if (!s->intro)
            fail_msg("%s has no intro", ROLES[i]);
        if (s->count < 10)
            fail_msg("%s has %zu questions, fewer than 10", ROLES[i],
                     s->count);
    }
}

static size_t count_words(const char *text)
{
    size_t words = 0;
    bool in_word = false;

    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        bool space = isspace(*p);

        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}

static void test_bank_references_and_key_points(void **state)
{
    int bad = 0;

    (void)state;
    assert_true(script_count > 0);
    for (size_t i = 0; i < script_count; i++) {
        for (size_t j = 0; j < scripts[i]->count; j++) {
            const struct question *q = &scripts[i]->questions[j];
            size_t words = count_words(q->reference);

            if (words < 200 || words > 450) {
                print_error("%s: %s: reference has %zu words\n",
                            scripts[i]->role, q->id, words);
                bad++;
            }
            if (q->key_points.count < 3 || q->key_points.count > 7) {
                print_error("%s: %s: %zu key points\n", scripts[i]->role,
                            q->id, q->key_points.count);
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* How many roles ask a question with exactly this topic text. */
static size_t roles_with_topic(const char *topic)
{
    size_t roles = 0;

    for (size_t i = 0; i < script_count; i++) {
        for (size_t j = 0; j < scripts[i]->count; j++) {
            if (strcmp(scripts[i]->questions[j].topic, topic) == 0) {
                roles++;
                break;
            }
        }
    }
    return roles;
}

static bool topic_seen_before(size_t script, size_t question)
{
    const char *topic = scripts[script]->questions[question].topic;

    for (size_t i = 0; i <= script; i++) {
        size_t end = i == script ? question : scripts[i]->count;

        for (size_t j = 0; j < end; j++) {
            if (strcmp(scripts[i]->questions[j].topic, topic) == 0)
                return true;
        }
    }
    return false;
}

static void test_bank_topics_shared_across_roles(void **state)
{
    size_t shared = 0;

    (void)state;
    for (size_t i = 0; i < script_count; i++) {
        for (size_t j = 0; j < scripts[i]->count; j++) {
            if (!topic_seen_before(i, j)
                && roles_with_topic(scripts[i]->questions[j].topic) > 1)
                shared++;
        }
    }
    if (shared < 3)
        fail_msg("only %zu topics appear in more than one role", shared);
}

/* ---- Finding banks, on a scratch folder -------------------------------- */

static void test_bank_dir_from_environment(void **state)
{
    char dir[256], path[600];
    struct string_list roles;

    (void)state;
    support_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/zeta.yaml", dir);
    support_write(path, "x", 1);
    snprintf(path, sizeof path, "%s/alpha.yaml", dir);
    support_write(path, "x", 1);
    snprintf(path, sizeof path, "%s/Not_A_Role.yaml", dir);
    support_write(path, "x", 1);
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    support_write(path, "x", 1);

    setenv("MOCKINTERVIEW_BANK_DIR", dir, 1);
    assert_string_equal(questions_bank_dir(), dir);

    assert_int_equal(questions_bank_roles(&roles), 0);
    assert_int_equal(roles.count, 2);
    assert_string_equal(roles.items[0], "alpha");
    assert_string_equal(roles.items[1], "zeta");
    questions_string_list_free(&roles);

    assert_int_equal(questions_bank_path("zeta", path, sizeof path), 0);
    assert_non_null(strstr(path, "/zeta.yaml"));
    assert_int_equal(questions_bank_path("missing", path, sizeof path), -1);
    assert_int_equal(questions_bank_path("../zeta", path, sizeof path), -1);
    assert_int_equal(questions_bank_path("zeta", path, 8), -1);

    unsetenv("MOCKINTERVIEW_BANK_DIR");
    support_remove_tree(dir);
}

/* Without the variable, a test binary (not installed) uses the source. */
static void test_bank_dir_falls_back_to_source(void **state)
{
    (void)state;
    unsetenv("MOCKINTERVIEW_BANK_DIR");
    assert_string_equal(questions_bank_dir(), BANK_DIR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bank_every_file_loads),
        cmocka_unit_test(test_bank_has_exactly_the_five_roles),
        cmocka_unit_test(test_bank_references_and_key_points),
        cmocka_unit_test(test_bank_topics_shared_across_roles),
        cmocka_unit_test(test_bank_dir_from_environment),
        cmocka_unit_test(test_bank_dir_falls_back_to_source),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
