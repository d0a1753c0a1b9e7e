/*
 * select.c — cgo_select_at: Go's select over cgo_chan (runtime/select.go's
 * design, reimplemented on chan.h).
 *
 * Algorithm
 *   0. Cases with a NULL channel are dropped. None left: return -1 with a
 *      default, else park forever ("select (no cases)"). One left: it is a
 *      plain send/receive (blocking, or non-blocking with a default) on the
 *      shared chan.c path.
 *   1. pollorder: the live cases in a uniformly random order (inside-out
 *      Fisher-Yates with rt_rand_n).
 *   1b. Fast pass: the first case in pollorder that looks ready lock-free
 *      (chan.h's rt_chan_full/empty/closed) is tried with only its channel
 *      locked; if it proceeds, that is the select's choice (uniform among
 *      the cases that looked ready). Otherwise (none looked ready, or it
 *      was taken meanwhile) the full algorithm runs. Saves a lock and an
 *      unlock per other channel whenever some case is ready.
 *      lockorder: the live cases sorted by channel address; the distinct
 *      channels of lockorder are `locks`.
 *   2. Lock every channel in `locks` (increasing address: two selects, or a
 *      select and a plain operation, can never deadlock on each other, and
 *      a channel named by several cases is locked once).
 *   3. Pass 1: the first case in pollorder that can proceed is performed
 *      (send: closed -> panic, waiting receiver -> direct handoff, room in
 *      the ring -> buffer; receive: waiting sender -> handoff, value in the
 *      ring -> buffer, closed -> zero value and ok = false). Since
 *      pollorder is a uniform random permutation, the first ready case in
 *      it is uniform among the ready cases.
 *   4. Nothing ready: with a default, unlock and return -1.
 *   5. Pass 2: g->select_done = 0, g->param = NULL, and one rt_waiter per
 *      live case (is_select, case_index) is queued on its channel, all under
 *      the locks. Then rt_park once with reason "select"; the park's
 *      unlock_fn releases every lock (after the context is saved, rt.h).
 *   6. Woken: take g->param (the waiter that fired; its waker already
 *      dequeued it), relock every channel but its own (unless another case
 *      waits there too), unlink every other waiter that is still queued
 *      (pass 3), unlock.
 *      A send case woken with success == false was closed: panic "send on
 *      closed channel"; a receive case reports success as ok.
 *
 * Exactly one wake-up (no lost, no double)
 *   S1  All waiters are queued while every lock is held, and the locks are
 *       released only after the goroutine's context is saved, so a waker
 *       (which needs a lock to see a waiter) never finds a half-queued
 *       select nor readies a goroutine that is still running.
 *   S2  A waker may use a select waiter only after winning the CAS
 *       g->select_done 0 -> 1 (rt_chan_dequeue, shared by plain operations,
 *       close and select's pass 1). Exactly one CAS succeeds per select, so
 *       exactly one waker completes a case, sets g->param and readies g.
 *       A waker that loses drops the waiter from its queue and goes on to
 *       the next one: it is never woken twice, and the operation that lost
 *       is not lost either (it matches another waiter or blocks).
 *   S3  select_done is reset (to 0) only in pass 2, with every lock of the
 *       new select held; by then every waiter of this goroutine's previous
 *       select has been unlinked (the winner by its waker, the others in
 *       step 6 under their channels' locks, before returning), so no waker
 *       can still hold one.
 *   S4  A stale waiter (select_done == 1, still queued) stays until step 6.
 *       Wakers skip it (S2); cgo_chan_free waits for it to go (chan.c).
 *   S5  The waker follows chan.c's W2: data, success, g->param, unlock,
 *       then rt_ready; it never touches the waiter after rt_ready.
 *
 * Receive hook (chan.c H1/H2): only for the chosen receive case and only
 * for a value, read under the locks (pass 2 keeps each receive case's hook
 * in its waiter's aux), run after every lock is released and after
 * rt_ready, as the select's last access to that channel.
 *
 * Memory: waiters and the order arrays live on the caller's stack for up to
 * SEL_STACK live cases, else in one malloc'd block freed before returning.
 *
 * Lock order: channel locks in increasing address order; nothing else is
 * taken while they are held (rt_ready is called after they are released).
 */
#include "chan.h"

#include <stdlib.h>
#include <string.h>

#define SEL_STACK 8

typedef struct sel_lockset {
    cgo_chan **chans; /* distinct channels, increasing address */
    int n;
} sel_lockset;

static void sel_lock(const sel_lockset *ls)
{
    for (int i = 0; i < ls->n; i++)
        rt_lock_acquire(&ls->chans[i]->lock);
}

static void sel_unlock(const sel_lockset *ls)
{
    for (int i = ls->n - 1; i >= 0; i--)
        rt_lock_release(&ls->chans[i]->lock);
}

/* rt_park unlock_fn. Releases in decreasing order; the array lives on the
 * parked goroutine's stack, which may resume (on another worker) as soon
 * as the first lock is released, but it cannot leave the select before our
 * last release (relock_and_unlink), so the array stays valid until then,
 * after which we touch nothing. */
static bool sel_park_unlock(rt_g *g, void *arg)
{
    (void)g;
    const sel_lockset *ls = arg;
    cgo_chan **chans = ls->chans;
    for (int i = ls->n - 1; i >= 0; i--)
        rt_lock_release(&chans[i]->lock);
    return true;
}

static _Noreturn void sel_block_forever(const cgo_site *site)
{
    rt_park(NULL, NULL, RT_WAIT_SELECT_NO_CASES, site);
    rt_fatal("select with no cases was woken", site);
}

/* Sorts idx[0..n) by cases[idx].chan address (insertion sort for short
 * lists, heapsort otherwise: no allocation, O(n log n) worst case). */
static inline uintptr_t key(const cgo_select_case *cases, int i)
{
    return (uintptr_t)cases[i].chan;
}

static void sift_down(const cgo_select_case *cases, int *a, int root, int n)
{
    for (;;) {
        int child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && key(cases, a[child + 1]) > key(cases, a[child]))
            child++;
        if (key(cases, a[root]) >= key(cases, a[child]))
            return;
        int t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

static void sort_by_chan(const cgo_select_case *cases, int *a, int n)
{
    if (n <= 16) {
        for (int i = 1; i < n; i++) {
            int v = a[i], j = i;
            for (; j > 0 && key(cases, a[j - 1]) > key(cases, v); j--)
                a[j] = a[j - 1];
            a[j] = v;
        }
        return;
    }
    for (int i = n / 2 - 1; i >= 0; i--)
        sift_down(cases, a, i, n);
    for (int end = n - 1; end > 0; end--) {
        int t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(cases, a, 0, end);
    }
}

/* Pass 1 on one case (every lock held). Returns true if it proceeded; *wake
 * is then the goroutine to ready after unlocking (or NULL). A send on a
 * closed channel sets *closed_send instead; a receive of a value (not a
 * close) sets *got_value. */
static bool try_case(cgo_select_case *cs, rt_g **wake, bool *closed_send, bool *got_value)
{
    cgo_chan *c = cs->chan;
    if (cs->dir == CGO_SELECT_SEND) {
        if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {
            *closed_send = true;
            return true;
        }
        rt_waiter *rw = rt_chan_dequeue(c, &c->recvq);
        if (rw) {
            *wake = rt_chan_give(c, rw, cs->elem);
            return true;
        }
        if (atomic_load_explicit(&c->qcount, memory_order_relaxed) < c->cap) {
            rt_chan_buf_put(c, cs->elem);
            return true;
        }
        return false;
    }
    rt_waiter *sw = rt_chan_dequeue(c, &c->sendq);
    if (sw) {
        *wake = rt_chan_take(c, sw, cs->elem);
        if (cs->ok)
            *cs->ok = true;
        *got_value = true;
        return true;
    }
    if (atomic_load_explicit(&c->qcount, memory_order_relaxed) > 0) {
        rt_chan_buf_get(c, cs->elem);
        if (cs->ok)
            *cs->ok = true;
        *got_value = true;
        return true;
    }
    if (atomic_load_explicit(&c->closed, memory_order_relaxed)) {
        if (cs->elem)
            memset(cs->elem, 0, c->elem_size);
        if (cs->ok)
            *cs->ok = false;
        return true;
    }
    return false;
}

/* Pass 1 on case cs with the locks of ls held: if it can proceed, performs
 * it, releases ls, frees heap and finishes (panic, wake-up, receive hook);
 * true then. False with everything still held if it cannot proceed. */
static bool perform_case(cgo_select_case *cs, const sel_lockset *ls, void *heap,
                         const cgo_site *site)
{
    rt_g *wake = NULL;
    bool closed_send = false, got_value = false;
    if (!try_case(cs, &wake, &closed_send, &got_value))
        return false;
    /* chan.c H1/H2: a value received from a channel with a hook (cgo_after)
     * runs it after every lock is released. */
    cgo_chan *c = cs->chan;
    rt_chan_recv_hook hook = got_value ? c->recv_hook : NULL;
    void *hook_arg = c->recv_hook_arg;
    sel_unlock(ls);
    free(heap);
    if (closed_send)
        rt_panic("send on closed channel", site);
    if (wake)
        rt_ready_parked(wake, true);
    if (RT_UNLIKELY(hook))
        hook(c, hook_arg);
    return true;
}

/* Lock-free: case cs could proceed now (a closed channel counts: a send
 * panics, a receive gets the zero value). May be stale either way. */
static bool case_looks_ready(const cgo_select_case *cs)
{
    cgo_chan *c = cs->chan;
    if (cs->dir == CGO_SELECT_SEND)
        return !rt_chan_full(c) || rt_chan_closed(c);
    return !rt_chan_empty(c) || rt_chan_closed(c);
}

/* Step 1b: the first case in pollorder that looks ready (lock-free) is
 * tried with only its own channel locked. Returns its index if it
 * proceeded; -1 (nothing held) if no case looks ready or the one tried
 * was no longer ready: the full algorithm decides then. */
static int fast_pass(cgo_select_case *cases, const int *pollorder, int norder,
                     const cgo_site *site)
{
    for (int k = 0; k < norder; k++) {
        int i = pollorder[k];
        if (!case_looks_ready(&cases[i]))
            continue;
        cgo_chan *one = cases[i].chan;
        sel_lockset ls = {&one, 1};
        rt_lock_acquire(&one->lock);
        if (perform_case(&cases[i], &ls, NULL, site))
            return i;
        rt_lock_release(&one->lock);
        return -1;
    }
    return -1;
}

static int select_one(cgo_select_case *cs, int index, bool has_default, const cgo_site *site)
{
    bool done;
    if (cs->dir == CGO_SELECT_SEND)
        done = rt_chan_send(cs->chan, cs->elem, !has_default, site);
    else
        done = rt_chan_recv(cs->chan, cs->elem, cs->ok, !has_default, site);
    return done ? index : -1;
}

/* Step 6: unlinks every waiter of this select except `won` (which its
 * waker dequeued) under the locks of their channels. won's channel is not
 * locked unless another case waits on it too: nothing of ours is left
 * there, and the waker may be done with it (maybe freed it).
 * sel_park_unlock may still be running on another worker when we get
 * here: it releases ls->chans from the highest address down, and the
 * first of them (the last it releases) is either won's channel (its waker
 * took that lock after the release: the unlock is over) or one we lock
 * below (we wait for its release). Either way sel_park_unlock is done
 * with ls before this returns, and nothing here writes to ls. */
static void relock_and_unlink(cgo_select_case *cases, rt_waiter *waiters, int norder,
                              rt_waiter *won, const sel_lockset *ls)
{
    cgo_chan *skip = won->chan;
    for (int k = 0; k < norder; k++)
        if (&waiters[k] != won && waiters[k].chan == won->chan)
            skip = NULL;
    for (int j = 0; j < ls->n; j++)
        if (ls->chans[j] != skip)
            rt_lock_acquire(&ls->chans[j]->lock);
    for (int k = 0; k < norder; k++) {
        rt_waiter *w = &waiters[k];
        if (w == won)
            continue;
        cgo_chan *c = w->chan;
        rt_chan_unlink(c, cases[w->case_index].dir == CGO_SELECT_SEND ? &c->sendq : &c->recvq,
                       w);
    }
    for (int j = ls->n - 1; j >= 0; j--)
        if (ls->chans[j] != skip)
            rt_lock_release(&ls->chans[j]->lock);
}

static int select_general(cgo_select_case *cases, int ncases, int live, bool has_default,
                          const cgo_site *site)
{
    /* Scratch: pollorder[live], lockorder[live], chans[live], waiters[live]. */
    struct {
        int pollorder[SEL_STACK], lockorder[SEL_STACK];
        cgo_chan *chans[SEL_STACK];
        rt_waiter waiters[SEL_STACK];
    } small;
    int *pollorder = small.pollorder, *lockorder = small.lockorder;
    cgo_chan **chans = small.chans;
    rt_waiter *waiters = small.waiters;
    void *heap = NULL;
    if (live > SEL_STACK) {
        size_t n = (size_t)live;
        heap = malloc(n * (sizeof(rt_waiter) + sizeof(cgo_chan *) + 2 * sizeof(int)));
        if (!heap)
            rt_fatal("out of memory (select)", site);
        waiters = heap;
        chans = (cgo_chan **)(waiters + n);
        pollorder = (int *)(chans + n);
        lockorder = pollorder + n;
    }

    /* 1. orders */
    int norder = 0;
    for (int i = 0; i < ncases; i++) {
        if (cases[i].chan == NULL)
            continue;
        uint32_t j = norder ? rt_rand_n((uint32_t)norder + 1) : 0;
        if ((int)j != norder)
            pollorder[norder] = pollorder[j];
        pollorder[j] = i;
        lockorder[norder] = i;
        norder++;
    }

    /* 1b. */
    int fast = fast_pass(cases, pollorder, norder, site);
    if (fast >= 0) {
        free(heap);
        return fast;
    }

    sort_by_chan(cases, lockorder, norder);
    sel_lockset ls = {chans, 0};
    for (int k = 0; k < norder; k++) {
        cgo_chan *c = cases[lockorder[k]].chan;
        if (ls.n == 0 || chans[ls.n - 1] != c)
            chans[ls.n++] = c;
    }

    /* 2. + 3. */
    sel_lock(&ls);
    for (int k = 0; k < norder; k++) {
        int i = pollorder[k];
        if (perform_case(&cases[i], &ls, heap, site))
            return i;
    }

    /* 4. */
    if (has_default) {
        sel_unlock(&ls);
        free(heap);
        return -1;
    }

    /* 5. */
    rt_g *self = rt_self();
    atomic_store_explicit(&self->select_done, 0, memory_order_relaxed);
    self->param = NULL;
    for (int k = 0; k < norder; k++) {
        int i = lockorder[k];
        cgo_chan *c = cases[i].chan;
        rt_waiter *w = &waiters[k];
        memset(w, 0, sizeof *w);
        w->g = self;
        w->elem = cases[i].elem;
        w->is_select = true;
        w->case_index = i;
        w->chan = c;
        /* chan.c H1: the hook is read now, while c is surely alive. */
        if (cases[i].dir == CGO_SELECT_RECV)
            w->aux = (uintptr_t)c->recv_hook;
        rt_chan_enqueue(c, cases[i].dir == CGO_SELECT_SEND ? &c->sendq : &c->recvq, w);
    }
    rt_park(sel_park_unlock, &ls, RT_WAIT_SELECT, site);

    /* 6. */
    rt_waiter *won = self->param;
    self->param = NULL;
    if (RT_UNLIKELY(won == NULL || won < waiters || won >= waiters + norder))
        rt_fatal("select: bad wake-up", site);
    cgo_chan *won_chan = won->chan;
    relock_and_unlink(cases, waiters, norder, won, &ls);
    /* chan.c H1/H2: a channel with a hook is freed only by its hook, which
     * we are about to run, so it is alive and its arg can be read now. */
    rt_chan_recv_hook hook = won->success ? (rt_chan_recv_hook)won->aux : NULL;
    void *hook_arg = hook ? won_chan->recv_hook_arg : NULL;
    int i = won->case_index;
    bool success = won->success;
    free(heap);
    if (cases[i].dir == CGO_SELECT_SEND) {
        if (!success)
            rt_panic("send on closed channel", site);
    } else if (cases[i].ok) {
        *cases[i].ok = success;
    }
    if (RT_UNLIKELY(hook))
        hook(won_chan, hook_arg);
    return i;
}

#undef cgo_select
RT_EXPORT int cgo_select_at(cgo_select_case *cases, int ncases, bool has_default,
                            const cgo_site *site)
{
    if (ncases < 0)
        rt_panic("select: negative number of cases", site);
    int live = 0, only = -1;
    for (int i = 0; i < ncases; i++) {
        if (cases[i].chan == NULL)
            continue;
        if (RT_UNLIKELY(cases[i].dir != CGO_SELECT_SEND && cases[i].dir != CGO_SELECT_RECV))
            rt_panic("select: case direction is neither CGO_SELECT_SEND nor CGO_SELECT_RECV",
                     site);
        live++;
        only = i;
    }
    if (live == 0) {
        if (has_default)
            return -1;
        sel_block_forever(site);
    }
    if (live == 1)
        return select_one(&cases[only], only, has_default, site);
    return select_general(cases, ncases, live, has_default, site);
}

RT_EXPORT int(cgo_select)(cgo_select_case *cases, int ncases, bool has_default)
{
    return cgo_select_at(cases, ncases, has_default, NULL);
}
