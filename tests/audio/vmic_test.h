/*
 * tests/audio/vmic_test.h: helpers for test programs that drive PortAudio
 * through the virtual microphone and speaker of scripts/virtual-mic.sh.
 *
 * vmic_run_guarded() runs the tests in a child process and, whatever
 * becomes of the child (pass, fail, crash, hang), stops every virtual
 * device it started, so no jackd outlives the test. vmic_start() and
 * vmic_stop() set up and remove one virtual device, exporting the
 * script's variables (ALSA_CONFIG_PATH first of all) into this process;
 * call vmic_start() before audio_init() so PortAudio sees the devices.
 */
#ifndef MI_TESTS_AUDIO_VMIC_TEST_H
#define MI_TESTS_AUDIO_VMIC_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct vmic {
    char dir[512];
    char source_wav[512];     /* the exact samples the mic delivers */
    char playback_wav[512];   /* what was played to the speaker */
    long source_frames;
    int rate;
};

/*
 * Runs `run` in a child with a private folder for virtual devices, kills
 * it after `timeout_s` seconds, then stops what it left. Returns the exit
 * status for main(): the child's, or 1 if it crashed or timed out.
 */
int vmic_run_guarded(int (*run)(void), int timeout_s);

/*
 * Starts a virtual device named `name` (a folder in the private folder)
 * from `input_wav` at `rate`, with extra script `options` such as
 * "--realtime" or "--no-input" (may be ""). Returns 0 or -1.
 */
int vmic_start(struct vmic *vmic, const char *name, const char *options,
               const char *input_wav, int rate);

/* Stops the device (and its jackd) and removes its folder. */
void vmic_stop(struct vmic *vmic);

/*
 * Writes a mono 16-bit WAV of `frames` frames at `rate` whose samples
 * follow a fixed pseudo-random pattern over a tone, so every sample is
 * distinct enough to catch a shift or a drop. Returns 0 or -1.
 */
int vmic_write_wav(const char *path, int rate, int64_t frames, int channels);

/* The sample vmic_write_wav() puts at frame `i`. */
int16_t vmic_sample_at(int64_t i, int rate);

/* A file path inside the private folder, for fixtures the test writes. */
void vmic_scratch_path(char *out, size_t size, const char *name);

#endif
