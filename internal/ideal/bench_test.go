package ideal

import (
	"testing"
)

// BenchmarkIteration times one iteration (roll-call and path steps) on the
// full-size simulation.
func BenchmarkIteration(b *testing.B) {
	m, _ := simulate(fullSim, 7)
	o := DefaultOptions()
	o.defaults()
	l, err := build(m, &o)
	if err != nil {
		b.Fatal(err)
	}
	f := newFitter(l, &o, o.Workers)
	f.start()
	prev := make([]float64, len(f.m))
	for i := 0; i < 20; i++ {
		f.step(prev)
	}
	b.ReportMetric(float64(len(l.obsSY)), "votes")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.step(prev)
	}
}

func BenchmarkHazard(b *testing.B) {
	s := 0.0
	for i := 0; i < b.N; i++ {
		s += hazard(-3 + float64(i&1023)*0.004)
	}
	_ = s
}
