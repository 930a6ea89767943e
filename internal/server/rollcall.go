package server

import (
	"context"
	"fmt"

	"github.com/blocwatch/blocwatch/internal/format"
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
	t, err := sn.pairs(rc.Year, rc.Body, 0)
	if err != nil {
		return nil, err
	}
	return view.NewBreaks(sn.m, i, t.all, s.stateName), nil
}
