/*
 * audio/devices.c: starting and stopping PortAudio quietly, listing its
 * devices and turning a user's --device text into a device index.
 *
 * ALSA, JACK and PortAudio all write diagnostics straight to the process's
 * standard error while they probe devices, which would scribble over the
 * terminal UI. ALSA and JACK take handler functions, installed here; for
 * PortAudio's own lines the only door is file descriptor 2, so around the
 * noisy calls (initialise, open, close, terminate) fd 2 is pointed at the
 * session log or /dev/null and put back afterwards (audio_quiet_begin/end,
 * shared with the rest of the module). With `verbose`, all of it stays on
 * the terminal.
 */
#include "audio/internal.h"

#include <alsa/asoundlib.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jack/jack.h>
#include <portaudio.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Guards everything below; never taken from an audio callback. */
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;

static int init_count;          /* audio_init calls not yet shut down */
static bool verbose_mode;
static char log_file[4096];     /* "" = discard the chatter */
static FILE *log_stream;        /* where ALSA and JACK handlers write */
static int quiet_depth;         /* nested audio_quiet_begin calls */
static int saved_stderr = -1;   /* the real fd 2 while quiet */

/* ---- keeping library chatter off the terminal ------------------------- */

/*
 * ALSA's error hook. Messages go to the log as one line each, or nowhere.
 * It may run on any thread, including PortAudio's; a line-buffered stdio
 * stream keeps each message whole.
 */
static void alsa_message(const char *file, int line, const char *function,
                         int error, const char *fmt, ...)
{
    va_list ap;

    if (log_stream == NULL)
        return;
    fprintf(log_stream, "alsa: %s:%d (%s) ", file, line, function);
    va_start(ap, fmt);
    vfprintf(log_stream, fmt, ap);
    va_end(ap);
    if (error != 0)
        fprintf(log_stream, ": %s", snd_strerror(error));
    fputc('\n', log_stream);
}

static void jack_message(const char *message)
{
    if (log_stream != NULL)
        fprintf(log_stream, "jack: %s\n", message);
}

/* Opens the chatter's destination for appending: the log, or /dev/null. */
static int open_sink(void)
{
    const char *path = log_file[0] != '\0' ? log_file : "/dev/null";

    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

void audio_quiet_begin(void)
{
    int sink;

    pthread_mutex_lock(&state_lock);
    if (verbose_mode || quiet_depth++ > 0)
        goto out;

    fflush(stderr);
    sink = open_sink();
    saved_stderr = sink < 0 ? -1 : fcntl(2, F_DUPFD_CLOEXEC, 3);
    if (saved_stderr >= 0)
        dup2(sink, 2);
    if (sink >= 0)
        close(sink);
out:
    pthread_mutex_unlock(&state_lock);
}

void audio_quiet_end(void)
{
    pthread_mutex_lock(&state_lock);
    if (verbose_mode || quiet_depth == 0 || --quiet_depth > 0)
        goto out;

    if (saved_stderr >= 0) {
        fflush(stderr);
        dup2(saved_stderr, 2);
        close(saved_stderr);
        saved_stderr = -1;
    }
out:
    pthread_mutex_unlock(&state_lock);
}

/*
 * Installs the ALSA and JACK hooks. The log is opened as its own stream
 * (not through fd 2) so library messages reach it whenever they come.
 */
static void install_handlers(void)
{
    if (verbose_mode)
        return;

    if (log_file[0] != '\0') {
        int fd = open_sink();

        log_stream = fd < 0 ? NULL : fdopen(fd, "a");
        if (log_stream == NULL && fd >= 0)
            close(fd);
        if (log_stream != NULL)
            setvbuf(log_stream, NULL, _IOLBF, 0);
    }
    snd_lib_error_set_handler(alsa_message);
    jack_set_error_function(jack_message);
    jack_set_info_function(jack_message);
}

static void remove_handlers(void)
{
    if (verbose_mode)
        return;

    snd_lib_error_set_handler(NULL);
    jack_set_error_function(NULL);
    jack_set_info_function(NULL);
    if (log_stream != NULL)
        fclose(log_stream);
    log_stream = NULL;
}

/* ---- start and stop --------------------------------------------------- */

static int start_portaudio(struct audio_error *err)
{
    PaError pa;

    /* PortAudio's JACK host API would otherwise try to launch jackd. */
    setenv("JACK_NO_START_SERVER", "1", 1);

    audio_quiet_begin();
    pa = Pa_Initialize();
    audio_quiet_end();
    if (pa != paNoError) {
        audio_set_error(err, "cannot start the audio system: %s",
                  Pa_GetErrorText(pa));
        return AUDIO_ERR_DEVICE;
    }
    return AUDIO_OK;
}

int audio_init(bool verbose, const char *log_path, struct audio_error *err)
{
    int rc;

    pthread_mutex_lock(&state_lock);
    if (init_count > 0) {
        init_count++;
        pthread_mutex_unlock(&state_lock);
        return AUDIO_OK;
    }
    verbose_mode = verbose;
    snprintf(log_file, sizeof log_file, "%s", log_path ? log_path : "");
    install_handlers();
    pthread_mutex_unlock(&state_lock);

    rc = start_portaudio(err);

    pthread_mutex_lock(&state_lock);
    if (rc == AUDIO_OK)
        init_count = 1;
    else
        remove_handlers();
    pthread_mutex_unlock(&state_lock);
    return rc;
}

void audio_shutdown(void)
{
    bool last;

    pthread_mutex_lock(&state_lock);
    last = init_count == 1;
    if (init_count > 0)
        init_count--;
    pthread_mutex_unlock(&state_lock);
    if (!last)
        return;

    audio_quiet_begin();
    Pa_Terminate();
    audio_quiet_end();

    pthread_mutex_lock(&state_lock);
    remove_handlers();
    pthread_mutex_unlock(&state_lock);
}

/* ---- listing ---------------------------------------------------------- */

static void fill_info(int index, const PaDeviceInfo *dev,
                      struct audio_device_info *info)
{
    const PaHostApiInfo *api = Pa_GetHostApiInfo(dev->hostApi);

    memset(info, 0, sizeof *info);
    info->index = index;
    snprintf(info->name, sizeof info->name, "%s", dev->name);
    snprintf(info->host_api, sizeof info->host_api, "%s",
             api ? api->name : "?");
    info->max_input_channels = dev->maxInputChannels;
    info->max_output_channels = dev->maxOutputChannels;
    info->default_rate = dev->defaultSampleRate;
    info->default_input = index == Pa_GetDefaultInputDevice();
    info->default_output = index == Pa_GetDefaultOutputDevice();
}

int audio_devices_list(struct audio_device_info *out, int max)
{
    int count = Pa_GetDeviceCount();

    if (count < 0)
        return AUDIO_ERR_DEVICE;

    for (int i = 0; i < count && i < max; i++) {
        const PaDeviceInfo *dev = Pa_GetDeviceInfo(i);

        if (dev != NULL)
            fill_info(i, dev, &out[i]);
    }
    return count;
}

/* ---- resolving --device ----------------------------------------------- */

static const char *direction(bool input)
{
    return input ? "input" : "output";
}

static int channels_of(const PaDeviceInfo *dev, bool input)
{
    return input ? dev->maxInputChannels : dev->maxOutputChannels;
}

static bool all_digits(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++)
        if (!isdigit((unsigned char)*s))
            return false;
    return true;
}

/* Case-insensitive strstr for ASCII device names. */
static bool contains_nocase(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for (; *haystack != '\0'; haystack++)
        if (strncasecmp(haystack, needle, n) == 0)
            return true;
    return n == 0;
}

static int resolve_default(bool input, int *index, struct audio_error *err)
{
    PaDeviceIndex dev = input ? Pa_GetDefaultInputDevice()
                              : Pa_GetDefaultOutputDevice();
    const PaDeviceInfo *info = dev >= 0 ? Pa_GetDeviceInfo(dev) : NULL;

    if (info == NULL || channels_of(info, input) < 1) {
        audio_set_error(err, "no %s device found; run `mockinterview devices`",
                  direction(input));
        return AUDIO_ERR_DEVICE;
    }
    *index = dev;
    return AUDIO_OK;
}

static int resolve_index(const char *spec, bool input, int *index,
                         struct audio_error *err)
{
    int count = Pa_GetDeviceCount();
    long n = strtol(spec, NULL, 10);
    const PaDeviceInfo *info;

    if (strlen(spec) > 6 || n >= count) {
        audio_set_error(err, "no device %s (there are %d); run `mockinterview "
                  "devices`", spec, count < 0 ? 0 : count);
        return AUDIO_ERR_DEVICE;
    }
    info = Pa_GetDeviceInfo((PaDeviceIndex)n);
    if (info == NULL || channels_of(info, input) < 1) {
        audio_set_error(err, "device %ld (%s) has no %s channels", n,
                  info ? info->name : "?", direction(input));
        return AUDIO_ERR_DEVICE;
    }
    *index = (int)n;
    return AUDIO_OK;
}

/* Appends ", name [i]" style entries to the ambiguity message. */
static void list_matches(char *buf, size_t size, const int *matches,
                         int count)
{
    size_t used = strlen(buf);

    for (int i = 0; i < count && used < size; i++) {
        const PaDeviceInfo *info = Pa_GetDeviceInfo(matches[i]);

        snprintf(buf + used, size - used, "%s%s [%d]", i ? ", " : "",
                 info->name, matches[i]);
        used += strlen(buf + used);
    }
}

/*
 * A name that equals the spec wins outright, so "default" still picks the
 * device called default when other names contain the word.
 */
static int resolve_name(const char *spec, bool input, int *index,
                        struct audio_error *err)
{
    int count = Pa_GetDeviceCount();
    int matches[64];
    int found = 0;

    for (int i = 0; i < count; i++) {
        const PaDeviceInfo *info = Pa_GetDeviceInfo(i);

        if (info == NULL || channels_of(info, input) < 1)
            continue;
        if (strcasecmp(info->name, spec) == 0) {
            *index = i;
            return AUDIO_OK;
        }
        if (contains_nocase(info->name, spec) &&
            found < (int)(sizeof matches / sizeof matches[0]))
            matches[found++] = i;
    }

    if (found == 1) {
        *index = matches[0];
        return AUDIO_OK;
    }
    if (found == 0) {
        audio_set_error(err, "no %s device matches \"%s\"; run `mockinterview "
                  "devices`", direction(input), spec);
        return AUDIO_ERR_DEVICE;
    }
    if (err != NULL) {
        audio_set_error(err, "\"%s\" matches %d devices: ", spec, found);
        list_matches(err->message, sizeof err->message, matches, found);
    }
    return AUDIO_ERR_USAGE;
}

int audio_device_resolve(const char *spec, bool input, int *index,
                         struct audio_error *err)
{
    if (Pa_GetDeviceCount() < 0) {
        audio_set_error(err, "the audio system is not started");
        return AUDIO_ERR_DEVICE;
    }
    if (spec == NULL || spec[0] == '\0')
        return resolve_default(input, index, err);
    if (all_digits(spec))
        return resolve_index(spec, input, index, err);
    return resolve_name(spec, input, index, err);
}
