/*
 * sessions: one timed mock interview, from the first question to the
 * report, and everything that survives it on disk.
 *
 * A session is a state machine fed by events (keys, clock ticks, audio
 * status); the terminal UI is one view of it. Every phase change is saved
 * to SESSION_DIR/session.yaml, the journal, so a session stopped in any way
 * can be resumed and its report rebuilt from the journal alone. This module
 * drives questions/, audio/ and reports/; only its terminal UI prints.
 */
#ifndef MI_SESSIONS_H
#define MI_SESSIONS_H

#include <stdbool.h>
#include <stddef.h>

#include <questions/questions.h>

/* Exit statuses the runner hands back to the shell. */
enum session_exit {
    SESSION_EXIT_OK = 0,
    SESSION_EXIT_RUNTIME = 1,      /* device, disk */
    SESSION_EXIT_USAGE = 2,
    SESSION_EXIT_INPUT = 3,        /* invalid question file or journal */
    SESSION_EXIT_INTERRUPTED = 130 /* user quit; the session was saved */
};

struct session_error {
    int exit_code;                 /* enum session_exit */
    char message[1024];            /* one line */
};

struct session_options {
    int think_time;                /* seconds; -1 = each question's own */
    int answer_time;               /* seconds; -1 = each question's own */
    bool hard_stop;                /* stop recording at zero */
    bool no_review;
    bool partner;                  /* a partner at the keyboard reviews */
    bool plain;                    /* no escape codes, no prompts */
    bool verbose;                  /* audio library chatter to stderr */
    const char *device;
    const char *mic_file;
    int rate;                      /* 0 = default */
    double max_take;               /* seconds; 0 = default */
    const char *out_dir;           /* parent of session folders; NULL = XDG */
};

/* What a run leaves behind, for the runner's last line. */
struct session_outcome {
    char dir[4096];
    char report[4096];
    bool finished;                 /* every question answered or skipped */
    bool quit;                     /* the user quit early */
};

/*
 * Runs a new session over `picks` (in order): checks the microphone before
 * anything is printed or created, makes the session folder, asks each
 * question, writes the journal and the report.
 */
int session_run(const struct question_pick *picks, size_t pick_count,
                const struct session_options *options,
                struct session_outcome *outcome, struct session_error *err);

/* Continues `dir`, or the latest unfinished session when dir is NULL. */
int session_resume(const char *dir, const struct session_options *options,
                   struct session_outcome *outcome, struct session_error *err);

/*
 * Rebuilds the report of `dir` (NULL = latest session) from its journal,
 * to `out_path` or SESSION_DIR/report.md; the path written goes to
 * `written` (at least 4096 bytes).
 */
int session_report(const char *dir, const char *out_path, char *written,
                   struct session_error *err);

/* Plays the takes of `dir` (optionally of one question id or number). */
int session_play(const char *dir, const char *question,
                 const struct session_options *options,
                 struct session_error *err);

/*
 * Reviews the takes of `dir` (NULL = the latest session under
 * options->out_dir) afterwards: each question with takes, or only
 * `question` (an id or a number from 1). `who` is the name the scores are
 * kept under: "self", "partner" or "review". Each question shows the
 * prompt, plays the last take where an output device exists, and offers
 * the review sheet filled from who's earlier assessment, else from the
 * one the report counts. Touched sheets are saved to the journal at once,
 * under the session's lock; the report is rebuilt at the end and its path
 * goes to outcome->report. In plain mode (options->plain, or no terminal)
 * it only prints each question's assessments and writes nothing.
 * Returns an enum session_exit: 130 after Ctrl-C, with everything saved.
 */
int session_review(const char *dir, const char *question, const char *who,
                   const struct session_options *options,
                   struct session_outcome *outcome, struct session_error *err);

/* The folder sessions live in: out_dir, else $XDG_DATA_HOME/... */
int session_root(const char *out_dir, char *buf, size_t size);

/*
 * The newest session folder under session_root(out_dir), or the newest
 * unfinished one. Returns 0, or -1 when there is none.
 */
int session_latest(const char *out_dir, bool unfinished_only, char *buf,
                   size_t size);

/*
 * Whether a command-line argument names a session folder rather than a
 * question: it holds a '/' or names an existing directory. session_play
 * and session_review apply it to `question` too, so `play /nonexist`
 * says there is no such session folder.
 */
bool session_arg_is_folder(const char *arg);

/* One past session, for the progress view. */
struct session_summary {
    char dir[4096];
    char role[64];
    char title[128];
    char date[32];                 /* YYYY-MM-DD HH:MM */
    bool finished;
    size_t questions;
    size_t answered;
    size_t skipped;
    double answer_seconds;         /* all takes */
    int averages[4];               /* per rubric dimension, tenths; -1 none */
    int overall;                   /* mean of the dimensions scored, or -1 */
};

/*
 * Every readable session under session_root(out_dir), oldest first,
 * optionally of one role. Unreadable journals are counted in *skipped and
 * left out. Returns 0 with a malloc'd array, or -1 with err filled.
 */
int session_history(const char *out_dir, const char *role,
                    struct session_summary **summaries, size_t *count,
                    size_t *skipped, struct session_error *err);

#endif
