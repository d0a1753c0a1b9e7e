/*
 * time_chan.c — cgo_after, cgo_timer, cgo_ticker and cgo_after_func, on the
 * timer heap of time.c (time_internal.h).
 *
 * Invariants
 *   C1  Every object here is one malloc'd `struct cgo_timer`/`cgo_ticker`
 *       whose first member is its rt_timer (so the rt_timer * the heap passes
 *       to fire callbacks is the object), plus, except for after_func, a
 *       cap-1 channel of int64_t from chan.c that the object owns.
 *   C2  Fire callbacks run under the heap lock (time.c T3): they only
 *       cgo_chan_trysend_at (never blocks; a full channel drops the value,
 *       which is how a ticker drops ticks for a slow receiver) or rt_spawn.
 *       stop/reset/free take the heap lock, so they never overlap a callback:
 *       free can release the channel and the object right after disarming.
 *   C3  Stop/reset return whether the timer was pending (Go 1.19); a value
 *       already sent stays in the channel.
 *   C4  A cgo_after object owns its channel; chan.c's receive hook
 *       (after_recv_hook) frees both once the single value has been
 *       received, cgo_after_release frees both early. The fire callback of an
 *       after timer does not touch the object after its trysend, because the
 *       hook may run inside that trysend (direct hand-off to a parked
 *       receiver) and free it.
 *   C5  Lock order: heap.lock -> channel lock -> sched.lock (time.c T4);
 *       nothing here takes a lock of its own. Goroutines never park on the
 *       objects themselves, only on their channels, so they are woken by
 *       chan.c's rules (the trysend of a fire callback hands the value to
 *       the first parked receiver); after_func goroutines are new.
 */
#include "time_internal.h"

#include <stdlib.h>

enum tc_kind { TC_TIMER = 1, TC_TICKER, TC_AFTER, TC_FUNC };

struct cgo_timer {
    rt_timer t; /* first (C1) */
    int kind;   /* enum tc_kind */
    cgo_chan *c;           /* NULL for TC_FUNC */
    void (*fn)(void *arg); /* TC_FUNC */
    void *arg;
};

/* Same layout: a ticker is a periodic timer. */
struct cgo_ticker {
    struct cgo_timer tm;
};

static void fire_send(rt_timer *t, int64_t now)
{
    cgo_chan *c = ((struct cgo_timer *)t)->c;
    int64_t v = now;
    cgo_chan_trysend_at(c, &v, NULL); /* C4: last touch */
}

typedef struct after_func_args {
    void (*fn)(void *arg);
    void *arg;
} after_func_args;

static void after_func_main(void *p)
{
    after_func_args *a = p;
    a->fn(a->arg);
}

static void fire_func(rt_timer *t, int64_t now)
{
    (void)now;
    struct cgo_timer *tm = (struct cgo_timer *)t;
    after_func_args a = {tm->fn, tm->arg};
    rt_spawn(after_func_main, &a, sizeof a, NULL);
}

static struct cgo_timer *tc_new(int kind)
{
    struct cgo_timer *tm = calloc(1, sizeof *tm);
    if (!tm)
        rt_fatal("out of memory allocating a timer", NULL);
    tm->t.idx = -1;
    tm->kind = kind;
    if (kind == TC_FUNC) {
        tm->t.fire = fire_func;
    } else {
        tm->t.fire = fire_send;
        tm->c = cgo_chan_make_at(sizeof(int64_t), 1, NULL);
    }
    return tm;
}

/* ------------------------------------------------------------------------ */
/* cgo_after                                                                */

/* chan.c calls this once the value has been received, as its last access to
 * c, with no channel lock held (C4). */
static void after_recv_hook(cgo_chan *c, void *arg)
{
    struct cgo_timer *tm = arg;
    cgo_chan_free_at(c, NULL);
    free(tm);
}

RT_EXPORT cgo_chan *cgo_after(cgo_duration d)
{
    struct cgo_timer *tm = tc_new(TC_AFTER);
    cgo_chan *c = tm->c;
    rt_chan_set_recv_hook(c, after_recv_hook, tm);
    rt_timer_arm(&tm->t, rt_time_deadline(d), 0);
    return c; /* tm may be gone already if someone received on c */
}

RT_EXPORT void cgo_after_release(cgo_chan *c)
{
    if (!c)
        return;
    struct cgo_timer *tm = rt_chan_recv_hook_arg(c);
    if (!tm || tm->kind != TC_AFTER || tm->c != c)
        rt_panic("cgo_after_release: not a channel from cgo_after", NULL);
    rt_timer_disarm(&tm->t); /* C2: no send can be in progress or follow */
    cgo_chan_free_at(c, NULL);
    free(tm);
}

/* ------------------------------------------------------------------------ */
/* Timers                                                                   */

RT_EXPORT cgo_timer *cgo_timer_new(cgo_duration d)
{
    struct cgo_timer *tm = tc_new(TC_TIMER);
    rt_timer_arm(&tm->t, rt_time_deadline(d), 0);
    return tm;
}

RT_EXPORT cgo_chan *cgo_timer_chan(const cgo_timer *tm)
{
    return tm ? tm->c : NULL;
}

RT_EXPORT bool cgo_timer_stop(cgo_timer *tm)
{
    if (!tm)
        rt_panic("time: Stop called on uninitialized Timer", NULL);
    return rt_timer_disarm(&tm->t);
}

RT_EXPORT bool cgo_timer_reset(cgo_timer *tm, cgo_duration d)
{
    if (!tm)
        rt_panic("time: Reset called on uninitialized Timer", NULL);
    return rt_timer_arm(&tm->t, rt_time_deadline(d), 0);
}

RT_EXPORT void cgo_timer_free(cgo_timer *tm)
{
    if (!tm)
        return;
    rt_timer_disarm(&tm->t);
    cgo_chan_free_at(tm->c, NULL); /* NULL (after_func) is a no-op */
    free(tm);
}

RT_EXPORT cgo_timer *cgo_after_func(cgo_duration d, void (*fn)(void *arg), void *arg)
{
    struct cgo_timer *tm = tc_new(TC_FUNC);
    tm->fn = fn;
    tm->arg = arg;
    rt_timer_arm(&tm->t, rt_time_deadline(d), 0);
    return tm;
}

/* ------------------------------------------------------------------------ */
/* Tickers                                                                  */

RT_EXPORT cgo_ticker *cgo_ticker_new(cgo_duration d)
{
    if (d <= 0)
        rt_panic("non-positive interval for NewTicker", NULL);
    struct cgo_ticker *tk = (struct cgo_ticker *)tc_new(TC_TICKER);
    rt_timer_arm(&tk->tm.t, rt_time_deadline(d), d);
    return tk;
}

RT_EXPORT cgo_chan *cgo_ticker_chan(const cgo_ticker *tk)
{
    return tk ? tk->tm.c : NULL;
}

RT_EXPORT void cgo_ticker_stop(cgo_ticker *tk)
{
    if (tk)
        rt_timer_disarm(&tk->tm.t);
}

RT_EXPORT void cgo_ticker_reset(cgo_ticker *tk, cgo_duration d)
{
    if (d <= 0)
        rt_panic("non-positive interval for Ticker.Reset", NULL);
    if (!tk)
        rt_panic("time: Reset called on uninitialized Ticker", NULL);
    rt_timer_arm(&tk->tm.t, rt_time_deadline(d), d);
}

RT_EXPORT void cgo_ticker_free(cgo_ticker *tk)
{
    if (!tk)
        return;
    cgo_timer_free(&tk->tm);
}
