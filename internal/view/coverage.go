package view

import (
	"strconv"

	"github.com/blocwatch/blocwatch/internal/coverage"
	"github.com/blocwatch/blocwatch/internal/format"
)

// Coverage is what the store's data cover: one row per body and year.
type Coverage struct{ *coverage.Report }

// MarshalJSON writes the report as it is.
func (v Coverage) MarshalJSON() ([]byte, error) { return jsonOf(v.Report) }

// Rows lists one body and year a row, then the sources and the flags.
func (v Coverage) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"body", "year", "roll_calls", "partial", "low", "note"}}
	for _, b := range v.Bodies {
		for _, y := range b.Years {
			r.Data = append(r.Data, []any{string(b.Body), y.Year, y.RollCalls, y.Partial, y.Low, y.Note})
		}
	}
	for _, b := range v.Bodies {
		r.Heading = append(r.Heading, string(b.Body)+": "+b.First+" .. "+b.Last+", "+itoa(b.RollCalls)+" roll calls")
		r.Footer = append(r.Footer, b.Flags...)
	}
	for _, s := range v.Sources {
		r.Footer = append(r.Footer, "source "+s.Source+" ("+s.Family+"): "+itoa(s.Count)+" "+string(s.Body)+" "+s.Kind+", "+s.First+" .. "+s.Last)
	}
	r.Footer = append(r.Footer, v.Flags...)
	return r
}

func itoa(n int) string { return strconv.Itoa(n) }
