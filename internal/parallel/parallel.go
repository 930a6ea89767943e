// Package parallel runs independent pieces of an analysis (one window, one
// state) on as many goroutines as Go may run at once.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls, for every k in 0..n-1 and each k once, the function that each
// of min(GOMAXPROCS, n) goroutines gets from worker (where a worker keeps
// its own buffers), and waits for all of them.
func For(n int, worker func() func(k int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := worker()
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				f(k)
			}
		}()
	}
	wg.Wait()
}

// Each calls f(k) for every k in 0..n-1 as For does.
func Each(n int, f func(k int)) {
	For(n, func() func(int) { return f })
}
