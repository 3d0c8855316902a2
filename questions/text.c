/*
 * Small text helpers for the loader and the importer: reading a file with
 * a size cap, UTF-8 checks, turning a byte offset into a line and column,
 * names made of lowercase letters, digits and '-', and the edit distance
 * behind "did you mean".
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "questions/internal.h"

/*
 * Opens only a regular file: a FIFO or a device would block or never end,
 * so they are refused before a byte is read (O_NONBLOCK keeps the open
 * itself from waiting for a FIFO's writer).
 */
static FILE *open_regular(const char *path, char *why, size_t why_size)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    FILE *f;

    if (fd < 0) {
        snprintf(why, why_size, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "not a regular file");
        close(fd);
        return NULL;
    }
    f = fdopen(fd, "rb");
    if (!f) {
        snprintf(why, why_size, "cannot open: %s", strerror(errno));
        close(fd);
    }
    return f;
}

int questions_read_file(const char *path, size_t max, char **text,
                        size_t *length, char *why, size_t why_size)
{
    FILE *f = open_regular(path, why, why_size);
    char *buf = NULL;
    size_t used = 0;

    if (!f)
        return -1;

    buf = malloc(max + 2);
    if (!buf) {
        snprintf(why, why_size, "out of memory");
        goto fail;
    }

    /* Read one byte past the cap so an over-long file is noticed. */
    used = fread(buf, 1, max + 1, f);
    if (ferror(f)) {
        snprintf(why, why_size, "cannot read: %s", strerror(errno));
        goto fail;
    }
    if (used > max) {
        snprintf(why, why_size, "file is larger than %zu bytes", max);
        goto fail;
    }

    fclose(f);
    buf[used] = '\0';
    *text = buf;
    *length = used;
    return 0;

fail:
    free(buf);
    fclose(f);
    return -1;
}

/* Rejects overlong forms, surrogates and code points past U+10FFFF. */
size_t questions_utf8_sequence(const unsigned char *s, size_t left)
{
    size_t need;
    unsigned long cp;

    if (left == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        need = 2;
        cp = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        need = 3;
        cp = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        need = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }

    if (left < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }

    if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000)
        || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return need;
}

void questions_text_position(const char *text, size_t length, size_t offset,
                             int *line, int *column)
{
    size_t i = 0;

    *line = 1;
    *column = 1;
    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        i = 3;

    for (; i < offset && i < length; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c == '\n' || (c == '\r' && (i + 1 >= length
                                        || text[i + 1] != '\n'))) {
            (*line)++;
            *column = 1;
        } else if (c == '\r') {
            continue;
        } else if ((c & 0xc0) != 0x80) {
            (*column)++;
        }
    }
}

bool questions_is_name(const char *text)
{
    if (!text || !*text)
        return false;
    for (const char *p = text; *p; p++) {
        if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9')
            && *p != '-')
            return false;
    }
    return true;
}

void questions_name_from(const char *text, char *buf, size_t size)
{
    size_t n = 0;
    bool gap = false;

    if (size == 0)
        return;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (!(isascii(*p) && isalnum(*p))) {
            gap = n > 0;
            continue;
        }
        if (gap && n + 2 < size)
            buf[n++] = '-';
        gap = false;
        if (n + 1 < size)
            buf[n++] = (char)tolower(*p);
    }
    buf[n] = '\0';
}

int questions_edit_distance(const char *a, const char *b)
{
    enum { MAX = 64 };
    int row[MAX + 1];
    size_t la = strlen(a), lb = strlen(b);

    if (la > MAX || lb > MAX)
        return 99;

    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diagonal = row[0];

        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int above = row[j];
            int best = diagonal + (a[i - 1] != b[j - 1]);

            if (above + 1 < best)
                best = above + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* A typo is at most two edits, and fewer than half the word's letters. */
const char *questions_suggest(const char *word, const char *const *candidates,
                              size_t count)
{
    const char *best = NULL;
    int best_distance = 3;
    int len = (int)strlen(word);

    for (size_t i = 0; i < count; i++) {
        int d = questions_edit_distance(word, candidates[i]);

        if (d < best_distance && d * 2 <= len) {
            best = candidates[i];
            best_distance = d;
        }
    }
    return best;
}
