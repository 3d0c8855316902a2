/*
 * The script format, checked against a parsed tree. Every check reports
 * where the offending value starts and goes on to the next one, so one
 * pass finds every problem a file has. The result is a script that is
 * complete when no problem was reported and partial otherwise; the loader
 * decides which to hand back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "questions/internal.h"

struct script_check {
    const char *path;
    struct question_problems *problems;
    size_t first;
    bool out_of_memory;
};

static const char *const ROOT_KEYS[] = {
    "role", "title", "focus", "thinking_pattern", "intro", "defaults",
    "questions",
};
enum { ROOT_ROLE, ROOT_TITLE, ROOT_FOCUS, ROOT_THINKING, ROOT_INTRO,
       ROOT_DEFAULTS, ROOT_QUESTIONS, ROOT_KEY_COUNT };

static const char *const DEFAULT_KEYS[] = { "think_time", "answer_time" };
enum { DEFAULT_THINK, DEFAULT_ANSWER, DEFAULT_KEY_COUNT };

static const char *const QUESTION_KEYS[] = {
    "id", "topic", "difficulty", "tags", "prompt", "think_time",
    "answer_time", "reference", "key_points", "follow_ups", "assesses",
};
enum { Q_ID, Q_TOPIC, Q_DIFFICULTY, Q_TAGS, Q_PROMPT, Q_THINK, Q_ANSWER,
       Q_REFERENCE, Q_KEY_POINTS, Q_FOLLOW_UPS, Q_ASSESSES, Q_KEY_COUNT };

static void check_report(struct script_check *c,
                         const struct questions_node *at,
                         const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void check_report(struct script_check *c,
                         const struct questions_node *at,
                         const char *format, ...)
{
    va_list args;

    va_start(args, format);
    if (questions_problem_vadd(c->problems, c->first, c->path,
                               at ? at->line : 0, at ? at->column : 0,
                               format, args) < 0)
        c->out_of_memory = true;
    va_end(args);
}

static const char *node_kind_name(const struct questions_node *node)
{
    switch (node->kind) {
    case QUESTIONS_NODE_SEQUENCE:
        return "a list";
    case QUESTIONS_NODE_MAPPING:
        return "a mapping";
    default:
        return "text";
    }
}

/* YAML's plain null spellings; a quoted "null" is text. */
static bool node_is_null(const struct questions_node *node)
{
    if (node->kind != QUESTIONS_NODE_SCALAR || !node->plain)
        return false;
    return node->length == 0 || strcmp(node->text, "~") == 0
        || strcmp(node->text, "null") == 0 || strcmp(node->text, "Null") == 0
        || strcmp(node->text, "NULL") == 0;
}

/*
 * The first control character in text other than tab and newline, or 0.
 * Question text reaches terminals and reports, and an escape sequence
 * there (retitling a window, moving the cursor) is never content. C1
 * controls (U+0080-U+009F) arrive as the UTF-8 pairs C2 80-C2 9F.
 */
static unsigned control_character(const char *text)
{
    const unsigned char *p = (const unsigned char *)text;

    for (; *p; p++) {
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
            *p == 0x7f)
            return *p;
        if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            return p[1];
    }
    return 0;
}

static bool text_is_blank(const char *text)
{
    for (; *text; text++) {
        if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r')
            return false;
    }
    return true;
}

/* ---- Duplicates, found by sorting so huge mappings stay cheap ------- */

struct named_node {
    const char *name;
    const struct questions_node *node;
};

static int named_node_compare(const void *a, const void *b)
{
    const struct named_node *x = a, *y = b;
    int order = strcmp(x->name, y->name);

    if (order != 0)
        return order;
    if (x->node->line != y->node->line)
        return x->node->line < y->node->line ? -1 : 1;
    return (x->node->column > y->node->column)
        - (x->node->column < y->node->column);
}

/* `what` is "key" or "id"; every repeat is reported where it stands. */
static void check_duplicates(struct script_check *c, struct named_node *names,
                             size_t count, const char *what)
{
    qsort(names, count, sizeof *names, named_node_compare);

    for (size_t i = 1, head = 0; i < count; i++) {
        if (strcmp(names[i].name, names[head].name) != 0) {
            head = i;
            continue;
        }
        check_report(c, names[i].node,
                     "duplicate %s '%s': first at line %d, again at line %d",
                     what, names[i].name, names[head].node->line,
                     names[i].node->line);
    }
}

/* ---- Mappings against a key table ----------------------------------- */

static void check_unknown_key(struct script_check *c,
                              const struct questions_node *key,
                              const char *const *keys, size_t key_count)
{
    const char *guess = questions_suggest(key->text, keys, key_count);
    char known[512] = "";

    if (guess) {
        check_report(c, key, "unknown key '%s' (did you mean '%s'?)",
                     key->text, guess);
        return;
    }

    for (size_t i = 0; i < key_count; i++) {
        strncat(known, keys[i], sizeof known - strlen(known) - 1);
        if (i + 1 < key_count)
            strncat(known, ", ", sizeof known - strlen(known) - 1);
    }
    check_report(c, key, "unknown key '%s' (known keys: %s)", key->text,
                 known);
}

static int key_index(const char *name, const char *const *keys,
                     size_t key_count)
{
    for (size_t i = 0; i < key_count; i++) {
        if (strcmp(name, keys[i]) == 0)
            return (int)i;
    }
    return -1;
}

/*
 * Sorts the pairs of `map` into values[] by the key table (the first of
 * duplicated keys wins) and reports keys that are not text, unknown or
 * repeated. `keys_out`, when given, receives each found key node.
 */
static void check_mapping(struct script_check *c,
                          const struct questions_node *map,
                          const char *const *keys, size_t key_count,
                          const struct questions_node **values,
                          const struct questions_node **keys_out)
{
    size_t pairs = map->count / 2;
    struct named_node *names = calloc(pairs ? pairs : 1, sizeof *names);
    size_t named = 0;

    for (size_t k = 0; k < key_count; k++) {
        values[k] = NULL;
        if (keys_out)
            keys_out[k] = NULL;
    }
    if (!names) {
        c->out_of_memory = true;
        return;
    }

    for (size_t i = 0; i < pairs; i++) {
        const struct questions_node *key = map->items[2 * i];
        int k;

        if (key->kind != QUESTIONS_NODE_SCALAR) {
            check_report(c, key, "a key must be text, not %s",
                         node_kind_name(key));
            continue;
        }
        names[named++] = (struct named_node){ key->text, key };

        k = key_index(key->text, keys, key_count);
        if (k < 0)
            check_unknown_key(c, key, keys, key_count);
        else if (!values[k]) {
            values[k] = map->items[2 * i + 1];
            if (keys_out)
                keys_out[k] = key;
        }
    }

    check_duplicates(c, names, named, "key");
    free(names);
}

/* ---- Values --------------------------------------------------------- */

/*
 * A text value. Returns a copy, or NULL when it is absent, null, blank or
 * not text; `required` decides whether absence is a problem.
 */
static char *check_text(struct script_check *c,
                        const struct questions_node *owner,
                        const struct questions_node *value, const char *name,
                        bool required)
{
    char *copy;

    if (!value) {
        if (required)
            check_report(c, owner, "missing '%s'", name);
        return NULL;
    }
    if (value->kind != QUESTIONS_NODE_SCALAR) {
        check_report(c, value, "'%s' must be text, not %s", name,
                     node_kind_name(value));
        return NULL;
    }
    if (node_is_null(value) || text_is_blank(value->text)) {
        if (required)
            check_report(c, value, "'%s' is empty", name);
        return NULL;
    }
    if (control_character(value->text)) {
        check_report(c, value, "'%s' contains a control character "
                     "(U+%04X)", name, control_character(value->text));
        return NULL;
    }

    copy = strdup(value->text);
    if (!copy)
        c->out_of_memory = true;
    return copy;
}

static char *check_name(struct script_check *c,
                        const struct questions_node *owner,
                        const struct questions_node *value, const char *name)
{
    char *text = check_text(c, owner, value, name, true);

    if (text && !questions_is_name(text))
        check_report(c, value,
                     "'%s' must use only lowercase letters, digits and '-', "
                     "not '%s'", name, text);
    return text;
}

/* Leaves *seconds alone when the value is absent or wrong. */
static void check_duration(struct script_check *c,
                           const struct questions_node *value,
                           const char *name, int *seconds)
{
    if (!value || node_is_null(value))
        return;
    if (value->kind != QUESTIONS_NODE_SCALAR) {
        check_report(c, value, "'%s' must be a duration, not %s", name,
                     node_kind_name(value));
        return;
    }
    if (questions_parse_duration(value->text, seconds) < 0)
        check_report(c, value,
                     "'%s' is not a duration: '%s' (use 45s, 3m, 2m30s or "
                     "whole seconds)", name, value->text);
    else if (*seconds == 0 && strstr(name, "answer_time"))
        check_report(c, value, "'%s' must be longer than 0 seconds", name);
}

static void check_text_list(struct script_check *c,
                            const struct questions_node *value,
                            const char *name, struct string_list *list)
{
    if (!value || node_is_null(value))
        return;
    if (value->kind != QUESTIONS_NODE_SEQUENCE) {
        check_report(c, value, "'%s' must be a list, not %s", name,
                     node_kind_name(value));
        return;
    }

    for (size_t i = 0; i < value->count; i++) {
        const struct questions_node *item = value->items[i];

        if (item->kind != QUESTIONS_NODE_SCALAR)
            check_report(c, item, "each item of '%s' must be text, not %s",
                         name, node_kind_name(item));
        else if (node_is_null(item) || text_is_blank(item->text))
            check_report(c, item, "an item of '%s' is empty", name);
        else if (control_character(item->text))
            check_report(c, item, "an item of '%s' contains a control "
                         "character (U+%04X)", name,
                         control_character(item->text));
        else if (questions_string_list_add(list, item->text) < 0)
            c->out_of_memory = true;
    }
}

/* ---- Questions ------------------------------------------------------ */

static void check_difficulty(struct script_check *c,
                             const struct questions_node *value,
                             enum question_difficulty *difficulty)
{
    bool scalar;

    *difficulty = QUESTION_MEDIUM;
    if (!value || node_is_null(value))
        return;
    scalar = value->kind == QUESTIONS_NODE_SCALAR;
    if (!scalar || questions_difficulty_parse(value->text, difficulty) < 0)
        check_report(c, value,
                     "'difficulty' must be easy, medium or hard, not '%s'",
                     scalar ? value->text : node_kind_name(value));
}

static void check_key_points(struct script_check *c,
                             const struct questions_node *owner,
                             const struct questions_node *value,
                             struct string_list *list)
{
    if (!value) {
        check_report(c, owner, "missing 'key_points' (at least one)");
        return;
    }
    check_text_list(c, value, "key_points", list);
    if (list->count == 0 && (node_is_null(value)
                             || value->kind == QUESTIONS_NODE_SEQUENCE))
        check_report(c, value, "'key_points' needs at least one point");
}

static void check_prompt(struct script_check *c,
                         const struct questions_node *owner,
                         const struct questions_node *value,
                         struct question *q)
{
    q->prompt = check_text(c, owner, value, "prompt", false);
    if (!value)
        check_report(c, owner, "missing 'prompt'");
    else if (!q->prompt && value->kind == QUESTIONS_NODE_SCALAR)
        check_report(c, value, "'prompt' is empty: say what the "
                     "interviewer asks");
}

/* *id_node receives the id value when it is usable text. */
static void check_question(struct script_check *c,
                           const struct questions_node *node,
                           struct question *q,
                           const struct questions_node **id_node)
{
    const struct questions_node *v[Q_KEY_COUNT];

    q->line = node->line;
    q->think_time = -1;
    q->answer_time = -1;
    q->difficulty = QUESTION_MEDIUM;
    if (node->kind != QUESTIONS_NODE_MAPPING) {
        check_report(c, node, "a question must be a mapping (id:, topic:, "
                     "prompt: ...), not %s", node_kind_name(node));
        return;
    }

    check_mapping(c, node, QUESTION_KEYS, Q_KEY_COUNT, v, NULL);
    q->id = check_name(c, node, v[Q_ID], "id");
    if (q->id)
        *id_node = v[Q_ID];
    q->topic = check_text(c, node, v[Q_TOPIC], "topic", true);
    check_difficulty(c, v[Q_DIFFICULTY], &q->difficulty);
    check_text_list(c, v[Q_TAGS], "tags", &q->tags);
    check_prompt(c, node, v[Q_PROMPT], q);
    check_duration(c, v[Q_THINK], "think_time", &q->think_time);
    check_duration(c, v[Q_ANSWER], "answer_time", &q->answer_time);
    q->reference = check_text(c, node, v[Q_REFERENCE], "reference", true);
    check_key_points(c, node, v[Q_KEY_POINTS], &q->key_points);
    check_text_list(c, v[Q_FOLLOW_UPS], "follow_ups", &q->follow_ups);
    check_text_list(c, v[Q_ASSESSES], "assesses", &q->assesses);
}

static void check_questions(struct script_check *c,
                            const struct questions_node *owner,
                            const struct questions_node *value,
                            struct question_script *s)
{
    struct named_node *names;
    size_t named = 0;

    if (!value) {
        check_report(c, owner, "missing 'questions'");
        return;
    }
    if (value->kind != QUESTIONS_NODE_SEQUENCE || value->count == 0) {
        if (value->kind == QUESTIONS_NODE_SEQUENCE || node_is_null(value))
            check_report(c, value, "'questions' is empty; a script needs at "
                         "least one question");
        else
            check_report(c, value, "'questions' must be a list, not %s",
                         node_kind_name(value));
        return;
    }

    s->questions = calloc(value->count, sizeof *s->questions);
    if (!s->questions) {
        c->out_of_memory = true;
        return;
    }
    s->count = value->count;

    /* Ids are compared where they were written, so both lines are named. */
    names = calloc(value->count, sizeof *names);
    if (!names) {
        c->out_of_memory = true;
        return;
    }
    for (size_t i = 0; i < value->count; i++) {
        const struct questions_node *id = NULL;

        check_question(c, value->items[i], &s->questions[i], &id);
        if (id)
            names[named++] = (struct named_node){ id->text, id };
    }
    check_duplicates(c, names, named, "question id");
    free(names);
}

/* ---- The script ----------------------------------------------------- */

static void check_defaults(struct script_check *c,
                           const struct questions_node *value,
                           struct question_script *s)
{
    const struct questions_node *v[DEFAULT_KEY_COUNT];

    if (!value || node_is_null(value))
        return;
    if (value->kind != QUESTIONS_NODE_MAPPING) {
        check_report(c, value, "'defaults' must be a mapping of think_time "
                     "and answer_time, not %s", node_kind_name(value));
        return;
    }
    check_mapping(c, value, DEFAULT_KEYS, DEFAULT_KEY_COUNT, v, NULL);
    check_duration(c, v[DEFAULT_THINK], "think_time", &s->think_time);
    check_duration(c, v[DEFAULT_ANSWER], "answer_time", &s->answer_time);
}

static void check_root(struct script_check *c,
                       const struct questions_node *root,
                       struct question_script *s)
{
    const struct questions_node *v[ROOT_KEY_COUNT];

    check_mapping(c, root, ROOT_KEYS, ROOT_KEY_COUNT, v, NULL);
    s->role = check_name(c, root, v[ROOT_ROLE], "role");
    s->title = check_text(c, root, v[ROOT_TITLE], "title", true);
    s->focus = check_text(c, root, v[ROOT_FOCUS], "focus", true);
    s->thinking_pattern = check_text(c, root, v[ROOT_THINKING],
                                     "thinking_pattern", true);
    s->intro = check_text(c, root, v[ROOT_INTRO], "intro", false);
    check_defaults(c, v[ROOT_DEFAULTS], s);
    check_questions(c, root, v[ROOT_QUESTIONS], s);
}

struct question_script *questions_script_build(
    const char *path, const struct questions_node *root,
    struct question_problems *problems, size_t first)
{
    struct script_check c = { .path = path, .problems = problems,
                              .first = first };
    struct question_script *s = calloc(1, sizeof *s);

    if (!s || !(s->path = strdup(path))) {
        free(s);
        return NULL;
    }
    s->think_time = QUESTIONS_DEFAULT_THINK_TIME;
    s->answer_time = QUESTIONS_DEFAULT_ANSWER_TIME;

    if (!root) {
        check_report(&c, &(struct questions_node){ .line = 1, .column = 1 },
                     "the file is empty; a script is a mapping with role, "
                     "title, focus, thinking_pattern and questions");
    } else if (root->kind != QUESTIONS_NODE_MAPPING) {
        check_report(&c, root, "the document must be a mapping (role:, "
                     "title:, questions: ...), not %s", node_kind_name(root));
    } else {
        check_root(&c, root, s);
    }

    if (c.out_of_memory) {
        questions_script_free(s);
        return NULL;
    }
    return s;
}
