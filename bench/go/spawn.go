// spawn: N goroutines, each atomically adds its index to a counter; a
// WaitGroup waits for all. One op = one goroutine.
package main

import (
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	n := sizeArg(1000000)
	var sum int64
	var wg sync.WaitGroup
	start := time.Now()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func(i int) {
			atomic.AddInt64(&sum, int64(i))
			wg.Done()
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start)
	check(sum == int64(n)*int64(n-1)/2, "spawn", "sum %d", sum)
	report("spawn", n, elapsed)
}
