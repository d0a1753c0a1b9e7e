/*
 * The cgoc program as users run it: options, exit status, clang-style
 * diagnostics, standard input/output, and the rule that a failed run never
 * touches an existing output file.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct run_result {
    int status; /* exit status, or -1 if killed by a signal */
    char *out, *err;
} run_result;

static char *slurp_fd(int fd)
{
    size_t len = 0, cap = 4096;
    char *s = malloc(cap);
    ssize_t n;
    while ((n = read(fd, s + len, cap - len - 1)) > 0) {
        len += (size_t)n;
        if (cap - len < 2)
            s = realloc(s, cap *= 2);
    }
    s[len] = '\0';
    return s;
}

/* Runs cgoc with args (NULL-terminated) in dir, feeding input on stdin. */
static run_result run_cgoc(const char *dir, const char *input, const char *const *args)
{
    char out_path[] = "/tmp/cgoc-cli-out-XXXXXX", err_path[] = "/tmp/cgoc-cli-err-XXXXXX";
    int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
    int in_pipe[2];
    cr_assert(out_fd >= 0 && err_fd >= 0 && pipe(in_pipe) == 0);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_fd, 1);
        dup2(err_fd, 2);
        close(in_pipe[1]);
        if (dir && chdir(dir) != 0)
            _exit(127);
        const char *argv[32] = {CGOC_BIN};
        size_t n = 1;
        for (; args[n - 1] && n < 31; n++)
            argv[n] = args[n - 1];
        argv[n] = NULL;
        execv(CGOC_BIN, (char *const *)argv);
        _exit(127);
    }
    close(in_pipe[0]);
    if (input) {
        ssize_t ignored = write(in_pipe[1], input, strlen(input));
        (void)ignored;
    }
    close(in_pipe[1]);
    int st;
    waitpid(pid, &st, 0);
    run_result r = {.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1};
    lseek(out_fd, 0, SEEK_SET);
    lseek(err_fd, 0, SEEK_SET);
    r.out = slurp_fd(out_fd);
    r.err = slurp_fd(err_fd);
    close(out_fd);
    close(err_fd);
    unlink(out_path);
    unlink(err_path);
    return r;
}

static char *make_dir(void)
{
    char *dir = strdup("/tmp/cgoc-cli-XXXXXX");
    cr_assert(mkdtemp(dir));
    return dir;
}

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
}

static char *read_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    char *s = slurp_fd(fd);
    close(fd);
    return s;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static const char plain_c[] = "/* plain C */\n#include <stdio.h>\n#define ID(x) x\n"
                              "int main(void) {\n\tint len = 3, make = 4;\n\treturn ID(len) - make + 1;\n}\n";

Test(cli, version_and_help)
{
    run_result r = run_cgoc(NULL, NULL, (const char *[]){"--version", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert(strncmp(r.out, "cgoc ", 5) == 0, "version output: %s", r.out);

    r = run_cgoc(NULL, NULL, (const char *[]){"--help", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "usage: cgoc"), "help output: %s", r.out);
    cr_assert(strstr(r.out, "--no-line"));
}

Test(cli, bad_usage_exits_2)
{
    run_result r = run_cgoc(NULL, NULL, (const char *[]){NULL});
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "usage: cgoc"));

    r = run_cgoc(NULL, NULL, (const char *[]){"--frobnicate", "x.gc", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "unknown option '--frobnicate'"), "stderr: %s", r.err);

    r = run_cgoc(NULL, NULL, (const char *[]){"a.gc", "b.gc", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "more than one input file"), "stderr: %s", r.err);

    r = run_cgoc(NULL, NULL, (const char *[]){"x.gc", "-o", NULL});
    cr_assert_eq(r.status, 2);
}

Test(cli, missing_input_is_an_error)
{
    char *dir = make_dir();
    run_result r = run_cgoc(dir, NULL, (const char *[]){"nope.gc", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "cgoc: error: cannot open 'nope.gc': No such file or directory"),
              "stderr: %s", r.err);
    cr_assert_eq(count_entries(dir), 0, "no output may be created");
}

Test(cli, stdin_to_stdout_is_byte_identical_for_plain_c)
{
    run_result r = run_cgoc(NULL, plain_c, (const char *[]){"-", NULL});
    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert_str_eq(r.out, plain_c);
    cr_assert_str_eq(r.err, "");
}

Test(cli, default_output_names)
{
    char *dir = make_dir();
    write_file(dir, "prog.gc", plain_c);
    write_file(dir, "lib.gh", "int f(int);\n");
    cr_assert_eq(run_cgoc(dir, NULL, (const char *[]){"prog.gc", NULL}).status, 0);
    cr_assert_eq(run_cgoc(dir, NULL, (const char *[]){"lib.gh", NULL}).status, 0);
    cr_assert_str_eq(read_file(dir, "prog.c"), plain_c);
    cr_assert_str_eq(read_file(dir, "lib.h"), "int f(int);\n");
    cr_assert_eq(run_cgoc(dir, NULL, (const char *[]){"prog.gc", "-o", "out.c", NULL}).status, 0);
    cr_assert_str_eq(read_file(dir, "out.c"), plain_c);
    cr_assert_eq(run_cgoc(dir, NULL, (const char *[]){"prog.gc", "-oout2.c", NULL}).status, 0);
    cr_assert_str_eq(read_file(dir, "out2.c"), plain_c);
}

Test(cli, output_may_not_overwrite_input)
{
    char *dir = make_dir();
    write_file(dir, "prog.c", plain_c);
    run_result r = run_cgoc(dir, NULL, (const char *[]){"prog.c", "-o", "prog.c", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "would overwrite the input"));
    cr_assert_str_eq(read_file(dir, "prog.c"), plain_c);
}

Test(cli, syntax_errors_are_reported_clang_style_and_output_is_untouched)
{
    char *dir = make_dir();
    write_file(dir, "bad.gc",
               "void f(chan int c, int v) {\n"
               "    c <- v\n"
               "}\n"
               "void g(void) {\n"
               "    go;\n"
               "}\n");
    write_file(dir, "bad.c", "previous contents\n");
    run_result r = run_cgoc(dir, NULL, (const char *[]){"bad.gc", "-o", "bad.c", NULL});
    cr_assert_eq(r.status, 1, "stderr: %s", r.err);
    /* file:line:col: error: message, then the line and a caret under the column */
    cr_assert(strstr(r.err, "bad.gc:2:11: error: expected ';' after send statement\n"
                            "    c <- v\n"
                            "          ^\n"),
              "stderr: %s", r.err);
    cr_assert(strstr(r.err, "bad.gc:5:"), "both errors are reported in one run: %s", r.err);
    cr_assert_str_eq(read_file(dir, "bad.c"), "previous contents\n");
    cr_assert_eq(count_entries(dir), 2, "no temporary file may be left behind");
}

Test(cli, color_only_when_asked_or_on_a_terminal)
{
    run_result r = run_cgoc(NULL, "void f(chan int c) { c <- 1 }\n",
                            (const char *[]){"--color=always", "-", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "\033[1;31merror:"), "stderr: %s", r.err);
    r = run_cgoc(NULL, "void f(chan int c) { c <- 1 }\n", (const char *[]){"-", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert_null(strchr(r.err, '\033'), "no colour when stderr is not a terminal");
}
