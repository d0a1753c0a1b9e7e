// skynet: a 10-ary tree of goroutines down to N leaves; leaf i sends i on an
// unbuffered channel, each parent sums its 10 children. One op = one leaf.
package main

import "time"

func skynet(out chan<- int64, num int64, size int64) {
	if size == 1 {
		out <- num
		return
	}
	ch := make(chan int64)
	child := size / 10
	for i := int64(0); i < 10; i++ {
		go skynet(ch, num+i*child, child)
	}
	var sum int64
	for i := 0; i < 10; i++ {
		sum += <-ch
	}
	out <- sum
}

func main() {
	n := sizeArg(1000000)
	leaves := int64(1)
	for leaves*10 <= int64(n) {
		leaves *= 10
	}
	out := make(chan int64)
	start := time.Now()
	go skynet(out, 0, leaves)
	sum := <-out
	elapsed := time.Since(start)
	check(sum == leaves*(leaves-1)/2, "skynet", "sum %d", sum)
	report("skynet", int(leaves), elapsed)
}
