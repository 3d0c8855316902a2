/*
 * history.c: summaries of past sessions read from their journals, in age
 * order, with unreadable journals counted and left out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sessions/sessions.h>

#define FIXTURES MI_SOURCE_DIR "/tests/sessions/data"

static char root[] = "/tmp/mi-history.XXXXXX";

static char *read_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    char *text = calloc(1, 1 << 16);

    assert_non_null(file);
    assert_non_null(text);
    fread(text, 1, (1 << 16) - 1, file);
    fclose(file);
    return text;
}

/* Copies a fixture journal into root/NAME, replacing one string. */
static void add_session(const char *fixture, const char *name,
                        const char *from, const char *to)
{
    char path[4096], *text = read_text(fixture), *hit;
    FILE *file;

    snprintf(path, sizeof path, "%s/%s", root, name);
    assert_int_equal(mkdir(path, 0700), 0);
    strncat(path, "/session.yaml", sizeof path - strlen(path) - 1);
    file = fopen(path, "wb");
    assert_non_null(file);
    hit = from ? strstr(text, from) : NULL;
    if (hit) {
        fwrite(text, 1, (size_t)(hit - text), file);
        fputs(to, file);
        fputs(hit + strlen(from), file);
    } else {
        fputs(text, file);
    }
    fclose(file);
    free(text);
}

static void test_history_summarises_in_age_order(void **state)
{
    struct session_summary *all;
    struct session_error err = { 0 };
    size_t count, skipped;

    (void)state;
    add_session(FIXTURES "/complete/session.yaml",
                "2026-12-04_090000_ai-engineer", "system_thinking: 4",
                "system_thinking: 2");
    add_session(FIXTURES "/complete/session.yaml",
                "2026-12-03_141502_ai-engineer", NULL, NULL);
    add_session(FIXTURES "/cut-off/session.yaml",
                "2026-12-05_100000_ai-engineer", NULL, NULL);

    assert_int_equal(session_history(root, NULL, &all, &count, &skipped,
                                     &err), 0);
    assert_int_equal(count, 2);
    assert_int_equal(skipped, 1);
    assert_non_null(strstr(all[0].dir, "2026-12-03_141502"));
    assert_string_equal(all[0].role, "ai-engineer");
    assert_string_equal(all[0].date, "2026-12-03 14:15");
    assert_int_equal(all[0].questions, 3);
    assert_int_equal(all[0].answered, 1);
    assert_int_equal(all[0].skipped, 1);
    assert_true(all[0].answer_seconds > 182.7 &&
                all[0].answer_seconds < 182.8);
    assert_int_equal(all[0].averages[0], 40);
    assert_int_equal(all[0].averages[1], 30);
    assert_int_equal(all[0].averages[2], -1);
    assert_int_equal(all[0].averages[3], 50);
    assert_int_equal(all[0].overall, 40);
    assert_int_equal(all[1].averages[0], 20);
    assert_int_equal(all[1].overall, 33);
    free(all);

    assert_int_equal(session_history(root, "data-scientist", &all, &count,
                                     &skipped, &err), 0);
    assert_int_equal(count, 0);
    free(all);
}

static void test_history_of_no_sessions_is_empty(void **state)
{
    struct session_summary *all;
    struct session_error err = { 0 };
    char empty[4200];
    size_t count, skipped;

    (void)state;
    snprintf(empty, sizeof empty, "%s/none", root);
    assert_int_equal(session_history(empty, NULL, &all, &count, &skipped,
                                     &err), 0);
    assert_int_equal(count, 0);
    assert_int_equal(skipped, 0);
    free(all);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    char command[4200];

    (void)state;
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    return system(command) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_history_summarises_in_age_order),
        cmocka_unit_test(test_history_of_no_sessions_is_empty),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
