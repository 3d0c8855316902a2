/*
 * The session state machine under a fake monotonic clock: every transition,
 * pause accounting, cues, overtime, hard stop, retake, skip, quit and the
 * resume position. The clock is a plain number the test moves forward.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <sessions/internal.h>

struct rig {
    struct machine m;
    struct machine_question plan[3];
    struct machine_config config;
    struct machine_actions last;
    int64_t now;                   /* the fake clock, ms */
};

static struct rig rig;

static void rig_setup(int think_ms, int answer_ms, bool hard_stop,
                      bool no_review, size_t start)
{
    memset(&rig, 0, sizeof rig);
    for (int i = 0; i < 3; i++) {
        rig.plan[i].think_ms = think_ms;
        rig.plan[i].answer_ms = answer_ms;
        rig.plan[i].key_points = 3;
    }
    rig.config.questions = rig.plan;
    rig.config.count = 3;
    rig.config.start = start;
    rig.config.hard_stop = hard_stop;
    rig.config.no_review = no_review;
    rig.now = 1000;
    machine_init(&rig.m, &rig.config, rig.now, &rig.last);
}

static void feed(enum machine_event_kind kind, int key)
{
    struct machine_event event = { kind, key, rig.now };

    rig.last.count = 0;
    machine_feed(&rig.m, &event, &rig.last);
}

static void key(int k)
{
    feed(MACHINE_EV_KEY, k);
}

static void advance(int64_t ms)
{
    rig.now += ms;
    feed(MACHINE_EV_TICK, 0);
}

/* The first frame arrived `late` ms before the caller noticed. */
static void audio_started(int64_t late)
{
    struct machine_event event = { MACHINE_EV_AUDIO_STARTED, 0,
                                   rig.now - late };

    rig.last.count = 0;
    machine_feed(&rig.m, &event, &rig.last);
}

static bool did(enum machine_action action)
{
    for (int i = 0; i < rig.last.count; i++)
        if (rig.last.items[i].action == action)
            return true;
    return false;
}

static int index_of(enum machine_action action)
{
    for (int i = 0; i < rig.last.count; i++)
        if (rig.last.items[i].action == action)
            return i;
    return -1;
}

/* Intro, Enter, think runs out, the take starts and its first frame comes. */
static void reach_answer(void)
{
    key(MACHINE_KEY_ENTER);
    if (rig.m.state == MACHINE_THINK)
        advance(rig.plan[rig.m.current].think_ms);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    audio_started(0);
}

static void test_machine_intro_waits_for_enter(void **state)
{
    (void)state;
    rig_setup(5000, 90000, false, false, 0);
    assert_int_equal(rig.m.state, MACHINE_INTRO);
    advance(60000);
    assert_int_equal(rig.m.state, MACHINE_INTRO);
    key('x');
    assert_int_equal(rig.m.state, MACHINE_INTRO);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.state, MACHINE_THINK);
    assert_true(did(MACHINE_DO_SAVE));
    assert_int_equal(machine_remaining(&rig.m, rig.now), 5000);
}

static void test_machine_auto_start_skips_intro(void **state)
{
    struct machine_actions out = { .count = 0 };

    (void)state;
    rig_setup(0, 3000, true, true, 0);
    rig.config.auto_start = true;
    machine_init(&rig.m, &rig.config, rig.now, &out);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_int_equal(out.items[out.count - 2].action, MACHINE_DO_START_TAKE);
    assert_int_equal(out.items[out.count - 1].action, MACHINE_DO_SAVE);
}

static void test_machine_think_counts_down_then_answers(void **state)
{
    (void)state;
    rig_setup(5000, 90000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    advance(4999);
    assert_int_equal(rig.m.state, MACHINE_THINK);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 1);
    advance(1);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_true(did(MACHINE_DO_START_TAKE));
    assert_true(index_of(MACHINE_DO_START_TAKE) < index_of(MACHINE_DO_SAVE));
}

static void test_machine_enter_starts_answer_early(void **state)
{
    (void)state;
    rig_setup(5000, 90000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    advance(1000);
    key(' ');
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_true(did(MACHINE_DO_START_TAKE));
}

static void test_machine_zero_think_goes_straight_to_answer(void **state)
{
    (void)state;
    rig_setup(0, 90000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_true(did(MACHINE_DO_START_TAKE));
}

static void test_machine_clock_starts_at_first_frame(void **state)
{
    (void)state;
    rig_setup(0, 90000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    advance(400);
    assert_false(rig.m.clock_started);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 90000);
    audio_started(30);
    assert_true(rig.m.clock_started);
    assert_int_equal(machine_elapsed(&rig.m, rig.now), 30);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 90000 - 30);
}

static void test_machine_cues_ring_once_each(void **state)
{
    int bells = 0;

    (void)state;
    rig_setup(0, 90000, false, false, 0);
    reach_answer();
    assert_int_equal(rig.m.cue, MACHINE_CUE_GREEN);
    assert_true(did(MACHINE_DO_BELL));
    for (int i = 0; i < 29; i++) {
        advance(1000);
        bells += did(MACHINE_DO_BELL);
    }
    assert_int_equal(bells, 0);
    advance(1000);
    assert_int_equal(rig.m.cue, MACHINE_CUE_AMBER);
    assert_true(did(MACHINE_DO_BELL));
    advance(29999);
    assert_int_equal(rig.m.cue, MACHINE_CUE_AMBER);
    advance(1);
    assert_int_equal(rig.m.cue, MACHINE_CUE_RED);
    assert_true(did(MACHINE_DO_BELL));
    advance(100);
    assert_false(did(MACHINE_DO_BELL));
}

static void test_machine_short_limit_starts_red(void **state)
{
    (void)state;
    rig_setup(0, 3000, false, false, 0);
    reach_answer();
    assert_int_equal(rig.m.cue, MACHINE_CUE_RED);
    assert_int_equal(machine_cue_for(61000), MACHINE_CUE_GREEN);
    assert_int_equal(machine_cue_for(60000), MACHINE_CUE_AMBER);
    assert_int_equal(machine_cue_for(30000), MACHINE_CUE_RED);
    assert_int_equal(machine_cue_for(0), MACHINE_CUE_OVER);
}

static void test_machine_overtime_keeps_recording(void **state)
{
    (void)state;
    rig_setup(0, 3000, false, false, 0);
    reach_answer();
    advance(3000);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_int_equal(rig.m.cue, MACHINE_CUE_OVER);
    advance(2500);
    assert_int_equal(machine_remaining(&rig.m, rig.now), -2500);
    key(MACHINE_KEY_ENTER);
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_true(did(MACHINE_DO_MARK_ANSWERED));
    assert_int_equal(rig.m.take_timer_ms, 5500);
    assert_int_equal(rig.m.take_overtime_ms, 2500);
    assert_int_equal(rig.m.state, MACHINE_REVIEW);
}

static void test_machine_hard_stop_at_zero(void **state)
{
    (void)state;
    rig_setup(0, 3000, true, false, 0);
    reach_answer();
    advance(2950);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    advance(70);
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_int_equal(rig.m.state, MACHINE_REVIEW);
    assert_int_equal(rig.m.take_timer_ms, 3020);
    assert_int_equal(rig.m.take_overtime_ms, 0);
}

static void test_machine_pause_shifts_deadline(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(2000);
    key('p');
    assert_int_equal(rig.m.state, MACHINE_PAUSED);
    assert_true(did(MACHINE_DO_PAUSE_TAKE));
    advance(60000);
    assert_int_equal(rig.m.state, MACHINE_PAUSED);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 8000);
    key('p');
    assert_true(did(MACHINE_DO_RESUME_TAKE));
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    advance(3000);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 5000);
    key('p');
    advance(500);
    key(MACHINE_KEY_ENTER);         /* finishing while paused */
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_int_equal(rig.m.take_timer_ms, 5000);
    assert_int_equal(rig.m.paused_total, 60500);
}

static void test_machine_pause_in_think(void **state)
{
    (void)state;
    rig_setup(5000, 10000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    advance(1000);
    key('p');
    advance(20000);
    assert_int_equal(rig.m.state, MACHINE_PAUSED);
    key('p');
    assert_int_equal(rig.m.state, MACHINE_THINK);
    assert_false(did(MACHINE_DO_RESUME_TAKE));
    assert_int_equal(machine_remaining(&rig.m, rig.now), 4000);
}

static void test_machine_suspend_pauses_take(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(1000);
    feed(MACHINE_EV_SUSPEND, 0);
    assert_int_equal(rig.m.state, MACHINE_PAUSED);
    assert_true(index_of(MACHINE_DO_PAUSE_TAKE) <
                index_of(MACHINE_DO_SUSPEND));
    advance(5000);
    assert_int_equal(rig.m.state, MACHINE_PAUSED);
    assert_int_equal(machine_elapsed(&rig.m, rig.now), 1000);
}

static void test_machine_review_collects_assessment(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(1000);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.review.step, REVIEW_COVERED);
    key('1');
    key('3');
    key('3');
    key('3');
    key('9');                       /* no ninth point: ignored */
    assert_true(rig.m.review.covered[0]);
    assert_false(rig.m.review.covered[1]);
    assert_true(rig.m.review.covered[2]);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.review.step, REVIEW_SCORES);
    key('4');
    key('7');                       /* out of range: ignored */
    key('-');
    key(MACHINE_KEY_BACKSPACE);
    key('2');
    key('5');
    key('3');
    assert_int_equal(rig.m.review.step, REVIEW_DONE);
    assert_int_equal(rig.m.review.scores[0], 4);
    assert_int_equal(rig.m.review.scores[1], 2);
    assert_int_equal(rig.m.review.scores[2], 5);
    assert_int_equal(rig.m.review.scores[3], 3);
    key('e');                       /* the note, on purpose */
    assert_int_equal(rig.m.review.step, REVIEW_NOTE);
    key('n');                       /* text now, not "next" */
    key('o');
    key('x');
    key(MACHINE_KEY_BACKSPACE);
    key('?');
    assert_string_equal(rig.m.review.note, "no?");
    assert_false(rig.m.show_help);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.review.step, REVIEW_DONE);
    key('n');
    assert_true(index_of(MACHINE_DO_STORE_REVIEW) >= 0);
    /* The review outlives the pass that stores it. */
    assert_int_equal(rig.m.review.scores[0], 4);
    assert_string_equal(rig.m.review.note, "no?");
    assert_int_equal(rig.m.current, 1);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
}

static void test_machine_retake_starts_from_full_limit(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(7000);
    key(MACHINE_KEY_ENTER);
    assert_false(rig.m.review.touched);
    key('2');
    assert_true(rig.m.review.touched);
    key('r');
    assert_true(index_of(MACHINE_DO_STORE_REVIEW) <
                index_of(MACHINE_DO_START_TAKE));
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_int_equal(rig.m.current, 0);
    assert_int_equal(rig.m.take, 2);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 10000);
    audio_started(0);
    advance(1000);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 9000);
    assert_int_equal(rig.m.paused_total, 0);
}

static void test_machine_skip_in_answer_and_think(void **state)
{
    (void)state;
    rig_setup(2000, 10000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    key('s');                       /* in think: no take to stop */
    assert_false(did(MACHINE_DO_STOP_TAKE));
    assert_true(did(MACHINE_DO_MARK_SKIPPED));
    assert_int_equal(rig.m.current, 1);
    assert_int_equal(rig.m.state, MACHINE_THINK);
    advance(2000);
    audio_started(0);
    advance(500);
    key('s');
    assert_true(index_of(MACHINE_DO_STOP_TAKE) <
                index_of(MACHINE_DO_MARK_SKIPPED));
    assert_false(did(MACHINE_DO_MARK_ANSWERED));
    assert_int_equal(rig.m.current, 2);
}

/* Skipping a retake gives up the retake, not the answer before it. */
static void test_machine_skip_retake_keeps_answered(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(2000);
    key(MACHINE_KEY_ENTER);
    assert_true(did(MACHINE_DO_MARK_ANSWERED));
    assert_false(rig.m.take_abandoned);
    key('r');
    audio_started(0);
    advance(1000);
    key('s');
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_false(did(MACHINE_DO_MARK_SKIPPED));
    assert_true(rig.m.take_abandoned);
    assert_int_equal(rig.m.take_timer_ms, 1000);
    assert_int_equal(rig.m.current, 1);
}

static void test_machine_skip_first_take_is_abandoned(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    key('s');
    assert_true(did(MACHINE_DO_MARK_SKIPPED));
    assert_true(rig.m.take_abandoned);
}

/* Disk or device cut the take short: kept, interrupted, session over. */
static void test_machine_audio_failure_stops_session(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(2100);
    feed(MACHINE_EV_AUDIO_FAILED, 0);
    assert_int_equal(rig.m.state, MACHINE_QUIT);
    assert_true(rig.m.terminated);
    assert_true(index_of(MACHINE_DO_STOP_TAKE) <
                index_of(MACHINE_DO_MARK_INTERRUPTED));
    assert_false(did(MACHINE_DO_MARK_ANSWERED));
    assert_true(index_of(MACHINE_DO_SAVE) < index_of(MACHINE_DO_REPORT));
    assert_int_equal(rig.m.take_timer_ms, 2100);

    /* A failed retake leaves the finished answer as it was. */
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    key(MACHINE_KEY_ENTER);
    key('r');
    audio_started(0);
    feed(MACHINE_EV_AUDIO_FAILED, 0);
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_false(did(MACHINE_DO_MARK_INTERRUPTED));
    assert_int_equal(rig.m.state, MACHINE_QUIT);
}

/* Quitting on the intro asks nothing: the runner may drop the session. */
static void test_machine_quit_on_intro_begins_nothing(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    key('q');
    assert_int_equal(rig.m.state, MACHINE_QUIT);
    assert_false(rig.m.begun);
    rig_setup(5000, 10000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    key('q');
    assert_true(rig.m.begun);
}

static void test_machine_quit_mid_answer(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    advance(1500);
    feed(MACHINE_EV_INTERRUPT, 0);
    assert_int_equal(rig.m.state, MACHINE_QUIT);
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_true(did(MACHINE_DO_MARK_INTERRUPTED));
    assert_true(index_of(MACHINE_DO_SAVE) < index_of(MACHINE_DO_REPORT));
    assert_int_equal(rig.m.take_timer_ms, 1500);
    assert_true(machine_finished(&rig.m));
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.last.count, 0);
}

static void test_machine_quit_during_retake_keeps_answered(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    key(MACHINE_KEY_ENTER);
    key('r');
    audio_started(0);
    key('q');
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_false(did(MACHINE_DO_MARK_INTERRUPTED));
}

static void test_machine_quit_in_review_stores_it(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    key(MACHINE_KEY_ENTER);
    key('2');
    key('q');
    assert_true(did(MACHINE_DO_STORE_REVIEW));
    assert_false(did(MACHINE_DO_STOP_TAKE));
    assert_int_equal(rig.m.state, MACHINE_QUIT);
}

static void test_machine_terminate_marks_session(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    reach_answer();
    feed(MACHINE_EV_TERMINATE, 0);
    assert_true(rig.m.terminated);
    assert_true(did(MACHINE_DO_STOP_TAKE));
    assert_int_equal(rig.m.state, MACHINE_QUIT);
}

static void test_machine_audio_end_finishes_take(void **state)
{
    (void)state;
    rig_setup(0, 10000, true, true, 0);
    reach_answer();
    advance(2500);
    feed(MACHINE_EV_AUDIO_ENDED, 0);
    assert_true(did(MACHINE_DO_MARK_ANSWERED));
    /* One pass stops question 0's take and starts question 1's. */
    assert_int_equal(rig.last.items[index_of(MACHINE_DO_STOP_TAKE)].question,
                     0);
    assert_int_equal(
        rig.last.items[index_of(MACHINE_DO_MARK_ANSWERED)].question, 0);
    assert_int_equal(rig.last.items[index_of(MACHINE_DO_START_TAKE)].question,
                     1);
    assert_int_equal(rig.m.take_timer_ms, 2500);
    assert_int_equal(rig.m.current, 1);        /* no review */
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
}

static void test_machine_audio_failure_before_start_quits(void **state)
{
    (void)state;
    rig_setup(0, 10000, false, false, 0);
    key(MACHINE_KEY_ENTER);
    feed(MACHINE_EV_AUDIO_ENDED, 0);
    assert_int_equal(rig.m.state, MACHINE_QUIT);
    assert_true(rig.m.terminated);
    assert_true(did(MACHINE_DO_MARK_INTERRUPTED));
}

static void test_machine_runs_to_done(void **state)
{
    (void)state;
    rig_setup(0, 3000, true, true, 0);
    key(MACHINE_KEY_ENTER);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(rig.m.current, (size_t)i);
        audio_started(0);
        advance(3000);
        assert_true(did(MACHINE_DO_STOP_TAKE));
    }
    assert_int_equal(rig.m.state, MACHINE_DONE);
    assert_true(did(MACHINE_DO_REPORT));
}

static void test_machine_resume_position(void **state)
{
    (void)state;
    rig_setup(0, 3000, true, true, 2);
    assert_int_equal(rig.m.state, MACHINE_INTRO);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.current, 2);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);

    rig_setup(0, 3000, true, true, 3);          /* nothing left */
    assert_int_equal(rig.m.state, MACHINE_DONE);
    assert_true(did(MACHINE_DO_REPORT));
}

static void test_machine_help_toggles(void **state)
{
    (void)state;
    rig_setup(0, 3000, false, false, 0);
    reach_answer();
    key('?');
    assert_true(rig.m.show_help);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    key('?');
    assert_false(rig.m.show_help);
    key('?');
    key(MACHINE_KEY_ESCAPE);
    assert_false(rig.m.show_help);
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
}

/* Help belongs to the screen it was opened on: any phase change closes it. */
static void test_machine_help_closes_on_phase_change(void **state)
{
    (void)state;
    rig_setup(5000, 3000, false, false, 0);
    key('?');
    assert_true(rig.m.show_help);
    key(MACHINE_KEY_ENTER);         /* keys still work under help */
    assert_int_equal(rig.m.state, MACHINE_THINK);
    assert_false(rig.m.show_help);
    key('?');
    advance(5000);                  /* think time over: answering */
    assert_int_equal(rig.m.state, MACHINE_ANSWER);
    assert_false(rig.m.show_help);
    audio_started(0);
    key('?');
    advance(1000);                  /* the clock runs on under help */
    assert_true(rig.m.show_help);
    assert_int_equal(machine_remaining(&rig.m, rig.now), 2000);
    key(MACHINE_KEY_ENTER);
    assert_int_equal(rig.m.state, MACHINE_REVIEW);
    assert_false(rig.m.show_help);
    key('?');
    key('e');                       /* the note's keys are text: no help */
    assert_false(rig.m.show_help);
    key('?');
    assert_string_equal(rig.m.review.note, "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_machine_intro_waits_for_enter),
        cmocka_unit_test(test_machine_auto_start_skips_intro),
        cmocka_unit_test(test_machine_think_counts_down_then_answers),
        cmocka_unit_test(test_machine_enter_starts_answer_early),
        cmocka_unit_test(test_machine_zero_think_goes_straight_to_answer),
        cmocka_unit_test(test_machine_clock_starts_at_first_frame),
        cmocka_unit_test(test_machine_cues_ring_once_each),
        cmocka_unit_test(test_machine_short_limit_starts_red),
        cmocka_unit_test(test_machine_overtime_keeps_recording),
        cmocka_unit_test(test_machine_hard_stop_at_zero),
        cmocka_unit_test(test_machine_pause_shifts_deadline),
        cmocka_unit_test(test_machine_pause_in_think),
        cmocka_unit_test(test_machine_suspend_pauses_take),
        cmocka_unit_test(test_machine_review_collects_assessment),
        cmocka_unit_test(test_machine_retake_starts_from_full_limit),
        cmocka_unit_test(test_machine_skip_in_answer_and_think),
        cmocka_unit_test(test_machine_quit_mid_answer),
        cmocka_unit_test(test_machine_quit_during_retake_keeps_answered),
        cmocka_unit_test(test_machine_quit_in_review_stores_it),
        cmocka_unit_test(test_machine_terminate_marks_session),
        cmocka_unit_test(test_machine_audio_end_finishes_take),
        cmocka_unit_test(test_machine_audio_failure_before_start_quits),
        cmocka_unit_test(test_machine_runs_to_done),
        cmocka_unit_test(test_machine_resume_position),
        cmocka_unit_test(test_machine_help_toggles),
        cmocka_unit_test(test_machine_help_closes_on_phase_change),
        cmocka_unit_test(test_machine_skip_retake_keeps_answered),
        cmocka_unit_test(test_machine_skip_first_take_is_abandoned),
        cmocka_unit_test(test_machine_audio_failure_stops_session),
        cmocka_unit_test(test_machine_quit_on_intro_begins_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
