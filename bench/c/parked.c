/* parked: N goroutines blocked receiving; reports (RSS after parking - RSS
 * before) / N as bytes per goroutine. */
#include "common.h"

#include <unistd.h>

static int64_t rss(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = 0;
    fclose(f);
    return (int64_t)resident * sysconf(_SC_PAGESIZE);
}

typedef struct {
    cgo_chan *ch;
    cgo_waitgroup *started, *finished;
} waiter_args;

static void waiter(void *p)
{
    waiter_args *a = p;
    cgo_wg_done(a->started);
    int v;
    cgo_chan_recv(a->ch, &v);
    (void)v;
    cgo_wg_done(a->finished);
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 100000);
    int64_t before = rss();
    cgo_chan *ch = cgo_chan_make(sizeof(int), 0);
    cgo_waitgroup started = {0}, finished = {0};
    cgo_wg_add(&started, (int)n);
    cgo_wg_add(&finished, (int)n);
    for (long i = 0; i < n; i++) {
        waiter_args a = {ch, &started, &finished};
        cgo_go(waiter, &a, sizeof a);
    }
    cgo_wg_wait(&started);
    cgo_sleep(10 * CGO_MILLISECOND); /* let the last ones reach the receive */
    int64_t after = rss();
    cgo_chan_close(ch);
    cgo_wg_wait(&finished);
    printf("parked %ld %.0f bytes/op\n", n, (double)(after - before) / (double)n);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
