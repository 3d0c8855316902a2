/*
 * Tests of sessions/folders.c and latest.c: where sessions live, folder
 * names and modes, the latest (unfinished) session, the folder a command
 * works on, take names that cannot escape recordings/, and the lock,
 * including a holder that dies; and of errors.c, the exit status a
 * journal's problem maps to.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/wait.h>

#include "journal_helpers.h"

static int setup(void **state)
{
    char *dir = scratch_dir();

    if (!dir)
        return -1;
    *state = dir;
    return 0;
}

static int teardown(void **state)
{
    scratch_remove(*state);
    return 0;
}

static void assert_mode(const char *path, mode_t mode)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, mode);
}

/* ---- session_root ------------------------------------------------------ */

static void test_folders_root_out_dir(void **state)
{
    char want[4096], got[4096], parent[4200];
    mode_t old = umask(0);

    snprintf(want, sizeof want, "%s/a/b/sessions", (char *)*state);
    assert_int_equal(session_root(want, got, sizeof got), 0);
    umask(old);
    assert_string_equal(got, want);
    assert_mode(got, 0700);
    snprintf(parent, sizeof parent, "%s/a", (char *)*state);
    assert_mode(parent, 0700);

    /* An existing folder is fine, and kept as it is. */
    assert_int_equal(session_root(want, got, sizeof got), 0);
}

static void test_folders_root_xdg_and_home(void **state)
{
    const char *dir = *state;
    char *saved_xdg = xstrdup(getenv("XDG_DATA_HOME"));
    char *saved_home = xstrdup(getenv("HOME"));
    char want[4096], got[4096];

    setenv("XDG_DATA_HOME", dir, 1);
    assert_int_equal(session_root(NULL, got, sizeof got), 0);
    snprintf(want, sizeof want, "%s/mockinterview/sessions", dir);
    assert_string_equal(got, want);
    assert_mode(got, 0700);

    /* A relative XDG_DATA_HOME is ignored, as the spec says. */
    setenv("XDG_DATA_HOME", "relative/path", 1);
    setenv("HOME", dir, 1);
    assert_int_equal(session_root(NULL, got, sizeof got), 0);
    snprintf(want, sizeof want, "%s/.local/share/mockinterview/sessions",
             dir);
    assert_string_equal(got, want);

    unsetenv("XDG_DATA_HOME");
    assert_int_equal(session_root("", got, sizeof got), 0);
    assert_string_equal(got, want);

    assert_int_equal(session_root(NULL, got, 8), -1);
    assert_int_equal(errno, ENAMETOOLONG);

    if (saved_xdg)
        setenv("XDG_DATA_HOME", saved_xdg, 1);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_xdg);
    free(saved_home);
}

/* ---- session_dir_create ------------------------------------------------ */

static void test_folders_create_modes_and_name(void **state)
{
    const char *root = *state;
    char dir[4096], rec[4200];
    const char *name;
    mode_t old = umask(0);

    assert_int_equal(session_dir_create(root, "AI Engineer/../x", dir,
                                        sizeof dir), 0);
    umask(old);
    assert_memory_equal(dir, root, strlen(root));
    name = dir + strlen(root) + 1;
    /* YYYY-MM-DD_HHMMSS_ then the sanitised role. */
    assert_int_equal(strlen(name), 18 + strlen("ai-engineer-x"));
    assert_int_equal(name[4], '-');
    assert_int_equal(name[10], '_');
    assert_int_equal(name[17], '_');
    assert_string_equal(name + 18, "ai-engineer-x");
    assert_mode(dir, 0700);
    snprintf(rec, sizeof rec, "%s/%s", dir, JOURNAL_RECORDINGS);
    assert_mode(rec, 0700);
}

static void test_folders_create_collision_suffix(void **state)
{
    const char *root = *state;
    char first[4096], second[4096], third[4096], want[4200];

    /* The clock may tick between calls; retry until all three share one. */
    for (int attempt = 0; attempt < 5; attempt++) {
        assert_int_equal(session_dir_create(root, "ml", first, sizeof first),
                         0);
        assert_int_equal(session_dir_create(root, "ml", second,
                                            sizeof second), 0);
        assert_int_equal(session_dir_create(root, "ml", third, sizeof third),
                         0);
        snprintf(want, sizeof want, "%s-3", first);
        if (strcmp(third, want) != 0)
            continue;
        snprintf(want, sizeof want, "%s-2", first);
        assert_string_equal(second, want);
        return;
    }
    fail_msg("no collision in five attempts: %s %s %s", first, second, third);
}

static void test_folders_create_empty_role(void **state)
{
    char dir[4096];

    assert_int_equal(session_dir_create(*state, "\xe6\x97\xa5/..", dir,
                                        sizeof dir), 0);
    assert_string_equal(dir + strlen(dir) - strlen("_session"), "_session");
}

/* ---- session_take_name ------------------------------------------------- */

struct take_case {
    int number;
    const char *id;
    int take;
    const char *want;
};

static const struct take_case take_cases[] = {
    { 1, "rag-eval", 1, "recordings/01-rag-eval-t1.wav" },
    { 12, "RAG Eval", 3, "recordings/12-rag-eval-t3.wav" },
    { 3, "../../etc/passwd", 1, "recordings/03-etc-passwd-t1.wav" },
    { 4, "a b/c", 2, "recordings/04-a-b-c-t2.wav" },
    { 5, "", 1, "recordings/05-question-t1.wav" },
    { 6, "--//..--", 1, "recordings/06-question-t1.wav" },
    { 7, "caf\xc3\xa9 na\xc3\xafve", 1, "recordings/07-caf-na-ve-t1.wav" },
    { 8, "\xe6\x97\xa5\xe6\x9c\xac", 1, "recordings/08-question-t1.wav" },
    { 9, "x\n\ty;rm -rf ~", 1, "recordings/09-x-y-rm-rf-t1.wav" },
    { 10, "a-very-long-question-identifier-that-goes-on-and-on-forever", 1,
      "recordings/10-a-very-long-question-identifier-that-goe-t1.wav" },
    { 123, "q", 10, "recordings/123-q-t10.wav" },
};

static void test_folders_take_name_sanitised(void **state)
{
    char name[4096];

    for (size_t i = 0; i < sizeof take_cases / sizeof take_cases[0]; i++) {
        const struct take_case *c = &take_cases[i];

        assert_int_equal(session_take_name(*state, c->number, c->id, c->take,
                                           name, sizeof name), 0);
        assert_string_equal(name, c->want);
        assert_null(strstr(name, ".."));
        assert_null(strchr(name + strlen("recordings/"), '/'));
    }
}

static void test_folders_take_name_never_overwrites(void **state)
{
    const char *dir = *state;
    char rec[4200], path[8400], name[4096];

    snprintf(rec, sizeof rec, "%s/%s", dir, JOURNAL_RECORDINGS);
    assert_int_equal(mkdir(rec, 0700), 0);

    assert_int_equal(session_take_name(dir, 2, "q", 1, name, sizeof name), 0);
    assert_string_equal(name, "recordings/02-q-t1.wav");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(file_write(path, "x", 1), 0);

    assert_int_equal(session_take_name(dir, 2, "q", 1, name, sizeof name), 0);
    assert_string_equal(name, "recordings/02-q-t1-2.wav");
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink("/nowhere", path), 0);

    /* A dangling symlink counts as taken too. */
    assert_int_equal(session_take_name(dir, 2, "q", 1, name, sizeof name), 0);
    assert_string_equal(name, "recordings/02-q-t1-3.wav");

    assert_int_equal(session_take_name(dir, 2, "q", 1, name, 12), -1);
    assert_int_equal(errno, ENAMETOOLONG);
}

/* ---- session_dir_latest ------------------------------------------------ */

static void make_session(const char *root, const char *name, int finished)
{
    char dir[4096];
    struct journal j;

    snprintf(dir, sizeof dir, "%s/%s", root, name);
    assert_int_equal(mkdir(dir, 0700), 0);
    if (finished < 0)
        return;
    memset(&j, 0, sizeof j);
    j.role = strdup("r");
    j.created = strdup("2026-12-03T14:15:02+01:00");
    j.finished = finished;
    assert_int_equal(journal_save(&j, dir), 0);
    journal_free(&j);
}

static void assert_latest(const char *root, bool unfinished, const char *name)
{
    char got[4096], want[4096];

    assert_int_equal(session_dir_latest(root, unfinished, got, sizeof got),
                     0);
    snprintf(want, sizeof want, "%s/%s", root, name);
    assert_string_equal(got, want);
}

static void test_folders_latest(void **state)
{
    const char *root = *state;
    char got[4096], path[4200];

    assert_int_equal(session_dir_latest(root, false, got, sizeof got), -1);
    assert_int_equal(errno, ENOENT);

    make_session(root, "2026-01-01_090000_a", 1);
    make_session(root, "2026-01-02_090000_b", 0);
    make_session(root, "2026-01-02_090000_b-9", 0);
    make_session(root, "2026-01-02_090000_b-10", 0);
    make_session(root, "2026-01-03_090000_c", 1);
    make_session(root, "2026-01-04_090000_d", -1);   /* no journal */
    snprintf(path, sizeof path, "%s/2026-01-05_090000_e", root);
    assert_int_equal(file_write(path, "x", 1), 0);    /* not a folder */

    assert_latest(root, false, "2026-01-03_090000_c");
    assert_latest(root, true, "2026-01-02_090000_b-10");

    /* A broken journal counts as unfinished so resume can name it. */
    make_session(root, "2026-01-06_090000_f", 1);
    snprintf(path, sizeof path, "%s/2026-01-06_090000_f/%s", root,
             JOURNAL_FILE);
    assert_int_equal(file_write(path, "version: [", 10), 0);
    assert_latest(root, true, "2026-01-06_090000_f");
}

/* ---- session_dir_find -------------------------------------------------- */

static void assert_find_fails(const char *dir, const char *out_dir,
                              bool unfinished, const char *none, int code,
                              const char *message)
{
    struct session_error err = { 0, "" };
    char got[4096];

    assert_int_equal(session_dir_find(dir, out_dir, unfinished, none, got,
                                      sizeof got, &err), code);
    assert_int_equal(err.exit_code, code);
    assert_string_equal(err.message, message);
}

static void test_folders_find_named(void **state)
{
    const char *root = *state;
    struct session_error err = { 0, "" };
    char dir[4200], got[4096], want[4400];

    make_session(root, "s", 0);
    snprintf(dir, sizeof dir, "%s/s", root);
    assert_int_equal(session_dir_find(dir, NULL, true, "none", got,
                                      sizeof got, &err), 0);
    assert_string_equal(got, dir);

    snprintf(dir, sizeof dir, "%s/nope", root);
    snprintf(want, sizeof want, "%s: no such session folder", dir);
    assert_find_fails(dir, NULL, false, "none", SESSION_EXIT_USAGE, want);

    make_session(root, "empty", -1);
    snprintf(dir, sizeof dir, "%s/empty", root);
    snprintf(want, sizeof want, "%s: not a session folder (no %s)", dir,
             JOURNAL_FILE);
    assert_find_fails(dir, NULL, false, "none", SESSION_EXIT_USAGE, want);

    /* A name that does not fit is refused, never cut short. */
    snprintf(dir, sizeof dir, "%s/s", root);
    assert_int_equal(session_dir_find(dir, NULL, false, "none", got, 8,
                                      &err), SESSION_EXIT_USAGE);
    assert_non_null(strstr(err.message, "too long"));
}

static void test_folders_find_latest(void **state)
{
    const char *root = *state;
    struct session_error err = { 0, "" };
    char got[4096], want[4300], file[4200];

    assert_find_fails(NULL, root, false, "no session to play",
                      SESSION_EXIT_USAGE, "no session to play");
    snprintf(want, sizeof want, "no session found in %s", root);
    assert_find_fails(NULL, root, false, NULL, SESSION_EXIT_USAGE, want);

    make_session(root, "2026-01-01_090000_a", 0);
    make_session(root, "2026-01-02_090000_b", 1);
    assert_int_equal(session_dir_find(NULL, root, false, NULL, got,
                                      sizeof got, &err), 0);
    snprintf(want, sizeof want, "%s/2026-01-02_090000_b", root);
    assert_string_equal(got, want);
    assert_int_equal(session_dir_find(NULL, root, true, NULL, got,
                                      sizeof got, &err), 0);
    snprintf(want, sizeof want, "%s/2026-01-01_090000_a", root);
    assert_string_equal(got, want);

    /* A sessions folder that cannot be made is a runtime problem. */
    snprintf(file, sizeof file, "%s/a-file", root);
    assert_int_equal(file_write(file, "x", 1), 0);
    snprintf(want, sizeof want, "%s/under", file);
    assert_int_equal(session_dir_find(NULL, want, false, "none", got,
                                      sizeof got, &err),
                     SESSION_EXIT_RUNTIME);
    assert_non_null(strstr(err.message, "cannot open the sessions folder"));
}

/* ---- session_journal_load ------------------------------------------------ */

static void test_folders_journal_errors_map_to_exit(void **state)
{
    const char *root = *state;
    struct session_error err = { 0, "" };
    struct journal j;
    char dir[4200], path[4300];

    snprintf(dir, sizeof dir, "%s/s", root);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(session_journal_load(dir, &j, &err), SESSION_EXIT_USAGE);
    assert_non_null(strstr(err.message, "session.yaml: no such file"));
    journal_free(&j);

    snprintf(path, sizeof path, "%s/%s", dir, JOURNAL_FILE);
    assert_int_equal(file_write(path, "version: [", 10), 0);
    assert_int_equal(session_journal_load(dir, &j, &err), SESSION_EXIT_INPUT);
    assert_memory_equal(err.message, path, strlen(path));
    journal_free(&j);

    /* A journal that cannot be read as a file. */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(session_journal_load(dir, &j, &err),
                     SESSION_EXIT_RUNTIME);
    journal_free(&j);

    make_session(root, "good", 1);
    snprintf(dir, sizeof dir, "%s/good", root);
    assert_int_equal(session_journal_load(dir, &j, &err), 0);
    assert_true(j.finished);
    journal_free(&j);

    session_outcome_clear(NULL, &err);
    assert_int_equal(err.exit_code, SESSION_EXIT_OK);
    assert_string_equal(err.message, "");
}

/* ---- session_lock ------------------------------------------------------ */

static void test_folders_lock_held(void **state)
{
    const char *dir = *state;
    char path[4200], *text;
    long holder = -1;
    int fd, again;

    fd = session_lock(dir, &holder);
    assert_true(fd >= 0);
    assert_int_equal(holder, 0);
    snprintf(path, sizeof path, "%s/.lock", dir);
    assert_mode(path, 0600);
    text = file_read(path, NULL);
    assert_non_null(text);
    assert_int_equal(strtol(text, NULL, 10), (long)getpid());
    free(text);

    /* A second open file description conflicts, even in this process. */
    again = session_lock(dir, &holder);
    assert_int_equal(again, -1);
    assert_int_equal(errno, EWOULDBLOCK);
    assert_int_equal(holder, (long)getpid());

    session_unlock(fd);
    again = session_lock(dir, &holder);
    assert_true(again >= 0);
    session_unlock(again);
}

static void test_folders_take_lock_messages(void **state)
{
    const char *dir = *state;
    struct session_error err = { 0, "" };
    char want[4300], missing[4200];
    int fd, again;

    assert_int_equal(session_take_lock(dir, NULL, &fd, &err), 0);
    assert_true(fd >= 0);

    snprintf(want, sizeof want, "%s: in use by process %ld", dir,
             (long)getpid());
    assert_int_equal(session_take_lock(dir, NULL, &again, &err),
                     SESSION_EXIT_RUNTIME);
    assert_int_equal(again, -1);
    assert_string_equal(err.message, want);

    snprintf(want, sizeof want, "%s: in use by process %ld; wait", dir,
             (long)getpid());
    assert_int_equal(session_take_lock(dir, "; wait", &again, &err),
                     SESSION_EXIT_RUNTIME);
    assert_string_equal(err.message, want);
    session_unlock(fd);

    snprintf(missing, sizeof missing, "%s/none", dir);
    snprintf(want, sizeof want, "%s: cannot lock: %s", missing,
             strerror(ENOENT));
    assert_int_equal(session_take_lock(missing, NULL, &fd, &err),
                     SESSION_EXIT_RUNTIME);
    assert_string_equal(err.message, want);
}

static void test_folders_lock_released_on_death(void **state)
{
    const char *dir = *state;
    int ready[2], status, fd;
    long holder = 0;
    char byte;
    pid_t child;

    assert_int_equal(pipe(ready), 0);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        long ignored;
        int held = session_lock(dir, &ignored);

        byte = held >= 0 ? 'y' : 'n';
        if (write(ready[1], &byte, 1) != 1)
            _exit(2);
        for (;;)
            pause();
    }
    close(ready[1]);
    assert_int_equal(read(ready[0], &byte, 1), 1);
    close(ready[0]);
    assert_int_equal(byte, 'y');

    assert_int_equal(session_lock(dir, &holder), -1);
    assert_int_equal(holder, (long)child);

    assert_int_equal(kill(child, SIGKILL), 0);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));

    /* The kernel dropped the dead holder's lock; its pid is still there. */
    fd = session_lock(dir, &holder);
    assert_true(fd >= 0);
    assert_int_equal(holder, 0);
    session_unlock(fd);
}

static void test_folders_now_iso(void **state)
{
    char now[64];

    (void)state;
    session_now_iso(now, sizeof now);
    /* 2026-12-03T14:15:02+01:00 */
    assert_int_equal(strlen(now), 25);
    assert_int_equal(now[4], '-');
    assert_int_equal(now[10], 'T');
    assert_int_equal(now[13], ':');
    assert_true(now[19] == '+' || now[19] == '-');
    assert_int_equal(now[22], ':');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_folders_root_out_dir, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_folders_root_xdg_and_home, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_folders_create_modes_and_name,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_create_collision_suffix,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_create_empty_role, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_folders_take_name_sanitised,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_take_name_never_overwrites,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_latest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_find_named, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_folders_find_latest, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_folders_journal_errors_map_to_exit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_take_lock_messages,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_folders_lock_held, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_folders_lock_released_on_death,
                                        setup, teardown),
        cmocka_unit_test(test_folders_now_iso),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
