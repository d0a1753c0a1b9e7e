/* sieve: the concurrent prime sieve (a generator and a daisy chain of
 * filter goroutines) up to the Nth prime. One op = one prime. The
 * goroutines are abandoned when main returns, as in Go. */
#include "common.h"

static void generate(void *p)
{
    cgo_chan *ch = *(cgo_chan **)p;
    for (long i = 2;; i++)
        cgo_chan_send(ch, &i);
}

typedef struct {
    cgo_chan *in, *out;
    long prime;
} filter_args;

static void filter(void *p)
{
    filter_args *a = p;
    for (;;) {
        long i;
        cgo_chan_recv(a->in, &i);
        if (i % a->prime != 0)
            cgo_chan_send(a->out, &i);
    }
}

static int bench_main(int argc, char **argv)
{
    long n = size_arg(argc, argv, 3000);
    int64_t start = cgo_now();
    cgo_chan *ch = cgo_chan_make(sizeof(long), 0);
    cgo_go(generate, &ch, sizeof ch);
    long prime = 0;
    for (long i = 0; i < n; i++) {
        cgo_chan_recv(ch, &prime);
        cgo_chan *next = cgo_chan_make(sizeof(long), 0);
        filter_args a = {ch, next, prime};
        cgo_go(filter, &a, sizeof a);
        ch = next;
    }
    int64_t elapsed = cgo_now() - start;
    if (n == 3000)
        check(prime == 27449, "sieve", "3000th prime %ld", prime);
    check(prime > 1, "sieve", "prime %ld", prime);
    report("sieve", n, elapsed);
    return 0;
}

int main(int argc, char **argv) { cgo_main(bench_main, argc, argv); }
