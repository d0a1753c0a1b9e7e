/*
 * chan_test.h — helpers shared by test_chan*.c and test_select.c (not a
 * test file itself). Builds on rt_test.h (scale, counters, run_child).
 *
 * Tests run on a plain Criterion thread; goroutines are started with
 * cgo_go and plain threads with pthread_create, and both use the same
 * channel API.
 */
#ifndef CGO_CHAN_TEST_H
#define CGO_CHAN_TEST_H

#include "rt_test.h"
#include "../../runtime/src/chan.h"

#include <pthread.h>
#include <stdint.h>

/* Number of waiters queued on c (both queues), read under its lock. */
static inline int test_chan_waiters(cgo_chan *c)
{
    int n = 0;
    rt_lock_acquire(&c->lock);
    for (rt_waiter *w = c->recvq.first; w; w = w->next)
        n++;
    for (rt_waiter *w = c->sendq.first; w; w = w->next)
        n++;
    rt_lock_release(&c->lock);
    return n;
}

/* Waits (up to 30 s) until at least n waiters are queued on c. */
static inline bool test_chan_wait_waiters(cgo_chan *c, int n)
{
    int64_t end = test_now() + 30 * (int64_t)1000000000;
    while (test_chan_waiters(c) < n) {
        if (test_now() > end)
            return false;
        usleep(200);
    }
    return true;
}

/* Starts n plain threads running fn(arg + i * stride) and joins them. */
typedef struct test_threads {
    pthread_t t[64];
    int n;
} test_threads;

static inline void test_threads_start(test_threads *ts, int n, void *(*fn)(void *), void *arg,
                                      size_t stride)
{
    cr_assert(n <= 64);
    ts->n = n;
    for (int i = 0; i < n; i++)
        cr_assert_eq(pthread_create(&ts->t[i], NULL, fn, (char *)arg + (size_t)i * stride), 0);
}

static inline void test_threads_join(test_threads *ts)
{
    for (int i = 0; i < ts->n; i++)
        pthread_join(ts->t[i], NULL);
}

/* Sleeps the calling plain thread for ms milliseconds. */
static inline void test_msleep(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
}

#endif /* CGO_CHAN_TEST_H */
