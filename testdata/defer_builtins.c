#include <cgo.h>
typedef cgo_chan *cgoc_chan;
#line 1 "testdata/defer_builtins.gc"
/* The channel builtins are ordinary calls for defer: `defer close(out);`
 * (the pipeline idiom) and `defer free(ch);`. Plain C calls with the same
 * names stay C: `defer free(buf);` frees memory, `defer fclose(fp);`.
 * `defer cgo_mutex_unlock(&mu);` after locking. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void generate(cgoc_chan out, int n)
{
     cgo_chan *cgoc_d1_a0; cgoc_d1_a0 = (out);                    /* runs however the function ends */
    for (int i = 1; i <= n; i++) {
        if (i > 3)
            { cgo_chan_close_at(cgoc_d1_a0, &(const cgo_site){"testdata/defer_builtins.gc", 13}); return; }
        { cgo_chan *cgoc_c = (out); int cgoc_value = (i); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_builtins.gc", 17}); }
    }
 cgo_chan_close_at(cgoc_d1_a0, &(const cgo_site){"testdata/defer_builtins.gc", 13});}

#line 21 "testdata/defer_builtins.gc"
static int drain_and_free(void);
static inline int cgoc_recv_3(cgo_chan *cgoc_c, const cgo_site *cgoc_site)
{
    int cgoc_value;
    cgo_chan_recv_at(cgoc_c, &cgoc_value, cgoc_site);
    return cgoc_value;
}
#line 21 "testdata/defer_builtins.gc"
static int drain_and_free(void)
{
    cgoc_chan c = cgo_chan_make_at(sizeof(int), (2), &(const cgo_site){"testdata/defer_builtins.gc", 23});
     cgo_chan *cgoc_d2_a0; cgoc_d2_a0 = (c);                       /* the channel builtin */
    { cgo_chan *cgoc_c = (c); int cgoc_value = (4); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_builtins.gc", 25}); }
    { cgo_chan *cgoc_c = (c); int cgoc_value = (5); cgo_chan_send_at(cgoc_c, &cgoc_value, &(const cgo_site){"testdata/defer_builtins.gc", 26}); }
    { int cgoc_result = (cgoc_recv_3(c, &(const cgo_site){"testdata/defer_builtins.gc", 27}) + cgoc_recv_3(c, &(const cgo_site){"testdata/defer_builtins.gc", 27})); cgo_chan_free_at(cgoc_d2_a0, &(const cgo_site){"testdata/defer_builtins.gc", 24}); return cgoc_result; }
 cgo_chan_free_at(cgoc_d2_a0, &(const cgo_site){"testdata/defer_builtins.gc", 24});}

static cgo_mutex mu;
static int shared_total;

static int add_locked(int v)
{
    cgo_mutex_lock(&mu);
     struct cgo_mutex *cgoc_d4_a0; cgoc_d4_a0 = (&mu); 
    if (v < 0)
        { int cgoc_result = (shared_total); 
#line 36 "testdata/defer_builtins.gc"
          cgo_mutex_unlock(cgoc_d4_a0); return cgoc_result; }
#line 38 "testdata/defer_builtins.gc"
                                        /* unlocked on this path too */
    shared_total += v;
    { int cgoc_result = (shared_total); 
#line 36 "testdata/defer_builtins.gc"
          cgo_mutex_unlock(cgoc_d4_a0); return cgoc_result; }
#line 40 "testdata/defer_builtins.gc"
                        
 
#line 36 "testdata/defer_builtins.gc"
          cgo_mutex_unlock(cgoc_d4_a0);
#line 41 "testdata/defer_builtins.gc"
}

static size_t write_and_read(const char *text)
{
    FILE *fp = tmpfile();
    if (!fp)
        return 0;
     struct _IO_FILE *cgoc_d5_a0; cgoc_d5_a0 = (fp); 
    char *buf = malloc(64);
     void *cgoc_d6_a0; cgoc_d6_a0 = (buf);                     /* plain C free: buf is not a channel */
    fputs(text, fp);
    rewind(fp);
    if (!fgets(buf, 64, fp))
        { size_t cgoc_result = (0); 
#line 50 "testdata/defer_builtins.gc"
          free(cgoc_d6_a0); 
#line 48 "testdata/defer_builtins.gc"
          fclose(cgoc_d5_a0); return cgoc_result; }
#line 54 "testdata/defer_builtins.gc"
                 
    { size_t cgoc_result = (strlen(buf)); 
#line 50 "testdata/defer_builtins.gc"
          free(cgoc_d6_a0); 
#line 48 "testdata/defer_builtins.gc"
          fclose(cgoc_d5_a0); return cgoc_result; }
#line 55 "testdata/defer_builtins.gc"
                       
 
#line 50 "testdata/defer_builtins.gc"
          free(cgoc_d6_a0); 
#line 48 "testdata/defer_builtins.gc"
          fclose(cgoc_d5_a0);
#line 56 "testdata/defer_builtins.gc"
}

static int pipe_roundtrip(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
     int cgoc_d7_a0; cgoc_d7_a0 = (fds[0]);                 /* plain C close: an int */
     int cgoc_d8_a0; cgoc_d8_a0 = (fds[1]); 
    char c = 'z';
    if (write(fds[1], &c, 1) != 1 || read(fds[0], &c, 1) != 1)
        { int cgoc_result = (-1); 
#line 64 "testdata/defer_builtins.gc"
          close(cgoc_d8_a0); 
#line 63 "testdata/defer_builtins.gc"
          close(cgoc_d7_a0); return cgoc_result; }
#line 67 "testdata/defer_builtins.gc"
                  
    { int cgoc_result = (c); 
#line 64 "testdata/defer_builtins.gc"
          close(cgoc_d8_a0); 
#line 63 "testdata/defer_builtins.gc"
          close(cgoc_d7_a0); return cgoc_result; }
#line 68 "testdata/defer_builtins.gc"
             
 
#line 64 "testdata/defer_builtins.gc"
          close(cgoc_d8_a0); 
#line 63 "testdata/defer_builtins.gc"
          close(cgoc_d7_a0);
#line 69 "testdata/defer_builtins.gc"
}

struct cgoc_go_9 {
    cgoc_chan a0;
    int a1;
};
_Static_assert(_Alignof(struct cgoc_go_9) <= CGO_GO_ARGS_ALIGN, "go: an argument needs more than CGO_GO_ARGS_ALIGN (64) bytes of alignment");
static const cgo_site cgoc_site_9 = {"testdata/defer_builtins.gc", 74};
static void cgoc_go_9(void *cgoc_args)
{
    struct cgoc_go_9 *cgoc_a = cgoc_args;
    generate(cgoc_a->a0, cgoc_a->a1);
}
#line 71 "testdata/defer_builtins.gc"
int cgoc_main(void)
{
    cgoc_chan nums = cgo_chan_make_at(sizeof(int), 0, &(const cgo_site){"testdata/defer_builtins.gc", 73});
    { _Alignas(CGO_GO_ARGS_ALIGN) _Alignas(struct cgoc_go_9) struct cgoc_go_9 cgoc_args = {(nums), (10)}; cgo_go_at(cgoc_go_9, &cgoc_args, sizeof cgoc_args, &cgoc_site_9); }
    for (cgo_chan *cgoc_range = (nums);;) {int v; if (!cgo_chan_recv_at(cgoc_range, &v, &(const cgo_site){"testdata/defer_builtins.gc", 75})) break; 
#line 76 "testdata/defer_builtins.gc"
        printf("generated %d\n", v); }
    cgo_chan_free_at(nums, &(const cgo_site){"testdata/defer_builtins.gc", 77});

    printf("drain_and_free: %d\n", drain_and_free());

    printf("add_locked: %d\n", add_locked(5));
    printf("add_locked: %d\n", add_locked(-1));
    printf("add_locked: %d\n", add_locked(2));
    printf("trylock after: %d\n", cgo_mutex_trylock(&mu));
    cgo_mutex_unlock(&mu);

    printf("write_and_read: %zu\n", write_and_read("hello, defer\n"));
    printf("pipe_roundtrip: %c\n", pipe_roundtrip());
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
