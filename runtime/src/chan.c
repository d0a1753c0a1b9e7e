/*
 * chan.c — channels: make, send, receive, close, len, cap, free, and the
 * non-blocking forms. select.c builds on the operations declared in chan.h.
 *
 * Design (Go's runtime/chan.go, reimplemented)
 *   A channel is one allocation: the header, then (aligned for any type) a
 *   ring of cap elements. Blocked goroutines wait in two FIFO queues of
 *   rt_waiter records that live on the blocked goroutine's (or thread's)
 *   stack. An unbuffered send meets a blocked receiver by copying straight
 *   into the receiver's destination (and a receive straight out of a
 *   blocked sender's value); a buffered channel goes through the ring,
 *   except that a receive from a full ring with blocked senders takes the
 *   head and moves the first sender's value to the tail, so FIFO order is
 *   kept and the sender is released in the same step.
 *
 * Invariants
 *   C1  Every field except elem_size/cap (immutable) and buf (immutable) is
 *       read and written with c->lock held. qcount, closed, recv_waiting and
 *       send_waiting are atomics so that the lock-free paths (non-blocking
 *       "not ready" checks, len, the closed check) may read them; they are
 *       still only WRITTEN with the lock held, with release ordering, and
 *       read with acquire ordering.
 *   C2  recv_waiting == (recvq.first != NULL) and send_waiting ==
 *       (sendq.first != NULL) whenever c->lock is free (every queue change
 *       goes through rt_chan_enqueue / rt_chan_dequeue / rt_chan_unlink).
 *   C3  At least one of recvq and sendq holds no waiter that can still be
 *       woken, except when one select has both a send and a receive case
 *       on the same unbuffered channel. qcount > 0 implies no live
 *       receiver; qcount < cap implies no live sender. (A waiter whose
 *       select completed elsewhere may linger until its goroutine relocks
 *       the channel; rt_chan_dequeue skips it.)
 *   C4  closed goes 0 -> 1 once, under the lock; when it is set both
 *       queues are emptied in the same critical section, and no waiter is
 *       ever queued on a closed channel again.
 *   C5  A ring slot's bytes are touched only under the lock: data moves
 *       between goroutines only under c->lock (acquire/release) or through
 *       rt_ready/rt_park (the waker writes the waiter's elem, success and
 *       g->param before rt_ready; the parked goroutine reads them after it
 *       resumes). Those are the happens-before edges of Go's memory model:
 *       a send happens-before the matching receive completes, a close
 *       happens-before a receive that returns because of it (the lock-free
 *       closed check uses closed's release store / acquire load).
 *
 * Who touches a waiter
 *   W1  The waiting goroutine fills its rt_waiter (on its own stack) and
 *       enqueues it with the lock held, then rt_park(rt_unlock_park_fn):
 *       the lock is released only after its context is saved (rt.h).
 *   W2  A waker finds it only under the lock, removes it with
 *       rt_chan_dequeue (which, for a select waiter, must also win the
 *       select_done CAS: the one guarantee against double wake-ups), copies
 *       the data, sets success and g->param = the waiter, RELEASES THE LOCK,
 *       then rt_ready_parked(g) (rt.h: our unlock_fn never declines, so
 *       g is WAITING and a plain store makes it RUNNABLE; no CAS). From
 *       then on it touches neither the waiter nor the channel: the woken goroutine may return and free the channel (or
 *       its stack frame) immediately. Go readies after unlocking for the
 *       same reason. A dequeued waiter cannot be woken by anyone else, so it
 *       is safe to touch between the unlock and rt_ready.
 *   W3  Close dequeues every waiter in one critical section, zeroes the
 *       receivers' destinations, sets success = false, chains them through
 *       their (now unused) next links, unlocks, then readies them in turn,
 *       reading each waiter's next and g before readying it.
 *
 * Lock order
 *   A goroutine holds at most one channel lock, except select, which takes
 *   the locks of all its channels in increasing address order (select.c).
 *   Other locks taken while holding a channel lock: none (rt_ready, which
 *   takes scheduler locks, is always called after the channel lock is
 *   released). time.c calls cgo_chan_trysend_at with its heap lock held
 *   (heap lock -> channel lock), which is why trysend never parks or calls
 *   into time.c.
 *
 * Panics (Go's messages, with the operation's site):
 *   "send on closed channel", "close of closed channel", "close of nil
 *   channel", "makechan: size out of range", "makechan: invalid element
 *   size" (elem_size 0 or > 65536), "free of channel with blocked
 *   goroutines". Locks are released before panicking.
 *
 * Receive hook (rt.h; only cgo_after's channels have one)
 *   H1  recv_hook/recv_hook_arg are written once before the channel is
 *       shared and never again, so a receiver reads them without the lock,
 *       while it knows c is alive: at the start of the operation (select:
 *       under its locks, for the chosen case only).
 *   H2  The hook runs once per value received (never for a close), on the
 *       receiving side, after every channel lock is released and after any
 *       rt_ready of a sender; it is the operation's last access to c. The
 *       sender side never calls it (time.c's timer callbacks send with the
 *       heap lock held; freeing c there would race with a select relocking
 *       c in its step 6).
 *
 * Nil channels: send/receive park forever (reasons "chan send (nil chan)"
 * and "chan receive (nil chan)", nobody can wake them); the non-blocking
 * forms return "not ready"; len/cap return 0; free is a no-op; close panics.
 */
#include "chan.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */

static inline unsigned char *slot(cgo_chan *c, uint32_t i)
{
    return c->buf + (size_t)i * c->elem_size;
}

static inline void note_queues(cgo_chan *c)
{
    uint32_t r = c->recvq.first != NULL, s = c->sendq.first != NULL;
    if (atomic_load_explicit(&c->recv_waiting, memory_order_relaxed) != r)
        atomic_store_explicit(&c->recv_waiting, r, memory_order_release);
    if (atomic_load_explicit(&c->send_waiting, memory_order_relaxed) != s)
        atomic_store_explicit(&c->send_waiting, s, memory_order_release);
}

static _Noreturn void park_forever(rt_wait_reason reason, const cgo_site *site)
{
    rt_park(NULL, NULL, reason, site);
    rt_fatal("goroutine blocked forever was woken", site);
}

/* A plain (non-select) waiter resumed: check the waker followed W2. */
static inline void check_wakeup(rt_g *self, rt_waiter *w, const cgo_site *site)
{
    if (RT_UNLIKELY(self->param != w))
        rt_fatal("chan: goroutine woken without its waiter (wait list corrupted)", site);
    self->param = NULL;
}

/* ------------------------------------------------------------------------ */
/* Queues (chan.h)                                                          */

void rt_chan_enqueue(cgo_chan *c, rt_waitq *q, rt_waiter *w)
{
    rt_waitq_push(q, w);
    note_queues(c);
}

rt_waiter *rt_chan_dequeue_slow(cgo_chan *c, rt_waitq *q)
{
    rt_waiter *w;
    while ((w = q->first) != NULL) {
        rt_waitq_remove(q, w);
        if (w->is_select) {
            /* Between a select being woken through another case and its
             * goroutine relocking this channel, its waiter is still here:
             * the select_done CAS tells us who won. Losers just drop it
             * (the select's cleanup sees it unlinked). */
            uint32_t zero = 0;
            if (!atomic_compare_exchange_strong_explicit(&w->g->select_done, &zero, 1,
                                                         memory_order_acq_rel,
                                                         memory_order_acquire))
                continue;
        }
        break;
    }
    note_queues(c);
    return w;
}

void rt_chan_unlink(cgo_chan *c, rt_waitq *q, rt_waiter *w)
{
    /* rt_waitq_remove clears prev/next, so a linked waiter is the first
     * or has a predecessor. */
    if (w->prev != NULL || q->first == w) {
        rt_waitq_remove(q, w);
        note_queues(c);
    }
}

/* ------------------------------------------------------------------------ */
/* Ready operations (chan.h)                                                */

rt_g *rt_chan_give(cgo_chan *c, rt_waiter *rw, const void *elem)
{
    if (rw->elem)
        rt_chan_copy(rw->elem, elem, c->elem_size);
    rw->success = true;
    rt_g *g = rw->g;
    g->param = rw;
    return g;
}

rt_g *rt_chan_take(cgo_chan *c, rt_waiter *sw, void *elem)
{
    if (c->cap == 0) {
        if (elem)
            rt_chan_copy(elem, sw->elem, c->elem_size);
    } else {
        /* Ring is full (C3): take its head, the sender's value becomes
         * the tail; the ring stays full, so sendx follows recvx. */
        unsigned char *s = slot(c, c->recvx);
        if (elem)
            rt_chan_copy(elem, s, c->elem_size);
        rt_chan_copy(s, sw->elem, c->elem_size);
        if (++c->recvx == c->cap)
            c->recvx = 0;
        c->sendx = c->recvx;
    }
    sw->success = true;
    rt_g *g = sw->g;
    g->param = sw;
    return g;
}

/* ------------------------------------------------------------------------ */
/* make                                                                     */

#undef cgo_chan_make
RT_EXPORT cgo_chan *cgo_chan_make_at(size_t elem_size, int64_t cap, const cgo_site *site)
{
    if (elem_size == 0 || elem_size > RT_CHAN_MAX_ELEM)
        rt_panic("makechan: invalid element size", site);
    if (cap < 0 || cap > RT_CHAN_MAX_CAP || (uint64_t)cap * elem_size > RT_CHAN_MAX_BYTES)
        rt_panic("makechan: size out of range", site);
    size_t hdr = RT_ALIGN_UP(sizeof(struct cgo_chan), alignof(max_align_t));
    size_t size = RT_ALIGN_UP(hdr + (size_t)cap * elem_size, RT_CACHE_LINE);
    /* Cache-line aligned: two channels never share a line. */
    cgo_chan *c = aligned_alloc(RT_CACHE_LINE, size);
    if (!c)
        rt_fatal("out of memory (makechan)", site);
    memset(c, 0, sizeof *c);
    c->elem_size = (uint32_t)elem_size;
    c->cap = (uint32_t)cap;
    c->buf = (unsigned char *)c + hdr;
    return c;
}

RT_EXPORT cgo_chan *(cgo_chan_make)(size_t elem_size, int64_t cap)
{
    return cgo_chan_make_at(elem_size, cap, NULL);
}

/* ------------------------------------------------------------------------ */
/* send                                                                     */

static bool chan_send_park(cgo_chan *c, const void *elem, const cgo_site *site);
static bool chan_recv_park(cgo_chan *c, void *elem, bool *ok, rt_chan_recv_hook hook,
                           const cgo_site *site);

bool rt_chan_send(cgo_chan *c, const void *elem, bool block, const cgo_site *site)
{
    if (RT_UNLIKELY(c == NULL)) {
        if (!block)
            return false;
        park_forever(RT_WAIT_CHAN_SEND_NIL, site);
    }
    /* Non-blocking fast path: not closed and full is a state the channel
     * was in at one moment between the two loads (closed never reverts,
     * and a channel that is ready to send cannot become not ready without
     * a send, which needs the lock), so "not sent" is a linearizable
     * answer. */
    if (!block && !rt_chan_closed(c) && rt_chan_full(c))
        return false;

    rt_lock_acquire(&c->lock);
    if (RT_UNLIKELY(atomic_load_explicit(&c->closed, memory_order_relaxed))) {
        rt_lock_release(&c->lock);
        rt_panic("send on closed channel", site);
    }
    rt_waiter *rw = rt_chan_dequeue(c, &c->recvq);
    if (rw) {
        rt_g *g = rt_chan_give(c, rw, elem);
        rt_lock_release(&c->lock);
        rt_ready_parked(g, true);
        return true;
    }
    if (atomic_load_explicit(&c->qcount, memory_order_relaxed) < c->cap) {
        rt_chan_buf_put(c, elem);
        rt_lock_release(&c->lock);
        return true;
    }
    if (!block) {
        rt_lock_release(&c->lock);
        return false;
    }
    return chan_send_park(c, elem, site);
}

/* The blocking part of a send, out of line so that the fast paths above
 * stay small; called with c->lock held, releases it. */
static __attribute__((noinline)) bool chan_send_park(cgo_chan *c, const void *elem,
                                                     const cgo_site *site)
{
    rt_g *self = rt_self();
    rt_waiter w = {.g = self, .elem = (void *)elem, .chan = c};
    self->param = NULL;
    rt_chan_enqueue(c, &c->sendq, &w);
    rt_park(rt_unlock_park_fn, &c->lock, RT_WAIT_CHAN_SEND, site);
    /* Woken by a receiver (success) or by close: either way the waker
     * already removed us; c may be gone by now if it was closed. */
    check_wakeup(self, &w, site);
    if (!w.success)
        rt_panic("send on closed channel", site);
    return true;
}

#undef cgo_chan_send
RT_EXPORT void cgo_chan_send_at(cgo_chan *c, const void *elem, const cgo_site *site)
{
    rt_chan_send(c, elem, true, site);
}

RT_EXPORT void(cgo_chan_send)(cgo_chan *c, const void *elem)
{
    rt_chan_send(c, elem, true, NULL);
}

RT_EXPORT bool cgo_chan_trysend_at(cgo_chan *c, const void *elem, const cgo_site *site)
{
    return rt_chan_send(c, elem, false, site);
}

/* ------------------------------------------------------------------------ */
/* receive                                                                  */

bool rt_chan_recv(cgo_chan *c, void *elem, bool *ok, bool block, const cgo_site *site)
{
    if (RT_UNLIKELY(c == NULL)) {
        if (!block)
            return false;
        park_forever(RT_WAIT_CHAN_RECV_NIL, site);
    }
    /* H1: c is alive here (the caller holds it); after a wake-up it may
     * not be, so the immutable hook is read now. */
    rt_chan_recv_hook hook = c->recv_hook;
    /* Non-blocking fast path. Order matters: empty, then closed (acquire
     * loads keep it). If we saw "empty" and then "not closed", the channel
     * was empty and open at the moment of the first load. If it is closed,
     * check empty again: a value sent before the close must be received. */
    if (!block && rt_chan_empty(c)) {
        if (!rt_chan_closed(c))
            return false;
        if (rt_chan_empty(c)) {
            if (elem)
                memset(elem, 0, c->elem_size);
            if (ok)
                *ok = false;
            return true;
        }
    }

    rt_lock_acquire(&c->lock);
    if (atomic_load_explicit(&c->closed, memory_order_relaxed) &&
        atomic_load_explicit(&c->qcount, memory_order_relaxed) == 0) {
        rt_lock_release(&c->lock);
        if (elem)
            memset(elem, 0, c->elem_size);
        if (ok)
            *ok = false;
        return true;
    }
    rt_waiter *sw = rt_chan_dequeue(c, &c->sendq);
    if (sw) {
        rt_g *g = rt_chan_take(c, sw, elem);
        rt_lock_release(&c->lock);
        rt_ready_parked(g, true);
        if (ok)
            *ok = true;
        if (RT_UNLIKELY(hook))
            hook(c, c->recv_hook_arg);
        return true;
    }
    if (atomic_load_explicit(&c->qcount, memory_order_relaxed) > 0) {
        rt_chan_buf_get(c, elem);
        rt_lock_release(&c->lock);
        if (ok)
            *ok = true;
        if (RT_UNLIKELY(hook))
            hook(c, c->recv_hook_arg);
        return true;
    }
    if (!block) {
        rt_lock_release(&c->lock);
        return false;
    }
    return chan_recv_park(c, elem, ok, hook, site);
}

/* The blocking part of a receive (see chan_send_park); c->lock held. */
static __attribute__((noinline)) bool chan_recv_park(cgo_chan *c, void *elem, bool *ok,
                                                     rt_chan_recv_hook hook,
                                                     const cgo_site *site)
{
    rt_g *self = rt_self();
    rt_waiter w = {.g = self, .elem = elem, .chan = c};
    void *hook_arg = c->recv_hook_arg; /* H1: before parking */
    self->param = NULL;
    rt_chan_enqueue(c, &c->recvq, &w);
    rt_park(rt_unlock_park_fn, &c->lock, RT_WAIT_CHAN_RECV, site);
    /* The waker copied the value into elem (or zeroed it on close). */
    check_wakeup(self, &w, site);
    if (ok)
        *ok = w.success;
    if (RT_UNLIKELY(hook) && w.success)
        hook(c, hook_arg);
    return true;
}

/* ------------------------------------------------------------------------ */
/* Receive hook (rt.h)                                                      */

void rt_chan_set_recv_hook(cgo_chan *c, rt_chan_recv_hook fn, void *arg)
{
    c->recv_hook = fn;
    c->recv_hook_arg = arg;
}

void *rt_chan_recv_hook_arg(const cgo_chan *c)
{
    return c->recv_hook ? c->recv_hook_arg : NULL;
}

#undef cgo_chan_recv
RT_EXPORT bool cgo_chan_recv_at(cgo_chan *c, void *elem, const cgo_site *site)
{
    bool ok;
    rt_chan_recv(c, elem, &ok, true, site);
    return ok;
}

RT_EXPORT bool(cgo_chan_recv)(cgo_chan *c, void *elem)
{
    bool ok;
    rt_chan_recv(c, elem, &ok, true, NULL);
    return ok;
}

RT_EXPORT bool cgo_chan_tryrecv_at(cgo_chan *c, void *elem, bool *ok, const cgo_site *site)
{
    return rt_chan_recv(c, elem, ok, false, site);
}

/* ------------------------------------------------------------------------ */
/* close                                                                    */

#undef cgo_chan_close
RT_EXPORT void cgo_chan_close_at(cgo_chan *c, const cgo_site *site)
{
    if (c == NULL)
        rt_panic("close of nil channel", site);
    rt_lock_acquire(&c->lock);
    if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {
        rt_lock_release(&c->lock);
        rt_panic("close of closed channel", site);
    }
    atomic_store_explicit(&c->closed, 1, memory_order_release);

    /* W3: collect everyone, release the lock, then wake. */
    rt_waiter *list = NULL, *w;
    while ((w = rt_chan_dequeue(c, &c->recvq)) != NULL) {
        if (w->elem)
            memset(w->elem, 0, c->elem_size);
        w->success = false;
        w->g->param = w;
        w->next = list;
        list = w;
    }
    while ((w = rt_chan_dequeue(c, &c->sendq)) != NULL) {
        w->success = false; /* the sender panics when it resumes */
        w->g->param = w;
        w->next = list;
        list = w;
    }
    rt_lock_release(&c->lock);
    while (list) {
        w = list;
        list = w->next; /* read before rt_ready: w dies with its goroutine */
        rt_ready_parked(w->g, false);
    }
}

RT_EXPORT void(cgo_chan_close)(cgo_chan *c)
{
    cgo_chan_close_at(c, NULL);
}

/* ------------------------------------------------------------------------ */
/* len, cap                                                                 */

RT_EXPORT int cgo_chan_len(const cgo_chan *c)
{
    if (c == NULL)
        return 0;
    return (int)atomic_load_explicit(&((cgo_chan *)c)->qcount, memory_order_acquire);
}

RT_EXPORT int cgo_chan_cap(const cgo_chan *c)
{
    return c == NULL ? 0 : (int)c->cap;
}

/* ------------------------------------------------------------------------ */
/* free                                                                     */

/* With c->lock held: 0 no waiters; 1 only waiters of selects that already
 * completed through another case (their goroutines are runnable and will
 * unlink them as soon as they run); 2 some goroutine is blocked on c. */
static int waiters_state(cgo_chan *c)
{
    int st = 0;
    rt_waitq *qs[2] = {&c->recvq, &c->sendq};
    for (int i = 0; i < 2; i++) {
        for (rt_waiter *w = qs[i]->first; w; w = w->next) {
            if (!w->is_select ||
                atomic_load_explicit(&w->g->select_done, memory_order_acquire) == 0)
                return 2;
            st = 1;
        }
    }
    return st;
}

#undef cgo_chan_free
RT_EXPORT void cgo_chan_free_at(cgo_chan *c, const cgo_site *site)
{
    if (c == NULL)
        return;
    for (;;) {
        rt_lock_acquire(&c->lock);
        int st = waiters_state(c);
        if (st == 0)
            break;
        rt_lock_release(&c->lock);
        if (st == 2)
            rt_panic("free of channel with blocked goroutines", site);
        /* A select that was woken through another channel has not yet
         * removed its waiter from this one. It is not blocked on c any
         * more (dialect: it no longer counts), so wait for it to run. */
        cgo_yield();
    }
    rt_lock_release(&c->lock);
    free(c);
}

RT_EXPORT void(cgo_chan_free)(cgo_chan *c)
{
    cgo_chan_free_at(c, NULL);
}
