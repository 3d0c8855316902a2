/*
 * wav.c: creating, writing, syncing, measuring and repairing take files.
 *
 * Takes are 16-bit PCM mono WAV written through libsndfile. A WAV header
 * holds two sizes (RIFF and data) that a writer can only fill in once it
 * knows them, so a killed writer leaves them stale. Takes are therefore
 * written with libsndfile's automatic header update (the header follows
 * every write) and the capture thread flushes file and header to disk
 * every half second (audio_wav_sync). audio_wav_repair() recomputes both
 * sizes from the file's length for any file that was cut short anyway.
 * Repair parses the RIFF chunks itself: libsndfile reads such files but
 * will not fix their headers.
 */
#include "audio/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int audio_wav_create(const char *path, int rate, SNDFILE **out, int *fd,
                     struct audio_error *err)
{
    SF_INFO info;
    int d = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

    if (d < 0) {
        snprintf(err->message, sizeof err->message, "cannot create %s: %s%s",
                 path, strerror(errno),
                 errno == EEXIST ? " (never overwritten)" : "");
        return AUDIO_ERR_IO;
    }

    memset(&info, 0, sizeof info);
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    *out = sf_open_fd(d, SFM_WRITE, &info, SF_TRUE);
    if (*out == NULL) {
        snprintf(err->message, sizeof err->message, "cannot write %s: %s",
                 path, sf_strerror(NULL));
        close(d);
        unlink(path);
        return AUDIO_ERR_IO;
    }
    *fd = d;

    /* The header then follows every write, so a kill loses nothing
     * written (measured: header and data length equal after SIGKILL). */
    sf_command(*out, SFC_SET_UPDATE_HEADER_AUTO, NULL, SF_TRUE);
    return AUDIO_OK;
}

int audio_wav_write(SNDFILE *file, const char *path, const int16_t *samples,
                    size_t count, size_t *written, struct audio_error *err)
{
    sf_count_t n = sf_write_short(file, samples, (sf_count_t)count);

    *written = n > 0 ? (size_t)n : 0;
    if (*written == count)
        return AUDIO_OK;
    snprintf(err->message, sizeof err->message, "cannot write %s: %s", path,
             sf_strerror(file));
    return AUDIO_ERR_IO;
}

int audio_wav_sync(SNDFILE *file, int fd)
{
    /* SFC_UPDATE_HEADER_NOW reports nothing; fdatasync says if it held. */
    sf_command(file, SFC_UPDATE_HEADER_NOW, NULL, 0);
    return fdatasync(fd) == 0 ? AUDIO_OK : AUDIO_ERR_IO;
}

int audio_wav_info(const char *path, double *seconds, int *rate,
                   struct audio_error *err)
{
    SF_INFO info;
    SNDFILE *file;

    memset(&info, 0, sizeof info);
    file = sf_open(path, SFM_READ, &info);
    if (file == NULL) {
        snprintf(err->message, sizeof err->message, "%s: %s", path,
                 sf_strerror(NULL));
        return AUDIO_ERR_IO;
    }
    *seconds = info.samplerate > 0 ?
        (double)info.frames / info.samplerate : 0.0;
    *rate = info.samplerate;
    sf_close(file);
    return AUDIO_OK;
}

/* ---- repair ------------------------------------------------------------ */

/* What the chunk walk found; offsets in bytes from the start of the file. */
struct wav_layout {
    int64_t file_len;
    uint32_t riff_size;
    int64_t data_off;             /* first byte of sample data */
    uint32_t data_size;           /* as the header says */
    int block_align;
    int rate;
};

static uint32_t wav_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static unsigned wav_le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static void wav_put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static bool wav_read_at(int fd, int64_t at, void *buf, size_t len)
{
    return pread(fd, buf, len, (off_t)at) == (ssize_t)len;
}

static int wav_fail(struct audio_error *err, const char *path,
                    const char *why)
{
    snprintf(err->message, sizeof err->message, "%s: %s", path, why);
    return AUDIO_ERR_IO;
}

/* Accepts PCM, or WAVE_FORMAT_EXTENSIBLE whose sub-format is PCM. */
static int wav_parse_fmt(int fd, int64_t at, uint32_t size,
                         struct wav_layout *w, const char *path,
                         struct audio_error *err)
{
    unsigned char f[26];
    unsigned tag, channels, bits;

    if (size < 16 || !wav_read_at(fd, at, f, size < 26 ? 16 : 26))
        return wav_fail(err, path, "truncated WAV header (fmt chunk)");

    tag = wav_le16(f);
    channels = wav_le16(f + 2);
    bits = wav_le16(f + 14);
    if (tag == 0xFFFE && size >= 26)
        tag = wav_le16(f + 24);
    if (tag != 1 || bits != 16 || channels == 0)
        return wav_fail(err, path, "not a 16-bit PCM WAV; cannot repair");

    w->rate = (int)wav_le32(f + 4);
    w->block_align = (int)(2 * channels);
    return AUDIO_OK;
}

/* Walks the chunks up to the data chunk, which is the last one we need. */
static int wav_parse(int fd, struct wav_layout *w, const char *path,
                     struct audio_error *err)
{
    unsigned char h[12];
    int64_t pos = 12;
    bool have_fmt = false;

    if (!wav_read_at(fd, 0, h, 12) || memcmp(h, "RIFF", 4) != 0 ||
        memcmp(h + 8, "WAVE", 4) != 0)
        return wav_fail(err, path, "not a WAV file (no RIFF/WAVE header)");
    w->riff_size = wav_le32(h + 4);

    for (;;) {
        uint32_t size;

        if (!wav_read_at(fd, pos, h, 8))
            return wav_fail(err, path, "truncated WAV header (no data chunk)");
        size = wav_le32(h + 4);
        if (memcmp(h, "data", 4) == 0)
            break;
        if (memcmp(h, "fmt ", 4) == 0) {
            if (wav_parse_fmt(fd, pos + 8, size, w, path, err) != AUDIO_OK)
                return AUDIO_ERR_IO;
            have_fmt = true;
        }
        pos += 8 + (int64_t)size + (size & 1);
    }

    if (!have_fmt)
        return wav_fail(err, path, "truncated WAV header (no fmt chunk)");
    w->data_off = pos + 8;
    w->data_size = wav_le32(h + 4);
    return AUDIO_OK;
}

/*
 * Chunks that writers put after the sample data. Only these are believed,
 * so that samples which happen to look like a chunk header are not.
 */
static bool wav_is_trailing_chunk(const unsigned char *id)
{
    static const char *const known[] = {
        "list", "id3 ", "cue ", "smpl", "inst", "junk", "fact", "acid",
        "cart", "bext", "ixml", "_pmx", "pad ", "fllr", "labl", "note",
    };
    char lower[5];

    for (int i = 0; i < 4; i++)
        lower[i] = (char)(id[i] >= 'A' && id[i] <= 'Z' ? id[i] + 32 : id[i]);
    lower[4] = '\0';
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(lower, known[i]) == 0)
            return true;
    return false;
}

/* True when the bytes from `pos` to `end` are whole known chunks. */
static bool wav_tail_is_chunks(int fd, int64_t pos, int64_t end)
{
    unsigned char h[8];

    while (pos < end) {
        uint32_t size;

        if (end - pos < 8 || !wav_read_at(fd, pos, h, 8) ||
            !wav_is_trailing_chunk(h))
            return false;
        size = wav_le32(h + 4);
        pos += 8 + (int64_t)size + (size & 1);
    }
    return pos == end || pos == end + 1;
}

/*
 * The data size the file really holds, and where the file should end:
 * as declared if that is sane and only whole chunks follow the data;
 * otherwise the data runs to the last whole frame of the file, as after
 * a kill.
 */
static int64_t wav_real_data(int fd, const struct wav_layout *w,
                             int64_t *end)
{
    int64_t available = w->file_len - w->data_off;
    int64_t declared = w->data_size;

    *end = w->file_len;
    if (declared <= available && declared % w->block_align == 0 &&
        wav_tail_is_chunks(fd, w->data_off + declared + (declared & 1),
                           w->file_len))
        return declared;
    *end = w->data_off + available - available % w->block_align;
    return *end - w->data_off;
}

/* Only a trailing partial frame is ever cut off; no sample is lost. */
static int wav_rewrite_sizes(int fd, const struct wav_layout *w, int64_t end,
                             int64_t data_size, const char *path,
                             struct audio_error *err)
{
    unsigned char v[4];

    if (end < w->file_len && ftruncate(fd, (off_t)end) != 0)
        return wav_fail(err, path, strerror(errno));

    wav_put_le32(v, (uint32_t)(end - 8));
    if (pwrite(fd, v, 4, 4) != 4)
        return wav_fail(err, path, strerror(errno));

    wav_put_le32(v, (uint32_t)data_size);
    if (pwrite(fd, v, 4, (off_t)(w->data_off - 4)) != 4 || fsync(fd) != 0)
        return wav_fail(err, path, strerror(errno));
    return AUDIO_OK;
}

static int wav_repair_fd(int fd, const char *path, struct audio_repair *out,
                         struct audio_error *err)
{
    struct wav_layout w;
    struct stat st;
    int64_t end, data_size;

    memset(&w, 0, sizeof w);
    if (fstat(fd, &st) != 0)
        return wav_fail(err, path, strerror(errno));
    w.file_len = st.st_size;
    if (wav_parse(fd, &w, path, err) != AUDIO_OK)
        return AUDIO_ERR_IO;
    if (w.data_off > w.file_len)
        return wav_fail(err, path, "truncated WAV header (data chunk)");
    if (w.file_len - 8 > (int64_t)UINT32_MAX)
        return wav_fail(err, path, "too long for a WAV header (over 4 GiB)");

    data_size = wav_real_data(fd, &w, &end);
    out->rate = w.rate;
    out->frames_before = w.data_size / w.block_align;
    out->frames_after = data_size / w.block_align;
    out->changed = end != w.file_len || data_size != w.data_size ||
                   w.riff_size != (uint32_t)(end - 8);
    if (!out->changed)
        return AUDIO_OK;
    return wav_rewrite_sizes(fd, &w, end, data_size, path, err);
}

int audio_wav_repair(const char *path, struct audio_repair *out,
                     struct audio_error *err)
{
    int fd = open(path, O_RDWR | O_CLOEXEC);
    int rc;

    memset(out, 0, sizeof *out);
    if (fd < 0) {
        snprintf(err->message, sizeof err->message, "cannot open %s: %s",
                 path, strerror(errno));
        return AUDIO_ERR_IO;
    }
    rc = wav_repair_fd(fd, path, out, err);
    if (close(fd) != 0 && rc == AUDIO_OK)
        rc = wav_fail(err, path, strerror(errno));
    return rc;
}
