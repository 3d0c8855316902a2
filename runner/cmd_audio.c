/*
 * Commands about audio: devices, mic-check and repair.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <audio/audio.h>

#include "options.h"

#define MAX_DEVICES 128
#define METER_WIDTH 30
#define QUIET_DBFS -35.0f        /* speech under this needs more gain */
#define CLIPPING_SHARE 0.001     /* of samples at full scale */

static int start_audio(bool verbose)
{
    struct audio_error err;

    if (audio_init(verbose, NULL, &err) != AUDIO_OK)
        return runner_fail(EXIT_RUNTIME, "%s", err.message);
    return EXIT_OK;
}

/* PortAudio's long host API names, shortened to fit the table. */
static const char *api_name(const char *name)
{
    if (!strncmp(name, "JACK", 4))
        return "JACK";
    return name;
}

int cmd_devices(int argc, char **argv)
{
    struct audio_device_info *devices;
    struct args args;
    int status, count;

    if (!runner_begin("devices", argc, argv, &args, &status))
        return status;
    if (args.positional_count)
        return runner_usage("devices", "devices takes no arguments");
    if ((status = start_audio(args.session.verbose)))
        return status;
    devices = calloc(MAX_DEVICES, sizeof *devices);
    count = devices ? audio_devices_list(devices, MAX_DEVICES) : -1;
    if (count <= 0) {
        audio_shutdown();
        free(devices);
        return runner_fail(EXIT_RUNTIME, "no audio devices found; see "
                           "'Troubleshooting' in the README");
    }
    printf("  %3s  %-32s %-10s %3s %3s %7s\n", "#", "name", "api", "in",
           "out", "rate");
    for (int i = 0; i < count && i < MAX_DEVICES; i++) {
        const struct audio_device_info *d = &devices[i];

        printf("%c%c%3d  %-32.32s %-10.10s %3d %3d %7.0f\n",
               d->default_input ? '*' : ' ', d->default_output ? '>' : ' ',
               d->index, d->name, api_name(d->host_api), d->max_input_channels,
               d->max_output_channels, d->default_rate);
    }
    printf("\n* default input   > default output\n");
    free(devices);
    audio_shutdown();
    return EXIT_OK;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    nanosleep(&ts, NULL);
}

/* -60 dBFS and below is an empty bar, 0 dBFS a full one. */
static void draw_meter(const struct audio_live *live, bool tty)
{
    int filled = (int)lroundf((live->rms_dbfs + 60.0f) / 60.0f * METER_WIDTH);
    char bar[METER_WIDTH + 1];

    if (filled < 0)
        filled = 0;
    if (filled > METER_WIDTH)
        filled = METER_WIDTH;
    memset(bar, '#', (size_t)filled);
    memset(bar + filled, '.', (size_t)(METER_WIDTH - filled));
    bar[METER_WIDTH] = '\0';
    if (tty)
        printf("\r  [%s] %6.1f dBFS  %4.1f s", bar, live->rms_dbfs,
               live->seconds);
    else
        printf("  [%s] %6.1f dBFS  %4.1f s\n", bar, live->rms_dbfs,
               live->seconds);
    fflush(stdout);
}

static void record_with_meter(struct audio_take *take, int seconds)
{
    bool tty = isatty(STDOUT_FILENO);
    struct audio_live live;
    int tick = 0;

    for (;;) {
        audio_take_live(take, &live);
        if (live.ended || live.seconds >= seconds)
            break;
        /* A terminal gets 20 updates a second, a log one line a second. */
        if (tty || (live.started && tick % 20 == 0))
            draw_meter(&live, tty);
        sleep_ms(50);
        tick++;
    }
    if (tty)
        putchar('\n');
}

/* Plain words on the take; returns the exit status mic-check ends with. */
static int judge_take(const struct audio_take_result *r)
{
    long samples = r->frames > 0 ? (long)r->frames : 1;

    if (r->interrupted) {
        printf("broken: the microphone stopped delivering audio (%s)\n",
               r->problem);
        return EXIT_RUNTIME;
    }
    if (r->frames == 0 || r->silent) {
        printf("silent: nothing was heard (%.1f dBFS). Check that the "
               "microphone is plugged in and not muted, or pick another "
               "with --device.\n", r->rms_dbfs);
        return EXIT_RUNTIME;
    }
    if ((double)r->clipped / samples > CLIPPING_SHARE) {
        printf("clipping: %ld samples hit full scale. Lower the input gain "
               "or move back from the microphone.\n", r->clipped);
        return EXIT_OK;
    }
    if (r->rms_dbfs < QUIET_DBFS) {
        printf("too quiet: average level %.1f dBFS. Move closer or raise "
               "the input gain.\n", r->rms_dbfs);
        return EXIT_OK;
    }
    printf("fine: average level %.1f dBFS, %.1f s recorded.\n", r->rms_dbfs,
           r->seconds);
    return EXIT_OK;
}

static void play_back(const char *path)
{
    struct audio_player *player;
    struct audio_error err = { "" };
    int index;

    if (audio_device_resolve(NULL, false, &index, &err) != AUDIO_OK) {
        printf("no output device: skipping playback.\n");
        return;
    }
    if (audio_player_open(path, NULL, &player, &err) != AUDIO_OK) {
        printf("playback failed: %s\n", err.message);
        return;
    }
    if (audio_player_play(player) != AUDIO_OK) {
        printf("playback failed: the output device would not start.\n");
        audio_player_close(player);
        return;
    }
    printf("playing it back...\n");
    fflush(stdout);
    while (!audio_player_done(player))
        sleep_ms(50);
    audio_player_close(player);
}

static int check_microphone(const struct args *args, const char *path)
{
    struct audio_input_config config = {
        .device = args->session.device, .mic_file = args->session.mic_file,
        .rate = args->session.rate, .max_take = args->session.max_take,
    };
    struct audio_take_result result;
    struct audio_input *input;
    struct audio_take *take;
    struct audio_error err;
    int status, finished;

    if (audio_input_open(&config, &input, &err) != AUDIO_OK)
        return runner_fail(EXIT_RUNTIME, "%s", err.message);
    if (audio_input_notice(input))
        printf("%s\n", audio_input_notice(input));
    printf("Recording %d s from %s at %d Hz: speak as you would in an "
           "interview.\n", args->seconds, audio_input_name(input),
           audio_input_rate(input));
    fflush(stdout);
    if (audio_take_start(input, path, &take, &err) != AUDIO_OK) {
        audio_input_close(input);
        return runner_fail(EXIT_RUNTIME, "%s", err.message);
    }
    record_with_meter(take, args->seconds);
    finished = audio_take_finish(take, &result);
    audio_input_close(input);
    if (finished != AUDIO_OK)
        return runner_fail(EXIT_RUNTIME, "%s", result.problem);
    status = judge_take(&result);
    if (status == EXIT_OK && !args->no_playback)
        play_back(path);
    return status;
}

int cmd_mic_check(int argc, char **argv)
{
    char dir[] = "/tmp/mockinterview-mic.XXXXXX";
    char path[sizeof dir + 16];
    struct args args;
    int status;

    if (!runner_begin("mic-check", argc, argv, &args, &status))
        return status;
    if (args.positional_count)
        return runner_usage("mic-check", "unexpected argument '%s'",
                            args.positional[0]);
    if (!mkdtemp(dir))
        return runner_fail(EXIT_RUNTIME, "cannot make a folder in /tmp");
    snprintf(path, sizeof path, "%s/take.wav", dir);
    status = start_audio(args.session.verbose);
    if (status == EXIT_OK) {
        status = check_microphone(&args, path);
        audio_shutdown();
    }
    unlink(path);
    rmdir(dir);
    return status;
}

int cmd_repair(int argc, char **argv)
{
    struct args args;
    int status, worst = EXIT_OK;

    if (!runner_begin("repair", argc, argv, &args, &status))
        return status;
    if (args.positional_count == 0)
        return runner_usage("repair", "name at least one WAV file");
    for (int i = 0; i < args.positional_count; i++) {
        const char *path = args.positional[i];
        struct audio_repair repair;
        struct audio_error err;

        if (audio_wav_repair(path, &repair, &err) != AUDIO_OK) {
            runner_fail(EXIT_RUNTIME, "%s", err.message);
            worst = EXIT_RUNTIME;
        } else if (repair.changed) {
            printf("%s: header said %lld frames, data holds %lld "
                   "(%.1f s at %d Hz): fixed\n", path,
                   (long long)repair.frames_before,
                   (long long)repair.frames_after,
                   (double)repair.frames_after / repair.rate, repair.rate);
        } else {
            printf("%s: header already right (%.1f s)\n", path,
                   (double)repair.frames_after / repair.rate);
        }
    }
    return worst;
}
