#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/panic_send_closed.gc"
/* Sending on a closed channel panics: Go's message and the goroutine with
 * its .gc site on stderr, exit status 2, stdout flushed first. */
#include <stdio.h>

int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/panic_send_closed.gc", 7});
    printf("before the panic\n");
    cgo_chan_close_at(c, &(const cgo_site){"testdata/panic_send_closed.gc", 9});
    { cgo_chan *cgoc_c = (c); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/panic_send_closed.gc", 10}); }
    printf("not reached\n");
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
