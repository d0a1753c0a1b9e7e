// mutex: 4 goroutines x N/4 lock/increment/unlock on one mutex.
// One op = one lock/unlock.
package main

import (
	"sync"
	"time"
)

func main() {
	n := sizeArg(4000000)
	const workers = 4
	var mu sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n/workers; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	check(counter == n/workers*workers, "mutex", "counter %d", counter)
	report("mutex", n/workers*workers, elapsed)
}
