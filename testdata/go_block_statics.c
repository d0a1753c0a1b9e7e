#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/go_block_statics.gc"
/* `static` locals and globals used in a go block are not captured: there is
 * one object, as in C. And `break` in a for-range loop inside a select case
 * leaves the for-range loop (the innermost breakable statement), not the
 * select. */
#include <stdio.h>

static int global_hits;

struct cgoc_go_1 {
    int (*static_hits);
    cgoc_chan done;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/go_block_statics.gc", 14};
static void cgoc_go_1(void *cgoc_args)
#line 14 "testdata/go_block_statics.gc"
           { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
            global_hits++;              /* the one global */
            (*cgoc_env.static_hits)++;              /* the one static local */
            { cgo_chan *cgoc_c = (cgoc_env.done); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block_statics.gc", 17}); }
        }
#line 9 "testdata/go_block_statics.gc"
int cgoc_main(void)
{
    static int static_hits;
    cgoc_chan done = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/go_block_statics.gc", 12});
    for (int i = 0; i < 3; i++) {
        { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {&
#line 16 "testdata/go_block_statics.gc"
            static_hits, 
#line 17 "testdata/go_block_statics.gc"
            done}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 18 "testdata/go_block_statics.gc"
         
        cgo_chan_recv_at(done, NULL, &(const cgo_site){"testdata/go_block_statics.gc", 19});                         /* one at a time: no data race */
    }
    printf("global_hits = %d, static_hits = %d\n", global_hits, static_hits);

    cgoc_chan nums = cgo_chan_make_at(sizeof(int), (8), &(const cgo_site){"testdata/go_block_statics.gc", 23}), sel = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/go_block_statics.gc", 23});
    for (int i = 1; i <= 5; i++)
        { cgo_chan *cgoc_c = (nums); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block_statics.gc", 25}); }
    cgo_chan_close_at(nums, &(const cgo_site){"testdata/go_block_statics.gc", 26});
    { cgo_chan *cgoc_c = (sel); int cgoc_value = (0); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block_statics.gc", 27}); }
    int seen = 0;
    { cgo_select_case cgoc_cases[1]; cgoc_cases[0].chan = (
#line 30 "testdata/go_block_statics.gc"
           sel); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = NULL; cgoc_cases[0].ok = NULL;  cgo_chan_recv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/go_block_statics.gc", 29}); int cgoc_chosen = 0; switch (cgoc_chosen) { case 0: {
        for (cgo_chan *cgoc_range = (nums);;) {int v; if (!cgo_chan_recv_at(cgoc_range, &v, &(const cgo_site){"testdata/go_block_statics.gc", 31})) break; {
            if (v == 3)
                break;                  /* leaves the for-range loop */
            seen += v;
        } }
        printf("still in the select case after break, seen = %d\n", seen); } break; } }
#line 37 "testdata/go_block_statics.gc"
     
    printf("after select: %d left in nums\n", cgo_chan_len(nums));
    cgo_chan_free_at(nums, &(const cgo_site){"testdata/go_block_statics.gc", 39});
    cgo_chan_free_at(sel, &(const cgo_site){"testdata/go_block_statics.gc", 40});
    cgo_chan_free_at(done, &(const cgo_site){"testdata/go_block_statics.gc", 41});
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
