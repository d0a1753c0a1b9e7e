/*
 * rt.h — the runtime's internal contract between its modules.
 *
 *   sched.c   workers (Ms+Ps merged: one worker = one OS thread with a run
 *             queue), run queues, stealing, parking idle workers, cgo_main,
 *             cgo_go_at, the thread pseudo-goroutine, deadlock detection
 *   switch_x86_64.S / switch_aarch64.S   the context switch
 *   stack.c   goroutine stacks: chunked, pooled, guard pages
 *   lock.c    rt_lock (spin then futex)
 *   panic.c   panics, fatal errors, goroutine dumps, SIGQUIT
 *   chan.c, select.c   channels and select
 *   sync.c    mutex, rwmutex, waitgroup, once, cond
 *   time.c    clock, timer heap, sleep
 *   time_chan.c   cgo_after, timers, tickers, cgo_after_func (on time.c's
 *             heap; frees after channels through chan.c's receive hook)
 *
 * Nothing outside runtime/ includes this file; the translator and users see
 * only cgo.h.
 *
 * Parking protocol (the one rule every blocking operation follows):
 *   A blocking operation takes the lock of the object it waits on, enqueues
 *   a waiter naming rt_self(), and calls rt_park(unlock_fn, lock, ...).
 *   rt_park saves the goroutine's context, switches to the worker's own
 *   (scheduler) stack and only THEN calls unlock_fn(g, arg) to release the
 *   object's lock. So a waker, which must take that lock to find the waiter,
 *   can never rt_ready() a goroutine whose context is not yet saved. If
 *   unlock_fn returns false the goroutine resumes at once instead of parking.
 *   The waker removes the waiter from the object's queue under the lock,
 *   stores any result into the waiter, then calls rt_ready(g, ...). After
 *   rt_ready the waker must not touch the waiter (it lives on the parked
 *   goroutine's stack) nor, on the waiter's behalf, the object.
 *
 *   On a plain C thread rt_self() returns that thread's pseudo-goroutine
 *   (created on first use, flagged is_thread); rt_park then blocks the thread
 *   on a futex and rt_ready wakes it. Blocking code needs no special case.
 */
#ifndef CGO_RT_H
#define CGO_RT_H

#include "cgo.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------ */
/* Compiler helpers                                                         */

#define RT_LIKELY(x) __builtin_expect(!!(x), 1)
#define RT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define RT_CACHE_LINE 64
#define RT_ALIGN_UP(x, a) (((x) + ((a) - 1)) & ~((uintptr_t)(a) - 1))

typedef struct rt_g rt_g;

/* ------------------------------------------------------------------------ */
/* Locks (lock.c): a small mutual-exclusion lock for runtime objects.       */
/* Spins briefly, then sleeps on a futex. Usable from goroutines, plain     */
/* threads and the scheduler stack. Never held across rt_park except as the */
/* lock that rt_park's unlock_fn releases. Zero-initialised = unlocked.     */

typedef struct rt_lock {
    _Atomic uint32_t state; /* 0 unlocked, 1 locked */
} rt_lock;

/* Waiters that may sleep in futex_wait, counted per bucket of a hash of
 * the lock's address (lock.c): not in the lock, because the unlocker
 * must not touch the lock after its release store (the next holder may
 * free it at once, e.g. a channel freed after its close). */
#define RT_LOCK_SLEEPER_BUCKETS 1024
extern _Atomic uint32_t rt_lock_sleepers[RT_LOCK_SLEEPER_BUCKETS];

static inline _Atomic uint32_t *rt_lock_sleepers_of(const rt_lock *l)
{
    uint64_t h = (uint64_t)(uintptr_t)l * 0x9e3779b97f4a7c15ULL;
    return &rt_lock_sleepers[h >> 54]; /* the top 10 bits */
}

/* membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) is registered and usable:
 * set once by a constructor in lock.c, before main (false under valgrind).
 * Fast paths that pair plain accesses with a membarrier on the rare side
 * (rt_lock_release, sched.c's runnext handshake) test it. */
extern bool rt_membarrier_ok;

/* membarrier(PRIVATE_EXPEDITED): every thread of the process that is
 * running passes a full memory barrier before it returns. rt_membarrier_ok
 * must be true. */
void rt_membarrier(void);

/* CPU hint for spin-wait loops (x86 PAUSE, ~18 ns on the benchmark
 * machine; arm64 YIELD). */
static inline void rt_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield" ::: "memory");
#else
    atomic_signal_fence(memory_order_seq_cst);
#endif
}

/* The uncontended paths (one CAS; a store and a load) are inline: a
 * channel handoff takes and releases two locks. */
void rt_lock_acquire_slow(rt_lock *l);
void rt_lock_wake(rt_lock *l);

static inline void rt_lock_acquire(rt_lock *l)
{
    uint32_t c = 0;
    if (!RT_LIKELY(atomic_compare_exchange_strong_explicit(&l->state, &c, 1, memory_order_acquire,
                                                           memory_order_relaxed)))
        rt_lock_acquire_slow(l);
}

/* Release, then wake a sleeper if there may be one. The store and the
 * load of the sleeper count form a Dekker pair with the waiter's increment
 * and its look at state (see lock.c): with rt_membarrier_ok the waiter's
 * membarrier supplies the full barrier between them, so this side needs no
 * locked instruction; without, both sides are seq_cst. After the store
 * only the sleeper table and the lock's address (a futex key) are used. */
static inline void rt_lock_release(rt_lock *l)
{
    _Atomic uint32_t *sleepers = rt_lock_sleepers_of(l);
    if (RT_LIKELY(rt_membarrier_ok)) {
        atomic_store_explicit(&l->state, 0, memory_order_release);
        atomic_signal_fence(memory_order_seq_cst);
        if (RT_UNLIKELY(atomic_load_explicit(sleepers, memory_order_relaxed) != 0))
            rt_lock_wake(l);
        return;
    }
    atomic_exchange_explicit(&l->state, 0, memory_order_seq_cst);
    if (RT_UNLIKELY(atomic_load_explicit(sleepers, memory_order_seq_cst) != 0))
        rt_lock_wake(l);
}

bool rt_lock_try(rt_lock *l);

/* rt_park unlock_fn that releases the rt_lock passed as arg; returns true. */
bool rt_unlock_park_fn(rt_g *g, void *lock);

/* Futex wrappers (lock.c). rt_futex_wait returns after a wake, a spurious
 * wake, *addr != expected, or timeout_ns (< 0: none) elapsing. */
void rt_futex_wait(_Atomic uint32_t *addr, uint32_t expected, int64_t timeout_ns);
void rt_futex_wake(_Atomic uint32_t *addr, int count);

/* ------------------------------------------------------------------------ */
/* Goroutines                                                               */

typedef enum rt_gstatus {
    RT_G_IDLE = 0,  /* in the free list, not a live goroutine */
    RT_G_RUNNABLE,  /* in a run queue or run-next slot */
    RT_G_RUNNING,   /* on a worker */
    RT_G_WAITING,   /* parked; wait_reason says why */
    RT_G_DEAD,      /* returned; being recycled */
} rt_gstatus;

/* What a parked goroutine waits for; printed in dumps as Go prints it. */
typedef enum rt_wait_reason {
    RT_WAIT_NONE = 0,
    RT_WAIT_CHAN_SEND,        /* "chan send" */
    RT_WAIT_CHAN_RECV,        /* "chan receive" */
    RT_WAIT_CHAN_SEND_NIL,    /* "chan send (nil chan)" */
    RT_WAIT_CHAN_RECV_NIL,    /* "chan receive (nil chan)" */
    RT_WAIT_SELECT,           /* "select" */
    RT_WAIT_SELECT_NO_CASES,  /* "select (no cases)" */
    RT_WAIT_SLEEP,            /* "sleep" */
    RT_WAIT_IO,               /* "IO wait" */
    RT_WAIT_MUTEX,            /* "sync.Mutex" */
    RT_WAIT_RWMUTEX_R,        /* "sync.RWMutex.RLock" */
    RT_WAIT_RWMUTEX_W,        /* "sync.RWMutex.Lock" */
    RT_WAIT_WAITGROUP,        /* "sync.WaitGroup" */
    RT_WAIT_COND,             /* "sync.Cond.Wait" */
    RT_WAIT_ONCE,             /* "sync.Once" */
    RT_WAIT__COUNT
} rt_wait_reason;

const char *rt_wait_reason_name(rt_wait_reason r);

struct rt_g {
    /* --- owned by sched.c / stack.c; read-only elsewhere --- */
    void *ctx_sp;             /* saved stack pointer while switched out */
    uint64_t id;              /* goroutine number, 1 = main; 0 = thread pseudo-g */
    _Atomic int status;       /* rt_gstatus */
    bool is_thread;           /* pseudo-goroutine of a plain C thread */
    _Atomic uint32_t wake;    /* is_thread: futex word rt_ready sets to 1 */
    rt_g *sched_next;         /* run queue / free list link (sched.c only) */
    const cgo_site *create_site; /* the go statement */
    void *stack_lo, *stack_hi;   /* usable stack [lo, hi) */
    void *sched_private;      /* sched.c / sanitizer fiber handles */
    void *tsan_fiber;

    /* --- written by the parking goroutine before rt_park, read by dumps --- */
    int wait_reason;          /* rt_wait_reason while RT_G_WAITING */
    const cgo_site *wait_site;
    int64_t wait_since;       /* cgo_now() when parked (dumps: "N minutes") */

    /* --- for blocking modules: set by a waker before rt_ready --- */
    void *param;              /* e.g. the select waiter that fired */
    _Atomic uint32_t select_done; /* select: first waker to CAS 0->1 wins */
};

/* The running goroutine, or this plain thread's pseudo-goroutine. */
rt_g *rt_self(void);

/* Parks rt_self() with the protocol above. reason/site are shown in dumps
 * and the deadlock report. unlock_fn may be NULL (nothing to release). */
void rt_park(bool (*unlock_fn)(rt_g *g, void *arg), void *arg,
             rt_wait_reason reason, const cgo_site *site);

/* Makes a parked g runnable. run_next: run it right after the current
 * goroutine on this worker yields or parks (channel handoffs), instead of at
 * the tail of the run queue. Callable from goroutines, plain threads, the
 * scheduler stack (timers) and signal-free contexts; never from a signal
 * handler. */
void rt_ready(rt_g *g, bool run_next);

/* rt_ready for a goroutine known to be parked for good: the caller found it
 * under the lock its unlock_fn released, and that unlock_fn never declines
 * (channels and select: rt_unlock_park_fn, sel_park_unlock). Its status is
 * then WAITING and only this caller may change it, so a plain store does
 * what rt_ready's compare-and-swap does (one locked instruction less per
 * channel handoff). */
void rt_ready_parked(rt_g *g, bool run_next);

/* Starts a goroutine from runtime code (timers' after_func). */
void rt_spawn(void (*fn)(void *args), const void *args, size_t args_size,
              const cgo_site *site);

/* Makes sure the workers are running (lazy start for plain C programs). */
void rt_init(void);

/* A fast per-worker (or per-thread) pseudo-random number (select order,
 * steal victims). */
uint32_t rt_rand(void);
/* Uniform in [0, n), n > 0. */
static inline uint32_t rt_rand_n(uint32_t n)
{
    return (uint32_t)(((uint64_t)rt_rand() * n) >> 32);
}

/* ------------------------------------------------------------------------ */
/* Timers, between time.c and sched.c                                       */

/* time.c: runs the timers due at or before now, earliest first, at most
 * max of them (callbacks run on the scheduler stack and must not block:
 * they rt_ready a sleeper, try-send on a timer channel, or rt_spawn; each
 * readies or spawns at most one goroutine). Returns the earliest pending
 * deadline, or -1 if no timer is pending; a deadline <= now if it stopped
 * at max. Called by idle workers and periodically by busy ones; safe to
 * call concurrently (one caller runs timers at a time). */
int64_t rt_timers_run(int64_t now, size_t max);

/* time.c: number of timers pending (deadlock detection: a pending timer
 * means something can still happen). */
int64_t rt_timers_pending(void);

/* sched.c: time.c calls this after adding a timer whose deadline is when,
 * so a worker sleeping past `when` is woken to run it in time. */
void rt_timers_changed(int64_t when);

/* ------------------------------------------------------------------------ */
/* Channel receive hook, between chan.c/select.c and time_chan.c            */

/* time_chan.c frees a cgo_after channel (and its timer) once its one value
 * has been received. fn(c, arg) is called once per VALUE received from c
 * (never for a receive that reports a close), by the receiving goroutine or
 * thread, after it has released every channel lock and as its last access
 * to c for that operation, so fn may free c. Never called on the sender's
 * side: the sender of an after channel is a timer callback running under the
 * timer heap lock inside rt_timers_run. Set once, right after
 * cgo_chan_make_at and before c is shared; immutable afterwards. A channel
 * without a hook pays one predicted-not-taken branch per receive. */
typedef void (*rt_chan_recv_hook)(cgo_chan *c, void *arg);
void rt_chan_set_recv_hook(cgo_chan *c, rt_chan_recv_hook fn, void *arg);
/* The arg given to rt_chan_set_recv_hook; NULL if c has no hook. */
void *rt_chan_recv_hook_arg(const cgo_chan *c);

/* ------------------------------------------------------------------------ */
/* Panics and diagnostics (panic.c)                                         */

/* "panic: <msg>" + goroutine dump + exit(2). */
_Noreturn void rt_panic(const char *msg, const cgo_site *site);
/* "fatal error: <msg>" + goroutine dump + exit(2) (deadlock, unlock of an
 * unlocked mutex, stack overflow, runtime invariants). */
_Noreturn void rt_fatal(const char *msg, const cgo_site *site);

/* ------------------------------------------------------------------------ */
/* Intrusive FIFO wait queues, shared by chan.c, select.c and sync.c.       */
/* A waiter lives on the waiting goroutine's stack; the queue is protected  */
/* by the lock of the object that owns it.                                  */

typedef struct rt_waiter rt_waiter;
struct rt_waiter {
    rt_waiter *next, *prev;
    rt_g *g;
    void *elem;          /* chan: value to send / where to receive */
    bool *ok_out;        /* chan recv: where to store ok, may be NULL */
    bool success;        /* set by the waker: true = value, false = closed */
    bool is_select;      /* part of a select: check g->select_done */
    int case_index;      /* select: which case this waiter is */
    struct cgo_chan *chan;
    uintptr_t aux;       /* free for the owning module (sync: ticket, kind) */
};

typedef struct rt_waitq {
    rt_waiter *first, *last;
} rt_waitq;

static inline bool rt_waitq_empty(const rt_waitq *q) { return q->first == NULL; }

static inline void rt_waitq_push(rt_waitq *q, rt_waiter *w)
{
    w->next = NULL;
    w->prev = q->last;
    if (q->last)
        q->last->next = w;
    else
        q->first = w;
    q->last = w;
}

static inline void rt_waitq_push_front(rt_waitq *q, rt_waiter *w)
{
    w->prev = NULL;
    w->next = q->first;
    if (q->first)
        q->first->prev = w;
    else
        q->last = w;
    q->first = w;
}

static inline void rt_waitq_remove(rt_waitq *q, rt_waiter *w)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        q->first = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        q->last = w->prev;
    w->next = w->prev = NULL;
}

static inline rt_waiter *rt_waitq_pop(rt_waitq *q)
{
    rt_waiter *w = q->first;
    if (w)
        rt_waitq_remove(q, w);
    return w;
}

#endif /* CGO_RT_H */
