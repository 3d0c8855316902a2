/*
 * Runs one writer into memory and returns what it wrote (caller frees).
 */
#ifndef MI_TESTS_REPORTS_CAPTURE_H
#define MI_TESTS_REPORTS_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

#define CAPTURE(buf, call)                                      \
    do {                                                        \
        size_t capture_size_;                                   \
        FILE *out = open_memstream(&(buf), &capture_size_);     \
        assert_non_null(out);                                   \
        call;                                                   \
        assert_int_equal(fclose(out), 0);                       \
    } while (0)

#endif
