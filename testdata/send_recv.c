#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/send_recv.gc"
/* Send statements and receive expressions between goroutines: unbuffered
 * hand-over (both sides meet), buffered FIFO order, receive-and-discard as
 * a statement, sending the result of a call and of a receive, sending on
 * a channel given by an expression. */
#include <stdio.h>

#line 7 "testdata/send_recv.gc"
static void echo(cgoc_chan in, cgoc_chan out, cgoc_chan done);
static inline int cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 7 "testdata/send_recv.gc"
static void echo(cgoc_chan in, cgoc_chan out, cgoc_chan done)
{
    for (;;) {
        int v = cgoc_recv_1(in, &(const cgo_site){"testdata/send_recv.gc", 10});
        if (v < 0)
            break;
        { cgo_chan *cgoc_c = (out); int cgoc_value = (v + 1000); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 13}); }
    }
    { cgo_chan *cgoc_c = (done); _Bool cgoc_value = (true); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 15}); }
}

static int twice(int v)
{
    return 2 * v;
}

static cgoc_chan pick(cgoc_chan a, cgoc_chan b, int which)
{
    return which ? b : a;
}

struct cgoc_go_2 {
    cgoc_chan a0;
    cgoc_chan a1;
    cgoc_chan a2;
};
_Static_assert(_Alignof(struct cgoc_go_2) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_2 = {"testdata/send_recv.gc", 32};
static void cgoc_go_2(void *cgoc_args)
{
    struct cgoc_go_2 *cgoc_a = cgoc_args;
    echo(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
#line 28 "testdata/send_recv.gc"
int cgoc_main(void)
{
    cgoc_chan in = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/send_recv.gc", 30}), out = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/send_recv.gc", 30});
    cgoc_chan done = cgo_chan_make_at(sizeof(bool), 0, &(const cgo_site){"testdata/send_recv.gc", 31});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_2) struct cgoc_go_2 cgoc_args = {(in), (out), (done)}; cgo_go_at(cgoc_go_2, &cgoc_args, sizeof cgoc_args, &cgoc_site_2); }
    for (int i = 1; i <= 3; i++) {
        { cgo_chan *cgoc_c = (in); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 34}); }                        /* unbuffered: waits for echo */
        printf("echoed %d\n", cgoc_recv_1(out, &(const cgo_site){"testdata/send_recv.gc", 35}));
    }
    { cgo_chan *cgoc_c = (in); int cgoc_value = (twice(21)); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 37}); }                    /* the value is a call */
    printf("echoed %d\n", cgoc_recv_1(out, &(const cgo_site){"testdata/send_recv.gc", 38}));
    { cgo_chan *cgoc_c = (in); int cgoc_value = (-1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 39}); }
    cgo_chan_recv_at(done, NULL, &(const cgo_site){"testdata/send_recv.gc", 40});                             /* receive and discard */
    printf("echo finished\n");

    cgoc_chan fifo = cgo_chan_make_at(sizeof(int), (4), &(const cgo_site){"testdata/send_recv.gc", 43}), other = cgo_chan_make_at(sizeof(int), (4), &(const cgo_site){"testdata/send_recv.gc", 43});
    for (int i = 0; i < 4; i++)
        { cgo_chan *cgoc_c = (fifo); int cgoc_value = (i * i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 45}); }
    { cgo_chan *cgoc_c = (other); int cgoc_value = (cgoc_recv_1(fifo, &(const cgo_site){"testdata/send_recv.gc", 46})); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 46}); }                    /* send what was received */
    { cgo_chan *cgoc_c = (pick(fifo, other, 1)); int cgoc_value = (7); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/send_recv.gc", 47}); }          /* the channel is an expression */
    int first = cgoc_recv_1(other, &(const cgo_site){"testdata/send_recv.gc", 48});
    printf("other: %d, then len %d\n", first, cgo_chan_len(other));
    printf("other: %d\n", cgoc_recv_1(other, &(const cgo_site){"testdata/send_recv.gc", 50}));
    while (cgo_chan_len(fifo) > 0)
        printf("fifo: %d\n", cgoc_recv_1(fifo, &(const cgo_site){"testdata/send_recv.gc", 52}));

    cgo_chan_free_at(in, &(const cgo_site){"testdata/send_recv.gc", 54});
    cgo_chan_free_at(out, &(const cgo_site){"testdata/send_recv.gc", 55});
    cgo_chan_free_at(done, &(const cgo_site){"testdata/send_recv.gc", 56});
    cgo_chan_free_at(fifo, &(const cgo_site){"testdata/send_recv.gc", 57});
    cgo_chan_free_at(other, &(const cgo_site){"testdata/send_recv.gc", 58});
    return 0;
 return 0;}

static int cgoc_main_args(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return cgoc_main();
}

int main(int argc, char **argv)
{
    cgo_main(cgoc_main_args, argc, argv);
}
