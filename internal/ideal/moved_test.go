package ideal

import (
	"math"
	"testing"
)

func TestMove(t *testing.T) {
	path := func(corr float64) []Point {
		var ps []Point
		for y := 2014; y <= 2025; y++ {
			ps = append(ps, Point{State: "KOR", Year: y, X: float64(y-2014) * 0.1, SE: 0.1, Corr: corr})
		}
		ps[len(ps)-1].Corr = 0
		return ps
	}
	p1, p2 := Period{2014, 2017}, Period{2022, 2025}
	for _, tc := range []struct {
		name   string
		points []Point
		change float64
		se     float64
		sig    bool
	}{
		// Independent years: Var = 0.01/4 + 0.01/4.
		{"independent", path(0), 0.8, math.Sqrt(0.005), true},
		// Perfectly correlated years: the difference of means is certain.
		{"correlated", path(1), 0.8, 0, true},
		// Correlation 0.5 between neighbours, ρ^|s−t| between any two.
		{"ar", path(0.5), 0.8, seAR(0.5, 0.1), true},
	} {
		mv, ok := Move(tc.points, p1, p2)
		if !ok || math.Abs(mv.Change-tc.change) > 1e-12 || math.Abs(mv.SE-tc.se) > 1e-8 || mv.Significant != tc.sig || mv.Partial {
			t.Errorf("%s: %+v, want change %v se %v", tc.name, mv, tc.change, tc.se)
		}
	}
	// A gap year in the second period: partial; no point: not ok.
	ps := path(0)
	ps = append(ps[:9], ps[10:]...)
	if mv, ok := Move(ps, p1, p2); !ok || !mv.Partial || mv.ToYears != 3 {
		t.Errorf("gap: %+v", mv)
	}
	if _, ok := Move(path(0), p1, Period{2030, 2031}); ok {
		t.Error("no points in the second period: want not ok")
	}
	if p, err := ParsePeriod("2014-2017"); err != nil || p != p1 {
		t.Errorf("ParsePeriod: %v %v", p, err)
	}
	for _, bad := range []string{"", "2017-2014", "x", "14-17"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q): want an error", bad)
		}
	}
	ranked := Moves(append(path(1), Point{State: "USA", Year: 2015, X: 1, SE: 1}, Point{State: "USA", Year: 2023, X: 1.1, SE: 1}), p1, p2)
	if len(ranked) != 2 || ranked[0].State != "KOR" || ranked[1].Significant {
		t.Errorf("Moves: %+v", ranked)
	}
}

// seAR is the SE of the difference of two 4-year means 8 years apart for
// a chain with neighbour correlation r and equal SEs s, by brute force.
func seAR(r, s float64) float64 {
	w := make([]float64, 12)
	for i := 0; i < 4; i++ {
		w[i], w[8+i] = -0.25, 0.25
	}
	v := 0.0
	for i := range w {
		for j := range w {
			v += w[i] * w[j] * s * s * math.Pow(r, math.Abs(float64(i-j)))
		}
	}
	return math.Sqrt(v)
}
