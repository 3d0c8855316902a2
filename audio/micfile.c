/*
 * micfile.c: a sound file played as if it were a microphone (--mic-file).
 *
 * A thread reads the file through libsndfile in 20 ms blocks and hands
 * each block to the take at the moment a microphone would have delivered
 * it: block k is handed over at start + (k + 1) * 20 ms on the monotonic
 * clock, with absolute deadlines so that pacing does not drift. It feeds
 * the same ring and writer as PortAudio does, so demos and tests exercise
 * the real recording path. There is no resampling: the file's rate is the
 * take's rate. Several channels are averaged to mono.
 */
#include "audio/internal.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#define BLOCK_MS 20

struct audio_micfile {
    SNDFILE *file;
    int channels;
    int rate;                    /* Hz */
    size_t block;                /* frames per delivery */
    int16_t *frames;             /* block * channels, as read */
    int16_t *mono;               /* block */
    struct audio_take *take;
    pthread_t thread;
    atomic_bool stop;
};

static SNDFILE *micfile_open(const char *path, SF_INFO *info,
                             struct audio_error *err)
{
    SNDFILE *file;

    memset(info, 0, sizeof *info);
    file = sf_open(path, SFM_READ, info);
    if (file != NULL)
        return file;

    /* libsndfile's own text reads "System error : ...": say it plainly. */
    if (access(path, R_OK) != 0)
        audio_set_error(err, "mic file %s: %s", path, strerror(errno));
    else
        audio_set_error(err, "mic file %s: not a sound file that can be "
                        "read (%s)", path, sf_strerror(NULL));
    return NULL;
}

int audio_micfile_check(const char *path, int *rate, struct audio_error *err)
{
    SF_INFO info;
    SNDFILE *file = micfile_open(path, &info, err);

    if (file == NULL)
        return AUDIO_ERR_IO;
    sf_close(file);

    if (*rate != 0 && *rate != info.samplerate) {
        snprintf(err->message, sizeof err->message,
                 "mic file %s is at %d Hz, not %d Hz (no resampling; "
                 "convert it or pass --rate %d)", path, info.samplerate,
                 *rate, info.samplerate);
        return AUDIO_ERR_USAGE;
    }
    *rate = info.samplerate;
    return AUDIO_OK;
}

/* Averages interleaved frames into mono, rounding to nearest. */
static void micfile_mix(struct audio_micfile *m, size_t frames)
{
    for (size_t i = 0; i < frames; i++) {
        long sum = 0;

        for (int c = 0; c < m->channels; c++)
            sum += m->frames[i * (size_t)m->channels + (size_t)c];
        m->mono[i] = (int16_t)lround((double)sum / m->channels);
    }
}

static void micfile_advance(struct timespec *t, long ns)
{
    t->tv_nsec += ns;
    while (t->tv_nsec >= 1000000000L) {
        t->tv_nsec -= 1000000000L;
        t->tv_sec++;
    }
}

static void *micfile_run(void *arg)
{
    struct audio_micfile *m = arg;
    struct timespec deadline;

    clock_gettime(CLOCK_MONOTONIC, &deadline);
    while (!atomic_load(&m->stop)) {
        sf_count_t got = sf_readf_short(m->file, m->frames,
                                        (sf_count_t)m->block);

        if (got <= 0)
            break;
        micfile_advance(&deadline, (long)(got * 1000000000LL / m->rate));
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline,
                               NULL) == EINTR)
            ;
        if (m->channels > 1)
            micfile_mix(m, (size_t)got);
        audio_capture_deliver(m->take, m->channels == 1 ? m->frames : m->mono,
                              (size_t)got);
    }
    audio_capture_source_done(m->take);
    return NULL;
}

static void micfile_free(struct audio_micfile *m)
{
    if (m->file != NULL)
        sf_close(m->file);
    free(m->frames);
    free(m->mono);
    free(m);
}

static struct audio_micfile *micfile_alloc(const char *path,
                                           struct audio_error *err)
{
    struct audio_micfile *m = calloc(1, sizeof *m);
    SF_INFO info;

    if (m == NULL) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return NULL;
    }
    m->file = micfile_open(path, &info, err);
    if (m->file == NULL) {
        micfile_free(m);
        return NULL;
    }
    m->channels = info.channels;
    m->rate = info.samplerate;
    m->block = (size_t)info.samplerate * BLOCK_MS / 1000;
    m->frames = calloc(m->block * (size_t)m->channels, sizeof *m->frames);
    m->mono = calloc(m->block, sizeof *m->mono);
    if (m->frames == NULL || m->mono == NULL) {
        snprintf(err->message, sizeof err->message, "out of memory");
        micfile_free(m);
        return NULL;
    }
    return m;
}

int audio_micfile_start(const char *path, struct audio_take *take,
                        struct audio_micfile **out, struct audio_error *err)
{
    struct audio_micfile *m = micfile_alloc(path, err);

    *out = NULL;
    if (m == NULL)
        return AUDIO_ERR_IO;
    m->take = take;
    atomic_init(&m->stop, false);
    if (pthread_create(&m->thread, NULL, micfile_run, m) != 0) {
        snprintf(err->message, sizeof err->message,
                 "cannot start the mic-file thread for %s", path);
        micfile_free(m);
        return AUDIO_ERR_IO;
    }
    *out = m;
    return AUDIO_OK;
}

void audio_micfile_stop(struct audio_micfile *micfile)
{
    if (micfile == NULL)
        return;
    atomic_store(&micfile->stop, true);
    pthread_join(micfile->thread, NULL);
    micfile_free(micfile);
}
