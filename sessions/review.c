/*
 * session_review: going over a finished (or stopped) session afterwards,
 * alone or with someone else, and scoring it again.
 *
 * For each question with takes, or the one asked for, the screen shows
 * the prompt, the last take with a position bar, and the same review
 * sheet a session's review phase uses (sheet.c, drawn by tui.c): key
 * points to tick, four scores, a note. The sheet starts from what the
 * reviewer said before, else from the assessment the report counts now,
 * so changing one score is a few keys. Each touched sheet is stored under
 * the reviewer's name and the journal saved at once, all while holding
 * the session's lock so a running session is never written by two
 * processes; the report is rebuilt at the end by session_report.
 *
 * Playback is a convenience: with no output device the review goes on
 * with a one-line notice. In plain mode nothing is asked; the current
 * assessments are printed and nothing is written or locked.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <audio/audio.h>

#include "internal.h"

#define REVIEW_TICK_MS 50

/* How the review of one question ends; STAY keeps it on screen. */
enum review_end {
    REVIEW_STAY,
    REVIEW_NEXT,                   /* saved; on to the next question */
    REVIEW_QUIT,                   /* saved; no more questions */
    REVIEW_INTERRUPT,              /* Ctrl-C or a signal: saved, exit 130 */
};

struct review_run {
    const struct session_options *options;
    const char *who;
    const char *question;          /* id or number, NULL = every one */
    struct session_error *err;
    struct journal journal;
    char dir[PATH_MAX];
    struct tui *tui;
    bool audio_up;                 /* audio_init succeeded */
    bool can_play;                 /* and there is an output device */
    char notice[600];              /* why nothing plays */
    struct audio_player *player;
    bool paused;
    size_t index;                  /* question on screen */
    size_t take;                   /* its take on offer */
    struct review_sheet sheet;
    const char *source;            /* who filled the sheet first, or NULL */
    bool failed;                   /* the journal could not be saved */
};

/* ---- Finding what to review ------------------------------------------- */

static int find_session(struct review_run *r, const char *dir)
{
    char real[PATH_MAX];

    if (session_dir_find(dir, r->options->out_dir, false,
                         "no session to review; start one with "
                         "`mockinterview run`", r->dir, sizeof r->dir,
                         r->err) != 0)
        return r->err->exit_code;
    if (realpath(r->dir, real))
        snprintf(r->dir, sizeof r->dir, "%s", real);
    return 0;
}

/* A question named on the command line is shown even without takes. */
static bool reviewable(const struct review_run *r, size_t index)
{
    const struct journal_question *q = &r->journal.questions[index];

    if (!session_question_matches(q, index, r->question))
        return false;
    return r->question || q->take_count > 0;
}

static int check_something_to_review(struct review_run *r)
{
    for (size_t i = 0; i < r->journal.question_count; i++)
        if (reviewable(r, i))
            return 0;
    if (r->question)
        return session_fail(r->err, SESSION_EXIT_USAGE,
                           "%s: no question '%s'", r->dir, r->question);
    return session_fail(r->err, SESSION_EXIT_USAGE,
                       "%s: no recordings to review", r->dir);
}

/* ---- Playback --------------------------------------------------------- */

/* Finds out once whether anything can play; if not, says why. */
static void start_audio(struct review_run *r)
{
    struct audio_error aerr = { "" };
    int device;

    if (audio_init(r->options->verbose, NULL, &aerr) < 0) {
        snprintf(r->notice, sizeof r->notice, "no playback: %s",
                 aerr.message);
        return;
    }
    r->audio_up = true;
    if (audio_device_resolve(r->options->device, false, &device, &aerr) < 0) {
        snprintf(r->notice, sizeof r->notice, "no playback: %s",
                 aerr.message);
        return;
    }
    r->can_play = true;
}

static void close_player(struct review_run *r)
{
    audio_player_close(r->player);
    r->player = NULL;
    r->paused = false;
}

/* Plays take r->take of the question on screen, if anything can. */
static void open_take(struct review_run *r)
{
    const struct journal_question *q = &r->journal.questions[r->index];
    struct audio_error aerr = { "" };
    char path[PATH_MAX * 2];

    close_player(r);
    if (!r->can_play || r->take >= q->take_count)
        return;
    r->notice[0] = '\0';
    snprintf(path, sizeof path, "%s/%s", r->dir,
             q->takes[r->take].file ? q->takes[r->take].file : "");
    if (audio_player_open(path, r->options->device, &r->player, &aerr) < 0) {
        snprintf(r->notice, sizeof r->notice, "cannot play: %s",
                 aerr.message);
        r->player = NULL;
        return;
    }
    audio_player_play(r->player);
}

/* t: the take before this one, round to the last after the first. */
static void earlier_take(struct review_run *r)
{
    size_t count = r->journal.questions[r->index].take_count;

    if (count < 2)
        return;
    r->take = r->take > 0 ? r->take - 1 : count - 1;
    open_take(r);
}

/* ---- Keys and signals ------------------------------------------------- */

static void suspend(struct review_run *r)
{
    if (r->player) {
        r->paused = true;
        audio_player_pause(r->player, true);
    }
    tui_suspend(r->tui);
}

/* Keys the review itself takes, outside the note. */
static enum review_end on_command_key(struct review_run *r, int key)
{
    if (key == 'q')
        return REVIEW_QUIT;
    if (key == 'n' ||
        (key == MACHINE_KEY_ENTER && r->sheet.step == REVIEW_DONE))
        return REVIEW_NEXT;
    if (key == 't')
        earlier_take(r);
    else if (!r->player || !session_player_key(r->player, &r->paused, key))
        review_sheet_key(&r->sheet, key);
    return REVIEW_STAY;
}

static enum review_end on_key(struct review_run *r, int key)
{
    if (key == 0x03)
        return REVIEW_INTERRUPT;
    if (key == 0x1a) {
        suspend(r);
        return REVIEW_STAY;
    }
    if (review_sheet_typing(&r->sheet)) {
        review_sheet_key(&r->sheet, key);
        return REVIEW_STAY;
    }
    if (tui_scroll_key(r->tui, key))
        return REVIEW_STAY;
    return on_command_key(r, key);
}

/* Every key waiting, so a pasted note arrives whole. */
static enum review_end on_keys(struct review_run *r)
{
    int keys[32];
    int n;

    do {
        n = tui_read_keys(r->tui, keys, 32);
        for (int i = 0; i < n; i++) {
            enum review_end end = on_key(r, keys[i]);

            if (end != REVIEW_STAY)
                return end;
        }
    } while (n == 32);
    return REVIEW_STAY;
}

static enum review_end on_signals(struct review_run *r)
{
    int sig;

    while ((sig = tui_take_signal(r->tui)) != 0) {
        if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
            return REVIEW_INTERRUPT;
        if (sig == SIGTSTP)
            suspend(r);
        else if (sig == SIGCONT)
            tui_resume(r->tui);
        else if (sig == SIGWINCH)
            tui_force_redraw(r->tui);
    }
    return REVIEW_STAY;
}

/* ---- One question ----------------------------------------------------- */

static void render(struct review_run *r)
{
    struct tui_review view = {
        .journal = &r->journal,
        .question = r->index,
        .sheet = &r->sheet,
        .who = r->who,
        .source = r->source,
        .take = r->take,
        .playing = r->player != NULL,
        .paused = r->paused,
        .notice = r->notice[0] ? r->notice : NULL,
    };

    if (r->player) {
        view.position = audio_player_position(r->player);
        view.duration = audio_player_duration(r->player);
    }
    tui_render_review(r->tui, &view);
}

/* The sheet starts from the reviewer's own view, else the one that counts. */
static void start_question(struct review_run *r, size_t index)
{
    const struct journal_question *q = &r->journal.questions[index];
    const struct journal_assessment *from = review_sheet_source(q, r->who);

    r->index = index;
    r->source = from ? from->who : NULL;
    review_sheet_fill(&r->sheet, (int)q->key_points.count, from);
    r->take = q->take_count > 0 ? q->take_count - 1 : 0;
    open_take(r);
}

/* Stores a touched sheet and saves the journal at once. */
static void store_sheet(struct review_run *r)
{
    struct journal_question *q = &r->journal.questions[r->index];
    int stored = review_sheet_store(&r->sheet, q, r->who);

    if (stored < 0) {
        session_fail(r->err, SESSION_EXIT_RUNTIME, "out of memory");
        r->failed = true;
    } else if (stored > 0 && journal_save(&r->journal, r->dir) < 0) {
        session_fail(r->err, SESSION_EXIT_RUNTIME, "cannot save %s/%s: %s",
                    r->dir, JOURNAL_FILE, strerror(errno));
        r->failed = true;
    } else if (stored > 0) {
        tui_say(r->tui, "saved question %zu as '%s'", r->index + 1, r->who);
    }
}

static enum review_end review_question(struct review_run *r, size_t index)
{
    enum review_end end = REVIEW_STAY;

    start_question(r, index);
    while (end == REVIEW_STAY) {
        render(r);
        tui_wait(r->tui, REVIEW_TICK_MS);
        end = on_signals(r);
        if (end == REVIEW_STAY)
            end = on_keys(r);
    }
    close_player(r);
    store_sheet(r);
    return r->failed ? REVIEW_INTERRUPT : end;
}

static enum review_end review_all(struct review_run *r)
{
    enum review_end end = REVIEW_NEXT;

    for (size_t i = 0; i < r->journal.question_count; i++) {
        if (!reviewable(r, i))
            continue;
        end = review_question(r, i);
        if (end != REVIEW_NEXT)
            break;
    }
    return end;
}

/* ---- The whole review ------------------------------------------------- */

static void print_all(struct review_run *r)
{
    for (size_t i = 0; i < r->journal.question_count; i++)
        if (reviewable(r, i))
            tui_print_assessments(r->tui, &r->journal, i);
}

static int rebuild_report(struct review_run *r,
                          struct session_outcome *outcome)
{
    if (session_report(r->dir, NULL, outcome->report, r->err) < 0)
        return r->err->exit_code;
    return 0;
}

/* The terminal is ours from here until the last question is stored. */
static int review_interactive(struct review_run *r,
                              struct session_outcome *outcome)
{
    enum review_end end;
    int status;

    start_audio(r);
    if (tui_open(&r->tui, r->options->plain) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME,
                           "cannot set up the terminal");
    end = review_all(r);
    tui_close(r->tui);
    r->tui = NULL;
    if (r->failed)
        return r->err->exit_code;
    status = rebuild_report(r, outcome);
    if (status == 0 && end == REVIEW_INTERRUPT) {
        outcome->quit = true;
        status = session_fail(r->err, SESSION_EXIT_INTERRUPTED,
                             "review interrupted; what was entered is saved");
    }
    return status;
}

static int review_plain(struct review_run *r)
{
    if (tui_open(&r->tui, true) < 0)
        return session_fail(r->err, SESSION_EXIT_RUNTIME,
                           "cannot set up the terminal");
    print_all(r);
    tui_close(r->tui);
    r->tui = NULL;
    return 0;
}

int session_review(const char *dir, const char *question, const char *who,
                   const struct session_options *options,
                   struct session_outcome *outcome, struct session_error *err)
{
    struct review_run r = { .options = options, .who = who,
                            .question = question, .err = err };
    bool plain = tui_wants_plain(options->plain);
    int lock = -1;
    int status;

    session_outcome_clear(outcome, err);
    if (question && session_arg_is_folder(question)) {
        dir = question;
        r.question = NULL;
    }
    status = find_session(&r, dir);
    snprintf(outcome->dir, sizeof outcome->dir, "%s", r.dir);
    if (status == 0 && !plain)
        status = session_take_lock(r.dir, "; review it once that session "
                                   "has ended", &lock, err);
    if (status == 0)
        status = session_journal_load(r.dir, &r.journal, err);
    if (status == 0)
        status = check_something_to_review(&r);
    if (status == 0)
        status = plain ? review_plain(&r) : review_interactive(&r, outcome);
    if (r.audio_up)
        audio_shutdown();
    session_unlock(lock);
    journal_free(&r.journal);
    return status;
}
