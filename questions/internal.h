/*
 * Shared by the .c files of questions/ and by tests/questions only.
 *
 * The loader works in two passes: tree.c turns libyaml's events into a
 * small node tree that remembers where every value started, with hard
 * limits on size, depth and alias expansion; script.c walks that tree
 * against the script format and builds a struct question_script. The
 * importer (markdown.c, import.c) reads a Markdown collection and writes
 * scripts with emit.c.
 */
#ifndef MI_QUESTIONS_INTERNAL_H
#define MI_QUESTIONS_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <questions/questions.h>

/* ---- Limits: no file may exhaust memory or the stack ----------------- */

#define QUESTIONS_MAX_FILE_BYTES (4u * 1024 * 1024)
#define QUESTIONS_MAX_SCALAR_BYTES (64u * 1024)   /* longer is an error */
#define QUESTIONS_MAX_DEPTH 32                    /* nested collections */
#define QUESTIONS_MAX_NODES 100000                /* after alias expansion */
#define QUESTIONS_MAX_ANCHORS 1000
#define QUESTIONS_MAX_PROBLEMS 100                /* per file */

/* ---- Problems -------------------------------------------------------- */

/*
 * Appends one problem (message formatted like printf). An identical
 * problem already in the list from `first` on is not repeated, so a value
 * reached twice through an alias is reported once. Returns 0, or -1 when
 * memory ran out.
 */
int questions_problem_add(struct question_problems *problems, size_t first,
                          const char *path, int line, int column,
                          const char *format, ...)
    __attribute__((format(printf, 6, 7)));
int questions_problem_vadd(struct question_problems *problems, size_t first,
                           const char *path, int line, int column,
                           const char *format, va_list args);

/* Orders problems[first..] by line, then column, keeping ties in order. */
void questions_problems_sort(struct question_problems *problems,
                             size_t first);

/* Appends a copy of `text` to the list; 0, or -1 when memory ran out. */
int questions_string_list_add(struct string_list *list, const char *text);

/* ---- Text helpers (text.c) ------------------------------------------ */

/*
 * Reads a whole file, NUL-terminated, refusing more than `max` bytes.
 * Returns 0, or -1 with a reason in `why` (errno text or "too large").
 */
int questions_read_file(const char *path, size_t max, char **text,
                        size_t *length, char *why, size_t why_size);

/* Length of the well-formed UTF-8 sequence at s (1..4), 0 if malformed. */
size_t questions_utf8_sequence(const unsigned char *s, size_t left);

/*
 * Line and column (from 1, columns in characters) of byte `offset` in
 * text. CRLF counts as one line break; a leading BOM is not a column.
 */
void questions_text_position(const char *text, size_t length, size_t offset,
                             int *line, int *column);

/* True when text is non-empty and only lowercase letters, digits, '-'. */
bool questions_is_name(const char *text);

/*
 * Writes a name made of text: lowercase letters and digits kept, every
 * other run of characters one '-', no '-' at either end. Empty when text
 * has no letter or digit. Truncates to fit `size`.
 */
void questions_name_from(const char *text, char *buf, size_t size);

/* Levenshtein distance, capped at 99 for long strings. */
int questions_edit_distance(const char *a, const char *b);

/* The candidate closest to word when it looks like a typo of it, or NULL. */
const char *questions_suggest(const char *word, const char *const *candidates,
                              size_t count);

/* ---- The node tree (tree.c) ------------------------------------------ */

enum questions_node_kind {
    QUESTIONS_NODE_SCALAR,
    QUESTIONS_NODE_SEQUENCE,
    QUESTIONS_NODE_MAPPING,
};

struct questions_node {
    enum questions_node_kind kind;
    int line;                      /* from 1 */
    int column;                    /* from 1 */
    char *text;                    /* scalars: NUL-terminated */
    size_t length;
    bool plain;                    /* unquoted scalar: may mean null */
    struct questions_node **items; /* sequence items; mapping key, value.. */
    size_t count;                  /* entries in items */
    size_t capacity;
    char *anchor;
    bool closed;
    size_t weight;                 /* values inside, aliases expanded */
    struct questions_node *next;   /* every node, for freeing */
};

struct questions_tree {
    struct questions_node *root;   /* NULL for an empty document */
    struct questions_node *all;
};

/*
 * Parses `text` (length bytes, valid UTF-8) into a tree. Problems go to
 * `problems` against `path`. Returns 0 when the tree is complete, -1 when
 * parsing stopped early (syntax error or a limit); the tree then holds
 * what was read and must still be freed.
 */
int questions_tree_parse(const char *path, const char *text, size_t length,
                         struct questions_tree *tree,
                         struct question_problems *problems, size_t first);
void questions_tree_free(struct questions_tree *tree);

/* ---- Script checks (script.c) ---------------------------------------- */

/*
 * Builds a script from a parsed tree, reporting every problem it finds.
 * Returns the script (possibly partial) or NULL when memory ran out.
 */
struct question_script *questions_script_build(
    const char *path, const struct questions_node *root,
    struct question_problems *problems, size_t first);

/* ---- Markdown collection (markdown.c, import.c, emit.c) -------------- */

/* One question read from a Markdown file. */
struct questions_markdown {
    char *topic;
    char *prompt;
    char *reference;
    struct string_list key_points;
    struct string_list assesses;
};

/*
 * Reads one question file (BOM and CRLF allowed). Returns 0, or -1 with
 * a reason in `why` and the line it concerns in *line (0 = whole file).
 */
int questions_markdown_parse(const char *text, size_t length,
                             struct questions_markdown *out, int *line,
                             char *why, size_t why_size);
void questions_markdown_free(struct questions_markdown *md);

/* One role of a collection README's table; empty strings when unknown. */
struct questions_role_info {
    char *name;                    /* sanitised, e.g. "ai-engineer" */
    char *focus;
    char *thinking_pattern;
};

/* Every row of the first role table in a README; count 0 if none. */
int questions_markdown_roles(const char *text, size_t length,
                             struct questions_role_info **roles,
                             size_t *count);
void questions_role_infos_free(struct questions_role_info *roles,
                               size_t count);

/*
 * Writes a script to `path` with libyaml's emitter (through a temporary
 * file renamed into place). Returns 0, or -1 with a reason in `why`.
 */
int questions_script_write(const struct question_script *script,
                           const char *path, char *why, size_t why_size);

/* ---- Selection (select.c) -------------------------------------------- */

/* splitmix64: the same sequence for a seed on every platform. */
uint64_t questions_random_next(uint64_t *state);

#endif
