/*
 * libyaml's event parser turned into a small tree of nodes that remember
 * where they started. The tree is built with an explicit stack, never by
 * recursion, and every way a file could make it large is capped: depth,
 * anchors, values after alias expansion and the length of one scalar.
 * Aliases share the node they name rather than copying it, so the cap on
 * expanded values is what bounds the work of anyone walking the tree.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "questions/internal.h"

struct tree_builder {
    const char *path;
    const char *text;
    size_t length;
    struct questions_tree *tree;
    struct question_problems *problems;
    size_t first;
    struct questions_node *stack[QUESTIONS_MAX_DEPTH];
    size_t opened_at[QUESTIONS_MAX_DEPTH];    /* `expanded` when opened */
    size_t depth;
    struct questions_node *anchors[QUESTIONS_MAX_ANCHORS];
    size_t anchor_count;
    size_t expanded;               /* values so far, aliases expanded */
    int documents;
};

static void tree_report(struct tree_builder *b, int line, int column,
                        const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void tree_report(struct tree_builder *b, int line, int column,
                        const char *format, ...)
{
    va_list args;

    va_start(args, format);
    questions_problem_vadd(b->problems, b->first, b->path, line, column,
                           format, args);
    va_end(args);
}

static struct questions_node *tree_node_new(struct tree_builder *b,
                                            enum questions_node_kind kind,
                                            const yaml_mark_t *mark)
{
    struct questions_node *node = calloc(1, sizeof *node);

    if (!node)
        return NULL;
    node->kind = kind;
    node->line = (int)mark->line + 1;
    node->column = (int)mark->column + 1;
    node->next = b->tree->all;
    b->tree->all = node;
    return node;
}

static int tree_attach(struct tree_builder *b, struct questions_node *node)
{
    struct questions_node *parent;
    struct questions_node **items;

    if (b->depth == 0) {
        b->tree->root = node;
        return 0;
    }

    parent = b->stack[b->depth - 1];
    if (parent->count == parent->capacity) {
        size_t capacity = parent->capacity ? parent->capacity * 2 : 8;

        items = realloc(parent->items, capacity * sizeof *items);
        if (!items)
            return -1;
        parent->items = items;
        parent->capacity = capacity;
    }
    parent->items[parent->count++] = node;
    return 0;
}

/* Counts values against the expansion cap; -1 once it is passed. */
static int tree_count(struct tree_builder *b, size_t values,
                      const yaml_mark_t *mark)
{
    b->expanded += values;
    if (b->expanded <= QUESTIONS_MAX_NODES)
        return 0;
    tree_report(b, (int)mark->line + 1, (int)mark->column + 1,
                "the file holds more than %d values once aliases are "
                "expanded; refusing to go on", QUESTIONS_MAX_NODES);
    return -1;
}

static int tree_remember_anchor(struct tree_builder *b,
                                struct questions_node *node,
                                const yaml_char_t *anchor,
                                const yaml_mark_t *mark)
{
    if (!anchor)
        return 0;
    if (b->anchor_count == QUESTIONS_MAX_ANCHORS) {
        tree_report(b, (int)mark->line + 1, (int)mark->column + 1,
                    "more than %d anchors (&name) in one file",
                    QUESTIONS_MAX_ANCHORS);
        return -1;
    }
    node->anchor = strdup((const char *)anchor);
    if (!node->anchor)
        return -1;
    b->anchors[b->anchor_count++] = node;
    return 0;
}

static int tree_on_scalar(struct tree_builder *b, const yaml_event_t *e)
{
    struct questions_node *node;
    size_t length = e->data.scalar.length;

    if (tree_count(b, 1, &e->start_mark) < 0)
        return -1;
    node = tree_node_new(b, QUESTIONS_NODE_SCALAR, &e->start_mark);
    if (!node)
        return -1;

    if (length > QUESTIONS_MAX_SCALAR_BYTES)
        tree_report(b, node->line, node->column,
                    "value is %zu bytes long; the limit is %u bytes (64 KiB)",
                    length, QUESTIONS_MAX_SCALAR_BYTES);

    node->text = malloc(length + 1);
    if (!node->text)
        return -1;
    memcpy(node->text, e->data.scalar.value, length);
    node->text[length] = '\0';
    node->length = length;
    node->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    node->closed = true;
    node->weight = 1;

    if (tree_remember_anchor(b, node, e->data.scalar.anchor,
                             &e->start_mark) < 0)
        return -1;
    return tree_attach(b, node);
}

static int tree_on_open(struct tree_builder *b, const yaml_event_t *e,
                        enum questions_node_kind kind,
                        const yaml_char_t *anchor)
{
    struct questions_node *node;

    if (b->depth == QUESTIONS_MAX_DEPTH) {
        tree_report(b, (int)e->start_mark.line + 1,
                    (int)e->start_mark.column + 1,
                    "values nested more than %d levels deep",
                    QUESTIONS_MAX_DEPTH);
        return -1;
    }
    if (tree_count(b, 1, &e->start_mark) < 0)
        return -1;

    node = tree_node_new(b, kind, &e->start_mark);
    if (!node || tree_remember_anchor(b, node, anchor, &e->start_mark) < 0
        || tree_attach(b, node) < 0)
        return -1;

    b->opened_at[b->depth] = b->expanded - 1;
    b->stack[b->depth++] = node;
    return 0;
}

static void tree_on_close(struct tree_builder *b)
{
    struct questions_node *node;

    if (b->depth == 0)
        return;
    b->depth--;
    node = b->stack[b->depth];
    node->closed = true;
    node->weight = b->expanded - b->opened_at[b->depth];
}

static struct questions_node *tree_find_anchor(struct tree_builder *b,
                                               const char *name)
{
    /* A later anchor of the same name replaces an earlier one. */
    for (size_t i = b->anchor_count; i > 0; i--) {
        if (strcmp(b->anchors[i - 1]->anchor, name) == 0)
            return b->anchors[i - 1];
    }
    return NULL;
}

/* A bad alias becomes a null value so mapping pairs stay aligned. */
static int tree_on_alias(struct tree_builder *b, const yaml_event_t *e)
{
    const char *name = (const char *)e->data.alias.anchor;
    struct questions_node *target = tree_find_anchor(b, name);
    int line = (int)e->start_mark.line + 1;
    int column = (int)e->start_mark.column + 1;

    if (target && target->closed) {
        if (tree_count(b, target->weight, &e->start_mark) < 0)
            return -1;
        return tree_attach(b, target);
    }

    if (target)
        tree_report(b, line, column,
                    "alias *%s refers to the value that contains it", name);
    else
        tree_report(b, line, column, "alias *%s names no anchor", name);

    target = tree_node_new(b, QUESTIONS_NODE_SCALAR, &e->start_mark);
    if (!target || !(target->text = strdup("")))
        return -1;
    target->plain = true;
    target->closed = true;
    target->weight = 1;
    return tree_attach(b, target);
}

/* The bytes of line `line` (from 1) of the text, for the tab hint. */
static const char *tree_line_start(const struct tree_builder *b, int line)
{
    const char *p = b->text;
    const char *end = b->text + b->length;

    for (int n = 1; n < line && p < end; p++) {
        if (*p == '\n')
            n++;
    }
    return p;
}

static bool tree_tab_near(const struct tree_builder *b, int line, int column)
{
    const char *p = tree_line_start(b, line);
    const char *end = b->text + b->length;
    int col = 1;

    for (; p < end && *p != '\n'; p++) {
        if (*p == '\t' && col <= column)
            return true;
        if (*p != ' ' && *p != '\t' && *p != '-' && col >= column)
            return false;
        if (((unsigned char)*p & 0xc0) != 0x80)
            col++;
    }
    return false;
}

static void tree_report_parser_error(struct tree_builder *b,
                                     const yaml_parser_t *parser)
{
    int line, column;
    const char *problem = parser->problem ? parser->problem : "unknown";

    if (parser->error == YAML_MEMORY_ERROR) {
        tree_report(b, 0, 0, "out of memory while parsing");
        return;
    }

    if (parser->error == YAML_READER_ERROR) {
        questions_text_position(b->text, b->length, parser->problem_offset,
                                &line, &column);
        tree_report(b, line, column, "%s", problem);
        return;
    }

    line = (int)parser->problem_mark.line + 1;
    column = (int)parser->problem_mark.column + 1;
    if (tree_tab_near(b, line, column))
        tree_report(b, line, column,
                    "syntax error: %s (a tab is used for indentation; "
                    "YAML indents with spaces only)", problem);
    else if (parser->context)
        tree_report(b, line, column, "syntax error: %s (%s at line %d)",
                    problem, parser->context,
                    (int)parser->context_mark.line + 1);
    else
        tree_report(b, line, column, "syntax error: %s", problem);
}

/* Returns 1 to go on, 0 at the end of the stream, -1 to stop early. */
static int tree_on_event(struct tree_builder *b, const yaml_event_t *e)
{
    switch (e->type) {
    case YAML_STREAM_END_EVENT:
        return 0;
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1) {
            tree_report(b, (int)e->start_mark.line + 1,
                        (int)e->start_mark.column + 1,
                        "a script is one YAML document; found a second one");
            return 0;
        }
        return 1;
    case YAML_SCALAR_EVENT:
        return tree_on_scalar(b, e) < 0 ? -1 : 1;
    case YAML_SEQUENCE_START_EVENT:
        return tree_on_open(b, e, QUESTIONS_NODE_SEQUENCE,
                            e->data.sequence_start.anchor) < 0 ? -1 : 1;
    case YAML_MAPPING_START_EVENT:
        return tree_on_open(b, e, QUESTIONS_NODE_MAPPING,
                            e->data.mapping_start.anchor) < 0 ? -1 : 1;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        tree_on_close(b);
        return 1;
    case YAML_ALIAS_EVENT:
        return tree_on_alias(b, e) < 0 ? -1 : 1;
    default:
        return 1;
    }
}

int questions_tree_parse(const char *path, const char *text, size_t length,
                         struct questions_tree *tree,
                         struct question_problems *problems, size_t first)
{
    struct tree_builder *b = calloc(1, sizeof *b);
    yaml_parser_t parser;
    int rc = -1;

    tree->root = NULL;
    tree->all = NULL;
    if (!b || !yaml_parser_initialize(&parser)) {
        free(b);
        return -1;
    }
    *b = (struct tree_builder){ .path = path, .text = text, .length = length,
                                .tree = tree, .problems = problems,
                                .first = first };
    yaml_parser_set_input_string(&parser, (const unsigned char *)text,
                                 length);

    for (;;) {
        yaml_event_t event;
        int step;

        if (!yaml_parser_parse(&parser, &event)) {
            tree_report_parser_error(b, &parser);
            break;
        }
        step = tree_on_event(b, &event);
        yaml_event_delete(&event);
        if (step <= 0) {
            rc = step;
            break;
        }
    }

    yaml_parser_delete(&parser);
    free(b);
    return rc;
}

void questions_tree_free(struct questions_tree *tree)
{
    struct questions_node *node = tree->all;

    while (node) {
        struct questions_node *next = node->next;

        free(node->text);
        free(node->items);
        free(node->anchor);
        free(node);
        node = next;
    }
    tree->root = NULL;
    tree->all = NULL;
}
