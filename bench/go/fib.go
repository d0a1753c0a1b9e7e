// fib: fib(N) with a goroutine per call down to n < 20 (computed serially
// below), results joined through channels. One op = one spawned goroutine.
package main

import (
	"sync/atomic"
	"time"
)

var spawned int64

func serial(n int) int64 {
	if n < 2 {
		return int64(n)
	}
	return serial(n-1) + serial(n-2)
}

func fib(n int, out chan<- int64) {
	if n < 20 {
		out <- serial(n)
		return
	}
	ch := make(chan int64, 2)
	atomic.AddInt64(&spawned, 2)
	go fib(n-1, ch)
	go fib(n-2, ch)
	out <- <-ch + <-ch
}

func main() {
	n := sizeArg(32)
	out := make(chan int64, 1)
	start := time.Now()
	atomic.AddInt64(&spawned, 1)
	go fib(n, out)
	result := <-out
	elapsed := time.Since(start)
	check(result == serial(n), "fib", "fib(%d) = %d", n, result)
	report("fib", int(spawned), elapsed)
}
