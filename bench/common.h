/*
 * common.h — shared helpers for the benchmarks (the twin of go/common.go):
 * the size argument, the result line, and checksum failure. Every program
 * prints exactly one line:
 *   <name> <N> <value> <unit>
 * where value is ns/op for timed workloads and bytes/op for "parked".
 * Plain C: the .gc programs include it; the translator adds <cgo.h>.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline long size_arg(int argc, char **argv, long def)
{
    if (argc > 1) {
        char *end;
        errno = 0;
        long n = strtol(argv[1], &end, 10);
        if (errno || *end || end == argv[1] || n <= 0) {
            fprintf(stderr, "usage: %s [N>0]\n", argv[0]);
            exit(2);
        }
        return n;
    }
    return def;
}

static inline void report(const char *name, long n, int64_t elapsed_ns)
{
    printf("%s %ld %.2f ns/op\n", name, n, (double)elapsed_ns / (double)n);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static inline void check(bool ok, const char *name, const char *what, ...)
{
    if (!ok) {
        va_list ap;
        fprintf(stderr, "%s: checksum failed: ", name);
        va_start(ap, what);
        vfprintf(stderr, what, ap);
        va_end(ap);
        fputc('\n', stderr);
        exit(1);
    }
}

#endif /* BENCH_COMMON_H */
