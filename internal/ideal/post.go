package ideal

import "math"

// estimate is a copy of the fitted parameters.
type estimate struct {
	c1, c2, beta []float64
	m, v         []float64
	w            float64 // ω²
}

func (f *fitter) snapshot() *estimate {
	c := func(x []float64) []float64 { return append([]float64(nil), x...) }
	return &estimate{c1: c(f.c1), c2: c(f.c2), beta: c(f.beta), m: c(f.m), v: c(f.v), w: f.w}
}

// load sets the fitter's parameters from an estimate (a warm start).
func (f *fitter) load(e *estimate) {
	copy(f.c1, e.c1)
	copy(f.c2, e.c2)
	copy(f.beta, e.beta)
	copy(f.m, e.m)
	copy(f.v, e.v)
	if f.w > 0 {
		f.w = e.w
	}
}

// orient reflects the scale about the prior mean if the reference's mean
// position is below it. It reports whether it flipped and whether there was
// a reference.
func (f *fitter) orient() (flipped, ok bool) {
	p := f.refPath
	if p < 0 {
		return false, false
	}
	l := f.l
	s := 0.0
	for sy := l.pathOff[p]; sy < l.pathOff[p+1]; sy++ {
		if l.syOff[sy+1] > l.syOff[sy] {
			s += f.m[sy] - f.mu0
		}
	}
	if s >= 0 {
		return false, true
	}
	f.affine(0, -1) // x → 2μ0 − x
	return true, true
}

// augVar returns, per state-year, the posterior variance a variational
// fit with probit data augmentation reports: every vote counts with the
// latent-data precision β² instead of its observed information β²·(1 −
// Var(y*|y)), so it is too small. For comparison only.
func (f *fitter) augVar() []float64 {
	l := f.l
	out := make([]float64, l.nSY)
	f.parallel(func(w int) {
		sc := &f.scratch[w]
		for p := l.pathChunks[w]; p < l.pathChunks[w+1]; p++ {
			lo, hi := l.pathOff[p], l.pathOff[p+1]
			n := int(hi - lo)
			if n == 0 {
				continue
			}
			P, h := sc.P[:n], sc.h[:n]
			for t := 0; t < n; t++ {
				sy := lo + int32(t)
				pp := 0.0
				for _, g := range l.syGroup[l.syOff[sy]:l.syOff[sy+1]] {
					b := f.beta[g]
					pp += b * b
				}
				P[t], h[t] = pp, 0
			}
			_, v0 := f.prior(p)
			sc.k.smooth(P, h, 0, v0, f.w, sc.m[:n], out[lo:hi])
		}
	})
	return out
}

// information returns, per state-year, the observed information about x
// of its votes at the current parameters.
func (f *fitter) information() []float64 {
	l := f.l
	out := make([]float64, l.nSY)
	f.parallel(func(w int) {
		for p := l.pathChunks[w]; p < l.pathChunks[w+1]; p++ {
			for sy := l.pathOff[p]; sy < l.pathOff[p+1]; sy++ {
				pp := 0.0
				lo, hi := l.syOff[sy], l.syOff[sy+1]
				cats := l.syCat[lo:hi]
				for k, g := range l.syGroup[lo:hi] {
					b := f.beta[g]
					_, i := f.voteTerms(g, cats[k], b*f.m[sy])
					pp += b * b * i
				}
				out[sy] = pp
			}
		}
	})
	return out
}

// normalize maps the positions (and the roll-call parameters with them, so
// that no vote's probability changes) such that the states' first-year
// positions have mean μ0 and mean square σ0² about it, posterior variance
// included: Σ_paths (m_first − μ0)² + v_first = paths·σ0². It returns the
// shift d and stretch c of x → μ0 + c·(x − d − μ0).
func (f *fitter) normalize() (d, c float64) {
	l := f.l
	s, n := 0.0, 0
	for p := 0; p+1 < len(l.pathOff); p++ {
		if sy := l.pathOff[p]; f.gaugePath(p) {
			s += f.m[sy] - f.mu0
			n++
		}
	}
	if n == 0 {
		return 0, 1
	}
	d = s / float64(n)
	q := 0.0
	for p := 0; p+1 < len(l.pathOff); p++ {
		if sy := l.pathOff[p]; f.gaugePath(p) {
			e := f.m[sy] - f.mu0 - d
			q += e*e + f.v[sy]
		}
	}
	if q <= 0 {
		return 0, 1
	}
	c = math.Sqrt(float64(n) * f.v0 / q)
	f.affine(d, c)
	if f.estimateW {
		f.w *= c * c // an estimated ω² is reported on the reported scale
	}
	return d, c
}

// gains returns the smoother gains J = vf/(vf + ω²) of every state-year,
// vf the filtered variances at the fitted parameters. They do not change
// under an affine map of the scale.
func (f *fitter) gains() []float64 {
	l := f.l
	gain := make([]float64, l.nSY)
	f.parallel(func(w int) {
		for p := l.pathChunks[w]; p < l.pathChunks[w+1]; p++ {
			lo, hi := l.pathOff[p], l.pathOff[p+1]
			_, vp := f.prior(p)
			for sy := lo; sy < hi; sy++ {
				pp := 0.0
				a, b := l.syOff[sy], l.syOff[sy+1]
				cats := l.syCat[a:b]
				for k, g := range l.syGroup[a:b] {
					beta := f.beta[g]
					_, i := f.voteTerms(g, cats[k], beta*f.m[sy])
					pp += beta * beta * i
				}
				vf := 1 / (1/vp + pp)
				gain[sy] = vf / (vf + f.w)
				vp = vf + f.w
			}
		}
	})
	return gain
}

// correlations sets each point's Corr: the posterior correlation of its
// position with that of the next point of the same state on its path,
// Cov(x_s, x_t) = J_s·…·J_{t−1}·v_t. pts are the points of l.points, in
// that order.
func (f *fitter) correlations(pts []Point, gain []float64) {
	l := f.l
	for i := 0; i+1 < len(pts); i++ {
		a, b := l.points[i], l.points[i+1]
		if a.state != b.state || b.sy <= a.sy {
			continue
		}
		c := 1.0
		for sy := a.sy; sy < b.sy; sy++ {
			c *= gain[sy]
		}
		pts[i].Corr = math.Min(1, c*math.Sqrt(f.v[b.sy]/f.v[a.sy]))
	}
}
