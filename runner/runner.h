/*
 * runner: the mockinterview command line.
 *
 * main.c dispatches a subcommand to one of the cmd_* functions below. Each
 * parses its own options (after the config file's defaults), calls the
 * modules and turns their results into lines on the terminal and an exit
 * status. This is the only place, with the session UI, that prints.
 */
#ifndef MI_RUNNER_H
#define MI_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include <sessions/sessions.h>

enum runner_exit {
    EXIT_OK = 0,
    EXIT_RUNTIME = 1,
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,
    EXIT_INTERRUPTED = 130,
};

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
    const char *usage;             /* full help text */
};

const struct command *runner_commands(size_t *count);
const struct command *runner_find_command(const char *name);

/* Prints "mockinterview: <message>" to stderr and returns `status`. */
int runner_fail(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A usage error: the message, a hint to `help CMD`, exit 2. */
int runner_usage(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Returns argv with the config file's defaults for `command` inserted
 * before the user's own options, so that the command line wins. On a bad
 * config file prints the located problem and returns NULL with *status set.
 */
char **runner_config_argv(const char *command, int argc, char **argv,
                          int *new_argc, int *status);
void runner_config_argv_free(char **argv, int argc);

/* "FILE:LINE:COLUMN" of an argument that came from the config file. */
const char *runner_config_origin(int index);

/*
 * While set, runner_usage reports against this origin instead: one line
 * "ORIGIN: message" and EXIT_INPUT, since the bad value is in a file.
 */
void runner_usage_origin(const char *origin);

int cmd_run(int argc, char **argv);
int cmd_resume(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_roles(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_devices(int argc, char **argv);
int cmd_mic_check(int argc, char **argv);
int cmd_repair(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Shared by the commands that load question scripts. */
struct selection {
    const char *command;           /* for usage hints */
    const char *role;
    const char **banks;
    size_t bank_count;
    struct question_filter filter;
    const char **ids;
    size_t id_count;
};

void selection_free(struct selection *selection);

/*
 * Loads the scripts the selection names (the role's bank, then each
 * --bank), printing every problem as FILE:LINE:COLUMN: message. Returns an
 * exit status; on success *scripts holds `*count` scripts.
 */
int selection_load(const struct selection *selection,
                   struct question_script ***scripts, size_t *count);
void selection_scripts_free(struct question_script **scripts, size_t count);

/*
 * Applies the selection's filter to the loaded scripts; a selection that
 * matches nothing is a usage error, printed. Returns an exit status.
 */
int selection_pick(const struct selection *selection,
                   struct question_script *const *scripts, size_t count,
                   struct question_pick **picks, size_t *pick_count);
void runner_print_problems(const struct question_problems *problems);

/* "ai-engineer, ml-engineer, ..." for messages. */
void runner_role_names(char *buf, size_t size);

/* Parses a duration option, printing a usage error when it is bad. */
int runner_parse_seconds(const char *command, const char *option,
                         const char *text, int *seconds);
int runner_parse_count(const char *command, const char *option,
                       const char *text, long min, long max, long *out);

#endif
