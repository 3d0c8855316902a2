/*
 * Shared by the .c files of sessions/ and by tests/sessions only.
 */
#ifndef MI_SESSIONS_INTERNAL_H
#define MI_SESSIONS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <questions/questions.h>
#include <reports/reports.h>
#include <sessions/sessions.h>

/* ---- Journal: SESSION_DIR/session.yaml ------------------------------- */

#define JOURNAL_VERSION 1
#define JOURNAL_FILE "session.yaml"
#define JOURNAL_RECORDINGS "recordings"

enum journal_question_state {
    JOURNAL_PENDING,
    JOURNAL_ANSWERED,
    JOURNAL_SKIPPED,
    JOURNAL_INTERRUPTED,
};

struct journal_take {
    char *file;                    /* relative to the session folder */
    double duration;               /* seconds, from frames written */
    double timer_duration;         /* seconds, from the monotonic clock */
    char *started;                 /* wall clock, ISO 8601 with offset */
    char *ended;                   /* NULL while recording */
    double overtime;               /* seconds past the limit */
    long overflows;
    bool interrupted;
};

struct journal_assessment {
    char *who;                     /* "self", "partner", "review" */
    int scores[REPORT_DIMENSIONS]; /* 1..5, 0 = skipped */
    bool *covered;                 /* one per key point of the snapshot */
    char *notes;                   /* NULL when none */
};

/* The question as it was asked, so later bank edits change nothing. */
struct journal_question {
    char *id;
    char *topic;
    char *difficulty;
    char *prompt;
    char *reference;
    struct string_list key_points;
    struct string_list follow_ups;
    struct string_list assesses;
    int think_time;                /* effective limits, seconds */
    int answer_time;
    char *hash;                    /* of the text above, hex */
    enum journal_question_state state;
    struct journal_take *takes;
    size_t take_count;
    struct journal_assessment *assessments;
    size_t assessment_count;
};

struct journal {
    int version;
    char *role;
    char *title;
    char *focus;
    char *thinking_pattern;
    char *intro;                   /* NULL when none */
    struct string_list banks;      /* absolute paths of the script files */
    char *created;                 /* wall clock, ISO 8601 with offset */
    bool finished;
    /* The options the session was started with. */
    int think_time;                /* -1 = per question */
    int answer_time;
    bool hard_stop;
    bool no_review;
    char *device;                  /* NULL = default */
    char *mic_file;
    int rate;
    struct journal_question *questions;
    size_t question_count;
};

/* Where a journal could not be read: file, line, column, message. */
struct journal_error {
    char message[1024];            /* FILE:LINE:COLUMN: what is wrong */
};

/* Builds the snapshot of a picked question with the options' limits. */
int journal_question_from_pick(struct journal_question *out,
                               const struct question_pick *pick,
                               const struct session_options *options);

/*
 * Writes `journal` to DIR/session.yaml atomically: a temporary file
 * (0600), fsync, rename, fsync of the folder. Returns 0 or -1 with errno.
 */
int journal_save(const struct journal *journal, const char *dir);

/* Reads DIR/session.yaml; -1 with a located message on any problem. */
int journal_load(const char *dir, struct journal *out,
                 struct journal_error *err);
void journal_free(struct journal *journal);

/* Adds a take / an assessment, returning a pointer to the new entry. */
struct journal_take *journal_add_take(struct journal_question *question);
struct journal_assessment *journal_assessment_for(
    struct journal_question *question, const char *who);

/* Fills `out` from the journal; arrays live until report_data_free. */
struct report_data {
    struct report_session session;
    struct report_question *questions;
    struct report_take *takes;
    struct report_assessment *assessments;
    const char **strings;
};

int journal_to_report(const struct journal *journal, struct report_data *out);
void report_data_free(struct report_data *data);

/* ---- Session folders -------------------------------------------------- */

/*
 * Creates ROOT/YYYY-MM-DD_HHMMSS_ROLE (with a -2, -3... suffix on a
 * collision) and its recordings/ folder, both 0700. Writes the path to buf.
 */
int session_dir_create(const char *root, const char *role, char *buf,
                       size_t size);

/* The most recent session folder under root, unfinished only if asked. */
int session_dir_latest(const char *root, bool unfinished_only, char *buf,
                       size_t size);

/*
 * Takes an exclusive flock on DIR/.lock, writing our pid into it. Returns
 * a descriptor to keep open, or -1 with the holder's pid in *holder.
 */
int session_lock(const char *dir, long *holder);
void session_unlock(int fd);

/* recordings/NN-ID-tK.wav with the id sanitised; never an existing name. */
int session_take_name(const char *dir, int number, const char *id,
                      int take, char *buf, size_t size);

/* Local wall-clock time as ISO 8601 with offset, into buf (>= 32 bytes). */
void session_now_iso(char *buf, size_t size);

#endif
