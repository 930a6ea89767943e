package server

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
)

// The breaks of a roll call compare each state with its
// rollcalls.BreakPartners closest partners of the year.
const (
	breakPartners   = rollcalls.BreakPartners
	breakMinPartner = rollcalls.BreakMinPartner
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

// memSize estimates the bytes of d: its votes, map and breaks.
func (d *rollCallDetail) memSize() int {
	n := 1024 + len(d.Title) + len(d.Votes)*96
	if d.Map != nil {
		n += len(d.Map.Shapes) * 128
	}
	if d.Breaks != nil {
		n += len(d.Breaks.Breaks) * (160 + breakPartners*48)
	}
	return n
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

// breakSet is the breaks analysis of one roll call (view.Breaks).
type breakSet = view.Breaks

type breakRow = view.BreakRow

// breaks finds the states that broke with their usual partners on roll
// call i (rollcalls.Breaks), over the pairs of its body and year.
func (s *Server) breaks(sn *snapshot, i int) (*breakSet, error) {
	rc := sn.m.RollCall(i)
	t, err := sn.closePartners(rc.Year, rc.Body)
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
		cs := t.top[code]
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
				count[voteIndex(pv)]++
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
		if maj < 0 || voteIndex(v) == maj {
			continue
		}
		row.Majority = votesYNA[maj].String()
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

// closeSet is each state's breakPartners closest partners in a year and
// body, the input of breaks: small enough to keep for every year, where
// the pair table it is made from is not.
type closeSet struct {
	states []string
	top    map[string][]closePartner // closest first
}

type closePartner struct {
	code string
	n    int
	x    float64
}

func (c *closeSet) memSize() int { return len(c.states) * (48 + breakPartners*40) }

// closePartners returns the closest partners of every state in a year:
// the breakPartners states with the highest agreement (align's agree) with
// it, among those with at least minCommon roll calls in common, ties to
// more roll calls in common, then by code. It is cached; the pairs it is
// computed from are dropped.
func (sn *snapshot) closePartners(year int, body record.Body) (*closeSet, error) {
	return cached(sn.cache, fmt.Sprintf("close|%d|%s", year, body), func() (*closeSet, error) {
		heavy <- struct{}{}
		defer func() { <-heavy }()
		tabs, err := align.AllPairs(sn.m, []align.Window{align.Year(year)}, sn.mask(body, 0, "", ""))
		if err != nil {
			return nil, err
		}
		// Each state's pairs, both ways, as candidates; and the most roll
		// calls it has in common with another, for minCommon.
		cands := map[string][]closePartner{}
		most := map[string]int{}
		for _, p := range tabs[0].Pairs {
			most[p.A] = max(most[p.A], p.N)
			most[p.B] = max(most[p.B], p.N)
			if a := p.Counts.Agree(); a.Defined {
				cands[p.A] = append(cands[p.A], closePartner{p.B, p.N, a.X})
				cands[p.B] = append(cands[p.B], closePartner{p.A, p.N, a.X})
			}
		}
		out := &closeSet{top: make(map[string][]closePartner, len(most))}
		for code := range most {
			out.states = append(out.states, code)
		}
		sort.Strings(out.states)
		for _, code := range out.states {
			minN := max(1, min(10, most[code]/2)) // minCommon
			cs := slices.DeleteFunc(cands[code], func(c closePartner) bool { return c.n < minN })
			sort.Slice(cs, func(a, b int) bool {
				if cs[a].x != cs[b].x {
					return cs[a].x > cs[b].x
				}
				if cs[a].n != cs[b].n {
					return cs[a].n > cs[b].n
				}
				return cs[a].code < cs[b].code
			})
			out.top[code] = slices.Clone(cs[:min(len(cs), breakPartners)])
		}
		return out, nil
	})
}

// warm computes the closest partners of every year and body, for the
// resolution pages, newest year first, one at a time, until done, ctx is
// cancelled or current reports that the snapshot was replaced.
func (sn *snapshot) warm(ctx context.Context, current func() bool) {
	if sn.m == nil {
		return
	}
	for _, y := range slices.Backward(sn.m.Years()) {
		for _, b := range []record.Body{record.GA, record.SC} {
			if ctx.Err() != nil || !current() {
				return
			}
			sn.closePartners(y, b)
		}
	}
	sn.warmed.Store(true)
}

var votesYNA = [3]record.Vote{record.Yes, record.No, record.Abstain}

func voteIndex(v record.Vote) int {
	switch v {
	case record.Yes:
		return 0
	case record.No:
		return 1
	case record.Abstain:
		return 2
	}
	return -1
}
