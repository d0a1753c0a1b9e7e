// pingpong: two goroutines, two unbuffered channels of int, N round trips.
// One op = one round trip.
package main

import "time"

func main() {
	n := sizeArg(1000000)
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	start := time.Now()
	sum := 0
	for i := 0; i < n; i++ {
		ping <- i
		sum += <-pong - i
	}
	elapsed := time.Since(start)
	close(ping)
	check(sum == n, "pingpong", "sum %d", sum)
	report("pingpong", n, elapsed)
}
