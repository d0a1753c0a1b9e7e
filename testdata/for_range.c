#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/for_range.gc"
/* for (T v : ch): receives until the channel is closed and drained. Value
 * and pointer declarators, struct elements, break and continue inside the
 * loop, an empty closed channel, a receive-only parameter, and nesting. */
#include <stdio.h>

struct item {
    int id;
    const char *name;
};

static void produce(cgoc_chan out, int n)
{
    for (int i = 1; i <= n; i++)
        { cgo_chan *cgoc_c = (out); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 14}); }
    cgo_chan_close_at(out, &(const cgo_site){"testdata/for_range.gc", 15});
}

static int total(cgoc_chan in)
{
    int sum = 0;
    for (cgo_chan *cgoc_range = (in);;) {int v; if (!cgo_chan_recv_at(cgoc_range, &v, &(const cgo_site){"testdata/for_range.gc", 21})) break; 
#line 22 "testdata/for_range.gc"
        sum += v; }
    return sum;
}

struct cgoc_go_1 {
    cgoc_chan a0;
    int a1;
};
_Static_assert(_Alignof(struct cgoc_go_1) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_1 = {"testdata/for_range.gc", 29};
static void cgoc_go_1(void *cgoc_args)
{
    struct cgoc_go_1 *cgoc_a = cgoc_args;
    produce(cgoc_a->a0, cgoc_a->a1);
}
#line 26 "testdata/for_range.gc"
int cgoc_main(void)
{
    cgoc_chan nums = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/for_range.gc", 28});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_1) struct cgoc_go_1 cgoc_args = {(nums), (10)}; cgo_go_at(cgoc_go_1, &cgoc_args, sizeof cgoc_args, &cgoc_site_1); }
    printf("total: %d\n", total(nums));

    cgoc_chan items = cgo_chan_make_at(sizeof(struct item), (3), &(const cgo_site){"testdata/for_range.gc", 32});
    { cgo_chan *cgoc_c = (items); struct item cgoc_value = ((struct item){1, "one"}); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 33}); }
    { cgo_chan *cgoc_c = (items); struct item cgoc_value = ((struct item){2, "two"}); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 34}); }
    { cgo_chan *cgoc_c = (items); struct item cgoc_value = ((struct item){3, "three"}); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 35}); }
    cgo_chan_close_at(items, &(const cgo_site){"testdata/for_range.gc", 36});
    for (cgo_chan *cgoc_range = (items);;) {struct item it; if (!cgo_chan_recv_at(cgoc_range, &it, &(const cgo_site){"testdata/for_range.gc", 37})) break; 
#line 38 "testdata/for_range.gc"
        printf("item %d %s\n", it.id, it.name); }

    cgoc_chan names = cgo_chan_make_at(sizeof(const char *), (4), &(const cgo_site){"testdata/for_range.gc", 40});
    { cgo_chan *cgoc_c = (names); const char *cgoc_value = ("a"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 41}); }
    { cgo_chan *cgoc_c = (names); const char *cgoc_value = ("skip"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 42}); }
    { cgo_chan *cgoc_c = (names); const char *cgoc_value = ("b"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 43}); }
    { cgo_chan *cgoc_c = (names); const char *cgoc_value = ("stop"); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 44}); }
    for (cgo_chan *cgoc_range = (names);;) {const char *name; if (!cgo_chan_recv_at(cgoc_range, &name, &(const cgo_site){"testdata/for_range.gc", 45})) break; {
        if (name[0] == 's' && name[1] == 'k')
            continue;
        if (name[0] == 's')
            break;
        printf("name %s\n", name);
    } }
    printf("left after break: %d\n", cgo_chan_len(names));

    cgoc_chan empty = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/for_range.gc", 54});
    cgo_chan_close_at(empty, &(const cgo_site){"testdata/for_range.gc", 55});
    int iterations = 0;
    for (cgo_chan *cgoc_range = (empty);;) {int v; if (!cgo_chan_recv_at(cgoc_range, &v, &(const cgo_site){"testdata/for_range.gc", 57})) break; 
#line 58 "testdata/for_range.gc"
        iterations += v + 1; }
    printf("empty: %d iterations\n", iterations);

    /* nested ranges */
    cgoc_chan outer = cgo_chan_make_at(sizeof(cgoc_chan), (2), &(const cgo_site){"testdata/for_range.gc", 62});
    for (int k = 1; k <= 2; k++) {
        cgoc_chan inner = cgo_chan_make_at(sizeof(int), (2), &(const cgo_site){"testdata/for_range.gc", 64});
        { cgo_chan *cgoc_c = (inner); int cgoc_value = (k * 10); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 65}); }
        { cgo_chan *cgoc_c = (inner); int cgoc_value = (k * 10 + 1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 66}); }
        cgo_chan_close_at(inner, &(const cgo_site){"testdata/for_range.gc", 67});
        { cgo_chan *cgoc_c = (outer); cgoc_chan cgoc_value = (inner); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/for_range.gc", 68}); }
    }
    cgo_chan_close_at(outer, &(const cgo_site){"testdata/for_range.gc", 70});
    for (cgo_chan *cgoc_range = (outer);;) {cgoc_chan inner; if (!cgo_chan_recv_at(cgoc_range, &inner, &(const cgo_site){"testdata/for_range.gc", 71})) break; {
        for (cgo_chan *cgoc_range = (inner);;) {int v; if (!cgo_chan_recv_at(cgoc_range, &v, &(const cgo_site){"testdata/for_range.gc", 72})) break; 
#line 73 "testdata/for_range.gc"
            printf("nested %d\n", v); }
        cgo_chan_free_at(inner, &(const cgo_site){"testdata/for_range.gc", 74});
    } }

    cgo_chan_free_at(nums, &(const cgo_site){"testdata/for_range.gc", 77});
    cgo_chan_free_at(items, &(const cgo_site){"testdata/for_range.gc", 78});
    cgo_chan_free_at(names, &(const cgo_site){"testdata/for_range.gc", 79});
    cgo_chan_free_at(empty, &(const cgo_site){"testdata/for_range.gc", 80});
    cgo_chan_free_at(outer, &(const cgo_site){"testdata/for_range.gc", 81});
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
