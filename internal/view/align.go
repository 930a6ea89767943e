package view

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Series is an alignment series between two sides. By names the first column:
// year, session or window.
type Series struct {
	By       string
	Series   *align.Series
	Universe string // the universe of votes (votes.Universe.String)
	Through  string // how far the data go ("GA data through 4 Jun 2026")
	Partial  []bool // per row: the data cover the window only in part
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
	if v.Universe != "" {
		cols = append(cols, "partial", "universe")
	}
	r := &format.Rows{Columns: cols}
	partials := 0
	for k, row := range v.Series.Rows {
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
		if v.Universe != "" {
			p := k < len(v.Partial) && v.Partial[k]
			if p {
				partials++
			}
			d = append(d, p, v.Universe)
		}
		r.Data = append(r.Data, d)
	}
	if v.Universe != "" {
		r.Footer = append(r.Footer, "Universe: "+v.Universe+" (docs/data.md). "+v.Through+".")
		if partials > 0 {
			r.Footer = append(r.Footer, fmt.Sprintf("%d window(s) marked partial=true are covered by the data only in part: read them as provisional.", partials))
		}
	}
	return r
}

// MarshalJSON writes the rows as objects.
func (v Series) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }

// Neighbours is a side's most and least similar partners in a window.
type Neighbours struct {
	Metric      align.Metric
	Most, Least []align.Row
	Window      string // the window's label
	Partial     bool   // the data cover the window only in part
	Universe    string
	MinN        int // partners with fewer common roll calls are left out
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
	if v.Universe != "" {
		r.Columns = append(r.Columns, "window", "partial", "universe")
		for i := range r.Data {
			r.Data[i] = append(r.Data[i], v.Window, v.Partial, v.Universe)
		}
		r.Footer = append(r.Footer, fmt.Sprintf("Window %s; universe %s; partners with at least %d common roll calls.", v.Window, v.Universe, v.MinN))
		if v.Partial {
			r.Footer = append(r.Footer, "The data cover this window only in part: the ranking is provisional.")
		}
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
				d = append(d, number(p.Counts.MeasureIn(m, t.Window)))
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
				rec[4+j] = format.Cell(number(p.Counts.MeasureIn(m, t.Window)))
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
	r := &format.Rows{Columns: []string{"date", "body", "resolution", v.A, v.B, "yes", "no", "abstain", "margin", "issues", "issues_origin", "title", "link"}}
	for _, s := range v.Splits {
		rc := s.RollCall
		r.Data = append(r.Data, []any{rc.Date, string(rc.Body), rc.Symbol(), s.A.String(), s.B.String(), rc.Tally.Yes, rc.Tally.No, rc.Tally.Abstain, s.Margin, Codes(rc.Issues.Codes()), issuesOrigin(rc), rc.Title, rc.Links.Best()})
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

// RollCallsBehind lists the roll calls behind an alignment figure: one row
// per roll call, with each side's vote and the links.
type RollCallsBehind struct {
	M        *votes.Matrix
	A, B     string
	Window   string
	Universe string
	List     []align.Behind
}

// Rows writes window, symbol, date, body, a, b, vote_a, vote_b, same,
// title, link.
func (v RollCallsBehind) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"window", "symbol", "date", "body", "a", "b", "vote_a", "vote_b", "same", "issues", "issues_origin", "title", "link"}}
	same := 0
	for _, x := range v.List {
		rc := v.M.RollCall(x.Index)
		if x.Same {
			same++
		}
		r.Data = append(r.Data, []any{v.Window, rc.Symbol(), rc.Date, string(rc.Body), v.A, v.B, x.A.String(), x.B.String(), x.Same,
			Codes(rc.Issues.Codes()), issuesOrigin(rc), rc.Title, rc.Links.Best()})
	}
	r.Footer = append(r.Footer, fmt.Sprintf("%s and %s, %s: %d roll calls (universe %s), the same vote on %d.", v.A, v.B, v.Window, len(v.List), v.Universe, same))
	return r
}

// MarshalJSON writes the rows as objects.
func (v RollCallsBehind) MarshalJSON() ([]byte, error) { return json.Marshal(v.Rows().Objects()) }
