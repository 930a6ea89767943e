package ideal

import (
	"context"
	"math"
	"sync"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// fitter runs the estimation on a layout. For roll-call group g and a vote
// of state-year i:
//
//	y* = beta[g]·x_i + ε, ε ~ N(0, 1);  no if y* < c1[g], abstain if c1[g] ≤ y* < c2[g], yes otherwise,
//
// with each path's positions Gaussian a posteriori (means m, marginal
// variances v: a Laplace approximation at the mode given the roll-call
// parameters), and the roll-call parameters at the maximum of the expected
// log-likelihood, x integrated out under N(m, v), plus their prior.
type fitter struct {
	l       *layout
	workers int

	mu0, v0, w float64 // prior of the first year; evolution variance (0: static)
	estimateW  bool    // update w in every iteration (M-step of the evolution variance)

	// The entrant prior (Options.EntrantPrior): a path that starts after
	// the first year of the record (year0) starts from N(entMu[y], entVar[y]),
	// the mean and variance of the incumbents' positions in its first year
	// y (index y − year0), refreshed before every path step. founder[p]
	// says whether path p starts in year0 (and has the prior N(μ0, σ0²)).
	entrant         bool
	year0           int
	founder         []bool
	entMu, entVar   []float64
	betaVar, cutVar float64 // prior variances of beta and the cut points

	c1, c2, beta []float64 // per group
	m, v         []float64 // per state-year

	refPath int
	scratch []workerScratch
}

type workerScratch struct {
	k       smoother
	P, h, m []float64
	c       []float64
	// Sums for the parameter-expansion step (see expand).
	first, firstSq, steps float64
	paths, years, nSteps  int
	_                     [64]byte
}

// maxStep caps the change of a position in one Newton step.
const maxStep = 2.0

func newFitter(l *layout, o *Options, workers int) *fitter {
	ng, nsy := l.nGroups(), l.nSY
	f := &fitter{l: l, workers: workers,
		mu0: o.PriorMean, v0: o.PriorVar, betaVar: o.BetaPriorVar, cutVar: o.CutPriorVar}
	if o.Dynamic {
		f.w = o.EvolutionVar
		f.estimateW = o.EstimateEvolution
	}
	if o.Dynamic && o.EntrantPrior {
		f.initEntrant()
	}
	f.refPath = -1
	if s, ok := l.stateIndex(o.Reference); ok {
		if p := l.statePath[s]; l.pathOff[p+1] > l.pathOff[p] {
			f.refPath = int(p)
		}
	}
	f.c1, f.c2, f.beta = make([]float64, ng), make([]float64, ng), make([]float64, ng)
	f.m, f.v = make([]float64, nsy), make([]float64, nsy)
	if l.groupChunks == nil || len(l.groupChunks) != workers+1 {
		l.groupChunks = chunk(ng, workers, func(g int) int { return int(l.groupOff[g+1]-l.groupOff[g]) + 8 })
		l.pathChunks = chunk(len(l.pathOff)-1, workers, func(p int) int {
			a, b := l.pathOff[p], l.pathOff[p+1]
			return int(l.syOff[b]-l.syOff[a]) + 4*int(b-a)
		})
	}
	maxT := 0
	for p := 0; p+1 < len(l.pathOff); p++ {
		maxT = max(maxT, int(l.pathOff[p+1]-l.pathOff[p]))
	}
	f.scratch = make([]workerScratch, workers)
	for i := range f.scratch {
		s := &f.scratch[i]
		s.P, s.h, s.m = make([]float64, maxT), make([]float64, maxT), make([]float64, maxT)
		s.c = make([]float64, maxT)
		s.k.grow(maxT)
	}
	return f
}

// startCuts sets the starting cut points of every parameter group at the
// normal quantiles of its vote shares and returns the coded votes (−1, 0, 1)
// centred within each group.
func (l *layout) startCuts(c1, c2 []float64) []float64 {
	y := make([]float64, len(l.obsSY))
	q := distuv.UnitNormal.Quantile
	for g := 0; g < l.nGroups(); g++ {
		lo, hi := l.groupOff[g], l.groupOff[g+1]
		var cnt [3]float64
		for o := lo; o < hi; o++ {
			cnt[l.obsCat[o]]++
		}
		n := float64(hi - lo)
		mean := (cnt[2] - cnt[0]) / n
		for o := lo; o < hi; o++ {
			y[o] = float64(l.obsCat[o]) - 1 - mean
		}
		c1[g] = q((cnt[0] + 0.5) / (n + 1.5))
		c2[g] = q((cnt[0] + cnt[1] + 1) / (n + 1.5))
	}
	return y
}

// parallel runs fn(worker) on every worker and waits.
func (f *fitter) parallel(fn func(w int)) { parallel(f.workers, fn) }

// parallel runs fn(w) for w in 0..workers-1, on as many goroutines, and
// waits for all of them.
func parallel(workers int, fn func(w int)) {
	if workers <= 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() { defer wg.Done(); fn(w) }()
	}
	fn(0)
	wg.Wait()
}

// start sets the starting values: every path at its score on the first
// principal component of the centred vote matrix (paths × parameter
// groups, votes coded −1, 0, 1), standardised and oriented so that the
// reference is positive; cut points at the normal quantiles of each group's
// vote shares; then a few roll-call steps.
func (f *fitter) start() {
	l := f.l
	np := len(l.pathOff) - 1
	ng := l.nGroups()
	y := l.startCuts(f.c1, f.c2)
	for g := 0; g < ng; g++ {
		f.beta[g] = 0
	}
	pathOfSY := make([]int32, l.nSY)
	for p := 0; p < np; p++ {
		for sy := l.pathOff[p]; sy < l.pathOff[p+1]; sy++ {
			pathOfSY[sy] = int32(p)
		}
	}
	u := make([]float64, np)
	nu := make([]float64, np)
	gv := make([]float64, ng)
	// Power iteration from each path's mean agreement with the majority.
	for o, sy := range l.obsSY {
		u[pathOfSY[sy]] += y[o]
	}
	normalize(u)
	for it := 0; it < 100; it++ {
		for g := 0; g < ng; g++ {
			s := 0.0
			for o := l.groupOff[g]; o < l.groupOff[g+1]; o++ {
				s += y[o] * u[pathOfSY[l.obsSY[o]]]
			}
			gv[g] = s
		}
		clear(nu)
		for o, sy := range l.obsSY {
			nu[pathOfSY[sy]] += y[o] * gv[l.obsGroup[o]]
		}
		normalize(nu)
		dot := 0.0
		for i := range u {
			dot += u[i] * nu[i]
		}
		u, nu = nu, u
		if 1-math.Abs(dot) < 1e-8 {
			break
		}
	}
	// Standardise over the paths with votes.
	var s1, s2, n float64
	for p := 0; p < np; p++ {
		if l.pathOff[p+1] > l.pathOff[p] {
			s1 += u[p]
			s2 += u[p] * u[p]
			n++
		}
	}
	mean := s1 / n
	sd := math.Sqrt(math.Max(s2/n-mean*mean, 1e-300))
	sign := 1.0
	if ref := f.refPath; ref >= 0 && u[ref] < mean {
		sign = -1
	}
	for p := 0; p < np; p++ {
		for sy := l.pathOff[p]; sy < l.pathOff[p+1]; sy++ {
			f.m[sy] = f.mu0 + sign*math.Sqrt(f.v0)*(u[p]-mean)/sd
			f.v[sy] = 0
		}
	}
	for i := 0; i < 3; i++ {
		f.parallel(f.groupStep)
	}
}

func normalize(u []float64) {
	s := 0.0
	for _, x := range u {
		s += x * x
	}
	s = math.Sqrt(s)
	if s == 0 {
		for i := range u {
			u[i] = 1
		}
		return
	}
	for i := range u {
		u[i] /= s
	}
}

// step runs one iteration (roll-call step, path step, parameter
// expansion) and returns the largest change of a position.
func (f *fitter) step(prev []float64) float64 {
	copy(prev, f.m)
	f.parallel(f.groupStep)
	if f.entrant {
		f.entrantPrior()
	}
	f.parallel(f.pathStep)
	f.expand()
	delta := 0.0
	for i, x := range f.m {
		delta = math.Max(delta, math.Abs(x-prev[i]))
	}
	return delta
}

// run iterates until the largest change of a position in an iteration is
// below tol or maxIter iterations have run. Unless plain, it accelerates
// the fixed-point iteration θ → G(θ) by Anderson mixing (Walker & Ni 2011)
// over the last andersonDepth iterations: with residuals f_k = G(θ_k) − θ_k
// it takes θ_{k+1} = G(θ_k) − Σ_j γ_j·ΔG_j, γ minimising ‖f_k − Σ_j γ_j·Δf_j‖.
// A mixed point with cut points out of order is discarded for the plain
// step, and the memory is reset when the residual grows aaReset-fold over
// the best so far.
//
// It checks ctx before every iteration and returns its error, wrapped, if
// it is done.
func (f *fitter) run(ctx context.Context, maxIter int, tol float64, plain bool, progress func(int, float64)) (iter int, converged bool, delta float64, err error) {
	prev := make([]float64, len(f.m))
	n := len(f.m) + 3*len(f.beta)
	x, gx := make([]float64, n), make([]float64, n)
	var aa *anderson
	if !plain {
		aa = newAnderson(n, andersonDepth)
	}
	best := math.Inf(1)
	for iter = 1; iter <= maxIter; iter++ {
		if err := ctx.Err(); err != nil {
			return iter - 1, false, delta, stopped(iter-1, err)
		}
		f.get(x)
		delta = f.step(prev)
		if progress != nil {
			progress(iter, delta)
		}
		if delta < tol {
			return iter, true, delta, nil
		}
		if aa == nil {
			continue
		}
		f.get(gx)
		res := 0.0
		for i := range x {
			d := gx[i] - x[i]
			res += d * d
		}
		if res > aaReset*best || math.IsNaN(res) {
			aa.reset()
		}
		best = math.Min(best, res)
		aa.push(x, gx)
		mixed := aa.mix(gx) // a new vector, or nil
		if mixed == nil {
			continue
		}
		f.set(mixed)
		if !f.ordered() {
			f.set(gx)
			aa.reset()
		}
	}
	return maxIter, false, delta, nil
}

// stopped is the error of a fit whose context was cancelled after iter
// iterations; errors.Is(err, context.Canceled) holds for it.
func stopped(iter int, err error) error {
	return errorf("fit stopped after %d iterations: %w", iter, err)
}

const andersonDepth = 6

// anderson keeps the last differences of iterates and residuals.
type anderson struct {
	depth      int
	dg, df     [][]float64 // ring of ΔG and Δf
	lastG      []float64
	lastF      []float64
	have, next int
	out        []float64
	fk         []float64
}

func newAnderson(n, depth int) *anderson {
	a := &anderson{depth: depth, lastG: make([]float64, n), lastF: make([]float64, n),
		out: make([]float64, n), fk: make([]float64, n)}
	a.dg, a.df = make([][]float64, depth), make([][]float64, depth)
	for i := range a.dg {
		a.dg[i], a.df[i] = make([]float64, n), make([]float64, n)
	}
	a.have = -1 // no previous iterate
	return a
}

func (a *anderson) reset() { a.have, a.next = -1, 0 }

// push records the iterate x and its image g = G(x).
func (a *anderson) push(x, g []float64) {
	for i := range x {
		a.fk[i] = g[i] - x[i]
	}
	if a.have >= 0 {
		dg, df := a.dg[a.next], a.df[a.next]
		for i := range x {
			dg[i] = g[i] - a.lastG[i]
			df[i] = a.fk[i] - a.lastF[i]
		}
		a.next = (a.next + 1) % a.depth
		if a.have < a.depth {
			a.have++
		}
	} else {
		a.have = 0
	}
	copy(a.lastG, g)
	copy(a.lastF, a.fk)
}

// mix returns G(x_k) − ΔG·γ, or nil without history.
func (a *anderson) mix(g []float64) []float64 {
	k := a.have
	if k <= 0 {
		return nil
	}
	// Normal equations (ΔfᵀΔf + λI)γ = Δfᵀf_k, a small system.
	ata := mat.NewSymDense(k, nil)
	atb := mat.NewVecDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			ata.SetSym(i, j, floats.Dot(a.df[i], a.df[j]))
		}
		atb.SetVec(i, floats.Dot(a.df[i], a.fk))
	}
	tr := 0.0
	for i := 0; i < k; i++ {
		tr += ata.At(i, i)
	}
	for i := 0; i < k; i++ {
		ata.SetSym(i, i, ata.At(i, i)+aaReg*tr/float64(k))
	}
	var ch mat.Cholesky
	if !ch.Factorize(ata) {
		return nil
	}
	var gamma mat.VecDense
	if err := ch.SolveVecTo(&gamma, atb); err != nil {
		return nil
	}
	copy(a.out, g)
	for j := 0; j < k; j++ {
		floats.AddScaled(a.out, -gamma.AtVec(j), a.dg[j])
	}
	return a.out
}

// get and set copy the parameters (m, c1, c2, beta) to and from a vector.
func (f *fitter) get(t []float64) {
	n := copy(t, f.m)
	n += copy(t[n:], f.c1)
	n += copy(t[n:], f.c2)
	copy(t[n:], f.beta)
}

func (f *fitter) set(t []float64) {
	n := copy(f.m, t)
	n += copy(f.c1, t[n:])
	n += copy(f.c2, t[n:])
	copy(f.beta, t[n:])
}

// ordered reports whether every group's cut points are in order and every
// parameter is finite.
func (f *fitter) ordered() bool {
	for g := range f.c1 {
		if !(f.c2[g] > f.c1[g]) || math.IsNaN(f.beta[g]) || math.IsInf(f.beta[g], 0) {
			return false
		}
	}
	for _, x := range f.m {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// affine maps x → μ0 + c·(x − d − μ0) and the roll-call parameters with
// it: β·x = β·k + (β/c)·x' with k = d + μ0 − μ0/c, so β' = β/c and every cut
// point moves by −β·k.
func (f *fitter) affine(d, c float64) {
	mu := f.mu0
	for i := range f.m {
		f.m[i] = mu + c*(f.m[i]-d-mu)
		f.v[i] *= c * c
	}
	k := d + mu - mu/c
	for g, b := range f.beta {
		f.c1[g] -= b * k
		f.c2[g] -= b * k
		f.beta[g] = b / c
	}
}

// cuts returns the cut points below and above category c of group g.
func (f *fitter) cuts(g int32, c uint8) (lo, hi float64) {
	switch c {
	case 0:
		return math.Inf(-1), f.c1[g]
	case 1:
		return f.c1[g], f.c2[g]
	}
	return f.c2[g], math.Inf(1)
}

// groupStep takes one Newton step for the parameters (c1, c2, beta) of each
// of the worker's groups on the expected log-likelihood under q(x) =
// N(m, v) (the M-step of EM), approximated to second order in x:
//
//	Σ_votes E_q log P(y | c, β, x) ≈ Σ_votes [log P(y | c, β, m) − ½·v·β²·I(η)],
//	P(y | c, β, x) = Φ(c_hi − β·x) − Φ(c_lo − β·x),
//
// I the vote's information about η = β·m (held fixed within the step), plus
// the log prior: c1, c2 ~ N(0, cutVar), β ~ N(0, betaVar), and
// gapPrior·log(c2 − c1), which keeps the cut points apart.
func (f *fitter) groupStep(w int) {
	l := f.l
	for g := l.groupChunks[w]; g < l.groupChunks[w+1]; g++ {
		c1, c2, b := f.c1[g], f.c2[g], f.beta[g]
		// Gradient (g1, g2, gb) and Hessian of the objective in (c1, c2, β).
		// With bounds l = c_lo − βx, u = c_hi − βx: ∂l/∂c = ∂u/∂c = 1,
		// ∂/∂β = −x.
		var g1, g2, gb, h11, h12, h1b, h22, h2b, hbb float64
		for o := l.groupOff[g]; o < l.groupOff[g+1]; o++ {
			sy := l.obsSY[o]
			x, vx := f.m[sy], f.v[sy]
			eta := b * x
			var info float64
			switch l.obsCat[o] {
			case 0: // ℓ = log Φ(u)
				u := c1 - eta
				B := hazard(-u)
				huu := -u*B - B*B
				g1 += B
				gb -= B * x
				h11 += huu
				h1b -= huu * x
				hbb += huu * x * x
				info = -huu
			case 2: // ℓ = log(1 − Φ(l))
				lo := c2 - eta
				A := hazard(lo)
				hll := lo*A - A*A
				g2 -= A
				gb += A * x
				h22 += hll
				h2b -= hll * x
				hbb += hll * x * x
				info = -hll
			default:
				lo, u := c1-eta, c2-eta
				A, B := bounds(lo, u)
				hll, huu, hlu := lo*A-A*A, -u*B-B*B, A*B
				g1 -= A
				g2 += B
				gb -= (B - A) * x
				h11 += hll
				h22 += huu
				h12 += hlu
				h1b -= (hll + hlu) * x
				h2b -= (huu + hlu) * x
				info = -(hll + huu + 2*hlu)
				hbb -= info * x * x
			}
			// −½·v·β²·I
			gb -= vx * info * b
			hbb -= vx * info
		}
		// Prior.
		gap := c2 - c1
		pc, pb, pg := 1/f.cutVar, 1/f.betaVar, gapPrior/(gap*gap)
		g1 += -c1*pc - gapPrior/gap
		g2 += -c2*pc + gapPrior/gap
		gb += -b * pb
		h11 -= pc + pg
		h22 -= pc + pg
		h12 += pg
		hbb -= pb
		d1, d2, db, ok := solve3(-h11, -h12, -h1b, -h22, -h2b, -hbb, g1, g2, gb)
		if !ok {
			continue
		}
		if m := math.Max(math.Abs(d1), math.Max(math.Abs(d2), math.Abs(db))); m > maxStep {
			d1, d2, db = d1*maxStep/m, d2*maxStep/m, db*maxStep/m
		}
		for i := 0; i < 50 && c2+d2 <= c1+d1; i++ {
			d1, d2, db = d1/2, d2/2, db/2
		}
		if c2+d2 > c1+d1 {
			f.c1[g], f.c2[g], f.beta[g] = c1+d1, c2+d2, b+db
		}
	}
}

// solve3 solves the symmetric positive definite system
// [[a11 a12 a13] [a12 a22 a23] [a13 a23 a33]]·x = r by Cholesky.
func solve3(a11, a12, a13, a22, a23, a33, r1, r2, r3 float64) (x1, x2, x3 float64, ok bool) {
	if a11 <= 0 {
		return 0, 0, 0, false
	}
	l11 := math.Sqrt(a11)
	l21, l31 := a12/l11, a13/l11
	d := a22 - l21*l21
	if d <= 0 {
		return 0, 0, 0, false
	}
	l22 := math.Sqrt(d)
	l32 := (a23 - l31*l21) / l22
	d = a33 - l31*l31 - l32*l32
	if d <= 0 {
		return 0, 0, 0, false
	}
	l33 := math.Sqrt(d)
	y1 := r1 / l11
	y2 := (r2 - l21*y1) / l22
	y3 := (r3 - l31*y1 - l32*y2) / l33
	x3 = y3 / l33
	x2 = (y2 - l32*x3) / l22
	x1 = (y1 - l21*x2 - l31*x3) / l11
	return x1, x2, x3, true
}

// voteTerms returns the score and the information about the linear
// predictor η = β·x of one vote of category c in group g: with the bounds
// l = c_lo − η, u = c_hi − η, the score is A − B and the information
// (A − B)² − (lA − uB), which is 1 − Var(y* | y) (see bounds).
func (f *fitter) voteTerms(g int32, c uint8, eta float64) (score, info float64) {
	switch c {
	case 0: // l = −∞: A = 0
		u := f.c1[g] - eta
		B := hazard(-u)
		return -B, B * (u + B)
	case 2: // u = +∞: B = 0
		l := f.c2[g] - eta
		A := hazard(l)
		return A, A * (A - l)
	}
	l, u := f.c1[g]-eta, f.c2[g]-eta
	A, B := bounds(l, u)
	d := A - B
	return d, d*d - (l*A - u*B)
}

// pathStep takes one Newton step for each of the worker's paths: the
// log-likelihood of each year is replaced by its second-order expansion at
// the current positions and roll-call parameters (information P, in
// information form h), and the Kalman smoother returns the mode and variances of the
// resulting Gaussian posterior under the random-walk prior.
func (f *fitter) pathStep(w int) {
	l := f.l
	sc := &f.scratch[w]
	sc.first, sc.firstSq, sc.steps, sc.paths, sc.years, sc.nSteps = 0, 0, 0, 0, 0, 0
	for p := l.pathChunks[w]; p < l.pathChunks[w+1]; p++ {
		lo, hi := l.pathOff[p], l.pathOff[p+1]
		if lo == hi {
			continue
		}
		n := int(hi - lo)
		P, h, mNew := sc.P[:n], sc.h[:n], sc.m[:n]
		m := f.m[lo:hi]
		for t := 0; t < n; t++ {
			sy := lo + int32(t)
			var pp, ss float64
			x := m[t]
			lo, hi := l.syOff[sy], l.syOff[sy+1]
			cats := l.syCat[lo:hi]
			for k, g := range l.syGroup[lo:hi] {
				b := f.beta[g]
				s, i := f.voteTerms(g, cats[k], b*x)
				ss += b * s
				pp += b * b * i
			}
			P[t], h[t] = pp, ss+pp*x
		}
		mu0, v0 := f.prior(int(p))
		sc.k.smooth(P, h, mu0, v0, f.w, mNew, f.v[lo:hi])
		step := 0.0
		for t := range m {
			step = math.Max(step, math.Abs(mNew[t]-m[t]))
		}
		lam := 1.0
		if step > maxStep {
			lam = maxStep / step
		}
		for t := range m {
			m[t] += lam * (mNew[t] - m[t])
		}
		// Posterior expectations of the prior's terms. An entrant's first
		// year has a prior that moves with the others (entrantPrior) and
		// takes no part in the expansion.
		v := f.v[lo:hi]
		if f.founder == nil || f.founder[p] {
			d := m[0] - f.mu0
			sc.first += d
			sc.firstSq += d*d + v[0]
			sc.paths++
			sc.years++
		}
		sc.years += n - 1
		sc.nSteps += n - 1
		if n > 1 {
			c := sc.c[:n-1]
			sc.k.lag(v, f.w, c)
			for t := 1; t < n; t++ {
				e := m[t] - m[t-1]
				sc.steps += e*e + v[t] + v[t-1] - 2*c[t-1]
			}
		}
	}
}

// expand is the parameter-expansion step of PX-EM (Liu, Rubin & Wu 1998).
// The model is expanded by a location a and a scale s of the positions'
// prior (first year N(μ0 + a, s²σ0²), steps N(0, s²ω²)); the reduction
// x → μ0 + (x − μ0 − a)/s, with the roll-call parameters mapped so that no
// vote's probability changes (β → s·β, cut points → cut − β·(a + μ0 − μ0·s)),
// returns to the model. (a, s) maximise the expected log prior of the
// positions under the current posterior plus the log prior of the mapped
// roll-call parameters:
//
//	s² solves Q − N·s² − (Σβ²/Vβ)·s⁴ = 0,
//	Q = Σ_paths E[(x_first − μ0 − ā)²]/σ0² + Σ_steps E[(x_t − x_{t−1})²]/ω²,
//	N state-years, ā the mean of E[x_first] − μ0;
//	a = (n·ā/(σ0²s²) + Σ_g β(c1 + c2 − 2β·μ0(1 − s))/Vc) / (n/(σ0²s²) + 2Σβ²/Vc), n paths.
//
// At the fixed point of EM a = 0 and s = 1, so the fixed point is the same;
// the location and scale, which only the priors pin, converge in a step
// instead of crawling.
func (f *fitter) expand() {
	var first, firstSq, steps float64
	var paths, years, nSteps int
	for i := range f.scratch {
		sc := &f.scratch[i]
		first += sc.first
		firstSq += sc.firstSq
		steps += sc.steps
		paths += sc.paths
		years += sc.years
		nSteps += sc.nSteps
	}
	if paths == 0 {
		return
	}
	n := float64(paths)
	abar := first / n
	q := (firstSq - n*abar*abar) / f.v0
	if f.w > 0 {
		q += steps / f.w
	}
	var bb, bc float64
	for g, b := range f.beta {
		bb += b * b
		bc += b * (f.c1[g] + f.c2[g])
	}
	nn := float64(years)
	kb := bb / f.betaVar
	var u float64 // s²
	if kb > 0 {
		u = (-nn + math.Sqrt(nn*nn+4*kb*q)) / (2 * kb)
	} else {
		u = q / nn
	}
	if !(u > 0) {
		return
	}
	sc := math.Sqrt(u)
	k0 := f.mu0 * (1 - sc)
	px := n / (f.v0 * u)
	a := (px*abar + (bc-2*bb*k0)/f.cutVar) / (px + 2*bb/f.cutVar)
	f.affine(a, 1/sc)
	if f.estimateW && f.w > 0 && nSteps > 0 {
		// M-step of ω²: the mean expected squared step, on the reduced scale.
		f.w = math.Max(steps/u/float64(nSteps), minEvolutionVar)
	}
}

// minEvolutionVar is the floor of an estimated ω².
const minEvolutionVar = 1e-6

// gapPrior weights log(c2 − c1) in the roll-call prior.
const gapPrior = 0.1

// Anderson safeguards: restart when the residual grows aaReset-fold over
// the best so far; ridge aaReg (relative to the mean diagonal) on the
// least-squares system.
const aaReset, aaReg = 4.0, 1e-8
