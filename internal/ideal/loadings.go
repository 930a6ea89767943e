package ideal

import (
	"math"
	"sort"
	"strings"

	"gonum.org/v1/gonum/stat"

	"github.com/blocwatch/blocwatch/internal/votes"
)

// Dimension says what a dimension of a two-dimensional fit measures: its
// share of the variance of the roll calls' linear predictors and the roll
// calls that load most on it.
type Dimension struct {
	Dim int `json:"dim"` // 1 or 2
	// Share is Σ_g n_g·β_gd²·Var(x_d) / Σ_g n_g·(β_g1²·Var(x_1) + β_g2²·Var(x_2)),
	// the share of the variance of y* − ε = β·x across the states that
	// voted on each roll call that this dimension carries (n_g votes of
	// group g; the axes are uncorrelated in the canonical frame).
	Share float64   `json:"share"`
	Top   []Loading `json:"top"`
}

// Loading is one roll call (or bridged group, shown by its first roll
// call) that loads on a dimension.
type Loading struct {
	Resolution string  `json:"resolution"`
	Date       string  `json:"date"`
	Title      string  `json:"title"`
	Issues     string  `json:"issues,omitempty"` // Voeten's codes, space-separated
	RollCalls  int     `json:"roll_calls"`       // in the group
	Beta       float64 `json:"beta"`             // on this dimension
	// Purity is β_d²·Var(x_d) / (β_1²·Var(x_1) + β_2²·Var(x_2)): how much of
	// the roll call's own variance is on this dimension.
	Purity float64 `json:"purity"`
}

// Dimensions describes the two dimensions of a two-dimensional fit: the
// variance share of each and the top roll calls by |β_d|·SD(x_d) among
// those whose purity on it is at least one half. It returns nil for a
// one-dimensional fit. m must be the matrix of the fit.
func (r *Result) Dimensions(m *votes.Matrix, top int) []Dimension {
	if r.Settings.Dims != 2 {
		return nil
	}
	x1, x2 := make([]float64, len(r.Points)), make([]float64, len(r.Points))
	for i, p := range r.Points {
		x1[i], x2[i] = p.X, p.X2
	}
	v := [2]float64{stat.Variance(x1, nil), stat.Variance(x2, nil)}
	rcs := m.RollCalls()
	var tot float64
	var part [2]float64
	type cand struct {
		g       int
		w, pure float64
	}
	var cands [2][]cand
	for g, p := range r.RollCalls {
		e := [2]float64{p.Beta * p.Beta * v[0], p.Beta2 * p.Beta2 * v[1]}
		n := float64(p.N)
		part[0] += n * e[0]
		part[1] += n * e[1]
		tot += n * (e[0] + e[1])
		if e[0]+e[1] == 0 {
			continue
		}
		for d := 0; d < 2; d++ {
			if pure := e[d] / (e[0] + e[1]); pure >= 0.5 {
				cands[d] = append(cands[d], cand{g, math.Sqrt(e[d]), pure})
			}
		}
	}
	out := make([]Dimension, 2)
	for d := 0; d < 2; d++ {
		out[d].Dim = d + 1
		if tot > 0 {
			out[d].Share = part[d] / tot
		}
		cs := cands[d]
		sort.SliceStable(cs, func(i, j int) bool { return cs[i].w > cs[j].w })
		for _, c := range cs[:min(top, len(cs))] {
			p := r.RollCalls[c.g]
			rc := rcs[p.RollCalls[0]]
			beta := p.Beta
			if d == 1 {
				beta = p.Beta2
			}
			out[d].Top = append(out[d].Top, Loading{Resolution: rc.Resolution, Date: rc.Date, Title: rc.Title,
				Issues: strings.Join(rc.Issues.Codes(), " "), RollCalls: len(p.RollCalls), Beta: beta, Purity: c.pure})
		}
	}
	return out
}
