/*
 * tests/audio/test_devices.c: audio_init, device listing and --device
 * resolution against the virtual devices of scripts/virtual-mic.sh, as
 * PortAudio's ALSA host API really sees them: `virtmic` (input only),
 * `virtspk` (output only) and `default` (both, the default either way).
 */
#include "audio/audio.h"
#include "vmic_test.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#define RATE 16000
#define MAX_DEVICES 32

static struct vmic vmic;

/* Adds ALSA configuration text to the virtual device's configuration. */
static int append_config(const char *text)
{
    const char *path = getenv("ALSA_CONFIG_PATH");
    FILE *f = path ? fopen(path, "a") : NULL;

    if (f == NULL)
        return -1;
    fputs(text, f);
    return fclose(f) == 0 ? 0 : -1;
}

static int start_devices(const char *name, const char *options,
                         const char *extra_config)
{
    char input[600];
    struct audio_error err = { "" };

    vmic_scratch_path(input, sizeof input, "input.wav");
    if (vmic_write_wav(input, RATE, RATE / 2, 1) != 0 ||
        vmic_start(&vmic, name, options, input, RATE) != 0)
        return -1;
    if (extra_config != NULL && append_config(extra_config) != 0) {
        vmic_stop(&vmic);
        return -1;
    }
    if (audio_init(false, NULL, &err) != AUDIO_OK) {
        fprintf(stderr, "audio_init: %s\n", err.message);
        vmic_stop(&vmic);
        return -1;
    }
    return 0;
}

static int setup_virtual(void **state)
{
    (void)state;
    return start_devices("plain", "", NULL);
}

static int setup_no_input(void **state)
{
    (void)state;
    return start_devices("no-input", "--no-input", NULL);
}

/* A second input whose name contains "virtmic". */
static int setup_similar_names(void **state)
{
    (void)state;
    return start_devices("similar", "", "pcm.virtmic_copy "
                         "{ type asym; capture.pcm \"virtmic\" }\n");
}

static int teardown_devices(void **state)
{
    (void)state;
    audio_shutdown();
    vmic_stop(&vmic);
    return 0;
}

static const struct audio_device_info *find(const struct audio_device_info *all,
                                            int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(all[i].name, name) == 0)
            return &all[i];
    return NULL;
}

static int index_of(const char *name)
{
    struct audio_device_info all[MAX_DEVICES];
    int count = audio_devices_list(all, MAX_DEVICES);
    const struct audio_device_info *dev = find(all, count, name);

    assert_non_null(dev);
    return dev->index;
}

/* ---- listing ---------------------------------------------------------- */

static void test_devices_list_finds_virtual_devices(void **state)
{
    struct audio_device_info all[MAX_DEVICES];
    int count = audio_devices_list(all, MAX_DEVICES);
    const struct audio_device_info *mic = find(all, count, "virtmic");
    const struct audio_device_info *spk = find(all, count, "virtspk");
    const struct audio_device_info *def = find(all, count, "default");

    (void)state;
    assert_in_range(count, 3, MAX_DEVICES);
    assert_non_null(mic);
    assert_non_null(spk);
    assert_non_null(def);

    assert_true(mic->max_input_channels >= 1);
    assert_int_equal(mic->max_output_channels, 0);
    assert_int_equal(spk->max_input_channels, 0);
    assert_true(spk->max_output_channels >= 1);
    assert_true(def->max_input_channels >= 1);
    assert_true(def->max_output_channels >= 1);
    assert_string_equal(mic->host_api, "ALSA");
    assert_true(mic->default_rate > 0);
}

static void test_devices_list_marks_defaults(void **state)
{
    struct audio_device_info all[MAX_DEVICES];
    int count = audio_devices_list(all, MAX_DEVICES);
    int inputs = 0, outputs = 0;

    (void)state;
    for (int i = 0; i < count; i++) {
        assert_int_equal(all[i].index, i);
        inputs += all[i].default_input;
        outputs += all[i].default_output;
    }
    assert_int_equal(inputs, 1);
    assert_int_equal(outputs, 1);
    assert_true(find(all, count, "default")->default_input);
    assert_true(find(all, count, "default")->default_output);
    assert_false(find(all, count, "virtmic")->default_input);
}

static void test_devices_list_fills_at_most_max(void **state)
{
    struct audio_device_info two[3];
    int count;

    (void)state;
    memset(two, 0x5a, sizeof two);
    count = audio_devices_list(two, 2);
    assert_true(count >= 3);
    assert_int_equal(two[1].index, 1);
    assert_int_equal(two[2].index, 0x5a5a5a5a);
}

/* ---- resolving -------------------------------------------------------- */

struct resolve_case {
    const char *spec;
    bool input;
    int status;
    const char *device;       /* expected name when status is AUDIO_OK */
    const char *message;      /* expected substring of the error */
};

static const struct resolve_case cases[] = {
    { NULL, true, AUDIO_OK, "default", NULL },
    { "", false, AUDIO_OK, "default", NULL },
    { "MIC", true, AUDIO_OK, "virtmic", NULL },
    { "spk", false, AUDIO_OK, "virtspk", NULL },
    { "virt", true, AUDIO_OK, "virtmic", NULL },      /* virtspk: no input */
    { "virt", false, AUDIO_OK, "virtspk", NULL },
    { "Default", true, AUDIO_OK, "default", NULL },
    { "t", true, AUDIO_ERR_USAGE, NULL, "\"t\" matches 2 devices: " },
    { "nosuch", true, AUDIO_ERR_DEVICE, NULL, "\"nosuch\"" },
    { "nosuch", false, AUDIO_ERR_DEVICE, NULL, "no output device matches" },
    { "99", true, AUDIO_ERR_DEVICE, NULL, "no device 99" },
    { "123456789012", true, AUDIO_ERR_DEVICE, NULL, "no device" },
};

static void test_devices_resolve_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct resolve_case *c = &cases[i];
        struct audio_error err = { "" };
        int index = -7;
        int rc = audio_device_resolve(c->spec, c->input, &index, &err);

        print_message("resolve \"%s\" %s -> %d %s\n",
                      c->spec ? c->spec : "(null)",
                      c->input ? "in" : "out", rc, err.message);
        assert_int_equal(rc, c->status);
        if (c->device != NULL)
            assert_int_equal(index, index_of(c->device));
        else
            assert_int_equal(index, -7);
        if (c->message != NULL)
            assert_non_null(strstr(err.message, c->message));
    }
}

static void test_devices_resolve_ambiguous_lists_matches(void **state)
{
    struct audio_error err = { "" };
    char want[256];
    int index;

    (void)state;
    assert_int_equal(audio_device_resolve("T", false, &index, &err),
                     AUDIO_ERR_USAGE);
    snprintf(want, sizeof want,
             "\"T\" matches 2 devices: virtspk [%d], default [%d]",
             index_of("virtspk"), index_of("default"));
    assert_string_equal(err.message, want);
}

static void test_devices_resolve_by_index(void **state)
{
    struct audio_error err = { "" };
    char spec[16];
    int mic = index_of("virtmic");
    int index = -1;

    (void)state;
    snprintf(spec, sizeof spec, "%d", mic);
    assert_int_equal(audio_device_resolve(spec, true, &index, &err),
                     AUDIO_OK);
    assert_int_equal(index, mic);

    assert_int_equal(audio_device_resolve(spec, false, &index, &err),
                     AUDIO_ERR_DEVICE);
    assert_non_null(strstr(err.message, "virtmic"));
    assert_non_null(strstr(err.message, "no output channels"));
}

static void test_devices_resolve_no_input(void **state)
{
    struct audio_error err = { "" };
    int index = -1;

    (void)state;
    assert_int_equal(audio_device_resolve(NULL, true, &index, &err),
                     AUDIO_ERR_DEVICE);
    assert_string_equal(err.message,
                        "no input device found; run `mockinterview devices`");
    assert_int_equal(audio_device_resolve("default", true, &index, &err),
                     AUDIO_ERR_DEVICE);

    assert_int_equal(audio_device_resolve(NULL, false, &index, &err),
                     AUDIO_OK);
    assert_int_equal(index, index_of("default"));
}

static void test_devices_resolve_exact_name_wins(void **state)
{
    struct audio_error err = { "" };
    int index = -1;

    (void)state;
    assert_int_equal(audio_device_resolve("VIRTMIC", true, &index, &err),
                     AUDIO_OK);
    assert_int_equal(index, index_of("virtmic"));

    assert_int_equal(audio_device_resolve("copy", true, &index, &err),
                     AUDIO_OK);
    assert_int_equal(index, index_of("virtmic_copy"));

    assert_int_equal(audio_device_resolve("virtm", true, &index, &err),
                     AUDIO_ERR_USAGE);
    assert_non_null(strstr(err.message, "\"virtm\" matches 2 devices: "));
}

/* ---- init ------------------------------------------------------------- */

static void test_devices_init_counts_calls(void **state)
{
    struct audio_error err = { "" };
    struct audio_device_info one;

    (void)state;
    assert_int_equal(audio_init(false, NULL, &err), AUDIO_OK);
    audio_shutdown();
    assert_true(audio_devices_list(&one, 1) >= 3);

    audio_shutdown();
    assert_int_equal(audio_devices_list(&one, 1), AUDIO_ERR_DEVICE);
    assert_int_equal(audio_device_resolve(NULL, true, &one.index, &err),
                     AUDIO_ERR_DEVICE);
    assert_int_equal(audio_init(false, NULL, &err), AUDIO_OK);
}

static long file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static bool file_contains(const char *path, const char *needle)
{
    char buf[8192];
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

    if (f != NULL)
        fclose(f);
    buf[n] = '\0';
    return strstr(buf, needle) != NULL;
}

/*
 * Starting PortAudio on this configuration makes ALSA complain about the
 * half-defined asym devices and libjack about the missing server: all of
 * it must reach the log and none of it the real stderr.
 */
static void test_devices_init_keeps_chatter_off_stderr(void **state)
{
    struct audio_error err = { "" };
    char log[600], captured[600];
    int saved = dup(2);
    int fd;

    (void)state;
    audio_shutdown();
    vmic_scratch_path(log, sizeof log, "audio.log");
    vmic_scratch_path(captured, sizeof captured, "stderr.txt");
    fd = open(captured, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0 && saved >= 0);
    dup2(fd, 2);
    close(fd);

    assert_int_equal(audio_init(false, log, &err), AUDIO_OK);
    audio_shutdown();
    fprintf(stderr, "after");
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_int_equal(audio_init(false, NULL, &err), AUDIO_OK);

    assert_int_equal(file_size(captured), 5);     /* only our "after" */
    assert_true(file_contains(log, "alsa: "));
    assert_true(file_contains(log, "slave is not defined"));
    assert_true(file_contains(log, "jack: "));
}

static int run_suites(void)
{
    const struct CMUnitTest virtual_devices[] = {
        cmocka_unit_test(test_devices_list_finds_virtual_devices),
        cmocka_unit_test(test_devices_list_marks_defaults),
        cmocka_unit_test(test_devices_list_fills_at_most_max),
        cmocka_unit_test(test_devices_resolve_table),
        cmocka_unit_test(test_devices_resolve_ambiguous_lists_matches),
        cmocka_unit_test(test_devices_resolve_by_index),
        cmocka_unit_test(test_devices_init_counts_calls),
        cmocka_unit_test(test_devices_init_keeps_chatter_off_stderr),
    };
    const struct CMUnitTest no_input[] = {
        cmocka_unit_test(test_devices_resolve_no_input),
    };
    const struct CMUnitTest similar_names[] = {
        cmocka_unit_test(test_devices_resolve_exact_name_wins),
    };
    int failed = 0;

    failed += cmocka_run_group_tests_name("virtual devices", virtual_devices,
                                          setup_virtual, teardown_devices);
    failed += cmocka_run_group_tests_name("no input device", no_input,
                                          setup_no_input, teardown_devices);
    failed += cmocka_run_group_tests_name("similar names", similar_names,
                                          setup_similar_names,
                                          teardown_devices);
    return failed == 0 ? 0 : 1;
}

int main(void)
{
    return vmic_run_guarded(run_suites, 90);
}
