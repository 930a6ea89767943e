package ideal

import (
	"context"
	"errors"
	"testing"
)

// TestFitCancel: a fit whose context is cancelled during an iteration
// returns a cancellation error at the next one, and no result.
func TestFitCancel(t *testing.T) {
	c := simConfig{states: 60, years: 20, perYear: 40, year0: 1990, evolutionVar: 0.1, recurring: 0.3, nonVote: 0.1}
	m, _ := simulate(c, 5)
	for _, dims := range []int{1, 2} {
		ctx, cancel := context.WithCancel(context.Background())
		o := DefaultOptions()
		if dims == 2 {
			o = Options{Dims: 2}
		}
		last := 0
		o.Progress = func(iter int, _ float64) {
			last = iter
			if iter == 3 {
				cancel()
			}
		}
		res, err := FitContext(ctx, m, o)
		cancel()
		if !errors.Is(err, context.Canceled) || res != nil {
			t.Fatalf("%d-D: cancelled fit returned %v, %v", dims, res, err)
		}
		if last != 3 {
			t.Errorf("%d-D: %d iterations after the cancel at 3", dims, last)
		}
		t.Logf("%d-D: %v", dims, err)
	}
}

// TestBootstrapCancel: a bootstrap whose context is done returns a
// cancellation error and leaves the fit as it was.
func TestBootstrapCancel(t *testing.T) {
	c := simConfig{states: 60, years: 20, perYear: 40, year0: 1990, evolutionVar: 0.1, recurring: 0.3, nonVote: 0.1}
	m, _ := simulate(c, 5)
	res, err := Fit(m, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	before := res.Points[0]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err = res.BootstrapContext(ctx, m, 10, 1)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled bootstrap: %v", err)
	}
	if res.Points[0] != before || res.Settings.Bootstrap != 0 {
		t.Errorf("a cancelled bootstrap changed the fit: %+v → %+v", before, res.Points[0])
	}
}
