/*
 * Tests of sessions/journal*.c: the snapshot of a question, save and load
 * round trips with hostile text, atomic replacement, and every way a
 * journal can be unreadable, each with its file, line and column.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>

#include "journal_helpers.h"

struct fixture {
    char *dir;
    char path[4096];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (!f || !(f->dir = scratch_dir()))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, JOURNAL_FILE);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    scratch_remove(f->dir);
    free(f);
    return 0;
}

/* ---- Comparing journals ----------------------------------------------- */

static void assert_same_string(const char *a, const char *b)
{
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
}

/* Fields that are never NULL after a load: NULL is written as "". */
static void assert_same_text(const char *a, const char *b)
{
    assert_non_null(b);
    assert_string_equal(a ? a : "", b);
}

static void assert_same_list(const struct string_list *a,
                             const struct string_list *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++)
        assert_string_equal(a->items[i], b->items[i]);
}

static void assert_same_take(const struct journal_take *a,
                             const struct journal_take *b)
{
    assert_same_text(a->file, b->file);
    assert_true(a->duration - b->duration < 0.0005 &&
                b->duration - a->duration < 0.0005);
    assert_true(a->timer_duration - b->timer_duration < 0.0005 &&
                b->timer_duration - a->timer_duration < 0.0005);
    assert_same_string(a->started, b->started);
    assert_same_string(a->ended, b->ended);
    assert_int_equal(a->overflows, b->overflows);
    assert_int_equal(a->interrupted, b->interrupted);
    assert_int_equal(a->rate, b->rate);
}

static void assert_same_assessment(const struct journal_assessment *a,
                                   const struct journal_assessment *b,
                                   size_t key_points)
{
    assert_string_equal(a->who, b->who);
    assert_memory_equal(a->scores, b->scores, sizeof a->scores);
    for (size_t k = 0; k < key_points; k++)
        assert_int_equal(a->covered[k], b->covered[k]);
    assert_same_string(a->notes, b->notes);
}

static void assert_same_question(const struct journal_question *a,
                                 const struct journal_question *b)
{
    assert_same_text(a->id, b->id);
    assert_same_text(a->topic, b->topic);
    assert_same_text(a->difficulty, b->difficulty);
    assert_same_text(a->prompt, b->prompt);
    assert_same_text(a->reference, b->reference);
    assert_same_list(&a->key_points, &b->key_points);
    assert_same_list(&a->follow_ups, &b->follow_ups);
    assert_same_list(&a->assesses, &b->assesses);
    assert_int_equal(a->think_time, b->think_time);
    assert_int_equal(a->answer_time, b->answer_time);
    assert_same_text(a->hash, b->hash);
    assert_int_equal(a->state, b->state);
    assert_int_equal(a->take_count, b->take_count);
    for (size_t i = 0; i < a->take_count; i++)
        assert_same_take(&a->takes[i], &b->takes[i]);
    assert_int_equal(a->assessment_count, b->assessment_count);
    for (size_t i = 0; i < a->assessment_count; i++)
        assert_same_assessment(&a->assessments[i], &b->assessments[i],
                               a->key_points.count);
}

static void assert_same_journal(const struct journal *a,
                                const struct journal *b)
{
    assert_int_equal(b->version, JOURNAL_VERSION);
    assert_same_text(a->role, b->role);
    assert_same_text(a->title, b->title);
    assert_same_text(a->focus, b->focus);
    assert_same_text(a->thinking_pattern, b->thinking_pattern);
    assert_same_string(a->intro, b->intro);
    assert_same_list(&a->banks, &b->banks);
    assert_same_text(a->created, b->created);
    assert_int_equal(a->finished, b->finished);
    assert_int_equal(a->think_time, b->think_time);
    assert_int_equal(a->answer_time, b->answer_time);
    assert_int_equal(a->hard_stop, b->hard_stop);
    assert_int_equal(a->no_review, b->no_review);
    assert_int_equal(a->partner, b->partner);
    assert_same_string(a->device, b->device);
    assert_same_string(a->mic_file, b->mic_file);
    assert_int_equal(a->rate, b->rate);
    assert_int_equal(a->question_count, b->question_count);
    for (size_t i = 0; i < a->question_count; i++)
        assert_same_question(&a->questions[i], &b->questions[i]);
}

/* ---- Round trips ------------------------------------------------------- */

/* Saves, loads, compares, saves again: the same bytes both times. */
static void round_trip(struct fixture *f, struct journal *j)
{
    struct journal back;
    struct journal_error err;
    char *first, *second;
    size_t first_len = 0, second_len = 0;

    assert_int_equal(journal_save(j, f->dir), 0);
    first = file_read(f->path, &first_len);
    assert_non_null(first);

    if (journal_load(f->dir, &back, &err) != 0)
        fail_msg("load: %s\n---\n%s", err.message, first);
    assert_same_journal(j, &back);

    assert_int_equal(journal_save(&back, f->dir), 0);
    second = file_read(f->path, &second_len);
    assert_non_null(second);
    assert_int_equal(first_len, second_len);
    assert_memory_equal(first, second, first_len);

    journal_free(&back);
    free(first);
    free(second);
}

static void test_journal_round_trip_hostile(void **state)
{
    /* Each seed shifts which hostile text lands in which field. */
    for (size_t seed = 0; seed < HOSTILE_COUNT; seed++) {
        struct journal j;

        sample_journal(&j, 5, seed);
        round_trip(*state, &j);
        journal_free(&j);
    }
}

static void test_journal_round_trip_empty(void **state)
{
    struct journal j;

    memset(&j, 0, sizeof j);
    j.role = strdup("ai-engineer");
    j.created = strdup("2026-12-03T14:15:02+00:00");
    j.think_time = -1;
    j.answer_time = -1;
    round_trip(*state, &j);
    journal_free(&j);
}

static void test_journal_layout_is_readable(void **state)
{
    struct fixture *f = *state;
    struct journal j;
    char *text;

    sample_journal(&j, 3, 0);
    free(j.questions[0].reference);
    j.questions[0].reference = strdup("Start here.\n\n- a point\n- another\n");
    assert_int_equal(journal_save(&j, f->dir), 0);
    text = file_read(f->path, NULL);
    assert_non_null(text);

    /* The field names users and checks rely on, in block style. */
    assert_true(strncmp(text, "version: 1\nrole: ", 17) == 0);
    assert_non_null(strstr(text, "\nquestions:\n- id: "));
    assert_non_null(strstr(text, "  reference: |\n    Start here.\n\n"
                                 "    - a point\n"));
    assert_non_null(strstr(text, "\n    duration: 13.345\n"));
    assert_non_null(strstr(text, "\n    timer_duration: 12.351\n"));
    assert_non_null(strstr(text, "\n  assessments:\n    self:\n      scores:\n"
                                 "        system_thinking: 4\n"
                                 "        trade_offs: null\n"));
    assert_non_null(strstr(text, "\n      covered:\n      - 1\n      - 3\n"));
    assert_non_null(strstr(text, "\n  state: skipped\n"));
    assert_non_null(strstr(text, "\n  hard_stop: true\n"));
    assert_non_null(strstr(text, "\ncreated: '2026-12-03T14:15:02+01:00'\n"));

    free(text);
    journal_free(&j);
}

static void test_journal_invalid_utf8_is_repaired(void **state)
{
    struct fixture *f = *state;
    struct journal j, back;
    struct journal_error err;

    sample_journal(&j, 1, 0);
    free(j.questions[0].prompt);
    j.questions[0].prompt = strdup("bad \xff byte \xc3");
    assert_int_equal(journal_save(&j, f->dir), 0);
    assert_int_equal(journal_load(f->dir, &back, &err), 0);
    assert_string_equal(back.questions[0].prompt,
                        "bad \xef\xbf\xbd byte \xef\xbf\xbd");
    journal_free(&back);
    journal_free(&j);
}

/* ---- Atomic save ------------------------------------------------------- */

static void test_journal_save_atomic_private(void **state)
{
    struct fixture *f = *state;
    struct journal j;
    struct stat st;
    struct dirent *e;
    mode_t old = umask(0);
    DIR *d;
    int files = 0;

    sample_journal(&j, 2, 1);
    assert_int_equal(journal_save(&j, f->dir), 0);
    j.finished = !j.finished;
    assert_int_equal(journal_save(&j, f->dir), 0);
    umask(old);

    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);

    d = opendir(f->dir);
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        assert_string_equal(e->d_name, JOURNAL_FILE);
        files++;
    }
    closedir(d);
    assert_int_equal(files, 1);
    journal_free(&j);
}

static void test_journal_save_missing_dir_fails(void **state)
{
    struct fixture *f = *state;
    struct journal j;
    char dir[4200];

    sample_journal(&j, 1, 0);
    snprintf(dir, sizeof dir, "%s/not-there", f->dir);
    assert_int_equal(journal_save(&j, dir), -1);
    assert_int_equal(errno, ENOENT);
    journal_free(&j);
}

/* ---- Load errors ------------------------------------------------------- */

#define HEAD "version: 1\nrole: r\ncreated: '2026-12-03T14:15:02+01:00'\n" \
             "finished: false\n"

struct bad_case {
    const char *text;
    const char *where;     /* expected after "PATH:" */
};

static const struct bad_case bad_cases[] = {
    { "", "1:1: the journal is empty" },
    { "- a\n- b\n", "1:1: a journal must be a mapping" },
    { "just text\n", "1:1: a journal must be a mapping" },
    { "version: 2\nrole: r\n",
      "1:10: journal version 2 is not supported (expected 1)" },
    { "version: one\n", "1:10: 'version' must be a whole number" },
    { "version: '1'\n", "1:10: 'version' must be a whole number" },
    { "role: r\n", "1:1: missing 'version'" },
    { "version: 1\ncreated: x\nfinished: false\nquestions: []\n",
      "1:1: missing 'role'" },
    { HEAD, "1:1: missing 'questions'" },
    { "version: 1\nrole: [a, b]\n", "2:7: 'role' must be a string" },
    { "version: 1\nrole: null\n", "2:7: 'role' must be a string" },
    { "version: 1\nrole: r\ncreated: x\nfinished: maybe\n",
      "4:11: 'finished' must be true or false" },
    { HEAD "questions: {}\n", "5:12: 'questions' must be a list" },
    { HEAD "questions:\n- prompt: p\n  state: pending\n",
      "6:3: missing 'id'" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: done\n",
      "8:10: 'state' must be pending, answered, skipped or interrupted" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  answer_time: -5\n",
      "9:16: 'answer_time' must be from 1 to 86400" },
    /* Limits beyond a day would overflow as ms; none is a real limit. */
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  answer_time: 0\n",
      "9:16: 'answer_time' must be from 1 to 86400" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  answer_time: 86401\n",
      "9:16: 'answer_time' must be from 1 to 86400" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  answer_time: 2147483647\n",
      "9:16: 'answer_time' must be from 1 to 86400" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  think_time: 2147483\n",
      "9:15: 'think_time' must be from 0 to 86400" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  think_time: -1\n",
      "9:15: 'think_time' must be from 0 to 86400" },
    { HEAD "options:\n  think_time: 86401\nquestions: []\n",
      "6:15: 'think_time' must be from -1 to 86400" },
    { HEAD "options:\n  answer_time: 99999999\nquestions: []\n",
      "6:16: 'answer_time' must be from -1 to 86400" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  takes:\n  - file: ../../etc/passwd\n    duration: 1.000\n",
      "10:11: 'file' must be a path inside the session folder" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  takes:\n  - file: /tmp/x.wav\n    duration: 1.000\n",
      "10:11: 'file' must be a path inside the session folder" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  takes:\n  - file: recordings/a.wav\n    duration: 1,5\n",
      "11:15: 'duration' must be a number of seconds" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: answered\n"
           "  key_points: [a, b]\n  assessments:\n    self:\n"
           "      covered: [1, 3]\n",
      "12:20: covered key point must be from 1 to 2" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: answered\n"
           "  assessments:\n    self:\n      scores:\n"
           "        communication: 6\n",
      "12:24: 'communication' must be from 1 to 5" },
    { HEAD "questions:\n- id: q\n  prompt: p\n  state: pending\n"
           "  key_points: [a, [b]]\n",
      "9:19: 'key_points' must be a list of strings" },
    { "version: 1\nrole: &r x\ntitle: *r\n",
      "3:8: aliases are not allowed in a journal" },
    { "version: 1\nrole: \"a\\0b\"\n", "2:7: 'role' contains a NUL character" },
    { "version: 1\n\trole: r\n",
      "2:1: YAML error: found a tab character that violates indentation "
      "while scanning a plain scalar" },
    { "version: 1\nrole: \"cut off\n",
      "3:1: YAML error: found unexpected end of stream while scanning a "
      "quoted scalar" },
    { "version: 1\nrole: r\n---\nversion: 1\n",
      "3:1: a journal holds one YAML document" },
};

static void expect_load_error(struct fixture *f, const char *text,
                              const char *where, int kind)
{
    struct journal j;
    struct journal_error err;
    char expected[8192];

    assert_int_equal(file_write(f->path, text, strlen(text)), 0);
    memset(&err, 0, sizeof err);
    if (journal_load(f->dir, &j, &err) != -1)
        fail_msg("loaded, expected %s\n---\n%s", where, text);
    snprintf(expected, sizeof expected, "%s:%s", f->path, where);
    if (strcmp(err.message, expected) != 0)
        fail_msg("got      %s\nexpected %s\n---\n%s", err.message, expected,
                 text);
    assert_int_equal(err.kind, kind);
    assert_null(j.questions);
    assert_null(j.role);
}

static void test_journal_load_errors(void **state)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++)
        expect_load_error(*state, bad_cases[i].text, bad_cases[i].where,
                          JOURNAL_ERROR_INVALID);
}

static void test_journal_load_missing(void **state)
{
    struct fixture *f = *state;
    struct journal j;
    struct journal_error err;
    char expected[4200];

    assert_int_equal(journal_load(f->dir, &j, &err), -1);
    snprintf(expected, sizeof expected, "%s: no such file", f->path);
    assert_string_equal(err.message, expected);
    assert_int_equal(err.kind, JOURNAL_ERROR_MISSING);
}

static void test_journal_load_deep_nesting(void **state)
{
    struct fixture *f = *state;
    char text[1024] = "version: 1\nrole: r\nx: ";
    size_t len = strlen(text);

    for (int i = 0; i < 200; i++)
        text[len++] = '[';
    text[len] = '\0';
    /* 'x' is unknown, but the tree is still built and bounded. */
    expect_load_error(f, text, "3:35: nested too deeply",
                      JOURNAL_ERROR_INVALID);
}

static void test_journal_load_ignores_unknown_keys(void **state)
{
    struct fixture *f = *state;
    const char *text =
        HEAD "future: {a: [1, 2]}\nquestions:\n"
        "- id: q\n  prompt: p\n  state: answered\n  mood: calm\n"
        "  takes:\n  - file: recordings/01-q-t1.wav\n    duration: 2.5\n"
        "    new_field: 3\n";
    struct journal j;
    struct journal_error err;

    assert_int_equal(file_write(f->path, text, strlen(text)), 0);
    assert_int_equal(journal_load(f->dir, &j, &err), 0);
    assert_int_equal(j.question_count, 1);
    assert_string_equal(j.questions[0].id, "q");
    assert_int_equal(j.questions[0].state, JOURNAL_ANSWERED);
    assert_int_equal(j.questions[0].take_count, 1);
    assert_true(j.questions[0].takes[0].duration == 2.5);
    assert_int_equal(j.questions[0].takes[0].rate, 0); /* before take rates */
    assert_string_equal(j.questions[0].topic, "");
    assert_null(j.intro);
    assert_int_equal(j.think_time, -1);
    assert_false(j.partner);        /* journals from before --partner */
    journal_free(&j);
}

/* The bounds of the limits a journal may hold load as they are. */
static void test_journal_load_limits_at_bounds(void **state)
{
    struct fixture *f = *state;
    const char *text =
        HEAD "options:\n  think_time: -1\n  answer_time: 86400\n"
        "questions:\n"
        "- id: a\n  prompt: p\n  state: pending\n"
        "  think_time: 0\n  answer_time: 1\n"
        "- id: b\n  prompt: p\n  state: pending\n"
        "  think_time: 86400\n  answer_time: 86400\n";
    struct journal j;
    struct journal_error err;

    assert_int_equal(file_write(f->path, text, strlen(text)), 0);
    if (journal_load(f->dir, &j, &err) != 0)
        fail_msg("%s", err.message);
    assert_int_equal(j.think_time, -1);
    assert_int_equal(j.answer_time, 86400);
    assert_int_equal(j.questions[0].think_time, 0);
    assert_int_equal(j.questions[0].answer_time, 1);
    assert_int_equal(j.questions[1].think_time, 86400);
    assert_int_equal(j.questions[1].answer_time, 86400);
    journal_free(&j);
}

/* Cut the file at every byte: each load fails cleanly or succeeds. */
static void test_journal_load_every_truncation(void **state)
{
    struct fixture *f = *state;
    struct journal j, back;
    struct journal_error err;
    char *text;
    size_t len = 0, prefix = strlen(f->path);
    int failed = 0;

    sample_journal(&j, 2, 3);
    assert_int_equal(journal_save(&j, f->dir), 0);
    text = file_read(f->path, &len);
    assert_non_null(text);

    for (size_t cut = 0; cut < len; cut++) {
        assert_int_equal(file_write(f->path, text, cut), 0);
        if (journal_load(f->dir, &back, &err) == 0) {
            journal_free(&back);
            continue;
        }
        failed++;
        assert_memory_equal(err.message, f->path, prefix);
        assert_int_equal(err.message[prefix], ':');
        assert_true(err.message[prefix + 1] >= '1' &&
                    err.message[prefix + 1] <= '9');
    }
    assert_true(failed > (int)len / 2);
    free(text);
    journal_free(&j);
}

/* Flip bytes of a valid journal: never a crash, always a located error. */
static void test_journal_load_corrupt_bytes(void **state)
{
    struct fixture *f = *state;
    struct journal j, back;
    struct journal_error err;
    static const char noise[] = { '\0', '\t', ':', '-', '[', '{', '&', '*',
                                  '"', '\'', '\n', '\xff', '!', '|' };
    char *text;
    size_t len = 0;

    sample_journal(&j, 2, 5);
    assert_int_equal(journal_save(&j, f->dir), 0);
    text = file_read(f->path, &len);
    assert_non_null(text);

    for (size_t at = 0; at < len; at += 7) {
        char saved = text[at];

        text[at] = noise[at % sizeof noise];
        assert_int_equal(file_write(f->path, text, len), 0);
        if (journal_load(f->dir, &back, &err) == 0)
            journal_free(&back);
        else
            assert_non_null(strstr(err.message, JOURNAL_FILE ":"));
        text[at] = saved;
    }
    free(text);
    journal_free(&j);
}

/* ---- Snapshot and hash -------------------------------------------------- */

static void test_journal_hash_documented(void **state)
{
    struct journal_question q;
    char hash[JOURNAL_HASH_SIZE];
    const char *points[] = { "k1", "k2" }, *assesses[] = { "a" };

    (void)state;
    memset(&q, 0, sizeof q);
    journal_question_hash(&q, hash);
    /* FNV-1a 64 of five 0x00 then three 0x01, computed by hand. */
    assert_string_equal(hash, "a021e23223351c90");

    q.id = "q1";
    q.topic = "t";
    q.difficulty = "easy";
    q.prompt = "p";
    q.reference = "r";
    q.key_points.items = (char **)points;
    q.key_points.count = 2;
    q.assesses.items = (char **)assesses;
    q.assesses.count = 1;
    journal_question_hash(&q, hash);
    assert_string_equal(hash, "74e7becf4a3a5d7a");

    /* A list boundary moved is a different text. */
    q.key_points.count = 1;
    q.follow_ups.items = (char **)points + 1;
    q.follow_ups.count = 1;
    journal_question_hash(&q, hash);
    assert_string_not_equal(hash, "74e7becf4a3a5d7a");
}

static void test_journal_question_from_pick(void **state)
{
    char *points[] = { "one", "two" };
    struct question question = {
        .id = "rag-eval", .topic = "Evaluation",
        .difficulty = QUESTION_HARD, .prompt = "How?",
        .reference = "Like\nthis.", .key_points = { points, 2 },
        .think_time = -1, .answer_time = 240,
    };
    struct question_script script = { .think_time = 45, .answer_time = 180 };
    struct question_pick pick = { &script, &question };
    struct session_options options = { .think_time = -1, .answer_time = -1 };
    struct journal_question q;
    char hash[JOURNAL_HASH_SIZE];

    (void)state;
    assert_int_equal(journal_question_from_pick(&q, &pick, &options), 0);
    assert_string_equal(q.id, "rag-eval");
    assert_string_equal(q.difficulty, questions_difficulty_name(QUESTION_HARD));
    assert_string_equal(q.reference, "Like\nthis.");
    assert_int_equal(q.key_points.count, 2);
    assert_ptr_not_equal(q.key_points.items[0], points[0]);
    assert_string_equal(q.key_points.items[1], "two");
    assert_int_equal(q.think_time, 45);
    assert_int_equal(q.answer_time, 240);
    assert_int_equal(q.state, JOURNAL_PENDING);
    journal_question_hash(&q, hash);
    assert_string_equal(q.hash, hash);
    assert_int_equal(strlen(q.hash), 16);
    journal_question_free(&q);

    options.think_time = 0;
    options.answer_time = 60;
    assert_int_equal(journal_question_from_pick(&q, &pick, &options), 0);
    assert_int_equal(q.think_time, 0);
    assert_int_equal(q.answer_time, 60);
    assert_string_equal(q.hash, hash);
    journal_question_free(&q);
}

static void test_journal_add_take_and_assessment(void **state)
{
    struct journal_question q;
    struct journal_assessment *a, *b;
    struct journal_take *t;

    (void)state;
    memset(&q, 0, sizeof q);
    list_set(&q.key_points, (const char *const[]){ "a", "b", "c" }, 3);

    t = journal_add_take(&q);
    assert_non_null(t);
    assert_null(t->file);
    assert_int_equal(t->duration, 0);
    assert_non_null(journal_add_take(&q));
    assert_int_equal(q.take_count, 2);

    a = journal_assessment_for(&q, "self");
    assert_non_null(a);
    assert_string_equal(a->who, "self");
    assert_int_equal(a->scores[REPORT_TRADE_OFFS], 0);
    a->covered[2] = true;
    b = journal_assessment_for(&q, "partner");
    assert_non_null(b);
    assert_int_equal(q.assessment_count, 2);
    a = journal_assessment_for(&q, "self");
    assert_ptr_equal(a, &q.assessments[0]);
    assert_true(a->covered[2]);
    assert_false(b->covered[0]);
    journal_question_free(&q);
}

/* Whatever order they come in, a review ends up last: the one counted. */
static void test_journal_assessment_order(void **state)
{
    static const char *const arrivals[][4] = {
        { "review", "partner", "self", "coach" },
        { "partner", "review", "coach", "self" },
        { "coach", "self", "review", "partner" },
    };
    static const char *const order[] = { "self", "partner", "coach",
                                         "review" };

    (void)state;
    for (size_t c = 0; c < sizeof arrivals / sizeof arrivals[0]; c++) {
        struct journal_question q;
        struct journal_assessment *a;

        memset(&q, 0, sizeof q);
        list_set(&q.key_points, (const char *const[]){ "a", "b" }, 2);
        for (size_t i = 0; i < 4; i++) {
            a = journal_assessment_for(&q, arrivals[c][i]);
            assert_non_null(a);
            assert_string_equal(a->who, arrivals[c][i]);
            a->scores[REPORT_COMMUNICATION] = (int)i + 1;
            a->covered[1] = i % 2 == 1;
        }
        assert_int_equal(q.assessment_count, 4);
        for (size_t i = 0; i < 4; i++)
            assert_string_equal(q.assessments[i].who, order[i]);
        /* Each entry kept its own values through the moves. */
        for (size_t i = 0; i < 4; i++) {
            a = journal_assessment_for(&q, arrivals[c][i]);
            assert_int_equal(a->scores[REPORT_COMMUNICATION], (int)i + 1);
            assert_int_equal(a->covered[1], i % 2 == 1);
        }
        assert_int_equal(q.assessment_count, 4);
        journal_question_free(&q);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_journal_round_trip_hostile,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_round_trip_empty,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_layout_is_readable,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_invalid_utf8_is_repaired,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_save_atomic_private,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_save_missing_dir_fails,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_errors,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_missing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_deep_nesting,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_limits_at_bounds,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_ignores_unknown_keys,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_every_truncation,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_load_corrupt_bytes,
                                        setup, teardown),
        cmocka_unit_test(test_journal_hash_documented),
        cmocka_unit_test(test_journal_question_from_pick),
        cmocka_unit_test(test_journal_add_take_and_assessment),
        cmocka_unit_test(test_journal_assessment_order),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
