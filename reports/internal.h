/*
 * Shared by the .c files of reports/ and by tests/reports only.
 *
 * Every string that reaches the report goes through one of the writers
 * below, chosen by where it lands. They write straight to a stream and
 * never fail on their own: a write error shows up in ferror(out), which
 * report_render checks once at the end.
 */
#ifndef MI_REPORTS_INTERNAL_H
#define MI_REPORTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <reports/reports.h>

/* ---- escape.c: plain text into Markdown, HTML and URLs --------------- */

/*
 * Plain text as one line of Markdown inline content: line breaks become a
 * space, leading and trailing blanks are dropped, control characters are
 * dropped, and every character that could start Markdown or HTML
 * (emphasis, code, links, headings, list markers, tables, math, entities)
 * is backslash-escaped. Safe in a paragraph, heading, list item or table
 * cell. UTF-8 passes through unchanged.
 */
void report_put_text(FILE *out, const char *text);
void report_put_text_n(FILE *out, const char *text, size_t length);

/* A GFM table cell: the same rules, named for the reader of render.c. */
void report_put_cell(FILE *out, const char *text);

/* HTML text or a double-quoted attribute value: & < > " ' as entities. */
void report_put_html(FILE *out, const char *text);

/*
 * A relative link target: every byte outside the unreserved set
 * (A-Z a-z 0-9 - . _ ~) and "/" is percent-encoded, so ":" cannot make
 * a scheme and spaces or parentheses cannot end the target.
 */
void report_put_url(FILE *out, const char *path);

/* An inline code span that shows `text` exactly (line breaks as spaces). */
void report_put_code(FILE *out, const char *text);

/*
 * Multi-line plain text: each line escaped as by report_put_text, lines
 * joined by hard breaks, blank lines starting a new paragraph, and every
 * output line starting with `prefix` ("> " for a blockquote, "" for
 * none). Ends with a newline; writes nothing for blank text.
 */
void report_put_paragraphs(FILE *out, const char *text, const char *prefix);

/* ---- markdown.c: reference answers, kept as Markdown but made safe ---- */

/*
 * Writes `markdown` with: raw HTML escaped, ATX and setext headings moved
 * down `shift` levels (capped at 6), an unclosed code fence closed, links
 * and images whose target is not http(s) reduced to their text, control
 * characters dropped. Ends with a newline when anything was written.
 */
void report_put_markdown(FILE *out, const char *markdown, int shift);

/* ---- score.c: what the numbers in the report mean --------------------- */

enum report_reason {
    REPORT_WHY_SKIPPED = 1 << 0,
    REPORT_WHY_INTERRUPTED = 1 << 1,
    REPORT_WHY_LOW_RUBRIC = 1 << 2,     /* rubric average under 3 */
    REPORT_WHY_FEW_POINTS = 1 << 3,     /* under half the key points */
    REPORT_WHY_OVERTIME = 1 << 4,       /* more than 20% over the limit */
};

/* Whole seconds, rounded; negative or NaN counts as 0. */
long report_seconds(double seconds);

/* "m:ss", or "h:mm:ss" from one hour, into buf (at least 24 bytes). */
void report_format_time(char *buf, size_t size, long seconds);

/*
 * The take that counts (the last that finished, else the last) and the
 * assessment that counts (the last), or NULL when none.
 */
const struct report_take *report_last_take(const struct report_question *q);
const struct report_assessment *report_last_assessment(
    const struct report_question *q);

/* A valid score is 1..5; anything else counts as not scored. */
bool report_score_valid(int score);

/* Average of the valid scores in tenths (38 = 3.8), or -1 when none. */
int report_average_tenths(const int *scores, size_t count);

/* The last assessment's score on one dimension, or 0 when not scored. */
int report_last_score(const struct report_question *q, int dimension);

/* Tenths of the last assessment's rubric average, or -1. */
int report_question_average(const struct report_question *q);

/*
 * Key points the last assessment ticked. False when that is unknown: no
 * key points, no assessment, or an assessment without a covered list.
 */
bool report_question_covered(const struct report_question *q,
                             size_t *covered);

/* Why a question is worth practising again: a set of REPORT_WHY_*. */
unsigned report_question_reasons(const struct report_question *q);

/* ---- write.c ---------------------------------------------------------- */

/*
 * The relative path from folder `from` to folder `to`, both absolute and
 * canonical, with a trailing "/" ("" when they are the same). Returns 0,
 * or -1 when it does not fit in `size`.
 */
int report_relative_dir(const char *from, const char *to, char *buf,
                        size_t size);

#endif
