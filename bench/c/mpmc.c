/* mpmc: 4 producers, 4 consumers, one channel of capacity 1024, N items.
 * One op = one item. */
#include "common.h"

enum { PRODUCERS = 4, CONSUMERS = 4 };

typedef struct {
    cgo_chan *ch;
    cgo_waitgroup *wg;
    long p, n;
} producer_args;

static void producer(void *arg)
{
    producer_args *a = arg;
    for (long i = a->p; i < a->n; i += PRODUCERS)
        cgo_chan_send(a->ch, &i);
    cgo_wg_done(a->wg);
}

typedef struct {
    cgo_chan *ch;
    cgo_waitgroup *wg;
    int64_t *sum;
} consumer_args;

static void consumer(void *arg)
{
    consumer_args *a = arg;
    int64_t s = 0;
    long v;
    while (cgo_chan_recv(a->ch, &v))
        s += v;
    *a->sum = s;
    cgo_wg_done(a->wg);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 4000000);
    cgo_chan *ch = cgo_chan_make(sizeof(long), 1024);
    int64_t sums[CONSUMERS] = {0};
    cgo_waitgroup pw = {0}, cw = {0};
    int64_t start = cgo_now();
    for (long p = 0; p < PRODUCERS; p++) {
        cgo_wg_add(&pw, 1);
        producer_args a = {ch, &pw, p, n};
        cgo_go(producer, &a, sizeof a);
    }
    for (int c = 0; c < CONSUMERS; c++) {
        cgo_wg_add(&cw, 1);
        consumer_args a = {ch, &cw, &sums[c]};
        cgo_go(consumer, &a, sizeof a);
    }
    cgo_wg_wait(&pw);
    cgo_chan_close(ch);
    cgo_wg_wait(&cw);
    int64_t elapsed = cgo_now() - start;
    int64_t sum = 0;
    for (int c = 0; c < CONSUMERS; c++)
        sum += sums[c];
    check(sum == (int64_t)n * (n - 1) / 2, "mpmc", "sum %lld", (long long)sum);
    report("mpmc", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
