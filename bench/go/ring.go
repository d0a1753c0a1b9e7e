// ring: 503 goroutines in a ring of unbuffered channels pass a token N
// times. One op = one hop.
package main

import "time"

const ringSize = 503

func main() {
	n := sizeArg(5000000)
	chans := make([]chan int, ringSize)
	for i := range chans {
		chans[i] = make(chan int)
	}
	done := make(chan int)
	for i := 0; i < ringSize; i++ {
		go func(in <-chan int, out chan<- int, id int) {
			for token := range in {
				if token == 0 {
					done <- id
					return
				}
				out <- token - 1
			}
		}(chans[i], chans[(i+1)%ringSize], i)
	}
	start := time.Now()
	chans[0] <- n
	last := <-done
	elapsed := time.Since(start)
	check(last == n%ringSize, "ring", "finished at %d", last)
	report("ring", n, elapsed)
}
