/* skynet: a 10-ary tree of goroutines down to N leaves; leaf i sends i on an
 * unbuffered channel, each parent sums its 10 children. One op = one leaf. */
#include "common.h"

typedef struct {
    cgo_chan *out;
    int64_t num, size;
} skynet_args;

static void skynet(void *p)
{
    skynet_args *a = p;
    if (a->size == 1) {
        cgo_chan_send(a->out, &a->num);
        return;
    }
    cgo_chan *ch = cgo_chan_make(sizeof(int64_t), 0);
    int64_t child = a->size / 10;
    for (int64_t i = 0; i < 10; i++) {
        skynet_args c = {ch, a->num + i * child, child};
        cgo_go(skynet, &c, sizeof c);
    }
    int64_t sum = 0;
    for (int i = 0; i < 10; i++) {
        int64_t v;
        cgo_chan_recv(ch, &v);
        sum += v;
    }
    cgo_chan_free(ch);
    cgo_chan_send(a->out, &sum);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 1000000);
    int64_t leaves = 1;
    while (leaves * 10 <= n)
        leaves *= 10;
    cgo_chan *out = cgo_chan_make(sizeof(int64_t), 0);
    int64_t start = cgo_now();
    skynet_args a = {out, 0, leaves};
    cgo_go(skynet, &a, sizeof a);
    int64_t sum;
    cgo_chan_recv(out, &sum);
    int64_t elapsed = cgo_now() - start;
    check(sum == leaves * (leaves - 1) / 2, "skynet", "sum %lld", (long long)sum);
    report("skynet", (long)leaves, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
