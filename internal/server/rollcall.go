package server

import (
	"context"
	"fmt"
	"slices"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/view"
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
		n += len(d.Breaks.Breaks) * (160 + rollcalls.BreakPartners*48)
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
// call i (rollcalls.Breaks), with the usual partners of its body and year
// from the cache.
func (s *Server) breaks(sn *snapshot, i int) (*breakSet, error) {
	rc := sn.m.RollCall(i)
	u, err := sn.closePartners(rc.Year, rc.Body)
	if err != nil {
		return nil, err
	}
	return view.BreaksOf(sn.m, i, u.Breaks(sn.m, i), s.stateName), nil
}

// usualSet is the usual partners of a year and body, as the cache holds
// them (it knows their size).
type usualSet struct{ *rollcalls.Usual }

func (u usualSet) memSize() int { return u.MemSize() }

// closePartners returns the usual partners of every state in a year and
// body (rollcalls.UsualPartners). It is cached; the pairs it is computed
// from are dropped.
func (sn *snapshot) closePartners(year int, body record.Body) (usualSet, error) {
	return cached(sn.cache, fmt.Sprintf("close|%d|%s", year, body), func() (usualSet, error) {
		heavy <- struct{}{}
		defer func() { <-heavy }()
		tabs, err := align.AllPairs(sn.m, []align.Window{align.Year(year)}, sn.mask(body, 0, "", ""))
		if err != nil {
			return usualSet{}, err
		}
		return usualSet{rollcalls.UsualPartners(tabs[0].Pairs)}, nil
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
