/*
 * session_play: listening back to a session's takes, in plan order, with
 * each question's prompt on screen and a position bar.
 *
 * The loop is the same shape as the session's: tui_wait on the keys and
 * the UI's signal pipe for a short tick, keys and signals turned into
 * player calls. In plain mode each take gets one line and plays to its end.
 * q stops playing and is a normal end (exit 0); Ctrl-C or a signal ends
 * with SESSION_EXIT_INTERRUPTED and no message, as nothing went wrong.
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

#define PLAY_TICK_MS 50
#define SEEK_SECONDS 5.0

enum play_next {
    PLAY_NEXT,                     /* this take is over, go on */
    PLAY_QUIT,                     /* q: stop playing, all is well */
    PLAY_INTERRUPT,                /* Ctrl-C or a signal: stop, exit 130 */
};

struct player_run {
    struct tui *tui;
    struct audio_player *player;
    bool paused;
    size_t played;                 /* takes opened, to say at the end */
};

bool session_question_matches(const struct journal_question *q,
                              size_t index, const char *which)
{
    char *end;
    long number;

    if (!which)
        return true;
    if (q->id && strcmp(q->id, which) == 0)
        return true;
    number = strtol(which, &end, 10);
    return *which && *end == '\0' && number == (long)index + 1;
}

bool session_player_key(struct audio_player *player, bool *paused, int key)
{
    double at = audio_player_position(player);

    if (key == ' ' && audio_player_done(player)) {
        *paused = false;
        audio_player_play(player);
    } else if (key == ' ') {
        *paused = !*paused;
        audio_player_pause(player, *paused);
    } else if (key == MACHINE_KEY_LEFT) {
        audio_player_seek(player, at > SEEK_SECONDS ? at - SEEK_SECONDS : 0);
    } else if (key == MACHINE_KEY_RIGHT) {
        audio_player_seek(player, at + SEEK_SECONDS);
    } else {
        return false;
    }
    return true;
}

/* Returns an enum play_next, or -1 to keep playing. */
static int on_key(struct player_run *p, int key)
{
    if (key == 'q')
        return PLAY_QUIT;
    if (key == 0x03)
        return PLAY_INTERRUPT;
    if (key == 'n')
        return PLAY_NEXT;
    if (session_player_key(p->player, &p->paused, key))
        return -1;
    if (key == 0x1a) {
        audio_player_pause(p->player, true);
        p->paused = true;
        tui_suspend(p->tui);
    }
    return -1;
}

/* Returns an enum play_next, or -1 to keep going. */
static int on_signals(struct player_run *p)
{
    int sig;

    while ((sig = tui_take_signal(p->tui)) != 0) {
        if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP)
            return PLAY_INTERRUPT;
        if (sig == SIGTSTP)
            return on_key(p, 0x1a);
        if (sig == SIGCONT)
            tui_resume(p->tui);
        if (sig == SIGWINCH)
            tui_force_redraw(p->tui);
    }
    return -1;
}

/* Every key waiting, until one ends the take. */
static int on_keys(struct player_run *p)
{
    int keys[16];
    int n;

    do {
        n = tui_read_keys(p->tui, keys, 16);
        for (int i = 0; i < n; i++) {
            int next = on_key(p, keys[i]);

            if (next >= 0)
                return next;
        }
    } while (n == 16);
    return -1;
}

static enum play_next play_until_done(struct player_run *p, const char *title,
                                      const char *prompt)
{
    int next = -1;

    while (next < 0 && !audio_player_done(p->player)) {
        tui_render_player(p->tui, title, prompt,
                          audio_player_position(p->player),
                          audio_player_duration(p->player), p->paused);
        tui_wait(p->tui, PLAY_TICK_MS);
        next = on_signals(p);
        if (next < 0)
            next = on_keys(p);
    }
    return next < 0 ? PLAY_NEXT : (enum play_next)next;
}

/* Plays one take; how it ended goes to *next. Returns 0 or an error. */
static int play_take(struct player_run *p, const char *dir,
                     const struct journal *j, size_t index, size_t take,
                     const struct session_options *options,
                     enum play_next *next, struct session_error *err)
{
    const struct journal_question *q = &j->questions[index];
    const struct journal_take *t = &q->takes[take];
    struct audio_error aerr = { "" };
    char path[PATH_MAX * 2], title[512];

    snprintf(path, sizeof path, "%s/%s", dir, t->file ? t->file : "");
    snprintf(title, sizeof title, "Question %zu/%zu  %s  take %zu (%.1f s)",
             index + 1, j->question_count, q->topic ? q->topic : "",
             take + 1, t->duration);
    if (tui_plain(p->tui))
        tui_say(p->tui, "%s: %s", title, t->file ? t->file : "");
    if (audio_player_open(path, options->device, &p->player, &aerr) < 0)
        return session_fail(err, SESSION_EXIT_RUNTIME, "%s", aerr.message);
    p->paused = false;
    if (audio_player_play(p->player) < 0) {
        audio_player_close(p->player);
        return session_fail(err, SESSION_EXIT_RUNTIME, "%s: cannot play", path);
    }
    *next = play_until_done(p, title, q->prompt ? q->prompt : "");
    audio_player_close(p->player);
    p->player = NULL;
    return 0;
}

static int play_all(struct player_run *p, const char *dir,
                    const struct journal *j, const char *question,
                    const struct session_options *options,
                    struct session_error *err)
{
    enum play_next next = PLAY_NEXT;
    int status = 0;

    for (size_t i = 0; i < j->question_count; i++) {
        const struct journal_question *q = &j->questions[i];

        if (!session_question_matches(q, i, question))
            continue;
        for (size_t k = 0; k < q->take_count && status == 0 &&
                           next == PLAY_NEXT; k++) {
            status = play_take(p, dir, j, i, k, options, &next, err);
            p->played += status == 0;
        }
    }
    if (status == 0 && next == PLAY_INTERRUPT)
        err->exit_code = status = SESSION_EXIT_INTERRUPTED;
    return status;
}

static size_t count_takes(const struct journal *j, const char *question)
{
    size_t total = 0;

    for (size_t i = 0; i < j->question_count; i++)
        if (session_question_matches(&j->questions[i], i, question))
            total += j->questions[i].take_count;
    return total;
}

int session_play(const char *dir, const char *question,
                 const struct session_options *options,
                 struct session_error *err)
{
    char session[PATH_MAX];
    struct journal j;
    struct audio_error aerr = { "" };
    struct player_run p = { 0 };
    int status;

    session_outcome_clear(NULL, err);
    if (question && session_arg_is_folder(question)) {
        dir = question;
        question = NULL;
    }
    if (session_dir_find(dir, options->out_dir, false, "no session to play",
                         session, sizeof session, err) != 0)
        return err->exit_code;
    if (session_journal_load(session, &j, err) != 0) {
        journal_free(&j);
        return err->exit_code;
    }
    if (count_takes(&j, question) == 0) {
        journal_free(&j);
        return session_fail(err, SESSION_EXIT_USAGE, "%s: no recordings%s%s",
                         session, question ? " for question " : "",
                         question ? question : "");
    }
    if (audio_init(options->verbose, NULL, &aerr) < 0) {
        journal_free(&j);
        return session_fail(err, SESSION_EXIT_RUNTIME, "%s", aerr.message);
    }
    if (tui_open(&p.tui, options->plain) < 0) {
        status = session_fail(err, SESSION_EXIT_RUNTIME,
                           "cannot set up the terminal");
    } else {
        status = play_all(&p, session, &j, question, options, err);
        tui_close(p.tui);
        if (status == 0)           /* the screen is gone: say it ended */
            tui_tell("played %zu take%s", p.played,
                     p.played == 1 ? "" : "s");
    }
    audio_shutdown();
    journal_free(&j);
    return status;
}
