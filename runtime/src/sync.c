/*
 * sync.c — cgo_mutex, cgo_rwmutex, cgo_waitgroup, cgo_once, cgo_cond.
 *
 * Each public type is an opaque block of uintptr_t in cgo.h; here it is cast
 * to the *_impl struct below (static_asserts check size and alignment). All
 * of them are valid when zero-filled and must not move while in use.
 *
 * Building block: a semaphore (sema_*) made of a count, an rt_lock and an
 * rt_waitq of waiters living on the waiting goroutine's stack. Invariants:
 *   S1  The count changes only by sema_try (CAS count>0 -> count-1, with or
 *       without the lock) and by sema_release (+1 under the lock, only when no
 *       waiter of that kind is queued).
 *   S2  A release either grants a queued waiter (w->success = true, removed
 *       from the queue under the lock, rt_ready after the lock is released)
 *       or increments the count;
 *       so a waiter that found the count 0 under the lock and queued itself
 *       cannot miss a release. A woken waiter always holds the unit it waited
 *       for (no re-check, no spurious wakeup).
 *   S3  Waiters are FIFO, except a "lifo" waiter (a mutex waiter that was
 *       woken and lost the race, a rwmutex writer) which goes to the front.
 *       Several semaphores may share one lock and queue: aux names the kind.
 *   S4  sema_release adds to the count with the lock held and releases
 *       the lock after; a lock-free sema_try can take that unit before the
 *       release. Its caller then waits until the lock reads free before it
 *       returns: a WaitGroup may be freed or reused as soon as its Wait
 *       returns, and the releaser's unlock must not write to it after that.
 *       (A mutex is not covered: its unlock's slow path reads the state
 *       after the atomic that lets a barging goroutine take it, as Go's.)
 *       (ThreadSanitizer, timer::stop_races_with_fire: the next round's
 *       WaitGroup, at the same stack address, was written while the last
 *       cgo_wg_done still released its lock.)
 *
 * cgo_mutex follows Go's sync.Mutex design (sync/mutex.go), re-derived:
 *   state = LOCKED | WOKEN | STARVING | waiters << WSHIFT
 *   M1  Fast path: CAS 0 -> LOCKED; unlock: atomic sub LOCKED, result 0 done.
 *   M2  Normal mode: a woken waiter competes with newcomers (barging), which
 *       is fast; WOKEN tells unlock not to wake a second waiter while one is
 *       awake and competing.
 *   M3  A waiter that has waited more than 1 ms sets STARVING. In starvation
 *       mode unlock hands the lock directly to the queue head (sema handoff);
 *       newcomers neither take it nor spin but queue at the tail. The head
 *       waiter leaves starvation mode when it is the last waiter or waited
 *       less than 1 ms.
 *   M4  waiters counts goroutines that registered in state and either sit in
 *       the semaphore queue or are about to; unlock decrements it exactly when
 *       it releases the semaphore once.
 *   Unlocking an unlocked mutex is fatal ("sync: unlock of unlocked mutex").
 *
 * cgo_rwmutex follows Go's sync.RWMutex: a writer mutex w, reader_count
 * (readers holding or waiting, minus RW_MAX while a writer is pending or
 * active), reader_wait (readers the pending writer still waits for), a
 * writer semaphore (at most one waiter: the holder of w) and a reader
 * semaphore sharing one lock and queue. A pending writer makes reader_count
 * negative, so new readers queue behind it (writer preference).
 *
 * cgo_waitgroup: state = counter << 32 | waiters; waiters only grow while
 * counter > 0; the Add that brings the counter to 0 resets state to 0 and
 * releases every waiter (Go's design, with its misuse panics).
 *
 * cgo_once: done flag (acquire/release) + a mutex serialising the slow path.
 *
 * cgo_cond: Go's notify list: wait takes ticket = wait++, unlocks the mutex,
 * and parks unless notify has passed its ticket; signal wakes the waiter
 * holding ticket notify++ (if it is not queued yet it will see it passed);
 * broadcast sets notify = wait and wakes everyone queued.
 *
 * Every park uses the parking protocol of rt.h with the object's rt_lock, the
 * wait reason of the Go type and the caller's site; plain threads block in the
 * same rt_park.
 *
 * Lock order and ownership
 *   Each object has one rt_lock (a semaphore's; a rwmutex's reader and
 *   writer semaphores share one), a leaf except for rt_ready (which takes
 *   only sched.lock): no sync lock is held while another sync or channel
 *   lock is taken, and none is held across a park except as the lock
 *   rt_park's unlock function releases. cgo_once holds its cgo_mutex (a
 *   parking lock, not an rt_lock) while fn runs, so fn may block.
 *   The state words (mutex state, rwmutex counts, waitgroup state, once
 *   done, cond wait/notify) are atomics any thread may update; waiter
 *   records (rt_waiter) belong to the waiting goroutine's stack and are
 *   touched by a waker only between dequeuing them under the lock and
 *   rt_ready.
 *   A waiter is woken only by the releaser that dequeued it (S2), once; a
 *   cond waiter only by the signal/broadcast whose ticket covers it.
 */
#include "rt.h"

#include <assert.h>
#include <stdalign.h>
#include <stdint.h>
#include <unistd.h>

#ifndef RT_EXPORT
#define RT_EXPORT __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------ */
/* Semaphores                                                               */

static inline bool sema_try(_Atomic uint32_t *count)
{
    uint32_t c = atomic_load_explicit(count, memory_order_relaxed);
    while (c > 0) {
        if (atomic_compare_exchange_weak_explicit(count, &c, c - 1, memory_order_acquire,
                                                  memory_order_relaxed))
            return true;
    }
    return false;
}

/* S4: a unit taken lock-free may come from a release still holding l. */
static void sema_wait_unlocked(rt_lock *l)
{
    while (atomic_load_explicit(&l->state, memory_order_acquire) != 0)
        rt_cpu_relax();
}

static void sema_acquire(rt_lock *l, _Atomic uint32_t *count, rt_waitq *q, uintptr_t kind,
                         bool lifo, rt_wait_reason reason, const cgo_site *site)
{
    if (sema_try(count)) {
        sema_wait_unlocked(l);
        return;
    }
    rt_waiter w = {0};
    w.g = rt_self();
    w.aux = kind;
    rt_lock_acquire(l);
    if (sema_try(count)) {
        rt_lock_release(l);
        return;
    }
    if (lifo)
        rt_waitq_push_front(q, &w);
    else
        rt_waitq_push(q, &w);
    rt_park(rt_unlock_park_fn, l, reason, site);
    if (RT_UNLIKELY(!w.success))
        rt_fatal("sync: semaphore waiter woken without a grant", site);
}

static rt_waiter *sema_find(rt_waitq *q, uintptr_t kind)
{
    rt_waiter *w = q->first;
    while (w && w->aux != kind)
        w = w->next;
    return w;
}

/* Releases n units of kind: grants queued waiters first, the rest goes to
 * the count. handoff: run the (single) woken waiter next on this worker and
 * yield to it (mutex starvation mode). The granted waiters are readied
 * only after the lock is released, the last one with handoff: a woken
 * waiter may return and free the object at once (S4), so nothing of it
 * (its queue, its lock) may be touched after the first rt_ready. They are
 * chained through their next links meanwhile (dequeued, nobody else reads
 * them), and each one's next and g are read before it is readied. */
static void sema_release(rt_lock *l, _Atomic uint32_t *count, rt_waitq *q, uintptr_t kind,
                         uint32_t n, bool handoff)
{
    rt_waiter *granted = NULL, **tail = &granted;
    rt_lock_acquire(l);
    for (; n > 0; n--) {
        rt_waiter *w = sema_find(q, kind);
        if (!w)
            break;
        rt_waitq_remove(q, w);
        w->success = true;
        *tail = w;
        tail = &w->next;
    }
    if (n > 0)
        atomic_fetch_add_explicit(count, n, memory_order_release);
    rt_lock_release(l);
    bool woke = granted != NULL;
    while (granted) {
        rt_waiter *next = granted->next;
        rt_g *g = granted->g;
        rt_ready(g, next == NULL && handoff);
        granted = next;
    }
    if (woke && handoff && !rt_self()->is_thread)
        cgo_yield();
}

/* ------------------------------------------------------------------------ */
/* Mutex                                                                    */

typedef struct mutex_impl {
    _Atomic uint32_t state;
    _Atomic uint32_t sema;
    rt_lock lock; /* protects q */
    rt_waitq q;
} mutex_impl;

static_assert(sizeof(mutex_impl) <= sizeof(cgo_mutex), "cgo_mutex too small");
static_assert(alignof(mutex_impl) <= alignof(cgo_mutex), "cgo_mutex misaligned");

enum {
    M_LOCKED = 1u,
    M_WOKEN = 2u,
    M_STARVING = 4u,
    M_WSHIFT = 3,
};
#define M_WAITER (1u << M_WSHIFT)
#define M_STARVE_NS (1000 * 1000) /* 1 ms, as Go's starvationThresholdNs */

static int ncpu_cached;

static bool can_spin(int iter)
{
    if (iter >= 4)
        return false;
    int n = __atomic_load_n(&ncpu_cached, __ATOMIC_RELAXED);
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (int)c : 1;
        __atomic_store_n(&ncpu_cached, n, __ATOMIC_RELAXED);
    }
    return n > 1;
}

/* The iter-th spin waits twice as long as the one before (30, 60, 120,
 * 240 pauses; Go waits 30 each time): every look at the state pulls its
 * cache line away from the holder's CPU, and a holder that finds the line
 * still its own can unlock and relock without a transfer. Measured on the
 * mutex benchmark at 2 workers: 24.5 -> 23.2 ns per lock/unlock (8
 * interleaved runs). */
static void spin_a_bit(int iter)
{
    for (int i = 0; i < (30 << iter); i++)
        rt_cpu_relax();
}

static void mutex_lock_slow(mutex_impl *mu, rt_wait_reason reason, const cgo_site *site)
{
    int64_t wait_start = 0;
    bool starving = false; /* this waiter has waited > 1 ms */
    bool awoke = false;    /* this waiter holds the WOKEN flag */
    int iter = 0;
    uint32_t old = atomic_load_explicit(&mu->state, memory_order_relaxed);
    for (;;) {
        /* Spin while the lock is held in normal mode, briefly; claim WOKEN
         * so unlock does not wake another waiter needlessly. */
        if ((old & (M_LOCKED | M_STARVING)) == M_LOCKED && can_spin(iter)) {
            if (!awoke && !(old & M_WOKEN) && (old >> M_WSHIFT) != 0 &&
                atomic_compare_exchange_strong_explicit(&mu->state, &old, old | M_WOKEN,
                                                        memory_order_relaxed,
                                                        memory_order_relaxed))
                awoke = true;
            spin_a_bit(iter);
            iter++;
            old = atomic_load_explicit(&mu->state, memory_order_relaxed);
            continue;
        }
        uint32_t nw = old;
        if (!(old & M_STARVING))
            nw |= M_LOCKED; /* never take a starving mutex: it is handed off */
        if (old & (M_LOCKED | M_STARVING))
            nw += M_WAITER;
        if (starving && (old & M_LOCKED))
            nw |= M_STARVING;
        if (awoke) {
            if (RT_UNLIKELY(!(nw & M_WOKEN)))
                rt_fatal("sync: inconsistent mutex state", site);
            nw &= ~M_WOKEN;
        }
        if (atomic_compare_exchange_weak_explicit(&mu->state, &old, nw, memory_order_acq_rel,
                                                  memory_order_relaxed)) {
            if (!(old & (M_LOCKED | M_STARVING)))
                return; /* locked it */
            bool lifo = wait_start != 0;
            if (!lifo)
                wait_start = cgo_now();
            sema_acquire(&mu->lock, &mu->sema, &mu->q, 0, lifo, reason, site);
            starving = starving || cgo_now() - wait_start > M_STARVE_NS;
            old = atomic_load_explicit(&mu->state, memory_order_acquire);
            if (old & M_STARVING) {
                /* Handed off to us: the lock is ours, state still says
                 * unlocked with us counted as a waiter. */
                if (RT_UNLIKELY((old & (M_LOCKED | M_WOKEN)) || (old >> M_WSHIFT) == 0))
                    rt_fatal("sync: inconsistent mutex state", site);
                uint32_t delta = M_LOCKED - M_WAITER; /* wraps: unsigned */
                if (!starving || (old >> M_WSHIFT) == 1)
                    delta -= M_STARVING; /* leave starvation mode */
                atomic_fetch_add_explicit(&mu->state, delta, memory_order_acq_rel);
                return;
            }
            awoke = true;
            iter = 0;
            old = atomic_load_explicit(&mu->state, memory_order_relaxed);
        }
    }
}

static void mutex_unlock_slow(mutex_impl *mu, uint32_t nw)
{
    if (RT_UNLIKELY(((nw + M_LOCKED) & M_LOCKED) == 0))
        rt_fatal("sync: unlock of unlocked mutex", NULL);
    if (!(nw & M_STARVING)) {
        uint32_t old = nw;
        for (;;) {
            /* No waiters, or someone already locked/woke/starved it: the
             * lock will reach a waiter without us. */
            if ((old >> M_WSHIFT) == 0 || (old & (M_LOCKED | M_WOKEN | M_STARVING)))
                return;
            nw = (old - M_WAITER) | M_WOKEN;
            if (atomic_compare_exchange_weak_explicit(&mu->state, &old, nw, memory_order_release,
                                                      memory_order_relaxed)) {
                sema_release(&mu->lock, &mu->sema, &mu->q, 0, 1, false);
                return;
            }
        }
    } else {
        /* Starvation mode: hand the lock to the head waiter. LOCKED stays
         * clear; the waiter sets it. STARVING keeps newcomers away. */
        sema_release(&mu->lock, &mu->sema, &mu->q, 0, 1, true);
    }
}

static inline void mutex_lock(mutex_impl *mu, rt_wait_reason reason, const cgo_site *site)
{
    uint32_t z = 0;
    if (RT_LIKELY(atomic_compare_exchange_strong_explicit(&mu->state, &z, M_LOCKED,
                                                          memory_order_acquire,
                                                          memory_order_relaxed)))
        return;
    mutex_lock_slow(mu, reason, site);
}

static inline void mutex_unlock(mutex_impl *mu)
{
    uint32_t nw = atomic_fetch_sub_explicit(&mu->state, M_LOCKED, memory_order_release) - M_LOCKED;
    if (RT_UNLIKELY(nw != 0))
        mutex_unlock_slow(mu, nw);
}

static inline bool mutex_trylock(mutex_impl *mu)
{
    uint32_t old = atomic_load_explicit(&mu->state, memory_order_relaxed);
    if (old & (M_LOCKED | M_STARVING))
        return false;
    return atomic_compare_exchange_strong_explicit(&mu->state, &old, old | M_LOCKED,
                                                   memory_order_acquire, memory_order_relaxed);
}

RT_EXPORT void cgo_mutex_lock_at(cgo_mutex *m, const cgo_site *site)
{
    mutex_lock((mutex_impl *)m, RT_WAIT_MUTEX, site);
}

RT_EXPORT void(cgo_mutex_lock)(cgo_mutex *m) { cgo_mutex_lock_at(m, NULL); }

RT_EXPORT bool cgo_mutex_trylock(cgo_mutex *m) { return mutex_trylock((mutex_impl *)m); }

RT_EXPORT void cgo_mutex_unlock(cgo_mutex *m) { mutex_unlock((mutex_impl *)m); }

/* ------------------------------------------------------------------------ */
/* RWMutex                                                                  */

typedef struct rwmutex_impl {
    mutex_impl w;                   /* held by the pending or active writer */
    _Atomic int32_t reader_count;   /* readers; - RW_MAX while a writer is in */
    _Atomic int32_t reader_wait;    /* departing readers the writer waits for */
    rt_lock lock;                   /* protects q */
    _Atomic uint32_t writer_sem;
    _Atomic uint32_t reader_sem;
    rt_waitq q;                     /* writer (kind RW_W) first, then readers */
} rwmutex_impl;

static_assert(sizeof(rwmutex_impl) <= sizeof(cgo_rwmutex), "cgo_rwmutex too small");
static_assert(alignof(rwmutex_impl) <= alignof(cgo_rwmutex), "cgo_rwmutex misaligned");

#define RW_MAX (1 << 30)
enum { RW_R = 1, RW_W = 2 };

RT_EXPORT void cgo_rwmutex_rlock_at(cgo_rwmutex *m, const cgo_site *site)
{
    rwmutex_impl *rw = (rwmutex_impl *)m;
    if (atomic_fetch_add_explicit(&rw->reader_count, 1, memory_order_acquire) + 1 < 0) {
        /* A writer is pending: wait for it. */
        sema_acquire(&rw->lock, &rw->reader_sem, &rw->q, RW_R, false, RT_WAIT_RWMUTEX_R, site);
    }
}

RT_EXPORT void(cgo_rwmutex_rlock)(cgo_rwmutex *m) { cgo_rwmutex_rlock_at(m, NULL); }

RT_EXPORT bool cgo_rwmutex_tryrlock(cgo_rwmutex *m)
{
    rwmutex_impl *rw = (rwmutex_impl *)m;
    int32_t c = atomic_load_explicit(&rw->reader_count, memory_order_relaxed);
    for (;;) {
        if (c < 0)
            return false;
        if (atomic_compare_exchange_weak_explicit(&rw->reader_count, &c, c + 1,
                                                  memory_order_acquire, memory_order_relaxed))
            return true;
    }
}

RT_EXPORT void cgo_rwmutex_runlock(cgo_rwmutex *m)
{
    rwmutex_impl *rw = (rwmutex_impl *)m;
    int32_t r = atomic_fetch_sub_explicit(&rw->reader_count, 1, memory_order_release) - 1;
    if (r < 0) {
        if (RT_UNLIKELY(r + 1 == 0 || r + 1 == -RW_MAX))
            rt_fatal("sync: RUnlock of unlocked RWMutex", NULL);
        /* A writer is pending; the last departing reader lets it in. */
        if (atomic_fetch_sub_explicit(&rw->reader_wait, 1, memory_order_acq_rel) - 1 == 0)
            sema_release(&rw->lock, &rw->writer_sem, &rw->q, RW_W, 1, false);
    }
}

RT_EXPORT void cgo_rwmutex_lock_at(cgo_rwmutex *m, const cgo_site *site)
{
    rwmutex_impl *rw = (rwmutex_impl *)m;
    mutex_lock(&rw->w, RT_WAIT_RWMUTEX_W, site);
    /* Announce the writer: new readers now block. */
    int32_t r = atomic_fetch_sub_explicit(&rw->reader_count, RW_MAX, memory_order_acq_rel);
    if (r != 0 && atomic_fetch_add_explicit(&rw->reader_wait, r, memory_order_acq_rel) + r != 0)
        sema_acquire(&rw->lock, &rw->writer_sem, &rw->q, RW_W, true, RT_WAIT_RWMUTEX_W, site);
}

RT_EXPORT void(cgo_rwmutex_lock)(cgo_rwmutex *m) { cgo_rwmutex_lock_at(m, NULL); }

RT_EXPORT bool cgo_rwmutex_trylock(cgo_rwmutex *m)
{
    rwmutex_impl *rw = (rwmutex_impl *)m;
    if (!mutex_trylock(&rw->w))
        return false;
    int32_t z = 0;
    if (!atomic_compare_exchange_strong_explicit(&rw->reader_count, &z, -RW_MAX,
                                                 memory_order_acquire, memory_order_relaxed)) {
        mutex_unlock(&rw->w);
        return false;
    }
    return true;
}

RT_EXPORT void cgo_rwmutex_unlock(cgo_rwmutex *m)
{
    rwmutex_impl *rw = (rwmutex_impl *)m;
    int32_t r = atomic_fetch_add_explicit(&rw->reader_count, RW_MAX, memory_order_release) + RW_MAX;
    if (RT_UNLIKELY(r >= RW_MAX))
        rt_fatal("sync: Unlock of unlocked RWMutex", NULL);
    /* Let in the readers that queued behind this writer. */
    if (r > 0)
        sema_release(&rw->lock, &rw->reader_sem, &rw->q, RW_R, (uint32_t)r, false);
    mutex_unlock(&rw->w);
}

/* ------------------------------------------------------------------------ */
/* WaitGroup                                                                */

typedef struct wg_impl {
    _Atomic uint64_t state; /* counter << 32 | waiters */
    _Atomic uint32_t sema;
    rt_lock lock;
    rt_waitq q;
} wg_impl;

static_assert(sizeof(wg_impl) <= sizeof(cgo_waitgroup), "cgo_waitgroup too small");
static_assert(alignof(wg_impl) <= alignof(cgo_waitgroup), "cgo_waitgroup misaligned");

RT_EXPORT void cgo_wg_add(cgo_waitgroup *wgp, int delta)
{
    wg_impl *wg = (wg_impl *)wgp;
    uint64_t state = atomic_fetch_add_explicit(&wg->state, (uint64_t)(int64_t)delta << 32,
                                               memory_order_acq_rel) +
                     ((uint64_t)(int64_t)delta << 32);
    int32_t v = (int32_t)(state >> 32);
    uint32_t w = (uint32_t)state;
    if (v < 0)
        rt_panic("sync: negative WaitGroup counter", NULL);
    if (w != 0 && delta > 0 && v == delta)
        rt_panic("sync: WaitGroup misuse: Add called concurrently with Wait", NULL);
    if (v > 0 || w == 0)
        return;
    /* Counter reached 0 with waiters: nobody may change state now (Add
     * concurrent with Wait is misuse, and Wait does not register when it
     * sees counter 0). */
    if (atomic_load_explicit(&wg->state, memory_order_relaxed) != state)
        rt_panic("sync: WaitGroup misuse: Add called concurrently with Wait", NULL);
    atomic_store_explicit(&wg->state, 0, memory_order_relaxed);
    sema_release(&wg->lock, &wg->sema, &wg->q, 0, w, false);
}

RT_EXPORT void cgo_wg_done(cgo_waitgroup *wg) { cgo_wg_add(wg, -1); }

RT_EXPORT void cgo_wg_wait_at(cgo_waitgroup *wgp, const cgo_site *site)
{
    wg_impl *wg = (wg_impl *)wgp;
    uint64_t state = atomic_load_explicit(&wg->state, memory_order_acquire);
    for (;;) {
        if ((int32_t)(state >> 32) == 0)
            return;
        if (atomic_compare_exchange_weak_explicit(&wg->state, &state, state + 1,
                                                  memory_order_acq_rel, memory_order_acquire)) {
            sema_acquire(&wg->lock, &wg->sema, &wg->q, 0, false, RT_WAIT_WAITGROUP, site);
            if (atomic_load_explicit(&wg->state, memory_order_relaxed) != 0)
                rt_panic("sync: WaitGroup is reused before previous Wait has returned", site);
            return;
        }
    }
}

RT_EXPORT void(cgo_wg_wait)(cgo_waitgroup *wg) { cgo_wg_wait_at(wg, NULL); }

/* ------------------------------------------------------------------------ */
/* Once                                                                     */

typedef struct once_impl {
    _Atomic uint32_t done;
    mutex_impl m;
} once_impl;

static_assert(sizeof(once_impl) <= sizeof(cgo_once), "cgo_once too small");
static_assert(alignof(once_impl) <= alignof(cgo_once), "cgo_once misaligned");

RT_EXPORT void cgo_once_do_at(cgo_once *op, void (*fn)(void *arg), void *arg,
                               const cgo_site *site)
{
    once_impl *o = (once_impl *)op;
    if (RT_LIKELY(atomic_load_explicit(&o->done, memory_order_acquire)))
        return;
    mutex_lock(&o->m, RT_WAIT_ONCE, site);
    if (!atomic_load_explicit(&o->done, memory_order_relaxed)) {
        fn(arg);
        atomic_store_explicit(&o->done, 1, memory_order_release);
    }
    mutex_unlock(&o->m);
}

RT_EXPORT void(cgo_once_do)(cgo_once *o, void (*fn)(void *arg), void *arg)
{
    cgo_once_do_at(o, fn, arg, NULL);
}

/* ------------------------------------------------------------------------ */
/* Cond                                                                     */

typedef struct cond_impl {
    rt_lock lock;              /* protects q; orders notify updates */
    _Atomic uint32_t wait;     /* next ticket to hand out */
    _Atomic uint32_t notify;   /* next ticket to wake */
    rt_waitq q;                /* waiters, aux = ticket */
} cond_impl;

static_assert(sizeof(cond_impl) <= sizeof(cgo_cond), "cgo_cond too small");
static_assert(alignof(cond_impl) <= alignof(cgo_cond), "cgo_cond misaligned");

static inline bool ticket_less(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }

RT_EXPORT void cgo_cond_wait_at(cgo_cond *cp, cgo_mutex *m, const cgo_site *site)
{
    cond_impl *c = (cond_impl *)cp;
    uint32_t t = atomic_fetch_add_explicit(&c->wait, 1, memory_order_acq_rel);
    cgo_mutex_unlock(m);
    rt_lock_acquire(&c->lock);
    if (ticket_less(t, atomic_load_explicit(&c->notify, memory_order_relaxed))) {
        rt_lock_release(&c->lock); /* signalled before we queued */
    } else {
        rt_waiter w = {0};
        w.g = rt_self();
        w.aux = t;
        rt_waitq_push(&c->q, &w);
        rt_park(rt_unlock_park_fn, &c->lock, RT_WAIT_COND, site);
        if (RT_UNLIKELY(!w.success))
            rt_fatal("sync: cond waiter woken without a signal", site);
    }
    cgo_mutex_lock_at(m, site);
}

RT_EXPORT void(cgo_cond_wait)(cgo_cond *c, cgo_mutex *m) { cgo_cond_wait_at(c, m, NULL); }

RT_EXPORT void cgo_cond_signal(cgo_cond *cp)
{
    cond_impl *c = (cond_impl *)cp;
    if (atomic_load_explicit(&c->wait, memory_order_acquire) ==
        atomic_load_explicit(&c->notify, memory_order_acquire))
        return; /* nobody waits */
    rt_lock_acquire(&c->lock);
    uint32_t t = atomic_load_explicit(&c->notify, memory_order_relaxed);
    if (t == atomic_load_explicit(&c->wait, memory_order_acquire)) {
        rt_lock_release(&c->lock);
        return;
    }
    atomic_store_explicit(&c->notify, t + 1, memory_order_release);
    rt_g *g = NULL;
    for (rt_waiter *w = c->q.first; w; w = w->next) {
        if ((uint32_t)w->aux == t) {
            rt_waitq_remove(&c->q, w);
            w->success = true;
            g = w->g;
            break;
        }
    }
    rt_lock_release(&c->lock);
    if (g)
        rt_ready(g, false);
}

RT_EXPORT void cgo_cond_broadcast(cgo_cond *cp)
{
    cond_impl *c = (cond_impl *)cp;
    if (atomic_load_explicit(&c->wait, memory_order_acquire) ==
        atomic_load_explicit(&c->notify, memory_order_acquire))
        return;
    rt_lock_acquire(&c->lock);
    atomic_store_explicit(&c->notify, atomic_load_explicit(&c->wait, memory_order_acquire),
                          memory_order_release);
    /* Readied after the release, as in sema_release: a woken waiter may
     * free the cond once it returns. */
    rt_waiter *woken = c->q.first, *w;
    for (w = woken; w; w = w->next)
        w->success = true;
    c->q.first = c->q.last = NULL;
    rt_lock_release(&c->lock);
    while ((w = woken) != NULL) {
        woken = w->next;
        rt_ready(w->g, false);
    }
}
