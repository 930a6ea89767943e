package ideal

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Period is a span of calendar years, both ends included.
type Period struct{ From, To int }

// ParsePeriod reads "2014-2017" or "2014".
func ParsePeriod(s string) (Period, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		b = a
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || from < 1900 || to > 2200 || to < from {
		return Period{}, fmt.Errorf("period %q: want YEAR or FROM-TO, such as 2014-2017", s)
	}
	return Period{from, to}, nil
}

func (p Period) String() string {
	if p.From == p.To {
		return strconv.Itoa(p.From)
	}
	return fmt.Sprintf("%d-%d", p.From, p.To)
}

func (p Period) years() int { return p.To - p.From + 1 }

// Movement is the change of a state's mean position from one period to
// another, with a standard error that accounts for the uncertainty of both
// means and for the correlation of the estimates of nearby years.
type Movement struct {
	State     string  `json:"state"`
	From      string  `json:"from"`
	FromYears int     `json:"from_years"` // years of the period with a position
	FromX     float64 `json:"from_x"`
	To        string  `json:"to"`
	ToYears   int     `json:"to_years"`
	ToX       float64 `json:"to_x"`
	Change    float64 `json:"change"` // ToX − FromX
	SE        float64 `json:"se"`
	Lo        float64 `json:"lo"` // Change ∓ 1.96·SE
	Hi        float64 `json:"hi"`
	Z         float64 `json:"z"`
	// Significant: the 95% interval excludes 0.
	Significant bool `json:"significant"`
	// Partial: a period has years without a position of the state (it did
	// not vote, or the fit does not reach them).
	Partial bool `json:"partial"`
}

// Move computes the movement of one state between two periods from its
// points (sorted by year; the points of one path, as Fit returns them).
// The change is the difference of the mean positions over the years of
// each period in which the state has a point; its variance is wᵀΣw, with
// w = −1/n1 on the first period's years and 1/n2 on the second's and Σ the
// covariance of the points: SE_s·SE_t times the product of the
// correlations of consecutive points between s and t (Point.Corr; the
// path's posterior is a Gauss–Markov chain, whose correlations multiply).
// ok is false if the state has no point in one of the periods.
func Move(points []Point, from, to Period) (Movement, bool) {
	if len(points) == 0 {
		return Movement{}, false
	}
	mv := Movement{State: points[0].State, From: from.String(), To: to.String()}
	w := make([]float64, len(points))
	for i, p := range points {
		switch {
		case p.Year >= from.From && p.Year <= from.To:
			mv.FromYears++
			w[i] = -1
		case p.Year >= to.From && p.Year <= to.To:
			mv.ToYears++
			w[i] = 1
		}
	}
	if mv.FromYears == 0 || mv.ToYears == 0 {
		return mv, false
	}
	mv.Partial = mv.FromYears < from.years() || mv.ToYears < to.years()
	for i, p := range points {
		switch {
		case w[i] < 0:
			w[i] /= float64(mv.FromYears)
			mv.FromX -= w[i] * p.X
		case w[i] > 0:
			w[i] /= float64(mv.ToYears)
			mv.ToX += w[i] * p.X
		}
	}
	mv.Change = mv.ToX - mv.FromX
	v := 0.0
	for s := range points {
		if w[s] == 0 {
			continue
		}
		rho := 1.0
		for t := s; t < len(points); t++ {
			if t > s {
				rho *= points[t-1].Corr
			}
			if w[t] == 0 || rho == 0 {
				continue
			}
			c := w[s] * w[t] * rho * points[s].SE * points[t].SE
			if t > s {
				c *= 2
			}
			v += c
		}
	}
	mv.SE = math.Sqrt(math.Max(v, 0))
	mv.Lo, mv.Hi = mv.Change-z975*mv.SE, mv.Change+z975*mv.SE
	if mv.SE > 0 {
		mv.Z = mv.Change / mv.SE
	}
	mv.Significant = mv.Lo > 0 || mv.Hi < 0
	return mv, true
}

// Moves computes the movement of every state with points in both periods
// and ranks them: significant movements first, by |z|, then the others by
// |z|. points must be sorted by state and year.
func Moves(points []Point, from, to Period) []Movement {
	var out []Movement
	for i := 0; i < len(points); {
		j := i
		for j < len(points) && points[j].State == points[i].State {
			j++
		}
		if mv, ok := Move(points[i:j], from, to); ok {
			out = append(out, mv)
		}
		i = j
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Significant != out[j].Significant {
			return out[i].Significant
		}
		return math.Abs(out[i].Z) > math.Abs(out[j].Z)
	})
	return out
}
