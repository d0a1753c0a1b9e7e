// parked: N goroutines blocked receiving; reports (RSS after parking - RSS
// before) / N as bytes per goroutine.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

func rss() int64 {
	var size, resident int64
	f, err := os.Open("/proc/self/statm")
	if err != nil {
		return 0
	}
	defer f.Close()
	fmt.Fscan(f, &size, &resident)
	return resident * int64(os.Getpagesize())
}

func main() {
	n := sizeArg(100000)
	runtime.GC()
	before := rss()
	ch := make(chan int)
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			v := <-ch
			_ = v
			finished.Done()
		}()
	}
	started.Wait()
	time.Sleep(10 * time.Millisecond) // let the last ones reach the receive
	after := rss()
	close(ch)
	finished.Wait()
	fmt.Printf("parked %d %.0f bytes/op\n", n, float64(after-before)/float64(n))
}
