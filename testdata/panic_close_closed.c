#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/panic_close_closed.gc"
/* Closing a closed channel panics. */
#include <stdio.h>

int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/panic_close_closed.gc", 6});
    cgo_chan_close_at(c, &(const cgo_site){"testdata/panic_close_closed.gc", 7});
    printf("closed once\n");
    cgo_chan_close_at(c, &(const cgo_site){"testdata/panic_close_closed.gc", 9});
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
