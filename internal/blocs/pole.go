package blocs

import (
	"fmt"
	"sort"

	"github.com/blocwatch/blocwatch/internal/align"
)

// IdealPoint is a state's ideal point in a year, as package ideal fits it
// (or as a stored fit holds it).
type IdealPoint struct {
	State string
	Year  int
	X     float64
}

// PoleMove is how far a state's mean ideal point moved between two periods.
type PoleMove struct {
	State              string
	From, To           float64 // mean ideal point over the years of each period
	YearsFrom, YearsTo int     // years with a point in each period
	Change             float64 // To − From, signed so that positive is toward the pole
}

// PoleMoves ranks states by their move along the ideal-point dimension.
type PoleMoves struct {
	Pole         int // +1: the positive pole (the reference state's side, the United States by default); −1: the other
	From, To     align.Window
	Toward, Away []PoleMove
}

// PoleMovers ranks states by the change of their mean ideal point between
// two periods, toward a pole of the dimension: +1 the positive end, −1 the
// negative end. A state needs a point in at least one year of each period.
// Unlike alignment with a state, this is relative to the whole assembly:
// the ideal-point model places every state on one scale each year.
func PoleMovers(points []IdealPoint, pole int, from, to align.Window, top int) (*PoleMoves, error) {
	if pole != 1 && pole != -1 {
		return nil, fmt.Errorf("blocs: pole %d: want +1 or -1", pole)
	}
	type acc struct {
		sum [2]float64
		n   [2]int
	}
	by := map[string]*acc{}
	in := func(w align.Window, y int) bool {
		lo, hi := w.Year, w.Year
		if w.From != "" {
			fmt.Sscanf(w.From, "%d", &lo)
		}
		if w.To != "" {
			fmt.Sscanf(w.To, "%d", &hi)
		}
		return y >= lo && y <= hi
	}
	for _, p := range points {
		for k, w := range []align.Window{from, to} {
			if in(w, p.Year) {
				a := by[p.State]
				if a == nil {
					a = &acc{}
					by[p.State] = a
				}
				a.sum[k] += p.X
				a.n[k]++
			}
		}
	}
	var all []PoleMove
	for st, a := range by {
		if a.n[0] == 0 || a.n[1] == 0 {
			continue
		}
		f, t := a.sum[0]/float64(a.n[0]), a.sum[1]/float64(a.n[1])
		all = append(all, PoleMove{State: st, From: f, To: t, YearsFrom: a.n[0], YearsTo: a.n[1], Change: float64(pole) * (t - f)})
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("blocs: no state has ideal points in both %s and %s", from, to)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Change != all[j].Change {
			return all[i].Change > all[j].Change
		}
		return all[i].State < all[j].State
	})
	res := &PoleMoves{Pole: pole, From: from, To: to}
	res.Toward, res.Away = ends(all, func(m PoleMove) float64 { return m.Change }, top)
	return res, nil
}
