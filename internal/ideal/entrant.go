package ideal

// The entrant prior. Under a fixed first-year prior N(μ0, σ0²) for every
// state, a state that joins in a year when the members are spread more
// widely (or less) than the founders were is pulled to the founders'
// spread, and through the random walk so are the years around it: in
// simulation a planted polarising period came out 20% too weak. With the
// entrant prior, a state joining in year y starts from the distribution of
// the members already there in y.

// initEntrant marks the founders (paths starting in the first year of the
// record) and sizes the prior table.
func (f *fitter) initEntrant() {
	l := f.l
	np := len(l.pathOff) - 1
	y0, y1 := 1<<30, -1
	for p := 0; p < np; p++ {
		if l.pathOff[p+1] > l.pathOff[p] {
			y0 = min(y0, l.pathYear0[p])
			y1 = max(y1, l.pathYear0[p]+int(l.pathOff[p+1]-l.pathOff[p])-1)
		}
	}
	if y1 < y0 {
		return
	}
	f.entrant, f.year0 = true, y0
	f.founder = make([]bool, np)
	founders := 0
	for p := 0; p < np; p++ {
		if l.pathOff[p+1] > l.pathOff[p] && l.pathYear0[p] == y0 {
			f.founder[p] = true
			founders++
		}
	}
	if founders < minIncumbents {
		f.entrant, f.founder = false, nil
		return
	}
	f.entMu, f.entVar = make([]float64, y1-y0+1), make([]float64, y1-y0+1)
}

// minIncumbents is the fewest incumbents whose positions make a prior; in
// a year with fewer, an entrant gets N(μ0, σ0²).
const minIncumbents = 10

// entrantPrior sets, for every year, the mean and variance of the current
// positions (posterior variance included) of the paths that started before
// it.
func (f *fitter) entrantPrior() {
	l := f.l
	n := make([]float64, len(f.entMu))
	for i := range f.entMu {
		f.entMu[i], f.entVar[i] = 0, 0
	}
	for p := 0; p+1 < len(l.pathOff); p++ {
		lo, hi := l.pathOff[p], l.pathOff[p+1]
		y := l.pathYear0[p] - f.year0
		for sy := lo + 1; sy < hi; sy++ { // the first year is no incumbent's
			k := y + int(sy-lo)
			n[k]++
			f.entMu[k] += f.m[sy]
			f.entVar[k] += f.m[sy]*f.m[sy] + f.v[sy]
		}
	}
	for k := range n {
		if n[k] < minIncumbents {
			f.entMu[k], f.entVar[k] = f.mu0, f.v0
			continue
		}
		mu := f.entMu[k] / n[k]
		f.entMu[k], f.entVar[k] = mu, max(f.entVar[k]/n[k]-mu*mu, 1e-6)
	}
}

// prior returns the prior of path p's first year.
func (f *fitter) prior(p int) (mu, v float64) {
	if f.entrant && !f.founder[p] {
		k := f.l.pathYear0[p] - f.year0
		return f.entMu[k], f.entVar[k]
	}
	return f.mu0, f.v0
}

// gaugePath reports whether path p's first year counts in the reported
// gauge (normalize): the founders' when there is an entrant prior, else
// every path's.
func (f *fitter) gaugePath(p int) bool {
	return f.l.pathOff[p+1] > f.l.pathOff[p] && (f.founder == nil || f.founder[p])
}
