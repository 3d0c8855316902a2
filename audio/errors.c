/*
 * The one way audio/ fills in a caller's error record.
 */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

void audio_set_error(struct audio_error *err, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}
