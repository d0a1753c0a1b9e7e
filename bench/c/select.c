/* select: two producers on their own unbuffered channels, one consumer
 * selecting on both; a closed channel is set to NULL so select ignores it.
 * One op = one item. */
#include "common.h"

typedef struct {
    cgo_chan *ch;
    long from, n;
} produce_args;

static void produce(void *p)
{
    produce_args *a = p;
    for (long i = a->from; i < a->n; i += 2)
        cgo_chan_send(a->ch, &i);
    cgo_chan_close(a->ch);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 1000000);
    cgo_chan *a = cgo_chan_make(sizeof(long), 0), *b = cgo_chan_make(sizeof(long), 0);
    int64_t start = cgo_now();
    produce_args pa = {a, 0, n}, pb = {b, 1, n};
    cgo_go(produce, &pa, sizeof pa);
    cgo_go(produce, &pb, sizeof pb);
    int64_t sum = 0;
    long count = 0;
    while (a != NULL || b != NULL) {
        long v;
        bool ok;
        cgo_select_case cases[2] = {
            {a, CGO_SELECT_RECV, &v, &ok},
            {b, CGO_SELECT_RECV, &v, &ok},
        };
        switch (cgo_select(cases, 2, false)) {
        case 0:
            if (!ok) {
                a = NULL;
                continue;
            }
            sum += v;
            count++;
            break;
        case 1:
            if (!ok) {
                b = NULL;
                continue;
            }
            sum += v;
            count++;
            break;
        }
    }
    int64_t elapsed = cgo_now() - start;
    check(count == n && sum == (int64_t)n * (n - 1) / 2, "select", "count %ld sum %lld", count,
          (long long)sum);
    report("select", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
