/*
 * Commands about question scripts: validate, roles, list and import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

int cmd_validate(int argc, char **argv)
{
    struct args args;
    size_t bad_files = 0, problem_count = 0;
    int status;

    if (!runner_begin("validate", argc, argv, &args, &status))
        return status;
    if (args.positional_count == 0)
        return runner_usage("validate", "name at least one question file");

    for (int i = 0; i < args.positional_count; i++) {
        struct question_problems problems = { 0 };
        struct question_script *script = NULL;

        if (questions_load(args.positional[i], &script, &problems) != 0) {
            runner_print_problems(&problems);
            problem_count += problems.count ? problems.count : 1;
            bad_files++;
        }
        questions_problems_free(&problems);
        questions_script_free(script);
    }
    printf("%d file%s checked: %zu valid, %zu with problems (%zu problem%s)\n",
           args.positional_count, args.positional_count == 1 ? "" : "s",
           args.positional_count - bad_files, bad_files, problem_count,
           problem_count == 1 ? "" : "s");
    runner_args_free(&args);
    return bad_files ? EXIT_INPUT : EXIT_OK;
}

/* Loads every bundled role's script, printing problems; NULL on failure. */
static int load_bundled(struct question_script ***scripts, size_t *count)
{
    struct string_list roles = { 0 };
    struct selection selection = { 0 };
    int status;

    if (questions_bank_roles(&roles) != 0 || roles.count == 0)
        return runner_fail(EXIT_RUNTIME, "no question banks found in %s "
                           "(set MOCKINTERVIEW_BANK_DIR)",
                           questions_bank_dir());
    selection.banks = calloc(roles.count, sizeof *selection.banks);
    if (!selection.banks) {
        questions_string_list_free(&roles);
        return runner_fail(EXIT_RUNTIME, "out of memory");
    }

    char (*paths)[4096] = calloc(roles.count, sizeof *paths);

    for (size_t i = 0; paths && i < roles.count; i++) {
        questions_bank_path(roles.items[i], paths[i], sizeof paths[i]);
        selection.banks[selection.bank_count++] = paths[i];
    }
    status = paths ? selection_load(&selection, scripts, count)
                   : runner_fail(EXIT_RUNTIME, "out of memory");
    free(paths);
    selection_free(&selection);
    questions_string_list_free(&roles);
    return status;
}

/*
 * "LABEL text" under the role name, the text wrapped at word boundaries
 * so that lines stay within 80 columns.
 */
static void print_wrapped(const char *label, const char *text)
{
    enum { INDENT = 17 + 10, WIDTH = 80 };
    int column = printf("%-17s%s", "", label);

    while (*text) {
        size_t word = strcspn(text, " ");

        if (column > INDENT && column + 1 + (int)word > WIDTH)
            column = printf("\n%*s", INDENT, "") - 1;
        else if (column > INDENT)
            column += printf(" ");
        column += printf("%.*s", (int)word, text);
        text += word;
        text += strspn(text, " ");
    }
    putchar('\n');
}

int cmd_roles(int argc, char **argv)
{
    struct question_script **scripts;
    struct args args;
    size_t count;
    int status;

    if (!runner_begin("roles", argc, argv, &args, &status))
        return status;
    if (args.positional_count > 0)
        return runner_usage("roles", "roles takes no arguments");
    status = load_bundled(&scripts, &count);
    if (status)
        return status;
    for (size_t i = 0; i < count; i++) {
        const struct question_script *s = scripts[i];

        printf("%-16s %s (%zu questions)\n", s->role, s->title, s->count);
        print_wrapped("focus:    ", s->focus);
        print_wrapped("thinking: ", s->thinking_pattern);
    }
    selection_scripts_free(scripts, count);
    return EXIT_OK;
}

static void format_duration(int seconds, char *buf, size_t size)
{
    if (seconds % 60 == 0)
        snprintf(buf, size, "%dm", seconds / 60);
    else if (seconds > 60)
        snprintf(buf, size, "%dm%02ds", seconds / 60, seconds % 60);
    else
        snprintf(buf, size, "%ds", seconds);
}

/* Column widths that fit the longest id and topic, within reason. */
static void pick_widths(const struct question_pick *picks, size_t count,
                        int *id_width, int *topic_width)
{
    *id_width = 10;
    *topic_width = 10;
    for (size_t i = 0; i < count; i++) {
        int id = (int)strlen(picks[i].question->id);
        int topic = (int)strlen(picks[i].question->topic);

        *id_width = id > *id_width ? id : *id_width;
        *topic_width = topic > *topic_width ? topic : *topic_width;
    }
    *id_width = *id_width > 48 ? 48 : *id_width;
    *topic_width = *topic_width > 40 ? 40 : *topic_width;
}

static void print_picks(const struct question_pick *picks, size_t count)
{
    const struct question_script *current = NULL;
    int id_width, topic_width;
    char limit[16];

    pick_widths(picks, count, &id_width, &topic_width);
    for (size_t i = 0; i < count; i++) {
        const struct question *q = picks[i].question;

        if (picks[i].script != current) {
            current = picks[i].script;
            printf("%s%s (%s)\n", i ? "\n" : "", current->title,
                   current->role);
        }
        format_duration(questions_answer_time(current, q), limit,
                        sizeof limit);
        printf("  %-*s  %-*s  %-7s %s\n", id_width, q->id, topic_width,
               q->topic, questions_difficulty_name(q->difficulty), limit);
    }
}

int cmd_list(int argc, char **argv)
{
    struct question_script **scripts = NULL;
    struct question_pick *picks = NULL;
    size_t count = 0, pick_count = 0;
    struct args args;
    int status;

    if (!runner_begin("list", argc, argv, &args, &status))
        return status;
    if (args.positional_count > 0) {
        status = runner_usage("list", "unexpected argument '%s'",
                              args.positional[0]);
        goto out;
    }
    if (args.selection.role || args.selection.bank_count)
        status = selection_load(&args.selection, &scripts, &count);
    else
        status = load_bundled(&scripts, &count);
    if (status == EXIT_OK)
        status = selection_pick(&args.selection, scripts, count, &picks,
                                &pick_count);
    if (status)
        goto out;
    print_picks(picks, pick_count);
    printf("\n%zu question%s\n", pick_count, pick_count == 1 ? "" : "s");
out:
    free(picks);
    selection_scripts_free(scripts, count);
    runner_args_free(&args);
    return status;
}

int cmd_import(int argc, char **argv)
{
    struct question_import_result result = { 0 };
    struct args args;
    int status;

    if (!runner_begin("import", argc, argv, &args, &status))
        return status;
    if (args.positional_count != 1)
        return runner_usage("import", "name one collection folder");
    if (!args.output)
        return runner_usage("import", "name the output folder with -o");

    status = questions_import(args.positional[0], args.output, &result)
                 ? EXIT_INPUT : EXIT_OK;
    for (size_t i = 0; i < result.role_count; i++)
        printf("%s: %zu question%s -> %s\n", result.roles[i].role,
               result.roles[i].question_count,
               result.roles[i].question_count == 1 ? "" : "s",
               result.roles[i].output_path);
    runner_print_problems(&result.failures);
    if (result.failures.count)
        fprintf(stderr, "mockinterview: %zu file%s could not be imported\n",
                result.failures.count,
                result.failures.count == 1 ? "" : "s");
    else if (result.role_count == 0)
        status = runner_fail(EXIT_INPUT, "%s: no role folders with "
                             "question files found", args.positional[0]);
    questions_import_result_free(&result);
    return status;
}
