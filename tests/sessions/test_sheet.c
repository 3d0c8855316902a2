/*
 * tests/sessions/test_sheet.c: the review sheet (sessions/sheet.c) that
 * both a session's review phase and `mockinterview review` edit: keys on a
 * blank sheet, a sheet filled from an earlier assessment, which assessment
 * it starts from, and what storing it does to the journal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "journal_helpers.h"

static void keys(struct review_sheet *sheet, const int *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        review_sheet_key(sheet, list[i]);
}

#define KEYS(sheet, ...) \
    keys((sheet), (const int[]){ __VA_ARGS__ }, \
         sizeof (const int[]){ __VA_ARGS__ } / sizeof(int))

/* A question with three key points and one "self" assessment. */
static void sample_question(struct journal_question *q)
{
    struct journal_assessment *a;

    memset(q, 0, sizeof *q);
    q->id = strdup("q1");
    list_set(&q->key_points, (const char *const[]){ "a", "b", "c" }, 3);
    a = journal_assessment_for(q, "self");
    a->scores[REPORT_SYSTEM_THINKING] = 4;
    a->scores[REPORT_TRADE_OFFS] = 3;
    a->scores[REPORT_COMMUNICATION] = 5;
    a->covered[0] = true;
    a->covered[2] = true;
    a->notes = strdup("caf\xc3\xa9 ok");
}

static void test_sheet_blank_keys(void **state)
{
    struct review_sheet s;

    (void)state;
    review_sheet_start(&s, 3);
    assert_int_equal(s.step, REVIEW_COVERED);
    KEYS(&s, '2', '4', ' ');        /* no fourth point; space is nothing */
    assert_true(s.covered[1]);
    assert_false(s.covered[3]);
    assert_true(s.touched);
    KEYS(&s, MACHINE_KEY_ENTER);
    assert_int_equal(s.step, REVIEW_SCORES);
    /* Enter keeps the blank score, '-' skips, Backspace goes back. */
    KEYS(&s, '3', MACHINE_KEY_ENTER, '-', MACHINE_KEY_BACKSPACE, '2', '6',
         '5');
    /* The fourth score ends the sheet: the note is opened on purpose. */
    assert_int_equal(s.step, REVIEW_DONE);
    assert_int_equal(s.scores[0], 3);
    assert_int_equal(s.scores[1], 0);
    assert_int_equal(s.scores[2], 2);
    assert_int_equal(s.scores[3], 5);
    assert_false(review_sheet_typing(&s));
    KEYS(&s, 'e');
    assert_true(review_sheet_typing(&s));
    KEYS(&s, 'n', 'q', MACHINE_KEY_BACKSPACE, '!');
    assert_string_equal(s.note, "n!");
    KEYS(&s, MACHINE_KEY_ENTER);
    assert_int_equal(s.step, REVIEW_DONE);
    assert_false(review_sheet_typing(&s));
    KEYS(&s, '1', MACHINE_KEY_ENTER);  /* done: the caller's keys now */
    assert_false(s.covered[0]);
}

static void test_sheet_many_points_are_capped(void **state)
{
    struct review_sheet s;

    (void)state;
    review_sheet_start(&s, 100);
    assert_int_equal(s.key_points, REVIEW_MAX_POINTS);
    KEYS(&s, '0');
    assert_true(s.covered[9]);
}

static void test_sheet_filled_from_assessment(void **state)
{
    struct journal_question q;
    struct review_sheet s;

    (void)state;
    sample_question(&q);
    review_sheet_fill(&s, 3, &q.assessments[0]);
    assert_false(s.touched);
    assert_int_equal(s.step, REVIEW_COVERED);
    assert_true(s.covered[0]);
    assert_false(s.covered[1]);
    assert_true(s.covered[2]);
    assert_int_equal(s.scores[REPORT_SYSTEM_THINKING], 4);
    assert_int_equal(s.scores[REPORT_PRACTICAL_JUDGMENT], 0);
    assert_string_equal(s.note, "caf\xc3\xa9 ok");

    /* Walking through with Enter keeps everything and touches nothing. */
    KEYS(&s, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER,
         MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER);
    assert_int_equal(s.step, REVIEW_DONE);
    assert_false(s.touched);
    assert_int_equal(s.scores[REPORT_COMMUNICATION], 5);
    assert_int_equal(review_sheet_store(&s, &q, "review"), 0);
    assert_int_equal(q.assessment_count, 1);
    journal_question_free(&q);
}

/* Clearing a filled-in score or note is a change worth storing. */
static void test_sheet_clearing_touches(void **state)
{
    struct journal_question q;
    struct review_sheet s;

    (void)state;
    sample_question(&q);
    review_sheet_fill(&s, 3, &q.assessments[0]);
    KEYS(&s, MACHINE_KEY_ENTER, '0');
    assert_true(s.touched);
    assert_int_equal(s.scores[REPORT_SYSTEM_THINKING], 0);

    review_sheet_fill(&s, 3, &q.assessments[0]);
    KEYS(&s, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER,
         MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, '\t', MACHINE_KEY_BACKSPACE,
         MACHINE_KEY_BACKSPACE, MACHINE_KEY_BACKSPACE,
         MACHINE_KEY_BACKSPACE);
    assert_true(s.touched);
    assert_string_equal(s.note, "caf");   /* "é" went as one character */

    review_sheet_fill(&s, 3, &q.assessments[0]);
    KEYS(&s, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER,
         MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, 'e', 'x',
         MACHINE_KEY_ESCAPE);
    assert_false(s.touched);           /* Esc undid the only change */
    assert_string_equal(s.note, "caf\xc3\xa9 ok");
    assert_int_equal(s.step, REVIEW_DONE);
    journal_question_free(&q);
}

/* Esc undoes only the edit it ends: a note saved before stays. */
static void test_sheet_escape_keeps_saved_note(void **state)
{
    struct review_sheet s;

    (void)state;
    review_sheet_start(&s, 0);
    KEYS(&s, 'e', 'o', 'k', MACHINE_KEY_ENTER);
    assert_string_equal(s.note, "ok");
    KEYS(&s, 'e', ' ', 'm', 'o', 'r', 'e', MACHINE_KEY_ESCAPE);
    assert_string_equal(s.note, "ok");
    assert_int_equal(s.note_length, 2);
    assert_true(s.touched);
    assert_int_equal(s.step, REVIEW_DONE);

    KEYS(&s, 'e', MACHINE_KEY_BACKSPACE, MACHINE_KEY_ESCAPE);
    assert_string_equal(s.note, "ok");
    KEYS(&s, 'e', MACHINE_KEY_BACKSPACE, MACHINE_KEY_BACKSPACE,
         MACHINE_KEY_ENTER);
    assert_int_equal(s.note_length, 0);
}

static void test_sheet_control_codes_in_note(void **state)
{
    struct journal_assessment a;
    struct review_sheet s;

    (void)state;
    memset(&a, 0, sizeof a);
    a.notes = strdup("a\x1b[2Jb\n");
    review_sheet_fill(&s, 0, &a);
    assert_string_equal(s.note, "a [2Jb ");
    free(a.notes);
}

static void test_sheet_source(void **state)
{
    struct journal_question q;

    (void)state;
    memset(&q, 0, sizeof q);
    assert_null(review_sheet_source(&q, "review"));
    sample_question(&q);
    assert_string_equal(review_sheet_source(&q, "review")->who, "self");
    journal_assessment_for(&q, "partner");
    assert_string_equal(review_sheet_source(&q, "review")->who, "partner");
    assert_string_equal(review_sheet_source(&q, "self")->who, "self");
    journal_assessment_for(&q, "review");
    assert_string_equal(review_sheet_source(&q, "partner")->who, "partner");
    assert_string_equal(review_sheet_source(&q, "review")->who, "review");
    journal_question_free(&q);
}

/* A review made from a "self" sheet lands after it, leaving it alone. */
static void test_sheet_store(void **state)
{
    struct journal_question q;
    struct journal_assessment *self, *review;
    struct review_sheet s;

    (void)state;
    sample_question(&q);
    review_sheet_fill(&s, 3, review_sheet_source(&q, "review"));
    KEYS(&s, '2', MACHINE_KEY_ENTER, '5', MACHINE_KEY_ENTER, '1');
    assert_int_equal(review_sheet_store(&s, &q, "review"), 1);
    assert_int_equal(q.assessment_count, 2);
    self = &q.assessments[0];
    review = &q.assessments[1];
    assert_string_equal(self->who, "self");
    assert_string_equal(review->who, "review");
    assert_int_equal(self->scores[REPORT_SYSTEM_THINKING], 4);
    assert_false(self->covered[1]);
    assert_int_equal(review->scores[REPORT_SYSTEM_THINKING], 5);
    assert_int_equal(review->scores[REPORT_TRADE_OFFS], 3);
    assert_int_equal(review->scores[REPORT_PRACTICAL_JUDGMENT], 1);
    assert_int_equal(review->scores[REPORT_COMMUNICATION], 5);
    assert_true(review->covered[0] && review->covered[1] &&
                review->covered[2]);
    assert_string_equal(review->notes, "caf\xc3\xa9 ok");

    /* Stored again with an empty note: the note goes, nothing is added. */
    review_sheet_fill(&s, 3, review);
    KEYS(&s, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, MACHINE_KEY_ENTER,
         MACHINE_KEY_ENTER, MACHINE_KEY_ENTER, 'e');
    for (int i = 0; i < 7; i++)
        KEYS(&s, MACHINE_KEY_BACKSPACE);
    KEYS(&s, MACHINE_KEY_ENTER);
    assert_int_equal(review_sheet_store(&s, &q, "review"), 1);
    assert_int_equal(q.assessment_count, 2);
    assert_null(q.assessments[1].notes);
    journal_question_free(&q);
}

/* Letters before the note is opened are no text, and say how to write. */
static void test_sheet_letters_outside_note(void **state)
{
    struct review_sheet s;

    (void)state;
    review_sheet_start(&s, 3);
    KEYS(&s, MACHINE_KEY_ENTER, '4', 'F', 'o');
    assert_int_equal(s.step, REVIEW_SCORES);
    assert_int_equal(s.score_index, 1);
    assert_true(s.stray_text);
    assert_int_equal(s.note_length, 0);
    KEYS(&s, 'o', MACHINE_KEY_ESCAPE);  /* Esc is no letter */
    assert_false(s.stray_text);
    KEYS(&s, '3');                  /* a real key clears the hint */
    assert_false(s.stray_text);
    assert_int_equal(s.scores[1], 3);
    KEYS(&s, '\t', 'o', 'k');
    assert_int_equal(s.step, REVIEW_NOTE);
    assert_string_equal(s.note, "ok");
    assert_int_equal(s.scores[2], 0);   /* Tab left the scores as they were */
}

/* Code points go in as UTF-8; control codes and surrogates do not. */
static void test_sheet_note_takes_unicode(void **state)
{
    struct review_sheet s;

    (void)state;
    review_sheet_start(&s, 0);
    KEYS(&s, 'e', 'x', ' ', 0xe9, ' ', 'y', ' ', 0x65e5, ' ', 'z', 0x1f600,
         0x07, 0x9b, 0xd800);
    assert_string_equal(s.note, "x \xc3\xa9 y \xe6\x97\xa5 z\xf0\x9f\x98\x80");
    KEYS(&s, MACHINE_KEY_BACKSPACE, MACHINE_KEY_BACKSPACE);
    assert_string_equal(s.note, "x \xc3\xa9 y \xe6\x97\xa5 ");
}

/* A note holds REVIEW_NOTE_MAX bytes; a character that would not fit whole
 * is refused and the sheet says the note is full. */
static void test_sheet_note_limit(void **state)
{
    struct review_sheet s;

    (void)state;
    review_sheet_start(&s, 0);
    review_sheet_key(&s, 'e');
    for (int i = 0; i < REVIEW_NOTE_MAX - 1; i++)
        review_sheet_key(&s, '7');
    assert_false(s.note_full);
    review_sheet_key(&s, 0xe9);     /* two bytes, one left */
    assert_true(s.note_full);
    assert_int_equal(s.note_length, REVIEW_NOTE_MAX - 1);
    review_sheet_key(&s, '8');
    assert_int_equal(s.note_length, REVIEW_NOTE_MAX);
    assert_int_equal(strlen(s.note), REVIEW_NOTE_MAX);
    review_sheet_key(&s, MACHINE_KEY_BACKSPACE);
    assert_false(s.note_full);
    assert_int_equal(s.note_length, REVIEW_NOTE_MAX - 1);
}

static void test_sheet_labels(void **state)
{
    (void)state;
    assert_string_equal(review_who_label("self"), "Self review");
    assert_string_equal(review_who_label("partner"), "Partner review");
    assert_string_equal(review_who_label("review"), "Review");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sheet_blank_keys),
        cmocka_unit_test(test_sheet_many_points_are_capped),
        cmocka_unit_test(test_sheet_filled_from_assessment),
        cmocka_unit_test(test_sheet_clearing_touches),
        cmocka_unit_test(test_sheet_control_codes_in_note),
        cmocka_unit_test(test_sheet_source),
        cmocka_unit_test(test_sheet_store),
        cmocka_unit_test(test_sheet_letters_outside_note),
        cmocka_unit_test(test_sheet_note_takes_unicode),
        cmocka_unit_test(test_sheet_note_limit),
        cmocka_unit_test(test_sheet_escape_keeps_saved_note),
        cmocka_unit_test(test_sheet_labels),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
