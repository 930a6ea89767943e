package ideal

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// simulate2 draws a static two-dimensional record: states positions
// x ~ N(0, diag(1, 0.5)), roll calls with discrimination r·(cos φ, sin φ),
// r ~ U(0.8, 2), φ ~ U(0, 2π), cut points around a random quantile of the
// states' η, a share nonVote of non-voting.
func simulate2(states, rollCalls int, nonVote float64, seed uint64) (*votes.Matrix, map[string][2]float64, float64) {
	rng := rand.New(rand.NewPCG(seed, 0x2d))
	codes := make([]string, states)
	x := make([][2]float64, states)
	for i := range codes {
		codes[i] = fmt.Sprintf("S%03d", i)
		if i == 0 {
			codes[i] = "USA"
		}
		x[i] = [2]float64{rng.NormFloat64(), math.Sqrt(0.5) * rng.NormFloat64()}
	}
	b := votes.NewBuilder()
	var cast, abst int
	eta := make([]float64, states)
	for k := 0; k < rollCalls; k++ {
		r, phi := 0.8+1.2*rng.Float64(), 2*math.Pi*rng.Float64()
		b1, b2 := r*math.Cos(phi), r*math.Sin(phi)
		for i := range x {
			eta[i] = b1*x[i][0] + b2*x[i][1]
		}
		s := append([]float64(nil), eta...)
		sort.Float64s(s)
		center := s[int((0.02+0.58*rng.Float64())*float64(states-1))]
		width := 0.2 + 0.8*rng.Float64()
		c1, c2 := center-width/2, center+width/2
		ri := b.AddRollCall(votes.RollCall{ID: int64(k + 1), Body: record.GA, Date: fmt.Sprintf("2023-%02d-%02d", 1+k%12, 1+k%28),
			Year: 2023, Session: 78, Resolution: fmt.Sprintf("A/RES/78/%d", k+1), Title: "Matter of " + letters(k+50000)})
		for i, code := range codes {
			if rng.Float64() < nonVote {
				b.Add(ri, code, record.NonVoting)
				continue
			}
			ys := eta[i] + rng.NormFloat64()
			v := record.Yes
			switch {
			case ys < c1:
				v = record.No
			case ys < c2:
				v = record.Abstain
				abst++
			}
			cast++
			b.Add(ri, code, v)
		}
	}
	truth := map[string][2]float64{}
	for i, c := range codes {
		truth[c] = x[i]
	}
	return b.Build(), truth, float64(abst) / float64(cast)
}

// multipleR is the correlation of y with its least-squares fit on
// (1, a, b): the linear alignment of a recovered dimension.
func multipleR(y, a, b []float64) float64 {
	n := len(y)
	X := mat.NewDense(n, 3, nil)
	for i := 0; i < n; i++ {
		X.Set(i, 0, 1)
		X.Set(i, 1, a[i])
		X.Set(i, 2, b[i])
	}
	var beta mat.VecDense
	if err := beta.SolveVec(X, mat.NewVecDense(n, y)); err != nil {
		return 0
	}
	var fit mat.VecDense
	fit.MulVec(X, &beta)
	return corr(y, fit.RawVector().Data)
}

func corr(a, b []float64) float64 {
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for i := range a {
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	return sab / math.Sqrt(saa*sbb)
}

func TestTwoDimRecovery(t *testing.T) {
	m, truth, abst := simulate2(150, 600, 0.1, 7)
	res, err := Fit(m, Options{Dims: 2})
	if err != nil {
		t.Fatal(err)
	}
	var t1, t2, e1, e2 []float64
	for _, p := range res.Points {
		tr := truth[p.State]
		t1, t2 = append(t1, tr[0]), append(t2, tr[1])
		e1, e2 = append(e1, p.X), append(e2, p.X2)
		if p.SE <= 0 || p.SE2 <= 0 {
			t.Fatalf("%s: SE %g, SE2 %g", p.State, p.SE, p.SE2)
		}
	}
	r1, r2 := multipleR(t1, e1, e2), multipleR(t2, e1, e2)
	v1, v2 := variance(e1), variance(e2)
	var bb1, bb2 float64
	for _, g := range res.RollCalls {
		bb1 += g.Beta * g.Beta
		bb2 += g.Beta2 * g.Beta2
	}
	t.Logf("%d states, %d roll calls, %d votes, abstain %.2f; %d iterations (converged %v, %.1fs); aligned r = %.4f, %.4f; direct r = %.4f, %.4f; var x1 %.3f, x2 %.3f; Σβ² %.0f, %.0f",
		len(res.Points), res.Settings.RollCalls, res.Settings.Votes, abst, res.Iterations, res.Converged, res.Settings.Seconds,
		r1, r2, corr(t1, e1), corr(t2, e2), v1, v2, bb1, bb2)
	if !res.Converged {
		t.Errorf("not converged after %d iterations (delta %g)", res.Iterations, res.Delta)
	}
	if r1 < 0.95 || r2 < 0.95 {
		t.Errorf("aligned correlations %.4f, %.4f, want ≥ 0.95", r1, r2)
	}
	if bb1 < bb2 {
		t.Errorf("dimension 1 discriminates less than dimension 2: Σβ² %.1f < %.1f", bb1, bb2)
	}
	if c1, c2 := corr(t1, e1), corr(t2, e2); math.Abs(c1) < 0.95 || math.Abs(c2) < 0.95 {
		t.Errorf("unaligned correlations %.4f, %.4f: the axes are not the true ones", c1, c2)
	}
	if p, ok := res.Point("USA", 2023); !ok || p.X <= 0 {
		t.Errorf("USA not positive on dimension 1: %+v", p)
	}
	if res.Settings.Dims != 2 {
		t.Errorf("Settings.Dims = %d", res.Settings.Dims)
	}
}

func variance(x []float64) float64 {
	var s1, s2 float64
	for _, v := range x {
		s1 += v
		s2 += v * v
	}
	n := float64(len(x))
	return s2/n - (s1/n)*(s1/n)
}

func TestTwoDimRefused(t *testing.T) {
	m, _, _ := simulate2(20, 30, 0, 1)
	if _, err := Fit(m, Options{Dims: 2, Dynamic: true}); err == nil {
		t.Error("Dims=2 with Dynamic=true: no error")
	}
	if _, err := Fit(m, Options{Dims: 3}); err == nil {
		t.Error("Dims=3: no error")
	}
	if _, err := Fit(m, Options{Dims: 1}); err != nil {
		t.Errorf("Dims=1: %v", err)
	}
}

// TestDimensions: the variance shares of a 2-D fit sum to one, the first
// dimension carries more (truth: Var 1 against 0.5), and the top roll calls
// of each dimension load mostly on it.
func TestDimensions(t *testing.T) {
	m, _, _ := simulate2(80, 200, 0.1, 3)
	res, err := Fit(m, Options{Dims: 2})
	if err != nil {
		t.Fatal(err)
	}
	ds := res.Dimensions(m, 5)
	if len(ds) != 2 || math.Abs(ds[0].Share+ds[1].Share-1) > 1e-9 || ds[0].Share <= ds[1].Share {
		t.Fatalf("dimensions %+v", ds)
	}
	for _, d := range ds {
		if len(d.Top) != 5 {
			t.Errorf("dimension %d: %d top roll calls", d.Dim, len(d.Top))
		}
		for _, l := range d.Top {
			if l.Purity < 0.5 || l.Title == "" {
				t.Errorf("dimension %d: %+v", d.Dim, l)
			}
		}
		t.Logf("dimension %d: share %.3f, top %+v", d.Dim, d.Share, d.Top[0])
	}
	one, err := Fit(m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if one.Dimensions(m, 5) != nil {
		t.Error("a 1-D fit has dimensions")
	}
}
