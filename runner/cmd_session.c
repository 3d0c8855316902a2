/*
 * Commands about sessions: run, resume, report, play and review.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

/* Prints what a session run left behind; the report path comes last. */
static int finish_session(int status, const struct session_outcome *outcome,
                          const struct session_error *err)
{
    if (err->message[0])
        runner_fail(status, "%s", err->message);
    if (outcome->report[0]) {
        fflush(stderr);
        printf("report: %s\n", outcome->report);
        fflush(stdout);
    }
    return status;
}

static int no_selection(void)
{
    char names[512];

    runner_role_names(names, sizeof names);
    return runner_usage("run", "choose a role with --role ROLE (%s) or a "
                        "script with --bank FILE", names);
}

int cmd_run(int argc, char **argv)
{
    struct session_outcome outcome = { 0 };
    struct session_error err = { 0 };
    struct question_script **scripts = NULL;
    struct question_pick *picks = NULL;
    size_t count = 0, pick_count = 0;
    struct args args;
    int status;

    if (!runner_begin("run", argc, argv, &args, &status))
        return status;
    if (args.positional_count > 0) {
        status = runner_usage("run", "unexpected argument '%s'",
                              args.positional[0]);
        goto out;
    }
    if (!args.selection.role && !args.selection.bank_count) {
        status = no_selection();
        goto out;
    }
    status = selection_load(&args.selection, &scripts, &count);
    if (status == EXIT_OK)
        status = selection_pick(&args.selection, scripts, count, &picks,
                                &pick_count);
    if (status)
        goto out;
    status = session_run(picks, pick_count, &args.session, &outcome, &err);
    status = finish_session(status, &outcome, &err);
out:
    free(picks);
    selection_scripts_free(scripts, count);
    runner_args_free(&args);
    return status;
}

/* SESSION_DIR from the arguments, or the latest one under --out. */
static int pick_session(const char *command, const struct args *args,
                        bool unfinished_only, char *dir, size_t size)
{
    if (args->positional_count > 0) {
        snprintf(dir, size, "%s", args->positional[0]);
        return EXIT_OK;
    }
    if (session_latest(args->session.out_dir, unfinished_only, dir,
                       size) == 0)
        return EXIT_OK;
    if (unfinished_only)
        return runner_fail(EXIT_USAGE, "no unfinished session to resume; "
                           "start one with `mockinterview run`");
    return runner_fail(EXIT_USAGE, "no sessions yet; start one with "
                       "`mockinterview run` (%s)", command);
}

int cmd_resume(int argc, char **argv)
{
    struct session_outcome outcome = { 0 };
    struct session_error err = { 0 };
    struct args args;
    char dir[4096];
    int status;

    if (!runner_begin("resume", argc, argv, &args, &status))
        return status;
    if (args.positional_count > 1)
        status = runner_usage("resume", "name at most one session folder");
    else
        status = pick_session("resume", &args, true, dir, sizeof dir);
    if (status == EXIT_OK) {
        status = session_resume(dir, &args.session, &outcome, &err);
        status = finish_session(status, &outcome, &err);
    }
    runner_args_free(&args);
    return status;
}

int cmd_report(int argc, char **argv)
{
    struct session_error err = { 0 };
    struct args args;
    char dir[4096], written[4096];
    int status;

    if (!runner_begin("report", argc, argv, &args, &status))
        return status;
    if (args.positional_count > 1)
        status = runner_usage("report", "name at most one session folder");
    else
        status = pick_session("report", &args, false, dir, sizeof dir);
    if (status == EXIT_OK) {
        if (session_report(dir, args.output, written, &err) == 0) {
            printf("report: %s\n", written);
        } else {
            status = err.exit_code ? err.exit_code : EXIT_RUNTIME;
            runner_fail(status, "%s", err.message);
        }
    }
    runner_args_free(&args);
    return status;
}

/*
 * [SESSION_DIR] [QUESTION]: a first argument that looks like a folder (it
 * has a '/' or names a directory) is the session, and sessions/ says so if
 * it is not one; else the latest session is meant and it is the question.
 */
static int pick_dir_and_question(const char *command, const struct args *args,
                                 char *dir, size_t size,
                                 const char **question)
{
    int used = 0;

    *question = NULL;
    if (args->positional_count > 0 &&
        session_arg_is_folder(args->positional[0])) {
        snprintf(dir, size, "%s", args->positional[0]);
        used = 1;
    } else if (session_latest(args->session.out_dir, false, dir, size) != 0) {
        return runner_fail(EXIT_USAGE, "no sessions to %s; name a session "
                           "folder", command);
    }
    if (args->positional_count > used)
        *question = args->positional[used];
    if (args->positional_count > used + 1)
        return runner_usage(command, "unexpected argument '%s'",
                            args->positional[used + 1]);
    return EXIT_OK;
}

int cmd_play(int argc, char **argv)
{
    struct session_error err = { 0 };
    struct args args;
    const char *question;
    char dir[4096];
    int status;

    if (!runner_begin("play", argc, argv, &args, &status))
        return status;
    status = pick_dir_and_question("play", &args, dir, sizeof dir, &question);
    if (status == EXIT_OK) {
        status = session_play(dir, question, &args.session, &err);
        if (status && err.message[0])
            runner_fail(status, "%s", err.message);
    }
    runner_args_free(&args);
    return status;
}

int cmd_review(int argc, char **argv)
{
    struct session_outcome outcome = { 0 };
    struct session_error err = { 0 };
    struct args args;
    const char *question;
    char dir[4096];
    int status;

    if (!runner_begin("review", argc, argv, &args, &status))
        return status;
    status = pick_dir_and_question("review", &args, dir, sizeof dir,
                                   &question);
    if (status == EXIT_OK) {
        status = session_review(dir, question, args.who, &args.session,
                                &outcome, &err);
        status = finish_session(status, &outcome, &err);
    }
    runner_args_free(&args);
    return status;
}
