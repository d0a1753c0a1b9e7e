#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/deadlock_nil_send.gc"
/* Sending on the nil channel blocks forever; with nothing else to run the
 * runtime reports the deadlock, naming the nil channel. */
#include <stdio.h>

int cgoc_main(void)
{
    cgoc_chan nil_chan = NULL;
    printf("sending on nil\n");
    { cgo_chan *cgoc_c = (nil_chan); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/deadlock_nil_send.gc", 9}); }
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
