#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/recv_unevaluated.gc"
/* A receive runs exactly when C evaluates its operand: the operand of
 * sizeof is not evaluated, so sizeof(<-c) receives nothing. */
#include <stdio.h>

static inline long cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    long cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 5 "testdata/recv_unevaluated.gc"
int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(long), (1), &(const cgo_site){"testdata/recv_unevaluated.gc", 7});
    { cgo_chan *cgoc_c = (c); long cgoc_value = (5L); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_unevaluated.gc", 8}); }
    size_t n = sizeof(cgoc_recv_1(c, &(const cgo_site){"testdata/recv_unevaluated.gc", 9}));
    size_t m = sizeof cgoc_recv_1(c, &(const cgo_site){"testdata/recv_unevaluated.gc", 10});
    printf("sizeof(<-c) == sizeof(long): %d %d\n", n == sizeof(long), m == sizeof(long));
    printf("still buffered: %d\n", cgo_chan_len(c));
    printf("value: %ld\n", cgoc_recv_1(c, &(const cgo_site){"testdata/recv_unevaluated.gc", 13}));
    cgo_chan_free_at(c, &(const cgo_site){"testdata/recv_unevaluated.gc", 14});
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
