package align

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// AroundWindows returns the windows of the months before and after date:
// before covers date − months .. the day before date, after covers date ..
// date + months − 1 day. The day of the event itself belongs to after.
func AroundWindows(date string, months int) (before, after Window, err error) {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return before, after, fmt.Errorf("align: around %q: want a date YYYY-MM-DD", date)
	}
	if months < 1 || months > 600 {
		return before, after, fmt.Errorf("align: around %s: %d months (want 1 to 600)", date, months)
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	before = Period(day(d.AddDate(0, -months, 0)), day(d.AddDate(0, 0, -1)))
	before.Label = "before"
	after = Period(date, day(d.AddDate(0, months, -1)))
	after.Label = "after"
	return before, after, nil
}

// A ProportionTest compares two shares, x1 of n1 and x2 of n2, by the
// two-proportion z-test with pooled variance:
//
//	p1 = x1/n1, p2 = x2/n2, p = (x1 + x2) / (n1 + n2)
//	z  = (p2 − p1) / sqrt(p (1 − p) (1/n1 + 1/n2))
//	P  = 2 (1 − Φ(|z|))                        (two-sided)
//
// The difference D = p2 − p1 carries the unpooled Wald interval
// D ± 1.96 sqrt(p1(1−p1)/n1 + p2(1−p2)/n2). The test treats roll calls as
// independent draws, which repeated resolutions are not, so P is a guide,
// not an exact error rate. Z and P are undefined when a share is not (n = 0)
// or when both shares are 0 or both 1 (no variance).
type ProportionTest struct {
	X1, N1, X2, N2 int
	Diff           Value // p2 − p1
	Lo, Hi         Value // 95% Wald interval of Diff
	Z, P           Value
}

// TestProportions runs the two-proportion z-test of x2/n2 against x1/n1.
func TestProportions(x1, n1, x2, n2 int) ProportionTest {
	t := ProportionTest{X1: x1, N1: n1, X2: x2, N2: n2}
	if n1 == 0 || n2 == 0 {
		return t
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	t.Diff = defined(p2 - p1)
	se := math.Sqrt(p1*(1-p1)/float64(n1) + p2*(1-p2)/float64(n2))
	t.Lo, t.Hi = defined(p2-p1-1.959964*se), defined(p2-p1+1.959964*se)
	p := float64(x1+x2) / float64(n1+n2)
	v := p * (1 - p) * (1/float64(n1) + 1/float64(n2))
	if v <= 0 {
		return t
	}
	z := (p2 - p1) / math.Sqrt(v)
	t.Z = defined(z)
	t.P = defined(2 * (1 - distuv.UnitNormal.CDF(math.Abs(z))))
	return t
}

// Around is the comparison of two sides in the months before and after an
// event, with the z-test of the change in agreement.
type Around struct {
	Date   string
	Months int
	Before Row // N is 0 when the sides have no roll call in common there
	After  Row
	// Partial reports, for before and after, that the window reaches beyond
	// the dates of the roll calls in the matrix (its data covers it only in
	// part). Coverage of years inside the record is for the caller to say.
	Partial [2]bool
	Test    ProportionTest // agreement after against before
}

// CompareAround measures a against b in the months before and after date,
// with the metrics of o, and tests the change in agreement (identical cast
// votes over roll calls on which both cast one).
func CompareAround(m *votes.Matrix, a, b Side, date string, months int, o Options) (*Around, error) {
	bw, aw, err := AroundWindows(date, months)
	if err != nil {
		return nil, err
	}
	c, err := newComparer(m, a, b, o)
	if err != nil {
		return nil, err
	}
	r := &Around{Date: date, Months: months}
	for i, w := range []Window{bw, aw} {
		row, ok := c.row(w)
		if !ok {
			row = Row{Window: w, A: a.Name, B: b.Name, Values: make([]Value, len(c.metrics))}
		}
		if i == 0 {
			r.Before = row
		} else {
			r.After = row
		}
	}
	if r.Before.N == 0 && r.After.N == 0 {
		return nil, fmt.Errorf("align: no roll calls within %d months of %s on which both %s and %s cast a vote", months, date, a.Name, b.Name)
	}
	rcs := m.RollCalls()
	if len(rcs) > 0 {
		first, last := rcs[0].Date, rcs[len(rcs)-1].Date
		r.Partial = [2]bool{bw.From < first || bw.To > last, aw.From < first || aw.To > last}
	}
	same := func(row Row) int { return row.Counts.same() }
	r.Test = TestProportions(same(r.Before), r.Before.Counts.N(), same(r.After), r.After.Counts.N())
	return r, nil
}
