#include <stdlib.h>
#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/defer_loop.gc"
/* defer inside loops: one registration per iteration, run last first
 * together with the defers outside the loop, on every exit (also an early
 * return from inside the loop, and in a go block). A defer block after the
 * loop is not run by the early return (it was never registered). */
#include <stdio.h>
static void say(const char *s, int i) { printf("%s %d\n", s, i); }
static int f(int n) { struct cgoc_defer_link { struct cgoc_defer_link *next; int kind; } *cgoc_defers = NULL; struct cgoc_d1 { struct cgoc_defer_link link; }; struct cgoc_d2 { struct cgoc_defer_link link; int cgoc_d2_a1; }; struct cgoc_d3 { struct cgoc_defer_link link; int cgoc_d3_a1; };
    { struct cgoc_d1 *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort(); cgoc_r->link.kind = 1; cgoc_r->link.next = cgoc_defers; cgoc_defers = &cgoc_r->link; }
    for (int i = 0; i < n; i++) {
        { struct cgoc_d2 *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort(); cgoc_r->cgoc_d2_a1 = (i); cgoc_r->link.kind = 2; cgoc_r->link.next = cgoc_defers; cgoc_defers = &cgoc_r->link; }
        { struct cgoc_d3 *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort(); cgoc_r->cgoc_d3_a1 = (i); cgoc_r->link.kind = 3; cgoc_r->link.next = cgoc_defers; cgoc_defers = &cgoc_r->link; }
        if (i == 5) { int cgoc_result = (-1); while (cgoc_defers) { struct cgoc_defer_link *cgoc_l = cgoc_defers; cgoc_defers = cgoc_l->next; switch (cgoc_l->kind) { case 3: { 
#line 11 "testdata/defer_loop.gc"
              say("loop-b", ((struct cgoc_d3 *)cgoc_l)->cgoc_d3_a1); } break; case 2: { 
#line 10 "testdata/defer_loop.gc"
              say("loop-a", ((struct cgoc_d2 *)cgoc_l)->cgoc_d2_a1); } break; case 1: { 
#line 8 "testdata/defer_loop.gc"
          say("first", 0); } break; default: break; } free(cgoc_l); } return cgoc_result; }
#line 12 "testdata/defer_loop.gc"
                              
    }
    int total = n * 10;
    { struct cgoc_defer_link *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort(); cgoc_r->kind = 4; cgoc_r->next = cgoc_defers; cgoc_defers = cgoc_r; }
    total++;
    { int cgoc_result = (total); while (cgoc_defers) { struct cgoc_defer_link *cgoc_l = cgoc_defers; cgoc_defers = cgoc_l->next; switch (cgoc_l->kind) { case 4: { 
#line 15 "testdata/defer_loop.gc"
          { printf("block sees total=%d\n", total); } } break; case 3: { 
#line 11 "testdata/defer_loop.gc"
              say("loop-b", ((struct cgoc_d3 *)cgoc_l)->cgoc_d3_a1); } break; case 2: { 
#line 10 "testdata/defer_loop.gc"
              say("loop-a", ((struct cgoc_d2 *)cgoc_l)->cgoc_d2_a1); } break; case 1: { 
#line 8 "testdata/defer_loop.gc"
          say("first", 0); } break; default: break; } free(cgoc_l); } return cgoc_result; }
#line 17 "testdata/defer_loop.gc"
                 
 while (cgoc_defers) { struct cgoc_defer_link *cgoc_l = cgoc_defers; cgoc_defers = cgoc_l->next; switch (cgoc_l->kind) { case 4: { 
#line 15 "testdata/defer_loop.gc"
          { printf("block sees total=%d\n", total); } } break; case 3: { 
#line 11 "testdata/defer_loop.gc"
              say("loop-b", ((struct cgoc_d3 *)cgoc_l)->cgoc_d3_a1); } break; case 2: { 
#line 10 "testdata/defer_loop.gc"
              say("loop-a", ((struct cgoc_d2 *)cgoc_l)->cgoc_d2_a1); } break; case 1: { 
#line 8 "testdata/defer_loop.gc"
          say("first", 0); } break; default: break; } free(cgoc_l); }
#line 18 "testdata/defer_loop.gc"
}
struct cgoc_go_5 {
    cgoc_chan done;
};
_Static_assert(_Alignof(struct cgoc_go_5) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_5 = {"testdata/defer_loop.gc", 23};
static void cgoc_go_5(void *cgoc_args)
#line 23 "testdata/defer_loop.gc"
       { struct cgoc_go_5 cgoc_env = *(struct cgoc_go_5 *)cgoc_args; struct cgoc_defer_link { struct cgoc_defer_link *next; int kind; } *cgoc_defers = NULL; struct cgoc_d6 { struct cgoc_defer_link link; int cgoc_d6_a1; };
        for (int i = 0; i < 2; i++) { struct cgoc_d6 *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort(); cgoc_r->cgoc_d6_a1 = (i); cgoc_r->link.kind = 6; cgoc_r->link.next = cgoc_defers; cgoc_defers = &cgoc_r->link; }
        { cgo_chan *cgoc_c = (cgoc_env.done); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_loop.gc", 25}); }
     while (cgoc_defers) { struct cgoc_defer_link *cgoc_l = cgoc_defers; cgoc_defers = cgoc_l->next; switch (cgoc_l->kind) { case 6: { 
#line 24 "testdata/defer_loop.gc"
                                          say("go-loop", ((struct cgoc_d6 *)cgoc_l)->cgoc_d6_a1); } break; default: break; } free(cgoc_l); }
#line 26 "testdata/defer_loop.gc"
    }
#line 19 "testdata/defer_loop.gc"
int cgoc_main(void) {
    printf("f(2) = %d\n", f(2));
    printf("f(7) = %d\n", f(7));
    cgoc_chan done = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/defer_loop.gc", 22});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_5) struct cgoc_go_5 cgoc_args = {
#line 25 "testdata/defer_loop.gc"
        done}; cgo_go_at(cgoc_go_5, &cgoc_args, sizeof cgoc_args, &cgoc_site_5); }
#line 26 "testdata/defer_loop.gc"
     
    cgo_chan_recv_at(done, NULL, &(const cgo_site){"testdata/defer_loop.gc", 27});
    cgo_sleep(10 * 1000000);
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
