/*
 * audio: microphone capture to crash-safe WAV files, device listing,
 * playback and level analysis.
 *
 * Capture runs through PortAudio (or a WAV file played as a microphone,
 * paced in real time). The audio callback only copies 16-bit samples into
 * a lock-free ring buffer and updates level figures; a writer thread drains
 * the ring into a 16-bit mono WAV through libsndfile and brings the header
 * up to date at least once a second, so a killed process leaves a playable
 * file. This module never prints: failures come back in struct audio_error.
 */
#ifndef MI_AUDIO_H
#define MI_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum audio_status_code {
    AUDIO_OK = 0,
    AUDIO_ERR_DEVICE = -1,   /* no device, bad device, stream failure */
    AUDIO_ERR_IO = -2,       /* file or disk problem */
    AUDIO_ERR_USAGE = -3,    /* bad argument: rate, ambiguous device name */
};

struct audio_error {
    char message[512];       /* one line, names the device or file */
};

#define AUDIO_DEFAULT_RATE 48000
#define AUDIO_DEFAULT_MAX_TAKE 1800.0   /* seconds */

/*
 * Starts PortAudio with ALSA and JACK start-up chatter kept off the
 * terminal: sent to `log_path` (may be NULL to discard) unless verbose.
 * Safe to call more than once; audio_shutdown undoes the last one.
 */
int audio_init(bool verbose, const char *log_path, struct audio_error *err);
void audio_shutdown(void);

struct audio_device_info {
    int index;
    char name[160];
    char host_api[48];
    int max_input_channels;
    int max_output_channels;
    double default_rate;
    bool default_input;
    bool default_output;
};

/*
 * Number of devices; fills at most `max` entries of `out`. Needs
 * audio_init(); AUDIO_ERR_DEVICE before it.
 */
int audio_devices_list(struct audio_device_info *out, int max);

/*
 * Resolves an index or a case-insensitive name substring to a device with
 * input (or output) channels. NULL or "" means the default device. An
 * ambiguous substring is AUDIO_ERR_USAGE naming the matches; a name equal
 * to the spec (ignoring case) wins over names merely containing it. No
 * device, an index out of range or without channels that way, or no match
 * is AUDIO_ERR_DEVICE. Needs audio_init().
 */
int audio_device_resolve(const char *spec, bool input, int *index,
                         struct audio_error *err);

struct audio_input_config {
    const char *device;      /* index, name substring, NULL = default */
    const char *mic_file;    /* WAV played as the mic instead of a device */
    int rate;                /* Hz; 0 = AUDIO_DEFAULT_RATE */
    double max_take;         /* seconds; 0 = AUDIO_DEFAULT_MAX_TAKE */
};

struct audio_input;

/*
 * Checks the device and the rate (falling back to the device's default
 * rate when the requested one is unsupported, see audio_input_notice) and
 * keeps the choice for the takes to come. Opens no stream yet.
 */
int audio_input_open(const struct audio_input_config *config,
                     struct audio_input **out, struct audio_error *err);
int audio_input_rate(const struct audio_input *input);
const char *audio_input_name(const struct audio_input *input);
const char *audio_input_notice(const struct audio_input *input); /* or NULL */
void audio_input_close(struct audio_input *input);

struct audio_take;

/*
 * Opens `wav_path` (created 0600, never overwriting an existing file),
 * opens and starts the stream, and starts the writer thread. Returns
 * AUDIO_OK, or an error with the file removed again: a take that never
 * started leaves nothing behind.
 */
int audio_take_start(struct audio_input *input, const char *wav_path,
                     struct audio_take **out, struct audio_error *err);

/* Pausing drops incoming frames but keeps the stream and file open. */
void audio_take_pause(struct audio_take *take, bool paused);

struct audio_live {
    int64_t frames;          /* written to the file so far */
    double seconds;          /* frames / rate */
    bool started;            /* the first frame has arrived */
    bool ended;              /* stream failed, disk failed or cap reached */
    float rms_dbfs;          /* last ~50 ms; -120 for silence */
    float peak_dbfs;
    long overflows;          /* input overflows + ring overruns */
};

/* Cheap; safe to call about 20 times a second from the UI thread. */
void audio_take_live(struct audio_take *take, struct audio_live *live);

struct audio_take_result {
    int64_t frames;
    double seconds;          /* frames / rate */
    int rate;
    long input_overflows;    /* reported by the device */
    long ring_overruns;      /* frames the writer could not keep up with */
    long clipped;            /* samples at full scale */
    float rms_dbfs;          /* whole take */
    bool silent;             /* RMS stayed under about -50 dBFS */
    bool interrupted;        /* device vanished, stalled 2 s, or disk error */
    bool capped;             /* reached max_take */
    char problem[512];       /* why it was interrupted, or "" */
};

/*
 * Stops the stream, drains the ring, finalises the WAV header, closes the
 * file and frees the take. Returns 0, or AUDIO_ERR_IO if the file could
 * not be finished; `result` is filled either way.
 */
int audio_take_finish(struct audio_take *take, struct audio_take_result *result);

/* A WAV whose size fields disagree with its data length is rewritten. */
struct audio_repair {
    bool changed;
    int64_t frames_before;   /* what the header said */
    int64_t frames_after;    /* what the data holds */
    int rate;
};

/*
 * Rewrites the RIFF and data sizes of a 16-bit PCM WAV from the real data
 * length (whole frames) when they disagree; a right header is left alone.
 * Returns AUDIO_OK, or AUDIO_ERR_IO for a file that is not such a WAV or
 * cannot be read or written, with err naming it.
 */
int audio_wav_repair(const char *path, struct audio_repair *out,
                     struct audio_error *err);

/* Length and rate of a WAV, through libsndfile. */
int audio_wav_info(const char *path, double *seconds, int *rate,
                   struct audio_error *err);

/* Level figures of a whole file, as in audio_take_result. */
struct audio_analysis {
    double seconds;
    float rms_dbfs;
    float peak_dbfs;
    long clipped;
    bool silent;
};

/* Reads the whole file; AUDIO_OK or AUDIO_ERR_IO naming the file. */
int audio_wav_analyse(const char *path, struct audio_analysis *out,
                      struct audio_error *err);

/*
 * Playback of a WAV file (read whole into memory, several channels mixed
 * to mono) on an output device: index, name substring, NULL = default.
 * Needs audio_init(). open loads the file and opens the stream at the
 * file's rate without starting it; errors name the file or the device.
 * play starts, resumes, or (once done) plays again from the start if the
 * cursor is at the end. pause(true) sends silence and holds the position.
 * seek moves to `seconds` clamped to [0, duration]; after done, call play
 * to hear from there. position is in seconds handed to the device (ahead
 * of what is heard by the output latency). done is true once the last
 * frame has been played out. close stops at once and frees; NULL is fine.
 */
struct audio_player;

int audio_player_open(const char *path, const char *device,
                      struct audio_player **out, struct audio_error *err);
int audio_player_play(struct audio_player *player);
void audio_player_pause(struct audio_player *player, bool paused);
void audio_player_seek(struct audio_player *player, double seconds);
double audio_player_position(const struct audio_player *player);
double audio_player_duration(const struct audio_player *player);
bool audio_player_done(const struct audio_player *player);
void audio_player_close(struct audio_player *player);

#endif
