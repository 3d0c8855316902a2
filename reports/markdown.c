/*
 * Reference answers: Markdown written by whoever wrote the question file,
 * shown as Markdown, but unable to break the report around it.
 *
 * The sanitiser works line by line with the few block rules that matter
 * for safety (code fences, headings, setext underlines, container
 * prefixes) and one inline pass that knows backslash escapes, code spans
 * and links. Its invariant: outside a code fence or code span it keeps no
 * raw "<", so no HTML reaches the page; every backtick run it keeps is
 * paired within its line and holds no "|", so a GFM parser sees the same
 * code spans it saw (pipes would split table cells first); every "[" that
 * does not open an http(s) link is escaped. Lost formatting is preferred
 * to a guess that could let markup through.
 */
#include <string.h>

#include "internal.h"

/* How far a link text or code span may reach; bounds the work per line. */
#define MD_REACH 2048
#define MD_MAX_NESTING 4

struct md_state {
    FILE *out;
    int shift;
    char fence_char;              /* 0 when not in a fenced block */
    size_t fence_length;
    bool previous_blank;          /* also true before the first line */
};

static void md_inline(FILE *out, const char *s, size_t n, int depth);

static bool md_is_control(char c)
{
    unsigned char u = (unsigned char)c;

    return (u < 0x20 && u != '\t') || u == 0x7f;
}

static bool md_is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool md_is_punct(char c)
{
    return c != '\0' && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c)
                            != NULL;
}

static void md_put_raw(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!md_is_control(s[i]))
            fputc(s[i], out);
}

static size_t md_run(const char *s, size_t n, size_t i, char c)
{
    size_t start = i;

    while (i < n && s[i] == c)
        i++;
    return i - start;
}

/*
 * The end of the backtick run that closes the one of `length` at `open`,
 * or 0: the next run of exactly that length, within MD_REACH.
 */
static size_t md_code_close(const char *s, size_t n, size_t open,
                            size_t length)
{
    size_t i = open + length;
    size_t limit = open + MD_REACH < n ? open + MD_REACH : n;

    while (i < limit) {
        size_t run;

        if (s[i] != '`') {
            i++;
            continue;
        }
        run = md_run(s, limit, i, '`');
        if (run == length)
            return i + run;
        i += run;
    }
    return 0;
}

/* A code span kept verbatim, or its backticks escaped when unsafe. */
static size_t md_code_span(FILE *out, const char *s, size_t n, size_t i)
{
    size_t length = md_run(s, n, i, '`');
    size_t end = md_code_close(s, n, i, length);

    if (end != 0 && memchr(s + i, '|', end - i) == NULL) {
        md_put_raw(out, s + i, end - i);
        return end;
    }
    for (size_t k = 0; k < length; k++)
        fputs("\\`", out);
    return i + length;
}

/* The "]" matching the "[" at `open`, skipping escapes and code spans. */
static size_t md_bracket_close(const char *s, size_t n, size_t open)
{
    size_t limit = open + MD_REACH < n ? open + MD_REACH : n;
    int depth = 0;

    for (size_t i = open + 1; i < limit; i++) {
        if (s[i] == '\\' && i + 1 < n && md_is_punct(s[i + 1])) {
            i++;
        } else if (s[i] == '`') {
            size_t length = md_run(s, n, i, '`');
            size_t end = md_code_close(s, n, i, length);

            i = (end != 0 ? end : i + length) - 1;
        } else if (s[i] == '[') {
            depth++;
        } else if (s[i] == ']') {
            if (depth == 0)
                return i;
            depth--;
        }
    }
    return 0;
}

struct md_link {
    size_t text_start, text_end;
    size_t target_start, target_end;
    size_t end;                   /* just past ")" */
};

/* An optional link title: "..." '...' or (...). Returns its end or 0. */
static size_t md_title_end(const char *s, size_t n, size_t i)
{
    char close = s[i] == '(' ? ')' : s[i];

    if (s[i] != '"' && s[i] != '\'' && s[i] != '(')
        return 0;
    for (i++; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n)
            i++;
        else if (s[i] == close)
            return i + 1;
    }
    return 0;
}

/* A bare link target with balanced parentheses. Returns its end or 0. */
static size_t md_target_end(const char *s, size_t n, size_t i)
{
    int parens = 0;

    if (i < n && s[i] == '<')
        return 0;
    while (i < n && !md_is_space(s[i]) && !md_is_control(s[i])) {
        if (s[i] == '\\' && i + 1 < n && md_is_punct(s[i + 1]))
            i++;
        else if (s[i] == '(')
            parens++;
        else if (s[i] == ')' && parens-- == 0)
            break;
        i++;
    }
    return parens > 0 ? 0 : i;
}

/* Parses "[text](target "title")" at `open`. */
static bool md_parse_link(const char *s, size_t n, size_t open,
                          struct md_link *link)
{
    size_t close = md_bracket_close(s, n, open);
    size_t i;

    if (close == 0 || close + 1 >= n || s[close + 1] != '(')
        return false;
    link->text_start = open + 1;
    link->text_end = close;

    i = close + 2;
    while (i < n && md_is_space(s[i]))
        i++;
    link->target_start = i;
    i = md_target_end(s, n, i);
    if (i == 0)
        return false;
    link->target_end = i;

    while (i < n && md_is_space(s[i]))
        i++;
    if (i < n && s[i] != ')' && (i = md_title_end(s, n, i)) == 0)
        return false;
    while (i < n && md_is_space(s[i]))
        i++;
    if (i >= n || s[i] != ')')
        return false;
    link->end = i + 1;
    return true;
}

static bool md_is_web(const char *s, size_t n)
{
    return (n >= 7 && strncasecmp(s, "http://", 7) == 0)
           || (n >= 8 && strncasecmp(s, "https://", 8) == 0);
}

/*
 * The target of a kept link, with "<", ">", "`" and "|" percent-encoded:
 * should a parser not see the link, the target is then harmless text.
 */
static void md_put_target(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr("<>`|", s[i]) != NULL)
            fprintf(out, "%%%02X", (unsigned char)s[i]);
        else if (!md_is_control(s[i]))
            fputc(s[i], out);
    }
}

/*
 * A link or image at `open` ("[" of it). http(s) targets stay links (the
 * title is dropped); any other becomes its text. Returns the end, or 0
 * when there is no link here.
 */
static size_t md_link(FILE *out, const char *s, size_t n, size_t open,
                      bool image, int depth)
{
    struct md_link link;
    const char *text;
    size_t text_n;

    if (depth >= MD_MAX_NESTING || !md_parse_link(s, n, open, &link))
        return 0;
    text = s + link.text_start;
    text_n = link.text_end - link.text_start;

    if (!md_is_web(s + link.target_start,
                   link.target_end - link.target_start)) {
        md_inline(out, text, text_n, depth + 1);
        return link.end;
    }
    fputs(image ? "![" : "[", out);
    md_inline(out, text, text_n, depth + 1);
    fputs("](", out);
    md_put_target(out, s + link.target_start,
                  link.target_end - link.target_start);
    fputc(')', out);
    return link.end;
}

static void md_inline(FILE *out, const char *s, size_t n, int depth)
{
    size_t i = 0;

    while (i < n) {
        size_t end = 0;

        if (s[i] == '\\' && i + 1 < n && md_is_punct(s[i + 1])) {
            fwrite(s + i, 1, 2, out);
            i += 2;
        } else if (s[i] == '`') {
            i = md_code_span(out, s, n, i);
        } else if (s[i] == '<') {
            fputs("&lt;", out);
            i++;
        } else if (s[i] == '!' && i + 1 < n && s[i + 1] == '['
                   && (end = md_link(out, s, n, i + 1, true, depth)) != 0) {
            i = end;
        } else if (s[i] == '[') {
            end = md_link(out, s, n, i, false, depth);
            if (end == 0)
                fputs("\\[", out);
            i = end != 0 ? end : i + 1;
        } else {
            if (!md_is_control(s[i]))
                fputc(s[i], out);
            i++;
        }
    }
}

/* ---- Block structure ----------------------------------------------- */

/*
 * Length of the container markers that open a line: blockquote ">" and
 * list markers ("-", "+", "*", "1." "1)") with the blanks between them.
 * The rest of the line starts after the last marker.
 */
static size_t md_prefix(const char *s, size_t n)
{
    size_t end = 0;

    for (;;) {
        size_t i = end;
        size_t digits;

        while (i < n && md_is_space(s[i]))
            i++;
        if (i < n && s[i] == '>') {
            end = i + 1;
            continue;
        }
        if (i + 1 < n && strchr("-+*", s[i]) != NULL && md_is_space(s[i + 1])) {
            end = i + 1;
            continue;
        }
        digits = 0;
        while (i + digits < n && digits < 10 && s[i + digits] >= '0'
               && s[i + digits] <= '9')
            digits++;
        if (digits > 0 && i + digits + 1 < n
            && (s[i + digits] == '.' || s[i + digits] == ')')
            && md_is_space(s[i + digits + 1])) {
            end = i + digits + 1;
            continue;
        }
        return end;
    }
}

static size_t md_skip_space(const char *s, size_t n, size_t i)
{
    while (i < n && md_is_space(s[i]))
        i++;
    return i;
}

static bool md_is_blank(const char *s, size_t n)
{
    return md_skip_space(s, n, 0) == n;
}

/* "#" to "######" then a blank or the end: the heading level, else 0. */
static int md_atx_level(const char *s, size_t n)
{
    size_t hashes = md_run(s, n, 0, '#');

    if (hashes == 0 || hashes > 6 || (hashes < n && !md_is_space(s[hashes])))
        return 0;
    return (int)hashes;
}

/* Only "=" or only "-", then blanks: 1 or 2 for the level, else 0. */
static int md_setext_level(const char *s, size_t n)
{
    size_t run;

    if (n == 0 || (s[0] != '=' && s[0] != '-'))
        return 0;
    run = md_run(s, n, 0, s[0]);
    if (md_skip_space(s, n, run) != n)
        return 0;
    return s[0] == '=' ? 1 : 2;
}

/* Three or more "`" or "~" (a "`" fence's info has no "`"); else 0. */
static size_t md_fence_length(const char *s, size_t n)
{
    size_t run;

    if (n < 3 || (s[0] != '`' && s[0] != '~'))
        return 0;
    run = md_run(s, n, 0, s[0]);
    if (run < 3)
        return 0;
    if (s[0] == '`' && memchr(s + run, '`', n - run) != NULL)
        return 0;
    return run;
}

static void md_put_heading(struct md_state *st, int level, const char *s,
                           size_t n)
{
    level += st->shift;
    if (level > 6)
        level = 6;
    for (int i = 0; i < level; i++)
        fputc('#', st->out);
    fputc(' ', st->out);
    md_inline(st->out, s, n, 0);
    fputc('\n', st->out);
}

static bool md_closes_fence(const struct md_state *st, const char *s,
                            size_t n)
{
    size_t i = md_skip_space(s, n, 0);
    size_t run;

    if (i > 3)
        return false;
    run = md_run(s, n, i, st->fence_char);
    return run >= st->fence_length && md_skip_space(s, n, i + run) == n;
}

/* "[ ] " or "[x] " after a list marker: a task box, kept as it is. */
static size_t md_task_box(const char *s, size_t n)
{
    size_t i = md_skip_space(s, n, 0);

    if (i + 3 < n && s[i] == '[' && strchr(" xX", s[i + 1]) != NULL
        && s[i + 2] == ']' && md_is_space(s[i + 3]))
        return i + 3;
    return 0;
}

/*
 * A line that is not in a fence. Fences count only at column 0 with no
 * container (where they are certainly top level); any other fence or
 * setext underline after text is escaped into plain text.
 */
static void md_line(struct md_state *st, const char *s, size_t n)
{
    size_t prefix = md_prefix(s, n);
    size_t start = md_skip_space(s, n, prefix);
    const char *rest = s + start;
    size_t rest_n = n - start;
    size_t box = 0;
    int level = md_atx_level(rest, rest_n);

    md_put_raw(st->out, s, start);
    if (level > 0) {
        size_t text = md_skip_space(rest, rest_n, (size_t)level);

        md_put_heading(st, level, rest + text, rest_n - text);
        return;
    }
    /* A "`" fence is an unpaired run, which md_inline escapes itself. */
    if ((md_fence_length(rest, rest_n) > 0 && rest[0] == '~')
        || (md_setext_level(rest, rest_n) > 0 && !st->previous_blank))
        fputc('\\', st->out);
    if (prefix > 0)
        box = md_task_box(rest, rest_n);
    md_put_raw(st->out, rest, box);
    md_inline(st->out, rest + box, rest_n - box, 0);
    fputc('\n', st->out);
}

/* Plain paragraph text at the top level, which a setext line would title. */
static bool md_is_plain(const char *s, size_t n)
{
    size_t start = md_skip_space(s, n, 0);

    return start <= 3 && start < n && md_prefix(s, n) == 0
           && md_atx_level(s + start, n - start) == 0
           && md_fence_length(s + start, n - start) == 0
           && md_setext_level(s + start, n - start) == 0;
}

struct md_lines {
    const char *text;
    size_t pos;
};

static bool md_next_line(struct md_lines *lines, const char **s, size_t *n)
{
    const char *p = lines->text + lines->pos;
    size_t len = 0;

    if (*p == '\0')
        return false;
    while (p[len] != '\0' && p[len] != '\n' && p[len] != '\r')
        len++;
    *s = p;
    *n = len;
    lines->pos += len;
    if (p[len] == '\r' && p[len + 1] == '\n')
        lines->pos++;
    if (p[len] != '\0')
        lines->pos++;
    return true;
}

static void md_fenced_line(struct md_state *st, const char *s, size_t n)
{
    if (md_closes_fence(st, s, n))
        st->fence_char = 0;
    md_put_raw(st->out, s, n);
    fputc('\n', st->out);
}

static void md_open_fence(struct md_state *st, const char *s, size_t n)
{
    st->fence_char = s[0];
    st->fence_length = md_fence_length(s, n);
    md_put_raw(st->out, s, n);
    fputc('\n', st->out);
}

static void md_close_open_fence(struct md_state *st)
{
    if (st->fence_char == 0)
        return;
    for (size_t i = 0; i < st->fence_length; i++)
        fputc(st->fence_char, st->out);
    fputc('\n', st->out);
}

/* One line, with a look at the next for a setext underline. */
static bool md_block(struct md_state *st, const char *s, size_t n,
                     const char *next, size_t next_n, bool has_next)
{
    size_t next_start = has_next ? md_skip_space(next, next_n, 0) : 0;
    int setext = has_next && next_start <= 3
                 ? md_setext_level(next + next_start, next_n - next_start)
                 : 0;
    bool consumed_next = false;

    if (st->fence_char != 0) {
        md_fenced_line(st, s, n);
    } else if (md_is_blank(s, n)) {
        fputc('\n', st->out);
    } else if (md_fence_length(s, n) > 0) {
        md_open_fence(st, s, n);
    } else if (setext > 0 && md_is_plain(s, n)) {
        size_t start = md_skip_space(s, n, 0);

        md_put_heading(st, setext, s + start, n - start);
        consumed_next = true;
    } else {
        md_line(st, s, n);
    }
    st->previous_blank = md_is_blank(s, n);
    return consumed_next;
}

void report_put_markdown(FILE *out, const char *markdown, int shift)
{
    struct md_state st = { out, shift, 0, 0, true };
    struct md_lines lines = { markdown, 0 };
    const char *s;
    const char *next = NULL;
    size_t n;
    size_t next_n = 0;
    bool has_next;

    if (markdown == NULL || !md_next_line(&lines, &s, &n))
        return;
    do {
        has_next = md_next_line(&lines, &next, &next_n);
        if (md_block(&st, s, n, next, next_n, has_next) && has_next)
            has_next = md_next_line(&lines, &next, &next_n);
        s = next;
        n = next_n;
    } while (has_next);
    md_close_open_fence(&st);
}
