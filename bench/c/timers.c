/* timers: N goroutines each sleep 10 ms; reports (wall - 10 ms) / N, the
 * cost of one timer beyond the sleep itself. */
#include "common.h"

#include <stdatomic.h>

#define SLEEP (10 * CGO_MILLISECOND)

typedef struct {
    _Atomic int64_t *woke;
    cgo_waitgroup *wg;
} sleeper_args;

static void sleeper(void *p)
{
    sleeper_args *a = p;
    cgo_sleep(SLEEP);
    atomic_fetch_add(a->woke, 1);
    cgo_wg_done(a->wg);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 100000);
    cgo_waitgroup wg = {0};
    _Atomic int64_t woke = 0;
    cgo_wg_add(&wg, (int)n);
    int64_t start = cgo_now();
    for (long i = 0; i < n; i++) {
        sleeper_args a = {&woke, &wg};
        cgo_go(sleeper, &a, sizeof a);
    }
    cgo_wg_wait(&wg);
    int64_t elapsed = cgo_now() - start - SLEEP;
    check(atomic_load(&woke) == n, "timers", "woke %lld", (long long)atomic_load(&woke));
    report("timers", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
