/*
 * The layout of the report: a header, a summary table, one section per
 * question, then the rubric overview and what to practise again.
 *
 * Everything here is a pure function of the session data: no clock, no
 * environment, no locale-dependent formatting, so the same journal always
 * gives the same bytes. Strings from the session only reach the stream
 * through the writers of escape.c and markdown.c.
 */
#include <string.h>

#include "internal.h"

/* Reference headings sit below the question's "###". */
#define REPORT_REFERENCE_SHIFT 3

static const char *const dimension_names[REPORT_DIMENSIONS] = {
    "System thinking",
    "Trade-off awareness",
    "Practical judgment",
    "Communication",
};

const char *report_dimension_name(enum report_dimension dimension)
{
    if ((int)dimension < 0 || dimension >= REPORT_DIMENSIONS)
        return "Unknown";
    return dimension_names[dimension];
}

static bool has_text(const char *s)
{
    for (; s != NULL && *s != '\0'; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return true;
    return false;
}

static void put_time(FILE *out, double seconds)
{
    char buf[32];

    report_format_time(buf, sizeof buf, report_seconds(seconds));
    fputs(buf, out);
}

static void put_tenths(FILE *out, int tenths)
{
    if (tenths < 0)
        fputs("–", out);
    else
        fprintf(out, "%d.%d", tenths / 10, tenths % 10);
}

/* The question as "Q2 · Topic", for lists at the end. */
static void put_question_name(FILE *out, const struct report_question *q)
{
    fprintf(out, "Q%d · ", q->number);
    report_put_text(out, has_text(q->topic) ? q->topic : q->id);
}

/* link_base + file, percent-encoded; a leading "/" on file is dropped. */
static void put_take_url(FILE *out, const char *link_base,
                         const struct report_take *take)
{
    const char *file = take->file != NULL ? take->file : "";
    size_t base_len = strlen(link_base);

    while (*file == '/')
        file++;
    report_put_url(out, link_base);
    if (base_len > 0 && link_base[base_len - 1] != '/')
        fputc('/', out);
    report_put_url(out, file);
}

/* ---- Header ------------------------------------------------------------ */

static void count_states(const struct report_session *s, size_t counts[4])
{
    memset(counts, 0, 4 * sizeof counts[0]);
    for (size_t i = 0; i < s->question_count; i++) {
        unsigned state = (unsigned)s->questions[i].state;

        if (state < 4)
            counts[state]++;
    }
}

static void put_field(FILE *out, const char *label, const char *value)
{
    if (!has_text(value))
        return;
    fprintf(out, "- **%s:** ", label);
    report_put_text(out, value);
    fputc('\n', out);
}

static void render_header(FILE *out, const struct report_session *s)
{
    size_t counts[4];

    fputs("# Mock interview: ", out);
    if (has_text(s->title))
        report_put_text(out, s->title);
    else if (has_text(s->role))
        report_put_text(out, s->role);
    else
        fputs("untitled role", out);
    fputs("\n\n", out);

    put_field(out, "Date", s->date);
    put_field(out, "Focus", s->focus);
    put_field(out, "Thinking pattern", s->thinking_pattern);
    fputs("- **Total answering time:** ", out);
    put_time(out, s->total_time);
    fputc('\n', out);

    count_states(s, counts);
    fprintf(out, "- **Questions:** %zu answered · %zu skipped · "
            "%zu interrupted", counts[REPORT_ANSWERED],
            counts[REPORT_SKIPPED], counts[REPORT_INTERRUPTED]);
    if (counts[REPORT_PENDING] > 0)
        fprintf(out, " · %zu not reached", counts[REPORT_PENDING]);
    fprintf(out, " (of %zu)\n\n", s->question_count);
}

/* ---- Summary table ----------------------------------------------------- */

static const char *state_word(enum report_state state)
{
    switch (state) {
    case REPORT_SKIPPED:
        return "skipped";
    case REPORT_INTERRUPTED:
        return "interrupted";
    case REPORT_PENDING:
        return "not reached";
    default:
        return "–";
    }
}

static void put_time_cell(FILE *out, const struct report_question *q)
{
    const struct report_take *take = report_last_take(q);
    char limit[32];

    report_format_time(limit, sizeof limit, q->answer_time);
    if (take == NULL) {
        fprintf(out, "%s (limit %s)", state_word(q->state), limit);
        return;
    }
    put_time(out, take->duration);
    fprintf(out, " / %s", limit);
    if (report_seconds(take->overtime) > 0) {
        fputs(" **+", out);
        put_time(out, take->overtime);
        fputs("**", out);
    }
    /* The question's state says what happened; a take only adds that it
     * was cut short when the question still counts as answered. */
    if (q->state == REPORT_SKIPPED)
        fputs(" skipped", out);
    else if (take->interrupted || q->state == REPORT_INTERRUPTED)
        fputs(" interrupted", out);
}

static void put_key_point_cell(FILE *out, const struct report_question *q)
{
    size_t covered;

    if (q->key_point_count == 0)
        fputs("–", out);
    else if (report_question_covered(q, &covered))
        fprintf(out, "%zu/%zu", covered, q->key_point_count);
    else
        fprintf(out, "–/%zu", q->key_point_count);
}

static void render_summary_row(FILE *out, const struct report_question *q,
                               const char *link_base)
{
    const struct report_take *take = report_last_take(q);

    fprintf(out, "| %d | ", q->number);
    report_put_cell(out, has_text(q->topic) ? q->topic : q->id);
    fputs(" | ", out);
    put_time_cell(out, q);
    fprintf(out, " | %zu | ", q->take_count);
    put_key_point_cell(out, q);
    fputs(" | ", out);
    put_tenths(out, report_question_average(q));
    fputs(" | ", out);
    if (take != NULL) {
        fprintf(out, "[take %zu](", (size_t)(take - q->takes) + 1);
        put_take_url(out, link_base, take);
        fputc(')', out);
    } else {
        fputs("–", out);
    }
    fputs(" |\n", out);
}

static void render_summary(FILE *out, const struct report_session *s,
                           const char *link_base)
{
    fputs("## Summary\n\n", out);
    if (s->question_count == 0) {
        fputs("This session has no questions.\n\n", out);
        return;
    }
    fputs("| # | Topic | Time / limit | Takes | Key points | Rubric "
          "| Last take |\n", out);
    fputs("|--:|:--|:--|--:|--:|--:|:--|\n", out);
    for (size_t i = 0; i < s->question_count; i++)
        render_summary_row(out, &s->questions[i], link_base);
    fputs("\nTime is the last take against the limit; key points and "
          "rubric come from the last assessment.\n\n", out);
}

/* ---- One question ------------------------------------------------------ */

static void put_who(FILE *out, const struct report_assessment *a, size_t i)
{
    if (has_text(a->who))
        report_put_text(out, a->who);
    else
        fprintf(out, "assessment %zu", i + 1);
}

static void render_status(FILE *out, const struct report_question *q)
{
    static const char *const words[] = {
        "not reached", "answered", "skipped", "interrupted",
    };
    char limit[32];
    unsigned state = (unsigned)q->state;

    report_format_time(limit, sizeof limit, q->answer_time);
    fprintf(out, "**Status:** %s · limit %s · %zu take%s",
            state < 4 ? words[state] : "unknown", limit, q->take_count,
            q->take_count == 1 ? "" : "s");
    if (has_text(q->id)) {
        fputs(" · ", out);
        report_put_code(out, q->id);
    }
    fputs("\n\n", out);
}

static const char *base_name(const char *path)
{
    const char *slash = path != NULL ? strrchr(path, '/') : NULL;

    if (path == NULL)
        return "";
    return slash != NULL ? slash + 1 : path;
}

/*
 * A plain link for every viewer, then an <audio> element for those that
 * play it. The URL writer emits only [A-Za-z0-9-._~/%], which needs no
 * further escaping inside a double-quoted attribute.
 */
static void render_take(FILE *out, const struct report_question *q,
                        size_t i, const char *link_base)
{
    const struct report_take *take = &q->takes[i];
    char limit[32];

    report_format_time(limit, sizeof limit, q->answer_time);
    fprintf(out, "%zu. [", i + 1);
    report_put_text(out, has_text(base_name(take->file))
                             ? base_name(take->file) : "recording");
    fputs("](", out);
    put_take_url(out, link_base, take);
    fputs(") · ", out);
    put_time(out, take->duration);
    fprintf(out, " of %s", limit);
    if (report_seconds(take->overtime) > 0) {
        fputs(", **", out);
        put_time(out, take->overtime);
        fputs(" over**", out);
    }
    if (take->interrupted)
        fputs(" · interrupted", out);
    fputs("\n   <audio controls src=\"", out);
    put_take_url(out, link_base, take);
    fputs("\"></audio>\n", out);
}

static void render_takes(FILE *out, const struct report_question *q,
                         const char *link_base)
{
    if (q->take_count == 0 || q->takes == NULL)
        return;
    fputs("**Takes**\n\n", out);
    for (size_t i = 0; i < q->take_count; i++)
        render_take(out, q, i, link_base);
    fputc('\n', out);
}

static void render_key_points(FILE *out, const struct report_question *q)
{
    const struct report_assessment *last = report_last_assessment(q);
    size_t covered;
    bool known = report_question_covered(q, &covered);

    if (q->key_point_count == 0)
        return;
    fputs("**Key points** · ", out);
    if (known) {
        fprintf(out, "%zu of %zu covered (", covered, q->key_point_count);
        put_who(out, last, q->assessment_count - 1);
        fputs(")\n\n", out);
    } else {
        fputs("not assessed\n\n", out);
    }
    for (size_t i = 0; i < q->key_point_count; i++) {
        fprintf(out, "- [%c] ", known && last->covered[i] ? 'x' : ' ');
        report_put_text(out, has_text(q->key_points[i]) ? q->key_points[i]
                                                        : "(empty)");
        fputc('\n', out);
    }
    fputc('\n', out);
}

static void put_score(FILE *out, int score)
{
    if (report_score_valid(score))
        fprintf(out, "%d", score);
    else
        fputs("–", out);
}

/* One column per assessment, in the order given (self, partner, review). */
static void render_scores(FILE *out, const struct report_question *q)
{
    if (q->assessment_count == 0 || q->assessments == NULL)
        return;
    fputs("**Scores** (1–5)\n\n| Dimension |", out);
    for (size_t i = 0; i < q->assessment_count; i++) {
        fputc(' ', out);
        put_who(out, &q->assessments[i], i);
        fputs(" |", out);
    }
    fputs("\n|:--|", out);
    for (size_t i = 0; i < q->assessment_count; i++)
        fputs("--:|", out);
    fputc('\n', out);

    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        fprintf(out, "| %s |", dimension_names[d]);
        for (size_t i = 0; i < q->assessment_count; i++) {
            fputc(' ', out);
            put_score(out, q->assessments[i].scores[d]);
            fputs(" |", out);
        }
        fputc('\n', out);
    }
    fputs("| **Average** |", out);
    for (size_t i = 0; i < q->assessment_count; i++) {
        fputs(" **", out);
        put_tenths(out, report_average_tenths(q->assessments[i].scores,
                                              REPORT_DIMENSIONS));
        fputs("** |", out);
    }
    fputs("\n\n", out);
}

static void render_notes(FILE *out, const struct report_question *q)
{
    for (size_t i = 0; i < q->assessment_count && q->assessments; i++) {
        const struct report_assessment *a = &q->assessments[i];

        if (!has_text(a->notes))
            continue;
        fputs("**Notes** (", out);
        put_who(out, a, i);
        fputs(")\n\n", out);
        report_put_paragraphs(out, a->notes, "");
        fputc('\n', out);
    }
}

static void render_list(FILE *out, const char *label,
                        const char *const *items, size_t count)
{
    if (count == 0 || items == NULL)
        return;
    fprintf(out, "**%s**\n\n", label);
    for (size_t i = 0; i < count; i++) {
        fputs("- ", out);
        report_put_text(out, has_text(items[i]) ? items[i] : "(empty)");
        fputc('\n', out);
    }
    fputc('\n', out);
}

static void render_question(FILE *out, const struct report_question *q,
                            const char *link_base)
{
    fprintf(out, "---\n\n### %d. ", q->number);
    report_put_text(out, has_text(q->topic) ? q->topic : q->id);
    fputs("\n\n", out);
    if (has_text(q->prompt)) {
        report_put_paragraphs(out, q->prompt, "> ");
        fputc('\n', out);
    }
    render_status(out, q);
    render_takes(out, q, link_base);
    render_key_points(out, q);
    render_scores(out, q);
    render_notes(out, q);
    if (has_text(q->reference)) {
        fputs("**Reference answer**\n\n", out);
        report_put_markdown(out, q->reference, REPORT_REFERENCE_SHIFT);
        fputc('\n', out);
    }
    render_list(out, "Follow-up questions", q->follow_ups,
                q->follow_up_count);
    render_list(out, "What it assesses", q->assesses, q->assess_count);
}

/* ---- Rubric overview and practice list ---------------------------------- */

/* The questions at or under the average, lowest score first. */
static void render_pulled_down(FILE *out, const struct report_session *s,
                               int dimension, int average)
{
    for (int score = 1; score <= 5 && score * 10 <= average; score++) {
        for (size_t i = 0; i < s->question_count; i++) {
            const struct report_question *q = &s->questions[i];

            if (report_last_score(q, dimension) != score)
                continue;
            fputs("- ", out);
            put_question_name(out, q);
            fprintf(out, ": %d\n", score);
        }
    }
}

static void render_dimension_table(FILE *out,
                                   const struct report_session *s)
{
    fputs("| Dimension | Average | Questions scored |\n|:--|--:|--:|\n",
          out);
    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        size_t scored;

        fprintf(out, "| %s | ", dimension_names[d]);
        put_tenths(out, report_dimension_average(s, d, &scored));
        fprintf(out, " | %zu |\n", scored);
    }
    fputc('\n', out);
}

static bool all_dimensions_equal(const struct report_session *s)
{
    int first = -2;

    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        size_t scored;
        int average = report_dimension_average(s, d, &scored);

        if (average < 0)
            continue;
        if (first != -2 && average != first)
            return false;
        first = average;
    }
    return true;
}

static void render_rubric(FILE *out, const struct report_session *s)
{
    int weakest = -1;
    int weakest_average = 0;

    fputs("---\n\n## Rubric\n\n", out);
    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        size_t scored;
        int average = report_dimension_average(s, d, &scored);

        if (average >= 0 && (weakest < 0 || average < weakest_average)) {
            weakest = d;
            weakest_average = average;
        }
    }
    if (weakest < 0) {
        fputs("No rubric scores were given.\n\n", out);
        return;
    }
    render_dimension_table(out, s);
    if (all_dimensions_equal(s)) {
        fputs("Every scored dimension has the same average; none stands "
              "out as the weakest.\n\n", out);
        return;
    }
    fprintf(out, "**Weakest dimension:** %s, averaging ",
            dimension_names[weakest]);
    put_tenths(out, weakest_average);
    fputs(". The questions that pulled it down:\n\n", out);
    render_pulled_down(out, s, weakest, weakest_average);
    fputc('\n', out);
}

static void put_reasons(FILE *out, const struct report_question *q,
                        unsigned reasons)
{
    const char *sep = "";
    size_t covered;

    if (reasons & REPORT_WHY_SKIPPED) {
        fputs("skipped", out);
        sep = "; ";
    }
    if (reasons & REPORT_WHY_INTERRUPTED) {
        fprintf(out, "%sinterrupted", sep);
        sep = "; ";
    }
    if (reasons & REPORT_WHY_LOW_RUBRIC) {
        fprintf(out, "%srubric average ", sep);
        put_tenths(out, report_question_average(q));
        fputs(", under 3", out);
        sep = "; ";
    }
    if (reasons & REPORT_WHY_FEW_POINTS) {
        report_question_covered(q, &covered);
        fprintf(out, "%s%zu of %zu key points covered", sep, covered,
                q->key_point_count);
        sep = "; ";
    }
    if (reasons & REPORT_WHY_OVERTIME) {
        long over = report_seconds(report_last_take(q)->overtime);

        fprintf(out, "%s", sep);
        put_time(out, (double)over);
        fprintf(out, " over the limit (%ld%% more)",
                over * 100 / q->answer_time);
    }
}

static void render_practice(FILE *out, const struct report_session *s)
{
    size_t counts[4];
    bool any = false;

    fputs("## Worth practising again\n\n", out);
    for (size_t i = 0; i < s->question_count; i++) {
        const struct report_question *q = &s->questions[i];
        unsigned reasons = report_question_reasons(q);

        if (reasons == 0)
            continue;
        fputs("- **", out);
        put_question_name(out, q);
        fputs("**: ", out);
        put_reasons(out, q, reasons);
        fputc('\n', out);
        any = true;
    }
    count_states(s, counts);
    if (any)
        return;
    if (counts[REPORT_ANSWERED] == 0)
        fputs("No question has been answered yet.\n", out);
    else
        fputs("Nothing stands out: every answer scored 3 or more, covered "
              "at least half its key points and stayed within 20% of its "
              "limit.\n", out);
}

int report_render(const struct report_session *session,
                  const char *link_base, FILE *out)
{
    if (session == NULL || out == NULL
        || (session->questions == NULL && session->question_count > 0))
        return -1;
    if (link_base == NULL)
        link_base = "";

    render_header(out, session);
    render_summary(out, session, link_base);
    for (size_t i = 0; i < session->question_count; i++)
        render_question(out, &session->questions[i], link_base);
    render_rubric(out, session);
    render_practice(out, session);
    return ferror(out) ? -1 : 0;
}
