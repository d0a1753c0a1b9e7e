/*
 * cgo.h — the one public header of libcgo, the cgoc runtime.
 *
 * Goroutines, channels, select, timers and sync primitives for C. Code
 * translated by cgoc calls these functions; plain C programs may call them
 * directly (every blocking call also works on a plain C thread that is not a
 * goroutine: it then blocks that thread).
 *
 * This header includes only freestanding headers (stddef.h, stdint.h,
 * stdbool.h) so that feature-test macros of the including file keep working,
 * and it compiles under -std=c11 -pedantic-errors. Every name is prefixed
 * cgo_ (CGO_ for constants).
 *
 * Conventions
 *  - Channels are `cgo_chan *` here. In .gc code the same functions carry
 *    their channel types (`<-chan int64_t cgo_after(cgo_duration)`); cgoc
 *    knows those signatures.
 *  - Every call that can block or panic has a `_at` form taking a source site
 *    (`const cgo_site *`, may be NULL) that panics, deadlock reports and
 *    goroutine dumps print. The short name is a macro that passes the caller's
 *    own __FILE__/__LINE__ (which #line directives make point into the .gc
 *    file); `(cgo_sleep)(d)` or `&cgo_sleep` reach the function itself, which
 *    records no site.
 *  - Panics print Go's message, the goroutine and its site to stderr, then
 *    exit(2). There is no recover.
 *
 * Full reference: docs/runtime.md.
 */
#ifndef CGO_H
#define CGO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Source sites                                                             */

/* Where in the user's source an operation was written. Static data emitted
 * by the translator (or built by the CGO_HERE macro); the runtime keeps the
 * pointer only while the operation is in progress, or for the lifetime of a
 * goroutine when given to cgo_go_at, so it must outlive that. */
typedef struct cgo_site {
    const char *file;
    int line;
} cgo_site;

/* The caller's position, as a pointer to a compound literal. It lives in the
 * enclosing block, which is long enough for a call that blocks or panics. Do
 * not use it for cgo_go_at, whose site must outlive the call. */
#define CGO_HERE (&(const cgo_site){__FILE__, __LINE__})

/* ------------------------------------------------------------------------ */
/* Scheduler and goroutines                                                 */

/* Runs main_fn(argc, argv) as the first goroutine on CGO_PROCS worker
 * threads (default: online CPUs) and exits the process with its return
 * value when it returns; other goroutines are abandoned, as in Go. The
 * translator's generated main() calls this. Never returns. */
_Noreturn void cgo_main(int (*main_fn)(int argc, char **argv), int argc, char **argv);

/* Starts a goroutine running fn(copy), where copy is a copy of the
 * args_size bytes at args made before cgo_go returns, kept on the new
 * goroutine's stack (aligned to CGO_GO_ARGS_ALIGN = 64 bytes: enough for
 * any type up to _Alignas(64)) for as long as fn runs. args may
 * be NULL when args_size is 0. site (may be NULL) is the `go` statement, shown
 * as "created at" in dumps; it must be static. Starts the runtime if a plain
 * C program calls this first. */
void cgo_go_at(void (*fn)(void *args), const void *args, size_t args_size,
               const cgo_site *site);
void cgo_go(void (*fn)(void *args), const void *args, size_t args_size);
#define cgo_go(fn, args, args_size) cgo_go_at((fn), (args), (args_size), NULL)

/* The alignment of the copy cgo_go makes, and the one cgoc gives the
 * argument block a `go` statement builds on the spawner's stack (together
 * with the block type's own): a cache line of its own. A loop of `go`
 * rewrites the block at every iteration; next to a variable the goroutines
 * share with the spawner (`&sum`, a WaitGroup), every rewrite would take
 * that variable's line away from the CPUs the goroutines run on (false
 * sharing: ~15% of a spawn loop). */
#define CGO_GO_ARGS_ALIGN 64

/* Lets other goroutines run; the caller stays runnable. */
void cgo_yield(void);

/* The number of goroutines that exist (running, runnable or blocked). */
int cgo_num_goroutine(void);

/* The number of worker threads (CGO_PROCS). */
int cgo_num_procs(void);

/* ------------------------------------------------------------------------ */
/* Panics                                                                   */

/* Prints "panic: <msg>", the current goroutine and every other one, then
 * exit(2). */
_Noreturn void cgo_panic_at(const char *msg, const cgo_site *site);
_Noreturn void cgo_panic(const char *msg);
#define cgo_panic(msg) cgo_panic_at((msg), CGO_HERE)

/* ------------------------------------------------------------------------ */
/* Channels                                                                 */

typedef struct cgo_chan cgo_chan;

/* A channel of elements of elem_size bytes (1 to 65536) holding up to cap
 * buffered elements (0: unbuffered). cap < 0 or too large panics with
 * "makechan: size out of range". */
cgo_chan *cgo_chan_make_at(size_t elem_size, int64_t cap, const cgo_site *site);
cgo_chan *cgo_chan_make(size_t elem_size, int64_t cap);
#define cgo_chan_make(elem_size, cap) cgo_chan_make_at((elem_size), (cap), CGO_HERE)

/* Sends the elem_size bytes at elem; blocks until a receiver takes them or
 * a buffer slot is free. Panics if c is closed; blocks forever if c is NULL. */
void cgo_chan_send_at(cgo_chan *c, const void *elem, const cgo_site *site);
void cgo_chan_send(cgo_chan *c, const void *elem);
#define cgo_chan_send(c, elem) cgo_chan_send_at((c), (elem), CGO_HERE)

/* Receives into elem (NULL: discard). Returns true for a value sent, false
 * when c is closed and drained (elem is then zero-filled). Blocks forever if
 * c is NULL. */
bool cgo_chan_recv_at(cgo_chan *c, void *elem, const cgo_site *site);
bool cgo_chan_recv(cgo_chan *c, void *elem);
#define cgo_chan_recv(c, elem) cgo_chan_recv_at((c), (elem), CGO_HERE)

/* Non-blocking forms (a select with one case and default). trysend returns
 * whether the value was sent. tryrecv returns whether it received (a value
 * or a close), and sets *ok (may be NULL) as cgo_chan_recv's result. */
bool cgo_chan_trysend_at(cgo_chan *c, const void *elem, const cgo_site *site);
bool cgo_chan_tryrecv_at(cgo_chan *c, void *elem, bool *ok, const cgo_site *site);

/* Closes c: blocked receivers get zero values, blocked senders panic.
 * Panics on a NULL or already closed channel. */
void cgo_chan_close_at(cgo_chan *c, const cgo_site *site);
void cgo_chan_close(cgo_chan *c);
#define cgo_chan_close(c) cgo_chan_close_at((c), CGO_HERE)

/* Buffered element count and capacity; 0 for NULL. */
int cgo_chan_len(const cgo_chan *c);
int cgo_chan_cap(const cgo_chan *c);

/* Releases c. NULL is a no-op. Panics if a goroutine or thread is blocked on
 * it. The runtime never touches a channel on a waiter's behalf after waking
 * it, so c may be freed as soon as no one will use it again. */
void cgo_chan_free_at(cgo_chan *c, const cgo_site *site);
void cgo_chan_free(cgo_chan *c);
#define cgo_chan_free(c) cgo_chan_free_at((c), CGO_HERE)

/* ------------------------------------------------------------------------ */
/* Select                                                                   */

enum { CGO_SELECT_SEND = 1, CGO_SELECT_RECV = 2 };

typedef struct cgo_select_case {
    cgo_chan *chan;  /* NULL: the case never proceeds */
    int dir;         /* CGO_SELECT_SEND or CGO_SELECT_RECV */
    void *elem;      /* send: the value; recv: destination or NULL */
    bool *ok;        /* recv only, may be NULL: false if closed and drained */
} cgo_select_case;

/* Chooses uniformly at random among the cases that can proceed, performs it
 * and returns its index. With none ready: returns -1 at once if has_default,
 * otherwise blocks until one can proceed. ncases may be 0 (with no default:
 * blocks forever). */
int cgo_select_at(cgo_select_case *cases, int ncases, bool has_default,
                  const cgo_site *site);
int cgo_select(cgo_select_case *cases, int ncases, bool has_default);
#define cgo_select(cases, ncases, has_default) \
    cgo_select_at((cases), (ncases), (has_default), CGO_HERE)

/* ------------------------------------------------------------------------ */
/* Time                                                                     */

typedef int64_t cgo_duration; /* nanoseconds */

#define CGO_NANOSECOND ((cgo_duration)1)
#define CGO_MICROSECOND ((cgo_duration)1000)
#define CGO_MILLISECOND ((cgo_duration)1000000)
#define CGO_SECOND ((cgo_duration)1000000000)
#define CGO_MINUTE ((cgo_duration)60000000000)
#define CGO_HOUR ((cgo_duration)3600000000000)

/* Monotonic clock in nanoseconds. */
int64_t cgo_now(void);

/* Parks the goroutine (or blocks the thread) for at least d; d <= 0 returns
 * at once. */
void cgo_sleep_at(cgo_duration d, const cgo_site *site);
void cgo_sleep(cgo_duration d);
#define cgo_sleep(d) cgo_sleep_at((d), CGO_HERE)

/* A channel of int64_t (capacity 1) that receives cgo_now() once, at or
 * after d from now (d <= 0: at once). Meant for one receive, Go's
 * `case <-time.After(d):`. Ownership: the channel belongs to the runtime;
 * the operation that receives its value (cgo_chan_recv/tryrecv or a select
 * that chose that case) frees it, together with its timer, before
 * returning. So the caller must:
 *  - receive from it in at most one operation at a time (one goroutine),
 *    and not use it at all once its value has been received;
 *  - never close it, free it with cgo_chan_free, or send on it;
 *  - call cgo_after_release(c) exactly once if its value will never be
 *    received: the translator does so for a `case <-cgo_after(d):` after a
 *    select (with or without default) that chose another case. */
cgo_chan *cgo_after(cgo_duration d);

/* Stops c's timer and frees c and the timer, whether or not the value was
 * already sent into c (an unreceived value is discarded). c must come from
 * cgo_after and its value must not have been received; no operation on c
 * may be in progress. NULL is a no-op; a channel not from cgo_after panics
 * ("cgo_after_release: not a channel from cgo_after"). Never blocks. */
void cgo_after_release(cgo_chan *c);

/* One-shot timer whose channel (capacity 1) receives cgo_now() at expiry. */
typedef struct cgo_timer cgo_timer;
/* A running timer that fires once, at or after d from now (d <= 0: at
 * once). Free it with cgo_timer_free. Out of memory is a fatal error. */
cgo_timer *cgo_timer_new(cgo_duration d);
/* The timer's channel, owned by the timer: receive from it (or select on
 * it), never close or free it. */
cgo_chan *cgo_timer_chan(const cgo_timer *t);
/* true if this call stopped a pending timer; false if it had fired or was
 * stopped. As in Go, a value already sent stays in the channel. t NULL
 * panics ("time: Stop called on uninitialized Timer"). */
bool cgo_timer_stop(cgo_timer *t);
/* Re-arms to fire after d; returns whether it was pending. t NULL panics
 * ("time: Reset called on uninitialized Timer"). */
bool cgo_timer_reset(cgo_timer *t, cgo_duration d);
/* Stops t and releases it and its channel. */
void cgo_timer_free(cgo_timer *t);

/* Ticker: its channel (capacity 1) receives cgo_now() every d, dropping
 * ticks for a slow receiver. d must be > 0 (panics otherwise). */
typedef struct cgo_ticker cgo_ticker;
cgo_ticker *cgo_ticker_new(cgo_duration d);
/* The ticker's channel, owned by the ticker (never close or free it). */
cgo_chan *cgo_ticker_chan(const cgo_ticker *t);
/* Stops the ticks; a tick already in the channel stays there. */
void cgo_ticker_stop(cgo_ticker *t);
/* Stops and restarts with period d (> 0, else panics "non-positive interval
 * for Ticker.Reset"); the next tick comes d after this call. t NULL panics
 * ("time: Reset called on uninitialized Ticker"). */
void cgo_ticker_reset(cgo_ticker *t, cgo_duration d);
/* Stops t and releases it and its channel. */
void cgo_ticker_free(cgo_ticker *t);

/* Runs fn(arg) in its own goroutine after d. Stop or free the returned timer
 * as any other (its channel is never used). */
cgo_timer *cgo_after_func(cgo_duration d, void (*fn)(void *arg), void *arg);

/* ------------------------------------------------------------------------ */
/* Sync: all usable zero-initialised (`cgo_mutex mu = {0};`), none movable  */
/* while in use. They park the goroutine, never the worker thread.          */

typedef struct cgo_mutex { uintptr_t opaque_[4]; } cgo_mutex;
typedef struct cgo_rwmutex { uintptr_t opaque_[10]; } cgo_rwmutex;
typedef struct cgo_waitgroup { uintptr_t opaque_[4]; } cgo_waitgroup;
typedef struct cgo_once { uintptr_t opaque_[6]; } cgo_once;
typedef struct cgo_cond { uintptr_t opaque_[4]; } cgo_cond;

/* Mutex; not reentrant. Unlocking an unlocked mutex is a fatal error.
 * Fair under contention: a waiter that has waited over 1 ms gets the lock
 * handed to it directly (Go's starvation mode). */
void cgo_mutex_lock_at(cgo_mutex *m, const cgo_site *site);
void cgo_mutex_lock(cgo_mutex *m);
#define cgo_mutex_lock(m) cgo_mutex_lock_at((m), CGO_HERE)
/* Takes m if it is free and returns true; false at once otherwise. */
bool cgo_mutex_trylock(cgo_mutex *m);
/* Releases m (it need not be the locker that unlocks, as in Go); wakes one
 * waiter, or hands m to a starving one. */
void cgo_mutex_unlock(cgo_mutex *m);

/* Readers-writer mutex; a waiting writer blocks new readers. */
/* Takes m for writing: waits until no reader or writer holds it. */
void cgo_rwmutex_lock_at(cgo_rwmutex *m, const cgo_site *site);
void cgo_rwmutex_lock(cgo_rwmutex *m);
#define cgo_rwmutex_lock(m) cgo_rwmutex_lock_at((m), CGO_HERE)
/* Releases the write lock; fatal error if m is not write-locked. */
void cgo_rwmutex_unlock(cgo_rwmutex *m);
/* Takes m for reading (shared with other readers); waits while a writer
 * holds or waits for it. */
void cgo_rwmutex_rlock_at(cgo_rwmutex *m, const cgo_site *site);
void cgo_rwmutex_rlock(cgo_rwmutex *m);
#define cgo_rwmutex_rlock(m) cgo_rwmutex_rlock_at((m), CGO_HERE)
/* Releases one read lock; fatal error if m is not read-locked. */
void cgo_rwmutex_runlock(cgo_rwmutex *m);
/* Non-blocking forms: take the write (resp. a read) lock and return true
 * if that is possible right now, else return false. */
bool cgo_rwmutex_trylock(cgo_rwmutex *m);
bool cgo_rwmutex_tryrlock(cgo_rwmutex *m);

/* WaitGroup. A negative counter panics ("sync: negative WaitGroup counter"). */
/* Adds delta (may be negative) to the counter; when it reaches zero, every
 * waiter is released. */
void cgo_wg_add(cgo_waitgroup *wg, int delta);
/* cgo_wg_add(wg, -1). */
void cgo_wg_done(cgo_waitgroup *wg);
/* Blocks until the counter is zero (returns at once if it is). */
void cgo_wg_wait_at(cgo_waitgroup *wg, const cgo_site *site);
void cgo_wg_wait(cgo_waitgroup *wg);
#define cgo_wg_wait(wg) cgo_wg_wait_at((wg), CGO_HERE)

/* Runs fn(arg) exactly once among all callers of cgo_once_do on o; every
 * caller returns after it has completed. */
void cgo_once_do_at(cgo_once *o, void (*fn)(void *arg), void *arg, const cgo_site *site);
void cgo_once_do(cgo_once *o, void (*fn)(void *arg), void *arg);
#define cgo_once_do(o, fn, arg) cgo_once_do_at((o), (fn), (arg), CGO_HERE)

/* Condition variable used with a cgo_mutex held by the caller. */
/* Atomically unlocks m and waits for a signal or broadcast, then re-locks m
 * before returning. As in Go, wake-ups are not guaranteed to mean the
 * condition holds: wait in a loop. */
void cgo_cond_wait_at(cgo_cond *c, cgo_mutex *m, const cgo_site *site);
void cgo_cond_wait(cgo_cond *c, cgo_mutex *m);
#define cgo_cond_wait(c, m) cgo_cond_wait_at((c), (m), CGO_HERE)
/* Wakes one waiter (the longest waiting), if any. */
void cgo_cond_signal(cgo_cond *c);
/* Wakes every waiter. */
void cgo_cond_broadcast(cgo_cond *c);

#ifdef __cplusplus
}
#endif

#endif /* CGO_H */
