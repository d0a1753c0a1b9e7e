#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/make_len_cap.gc"
/* make with and without a capacity (any integer expression), len and cap
 * on buffered, unbuffered and nil channels, free; the values a closed,
 * drained channel yields (the element type's zero value). */
#include <stdio.h>

struct point {
    int x, y;
};

static int capacity(void)
{
    return 3;
}

static inline struct point cgoc_recv_1(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    struct point cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline char *cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    char *cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
static inline double cgoc_recv_3(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    double cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 15 "testdata/make_len_cap.gc"
int cgoc_main(void)
{
    int n = 2;
    cgoc_chan unbuf = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/make_len_cap.gc", 18});
    cgoc_chan buf = cgo_chan_make_at(sizeof(int), (n * 2 + 1), &(const cgo_site){"testdata/make_len_cap.gc", 19});
    cgoc_chan q = cgo_chan_make_at(sizeof(char *), (capacity()), &(const cgo_site){"testdata/make_len_cap.gc", 20});
    cgoc_chan pts = cgo_chan_make_at(sizeof(struct point), ((size_t)4), &(const cgo_site){"testdata/make_len_cap.gc", 21});
    cgoc_chan d = cgo_chan_make_at(sizeof(double), (0), &(const cgo_site){"testdata/make_len_cap.gc", 22});

    printf("unbuf: len %d cap %d\n", cgo_chan_len(unbuf), cgo_chan_cap(unbuf));
    printf("buf: len %d cap %d\n", cgo_chan_len(buf), cgo_chan_cap(buf));
    printf("q: cap %d, d: cap %d\n", cgo_chan_cap(q), cgo_chan_cap(d));

    { cgo_chan *cgoc_c = (buf); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/make_len_cap.gc", 28}); }
    { cgo_chan *cgoc_c = (buf); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/make_len_cap.gc", 29}); }
    { cgo_chan *cgoc_c = (buf); int cgoc_value = (3); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/make_len_cap.gc", 30}); }
    printf("buf after 3 sends: len %d cap %d\n", cgo_chan_len(buf), cgo_chan_cap(buf));
    cgo_chan_recv_at(buf, NULL, &(const cgo_site){"testdata/make_len_cap.gc", 32});
    printf("buf after 1 receive: len %d\n", cgo_chan_len(buf));

    int total = cgo_chan_len(buf) + cgo_chan_cap(buf);    /* the builtins are int expressions */
    printf("len + cap = %d\n", total);

    struct point p = {3, 4};
    { cgo_chan *cgoc_c = (pts); struct point cgoc_value = (p); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/make_len_cap.gc", 39}); }
    p.x = 30;
    { cgo_chan *cgoc_c = (pts); struct point cgoc_value = (p); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/make_len_cap.gc", 41}); }
    cgo_chan_close_at(pts, &(const cgo_site){"testdata/make_len_cap.gc", 42});
    struct point a = cgoc_recv_1(pts, &(const cgo_site){"testdata/make_len_cap.gc", 43}), b = cgoc_recv_1(pts, &(const cgo_site){"testdata/make_len_cap.gc", 43}), z = cgoc_recv_1(pts, &(const cgo_site){"testdata/make_len_cap.gc", 43});   /* the third: closed, drained */
    printf("points: (%d,%d) (%d,%d) zero (%d,%d)\n", a.x, a.y, b.x, b.y, z.x, z.y);

    cgo_chan_close_at(q, &(const cgo_site){"testdata/make_len_cap.gc", 46});
    char *s = cgoc_recv_2(q, &(const cgo_site){"testdata/make_len_cap.gc", 47});
    printf("closed chan(char *) yields NULL: %d\n", s == NULL);
    cgo_chan_close_at(d, &(const cgo_site){"testdata/make_len_cap.gc", 49});
    printf("closed chan double yields %.1f\n", cgoc_recv_3(d, &(const cgo_site){"testdata/make_len_cap.gc", 50}));

    cgo_chan_free_at(unbuf, &(const cgo_site){"testdata/make_len_cap.gc", 52});
    cgo_chan_free_at(buf, &(const cgo_site){"testdata/make_len_cap.gc", 53});
    cgo_chan_free_at(q, &(const cgo_site){"testdata/make_len_cap.gc", 54});
    cgo_chan_free_at(pts, &(const cgo_site){"testdata/make_len_cap.gc", 55});
    cgo_chan_free_at(d, &(const cgo_site){"testdata/make_len_cap.gc", 56});
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
