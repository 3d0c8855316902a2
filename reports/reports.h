/*
 * reports: the Markdown report of one session.
 *
 * The caller (sessions/) hands over the session as plain data; this module
 * knows nothing of journals, audio or question files. The output is
 * GitHub-flavoured Markdown with every string escaped for where it lands,
 * and it is a pure function of its input: the same data gives the same
 * bytes, so a report can always be rebuilt.
 */
#ifndef MI_REPORTS_H
#define MI_REPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum report_dimension {
    REPORT_SYSTEM_THINKING,
    REPORT_TRADE_OFFS,
    REPORT_PRACTICAL_JUDGMENT,
    REPORT_COMMUNICATION,
    REPORT_DIMENSIONS
};

enum report_state {
    REPORT_PENDING,
    REPORT_ANSWERED,
    REPORT_SKIPPED,
    REPORT_INTERRUPTED,
};

struct report_take {
    const char *file;          /* relative to the session folder */
    double duration;           /* seconds, from frames written */
    double overtime;           /* seconds past the limit, 0 if none */
    bool interrupted;
};

/* One person's view of an answer: "self", "partner", "review"... */
struct report_assessment {
    const char *who;
    int scores[REPORT_DIMENSIONS];   /* 1..5, 0 = not scored */
    const bool *covered;             /* one per key point, may be NULL */
    const char *notes;               /* may be NULL */
};

struct report_question {
    int number;                /* from 1, in plan order */
    const char *id;
    const char *topic;
    const char *prompt;
    const char *reference;     /* Markdown */
    const char *const *key_points;
    size_t key_point_count;
    const char *const *follow_ups;
    size_t follow_up_count;
    const char *const *assesses;
    size_t assess_count;
    int answer_time;           /* the limit, seconds */
    enum report_state state;
    const struct report_take *takes;
    size_t take_count;
    /* The last assessment is the one the summary counts. */
    const struct report_assessment *assessments;
    size_t assessment_count;
};

struct report_session {
    const char *role;
    const char *title;
    const char *focus;
    const char *thinking_pattern;
    const char *date;          /* as the journal has it, e.g. 2026-12-03 14:05 */
    double total_time;         /* seconds of answering, all takes */
    const struct report_question *questions;
    size_t question_count;
};

/* "System thinking", "Trade-off awareness"...; "Unknown" outside the enum. */
const char *report_dimension_name(enum report_dimension dimension);

/*
 * The average of one rubric dimension over the session's questions, each
 * counted by its last assessment, in tenths (38 = 3.8); -1 when no question
 * was scored on it. *scored says how many were.
 */
int report_dimension_average(const struct report_session *session,
                             enum report_dimension dimension, size_t *scored);

/*
 * Writes the report to `out`. Take links are written relative to
 * `link_base`: the path from the report's folder to the session folder
 * ("" when the report sits in the session folder; a missing trailing "/"
 * is added). Links are percent-encoded; a take file starting with "/" is
 * taken as relative too. The summary counts the last take and the last
 * assessment of each question. Returns 0, or -1 when session or out is
 * NULL or the stream reports a write error.
 */
int report_render(const struct report_session *session,
                  const char *link_base, FILE *out);

/*
 * Writes the report to `path` atomically (0600), computing link_base from
 * `session_dir` and the folder of `path`. Returns 0, or -1 with a one-line
 * reason in `why`.
 *
 * Both folders must exist; symlinks are resolved first. The file goes to
 * a temporary name in the same folder, is synced and renamed over `path`,
 * so `path` holds either the old report or the new one, never a part.
 */
int report_write(const struct report_session *session,
                 const char *session_dir, const char *path,
                 char *why, size_t why_size);

#endif
