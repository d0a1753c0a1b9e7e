#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/go_block.gc"
/* go { }: the block is the body of a new goroutine. Enclosing locals it
 * uses are copied at the go statement (a loop variable has the value of its
 * iteration; arrays are copied whole), except variables whose address the
 * block takes (&wg, &arr[i], &s.field): those are shared. return; ends the
 * goroutine; go blocks nest; a function's parameters are captured too. */
#include <stdbool.h>
#include <stdio.h>

struct stats {
    int hits;
    int misses;
};

#line 14 "testdata/go_block.gc"
static void spawn_adder(int base, cgoc_chan out);
struct cgoc_go_1 {
    cgoc_chan out;
    int base;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/go_block.gc", 16};
static void cgoc_go_1(void *cgoc_args)
#line 16 "testdata/go_block.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        { cgo_chan *cgoc_c = (cgoc_env.out); int cgoc_value = (cgoc_env.base + 1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 17}); }                /* a parameter, copied */
    }
#line 14 "testdata/go_block.gc"
static void spawn_adder(int base, cgoc_chan out)
{
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 17 "testdata/go_block.gc"
        out, base}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 18 "testdata/go_block.gc"
     
}

struct cgoc_go_2 {
    cgo_waitgroup (*wg);
    cgoc_chan ids;
    int i;
};
_Static_assert(_Alignof(struct cgoc_go_2) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_2 = {"testdata/go_block.gc", 29};
static void cgoc_go_2(void *cgoc_args)
#line 29 "testdata/go_block.gc"
           { struct cgoc_go_2 cgoc_env = *(struct cgoc_go_2 *)cgoc_args;
             struct cgo_waitgroup *cgoc_d3_a0; cgoc_d3_a0 = (&(*cgoc_env.wg)); 
            { cgo_chan *cgoc_c = (cgoc_env.ids); int cgoc_value = (cgoc_env.i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 31}); }
         
#line 30 "testdata/go_block.gc"
                  cgo_wg_done(cgoc_d3_a0);
#line 32 "testdata/go_block.gc"
        }
struct cgoc_go_4 {
    int (*results)[3];
    int i;
    cgo_waitgroup (*wg);
};
_Static_assert(_Alignof(struct cgoc_go_4) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_4 = {"testdata/go_block.gc", 45};
static void cgoc_go_4(void *cgoc_args)
#line 45 "testdata/go_block.gc"
           { struct cgoc_go_4 cgoc_env = *(struct cgoc_go_4 *)cgoc_args;
            int *slot = &(*cgoc_env.results)[cgoc_env.i];
            *slot = (cgoc_env.i + 1) * 100;
            cgo_wg_done(&(*cgoc_env.wg));
        }
struct cgoc_go_5 {
    cgoc_chan go_on;
    int arr[3];
    cgoc_chan sum;
};
_Static_assert(_Alignof(struct cgoc_go_5) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_5 = {"testdata/go_block.gc", 58};
static void cgoc_go_5(void *cgoc_args)
#line 58 "testdata/go_block.gc"
       { struct cgoc_go_5 cgoc_env = *(struct cgoc_go_5 *)cgoc_args;
        cgo_chan_recv_at(cgoc_env.go_on, NULL, &(const cgo_site){"testdata/go_block.gc", 59});
        const int *p = cgoc_env.arr;             /* decays to a pointer to the copy */
        { cgo_chan *cgoc_c = (cgoc_env.sum); int cgoc_value = (cgoc_env.arr[0] + cgoc_env.arr[1] + p[2]); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 61}); }
        { cgo_chan *cgoc_c = (cgoc_env.sum); int cgoc_value = ((int)(sizeof cgoc_env.arr / sizeof cgoc_env.arr[0])); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 62}); }
    }
static inline int cgoc_recv_6(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
struct cgoc_go_7 {
    struct stats (*st);
    cgo_waitgroup (*wg);
};
_Static_assert(_Alignof(struct cgoc_go_7) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_7 = {"testdata/go_block.gc", 73};
static void cgoc_go_7(void *cgoc_args)
#line 73 "testdata/go_block.gc"
       { struct cgoc_go_7 cgoc_env = *(struct cgoc_go_7 *)cgoc_args;
        int *h = &(*cgoc_env.st).hits;
        *h = 5;
        (*cgoc_env.st).misses = 2;                  /* st is shared: writes the real one */
        cgo_wg_done(&(*cgoc_env.wg));
    }
struct cgoc_go_8 {
    cgoc_chan go_on;
    cgoc_chan out;
    int value;
};
_Static_assert(_Alignof(struct cgoc_go_8) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_8 = {"testdata/go_block.gc", 85};
static void cgoc_go_8(void *cgoc_args)
#line 85 "testdata/go_block.gc"
       { struct cgoc_go_8 cgoc_env = *(struct cgoc_go_8 *)cgoc_args;
        cgo_chan_recv_at(cgoc_env.go_on, NULL, &(const cgo_site){"testdata/go_block.gc", 86});
        { cgo_chan *cgoc_c = (cgoc_env.out); int cgoc_value = (cgoc_env.value); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 87}); }
    }
struct cgoc_go_9 {
    _Bool early;
    cgoc_chan out;
};
_Static_assert(_Alignof(struct cgoc_go_9) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_9 = {"testdata/go_block.gc", 96};
static void cgoc_go_9(void *cgoc_args)
#line 96 "testdata/go_block.gc"
           { struct cgoc_go_9 cgoc_env = *(struct cgoc_go_9 *)cgoc_args;
            if (cgoc_env.early) {
                { cgo_chan *cgoc_c = (cgoc_env.out); int cgoc_value = (-1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 98}); }
                return;
            }
            { cgo_chan *cgoc_c = (cgoc_env.out); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 101}); }
        }
struct cgoc_go_10 {
    cgoc_chan out;
};
_Static_assert(_Alignof(struct cgoc_go_10) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_10 = {"testdata/go_block.gc", 107};
struct cgoc_go_11 {
    cgoc_chan out;
    int inner;
};
_Static_assert(_Alignof(struct cgoc_go_11) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_11 = {"testdata/go_block.gc", 109};
static void cgoc_go_11(void *cgoc_args)
#line 109 "testdata/go_block.gc"
           { struct cgoc_go_11 cgoc_env = *(struct cgoc_go_11 *)cgoc_args;
            { cgo_chan *cgoc_c = (cgoc_env.out); int cgoc_value = (cgoc_env.inner + 2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 110}); }
        }
static void cgoc_go_10(void *cgoc_args)
#line 107 "testdata/go_block.gc"
       { struct cgoc_go_10 cgoc_env = *(struct cgoc_go_10 *)cgoc_args;
        int inner = 40;
        { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_11) struct cgoc_go_11 cgoc_args = {
#line 110 "testdata/go_block.gc"
            cgoc_env.out, inner}; cgo_go_at(cgoc_go_11, &cgoc_args, sizeof cgoc_args, &cgoc_site_11); }
#line 111 "testdata/go_block.gc"
         
    }
#line 21 "testdata/go_block.gc"
int cgoc_main(void)
{
    cgo_waitgroup wg = {0};

    /* the loop variable: one copy per iteration; &wg: shared */
    cgoc_chan ids = cgo_chan_make_at(sizeof(int), (5), &(const cgo_site){"testdata/go_block.gc", 26});
    for (int i = 0; i < 5; i++) {
        cgo_wg_add(&wg, 1);
        { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_2) struct cgoc_go_2 cgoc_args = {&
#line 30 "testdata/go_block.gc"
                               wg, 
#line 31 "testdata/go_block.gc"
            ids, i}; cgo_go_at(cgoc_go_2, &cgoc_args, sizeof cgoc_args, &cgoc_site_2); }
#line 32 "testdata/go_block.gc"
         
    }
    cgo_wg_wait(&wg);
    cgo_chan_close_at(ids, &(const cgo_site){"testdata/go_block.gc", 35});
    int seen[5] = {0};
    for (cgo_chan *cgoc_range = (ids);;) {int v; if (!cgo_chan_recv_at(cgoc_range, &v, &(const cgo_site){"testdata/go_block.gc", 37})) break; 
#line 38 "testdata/go_block.gc"
        seen[v]++; }
    printf("each iteration once: %d %d %d %d %d\n", seen[0], seen[1], seen[2], seen[3], seen[4]);

    /* &results[i]: the array is shared */
    int results[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        cgo_wg_add(&wg, 1);
        { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_4) struct cgoc_go_4 cgoc_args = {&
#line 46 "testdata/go_block.gc"
                         results, i, &
#line 48 "testdata/go_block.gc"
                         wg}; cgo_go_at(cgoc_go_4, &cgoc_args, sizeof cgoc_args, &cgoc_site_4); }
#line 49 "testdata/go_block.gc"
         
    }
    cgo_wg_wait(&wg);
    printf("shared array: %d %d %d\n", results[0], results[1], results[2]);

    /* an array used without & is copied at the go statement */
    int arr[3] = {1, 2, 3};
    cgoc_chan go_on = cgo_chan_make_at(sizeof(bool), 0, &(const cgo_site){"testdata/go_block.gc", 56});
    cgoc_chan sum = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/go_block.gc", 57});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_5) struct cgoc_go_5 cgoc_args = {
#line 59 "testdata/go_block.gc"
          go_on, {0}, 
#line 61 "testdata/go_block.gc"
        sum}; for (size_t cgoc_i = 0; cgoc_i < sizeof cgoc_args.arr; cgoc_i++) ((unsigned char *)cgoc_args.arr)[cgoc_i] = ((const unsigned char *)
#line 60 "testdata/go_block.gc"
                       arr)[cgoc_i]; cgo_go_at(cgoc_go_5, &cgoc_args, sizeof cgoc_args, &cgoc_site_5); }
#line 63 "testdata/go_block.gc"
     
    arr[0] = 100;                       /* after the copy: not seen */
    { cgo_chan *cgoc_c = (go_on); _Bool cgoc_value = (true); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 65}); }
    int copy_sum = cgoc_recv_6(sum, &(const cgo_site){"testdata/go_block.gc", 66});
    int copy_len = cgoc_recv_6(sum, &(const cgo_site){"testdata/go_block.gc", 67});
    printf("copied array: sum %d, length %d\n", copy_sum, copy_len);

    /* &st.hits: the whole struct is shared */
    struct stats st = {0, 0};
    cgo_wg_add(&wg, 1);
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_7) struct cgoc_go_7 cgoc_args = {&
#line 74 "testdata/go_block.gc"
                  st, &
#line 77 "testdata/go_block.gc"
                     wg}; cgo_go_at(cgoc_go_7, &cgoc_args, sizeof cgoc_args, &cgoc_site_7); }
#line 78 "testdata/go_block.gc"
     
    cgo_wg_wait(&wg);
    printf("shared struct: %d %d\n", st.hits, st.misses);

    /* a copied scalar keeps the value it had at the go statement */
    int value = 1;
    cgoc_chan out = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/go_block.gc", 84});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_8) struct cgoc_go_8 cgoc_args = {
#line 86 "testdata/go_block.gc"
          go_on, 
#line 87 "testdata/go_block.gc"
        out, value}; cgo_go_at(cgoc_go_8, &cgoc_args, sizeof cgoc_args, &cgoc_site_8); }
#line 88 "testdata/go_block.gc"
     
    value = 2;
    { cgo_chan *cgoc_c = (go_on); _Bool cgoc_value = (true); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_block.gc", 90}); }
    printf("copied scalar: %d (now %d)\n", cgoc_recv_6(out, &(const cgo_site){"testdata/go_block.gc", 91}), value);

    /* return; ends the goroutine */
    for (int k = 0; k < 2; k++) {
        bool early = k == 0;
        { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_9) struct cgoc_go_9 cgoc_args = {
#line 97 "testdata/go_block.gc"
                early, 
#line 98 "testdata/go_block.gc"
                out}; cgo_go_at(cgoc_go_9, &cgoc_args, sizeof cgoc_args, &cgoc_site_9); }
#line 102 "testdata/go_block.gc"
         
        printf("k=%d: %d\n", k, cgoc_recv_6(out, &(const cgo_site){"testdata/go_block.gc", 103}));
    }

    /* nested go blocks: the inner one copies the outer one's local */
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_10) struct cgoc_go_10 cgoc_args = {
#line 110 "testdata/go_block.gc"
            out}; cgo_go_at(cgoc_go_10, &cgoc_args, sizeof cgoc_args, &cgoc_site_10); }
#line 112 "testdata/go_block.gc"
     
    printf("nested: %d\n", cgoc_recv_6(out, &(const cgo_site){"testdata/go_block.gc", 113}));

    /* parameters of a function are captured like locals */
    spawn_adder(9, out);
    printf("parameter: %d\n", cgoc_recv_6(out, &(const cgo_site){"testdata/go_block.gc", 117}));

    cgo_chan_free_at(ids, &(const cgo_site){"testdata/go_block.gc", 119});
    cgo_chan_free_at(go_on, &(const cgo_site){"testdata/go_block.gc", 120});
    cgo_chan_free_at(sum, &(const cgo_site){"testdata/go_block.gc", 121});
    cgo_chan_free_at(out, &(const cgo_site){"testdata/go_block.gc", 122});
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
