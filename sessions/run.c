/*
 * session_run and session_resume: the event loop that joins the state
 * machine to the clock, the keyboard, the signals, the microphone and the
 * journal.
 *
 * The loop waits in poll() on stdin and the UI's signal pipe for at most
 * one tick, turns what it finds into machine events stamped with
 * CLOCK_MONOTONIC, and carries out the actions the machine returns: takes
 * are started and finished here, the journal is saved here, the report is
 * written here. The view is redrawn after every pass. Nothing in this file
 * decides what happens next; machine.c does.
 *
 * Failures that end a session (a take cut short by the disk or the
 * device, a journal that cannot be saved) are said once as they happen
 * and become the session's error at the end, after the journal and the
 * report have been written where they still can be.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <audio/audio.h>

#include "internal.h"

#define TICK_MS 50                 /* redraw and audio poll period */
#define ANSWER_TICK_MS 20          /* while a take runs: timer vs frames */
#define START_TICK_MS 2            /* until the first frame: the clock's zero */
#define SILENT_DBFS (-50.0f)
#define SILENT_WARN_MS 3000
#define NO_TAKE SIZE_MAX           /* take_index when no take is open */

struct run {
    const struct session_options *options;
    struct session_outcome *outcome;
    struct session_error *err;
    struct journal journal;
    char dir[PATH_MAX];
    struct audio_input *input;
    struct audio_take *take;
    size_t take_index;             /* of the open take in its question;
                                      NO_TAKE while none is in the journal */
    struct machine machine;
    struct machine_question *plan;
    struct tui *tui;
    struct audio_live live;
    int64_t quiet_since;           /* ms; 0 = the mic is not quiet */
    size_t resumed_at;
    bool fatal;                    /* a take could not start */
    bool fresh;                    /* the folder was made by this run */
    struct audio_take_result ended; /* of a take whose input ended */
    bool have_ended;
    char take_problem[512];        /* why a take was cut short, or "" */
    int save_errno;                /* of the last journal save; 0 = saved */
};

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


/* ---- Actions ---------------------------------------------------------- */

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/*
 * Enters a take that has begun into the journal, its file and start time
 * both set: a take without a file would make the journal unreadable, so
 * on failure none is added. Returns 0, or -1 (out of memory).
 */
static int journal_begin_take(struct journal_question *q, const char *rel)
{
    struct journal_take *t = journal_add_take(q);
    char when[64];

    if (!t)
        return -1;
    session_now_iso(when, sizeof when);
    t->file = strdup(rel);
    t->started = strdup(when);
    if (t->file && t->started)
        return 0;
    free(t->file);
    free(t->started);
    memset(t, 0, sizeof *t);
    q->take_count--;
    return -1;
}

/*
 * Finishes the open take. A file that could not be finished counts as a
 * take cut short, whatever the figures say.
 */
static void finish_take(struct run *r, struct audio_take_result *result)
{
    if (audio_take_finish(r->take, result) != 0) {
        result->interrupted = true;
        if (!result->problem[0])
            snprintf(result->problem, sizeof result->problem,
                     "the recording could not be finished");
    }
    r->take = NULL;
}

/*
 * A take that began but has no place in the journal is stopped at once,
 * its file left as it is, and the session ends on the error.
 */
static void abandon_take(struct run *r, const char *path)
{
    struct audio_take_result result;

    finish_take(r, &result);
    session_fail(r->err, SESSION_EXIT_RUNTIME,
                 "%s: out of memory: the take could not be entered in the "
                 "journal", path);
    r->fatal = true;
}

static void start_take(struct run *r, size_t index)
{
    struct journal_question *q = &r->journal.questions[index];
    struct audio_error aerr = { "" };
    char rel[PATH_MAX], path[PATH_MAX * 2];
    int number = (int)q->take_count + 1;

    r->take_index = NO_TAKE;
    if (session_take_name(r->dir, (int)index + 1, q->id, number,
                          rel, sizeof rel) < 0) {
        session_fail(r->err, SESSION_EXIT_RUNTIME,
                     "%s: no name for a new take: %s", r->dir,
                     strerror(errno));
        r->fatal = true;
        return;
    }
    snprintf(path, sizeof path, "%s/%s", r->dir, rel);
    if (audio_take_start(r->input, path, &r->take, &aerr) < 0) {
        session_fail(r->err, SESSION_EXIT_RUNTIME, "%s", aerr.message);
        r->take = NULL;
        r->fatal = true;
        return;
    }
    if (journal_begin_take(q, rel) < 0) {
        abandon_take(r, path);
        return;
    }
    r->take_index = q->take_count - 1;
    r->quiet_since = 0;
    memset(&r->live, 0, sizeof r->live);
}

/*
 * The figures of the open take: finished here, or already when its input
 * ended (poll_audio). False when there is no take to stop.
 */
static bool take_result(struct run *r, struct audio_take_result *result)
{
    if (r->take) {
        finish_take(r, result);
        return true;
    }
    if (!r->have_ended)
        return false;
    *result = r->ended;
    r->have_ended = false;
    return true;
}

/* "cannot write PATH: why" -> "why": our line names the file already. */
static const char *problem_reason(const char *problem)
{
    const char *at = problem;
    const char *next;

    while ((next = strstr(at, ": ")) != NULL)
        at = next + 2;
    return at;
}

/* A take cut short says so first; the session then stops on it. */
static void say_take(struct run *r, const struct journal_take *t,
                     const struct audio_take_result *result)
{
    if (!result->interrupted) {
        tui_say(r->tui, "answer saved: %s (%.1f s)", t->file, t->duration);
        return;
    }
    tui_say(r->tui, "answer cut short: %s (%.1f s): %s", t->file,
            t->duration, result->problem[0]
                             ? problem_reason(result->problem)
                             : "the recording stopped");
    snprintf(r->take_problem, sizeof r->take_problem, "%s",
             result->problem[0] ? result->problem : "the recording stopped");
}

static void stop_take(struct run *r, struct journal_question *q)
{
    struct journal_take *t;
    struct audio_take_result result;
    char when[64];

    if (!take_result(r, &result) || r->take_index >= q->take_count)
        return;
    t = &q->takes[r->take_index];
    r->take_index = NO_TAKE;
    session_now_iso(when, sizeof when);
    t->duration = result.seconds;
    t->timer_duration = r->machine.take_timer_ms / 1000.0;
    free(t->ended);
    t->ended = strdup(when);
    t->overtime = r->machine.take_overtime_ms / 1000.0;
    t->overflows = result.input_overflows + result.ring_overruns;
    t->interrupted = result.interrupted || r->machine.take_abandoned;
    t->rate = result.rate;
    say_take(r, t, &result);
}

/* Who the review phase speaks for: the candidate, or a partner. */
static const char *reviewer(const struct run *r)
{
    return r->journal.partner ? "partner" : "self";
}

/* A review passed over without a key (say after a retake) changes nothing. */
static void store_review(struct run *r, struct journal_question *q)
{
    if (review_sheet_store(&r->machine.review, q, reviewer(r)) < 0)
        tui_say(r->tui, "out of memory: review not kept");
}

/*
 * A failed save is said once, on the status row, however many saves fail
 * after it; the screen goes at the end, so if the last save failed too it
 * becomes the session's error (finish_failures). Plain mode only says it
 * there, once.
 */
static void save_journal(struct run *r)
{
    int saved_errno;

    r->journal.finished = r->machine.state == MACHINE_DONE;
    if (journal_save(&r->journal, r->dir) == 0) {
        r->save_errno = 0;
        return;
    }
    saved_errno = errno ? errno : EIO;
    if (!r->save_errno && !tui_plain(r->tui))
        tui_say(r->tui, "cannot save %s/%s: %s", r->dir, JOURNAL_FILE,
                strerror(saved_errno));
    r->save_errno = saved_errno;
}

static void write_report(struct run *r)
{
    struct report_data data;
    char path[PATH_MAX], why[512];
    int n = snprintf(path, sizeof path, "%s/report.md", r->dir);

    if (n < 0 || (size_t)n >= sizeof path) {
        session_fail(r->err, SESSION_EXIT_RUNTIME, "%s: path too long", r->dir);
        return;
    }
    if (journal_to_report(&r->journal, &data) < 0) {
        session_fail(r->err, SESSION_EXIT_RUNTIME,
                     "out of memory for the report");
        return;
    }
    if (report_write(&data.session, r->dir, path, why, sizeof why) < 0)
        session_fail(r->err, SESSION_EXIT_RUNTIME, "%s", why);
    else if (!realpath(path, r->outcome->report))
        memcpy(r->outcome->report, path, (size_t)n + 1);
    report_data_free(&data);
}

static void mark(struct run *r, struct journal_question *q,
                 enum journal_question_state state)
{
    q->state = state;
    if (state == JOURNAL_SKIPPED)  /* shown on the next question's screen */
        tui_say(r->tui, "question %zu skipped",
                (size_t)(q - r->journal.questions) + 1);
}

/* Steps past the plan (the final save and report) name no question. */
static void execute_step(struct run *r, const struct machine_step *step)
{
    struct journal_question *q = NULL;

    if (step->question < r->journal.question_count)
        q = &r->journal.questions[step->question];
    if (!q && step->action != MACHINE_DO_SAVE &&
        step->action != MACHINE_DO_REPORT && step->action != MACHINE_DO_BELL)
        return;
    switch (step->action) {
    case MACHINE_DO_START_TAKE: start_take(r, step->question); break;
    case MACHINE_DO_PAUSE_TAKE:
        if (r->take)
            audio_take_pause(r->take, true);
        break;
    case MACHINE_DO_RESUME_TAKE:
        if (r->take)
            audio_take_pause(r->take, false);
        break;
    case MACHINE_DO_STOP_TAKE: stop_take(r, q); break;
    case MACHINE_DO_MARK_ANSWERED: mark(r, q, JOURNAL_ANSWERED); break;
    case MACHINE_DO_MARK_SKIPPED: mark(r, q, JOURNAL_SKIPPED); break;
    case MACHINE_DO_MARK_INTERRUPTED: mark(r, q, JOURNAL_INTERRUPTED); break;
    case MACHINE_DO_STORE_REVIEW: store_review(r, q); break;
    case MACHINE_DO_SAVE: save_journal(r); break;
    case MACHINE_DO_BELL: tui_bell(r->tui); break;
    case MACHINE_DO_SUSPEND: tui_suspend(r->tui); break;
    case MACHINE_DO_REPORT: write_report(r); break;
    }
}

static void execute(struct run *r, const struct machine_actions *actions)
{
    for (int i = 0; i < actions->count; i++)
        execute_step(r, &actions->items[i]);
}

static void feed(struct run *r, enum machine_event_kind kind, int key,
                 int64_t when)
{
    struct machine_event event = { kind, key, when };
    struct machine_actions actions = { .count = 0 };

    machine_feed(&r->machine, &event, &actions);
    execute(r, &actions);
}

/* ---- Inputs ----------------------------------------------------------- */

static void handle_signals(struct run *r)
{
    int sig;

    while ((sig = tui_take_signal(r->tui)) != 0) {
        if (sig == SIGINT)
            feed(r, MACHINE_EV_INTERRUPT, 0, now_ms());
        else if (sig == SIGTERM || sig == SIGHUP)
            feed(r, MACHINE_EV_TERMINATE, 0, now_ms());
        else if (sig == SIGTSTP)
            feed(r, MACHINE_EV_SUSPEND, 0, now_ms());
        else if (sig == SIGCONT)
            tui_resume(r->tui);
        else if (sig == SIGWINCH)
            tui_force_redraw(r->tui);
    }
}

/*
 * Ctrl-C and Ctrl-Z arrive as bytes in raw mode. Scroll keys belong to
 * the reference on screen (the view's own state), the rest to the machine.
 */
static void handle_key(struct run *r, int key)
{
    if (key == 0x03)
        feed(r, MACHINE_EV_INTERRUPT, 0, now_ms());
    else if (key == 0x1a)
        feed(r, MACHINE_EV_SUSPEND, 0, now_ms());
    else if (!tui_scroll_key(r->tui, key))
        feed(r, MACHINE_EV_KEY, key, now_ms());
}

/* Every key waiting is handled, so a paste arrives whole. */
static void handle_keys(struct run *r)
{
    int keys[32];
    int n;

    do {
        n = tui_read_keys(r->tui, keys, 32);
        for (int i = 0; i < n && !machine_finished(&r->machine); i++)
            handle_key(r, keys[i]);
    } while (n == 32 && !machine_finished(&r->machine));
}

/*
 * The input of the open take ended: finished here, so the machine learns
 * whether it ran out (a --mic-file) or was cut short (disk, device).
 */
static void end_take_input(struct run *r, int64_t now)
{
    finish_take(r, &r->ended);
    r->have_ended = true;
    feed(r, r->ended.interrupted ? MACHINE_EV_AUDIO_FAILED
                                 : MACHINE_EV_AUDIO_ENDED, 0, now);
}

/*
 * The clock's zero is the first captured frame. We notice it late (the
 * poll period, and the writer drains the ring only every few ms), so the
 * clock starts once frames are on disk, at the time their length says
 * the first one was captured.
 */
static void poll_audio(struct run *r, int64_t now)
{
    if (!r->take)
        return;
    audio_take_live(r->take, &r->live);
    if (r->live.started && r->live.frames > 0 && !r->machine.clock_started)
        feed(r, MACHINE_EV_AUDIO_STARTED, 0,
             now - (int64_t)(r->live.seconds * 1000.0 + 0.5));
    if (r->live.rms_dbfs < SILENT_DBFS && r->machine.state == MACHINE_ANSWER) {
        if (!r->quiet_since)
            r->quiet_since = now;
    } else {
        r->quiet_since = 0;
    }
    if (r->live.ended && r->take)
        end_take_input(r, now);
}

static void render(struct run *r)
{
    struct tui_view view = {
        .journal = &r->journal,
        .now = now_ms(),
        .audio_active = r->take != NULL,
        .rms_dbfs = r->live.rms_dbfs,
        .peak_dbfs = r->live.peak_dbfs,
        .resumed_at = r->resumed_at,
        .partner = r->journal.partner,
    };

    view.silent_warning = r->quiet_since &&
                          view.now - r->quiet_since >= SILENT_WARN_MS;
    tui_render(r->tui, &r->machine, &view);
}

static void wait_for_input(struct run *r)
{
    int timeout = TICK_MS;

    if (r->take)
        timeout = r->machine.clock_started ? ANSWER_TICK_MS : START_TICK_MS;
    tui_wait(r->tui, timeout);
}

static void loop(struct run *r)
{
    while (!machine_finished(&r->machine)) {
        render(r);
        wait_for_input(r);
        handle_signals(r);
        handle_keys(r);
        if (r->fatal && !machine_finished(&r->machine))
            feed(r, MACHINE_EV_TERMINATE, 0, now_ms());
        poll_audio(r, now_ms());
        feed(r, MACHINE_EV_TICK, 0, now_ms());
    }
}

/* ---- Set-up shared by run and resume ---------------------------------- */

static int open_audio(struct run *r, const char *device, const char *mic_file,
                      int rate)
{
    struct audio_error aerr = { "" };
    struct audio_input_config config = {
        .device = device,
        .mic_file = mic_file,
        .rate = rate,
        .max_take = r->options->max_take,
    };

    /*
     * A WAV played as the microphone needs no sound system: leaving
     * PortAudio alone keeps start-up fast and free of ALSA's probing.
     */
    if (!mic_file && audio_init(r->options->verbose, NULL, &aerr) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME, "%s", aerr.message);
    if (audio_input_open(&config, &r->input, &aerr) < 0) {
        audio_shutdown();
        return session_fail(r->err, SESSION_EXIT_RUNTIME, "%s", aerr.message);
    }
    return 0;
}

/* s to ms; the journal holds limits to a day, this holds them to int. */
static int limit_ms(int seconds)
{
    int64_t ms = (int64_t)seconds * 1000;

    if (ms < 0)
        return 0;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

static int build_plan(struct run *r)
{
    r->plan = calloc(r->journal.question_count + 1, sizeof *r->plan);
    if (!r->plan)
        return session_fail(r->err, SESSION_EXIT_RUNTIME, "out of memory");
    for (size_t i = 0; i < r->journal.question_count; i++) {
        const struct journal_question *q = &r->journal.questions[i];

        r->plan[i].think_ms = limit_ms(q->think_time);
        r->plan[i].answer_ms = limit_ms(q->answer_time);
        r->plan[i].key_points = (int)q->key_points.count;
    }
    return 0;
}

/*
 * A take cut short, or a journal that could not be saved last, is the
 * session's error; it outranks a report that failed for the same reason.
 */
static void finish_failures(struct run *r)
{
    if (r->take_problem[0] && !r->save_errno)
        session_fail(r->err, SESSION_EXIT_RUNTIME,
                     "%s; the session is saved: continue with "
                     "`mockinterview resume %s` once that is fixed",
                     r->take_problem, r->dir);
    else if (r->take_problem[0])
        session_fail(r->err, SESSION_EXIT_RUNTIME,
                     "%s; and %s/%s could not be saved: %s",
                     r->take_problem, r->dir, JOURNAL_FILE,
                     strerror(r->save_errno));
    else if (r->save_errno)
        session_fail(r->err, SESSION_EXIT_RUNTIME, "cannot save %s/%s: %s",
                     r->dir, JOURNAL_FILE, strerror(r->save_errno));
}

/*
 * Removes what this run made when nothing was asked: only the files we
 * write and empty folders (unlink and rmdir, never a recursive delete).
 */
static void discard_session(struct run *r)
{
    static const char *const names[] = {
        "report.md", JOURNAL_FILE, JOURNAL_RECORDINGS, ".lock",
    };
    char path[PATH_MAX * 2];

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", r->dir, names[i]);
        if (unlink(path) < 0 && errno == EISDIR)
            rmdir(path);
    }
    rmdir(r->dir);
    r->outcome->dir[0] = '\0';
    r->outcome->report[0] = '\0';
}

/* Quit on the intro of a new session: no question was asked. */
static bool nothing_asked(const struct run *r)
{
    return r->fresh && r->machine.state == MACHINE_QUIT &&
           !r->machine.begun;
}

/* The last word of a run, once the terminal is handed back. */
static int conclude(struct run *r)
{
    r->outcome->finished = r->machine.state == MACHINE_DONE;
    r->outcome->quit = r->machine.state == MACHINE_QUIT;
    finish_failures(r);
    if (r->err->message[0])
        return r->err->exit_code;
    if (nothing_asked(r)) {
        discard_session(r);
        tui_tell("Nothing recorded; no session kept.");
        r->err->exit_code = SESSION_EXIT_INTERRUPTED;
        return SESSION_EXIT_INTERRUPTED;
    }
    if (r->outcome->quit) {
        tui_tell("Session saved. Continue with: mockinterview resume %s",
                 r->outcome->dir);
        r->err->exit_code = SESSION_EXIT_INTERRUPTED;
        return SESSION_EXIT_INTERRUPTED;
    }
    return SESSION_EXIT_OK;
}

/* Runs the machine from `start` until done or quit; the terminal is ours. */
static int drive(struct run *r, size_t start)
{
    struct machine_config config = { 0 };
    struct machine_actions actions = { .count = 0 };

    if (build_plan(r) != 0)
        return r->err->exit_code;
    if (tui_open(&r->tui, r->options->plain) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME,
                            "cannot set up the terminal");
    if (audio_input_notice(r->input))
        tui_say(r->tui, "%s", audio_input_notice(r->input));
    config.questions = r->plan;
    config.count = r->journal.question_count;
    config.start = start;
    config.hard_stop = r->journal.hard_stop || tui_plain(r->tui);
    config.no_review = r->journal.no_review || r->options->no_review ||
                       tui_plain(r->tui);
    config.auto_start = tui_plain(r->tui);
    r->resumed_at = start;
    machine_init(&r->machine, &config, now_ms(), &actions);
    execute(r, &actions);
    loop(r);
    if (r->take)
        stop_take(r, &r->journal.questions[r->machine.current]);
    tui_close(r->tui);
    r->tui = NULL;
    return conclude(r);
}

static void run_free(struct run *r)
{
    if (r->input) {
        audio_input_close(r->input);
        audio_shutdown();
    }
    free(r->plan);
    journal_free(&r->journal);
}

static void absolute_dir(struct run *r)
{
    char real[PATH_MAX];

    if (realpath(r->dir, real))
        snprintf(r->dir, sizeof r->dir, "%s", real);
    snprintf(r->outcome->dir, sizeof r->outcome->dir, "%s", r->dir);
}

/* ---- session_run ------------------------------------------------------ */

static char *absolute_path(const char *path)
{
    char real[PATH_MAX];

    return strdup(realpath(path, real) ? real : path);
}

static int add_bank(struct string_list *banks, const char *path)
{
    char *abs = absolute_path(path);
    char **items;

    for (size_t i = 0; abs && i < banks->count; i++) {
        if (strcmp(banks->items[i], abs) == 0) {
            free(abs);
            return 0;
        }
    }
    items = abs ? realloc(banks->items, (banks->count + 1) * sizeof *items)
                : NULL;
    if (!items) {
        free(abs);
        return -1;
    }
    banks->items = items;
    banks->items[banks->count++] = abs;
    return 0;
}

static int fill_plan(struct journal *j, const struct question_pick *picks,
                     size_t count, const struct session_options *options)
{
    j->questions = calloc(count, sizeof *j->questions);
    if (!j->questions)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (journal_question_from_pick(&j->questions[i], &picks[i],
                                       options) < 0)
            return -1;
        j->question_count = i + 1;
        if (picks[i].script->path &&
            add_bank(&j->banks, picks[i].script->path) < 0)
            return -1;
    }
    return 0;
}

static int fill_journal(struct journal *j, const struct question_pick *picks,
                        size_t count, const struct session_options *options)
{
    const struct question_script *script = picks[0].script;
    char when[64];

    session_now_iso(when, sizeof when);
    j->version = JOURNAL_VERSION;
    j->role = dup_or_null(script->role);
    j->title = dup_or_null(script->title);
    j->focus = dup_or_null(script->focus);
    j->thinking_pattern = dup_or_null(script->thinking_pattern);
    j->intro = dup_or_null(script->intro);
    j->created = strdup(when);
    j->think_time = options->think_time;
    j->answer_time = options->answer_time;
    j->hard_stop = options->hard_stop;
    j->no_review = options->no_review;
    j->partner = options->partner;
    j->device = dup_or_null(options->device);
    j->mic_file = options->mic_file ? absolute_path(options->mic_file) : NULL;
    j->rate = options->rate;
    return fill_plan(j, picks, count, options);
}

/* The folder sessions go in, named in the error with the way out. */
static int open_root(struct run *r, char *root, size_t size)
{
    root[0] = '\0';
    if (session_root(r->options->out_dir, root, size) == 0)
        return 0;
    return session_fail(r->err, SESSION_EXIT_RUNTIME,
                        "%s: cannot create the sessions folder: %s; "
                        "choose another with --out DIR",
                        root[0] ? root : "$HOME", strerror(errno));
}

static int create_session(struct run *r, const struct question_pick *picks,
                          size_t count)
{
    char root[PATH_MAX];

    if (open_root(r, root, sizeof root) != 0)
        return r->err->exit_code;
    if (session_dir_create(root, picks[0].script->role, r->dir,
                           sizeof r->dir) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME,
                            "%s: cannot create a session folder: %s; "
                            "choose another with --out DIR", root,
                            strerror(errno));
    r->fresh = true;
    absolute_dir(r);
    if (fill_journal(&r->journal, picks, count, r->options) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME, "out of memory");
    if (journal_save(&r->journal, r->dir) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME, "%s/%s: %s", r->dir,
                    JOURNAL_FILE, strerror(errno));
    return 0;
}

int session_run(const struct question_pick *picks, size_t pick_count,
                const struct session_options *options,
                struct session_outcome *outcome, struct session_error *err)
{
    struct run r = { .options = options, .outcome = outcome, .err = err,
                     .take_index = NO_TAKE };
    int lock = -1;
    int status;

    session_outcome_clear(outcome, err);
    if (pick_count == 0)
        return session_fail(err, SESSION_EXIT_USAGE, "no questions to ask");
    status = open_audio(&r, options->device, options->mic_file, options->rate);
    if (status == 0)
        status = create_session(&r, picks, pick_count);
    if (status == 0)
        status = session_take_lock(r.dir, NULL, &lock, err);
    if (status == 0)
        status = drive(&r, 0);
    session_unlock(lock);
    run_free(&r);
    return status;
}

/* ---- session_resume --------------------------------------------------- */

/*
 * Brings every take's WAV header in line with its data. A take without an
 * end time was cut short (killed): its length comes from the repaired file.
 */
static void repair_take(struct run *r, struct journal_question *q,
                        struct journal_take *t)
{
    struct audio_repair repair;
    struct audio_error aerr = { "" };
    char path[PATH_MAX * 2];

    snprintf(path, sizeof path, "%s/%s", r->dir, t->file ? t->file : "");
    if (audio_wav_repair(path, &repair, &aerr) < 0) {
        t->interrupted = true;
        tui_warn("%s", aerr.message);
        return;
    }
    if (t->ended)
        return;
    if (repair.rate > 0)
        t->duration = (double)repair.frames_after / repair.rate;
    t->interrupted = true;
    if (q->state == JOURNAL_PENDING)
        q->state = JOURNAL_INTERRUPTED;
}

static size_t repair_takes(struct run *r)
{
    size_t first = r->journal.question_count;

    for (size_t i = 0; i < r->journal.question_count; i++) {
        struct journal_question *q = &r->journal.questions[i];

        for (size_t k = 0; k < q->take_count; k++)
            repair_take(r, q, &q->takes[k]);
        if (first == r->journal.question_count &&
            q->state != JOURNAL_ANSWERED && q->state != JOURNAL_SKIPPED)
            first = i;
    }
    return first;
}

static int find_dir(struct run *r, const char *dir)
{
    if (session_dir_find(dir, r->options->out_dir, true,
                         "no unfinished session to resume", r->dir,
                         sizeof r->dir, r->err) != 0)
        return r->err->exit_code;
    absolute_dir(r);
    return 0;
}

/* --partner given to resume makes the rest of the session a partner's. */
static int load_journal(struct run *r)
{
    if (session_journal_load(r->dir, &r->journal, r->err) != 0)
        return r->err->exit_code;
    r->journal.partner |= r->options->partner;
    return 0;
}

/*
 * Nothing to resume: says where the report is (writing it if it is
 * missing) instead of rebuilding it unasked. Returns an exit status.
 */
static int say_finished(struct run *r)
{
    char report[PATH_MAX + 16];
    struct stat st;

    snprintf(report, sizeof report, "%s/report.md", r->dir);
    if (stat(report, &st) < 0 &&
        session_report(r->dir, NULL, report, r->err) < 0)
        return r->err->exit_code;
    r->outcome->finished = true;
    tui_tell("%s: this session is finished; its report is %s", r->dir,
             report);
    return SESSION_EXIT_OK;
}

/* Options given now win over the ones the session was started with. */
static int open_resume_audio(struct run *r)
{
    const struct session_options *o = r->options;

    return open_audio(r, o->device ? o->device : r->journal.device,
                      o->mic_file ? o->mic_file : r->journal.mic_file,
                      o->rate ? o->rate : r->journal.rate);
}

/* Repairs the takes, saves, and runs the rest of a loaded session. */
/*
 * A quit in the middle of a review leaves an answered question nobody
 * assessed; the session cannot go back to it, so say how to finish it.
 */
static void point_to_unreviewed(const struct run *r)
{
    if (r->journal.no_review || r->options->no_review ||
        tui_wants_plain(r->options->plain))
        return;
    for (size_t i = 0; i < r->journal.question_count; i++) {
        const struct journal_question *q = &r->journal.questions[i];

        if (q->state == JOURNAL_ANSWERED && q->assessment_count == 0)
            tui_tell("Question %zu was answered but not reviewed: "
                     "mockinterview review %s %zu", i + 1, r->dir, i + 1);
    }
}

static int continue_session(struct run *r)
{
    size_t start;
    int status = open_resume_audio(r);

    if (status != 0)
        return status;
    start = repair_takes(r);
    if (journal_save(&r->journal, r->dir) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME, "%s/%s: %s",
                            r->dir, JOURNAL_FILE, strerror(errno));
    return drive(r, start);
}

int session_resume(const char *dir, const struct session_options *options,
                   struct session_outcome *outcome, struct session_error *err)
{
    struct run r = { .options = options, .outcome = outcome, .err = err,
                     .take_index = NO_TAKE };
    bool was_finished = false;
    int lock = -1;
    int status;

    session_outcome_clear(outcome, err);
    status = find_dir(&r, dir);
    if (status == 0)
        status = session_take_lock(r.dir, NULL, &lock, err);
    if (status == 0)
        status = load_journal(&r);
    if (status == 0) {
        was_finished = r.journal.finished;
        status = was_finished ? say_finished(&r) : continue_session(&r);
    }
    if (status == 0 && !was_finished)
        point_to_unreviewed(&r);
    session_unlock(lock);
    run_free(&r);
    return status;
}
