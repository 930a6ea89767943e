package view

import (
	"encoding/json"
	"fmt"

	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Exact is the share of exact camp splits per window; with List, the roll
// calls themselves.
type Exact struct {
	By      string
	Windows []blocs.ExactRow
	M       *votes.Matrix
	List    bool
	// Partial marks, per window, that the data cover it only in part; nil
	// for none.
	Partial []bool
}

func (v Exact) partial(i int) bool { return i < len(v.Partial) && v.Partial[i] }

// Rows writes one window a row (window, a, b, n, exact, share, opposed,
// opposed_share), or with List one split roll call a row.
func (v Exact) Rows() *format.Rows {
	if v.List {
		r := &format.Rows{Columns: []string{v.By, "date", "resolution", "a", "vote_a", "b", "vote_b", "cast_a", "cast_b", "opposed", "title"}}
		for _, row := range v.Windows {
			for _, s := range row.Splits {
				rc := v.M.RollCall(s.RollCall)
				r.Data = append(r.Data, []any{windowKey(v.By, row.Window), rc.Date, rc.Resolution, row.A, s.VoteA.String(), row.B, s.VoteB.String(), s.CastA, s.CastB, s.Opposed, rc.Title})
			}
		}
		return r
	}
	r := &format.Rows{Columns: []string{v.By, "a", "b", "n", "exact", "share", "opposed", "opposed_share", "partial"}}
	tn, te := 0, 0
	for i, row := range v.Windows {
		r.Data = append(r.Data, []any{windowKey(v.By, row.Window), row.A, row.B, row.N, row.Exact, number(row.Share), row.Opposed, number(row.OppShare), v.partial(i)})
		tn += row.N
		te += row.Exact
	}
	if tn > 0 {
		r.Footer = []string{fmt.Sprintf("exact splits: %d of %d roll calls (%.1f%%) on which both camps voted; each camp unanimous among its members casting a vote, the camps' votes different (opposed: one yes, the other no); --list names them",
			te, tn, 100*float64(te)/float64(tn))}
	}
	return r
}

// MarshalJSON writes the windows as objects, each with the symbols of its
// split roll calls.
func (v Exact) MarshalJSON() ([]byte, error) {
	if v.List {
		return json.Marshal(v.Rows().Objects())
	}
	out := []map[string]any{}
	for i, row := range v.Windows {
		rcs := []string{}
		for _, s := range row.Splits {
			rcs = append(rcs, v.M.RollCall(s.RollCall).Resolution)
		}
		out = append(out, map[string]any{v.By: windowKey(v.By, row.Window), "a": row.A, "b": row.B, "n": row.N, "exact": row.Exact,
			"share": number(row.Share), "opposed": row.Opposed, "opposed_share": number(row.OppShare), "partial": v.partial(i), "roll_calls": rcs})
	}
	return json.Marshal(out)
}
