/* mutex: 4 goroutines x N/4 lock/increment/unlock on one mutex.
 * One op = one lock/unlock. */
#include "common.h"

enum { WORKERS = 4 };

typedef struct {
    cgo_mutex *mu;
    cgo_waitgroup *wg;
    long *counter;
    long iters;
} work_args;

static void work(void *p)
{
    work_args *a = p;
    for (long i = 0; i < a->iters; i++) {
        cgo_mutex_lock(a->mu);
        (*a->counter)++;
        cgo_mutex_unlock(a->mu);
    }
    cgo_wg_done(a->wg);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 4000000);
    cgo_mutex mu = {0};
    cgo_waitgroup wg = {0};
    long counter = 0;
    int64_t start = cgo_now();
    for (int w = 0; w < WORKERS; w++) {
        cgo_wg_add(&wg, 1);
        work_args a = {&mu, &wg, &counter, n / WORKERS};
        cgo_go(work, &a, sizeof a);
    }
    cgo_wg_wait(&wg);
    int64_t elapsed = cgo_now() - start;
    check(counter == n / WORKERS * WORKERS, "mutex", "counter %ld", counter);
    report("mutex", n / WORKERS * WORKERS, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
