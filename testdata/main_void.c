#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/main_void.gc"
/* `int main(void)` falling off its end exits with status 0, as in C; a
 * goroutine started from main runs under the runtime. */
#include <stdio.h>

struct cgoc_go_1 {
    cgoc_chan greeting;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/main_void.gc", 8};
static void cgoc_go_1(void *cgoc_args)
#line 8 "testdata/main_void.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        { cgo_chan *cgoc_c = (cgoc_env.greeting); const char *cgoc_value = ("hello from a goroutine"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/main_void.gc", 9}); }
    }
static inline const char *cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    const char *cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 5 "testdata/main_void.gc"
int cgoc_main(void)
{
    cgoc_chan greeting = cgo_chan_make_at(sizeof(const char *), 0, &(const cgo_site){"testdata/main_void.gc", 7});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 9 "testdata/main_void.gc"
        greeting}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 10 "testdata/main_void.gc"
     
    printf("%s\n", cgoc_recv_2(greeting, &(const cgo_site){"testdata/main_void.gc", 11}));
    cgo_chan_free_at(greeting, &(const cgo_site){"testdata/main_void.gc", 12});
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
