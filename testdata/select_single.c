#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/select_single.gc"
/* Single-case selects behave as the plain operation (cgoc lowers them so),
 * and a single case with default is a non-blocking send or receive. */
#include <stdbool.h>
#include <stdio.h>

struct cgoc_go_1 {
    cgoc_chan unbuf;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/select_single.gc", 11};
static void cgoc_go_1(void *cgoc_args)
#line 11 "testdata/select_single.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        { cgo_chan *cgoc_c = (cgoc_env.unbuf); int cgoc_value = (41); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_single.gc", 12}); }
    }
#line 6 "testdata/select_single.gc"
int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_single.gc", 8});
    cgoc_chan unbuf = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/select_single.gc", 9});

    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 12 "testdata/select_single.gc"
        unbuf}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 13 "testdata/select_single.gc"
     
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 15 "testdata/select_single.gc"
                   unbuf); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL;  cgo_chan_recv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_single.gc", 14}); int cgoc_chosen = 0; switch (cgoc_chosen) { case 0: { int v = cgoc_value0;
        printf("received %d\n", v + 1); } break; } }
#line 17 "testdata/select_single.gc"
     

    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 20 "testdata/select_single.gc"
         c); cgoc_value0 = (5); cgoc_cases[0].dir = CGO_SELECT_SEND; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgo_chan_send_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_single.gc", 19}); int cgoc_chosen = 0; switch (cgoc_chosen) { case 0: {
        printf("sent 5\n"); } break; } }
#line 22 "testdata/select_single.gc"
     

    int x = 0;
    bool ok = false;
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; bool cgoc_ok0; cgoc_cases[0].chan = (
#line 27 "testdata/select_single.gc"
                   c); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = &cgoc_ok0; cgoc_ok0 = cgo_chan_recv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_single.gc", 26}); int cgoc_chosen = 0; switch (cgoc_chosen) { case 0: { x = cgoc_value0; ok = cgoc_ok0;
        printf("comma-ok: %d %d\n", x, ok); } break; } }
#line 29 "testdata/select_single.gc"
     

    /* non-blocking forms */
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 33 "testdata/select_single.gc"
         c); cgoc_value0 = (6); cgoc_cases[0].dir = CGO_SELECT_SEND; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; int cgoc_chosen = cgo_chan_trysend_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_single.gc", 32}) ? 0 : -1; switch (cgoc_chosen) { case 0: {
        printf("non-blocking send: sent\n"); } break; default: {
#line 35 "testdata/select_single.gc"
            
        printf("non-blocking send: full\n"); } break; } }
#line 37 "testdata/select_single.gc"
     
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 39 "testdata/select_single.gc"
         c); cgoc_value0 = (7); cgoc_cases[0].dir = CGO_SELECT_SEND; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; int cgoc_chosen = cgo_chan_trysend_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_single.gc", 38}) ? 0 : -1; switch (cgoc_chosen) { case 0: {
        printf("non-blocking send: sent\n"); } break; default: {
#line 41 "testdata/select_single.gc"
            
        printf("non-blocking send: full\n"); } break; } }
#line 43 "testdata/select_single.gc"
     
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 45 "testdata/select_single.gc"
               c); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; int cgoc_chosen = cgo_chan_tryrecv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, cgoc_cases[0].ok, &(const cgo_site){"testdata/select_single.gc", 44}) ? 0 : -1; switch (cgoc_chosen) { case 0: { x = cgoc_value0;
        printf("non-blocking receive: %d\n", x); } break; default: {
#line 47 "testdata/select_single.gc"
            
        printf("non-blocking receive: empty\n"); } break; } }
#line 49 "testdata/select_single.gc"
     
    { cgo_select_case cgoc_cases[1]; cgoc_cases[0].chan = (
#line 51 "testdata/select_single.gc"
           c); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = NULL; cgoc_cases[0].ok = NULL; int cgoc_chosen = cgo_chan_tryrecv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, cgoc_cases[0].ok, &(const cgo_site){"testdata/select_single.gc", 50}) ? 0 : -1; switch (cgoc_chosen) { case 0: {
        printf("non-blocking receive: got one\n"); } break; default: {
#line 53 "testdata/select_single.gc"
            
        printf("non-blocking receive: empty\n"); } break; } }
#line 55 "testdata/select_single.gc"
     
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 57 "testdata/select_single.gc"
         unbuf); cgoc_value0 = (1); cgoc_cases[0].dir = CGO_SELECT_SEND; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; int cgoc_chosen = cgo_chan_trysend_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_single.gc", 56}) ? 0 : -1; switch (cgoc_chosen) { case 0: {                    /* nobody receives: not ready */
        printf("unbuffered send: sent\n"); } break; default: {
#line 59 "testdata/select_single.gc"
            
        printf("unbuffered send: no receiver\n"); } break; } }
#line 61 "testdata/select_single.gc"
     
    cgo_chan_close_at(c, &(const cgo_site){"testdata/select_single.gc", 62});
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; bool cgoc_ok0; cgoc_cases[0].chan = (
#line 64 "testdata/select_single.gc"
                   c); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = &cgoc_ok0; int cgoc_chosen = cgo_chan_tryrecv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, cgoc_cases[0].ok, &(const cgo_site){"testdata/select_single.gc", 63}) ? 0 : -1; switch (cgoc_chosen) { case 0: { x = cgoc_value0; ok = cgoc_ok0;
        printf("closed: %d %d\n", x, ok); } break; default: {
#line 66 "testdata/select_single.gc"
            
        printf("closed: not ready?\n"); } break; } }
#line 68 "testdata/select_single.gc"
     
    cgoc_chan nil_chan = NULL;
    { cgo_select_case cgoc_cases[1]; cgoc_cases[0].chan = (
#line 71 "testdata/select_single.gc"
           nil_chan); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = NULL; cgoc_cases[0].ok = NULL; int cgoc_chosen = cgo_chan_tryrecv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, cgoc_cases[0].ok, &(const cgo_site){"testdata/select_single.gc", 70}) ? 0 : -1; switch (cgoc_chosen) { case 0: {
        printf("nil: ready?\n"); } break; default: {
#line 73 "testdata/select_single.gc"
            
        printf("nil: never ready\n"); } break; } }
#line 75 "testdata/select_single.gc"
     
    { int cgoc_chosen = cgo_select_at(NULL, 0, true, &(const cgo_site){"testdata/select_single.gc", 76}); switch (cgoc_chosen) { default: {
#line 77 "testdata/select_single.gc"
            
        printf("only default\n"); } break; } }
#line 79 "testdata/select_single.gc"
     

    cgo_chan_free_at(c, &(const cgo_site){"testdata/select_single.gc", 81});
    cgo_chan_free_at(unbuf, &(const cgo_site){"testdata/select_single.gc", 82});
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
