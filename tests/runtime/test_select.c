/*
 * test_select.c — cgo_select_at: default, ready cases (send, receive,
 * closed), blocking and being woken by a sender, a receiver or close,
 * uniform choice among ready cases (chi-square at p = 0.001), nil
 * channels, the same channel in several cases, large selects (heap
 * scratch and heapsort lock order), select from plain threads, freeing a
 * channel a completed select still has a stale waiter on, freeing the
 * channel that woke a select right after the send, the panics and
 * wait reasons, and stress with checksums where both sides select (no
 * lost or double wake-ups).
 *
 * Sizes are multiplied by test_scale() (CGO_TEST_SCALE; smaller under
 * sanitizers and valgrind).
 */
#define _GNU_SOURCE
#include "chan_test.h"

static cgo_select_case recv_case(cgo_chan *c, void *elem, bool *ok)
{
    return (cgo_select_case){c, CGO_SELECT_RECV, elem, ok};
}

static cgo_select_case send_case(cgo_chan *c, void *elem)
{
    return (cgo_select_case){c, CGO_SELECT_SEND, elem, NULL};
}

/* ------------------------------------------------------------------------ */
/* Non-blocking behaviour                                                   */

Test(select, default_when_nothing_ready)
{
    cgo_chan *empty = cgo_chan_make(sizeof(int), 2);
    cgo_chan *unbuf = cgo_chan_make(sizeof(int), 0);
    cgo_chan *full = cgo_chan_make(sizeof(int), 1);
    int one = 1;
    cgo_chan_send(full, &one);
    int a = -1, b = -1, s = 9;
    bool ok = true;
    cgo_select_case cs[] = {recv_case(empty, &a, &ok), recv_case(unbuf, &b, NULL),
                            send_case(full, &s), send_case(unbuf, &s), recv_case(NULL, &a, NULL)};
    for (int k = 0; k < 100; k++)
        cr_assert_eq(cgo_select(cs, 5, true), -1);
    cr_assert_eq(a, -1);
    cr_assert_eq(b, -1);
    cr_assert(ok);
    cr_assert_eq(cgo_chan_len(full), 1);
    cr_assert_eq(test_chan_waiters(unbuf), 0);
    cgo_chan_free(empty);
    cgo_chan_free(unbuf);
    cgo_chan_free(full);
}

Test(select, no_cases_or_all_nil_with_default)
{
    cr_assert_eq(cgo_select(NULL, 0, true), -1);
    int v;
    cgo_select_case cs[] = {recv_case(NULL, &v, NULL), send_case(NULL, &v)};
    cr_assert_eq(cgo_select(cs, 2, true), -1);
    cr_assert_eq(cgo_select(cs, 1, true), -1);
    cr_assert_eq(cgo_select_at(cs + 1, 1, true, CGO_HERE), -1);
    cr_assert_eq((cgo_select)(cs, 2, true), -1);
}

Test(select, ready_case_is_performed)
{
    cgo_chan *in = cgo_chan_make(sizeof(int), 1);
    cgo_chan *out = cgo_chan_make(sizeof(int), 1);
    cgo_chan *idle = cgo_chan_make(sizeof(int), 0);
    int v = 41, r = 0, s = 17;
    bool ok = false;
    cgo_chan_send(in, &v);
    cgo_select_case cs[] = {recv_case(idle, &r, NULL), recv_case(in, &r, &ok)};
    cr_assert_eq(cgo_select(cs, 2, false), 1);
    cr_assert_eq(r, 41);
    cr_assert(ok);
    cgo_select_case cs2[] = {recv_case(idle, &r, NULL), send_case(out, &s)};
    cr_assert_eq(cgo_select(cs2, 2, true), 1);
    cr_assert_eq(cgo_chan_len(out), 1);
    cr_assert(cgo_chan_recv(out, &r));
    cr_assert_eq(r, 17);
    /* closed channel: ready, zero value, ok = false */
    cgo_chan_close(in);
    r = 5;
    ok = true;
    cr_assert_eq(cgo_select(cs, 2, true), 1);
    cr_assert_eq(r, 0);
    cr_assert_not(ok);
    cgo_chan_free(in);
    cgo_chan_free(out);
    cgo_chan_free(idle);
}

Test(select, single_case_fast_paths)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    int v = 3, r = 0;
    bool ok = false;
    cgo_select_case cs[] = {recv_case(NULL, &r, NULL), send_case(c, &v), recv_case(NULL, &r, NULL)};
    cr_assert_eq(cgo_select(cs, 3, true), 1);   /* trysend */
    cr_assert_eq(cgo_select(cs, 3, true), -1);  /* full */
    cgo_select_case rs[] = {recv_case(c, &r, &ok)};
    cr_assert_eq(cgo_select(rs, 1, false), 0);  /* plain recv */
    cr_assert_eq(r, 3);
    cr_assert(ok);
    cr_assert_eq(cgo_select(rs, 1, true), -1);  /* tryrecv, empty */
    cgo_chan_close(c);
    cr_assert_eq(cgo_select(rs, 1, true), 0);
    cr_assert_not(ok);
    cgo_chan_free(c);
}

/* ------------------------------------------------------------------------ */
/* Fairness: uniform choice among ready cases                               */

/* chi-square critical values at p = 0.001 for 1..4 degrees of freedom */
static const double chi2_crit[] = {0, 10.828, 13.816, 16.266, 18.467};

static double chi2(const long *counts, int k, long n)
{
    double e = (double)n / k, x = 0;
    for (int i = 0; i < k; i++)
        x += ((double)counts[i] - e) * ((double)counts[i] - e) / e;
    return x;
}

Test(select, fairness_two_ready_receives)
{
    long n = test_scaled(100000, 5000);
    cgo_chan *a = cgo_chan_make(sizeof(int), 1), *b = cgo_chan_make(sizeof(int), 1);
    int va = 1, vb = 2, r;
    cgo_chan_send(a, &va);
    cgo_chan_send(b, &vb);
    cgo_select_case cs[] = {recv_case(a, &r, NULL), recv_case(b, &r, NULL)};
    long counts[2] = {0, 0};
    for (long k = 0; k < n; k++) {
        int i = cgo_select(cs, 2, false);
        cr_assert(i == 0 || i == 1);
        cr_assert_eq(r, i + 1);
        counts[i]++;
        cgo_chan_send(i == 0 ? a : b, i == 0 ? &va : &vb); /* refill */
    }
    double x = chi2(counts, 2, n);
    fprintf(stderr, "select fairness 2 cases, n=%ld: %ld/%ld chi2=%.2f\n", n, counts[0], counts[1], x);
    cr_assert_lt(x, chi2_crit[1], "counts %ld %ld chi2 %.2f", counts[0], counts[1], x);
    cgo_chan_free(a);
    cgo_chan_free(b);
}

Test(select, fairness_five_mixed_cases_with_nil_and_blocked)
{
    long n = test_scaled(100000, 5000);
    cgo_chan *r1 = cgo_chan_make(sizeof(int), 1), *r2 = cgo_chan_make(sizeof(int), 1),
             *r3 = cgo_chan_make(sizeof(int), 1);
    cgo_chan *s1 = cgo_chan_make(sizeof(int), 1), *s2 = cgo_chan_make(sizeof(int), 1);
    cgo_chan *never = cgo_chan_make(sizeof(int), 0);
    int v = 7, r;
    cgo_chan_send(r1, &v);
    cgo_chan_send(r2, &v);
    cgo_chan_send(r3, &v);
    cgo_select_case cs[] = {
        recv_case(r1, &r, NULL), recv_case(NULL, &r, NULL), send_case(s1, &v),
        recv_case(never, &r, NULL), recv_case(r2, &r, NULL), send_case(s2, &v),
        send_case(NULL, &v), recv_case(r3, &r, NULL),
    };
    const int map[] = {0, -1, 1, -1, 2, 3, -1, 4};
    long counts[5] = {0};
    for (long k = 0; k < n; k++) {
        int i = cgo_select(cs, 8, false);
        cr_assert(i >= 0 && i < 8 && map[i] >= 0, "picked case %d", i);
        counts[map[i]]++;
        if (cs[i].dir == CGO_SELECT_RECV)
            cgo_chan_send(cs[i].chan, &v);
        else
            cgo_chan_recv(cs[i].chan, NULL);
    }
    double x = chi2(counts, 5, n);
    fprintf(stderr, "select fairness 5 ready of 8, n=%ld: chi2=%.2f\n", n, x);
    cr_assert_lt(x, chi2_crit[4], "chi2 %.2f", x);
    cgo_chan *all[] = {r1, r2, r3, s1, s2, never};
    for (int i = 0; i < 6; i++)
        cgo_chan_free(all[i]);
}

/* ------------------------------------------------------------------------ */
/* Blocking: woken by a sender, a receiver, a close                         */

typedef struct later_arg {
    cgo_chan *c;
    int op; /* 0 send value, 1 receive, 2 close */
    int value;
    int *got;
    _Atomic uint32_t *done;
} later_arg;

static void act_when_waited(void *p)
{
    later_arg *a = p;
    if (!test_chan_wait_waiters(a->c, 1))
        abort();
    if (a->op == 0)
        cgo_chan_send(a->c, &a->value);
    else if (a->op == 1)
        cgo_chan_recv(a->c, a->got);
    else
        cgo_chan_close(a->c);
    test_count(a->done);
}

Test(select, blocked_select_woken_by_sender_receiver_close)
{
    static _Atomic uint32_t done;
    for (int op = 0; op < 3; op++) {
        for (int target = 0; target < 3; target++) {
            cgo_chan *ch[3];
            for (int i = 0; i < 3; i++)
                ch[i] = cgo_chan_make(sizeof(int), 0);
            int r0 = -1, r2 = -1, sv = 1234, got = 0;
            bool ok0 = false, ok2 = false;
            cgo_select_case cs[] = {recv_case(ch[0], &r0, &ok0), send_case(ch[1], &sv),
                                    recv_case(ch[2], &r2, &ok2)};
            /* send and close target a receive case, a receive the send case */
            int t = op == 1 ? 1 : (target == 1 ? 0 : target);
            later_arg a = {ch[t], op, 99, &got, &done};
            atomic_store(&done, 0);
            cgo_go(act_when_waited, &a, sizeof a);
            int i = cgo_select(cs, 3, false);
            cr_assert_eq(i, t, "op %d: woke case %d, expected %d", op, i, t);
            if (op == 0) {
                cr_assert_eq(t == 0 ? r0 : r2, 99);
                cr_assert(t == 0 ? ok0 : ok2);
            } else if (op == 1) {
                cr_assert(test_wait_count(&done, 1, 30));
                cr_assert_eq(got, 1234);
            } else {
                cr_assert_eq(t == 0 ? r0 : r2, 0);
                cr_assert_not(t == 0 ? ok0 : ok2);
            }
            cr_assert(test_wait_count(&done, 1, 30));
            for (int k = 0; k < 3; k++) {
                cr_assert_eq(test_chan_waiters(ch[k]), 0, "stale waiter on %d", k);
                cgo_chan_free(ch[k]);
            }
        }
    }
}

/* A select in a goroutine, woken by this plain thread. */
typedef struct gsel_arg {
    cgo_chan *a, *b;
    int rounds;
    _Atomic uint64_t *sum;
    _Atomic uint32_t *done;
} gsel_arg;

static void goroutine_selects(void *p)
{
    gsel_arg *g = p;
    uint64_t s = 0;
    for (int k = 0; k < g->rounds; k++) {
        uint64_t v = 0;
        cgo_select_case cs[] = {recv_case(g->a, &v, NULL), recv_case(g->b, &v, NULL)};
        int i = cgo_select(cs, 2, false);
        s += v * (uint64_t)(i + 1);
    }
    atomic_fetch_add(g->sum, s);
    test_count(g->done);
}

Test(select, goroutine_select_fed_by_thread)
{
    static _Atomic uint64_t sum;
    static _Atomic uint32_t done;
    gsel_arg g = {cgo_chan_make(sizeof(uint64_t), 0), cgo_chan_make(sizeof(uint64_t), 0),
                  (int)test_scaled(10000, 200), &sum, &done};
    cgo_go(goroutine_selects, &g, sizeof g);
    uint64_t expect = 0;
    for (int k = 0; k < g.rounds; k++) {
        uint64_t v = (uint64_t)k;
        int which = k % 3 == 0;
        cgo_chan_send(which ? g.b : g.a, &v);
        expect += v * (uint64_t)(which + 1);
    }
    cr_assert(test_wait_count(&done, 1, 60));
    cr_assert_eq(sum, expect);
    cgo_chan_free(g.a);
    cgo_chan_free(g.b);
}

/* ------------------------------------------------------------------------ */
/* nil channels and the same channel in several cases                       */

Test(select, nil_channels_never_proceed)
{
    static _Atomic uint32_t done;
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    int r = 0, s = 5;
    cgo_select_case cs[] = {recv_case(NULL, &r, NULL), send_case(NULL, &s),
                            recv_case(c, &r, NULL), send_case(NULL, &s)};
    later_arg a = {c, 0, 8, NULL, &done};
    cgo_go(act_when_waited, &a, sizeof a);
    cr_assert_eq(cgo_select(cs, 4, false), 2);
    cr_assert_eq(r, 8);
    cr_assert(test_wait_count(&done, 1, 30));
    /* two live + nil: general path */
    cgo_chan *d = cgo_chan_make(sizeof(int), 0);
    cgo_select_case cs2[] = {recv_case(NULL, &r, NULL), recv_case(d, &r, NULL),
                             send_case(NULL, &s), recv_case(c, &r, NULL)};
    atomic_store(&done, 0);
    later_arg b = {d, 0, 9, NULL, &done};
    cgo_go(act_when_waited, &b, sizeof b);
    cr_assert_eq(cgo_select(cs2, 4, false), 1);
    cr_assert_eq(r, 9);
    cr_assert(test_wait_count(&done, 1, 30));
    cr_assert_eq(test_chan_waiters(c), 0);
    cgo_chan_free(c);
    cgo_chan_free(d);
}

Test(select, same_channel_in_two_receive_cases)
{
    static _Atomic uint32_t done;
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    for (int k = 0; k < 50; k++) {
        int r0 = -1, r1 = -1;
        cgo_select_case cs[] = {recv_case(c, &r0, NULL), recv_case(c, &r1, NULL)};
        atomic_store(&done, 0);
        later_arg a = {c, 0, k, NULL, &done};
        cgo_go(act_when_waited, &a, sizeof a);
        int i = cgo_select(cs, 2, false);
        cr_assert(i == 0 || i == 1);
        cr_assert_eq(i == 0 ? r0 : r1, k);
        cr_assert_eq(i == 0 ? r1 : r0, -1);
        cr_assert(test_wait_count(&done, 1, 30));
        cr_assert_eq(test_chan_waiters(c), 0);
    }
    cgo_chan_free(c);
}

Test(select, send_and_receive_on_same_channel)
{
    /* buffered: empty -> only the send is ready; full -> only the receive */
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    int s = 11, r = 0;
    cgo_select_case cs[] = {send_case(c, &s), recv_case(c, &r, NULL)};
    for (int k = 0; k < 20; k++) {
        cr_assert_eq(cgo_select(cs, 2, false), 0);
        cr_assert_eq(cgo_select(cs, 2, false), 1);
        cr_assert_eq(r, 11);
    }
    cgo_chan_free(c);

    /* unbuffered: the select never meets itself; a partner picks a side */
    static _Atomic uint32_t done;
    cgo_chan *u = cgo_chan_make(sizeof(int), 0);
    for (int k = 0; k < 20; k++) {
        int got = 0;
        atomic_store(&done, 0);
        later_arg a = {u, k % 2 ? 1 : 0, 77, &got, &done};
        cgo_select_case cu[] = {send_case(u, &s), recv_case(u, &r, NULL)};
        r = 0;
        cgo_go(act_when_waited, &a, sizeof a);
        int i = cgo_select(cu, 2, false);
        cr_assert(test_wait_count(&done, 1, 30));
        if (k % 2) {
            cr_assert_eq(i, 0);
            cr_assert_eq(got, 11);
        } else {
            cr_assert_eq(i, 1);
            cr_assert_eq(r, 77);
        }
        cr_assert_eq(test_chan_waiters(u), 0);
    }
    cgo_chan_free(u);
}

/* ------------------------------------------------------------------------ */
/* Many cases: heap scratch (> 8) and heapsort lock order (> 16)            */

typedef struct many_arg {
    cgo_chan **ch;
    int n, rounds;
    _Atomic uint32_t *done;
} many_arg;

static void many_sender(void *p)
{
    many_arg *m = p;
    for (int k = 0; k < m->rounds; k++) {
        int i = (int)rt_rand_n((uint32_t)m->n);
        int v = i * 100000 + k;
        cgo_chan_send(m->ch[i], &v);
    }
    test_count(m->done);
}

static void many_cases(int n, int cap)
{
    static _Atomic uint32_t done;
    atomic_store(&done, 0);
    cgo_chan **ch = malloc(sizeof *ch * (size_t)n);
    cgo_select_case *cs = malloc(sizeof *cs * (size_t)(n + 2));
    int r = 0;
    for (int i = 0; i < n; i++)
        ch[i] = cgo_chan_make(sizeof(int), cap);
    for (int i = 0; i < n; i++) /* interleave duplicates and nils */
        cs[i] = recv_case(ch[(i * 7) % n], &r, NULL);
    cs[n] = recv_case(NULL, &r, NULL);
    cs[n + 1] = recv_case(ch[0], &r, NULL);
    many_arg m = {ch, n, (int)test_scaled(3000, 100), &done};
    cgo_go(many_sender, &m, sizeof m);
    int *last = malloc(sizeof *last * (size_t)n);
    for (int i = 0; i < n; i++)
        last[i] = -1;
    long sum = 0;
    for (int k = 0; k < m.rounds; k++) {
        int i = cgo_select(cs, n + 2, false);
        cr_assert(i >= 0 && i < n + 2 && i != n);
        int chan_idx = i == n + 1 ? 0 : (i * 7) % n;
        cr_assert_eq(r / 100000, chan_idx, "case %d got %d", i, r);
        /* unbuffered: in send order; buffered: FIFO per channel */
        if (cap == 0)
            cr_assert_eq(r % 100000, k);
        cr_assert_gt(r % 100000, last[chan_idx]);
        last[chan_idx] = r % 100000;
        sum += r % 100000;
    }
    cr_assert_eq(sum, (long)m.rounds * (m.rounds - 1) / 2);
    free(last);
    cr_assert(test_wait_count(&done, 1, 60));
    for (int i = 0; i < n; i++) {
        cr_assert_eq(test_chan_waiters(ch[i]), 0);
        cgo_chan_free(ch[i]);
    }
    free(ch);
    free(cs);
}

Test(select, many_cases)
{
    many_cases(3, 0);
    many_cases(12, 0);
    many_cases(101, 0);
    many_cases(101, 2);
}

/* ------------------------------------------------------------------------ */
/* A completed select's stale waiter does not stop a free                   */

typedef struct stale_arg {
    cgo_chan *a, *b;
    _Atomic uint32_t *done;
} stale_arg;

static void select_a_or_b(void *p)
{
    stale_arg *s = p;
    int v;
    cgo_select_case cs[] = {recv_case(s->a, &v, NULL), recv_case(s->b, &v, NULL)};
    cgo_select(cs, 2, false);
    test_count(s->done);
}

/* Rounds of: a goroutine selects on a and b; we send on a, then free one of
 * the channels at once: b (the select may still have a stale waiter on it)
 * or a (the channel whose send woke the select; for that one we first wait
 * until the select is blocked on both, so that the send wakes it rather
 * than the select taking a ready case). */
static void select_then_free(bool free_woken_first)
{
    static _Atomic uint32_t done;
    atomic_store(&done, 0);
    int rounds = (int)test_scaled(2000, 50);
    for (int k = 0; k < rounds; k++) {
        stale_arg s = {cgo_chan_make(sizeof(int), 0), cgo_chan_make(sizeof(int), 0), &done};
        cgo_go(select_a_or_b, &s, sizeof s);
        if (free_woken_first) {
            cr_assert(test_chan_wait_waiters(s.a, 1));
            cr_assert(test_chan_wait_waiters(s.b, 1));
        }
        int v = k;
        cgo_chan_send(s.a, &v);
        cgo_chan_free(free_woken_first ? s.a : s.b);
        cr_assert(test_wait_count(&done, (uint32_t)k + 1, 30));
        if (free_woken_first)
            cr_assert_eq(test_chan_waiters(s.b), 0); /* step 6 unlinked it */
        cgo_chan_free(free_woken_first ? s.b : s.a);
    }
}

/* The select took a; it may still sit on b: freeing b is allowed, it is
 * not blocked on b any more. */
Test(select, free_channel_with_stale_select_waiter)
{
    select_then_free(false);
}

/* The sender that woke a blocked select may free the channel as soon as
 * its send returns: the select, still finishing on another worker, must
 * not touch that channel again (it used to relock it: a use after free,
 * which AddressSanitizer reports, in the ASan run of this suite). */
Test(select, free_won_channel_right_after_waking_select)
{
    select_then_free(true);
}

/* ------------------------------------------------------------------------ */
/* Stress: selecting producers and consumers, goroutines and threads        */

/* Producers select-send each value to one of three channels; some use a
 * default and retry (non-blocking path), most block. */
static void ss_producer(void *p)
{
    stress_arg *a = p;
    for (int i = 0; i < a->n; i++) {
        uint64_t v = stress_value(a, i);
        cgo_select_case cs[] = {send_case(a->ch[0], &v), send_case(a->ch[1], &v),
                                send_case(a->ch[2], &v)};
        if (a->id % 4 == 3) {
            while (cgo_select(cs, 3, true) < 0)
                cgo_yield();
        } else {
            cgo_select(cs, 3, false);
        }
    }
    test_count(a->done);
}

/* Consumers select-receive until every channel is closed, dropping closed
 * channels from the select (setting the case's channel to NULL, the Go
 * idiom); one in four uses plain receives on a single channel instead. */
static void ss_consumer(void *p)
{
    stress_arg *a = p;
    uint64_t s = 0, k = 0, v;
    if (a->id % 4 == 3) {
        cgo_chan *c = a->ch[a->id % 3];
        while (cgo_chan_recv(c, &v))
            s += v, k++;
    } else {
        bool ok;
        cgo_select_case cs[3];
        for (int i = 0; i < 3; i++)
            cs[i] = recv_case(a->ch[i], &v, &ok);
        int open = 3;
        while (open > 0) {
            int i = cgo_select(cs, 3, false);
            if (!ok) {
                cs[i].chan = NULL;
                open--;
                continue;
            }
            s += v;
            k++;
        }
    }
    stress_consumed(a, s, k);
}

static void select_stress(int cap, int np, int nc, int pthreads, int cthreads, int per)
{
    cgo_chan *ch[3];
    for (int i = 0; i < 3; i++)
        ch[i] = cgo_chan_make(sizeof(uint64_t), i == 2 ? 0 : cap);
    stress_run(ch, 3, ss_producer, ss_consumer, np, nc, pthreads, cthreads, per);
    for (int i = 0; i < 3; i++)
        cgo_chan_free(ch[i]);
}

Test(select, stress_unbuffered_both_sides_select)
{
    select_stress(0, 8, 8, 0, 0, (int)test_scaled(10000, 200));
}

Test(select, stress_buffered_both_sides_select)
{
    select_stress(4, 8, 8, 0, 0, (int)test_scaled(10000, 200));
}

Test(select, stress_with_plain_threads)
{
    select_stress(0, 6, 6, 2, 2, (int)test_scaled(5000, 100));
    select_stress(2, 6, 6, 2, 2, (int)test_scaled(5000, 100));
}

/* One selector, two senders racing on the two channels it waits on: every
 * value arrives exactly once (a sender that lost the select_done race is
 * not lost: it stays queued and is taken by a later select). */
typedef struct race_sender {
    cgo_chan *c;
    int n, base;
    _Atomic uint32_t *done;
} race_sender;

static void race_send(void *p)
{
    race_sender *r = p;
    for (int i = 0; i < r->n; i++) {
        int v = r->base + i;
        cgo_chan_send(r->c, &v);
    }
    test_count(r->done);
}

Test(select, racing_wakers_no_lost_or_double_wakeup)
{
    static _Atomic uint32_t done;
    int n = (int)test_scaled(20000, 300);
    cgo_chan *a = cgo_chan_make(sizeof(int), 0), *b = cgo_chan_make(sizeof(int), 0);
    race_sender ra = {a, n, 0, &done}, rb = {b, n, 1 << 20, &done};
    cgo_go(race_send, &ra, sizeof ra);
    cgo_go(race_send, &rb, sizeof rb);
    int next_a = 0, next_b = 1 << 20, v;
    cgo_select_case cs[] = {recv_case(a, &v, NULL), recv_case(b, &v, NULL)};
    for (int k = 0; k < 2 * n; k++) {
        int i = cgo_select(cs, 2, false);
        if (i == 0)
            cr_assert_eq(v, next_a++);
        else
            cr_assert_eq(v, next_b++);
    }
    cr_assert_eq(next_a, n);
    cr_assert_eq(next_b, (1 << 20) + n);
    cr_assert(test_wait_count(&done, 2, 30));
    cr_assert_eq(test_chan_waiters(a) + test_chan_waiters(b), 0);
    cgo_chan_free(a);
    cgo_chan_free(b);
}

/* ------------------------------------------------------------------------ */
/* Blocking forever                                                         */

static void select_forever(void *p)
{
    int all_nil = *(int *)p;
    int v;
    cgo_select_case cs[] = {recv_case(NULL, &v, NULL), send_case(NULL, &v)};
    cgo_select(cs, all_nil ? 2 : 0, false);
    abort();
}

Test(select, empty_select_blocks_forever)
{
    for (int k = 0; k < 2; k++)
        cgo_go(select_forever, &k, sizeof k);
    test_msleep(50);
    cr_assert_eq(cgo_num_goroutine(), 2);
}

/* ------------------------------------------------------------------------ */
/* Panics and wait reasons                                                  */


static int sel_send_closed_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan *c = cgo_chan_make(sizeof(int), 1), *d = cgo_chan_make(sizeof(int), 0);
    cgo_chan_close(c);
    int v = 1;
    cgo_select_case cs[] = {recv_case(d, &v, NULL), send_case(c, &v)};
    cgo_select(cs, 2, false);
    return 0;
}

static void closer_after_wait(void *p)
{
    cgo_chan *c = *(cgo_chan **)p;
    if (!test_chan_wait_waiters(c, 1))
        abort();
    cgo_chan_close(c);
}

static int sel_blocked_send_closed_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan *c = cgo_chan_make(sizeof(int), 0), *d = cgo_chan_make(sizeof(int), 0);
    cgo_go(closer_after_wait, &c, sizeof c);
    int v = 1;
    cgo_select_case cs[] = {recv_case(d, &v, NULL), send_case(c, &v)};
    cgo_select(cs, 2, false);
    return 0;
}

static int sel_bad_dir_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    int v;
    cgo_select_case cs[] = {{c, 3, &v, NULL}};
    cgo_select(cs, 1, false);
    return 0;
}

static int dl_select_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan *c = cgo_chan_make(sizeof(int), 0), *d = cgo_chan_make(sizeof(int), 0);
    int v = 0;
    cgo_select_case cs[] = {recv_case(c, &v, NULL), send_case(d, &v)};
    cgo_select(cs, 2, false);
    return 0;
}

static int dl_select_empty_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_select(NULL, 0, false);
    return 0;
}

static int dl_select_all_nil_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    int v;
    cgo_select_case cs[] = {recv_case(NULL, &v, NULL), recv_case(NULL, &v, NULL)};
    cgo_select(cs, 2, false);
    return 0;
}

static void sel_send_closed(void) { cgo_main(sel_send_closed_main, 0, NULL); }
static void sel_blocked_send_closed(void) { cgo_main(sel_blocked_send_closed_main, 0, NULL); }
static void sel_bad_dir(void) { cgo_main(sel_bad_dir_main, 0, NULL); }
static int sel_negative_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_select(NULL, -1, true);
    return 0;
}
static void sel_negative(void) { cgo_main(sel_negative_main, 0, NULL); }
static void dl_select(void) { cgo_main(dl_select_main, 0, NULL); }
static void dl_select_empty(void) { cgo_main(dl_select_empty_main, 0, NULL); }
static void dl_select_all_nil(void) { cgo_main(dl_select_all_nil_main, 0, NULL); }

Test(select, panic_send_case_on_closed_channel)
{
    expect_death(sel_send_closed, "panic: send on closed channel", "test_select.c:");
    expect_death(sel_blocked_send_closed, "panic: send on closed channel", "test_select.c:");
}

Test(select, panic_bad_direction)
{
    expect_death(sel_bad_dir, "panic: select: case direction", "test_select.c:");
    expect_death(sel_negative, "panic: select: negative number of cases", "test_select.c:");
}

Test(select, deadlock_report_shows_select_reasons)
{
    const char *deadlock = "fatal error: all goroutines are asleep - deadlock!";
    const char *sel[] = {"goroutine 1 [select]:", "test_select.c:", NULL};
    const char *no_cases[] = {"goroutine 1 [select (no cases)]:", "test_select.c:", NULL};
    expect_death_with(dl_select, deadlock, sel);
    expect_death_with(dl_select_empty, deadlock, no_cases);
    expect_death_with(dl_select_all_nil, deadlock, no_cases);
}
