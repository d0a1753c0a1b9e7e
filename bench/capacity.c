/*
 * capacity: how much faster two threads compute than one on this machine,
 * right now. bench/run.sh runs it next to each pair of fib runs: it bounds
 * the speedup any 2-worker program can show over one worker.
 *
 * Why: on the benchmark VM the two vCPUs do not run at one speed. Pinned
 * in turn to each CPU, the same loop did 1,450-1,590 and 2,410-2,430
 * iterations per 20 ms, and that changes over minutes. A one-worker run
 * on the fast CPU followed by a two-worker run can then gain at most
 * (1 + 0.6) / 1 = 1.6x, whatever the scheduler does; one on the slow CPU
 * up to (1 + 0.6) / 0.6 = 2.7x. The kernel places the single thread here
 * as it places a one-worker run, so the ratio moves the same way (seen:
 * 1.58-1.60 and 2.65-2.71 within one bench/run.sh; 1.93-2.05 when the two
 * CPUs ran alike).
 *
 * Method: one thread computes a fixed recursion in a loop for PHASE_MS
 * milliseconds (unpinned, like a one-worker run), then two threads do the
 * same at once, each for its own PHASE_MS; capacity is the two threads'
 * iterations over the one thread's. Alternating single and pair phases
 * ROUNDS times, it prints the median ratio as
 * `capacity 2 <ratio> x`, in the line format of the benchmarks.
 *
 *   capacity [PHASE_MS]    (default 20)
 *
 * Plain C, not the dialect: it measures the machine, not the runtime.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { ROUNDS = 5 };

static volatile int depth = 20; /* ~20-40 us per call: many clock checks per phase */
static volatile int64_t sink;
static double phase_ms = 20;
static pthread_barrier_t start_pair, end_pair;
static uint64_t helper_count;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int64_t fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* Iterations of the workload in phase_ms. */
static uint64_t work(void)
{
    uint64_t k = 0;
    double end = now_ms() + phase_ms;
    while (now_ms() < end) {
        sink += fib(depth);
        k++;
    }
    return k;
}

static void *helper(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        pthread_barrier_wait(&start_pair);
        helper_count = work();
        pthread_barrier_wait(&end_pair);
    }
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        char *end;
        phase_ms = strtod(argv[1], &end);
        if (*end || !(phase_ms >= 1 && phase_ms <= 10000)) {
            fprintf(stderr, "capacity: PHASE_MS must be a number from 1 to 10000\n");
            return 2;
        }
    }
    pthread_t t;
    if (pthread_barrier_init(&start_pair, NULL, 2) || pthread_barrier_init(&end_pair, NULL, 2) ||
        pthread_create(&t, NULL, helper, NULL)) {
        fprintf(stderr, "capacity: cannot start the helper thread\n");
        return 1;
    }
    double ratio[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t one = work();
        pthread_barrier_wait(&start_pair);
        uint64_t mine = work();
        pthread_barrier_wait(&end_pair);
        if (one == 0) {
            fprintf(stderr, "capacity: no iteration in %g ms\n", phase_ms);
            return 1;
        }
        ratio[r] = (double)(mine + helper_count) / (double)one;
    }
    pthread_join(t, NULL);
    qsort(ratio, ROUNDS, sizeof ratio[0], cmp_double);
    printf("capacity 2 %.3f x\n", ratio[ROUNDS / 2]);
    return 0;
}
