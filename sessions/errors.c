/*
 * The one way sessions/ fills in a caller's error record.
 */
#include <stdarg.h>
#include <stdio.h>

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
