package align

import (
	"math"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
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

func TestCompareAround(t *testing.T) {
	b := votes.NewBuilder()
	// A and B agree on 1 of 2 roll calls before 2020-06-01 and on 3 of 3
	// from it on; one roll call is more than 6 months after.
	for _, rc := range []struct{ date, a, b string }{
		{"2020-01-10", "Y", "Y"},
		{"2020-05-31", "Y", "N"},
		{"2020-06-01", "N", "N"},
		{"2020-09-01", "A", "A"},
		{"2020-11-30", "Y", "Y"},
		{"2020-12-01", "Y", "N"},
	} {
		i := b.AddRollCall(votes.RollCall{Date: rc.date, Body: record.GA})
		b.Add(i, "AAA", record.Vote(rc.a[0]))
		b.Add(i, "BBB", record.Vote(rc.b[0]))
	}
	m := b.Build()
	r, err := CompareAround(m, State("AAA"), State("BBB"), "2020-06-01", 6, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Before.N != 2 || r.After.N != 3 || r.Test.X1 != 1 || r.Test.X2 != 3 {
		t.Errorf("before n %d, after n %d, test %+v", r.Before.N, r.After.N, r.Test)
	}
	if !r.Partial[0] || r.Partial[1] {
		t.Errorf("partial %v, want [true false] (the before period starts ahead of the first roll call)", r.Partial)
	}
	if _, err := CompareAround(m, State("AAA"), State("BBB"), "2010-01-01", 6, Options{}); err == nil {
		t.Error("no roll calls around 2010 gave no error")
	}
}
