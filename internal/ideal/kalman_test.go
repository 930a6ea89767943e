package ideal

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestSmootherDirect compares the Kalman smoother with a direct solve of
// the Gaussian posterior of a short path: prior precision from the random
// walk (tridiagonal) plus the diagonal of the observations.
func TestSmootherDirect(t *testing.T) {
	P := []float64{2, 0, 5, 1.5, 0, 0, 3}
	h := []float64{1, 0, -2, 0.7, 0, 0, 4}
	mu0, v0, w := 0.3, 1.5, 0.2
	n := len(P)
	// Prior covariance: Cov(x_s, x_t) = v0 + w·min(s,t).
	cov := mat.NewSymDense(n, nil)
	for s := 0; s < n; s++ {
		for u := s; u < n; u++ {
			cov.SetSym(s, u, v0+w*float64(s))
		}
	}
	var prior mat.Dense
	if err := prior.Inverse(cov); err != nil {
		t.Fatal(err)
	}
	prec := mat.NewDense(n, n, nil)
	prec.Copy(&prior)
	rhs := mat.NewVecDense(n, nil)
	ones := mat.NewVecDense(n, nil)
	for i := 0; i < n; i++ {
		prec.Set(i, i, prec.At(i, i)+P[i])
		ones.SetVec(i, mu0)
	}
	rhs.MulVec(&prior, ones)
	for i := 0; i < n; i++ {
		rhs.SetVec(i, rhs.AtVec(i)+h[i])
	}
	var post mat.Dense
	if err := post.Inverse(prec); err != nil {
		t.Fatal(err)
	}
	var mean mat.VecDense
	mean.MulVec(&post, rhs)

	var k smoother
	m, v := make([]float64, n), make([]float64, n)
	k.smooth(P, h, mu0, v0, w, m, v)
	for i := 0; i < n; i++ {
		if math.Abs(m[i]-mean.AtVec(i)) > 1e-12 || math.Abs(v[i]-post.At(i, i)) > 1e-12 {
			t.Errorf("t=%d: smoother %g %g, direct %g %g", i, m[i], v[i], mean.AtVec(i), post.At(i, i))
		}
	}
}

// TestSmootherStatic: one point, conjugate normal.
func TestSmootherStatic(t *testing.T) {
	var k smoother
	m, v := make([]float64, 1), make([]float64, 1)
	k.smooth([]float64{4}, []float64{2}, 1, 0.5, 0, m, v)
	// precision 2 + 4 = 6; mean (1/0.5·1 + 2)/6 = 2/3.
	if math.Abs(m[0]-2.0/3) > 1e-15 || math.Abs(v[0]-1.0/6) > 1e-15 {
		t.Errorf("got %g %g", m[0], v[0])
	}
}
