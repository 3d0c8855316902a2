/*
 * questions_load: read a script file, check its bytes are UTF-8, parse it
 * into a bounded tree and check it against the format. Problems from all
 * three steps end up in one list, sorted by position, so a user fixes a
 * file in one go.
 */
#include <stdlib.h>
#include <string.h>

#include "questions/internal.h"

/*
 * Reports the first malformed UTF-8 byte of each line and replaces every
 * malformed byte with '?', so parsing goes on and can find more problems
 * while line and column numbers stay those of the file.
 */
static void load_check_utf8(const char *path, char *text, size_t length,
                            struct question_problems *problems, size_t first)
{
    int line = 1, column = 1, reported_line = 0;
    size_t i = 0;

    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        i = 3;

    while (i < length) {
        unsigned char c = (unsigned char)text[i];
        size_t n = questions_utf8_sequence((unsigned char *)text + i,
                                           length - i);

        if (n == 0) {
            if (reported_line != line)
                questions_problem_add(problems, first, path, line, column,
                                      "invalid UTF-8 (byte 0x%02x); save the "
                                      "file as UTF-8", c);
            reported_line = line;
            text[i] = '?';
            n = 1;
        }

        if (c == '\n') {
            line++;
            column = 1;
        } else if (c != '\r' || (i + 1 < length && text[i + 1] == '\n')) {
            column += c != '\r';
        } else {
            line++;
            column = 1;
        }
        i += n;
    }
}

int questions_load(const char *path, struct question_script **out,
                   struct question_problems *problems)
{
    size_t first = problems->count;
    struct questions_tree tree;
    struct question_script *script = NULL;
    char why[256];
    char *text;
    size_t length;

    *out = NULL;
    if (questions_read_file(path, QUESTIONS_MAX_FILE_BYTES, &text, &length,
                            why, sizeof why) < 0) {
        questions_problem_add(problems, first, path, 0, 0, "%s", why);
        return -1;
    }

    load_check_utf8(path, text, length, problems, first);
    if (questions_tree_parse(path, text, length, &tree, problems,
                             first) == 0) {
        script = questions_script_build(path, tree.root, problems, first);
        if (!script)
            questions_problem_add(problems, first, path, 0, 0,
                                  "out of memory");
    }
    questions_tree_free(&tree);
    free(text);

    if (problems->count > first) {
        questions_problems_sort(problems, first);
        questions_script_free(script);
        return -1;
    }
    *out = script;
    return 0;
}

static void question_free(struct question *q)
{
    free(q->id);
    free(q->topic);
    free(q->prompt);
    free(q->reference);
    questions_string_list_free(&q->tags);
    questions_string_list_free(&q->key_points);
    questions_string_list_free(&q->follow_ups);
    questions_string_list_free(&q->assesses);
}

void questions_script_free(struct question_script *script)
{
    if (!script)
        return;
    for (size_t i = 0; i < script->count; i++)
        question_free(&script->questions[i]);
    free(script->questions);
    free(script->path);
    free(script->role);
    free(script->title);
    free(script->focus);
    free(script->thinking_pattern);
    free(script->intro);
    free(script);
}
