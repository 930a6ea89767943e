package server

import (
	"net/http"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/view"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// apiRollCallsBehind lists the roll calls behind an alignment figure of a
// and b (year=, or from= and to=): the API form of align --rollcalls.
func (s *Server) apiRollCallsBehind(r *http.Request, sn *snapshot, q Query) (any, error) {
	a, b, err := s.pair(sn, q)
	if err != nil {
		return nil, err
	}
	w := align.Period(q.From, q.To)
	if q.Year != 0 {
		w = align.Year(q.Year)
	}
	mask := sn.mask(q.bodyOr(record.GA), q.Issue, w.From, w.To)
	list, err := align.RollCalls(sn.m, a.align, b.align, w, align.Options{Mask: mask})
	if err != nil {
		return nil, err
	}
	return view.RollCallsBehind{M: sn.m, A: a.Code, B: b.Code, Window: w.Label, Universe: votes.Universe{}.String(), List: list}, nil
}
