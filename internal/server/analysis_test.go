package server

import (
	"math"
	"sync"
	"sync/atomic"
	"testing"
)

func TestFirstAxis(t *testing.T) {
	// Two blocs: 0, 1, 2 agree among themselves, as do 3, 4; across, they
	// rarely do. State 4 is the reference.
	n := 5
	bloc := []int{0, 0, 0, 1, 1}
	agree := make([]float64, n*n)
	for i := range n {
		for j := range n {
			switch {
			case i == j:
				agree[i*n+j] = 1
			case bloc[i] == bloc[j]:
				agree[i*n+j] = 0.9
			default:
				agree[i*n+j] = 0.2
			}
		}
	}
	agree[0*n+3], agree[3*n+0] = math.NaN(), math.NaN() // no roll call in common
	x := firstAxis(agree, n, 4)
	for i := range 3 {
		for j := 3; j < 5; j++ {
			if x[i] >= x[j] {
				t.Errorf("x = %v: state %d of the first bloc is not below state %d", x, i, j)
			}
		}
	}
	if x[4] <= 0 {
		t.Errorf("reference on the negative side: %v", x)
	}
}

func TestCache(t *testing.T) {
	c := newCache(2, 1<<20)
	var calls atomic.Int32
	f := func() (int, error) { calls.Add(1); return 42, nil }
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := cached(c, "a", f); v != 42 || err != nil {
				t.Error(v, err)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("computed %d times", calls.Load())
	}
	cached(c, "b", f)
	cached(c, "c", f)
	if c.len() != 2 {
		t.Errorf("len %d, want 2", c.len())
	}
	cached(c, "a", f) // evicted: computed again
	if calls.Load() != 4 {
		t.Errorf("computed %d times, want 4", calls.Load())
	}
	_, err := cached(c, "p", func() (int, error) { panic("boom") })
	if err == nil || c.len() > 2 {
		t.Errorf("panic: err %v, len %d", err, c.len())
	}
}

func TestShapeChains(t *testing.T) {
	s := newTestServer(t, Config{})
	for id, want := range map[string]string{"398": "KAZ SUN", "643": "RUS SUN", "191": "HRV YUG", "688": "SRB SCG YUG", "703": "SVK CSK", "156": "CHN", "158": "TWN"} {
		got := ""
		for i, c := range s.shapes[id] {
			if i > 0 {
				got += " "
			}
			got += c
		}
		if got != want {
			t.Errorf("shape %s: %q, want %q", id, got, want)
		}
	}
}
