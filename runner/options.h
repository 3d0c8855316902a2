/*
 * Private to runner/: the shared option table and the parsed arguments.
 */
#ifndef MI_RUNNER_OPTIONS_H
#define MI_RUNNER_OPTIONS_H

#include <stdbool.h>

#include "runner.h"

enum option_id {
    OPT_ROLE, OPT_BANK, OPT_COUNT, OPT_SHUFFLE, OPT_SEED, OPT_TAG,
    OPT_DIFFICULTY, OPT_QUESTION, OPT_THINK_TIME, OPT_ANSWER_TIME,
    OPT_HARD_STOP, OPT_NO_REVIEW, OPT_DEVICE, OPT_RATE, OPT_MIC_FILE,
    OPT_MAX_TAKE, OPT_VERBOSE, OPT_OUT, OPT_PLAIN, OPT_OUTPUT, OPT_SECONDS,
    OPT_NO_PLAYBACK, OPT_PARTNER, OPT_AS, OPT_HELP,
    OPT_COUNT_ALL
};

#define OPT_BIT(id) (1UL << (id))

struct args {
    struct selection selection;
    struct session_options session;
    const char *output;            /* -o / --output */
    int seconds;                   /* mic-check */
    bool no_playback;
    const char *who;               /* review --as: self, partner, review */
    bool help;
    char **positional;
    int positional_count;
};

/*
 * Parses argv (argv[0] is the command name) into args. Returns an exit
 * status: EXIT_OK, or EXIT_USAGE after printing the one-line reason.
 */
int runner_parse_args(const char *command, int argc, char **argv,
                      struct args *args);
void runner_args_free(struct args *args);

/*
 * Parses the options of `command`. Returns true when the command should go
 * on; false when it is finished (help shown, or a usage error printed), in
 * which case *status is the exit status and args holds nothing to free.
 */
bool runner_begin(const char *command, int argc, char **argv,
                  struct args *args, int *status);

/* The option's id if `command` takes --name, else -1. */
int runner_option_lookup(const char *command, const char *name,
                         bool *takes_value);

#endif
