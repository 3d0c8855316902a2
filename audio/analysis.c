/*
 * analysis.c: level, clipping and silence figures for takes and files.
 *
 * Levels are in dBFS relative to a full-scale square wave (32768), so a
 * full-scale sine reads about -3 dBFS RMS. Clipped samples are those at
 * +-32767 or -32768. A take is "silent" when no
 * window of about 50 ms rose above AUDIO_SILENT_BELOW RMS: judged on
 * energy, so hiss from an open but muted microphone still counts as
 * silence while a short spoken word does not.
 */
#include "audio/internal.h"

#include <math.h>
#include <sndfile.h>
#include <stdio.h>
#include <string.h>

#define FULL_SCALE 32768.0

float audio_dbfs_from_mean_square(double mean_square)
{
    double db;

    if (mean_square <= 0.0)
        return AUDIO_SILENCE_DBFS;
    db = 10.0 * log10(mean_square / (FULL_SCALE * FULL_SCALE));
    return db < AUDIO_SILENCE_DBFS ? AUDIO_SILENCE_DBFS : (float)db;
}

float audio_dbfs_from_amplitude(double amplitude)
{
    return audio_dbfs_from_mean_square(amplitude * amplitude);
}

void audio_stats_init(struct audio_stats *stats, int rate)
{
    memset(stats, 0, sizeof *stats);
    stats->window = rate > 20 ? (size_t)rate / 20 : 1;
}

/* Closes the current window and remembers it if it is the loudest yet. */
static void stats_close_window(struct audio_stats *stats)
{
    double mean = stats->window_squares / (double)stats->window_fill;

    if (mean > stats->loudest_window)
        stats->loudest_window = mean;
    stats->window_fill = 0;
    stats->window_squares = 0.0;
}

void audio_stats_add(struct audio_stats *stats, const int16_t *samples,
                     size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int s = samples[i];
        int magnitude = s < 0 ? -s : s;
        double square = (double)s * s;

        if (magnitude > stats->peak)
            stats->peak = magnitude;
        if (magnitude >= 32767)
            stats->clipped++;
        stats->sum_squares += square;
        stats->window_squares += square;
        if (++stats->window_fill == stats->window)
            stats_close_window(stats);
    }
    stats->samples += (int64_t)count;
}

float audio_stats_rms_dbfs(const struct audio_stats *stats)
{
    if (stats->samples == 0)
        return AUDIO_SILENCE_DBFS;
    return audio_dbfs_from_mean_square(stats->sum_squares /
                                       (double)stats->samples);
}

float audio_stats_peak_dbfs(const struct audio_stats *stats)
{
    return audio_dbfs_from_amplitude(stats->peak);
}

/* A take shorter than one window is judged on the part it has. */
bool audio_stats_silent(const struct audio_stats *stats)
{
    double loudest = stats->loudest_window;

    if (stats->window_fill > 0) {
        double tail = stats->window_squares / (double)stats->window_fill;
        if (tail > loudest)
            loudest = tail;
    }
    return audio_dbfs_from_mean_square(loudest) < AUDIO_SILENT_BELOW;
}

static int analyse_file(SNDFILE *file, const SF_INFO *info,
                        struct audio_analysis *out)
{
    struct audio_stats stats;
    int16_t block[4096];
    sf_count_t got;
    int channels = info->channels;

    /* Windows count samples of every channel, so scale them to ~50 ms. */
    audio_stats_init(&stats, info->samplerate * channels);
    while ((got = sf_read_short(file, block, 4096 - 4096 % channels)) > 0)
        audio_stats_add(&stats, block, (size_t)got);

    out->seconds = info->samplerate > 0 ?
        (double)(stats.samples / channels) / info->samplerate : 0.0;
    out->rms_dbfs = audio_stats_rms_dbfs(&stats);
    out->peak_dbfs = audio_stats_peak_dbfs(&stats);
    out->clipped = stats.clipped;
    out->silent = audio_stats_silent(&stats);
    return sf_error(file) == SF_ERR_NO_ERROR ? AUDIO_OK : AUDIO_ERR_IO;
}

int audio_wav_analyse(const char *path, struct audio_analysis *out,
                      struct audio_error *err)
{
    SF_INFO info;
    SNDFILE *file;
    int rc;

    memset(&info, 0, sizeof info);
    memset(out, 0, sizeof *out);
    file = sf_open(path, SFM_READ, &info);
    if (file == NULL) {
        snprintf(err->message, sizeof err->message, "%s: %s", path,
                 sf_strerror(NULL));
        return AUDIO_ERR_IO;
    }

    rc = analyse_file(file, &info, out);
    if (rc != AUDIO_OK)
        snprintf(err->message, sizeof err->message, "%s: read error: %s",
                 path, sf_strerror(file));
    sf_close(file);
    return rc;
}
