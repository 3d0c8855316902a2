/*
 * The bridge from the journal to reports/: the journal's structs become
 * the plain data reports.h takes, and session_report() rebuilds a report
 * from a session folder's journal alone. The report module never sees a
 * journal, and this file never formats Markdown.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sessions/internal.h>

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* "2026-12-03T14:15:02+01:00" -> "2026-12-03 14:15"; else as it is. */
static char *report_date(const char *created)
{
    char *date;

    created = or_empty(created);
    if (strlen(created) < 16 || created[10] != 'T')
        return strdup(created);
    date = malloc(17);
    if (!date)
        return NULL;
    memcpy(date, created, 16);
    date[10] = ' ';
    date[16] = '\0';
    return date;
}

static enum report_state report_state_of(enum journal_question_state state)
{
    switch (state) {
    case JOURNAL_ANSWERED:
        return REPORT_ANSWERED;
    case JOURNAL_SKIPPED:
        return REPORT_SKIPPED;
    case JOURNAL_INTERRUPTED:
        return REPORT_INTERRUPTED;
    case JOURNAL_PENDING:
    default:
        return REPORT_PENDING;
    }
}

/* char ** to const char *const *: the same pointers, read only. */
static const char *const *list_items(const struct string_list *list)
{
    return (const char *const *)list->items;
}

static void fill_takes(const struct journal_question *q,
                       struct report_take *out, double *total)
{
    for (size_t i = 0; i < q->take_count; i++) {
        const struct journal_take *t = &q->takes[i];

        out[i].file = or_empty(t->file);
        out[i].duration = t->duration;
        out[i].overtime = t->overtime;
        out[i].interrupted = t->interrupted;
        *total += t->duration;
    }
}

static void fill_assessments(const struct journal_question *q,
                             struct report_assessment *out)
{
    for (size_t i = 0; i < q->assessment_count; i++) {
        const struct journal_assessment *a = &q->assessments[i];

        out[i].who = or_empty(a->who);
        memcpy(out[i].scores, a->scores, sizeof out[i].scores);
        out[i].covered = q->key_points.count > 0 ? a->covered : NULL;
        out[i].notes = a->notes;
    }
}

static void fill_question(const struct journal_question *q, int number,
                          struct report_question *out)
{
    out->number = number;
    out->id = or_empty(q->id);
    out->topic = or_empty(q->topic);
    out->prompt = or_empty(q->prompt);
    out->reference = or_empty(q->reference);
    out->key_points = list_items(&q->key_points);
    out->key_point_count = q->key_points.count;
    out->follow_ups = list_items(&q->follow_ups);
    out->follow_up_count = q->follow_ups.count;
    out->assesses = list_items(&q->assesses);
    out->assess_count = q->assesses.count;
    out->answer_time = q->answer_time;
    out->state = report_state_of(q->state);
}

/* One allocation per array, sized from the totals over all questions. */
static int allocate(const struct journal *j, struct report_data *out)
{
    size_t takes = 0, assessments = 0;

    for (size_t i = 0; i < j->question_count; i++) {
        takes += j->questions[i].take_count;
        assessments += j->questions[i].assessment_count;
    }
    out->questions = calloc(j->question_count + 1, sizeof *out->questions);
    out->takes = calloc(takes + 1, sizeof *out->takes);
    out->assessments = calloc(assessments + 1, sizeof *out->assessments);
    out->strings = calloc(2, sizeof *out->strings);
    if (!out->questions || !out->takes || !out->assessments || !out->strings)
        return -1;
    return 0;
}

int journal_to_report(const struct journal *journal, struct report_data *out)
{
    struct report_session *s = &out->session;
    size_t take_at = 0, assessment_at = 0;
    char *date;

    memset(out, 0, sizeof *out);
    date = report_date(journal->created);
    if (!date || allocate(journal, out) < 0) {
        free(date);
        report_data_free(out);
        errno = ENOMEM;
        return -1;
    }
    out->strings[0] = date;

    s->role = or_empty(journal->role);
    s->title = or_empty(journal->title);
    s->focus = or_empty(journal->focus);
    s->thinking_pattern = or_empty(journal->thinking_pattern);
    s->date = date;
    s->questions = out->questions;
    s->question_count = journal->question_count;

    for (size_t i = 0; i < journal->question_count; i++) {
        const struct journal_question *q = &journal->questions[i];
        struct report_question *rq = &out->questions[i];

        fill_question(q, (int)i + 1, rq);
        fill_takes(q, &out->takes[take_at], &s->total_time);
        rq->takes = &out->takes[take_at];
        rq->take_count = q->take_count;
        take_at += q->take_count;
        fill_assessments(q, &out->assessments[assessment_at]);
        rq->assessments = &out->assessments[assessment_at];
        rq->assessment_count = q->assessment_count;
        assessment_at += q->assessment_count;
    }
    return 0;
}

void report_data_free(struct report_data *data)
{
    if (!data)
        return;
    for (size_t i = 0; data->strings && data->strings[i]; i++)
        free((char *)data->strings[i]);
    free(data->strings);
    free(data->questions);
    free(data->takes);
    free(data->assessments);
    memset(data, 0, sizeof *data);
}

/* ---- session_report ---------------------------------------------------- */

int session_report(const char *dir, const char *out_path, char *written,
                   struct session_error *err)
{
    char session[4096], path[4096], why[512];
    struct journal j;
    struct report_data data;
    int rc;

    session_outcome_clear(NULL, err);
    if (session_dir_find(dir, NULL, false, NULL, session, sizeof session,
                         err) != 0)
        return -1;
    if (session_journal_load(session, &j, err) != 0) {
        journal_free(&j);
        return -1;
    }
    if (journal_to_report(&j, &data) < 0) {
        journal_free(&j);
        session_fail(err, SESSION_EXIT_RUNTIME, "out of memory");
        return -1;
    }

    if (out_path)
        rc = snprintf(path, sizeof path, "%s", out_path);
    else
        rc = snprintf(path, sizeof path, "%s/report.md", session);
    if (rc < 0 || (size_t)rc >= sizeof path) {
        session_fail(err, SESSION_EXIT_RUNTIME, "%s: %s", session,
                     strerror(ENAMETOOLONG));
        rc = -1;
    } else if (report_write(&data.session, session, path, why, sizeof why) <
               0) {
        session_fail(err, SESSION_EXIT_RUNTIME, "%s", why);
        rc = -1;
    } else {
        rc = 0;
        if (!realpath(path, written))
            snprintf(written, 4096, "%s", path);
    }

    report_data_free(&data);
    journal_free(&j);
    return rc;
}
