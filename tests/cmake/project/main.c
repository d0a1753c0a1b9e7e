/* Plain C calling a function written in the dialect (through the
 * translated header). */
#include "jobs.h"

#include <stdio.h>

int main(void)
{
    printf("sum of squares of 1..100 = %ld\n", jobs_run(100));
    return 0;
}
