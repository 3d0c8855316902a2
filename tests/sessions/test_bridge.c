/*
 * Tests of sessions/bridge.c: a fixture journal becomes the plain data of
 * reports.h, and session_report() rebuilds report.md from a session folder
 * (given, or the latest under $XDG_DATA_HOME) with the exit codes the
 * runner hands on: 2 no such session, 3 a bad journal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "journal_helpers.h"

#define FIXTURES MI_TEST_DATA_DIR "/data"

struct fixture {
    char *root;                    /* scratch, removed afterwards */
    char session[4096];            /* a copy of data/complete */
};

/* Copies data/NAME/session.yaml into ROOT/NAME. */
static void copy_fixture(const char *root, const char *name, char *dir,
                         size_t size)
{
    char from[4096], to[4200];
    char *text;
    size_t len = 0;

    snprintf(from, sizeof from, "%s/%s/%s", FIXTURES, name, JOURNAL_FILE);
    snprintf(dir, size, "%s/%s", root, name);
    snprintf(to, sizeof to, "%s/%s", dir, JOURNAL_FILE);
    text = file_read(from, &len);
    assert_non_null(text);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(file_write(to, text, len), 0);
    free(text);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (!f || !(f->root = scratch_dir()))
        return -1;
    copy_fixture(f->root, "complete", f->session, sizeof f->session);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    scratch_remove(f->root);
    free(f);
    return 0;
}

/* ---- journal_to_report ------------------------------------------------- */

static void test_bridge_maps_fixture(void **state)
{
    struct fixture *f = *state;
    struct journal j;
    struct journal_error err;
    struct report_data data;
    const struct report_session *s = &data.session;
    const struct report_question *q;

    if (journal_load(f->session, &j, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(journal_to_report(&j, &data), 0);

    assert_string_equal(s->role, "ai-engineer");
    assert_string_equal(s->title, "AI Engineer");
    assert_string_equal(s->date, "2026-12-03 14:15");
    assert_true(s->thinking_pattern[0] == 'S');
    /* 40.5 + 130.25 + 12 seconds over every take. */
    assert_true(s->total_time > 182.749 && s->total_time < 182.751);
    assert_int_equal(s->question_count, 3);

    q = &s->questions[0];
    assert_int_equal(q->number, 1);
    assert_string_equal(q->id, "rag-eval");
    assert_int_equal(q->state, REPORT_ANSWERED);
    assert_int_equal(q->answer_time, 120);
    assert_int_equal(q->key_point_count, 3);
    assert_string_equal(q->key_points[2], "Faithfulness grading");
    assert_int_equal(q->follow_up_count, 1);
    assert_int_equal(q->take_count, 2);
    assert_string_equal(q->takes[1].file, "recordings/01-rag-eval-t2.wav");
    assert_true(q->takes[1].overtime > 10.249 && q->takes[1].overtime < 10.251);
    assert_int_equal(q->assessment_count, 1);
    assert_string_equal(q->assessments[0].who, "self");
    assert_int_equal(q->assessments[0].scores[REPORT_SYSTEM_THINKING], 4);
    assert_int_equal(q->assessments[0].scores[REPORT_PRACTICAL_JUDGMENT], 0);
    assert_true(q->assessments[0].covered[0]);
    assert_false(q->assessments[0].covered[1]);
    assert_true(q->assessments[0].covered[2]);
    assert_string_equal(q->assessments[0].notes, "Forgot | recall at first");

    q = &s->questions[1];
    assert_int_equal(q->number, 2);
    assert_int_equal(q->state, REPORT_SKIPPED);
    assert_int_equal(q->take_count, 0);
    assert_int_equal(q->assessment_count, 0);

    q = &s->questions[2];
    assert_int_equal(q->state, REPORT_INTERRUPTED);
    assert_int_equal(q->take_count, 1);
    assert_true(q->takes[0].interrupted);
    assert_string_equal(q->takes[0].file, "recordings/03-drift-t1.wav");

    report_data_free(&data);
    journal_free(&j);
}

static void test_bridge_empty_journal(void **state)
{
    struct journal j;
    struct report_data data;

    (void)state;
    memset(&j, 0, sizeof j);
    assert_int_equal(journal_to_report(&j, &data), 0);
    assert_string_equal(data.session.role, "");
    assert_string_equal(data.session.date, "");
    assert_int_equal(data.session.question_count, 0);
    assert_true(data.session.total_time == 0);
    report_data_free(&data);
}

/* ---- session_report ---------------------------------------------------- */

static void test_bridge_report_default_path(void **state)
{
    struct fixture *f = *state;
    struct session_error err;
    char written[4096], want[4200], *text;

    if (session_report(f->session, NULL, written, &err) != 0)
        fail_msg("%d %s", err.exit_code, err.message);
    snprintf(want, sizeof want, "%s/report.md", f->session);
    assert_int_equal(written[0], '/');
    assert_non_null(strstr(written, "/complete/report.md"));

    text = file_read(want, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "AI Engineer"));
    assert_non_null(strstr(text, "How would you tell whether a retrieval"));
    assert_non_null(strstr(text, "recordings/01-rag-eval-t2.wav"));
    assert_non_null(strstr(text, "A feature's token bill doubled"));
    free(text);
}

static void test_bridge_report_is_rebuilt_identically(void **state)
{
    struct fixture *f = *state;
    struct session_error err;
    char written[4096], path[4200], *first, *second;

    snprintf(path, sizeof path, "%s/report.md", f->session);
    assert_int_equal(session_report(f->session, NULL, written, &err), 0);
    first = file_read(path, NULL);
    assert_int_equal(session_report(f->session, NULL, written, &err), 0);
    second = file_read(path, NULL);
    assert_non_null(first);
    assert_non_null(second);
    assert_string_equal(first, second);
    free(first);
    free(second);
}

static void test_bridge_report_out_path(void **state)
{
    struct fixture *f = *state;
    struct session_error err;
    char out[4200], written[4096], *text;

    snprintf(out, sizeof out, "%s/elsewhere.md", f->root);
    if (session_report(f->session, out, written, &err) != 0)
        fail_msg("%d %s", err.exit_code, err.message);
    assert_non_null(strstr(written, "/elsewhere.md"));
    text = file_read(out, NULL);
    assert_non_null(text);
    /* Links now go through the session folder's name. */
    assert_non_null(strstr(text, "complete/recordings/01-rag-eval-t1.wav"));
    free(text);
}

static void test_bridge_report_latest_session(void **state)
{
    struct fixture *f = *state;
    struct session_error err;
    char *saved = xstrdup(getenv("XDG_DATA_HOME"));
    char root[4200], dir[4300], written[4096];

    setenv("XDG_DATA_HOME", f->root, 1);
    assert_int_equal(session_report(NULL, NULL, written, &err), -1);
    assert_int_equal(err.exit_code, SESSION_EXIT_USAGE);
    assert_non_null(strstr(err.message, "no session found"));

    snprintf(root, sizeof root, "%s/mockinterview/sessions", f->root);
    copy_fixture(root, "complete", dir, sizeof dir);
    if (session_report(NULL, NULL, written, &err) != 0)
        fail_msg("%d %s", err.exit_code, err.message);
    assert_non_null(strstr(written, "/mockinterview/sessions/complete/"
                                    "report.md"));

    if (saved)
        setenv("XDG_DATA_HOME", saved, 1);
    else
        unsetenv("XDG_DATA_HOME");
    free(saved);
}

static void test_bridge_report_errors(void **state)
{
    struct fixture *f = *state;
    struct session_error err;
    char dir[4200], written[4096], want[4400];

    snprintf(dir, sizeof dir, "%s/nope", f->root);
    assert_int_equal(session_report(dir, NULL, written, &err), -1);
    assert_int_equal(err.exit_code, SESSION_EXIT_USAGE);
    snprintf(want, sizeof want, "%s: no such session folder", dir);
    assert_string_equal(err.message, want);

    /* A folder without a journal is no session either. */
    assert_int_equal(session_report(f->root, NULL, written, &err), -1);
    assert_int_equal(err.exit_code, SESSION_EXIT_USAGE);
    snprintf(want, sizeof want, "%s: not a session folder (no %s)", f->root,
             JOURNAL_FILE);
    assert_string_equal(err.message, want);

    copy_fixture(f->root, "cut-off", dir, sizeof dir);
    assert_int_equal(session_report(dir, NULL, written, &err), -1);
    assert_int_equal(err.exit_code, SESSION_EXIT_INPUT);
    snprintf(want, sizeof want, "%s/%s:56:", dir, JOURNAL_FILE);
    assert_memory_equal(err.message, want, strlen(want));
    assert_non_null(strstr(err.message, "YAML error"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_bridge_maps_fixture, setup,
                                        teardown),
        cmocka_unit_test(test_bridge_empty_journal),
        cmocka_unit_test_setup_teardown(test_bridge_report_default_path,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_bridge_report_is_rebuilt_identically, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bridge_report_out_path, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bridge_report_latest_session,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_bridge_report_errors, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
