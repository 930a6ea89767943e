package server

import (
	"fmt"
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
)

// pairTable holds the cross-tables of every pair of states in one year and
// body (align.AllPairs), indexed both ways.
type pairTable struct {
	year   int
	body   record.Body
	issue  record.Issue
	all    []align.Pair               // the pairs of align.AllPairs, A < B
	states []string                   // states with at least one pair, by code
	pairs  map[string][]align.Pair    // state → its pairs (B is the other state)
	counts map[[2]string]align.Counts // (a, b) with a < b
}

// pairs returns the pair table of a year, cached.
func (sn *snapshot) pairs(year int, body record.Body, issue record.Issue) (*pairTable, error) {
	key := fmt.Sprintf("pairs|%d|%s|%d", year, body, issue)
	return cached(sn.cache, key, func() (*pairTable, error) {
		tabs, err := align.AllPairs(sn.m, []align.Window{align.Year(year)}, sn.mask(body, issue, "", ""))
		if err != nil {
			return nil, err
		}
		t := &pairTable{year: year, body: body, issue: issue, all: tabs[0].Pairs, counts: map[[2]string]align.Counts{}}
		for _, p := range tabs[0].Pairs {
			t.counts[[2]string{p.A, p.B}] = p.Counts
		}
		t.states, t.pairs = rollcalls.ByState(tabs[0].Pairs)
		return t, nil
	})
}

// partner is another state's alignment with a state in a year.
type partner struct {
	State string `json:"state"`
	Name  string `json:"name"`
	N     int    `json:"n"`
	Value value  `json:"value"`
}

// partnerList is a state's closest and farthest partners in a year.
type partnerList struct {
	State    string    `json:"state"`
	Year     int       `json:"year"`
	Body     string    `json:"body"`
	Issue    string    `json:"issue,omitempty"`
	Metric   string    `json:"metric"`
	MinN     int       `json:"min_n"`
	Closest  []partner `json:"closest"`
	Farthest []partner `json:"farthest"`
	All      []partner `json:"-"` // every state with a defined value, closest first
}

// Rows writes the closest, then the farthest.
func (l *partnerList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"rank", "kind", "state", "name", "n", l.Metric}}
	for i, p := range l.Closest {
		r.Data = append(r.Data, []any{i + 1, "closest", p.State, p.Name, p.N, cell(p.Value)})
	}
	for i, p := range l.Farthest {
		r.Data = append(r.Data, []any{i + 1, "farthest", p.State, p.Name, p.N, cell(p.Value)})
	}
	return r
}

// minCommon is rollcalls.MinCommon.
func minCommon(pairs []align.Pair) int { return rollcalls.MinCommon(pairs) }

// partners ranks the other states by metric with code in a year.
func (s *Server) partners(sn *snapshot, code string, year int, body record.Body, issue record.Issue, m align.Metric, top int) (*partnerList, error) {
	key := fmt.Sprintf("partners|%s|%d|%s|%d|%s", code, year, body, issue, m)
	all, err := cached(sn.cache, key, func() (*partnerList, error) {
		t, err := sn.pairs(year, body, issue)
		if err != nil {
			return nil, err
		}
		ps := t.pairs[code]
		l := &partnerList{State: code, Year: year, Body: bodyParam(body), Issue: issueCode(issue), Metric: m.String(), MinN: minCommon(ps)}
		for _, p := range ps {
			if p.N < l.MinN {
				continue
			}
			v := p.Counts.Measure(m)
			if !v.Defined {
				continue
			}
			l.All = append(l.All, partner{State: p.B, Name: s.stateName(p.B), N: p.N, Value: valueOf(v)})
		}
		sort.SliceStable(l.All, func(i, j int) bool {
			a, b := l.All[i], l.All[j]
			if *a.Value != *b.Value {
				return *a.Value > *b.Value
			}
			if a.N != b.N {
				return a.N > b.N
			}
			return a.State < b.State
		})
		return l, nil
	})
	if err != nil {
		return nil, err
	}
	out := *all
	n := min(top, len(all.All))
	out.Closest = append([]partner{}, all.All[:n]...)
	// The farthest, worst first, leaving out those already among the
	// closest (when a state has fewer than 2·top partners).
	out.Farthest = []partner{}
	for i := len(all.All) - 1; i >= max(n, len(all.All)-n); i-- {
		out.Farthest = append(out.Farthest, all.All[i])
	}
	return &out, nil
}
