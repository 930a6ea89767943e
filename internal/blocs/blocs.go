// Package blocs finds voting blocs among the states of the United Nations
// and follows them over time.
//
// A bloc is a community of the agreement graph of a window of roll calls:
// states are nodes, and two states are joined by an edge weighted with an
// alignment measure of package align (agreement by default) if they cast
// votes on at least MinN common roll calls. The communities are those of
// the Louvain method (Blondel et al. 2008) maximising Newman's modularity
// with the resolution parameter of Reichardt and Bornholdt (2006), as
// implemented by gonum's community.Modularize, with a seeded random order
// so that the same data, options and seed give the same blocs.
//
// Besides blocs the package checks named camps against each other (Camps)
// and finds the states whose alignment with a reference moved most between
// two periods (FindMovers). docs/blocs.md states every formula.
package blocs

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph/community"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/parallel"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Defaults of Options.
const (
	DefaultMinN       = 10   // common roll calls for an edge
	DefaultEdgeMargin = 0.05 // a member whose margin is below this is on the edge
	DefaultMinJaccard = 0.3  // the least overlap for a bloc to continue another
)

// Options tune the detection of blocs. The zero Options weights edges with
// agreement at resolution 1 over every roll call.
type Options struct {
	Metric     align.Metric // the edge weight; the zero value is align.Agree
	Resolution float64      // γ of the modularity; 0 means 1, larger finds smaller blocs
	MinN       int          // the least number of common roll calls for an edge; 0 means DefaultMinN
	Seed       uint64       // seed of the Louvain method's random order
	EdgeMargin float64      // a member with Margin below it is on its bloc's edge; 0 means DefaultEdgeMargin
	MinJaccard float64      // the least Jaccard overlap for a bloc to continue one of the window before; 0 means DefaultMinJaccard
	Mask       votes.Mask   // roll calls to consider (votes.Matrix.Select); nil means all
}

func (o Options) withDefaults() (Options, error) {
	if o.Metric < 0 || int(o.Metric) >= len(align.Metrics()) {
		return o, fmt.Errorf("blocs: unknown metric %v", o.Metric)
	}
	if o.Resolution < 0 {
		return o, fmt.Errorf("blocs: resolution %v is negative", o.Resolution)
	}
	if o.Resolution == 0 {
		o.Resolution = 1
	}
	if o.MinN < 0 {
		return o, fmt.Errorf("blocs: minimum of %d common roll calls", o.MinN)
	}
	if o.MinN == 0 {
		o.MinN = DefaultMinN
	}
	if o.EdgeMargin < 0 {
		return o, fmt.Errorf("blocs: edge margin %v is negative", o.EdgeMargin)
	}
	if o.EdgeMargin == 0 {
		o.EdgeMargin = DefaultEdgeMargin
	}
	if o.MinJaccard < 0 || o.MinJaccard > 1 {
		return o, fmt.Errorf("blocs: Jaccard threshold %v not between 0 and 1", o.MinJaccard)
	}
	if o.MinJaccard == 0 {
		o.MinJaccard = DefaultMinJaccard
	}
	return o, nil
}

// A Partition is the division of one window's states into blocs.
type Partition struct {
	align.Window
	Metric     align.Metric // the edge weight
	Resolution float64      // γ
	Blocs      []Bloc       // largest first; ties by the first member's code
	Members    []Member     // one for each placed state, by code
	Unplaced   []string     // states that voted in the window but share MinN roll calls with no other state

	// Modularity is Newman's Q of the blocs at the resolution used, on the
	// graph the blocs were found in.
	Modularity align.Value
	// Polarization is the share of the variation in the states' votes
	// that the division into blocs explains: 1 − W/T, where T is the mean
	// pairwise disagreement weighted as in a one-way analysis of variance
	// and W its part within blocs (docs/blocs.md). It uses disagreement
	// (1 − agree) whatever the metric.
	Polarization align.Value
}

// A Bloc is one community of a window's agreement graph.
type Bloc struct {
	ID       int         // 1 for the window's largest bloc, 2 for the next, ...
	Track    int         // the bloc's line across windows (see Detect); its ID in a single window
	Members  []string    // state codes, sorted
	Anchor   string      // the member with the highest mean value with the rest of the bloc
	Cohesion align.Value // the mean value of the metric over pairs of members
	Pairs    int         // pairs of members that entered Cohesion
	Edge     []string    // members on the edge, smallest margin first

	// Continues is the ID of the bloc of the window before that this one
	// continues (0 if none: a new track), Jaccard their overlap.
	Continues int
	Jaccard   float64
}

// A Member is a state's place in a partition.
type Member struct {
	State   string
	Bloc    int         // the ID of its bloc
	Own     align.Value // its mean value with the other members of its bloc
	Nearest int         // the ID of the other bloc it is closest to (highest mean value), 0 if none
	Other   align.Value // its mean value with the members of that bloc
	Margin  align.Value // Own − Other
	Edge    bool        // Margin < Options.EdgeMargin
}

// Bloc returns the bloc with the given ID, or nil.
func (p *Partition) Bloc(id int) *Bloc {
	if id < 1 || id > len(p.Blocs) {
		return nil
	}
	return &p.Blocs[id-1]
}

// Member returns the place of a state, or nil if it was not placed.
func (p *Partition) Member(state string) *Member {
	i := sort.Search(len(p.Members), func(i int) bool { return p.Members[i].State >= state })
	if i < len(p.Members) && p.Members[i].State == state {
		return &p.Members[i]
	}
	return nil
}

// Detect divides the states into blocs in each window. Windows without a
// pair of states with MinN common roll calls are left out; it is an error if
// all are. Where there are several windows, each bloc is matched to a bloc
// of the window before (see Track): bloc B continues bloc A if their
// Jaccard overlap |A∩B|/|A∪B| is at least MinJaccard, taking the pairs of
// consecutive windows' blocs greedily from the largest overlap down, each
// bloc at most once. A bloc that continues none starts a new track; tracks
// are numbered in order of appearance.
//
// Each window's blocs depend only on its own roll calls, the options and the
// seed, not on the other windows. Windows are shared out among
// runtime.GOMAXPROCS goroutines.
func Detect(m *votes.Matrix, ws []align.Window, o Options) ([]Partition, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if len(ws) == 0 {
		return nil, errNoWindows
	}
	if o.Mask != nil && len(o.Mask) != m.Words() {
		return nil, errors.New("blocs: mask is not of this matrix")
	}
	// One window at a time on each goroutine, so that only the pairs of
	// the windows in hand are in memory.
	parts := make([]Partition, len(ws))
	parallel.Each(len(ws), func(k int) {
		tables, _ := align.AllPairs(m, ws[k:k+1], o.Mask) // the mask was checked
		parts[k] = partition(&tables[0], o)
	})
	out := parts[:0]
	for _, p := range parts {
		if len(p.Members) > 0 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		what := align.Period(ws[0].From, ws[len(ws)-1].To)
		return nil, votes.NoVotes(fmt.Errorf("blocs: no two states have %d roll calls in common in %s", o.MinN, what))
	}
	track(out, o.MinJaccard)
	return out, nil
}

// partition finds the blocs of one window.
func partition(t *align.Table, o Options) Partition {
	p := Partition{Window: t.Window, Metric: o.Metric, Resolution: o.Resolution}
	// The states with an edge, and every state that voted.
	index := map[string]int{}
	voted := map[string]bool{}
	var codes []string
	for i := range t.Pairs {
		pr := &t.Pairs[i]
		voted[pr.A], voted[pr.B] = true, true
		if pr.N < o.MinN || !pr.Counts.Measure(o.Metric).Defined {
			continue
		}
		for _, c := range [2]string{pr.A, pr.B} {
			if _, ok := index[c]; !ok {
				index[c] = -1
				codes = append(codes, c)
			}
		}
	}
	sort.Strings(codes)
	for i, c := range codes {
		index[c] = i
	}
	for c := range voted {
		if _, ok := index[c]; !ok {
			p.Unplaced = append(p.Unplaced, c)
		}
	}
	sort.Strings(p.Unplaced)
	n := len(codes)
	if n == 0 {
		return p
	}

	// For each measured pair (has), n×n: val holds the metric, dis the
	// disagreement and weight the edge weight, max(0, val).
	val := make([]float64, n*n)
	dis := make([]float64, n*n)
	has := make([]bool, n*n)
	weight := make([]float64, n*n)
	for i := range t.Pairs {
		pr := &t.Pairs[i]
		if pr.N < o.MinN {
			continue
		}
		v := pr.Counts.Measure(o.Metric)
		if !v.Defined {
			continue
		}
		a, b := index[pr.A], index[pr.B]
		val[a*n+b], val[b*n+a] = v.X, v.X
		d := 1 - pr.Counts.Agree().X
		dis[a*n+b], dis[b*n+a] = d, d
		has[a*n+b], has[b*n+a] = true, true
		if v.X > 0 {
			weight[a*n+b], weight[b*n+a] = v.X, v.X
		}
	}
	g := newAgreementGraph(n, weight)

	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%d", t.From, t.To, t.Session)
	reduced := community.Modularize(g, o.Resolution, rand.NewPCG(o.Seed, h.Sum64()))
	comms := reduced.Communities()
	groups := make([][]int, 0, len(comms))
	for _, c := range comms {
		if len(c) == 0 {
			continue
		}
		ids := make([]int, len(c))
		for j, nd := range c {
			ids[j] = int(nd.ID())
		}
		sort.Ints(ids) // codes are sorted, so members are too
		groups = append(groups, ids)
	}
	sort.Slice(groups, func(i, j int) bool {
		if len(groups[i]) != len(groups[j]) {
			return len(groups[i]) > len(groups[j])
		}
		return groups[i][0] < groups[j][0]
	})
	blocOf := make([]int, n)
	for k, grp := range groups {
		for _, i := range grp {
			blocOf[i] = k
		}
	}
	p.Modularity = modularity(n, blocOf, len(groups), weight, o.Resolution)

	// Each state's mean value with every bloc.
	k := len(groups)
	sum := make([]float64, n*k)
	cnt := make([]int, n*k)
	for i := range n {
		for j := range n {
			if i != j && has[i*n+j] {
				sum[i*k+blocOf[j]] += val[i*n+j]
				cnt[i*k+blocOf[j]]++
			}
		}
	}
	mean := func(i, b int) align.Value {
		if cnt[i*k+b] == 0 {
			return align.Value{}
		}
		return align.Value{X: sum[i*k+b] / float64(cnt[i*k+b]), Defined: true}
	}
	p.Members = make([]Member, n)
	for i, c := range codes {
		mb := Member{State: c, Bloc: blocOf[i] + 1, Own: mean(i, blocOf[i])}
		for b := range k {
			if b == blocOf[i] {
				continue
			}
			if v := mean(i, b); v.Defined && (!mb.Other.Defined || v.X > mb.Other.X) {
				mb.Nearest, mb.Other = b+1, v
			}
		}
		if mb.Own.Defined && mb.Other.Defined {
			mb.Margin = align.Value{X: mb.Own.X - mb.Other.X, Defined: true}
			mb.Edge = mb.Margin.X < o.EdgeMargin
		}
		p.Members[i] = mb
	}

	p.Blocs = make([]Bloc, k)
	for b, grp := range groups {
		bl := Bloc{ID: b + 1, Track: b + 1, Members: make([]string, len(grp))}
		s := 0.0
		best := -1
		for x, i := range grp {
			bl.Members[x] = codes[i]
			for _, j := range grp[x+1:] {
				if has[i*n+j] {
					s += val[i*n+j]
					bl.Pairs++
				}
			}
			own := p.Members[i].Own
			if best < 0 || own.Defined && (!p.Members[best].Own.Defined || own.X > p.Members[best].Own.X) {
				best = i
			}
			if p.Members[i].Edge {
				bl.Edge = append(bl.Edge, codes[i])
			}
		}
		bl.Anchor = codes[best]
		if bl.Pairs > 0 {
			bl.Cohesion = align.Value{X: s / float64(bl.Pairs), Defined: true}
		}
		sort.SliceStable(bl.Edge, func(x, y int) bool {
			return p.Member(bl.Edge[x]).Margin.X < p.Member(bl.Edge[y]).Margin.X
		})
		p.Blocs[b] = bl
	}
	p.Polarization = polarization(n, groups, dis, has)
	return p
}

// polarization returns 1 − W/T with T = (N−1)·mean δ over all measured pairs
// and W = Σ_g (n_g−1)·mean δ over the measured pairs within bloc g, δ the
// disagreement. With every pair measured, δ is half the squared Euclidean
// distance between two states' one-hot vote vectors per roll call, and
// 1 − W/T is the R² of a one-way analysis of variance of the votes by bloc.
func polarization(n int, groups [][]int, dis []float64, has []bool) align.Value {
	var s float64
	var c int
	for i := range n {
		for j := i + 1; j < n; j++ {
			if has[i*n+j] {
				s += dis[i*n+j]
				c++
			}
		}
	}
	if n < 2 || c == 0 || s == 0 {
		return align.Value{}
	}
	total := float64(n-1) * s / float64(c)
	within := 0.0
	for _, grp := range groups {
		var gs float64
		var gc int
		for x, i := range grp {
			for _, j := range grp[x+1:] {
				if has[i*n+j] {
					gs += dis[i*n+j]
					gc++
				}
			}
		}
		if gc > 0 {
			within += float64(len(grp)-1) * gs / float64(gc)
		}
	}
	return align.Value{X: 1 - within/total, Defined: true}
}

// modularity returns Newman's Q at resolution γ of the division blocOf of
// the graph with weights w, n×n (Reichardt & Bornholdt 2006):
//
//	Q = 1/2m Σ_ij [A_ij − γ k_i k_j / 2m] δ(c_i, c_j)
//
// with A_ii = 0, k_i = Σ_j A_ij and 2m = Σ_i k_i, as community.Q computes
// it; undefined when the graph has no weight.
func modularity(n int, blocOf []int, k int, w []float64, gamma float64) align.Value {
	deg := make([]float64, n)
	in := make([]float64, k)  // Σ A_ij within each bloc, i ≠ j, both orders
	tot := make([]float64, k) // Σ k_i over each bloc
	m2 := 0.0
	for i := range n {
		for j := range n {
			if i == j || w[i*n+j] <= 0 {
				continue
			}
			deg[i] += w[i*n+j]
			if blocOf[i] == blocOf[j] {
				in[blocOf[i]] += w[i*n+j]
			}
		}
		m2 += deg[i]
		tot[blocOf[i]] += deg[i]
	}
	if m2 == 0 {
		return align.Value{}
	}
	q := 0.0
	for c := range k {
		q += in[c]/m2 - gamma*(tot[c]/m2)*(tot[c]/m2)
	}
	return align.Value{X: q, Defined: true}
}

// track links the blocs of consecutive partitions (see Detect).
func track(ps []Partition, minJaccard float64) {
	next := 1
	for k := range ps {
		cur := ps[k].Blocs
		if k == 0 {
			for i := range cur {
				cur[i].Track, cur[i].Continues = next, 0
				next++
			}
			continue
		}
		prev := ps[k-1].Blocs
		type link struct {
			a, b int
			j    float64
		}
		var links []link
		for a := range prev {
			for b := range cur {
				if j := jaccard(prev[a].Members, cur[b].Members); j >= minJaccard && j > 0 {
					links = append(links, link{a, b, j})
				}
			}
		}
		sort.SliceStable(links, func(x, y int) bool {
			if links[x].j != links[y].j {
				return links[x].j > links[y].j
			}
			if links[x].a != links[y].a {
				return links[x].a < links[y].a
			}
			return links[x].b < links[y].b
		})
		usedA := make([]bool, len(prev))
		usedB := make([]bool, len(cur))
		for _, l := range links {
			if usedA[l.a] || usedB[l.b] {
				continue
			}
			usedA[l.a], usedB[l.b] = true, true
			cur[l.b].Track, cur[l.b].Continues, cur[l.b].Jaccard = prev[l.a].Track, prev[l.a].ID, l.j
		}
		for b := range cur {
			if !usedB[b] {
				cur[b].Track, cur[b].Continues, cur[b].Jaccard = next, 0, 0
				next++
			}
		}
	}
}

// jaccard returns |a∩b|/|a∪b| of two sorted lists.
func jaccard(a, b []string) float64 {
	i, j, both := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			both++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	union := len(a) + len(b) - both
	if union == 0 {
		return 0
	}
	return float64(both) / float64(union)
}

// A Step is a state's place in one window of a series.
type Step struct {
	align.Window
	Bloc   int    // the ID of its bloc in the window
	Track  int    // the bloc's track
	Size   int    // members of the bloc
	Anchor string // the bloc's anchor
	Member Member
}

// History returns a state's bloc in each partition in which it was placed.
// It is an error if it was placed in none.
func History(ps []Partition, state string) ([]Step, error) {
	var out []Step
	for k := range ps {
		p := &ps[k]
		mb := p.Member(state)
		if mb == nil {
			continue
		}
		b := p.Bloc(mb.Bloc)
		out = append(out, Step{Window: p.Window, Bloc: b.ID, Track: b.Track, Size: len(b.Members), Anchor: b.Anchor, Member: *mb})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("blocs: %s is in no bloc of the windows", state)
	}
	return out, nil
}

// errNoWindows is returned for an empty list of windows.
var errNoWindows = errors.New("blocs: no windows")
