/*
 * Plain C is untouched, tested on C nobody here wrote: for every header under
 * /usr/include (recursively) and every .c/.h file of the project, cgoc's
 * output must be the input byte for byte, and cgoc must report nothing.
 */
#include "buf.h"
#include "diag.h"
#include "source.h"
#include "translate.h"
#include "walk.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

typedef struct sweep {
    size_t files, bytes, changed, refused;
    char first_bad[5][512];
} sweep;

static void check_file(const char *path, void *ctx)
{
    sweep *s = ctx;
    source src;
    if (!source_load(&src, path))
        return; /* unreadable (permissions): not ours to judge */
    translate_options opt = {.input = path, .output = "-", .line_markers = true};
    buf out = {0};
    unsigned errors = diag_error_count();
    bool ok = translate_source(&opt, &src, &out);
    size_t bad = s->changed + s->refused;
    if (!ok || diag_error_count() != errors)
        s->refused++;
    else if (out.len != src.len || memcmp(out.data, src.text, src.len) != 0)
        s->changed++;
    if (s->changed + s->refused != bad && bad < 5)
        snprintf(s->first_bad[bad], sizeof s->first_bad[bad], "%s", path);
    s->files++;
    s->bytes += src.len;
    buf_free(&out);
    source_free(&src);
}

static void report(const char *what, const sweep *s)
{
    printf("passthrough %s: %zu files, %zu bytes, %zu changed, %zu refused\n", what, s->files,
           s->bytes, s->changed, s->refused);
    for (size_t i = 0; i < s->changed + s->refused && i < 5; i++)
        printf("  e.g. %s\n", s->first_bad[i]);
    fflush(stdout);
}

Test(passthrough, usr_include_headers_are_byte_identical)
{
    static const char *const headers[] = {".h", NULL};
    sweep s = {0};
    diag_set_color(DIAG_COLOR_NEVER);
    walk_files("/usr/include", headers, check_file, &s);
    report("/usr/include", &s);
    cr_assert_gt(s.files, 1000, "expected thousands of system headers, found %zu", s.files);
    cr_assert_eq(s.changed + s.refused, 0, "%zu headers changed, %zu refused (first: %s)", s.changed,
                 s.refused, s.first_bad[0]);
}

Test(passthrough, project_sources_are_byte_identical)
{
    static const char *const c_files[] = {".c", ".h", NULL};
    static const char *const dirs[] = {"translator", "runtime", "tests", "grammar/include"};
    sweep s = {0};
    diag_set_color(DIAG_COLOR_NEVER);
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", CGOC_SOURCE_DIR, dirs[i]);
        walk_files(dir, c_files, check_file, &s);
    }
    report("project", &s);
    cr_assert_gt(s.files, 10);
    cr_assert_eq(s.changed + s.refused, 0, "%zu files changed, %zu refused (first: %s)", s.changed,
                 s.refused, s.first_bad[0]);
}
