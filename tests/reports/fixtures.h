/*
 * Fixed sessions for the reports tests, built in C so every field is
 * known: the golden files in data/ are rendered from these.
 */
#ifndef MI_TESTS_REPORTS_FIXTURES_H
#define MI_TESTS_REPORTS_FIXTURES_H

#include <reports/reports.h>

/* Every question answered, with self and review assessments. */
extern const struct report_session fixture_complete;

/* Skipped, interrupted, several takes, overtime, no scores, not reached. */
extern const struct report_session fixture_mixed;

/* Nothing answered: one question skipped, one never reached. */
extern const struct report_session fixture_unanswered;

/* Hostile text in every string field. */
extern const struct report_session fixture_hostile;

#endif
