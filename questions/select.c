/*
 * Which questions a session asks and in what order: filters by tag and
 * difficulty, an explicit list of ids, a seeded shuffle that gives the
 * same order for the same seed on every platform, and a count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "questions/internal.h"

uint64_t questions_random_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static bool select_has_tag(const struct question *q, const char *tag)
{
    for (size_t i = 0; i < q->tags.count; i++) {
        if (strcmp(q->tags.items[i], tag) == 0)
            return true;
    }
    return false;
}

static bool select_matches(const struct question *q,
                           const struct question_filter *f)
{
    if (f->tag && !select_has_tag(q, f->tag))
        return false;
    return f->difficulty < 0 || (int)q->difficulty == f->difficulty;
}

/* The first question with `id` across the scripts, in script order. */
static bool select_find(struct question_script *const *scripts, size_t n,
                        const char *id, struct question_pick *pick)
{
    for (size_t s = 0; s < n; s++) {
        for (size_t i = 0; i < scripts[s]->count; i++) {
            if (strcmp(scripts[s]->questions[i].id, id) == 0) {
                pick->script = scripts[s];
                pick->question = &scripts[s]->questions[i];
                return true;
            }
        }
    }
    return false;
}

static size_t select_total(struct question_script *const *scripts, size_t n)
{
    size_t total = 0;

    for (size_t s = 0; s < n; s++)
        total += scripts[s]->count;
    return total;
}

/* Fisher-Yates driven by splitmix64 seeded with the filter's seed. */
static void select_shuffle(struct question_pick *picks, size_t count,
                           unsigned long seed)
{
    uint64_t state = seed;

    for (size_t i = count; i > 1; i--) {
        size_t j = (size_t)(questions_random_next(&state) % i);
        struct question_pick tmp = picks[i - 1];

        picks[i - 1] = picks[j];
        picks[j] = tmp;
    }
}

static void select_describe(const struct question_filter *f, char *why,
                            size_t why_size)
{
    char tag[160] = "", difficulty[64] = "";

    if (f->tag)
        snprintf(tag, sizeof tag, " with tag '%s'", f->tag);
    if (f->difficulty >= 0)
        snprintf(difficulty, sizeof difficulty, " of difficulty %s",
                 questions_difficulty_name(f->difficulty));
    snprintf(why, why_size, "no question%s%s%s", f->id_count ? " chosen" : "",
             tag, difficulty);
}

static size_t select_by_filter(struct question_script *const *scripts,
                               size_t n, const struct question_filter *f,
                               struct question_pick *picks)
{
    size_t count = 0;

    for (size_t s = 0; s < n; s++) {
        for (size_t i = 0; i < scripts[s]->count; i++) {
            if (select_matches(&scripts[s]->questions[i], f))
                picks[count++] = (struct question_pick){
                    scripts[s], &scripts[s]->questions[i] };
        }
    }
    return count;
}

static bool select_already(const struct question_pick *picks, size_t count,
                           const struct question *q)
{
    for (size_t i = 0; i < count; i++) {
        if (picks[i].question == q)
            return true;
    }
    return false;
}

/* Keeps the order ids were given in; a repeated id is asked once. */
static size_t select_by_ids(struct question_script *const *scripts,
                            size_t n, const struct question_filter *f,
                            struct question_pick *picks, char *why,
                            size_t why_size, bool *unknown)
{
    size_t count = 0;

    for (size_t i = 0; i < f->id_count; i++) {
        struct question_pick pick;

        if (!select_find(scripts, n, f->ids[i], &pick)) {
            snprintf(why, why_size, "no question has the id '%s'",
                     f->ids[i]);
            *unknown = true;
            return 0;
        }
        if (select_matches(pick.question, f)
            && !select_already(picks, count, pick.question))
            picks[count++] = pick;
    }
    return count;
}

int questions_select(struct question_script *const *scripts,
                     size_t script_count, const struct question_filter *filter,
                     struct question_pick **picks, size_t *pick_count,
                     char *why, size_t why_size)
{
    size_t total = select_total(scripts, script_count);
    struct question_pick *out;
    size_t room, count = 0;
    bool unknown = false;

    *picks = NULL;
    *pick_count = 0;
    room = total > filter->id_count ? total : filter->id_count;
    out = malloc((room + 1) * sizeof *out);
    if (!out) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }

    if (filter->id_count)
        count = select_by_ids(scripts, script_count, filter, out, why,
                              why_size, &unknown);
    else
        count = select_by_filter(scripts, script_count, filter, out);

    if (count == 0) {
        if (!unknown)
            select_describe(filter, why, why_size);
        free(out);
        return -1;
    }

    if (filter->shuffle)
        select_shuffle(out, count, filter->seed);
    if (filter->count && filter->count < count)
        count = filter->count;

    *picks = out;
    *pick_count = count;
    return 0;
}
