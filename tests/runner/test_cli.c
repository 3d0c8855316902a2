/*
 * The command line as a user meets it: help, version, and the exit status
 * and one-line message of every kind of usage error. Each case runs the
 * real binary with a private config folder and checks what it printed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdbool.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BINARY MI_BINARY_DIR "/runner/mockinterview"

extern char **environ;

struct result {
    int status;
    char out[16384];
    char err[16384];
};

static char config_home[] = "/tmp/mi-cli-config.XXXXXX";

static void drain(int fd, char *buf, size_t size, size_t *used, bool *open)
{
    ssize_t n = read(fd, buf + *used, size - 1 - *used);

    if (n <= 0) {
        *open = false;
        return;
    }
    *used += (size_t)n;
    buf[*used] = '\0';
}

/* Runs the binary with argv (NULL-terminated), stdin from /dev/null. */
static void run_cli(struct result *r, const char *const *argv)
{
    int out[2], err[2], status;
    posix_spawn_file_actions_t actions;
    size_t out_used = 0, err_used = 0;
    bool out_open = true, err_open = true;
    pid_t pid;

    memset(r, 0, sizeof *r);
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, err[0]);
    assert_int_equal(posix_spawn(&pid, BINARY, &actions, NULL,
                                 (char *const *)argv, environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(err[1]);

    while (out_open || err_open) {
        struct pollfd fds[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };

        poll(fds, 2, 1000);
        if (out_open && fds[0].revents)
            drain(out[0], r->out, sizeof r->out, &out_used, &out_open);
        if (err_open && fds[1].revents)
            drain(err[0], r->err, sizeof r->err, &err_used, &err_open);
    }
    close(out[0]);
    close(err[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    r->status = WEXITSTATUS(status);
}

static int count_lines(const char *text)
{
    int lines = 0;

    for (; *text; text++)
        lines += *text == '\n';
    return lines;
}

struct usage_case {
    const char *args[8];
    int status;
    const char *stderr_has;
};

/* Every usage error: exit 2, a reason naming the culprit, then a hint. */
static const struct usage_case usage_cases[] = {
    { { "bogus" }, 2, "unknown command 'bogus'" },
    { { "--bogus" }, 2, "unknown option '--bogus'" },
    { { "run", "--bogus" }, 2, "unknown option '--bogus'" },
    { { "run", "--role" }, 2, "needs a value" },
    { { "run" }, 2, "choose a role with --role" },
    { { "run", "--role", "nope" }, 2, "no bundled role 'nope'" },
    { { "run", "--role", "ai-engineer", "--answer-time", "soon" }, 2,
      "--answer-time takes a duration" },
    { { "run", "--role", "ai-engineer", "--rate", "12345" }, 2,
      "--rate takes 16000, 44100 or 48000" },
    { { "run", "--role", "ai-engineer", "--count", "0" }, 2,
      "--count takes a whole number" },
    { { "run", "--role", "ai-engineer", "--difficulty", "brutal" }, 2,
      "--difficulty takes easy, medium or hard" },
    { { "run", "--role", "ai-engineer", "--question", "no-such-id" }, 2,
      "no-such-id" },
    { { "report", "--count", "3" }, 2, "report does not take --count" },
    { { "review", "--as", "boss" }, 2,
      "--as takes self, partner or review, not 'boss'" },
    { { "review", "--count", "3" }, 2, "review does not take --count" },
    { { "play", "--as", "self" }, 2, "play does not take --as" },
    { { "report", "--partner" }, 2, "report does not take --partner" },
    { { "validate" }, 2, "name at least one question file" },
    { { "import", "somewhere" }, 2, "-o" },
    { { "help", "nothing" }, 2, "no command 'nothing'" },
    { { "repair" }, 2, "name at least one WAV file" },
    { { "run", "--role", "ai-engineer", "--max-take", "0" }, 2,
      "--max-take must be more than 0" },
    { { "list", "--role", "nope" }, 2, "no bundled role 'nope'" },
};

static void test_cli_usage_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof usage_cases / sizeof *usage_cases; i++) {
        const struct usage_case *c = &usage_cases[i];
        const char *argv[10] = { BINARY };
        struct result r;

        memcpy(argv + 1, c->args, sizeof c->args);
        run_cli(&r, argv);
        if (r.status != c->status || !strstr(r.err, c->stderr_has))
            fail_msg("case %zu (%s %s): status %d, stderr: %s", i,
                     c->args[0], c->args[1] ? c->args[1] : "", r.status,
                     r.err);
        assert_true(strstr(r.err, "Try 'mockinterview") != NULL);
        assert_true(count_lines(r.err) <= 3);
        assert_string_equal(r.out, "");
    }
}

static void test_cli_help_and_version(void **state)
{
    struct result r;

    (void)state;
    run_cli(&r, (const char *[]){ BINARY, "--help", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: mockinterview COMMAND"));
    assert_non_null(strstr(r.out, "mic-check"));
    assert_non_null(strstr(r.out, "130 interrupted"));

    run_cli(&r, (const char *[]){ BINARY, "--version", NULL });
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "mockinterview " MI_VERSION "\n");

    run_cli(&r, (const char *[]){ BINARY, "help", "run", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--answer-time DUR"));
    assert_non_null(strstr(r.out, "--partner"));

    run_cli(&r, (const char *[]){ BINARY, "help", "review", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: mockinterview review"));
    assert_non_null(strstr(r.out, "--as WHO"));

    run_cli(&r, (const char *[]){ BINARY, "resume", "--partner", "--help",
                                  NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--partner"));

    run_cli(&r, (const char *[]){ BINARY, "run", "--help", NULL });
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: mockinterview run"));

    run_cli(&r, (const char *[]){ BINARY, NULL });
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "usage: mockinterview"));
}

static void write_file(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");

    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static void test_cli_config_file(void **state)
{
    char dir[4200], path[4300];
    struct result r;

    (void)state;
    snprintf(dir, sizeof dir, "%s/mockinterview", config_home);
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/config.yaml", dir);

    write_file(path, "answer-time: 2m\nspeed: fast\n");
    run_cli(&r, (const char *[]){ BINARY, "run", "--role", "ai-engineer",
                                  NULL });
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "config.yaml:2:1: unknown setting "
                                  "'speed'"));

    /* A bad default is a bad input file, reported where it stands. */
    write_file(path, "device: USB\nanswer_time: soon\n");
    run_cli(&r, (const char *[]){ BINARY, "run", "--role", "ai-engineer",
                                  NULL });
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "config.yaml:2:14: --answer-time takes a "
                                  "duration"));
    assert_int_equal(count_lines(r.err), 1);

    write_file(path, "answer-time: [5, 9]\n");
    run_cli(&r, (const char *[]){ BINARY, "list", NULL });
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "config.yaml:1:14: 'answer-time' takes "
                                  "one value, not a list"));

    write_file(path, "rate: 48000\nrate: 16000\n");
    run_cli(&r, (const char *[]){ BINARY, "list", NULL });
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "config.yaml:2:1: 'rate' is set twice "
                                  "(first at line 1)"));

    /* The command line wins over the file. */
    write_file(path, "difficulty: brutal\n");
    run_cli(&r, (const char *[]){ BINARY, "list", "--difficulty", "easy",
                                  NULL });
    assert_int_not_equal(r.status, 2);
    unlink(path);
    rmdir(dir);
}

static void test_cli_validate_reports_location(void **state)
{
    char path[] = "/tmp/mi-cli-bad.XXXXXX";
    int fd = mkstemp(path);
    struct result r;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    write_file(path, "role: x\ntitle: [unclosed\n");
    run_cli(&r, (const char *[]){ BINARY, "validate", path, NULL });
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, path));
    assert_non_null(strstr(r.out, "1 with problems"));
    unlink(path);
}

/* One second of a 440 Hz tone, 16-bit mono at 48 kHz, as a WAV file. */
static void write_tone(const char *path)
{
    enum { RATE = 48000, FRAMES = RATE };
    uint8_t header[44] = "RIFF____WAVEfmt ";
    uint32_t data_size = FRAMES * 2;
    FILE *file = fopen(path, "wb");

    assert_non_null(file);
    memcpy(header + 36, "data", 4);
    for (int i = 0; i < 4; i++) {
        header[4 + i] = (uint8_t)((36 + data_size) >> (8 * i));
        header[24 + i] = (uint8_t)(RATE >> (8 * i));
        header[28 + i] = (uint8_t)((RATE * 2) >> (8 * i));
        header[40 + i] = (uint8_t)(data_size >> (8 * i));
    }
    header[16] = 16;                /* fmt chunk size */
    header[20] = 1;                 /* PCM */
    header[22] = 1;                 /* mono */
    header[32] = 2;                 /* bytes per frame */
    header[34] = 16;                /* bits per sample */
    fwrite(header, 1, sizeof header, file);
    for (int i = 0; i < FRAMES; i++) {
        int16_t sample = (int16_t)(8000.0 * sin(2 * M_PI * 440 * i / RATE));

        fputc(sample & 0xff, file);
        fputc((sample >> 8) & 0xff, file);
    }
    fclose(file);
}

/* An imported Markdown collection is a bank a session can run. */
static void test_cli_imported_collection_runs(void **state)
{
    char out[4200], bank[4300], wav[4300], sessions[4300];
    struct result r;

    (void)state;
    snprintf(out, sizeof out, "%s/imported", config_home);
    snprintf(bank, sizeof bank, "%s/ai-engineer.yaml", out);
    snprintf(wav, sizeof wav, "%s/tone.wav", config_home);
    snprintf(sessions, sizeof sessions, "%s/sessions", config_home);
    write_tone(wav);

    run_cli(&r, (const char *[]){ BINARY, "import", MI_SOURCE_DIR
            "/tests/questions/data/import/collection", "-o", out, NULL });
    assert_int_equal(r.status, 3);      /* the fixture has one broken file */
    assert_non_null(strstr(r.out, "ai-engineer: 3 questions"));
    assert_non_null(strstr(r.err, "broken.md: no '### Question' section"));

    run_cli(&r, (const char *[]){ BINARY, "validate", bank, NULL });
    assert_int_equal(r.status, 0);

    run_cli(&r, (const char *[]){ BINARY, "run", "--bank", bank,
            "--count", "1", "--think-time", "0", "--answer-time", "1",
            "--mic-file", wav, "--out", sessions, "--plain", NULL });
    if (r.status != 0)
        fail_msg("run exit %d: %s%s", r.status, r.out, r.err);
    assert_non_null(strstr(r.out, "answer saved: recordings/01-"));
    assert_non_null(strstr(r.out, "\nreport: /"));
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(config_home))
        return -1;
    setenv("XDG_CONFIG_HOME", config_home, 1);
    setenv("MOCKINTERVIEW_BANK_DIR", MI_SOURCE_DIR "/questions/bank", 1);
    return 0;
}

static int teardown(void **state)
{
    char command[4200];

    (void)state;
    snprintf(command, sizeof command, "rm -rf '%s'", config_home);
    return system(command) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_help_and_version),
        cmocka_unit_test(test_cli_usage_errors),
        cmocka_unit_test(test_cli_config_file),
        cmocka_unit_test(test_cli_validate_reports_location),
        cmocka_unit_test(test_cli_imported_collection_runs),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
