/*
 * Progress across sessions: one summary line per past session, read from
 * the journals alone, with the rubric averaged the way the report does it.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static bool has_journal(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;

    if (snprintf(path, sizeof path, "%s/%s", dir, JOURNAL_FILE) >=
        (int)sizeof path)
        return false;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Session folder names sort by date and time, so name order is age. */
static int list_session_names(const char *root, char ***names, size_t *count)
{
    DIR *d = opendir(root);
    struct dirent *e;
    char path[PATH_MAX];

    *names = NULL;
    *count = 0;
    if (!d)
        return errno == ENOENT ? 0 : -1;
    while ((e = readdir(d)) != NULL) {
        char **grown;

        if (e->d_name[0] == '.' ||
            snprintf(path, sizeof path, "%s/%s", root, e->d_name) >=
                (int)sizeof path || !has_journal(path))
            continue;
        grown = realloc(*names, (*count + 1) * sizeof *grown);
        if (!grown || !(grown[*count] = strdup(e->d_name))) {
            *names = grown ? grown : *names;
            break;
        }
        *names = grown;
        (*count)++;
    }
    closedir(d);
    if (*count > 1)
        qsort(*names, *count, sizeof **names, compare_names);
    return 0;
}

static void summarise(const struct journal *journal,
                      const struct report_data *data,
                      struct session_summary *out)
{
    int sum = 0, dimensions = 0;

    snprintf(out->role, sizeof out->role, "%s", journal->role);
    snprintf(out->title, sizeof out->title, "%s", journal->title);
    snprintf(out->date, sizeof out->date, "%s", data->session.date);
    out->finished = journal->finished;
    out->questions = journal->question_count;
    out->answer_seconds = data->session.total_time;
    for (size_t i = 0; i < journal->question_count; i++) {
        out->answered += journal->questions[i].state == JOURNAL_ANSWERED;
        out->skipped += journal->questions[i].state == JOURNAL_SKIPPED;
    }
    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        size_t scored;

        out->averages[d] = report_dimension_average(&data->session, d,
                                                    &scored);
        if (out->averages[d] >= 0) {
            sum += out->averages[d];
            dimensions++;
        }
    }
    out->overall = dimensions ? (sum + dimensions / 2) / dimensions : -1;
}

/* Reads one session; false when its journal cannot be read. */
static bool read_summary(const char *dir, struct session_summary *out)
{
    struct journal journal;
    struct journal_error jerr;
    struct report_data data;
    bool ok = false;

    memset(out, 0, sizeof *out);
    snprintf(out->dir, sizeof out->dir, "%s", dir);
    if (journal_load(dir, &journal, &jerr) != 0)
        return false;
    if (journal_to_report(&journal, &data) == 0) {
        summarise(&journal, &data, out);
        report_data_free(&data);
        ok = true;
    }
    journal_free(&journal);
    return ok;
}

int session_history(const char *out_dir, const char *role,
                    struct session_summary **summaries, size_t *count,
                    size_t *skipped, struct session_error *err)
{
    char root[PATH_MAX], dir[PATH_MAX];
    char **names;
    size_t name_count;

    *summaries = NULL;
    *count = 0;
    *skipped = 0;
    if (session_root(out_dir, root, sizeof root) != 0 ||
        list_session_names(root, &names, &name_count) != 0) {
        err->exit_code = SESSION_EXIT_RUNTIME;
        snprintf(err->message, sizeof err->message,
                 "cannot read the sessions folder: %s", strerror(errno));
        return -1;
    }
    *summaries = calloc(name_count ? name_count : 1, sizeof **summaries);
    for (size_t i = 0; i < name_count; i++) {
        struct session_summary *next = *summaries ? &(*summaries)[*count]
                                                  : NULL;

        if (!next || snprintf(dir, sizeof dir, "%s/%s", root, names[i]) >=
                         (int)sizeof dir || !read_summary(dir, next))
            (*skipped)++;
        else if (!role || !strcmp(next->role, role))
            (*count)++;
        free(names[i]);
    }
    free(names);
    return 0;
}
