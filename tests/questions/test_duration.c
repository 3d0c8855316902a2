/*
 * questions_parse_duration and difficulty names: the accepted forms and
 * the near misses that must be refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "support.h"

struct duration_case {
    const char *text;
    int seconds;                   /* -1 = must be refused */
};

static const struct duration_case CASES[] = {
    { "45s", 45 }, { "3m", 180 }, { "2m30s", 150 }, { "90", 90 },
    { "1", 1 }, { "0m5s", 5 }, { "10m0s", 600 }, { "86400", 86400 },
    { "", -1 }, { "0", 0 }, { "0s", 0 }, { "s", -1 }, { "m", -1 },
    { "2m30", -1 }, { "2m60s", -1 }, { "1.5m", -1 }, { "-5", -1 },
    { "3 m", -1 }, { " 3m", -1 }, { "3m ", -1 }, { "3h", -1 },
    { "86401", -1 }, { "9999999", -1 }, { "2s30m", -1 }, { "3M", -1 },
    { "1m1m", -1 },
};

static void test_duration_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        int seconds = -7;
        int rc = questions_parse_duration(CASES[i].text, &seconds);

        if (CASES[i].seconds < 0) {
            if (rc != -1 || seconds != -7)
                fail_msg("'%s' was accepted as %d", CASES[i].text, seconds);
        } else if (rc != 0 || seconds != CASES[i].seconds) {
            fail_msg("'%s' gave rc %d, %d s", CASES[i].text, rc, seconds);
        }
    }
    assert_int_equal(questions_parse_duration(NULL, &(int){ 0 }), -1);
}

static void test_duration_difficulty_names(void **state)
{
    enum question_difficulty d;

    (void)state;
    for (int i = QUESTION_EASY; i <= QUESTION_HARD; i++) {
        assert_int_equal(questions_difficulty_parse(
                             questions_difficulty_name(i), &d), 0);
        assert_int_equal(d, i);
    }
    assert_string_equal(questions_difficulty_name(QUESTION_HARD), "hard");
    assert_int_equal(questions_difficulty_parse("Hard", &d), -1);
    assert_int_equal(questions_difficulty_parse("extreme", &d), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_duration_table),
        cmocka_unit_test(test_duration_difficulty_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
