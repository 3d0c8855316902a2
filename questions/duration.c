/*
 * Durations ("45s", "3m", "2m30s" or whole seconds), the effective time
 * limits of a question, and difficulty names.
 */
#include <string.h>

#include "questions/internal.h"

#define DURATION_MAX (24 * 60 * 60)   /* seconds; longer is a typo */

/* Reads up to 6 digits at *p; -1 when there are none or too many. */
static long duration_number(const char **p)
{
    long value = 0;
    int digits = 0;

    while (**p >= '0' && **p <= '9') {
        if (++digits > 6)
            return -1;
        value = value * 10 + (**p - '0');
        (*p)++;
    }
    return digits ? value : -1;
}

int questions_parse_duration(const char *text, int *seconds)
{
    const char *p = text;
    long minutes = 0, secs;

    if (!text)
        return -1;

    secs = duration_number(&p);
    if (secs < 0)
        return -1;

    if (*p == 'm') {
        minutes = secs;
        secs = 0;
        p++;
        if (*p) {
            secs = duration_number(&p);
            if (secs < 0 || secs >= 60 || *p != 's')
                return -1;
            p++;
        }
    } else if (*p == 's') {
        p++;
    }

    if (*p != '\0')
        return -1;
    secs += minutes * 60;
    if (secs > DURATION_MAX)
        return -1;
    *seconds = (int)secs;
    return 0;
}

int questions_think_time(const struct question_script *script,
                         const struct question *question)
{
    return question->think_time >= 0 ? question->think_time
                                     : script->think_time;
}

int questions_answer_time(const struct question_script *script,
                          const struct question *question)
{
    return question->answer_time >= 0 ? question->answer_time
                                      : script->answer_time;
}

static const char *const DIFFICULTY_NAMES[] = { "easy", "medium", "hard" };

const char *questions_difficulty_name(enum question_difficulty difficulty)
{
    if ((unsigned)difficulty > QUESTION_HARD)
        return "medium";
    return DIFFICULTY_NAMES[difficulty];
}

int questions_difficulty_parse(const char *name,
                               enum question_difficulty *out)
{
    for (int i = QUESTION_EASY; i <= QUESTION_HARD; i++) {
        if (name && strcmp(name, DIFFICULTY_NAMES[i]) == 0) {
            *out = (enum question_difficulty)i;
            return 0;
        }
    }
    return -1;
}
