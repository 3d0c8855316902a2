/*
 * reports/write.c end to end: relative link bases, the atomic 0600 write,
 * and the written report rendered by cmark-gfm (the GFM parser GitHub
 * uses) with its tables, task lists and links checked, including every
 * take link resolving to a file from the report's folder, with the report
 * in the session folder, elsewhere (-o), and after the folder moved.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "fixtures.h"
#include <reports/internal.h>

struct dirs {
    char root[64];
    char session[128];
};

/* ---- report_relative_dir ---------------------------------------------- */

static void test_write_relative_dir(void **state)
{
    static const struct {
        const char *from, *to, *base;
    } rows[] = {
        { "/a/b", "/a/b", "" },
        { "/a/b", "/a/b/c", "c/" },
        { "/a/b/c", "/a/d", "../../d/" },
        { "/a/out", "/a/sess", "../sess/" },
        { "/", "/x/y", "x/y/" },
        { "/x", "/", "../" },
        { "/ab", "/a", "../a/" },
        { "/a//b/", "/a/b", "" },
        { "/data/my sess", "/data/other", "../other/" },
    };
    char buf[64];

    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(report_relative_dir(rows[i].from, rows[i].to, buf,
                                             sizeof buf), 0);
        assert_string_equal(buf, rows[i].base);
    }
    assert_int_equal(report_relative_dir("/a/b/c", "/d", buf, 6), -1);
}

/* ---- A session folder on disk ------------------------------------------ */

static void make_file(const char *dir, const char *name)
{
    char path[PATH_MAX * 2];
    int fd;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        fail_msg("%s: %s", path, strerror(errno));
    close(fd);
}

/* Empty WAVs for every take of `s`: links only need the files to exist. */
static void make_takes(const char *dir, const struct report_session *s)
{
    for (size_t i = 0; i < s->question_count; i++)
        for (size_t t = 0; t < s->questions[i].take_count; t++)
            make_file(dir, s->questions[i].takes[t].file);
}

static int setup(void **state)
{
    struct dirs *d = calloc(1, sizeof *d);
    char recordings[PATH_MAX * 2];

    assert_non_null(d);
    snprintf(d->root, sizeof d->root, "/tmp/mi-reports-XXXXXX");
    assert_non_null(mkdtemp(d->root));
    snprintf(d->session, sizeof d->session, "%s/my session", d->root);
    assert_int_equal(mkdir(d->session, 0700), 0);
    snprintf(recordings, sizeof recordings, "%s/recordings", d->session);
    assert_int_equal(mkdir(recordings, 0700), 0);
    make_takes(d->session, &fixture_complete);
    make_takes(d->session, &fixture_mixed);
    make_takes(d->session, &fixture_hostile);
    *state = d;
    return 0;
}

static int teardown(void **state)
{
    struct dirs *d = *state;
    char command[PATH_MAX + 32];

    snprintf(command, sizeof command, "rm -rf '%s'", d->root);
    if (system(command) != 0)
        return -1;
    free(d);
    return 0;
}

/* ---- Reading cmark-gfm's HTML ------------------------------------------ */

static char *run_cmark(const char *path, bool unsafe)
{
    char command[PATH_MAX + 128];
    char *html = NULL;
    char chunk[4096];
    size_t n;
    FILE *pipe;

    snprintf(command, sizeof command,
             "cmark-gfm %s-e table -e tasklist -e autolink '%s'",
             unsafe ? "--unsafe " : "", path);
    pipe = popen(command, "r");
    assert_non_null(pipe);
    CAPTURE(html, {
        while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0)
            fwrite(chunk, 1, n, out);
    });
    if (pclose(pipe) != 0)
        fail_msg("cmark-gfm failed on %s (is it installed?)", path);
    return html;
}

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;

    for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static size_t count_between(const char *from, const char *to,
                            const char *needle)
{
    size_t n = 0;

    for (const char *p = from; (p = strstr(p, needle)) != NULL && p < to;
         p++)
        n++;
    return n;
}

/* Every row of every table has as many cells as its header; returns tables. */
static size_t check_tables(const char *html)
{
    size_t tables = 0;

    for (const char *t = html; (t = strstr(t, "<table>")) != NULL; t++) {
        const char *end = strstr(t, "</table>");
        size_t columns = 0;

        assert_non_null(end);
        for (const char *r = t; (r = strstr(r, "<tr>")) != NULL && r < end;
             r++) {
            const char *row_end = strstr(r, "</tr>");
            size_t cells = count_between(r, row_end, "<th")
                           + count_between(r, row_end, "<td");

            if (columns == 0)
                columns = cells;
            if (cells != columns)
                fail_msg("table %zu: a row of %zu cells, header has %zu",
                         tables + 1, cells, columns);
        }
        assert_true(columns > 1);
        tables++;
    }
    return tables;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* An href as the browser would request it: entities, then %XX. */
static void decode_href(const char *s, size_t n, char *buf, size_t size)
{
    size_t o = 0;

    for (size_t i = 0; i < n && o + 1 < size; i++) {
        if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0
            && hex(s[i + 2]) >= 0) {
            buf[o++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else if (strncmp(s + i, "&amp;", 5) == 0) {
            buf[o++] = '&';
            i += 4;
        } else {
            buf[o++] = s[i];
        }
    }
    buf[o] = '\0';
}

/*
 * Every `attr="..."` target in html that is not http(s) must be relative
 * and name an existing file from `folder`. Returns how many were checked.
 */
static size_t check_targets(const char *html, const char *attr,
                            const char *folder)
{
    size_t checked = 0;
    size_t attr_n = strlen(attr);

    for (const char *p = html; (p = strstr(p, attr)) != NULL; p += attr_n) {
        const char *value = p + attr_n;
        const char *end = strchr(value, '"');
        char target[PATH_MAX];
        char path[PATH_MAX * 2];
        struct stat st;

        assert_non_null(end);
        if (strncmp(value, "http://", 7) == 0
            || strncmp(value, "https://", 8) == 0)
            continue;
        decode_href(value, (size_t)(end - value), target, sizeof target);
        if (target[0] == '/')
            fail_msg("not a relative link: %s", target);
        snprintf(path, sizeof path, "%s/%s", folder, target);
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            fail_msg("link does not resolve: %s (from %s)", target, folder);
        checked++;
    }
    return checked;
}

static size_t total_takes(const struct report_session *s)
{
    size_t n = 0;

    for (size_t i = 0; i < s->question_count; i++)
        n += s->questions[i].take_count;
    return n;
}

static size_t questions_with_takes(const struct report_session *s)
{
    size_t n = 0;

    for (size_t i = 0; i < s->question_count; i++)
        n += s->questions[i].take_count > 0;
    return n;
}

static void key_point_totals(const struct report_session *s, size_t *all,
                             size_t *ticked)
{
    *all = 0;
    *ticked = 0;
    for (size_t i = 0; i < s->question_count; i++) {
        size_t covered;

        *all += s->questions[i].key_point_count;
        if (report_question_covered(&s->questions[i], &covered))
            *ticked += covered;
    }
}

static size_t delimiter_rows(const char *markdown)
{
    return count(markdown, "\n|--") + count(markdown, "\n|:--");
}

static char *read_text(const char *path)
{
    char *text = NULL;
    char chunk[4096];
    size_t n;
    FILE *in = fopen(path, "r");

    assert_non_null(in);
    CAPTURE(text, {
        while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
            fwrite(chunk, 1, n, out);
    });
    fclose(in);
    return text;
}

/*
 * The report at `path` as cmark-gfm sees it: intact tables, real task
 * boxes, real links, only our <audio> as raw HTML, and every take link
 * (plain and <audio>) resolving from the report's folder.
 */
static void check_report(const char *path, const struct report_session *s)
{
    char folder[PATH_MAX];
    char *markdown = read_text(path);
    char *html = run_cmark(path, false);
    char *unsafe = run_cmark(path, true);
    size_t takes = total_takes(s);
    size_t all, ticked;

    snprintf(folder, sizeof folder, "%s", path);
    *strrchr(folder, '/') = '\0';

    assert_int_equal(check_tables(html), delimiter_rows(markdown));

    key_point_totals(s, &all, &ticked);
    assert_int_equal(count(html, "<input type=\"checkbox\""), all);
    assert_int_equal(count(html, "<input type=\"checkbox\" checked"),
                     ticked);

    /* A summary link to the last take, then one per take. */
    assert_int_equal(check_targets(html, "<a href=\"", folder),
                     takes + questions_with_takes(s));
    assert_int_equal(count(html, "<!-- raw HTML omitted -->"), 2 * takes);
    assert_int_equal(check_targets(unsafe, "<audio controls src=\"",
                                   folder), takes);
    free(unsafe);
    free(html);
    free(markdown);
}

/* ---- report_write -------------------------------------------------------- */

static void write_report(const struct report_session *s, const char *dir,
                         const char *path)
{
    char why[256] = "";

    if (report_write(s, dir, path, why, sizeof why) != 0)
        fail_msg("report_write: %s", why);
}

static void assert_no_temp_left(const char *folder)
{
    DIR *dir = opendir(folder);
    struct dirent *entry;

    assert_non_null(dir);
    while ((entry = readdir(dir)) != NULL)
        if (strncmp(entry->d_name, ".report-", 8) == 0)
            fail_msg("temporary file left: %s", entry->d_name);
    closedir(dir);
}

static void test_write_in_session(void **state)
{
    struct dirs *d = *state;
    const struct report_session *sessions[] = {
        &fixture_complete, &fixture_mixed, &fixture_unanswered,
        &fixture_hostile,
    };
    char path[PATH_MAX * 2];
    struct stat st;

    snprintf(path, sizeof path, "%s/report.md", d->session);
    for (size_t i = 0; i < sizeof sessions / sizeof sessions[0]; i++) {
        char *expected = NULL;
        char *written;

        write_report(sessions[i], d->session, path);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0600);

        /* In the session folder the links need no base at all. */
        CAPTURE(expected, report_render(sessions[i], "", out));
        written = read_text(path);
        assert_string_equal(written, expected);
        free(written);
        free(expected);

        check_report(path, sessions[i]);
    }
    assert_no_temp_left(d->session);
}

/* -o elsewhere: links are relative to the report's own folder. */
static void test_write_elsewhere(void **state)
{
    struct dirs *d = *state;
    char folder[PATH_MAX * 2];
    char path[PATH_MAX * 3];
    char *text;

    snprintf(folder, sizeof folder, "%s/out", d->root);
    assert_int_equal(mkdir(folder, 0700), 0);
    snprintf(folder, sizeof folder, "%s/out/sub", d->root);
    assert_int_equal(mkdir(folder, 0700), 0);
    snprintf(path, sizeof path, "%s/shared.md", folder);

    write_report(&fixture_mixed, d->session, path);
    text = read_text(path);
    assert_non_null(strstr(text,
        "(../../my%20session/recordings/01-drift-t1.wav)"));
    free(text);
    check_report(path, &fixture_mixed);

    /* The session folder given by a relative, unnormalised path. */
    snprintf(path, sizeof path, "%s/../shared.md", folder);
    assert_int_equal(chdir(d->root), 0);
    write_report(&fixture_hostile, "./out/../my session/", path);
    snprintf(path, sizeof path, "%s/out/shared.md", d->root);
    check_report(path, &fixture_hostile);
    assert_int_equal(chdir("/"), 0);
}

/* A session folder moved (or unzipped) elsewhere keeps working links. */
static void test_write_moved_session(void **state)
{
    struct dirs *d = *state;
    char command[1024];
    char path[PATH_MAX];

    snprintf(path, sizeof path, "%s/report.md", d->session);
    write_report(&fixture_complete, d->session, path);

    snprintf(command, sizeof command, "mkdir -p '%s/elsewhere/deeper' && "
             "cp -R '%s' '%s/elsewhere/deeper/copy' && rm -rf '%s'",
             d->root, d->session, d->root, d->session);
    assert_int_equal(system(command), 0);

    snprintf(path, sizeof path, "%s/elsewhere/deeper/copy/report.md",
             d->root);
    check_report(path, &fixture_complete);
}

static void test_write_errors(void **state)
{
    struct dirs *d = *state;
    char path[PATH_MAX * 2];
    char why[256] = "";

    snprintf(path, sizeof path, "%s/missing/report.md", d->root);
    assert_int_equal(report_write(&fixture_complete, d->session, path, why,
                                  sizeof why), -1);
    assert_non_null(strstr(why, "missing"));
    assert_null(strchr(why, '\n'));

    snprintf(path, sizeof path, "%s/report.md", d->root);
    assert_int_equal(report_write(&fixture_complete, "/nonexistent/sess",
                                  path, why, sizeof why), -1);
    assert_non_null(strstr(why, "/nonexistent/sess"));
    assert_no_temp_left(d->root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_relative_dir),
        cmocka_unit_test_setup_teardown(test_write_in_session, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_write_elsewhere, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_write_moved_session, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_write_errors, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
