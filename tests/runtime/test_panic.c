/*
 * test_panic.c — panic and fatal error reports, goroutine dumps, deadlock
 * detection, SIGQUIT.
 *
 * Each test forks a child (run_child in rt_test.h) running a small program
 * (usually through cgo_main, so goroutine ids and the deadlock detector are
 * those of a real .gc program) and checks the exit status and the exact
 * text written to stderr.
 */
#define _GNU_SOURCE
#include "rt_test.h"

#include <pthread.h>
#include <signal.h>

static char *child_argv[] = {"child", NULL};

static const cgo_site site_go2 = {"p.gc", 10};
static const cgo_site site_go3 = {"p.gc", 11};
static const cgo_site site_main_wait = {"p.gc", 20};
static const cgo_site site_g2_wait = {"p.gc", 30};
static const cgo_site site_g3_wait = {"p.gc", 40};
static const cgo_site site_panic = {"p.gc", 50};

static test_parker main_parker, g2_parker, g3_parker;

/* Runs child (a forked process) with env0 (NULL: none) in its
 * environment; it must exit with status 2 and write exactly want to
 * stderr (stdout merged). */
static void expect_report(const char *env0, void (*child)(void), const char *want)
{
    child_result r;
    const char *env[] = {env0, NULL};
    run_child(&r, env, child, true);
    cr_assert_eq(r.status, 2, "%s: %d\n%s", env0 ? env0 : "default", r.status, r.out);
    cr_assert_str_eq(r.out, want);
}

static void wait_parked(test_parker *p)
{
    while (!test_parked(p))
        cgo_yield();
}

/* A child whose main starts g2_fn as goroutine 2 (created at p.gc:10) and
 * parks receiving at p.gc:20: run_g2_then_park runs it. */
static void (*g2_fn)(void *);

static int g2_then_park_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(g2_fn, NULL, 0, &site_go2);
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    return 0;
}

static void g2_then_park_child(void) { cgo_main(g2_then_park_main, 1, child_argv); }

static void run_g2_then_park(child_result *r, void (*fn)(void *))
{
    g2_fn = fn;
    run_child(r, NULL, g2_then_park_child, false);
}


static void g2_park(void *arg)
{
    (void)arg;
    test_park(&g2_parker, RT_WAIT_CHAN_SEND, &site_g2_wait);
}

static void g3_park(void *arg)
{
    (void)arg;
    test_park(&g3_parker, RT_WAIT_SELECT_NO_CASES, &site_g3_wait);
}

/* ------------------------------------------------------------------------ */
/* panic                                                                    */

static void g3_panics(void *arg)
{
    (void)arg;
    wait_parked(&main_parker);
    wait_parked(&g2_parker);
    cgo_panic_at("boom", &site_panic);
}

static int panic_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    printf("partial output");   /* buffered: must be flushed before the report */
    cgo_go_at(g2_park, NULL, 0, &site_go2);
    cgo_go_at(g3_panics, NULL, 0, &site_go3);
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    return 0;
}

static void panic_child(void) { cgo_main(panic_main, 1, child_argv); }

Test(panic, format_of_panic_in_goroutine)
{
    child_result r;
    run_child(&r, NULL, panic_child, true);
    cr_assert_eq(r.status, 2, "%d\n%s", r.status, r.out);
    const char *want = "partial output"
                       "panic: boom\n"
                       "\n"
                       "goroutine 3 [running]:\n"
                       "\tat p.gc:50\n"
                       "\tcreated at p.gc:11\n"
                       "\n"
                       "goroutine 1 [chan receive]:\n"
                       "\tat p.gc:20\n"
                       "\n"
                       "goroutine 2 [chan send]:\n"
                       "\tat p.gc:30\n"
                       "\tcreated at p.gc:10\n";
    cr_assert_str_eq(r.out, want);
}

static int panic1_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_panic_at("in main", &site_panic);
}

static void panic1_child(void) { cgo_main(panic1_main, 1, child_argv); }

Test(panic, goroutine_1_has_no_created_at)
{
    child_result r;
    run_child(&r, NULL, panic1_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert_str_eq(r.out, "panic: in main\n\ngoroutine 1 [running]:\n\tat p.gc:50\n");
}

static const cgo_site site_go_big = {"big.gc", 7};
static char big_args[16384]; /* over a quarter of the 32 KiB stack below */

static void big_args_fn(void *args) { (void)args; }

static int big_args_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(big_args_fn, big_args, sizeof big_args, &site_go_big);
    return 0;
}

static void big_args_child(void) { cgo_main(big_args_main, 1, child_argv); }

/* The argument block of a go statement is copied onto the new stack; one
 * that would leave the goroutine less than three quarters of its stack is
 * refused at the go statement's site. */
Test(panic, go_argument_block_too_large)
{
    const char *env[] = {"CGO_STACK_SIZE=32k", NULL};
    child_result r;
    run_child(&r, env, big_args_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert_str_eq(r.out, "panic: go: argument block too large for the goroutine stack\n\n"
                  "goroutine 1 [running]:\n\tat big.gc:7\n");
}

static void macro_child(void)
{
    rt_init();
    cgo_panic("from a thread"); /* the macro passes this file and line */
}

Test(panic, panic_on_plain_thread)
{
    child_result r;
    run_child(&r, NULL, macro_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert(strncmp(r.out, "panic: from a thread\n\nthread [running]:\n\tat ", 44) == 0, "%s",
              r.out);
    cr_assert(strstr(r.out, "test_panic.c:") != NULL, "%s", r.out);
}

static void fatal_child(void)
{
    rt_fatal("unlock of unlocked mutex", &site_panic);
}

Test(panic, fatal_error_format)
{
    child_result r;
    run_child(&r, NULL, fatal_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert_str_eq(r.out, "fatal error: unlock of unlocked mutex\n\nthread [running]:\n\tat p.gc:50\n");
}

/* Long waits print ", N minutes" as Go does. */
static void minutes_panics(void *arg)
{
    (void)arg;
    wait_parked(&main_parker);
    rt_g *g = main_parker.g;
    g->wait_since -= (int64_t)3 * 60 * 1000000000; /* pretend: 3 minutes */
    cgo_panic_at("late", &site_panic);
}

Test(panic, long_waits_show_minutes)
{
    child_result r;
    run_g2_then_park(&r, minutes_panics);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.out, "\ngoroutine 1 [chan receive, 3 minutes]:\n\tat p.gc:20\n") != NULL,
              "%s", r.out);
}

/* Two goroutines panicking at once: one report. */
static _Atomic int racers;

static void racing_panic(void *arg)
{
    atomic_fetch_add(&racers, 1);
    while (atomic_load(&racers) < 2)
        ;
    cgo_panic_at(*(int *)arg ? "one" : "two", &site_panic);
}

static int race_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    for (int i = 0; i < 2; i++)
        cgo_go_at(racing_panic, &i, sizeof i, &site_go2);
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    return 0;
}

static void race_child(void)
{
    setenv("CGO_PROCS", "2", 1);
    cgo_main(race_main, 1, child_argv);
}

Test(panic, concurrent_panics_print_one_report)
{
    for (int round = 0; round < 5; round++) {
        child_result r;
        run_child(&r, NULL, race_child, false);
        cr_assert_eq(r.status, 2);
        int n = 0;
        for (const char *p = r.out; (p = strstr(p, "panic: ")) != NULL; p++)
            n++;
        cr_assert_eq(n, 1, "%s", r.out);
    }
}

static void ready_running(void *arg)
{
    (void)arg;
    rt_ready(rt_self(), false);
}

Test(panic, ready_of_running_goroutine_is_fatal)
{
    child_result r;
    run_g2_then_park(&r, ready_running);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.out, "fatal error: rt_ready of goroutine 2 that is not waiting") == r.out,
              "%s", r.out);
}

/* Goroutines that have not started yet (no stack until they first run:
 * pend.h) are listed as runnable with their creation site, by id. On one
 * worker main's `go` statements only queue them, and main panics before
 * it blocks, so neither has run. */
static int not_started_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(g2_park, NULL, 0, &site_go2);
    cgo_go_at(g3_park, NULL, 0, &site_go3);
    cgo_panic_at("boom", &site_panic);
}

static void not_started_child(void) { cgo_main(not_started_main, 1, child_argv); }

Test(panic, goroutines_not_started_are_listed_runnable)
{
    expect_report("CGO_PROCS=1", not_started_child,
                  "panic: boom\n"
                  "\n"
                  "goroutine 1 [running]:\n"
                  "\tat p.gc:50\n"
                  "\n"
                  "goroutine 2 [runnable]:\n"
                  "\tcreated at p.gc:10\n"
                  "\n"
                  "goroutine 3 [runnable]:\n"
                  "\tcreated at p.gc:11\n");
}

/* ------------------------------------------------------------------------ */
/* Deadlock detection                                                       */

static int deadlock_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(g2_park, NULL, 0, &site_go2);
    cgo_go_at(g3_park, NULL, 0, &site_go3);
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    printf("woken?\n");
    return 0;
}

static void deadlock_child(void) { cgo_main(deadlock_main, 1, child_argv); }

static const char deadlock_want[] = "fatal error: all goroutines are asleep - deadlock!\n"
                                    "\n"
                                    "goroutine 1 [chan receive]:\n"
                                    "\tat p.gc:20\n"
                                    "\n"
                                    "goroutine 2 [chan send]:\n"
                                    "\tat p.gc:30\n"
                                    "\tcreated at p.gc:10\n"
                                    "\n"
                                    "goroutine 3 [select (no cases)]:\n"
                                    "\tat p.gc:40\n"
                                    "\tcreated at p.gc:11\n";

/* The report is the same whatever the number of workers (procs NULL: the
 * default). */
static void expect_deadlock_report(const char *procs)
{
    expect_report(procs, deadlock_child, deadlock_want);
}

Test(panic, deadlock_is_reported) { expect_deadlock_report(NULL); }

Test(panic, deadlock_is_reported_one_proc) { expect_deadlock_report("CGO_PROCS=1"); }

Test(panic, deadlock_is_reported_many_procs) { expect_deadlock_report("CGO_PROCS=6"); }

/* Not a deadlock: a goroutine is running (for 300 ms) and will wake main. */
static void busy_then_wake(void *arg)
{
    (void)arg;
    wait_parked(&main_parker);
    int64_t end = test_now() + 300000000;
    while (test_now() < end)
        ;
    test_wake(&main_parker, false);
}

static int busy_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(g2_park, NULL, 0, &site_go2); /* parked forever: fine */
    cgo_go_at(busy_then_wake, NULL, 0, &site_go3);
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    printf("ok\n");
    return 7;
}

static void busy_child(void) { cgo_main(busy_main, 1, child_argv); }

Test(panic, no_deadlock_while_a_goroutine_runs)
{
    const char *procs[] = {"CGO_PROCS=1", "CGO_PROCS=2", "CGO_PROCS=4"};
    for (int i = 0; i < 3; i++) {
        child_result r;
        const char *env[] = {procs[i], NULL};
        run_child(&r, env, busy_child, true);
        cr_assert_eq(r.status, 7, "%s: %d\n%s", procs[i], r.status, r.out);
        cr_assert_str_eq(r.out, "ok\n");
    }
}

/* Not a deadlock: a plain C thread (not using the runtime yet) will wake
 * main after 200 ms. */
static void *thread_wakes_main(void *arg)
{
    (void)arg;
    usleep(200000);
    test_wake(&main_parker, false);
    return NULL;
}

static int thread_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    pthread_t t;
    pthread_create(&t, NULL, thread_wakes_main, NULL);
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    printf("ok\n");
    return 0;
}

static void thread_child(void) { cgo_main(thread_main, 1, child_argv); }

Test(panic, no_deadlock_while_a_plain_thread_exists)
{
    child_result r;
    run_child(&r, NULL, thread_child, true);
    cr_assert_eq(r.status, 0, "%d\n%s", r.status, r.out);
    cr_assert_str_eq(r.out, "ok\n");
}

/* Main returning exits with its status even with goroutines parked. */
static int exit_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(g2_park, NULL, 0, &site_go2);
    wait_parked(&g2_parker);
    printf("bye\n");
    return 3;
}

static void exit_child(void) { cgo_main(exit_main, 1, child_argv); }

Test(panic, main_return_exits_with_status)
{
    child_result r;
    run_child(&r, NULL, exit_child, true);
    cr_assert_eq(r.status, 3);
    cr_assert_str_eq(r.out, "bye\n");
}

/* ------------------------------------------------------------------------ */
/* SIGQUIT                                                                  */

/* The sender uses the runtime (rt_self gives it a thread pseudo-g), so
 * the runtime knows a plain thread may still wake someone and reports no
 * deadlock: without that, once both goroutines parked, the deadlock
 * report raced with the signal and won 1-3 times in 80 runs. */
static _Atomic bool quit_sender_known;

static void *send_sigquit(void *arg)
{
    (void)arg;
    (void)rt_self();
    atomic_store(&quit_sender_known, true);
    while (!test_parked(&main_parker) || !test_parked(&g2_parker))
        usleep(1000);
    kill(getpid(), SIGQUIT);
    return NULL;
}

static int quit_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    pthread_t t;
    cgo_go_at(g2_park, NULL, 0, &site_go2);
    pthread_create(&t, NULL, send_sigquit, NULL);
    while (!atomic_load(&quit_sender_known))
        cgo_yield();
    test_park(&main_parker, RT_WAIT_CHAN_RECV, &site_main_wait);
    return 0;
}

static void quit_child(void)
{
    /* The runtime takes SIGQUIT only over the default action; a shell
     * starts background commands with SIGQUIT ignored, which the child
     * would inherit (and then report the deadlock instead). */
    signal(SIGQUIT, SIG_DFL);
    cgo_main(quit_main, 1, child_argv);
}

Test(panic, sigquit_dumps_goroutines)
{
    child_result r;
    run_child(&r, NULL, quit_child, false);
    cr_assert_eq(r.status, 2, "%d\n%s", r.status, r.out);
    cr_assert_str_eq(r.out, "SIGQUIT: quit\n"
                            "\n"
                            "goroutine 1 [chan receive]:\n"
                            "\tat p.gc:20\n"
                            "\n"
                            "goroutine 2 [chan send]:\n"
                            "\tat p.gc:30\n"
                            "\tcreated at p.gc:10\n");
}

/* A plain thread blocked in the runtime appears as "thread [...]". */
static void *thread_parks(void *arg)
{
    (void)arg;
    test_park(&g3_parker, RT_WAIT_MUTEX, &site_g3_wait);
    return NULL;
}

static void thread_dump_child(void)
{
    pthread_t t;
    pthread_create(&t, NULL, thread_parks, NULL);
    while (!test_parked(&g3_parker))
        usleep(1000);
    cgo_go_at(g2_park, NULL, 0, &site_go2);
    while (!test_parked(&g2_parker))
        usleep(1000);
    rt_panic("dump", NULL);
}

Test(panic, blocked_plain_threads_are_listed)
{
    child_result r;
    run_child(&r, NULL, thread_dump_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.out, "\nthread [sync.Mutex]:\n\tat p.gc:40\n") != NULL, "%s", r.out);
    /* started lazily from a plain thread: goroutine 1 is not a main */
    cr_assert(strstr(r.out, "\ngoroutine 1 [chan send]:\n\tat p.gc:30\n\tcreated at p.gc:10\n") !=
                  NULL, "%s", r.out);
    cr_assert(strncmp(r.out, "panic: dump\n\nthread [running]:\n", 31) == 0, "%s", r.out);
}

Test(panic, wait_reason_names)
{
    cr_assert_str_eq(rt_wait_reason_name(RT_WAIT_CHAN_RECV), "chan receive");
    cr_assert_str_eq(rt_wait_reason_name(RT_WAIT_CHAN_SEND_NIL), "chan send (nil chan)");
    cr_assert_str_eq(rt_wait_reason_name(RT_WAIT_SELECT_NO_CASES), "select (no cases)");
    cr_assert_str_eq(rt_wait_reason_name(RT_WAIT_IO), "IO wait");
    cr_assert_str_eq(rt_wait_reason_name(RT_WAIT_WAITGROUP), "sync.WaitGroup");
    cr_assert_str_eq(rt_wait_reason_name(RT_WAIT_RWMUTEX_R), "sync.RWMutex.RLock");
    cr_assert_str_eq(rt_wait_reason_name((rt_wait_reason)999), "waiting");
}
