/*
 * stack.c — goroutine stack slots: chunked, pooled, guarded.
 *
 * Geometry (all multiples of the page size P, set once by rt_stack_init):
 *
 *   slot = [ guard page | usable stack ................ | rt_gx header ]
 *          ^slot base    ^g.stack_lo                    ^g.stack_hi   ^slot end
 *
 *   usable >= CGO_STACK_SIZE (default 64 KiB, x4 under AddressSanitizer,
 *   minimum 16 KiB); the header (rt_gx, rounded to 64 bytes) sits at the very
 *   top so that a parked goroutine's header, argument copy and innermost
 *   frames usually share one page: a parked goroutine costs about one 4 KiB
 *   page of RSS.
 *
 * Slots are carved out of chunks: one mmap(MAP_PRIVATE|MAP_ANONYMOUS|
 * MAP_NORESERVE|MAP_STACK) of ~256 MiB holding many slots. Nothing is
 * committed until touched, MAP_NORESERVE keeps the address space out of
 * the overcommit heuristic, and MAP_STACK + MADV_NOHUGEPAGE keep
 * transparent huge pages (which would cost 2 MiB per goroutine) away.
 *
 * Guard pages, in order of preference (chosen once, on the first slot):
 *   RT_GUARD_MADVISE   madvise(MADV_GUARD_INSTALL) (Linux >= 6.13): a fault
 *                      on access, without splitting the VMA, so 1,000,000
 *                      goroutines fit in vm.max_map_count = 65530.
 *   RT_GUARD_MPROTECT  mprotect(PROT_NONE) while the VMA budget allows
 *                      (each costs up to two VMAs; budget: a quarter of
 *                      vm.max_map_count), then
 *   RT_GUARD_CANARY    canary words at stack_lo, checked whenever the
 *                      goroutine switches out (detects after the fact).
 * CGO_STACK_GUARD=mprotect|canary forces a fallback (for testing). Under
 * valgrind the first choice is RT_GUARD_MPROTECT (valgrind does not know
 * guard regions and crashes when it touches one).
 * Overflow faults are caught by the SIGSEGV handler in sched.c, which asks
 * rt_stack_guard_owner() whether the address is a guard page.
 * Note: a single frame larger than one page can jump over the guard into
 * the header of the slot below; compile code with large frames with
 * -fstack-clash-protection to get a fault instead.
 *
 * Invariants
 *  - Chunks are never unmapped and chunks[] only grows: chunks[i] is fully
 *    written before nchunks is raised past i (release/acquire), and a
 *    chunk's `used` only grows. So signal handlers and dumps walk
 *    [0, nchunks) x [0, used) without locks and always read mapped memory.
 *  - stack_lock protects: creating chunks, bumping `used`, and the free-slot
 *    array. It is a leaf lock (nothing else is taken while it is held) and
 *    is never taken by signal handlers.
 *  - A freed slot is MADV_DONTNEED'ed (guard excluded: guards survive it)
 *    below its top page; up to RT_WARM_MAX free slots keep that top page
 *    (header and innermost frames) resident, with status RT_G_IDLE for
 *    dumps, because reusing it is far cheaper than faulting it back in;
 *    beyond that the whole slot is released and its header reads as zero
 *    (also RT_G_IDLE). The free list is LIFO, so warm slots go first.
 *    sched.c keeps its own bounded pools of live headers in front of this
 *    (recently dead goroutines are reused hot).
 *  - New slots are prepared RT_PREP_BATCH at a time (guards installed and
 *    top pages populated by one process_madvise each); slots in
 *    [used, prepared) of a chunk are ready but not yet handed out.
 *  - Slot memory is registered once, at first use, with valgrind
 *    (VALGRIND_STACK_REGISTER) and LeakSanitizer (root region: objects only
 *    referenced from goroutine stacks are not leaks).
 */
#include "stack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifdef CGO_HAVE_VALGRIND_H
#include <valgrind/valgrind.h>
#endif

#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

#if RT_ASAN
void __lsan_register_root_region(const void *p, size_t size);
#endif

#define RT_CHUNK_BYTES ((size_t)256 << 20)
#define RT_MAX_CHUNKS 65536
#define RT_STACK_DEFAULT ((size_t)64 << 10)
#define RT_STACK_MIN ((size_t)16 << 10)
#define RT_STACK_MAX ((size_t)1 << 30)

typedef struct chunk {
    char *base;
    uint32_t nslots;
    _Atomic uint32_t used;
    uint32_t prepared;           /* stack_lock: slots [used, prepared) have guards */
} chunk;

/* New slots are prepared RT_PREP_BATCH at a time: their guard pages
 * installed and their top (header) pages faulted in with one
 * process_madvise call each, instead of one madvise and one page fault per
 * goroutine (on the VMs the benchmarks run on, a page fault costs ~11 us
 * and a madvise ~1.4 us; batched, ~1 us per slot in all). */
#define RT_PREP_BATCH 64

static size_t page_size;
static size_t usable_size;   /* bytes between stack_lo and stack_hi */
static size_t requested_size; /* CGO_STACK_SIZE (or the default) */
static size_t slot_size;
static size_t hdr_size;
static uint32_t slots_per_chunk;

static chunk chunks[RT_MAX_CHUNKS];
static _Atomic uint32_t nchunks;

static rt_lock stack_lock;
static uint64_t *free_slots;     /* chunk << 32 | slot */
static size_t nfree_slots, cap_free_slots;
static _Atomic uint64_t slots_in_use;

#define RT_WARM_MAX 16384       /* free slots that keep their top page */
static _Atomic uint32_t nwarm;   /* free slots whose top page is resident */

static int guard_mode;           /* enum rt_guard_kind for new slots; 0 = undecided */
static bool prep_batch_ok;       /* stack_lock: batch slot preparation works */
static long mprotect_budget;

size_t rt_stack_usable(void) { return usable_size; }
size_t rt_stack_requested(void) { return requested_size; }
size_t rt_stack_slot_size(void) { return slot_size; }
uint64_t rt_stack_slots_in_use(void)
{
    return atomic_load_explicit(&slots_in_use, memory_order_relaxed);
}

static _Noreturn void bad_env(const char *name, const char *val)
{
    fprintf(stderr, "fatal error: invalid %s=\"%s\" (expected bytes, optionally "
                    "with a k/K or m/M suffix, e.g. 256k)\n", name, val);
    exit(2);
}

/* "65536", "64k", "64K", "1m", "1M". */
static size_t parse_size(const char *name, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno != 0 || s[0] == '-' || s[0] == '+')
        bad_env(name, s);
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1024, end++;
    else if (*end == 'm' || *end == 'M')
        mul = 1024 * 1024, end++;
    if (*end != '\0' || v > RT_STACK_MAX / mul)
        bad_env(name, s);
    return (size_t)(v * mul);
}

static long read_max_map_count(void)
{
    long v = 65530;
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        if (fscanf(f, "%ld", &v) != 1)
            v = 65530;
        fclose(f);
    }
    return v;
}

void rt_stack_init(void)
{
    long ps = sysconf(_SC_PAGESIZE);
    page_size = ps > 0 ? (size_t)ps : 4096;

    size_t want = RT_STACK_DEFAULT * (RT_ASAN ? 4 : 1);
    const char *env = getenv("CGO_STACK_SIZE");
    if (env && *env)
        want = parse_size("CGO_STACK_SIZE", env);
    if (want < RT_STACK_MIN)
        want = RT_STACK_MIN;
    requested_size = want;

    hdr_size = RT_ALIGN_UP(sizeof(rt_gx), 64);
    slot_size = page_size + RT_ALIGN_UP(want + hdr_size, page_size);
    usable_size = slot_size - page_size - hdr_size;
    slots_per_chunk = (uint32_t)(RT_CHUNK_BYTES / slot_size);
    if (slots_per_chunk == 0)
        slots_per_chunk = 1;

    const char *g = getenv("CGO_STACK_GUARD");
    if (g && strcmp(g, "mprotect") == 0)
        guard_mode = RT_GUARD_MPROTECT;
    else if (g && strcmp(g, "canary") == 0)
        guard_mode = RT_GUARD_CANARY;
    else if (g && *g && strcmp(g, "madvise") != 0)
        bad_env("CGO_STACK_GUARD", g);
    mprotect_budget = read_max_map_count() / 4;
    /* Sanitizers and valgrind do not know process_madvise. */
    prep_batch_ok = !RT_ASAN && !RT_TSAN;
#ifdef CGO_HAVE_VALGRIND_H
    if (RUNNING_ON_VALGRIND) {
        prep_batch_ok = false;
        /* Valgrind (3.19) does not model MADV_GUARD_INSTALL: it believes a
         * guard page is ordinary memory and itself faults on it while
         * handling the overflow's SIGSEGV ("the 'impossible' happened").
         * mprotect guards are in its memory map. */
        if (guard_mode == 0 || guard_mode == RT_GUARD_MADVISE)
            guard_mode = RT_GUARD_MPROTECT;
    }
#endif
}

static inline rt_gx *slot_header(const chunk *c, uint32_t i)
{
    return (rt_gx *)(c->base + (size_t)(i + 1) * slot_size - hdr_size);
}

/* With stack_lock held. */
static chunk *new_chunk(void)
{
    uint32_t n = atomic_load_explicit(&nchunks, memory_order_relaxed);
    if (n == RT_MAX_CHUNKS)
        rt_fatal("too many goroutine stacks (address space for goroutines exhausted)", NULL);
    size_t bytes = (size_t)slots_per_chunk * slot_size;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (p == MAP_FAILED)
        rt_fatal("out of memory: cannot map goroutine stacks", NULL);
#ifdef MADV_NOHUGEPAGE
    madvise(p, bytes, MADV_NOHUGEPAGE);
#endif
    chunk *c = &chunks[n];
    c->base = p;
    c->nslots = slots_per_chunk;
    atomic_store_explicit(&c->used, 0, memory_order_relaxed);
    atomic_store_explicit(&nchunks, n + 1, memory_order_release);
    return c;
}

/* Installs the guard of a never-used slot; returns its kind. The first
 * slot of a chunk always gets a real guard (mprotect, outside the budget:
 * one per chunk), so an overflow in canary mode faults at the chunk's
 * bottom instead of running into whatever is mapped below it. */
static int install_guard(char *base, uint32_t si)
{
    if (guard_mode == 0 || guard_mode == RT_GUARD_MADVISE) {
        if (madvise(base, page_size, MADV_GUARD_INSTALL) == 0) {
            guard_mode = RT_GUARD_MADVISE;
            return RT_GUARD_MADVISE;
        }
        if (guard_mode == RT_GUARD_MADVISE) /* worked before: unexpected */
            rt_fatal("madvise(MADV_GUARD_INSTALL) failed for a goroutine stack", NULL);
        guard_mode = RT_GUARD_MPROTECT; /* older kernel (EINVAL) */
    }
    if (guard_mode == RT_GUARD_MPROTECT) {
        if (mprotect_budget > 0 && mprotect(base, page_size, PROT_NONE) == 0) {
            mprotect_budget--;
            return RT_GUARD_MPROTECT;
        }
        guard_mode = RT_GUARD_CANARY; /* VMA budget used up */
    }
    if (si == 0 && mprotect(base, page_size, PROT_NONE) == 0)
        return RT_GUARD_MPROTECT;
    return RT_GUARD_CANARY;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#define RT_PIDFD_SELF (-10000) /* PIDFD_SELF_THREAD: the calling process (Linux >= 6.14) */

/* With stack_lock held, guard_mode == RT_GUARD_MADVISE: prepares slots
 * [si, si + n) of c. False if the kernel cannot do it in one call (then
 * every slot gets its own madvise, as before). */
static bool prepare_slots(chunk *c, uint32_t si, uint32_t n)
{
    struct iovec iov[RT_PREP_BATCH];
    for (uint32_t i = 0; i < n; i++) {
        iov[i].iov_base = c->base + (size_t)(si + i) * slot_size;
        iov[i].iov_len = page_size;
    }
    long rc = syscall(SYS_process_madvise, RT_PIDFD_SELF, iov, (size_t)n, MADV_GUARD_INSTALL, 0);
    if (rc != (long)(n * page_size))
        return false; /* nothing or part installed: install_guard redoes each (idempotent) */
    for (uint32_t i = 0; i < n; i++)
        iov[i].iov_base = c->base + (size_t)(si + i + 1) * slot_size - page_size;
    /* Best effort: a failure only means the first touch faults. */
    (void)syscall(SYS_process_madvise, RT_PIDFD_SELF, iov, (size_t)n, MADV_POPULATE_WRITE, 0);
    return true;
}

rt_gx *rt_stack_alloc(void)
{
    chunk *c;
    uint32_t ci, si;
    int guard = RT_GUARD_CANARY;
    bool first_use = false;

    rt_lock_acquire(&stack_lock);
    if (nfree_slots > 0) {
        uint64_t e = free_slots[--nfree_slots];
        ci = (uint32_t)(e >> 32);
        si = (uint32_t)e & 0x07ffffff;
        guard = (int)((e >> 28) & 0xf);
        if (e & (1u << 27))
            atomic_fetch_sub_explicit(&nwarm, 1, memory_order_relaxed);
        c = &chunks[ci];
    } else {
        uint32_t n = atomic_load_explicit(&nchunks, memory_order_relaxed);
        c = n ? &chunks[n - 1] : NULL;
        if (!c || atomic_load_explicit(&c->used, memory_order_relaxed) == c->nslots) {
            c = new_chunk();
            n++;
        }
        ci = n - 1;
        si = atomic_load_explicit(&c->used, memory_order_relaxed);
        first_use = true;
    }
    char *base = c->base + (size_t)si * slot_size;
    if (first_use && si < c->prepared) {
        guard = RT_GUARD_MADVISE;
        atomic_store_explicit(&c->used, si + 1, memory_order_release);
    } else if (first_use) {
        if (guard_mode == RT_GUARD_MADVISE && prep_batch_ok) {
            uint32_t n = c->nslots - si;
            if (n > RT_PREP_BATCH)
                n = RT_PREP_BATCH;
            if (prepare_slots(c, si, n))
                c->prepared = si + n;
            else
                prep_batch_ok = false;
        }
        guard = si < c->prepared ? RT_GUARD_MADVISE : install_guard(base, si);
        /* Publish the slot to walkers only after its guard exists. */
        atomic_store_explicit(&c->used, si + 1, memory_order_release);
    }
    rt_lock_release(&stack_lock);

    rt_gx *g = slot_header(c, si);
    g->guard = (uint8_t)guard; /* a released slot keeps its guard */
    if (first_use) {
#ifdef CGO_HAVE_VALGRIND_H
        g->valgrind_id = VALGRIND_STACK_REGISTER(base + page_size, (char *)g);
#endif
#if RT_ASAN
        __lsan_register_root_region(base + page_size, slot_size - page_size);
#endif
    }
    g->chunk = ci;
    g->slot = si;
    g->fresh = true;
    g->g.stack_lo = base + page_size;
    g->g.stack_hi = (char *)g;
    if (g->guard == RT_GUARD_CANARY) {
        uint64_t *w = (uint64_t *)g->g.stack_lo;
        for (int i = 0; i < RT_STACK_CANARY_WORDS; i++)
            w[i] = RT_STACK_CANARY;
    }
    atomic_fetch_add_explicit(&slots_in_use, 1, memory_order_relaxed);
    return g;
}

void rt_stack_free(rt_gx *g)
{
    uint32_t ci = g->chunk, si = g->slot;
    chunk *c = &chunks[ci];
    char *base = c->base + (size_t)si * slot_size;
    uint64_t kind = g->guard; /* read before DONTNEED zeroes the header */
    /* Up to RT_WARM_MAX free slots keep their top page (the header and the
     * innermost frames) resident: the next goroutine on the slot touches it
     * at once, and a page fault costs far more than the 4 KiB it holds. */
    uint64_t warm = 0;
    if (atomic_load_explicit(&nwarm, memory_order_relaxed) < RT_WARM_MAX) {
        atomic_fetch_add_explicit(&nwarm, 1, memory_order_relaxed);
        warm = 1;
        atomic_store_explicit(&g->g.status, RT_G_IDLE, memory_order_release);
        madvise(base + page_size, slot_size - 2 * page_size, MADV_DONTNEED);
    } else {
        madvise(base + page_size, slot_size - page_size, MADV_DONTNEED);
    }
    rt_lock_acquire(&stack_lock);
    if (nfree_slots == cap_free_slots) {
        size_t ncap = cap_free_slots ? cap_free_slots * 2 : 1024;
        uint64_t *p = realloc(free_slots, ncap * sizeof *p);
        if (!p) {
            rt_lock_release(&stack_lock);
            return; /* leak the slot's address space, not its memory */
        }
        free_slots = p;
        cap_free_slots = ncap;
    }
    free_slots[nfree_slots++] = (uint64_t)ci << 32 | kind << 28 | warm << 27 | si;
    rt_lock_release(&stack_lock);
    atomic_fetch_sub_explicit(&slots_in_use, 1, memory_order_relaxed);
}

rt_gx *rt_stack_guard_owner(const void *addr)
{
    uintptr_t a = (uintptr_t)addr;
    uint32_t n = atomic_load_explicit(&nchunks, memory_order_acquire);
    for (uint32_t i = 0; i < n; i++) {
        const chunk *c = &chunks[i];
        uintptr_t b = (uintptr_t)c->base;
        if (a < b || a - b >= (uintptr_t)c->nslots * slot_size)
            continue;
        uint32_t si = (uint32_t)((a - b) / slot_size);
        if ((a - b) % slot_size >= page_size)
            return NULL; /* inside a stack or header, not a guard */
        if (si >= atomic_load_explicit(&c->used, memory_order_acquire))
            return NULL;
        return slot_header(c, si);
    }
    return NULL;
}

void rt_stack_each(void (*fn)(rt_gx *g, void *arg), void *arg)
{
    uint32_t n = atomic_load_explicit(&nchunks, memory_order_acquire);
    for (uint32_t i = 0; i < n; i++) {
        const chunk *c = &chunks[i];
        uint32_t used = atomic_load_explicit(&c->used, memory_order_acquire);
        for (uint32_t s = 0; s < used; s++)
            fn(slot_header(c, s), arg);
    }
}
