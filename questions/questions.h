/*
 * questions: interview scripts, one YAML file per role.
 *
 * A script names a role (its title, focus and thinking pattern) and lists
 * questions, each with a prompt, a reference answer, key points and timing.
 * This module loads scripts with libyaml, validates them and reports every
 * problem with the file, line and column it was found at; it never prints.
 * It also picks the questions a session asks (filters, order, count) and
 * converts a Markdown question collection into scripts.
 */
#ifndef MI_QUESTIONS_H
#define MI_QUESTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum question_difficulty {
    QUESTION_EASY,
    QUESTION_MEDIUM,
    QUESTION_HARD,
};

struct string_list {
    char **items;
    size_t count;
};

struct question {
    char *id;
    char *topic;
    enum question_difficulty difficulty;
    struct string_list tags;
    char *prompt;
    char *reference;               /* Markdown */
    struct string_list key_points;
    struct string_list follow_ups;
    struct string_list assesses;
    int think_time;                /* seconds; -1 = the script's default */
    int answer_time;               /* seconds; -1 = the script's default */
    int line;                      /* where the question starts, from 1 */
};

#define QUESTIONS_DEFAULT_THINK_TIME 30    /* seconds */
#define QUESTIONS_DEFAULT_ANSWER_TIME 180  /* seconds */

struct question_script {
    char *path;
    char *role;
    char *title;
    char *focus;
    char *thinking_pattern;
    char *intro;                   /* NULL when the script has none */
    int think_time;                /* defaults, seconds, always set */
    int answer_time;
    struct question *questions;
    size_t count;
};

/* One problem found in a file; line and column count from 1 (0 = unknown). */
struct question_problem {
    char *path;
    int line;
    int column;
    char *message;
};

struct question_problems {
    struct question_problem *items;
    size_t count;
};

/*
 * Loads and validates one script. Returns 0 and sets *out when the file is
 * valid; otherwise returns -1, leaves *out NULL and appends every problem
 * found to `problems` (the caller owns it and frees it with
 * questions_problems_free). Never stops at the first problem it can go past.
 */
int questions_load(const char *path, struct question_script **out,
                   struct question_problems *problems);
void questions_script_free(struct question_script *script);
void questions_problems_free(struct question_problems *problems);

/*
 * "45s", "3m", "2m30s" or a whole number of seconds, 0 included (no think
 * time); returns 0, or -1 on error.
 */
int questions_parse_duration(const char *text, int *seconds);

/* The effective limits of a question within its script, in seconds. */
int questions_think_time(const struct question_script *script,
                         const struct question *question);
int questions_answer_time(const struct question_script *script,
                          const struct question *question);

const char *questions_difficulty_name(enum question_difficulty difficulty);
int questions_difficulty_parse(const char *name,
                               enum question_difficulty *out);

/*
 * The folder of bundled banks: $MOCKINTERVIEW_BANK_DIR, else the installed
 * share/mockinterview/bank beside the running binary, else the source tree.
 * The string is valid until the next call.
 */
const char *questions_bank_dir(void);

/* Writes the bundled bank path for `role` into buf; -1 if no such role. */
int questions_bank_path(const char *role, char *buf, size_t size);

/*
 * Every bundled role name (files <dir>/<role>.yaml), sorted; free with
 * questions_string_list_free. -1 when the bank folder cannot be read.
 */
int questions_bank_roles(struct string_list *roles);
void questions_string_list_free(struct string_list *list);

/* Which questions a session asks, and in what order. */
struct question_filter {
    const char *tag;               /* NULL = any */
    int difficulty;                /* enum question_difficulty, -1 = any */
    const char *const *ids;        /* keeps this order when given */
    size_t id_count;
    size_t count;                  /* 0 = all that match */
    bool shuffle;
    unsigned long seed;            /* same seed, same order */
};

struct question_pick {
    const struct question_script *script;
    const struct question *question;
};

/*
 * Applies the filter to the questions of `scripts` in order. Returns 0 and
 * a malloc'd array in *picks; -1 with a one-line reason in `why` when
 * nothing matches or an id is unknown.
 *
 * With ids, the picks are those questions in the given order (an id found
 * in several scripts is taken from the first; a repeated id is asked once),
 * still subject to tag and difficulty. Shuffle then reorders, and count
 * keeps the first `count`.
 */
int questions_select(struct question_script *const *scripts,
                     size_t script_count, const struct question_filter *filter,
                     struct question_pick **picks, size_t *pick_count,
                     char *why, size_t why_size);

/* Result of converting a Markdown collection (see questions/README.md). */
struct question_import_role {
    char *role;
    char *output_path;
    size_t question_count;
};

struct question_import_result {
    struct question_import_role *roles;
    size_t role_count;
    struct question_problems failures;   /* files that could not be read */
};

/* 0 when every file imported, -1 when any failed (the rest are written). */
int questions_import(const char *dir, const char *outdir,
                     struct question_import_result *result);
void questions_import_result_free(struct question_import_result *result);

#endif
