/*
 * test_stack.c — goroutine stacks: CGO_STACK_SIZE, guard pages (all three
 * guard kinds), stack overflow reports, reuse and release of stacks.
 *
 * Death tests fork a child with run_child() (rt_test.h) and check its exit
 * status (2) and its exact stderr.
 */
#define _GNU_SOURCE
#include "rt_test.h"

#include "../../runtime/src/stack.h"

#if RT_ASAN
#define DEFAULT_STACK 262144
#else
#define DEFAULT_STACK 65536
#endif

/* ------------------------------------------------------------------------ */
/* Overflow                                                                 */

static int recurse(int n)
{
    volatile char buf[512];
    buf[0] = (char)n;
    buf[511] = (char)n;
    if (n == 0)
        return buf[0];
    return recurse(n - 1) + buf[511];
}

static _Atomic int sink;

static void overflow_fn(void *arg)
{
    (void)arg;
    atomic_store(&sink, recurse(100000000));
}

static const cgo_site ovf_site = {"ovf.gc", 12};

static int overflow_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(overflow_fn, NULL, 0, &ovf_site);
    for (;;)
        cgo_yield();
    return 0;
}

static void overflow_child(void)
{
    char *argv[] = {"ovf", NULL};
    cgo_main(overflow_main, 1, argv);
}

/* child: a cgo_main program whose goroutine 2 (created at ovf.gc:12)
 * overflows its stack. */
static void expect_overflow_in(void (*child)(void), const char *const *env, long size)
{
    child_result r;
    run_child(&r, env, child, false);
    char want[256];
    snprintf(want, sizeof want,
             "fatal error: stack overflow in goroutine 2 (created at ovf.gc:12); "
             "raise CGO_STACK_SIZE (now %ld)\n\ngoroutine 2 [running]:\n\tcreated at ovf.gc:12\n",
             size);
    cr_assert_eq(r.status, 2, "status %d, output:\n%s", r.status, r.out);
    cr_assert(strncmp(r.out, want, strlen(want)) == 0, "got:\n%s\nwant prefix:\n%s", r.out, want);
    /* the rest of the dump lists goroutine 1 */
    cr_assert(strstr(r.out, "\ngoroutine 1 [") != NULL, "%s", r.out);
}

static void expect_overflow(const char *const *env, long size)
{
    expect_overflow_in(overflow_child, env, size);
}

Test(stack, overflow_is_fatal_with_guard_page)
{
    expect_overflow(NULL, DEFAULT_STACK);
}

Test(stack, overflow_is_fatal_with_mprotect_guard)
{
    const char *env[] = {"CGO_STACK_GUARD=mprotect", NULL};
    expect_overflow(env, DEFAULT_STACK);
}

/* Canary mode detects an overflow when the goroutine next switches out
 * (or faults). A runaway recursion runs on into the slot below (another
 * goroutine's header and stack) before anything faults, so what it breaks
 * first is a matter of luck; this overflow stays within the page below
 * the stack (plain memory in canary mode) and then blocks. */
/* noinline: one small frame per call (gcc would otherwise inline a few
 * levels into one big frame and might step over the canary words). */
__attribute__((noinline)) static int recurse_below(const char *limit)
{
    volatile char buf[256];
    for (size_t i = 0; i < sizeof buf; i++) /* every byte: the canary is a few words */
        buf[i] = 1;
    if ((const char *)buf < limit) {
        cgo_yield();
        return buf[0];
    }
    return recurse_below(limit) + buf[255];
}

static _Atomic bool overflow_survived;

static void shallow_overflow_fn(void *arg)
{
    (void)arg;
    atomic_store(&sink, recurse_below((const char *)rt_self()->stack_lo - 512));
    atomic_store(&overflow_survived, true);
}

static int shallow_overflow_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(shallow_overflow_fn, NULL, 0, &ovf_site);
    while (!atomic_load(&overflow_survived)) /* undetected: exit 0, the test fails */
        cgo_yield();
    return 0;
}

static void shallow_overflow_child(void)
{
    char *argv[] = {"ovf", NULL};
    cgo_main(shallow_overflow_main, 1, argv);
}

Test(stack, overflow_is_fatal_with_canary_fallback)
{
    const char *env[] = {"CGO_STACK_GUARD=canary", NULL};
    expect_overflow_in(shallow_overflow_child, env, DEFAULT_STACK);
}

Test(stack, overflow_reports_configured_size)
{
    const char *env[] = {"CGO_STACK_SIZE=32k", NULL};
    expect_overflow(env, 32768);
}

/* Touching the page right below the stack is caught as an overflow: the
 * guard really is there. */
static void touch_guard(void *arg)
{
    (void)arg;
    volatile char *p = (volatile char *)rt_self()->stack_lo - 1;
    *p = 1;
}

static int guard_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(touch_guard, NULL, 0, &ovf_site);
    for (;;)
        cgo_yield();
    return 0;
}

static void guard_child(void)
{
    char *argv[] = {"guard", NULL};
    cgo_main(guard_main, 1, argv);
}

Test(stack, guard_page_below_every_stack)
{
    child_result r;
    run_child(&r, NULL, guard_child, false);
    cr_assert_eq(r.status, 2, "%d\n%s", r.status, r.out);
    cr_assert(strstr(r.out, "fatal error: stack overflow in goroutine 2 (created at ovf.gc:12)") ==
                  r.out, "%s", r.out);
}

/* Canary mode: a clobbered canary is caught when the goroutine switches
 * out. */
static void clobber_canary(void *arg)
{
    (void)arg;
    *(volatile uint64_t *)rt_self()->stack_lo = 0;
    cgo_yield();
}

static int canary_main(int argc, char **argv)
{
    (void)argc, (void)argv;
    cgo_go_at(clobber_canary, NULL, 0, &ovf_site);
    for (;;)
        cgo_yield();
    return 0;
}

static void canary_child(void)
{
    char *argv[] = {"canary", NULL};
    cgo_main(canary_main, 1, argv);
}

Test(stack, canary_checked_at_switch)
{
    child_result r;
    const char *env[] = {"CGO_STACK_GUARD=canary", NULL};
    run_child(&r, env, canary_child, false);
    cr_assert_eq(r.status, 2, "%d\n%s", r.status, r.out);
    cr_assert(strstr(r.out, "fatal error: stack overflow in goroutine 2 (created at ovf.gc:12)") ==
                  r.out, "%s", r.out);
}

/* ------------------------------------------------------------------------ */
/* CGO_STACK_SIZE                                                           */

static _Atomic uint32_t done;

/* Uses about `kib` KiB of stack. */
static int use_stack(int kib)
{
    volatile char buf[1024];
    buf[0] = 1;
    buf[1023] = 2;
    return kib <= 1 ? buf[0] : use_stack(kib - 1) + buf[1023] - 2;
}

static void deep_fn(void *arg)
{
    atomic_store(&sink, use_stack(*(int *)arg));
    test_count(&done);
}

Test(stack, big_stack_size_allows_deep_recursion)
{
    setenv("CGO_STACK_SIZE", "1M", 1);
    rt_init();
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_assert_geq(st.stack_size, 1u << 20);
    int kib = 700;
    cgo_go(deep_fn, &kib, sizeof kib);
    cr_assert(test_wait_count(&done, 1, 30));
}

Test(stack, size_suffixes)
{
    setenv("CGO_STACK_SIZE", "256k", 1);
    rt_init();
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_assert_geq(st.stack_size, 256u << 10);
    cr_assert_lt(st.stack_size, (256u << 10) + 8192);
    cr_assert_eq(rt_stack_requested(), 256u << 10);
}

Test(stack, size_has_a_minimum)
{
    setenv("CGO_STACK_SIZE", "1000", 1);
    rt_init();
    cr_assert_eq(rt_stack_requested(), 16384);
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    cr_assert_geq(st.stack_size, 16384);
}

static void bad_size_child(void)
{
    rt_init();
}

Test(stack, invalid_size_is_fatal)
{
    child_result r;
    const char *env[] = {"CGO_STACK_SIZE=12x", NULL};
    run_child(&r, env, bad_size_child, false);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.out, "fatal error: invalid CGO_STACK_SIZE=\"12x\"") == r.out, "%s", r.out);
}

/* ------------------------------------------------------------------------ */
/* Reuse and release                                                        */

static void nothing(void *arg)
{
    (void)arg;
    test_count(&done);
}

Test(stack, stacks_are_reused)
{
    uint32_t rounds = (uint32_t)test_scaled(200, 20);
    for (uint32_t r = 0; r < rounds; r++) {
        for (int i = 0; i < 100; i++)
            cgo_go(nothing, NULL, 0);
        cr_assert(test_wait_count(&done, (r + 1) * 100, 30));
    }
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    /* 20,000 goroutines, at most a few hundred stacks ever */
    cr_assert_lt(st.slots_in_use, 1000, "%llu slots for %u goroutines",
                 (unsigned long long)st.slots_in_use, rounds * 100);
}

static test_parker *parkers;

static void park_then_done(void *arg)
{
    test_park(&parkers[*(int *)arg], RT_WAIT_CHAN_RECV, NULL);
    test_count(&done);
}

static void dirty_then_park(void *arg)
{
    atomic_store(&sink, use_stack(40)); /* dirty 40 KiB of the stack */
    park_then_done(arg);
}

Test(stack, pooled_stacks_beyond_cap_are_released)
{
    int n = (int)test_scaled(20000, 2000);
    parkers = calloc((size_t)n, sizeof *parkers);
    long rss0 = test_rss_kib();
    for (int i = 0; i < n; i++)
        cgo_go(dirty_then_park, &i, sizeof i);
    for (int i = 0; i < n; i++)
        while (!test_parked(&parkers[i]))
            usleep(100);
    long rss1 = test_rss_kib();
    for (int i = 0; i < n; i++)
        test_wake(&parkers[i], false);
    cr_assert(test_wait_count(&done, (uint32_t)n, 60));
    for (int i = 0; i < 2000 && cgo_num_goroutine() != 0; i++)
        usleep(1000);
    usleep(20000);
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    long rss2 = test_rss_kib();
    cr_log_info("rss: before %ld KiB, %d parked %ld KiB, after %ld KiB; %llu slots kept", rss0,
                n, rss1, rss2, (unsigned long long)st.slots_in_use);
    /* at most the pools: 64 per worker plus the global 1024 */
    cr_assert_leq(st.slots_in_use, (uint64_t)(64 * st.nprocs + 1024));
    /* RSS is the program's own only without a sanitizer or valgrind: their
     * shadow memory for the dirtied stacks stays resident after the
     * stacks are released (checked above through slots_in_use instead). */
#if !RT_ASAN && !RT_TSAN
#ifdef RUNNING_ON_VALGRIND
    if (!RUNNING_ON_VALGRIND)
#endif
        cr_assert_lt(rss2 - rss0, (rss1 - rss0) / 2, "before %ld, peak %ld, after %ld KiB", rss0,
                     rss1, rss2);
#endif
    free(parkers);
}

/* The clean check (sched.c): a dead goroutine whose stack stayed within
 * its top page is kept in the clean pool; one with a resident page below
 * it is released. A goroutine spins meanwhile so that no moment has every
 * worker idle (that is when the clean pool is given back): what the pool
 * holds is then exactly what the check decided. */
static _Atomic bool spin_stop;
static _Atomic uint32_t spinning;

static void spinner(void *arg)
{
    (void)arg;
    atomic_store(&spinning, 1);
    while (!atomic_load(&spin_stop))
        ;
    test_count(&done);
}

/* Runs n goroutines of fn (each parks, then ends when woken) to the end
 * while the spinner runs; returns the stack slots still held. */
static uint64_t slots_after_burst(void (*fn)(void *), int n)
{
    cgo_go(spinner, NULL, 0);
    while (!atomic_load(&spinning))
        usleep(100);
    parkers = calloc((size_t)n, sizeof *parkers);
    for (int i = 0; i < n; i++)
        cgo_go(fn, &i, sizeof i);
    for (int i = 0; i < n; i++)
        while (!test_parked(&parkers[i]))
            usleep(100);
    for (int i = 0; i < n; i++)
        test_wake(&parkers[i], false);
    cr_assert(test_wait_count(&done, (uint32_t)n, 60));
    for (int i = 0; i < 5000 && cgo_num_goroutine() != 1; i++)
        usleep(1000);
    rt_sched_stats st;
    rt_sched_get_stats(&st);
    atomic_store(&spin_stop, true);
    cr_assert(test_wait_count(&done, (uint32_t)n + 1, 60));
    free(parkers);
    return st.slots_in_use;
}

/* Marker intact, a lower page dirty: the frame's big array covers the
 * marker word (the bottom word of the slot's top page) without writing
 * it, and only its lowest byte, two pages further down, is written. */
static void dirty_under_marker_then_park(void *arg)
{
    volatile char buf[3 * 4096];
    buf[0] = 1;
    atomic_store(&sink, buf[0]);
    park_then_done(arg);
}

/* at most the pools (64 per worker, 1,024 global) and the spinner; a
 * burst is well beyond them */
#define POOLED_MAX (64 * 2 + 1024 + 1)
#define BURST ((int)test_scaled(4000, 1500))

static void set_procs_2(void) { setenv("CGO_PROCS", "2", 1); }

static void set_procs_2_big_stacks(void)
{
    set_procs_2();
    setenv("CGO_STACK_SIZE", "8M", 1); /* a stack spans several mincore() spans */
}

/* The big-stack variants test the span loop of the clean check, which is
 * off under sanitizers (the marker is not usable there: sched.c clean_ok),
 * where LeakSanitizer would also scan every 8 MiB stack at exit. */
#define CLEAN_CHECK_OFF (RT_ASAN || RT_TSAN)

Test(stack, dirty_stack_under_intact_marker_is_released, .init = set_procs_2)
{
    uint64_t kept = slots_after_burst(dirty_under_marker_then_park, BURST);
    cr_assert_leq(kept, POOLED_MAX, "%llu slots kept", (unsigned long long)kept);
}

Test(stack, dirty_big_stack_under_intact_marker_is_released, .init = set_procs_2_big_stacks,
     .disabled = CLEAN_CHECK_OFF)
{
    uint64_t kept = slots_after_burst(dirty_under_marker_then_park, BURST);
    cr_assert_leq(kept, POOLED_MAX, "%llu slots kept", (unsigned long long)kept);
}

/* The other way round: stacks that stayed in their top page are kept (not
 * under valgrind either, where the marker is not used). */
Test(stack, clean_big_stacks_are_kept, .init = set_procs_2_big_stacks,
     .disabled = CLEAN_CHECK_OFF)
{
    uint64_t kept = slots_after_burst(park_then_done, BURST);
    bool marker_usable = true;
#ifdef RUNNING_ON_VALGRIND
    if (RUNNING_ON_VALGRIND)
        marker_usable = false;
#endif
    if (marker_usable)
        cr_assert_geq(kept, (uint64_t)BURST - 100, "only %llu of %d slots kept",
                      (unsigned long long)kept, BURST + 1);
    else
        cr_assert_leq(kept, POOLED_MAX, "%llu slots kept", (unsigned long long)kept);
}
