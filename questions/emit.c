/*
 * Writing a script as YAML with libyaml's emitter, so quoting, escaping
 * and block scalars are always right whatever the text holds. The file is
 * written beside its final name and renamed into place, so a reader never
 * sees half a script.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "questions/internal.h"

static int emit_event(yaml_emitter_t *e, yaml_event_t *event)
{
    return yaml_emitter_emit(e, event) ? 0 : -1;
}

/* Text the loader would read as null when plain. */
static bool emit_looks_null(const char *text)
{
    return !*text || strcmp(text, "~") == 0 || strcmp(text, "null") == 0
        || strcmp(text, "Null") == 0 || strcmp(text, "NULL") == 0;
}

/* Multi-line text goes out as a literal block, the rest as it fits. */
static int emit_scalar(yaml_emitter_t *e, const char *text)
{
    yaml_event_t event;
    yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;

    if (strchr(text, '\n'))
        style = YAML_LITERAL_SCALAR_STYLE;
    else if (emit_looks_null(text))
        style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;

    yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)text,
                                 (int)strlen(text), 1, 1, style);
    return emit_event(e, &event);
}

static int emit_pair(yaml_emitter_t *e, const char *key, const char *value)
{
    return emit_scalar(e, key) || emit_scalar(e, value) ? -1 : 0;
}

static int emit_start(yaml_emitter_t *e, bool mapping, bool flow)
{
    yaml_event_t event;

    if (mapping)
        yaml_mapping_start_event_initialize(&event, NULL, NULL, 1,
                                            flow ? YAML_FLOW_MAPPING_STYLE
                                                 : YAML_BLOCK_MAPPING_STYLE);
    else
        yaml_sequence_start_event_initialize(&event, NULL, NULL, 1,
                                             flow ? YAML_FLOW_SEQUENCE_STYLE
                                                  : YAML_BLOCK_SEQUENCE_STYLE);
    return emit_event(e, &event);
}

static int emit_end(yaml_emitter_t *e, bool mapping)
{
    yaml_event_t event;

    if (mapping)
        yaml_mapping_end_event_initialize(&event);
    else
        yaml_sequence_end_event_initialize(&event);
    return emit_event(e, &event);
}

/* An empty list is left out: every list in the format is optional. */
static int emit_list(yaml_emitter_t *e, const char *key,
                     const struct string_list *list, bool flow)
{
    if (list->count == 0)
        return 0;
    if (emit_scalar(e, key) || emit_start(e, false, flow))
        return -1;
    for (size_t i = 0; i < list->count; i++) {
        if (emit_scalar(e, list->items[i]))
            return -1;
    }
    return emit_end(e, false);
}

/* "2m30s", "3m", "45s": the same forms the loader reads. */
static void emit_format_duration(int seconds, char *buf, size_t size)
{
    if (seconds >= 60 && seconds % 60)
        snprintf(buf, size, "%dm%ds", seconds / 60, seconds % 60);
    else if (seconds >= 60)
        snprintf(buf, size, "%dm", seconds / 60);
    else
        snprintf(buf, size, "%ds", seconds);
}

static int emit_duration(yaml_emitter_t *e, const char *key, int seconds)
{
    char text[32];

    if (seconds < 0)
        return 0;
    emit_format_duration(seconds, text, sizeof text);
    return emit_pair(e, key, text);
}

static int emit_question(yaml_emitter_t *e, const struct question *q)
{
    if (emit_start(e, true, false) || emit_pair(e, "id", q->id)
        || emit_pair(e, "topic", q->topic)
        || emit_pair(e, "difficulty",
                     questions_difficulty_name(q->difficulty))
        || emit_list(e, "tags", &q->tags, true)
        || emit_pair(e, "prompt", q->prompt)
        || emit_duration(e, "think_time", q->think_time)
        || emit_duration(e, "answer_time", q->answer_time)
        || emit_pair(e, "reference", q->reference)
        || emit_list(e, "key_points", &q->key_points, false)
        || emit_list(e, "follow_ups", &q->follow_ups, false)
        || emit_list(e, "assesses", &q->assesses, false))
        return -1;
    return emit_end(e, true);
}

static int emit_script(yaml_emitter_t *e, const struct question_script *s)
{
    yaml_event_t event;

    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    if (emit_event(e, &event))
        return -1;
    yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1);
    if (emit_event(e, &event) || emit_start(e, true, false)
        || emit_pair(e, "role", s->role) || emit_pair(e, "title", s->title)
        || emit_pair(e, "focus", s->focus)
        || emit_pair(e, "thinking_pattern", s->thinking_pattern)
        || (s->intro && emit_pair(e, "intro", s->intro))
        || emit_scalar(e, "defaults") || emit_start(e, true, true)
        || emit_duration(e, "think_time", s->think_time)
        || emit_duration(e, "answer_time", s->answer_time)
        || emit_end(e, true) || emit_scalar(e, "questions")
        || emit_start(e, false, false))
        return -1;

    for (size_t i = 0; i < s->count; i++) {
        if (emit_question(e, &s->questions[i]))
            return -1;
    }

    if (emit_end(e, false) || emit_end(e, true))
        return -1;
    yaml_document_end_event_initialize(&event, 1);
    if (emit_event(e, &event))
        return -1;
    yaml_stream_end_event_initialize(&event);
    return emit_event(e, &event);
}

static int emit_to_file(const struct question_script *s, FILE *f, char *why,
                        size_t why_size)
{
    yaml_emitter_t emitter;
    int rc;

    if (!yaml_emitter_initialize(&emitter)) {
        snprintf(why, why_size, "out of memory");
        return -1;
    }
    yaml_emitter_set_output_file(&emitter, f);
    yaml_emitter_set_unicode(&emitter, 1);
    yaml_emitter_set_width(&emitter, 80);
    yaml_emitter_set_indent(&emitter, 2);

    rc = emit_script(&emitter, s);
    if (rc < 0)
        snprintf(why, why_size, "cannot write YAML: %s",
                 emitter.problem ? emitter.problem : "unknown problem");
    yaml_emitter_delete(&emitter);
    return rc;
}

int questions_script_write(const struct question_script *script,
                           const char *path, char *why, size_t why_size)
{
    char tmp[4200];
    FILE *f;
    int fd, rc;

    if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
        snprintf(why, why_size, "path too long");
        return -1;
    }
    fd = mkstemp(tmp);
    if (fd < 0 || fchmod(fd, 0644) < 0 || !(f = fdopen(fd, "w"))) {
        snprintf(why, why_size, "cannot create: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        return -1;
    }

    rc = emit_to_file(script, f, why, why_size);
    if (fclose(f) != 0 && rc == 0) {
        snprintf(why, why_size, "cannot write: %s", strerror(errno));
        rc = -1;
    }
    if (rc == 0 && rename(tmp, path) < 0) {
        snprintf(why, why_size, "cannot rename into place: %s",
                 strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        unlink(tmp);
    return rc;
}
