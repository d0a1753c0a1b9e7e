/*
 * rt_sched.h — private interface between the scheduler's own files (sched.c,
 * stack.c, panic.c) and the runtime tests. Other modules use rt.h only.
 *
 * rt_gx extends the public rt_g (first member, so an rt_g * converts to an
 * rt_gx * by a cast) with the scheduler's private per-goroutine state. For a
 * goroutine it lives at the top of the goroutine's own stack slot (see
 * stack.c), so a parked goroutine's header and its innermost frames share
 * one page. Thread pseudo-goroutines are heap allocated and never freed
 * (they are pooled for reuse by later threads), so a waker may always touch
 * their futex word.
 */
#ifndef CGO_RT_SCHED_H
#define CGO_RT_SCHED_H

#include "rt.h"

#include <stddef.h>
#include <stdint.h>

/* ------------------------------------------------------------------------ */
/* Sanitizer and valgrind detection (one place for every runtime file).     */

#if defined(__SANITIZE_ADDRESS__)
#define RT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RT_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define RT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define RT_TSAN 1
#endif
#endif
#ifndef RT_ASAN
#define RT_ASAN 0
#endif
#ifndef RT_TSAN
#define RT_TSAN 0
#endif

/* Functions whose plain reads of other threads' goroutine headers are
 * deliberately racy (best-effort dumps): not instrumented by TSan. */
#if RT_TSAN
#define RT_NO_TSAN __attribute__((no_sanitize("thread")))
#else
#define RT_NO_TSAN
#endif

/* Functions that read stack memory that AddressSanitizer may have
 * poisoned (another goroutine's frames: the stack canary check). */
#if RT_ASAN
#define RT_NO_ASAN __attribute__((no_sanitize("address")))
#else
#define RT_NO_ASAN
#endif

/* Public API functions: exported from the shared library (the runtime is
 * built with -fvisibility=hidden). */
#define RT_EXPORT __attribute__((visibility("default")))

/* ------------------------------------------------------------------------ */
/* The extended goroutine header                                            */

enum rt_guard_kind {
    RT_GUARD_NONE = 0,   /* thread pseudo-g: no goroutine stack */
    RT_GUARD_MADVISE,    /* MADV_GUARD_INSTALL page below the stack */
    RT_GUARD_MPROTECT,   /* PROT_NONE page below the stack (costs VMAs) */
    RT_GUARD_CANARY,     /* canary words at stack_lo, checked at switch-out */
};

typedef struct rt_gx {
    rt_g g;                      /* must be first */
    void (*fn)(void *args);      /* entry; args is on this stack */
    void *args;
    void *asan_fake;             /* ASan fake stack while switched out */
    uint32_t chunk;              /* stack.c: chunk index of the slot */
    uint32_t slot;               /* stack.c: slot index within the chunk */
    uint32_t valgrind_id;        /* VALGRIND_STACK_REGISTER id */
    uint8_t guard;               /* enum rt_guard_kind */
    bool fresh;                  /* header just (re)initialised by stack.c */
} rt_gx;

static inline rt_gx *rt_gx_of(rt_g *g) { return (rt_gx *)g; }

/* Canary written at stack_lo in RT_GUARD_CANARY mode. */
#define RT_STACK_CANARY 0x5a17c0de5a17c0deULL
#define RT_STACK_CANARY_WORDS 4

/* ------------------------------------------------------------------------ */
/* sched.c services for panic.c, stack.c and tests                          */

/* The goroutine running on this thread, or this thread's pseudo-g if it
 * has one; NULL on a scheduler stack or a thread that never used the
 * runtime. Never allocates (safe in signal handlers). */
rt_gx *rt_sched_current(void);

/* Index of the worker this thread is, or -1. Async-signal-safe. */
int rt_sched_worker_index(void);

/* Best-effort walk of every thread pseudo-goroutine (list only grows). */
void rt_sched_each_thread_g(void (*fn)(rt_gx *g, void *arg), void *arg);

/* Something outside the scheduler (poller, signal delivery) may still
 * ready a goroutine while delta > 0 is held: deadlock detection is off. */
void rt_sched_hold(int delta);

/* Counters for tests and benchmarks. */
typedef struct rt_sched_stats {
    int nprocs;
    int npidle;                  /* idle workers now */
    uint64_t steals;             /* goroutines moved by work stealing */
    uint64_t global_gets;        /* goroutines taken from the global queue */
    uint64_t futex_sleeps;       /* idle worker futex sleeps */
    uint64_t spawns;             /* goroutines started */
    uint64_t slots_in_use;       /* stack slots handed out by stack.c */
    uint32_t pend_cells;         /* cells of goroutines not started yet (pend.h)
                                    handed out since all workers were idle */
    uint32_t grq_nodes;          /* global run queue nodes handed out since then */
    size_t slot_size;            /* bytes of address space per goroutine */
    size_t stack_size;           /* usable stack bytes per goroutine */
} rt_sched_stats;
void rt_sched_get_stats(rt_sched_stats *out);

/* The CPU worker i's thread was on when it started (before worker_unpin
 * let it move), -1 if it has not started yet or never will (worker 0 under
 * cgo_main is the main thread); *seed_cpu: the CPU it was meant to start
 * on (choose_seed_cpus), -1: none. For tests. */
int rt_sched_worker_start_cpu(int i, int *seed_cpu);

/* CLOCK_MONOTONIC_COARSE in ns: wait_since stamps and the dumps that print
 * them (whole minutes). */
int64_t rt_coarse_now(void);

/* ------------------------------------------------------------------------ */
/* panic.c services                                                         */

/* Writes every goroutine (first: `first`, may be NULL) to fd 2 in Go's
 * format. Async-signal-safe (no malloc, no stdio, no locks). */
void rt_dump_all(rt_gx *first, const cgo_site *first_site);

/* Stack overflow report from the SIGSEGV handler (or a canary check), then
 * _exit(2). Async-signal-safe. */
_Noreturn void rt_fatal_stack_overflow(rt_gx *g);

/* Installs the SIGQUIT dumper if SIGQUIT has its default action. */
void rt_panic_install_sigquit(void);

#endif /* CGO_RT_SCHED_H */
