/*
 * test_sched.c — the scheduler: spawning, argument copies, parking,
 * readying, yield fairness, run-next (and stealing it from a busy worker),
 * the local ring's order (newest first, oldest not starved), work stealing
 * (every goroutine runs exactly once), CGO_PROCS, the thread
 * pseudo-goroutine, 1,000,000 parked goroutines, FP control state, the
 * workers' start CPUs.
 *
 * Every test body runs on a plain thread (Criterion), so it drives the
 * runtime from outside (see rt_test.h). Counts of goroutines are scaled by
 * test_scale() (CGO_TEST_SCALE, smaller under sanitizers and valgrind).
 */
#define _GNU_SOURCE
#include "rt_test.h"
#include "../../runtime/src/pend.h"

#include <dirent.h>
#include <errno.h>
#include <fenv.h>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>

static void set_procs_1(void) { setenv("CGO_PROCS", "1", 1); }
static void set_procs_2(void) { setenv("CGO_PROCS", "2", 1); }

/* ------------------------------------------------------------------------ */

static _Atomic uint32_t counter;

static void bump(void *arg)
{
    (void)arg;
    test_count(&counter);
}

Test(sched, spawn_many_from_thread)
{
    uint32_t n = (uint32_t)test_scaled(100000, 1000);
    for (uint32_t i = 0; i < n; i++)
        cgo_go(bump, NULL, 0);
    cr_assert(test_wait_count(&counter, n, 60), "only %u of %u ran", counter, n);
    /* goroutines are counted until they have returned */
    for (int i = 0; i < 1000 && cgo_num_goroutine() != 0; i++)
        usleep(1000);
    cr_assert_eq(cgo_num_goroutine(), 0);
}

static void spawn_tree(void *arg)
{
    int depth = *(int *)arg;
    test_count(&counter);
    if (depth == 0)
        return;
    int d = depth - 1;
    cgo_go(spawn_tree, &d, sizeof d);
    cgo_go(spawn_tree, &d, sizeof d);
}

Test(sched, spawn_from_goroutines)
{
    int depth = test_scale() < 1 ? 10 : 16;
    uint32_t total = (1u << (depth + 1)) - 1;
    cgo_go(spawn_tree, &depth, sizeof depth);
    cr_assert(test_wait_count(&counter, total, 60), "%u of %u", counter, total);
}

/* ------------------------------------------------------------------------ */

typedef struct big_args {
    char bytes[1000];
    int id;
} big_args;

static _Atomic uint32_t args_bad;

static void check_args(void *arg)
{
    big_args *a = arg;
    if (((uintptr_t)a & 15) != 0)
        atomic_fetch_add(&args_bad, 1);
    for (int i = 0; i < (int)sizeof a->bytes; i++)
        if (a->bytes[i] != (char)(a->id + i))
            atomic_fetch_add(&args_bad, 1);
    test_count(&counter);
}

static void check_null_args(void *arg)
{
    if (arg != NULL)
        atomic_fetch_add(&args_bad, 1);
    test_count(&counter);
}

Test(sched, args_are_copied_and_aligned)
{
    big_args a;
    for (int id = 0; id < 100; id++) {
        a.id = id;
        for (int i = 0; i < (int)sizeof a.bytes; i++)
            a.bytes[i] = (char)(id + i);
        cgo_go(check_args, &a, sizeof a);
        memset(&a, 0xff, sizeof a); /* the goroutine must have its own copy */
    }
    cgo_go(check_null_args, NULL, 0);
    cr_assert(test_wait_count(&counter, 101, 30));
    cr_assert_eq(args_bad, 0);
}

/* ------------------------------------------------------------------------ */

static test_parker ping_parker;
static _Atomic uint32_t ping_state;

static void parked_goroutine(void *arg)
{
    (void)arg;
    rt_g *self = rt_self();
    if (self->is_thread || self->id == 0)
        atomic_store(&ping_state, 99);
    test_park(&ping_parker, RT_WAIT_CHAN_RECV, CGO_HERE);
    test_count(&ping_state);
}

Test(sched, park_and_ready_from_thread)
{
    cgo_go(parked_goroutine, NULL, 0);
    for (int i = 0; i < 5000 && !test_parked(&ping_parker); i++)
        usleep(1000);
    cr_assert(test_parked(&ping_parker));
    rt_g *g = ping_parker.g;
    cr_assert_eq(atomic_load(&g->status), RT_G_WAITING);
    cr_assert_eq(g->wait_reason, RT_WAIT_CHAN_RECV);
    cr_assert_eq(atomic_load(&ping_state), 0);
    test_wake(&ping_parker, false);
    cr_assert(test_wait_count(&ping_state, 1, 10));
    cr_assert_eq(atomic_load(&ping_state), 1);
}

/* unlock_fn returning false: the goroutine continues without parking. */
static bool refuse_park(rt_g *g, void *arg)
{
    (void)g;
    rt_lock_release(arg);
    return false;
}

static void no_park(void *arg)
{
    (void)arg;
    static rt_lock l;
    for (int i = 0; i < 1000; i++) {
        rt_lock_acquire(&l);
        rt_park(refuse_park, &l, RT_WAIT_CHAN_SEND, NULL);
        if (atomic_load(&rt_self()->status) != RT_G_RUNNING)
            atomic_fetch_add(&args_bad, 1);
    }
    test_count(&counter);
}

Test(sched, unlock_fn_false_resumes)
{
    cgo_go(no_park, NULL, 0);
    cr_assert(test_wait_count(&counter, 1, 10));
    cr_assert_eq(args_bad, 0);
}

/* ------------------------------------------------------------------------ */
/* 1,000,000 goroutines parked at once.                                      */

typedef struct park_node {
    rt_g *g;
    struct park_node *next;
} park_node;

static rt_lock park_list_lock;
static park_node *park_list;
static _Atomic uint32_t nparked, nresumed;

static bool push_parked(rt_g *g, void *arg)
{
    park_node *n = arg;
    n->g = g;
    n->next = park_list;
    park_list = n;
    rt_lock_release(&park_list_lock);
    test_count(&nparked);
    return true;
}

static void park_forever_then_count(void *arg)
{
    (void)arg;
    park_node node; /* on this goroutine's stack, like a channel waiter */
    rt_lock_acquire(&park_list_lock);
    rt_park(push_parked, &node, RT_WAIT_CHAN_RECV, NULL);
    test_count(&nresumed);
}

static int count_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    int n = 0, c;
    if (!f)
        return -1;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

Test(sched, million_parked, .timeout = 300)
{
    uint32_t n = (uint32_t)test_scaled(1000000, 2000);
    rt_init();
    long rss0 = test_rss_kib();
    int maps0 = count_maps();
    int64_t t0 = test_now();
    for (uint32_t i = 0; i < n; i++)
        cgo_go(park_forever_then_count, NULL, 0);
    int64_t t1 = test_now();
    cr_assert(test_wait_count(&nparked, n, 240), "%u of %u parked", nparked, n);
    int64_t t2 = test_now();
    long rss1 = test_rss_kib();
    int maps1 = count_maps();
    cr_assert_eq(cgo_num_goroutine(), (int)n);
    double per_g = (double)(rss1 - rss0) * 1024.0 / n;
    cr_log_info("%u goroutines: spawn %.0f ns each, all parked after %.2f s, %.0f bytes RSS "
                "per parked goroutine, %d new mappings",
                n, (double)(t1 - t0) / n, (double)(t2 - t0) / 1e9, per_g, maps1 - maps0);
    fprintf(stderr, "million_parked: %u goroutines, spawn %.0f ns each, %.2f s to park all, "
                    "%.0f B RSS per parked goroutine, %d new mappings\n",
            n, (double)(t1 - t0) / n, (double)(t2 - t0) / 1e9, per_g, maps1 - maps0);
    /* Stacks come from big chunks: far fewer mappings than goroutines --
     * with MADV_GUARD_INSTALL guards (mprotect guards, used under valgrind,
     * split the chunk's mapping around every guard). Not under TSan, which
     * maps memory for every goroutine's fiber. */
#if !RT_TSAN
    rt_lock_acquire(&park_list_lock);
    int guard = rt_gx_of(park_list->g)->guard;
    rt_lock_release(&park_list_lock);
    if (guard == RT_GUARD_MADVISE)
        cr_assert_lt(maps1 - maps0, 100 + (int)(n / 10000), "%d new mappings", maps1 - maps0);
    else
        cr_assert_lt(maps1 - maps0, 100 + 2 * (int)n, "%d new mappings", maps1 - maps0);
#endif
#if !RT_ASAN && !RT_TSAN
    if (test_scale() >= 1)
        cr_assert_lt(per_g, 8192.0, "%.0f bytes per parked goroutine", per_g);
#endif
    /* Wake them all from this plain thread (global run queue). */
    rt_lock_acquire(&park_list_lock);
    park_node *list = park_list;
    park_list = NULL;
    rt_lock_release(&park_list_lock);
    uint32_t woken = 0;
    while (list) {
        park_node *next = list->next; /* read before the goroutine may run */
        rt_ready(list->g, false);
        list = next;
        woken++;
    }
    cr_assert_eq(woken, n);
    cr_assert(test_wait_count(&nresumed, n, 240), "%u of %u resumed", nresumed, n);
}

/* ------------------------------------------------------------------------ */
/* Yield fairness: on one worker, yielding goroutines run round-robin.     */

#define FAIR_G 4
#define FAIR_ITERS 2000
static _Atomic int fair_iter[FAIR_G];
static _Atomic int fair_bad;

static void fair_worker(void *arg)
{
    int me = *(int *)arg;
    for (int i = 0; i < FAIR_ITERS; i++) {
        atomic_store(&fair_iter[me], i);
        for (int o = 0; o < FAIR_G; o++) {
            int d = atomic_load(&fair_iter[o]) - i;
            if (i > 2 && (d < -1 || d > 1))
                atomic_fetch_add(&fair_bad, 1);
        }
        cgo_yield();
    }
    test_count(&counter);
}

static void fair_start(void *arg)
{
    (void)arg;
    for (int i = 0; i < FAIR_G; i++)
        cgo_go(fair_worker, &i, sizeof i);
}

Test(sched, yield_fairness_one_proc, .init = set_procs_1)
{
    cr_assert_eq(cgo_num_procs(), 1);
    cgo_go(fair_start, NULL, 0);
    cr_assert(test_wait_count(&counter, FAIR_G, 30));
    cr_assert_eq(fair_bad, 0, "%d unfair observations", fair_bad);
}

/* A goroutine that never yields does not stop others on 2 workers, and a
 * yielding loop lets everything queued behind it run. */
static _Atomic bool stop_spin;

static void spinner(void *arg)
{
    (void)arg;
    while (!atomic_load(&stop_spin))
        ;
    test_count(&counter);
}

static void yielder(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++) {
        test_count(&ping_state);
        cgo_yield();
    }
    atomic_store(&stop_spin, true);
    test_count(&counter);
}

Test(sched, busy_goroutine_does_not_block_other_worker, .init = set_procs_2)
{
    cr_assert_eq(cgo_num_procs(), 2);
    cgo_go(spinner, NULL, 0);
    usleep(10000);
    cgo_go(yielder, NULL, 0);
    cr_assert(test_wait_count(&counter, 2, 30));
    cr_assert_eq(atomic_load(&ping_state), 100);
}

/* ------------------------------------------------------------------------ */
/* run-next: a goroutine readied with run_next runs right after its waker.  */

static char order[16];
static _Atomic int norder;
static test_parker rn_parker;

static void record(char c) { order[atomic_fetch_add(&norder, 1)] = c; }

static void rn_waiter(void *arg)
{
    (void)arg;
    test_park(&rn_parker, RT_WAIT_CHAN_RECV, NULL);
    record('W');
    test_count(&counter);
}

static void rn_filler(void *arg)
{
    record(*(char *)arg);
    test_count(&counter);
}

static void rn_main(void *arg)
{
    bool run_next = *(bool *)arg;
    cgo_go(rn_waiter, NULL, 0);
    while (!test_parked(&rn_parker))
        cgo_yield();
    char a = 'a', b = 'b';
    cgo_go(rn_filler, &a, 1);
    cgo_go(rn_filler, &b, 1);
    test_wake(&rn_parker, run_next);
    record('M');
    test_count(&counter);
}

Test(sched, run_next_runs_woken_goroutine_first, .init = set_procs_1)
{
    bool run_next = true;
    cgo_go(rn_main, &run_next, sizeof run_next);
    cr_assert(test_wait_count(&counter, 4, 30));
    /* a and then b went to the ring when W took runnext; the ring is
     * popped newest first */
    cr_assert_str_eq(order, "MWba");
}

Test(sched, without_run_next_woken_goroutine_queues, .init = set_procs_1)
{
    bool run_next = false;
    cgo_go(rn_main, &run_next, sizeof run_next);
    cr_assert(test_wait_count(&counter, 4, 30));
    /* b was spawned last (run-next slot); a and then W went to the ring,
     * which its worker pops newest first */
    cr_assert_str_eq(order, "MbWa");
}

/* ------------------------------------------------------------------------ */
/* The local ring is popped newest first (depth-first), with a bound on how */
/* long its oldest goroutine waits; stealers take the oldest.               */

static void lifo_main(void *arg)
{
    (void)arg;
    char a = 'a', b = 'b', c = 'c';
    cgo_go(rn_filler, &a, 1);
    cgo_go(rn_filler, &b, 1);
    cgo_go(rn_filler, &c, 1);
    record('M');
    test_count(&counter);
}

Test(sched, local_queue_runs_newest_first, .init = set_procs_1)
{
    cgo_go(lifo_main, NULL, 0);
    cr_assert(test_wait_count(&counter, 4, 30));
    /* c was spawned last (run-next slot); b and a are in the ring */
    cr_assert_str_eq(order, "Mcba");
}

/* `go` is not a scheduling point: a goroutine runs until it blocks, yields
 * or returns, so C state tied to its thread (errno, a held pthread mutex,
 * thread-locals) survives a `go` statement. On one worker, none of 1,000
 * children (the ring overflows into the global queue) runs before the
 * spawner blocks. */
static _Atomic uint32_t spawned_ran;

static void spawned_child(void *arg)
{
    (void)arg;
    atomic_fetch_add(&spawned_ran, 1);
}

static void spawn_loop(void *arg)
{
    (void)arg;
    pthread_t self = pthread_self();
    errno = 1234;
    for (int i = 0; i < 1000; i++)
        cgo_go(spawned_child, NULL, 0);
    cr_assert_eq(atomic_load(&spawned_ran), 0, "a child ran during the spawn loop");
    cr_assert(pthread_equal(self, pthread_self()), "the spawner moved to another thread");
    cr_assert_eq(errno, 1234);
    test_count(&counter);
}

Test(sched, go_statement_never_switches_the_spawner, .init = set_procs_1)
{
    cgo_go(spawn_loop, NULL, 0);
    cr_assert(test_wait_count(&counter, 1, 30));
    cr_assert(test_wait_count(&spawned_ran, 1000, 30));
}

/* Keeps its worker's ring non-empty with ever newer goroutines until
 * churn_stop: each round spawns two children (the first goes to the ring
 * when the second takes runnext) and receives from both, so whenever the
 * worker pops its ring there is a child of the current round on top of
 * whatever was queued before. */
static _Atomic bool churn_stop;
static _Atomic uint32_t churn_rounds;

static void churn_child(void *arg)
{
    int one = 1;
    cgo_chan_send(*(cgo_chan **)arg, &one);
}

static void churner(void *arg)
{
    (void)arg;
    cgo_chan *done = cgo_chan_make(sizeof(int), 0);
    while (!atomic_load(&churn_stop)) {
        cgo_go(churn_child, &done, sizeof done);
        cgo_go(churn_child, &done, sizeof done);
        cgo_chan_recv(done, NULL);
        cgo_chan_recv(done, NULL);
        atomic_fetch_add(&churn_rounds, 1);
    }
    cgo_chan_free(done);
    test_count(&counter);
}

static void stop_churn(void *arg)
{
    (void)arg;
    atomic_store(&churn_stop, true);
    test_count(&counter);
}

static void stale_main(void *arg)
{
    (void)arg;
    cgo_go(stop_churn, NULL, 0); /* to the ring when ... */
    cgo_go(churner, NULL, 0);    /* ... this one takes runnext */
    test_count(&counter);
}

Test(sched, oldest_local_goroutine_is_not_starved, .init = set_procs_1)
{
    /* stop_churn sits at the old end of the only worker's ring while the
     * churner keeps pushing newer goroutines; popped newest first, it would
     * wait forever. The worker takes the oldest once the ring's head has
     * not moved for RUNQ_STALE_NS. */
    cgo_go(stale_main, NULL, 0);
    cr_assert(test_wait_count(&counter, 3, 30), "the oldest goroutine in the ring was starved");
    cr_assert_gt(atomic_load(&churn_rounds), 0);
}

/* Every goroutine runs exactly once while the other worker steals: each
 * round spawns two goroutines, so that the first sits alone in the ring
 * when its worker pops it (after the second, in runnext, has run) and the
 * other worker, spinning, tries to steal it at the same time. A race
 * between the owner's pop of the last goroutine and a steal would run one
 * twice or lose it. */
typedef struct once_arg {
    uint32_t idx;
    cgo_chan *done;
} once_arg;

#define ONCE_MAX 200000
static _Atomic uint8_t once_ran[ONCE_MAX];

static void once_child(void *arg)
{
    once_arg *a = arg;
    atomic_fetch_add(&once_ran[a->idx], 1);
    int one = 1;
    cgo_chan_send(a->done, &one);
}

static void once_spawner(void *arg)
{
    uint32_t n = *(uint32_t *)arg;
    cgo_chan *done = cgo_chan_make(sizeof(int), 0);
    for (uint32_t i = 0; i < n; i += 2) {
        once_arg a = {i, done}, b = {i + 1, done};
        cgo_go(once_child, &a, sizeof a);
        cgo_go(once_child, &b, sizeof b);
        cgo_chan_recv(done, NULL);
        cgo_chan_recv(done, NULL);
    }
    cgo_chan_free(done);
    test_count(&counter);
}

Test(sched, every_goroutine_runs_once_under_stealing, .init = set_procs_2)
{
    uint32_t n = (uint32_t)test_scaled(ONCE_MAX, 4000);
    cgo_go(once_spawner, &n, sizeof n);
    cr_assert(test_wait_count(&counter, 1, 120), "a goroutine was lost");
    for (uint32_t i = 0; i < n; i++)
        cr_assert_eq(once_ran[i], 1, "goroutine %u ran %u times", i, once_ran[i]);
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_log_info("steals %llu", (unsigned long long)st.steals);
}

/* A goroutine readied into the runnext of a worker whose current goroutine
 * then computes without ever blocking is taken by the other worker (after
 * the stealing grace and, since that worker was asleep, its periodic look
 * while another worker is busy: a few milliseconds), not left waiting for
 * the computation to end. This is the path where a stealer takes runnext
 * (runnext_steal's membarrier handshake against the owner's runnext_take).
 * It failed in CI before idle workers bounded their sleep while another
 * worker was busy: the other worker slept through it. */
static test_parker busy_parker;
static _Atomic bool woken_ran;

static void busy_sleeper(void *arg)
{
    (void)arg;
    test_park(&busy_parker, RT_WAIT_CHAN_RECV, NULL);
    atomic_store(&woken_ran, true);
    test_count(&counter);
}

static void busy_waker(void *arg)
{
    (void)arg;
    cgo_go(busy_sleeper, NULL, 0);
    while (!test_parked(&busy_parker))
        cgo_yield();
    /* Let the other worker run out of work and fall asleep first: the
     * runnext it must notice fills only after it slept. */
    usleep(50000);
    test_wake(&busy_parker, true); /* into this worker's runnext */
    int64_t end = test_now() + 20 * (int64_t)1000000000;
    while (!atomic_load(&woken_ran) && test_now() < end)
        ; /* never blocks: only a steal can run the sleeper now */
    test_count(&counter);
}

Test(sched, runnext_of_busy_worker_is_stolen, .init = set_procs_2)
{
    int64_t start = test_now();
    cgo_go(busy_waker, NULL, 0);
    cr_assert(test_wait_count(&counter, 2, 30));
    cr_assert(atomic_load(&woken_ran));
    int64_t ms = (test_now() - start) / 1000000;
    cr_log_info("woken goroutine ran after %lld ms", (long long)ms);
    cr_assert_lt(ms, 10000, "the woken goroutine waited for the busy one to finish");
}

/* A chain of handoffs (a select and its two producers, on one worker)
 * always leaves the partner it runs next in that worker's runnext or alone
 * in its ring. The other worker used to spin for as long as the chain ran
 * (its re-check before sleeping saw that work), and its looks cost the
 * busy worker cache misses. Now it sleeps: the process uses about one CPU,
 * not two (1.0-1.1 against 1.9-2.0 with the spinning one). */
static cgo_chan *chain_ch[2];
static _Atomic bool chain_stop;
static double chain_cpus; /* CPU time / wall time over the measured stretch */

static void chain_producer(void *arg)
{
    cgo_chan *c = chain_ch[*(int *)arg];
    long v = 0;
    while (!atomic_load(&chain_stop))
        cgo_chan_send(c, &v);
    cgo_chan_close(c);
    test_count(&counter);
}

static int64_t cpu_ns(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ((int64_t)ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000 +
           ((int64_t)ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000;
}

static void chain_consumer(void *arg)
{
    (void)arg;
    long v;
    bool ok;
    cgo_select_case cases[2] = {{chain_ch[0], CGO_SELECT_RECV, &v, &ok},
                                {chain_ch[1], CGO_SELECT_RECV, &v, &ok}};
    /* 50 ms to settle (the workers' start-up spin), then 300 ms measured. */
    int64_t start = test_now(), t0 = 0, cpu0 = 0;
    for (long n = 0; cases[0].chan || cases[1].chan; n++) {
        int i = cgo_select(cases, 2, false);
        if (!ok)
            cases[i].chan = NULL;
        if (n % 1024 || atomic_load(&chain_stop))
            continue;
        int64_t now = test_now();
        if (!t0 && now - start >= 50000000) {
            t0 = now;
            cpu0 = cpu_ns();
        } else if (t0 && now - t0 >= 300000000) {
            chain_cpus = (double)(cpu_ns() - cpu0) / (double)(now - t0);
            atomic_store(&chain_stop, true);
        }
    }
    test_count(&counter);
}

Test(sched, idle_worker_sleeps_through_a_handoff_chain, .init = set_procs_2)
{
    for (int k = 0; k < 2; k++)
        chain_ch[k] = cgo_chan_make(sizeof(long), 0);
    cgo_go(chain_consumer, NULL, 0);
    for (int k = 0; k < 2; k++)
        cgo_go(chain_producer, &k, sizeof k);
    cr_assert(test_wait_count(&counter, 3, 60));
    cr_log_info("CPUs used during the chain: %.2f", chain_cpus);
    cr_assert_lt(chain_cpus, 1.5, "the idle worker kept spinning: %.2f CPUs", chain_cpus);
    for (int k = 0; k < 2; k++)
        cgo_chan_free(chain_ch[k]);
}

/* ------------------------------------------------------------------------ */
/* Work stealing: goroutines queued on one worker run on both.              */

static _Atomic int ran_on[2];
static _Atomic bool steal_gate;

static void busy_2ms(void *arg)
{
    (void)arg;
    /* Wait for the producer to have queued everything (spawning is slow
     * under TSan), then burn at least 2 ms without yielding; with two
     * workers, go on until both have run one of us (at most 10 s): 64 x 2
     * ms alone were done by one worker before the other got to steal when
     * CI ran the suites in parallel on a loaded machine. A worker that
     * never steals still fails the test. */
    while (!atomic_load(&steal_gate))
        ;
    int w = rt_sched_worker_index();
    if (w >= 0 && w < 2)
        atomic_fetch_add(&ran_on[w], 1);
    bool both = cgo_num_procs() >= 2;
    int64_t start = test_now();
    while (test_now() < start + 2000000 ||
           (both && (!atomic_load(&ran_on[0]) || !atomic_load(&ran_on[1])) &&
            test_now() < start + 10000000000))
        ;
    test_count(&counter);
}

static void steal_producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 64; i++) /* all land in this worker's run queue */
        cgo_go(busy_2ms, NULL, 0);
    atomic_store(&steal_gate, true);
}

Test(sched, work_stealing_two_procs, .init = set_procs_2)
{
    cgo_go(steal_producer, NULL, 0);
    cr_assert(test_wait_count(&counter, 64, 60));
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_log_info("steals %llu, ran on w0 %d w1 %d", (unsigned long long)st.steals,
                ran_on[0], ran_on[1]);
    cr_assert_gt(st.steals, 0);
    cr_assert_gt(ran_on[0], 0);
    cr_assert_gt(ran_on[1], 0);
}

Test(sched, procs_one_runs_everything_on_one_worker, .init = set_procs_1)
{
    cgo_go(steal_producer, NULL, 0);
    cr_assert(test_wait_count(&counter, 64, 60));
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_assert_eq(st.nprocs, 1);
    cr_assert_eq(st.steals, 0);
    cr_assert_eq(ran_on[0], 64);
}

Test(sched, procs_default_is_online_cpus)
{
    unsetenv("CGO_PROCS");
    cr_assert_eq(cgo_num_procs(), (int)sysconf(_SC_NPROCESSORS_ONLN));
}

static void bad_procs_child(void)
{
    cgo_num_procs();
}

Test(sched, procs_invalid_is_fatal)
{
    child_result r;
    const char *env[] = {"CGO_PROCS=zero", NULL};
    run_child(&r, env, bad_procs_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.out, "fatal error: invalid CGO_PROCS=\"zero\"") != NULL, "%s", r.out);
}

/* ------------------------------------------------------------------------ */
/* Thread pseudo-goroutines                                                 */

static test_parker thr_parker[4];
static _Atomic uint32_t thr_done;

static void *thread_parks(void *arg)
{
    test_parker *p = arg;
    rt_g *self = rt_self();
    if (!self->is_thread || self->id != 0 || rt_self() != self)
        atomic_fetch_add(&args_bad, 1);
    test_park(p, RT_WAIT_MUTEX, CGO_HERE);
    if (atomic_load(&self->status) != RT_G_RUNNING)
        atomic_fetch_add(&args_bad, 1);
    test_count(&thr_done);
    return NULL;
}

static void goroutine_wakes(void *arg)
{
    test_parker *p = *(test_parker **)arg;
    while (!test_parked(p))
        cgo_yield();
    test_wake(p, false);
}

static void *thread_wakes(void *arg)
{
    test_parker *p = arg;
    while (!test_parked(p))
        usleep(100);
    test_wake(p, false);
    return NULL;
}

Test(sched, thread_pseudo_g_park_ready)
{
    pthread_t t[4], w[2];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, thread_parks, &thr_parker[i]);
    /* two woken by goroutines, two by other plain threads */
    for (int i = 0; i < 2; i++) {
        test_parker *p = &thr_parker[i];
        cgo_go(goroutine_wakes, &p, sizeof p);
    }
    pthread_create(&w[0], NULL, thread_wakes, &thr_parker[2]);
    pthread_create(&w[1], NULL, thread_wakes, &thr_parker[3]);
    cr_assert(test_wait_count(&thr_done, 4, 30), "%u of 4 threads woken", thr_done);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(w[i], NULL);
    cr_assert_eq(args_bad, 0);
}

static test_parker g_from_thread;

static void parks_for_thread(void *arg)
{
    (void)arg;
    test_park(&g_from_thread, RT_WAIT_CHAN_RECV, NULL);
    test_count(&counter);
}

Test(sched, plain_thread_readies_goroutine)
{
    cgo_go(parks_for_thread, NULL, 0);
    while (!test_parked(&g_from_thread))
        usleep(100);
    cr_assert_eq(counter, 0);
    test_wake(&g_from_thread, true);
    cr_assert(test_wait_count(&counter, 1, 10));
}

Test(sched, yield_on_plain_thread_returns)
{
    cgo_yield();
    cr_assert_eq(cgo_num_goroutine(), 0);
}

/* ------------------------------------------------------------------------ */
/* Context switch state                                                     */

static _Atomic int fp_bad;

static void fp_up(void *arg)
{
    (void)arg;
    fesetround(FE_UPWARD);
    for (int i = 0; i < 200; i++) {
        cgo_yield();
        if (fegetround() != FE_UPWARD)
            atomic_fetch_add(&fp_bad, 1);
    }
    test_count(&counter);
}

static void fp_default(void *arg)
{
    (void)arg;
    for (int i = 0; i < 200; i++) {
        cgo_yield();
        if (fegetround() != FE_TONEAREST)
            atomic_fetch_add(&fp_bad, 1);
    }
    test_count(&counter);
}

Test(sched, fp_rounding_mode_is_per_goroutine, .init = set_procs_1)
{
    cgo_go(fp_up, NULL, 0);
    cgo_go(fp_default, NULL, 0);
    cr_assert(test_wait_count(&counter, 2, 30));
    cr_assert_eq(fp_bad, 0);
}

static void fp_inherit(void *arg)
{
    if (fegetround() != *(int *)arg)
        atomic_fetch_add(&fp_bad, 1);
    test_count(&counter);
}

Test(sched, fp_mode_inherited_from_creator)
{
    int mode = FE_DOWNWARD;
    fesetround(mode);
    cgo_go(fp_inherit, &mode, sizeof mode);
    fesetround(FE_TONEAREST);
    cr_assert(test_wait_count(&counter, 1, 10));
    cr_assert_eq(fp_bad, 0);
}

/* The mode is the creator's at the `go` statement, also when the goroutine
 * gets its stack later (pend.h), after the creator changed modes: on one
 * worker the child starts once fp_spawner has returned. */
static void fp_spawner(void *arg)
{
    (void)arg;
    int mode = FE_DOWNWARD;
    fesetround(mode);
    cgo_go(fp_inherit, &mode, sizeof mode);
    fesetround(FE_TONEAREST);
}

Test(sched, fp_mode_inherited_by_goroutine_started_later, .init = set_procs_1)
{
    cgo_go(fp_spawner, NULL, 0);
    cr_assert(test_wait_count(&counter, 1, 10));
    cr_assert_eq(fp_bad, 0);
}

/* The copy of the argument block is 64-byte aligned (cgo.h), whatever its
 * size: a block holding an over-aligned type (an AVX vector) is read with
 * aligned loads. */
static _Atomic int misaligned;

static void check_args_aligned(void *arg)
{
    if ((uintptr_t)arg % CGO_GO_ARGS_ALIGN != 0)
        atomic_fetch_add(&misaligned, 1);
    test_count(&counter);
}

Test(sched, argument_block_copy_is_64_byte_aligned)
{
    _Alignas(64) unsigned char block[256] = {0};
    static const size_t sizes[] = {1, 8, 16, 24, 48, 64, 72, 136, 256};
    uint32_t n = 0;
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++)
        for (int rep = 0; rep < 4; rep++, n++)
            cgo_go(check_args_aligned, block, sizes[k]);
    cr_assert(test_wait_count(&counter, n, 30));
    cr_assert_eq(atomic_load(&misaligned), 0);
}

/* Callee-saved registers survive switches: many live values across yields
 * on several goroutines that migrate between workers. */
static void regs_worker(void *arg)
{
    uint64_t seed = *(uint64_t *)arg;
    uint64_t a = seed, b = seed * 3, c = seed * 5, d = seed * 7, e = seed * 11, f = seed * 13;
    double x = (double)seed, y = x * 0.5;
    for (int i = 0; i < 500; i++) {
        cgo_yield();
        a += 1, b += 3, c += 5, d += 7, e += 11, f += 13;
        x += 1.0, y += 0.5;
    }
    if (a != seed + 500 || b != seed * 3 + 1500 || c != seed * 5 + 2500 ||
        d != seed * 7 + 3500 || e != seed * 11 + 5500 || f != seed * 13 + 6500 ||
        x != (double)seed + 500.0 || y != (double)seed * 0.5 + 250.0)
        atomic_fetch_add(&fp_bad, 1);
    test_count(&counter);
}

Test(sched, registers_preserved_across_switches)
{
    for (uint64_t s = 1; s <= 32; s++)
        cgo_go(regs_worker, &s, sizeof s);
    cr_assert(test_wait_count(&counter, 32, 30));
    cr_assert_eq(fp_bad, 0);
}

/* ------------------------------------------------------------------------ */

Test(sched, rand_is_spread)
{
    int buckets[8] = {0};
    for (int i = 0; i < 80000; i++)
        buckets[rt_rand_n(8)]++;
    for (int i = 0; i < 8; i++)
        cr_assert(buckets[i] > 9000 && buckets[i] < 11000, "bucket %d: %d", i, buckets[i]);
}

static test_parker count_parkers[10];

static void count_self(void *arg)
{
    test_park(*(test_parker **)arg, RT_WAIT_SLEEP, NULL);
    test_count(&counter);
}

Test(sched, num_goroutine_counts_live_ones)
{
    cr_assert_eq(cgo_num_goroutine(), 0);
    for (int i = 0; i < 10; i++) {
        test_parker *p = &count_parkers[i];
        cgo_go(count_self, &p, sizeof p);
    }
    cr_assert_eq(cgo_num_goroutine(), 10);
    for (int i = 0; i < 10; i++) {
        while (!test_parked(&count_parkers[i]))
            usleep(100);
    }
    cr_assert_eq(cgo_num_goroutine(), 10);
    for (int i = 0; i < 5; i++)
        test_wake(&count_parkers[i], false);
    cr_assert(test_wait_count(&counter, 5, 10));
    for (int i = 0; i < 1000 && cgo_num_goroutine() != 5; i++)
        usleep(1000);
    cr_assert_eq(cgo_num_goroutine(), 5);
}

/* ------------------------------------------------------------------------ */
/* A goroutine takes its stack when it first runs (pend.h).                 */

static _Atomic uint64_t lazy_sum;
static _Atomic uint32_t lazy_spawners;
static rt_sched_stats lazy_before, lazy_after;

static void lazy_child(void *arg)
{
    atomic_fetch_add(&lazy_sum, *(uint32_t *)arg);
    test_count(&counter);
}

/* Spawns children 1..n (without blocking: on one worker none runs before
 * the loop ends) and records the runtime's counters around the loop. */
static void lazy_spawner(void *arg)
{
    uint32_t n = *(uint32_t *)arg;
    rt_sched_get_stats(&lazy_before);
    for (uint32_t i = 1; i <= n; i++)
        cgo_go(lazy_child, &i, sizeof i);
    rt_sched_get_stats(&lazy_after);
    test_count(&lazy_spawners);
}

static void run_lazy_spawner(uint32_t n)
{
    cgo_go(lazy_spawner, &n, sizeof n);
    cr_assert(test_wait_count(&lazy_spawners, 1, 60));
    cr_assert(test_wait_count(&counter, n, 60), "only %u of %u ran", counter, n);
    cr_assert_eq(atomic_load(&counter), n, "a goroutine ran twice");
    cr_assert_eq(atomic_load(&lazy_sum), (uint64_t)n * (n + 1) / 2);
}

Test(sched, spawned_goroutines_take_no_stack_until_they_run, .init = set_procs_1)
{
    uint32_t n = (uint32_t)test_scaled(5000, 500);
    run_lazy_spawner(n);
    cr_assert_eq(lazy_after.slots_in_use, lazy_before.slots_in_use,
                 "%u queued goroutines took %llu stack slots", n,
                 (unsigned long long)(lazy_after.slots_in_use - lazy_before.slots_in_use));
    cr_assert_geq(lazy_after.pend_cells, n);
}

static void set_procs_1_few_cells(void)
{
    set_procs_1();
    rt_pend_set_limit(256);
}

/* The cells past the first 256 KiB (2,048 cells) start on a 2 MiB
 * boundary, so that they can be backed by huge pages (pend.c), while a
 * program with fewer goroutines queued at once stays in small pages. */
Test(sched, cells_beyond_the_first_256_kib_start_on_a_huge_page_boundary)
{
    cgo_go(lazy_child, &(uint32_t){1}, sizeof(uint32_t)); /* starts the runtime */
    cr_assert(test_wait_count(&counter, 1, 30));
    cr_assert_neq(rt_pend_range.lo, 0);
    cr_assert_eq((rt_pend_range.lo + (256u << 10)) % (2u << 20), 0, "cells at %#lx",
                 (unsigned long)rt_pend_range.lo);
}

/* Once every cell is in use, a `go` statement takes its stack at once. */
Test(sched, spawns_beyond_the_cells_take_stacks_at_once, .init = set_procs_1_few_cells)
{
    uint32_t n = (uint32_t)test_scaled(2000, 600);
    run_lazy_spawner(n);
    cr_assert_eq(lazy_after.pend_cells, 256);
    cr_assert_eq(lazy_after.slots_in_use - lazy_before.slots_in_use, n - 256);
}

/* The cells and the global queue's nodes a burst used go back to the OS
 * once every worker is idle. */
Test(sched, burst_memory_is_released_once_idle, .init = set_procs_1)
{
    uint32_t n = (uint32_t)test_scaled(5000, 1000);
    run_lazy_spawner(n);
    cr_assert_geq(lazy_after.pend_cells, n);
    cr_assert_gt(lazy_after.grq_nodes, 0, "the ring did not overflow");
    rt_sched_stats st;
    for (int i = 0; i < 5000; i++) {
        rt_sched_get_stats(&st);
        if (st.pend_cells == 0 && st.grq_nodes == 0)
            break;
        usleep(1000);
    }
    cr_assert_eq(st.pend_cells, 0);
    cr_assert_eq(st.grq_nodes, 0);
}

/* ------------------------------------------------------------------------ */
/* Woken sleepers run before goroutines that have not started.              */

/* WAKE_SLEEPERS goroutines sleep; while they sleep, the spawner queues
 * thousands of goroutines that have not started (its worker's ring fills,
 * the rest overflows into the global queue) and keeps its only worker
 * until every sleep is due. The worker then finds its ring full of cells
 * and more timers due than the ring has room for: it moves the cells to
 * the front of the global queue and readies the sleepers into the ring,
 * so each sleeper resumes before (nearly) any cell has run. Readying them
 * all at once would overflow the ring and spill sleepers to the global
 * queue's tail, behind every cell. */
#define WAKE_SLEEPERS 300
static _Atomic uint32_t wake_cells_ran, wake_most_seen, wake_mains;
static _Atomic int64_t wake_latest_start;
static cgo_waitgroup wake_started;

static void wake_cell(void *arg)
{
    (void)arg;
    atomic_fetch_add(&wake_cells_ran, 1);
    test_count(&counter);
}

/* On one worker the sleepers run one at a time and the clock and
 * wake_cells_ran only grow, so the last store of each is the largest. */
static void wake_sleeper(void *arg)
{
    (void)arg;
    atomic_store(&wake_latest_start, cgo_now());
    cgo_wg_done(&wake_started);
    cgo_sleep(2 * CGO_MILLISECOND);
    atomic_store(&wake_most_seen, atomic_load(&wake_cells_ran));
    test_count(&counter);
}

static void wake_spawner(void *arg)
{
    uint32_t ncells = *(uint32_t *)arg;
    cgo_wg_add(&wake_started, WAKE_SLEEPERS);
    for (int i = 0; i < WAKE_SLEEPERS; i++)
        cgo_go(wake_sleeper, NULL, 0);
    cgo_wg_wait(&wake_started); /* on one worker: every sleeper is asleep */
    for (uint32_t i = 0; i < ncells; i++)
        cgo_go(wake_cell, NULL, 0); /* none runs while this one runs */
    /* every sleep is due well before this goroutine lets its worker go */
    while (cgo_now() < atomic_load(&wake_latest_start) + 50 * CGO_MILLISECOND)
        ;
    test_count(&wake_mains);
}

Test(sched, woken_sleepers_run_before_unstarted_goroutines, .init = set_procs_1)
{
    uint32_t ncells = (uint32_t)test_scaled(20000, 5000);
    cgo_go(wake_spawner, &ncells, sizeof ncells);
    cr_assert(test_wait_count(&wake_mains, 1, 60));
    cr_assert(test_wait_count(&counter, ncells + WAKE_SLEEPERS, 60));
    cr_assert_lt(atomic_load(&wake_most_seen), ncells / 2,
                 "a woken sleeper waited for %u of %u queued goroutines to run first",
                 atomic_load(&wake_most_seen), ncells);
}

/* Due timers still run on a worker whose ring stays full of goroutines
 * that have started (here 400 that yield in turn; a yield requeues at the
 * ring's old end, or in the global queue when the ring is full): the
 * worker readies one timer every GLOBAL_TICKS ticks even without room. */
#define FULL_YIELDERS 400
static _Atomic bool full_stop;

static void full_yielder(void *arg)
{
    (void)arg;
    while (!atomic_load(&full_stop))
        cgo_yield();
    test_count(&counter);
}

static void full_sleeper(void *arg)
{
    (void)arg;
    cgo_sleep(20 * CGO_MILLISECOND); /* meanwhile every yielder starts */
    atomic_store(&full_stop, true);
    test_count(&counter);
}

static void full_main(void *arg)
{
    (void)arg;
    for (int i = 0; i < FULL_YIELDERS; i++)
        cgo_go(full_yielder, NULL, 0);
    cgo_go(full_sleeper, NULL, 0);
    test_count(&counter);
}

Test(sched, timers_fire_while_the_ring_stays_full, .init = set_procs_1)
{
    cgo_go(full_main, NULL, 0);
    cr_assert(test_wait_count(&counter, FULL_YIELDERS + 2, 60),
              "the sleeper never woke: %u of %d done", atomic_load(&counter), FULL_YIELDERS + 2);
}

/* ------------------------------------------------------------------------ */
/* The global run queue is not starved; idle workers do not spin.           */

Test(sched, global_queue_not_starved_by_local_work, .init = set_procs_1)
{
    /* The churner keeps the only worker busy with local work forever: its
     * runnext or ring always holds the next goroutine. A goroutine spawned
     * from this plain thread goes to the global queue and must still run
     * (every GLOBAL_TICKS ticks the worker takes from the global queue
     * first). */
    cgo_go(churner, NULL, 0);
    while (atomic_load(&churn_rounds) < 10)
        usleep(1000);
    cgo_go(stop_churn, NULL, 0);
    cr_assert(test_wait_count(&counter, 2, 30), "the global queue was starved");
}

static double process_cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void idle_burst(void *arg)
{
    (void)arg;
    test_count(&counter);
}

Test(sched, idle_workers_do_not_burn_cpu, .init = set_procs_2)
{
    /* After a burst of work every worker goes idle and must sleep on its
     * futex: over a quiet 500 ms the whole process may use only a small
     * fraction of one CPU (spinning workers would use 100% of two). */
    for (int i = 0; i < 100; i++)
        cgo_go(idle_burst, NULL, 0);
    cr_assert(test_wait_count(&counter, 100, 30));
    usleep(50000); /* let the spinners give up */
    double c0 = process_cpu_seconds();
    int64_t t0 = test_now();
    usleep(500000);
    double cpu = process_cpu_seconds() - c0;
    double wall = (double)(test_now() - t0) / 1e9;
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_log_info("idle: %.1f ms CPU in %.1f ms, %d of %d workers idle", cpu * 1e3, wall * 1e3,
                st.npidle, st.nprocs);
    cr_assert_eq(st.npidle, st.nprocs, "workers not parked");
#ifdef RUNNING_ON_VALGRIND
    if (RUNNING_ON_VALGRIND)
        return; /* valgrind's own work is billed to the process */
#endif
    cr_assert_lt(cpu, 0.2 * wall, "idle workers used %.1f ms of CPU in %.1f ms", cpu * 1e3,
                 wall * 1e3);
}

/* The CPUs a thread may run on, as /proc lists them ("0-1"), or "" if
 * unreadable. */
static void cpus_allowed(const char *task, char *out, size_t size)
{
    char path[96], line[256], list[256];
    snprintf(path, sizeof path, "/proc/self/task/%s/status", task);
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "Cpus_allowed_list: %255s", list) == 1) {
            snprintf(out, size, "%s", list);
            break;
        }
    fclose(f);
}

Test(sched, workers_start_on_own_cpus_and_are_not_pinned, .init = set_procs_2)
{
    /* Each new worker thread starts on a CPU of its own (the creator's is
     * skipped), so the kernel, which wakes a thread where it last ran,
     * does not keep two workers on one CPU; then it may run anywhere: no
     * thread of the process is left with fewer CPUs than this one. */
    cpu_set_t mine;
    cr_assert_eq(sched_getaffinity(0, sizeof mine, &mine), 0);
    cr_assert_eq(cgo_num_procs(), 2);
    int cpu[2], seed[2];
    int64_t deadline = test_now() + 30 * (int64_t)1000000000;
    for (int i = 0; i < 2; i++) {
        while ((cpu[i] = rt_sched_worker_start_cpu(i, &seed[i])) < 0 && test_now() < deadline)
            usleep(1000);
        cr_assert_geq(cpu[i], 0, "worker %d did not start", i);
    }
    cr_log_info("workers started on CPUs %d and %d, seeds %d and %d (%d CPUs allowed)", cpu[0],
                cpu[1], seed[0], seed[1], CPU_COUNT(&mine));
    if (CPU_COUNT(&mine) >= 2) {
        for (int i = 0; i < 2; i++) {
            cr_assert(seed[i] >= 0 && CPU_ISSET(seed[i], &mine), "worker %d: no seed CPU", i);
            cr_assert_eq(cpu[i], seed[i], "worker %d started on CPU %d, not on %d", i, cpu[i],
                         seed[i]);
        }
        cr_assert_neq(seed[0], seed[1], "both workers seeded on CPU %d", seed[0]);
    }
    char want[256], got[256], self_task[32];
    snprintf(self_task, sizeof self_task, "%ld", (long)syscall(SYS_gettid));
    cpus_allowed(self_task, want, sizeof want);
    cr_assert(want[0] != '\0');
    DIR *d = opendir("/proc/self/task");
    cr_assert(d);
    struct dirent *e;
    int threads = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        cpus_allowed(e->d_name, got, sizeof got);
        if (got[0] == '\0')
            continue; /* exited meanwhile */
        threads++;
        cr_expect_str_eq(got, want, "thread %s may run on CPUs %s only, not %s", e->d_name, got,
                         want);
    }
    closedir(d);
    cr_assert_geq(threads, 3, "the test thread and two workers");
}
