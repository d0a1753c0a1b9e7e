/* ring: 503 goroutines in a ring of unbuffered channels pass a token N
 * times. One op = one hop. */
#include "common.h"

enum { RING_SIZE = 503 };

typedef struct {
    cgo_chan *in, *out, *done;
    long id;
} node_args;

static void node(void *p)
{
    node_args *a = p;
    long token;
    while (cgo_chan_recv(a->in, &token)) {
        if (token == 0) {
            cgo_chan_send(a->done, &a->id);
            return;
        }
        token--;
        cgo_chan_send(a->out, &token);
    }
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 5000000);
    static cgo_chan *chans[RING_SIZE];
    for (int i = 0; i < RING_SIZE; i++)
        chans[i] = cgo_chan_make(sizeof(long), 0);
    cgo_chan *done = cgo_chan_make(sizeof(long), 0);
    for (long i = 0; i < RING_SIZE; i++) {
        node_args a = {chans[i], chans[(i + 1) % RING_SIZE], done, i};
        cgo_go(node, &a, sizeof a);
    }
    int64_t start = cgo_now();
    cgo_chan_send(chans[0], &n);
    long last;
    cgo_chan_recv(done, &last);
    int64_t elapsed = cgo_now() - start;
    check(last == n % RING_SIZE, "ring", "finished at %ld", last);
    report("ring", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
