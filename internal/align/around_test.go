package align

import (
	"math"
	"testing"
)

func TestTestProportions(t *testing.T) {
	for _, tc := range []struct {
		x1, n1, x2, n2 int
		z, p           float64
		defined        bool
	}{
		// p = 0.5, sd = sqrt(0.25 * 0.02); z = 0.2 / 0.0707107; P from the normal table.
		{40, 100, 60, 100, 2.8284271, 0.0046777, true},
		{60, 100, 40, 100, -2.8284271, 0.0046777, true},
		{50, 100, 50, 100, 0, 1, true},
		{10, 10, 20, 20, 0, 0, false}, // both 1: no variance
		{0, 0, 5, 10, 0, 0, false},
	} {
		got := TestProportions(tc.x1, tc.n1, tc.x2, tc.n2)
		if got.Z.Defined != tc.defined || got.P.Defined != tc.defined {
			t.Errorf("%v: defined z %v p %v, want %v", tc, got.Z.Defined, got.P.Defined, tc.defined)
			continue
		}
		if tc.defined && (math.Abs(got.Z.X-tc.z) > 1e-6 || math.Abs(got.P.X-tc.p) > 1e-6) {
			t.Errorf("%v: z %.7f p %.7f, want %.7f %.7f", tc, got.Z.X, got.P.X, tc.z, tc.p)
		}
	}
}

func TestAroundWindows(t *testing.T) {
	b, a, err := AroundWindows("2023-09-13", 24)
	if err != nil {
		t.Fatal(err)
	}
	if b.From != "2021-09-13" || b.To != "2023-09-12" || a.From != "2023-09-13" || a.To != "2025-09-12" {
		t.Errorf("windows %v and %v", b, a)
	}
	if _, _, err := AroundWindows("2023-13-01", 12); err == nil {
		t.Error("bad date accepted")
	}
	if _, _, err := AroundWindows("2023-01-01", 0); err == nil {
		t.Error("0 months accepted")
	}
}
