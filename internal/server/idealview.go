package server

import (
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/ideal"
)

// idealPoints is the ideal-point paths of some states.
type idealPoints struct {
	Status string        `json:"status"` // ready, fitting, failed, off
	Note   string        `json:"note,omitempty"`
	States []string      `json:"states"`
	Points []ideal.Point `json:"points"`
}

// Rows writes one state and year a row.
func (p *idealPoints) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"state", "year", "x", "se", "lo", "hi", "n"}}
	for _, x := range p.Points {
		r.Data = append(r.Data, []any{x.State, x.Year, x.X, x.SE, x.Lo, x.Hi, x.N})
	}
	return r
}

// idealPaths returns the points of the states (with the USSR's before the
// Russian Federation's, as the fit chains them) within the years from..to
// (0 for open).
func (sn *snapshot) idealPaths(states []string, from, to int) *idealPoints {
	st := sn.ideal.Load()
	out := &idealPoints{Status: st.Status, Note: st.message(), States: states, Points: []ideal.Point{}}
	if st.Status != idealReady {
		return out
	}
	out.Note = ""
	for _, c := range states {
		codes := []string{c}
		if c == "RUS" {
			codes = []string{"SUN", "RUS"}
		}
		for _, code := range codes {
			for _, p := range st.byState[code] {
				if (from == 0 || p.Year >= from) && (to == 0 || p.Year <= to) {
					out.Points = append(out.Points, p)
				}
			}
		}
	}
	return out
}
