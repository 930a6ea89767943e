// Package align measures how closely two states, or groups of states, vote
// together in the United Nations: over time, by issue and over any selection
// of roll calls.
//
// Every measure is computed from the 3×3 cross-table of the two sides' cast
// votes (yes, no, abstain against yes, no, abstain) over a set of roll calls,
// read from a votes.Matrix with popcounts of ANDed bit sets. The formulas
// live here and only here; docs/alignment.md states them with references.
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

// Counts is the cross-table of two sides' cast votes over a set of roll
// calls: Counts[x][y] is the number of roll calls on which side A voted x and
// side B voted y, indexed 0 yes, 1 no, 2 abstain. Roll calls on which either
// side cast no vote are not counted.
type Counts [3][3]int32

// Indexes of Counts (record.Vote.Index).
const (
	iYes = iota
	iNo
	iAbstain
)

// At returns the number of roll calls on which A voted a and B voted b (a
// and b yes, no or abstain; 0 otherwise).
func (c *Counts) At(a, b record.Vote) int {
	x, y := a.Index(), b.Index()
	if x < 0 || y < 0 {
		return 0
	}
	return int(c[x][y])
}

// N returns the number of roll calls on which both sides cast a vote.
func (c *Counts) N() int {
	n := 0
	for x := range c {
		for y := range c[x] {
			n += int(c[x][y])
		}
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

// margins returns the row (side A) and column (side B) totals.
func (c *Counts) margins() (ra, rb [3]int) {
	for x := range c {
		for y := range c[x] {
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

// Coincidence is the US State Department's voting coincidence: identical
// votes over identical plus opposite votes, counting only roll calls on which
// both voted yes or no: (YY+NN)/(YY+NN+YN+NY). Abstentions are left out.
func (c *Counts) Coincidence() Value {
	same := int(c[iYes][iYes] + c[iNo][iNo])
	d := same + int(c[iYes][iNo]+c[iNo][iYes])
	if d == 0 {
		return Value{}
	}
	return defined(float64(same) / float64(d))
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
	for x := range c {
		for y := range c[x] {
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
	for x := range c {
		for y := range c[x] {
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
	for x := range c {
		for y := range c[x] {
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
	Agree       Metric = iota // agree
	AgreeHalf                 // agree-half
	Coincidence               // coincidence
	S                         // s
	Kappa                     // kappa
	Pi                        // pi
	KappaW                    // kappa-w
	PiW                       // pi-w
	numMetrics
)

var metricNames = [numMetrics]string{"agree", "agree-half", "coincidence", "s", "kappa", "pi", "kappa-w", "pi-w"}

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

// Measure returns metric m of the cross-table.
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
	}
	return Value{}
}
