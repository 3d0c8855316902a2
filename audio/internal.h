/*
 * audio/internal.h: declarations shared by the audio module's own files and
 * its tests, never by other modules.
 *
 * The capture path is: a source (the PortAudio callback, or the mic-file
 * thread) hands 16-bit mono blocks to audio_capture_deliver(), which copies
 * them into a single-producer, single-consumer ring; the writer thread in
 * capture.c drains the ring into the WAV file. Level and clipping figures
 * are computed by struct audio_stats, shared with audio_wav_analyse().
 */
#ifndef MI_AUDIO_INTERNAL_H
#define MI_AUDIO_INTERNAL_H

#include "audio/audio.h"

#include <sndfile.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* ---- ring buffer (ring.c) --------------------------------------------- */

/*
 * Lock-free ring of 16-bit samples for exactly one producer thread and one
 * consumer thread. `head` only grows in the producer, `tail` only in the
 * consumer; both count samples since the start and are masked on access,
 * so full and empty are told apart without a spare slot.
 */
struct audio_ring {
    int16_t *data;
    size_t capacity;               /* samples, a power of two */
    _Atomic size_t head;           /* samples written so far */
    _Atomic size_t tail;           /* samples read so far */
    _Atomic long overruns;         /* samples dropped because it was full */
};

/* Allocates room for at least `min_samples`; AUDIO_ERR_IO if out of memory. */
int audio_ring_init(struct audio_ring *ring, size_t min_samples);
void audio_ring_free(struct audio_ring *ring);

/*
 * Producer side. Copies as many samples as fit and counts the rest as
 * overruns. Never blocks, never allocates. Returns the number copied.
 */
size_t audio_ring_write(struct audio_ring *ring, const int16_t *samples,
                        size_t count);

/* Consumer side. Copies at most `max` samples; returns the number copied. */
size_t audio_ring_read(struct audio_ring *ring, int16_t *out, size_t max);

/* Samples waiting to be read (exact from the consumer's point of view). */
size_t audio_ring_available(struct audio_ring *ring);

long audio_ring_overruns(struct audio_ring *ring);

/* ---- level figures (analysis.c) --------------------------------------- */

#define AUDIO_SILENCE_DBFS (-120.0f)   /* what a block of zeros reports */
#define AUDIO_SILENT_BELOW (-50.0f)    /* dBFS RMS that counts as silence */

/*
 * Running figures over a stream of samples, fed block by block. RMS is
 * also judged over windows of about 50 ms, so a take counts as silent only
 * if no window rose above AUDIO_SILENT_BELOW.
 */
struct audio_stats {
    int64_t samples;
    double sum_squares;            /* over the whole stream */
    int peak;                      /* largest |sample|, up to 32768 */
    long clipped;                  /* samples at +32767 or -32768 */
    size_t window;                 /* samples per window */
    size_t window_fill;
    double window_squares;
    double loudest_window;         /* largest window mean square */
};

void audio_stats_init(struct audio_stats *stats, int rate);
void audio_stats_add(struct audio_stats *stats, const int16_t *samples,
                     size_t count);
float audio_stats_rms_dbfs(const struct audio_stats *stats);
float audio_stats_peak_dbfs(const struct audio_stats *stats);
bool audio_stats_silent(const struct audio_stats *stats);

/* dBFS of a mean square and of an amplitude, floored at AUDIO_SILENCE_DBFS. */
float audio_dbfs_from_mean_square(double mean_square);
float audio_dbfs_from_amplitude(double amplitude);

/* ---- WAV files (wav.c) ------------------------------------------------ */

/*
 * Creates `path` with O_CREAT|O_EXCL and mode 0600 and opens it as a 16-bit
 * mono WAV at `rate` through libsndfile, with the header brought up to
 * date after every write (SFC_SET_UPDATE_HEADER_AUTO). Never overwrites:
 * an existing file is AUDIO_ERR_IO. `*fd` receives the descriptor for
 * fdatasync; sf_close closes it.
 */
int audio_wav_create(const char *path, int rate, SNDFILE **out,
                     int *fd, struct audio_error *err);

/*
 * Writes all of `samples` or reports why not (disk full, file-size limit)
 * in `err`, naming `path`. Returns AUDIO_ERR_IO on a short write; the
 * samples that did reach the file are in `*written`.
 */
int audio_wav_write(SNDFILE *file, const char *path,
                    const int16_t *samples, size_t count, size_t *written,
                    struct audio_error *err);

/* Rewrites the header and flushes file data to disk (fdatasync). */
int audio_wav_sync(SNDFILE *file, int fd);

/* ---- capture sources (capture.c, micfile.c) --------------------------- */

/*
 * Hands one block of mono samples to the take's ring. Real-time safe: no
 * allocation, lock or I/O. Called from exactly one source thread.
 */
void audio_capture_deliver(struct audio_take *take, const int16_t *samples,
                           size_t count);

/* The source has nothing more to give: the take ends, not interrupted. */
void audio_capture_source_done(struct audio_take *take);

struct audio_micfile;

/*
 * Checks that `path` is a sound file libsndfile reads. `*rate` in: the
 * rate wanted (0 = the file's own); out: the file's rate. A file at another
 * rate than a wanted one is AUDIO_ERR_USAGE, as there is no resampling.
 */
int audio_micfile_check(const char *path, int *rate, struct audio_error *err);

/*
 * Starts a thread that reads `path` and delivers it to `take` in blocks of
 * 20 ms, paced in real time on the monotonic clock; several channels are
 * mixed down to mono. At the end of the file it calls
 * audio_capture_source_done().
 */
int audio_micfile_start(const char *path, struct audio_take *take,
                        struct audio_micfile **out, struct audio_error *err);

/* Stops the thread (within one block) and frees it. NULL is ignored. */
void audio_micfile_stop(struct audio_micfile *micfile);

/* ---- declarations added by the devices and player part follow ---------- */

/*
 * Points fd 2 at the session log (or /dev/null) until the matching
 * audio_quiet_end(), unless audio_init() was verbose. Wrap every PortAudio
 * call that may print (Pa_OpenStream, Pa_IsFormatSupported, Pa_CloseStream)
 * in a pair; pairs nest and are thread-safe, but never call them from an
 * audio callback. Other threads' stderr is hidden too while it lasts.
 */
void audio_quiet_begin(void);
void audio_quiet_end(void);

/* Formats a one-line message into err (which may be NULL). */
void audio_set_error(struct audio_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
