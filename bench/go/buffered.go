// buffered: one producer, one consumer, capacity 1024, N ints, close then
// range. One op = one item.
package main

import "time"

func main() {
	n := sizeArg(10000000)
	ch := make(chan int, 1024)
	start := time.Now()
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	var sum int64
	for v := range ch {
		sum += int64(v)
	}
	elapsed := time.Since(start)
	check(sum == int64(n)*int64(n-1)/2, "buffered", "sum %d", sum)
	report("buffered", n, elapsed)
}
