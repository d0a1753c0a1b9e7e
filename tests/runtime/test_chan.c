/*
 * test_chan.c — channels: make/len/cap, unbuffered handoff, buffered FIFO,
 * blocked senders on a full ring, close (values drained first, zero values
 * with ok == false, receivers woken), non-blocking forms and their fast
 * paths, nil channels, big elements, free (including right after a wake-up),
 * memory-model edges (TSan checks them), use from plain threads, every
 * panic (death tests in a forked child: exit status 2 and the message),
 * the wait reasons in deadlock dumps, and stress with checksums.
 *
 * Sizes are multiplied by test_scale() (CGO_TEST_SCALE; smaller under
 * sanitizers and valgrind).
 */
#define _GNU_SOURCE
#include "chan_test.h"

#include <stdalign.h>

/* ------------------------------------------------------------------------ */
/* make, len, cap                                                           */

Test(chan, make_len_cap)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 3);
    cr_assert_eq(cgo_chan_cap(c), 3);
    cr_assert_eq(cgo_chan_len(c), 0);
    int v = 7;
    cgo_chan_send(c, &v);
    cgo_chan_send(c, &v);
    cr_assert_eq(cgo_chan_len(c), 2);
    cgo_chan_recv(c, NULL);
    cr_assert_eq(cgo_chan_len(c), 1);
    cgo_chan_free(c);

    cgo_chan *u = cgo_chan_make(1, 0);
    cr_assert_eq(cgo_chan_cap(u), 0);
    cr_assert_eq(cgo_chan_len(u), 0);
    cgo_chan_free(u);

    cr_assert_eq(cgo_chan_len(NULL), 0);
    cr_assert_eq(cgo_chan_cap(NULL), 0);
    cgo_chan_free(NULL); /* no-op */
    (cgo_chan_free)(NULL);
}

Test(chan, ring_is_aligned_for_any_type)
{
    size_t sizes[] = {1, 3, 7, 16, 33, 65536};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        cgo_chan *c = cgo_chan_make(sizes[i], 5);
        cr_assert_eq((uintptr_t)c->buf % alignof(max_align_t), 0);
        cr_assert_geq((uintptr_t)c->buf, (uintptr_t)(c + 1));
        cgo_chan_free(c);
    }
    /* the function forms (no site) work as well */
    cgo_chan *c = (cgo_chan_make)(8, 1);
    uint64_t v = 42, r = 0;
    (cgo_chan_send)(c, &v);
    cr_assert((cgo_chan_recv)(c, &r));
    cr_assert_eq(r, 42);
    (cgo_chan_close)(c);
    cgo_chan_free(c);
}

/* ------------------------------------------------------------------------ */
/* Buffered FIFO, also with senders blocked on a full ring                  */

Test(chan, buffered_fifo_on_thread)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 8);
    for (int round = 0; round < 5; round++) { /* wraps the ring */
        for (int i = 0; i < 6; i++) {
            int v = round * 100 + i;
            cr_assert(cgo_chan_trysend_at(c, &v, CGO_HERE));
        }
        for (int i = 0; i < 6; i++) {
            int v = -1;
            cr_assert(cgo_chan_recv(c, &v));
            cr_assert_eq(v, round * 100 + i);
        }
    }
    cgo_chan_free(c);
}

typedef struct send_seq {
    cgo_chan *c;
    int from, n;
    _Atomic uint32_t *done;
} send_seq;

static void send_seq_fn(void *p)
{
    send_seq *a = p;
    for (int i = 0; i < a->n; i++) {
        int v = a->from + i;
        cgo_chan_send(a->c, &v);
    }
    if (a->done)
        test_count(a->done);
}

Test(chan, full_ring_keeps_fifo_with_blocked_senders)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 2);
    int v = 0;
    cgo_chan_send(c, &v);
    v = 1;
    cgo_chan_send(c, &v);
    /* one goroutine at a time, so the blocked senders' order is known */
    send_seq a = {c, 2, 1, NULL};
    for (int k = 0; k < 3; k++) {
        a.from = 2 + k;
        cgo_go(send_seq_fn, &a, sizeof a);
        cr_assert(test_chan_wait_waiters(c, k + 1));
    }
    cr_assert_eq(cgo_chan_len(c), 2);
    for (int i = 0; i < 5; i++) {
        cr_assert(cgo_chan_recv(c, &v));
        cr_assert_eq(v, i);
    }
    cr_assert_eq(cgo_chan_len(c), 0);
    cr_assert_eq(test_chan_waiters(c), 0);
    cgo_chan_free(c);
}

/* ------------------------------------------------------------------------ */
/* Unbuffered handoff                                                       */

Test(chan, unbuffered_goroutine_to_thread)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    static _Atomic uint32_t done;
    send_seq a = {c, 1, (int)test_scaled(10000, 200), &done};
    cgo_go(send_seq_fn, &a, sizeof a);
    for (int i = 0; i < a.n; i++) {
        int v;
        cr_assert(cgo_chan_recv(c, &v));
        cr_assert_eq(v, 1 + i);
    }
    cr_assert(test_wait_count(&done, 1, 30));
    cgo_chan_free(c);
}

typedef struct recv_seq {
    cgo_chan *c;
    int n;
    _Atomic uint32_t *bad, *done;
} recv_seq;

static void recv_seq_fn(void *p)
{
    recv_seq *a = p;
    for (int i = 0; i < a->n; i++) {
        int v = -1;
        if (!cgo_chan_recv(a->c, &v) || v != i)
            atomic_fetch_add(a->bad, 1);
    }
    test_count(a->done);
}

Test(chan, unbuffered_thread_to_goroutine)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    static _Atomic uint32_t bad, done;
    recv_seq a = {c, (int)test_scaled(10000, 200), &bad, &done};
    cgo_go(recv_seq_fn, &a, sizeof a);
    for (int i = 0; i < a.n; i++)
        cgo_chan_send(c, &i);
    cr_assert(test_wait_count(&done, 1, 30));
    cr_assert_eq(bad, 0);
    cgo_chan_free(c);
}

static void *recv_seq_thread(void *p)
{
    recv_seq_fn(p);
    return NULL;
}

Test(chan, unbuffered_thread_to_thread_without_goroutines)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    static _Atomic uint32_t bad, done;
    recv_seq a = {c, (int)test_scaled(5000, 200), &bad, &done};
    test_threads ts;
    test_threads_start(&ts, 1, recv_seq_thread, &a, 0);
    for (int i = 0; i < a.n; i++)
        cgo_chan_send(c, &i);
    test_threads_join(&ts);
    cr_assert_eq(bad, 0);
    cr_assert_eq(done, 1);
    cgo_chan_free(c);
}

Test(chan, receive_discards_with_null_elem)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    static _Atomic uint32_t done;
    send_seq a = {c, 1, 3, &done};
    cgo_go(send_seq_fn, &a, sizeof a);
    cr_assert(cgo_chan_recv(c, NULL));
    bool ok = false;
    cr_assert(cgo_chan_tryrecv_at(c, NULL, &ok, CGO_HERE) || cgo_chan_recv(c, NULL));
    int v;
    cr_assert(cgo_chan_recv(c, &v));
    cr_assert_eq(v, 3);
    cr_assert(test_wait_count(&done, 1, 30));
    cgo_chan_free(c);
}

/* Big elements are copied whole, both through the ring and by handoff. */
enum { BIG = 65536 };
typedef struct big_arg {
    cgo_chan *c;
    int n;
    _Atomic uint32_t *done;
} big_arg;

static void big_sender(void *p)
{
    big_arg *a = p;
    unsigned char *buf = malloc(BIG);
    for (int k = 0; k < a->n; k++) {
        for (int i = 0; i < BIG; i++)
            buf[i] = (unsigned char)(i * 7 + k);
        cgo_chan_send(a->c, buf);
    }
    free(buf);
    test_count(a->done);
}

Test(chan, big_elements)
{
    static _Atomic uint32_t done;
    for (int cap = 0; cap <= 3; cap += 3) {
        cgo_chan *c = cgo_chan_make(BIG, cap);
        big_arg a = {c, 8, &done};
        cgo_go(big_sender, &a, sizeof a);
        unsigned char *buf = malloc(BIG);
        for (int k = 0; k < a.n; k++) {
            cr_assert(cgo_chan_recv(c, buf));
            for (int i = 0; i < BIG; i++)
                if (buf[i] != (unsigned char)(i * 7 + k))
                    cr_assert_fail("byte %d of element %d: %u", i, k, buf[i]);
        }
        free(buf);
        cr_assert(test_wait_count(&done, (uint32_t)(cap ? 2 : 1), 30));
        cgo_chan_free(c);
    }
}

/* ------------------------------------------------------------------------ */
/* close                                                                    */

Test(chan, close_drains_values_then_zero)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 4);
    for (int i = 1; i <= 3; i++)
        cgo_chan_send(c, &i);
    cgo_chan_close(c);
    cr_assert_eq(cgo_chan_len(c), 3);
    for (int i = 1; i <= 3; i++) {
        int v = 0;
        cr_assert(cgo_chan_recv(c, &v));
        cr_assert_eq(v, i);
    }
    for (int k = 0; k < 3; k++) {
        int v = 99;
        cr_assert_not(cgo_chan_recv(c, &v));
        cr_assert_eq(v, 0);
        bool ok = true;
        v = 99;
        cr_assert(cgo_chan_tryrecv_at(c, &v, &ok, CGO_HERE));
        cr_assert_not(ok);
        cr_assert_eq(v, 0);
    }
    cgo_chan_free(c);
}

typedef struct closed_recv {
    cgo_chan *c;
    _Atomic uint32_t *good, *done;
} closed_recv;

static void recv_expect_closed(void *p)
{
    closed_recv *a = p;
    long v = 12345;
    bool ok = cgo_chan_recv(a->c, &v);
    if (!ok && v == 0)
        atomic_fetch_add(a->good, 1);
    test_count(a->done);
}

static void *recv_expect_closed_thread(void *p)
{
    recv_expect_closed(p);
    return NULL;
}

Test(chan, close_wakes_all_receivers)
{
    static _Atomic uint32_t good, done;
    for (int cap = 0; cap <= 2; cap += 2) {
        atomic_store(&good, 0);
        atomic_store(&done, 0);
        cgo_chan *c = cgo_chan_make(sizeof(long), cap);
        closed_recv a = {c, &good, &done};
        int ng = 20;
        for (int i = 0; i < ng; i++)
            cgo_go(recv_expect_closed, &a, sizeof a);
        test_threads ts;
        test_threads_start(&ts, 3, recv_expect_closed_thread, &a, 0);
        cr_assert(test_chan_wait_waiters(c, ng + 3));
        cgo_chan_close(c);
        cr_assert(test_wait_count(&done, (uint32_t)ng + 3, 30));
        test_threads_join(&ts);
        cr_assert_eq(good, (uint32_t)ng + 3);
        cr_assert_eq(test_chan_waiters(c), 0);
        cgo_chan_free(c);
    }
}

/* Close racing with receivers arriving: every receiver gets either a value
 * sent before the close, or the zero value with ok == false; the sum of
 * the values received equals the sum sent (the producer closes after its
 * last send, the `defer close(out)` idiom, so no send can race the close). */
typedef struct race_arg {
    cgo_chan *c;
    int n;
    _Atomic uint64_t *sum;
    _Atomic uint32_t *done;
} race_arg;

static void race_producer(void *p)
{
    race_arg *a = p;
    for (int i = 1; i <= a->n; i++) {
        uint64_t v = (uint64_t)i;
        cgo_chan_send(a->c, &v);
    }
    cgo_chan_close(a->c);
    test_count(a->done);
}

static void race_consumer(void *p)
{
    race_arg *a = p;
    uint64_t v, s = 0;
    while (cgo_chan_recv(a->c, &v))
        s += v;
    if (v != 0) /* zero value after close */
        s += 1u << 31;
    atomic_fetch_add(a->sum, s);
    test_count(a->done);
}

Test(chan, close_races_with_receivers)
{
    static _Atomic uint64_t sum;
    static _Atomic uint32_t done;
    int rounds = (int)test_scaled(200, 10);
    for (int r = 0; r < rounds; r++) {
        atomic_store(&sum, 0);
        atomic_store(&done, 0);
        cgo_chan *c = cgo_chan_make(sizeof(uint64_t), r % 3 == 0 ? 0 : r % 5);
        race_arg a = {c, 1 + r % 17, &sum, &done};
        int nc = 1 + r % 7;
        for (int i = 0; i < nc; i++)
            cgo_go(race_consumer, &a, sizeof a);
        cgo_go(race_producer, &a, sizeof a);
        cr_assert(test_wait_count(&done, (uint32_t)nc + 1, 30));
        cr_assert_eq(sum, (uint64_t)a.n * (uint64_t)(a.n + 1) / 2, "round %d", r);
        cgo_chan_free(c);
    }
}

/* ------------------------------------------------------------------------ */
/* Non-blocking forms                                                       */

Test(chan, trysend_tryrecv)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    int v = 5, r = -1;
    bool ok = false;
    cr_assert_not(cgo_chan_tryrecv_at(c, &r, &ok, CGO_HERE)); /* empty */
    cr_assert_eq(r, -1);
    cr_assert(cgo_chan_trysend_at(c, &v, CGO_HERE));
    cr_assert_not(cgo_chan_trysend_at(c, &v, CGO_HERE)); /* full */
    cr_assert(cgo_chan_tryrecv_at(c, &r, &ok, CGO_HERE));
    cr_assert(ok);
    cr_assert_eq(r, 5);
    cr_assert(cgo_chan_tryrecv_at(c, &r, NULL, CGO_HERE) == false);
    cgo_chan_free(c);

    /* unbuffered: nothing ready without a partner */
    cgo_chan *u = cgo_chan_make(sizeof(int), 0);
    cr_assert_not(cgo_chan_trysend_at(u, &v, CGO_HERE));
    cr_assert_not(cgo_chan_tryrecv_at(u, &r, &ok, CGO_HERE));
    cgo_chan_free(u);

    /* nil: never ready */
    cr_assert_not(cgo_chan_trysend_at(NULL, &v, CGO_HERE));
    cr_assert_not(cgo_chan_tryrecv_at(NULL, &r, &ok, CGO_HERE));
}

Test(chan, trysend_reaches_blocked_receiver)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    static _Atomic uint32_t bad, done;
    recv_seq a = {c, 1, &bad, &done};
    cgo_go(recv_seq_fn, &a, sizeof a);
    cr_assert(test_chan_wait_waiters(c, 1));
    int v = 0;
    cr_assert(cgo_chan_trysend_at(c, &v, CGO_HERE));
    cr_assert(test_wait_count(&done, 1, 30));
    cr_assert_eq(bad, 0);
    cgo_chan_free(c);
}

Test(chan, tryrecv_reaches_blocked_sender)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    static _Atomic uint32_t done;
    send_seq a = {c, 77, 1, &done};
    cgo_go(send_seq_fn, &a, sizeof a);
    cr_assert(test_chan_wait_waiters(c, 1));
    int v = 0;
    bool ok = false;
    cr_assert(cgo_chan_tryrecv_at(c, &v, &ok, CGO_HERE));
    cr_assert(ok);
    cr_assert_eq(v, 77);
    cr_assert(test_wait_count(&done, 1, 30));
    cgo_chan_free(c);
}

Test(chan, tryrecv_closed_unbuffered_fast_path)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    cgo_chan_close(c);
    int v = 3;
    bool ok = true;
    cr_assert(cgo_chan_tryrecv_at(c, &v, &ok, CGO_HERE));
    cr_assert_not(ok);
    cr_assert_eq(v, 0);
    cgo_chan_free(c);
}

/* ------------------------------------------------------------------------ */
/* nil channels block forever                                               */

static void nil_blocker(void *p)
{
    int which = *(int *)p;
    int v = 0;
    if (which)
        cgo_chan_send(NULL, &v);
    else
        cgo_chan_recv(NULL, &v);
    abort(); /* never reached */
}

Test(chan, nil_channel_blocks_forever)
{
    for (int which = 0; which < 2; which++)
        cgo_go(nil_blocker, &which, sizeof which);
    test_msleep(50);
    cr_assert_eq(cgo_num_goroutine(), 2);
}

/* ------------------------------------------------------------------------ */
/* free                                                                     */

/* The receiver frees the channel as soon as its receive returns, while
 * the sender may still be inside cgo_chan_send: the runtime must not touch
 * the channel on the sender's behalf after waking the receiver (ASan
 * checks this). Same for close waking a receiver that frees. */
typedef struct free_arg {
    cgo_chan *c;
    _Atomic uint32_t *done;
} free_arg;

static void send_one(void *p)
{
    free_arg *a = p;
    int v = 1;
    cgo_chan_send(a->c, &v);
    test_count(a->done);
}

static void recv_then_free(void *p)
{
    free_arg *a = p;
    int v;
    cgo_chan_recv(a->c, &v);
    cgo_chan_free(a->c);
    test_count(a->done);
}

Test(chan, free_right_after_wakeup)
{
    static _Atomic uint32_t done;
    int rounds = (int)test_scaled(2000, 50);
    for (int r = 0; r < rounds; r++) {
        /* sender parked first, receiver (this thread) frees */
        cgo_chan *c = cgo_chan_make(sizeof(int), 0);
        free_arg a = {c, &done};
        cgo_go(send_one, &a, sizeof a);
        int v;
        cr_assert(cgo_chan_recv(c, &v));
        cgo_chan_free(c);
        /* receiver goroutine parked, woken by a send or by close; it frees */
        cgo_chan *d = cgo_chan_make(sizeof(int), r % 2);
        free_arg b = {d, &done};
        cgo_go(recv_then_free, &b, sizeof b);
        if (r % 3 == 0)
            cgo_chan_close(d);
        else
            cgo_chan_send(d, &v);
        /* d may be gone now */
        cr_assert(test_wait_count(&done, 2 * (uint32_t)(r + 1), 30));
    }
}

/* ------------------------------------------------------------------------ */
/* Memory model (ThreadSanitizer reports a race if an edge is missing)     */

typedef struct payload {
    int a[16];
    long sum;
} payload;

typedef struct mm_arg {
    cgo_chan *c;
    int n;
    _Atomic uint32_t *bad, *done;
} mm_arg;

static void mm_producer(void *p)
{
    mm_arg *m = p;
    for (int k = 0; k < m->n; k++) {
        payload *pl = malloc(sizeof *pl);
        pl->sum = 0;
        for (int i = 0; i < 16; i++) {
            pl->a[i] = k + i; /* plain writes */
            pl->sum += pl->a[i];
        }
        cgo_chan_send(m->c, &pl);
    }
    test_count(m->done);
}

static void mm_consumer(void *p)
{
    mm_arg *m = p;
    for (int k = 0; k < m->n; k++) {
        payload *pl;
        cgo_chan_recv(m->c, &pl);
        long s = 0;
        for (int i = 0; i < 16; i++)
            s += pl->a[i]; /* plain reads */
        if (s != pl->sum)
            atomic_fetch_add(m->bad, 1);
        free(pl);
    }
    test_count(m->done);
}

Test(chan, send_happens_before_receive_completes)
{
    static _Atomic uint32_t bad, done;
    for (int cap = 0; cap <= 4; cap += 4) {
        cgo_chan *c = cgo_chan_make(sizeof(payload *), cap);
        mm_arg m = {c, (int)test_scaled(5000, 100), &bad, &done};
        cgo_go(mm_producer, &m, sizeof m);
        cgo_go(mm_consumer, &m, sizeof m);
        cr_assert(test_wait_count(&done, (uint32_t)(cap ? 4 : 2), 30));
        cgo_chan_free(c);
    }
    cr_assert_eq(bad, 0);
}

static long mm_plain;

static void mm_closer(void *p)
{
    cgo_chan *c = *(cgo_chan **)p;
    mm_plain = 4242; /* plain write, published by close */
    cgo_chan_close(c);
}

Test(chan, close_happens_before_receive_of_zero)
{
    int rounds = (int)test_scaled(500, 20);
    for (int r = 0; r < rounds; r++) {
        mm_plain = 0;
        cgo_chan *c = cgo_chan_make(sizeof(int), r % 2);
        cgo_go(mm_closer, &c, sizeof c);
        int v;
        bool ok;
        if (r % 3 == 0) {
            /* lock-free fast path (spin on tryrecv) */
            while (!cgo_chan_tryrecv_at(c, &v, &ok, CGO_HERE))
                ;
        } else {
            ok = cgo_chan_recv(c, &v);
        }
        cr_assert_not(ok);
        cr_assert_eq(mm_plain, 4242);
        cgo_chan_free(c);
    }
}

/* ------------------------------------------------------------------------ */
/* Stress: producers x consumers, goroutines and plain threads             */

static void mp_producer(void *p)
{
    stress_arg *a = p;
    for (int i = 0; i < a->n; i++) {
        uint64_t v = stress_value(a, i);
        cgo_chan_send(a->ch[0], &v);
        if ((i & 255) == 0 && a->id % 2 == 0)
            cgo_yield();
    }
    test_count(a->done);
}

static void mp_consumer(void *p)
{
    stress_arg *a = p;
    uint64_t v, s = 0, k = 0;
    while (cgo_chan_recv(a->ch[0], &v)) {
        s += v;
        k++;
    }
    stress_consumed(a, s, k);
}

/* prod_threads/cons_threads of the producers/consumers are plain threads */
static void mpmc(int cap, int np, int nc, int prod_threads, int cons_threads, int per)
{
    cgo_chan *c = cgo_chan_make(sizeof(uint64_t), cap);
    stress_run(&c, 1, mp_producer, mp_consumer, np, nc, prod_threads, cons_threads, per);
    cgo_chan_free(c);
}

Test(chan, stress_unbuffered_goroutines)
{
    mpmc(0, 8, 8, 0, 0, (int)test_scaled(20000, 200));
}

Test(chan, stress_buffered_goroutines)
{
    mpmc(16, 8, 8, 0, 0, (int)test_scaled(20000, 200));
}

Test(chan, stress_buffered_cap1_many_consumers)
{
    mpmc(1, 4, 32, 0, 0, (int)test_scaled(20000, 200));
}

Test(chan, stress_threads_produce_goroutines_consume)
{
    mpmc(0, 4, 8, 4, 0, (int)test_scaled(10000, 200));
    mpmc(8, 4, 8, 4, 0, (int)test_scaled(10000, 200));
}

Test(chan, stress_goroutines_produce_threads_consume)
{
    mpmc(0, 8, 4, 0, 4, (int)test_scaled(10000, 200));
    mpmc(8, 8, 4, 0, 4, (int)test_scaled(10000, 200));
}

static void set_procs_1(void) { setenv("CGO_PROCS", "1", 1); }

Test(chan, stress_mixed_threads_and_goroutines_procs_1, .init = set_procs_1)
{
    mpmc(0, 6, 6, 2, 2, (int)test_scaled(5000, 100));
    mpmc(4, 6, 6, 2, 2, (int)test_scaled(5000, 100));
}

/* ------------------------------------------------------------------------ */
/* Ping-pong timing (printed, not asserted)                                 */

typedef struct pp_arg {
    cgo_chan *ping, *pong;
    int n;
    _Atomic uint32_t *done;
} pp_arg;

static void pp_echo(void *p)
{
    pp_arg *a = p;
    int v;
    for (int i = 0; i < a->n; i++) {
        cgo_chan_recv(a->ping, &v);
        cgo_chan_send(a->pong, &v);
    }
    test_count(a->done);
}

static void pp_driver(void *p)
{
    pp_arg *a = p;
    int v = 0;
    int64_t t0 = test_now();
    for (int i = 0; i < a->n; i++) {
        cgo_chan_send(a->ping, &v);
        cgo_chan_recv(a->pong, &v);
    }
    int64_t dt = test_now() - t0;
    fprintf(stderr, "chan ping-pong (goroutines, unbuffered): %.0f ns per round trip\n",
            (double)dt / a->n);
    test_count(a->done);
}

Test(chan, ping_pong_timing)
{
    static _Atomic uint32_t done;
    pp_arg a = {cgo_chan_make(sizeof(int), 0), cgo_chan_make(sizeof(int), 0),
                (int)test_scaled(200000, 1000), &done};
    cgo_go(pp_echo, &a, sizeof a);
    cgo_go(pp_driver, &a, sizeof a);
    cr_assert(test_wait_count(&done, 2, 120));

    /* thread <-> goroutine */
    atomic_store(&done, 0);
    a.n = (int)test_scaled(20000, 200);
    cgo_go(pp_echo, &a, sizeof a);
    int v = 0;
    int64_t t0 = test_now();
    for (int i = 0; i < a.n; i++) {
        cgo_chan_send(a.ping, &v);
        cgo_chan_recv(a.pong, &v);
    }
    int64_t dt = test_now() - t0;
    fprintf(stderr, "chan ping-pong (thread <-> goroutine): %.0f ns per round trip\n",
            (double)dt / a.n);
    cr_assert(test_wait_count(&done, 1, 120));
    cgo_chan_free(a.ping);
    cgo_chan_free(a.pong);
}

/* ------------------------------------------------------------------------ */
/* Panics (forked child: exit status 2 and Go's message with the site)      */

/* EXPECT_DEATH_AT: the output must also name this file (the operation's
 * site). A panic on a plain thread that never used the runtime prints no
 * goroutine, so death tests that check the site run the operation in a
 * goroutine. */
#define EXPECT_DEATH(fn, text) expect_death(fn, text, NULL)
#define EXPECT_DEATH_AT(fn, text) expect_death(fn, text, "test_chan.c:")

/* Runs fn in a goroutine; the process ends with its panic. */
static void trampoline(void *p)
{
    (*(void (**)(void))p)();
}

static void in_goroutine(void (*fn)(void))
{
    cgo_go(trampoline, &fn, sizeof fn);
    test_msleep(20000);
    _exit(7);
}

#define GOROUTINE_FORM(name)                                                          \
    static void name##_g(void) { in_goroutine(name); }

static void die_send_closed(void)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    cgo_chan_close(c);
    int v = 1;
    cgo_chan_send(c, &v);
}

static void die_trysend_closed(void)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    cgo_chan_close(c);
    int v = 1;
    cgo_chan_trysend_at(c, &v, CGO_HERE);
}

static void die_close_closed(void)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    cgo_chan_close(c);
    cgo_chan_close(c);
}

static void die_close_nil(void)
{
    cgo_chan_close(NULL);
}

static void die_make_negative(void)
{
    cgo_chan_make(sizeof(int), -1);
}

static void die_make_huge(void)
{
    cgo_chan_make(sizeof(int), (int64_t)1 << 40);
}

static void die_make_huge_bytes(void)
{
    cgo_chan_make(65536, (int64_t)INT32_MAX);
}

static void die_make_elem_zero(void)
{
    cgo_chan_make(0, 1);
}

static void die_make_elem_big(void)
{
    cgo_chan_make(65537, 1);
}

static void blocked_recv(void *p)
{
    cgo_chan *c = *(cgo_chan **)p;
    int v;
    cgo_chan_recv(c, &v);
}

static void die_free_with_waiter(void)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    cgo_go(blocked_recv, &c, sizeof c);
    if (!test_chan_wait_waiters(c, 1))
        _exit(9);
    cgo_chan_free(c);
}

static void *blocked_recv_thread(void *p)
{
    blocked_recv(p);
    return NULL;
}

static void die_free_with_waiting_thread(void)
{
    static cgo_chan *c;
    c = cgo_chan_make(sizeof(int), 0);
    pthread_t t;
    if (pthread_create(&t, NULL, blocked_recv_thread, &c) != 0)
        _exit(9);
    if (!test_chan_wait_waiters(c, 1))
        _exit(9);
    cgo_chan_free(c);
}

static void blocked_send(void *p)
{
    cgo_chan *c = *(cgo_chan **)p;
    int v = 1;
    cgo_chan_send(c, &v);
}

static void die_close_with_blocked_sender(void)
{
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    cgo_go(blocked_send, &c, sizeof c);
    if (!test_chan_wait_waiters(c, 1))
        _exit(9);
    cgo_chan_close(c);
    test_msleep(10000); /* the sender's panic ends the process */
}

GOROUTINE_FORM(die_send_closed)
GOROUTINE_FORM(die_trysend_closed)
GOROUTINE_FORM(die_close_closed)
GOROUTINE_FORM(die_close_nil)
GOROUTINE_FORM(die_make_negative)
GOROUTINE_FORM(die_make_huge)
GOROUTINE_FORM(die_make_elem_zero)

Test(chan, panic_send_on_closed)
{
    EXPECT_DEATH(die_send_closed, "panic: send on closed channel");
    EXPECT_DEATH_AT(die_send_closed_g, "panic: send on closed channel");
    EXPECT_DEATH(die_trysend_closed, "panic: send on closed channel");
    EXPECT_DEATH_AT(die_trysend_closed_g, "panic: send on closed channel");
}

Test(chan, panic_blocked_sender_on_close)
{
    EXPECT_DEATH_AT(die_close_with_blocked_sender, "panic: send on closed channel");
}

Test(chan, panic_close)
{
    EXPECT_DEATH(die_close_closed, "panic: close of closed channel");
    EXPECT_DEATH_AT(die_close_closed_g, "panic: close of closed channel");
    EXPECT_DEATH(die_close_nil, "panic: close of nil channel");
    EXPECT_DEATH_AT(die_close_nil_g, "panic: close of nil channel");
}

Test(chan, panic_makechan)
{
    EXPECT_DEATH(die_make_negative, "panic: makechan: size out of range");
    EXPECT_DEATH_AT(die_make_negative_g, "panic: makechan: size out of range");
    EXPECT_DEATH_AT(die_make_huge_g, "panic: makechan: size out of range");
    EXPECT_DEATH_AT(die_make_elem_zero_g, "panic: makechan: invalid element size");
    EXPECT_DEATH(die_make_huge, "panic: makechan: size out of range");
    EXPECT_DEATH(die_make_huge_bytes, "panic: makechan: size out of range");
    EXPECT_DEATH(die_make_elem_zero, "panic: makechan: invalid element size");
    EXPECT_DEATH(die_make_elem_big, "panic: makechan: invalid element size");
}

Test(chan, panic_free_with_blocked_goroutine)
{
    EXPECT_DEATH_AT(die_free_with_waiter, "panic: free of channel with blocked goroutines");
    EXPECT_DEATH(die_free_with_waiting_thread, "panic: free of channel with blocked goroutines");
}

/* Criterion's own death-test form: exit code 2, stderr checked. */
Test(chan, panic_exit_code_criterion, .exit_code = 2)
{
    die_close_nil();
}

/* ------------------------------------------------------------------------ */
/* Wait reasons and sites in the deadlock report                            */

static int dl_recv_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan *c = cgo_chan_make(sizeof(int), 0);
    int v;
    cgo_chan_recv(c, &v);
    return 0;
}

static int dl_send_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan *c = cgo_chan_make(sizeof(int), 1);
    int v = 0;
    cgo_chan_send(c, &v);
    cgo_chan_send(c, &v);
    return 0;
}

static int dl_nil_recv_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_chan_recv(NULL, NULL);
    return 0;
}

static int dl_nil_send_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    int v = 0;
    cgo_chan_send(NULL, &v);
    return 0;
}

static void dl_recv(void) { cgo_main(dl_recv_main, 0, NULL); }
static void dl_send(void) { cgo_main(dl_send_main, 0, NULL); }
static void dl_nil_recv(void) { cgo_main(dl_nil_recv_main, 0, NULL); }
static void dl_nil_send(void) { cgo_main(dl_nil_send_main, 0, NULL); }

/* The report starts with the fatal error, then goroutine 1 with its wait
 * reason and the site of the blocked operation. */
static void expect_deadlock(void (*fn)(void), const char *goroutine_line)
{
    const char *needles[] = {goroutine_line, "test_chan.c:", NULL};
    expect_death_with(fn, "fatal error: all goroutines are asleep - deadlock!\n", needles);
}

Test(chan, deadlock_report_shows_wait_reason)
{
    expect_deadlock(dl_recv, "\ngoroutine 1 [chan receive]:\n\tat ");
    expect_deadlock(dl_send, "\ngoroutine 1 [chan send]:\n\tat ");
    expect_deadlock(dl_nil_recv, "\ngoroutine 1 [chan receive (nil chan)]:\n\tat ");
    expect_deadlock(dl_nil_send, "\ngoroutine 1 [chan send (nil chan)]:\n\tat ");
}
