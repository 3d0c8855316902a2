/*
 * test_wav.c: writing takes (exact samples, mode 0600, never overwriting,
 * header kept current by audio_wav_sync), audio_wav_info, and
 * audio_wav_repair on stale headers, a file cut mid-frame, a correct file
 * and files that are not WAV at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/internal.h"

#define FRAMES 5000
#define RATE 16000

struct fixture {
    char dir[64];
    char path[128];
};

static int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);

    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/mi-test-wav.XXXXXX");
    if (mkdtemp(f->dir) == NULL)
        return -1;
    snprintf(f->path, sizeof f->path, "%s/take.wav", f->dir);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

static int16_t sample_at(int i)
{
    return (int16_t)((i * 7919) % 65536 - 32768);
}

static void write_take(const char *path, int frames)
{
    struct audio_error err;
    SNDFILE *file;
    int16_t block[FRAMES];
    size_t written;
    int fd;

    for (int i = 0; i < frames; i++)
        block[i] = sample_at(i);
    assert_int_equal(audio_wav_create(path, RATE, &file, &fd, &err),
                     AUDIO_OK);
    assert_int_equal(audio_wav_write(file, path, block, (size_t)frames,
                                     &written, &err), AUDIO_OK);
    assert_int_equal(written, frames);
    assert_int_equal(sf_close(file), 0);
}

/* Reads the whole file through libsndfile and checks every sample. */
static void assert_take_holds(const char *path, int frames)
{
    SF_INFO info;
    SNDFILE *file;
    int16_t block[FRAMES + 10];

    memset(&info, 0, sizeof info);
    file = sf_open(path, SFM_READ, &info);
    assert_non_null(file);
    assert_int_equal(info.frames, frames);
    assert_int_equal(info.samplerate, RATE);
    assert_int_equal(info.channels, 1);
    assert_int_equal(info.format, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
    assert_int_equal(sf_read_short(file, block, FRAMES + 10), frames);
    for (int i = 0; i < frames; i++)
        assert_int_equal(block[i], sample_at(i));
    sf_close(file);
}

static void poke32(const char *path, long at, uint32_t value)
{
    unsigned char v[4] = { (unsigned char)value, (unsigned char)(value >> 8),
                           (unsigned char)(value >> 16),
                           (unsigned char)(value >> 24) };
    int fd = open(path, O_WRONLY);

    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, v, 4, at), 4);
    close(fd);
}

static uint32_t read32(const char *path, long at)
{
    unsigned char v[4];
    int fd = open(path, O_RDONLY);

    assert_true(fd >= 0);
    assert_int_equal(pread(fd, v, 4, at), 4);
    close(fd);
    return (uint32_t)v[0] | (uint32_t)v[1] << 8 | (uint32_t)v[2] << 16 |
           (uint32_t)v[3] << 24;
}

static long file_size(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return (long)st.st_size;
}

static void test_wav_write_reads_back_exactly(void **state)
{
    struct fixture *f = *state;
    struct stat st;

    write_take(f->path, FRAMES);
    assert_take_holds(f->path, FRAMES);
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 44 + 2 * FRAMES);
}

static void test_wav_create_never_overwrites(void **state)
{
    struct fixture *f = *state;
    struct audio_error err;
    SNDFILE *file = NULL;
    int fd;

    write_take(f->path, 100);
    assert_int_equal(audio_wav_create(f->path, RATE, &file, &fd, &err),
                     AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, f->path));
    assert_non_null(strstr(err.message, "exists"));
    assert_take_holds(f->path, 100);
}

/* A kill leaves the file as it is: its header must follow every write. */
static void test_wav_header_follows_writes_of_open_file(void **state)
{
    struct fixture *f = *state;
    struct audio_error err;
    SNDFILE *file;
    int16_t block[3000];
    size_t written;
    double seconds;
    int fd, rate;

    for (int i = 0; i < 3000; i++)
        block[i] = sample_at(i);
    assert_int_equal(audio_wav_create(f->path, RATE, &file, &fd, &err),
                     AUDIO_OK);
    assert_int_equal(audio_wav_write(file, f->path, block, 3000, &written,
                                     &err), AUDIO_OK);
    assert_int_equal(read32(f->path, 40), 2 * 3000);
    assert_int_equal(read32(f->path, 4), 36 + 2 * 3000);

    assert_int_equal(audio_wav_write(file, f->path, block, 1000, &written,
                                     &err), AUDIO_OK);
    assert_int_equal(audio_wav_sync(file, fd), AUDIO_OK);
    assert_int_equal(read32(f->path, 40), 2 * 4000);
    assert_int_equal(audio_wav_info(f->path, &seconds, &rate, &err),
                     AUDIO_OK);
    assert_int_equal(rate, RATE);
    assert_float_equal(seconds, 4000.0 / RATE, 1e-9);
    sf_close(file);
}

static void test_wav_info_reports_length_and_rate(void **state)
{
    struct fixture *f = *state;
    struct audio_error err;
    double seconds;
    int rate;

    write_take(f->path, 4000);
    assert_int_equal(audio_wav_info(f->path, &seconds, &rate, &err),
                     AUDIO_OK);
    assert_int_equal(rate, RATE);
    assert_float_equal(seconds, 0.25, 1e-9);
}

static void test_wav_repair_rewrites_zeroed_sizes(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;

    write_take(f->path, FRAMES);
    poke32(f->path, 4, 0);
    poke32(f->path, 40, 0);

    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_OK);
    assert_true(r.changed);
    assert_int_equal(r.frames_before, 0);
    assert_int_equal(r.frames_after, FRAMES);
    assert_int_equal(r.rate, RATE);
    assert_take_holds(f->path, FRAMES);

    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_OK);
    assert_false(r.changed);
}

static void test_wav_repair_fixes_oversized_header(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;

    write_take(f->path, FRAMES);
    poke32(f->path, 4, 0xffffffffu);
    poke32(f->path, 40, 0xfffffff0u);

    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_OK);
    assert_true(r.changed);
    assert_int_equal(r.frames_after, FRAMES);
    assert_take_holds(f->path, FRAMES);
}

static void test_wav_repair_drops_partial_frame(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;

    write_take(f->path, FRAMES);
    poke32(f->path, 4, 36);
    poke32(f->path, 40, 0);
    assert_int_equal(truncate(f->path, 44 + 2 * 1234 + 1), 0);

    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_OK);
    assert_true(r.changed);
    assert_int_equal(r.frames_after, 1234);
    assert_int_equal(file_size(f->path), 44 + 2 * 1234);
    assert_take_holds(f->path, 1234);
}

static void test_wav_repair_leaves_good_file_alone(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;
    struct stat before, after;

    write_take(f->path, FRAMES);
    assert_int_equal(stat(f->path, &before), 0);
    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_OK);
    assert_false(r.changed);
    assert_int_equal(r.frames_before, FRAMES);
    assert_int_equal(r.frames_after, FRAMES);
    assert_int_equal(stat(f->path, &after), 0);
    assert_int_equal(after.st_size, before.st_size);
    assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
    assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *out = fopen(path, "wb");

    assert_non_null(out);
    assert_int_equal(fwrite(data, 1, len, out), len);
    fclose(out);
}

static void test_wav_repair_rejects_non_wav(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;
    const char *text = "interview notes, not audio\n";

    write_bytes(f->path, text, strlen(text));
    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, f->path));
    assert_non_null(strstr(err.message, "not a WAV"));

    write_bytes(f->path, "", 0);
    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, "not a WAV"));
}

static void test_wav_repair_rejects_truncated_header(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;

    write_take(f->path, FRAMES);
    assert_int_equal(truncate(f->path, 30), 0);
    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, "truncated"));
    assert_int_equal(file_size(f->path), 30);
}

static void test_wav_repair_reports_missing_file(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;

    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, f->path));
}

static void test_wav_repair_rejects_wild_chunk_size(void **state)
{
    struct fixture *f = *state;
    struct audio_repair r;
    struct audio_error err;

    write_take(f->path, FRAMES);
    poke32(f->path, 16, 0x7fffffffu);   /* the fmt chunk's size */
    assert_int_equal(audio_wav_repair(f->path, &r, &err), AUDIO_ERR_IO);
    assert_non_null(strstr(err.message, f->path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, \
                                                fixture_teardown)
        T(test_wav_write_reads_back_exactly),
        T(test_wav_create_never_overwrites),
        T(test_wav_header_follows_writes_of_open_file),
        T(test_wav_info_reports_length_and_rate),
        T(test_wav_repair_rewrites_zeroed_sizes),
        T(test_wav_repair_fixes_oversized_header),
        T(test_wav_repair_drops_partial_frame),
        T(test_wav_repair_leaves_good_file_alone),
        T(test_wav_repair_rejects_non_wav),
        T(test_wav_repair_rejects_truncated_header),
        T(test_wav_repair_reports_missing_file),
        T(test_wav_repair_rejects_wild_chunk_size),
#undef T
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
