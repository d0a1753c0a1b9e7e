/*
 * api_test.h — the harness shared by the public-API tests (test_sync.c,
 * test_time.c): sanitizer/valgrind detection, the slow-down factor for
 * timing bounds and the work scale; death tests come from child_test.h.
 * (rt_test.h is the white-box counterpart for scheduler/stack/panic tests.)
 */
#ifndef CGO_API_TEST_H
#define CGO_API_TEST_H

#include <cgo.h>

#include "child_test.h"

#include <criterion/criterion.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* Factor for timing bounds: sanitizers and valgrind are slower. */
static inline int64_t slow_factor(void)
{
    if (RUNNING_ON_VALGRIND)
        return 20;
    return SANITIZED ? 5 : 1;
}

/* Work scale (as rt_test.h's test_scale): CGO_TEST_SCALE (a factor, e.g.
 * 0.01) if set; CGO_TEST_SMALL=1 (the valgrind ctest) or valgrind: 0.01;
 * sanitizers: 0.1; else 1. */
static inline double scale(void)
{
    const char *s = getenv("CGO_TEST_SCALE");
    if (s && *s && atof(s) > 0)
        return atof(s);
    s = getenv("CGO_TEST_SMALL");
    if ((s && *s == '1') || RUNNING_ON_VALGRIND)
        return 0.01;
    return SANITIZED ? 0.1 : 1.0;
}
static inline int scaled(int n)
{
    int r = (int)(n * scale());
    return r > 0 ? r : 1;
}

#endif /* CGO_API_TEST_H */
