/*
 * bench/record_bench.c: records one take through the audio library's real
 * capture path (PortAudio callback, ring, writer thread, WAV) for a given
 * wall-clock time, for bench/record.sh to weigh against arecord.
 *
 *   record_bench DEVICE RATE SECONDS OUT.wav
 *
 * DEVICE is a --device spec ("" for the default). Prints one line of
 * key=value figures on stdout; CPU time and memory are measured from
 * outside by the script, so they cover start-up and shutdown too.
 */
#include "audio/audio.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int fail(const char *what, const struct audio_error *err)
{
    fprintf(stderr, "record_bench: %s: %s\n", what, err->message);
    return 1;
}

/* Sleeps in 50 ms steps, reading the live figures as the UI would. */
static void wait_wall(struct audio_take *take, double seconds)
{
    struct timespec step = { 0, 50 * 1000000L };
    struct audio_live live;

    for (double t = 0; t < seconds; t += 0.05) {
        nanosleep(&step, NULL);
        audio_take_live(take, &live);
        if (live.ended)
            break;
    }
}

int main(int argc, char **argv)
{
    struct audio_error err = { "" };
    struct audio_input_config config = { 0 };
    struct audio_input *input = NULL;
    struct audio_take *take = NULL;
    struct audio_take_result result;

    if (argc != 5) {
        fprintf(stderr, "usage: record_bench DEVICE RATE SECONDS OUT.wav\n");
        return 2;
    }
    config.device = argv[1][0] != '\0' ? argv[1] : NULL;
    config.rate = atoi(argv[2]);

    if (audio_init(false, NULL, &err) != AUDIO_OK)
        return fail("init", &err);
    if (audio_input_open(&config, &input, &err) != AUDIO_OK)
        return fail("input", &err);
    if (audio_take_start(input, argv[4], &take, &err) != AUDIO_OK)
        return fail("take", &err);

    wait_wall(take, atof(argv[3]));
    audio_take_finish(take, &result);
    audio_input_close(input);
    audio_shutdown();

    printf("frames=%lld seconds=%.3f input_overflows=%ld ring_overruns=%ld "
           "interrupted=%d problem=\"%s\"\n", (long long)result.frames,
           result.seconds, result.input_overflows, result.ring_overruns,
           result.interrupted, result.problem);
    return result.interrupted ? 1 : 0;
}
