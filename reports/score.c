/*
 * The numbers a report shows and the verdicts drawn from them: rounded
 * times, rubric averages, key points covered, and the reasons a question
 * is worth practising again. All integer arithmetic on purpose: the
 * report must not change with the locale or the floating-point mode.
 */
#include <stdio.h>

#include "internal.h"

long report_seconds(double seconds)
{
    if (!(seconds > 0))
        return 0;
    if (seconds > 1e9)
        return 1000000000L;
    return (long)(seconds + 0.5);
}

void report_format_time(char *buf, size_t size, long seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", seconds / 3600,
                 seconds / 60 % 60, seconds % 60);
    else
        snprintf(buf, size, "%ld:%02ld", seconds / 60, seconds % 60);
}

/*
 * A retake abandoned part-way (skipped, quit, cut short) is kept as an
 * interrupted take; the answer that counts is the last one that finished.
 */
const struct report_take *report_last_take(const struct report_question *q)
{
    if (q->takes == NULL || q->take_count == 0)
        return NULL;
    for (size_t i = q->take_count; i > 0; i--)
        if (!q->takes[i - 1].interrupted)
            return &q->takes[i - 1];
    return &q->takes[q->take_count - 1];
}

const struct report_assessment *report_last_assessment(
    const struct report_question *q)
{
    if (q->assessments == NULL || q->assessment_count == 0)
        return NULL;
    return &q->assessments[q->assessment_count - 1];
}

bool report_score_valid(int score)
{
    return score >= 1 && score <= 5;
}

int report_average_tenths(const int *scores, size_t count)
{
    long sum = 0;
    long scored = 0;

    for (size_t i = 0; i < count; i++) {
        if (report_score_valid(scores[i])) {
            sum += scores[i];
            scored++;
        }
    }
    if (scored == 0)
        return -1;
    /* Rounded half up: 3.75 shows as 3.8. */
    return (int)((sum * 20 + scored) / (scored * 2));
}

int report_question_average(const struct report_question *q)
{
    const struct report_assessment *a = report_last_assessment(q);

    if (a == NULL)
        return -1;
    return report_average_tenths(a->scores, REPORT_DIMENSIONS);
}

bool report_question_covered(const struct report_question *q,
                             size_t *covered)
{
    const struct report_assessment *a = report_last_assessment(q);

    *covered = 0;
    if (q->key_point_count == 0 || a == NULL || a->covered == NULL)
        return false;
    for (size_t i = 0; i < q->key_point_count; i++)
        if (a->covered[i])
            (*covered)++;
    return true;
}

static bool report_far_over(const struct report_question *q)
{
    const struct report_take *take = report_last_take(q);

    if (take == NULL || q->answer_time <= 0)
        return false;
    /* More than 20% of the limit, in whole seconds as the report shows. */
    return report_seconds(take->overtime) * 5 > (long)q->answer_time;
}

unsigned report_question_reasons(const struct report_question *q)
{
    unsigned reasons = 0;
    int average = report_question_average(q);
    size_t covered;

    if (q->state == REPORT_SKIPPED)
        reasons |= REPORT_WHY_SKIPPED;
    if (q->state == REPORT_INTERRUPTED)
        reasons |= REPORT_WHY_INTERRUPTED;
    if (average >= 0 && average < 30)
        reasons |= REPORT_WHY_LOW_RUBRIC;
    if (report_question_covered(q, &covered)
        && covered * 2 < q->key_point_count)
        reasons |= REPORT_WHY_FEW_POINTS;
    if (report_far_over(q))
        reasons |= REPORT_WHY_OVERTIME;
    return reasons;
}

int report_last_score(const struct report_question *q, int dimension)
{
    const struct report_assessment *a = report_last_assessment(q);

    if (a == NULL || !report_score_valid(a->scores[dimension]))
        return 0;
    return a->scores[dimension];
}

int report_dimension_average(const struct report_session *s,
                             enum report_dimension dimension, size_t *scored)
{
    long sum = 0;

    *scored = 0;
    for (size_t i = 0; i < s->question_count; i++) {
        int score = report_last_score(&s->questions[i], dimension);

        if (score > 0) {
            sum += score;
            (*scored)++;
        }
    }
    if (*scored == 0)
        return -1;
    return (int)((sum * 20 + (long)*scored) / ((long)*scored * 2));
}
