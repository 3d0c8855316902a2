/*
 * The session state machine: intro, then think, answer and review for each
 * question, until done or quit.
 *
 * It is pure. It reads no clock, touches no file and draws nothing: every
 * event carries the caller's monotonic time in ms, and every effect (start
 * or stop a take, save the journal, ring the bell) comes back as an action
 * for run.c to carry out. Remaining time is always a deadline minus the
 * time of the event; a pause moves the deadline by its length, so no
 * counter can drift. The answer clock starts at the first captured frame,
 * which keeps the timer and the recorded frames in step.
 */
#include <string.h>

#include "internal.h"

static void push(const struct machine *m, struct machine_actions *out,
                 enum machine_action action)
{
    if (out->count < MACHINE_MAX_ACTIONS) {
        out->items[out->count].action = action;
        out->items[out->count].question = m->current;
        out->count++;
    }
}

static const struct machine_question *current_question(
    const struct machine *m)
{
    return &m->config.questions[m->current];
}

static bool is_enter(int key)
{
    return key == MACHINE_KEY_ENTER || key == ' ';
}

enum machine_cue machine_cue_for(int64_t remaining_ms)
{
    if (remaining_ms <= 0)
        return MACHINE_CUE_OVER;
    if (remaining_ms <= MACHINE_RED_MS)
        return MACHINE_CUE_RED;
    if (remaining_ms <= MACHINE_AMBER_MS)
        return MACHINE_CUE_AMBER;
    return MACHINE_CUE_GREEN;
}

bool machine_finished(const struct machine *m)
{
    return m->state == MACHINE_DONE || m->state == MACHINE_QUIT;
}

int64_t machine_elapsed(const struct machine *m, int64_t now)
{
    int64_t end = now;

    if (!m->clock_started)
        return 0;
    if (m->stopped_at)
        end = m->stopped_at;
    else if (m->state == MACHINE_PAUSED)
        end = m->paused_at;
    return end - m->clock_start - m->paused_total;
}

int64_t machine_remaining(const struct machine *m, int64_t now)
{
    bool thinking = m->state == MACHINE_THINK ||
        (m->state == MACHINE_PAUSED && m->paused_from == MACHINE_THINK);

    if (thinking) {
        int64_t at = m->state == MACHINE_PAUSED ? m->paused_at : now;
        return m->think_deadline - at;
    }
    if (m->current >= m->config.count)
        return 0;
    return current_question(m)->answer_ms - machine_elapsed(m, now);
}

/* Rings once for each cue the countdown reaches, in order. */
static void update_cue(struct machine *m, int64_t now,
                       struct machine_actions *out)
{
    enum machine_cue cue;

    if (!m->clock_started || m->state != MACHINE_ANSWER)
        return;
    cue = machine_cue_for(machine_remaining(m, now));
    if (cue > m->cue) {
        m->cue = cue;
        push(m, out, MACHINE_DO_BELL);
    }
}

static void reset_review(struct machine *m)
{
    review_sheet_start(&m->review, current_question(m)->key_points);
}

static void start_answer(struct machine *m, struct machine_actions *out)
{
    m->state = MACHINE_ANSWER;
    m->recording = true;
    m->clock_started = false;
    m->clock_start = 0;
    m->deadline = 0;
    m->paused_total = 0;
    m->stopped_at = 0;
    m->cue = MACHINE_CUE_NONE;
    m->take++;
    push(m, out, MACHINE_DO_START_TAKE);
    push(m, out, MACHINE_DO_SAVE);
}

static void enter_question(struct machine *m, int64_t now,
                           struct machine_actions *out)
{
    const struct machine_question *q = current_question(m);

    m->take = 0;
    m->answered = false;
    m->begun = true;
    m->state = MACHINE_THINK;
    m->think_deadline = now + (q->think_ms > 0 ? q->think_ms : 0);
    push(m, out, MACHINE_DO_SAVE);
    if (q->think_ms <= 0)
        start_answer(m, out);
}

static void next_question(struct machine *m, int64_t now,
                          struct machine_actions *out)
{
    m->current++;
    if (m->current < m->config.count) {
        enter_question(m, now, out);
        return;
    }
    m->state = MACHINE_DONE;
    push(m, out, MACHINE_DO_SAVE);
    push(m, out, MACHINE_DO_REPORT);
}

/* Freezes the take's figures: the timer excludes every pause. */
static void stop_clock(struct machine *m, int64_t now)
{
    int64_t limit = current_question(m)->answer_ms;

    if (m->state == MACHINE_PAUSED && m->clock_started)
        m->paused_total += now - m->paused_at;
    m->stopped_at = now;
    m->take_abandoned = false;
    m->take_timer_ms = machine_elapsed(m, now);
    m->take_overtime_ms = 0;
    if (!m->config.hard_stop && m->take_timer_ms > limit)
        m->take_overtime_ms = m->take_timer_ms - limit;
    m->recording = false;
}

static void finish_take(struct machine *m, int64_t now,
                        struct machine_actions *out)
{
    stop_clock(m, now);
    m->answered = true;
    push(m, out, MACHINE_DO_STOP_TAKE);
    push(m, out, MACHINE_DO_MARK_ANSWERED);
    if (m->config.no_review) {
        next_question(m, now, out);
        return;
    }
    m->state = MACHINE_REVIEW;
    reset_review(m);
    push(m, out, MACHINE_DO_SAVE);
}

/*
 * A take given up (skip, quit, a failure) is kept but marked abandoned,
 * so it never counts as the answer while a finished take exists.
 */
static void abandon_take(struct machine *m, int64_t now,
                         struct machine_actions *out)
{
    stop_clock(m, now);
    m->take_abandoned = true;
    push(m, out, MACHINE_DO_STOP_TAKE);
}

/* A question with a finished take stays answered: only a retake is lost. */
static void skip_question(struct machine *m, int64_t now,
                          struct machine_actions *out)
{
    if (m->recording)
        abandon_take(m, now, out);
    if (!m->answered)
        push(m, out, MACHINE_DO_MARK_SKIPPED);
    next_question(m, now, out);
}

/* Stops at once; everything so far is saved and the session resumable. */
static void quit_session(struct machine *m, int64_t now,
                         struct machine_actions *out)
{
    if (m->recording) {
        abandon_take(m, now, out);
        if (!m->answered)
            push(m, out, MACHINE_DO_MARK_INTERRUPTED);
    }
    if (m->state == MACHINE_REVIEW)
        push(m, out, MACHINE_DO_STORE_REVIEW);
    m->state = MACHINE_QUIT;
    push(m, out, MACHINE_DO_SAVE);
    push(m, out, MACHINE_DO_REPORT);
}

static void pause_clock(struct machine *m, int64_t now,
                        struct machine_actions *out)
{
    m->paused_from = m->state;
    m->paused_at = now;
    m->state = MACHINE_PAUSED;
    if (m->paused_from == MACHINE_ANSWER)
        push(m, out, MACHINE_DO_PAUSE_TAKE);
}

static void resume_clock(struct machine *m, int64_t now,
                         struct machine_actions *out)
{
    int64_t held = now - m->paused_at;

    m->state = m->paused_from;
    if (m->state == MACHINE_THINK) {
        m->think_deadline += held;
        return;
    }
    if (m->clock_started) {
        m->deadline += held;
        m->paused_total += held;
    }
    push(m, out, MACHINE_DO_RESUME_TAKE);
}

static void on_intro_key(struct machine *m, int key, int64_t now,
                         struct machine_actions *out)
{
    if (is_enter(key))
        enter_question(m, now, out);
    else if (key == 'q')
        quit_session(m, now, out);
}

static void on_think_key(struct machine *m, int key, int64_t now,
                         struct machine_actions *out)
{
    if (is_enter(key))
        start_answer(m, out);
    else if (key == 'p')
        pause_clock(m, now, out);
    else if (key == 's')
        skip_question(m, now, out);
    else if (key == 'q')
        quit_session(m, now, out);
}

static void on_answer_key(struct machine *m, int key, int64_t now,
                          struct machine_actions *out)
{
    if (is_enter(key))
        finish_take(m, now, out);
    else if (key == 'p')
        pause_clock(m, now, out);
    else if (key == 's')
        skip_question(m, now, out);
    else if (key == 'q')
        quit_session(m, now, out);
}

static void on_paused_key(struct machine *m, int key, int64_t now,
                          struct machine_actions *out)
{
    if (key == 'p') {
        resume_clock(m, now, out);
    } else if (is_enter(key)) {
        if (m->paused_from == MACHINE_THINK) {
            resume_clock(m, now, out);
            start_answer(m, out);
        } else {
            finish_take(m, now, out);
        }
    } else if (key == 's') {
        skip_question(m, now, out);
    } else if (key == 'q') {
        quit_session(m, now, out);
    }
}

/* n, r and q end the review from any step but the note. */
static bool is_review_choice(const struct machine *m, int key)
{
    if (review_sheet_typing(&m->review))
        return false;
    return key == 'n' || key == 'r' || key == 'q' ||
           (key == MACHINE_KEY_ENTER && m->review.step == REVIEW_DONE);
}

static void on_review_choice(struct machine *m, int key, int64_t now,
                             struct machine_actions *out)
{
    if (key == 'r') {
        push(m, out, MACHINE_DO_STORE_REVIEW);
        start_answer(m, out);
    } else if (key == 'q') {
        quit_session(m, now, out);
    } else {
        push(m, out, MACHINE_DO_STORE_REVIEW);
        next_question(m, now, out);
    }
}

static void on_review_key(struct machine *m, int key, int64_t now,
                          struct machine_actions *out)
{
    if (is_review_choice(m, key))
        on_review_choice(m, key, now, out);
    else
        review_sheet_key(&m->review, key);
}

static bool typing_note(const struct machine *m)
{
    return m->state == MACHINE_REVIEW && review_sheet_typing(&m->review);
}

/* ? opens and closes help, Esc closes it; in the note both are text. */
static bool toggles_help(const struct machine *m, int key)
{
    if (typing_note(m))
        return false;
    return key == '?' || (key == MACHINE_KEY_ESCAPE && m->show_help);
}

static void on_key(struct machine *m, int key, int64_t now,
                   struct machine_actions *out)
{
    if (toggles_help(m, key)) {
        m->show_help = key == '?' && !m->show_help;
        return;
    }
    switch (m->state) {
    case MACHINE_INTRO: on_intro_key(m, key, now, out); break;
    case MACHINE_THINK: on_think_key(m, key, now, out); break;
    case MACHINE_ANSWER: on_answer_key(m, key, now, out); break;
    case MACHINE_PAUSED: on_paused_key(m, key, now, out); break;
    case MACHINE_REVIEW: on_review_key(m, key, now, out); break;
    default: break;
    }
}

static void on_tick(struct machine *m, int64_t now,
                    struct machine_actions *out)
{
    if (m->state == MACHINE_THINK && now >= m->think_deadline) {
        start_answer(m, out);
        return;
    }
    if (m->state != MACHINE_ANSWER || !m->clock_started)
        return;
    update_cue(m, now, out);
    if (m->config.hard_stop && machine_remaining(m, now) <= 0)
        finish_take(m, now, out);
}

static void on_audio_started(struct machine *m, int64_t when,
                             struct machine_actions *out)
{
    if (!m->recording || m->clock_started)
        return;
    m->clock_started = true;
    m->clock_start = when;
    m->deadline = when + current_question(m)->answer_ms;
    if (m->state == MACHINE_PAUSED && m->paused_at < when)
        m->paused_at = when;
    update_cue(m, when, out);
}

/*
 * The input ran out (end of --mic-file): the take is the answer, unless
 * not one frame came, which is a failure.
 */
static void on_audio_ended(struct machine *m, int64_t now,
                           struct machine_actions *out)
{
    if (!m->recording)
        return;
    if (!m->clock_started) {
        m->terminated = true;
        quit_session(m, now, out);
        return;
    }
    finish_take(m, now, out);
}

/*
 * The device or the disk cut the take short. It is kept, the question is
 * interrupted (unless an earlier take finished), and the session stops:
 * going on would only cut the next take short too.
 */
static void on_audio_failed(struct machine *m, int64_t now,
                            struct machine_actions *out)
{
    if (!m->recording)
        return;
    m->terminated = true;
    quit_session(m, now, out);
}

static void on_suspend(struct machine *m, int64_t now,
                       struct machine_actions *out)
{
    if (m->state == MACHINE_ANSWER || m->state == MACHINE_THINK)
        pause_clock(m, now, out);
    push(m, out, MACHINE_DO_SUSPEND);
}

static void dispatch(struct machine *m, const struct machine_event *event,
                     struct machine_actions *out)
{
    switch (event->kind) {
    case MACHINE_EV_TICK: on_tick(m, event->now, out); break;
    case MACHINE_EV_KEY: on_key(m, event->key, event->now, out); break;
    case MACHINE_EV_AUDIO_STARTED:
        on_audio_started(m, event->now, out);
        break;
    case MACHINE_EV_AUDIO_ENDED: on_audio_ended(m, event->now, out); break;
    case MACHINE_EV_AUDIO_FAILED: on_audio_failed(m, event->now, out); break;
    case MACHINE_EV_INTERRUPT: quit_session(m, event->now, out); break;
    case MACHINE_EV_SUSPEND: on_suspend(m, event->now, out); break;
    case MACHINE_EV_TERMINATE:
        m->terminated = true;
        quit_session(m, event->now, out);
        break;
    }
}

/*
 * Help is about the screen it was opened on: a new phase closes it, and
 * so does opening the note, whose keys are all text.
 */
void machine_feed(struct machine *m, const struct machine_event *event,
                  struct machine_actions *out)
{
    enum machine_state state = m->state;
    size_t current = m->current;
    bool typing = typing_note(m);

    if (machine_finished(m))
        return;
    dispatch(m, event, out);
    if (m->state != state || m->current != current ||
        typing_note(m) != typing)
        m->show_help = false;
}

void machine_init(struct machine *m, const struct machine_config *config,
                  int64_t now, struct machine_actions *out)
{
    memset(m, 0, sizeof *m);
    m->config = *config;
    m->current = config->start;
    m->state = MACHINE_INTRO;
    if (m->current >= config->count) {
        m->state = MACHINE_DONE;
        push(m, out, MACHINE_DO_SAVE);
        push(m, out, MACHINE_DO_REPORT);
    } else if (config->auto_start) {
        enter_question(m, now, out);
    }
}
