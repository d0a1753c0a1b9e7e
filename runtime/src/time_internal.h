/*
 * time_internal.h — between time.c (clock, timer heap, sleep) and
 * time_chan.c (cgo_after, cgo_timer, cgo_ticker, cgo_after_func).
 * Nothing else includes it.
 */
#ifndef CGO_TIME_INTERNAL_H
#define CGO_TIME_INTERNAL_H

#include "rt.h"

#include <stddef.h>

#ifndef RT_EXPORT
#define RT_EXPORT __attribute__((visibility("default")))
#endif

typedef struct rt_timer rt_timer;

/* A timer. Zero-initialise, then set idx = -1 and fire (or g for a sleep).
 * when, period and idx belong to time.c and change only under its heap lock. */
struct rt_timer {
    int64_t when;   /* deadline while in the heap */
    int64_t period; /* > 0: re-armed every period after firing (ticker) */
    ptrdiff_t idx;  /* heap index; -1 when not in the heap */
    /* Called with the heap lock held, on the scheduler stack or wherever
     * rt_timers_run runs; must not block or touch the heap (rt.h T4). For a
     * one-shot timer it is already out of the heap; for a periodic one it is
     * already re-armed. NULL: a sleep, whose g is readied. */
    void (*fire)(rt_timer *t, int64_t now);
    rt_g *g; /* sleep only */
};

/* now + d, clamped: d <= 0 gives now, overflow gives INT64_MAX. */
int64_t rt_time_deadline(cgo_duration d);

/* Arms t to fire at when, then every period if period > 0, removing it
 * first if pending. Returns whether it was pending. Calls rt_timers_changed
 * if it became the earliest. */
bool rt_timer_arm(rt_timer *t, int64_t when, int64_t period);

/* Removes t if pending; returns whether it was. When it returns, t's fire
 * callback is not running and will not run until t is armed again. */
bool rt_timer_disarm(rt_timer *t);

#endif /* CGO_TIME_INTERNAL_H */
