// mpmc: 4 producers, 4 consumers, one channel of capacity 1024, N items.
// One op = one item.
package main

import (
	"sync"
	"time"
)

func main() {
	n := sizeArg(4000000)
	const producers, consumers = 4, 4
	ch := make(chan int, 1024)
	sums := make([]int64, consumers)
	var pw, cw sync.WaitGroup
	start := time.Now()
	for p := 0; p < producers; p++ {
		pw.Add(1)
		go func(p int) {
			defer pw.Done()
			for i := p; i < n; i += producers {
				ch <- i
			}
		}(p)
	}
	for c := 0; c < consumers; c++ {
		cw.Add(1)
		go func(c int) {
			defer cw.Done()
			var s int64
			for v := range ch {
				s += int64(v)
			}
			sums[c] = s
		}(c)
	}
	pw.Wait()
	close(ch)
	cw.Wait()
	elapsed := time.Since(start)
	var sum int64
	for _, s := range sums {
		sum += s
	}
	check(sum == int64(n)*int64(n-1)/2, "mpmc", "sum %d", sum)
	report("mpmc", n, elapsed)
}
