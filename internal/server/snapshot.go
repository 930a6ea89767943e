package server

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/blocwatch/blocwatch/internal/coverage"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// snapshot is everything the server answers from for one version of the
// data: the vote matrix, indexes over it and the results computed from it.
// It is built aside and swapped in whole (Server.snap), so a request sees
// one version from start to end, and an update never fails a request.
type snapshot struct {
	version int              // the store's data version
	records int              // roll-call records in the store, of every kind, before the universe
	cov     *coverage.Report // what the data cover, whatever the universe
	m       *votes.Matrix    // nil when the store holds no roll call
	byID    map[int64]int    // store id → matrix index
	loaded  time.Time
	cache   *cache
	resp    *respCache // encoded API responses
	// ideal is the fit of this data version; a reload of the same version
	// shares it.
	ideal *atomic.Pointer[idealState]
	// stateYears lists the years in which each state has a recorded vote,
	// for the year selectors.
	stateYears map[string][]int
	// stateYear is each state's default year: the latest in which it
	// cast enough votes (latestFull).
	stateYear map[string]int
	// warmed is set once the results every resolution page needs are
	// computed (warm).
	warmed atomic.Bool
	// fullYear is the default year of the pages: the latest with at least
	// fullYearVotes roll calls, so that a year just begun is not the
	// default.
	fullYear int
}

// fullYearVotes is how many votes make a year the default one, unless
// no year has half as many again.
const fullYearVotes = 20

// latestFull returns the latest of years whose count reaches fullYearVotes,
// or half the largest count if that is smaller; 0 if years is empty.
func latestFull(years []int, count map[int]int) int {
	most := 0
	for _, y := range years {
		most = max(most, count[y])
	}
	need := max(1, min(fullYearVotes, most/2))
	out := 0
	for _, y := range years {
		if count[y] >= need {
			out = y
		}
	}
	return out
}

// Bounds of the caches of a snapshot: computed results (in entries and
// estimated bytes), and encoded API responses and pages (in bytes).
const (
	cacheEntries = 4096
	cacheBudget  = 64 << 20
	respBudget   = 48 << 20
)

// buildSnapshot loads the matrix of st and indexes it.
func buildSnapshot(ctx context.Context, st *store.Store) (*snapshot, error) {
	v, err := st.Version(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the data version of %s: %w", st.Path(), err)
	}
	m, err := st.Matrix(ctx)
	if err != nil {
		return nil, fmt.Errorf("load the vote matrix from %s: %w", st.Path(), err)
	}
	spans, err := st.SourceSpans(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the sources of %s: %w", st.Path(), err)
	}
	sn := &snapshot{version: v, loaded: time.Now(), cache: newCache(cacheEntries, cacheBudget), resp: newRespCache(respBudget), ideal: new(atomic.Pointer[idealState])}
	sn.cov = coverage.Of(m, spans)
	sn.records = m.NumRollCalls()
	// The pages and the API count the default universe: whole resolutions,
	// each vote once (docs/data.md).
	m = m.In(votes.Universe{})
	if m.NumRollCalls() == 0 {
		sn.ideal.Store(&idealState{Status: idealOff, Note: "no data"})
		return sn, nil
	}
	sn.m = m
	sn.byID = make(map[int64]int, m.NumRollCalls())
	for i, rc := range m.RollCalls() {
		sn.byID[rc.ID] = i
	}
	sn.stateYears = map[string][]int{}
	sn.stateYear = map[string]int{}
	for s, code := range m.States() {
		var ys []int
		cast := map[int]int{}
		for _, y := range m.Years() {
			lo, hi := m.YearRange(y)
			if m.CountRange(s, 0, nil, lo, hi) > 0 || m.CountRange(s, record.NonVoting, nil, lo, hi) > 0 {
				ys = append(ys, y)
			}
			cast[y] = m.CountRange(s, 0, nil, lo, hi)
		}
		sn.stateYears[code] = ys
		sn.stateYear[code] = latestFull(ys, cast)
	}
	perYear := map[int]int{}
	for _, y := range m.Years() {
		lo, hi := m.YearRange(y)
		perYear[y] = hi - lo
	}
	sn.fullYear = latestFull(m.Years(), perYear)
	if y := sn.cov.LatestComplete(record.GA); y > 0 && y < sn.fullYear {
		sn.fullYear = y // a year the data cover only in part is never the default
	}
	sn.ideal.Store(&idealState{Status: idealOff})
	return sn, nil
}

// emptySnapshot stands for a store that does not exist or holds nothing.
func emptySnapshot() *snapshot {
	sn := &snapshot{loaded: time.Now(), cache: newCache(16, 1<<20), resp: newRespCache(1 << 20), ideal: new(atomic.Pointer[idealState]), cov: &coverage.Report{}}
	sn.ideal.Store(&idealState{Status: idealOff, Note: "no data"})
	return sn
}

// ready reports whether the snapshot has data.
func (sn *snapshot) ready() bool { return sn.m != nil }

// years returns the years with roll calls.
func (sn *snapshot) years() []int {
	if sn.m == nil {
		return nil
	}
	return sn.m.Years()
}
