/*
 * The table of subcommands and their help texts. The help text is the
 * reference for each command's options; the README and the man page say
 * the same things at more length.
 */
#include <string.h>

#include "runner.h"

#define SELECTION_OPTIONS \
    "  --role ROLE          a bundled role (see `mockinterview roles`)\n" \
    "  --bank FILE          your own question script; may repeat, may be\n" \
    "                       combined with --role\n" \
    "  --count N            ask at most N questions\n" \
    "  --shuffle            random order; --seed N makes it repeatable\n" \
    "  --seed N             shuffle with this seed (same seed, same order)\n" \
    "  --tag TAG            only questions with this tag\n" \
    "  --difficulty D       only easy, medium or hard questions\n" \
    "  --question ID        this question; may repeat, keeps your order\n"

#define AUDIO_OPTIONS \
    "  --device D           input device: index or part of its name\n" \
    "                       (see `mockinterview devices`)\n" \
    "  --rate HZ            16000, 44100 or 48000 (default 48000)\n" \
    "  --mic-file FILE.wav  use a WAV file as the microphone, in real time\n" \
    "  --max-take DUR       longest take (default 30m)\n" \
    "  --verbose            show audio library messages\n"

static const char run_usage[] =
    "usage: mockinterview run --role ROLE [OPTIONS]\n"
    "\n"
    "Runs a timed mock interview: for each question, think time, then an\n"
    "answer recorded from the microphone against a countdown, then a review\n"
    "where you tick the key points you covered and score yourself.\n"
    "\n"
    "Question selection:\n"
    SELECTION_OPTIONS
    "\n"
    "Timing:\n"
    "  --think-time DUR     think time for every question (45s, 2m, 0)\n"
    "  --answer-time DUR    answer time for every question (3m, 2m30s, 90)\n"
    "  --hard-stop          stop recording when time is up (default: keep\n"
    "                       going and count overtime)\n"
    "  --no-review          skip the review after each answer\n"
    "\n"
    "Pairing:\n"
    "  --partner            a partner plays interviewer at the keyboard: the\n"
    "                       answer screen also shows the key points, and\n"
    "                       the review is saved as the partner's\n"
    "\n"
    "Audio:\n"
    AUDIO_OPTIONS
    "\n"
    "Output:\n"
    "  --out DIR            keep sessions in DIR instead of\n"
    "                       $XDG_DATA_HOME/mockinterview/sessions\n"
    "  --plain              plain lines, no screen control, no prompts\n"
    "\n"
    "Keys while answering: Enter or space finish, p pause, s skip, q quit\n"
    "(saved; `mockinterview resume` continues), ? help.\n"
    "Defaults for any option can live in\n"
    "$XDG_CONFIG_HOME/mockinterview/config.yaml, e.g. `answer-time: 2m`.\n";

static const char resume_usage[] =
    "usage: mockinterview resume [SESSION_DIR] [OPTIONS]\n"
    "\n"
    "Continues a session that was quit or cut short, at the first question\n"
    "not yet answered or skipped. Without SESSION_DIR, the latest unfinished\n"
    "session. Recordings cut short by a crash are repaired and kept.\n"
    "\n"
    "Options:\n"
    AUDIO_OPTIONS
    "  --no-review          skip the review after each answer\n"
    "  --partner            a partner reviews from here on (see `help run`)\n"
    "  --out DIR            where sessions are kept\n"
    "  --plain              plain lines, no screen control, no prompts\n";

static const char report_usage[] =
    "usage: mockinterview report [SESSION_DIR] [-o FILE] [--out DIR]\n"
    "\n"
    "Rebuilds a session's Markdown report from its journal. Without\n"
    "SESSION_DIR, the latest session. The report goes to\n"
    "SESSION_DIR/report.md unless -o names another file; links to the\n"
    "recordings are written relative to the report.\n";

static const char play_usage[] =
    "usage: mockinterview play [SESSION_DIR] [QUESTION] [OPTIONS]\n"
    "\n"
    "Plays a session's recordings in order with each question's prompt on\n"
    "screen, or only those of QUESTION (its id or number).\n"
    "Keys: space pause, left/right seek 5 s, n next, q quit.\n"
    "\n"
    "Options:\n"
    "  --device D           output device: index or part of its name\n"
    "  --out DIR            where sessions are kept\n"
    "  --plain              plain lines, no screen control\n";

static const char review_usage[] =
    "usage: mockinterview review [SESSION_DIR] [QUESTION] [OPTIONS]\n"
    "\n"
    "Goes over a session afterwards and scores it again. For each question\n"
    "with takes (or only QUESTION, its id or number) it shows the prompt,\n"
    "the reference answer and the key points, and plays the last take\n"
    "where there is an output device. Tick key points, score the four\n"
    "rubric dimensions and edit the note: the sheet starts from your\n"
    "earlier assessment, else from the one the report counts now, so\n"
    "changing a score takes a few keys. Without SESSION_DIR, the latest\n"
    "session. A question passed over without a change is left as it was.\n"
    "\n"
    "Keys: 1-9,0 tick key points, Enter on to the scores; then 1-5 score,\n"
    "Enter keeps the score shown, 0 or - clears it, Backspace goes back;\n"
    "e or Tab opens the note (Enter keeps it, Esc undoes the edit).\n"
    "n (or Enter at the end) saves and goes to the next question, q saves\n"
    "and quits; PgUp/PgDn scroll the reference answer.\n"
    "Playback: space pause/resume, left/right seek 5 s, t an earlier take.\n"
    "\n"
    "Scores are saved in the journal under WHO and report.md is rebuilt;\n"
    "the report's summary counts a review over a partner's, and a\n"
    "partner's over your own. A session still running is refused.\n"
    "\n"
    "Options:\n"
    "  --as WHO             self, partner or review (default review)\n"
    "  --device D           output device: index or part of its name\n"
    "  --out DIR            where sessions are kept\n"
    "  --plain              print each question's scores and exit, asking\n"
    "                       nothing (also when not on a terminal)\n"
    "  --verbose            show audio library messages\n";

static const char validate_usage[] =
    "usage: mockinterview validate FILE...\n"
    "\n"
    "Checks question scripts and prints every problem as\n"
    "FILE:LINE:COLUMN: message, then a summary. Exit status 3 when any file\n"
    "has a problem. The format is described in questions/README.md.\n";

static const char roles_usage[] =
    "usage: mockinterview roles\n"
    "\n"
    "Lists the bundled roles with their focus and thinking pattern.\n";

static const char list_usage[] =
    "usage: mockinterview list [SELECTION OPTIONS]\n"
    "\n"
    "Lists questions: id, topic, difficulty and answer time, in the order a\n"
    "run with the same options would ask them. Without --role or --bank,\n"
    "every bundled role.\n"
    "\n"
    SELECTION_OPTIONS;

static const char import_usage[] =
    "usage: mockinterview import DIR -o OUTDIR\n"
    "\n"
    "Converts a Markdown question collection (one folder per role, one file\n"
    "per question) into question scripts OUTDIR/ROLE.yaml. Exit status 3\n"
    "when any file could not be imported; the others are still written.\n";

static const char devices_usage[] =
    "usage: mockinterview devices\n"
    "\n"
    "Lists audio devices: index, name, host API, input and output channels\n"
    "and default rate. `*` marks the default input, `>` the default output.\n";

static const char mic_check_usage[] =
    "usage: mockinterview mic-check [--device D] [--seconds N] [OPTIONS]\n"
    "\n"
    "Records a few seconds with a live level meter, says whether the\n"
    "microphone is usable (silent, too quiet, clipping or fine) and plays\n"
    "the recording back where there is an output device.\n"
    "\n"
    "Options:\n"
    "  --seconds N          how long to record (default 5)\n"
    "  --no-playback        do not play the recording back\n"
    AUDIO_OPTIONS;

static const char repair_usage[] =
    "usage: mockinterview repair FILE.wav...\n"
    "\n"
    "Rewrites the size fields of WAV files whose header is stale (after a\n"
    "crash or kill) from the real length of their data, and says what\n"
    "changed. Files that are already right are left alone.\n";

static const char history_usage[] =
    "usage: mockinterview history [--role ROLE] [--out DIR]\n"
    "\n"
    "Shows progress across sessions: one line per session with questions\n"
    "answered, answering time and the rubric average per dimension, then\n"
    "how each role's average moved from the first scored session to the\n"
    "latest.\n";

static const char help_usage[] =
    "usage: mockinterview help [COMMAND]\n";

static const struct command commands[] = {
    { "run", cmd_run, "run a timed mock interview", run_usage },
    { "resume", cmd_resume, "continue a session that was cut short",
      resume_usage },
    { "report", cmd_report, "rebuild a session's Markdown report",
      report_usage },
    { "play", cmd_play, "listen to a session's recordings", play_usage },
    { "review", cmd_review, "listen again and score a session afterwards",
      review_usage },
    { "history", cmd_history, "progress across sessions", history_usage },
    { "roles", cmd_roles, "list the bundled roles", roles_usage },
    { "list", cmd_list, "list questions", list_usage },
    { "validate", cmd_validate, "check question scripts", validate_usage },
    { "import", cmd_import, "convert a Markdown question collection",
      import_usage },
    { "devices", cmd_devices, "list audio devices", devices_usage },
    { "mic-check", cmd_mic_check, "test your microphone", mic_check_usage },
    { "repair", cmd_repair, "fix WAV headers after a crash", repair_usage },
    { "help", cmd_help, "show help for a command", help_usage },
};

const struct command *runner_commands(size_t *count)
{
    *count = sizeof commands / sizeof commands[0];
    return commands;
}

const struct command *runner_find_command(const char *name)
{
    size_t count;
    const struct command *all = runner_commands(&count);

    for (size_t i = 0; i < count; i++)
        if (!strcmp(all[i].name, name))
            return &all[i];
    return NULL;
}
