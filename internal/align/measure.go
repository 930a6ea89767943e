// Package align measures how closely two states, or groups of states, vote
// together in the United Nations: over time, by issue and over any selection
// of roll calls.
//
// Every measure is computed from the 3×3 cross-table of the two sides' cast
// votes (yes, no, abstain against yes, no, abstain) over a set of roll calls,
// read from a votes.Matrix with popcounts of ANDed bit sets, and, for the
// State Department's rule from 2022, the roll calls on which one side cast a
// vote and the other was absent. The formulas live here and only here;
// docs/alignment.md states them with references.
//
// A measure that is undefined (no roll calls, or expected agreement of one
// for the chance-corrected indices) is returned as a Value with Defined
// false, never as NaN.
package align

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
)

// Counts is the cross-table of two sides' votes over a set of roll calls:
// Counts[x][y] is the number of roll calls on which side A voted x and side
// B voted y, indexed 0 yes, 1 no, 2 abstain, 3 absent. The 3×3 part of cast
// votes is what every measure but the State Department's from 2022 reads.
// Absent means recorded as not voting while a member (a state side only; a
// group is never absent). AllPairs always fills the absent row and column;
// Compare fills them where a metric reads them (NeedsAbsences), Positions
// never. Roll calls on which neither side cast a vote are not counted.
type Counts [4][4]int32

// Indexes of Counts (record.Vote.Index).
const (
	iYes = iota
	iNo
	iAbstain
	iAbsent
	nCast = 3 // the cast votes are indexed 0 to nCast-1
)

// At returns the number of roll calls on which A voted a and B voted b (a
// and b yes, no, abstain or non-voting for absent; 0 otherwise).
func (c *Counts) At(a, b record.Vote) int {
	x, y := cellIndex(a), cellIndex(b)
	if x < 0 || y < 0 {
		return 0
	}
	return int(c[x][y])
}

// cellIndex is index, with iAbsent for a non-voting member.
func cellIndex(v record.Vote) int {
	if v == record.NonVoting {
		return iAbsent
	}
	return v.Index()
}

// N returns the number of roll calls on which both sides cast a vote.
func (c *Counts) N() int {
	n := 0
	for x := range nCast {
		for y := range nCast {
			n += int(c[x][y])
		}
	}
	return n
}

// Absent returns the number of roll calls on which one side cast a vote and
// the other was absent.
func (c *Counts) Absent() int {
	n := 0
	for x := range nCast {
		n += int(c[x][iAbsent] + c[iAbsent][x])
	}
	return n
}

// Add adds d to c.
func (c *Counts) Add(d *Counts) {
	for x := range c {
		for y := range c[x] {
			c[x][y] += d[x][y]
		}
	}
}

func (c *Counts) same() int { return int(c[iYes][iYes] + c[iNo][iNo] + c[iAbstain][iAbstain]) }

// margins returns the row (side A) and column (side B) totals of the cast
// votes.
func (c *Counts) margins() (ra, rb [3]int) {
	for x := range nCast {
		for y := range nCast {
			ra[x] += int(c[x][y])
			rb[y] += int(c[x][y])
		}
	}
	return ra, rb
}

// Value is the value of a measure. Where the measure is undefined Defined is
// false and X is 0: print Value with String, which writes NA.
type Value struct {
	X       float64
	Defined bool
}

func defined(x float64) Value { return Value{X: x, Defined: true} }

// String formats the value in the shortest exact form, or NA if undefined.
func (v Value) String() string {
	if !v.Defined {
		return "NA"
	}
	return strconv.FormatFloat(v.X, 'g', -1, 64)
}

// Agree is the share of roll calls on which both sides cast the same vote,
// among those on which both cast yes, no or abstain: (YY+NN+AA)/n.
func (c *Counts) Agree() Value {
	n := c.N()
	if n == 0 {
		return Value{}
	}
	return defined(float64(c.same()) / float64(n))
}

// AgreeHalf is Agree with half credit when one side abstains and the other
// votes yes or no (Voeten's convention): (YY+NN+AA + ½(YA+AY+NA+AN))/n.
// Opposite votes (yes against no) count 0. It equals (S+1)/2.
func (c *Counts) AgreeHalf() Value {
	n := c.N()
	if n == 0 {
		return Value{}
	}
	half := c[iYes][iAbstain] + c[iAbstain][iYes] + c[iNo][iAbstain] + c[iAbstain][iNo]
	return defined((float64(c.same()) + 0.5*float64(half)) / float64(n))
}

// Coincidence is the US State Department's voting coincidence as its
// reports computed it up to the report on 2016: identical votes over
// identical plus opposite votes, counting only roll calls on which both
// voted yes or no: SAME/(SAME+OPPOSITE) = (YY+NN)/(YY+NN+YN+NY).
// Abstentions and absences are left out.
func (c *Counts) Coincidence() Value {
	same := int(c[iYes][iYes] + c[iNo][iNo])
	d := same + int(c[iYes][iNo]+c[iNo][iYes])
	if d == 0 {
		return Value{}
	}
	return defined(float64(same) / float64(d))
}

// CoincidenceAbsentHalf is the US State Department's voting coincidence as
// its reports compute it from the report on 2022: AgreeHalf over every roll
// call on which one side cast a vote, an absence of the other counting half,
// like a partial agreement: (SAME + ½(PARTIAL+ABSENT)) /
// (SAME+OPPOSITE+PARTIAL+ABSENT), where SAME = YY+NN+AA, OPPOSITE = YN+NY,
// PARTIAL = YA+AY+NA+AN and ABSENT the roll calls on which one side cast a
// vote and the other was absent (Absent).
func (c *Counts) CoincidenceAbsentHalf() Value {
	n, abs := c.N(), c.Absent()
	if n+abs == 0 {
		return Value{}
	}
	half := c[iYes][iAbstain] + c[iAbstain][iYes] + c[iNo][iAbstain] + c[iAbstain][iNo]
	return defined((float64(c.same()) + 0.5*float64(int(half)+abs)) / float64(n+abs))
}

// StateDeptRule returns the measure by which the US State Department's
// report on calendar year y (Voting Practices in the United Nations)
// computes voting coincidence: Coincidence up to 2016, AgreeHalf for 2017 to
// 2021 (the reports on 2017 to 2020; 2021 follows them, see
// docs/alignment.md), CoincidenceAbsentHalf from 2022.
func StateDeptRule(y int) Metric {
	switch {
	case y <= 2016:
		return Coincidence
	case y <= 2021:
		return AgreeHalf
	}
	return CoincidenceAbsentHalf
}

// StateDeptRuleOf returns the rule of StateDeptRule for the years of window
// w, and false if w spans years of different rules (an open bound spans
// every year before or after).
func StateDeptRuleOf(w Window) (Metric, bool) {
	lo, hi := record.YearOf(w.From), record.YearOf(w.To)
	if w.From == "" {
		lo = 0
	}
	if w.To == "" {
		hi = 1 << 30
	}
	if lo == 0 && w.From != "" || hi == 0 {
		return 0, false
	}
	r := StateDeptRule(lo)
	if StateDeptRule(hi) != r {
		return 0, false
	}
	return r, true
}

// StateDept is the US State Department's voting coincidence by the rule of
// the report on the years of window w (StateDeptRule). It is undefined for a
// window that spans years of different rules.
func (c *Counts) StateDept(w Window) Value {
	r, ok := StateDeptRuleOf(w)
	if !ok {
		return Value{}
	}
	return c.Measure(r)
}

// position is the place of each vote on the ordinal scale no < abstain < yes.
var position = [3]int{iYes: 1, iNo: -1, iAbstain: 0}

// dist returns the absolute distance between votes x and y on the ordinal
// scale: 0 same, 1 one side abstains, 2 yes against no.
func dist(x, y int) int {
	d := position[x] - position[y]
	if d < 0 {
		d = -d
	}
	return d
}

// S is Signorino and Ritter's S on the ordinal scale no = -1, abstain = 0,
// yes = 1 with absolute distances: S = 1 - 2·d/dmax, where d is the mean
// distance between the two sides' votes and dmax = 2 the largest possible
// distance. S runs from -1 (always yes against no) to 1 (always the same);
// it equals (same - opposite)/n.
func (c *Counts) S() Value {
	n := c.N()
	if n == 0 {
		return Value{}
	}
	sum := 0
	for x := range nCast {
		for y := range nCast {
			sum += int(c[x][y]) * dist(x, y)
		}
	}
	d := float64(sum) / float64(n)
	return defined(1 - 2*d/2)
}

// Kappa is Cohen's kappa for the three nominal categories yes, no, abstain
// (Häge 2011): (po - pe)/(1 - pe), where po is Agree and pe = Σ pA(v)·pB(v)
// the agreement expected from each side's own distribution of votes. It is
// undefined when pe = 1 (both sides cast one and the same value throughout).
func (c *Counts) Kappa() Value {
	n := c.N()
	ra, rb := c.margins()
	e := 0 // n²·pe
	for v := range ra {
		e += ra[v] * rb[v]
	}
	return chance(n*c.same(), e, n*n)
}

// Pi is Scott's pi for the three nominal categories (Häge 2011): as Kappa,
// but the expected agreement uses the pooled distribution of both sides'
// votes: pe = Σ p(v)², p(v) = (rowA(v) + colB(v))/2n.
func (c *Counts) Pi() Value {
	n := c.N()
	ra, rb := c.margins()
	e := 0 // 4n²·pe
	for v := range ra {
		q := ra[v] + rb[v]
		e += q * q
	}
	return chance(4*n*c.same(), e, 4*n*n)
}

// chance returns (o - e)/(t - e), the chance-corrected agreement with
// observed agreement o/t and expected agreement e/t, all in integers so that
// the undefined case e = t is exact.
func chance(o, e, t int) Value {
	if t == 0 || e == t {
		return Value{}
	}
	return defined(float64(o-e) / float64(t-e))
}

// KappaW is the distance-weighted Cohen's kappa, after Häge (2011): one
// minus observed over expected disagreement, with the absolute distances of
// S (no = -1, abstain = 0, yes = 1) and each side's own distribution:
// 1 - Do/De, Do = Σ c(x,y)·d(x,y)/n, De = Σ pA(x)·pB(y)·d(x,y). It is the
// chance-corrected counterpart of S, undefined when De = 0.
func (c *Counts) KappaW() Value {
	n := c.N()
	ra, rb := c.margins()
	obs, exp := 0, 0
	for x := range nCast {
		for y := range nCast {
			obs += int(c[x][y]) * dist(x, y)
			exp += ra[x] * rb[y] * dist(x, y)
		}
	}
	return weighted(n*obs, exp)
}

// PiW is the distance-weighted Scott's pi, after Häge (2011): as KappaW with
// the pooled distribution p(v) = (rowA(v) + colB(v))/2n for both sides.
func (c *Counts) PiW() Value {
	n := c.N()
	ra, rb := c.margins()
	obs, exp := 0, 0
	for x := range nCast {
		for y := range nCast {
			obs += int(c[x][y]) * dist(x, y)
			exp += (ra[x] + rb[x]) * (ra[y] + rb[y]) * dist(x, y)
		}
	}
	return weighted(4*n*obs, exp)
}

// weighted returns 1 - o/e, undefined for e = 0.
func weighted(o, e int) Value {
	if e == 0 {
		return Value{}
	}
	return defined(1 - float64(o)/float64(e))
}

// Metric names a measure.
type Metric int

// The measures. See the methods of Counts of the same names.
const (
	Agree                 Metric = iota // agree
	AgreeHalf                           // agree-half
	Coincidence                         // coincidence
	S                                   // s
	Kappa                               // kappa
	Pi                                  // pi
	KappaW                              // kappa-w
	PiW                                 // pi-w
	CoincidenceAbsentHalf               // coincidence-absent-half
	StateDept                           // statedept: the rule of the window's years
	numMetrics
)

var metricNames = [numMetrics]string{"agree", "agree-half", "coincidence", "s", "kappa", "pi", "kappa-w", "pi-w", "coincidence-absent-half", "statedept"}

// NeedsAbsences reports whether any of the metrics reads the roll calls on
// which one side was absent (Counts.Absent).
func NeedsAbsences(ms []Metric) bool {
	for _, m := range ms {
		if m == CoincidenceAbsentHalf || m == StateDept {
			return true
		}
	}
	return false
}

// String returns the metric's name as ParseMetrics reads it.
func (m Metric) String() string {
	if m < 0 || m >= numMetrics {
		return fmt.Sprintf("Metric(%d)", int(m))
	}
	return metricNames[m]
}

// Metrics returns every metric, in order.
func Metrics() []Metric {
	ms := make([]Metric, numMetrics)
	for i := range ms {
		ms[i] = Metric(i)
	}
	return ms
}

// ParseMetric reads one metric name; case is ignored.
func ParseMetric(s string) (Metric, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	for i, name := range metricNames {
		if t == name {
			return Metric(i), nil
		}
	}
	return 0, fmt.Errorf("unknown metric %q (want one of %s)", s, strings.Join(metricNames[:], ", "))
}

// ParseMetrics reads a comma-separated list of metric names, such as
// "agree,kappa". A name given twice is kept once.
func ParseMetrics(s string) ([]Metric, error) {
	var ms []Metric
	seen := map[Metric]bool{}
	for _, f := range strings.Split(s, ",") {
		m, err := ParseMetric(f)
		if err != nil {
			return nil, err
		}
		if !seen[m] {
			seen[m] = true
			ms = append(ms, m)
		}
	}
	return ms, nil
}

// MeasureIn returns metric m of the cross-table over window w: Measure, and
// StateDept by the rule of w's years.
func (c *Counts) MeasureIn(m Metric, w Window) Value {
	if m == StateDept {
		return c.StateDept(w)
	}
	return c.Measure(m)
}

// Measure returns metric m of the cross-table. StateDept, whose rule
// depends on the window, is undefined here: use MeasureIn.
func (c *Counts) Measure(m Metric) Value {
	switch m {
	case Agree:
		return c.Agree()
	case AgreeHalf:
		return c.AgreeHalf()
	case Coincidence:
		return c.Coincidence()
	case S:
		return c.S()
	case Kappa:
		return c.Kappa()
	case Pi:
		return c.Pi()
	case KappaW:
		return c.KappaW()
	case PiW:
		return c.PiW()
	case CoincidenceAbsentHalf:
		return c.CoincidenceAbsentHalf()
	}
	return Value{}
}
