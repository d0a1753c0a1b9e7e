/* Plain C where the dialect's words are ordinary identifiers: variables
 * named chan, go, defer and select, struct members, a label, macros, and
 * free/close/len/cap on non-channels. Passed through byte for byte. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define SEND(c, v) ((c)[0] = (v))   /* no dialect in macros: plain C */

struct conn {
    int chan, select, go, defer;
};

static int len(const char *s)       /* a function named len */
{
    int n = 0;
    while (s[n])
        n++;
    return n;
}

int main(void)
{
    int chan = 1, go = 2, defer = 3;
    struct conn c = {.chan = chan, .select = 4, .go = go, .defer = defer};
    int *p = malloc(sizeof *p);
    if (!p)
        return 1;
    SEND(p, c.chan + c.select + c.go + c.defer);
    printf("sum %d, len %d, LEN %zu\n", *p, len("hello"), LEN("abc"));
    free(p);                        /* free(ptr) */
    int fd = dup(1);
    if (fd < 0)
        goto select;
    close(fd);                      /* close(fd) */
select:                             /* a label named select */
    printf("chan-1 %d, go<-1 %d\n", chan - 1, go<-1);
    return 0;
}
