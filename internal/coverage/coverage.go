// Package coverage says what the data in the store cover and where they stop:
// for each body, the first and last date of its roll calls and their number
// per year, with flags for partial years (the data end before the year's
// last voting period), years with unusually few roll calls against their
// neighbours, and sources that stop early (a body's data, or the veto list,
// ending well before the rest). Every interface that shows a number asks it
// whether the number's window is covered in full, and which year is the
// latest complete one. docs/data.md states the rules.
//
// It reads the vote matrix (all roll calls, whatever the universe) and the
// sources' spans as plain values; it does no I/O.
package coverage

import (
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// A year is complete when the data reach yearEnd of it: the General
// Assembly's main part ends in late December and the Council rarely votes
// in the last fortnight, so data through 15 December count as the whole year.
const yearEnd = "-12-15"

// Low marks a year whose roll calls number less than lowShare of the median
// of its neighbours (up to three complete years on each side).
const lowShare = 0.5

// Year is one calendar year of one body.
type Year struct {
	Year      int    `json:"year"`
	RollCalls int    `json:"roll_calls"`
	Partial   bool   `json:"partial"` // the data end (or start) inside the year
	Low       bool   `json:"low"`     // unusually few roll calls against the neighbouring years
	Note      string `json:"note,omitempty"`
}

// Body is what the store holds of one body.
type Body struct {
	Body      record.Body `json:"body"`
	First     string      `json:"first"`
	Last      string      `json:"last"`
	RollCalls int         `json:"roll_calls"`
	Years     []Year      `json:"years"`
	Flags     []string    `json:"flags,omitempty"`
}

// Report is the coverage of the store.
type Report struct {
	Bodies  []Body              `json:"bodies"`
	Sources []record.SourceSpan `json:"sources"`
	Flags   []string            `json:"flags,omitempty"` // sources that stop early
}

// Of computes the coverage of the roll calls in m (give the whole matrix,
// not a universe of it) and of the sources' spans.
func Of(m *votes.Matrix, spans []record.SourceSpan) *Report {
	r := &Report{Sources: spans}
	by := map[record.Body]*Body{}
	counts := map[record.Body]map[int]int{}
	for _, rc := range m.RollCalls() {
		b := by[rc.Body]
		if b == nil {
			b = &Body{Body: rc.Body, First: rc.Date}
			by[rc.Body] = b
			counts[rc.Body] = map[int]int{}
		}
		if rc.Date < b.First {
			b.First = rc.Date
		}
		if rc.Date > b.Last {
			b.Last = rc.Date
		}
		b.RollCalls++
		counts[rc.Body][rc.Year]++
	}
	latest := ""
	for _, b := range by {
		if b.Last > latest {
			latest = b.Last
		}
	}
	for _, body := range []record.Body{record.GA, record.SC} {
		b := by[body]
		if b == nil {
			continue
		}
		y0, y1 := record.YearOf(b.First), record.YearOf(b.Last)
		for y := y0; y <= y1; y++ {
			yr := Year{Year: y, RollCalls: counts[body][y]}
			if y == y1 && b.Last < strconv.Itoa(y)+yearEnd {
				yr.Partial = true
				yr.Note = string(body) + " data end " + b.Last
			}
			b.Years = append(b.Years, yr)
		}
		markLow(b.Years)
		if days(b.Last, latest) > 180 {
			b.Flags = append(b.Flags, fmt.Sprintf("%s data stop early: they end %s, the store's other data %s", body, b.Last, latest))
		}
		r.Bodies = append(r.Bodies, *b)
	}
	if sc := by[record.SC]; sc != nil {
		vlast := ""
		for _, sp := range spans {
			if sp.Kind == "vetoes" && sp.Last > vlast {
				vlast = sp.Last
			}
		}
		if vlast != "" && days(vlast, sc.Last) > 90 {
			r.Flags = append(r.Flags, fmt.Sprintf("the veto list stops early: it ends %s, the Security Council's votes %s", vlast, sc.Last))
		}
	}
	return r
}

func markLow(ys []Year) {
	for i := range ys {
		if ys[i].Partial {
			continue
		}
		var nb []int
		for j := i - 3; j <= i+3; j++ {
			if j != i && j >= 0 && j < len(ys) && !ys[j].Partial {
				nb = append(nb, ys[j].RollCalls)
			}
		}
		if len(nb) < 2 {
			continue
		}
		sort.Ints(nb)
		med := float64(nb[len(nb)/2])
		if len(nb)%2 == 0 {
			med = float64(nb[len(nb)/2-1]+nb[len(nb)/2]) / 2
		}
		if float64(ys[i].RollCalls) < lowShare*med {
			ys[i].Low = true
			if ys[i].Note == "" {
				ys[i].Note = fmt.Sprintf("%d roll calls against a median of %g in the neighbouring years", ys[i].RollCalls, med)
			}
		}
	}
}

// days returns the days from a to b (YYYY-MM-DD); 0 if either is bad.
func days(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}

// Body returns the coverage of one body, or nil if the store has none of it.
func (r *Report) Body(b record.Body) *Body {
	for i := range r.Bodies {
		if r.Bodies[i].Body == b {
			return &r.Bodies[i]
		}
	}
	return nil
}

// bodies returns the bodies a selection covers: b, or both for "".
func (r *Report) bodies(b record.Body) []*Body {
	if b != "" {
		if x := r.Body(b); x != nil {
			return []*Body{x}
		}
		return nil
	}
	var out []*Body
	for i := range r.Bodies {
		out = append(out, &r.Bodies[i])
	}
	return out
}

// Partial reports whether the data of body b ("" for both) cover the window
// from..to (YYYY-MM-DD, inclusive) only in part: the data start after from or
// end before to (a year-end to counts as covered from 15 December).
func (r *Report) Partial(b record.Body, from, to string) bool {
	for _, x := range r.bodies(b) {
		if to != "" {
			end := to
			if len(to) == 10 && to[4:] == "-12-31" {
				end = to[:4] + yearEnd
			}
			if x.Last < end {
				return true
			}
		}
		if from != "" && record.YearOf(from) < record.YearOf(x.First) {
			return true
		}
	}
	return false
}

// LatestComplete returns the latest year that the data of body b ("" for
// both) cover in full, or 0 if there is none.
func (r *Report) LatestComplete(b record.Body) int {
	best := 0
	for i, x := range r.bodies(b) {
		y := 0
		for _, yr := range x.Years {
			if !yr.Partial && yr.RollCalls > 0 {
				y = yr.Year
			}
		}
		if i == 0 || y < best {
			best = y
		}
	}
	return best
}

// Through says how far the data of body b go: "GA data through 4 Jun 2026"
// ("GA data through 4 Jun 2026, SC data through 27 Jan 2026" for both).
func (r *Report) Through(b record.Body) string {
	s := ""
	for _, x := range r.bodies(b) {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("%s data through %s", x.Body, human(x.Last))
	}
	if s == "" {
		if b == "" {
			return "no data in the store"
		}
		return "no " + string(b) + " data in the store"
	}
	return s
}

// Empty says why a selection of body b ("" for both) in from..to holds no
// roll calls: the store has none of that body, or the window lies outside
// its data, or the data have none there.
func (r *Report) Empty(b record.Body, from, to string) string {
	what := "roll calls"
	if b != "" {
		what = string(b) + " roll calls"
	}
	win := windowLabel(from, to)
	xs := r.bodies(b)
	if len(xs) == 0 {
		return fmt.Sprintf("no %s in the store: ingest the %s file (blocwatch update)", what, bodyName(b))
	}
	for _, x := range xs {
		if from != "" && from > x.Last {
			return fmt.Sprintf("no %s %s in the store; %s data end %s", what, win, x.Body, x.Last)
		}
		if to != "" && to < x.First {
			return fmt.Sprintf("no %s %s in the store; %s data start %s", what, win, x.Body, x.First)
		}
	}
	return fmt.Sprintf("no %s %s match the selection (%s)", what, win, r.Through(b))
}

func windowLabel(from, to string) string {
	switch {
	case from == "" && to == "":
		return "at any date"
	case len(from) == 10 && len(to) == 10 && from[:4] == to[:4] && from[4:] == "-01-01" && to[4:] == "-12-31":
		return "in " + from[:4]
	case to == "":
		return "from " + from
	case from == "":
		return "up to " + to
	}
	return "in " + from + ".." + to
}

func bodyName(b record.Body) string {
	switch b {
	case record.GA:
		return "General Assembly"
	case record.SC:
		return "Security Council"
	}
	return "voting"
}

// human writes a YYYY-MM-DD date as "4 Jun 2026".
func human(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan 2006")
}
