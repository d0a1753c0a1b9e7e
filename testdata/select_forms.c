#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/select_forms.gc"
/* select with every case form of the dialect: a receive declaring a
 * variable, a receive into an existing lvalue, a comma-ok receive, a
 * receive that discards, a send case whose value is a call, a timeout via
 * cgo_after, default, and break inside a case body. Exactly one case is
 * ready each time, so the output is deterministic (the timeout is 10 s
 * except in the round where nothing else is ready). */
#include <stdbool.h>
#include <stdio.h>

static int compute(int v)
{
    return v * 3;
}

/* One select with all the forms; which case runs depends on the channels
 * that are ready. */
#line 17 "testdata/select_forms.gc"
static void one_round(cgoc_chan in, cgoc_chan other, cgoc_chan maybe, cgoc_chan out,
                      cgoc_chan sig, bool with_default, int timeout_ms);
static inline int cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 17 "testdata/select_forms.gc"
static void one_round(cgoc_chan in, cgoc_chan other, cgoc_chan maybe, cgoc_chan out,
                      cgoc_chan sig, bool with_default, int timeout_ms)
{
    int x = -1;
    bool ok = false;
    if (with_default) {
        { cgo_select_case cgoc_cases[5]; int cgoc_value0; int cgoc_value1; int cgoc_value2; bool cgoc_ok2; int cgoc_value4; cgoc_cases[0].chan = (
#line 24 "testdata/select_forms.gc"
                       in); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 26 "testdata/select_forms.gc"
                   other); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; cgoc_cases[2].chan = (
#line 28 "testdata/select_forms.gc"
                       maybe); cgoc_cases[2].dir = CGO_SELECT_RECV; cgoc_cases[2].elem = &cgoc_value2; cgoc_cases[2].ok = &cgoc_ok2; cgoc_cases[3].chan = (
#line 30 "testdata/select_forms.gc"
               sig); cgoc_cases[3].dir = CGO_SELECT_RECV; cgoc_cases[3].elem = NULL; cgoc_cases[3].ok = NULL; cgoc_cases[4].chan = (
#line 32 "testdata/select_forms.gc"
             out); cgoc_value4 = (compute(7)); cgoc_cases[4].dir = CGO_SELECT_SEND; cgoc_cases[4].elem = &cgoc_value4; cgoc_cases[4].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 5, true, &(const cgo_site){"testdata/select_forms.gc", 23}); switch (cgoc_chosen) { case 0: {
#line 24 "testdata/select_forms.gc"
             int v = cgoc_value0;
            printf("in: %d\n", v); } break; case 1: { 
#line 26 "testdata/select_forms.gc"
             x = cgoc_value1;
            printf("other: %d\n", x); } break; case 2: { 
#line 28 "testdata/select_forms.gc"
             x = cgoc_value2; ok = cgoc_ok2;
            printf("maybe: %d ok=%d\n", x, ok); } break; case 3: {
#line 30 "testdata/select_forms.gc"
                   
            printf("signal\n"); } break; case 4: {
#line 32 "testdata/select_forms.gc"
                               
            printf("sent %d\n", cgoc_recv_1(out, &(const cgo_site){"testdata/select_forms.gc", 33})); } break; default: {
#line 34 "testdata/select_forms.gc"
                
            printf("default: nothing ready\n"); } break; } }
#line 36 "testdata/select_forms.gc"
         
    } else {
        { cgo_select_case cgoc_cases[5]; int cgoc_value0; int cgoc_value1; int cgoc_value2; bool cgoc_ok2; cgoc_cases[0].chan = (
#line 39 "testdata/select_forms.gc"
                       in); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 44 "testdata/select_forms.gc"
                   other); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; cgoc_cases[2].chan = (
#line 46 "testdata/select_forms.gc"
                       maybe); cgoc_cases[2].dir = CGO_SELECT_RECV; cgoc_cases[2].elem = &cgoc_value2; cgoc_cases[2].ok = &cgoc_ok2; cgoc_cases[3].chan = (
#line 48 "testdata/select_forms.gc"
               sig); cgoc_cases[3].dir = CGO_SELECT_RECV; cgoc_cases[3].elem = NULL; cgoc_cases[3].ok = NULL; cgoc_cases[4].chan = (
#line 50 "testdata/select_forms.gc"
               cgo_after(timeout_ms * CGO_MILLISECOND)); cgoc_cases[4].dir = CGO_SELECT_RECV; cgoc_cases[4].elem = NULL; cgoc_cases[4].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 5, false, &(const cgo_site){"testdata/select_forms.gc", 38}); if (cgoc_chosen != 4) cgo_after_release(cgoc_cases[4].chan); switch (cgoc_chosen) { case 0: {
#line 39 "testdata/select_forms.gc"
             int v = cgoc_value0;
            printf("in: %d\n", v);
            if (v > 100)
                break;                  /* leaves the select */
            printf("in: small\n"); } break; case 1: { 
#line 44 "testdata/select_forms.gc"
             x = cgoc_value1;
            printf("other: %d\n", x); } break; case 2: { 
#line 46 "testdata/select_forms.gc"
             x = cgoc_value2; ok = cgoc_ok2;
            printf("maybe: %d ok=%d\n", x, ok); } break; case 3: {
#line 48 "testdata/select_forms.gc"
                   
            printf("signal\n"); } break; case 4: {
#line 50 "testdata/select_forms.gc"
                                                       
            printf("timeout\n"); } break; } }
#line 52 "testdata/select_forms.gc"
         
    }
}

int cgoc_main(void)
{
    cgoc_chan in = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_forms.gc", 58}), other = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_forms.gc", 58});
    cgoc_chan maybe = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_forms.gc", 59}), out = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_forms.gc", 59});
    cgoc_chan sig = cgo_chan_make_at(sizeof(bool), (1), &(const cgo_site){"testdata/select_forms.gc", 60});
    cgoc_chan nil_out = NULL;

    { cgo_chan *cgoc_c = (in); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 63}); }
    one_round(in, other, maybe, nil_out, sig, false, 10000);
    { cgo_chan *cgoc_c = (in); int cgoc_value = (500); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 65}); }
    one_round(in, other, maybe, nil_out, sig, false, 10000);
    { cgo_chan *cgoc_c = (other); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 67}); }
    one_round(in, other, maybe, nil_out, sig, false, 10000);
    { cgo_chan *cgoc_c = (maybe); int cgoc_value = (3); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 69}); }
    one_round(in, other, maybe, nil_out, sig, false, 10000);
    { cgo_chan *cgoc_c = (sig); _Bool cgoc_value = (true); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 71}); }
    one_round(in, other, maybe, nil_out, sig, false, 10000);
    one_round(in, other, maybe, nil_out, sig, false, 20);       /* nothing ready: timeout */
    cgo_chan_close_at(maybe, &(const cgo_site){"testdata/select_forms.gc", 74});
    one_round(in, other, maybe, nil_out, sig, false, 10000);    /* closed: ok=0 */

    cgo_chan_free_at(maybe, &(const cgo_site){"testdata/select_forms.gc", 77});
    maybe = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_forms.gc", 78});
    one_round(in, other, maybe, nil_out, sig, true, 0);     /* default */
    one_round(in, other, maybe, out, sig, true, 0);         /* the send case */
    { cgo_chan *cgoc_c = (other); int cgoc_value = (8); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 81}); }
    one_round(in, other, maybe, nil_out, sig, true, 0);

    /* break leaves the select, not an enclosing loop */
    int rounds = 0;
    for (int i = 0; i < 3; i++) {
        { cgo_chan *cgoc_c = (in); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_forms.gc", 87}); }
        { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 89 "testdata/select_forms.gc"
                       in); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL;  cgo_chan_recv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/select_forms.gc", 88}); int cgoc_chosen = 0; switch (cgoc_chosen) { case 0: { int v = cgoc_value0;
            if (v == 1)
                break;
            rounds++; } break; } }
#line 93 "testdata/select_forms.gc"
         
    }
    printf("rounds: %d\n", rounds);

    cgo_chan_free_at(in, &(const cgo_site){"testdata/select_forms.gc", 97});
    cgo_chan_free_at(other, &(const cgo_site){"testdata/select_forms.gc", 98});
    cgo_chan_free_at(maybe, &(const cgo_site){"testdata/select_forms.gc", 99});
    cgo_chan_free_at(out, &(const cgo_site){"testdata/select_forms.gc", 100});
    cgo_chan_free_at(sig, &(const cgo_site){"testdata/select_forms.gc", 101});
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
