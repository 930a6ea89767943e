package align

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/mds"
)

// FirstAxis places n states on one line from their agreement (row-major
// n×n, NaN where two states share no roll call): the first axis of
// classical multidimensional scaling (Torgerson 1952, gonum's
// mds.TorgersonScaling) of the distances 1 − agree, missing distances
// replaced by the mean distance. The axis is oriented so that the state at
// index ref (if 0 ≤ ref < n; the United States, say) is on the positive
// side, as ideal points are. All positions are 0 where the distances have no
// positive dimension (every state agreeing with every other).
func FirstAxis(agree []float64, n, ref int) []float64 {
	if n == 0 {
		return nil
	}
	mean, cnt := 0.0, 0
	for i, a := range agree {
		if !math.IsNaN(a) && i/n != i%n {
			mean += 1 - a
			cnt++
		}
	}
	if cnt > 0 {
		mean /= float64(cnt)
	}
	dis := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i + 1; j < n; j++ {
			d := mean
			if a := agree[i*n+j]; !math.IsNaN(a) {
				d = 1 - a
			}
			dis.SetSym(i, j, d)
		}
	}
	var coords mat.Dense
	k, _ := mds.TorgersonScaling(&coords, nil, dis)
	pos := make([]float64, n)
	if k == 0 {
		return pos
	}
	for i := range n {
		pos[i] = coords.At(i, 0)
	}
	if ref >= 0 && ref < n && pos[ref] < 0 {
		for i := range pos {
			pos[i] = -pos[i]
		}
	}
	return pos
}
