/*
 * The journal in memory: building the snapshot of a question as it is
 * asked, adding takes and assessments as the session goes, and freeing it
 * all. Reading and writing session.yaml live in journal_read.c and
 * journal_write.c; the names shared by both (states, rubric keys) are here
 * so the file format is spelled in one place.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sessions/internal.h>

static const char *const state_names[] = {
    [JOURNAL_PENDING] = "pending",
    [JOURNAL_ANSWERED] = "answered",
    [JOURNAL_SKIPPED] = "skipped",
    [JOURNAL_INTERRUPTED] = "interrupted",
};

/* The journal's keys for the rubric, stable whatever the report calls them. */
static const char *const dimension_keys[REPORT_DIMENSIONS] = {
    [REPORT_SYSTEM_THINKING] = "system_thinking",
    [REPORT_TRADE_OFFS] = "trade_offs",
    [REPORT_PRACTICAL_JUDGMENT] = "practical_judgment",
    [REPORT_COMMUNICATION] = "communication",
};

const char *journal_state_name(enum journal_question_state state)
{
    if ((unsigned)state >= sizeof state_names / sizeof state_names[0])
        return "pending";
    return state_names[state];
}

int journal_state_parse(const char *name, enum journal_question_state *out)
{
    for (size_t i = 0; i < sizeof state_names / sizeof state_names[0]; i++) {
        if (strcmp(name, state_names[i]) == 0) {
            *out = (enum journal_question_state)i;
            return 0;
        }
    }
    return -1;
}

const char *journal_dimension_key(enum report_dimension dimension)
{
    if ((unsigned)dimension >= REPORT_DIMENSIONS)
        return "unknown";
    return dimension_keys[dimension];
}

/* ---- Hash -------------------------------------------------------------- */

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* A NULL string hashes like an empty one; 0x00 ends every string. */
static uint64_t hash_string(uint64_t h, const char *s)
{
    static const unsigned char end = 0x00;

    if (s)
        h = hash_bytes(h, s, strlen(s));
    return hash_bytes(h, &end, 1);
}

static uint64_t hash_list(uint64_t h, const struct string_list *list)
{
    static const unsigned char end = 0x01;

    for (size_t i = 0; i < list->count; i++)
        h = hash_string(h, list->items[i]);
    return hash_bytes(h, &end, 1);
}

void journal_question_hash(const struct journal_question *question,
                           char out[JOURNAL_HASH_SIZE])
{
    uint64_t h = FNV_OFFSET;

    h = hash_string(h, question->id);
    h = hash_string(h, question->topic);
    h = hash_string(h, question->difficulty);
    h = hash_string(h, question->prompt);
    h = hash_string(h, question->reference);
    h = hash_list(h, &question->key_points);
    h = hash_list(h, &question->follow_ups);
    h = hash_list(h, &question->assesses);
    snprintf(out, JOURNAL_HASH_SIZE, "%016llx", (unsigned long long)h);
}

/* ---- Snapshot ---------------------------------------------------------- */

static char *copy_string(const char *s, bool *failed)
{
    char *copy;

    if (!s)
        s = "";
    copy = strdup(s);
    if (!copy)
        *failed = true;
    return copy;
}

static void copy_list(struct string_list *out, const struct string_list *in,
                      bool *failed)
{
    out->items = NULL;
    out->count = 0;
    if (in->count == 0)
        return;

    out->items = calloc(in->count, sizeof *out->items);
    if (!out->items) {
        *failed = true;
        return;
    }
    out->count = in->count;
    for (size_t i = 0; i < in->count; i++)
        out->items[i] = copy_string(in->items[i], failed);
}

/* The options override the question's own limit when they are >= 0. */
static int limit_of(int option, int own, int script_default)
{
    if (option >= 0)
        return option;
    if (own >= 0)
        return own;
    return script_default;
}

int journal_question_from_pick(struct journal_question *out,
                               const struct question_pick *pick,
                               const struct session_options *options)
{
    const struct question *q = pick->question;
    const struct question_script *script = pick->script;
    bool failed = false;
    char hash[JOURNAL_HASH_SIZE];

    memset(out, 0, sizeof *out);
    out->id = copy_string(q->id, &failed);
    out->topic = copy_string(q->topic, &failed);
    out->difficulty = copy_string(questions_difficulty_name(q->difficulty),
                                  &failed);
    out->prompt = copy_string(q->prompt, &failed);
    out->reference = copy_string(q->reference, &failed);
    copy_list(&out->key_points, &q->key_points, &failed);
    copy_list(&out->follow_ups, &q->follow_ups, &failed);
    copy_list(&out->assesses, &q->assesses, &failed);

    out->think_time = limit_of(options ? options->think_time : -1,
                               q->think_time, script->think_time);
    out->answer_time = limit_of(options ? options->answer_time : -1,
                                q->answer_time, script->answer_time);
    out->state = JOURNAL_PENDING;

    journal_question_hash(out, hash);
    out->hash = copy_string(hash, &failed);
    if (failed) {
        journal_question_free(out);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* ---- Growing a question ----------------------------------------------- */

struct journal_take *journal_add_take(struct journal_question *question)
{
    size_t n = question->take_count;
    struct journal_take *takes;

    takes = realloc(question->takes, (n + 1) * sizeof *takes);
    if (!takes) {
        errno = ENOMEM;
        return NULL;
    }
    memset(&takes[n], 0, sizeof takes[n]);
    question->takes = takes;
    question->take_count = n + 1;
    return &takes[n];
}

/* Where an assessment by `who` sorts: a review last, so it counts. */
static int assessment_rank(const char *who)
{
    if (strcmp(who, "self") == 0)
        return 0;
    if (strcmp(who, "partner") == 0)
        return 1;
    if (strcmp(who, "review") == 0)
        return 3;
    return 2;
}

/* The index a new assessment by `who` goes to, after all of lower rank. */
static size_t assessment_slot(const struct journal_question *question,
                              const char *who)
{
    int rank = assessment_rank(who);
    size_t at = question->assessment_count;

    while (at > 0 && assessment_rank(question->assessments[at - 1].who) > rank)
        at--;
    return at;
}

static int assessment_init(struct journal_assessment *a, const char *who,
                           size_t key_points)
{
    memset(a, 0, sizeof *a);
    a->who = strdup(who);
    if (key_points > 0)
        a->covered = calloc(key_points, sizeof *a->covered);
    if (!a->who || (key_points > 0 && !a->covered)) {
        free(a->who);
        free(a->covered);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

struct journal_assessment *journal_assessment_for(
    struct journal_question *question, const char *who)
{
    size_t n = question->assessment_count;
    struct journal_assessment made, *all;
    size_t at;

    for (size_t i = 0; i < n; i++) {
        if (strcmp(question->assessments[i].who, who) == 0)
            return &question->assessments[i];
    }

    if (assessment_init(&made, who, question->key_points.count) < 0)
        return NULL;
    all = realloc(question->assessments, (n + 1) * sizeof *all);
    if (!all) {
        free(made.who);
        free(made.covered);
        errno = ENOMEM;
        return NULL;
    }
    question->assessments = all;
    at = assessment_slot(question, who);
    memmove(&all[at + 1], &all[at], (n - at) * sizeof *all);
    all[at] = made;
    question->assessment_count = n + 1;
    return &all[at];
}

/* ---- Freeing ----------------------------------------------------------- */

static void free_list(struct string_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

static void free_take(struct journal_take *take)
{
    free(take->file);
    free(take->started);
    free(take->ended);
}

static void free_assessment(struct journal_assessment *a)
{
    free(a->who);
    free(a->covered);
    free(a->notes);
}

void journal_question_free(struct journal_question *q)
{
    free(q->id);
    free(q->topic);
    free(q->difficulty);
    free(q->prompt);
    free(q->reference);
    free_list(&q->key_points);
    free_list(&q->follow_ups);
    free_list(&q->assesses);
    free(q->hash);
    for (size_t i = 0; i < q->take_count; i++)
        free_take(&q->takes[i]);
    free(q->takes);
    for (size_t i = 0; i < q->assessment_count; i++)
        free_assessment(&q->assessments[i]);
    free(q->assessments);
    memset(q, 0, sizeof *q);
}

void journal_free(struct journal *journal)
{
    if (!journal)
        return;

    free(journal->role);
    free(journal->title);
    free(journal->focus);
    free(journal->thinking_pattern);
    free(journal->intro);
    free_list(&journal->banks);
    free(journal->created);
    free(journal->device);
    free(journal->mic_file);
    for (size_t i = 0; i < journal->question_count; i++)
        journal_question_free(&journal->questions[i]);
    free(journal->questions);
    memset(journal, 0, sizeof *journal);
}
