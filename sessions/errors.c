/*
 * The one way sessions/ fills in a caller's error record: a message and
 * the exit status the runner hands to the shell. A journal that cannot be
 * read maps to a status here and nowhere else, so run, resume, review,
 * play and report all answer the same problem with the same status.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

int session_fail(struct session_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->exit_code = code;
    return code;
}

void session_outcome_clear(struct session_outcome *outcome,
                           struct session_error *err)
{
    if (outcome)
        memset(outcome, 0, sizeof *outcome);
    err->exit_code = SESSION_EXIT_OK;
    err->message[0] = '\0';
}

/* No journal: no such session (usage); unreadable: runtime; else input. */
static int journal_exit_code(int kind)
{
    if (kind == JOURNAL_ERROR_MISSING)
        return SESSION_EXIT_USAGE;
    if (kind == JOURNAL_ERROR_IO)
        return SESSION_EXIT_RUNTIME;
    return SESSION_EXIT_INPUT;
}

int session_journal_load(const char *dir, struct journal *out,
                         struct session_error *err)
{
    struct journal_error jerr = { "", 0 };

    if (journal_load(dir, out, &jerr) == 0)
        return 0;
    return session_fail(err, journal_exit_code(jerr.kind), "%s",
                        jerr.message);
}
