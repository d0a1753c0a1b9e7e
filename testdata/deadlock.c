#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/deadlock.gc"
/* Every goroutine blocked: the runtime reports Go's deadlock error with
 * each goroutine's state and site, exit status 2. */
#include <stdio.h>

int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/deadlock.gc", 7});
    printf("about to block\n");
    cgo_chan_recv_at(c, NULL, &(const cgo_site){"testdata/deadlock.gc", 9});
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
