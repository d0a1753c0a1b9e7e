/*
 * demo_api.c — the demo pipeline (examples/demo.gc) written in plain C
 * against the runtime's API, cgo.h: generate 1..N -> square -> sum.
 *
 * No cgoc involved: any C11 compiler builds it with
 *   cc -std=c11 -Iruntime/include demo_api.c libcgo.a -lpthread
 * main() runs on a plain C thread, not a goroutine: every channel operation
 * also works outside goroutines (it blocks the thread). Compare it with
 * demo.gc to see what the translator writes for you.
 */
#include <cgo.h>
#include <stdio.h>

enum { N = 100 };

typedef struct stage {
    cgo_chan *in;  /* NULL for the generator */
    cgo_chan *out;
} stage;

static void generate(void *arg)
{
    stage *s = arg;
    for (int i = 1; i <= N; i++)
        cgo_chan_send(s->out, &i);
    cgo_chan_close(s->out);
}

static void square(void *arg)
{
    stage *s = arg;
    int v;
    while (cgo_chan_recv(s->in, &v)) {
        int sq = v * v;
        cgo_chan_send(s->out, &sq);
    }
    cgo_chan_close(s->out);
}

int main(void)
{
    cgo_chan *numbers = cgo_chan_make(sizeof(int), 0);
    cgo_chan *squares = cgo_chan_make(sizeof(int), 8);

    stage gen = {NULL, numbers}, sq = {numbers, squares};
    cgo_go(generate, &gen, sizeof gen); /* the runtime copies the argument */
    cgo_go(square, &sq, sizeof sq);

    long sum = 0;
    int v;
    while (cgo_chan_recv(squares, &v))
        sum += v;
    printf("sum of squares of 1..%d = %ld (expected %ld)\n", N, sum, (long)N * (N + 1) * (2 * N + 1) / 6);

    cgo_chan_free(numbers);
    cgo_chan_free(squares);
    return sum == (long)N * (N + 1) * (2 * N + 1) / 6 ? 0 : 1;
}
