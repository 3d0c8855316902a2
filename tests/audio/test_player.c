/*
 * tests/audio/test_player.c: audio_player_* through PortAudio to the
 * virtual speaker of scripts/virtual-mic.sh, which writes what it is given
 * to VMIC_PLAYBACK_WAV. The unpaced device checks what is played, sample
 * for sample; the real-time one (a private jackd) checks pause, seek and
 * position against the clock.
 */
#include "audio/audio.h"
#include "vmic_test.h"

#include <setjmp.h>
#include <sndfile.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#define RATE 16000
#define TAKE_FRAMES (3 * RATE + 123)   /* not a whole number of buffers */

static struct vmic vmic;
static char take_path[600];

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

static int start_speaker(const char *name, const char *options)
{
    struct audio_error err = { "" };

    vmic_scratch_path(take_path, sizeof take_path, "take.wav");
    if (vmic_write_wav(take_path, RATE, TAKE_FRAMES, 1) != 0 ||
        vmic_start(&vmic, name, options, take_path, RATE) != 0)
        return -1;
    if (audio_init(false, NULL, &err) != AUDIO_OK) {
        fprintf(stderr, "audio_init: %s\n", err.message);
        vmic_stop(&vmic);
        return -1;
    }
    return 0;
}

static int setup_unpaced(void **state)
{
    (void)state;
    return start_speaker("unpaced", "");
}

static int setup_realtime(void **state)
{
    (void)state;
    return start_speaker("realtime", "--realtime");
}

static int teardown_speaker(void **state)
{
    (void)state;
    audio_shutdown();
    vmic_stop(&vmic);
    return 0;
}

static struct audio_player *open_take(const char *path)
{
    struct audio_error err = { "" };
    struct audio_player *player = NULL;
    int rc = audio_player_open(path, NULL, &player, &err);

    if (rc != AUDIO_OK)
        print_error("audio_player_open: %s\n", err.message);
    assert_int_equal(rc, AUDIO_OK);
    assert_non_null(player);
    return player;
}

/* Polls done() for at most `ms`; true if it came. */
static bool wait_done(struct audio_player *player, long ms)
{
    for (long waited = 0; waited < ms; waited += 10) {
        if (audio_player_done(player))
            return true;
        sleep_ms(10);
    }
    return audio_player_done(player);
}

/*
 * The speaker's file must hold the take's samples in order, none lost or
 * changed. PortAudio starts an ALSA output with a buffer of silence, so
 * up to a quarter of a second of zeros may come first; after the take
 * only the silence that pads the last buffer may follow.
 */
static void assert_played_take(void)
{
    SF_INFO info = { 0 };
    SNDFILE *played = sf_open(vmic.playback_wav, SFM_READ, &info);
    short *got;
    sf_count_t n, lead = 0;

    assert_non_null(played);
    assert_int_equal(info.samplerate, RATE);
    assert_int_equal(info.channels, 1);
    assert_in_range(info.frames, TAKE_FRAMES, TAKE_FRAMES + RATE / 2);

    got = calloc((size_t)info.frames, sizeof *got);
    assert_non_null(got);
    n = sf_readf_short(played, got, info.frames);
    sf_close(played);
    assert_int_equal(n, info.frames);
    while (lead < n && got[lead] == 0)
        lead++;
    assert_in_range(lead, 0, RATE / 4);
    assert_in_range(n - lead, TAKE_FRAMES, TAKE_FRAMES + RATE / 4);

    for (sf_count_t i = 0; i < TAKE_FRAMES; i++)
        if (got[lead + i] != vmic_sample_at(i, RATE))
            fail_msg("frame %ld: played %d, take has %d", (long)i,
                     got[lead + i], vmic_sample_at(i, RATE));
    for (sf_count_t i = lead + TAKE_FRAMES; i < n; i++)
        assert_int_equal(got[i], 0);
    free(got);
}

/* ---- unpaced: what is played ------------------------------------------ */

static void test_player_plays_take_exactly(void **state)
{
    struct audio_player *player = open_take(take_path);

    (void)state;
    assert_false(audio_player_done(player));
    assert_true(audio_player_duration(player) > 3.007 &&
                audio_player_duration(player) < 3.008);
    assert_int_equal(audio_player_play(player), AUDIO_OK);
    assert_true(wait_done(player, 10000));
    assert_true(audio_player_position(player) ==
                audio_player_duration(player));
    audio_player_close(player);

    assert_played_take();
}

static void test_player_mixes_stereo_to_mono(void **state)
{
    char stereo[600];
    struct audio_player *player;

    (void)state;
    vmic_scratch_path(stereo, sizeof stereo, "stereo.wav");
    assert_int_equal(vmic_write_wav(stereo, RATE, TAKE_FRAMES, 2), 0);
    player = open_take(stereo);
    assert_int_equal(audio_player_play(player), AUDIO_OK);
    assert_true(wait_done(player, 10000));
    audio_player_close(player);

    assert_played_take();
}

static void test_player_open_errors_name_the_cause(void **state)
{
    struct audio_error err = { "" };
    struct audio_player *player = (struct audio_player *)&err;
    char missing[600];

    (void)state;
    vmic_scratch_path(missing, sizeof missing, "missing.wav");
    assert_int_equal(audio_player_open(missing, NULL, &player, &err),
                     AUDIO_ERR_IO);
    assert_null(player);
    assert_non_null(strstr(err.message, missing));

    assert_int_equal(audio_player_open(take_path, "nosuch", &player, &err),
                     AUDIO_ERR_DEVICE);
    assert_null(player);
    assert_non_null(strstr(err.message, "\"nosuch\""));

    assert_int_equal(audio_player_open(take_path, "virtmic", &player, &err),
                     AUDIO_ERR_DEVICE);
    assert_non_null(strstr(err.message, "no output device"));
}

/* ---- real time: pause, seek, position --------------------------------- */

static void test_player_position_moves_and_pause_holds(void **state)
{
    struct audio_player *player = open_take(take_path);
    double before, held;

    (void)state;
    assert_true(audio_player_position(player) == 0.0);
    assert_int_equal(audio_player_play(player), AUDIO_OK);
    sleep_ms(700);
    before = audio_player_position(player);
    assert_true(before > 0.3 && before < 1.6);

    audio_player_pause(player, true);
    sleep_ms(200);
    held = audio_player_position(player);
    sleep_ms(400);
    assert_true(audio_player_position(player) == held);
    assert_false(audio_player_done(player));

    audio_player_pause(player, false);
    sleep_ms(400);
    assert_true(audio_player_position(player) > held + 0.1);
    audio_player_close(player);
}

static void test_player_seek_clamps(void **state)
{
    struct audio_player *player = open_take(take_path);
    double duration = audio_player_duration(player);

    (void)state;
    audio_player_seek(player, 100.0);
    assert_true(audio_player_position(player) == duration);
    audio_player_seek(player, -3.0);
    assert_true(audio_player_position(player) == 0.0);
    audio_player_seek(player, 1.25);
    assert_true(audio_player_position(player) == 1.25);

    assert_int_equal(audio_player_play(player), AUDIO_OK);
    sleep_ms(300);
    assert_true(audio_player_position(player) > 1.3);
    audio_player_seek(player, duration - 0.3);
    assert_false(audio_player_done(player));
    assert_true(wait_done(player, 3000));
    assert_true(audio_player_position(player) == duration);
    audio_player_close(player);
}

static void test_player_plays_again_after_done(void **state)
{
    struct audio_player *player = open_take(take_path);

    (void)state;
    audio_player_seek(player, audio_player_duration(player) - 0.2);
    assert_int_equal(audio_player_play(player), AUDIO_OK);
    assert_true(wait_done(player, 3000));

    assert_int_equal(audio_player_play(player), AUDIO_OK);
    assert_false(audio_player_done(player));
    sleep_ms(300);
    assert_true(audio_player_position(player) > 0.1);
    assert_true(audio_player_position(player) < 1.5);
    audio_player_close(player);
}

static int run_suites(void)
{
    const struct CMUnitTest unpaced[] = {
        cmocka_unit_test(test_player_plays_take_exactly),
        cmocka_unit_test(test_player_mixes_stereo_to_mono),
        cmocka_unit_test(test_player_open_errors_name_the_cause),
    };
    const struct CMUnitTest realtime[] = {
        cmocka_unit_test(test_player_position_moves_and_pause_holds),
        cmocka_unit_test(test_player_seek_clamps),
        cmocka_unit_test(test_player_plays_again_after_done),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("unpaced speaker", unpaced,
                                          setup_unpaced, teardown_speaker);
    failed += cmocka_run_group_tests_name("real-time speaker", realtime,
                                          setup_realtime, teardown_speaker);
    return failed == 0 ? 0 : 1;
}

int main(void)
{
    return vmic_run_guarded(run_suites, 90);
}
