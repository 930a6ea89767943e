package ideal

import (
	"context"
	"math"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// DefaultReference2 lists the states whose mean second-dimension position
// is positive in a two-dimensional fit (Options.Reference2 empty).
var DefaultReference2 = []string{"GBR", "FRA", "DEU"}

// fitter2 runs the static two-dimensional fit: for roll-call group g and a
// vote of state i,
//
//	y* = b1[g]·x1_i + b2[g]·x2_i + ε, ε ~ N(0, 1);  no if y* < c1[g], abstain if c1[g] ≤ y* < c2[g], yes otherwise,
//
// x_i ~ N(0, I), (b1, b2) ~ N(0, BetaPriorVar·I), cut points ~
// N(0, CutPriorVar) plus gapPrior·log(c2 − c1). It alternates, like the
// one-dimensional fit, a Newton (IRLS) step of every state's position — a
// 2×2 ridge regression of the working responses η + E[ε | y] on the
// roll calls' discrimination vectors, weighted by the votes' information
// 1 − Var(ε | y), which gives the Laplace covariance too — and a Newton step
// of every roll call's (c1, c2, b1, b2), the positions integrated out under
// N(x, V) to second order. After each iteration a parameter-expansion step
// fixes each dimension's location and scale (as in expand) and the
// positions are rotated to their principal axes (see canon).
type fitter2 struct {
	l       *layout
	workers int

	betaVar, cutVar float64

	c1, c2, b1, b2 []float64 // per group
	x1, x2         []float64 // per state-year (one per path in a static fit)
	v11, v12, v22  []float64 // posterior covariance

	ref  int     // sy of the reference, or −1
	ref2 []int32 // sy of the second references

	flipped bool
}

func newFitter2(l *layout, o *Options) *fitter2 {
	ng, nsy := l.nGroups(), l.nSY
	f := &fitter2{l: l, workers: o.Workers, betaVar: o.BetaPriorVar, cutVar: o.CutPriorVar, ref: -1}
	mk := func(n int) []float64 { return make([]float64, n) }
	f.c1, f.c2, f.b1, f.b2 = mk(ng), mk(ng), mk(ng), mk(ng)
	f.x1, f.x2, f.v11, f.v12, f.v22 = mk(nsy), mk(nsy), mk(nsy), mk(nsy), mk(nsy)
	syOf := func(code string) int {
		if s, ok := l.stateIndex(code); ok {
			if p := l.statePath[s]; l.pathOff[p+1] > l.pathOff[p] {
				return int(l.pathOff[p])
			}
		}
		return -1
	}
	f.ref = syOf(o.Reference)
	for _, c := range o.Reference2 {
		if sy := syOf(c); sy >= 0 {
			f.ref2 = append(f.ref2, int32(sy))
		}
	}
	if l.groupChunks == nil || len(l.groupChunks) != f.workers+1 {
		l.groupChunks = chunk(ng, f.workers, func(g int) int { return int(l.groupOff[g+1]-l.groupOff[g]) + 8 })
		l.pathChunks = chunk(len(l.pathOff)-1, f.workers, func(p int) int {
			a, b := l.pathOff[p], l.pathOff[p+1]
			return int(l.syOff[b]-l.syOff[a]) + 4*int(b-a)
		})
	}
	return f
}

func (f *fitter2) parallel(fn func(w int)) { parallel(f.workers, fn) }

// has reports whether state-year sy has a cast vote.
func (f *fitter2) has(sy int) bool { return f.l.syOff[sy+1] > f.l.syOff[sy] }

// start: positions at the scores on the first two principal components of
// the centred vote matrix (state-years × groups, votes −1, 0, 1), by
// orthogonal iteration, each standardised; cut points at the normal
// quantiles of the vote shares, β = 0; then a few roll-call steps.
func (f *fitter2) start() {
	l := f.l
	ng, nsy := l.nGroups(), l.nSY
	y := l.startCuts(f.c1, f.c2)
	u1, u2 := make([]float64, nsy), make([]float64, nsy)
	for o, sy := range l.obsSY {
		u1[sy] += y[o]
		u2[sy] += y[o] * float64(int(sy)%7-3) // any vector not parallel to u1
	}
	orth(u1, u2)
	g1, g2 := make([]float64, ng), make([]float64, ng)
	n1, n2 := make([]float64, nsy), make([]float64, nsy)
	for it := 0; it < 200; it++ {
		clear(g1)
		clear(g2)
		for o, sy := range l.obsSY {
			g := l.obsGroup[o]
			g1[g] += y[o] * u1[sy]
			g2[g] += y[o] * u2[sy]
		}
		clear(n1)
		clear(n2)
		for o, sy := range l.obsSY {
			g := l.obsGroup[o]
			n1[sy] += y[o] * g1[g]
			n2[sy] += y[o] * g2[g]
		}
		orth(n1, n2)
		d1, d2 := 0.0, 0.0
		for i := range u1 {
			d1 += u1[i] * n1[i]
			d2 += u2[i] * n2[i]
		}
		u1, n1 = n1, u1
		u2, n2 = n2, u2
		if 1-math.Abs(d1) < 1e-9 && 1-math.Abs(d2) < 1e-9 {
			break
		}
	}
	for d, u := range [][]float64{u1, u2} {
		var s1, s2, n float64
		for sy := range u {
			if f.has(sy) {
				s1 += u[sy]
				s2 += u[sy] * u[sy]
				n++
			}
		}
		mean := s1 / n
		sd := math.Sqrt(math.Max(s2/n-mean*mean, 1e-300))
		x := f.x1
		if d == 1 {
			x = f.x2
		}
		for sy := range u {
			x[sy] = (u[sy] - mean) / sd
		}
	}
	for i := 0; i < 3; i++ {
		f.parallel(f.groupStep)
	}
}

// orth normalises a and makes b a unit vector orthogonal to it.
func orth(a, b []float64) {
	normalize(a)
	d := 0.0
	for i := range a {
		d += a[i] * b[i]
	}
	for i := range b {
		b[i] -= d * a[i]
	}
	normalize(b)
}

// voteTerms2 is voteTerms with the cut points given.
func voteTerms2(c1, c2 float64, c uint8, eta float64) (score, info float64) {
	switch c {
	case 0:
		u := c1 - eta
		B := hazard(-u)
		return -B, B * (u + B)
	case 2:
		l := c2 - eta
		A := hazard(l)
		return A, A * (A - l)
	}
	l, u := c1-eta, c2-eta
	A, B := bounds(l, u)
	d := A - B
	return d, d*d - (l*A - u*B)
}

// stateStep takes one Newton step for each state's position: precision
// P = I + Σ info·ββᵀ, x ← x + P⁻¹(−x + Σ score·β), i.e. x ← P⁻¹ Σ β·(info·η
// + score), and sets V = P⁻¹.
func (f *fitter2) stateStep(w int) {
	l := f.l
	for p := l.pathChunks[w]; p < l.pathChunks[w+1]; p++ {
		for sy := l.pathOff[p]; sy < l.pathOff[p+1]; sy++ {
			lo, hi := l.syOff[sy], l.syOff[sy+1]
			if lo == hi {
				continue
			}
			x1, x2 := f.x1[sy], f.x2[sy]
			p11, p12, p22 := 1.0, 0.0, 1.0
			r1, r2 := -x1, -x2
			cats := l.syCat[lo:hi]
			for k, g := range l.syGroup[lo:hi] {
				b1, b2 := f.b1[g], f.b2[g]
				s, i := voteTerms2(f.c1[g], f.c2[g], cats[k], b1*x1+b2*x2)
				r1 += s * b1
				r2 += s * b2
				p11 += i * b1 * b1
				p12 += i * b1 * b2
				p22 += i * b2 * b2
			}
			det := p11*p22 - p12*p12
			v11, v12, v22 := p22/det, -p12/det, p11/det
			d1, d2 := v11*r1+v12*r2, v12*r1+v22*r2
			if m := math.Max(math.Abs(d1), math.Abs(d2)); m > maxStep {
				d1, d2 = d1*maxStep/m, d2*maxStep/m
			}
			f.x1[sy], f.x2[sy] = x1+d1, x2+d2
			f.v11[sy], f.v12[sy], f.v22[sy] = v11, v12, v22
		}
	}
}

// groupStep takes one Newton step for each group's θ = (c1, c2, b1, b2) on
// the expected log-likelihood under x ~ N(m, V), to second order (the
// term −½·βᵀVβ·I(η)), plus the log prior.
func (f *fitter2) groupStep(w int) {
	l := f.l
	var grad [4]float64
	var hess [16]float64
	var jl, ju [4]float64
	for g := l.groupChunks[w]; g < l.groupChunks[w+1]; g++ {
		c1, c2, b1, b2 := f.c1[g], f.c2[g], f.b1[g], f.b2[g]
		grad, hess = [4]float64{}, [16]float64{}
		var vb11, vb12, vb22 float64 // Σ info·V
		for o := l.groupOff[g]; o < l.groupOff[g+1]; o++ {
			sy := l.obsSY[o]
			x1, x2 := f.x1[sy], f.x2[sy]
			eta := b1*x1 + b2*x2
			// ℓ = log(Φ(u) − Φ(lo)), lo = c_lo − η, u = c_hi − η.
			var dl, du, hll, huu, hlu float64
			haveL, haveU := false, false
			jl = [4]float64{0, 0, -x1, -x2}
			ju = jl
			switch l.obsCat[o] {
			case 0:
				u := c1 - eta
				B := hazard(-u)
				du, huu = B, -u*B-B*B
				ju[0] = 1
				haveU = true
			case 2:
				lo := c2 - eta
				A := hazard(lo)
				dl, hll = -A, lo*A-A*A
				jl[1] = 1
				haveL = true
			default:
				lo, u := c1-eta, c2-eta
				A, B := bounds(lo, u)
				dl, du = -A, B
				hll, huu, hlu = lo*A-A*A, -u*B-B*B, A*B
				jl[0], ju[1] = 1, 1
				haveL, haveU = true, true
			}
			for i := 0; i < 4; i++ {
				if haveL {
					grad[i] += dl * jl[i]
				}
				if haveU {
					grad[i] += du * ju[i]
				}
				for j := 0; j < 4; j++ {
					h := 0.0
					if haveL {
						h += hll * jl[i] * jl[j]
					}
					if haveU {
						h += huu * ju[i] * ju[j]
					}
					if haveL && haveU {
						h += hlu * (jl[i]*ju[j] + ju[i]*jl[j])
					}
					hess[4*i+j] += h
				}
			}
			info := -(hll + huu + 2*hlu)
			vb11 += info * f.v11[sy]
			vb12 += info * f.v12[sy]
			vb22 += info * f.v22[sy]
		}
		// −½·βᵀ(Σ info·V)β
		grad[2] -= vb11*b1 + vb12*b2
		grad[3] -= vb12*b1 + vb22*b2
		hess[10] -= vb11
		hess[11] -= vb12
		hess[14] -= vb12
		hess[15] -= vb22
		// Prior.
		gap := c2 - c1
		pc, pb, pg := 1/f.cutVar, 1/f.betaVar, gapPrior/(gap*gap)
		grad[0] += -c1*pc - gapPrior/gap
		grad[1] += -c2*pc + gapPrior/gap
		grad[2] -= b1 * pb
		grad[3] -= b2 * pb
		hess[0] -= pc + pg
		hess[5] -= pc + pg
		hess[1] += pg
		hess[4] += pg
		hess[10] -= pb
		hess[15] -= pb
		for i := range hess {
			hess[i] = -hess[i]
		}
		d, ok := solve4(hess, grad)
		if !ok {
			continue
		}
		m := 0.0
		for _, x := range d {
			m = math.Max(m, math.Abs(x))
		}
		if m > maxStep {
			for i := range d {
				d[i] *= maxStep / m
			}
		}
		for i := 0; i < 50 && c2+d[1] <= c1+d[0]; i++ {
			for k := range d {
				d[k] /= 2
			}
		}
		if c2+d[1] > c1+d[0] {
			f.c1[g], f.c2[g], f.b1[g], f.b2[g] = c1+d[0], c2+d[1], b1+d[2], b2+d[3]
		}
	}
}

// solve4 solves the symmetric positive definite system a·x = r (a row-major
// 4×4) by Cholesky.
func solve4(a [16]float64, r [4]float64) ([4]float64, bool) {
	var L [16]float64
	for j := 0; j < 4; j++ {
		s := a[4*j+j]
		for k := 0; k < j; k++ {
			s -= L[4*j+k] * L[4*j+k]
		}
		if !(s > 0) {
			return r, false
		}
		L[4*j+j] = math.Sqrt(s)
		for i := j + 1; i < 4; i++ {
			s := a[4*i+j]
			for k := 0; k < j; k++ {
				s -= L[4*i+k] * L[4*j+k]
			}
			L[4*i+j] = s / L[4*j+j]
		}
	}
	var y, x [4]float64
	for i := 0; i < 4; i++ {
		s := r[i]
		for k := 0; k < i; k++ {
			s -= L[4*i+k] * y[k]
		}
		y[i] = s / L[4*i+i]
	}
	for i := 3; i >= 0; i-- {
		s := y[i]
		for k := i + 1; k < 4; k++ {
			s -= L[4*k+i] * x[k]
		}
		x[i] = s / L[4*i+i]
	}
	return x, true
}

// expand is the parameter-expansion step (see fitter.expand) for each
// dimension d in turn: location a and scale s of the N(0, 1) prior of x_d,
// the reduction x_d → (x_d − a)/s with b_d → s·b_d and every cut point
// moving by b_d·a.
func (f *fitter2) expand() {
	for d := 0; d < 2; d++ {
		x, v, b := f.x1, f.v11, f.b1
		if d == 1 {
			x, v, b = f.x2, f.v22, f.b2
		}
		var s1, s2, n float64
		for sy := range x {
			if f.has(sy) {
				s1 += x[sy]
				s2 += x[sy]*x[sy] + v[sy]
				n++
			}
		}
		if n == 0 {
			return
		}
		abar := s1 / n
		q := s2 - n*abar*abar
		var bb, bc float64
		for g, bg := range b {
			bb += bg * bg
			bc += bg * (f.c1[g] + f.c2[g])
		}
		kb := bb / f.betaVar
		var u float64
		if kb > 0 {
			u = (-n + math.Sqrt(n*n+4*kb*q)) / (2 * kb)
		} else {
			u = q / n
		}
		if !(u > 0) {
			continue
		}
		sc := math.Sqrt(u)
		px := n / u
		a := (px*abar + bc/f.cutVar) / (px + 2*bb/f.cutVar)
		c := 1 / sc
		for sy := range x {
			x[sy] = c * (x[sy] - a)
		}
		for i := range v {
			v[i] *= c * c
			f.v12[i] *= c
		}
		for g, bg := range b {
			f.c1[g] -= bg * a
			f.c2[g] -= bg * a
			b[g] = bg / c
		}
	}
}

// canon rotates the positions (and the discrimination vectors with them,
// which leaves every vote's probability and the priors unchanged) to the
// principal axes of the discrimination vectors, Σ_g β_g·β_gᵀ diagonal with
// dimension 1 the one on which the roll calls discriminate more: the
// positions' own covariance cannot tell the axes apart, as the N(0, I)
// prior (and the expansion step) gives both dimensions unit scale. It
// then reflects dimension 1 so that the reference is positive and dimension
// 2 so that the mean of the second references is (else the third moment
// of x2 is positive).
func (f *fitter2) canon() {
	var n, m1, m2, s11, s12, s22 float64
	for g := range f.b1 {
		s11 += f.b1[g] * f.b1[g]
		s12 += f.b1[g] * f.b2[g]
		s22 += f.b2[g] * f.b2[g]
	}
	for sy := range f.x1 {
		if f.has(sy) {
			n++
			m1 += f.x1[sy]
			m2 += f.x2[sy]
		}
	}
	if n == 0 {
		return
	}
	m1 /= n
	m2 /= n
	// Leading eigenvector (cos t, sin t) of [[s11 s12] [s12 s22]].
	t := 0.5 * math.Atan2(2*s12, s11-s22)
	cs, sn := math.Cos(t), math.Sin(t)
	// Rows of R: e1 = (c, s), e2 = (−s, c).
	r11, r12, r21, r22 := cs, sn, -sn, cs
	// Orientation.
	s := 0.0
	if f.ref >= 0 {
		s = r11*f.x1[f.ref] + r12*f.x2[f.ref]
	}
	f.flipped = s < 0
	if s < 0 {
		r11, r12 = -r11, -r12
	}
	s = 0
	if len(f.ref2) > 0 {
		for _, sy := range f.ref2 {
			s += r21*f.x1[sy] + r22*f.x2[sy]
		}
	} else {
		for sy := range f.x1 {
			if f.has(sy) {
				z := r21*(f.x1[sy]-m1) + r22*(f.x2[sy]-m2)
				s += z * z * z
			}
		}
	}
	if s < 0 {
		r21, r22 = -r21, -r22
	}
	for i := range f.x1 {
		a, b := f.x1[i], f.x2[i]
		f.x1[i], f.x2[i] = r11*a+r12*b, r21*a+r22*b
		v11, v12, v22 := f.v11[i], f.v12[i], f.v22[i]
		// R V Rᵀ
		f.v11[i] = r11*r11*v11 + 2*r11*r12*v12 + r12*r12*v22
		f.v22[i] = r21*r21*v11 + 2*r21*r22*v12 + r22*r22*v22
		f.v12[i] = r11*r21*v11 + (r11*r22+r12*r21)*v12 + r12*r22*v22
	}
	for g := range f.b1 {
		a, b := f.b1[g], f.b2[g]
		f.b1[g], f.b2[g] = r11*a+r12*b, r21*a+r22*b
	}
}

// run2 iterates until no position moves by more than tol in an iteration
// (in the canonical frame), or maxIter.
func (f *fitter2) run(ctx context.Context, maxIter int, tol float64, progress func(int, float64)) (iter int, converged bool, delta float64, err error) {
	p1, p2 := make([]float64, len(f.x1)), make([]float64, len(f.x2))
	f.canon()
	for iter = 1; iter <= maxIter; iter++ {
		if err := ctx.Err(); err != nil {
			return iter - 1, false, delta, stopped(iter-1, err)
		}
		copy(p1, f.x1)
		copy(p2, f.x2)
		f.parallel(f.groupStep)
		f.parallel(f.stateStep)
		f.expand()
		f.canon()
		delta = 0
		for i := range p1 {
			delta = math.Max(delta, math.Max(math.Abs(f.x1[i]-p1[i]), math.Abs(f.x2[i]-p2[i])))
		}
		if progress != nil {
			progress(iter, delta)
		}
		if delta < tol {
			return iter, true, delta, nil
		}
	}
	return maxIter, false, delta, nil
}

// fit2 is Fit with Dims = 2 (static only; o has its defaults).
func fit2(ctx context.Context, m *votes.Matrix, o Options, start time.Time) (*Result, error) {
	if o.Dynamic {
		return nil, errorf("a two-dimensional fit is static only (Dynamic must be false)")
	}
	if o.Reference2 == nil {
		o.Reference2 = DefaultReference2
	}
	l, err := build(m, &o)
	if err != nil {
		return nil, err
	}
	f := newFitter2(l, &o)
	f.start()
	iter, conv, delta, err := f.run(ctx, o.MaxIter, o.Tol, o.Progress)
	if err != nil {
		return nil, err
	}
	// Final covariance at the converged values.
	f.parallel(f.stateStep)
	f.canon()
	r := &Result{Iterations: iter, Converged: conv, Delta: delta, opts: o}
	r.Settings = Settings{
		Dims: 2, PriorMean: 0, PriorVar: 1,
		BetaPriorVar: o.BetaPriorVar, CutPriorVar: o.CutPriorVar, Reference: o.Reference,
		Reference2: strings.Join(o.Reference2, ","), Flipped: f.flipped, Bridge: o.Bridge, Chain: o.Chain,
		MaxIter: o.MaxIter, Tol: o.Tol, Workers: o.Workers,
		RollCalls: l.nRollCalls, Dropped: l.dropped, Groups: l.nGroups(),
		BridgedRollCalls: l.bridgedRC, BridgedGroups: l.bridgedGroups, Votes: len(l.obsSY),
		States: l.nStates, StateYears: len(l.points), Stretch: 1,
	}
	if f.ref < 0 {
		r.Settings.Reference = ""
	}
	if len(f.ref2) == 0 {
		r.Settings.Reference2 = ""
	}
	r.Points = make([]Point, len(l.points))
	for i, p := range l.points {
		x, s := f.x1[p.sy], math.Sqrt(f.v11[p.sy])
		r.Points[i] = Point{State: l.codes[p.state], Year: p.year, X: x, SE: s,
			Lo: x - z975*s, Hi: x + z975*s, X2: f.x2[p.sy], SE2: math.Sqrt(f.v22[p.sy]), N: p.n}
	}
	r.RollCalls = make([]Param, l.nGroups())
	for g := range r.RollCalls {
		r.RollCalls[g] = Param{RollCalls: l.groupRC[g], Key: l.groupKey[g], Beta: f.b1[g], Beta2: f.b2[g],
			Cut1: f.c1[g], Cut2: f.c2[g], N: int(l.groupOff[g+1] - l.groupOff[g])}
	}
	r.Settings.Seconds = time.Since(start).Seconds()
	return r, nil
}
