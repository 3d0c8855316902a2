/*
 * Helpers shared by the questions test suites: scratch files under a
 * private temporary folder, and loading text written inline by a test.
 */
#ifndef MI_TEST_QUESTIONS_SUPPORT_H
#define MI_TEST_QUESTIONS_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <questions/questions.h>

/* A fresh folder under /tmp; the path is written to buf. */
static inline void support_tmpdir(char *buf, size_t size)
{
    snprintf(buf, size, "/tmp/mi-questions-test-XXXXXX");
    if (!mkdtemp(buf))
        abort();
}

static inline void support_write(const char *path, const char *text,
                                 size_t length)
{
    FILE *f = fopen(path, "wb");

    if (!f || fwrite(text, 1, length, f) != length || fclose(f) != 0)
        abort();
}

/* Removes a folder tree made by a test (paths we created ourselves). */
static inline void support_remove_tree(const char *dir)
{
    char command[4200];

    snprintf(command, sizeof command, "rm -rf '%s'", dir);
    if (system(command) != 0)
        abort();
}

#endif
