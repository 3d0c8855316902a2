/*
 * Reading one question of a Markdown collection, and the role table of a
 * collection's README. A question file has a "## Topic: ..." heading, a
 * "### Question" section whose prompt is a blockquote, a "### Answer"
 * section, optional further level-3 sections and a closing "### What This
 * Question Tests" list. Lines inside fenced code blocks are never headings,
 * bullets or quotes. A BOM and CRLF or CR line ends are accepted.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "questions/internal.h"

#define KEY_POINT_MAX 200     /* bytes of a key point taken from prose */

/* ---- Lines ---------------------------------------------------------- */

struct md_lines {
    char *buf;
    char **line;
    bool *fenced;                  /* inside a code block, fences included */
    size_t count;
};

static void md_lines_free(struct md_lines *m)
{
    free(m->buf);
    free(m->line);
    free(m->fenced);
}

/*
 * A fence is ``` or ~~~ (3 or more), indented at most three spaces; *bare
 * says nothing follows it, which a closing fence needs.
 */
static size_t md_fence(const char *line, char *mark, bool *bare)
{
    size_t n = 0;

    while (*line == ' ' && n < 3) {
        line++;
        n++;
    }
    if (*line != '`' && *line != '~')
        return 0;
    for (n = 0; line[n] == line[0]; n++)
        ;
    if (n < 3)
        return 0;
    *mark = line[0];
    *bare = line[n + strspn(line + n, " \t")] == '\0';
    return n;
}

static void md_mark_fences(struct md_lines *m)
{
    char open_mark = 0, mark = 0;
    size_t open_len = 0, len;
    bool bare = false;

    for (size_t i = 0; i < m->count; i++) {
        len = md_fence(m->line[i], &mark, &bare);
        m->fenced[i] = open_len > 0 || len > 0;
        if (open_len == 0 && len > 0) {
            open_mark = mark;
            open_len = len;
        } else if (open_len > 0 && len >= open_len && mark == open_mark
                   && bare) {
            open_len = 0;
        }
    }
}

/* Copies text without a BOM, with every line end made '\n', then splits. */
static int md_lines_split(const char *text, size_t length, struct md_lines *m)
{
    size_t n = 0, lines = 1;

    *m = (struct md_lines){ 0 };
    if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        length -= 3;
    }
    m->buf = malloc(length + 1);
    if (!m->buf)
        return -1;
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
            continue;
        m->buf[n] = text[i] == '\r' ? '\n' : text[i];
        lines += m->buf[n++] == '\n';
    }
    m->buf[n] = '\0';

    m->line = calloc(lines, sizeof *m->line);
    m->fenced = calloc(lines, sizeof *m->fenced);
    if (!m->line || !m->fenced)
        return -1;
    for (char *p = m->buf; p; m->count++) {
        m->line[m->count] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    md_mark_fences(m);
    return 0;
}

/* ---- A growing string ----------------------------------------------- */

struct md_text {
    char *s;
    size_t len;
    size_t cap;
    bool failed;
};

static void md_put(struct md_text *t, const char *text, size_t len)
{
    if (t->failed)
        return;
    if (t->len + len + 1 > t->cap) {
        size_t cap = (t->len + len + 1) * 2;
        char *s = realloc(t->s, cap);

        if (!s) {
            t->failed = true;
            return;
        }
        t->s = s;
        t->cap = cap;
    }
    memcpy(t->s + t->len, text, len);
    t->len += len;
    t->s[t->len] = '\0';
}

static void md_puts(struct md_text *t, const char *text)
{
    md_put(t, text, strlen(text));
}

/* Hands over the string (NULL on failure or when empty). */
static char *md_take(struct md_text *t)
{
    char *s = t->s;

    if (t->failed || t->len == 0) {
        free(s);
        s = NULL;
    }
    *t = (struct md_text){ 0 };
    return s;
}

/* ---- Inline text ---------------------------------------------------- */

static bool md_blank(const char *s)
{
    for (; *s; s++) {
        if (!isspace((unsigned char)*s))
            return false;
    }
    return true;
}

/* Trims, drops ** and __ emphasis and turns [text](url) into text. */
static char *md_clean(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    size_t n = 0;

    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if ((s[i] == '*' || s[i] == '_') && i + 1 < len && s[i + 1] == s[i]) {
            i++;
            continue;
        }
        if (s[i] == ']' && i + 1 < len && s[i + 1] == '(') {
            const char *close = memchr(s + i, ')', len - i);

            if (close) {
                i = (size_t)(close - s);
                continue;
            }
        }
        if (s[i] == '[') {
            const char *close = memchr(s + i, ']', len - i);

            if (close && (size_t)(close - s) + 1 < len && close[1] == '(')
                continue;
        }
        out[n++] = s[i];
    }
    while (n > 0 && isspace((unsigned char)out[n - 1]))
        n--;
    out[n] = '\0';

    n = strspn(out, " \t");
    memmove(out, out + n, strlen(out + n) + 1);
    return out;
}

/* ATX heading level (1..6) of a line outside code, with its text. */
static int md_heading(const struct md_lines *m, size_t i, const char **text,
                      size_t *len)
{
    const char *p = m->line[i];
    int level = 0;
    size_t end;

    if (m->fenced[i])
        return 0;
    p += strspn(p, " ") <= 3 ? strspn(p, " ") : 0;
    while (p[level] == '#')
        level++;
    if (level == 0 || level > 6 || (p[level] && p[level] != ' '
                                    && p[level] != '\t'))
        return 0;

    p += level;
    p += strspn(p, " \t");
    end = strlen(p);
    while (end > 0 && (p[end - 1] == '#' || isspace((unsigned char)p[end - 1])))
        end--;
    *text = p;
    *len = end;
    return level;
}

/* Text of a bullet ("- ", "* ", "+ ", "1. ", "1) ") at column 0, or NULL. */
static const char *md_bullet(const struct md_lines *m, size_t i,
                             bool any_indent)
{
    const char *p = m->line[i];

    if (m->fenced[i])
        return NULL;
    if (any_indent)
        p += strspn(p, " \t");
    if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t'))
        return p + 2;
    if (isdigit((unsigned char)*p)) {
        while (isdigit((unsigned char)*p))
            p++;
        if ((*p == '.' || *p == ')') && (p[1] == ' ' || p[1] == '\t'))
            return p + 2;
    }
    return NULL;
}

/* "1. Cache the prompt" -> "Cache the prompt"; trailing ':' dropped. */
static char *md_point(const char *text, size_t len)
{
    char *point;
    size_t n;

    while (len > 0 && isdigit((unsigned char)*text)) {
        size_t d = strspn(text, "0123456789");

        if (d < len && (text[d] == '.' || text[d] == ')')) {
            text += d + 1;
            len -= d + 1;
        }
        break;
    }
    point = md_clean(text, len);
    if (!point)
        return NULL;
    n = strlen(point);
    while (n > 0 && (point[n - 1] == ':' || point[n - 1] == ' '))
        point[--n] = '\0';
    return point;
}

/* ---- Sections ------------------------------------------------------- */

struct md_section {
    int level;
    char *title;                   /* cleaned heading text */
    size_t heading;                /* line of the heading */
    size_t begin;                  /* body lines [begin, end) */
    size_t end;
};

struct md_doc {
    struct md_lines lines;
    char *topic;
    size_t topic_end;              /* first line after the topic heading */
    struct md_section *sections;
    size_t section_count;
};

static void md_doc_free(struct md_doc *d)
{
    for (size_t i = 0; i < d->section_count; i++)
        free(d->sections[i].title);
    free(d->sections);
    free(d->topic);
    md_lines_free(&d->lines);
}

/* "Topic: Context windows" -> "Context windows". */
static char *md_topic(const char *text, size_t len)
{
    if (len >= 6 && strncasecmp(text, "topic:", 6) == 0) {
        text += 6;
        len -= 6;
    }
    return md_clean(text, len);
}

/*
 * Splits the file at headings of level 1 to 3. The first level-2 heading
 * is the topic; level-1 headings before it are the file's title.
 */
static int md_doc_sections(struct md_doc *d)
{
    const struct md_lines *m = &d->lines;

    d->sections = calloc(m->count + 1, sizeof *d->sections);
    if (!d->sections)
        return -1;

    for (size_t i = 0; i < m->count; i++) {
        const char *text;
        size_t len;
        int level = md_heading(m, i, &text, &len);
        struct md_section *s;

        if (level == 0 || level > 3)
            continue;
        if (d->section_count)
            d->sections[d->section_count - 1].end = i;
        if (level == 2 && !d->topic) {
            d->topic = md_topic(text, len);
            d->topic_end = i + 1;
            continue;
        }
        if (level == 1 && !d->topic)
            continue;

        s = &d->sections[d->section_count++];
        *s = (struct md_section){ .level = level, .heading = i,
                                  .begin = i + 1, .end = m->count,
                                  .title = md_clean(text, len) };
        if (!s->title)
            return -1;
    }
    return 0;
}

static const struct md_section *md_find(const struct md_doc *d,
                                        const char *prefix)
{
    for (size_t i = 0; i < d->section_count; i++) {
        if (strncasecmp(d->sections[i].title, prefix, strlen(prefix)) == 0)
            return &d->sections[i];
    }
    return NULL;
}

/* Appends the lines [begin, end) without blank lines at either end. */
static void md_put_body(struct md_text *t, const struct md_lines *m,
                        size_t begin, size_t end)
{
    while (begin < end && md_blank(m->line[begin]) && !m->fenced[begin])
        begin++;
    while (end > begin && md_blank(m->line[end - 1]) && !m->fenced[end - 1])
        end--;
    for (size_t i = begin; i < end; i++) {
        md_puts(t, m->line[i]);
        md_puts(t, "\n");
    }
}

static bool md_body_empty(const struct md_lines *m, size_t begin, size_t end)
{
    for (size_t i = begin; i < end; i++) {
        if (!md_blank(m->line[i]))
            return false;
    }
    return true;
}

/* ---- The parts of a question ---------------------------------------- */

/* Quote lines become paragraphs; "> " and line breaks inside go away. */
static char *md_prompt(const struct md_doc *d, const struct md_section *s)
{
    const struct md_lines *m = &d->lines;
    struct md_text t = { 0 };
    bool para_open = false;

    for (size_t i = s->begin; i < s->end; i++) {
        const char *p = m->line[i] + strspn(m->line[i], " ");

        if (m->fenced[i] || *p != '>') {
            para_open = false;
            continue;
        }
        p++;
        p += strspn(p, " \t");
        if (md_blank(p)) {
            para_open = false;
            continue;
        }
        if (t.len)
            md_puts(&t, para_open ? " " : "\n\n");
        md_puts(&t, p);
        para_open = true;
    }
    return md_take(&t);
}

static int md_points_from_headings(const struct md_doc *d,
                                   const struct md_section *s,
                                   struct string_list *points)
{
    for (size_t i = s->begin; i < s->end; i++) {
        const char *text;
        size_t len;
        char *point;

        if (md_heading(&d->lines, i, &text, &len) != 4)
            continue;
        point = md_point(text, len);
        if (!point || (*point && questions_string_list_add(points, point)))
            return free(point), -1;
        free(point);
    }
    return 0;
}

static int md_points_from_bullets(const struct md_lines *m, size_t begin,
                                  size_t end, bool any_indent,
                                  struct string_list *points)
{
    for (size_t i = begin; i < end; i++) {
        const char *text = md_bullet(m, i, any_indent);
        char *point;

        if (!text)
            continue;
        point = md_point(text, strlen(text));
        if (!point || (*point && questions_string_list_add(points, point)))
            return free(point), -1;
        free(point);
    }
    return 0;
}

/* The first sentence of the first paragraph, cut at a word if long. */
static int md_points_from_prose(const struct md_lines *m,
                                const struct md_section *s,
                                struct string_list *points)
{
    for (size_t i = s->begin; i < s->end; i++) {
        const char *p = m->line[i];
        size_t len = 0;
        char *point;

        if (m->fenced[i] || md_blank(p) || *p == '#' || *p == '|')
            continue;
        while (p[len] && len < KEY_POINT_MAX
               && !(p[len] == '.' && (p[len + 1] == ' ' || !p[len + 1])))
            len++;
        if (len == KEY_POINT_MAX)
            while (len > 40 && p[len] != ' ')
                len--;
        point = md_clean(p, len);
        if (!point || (*point && questions_string_list_add(points, point)))
            return free(point), -1;
        free(point);
        if (points->count)
            return 0;
    }
    return 0;
}

static int md_key_points(const struct md_doc *d, const struct md_section *s,
                         struct string_list *points)
{
    if (md_points_from_headings(d, s, points) < 0)
        return -1;
    if (points->count == 0
        && md_points_from_bullets(&d->lines, s->begin, s->end, false,
                                  points) < 0)
        return -1;
    if (points->count == 0
        && md_points_from_prose(&d->lines, s, points) < 0)
        return -1;
    return 0;
}

/*
 * The answer, then everything else in file order except the question and
 * the closing "What This Question Tests", each under its own heading.
 */
static char *md_reference(const struct md_doc *d,
                          const struct md_section *question,
                          const struct md_section *answer,
                          const struct md_section *tests)
{
    const struct md_lines *m = &d->lines;
    struct md_text t = { 0 };
    size_t preamble_end = d->section_count ? d->sections[0].heading
                                           : m->count;

    md_put_body(&t, m, answer->begin, answer->end);
    if (!md_body_empty(m, d->topic_end, preamble_end)) {
        md_puts(&t, "\n");
        md_put_body(&t, m, d->topic_end, preamble_end);
    }

    for (size_t i = 0; i < d->section_count; i++) {
        const struct md_section *s = &d->sections[i];

        if (s == question || s == answer || s == tests)
            continue;
        md_puts(&t, "\n");
        md_puts(&t, m->line[s->heading]);
        md_puts(&t, "\n");
        if (!md_body_empty(m, s->begin, s->end)) {
            md_puts(&t, "\n");
            md_put_body(&t, m, s->begin, s->end);
        }
    }
    return md_take(&t);
}

/* Named so, or failing that a last section titled "What this ...". */
static const struct md_section *md_tests(const struct md_doc *d)
{
    const struct md_section *last;

    if (md_find(d, "what this question tests"))
        return md_find(d, "what this question tests");
    if (d->section_count == 0)
        return NULL;
    last = &d->sections[d->section_count - 1];
    return strncasecmp(last->title, "what this", 9) == 0 ? last : NULL;
}

static int md_assesses(const struct md_doc *d, const struct md_section *s,
                       struct string_list *list)
{
    if (!s)
        return 0;
    if (md_points_from_bullets(&d->lines, s->begin, s->end, false, list) < 0)
        return -1;
    if (list->count == 0)
        return md_points_from_bullets(&d->lines, s->begin, s->end, true,
                                      list);
    return 0;
}

static int md_fail(int *line, size_t at, char *why, size_t why_size,
                   const char *reason)
{
    *line = (int)at;
    snprintf(why, why_size, "%s", reason);
    return -1;
}

static int md_fill(const struct md_doc *d, struct questions_markdown *out,
                   int *line, char *why, size_t why_size)
{
    const struct md_section *question = md_find(d, "question");
    const struct md_section *answer = md_find(d, "answer");
    const struct md_section *tests = md_tests(d);

    if (!d->topic || !*d->topic)
        return md_fail(line, 0, why, why_size,
                       "no '## Topic: ...' heading");
    if (!question)
        return md_fail(line, 0, why, why_size, "no '### Question' section");
    if (!answer || md_body_empty(&d->lines, answer->begin, answer->end))
        return md_fail(line, answer ? answer->heading + 1 : 0, why,
                       why_size, "no '### Answer' section with text");

    out->topic = strdup(d->topic);
    out->prompt = md_prompt(d, question);
    if (!out->prompt)
        return md_fail(line, question->heading + 1, why, why_size,
                       "the Question section has no '>' blockquote prompt");
    out->reference = md_reference(d, question, answer, tests);
    if (!out->topic || !out->reference
        || md_key_points(d, answer, &out->key_points) < 0
        || md_assesses(d, tests, &out->assesses) < 0)
        return md_fail(line, 0, why, why_size, "out of memory");
    if (out->key_points.count == 0)
        return md_fail(line, answer->heading + 1, why, why_size,
                       "no key point could be drawn from the answer");
    return 0;
}

int questions_markdown_parse(const char *text, size_t length,
                             struct questions_markdown *out, int *line,
                             char *why, size_t why_size)
{
    struct md_doc d = { 0 };
    int rc;

    *out = (struct questions_markdown){ 0 };
    *line = 0;
    if (md_lines_split(text, length, &d.lines) < 0
        || md_doc_sections(&d) < 0)
        rc = md_fail(line, 0, why, why_size, "out of memory");
    else
        rc = md_fill(&d, out, line, why, why_size);

    md_doc_free(&d);
    if (rc < 0)
        questions_markdown_free(out);
    return rc;
}

/* ---- The README's role table -------------------------------------- */

/* Splits "| a | b |" into at most `max` cleaned cells; returns the count. */
static size_t md_cells(const char *line, char **cells, size_t max)
{
    const char *p = line + strspn(line, " \t");
    size_t n = 0;

    if (*p == '|')
        p++;
    while (*p && n < max) {
        const char *bar = p;

        while (*bar && !(*bar == '|' && (bar == p || bar[-1] != '\\')))
            bar++;
        if (!*bar && md_blank(p))
            break;
        cells[n] = md_clean(p, (size_t)(bar - p));
        if (!cells[n])
            break;
        n++;
        p = *bar ? bar + 1 : bar;
    }
    return n;
}

static void md_cells_free(char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(cells[i]);
}

static bool md_is_separator(const char *line)
{
    bool dash = false;

    for (const char *p = line; *p; p++) {
        if (*p == '-')
            dash = true;
        else if (!strchr("|: \t", *p))
            return false;
    }
    return dash && strchr(line, '|');
}

static int md_column(char **cells, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++) {
        for (char *c = cells[i]; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        if (strstr(cells[i], word))
            return (int)i;
    }
    return -1;
}

struct md_table {
    int role, focus, thinking;     /* column numbers, -1 = absent */
};

static bool md_table_header(const struct md_lines *m, size_t i,
                            struct md_table *t)
{
    char *cells[16];
    size_t n;

    if (m->fenced[i] || i + 1 >= m->count || !strchr(m->line[i], '|')
        || !md_is_separator(m->line[i + 1]))
        return false;
    n = md_cells(m->line[i], cells, 16);
    t->role = md_column(cells, n, "role");
    t->focus = md_column(cells, n, "focus");
    t->thinking = md_column(cells, n, "thinking");
    if (t->thinking < 0)
        t->thinking = md_column(cells, n, "pattern");
    md_cells_free(cells, n);
    return t->role >= 0 && (t->focus >= 0 || t->thinking >= 0);
}

static int md_table_row(const char *line, const struct md_table *t,
                        struct questions_role_info *info)
{
    char *cells[16];
    size_t n = md_cells(line, cells, 16);
    char name[128];
    int rc = 0;

    questions_name_from((size_t)t->role < n ? cells[t->role] : "", name,
                        sizeof name);
    info->name = strdup(name);
    info->focus = strdup(t->focus >= 0 && (size_t)t->focus < n
                         ? cells[t->focus] : "");
    info->thinking_pattern = strdup(t->thinking >= 0
                                    && (size_t)t->thinking < n
                                    ? cells[t->thinking] : "");
    if (!info->name || !info->focus || !info->thinking_pattern)
        rc = -1;
    md_cells_free(cells, n);
    return rc;
}

int questions_markdown_roles(const char *text, size_t length,
                             struct questions_role_info **roles,
                             size_t *count)
{
    struct md_lines m;
    struct md_table t;
    int rc = 0;

    *roles = NULL;
    *count = 0;
    if (md_lines_split(text, length, &m) < 0
        || !(*roles = calloc(m.count + 1, sizeof **roles))) {
        md_lines_free(&m);
        return -1;
    }

    for (size_t i = 0; i < m.count && rc == 0; i++) {
        if (!md_table_header(&m, i, &t))
            continue;
        for (i += 2; i < m.count && strchr(m.line[i], '|') && rc == 0; i++)
            rc = md_table_row(m.line[i], &t, &(*roles)[(*count)++]);
    }

    md_lines_free(&m);
    if (rc < 0) {
        questions_role_infos_free(*roles, *count);
        *roles = NULL;
        *count = 0;
    }
    return rc;
}

void questions_role_infos_free(struct questions_role_info *roles,
                               size_t count)
{
    for (size_t i = 0; i < count && roles; i++) {
        free(roles[i].name);
        free(roles[i].focus);
        free(roles[i].thinking_pattern);
    }
    free(roles);
}

void questions_markdown_free(struct questions_markdown *md)
{
    free(md->topic);
    free(md->prompt);
    free(md->reference);
    questions_string_list_free(&md->key_points);
    questions_string_list_free(&md->assesses);
    *md = (struct questions_markdown){ 0 };
}
