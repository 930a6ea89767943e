package server

import (
	"fmt"

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
		tabs, err := align.AllPairs(sn.m, []align.Window{align.Year(year)}, sn.mask(body, issue, "", ""))
		if err != nil {
			return nil, err
		}
		t := &pairTable{year: year, body: body, issue: issue, all: tabs[0].Pairs, counts: map[[2]string]align.Counts{}}
		for _, p := range tabs[0].Pairs {
			t.counts[[2]string{p.A, p.B}] = p.Counts
		}
		t.states, t.pairs = align.ByState(tabs[0].Pairs)
		return t, nil
	})
}

// partner and partnerList are view's: the command line's partners
// command writes the same.
type (
	partner     = view.Partner
	partnerList = view.Partners
)

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
