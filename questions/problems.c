/*
 * The problem list every loader pass appends to, and the string lists the
 * script structures are made of. A caller owns the list and frees it with
 * questions_problems_free; nothing here prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "questions/internal.h"

static bool problem_is_repeat(const struct question_problems *problems,
                              size_t first, int line, int column,
                              const char *message)
{
    for (size_t i = first; i < problems->count; i++) {
        const struct question_problem *p = &problems->items[i];

        if (p->line == line && p->column == column
            && strcmp(p->message, message) == 0)
            return true;
    }
    return false;
}

int questions_problem_vadd(struct question_problems *problems, size_t first,
                           const char *path, int line, int column,
                           const char *format, va_list args)
{
    char message[1024];
    struct question_problem *items;

    vsnprintf(message, sizeof message, format, args);
    if (problems->count - first > QUESTIONS_MAX_PROBLEMS
        || problem_is_repeat(problems, first, line, column, message))
        return 0;

    /* One last entry says the list was cut, where the cut happened. */
    if (problems->count - first == QUESTIONS_MAX_PROBLEMS)
        snprintf(message, sizeof message,
                 "more than %d problems; the rest are not reported",
                 QUESTIONS_MAX_PROBLEMS);

    items = realloc(problems->items,
                    (problems->count + 1) * sizeof *problems->items);
    if (!items)
        return -1;
    problems->items = items;

    items[problems->count].path = strdup(path ? path : "");
    items[problems->count].message = strdup(message);
    items[problems->count].line = line;
    items[problems->count].column = column;
    if (!items[problems->count].path || !items[problems->count].message) {
        free(items[problems->count].path);
        free(items[problems->count].message);
        return -1;
    }
    problems->count++;
    return 0;
}

int questions_problem_add(struct question_problems *problems, size_t first,
                          const char *path, int line, int column,
                          const char *format, ...)
{
    va_list args;
    int rc;

    va_start(args, format);
    rc = questions_problem_vadd(problems, first, path, line, column, format,
                                args);
    va_end(args);
    return rc;
}

/* Insertion sort: lists are short (capped per file) and it is stable. */
void questions_problems_sort(struct question_problems *problems,
                             size_t first)
{
    for (size_t i = first + 1; i < problems->count; i++) {
        struct question_problem key = problems->items[i];
        size_t j = i;

        while (j > first) {
            const struct question_problem *prev = &problems->items[j - 1];

            if (prev->line < key.line
                || (prev->line == key.line && prev->column <= key.column))
                break;
            problems->items[j] = problems->items[j - 1];
            j--;
        }
        problems->items[j] = key;
    }
}

void questions_problems_free(struct question_problems *problems)
{
    if (!problems)
        return;
    for (size_t i = 0; i < problems->count; i++) {
        free(problems->items[i].path);
        free(problems->items[i].message);
    }
    free(problems->items);
    problems->items = NULL;
    problems->count = 0;
}

int questions_string_list_add(struct string_list *list, const char *text)
{
    char **items;
    char *copy = strdup(text);

    if (!copy)
        return -1;
    items = realloc(list->items, (list->count + 1) * sizeof *list->items);
    if (!items) {
        free(copy);
        return -1;
    }
    list->items = items;
    list->items[list->count++] = copy;
    return 0;
}

void questions_string_list_free(struct string_list *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
