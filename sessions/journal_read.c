/*
 * Reading the journal, SESSION_DIR/session.yaml.
 *
 * libyaml's event parser builds a small tree of the document (scalars,
 * sequences, mappings, each with its position); the tree is then checked
 * field by field into struct journal. Any problem stops the load with one
 * message, FILE:LINE:COLUMN: what is wrong, counted from 1. The file is
 * hostile input as far as this code knows: aliases are refused, nesting
 * and size are bounded, every type is checked, and keys it does not know
 * are skipped so newer journals still load.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <yaml.h>

#include <sessions/internal.h>

#define READ_MAX_DEPTH 32           /* a journal nests 6 levels deep */
#define READ_MAX_NODES 4000000      /* bounds memory on a huge file */
#define LIMIT_MAX 86400             /* s: a think or answer limit of a day */

enum node_type { NODE_SCALAR, NODE_SEQUENCE, NODE_MAPPING };

struct node {
    enum node_type type;
    int line;                      /* from 1 */
    int column;                    /* from 1 */
    char *text;                    /* scalars */
    size_t len;
    bool plain;                    /* unquoted and untagged */
    struct node **items;           /* mappings: key, value, key, value... */
    size_t count;
    size_t cap;
};

struct reader {
    yaml_parser_t parser;
    const char *path;
    struct journal_error *err;
    bool failed;
    size_t nodes;
};

/* ---- Errors ------------------------------------------------------------ */

static void fail_at(struct reader *r, int line, int column, const char *fmt,
                    ...)
{
    char what[768];
    va_list ap;

    if (r->failed)
        return;
    r->failed = true;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(r->err->message, sizeof r->err->message, "%s:%d:%d: %s",
             r->path, line, column, what);
    r->err->kind = JOURNAL_ERROR_INVALID;
}

#define fail_node(r, n, ...) fail_at((r), (n)->line, (n)->column, __VA_ARGS__)

static void fail_parser(struct reader *r)
{
    const yaml_parser_t *p = &r->parser;
    const char *problem = p->problem ? p->problem : "unreadable YAML";

    if (p->error == YAML_MEMORY_ERROR) {
        problem = "out of memory";
    }
    if (p->context)
        fail_at(r, (int)p->problem_mark.line + 1,
                (int)p->problem_mark.column + 1, "YAML error: %s %s",
                problem, p->context);
    else
        fail_at(r, (int)p->problem_mark.line + 1,
                (int)p->problem_mark.column + 1, "YAML error: %s", problem);
}

/* ---- The tree ---------------------------------------------------------- */

static void node_free(struct node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->count; i++)
        node_free(n->items[i]);
    free(n->items);
    free(n->text);
    free(n);
}

static struct node *node_new(struct reader *r, enum node_type type,
                             const yaml_event_t *ev)
{
    struct node *n;

    if (++r->nodes > READ_MAX_NODES) {
        fail_at(r, (int)ev->start_mark.line + 1,
                (int)ev->start_mark.column + 1, "journal is too large");
        return NULL;
    }
    n = calloc(1, sizeof *n);
    if (!n) {
        fail_at(r, (int)ev->start_mark.line + 1,
                (int)ev->start_mark.column + 1, "out of memory");
        return NULL;
    }
    n->type = type;
    n->line = (int)ev->start_mark.line + 1;
    n->column = (int)ev->start_mark.column + 1;
    return n;
}

static int node_append(struct reader *r, struct node *parent,
                       struct node *child)
{
    if (parent->count == parent->cap) {
        size_t cap = parent->cap ? parent->cap * 2 : 8;
        struct node **grown = realloc(parent->items, cap * sizeof *grown);

        if (!grown) {
            fail_node(r, child, "out of memory");
            node_free(child);
            return -1;
        }
        parent->items = grown;
        parent->cap = cap;
    }
    parent->items[parent->count++] = child;
    return 0;
}

static int next_event(struct reader *r, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&r->parser, ev)) {
        fail_parser(r);
        return -1;
    }
    return 0;
}

static struct node *build_node(struct reader *r, yaml_event_t *ev, int depth);

static struct node *build_scalar(struct reader *r, yaml_event_t *ev)
{
    struct node *n = node_new(r, NODE_SCALAR, ev);

    if (!n)
        return NULL;
    n->len = ev->data.scalar.length;
    n->text = malloc(n->len + 1);
    if (!n->text) {
        fail_node(r, n, "out of memory");
        node_free(n);
        return NULL;
    }
    memcpy(n->text, ev->data.scalar.value, n->len);
    n->text[n->len] = '\0';
    n->plain = ev->data.scalar.plain_implicit && !ev->data.scalar.tag;
    return n;
}

/* Reads the children of a sequence or mapping up to its end event. */
static struct node *build_collection(struct reader *r, yaml_event_t *start,
                                     enum node_type type, int depth)
{
    yaml_event_type_t end = type == NODE_SEQUENCE ? YAML_SEQUENCE_END_EVENT
                                                  : YAML_MAPPING_END_EVENT;
    struct node *n = node_new(r, type, start);
    yaml_event_t ev;

    if (!n)
        return NULL;
    if (depth > READ_MAX_DEPTH) {
        fail_node(r, n, "nested too deeply");
        node_free(n);
        return NULL;
    }
    for (;;) {
        struct node *child;

        if (next_event(r, &ev) < 0)
            break;
        if (ev.type == end) {
            yaml_event_delete(&ev);
            return n;
        }
        child = build_node(r, &ev, depth + 1);
        yaml_event_delete(&ev);
        if (!child || node_append(r, n, child) < 0)
            break;
    }
    node_free(n);
    return NULL;
}

/* Builds the node that `ev` starts; the caller deletes `ev`. */
static struct node *build_node(struct reader *r, yaml_event_t *ev, int depth)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return build_scalar(r, ev);
    case YAML_SEQUENCE_START_EVENT:
        return build_collection(r, ev, NODE_SEQUENCE, depth);
    case YAML_MAPPING_START_EVENT:
        return build_collection(r, ev, NODE_MAPPING, depth);
    case YAML_ALIAS_EVENT:
        fail_at(r, (int)ev->start_mark.line + 1,
                (int)ev->start_mark.column + 1,
                "aliases are not allowed in a journal");
        return NULL;
    default:
        fail_at(r, (int)ev->start_mark.line + 1,
                (int)ev->start_mark.column + 1, "unexpected YAML event");
        return NULL;
    }
}

/* Expects one event of `type`; returns it in ev (to delete) or -1. */
static int expect_event(struct reader *r, yaml_event_t *ev,
                        yaml_event_type_t type, const char *what)
{
    if (next_event(r, ev) < 0)
        return -1;
    if (ev->type != type) {
        fail_at(r, (int)ev->start_mark.line + 1,
                (int)ev->start_mark.column + 1, "%s", what);
        yaml_event_delete(ev);
        return -1;
    }
    return 0;
}

/* The single document of the stream as a tree, or NULL. */
static struct node *read_document(struct reader *r)
{
    struct node *root = NULL;
    yaml_event_t ev;

    if (expect_event(r, &ev, YAML_STREAM_START_EVENT, "not a YAML stream") < 0)
        return NULL;
    yaml_event_delete(&ev);
    if (expect_event(r, &ev, YAML_DOCUMENT_START_EVENT,
                     "the journal is empty") < 0)
        return NULL;
    yaml_event_delete(&ev);

    if (next_event(r, &ev) < 0)
        return NULL;
    root = build_node(r, &ev, 1);
    yaml_event_delete(&ev);
    if (!root)
        return NULL;

    if (expect_event(r, &ev, YAML_DOCUMENT_END_EVENT,
                     "unexpected content after the journal") < 0)
        goto fail;
    yaml_event_delete(&ev);
    if (expect_event(r, &ev, YAML_STREAM_END_EVENT,
                     "a journal holds one YAML document") < 0)
        goto fail;
    yaml_event_delete(&ev);
    return root;

fail:
    node_free(root);
    return NULL;
}

/* ---- Typed access ------------------------------------------------------ */

static struct node *map_get(const struct node *map, const char *key)
{
    for (size_t i = 0; i + 1 < map->count; i += 2) {
        const struct node *k = map->items[i];

        if (k->type == NODE_SCALAR && strcmp(k->text, key) == 0)
            return map->items[i + 1];
    }
    return NULL;
}

static bool is_null(const struct node *n)
{
    static const char *const spellings[] = { "", "~", "null", "Null", "NULL" };

    if (n->type != NODE_SCALAR || !n->plain)
        return false;
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        if (strcmp(n->text, spellings[i]) == 0)
            return true;
    }
    return false;
}

/* A field of `map`; NULL when absent (an error when it is required). */
static struct node *field(struct reader *r, const struct node *map,
                          const char *key, bool required)
{
    struct node *value = map_get(map, key);

    if (!value && required)
        fail_node(r, map, "missing '%s'", key);
    return value;
}

static struct node *typed_field(struct reader *r, const struct node *map,
                                const char *key, bool required,
                                enum node_type type, const char *what)
{
    struct node *value = field(r, map, key, required);

    if (value && value->type != type) {
        fail_node(r, value, "'%s' must be %s", key, what);
        return NULL;
    }
    return value;
}

static char *dup_text(struct reader *r, const struct node *n, const char *key)
{
    char *copy;

    if (memchr(n->text, '\0', n->len)) {
        fail_node(r, n, "'%s' contains a NUL character", key);
        return NULL;
    }
    copy = strdup(n->text);
    if (!copy)
        fail_node(r, n, "out of memory");
    return copy;
}

/*
 * A string field. Absent: "" (NULL when nullable). A plain null is NULL
 * for a nullable field and an error otherwise.
 */
static void get_string(struct reader *r, const struct node *map,
                       const char *key, bool required, bool nullable,
                       char **out)
{
    struct node *n = field(r, map, key, required);

    *out = NULL;
    if (r->failed)
        return;
    if (!n || (nullable && is_null(n))) {
        if (!n && !nullable && !(*out = strdup("")))
            fail_node(r, map, "out of memory");
        return;
    }
    if (n->type != NODE_SCALAR || is_null(n)) {
        fail_node(r, n, "'%s' must be a string", key);
        return;
    }
    *out = dup_text(r, n, key);
}

/* Whole numbers only: an optional sign and decimal digits. */
static int parse_long(const char *text, long *out)
{
    const char *p = text;
    char *end;

    if (*p == '-' || *p == '+')
        p++;
    if (*p < '0' || *p > '9')
        return -1;
    errno = 0;
    *out = strtol(text, &end, 10);
    if (errno == ERANGE || *end != '\0')
        return -1;
    return 0;
}

static void get_long(struct reader *r, const struct node *map, const char *key,
                     bool required, long min, long max, long *out)
{
    struct node *n = field(r, map, key, required);

    if (!n || r->failed)
        return;
    if (n->type != NODE_SCALAR || !n->plain || parse_long(n->text, out) < 0) {
        fail_node(r, n, "'%s' must be a whole number", key);
        return;
    }
    if (*out < min || *out > max)
        fail_node(r, n, "'%s' must be from %ld to %ld", key, min, max);
}

static void get_int(struct reader *r, const struct node *map, const char *key,
                    bool required, int min, int max, int *out)
{
    long value = *out;

    get_long(r, map, key, required, min, max, &value);
    if (!r->failed)
        *out = (int)value;
}

static void get_bool(struct reader *r, const struct node *map, const char *key,
                     bool required, bool *out)
{
    struct node *n = field(r, map, key, required);

    if (!n || r->failed)
        return;
    if (n->type == NODE_SCALAR && n->plain &&
        (strcmp(n->text, "true") == 0 || strcmp(n->text, "false") == 0)) {
        *out = n->text[0] == 't';
        return;
    }
    fail_node(r, n, "'%s' must be true or false", key);
}

/* [-+]digits[.digits], parsed by hand so the locale plays no part. */
static int parse_seconds(const char *text, double *out)
{
    const char *p = text;
    double sign = 1, whole = 0, frac = 0, scale = 1;
    int digits = 0;

    if (*p == '-' || *p == '+')
        sign = *p++ == '-' ? -1 : 1;
    for (; *p >= '0' && *p <= '9'; p++, digits++)
        whole = whole * 10 + (*p - '0');
    if (digits == 0)
        return -1;
    if (*p == '.') {
        for (p++; *p >= '0' && *p <= '9'; p++, digits++) {
            frac = frac * 10 + (*p - '0');
            scale *= 10;
        }
    }
    if (*p != '\0' || digits > 18)
        return -1;
    *out = sign * (whole + frac / scale);
    return 0;
}

static void get_seconds(struct reader *r, const struct node *map,
                        const char *key, bool required, double *out)
{
    struct node *n = field(r, map, key, required);

    if (!n || r->failed)
        return;
    if (n->type != NODE_SCALAR || !n->plain ||
        parse_seconds(n->text, out) < 0 || *out < 0)
        fail_node(r, n, "'%s' must be a number of seconds", key);
}

static void get_list(struct reader *r, const struct node *map, const char *key,
                     struct string_list *out)
{
    struct node *seq = typed_field(r, map, key, false, NODE_SEQUENCE,
                                   "a list of strings");

    if (!seq || r->failed || seq->count == 0)
        return;
    out->items = calloc(seq->count, sizeof *out->items);
    if (!out->items) {
        fail_node(r, seq, "out of memory");
        return;
    }
    out->count = seq->count;
    for (size_t i = 0; i < seq->count && !r->failed; i++) {
        struct node *item = seq->items[i];

        if (item->type != NODE_SCALAR || is_null(item))
            fail_node(r, item, "'%s' must be a list of strings", key);
        else
            out->items[i] = dup_text(r, item, key);
    }
}

/* ---- The journal's parts ---------------------------------------------- */

/* Take files stay inside the session folder: resume rewrites them. */
static bool is_inside_path(const char *path)
{
    const char *p = path;

    if (path[0] == '\0' || path[0] == '/')
        return false;
    while (*p) {
        size_t len = strcspn(p, "/");

        if (len == 2 && p[0] == '.' && p[1] == '.')
            return false;
        p += len;
        if (*p == '/')
            p++;
    }
    return true;
}

static void read_take(struct reader *r, const struct node *n,
                      struct journal_take *t)
{
    struct node *file;

    if (n->type != NODE_MAPPING) {
        fail_node(r, n, "a take must be a mapping");
        return;
    }
    get_string(r, n, "file", true, false, &t->file);
    file = map_get(n, "file");
    if (!r->failed && !is_inside_path(t->file))
        fail_node(r, file, "'file' must be a path inside the session folder");
    get_seconds(r, n, "duration", true, &t->duration);
    get_seconds(r, n, "timer_duration", false, &t->timer_duration);
    get_string(r, n, "started", false, true, &t->started);
    get_string(r, n, "ended", false, true, &t->ended);
    get_seconds(r, n, "overtime", false, &t->overtime);
    get_long(r, n, "overflows", false, 0, LONG_MAX, &t->overflows);
    get_bool(r, n, "interrupted", false, &t->interrupted);
    /* Older journals have no rate: it stays 0, "not recorded". */
    get_int(r, n, "rate", false, 0, INT_MAX, &t->rate);
}

static void read_takes(struct reader *r, const struct node *q,
                       struct journal_question *out)
{
    struct node *seq = typed_field(r, q, "takes", false, NODE_SEQUENCE,
                                   "a list");

    if (!seq || r->failed || seq->count == 0)
        return;
    out->takes = calloc(seq->count, sizeof *out->takes);
    if (!out->takes) {
        fail_node(r, seq, "out of memory");
        return;
    }
    out->take_count = seq->count;
    for (size_t i = 0; i < seq->count && !r->failed; i++)
        read_take(r, seq->items[i], &out->takes[i]);
}

static void read_scores(struct reader *r, const struct node *a,
                        struct journal_assessment *out)
{
    struct node *map = typed_field(r, a, "scores", false, NODE_MAPPING,
                                   "a mapping");

    for (int d = 0; map && d < REPORT_DIMENSIONS && !r->failed; d++) {
        const char *key = journal_dimension_key((enum report_dimension)d);
        struct node *v = map_get(map, key);
        long score;

        if (!v || is_null(v))
            continue;
        score = 0;
        get_long(r, map, key, false, 1, 5, &score);
        out->scores[d] = (int)score;
    }
}

static void read_covered(struct reader *r, const struct node *a,
                         size_t key_points, struct journal_assessment *out)
{
    struct node *seq = typed_field(r, a, "covered", false, NODE_SEQUENCE,
                                   "a list of key point numbers");

    for (size_t i = 0; seq && i < seq->count && !r->failed; i++) {
        struct node *item = seq->items[i];
        long k;

        if (item->type != NODE_SCALAR || !item->plain ||
            parse_long(item->text, &k) < 0 || k < 1 ||
            (size_t)k > key_points) {
            fail_node(r, item, "covered key point must be from 1 to %zu",
                      key_points);
            return;
        }
        out->covered[k - 1] = true;
    }
}

static void read_assessment(struct reader *r, const struct node *key,
                            const struct node *value, size_t key_points,
                            struct journal_assessment *out)
{
    if (key->type != NODE_SCALAR || is_null(key)) {
        fail_node(r, key, "an assessment must be named by who made it");
        return;
    }
    if (value->type != NODE_MAPPING) {
        fail_node(r, value, "an assessment must be a mapping");
        return;
    }
    out->who = dup_text(r, key, "assessments");
    if (key_points > 0 && !r->failed) {
        out->covered = calloc(key_points, sizeof *out->covered);
        if (!out->covered)
            fail_node(r, value, "out of memory");
    }
    read_scores(r, value, out);
    read_covered(r, value, key_points, out);
    get_string(r, value, "notes", false, true, &out->notes);
}

static void read_assessments(struct reader *r, const struct node *q,
                             struct journal_question *out)
{
    struct node *map = typed_field(r, q, "assessments", false, NODE_MAPPING,
                                   "a mapping");
    size_t n;

    if (!map || r->failed || map->count < 2)
        return;
    n = map->count / 2;
    out->assessments = calloc(n, sizeof *out->assessments);
    if (!out->assessments) {
        fail_node(r, map, "out of memory");
        return;
    }
    out->assessment_count = n;
    for (size_t i = 0; i < n && !r->failed; i++)
        read_assessment(r, map->items[2 * i], map->items[2 * i + 1],
                        out->key_points.count, &out->assessments[i]);
}

static void read_state(struct reader *r, const struct node *q,
                       enum journal_question_state *out)
{
    struct node *n = field(r, q, "state", true);

    if (!n || r->failed)
        return;
    if (n->type != NODE_SCALAR || journal_state_parse(n->text, out) < 0)
        fail_node(r, n,
                  "'state' must be pending, answered, skipped or interrupted");
}

static void read_question(struct reader *r, const struct node *q,
                          struct journal_question *out)
{
    if (q->type != NODE_MAPPING) {
        fail_node(r, q, "a question must be a mapping");
        return;
    }
    get_string(r, q, "id", true, false, &out->id);
    get_string(r, q, "topic", false, false, &out->topic);
    get_string(r, q, "difficulty", false, false, &out->difficulty);
    get_string(r, q, "prompt", true, false, &out->prompt);
    get_string(r, q, "reference", false, false, &out->reference);
    get_list(r, q, "key_points", &out->key_points);
    get_list(r, q, "follow_ups", &out->follow_ups);
    get_list(r, q, "assesses", &out->assesses);
    get_int(r, q, "think_time", false, 0, LIMIT_MAX, &out->think_time);
    get_int(r, q, "answer_time", false, 1, LIMIT_MAX, &out->answer_time);
    get_string(r, q, "hash", false, false, &out->hash);
    read_state(r, q, &out->state);
    read_takes(r, q, out);
    read_assessments(r, q, out);
}

static void read_questions(struct reader *r, const struct node *root,
                           struct journal *j)
{
    struct node *seq = typed_field(r, root, "questions", true, NODE_SEQUENCE,
                                   "a list");

    if (!seq || r->failed || seq->count == 0)
        return;
    j->questions = calloc(seq->count, sizeof *j->questions);
    if (!j->questions) {
        fail_node(r, seq, "out of memory");
        return;
    }
    j->question_count = seq->count;
    for (size_t i = 0; i < seq->count && !r->failed; i++)
        read_question(r, seq->items[i], &j->questions[i]);
}

static void read_options(struct reader *r, const struct node *root,
                         struct journal *j)
{
    struct node *o = typed_field(r, root, "options", false, NODE_MAPPING,
                                 "a mapping");

    j->think_time = -1;
    j->answer_time = -1;
    if (!o || r->failed)
        return;
    get_int(r, o, "think_time", false, -1, LIMIT_MAX, &j->think_time);
    get_int(r, o, "answer_time", false, -1, LIMIT_MAX, &j->answer_time);
    get_bool(r, o, "hard_stop", false, &j->hard_stop);
    get_bool(r, o, "no_review", false, &j->no_review);
    get_bool(r, o, "partner", false, &j->partner);
    get_string(r, o, "device", false, true, &j->device);
    get_string(r, o, "mic_file", false, true, &j->mic_file);
    get_int(r, o, "rate", false, 0, INT_MAX, &j->rate);
}

/* The version comes first: a newer format may change anything else. */
static void read_version(struct reader *r, const struct node *root,
                         struct journal *j)
{
    struct node *n = field(r, root, "version", true);
    long version;

    if (!n)
        return;
    if (n->type != NODE_SCALAR || !n->plain ||
        parse_long(n->text, &version) < 0) {
        fail_node(r, n, "'version' must be a whole number");
        return;
    }
    if (version != JOURNAL_VERSION) {
        fail_node(r, n, "journal version %ld is not supported (expected %d)",
                  version, JOURNAL_VERSION);
        return;
    }
    j->version = (int)version;
}

static void read_journal(struct reader *r, const struct node *root,
                         struct journal *j)
{
    if (root->type != NODE_MAPPING) {
        fail_node(r, root, "a journal must be a mapping");
        return;
    }
    read_version(r, root, j);
    get_string(r, root, "role", true, false, &j->role);
    get_string(r, root, "title", false, false, &j->title);
    get_string(r, root, "focus", false, false, &j->focus);
    get_string(r, root, "thinking_pattern", false, false,
               &j->thinking_pattern);
    get_string(r, root, "intro", false, true, &j->intro);
    get_string(r, root, "created", true, false, &j->created);
    get_bool(r, root, "finished", true, &j->finished);
    get_list(r, root, "banks", &j->banks);
    read_options(r, root, j);
    read_questions(r, root, j);
}

/* ---- Loading ----------------------------------------------------------- */

/* For errors that have no position: FILE: what is wrong. */
__attribute__((format(printf, 3, 4)))
static void set_error(struct journal_error *err, int kind, const char *fmt,
                      ...)
{
    va_list ap;

    err->kind = kind;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

static FILE *open_journal(const char *path, struct journal_error *err)
{
    FILE *f = fopen(path, "rb");
    struct stat st;

    if (!f && errno == ENOENT) {
        set_error(err, JOURNAL_ERROR_MISSING, "%s: no such file", path);
        return NULL;
    }
    if (!f) {
        set_error(err, JOURNAL_ERROR_IO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && !S_ISREG(st.st_mode)) {
        set_error(err, JOURNAL_ERROR_IO, "%s: not a file", path);
        fclose(f);
        return NULL;
    }
    return f;
}

int journal_load(const char *dir, struct journal *out,
                 struct journal_error *err)
{
    char path[4096];
    struct reader r = { .path = path, .err = err };
    struct node *root;
    FILE *f;

    memset(out, 0, sizeof *out);
    err->kind = JOURNAL_ERROR_NONE;
    err->message[0] = '\0';
    snprintf(path, sizeof path, "%s/%s", dir, JOURNAL_FILE);

    f = open_journal(path, err);
    if (!f)
        return -1;
    if (!yaml_parser_initialize(&r.parser)) {
        fclose(f);
        fail_at(&r, 0, 0, "out of memory");
        return -1;
    }
    yaml_parser_set_input_file(&r.parser, f);

    root = read_document(&r);
    if (root)
        read_journal(&r, root, out);
    if (!r.failed && ferror(f)) {
        set_error(err, JOURNAL_ERROR_IO, "%s: read error", path);
        r.failed = true;
    }
    node_free(root);
    yaml_parser_delete(&r.parser);
    fclose(f);

    if (r.failed) {
        journal_free(out);
        return -1;
    }
    return 0;
}
