#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/select_empty.gc"
/* `select {}` blocks forever; once no other goroutine can run that is a
 * deadlock, reported with the state "select (no cases)". */
#include <stdio.h>

struct cgoc_go_1 {
    cgoc_chan done;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/select_empty.gc", 8};
static void cgoc_go_1(void *cgoc_args)
#line 8 "testdata/select_empty.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        printf("goroutine ran\n");
        { cgo_chan *cgoc_c = (cgoc_env.done); _Bool cgoc_value = (true); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_empty.gc", 10}); }
    }
#line 5 "testdata/select_empty.gc"
int cgoc_main(void)
{
    cgoc_chan done = cgo_chan_make_at(sizeof(bool), 0, &(const cgo_site){"testdata/select_empty.gc", 7});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 10 "testdata/select_empty.gc"
        done}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 11 "testdata/select_empty.gc"
     
    cgo_chan_recv_at(done, NULL, &(const cgo_site){"testdata/select_empty.gc", 12});
    { int cgoc_chosen = cgo_select_at(NULL, 0, false, &(const cgo_site){"testdata/select_empty.gc", 13}); switch (cgoc_chosen) { } }
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
