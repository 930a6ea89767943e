package server

import (
	"fmt"
	"runtime"
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/view"
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
		return sn.newPairTable(year, body, issue)
	})
}

// memSize estimates the bytes of t: every pair is held three times (both
// ways in pairs, once in counts), with its two codes.
func (t *pairTable) memSize() int { return len(t.counts) * 3 * 96 }

// heavy bounds the pair tables computed at once, whatever the number of
// requests in flight: each takes some megabytes while it is made.
var heavy = make(chan struct{}, runtime.GOMAXPROCS(0))

// newPairTable computes the pair table of a year.
func (sn *snapshot) newPairTable(year int, body record.Body, issue record.Issue) (*pairTable, error) {
	heavy <- struct{}{}
	defer func() { <-heavy }()
	tabs, err := align.AllPairs(sn.m, []align.Window{align.Year(year)}, sn.mask(body, issue, "", ""))
	if err != nil {
		return nil, err
	}
	t := &pairTable{year: year, body: body, issue: issue, all: tabs[0].Pairs, pairs: map[string][]align.Pair{}, counts: map[[2]string]align.Counts{}}
	for _, p := range tabs[0].Pairs {
		t.counts[[2]string{p.A, p.B}] = p.Counts
		t.pairs[p.A] = append(t.pairs[p.A], p)
		q := p
		q.A, q.B = p.B, p.A
		q.Counts = transpose(p.Counts)
		t.pairs[p.B] = append(t.pairs[p.B], q)
	}
	for s := range t.pairs {
		t.states = append(t.states, s)
	}
	sort.Strings(t.states)
	return t, nil
}

func transpose(c align.Counts) align.Counts {
	var t align.Counts
	for i := range c {
		for j := range c[i] {
			t[i][j] = c[j][i]
		}
	}
	return t
}

// partners ranks the other states by metric with code in a year
// (align.Partners).
func (s *Server) partners(sn *snapshot, code string, year int, body record.Body, issue record.Issue, m align.Metric, top int) (*partnerList, error) {
	key := fmt.Sprintf("partners|%s|%d|%s|%d|%s", code, year, body, issue, m)
	all, err := cached(sn.cache, key, func() (*partnerList, error) {
		t, err := sn.pairs(year, body, issue)
		if err != nil {
			return nil, err
		}
		return view.NewPartners(code, year, body, issue, m, t.pairs[code], s.stateName), nil
	})
	if err != nil {
		return nil, err
	}
	return all.Top(top), nil
}

// partner and partnerList are view's: the command line's partners
// command writes the same.
type (
	partner     = view.Partner
	partnerList = view.Partners
)
