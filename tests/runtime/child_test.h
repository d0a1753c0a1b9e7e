/*
 * child_test.h — death tests for every runtime test file (rt_test.h for
 * the white-box ones, api_test.h for the public-API ones): run a function
 * that ends the process in a forked child and check its exit status and
 * what it wrote.
 *
 * run_child(): forks a child (before the runtime starts in this process)
 * that sets environment variables, runs a function that ends the process
 * (a cgo_main program, a panic, an overflow...), and returns the child's
 * exit status and everything it wrote to stderr (and stdout), so death
 * tests can check both the exit code and the exact message.
 */
#ifndef CGO_CHILD_TEST_H
#define CGO_CHILD_TEST_H

#include <criterion/criterion.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct child_result {
    int status;      /* exit status, or 128 + signal */
    char out[65536]; /* stderr + stdout, NUL-terminated */
} child_result;

/* env: NULL-terminated "NAME=value" list (may be NULL). fn must end the
 * process; if it returns, the child exits 0. merge_stdout: stdout goes to
 * the same pipe (else it is discarded). */
static inline void run_child(child_result *r, const char *const *env, void (*fn)(void),
                             bool merge_stdout)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], 2);
        if (merge_stdout) {
            dup2(p[1], 1);
        } else {
            FILE *devnull = freopen("/dev/null", "w", stdout);
            (void)devnull;
        }
        close(p[1]);
        for (const char *const *e = env; e && *e; e++) {
            char name[256];
            const char *eq = strchr(*e, '=');
            size_t n = eq ? (size_t)(eq - *e) : 0;
            if (n > 0 && n < sizeof name) {
                memcpy(name, *e, n);
                name[n] = '\0';
                setenv(name, eq + 1, 1);
            }
        }
        fn();
        fflush(stdout);
        _exit(0);
    }
    close(p[1]);
    size_t len = 0;
    for (;;) {
        ssize_t n = read(p[0], r->out + len, sizeof r->out - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        if (len == sizeof r->out - 1)
            break;
    }
    r->out[len] = '\0';
    close(p[0]);
    /* Drop sanitizer chatter ("==123==..." lines, e.g. LeakSanitizer's
     * "Running thread N was not suspended" at exit) so tests can compare
     * the runtime's own output exactly. */
    char *w = r->out;
    for (char *line = r->out; *line;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
        bool noise = line[0] == '=' && line[1] == '=' && line[2] >= '0' && line[2] <= '9';
        if (!noise) {
            memmove(w, line, n);
            w += n;
        }
        line += n;
    }
    *w = '\0';
    int st = 0;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* fn must end the process with status 2 (a panic or fatal error), its
 * output must start with first_line and contain each of the NULL-terminated
 * needles (may be NULL). */
static inline void expect_death_with(void (*fn)(void), const char *first_line,
                                     const char *const *needles)
{
    static child_result r; /* static: the child exits with it allocated */
    run_child(&r, NULL, fn, false);
    cr_expect_eq(r.status, 2, "exit status %d, output:\n%s", r.status, r.out);
    cr_expect(strncmp(r.out, first_line, strlen(first_line)) == 0,
              "output does not start with \"%s\":\n%s", first_line, r.out);
    for (; needles && *needles; needles++)
        cr_expect(strstr(r.out, *needles) != NULL, "no \"%s\" in:\n%s", *needles, r.out);
}

/* The same with at most one needle: also (may be NULL), typically the
 * operation's site ("test_chan.c:"). */
static inline void expect_death(void (*fn)(void), const char *first_line, const char *also)
{
    const char *needles[] = {also, NULL};
    expect_death_with(fn, first_line, needles);
}

#endif /* CGO_CHILD_TEST_H */
