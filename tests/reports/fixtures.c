/*
 * The sessions behind the golden files. Changing any string here changes
 * the expected report: regenerate with MI_UPDATE_GOLDEN=1 and read the
 * diff before keeping it.
 */
#include <stddef.h>

#include "fixtures.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- complete ---------------------------------------------------------- */

static const char *const rag_points[] = {
    "Separate retrieval quality from answer quality",
    "Build a labelled set from real user questions",
    "Track faithfulness to the retrieved passages",
    "Watch cost and latency next to quality",
};
static const bool rag_self_covered[] = { true, true, false, false };
static const bool rag_review_covered[] = { true, true, true, false };
static const char *const rag_follow_ups[] = {
    "How would you catch a regression before release?",
    "What changes when the corpus updates daily?",
};
static const char *const rag_assesses[] = {
    "Evaluation design",
    "Product sense",
};
static const struct report_take rag_takes[] = {
    { "recordings/01-rag-eval-t1.wav", 102.4, 0, false },
};
static const struct report_assessment rag_assessments[] = {
    { "self", { 3, 3, 4, 4 }, rag_self_covered,
      "Forgot to mention latency.\nSpoke a bit fast." },
    { "review", { 4, 3, 4, 4 }, rag_review_covered, NULL },
};

static const char *const serve_points[] = {
    "Batch requests to use the accelerator well",
    "Cache repeated prompts",
    "Set a latency budget per stage",
};
static const bool serve_covered[] = { true, false, true };
static const struct report_take serve_takes[] = {
    { "recordings/02-llm-serving-t1.wav", 131.0, 11.0, false },
};
static const struct report_assessment serve_assessments[] = {
    { "self", { 4, 5, 3, 4 }, serve_covered, NULL },
};

static const struct report_question complete_questions[] = {
    {
        .number = 1,
        .id = "rag-eval",
        .topic = "Evaluating a RAG system",
        .prompt = "Your team shipped a retrieval-augmented assistant.\n"
                  "How do you know it is getting better?",
        .reference = "Split the problem in two.\n\n"
                     "## Retrieval\n\n"
                     "Measure *recall at k* on a labelled set.\n\n"
                     "## Generation\n\n"
                     "- Faithfulness to the passages\n"
                     "- Helpfulness, judged by people\n\n"
                     "```python\nscore = hits / len(labels)\n```\n",
        .key_points = rag_points,
        .key_point_count = COUNT(rag_points),
        .follow_ups = rag_follow_ups,
        .follow_up_count = COUNT(rag_follow_ups),
        .assesses = rag_assesses,
        .assess_count = COUNT(rag_assesses),
        .answer_time = 120,
        .state = REPORT_ANSWERED,
        .takes = rag_takes,
        .take_count = COUNT(rag_takes),
        .assessments = rag_assessments,
        .assessment_count = COUNT(rag_assessments),
    },
    {
        .number = 2,
        .id = "llm-serving",
        .topic = "Serving an LLM under a latency budget",
        .prompt = "p95 latency doubled after a model upgrade. Walk me "
                  "through what you do.",
        .reference = "Start from the budget: where does the time go?",
        .key_points = serve_points,
        .key_point_count = COUNT(serve_points),
        .answer_time = 120,
        .state = REPORT_ANSWERED,
        .takes = serve_takes,
        .take_count = COUNT(serve_takes),
        .assessments = serve_assessments,
        .assessment_count = COUNT(serve_assessments),
    },
};

const struct report_session fixture_complete = {
    .role = "ai-engineer",
    .title = "AI Engineer",
    .focus = "Shipping LLM features that hold up in production",
    .thinking_pattern = "Start from the user, then the system, then the "
                        "numbers",
    .date = "2026-12-03 14:05",
    .total_time = 233.4,
    .questions = complete_questions,
    .question_count = COUNT(complete_questions),
};

/* ---- mixed --------------------------------------------------------------- */

static const char *const drift_points[] = {
    "Compare input distributions over time",
    "Alert on business metrics, not only model metrics",
};
static const struct report_take drift_takes[] = {
    { "recordings/01-drift-t1.wav", 12.0, 0, false },
    { "recordings/01-drift-t2.wav", 85.0, 0, false },
    { "recordings/01-drift-t3.wav", 110.2, 20.2, false },
};
static const bool drift_covered[] = { false, false };
static const struct report_assessment drift_assessments[] = {
    { "self", { 2, 3, 2, 0 }, drift_covered, "Rambled.\n\nTry again." },
};

static const char *const feature_points[] = {
    "Point-in-time correctness",
    "One definition for training and serving",
};
static const struct report_take feature_takes[] = {
    { "recordings/03-feature-store-t1.wav", 40.0, 0, true },
};

static const struct report_question mixed_questions[] = {
    {
        .number = 1,
        .id = "drift",
        .topic = "Detecting drift",
        .prompt = "How would you notice that a fraud model is going stale?",
        .reference = "Watch inputs, outputs and outcomes.",
        .key_points = drift_points,
        .key_point_count = COUNT(drift_points),
        .answer_time = 90,
        .state = REPORT_ANSWERED,
        .takes = drift_takes,
        .take_count = COUNT(drift_takes),
        .assessments = drift_assessments,
        .assessment_count = COUNT(drift_assessments),
    },
    {
        .number = 2,
        .id = "ab-test",
        .topic = "A/B testing a ranking change",
        .prompt = "Design the experiment.",
        .answer_time = 120,
        .state = REPORT_SKIPPED,
    },
    {
        .number = 3,
        .id = "feature-store",
        .topic = "Feature stores",
        .prompt = "When is a feature store worth it?",
        .key_points = feature_points,
        .key_point_count = COUNT(feature_points),
        .answer_time = 60,
        .state = REPORT_INTERRUPTED,
        .takes = feature_takes,
        .take_count = COUNT(feature_takes),
    },
    {
        .number = 4,
        .id = "labelling",
        .topic = "Labelling budget",
        .prompt = "You have money for 10,000 labels. Spend it.",
        .answer_time = 3600,
        .state = REPORT_PENDING,
    },
};

const struct report_session fixture_mixed = {
    .role = "ml-engineer",
    .title = "ML Engineer",
    .focus = "Models that stay good after launch",
    .thinking_pattern = "Data first",
    .date = "2026-12-04 09:30",
    .total_time = 3725.0,
    .questions = mixed_questions,
    .question_count = COUNT(mixed_questions),
};

/* ---- unanswered ---------------------------------------------------------- */

static const struct report_question unanswered_questions[] = {
    {
        .number = 1,
        .id = "scaling-laws",
        .topic = "Scaling laws",
        .prompt = "What do scaling laws tell you about your next run?",
        .answer_time = 150,
        .state = REPORT_SKIPPED,
    },
    {
        .number = 2,
        .id = "eval-contamination",
        .topic = "Benchmark contamination",
        .prompt = "How would you check a benchmark leaked into training?",
        .answer_time = 150,
        .state = REPORT_PENDING,
    },
};

const struct report_session fixture_unanswered = {
    .role = "ai-researcher",
    .title = "AI Researcher",
    .date = "2026-12-05 18:00",
    .total_time = 0,
    .questions = unanswered_questions,
    .question_count = COUNT(unanswered_questions),
};

/* ---- hostile ------------------------------------------------------------- */

static const char *const hostile_points[] = {
    "a | b || c",
    "# not a heading",
    "[x] fake tick",
    "<script>alert(1)</script>",
    "`code` and ``` fence",
    "line one\nline two\r\nline three",
};
static const bool hostile_covered[] = { true, false, true, false, true,
                                        false };
static const char *const hostile_follow_ups[] = {
    "- nested list?",
    "1. ordered?",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
};
static const char *const hostile_assesses[] = {
    "Ünïcödé — 日本語 ✓",
    "*bold* _it_ ~~gone~~ $x$ &amp; \\escaped\\",
};
static const struct report_take hostile_takes[] = {
    { "recordings/01 odd (name) #1.wav", 10, 0, false },
    { "recordings/01-\"quote\"&<x>.wav", 25, 5, false },
    { "javascript:alert(1)", 30, 10, false },
};
static const struct report_assessment hostile_assessments[] = {
    { "self | <b>me</b>", { 1, 2, 3, 9 }, hostile_covered,
      "# heading in notes\n> quote\n<div>html</div>\n\n| a | b |\n|---|---|" },
    { "`review`\nagain", { 5, 5, 5, 5 }, hostile_covered,
      "===\n---\n* * *" },
};

static const struct report_question hostile_questions[] = {
    {
        .number = 1,
        .id = "id`with`ticks | pipe",
        .topic = "Topic | with pipe <b>bold</b> # hash\nand newline",
        .prompt = "# Heading in prompt\n"
                  "| a | b |\n|---|---|\n"
                  "<script>alert('x')</script>\n"
                  "[link](javascript:alert(1))\n"
                  "```\nunclosed fence in prompt",
        .reference = "# Top heading\n"
                     "Setext title\n===\n"
                     "Another\n---\n"
                     "<div onclick=\"x\">raw html</div>\n"
                     "[bad](javascript:alert(1)) and "
                     "[good](https://ok.example/a)\n"
                     "![img](data:image/png;base64,AAAA)\n"
                     "###### Deep heading\n"
                     "```\n<b>inside fence</b>\n# not a heading\n",
        .key_points = hostile_points,
        .key_point_count = COUNT(hostile_points),
        .follow_ups = hostile_follow_ups,
        .follow_up_count = COUNT(hostile_follow_ups),
        .assesses = hostile_assesses,
        .assess_count = COUNT(hostile_assesses),
        .answer_time = 20,
        .state = REPORT_ANSWERED,
        .takes = hostile_takes,
        .take_count = COUNT(hostile_takes),
        .assessments = hostile_assessments,
        .assessment_count = COUNT(hostile_assessments),
    },
};

const struct report_session fixture_hostile = {
    .role = "<role>",
    .title = "Title <i>|</i> `x` # [y](javascript:z)",
    .focus = "focus\nwith\nlines | and pipes",
    .thinking_pattern = "***bold*** <u>u</u> &copy;",
    .date = "2026-12-06 | <now>",
    .total_time = 60,
    .questions = hostile_questions,
    .question_count = COUNT(hostile_questions),
};
