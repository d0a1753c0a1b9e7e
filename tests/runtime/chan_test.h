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
#include <stdatomic.h>
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

/* ---- Stress harness: producers x consumers with a checksum ------------- */

/* What each producer and consumer of a stress run gets. Producer id sends
 * stress_value(a, 0 .. n-1); consumers add what they receive up with
 * stress_consumed. */
typedef struct stress_arg {
    void (*fn)(void *arg);  /* the producer or consumer body */
    cgo_chan *ch[3];        /* the run's channels (unused ones NULL) */
    int id, n;
    _Atomic uint64_t *sum, *count;
    _Atomic uint32_t *done;
} stress_arg;

static inline uint64_t stress_value(const stress_arg *a, int i)
{
    return (uint64_t)a->id * (uint64_t)a->n + (uint64_t)i + 1;
}

static inline void stress_consumed(stress_arg *a, uint64_t sum, uint64_t count)
{
    atomic_fetch_add(a->sum, sum);
    atomic_fetch_add(a->count, count);
    test_count(a->done);
}

static inline void *stress_thread(void *p)
{
    stress_arg *a = p;
    a->fn(a);
    return NULL;
}

/* Runs np producers and nc consumers on the nch channels in ch: the first
 * pthreads producers and cthreads consumers are plain threads, the others
 * goroutines. Once every producer is done it closes the channels, waits for
 * the consumers and checks that they received each of the np * per values
 * exactly once (count and sum). The caller makes and frees the channels. */
static inline void stress_run(cgo_chan **ch, int nch, void (*producer)(void *),
                              void (*consumer)(void *), int np, int nc, int pthreads,
                              int cthreads, int per)
{
    static _Atomic uint64_t sum, count;
    static _Atomic uint32_t pdone, cdone;
    static stress_arg pa[64], ca[64];
    cr_assert(np <= 64 && nc <= 64 && nch <= 3);
    atomic_store(&sum, 0);
    atomic_store(&count, 0);
    atomic_store(&pdone, 0);
    atomic_store(&cdone, 0);
    for (int i = 0; i < np + nc; i++) {
        bool prod = i < np;
        stress_arg *a = prod ? &pa[i] : &ca[i - np];
        *a = (stress_arg){prod ? producer : consumer, {NULL, NULL, NULL}, prod ? i : i - np,
                          per, &sum, &count, prod ? &pdone : &cdone};
        for (int k = 0; k < nch; k++)
            a->ch[k] = ch[k];
    }
    test_threads pt, ct;
    for (int i = cthreads; i < nc; i++)
        cgo_go(consumer, &ca[i], sizeof ca[i]);
    test_threads_start(&ct, cthreads, stress_thread, ca, sizeof ca[0]);
    for (int i = pthreads; i < np; i++)
        cgo_go(producer, &pa[i], sizeof pa[i]);
    test_threads_start(&pt, pthreads, stress_thread, pa, sizeof pa[0]);
    cr_assert(test_wait_count(&pdone, (uint32_t)np, 120), "producers: %u of %d", pdone, np);
    test_threads_join(&pt);
    for (int k = 0; k < nch; k++)
        cgo_chan_close(ch[k]);
    cr_assert(test_wait_count(&cdone, (uint32_t)nc, 120), "consumers: %u of %d", cdone, nc);
    test_threads_join(&ct);
    uint64_t total = (uint64_t)np * (uint64_t)per;
    cr_assert_eq(count, total);
    cr_assert_eq(sum, total * (total + 1) / 2);
}

#endif /* CGO_CHAN_TEST_H */
