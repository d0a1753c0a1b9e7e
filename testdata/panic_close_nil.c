#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/panic_close_nil.gc"
/* Closing the nil channel panics. */
#include <stdio.h>

static cgoc_chan never_made;

int cgoc_main(void)
{
    printf("closing nil\n");
    cgo_chan_close_at(never_made, &(const cgo_site){"testdata/panic_close_nil.gc", 9});
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
