package server

import (
	"sync"
	"sync/atomic"
	"testing"
)

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
