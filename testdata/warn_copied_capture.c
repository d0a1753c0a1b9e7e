#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/warn_copied_capture.gc"
/* Warning: assigning to a variable that a go block copied only changes the
 * copy; cgoc warns and suggests taking its address. The program still
 * translates and runs: the original keeps its value. */
#include <stdio.h>

struct cgoc_go_1 {
    int count;
    cgoc_chan done;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/warn_copied_capture.gc", 10};
static void cgoc_go_1(void *cgoc_args)
#line 10 "testdata/warn_copied_capture.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        cgoc_env.count = 10;                     /* warning: changes the copy only */
        cgoc_env.count++;                        /* warning */
        { cgo_chan *cgoc_c = (cgoc_env.done); _Bool cgoc_value = (cgoc_env.count == 11); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/warn_copied_capture.gc", 13}); }
    }
static inline _Bool cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    _Bool cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 6 "testdata/warn_copied_capture.gc"
int cgoc_main(void)
{
    int count = 1;
    cgoc_chan done = cgo_chan_make_at(sizeof(bool), 0, &(const cgo_site){"testdata/warn_copied_capture.gc", 9});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 11 "testdata/warn_copied_capture.gc"
        count, 
#line 13 "testdata/warn_copied_capture.gc"
        done}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 14 "testdata/warn_copied_capture.gc"
     
    bool copy_changed = cgoc_recv_2(done, &(const cgo_site){"testdata/warn_copied_capture.gc", 15});
    printf("copy changed: %d, original: %d\n", copy_changed, count);
    cgo_chan_free_at(done, &(const cgo_site){"testdata/warn_copied_capture.gc", 17});
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
