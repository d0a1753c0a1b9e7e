/* Plain C, no dialect construct: POSIX select(2) on a pipe, close(fd),
 * and identifiers named like the dialect's words. cgoc must pass it
 * through byte for byte (the driver checks), and it must run as C. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static int make(int a, int b) { return a * b; }   /* named make */
static int cap = 8;                                /* named cap */

struct chan_info {                                 /* chan inside identifiers */
    int go, defer, chan_count;
};

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    const char *msg = "ping";
    if (write(fds[1], msg, strlen(msg)) != (ssize_t)strlen(msg))
        return 1;

    fd_set r;
    FD_ZERO(&r);
    FD_SET(fds[0], &r);
    struct timeval tv = {1, 0};
    int ready = select(fds[0] + 1, &r, NULL, NULL, &tv);   /* POSIX select */
    printf("select: %d ready, readable %d\n", ready, FD_ISSET(fds[0], &r) != 0);

    char buf[8] = {0};
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    printf("read %zd: %s\n", n, buf);
    close(fds[1]);                                 /* close(fd) */
    close(fds[0]);

    int len = 3, x = 0, go = 1, defer = 2;         /* variables named len, go, defer */
    if (x<-1)                                      /* x < -1: a comparison */
        printf("x < -1?\n");
    int less = len<-2;                             /* len < -2 */
    struct chan_info info = {go, defer, make(len, cap)};
    printf("len %d, less %d, make %d, info %d %d %d\n", len, less, make(2, 3),
           info.go, info.defer, info.chan_count);
    return 0;
}
