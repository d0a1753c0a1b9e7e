/*
 * stack.h — goroutine stack slots (stack.c), private to sched.c/panic.c.
 *
 * A slot is one goroutine's memory: [guard page][usable stack][rt_gx header]
 * carved out of a large MAP_NORESERVE chunk. See stack.c for the invariants.
 */
#ifndef CGO_STACK_H
#define CGO_STACK_H

#include "rt_sched.h"

/* Reads CGO_STACK_SIZE and sets the geometry. Called once by rt_init
 * before any other function here. */
void rt_stack_init(void);

/* Usable stack bytes of every goroutine (>= CGO_STACK_SIZE as given). */
size_t rt_stack_usable(void);
/* The configured size (CGO_STACK_SIZE or the default), for messages. */
size_t rt_stack_requested(void);
/* Address space per goroutine (guard + stack + header). */
size_t rt_stack_slot_size(void);
/* Slots handed out and not released. */
uint64_t rt_stack_slots_in_use(void);

/* A slot whose header is zero except the stack.c fields, g.stack_lo,
 * g.stack_hi and fresh = true; its guard is installed. Never fails (out of
 * memory is a fatal error). Thread-safe. */
rt_gx *rt_stack_alloc(void);

/* Returns g's slot: its memory is released to the OS (MADV_DONTNEED) and
 * the slot is reused by a later rt_stack_alloc. The caller has destroyed
 * anything the header referenced (sanitizer fibers). Thread-safe. */
void rt_stack_free(rt_gx *g);

/* Signal handler helper: if addr is in the guard page of a slot in use,
 * returns that slot's header, else NULL. Async-signal-safe. */
rt_gx *rt_stack_guard_owner(const void *addr);

/* Best-effort walk of the headers of all slots ever handed out (released
 * ones read as zero: status RT_G_IDLE). Async-signal-safe, lock-free. */
void rt_stack_each(void (*fn)(rt_gx *g, void *arg), void *arg);

/* Canary check for RT_GUARD_CANARY slots (called at every switch-out, on
 * the next context: the canary may lie under an overflowing frame's
 * poisoned redzone). */
RT_NO_ASAN static inline bool rt_stack_canary_ok(const rt_gx *g)
{
    if (RT_LIKELY(g->guard != RT_GUARD_CANARY))
        return true;
    const volatile uint64_t *c = (const volatile uint64_t *)g->g.stack_lo;
    for (int i = 0; i < RT_STACK_CANARY_WORDS; i++)
        if (c[i] != RT_STACK_CANARY)
            return false;
    return true;
}

#endif /* CGO_STACK_H */
