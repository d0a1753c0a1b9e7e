/*
 * time.c — the monotonic clock, the runtime's timer heap, and sleep.
 * (time_chan.c builds cgo_after, timers, tickers and cgo_after_func on the
 * rt_timer interface of time_internal.h.)
 *
 * Design
 *   One global 4-ary min-heap of (when, rt_timer *) under heap.lock (an
 *   rt_lock). Add, remove and re-arm are O(log n); the heap array grows and
 *   shrinks geometrically, so a timer needs no allocation of its own to be in
 *   the heap. A sleep's rt_timer lives on the sleeping goroutine's (or
 *   thread's) stack: cgo_sleep allocates nothing.
 *
 *   Timers run in rt_timers_run(now), which sched.c calls on a worker's
 *   scheduler stack (idle workers sleep until the earliest deadline, busy ones
 *   poll). A lock-free fast path (heap.next, an atomic copy of the earliest
 *   deadline) makes the poll cheap when nothing is due.
 *
 * Invariants
 *   T1  A timer is in the heap iff t->idx >= 0, and then (except for a sleep
 *       timer, whose idx is 0 wherever it is: see heap_ent) heap.v[t->idx]
 *       holds t and t->when. when/period/idx change only under heap.lock.
 *   T2  heap.next == heap.v[0].when if the heap is non-empty, else -1, and
 *       heap.count == heap.n; both are stored under heap.lock and read
 *       lock-free.
 *   T3  A timer with a fire callback fires with heap.lock held, so
 *       rt_timer_disarm/rt_timer_arm (which take heap.lock) never overlap its
 *       callback: when cgo_timer_stop returns, the callback has completed or
 *       will not run. That is Go 1.19's semantics (deltimer waits for a
 *       running timer). A one-shot timer leaves the heap before its callback
 *       runs; a periodic one is re-armed (next multiple of period after now,
 *       missed ticks skipped) before.
 *   T4  Callbacks never block and never touch the heap: they
 *       cgo_chan_trysend_at on a cap-1 channel (a full channel drops the
 *       value) or rt_spawn. Lock order: heap.lock -> channel lock -> scheduler.
 *   T5  rt_timers_changed(when) is called, after heap.lock is released,
 *       whenever an add makes `when` the earliest deadline.
 *   T6  A sleep timer (fire == NULL) is removed under heap.lock and its g is
 *       readied after heap.lock is released, in batches; the runner touches
 *       the timer only before that (afterwards the sleeper's stack may be
 *       gone). Nothing else ever removes a sleep timer, so when the sleeper
 *       resumes its timer is out of the heap (checked).
 *   T7  One runner at a time: rt_timers_run claims heap.running and keeps
 *       going until nothing is due or it has run its caller's max (as
 *       many as the caller's run queue has room for); a worker that finds it claimed returns
 *       heap.next at once (never later than the earliest deadline) instead
 *       of queueing on heap.lock behind the batch being run.
 */
#include "time_internal.h"

#include <stdlib.h>
#include <time.h>

RT_EXPORT int64_t cgo_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t rt_time_deadline(cgo_duration d)
{
    int64_t now = cgo_now();
    if (d <= 0)
        return now;
    int64_t w;
    if (__builtin_add_overflow(now, d, &w))
        return INT64_MAX;
    return w;
}

/* ------------------------------------------------------------------------ */
/* The heap                                                                 */

/* An entry: the deadline, and the timer with HEAP_SLEEP in its low bit
 * for a sleep timer. A sleep timer's idx is not kept up to date (it is 0
 * while in the heap, -1 once the runner has taken it out and readies its
 * sleeper): it is only ever removed from the top, by its entry alone, so
 * neither moving nor removing it writes into the sleeper's stack (a cache
 * and TLB miss for each entry) under heap.lock. */
typedef struct heap_ent {
    int64_t when;
    uintptr_t t;
} heap_ent;

#define HEAP_SLEEP ((uintptr_t)1)

static inline rt_timer *ent_timer(heap_ent e) { return (rt_timer *)(e.t & ~HEAP_SLEEP); }

static struct {
    rt_lock lock;
    heap_ent *v;
    size_t n, cap;
    _Atomic int64_t next;  /* T2: earliest deadline or -1 */
    _Atomic int64_t count; /* T2: heap.n */
    _Atomic bool running;  /* T7: a worker is in rt_timers_run's loop */
} heap = {.next = -1};

#define HEAP_MIN_CAP 64

static inline void heap_set(size_t i, heap_ent e)
{
    heap.v[i] = e;
    if (!(e.t & HEAP_SLEEP))
        ent_timer(e)->idx = (ptrdiff_t)i;
}

static void sift_up(size_t i)
{
    heap_ent e = heap.v[i];
    while (i > 0) {
        size_t p = (i - 1) / 4;
        if (heap.v[p].when <= e.when)
            break;
        heap_set(i, heap.v[p]);
        i = p;
    }
    heap_set(i, e);
}

static void sift_down(size_t i)
{
    heap_ent e = heap.v[i];
    size_t n = heap.n;
    for (;;) {
        size_t c = 4 * i + 1;
        if (c >= n)
            break;
        size_t best = c;
        size_t end = c + 4 < n ? c + 4 : n;
        for (size_t k = c + 1; k < end; k++)
            if (heap.v[k].when < heap.v[best].when)
                best = k;
        if (e.when <= heap.v[best].when)
            break;
        heap_set(i, heap.v[best]);
        i = best;
    }
    heap_set(i, e);
}

static void heap_publish(void)
{
    atomic_store_explicit(&heap.count, (int64_t)heap.n, memory_order_release);
    atomic_store_explicit(&heap.next, heap.n ? heap.v[0].when : -1, memory_order_release);
}

/* Adds t at when; returns true if it became the earliest. heap.lock held. */
static bool heap_add(rt_timer *t, int64_t when)
{
    if (heap.n == heap.cap) {
        size_t ncap = heap.cap ? heap.cap * 2 : HEAP_MIN_CAP;
        heap_ent *nv = realloc(heap.v, ncap * sizeof *nv);
        if (!nv)
            rt_fatal("out of memory allocating the timer heap", NULL);
        heap.v = nv;
        heap.cap = ncap;
    }
    t->when = when;
    uintptr_t tag = t->fire ? 0 : HEAP_SLEEP;
    heap.v[heap.n] = (heap_ent){when, (uintptr_t)t | tag};
    t->idx = tag ? 0 : (ptrdiff_t)heap.n;
    heap.n++;
    sift_up(heap.n - 1);
    heap_publish();
    return heap.v[0].t == ((uintptr_t)t | tag);
}

/* Removes the entry at i without touching its timer. heap.lock held. */
static void heap_remove_index(size_t i)
{
    size_t last = heap.n - 1;
    heap.n = last;
    if (i != last) {
        heap_ent moved = heap.v[last];
        heap_set(i, moved);
        if (i > 0 && moved.when < heap.v[(i - 1) / 4].when)
            sift_up(i);
        else
            sift_down(i);
    }
    if (heap.cap > HEAP_MIN_CAP && heap.n < heap.cap / 4) {
        size_t ncap = heap.cap / 2;
        heap_ent *nv = realloc(heap.v, ncap * sizeof *nv);
        if (nv) {
            heap.v = nv;
            heap.cap = ncap;
        }
    }
    heap_publish();
}

/* Removes t (which is in the heap, and not a sleep). heap.lock held. */
static void heap_remove(rt_timer *t)
{
    size_t i = (size_t)t->idx;
    t->idx = -1;
    heap_remove_index(i);
}

bool rt_timer_arm(rt_timer *t, int64_t when, int64_t period)
{
    rt_lock_acquire(&heap.lock);
    t->period = period;
    bool was = t->idx >= 0;
    if (was)
        heap_remove(t);
    bool first = heap_add(t, when);
    rt_lock_release(&heap.lock);
    if (first)
        rt_timers_changed(when);
    return was;
}

bool rt_timer_disarm(rt_timer *t)
{
    rt_lock_acquire(&heap.lock);
    bool was = t->idx >= 0;
    if (was)
        heap_remove(t);
    rt_lock_release(&heap.lock);
    return was;
}

/* ------------------------------------------------------------------------ */
/* Running timers (sched.c calls these)                                     */

#define READY_BATCH 64

int64_t rt_timers_run(int64_t now, size_t max)
{
    int64_t next = atomic_load_explicit(&heap.next, memory_order_acquire);
    if (next < 0 || next > now)
        return next; /* nothing due: no lock */

    if (atomic_exchange_explicit(&heap.running, true, memory_order_acquire))
        return atomic_load_explicit(&heap.next, memory_order_acquire); /* T7 */
    /* Sleep timers leave the heap by their entry's tag alone: their
     * timers (each on its sleeper's stack, a cache and TLB miss apiece) are
     * touched only after heap.lock is released (T6: nothing else removes a
     * sleep timer, so the sleeper stays parked until rt_ready below). */
    rt_timer *ready[READY_BATCH];
    for (;;) {
        size_t nready = 0;
        rt_lock_acquire(&heap.lock);
        while (heap.n > 0 && heap.v[0].when <= now && nready < READY_BATCH && max > 0) {
            max--;
            rt_timer *t = ent_timer(heap.v[0]);
            if (heap.v[0].t & HEAP_SLEEP) {
                heap_remove_index(0);
                ready[nready++] = t;
                continue;
            }
            if (t->period > 0) {
                int64_t w, step;
                if (__builtin_mul_overflow(t->period, 1 + (now - t->when) / t->period, &step) ||
                    __builtin_add_overflow(t->when, step, &w))
                    w = INT64_MAX;
                t->when = w;
                heap.v[0].when = w;
                sift_down(0);
                heap_publish();
            } else {
                heap_remove(t);
            }
            t->fire(t, now); /* T3: under heap.lock */
        }
        bool more = heap.n > 0 && heap.v[0].when <= now && max > 0;
        next = heap.n ? heap.v[0].when : -1;
        rt_lock_release(&heap.lock);
        /* in reverse: a worker pops its ring newest first, so the
         * earliest deadline runs first */
        /* Each timer and each sleeper's header is on a page of its own:
         * load them a few entries ahead (timers PREFETCH_T ahead, headers,
         * whose addresses are in the timers, PREFETCH_G ahead) rather than
         * miss twice per rt_ready. */
        enum { PREFETCH_T = 8, PREFETCH_G = 4 };
        for (size_t i = nready; i-- > 0 && i + PREFETCH_T >= nready;)
            __builtin_prefetch(ready[i], 1);
        for (size_t i = nready; i-- > 0 && i + PREFETCH_G >= nready;)
            __builtin_prefetch(ready[i]->g, 1);
        for (size_t i = nready; i-- > 0;) {
            rt_timer *t = ready[i];
            if (i >= PREFETCH_T)
                __builtin_prefetch(ready[i - PREFETCH_T], 1);
            if (i >= PREFETCH_G)
                __builtin_prefetch(ready[i - PREFETCH_G]->g, 1);
            rt_g *g = t->g;
            t->idx = -1; /* T6: the last touch of t */
            rt_ready(g, false);
        }
        if (!more) {
            atomic_store_explicit(&heap.running, false, memory_order_release);
            return next;
        }
    }
}

int64_t rt_timers_pending(void)
{
    return atomic_load_explicit(&heap.count, memory_order_acquire);
}

/* ------------------------------------------------------------------------ */
/* Sleep                                                                    */

/* rt_park unlock_fn, on the scheduler's side once the sleeper is WAITING
 * (so the timer may fire and ready it at once): puts its timer (on the
 * sleeper's stack, still intact) into the heap, then tells the scheduler
 * about a new earliest deadline. Adding only now keeps heap.lock off the
 * context switch: held across the switch, it was the most contended lock
 * of a spawn of sleepers. */
static bool sleep_park_fn(rt_g *g, void *arg)
{
    (void)g;
    rt_timer *t = arg;
    int64_t when = t->when; /* T6: t may be gone once it is in the heap */
    rt_lock_acquire(&heap.lock);
    bool first = heap_add(t, when);
    rt_lock_release(&heap.lock);
    if (first)
        rt_timers_changed(when);
    return true;
}

RT_EXPORT void cgo_sleep_at(cgo_duration d, const cgo_site *site)
{
    if (d <= 0)
        return;
    rt_timer t = {.idx = -1};
    t.g = rt_self();
    t.when = rt_time_deadline(d);
    rt_park(sleep_park_fn, &t, RT_WAIT_SLEEP, site);
    if (RT_UNLIKELY(t.idx >= 0))
        rt_fatal("sleep: woken before its timer fired", site);
}

RT_EXPORT void(cgo_sleep)(cgo_duration d) { cgo_sleep_at(d, NULL); }
