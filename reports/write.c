/*
 * Putting the report on disk: where its links point and how it lands.
 *
 * Take links are relative to the report's own folder, so a session folder
 * can be moved or zipped with its report and still play. The file is
 * written to a temporary name in the same folder (0600), synced and
 * renamed over the old one, so a reader never sees half a report and a
 * crash never leaves one.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static void set_why(char *why, size_t size, const char *format, ...)
{
    va_list args;

    if (why == NULL || size == 0)
        return;
    va_start(args, format);
    vsnprintf(why, size, format, args);
    va_end(args);
}

/* Length of the path component starting at p (up to "/" or the end). */
static size_t component_length(const char *p)
{
    size_t n = 0;

    while (p[n] != '\0' && p[n] != '/')
        n++;
    return n;
}

static const char *skip_slashes(const char *p)
{
    while (*p == '/')
        p++;
    return p;
}

/* Where `from` and `to` stop sharing whole components. */
static void common_prefix(const char **from, const char **to)
{
    const char *f = skip_slashes(*from);
    const char *t = skip_slashes(*to);

    while (*f != '\0' && *t != '\0') {
        size_t n = component_length(f);

        if (n != component_length(t) || strncmp(f, t, n) != 0)
            break;
        f = skip_slashes(f + n);
        t = skip_slashes(t + n);
    }
    *from = f;
    *to = t;
}

static int append(char *buf, size_t size, size_t *used, const char *s,
                  size_t n)
{
    if (*used + n >= size)
        return -1;
    memcpy(buf + *used, s, n);
    *used += n;
    buf[*used] = '\0';
    return 0;
}

int report_relative_dir(const char *from, const char *to, char *buf,
                        size_t size)
{
    size_t used = 0;

    if (size == 0)
        return -1;
    buf[0] = '\0';
    common_prefix(&from, &to);

    while (*from != '\0') {
        if (append(buf, size, &used, "../", 3) != 0)
            return -1;
        from = skip_slashes(from + component_length(from));
    }
    while (*to != '\0') {
        size_t n = component_length(to);

        if (append(buf, size, &used, to, n) != 0
            || append(buf, size, &used, "/", 1) != 0)
            return -1;
        to = skip_slashes(to + n);
    }
    return 0;
}

/* The folder part of path ("." when it has none), into buf. */
static int folder_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    size_t n;

    if (slash == NULL)
        return snprintf(buf, size, ".") < (int)size ? 0 : -1;
    n = slash == path ? 1 : (size_t)(slash - path);
    if (n >= size)
        return -1;
    memcpy(buf, path, n);
    buf[n] = '\0';
    return 0;
}

static int compute_link_base(const char *session_dir, const char *folder,
                             char *base, size_t size, char *why,
                             size_t why_size)
{
    char real_folder[PATH_MAX];
    char real_session[PATH_MAX];

    if (realpath(folder, real_folder) == NULL) {
        set_why(why, why_size, "cannot write the report in %s: %s", folder,
                strerror(errno));
        return -1;
    }
    if (realpath(session_dir, real_session) == NULL) {
        set_why(why, why_size, "%s: %s", session_dir, strerror(errno));
        return -1;
    }
    if (report_relative_dir(real_folder, real_session, base, size) != 0) {
        set_why(why, why_size, "%s: path too long", session_dir);
        return -1;
    }
    return 0;
}

/* Renders into the open temporary file, then makes it durable. */
static int write_temp(int fd, const struct report_session *session,
                      const char *link_base)
{
    FILE *out = fdopen(fd, "w");
    int rc;

    if (out == NULL) {
        close(fd);
        return -1;
    }
    rc = report_render(session, link_base, out);
    if (fflush(out) != 0 || fsync(fileno(out)) != 0)
        rc = -1;
    if (fclose(out) != 0)
        rc = -1;
    return rc;
}

/* The folder entry of the rename must survive a crash too. */
static void sync_folder(const char *folder)
{
    int fd = open(folder, O_RDONLY | O_DIRECTORY);

    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int report_write(const struct report_session *session,
                 const char *session_dir, const char *path,
                 char *why, size_t why_size)
{
    char folder[PATH_MAX];
    char base[PATH_MAX];
    char temp[PATH_MAX + 32];
    int fd;

    if (session == NULL || session_dir == NULL || path == NULL
        || folder_of(path, folder, sizeof folder) != 0) {
        set_why(why, why_size, "report: invalid arguments");
        return -1;
    }
    if (compute_link_base(session_dir, folder, base, sizeof base, why,
                          why_size) != 0)
        return -1;

    snprintf(temp, sizeof temp, "%s/.report-XXXXXX", folder);
    fd = mkstemp(temp);             /* created 0600 */
    if (fd < 0) {
        set_why(why, why_size, "%s: %s", folder, strerror(errno));
        return -1;
    }
    if (write_temp(fd, session, base) != 0) {
        set_why(why, why_size, "%s: cannot write: %s", path,
                errno != 0 ? strerror(errno) : "write error");
        unlink(temp);
        return -1;
    }
    if (rename(temp, path) != 0) {
        set_why(why, why_size, "%s: %s", path, strerror(errno));
        unlink(temp);
        return -1;
    }
    sync_folder(folder);
    return 0;
}
