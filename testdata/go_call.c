#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/go_call.gc"
/* go CALL: the callee and the arguments are evaluated in the calling
 * goroutine at the go statement (so later changes do not matter),
 * converted to the parameter types, then the call runs in a new goroutine
 * and its result is discarded. Plain functions, function pointers (also
 * through a struct and an array), a variadic call (printf), builtins. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static cgoc_chan done;

static void report(int id, double scale, const char *tag)
{
    printf("report %d %.2f %s\n", id, scale, tag);
    { cgo_chan *cgoc_c = (done); int cgoc_value = (id); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_call.gc", 15}); }
}

static int compute(int v)
{
    { cgo_chan *cgoc_c = (done); int cgoc_value = (v * v); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_call.gc", 20}); }
    return v;                           /* discarded */
}

struct ops {
    void (*fn)(int, double, const char *);
};

static void say(cgoc_chan ack, int id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    { cgo_chan *cgoc_c = (ack); int cgoc_value = (id); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/go_call.gc", 35}); }
}

static int counter;

static int next_id(void)
{
    return ++counter;
}

struct cgoc_go_1 {
    int a0;
    double a1;
    const char *a2;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/go_call.gc", 50};
static void cgoc_go_1(void *cgoc_args)
{
    struct cgoc_go_1 *cgoc_a = cgoc_args;
    report(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
static inline int cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
struct cgoc_go_3 {
    int a0;
};
_Static_assert(_Alignof(struct cgoc_go_3) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_3 = {"testdata/go_call.gc", 54};
static void cgoc_go_3(void *cgoc_args)
{
    struct cgoc_go_3 *cgoc_a = cgoc_args;
    compute(cgoc_a->a0);
}
struct cgoc_go_4 {
    void (*cgoc_fn)(int, double, const char *);
    int a0;
    double a1;
    const char *a2;
};
_Static_assert(_Alignof(struct cgoc_go_4) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_4 = {"testdata/go_call.gc", 58};
static void cgoc_go_4(void *cgoc_args)
{
    struct cgoc_go_4 *cgoc_a = cgoc_args;
    cgoc_a->cgoc_fn(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
struct cgoc_go_5 {
    void (*cgoc_fn)(int, double, const char *);
    int a0;
    double a1;
    const char *a2;
};
_Static_assert(_Alignof(struct cgoc_go_5) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_5 = {"testdata/go_call.gc", 61};
static void cgoc_go_5(void *cgoc_args)
{
    struct cgoc_go_5 *cgoc_a = cgoc_args;
    cgoc_a->cgoc_fn(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
struct cgoc_go_6 {
    void (*cgoc_fn)(int, double, const char *);
    int a0;
    double a1;
    const char *a2;
};
_Static_assert(_Alignof(struct cgoc_go_6) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_6 = {"testdata/go_call.gc", 66};
static void cgoc_go_6(void *cgoc_args)
{
    struct cgoc_go_6 *cgoc_a = cgoc_args;
    cgoc_a->cgoc_fn(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
struct cgoc_go_7 {
    void (*cgoc_fn)(int, double, const char *);
    int a0;
    double a1;
    const char *a2;
};
_Static_assert(_Alignof(struct cgoc_go_7) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_7 = {"testdata/go_call.gc", 71};
static void cgoc_go_7(void *cgoc_args)
{
    struct cgoc_go_7 *cgoc_a = cgoc_args;
    cgoc_a->cgoc_fn(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
struct cgoc_go_8 {
    int a0;
    double a1;
    const char *a2;
};
_Static_assert(_Alignof(struct cgoc_go_8) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_8 = {"testdata/go_call.gc", 75};
static void cgoc_go_8(void *cgoc_args)
{
    struct cgoc_go_8 *cgoc_a = cgoc_args;
    report(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2);
}
struct cgoc_go_9 {
    cgoc_chan a0;
    int a1;
    const char *a2;
    char *a3;
    int a4;
    double a5;
    int a6;
};
_Static_assert(_Alignof(struct cgoc_go_9) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_9 = {"testdata/go_call.gc", 83};
static void cgoc_go_9(void *cgoc_args)
{
    struct cgoc_go_9 *cgoc_a = cgoc_args;
    say(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2, cgoc_a->a3, cgoc_a->a4, cgoc_a->a5, cgoc_a->a6);
}
struct cgoc_go_10 {
    cgo_chan *a0;
};
_Static_assert(_Alignof(struct cgoc_go_10) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_10 = {"testdata/go_call.gc", 87};
static void cgoc_go_10(void *cgoc_args)
{
    struct cgoc_go_10 *cgoc_a = cgoc_args;
    cgo_chan_close_at(cgoc_a->a0, &cgoc_site_10);
}
static inline _Bool cgoc_recv_11(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    _Bool cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
struct cgoc_go_12 {
    const char *a0;
    char *a1;
    int a2;
    double a3;
    int a4;
};
_Static_assert(_Alignof(struct cgoc_go_12) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_12 = {"testdata/go_call.gc", 93};
static void cgoc_go_12(void *cgoc_args)
{
    struct cgoc_go_12 *cgoc_a = cgoc_args;
    printf(cgoc_a->a0, cgoc_a->a1, cgoc_a->a2, cgoc_a->a3, cgoc_a->a4);
}
#line 45 "testdata/go_call.gc"
int cgoc_main(void)
{
    done = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/go_call.gc", 47});

    int i = 1;
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {(i), (3), ("int converted to double")}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
    i = 100;                            /* too late: the argument was copied */
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 52}));

    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_3) struct cgoc_go_3 cgoc_args = {(7)}; cgo_go_at(cgoc_go_3, &cgoc_args, sizeof cgoc_args, &cgoc_site_3); }
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 55}));

    void (*fp)(int, double, const char *) = report;
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_4) struct cgoc_go_4 cgoc_args = {(fp), (2), (0.5), ("function pointer")}; cgo_go_at(cgoc_go_4, &cgoc_args, sizeof cgoc_args, &cgoc_site_4); }
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 59}));

    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_5) struct cgoc_go_5 cgoc_args = {((*fp)), (3), (1.25), ("dereferenced pointer")}; cgo_go_at(cgoc_go_5, &cgoc_args, sizeof cgoc_args, &cgoc_site_5); }
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 62}));

    struct ops ops = {report};
    struct ops *po = &ops;
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_6) struct cgoc_go_6 cgoc_args = {(po->fn), (4), (2), ("through a struct")}; cgo_go_at(cgoc_go_6, &cgoc_args, sizeof cgoc_args, &cgoc_site_6); }
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 67}));

    void (*table[2])(int, double, const char *) = {report, report};
    int k = 1;
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_7) struct cgoc_go_7 cgoc_args = {(table[k]), (5), (4.5), ("from an array")}; cgo_go_at(cgoc_go_7, &cgoc_args, sizeof cgoc_args, &cgoc_site_7); }
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 72}));

    /* arguments are evaluated once, in the caller, before the goroutine */
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_8) struct cgoc_go_8 cgoc_args = {(next_id()), (1), ("evaluated now")}; cgo_go_at(cgoc_go_8, &cgoc_args, sizeof cgoc_args, &cgoc_site_8); }
    int seen = counter;                 /* next_id() already ran, here */
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 77}));
    printf("counter right after the go statement: %d\n", seen);

    /* variadic calls: the default argument promotions apply */
    float f = 1.5f;
    short sh = 7;
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_9) struct cgoc_go_9 cgoc_args = {(done), (6), ("%s %d %.1f %d"), ("say"), (42), (f), (sh)}; cgo_go_at(cgoc_go_9, &cgoc_args, sizeof cgoc_args, &cgoc_site_9); }
    printf("got %d\n", cgoc_recv_2(done, &(const cgo_site){"testdata/go_call.gc", 84}));

    cgoc_chan closed = cgo_chan_make_at(sizeof(bool), 0, &(const cgo_site){"testdata/go_call.gc", 86});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_10) struct cgoc_go_10 cgoc_args = {(closed)}; cgo_go_at(cgoc_go_10, &cgoc_args, sizeof cgoc_args, &cgoc_site_10); }                   /* a builtin is an ordinary call for go */
    bool zero = cgoc_recv_11(closed, &(const cgo_site){"testdata/go_call.gc", 88});
    printf("closed by a goroutine: %d\n", zero);

    /* printf itself, run as a goroutine; main waits until it is the only
     * goroutine left, so the line is printed before main returns */
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_12) struct cgoc_go_12 cgoc_args = {("%s %d %.1f %c\n"), ("printf"), (8), (f), ('x')}; cgo_go_at(cgoc_go_12, &cgoc_args, sizeof cgoc_args, &cgoc_site_12); }
    while (cgo_num_goroutine() > 1)
        cgo_yield();

    cgo_chan_free_at(done, &(const cgo_site){"testdata/go_call.gc", 97});
    cgo_chan_free_at(closed, &(const cgo_site){"testdata/go_call.gc", 98});
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
