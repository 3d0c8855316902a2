/*
 * The terminal view of a session, and the one owner of the terminal.
 *
 * Raw mode, the hidden cursor and the alternate screen are switched on in
 * tui_open and undone in one function, tui_restore, which runs from
 * tui_close, from atexit, and before the process stops on Ctrl-Z. Signal
 * handlers do nothing but write the signal number into a self-pipe; the
 * event loop reads it with tui_take_signal and decides what to do. A
 * fatal signal (a crash, abort, SIGQUIT) cannot wait for the loop: its
 * handler writes the restore bytes and puts back the saved termios, both
 * prepared when raw mode began, then lets the signal do what it would.
 *
 * A frame is composed in memory from a const struct machine and written
 * in one write() only when it differs from the last one, so a 50 ms tick
 * costs nothing while the screen is still. In plain mode (not a terminal,
 * TERM=dumb, or --plain) no escape code is ever written: the view prints
 * one line per phase change instead. In raw mode nothing is printed
 * outside a frame: messages go to the status row, and fade after a while.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define MIN_COLS 40
#define MIN_ROWS 12
#define BIG_COLS 52                /* room for the block-digit clock */
#define STATUS_SIZE 256
#define STATUS_MS 5000             /* a status message stays this long */
#define INPUT_SIZE 256             /* bytes of keys waiting to be decoded */
#define CSI_MAX 16                 /* longest escape sequence we wait for */

struct frame {
    char *data;
    size_t length;
    size_t capacity;
    int lines;                     /* content lines written so far */
    int max_lines;
};

struct tui {
    bool plain;
    bool raw;                      /* raw mode and screen are ours now */
    bool color;
    struct termios saved;
    int pipe[2];                   /* self-pipe: signal numbers as bytes */
    int rows;
    int cols;
    struct frame frame;
    char *last;                    /* the frame on screen */
    size_t last_length;
    bool force;
    char status[STATUS_SIZE];
    int64_t status_until;          /* ms, monotonic: the status fades */
    long status_screen;            /* the screen it belongs to; -1 = next */
    unsigned char input[INPUT_SIZE];
    size_t input_length;

    /* The reference answer of the review screen, and where it is scrolled. */
    const char *reference;         /* the text last drawn, to spot a new one */
    int reference_top;             /* first line shown */
    int reference_max_top;         /* 0 when it all fits */
    int reference_page;            /* lines shown at once */

    /* Plain mode: what has been announced already. */
    bool intro_said;
    size_t said_question;
    int said_take;
    bool said_clock;
    bool said_think;
};

/* The one terminal the handlers and atexit may touch. */
static struct tui *tui_active;
static volatile sig_atomic_t tui_pipe_write = -1;

/*
 * What a fatal signal's handler needs, set before `tui_fatal_armed` goes
 * up and read only while it is: the termios to put back.
 */
static struct termios tui_fatal_saved;
static volatile sig_atomic_t tui_fatal_armed;

/* Signals that end the process at once, and what they did before us. */
static const int tui_fatal_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE,
                                         SIGQUIT, SIGILL };
#define FATAL_COUNT (sizeof tui_fatal_signals / sizeof tui_fatal_signals[0])
static struct sigaction tui_fatal_previous[FATAL_COUNT];
static bool tui_fatal_installed;

/*
 * Attributes off, main screen back, then the cursor shown: the cursor-show
 * sequence is always the last escape code we write.
 */
static const char tui_restore_bytes[] = "\x1b[0m\x1b[?1049l\x1b[?25h";

/* ---- Terminal state --------------------------------------------------- */

static void write_all(int fd, const char *data, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, data, length);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        data += n;
        length -= (size_t)n;
    }
}

static void write_text(const char *text)
{
    write_all(STDOUT_FILENO, text, strlen(text));
}

/* The view's own clock, for fading messages only: ms, monotonic. */
static int64_t clock_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The fatal handlers stand down first: the terminal is being restored. */
static void tui_restore(struct tui *tui)
{
    if (!tui || !tui->raw)
        return;
    tui_fatal_armed = 0;
    atomic_signal_fence(memory_order_seq_cst);
    write_text(tui_restore_bytes);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui->saved);
    tui->raw = false;
}

static void restore_at_exit(void)
{
    tui_restore(tui_active);
}

/*
 * Raw input, but output processing kept so "\n" still returns the
 * carriage. ISIG is off: Ctrl-C and Ctrl-Z arrive as bytes 0x03 and 0x1a.
 */
static int enter_raw(struct tui *tui)
{
    struct termios raw = tui->saved;

    raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
    raw.c_cflag |= CS8;
    raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 0;
    tui_fatal_saved = tui->saved;
    atomic_signal_fence(memory_order_seq_cst);
    tui_fatal_armed = 1;
    if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0) {
        tui_fatal_armed = 0;
        return -1;
    }
    tui->raw = true;
    /* alternate screen, cursor hidden, home */
    write_text("\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J");
    tui->force = true;
    return 0;
}

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char byte = (unsigned char)sig;

    if (tui_pipe_write >= 0 && write(tui_pipe_write, &byte, 1) < 0) {
        /* the pipe is full: the loop has enough to wake up on */
    }
    errno = saved;
}

/*
 * Async-signal-safe only: write, tcsetattr, sigaction, raise. SA_RESETHAND
 * has already reset the disposition; the one before ours (the default, or
 * a sanitizer's reporter) is put back and gets the signal when we return.
 */
static void on_fatal(int sig)
{
    if (tui_fatal_armed) {
        tui_fatal_armed = 0;
        if (write(STDOUT_FILENO, tui_restore_bytes,
                  sizeof tui_restore_bytes - 1) < 0) {
            /* nothing more can be done from here */
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &tui_fatal_saved);
    }
    for (size_t i = 0; i < FATAL_COUNT; i++)
        if (tui_fatal_signals[i] == sig)
            sigaction(sig, &tui_fatal_previous[i], NULL);
    raise(sig);
}

static void install_fatal_handlers(void)
{
    struct sigaction action;

    if (tui_fatal_installed)
        return;
    tui_fatal_installed = true;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < FATAL_COUNT; i++)
        sigaction(tui_fatal_signals[i], &action, &tui_fatal_previous[i]);
}

static void restore_fatal_handlers(void)
{
    if (!tui_fatal_installed)
        return;
    tui_fatal_installed = false;
    for (size_t i = 0; i < FATAL_COUNT; i++)
        sigaction(tui_fatal_signals[i], &tui_fatal_previous[i], NULL);
}

static void install_handlers(void)
{
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGTSTP,
                                   SIGCONT, SIGWINCH };
    struct sigaction action;

    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        sigaction(signals[i], &action, NULL);
    signal(SIGPIPE, SIG_IGN);
    install_fatal_handlers();
}

static void default_handlers(void)
{
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGTSTP,
                                   SIGCONT, SIGWINCH };

    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        signal(signals[i], SIG_DFL);
    restore_fatal_handlers();
}

static void read_size(struct tui *tui)
{
    struct winsize ws;

    tui->rows = 24;
    tui->cols = 80;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        tui->rows = ws.ws_row;
        tui->cols = ws.ws_col;
    }
}

static int open_pipe(int fds[2])
{
    if (pipe(fds) < 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

/* No TERM, or a dumb one, cannot take the escape codes a screen needs. */
static bool term_is_dumb(void)
{
    const char *term = getenv("TERM");

    return !term || !term[0] || strcmp(term, "dumb") == 0;
}

bool tui_wants_plain(bool plain)
{
    return plain || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
           term_is_dumb();
}

int tui_open(struct tui **out, bool plain)
{
    struct tui *tui = calloc(1, sizeof *tui);
    const char *no_color = getenv("NO_COLOR");

    if (!tui || open_pipe(tui->pipe) < 0) {
        free(tui);
        return -1;
    }
    tui->plain = tui_wants_plain(plain);
    tui->color = !(no_color && no_color[0]);
    tui->said_question = (size_t)-1;
    tui_pipe_write = tui->pipe[1];
    tui_active = tui;
    install_handlers();
    if (!tui->plain) {
        static bool registered;

        if (tcgetattr(STDIN_FILENO, &tui->saved) < 0 || enter_raw(tui) < 0)
            tui->plain = true;
        if (!registered && atexit(restore_at_exit) == 0)
            registered = true;
        read_size(tui);
    }
    *out = tui;
    return 0;
}

void tui_close(struct tui *tui)
{
    if (!tui)
        return;
    tui_restore(tui);
    default_handlers();
    tui_pipe_write = -1;
    tui_active = NULL;
    close(tui->pipe[0]);
    close(tui->pipe[1]);
    free(tui->frame.data);
    free(tui->last);
    free(tui);
}

bool tui_plain(const struct tui *tui)
{
    return tui->plain;
}

int tui_signal_fd(const struct tui *tui)
{
    return tui->pipe[0];
}

int tui_take_signal(struct tui *tui)
{
    unsigned char byte;

    if (read(tui->pipe[0], &byte, 1) == 1)
        return byte;
    return 0;
}

void tui_wait(struct tui *tui, int timeout_ms)
{
    struct pollfd fds[2] = {
        { .fd = tui->pipe[0], .events = POLLIN },
        { .fd = STDIN_FILENO, .events = POLLIN },
    };
    nfds_t count = tui->plain ? 1 : 2;

    if (poll(fds, count, timeout_ms) < 0 && errno != EINTR)
        usleep((useconds_t)timeout_ms * 1000);
}

void tui_force_redraw(struct tui *tui)
{
    if (!tui->plain)
        read_size(tui);
    tui->force = true;
}

void tui_suspend(struct tui *tui)
{
    bool was_raw = tui->raw;

    tui_restore(tui);
    fflush(stdout);
    raise(SIGSTOP);
    if (was_raw)
        tui_resume(tui);
}

void tui_resume(struct tui *tui)
{
    if (tui->plain || tui->raw)
        return;
    if (enter_raw(tui) < 0)
        return;
    tui_force_redraw(tui);
}

/* ---- Keys ------------------------------------------------------------- */

/*
 * Keys are decoded from a buffer that may end in the middle of a key when
 * a paste filled it: `more` says bytes may follow, and a decoder then
 * returns 0 to wait for them rather than guess.
 */

/* Bytes of the UTF-8 sequence a lead byte opens; 0 for no lead byte. */
static int utf8_length(unsigned char lead)
{
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if (lead >= 0xe0 && lead <= 0xef)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 0;
}

/* One UTF-8 character into its code point; a bad byte is skipped. */
static int decode_utf8(const unsigned char *p, size_t n, bool more, int *key)
{
    int length = utf8_length(p[0]);
    int cp;

    *key = 0;
    if (length == 0)
        return 1;
    if ((size_t)length > n)
        return more ? 0 : 1;
    cp = p[0] & (0x7f >> length);
    for (int i = 1; i < length; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 1;
        cp = cp << 6 | (p[i] & 0x3f);
    }
    *key = cp;
    return length;
}

/* The final byte and parameters of ESC [ ... or ESC O ...: the key meant. */
static int csi_key(const unsigned char *params, size_t length,
                   unsigned char final)
{
    switch (final) {
    case 'A': return MACHINE_KEY_UP;
    case 'B': return MACHINE_KEY_DOWN;
    case 'C': return MACHINE_KEY_RIGHT;
    case 'D': return MACHINE_KEY_LEFT;
    case '~':
        if (length == 1 && params[0] == '5')
            return MACHINE_KEY_PAGE_UP;
        if (length == 1 && params[0] == '6')
            return MACHINE_KEY_PAGE_DOWN;
        return 0;
    default: return 0;
    }
}

/*
 * Esc alone, or a whole escape sequence: parameter bytes, then one final
 * byte. Keys we have no use for (Home, F1...) are read whole and dropped,
 * so none of their bytes turns into text.
 */
static int decode_escape(const unsigned char *p, size_t n, bool more,
                         int *key)
{
    size_t end = 2;

    *key = MACHINE_KEY_ESCAPE;
    if (n == 1)
        return more ? 0 : 1;
    if (p[1] != '[' && p[1] != 'O')
        return 1;
    while (end < n && end < CSI_MAX && p[end] >= 0x20 && p[end] < 0x40)
        end++;
    if (end == n)
        return more && n < CSI_MAX ? 0 : 1;
    *key = 0;
    if (p[end] >= 0x40 && p[end] <= 0x7e)
        *key = csi_key(p + 2, end - 2, p[end]);
    return (int)end + 1;
}

/* Decodes one key at `p`; returns the bytes it used (0 = need more). */
static int decode_key(const unsigned char *p, size_t n, bool more, int *key)
{
    if (p[0] == '\r' || p[0] == '\n') {
        *key = MACHINE_KEY_ENTER;
        return 1;
    }
    if (p[0] == 0x7f || p[0] == 0x08) {
        *key = MACHINE_KEY_BACKSPACE;
        return 1;
    }
    if (p[0] == 0x1b)
        return decode_escape(p, n, more, key);
    if (p[0] >= 0x80)
        return decode_utf8(p, n, more, key);
    *key = p[0];
    return 1;
}

/* Tops the buffer up from stdin; true when it is full (more may wait). */
static bool fill_input(struct tui *tui)
{
    size_t space = sizeof tui->input - tui->input_length;

    if (space > 0) {
        ssize_t n = read(STDIN_FILENO, tui->input + tui->input_length,
                         space);

        if (n > 0)
            tui->input_length += (size_t)n;
    }
    return tui->input_length == sizeof tui->input;
}

int tui_read_keys(struct tui *tui, int *keys, int max)
{
    size_t at = 0;
    int count = 0;
    bool more;

    if (tui->plain)
        return 0;
    more = fill_input(tui);
    while (at < tui->input_length && count < max) {
        int key = 0;
        int used = decode_key(tui->input + at, tui->input_length - at, more,
                              &key);

        if (used == 0)
            break;
        at += (size_t)used;
        if (key)
            keys[count++] = key;
    }
    memmove(tui->input, tui->input + at, tui->input_length - at);
    tui->input_length -= at;
    return count;
}

bool tui_scroll_key(struct tui *tui, int key)
{
    int top = tui->reference_top;

    if (tui->plain || tui->reference_max_top <= 0)
        return false;
    if (key == MACHINE_KEY_UP)
        top--;
    else if (key == MACHINE_KEY_DOWN)
        top++;
    else if (key == MACHINE_KEY_PAGE_UP)
        top -= tui->reference_page;
    else if (key == MACHINE_KEY_PAGE_DOWN)
        top += tui->reference_page;
    else
        return false;
    if (top > tui->reference_max_top)
        top = tui->reference_max_top;
    tui->reference_top = top > 0 ? top : 0;
    return true;
}

void tui_bell(struct tui *tui)
{
    if (!tui->plain)
        write_text("\a");
}

void tui_say(struct tui *tui, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (tui->plain) {
        vprintf(fmt, ap);
        putchar('\n');
        fflush(stdout);
    } else {
        vsnprintf(tui->status, sizeof tui->status, fmt, ap);
        tui->status_until = clock_ms() + STATUS_MS;
        tui->status_screen = -1;
    }
    va_end(ap);
}

/* A raw screen shows it on the status row; else one line to `stream`. */
static void tell(FILE *stream, const char *prefix, const char *fmt,
                 va_list ap)
{
    struct tui *tui = tui_active;
    size_t length;

    if (tui && tui->raw) {
        length = (size_t)snprintf(tui->status, sizeof tui->status, "%s",
                                  prefix);
        if (length < sizeof tui->status)
            vsnprintf(tui->status + length, sizeof tui->status - length,
                      fmt, ap);
        tui->status_until = clock_ms() + STATUS_MS;
        tui->status_screen = -1;
        return;
    }
    fflush(stdout);
    fputs(prefix, stream);
    vfprintf(stream, fmt, ap);
    fputc('\n', stream);
    fflush(stream);
}

void tui_tell(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tell(stdout, "", fmt, ap);
    va_end(ap);
}

void tui_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tell(stderr, "warning: ", fmt, ap);
    va_end(ap);
}

/* The status message while it lasts, else "". */
static const char *status_now(const struct tui *tui)
{
    return clock_ms() < tui->status_until ? tui->status : "";
}

/*
 * A message belongs to the first screen drawn after it: a new screen
 * (phase, question, take or help) starts with a clear status row.
 */
static void status_for_screen(struct tui *tui, long screen)
{
    if (tui->status_screen == -1)
        tui->status_screen = screen;
    else if (tui->status_screen != screen)
        tui->status_until = 0;
}

static long machine_screen(const struct machine *m)
{
    return (((long)m->current * 8 + (long)m->state) * 64 + m->take) * 2 +
           m->show_help;
}

/* ---- Frame composition ------------------------------------------------ */

static void put(struct tui *tui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void put(struct tui *tui, const char *fmt, ...)
{
    struct frame *f = &tui->frame;
    va_list ap;
    int need;

    va_start(ap, fmt);
    need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0)
        return;
    if (f->length + (size_t)need + 1 > f->capacity) {
        size_t capacity = (f->length + (size_t)need + 1) * 2;
        char *grown = realloc(f->data, capacity);

        if (!grown)
            return;
        f->data = grown;
        f->capacity = capacity;
    }
    va_start(ap, fmt);
    vsnprintf(f->data + f->length, f->capacity - f->length, fmt, ap);
    va_end(ap);
    f->length += (size_t)need;
}

/* SGR codes, dropped when NO_COLOR is set (bold and dim stay). */
static const char *colour(const struct tui *tui, const char *sgr)
{
    return tui->color ? sgr : "";
}

#define SGR_RESET "\x1b[0m"
#define SGR_BOLD "\x1b[1m"
#define SGR_DIM "\x1b[2m"
#define SGR_RED "\x1b[31m"
#define SGR_GREEN "\x1b[32m"
#define SGR_AMBER "\x1b[33m"
#define SGR_CYAN "\x1b[36m"

static bool room(const struct tui *tui)
{
    return tui->frame.lines < tui->frame.max_lines;
}

/* Ends a content line: clear the rest of it, go to the next. */
static void end_line(struct tui *tui)
{
    put(tui, SGR_RESET "\x1b[K\r\n");
    tui->frame.lines++;
}

static void blank(struct tui *tui)
{
    if (room(tui))
        end_line(tui);
}

/* Bytes of `s` that fit in `width` columns (UTF-8 aware, one column each). */
static size_t fit_bytes(const char *s, size_t length, int width)
{
    size_t i = 0;
    int cols = 0;

    while (i < length && cols < width) {
        i++;
        while (i < length && ((unsigned char)s[i] & 0xc0) == 0x80)
            i++;
        cols++;
    }
    return i;
}

/*
 * `length` bytes of `s` in at most `width` columns: whole when they fit,
 * else cut one column short and ended with "…", never left to wrap.
 */
static void put_cut(struct tui *tui, const char *s, size_t length,
                    int width)
{
    size_t fit = fit_bytes(s, length, width > 0 ? width : 0);

    if (fit >= length) {
        put(tui, "%.*s", (int)length, s);
        return;
    }
    fit = fit_bytes(s, length, width > 1 ? width - 1 : 0);
    put(tui, "%.*s…", (int)fit, s);
}

/* Columns left on the row from `used`, keeping the last one free. */
static int cols_left(const struct tui *tui, int used)
{
    int left = tui->cols - 1 - used;

    return left > 0 ? left : 0;
}

/*
 * One screen line of word-wrapped text at `p`: its bytes go to *take, and
 * the start of the next line comes back. A word wider than the line is
 * cut, so every call moves on.
 */
static const char *wrap_next(const char *p, int width, size_t *take)
{
    size_t line_end = strcspn(p, "\n");
    size_t n = fit_bytes(p, line_end, width > 1 ? width : 1);

    if (n < line_end) {
        size_t space = n;

        while (space > 0 && p[space] != ' ')
            space--;
        if (space > 0)
            n = space;
    }
    *take = n;
    p += n;
    while (*p == ' ')
        p++;
    if (*p == '\n')
        p++;
    return p;
}

static int count_wrapped(const char *text, int width)
{
    size_t take;
    int lines = 0;

    for (const char *p = text; *p; lines++)
        p = wrap_next(p, width, &take);
    return lines;
}

/* Word-wraps `text` at the width, with an indent; stops at max_lines. */
static void put_wrapped(struct tui *tui, const char *text, int indent,
                        int max_lines, const char *sgr)
{
    int width = tui->cols - indent - 1;
    const char *p = text ? text : "";
    int used = 0;

    while (*p && room(tui) && used < max_lines) {
        size_t take;
        const char *next = wrap_next(p, width, &take);
        bool last = used + 1 == max_lines ||
                    tui->frame.lines + 1 == tui->frame.max_lines;

        put(tui, "%*s%s", indent, "", sgr);
        if (last && *next)         /* more than fits: say so */
            put(tui, "%.*s…", (int)fit_bytes(p, strcspn(p, "\n"),
                                             width - 1), p);
        else
            put(tui, "%.*s", (int)take, p);
        end_line(tui);
        used++;
        p = next;
    }
}

static void put_rule(struct tui *tui)
{
    if (!room(tui))
        return;
    put(tui, "%s", colour(tui, SGR_DIM));
    for (int i = 0; i < tui->cols - 1; i++)
        put(tui, "─");
    end_line(tui);
}

/* ---- Pieces of the answer screen -------------------------------------- */

/* 3x5 block font: digits, ':' and '+', '#' = lit. */
static const char *const glyphs[12][5] = {
    { "###", "# #", "# #", "# #", "###" },
    { " # ", "## ", " # ", " # ", "###" },
    { "###", "  #", "###", "#  ", "###" },
    { "###", "  #", "###", "  #", "###" },
    { "# #", "# #", "###", "  #", "  #" },
    { "###", "#  ", "###", "  #", "###" },
    { "###", "#  ", "###", "# #", "###" },
    { "###", "  #", "  #", "  #", "  #" },
    { "###", "# #", "###", "# #", "###" },
    { "###", "# #", "###", "  #", "###" },
    { " ", "#", " ", "#", " " },
    { "   ", " # ", "###", " # ", "   " },
};

static int glyph_index(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    return c == ':' ? 10 : 11;
}

/* mm:ss of a countdown: whole seconds left, rounded up; "+" in overtime. */
static void format_clock(int64_t remaining_ms, char *buf, size_t size)
{
    bool over = remaining_ms < 0;
    int64_t secs = over ? -remaining_ms / 1000
                        : (remaining_ms + 999) / 1000;

    snprintf(buf, size, "%s%02d:%02d", over ? "+" : "",
             (int)(secs / 60 % 100), (int)(secs % 60));
}

static void put_big_clock(struct tui *tui, const char *text, const char *sgr)
{
    for (int row = 0; row < 5 && room(tui); row++) {
        put(tui, "   %s%s", sgr, SGR_BOLD);
        for (const char *c = text; *c; c++) {
            const char *g = glyphs[glyph_index(*c)][row];

            for (const char *px = g; *px; px++)
                put(tui, "%s", *px == '#' ? "██" : "  ");
            put(tui, "  ");
        }
        end_line(tui);
    }
}

static void put_clock(struct tui *tui, int64_t remaining_ms, const char *sgr)
{
    char text[16];

    format_clock(remaining_ms, text, sizeof text);
    if (tui->cols >= BIG_COLS && tui->frame.max_lines - tui->frame.lines > 12) {
        put_big_clock(tui, text, sgr);
        return;
    }
    if (room(tui)) {
        put(tui, "   %s%s%s", sgr, SGR_BOLD, text);
        end_line(tui);
    }
}

static void put_bar(struct tui *tui, double fraction, int width,
                    const char *sgr)
{
    int filled;

    if (fraction < 0)
        fraction = 0;
    if (fraction > 1)
        fraction = 1;
    filled = (int)(fraction * width + 0.5);
    put(tui, "%s", sgr);
    for (int i = 0; i < width; i++)
        put(tui, "%s", i < filled ? "█" : "░");
    put(tui, SGR_RESET);
}

static const char *cue_sgr(const struct tui *tui, enum machine_cue cue)
{
    switch (cue) {
    case MACHINE_CUE_GREEN: return colour(tui, SGR_GREEN);
    case MACHINE_CUE_AMBER: return colour(tui, SGR_AMBER);
    case MACHINE_CUE_RED:
    case MACHINE_CUE_OVER: return colour(tui, SGR_RED);
    default: return "";
    }
}

/* The letter keeps the cue readable without colour. */
static const char *cue_label(enum machine_cue cue)
{
    switch (cue) {
    case MACHINE_CUE_GREEN: return "G  green";
    case MACHINE_CUE_AMBER: return "A  amber: one minute left";
    case MACHINE_CUE_RED: return "R  red: 30 seconds left";
    case MACHINE_CUE_OVER: return "R  red: overtime";
    default: return "waiting for the microphone...";
    }
}

static void put_progress(struct tui *tui, const struct machine *m,
                         const struct tui_view *view)
{
    const struct machine_question *q = &m->config.questions[m->current];
    int64_t elapsed = machine_elapsed(m, view->now);
    int width = tui->cols - 12;
    enum machine_cue cue = m->cue;

    if (!room(tui))
        return;
    if (width > 60)
        width = 60;
    put(tui, "   ");
    put_bar(tui, q->answer_ms > 0 ? (double)elapsed / q->answer_ms : 1,
            width, cue_sgr(tui, cue));
    end_line(tui);
    if (room(tui)) {
        put(tui, "   %s%s[%s%s", cue_sgr(tui, cue), SGR_BOLD,
            cue_label(cue), "]");
        end_line(tui);
    }
}

/* -60..0 dBFS across the bar; amber near full scale, red at clipping. */
static void put_meter(struct tui *tui, const struct tui_view *view)
{
    int width = tui->cols - 24;
    double fraction = (view->rms_dbfs + 60.0) / 60.0;
    const char *sgr = colour(tui, SGR_GREEN);

    if (!room(tui))
        return;
    if (width > 40)
        width = 40;
    if (view->peak_dbfs > -1.0f)
        sgr = colour(tui, SGR_RED);
    else if (view->peak_dbfs > -6.0f)
        sgr = colour(tui, SGR_AMBER);
    put(tui, "   mic ");
    put_bar(tui, fraction, width, sgr);
    put(tui, " %4.0f dB", view->rms_dbfs < -99 ? -99.0 : view->rms_dbfs);
    end_line(tui);
    if (view->silent_warning && room(tui)) {
        put(tui, "   %s%s! The microphone sounds silent: is it muted?",
            colour(tui, SGR_AMBER), SGR_BOLD);
        end_line(tui);
    }
}

/* ---- Screens ---------------------------------------------------------- */

/* The title line and rule; `question` is an index, or SIZE_MAX for none. */
static void put_title(struct tui *tui, const char *program,
                      const struct journal *j, size_t question)
{
    char rest[512];
    int n = snprintf(rest, sizeof rest, "%s", j->title ? j->title : j->role);

    if (question < j->question_count && n >= 0 && (size_t)n < sizeof rest) {
        const char *topic = j->questions[question].topic;

        snprintf(rest + n, sizeof rest - (size_t)n, "   Question %zu/%zu  %s",
                 question + 1, j->question_count, topic ? topic : "");
    }
    put(tui, " %s%s%s%s  ", SGR_BOLD, colour(tui, SGR_CYAN), program,
        SGR_RESET);
    put_cut(tui, rest, strlen(rest), cols_left(tui, 3 + (int)strlen(program)));
    end_line(tui);
    put_rule(tui);
}

static void put_header(struct tui *tui, const struct machine *m,
                       const struct tui_view *view)
{
    put_title(tui, "mockinterview", view->journal,
              m->state == MACHINE_INTRO ? SIZE_MAX : m->current);
}

static void put_intro(struct tui *tui, const struct machine *m,
                      const struct tui_view *view)
{
    const struct journal *j = view->journal;

    blank(tui);
    if (j->focus) {
        put(tui, "   %sFocus%s", SGR_BOLD, SGR_RESET);
        end_line(tui);
        put_wrapped(tui, j->focus, 3, 4, "");
        blank(tui);
    }
    if (j->intro) {
        put_wrapped(tui, j->intro, 3, 6, "");
        blank(tui);
    }
    if (j->thinking_pattern) {
        put(tui, "   %sThinking pattern%s", SGR_BOLD, SGR_RESET);
        end_line(tui);
        put_wrapped(tui, j->thinking_pattern, 3, 6, "");
        blank(tui);
    }
    if (view->partner) {
        put_wrapped(tui, "Partner mode: the partner at the keyboard sees the "
                    "key points while you answer, then scores the answer.",
                    3, 3, "");
        blank(tui);
    }
    if (room(tui)) {
        if (view->resumed_at > 0)
            put(tui, "   Resuming at question %zu of %zu.",
                m->current + 1, j->question_count);
        else
            put(tui, "   %zu question%s. Speak your answers aloud.",
                j->question_count, j->question_count == 1 ? "" : "s");
        end_line(tui);
    }
}

static void put_prompt(struct tui *tui, const struct machine *m,
                       const struct tui_view *view, int max_lines)
{
    const struct journal_question *q = &view->journal->questions[m->current];

    blank(tui);
    put_wrapped(tui, q->prompt, 3, max_lines, SGR_BOLD);
    blank(tui);
}

static void put_think(struct tui *tui, const struct machine *m,
                      const struct tui_view *view)
{
    bool paused = m->state == MACHINE_PAUSED;

    if (room(tui)) {
        put(tui, "   %sREAD AND THINK%s%s", SGR_BOLD,
            paused ? "  (paused)" : "", SGR_RESET);
        end_line(tui);
    }
    put_prompt(tui, m, view, 8);
    put_clock(tui, machine_remaining(m, view->now), colour(tui, SGR_CYAN));
    blank(tui);
    if (room(tui)) {
        put(tui, "   Recording starts when the countdown ends.");
        end_line(tui);
    }
}

/* For a partner: the key points, dim and one line each, to follow along. */
static void put_points_to_follow(struct tui *tui,
                                 const struct journal_question *q)
{
    size_t count = q->key_points.count;
    size_t i;

    if (count == 0 || !room(tui))
        return;
    blank(tui);
    if (room(tui)) {
        put(tui, "   %sKey points to listen for", SGR_DIM);
        end_line(tui);
    }
    for (i = 0; i < count && room(tui); i++) {
        const char *point = q->key_points.items[i];
        bool last_row = tui->frame.lines + 1 == tui->frame.max_lines;

        if (last_row && i + 1 < count) {
            put(tui, "   %s… %zu more", SGR_DIM, count - i);
            end_line(tui);
            break;
        }
        put(tui, "   %s%zu ", SGR_DIM, (i + 1) % 10);
        put_cut(tui, point, strlen(point), cols_left(tui, 5));
        end_line(tui);
    }
}

static void put_answer(struct tui *tui, const struct machine *m,
                       const struct tui_view *view)
{
    bool paused = m->state == MACHINE_PAUSED;

    if (room(tui)) {
        if (paused)
            put(tui, "   %s%sPAUSED%s  recording held; p resumes",
                colour(tui, SGR_AMBER), SGR_BOLD, SGR_RESET);
        else
            put(tui, "   %s%s● REC%s  answering, take %zu",
                colour(tui, SGR_RED), SGR_BOLD, SGR_RESET,
                view->journal->questions[m->current].take_count);
        end_line(tui);
    }
    put_prompt(tui, m, view, 4);
    put_clock(tui, machine_remaining(m, view->now), cue_sgr(tui, m->cue));
    blank(tui);
    put_progress(tui, m, view);
    blank(tui);
    put_meter(tui, view);
    if (view->partner)
        put_points_to_follow(tui, &view->journal->questions[m->current]);
}

/* ---- The review sheet, shared by a session and `review` -------------- */

/*
 * The heading and up to `rows` - 1 key points; when they do not all fit,
 * the last row says how many more there are.
 */
static void put_key_points(struct tui *tui, const struct review_sheet *sheet,
                           const struct journal_question *q, int rows)
{
    size_t count = q->key_points.count;
    size_t shown = count;

    if (rows < 1 || !room(tui))
        return;
    put(tui, "   %sKey points%s (number keys tick what was covered)",
        SGR_BOLD, SGR_RESET);
    end_line(tui);
    if (count > (size_t)(rows - 1))
        shown = rows > 2 ? (size_t)(rows - 2) : 0;
    for (size_t i = 0; i < shown && room(tui); i++) {
        bool ticked = i < REVIEW_MAX_POINTS && sheet->covered[i];
        const char *point = q->key_points.items[i];

        put(tui, "   %s%zu [%s] ", ticked ? colour(tui, SGR_GREEN) : "",
            (i + 1) % 10, ticked ? "x" : " ");
        put_cut(tui, point, strlen(point), cols_left(tui, 9));
        end_line(tui);
    }
    if (shown < count && room(tui)) {
        put(tui, "   %s… %zu more (a taller window shows them)%s",
            SGR_DIM, count - shown, SGR_RESET);
        end_line(tui);
    }
}

#define SCORES_INDENT 10           /* "   Scores " */

/*
 * The value Enter keeps for a dimension: its score, or '?' while the
 * one being asked for has none yet ('-' for the others).
 */
static char score_shown(const struct review_sheet *sheet, int d)
{
    bool current = sheet->step == REVIEW_SCORES && sheet->score_index == d;
    int score = sheet->scores[d];

    if (score >= 1 && score <= 5)
        return (char)('0' + score);
    return current ? '?' : '-';
}

/*
 * Lays the scores out a dimension at a time, never splitting one across
 * rows; draws them when `draw`. Returns the rows they take.
 */
static int lay_scores(struct tui *tui, const struct review_sheet *sheet,
                      bool draw)
{
    int width = tui->cols - 1;
    int col = SCORES_INDENT;
    int rows = 1;

    if (draw)
        put(tui, "   %sScores%s ", SGR_BOLD, SGR_RESET);
    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        const char *name = report_dimension_name((enum report_dimension)d);
        bool current = sheet->step == REVIEW_SCORES &&
                       sheet->score_index == d;
        int item = (int)strlen(name) + 5;      /* " name: v " */

        if (col + item > width && col > SCORES_INDENT) {
            if (draw) {
                end_line(tui);
                if (!room(tui))
                    return rows;
                put(tui, "%*s", SCORES_INDENT, "");
            }
            rows++;
            col = SCORES_INDENT;
        }
        if (draw)
            put(tui, " %s%s: %c%s ", current ? "\x1b[7m" : "", name,
                score_shown(sheet, d), SGR_RESET);
        col += item;
    }
    if (draw)
        end_line(tui);
    return rows;
}

/* Every score shows; the one being asked for is reversed. */
static void put_scores(struct tui *tui, const struct review_sheet *sheet)
{
    if (room(tui))
        lay_scores(tui, sheet, true);
}

/* Whether the text before `at` on its line is only spaces. */
static bool opens_line(const char *text, const char *at)
{
    while (at > text && at[-1] == ' ')
        at--;
    return at == text || at[-1] == '\n';
}

static bool in_word(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * The reference is Markdown; the screen shows it without emphasis marks.
 * A run of '*' or '_' is a mark unless it sits inside a word (snake_case,
 * 2*3); a "* " opening a line is a bullet and stays. NULL without memory.
 */
static char *strip_emphasis(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    size_t o = 0;

    for (const char *p = text; out && *p;) {
        size_t run = *p == '*' ? strspn(p, "*")
                     : *p == '_' ? strspn(p, "_") : 0;
        bool bullet = run == 1 && *p == '*' && p[1] == ' ' &&
                      opens_line(text, p);
        bool inner = run > 0 && p > text && in_word(p[-1]) &&
                     in_word(p[run]);

        if (run == 0 || bullet || inner) {
            run = run ? run : 1;
            memcpy(out + o, p, run);
            o += run;
        }
        p += run;
    }
    if (out)
        out[o] = '\0';
    return out;
}

/* Keeps the scroll inside the text; a new text starts at its top. */
static void place_reference(struct tui *tui, const char *reference,
                            int total, int rows)
{
    int shown = total > rows ? rows - 1 : total;

    if (tui->reference != reference) {
        tui->reference = reference;
        tui->reference_top = 0;
    }
    tui->reference_page = shown > 1 ? shown : 1;
    tui->reference_max_top = total - shown;
    if (tui->reference_top > tui->reference_max_top)
        tui->reference_top = tui->reference_max_top;
}

/* The line under a reference too long for its rows: what is left, and how. */
static void put_more(struct tui *tui, int below)
{
    if (!room(tui))
        return;
    if (below > 0)
        put(tui, "   %s… (%d more line%s: PgDn/↓ to scroll)%s",
            colour(tui, SGR_CYAN), below, below == 1 ? "" : "s", SGR_RESET);
    else
        put(tui, "   %s(end: PgUp/↑ to scroll back)%s",
            colour(tui, SGR_CYAN), SGR_RESET);
    end_line(tui);
}

/* The reference in `rows` lines from reference_top, emphasis stripped. */
static void put_reference(struct tui *tui, const char *reference, int rows)
{
    char *text = strip_emphasis(reference ? reference : "");
    int width = tui->cols - 4;
    const char *p = text;
    int total;
    size_t take;

    if (!text)
        return;
    total = count_wrapped(text, width);
    place_reference(tui, reference, total, rows);
    for (int i = 0; i < tui->reference_top; i++)
        p = wrap_next(p, width, &take);
    put_wrapped(tui, p, 3, tui->reference_page, "");
    if (tui->reference_max_top > 0)
        put_more(tui, tui->reference_max_top - tui->reference_top);
    free(text);
}

/* Bytes from the end of `s` that fit in `width` columns: where it starts. */
static const char *fit_tail(const char *s, size_t length, int width)
{
    const char *at = s + length;
    int cols = 0;

    while (at > s && cols < width) {
        at--;
        while (at > s && ((unsigned char)*at & 0xc0) == 0x80)
            at--;
        cols++;
    }
    return at;
}

/*
 * The note on one line: its end while typing (where the cursor is), its
 * start otherwise; a hint when it is empty, full, or being typed into
 * the wrong place.
 */
/* The hint beside the note, if any; `full` is room for the longest. */
static const char *note_hint(const struct review_sheet *sheet, char *full,
                             size_t size)
{
    snprintf(full, size, "full: a note holds %d bytes", REVIEW_NOTE_MAX);
    if (sheet->note_full)
        return full;
    if (sheet->stray_text)
        return "press e or Tab first to write a note";
    if (!review_sheet_typing(sheet) && sheet->note_length == 0)
        return "(e or Tab to write one)";
    return "";
}

static void put_note(struct tui *tui, const struct review_sheet *sheet)
{
    bool typing = review_sheet_typing(sheet);
    char full[48];
    const char *hint = note_hint(sheet, full, sizeof full);
    int width = cols_left(tui, 11 + (*hint ? (int)strlen(hint) + 1 : 0));
    const char *note = sheet->note;
    size_t length = sheet->note_length;

    if (!room(tui))
        return;
    put(tui, "   %sNote%s   ", SGR_BOLD, SGR_RESET);
    if (typing)
        put(tui, "%s█", fit_tail(note, length, width));
    else
        put_cut(tui, note, length, width);
    if (*hint)
        put(tui, " %s%s%s", length == 0 && !typing ? SGR_DIM
                            : colour(tui, SGR_AMBER), hint, SGR_RESET);
    end_line(tui);
}

/*
 * Reference, key points, scores and note, fitted to the rows left. The
 * points, scores and note are what the reviewer acts on, so their rows
 * are kept first; the reference takes what remains and scrolls. Blank
 * separators go first when rows are short.
 */
static void put_sheet(struct tui *tui, const struct review_sheet *sheet,
                      const struct journal_question *q)
{
    int left = tui->frame.max_lines - tui->frame.lines;
    int scores = lay_scores(tui, sheet, false);
    int points = (int)q->key_points.count + 1;
    int fixed = scores + 1;        /* scores and note */
    bool gaps = left >= fixed + points + 3 + 3;
    int reference;

    if (gaps)
        fixed += 3;
    if (points > left - fixed)
        points = left - fixed > 2 ? left - fixed : 2;
    reference = left - fixed - points;
    if (gaps)
        blank(tui);
    if (reference >= 3) {
        put(tui, "   %sReference answer%s", SGR_BOLD, SGR_RESET);
        end_line(tui);
        put_reference(tui, q->reference, reference - 1);
        if (gaps)
            blank(tui);
    }
    put_key_points(tui, sheet, q, points);
    if (gaps)
        blank(tui);
    put_scores(tui, sheet);
    put_note(tui, sheet);
}

/* Keys of the sheet's current step; the caller adds its own. */
static const char *sheet_help(const struct review_sheet *sheet)
{
    switch (sheet->step) {
    case REVIEW_COVERED: return "1-9,0 tick points  Enter scores  e note";
    case REVIEW_SCORES:
        return "1-5 score  Enter keep  0/- skip  Backspace back  e note";
    case REVIEW_NOTE:
        return "writing a note: Enter keep  Esc undo this edit  "
               "Backspace delete";
    default: return "e note";
    }
}

static void put_review(struct tui *tui, const struct machine *m,
                       const struct tui_view *view)
{
    const struct journal_question *q = &view->journal->questions[m->current];
    const char *label = view->partner ? review_who_label("partner")
                                      : "REVIEW";

    if (room(tui)) {
        /* The take's own length, as "answer saved" said it. */
        double seconds = q->take_count > 0
                             ? q->takes[q->take_count - 1].duration
                             : m->take_timer_ms / 1000.0;

        put(tui, "   %s%s%s  take %zu: %.1f s", SGR_BOLD, label, SGR_RESET,
            q->take_count, seconds);
        if (m->take_overtime_ms > 0)
            put(tui, ", %s%.1f s over%s", colour(tui, SGR_RED),
                m->take_overtime_ms / 1000.0, SGR_RESET);
        end_line(tui);
    }
    put_sheet(tui, &m->review, q);
}

/*
 * Help covers the screen but not the countdown: while thinking or
 * answering the clock (and the recording) run on, and this line says so.
 */
static void put_help_clock(struct tui *tui, const struct machine *m,
                           const struct tui_view *view)
{
    char clock[16];
    const char *what = m->state == MACHINE_ANSWER ? "● REC  answering"
                       : m->state == MACHINE_THINK ? "thinking"
                       : m->state == MACHINE_PAUSED ? "paused" : NULL;

    if (!what || !room(tui))
        return;
    format_clock(machine_remaining(m, view->now), clock, sizeof clock);
    put(tui, "   %s%s%s  %s%s", cue_sgr(tui, m->cue), SGR_BOLD, what, clock,
        SGR_RESET);
    end_line(tui);
}

static void put_help(struct tui *tui)
{
    static const char *const lines[] = {
        "Enter, space   finish the answer (or start it early)",
        "p              pause or resume timer and recording together",
        "s              skip this question (what was recorded is kept)",
        "q, Ctrl-C      quit now; everything is saved, `resume` continues",
        "Ctrl-Z         pause and suspend; `fg`, then p to carry on",
        "Review         number keys tick key points, Enter moves on,",
        "               1-5 score (Enter keeps, 0/- skips); e or Tab",
        "               writes a note (Enter keeps it, Esc undoes the",
        "               edit); then n next, r retake, q quit;",
        "               PgUp/PgDn scroll the reference",
        "?, Esc         close this help (the clock keeps running)",
    };

    blank(tui);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0] && room(tui); i++) {
        put(tui, "   ");
        put_cut(tui, lines[i], strlen(lines[i]), cols_left(tui, 3));
        end_line(tui);
    }
}

/* The keys of the moment: the sheet's own, then the session's. */
static void key_help(const struct machine *m, char *buf, size_t size)
{
    const char *text = "";

    switch (m->state) {
    case MACHINE_INTRO: text = "Enter begin  q quit  ? help"; break;
    case MACHINE_THINK:
        text = "Enter answer now  p pause  s skip  q quit  ? help";
        break;
    case MACHINE_ANSWER:
        text = "Enter/space finish  p pause  s skip  q quit  ? help";
        break;
    case MACHINE_PAUSED:
        text = m->paused_from == MACHINE_THINK
                   ? "p resume  Enter answer now  s skip  q quit  ? help"
                   : "p resume  Enter finish  s skip  q quit  ? help";
        break;
    case MACHINE_REVIEW:
        if (review_sheet_typing(&m->review))
            snprintf(buf, size, "%s", sheet_help(&m->review));
        else if (m->review.step == REVIEW_DONE)
            snprintf(buf, size, "Enter/n next question  r retake  e note  "
                     "q quit");
        else
            snprintf(buf, size, "%s  n next  r retake  q quit",
                     sheet_help(&m->review));
        return;
    default: break;
    }
    snprintf(buf, size, "%s", text);
}

/* With help open, how to close it comes first; the other keys still work. */
static void help_keys(const struct machine *m, char *buf, size_t size)
{
    char keys[160];
    bool running = m->state == MACHINE_THINK || m->state == MACHINE_ANSWER;

    key_help(m, keys, sizeof keys);
    snprintf(buf, size, "?/Esc close help%s | %s",
             running ? " (the clock runs on)" : "", keys);
}

/* The reversed bar on the last row, cut so it can never wrap and scroll. */
static void put_key_bar(struct tui *tui, const char *text)
{
    put(tui, "\x1b[%d;1H\x1b[7m ", tui->rows);
    put_cut(tui, text, strlen(text), cols_left(tui, 2));
    put(tui, " \x1b[0m\x1b[K");
}

/* A frame with no reference on it takes no scroll keys. */
static void start_frame(struct tui *tui)
{
    tui->frame.length = 0;
    tui->frame.lines = 0;
    tui->frame.max_lines = tui->rows - 2;
    tui->reference_max_top = 0;
    put(tui, "\x1b[H");            /* home; lines overwrite in place */
}

/* The status row above the key bar. */
static void put_status(struct tui *tui, const char *text)
{
    put(tui, "\x1b[%d;1H%s", tui->rows - 1, colour(tui, SGR_AMBER));
    put_cut(tui, text, strlen(text), cols_left(tui, 0));
    put(tui, SGR_RESET "\x1b[K");
}

static void compose(struct tui *tui, const struct machine *m,
                    const struct tui_view *view)
{
    char keys[256];

    status_for_screen(tui, machine_screen(m));
    start_frame(tui);
    put_header(tui, m, view);
    if (m->show_help) {
        put_help_clock(tui, m, view);
        put_help(tui);
    } else if (m->state == MACHINE_INTRO)
        put_intro(tui, m, view);
    else if (m->state == MACHINE_THINK ||
             (m->state == MACHINE_PAUSED && m->paused_from == MACHINE_THINK))
        put_think(tui, m, view);
    else if (m->state == MACHINE_ANSWER || m->state == MACHINE_PAUSED)
        put_answer(tui, m, view);
    else if (m->state == MACHINE_REVIEW)
        put_review(tui, m, view);
    put(tui, "\x1b[J");            /* clear whatever is below */
    put_status(tui, view->status ? view->status : status_now(tui));
    if (m->show_help)
        help_keys(m, keys, sizeof keys);
    else
        key_help(m, keys, sizeof keys);
    put_key_bar(tui, keys);
}

/* One line that still tells the time when the window is too small. */
static void compose_small(struct tui *tui, const struct machine *m,
                          const struct tui_view *view)
{
    char clock[16];

    format_clock(machine_remaining(m, view->now), clock, sizeof clock);
    tui->frame.length = 0;
    put(tui, "\x1b[H\x1b[2JWindow too small (need %dx%d). %s %s",
        MIN_COLS, MIN_ROWS,
        m->state == MACHINE_ANSWER ? "Recording" : "", clock);
}

static void flush_frame(struct tui *tui)
{
    struct frame *f = &tui->frame;

    if (!tui->force && tui->last && f->length == tui->last_length &&
        memcmp(f->data, tui->last, f->length) == 0)
        return;
    if (tui->force)
        write_text("\x1b[2J");
    write_all(STDOUT_FILENO, f->data, f->length);
    free(tui->last);
    tui->last = malloc(f->length);
    if (tui->last)
        memcpy(tui->last, f->data, f->length);
    tui->last_length = f->length;
    tui->force = false;
}

/* ---- Plain mode ------------------------------------------------------- */

static void plain_intro(struct tui *tui, const struct machine *m,
                        const struct tui_view *view)
{
    const struct journal *j = view->journal;

    printf("%s", j->title ? j->title : j->role);
    if (j->focus)
        printf(": %s", j->focus);
    putchar('\n');
    if (j->thinking_pattern)
        printf("Thinking pattern: %s\n", j->thinking_pattern);
    if (view->resumed_at > 0)
        printf("Resuming at question %zu of %zu\n", m->current + 1,
               j->question_count);
    tui->intro_said = true;
}

static void plain_progress(struct tui *tui, const struct machine *m,
                           const struct tui_view *view)
{
    const struct journal *j = view->journal;
    const struct journal_question *q = &j->questions[m->current];
    const struct machine_question *mq = &m->config.questions[m->current];

    if (tui->said_question != m->current) {
        printf("Question %zu/%zu: %s\n", m->current + 1, j->question_count,
               q->topic ? q->topic : q->id);
        tui->said_question = m->current;
        tui->said_take = 0;
        tui->said_think = false;
    }
    if (m->state == MACHINE_THINK && !tui->said_think && mq->think_ms > 0) {
        printf("thinking: %d s\n", (mq->think_ms + 999) / 1000);
        tui->said_think = true;
    }
    if (m->take != tui->said_take) {
        tui->said_take = m->take;
        tui->said_clock = false;
    }
    if (m->clock_started && !tui->said_clock && m->recording) {
        printf("answering: %d s\n", (mq->answer_ms + 999) / 1000);
        tui->said_clock = true;
    }
}

static void render_plain(struct tui *tui, const struct machine *m,
                         const struct tui_view *view)
{
    if (!tui->intro_said)
        plain_intro(tui, m, view);
    if (!machine_finished(m) && m->state != MACHINE_INTRO)
        plain_progress(tui, m, view);
    fflush(stdout);
}

void tui_render(struct tui *tui, const struct machine *m,
                const struct tui_view *view)
{
    if (tui->plain) {
        render_plain(tui, m, view);
        return;
    }
    if (!tui->raw || machine_finished(m))
        return;
    if (tui->cols < MIN_COLS || tui->rows < MIN_ROWS)
        compose_small(tui, m, view);
    else
        compose(tui, m, view);
    flush_frame(tui);
}

/* ---- Player ----------------------------------------------------------- */

/* "> ████░░░░ 0:12 / 0:41": where playback is, and whether it is held. */
static void put_position(struct tui *tui, double position, double duration,
                         bool paused)
{
    int width = tui->cols - 24;

    if (!room(tui))
        return;
    if (width > 60)
        width = 60;
    put(tui, "   %s ", paused ? "||" : "> ");
    put_bar(tui, duration > 0 ? position / duration : 0,
            width < 10 ? 10 : width, colour(tui, SGR_GREEN));
    put(tui, " %d:%02d / %d:%02d", (int)position / 60, (int)position % 60,
        (int)duration / 60, (int)duration % 60);
    end_line(tui);
}

void tui_render_player(struct tui *tui, const char *title,
                       const char *prompt, double position, double duration,
                       bool paused)
{
    if (tui->plain || !tui->raw)
        return;
    start_frame(tui);
    put(tui, " %s%smockinterview play%s  %s", SGR_BOLD,
        colour(tui, SGR_CYAN), SGR_RESET, title);
    end_line(tui);
    put_rule(tui);
    blank(tui);
    put_wrapped(tui, prompt, 3, tui->rows - 10, SGR_BOLD);
    blank(tui);
    put_position(tui, position, duration, paused);
    put(tui, "\x1b[J");            /* clear whatever is below */
    put_key_bar(tui, "space pause  left/right seek 5 s  n next  q quit");
    flush_frame(tui);
}

/* ---- Review afterwards ------------------------------------------------ */

/* Whose sheet this is, and where its first values came from. */
static void put_reviewer(struct tui *tui, const struct tui_review *view)
{
    if (!room(tui))
        return;
    put(tui, "   %s%s%s  saved as '%s'", SGR_BOLD, review_who_label(view->who),
        SGR_RESET, view->who);
    if (view->source)
        put(tui, "%s, started from '%s'%s", SGR_DIM, view->source, SGR_RESET);
    end_line(tui);
}

/* The take on offer: a position bar, or why nothing plays. */
static void put_take(struct tui *tui, const struct tui_review *view)
{
    const struct journal_question *q =
        &view->journal->questions[view->question];

    if (q->take_count == 0) {
        if (room(tui)) {
            put(tui, "   %sno recording%s", SGR_DIM, SGR_RESET);
            end_line(tui);
        }
        return;
    }
    if (room(tui)) {
        put(tui, "   take %zu of %zu (%.1f s)", view->take + 1,
            q->take_count, q->takes[view->take].duration);
        end_line(tui);
    }
    if (view->notice && room(tui)) {
        put(tui, "   %s", colour(tui, SGR_AMBER));
        put_cut(tui, view->notice, strlen(view->notice), cols_left(tui, 3));
        end_line(tui);
    }
    if (view->playing)
        put_position(tui, view->position, view->duration, view->paused);
}

static void review_keys(const struct tui_review *view, char *buf,
                        size_t size)
{
    const struct review_sheet *sheet = view->sheet;
    const char *play = view->playing ? "  space pause  left/right seek" : "";
    const char *takes = "";

    if (view->journal->questions[view->question].take_count > 1)
        takes = "  t take";
    if (review_sheet_typing(sheet))
        snprintf(buf, size, "%s", sheet_help(sheet));
    else if (sheet->step == REVIEW_DONE)
        snprintf(buf, size, "Enter/n save+next  e note  q save+quit%s%s",
                 play, takes);
    else
        snprintf(buf, size, "%s  n save+next  q save+quit%s%s",
                 sheet_help(sheet), play, takes);
}

void tui_render_review(struct tui *tui, const struct tui_review *view)
{
    const struct journal_question *q =
        &view->journal->questions[view->question];
    char keys[200];

    if (tui->plain || !tui->raw)
        return;
    start_frame(tui);
    put_title(tui, "mockinterview review", view->journal, view->question);
    put_reviewer(tui, view);
    blank(tui);
    put_wrapped(tui, q->prompt, 3, 3, SGR_BOLD);
    blank(tui);
    put_take(tui, view);
    put_sheet(tui, view->sheet, q);
    put(tui, "\x1b[J");            /* clear whatever is below */
    put_status(tui, status_now(tui));
    review_keys(view, keys, sizeof keys);
    put_key_bar(tui, keys);
    flush_frame(tui);
}

/* ---- Plain listing of assessments --------------------------------------- */

/* Journal text as printable bytes: a control code becomes a '?'. */
static void print_clean(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        putchar(*p < 0x20 || *p == 0x7f ? '?' : *p);
}

static void print_assessment(const struct journal_question *q,
                             const struct journal_assessment *a)
{
    printf("  ");
    print_clean(a->who);
    putchar(':');
    for (int d = 0; d < REPORT_DIMENSIONS; d++) {
        printf("%s %s ", d ? "," : "",
               report_dimension_name((enum report_dimension)d));
        if (a->scores[d] >= 1 && a->scores[d] <= 5)
            printf("%d", a->scores[d]);
        else
            putchar('-');
    }
    if (q->key_points.count > 0) {
        size_t covered = 0;

        for (size_t k = 0; a->covered && k < q->key_points.count; k++)
            covered += a->covered[k];
        printf("; key points %zu/%zu", covered, q->key_points.count);
    }
    if (a->notes) {
        printf("; note: ");
        print_clean(a->notes);
    }
    putchar('\n');
}

void tui_print_assessments(struct tui *tui, const struct journal *j,
                           size_t index)
{
    const struct journal_question *q = &j->questions[index];

    (void)tui;
    printf("Question %zu/%zu: ", index + 1, j->question_count);
    print_clean(q->topic && *q->topic ? q->topic : q->id);
    printf(" (");
    print_clean(q->id);
    printf("), %s, %zu take%s\n", journal_state_name(q->state),
           q->take_count, q->take_count == 1 ? "" : "s");
    if (q->assessment_count == 0)
        printf("  not assessed\n");
    for (size_t i = 0; i < q->assessment_count; i++)
        print_assessment(q, &q->assessments[i]);
    fflush(stdout);
}
