/* fib: fib(N) with a goroutine per call down to n < 20 (computed serially
 * below), results joined through channels. One op = one spawned goroutine. */
#include "common.h"

#include <stdatomic.h>

static _Atomic int64_t spawned;

static int64_t serial(int n)
{
    if (n < 2)
        return n;
    return serial(n - 1) + serial(n - 2);
}

typedef struct {
    int n;
    cgo_chan *out;
} fib_args;

static void fib(void *p)
{
    fib_args *a = p;
    if (a->n < 20) {
        int64_t r = serial(a->n);
        cgo_chan_send(a->out, &r);
        return;
    }
    cgo_chan *ch = cgo_chan_make(sizeof(int64_t), 2);
    atomic_fetch_add(&spawned, 2);
    fib_args x = {a->n - 1, ch}, y = {a->n - 2, ch};
    cgo_go(fib, &x, sizeof x);
    cgo_go(fib, &y, sizeof y);
    int64_t r1, r2;
    cgo_chan_recv(ch, &r1);
    cgo_chan_recv(ch, &r2);
    cgo_chan_free(ch);
    int64_t r = r1 + r2;
    cgo_chan_send(a->out, &r);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 32);
    cgo_chan *out = cgo_chan_make(sizeof(int64_t), 1);
    int64_t start = cgo_now();
    atomic_fetch_add(&spawned, 1);
    fib_args a = {(int)n, out};
    cgo_go(fib, &a, sizeof a);
    int64_t result;
    cgo_chan_recv(out, &result);
    int64_t elapsed = cgo_now() - start;
    check(result == serial((int)n), "fib", "fib(%ld) = %lld", n, (long long)result);
    report("fib", (long)atomic_load(&spawned), elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
