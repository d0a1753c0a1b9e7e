/*
 * lock.c — rt_lock (spin, then sleep on a futex) and the futex wrappers.
 *
 * rt_lock: state 0 unlocked / 1 locked, plus sleeper counts in a global
 * table indexed by a hash of the lock's address (rt_lock_sleepers_of), so
 * that the release is a plain store and a plain load (a locked exchange,
 * as in Drepper's three-state futex mutex, costs ~5.6 ns on the benchmark
 * machine, and a channel handoff releases two locks). The counts are not
 * in the lock because after its release store the unlocker must not touch
 * the lock's memory: the next holder may free it (a channel freed right
 * after its close; ThreadSanitizer caught a first version that read a
 * count in the lock after the store). Locks that share a bucket only cost
 * each other a futex wake with nobody to wake.
 * Invariants:
 *  - A waiter sleeps in FUTEX_WAIT(state, 1) only after it has counted
 *    itself in its bucket and (with rt_membarrier_ok) called membarrier;
 *    it leaves the count only once it holds the lock.
 *  - No lost wake-up. The unlocker stores state = 0 and then loads the
 *    bucket; the waiter increments the bucket and then looks at state (CAS,
 *    or the kernel's check in FUTEX_WAIT). Store-then-load on both sides
 *    needs a full barrier on both: the waiter's membarrier makes every
 *    other running thread pass one at some point P. An unlocker whose load
 *    came before its P had its store before P too, so the waiter (after
 *    membarrier returns) sees state 0 or a later holder's 1; an unlocker
 *    whose load came after P sees the count. One membarrier per slow path
 *    suffices: every unlock that starts after it sees the count, which
 *    stays non-zero until the waiter holds the lock. Without membarrier
 *    (valgrind, old kernels) the release is an exchange and every access
 *    in the pair is seq_cst.
 *  - An unlock that sees a non-zero bucket wakes one; a woken waiter that
 *    loses the race for the lock sleeps again (spurious wake-ups are
 *    harmless).
 *  - Acquire = acquire ordering on the successful CAS; release = release
 *    ordering on the store (or exchange) of 0. These are the happens-before
 *    edges ThreadSanitizer sees (it knows neither futex nor membarrier).
 *  - Spinning is bounded (RT_LOCK_SPIN looks at the lock) and skipped on a
 *    single CPU, where the holder cannot run while we spin. Between two
 *    looks a waiter pauses for exponentially longer (1, 2, 4, ... up to
 *    RT_LOCK_BACKOFF_MAX CPU pause hints): every look pulls the lock's cache
 *    line (and the channel fields that share it) away from the holder, so
 *    a waiter polling every pause made each critical section of a contended
 *    channel pay two cache misses. Backing off lets the holder's CPU run
 *    several operations in a row on a line it keeps (mpmc at 2 workers:
 *    145 -> 70 ns per item). Worst case before sleeping: about 21,500
 *    pauses, ~0.4 ms on a CPU whose pause takes 18 ns.
 *  - The uncontended acquire (one CAS) and release (one exchange) are
 *    inline in rt.h; only contention reaches this file.
 *  - Locks are held only for short, non-blocking critical sections; never
 *    across rt_park except as the lock its unlock_fn releases. The lock is
 *    per thread, not per goroutine: a goroutine must not switch out while
 *    holding one (rt_park releases it on the scheduler stack instead).
 *
 * The futex words are process-private (FUTEX_*_PRIVATE): the runtime never
 * shares its memory between processes.
 */
#include "rt.h"
#include "rt_sched.h"

#include <errno.h>
#include <signal.h>
#include <linux/futex.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifdef CGO_HAVE_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#define RT_LOCK_SPIN 30           /* looks at a held lock before sleeping */
#define RT_LOCK_BACKOFF_MAX 1024  /* most pauses between two looks */

bool rt_membarrier_ok;
_Atomic uint32_t rt_lock_sleepers[RT_LOCK_SLEEPER_BUCKETS];

/* Before main (and before any thread can use a lock): rt_membarrier_ok
 * never changes while locks are in use. Not under valgrind, which
 * serialises threads anyway and may not know the call. */
__attribute__((constructor)) static void lock_init_membarrier(void)
{
#ifdef CGO_HAVE_VALGRIND_H
    if (RUNNING_ON_VALGRIND)
        return;
#endif
    rt_membarrier_ok =
        syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}

void rt_membarrier(void)
{
    if (syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0)
        rt_fatal("membarrier failed after registration", NULL);
}

static int lock_ncpu(void)
{
    static _Atomic int ncpu;
    int n = atomic_load_explicit(&ncpu, memory_order_relaxed);
    if (RT_UNLIKELY(n == 0)) {
        long v = sysconf(_SC_NPROCESSORS_ONLN);
        n = v > 0 ? (int)v : 1;
        atomic_store_explicit(&ncpu, n, memory_order_relaxed);
    }
    return n;
}

/* Under ThreadSanitizer an asynchronous signal (SIGQUIT from kill(1) or
 * another thread) that arrives while a thread sleeps in a raw futex syscall
 * is only queued by TSan's handler: TSan runs the user's handler later, when
 * that thread next passes through an intercepted libc function, and the
 * futex itself (SA_RESTART) does not return. A thread idle in an unbounded
 * FUTEX_WAIT would sit on the signal forever (test_panic's
 * sigquit_dumps_goroutines hung). So under TSan waits are bounded by
 * RT_TSAN_WAIT_NS and every wait ends with an intercepted call
 * (sigpending), which delivers pending signals. Callers already loop and
 * treat early returns as spurious wake-ups. */
#if RT_TSAN
#define RT_TSAN_WAIT_NS 20000000
#endif

void rt_futex_wait(_Atomic uint32_t *addr, uint32_t expected, int64_t timeout_ns)
{
#if RT_TSAN
    if (timeout_ns < 0 || timeout_ns > RT_TSAN_WAIT_NS)
        timeout_ns = RT_TSAN_WAIT_NS;
#endif
    struct timespec ts, *tsp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000);
        ts.tv_nsec = (long)(timeout_ns % 1000000000);
        tsp = &ts;
    }
    /* EINTR, EAGAIN (value changed) and ETIMEDOUT all just return: the
     * callers re-check their condition in a loop. */
    syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT_PRIVATE, expected, tsp, NULL, 0);
#if RT_TSAN
    sigset_t pending;
    sigpending(&pending);
#endif
}

void rt_futex_wake(_Atomic uint32_t *addr, int count)
{
    syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}

bool rt_lock_try(rt_lock *l)
{
    uint32_t c = 0;
    return atomic_compare_exchange_strong_explicit(&l->state, &c, 1, memory_order_acquire,
                                                   memory_order_relaxed);
}

/* The CAS 0 -> 1 in rt_lock_acquire (rt.h) failed. */
void rt_lock_acquire_slow(rt_lock *l)
{
    uint32_t c;
    if (lock_ncpu() > 1) {
        unsigned delay = 1;
        for (int i = 0; i < RT_LOCK_SPIN; i++) {
            for (unsigned k = 0; k < delay; k++)
                rt_cpu_relax();
            if (delay < RT_LOCK_BACKOFF_MAX)
                delay *= 2;
            c = atomic_load_explicit(&l->state, memory_order_relaxed);
            if (c == 0 && atomic_compare_exchange_weak_explicit(
                              &l->state, &c, 1, memory_order_acquire, memory_order_relaxed))
                return;
        }
    }
    /* Count ourselves as a sleeper, then sleep until we take it from 0. */
    _Atomic uint32_t *sleepers = rt_lock_sleepers_of(l);
    atomic_fetch_add_explicit(sleepers, 1, memory_order_seq_cst);
    if (rt_membarrier_ok)
        rt_membarrier();
    for (;;) {
        c = 0;
        if (atomic_compare_exchange_strong_explicit(&l->state, &c, 1, memory_order_seq_cst,
                                                    memory_order_seq_cst))
            break;
        rt_futex_wait(&l->state, 1, -1);
    }
    atomic_fetch_sub_explicit(sleepers, 1, memory_order_relaxed);
}

/* rt_lock_release (rt.h) saw sleepers in l's bucket: wake one (l is only
 * a futex key here: it may have been freed). */
void rt_lock_wake(rt_lock *l)
{
    rt_futex_wake(&l->state, 1);
}

bool rt_unlock_park_fn(rt_g *g, void *lock)
{
    (void)g;
    rt_lock_release((rt_lock *)lock);
    return true;
}
