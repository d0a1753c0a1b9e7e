/*
 * rt_test.h — helpers for the scheduler/stack/panic tests (not a test file
 * itself: only tests/runtime/test_*.c are test executables).
 *
 * Criterion runs every Test in its own forked process on a plain thread, so
 * tests use the runtime from outside goroutines: they spawn goroutines and
 * wait for them with test_wait_count(), a futex on an atomic counter that
 * goroutines bump with test_count().
 *
 * Scale: tests that create very many goroutines multiply their counts by
 * test_scale(): 1 normally, CGO_TEST_SCALE (a float, e.g. 0.01) if set,
 * else 0.001 with CGO_TEST_SMALL=1, 0.01 under AddressSanitizer, 0.002 under ThreadSanitizer (TSan
 * counts every goroutine's fiber as a thread and dies beyond 8128 of them
 * alive at once) and 0.001 under valgrind (their per-goroutine shadow
 * state and slowdown make 1,000,000 goroutines impractical there).
 *
 * run_child() and expect_death() (death tests in a forked child) come from
 * child_test.h, shared with the public-API tests.
 */
#ifndef CGO_RT_TEST_H
#define CGO_RT_TEST_H

#include "../../runtime/src/rt.h"
#include "../../runtime/src/rt_sched.h"

#include "child_test.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef CGO_HAVE_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

static inline double test_scale(void)
{
    const char *s = getenv("CGO_TEST_SCALE");
    if (s && *s)
        return atof(s);
    s = getenv("CGO_TEST_SMALL"); /* the valgrind ctest entries set it */
    if (s && *s == '1')
        return 0.001;
#ifdef RUNNING_ON_VALGRIND
    if (RUNNING_ON_VALGRIND)
        return 0.001;
#endif
#if RT_TSAN
    return 0.002;
#elif RT_ASAN
    return 0.01;
#else
    return 1.0;
#endif
}

static inline long test_scaled(long n, long min)
{
    long v = (long)((double)n * test_scale());
    return v < min ? min : v;
}

/* The process's resident set size in KiB (0 if /proc is unreadable). */
static inline long test_rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    return rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static inline int64_t test_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Goroutines count; plain threads wait (futex, no busy loop). */
static inline void test_count(_Atomic uint32_t *c)
{
    atomic_fetch_add_explicit(c, 1, memory_order_release);
    rt_futex_wake(c, 1 << 30);
}

/* Waits until *c >= target; false after timeout_s seconds. */
static inline bool test_wait_count(_Atomic uint32_t *c, uint32_t target, int timeout_s)
{
    int64_t end = test_now() + (int64_t)timeout_s * 1000000000;
    for (;;) {
        uint32_t v = atomic_load_explicit(c, memory_order_acquire);
        if (v >= target)
            return true;
        int64_t left = end - test_now();
        if (left <= 0)
            return false;
        rt_futex_wait(c, v, left < 100000000 ? left : 100000000);
    }
}

/* Parks the calling goroutine/thread until test_wake(); used to build
 * parked goroutines without the channel module. */
typedef struct test_parker {
    rt_lock lock;
    rt_g *g;
    bool woken;
} test_parker;

static inline bool test_parker_unlock(rt_g *g, void *arg)
{
    (void)g;
    rt_lock_release(&((test_parker *)arg)->lock);
    return true;
}

static inline void test_park(test_parker *p, rt_wait_reason reason, const cgo_site *site)
{
    rt_lock_acquire(&p->lock);
    if (p->woken) {
        rt_lock_release(&p->lock);
        return;
    }
    p->g = rt_self();
    rt_park(test_parker_unlock, p, reason, site);
}

/* Wakes the parker if it is parked (or makes its park return at once). */
static inline void test_wake(test_parker *p, bool run_next)
{
    rt_lock_acquire(&p->lock);
    p->woken = true;
    rt_g *g = p->g;
    p->g = NULL;
    rt_lock_release(&p->lock);
    if (g)
        rt_ready(g, run_next);
}

/* True once the parker's goroutine has parked. */
static inline bool test_parked(test_parker *p)
{
    rt_lock_acquire(&p->lock);
    bool r = p->g != NULL;
    rt_lock_release(&p->lock);
    return r;
}

#endif /* CGO_RT_TEST_H */
