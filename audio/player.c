/*
 * audio/player.c: plays a WAV file through PortAudio with pause, seek and
 * a position, for `mockinterview play` and the mic check.
 *
 * The whole file is read into memory at open, mixed down to mono 16-bit,
 * so the audio callback only copies from memory: no file I/O, allocation
 * or lock. Takes are mono 16-bit and capped at 30 minutes by default
 * (about 170 MB at 48 kHz); anything longer than AUDIO_PLAYER_MAX_SECONDS
 * is refused rather than loaded. The UI thread and the callback share only
 * atomics: the play cursor (frames handed to the device), the pause flag
 * and the end flag.
 */
#include "audio/internal.h"

#include <portaudio.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIO_PLAYER_MAX_SECONDS 7200.0

struct audio_player {
    PaStream *stream;
    int16_t *samples;              /* mono, the whole file */
    int64_t frames;
    int rate;
    int channels;                  /* of the output stream: 1 or 2 */
    _Atomic int64_t cursor;        /* next frame to hand to the device */
    atomic_bool paused;
    atomic_bool reached_end;       /* the callback returned paComplete */
    bool started;
    char path[1024];
    char device[160];
};

/* ---- loading ---------------------------------------------------------- */

/* Averages interleaved frames of `channels` samples into mono in place. */
static void mix_to_mono(int16_t *samples, int64_t frames, int channels)
{
    for (int64_t f = 0; f < frames; f++) {
        long sum = 0;

        for (int c = 0; c < channels; c++)
            sum += samples[f * channels + c];
        samples[f] = (int16_t)(sum / channels);
    }
}

static int read_samples(struct audio_player *p, SNDFILE *file,
                        const SF_INFO *info, struct audio_error *err)
{
    size_t count = (size_t)info->frames * (size_t)info->channels;
    sf_count_t got;

    p->samples = malloc(count ? count * sizeof(int16_t) : 1);
    if (p->samples == NULL) {
        audio_set_error(err, "%s: not enough memory to play it", p->path);
        return AUDIO_ERR_IO;
    }
    got = sf_readf_short(file, p->samples, info->frames);
    if (got < 0 || got != info->frames) {
        audio_set_error(err, "%s: read failed: %s", p->path, sf_strerror(file));
        return AUDIO_ERR_IO;
    }
    if (info->channels > 1)
        mix_to_mono(p->samples, info->frames, info->channels);
    p->frames = info->frames;
    p->rate = info->samplerate;
    return AUDIO_OK;
}

static int load_file(struct audio_player *p, struct audio_error *err)
{
    SF_INFO info;
    SNDFILE *file;
    int rc;

    memset(&info, 0, sizeof info);
    file = sf_open(p->path, SFM_READ, &info);
    if (file == NULL) {
        audio_set_error(err, "cannot open %s: %s", p->path, sf_strerror(NULL));
        return AUDIO_ERR_IO;
    }
    if (info.samplerate <= 0 || info.channels <= 0 ||
        (double)info.frames / info.samplerate > AUDIO_PLAYER_MAX_SECONDS) {
        audio_set_error(err, "%s: too long or not playable (%d Hz, %d channels)",
                  p->path, info.samplerate, info.channels);
        sf_close(file);
        return AUDIO_ERR_IO;
    }
    rc = read_samples(p, file, &info, err);
    sf_close(file);
    return rc;
}

/* ---- the callback ----------------------------------------------------- */

static void copy_frames(int16_t *out, const int16_t *in, unsigned long n,
                        int channels)
{
    if (channels == 1) {
        memcpy(out, in, n * sizeof *out);
        return;
    }
    for (unsigned long i = 0; i < n; i++)
        out[2 * i] = out[2 * i + 1] = in[i];
}

/*
 * Runs on PortAudio's thread: copies from memory, moves the cursor, and
 * ends the stream after the last frame. The cursor is advanced with a
 * compare-and-swap so that a seek made meanwhile is not overwritten.
 */
static int play_callback(const void *input, void *output,
                         unsigned long count,
                         const PaStreamCallbackTimeInfo *time,
                         PaStreamCallbackFlags flags, void *user)
{
    struct audio_player *p = user;
    int16_t *out = output;
    int64_t pos = atomic_load(&p->cursor);
    int64_t left = p->frames - pos;
    unsigned long n = left <= 0 ? 0
                      : (left < (int64_t)count ? (unsigned long)left : count);

    (void)input;
    (void)time;
    (void)flags;
    if (atomic_load(&p->paused)) {
        memset(out, 0, count * p->channels * sizeof *out);
        return paContinue;
    }

    copy_frames(out, p->samples + (pos < 0 ? 0 : pos), n, p->channels);
    memset(out + n * p->channels, 0,
           (count - n) * p->channels * sizeof *out);
    /* A seek that landed meanwhile wins: play on from there next time. */
    if (!atomic_compare_exchange_strong(&p->cursor, &pos,
                                        pos + (int64_t)n))
        return paContinue;
    if (pos + (int64_t)n < p->frames)
        return paContinue;

    atomic_store(&p->reached_end, true);
    return paComplete;
}

/* ---- the stream ------------------------------------------------------- */

static void output_params(PaStreamParameters *out, int device, int channels)
{
    const PaDeviceInfo *info = Pa_GetDeviceInfo(device);

    memset(out, 0, sizeof *out);
    out->device = device;
    out->channelCount = channels;
    out->sampleFormat = paInt16;
    out->suggestedLatency = info->defaultHighOutputLatency;
}

/* Mono where the device takes it, else stereo with the channel doubled. */
static int choose_channels(struct audio_player *p, int device,
                           PaStreamParameters *out, struct audio_error *err)
{
    PaError pa = paNoError;

    audio_quiet_begin();
    for (int channels = 1; channels <= 2; channels++) {
        output_params(out, device, channels);
        pa = Pa_IsFormatSupported(NULL, out, p->rate);
        if (pa == paFormatIsSupported) {
            p->channels = channels;
            break;
        }
    }
    audio_quiet_end();

    if (pa != paFormatIsSupported) {
        audio_set_error(err, "output device %s cannot play %s at %d Hz: %s",
                  p->device, p->path, p->rate, Pa_GetErrorText(pa));
        return AUDIO_ERR_DEVICE;
    }
    return AUDIO_OK;
}

static int open_stream(struct audio_player *p, const char *spec,
                       struct audio_error *err)
{
    PaStreamParameters out;
    int device;
    int rc;
    PaError pa;

    rc = audio_device_resolve(spec, false, &device, err);
    if (rc != AUDIO_OK)
        return rc;
    snprintf(p->device, sizeof p->device, "%s",
             Pa_GetDeviceInfo(device)->name);

    rc = choose_channels(p, device, &out, err);
    if (rc != AUDIO_OK)
        return rc;

    audio_quiet_begin();
    pa = Pa_OpenStream(&p->stream, NULL, &out, p->rate,
                       paFramesPerBufferUnspecified, paNoFlag,
                       play_callback, p);
    audio_quiet_end();
    if (pa != paNoError) {
        p->stream = NULL;
        audio_set_error(err, "cannot open output device %s: %s", p->device,
                  Pa_GetErrorText(pa));
        return AUDIO_ERR_DEVICE;
    }
    return AUDIO_OK;
}

/* ---- public ----------------------------------------------------------- */

/*
 * Loads `path` whole and opens (without starting) an output stream at the
 * file's rate on `device` (index, name substring, NULL = default output).
 * Needs audio_init(). Errors name the file or the device.
 */
int audio_player_open(const char *path, const char *device,
                      struct audio_player **out, struct audio_error *err)
{
    struct audio_player *p = calloc(1, sizeof *p);
    int rc;

    *out = NULL;
    if (p == NULL) {
        audio_set_error(err, "%s: not enough memory to play it", path);
        return AUDIO_ERR_IO;
    }
    snprintf(p->path, sizeof p->path, "%s", path);
    atomic_init(&p->cursor, 0);
    atomic_init(&p->paused, false);
    atomic_init(&p->reached_end, false);

    rc = load_file(p, err);
    if (rc == AUDIO_OK)
        rc = open_stream(p, device, err);
    if (rc != AUDIO_OK) {
        audio_player_close(p);
        return rc;
    }
    *out = p;
    return AUDIO_OK;
}

/*
 * Starts playing, resumes after a pause, or plays again once the stream
 * has finished (from the start if the cursor is at the end).
 */
int audio_player_play(struct audio_player *p)
{
    PaError pa = paNoError;

    atomic_store(&p->paused, false);
    if (p->started && Pa_IsStreamActive(p->stream) == 1)
        return AUDIO_OK;

    if (atomic_load(&p->cursor) >= p->frames)
        atomic_store(&p->cursor, 0);
    atomic_store(&p->reached_end, false);

    audio_quiet_begin();
    if (p->started && Pa_IsStreamStopped(p->stream) == 0)
        Pa_StopStream(p->stream);
    pa = Pa_StartStream(p->stream);
    audio_quiet_end();
    if (pa != paNoError)
        return AUDIO_ERR_DEVICE;
    p->started = true;
    return AUDIO_OK;
}

/* While paused the device gets silence and the position stands still. */
void audio_player_pause(struct audio_player *p, bool paused)
{
    atomic_store(&p->paused, paused);
}

/* Moves to `seconds` from the start, clamped to [0, duration]. */
void audio_player_seek(struct audio_player *p, double seconds)
{
    int64_t frame;

    if (!(seconds > 0))
        seconds = 0;
    frame = (int64_t)(seconds * p->rate + 0.5);
    if (frame > p->frames)
        frame = p->frames;
    atomic_store(&p->cursor, frame);
}

/*
 * Seconds handed to the device so far; ahead of what is heard by the
 * output latency (a fraction of a second), which a position bar can bear.
 */
double audio_player_position(const struct audio_player *p)
{
    struct audio_player *q = (struct audio_player *)p;

    return (double)atomic_load(&q->cursor) / p->rate;
}

double audio_player_duration(const struct audio_player *p)
{
    return (double)p->frames / p->rate;
}

/* True once the last frame was played out and the stream went quiet. */
bool audio_player_done(const struct audio_player *p)
{
    struct audio_player *q = (struct audio_player *)p;

    if (!p->started || !atomic_load(&q->reached_end))
        return false;
    return Pa_IsStreamActive(p->stream) != 1;
}

/* Stops the stream at once (no drain), closes it, frees the samples. */
void audio_player_close(struct audio_player *p)
{
    if (p == NULL)
        return;

    if (p->stream != NULL) {
        audio_quiet_begin();
        if (Pa_IsStreamStopped(p->stream) == 0)
            Pa_AbortStream(p->stream);
        Pa_CloseStream(p->stream);
        audio_quiet_end();
    }
    free(p->samples);
    free(p);
}
