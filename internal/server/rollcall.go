package server

import (
	"context"
	"fmt"
	"sort"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store"
)

// rollCallDetail is a roll call with every member's vote, its map and the
// states that broke with their usual partners.
type rollCallDetail struct {
	*store.RollCall
	Title  string    `json:"title"` // without the catalogue suffix
	Map    *mapData  `json:"-"`
	Breaks *breakSet `json:"-"`
	index  int       // in the matrix; -1 if not in it
}

// rollCallRows lists the members' votes, as internal/view does for the
// command line, with the state's current name.
type rollCallRows struct{ *rollCallDetail }

// Rows writes one member a row.
func (d rollCallRows) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"id", "date", "body", "resolution", "state", "name", "vote"}}
	for _, v := range d.Votes {
		r.Data = append(r.Data, []any{d.ID, d.Date, string(d.Body), d.Resolution, v.State, v.Name, v.Code})
	}
	return r
}

// rollCall returns the detail of the roll call with store id id, cached.
func (s *Server) rollCall(ctx context.Context, sn *snapshot, id int64) (*rollCallDetail, error) {
	return cached(sn.cache, fmt.Sprintf("rollcall|%d", id), func() (*rollCallDetail, error) {
		st := s.store()
		if st == nil {
			return nil, &store.NotFoundError{What: fmt.Sprintf("roll call id %d", id)}
		}
		rc, err := st.RollCall(ctx, id)
		if err != nil {
			return nil, err
		}
		d := &rollCallDetail{RollCall: rc, Title: cleanTitle(rc.Title), index: -1}
		if i, ok := sn.byID[id]; ok {
			d.index = i
		}
		votes := map[string]string{}
		for _, v := range rc.Votes {
			votes[v.State] = v.Code
		}
		d.Map = s.buildMap(func(code string) (mapRow, bool) {
			v, ok := votes[code]
			if !ok {
				return mapRow{}, false
			}
			return mapRow{Cat: voteCategory[v]}, true
		})
		if d.index >= 0 {
			b, err := s.breaks(sn, d.index)
			if err != nil {
				return nil, err
			}
			d.Breaks = b
		}
		return d, nil
	})
}

// Partners of the breaks analysis.
const (
	breakPartners   = 5 // the closest partners a state is compared with
	breakMinPartner = 3 // partners that must have cast a vote
)

// breakRow is a state that voted otherwise than most of its closest
// partners of the year.
type breakRow struct {
	State    string            `json:"state"`
	Name     string            `json:"name"`
	Vote     string            `json:"vote"`
	Majority string            `json:"partners_vote"` // the vote of the partners' majority
	With     int               `json:"partners_with_majority"`
	Cast     int               `json:"partners_voting"`
	Partners map[string]string `json:"partners"` // partner → its vote (Y, N, A; X or "" if none cast)
	Order    []string          `json:"partner_order"`
	Agree    float64           `json:"mean_agreement"` // mean agreement with the partners over the year
}

// breakSet is the breaks analysis of one roll call.
type breakSet struct {
	ID     int64      `json:"id"`
	Year   int        `json:"year"`
	Body   string     `json:"body"`
	K      int        `json:"partners"`
	Breaks []breakRow `json:"breaks"`
}

// Rows writes one state a row.
func (b *breakSet) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"state", "name", "vote", "partners_vote", "partners_with_majority", "partners_voting", "mean_agreement", "partners"}}
	for _, x := range b.Breaks {
		ps := ""
		for i, p := range x.Order {
			if i > 0 {
				ps += " "
			}
			ps += p + ":" + x.Partners[p]
		}
		r.Data = append(r.Data, []any{x.State, x.Name, x.Vote, x.Majority, x.With, x.Cast, x.Agree, ps})
	}
	return r
}

// breaks finds the states that broke with their usual partners on roll
// call i. A state's usual partners are the breakPartners states with the
// highest agreement (align's agree) with it over the roll calls of the same
// body and calendar year, among those with at least minCommon roll calls in
// common. The partners' vote is the vote cast by more than half of those
// partners who cast one, if at least breakMinPartner did. A state broke
// with its partners if it cast a vote (yes, no or abstain) other than
// theirs. Breaks are listed by the mean agreement with the partners, the
// closest partnerships first: the more surprising breaks.
func (s *Server) breaks(sn *snapshot, i int) (*breakSet, error) {
	rc := sn.m.RollCall(i)
	t, err := sn.pairs(rc.Year, rc.Body, 0)
	if err != nil {
		return nil, err
	}
	out := &breakSet{ID: rc.ID, Year: rc.Year, Body: string(rc.Body), K: breakPartners, Breaks: []breakRow{}}
	voteOf := func(code string) record.Vote {
		k, ok := sn.m.State(code)
		if !ok {
			return 0
		}
		return sn.m.Vote(i, k)
	}
	for _, code := range t.states {
		v := voteOf(code)
		if !v.Cast() {
			continue
		}
		ps := t.pairs[code]
		minN := minCommon(ps)
		type cand struct {
			code string
			n    int
			x    float64
		}
		var cs []cand
		for _, p := range ps {
			if p.N < minN {
				continue
			}
			if a := p.Counts.Agree(); a.Defined {
				cs = append(cs, cand{p.B, p.N, a.X})
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
		if len(cs) > breakPartners {
			cs = cs[:breakPartners]
		}
		var count [3]int
		row := breakRow{State: code, Name: s.stateName(code), Vote: v.String(), Partners: map[string]string{}}
		sum := 0.0
		for _, c := range cs {
			pv := voteOf(c.code)
			row.Partners[c.code] = pv.String()
			row.Order = append(row.Order, c.code)
			sum += c.x
			if pv.Cast() {
				row.Cast++
				count[pv.Index()]++
			}
		}
		if row.Cast < breakMinPartner {
			continue
		}
		maj := -1
		for k, n := range count {
			if 2*n > row.Cast {
				maj = k
			}
		}
		if maj < 0 || v.Index() == maj {
			continue
		}
		row.Majority = record.CastVotes[maj].String()
		row.With = count[maj]
		row.Agree = sum / float64(len(cs))
		out.Breaks = append(out.Breaks, row)
	}
	sort.SliceStable(out.Breaks, func(a, b int) bool {
		if out.Breaks[a].Agree != out.Breaks[b].Agree {
			return out.Breaks[a].Agree > out.Breaks[b].Agree
		}
		return out.Breaks[a].State < out.Breaks[b].State
	})
	return out, nil
}
