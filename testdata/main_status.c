#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/main_status.gc"
/* main runs as the first goroutine; when it returns the program exits with
 * its status (3 here) after main's deferred calls, and other goroutines are
 * abandoned, as in Go: the one blocked forever does not keep it alive. */
#include <stdio.h>

struct cgoc_go_2 {
    cgoc_chan never;
};
_Static_assert(_Alignof(struct cgoc_go_2) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_2 = {"testdata/main_status.gc", 9};
static void cgoc_go_2(void *cgoc_args)
#line 9 "testdata/main_status.gc"
       { struct cgoc_go_2 cgoc_env = *(struct cgoc_go_2 *)cgoc_args;
        cgo_chan_recv_at(cgoc_env.never, NULL, &(const cgo_site){"testdata/main_status.gc", 10});                        /* blocked forever: abandoned */
        printf("not reached\n");
    }
static const cgo_site cgoc_site_3 = {"testdata/main_status.gc", 13};
static void cgoc_go_3(void *cgoc_args)
#line 13 "testdata/main_status.gc"
       { (void)cgoc_args;
        for (;;)
            cgo_yield();                /* busy forever: abandoned too */
    }
#line 6 "testdata/main_status.gc"
int cgoc_main(int argc, char **argv)
{
    cgoc_chan never = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/main_status.gc", 8});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_2) struct cgoc_go_2 cgoc_args = {
#line 10 "testdata/main_status.gc"
          never}; cgo_go_at(cgoc_go_2, &cgoc_args, sizeof cgoc_args, &cgoc_site_2); }
#line 12 "testdata/main_status.gc"
     
    cgo_go_at(cgoc_go_3, NULL, 0, &cgoc_site_3);
#line 16 "testdata/main_status.gc"
     
    
    printf("argc %d, argv[0] set %d, argv[argc] NULL %d\n", argc, argv[0] != NULL, argv[argc] == NULL);
    { int cgoc_result = (3); 
#line 17 "testdata/main_status.gc"
          printf("deferred in main\n"); return cgoc_result; }
#line 19 "testdata/main_status.gc"
             
 { int cgoc_result = 0; 
#line 17 "testdata/main_status.gc"
          printf("deferred in main\n"); return cgoc_result; }
#line 20 "testdata/main_status.gc"
}

int main(int argc, char **argv)
{
    cgo_main(cgoc_main, argc, argv);
}
