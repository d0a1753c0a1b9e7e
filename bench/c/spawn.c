/* spawn: N goroutines, each atomically adds its index to a counter; a
 * WaitGroup waits for all. One op = one goroutine. */
#include "common.h"

#include <stdatomic.h>

typedef struct {
    int64_t i;
    _Atomic int64_t *sum;
    cgo_waitgroup *wg;
} add_args;

static void add(void *p)
{
    add_args *a = p;
    atomic_fetch_add(a->sum, a->i);
    cgo_wg_done(a->wg);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 1000000);
    _Atomic int64_t sum = 0;
    cgo_waitgroup wg = {0};
    int64_t start = cgo_now();
    cgo_wg_add(&wg, (int)n);
    for (long i = 0; i < n; i++) {
        add_args a = {i, &sum, &wg};
        cgo_go(add, &a, sizeof a);
    }
    cgo_wg_wait(&wg);
    int64_t elapsed = cgo_now() - start;
    int64_t s = atomic_load(&sum);
    check(s == (int64_t)n * (n - 1) / 2, "spawn", "sum %lld", (long long)s);
    report("spawn", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
