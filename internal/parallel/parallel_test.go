package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]atomic.Int32, n)
		var workers atomic.Int32
		For(n, func() func(int) {
			workers.Add(1)
			return func(k int) { seen[k].Add(1) }
		})
		for k := range seen {
			if c := seen[k].Load(); c != 1 {
				t.Errorf("n=%d: k=%d called %d times", n, k, c)
			}
		}
		if n == 0 && workers.Load() != 0 {
			t.Errorf("n=0: %d workers started", workers.Load())
		}
	}
	var sum atomic.Int64
	Each(100, func(k int) { sum.Add(int64(k)) })
	if sum.Load() != 4950 {
		t.Errorf("Each: sum %d", sum.Load())
	}
}
