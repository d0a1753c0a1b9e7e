#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/defer_block_return.gc"
/* `return;` inside a defer block leaves that deferred block only, like
 * `return` in a Go deferred function literal: the remaining deferred calls
 * still run, and the function's result is the one already evaluated. */
#include <stdio.h>

static int f(int n)
{
     int cgoc_d1_a1; cgoc_d1_a1 = (n); 
    ;
#line 13 "testdata/defer_block_return.gc"
     
    { int cgoc_result = (n * 10); 
#line 9 "testdata/defer_block_return.gc"
          {
        if (n > 1)
            goto cgoc_dend_3;                     /* leaves the block, not f */
        printf("  f(%d): block ran to its end\n", n);
    } cgoc_dend_3:; 
#line 8 "testdata/defer_block_return.gc"
          printf("  f(%d): deferred printf runs last\n", cgoc_d1_a1); return cgoc_result; }
#line 14 "testdata/defer_block_return.gc"
                  
 
#line 9 "testdata/defer_block_return.gc"
          {
        if (n > 1)
            goto cgoc_dend_4;                     /* leaves the block, not f */
        printf("  f(%d): block ran to its end\n", n);
    } cgoc_dend_4:; 
#line 8 "testdata/defer_block_return.gc"
          printf("  f(%d): deferred printf runs last\n", cgoc_d1_a1);
#line 15 "testdata/defer_block_return.gc"
}

int cgoc_main(void)
{
    printf("f(1) = %d\n", f(1));
    printf("f(2) = %d\n", f(2));
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
