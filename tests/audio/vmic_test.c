/*
 * tests/audio/vmic_test.c: see vmic_test.h. The private folder lives in
 * $TMPDIR; its path travels to the child in VMIC_TEST_ROOT.
 */
#include "vmic_test.h"

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char test_root[512];

static const char *script_path(void)
{
    const char *env = getenv("VMIC_SCRIPT");

    return env ? env : MI_SOURCE_DIR "/scripts/virtual-mic.sh";
}

static void stop_dir(const char *dir)
{
    char cmd[1200];

    snprintf(cmd, sizeof cmd, "'%s' --stop '%s' >/dev/null 2>&1",
             script_path(), dir);
    if (system(cmd) != 0)
        fprintf(stderr, "vmic: could not stop %s\n", dir);
}

/* Stops every virtual device left in the private folder, then removes it. */
static void sweep_root(void)
{
    DIR *d = opendir(test_root);
    struct dirent *e;
    char path[1024];
    char marker[1100];

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", test_root, e->d_name);
        snprintf(marker, sizeof marker, "%s/vmic.owner", path);
        if (access(marker, F_OK) == 0)
            stop_dir(path);
        else
            unlink(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(test_root);
}

static int wait_child(pid_t child, int timeout_s)
{
    int status = 0;

    for (int waited = 0; waited < timeout_s * 10; waited++) {
        if (waitpid(child, &status, WNOHANG) == child)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
        usleep(100 * 1000);
    }
    fprintf(stderr, "vmic: test timed out after %d s\n", timeout_s);
    kill(child, SIGKILL);
    waitpid(child, &status, 0);
    return 1;
}

int vmic_run_guarded(int (*run)(void), int timeout_s)
{
    const char *tmp = getenv("TMPDIR");
    pid_t child;
    int rc;

    snprintf(test_root, sizeof test_root, "%s/vmic-test.XXXXXX",
             tmp ? tmp : "/tmp");
    if (mkdtemp(test_root) == NULL) {
        perror("vmic: mkdtemp");
        return 1;
    }
    setenv("VMIC_TEST_ROOT", test_root, 1);

    fflush(NULL);
    child = fork();
    if (child < 0) {
        perror("vmic: fork");
        return 1;
    }
    if (child == 0)
        _exit(run());

    rc = wait_child(child, timeout_s);
    sweep_root();
    return rc;
}

void vmic_scratch_path(char *out, size_t size, const char *name)
{
    const char *root = getenv("VMIC_TEST_ROOT");

    snprintf(out, size, "%s/%s", root ? root : "/tmp", name);
}

/* Takes one "export NAME='value'" line of the script's output. */
static void take_export(struct vmic *v, char *line)
{
    char *eq;
    char *value;

    line[strcspn(line, "\n")] = '\0';
    if (strncmp(line, "export ", 7) != 0 || (eq = strchr(line, '=')) == NULL)
        return;
    *eq = '\0';
    value = eq + 1;
    if (*value == '\'') {
        value++;
        value[strcspn(value, "'")] = '\0';
    }
    setenv(line + 7, value, 1);

    if (strcmp(line + 7, "VMIC_SOURCE_WAV") == 0)
        snprintf(v->source_wav, sizeof v->source_wav, "%s", value);
    else if (strcmp(line + 7, "VMIC_PLAYBACK_WAV") == 0)
        snprintf(v->playback_wav, sizeof v->playback_wav, "%s", value);
    else if (strcmp(line + 7, "VMIC_SOURCE_FRAMES") == 0)
        v->source_frames = atol(value);
}

int vmic_start(struct vmic *v, const char *name, const char *options,
               const char *input_wav, int rate)
{
    char cmd[2048];
    char line[1024];
    FILE *out;

    memset(v, 0, sizeof *v);
    v->rate = rate;
    vmic_scratch_path(v->dir, sizeof v->dir, name);
    snprintf(cmd, sizeof cmd, "'%s' %s --dir '%s' '%s' %d", script_path(),
             options, v->dir, input_wav, rate);

    /* Without a test root the folder would not be swept; refuse. */
    if (getenv("VMIC_TEST_ROOT") == NULL || (out = popen(cmd, "r")) == NULL)
        return -1;
    while (fgets(line, sizeof line, out) != NULL)
        take_export(v, line);
    if (pclose(out) != 0 || v->source_frames <= 0) {
        stop_dir(v->dir);
        return -1;
    }
    return 0;
}

void vmic_stop(struct vmic *v)
{
    if (v->dir[0] != '\0')
        stop_dir(v->dir);
    v->dir[0] = '\0';
    unsetenv("JACK_DEFAULT_SERVER");
}

/* A 440 Hz tone with a 16-bit linear congruential pattern on top. */
int16_t vmic_sample_at(int64_t i, int rate)
{
    uint32_t noise = (uint32_t)(i * 1103515245u + 12345u) >> 16;
    double tone = 12000.0 * sin(2.0 * M_PI * 440.0 * (double)i / rate);

    return (int16_t)(tone + (double)(noise % 4001) - 2000.0);
}

int vmic_write_wav(const char *path, int rate, int64_t frames, int channels)
{
    SF_INFO info = { .samplerate = rate, .channels = channels,
                     .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16 };
    SNDFILE *file = sf_open(path, SFM_WRITE, &info);
    int rc = 0;

    if (file == NULL)
        return -1;
    for (int64_t i = 0; i < frames && rc == 0; i++) {
        short frame[2];

        frame[0] = frame[1] = vmic_sample_at(i, rate);
        if (sf_writef_short(file, frame, 1) != 1)
            rc = -1;
    }
    if (sf_close(file) != 0)
        rc = -1;
    return rc;
}
