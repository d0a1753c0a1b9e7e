#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/select_random.gc"
/* When several cases are ready, select chooses uniformly at random: over
 * 2000 rounds with both channels always ready, each case wins a fair share
 * (the bounds are > 25 standard deviations wide: this never fails by
 * chance). `continue` in a case body continues the enclosing loop. */
#include <stdio.h>

int cgoc_main(void)
{
    cgoc_chan a = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_random.gc", 9}), b = cgo_chan_make_at(sizeof(int), (1), &(const cgo_site){"testdata/select_random.gc", 9});
    int from_a = 0, from_b = 0, skipped = 0;
    for (int i = 0; i < 2000; i++) {
        if (cgo_chan_len(a) == 0)
            { cgo_chan *cgoc_c = (a); int cgoc_value = (1); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_random.gc", 13}); }
        if (cgo_chan_len(b) == 0)
            { cgo_chan *cgoc_c = (b); int cgoc_value = (2); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/select_random.gc", 15}); }
        { cgo_select_case cgoc_cases[2]; int cgoc_value0; int cgoc_value1; cgoc_cases[0].chan = (
#line 17 "testdata/select_random.gc"
                       a); cgoc_cases[0].dir = CGO_SELECT_RECV; cgoc_cases[0].elem = &cgoc_value0; cgoc_cases[0].ok = NULL; cgoc_cases[1].chan = (
#line 20 "testdata/select_random.gc"
                       b); cgoc_cases[1].dir = CGO_SELECT_RECV; cgoc_cases[1].elem = &cgoc_value1; cgoc_cases[1].ok = NULL; int cgoc_chosen = cgo_select_at(cgoc_cases, 2, false, &(const cgo_site){"testdata/select_random.gc", 16}); switch (cgoc_chosen) { case 0: {
#line 17 "testdata/select_random.gc"
             int v = cgoc_value0;
            from_a += v;
            continue; } break; case 1: {
#line 20 "testdata/select_random.gc"
             int v = cgoc_value1;
            from_b += v / 2; } break; } }
#line 22 "testdata/select_random.gc"
         
        skipped++;                      /* only after case b */
    }
    printf("both chosen fairly: %d\n", from_a > 700 && from_b > 700);
    printf("total: %d\n", from_a + from_b);
    printf("continue skipped the rest: %d\n", skipped == from_b);
    cgo_chan_free_at(a, &(const cgo_site){"testdata/select_random.gc", 28});
    cgo_chan_free_at(b, &(const cgo_site){"testdata/select_random.gc", 29});
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
