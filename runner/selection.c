/*
 * Loading the question scripts a command names: the bundled bank of
 * --role, then each --bank file. Every problem in every file is printed
 * before giving up, so one run shows the whole list to fix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

void selection_free(struct selection *selection)
{
    free(selection->banks);
    free(selection->ids);
    selection->banks = NULL;
    selection->ids = NULL;
}

void runner_print_problems(const struct question_problems *problems)
{
    for (size_t i = 0; i < problems->count; i++) {
        const struct question_problem *p = &problems->items[i];

        if (p->line > 0)
            fprintf(stderr, "%s:%d:%d: %s\n", p->path, p->line,
                    p->column > 0 ? p->column : 1, p->message);
        else
            fprintf(stderr, "%s: %s\n", p->path, p->message);
    }
}

void selection_scripts_free(struct question_script **scripts, size_t count)
{
    for (size_t i = 0; i < count; i++)
        questions_script_free(scripts[i]);
    free(scripts);
}

void runner_role_names(char *buf, size_t size)
{
    struct string_list roles = { 0 };

    buf[0] = '\0';
    questions_bank_roles(&roles);
    for (size_t i = 0; i < roles.count; i++) {
        strncat(buf, i ? ", " : "", size - strlen(buf) - 1);
        strncat(buf, roles.items[i], size - strlen(buf) - 1);
    }
    questions_string_list_free(&roles);
}

static int role_path(const char *command, const char *role, char *buf,
                     size_t size)
{
    char names[512];

    if (questions_bank_path(role, buf, size) == 0)
        return EXIT_OK;
    runner_role_names(names, sizeof names);
    return runner_usage(command, "no bundled role '%s' (roles: %s)", role,
                        names);
}

/* Loads one file into scripts[*count], or prints why it could not. */
static int load_one(const char *path, struct question_script **scripts,
                    size_t *count)
{
    struct question_problems problems = { 0 };
    struct question_script *script = NULL;

    if (questions_load(path, &script, &problems) != 0) {
        runner_print_problems(&problems);
        questions_problems_free(&problems);
        return EXIT_INPUT;
    }
    questions_problems_free(&problems);
    scripts[(*count)++] = script;
    return EXIT_OK;
}

int selection_load(const struct selection *selection,
                   struct question_script ***scripts, size_t *count)
{
    size_t wanted = selection->bank_count + (selection->role ? 1 : 0);
    struct question_script **loaded = calloc(wanted + 1, sizeof *loaded);
    char path[4096];
    int status = EXIT_OK;

    if (!loaded)
        return runner_fail(EXIT_RUNTIME, "out of memory");
    *count = 0;
    if (selection->role) {
        status = role_path(selection->command ? selection->command : "run",
                           selection->role, path, sizeof path);
        if (status == EXIT_OK)
            status = load_one(path, loaded, count);
    }
    for (size_t i = 0; i < selection->bank_count && status != EXIT_USAGE;
         i++) {
        int one = load_one(selection->banks[i], loaded, count);

        if (one)
            status = one;
    }
    if (status) {
        selection_scripts_free(loaded, *count);
        return status;
    }
    *scripts = loaded;
    return EXIT_OK;
}

int selection_pick(const struct selection *selection,
                   struct question_script *const *scripts, size_t count,
                   struct question_pick **picks, size_t *pick_count)
{
    char why[512];

    if (questions_select(scripts, count, &selection->filter, picks,
                         pick_count, why, sizeof why) == 0)
        return EXIT_OK;
    return runner_usage(selection->command ? selection->command : "run",
                        "%s", why);
}
