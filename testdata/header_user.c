#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/header_user.gc"
/* Uses the .gh header header_queue.gh: the include becomes
 * "header_queue.h", and cgoc reads the header's channel declarations to
 * type-check and lower this file (q->items, queue_input's result). */
#include <stdio.h>
#include <stdlib.h>
#include "header_queue.h"

struct queue *queue_new(int capacity, cgoc_chan stop)
{
    struct queue *q = malloc(sizeof *q);
    if (!q)
        return NULL;
    q->items = cgo_chan_make_at(sizeof(int), (capacity), &(const cgo_site){"testdata/header_user.gc", 13});
    q->stop = stop;
    q->served = 0;
    return q;
}

void queue_free(struct queue *q)
{
    cgo_chan_free_at(q->items, &(const cgo_site){"testdata/header_user.gc", 21});                     /* the builtin: a channel field */
    free(q);                            /* C free: a pointer */
}

cgoc_chan queue_input(struct queue *q)
{
    return q->items;
}

int queue_serve(struct queue *q)
{
    for (;;) {
        { cgo_select_case cgoc_cases[2]; int cgoc_value0; cgoc_cases[0].chan = (
#line 34 "testdata/header_user.gc"
                       q->items); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 36 "testdata/header_user.gc"
               q->stop); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = NULL; cgoc_cases[1].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 2, false, &(const cgo_site){"testdata/header_user.gc", 33}); switch (cgoc_chosen) { case 0: {
#line 34 "testdata/header_user.gc"
             int v = cgoc_value0;
            q->served += v; } break; case 1: {
#line 36 "testdata/header_user.gc"
                       
            return q->served; } break; } }
#line 38 "testdata/header_user.gc"
         
    }
}

struct cgoc_go_1 {
    cgoc_chan result;
    struct queue *q;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/header_user.gc", 53};
static void cgoc_go_1(void *cgoc_args)
#line 53 "testdata/header_user.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        { cgo_chan *cgoc_c = (cgoc_env.result); int cgoc_value = (queue_serve(cgoc_env.q)); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/header_user.gc", 54}); }
    }
static inline int cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 42 "testdata/header_user.gc"
int cgoc_main(void)
{
    cgoc_chan stop = cgo_chan_make_at(sizeof(bool), 0, &(const cgo_site){"testdata/header_user.gc", 44});
    struct queue *q = queue_new(4, stop);
    if (!q)
        return 1;
    work_chan in = q->items;
    cgoc_chan input = queue_input(q);
    { cgo_chan *cgoc_c = (input); int cgoc_value = (5); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/header_user.gc", 50}); }
    { cgo_chan *cgoc_c = (input); int cgoc_value = (6); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/header_user.gc", 51}); }
    cgoc_chan result = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/header_user.gc", 52});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 54 "testdata/header_user.gc"
        result, q}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 55 "testdata/header_user.gc"
     
    while (cgo_chan_len(in) > 0)
        cgo_yield();                    /* wait until both are taken */
    cgo_chan_close_at(stop, &(const cgo_site){"testdata/header_user.gc", 58});
    printf("served %d\n", cgoc_recv_2(result, &(const cgo_site){"testdata/header_user.gc", 59}));
    queue_free(q);
    cgo_chan_free_at(stop, &(const cgo_site){"testdata/header_user.gc", 61});
    cgo_chan_free_at(result, &(const cgo_site){"testdata/header_user.gc", 62});
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
