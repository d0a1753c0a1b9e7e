/*
 * pend.c — cells for goroutines that have not started yet (see pend.h).
 *
 * Why. A goroutine used to take its stack slot in the `go` statement. When
 * the goroutines a worker spawns run on another worker (spawn: main creates,
 * the other worker runs), every slot crossed CPUs twice: the creator wrote
 * its header, argument copy and first frame (each slot's top page is a page
 * of its own: a TLB and several cache misses), and the runner read them and
 * freed the slot into its own pool, from which it reached the creator again.
 * Whenever the runner fell behind, the queued goroutines each held a slot,
 * often a new one (a page fault, ~6 us on the benchmark VM). A cell is 128
 * bytes in one array (two cache lines, one for argument blocks up to 24
 * bytes); the slot is taken by the worker that runs the goroutine, from its
 * own pool, where the goroutine it ran before just left it.
 *
 * Layout. One MAP_NORESERVE reservation of PEND_CELLS cells; cells
 * [0, carved) have been handed out since the last reset, the rest were
 * never touched. Free cells sit in per-worker caches (arrays, owner only,
 * LIFO) and in one global array (pend.lock). A worker whose cache is empty
 * takes PEND_BATCH cells from the global array, or carves new ones; a
 * worker whose cache is full moves its older half to the global array.
 * When every cell is in use, rt_pend_alloc returns NULL and the `go`
 * statement takes a slot at once, as before.
 *
 * Invariants
 *  - A cell is in exactly one place: a cache, the global array, or in use
 *    (filled by its creator, in a run queue, then bound and freed by the
 *    worker that runs it). status is RT_G_RUNNABLE while in use, for dumps.
 *  - pend.lock protects the global array and carved. It is a leaf
 *    lock, never taken by signal handlers (rt_pend_each only reads).
 *  - Only workers' threads allocate and free cells (plain threads take a
 *    slot at once), and only while they are not on the idle list. So with
 *    sched.lock held and every worker on the idle list, no cell is in use
 *    (idle workers have empty run queues and the global run queue is
 *    empty) and none can be allocated: rt_pend_reset then discards the
 *    cells' memory (MADV_DONTNEED: the pages read as zero, status
 *    RT_G_IDLE, when next touched) and empties every cache. The worker
 *    that next leaves the idle list takes sched.lock first, which orders
 *    its use of its cache after the reset.
 *  - carved only grows between resets and is read without the lock by
 *    rt_pend_each (acquire), so a dump only reads cells inside the
 *    reservation.
 */
#include "pend.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PEND_CELLS 1048576u /* 128 MiB of address space; beyond: slots at once */
#define PEND_CACHE 64       /* cells per worker cache */
#define PEND_BATCH (PEND_CACHE / 2)

_Static_assert(sizeof(rt_pend) == 128, "a cell is two cache lines");

typedef struct pend_cache {
    _Alignas(RT_CACHE_LINE) rt_pend *v[PEND_CACHE];
    int n;
} pend_cache;

struct rt_pend_range rt_pend_range;

static struct {
    rt_pend *cells;
    pend_cache *caches;         /* one per worker */
    int ncaches;
    rt_lock lock;
    rt_pend **free;             /* lock: the global array, PEND_CELLS entries */
    uint32_t nfree;             /* lock */
    _Atomic uint32_t carved;    /* written under lock; read by dumps and rt_pend_carved */
    uint32_t limit;             /* cells that may be carved (tests lower it) */
} pend = {.limit = PEND_CELLS};

void rt_pend_set_limit(uint32_t cells)
{
    pend.limit = cells < PEND_CELLS ? cells : PEND_CELLS;
}

/* The cells past the first PEND_SMALL_BYTES are backed by transparent huge
 * pages where the system allows it (MADV_HUGEPAGE; Go does the same for its
 * heap): a burst of 100,000 queued goroutines touches 12.5 MiB of cells,
 * 3,200 pages at ~12 us per first touch on the benchmark VM (timers' main
 * goroutine spent ~40 ms of its spawning loop on them), against ~0.3 us per
 * 4 KiB within a huge page. The first PEND_SMALL_BYTES stay in small pages
 * so that a program with fewer goroutines queued at once does not fault
 * in (and zero) 2 MiB at its first `go`, nor again after each reset. */
#define PEND_HUGE (2u << 20)
#define PEND_SMALL_BYTES (256u << 10)

/* Maps the cells so that they start PEND_SMALL_BYTES below a huge page
 * boundary (the range below that boundary cannot be a huge page: the
 * mapping starts inside its 2 MiB block) and asks for huge pages above it. */
static void *map_cells(size_t bytes)
{
    size_t span = bytes + PEND_HUGE;
    char *m = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (m == MAP_FAILED)
        return m;
    uintptr_t boundary = RT_ALIGN_UP((uintptr_t)m + PEND_SMALL_BYTES, (uintptr_t)PEND_HUGE);
    char *c = (char *)(boundary - PEND_SMALL_BYTES);
    if (c > m)
        munmap(m, (size_t)(c - m));
    char *end = m + span;
    if (end > c + bytes)
        munmap(c + bytes, (size_t)(end - (c + bytes)));
#ifdef MADV_HUGEPAGE
    madvise((void *)boundary, bytes - PEND_SMALL_BYTES, MADV_HUGEPAGE); /* advice only */
#endif
    return c;
}

void rt_pend_init(int nworkers)
{
    size_t cells = (size_t)PEND_CELLS * sizeof(rt_pend);
    size_t ptrs = (size_t)PEND_CELLS * sizeof(rt_pend *);
    void *c = map_cells(cells);
    void *f = mmap(NULL, ptrs, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    size_t csize = (size_t)nworkers * sizeof(pend_cache);
    pend_cache *caches = aligned_alloc(RT_CACHE_LINE, csize);
    if (c == MAP_FAILED || f == MAP_FAILED || !caches) {
        /* Not fatal: every goroutine takes its slot at once. */
        if (c != MAP_FAILED)
            munmap(c, cells);
        if (f != MAP_FAILED)
            munmap(f, ptrs);
        free(caches);
        return;
    }
    memset(caches, 0, csize);
    pend.cells = c;
    pend.free = f;
    pend.caches = caches;
    pend.ncaches = nworkers;
    rt_pend_range.lo = (uintptr_t)c;
    rt_pend_range.size = cells;
}

/* pend.lock held: fills the empty cache k with up to PEND_BATCH cells,
 * from the global array or newly carved; false if there are none. */
static bool refill_locked(pend_cache *k)
{
    uint32_t n = pend.nfree < PEND_BATCH ? pend.nfree : PEND_BATCH;
    if (n > 0) {
        pend.nfree -= n;
        memcpy(k->v, pend.free + pend.nfree, n * sizeof *k->v);
    } else {
        uint32_t carved = atomic_load_explicit(&pend.carved, memory_order_relaxed);
        n = pend.limit - carved < PEND_BATCH ? pend.limit - carved : PEND_BATCH;
        if (n == 0)
            return false;
        /* newest first out of the cache: the lowest cell goes last */
        for (uint32_t i = 0; i < n; i++)
            k->v[i] = &pend.cells[carved + n - 1 - i];
        atomic_store_explicit(&pend.carved, carved + n, memory_order_release);
    }
    k->n = (int)n;
    return true;
}

rt_pend *rt_pend_alloc(int worker)
{
    if (RT_UNLIKELY(!pend.caches))
        return NULL;
    pend_cache *k = &pend.caches[worker];
    if (RT_LIKELY(k->n > 0))
        return k->v[--k->n];
    rt_lock_acquire(&pend.lock);
    bool ok = refill_locked(k);
    rt_lock_release(&pend.lock);
    return ok ? k->v[--k->n] : NULL;
}

void rt_pend_free(int worker, rt_pend *p)
{
    atomic_store_explicit(&p->status, RT_G_IDLE, memory_order_relaxed);
    pend_cache *k = &pend.caches[worker];
    k->v[k->n++] = p;
    if (RT_LIKELY(k->n < PEND_CACHE))
        return;
    /* The older half (the coldest cells) to the global array. */
    rt_lock_acquire(&pend.lock);
    memcpy(pend.free + pend.nfree, k->v, PEND_BATCH * sizeof *k->v);
    pend.nfree += PEND_BATCH;
    rt_lock_release(&pend.lock);
    memmove(k->v, k->v + PEND_BATCH, (PEND_CACHE - PEND_BATCH) * sizeof *k->v);
    k->n -= PEND_BATCH;
}

void rt_pend_reset(void)
{
    rt_lock_acquire(&pend.lock);
    uint32_t carved = atomic_load_explicit(&pend.carved, memory_order_relaxed);
    if (carved > 0) {
        /* Page-rounded (both arrays start on a page): a partly used last
         * page is discarded too, which is what we want. The cells are
         * rounded up to a huge page boundary (within the mapping): a huge
         * page is resident as a whole, also beyond the last carved cell. */
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        uintptr_t lo = (uintptr_t)pend.cells;
        uintptr_t end = RT_ALIGN_UP(lo + (size_t)carved * sizeof(rt_pend), (uintptr_t)PEND_HUGE);
        if (end > lo + rt_pend_range.size)
            end = lo + rt_pend_range.size;
        madvise(pend.cells, end - lo, MADV_DONTNEED);
        madvise(pend.free, RT_ALIGN_UP((size_t)carved * sizeof(rt_pend *), page), MADV_DONTNEED);
    }
    for (int i = 0; i < pend.ncaches; i++)
        pend.caches[i].n = 0;
    pend.nfree = 0;
    atomic_store_explicit(&pend.carved, 0, memory_order_release);
    rt_lock_release(&pend.lock);
}

uint32_t rt_pend_carved(void)
{
    return atomic_load_explicit(&pend.carved, memory_order_acquire);
}

RT_NO_TSAN void rt_pend_each(void (*fn)(const rt_pend *p, void *arg), void *arg)
{
    uint32_t carved = atomic_load_explicit(&pend.carved, memory_order_acquire);
    for (uint32_t i = 0; i < carved; i++)
        if (atomic_load_explicit(&pend.cells[i].status, memory_order_relaxed) == RT_G_RUNNABLE)
            fn(&pend.cells[i], arg);
}
