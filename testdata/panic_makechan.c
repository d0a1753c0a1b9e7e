#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/panic_makechan.gc"
/* make with a negative capacity panics. */
#include <stdio.h>

int cgoc_main(int argc, char **argv)
{
    (void)argv;
    int n = -argc;                      /* -1, not a constant */
    printf("making a channel of capacity %d\n", n);
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (n), &(const cgo_site){"testdata/panic_makechan.gc", 9});
    printf("not reached %d\n", cgo_chan_cap(c));
    return 0;
 return 0;}

int main(int argc, char **argv)
{
    cgo_main(cgoc_main, argc, argv);
}
