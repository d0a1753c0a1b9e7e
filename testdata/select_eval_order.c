#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/select_eval_order.gc"
/* On entry to select every channel operand and every value to send is
 * evaluated exactly once, in source order, whichever case is then chosen
 * (even with default, and for cases on nil channels). */
#include <stdio.h>

static cgoc_chan a, b, nil_chan;

static cgoc_chan chan_of(const char *name, cgoc_chan c)
{
    printf("  channel %s\n", name);
    return c;
}

static int value_of(int v)
{
    printf("  value %d\n", v);
    return v;
}

static inline int cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 20 "testdata/select_eval_order.gc"
int cgoc_main(void)
{
    a = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_eval_order.gc", 22});
    b = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_eval_order.gc", 23});
    { cgo_chan *cgoc_c = (b); int cgoc_value = (9); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_eval_order.gc", 24}); }
    int x = 0;

    printf("select 1:\n");
    { cgo_select_case cgoc_cases[3]; int cgoc_value0; int cgoc_value1; int cgoc_value2; cgoc_cases[0].chan = (
#line 29 "testdata/select_eval_order.gc"
         chan_of("a", a)); cgoc_value0 = (value_of(1)); cgoc_cases[0].dir = CGO_SELECT_SEND; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 31 "testdata/select_eval_order.gc"
               chan_of("nil", nil_chan)); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; cgoc_cases[2].chan = (
#line 33 "testdata/select_eval_order.gc"
         chan_of("b", b)); cgoc_value2 = (value_of(2)); cgoc_cases[2].dir = CGO_SELECT_SEND; cgoc_cases[2].elem = &cgoc_value2; cgoc_cases[2].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 3, false, &(const cgo_site){"testdata/select_eval_order.gc", 28}); switch (cgoc_chosen) { case 0: {
#line 29 "testdata/select_eval_order.gc"
                                        
        printf("  chose send to a\n"); } break; case 1: { 
#line 31 "testdata/select_eval_order.gc"
         x = cgoc_value1;
        printf("  chose nil?\n"); } break; case 2: {
#line 33 "testdata/select_eval_order.gc"
                                        
        printf("  chose send to b?\n"); } break; } }
#line 35 "testdata/select_eval_order.gc"
     

    printf("select 2:\n");
    { cgo_select_case cgoc_cases[2]; int cgoc_value0; int cgoc_value1; cgoc_cases[0].chan = (
#line 39 "testdata/select_eval_order.gc"
               chan_of("b", b)); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 41 "testdata/select_eval_order.gc"
         chan_of("a", a)); cgoc_value1 = (value_of(3)); cgoc_cases[1].dir = CGO_SELECT_SEND; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 2, true, &(const cgo_site){"testdata/select_eval_order.gc", 38}); switch (cgoc_chosen) { case 0: { 
#line 39 "testdata/select_eval_order.gc"
         x = cgoc_value0;
        printf("  chose receive from b: %d\n", x); } break; case 1: {
#line 41 "testdata/select_eval_order.gc"
                                        
        printf("  chose send to a?\n"); } break; default: {
#line 43 "testdata/select_eval_order.gc"
            
        printf("  default?\n"); } break; } }
#line 45 "testdata/select_eval_order.gc"
     

    printf("select 3:\n");
    { cgo_select_case cgoc_cases[2]; int cgoc_value0; int cgoc_value1; cgoc_cases[0].chan = (
#line 49 "testdata/select_eval_order.gc"
         chan_of("b", b)); cgoc_value0 = (value_of(4)); cgoc_cases[0].dir = CGO_SELECT_SEND; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 51 "testdata/select_eval_order.gc"
               chan_of("nil", nil_chan)); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 2, true, &(const cgo_site){"testdata/select_eval_order.gc", 48}); switch (cgoc_chosen) { case 0: {
#line 49 "testdata/select_eval_order.gc"
                                        
        printf("  chose send to b\n"); } break; case 1: { 
#line 51 "testdata/select_eval_order.gc"
         x = cgoc_value1;
        printf("  chose nil?\n"); } break; default: {
#line 53 "testdata/select_eval_order.gc"
            
        printf("  default?\n"); } break; } }
#line 55 "testdata/select_eval_order.gc"
     
    printf("a has %d, b has %d\n", cgoc_recv_1(a, &(const cgo_site){"testdata/select_eval_order.gc", 56}), cgoc_recv_1(b, &(const cgo_site){"testdata/select_eval_order.gc", 56}));

    cgo_chan_free_at(a, &(const cgo_site){"testdata/select_eval_order.gc", 58});
    cgo_chan_free_at(b, &(const cgo_site){"testdata/select_eval_order.gc", 59});
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
