#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/mixed_neighbours.gc"
/* A dialect file with the tricky plain-C neighbours: POSIX select(nfds,
 * ...) next to a select statement, close/free/len/cap on channels and on
 * plain C values in the same function, a variable named len, a function
 * named make, and x<-1 inside an expression as the comparison x < -1 next
 * to a send statement. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static int area(int len, int width)     /* a parameter named len */
{
    int cap = len * width;              /* a variable named cap */
    return cap;
}

static int posix_wait(int fd)
{
    fd_set r;
    FD_ZERO(&r);
    FD_SET(fd, &r);
    struct timeval tv = {2, 0};
    return select(fd + 1, &r, NULL, NULL, &tv);     /* POSIX select */
}

struct cgoc_go_1 {
    int fds[2];
    cgoc_chan ready;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/mixed_neighbours.gc", 34};
static void cgoc_go_1(void *cgoc_args)
#line 34 "testdata/mixed_neighbours.gc"
       { struct cgoc_go_1 cgoc_env = *(struct cgoc_go_1 *)cgoc_args;
        char b = 'k';
        if (write(cgoc_env.fds[1], &b, 1) == 1)
            { cgo_chan *cgoc_c = (cgoc_env.ready); int cgoc_value = (posix_wait(cgoc_env.fds[0])); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/mixed_neighbours.gc", 37}); }
        else
            { cgo_chan *cgoc_c = (cgoc_env.ready); int cgoc_value = (-1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/mixed_neighbours.gc", 39}); }
    }
static inline int cgoc_recv_2(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 28 "testdata/mixed_neighbours.gc"
int cgoc_main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    cgoc_chan ready = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/mixed_neighbours.gc", 33});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {{0}, 
#line 37 "testdata/mixed_neighbours.gc"
            ready}; for (size_t cgoc_i = 0; cgoc_i < sizeof cgoc_args.fds; cgoc_i++) ((unsigned char *)cgoc_args.fds)[cgoc_i] = ((const unsigned char *)
#line 36 "testdata/mixed_neighbours.gc"
                  fds)[cgoc_i]; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
#line 40 "testdata/mixed_neighbours.gc"
     
    { cgo_select_case cgoc_cases[1]; int cgoc_value0; cgoc_cases[0].chan = (
#line 42 "testdata/mixed_neighbours.gc"
                   ready); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL;  cgo_chan_recv_at(cgoc_cases[0].chan, cgoc_cases[0].elem, &(const cgo_site){"testdata/mixed_neighbours.gc", 41}); int cgoc_chosen = 0; switch (cgoc_chosen) { case 0: { int n = cgoc_value0;
        printf("posix select saw %d ready\n", n); } break; } }
#line 44 "testdata/mixed_neighbours.gc"
     
    char got = 0;
    if (read(fds[0], &got, 1) == 1)
        printf("read %c\n", got);
    close(fds[0]);                      /* C close on an int */
    close(fds[1]);
    cgo_chan_close_at(ready, &(const cgo_site){"testdata/mixed_neighbours.gc", 50});                       /* the builtin on a channel */
    int zero = cgoc_recv_2(ready, &(const cgo_site){"testdata/mixed_neighbours.gc", 51});
    printf("closed channel gives %d\n", zero);

    int *p = malloc(4 * sizeof *p);
    if (!p)
        return 1;
    cgoc_chan buf = cgo_chan_make_at(sizeof(int), (4), &(const cgo_site){"testdata/mixed_neighbours.gc", 57});
    { cgo_chan *cgoc_c = (buf); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/mixed_neighbours.gc", 58}); }
    printf("len/cap builtins: %d %d, area %d\n", cgo_chan_len(buf), cgo_chan_cap(buf), area(3, 4));
    free(p);                            /* C free */
    cgo_chan_free_at(buf, &(const cgo_site){"testdata/mixed_neighbours.gc", 61});                          /* the builtin */
    cgo_chan_free_at(ready, &(const cgo_site){"testdata/mixed_neighbours.gc", 62});

    int x = 0, y = -5;
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/mixed_neighbours.gc", 65});
    if (x<-1)                           /* comparison: 0 < -1 is false */
        printf("wrong\n");
    if (y<-1)                           /* -5 < -1 is true */
        printf("y<-1 is a comparison\n");
    int flag = x<-1 || y<-1;
    { cgo_chan *cgoc_c = (c); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/mixed_neighbours.gc", 71}); }                             /* at statement start: a send */
    printf("flag %d, received %d\n", flag, cgoc_recv_2(c, &(const cgo_site){"testdata/mixed_neighbours.gc", 72}));
    cgo_chan_free_at(c, &(const cgo_site){"testdata/mixed_neighbours.gc", 73});
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
