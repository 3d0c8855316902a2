/*
 * Where the bundled role banks live: $MOCKINTERVIEW_BANK_DIR, else the
 * installed share/mockinterview/bank beside the running binary, else the
 * source tree the program was built from.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "questions/internal.h"

#ifndef MI_SOURCE_BANK_DIR
#define MI_SOURCE_BANK_DIR "questions/bank"
#endif
#ifndef MI_INSTALL_BANK_DIR
#define MI_INSTALL_BANK_DIR "share/mockinterview/bank"
#endif

static bool bank_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <dir of the executable>/../MI_INSTALL_BANK_DIR, if it exists. */
static bool bank_installed_dir(char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;
    int written;

    if (MI_INSTALL_BANK_DIR[0] == '/')
        return snprintf(buf, size, "%s", MI_INSTALL_BANK_DIR) < (int)size
            && bank_is_dir(buf);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';

    written = snprintf(buf, size, "%s/../%s", exe, MI_INSTALL_BANK_DIR);
    return written > 0 && (size_t)written < size && bank_is_dir(buf);
}

/* The returned string lives until the next call. */
const char *questions_bank_dir(void)
{
    static char dir[PATH_MAX + 64];
    const char *env = getenv("MOCKINTERVIEW_BANK_DIR");

    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    if (bank_installed_dir(dir, sizeof dir))
        return dir;
    snprintf(dir, sizeof dir, "%s", MI_SOURCE_BANK_DIR);
    return dir;
}

int questions_bank_path(const char *role, char *buf, size_t size)
{
    int written;

    /* A role is a plain name, so it can never point outside the bank. */
    if (!questions_is_name(role))
        return -1;
    written = snprintf(buf, size, "%s/%s.yaml", questions_bank_dir(), role);
    if (written < 0 || (size_t)written >= size)
        return -1;
    return access(buf, R_OK) == 0 ? 0 : -1;
}

static int bank_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "name.yaml" with a valid role name gives "name"; anything else fails. */
static bool bank_role_of(const char *file, char *role, size_t size)
{
    size_t len = strlen(file);

    if (len <= 5 || len - 5 >= size || strcmp(file + len - 5, ".yaml") != 0)
        return false;
    memcpy(role, file, len - 5);
    role[len - 5] = '\0';
    return questions_is_name(role);
}

int questions_bank_roles(struct string_list *roles)
{
    DIR *dir = opendir(questions_bank_dir());
    struct dirent *entry;
    char role[256];
    int rc = 0;

    roles->items = NULL;
    roles->count = 0;
    if (!dir)
        return -1;

    while ((entry = readdir(dir))) {
        if (bank_role_of(entry->d_name, role, sizeof role)
            && questions_string_list_add(roles, role) < 0) {
            rc = -1;
            break;
        }
    }
    closedir(dir);

    if (rc < 0) {
        questions_string_list_free(roles);
        return -1;
    }
    if (roles->count)
        qsort(roles->items, roles->count, sizeof *roles->items,
              bank_compare);
    return 0;
}
