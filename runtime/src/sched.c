/*
 * sched.c — the M:N goroutine scheduler.
 *
 * Model. A worker is one OS thread with its own run queue (Go's M and P
 * merged); CGO_PROCS workers (default: online CPUs). Each worker runs its
 * scheduler loop on its own thread stack ("g0", the scheduler stack) and
 * switches to goroutines with rt_ctx_switch (switch_<arch>.S). Whatever
 * must happen after a goroutine's context is saved (releasing the lock of
 * the object it parks on, recycling a dead stack, queueing a yielded
 * goroutine) runs on the next context: normally g0 (goroutine -> g0 ->
 * goroutine). When a goroutine parks or exits and the loop would run its
 * worker's runnext next anyway (no global-queue tick, streak left, no due
 * timer: direct_next), it switches straight to that goroutine, which runs
 * the pending action first thing (finish_direct_switch, with w->prev and
 * w->action): one switch instead of two, the channel handoff's hot path.
 * Yields always go through g0.
 *
 * Spawning. A `go` statement on a worker queues a pending-goroutine cell
 * (pend.h: function, argument copy, id, site, FP control state), not a
 * goroutine with a stack: a run queue entry is an rt_gx * or an rt_pend *
 * (rt_pend_owns tells them apart by address). An entry is bound to a stack
 * slot from the running worker's pool (g_bind) when it is about to run: in
 * execute() and direct_next(); before that only g_was_woken and prefetches
 * look at it. Plain threads, and argument blocks too big for a cell, take
 * the slot at the `go` statement. When every worker is idle, the cells'
 * memory and the global queue's node region are given back
 * (burst_memory_release).
 *
 * Run queues (Go's, except that the owner pops its ring newest first).
 *  - Per worker: a 256-entry ring used as a Chase-Lev deque. Only the owner
 *    pushes, at the tail; the owner pops at the tail too (newest first:
 *    runq_pop_newest), stealers take the oldest at the head, one goroutine
 *    per CAS (runq_take_oldest). Popping newest first runs a recursive
 *    computation depth-first, so few of its goroutines (few stacks) are
 *    alive at once (skynet at one worker: 61 instead of tens of thousands),
 *    while stealers take the oldest, i.e. the largest pieces of work.
 *    Protocol: the owner lowers the tail (seq_cst) and then reads the head;
 *    a stealer reads the head, then the tail, then CASes the head; so only
 *    for the last goroutine do the two race, and both use the CAS. The
 *    head word carries a tag in its high half that runq_push_oldest (a
 *    yield: to the old end, behind everything queued here) bumps when it
 *    moves the head back, so a stealer's stale CAS cannot succeed (ABA).
 *    Slots are atomics (relaxed): a stealer may read a slot the owner is
 *    concurrently overwriting; its CAS on head then fails and the value is
 *    discarded.
 *  - Fairness of newest-first: every GLOBAL_TICKS ticks the owner checks
 *    whether its head has moved; once it has stayed put over a non-empty
 *    ring for RUNQ_STALE_NS it takes the oldest goroutine (runq_check_stale),
 *    so no goroutine waits unboundedly behind newer ones.
 *  - runnext: one slot per worker. Only the owner makes it non-NULL (a
 *    plain store when it is empty, else an exchange); the owner takes it
 *    with plain accesses inside a membarrier handshake (runnext_take), a
 *    stealer with a CAS after the membarrier (runnext_steal); without
 *    membarrier both take it with a CAS. rt_ready(g, true) and new
 *    goroutines go there
 *    so the woken/created goroutine runs right after the current one. A
 *    goroutine taken from runnext inherits the time slice: after
 *    RUNNEXT_STREAK_MAX consecutive runnext picks the worker takes from the
 *    ring instead (a ping-pong pair cannot starve the rest of the queue;
 *    there is no preemption otherwise).
 *  - When the ring is full the owner moves its older half plus the new g
 *    to the global run queue (a mutex-protected list of pointer arrays),
 *    at its tail. The one exception goes to its front: cells evicted
 *    from a ring to make room for woken goroutines (see Timers), which
 *    had been next in line there.
 *    Every GLOBAL_TICKS (61) schedule ticks a worker takes one goroutine
 *    from the global queue first, so it is never starved by busy local
 *    queues.
 *  - Work stealing: an idle worker, if fewer than half of the busy workers
 *    are already spinning, becomes "spinning" and tries STEAL_TRIES rounds
 *    over all other workers in a random order (random start, coprime
 *    stride), taking the oldest goroutine of a victim's ring (and on the
 *    last round its runnext).
 *
 * Idle workers and wakeups (Go's "spinning M" protocol).
 *  - nmspinning counts spinning workers. When work is made runnable
 *    (rt_ready, spawn), wakep() wakes one idle worker only if there are idle
 *    workers and none is spinning (a spinning one will find the work); the
 *    woken worker starts as spinning. A spinning worker that finds work
 *    stops spinning and, if it was the last spinner, calls wakep() so the
 *    remaining work can spread.
 *  - When CPUs are not oversubscribed (spin_ok) a spinner that found
 *    nothing keeps looking for up to SPIN_NS before it sleeps (a futex
 *    sleep and the later wake cost microseconds on a VM). It looks every
 *    SPIN_PROBE_MIN pauses, but each look at a victim that is busy handing
 *    off to its own runnext (a grace period declined: ping-pong, select)
 *    doubles the interval up to SPIN_PROBE_MAX: every look reads that
 *    victim's schedtick, runnext and ring lines, so frequent looks made its
 *    every handoff pay cache misses (select at 2 workers: 200 -> 100 ns per
 *    item). Finding nothing at all resets the interval (fib and skynet
 *    want their spawned goroutines taken at once).
 *  - A worker that has never slept spins up to STARTUP_SPIN_NS instead:
 *    cgo_main starts the workers before main's goroutine exists, and a
 *    program's first goroutines come within its first milliseconds. Asleep,
 *    the worker would cost the first `go` a futex wake and itself the idle
 *    vCPU's wake-up (hundreds of us on the benchmark VM): fib's second
 *    worker took its first goroutine 0.5-3 ms after main started, 0.2-0.4
 *    ms with the startup spin (docs/performance.md).
 *  - Going idle: (1) check local, global, steal; (2) under sched.lock,
 *    re-check the global queue and push self on the idle list; (3) if it was
 *    spinning, decrement nmspinning (seq_cst) and only then re-check every
 *    run queue: a producer publishes work and then reads nmspinning
 *    (seq_cst), so either it sees the spinner and relies on it, or the
 *    spinner's re-check sees the work; (4) sleep on the worker's futex
 *    word `sema` (0 = sleep; a waker removes the worker from the idle list
 *    under sched.lock, sets sema = 1 and futex-wakes it). The sleep is
 *    bounded by RUNNEXT_WATCH_NS while another worker is busy: nobody is
 *    woken for a goroutine readied into its waker's runnext, so an idle
 *    worker must come back to steal it if the waker computes on.
 *  - Handoff work does not keep a worker awake. Nobody is woken for a
 *    goroutine readied into runnext, nor for the previous runnext pushed
 *    alone into an empty ring (runq_put_next): in a chain of handoffs
 *    (ping-pong, a select and its producers) that goroutine is the
 *    partner its owner runs next. In step (3) the re-check ignores such
 *    work (runnext, a lone woken goroutine in a ring) of a worker whose
 *    schedtick moves (only_handoff_work): a spinner used to spin on for as
 *    long as the chain ran, and each of its looks cost the owner cache
 *    misses (select at 2 workers: 90 -> 79 ns per item, the same as at one
 *    worker). If the owner stops scheduling, the RUNNEXT_WATCH_NS look
 *    takes that work; until then its owner runs it within
 *    RUNNEXT_STREAK_MAX handoffs.
 *  - A worker only ever pushes to its OWN ring (rt_ready and spawn run on
 *    the waker's worker). Plain threads push to the global queue.
 *  - Each new worker thread starts pinned to a CPU of its own (the
 *    creator's CPU skipped, the creator's allowed CPUs in turn) and unpins
 *    itself at once (worker_unpin): Linux wakes a thread on the CPU it last
 *    ran on when that one is idle, so workers come back to separate CPUs
 *    instead of queueing behind each other on their creator's.
 *
 * Timers. time.c owns the timer heap; the scheduler runs it:
 *  - timer_hint is the earliest deadline the scheduler knows of (-1: none).
 *    It may be too early (harmless: an extra rt_timers_run), never too late:
 *    rt_timers_changed() lowers it and bumps timer_gen under timer_lock; a
 *    worker that ran timers stores the returned next deadline only if no
 *    change happened meanwhile (else the minimum).
 *  - Busy workers check the hint at every schedule tick (one atomic load,
 *    plus a clock read only when a timer is pending) and run due timers,
 *    at most as many as their ring has room for (run_timers): a woken
 *    goroutine must never be spilled to the global queue's tail. Short of
 *    room, a worker first moves the ring's goroutines that have not
 *    started to the front of the global queue (runq_evict_cells); if the
 *    room is still under TIMERS_MIN_ROOM the timers wait in the heap, in
 *    deadline order, for the ring to drain, except on a GLOBAL_TICKS tick,
 *    which runs one anyway (no timer waits for a ring that never drains).
 *    The hint then stays in the past, so every tick looks again.
 *  - Idle workers run due timers before going idle. At most one idle worker
 *    (the "watcher") sleeps with a timeout = the next deadline; the others
 *    sleep without one. rt_timers_changed() wakes the watcher when the new
 *    deadline is earlier than the one it sleeps until, or wakes any idle
 *    worker (which becomes the watcher) when there is none. The watcher
 *    publishes its deadline before claiming the role and re-reads the hint
 *    after it; changers lower the hint before reading the role; all four
 *    accesses are seq_cst, so one of the two sides sees the other (no
 *    fences: TSan does not support atomic_thread_fence).
 *  - Network poller hook: poll_network() in the idle path (not yet used).
 *
 * Deadlock detection. Enabled only for programs started by cgo_main in
 * which no plain C thread has used the runtime and no thread exists beyond
 * those present once the workers started (counted in /proc/self/stat, so
 * sanitizer helper threads started earlier are included): a plain thread
 * could still wake a goroutine, and we cannot know. When the last worker
 * goes idle, under
 * sched.lock with every run queue and the global queue empty, no spinning
 * worker, no hold (rt_sched_hold) and rt_timers_pending() == 0 (read with
 * sched.lock released, then confirmed by an unchanged idle_epoch, which
 * every worker leaving the idle list bumps), every goroutine is parked and
 * nothing can wake one: "fatal error: all goroutines are asleep -
 * deadlock!" with the goroutine dump, exit(2).
 *
 * Locks and lock order. sched.lock (idle list, global run queue and its
 * node region, idle_epoch) -> pend.c's lock (only in burst_memory_release);
 * gfree_lock (global free list of g headers) -> stack_lock (stack.c);
 * pend.c's lock and timer_lock (hint) -> nothing. time.c may call
 * rt_timers_changed with its heap lock held, so we never call time.c while
 * holding any of ours. Object locks (channels, sync) may be held when
 * rt_ready is called, so rt_ready takes only sched.lock (global queue/wake),
 * which is why sched.lock must never be held while calling out (but for
 * pend.c's leaf lock). rt_spawn may run under time.c's heap lock (timer
 * callbacks) and g_bind under an object lock (direct_next while parking):
 * they take only pend.c's lock, gfree_lock and stack_lock.
 *
 * Goroutine status (g.status, atomic) transitions and who makes them:
 *   IDLE -> RUNNABLE        spawn (queued), or g_bind for a pending
 *                           goroutine (whose cell was RUNNABLE since spawn)
 *   RUNNABLE -> RUNNING     the worker that dequeued it, on g0, or the
 *                           goroutine switching directly to it
 *   RUNNING -> WAITING      the next context on its worker (g0, or the
 *                           goroutine it switched directly to), after the
 *                           context is saved and BEFORE unlock_fn runs (so
 *                           a waker that finds the waiter sees WAITING)
 *   WAITING -> RUNNABLE     rt_ready (CAS; anything else is a fatal error:
 *                           a goroutine may be woken only while parked, by
 *                           the one waker that dequeued its waiter), or
 *                           rt_ready_parked (a store, for wakers whose
 *                           sleeper's unlock_fn cannot decline)
 *   WAITING -> RUNNING      the same, when unlock_fn returned false (no
 *                           waker can exist: the waiter was never made
 *                           visible); after a direct switch it then goes
 *                           RUNNING -> RUNNABLE onto the run queue
 *   RUNNING -> RUNNABLE     cgo_yield (g0 re-queues it)
 *   RUNNING -> DEAD -> IDLE fn returned; the next context recycles the
 *                           header and stack
 * Fields of rt_worker are owned by its thread except: runq_head (CAS by
 * stealers), runq_tail and runq slots (read by stealers), runnext (CAS by
 * stealers), steal_intent (stealers), sema, idle_listed, wake_spinning
 * (under sched.lock / by wakers).
 *
 * Thread-local state is read only through noinline accessors: a goroutine
 * may resume on another worker thread after any switch, so a TLS address
 * cached by the compiler across a switch would name the old thread.
 *
 * Sanitizers: every switch is annotated (ASan start/finish_switch_fiber with
 * the fake-stack handles; TSan one fiber per goroutine header, switches
 * synchronising, i.e. flag 0; valgrind stacks are registered in stack.c).
 */
#include "pend.h"
#include "rt_sched.h"
#include "stack.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#ifdef CGO_HAVE_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#if RT_ASAN
void __sanitizer_start_switch_fiber(void **fake_stack_save, const void *bottom, size_t size);
void __sanitizer_finish_switch_fiber(void *fake_stack_save, const void **bottom_old,
                                     size_t *size_old);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#endif
#if RT_TSAN
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);
#endif

/* switch_<arch>.S */
void rt_ctx_switch(void **save_sp, void *new_sp);
void rt_ctx_trampoline(void);

#define RUNQ_SIZE 256u
#define MAX_PROCS 1024
#define GLOBAL_TICKS 61
#define RUNNEXT_STREAK_MAX 64
#define RUNQ_STALE_NS 50000000 /* the ring's oldest goroutine is taken after waiting this */
#define TIMERS_MIN_ROOM 32u    /* due timers wait for this much room in the ring (run_timers) */
#define STEAL_TRIES 4
/* A stealer leaves a victim's runnext alone this long: longer than a
 * consumer takes to drain a full 1,024-slot buffer (~17 us) after readying
 * the producer into runnext, so the pair stays on one CPU (docs/performance.md). */
#define RUNNEXT_GRACE_NS 20000
#define RING_GRACE_NS 3000     /* ... and a woken goroutine alone in its ring */
#define SPIN_NS 50000      /* extra spinning of an idle worker before sleeping */
#define STARTUP_SPIN_NS 2000000 /* ... before its first sleep (see cgo_main) */
#define SPIN_PROBE_MIN 64  /* pauses between a spinner's looks for work ... */
#define SPIN_PROBE_MAX 1024 /* ... doubling up to this while victims decline */
#define RUNNEXT_WATCH_NS 2000000 /* idle worker looks again after this while others are busy */
#define GFREE_LOCAL_MAX 64
#define GOID_BATCH 16          /* goroutine ids a worker takes at a time (Go: 16) */
#define GFREE_GLOBAL_MAX 1024  /* hot g headers+stacks kept beyond the local lists */
#define GCLEAN_MAX 65536       /* clean dead slots kept beyond that (one page each) */
#define GCLEAN_RELEASE 64      /* clean slots an idle worker releases per round */
#define CLEAN_MARK 0xc1ea5a17c1ea5a17ULL

enum { ACT_NONE = 0, ACT_PARK, ACT_YIELD, ACT_EXIT };

typedef struct rt_worker {
    /* ---- owner thread only ---- */
    int id;
    rt_gx *cur;                 /* goroutine running, NULL on g0 */
    void *g0_sp;                /* g0's saved stack pointer */
    int action;                 /* what the goroutine that switched out wants */
    rt_gx *prev;                /* switched out by a direct switch, action pending */
    bool (*park_fn)(rt_g *, void *);
    void *park_arg;
    _Atomic uint32_t schedtick; /* owner writes (relaxed); stealers read it */
    uint32_t runnext_streak;
    uint64_t stale_head;        /* runq_check_stale: head seen ... */
    int64_t stale_since;        /* ... since then (coarse clock) */
    bool spinning;
    rt_gx *gfree[GFREE_LOCAL_MAX]; /* local pool of dead g headers (LIFO) */
    int ngfree;
    void *tsan_g0;
    void *asan_g0_fake;
    const void *g0_stack_lo;
    size_t g0_stack_size;
    rt_gx g0x;                  /* pseudo-g for rt_self() on g0 (timer callbacks) */
    _Atomic uint64_t n_steals, n_global, n_sleeps;
    /* Goroutines counted on this worker: +1 for each one spawned here, -1
     * for each one that exited here (so one worker's count may be
     * negative); the sum over the workers and sched.ngo_threads is the
     * number that exist. Owner-written without locked instructions (a
     * shared counter's line moved between the spawning and the exiting
     * CPU at every goroutine); others read it (cgo_num_goroutine). */
    _Atomic int64_t ngo;
    _Atomic int64_t nspawned;
    uint64_t goid_next, goid_end; /* ids handed out here, GOID_BATCH at a time */

    /* ---- written by the creating thread before the worker starts ---- */
    pthread_t thread;
    int seed_cpu;               /* CPU the thread starts on, -1: anywhere (worker_unpin) */
    void *altstack;             /* its signal stack (altstack_map) */
    _Atomic int start_cpu;      /* the worker stores the CPU it started on; tests read it */

    /* ---- shared with stealers ---- */
    _Alignas(RT_CACHE_LINE) _Atomic uint64_t runq_head; /* tag << 32 | index */
    _Alignas(RT_CACHE_LINE) _Atomic uint32_t runq_tail;
    _Atomic(rt_gx *) runnext;
    _Atomic uint32_t runnext_taking; /* owner: inside runnext_take's plain path */
    _Atomic uint32_t steal_intent;   /* stealers about to take runnext */
    _Atomic(rt_gx *) runq[RUNQ_SIZE];

    /* ---- idle parking ---- */
    _Alignas(RT_CACHE_LINE) _Atomic uint32_t sema;
    bool idle_listed;           /* sched.lock */
    bool wake_spinning;         /* sched.lock: woken by wakep, counted in nmspinning */
} rt_worker;

static struct {
    rt_lock lock;               /* idle list, global run queue and its region, idle_epoch */
    struct grq_node *grq_first, *grq_last; /* global run queue */
    struct grq_node *grq_free;  /* free nodes of the region below */
    char *grq_region;           /* GRQ_REGION_NODES nodes reserved (grq_node_new) */
    _Atomic uint32_t grq_carved; /* sched.lock: region nodes handed out since the last reset */
    _Atomic int32_t grq_n;
    rt_worker **idle;           /* stack of idle workers */
    int nidle;
    _Atomic int npidle;
    _Atomic int nmspinning;
    _Atomic uint64_t idle_epoch;

    int nprocs;
    rt_worker *workers;
    _Atomic bool running;       /* workers started */

    _Alignas(RT_CACHE_LINE) _Atomic uint64_t next_goid; /* GOID_BATCH ids per worker at a time */
    _Atomic int64_t ngo_threads;  /* spawned by plain threads, and main (see rt_worker.ngo) */
    _Atomic uint64_t nspawns_threads;

    bool spin_ok;               /* nprocs <= online CPUs: idle workers may spin */
    cpu_set_t seed_mask;        /* CPUs the workers' creator may use (choose_seed_cpus) */
    bool deadlock_detect;       /* set before workers start (cgo_main) */
    _Atomic int base_threads;   /* threads once cgo_main started the workers, 0: not yet */
    _Atomic bool foreign;       /* a plain thread used the runtime */
    _Atomic int holds;

    /* Pools of dead goroutines are arrays of pointers, not lists linked
     * through the headers: every header is on a page of its own (the top of
     * its stack slot), so walking a list costs a cache and a TLB miss per
     * goroutine, under the lock. */
    rt_lock gfree_lock;
    rt_gx *gfree[GFREE_GLOBAL_MAX];
    _Atomic int ngfree;         /* written under gfree_lock, read racily */
    rt_gx **gclean;             /* gfree_lock: dead goroutines with clean stacks */
    _Atomic int ngclean;        /* written under gfree_lock, read racily */
    uintptr_t page_mask;        /* page size - 1 */
    bool clean_ok;              /* the clean marker may be used (no sanitizer/valgrind) */

    rt_lock timer_lock;
    _Atomic int64_t timer_hint;
    uint64_t timer_gen;         /* timer_lock */
    _Atomic int timer_watcher;  /* worker id + 1, 0: none */
    _Atomic int64_t watch_deadline;

    _Atomic(rt_gx *) thread_gs; /* all pseudo-gs, push-only list via sched_next */
    pthread_key_t thread_key;

    struct sigaction old_segv, old_bus;
} sched = {.timer_hint = -1, .next_goid = 1};

static __thread rt_worker *tls_worker __attribute__((tls_model("initial-exec")));
static __thread rt_gx *tls_g __attribute__((tls_model("initial-exec")));
static __thread rt_gx *tls_thread_g __attribute__((tls_model("initial-exec")));
static __thread uint64_t tls_rand __attribute__((tls_model("initial-exec")));

static inline rt_gx *gnext(rt_gx *g) { return (rt_gx *)g->g.sched_next; }
static inline rt_g *gptr(rt_gx *g) { return (rt_g *)g; }

/* ---- TLS accessors (see the header comment) ---- */

__attribute__((noinline)) static rt_worker *cur_worker(void)
{
    __asm__ __volatile__("" ::: "memory");
    return tls_worker;
}

__attribute__((noinline)) static rt_gx *cur_g(void)
{
    __asm__ __volatile__("" ::: "memory");
    return tls_g;
}

__attribute__((noinline)) static void set_cur_g(rt_gx *g)
{
    __asm__ __volatile__("" ::: "memory");
    tls_g = g;
}

rt_gx *rt_sched_current(void)
{
    rt_gx *g = cur_g();
    return g ? g : tls_thread_g;
}

int rt_sched_worker_index(void)
{
    rt_worker *w = cur_worker();
    return w ? w->id : -1;
}

/* ------------------------------------------------------------------------ */
/* Random numbers: wyrand, one state per OS thread.                          */

__attribute__((noinline)) uint32_t rt_rand(void)
{
    uint64_t s = tls_rand;
    if (RT_UNLIKELY(s == 0)) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        s = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)&tls_rand;
        s |= 1;
    }
    s += 0xa0761d6478bd642fULL;
    tls_rand = s;
    __uint128_t t = (__uint128_t)s * (s ^ 0xe7037ed1a0b428dbULL);
    return (uint32_t)((uint64_t)(t >> 64) ^ (uint64_t)t);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Coarse clock for wait_since (dumps print whole minutes). */
int64_t rt_coarse_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ------------------------------------------------------------------------ */
/* Local run queue                                                          */

/* The head word: the index of the oldest goroutine in its low half, and in
 * its high half a tag that runq_push_oldest bumps when it moves the head
 * back, so that a stealer's CAS from a head it read earlier fails even if
 * the index has come back to the same value since. */
static inline uint32_t head_index(uint64_t head) { return (uint32_t)head; }
static inline uint64_t head_moved(uint64_t head, uint32_t index)
{
    return (head & ~(uint64_t)UINT32_MAX) | index;
}

/* Read by other workers too: while the owner pops (runq_pop_newest) the
 * tail is briefly one below the head, which reads as empty. */
static inline uint32_t runq_len(rt_worker *w)
{
    uint32_t h = head_index(atomic_load_explicit(&w->runq_head, memory_order_acquire));
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_acquire);
    int32_t n = (int32_t)(t - h);
    return n > 0 ? (uint32_t)n : 0;
}

static void grq_put(rt_gx *const *gs, int n);

/* Owner only. Moves half the ring plus g to the global queue; false if a
 * stealer changed the ring meanwhile (retry the fast path). */
static bool runq_put_slow(rt_worker *w, rt_gx *g, uint64_t hw, uint32_t t)
{
    enum { N = RUNQ_SIZE / 2 };
    rt_gx *batch[N + 1];
    uint32_t h = head_index(hw);
    uint32_t n = (t - h) / 2;
    if (n != N)
        return false;
    for (uint32_t i = 0; i < n; i++)
        batch[i] = atomic_load_explicit(&w->runq[(h + i) % RUNQ_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&w->runq_head, &hw, head_moved(hw, h + n),
                                                 memory_order_seq_cst, memory_order_relaxed))
        return false;
    batch[n] = g;
    grq_put(batch, (int)n + 1);
    return true;
}

/* Owner only. */
static void runq_put(rt_worker *w, rt_gx *g, bool next)
{
    if (next) {
        g = atomic_exchange_explicit(&w->runnext, g, memory_order_acq_rel);
        if (!g)
            return;
        /* the previous runnext goes to the tail */
    }
    for (;;) {
        uint64_t hw = atomic_load_explicit(&w->runq_head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
        if (t - head_index(hw) < RUNQ_SIZE) {
            atomic_store_explicit(&w->runq[t % RUNQ_SIZE], g, memory_order_relaxed);
            atomic_store_explicit(&w->runq_tail, t + 1, memory_order_release);
            return;
        }
        if (runq_put_slow(w, g, hw, t))
            return;
    }
}

/* Owner only: g to the old end of the ring, behind everything queued here
 * (a yield); to the global queue if the ring is full. The owner moves the
 * head back with a CAS that also bumps the head's tag: a stealer that read
 * the head before cannot then succeed with its CAS (without the tag it
 * could, once the index had come back: the owner pushes here, pops the
 * goroutine the stealer read from the other end, another stealer takes g,
 * and the index is where the first stealer saw it). */
static void runq_push_oldest(rt_worker *w, rt_gx *g)
{
    for (;;) {
        uint64_t hw = atomic_load_explicit(&w->runq_head, memory_order_acquire);
        uint32_t h = head_index(hw);
        uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
        if (t - h >= RUNQ_SIZE) {
            grq_put(&g, 1);
            return;
        }
        /* index h - 1's slot holds no queued goroutine (the ring has room) */
        atomic_store_explicit(&w->runq[(h - 1) % RUNQ_SIZE], g, memory_order_relaxed);
        uint64_t moved = head_moved(hw + ((uint64_t)1 << 32), h - 1);
        if (atomic_compare_exchange_strong_explicit(&w->runq_head, &hw, moved,
                                                    memory_order_seq_cst, memory_order_relaxed))
            return;
    }
}

/* g (read from a ring, maybe stale) has parked before: it was
 * readied by a wake-up, not spawned. Best effort: a racy read of a goroutine
 * header that another worker may be writing, hence not instrumented by TSan. */
RT_NO_TSAN static bool g_was_woken(rt_gx *g)
{
    return g && !rt_pend_owns(g) && *(volatile int *)&g->g.wait_reason != RT_WAIT_NONE;
}

/* v's ring holds work for another worker: more than one goroutine, or
 * one that was spawned. A lone woken goroutine is, while v keeps handing
 * off, the partner v runs next (a ping-pong or a select's producer). */
static bool ring_has_parallel_work(rt_worker *v)
{
    uint64_t hw = atomic_load_explicit(&v->runq_head, memory_order_acquire);
    uint32_t h = head_index(hw);
    uint32_t t = atomic_load_explicit(&v->runq_tail, memory_order_acquire);
    int32_t n = (int32_t)(t - h);
    if (n != 1)
        return n > 1;
    return !g_was_woken(atomic_load_explicit(&v->runq[h % RUNQ_SIZE], memory_order_relaxed));
}

/* Owner only: takes w's runnext (NULL if empty or a stealer got it).
 *
 * Taking it is the one locked instruction a handoff could avoid, since
 * stealers take runnext rarely (after RUNNEXT_GRACE_NS). With rt_membarrier_ok
 * the owner and a stealer run an asymmetric Dekker handshake: the owner
 * announces runnext_taking, checks steal_intent, and takes runnext with a
 * plain load and store; a stealer announces steal_intent, then
 * membarrier(PRIVATE_EXPEDITED) makes every running thread pass a full
 * memory barrier at some point P of its program, and the stealer then
 * CASes runnext only if runnext_taking reads 0. If the owner's P came
 * before its announcement, it sees steal_intent and uses the CAS; if P came
 * while it was taking, the stealer sees runnext_taking and backs off; if
 * after, the stealer sees runnext already emptied. So at most one of them
 * gets the goroutine, and the owner pays a few plain accesses instead of a
 * CAS (~5.6 ns on the benchmark machine); a runnext steal pays a system
 * call (~1-3 us). Without membarrier both sides use the CAS. */
static rt_gx *runnext_take(rt_worker *w)
{
    rt_gx *next = atomic_load_explicit(&w->runnext, memory_order_relaxed);
    if (!next)
        return NULL;
    if (RT_LIKELY(rt_membarrier_ok)) {
        atomic_store_explicit(&w->runnext_taking, 1, memory_order_relaxed);
        atomic_signal_fence(memory_order_seq_cst);
        if (RT_LIKELY(atomic_load_explicit(&w->steal_intent, memory_order_relaxed) == 0)) {
            next = atomic_load_explicit(&w->runnext, memory_order_acquire);
            atomic_store_explicit(&w->runnext, NULL, memory_order_relaxed);
            atomic_signal_fence(memory_order_seq_cst);
            atomic_store_explicit(&w->runnext_taking, 0, memory_order_release);
            return next;
        }
        atomic_store_explicit(&w->runnext_taking, 0, memory_order_release);
    }
    if (!atomic_compare_exchange_strong_explicit(&w->runnext, &next, NULL, memory_order_acquire,
                                                 memory_order_relaxed))
        return NULL;
    return next;
}

/* Stealer: takes v's runnext if it still holds `seen` (see runnext_take). */
static bool runnext_steal(rt_worker *v, rt_gx *seen)
{
    if (!rt_membarrier_ok)
        return atomic_compare_exchange_strong_explicit(&v->runnext, &seen, NULL,
                                                       memory_order_acquire,
                                                       memory_order_relaxed);
    atomic_fetch_add_explicit(&v->steal_intent, 1, memory_order_seq_cst);
    bool got = false;
    rt_membarrier();
    if (atomic_load_explicit(&v->runnext_taking, memory_order_seq_cst) == 0)
        got = atomic_compare_exchange_strong_explicit(&v->runnext, &seen, NULL,
                                                      memory_order_acquire,
                                                      memory_order_relaxed);
    atomic_fetch_sub_explicit(&v->steal_intent, 1, memory_order_release);
    return got;
}

/* Owner only: g to runnext; the previous runnext, if any, to the ring.
 * True if w queues nothing that another worker should run: g runs as
 * soon as the current goroutine blocks, and a goroutine alone in the ring
 * that was woken (the previous runnext, or one readied before) is usually
 * its partner in a chain of handoffs (ring_has_parallel_work). Waking a
 * worker for them is pointless: it would find a grace period declined
 * and sleep again (select at 2 workers: a futex wake per item). A
 * spinning or watching worker (RUNNEXT_WATCH_NS) still takes them if w
 * stops scheduling. */
static bool runq_put_next(rt_worker *w, rt_gx *g)
{
    /* Only the owner makes runnext non-NULL (stealers only take it), so
     * an empty runnext stays empty until our store: no exchange needed.
     * An occupied one is taken first with runnext_take's handshake (an
     * exchange was a locked instruction per displaced goroutine). */
    rt_gx *old = atomic_load_explicit(&w->runnext, memory_order_relaxed);
    if (old)
        old = runnext_take(w);
    atomic_store_explicit(&w->runnext, g, memory_order_release);
    if (old)
        runq_put(w, old, false);
    return !ring_has_parallel_work(w);
}

/* Owner only: the newest goroutine of w's ring (the tail end), or NULL.
 *
 * The Chase-Lev deque's take: the owner first lowers the tail to claim
 * index t, then reads the head. Stealers read the head, then the tail,
 * and CAS the head forward to claim index h. All four accesses are
 * seq_cst, so in their single total order either a stealer read the
 * lowered tail (and only claims h < t), or the owner's read of the head
 * follows the stealer's reads: then if the owner sees h < t the stealer
 * claims h != t, and if it sees h == t (the last goroutine) both race for
 * it with a CAS on the head. The seq_cst store is the one locked
 * instruction of a pop (an xchg), as the CAS of a FIFO pop was. */
static rt_gx *runq_pop_newest(rt_worker *w)
{
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
    if (t == head_index(atomic_load_explicit(&w->runq_head, memory_order_relaxed)))
        return NULL; /* the head never passes the tail we wrote */
    t--;
    atomic_store_explicit(&w->runq_tail, t, memory_order_seq_cst);
    uint64_t hw = atomic_load_explicit(&w->runq_head, memory_order_seq_cst);
    uint32_t h = head_index(hw);
    rt_gx *g = atomic_load_explicit(&w->runq[t % RUNQ_SIZE], memory_order_relaxed);
    if ((int32_t)(t - h) > 0) {
        /* Others are left: index t is ours. Start loading the header of
         * the one likely to run next (each header is on a page of its own:
         * a TLB and a cache miss, often from another CPU, that would
         * otherwise stall the switch to it). A stale pointer does no harm:
         * a prefetch never faults. */
        __builtin_prefetch(atomic_load_explicit(&w->runq[(t - 1) % RUNQ_SIZE],
                                                memory_order_relaxed), 1);
        return g;
    }
    if (t != h ||
        !atomic_compare_exchange_strong_explicit(&w->runq_head, &hw, head_moved(hw, h + 1),
                                                 memory_order_seq_cst, memory_order_relaxed))
        g = NULL; /* a stealer took the last one */
    /* the ring is empty now (head == t + 1): put the tail back */
    atomic_store_explicit(&w->runq_tail, t + 1, memory_order_relaxed);
    return g;
}

/* The oldest goroutine of v's ring (the head end), or NULL: a stealer's
 * take (v != the caller's worker), or the owner's own when the head has
 * not moved for a while (see runq_check_stale). One goroutine per CAS: a
 * stealer cannot claim several at once, since the owner takes from the
 * other end without a CAS while more than one is left. */
static rt_gx *runq_take_oldest(rt_worker *v)
{
    for (;;) {
        uint64_t hw = atomic_load_explicit(&v->runq_head, memory_order_seq_cst);
        uint32_t h = head_index(hw);
        uint32_t t = atomic_load_explicit(&v->runq_tail, memory_order_seq_cst);
        int32_t n = (int32_t)(t - h);
        if (n <= 0)
            return NULL;
        if (n > (int32_t)RUNQ_SIZE)
            continue; /* read h and t inconsistently: retry */
        rt_gx *g = atomic_load_explicit(&v->runq[h % RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_strong_explicit(&v->runq_head, &hw, head_moved(hw, h + 1),
                                                    memory_order_seq_cst, memory_order_relaxed)) {
            if (n > 1) /* the next steal's, as in runq_pop_newest */
                __builtin_prefetch(atomic_load_explicit(&v->runq[(h + 1) % RUNQ_SIZE],
                                                        memory_order_relaxed), 1);
            return g;
        }
    }
}

/* Owner only, every GLOBAL_TICKS schedule ticks. The ring is popped newest
 * first, so its oldest goroutine could wait for as long as newer ones keep
 * coming; once the head has stayed put for RUNQ_STALE_NS with the ring
 * non-empty, the owner takes the oldest. (The goroutine at the head can
 * only leave through the head, so an unmoved head over a non-empty ring
 * means the same goroutine waited all along; a yield moves the head.)
 * Why 50 ms and in time, not ticks: each such take starts another subtree
 * of a recursive computation, whose pending siblings stay in the ring
 * (~25 entries in skynet); taken every 3,904 ticks, skynet at one worker
 * went from 180 to 640 ns per leaf, every 10 ms to ~400: the ring
 * overflowed into the global queue, which is taken oldest first, and the
 * traversal turned breadth-first again, with thousands of live stacks. */
static rt_gx *runq_check_stale(rt_worker *w)
{
    uint64_t h = atomic_load_explicit(&w->runq_head, memory_order_relaxed);
    int64_t now = rt_coarse_now();
    if (h != w->stale_head || runq_len(w) == 0 || w->stale_since == 0) {
        w->stale_head = h;
        w->stale_since = now;
        return NULL;
    }
    if (now - w->stale_since < RUNQ_STALE_NS)
        return NULL;
    w->stale_since = now;
    return runq_take_oldest(w);
}

/* Owner only. *inherit: came from runnext. */
static rt_gx *runq_get(rt_worker *w, bool *inherit)
{
    rt_gx *next;
    if (w->runnext_streak < RUNNEXT_STREAK_MAX && (next = runnext_take(w))) {
        *inherit = true;
        return next;
    }
    *inherit = false;
    rt_gx *g = runq_pop_newest(w);
    if (g)
        return g;
    /* Ring empty: the runnext we skipped for fairness, if still there. */
    if ((next = runnext_take(w))) {
        *inherit = true;
        return next;
    }
    return NULL;
}

/* What a stealer's grace period watches on its victim v, besides v's
 * schedtick: runnext still holding the goroutine it saw, or the ring's head
 * still where it was. */
typedef enum { GRACE_RUNNEXT, GRACE_RING_HEAD } grace_watch;

/* Set when grace_expired declined a steal: the spinner backs off. */
static __thread bool tls_grace_declined __attribute__((tls_model("initial-exec")));

static uintptr_t grace_watched(rt_worker *v, grace_watch what)
{
    if (what == GRACE_RUNNEXT)
        return (uintptr_t)atomic_load_explicit(&v->runnext, memory_order_relaxed);
    return (uintptr_t)atomic_load_explicit(&v->runq_head, memory_order_relaxed);
}

/* A stealer found a goroutine that v's current one just readied and is
 * about to hand its worker to (a channel handoff): in v's runnext, or alone
 * in v's ring after being woken. Taking it would move one side of a
 * ping-pong pair to another worker, and every later operation would bounce
 * the channel's cache lines between CPUs. So, as Go's runqgrab does, give v
 * a grace period: false if v schedules (its schedtick moves) or the watched
 * word changes from seen within RUNNEXT_GRACE_NS; true if v is still busy
 * with something else, and stealing helps. */
static bool grace_expired(rt_worker *v, grace_watch what, uintptr_t seen)
{
    uint32_t tick = atomic_load_explicit(&v->schedtick, memory_order_relaxed);
    int64_t until = now_ns() + (what == GRACE_RUNNEXT ? RUNNEXT_GRACE_NS : RING_GRACE_NS);
    do {
        for (int i = 0; i < 16; i++)
            rt_cpu_relax();
        if (atomic_load_explicit(&v->schedtick, memory_order_relaxed) != tick ||
            grace_watched(v, what) != seen) {
            tls_grace_declined = true;
            return false;
        }
    } while (now_ns() < until);
    return true;
}

/* Steals from v for w: the oldest goroutine of v's ring (the root of the
 * largest piece of work when v's goroutines spawn recursively), or on the
 * last round v's runnext. */
static rt_gx *runq_steal(rt_worker *w, rt_worker *v, bool steal_next)
{
    uint64_t hw = atomic_load_explicit(&v->runq_head, memory_order_acquire);
    uint32_t h = head_index(hw);
    uint32_t t = atomic_load_explicit(&v->runq_tail, memory_order_acquire);
    rt_gx *g = NULL;
    /* A lone goroutine in the victim's ring that was woken (not newly
     * spawned) is usually the channel partner it will run next: give it
     * the runnext grace. (Spawned ones are stolen at once: that is how
     * fib's siblings spread.) */
    if (t - h == 1 && g_was_woken(atomic_load_explicit(&v->runq[h % RUNQ_SIZE],
                                                       memory_order_relaxed)) &&
        !grace_expired(v, GRACE_RING_HEAD, (uintptr_t)hw))
        return NULL;
    if ((int32_t)(t - h) > 0)
        g = runq_take_oldest(v);
    if (!g && steal_next) {
        rt_gx *next = atomic_load_explicit(&v->runnext, memory_order_relaxed);
        if (next && grace_expired(v, GRACE_RUNNEXT, (uintptr_t)next) && runnext_steal(v, next))
            g = next;
    }
    if (g)
        atomic_fetch_add_explicit(&w->n_steals, 1, memory_order_relaxed);
    return g;
}

/* ------------------------------------------------------------------------ */
/* Global run queue (sched.lock)                                            */

/* The global run queue is a list of arrays of goroutine pointers, not a
 * list linked through the goroutine headers: each header is on a page of
 * its own, so linking or walking 129 of them (a ring overflow, a worker's
 * share) was a cache and TLB miss per goroutine under sched.lock. */
#define GRQ_NODE 510 /* a node is one 4 KiB page */
#define GRQ_REGION_NODES 16384 /* 64 MiB of address space: 8 million goroutines */

typedef struct grq_node {
    struct grq_node *next;
    uint32_t head, tail;         /* g[head, tail) are queued */
    rt_gx *g[GRQ_NODE];
} grq_node;

/* Nodes come from one reserved region, not from malloc: a burst that
 * overflows the rings (100,000 goroutines spawned faster than they start)
 * queues hundreds of nodes, and freed malloc memory stays in the program's
 * heap; the region's pages go back to the OS once every worker is idle
 * (grq_region_reset). Beyond the region, and if it could not be reserved,
 * malloc. sched.lock held. */
static grq_node *grq_node_new(void)
{
    grq_node *q = sched.grq_free;
    if (q) {
        sched.grq_free = q->next;
        return q;
    }
    uint32_t carved = atomic_load_explicit(&sched.grq_carved, memory_order_relaxed);
    if (sched.grq_region && carved < GRQ_REGION_NODES) {
        atomic_store_explicit(&sched.grq_carved, carved + 1, memory_order_relaxed);
        return (grq_node *)(void *)sched.grq_region + carved;
    }
    if (!(q = malloc(sizeof *q)))
        rt_fatal("out of memory (global run queue)", NULL);
    return q;
}

/* sched.lock held. */
static void grq_node_free(grq_node *q)
{
    if ((uintptr_t)q - (uintptr_t)sched.grq_region < GRQ_REGION_NODES * sizeof *q) {
        q->next = sched.grq_free;
        sched.grq_free = q;
    } else {
        free(q);
    }
}

/* sched.lock held, every worker idle: the global queue's nodes, if it is
 * empty (a plain thread may have queued a goroutine without waking a
 * worker yet; an empty queue holds no node: grq_pop_locked frees each
 * node it empties), are forgotten and their pages given back. */
static void grq_region_reset(void)
{
    uint32_t carved = atomic_load_explicit(&sched.grq_carved, memory_order_relaxed);
    if (atomic_load_explicit(&sched.grq_n, memory_order_relaxed) != 0 || carved == 0)
        return;
    madvise(sched.grq_region, (size_t)carved * sizeof(grq_node), MADV_DONTNEED);
    sched.grq_free = NULL;
    atomic_store_explicit(&sched.grq_carved, 0, memory_order_relaxed);
}

/* sched.lock held. */
static void grq_put_locked(rt_gx *const *gs, int n)
{
    atomic_fetch_add_explicit(&sched.grq_n, n, memory_order_seq_cst);
    while (n > 0) {
        grq_node *q = sched.grq_last;
        if (!q || q->tail == GRQ_NODE) {
            q = grq_node_new();
            q->next = NULL;
            q->head = q->tail = 0;
            if (sched.grq_last)
                sched.grq_last->next = q;
            else
                sched.grq_first = q;
            sched.grq_last = q;
        }
        int k = (int)(GRQ_NODE - q->tail);
        if (k > n)
            k = n;
        memcpy(&q->g[q->tail], gs, (size_t)k * sizeof *gs);
        q->tail += (uint32_t)k;
        gs += k;
        n -= k;
    }
}

static void grq_put(rt_gx *const *gs, int n)
{
    rt_lock_acquire(&sched.lock);
    grq_put_locked(gs, n);
    rt_lock_release(&sched.lock);
}

/* sched.lock held. gs ahead of everything queued, in order (gs[0] first). */
static void grq_put_front_locked(rt_gx *const *gs, int n)
{
    atomic_fetch_add_explicit(&sched.grq_n, n, memory_order_seq_cst);
    while (n > 0) {
        grq_node *q = sched.grq_first;
        if (!q || q->head == 0) {
            q = grq_node_new();
            q->next = sched.grq_first;
            q->head = q->tail = GRQ_NODE;
            sched.grq_first = q;
            if (!sched.grq_last)
                sched.grq_last = q;
        }
        int k = (int)q->head;
        if (k > n)
            k = n;
        q->head -= (uint32_t)k;
        memcpy(&q->g[q->head], gs + n - k, (size_t)k * sizeof *gs);
        n -= k;
    }
}

/* sched.lock held, grq_n > 0. */
static rt_gx *grq_pop_locked(void)
{
    grq_node *q = sched.grq_first;
    rt_gx *g = q->g[q->head++];
    if (q->head == q->tail) {
        sched.grq_first = q->next;
        if (!sched.grq_first)
            sched.grq_last = NULL;
        grq_node_free(q);
    }
    return g;
}

/* sched.lock held. Takes one goroutine to run and, if w != NULL and max
 * != 1, moves a fair share of the rest into w's (empty) ring. */
static rt_gx *grq_get_locked(rt_worker *w, int max)
{
    int n = atomic_load_explicit(&sched.grq_n, memory_order_relaxed);
    if (n == 0)
        return NULL;
    int share = n / sched.nprocs + 1;
    if (share > n)
        share = n;
    if (max > 0 && share > max)
        share = max;
    if (share > (int)(RUNQ_SIZE / 2))
        share = RUNQ_SIZE / 2;
    rt_gx *g = grq_pop_locked();
    /* the owner pops its ring newest first: push the share in reverse so
     * that it still runs in the global queue's order */
    rt_gx *rest[RUNQ_SIZE / 2];
    for (int i = 1; i < share; i++)
        rest[i] = grq_pop_locked();
    for (int i = share - 1; i >= 1; i--)
        runq_put(w, rest[i], false);
    atomic_fetch_sub_explicit(&sched.grq_n, share, memory_order_relaxed);
    if (w)
        atomic_fetch_add_explicit(&w->n_global, (uint64_t)share, memory_order_relaxed);
    return g;
}

static rt_gx *grq_get(rt_worker *w, int max)
{
    if (atomic_load_explicit(&sched.grq_n, memory_order_relaxed) == 0)
        return NULL;
    rt_lock_acquire(&sched.lock);
    rt_gx *g = grq_get_locked(w, max);
    rt_lock_release(&sched.lock);
    return g;
}

/* ------------------------------------------------------------------------ */
/* Idle workers                                                             */

static void wake_worker(rt_worker *w)
{
    atomic_store_explicit(&w->sema, 1, memory_order_release);
    rt_futex_wake(&w->sema, 1);
}

/* sched.lock held. */
static void idle_remove_locked(rt_worker *w)
{
    for (int i = 0; i < sched.nidle; i++) {
        if (sched.idle[i] == w) {
            sched.idle[i] = sched.idle[--sched.nidle];
            break;
        }
    }
    w->idle_listed = false;
    atomic_fetch_sub_explicit(&sched.npidle, 1, memory_order_seq_cst);
    atomic_fetch_add_explicit(&sched.idle_epoch, 1, memory_order_relaxed);
}

/* sched.lock held. Prefers a worker that is not the timer watcher. */
static rt_worker *idle_pop_locked(void)
{
    if (sched.nidle == 0)
        return NULL;
    int watcher = atomic_load_explicit(&sched.timer_watcher, memory_order_relaxed);
    int pick = sched.nidle - 1;
    if (sched.idle[pick]->id + 1 == watcher && pick > 0)
        pick--;
    rt_worker *w = sched.idle[pick];
    idle_remove_locked(w);
    return w;
}

/* Wakes an idle worker to look for work if none is spinning. */
static void wakep(void)
{
    if (atomic_load_explicit(&sched.npidle, memory_order_seq_cst) == 0)
        return;
    int z = 0;
    if (atomic_load_explicit(&sched.nmspinning, memory_order_seq_cst) != 0 ||
        !atomic_compare_exchange_strong_explicit(&sched.nmspinning, &z, 1,
                                                 memory_order_seq_cst, memory_order_relaxed))
        return;
    rt_lock_acquire(&sched.lock);
    rt_worker *w = idle_pop_locked();
    if (w)
        w->wake_spinning = true;
    rt_lock_release(&sched.lock);
    if (!w) {
        atomic_fetch_sub_explicit(&sched.nmspinning, 1, memory_order_seq_cst);
        return;
    }
    wake_worker(w);
}

static void reset_spinning(rt_worker *w)
{
    w->spinning = false;
    if (atomic_fetch_sub_explicit(&sched.nmspinning, 1, memory_order_seq_cst) == 1)
        wakep();
}

/* ------------------------------------------------------------------------ */
/* Timers                                                                   */

/* Owner only: the ring's oldest entry is a goroutine that has not
 * started (cells are queued below the goroutines readied after them). */
static bool runq_oldest_is_cell(rt_worker *w)
{
    uint32_t h = head_index(atomic_load_explicit(&w->runq_head, memory_order_acquire));
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
    return (int32_t)(t - h) > 0 &&
           rt_pend_owns(atomic_load_explicit(&w->runq[h % RUNQ_SIZE], memory_order_relaxed));
}

/* Owner only. Moves the goroutines of w's ring that have not started
 * (cells) to the front of the global queue, in order, and keeps the
 * started ones in the ring, in order. The owner claims the whole ring with
 * one CAS of the head (a stealer meanwhile sees it empty), then pushes the
 * started ones back at the tail, which only it writes. */
static void runq_evict_cells(rt_worker *w)
{
    rt_gx *all[RUNQ_SIZE];
    uint32_t t = atomic_load_explicit(&w->runq_tail, memory_order_relaxed);
    uint32_t n;
    for (;;) {
        uint64_t hw = atomic_load_explicit(&w->runq_head, memory_order_acquire);
        uint32_t h = head_index(hw);
        n = t - h;
        if ((int32_t)n <= 0)
            return;
        for (uint32_t i = 0; i < n; i++)
            all[i] = atomic_load_explicit(&w->runq[(h + i) % RUNQ_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_strong_explicit(&w->runq_head, &hw, head_moved(hw, t),
                                                    memory_order_seq_cst, memory_order_relaxed))
            break;
    }
    rt_gx *cells[RUNQ_SIZE];
    uint32_t ncells = 0, nkeep = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (rt_pend_owns(all[i]))
            cells[ncells++] = all[i];
        else
            all[nkeep++] = all[i];
    }
    if (ncells > 0) {
        rt_lock_acquire(&sched.lock);
        grq_put_front_locked(cells, (int)ncells);
        rt_lock_release(&sched.lock);
    }
    for (uint32_t i = 0; i < nkeep; i++)
        atomic_store_explicit(&w->runq[(t + i) % RUNQ_SIZE], all[i], memory_order_relaxed);
    atomic_store_explicit(&w->runq_tail, t + nkeep, memory_order_release);
}

/* At most as many timers as w's ring has room for: each readies one
 * goroutine into the ring, and a burst that overflowed it would spill
 * woken goroutines to the global queue's tail, behind everything queued
 * there (in timers, tens of thousands of goroutines that had not started:
 * 3,000-10,000 of its sleepers ran more than 10 ms late, each holding its
 * stack, and the ones that started meanwhile needed new stacks). Due
 * timers left in the heap keep their deadline order and run as the ring
 * drains, or on another worker. A full ring still runs one every
 * GLOBAL_TICKS ticks (`fair`), so that timers cannot starve behind a ring
 * that never drains. */
static void run_timers(rt_worker *w, int64_t now, bool fair)
{
    uint32_t room = RUNQ_SIZE - runq_len(w);
    if (room < TIMERS_MIN_ROOM && runq_oldest_is_cell(w)) {
        runq_evict_cells(w);
        room = RUNQ_SIZE - runq_len(w);
    }
    if (room < TIMERS_MIN_ROOM && !fair)
        return; /* the hint stays in the past: checked again next tick */
    if (room == 0)
        room = 1;
    rt_lock_acquire(&sched.timer_lock);
    uint64_t gen = sched.timer_gen;
    rt_lock_release(&sched.timer_lock);
    int64_t next = rt_timers_run(now, room);
    rt_lock_acquire(&sched.timer_lock);
    if (sched.timer_gen != gen) {
        int64_t h = atomic_load_explicit(&sched.timer_hint, memory_order_relaxed);
        if (h >= 0 && (next < 0 || h < next))
            next = h;
    }
    atomic_store_explicit(&sched.timer_hint, next, memory_order_seq_cst);
    rt_lock_release(&sched.timer_lock);
}

/* A timer's deadline (the hint) has passed. */
static inline bool timer_due(void)
{
    int64_t h = atomic_load_explicit(&sched.timer_hint, memory_order_relaxed);
    return h >= 0 && now_ns() >= h;
}

/* Busy path: one atomic load unless a timer is pending. */
static inline void check_timers(rt_worker *w, uint32_t tick)
{
    int64_t h = atomic_load_explicit(&sched.timer_hint, memory_order_relaxed);
    if (RT_UNLIKELY(h >= 0)) {
        int64_t now = now_ns();
        if (now >= h)
            run_timers(w, now, tick % GLOBAL_TICKS == 0);
    }
}

RT_EXPORT void rt_timers_changed(int64_t when)
{
    rt_lock_acquire(&sched.timer_lock);
    int64_t h = atomic_load_explicit(&sched.timer_hint, memory_order_relaxed);
    if (h < 0 || when < h)
        atomic_store_explicit(&sched.timer_hint, when, memory_order_seq_cst);
    sched.timer_gen++;
    rt_lock_release(&sched.timer_lock);
    if (!atomic_load_explicit(&sched.running, memory_order_acquire))
        return;
    int wid = atomic_load_explicit(&sched.timer_watcher, memory_order_seq_cst);
    rt_worker *w = NULL;
    rt_lock_acquire(&sched.lock);
    if (wid != 0) {
        if (when < atomic_load_explicit(&sched.watch_deadline, memory_order_seq_cst)) {
            w = &sched.workers[wid - 1];
            if (w->idle_listed) {
                idle_remove_locked(w);
                w->wake_spinning = false;
            } else {
                w = NULL; /* awake already: it re-runs timers before sleeping */
            }
        }
    } else if (sched.nidle > 0) {
        w = idle_pop_locked();
        w->wake_spinning = false;
    }
    rt_lock_release(&sched.lock);
    if (w)
        wake_worker(w);
}

/* ------------------------------------------------------------------------ */
/* Network poller hook                                                      */

/* Will return goroutines made ready by I/O (epoll); block_ns >= 0 would let
 * the last idle worker sleep in the poller instead of on its futex. */
static rt_gx *poll_network(rt_worker *w, int64_t block_ns)
{
    (void)w;
    (void)block_ns;
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Deadlock detection                                                       */

static bool all_queues_empty(void)
{
    if (atomic_load_explicit(&sched.grq_n, memory_order_seq_cst) != 0)
        return false;
    for (int i = 0; i < sched.nprocs; i++) {
        rt_worker *v = &sched.workers[i];
        if (runq_len(v) != 0 || atomic_load_explicit(&v->runnext, memory_order_seq_cst))
            return false;
    }
    return true;
}

static int64_t g_count(void);

/* sched.lock held. */
static bool quiescent_locked(void)
{
    return sched.deadlock_detect &&
           !atomic_load_explicit(&sched.foreign, memory_order_seq_cst) &&
           atomic_load_explicit(&sched.holds, memory_order_seq_cst) == 0 &&
           atomic_load_explicit(&sched.npidle, memory_order_seq_cst) == sched.nprocs &&
           atomic_load_explicit(&sched.nmspinning, memory_order_seq_cst) == 0 &&
           all_queues_empty();
}

/* Threads in this process (/proc/self/stat field 20), -1 if unknown. */
static int count_threads(void)
{
    char buf[1024];
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *p = strrchr(buf, ')'); /* the command name may contain spaces */
    if (!p)
        return -1;
    /* after ")": state(3) ppid pgrp session tty_nr tpgid flags minflt
     * cminflt majflt cmajflt utime stime cutime cstime priority nice
     * num_threads(20) */
    int field = 2;
    for (p++; *p && field < 20; p++)
        if (*p == ' ')
            field++;
    return field == 20 ? atoi(p) : -1;
}

static void check_deadlock(void)
{
    if (!sched.deadlock_detect || atomic_load_explicit(&sched.foreign, memory_order_relaxed))
        return;
    rt_lock_acquire(&sched.lock);
    bool q = quiescent_locked();
    uint64_t epoch = atomic_load_explicit(&sched.idle_epoch, memory_order_relaxed);
    rt_lock_release(&sched.lock);
    if (!q || rt_timers_pending() != 0)
        return;
    rt_lock_acquire(&sched.lock);
    q = quiescent_locked() &&
        atomic_load_explicit(&sched.idle_epoch, memory_order_relaxed) == epoch;
    rt_lock_release(&sched.lock);
    if (!q || g_count() == 0)
        return;
    /* A thread that was not there when the workers started (a plain C
     * thread of the program) may still use the runtime and wake someone. */
    int nthreads = count_threads();
    if (nthreads < 0 || nthreads > sched.base_threads)
        return;
    rt_fatal("all goroutines are asleep - deadlock!", NULL);
}

/* ------------------------------------------------------------------------ */
/* Context switches                                                         */

static inline void switch_to_g(rt_worker *w, rt_gx *g)
{
#if RT_ASAN
    __sanitizer_start_switch_fiber(&w->asan_g0_fake, g->g.stack_lo,
                                   (size_t)((char *)g->g.stack_hi - (char *)g->g.stack_lo));
#endif
#if RT_TSAN
    __tsan_switch_to_fiber(g->g.tsan_fiber, 0);
#endif
    rt_ctx_switch(&w->g0_sp, g->g.ctx_sp);
#if RT_ASAN
    __sanitizer_finish_switch_fiber(w->asan_g0_fake, NULL, NULL);
#endif
}

static void finish_direct_switch(void);
static inline rt_gx *g_bind(rt_worker *w, rt_gx *e);

/* On goroutine g: save it and run its worker's scheduler. Returns when g is
 * resumed, maybe on another worker. */
static void switch_to_g0(rt_gx *g, int action)
{
    rt_worker *w = cur_worker();
    w->action = action;
#if RT_ASAN
    __sanitizer_start_switch_fiber(action == ACT_EXIT ? NULL : &g->asan_fake, w->g0_stack_lo,
                                   w->g0_stack_size);
#endif
#if RT_TSAN
    __tsan_switch_to_fiber(w->tsan_g0, 0);
#endif
    rt_ctx_switch(&g->g.ctx_sp, w->g0_sp);
    /* resumed: `w` may be stale now */
#if RT_ASAN
    __sanitizer_finish_switch_fiber(g->asan_fake, NULL, NULL);
#endif
    finish_direct_switch();
}

/* On goroutine `from`, which parks (action ACT_PARK, w->park_fn set) or
 * has exited (ACT_EXIT): the goroutine in w's runnext, if the scheduler
 * loop would pick it next anyway, taken for a direct switch; else NULL.
 * The loop runs instead when it has its own work to do at this tick (the
 * global queue every GLOBAL_TICKS, due timers) or when runnext has had
 * its RUNNEXT_STREAK_MAX turns and the ring holds others (with the ring
 * empty the loop would take runnext anyway, as runq_get does). */
static rt_gx *direct_next(rt_worker *w)
{
    uint32_t tick = atomic_load_explicit(&w->schedtick, memory_order_relaxed) + 1;
    if (tick % GLOBAL_TICKS == 0 ||
        (w->runnext_streak >= RUNNEXT_STREAK_MAX && runq_len(w) != 0))
        return NULL;
    int64_t h = atomic_load_explicit(&sched.timer_hint, memory_order_relaxed);
    if (RT_UNLIKELY(h >= 0) && now_ns() >= h)
        return NULL;
    rt_gx *next = runnext_take(w);
    if (!next)
        return NULL;
    atomic_store_explicit(&w->schedtick, tick, memory_order_relaxed);
    w->runnext_streak++;
    return g_bind(w, next);
}

/* Switches from goroutine `from` straight to `to` (from direct_next),
 * without the scheduler loop: one context switch instead of two. What g0
 * would do once `from` is saved (its park_fn, or recycling a dead
 * goroutine) is done by `to` as soon as it resumes: finish_direct_switch. */
static void switch_direct(rt_worker *w, rt_gx *from, rt_gx *to, int action)
{
    w->action = action;
    w->prev = from;
    atomic_store_explicit(&to->g.status, RT_G_RUNNING, memory_order_relaxed);
    w->cur = to;
    set_cur_g(to);
#if RT_ASAN
    __sanitizer_start_switch_fiber(action == ACT_EXIT ? NULL : &from->asan_fake, to->g.stack_lo,
                                   (size_t)((char *)to->g.stack_hi - (char *)to->g.stack_lo));
#endif
#if RT_TSAN
    __tsan_switch_to_fiber(to->g.tsan_fiber, 0);
#endif
    rt_ctx_switch(&from->g.ctx_sp, to->g.ctx_sp);
    /* resumed (by any worker, either way) */
#if RT_ASAN
    __sanitizer_finish_switch_fiber(from->asan_fake, NULL, NULL);
#endif
    finish_direct_switch();
}

/* ------------------------------------------------------------------------ */
/* Goroutine headers: alloc, init, free                                     */

static void g_release_to_stack(rt_gx *g)
{
#if RT_TSAN
    if (g->g.tsan_fiber)
        __tsan_destroy_fiber(g->g.tsan_fiber);
#endif
    rt_stack_free(g);
}

/* gfree_lock held: takes the last of pool[*n] and moves up to
 * GFREE_LOCAL_MAX / 2 - 1 more into w's (empty) local pool. */
static rt_gx *g_take_locked(rt_worker *w, rt_gx **pool, int n, _Atomic int *np)
{
    int k = w ? GFREE_LOCAL_MAX / 2 : 1;
    if (k > n)
        k = n;
    n -= k;
    if (k > 1) {
        memcpy(w->gfree, pool + n + 1, (size_t)(k - 1) * sizeof *pool);
        w->ngfree = k - 1;
    }
    atomic_store_explicit(np, n, memory_order_relaxed);
    return pool[n];
}

/* On g0 or a goroutine of w (owner), or w == NULL from a plain thread. */
static rt_gx *g_alloc(rt_worker *w)
{
    rt_gx *g = NULL;
    if (w && w->ngfree > 0)
        return w->gfree[--w->ngfree];
    if (atomic_load_explicit(&sched.ngfree, memory_order_relaxed) > 0 ||
        atomic_load_explicit(&sched.ngclean, memory_order_relaxed) > 0) {
        rt_lock_acquire(&sched.gfree_lock);
        int n = atomic_load_explicit(&sched.ngfree, memory_order_relaxed);
        int nc = atomic_load_explicit(&sched.ngclean, memory_order_relaxed);
        if (n > 0)
            g = g_take_locked(w, sched.gfree, n, &sched.ngfree);
        else if (nc > 0)
            g = g_take_locked(w, sched.gclean, nc, &sched.ngclean);
        rt_lock_release(&sched.gfree_lock);
        if (g)
            return g;
    }
    g = rt_stack_alloc();
#if RT_TSAN
    g->g.tsan_fiber = __tsan_create_fiber(0);
#endif
    return g;
}

/* The clean marker: a word at the bottom of the page that holds the
 * goroutine header (the top of its slot). g_setup writes it when the
 * argument block and first frame leave room; a goroutine whose stack grows
 * past its first page usually overwrites it. Frames need not write every
 * word, so a surviving marker is confirmed with mincore(). */
static inline uint64_t *g_clean_mark(rt_gx *g)
{
    return (uint64_t *)(((uintptr_t)g->g.stack_hi - 1) & ~sched.page_mask);
}

/* g is dead: did its stack stay within its top page? Then releasing its
 * slot would free that one page (a madvise and a TLB shootdown) only for
 * the next goroutine to fault it back in. The cheap half of the test: the
 * marker survived. */
static inline bool g_clean_marked(rt_gx *g)
{
    return sched.clean_ok && *g_clean_mark(g) == CLEAN_MARK;
}

/* The expensive half, for the n goroutines of v with clean[i] set: no page
 * of the stack below the top one may be resident; clears clean[i] where
 * one is. One mincore() covers a run of slots of the same chunk that lie
 * within CLEAN_SPAN_PAGES: a system call costs ~1.5 us on the VMs the
 * benchmarks run on, and the goroutines one worker frees together often
 * had neighbouring slots (in a burst of 100,000 sleepers this halved the
 * calls). The vector lives on the current stack, which may be a
 * goroutine's (after a direct switch): hence the modest span; a stack
 * larger than the span is looked at a span at a time. */
#define CLEAN_SPAN_PAGES 1024
static void g_confirm_clean(rt_gx **v, bool *clean, int n)
{
    rt_gx *c[GFREE_LOCAL_MAX];
    int idx[GFREE_LOCAL_MAX];
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (!clean[i])
            continue;
        int j = m++; /* insertion sort by address */
        for (; j > 0 && (uintptr_t)c[j - 1] > (uintptr_t)v[i]; j--) {
            c[j] = c[j - 1];
            idx[j] = idx[j - 1];
        }
        c[j] = v[i];
        idx[j] = i;
    }
    unsigned char vec[CLEAN_SPAN_PAGES];
    uintptr_t ps = sched.page_mask + 1;
    for (int a = 0, b; a < m; a = b) {
        uintptr_t lo = (uintptr_t)c[a]->g.stack_lo;
        for (b = a + 1; b < m && c[b]->chunk == c[a]->chunk &&
                        ((uintptr_t)g_clean_mark(c[b]) - lo) / ps <= CLEAN_SPAN_PAGES;
             b++)
            ;
        uintptr_t end = (uintptr_t)g_clean_mark(c[b - 1]);
        /* [lo, end) a span at a time (one span unless a single stack is
         * larger); page p of the span at base is vec[p]. */
        for (uintptr_t base = lo; base < end; base += CLEAN_SPAN_PAGES * ps) {
            uintptr_t hi = end - base > CLEAN_SPAN_PAGES * ps ? base + CLEAN_SPAN_PAGES * ps : end;
            bool ok = mincore((void *)base, hi - base, vec) == 0;
            for (int k = a; k < b; k++) {
                uintptr_t s0 = (uintptr_t)c[k]->g.stack_lo, s1 = (uintptr_t)g_clean_mark(c[k]);
                if (s1 <= base || s0 >= hi)
                    continue;
                if (!ok) {
                    clean[idx[k]] = false;
                    continue;
                }
                uintptr_t from = s0 > base ? s0 : base, to = s1 < hi ? s1 : hi;
                for (uintptr_t p = (from - base) / ps; p < (to - base) / ps; p++)
                    if (vec[p] & 1) {
                        clean[idx[k]] = false;
                        break;
                    }
            }
        }
    }
}

/* On g0, no lock held, every worker idle: releases up to GCLEAN_RELEASE
 * slots of the clean pool; true if some remain. */
static bool gclean_release(void)
{
    rt_gx *v[GCLEAN_RELEASE];
    int n = 0;
    rt_lock_acquire(&sched.gfree_lock);
    int nc = atomic_load_explicit(&sched.ngclean, memory_order_relaxed);
    while (n < GCLEAN_RELEASE && nc > 0)
        v[n++] = sched.gclean[--nc];
    atomic_store_explicit(&sched.ngclean, nc, memory_order_relaxed);
    bool more = nc > 0;
    rt_lock_release(&sched.gfree_lock);
    for (int i = 0; i < n; i++)
        g_release_to_stack(v[i]);
    return more;
}

/* On g0, after a burst of goroutines spawned faster than they started.
 * Every worker idle: no pending-goroutine cell is in use and none can be
 * allocated while sched.lock is held (pend.c's invariants), so the cells'
 * memory goes back to the OS, and so do the global queue's nodes. */
static void burst_memory_release(void)
{
    rt_lock_acquire(&sched.lock);
    if (atomic_load_explicit(&sched.npidle, memory_order_relaxed) == sched.nprocs) {
        rt_pend_reset();
        grq_region_reset();
    }
    rt_lock_release(&sched.lock);
}

/* On w's g0: g is dead and switched out for good. */
static void g_free(rt_worker *w, rt_gx *g)
{
    atomic_store_explicit(&g->g.status, RT_G_IDLE, memory_order_release);
    w->gfree[w->ngfree++] = g;
    if (w->ngfree < GFREE_LOCAL_MAX)
        return;
    /* Move the older half to the global pool; beyond its cap, keep clean
     * stacks in the clean pool and release the others. The clean checks
     * (a system call each) run before taking the lock. */
    enum { B = GFREE_LOCAL_MAX / 2 };
    rt_gx *batch[B];
    bool clean[B];
    memcpy(batch, w->gfree, sizeof batch);
    memmove(w->gfree, w->gfree + B, (size_t)(GFREE_LOCAL_MAX - B) * sizeof *w->gfree);
    w->ngfree -= B;
    int room = GFREE_GLOBAL_MAX - atomic_load_explicit(&sched.ngfree, memory_order_relaxed);
    for (int i = 0; i < B; i++)
        clean[i] = i >= room && sched.gclean &&
                   atomic_load_explicit(&sched.ngclean, memory_order_relaxed) < GCLEAN_MAX &&
                   g_clean_marked(batch[i]);
    g_confirm_clean(batch, clean, B);
    rt_gx *rel[B];
    int nrel = 0;
    rt_lock_acquire(&sched.gfree_lock);
    int n = atomic_load_explicit(&sched.ngfree, memory_order_relaxed);
    int nc = atomic_load_explicit(&sched.ngclean, memory_order_relaxed);
    for (int i = 0; i < B; i++) {
        if (n < GFREE_GLOBAL_MAX)
            sched.gfree[n++] = batch[i];
        else if (clean[i] && nc < GCLEAN_MAX)
            sched.gclean[nc++] = batch[i];
        else
            rel[nrel++] = batch[i];
    }
    atomic_store_explicit(&sched.ngfree, n, memory_order_relaxed);
    atomic_store_explicit(&sched.ngclean, nc, memory_order_relaxed);
    rt_lock_release(&sched.gfree_lock);
    for (int i = 0; i < nrel; i++)
        g_release_to_stack(rel[i]);
}

static void g_entry(rt_gx *g);

/* A new goroutine starts with its creator's floating-point control state
 * (x86: the MXCSR control bits, status flags cleared, and the x87 control
 * word; arm64: FPCR), captured by the `go` statement: the goroutine may be
 * set up later, on another worker (pend.h). */
static uint64_t fpenv_capture(void)
{
#if defined(__x86_64__)
    uint32_t mxcsr;
    uint16_t fpcw;
    __asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
    __asm__ __volatile__("fnstcw %0" : "=m"(fpcw));
    return (uint64_t)(mxcsr & ~0x3fu) | (uint64_t)fpcw << 32;
#elif defined(__aarch64__)
    uint64_t fpcr;
    __asm__ __volatile__("mrs %0, fpcr" : "=r"(fpcr));
    return fpcr;
#else
#error "no context switch for this CPU"
#endif
}

/* Owner-only increment of a counter others may read: no locked
 * instruction. */
static inline void owner_add(_Atomic int64_t *c, int64_t d)
{
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + d,
                          memory_order_relaxed);
}

/* A goroutine is created, on worker w (NULL: a plain thread): counted
 * (cgo_num_goroutine) from its `go` statement on, whether it has a stack
 * yet or not. Returns its id: unique, increasing per worker (a worker
 * takes GOID_BATCH at a time, as Go's Ps do). */
static uint64_t g_count_new(rt_worker *w)
{
    if (!w) {
        atomic_fetch_add_explicit(&sched.ngo_threads, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&sched.nspawns_threads, 1, memory_order_relaxed);
        return atomic_fetch_add_explicit(&sched.next_goid, 1, memory_order_relaxed);
    }
    owner_add(&w->ngo, 1);
    owner_add(&w->nspawned, 1);
    if (w->goid_next == w->goid_end) {
        w->goid_next = atomic_fetch_add_explicit(&sched.next_goid, GOID_BATCH, memory_order_relaxed);
        w->goid_end = w->goid_next + GOID_BATCH;
    }
    return w->goid_next++;
}

/* Goroutines that exist (racy while workers run; exact when all are
 * idle, under sched.lock: each worker's last update precedes its going
 * idle). */
static int64_t g_count(void)
{
    int64_t n = atomic_load_explicit(&sched.ngo_threads, memory_order_relaxed);
    for (int i = 0; i < sched.nprocs; i++)
        n += atomic_load_explicit(&sched.workers[i].ngo, memory_order_relaxed);
    return n;
}

/* Prepares g to start fn(copy of args) on its stack, as goroutine id
 * (g_count_new) with the FP control state fpenv (fpenv_capture). */
static void g_setup(rt_gx *g, void (*fn)(void *), const void *args, size_t size,
                    const cgo_site *site, uint64_t id, uint64_t fpenv)
{
    char *top = (char *)g->g.stack_hi;
    size_t stack = (size_t)(top - (char *)g->g.stack_lo);
    if (size > stack / 4)
        rt_panic("go: argument block too large for the goroutine stack", site);
#if RT_ASAN
    /* Frames of the previous user of this stack may have left poison. */
    __asan_unpoison_memory_region(g->g.stack_lo, stack);
#endif
    g->args = NULL;
    if (size > 0) {
        /* stack_hi is 64-aligned (stack.c): so is the copy, as cgo.h
         * promises (a block holding an over-aligned type, e.g. an AVX
         * vector, would otherwise be read with misaligned vector loads). */
        top -= RT_ALIGN_UP(size, CGO_GO_ARGS_ALIGN);
        memcpy(top, args, size);
        g->args = top;
    } else if (args) {
        g->args = top; /* a valid, empty argument block */
    }
    g->fn = fn;
#if defined(__x86_64__)
    /* rt_ctx_switch frame, see switch_x86_64.S: fp control, r15, r14, r13,
     * r12, rbx, rbp, return address. */
    uint64_t *sp = (uint64_t *)(void *)(top - 64);
    sp[0] = fpenv;
    sp[1] = 0;                         /* r15 */
    sp[2] = 0;                         /* r14 */
    sp[3] = (uint64_t)(uintptr_t)g_entry; /* r13: entry */
    sp[4] = (uint64_t)(uintptr_t)g;    /* r12: arg */
    sp[5] = 0;                         /* rbx */
    sp[6] = 0;                         /* rbp */
    sp[7] = (uint64_t)(uintptr_t)rt_ctx_trampoline;
    g->g.ctx_sp = sp;
#elif defined(__aarch64__)
    /* rt_ctx_switch frame, see switch_aarch64.S (176 bytes). */
    uint64_t *sp = (uint64_t *)(void *)(top - 176);
    memset(sp, 0, 176);
    sp[0] = (uint64_t)(uintptr_t)g;       /* x19: arg */
    sp[1] = (uint64_t)(uintptr_t)g_entry; /* x20: entry */
    sp[11] = (uint64_t)(uintptr_t)rt_ctx_trampoline; /* x30 */
    sp[20] = fpenv;
    g->g.ctx_sp = sp;
#else
#error "no context switch for this CPU"
#endif
    /* The clean marker, below the initial frame with a cache line to spare
     * (else it is left as is: whatever the arguments put there). */
    uint64_t *mark = g_clean_mark(g);
    if (sched.clean_ok && (uintptr_t)(mark + 1) + 64 <= (uintptr_t)sp)
        *mark = CLEAN_MARK;
    g->g.id = id;
    g->g.is_thread = false;
    g->g.create_site = site;
    g->g.wait_reason = RT_WAIT_NONE;
    g->g.wait_site = NULL;
    g->g.wait_since = 0;
    g->g.param = NULL;
    atomic_store_explicit(&g->g.select_done, 0, memory_order_relaxed);
    g->asan_fake = NULL;
    g->fresh = false;
    atomic_store_explicit(&g->g.status, RT_G_RUNNABLE, memory_order_release);
}

/* On w's thread (g0, or a goroutine about to switch to the result): e, a
 * run queue entry about to run, as a goroutine with a stack. A pending
 * goroutine (pend.h) takes a slot from w's pool here, the first time it
 * runs, and its cell is freed. */
static inline rt_gx *g_bind(rt_worker *w, rt_gx *e)
{
    if (RT_LIKELY(!rt_pend_owns(e)))
        return e;
    rt_pend *p = (rt_pend *)(void *)e;
    rt_gx *g = g_alloc(w);
    g_setup(g, p->fn, p->has_args ? p->args : NULL, p->args_size, p->site, p->id, p->fpenv);
    rt_pend_free(w->id, p);
    return g;
}

static _Noreturn void g_exit(rt_gx *g)
{
    atomic_store_explicit(&g->g.status, RT_G_DEAD, memory_order_release);
    rt_worker *w = cur_worker();
    owner_add(&w->ngo, -1);
    rt_gx *next = direct_next(w);
    if (next)
        switch_direct(w, g, next, ACT_EXIT);
    else
        switch_to_g0(g, ACT_EXIT);
    abort(); /* never resumed */
}

static void g_entry(rt_gx *g)
{
#if RT_ASAN
    __sanitizer_finish_switch_fiber(NULL, NULL, NULL);
#endif
    finish_direct_switch();
    g->fn(g->args);
    g_exit(g);
}

/* ------------------------------------------------------------------------ */
/* The scheduler loop (g0)                                                  */

static rt_gx *steal_work(rt_worker *w)
{
    static const uint32_t coprimes[] = {1, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47};
    uint32_t n = (uint32_t)sched.nprocs;
    /* Victims that declined a grace period in this call are busy handing
     * off: asking them again in the next round, a microsecond later, only
     * cost them another cache miss or two (select at 2 workers: 98 -> 90
     * ns per item). */
    uint64_t declined[MAX_PROCS / 64] = {0};
    bool any_declined = false;
    for (int attempt = 0; attempt < STEAL_TRIES; attempt++) {
        bool last = attempt == STEAL_TRIES - 1;
        uint32_t start = rt_rand_n(n), stride;
        do
            stride = coprimes[rt_rand_n(sizeof coprimes / sizeof coprimes[0])];
        while (n % stride == 0 && stride != 1);
        for (uint32_t i = 0, pos = start; i < n; i++, pos = (pos + stride) % n) {
            rt_worker *v = &sched.workers[pos];
            if (v == w || (declined[pos / 64] >> (pos % 64) & 1))
                continue;
            tls_grace_declined = false;
            rt_gx *g = runq_steal(w, v, last);
            if (g)
                return g;
            if (tls_grace_declined) {
                declined[pos / 64] |= (uint64_t)1 << (pos % 64);
                any_declined = true;
            }
        }
    }
    tls_grace_declined = any_declined;
    return NULL;
}

/* A worker about to sleep, with its own queues empty, found work queued
 * (all_queues_empty was false): true if all of it is handoff work that
 * its owner runs next while it keeps scheduling (it declines the grace
 * period of RING_GRACE_NS): a runnext, or a lone woken goroutine in the
 * ring (ring_has_parallel_work). Spinning on would only have the
 * spinner's looks cost the owner cache misses (docs/performance.md). The
 * caller sleeps then, at most RUNNEXT_WATCH_NS while v is busy, as it
 * does for a runnext nobody woke it for. */
static bool only_handoff_work(rt_worker *w)
{
    if (atomic_load_explicit(&sched.grq_n, memory_order_seq_cst) != 0)
        return false;
    for (int i = 0; i < sched.nprocs; i++) {
        rt_worker *v = &sched.workers[i];
        if (v == w)
            continue;
        if (ring_has_parallel_work(v))
            return false;
        /* v keeps scheduling: it declines a stealer's grace period. */
        if ((runq_len(v) != 0 || atomic_load_explicit(&v->runnext, memory_order_seq_cst)) &&
            grace_expired(v, GRACE_RING_HEAD, (uintptr_t)grace_watched(v, GRACE_RING_HEAD)))
            return false;
    }
    return true;
}

/* Blocks until it has a goroutine for w to run (status RUNNABLE). */
static rt_gx *find_runnable(rt_worker *w, bool *inherit)
{
    rt_gx *g;
    bool watch_wake = false; /* back from a RUNNEXT_WATCH_NS sleep: look once, no spin */
top:
    *inherit = false;
    uint32_t tick = atomic_load_explicit(&w->schedtick, memory_order_relaxed) + 1;
    atomic_store_explicit(&w->schedtick, tick, memory_order_relaxed);
    check_timers(w, tick);
    if (tick % GLOBAL_TICKS == 0 && ((g = grq_get(w, 1)) || (g = runq_check_stale(w))))
        goto found;
    if ((g = runq_get(w, inherit)))
        goto found;
    if ((g = grq_get(w, 0)))
        goto found;
    if ((g = poll_network(w, 0)))
        goto found;

    if (w->spinning || 2 * atomic_load_explicit(&sched.nmspinning, memory_order_relaxed) <
                           sched.nprocs - atomic_load_explicit(&sched.npidle, memory_order_relaxed)) {
        if (!w->spinning) {
            w->spinning = true;
            atomic_fetch_add_explicit(&sched.nmspinning, 1, memory_order_seq_cst);
        }
        if ((g = steal_work(w)))
            goto found;
        /* Spin a little longer (SPIN_NS) before paying for a futex sleep
         * and, later, a futex wake: work often arrives in bursts. Only when
         * every worker can have its own CPU. */
        if (sched.spin_ok && !watch_wake) {
            bool slept = atomic_load_explicit(&w->n_sleeps, memory_order_relaxed) != 0;
            int64_t until = now_ns() + (slept ? SPIN_NS : STARTUP_SPIN_NS);
            unsigned delay = SPIN_PROBE_MIN;
            do {
                for (unsigned i = 0; i < delay; i++)
                    rt_cpu_relax();
                if ((g = runq_get(w, inherit)) || (g = grq_get(w, 0)) || (g = steal_work(w)))
                    goto found;
                if (!tls_grace_declined)
                    delay = SPIN_PROBE_MIN;
                else if (delay < SPIN_PROBE_MAX)
                    delay *= 2;
            } while (now_ns() < until);
        }
    }

    /* Run due timers before sleeping; they may have readied goroutines. */
    int64_t now = now_ns();
    if (rt_timers_pending() > 0 ||
        atomic_load_explicit(&sched.timer_hint, memory_order_relaxed) >= 0)
        run_timers(w, now, true);
    if (runq_len(w) || atomic_load_explicit(&w->runnext, memory_order_relaxed))
        goto top;

    /* Go idle. */
    rt_lock_acquire(&sched.lock);
    if ((g = grq_get_locked(w, 0))) {
        rt_lock_release(&sched.lock);
        goto found;
    }
    atomic_store_explicit(&w->sema, 0, memory_order_relaxed);
    sched.idle[sched.nidle++] = w;
    w->idle_listed = true;
    w->wake_spinning = false;
    atomic_fetch_add_explicit(&sched.npidle, 1, memory_order_seq_cst);
    rt_lock_release(&sched.lock);

    bool was_spinning = w->spinning;
    if (was_spinning) {
        w->spinning = false;
        atomic_fetch_sub_explicit(&sched.nmspinning, 1, memory_order_seq_cst);
        if (!all_queues_empty() && !only_handoff_work(w)) {
            rt_lock_acquire(&sched.lock);
            bool listed = w->idle_listed;
            if (listed)
                idle_remove_locked(w);
            rt_lock_release(&sched.lock);
            if (listed) {
                w->spinning = true;
                atomic_fetch_add_explicit(&sched.nmspinning, 1, memory_order_seq_cst);
                goto top;
            }
            /* someone woke us meanwhile: consume the wake below */
        }
    }

    check_deadlock();

    /* Sleep: as the timer watcher with a timeout, else until woken. */
    int64_t timeout = -1;
    bool watcher = false;
    int64_t next = atomic_load_explicit(&sched.timer_hint, memory_order_seq_cst);
    if (next >= 0) {
        atomic_store_explicit(&sched.watch_deadline, next, memory_order_seq_cst);
        int z = 0;
        if (atomic_compare_exchange_strong_explicit(&sched.timer_watcher, &z, w->id + 1,
                                                    memory_order_seq_cst, memory_order_relaxed)) {
            watcher = true;
            int64_t h = atomic_load_explicit(&sched.timer_hint, memory_order_seq_cst);
            if (h >= 0 && h < next) {
                next = h;
                atomic_store_explicit(&sched.watch_deadline, next, memory_order_seq_cst);
            }
            timeout = next - now_ns();
            if (timeout < 0)
                timeout = 0;
        }
    }
    /* rt_ready does not wake anyone for a goroutine that only sits in its
     * waker's runnext (it runs as soon as the waker blocks). If the waker
     * computes on instead, that goroutine would wait for it indefinitely
     * while this worker sleeps, and its runnext may fill only after we fell
     * asleep: so, while another worker is running goroutines (only a
     * running worker can hold a goroutine in runnext: an idle one took it
     * before listing itself idle), sleep at most RUNNEXT_WATCH_NS and look
     * again (a steal takes it if that worker has not scheduled meanwhile:
     * grace_expired). With every worker idle the sleep is unbounded. */
    bool runnext_watch = false;
    if (atomic_load_explicit(&sched.npidle, memory_order_relaxed) < sched.nprocs &&
        (timeout < 0 || timeout > RUNNEXT_WATCH_NS)) {
        runnext_watch = true;
        timeout = RUNNEXT_WATCH_NS;
    }
    /* Every worker idle: a burst's cells and queue nodes go back to the OS
     * (one madvise each), ... */
    if ((rt_pend_carved() > 0 || atomic_load_explicit(&sched.grq_carved, memory_order_relaxed) > 0) &&
        atomic_load_explicit(&sched.npidle, memory_order_relaxed) == sched.nprocs)
        burst_memory_release();
    /* ... and the clean pool's pages, a batch at a
     * time, until work arrives or a timer is due (a batch is ~64 system
     * calls: without the timer check a sleeper's wakeup waited for the
     * whole pool). */
    while (atomic_load_explicit(&sched.ngclean, memory_order_relaxed) > 0 &&
           atomic_load_explicit(&sched.npidle, memory_order_relaxed) == sched.nprocs &&
           atomic_load_explicit(&w->sema, memory_order_acquire) == 0 && !timer_due() &&
           gclean_release())
        ;
    atomic_fetch_add_explicit(&w->n_sleeps, 1, memory_order_relaxed);
    while (atomic_load_explicit(&w->sema, memory_order_acquire) == 0) {
        if (timeout == 0)
            break;
        rt_futex_wait(&w->sema, 0, timeout);
        if (runnext_watch)
            break;
        if (timeout > 0) {
            int64_t left = atomic_load_explicit(&sched.watch_deadline, memory_order_relaxed) - now_ns();
            timeout = left > 0 ? left : 0;
        }
    }
    if (watcher) {
        int me = w->id + 1;
        atomic_store_explicit(&sched.watch_deadline, INT64_MAX, memory_order_seq_cst);
        atomic_compare_exchange_strong_explicit(&sched.timer_watcher, &me, 0,
                                                memory_order_seq_cst, memory_order_relaxed);
    }
    rt_lock_acquire(&sched.lock);
    if (w->idle_listed)
        idle_remove_locked(w); /* timed out: nobody removed us */
    bool spin = w->wake_spinning;
    w->wake_spinning = false;
    rt_lock_release(&sched.lock);
    w->spinning = spin;
    /* Not woken by anyone (woken workers get sema = 1): a periodic look. */
    watch_wake = runnext_watch && atomic_load_explicit(&w->sema, memory_order_relaxed) == 0;
    goto top;

found:
    if (w->spinning)
        reset_spinning(w);
    return g;
}

/* Canary mode: g, which has just switched out, overflowed its stack if its
 * canary is damaged. Checked on the next context (g0 or the goroutine
 * switched to), never on g's own stack: that is already past its end, and
 * the report (with the dynamic linker's lazy binding of write, which saves
 * the whole vector state) needs a few KiB more. */
static inline void check_canary(rt_gx *g)
{
    if (RT_UNLIKELY(!rt_stack_canary_ok(g)))
        rt_fatal_stack_overflow(g);
}

/* g (parked or dead) has switched out of worker w for good: sets it
 * WAITING and runs its park_fn, or recycles it. False if its park_fn
 * declined (the goroutine must run on; it is RUNNING again). */
static bool park_or_free(rt_worker *w, rt_gx *g, int action)
{
    if (action == ACT_EXIT) {
        g_free(w, g);
        return true;
    }
    atomic_store_explicit(&g->g.status, RT_G_WAITING, memory_order_release);
    if (w->park_fn && !w->park_fn(&g->g, w->park_arg)) {
        int expect = RT_G_WAITING;
        if (atomic_compare_exchange_strong_explicit(&g->g.status, &expect, RT_G_RUNNING,
                                                    memory_order_acq_rel, memory_order_relaxed))
            return false;
        /* readied concurrently: it is queued already */
    }
    return true;
}

/* On the goroutine that was just switched to (right after its switch
 * returns, or first thing in g_entry): completes a direct switch away
 * from w->prev, if that is how it got here. A parked goroutine whose
 * park_fn declined goes back to the run queue (runnable). */
static void finish_direct_switch(void)
{
    rt_worker *w = cur_worker();
    rt_gx *p = w->prev;
    if (RT_LIKELY(p == NULL))
        return;
    w->prev = NULL;
    check_canary(p);
    if (!park_or_free(w, p, w->action)) {
        atomic_store_explicit(&p->g.status, RT_G_RUNNABLE, memory_order_release);
        runq_put(w, p, false);
        wakep();
    }
}

/* Runs g on w until a goroutine switches back to g0 (g itself, or the last
 * of a chain of direct switches that started with g), then does what that
 * goroutine asked for. */
static void execute(rt_worker *w, rt_gx *g, bool inherit)
{
    w->runnext_streak = inherit ? w->runnext_streak + 1 : 0;
    g = g_bind(w, g);
again:
    atomic_store_explicit(&g->g.status, RT_G_RUNNING, memory_order_relaxed);
    w->cur = g;
    set_cur_g(g);
    switch_to_g(w, g);
    g = w->cur;
    check_canary(g);
    set_cur_g(NULL);
    w->cur = NULL;
    switch (w->action) {
    case ACT_PARK:
    case ACT_EXIT:
        if (!park_or_free(w, g, w->action))
            goto again;
        break;
    case ACT_YIELD:
        /* Behind everything queued on this worker: the ring's old end (its
         * new end is popped first). */
        atomic_store_explicit(&g->g.status, RT_G_RUNNABLE, memory_order_release);
        runq_push_oldest(w, g);
        break;
    default:
        rt_fatal("scheduler: goroutine switched out without an action", NULL);
    }
}

static void worker_loop(rt_worker *w)
{
    for (;;) {
        bool inherit;
        rt_gx *g = find_runnable(w, &inherit);
        execute(w, g, inherit);
    }
}

/* ------------------------------------------------------------------------ */
/* Signals: stack overflow                                                  */

static uintptr_t uc_sp(void *ucp)
{
    ucontext_t *uc = ucp;
#if defined(__x86_64__)
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
#elif defined(__aarch64__)
    return (uintptr_t)uc->uc_mcontext.sp;
#else
    (void)uc;
    return UINTPTR_MAX;
#endif
}

static void segv_handler(int sig, siginfo_t *si, void *uc)
{
    /* The running goroutine with its stack pointer at (or past) the bottom
     * of its stack and a fault near it: its overflow, whatever page it hit
     * (canary mode, or a frame that jumped over its guard). */
    rt_gx *g = cur_g();
    uintptr_t a = (uintptr_t)si->si_addr;
    if (g && !g->g.is_thread) {
        uintptr_t lo = (uintptr_t)g->g.stack_lo;
        if (uc_sp(uc) < lo + 256 && a < lo + 256 && a + ((uintptr_t)1 << 20) >= lo)
            rt_fatal_stack_overflow(g);
    }
    g = rt_stack_guard_owner(si->si_addr);
    if (g)
        rt_fatal_stack_overflow(g);
    /* Not ours: chain to the previous handler, or re-raise with the
     * default action (the fault repeats when we return). */
    struct sigaction *old = sig == SIGSEGV ? &sched.old_segv : &sched.old_bus;
    if (old->sa_flags & SA_SIGINFO) {
        if (old->sa_sigaction) {
            old->sa_sigaction(sig, si, uc);
            return;
        }
    } else if (old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
        old->sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);
}

static void install_signal_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = segv_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &sched.old_segv);
    sigaction(SIGBUS, &sa, &sched.old_bus);
    rt_panic_install_sigquit();
}

/* Per worker thread: an alternate signal stack for the SIGSEGV handler
 * (the faulting goroutine's stack is exhausted). */
static size_t altstack_size(void)
{
    size_t size = 64 * 1024;
#if RT_ASAN || RT_TSAN
    size *= 4;
#endif
    return size;
}

/* Mapped by the thread that creates the worker (start_workers): an mmap
 * in the new thread would take the address space's lock for writing while
 * the creator, already running goroutines, faults in and populates stack
 * pages under it for reading, and on the benchmark VM each such wait
 * parks a vCPU for tens of microseconds. NULL if out of memory: the
 * worker then runs without one (a stack overflow is reported as a plain
 * SIGSEGV). */
static void *altstack_map(void)
{
    void *p = mmap(NULL, altstack_size(), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void worker_sigaltstack(rt_worker *w)
{
    if (!w->altstack)
        return;
    stack_t ss = {.ss_sp = w->altstack, .ss_size = altstack_size(), .ss_flags = 0};
    sigaltstack(&ss, NULL);
}

/* ------------------------------------------------------------------------ */
/* Workers and initialisation                                               */

static void worker_bind(rt_worker *w)
{
    tls_worker = w;
    worker_sigaltstack(w);
#if RT_TSAN
    w->tsan_g0 = __tsan_get_current_fiber();
#endif
    w->g0_stack_lo = NULL;
    w->g0_stack_size = 0;
#if RT_ASAN
    /* Only ASan's fiber switches need g0's stack bounds. Elsewhere the call
     * is not worth it: it allocates, and a new thread's first allocation
     * creates its malloc arena (mmap, munmap, mprotect: 100-190 us on the
     * benchmark VM) before the worker could take its first goroutine. */
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *lo;
        size_t sz;
        if (pthread_attr_getstack(&attr, &lo, &sz) == 0) {
            w->g0_stack_lo = lo;
            w->g0_stack_size = sz;
        }
        pthread_attr_destroy(&attr);
    }
#endif
}

/* A new worker thread starts pinned to its seed CPU (pthread attribute,
 * choose_seed_cpus) and unpins itself here: it may run anywhere again.
 * Linux wakes a sleeping thread on the CPU it last ran on when that CPU is
 * idle, or else next to its waker, and starts a new thread next to its
 * creator. Left alone, a worker created and woken by worker 0 could wait on
 * worker 0's CPU while another CPU idled, the two taking turns until the
 * kernel's load balancer moved one, milliseconds later (seen on the
 * benchmark VM, whose vCPUs share no cache the kernel knows of, so a wakeup
 * never looks for an idle CPU: fib at 2 workers ran no faster than at 1).
 * Starting on a CPU of its own gives each worker a CPU to come back to. */
static void worker_unpin(rt_worker *w)
{
    int cpu = sched_getcpu();
    if (w->seed_cpu >= 0)
        sched_setaffinity(0, sizeof sched.seed_mask, &sched.seed_mask);
    atomic_store_explicit(&w->start_cpu, cpu, memory_order_release);
}

static void *worker_main(void *arg)
{
    rt_worker *w = arg;
    worker_unpin(w);
    worker_bind(w);
    worker_loop(w);
    return NULL;
}

static _Noreturn void bad_procs(const char *s)
{
    fprintf(stderr, "fatal error: invalid CGO_PROCS=\"%s\" (expected a number from 1 to %d)\n",
            s, MAX_PROCS);
    exit(2);
}

static void thread_key_dtor(void *p);

/* init_mu serialises the two ways to start: lazily (rt_init from a plain
 * thread: init_state 1, every worker a new thread) or cgo_main (init_state
 * 2, the main thread becomes worker 0). */
static pthread_mutex_t init_mu = PTHREAD_MUTEX_INITIALIZER;
static int init_state;

static void init_common(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    const char *env = getenv("CGO_PROCS");
    if (env && *env) {
        char *end;
        errno = 0;
        long v = strtol(env, &end, 10);
        if (*end || errno || v < 1 || v > MAX_PROCS)
            bad_procs(env);
        n = v;
    }
    if (n > MAX_PROCS)
        n = MAX_PROCS;
    sched.nprocs = (int)n;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    sched.spin_ok = n > 1 && n <= ncpu;
    long ps = sysconf(_SC_PAGESIZE);
    sched.page_mask = (uintptr_t)(ps > 0 ? ps : 4096) - 1;
    sched.clean_ok = !RT_ASAN && !RT_TSAN;
    /* Address space only: pages are touched as the clean pool grows. */
    sched.gclean = malloc(GCLEAN_MAX * sizeof *sched.gclean);
#ifdef CGO_HAVE_VALGRIND_H
    if (RUNNING_ON_VALGRIND)
        sched.clean_ok = false;
#endif
    rt_stack_init();
    rt_pend_init((int)n);
    void *region = mmap(NULL, GRQ_REGION_NODES * sizeof(grq_node), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    sched.grq_region = region == MAP_FAILED ? NULL : region; /* NULL: malloc only */
    /* Workers never move: g0 pointers in them are used by goroutines. */
    void *mem = NULL;
    if (posix_memalign(&mem, RT_CACHE_LINE, sizeof(rt_worker) * (size_t)n) != 0)
        rt_fatal("out of memory creating workers", NULL);
    sched.workers = mem;
    memset(sched.workers, 0, sizeof(rt_worker) * (size_t)n);
    sched.idle = calloc((size_t)n, sizeof *sched.idle);
    if (!sched.idle)
        rt_fatal("out of memory creating workers", NULL);
    for (int i = 0; i < n; i++) {
        rt_worker *w = &sched.workers[i];
        w->id = i;
        atomic_store_explicit(&w->start_cpu, -1, memory_order_relaxed);
        w->g0x.g.is_thread = true;
        atomic_store_explicit(&w->g0x.g.status, RT_G_RUNNING, memory_order_relaxed);
    }
    atomic_store_explicit(&sched.watch_deadline, INT64_MAX, memory_order_relaxed);
    pthread_key_create(&sched.thread_key, thread_key_dtor);
    install_signal_handlers();
}

/* Chooses each new worker's seed CPU (worker_unpin): the CPUs the
 * creating thread may run on, in turn, starting after the one it runs on
 * (the main thread, worker 0 under cgo_main, stays there). With one
 * worker, or one allowed CPU, nobody is pinned. */
static void choose_seed_cpus(int first)
{
    for (int i = 0; i < sched.nprocs; i++)
        sched.workers[i].seed_cpu = -1;
    cpu_set_t *all = &sched.seed_mask;
    if (sched.nprocs < 2 || sched_getaffinity(0, sizeof *all, all) != 0)
        return;
    int allowed[CPU_SETSIZE], n = 0, self = 0, here = sched_getcpu();
    for (int c = 0; c < CPU_SETSIZE; c++) {
        if (CPU_ISSET(c, all)) {
            if (c == here)
                self = n;
            allowed[n++] = c;
        }
    }
    if (n < 2)
        return;
    for (int i = first; i < sched.nprocs; i++)
        sched.workers[i].seed_cpu = allowed[(self + i - first + 1) % n];
}

static void start_workers(int first)
{
    choose_seed_cpus(first);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = first; i < sched.nprocs; i++) {
        rt_worker *w = &sched.workers[i];
        w->altstack = altstack_map();
        if (w->seed_cpu >= 0) {
            /* best effort: where this fails the worker starts anywhere
             * (worker_unpin is harmless then) */
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(w->seed_cpu, &one);
            pthread_attr_setaffinity_np(&attr, sizeof one, &one);
        }
        int err = pthread_create(&w->thread, &attr, worker_main, w);
        if (err) {
            fprintf(stderr, "fatal error: cannot create worker thread: %s\n", strerror(err));
            exit(2);
        }
    }
    pthread_attr_destroy(&attr);
}

RT_EXPORT void rt_init(void)
{
    if (RT_LIKELY(atomic_load_explicit(&sched.running, memory_order_acquire)))
        return;
    pthread_mutex_lock(&init_mu);
    if (init_state == 0) {
        init_common();
        init_state = 1;
        atomic_store_explicit(&sched.running, true, memory_order_release);
        start_workers(0);
    }
    pthread_mutex_unlock(&init_mu);
}

/* ------------------------------------------------------------------------ */
/* Thread pseudo-goroutines                                                 */

static void thread_key_dtor(void *p)
{
    rt_gx *g = p;
    /* back to the pool; the struct stays valid for late futex wakes */
    atomic_store_explicit(&g->g.status, RT_G_IDLE, memory_order_release);
}

static rt_gx *thread_g_get(void)
{
    rt_gx *g = tls_thread_g;
    if (RT_LIKELY(g != NULL))
        return g;
    rt_init();
    atomic_store_explicit(&sched.foreign, true, memory_order_seq_cst);
    for (g = atomic_load_explicit(&sched.thread_gs, memory_order_acquire); g;
         g = gnext(g)) {
        int expect = RT_G_IDLE;
        if (atomic_compare_exchange_strong_explicit(&g->g.status, &expect, RT_G_RUNNING,
                                                    memory_order_acq_rel, memory_order_relaxed))
            break;
    }
    if (!g) {
        g = calloc(1, sizeof *g);
        if (!g)
            rt_fatal("out of memory", NULL);
        g->g.is_thread = true;
        atomic_store_explicit(&g->g.status, RT_G_RUNNING, memory_order_relaxed);
        rt_gx *head = atomic_load_explicit(&sched.thread_gs, memory_order_relaxed);
        do
            g->g.sched_next = gptr(head);
        while (!atomic_compare_exchange_weak_explicit(&sched.thread_gs, &head, g,
                                                      memory_order_release, memory_order_relaxed));
    }
    tls_thread_g = g;
    pthread_setspecific(sched.thread_key, g);
    return g;
}

void rt_sched_each_thread_g(void (*fn)(rt_gx *g, void *arg), void *arg)
{
    for (rt_gx *g = atomic_load_explicit(&sched.thread_gs, memory_order_acquire); g;
         g = gnext(g))
        fn(g, arg);
}

static void thread_park(rt_gx *g, bool (*fn)(rt_g *, void *), void *arg)
{
    atomic_store_explicit(&g->g.wake, 0, memory_order_relaxed);
    atomic_store_explicit(&g->g.status, RT_G_WAITING, memory_order_release);
    if (fn && !fn(&g->g, arg)) {
        int expect = RT_G_WAITING;
        if (atomic_compare_exchange_strong_explicit(&g->g.status, &expect, RT_G_RUNNING,
                                                    memory_order_acq_rel, memory_order_relaxed))
            return;
        /* readied concurrently: wait for its wake store below */
    }
    while (atomic_load_explicit(&g->g.wake, memory_order_acquire) == 0)
        rt_futex_wait(&g->g.wake, 0, -1);
    atomic_store_explicit(&g->g.status, RT_G_RUNNING, memory_order_relaxed);
}

/* ------------------------------------------------------------------------ */
/* rt.h entry points                                                        */

RT_EXPORT rt_g *rt_self(void)
{
    rt_gx *g = cur_g();
    if (RT_LIKELY(g != NULL))
        return &g->g;
    rt_worker *w = cur_worker();
    if (w)
        return &w->g0x.g; /* scheduler stack (timer callbacks) */
    return &thread_g_get()->g;
}

RT_EXPORT void rt_park(bool (*unlock_fn)(rt_g *g, void *arg), void *arg,
                       rt_wait_reason reason, const cgo_site *site)
{
    rt_gx *g = rt_gx_of(rt_self());
    g->g.wait_reason = (int)reason;
    g->g.wait_site = site;
    g->g.wait_since = rt_coarse_now();
    if (g->g.is_thread) {
        if (RT_UNLIKELY(cur_worker() != NULL))
            rt_fatal("rt_park on the scheduler stack (a timer callback blocked)", site);
        thread_park(g, unlock_fn, arg);
        return;
    }
    rt_worker *w = cur_worker();
    w->park_fn = unlock_fn;
    w->park_arg = arg;
    rt_gx *next = direct_next(w);
    if (next)
        switch_direct(w, g, next, ACT_PARK);
    else
        switch_to_g0(g, ACT_PARK);
}

static _Noreturn void ready_not_waiting(rt_gx *g, int status)
{
    char msg[96];
    snprintf(msg, sizeof msg, "rt_ready of goroutine %llu that is not waiting (status %d)",
             (unsigned long long)g->g.id, status);
    rt_fatal(msg, NULL);
}

static void ready_queue(rt_gx *g, bool run_next);

RT_EXPORT void rt_ready(rt_g *gp, bool run_next)
{
    rt_gx *g = rt_gx_of(gp);
    int expect = RT_G_WAITING;
    if (RT_UNLIKELY(!atomic_compare_exchange_strong_explicit(
            &g->g.status, &expect, RT_G_RUNNABLE, memory_order_acq_rel, memory_order_acquire)))
        ready_not_waiting(g, expect);
    ready_queue(g, run_next);
}

RT_EXPORT void rt_ready_parked(rt_g *gp, bool run_next)
{
    rt_gx *g = rt_gx_of(gp);
    int status = atomic_load_explicit(&g->g.status, memory_order_relaxed);
    if (RT_UNLIKELY(status != RT_G_WAITING))
        ready_not_waiting(g, status);
    atomic_store_explicit(&g->g.status, RT_G_RUNNABLE, memory_order_release);
    ready_queue(g, run_next);
}

/* g is RUNNABLE now: wake its thread, or queue it (and maybe a worker). */
static void ready_queue(rt_gx *g, bool run_next)
{
    if (g->g.is_thread) {
        atomic_store_explicit(&g->g.wake, 1, memory_order_release);
        rt_futex_wake(&g->g.wake, 1);
        return;
    }
    rt_worker *w = cur_worker();
    if (w) {
        if (run_next && runq_put_next(w, g))
            return; /* only runnext: it runs when the current one blocks */
        if (!run_next)
            runq_put(w, g, false);
    } else {
        grq_put(&g, 1);
    }
    wakep();
}

static void spawn(void (*fn)(void *), const void *args, size_t size, const cgo_site *site)
{
    rt_worker *w = cur_worker();
    if (!w) {
        rt_init();
        thread_g_get(); /* marks the runtime as used by a plain thread */
    }
    uint64_t id = g_count_new(w);
    uint64_t fpenv = fpenv_capture();
    rt_gx *g;
    rt_pend *p;
    if (w && size <= RT_PEND_ARGS_MAX && (p = rt_pend_alloc(w->id))) {
        /* No stack yet: the worker that runs it binds one (g_bind). */
        p->fn = fn;
        p->has_args = args != NULL;
        p->args_size = (uint16_t)size;
        if (size > 0)
            memcpy(p->args, args, size);
        p->site = site;
        p->id = id;
        p->fpenv = fpenv;
        atomic_store_explicit(&p->status, RT_G_RUNNABLE, memory_order_relaxed);
        g = (rt_gx *)(void *)p;
    } else {
        g = g_alloc(w);
        g_setup(g, fn, args, size, site, id, fpenv);
    }
    if (w) {
        runq_put(w, g, true);
    } else {
        grq_put(&g, 1);
    }
    if (atomic_load_explicit(&sched.running, memory_order_relaxed))
        wakep();
}

RT_EXPORT void rt_spawn(void (*fn)(void *args), const void *args, size_t args_size,
                        const cgo_site *site)
{
    spawn(fn, args, args_size, site);
}

#undef cgo_go
RT_EXPORT void cgo_go_at(void (*fn)(void *args), const void *args, size_t args_size,
                         const cgo_site *site)
{
    spawn(fn, args, args_size, site);
}

RT_EXPORT void cgo_go(void (*fn)(void *args), const void *args, size_t args_size)
{
    spawn(fn, args, args_size, NULL);
}

RT_EXPORT void cgo_yield(void)
{
    rt_gx *g = cur_g();
    if (!g) {
        sched_yield();
        return;
    }
    switch_to_g0(g, ACT_YIELD);
}

RT_EXPORT int cgo_num_goroutine(void)
{
    /* The workers exist once running is set or on a worker's thread
     * (cgo_main's main may run before it sets running). */
    int64_t n = cur_worker() || atomic_load_explicit(&sched.running, memory_order_acquire)
                    ? g_count()
                    : 0;
    return n > 0 ? (int)n : 0;
}

RT_EXPORT int cgo_num_procs(void)
{
    if (!atomic_load_explicit(&sched.running, memory_order_acquire))
        rt_init();
    return sched.nprocs;
}

void rt_sched_hold(int delta)
{
    atomic_fetch_add_explicit(&sched.holds, delta, memory_order_seq_cst);
}

int rt_sched_worker_start_cpu(int i, int *seed_cpu)
{
    *seed_cpu = -1;
    if (i < 0 || i >= sched.nprocs)
        return -1;
    int cpu = atomic_load_explicit(&sched.workers[i].start_cpu, memory_order_acquire);
    if (cpu >= 0)
        *seed_cpu = sched.workers[i].seed_cpu; /* written before the thread started */
    return cpu;
}

void rt_sched_get_stats(rt_sched_stats *out)
{
    memset(out, 0, sizeof *out);
    out->nprocs = sched.nprocs;
    out->npidle = atomic_load_explicit(&sched.npidle, memory_order_relaxed);
    for (int i = 0; i < sched.nprocs; i++) {
        rt_worker *w = &sched.workers[i];
        out->steals += atomic_load_explicit(&w->n_steals, memory_order_relaxed);
        out->global_gets += atomic_load_explicit(&w->n_global, memory_order_relaxed);
        out->futex_sleeps += atomic_load_explicit(&w->n_sleeps, memory_order_relaxed);
    }
    out->spawns = atomic_load_explicit(&sched.nspawns_threads, memory_order_relaxed);
    for (int i = 0; i < sched.nprocs; i++)
        out->spawns += (uint64_t)atomic_load_explicit(&sched.workers[i].nspawned,
                                                      memory_order_relaxed);
    out->slots_in_use = rt_stack_slots_in_use();
    out->pend_cells = rt_pend_carved();
    out->grq_nodes = atomic_load_explicit(&sched.grq_carved, memory_order_relaxed);
    out->slot_size = rt_stack_slot_size();
    out->stack_size = rt_stack_usable();
}

/* ------------------------------------------------------------------------ */
/* cgo_main                                                                 */

typedef struct main_args {
    int (*fn)(int, char **);
    int argc;
    char **argv;
} main_args;

static void main_trampoline(void *p)
{
    main_args *a = p;
    exit(a->fn(a->argc, a->argv));
}

RT_EXPORT _Noreturn void cgo_main(int (*main_fn)(int argc, char **argv), int argc, char **argv)
{
    main_args a = {main_fn, argc, argv};
    static _Atomic int main_called;
    if (atomic_exchange(&main_called, 1))
        rt_fatal("cgo_main called twice", NULL);
    pthread_mutex_lock(&init_mu);
    bool mine = init_state == 0;
    if (mine) {
        init_common();
        init_state = 2;
    }
    pthread_mutex_unlock(&init_mu);
    if (!mine) {
        /* A plain C thread started the runtime first: run main as a
         * goroutine and block this thread; main's return exits. */
        spawn(main_trampoline, &a, sizeof a, NULL);
        for (;;)
            pause();
    }
    sched.deadlock_detect = true;
    rt_worker *w0 = &sched.workers[0];
    /* The other workers first: a new thread needs 270-640 us to start
     * running on an idle vCPU of the benchmark VM, time that overlaps with
     * the rest of the set-up here and main's first steps; each new worker
     * then spins (STARTUP_SPIN_NS) until main's first goroutines arrive. */
    start_workers(1);
    /* Count the threads before main's goroutine is queued: once a worker
     * runs main, main may create a plain thread before a later count
     * (seen under valgrind), making that thread look like part of the base
     * and a later wait on it look like a deadlock. */
    sched.base_threads = count_threads();
    w0->altstack = altstack_map();
    worker_bind(w0);
    rt_gx *g = g_alloc(w0);
    /* id 1, not a batch of w0's: main may run on any worker */
    g_setup(g, main_trampoline, &a, sizeof a, NULL, g_count_new(NULL), fpenv_capture());
    runq_put(w0, g, false);
    atomic_store_explicit(&sched.running, true, memory_order_release);
    worker_loop(w0);
    abort();
}
