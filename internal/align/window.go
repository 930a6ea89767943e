package align

import (
	"fmt"
	"math/bits"
	"sort"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// A Window is a span of time over which a measure is taken: the roll calls
// dated From..To (inclusive; an empty bound is open), and, if Session is not
// zero, only those of that General Assembly session. A roll call dated with
// its year only (YYYY) or month only (YYYY-MM) counts as dated on the first
// day of it.
type Window struct {
	Label    string // "1995", "49", "1990-1994", "2001-01-01..2001-06-30"
	Year     int    // the calendar year, or the year a rolling window is labelled with; else 0
	Session  int    // the GA session (votes.RollCall.Session), or 0
	From, To string // YYYY-MM-DD, inclusive
}

// String returns the window's dates, as in error messages.
func (w Window) String() string {
	if w.From == "" && w.To == "" {
		return "all dates"
	}
	return w.From + ".." + w.To
}

// Year returns the window of a calendar year.
func Year(y int) Window {
	return Window{Label: strconv.Itoa(y), Year: y, From: fmt.Sprintf("%04d-01-01", y), To: fmt.Sprintf("%04d-12-31", y)}
}

// Years returns one window for each calendar year with roll calls in m.
func Years(m *votes.Matrix) []Window {
	var ws []Window
	for _, y := range m.Years() {
		if y > 0 {
			ws = append(ws, Year(y))
		}
	}
	return ws
}

// Sessions returns one window for each General Assembly session in m
// (roll calls with a Session number; those without one belong to none),
// dated from the session's first roll call to its last.
func Sessions(m *votes.Matrix) []Window {
	first := map[int]string{}
	last := map[int]string{}
	for _, rc := range m.RollCalls() {
		if rc.Session <= 0 {
			continue
		}
		if _, ok := first[rc.Session]; !ok {
			first[rc.Session] = rc.Date
		}
		last[rc.Session] = rc.Date
	}
	ws := make([]Window, 0, len(first))
	for s := range first {
		ws = append(ws, Window{Label: strconv.Itoa(s), Session: s, From: first[s], To: last[s]})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].Session < ws[j].Session })
	return ws
}

// Period returns the window of the dates from..to, inclusive; an empty bound
// is open.
func Period(from, to string) Window {
	w := Window{From: from, To: to}
	w.Label = w.String()
	return w
}

// Rolling returns windows of n calendar years, one labelled with each year
// with roll calls in m. A trailing window labelled Y covers Y-n+1..Y; a
// centered one covers Y-(n-1)/2..Y-(n-1)/2+n-1 (for even n it reaches one
// year further forward than back). Windows at the ends of the record are
// cut short by it.
func Rolling(m *votes.Matrix, n int, centered bool) ([]Window, error) {
	if n < 1 {
		return nil, fmt.Errorf("align: rolling window of %d years (want at least 1)", n)
	}
	var ws []Window
	for _, y := range m.Years() {
		if y <= 0 {
			continue
		}
		lo := y - n + 1
		if centered {
			lo = y - (n-1)/2
		}
		hi := lo + n - 1
		ws = append(ws, Window{
			Label: fmt.Sprintf("%d-%d", lo, hi),
			Year:  y,
			From:  fmt.Sprintf("%04d-01-01", lo),
			To:    fmt.Sprintf("%04d-12-31", hi),
		})
	}
	return ws, nil
}

// firstDay returns the lower bound for dates from d on. The matrix sorts a
// date written with its year only ("2011", as two GA records have it) before
// the first of January, so a window from the first of a month or year also
// reaches back to the dates that stop at that month or year.
func firstDay(d string) string {
	for len(d) > 4 && strings.HasSuffix(d, "-01") {
		d = d[:len(d)-3]
	}
	return d
}

// span is a window resolved against a matrix: a bit set of its roll calls
// (ANDed with the caller's mask) starting at word w0 of the matrix's sets.
type span struct {
	w0   int
	mask []uint64
}

// each calls f with the index of every roll call in the span, in order.
func (sp span) each(f func(i int)) {
	for k, w := range sp.mask {
		for ; w != 0; w &= w - 1 {
			f((sp.w0+k)<<6 | bits.TrailingZeros64(w))
		}
	}
}

// resolveWindow returns the roll calls of w in m, restricted to mask (nil
// for all).
func resolveWindow(m *votes.Matrix, w Window, mask votes.Mask) span {
	lo, hi := m.DateRange(firstDay(w.From), w.To)
	if lo >= hi {
		return span{}
	}
	w0, w1 := lo>>6, (hi-1)>>6
	bs := make([]uint64, w1-w0+1)
	for i := range bs {
		bs[i] = ^uint64(0)
		if mask != nil {
			bs[i] = mask[w0+i]
		}
	}
	bs[0] &= ^uint64(0) << (lo & 63)
	bs[len(bs)-1] &= ^uint64(0) >> (63 - (hi-1)&63)
	if w.Session != 0 {
		rcs := m.RollCalls()
		for i := lo; i < hi; i++ {
			if rcs[i].Session != w.Session {
				bs[i>>6-w0] &^= 1 << (i & 63)
			}
		}
	}
	return span{w0: w0, mask: bs}
}
