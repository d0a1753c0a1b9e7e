/*
 * test_lock.c — rt_lock, the runtime's internal lock: mutual exclusion and
 * no lost wake-ups when waiters sleep on the futex.
 *
 * The release is a plain store and a plain load of the sleeper count of the
 * lock's bucket (the waiter's membarrier supplies the barrier; lock.c), or
 * an exchange without membarrier (under valgrind this suite runs that
 * path). A lost wake-up leaves a waiter asleep with the lock free: the
 * test then hangs and fails on its timeout. (A lock freed right after its
 * release is test_chan's free_right_after_wakeup, under the sanitizers.)
 */
#define _GNU_SOURCE
#include "rt_test.h"

#include <pthread.h>

#define LOCK_THREADS 4

static rt_lock the_lock;
static uint64_t guarded; /* only touched under the_lock */

static void *hammer(void *arg)
{
    long iters = *(long *)arg;
    for (long i = 0; i < iters; i++) {
        rt_lock_acquire(&the_lock);
        guarded++;
        /* now and then hold it long enough for the others to stop
         * spinning (RT_LOCK_SPIN looks, ~0.4 ms) and sleep again */
        if (i % 16 == 0) {
            int64_t end = test_now() + 1000000;
            while (test_now() < end)
                ;
        }
        rt_lock_release(&the_lock);
    }
    return NULL;
}

Test(lock, exclusive_and_no_lost_wakeup_when_waiters_sleep, .timeout = 120)
{
    long iters = test_scaled(1600, 160);
    pthread_t t[LOCK_THREADS];
    /* Hold the lock until every thread sleeps on it, so that the release
     * has to wake them (and each later release the next one). */
    rt_lock_acquire(&the_lock);
    for (int i = 0; i < LOCK_THREADS; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, hammer, &iters), 0);
    int64_t give_up = test_now() + 60 * (int64_t)1000000000;
    while (atomic_load(rt_lock_sleepers_of(&the_lock)) < LOCK_THREADS && test_now() < give_up)
        usleep(1000);
    cr_assert_eq(atomic_load(rt_lock_sleepers_of(&the_lock)), LOCK_THREADS, "the waiters never slept");
    rt_lock_release(&the_lock);
    for (int i = 0; i < LOCK_THREADS; i++)
        pthread_join(t[i], NULL);
    cr_assert_eq(guarded, (uint64_t)iters * LOCK_THREADS);
    cr_assert_eq(atomic_load(rt_lock_sleepers_of(&the_lock)), 0);
    cr_assert_eq(atomic_load(&the_lock.state), 0);
}

static rt_lock short_lock;
static uint64_t short_guarded;

static void *hammer_short(void *arg)
{
    long iters = *(long *)arg;
    for (long i = 0; i < iters; i++) {
        rt_lock_acquire(&short_lock);
        short_guarded++;
        rt_lock_release(&short_lock);
    }
    return NULL;
}

/* Short critical sections from more threads than CPUs: waiters come and go
 * between spinning and sleeping all the time. */
Test(lock, exclusive_under_short_contended_sections, .timeout = 120)
{
    long iters = test_scaled(200000, 5000);
    pthread_t t[LOCK_THREADS];
    for (int i = 0; i < LOCK_THREADS; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, hammer_short, &iters), 0);
    for (int i = 0; i < LOCK_THREADS; i++)
        pthread_join(t[i], NULL);
    cr_assert_eq(short_guarded, (uint64_t)iters * LOCK_THREADS);
    cr_assert_eq(atomic_load(rt_lock_sleepers_of(&short_lock)), 0);
}
