// timers: N goroutines each sleep 10 ms; reports (wall - 10 ms) / N, the
// cost of one timer beyond the sleep itself.
package main

import (
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	n := sizeArg(100000)
	const d = 10 * time.Millisecond
	var wg sync.WaitGroup
	var woke int64
	wg.Add(n)
	start := time.Now()
	for i := 0; i < n; i++ {
		go func() {
			time.Sleep(d)
			atomic.AddInt64(&woke, 1)
			wg.Done()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start) - d
	check(woke == int64(n), "timers", "woke %d", woke)
	report("timers", n, elapsed)
}
