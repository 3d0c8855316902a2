/*
 * The numbers of reports/score.c: time formats, rounded averages, key
 * points and the reasons to practise a question again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include <reports/internal.h>

static void test_score_time_format(void **state)
{
    static const struct {
        double seconds;
        const char *text;
    } rows[] = {
        { 0, "0:00" }, { 0.49, "0:00" }, { 0.5, "0:01" }, { 59.6, "1:00" },
        { 102.4, "1:42" }, { 3599.4, "59:59" }, { 3600, "1:00:00" },
        { 3725, "1:02:05" }, { 36000 + 61, "10:01:01" }, { -5, "0:00" },
        { NAN, "0:00" },
    };
    char buf[32];

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        report_format_time(buf, sizeof buf, report_seconds(rows[i].seconds));
        assert_string_equal(buf, rows[i].text);
    }
}

static void test_score_average(void **state)
{
    static const struct {
        int scores[REPORT_DIMENSIONS];
        int tenths;
    } rows[] = {
        { { 4, 3, 4, 4 }, 38 },      /* 3.75 rounds up */
        { { 2, 3, 2, 0 }, 23 },      /* 0 = not scored */
        { { 0, 0, 0, 0 }, -1 },
        { { 5, 9, -1, 6 }, 50 },     /* out of range counts as not scored */
        { { 1, 1, 1, 2 }, 13 },      /* 1.25 */
    };

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        assert_int_equal(report_average_tenths(rows[i].scores,
                                               REPORT_DIMENSIONS),
                         rows[i].tenths);
}

static const char *const points[] = { "a", "b", "c", "d" };
static const bool few[] = { true, false, false, false };
static const bool half[] = { true, true, false, false };

static struct report_question question(void)
{
    struct report_question q;

    memset(&q, 0, sizeof q);
    q.key_points = points;
    q.key_point_count = 4;
    q.answer_time = 100;
    q.state = REPORT_ANSWERED;
    return q;
}

static void test_score_reasons(void **state)
{
    struct report_question q = question();
    struct report_assessment early = { "self", { 1, 1, 1, 1 }, few, NULL };
    struct report_assessment both[2] = {
        early, { "review", { 3, 3, 3, 3 }, half, NULL },
    };
    struct report_take take = { "t.wav", 120, 20, false };
    struct report_take later = { "t.wav", 121, 21, false };
    size_t covered;

    (void)state;
    assert_int_equal(report_question_reasons(&q), 0);
    assert_false(report_question_covered(&q, &covered));

    q.assessments = &early;
    q.assessment_count = 1;
    assert_int_equal(report_question_reasons(&q),
                     REPORT_WHY_LOW_RUBRIC | REPORT_WHY_FEW_POINTS);

    /* The last assessment is the one that counts. */
    q.assessments = both;
    q.assessment_count = 2;
    assert_int_equal(report_question_reasons(&q), 0);
    assert_true(report_question_covered(&q, &covered));
    assert_int_equal(covered, 2);

    /* 20% over is allowed, 21% is not. */
    q.takes = &take;
    q.take_count = 1;
    assert_int_equal(report_question_reasons(&q), 0);
    q.takes = &later;
    assert_int_equal(report_question_reasons(&q), REPORT_WHY_OVERTIME);

    q.state = REPORT_SKIPPED;
    assert_true(report_question_reasons(&q) & REPORT_WHY_SKIPPED);
    q.state = REPORT_INTERRUPTED;
    assert_true(report_question_reasons(&q) & REPORT_WHY_INTERRUPTED);
}

/* An abandoned retake is kept, but the finished answer is what counts. */
static void test_score_last_take_skips_abandoned_retakes(void **state)
{
    struct report_take takes[] = {
        { "t1.wav", 100, 0, false },
        { "t2.wav", 80, 0, false },
        { "t3.wav", 4, 0, true },
    };
    struct report_question q = { .takes = takes, .take_count = 3 };

    (void)state;
    assert_ptr_equal(report_last_take(&q), &takes[1]);
    takes[1].interrupted = true;
    assert_ptr_equal(report_last_take(&q), &takes[0]);
    takes[0].interrupted = true;
    assert_ptr_equal(report_last_take(&q), &takes[2]);
    q.take_count = 0;
    assert_null(report_last_take(&q));
}

static void test_score_dimension_names(void **state)
{
    (void)state;
    assert_string_equal(report_dimension_name(REPORT_SYSTEM_THINKING),
                        "System thinking");
    assert_string_equal(report_dimension_name(REPORT_COMMUNICATION),
                        "Communication");
    assert_string_equal(report_dimension_name(REPORT_DIMENSIONS), "Unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_time_format),
        cmocka_unit_test(test_score_average),
        cmocka_unit_test(test_score_reasons),
        cmocka_unit_test(test_score_dimension_names),
        cmocka_unit_test(test_score_last_take_skips_abandoned_retakes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
