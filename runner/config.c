/*
 * The config file, $XDG_CONFIG_HOME/mockinterview/config.yaml (or
 * ~/.config/...): a flat mapping from option names to defaults, such as
 *
 *     answer-time: 2m
 *     device: USB
 *     hard-stop: true
 *     bank: [~/interviews/mine.yaml]
 *
 * Each setting becomes "--name=value" placed before the user's own
 * options, so the command line always wins. Settings a command does not
 * take are left out for it; a name no command takes is an error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "options.h"

static const char *const every_command[] = {
    "run", "resume", "report", "play", "review", "list", "import",
    "mic-check", "history",
};

struct config_argv {
    char **items;
    int count;
};

/*
 * Where each argument taken from the config file came from, by its index
 * in the argv handed to the command, so that a bad value is reported at
 * its FILE:LINE:COLUMN like any other bad input file.
 */
#define MAX_SETTINGS 64

static char origins[MAX_SETTINGS + 1][4200];
static int origin_count;

const char *runner_config_origin(int index)
{
    if (index < 1 || index > origin_count || !origins[index][0])
        return NULL;
    return origins[index];
}

static int config_path(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");

    if (xdg && *xdg)
        snprintf(buf, size, "%s/mockinterview/config.yaml", xdg);
    else if (home && *home)
        snprintf(buf, size, "%s/.config/mockinterview/config.yaml", home);
    else
        return -1;
    return 0;
}

static int push_arg(struct config_argv *out, const char *text)
{
    char **grown = realloc(out->items, (out->count + 2) * sizeof *grown);

    if (!grown)
        return -1;
    out->items = grown;
    out->items[out->count] = strdup(text);
    if (!out->items[out->count])
        return -1;
    out->items[++out->count] = NULL;
    return 0;
}

/* "answer_time" and "answer-time" both name --answer-time. */
static void normalise_key(char *key)
{
    for (; *key; key++)
        if (*key == '_')
            *key = '-';
}

static bool option_known(const char *name)
{
    bool takes_value;

    for (size_t i = 0; i < sizeof every_command / sizeof *every_command; i++)
        if (runner_option_lookup(every_command[i], name, &takes_value) >= 0)
            return true;
    return false;
}

struct config_reader {
    const char *path;
    const char *command;
    char seen[MAX_SETTINGS][64];   /* setting names, to refuse repeats */
    int seen_lines[MAX_SETTINGS];
    int seen_count;
    int user_argc;                 /* the user's own command line */
    char **user_argv;
    yaml_parser_t parser;
    struct config_argv *out;
};

static int config_error(const struct config_reader *reader,
                        const yaml_mark_t *mark, const char *what)
{
    fprintf(stderr, "%s:%zu:%zu: %s\n", reader->path, mark->line + 1,
            mark->column + 1, what);
    return EXIT_INPUT;
}

static int next_event(struct config_reader *reader, yaml_event_t *event)
{
    if (yaml_parser_parse(&reader->parser, event))
        return EXIT_OK;
    fprintf(stderr, "%s:%zu:%zu: %s\n", reader->path,
            reader->parser.problem_mark.line + 1,
            reader->parser.problem_mark.column + 1,
            reader->parser.problem ? reader->parser.problem : "bad YAML");
    return EXIT_INPUT;
}

/* True when the user's command line gives --name itself. */
static bool user_gave(const struct config_reader *reader, const char *name)
{
    size_t length = strlen(name);

    for (int i = 1; i < reader->user_argc; i++) {
        const char *arg = reader->user_argv[i];

        if (!strcmp(arg, "--"))
            break;
        if (!strncmp(arg, "--", 2) && !strncmp(arg + 2, name, length) &&
            (arg[2 + length] == '\0' || arg[2 + length] == '='))
            return true;
    }
    return false;
}

/*
 * Adds one value of setting `name`, if this command takes it and the
 * command line does not give it: the command line wins outright, so a
 * default the user overrides is never even checked.
 */
static int add_setting(struct config_reader *reader, const char *name,
                       const yaml_event_t *value)
{
    const char *text = (const char *)value->data.scalar.value;
    bool takes_value;
    char arg[4096];

    if (runner_option_lookup(reader->command, name, &takes_value) < 0 ||
        user_gave(reader, name))
        return EXIT_OK;
    if (!takes_value) {
        if (strcmp(text, "true") && strcmp(text, "false"))
            return config_error(reader, &value->start_mark,
                                "expected true or false");
        if (!strcmp(text, "false"))
            return EXIT_OK;
        snprintf(arg, sizeof arg, "--%s", name);
    } else {
        snprintf(arg, sizeof arg, "--%s=%s", name, text);
    }
    if (reader->out->count > MAX_SETTINGS)
        return config_error(reader, &value->start_mark, "too many settings");
    snprintf(origins[reader->out->count], sizeof origins[0], "%s:%zu:%zu",
             reader->path, value->start_mark.line + 1,
             value->start_mark.column + 1);
    origin_count = reader->out->count;
    if (push_arg(reader->out, arg))
        return runner_fail(EXIT_RUNTIME, "out of memory");
    return EXIT_OK;
}

static int read_list(struct config_reader *reader, const char *name)
{
    yaml_event_t event;
    int status;

    for (;;) {
        if ((status = next_event(reader, &event)))
            return status;
        if (event.type == YAML_SEQUENCE_END_EVENT)
            break;
        if (event.type != YAML_SCALAR_EVENT)
            status = config_error(reader, &event.start_mark,
                                  "expected a plain value in this list");
        else
            status = add_setting(reader, name, &event);
        yaml_event_delete(&event);
        if (status)
            return status;
    }
    yaml_event_delete(&event);
    return EXIT_OK;
}

/* A setting may appear once; -1 when it is new (and now remembered). */
static int earlier_line(struct config_reader *reader, const char *name,
                        const yaml_mark_t *mark)
{
    for (int i = 0; i < reader->seen_count; i++)
        if (!strcmp(reader->seen[i], name))
            return reader->seen_lines[i];
    if (reader->seen_count < MAX_SETTINGS) {
        snprintf(reader->seen[reader->seen_count], sizeof reader->seen[0],
                 "%s", name);
        reader->seen_lines[reader->seen_count++] = (int)mark->line + 1;
    }
    return -1;
}

/* --bank and --question may repeat; every other setting takes one value. */
static bool takes_list(const char *name)
{
    return !strcmp(name, "bank") || !strcmp(name, "question");
}

static int read_setting(struct config_reader *reader, const yaml_event_t *key)
{
    char name[64];
    char message[160];
    yaml_event_t value;
    int status, line;

    snprintf(name, sizeof name, "%s", (const char *)key->data.scalar.value);
    normalise_key(name);
    if (!option_known(name) || !strcmp(name, "help")) {
        snprintf(message, sizeof message, "unknown setting '%s'", name);
        return config_error(reader, &key->start_mark, message);
    }
    if ((line = earlier_line(reader, name, &key->start_mark)) > 0) {
        snprintf(message, sizeof message, "'%s' is set twice (first at "
                 "line %d)", name, line);
        return config_error(reader, &key->start_mark, message);
    }
    if ((status = next_event(reader, &value)))
        return status;
    if (value.type == YAML_SEQUENCE_START_EVENT && !takes_list(name)) {
        snprintf(message, sizeof message, "'%s' takes one value, not a "
                 "list", name);
        status = config_error(reader, &value.start_mark, message);
    } else if (value.type == YAML_SEQUENCE_START_EVENT)
        status = read_list(reader, name);
    else if (value.type == YAML_SCALAR_EVENT)
        status = add_setting(reader, name, &value);
    else
        status = config_error(reader, &value.start_mark,
                              "expected a value or a list of values");
    yaml_event_delete(&value);
    return status;
}

static int read_settings(struct config_reader *reader)
{
    yaml_event_t event;
    int status, depth = 0;

    for (;;) {
        if ((status = next_event(reader, &event)))
            return status;
        if (event.type == YAML_STREAM_END_EVENT)
            break;
        if (event.type == YAML_MAPPING_START_EVENT && depth == 0)
            depth = 1;
        else if (event.type == YAML_SCALAR_EVENT && depth == 1)
            status = read_setting(reader, &event);
        else if (event.type == YAML_MAPPING_END_EVENT && depth == 1)
            depth = 0;
        else if (event.type != YAML_STREAM_START_EVENT &&
                 event.type != YAML_DOCUMENT_START_EVENT &&
                 event.type != YAML_DOCUMENT_END_EVENT)
            status = config_error(reader, &event.start_mark,
                                  "expected 'setting: value' lines");
        yaml_event_delete(&event);
        if (status)
            return status;
    }
    yaml_event_delete(&event);
    return EXIT_OK;
}

static int read_config(const char *command, int argc, char **argv,
                       struct config_argv *out)
{
    struct config_reader reader = {
        .command = command, .user_argc = argc, .user_argv = argv, .out = out,
    };
    char path[4096];
    FILE *file;
    int status;

    if (config_path(path, sizeof path))
        return EXIT_OK;
    file = fopen(path, "rb");
    if (!file)
        return EXIT_OK;
    reader.path = path;
    yaml_parser_initialize(&reader.parser);
    yaml_parser_set_input_file(&reader.parser, file);
    status = read_settings(&reader);
    yaml_parser_delete(&reader.parser);
    fclose(file);
    return status;
}

char **runner_config_argv(const char *command, int argc, char **argv,
                          int *new_argc, int *status)
{
    struct config_argv out = { 0 };

    *status = EXIT_OK;
    if (push_arg(&out, argv[0]))
        goto fail_memory;
    *status = read_config(command, argc, argv, &out);
    if (*status)
        goto fail;
    for (int i = 1; i < argc; i++)
        if (push_arg(&out, argv[i]))
            goto fail_memory;
    *new_argc = out.count;
    return out.items;

fail_memory:
    *status = runner_fail(EXIT_RUNTIME, "out of memory");
fail:
    runner_config_argv_free(out.items, out.count);
    return NULL;
}

void runner_config_argv_free(char **argv, int argc)
{
    if (!argv)
        return;
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
}
