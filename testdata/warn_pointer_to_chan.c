#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/warn_pointer_to_chan.gc"
/* Warning: `chan int *p` declares a pointer to a channel (the `*` belongs
 * to the declarator, as in C), which is rarely meant; cgoc suggests
 * chan(int *). The code is valid: it translates and runs. */
#include <stdio.h>

static void send_through(cgoc_chan *p, int v)    /* warning */
{
    { cgo_chan *cgoc_c = (*p); int cgoc_value = (v); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 8}); }
}

static inline int cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline int *cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int *cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 11 "testdata/warn_pointer_to_chan.gc"
int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 13});
    cgoc_chan *pc = &c;                  /* warning */
    send_through(pc, 3);
    printf("through a pointer to a channel: %d\n", cgoc_recv_1(*pc, &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 16}));
    cgoc_chan ptrs = cgo_chan_make_at(sizeof(int *), (1), &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 17});     /* what was probably meant: no warning */
    int x = 4;
    { cgo_chan *cgoc_c = (ptrs); int *cgoc_value = (&x); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 19}); }
    printf("channel of pointers: %d\n", *cgoc_recv_2(ptrs, &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 20}));
    cgo_chan_free_at(c, &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 21});
    cgo_chan_free_at(ptrs, &(const cgo_site){"testdata/warn_pointer_to_chan.gc", 22});
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
