/*
 * Helpers shared by the journal, folder and bridge tests: scratch folders
 * that are removed afterwards, whole-file reads and writes, and a sample
 * journal with hostile text in every string field.
 */
#ifndef MI_TESTS_JOURNAL_HELPERS_H
#define MI_TESTS_JOURNAL_HELPERS_H

#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sessions/internal.h>

/* A fresh folder under $TMPDIR (or /tmp); the caller frees and removes it. */
static inline char *scratch_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];

    snprintf(path, sizeof path, "%s/mi-journal-XXXXXX",
             tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(path))
        return NULL;
    return strdup(path);
}

/* rm -rf of a scratch folder: only what the tests made, no symlinks. */
static inline void remove_tree(const char *path)
{
    struct stat st;
    struct dirent *e;
    DIR *d;

    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
        while ((e = readdir(d)) != NULL) {
            char child[4096];

            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) <
                (int)sizeof child)
                remove_tree(child);
        }
        closedir(d);
    }
    remove(path);
}

static inline void scratch_remove(char *dir)
{
    if (!dir)
        return;
    remove_tree(dir);
    free(dir);
}

/* The whole file, NUL-terminated, length in *len; NULL if unreadable. */
static inline char *file_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0) {
        data = malloc((size_t)size + 1);
        if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
            free(data);
            data = NULL;
        }
        if (data) {
            data[size] = '\0';
            if (len)
                *len = (size_t)size;
        }
    }
    fclose(f);
    return data;
}

static inline int file_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int rc = 0;

    if (!f)
        return -1;
    if (fwrite(data, 1, len, f) != len)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

static inline char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

static inline void list_set(struct string_list *list, const char *const *items,
                            size_t count)
{
    list->items = calloc(count ? count : 1, sizeof *list->items);
    list->count = count;
    for (size_t i = 0; i < count; i++)
        list->items[i] = strdup(items[i]);
}

/* Text that has broken YAML writers: every one must come back unchanged. */
static const char *const hostile[] = {
    "plain words",
    "line one\nline two\n",
    "no final newline\nsecond",
    "ends with blank lines\n\n\n",
    "\nstarts with a newline",
    "  leading spaces",
    "trailing spaces  ",
    "  indented first line\nthen flush\n",
    "trailing space on a line \nnext line\n",
    "key: value # not a comment",
    "'single' and \"double\" quotes",
    "null", "~", "true", "No", "123", "-1.5", "0x1f", ".inf", "",
    "- looks like a list",
    "[flow] {mapping}",
    "&anchor *alias !tag",
    "|literal", ">folded", "%directive", "@at", "`backtick`",
    "---", "...", "#hash first",
    "unicode: \xc3\xbc" "n\xc3\xaf" "c\xc3\xb6" "d\xc3\xa9 "
    "\xe6\x97\xa5\xe6\x9c\xac "
    "\xf0\x9f\x8e\xa4",
    "\ttab\tinside",
    "control \x01 char and DEL \x7f",
    "a very long line that goes on and on well past the eighty columns "
    "a YAML emitter likes to fold at, to check that folding comes back "
    "exactly as it went out, spaces  doubled   and all",
};

#define HOSTILE_COUNT (sizeof hostile / sizeof hostile[0])

static inline const char *hostile_at(size_t i)
{
    return hostile[i % HOSTILE_COUNT];
}

/*
 * A journal of `count` questions whose string fields cycle through the
 * hostile texts starting at `seed`, with takes and assessments.
 */
static inline void sample_journal(struct journal *j, size_t count,
                                  size_t seed)
{
    size_t h = seed;

    memset(j, 0, sizeof *j);
    j->version = JOURNAL_VERSION;
    j->role = xstrdup(hostile_at(h++));
    j->title = xstrdup(hostile_at(h++));
    j->focus = xstrdup(hostile_at(h++));
    j->thinking_pattern = xstrdup(hostile_at(h++));
    j->intro = seed % 2 ? NULL : xstrdup(hostile_at(h++));
    list_set(&j->banks, (const char *const[]){ hostile_at(h), "/b/x.yaml" }, 2);
    h++;
    j->created = strdup("2026-12-03T14:15:02+01:00");
    j->finished = seed % 2 == 1;
    j->think_time = -1;
    j->answer_time = 90;
    j->hard_stop = true;
    j->partner = seed % 2 == 0;
    j->device = seed % 2 ? xstrdup(hostile_at(h++)) : NULL;
    j->mic_file = NULL;
    j->rate = 48000;

    j->question_count = count;
    j->questions = calloc(count, sizeof *j->questions);
    for (size_t i = 0; i < count; i++) {
        struct journal_question *q = &j->questions[i];
        const char *points[] = { hostile_at(h), hostile_at(h + 1),
                                 hostile_at(h + 2) };
        struct journal_take *t;
        struct journal_assessment *a;

        q->id = xstrdup(hostile_at(h++));
        q->topic = xstrdup(hostile_at(h++));
        q->difficulty = strdup("medium");
        q->prompt = xstrdup(hostile_at(h++));
        q->reference = xstrdup(hostile_at(h++));
        list_set(&q->key_points, points, 3);
        list_set(&q->follow_ups, points, i % 3);
        list_set(&q->assesses, points + 1, 2);
        q->think_time = 30;
        q->answer_time = 120 + (int)i;
        q->hash = strdup("0123456789abcdef");
        q->state = (enum journal_question_state)(i % 4);

        for (size_t k = 0; k < i % 3; k++) {
            t = journal_add_take(q);
            t->file = strdup("recordings/01-q-t1.wav");
            t->duration = 12.345 + (double)k;
            t->timer_duration = 12.351 + (double)k;
            t->started = strdup("2026-12-03T14:16:00+01:00");
            t->ended = k == 1 ? NULL : strdup("2026-12-03T14:16:12+01:00");
            t->overtime = k * 1.5;
            t->overflows = (long)k;
            t->interrupted = k == 1;
            t->rate = k == 1 ? 44100 : 48000;
        }
        if (i % 2 == 0) {
            a = journal_assessment_for(q, "self");
            a->scores[REPORT_SYSTEM_THINKING] = 4;
            a->scores[REPORT_COMMUNICATION] = 2;
            a->covered[0] = true;
            a->covered[2] = true;
            a->notes = xstrdup(hostile_at(h++));
            a = journal_assessment_for(q, hostile_at(h++));
            a->scores[REPORT_TRADE_OFFS] = 5;
        }
    }
}

#endif
