package ideal

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// Bootstrap runs a parametric bootstrap of the estimation error. n times it
// draws a set of true paths from the fitted posterior (each state's path
// from the Gaussian approximation the SE come from, by forward filtering and
// backward sampling), draws every vote of the fit anew from the model with
// those paths and the fitted roll-call parameters (same states, years and
// roll calls), refits from the fitted values, and records the error
// x̂* − x of each point, both in the gauge of the fit (see normalize). It sets each point's BootSE to the root mean
// square of the errors and Lo, Hi to X ∓ 1.96·BootSE (percentiles of a few
// dozen errors would be too noisy). m must be the matrix of the fit. Refits run in parallel,
// one per worker; the result depends only on seed.
func (r *Result) Bootstrap(m *votes.Matrix, n int, seed int64) error {
	return r.BootstrapContext(context.Background(), m, n, seed)
}

// BootstrapContext is Bootstrap that stops when ctx is done: every refit
// checks ctx before each iteration; it then returns an error wrapping
// ctx.Err() and leaves r unchanged.
func (r *Result) BootstrapContext(ctx context.Context, m *votes.Matrix, n int, seed int64) error {
	if r.est == nil {
		return errors.New("ideal: result has no fitted model to bootstrap")
	}
	if n < 2 {
		return errors.New("ideal: bootstrap needs at least 2 replicates")
	}
	o := r.opts
	l, err := build(m, &o)
	if err != nil {
		return err
	}
	if len(l.obsSY) != r.Settings.Votes || l.nGroups() != len(r.RollCalls) || len(l.points) != len(r.Points) {
		return errors.New("ideal: matrix does not match the fit")
	}
	est := r.est
	// The information of each state-year at the fit.
	f0 := newFitter(l, &o, o.Workers)
	f0.load(est)
	info := f0.information()
	if f0.entrant {
		f0.entrantPrior()
	}
	errs := make([][]float64, n) // replicate → error per point
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < o.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lw := *l // the layout is read-only but for the cats and the chunks
			cats := make([]uint8, len(l.obsCat))
			lw.syCat = nil
			lw.groupChunks, lw.pathChunks = nil, nil
			var f *fitter
			var k smoother
			truth := make([]float64, l.nSY)
			h := make([]float64, l.nSY)
			for i := range next {
				rng := rand.New(rand.NewPCG(uint64(seed), uint64(i)))
				// Paths from N(m, V): the posterior's mean is m, so the
				// information form is h = P·m with the prior mean moved.
				for p := 0; p+1 < len(lw.pathOff); p++ {
					lo, hi := lw.pathOff[p], lw.pathOff[p+1]
					if lo == hi {
						continue
					}
					_, v0 := f0.prior(p)
					k.sample(info[lo:hi], h[lo:hi], 0, v0, f0.w, truth[lo:hi], rng.NormFloat64)
					for sy := lo; sy < hi; sy++ {
						truth[sy] += est.m[sy]
					}
				}
				if !o.NoNormalize {
					gauge(&lw, truth, f0.mu0, f0.v0, f0.gaugePath)
				}
				for obs, sy := range lw.obsSY {
					g := lw.obsGroup[obs]
					y := est.beta[g]*truth[sy] + rng.NormFloat64()
					c := uint8(2)
					switch {
					case y < est.c1[g]:
						c = 0
					case y < est.c2[g]:
						c = 1
					}
					cats[obs] = c
				}
				lw.setCats(cats)
				if f == nil {
					f = newFitter(&lw, &o, 1)
				}
				f.load(est)
				if _, _, _, err := f.run(ctx, o.MaxIter, o.Tol, o.Plain, nil); err != nil {
					continue // ctx is done: drain the queue
				}
				if !o.NoNormalize {
					f.normalize()
				}
				f.orient()
				e := make([]float64, len(lw.points))
				for j, p := range lw.points {
					e[j] = f.m[p.sy] - truth[p.sy]
				}
				errs[i] = e
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return errorf("bootstrap stopped: %w", err)
	}
	for j := range r.Points {
		p := &r.Points[j]
		ss := 0.0
		for i := range errs {
			ss += errs[i][j] * errs[i][j]
		}
		p.BootSE = math.Sqrt(ss / float64(n))
		if r.factor != nil {
			p.BootSE *= r.factor[j]
		}
		p.Lo, p.Hi = p.X-z975*p.BootSE, p.X+z975*p.BootSE
	}
	r.Settings.Bootstrap = n
	return nil
}

// gauge maps drawn true positions to the gauge of the reported fit: the
// paths' first-year positions get mean mu0 and mean square v0 about it.
// (The fitted positions follow the same rule, posterior variance included,
// so that errors measure the positions relative to the gauge.)
func gauge(l *layout, x []float64, mu0, v0 float64, in func(p int) bool) {
	s, n := 0.0, 0
	for p := 0; p+1 < len(l.pathOff); p++ {
		if sy := l.pathOff[p]; in(p) {
			s += x[sy] - mu0
			n++
		}
	}
	if n == 0 {
		return
	}
	d := s / float64(n)
	q := 0.0
	for p := 0; p+1 < len(l.pathOff); p++ {
		if sy := l.pathOff[p]; in(p) {
			e := x[sy] - mu0 - d
			q += e * e
		}
	}
	if q <= 0 {
		return
	}
	c := math.Sqrt(float64(n) * v0 / q)
	for i := range x {
		x[i] = mu0 + c*(x[i]-d-mu0)
	}
}
