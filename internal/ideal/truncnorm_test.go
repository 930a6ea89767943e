package ideal

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
)

func TestErfcx(t *testing.T) {
	for x := -6.0; x <= 26; x += 0.01 {
		want := math.Exp(x*x) * math.Erfc(x)
		if got := erfcx(x); math.Abs(got-want) > 1e-13*want {
			t.Fatalf("erfcx(%g) = %.17g, want %.17g", x, got, want)
		}
	}
	// Far tail: erfcx(x) ≈ 1/(x√π)·(1 − 1/(2x²) + 3/(4x⁴)).
	x := 1e4
	if got, want := erfcx(x), (1-1/(2*x*x))/(x*math.SqrtPi); math.Abs(got-want) > 1e-15*want {
		t.Errorf("erfcx(1e4) = %g, want %g", got, want)
	}
}

// TestHazardTable: the interpolated hazard against the exact one, to
// 1e-9 relative where it is above 1 and absolute below (where it is far
// below 1 a vote is nearly certain and contributes next to nothing).
func TestHazardTable(t *testing.T) {
	worst := 0.0
	for x := -9.0; x <= 9; x += 0.000377 {
		h, e := hazard(x), hazardExact(x)
		worst = math.Max(worst, math.Abs(h-e)/math.Max(e, 1))
	}
	if worst > 1e-9 {
		t.Errorf("worst relative error %g", worst)
	}
	t.Logf("worst relative error %.2g", worst)
}

func TestHazard(t *testing.T) {
	n := distuv.UnitNormal
	for x := -30.0; x <= 30; x += 0.05 {
		got := hazardExact(x)
		if x < 8 {
			want := n.Prob(x) / (0.5 * math.Erfc(x/math.Sqrt2))
			if math.Abs(got-want) > 1e-12*want+1e-300 {
				t.Fatalf("hazard(%g) = %.17g, want %.17g", x, got, want)
			}
		}
		if h := hazard(x); x <= -8.5 && h != 0 || x > -8.5 && h == 0 {
			t.Fatalf("hazard(%g) = %g", x, h)
		}
		if x > 10 { // the Mills ratio lies between x and x + 1/x
			if got < x || got > x+1/x {
				t.Fatalf("hazard(%g) = %g out of bounds", x, got)
			}
		}
	}
}

// TestTruncMomentsHand checks closed forms: N(0,1) truncated to (0,∞) has
// mean √(2/π) and variance 1−2/π; to (−1,1) mean 0 and variance
// 1 − 2φ(1)/(Φ(1)−Φ(−1)).
func TestTruncMomentsHand(t *testing.T) {
	m, v := truncMoments(0, 1, 0, math.Inf(1))
	if math.Abs(m-math.Sqrt(2/math.Pi)) > 1e-14 || math.Abs(v-(1-2/math.Pi)) > 1e-14 {
		t.Errorf("half normal: %g %g", m, v)
	}
	m, v = truncMoments(0, 1, math.Inf(-1), 0)
	if math.Abs(m+math.Sqrt(2/math.Pi)) > 1e-14 || math.Abs(v-(1-2/math.Pi)) > 1e-14 {
		t.Errorf("lower half normal: %g %g", m, v)
	}
	m, v = truncMoments(0, 1, -1, 1)
	want := 1 - 2*0.24197072451914337/0.6826894921370859
	if math.Abs(m) > 1e-15 || math.Abs(v-want) > 1e-14 {
		t.Errorf("(−1,1): %g %g, want 0 %g", m, v, want)
	}
	// Scale and shift: N(3, 2²) on (3, ∞) has mean 3 + 2√(2/π).
	m, v = truncMoments(3, 2, 3, math.Inf(1))
	if math.Abs(m-3-2*math.Sqrt(2/math.Pi)) > 1e-13 || math.Abs(v-4*(1-2/math.Pi)) > 1e-13 {
		t.Errorf("N(3,4) on (3,∞): %g %g", m, v)
	}
}

// TestTruncMomentsQuad compares with numerical integration, including
// intervals far in the tails, where the naive formula fails.
func TestTruncMomentsQuad(t *testing.T) {
	cases := []struct{ mu, s, lo, hi float64 }{
		{0, 1, 0, 1}, {2, 0.5, 0, 1}, {-3, 1, 0, 1}, {12, 1, 0, 1}, {-15, 2, 0, 1},
		{0.5, 0.01, 0, 1}, {40, 1, 0, 1}, {-40, 1, 0, 1},
		{5, 1, math.Inf(-1), 0}, {-5, 1, 1, math.Inf(1)}, {30, 1, math.Inf(-1), 0}, {-30, 1.5, 1, math.Inf(1)},
		{0.3, 1, 1, math.Inf(1)}, {0.3, 1, math.Inf(-1), 0},
	}
	for _, c := range cases {
		m, v := truncMoments(c.mu, c.s, c.lo, c.hi)
		// Integrate in standard units over the interval, clipped to where
		// the mass is, with the density scaled to stay representable.
		a, b := (c.lo-c.mu)/c.s, (c.hi-c.mu)/c.s
		peak := math.Max(a, math.Min(b, 0)) // mode of the truncated density
		a, b = math.Max(a, peak-40), math.Min(b, peak+40)
		dens := func(z float64) float64 { return math.Exp(-0.5*z*z + 0.5*peak*peak) }
		z0 := quad.Fixed(dens, a, b, 2000, nil, 0)
		z1 := quad.Fixed(func(z float64) float64 { return z * dens(z) }, a, b, 2000, nil, 0) / z0
		z2 := quad.Fixed(func(z float64) float64 { return (z - z1) * (z - z1) * dens(z) }, a, b, 2000, nil, 0) / z0
		wm, wv := c.mu+c.s*z1, c.s*c.s*z2
		if math.Abs(m-wm) > 1e-8*(1+math.Abs(wm)) || math.Abs(v-wv) > 1e-7*wv+1e-12 {
			t.Errorf("%+v: got %.12g %.12g, want %.12g %.12g", c, m, v, wm, wv)
		}
	}
}

// TestVoteTerms checks the score and information of a vote against
// numerical derivatives of its log-probability in the linear predictor.
func TestVoteTerms(t *testing.T) {
	prob := func(l, u float64) float64 { // Φ(u) − Φ(l), accurate in both tails
		if l >= 0 {
			return 0.5 * (math.Erfc(l/math.Sqrt2) - math.Erfc(u/math.Sqrt2))
		}
		return 0.5 * (math.Erfc(-u/math.Sqrt2) - math.Erfc(-l/math.Sqrt2))
	}
	f := &fitter{c1: []float64{-0.4, 2}, c2: []float64{0.3, 2.01}, beta: []float64{1, 1}}
	for _, g := range []int32{0, 1} {
		for c := uint8(0); c < 3; c++ {
			for _, eta := range []float64{-3, -0.2, 0.1, 1.5, 6} {
				logp := func(e float64) float64 {
					lo, hi := f.cuts(g, c)
					return math.Log(prob(lo-e, hi-e))
				}
				h := 1e-3
				ws := (logp(eta+h) - logp(eta-h)) / (2 * h)
				wi := -(logp(eta+h) - 2*logp(eta) + logp(eta-h)) / (h * h)
				s, i := f.voteTerms(g, c, eta)
				if math.Abs(s-ws) > 1e-5*(1+math.Abs(ws)) || math.Abs(i-wi) > 1e-4*(1+wi) {
					t.Errorf("group %d cat %d eta %g: score %g info %g, want %g %g", g, c, eta, s, i, ws, wi)
				}
			}
		}
	}
}

// TestSliver: on a very short interval the truncated normal is uniform:
// mean the midpoint, and the vote's information about η is 1.
func TestSliver(t *testing.T) {
	f := &fitter{c1: []float64{2}, c2: []float64{2 + 1e-9}, beta: []float64{1}}
	for _, eta := range []float64{-3, 0, 2, 7} {
		s, i := f.voteTerms(0, 1, eta)
		if math.Abs(s-(2-eta)) > 1e-6 || math.Abs(i-1) > 1e-6 {
			t.Errorf("eta %g: score %g info %g", eta, s, i)
		}
	}
}
