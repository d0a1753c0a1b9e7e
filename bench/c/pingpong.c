/* pingpong: two goroutines, two unbuffered channels of int, N round trips.
 * One op = one round trip. */
#include "common.h"

typedef struct {
    cgo_chan *ping, *pong;
} echo_args;

static void echo(void *p)
{
    echo_args *a = p;
    long v;
    while (cgo_chan_recv(a->ping, &v)) {
        v++;
        cgo_chan_send(a->pong, &v);
    }
    cgo_chan_close(a->pong);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 1000000);
    cgo_chan *ping = cgo_chan_make(sizeof(long), 0), *pong = cgo_chan_make(sizeof(long), 0);
    echo_args a = {ping, pong};
    cgo_go(echo, &a, sizeof a);
    int64_t start = cgo_now();
    long sum = 0;
    for (long i = 0; i < n; i++) {
        long v;
        cgo_chan_send(ping, &i);
        cgo_chan_recv(pong, &v);
        sum += v - i;
    }
    int64_t elapsed = cgo_now() - start;
    cgo_chan_close(ping);
    check(sum == n, "pingpong", "sum %ld", sum);
    report("pingpong", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
