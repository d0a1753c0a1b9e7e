#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/chan_types.gc"
/* Channel types in every position: variables, typedefs, struct fields,
 * parameters, return types, arrays, casts, sizeof, channels of channels,
 * chan(T) with a declarator, directional conversions, comparisons, and the
 * nil channel (a zero-initialised file-scope channel). */
#include <stdio.h>

struct job {
    int id;
    const char *what;
};

typedef cgoc_chan intch;                 /* typedef of a channel type */
typedef cgoc_chan intrecv;
typedef cgoc_chan intsend;

struct pipe {                           /* channel struct fields */
    cgoc_chan in;
    cgoc_chan out;
    cgoc_chan done;
    cgoc_chan jobs;
};

static cgoc_chan nilch;                  /* file scope: the nil channel */
static cgoc_chan globals[2];            /* file-scope array of channels */

static intch make_int_chan(int n)       /* return type via typedef */
{
    return cgo_chan_make_at(sizeof(int), (n), &(const cgo_site){"testdata/chan_types.gc", 28});
}

static cgoc_chan as_recv(cgoc_chan c)   /* directional return type */
{
    return c;                           /* chan T -> <-chan T */
}

#line 36 "testdata/chan_types.gc"
static int sum_two(intrecv c)           /* typedef'd parameter */;
static inline int cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 36 "testdata/chan_types.gc"
static int sum_two(intrecv c)           /* typedef'd parameter */
{
    int a = cgoc_recv_1(c, &(const cgo_site){"testdata/chan_types.gc", 38});
    int b = cgoc_recv_1(c, &(const cgo_site){"testdata/chan_types.gc", 39});
    return a + b;
}

static void fill(cgoc_chan out, int a, int b)
{
    { cgo_chan *cgoc_c = (out); int cgoc_value = (a); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 45}); }
    { cgo_chan *cgoc_c = (out); int cgoc_value = (b); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 46}); }
}

static inline unsigned long cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    unsigned long cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline struct job cgoc_recv_3(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    struct job cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline struct job *cgoc_recv_4(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    struct job *cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline const char *cgoc_recv_5(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    const char *cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline cgoc_chan cgoc_recv_6(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    cgoc_chan cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline long cgoc_recv_7(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    long cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 49 "testdata/chan_types.gc"
int cgoc_main(void)
{
    /* variables of every direction, with keyword element types */
    cgoc_chan ul = cgo_chan_make_at(sizeof(unsigned long), (1), &(const cgo_site){"testdata/chan_types.gc", 52});
    cgoc_chan sj = cgo_chan_make_at(sizeof(struct job), (1), &(const cgo_site){"testdata/chan_types.gc", 53});
    cgoc_chan pj = cgo_chan_make_at(sizeof(struct job *), (1), &(const cgo_site){"testdata/chan_types.gc", 54});
    cgoc_chan names = cgo_chan_make_at(sizeof(const char *), (2), &(const cgo_site){"testdata/chan_types.gc", 55});
    cgoc_chan cc = cgo_chan_make_at(sizeof(cgoc_chan), (1), &(const cgo_site){"testdata/chan_types.gc", 56});
    intch ic = make_int_chan(2);

    { cgo_chan *cgoc_c = (ul); unsigned long cgoc_value = (4000000000UL); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 59}); }
    printf("ul: %lu\n", cgoc_recv_2(ul, &(const cgo_site){"testdata/chan_types.gc", 60}));

    struct job j = {7, "seven"};
    { cgo_chan *cgoc_c = (sj); struct job cgoc_value = (j); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 63}); }
    struct job got = cgoc_recv_3(sj, &(const cgo_site){"testdata/chan_types.gc", 64});
    printf("job: %d %s\n", got.id, got.what);

    { cgo_chan *cgoc_c = (pj); struct job *cgoc_value = (&j); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 67}); }
    struct job *jp = cgoc_recv_4(pj, &(const cgo_site){"testdata/chan_types.gc", 68});
    printf("job ptr same: %d\n", jp == &j);

    { cgo_chan *cgoc_c = (names); const char *cgoc_value = ("ada"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 71}); }
    { cgo_chan *cgoc_c = (names); const char *cgoc_value = ("grace"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 72}); }
    const char *n1 = cgoc_recv_5(names, &(const cgo_site){"testdata/chan_types.gc", 73});
    printf("names: %s %s\n", n1, cgoc_recv_5(names, &(const cgo_site){"testdata/chan_types.gc", 74}));

    /* chan chan int */
    { cgo_chan *cgoc_c = (cc); cgoc_chan cgoc_value = (ic); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 77}); }
    intch back = cgoc_recv_6(cc, &(const cgo_site){"testdata/chan_types.gc", 78});
    printf("chan chan same: %d\n", back == ic);

    /* directional conversions: chan T -> chan<- T, chan T -> <-chan T */
    fill(ic, 20, 22);
    printf("sum_two: %d\n", sum_two(ic));
    intsend s = ic;
    { cgo_chan *cgoc_c = (s); int cgoc_value = (5); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 85}); }
    intrecv r = as_recv(ic);
    printf("via recv-only: %d\n", cgoc_recv_1(r, &(const cgo_site){"testdata/chan_types.gc", 87}));

    /* struct fields */
    struct pipe p = {.in = ic, .out = ic, .done = ic, .jobs = pj};
    { cgo_chan *cgoc_c = (p.out); int cgoc_value = (11); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 91}); }
    printf("field: %d\n", cgoc_recv_1(p.in, &(const cgo_site){"testdata/chan_types.gc", 92}));
    { cgo_chan *cgoc_c = (p.jobs); struct job *cgoc_value = (&j); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 93}); }
    printf("field jobs: %s\n", (cgoc_recv_4(p.jobs, &(const cgo_site){"testdata/chan_types.gc", 94}))->what);

    /* arrays of channels */
    cgoc_chan arr[3];
    for (int i = 0; i < 3; i++)
        arr[i] = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/chan_types.gc", 99});
    for (int i = 0; i < 3; i++)
        { cgo_chan *cgoc_c = (arr[i]); int cgoc_value = (i * 10); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 101}); }
    printf("array: %d %d %d\n", cgoc_recv_1(arr[2], &(const cgo_site){"testdata/chan_types.gc", 102}), cgoc_recv_1(arr[1], &(const cgo_site){"testdata/chan_types.gc", 102}), cgoc_recv_1(arr[0], &(const cgo_site){"testdata/chan_types.gc", 102}));
    globals[1] = cgo_chan_make_at(sizeof(long), (1), &(const cgo_site){"testdata/chan_types.gc", 103});
    { cgo_chan *cgoc_c = (globals[1]); long cgoc_value = (99L); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/chan_types.gc", 104}); }
    printf("global array: %ld\n", cgoc_recv_7(globals[1], &(const cgo_site){"testdata/chan_types.gc", 105}));

    /* casts and sizeof */
    cgoc_chan viacast = (cgoc_chan)ic;
    cgoc_chan rcast = (cgoc_chan)ic;
    printf("cast same: %d %d\n", viacast == ic, rcast == ic);
    printf("sizeof(chan int) == sizeof(void *): %d\n", sizeof(cgoc_chan) == sizeof(void *));
    printf("sizeof ic == sizeof(chan(struct job *)): %d\n",
           sizeof ic == sizeof(cgoc_chan));

    /* comparisons and the nil channel */
    printf("nil: %d %d %d\n", nilch == NULL, ic != NULL, nilch != ic);
    printf("nil len/cap: %d %d\n", cgo_chan_len(nilch), cgo_chan_cap(nilch));
    cgoc_chan local_nil = NULL;
    printf("local nil: %d\n", local_nil == nilch);

    for (int i = 0; i < 3; i++)
        cgo_chan_free_at(arr[i], &(const cgo_site){"testdata/chan_types.gc", 122});
    cgo_chan_free_at(globals[1], &(const cgo_site){"testdata/chan_types.gc", 123});
    cgo_chan_free_at(ul, &(const cgo_site){"testdata/chan_types.gc", 124});
    cgo_chan_free_at(sj, &(const cgo_site){"testdata/chan_types.gc", 125});
    cgo_chan_free_at(pj, &(const cgo_site){"testdata/chan_types.gc", 126});
    cgo_chan_free_at(names, &(const cgo_site){"testdata/chan_types.gc", 127});
    cgo_chan_free_at(cc, &(const cgo_site){"testdata/chan_types.gc", 128});
    cgo_chan_free_at(ic, &(const cgo_site){"testdata/chan_types.gc", 129});
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
