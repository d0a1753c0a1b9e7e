// sieve: the concurrent prime sieve (a generator and a daisy chain of
// filter goroutines) up to the Nth prime. One op = one prime.
package main

import "time"

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		if i := <-in; i%prime != 0 {
			out <- i
		}
	}
}

func main() {
	n := sizeArg(3000)
	start := time.Now()
	ch := make(chan int)
	go generate(ch)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		next := make(chan int)
		go filter(ch, next, prime)
		ch = next
	}
	elapsed := time.Since(start)
	if n == 3000 {
		check(prime == 27449, "sieve", "3000th prime %d", prime)
	}
	check(prime > 1, "sieve", "prime %d", prime)
	report("sieve", n, elapsed)
}
