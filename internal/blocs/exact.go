package blocs

import (
	"errors"
	"fmt"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// A Camp is one side of an exact split: its name and its members on a date
// (a registry group's MembersOn, or a single state).
type Camp struct {
	Name      string
	MembersOn func(date string) []string
}

// StateCamp is the camp of one state.
func StateCamp(code string) Camp {
	return Camp{Name: code, MembersOn: func(string) []string { return []string{code} }}
}

// ExactSplit is a roll call on which two camps voted as blocs against each
// other: every member of A that cast a vote (yes, no, abstain) cast VoteA,
// every member of B that cast one cast VoteB, and VoteA differs from VoteB.
type ExactSplit struct {
	RollCall     int // index in the matrix
	VoteA, VoteB record.Vote
	CastA, CastB int  // members of each camp that cast a vote
	Opposed      bool // one camp voted yes, the other no
}

// ExactRow counts the exact splits of two camps in one window.
type ExactRow struct {
	align.Window
	A, B string
	// N is the number of roll calls on which at least one member of each
	// camp cast a vote: the denominator of the shares.
	N        int
	Exact    int         // exact splits (both camps unanimous, their votes differ)
	Share    align.Value // Exact / N
	Opposed  int         // exact splits with one camp yes and the other no
	OppShare align.Value // Opposed / N
	Splits   []ExactSplit
}

// ExactSplits finds, in each window, the roll calls of mask (nil: all) on
// which camps a and b voted as blocs against each other, and their share of
// the roll calls on which both camps cast a vote. Members are taken on the
// day of each roll call; members absent or not voting are left out, so a
// camp is unanimous when every member that cast a vote cast the same one.
// Windows without a roll call on which both camps voted are left out; it is
// an error if all are.
func ExactSplits(m *votes.Matrix, a, b Camp, ws []align.Window, mask votes.Mask) ([]ExactRow, error) {
	if len(ws) == 0 {
		return nil, errNoWindows
	}
	type members struct{ a, b []int }
	byDate := map[string]members{}
	index := func(codes []string) []int {
		var out []int
		for _, c := range codes {
			if s, ok := m.State(c); ok {
				out = append(out, s)
			}
		}
		return out
	}
	// bloc returns the camp's common cast vote on roll call i, how many cast
	// one, and whether they agreed.
	bloc := func(i int, ss []int) (record.Vote, int, bool) {
		var v record.Vote
		n := 0
		for _, s := range ss {
			x := m.Vote(i, s)
			if x != record.Yes && x != record.No && x != record.Abstain {
				continue
			}
			if n > 0 && x != v {
				return 0, n + 1, false
			}
			v = x
			n++
		}
		return v, n, n > 0
	}
	var out []ExactRow
	for _, w := range ws {
		lo, hi := m.DateRange(w.From, w.To)
		r := ExactRow{Window: w, A: a.Name, B: b.Name}
		for i := lo; i < hi; i++ {
			if mask != nil && !mask.Has(i) {
				continue
			}
			rc := m.RollCall(i)
			if w.Session != 0 && rc.Session != w.Session {
				continue
			}
			mem, ok := byDate[rc.Date]
			if !ok {
				mem = members{index(a.MembersOn(rc.Date)), index(b.MembersOn(rc.Date))}
				byDate[rc.Date] = mem
			}
			va, na, ua := bloc(i, mem.a)
			vb, nb, ub := bloc(i, mem.b)
			if na == 0 || nb == 0 {
				continue
			}
			r.N++
			if ua && ub && va != vb {
				s := ExactSplit{RollCall: i, VoteA: va, VoteB: vb, CastA: na, CastB: nb}
				s.Opposed = va == record.Yes && vb == record.No || va == record.No && vb == record.Yes
				r.Exact++
				if s.Opposed {
					r.Opposed++
				}
				r.Splits = append(r.Splits, s)
			}
		}
		if r.N == 0 {
			continue
		}
		r.Share = align.Value{X: float64(r.Exact) / float64(r.N), Defined: true}
		r.OppShare = align.Value{X: float64(r.Opposed) / float64(r.N), Defined: true}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("blocs: no roll calls on which both %s and %s cast a vote: %w", a.Name, b.Name, ErrNoExact)
	}
	return out, nil
}

// ErrNoExact reports that two camps never both voted in the windows.
var ErrNoExact = errors.New("no roll calls in common")
