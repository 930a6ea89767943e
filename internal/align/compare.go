package align

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// DefaultReplicates is the number of bootstrap replicates when
// Options.Replicates is zero.
const DefaultReplicates = 1000

// Options tune a comparison. The zero Options computes Agree over every roll
// call, groups by modal vote, without confidence intervals.
// DefaultMinN is the fewest roll calls in common that a ranking of partners
// (Neighbours) takes by default: a perfect agreement on a handful of votes
// is no evidence, and would rank above a partner of hundreds.
const DefaultMinN = 20

type Options struct {
	Metrics []Metric   // the measures, in order; nil means Agree
	Mask    votes.Mask // roll calls to consider (votes.Matrix.Select); nil means all
	MinN    int        // leave out rows with fewer than MinN roll calls (at least 1)

	// MeanOfDyads measures a group side as the mean of the measure over
	// its member dyads (each pair of a member of A and a member of B, not
	// the same state, over the roll calls on which both were members)
	// instead of by the group's modal vote.
	MeanOfDyads bool

	// Bootstrap adds percentile confidence intervals, resampling with
	// replacement the roll calls that enter the measure in each window.
	Bootstrap  bool
	Replicates int     // bootstrap replicates; 0 means DefaultReplicates
	Level      float64 // confidence level; 0 means 0.95
	Seed       uint64  // seed of the bootstrap; the same seed gives the same intervals
}

// Interval is a bootstrap percentile confidence interval. Reps is the number
// of replicates on which the measure was defined; the interval is taken over
// those, and is undefined if there were none.
type Interval struct {
	Lo, Hi  float64
	Defined bool
	Reps    int
}

// Row is the comparison of two sides over one window.
type Row struct {
	Window
	A, B   string // the sides' names
	N      int    // roll calls on which both sides cast a vote (MeanOfDyads: any member dyad)
	Counts Counts // the cross-table (MeanOfDyads: summed over member dyads)
	Dyads  int    // MeanOfDyads: member dyads with a roll call in common; else 0
	Values []Value
	CI     []Interval // with Options.Bootstrap, else nil
}

// Series is the comparison of two sides over a sequence of windows. Values
// and CI of every row follow Metrics.
type Series struct {
	Metrics []Metric
	Rows    []Row
}

// Value returns the value of metric k of row r, or an undefined Value if the
// metric was not computed.
func (s *Series) Value(r int, k Metric) Value {
	for i, m := range s.Metrics {
		if m == k {
			return s.Rows[r].Values[i]
		}
	}
	return Value{}
}

// Compare measures a against b in each window. Windows in which fewer than
// Options.MinN (at least one) roll calls count are left out; it is an error
// if all are.
func Compare(m *votes.Matrix, a, b Side, ws []Window, o Options) (*Series, error) {
	c, err := newComparer(m, a, b, o)
	if err != nil {
		return nil, err
	}
	s := &Series{Metrics: c.metrics}
	for _, w := range ws {
		if r, ok := c.row(w); ok {
			s.Rows = append(s.Rows, r)
		}
	}
	if len(s.Rows) == 0 {
		what := "the windows"
		if len(ws) > 0 {
			what = Period(ws[0].From, ws[len(ws)-1].To).String()
		}
		return nil, votes.NoVotes(fmt.Errorf("align: no roll calls in %s on which both %s and %s cast a vote", what, a.Name, b.Name))
	}
	return s, nil
}

// CompareWindow measures a against b in one window.
func CompareWindow(m *votes.Matrix, a, b Side, w Window, o Options) (Row, error) {
	c, err := newComparer(m, a, b, o)
	if err != nil {
		return Row{}, err
	}
	r, ok := c.row(w)
	if !ok {
		return Row{}, votes.NoVotes(fmt.Errorf("align: no roll calls in window %s for %s and %s", w, a.Name, b.Name))
	}
	return r, nil
}

// Neighbours ranks every other state by its alignment with s in window w,
// by the first of Options.Metrics (Agree if none): most returns the top
// best aligned, least the top worst aligned (worst first). Ties go to the
// larger N, then to the state code. top <= 0 returns all. States with fewer
// than MinN roll calls in common with s, or an undefined value, are left out.
func Neighbours(m *votes.Matrix, s Side, w Window, top int, o Options) (most, least []Row, err error) {
	c, err := newComparer(m, s, s, o)
	if err != nil {
		return nil, nil, err
	}
	var rows []Row
	for i, code := range m.States() {
		if !s.IsGroup() && code == s.Name {
			continue
		}
		c.b = stateSide(m, i)
		if r, ok := c.row(w); ok && r.Values[0].Defined {
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil, nil, votes.NoVotes(fmt.Errorf("no state cast a vote with %s in window %s", s.Name, w))
	}
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := rows[i].Values[0].X, rows[j].Values[0].X
		if x != y {
			return x > y
		}
		if rows[i].N != rows[j].N {
			return rows[i].N > rows[j].N
		}
		return rows[i].B < rows[j].B
	})
	if top <= 0 || top > len(rows) {
		top = len(rows)
	}
	most = append([]Row(nil), rows[:top]...)
	sort.SliceStable(rows, func(i, j int) bool {
		x, y := rows[i].Values[0].X, rows[j].Values[0].X
		if x != y {
			return x < y
		}
		if rows[i].N != rows[j].N {
			return rows[i].N > rows[j].N
		}
		return rows[i].B < rows[j].B
	})
	least = append([]Row(nil), rows[:top]...)
	return most, least, nil
}

// Positions returns the cross-table of a's and b's cast votes over the roll
// calls in mask (nil for all). Groups vote by their modal vote.
func Positions(m *votes.Matrix, a, b Side, mask votes.Mask) (Counts, error) {
	ra, err := resolve(m, a)
	if err != nil {
		return Counts{}, err
	}
	rb, err := resolve(m, b)
	if err != nil {
		return Counts{}, err
	}
	return cross(&ra.sets, &rb.sets, nil, nil, resolveWindow(m, Window{}, mask), nil), nil
}

// Split is a roll call on which two sides cast different votes.
type Split struct {
	Index    int             // the roll call's index in the matrix
	RollCall *votes.RollCall // with its Tally
	A, B     record.Vote
	Margin   int // |yes - (no + abstain)| in the tally
}

// Diverge returns the roll calls in mask (nil for all) on which a and b cast
// different votes, most contested first: by the smallest margin between the
// yes votes and the no votes and abstentions together, then by date. Groups
// vote by their modal vote.
func Diverge(m *votes.Matrix, a, b Side, mask votes.Mask) ([]Split, error) {
	ra, err := resolve(m, a)
	if err != nil {
		return nil, err
	}
	rb, err := resolve(m, b)
	if err != nil {
		return nil, err
	}
	var out []Split
	resolveWindow(m, Window{}, mask).each(func(i int) {
		va, vb := ra.vote(i), rb.vote(i)
		if va == 0 || vb == 0 || va == vb {
			return
		}
		rc := m.RollCall(i)
		d := rc.Tally.Yes - rc.Tally.No - rc.Tally.Abstain
		if d < 0 {
			d = -d
		}
		out = append(out, Split{Index: i, RollCall: rc, A: va, B: vb, Margin: d})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Margin < out[j].Margin })
	return out, nil
}

// comparer measures one pair of resolved sides window by window.
type comparer struct {
	m       *votes.Matrix
	a, b    *resolved
	o       Options
	metrics []Metric
	absent  bool // a metric counts absences (NeedsAbsences)
}

func newComparer(m *votes.Matrix, a, b Side, o Options) (*comparer, error) {
	c := &comparer{m: m, o: o, metrics: o.Metrics}
	if len(c.metrics) == 0 {
		c.metrics = []Metric{Agree}
	}
	for _, mt := range c.metrics {
		if mt < 0 || mt >= numMetrics {
			return nil, fmt.Errorf("align: unknown metric %v", mt)
		}
	}
	if o.Mask != nil && len(o.Mask) != m.Words() {
		return nil, errors.New("align: mask is not of this matrix")
	}
	if c.o.MinN < 1 {
		c.o.MinN = 1
	}
	c.absent = NeedsAbsences(c.metrics)
	if c.o.Replicates == 0 {
		c.o.Replicates = DefaultReplicates
	}
	if c.o.Replicates < 0 {
		return nil, fmt.Errorf("align: %d bootstrap replicates", o.Replicates)
	}
	if c.o.Level == 0 {
		c.o.Level = 0.95
	}
	if !(c.o.Level > 0 && c.o.Level < 1) {
		return nil, fmt.Errorf("align: confidence level %v not between 0 and 1", o.Level)
	}
	var err error
	if c.a, err = resolve(m, a); err != nil {
		return nil, err
	}
	if c.b, err = resolve(m, b); err != nil {
		return nil, err
	}
	return c, nil
}

// none marks a roll call that does not enter a unit's cross-table.
const none = 255

// row measures the window, or reports false if fewer than MinN roll calls
// count in it.
func (c *comparer) row(w Window) (Row, bool) {
	sp := resolveWindow(c.m, w, c.o.Mask)
	r := Row{Window: w, A: c.a.name, B: c.b.name}
	// units holds, for the bootstrap, each unit's cell (4·x+y) on each
	// roll call that may be resampled: one unit for the modal comparison,
	// one per member dyad otherwise.
	var units [][]uint8
	nrc := 0
	if !c.o.MeanOfDyads || !c.a.isGroup() && !c.b.isGroup() {
		var aAbs, bAbs []uint64
		if c.absent {
			aAbs, bAbs = c.a.absent, c.b.absent
		}
		r.Counts = cross(&c.a.sets, &c.b.sets, aAbs, bAbs, sp, nil)
		r.N = r.Counts.N()
		if r.N < c.o.MinN {
			return r, false
		}
		r.Values = make([]Value, len(c.metrics))
		for k, mt := range c.metrics {
			r.Values[k] = r.Counts.MeasureIn(mt, w)
		}
		if c.o.Bootstrap {
			u := make([]uint8, 0, r.N)
			sp.each(func(i int) {
				if x, y := c.a.cell(i), c.b.cell(i); c.enters(x, y) {
					u = append(u, uint8(4*x+y))
				}
			})
			units, nrc = [][]uint8{u}, len(u)
		}
	} else {
		var ok bool
		if units, ok = c.dyads(w, sp, &r); !ok {
			return r, false
		}
		if len(units) > 0 {
			nrc = len(units[0])
		}
	}
	if c.o.Bootstrap {
		h := fnv.New64a()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d", r.A, r.B, w.From, w.To, w.Session)
		rng := rand.New(rand.NewPCG(c.o.Seed, h.Sum64()))
		r.CI = c.bootstrap(w, units, nrc, rng)
	}
	return r, true
}

func (r *resolved) isGroup() bool { return len(r.members) != 1 || r.members[0].in != nil }

// enters reports whether a roll call with cells x and y (index or iAbsent,
// -1 for none) enters the cross-table: both cast a vote, or, where a metric
// counts absences, one cast a vote and the other was absent.
func (c *comparer) enters(x, y int) bool {
	if x < 0 || y < 0 {
		return false
	}
	if x == iAbsent || y == iAbsent {
		return c.absent && x != y
	}
	return true
}

// dyads measures the window as the mean over member dyads. It fills r and
// returns the dyads' cells over the r.N roll calls on which any dyad cast
// votes (and, where a metric counts absences, those on which a dyad's member
// was absent while the other cast a vote), for the bootstrap.
func (c *comparer) dyads(w Window, sp span, r *Row) ([][]uint8, bool) {
	type dyad struct{ a, b member }
	var ds []dyad
	union := make([]uint64, len(sp.mask))
	pool := make([]uint64, len(sp.mask)) // union and the absences
	extra := make([]uint64, len(sp.mask))
	sums := make([]float64, len(c.metrics))
	defs := make([]int, len(c.metrics))
	for _, ma := range c.a.members {
		sa := stateSets(c.m, ma.state)
		ca := c.m.Set(ma.state, 0)
		for _, mb := range c.b.members {
			if ma.state == mb.state {
				continue
			}
			sb := stateSets(c.m, mb.state)
			cb := c.m.Set(mb.state, 0)
			var aAbs, bAbs []uint64
			if c.absent {
				aAbs, bAbs = c.m.Set(ma.state, record.NonVoting), c.m.Set(mb.state, record.NonVoting)
			}
			for i := range extra {
				x := sp.mask[i]
				if ma.in != nil {
					x &= ma.in[sp.w0+i]
				}
				if mb.in != nil {
					x &= mb.in[sp.w0+i]
				}
				extra[i] = x
			}
			ct := cross(&sa, &sb, aAbs, bAbs, sp, extra)
			if ct.N() == 0 {
				continue
			}
			for i := range union {
				j := sp.w0 + i
				union[i] |= ca[j] & cb[j] & extra[i]
				pool[i] |= ca[j] & cb[j] & extra[i]
				if c.absent {
					pool[i] |= (ca[j]&bAbs[j] | aAbs[j]&cb[j]) & extra[i]
				}
			}
			r.Counts.Add(&ct)
			r.Dyads++
			for k, mt := range c.metrics {
				if v := ct.MeasureIn(mt, w); v.Defined {
					sums[k] += v.X
					defs[k]++
				}
			}
			ds = append(ds, dyad{ma, mb})
		}
	}
	us := span{w0: sp.w0, mask: union}
	us.each(func(int) { r.N++ })
	if r.N < c.o.MinN || r.N == 0 {
		return nil, false
	}
	r.Values = make([]Value, len(c.metrics))
	for k := range c.metrics {
		if defs[k] > 0 {
			r.Values[k] = defined(sums[k] / float64(defs[k]))
		}
	}
	if !c.o.Bootstrap {
		return nil, true
	}
	var rcs []int
	span{w0: sp.w0, mask: pool}.each(func(i int) { rcs = append(rcs, i) })
	units := make([][]uint8, len(ds))
	for d, dy := range ds {
		u := make([]uint8, len(rcs))
		for j, i := range rcs {
			u[j] = none
			w, b := i>>6, uint64(1)<<(i&63)
			if dy.a.in != nil && dy.a.in[w]&b == 0 || dy.b.in != nil && dy.b.in[w]&b == 0 {
				continue
			}
			x, y := cellIndex(c.m.Vote(i, dy.a.state)), cellIndex(c.m.Vote(i, dy.b.state))
			if c.enters(x, y) {
				u[j] = uint8(4*x + y)
			}
		}
		units[d] = u
	}
	return units, true
}

// bootstrap returns percentile intervals for each metric: it draws nrc roll
// calls with replacement, measures each unit over them (units with no roll
// call drawn are left out) and averages the units' defined values.
func (c *comparer) bootstrap(w Window, units [][]uint8, nrc int, rng *rand.Rand) []Interval {
	reps := make([][]float64, len(c.metrics))
	sums := make([]float64, len(c.metrics))
	defs := make([]int, len(c.metrics))
	idx := make([]int, nrc)
	for range c.o.Replicates {
		for j := range idx {
			idx[j] = rng.IntN(nrc)
		}
		clear(sums)
		clear(defs)
		for _, u := range units {
			var ct Counts
			for _, j := range idx {
				if x := u[j]; x != none {
					ct[x/4][x%4]++
				}
			}
			if ct.N()+ct.Absent() == 0 {
				continue
			}
			for k, mt := range c.metrics {
				if v := ct.MeasureIn(mt, w); v.Defined {
					sums[k] += v.X
					defs[k]++
				}
			}
		}
		for k := range c.metrics {
			if defs[k] > 0 {
				reps[k] = append(reps[k], sums[k]/float64(defs[k]))
			}
		}
	}
	alpha := (1 - c.o.Level) / 2
	out := make([]Interval, len(c.metrics))
	for k, x := range reps {
		if len(x) == 0 {
			continue
		}
		sort.Float64s(x)
		out[k] = Interval{
			Lo:      stat.Quantile(alpha, stat.Empirical, x, nil),
			Hi:      stat.Quantile(1-alpha, stat.Empirical, x, nil),
			Defined: true,
			Reps:    len(x),
		}
	}
	return out
}
