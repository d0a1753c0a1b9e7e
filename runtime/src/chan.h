/*
 * chan.h — private interface between chan.c and select.c.
 *
 * The channel object, and the few operations select.c needs to perform a
 * ready case or to block on several channels at once. Nothing else includes
 * this file; other modules use the public cgo_chan_* functions (time.c's
 * timer callbacks use cgo_chan_trysend_at).
 *
 * All invariants, the lock order and the wake-up rules are stated at the
 * top of chan.c; the select-specific ones at the top of select.c.
 */
#ifndef CGO_CHAN_H
#define CGO_CHAN_H

#include "rt.h"

#include <stddef.h>
#include <stdint.h>

#ifndef RT_EXPORT
#define RT_EXPORT __attribute__((visibility("default")))
#endif

/* Element sizes accepted by cgo_chan_make_at (cgo.h: 1 to 65536). */
#define RT_CHAN_MAX_ELEM 65536u
/* Capacity limit: len/cap return int. */
#define RT_CHAN_MAX_CAP ((int64_t)INT32_MAX)
/* Buffer size limit, 1 TiB: larger rings panic "size out of range";
 * smaller ones that cannot be allocated are a fatal "out of memory". */
#define RT_CHAN_MAX_BYTES ((uint64_t)1 << 40)

struct cgo_chan {
    rt_lock lock;               /* protects everything below except as noted */
    uint32_t elem_size;         /* immutable */
    uint32_t cap;               /* immutable; 0 = unbuffered */
    /* Written only with lock held (store-release); read lock-free by the
     * non-blocking fast paths, len() and free-of-stale checks (acquire). */
    _Atomic uint32_t qcount;    /* elements in the ring */
    _Atomic uint32_t closed;    /* 0 -> 1 once, never back */
    _Atomic uint32_t recv_waiting; /* mirror of recvq.first != NULL */
    _Atomic uint32_t send_waiting; /* mirror of sendq.first != NULL */
    uint32_t sendx;             /* ring slot the next buffered send fills */
    uint32_t recvx;             /* ring slot the next buffered recv takes */
    rt_waitq recvq;             /* blocked receivers (plain and select) */
    rt_waitq sendq;             /* blocked senders (plain and select) */
    unsigned char *buf;         /* cap * elem_size bytes right after the header */
    /* Receive hook (rt.h): set before c is shared, immutable after, so
     * read without the lock while c is known to be alive. */
    rt_chan_recv_hook recv_hook;
    void *recv_hook_arg;
};

/* ---- Lock-free readiness (no lock held; answers may be stale) -------- */

/* Lock-free: "a send cannot proceed now" for a channel that is not closed.
 * A stale select waiter counts as a receiver: conservative (the locked
 * slow path decides). */
static inline bool rt_chan_full(cgo_chan *c)
{
    if (c->cap == 0)
        return atomic_load_explicit(&c->recv_waiting, memory_order_acquire) == 0;
    return atomic_load_explicit(&c->qcount, memory_order_acquire) == c->cap;
}

/* Lock-free: "a receive cannot proceed now" (ignoring close). */
static inline bool rt_chan_empty(cgo_chan *c)
{
    if (c->cap == 0)
        return atomic_load_explicit(&c->send_waiting, memory_order_acquire) == 0;
    return atomic_load_explicit(&c->qcount, memory_order_acquire) == 0;
}

static inline bool rt_chan_closed(cgo_chan *c)
{
    return atomic_load_explicit(&c->closed, memory_order_acquire) != 0;
}

/* ---- Queues (c->lock held) ------------------------------------------- */

/* Appends w to q (c->recvq or c->sendq). */
void rt_chan_enqueue(cgo_chan *c, rt_waitq *q, rt_waiter *w);

/* Removes and returns the first waiter of q that may be woken: plain
 * waiters always; select waiters only if this call wins their goroutine's
 * select_done CAS (0 -> 1). Select waiters whose select already completed
 * elsewhere are unlinked and skipped. NULL if none. */
rt_waiter *rt_chan_dequeue_slow(cgo_chan *c, rt_waitq *q);
static inline rt_waiter *rt_chan_dequeue(cgo_chan *c, rt_waitq *q)
{
    /* Empty queue: nothing to do, and C2's mirror flag is already 0. */
    return q->first ? rt_chan_dequeue_slow(c, q) : NULL;
}

/* Unlinks w from q if it is still linked (a waker may have skipped it). */
void rt_chan_unlink(cgo_chan *c, rt_waitq *q, rt_waiter *w);

/* ---- Ready operations (c->lock held; nothing is released or woken) ---- */

/* Hands elem straight to the dequeued receiver rw; returns the goroutine
 * the caller must rt_ready once it has released every lock it holds. */
rt_g *rt_chan_give(cgo_chan *c, rt_waiter *rw, const void *elem);

/* Takes a value from the dequeued sender sw (unbuffered: straight from
 * the sender; buffered and full: the ring's head, and the sender's value
 * goes to the tail); elem may be NULL. Returns the goroutine to ready. */
rt_g *rt_chan_take(cgo_chan *c, rt_waiter *sw, void *elem);

/* Copies one element: word-sized elements (the common int, long and
 * pointer channels) without a call to memcpy. */
static inline void rt_chan_copy(void *dst, const void *src, uint32_t size)
{
    switch (size) {
    case 8: {
        uint64_t v;
        __builtin_memcpy(&v, src, 8);
        __builtin_memcpy(dst, &v, 8);
        break;
    }
    case 4: {
        uint32_t v;
        __builtin_memcpy(&v, src, 4);
        __builtin_memcpy(dst, &v, 4);
        break;
    }
    default:
        __builtin_memcpy(dst, src, size);
    }
}

/* Ring operations; the caller checked qcount < cap / qcount > 0. */
static inline void rt_chan_buf_put(cgo_chan *c, const void *elem)
{
    rt_chan_copy(c->buf + (size_t)c->sendx * c->elem_size, elem, c->elem_size);
    if (++c->sendx == c->cap)
        c->sendx = 0;
    atomic_store_explicit(&c->qcount, atomic_load_explicit(&c->qcount, memory_order_relaxed) + 1,
                          memory_order_release);
}

static inline void rt_chan_buf_get(cgo_chan *c, void *elem)
{
    if (elem)
        rt_chan_copy(elem, c->buf + (size_t)c->recvx * c->elem_size, c->elem_size);
    if (++c->recvx == c->cap)
        c->recvx = 0;
    atomic_store_explicit(&c->qcount, atomic_load_explicit(&c->qcount, memory_order_relaxed) - 1,
                          memory_order_release);
}

/* ---- Whole operations used by select's single-case fast paths -------- */

/* Send/receive with block = true/false; site for panics and dumps.
 * chan_send returns whether it sent; chan_recv whether it received (a
 * value or a close), *ok (may be NULL) saying which. */
bool rt_chan_send(cgo_chan *c, const void *elem, bool block, const cgo_site *site);
bool rt_chan_recv(cgo_chan *c, void *elem, bool *ok, bool block, const cgo_site *site);

#endif /* CGO_CHAN_H */
