/*
 * Naming the session a command works on: the folder it was given, else
 * the newest one. Every command (resume, review, play, report) finds its
 * session here, so each says the same things about a missing one.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

int session_latest(const char *out_dir, bool unfinished_only, char *buf,
                   size_t size)
{
    char root[PATH_MAX];

    if (session_root(out_dir, root, sizeof root) != 0)
        return -1;
    return session_dir_latest(root, unfinished_only, buf, size);
}

static int copy_dir(const char *dir, char *buf, size_t size,
                    struct session_error *err)
{
    int n = snprintf(buf, size, "%s", dir);

    if (n < 0 || (size_t)n >= size)
        return session_fail(err, SESSION_EXIT_USAGE, "%s: %s", dir,
                            strerror(ENAMETOOLONG));
    return 0;
}

int session_dir_find(const char *dir, const char *out_dir,
                     bool unfinished_only, const char *none, char *buf,
                     size_t size, struct session_error *err)
{
    char root[PATH_MAX];

    if (dir) {
        if (session_dir_check(dir, err) != 0)
            return err->exit_code;
        return copy_dir(dir, buf, size, err);
    }
    if (session_root(out_dir, root, sizeof root) != 0)
        return session_fail(err, SESSION_EXIT_RUNTIME,
                            "cannot open the sessions folder: %s",
                            strerror(errno));
    if (session_dir_latest(root, unfinished_only, buf, size) == 0)
        return 0;
    if (none)
        return session_fail(err, SESSION_EXIT_USAGE, "%s", none);
    return session_fail(err, SESSION_EXIT_USAGE, "no session found in %s",
                        root);
}
