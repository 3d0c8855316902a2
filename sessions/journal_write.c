/*
 * Writing the journal, SESSION_DIR/session.yaml.
 *
 * The whole document is emitted by libyaml into memory, in block style so
 * a person can read it: multi-line text as literal `|` blocks, and any
 * string a YAML reader could take for a number, boolean or null quoted.
 * The bytes then replace the old journal atomically: a temporary file in
 * the same folder (0600), fsync, rename over session.yaml, fsync of the
 * folder. A crash at any point leaves either the old or the new journal,
 * never a mix. Numbers are formatted by hand so the locale cannot turn a
 * decimal point into a comma.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include <sessions/internal.h>

struct out_buffer {
    unsigned char *data;
    size_t len;
    size_t cap;
    bool nomem;
};

struct emit {
    yaml_emitter_t emitter;
    bool failed;
};

/* ---- Memory output ------------------------------------------------------ */

static int buffer_write(void *data, unsigned char *bytes, size_t size)
{
    struct out_buffer *b = data;
    size_t need = b->len + size;

    if (need > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        unsigned char *grown;

        while (cap < need)
            cap *= 2;
        grown = realloc(b->data, cap);
        if (!grown) {
            b->nomem = true;
            return 0;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, size);
    b->len = need;
    return 1;
}

/* ---- Events ------------------------------------------------------------ */

/* libyaml owns nothing after a failed emit; later calls become no-ops. */
static void emit_event(struct emit *em, yaml_event_t *event, int made)
{
    if (!made) {
        em->failed = true;
        return;
    }
    if (em->failed) {
        yaml_event_delete(event);
        return;
    }
    if (!yaml_emitter_emit(&em->emitter, event))
        em->failed = true;
}

static void emit_scalar(struct emit *em, const char *text, size_t len,
                        bool plain, yaml_scalar_style_t style)
{
    yaml_event_t ev;
    int made = yaml_scalar_event_initialize(&ev, NULL, NULL,
                                            (yaml_char_t *)text, (int)len,
                                            plain, 1, style);

    emit_event(em, &ev, made);
}

static void emit_plain(struct emit *em, const char *text)
{
    emit_scalar(em, text, strlen(text), true, YAML_PLAIN_SCALAR_STYLE);
}

static void map_begin(struct emit *em)
{
    yaml_event_t ev;
    int made = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                   YAML_BLOCK_MAPPING_STYLE);

    emit_event(em, &ev, made);
}

static void map_end(struct emit *em)
{
    yaml_event_t ev;

    emit_event(em, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_begin(struct emit *em)
{
    yaml_event_t ev;
    int made = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                    YAML_BLOCK_SEQUENCE_STYLE);

    emit_event(em, &ev, made);
}

static void seq_end(struct emit *em)
{
    yaml_event_t ev;

    emit_event(em, &ev, yaml_sequence_end_event_initialize(&ev));
}

/* ---- Strings ----------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_valid_length(const unsigned char *s, size_t left)
{
    size_t n;
    unsigned min;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xe0) == 0xc0)
        n = 2, min = 0x80, cp = s[0] & 0x1f;
    else if ((s[0] & 0xf0) == 0xe0)
        n = 3, min = 0x800, cp = s[0] & 0x0f;
    else if ((s[0] & 0xf8) == 0xf0)
        n = 4, min = 0x10000, cp = s[0] & 0x07;
    else
        return 0;
    if (n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

/*
 * libyaml refuses invalid UTF-8, and a journal that cannot be written
 * loses the session: bad bytes become U+FFFD instead. NULL when `s` is
 * valid already (use it as is), or on ENOMEM with *failed set.
 */
static char *utf8_repaired(const char *s, bool *failed)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, o = 0;
    char *out;

    while (i < len && utf8_valid_length(p + i, len - i) > 0)
        i += utf8_valid_length(p + i, len - i);
    if (i == len)
        return NULL;

    out = malloc(len * 3 + 1);
    if (!out) {
        *failed = true;
        return NULL;
    }
    for (i = 0; i < len;) {
        size_t n = utf8_valid_length(p + i, len - i);

        if (n == 0) {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, p + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    return out;
}

static bool is_reserved_word(const char *s)
{
    static const char *const words[] = {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n",
        ".inf", ".nan", "-.inf", "+.inf",
    };

    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcasecmp(s, words[i]) == 0)
            return true;
    }
    return false;
}

/*
 * Plain text a YAML reader would not take for a string: empty, "~", a
 * null or boolean word, or anything starting like a number or a date.
 */
static bool needs_quotes(const char *s)
{
    if (s[0] == '\0' || strcmp(s, "~") == 0 || is_reserved_word(s))
        return true;
    return strchr("0123456789+-.", s[0]) != NULL;
}

static void emit_string(struct emit *em, const char *s)
{
    yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
    char *fixed;

    if (!s)
        s = "";
    fixed = utf8_repaired(s, &em->failed);
    if (fixed)
        s = fixed;

    if (strchr(s, '\n'))
        style = YAML_LITERAL_SCALAR_STYLE;
    else if (needs_quotes(s))
        style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
    emit_scalar(em, s, strlen(s), style == YAML_ANY_SCALAR_STYLE, style);
    free(fixed);
}

/* NULL is written as a plain `null`; "null" the text is quoted. */
static void emit_nullable(struct emit *em, const char *s)
{
    if (!s)
        emit_plain(em, "null");
    else
        emit_string(em, s);
}

/* ---- Numbers ----------------------------------------------------------- */

static void emit_long(struct emit *em, long value)
{
    char text[32];

    snprintf(text, sizeof text, "%ld", value);
    emit_plain(em, text);
}

static void emit_bool(struct emit *em, bool value)
{
    emit_plain(em, value ? "true" : "false");
}

/* Seconds with three decimals, whatever LC_NUMERIC says. */
static void emit_seconds(struct emit *em, double seconds)
{
    char text[48];
    long long ms;

    if (!isfinite(seconds) || fabs(seconds) > 1e15)
        seconds = 0;
    ms = llround(seconds * 1000.0);
    snprintf(text, sizeof text, "%s%lld.%03lld", ms < 0 ? "-" : "",
             llabs(ms) / 1000, llabs(ms) % 1000);
    emit_plain(em, text);
}

static void emit_key(struct emit *em, const char *key)
{
    emit_plain(em, key);
}

static void emit_list(struct emit *em, const char *key,
                      const struct string_list *list)
{
    emit_key(em, key);
    seq_begin(em);
    for (size_t i = 0; i < list->count; i++)
        emit_string(em, list->items[i]);
    seq_end(em);
}

/* ---- The document ------------------------------------------------------ */

static void emit_take(struct emit *em, const struct journal_take *t)
{
    map_begin(em);
    emit_key(em, "file");
    emit_string(em, t->file);
    emit_key(em, "duration");
    emit_seconds(em, t->duration);
    emit_key(em, "timer_duration");
    emit_seconds(em, t->timer_duration);
    emit_key(em, "started");
    emit_nullable(em, t->started);
    emit_key(em, "ended");
    emit_nullable(em, t->ended);
    emit_key(em, "overtime");
    emit_seconds(em, t->overtime);
    emit_key(em, "overflows");
    emit_long(em, t->overflows);
    emit_key(em, "interrupted");
    emit_bool(em, t->interrupted);
    emit_key(em, "rate");
    emit_long(em, t->rate);
    map_end(em);
}

static void emit_scores(struct emit *em, const int scores[])
{
    map_begin(em);
    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        emit_key(em, journal_dimension_key((enum report_dimension)d));
        if (scores[d] >= 1 && scores[d] <= 5)
            emit_long(em, scores[d]);
        else
            emit_plain(em, "null");
    }
    map_end(em);
}

static void emit_assessment(struct emit *em, const struct journal_assessment *a,
                            size_t key_point_count)
{
    emit_string(em, a->who);
    map_begin(em);
    emit_key(em, "scores");
    emit_scores(em, a->scores);

    emit_key(em, "covered");
    seq_begin(em);
    for (size_t k = 0; a->covered && k < key_point_count; k++) {
        if (a->covered[k])
            emit_long(em, (long)k + 1);
    }
    seq_end(em);

    emit_key(em, "notes");
    emit_nullable(em, a->notes);
    map_end(em);
}

static void emit_snapshot(struct emit *em, const struct journal_question *q)
{
    emit_key(em, "id");
    emit_string(em, q->id);
    emit_key(em, "topic");
    emit_string(em, q->topic);
    emit_key(em, "difficulty");
    emit_string(em, q->difficulty);
    emit_key(em, "prompt");
    emit_string(em, q->prompt);
    emit_key(em, "reference");
    emit_string(em, q->reference);
    emit_list(em, "key_points", &q->key_points);
    emit_list(em, "follow_ups", &q->follow_ups);
    emit_list(em, "assesses", &q->assesses);
    emit_key(em, "think_time");
    emit_long(em, q->think_time);
    emit_key(em, "answer_time");
    emit_long(em, q->answer_time);
    emit_key(em, "hash");
    emit_string(em, q->hash);
}

static void emit_question(struct emit *em, const struct journal_question *q)
{
    map_begin(em);
    emit_snapshot(em, q);
    emit_key(em, "state");
    emit_plain(em, journal_state_name(q->state));

    emit_key(em, "takes");
    seq_begin(em);
    for (size_t i = 0; i < q->take_count; i++)
        emit_take(em, &q->takes[i]);
    seq_end(em);

    emit_key(em, "assessments");
    map_begin(em);
    for (size_t i = 0; i < q->assessment_count; i++)
        emit_assessment(em, &q->assessments[i], q->key_points.count);
    map_end(em);
    map_end(em);
}

static void emit_options(struct emit *em, const struct journal *j)
{
    emit_key(em, "options");
    map_begin(em);
    emit_key(em, "think_time");
    emit_long(em, j->think_time);
    emit_key(em, "answer_time");
    emit_long(em, j->answer_time);
    emit_key(em, "hard_stop");
    emit_bool(em, j->hard_stop);
    emit_key(em, "no_review");
    emit_bool(em, j->no_review);
    emit_key(em, "partner");
    emit_bool(em, j->partner);
    emit_key(em, "device");
    emit_nullable(em, j->device);
    emit_key(em, "mic_file");
    emit_nullable(em, j->mic_file);
    emit_key(em, "rate");
    emit_long(em, j->rate);
    map_end(em);
}

static void emit_header(struct emit *em, const struct journal *j)
{
    emit_key(em, "version");
    emit_long(em, JOURNAL_VERSION);
    emit_key(em, "role");
    emit_string(em, j->role);
    emit_key(em, "title");
    emit_string(em, j->title);
    emit_key(em, "focus");
    emit_string(em, j->focus);
    emit_key(em, "thinking_pattern");
    emit_string(em, j->thinking_pattern);
    emit_key(em, "intro");
    emit_nullable(em, j->intro);
    emit_key(em, "created");
    emit_string(em, j->created);
    emit_key(em, "finished");
    emit_bool(em, j->finished);
    emit_list(em, "banks", &j->banks);
    emit_options(em, j);
}

static void emit_journal(struct emit *em, const struct journal *j)
{
    yaml_event_t ev;

    emit_event(em, &ev, yaml_stream_start_event_initialize(&ev,
                                                           YAML_UTF8_ENCODING));
    emit_event(em, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL,
                                                             NULL, 1));
    map_begin(em);
    emit_header(em, j);
    emit_key(em, "questions");
    seq_begin(em);
    for (size_t i = 0; i < j->question_count; i++)
        emit_question(em, &j->questions[i]);
    seq_end(em);
    map_end(em);
    emit_event(em, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit_event(em, &ev, yaml_stream_end_event_initialize(&ev));
}

/* Emits the journal into `out`; -1 with errno ENOMEM or EINVAL. */
static int journal_render(const struct journal *j, struct out_buffer *out)
{
    struct emit em = { .failed = false };

    if (!yaml_emitter_initialize(&em.emitter)) {
        errno = ENOMEM;
        return -1;
    }
    yaml_emitter_set_output(&em.emitter, buffer_write, out);
    yaml_emitter_set_unicode(&em.emitter, 1);
    yaml_emitter_set_indent(&em.emitter, 2);
    yaml_emitter_set_width(&em.emitter, 80);
    emit_journal(&em, j);
    if (!em.failed && !yaml_emitter_flush(&em.emitter))
        em.failed = true;
    yaml_emitter_delete(&em.emitter);

    if (em.failed) {
        errno = out->nomem ? ENOMEM : EINVAL;
        return -1;
    }
    return 0;
}

/* ---- Atomic replacement ----------------------------------------------- */

static int write_all(int fd, const unsigned char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Replaces DIR/NAME with `data` so readers see the old or the new file. */
static int replace_file(const char *dir, const char *name,
                        const unsigned char *data, size_t len)
{
    char tmp[4096], path[4096];
    int fd, saved;

    if (snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name) >=
            (int)sizeof tmp ||
        snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }

    fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    if (fchmod(fd, 0600) < 0 || write_all(fd, data, len) < 0 ||
        fsync(fd) < 0)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;

    if (rename(tmp, path) < 0)
        goto fail;
    return fsync_dir(dir);

fail:
    saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = saved;
    return -1;
}

int journal_save(const struct journal *journal, const char *dir)
{
    struct out_buffer out = { NULL, 0, 0, false };
    int rc;

    if (journal_render(journal, &out) < 0) {
        int saved = errno;

        free(out.data);
        errno = saved;
        return -1;
    }
    rc = replace_file(dir, JOURNAL_FILE, out.data, out.len);
    if (rc < 0) {
        int saved = errno;

        free(out.data);
        errno = saved;
        return -1;
    }
    free(out.data);
    return 0;
}
