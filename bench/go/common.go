// Shared helpers for the Go side of the benchmarks: the size argument, the
// result line, and checksum failure. Every program prints exactly one line:
//   <name> <N> <value> <unit>
// where value is ns/op for timed workloads and bytes/op for "parked".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func sizeArg(def int) int {
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n <= 0 {
			fmt.Fprintf(os.Stderr, "usage: %s [N>0]\n", os.Args[0])
			os.Exit(2)
		}
		return n
	}
	return def
}

func report(name string, n int, elapsed time.Duration) {
	fmt.Printf("%s %d %.2f ns/op\n", name, n, float64(elapsed.Nanoseconds())/float64(n))
}

func check(ok bool, name string, what string, args ...interface{}) {
	if !ok {
		fmt.Fprintf(os.Stderr, "%s: checksum failed: "+what+"\n", append([]interface{}{name}, args...)...)
		os.Exit(1)
	}
}
