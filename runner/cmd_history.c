/*
 * history: progress across sessions, one line each, then how each role's
 * rubric average moved from its first scored session to its latest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

/* One right-aligned 6-column cell: "3.5", or "-" when nothing was scored. */
static void put_tenths(int tenths)
{
    char cell[16] = "-";

    if (tenths >= 0)
        snprintf(cell, sizeof cell, "%d.%d", tenths / 10, tenths % 10);
    printf(" %6s", cell);
}

static void print_row(const struct session_summary *s)
{
    long seconds = (long)(s->answer_seconds + 0.5);
    char done[24];

    snprintf(done, sizeof done, "%zu/%zu%s", s->answered, s->questions,
             s->finished ? "" : "+");
    printf("%-16s  %-15s %6s %4ld:%02ld", s->date, s->role, done,
           seconds / 60, seconds % 60);
    for (int d = 0; d < 4; d++)
        put_tenths(s->averages[d]);
    put_tenths(s->overall);
    putchar('\n');
}

/* For each role: first and latest scored session, oldest role first. */
static void print_trends(const struct session_summary *all, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const struct session_summary *first = NULL, *last = NULL;
        size_t scored = 0;
        bool seen = false;

        for (size_t j = 0; j < i && !seen; j++)
            seen = !strcmp(all[j].role, all[i].role);
        if (seen)
            continue;
        for (size_t j = i; j < count; j++) {
            if (strcmp(all[j].role, all[i].role) || all[j].overall < 0)
                continue;
            first = first ? first : &all[j];
            last = &all[j];
            scored++;
        }
        if (scored >= 2)
            printf("%s: rubric average %d.%d -> %d.%d over %zu scored "
                   "sessions\n", all[i].role, first->overall / 10,
                   first->overall % 10, last->overall / 10,
                   last->overall % 10, scored);
    }
}

int cmd_history(int argc, char **argv)
{
    struct session_summary *summaries;
    struct session_error err = { 0 };
    struct args args;
    size_t count, skipped;
    int status;

    if (!runner_begin("history", argc, argv, &args, &status))
        return status;
    if (args.positional_count)
        return runner_usage("history", "unexpected argument '%s'",
                            args.positional[0]);
    if (session_history(args.session.out_dir, args.selection.role,
                        &summaries, &count, &skipped, &err) != 0)
        return runner_fail(err.exit_code, "%s", err.message);
    if (count == 0 && args.selection.role) {
        printf("no sessions of role '%s' yet\n", args.selection.role);
    } else if (count == 0) {
        printf("no sessions yet: start one with `mockinterview run --role "
               "ai-engineer`\n");
    } else {
        printf("%-16s  %-15s %6s %7s %6s %6s %6s %6s %6s\n", "date", "role",
               "done", "time", "system", "trade", "judge", "comm", "avg");
        for (size_t i = 0; i < count; i++)
            print_row(&summaries[i]);
        printf("\n(system thinking, trade-off awareness, practical judgment, "
               "communication; + = unfinished)\n");
        print_trends(summaries, count);
    }
    if (skipped)
        fprintf(stderr, "mockinterview: %zu session%s with an unreadable "
                "journal left out\n", skipped, skipped == 1 ? "" : "s");
    free(summaries);
    runner_args_free(&args);
    return EXIT_OK;
}
