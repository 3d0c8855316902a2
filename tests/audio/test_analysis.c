/*
 * test_analysis.c: level figures against values worked out by hand: a
 * sine of known amplitude, an exact count of full-scale samples, and the
 * silent flag on zeros, on faint noise and on faint noise with one word.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/internal.h"

#define RATE 48000
#define N RATE                   /* one second */

static int16_t buf[N];

static void fill_sine(double amplitude, double hz)
{
    for (int i = 0; i < N; i++)
        buf[i] = (int16_t)lround(amplitude * sin(2 * M_PI * hz * i / RATE));
}

/* Uniform noise in [-a, a]: RMS a / sqrt(3). Fixed seed, same every run. */
static void fill_noise(int a)
{
    unsigned x = 12345;

    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (int16_t)((int)((x >> 8) % (unsigned)(2 * a + 1)) - a);
    }
}

static void stats_of_buf(struct audio_stats *s)
{
    audio_stats_init(s, RATE);
    /* Uneven blocks, so windows straddle the calls. */
    for (int at = 0; at < N; at += 1000)
        audio_stats_add(s, buf + at, (size_t)(N - at < 1000 ? N - at : 1000));
}

static void test_analysis_sine_levels(void **state)
{
    struct audio_stats s;

    (void)state;
    /* Half scale: peak -6.02 dBFS, RMS 3.01 dB lower. */
    fill_sine(16384.0, 1000.0);
    stats_of_buf(&s);
    assert_float_equal(audio_stats_peak_dbfs(&s), -6.02, 0.1);
    assert_float_equal(audio_stats_rms_dbfs(&s), -9.03, 0.1);
    assert_int_equal(s.clipped, 0);
    assert_false(audio_stats_silent(&s));

    /* 1% of full scale: -40 dBFS peak, -43.01 RMS. */
    fill_sine(327.68, 440.0);
    stats_of_buf(&s);
    assert_float_equal(audio_stats_peak_dbfs(&s), -40.0, 0.1);
    assert_float_equal(audio_stats_rms_dbfs(&s), -43.01, 0.1);
    assert_false(audio_stats_silent(&s));
}

static void test_analysis_counts_clipped_samples(void **state)
{
    struct audio_stats s;

    (void)state;
    fill_sine(20000.0, 300.0);
    for (int i = 0; i < 50; i++)
        buf[i * 100] = 32767;
    for (int i = 0; i < 30; i++)
        buf[i * 100 + 7] = -32768;
    for (int i = 0; i < 20; i++)
        buf[i * 100 + 13] = -32767;
    buf[40000] = 32766;          /* close, but not full scale */
    stats_of_buf(&s);
    assert_int_equal(s.clipped, 100);
    assert_float_equal(audio_stats_peak_dbfs(&s), 0.0, 0.01);
}

static void test_analysis_zeros_are_silent(void **state)
{
    struct audio_stats s;

    (void)state;
    memset(buf, 0, sizeof buf);
    stats_of_buf(&s);
    assert_true(audio_stats_silent(&s));
    assert_float_equal(audio_stats_rms_dbfs(&s), AUDIO_SILENCE_DBFS, 1e-6);
    assert_float_equal(audio_stats_peak_dbfs(&s), AUDIO_SILENCE_DBFS, 1e-6);

    audio_stats_init(&s, RATE);
    assert_true(audio_stats_silent(&s));
    assert_float_equal(audio_stats_rms_dbfs(&s), AUDIO_SILENCE_DBFS, 1e-6);
}

static void test_analysis_faint_noise_is_silent(void **state)
{
    struct audio_stats s;

    (void)state;
    /* a = 40: RMS 23.1, about -63 dBFS; never exactly zero for long. */
    fill_noise(40);
    stats_of_buf(&s);
    assert_float_equal(audio_stats_rms_dbfs(&s),
                       20.0 * log10(40.0 / sqrt(3.0) / 32768.0), 0.1);
    assert_true(audio_stats_silent(&s));

    /* a = 300: about -44 dBFS, over the line. */
    fill_noise(300);
    stats_of_buf(&s);
    assert_false(audio_stats_silent(&s));
}

static void test_analysis_one_word_in_noise_is_not_silent(void **state)
{
    struct audio_stats s;

    (void)state;
    fill_noise(40);
    /* 100 ms at -20 dBFS in the middle: the whole-take RMS stays low. */
    for (int i = 24000; i < 28800; i++)
        buf[i] = (int16_t)lround(3276.8 * sin(2 * M_PI * 200.0 * i / RATE));
    stats_of_buf(&s);
    assert_false(audio_stats_silent(&s));
}

static void test_analysis_of_file_matches(void **state)
{
    char dir[] = "/tmp/mi-test-analysis.XXXXXX";
    char path[64];
    struct audio_analysis a;
    struct audio_error err;
    SNDFILE *file;
    size_t written;
    int fd;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a.wav", dir);
    fill_sine(16384.0, 1000.0);
    buf[10] = -32768;
    assert_int_equal(audio_wav_create(path, RATE, &file, &fd, &err), AUDIO_OK);
    assert_int_equal(audio_wav_write(file, path, buf, N, &written, &err),
                     AUDIO_OK);
    sf_close(file);

    assert_int_equal(audio_wav_analyse(path, &a, &err), AUDIO_OK);
    assert_float_equal(a.seconds, 1.0, 1e-9);
    assert_float_equal(a.rms_dbfs, -9.03, 0.1);
    assert_float_equal(a.peak_dbfs, 0.0, 0.01);
    assert_int_equal(a.clipped, 1);
    assert_false(a.silent);

    unlink(path);
    rmdir(dir);
    assert_int_equal(audio_wav_analyse(path, &a, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_analysis_sine_levels),
        cmocka_unit_test(test_analysis_counts_clipped_samples),
        cmocka_unit_test(test_analysis_zeros_are_silent),
        cmocka_unit_test(test_analysis_faint_noise_is_silent),
        cmocka_unit_test(test_analysis_one_word_in_noise_is_not_silent),
        cmocka_unit_test(test_analysis_of_file_matches),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
