/*
 * test_time.c — cgo_now, cgo_sleep, cgo_after, timers, tickers,
 * cgo_after_func, and select with a cgo_after timeout.
 *
 * Each Test runs in its own process on a plain thread (Criterion). Lower
 * bounds on time are strict (a sleep or timer never ends early); upper bounds
 * are generous (loaded CI machines, sanitizers, valgrind).
 */
#define _POSIX_C_SOURCE 200809L /* setenv in child_test.h */
#include <cgo.h>

#include <criterion/criterion.h>

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* White-box: the number of pending timers (rt.h; linked statically). */
int64_t rt_timers_pending(void);

#include "api_test.h"

#define MS CGO_MILLISECOND
#define SLACK (2 * CGO_SECOND * slow_factor()) /* generous bound on lateness */

static int64_t recv_time(cgo_chan *c)
{
    int64_t v = -1;
    cr_assert(cgo_chan_recv(c, &v));
    return v;
}

static bool try_recv_time(cgo_chan *c, int64_t *v)
{
    bool ok = false;
    return cgo_chan_tryrecv_at(c, v, &ok, NULL) && ok;
}

/* ------------------------------------------------------------------------ */
/* Clock and sleep                                                          */

Test(time, now_is_monotonic)
{
    int64_t prev = cgo_now();
    cr_assert_gt(prev, 0);
    for (int i = 0; i < 100000; i++) {
        int64_t t = cgo_now();
        cr_assert_geq(t, prev);
        prev = t;
    }
}

static void check_sleep(cgo_duration d)
{
    int64_t t0 = cgo_now();
    cgo_sleep(d);
    int64_t el = cgo_now() - t0;
    cr_assert_geq(el, d, "slept %lld ns < %lld ns", (long long)el, (long long)d);
    cr_assert_lt(el, d + SLACK, "slept %lld ns for %lld ns", (long long)el, (long long)d);
}

Test(sleep, thread_bounds)
{
    check_sleep(1);
    check_sleep(CGO_MICROSECOND);
    check_sleep(MS);
    check_sleep(25 * MS);
    check_sleep(100 * MS);
}

Test(sleep, nonpositive_returns_at_once)
{
    int64_t t0 = cgo_now();
    for (int i = 0; i < 1000; i++) {
        cgo_sleep(0);
        cgo_sleep(-5 * CGO_SECOND);
        cgo_sleep(INT64_MIN);
    }
    cr_assert_lt(cgo_now() - t0, 500 * MS);
    cr_assert_eq(rt_timers_pending(), 0);
}

static cgo_waitgroup wg;
static atomic_int bad;

typedef struct sleep_args {
    cgo_duration d;
} sleep_args;

static void sleeper(void *p)
{
    cgo_duration d = ((sleep_args *)p)->d;
    int64_t t0 = cgo_now();
    cgo_sleep(d);
    if (cgo_now() - t0 < d)
        atomic_fetch_add(&bad, 1);
    cgo_wg_done(&wg);
}

Test(sleep, goroutines_bounds, .timeout = 60)
{
    const cgo_duration ds[] = {1, CGO_MICROSECOND, MS, 10 * MS, 50 * MS};
    cgo_wg_add(&wg, 5 * 20);
    for (int r = 0; r < 20; r++)
        for (int i = 0; i < 5; i++)
            cgo_go(sleeper, &(sleep_args){ds[i]}, sizeof(sleep_args));
    cgo_wg_wait(&wg);
    cr_assert_eq(atomic_load(&bad), 0, "%d sleeps ended early", atomic_load(&bad));
}

/* Sleeps run concurrently: N sleepers of d take about d, not N * d. */
Test(sleep, concurrent_sleepers_overlap, .timeout = 60)
{
    const int n = 50;
    int64_t t0 = cgo_now();
    cgo_wg_add(&wg, n);
    for (int i = 0; i < n; i++)
        cgo_go(sleeper, &(sleep_args){100 * MS}, sizeof(sleep_args));
    cgo_wg_wait(&wg);
    int64_t el = cgo_now() - t0;
    cr_assert_geq(el, 100 * MS);
    cr_assert_lt(el, n * 100 * MS / 4, "sleeps did not overlap: %lld ms", (long long)(el / MS));
}

static void *sleeper_thread(void *p)
{
    sleeper(p);
    return NULL;
}

Test(sleep, plain_pthreads, .timeout = 60)
{
    enum { N = 8 };
    pthread_t th[N];
    static sleep_args a[N];
    int64_t t0 = cgo_now();
    cgo_wg_add(&wg, N);
    for (int i = 0; i < N; i++) {
        a[i].d = (i + 1) * 10 * MS;
        pthread_create(&th[i], NULL, sleeper_thread, &a[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    cgo_wg_wait(&wg);
    int64_t el = cgo_now() - t0;
    cr_assert_eq(atomic_load(&bad), 0);
    cr_assert_geq(el, 80 * MS);
    cr_assert_lt(el, 80 * MS + SLACK);
}

/* A sleeping goroutine shows as [sleep] with its site in dumps. */
/* clang-format off */
static void dump_sleeper(void *p) { (void)p; cgo_sleep(CGO_HOUR); } static const int dump_sleep_line = __LINE__;
/* clang-format on */

static void sleep_dump_child(void)
{
    cgo_go(dump_sleeper, NULL, 0);
    cgo_sleep(100 * MS);
    cgo_panic("dump please");
}

Test(sleep, shows_in_dump)
{
    char want[512];
    snprintf(want, sizeof want, "[sleep]:\n\tat %s:%d\n", __FILE__, dump_sleep_line);
    expect_death(sleep_dump_child, "panic: dump please", want);
}

/* 100,000 concurrent sleepers (fewer under sanitizers): all complete, the
 * heap empties, and it is cheap. */
static atomic_int woke;
static void short_sleeper(void *p)
{
    int i = *(int *)p;
    cgo_sleep((cgo_duration)(i % 100) * MS + (i % 1000));
    atomic_fetch_add(&woke, 1);
    cgo_wg_done(&wg);
}

Test(sleep, hundred_thousand_sleepers, .timeout = 600)
{
    const int n = scaled(100000);
    int64_t t0 = cgo_now();
    cgo_wg_add(&wg, n);
    for (int i = 0; i < n; i++)
        cgo_go(short_sleeper, &i, sizeof i);
    int64_t spawned = cgo_now() - t0;
    cgo_wg_wait(&wg);
    int64_t el = cgo_now() - t0;
    cr_log_info("%d sleepers: spawned in %lld ms, all woke after %lld ms", n,
                (long long)(spawned / MS), (long long)(el / MS));
    cr_assert_eq(atomic_load(&woke), n);
    cr_assert_eq(rt_timers_pending(), 0);
    cr_assert_lt(el, 120 * CGO_SECOND);
}

/* ------------------------------------------------------------------------ */
/* cgo_after                                                                */

Test(after, receives_time_after_d)
{
    int64_t t0 = cgo_now();
    cgo_chan *c = cgo_after(30 * MS);
    cr_assert_eq(cgo_chan_cap(c), 1);
    int64_t v = recv_time(c); /* the runtime frees c now */
    int64_t t1 = cgo_now();
    cr_assert_geq(v, t0 + 30 * MS);
    cr_assert_leq(v, t1);
    cr_assert_eq(rt_timers_pending(), 0);
}

Test(after, value_waits_in_buffer)
{
    cgo_chan *c = cgo_after(MS);
    cgo_sleep(30 * MS); /* fires into the buffer, nobody receiving */
    cr_assert_eq(cgo_chan_len(c), 1);
    int64_t v;
    cr_assert(try_recv_time(c, &v)); /* freed here */
    cr_assert_gt(v, 0);
}

Test(after, nonpositive_fires_at_once, .timeout = 10)
{
    int64_t t0 = cgo_now();
    recv_time(cgo_after(0));
    recv_time(cgo_after(-CGO_SECOND));
    cr_assert_lt(cgo_now() - t0, SLACK);
}

Test(after, release_before_fire)
{
    for (int i = 0; i < 1000; i++)
        cgo_after_release(cgo_after(CGO_HOUR));
    cr_assert_eq(rt_timers_pending(), 0);
    cgo_after_release(NULL);
}

Test(after, release_after_fire_unreceived)
{
    cgo_chan *c = cgo_after(MS);
    cgo_sleep(20 * MS);
    cgo_after_release(c); /* value still buffered: freed with it */
    cr_assert_eq(rt_timers_pending(), 0);
}

static void after_receiver(void *p)
{
    cgo_chan *c = *(cgo_chan **)p;
    int64_t v = 0;
    cgo_chan_recv(c, &v); /* parked when the timer fires: direct hand-off */
    if (v <= 0)
        atomic_fetch_add(&bad, 1);
    cgo_wg_done(&wg);
}

Test(after, many_receivers_parked, .timeout = 60)
{
    const int n = scaled(2000);
    cgo_wg_add(&wg, n);
    for (int i = 0; i < n; i++) {
        cgo_chan *c = cgo_after((cgo_duration)(i % 50) * MS);
        cgo_go(after_receiver, &c, sizeof c);
    }
    cgo_wg_wait(&wg);
    cr_assert_eq(atomic_load(&bad), 0);
    cr_assert_eq(rt_timers_pending(), 0);
}

/* select with a timeout: the Go idiom `case <-time.After(d)`. */
Test(after, select_timeout, .timeout = 30)
{
    cgo_chan *never = cgo_chan_make(sizeof(int), 0);
    int x;
    int64_t v = 0;
    int64_t t0 = cgo_now();
    cgo_chan *timeout = cgo_after(40 * MS);
    cgo_select_case cases[2] = {
        {.chan = never, .dir = CGO_SELECT_RECV, .elem = &x},
        {.chan = timeout, .dir = CGO_SELECT_RECV, .elem = &v},
    };
    int k = cgo_select(cases, 2, false);
    cr_assert_eq(k, 1);
    cr_assert_geq(v, t0 + 40 * MS);
    cr_assert_geq(cgo_now() - t0, 40 * MS);
    cgo_chan_free(never);
}

static void send_soon(void *p)
{
    cgo_chan *c = *(cgo_chan **)p;
    cgo_sleep(5 * MS);
    int one = 1;
    cgo_chan_send(c, &one);
}

Test(after, select_value_beats_timeout, .timeout = 30)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    cgo_go(send_soon, &c, sizeof c);
    int x = 0;
    cgo_chan *timeout = cgo_after(10 * CGO_SECOND);
    cgo_select_case cases[2] = {
        {.chan = c, .dir = CGO_SELECT_RECV, .elem = &x},
        {.chan = timeout, .dir = CGO_SELECT_RECV},
    };
    cr_assert_eq(cgo_select(cases, 2, false), 0);
    cr_assert_eq(x, 1);
    cgo_after_release(timeout); /* never received: release it */
    cr_assert_eq(rt_timers_pending(), 0);
    cgo_chan_free(c);
}

/* ------------------------------------------------------------------------ */
/* Timers                                                                   */

Test(timer, fires_once)
{
    int64_t t0 = cgo_now();
    cgo_timer *t = cgo_timer_new(20 * MS);
    cgo_chan *c = cgo_timer_chan(t);
    cr_assert_not_null(c);
    cr_assert_eq(cgo_chan_cap(c), 1);
    int64_t v = recv_time(c);
    cr_assert_geq(v, t0 + 20 * MS);
    cgo_sleep(40 * MS);
    cr_assert_not(try_recv_time(c, &v), "a one-shot timer fired twice");
    cr_assert_not(cgo_timer_stop(t), "stop after firing must return false");
    cgo_timer_free(t);
}

Test(timer, stop_before_fire)
{
    cgo_timer *t = cgo_timer_new(200 * MS);
    cr_assert(cgo_timer_stop(t));
    cr_assert_not(cgo_timer_stop(t), "second stop must return false");
    cr_assert_eq(rt_timers_pending(), 0);
    cgo_sleep(300 * MS);
    int64_t v;
    cr_assert_not(try_recv_time(cgo_timer_chan(t), &v), "stopped timer sent a value");
    cgo_timer_free(t);
}

Test(timer, stop_after_fire_keeps_value)
{
    cgo_timer *t = cgo_timer_new(MS);
    cgo_sleep(30 * MS);
    cr_assert_not(cgo_timer_stop(t));
    int64_t v;
    cr_assert(try_recv_time(cgo_timer_chan(t), &v), "the value sent before stop must stay");
    cgo_timer_free(t);
}

Test(timer, reset_pending_and_fired)
{
    int64_t t0 = cgo_now();
    cgo_timer *t = cgo_timer_new(CGO_SECOND);
    cr_assert(cgo_timer_reset(t, 80 * MS), "reset of a pending timer returns true");
    int64_t v = recv_time(cgo_timer_chan(t));
    cr_assert_geq(v, t0 + 80 * MS);
    cr_assert_lt(v, t0 + CGO_SECOND, "fired at the old deadline");
    t0 = cgo_now();
    cgo_timer *tb = cgo_timer_new(20 * MS);
    cr_assert(cgo_timer_reset(tb, 300 * MS));
    v = recv_time(cgo_timer_chan(tb));
    cr_assert_geq(v, t0 + 300 * MS, "a reset to later fired at the old deadline");
    cgo_timer_free(tb);
    int64_t t1 = cgo_now();
    cr_assert_not(cgo_timer_reset(t, 20 * MS), "reset of a fired timer returns false");
    v = recv_time(cgo_timer_chan(t));
    cr_assert_geq(v, t1 + 20 * MS);
    /* Reset after stop re-arms. */
    cr_assert(cgo_timer_reset(t, CGO_HOUR) == false);
    cr_assert(cgo_timer_stop(t));
    int64_t t2 = cgo_now();
    cr_assert_not(cgo_timer_reset(t, 5 * MS));
    v = recv_time(cgo_timer_chan(t));
    cr_assert_geq(v, t2 + 5 * MS);
    cgo_timer_free(t);
    cr_assert_eq(rt_timers_pending(), 0);
}

Test(timer, free_pending)
{
    for (int i = 0; i < 1000; i++)
        cgo_timer_free(cgo_timer_new(CGO_HOUR + i));
    cr_assert_eq(rt_timers_pending(), 0);
    cgo_timer_free(NULL);
}

Test(timer, ordering_many_deadlines, .timeout = 30)
{
    enum { N = 200 };
    static cgo_timer *ts[N];
    int64_t t0 = cgo_now();
    for (int i = 0; i < N; i++)
        ts[i] = cgo_timer_new((cgo_duration)((i * 7919) % N) * MS / 4);
    for (int i = 0; i < N; i++) {
        int64_t v = recv_time(cgo_timer_chan(ts[i]));
        cr_assert_geq(v, t0 + (cgo_duration)((i * 7919) % N) * MS / 4);
    }
    for (int i = 0; i < N; i++)
        cgo_timer_free(ts[i]);
}

/* ------------------------------------------------------------------------ */
/* cgo_after_func                                                           */

static atomic_int func_runs;
static atomic_int_least64_t func_at;
static pthread_t test_thread;
static atomic_bool func_on_test_thread;

static void func_cb(void *arg)
{
    atomic_fetch_add(&func_runs, 1);
    atomic_store(&func_at, cgo_now());
    if (pthread_equal(pthread_self(), test_thread))
        atomic_store(&func_on_test_thread, true);
    cgo_wg_done(arg);
}

Test(after_func, runs_in_goroutine, .timeout = 30)
{
    test_thread = pthread_self();
    int64_t t0 = cgo_now();
    cgo_wg_add(&wg, 1);
    cgo_timer *t = cgo_after_func(20 * MS, func_cb, &wg);
    cr_assert_null(cgo_timer_chan(t));
    cgo_wg_wait(&wg);
    cr_assert_eq(atomic_load(&func_runs), 1);
    cr_assert_geq(atomic_load(&func_at), t0 + 20 * MS);
    cr_assert_not(atomic_load(&func_on_test_thread));
    cr_assert_not(cgo_timer_stop(t));
    /* Reset runs it again. */
    cgo_wg_add(&wg, 1);
    cr_assert_not(cgo_timer_reset(t, MS));
    cgo_wg_wait(&wg);
    cr_assert_eq(atomic_load(&func_runs), 2);
    cgo_timer_free(t);
}

Test(after_func, stop_prevents_run)
{
    cgo_timer *t = cgo_after_func(200 * MS, func_cb, &wg);
    cr_assert(cgo_timer_stop(t));
    cgo_sleep(300 * MS);
    cr_assert_eq(atomic_load(&func_runs), 0);
    cgo_timer_free(t);
}

/* ------------------------------------------------------------------------ */
/* Tickers                                                                  */

Test(ticker, ticks_periodically, .timeout = 30)
{
    const cgo_duration p = 20 * MS;
    int64_t t0 = cgo_now();
    cgo_ticker *tk = cgo_ticker_new(p);
    cgo_chan *c = cgo_ticker_chan(tk);
    cr_assert_eq(cgo_chan_cap(c), 1);
    int64_t prev = t0;
    for (int i = 1; i <= 5; i++) {
        int64_t v = recv_time(c);
        cr_assert_geq(v, t0 + i * p, "tick %d early", i);
        cr_assert_gt(v, prev);
        prev = v;
    }
    cr_assert_lt(cgo_now() - t0, 5 * p + SLACK);
    cgo_ticker_free(tk);
    cr_assert_eq(rt_timers_pending(), 0);
}

Test(ticker, drops_ticks_for_slow_receiver, .timeout = 30)
{
    const cgo_duration p = 5 * MS;
    cgo_ticker *tk = cgo_ticker_new(p);
    cgo_chan *c = cgo_ticker_chan(tk);
    cgo_sleep(20 * p); /* ~20 ticks due, the buffer holds one */
    cr_assert_eq(cgo_chan_len(c), 1);
    int64_t v1 = recv_time(c);
    /* The next tick is a fresh one, not a queued backlog. */
    int64_t t1 = cgo_now();
    int64_t v2 = recv_time(c);
    cr_assert_gt(v2, v1);
    cr_assert_gt(v2, t1 - p, "backlog tick delivered");
    cgo_ticker_stop(tk);
    cgo_ticker_free(tk);
}

Test(ticker, stop_and_reset, .timeout = 30)
{
    cgo_ticker *tk = cgo_ticker_new(10 * MS);
    cgo_chan *c = cgo_ticker_chan(tk);
    recv_time(c);
    cgo_ticker_stop(tk);
    cr_assert_eq(rt_timers_pending(), 0);
    int64_t v;
    (void)try_recv_time(c, &v); /* a tick may have raced with stop */
    cgo_sleep(50 * MS);
    cr_assert_not(try_recv_time(c, &v), "ticked after stop");
    /* Reset restarts a stopped ticker with the new period. */
    int64_t t0 = cgo_now();
    cgo_ticker_reset(tk, 30 * MS);
    v = recv_time(c);
    cr_assert_geq(v, t0 + 30 * MS);
    v = recv_time(c);
    cr_assert_geq(v, t0 + 60 * MS);
    cgo_ticker_free(tk);
    cr_assert_eq(rt_timers_pending(), 0);
}

static void ticker_zero(void) { cgo_ticker_new(0); }
static void ticker_negative(void) { cgo_ticker_new(-MS); }
static void ticker_reset_zero(void)
{
    cgo_ticker *tk = cgo_ticker_new(MS);
    cgo_ticker_reset(tk, 0);
}

static void timer_stop_null(void) { cgo_timer_stop(NULL); }
static void timer_reset_null(void) { cgo_timer_reset(NULL, MS); }
static void ticker_reset_null(void) { cgo_ticker_reset(NULL, MS); }

/* Go's texts for methods called on a nil *Timer / *Ticker. */
Test(timer, null_timer_or_ticker_panics)
{
    expect_death(timer_stop_null, "panic: time: Stop called on uninitialized Timer", NULL);
    expect_death(timer_reset_null, "panic: time: Reset called on uninitialized Timer", NULL);
    expect_death(ticker_reset_null, "panic: time: Reset called on uninitialized Ticker", NULL);
}

Test(ticker, nonpositive_interval_panics)
{
    expect_death(ticker_zero, "panic: non-positive interval for NewTicker", NULL);
    expect_death(ticker_negative, "panic: non-positive interval for NewTicker", NULL);
    expect_death(ticker_reset_zero, "panic: non-positive interval for Ticker.Reset", NULL);
}

static void after_release_bogus(void)
{
    cgo_chan *c = cgo_chan_make(sizeof(int64_t), 1);
    cgo_after_release(c);
}

Test(after, release_of_other_channel_panics)
{
    expect_death(after_release_bogus, "panic: cgo_after_release: not a channel from cgo_after", NULL);
}

/* ------------------------------------------------------------------------ */
/* Races: stop/reset against firing, the after-channel hook against select  */

/* Several goroutines stop the same timer while it fires. At most one stop
 * wins; the value is in the channel iff no stop won (Go 1.19: a stop that
 * returns false means the send has completed or will never happen, and
 * here it has completed because the timer fired). */
typedef struct stop_race {
    cgo_timer *t;
    atomic_int won;
    cgo_waitgroup *wg;
} stop_race;

static void stopper(void *p)
{
    stop_race *r = *(stop_race **)p;
    if (cgo_timer_stop(r->t))
        atomic_fetch_add(&r->won, 1);
    cgo_wg_done(r->wg);
}

Test(timer, stop_races_with_fire, .timeout = 120)
{
    const int rounds = scaled(2000);
    int stopped = 0, fired = 0;
    for (int i = 0; i < rounds; i++) {
        cgo_waitgroup rwg = {0};
        stop_race r = {.wg = &rwg};
        r.t = cgo_timer_new((cgo_duration)(i % 50) * CGO_MICROSECOND);
        stop_race *rp = &r;
        cgo_wg_add(&rwg, 3);
        for (int k = 0; k < 3; k++)
            cgo_go(stopper, &rp, sizeof rp);
        cgo_wg_wait(&rwg);
        int won = atomic_load(&r.won);
        cr_assert_leq(won, 1, "two stops of one timer both returned true");
        /* Whatever happened, nothing is pending any more: a stopped timer
         * never fires, a fired one already sent. */
        cr_assert_not(cgo_timer_stop(r.t));
        int64_t v;
        bool got = try_recv_time(cgo_timer_chan(r.t), &v);
        cr_assert_eq(got, won == 0, "round %d: stop won %d but value %s", i, won,
                     got ? "present" : "absent");
        stopped += won;
        fired += got;
        cgo_timer_free(r.t);
    }
    cr_log_info("%d rounds: %d stopped, %d fired", rounds, stopped, fired);
    cr_assert_eq(rt_timers_pending(), 0);
}

/* Reset racing with fire and with other resets: every arm that is not
 * stopped sends exactly one value (dropped only if the channel is full). */
typedef struct reset_race {
    cgo_timer *t;
    atomic_int pending_hits;
    cgo_waitgroup *wg;
} reset_race;

static void resetter(void *p)
{
    reset_race *r = *(reset_race **)p;
    if (cgo_timer_reset(r->t, 20 * CGO_MICROSECOND))
        atomic_fetch_add(&r->pending_hits, 1);
    cgo_wg_done(r->wg);
}

Test(timer, reset_races_with_fire, .timeout = 120)
{
    const int rounds = scaled(1000);
    for (int i = 0; i < rounds; i++) {
        cgo_waitgroup rwg = {0};
        reset_race r = {.wg = &rwg};
        r.t = cgo_timer_new((cgo_duration)(i % 30) * CGO_MICROSECOND);
        reset_race *rp = &r;
        cgo_wg_add(&rwg, 2);
        for (int k = 0; k < 2; k++)
            cgo_go(resetter, &rp, sizeof rp);
        cgo_wg_wait(&rwg);
        /* The last arm fires 20 us after it: once it has, nothing is
         * pending and the channel holds exactly one value (cap 1: earlier
         * fires filled the slot, later ones were dropped). */
        int64_t v = 0;
        while (cgo_chan_len(cgo_timer_chan(r.t)) == 0)
            cgo_sleep(100 * CGO_MICROSECOND);
        cgo_sleep(2 * MS * slow_factor()); /* past every deadline: fired by now */
        cr_assert_not(cgo_timer_stop(r.t), "round %d: a timer still pending long after its deadline", i);
        cr_assert(try_recv_time(cgo_timer_chan(r.t), &v));
        cr_assert_gt(v, 0);
        cr_assert_not(try_recv_time(cgo_timer_chan(r.t), &v));
        cgo_timer_free(r.t);
    }
    cr_assert_eq(rt_timers_pending(), 0);
}

/* The translator's contract: `case <-cgo_after(d):` in a select; if the
 * select chose another case it calls cgo_after_release, otherwise the
 * runtime freed the channel when the value was received. Run both outcomes
 * racing (the timer fires around the time the other case becomes ready),
 * in many goroutines; ASan/valgrind see any double free or leak-by-UAF. */
typedef struct sel_after {
    int rounds;
    atomic_int *timeouts, *values;
} sel_after;

static void send_after_us(void *p)
{
    struct {
        cgo_chan *c;
        int us;
    } *a = p;
    cgo_sleep((cgo_duration)a->us * CGO_MICROSECOND);
    int one = 1;
    cgo_chan_send(a->c, &one);
}

static void select_after_worker(void *p)
{
    sel_after *s = p;
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    for (int i = 0; i < s->rounds; i++) {
        struct {
            cgo_chan *c;
            int us;
        } a = {c, i % 40};
        cgo_go(send_after_us, &a, sizeof a);
        int x = 0;
        int64_t v = 0;
        cgo_chan *to = cgo_after((cgo_duration)((i * 7) % 40) * CGO_MICROSECOND);
        cgo_select_case cases[2] = {
            {.chan = c, .dir = CGO_SELECT_RECV, .elem = &x},
            {.chan = to, .dir = CGO_SELECT_RECV, .elem = &v},
        };
        if (cgo_select(cases, 2, false) == 0) {
            cgo_after_release(to);
            atomic_fetch_add(s->values, 1);
        } else {
            if (v <= 0)
                atomic_fetch_add(&bad, 1);
            atomic_fetch_add(s->timeouts, 1);
            cgo_chan_recv(c, &x); /* the sender's value, before the next round */
        }
        if (x != 1)
            atomic_fetch_add(&bad, 1);
    }
    cgo_chan_free(c);
    cgo_wg_done(&wg);
}

Test(after, select_release_races, .timeout = 120)
{
    const int workers = 8, rounds = scaled(2000);
    atomic_int timeouts = 0, values = 0;
    sel_after s = {rounds, &timeouts, &values};
    cgo_wg_add(&wg, workers);
    for (int i = 0; i < workers; i++)
        cgo_go(select_after_worker, &s, sizeof s);
    cgo_wg_wait(&wg);
    cr_log_info("select with cgo_after: %d timeouts, %d values", atomic_load(&timeouts),
                atomic_load(&values));
    cr_assert_eq(atomic_load(&bad), 0);
    cr_assert_eq(atomic_load(&timeouts) + atomic_load(&values), workers * rounds);
    cr_assert_eq(rt_timers_pending(), 0);
}

/* An after channel received by select with a default (the translator's
 * one-case-plus-default fast path) and by tryrecv. */
Test(after, nonblocking_receives_free_it)
{
    cgo_chan *c = cgo_after(MS);
    int64_t v = 0;
    cgo_select_case cs = {.chan = c, .dir = CGO_SELECT_RECV, .elem = &v};
    while (cgo_select(&cs, 1, true) != 0)
        cgo_sleep(MS);
    cr_assert_gt(v, 0);

    cgo_chan *never = cgo_chan_make(sizeof(int), 0);
    c = cgo_after(MS);
    cgo_select_case two[2] = {
        {.chan = never, .dir = CGO_SELECT_RECV},
        {.chan = c, .dir = CGO_SELECT_RECV, .elem = &v},
    };
    while (cgo_select(two, 2, true) != 1)
        cgo_sleep(MS);
    cgo_chan_free(never);
    cr_assert_eq(rt_timers_pending(), 0);
}

/* ------------------------------------------------------------------------ */
/* From plain threads (not goroutines)                                      */

static void *thread_time_user(void *p)
{
    (void)p;
    int64_t t0 = cgo_now();
    int64_t v = 0;
    if (!cgo_chan_recv(cgo_after(5 * MS), &v) || v < t0 + 5 * MS)
        atomic_fetch_add(&bad, 1);

    cgo_timer *t = cgo_timer_new(5 * MS);
    cgo_chan_recv(cgo_timer_chan(t), &v);
    if (cgo_timer_stop(t) || cgo_timer_reset(t, CGO_HOUR) || !cgo_timer_stop(t))
        atomic_fetch_add(&bad, 1);
    cgo_timer_free(t);

    cgo_ticker *tk = cgo_ticker_new(2 * MS);
    int64_t prev = 0;
    for (int i = 0; i < 3; i++) {
        cgo_chan_recv(cgo_ticker_chan(tk), &v);
        if (v <= prev)
            atomic_fetch_add(&bad, 1);
        prev = v;
    }
    cgo_ticker_free(tk);

    cgo_chan *never = cgo_chan_make(sizeof(int), 0);
    cgo_chan *to = cgo_after(3 * MS);
    cgo_select_case cases[2] = {
        {.chan = never, .dir = CGO_SELECT_RECV},
        {.chan = to, .dir = CGO_SELECT_RECV, .elem = &v},
    };
    if (cgo_select(cases, 2, false) != 1)
        atomic_fetch_add(&bad, 1);
    cgo_chan_free(never);
    return NULL;
}

Test(threads, after_timers_tickers_from_pthreads, .timeout = 60)
{
    enum { N = 8 };
    pthread_t th[N];
    for (int i = 0; i < N; i++)
        cr_assert_eq(pthread_create(&th[i], NULL, thread_time_user, NULL), 0);
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    cr_assert_eq(atomic_load(&bad), 0);
    cr_assert_eq(rt_timers_pending(), 0);
}

/* after_func from a plain thread: fn runs in a goroutine. */
static atomic_int af_count;
static void af_fn(void *arg)
{
    (void)arg;
    atomic_fetch_add(&af_count, 1);
    cgo_wg_done(&wg);
}

Test(threads, after_func_many, .timeout = 60)
{
    const int n = scaled(10000);
    cgo_wg_add(&wg, n);
    cgo_timer **ts = malloc(sizeof *ts * (size_t)n);
    cr_assert_not_null(ts);
    for (int i = 0; i < n; i++)
        ts[i] = cgo_after_func((cgo_duration)(i % 20) * MS, af_fn, NULL);
    cgo_wg_wait(&wg);
    cr_assert_eq(atomic_load(&af_count), n);
    for (int i = 0; i < n; i++) {
        cr_assert_not(cgo_timer_stop(ts[i]));
        cgo_timer_free(ts[i]);
    }
    free(ts);
    cr_assert_eq(rt_timers_pending(), 0);
}
