package ideal

import (
	"math/bits"
	"sort"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// layout is the fixed structure of a fit: the observations (cast votes) in
// flat slices, ordered by parameter group, and an index of them by
// state-year. A path is the sequence of years of one state (or of a chain of
// predecessor and successor); its state-years are consecutive calendar years
// from the first to the last year with a vote, at sy indexes
// pathOff[p]..pathOff[p+1].
type layout struct {
	codes   []string // state codes of the matrix
	nStates int      // states with at least one vote

	statePath []int32 // path of each matrix state
	pathOff   []int32 // len paths+1
	pathYear0 []int   // calendar year of the first state-year of each path
	nSY       int

	groupOff []int32 // len groups+1, into the obs slices
	groupRC  [][]int // matrix roll calls of each group
	groupKey []string

	obsSY    []int32 // state-year of each observation
	obsGroup []int32
	obsCat   []uint8 // 0 no, 1 abstain, 2 yes

	syOff   []int32 // len nSY+1, into syObs
	syObs   []int32 // observation indexes by state-year
	syGroup []int32 // obsGroup[syObs[i]], for sequential access
	syCat   []uint8 // obsCat[syObs[i]]

	points []pointRef

	nRollCalls, dropped, bridgedRC, bridgedGroups int
	singleYear                                    int // static fit within one year: that year

	groupChunks, pathChunks []int // worker boundaries (len workers+1)
}

type pointRef struct {
	state, year, n int
	sy             int32
}

type rawObs struct {
	rc, state int32
	cat       uint8
}

func category(v record.Vote) int {
	switch v {
	case record.No:
		return 0
	case record.Abstain:
		return 1
	case record.Yes:
		return 2
	}
	return -1
}

func build(m *votes.Matrix, o *Options) (*layout, error) {
	nrc, ns := m.NumRollCalls(), m.NumStates()
	mask := o.Mask
	if mask != nil && len(mask) != m.Words() {
		return nil, errorf("mask has %d words, matrix %d", len(mask), m.Words())
	}
	l := &layout{codes: m.States()}
	rcs := m.RollCalls()

	// Paths: a state and its chain of successors share one.
	pathKey := make([]string, ns)
	for s, c := range l.codes {
		k, seen := c, 0
		for {
			nx, ok := o.Chain[k]
			if !ok || nx == k {
				break
			}
			if seen++; seen > len(o.Chain) {
				return nil, errorf("chain through %s has a cycle", c)
			}
			k = nx
		}
		pathKey[s] = k
	}

	// Cast votes, state by state.
	var raw []rawObs
	rcCount := make([][3]int32, nrc)
	syN := map[[2]int]int{} // (state, year) → cast votes
	for s := 0; s < ns; s++ {
		set := m.Set(s, 0)
		for w, word := range set {
			if mask != nil {
				word &= mask[w]
			}
			for word != 0 {
				rc := w<<6 | bits.TrailingZeros64(word)
				word &= word - 1
				c := category(m.Vote(rc, s))
				raw = append(raw, rawObs{int32(rc), int32(s), uint8(c)})
				rcCount[rc][c]++
				syN[[2]int{s, rcs[rc].Year}]++
			}
		}
	}
	if len(raw) == 0 {
		return nil, errorf("no cast votes in the selection")
	}

	// Groups: bridged roll calls share one; others stand alone.
	group := make([]int, nrc)
	for i := range group {
		group[i] = -1
	}
	var inMask []int
	years := map[int]bool{}
	for rc := 0; rc < nrc; rc++ {
		if rcCount[rc] != [3]int32{} {
			inMask = append(inMask, rc)
			years[rcs[rc].Year] = true
		}
	}
	if len(years) == 1 {
		l.singleYear = rcs[inMask[0]].Year
	}
	keys := make([]string, nrc)
	if o.Bridge {
		perYear := map[string]map[int]int{}
		for _, rc := range inMask {
			r := &rcs[rc]
			if r.Amendment || r.Paragraph {
				continue
			}
			k := NormalizeTitle(r.Title, r.Resolution)
			if k == "" {
				continue
			}
			keys[rc] = k
			if perYear[k] == nil {
				perYear[k] = map[int]int{}
			}
			perYear[k][r.Year]++
		}
		for _, rc := range inMask {
			if k := keys[rc]; k != "" && perYear[k][rcs[rc].Year] > 1 {
				keys[rc] = "" // the title recurs within a year: not one item
			}
		}
	}
	byKey := map[string]int{}
	var groupCount [][3]int32
	for _, rc := range inMask {
		k := keys[rc]
		if k != "" {
			if g, ok := byKey[k]; ok {
				group[rc] = g
				l.groupRC[g] = append(l.groupRC[g], rc)
				for c := 0; c < 3; c++ {
					groupCount[g][c] += rcCount[rc][c]
				}
				continue
			}
			byKey[k] = len(l.groupRC)
		}
		group[rc] = len(l.groupRC)
		l.groupRC = append(l.groupRC, []int{rc})
		l.groupKey = append(l.groupKey, k)
		groupCount = append(groupCount, rcCount[rc])
	}
	// Drop groups without variation; renumber.
	newG := make([]int, len(l.groupRC))
	kept := 0
	for g, c := range groupCount {
		nz := 0
		for _, x := range c {
			if x > 0 {
				nz++
			}
		}
		if nz < 2 {
			newG[g] = -1
			l.dropped += len(l.groupRC[g])
			continue
		}
		newG[g] = kept
		l.groupRC[kept], l.groupKey[kept], groupCount[kept] = l.groupRC[g], l.groupKey[g], groupCount[g]
		kept++
	}
	l.groupRC, l.groupKey = l.groupRC[:kept], l.groupKey[:kept]
	for g, rcl := range l.groupRC {
		l.nRollCalls += len(rcl)
		if len(rcl) > 1 {
			l.bridgedRC += len(rcl)
			l.bridgedGroups++
		} else {
			l.groupKey[g] = ""
		}
	}
	if kept == 0 {
		return nil, errorf("no roll call with more than one kind of vote in the selection")
	}

	// Paths and their years.
	pathIdx := map[string]int{}
	var pathNames []string
	for s := 0; s < ns; s++ {
		if _, ok := pathIdx[pathKey[s]]; !ok {
			pathIdx[pathKey[s]] = -1
			pathNames = append(pathNames, pathKey[s])
		}
	}
	sort.Strings(pathNames)
	for i, n := range pathNames {
		pathIdx[n] = i
	}
	l.statePath = make([]int32, ns)
	for s := range l.statePath {
		l.statePath[s] = int32(pathIdx[pathKey[s]])
	}
	np := len(pathNames)
	lo, hi := make([]int, np), make([]int, np)
	for p := range lo {
		lo[p], hi[p] = 1<<30, -1
	}
	owner := map[[2]int]int{} // (path, year) → state
	for k := range syN {
		s, y := k[0], k[1]
		p := pathIdx[pathKey[s]]
		if q, ok := owner[[2]int{p, y}]; ok && q != s {
			a, b := l.codes[q], l.codes[s]
			if a > b {
				a, b = b, a
			}
			return nil, errorf("chain joins %s and %s, which both voted in %d", a, b, y)
		}
		owner[[2]int{p, y}] = s
		lo[p], hi[p] = min(lo[p], y), max(hi[p], y)
	}
	l.pathOff = make([]int32, 0, np+1)
	l.pathOff = append(l.pathOff, 0)
	l.pathYear0 = make([]int, np)
	for p := 0; p < np; p++ {
		n := 0
		if hi[p] >= 0 {
			n = 1
			if o.Dynamic {
				n = hi[p] - lo[p] + 1
			}
		}
		l.pathYear0[p] = lo[p]
		l.pathOff = append(l.pathOff, l.pathOff[p]+int32(n))
	}
	l.nSY = int(l.pathOff[np])
	syOf := func(s, year int) int32 {
		p := pathIdx[pathKey[s]]
		if !o.Dynamic {
			return l.pathOff[p]
		}
		return l.pathOff[p] + int32(year-l.pathYear0[p])
	}

	// Observations in group order.
	l.groupOff = make([]int32, kept+1)
	for _, r := range raw {
		if g := newG[group[r.rc]]; g >= 0 {
			l.groupOff[g+1]++
		}
	}
	for g := 0; g < kept; g++ {
		l.groupOff[g+1] += l.groupOff[g]
	}
	nobs := int(l.groupOff[kept])
	l.obsSY = make([]int32, nobs)
	l.obsGroup = make([]int32, nobs)
	l.obsCat = make([]uint8, nobs)
	fill := append([]int32(nil), l.groupOff[:kept]...)
	l.syOff = make([]int32, l.nSY+1)
	for _, r := range raw {
		g := newG[group[r.rc]]
		if g < 0 {
			continue
		}
		i := fill[g]
		fill[g]++
		sy := syOf(int(r.state), rcs[r.rc].Year)
		l.obsSY[i], l.obsGroup[i], l.obsCat[i] = sy, int32(g), r.cat
		l.syOff[sy+1]++
	}
	for i := 0; i < l.nSY; i++ {
		l.syOff[i+1] += l.syOff[i]
	}
	l.syObs = make([]int32, nobs)
	fill = append(fill[:0], l.syOff[:l.nSY]...)
	for i, sy := range l.obsSY {
		l.syObs[fill[sy]] = int32(i)
		fill[sy]++
	}
	l.syGroup = make([]int32, nobs)
	for i, o := range l.syObs {
		l.syGroup[i] = l.obsGroup[o]
	}
	l.setCats(l.obsCat)

	// Points: state-years with a cast vote, by state code and year.
	for k, n := range syN {
		l.points = append(l.points, pointRef{state: k[0], year: k[1], n: n, sy: syOf(k[0], k[1])})
	}
	sort.Slice(l.points, func(i, j int) bool {
		a, b := l.points[i], l.points[j]
		if a.state != b.state {
			return a.state < b.state
		}
		return a.year < b.year
	})
	states := map[int]bool{}
	for i := range l.points {
		states[l.points[i].state] = true
		if !o.Dynamic {
			l.points[i].year = l.singleYear
		}
	}
	l.nStates = len(states)
	if !o.Dynamic { // one point per state: merge the years
		out := l.points[:0]
		for _, p := range l.points {
			if n := len(out); n > 0 && out[n-1].state == p.state {
				out[n-1].n += p.n
				continue
			}
			out = append(out, p)
		}
		l.points = out
	}
	return l, nil
}

// setCats sets the votes' categories (in observation order).
func (l *layout) setCats(cats []uint8) {
	l.obsCat = cats
	if len(l.syCat) != len(cats) {
		l.syCat = make([]uint8, len(cats))
	}
	for i, o := range l.syObs {
		l.syCat[i] = cats[o]
	}
}

func (l *layout) stateIndex(code string) (int, bool) {
	i := sort.SearchStrings(l.codes, code)
	return i, i < len(l.codes) && l.codes[i] == code
}

// chunk splits n items with the given weights into w contiguous ranges of
// about equal weight.
func chunk(n, w int, weight func(i int) int) []int {
	total := 0
	for i := 0; i < n; i++ {
		total += weight(i)
	}
	b := []int{0}
	acc := 0
	for i := 0; i < n && len(b) < w; i++ {
		acc += weight(i)
		if acc*w >= total*len(b) {
			b = append(b, i+1)
		}
	}
	for len(b) < w+1 {
		b = append(b, n)
	}
	return b
}
