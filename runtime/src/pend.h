/*
 * pend.h — goroutines that have not started yet (pend.c), private to
 * sched.c and panic.c.
 *
 * A `go` statement on a worker does not take a stack slot: it fills a
 * pending-goroutine cell (function, a copy of the argument block, id,
 * creation site, the creator's floating-point control state) and queues
 * the cell. The worker that first runs it binds it to a stack slot from its
 * own pool of recently dead goroutines (hot in its cache) and frees the
 * cell. See docs/runtime.md ("A stack only once it runs") and the invariants at
 * the top of pend.c.
 */
#ifndef CGO_PEND_H
#define CGO_PEND_H

#include "rt_sched.h"

#include <stdbool.h>
#include <stdint.h>

/* Argument blocks up to this size fit in a cell; a `go` with a larger one
 * takes its stack slot at once (as do spawns from plain threads). With a
 * block of up to 24 bytes, a cell is one cache line of writes. */
#define RT_PEND_ARGS_MAX 88

typedef struct rt_pend {
    _Atomic int status;          /* RT_G_RUNNABLE while queued, else RT_G_IDLE */
    uint16_t args_size;
    bool has_args;               /* args given (maybe an empty block) */
    uint64_t id;
    void (*fn)(void *args);
    const cgo_site *site;
    uint64_t fpenv;              /* the creator's FP control state */
    unsigned char args[RT_PEND_ARGS_MAX];
} rt_pend;

/* The cells' address range: a run queue entry is an rt_gx * or, for a
 * goroutine that has not started, an rt_pend * in this range. */
extern struct rt_pend_range {
    uintptr_t lo, size;
} rt_pend_range;

static inline bool rt_pend_owns(const void *p)
{
    return (uintptr_t)p - rt_pend_range.lo < rt_pend_range.size;
}

/* Reserves the cells' address space; per-worker caches for nworkers.
 * Called once by sched.c's init, before any worker runs. Without the
 * reservation (mmap failed) every rt_pend_alloc returns NULL. */
void rt_pend_init(int nworkers);

/* A free cell for worker `worker` (its owner thread only), or NULL when
 * every cell is in use (the caller then binds a slot at once). */
rt_pend *rt_pend_alloc(int worker);

/* p was bound (its contents copied out) by worker `worker`'s thread. */
void rt_pend_free(int worker, rt_pend *p);

/* Every cell is free and none can be allocated until this returns (the
 * caller holds sched.lock with every worker on the idle list: only
 * running workers allocate, and a worker leaves the idle list under
 * sched.lock). Gives the cells' memory back to the OS and forgets every
 * cell: a burst of pending goroutines costs no memory once it is over. */
void rt_pend_reset(void);

/* Cells handed out since the last reset (resident at most): 0 when
 * there is nothing to give back. */
uint32_t rt_pend_carved(void);

/* For tests, before the runtime starts: at most `cells` cells (the
 * default is 1,048,576), to reach the fallback quickly. */
void rt_pend_set_limit(uint32_t cells);

/* Best-effort walk of the queued cells, for dumps. Async-signal-safe,
 * lock-free. */
void rt_pend_each(void (*fn)(const rt_pend *p, void *arg), void *arg);

#endif /* CGO_PEND_H */
