package ideal

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// The held scale. The model's likelihood does not tie the spread of one
// year's positions to another's except through bridged roll calls and the
// random walk, and the walk resists a change of every state's position in
// one direction at once: a period in which the states move apart comes
// out flattened (in simulation a planted widening by 1.6 came out as 1.4
// under the model's own gauge). The held scale fixes each year's unit by
// the roll calls instead: it is the scale on which the median
// discrimination |β| of the unbridged roll calls voted in a window of years
// around the year is the same as over the whole fit, so that one unit of
// position buys the same certainty of a typical vote in 1950 as in 2020.
// (The median, because the root mean square followed the inflated β of
// lopsided votes: 12% too wide in the simulated 1950s.)

// scaleWindow is the half-width, in years, of the window over which a
// year's discrimination is taken (11 years: the real record's year-to-year
// median moves by up to 40% with the agenda; 5 years passed the
// simulations as well but made the positions jump between years).
const scaleWindow = 5

// YearScale is the factor by which a year's positions were multiplied
// (about the prior mean) to hold the scale, the median discrimination |β|
// of the unbridged roll calls in the window around the year, on the
// model's scale, and their number.
type YearScale struct {
	Year       int     `json:"year"`
	Factor     float64 `json:"factor"`
	MedianBeta float64 `json:"median_beta"`
	RollCalls  int     `json:"roll_calls"` // roll calls in the window
}

// yearScales returns, for every calendar year with roll calls in the fit,
// the factor k_y = R_y/R: R_y the median |β| of the unbridged roll calls of
// the years y−5..y+5, R that of all unbridged roll calls.
func (f *fitter) yearScales(m *votes.Matrix) map[int]YearScale {
	l := f.l
	rcs := m.RollCalls()
	byYear := map[int][]float64{}
	var all []float64
	for g, members := range l.groupRC {
		if len(members) > 1 {
			continue // a bridged group's β is shared by its years
		}
		b := math.Abs(f.beta[g])
		y := rcs[members[0]].Year
		byYear[y] = append(byYear[y], b)
		all = append(all, b)
	}
	if len(all) == 0 {
		return nil
	}
	sort.Float64s(all)
	r := stat.Quantile(0.5, stat.Empirical, all, nil)
	if r == 0 {
		return nil
	}
	out := map[int]YearScale{}
	y0, y1 := 1<<30, -1<<30
	for y := range byYear {
		y0, y1 = min(y0, y), max(y1, y)
	}
	var win []float64
	for y := y0; y <= y1; y++ {
		win = win[:0]
		for d := -scaleWindow; d <= scaleWindow; d++ {
			win = append(win, byYear[y+d]...)
		}
		if len(win) == 0 {
			continue
		}
		sort.Float64s(win)
		ry := stat.Quantile(0.5, stat.Empirical, win, nil)
		out[y] = YearScale{Year: y, Factor: ry / r, MedianBeta: ry, RollCalls: len(win)}
	}
	return out
}
