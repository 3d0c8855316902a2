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

/*
 * Sets err's message and exit code (enum session_exit) and returns the
 * code, so a failing step can `return session_fail(err, ...)`.
 */
int session_fail(struct session_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Empties err (exit 0, no message) and, unless NULL, the outcome. */
void session_outcome_clear(struct session_outcome *outcome,
                           struct session_error *err);

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
    /*
     * Cut short rather than finished: by the device or the disk, by a
     * kill, or given up with s or q (an abandoned retake). The report's
     * time is that of the last take not interrupted.
     */
    bool interrupted;
    int rate;                      /* Hz captured; 0 = not recorded (old) */
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
    bool partner;                  /* a partner reviews; absent = false */
    char *device;                  /* NULL = default */
    char *mic_file;
    int rate;
    struct journal_question *questions;
    size_t question_count;
};

enum journal_error_kind {
    JOURNAL_ERROR_NONE,
    JOURNAL_ERROR_MISSING,         /* no session.yaml: no such session */
    JOURNAL_ERROR_IO,              /* could not read it (errno) */
    JOURNAL_ERROR_INVALID,         /* cut off, corrupt, wrong types */
};

/* Where a journal could not be read: file, line, column, message. */
struct journal_error {
    char message[1024];            /* FILE:LINE:COLUMN: what is wrong */
    int kind;                      /* enum journal_error_kind */
};

/*
 * The snapshot hash: 64-bit FNV-1a over id, topic, difficulty, prompt,
 * reference, then every key point, follow-up and assesses entry, each
 * string followed by one 0x00 byte and each list closed by one 0x01 byte.
 * Limits are not hashed. Written as 16 lowercase hex digits.
 */
#define JOURNAL_HASH_SIZE 17
void journal_question_hash(const struct journal_question *question,
                           char out[JOURNAL_HASH_SIZE]);

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
void journal_question_free(struct journal_question *question);

/*
 * journal_load for a command: returns 0, or fails err with the journal's
 * located message and the exit status for it: 2 when there is no
 * journal, 1 when it cannot be read, 3 when it is invalid. `out` may be
 * freed either way.
 */
int session_journal_load(const char *dir, struct journal *out,
                         struct session_error *err);

/* The journal's spellings: "pending"..., and "system_thinking"... */
const char *journal_state_name(enum journal_question_state state);
int journal_state_parse(const char *name, enum journal_question_state *out);
const char *journal_dimension_key(enum report_dimension dimension);

/*
 * Adds a zeroed take, or finds (else adds) the assessment of `who` with
 * no scores and a covered array sized to the key points. A new assessment
 * goes in the order self, partner, any other name, review, so a later
 * review stays last, the one the report's summary counts. Returns a
 * pointer to the entry, or NULL with errno ENOMEM. Adding may move the
 * array: earlier pointers into it are then stale.
 */
struct journal_take *journal_add_take(struct journal_question *question);
struct journal_assessment *journal_assessment_for(
    struct journal_question *question, const char *who);

/*
 * Fills `out` from the journal. The report data points into the journal,
 * so it is valid while both live; `strings` is a NULL-terminated array of
 * strings the data owns (the date). Returns 0, or -1 with errno ENOMEM.
 */
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

/*
 * 0 when `dir` is a folder holding a journal; else fails err (exit 2):
 * "DIR: no such session folder", or "not a session folder (no ...)".
 */
int session_dir_check(const char *dir, struct session_error *err);

/* The most recent session folder under root, unfinished only if asked. */
int session_dir_latest(const char *root, bool unfinished_only, char *buf,
                       size_t size);

/*
 * The session folder a command works on, into buf: `dir` when given (it
 * must pass session_dir_check), else the newest under session_root(out_dir)
 * (unfinished only if asked). When there is none, fails err with exit 2
 * and the message `none`, or "no session found in ROOT" for NULL; when the
 * sessions folder cannot be made, exit 1. Returns 0 or the exit status.
 */
int session_dir_find(const char *dir, const char *out_dir,
                     bool unfinished_only, const char *none, char *buf,
                     size_t size, struct session_error *err);

/*
 * Takes an exclusive flock on DIR/.lock, writing our pid into it. Returns
 * a descriptor to keep open, or -1 with the holder's pid in *holder.
 */
int session_lock(const char *dir, long *holder);
void session_unlock(int fd);

/*
 * session_lock for a command: 0 with the descriptor in *fd, or fails err
 * (exit 1) with "DIR: in use by process PID" and `busy_hint` appended
 * (NULL for none), or "DIR: cannot lock: why".
 */
int session_take_lock(const char *dir, const char *busy_hint, int *fd,
                      struct session_error *err);

/* recordings/NN-ID-tK.wav with the id sanitised; never an existing name. */
int session_take_name(const char *dir, int number, const char *id,
                      int take, char *buf, size_t size);

/* Local wall-clock time as ISO 8601 with offset, into buf (>= 32 bytes). */
void session_now_iso(char *buf, size_t size);

/* ---- Review sheet (sheet.c) ------------------------------------------- */

/*
 * What one reviewer fills in for one answer: key points ticked, the four
 * rubric scores, a one-line note. Both the review phase of a session and
 * `mockinterview review` edit a sheet with the same keys and draw it with
 * the same code; neither owns it. Pure: no clock, no I/O.
 */

#define REVIEW_MAX_POINTS 32       /* key points that can be ticked */
#define REVIEW_NOTE_MAX 500        /* bytes of UTF-8 a note may hold */
#define REVIEW_NOTE_SIZE (REVIEW_NOTE_MAX + 1)

/*
 * Where the sheet is: each step takes its own keys. The note is entered
 * only on purpose, with e or Tab, and left with Enter or Esc: outside it
 * no letter is ever text, inside it every printable key is, so a note
 * typed too early can never be taken for commands, nor commands for text.
 */
enum review_step {
    REVIEW_COVERED,                /* digits tick key points; Enter on */
    REVIEW_SCORES,                 /* 1-5, 0/- skip, Enter keeps; the
                                      fourth score leads to DONE */
    REVIEW_NOTE,                   /* one line of UTF-8 text */
    REVIEW_DONE,                   /* filled in; the caller decides */
};

struct review_sheet {
    enum review_step step;
    int key_points;                /* tickable: at most REVIEW_MAX_POINTS */
    bool covered[REVIEW_MAX_POINTS];
    int scores[REPORT_DIMENSIONS]; /* 1..5, 0 = skipped */
    int score_index;               /* dimension being scored */
    char note[REVIEW_NOTE_SIZE];
    size_t note_length;
    char note_kept[REVIEW_NOTE_SIZE];  /* the note as e found it: Esc */
    size_t note_kept_length;
    bool touched_kept;             /* touched as e found it */
    bool note_full;                /* a character was refused: at the max */
    bool stray_text;               /* a letter came outside the note */
    bool touched;                  /* anything ticked, scored, typed */
};

/* A blank sheet at REVIEW_COVERED for `key_points` points. */
void review_sheet_start(struct review_sheet *sheet, int key_points);

/*
 * A sheet at REVIEW_COVERED holding `from` (NULL = blank), untouched: a
 * reviewer who changes nothing changes nothing.
 */
void review_sheet_fill(struct review_sheet *sheet, int key_points,
                       const struct journal_assessment *from);

/*
 * Applies one key: enum machine_key, or a Unicode code point (text goes
 * into the note only at REVIEW_NOTE); others are ignored. e or Tab opens
 * the note from any other step.
 */
void review_sheet_key(struct review_sheet *sheet, int key);

/* True while keys are text for the note, not commands. */
bool review_sheet_typing(const struct review_sheet *sheet);

/*
 * The assessment a review as `who` starts from: who's own, else the last
 * one of anybody else (the one the report counts), else NULL.
 */
const struct journal_assessment *review_sheet_source(
    const struct journal_question *question, const char *who);

/*
 * Copies a touched sheet into the assessment of `who` (made if need be);
 * an untouched sheet leaves the question alone. Returns 1 when stored,
 * 0 when untouched, -1 with errno ENOMEM.
 */
int review_sheet_store(const struct review_sheet *sheet,
                       struct journal_question *question, const char *who);

/* "Self review", "Partner review", "Review": the heading for `who`. */
const char *review_who_label(const char *who);

/* ---- Playing takes (play.c) -------------------------------------------- */

struct audio_player;

/* A question named by id, or by its number from 1; NULL names them all. */
bool session_question_matches(const struct journal_question *question,
                              size_t index, const char *which);

/*
 * The player's keys: space pauses and resumes (or plays again once the
 * take is over), left and right seek 5 s. Returns false, doing nothing,
 * for any other key.
 */
bool session_player_key(struct audio_player *player, bool *paused, int key);

/* ---- State machine (machine.c) ---------------------------------------- */

/*
 * The session as a pure state machine: it reads no clock and does no I/O.
 * The caller feeds it events stamped with a monotonic time in ms and
 * carries out the actions it returns, in order. Views (the terminal UI, or
 * later a partner's screen) only read a struct machine; they never change
 * it, so a new view needs no change here.
 */

enum machine_state {
    MACHINE_INTRO,                 /* role intro; Enter starts */
    MACHINE_THINK,                 /* reading the question, think countdown */
    MACHINE_ANSWER,                /* take recording, answer countdown */
    MACHINE_PAUSED,                /* clock and recording held */
    MACHINE_REVIEW,                /* reference, ticks, scores, note */
    MACHINE_DONE,                  /* every question answered or skipped */
    MACHINE_QUIT,                  /* stopped early; resumable */
};

/* Timing cues of a speech timer; ordered, each rings once. */
enum machine_cue {
    MACHINE_CUE_NONE,
    MACHINE_CUE_GREEN,
    MACHINE_CUE_AMBER,             /* 60 s left */
    MACHINE_CUE_RED,               /* 30 s left */
    MACHINE_CUE_OVER,              /* past the limit */
};

#define MACHINE_AMBER_MS 60000
#define MACHINE_RED_MS 30000

/*
 * Keys beyond characters. A character key is its Unicode code point
 * (ASCII included, control bytes such as 0x03 as they come), so these
 * start past the last code point.
 */
enum machine_key {
    MACHINE_KEY_ENTER = 0x110000,
    MACHINE_KEY_ESCAPE,
    MACHINE_KEY_BACKSPACE,
    MACHINE_KEY_LEFT,
    MACHINE_KEY_RIGHT,
    MACHINE_KEY_UP,
    MACHINE_KEY_DOWN,
    MACHINE_KEY_PAGE_UP,
    MACHINE_KEY_PAGE_DOWN,
};

enum machine_event_kind {
    MACHINE_EV_TICK,               /* time passes */
    MACHINE_EV_KEY,                /* key = enum machine_key or ASCII */
    MACHINE_EV_AUDIO_STARTED,      /* time = when the first frame arrived */
    MACHINE_EV_AUDIO_ENDED,        /* input ended (end of --mic-file) */
    MACHINE_EV_AUDIO_FAILED,       /* device or disk cut the take short:
                                      kept, and the session stops */
    MACHINE_EV_INTERRUPT,          /* Ctrl-C, SIGINT: as q */
    MACHINE_EV_SUSPEND,            /* Ctrl-Z, SIGTSTP */
    MACHINE_EV_TERMINATE,          /* SIGTERM, SIGHUP, fatal error */
};

struct machine_event {
    enum machine_event_kind kind;
    int key;
    int64_t now;                   /* ms, monotonic */
};

enum machine_action {
    MACHINE_DO_START_TAKE,         /* open a new take of the current question */
    MACHINE_DO_PAUSE_TAKE,
    MACHINE_DO_RESUME_TAKE,
    MACHINE_DO_STOP_TAKE,          /* finish it; timer figures are final */
    MACHINE_DO_MARK_ANSWERED,      /* state of the current question */
    MACHINE_DO_MARK_SKIPPED,
    MACHINE_DO_MARK_INTERRUPTED,
    MACHINE_DO_STORE_REVIEW,       /* store the review sheet for whoever
                                      reviews (self, or a partner); an
                                      untouched sheet keeps the old */
    MACHINE_DO_SAVE,               /* write the journal */
    MACHINE_DO_BELL,
    MACHINE_DO_SUSPEND,            /* restore the terminal and stop */
    MACHINE_DO_REPORT,             /* the session is over: write the report */
};

#define MACHINE_MAX_ACTIONS 16

/* An action and the question it is about: the machine may have moved on. */
struct machine_step {
    enum machine_action action;
    size_t question;
};

struct machine_actions {
    struct machine_step items[MACHINE_MAX_ACTIONS];
    int count;
};

/* What the machine needs to know of each question of the plan. */
struct machine_question {
    int think_ms;
    int answer_ms;
    int key_points;
};

struct machine_config {
    const struct machine_question *questions;   /* kept, not copied */
    size_t count;
    size_t start;                  /* first question to ask (resume) */
    bool hard_stop;                /* stop the take at zero */
    bool no_review;
    bool auto_start;               /* leave the intro without a key */
};

/*
 * The whole session state. Views read it; only machine.c writes it. Times
 * are ms on the caller's monotonic clock.
 */
struct machine {
    struct machine_config config;
    enum machine_state state;
    enum machine_state paused_from;     /* THINK or ANSWER */
    size_t current;                     /* index into config.questions */
    int take;                           /* takes begun this run, current q */
    bool answered;                      /* a take of it ended normally */
    bool begun;                         /* a question has been shown */
    bool show_help;                     /* closed by ?, Esc, phase change */

    int64_t think_deadline;
    bool recording;                     /* a take is open */
    bool clock_started;                 /* its first frame has arrived */
    int64_t clock_start;
    int64_t deadline;                   /* answer limit; shifted by pauses */
    int64_t paused_at;
    int64_t paused_total;               /* ms held in this take */
    int64_t stopped_at;                 /* 0 while the clock runs */
    enum machine_cue cue;

    /* Figures of the take last stopped, for the journal. */
    int64_t take_timer_ms;
    int64_t take_overtime_ms;
    bool take_abandoned;                /* stopped by s, q or an error */

    /*
     * Review of the current question; cleared when the next review begins,
     * so it outlives the actions that store it. REVIEW_DONE is the choice:
     * n next, r retake, q quit.
     */
    struct review_sheet review;

    bool terminated;                    /* ended by a signal or error */
};

/* Starts at INTRO (or straight into the first question with auto_start). */
void machine_init(struct machine *machine,
                  const struct machine_config *config, int64_t now,
                  struct machine_actions *out);

/* Applies one event; appends the actions to carry out to `out`. */
void machine_feed(struct machine *machine, const struct machine_event *event,
                  struct machine_actions *out);

/* ms left of the think or answer countdown; negative in overtime. */
int64_t machine_remaining(const struct machine *machine, int64_t now);

/* ms the answer clock has run in this take, pauses excluded. */
int64_t machine_elapsed(const struct machine *machine, int64_t now);

/* The cue a given number of ms left calls for. */
enum machine_cue machine_cue_for(int64_t remaining_ms);

/* True once the session will take no more events. */
bool machine_finished(const struct machine *machine);

/* ---- Terminal UI (tui.c) ---------------------------------------------- */

struct tui;

/* What a view shows beside the machine: text and live audio figures. */
struct tui_view {
    const struct journal *journal;
    int64_t now;                   /* ms, monotonic */
    bool audio_active;
    float rms_dbfs;
    float peak_dbfs;
    bool silent_warning;           /* the mic looks silent */
    size_t resumed_at;             /* first question of this run */
    const char *status;            /* a one-line message, or NULL */
    bool partner;                  /* a partner follows along and reviews */
};

/*
 * True when a UI opened with `plain` would print plain lines: asked for,
 * stdin or stdout not a terminal, or TERM unset, empty or "dumb" (a
 * terminal that cannot take escape codes).
 */
bool tui_wants_plain(bool plain);

/*
 * Takes over the terminal unless tui_wants_plain(plain): raw mode, hidden
 * cursor, alternate screen, signal handlers. Restores it from tui_close,
 * atexit, or the signal path. SIGPIPE is ignored from here on, for good:
 * with stdout piped (`| tee log`) a Ctrl-C also ends the reader, and our
 * last lines must then fail with EPIPE rather than kill the process.
 */
int tui_open(struct tui **out, bool plain);
void tui_close(struct tui *tui);
bool tui_plain(const struct tui *tui);

/* Descriptor that becomes readable when a signal or key is waiting. */
int tui_signal_fd(const struct tui *tui);

/* Reads one pending signal number, or 0. */
int tui_take_signal(struct tui *tui);

/*
 * Waits up to timeout_ms for a signal or, in raw mode, a key (plain mode
 * reads no keys, so stdin is not watched). The one wait of every loop.
 */
void tui_wait(struct tui *tui, int timeout_ms);

/*
 * Decodes keys from stdin (non-blocking; UTF-8 into code points, escape
 * sequences into enum machine_key); returns the count stored, at most
 * `max`. Bytes beyond `max` keys wait inside the tui, so a paste loses
 * nothing: call again until it returns less than `max`.
 */
int tui_read_keys(struct tui *tui, int *keys, int max);

/*
 * Up, Down, Page Up and Page Down scroll the reference answer of the
 * review screen last drawn. Returns true when the key was taken.
 */
bool tui_scroll_key(struct tui *tui, int key);

/* Restores the terminal, stops the process, and takes it back on SIGCONT. */
void tui_suspend(struct tui *tui);
void tui_resume(struct tui *tui);

/* Draws the machine (raw mode) or prints plain progress lines. */
void tui_render(struct tui *tui, const struct machine *machine,
                const struct tui_view *view);
void tui_bell(struct tui *tui);
void tui_force_redraw(struct tui *tui);

/*
 * A plain line (plain mode) or a status message (raw mode): the row above
 * the key bar, for a few seconds. In raw mode nothing else may print.
 */
void tui_say(struct tui *tui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * A line for the user while no screen is held (before tui_open, after
 * tui_close, or in plain mode): tui_tell to stdout, tui_warn to stderr as
 * "warning: ...". Should a raw screen be open, it goes to the status row
 * instead, so nothing ever prints over a frame. The one way sessions/
 * prints outside a view.
 */
void tui_tell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tui_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Player screen for session_play: prompt, take, position bar. */
void tui_render_player(struct tui *tui, const char *title,
                       const char *prompt, double position, double duration,
                       bool paused);

/* What the screen of `mockinterview review` shows for one question. */
struct tui_review {
    const struct journal *journal;
    size_t question;               /* index into journal->questions */
    const struct review_sheet *sheet;
    const char *who;               /* whose assessment is being edited */
    const char *source;            /* whose one filled the sheet, or NULL */
    size_t take;                   /* the take on offer, from 0 */
    bool playing;                  /* a player is open for it */
    bool paused;
    double position;               /* seconds */
    double duration;
    const char *notice;            /* why nothing plays, or NULL */
};

/* Draws the review screen (raw mode only). */
void tui_render_review(struct tui *tui, const struct tui_review *view);

/* Plain mode: one question's takes and every assessment, as lines. */
void tui_print_assessments(struct tui *tui, const struct journal *journal,
                           size_t question);

#endif
