// Package council reads the record of the Security Council: who sat on it
// each year (the permanent members and the elected ones), how each member
// voted, how closely the permanent members agreed over time, and the
// vetoes they cast, with queries by member and by topic or country
// concerned. docs/council.md states the definitions.
//
// Votes come from the vote matrix (roll calls with Body SC), vetoes from the
// store as plain records; the package does no I/O.
package council

import (
	"errors"
	"fmt"
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// P5 returns the registry's group of the permanent members, with dated
// membership (the Republic of China until 25 October 1971, the USSR until
// 24 December 1991).
func P5() *registry.Group {
	g, err := registry.Default().Group("P5")
	if err != nil {
		panic("council: the registry has no P5 group: " + err.Error())
	}
	return g
}

// A Seat is one member's place on the Council in a year.
type Seat struct {
	State     string
	Permanent bool // a permanent member on the date of one of its votes of the year
	RollCalls int  // the year's roll calls with a record of its vote
	Yes       int
	No        int
	Abstain   int
	NonVoting int
}

// A Year is the Council of one calendar year, as its roll calls show it.
type Year struct {
	Year      int
	RollCalls int
	Seats     []Seat // the permanent members first, then the elected ones, each by code
}

// Elected returns the number of elected members.
func (y *Year) Elected() int {
	n := 0
	for _, s := range y.Seats {
		if !s.Permanent {
			n++
		}
	}
	return n
}

// Members returns the members of the Council in each year with Security
// Council roll calls in mask (nil for all): every state with a recorded
// vote, cast or not, on one of the year's roll calls. A state is permanent
// if it belonged to p5 (nil for P5()) on the date of one of its votes of the
// year, and elected otherwise. (The record names the USSR on a roll call of
// 31 December 1991, after its seat passed to the Russian Federation.)
func Members(m *votes.Matrix, mask votes.Mask, p5 align.Members) []Year {
	if p5 == nil {
		p5 = P5()
	}
	var out []Year
	for _, y := range m.Years() {
		lo, hi := m.YearRange(y)
		yr := Year{Year: y}
		seats := map[int]*Seat{}
		for i := lo; i < hi; i++ {
			rc := m.RollCall(i)
			if rc.Body != record.SC || mask != nil && !mask.Has(i) {
				continue
			}
			yr.RollCalls++
			for s, code := range m.States() {
				v := m.Vote(i, s)
				if v == 0 {
					continue
				}
				st := seats[s]
				if st == nil {
					st = &Seat{State: code}
					seats[s] = st
				}
				st.Permanent = st.Permanent || p5.Has(code, rc.Date)
				st.RollCalls++
				switch v {
				case record.Yes:
					st.Yes++
				case record.No:
					st.No++
				case record.Abstain:
					st.Abstain++
				default:
					st.NonVoting++
				}
			}
		}
		if yr.RollCalls == 0 {
			continue
		}
		for _, st := range seats {
			yr.Seats = append(yr.Seats, *st)
		}
		sort.Slice(yr.Seats, func(a, b int) bool {
			x, z := yr.Seats[a], yr.Seats[b]
			if x.Permanent != z.Permanent {
				return x.Permanent
			}
			return x.State < z.State
		})
		out = append(out, yr)
	}
	return out
}

// A P5Row is the agreement of the permanent members in one window.
type P5Row struct {
	align.Window
	RollCalls int          // Security Council roll calls in the window
	Pairs     []align.Pair // pairs of permanent members with a roll call in common, A < B
	// Agreement is the mean over Pairs of their agreement (the share of
	// common roll calls on which both cast the same vote).
	Agreement align.Value
	// Unanimous is the share of the roll calls on which every permanent
	// seat cast a vote, all the same one: as many states that held a
	// permanent seat (at any time) cast a vote as there were permanent
	// members that day, and none of them has another record on it.
	Unanimous align.Value
}

// P5Agreement measures the agreement of the permanent members on Security
// Council roll calls in each window, restricted to mask (nil for all).
// Windows without Security Council roll calls are left out; it is an error
// if all are.
func P5Agreement(m *votes.Matrix, ws []align.Window, mask votes.Mask, p5 *registry.Group) ([]P5Row, error) {
	if p5 == nil {
		p5 = P5()
	}
	sc := m.Select(votes.Filter{Body: record.SC})
	if mask != nil {
		if len(mask) != len(sc) {
			return nil, errors.New("council: mask is not of this matrix")
		}
		for i := range sc {
			sc[i] &= mask[i]
		}
	}
	tables, err := align.AllPairs(m, ws, sc)
	if err != nil {
		return nil, err
	}
	var perm []int // matrix indexes of every state that ever held a permanent seat
	for s, code := range m.States() {
		if p5.Has(code, "") {
			perm = append(perm, s)
		}
	}
	var out []P5Row
	for k, t := range tables {
		r := P5Row{Window: t.Window}
		lo, hi := m.DateRange(ws[k].From, ws[k].To)
		same := 0
		for i := lo; i < hi; i++ {
			if !sc.Has(i) || ws[k].Session != 0 && m.RollCall(i).Session != ws[k].Session {
				continue
			}
			r.RollCalls++
			// Unanimous: as many holders of permanent seats cast a vote as
			// there are permanent seats that day, all the same vote, and
			// none did otherwise.
			var first record.Vote
			cast, ok := 0, true
			for _, s := range perm {
				v := m.Vote(i, s)
				switch {
				case v == 0:
					continue
				case !v.Cast() || first != 0 && v != first:
					ok = false
				}
				first = v
				cast++
			}
			if ok && cast > 0 && cast == len(p5.MembersOn(m.RollCall(i).Date)) {
				same++
			}
		}
		if r.RollCalls == 0 {
			continue
		}
		r.Unanimous = align.Value{X: float64(same) / float64(r.RollCalls), Defined: true}
		sum := 0.0
		for _, p := range t.Pairs {
			if !p5.Has(p.A, "") || !p5.Has(p.B, "") {
				continue
			}
			r.Pairs = append(r.Pairs, p)
			sum += p.Counts.Agree().X
		}
		if len(r.Pairs) > 0 {
			r.Agreement = align.Value{X: sum / float64(len(r.Pairs)), Defined: true}
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("council: no Security Council roll calls in the windows")
	}
	return out, nil
}
