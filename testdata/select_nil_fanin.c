#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/select_nil_fanin.gc"
/* Fan-in with select: a case on a nil channel never proceeds, so setting a
 * closed input to NULL takes it out of the select. Sums, not the order of
 * arrival, are printed, so the schedule does not matter. */
#include <stdbool.h>
#include <stdio.h>

static void produce(cgoc_chan out, int from, int to)
{
    for (int i = from; i <= to; i++)
        { cgo_chan *cgoc_c = (out); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_nil_fanin.gc", 10}); }
    cgo_chan_close_at(out, &(const cgo_site){"testdata/select_nil_fanin.gc", 11});
}

struct cgoc_go_1 {
    cgoc_chan a0;
    int a1;
    int a2;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/select_nil_fanin.gc", 18};
static void cgoc_go_1(void *cgoc_args)
{
    struct cgoc_go_1 *cgoc_a = cgoc_args;
    produce(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
struct cgoc_go_2 {
    cgoc_chan a0;
    int a1;
    int a2;
};
_Static_assert(_Alignof(struct cgoc_go_2) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_2 = {"testdata/select_nil_fanin.gc", 19};
static void cgoc_go_2(void *cgoc_args)
{
    struct cgoc_go_2 *cgoc_a = cgoc_args;
    produce(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
#line 14 "testdata/select_nil_fanin.gc"
int cgoc_main(void)
{
    cgoc_chan a = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/select_nil_fanin.gc", 16}), b = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/select_nil_fanin.gc", 16});
    cgoc_chan keep_a = a, keep_b = b;   /* to free them at the end */
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {(a), (1), (10)}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_2) struct cgoc_go_2 cgoc_args = {(b), (101), (110)}; cgo_go_at(cgoc_go_2, &cgoc_args, sizeof cgoc_args, &cgoc_site_2); }
    int sum_a = 0, sum_b = 0, closes = 0, v = 0;
    bool ok = false;
    while (a != NULL || b != NULL) {
        { cgo_select_case cgoc_cases[2]; int cgoc_value0; bool cgoc_ok0; int cgoc_value1; bool cgoc_ok1; cgoc_cases[0].chan = (
#line 24 "testdata/select_nil_fanin.gc"
                       a); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = &cgoc_ok0; cgoc_cases[1].chan = (
#line 31 "testdata/select_nil_fanin.gc"
                       b); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = &cgoc_ok1; int cgoc_chosen = cgo_select_at(cgoc_cases, 2, false, &(const cgo_site){"testdata/select_nil_fanin.gc", 23}); switch (cgoc_chosen) { case 0: { 
#line 24 "testdata/select_nil_fanin.gc"
             v = cgoc_value0; ok = cgoc_ok0;
            if (!ok) {
                a = NULL;               /* closed: never ready again */
                closes++;
                break;
            }
            sum_a += v; } break; case 1: { 
#line 31 "testdata/select_nil_fanin.gc"
             v = cgoc_value1; ok = cgoc_ok1;
            if (!ok) {
                b = NULL;
                closes++;
                break;
            }
            sum_b += v; } break; } }
#line 38 "testdata/select_nil_fanin.gc"
         
    }
    printf("sum a %d, sum b %d, closes seen %d\n", sum_a, sum_b, closes);

    /* a select whose only channels are nil, with default */
    { cgo_select_case cgoc_cases[2]; int cgoc_value0; int cgoc_value1; cgoc_cases[0].chan = (
#line 44 "testdata/select_nil_fanin.gc"
               a); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 46 "testdata/select_nil_fanin.gc"
         b); cgoc_value1 = (1); cgoc_cases[1].dir = CGO_SELECT_SEND; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 2, true, &(const cgo_site){"testdata/select_nil_fanin.gc", 43}); switch (cgoc_chosen) { case 0: { 
#line 44 "testdata/select_nil_fanin.gc"
         v = cgoc_value0;
        printf("nil a ready?\n"); } break; case 1: {
#line 46 "testdata/select_nil_fanin.gc"
                
        printf("nil b ready?\n"); } break; default: {
#line 48 "testdata/select_nil_fanin.gc"
            
        printf("all nil: default\n"); } break; } }
#line 50 "testdata/select_nil_fanin.gc"
     
    cgo_chan_free_at(keep_a, &(const cgo_site){"testdata/select_nil_fanin.gc", 51});
    cgo_chan_free_at(keep_b, &(const cgo_site){"testdata/select_nil_fanin.gc", 52});
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
