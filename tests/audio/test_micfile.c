/*
 * test_micfile.c: takes recorded from a WAV played as the microphone
 * (--mic-file), through the same ring, writer and audio_take_* calls as a
 * device. The sources are short because they play in real time.
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audio/internal.h"

#define RATE 16000

struct fixture {
    char dir[64];
    char source[128];
    char take[128];
};

static int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/mi-test-micfile.XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->source, sizeof f->source, "%s/source.wav", f->dir);
    snprintf(f->take, sizeof f->take, "%s/take.wav", f->dir);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* A half-scale tone with a counter mixed in, so a lost sample shows. */
static int16_t source_sample(int64_t i, int channel)
{
    double tone = 16000.0 * sin(2 * M_PI * 440.0 * (double)i / RATE);

    return (int16_t)(lround(tone) + (i % 97) + 100 * channel);
}

static void write_source(const char *path, int rate, int64_t frames,
                         int channels)
{
    SF_INFO info;
    SNDFILE *file;

    memset(&info, 0, sizeof info);
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    file = sf_open(path, SFM_WRITE, &info);
    assert_non_null(file);
    for (int64_t i = 0; i < frames; i++) {
        int16_t frame[2] = { source_sample(i, 0), source_sample(i, 1) };
        assert_int_equal(sf_writef_short(file, frame, 1), 1);
    }
    sf_close(file);
}

static void nap_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&t, NULL);
}

/* Waits for the take to end by itself; fails after `limit_ms`. */
static void wait_ended(struct audio_take *take, long limit_ms,
                       struct audio_live *live)
{
    for (long waited = 0; waited < limit_ms; waited += 20) {
        audio_take_live(take, live);
        if (live->ended)
            return;
        nap_ms(20);
    }
    fail_msg("the take did not end within %ld ms", limit_ms);
}

static int64_t read_take(const char *path, int16_t *out, int64_t max)
{
    SF_INFO info;
    SNDFILE *file;
    sf_count_t n;

    memset(&info, 0, sizeof info);
    file = sf_open(path, SFM_READ, &info);
    assert_non_null(file);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.samplerate, RATE);
    n = sf_read_short(file, out, max);
    assert_int_equal(n, info.frames);
    sf_close(file);
    return n;
}

static struct audio_input *open_file_input(const char *path, double max_take)
{
    struct audio_input_config config = { .mic_file = path,
                                         .max_take = max_take };
    struct audio_input *input = NULL;
    struct audio_error err;

    assert_int_equal(audio_input_open(&config, &input, &err), AUDIO_OK);
    assert_int_equal(audio_input_rate(input), RATE);
    assert_null(audio_input_notice(input));
    return input;
}

static void test_micfile_take_equals_source(void **state)
{
    struct fixture *f = *state;
    struct audio_input *input;
    struct audio_take *take;
    struct audio_take_result r;
    struct audio_live live;
    struct audio_error err;
    struct stat st;
    static int16_t got[2 * RATE];
    bool saw_level = false;
    int64_t n;

    write_source(f->source, RATE, RATE, 1);
    input = open_file_input(f->source, 0);
    assert_int_equal(audio_take_start(input, f->take, &take, &err), AUDIO_OK);

    for (int i = 0; i < 20; i++) {
        nap_ms(25);
        audio_take_live(take, &live);
        saw_level |= live.rms_dbfs > -12.0f && live.rms_dbfs < -5.0f;
    }
    assert_true(live.started);
    assert_true(saw_level);
    wait_ended(take, 3000, &live);
    assert_int_equal(audio_take_finish(take, &r), AUDIO_OK);

    assert_int_equal(r.frames, RATE);
    assert_float_equal(r.seconds, 1.0, 1e-9);
    assert_false(r.interrupted);
    assert_false(r.capped);
    assert_false(r.silent);
    assert_int_equal(r.ring_overruns, 0);
    assert_string_equal(r.problem, "");
    n = read_take(f->take, got, 2 * RATE);
    assert_int_equal(n, RATE);
    for (int64_t i = 0; i < n; i++)
        assert_int_equal(got[i], source_sample(i, 0));
    assert_int_equal(stat(f->take, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    audio_input_close(input);
}

static void test_micfile_take_is_paced_in_real_time(void **state)
{
    struct fixture *f = *state;
    struct audio_input *input;
    struct audio_take *take;
    struct audio_take_result r;
    struct audio_live live;
    struct audio_error err;

    write_source(f->source, RATE, RATE, 1);
    input = open_file_input(f->source, 0);
    assert_int_equal(audio_take_start(input, f->take, &take, &err), AUDIO_OK);
    nap_ms(500);
    audio_take_live(take, &live);
    assert_false(live.ended);
    assert_true(live.seconds > 0.2 && live.seconds < 0.7);
    assert_int_equal(audio_take_finish(take, &r), AUDIO_OK);
    assert_true(r.seconds > 0.2 && r.seconds < 0.8);
    assert_false(r.interrupted);
    audio_input_close(input);
}

static void test_micfile_take_capped(void **state)
{
    struct fixture *f = *state;
    struct audio_input *input;
    struct audio_take *take;
    struct audio_take_result r;
    struct audio_live live;
    struct audio_error err;
    static int16_t got[RATE];

    write_source(f->source, RATE, RATE, 1);
    input = open_file_input(f->source, 0.25);
    assert_int_equal(audio_take_start(input, f->take, &take, &err), AUDIO_OK);
    wait_ended(take, 2000, &live);
    assert_true(live.seconds < 0.3);
    assert_int_equal(audio_take_finish(take, &r), AUDIO_OK);
    assert_true(r.capped);
    assert_false(r.interrupted);
    assert_int_equal(r.frames, RATE / 4);
    assert_int_equal(read_take(f->take, got, RATE), RATE / 4);
    for (int64_t i = 0; i < RATE / 4; i++)
        assert_int_equal(got[i], source_sample(i, 0));
    audio_input_close(input);
}

static void test_micfile_pause_drops_frames(void **state)
{
    struct fixture *f = *state;
    struct audio_input *input;
    struct audio_take *take;
    struct audio_take_result r;
    struct audio_live live;
    struct audio_error err;

    write_source(f->source, RATE, RATE, 1);
    input = open_file_input(f->source, 0);
    assert_int_equal(audio_take_start(input, f->take, &take, &err), AUDIO_OK);
    nap_ms(200);
    audio_take_pause(take, true);
    nap_ms(500);
    audio_take_pause(take, false);
    wait_ended(take, 3000, &live);
    assert_int_equal(audio_take_finish(take, &r), AUDIO_OK);

    /* About 0.5 s of the 1 s source was dropped, and not as an error. */
    assert_true(r.seconds > 0.3 && r.seconds < 0.7);
    assert_false(r.interrupted);
    assert_int_equal(r.ring_overruns, 0);
    audio_input_close(input);
}

static void test_micfile_mixes_stereo_to_mono(void **state)
{
    struct fixture *f = *state;
    struct audio_input *input;
    struct audio_take *take;
    struct audio_take_result r;
    struct audio_live live;
    struct audio_error err;
    static int16_t got[RATE];

    write_source(f->source, RATE, RATE / 5, 2);
    input = open_file_input(f->source, 0);
    assert_int_equal(audio_take_start(input, f->take, &take, &err), AUDIO_OK);
    wait_ended(take, 2000, &live);
    assert_int_equal(audio_take_finish(take, &r), AUDIO_OK);
    assert_int_equal(read_take(f->take, got, RATE), RATE / 5);
    for (int64_t i = 0; i < RATE / 5; i++)
        assert_int_equal(got[i], source_sample(i, 0) + 50);
    audio_input_close(input);
}

static void test_micfile_rejects_bad_input(void **state)
{
    struct fixture *f = *state;
    struct audio_input_config config = { .mic_file = f->source };
    struct audio_input *input = NULL;
    struct audio_error err;

    assert_int_equal(audio_input_open(&config, &input, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, f->source));
    assert_null(input);

    write_source(f->source, RATE, 100, 1);
    config.rate = 48000;
    assert_int_equal(audio_input_open(&config, &input, &err),
                     AUDIO_ERR_USAGE);
    assert_non_null(strstr(err.message, "16000 Hz"));

    config.rate = 22050;
    assert_int_equal(audio_input_open(&config, &input, &err),
                     AUDIO_ERR_USAGE);
    assert_non_null(strstr(err.message, "22050"));
}

static void test_micfile_never_overwrites_a_take(void **state)
{
    struct fixture *f = *state;
    struct audio_input *input;
    struct audio_take *take = NULL;
    struct audio_error err;
    FILE *old;
    char line[32] = "";

    write_source(f->source, RATE, 100, 1);
    old = fopen(f->take, "w");
    assert_non_null(old);
    fputs("earlier answer\n", old);
    fclose(old);

    input = open_file_input(f->source, 0);
    assert_int_equal(audio_take_start(input, f->take, &take, &err),
                     AUDIO_ERR_IO);
    assert_null(take);
    assert_non_null(strstr(err.message, f->take));

    old = fopen(f->take, "r");
    assert_non_null(old);
    assert_non_null(fgets(line, sizeof line, old));
    fclose(old);
    assert_string_equal(line, "earlier answer\n");
    audio_input_close(input);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, \
                                                fixture_teardown)
        T(test_micfile_take_equals_source),
        T(test_micfile_take_is_paced_in_real_time),
        T(test_micfile_take_capped),
        T(test_micfile_pause_drops_frames),
        T(test_micfile_mixes_stereo_to_mono),
        T(test_micfile_rejects_bad_input),
        T(test_micfile_never_overwrites_a_take),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
