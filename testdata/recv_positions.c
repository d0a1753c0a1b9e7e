#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/recv_positions.gc"
/* Receive expressions in many expression positions. Each receive runs
 * exactly when C evaluates its operand: in `a && <-c` and `f ? <-x : <-y`
 * only the evaluated side receives (the lengths printed show it). */
#include <stdbool.h>
#include <stdio.h>

struct person {
    const char *name;
    int age;
};

static int add(int a, int b)
{
    return a + b;
}

static int show(int v)
{
    printf("show(%d)\n", v);
    return v;
}

#line 23 "testdata/recv_positions.gc"
static int next(cgoc_chan c);
static inline int cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 23 "testdata/recv_positions.gc"
static int next(cgoc_chan c)
{
    return cgoc_recv_1(c, &(const cgo_site){"testdata/recv_positions.gc", 25});                          /* return operand */
}

static cgoc_chan source;

static cgoc_chan get_source(void)
{
    return source;
}

static inline struct person cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    struct person cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline _Bool cgoc_recv_3(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    _Bool cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline cgoc_chan cgoc_recv_4(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    cgoc_chan cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 35 "testdata/recv_positions.gc"
int cgoc_main(void)
{
    cgoc_chan a = cgo_chan_make_at(sizeof(int), (16), &(const cgo_site){"testdata/recv_positions.gc", 37});
    cgoc_chan people = cgo_chan_make_at(sizeof(struct person), (2), &(const cgo_site){"testdata/recv_positions.gc", 38});
    cgoc_chan flags = cgo_chan_make_at(sizeof(bool), (4), &(const cgo_site){"testdata/recv_positions.gc", 39});
    source = cgo_chan_make_at(sizeof(int), (4), &(const cgo_site){"testdata/recv_positions.gc", 40});

    { cgo_chan *cgoc_c = (a); int cgoc_value = (5); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 42}); }
    show(cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 43}));                           /* call argument */
    { cgo_chan *cgoc_c = (a); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 44}); }
    { cgo_chan *cgoc_c = (a); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 45}); }
    printf("add: %d\n", add(cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 46}), 10));
    printf("next: %d\n", next(a));

    struct person ada = {"Ada", 36};
    { cgo_chan *cgoc_c = (people); struct person cgoc_value = (ada); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 50}); }
    printf("name: %s\n", (cgoc_recv_2(people, &(const cgo_site){"testdata/recv_positions.gc", 51})).name);      /* member of a receive */
    { cgo_chan *cgoc_c = (people); struct person cgoc_value = (ada); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 52}); }
    int age = (cgoc_recv_2(people, &(const cgo_site){"testdata/recv_positions.gc", 53})).age;
    printf("age: %d\n", age);

    int x = 100;
    { cgo_chan *cgoc_c = (a); int cgoc_value = (7); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 57}); }
    x += cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 58});                            /* compound assignment */
    { cgo_chan *cgoc_c = (a); int cgoc_value = (3); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 59}); }
    x -= cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 60}) * 2;                        /* operand of a binary operator */
    printf("x: %d\n", x);

    /* short-circuit: only the evaluated side receives */
    { cgo_chan *cgoc_c = (flags); _Bool cgoc_value = (false); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 64}); }
    { cgo_chan *cgoc_c = (flags); _Bool cgoc_value = (true); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 65}); }
    bool f = false;
    if (f && cgoc_recv_3(flags, &(const cgo_site){"testdata/recv_positions.gc", 67}))
        printf("not reached\n");
    printf("after f && <-flags: len %d\n", cgo_chan_len(flags));
    if (!f || cgoc_recv_3(flags, &(const cgo_site){"testdata/recv_positions.gc", 70}))
        printf("after !f || <-flags: len %d\n", cgo_chan_len(flags));
    if (cgoc_recv_3(flags, &(const cgo_site){"testdata/recv_positions.gc", 72}) && cgoc_recv_3(flags, &(const cgo_site){"testdata/recv_positions.gc", 72}))
        printf("not reached either\n");
    printf("after <-flags && <-flags: len %d\n", cgo_chan_len(flags));

    /* conditional operator: only the chosen branch receives */
    cgoc_chan left = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/recv_positions.gc", 77}), right = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/recv_positions.gc", 77});
    { cgo_chan *cgoc_c = (left); int cgoc_value = (111); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 78}); }
    { cgo_chan *cgoc_c = (right); int cgoc_value = (222); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 79}); }
    int pick = 1 ? cgoc_recv_1(left, &(const cgo_site){"testdata/recv_positions.gc", 80}) : cgoc_recv_1(right, &(const cgo_site){"testdata/recv_positions.gc", 80});
    printf("ternary: %d, left len %d, right len %d\n", pick, cgo_chan_len(left), cgo_chan_len(right));
    int pick2 = x > 1000 ? cgoc_recv_1(left, &(const cgo_site){"testdata/recv_positions.gc", 82}) : cgoc_recv_1(right, &(const cgo_site){"testdata/recv_positions.gc", 82});
    printf("ternary 2: %d, right len %d\n", pick2, cgo_chan_len(right));

    /* array index, unary operators, casts, initializers, comma */
    int table[4] = {10, 20, 30, 40};
    { cgo_chan *cgoc_c = (a); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 87}); }
    printf("table[<-a]: %d\n", table[cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 88})]);
    { cgo_chan *cgoc_c = (a); int cgoc_value = (9); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 89}); }
    printf("negated: %d\n", -cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 90}));
    { cgo_chan *cgoc_c = (a); int cgoc_value = (0); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 91}); }
    printf("not: %d\n", !cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 92}));
    { cgo_chan *cgoc_c = (a); int cgoc_value = (65); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 93}); }
    printf("cast: %c\n", (char)cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 94}));
    { cgo_chan *cgoc_c = (left); int cgoc_value = (4); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 95}); }
    { cgo_chan *cgoc_c = (right); int cgoc_value = (6); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 96}); }
    int pair[2] = {cgoc_recv_1(left, &(const cgo_site){"testdata/recv_positions.gc", 97}), cgoc_recv_1(right, &(const cgo_site){"testdata/recv_positions.gc", 97})};     /* initializer list */
    printf("pair: %d %d\n", pair[0], pair[1]);
    { cgo_chan *cgoc_c = (a); int cgoc_value = (8); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 99}); }
    int comma = (show(1), cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 100}));
    printf("comma: %d\n", comma);

    /* conditions of if / while / switch / for */
    { cgo_chan *cgoc_c = (a); int cgoc_value = (3); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 104}); }
    switch (cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 105})) {
    case 3:
        printf("switch: three\n");
        break;
    default:
        printf("switch: other\n");
    }
    for (int i = 1; i <= 3; i++)
        { cgo_chan *cgoc_c = (a); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 113}); }
    { cgo_chan *cgoc_c = (a); int cgoc_value = (0); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 114}); }
    int count = 0;
    while (cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 116}))
        count++;
    printf("while: %d\n", count);
    { cgo_chan *cgoc_c = (a); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 119}); }
    for (int i = cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 120}); i > 0; i--)
        printf("for: %d\n", i);

    /* receive from a channel given by a call, and from a channel received */
    { cgo_chan *cgoc_c = (source); int cgoc_value = (77); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 124}); }
    printf("call operand: %d\n", cgoc_recv_1(get_source(), &(const cgo_site){"testdata/recv_positions.gc", 125}));
    cgoc_chan cc = cgo_chan_make_at(sizeof(cgoc_chan), (1), &(const cgo_site){"testdata/recv_positions.gc", 126});
    { cgo_chan *cgoc_c = (cc); cgoc_chan cgoc_value = (a); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 127}); }
    { cgo_chan *cgoc_c = (a); int cgoc_value = (55); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 128}); }
    printf("double receive: %d\n", cgoc_recv_1(cgoc_recv_4(cc, &(const cgo_site){"testdata/recv_positions.gc", 129}), &(const cgo_site){"testdata/recv_positions.gc", 129}));
    { cgo_chan *cgoc_c = (a); int cgoc_value = (12); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/recv_positions.gc", 130}); }
    printf("parenthesised: %d\n", (cgoc_recv_1(a, &(const cgo_site){"testdata/recv_positions.gc", 131})) + 1);

    cgo_chan_free_at(a, &(const cgo_site){"testdata/recv_positions.gc", 133});
    cgo_chan_free_at(people, &(const cgo_site){"testdata/recv_positions.gc", 134});
    cgo_chan_free_at(flags, &(const cgo_site){"testdata/recv_positions.gc", 135});
    cgo_chan_free_at(left, &(const cgo_site){"testdata/recv_positions.gc", 136});
    cgo_chan_free_at(right, &(const cgo_site){"testdata/recv_positions.gc", 137});
    cgo_chan_free_at(source, &(const cgo_site){"testdata/recv_positions.gc", 138});
    cgo_chan_free_at(cc, &(const cgo_site){"testdata/recv_positions.gc", 139});
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
