/* buffered: one producer, one consumer, capacity 1024, N ints, close then
 * range. One op = one item. */
#include "common.h"

typedef struct {
    cgo_chan *ch;
    long n;
} produce_args;

static void produce(void *p)
{
    produce_args *a = p;
    for (long i = 0; i < a->n; i++)
        cgo_chan_send(a->ch, &i);
    cgo_chan_close(a->ch);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 10000000);
    cgo_chan *ch = cgo_chan_make(sizeof(long), 1024);
    int64_t start = cgo_now();
    produce_args a = {ch, n};
    cgo_go(produce, &a, sizeof a);
    int64_t sum = 0;
    long v;
    while (cgo_chan_recv(ch, &v))
        sum += v;
    int64_t elapsed = cgo_now() - start;
    check(sum == (int64_t)n * (n - 1) / 2, "buffered", "sum %lld", (long long)sum);
    report("buffered", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
