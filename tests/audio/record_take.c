/*
 * record_take.c: a test-only recorder for the capture integration tests.
 * It records one take from a device or a mic file and prints the result
 * as key=value lines, so shell tests can kill it, limit its file size or
 * break its device and then check what it left.
 *
 *   record_take [--device D | --mic-file F] [--rate HZ] [--seconds S]
 *               [--max-take S] --out PATH
 *
 * It stops after S seconds of recorded audio (default 10) or when the take
 * ends by itself. "recording=1" is printed once the first frame arrived.
 * Exit status: 0 when the take was finished (interrupted or not), 1 when
 * it could not start, 2 on bad arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/audio.h"

struct options {
    struct audio_input_config config;
    double seconds;
    const char *out;
};

static int parse_options(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    o->seconds = 10.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *key = argv[i], *value = argv[i + 1];

        if (strcmp(key, "--device") == 0)
            o->config.device = value;
        else if (strcmp(key, "--mic-file") == 0)
            o->config.mic_file = value;
        else if (strcmp(key, "--rate") == 0)
            o->config.rate = atoi(value);
        else if (strcmp(key, "--seconds") == 0)
            o->seconds = atof(value);
        else if (strcmp(key, "--max-take") == 0)
            o->config.max_take = atof(value);
        else if (strcmp(key, "--out") == 0)
            o->out = value;
        else
            return -1;
    }
    return o->out != NULL && argc % 2 == 1 ? 0 : -1;
}

static void print_result(const struct audio_take_result *r, int rc)
{
    printf("finish=%d\nframes=%lld\nseconds=%.6f\nrate=%d\n", rc,
           (long long)r->frames, r->seconds, r->rate);
    printf("input_overflows=%ld\nring_overruns=%ld\nclipped=%ld\n",
           r->input_overflows, r->ring_overruns, r->clipped);
    printf("rms_dbfs=%.2f\nsilent=%d\ninterrupted=%d\ncapped=%d\n",
           r->rms_dbfs, r->silent, r->interrupted, r->capped);
    printf("problem=%s\n", r->problem);
}

/* Polls like the session's meter does, 20 times a second. */
static void wait_for_take(struct audio_take *take, double seconds)
{
    struct timespec nap = { 0, 50000000L };
    struct audio_live live;
    bool said = false;

    for (;;) {
        audio_take_live(take, &live);
        if (live.started && !said) {
            printf("recording=1\n");
            fflush(stdout);
            said = true;
        }
        if (live.ended || live.seconds >= seconds)
            return;
        nanosleep(&nap, NULL);
    }
}

static int record(const struct options *o)
{
    struct audio_input *input;
    struct audio_take *take;
    struct audio_take_result result;
    struct audio_error err;
    int rc;

    if (audio_input_open(&o->config, &input, &err) != AUDIO_OK) {
        fprintf(stderr, "record_take: %s\n", err.message);
        return 1;
    }
    if (audio_input_notice(input) != NULL)
        printf("notice=%s\n", audio_input_notice(input));
    printf("input=%s\n", audio_input_name(input));
    fflush(stdout);

    if (audio_take_start(input, o->out, &take, &err) != AUDIO_OK) {
        fprintf(stderr, "record_take: %s\n", err.message);
        audio_input_close(input);
        return 1;
    }
    wait_for_take(take, o->seconds);
    rc = audio_take_finish(take, &result);
    print_result(&result, rc);
    audio_input_close(input);
    return 0;
}

int main(int argc, char **argv)
{
    struct options o;
    struct audio_error err;
    int status;

    if (parse_options(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: record_take [--device D | --mic-file F] "
                        "[--rate HZ] [--seconds S] [--max-take S] "
                        "--out PATH\n");
        return 2;
    }
    if (audio_init(false, NULL, &err) != AUDIO_OK) {
        fprintf(stderr, "record_take: %s\n", err.message);
        return 1;
    }
    status = record(&o);
    audio_shutdown();
    return status;
}
