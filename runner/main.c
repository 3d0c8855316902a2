/*
 * mockinterview: rehearse timed mock interviews for AI roles.
 *
 * main() reads like the usage text: find the subcommand, hand it the rest
 * of the command line, return its status. Everything else lives in the
 * cmd_* files; see runner.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runner.h"

static const char main_usage[] =
    "usage: mockinterview COMMAND [OPTIONS]\n"
    "\n"
    "Rehearse timed mock interviews for AI roles: see each question, think,\n"
    "answer aloud against the clock while your microphone is recorded, then\n"
    "compare every recording with a reference answer in a Markdown report.\n"
    "\n"
    "Commands:\n";

static const char main_footer[] =
    "\n"
    "Start with:  mockinterview mic-check\n"
    "             mockinterview run --role ai-engineer\n"
    "\n"
    "`mockinterview help COMMAND` shows a command's options.\n"
    "Exit status: 0 ok, 1 runtime failure (device, disk), 2 usage error,\n"
    "3 invalid input file, 130 interrupted after the session was saved.\n";

static void print_main_usage(FILE *out)
{
    size_t count;
    const struct command *commands = runner_commands(&count);

    fputs(main_usage, out);
    for (size_t i = 0; i < count; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs(main_footer, out);
}

int runner_fail(int status, const char *fmt, ...)
{
    va_list ap;

    fputs("mockinterview: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

static const char *usage_origin;

void runner_usage_origin(const char *origin)
{
    usage_origin = origin;
}

int runner_usage(const char *command, const char *fmt, ...)
{
    va_list ap;

    if (usage_origin) {
        fprintf(stderr, "%s: ", usage_origin);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
        return EXIT_INPUT;
    }
    fputs("mockinterview: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command)
        fprintf(stderr, "\nTry 'mockinterview help %s'.\n", command);
    else
        fputs("\nTry 'mockinterview --help'.\n", stderr);
    return EXIT_USAGE;
}

int cmd_help(int argc, char **argv)
{
    const struct command *command;

    if (argc < 2) {
        print_main_usage(stdout);
        return EXIT_OK;
    }
    command = runner_find_command(argv[1]);
    if (!command)
        return runner_usage(NULL, "no command '%s'", argv[1]);
    fputs(command->usage, stdout);
    return EXIT_OK;
}

/* Runs `command`, first giving it the config file's defaults. */
static int run_command(const struct command *command, int argc, char **argv)
{
    int full_argc, status = EXIT_OK;
    char **full_argv;

    if (command->run == cmd_help)
        return cmd_help(argc, argv);
    full_argv = runner_config_argv(command->name, argc, argv, &full_argc,
                                   &status);
    if (!full_argv)
        return status;
    status = command->run(full_argc, full_argv);
    runner_config_argv_free(full_argv, full_argc);
    return status;
}

int main(int argc, char **argv)
{
    const struct command *command;

    if (argc < 2) {
        print_main_usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        print_main_usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("mockinterview %s\n", MI_VERSION);
        return EXIT_OK;
    }
    if (argv[1][0] == '-')
        return runner_usage(NULL, "unknown option '%s'", argv[1]);

    command = runner_find_command(argv[1]);
    if (!command)
        return runner_usage(NULL, "unknown command '%s'", argv[1]);
    return run_command(command, argc - 1, argv + 1);
}
