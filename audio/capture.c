/*
 * capture.c: inputs and takes. An input is a checked choice of device (or
 * mic file) and rate; a take records it into one WAV file.
 *
 * Three threads touch a take. The source (the PortAudio callback, or the
 * mic-file thread) only copies samples into the ring and publishes levels
 * through atomics. The writer thread drains the ring into the file (whose
 * header libsndfile keeps current), flushes it to disk every
 * SYNC_INTERVAL, enforces the length cap and
 * runs the watchdog; when the take ends on its own (device gone, stalled,
 * disk full, cap, end of mic file) it finalises the header and stops. The
 * caller's thread owns the stream: it opens and starts it in
 * audio_take_start, and stops and closes it in audio_take_finish, after
 * the writer has finished and the file is closed. While a device take
 * runs, fd 2 stays quiet (audio_quiet_begin): PortAudio reports a failing
 * device by printing from its own thread, which no call of ours wraps.
 */
#include "audio/internal.h"

#include <errno.h>
#include <math.h>
#include <portaudio.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SYNC_INTERVAL 0.5        /* s between fdatasync calls */
#define WATCHDOG_SECONDS 2.0     /* s without frames before a take ends */
#define WRITER_NAP_NS 100000000L /* the writer drains the ring every 100 ms */
#define RING_SECONDS 4           /* ring capacity, rounded up to 2^n */
#define INPUT_LATENCY 0.25       /* s suggested to PortAudio */
#define WRITE_BLOCK 4096         /* samples per sf_write_short */

struct audio_input {
    int device;                  /* PortAudio index; -1 for a mic file */
    char *mic_file;
    int rate;
    double max_take;             /* s */
    char name[200];
    char notice[300];
};

struct audio_take {
    const struct audio_input *input;
    char *path;
    SNDFILE *file;
    int fd;
    struct audio_ring ring;
    PaStream *stream;
    struct audio_micfile *micfile;
    pthread_t writer;
    int64_t max_frames;

    /* Touched only by the source thread. */
    size_t level_window;         /* samples per published level */
    size_t level_fill;
    double level_squares;
    int level_peak;

    /* Shared between threads. */
    atomic_bool paused;
    atomic_bool accepting;       /* false once the writer has stopped */
    atomic_bool stopping;        /* the owner is stopping the source */
    atomic_bool stop;            /* the source is stopped: drain and exit */
    atomic_bool stream_done;     /* PortAudio finished the stream */
    atomic_bool source_done;     /* the mic file reached its end */
    atomic_bool ended;
    atomic_long input_overflows;
    atomic_llong frames_in;      /* frames handed over by the source */
    atomic_llong frames;         /* frames in the file */
    _Atomic float level_rms;     /* dBFS */
    _Atomic float level_peak_db; /* dBFS */

    /* Owned by the writer thread until it is joined. */
    struct audio_stats stats;
    bool interrupted;
    bool capped;
    char problem[512];
};

/* ---- inputs ------------------------------------------------------------ */

static int input_check_rate(int rate, struct audio_error *err)
{
    if (rate == 16000 || rate == 44100 || rate == 48000)
        return AUDIO_OK;
    snprintf(err->message, sizeof err->message,
             "unsupported rate %d Hz (use 16000, 44100 or 48000)", rate);
    return AUDIO_ERR_USAGE;
}

static bool input_rate_works(int device, int rate)
{
    PaStreamParameters p;
    PaError pe;

    memset(&p, 0, sizeof p);
    p.device = device;
    p.channelCount = 1;
    p.sampleFormat = paInt16;
    p.suggestedLatency = INPUT_LATENCY;
    audio_quiet_begin();
    pe = Pa_IsFormatSupported(&p, NULL, rate);
    audio_quiet_end();
    return pe == paFormatIsSupported;
}

/* Settles on the requested rate, or the device's default with a notice. */
static int input_pick_rate(struct audio_input *in, const PaDeviceInfo *info,
                           struct audio_error *err)
{
    int fallback = (int)info->defaultSampleRate;

    if (input_rate_works(in->device, in->rate))
        return AUDIO_OK;
    if (fallback > 0 && input_rate_works(in->device, fallback)) {
        snprintf(in->notice, sizeof in->notice,
                 "%s does not record at %d Hz; recording at %d Hz instead",
                 in->name, in->rate, fallback);
        in->rate = fallback;
        return AUDIO_OK;
    }
    snprintf(err->message, sizeof err->message,
             "input device '%s' cannot record 16-bit mono at %d Hz",
             in->name, in->rate);
    return AUDIO_ERR_DEVICE;
}

static int input_open_device(struct audio_input *in, const char *spec,
                             struct audio_error *err)
{
    const PaDeviceInfo *info;
    int rc = audio_device_resolve(spec, true, &in->device, err);

    if (rc != AUDIO_OK)
        return rc;
    info = Pa_GetDeviceInfo(in->device);
    if (info == NULL || info->maxInputChannels < 1) {
        snprintf(err->message, sizeof err->message,
                 "input device %d is not available "
                 "(see `mockinterview devices`)", in->device);
        return AUDIO_ERR_DEVICE;
    }
    snprintf(in->name, sizeof in->name, "%s", info->name);
    return input_pick_rate(in, info, err);
}

static int input_open_file(struct audio_input *in, const char *path,
                           bool rate_given, struct audio_error *err)
{
    int rate = rate_given ? in->rate : 0;
    int rc = audio_micfile_check(path, &rate, err);

    if (rc != AUDIO_OK)
        return rc;
    in->device = -1;
    in->rate = rate;
    in->mic_file = strdup(path);
    if (in->mic_file == NULL) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return AUDIO_ERR_IO;
    }
    snprintf(in->name, sizeof in->name, "mic file %s", path);
    return AUDIO_OK;
}

int audio_input_open(const struct audio_input_config *config,
                     struct audio_input **out, struct audio_error *err)
{
    struct audio_input *in = calloc(1, sizeof *in);
    int rc;

    *out = NULL;
    if (in == NULL) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return AUDIO_ERR_IO;
    }
    in->rate = config->rate > 0 ? config->rate : AUDIO_DEFAULT_RATE;
    in->max_take = config->max_take > 0 ? config->max_take
                                        : AUDIO_DEFAULT_MAX_TAKE;

    rc = input_check_rate(in->rate, err);
    if (rc == AUDIO_OK && config->mic_file != NULL)
        rc = input_open_file(in, config->mic_file, config->rate > 0, err);
    else if (rc == AUDIO_OK)
        rc = input_open_device(in, config->device, err);
    if (rc != AUDIO_OK) {
        audio_input_close(in);
        return rc;
    }
    *out = in;
    return AUDIO_OK;
}

int audio_input_rate(const struct audio_input *input)
{
    return input->rate;
}

const char *audio_input_name(const struct audio_input *input)
{
    return input->name;
}

const char *audio_input_notice(const struct audio_input *input)
{
    return input->notice[0] != '\0' ? input->notice : NULL;
}

void audio_input_close(struct audio_input *input)
{
    if (input == NULL)
        return;
    free(input->mic_file);
    free(input);
}

/* ---- the source side (real-time safe) ---------------------------------- */

static void capture_publish_levels(struct audio_take *take)
{
    double mean = take->level_squares / (double)take->level_fill;

    atomic_store(&take->level_rms, audio_dbfs_from_mean_square(mean));
    atomic_store(&take->level_peak_db,
                 audio_dbfs_from_amplitude(take->level_peak));
    take->level_fill = 0;
    take->level_squares = 0.0;
    take->level_peak = 0;
}

static void capture_measure(struct audio_take *take, const int16_t *s,
                            size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int magnitude = s[i] < 0 ? -s[i] : s[i];

        if (magnitude > take->level_peak)
            take->level_peak = magnitude;
        take->level_squares += (double)s[i] * s[i];
        if (++take->level_fill == take->level_window)
            capture_publish_levels(take);
    }
}

void audio_capture_deliver(struct audio_take *take, const int16_t *samples,
                           size_t count)
{
    atomic_fetch_add(&take->frames_in, (long long)count);
    if (atomic_load(&take->paused) || !atomic_load(&take->accepting))
        return;
    audio_ring_write(&take->ring, samples, count);
    capture_measure(take, samples, count);
}

void audio_capture_source_done(struct audio_take *take)
{
    atomic_store(&take->source_done, true);
}

static int capture_callback(const void *input, void *output,
                            unsigned long frames,
                            const PaStreamCallbackTimeInfo *time,
                            PaStreamCallbackFlags flags, void *user)
{
    struct audio_take *take = user;

    (void)output;
    (void)time;
    if (flags & paInputOverflow)
        atomic_fetch_add(&take->input_overflows, 1);
    if (input != NULL)
        audio_capture_deliver(take, input, frames);
    return paContinue;
}

static void capture_stream_finished(void *user)
{
    struct audio_take *take = user;

    atomic_store(&take->stream_done, true);
}

/* ---- the writer thread ------------------------------------------------- */

static double capture_now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void capture_end(struct audio_take *take, bool interrupted,
                        const char *why)
{
    take->interrupted = interrupted;
    snprintf(take->problem, sizeof take->problem, "%s", why);
}

/* Writes one block; false when the take must end (disk error or cap). */
static bool capture_write(struct audio_take *take, const int16_t *block,
                          size_t n)
{
    struct audio_error err;
    size_t written = 0;
    int rc = audio_wav_write(take->file, take->path, block, n, &written,
                             &err);

    audio_stats_add(&take->stats, block, written);
    atomic_fetch_add(&take->frames, (long long)written);
    if (rc != AUDIO_OK) {
        capture_end(take, true, err.message);
        return false;
    }
    if (atomic_load(&take->frames) >= take->max_frames) {
        take->capped = true;
        return false;
    }
    return true;
}

/* Empties the ring into the file; false when the take must end. */
static bool capture_drain(struct audio_take *take)
{
    int16_t block[WRITE_BLOCK];

    for (;;) {
        int64_t room = take->max_frames - atomic_load(&take->frames);
        size_t want = room < WRITE_BLOCK ? (size_t)room : WRITE_BLOCK;
        size_t n = audio_ring_read(&take->ring, block, want);

        if (n == 0)
            return true;
        if (!capture_write(take, block, n))
            return false;
    }
}

/* Why the take should end now, or NULL to go on. */
static const char *capture_check_source(struct audio_take *take, double now,
                                        double *last_progress,
                                        long long *seen)
{
    long long in = atomic_load(&take->frames_in);

    if (atomic_load(&take->stream_done) && !atomic_load(&take->stopping))
        return "stopped delivering audio (failed or disconnected)";

    if (in != *seen || atomic_load(&take->paused)) {
        *seen = in;
        *last_progress = now;
    } else if (now - *last_progress >= WATCHDOG_SECONDS) {
        return "delivered no audio for 2 s";
    }
    return NULL;
}

static void capture_report_source(struct audio_take *take, const char *why)
{
    char text[512];

    snprintf(text, sizeof text, "input '%.200s' %s; take kept in %.200s",
             take->input->name, why, take->path);
    capture_end(take, true, text);
}

static void capture_nap(void)
{
    struct timespec t = { 0, WRITER_NAP_NS };

    nanosleep(&t, NULL);
}

static void capture_run(struct audio_take *take)
{
    double now = capture_now();
    double last_sync = now, last_progress = now;
    long long seen = 0;

    while (capture_drain(take)) {
        const char *why;

        now = capture_now();
        if (now - last_sync >= SYNC_INTERVAL) {
            /* A disk that cannot sync will not keep the take either. */
            if (audio_wav_sync(take->file, take->fd) != AUDIO_OK) {
                char why[512];

                snprintf(why, sizeof why, "cannot sync %.400s: %s",
                         take->path, strerror(errno));
                capture_end(take, true, why);
                return;
            }
            last_sync = now;
        }

        /* Flags are read before the last drain, so nothing is left. */
        if (atomic_load(&take->stop) || atomic_load(&take->source_done)) {
            capture_drain(take);
            return;
        }
        why = capture_check_source(take, now, &last_progress, &seen);
        if (why != NULL) {
            if (capture_drain(take))
                capture_report_source(take, why);
            return;
        }
        capture_nap();
    }
}

static void *capture_writer(void *arg)
{
    struct audio_take *take = arg;

    capture_run(take);
    atomic_store(&take->accepting, false);
    audio_wav_sync(take->file, take->fd);
    atomic_store(&take->ended, true);
    return NULL;
}

/* ---- takes ------------------------------------------------------------- */

static void take_close_stream(struct audio_take *take)
{
    if (take->stream == NULL)
        return;
    audio_quiet_begin();
    Pa_CloseStream(take->stream);
    audio_quiet_end();
    take->stream = NULL;
}

static int take_open_stream(struct audio_take *take, struct audio_error *err)
{
    PaStreamParameters p;
    PaError pe;

    memset(&p, 0, sizeof p);
    p.device = take->input->device;
    p.channelCount = 1;
    p.sampleFormat = paInt16;
    p.suggestedLatency = INPUT_LATENCY;
    audio_quiet_begin();
    pe = Pa_OpenStream(&take->stream, &p, NULL, take->input->rate,
                       paFramesPerBufferUnspecified, paClipOff,
                       capture_callback, take);
    if (pe == paNoError)
        pe = Pa_SetStreamFinishedCallback(take->stream,
                                          capture_stream_finished);
    audio_quiet_end();
    if (pe == paNoError)
        return AUDIO_OK;

    snprintf(err->message, sizeof err->message,
             "cannot open input device '%s': %s", take->input->name,
             Pa_GetErrorText(pe));
    take_close_stream(take);
    return AUDIO_ERR_DEVICE;
}

static int take_start_source(struct audio_take *take, struct audio_error *err)
{
    PaError pe;

    if (take->input->mic_file != NULL)
        return audio_micfile_start(take->input->mic_file, take,
                                   &take->micfile, err);
    audio_quiet_begin();
    pe = Pa_StartStream(take->stream);
    audio_quiet_end();
    if (pe == paNoError)
        return AUDIO_OK;
    snprintf(err->message, sizeof err->message,
             "cannot start input device '%s': %s", take->input->name,
             Pa_GetErrorText(pe));
    return AUDIO_ERR_DEVICE;
}

static struct audio_take *take_alloc(struct audio_input *input,
                                     const char *path)
{
    struct audio_take *take = calloc(1, sizeof *take);

    if (take == NULL)
        return NULL;
    take->path = strdup(path);
    if (take->path == NULL ||
        audio_ring_init(&take->ring, (size_t)input->rate * RING_SECONDS)) {
        free(take->path);
        free(take);
        return NULL;
    }
    take->input = input;
    take->fd = -1;
    take->max_frames = (int64_t)llround(input->max_take * input->rate);
    if (take->max_frames < 1)
        take->max_frames = 1;
    take->level_window = (size_t)input->rate / 20;
    audio_stats_init(&take->stats, input->rate);
    atomic_init(&take->accepting, true);
    atomic_init(&take->level_rms, AUDIO_SILENCE_DBFS);
    atomic_init(&take->level_peak_db, AUDIO_SILENCE_DBFS);
    return take;
}

static void take_free(struct audio_take *take)
{
    audio_ring_free(&take->ring);
    free(take->path);
    free(take);
}

/* Undoes a start that failed before any sample could be recorded. */
static void take_abandon(struct audio_take *take, bool writer_running)
{
    atomic_store(&take->stopping, true);
    atomic_store(&take->stop, true);
    if (writer_running)
        pthread_join(take->writer, NULL);
    if (take->file != NULL) {
        sf_close(take->file);
        unlink(take->path);
    }
    take_close_stream(take);
    take_free(take);
}

int audio_take_start(struct audio_input *input, const char *wav_path,
                     struct audio_take **out, struct audio_error *err)
{
    struct audio_take *take = take_alloc(input, wav_path);
    int rc;

    *out = NULL;
    if (take == NULL) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return AUDIO_ERR_IO;
    }
    /* A file-size limit must show up as a failed write, not a kill. */
    signal(SIGXFSZ, SIG_IGN);

    rc = input->mic_file != NULL ? AUDIO_OK : take_open_stream(take, err);
    if (rc == AUDIO_OK)
        rc = audio_wav_create(wav_path, input->rate, &take->file, &take->fd,
                              err);
    if (rc != AUDIO_OK) {
        take_abandon(take, false);
        return rc;
    }
    if (pthread_create(&take->writer, NULL, capture_writer, take) != 0) {
        snprintf(err->message, sizeof err->message,
                 "cannot start the writer thread for %s", wav_path);
        take_abandon(take, false);
        return AUDIO_ERR_IO;
    }
    rc = take_start_source(take, err);
    if (rc != AUDIO_OK) {
        take_abandon(take, true);
        return rc;
    }
    if (take->stream != NULL)
        audio_quiet_begin();
    *out = take;
    return AUDIO_OK;
}

void audio_take_pause(struct audio_take *take, bool paused)
{
    atomic_store(&take->paused, paused);
}

void audio_take_live(struct audio_take *take, struct audio_live *live)
{
    bool ended = atomic_load(&take->ended);

    live->frames = atomic_load(&take->frames);
    live->seconds = (double)live->frames / take->input->rate;
    live->started = atomic_load(&take->frames_in) > 0;
    live->ended = ended;
    live->rms_dbfs = ended ? AUDIO_SILENCE_DBFS : atomic_load(&take->level_rms);
    live->peak_dbfs = ended ? AUDIO_SILENCE_DBFS
                            : atomic_load(&take->level_peak_db);
    live->overflows = atomic_load(&take->input_overflows) +
                      audio_ring_overruns(&take->ring);
}

/*
 * Stops the source so that no sample arrives after `stop` is raised. A
 * stream that stalled (its callbacks stopped) is aborted, since stopping
 * it waits for callbacks that may never come.
 */
static void take_stop_source(struct audio_take *take)
{
    atomic_store(&take->stopping, true);
    if (take->micfile != NULL)
        audio_micfile_stop(take->micfile);
    take->micfile = NULL;

    if (take->stream != NULL && !atomic_load(&take->stream_done)) {
        audio_quiet_begin();
        if (atomic_load(&take->ended) && take->interrupted)
            Pa_AbortStream(take->stream);
        else
            Pa_StopStream(take->stream);
        audio_quiet_end();
    }
    atomic_store(&take->stop, true);
}

static void take_fill_result(struct audio_take *take,
                             struct audio_take_result *r)
{
    memset(r, 0, sizeof *r);
    r->frames = atomic_load(&take->frames);
    r->rate = take->input->rate;
    r->seconds = (double)r->frames / r->rate;
    r->input_overflows = atomic_load(&take->input_overflows);
    r->ring_overruns = audio_ring_overruns(&take->ring);
    r->clipped = take->stats.clipped;
    r->rms_dbfs = audio_stats_rms_dbfs(&take->stats);
    r->silent = audio_stats_silent(&take->stats);
    r->interrupted = take->interrupted;
    r->capped = take->capped;
    snprintf(r->problem, sizeof r->problem, "%s", take->problem);
}

/* After a failed write the sizes may count a partial frame; make them exact. */
static void take_tidy_header(struct audio_take *take)
{
    struct audio_repair repair;
    struct audio_error err;

    audio_wav_repair(take->path, &repair, &err);
}

int audio_take_finish(struct audio_take *take, struct audio_take_result *result)
{
    int rc = AUDIO_OK;

    take_stop_source(take);
    pthread_join(take->writer, NULL);

    if (sf_close(take->file) != 0) {
        rc = AUDIO_ERR_IO;
        take->interrupted = true;
        if (take->problem[0] == '\0')
            snprintf(take->problem, sizeof take->problem,
                     "cannot finish %s", take->path);
    }
    if (take->interrupted)
        take_tidy_header(take);
    if (take->stream != NULL) {
        take_close_stream(take);
        audio_quiet_end();
    }

    take_fill_result(take, result);
    take_free(take);
    return rc;
}
