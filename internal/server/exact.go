package server

import (
	"net/http"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/view"
)

// apiExactSplits serves /api/v1/camps/exact: per year, the roll calls on
// which two camps (a= and b=, by default KOREA-WEST and KOREA-EAST) voted as
// blocs against each other, as `blocwatch camps --exact` writes them.
func (s *Server) apiExactSplits(r *http.Request, sn *snapshot, q Query) (any, error) {
	a, b := q.A, q.B
	if a == "" && b == "" {
		a, b = groupWest, groupEast
	}
	sa, err := s.resolveSide(sn, "a", a)
	if err != nil {
		return nil, err
	}
	sb, err := s.resolveSide(sn, "b", b)
	if err != nil {
		return nil, err
	}
	camp := func(sd *side) blocs.Camp {
		if sd.group != nil {
			return blocs.Camp{Name: sd.Code, MembersOn: sd.group.MembersOn}
		}
		return blocs.StateCamp(sd.Code)
	}
	from, to := q.From, q.To
	if q.Year != 0 {
		w := align.Year(q.Year)
		from, to = w.From, w.To
	}
	var ws []align.Window
	for _, w := range align.Years(sn.m) {
		if (from == "" || w.To >= from) && (to == "" || w.From <= to) {
			ws = append(ws, w)
		}
	}
	rows, err := blocs.ExactSplits(sn.m, camp(sa), camp(sb), ws, sn.mask(q.bodyOr(record.GA), q.Issue, from, to))
	if err != nil {
		return nil, &notFoundError{err.Error()}
	}
	v := view.Exact{By: "year", Windows: rows, M: sn.m}
	for _, r := range rows {
		v.Partial = append(v.Partial, sn.cov.Partial(q.bodyOr(record.GA), r.Window.From, r.Window.To))
	}
	return v, nil
}
