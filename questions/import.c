/*
 * questions_import: a Markdown collection (one folder per role, one file
 * per question) turned into one script per role. Every file is tried; one
 * that cannot be read or parsed is recorded with its reason and the rest
 * go on. Each script written is loaded back before it is reported, so an
 * output file that would not validate is a failure, never a surprise.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "questions/internal.h"

#define IMPORT_MAX_FILE_BYTES (1024u * 1024)

struct import_run {
    const char *dir;
    const char *outdir;
    struct question_import_result *result;
    struct questions_role_info *table;   /* from the collection README */
    size_t table_count;
};

static void import_fail(struct import_run *run, const char *path, int line,
                        const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void import_fail(struct import_run *run, const char *path, int line,
                        const char *format, ...)
{
    va_list args;

    va_start(args, format);
    questions_problem_vadd(&run->result->failures, 0, path, line,
                           line > 0 ? 1 : 0, format, args);
    va_end(args);
}

/* dir/name into buf; -1 when it does not fit (never a cut-off path). */
static int import_join(char *buf, size_t size, const char *dir,
                       const char *name)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);

    return n < 0 || (size_t)n >= size ? -1 : 0;
}

static bool import_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool import_is_question_file(const char *dir, const char *name)
{
    size_t len = strlen(name);
    char path[4096];
    struct stat st;

    if (name[0] == '.' || len < 4 || strcasecmp(name + len - 3, ".md") != 0
        || strcasecmp(name, "README.md") == 0)
        return false;
    return import_join(path, sizeof path, dir, name) == 0
        && stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- The collection README ------------------------------------------ */

static void import_read_table(struct import_run *run)
{
    static const char *const names[] = { "README.md", "readme.md",
                                         "Readme.md" };
    char path[4096], why[256];
    char *text;
    size_t length;

    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (import_join(path, sizeof path, run->dir, names[i]) < 0
            || questions_read_file(path, IMPORT_MAX_FILE_BYTES, &text, &length,
                                why, sizeof why) < 0)
            continue;
        questions_markdown_roles(text, length, &run->table,
                                 &run->table_count);
        free(text);
        return;
    }
}

static const struct questions_role_info *import_role_info(
    const struct import_run *run, const char *role)
{
    for (size_t i = 0; i < run->table_count; i++) {
        if (strcmp(run->table[i].name, role) == 0)
            return &run->table[i];
    }
    return NULL;
}

/* "AI_Engineer" -> "AI Engineer". */
static char *import_title(const char *folder)
{
    char *title = strdup(folder);

    if (!title)
        return NULL;
    for (char *p = title; *p; p++) {
        if (*p == '_' || *p == '-')
            *p = ' ';
    }
    return title;
}

static int import_describe_role(const struct import_run *run,
                                const char *folder,
                                struct question_script *s)
{
    const struct questions_role_info *info = import_role_info(run, s->role);
    char text[512];

    s->title = import_title(folder);
    if (!s->title)
        return -1;

    if (info && *info->focus)
        s->focus = strdup(info->focus);
    else {
        snprintf(text, sizeof text, "Interview questions for the %s role",
                 s->title);
        s->focus = strdup(text);
    }

    if (info && *info->thinking_pattern)
        s->thinking_pattern = strdup(info->thinking_pattern);
    else {
        snprintf(text, sizeof text, "How would a strong %s answer this?",
                 s->title);
        s->thinking_pattern = strdup(text);
    }
    return s->focus && s->thinking_pattern ? 0 : -1;
}

/* ---- One question file ---------------------------------------------- */

static bool import_id_taken(const struct question_script *s, const char *id)
{
    for (size_t i = 0; i < s->count; i++) {
        if (strcmp(s->questions[i].id, id) == 0)
            return true;
    }
    return false;
}

/* The id from the file name (".md" dropped), unique within the role. */
static char *import_id(const struct question_script *s, const char *file)
{
    char base[256], id[300];
    int len = (int)strlen(file) - 3;

    snprintf(id, sizeof id, "%.*s", len < 200 ? len : 200, file);
    questions_name_from(id, base, sizeof base);
    if (!*base)
        snprintf(base, sizeof base, "question");

    snprintf(id, sizeof id, "%s", base);
    for (int n = 2; import_id_taken(s, id); n++)
        snprintf(id, sizeof id, "%s-%d", base, n);
    return strdup(id);
}

/* Position of the first malformed UTF-8 byte, or 0 when all is well. */
static int import_bad_utf8(const char *text, size_t length, int *column)
{
    int line;

    for (size_t i = 0; i < length;) {
        size_t n = questions_utf8_sequence((const unsigned char *)text + i,
                                           length - i);

        if (n == 0) {
            questions_text_position(text, length, i, &line, column);
            return line;
        }
        i += n;
    }
    return 0;
}

static int import_check_sizes(struct import_run *run, const char *path,
                              const struct questions_markdown *md)
{
    if (strlen(md->reference) > QUESTIONS_MAX_SCALAR_BYTES
        || strlen(md->prompt) > QUESTIONS_MAX_SCALAR_BYTES) {
        import_fail(run, path, 0, "the answer or prompt is longer than "
                    "64 KiB, the limit of a script value");
        return -1;
    }
    return 0;
}

static int import_read_question(struct import_run *run, const char *path,
                                struct questions_markdown *md)
{
    char why[256];
    char *text;
    size_t length;
    int line, column;

    if (questions_read_file(path, IMPORT_MAX_FILE_BYTES, &text, &length, why,
                            sizeof why) < 0) {
        import_fail(run, path, 0, "%s", why);
        return -1;
    }

    line = import_bad_utf8(text, length, &column);
    if (line > 0) {
        questions_problem_add(&run->result->failures, 0, path, line, column,
                              "invalid UTF-8; save the file as UTF-8");
        free(text);
        return -1;
    }

    if (questions_markdown_parse(text, length, md, &line, why,
                                 sizeof why) < 0) {
        import_fail(run, path, line, "%s", why);
        free(text);
        return -1;
    }
    free(text);
    return import_check_sizes(run, path, md) < 0 ? (questions_markdown_free(md),
                                                    -1) : 0;
}

/* Moves the parsed parts into a new question at the end of the script. */
static int import_add_question(struct question_script *s, const char *file,
                               struct questions_markdown *md)
{
    struct question *questions;
    struct question *q;

    questions = realloc(s->questions, (s->count + 1) * sizeof *questions);
    if (!questions)
        return -1;
    s->questions = questions;

    q = &s->questions[s->count];
    *q = (struct question){ .difficulty = QUESTION_MEDIUM, .think_time = -1,
                            .answer_time = -1 };
    q->id = import_id(s, file);
    if (!q->id)
        return -1;
    q->topic = md->topic;
    q->prompt = md->prompt;
    q->reference = md->reference;
    q->key_points = md->key_points;
    q->assesses = md->assesses;
    *md = (struct questions_markdown){ 0 };
    s->count++;
    return 0;
}

/* ---- One role folder ------------------------------------------------- */

static int import_record_role(struct import_run *run,
                              const struct question_script *s,
                              const char *path)
{
    struct question_import_result *r = run->result;
    struct question_import_role *roles;

    roles = realloc(r->roles, (r->role_count + 1) * sizeof *roles);
    if (!roles)
        return -1;
    r->roles = roles;
    roles[r->role_count] = (struct question_import_role){
        .role = strdup(s->role), .output_path = strdup(path),
        .question_count = s->count };
    r->role_count++;
    return 0;
}

/* Loads the written file back; its first problem becomes the failure. */
static int import_verify(struct import_run *run, const char *path)
{
    struct question_problems problems = { 0 };
    struct question_script *check;
    int rc = questions_load(path, &check, &problems);

    if (rc < 0 && problems.count)
        questions_problem_add(&run->result->failures, 0, path,
                              problems.items[0].line,
                              problems.items[0].column,
                              "written script does not load: %s",
                              problems.items[0].message);
    questions_script_free(check);
    questions_problems_free(&problems);
    return rc;
}

static void import_write_role(struct import_run *run,
                              const struct question_script *s,
                              const char *folder_path)
{
    char path[4096], why[256];

    for (size_t i = 0; i < run->result->role_count; i++) {
        if (strcmp(run->result->roles[i].role, s->role) == 0) {
            import_fail(run, folder_path, 0, "role '%s' was already made "
                        "from another folder", s->role);
            return;
        }
    }

    snprintf(path, sizeof path, "%s/%s.yaml", run->outdir, s->role);
    if (questions_script_write(s, path, why, sizeof why) < 0) {
        import_fail(run, path, 0, "%s", why);
        return;
    }
    if (import_verify(run, path) == 0 && import_record_role(run, s, path) < 0)
        import_fail(run, path, 0, "out of memory");
}

static void import_question_files(struct import_run *run,
                                  const char *folder_path,
                                  struct question_script *s)
{
    struct dirent **names;
    int n = scandir(folder_path, &names, NULL, alphasort);
    char path[4096];

    if (n < 0) {
        import_fail(run, folder_path, 0, "cannot list: %s", strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        struct questions_markdown md;

        if (import_is_question_file(folder_path, names[i]->d_name)
            && import_join(path, sizeof path, folder_path,
                           names[i]->d_name) == 0) {
            if (import_read_question(run, path, &md) == 0
                && import_add_question(s, names[i]->d_name, &md) < 0) {
                questions_markdown_free(&md);
                import_fail(run, path, 0, "out of memory");
            }
        }
        free(names[i]);
    }
    free(names);
}

static void import_role(struct import_run *run, const char *folder)
{
    struct question_script *s = calloc(1, sizeof *s);
    char folder_path[4096], role[128];

    if (import_join(folder_path, sizeof folder_path, run->dir, folder) < 0) {
        import_fail(run, run->dir, 0, "a folder's path is too long");
        free(s);
        return;
    }
    questions_name_from(folder, role, sizeof role);
    if (!*role) {
        import_fail(run, folder_path, 0, "a role folder name needs a letter "
                    "or digit");
        free(s);
        return;
    }

    if (!s || !(s->role = strdup(role)) || !(s->path = strdup(folder_path))
        || import_describe_role(run, folder, s) < 0) {
        import_fail(run, folder_path, 0, "out of memory");
        questions_script_free(s);
        return;
    }
    s->think_time = QUESTIONS_DEFAULT_THINK_TIME;
    s->answer_time = QUESTIONS_DEFAULT_ANSWER_TIME;

    /* A folder without any question file is not a role (images, notes). */
    import_question_files(run, folder_path, s);
    if (s->count > 0)
        import_write_role(run, s, folder_path);
    questions_script_free(s);
}

static int import_make_outdir(struct import_run *run)
{
    if (mkdir(run->outdir, 0755) == 0 || (errno == EEXIST
                                          && import_is_dir(run->outdir)))
        return 0;
    import_fail(run, run->outdir, 0, "cannot create the output folder: %s",
                errno == EEXIST ? "not a folder" : strerror(errno));
    return -1;
}

static void import_role_folders(struct import_run *run)
{
    struct dirent **names;
    int n = scandir(run->dir, &names, NULL, alphasort);
    char path[4096];

    if (n < 0) {
        import_fail(run, run->dir, 0, "cannot list: %s", strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.'
            && import_join(path, sizeof path, run->dir,
                           names[i]->d_name) == 0 && import_is_dir(path))
            import_role(run, names[i]->d_name);
        free(names[i]);
    }
    free(names);
}

int questions_import(const char *dir, const char *outdir,
                     struct question_import_result *result)
{
    struct import_run run = { .dir = dir, .outdir = outdir,
                              .result = result };

    *result = (struct question_import_result){ 0 };
    if (!import_is_dir(dir)) {
        import_fail(&run, dir, 0, "not a folder");
        return -1;
    }
    if (import_make_outdir(&run) < 0)
        return -1;

    import_read_table(&run);
    import_role_folders(&run);
    questions_role_infos_free(run.table, run.table_count);

    if (result->role_count == 0 && result->failures.count == 0)
        import_fail(&run, dir, 0, "no role folder with question files "
                    "(expected DIR/Role_Name/question.md)");
    return result->failures.count ? -1 : 0;
}

void questions_import_result_free(struct question_import_result *result)
{
    if (!result)
        return;
    for (size_t i = 0; i < result->role_count; i++) {
        free(result->roles[i].role);
        free(result->roles[i].output_path);
    }
    free(result->roles);
    questions_problems_free(&result->failures);
    *result = (struct question_import_result){ 0 };
}
