#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/comma_ok.gc"
/* Comma-ok receive: `x, ok = <-c` as a statement, with ok a bool or an
 * int, and lvalues that are struct members, array elements and pointer
 * targets. After close the buffered values still arrive with ok true, then
 * the zero value with ok false. */
#include <stdbool.h>
#include <stdio.h>

struct result {
    int value;
    bool ok;
};

struct cgoc_go_1 {
    cgoc_chan words;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/comma_ok.gc", 46};
static void cgoc_go_1(void *cgoc_args)
#line 46 "testdata/comma_ok.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        { cgo_chan *cgoc_c = (cgoc_env.words); const char *cgoc_value = ("alpha"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 47}); }
        { cgo_chan *cgoc_c = (cgoc_env.words); const char *cgoc_value = ("beta"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 48}); }
        cgo_chan_close_at(cgoc_env.words, &(const cgo_site){"testdata/comma_ok.gc", 49});
    }
#line 13 "testdata/comma_ok.gc"
int cgoc_main(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (3), &(const cgo_site){"testdata/comma_ok.gc", 15});
    { cgo_chan *cgoc_c = (c); int cgoc_value = (10); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 16}); }
    { cgo_chan *cgoc_c = (c); int cgoc_value = (20); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 17}); }
    cgo_chan_close_at(c, &(const cgo_site){"testdata/comma_ok.gc", 18});

    int x = -1;
    bool ok = false;
    { int cgoc_value; bool cgoc_ok = cgo_chan_recv_at(c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 22}); x = cgoc_value; ok = cgoc_ok; }
    printf("%d %d\n", x, ok);

    int iok = 5;                         /* any lvalue a bool converts to */
    { int cgoc_value; bool cgoc_ok = cgo_chan_recv_at(c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 26}); x = cgoc_value; iok = cgoc_ok; }
    printf("%d %d\n", x, iok);

    { int cgoc_value; bool cgoc_ok = cgo_chan_recv_at(c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 29}); x = cgoc_value; ok = cgoc_ok; }                         /* closed and drained */
    printf("%d %d\n", x, ok);

    struct result r = {99, true};
    { int cgoc_value; bool cgoc_ok = cgo_chan_recv_at(c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 33}); r.value = cgoc_value; r.ok = cgoc_ok; }
    printf("struct: %d %d\n", r.value, r.ok);

    cgoc_chan d = cgo_chan_make_at(sizeof(double), (1), &(const cgo_site){"testdata/comma_ok.gc", 36});
    double vals[2] = {0};
    bool oks[2] = {false, false};
    double *pv = &vals[1];
    { cgo_chan *cgoc_c = (d); double cgoc_value = (2.5); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 40}); }
    { double cgoc_value; bool cgoc_ok = cgo_chan_recv_at(d, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 41}); *pv = cgoc_value; oks[1] = cgoc_ok; }
    printf("array: %.1f %.1f %d %d\n", vals[0], vals[1], oks[0], oks[1]);

    /* from a goroutine: ok is true while values flow */
    cgoc_chan words = cgo_chan_make_at(sizeof(const char *), 0, &(const cgo_site){"testdata/comma_ok.gc", 45});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {
#line 47 "testdata/comma_ok.gc"
        words}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 50 "testdata/comma_ok.gc"
     
    const char *w = "unset";
    for (;;) {
        { const char *cgoc_value; bool cgoc_ok = cgo_chan_recv_at(words, &cgoc_value, &(const cgo_site){"testdata/comma_ok.gc", 53}); w = cgoc_value; ok = cgoc_ok; }
        if (!ok)
            break;
        printf("word: %s\n", w);
    }
    printf("done: %d %s\n", ok, w == NULL ? "NULL" : w);

    cgo_chan_free_at(c, &(const cgo_site){"testdata/comma_ok.gc", 60});
    cgo_chan_free_at(d, &(const cgo_site){"testdata/comma_ok.gc", 61});
    cgo_chan_free_at(words, &(const cgo_site){"testdata/comma_ok.gc", 62});
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
