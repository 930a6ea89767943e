// Package rollcalls picks roll calls by how the members divided on them:
// the most divisive of a window, and the contested ones that a set of states
// voted on. The web pages, the API and the command line (blocwatch divisive,
// blocwatch contested) all call it.
package rollcalls

import (
	"sort"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// Divided is a roll call of the matrix (by index) with its margin
// |yes − (no + abstain)| from the official tally.
type Divided struct {
	Index  int
	Margin int
}

// Divisive returns the roll calls with index in [lo, hi) and in mask (nil
// for all) that were not unanimous (at least one no or abstention), by
// margin, smallest first (as align.Diverge orders splits), then by the
// number of votes cast, largest first, then newest first.
func Divisive(m *votes.Matrix, mask votes.Mask, lo, hi int) []Divided {
	var all []Divided
	for i := lo; i < hi; i++ {
		t := m.RollCall(i).Tally
		if mask != nil && !mask.Has(i) || t.No+t.Abstain == 0 {
			continue
		}
		d := t.Yes - t.No - t.Abstain
		if d < 0 {
			d = -d
		}
		all = append(all, Divided{Index: i, Margin: d})
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.Margin != b.Margin {
			return a.Margin < b.Margin
		}
		ta, tb := m.RollCall(a.Index).Tally, m.RollCall(b.Index).Tally
		if ca, cb := ta.Yes+ta.No+ta.Abstain, tb.Yes+tb.No+tb.Abstain; ca != cb {
			return ca > cb
		}
		return m.RollCall(a.Index).Date > m.RollCall(b.Index).Date
	})
	return all
}

// Contested returns, newest first and at most limit of them, the roll calls
// in mask (nil for all) with at least one no or abstention on which at least
// one of states (matrix state indexes) cast a vote.
func Contested(m *votes.Matrix, mask votes.Mask, states []int, limit int) []int {
	var out []int
	for i := m.NumRollCalls() - 1; i >= 0 && len(out) < limit; i-- {
		t := m.RollCall(i).Tally
		if mask != nil && !mask.Has(i) || t.No+t.Abstain == 0 {
			continue
		}
		for _, s := range states {
			if m.Vote(i, s).Cast() {
				out = append(out, i)
				break
			}
		}
	}
	return out
}
