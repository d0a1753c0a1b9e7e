// select: two producers on their own unbuffered channels, one consumer
// selecting on both; a closed channel is set to nil so select ignores it.
// One op = one item.
package main

import "time"

func produce(ch chan<- int, from, n int) {
	for i := from; i < n; i += 2 {
		ch <- i
	}
	close(ch)
}

func main() {
	n := sizeArg(1000000)
	a, b := make(chan int), make(chan int)
	start := time.Now()
	go produce(a, 0, n)
	go produce(b, 1, n)
	var sum int64
	count := 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			sum += int64(v)
			count++
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			sum += int64(v)
			count++
		}
	}
	elapsed := time.Since(start)
	check(count == n && sum == int64(n)*int64(n-1)/2, "select", "count %d sum %d", count, sum)
	report("select", n, elapsed)
}
