package view

import (
	"encoding/csv"
	"encoding/json"
	"strconv"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
)

// Series is an alignment series between two sides. By names the first column:
// year, session or window.
type Series struct {
	By     string
	Series *align.Series
}

func windowKey(by string, w align.Window) any {
	switch by {
	case "year":
		return w.Year
	case "session":
		return w.Session
	}
	return w.Label
}

// number returns a measure as a float, or nil when undefined: a NaN is never
// written as a number.
func number(v align.Value) any {
	if !v.Defined {
		return nil
	}
	return v.X
}

// Rows writes one row per window: the window, a, b, n, then one column per
// metric (and its interval bounds with a bootstrap).
func (v Series) Rows() *format.Rows {
	cols := []string{v.By, "a", "b", "n"}
	boot := len(v.Series.Rows) > 0 && v.Series.Rows[0].CI != nil
	for _, m := range v.Series.Metrics {
		cols = append(cols, m.String())
		if boot {
			cols = append(cols, m.String()+"_lo", m.String()+"_hi")
		}
	}
	r := &format.Rows{Columns: cols}
	for _, row := range v.Series.Rows {
		d := []any{windowKey(v.By, row.Window), row.A, row.B, row.N}
		for i := range v.Series.Metrics {
			d = append(d, number(row.Values[i]))
			if boot {
				ci := row.CI[i]
				if ci.Defined {
					d = append(d, ci.Lo, ci.Hi)
				} else {
					d = append(d, nil, nil)
				}
			}
		}
		r.Data = append(r.Data, d)
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v Series) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Neighbours is a side's most and least similar partners in a window.
type Neighbours struct {
	Metric      align.Metric
	Most, Least []align.Row
}

// Rows lists the most similar partners first, then the least similar.
func (v Neighbours) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"rank", "side", "state", "n", v.Metric.String()}}
	for i, row := range v.Most {
		r.Data = append(r.Data, []any{i + 1, "most", row.B, row.N, number(row.Values[0])})
	}
	for i, row := range v.Least {
		r.Data = append(r.Data, []any{i + 1, "least", row.B, row.N, number(row.Values[0])})
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v Neighbours) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Matrix is every pair of states in each window: the header
// year,a,b,n,METRIC... and one row per pair (a < b) in each window in which
// both voted.
type Matrix struct {
	By      string
	Metrics []align.Metric
	Tables  []align.Table
}

// Rows writes one row per pair and window.
func (v Matrix) Rows() *format.Rows {
	cols := []string{v.By, "a", "b", "n"}
	for _, m := range v.Metrics {
		cols = append(cols, m.String())
	}
	r := &format.Rows{Columns: cols}
	for _, t := range v.Tables {
		key := windowKey(v.By, t.Window)
		for i := range t.Pairs {
			p := &t.Pairs[i]
			d := make([]any, 0, len(cols))
			d = append(d, key, p.A, p.B, p.N)
			for _, m := range v.Metrics {
				d = append(d, number(p.Counts.Measure(m)))
			}
			r.Data = append(r.Data, d)
		}
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v Matrix) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// StreamCSV writes the same rows as Rows, one at a time: every pair in every
// year is close to a million rows.
func (v Matrix) StreamCSV(w *csv.Writer) error {
	cols := []string{v.By, "a", "b", "n"}
	for _, m := range v.Metrics {
		cols = append(cols, m.String())
	}
	if err := w.Write(cols); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for _, t := range v.Tables {
		rec[0] = format.Cell(windowKey(v.By, t.Window))
		for i := range t.Pairs {
			p := &t.Pairs[i]
			rec[1], rec[2], rec[3] = p.A, p.B, strconv.Itoa(p.N)
			for j, m := range v.Metrics {
				rec[4+j] = format.Cell(number(p.Counts.Measure(m)))
			}
			if err := w.Write(rec); err != nil {
				return err
			}
		}
	}
	return nil
}

// Splits lists the roll calls on which two sides voted differently.
type Splits struct {
	A, B   string
	Splits []align.Split
}

// Rows lists one roll call a row, most contested first.
func (v Splits) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"date", "body", "resolution", v.A, v.B, "yes", "no", "abstain", "margin", "title"}}
	for _, s := range v.Splits {
		rc := s.RollCall
		r.Data = append(r.Data, []any{rc.Date, string(rc.Body), rc.Resolution, s.A.String(), s.B.String(), rc.Tally.Yes, rc.Tally.No, rc.Tally.Abstain, s.Margin, rc.Title})
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v Splits) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Positions is the cross-table of two sides' cast votes.
type Positions struct {
	A, B   string
	Counts align.Counts
}

// Rows writes A's vote down the rows and B's across the columns.
func (v Positions) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{v.A + `\` + v.B, "Y", "N", "A", "total"}}
	var colTotal [3]int
	for _, a := range record.CastVotes {
		row := []any{a.String()}
		total := 0
		for j, b := range record.CastVotes {
			n := v.Counts.At(a, b)
			row = append(row, n)
			total += n
			colTotal[j] += n
		}
		r.Data = append(r.Data, append(row, total))
	}
	r.Data = append(r.Data, []any{"total", colTotal[0], colTotal[1], colTotal[2], v.Counts.N()})
	return r
}

// MarshalJSON writes the table as {a, b, counts: {Y: {Y: n, ...}, ...}, n}.
func (v Positions) MarshalJSON() ([]byte, error) {
	counts := map[string]map[string]int{}
	for _, a := range record.CastVotes {
		counts[a.String()] = map[string]int{}
		for _, b := range record.CastVotes {
			counts[a.String()][b.String()] = v.Counts.At(a, b)
		}
	}
	return json.Marshal(map[string]any{"a": v.A, "b": v.B, "counts": counts, "n": v.Counts.N()})
}
