/*
 * tsan_criterion_shim.c — linked into the runtime tests only when they are
 * built with ThreadSanitizer (tests/runtime/CMakeLists.txt).
 *
 * Criterion's BoxFort maps its inheritable arena at MAP_FIXED addresses
 * 0x2000'0000'0000 + (rand_r() & 0x3fffff) * 16 MiB, probing at most three
 * of them (Criterion issue #274). Under TSan nearly all of that range is
 * TSan's shadow or protected gaps, so Criterion aborts with "Could not
 * initialize inheritable arena". This rand_r(), which BoxFort calls through
 * the PLT, makes every probe land in TSan's mid application range
 * [0x5600'0000'0000, 0x5680'0000'0000). Nothing else in the tests uses
 * rand_r.
 */
#include <stdlib.h>

int rand_r(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    unsigned v = (*seed >> 16) & 0x7fffu;
    return (int)(0x360000u + v);
}

/* The death tests fork a child that starts the runtime's worker threads.
 * The test process itself runs no other thread of ours when it forks
 * (TSan's own background thread is what makes TSan call it
 * "multi-threaded"), so allow threads after fork. */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
    return "die_after_fork=0";
}
