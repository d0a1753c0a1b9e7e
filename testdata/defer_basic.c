#include <stdlib.h>
#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/defer_basic.gc"
/* defer: function-scoped, last in first out, run on every return and when
 * the body falls off its end, after the return value has been evaluated.
 * defer CALL evaluates the callee and the arguments at the defer
 * statement; defer { } sees the variables as they are at return. Inside a
 * loop a defer registers once per iteration. */
#include <stdio.h>

static void say(const char *what, int n)
{
    printf("  deferred %s %d\n", what, n);
}

static void lifo(void)
{
    printf("lifo:\n");
    
    
    ;
#line 20 "testdata/defer_basic.gc"
     
    printf("  body ends\n");
 
#line 18 "testdata/defer_basic.gc"
          {
        printf("  deferred block\n");
    } 
#line 17 "testdata/defer_basic.gc"
          say("second", 2); 
#line 16 "testdata/defer_basic.gc"
          say("first", 1);
#line 22 "testdata/defer_basic.gc"
}                                       /* falls off the end */

static int value_before_defers(void)
{
    int x = 1;
    ;
#line 30 "testdata/defer_basic.gc"
     
    x = 2;
    { int cgoc_result = (x * 10); 
#line 27 "testdata/defer_basic.gc"
          {
        x = 100;                        /* too late for the return value */
        printf("  block sees x = %d\n", x);
    } return cgoc_result; }
#line 32 "testdata/defer_basic.gc"
                                        /* evaluated before the defers: 20 */
 
#line 27 "testdata/defer_basic.gc"
          {
        x = 100;                        /* too late for the return value */
        printf("  block sees x = %d\n", x);
    }
#line 33 "testdata/defer_basic.gc"
}

static int arguments_now(void)
{
    int n = 1;
     int cgoc_d5_a1; cgoc_d5_a1 = (n); 
    ;
#line 41 "testdata/defer_basic.gc"
     
    n = 2;
    { int cgoc_result = (n); 
#line 39 "testdata/defer_basic.gc"
          {
        printf("  block sees n = %d\n", n);
    } 
#line 38 "testdata/defer_basic.gc"
          say("argument evaluated at defer", cgoc_d5_a1); return cgoc_result; }
#line 43 "testdata/defer_basic.gc"
             
 
#line 39 "testdata/defer_basic.gc"
          {
        printf("  block sees n = %d\n", n);
    } 
#line 38 "testdata/defer_basic.gc"
          say("argument evaluated at defer", cgoc_d5_a1);
#line 44 "testdata/defer_basic.gc"
}

static int early_returns(int which)
{
    printf("early_returns(%d):\n", which);
     int cgoc_d7_a1; cgoc_d7_a1 = (which); 
    if (which == 0)
        { int cgoc_result = (0); 
#line 49 "testdata/defer_basic.gc"
          say("outer", cgoc_d7_a1); return cgoc_result; }
#line 51 "testdata/defer_basic.gc"
                 
     int cgoc_d8_a1; cgoc_d8_a1 = (which); 
    for (int i = 0; i < 3; i++) {
        if (which == 1 && i == 1)
            { int cgoc_result = (10 + i); 
#line 52 "testdata/defer_basic.gc"
          say("after first check", cgoc_d8_a1); 
#line 49 "testdata/defer_basic.gc"
          say("outer", cgoc_d7_a1); return cgoc_result; }
#line 55 "testdata/defer_basic.gc"
                                        /* return from inside a loop */
    }
    switch (which) {
    case 2:
        { int cgoc_result = (20); 
#line 52 "testdata/defer_basic.gc"
          say("after first check", cgoc_d8_a1); 
#line 49 "testdata/defer_basic.gc"
          say("outer", cgoc_d7_a1); return cgoc_result; }
#line 59 "testdata/defer_basic.gc"
                                        /* return from a switch */
    default:
        break;
    }
    {
        if (which == 3)
            { int cgoc_result = (30); 
#line 52 "testdata/defer_basic.gc"
          say("after first check", cgoc_d8_a1); 
#line 49 "testdata/defer_basic.gc"
          say("outer", cgoc_d7_a1); return cgoc_result; }
#line 65 "testdata/defer_basic.gc"
                                        /* return from a nested block */
    }
    { int cgoc_result = (40); 
#line 52 "testdata/defer_basic.gc"
          say("after first check", cgoc_d8_a1); 
#line 49 "testdata/defer_basic.gc"
          say("outer", cgoc_d7_a1); return cgoc_result; }
#line 67 "testdata/defer_basic.gc"
              
 
#line 52 "testdata/defer_basic.gc"
          say("after first check", cgoc_d8_a1); 
#line 49 "testdata/defer_basic.gc"
          say("outer", cgoc_d7_a1);
#line 68 "testdata/defer_basic.gc"
}

static void in_loop(int n)
{ struct cgoc_defer_link { struct cgoc_defer_link *next; int kind; } *cgoc_defers = NULL; struct cgoc_d9 { struct cgoc_defer_link link; int cgoc_d9_a1; };
    printf("in_loop(%d):\n", n);
    for (int i = 0; i < n; i++)
        { struct cgoc_d9 *cgoc_r = malloc(sizeof *cgoc_r); if (!cgoc_r) abort(); cgoc_r->cgoc_d9_a1 = (i); cgoc_r->link.kind = 9; cgoc_r->link.next = cgoc_defers; cgoc_defers = &cgoc_r->link; }      /* one registration per iteration */
    printf("  loop done\n");
 while (cgoc_defers) { struct cgoc_defer_link *cgoc_l = cgoc_defers; cgoc_defers = cgoc_l->next; switch (cgoc_l->kind) { case 9: { 
#line 74 "testdata/defer_basic.gc"
              say("iteration", ((struct cgoc_d9 *)cgoc_l)->cgoc_d9_a1); } break; default: break; } free(cgoc_l); }
#line 76 "testdata/defer_basic.gc"
}

static int nested_calls(int depth)
{
     int cgoc_d10_a1; cgoc_d10_a1 = (depth); 
    if (depth == 0)
        { int cgoc_result = (0); 
#line 80 "testdata/defer_basic.gc"
          say("nested_calls depth", cgoc_d10_a1); return cgoc_result; }
#line 82 "testdata/defer_basic.gc"
                 
    { int cgoc_result = (nested_calls(depth - 1) + 1); 
#line 80 "testdata/defer_basic.gc"
          say("nested_calls depth", cgoc_d10_a1); return cgoc_result; }
#line 83 "testdata/defer_basic.gc"
                                       
 
#line 80 "testdata/defer_basic.gc"
          say("nested_calls depth", cgoc_d10_a1);
#line 84 "testdata/defer_basic.gc"
}

static void void_return(int stop)
{
     int cgoc_d11_a1; cgoc_d11_a1 = (stop);    /* literal stays a literal */
    if (stop)
        { 
#line 88 "testdata/defer_basic.gc"
          printf("  void_return(%d) deferred printf\n", cgoc_d11_a1); return; }
#line 90 "testdata/defer_basic.gc"
               
    printf("  void_return(%d) not stopped\n", stop);
 
#line 88 "testdata/defer_basic.gc"
          printf("  void_return(%d) deferred printf\n", cgoc_d11_a1);
#line 92 "testdata/defer_basic.gc"
}

struct cgoc_go_13 {
    cgoc_chan done;
};
_Static_assert(_Alignof(struct cgoc_go_13) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_13 = {"testdata/defer_basic.gc", 113};
static void cgoc_go_13(void *cgoc_args)
#line 113 "testdata/defer_basic.gc"
       { struct cgoc_go_13 cgoc_env = *(struct cgoc_go_13 *)cgoc_args;
        ;
#line 116 "testdata/defer_basic.gc"
         
        ;
#line 119 "testdata/defer_basic.gc"
         
        { cgo_chan *cgoc_c = (cgoc_env.done); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_basic.gc", 120}); }
     
#line 117 "testdata/defer_basic.gc"
              {
            { cgo_chan *cgoc_c = (cgoc_env.done); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_basic.gc", 118}); }
        } 
#line 114 "testdata/defer_basic.gc"
              {
            { cgo_chan *cgoc_c = (cgoc_env.done); int cgoc_value = (3); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_basic.gc", 115}); }
        }
#line 121 "testdata/defer_basic.gc"
    }
static inline int cgoc_recv_16(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 94 "testdata/defer_basic.gc"
int cgoc_main(void)
{
    lifo();
    printf("value_before_defers:\n");
    printf("  returned %d\n", value_before_defers());
    printf("arguments_now:\n");
    printf("  returned %d\n", arguments_now());
    for (int w = 0; w <= 4; w++)
        printf("  returned %d\n", early_returns(w));
    in_loop(3);
    in_loop(0);
    printf("nested_calls:\n");
    printf("  returned %d\n", nested_calls(2));
    printf("void_return:\n");
    void_return(1);
    void_return(0);

    /* defer in a go block runs when the goroutine's block ends */
    cgoc_chan done = cgo_chan_make_at(sizeof(int), (4), &(const cgo_site){"testdata/defer_basic.gc", 112});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_13) struct cgoc_go_13 cgoc_args = {
#line 115 "testdata/defer_basic.gc"
            done}; cgo_go_at(cgoc_go_13, &cgoc_args, sizeof cgoc_args, &cgoc_site_13); }
#line 121 "testdata/defer_basic.gc"
     
    for (int i = 0; i < 3; i++)
        printf("goroutine order: %d\n", cgoc_recv_16(done, &(const cgo_site){"testdata/defer_basic.gc", 123}));

    
    cgo_chan_free_at(done, &(const cgo_site){"testdata/defer_basic.gc", 126});
    { int cgoc_result = (0); 
#line 125 "testdata/defer_basic.gc"
          printf("main's defer runs before exit\n"); return cgoc_result; }
#line 127 "testdata/defer_basic.gc"
             
 { int cgoc_result = 0; 
#line 125 "testdata/defer_basic.gc"
          printf("main's defer runs before exit\n"); return cgoc_result; }
#line 128 "testdata/defer_basic.gc"
}

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
