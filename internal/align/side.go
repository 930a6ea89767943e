package align

import (
	"fmt"
	"math/bits"
	"sort"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Members tells whether a state was a member of a group on a date
// (YYYY-MM-DD). The registry's group type satisfies it.
type Members interface {
	Has(state, date string) bool
}

// MembersFunc adapts a function to Members.
type MembersFunc func(state, date string) bool

// Has calls f.
func (f MembersFunc) Has(state, date string) bool { return f(state, date) }

// A Side is one side of a comparison: a state or a group of states.
type Side struct {
	Name    string  // the state code, or the group's name
	members Members // nil for a state
}

// State returns the side of a single state, by its code in the matrix.
func State(code string) Side { return Side{Name: code} }

// Group returns the side of a group with dated membership. By default the
// group's vote on a roll call is the modal vote of its members on that date;
// see Options.MeanOfDyads for the alternative.
func Group(name string, members Members) Side { return Side{Name: name, members: members} }

// IsGroup reports whether the side is a group.
func (s Side) IsGroup() bool { return s.members != nil }

// resolved is a side made ready for a matrix: its own yes, no and abstain
// bit sets over all roll calls (for a group, the modal vote), and its members
// with the roll calls on which they belonged (for MeanOfDyads).
type resolved struct {
	name    string
	sets    [3][]uint64
	absent  []uint64 // a state's roll calls as a non-voting member; nil for a group
	members []member
}

type member struct {
	state int
	in    []uint64 // roll calls on which the state was a member; nil: all
}

func stateSets(m *votes.Matrix, s int) [3][]uint64 {
	return [3][]uint64{m.Set(s, record.Yes), m.Set(s, record.No), m.Set(s, record.Abstain)}
}

// stateSide returns the resolved side of state s.
func stateSide(m *votes.Matrix, s int) *resolved {
	return &resolved{name: m.States()[s], sets: stateSets(m, s), absent: m.Set(s, record.NonVoting), members: []member{{state: s}}}
}

// resolve prepares side s for matrix m.
func resolve(m *votes.Matrix, s Side) (*resolved, error) {
	if s.members == nil {
		i, ok := m.State(s.Name)
		if !ok {
			return nil, fmt.Errorf("align: unknown state %q", s.Name)
		}
		return stateSide(m, i), nil
	}
	r := &resolved{name: s.Name}
	rcs := m.RollCalls()
	words := m.Words()
	// Only states that were ever members need their dates checked, where the
	// membership can list them (a registry group can).
	candidates := m.States()
	if ever, ok := s.members.(interface{ MembersOn(date string) []string }); ok {
		candidates = nil
		for _, code := range ever.MembersOn("") {
			if _, ok := m.State(code); ok {
				candidates = append(candidates, code)
			}
		}
		sort.Strings(candidates)
	}
	for _, code := range candidates {
		st, _ := m.State(code)
		var in []uint64
		date, has := "", false
		for i := range rcs {
			if d := rcs[i].Date; d != date || i == 0 {
				date, has = d, s.members.Has(code, d)
			}
			if has {
				if in == nil {
					in = make([]uint64, words)
				}
				in[i>>6] |= 1 << (i & 63)
			}
		}
		if in != nil {
			r.members = append(r.members, member{state: st, in: in})
		}
	}
	for v := range r.sets {
		r.sets[v] = make([]uint64, words)
	}
	// The modal vote, roll call by roll call: count the cast votes of the
	// members of the day; a unique largest count is the group's vote, a tie
	// leaves the group without a position.
	for i := range rcs {
		w, b := i>>6, uint64(1)<<(i&63)
		var n [3]int
		for _, mb := range r.members {
			if mb.in[w]&b == 0 {
				continue
			}
			if x := m.Vote(i, mb.state).Index(); x >= 0 {
				n[x]++
			}
		}
		if x, ok := mode(n); ok {
			r.sets[x][w] |= b
		}
	}
	return r, nil
}

// mode returns the index of the unique largest of n, if there is one and it
// is not zero.
func mode(n [3]int) (int, bool) {
	best, tie := 0, false
	for x := 1; x < 3; x++ {
		switch {
		case n[x] > n[best]:
			best, tie = x, false
		case n[x] == n[best]:
			tie = true
		}
	}
	if tie || n[best] == 0 {
		return 0, false
	}
	return best, true
}

// Votes returns the side's cast vote on every roll call of m (0 where it
// cast none): a state's own vote, or a group's modal vote of the day.
func Votes(m *votes.Matrix, s Side) ([]record.Vote, error) {
	r, err := resolve(m, s)
	if err != nil {
		return nil, err
	}
	out := make([]record.Vote, m.NumRollCalls())
	for i := range out {
		out[i] = r.vote(i)
	}
	return out, nil
}

// vote returns the side's vote on roll call i, or 0 if it cast none.
func (r *resolved) vote(i int) record.Vote {
	if x := r.cell(i); x >= 0 && x < nCast {
		return record.CastVotes[x]
	}
	return 0
}

// cell returns the index of the side's vote on roll call i, iAbsent if it
// was a non-voting member, or -1.
func (r *resolved) cell(i int) int {
	w, b := i>>6, uint64(1)<<(i&63)
	for x := range r.sets {
		if r.sets[x][w]&b != 0 {
			return x
		}
	}
	if r.absent != nil && r.absent[w]&b != 0 {
		return iAbsent
	}
	return -1
}

// cross returns the cross-table of sets a and b over the roll calls of span
// sp, further restricted to extra (aligned with sp.mask) if not nil, with
// the absences of aAbs and bAbs (the non-voting sets, nil for none) against
// the other side's cast votes.
func cross(a, b *[3][]uint64, aAbs, bAbs []uint64, sp span, extra []uint64) Counts {
	var c Counts
	for i, mk := range sp.mask {
		if extra != nil {
			mk &= extra[i]
		}
		if mk == 0 {
			continue
		}
		w := sp.w0 + i
		for x := range a {
			ax := a[x][w] & mk
			if ax == 0 {
				continue
			}
			for y := range b {
				c[x][y] += int32(bits.OnesCount64(ax & b[y][w]))
			}
			if bAbs != nil {
				c[x][iAbsent] += int32(bits.OnesCount64(ax & bAbs[w]))
			}
		}
		if aAbs != nil {
			if ax := aAbs[w] & mk; ax != 0 {
				for y := range b {
					c[iAbsent][y] += int32(bits.OnesCount64(ax & b[y][w]))
				}
			}
		}
	}
	return c
}
