/*
 * Escaping plain text for the place it lands in the report.
 *
 * Question text, notes and file names are data, not Markdown: whatever
 * they contain must show up as typed and must never open a link, a code
 * span, a heading, a table column or an HTML tag. Markdown lets any ASCII
 * punctuation be backslash-escaped, so the inline writer escapes the
 * characters that carry meaning and leaves the rest readable in the raw
 * file; HTML and URLs get their own entity and percent encodings.
 */
#include <string.h>

#include "internal.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alnum(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "&name;" or "&#123;": text Markdown would turn into another character. */
static bool starts_entity(const char *s, size_t n)
{
    size_t i = 1;

    while (i < n && i < 40 && (is_alnum(s[i]) || s[i] == '#'))
        i++;
    return i > 1 && i < n && s[i] == ';';
}

/*
 * At the start of the content: a character or "12." that would make a
 * heading, blockquote, list item, setext underline or thematic break.
 * Returns the bytes consumed, 0 when the start is harmless.
 */
static size_t put_start(FILE *out, const char *s, size_t n)
{
    size_t digits = 0;

    if (strchr("#>-+=", s[0]) != NULL) {
        fputc('\\', out);
        fputc(s[0], out);
        return 1;
    }
    while (digits < n && is_digit(s[digits]))
        digits++;
    if (digits == 0 || digits == n || (s[digits] != '.' && s[digits] != ')'))
        return 0;
    fwrite(s, 1, digits, out);
    fputc('\\', out);
    fputc(s[digits], out);
    return digits + 1;
}

/* One character in the middle of inline content; `prev` is the last one. */
static void put_inline_char(FILE *out, const char *s, size_t n, char prev)
{
    char c = s[0];

    if (strchr("\\`*_[]<>|~$", c) != NULL
        || (c == '#' && (prev == ' ' || prev == '\t'))
        || (c == '&' && starts_entity(s, n)))
        fputc('\\', out);
    fputc(c, out);
}

/* A run of blanks between words: one space if it held a line break. */
static size_t put_gap(FILE *out, const char *s, size_t n)
{
    size_t i = 0;
    size_t spaces = 0;
    bool newline = false;

    while (i < n && (is_blank(s[i]) || is_control((unsigned char)s[i]))) {
        if (s[i] == '\n' || s[i] == '\r')
            newline = true;
        else if (s[i] == ' ' || s[i] == '\t')
            spaces++;
        i++;
    }
    if (newline)
        spaces = 1;
    while (i < n && spaces-- > 0)
        fputc(' ', out);
    return i;
}

void report_put_text_n(FILE *out, const char *text, size_t length)
{
    size_t i = 0;
    char prev = ' ';

    if (text == NULL)
        return;
    while (i < length && (is_blank(text[i]) || is_control(text[i])))
        i++;
    if (i < length)
        i += put_start(out, text + i, length - i);

    while (i < length) {
        if (is_blank(text[i]) || is_control((unsigned char)text[i])) {
            i += put_gap(out, text + i, length - i);
            prev = ' ';
            continue;
        }
        put_inline_char(out, text + i, length - i, prev);
        prev = text[i++];
    }
}

void report_put_text(FILE *out, const char *text)
{
    if (text != NULL)
        report_put_text_n(out, text, strlen(text));
}

void report_put_cell(FILE *out, const char *text)
{
    report_put_text(out, text);
}

void report_put_html(FILE *out, const char *text)
{
    for (const char *p = text; p != NULL && *p != '\0'; p++) {
        if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '>')
            fputs("&gt;", out);
        else if (*p == '"')
            fputs("&quot;", out);
        else if (*p == '\'')
            fputs("&#39;", out);
        else if (*p == '\n' || *p == '\r' || *p == '\t')
            fputc(' ', out);
        else if (!is_control((unsigned char)*p))
            fputc(*p, out);
    }
}

void report_put_url(FILE *out, const char *path)
{
    for (const char *p = path; p != NULL && *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;

        if (is_alnum((char)c) || strchr("-._~/", c) != NULL)
            fputc(c, out);
        else
            fprintf(out, "%%%02X", c);
    }
}

static size_t longest_backtick_run(const char *s)
{
    size_t best = 0;
    size_t run = 0;

    for (; *s != '\0'; s++) {
        run = *s == '`' ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

static void put_backticks(FILE *out, size_t count)
{
    while (count-- > 0)
        fputc('`', out);
}

/*
 * The fence is one backtick longer than any run inside. A space pads the
 * content when it touches a backtick or has spaces at both ends, since
 * Markdown strips exactly one space from each side in that case.
 */
void report_put_code(FILE *out, const char *text)
{
    size_t fence;
    size_t len;
    bool pad;

    if (text == NULL || *text == '\0')
        return;
    fence = longest_backtick_run(text) + 1;
    len = strlen(text);
    pad = text[0] == '`' || text[len - 1] == '`'
          || (text[0] == ' ' && text[len - 1] == ' ');

    put_backticks(out, fence);
    if (pad)
        fputc(' ', out);
    for (const char *p = text; *p != '\0'; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            fputc(' ', out);
        else if (!is_control((unsigned char)*p))
            fputc(*p, out);
    }
    if (pad)
        fputc(' ', out);
    put_backticks(out, fence);
}

static size_t line_length(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0' && s[n] != '\n' && s[n] != '\r')
        n++;
    return n;
}

static const char *next_line(const char *s, size_t length)
{
    s += length;
    if (s[0] == '\r' && s[1] == '\n')
        return s + 2;
    return s[0] == '\0' ? s : s + 1;
}

static bool line_is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank(s[i]) && !is_control((unsigned char)s[i]))
            return false;
    return true;
}

/* The prefix without trailing blanks, for the empty line between paragraphs. */
static void put_trimmed(FILE *out, const char *prefix)
{
    size_t n = strlen(prefix);

    while (n > 0 && prefix[n - 1] == ' ')
        n--;
    fwrite(prefix, 1, n, out);
}

void report_put_paragraphs(FILE *out, const char *text, const char *prefix)
{
    bool written = false;
    bool gap = false;

    for (const char *p = text; p != NULL && *p != '\0';) {
        size_t n = line_length(p);

        if (line_is_blank(p, n)) {
            gap = written;
            p = next_line(p, n);
            continue;
        }
        if (gap) {
            fputc('\n', out);
            put_trimmed(out, prefix);
            fputc('\n', out);
        } else if (written) {
            fputs("\\\n", out);
        }
        fputs(prefix, out);
        report_put_text_n(out, p, n);
        written = true;
        gap = false;
        p = next_line(p, n);
    }
    if (written)
        fputc('\n', out);
}
