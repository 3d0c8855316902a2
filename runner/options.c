/*
 * Command-line options. Every command draws from one table of long
 * options; a mask says which of them the command accepts, so the same
 * option means the same thing everywhere and the config file can offer
 * defaults for exactly the options a command takes.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define SELECT (OPT_BIT(OPT_ROLE) | OPT_BIT(OPT_BANK) | OPT_BIT(OPT_COUNT) | \
                OPT_BIT(OPT_SHUFFLE) | OPT_BIT(OPT_SEED) | \
                OPT_BIT(OPT_TAG) | OPT_BIT(OPT_DIFFICULTY) | \
                OPT_BIT(OPT_QUESTION))
#define CAPTURE (OPT_BIT(OPT_DEVICE) | OPT_BIT(OPT_RATE) | \
                 OPT_BIT(OPT_MIC_FILE) | OPT_BIT(OPT_MAX_TAKE) | \
                 OPT_BIT(OPT_VERBOSE))
#define TIMING (OPT_BIT(OPT_THINK_TIME) | OPT_BIT(OPT_ANSWER_TIME) | \
                OPT_BIT(OPT_HARD_STOP) | OPT_BIT(OPT_NO_REVIEW))
#define OUTPUT (OPT_BIT(OPT_OUT) | OPT_BIT(OPT_PLAIN))

static const struct option long_options[] = {
    [OPT_ROLE] = { "role", required_argument, NULL, OPT_ROLE },
    [OPT_BANK] = { "bank", required_argument, NULL, OPT_BANK },
    [OPT_COUNT] = { "count", required_argument, NULL, OPT_COUNT },
    [OPT_SHUFFLE] = { "shuffle", no_argument, NULL, OPT_SHUFFLE },
    [OPT_SEED] = { "seed", required_argument, NULL, OPT_SEED },
    [OPT_TAG] = { "tag", required_argument, NULL, OPT_TAG },
    [OPT_DIFFICULTY] = { "difficulty", required_argument, NULL,
                         OPT_DIFFICULTY },
    [OPT_QUESTION] = { "question", required_argument, NULL, OPT_QUESTION },
    [OPT_THINK_TIME] = { "think-time", required_argument, NULL,
                         OPT_THINK_TIME },
    [OPT_ANSWER_TIME] = { "answer-time", required_argument, NULL,
                          OPT_ANSWER_TIME },
    [OPT_HARD_STOP] = { "hard-stop", no_argument, NULL, OPT_HARD_STOP },
    [OPT_NO_REVIEW] = { "no-review", no_argument, NULL, OPT_NO_REVIEW },
    [OPT_DEVICE] = { "device", required_argument, NULL, OPT_DEVICE },
    [OPT_RATE] = { "rate", required_argument, NULL, OPT_RATE },
    [OPT_MIC_FILE] = { "mic-file", required_argument, NULL, OPT_MIC_FILE },
    [OPT_MAX_TAKE] = { "max-take", required_argument, NULL, OPT_MAX_TAKE },
    [OPT_VERBOSE] = { "verbose", no_argument, NULL, OPT_VERBOSE },
    [OPT_OUT] = { "out", required_argument, NULL, OPT_OUT },
    [OPT_PLAIN] = { "plain", no_argument, NULL, OPT_PLAIN },
    [OPT_OUTPUT] = { "output", required_argument, NULL, OPT_OUTPUT },
    [OPT_SECONDS] = { "seconds", required_argument, NULL, OPT_SECONDS },
    [OPT_NO_PLAYBACK] = { "no-playback", no_argument, NULL,
                          OPT_NO_PLAYBACK },
    [OPT_PARTNER] = { "partner", no_argument, NULL, OPT_PARTNER },
    [OPT_AS] = { "as", required_argument, NULL, OPT_AS },
    [OPT_HELP] = { "help", no_argument, NULL, OPT_HELP },
    [OPT_COUNT_ALL] = { NULL, 0, NULL, 0 },
};

static const struct {
    const char *command;
    unsigned long mask;
} accepted[] = {
    { "run", SELECT | CAPTURE | TIMING | OUTPUT | OPT_BIT(OPT_PARTNER) },
    { "resume", CAPTURE | OUTPUT | OPT_BIT(OPT_NO_REVIEW) |
                OPT_BIT(OPT_HARD_STOP) | OPT_BIT(OPT_PARTNER) },
    { "report", OPT_BIT(OPT_OUT) | OPT_BIT(OPT_OUTPUT) },
    { "play", OPT_BIT(OPT_DEVICE) | OUTPUT | OPT_BIT(OPT_VERBOSE) },
    { "review", OPT_BIT(OPT_AS) | OPT_BIT(OPT_DEVICE) | OUTPUT |
                OPT_BIT(OPT_VERBOSE) },
    { "list", SELECT },
    { "import", OPT_BIT(OPT_OUTPUT) },
    { "history", OPT_BIT(OPT_ROLE) | OPT_BIT(OPT_OUT) },
    { "devices", OPT_BIT(OPT_VERBOSE) },
    { "mic-check", CAPTURE | OPT_BIT(OPT_SECONDS) |
                   OPT_BIT(OPT_NO_PLAYBACK) },
};

static unsigned long command_mask(const char *command)
{
    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++)
        if (!strcmp(accepted[i].command, command))
            return accepted[i].mask | OPT_BIT(OPT_HELP);
    return OPT_BIT(OPT_HELP);
}

const char *runner_option_name(enum option_id id)
{
    return id < OPT_COUNT_ALL ? long_options[id].name : NULL;
}

int runner_option_lookup(const char *command, const char *name,
                         bool *takes_value)
{
    unsigned long mask = command_mask(command);

    for (int id = 0; id < OPT_COUNT_ALL; id++) {
        if (strcmp(long_options[id].name, name) || id == OPT_HELP)
            continue;
        if (!(mask & OPT_BIT(id)))
            return -1;
        *takes_value = long_options[id].has_arg == required_argument;
        return id;
    }
    return -1;
}

int runner_parse_count(const char *command, const char *option,
                       const char *text, long min, long max, long *out)
{
    char *end;
    long value;

    errno = 0;
    value = strtol(text, &end, 10);
    if (errno || end == text || *end || value < min || value > max)
        return runner_usage(command, "--%s takes a whole number from %ld "
                            "to %ld, not '%s'", option, min, max, text);
    *out = value;
    return EXIT_OK;
}

int runner_parse_seconds(const char *command, const char *option,
                         const char *text, int *seconds)
{
    if (questions_parse_duration(text, seconds) != 0)
        return runner_usage(command, "--%s takes a duration like 45s, 3m, "
                            "2m30s or 90, not '%s'", option, text);
    return EXIT_OK;
}

static int push_string(const char ***list, size_t *count, const char *value)
{
    const char **grown = realloc(*list, (*count + 1) * sizeof **list);

    if (!grown)
        return runner_fail(EXIT_RUNTIME, "out of memory");
    grown[(*count)++] = value;
    *list = grown;
    return EXIT_OK;
}

static int apply_rate(const char *command, const char *text,
                      struct args *args)
{
    long rate = 0;
    int status = runner_parse_count(command, "rate", text, 1, 384000, &rate);

    if (status)
        return status;
    if (rate != 16000 && rate != 44100 && rate != 48000)
        return runner_usage(command, "--rate takes 16000, 44100 or 48000, "
                            "not %ld", rate);
    args->session.rate = (int)rate;
    return EXIT_OK;
}

/* Whose assessment `review` writes: the names the report knows. */
static int apply_who(const char *command, const char *text,
                     struct args *args)
{
    static const char *const names[] = { "self", "partner", "review" };

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(text, names[i]) == 0) {
            args->who = names[i];
            return EXIT_OK;
        }
    }
    return runner_usage(command, "--as takes self, partner or review, "
                        "not '%s'", text);
}

static int apply_difficulty(const char *command, const char *text,
                            struct args *args)
{
    enum question_difficulty difficulty;

    if (questions_difficulty_parse(text, &difficulty) != 0)
        return runner_usage(command, "--difficulty takes easy, medium or "
                            "hard, not '%s'", text);
    args->selection.filter.difficulty = (int)difficulty;
    return EXIT_OK;
}

/* The options that take a value, each turned into its field. */
/* A duration that must be longer than zero: an answer, a take. */
static int positive_seconds(const char *command, const char *option,
                            const char *text, int *seconds)
{
    int status = runner_parse_seconds(command, option, text, seconds);

    if (status == EXIT_OK && *seconds == 0)
        return runner_usage(command, "--%s must be more than 0 seconds",
                            option);
    return status;
}

/* The options that choose questions. */
static int apply_selection(const char *command, int id, const char *text,
                           struct args *args)
{
    struct selection *selection = &args->selection;
    long number = 0;
    int status;

    switch (id) {
    case OPT_ROLE:
        selection->role = text;
        return EXIT_OK;
    case OPT_BANK:
        return push_string(&selection->banks, &selection->bank_count, text);
    case OPT_QUESTION:
        return push_string(&selection->ids, &selection->id_count, text);
    case OPT_TAG:
        selection->filter.tag = text;
        return EXIT_OK;
    case OPT_DIFFICULTY:
        return apply_difficulty(command, text, args);
    case OPT_COUNT:
        status = runner_parse_count(command, "count", text, 1, 100000,
                                    &number);
        selection->filter.count = (size_t)number;
        return status;
    }

    /* A seed only means something for a shuffle: asking for one is asking
     * for a repeatable shuffle. */
    status = runner_parse_count(command, "seed", text, 0, LONG_MAX, &number);
    selection->filter.seed = (unsigned long)number;
    selection->filter.shuffle = true;
    return status;
}

static bool is_selection(int id)
{
    return id == OPT_ROLE || id == OPT_BANK || id == OPT_QUESTION ||
           id == OPT_TAG || id == OPT_DIFFICULTY || id == OPT_COUNT ||
           id == OPT_SEED;
}

/* The options that take a value, each turned into its field. */
static int apply_value(const char *command, int id, const char *text,
                       struct args *args)
{
    struct session_options *session = &args->session;
    int seconds = 0, status;
    long number = 0;

    if (is_selection(id))
        return apply_selection(command, id, text, args);
    switch (id) {
    case OPT_THINK_TIME:
        return runner_parse_seconds(command, "think-time", text,
                                    &session->think_time);
    case OPT_ANSWER_TIME:
        return positive_seconds(command, "answer-time", text,
                                &session->answer_time);
    case OPT_MAX_TAKE:
        status = positive_seconds(command, "max-take", text, &seconds);
        session->max_take = seconds;
        return status;
    case OPT_SECONDS:
        status = runner_parse_count(command, "seconds", text, 1, 600,
                                    &number);
        args->seconds = (int)number;
        return status;
    case OPT_RATE:
        return apply_rate(command, text, args);
    case OPT_DEVICE:
        session->device = text;
        return EXIT_OK;
    case OPT_MIC_FILE:
        session->mic_file = text;
        return EXIT_OK;
    case OPT_OUT:
        session->out_dir = text;
        return EXIT_OK;
    case OPT_OUTPUT:
        args->output = text;
        return EXIT_OK;
    case OPT_AS:
        return apply_who(command, text, args);
    }
    return EXIT_OK;
}

static void apply_flag(int id, struct args *args)
{
    switch (id) {
    case OPT_SHUFFLE: args->selection.filter.shuffle = true; break;
    case OPT_HARD_STOP: args->session.hard_stop = true; break;
    case OPT_NO_REVIEW: args->session.no_review = true; break;
    case OPT_VERBOSE: args->session.verbose = true; break;
    case OPT_PLAIN: args->session.plain = true; break;
    case OPT_NO_PLAYBACK: args->no_playback = true; break;
    case OPT_PARTNER: args->session.partner = true; break;
    case OPT_HELP: args->help = true; break;
    }
}

static void args_defaults(struct args *args)
{
    memset(args, 0, sizeof *args);
    args->session.think_time = -1;
    args->session.answer_time = -1;
    args->selection.filter.difficulty = -1;
    args->seconds = 5;
    args->who = "review";
}

/* The message getopt would print, but in our one-line form. */
static int unknown_option(const char *command, int code, char **argv,
                          int index)
{
    const char *word = argv[index - 1];

    if (code == ':')
        return runner_usage(command, "option '%s' needs a value", word);
    return runner_usage(command, "unknown option '%s'", word);
}

int runner_parse_args(const char *command, int argc, char **argv,
                      struct args *args)
{
    unsigned long mask = command_mask(command);
    const char *short_opts = (mask & OPT_BIT(OPT_OUTPUT)) ? ":ho:" : ":h";
    int id, status;

    args_defaults(args);
    args->selection.command = command;
    opterr = 0;
    optind = 0;
    while ((id = getopt_long(argc, argv, short_opts, long_options,
                             NULL)) != -1) {
        if (id == 'h')
            id = OPT_HELP;
        else if (id == 'o')
            id = OPT_OUTPUT;
        if (id == '?' || id == ':')
            return unknown_option(command, id, argv, optind);
        if (!(mask & OPT_BIT(id)))
            return runner_usage(command, "%s does not take --%s", command,
                                long_options[id].name);
        if (long_options[id].has_arg == no_argument) {
            apply_flag(id, args);
            continue;
        }
        runner_usage_origin(runner_config_origin(optind - 1));
        status = apply_value(command, id, optarg, args);
        runner_usage_origin(NULL);
        if (status)
            return status;
    }
    args->positional = argv + optind;
    args->positional_count = argc - optind;
    args->selection.filter.ids = args->selection.ids;
    args->selection.filter.id_count = args->selection.id_count;
    return EXIT_OK;
}

void runner_args_free(struct args *args)
{
    selection_free(&args->selection);
}

bool runner_begin(const char *command, int argc, char **argv,
                  struct args *args, int *status)
{
    *status = runner_parse_args(command, argc, argv, args);
    if (*status) {
        runner_args_free(args);
        return false;
    }
    if (args->help) {
        *status = cmd_help(2, (char *[]){ "help", (char *)command, NULL });
        runner_args_free(args);
        return false;
    }
    return true;
}
