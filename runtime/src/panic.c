/*
 * panic.c — panics, fatal errors, goroutine dumps, SIGQUIT.
 *
 * Output format (docs/runtime.md, dialect §9), e.g.
 *
 *   panic: send on closed channel
 *   <blank>
 *   goroutine 7 [running]:
 *   \tat pipeline.gc:42            (the panic site, when known)
 *   \tcreated at pipeline.gc:30    (omitted when unknown: the main goroutine,
 *                                  goroutines started by cgo_go without a site)
 *   <blank>
 *   goroutine 1 [chan receive, 3 minutes]:
 *   \tat pipeline.gc:12
 *
 * Wait states use rt_wait_reason_name(); ", N minutes" is added when a
 * goroutine has waited at least one minute, as Go does. Plain C threads
 * blocked in the runtime are listed as "thread [chan receive]:" with their
 * wait site; threads not blocked in the runtime are not listed, except the
 * one reporting, as "thread [running]:".
 *
 * Invariants
 *  - The first panic/fatal error/overflow/SIGQUIT to claim `dying` wins;
 *    any later one (another thread) blocks forever, so reports never
 *    interleave and the exit status is the winner's.
 *  - Dumping takes no lock and allocates nothing: it walks the stack slots
 *    (stack.c: chunks and slots only grow, never unmapped), the cells of
 *    goroutines that have not started (pend.c: the same) and the
 *    push-only list of thread pseudo-goroutines, reading each header's
 *    status atomically and the rest racily (best effort; the functions
 *    that read other goroutines' headers are excluded from TSan). So a dump
 *    cannot deadlock on a runtime lock held by a stopped or spinning
 *    worker, and is async-signal-safe (write(2) to fd 2 from a static
 *    buffer), which the SIGSEGV and SIGQUIT handlers rely on.
 *  - rt_panic/rt_fatal flush stdout first and end with exit(2) (stdio
 *    buffers flushed, atexit handlers run); the signal paths use _exit(2).
 */
#include "pend.h"
#include "rt_sched.h"
#include "stack.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static _Atomic int dying;

/* ---- async-signal-safe output to fd 2 ---- */

static char obuf[4096];
static size_t olen;

static void out_flush(void)
{
    size_t off = 0;
    while (off < olen) {
        ssize_t n = write(2, obuf + off, olen - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    olen = 0;
}

static void out_mem(const char *s, size_t n)
{
    while (n > 0) {
        if (olen == sizeof obuf)
            out_flush();
        size_t k = sizeof obuf - olen;
        if (k > n)
            k = n;
        memcpy(obuf + olen, s, k);
        olen += k;
        s += k;
        n -= k;
    }
}

static void out_str(const char *s) { out_mem(s, strlen(s)); }

static void out_u64(uint64_t v)
{
    char b[24];
    int i = sizeof b;
    do
        b[--i] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    out_mem(b + i, sizeof b - (size_t)i);
}

/* Reads a site that may sit on another goroutine's stack (CGO_HERE is a
 * compound literal in the waiter's frame): dumps read it without
 * synchronising with that goroutine, best effort like dump_one. */
RT_NO_TSAN static void out_site(const cgo_site *s)
{
    if (s && s->file) {
        out_str(s->file);
        out_str(":");
        out_u64(s->line > 0 ? (uint64_t)s->line : 0);
    } else {
        out_str("?");
    }
}

/* Claims the right to report and exit; false: someone else is dying. */
static bool claim(void)
{
    int z = 0;
    return atomic_compare_exchange_strong(&dying, &z, 1);
}

static _Noreturn void hang(void)
{
    for (;;)
        pause();
}

/* ---- wait reasons ---- */

const char *rt_wait_reason_name(rt_wait_reason r)
{
    static const char *const names[RT_WAIT__COUNT] = {
        [RT_WAIT_NONE] = "waiting",
        [RT_WAIT_CHAN_SEND] = "chan send",
        [RT_WAIT_CHAN_RECV] = "chan receive",
        [RT_WAIT_CHAN_SEND_NIL] = "chan send (nil chan)",
        [RT_WAIT_CHAN_RECV_NIL] = "chan receive (nil chan)",
        [RT_WAIT_SELECT] = "select",
        [RT_WAIT_SELECT_NO_CASES] = "select (no cases)",
        [RT_WAIT_SLEEP] = "sleep",
        [RT_WAIT_IO] = "IO wait",
        [RT_WAIT_MUTEX] = "sync.Mutex",
        [RT_WAIT_RWMUTEX_R] = "sync.RWMutex.RLock",
        [RT_WAIT_RWMUTEX_W] = "sync.RWMutex.Lock",
        [RT_WAIT_WAITGROUP] = "sync.WaitGroup",
        [RT_WAIT_COND] = "sync.Cond.Wait",
        [RT_WAIT_ONCE] = "sync.Once",
    };
    if ((unsigned)r >= RT_WAIT__COUNT || !names[r])
        return "waiting";
    return names[r];
}

/* ---- dumps ---- */

/* Prints one goroutine (or blocked thread). Racy reads by design. */
RT_NO_TSAN static void dump_one(rt_gx *g, bool is_current, const cgo_site *cur_site,
                                int64_t now)
{
    int st = atomic_load_explicit(&g->g.status, memory_order_acquire);
    bool thread = g->g.is_thread;
    if (!is_current && (st == RT_G_IDLE || st == RT_G_DEAD))
        return;
    if (thread && !is_current && st != RT_G_WAITING && st != RT_G_RUNNABLE)
        return; /* a plain thread outside the runtime */
    uint64_t id = g->g.id;
    int reason = g->g.wait_reason;
    const cgo_site *wsite = g->g.wait_site;
    const cgo_site *csite = g->g.create_site;
    int64_t since = g->g.wait_since;

    out_str("\n");
    if (thread) {
        out_str("thread [");
    } else {
        out_str("goroutine ");
        out_u64(id);
        out_str(" [");
    }
    const cgo_site *at = NULL;
    if (is_current || st == RT_G_RUNNING) {
        out_str("running");
        at = is_current ? cur_site : NULL;
    } else if (st == RT_G_RUNNABLE) {
        out_str("runnable");
    } else {
        out_str(rt_wait_reason_name((rt_wait_reason)reason));
        at = wsite;
        if (since > 0 && now > since) {
            uint64_t min = (uint64_t)(now - since) / 60000000000ULL;
            if (min >= 1) {
                out_str(", ");
                out_u64(min);
                out_str(min == 1 ? " minute" : " minutes");
            }
        }
    }
    out_str("]:\n");
    if (at) {
        out_str("\tat ");
        out_site(at);
        out_str("\n");
    }
    if (!thread && csite) {
        out_str("\tcreated at ");
        out_site(csite);
        out_str("\n");
    }
}

/* A goroutine that has not started (no stack yet: pend.h). */
RT_NO_TSAN static void dump_pend_one(const rt_pend *p)
{
    uint64_t id = p->id;
    const cgo_site *csite = p->site;
    if (atomic_load_explicit(&p->status, memory_order_acquire) != RT_G_RUNNABLE)
        return; /* started meanwhile */
    out_str("\ngoroutine ");
    out_u64(id);
    out_str(" [runnable]:\n");
    if (csite) {
        out_str("\tcreated at ");
        out_site(csite);
        out_str("\n");
    }
}

/* Goroutines are listed by id, as Go lists them (creation order): slots
 * are bound when a goroutine first runs, so slot order is run order. With
 * no memory to sort in, the walk is repeated: each pass collects the
 * DUMP_BATCH smallest ids above the last one printed (a sorted array on
 * the stack) and prints them. Beyond DUMP_SORTED_MAX goroutines (each pass
 * walks every slot) the dump is one pass in memory order instead. */
#define DUMP_BATCH 128
#define DUMP_SORTED_MAX 10000

typedef struct dump_item {
    uint64_t id;
    const void *p;   /* an rt_gx or an rt_pend */
    bool pend;
} dump_item;

typedef struct dump_pass {
    rt_gx *skip;     /* already printed first */
    int64_t now;
    bool sorted;     /* false: print at once, in memory order */
    uint64_t after;  /* collect ids > after ... */
    int n;           /* ... the n smallest so far, ascending */
    uint64_t live;   /* goroutines seen (first pass) */
    dump_item v[DUMP_BATCH];
} dump_pass;

RT_NO_TSAN static void dump_collect(dump_pass *d, uint64_t id, const void *p, bool pend)
{
    d->live++;
    if (!d->sorted) {
        if (pend)
            dump_pend_one(p);
        else
            dump_one((rt_gx *)p, false, NULL, d->now);
        return;
    }
    if (id <= d->after || (d->n == DUMP_BATCH && id >= d->v[DUMP_BATCH - 1].id))
        return;
    int i = d->n < DUMP_BATCH ? d->n++ : DUMP_BATCH - 1;
    for (; i > 0 && d->v[i - 1].id > id; i--)
        d->v[i] = d->v[i - 1];
    d->v[i] = (dump_item){id, p, pend};
}

RT_NO_TSAN static void dump_visit_slot(rt_gx *g, void *arg)
{
    dump_pass *d = arg;
    int st = atomic_load_explicit(&g->g.status, memory_order_relaxed);
    if (g != d->skip && st != RT_G_IDLE && st != RT_G_DEAD)
        dump_collect(d, g->g.id, g, false);
}

RT_NO_TSAN static void dump_visit_pend(const rt_pend *p, void *arg)
{
    dump_collect(arg, p->id, p, true);
}

static void dump_thread(rt_gx *g, void *arg)
{
    dump_pass *d = arg;
    if (g != d->skip)
        dump_one(g, false, NULL, d->now);
}

void rt_dump_all(rt_gx *first, const cgo_site *first_site)
{
    dump_pass d = {.skip = first, .now = rt_coarse_now(), .sorted = true};
    if (first)
        dump_one(first, true, first_site, d.now);
    for (;;) {
        d.n = 0;
        d.live = 0;
        rt_stack_each(dump_visit_slot, &d);
        rt_pend_each(dump_visit_pend, &d);
        if (!d.sorted)
            break;
        if (d.after == 0 && d.live > DUMP_SORTED_MAX) {
            d.sorted = false; /* too many for repeated passes */
            continue;
        }
        for (int i = 0; i < d.n; i++) {
            if (d.v[i].pend)
                dump_pend_one(d.v[i].p);
            else
                dump_one((rt_gx *)d.v[i].p, false, NULL, d.now);
        }
        if (d.n < DUMP_BATCH)
            break;
        d.after = d.v[DUMP_BATCH - 1].id;
    }
    rt_sched_each_thread_g(dump_thread, &d);
    out_flush();
}

/* ---- panics and fatal errors ---- */

static _Noreturn void die(const char *prefix, const char *msg, const cgo_site *site)
{
    if (!claim())
        hang();
    fflush(stdout);
    rt_gx *cur = rt_sched_current();
    out_str(prefix);
    out_str(msg ? msg : "");
    out_str("\n");
    if (!cur && rt_sched_worker_index() < 0) {
        /* a plain thread that never blocked in the runtime */
        out_str("\nthread [running]:\n");
        if (site) {
            out_str("\tat ");
            out_site(site);
            out_str("\n");
        }
    }
    rt_dump_all(cur, site);
    exit(2);
}

RT_EXPORT _Noreturn void rt_panic(const char *msg, const cgo_site *site)
{
    die("panic: ", msg, site);
}

RT_EXPORT _Noreturn void rt_fatal(const char *msg, const cgo_site *site)
{
    die("fatal error: ", msg, site);
}

#undef cgo_panic
RT_EXPORT _Noreturn void cgo_panic_at(const char *msg, const cgo_site *site)
{
    die("panic: ", msg, site);
}

RT_EXPORT _Noreturn void cgo_panic(const char *msg)
{
    die("panic: ", msg, NULL);
}

RT_NO_TSAN _Noreturn void rt_fatal_stack_overflow(rt_gx *g)
{
    if (!claim())
        hang();
    out_str("fatal error: stack overflow in goroutine ");
    out_u64(g->g.id);
    if (g->g.create_site) {
        out_str(" (created at ");
        out_site(g->g.create_site);
        out_str(")");
    }
    out_str("; raise CGO_STACK_SIZE (now ");
    out_u64(rt_stack_requested());
    out_str(")\n");
    rt_dump_all(g, NULL);
    _exit(2);
}

/* ---- SIGQUIT ---- */

static void sigquit_handler(int sig)
{
    (void)sig;
    if (!claim())
        hang();
    out_str("SIGQUIT: quit\n");
    rt_dump_all(NULL, NULL);
    _exit(2);
}

void rt_panic_install_sigquit(void)
{
    struct sigaction old;
    if (sigaction(SIGQUIT, NULL, &old) != 0)
        return;
    if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = sigquit_handler;
        sa.sa_flags = SA_ONSTACK | SA_RESTART;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGQUIT, &sa, NULL);
    }
}
