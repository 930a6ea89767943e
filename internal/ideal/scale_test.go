package ideal

import (
	"fmt"
	"math"
	"os"
	"sort"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// scaleCheck measures whether a fit holds the truth's scale over time: the
// correlation of fit and truth within each year, and for each decade the
// ratio of the spread (SD) of the fitted positions to that of the true
// ones, relative to the same ratio over all years (1 means the decade is on
// the scale of the whole).
type scaleCheck struct {
	minYearR  float64
	worstYear int
	decades   []int
	ratio     []float64 // per decade, relative
	sdFit     []float64
	sdTrue    []float64
	worst     float64 // largest |ratio − 1|
}

func checkScale(res *Result, tr *simTruth) scaleCheck {
	type pair struct{ est, truth []float64 }
	year, dec := map[int]*pair{}, map[int]*pair{}
	var all pair
	for _, p := range res.Points {
		x, ok := tr.x[p.State][p.Year]
		if !ok {
			continue
		}
		if year[p.Year] == nil {
			year[p.Year] = &pair{}
		}
		d := p.Year / 10 * 10
		if dec[d] == nil {
			dec[d] = &pair{}
		}
		for _, q := range []*pair{year[p.Year], dec[d], &all} {
			q.est, q.truth = append(q.est, p.X), append(q.truth, x)
		}
	}
	c := scaleCheck{minYearR: 1}
	for y, q := range year {
		if len(q.est) < 10 {
			continue
		}
		if r := stat.Correlation(q.est, q.truth, nil); r < c.minYearR {
			c.minYearR, c.worstYear = r, y
		}
	}
	pooled := stat.StdDev(all.est, nil) / stat.StdDev(all.truth, nil)
	for d := range dec {
		c.decades = append(c.decades, d)
	}
	sort.Ints(c.decades)
	for _, d := range c.decades {
		q := dec[d]
		sf, st := stat.StdDev(q.est, nil), stat.StdDev(q.truth, nil)
		r := sf / st / pooled
		c.sdFit, c.sdTrue, c.ratio = append(c.sdFit, sf), append(c.sdTrue, st), append(c.ratio, r)
		c.worst = math.Max(c.worst, math.Abs(r-1))
	}
	return c
}

func (c scaleCheck) String() string {
	s := fmt.Sprintf("lowest within-year r %.4f (%d); decade SD fit/truth (relative ratio):", c.minYearR, c.worstYear)
	for i, d := range c.decades {
		s += fmt.Sprintf(" %ds %.2f/%.2f (%.3f)", d, c.sdFit[i], c.sdTrue[i], c.ratio[i])
	}
	return s + fmt.Sprintf("; worst %.3f", c.worst)
}

// The scale simulations: true paths whose spread is constant by
// construction (AR(1), ρ = 0.98, variance 1, a yearly step variance of
// 0.04), and the same with a planted polarising period (the positions
// stretched by a factor rising from 1 in 1975 to 1.6 in 1990). A fit with
// on the model's own scale (HoldScale false, the fit before the held
// scale) is logged for comparison; the default fit must hold the scale.
var (
	constantSim  = simConfig{states: 200, years: 80, perYear: 71, year0: 1946, evolutionVar: 0.04, stationary: 0.98, recurring: 0.3, nonVote: 0.1}
	polariseSim  = simConfig{states: 200, years: 80, perYear: 71, year0: 1946, evolutionVar: 0.04, stationary: 0.98, polarise: [3]float64{1975, 1990, 1.6}, recurring: 0.3, nonVote: 0.1}
	scaleSeeds   = []uint64{7, 1}
	scaleWantR   = 0.98
	scaleWantTol = 0.10
)

// scaleVariants are the fits logged for comparison (IDEAL_SCALE_COMPARE=1).
func scaleVariants() []Options {
	if os.Getenv("IDEAL_SCALE_COMPARE") == "" {
		return nil
	}
	var out []Options
	for _, hold := range []bool{false, true} {
		for _, est := range []bool{false, true} {
			o := DefaultOptions()
			o.EvolutionVar, o.EstimateEvolution, o.HoldScale = 0.1, est, hold
			out = append(out, o)
		}
	}
	return out
}

func testScale(t *testing.T, c simConfig) {
	if testing.Short() {
		t.Skip("full-size simulation")
	}
	for _, seed := range scaleSeeds {
		m, tr := simulate(c, seed)
		for _, o := range scaleVariants() {
			res, err := Fit(m, o)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("seed %d, %+v: %v", seed, o, checkScale(res, tr))
		}
		before := DefaultOptions()
		before.HoldScale = false
		resB, err := Fit(m, before)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("seed %d, the model's own scale (no held scale): %v", seed, checkScale(resB, tr))
		res, err := Fit(m, DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		sc := checkScale(res, tr)
		t.Logf("seed %d, held scale (%d iterations, %.1fs): %v", seed, res.Iterations, res.Settings.Seconds, sc)
		if !res.Converged {
			t.Errorf("seed %d: not converged", seed)
		}
		if sc.minYearR < scaleWantR || sc.worst > scaleWantTol {
			t.Errorf("seed %d: scale not held: %v", seed, sc)
		}
	}
}

// TestScaleConstant: a scale constant by construction shows no drift.
func TestScaleConstant(t *testing.T) { testScale(t, constantSim) }

// TestScalePolarise: a planted polarising period is recovered.
func TestScalePolarise(t *testing.T) { testScale(t, polariseSim) }
