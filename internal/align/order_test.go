package align

import (
	"math"
	"testing"
)

func TestFirstAxis(t *testing.T) {
	// Two blocs: 0, 1, 2 agree among themselves, as do 3, 4; across, they
	// rarely do. State 4 is the reference.
	n := 5
	bloc := []int{0, 0, 0, 1, 1}
	agree := make([]float64, n*n)
	for i := range n {
		for j := range n {
			switch {
			case i == j:
				agree[i*n+j] = 1
			case bloc[i] == bloc[j]:
				agree[i*n+j] = 0.9
			default:
				agree[i*n+j] = 0.2
			}
		}
	}
	agree[0*n+3], agree[3*n+0] = math.NaN(), math.NaN() // no roll call in common
	x := FirstAxis(agree, n, 4)
	for i := range 3 {
		for j := 3; j < 5; j++ {
			if x[i] >= x[j] {
				t.Errorf("x = %v: state %d of the first bloc is not below state %d", x, i, j)
			}
		}
	}
	if x[4] <= 0 {
		t.Errorf("reference on the negative side: %v", x)
	}
}

// TestFirstAxisLine recovers states placed on a line, agreeing the less the
// farther apart they are: the axis is their centred position.
func TestFirstAxisLine(t *testing.T) {
	p := []float64{0, 0.1, 0.15, 0.4, 0.8}
	n := len(p)
	agree := make([]float64, n*n)
	for i := range n {
		for j := range n {
			agree[i*n+j] = 1 - math.Abs(p[i]-p[j])
		}
	}
	x := FirstAxis(agree, n, n-1)
	mean := 0.29
	for i := range n {
		if math.Abs(x[i]-(p[i]-mean)) > 1e-9 {
			t.Errorf("x = %v, want %v - %v", x, p, mean)
			break
		}
	}
	if got := FirstAxis(nil, 0, 0); got != nil {
		t.Errorf("no states: %v", got)
	}
	same := []float64{1, 1, 1, 1}
	if got := FirstAxis(same, 2, 0); got[0] != 0 || got[1] != 0 {
		t.Errorf("full agreement: %v", got)
	}
}
