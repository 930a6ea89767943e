package rollcalls

import (
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// The partners of the breaks analysis.
const (
	BreakPartners   = 5 // the closest partners a state is compared with
	BreakMinPartner = 3 // partners that must have cast a vote
)

// Partner is one of a state's closest partners and its vote.
type Partner struct {
	State string
	Vote  record.Vote // 0 where it has no record
}

// Break is a state that voted otherwise than most of its closest partners.
type Break struct {
	State    string
	Vote     record.Vote
	Majority record.Vote // the vote of the partners' majority
	With     int         // partners who cast Majority
	Cast     int         // partners who cast a vote
	Partners []Partner   // closest first
	Agree    float64     // mean agreement with the partners over the year
}

// Usual is every state's usual partners over a set of pairs: the
// BreakPartners states with the highest agreement (align's agree) with it,
// among those with at least align.MinCommon roll calls in common, ties to
// more roll calls in common, then by code. It is the first step of Breaks,
// and small enough to keep for every year where the pairs are not.
type Usual struct {
	states []string            // states with at least one pair, by code
	top    map[string][]closer // closest first
}

type closer struct {
	code string
	n    int
	x    float64
}

// UsualPartners finds every state's usual partners among pairs (the pairs
// of one body and calendar year, align.AllPairs).
func UsualPartners(pairs []align.Pair) *Usual {
	states, by := align.ByState(pairs)
	u := &Usual{states: states, top: make(map[string][]closer, len(states))}
	for _, code := range states {
		ps := by[code]
		minN := align.MinCommon(ps)
		var cs []closer
		for _, p := range ps {
			if p.N < minN {
				continue
			}
			if a := p.Counts.Agree(); a.Defined {
				cs = append(cs, closer{p.B, p.N, a.X})
			}
		}
		sort.SliceStable(cs, func(a, b int) bool {
			if cs[a].x != cs[b].x {
				return cs[a].x > cs[b].x
			}
			if cs[a].n != cs[b].n {
				return cs[a].n > cs[b].n
			}
			return cs[a].code < cs[b].code
		})
		u.top[code] = cs[:min(len(cs), BreakPartners):min(len(cs), BreakPartners)]
	}
	return u
}

// MemSize estimates the bytes u holds, for caches bounded in bytes.
func (u *Usual) MemSize() int { return len(u.states) * (48 + BreakPartners*40) }

// Breaks finds the states that broke with their usual partners on roll call
// i of m. pairs are the pairs of states over the roll calls of the same body
// and calendar year (align.AllPairs); see UsualPartners. The partners' vote
// is the vote cast by more than half of those partners who cast one, if at
// least BreakMinPartner did. A state broke with its partners if it cast a
// vote (yes, no or abstain) other than theirs. Breaks are listed by the mean
// agreement with the partners, the closest partnerships first: the more
// surprising breaks.
func Breaks(m *votes.Matrix, i int, pairs []align.Pair) []Break {
	return UsualPartners(pairs).Breaks(m, i)
}

// Breaks finds the states that broke with the usual partners u on roll call
// i of m (see the function Breaks).
func (u *Usual) Breaks(m *votes.Matrix, i int) []Break {
	voteOf := func(code string) record.Vote {
		k, ok := m.State(code)
		if !ok {
			return 0
		}
		return m.Vote(i, k)
	}
	var out []Break
	for _, code := range u.states {
		v := voteOf(code)
		if !v.Cast() {
			continue
		}
		cs := u.top[code]
		var count [3]int
		b := Break{State: code, Vote: v}
		sum := 0.0
		for _, c := range cs {
			pv := voteOf(c.code)
			b.Partners = append(b.Partners, Partner{c.code, pv})
			sum += c.x
			if pv.Cast() {
				b.Cast++
				count[pv.Index()]++
			}
		}
		if b.Cast < BreakMinPartner {
			continue
		}
		maj := -1
		for k, n := range count {
			if 2*n > b.Cast {
				maj = k
			}
		}
		if maj < 0 || v.Index() == maj {
			continue
		}
		b.Majority = record.CastVotes[maj]
		b.With = count[maj]
		b.Agree = sum / float64(len(cs))
		out = append(out, b)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Agree != out[b].Agree {
			return out[a].Agree > out[b].Agree
		}
		return out[a].State < out[b].State
	})
	return out
}
