/*
 * Session folders on disk: where they live, how they are named, which is
 * the latest, the lock that keeps two processes out of one session, and
 * the names of take recordings.
 *
 * Every folder made here is 0700 and chmod'ed after mkdir, so a loose
 * umask cannot widen it. Names built from a role or a question id are
 * reduced to [a-z0-9-], so nothing a question file says can reach outside
 * the session folder.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sessions/internal.h>

#define NAME_MAX_ID 40             /* bytes of a sanitised id in a name */
#define NAME_MAX_SUFFIX 999        /* -2 ... before giving up */

/* ---- Names ------------------------------------------------------------- */

/*
 * Lower-case letters and digits pass; every run of anything else becomes
 * one '-'; no '-' at either end; at most `cap` bytes; `fallback` if empty.
 */
static void name_sanitise(const char *src, size_t cap, const char *fallback,
                          char *out)
{
    size_t o = 0;
    bool dash = false;

    for (const unsigned char *p = (const unsigned char *)src; *p && o < cap;
         p++) {
        int c = *p < 0x80 ? tolower(*p) : 0;

        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && o > 0 && o + 1 < cap)
                out[o++] = '-';
            dash = false;
            out[o++] = (char)c;
        } else {
            dash = true;
        }
    }
    out[o] = '\0';
    if (o == 0)
        snprintf(out, cap + 1, "%s", fallback);
}

static int path_join(char *buf, size_t size, const char *a, const char *b)
{
    if (snprintf(buf, size, "%s/%s", a, b) >= (int)size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* ---- Making folders ---------------------------------------------------- */

/* mkdir 0700 then chmod, so the umask cannot matter. EEXIST is returned. */
static int make_private_dir(const char *path)
{
    if (mkdir(path, 0700) < 0)
        return -1;
    return chmod(path, 0700);
}

/* Like mkdir -p; only the folders it makes are set to 0700. */
static int make_dirs(const char *path)
{
    char tmp[4096];
    size_t len = strlen(path);

    if (len == 0 || len >= sizeof tmp) {
        errno = len ? ENAMETOOLONG : ENOENT;
        return -1;
    }
    memcpy(tmp, path, len + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (make_private_dir(tmp) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (make_private_dir(tmp) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

static const char *home_dir(void)
{
    const char *home = getenv("HOME");
    struct passwd *pw;

    if (home && home[0] == '/')
        return home;
    pw = getpwuid(getuid());
    return pw && pw->pw_dir ? pw->pw_dir : NULL;
}

int session_root(const char *out_dir, char *buf, size_t size)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home;
    int n;

    if (out_dir && out_dir[0]) {
        n = snprintf(buf, size, "%s", out_dir);
    } else if (xdg && xdg[0] == '/') {
        /* The XDG spec says a relative XDG_DATA_HOME is to be ignored. */
        n = snprintf(buf, size, "%s/mockinterview/sessions", xdg);
    } else if ((home = home_dir()) != NULL) {
        n = snprintf(buf, size, "%s/.local/share/mockinterview/sessions",
                     home);
    } else {
        errno = ENOENT;
        return -1;
    }
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return make_dirs(buf);
}

int session_dir_create(const char *root, const char *role, char *buf,
                       size_t size)
{
    char stamp[32], name[64], base[4096], rec[4096];
    time_t now = time(NULL);
    struct tm tm;

    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%d_%H%M%S", &tm);
    name_sanitise(role ? role : "", NAME_MAX_ID, "session", name);
    if (snprintf(base, sizeof base, "%s/%s_%s", root, stamp, name) >=
        (int)sizeof base) {
        errno = ENAMETOOLONG;
        return -1;
    }

    for (int suffix = 1; suffix <= NAME_MAX_SUFFIX; suffix++) {
        int n = suffix == 1 ? snprintf(buf, size, "%s", base)
                            : snprintf(buf, size, "%s-%d", base, suffix);

        if (n < 0 || (size_t)n >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (make_private_dir(buf) == 0) {
            if (path_join(rec, sizeof rec, buf, JOURNAL_RECORDINGS) < 0 ||
                make_private_dir(rec) < 0)
                return -1;
            return 0;
        }
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

/* ---- Naming a session folder ------------------------------------------- */

bool session_arg_is_folder(const char *arg)
{
    struct stat st;

    return strchr(arg, '/') || (stat(arg, &st) == 0 && S_ISDIR(st.st_mode));
}

int session_dir_check(const char *dir, struct session_error *err)
{
    char path[4096];
    struct stat st;

    if (stat(dir, &st) < 0 && errno != ENOENT && errno != ENOTDIR)
        return session_fail(err, SESSION_EXIT_RUNTIME, "%s: %s", dir,
                            strerror(errno));
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
        return session_fail(err, SESSION_EXIT_USAGE,
                            "%s: no such session folder", dir);
    if (path_join(path, sizeof path, dir, JOURNAL_FILE) < 0 ||
        stat(path, &st) < 0)
        return session_fail(err, SESSION_EXIT_USAGE,
                            "%s: not a session folder (no %s)", dir,
                            JOURNAL_FILE);
    return 0;
}

/* ---- The latest session ------------------------------------------------ */

/* Name order with digit runs compared as numbers: x-9 before x-10. */
static int natural_compare(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            size_t la, lb;

            while (*a == '0' && isdigit((unsigned char)a[1]))
                a++;
            while (*b == '0' && isdigit((unsigned char)b[1]))
                b++;
            la = strspn(a, "0123456789");
            lb = strspn(b, "0123456789");
            if (la != lb)
                return la < lb ? -1 : 1;
            if (strncmp(a, b, la) != 0)
                return strncmp(a, b, la);
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

/*
 * Whether DIR is a session worth picking. A journal that cannot be read
 * counts as unfinished, so resuming names its problem rather than quietly
 * falling back to an older session.
 */
static bool is_candidate(const char *dir, bool unfinished_only)
{
    char path[4096];
    struct stat st;
    struct journal j;
    struct journal_error err;
    bool finished;

    if (path_join(path, sizeof path, dir, JOURNAL_FILE) < 0 ||
        stat(path, &st) < 0 || !S_ISREG(st.st_mode))
        return false;
    if (!unfinished_only)
        return true;
    if (journal_load(dir, &j, &err) < 0)
        return true;
    finished = j.finished;
    journal_free(&j);
    return !finished;
}

int session_dir_latest(const char *root, bool unfinished_only, char *buf,
                       size_t size)
{
    DIR *d = opendir(root);
    struct dirent *e;
    char best[256] = "", path[4096];

    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || natural_compare(e->d_name, best) <= 0)
            continue;
        if (path_join(path, sizeof path, root, e->d_name) < 0)
            continue;
        if (is_candidate(path, unfinished_only))
            snprintf(best, sizeof best, "%s", e->d_name);
    }
    closedir(d);

    if (best[0] == '\0') {
        errno = ENOENT;
        return -1;
    }
    return path_join(buf, size, root, best);
}

/* ---- Lock -------------------------------------------------------------- */

static long read_holder(int fd)
{
    char text[32];
    ssize_t n = pread(fd, text, sizeof text - 1, 0);

    if (n <= 0)
        return 0;
    text[n] = '\0';
    return strtol(text, NULL, 10);
}

int session_lock(const char *dir, long *holder)
{
    char path[4096], pid[32];
    int fd, len;

    *holder = 0;
    if (path_join(path, sizeof path, dir, ".lock") < 0)
        return -1;
    fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return -1;

    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int saved = errno;

        if (saved == EWOULDBLOCK)
            *holder = read_holder(fd);
        close(fd);
        errno = saved;
        return -1;
    }

    len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) < 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
        int saved = errno;

        close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

void session_unlock(int fd)
{
    int rc;

    if (fd < 0)
        return;

    /*
     * Emptied first so no one reads our pid after we let go; if that
     * fails the stale pid is harmless, the lock still goes.
     */
    rc = ftruncate(fd, 0);
    (void)rc;
    flock(fd, LOCK_UN);
    close(fd);
}

int session_take_lock(const char *dir, const char *busy_hint, int *fd,
                      struct session_error *err)
{
    long holder = 0;

    *fd = session_lock(dir, &holder);
    if (*fd >= 0)
        return 0;
    if (holder > 0)
        return session_fail(err, SESSION_EXIT_RUNTIME,
                            "%s: in use by process %ld%s", dir, holder,
                            busy_hint ? busy_hint : "");
    return session_fail(err, SESSION_EXIT_RUNTIME, "%s: cannot lock: %s",
                        dir, strerror(errno));
}

/* ---- Take names and times ---------------------------------------------- */

static bool path_exists(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;

    if (path_join(path, sizeof path, dir, name) < 0)
        return true;
    return lstat(path, &st) == 0 || errno != ENOENT;
}

int session_take_name(const char *dir, int number, const char *id,
                      int take, char *buf, size_t size)
{
    char safe[NAME_MAX_ID + 1];

    if (number < 0 || take < 0) {
        errno = EINVAL;
        return -1;
    }
    name_sanitise(id ? id : "", NAME_MAX_ID, "question", safe);

    for (int suffix = 1; suffix <= NAME_MAX_SUFFIX; suffix++) {
        int n = suffix == 1
                    ? snprintf(buf, size, "%s/%02d-%s-t%d.wav",
                               JOURNAL_RECORDINGS, number, safe, take)
                    : snprintf(buf, size, "%s/%02d-%s-t%d-%d.wav",
                               JOURNAL_RECORDINGS, number, safe, take,
                               suffix);

        if (n < 0 || (size_t)n >= size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (!path_exists(dir, buf))
            return 0;
    }
    errno = EEXIST;
    return -1;
}

void session_now_iso(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    char zone[8];
    size_t n;

    localtime_r(&now, &tm);
    n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    /* strftime gives +0100; ISO 8601's extended form wants +01:00. */
    if (strftime(zone, sizeof zone, "%z", &tm) == 5 && n + 7 <= size)
        snprintf(buf + n, size - n, "%.3s:%.2s", zone, zone + 3);
}
