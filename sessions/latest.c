/*
 * Finding the newest session for commands that take no folder.
 */
#include <limits.h>

#include "internal.h"

int session_latest(const char *out_dir, bool unfinished_only, char *buf,
                   size_t size)
{
    char root[PATH_MAX];

    if (session_root(out_dir, root, sizeof root) != 0)
        return -1;
    return session_dir_latest(root, unfinished_only, buf, size);
}
