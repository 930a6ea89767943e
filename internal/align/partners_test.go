package align

import (
	"slices"
	"testing"
)

func TestPartners(t *testing.T) {
	agree := func(same, n int32) Counts { return Counts{{same, n - same, 0}, {0, 0, 0}, {0, 0, 0}} }
	pairs := []Pair{
		{A: "AAA", B: "BBB", N: 20, Counts: agree(18, 20)},
		{A: "AAA", B: "CCC", N: 20, Counts: agree(10, 20)},
		{A: "AAA", B: "DDD", N: 4, Counts: agree(4, 4)}, // too few in common
		{A: "BBB", B: "CCC", N: 10, Counts: agree(5, 10)},
		{A: "AAA", B: "EEE", N: 10, Counts: agree(5, 10)},
	}
	states, by := ByState(pairs)
	if !slices.Equal(states, []string{"AAA", "BBB", "CCC", "DDD", "EEE"}) {
		t.Errorf("states %v", states)
	}
	if q := by["BBB"][0]; q.A != "BBB" || q.B != "AAA" || q.Counts[0][1] != 0 || q.Counts[1][0] != 2 {
		t.Errorf("BBB's pair with AAA not turned round: %+v", q)
	}
	if n := MinCommon(by["AAA"]); n != 10 {
		t.Errorf("MinCommon(AAA) = %d, want 10", n)
	}
	if n := MinCommon(by["DDD"]); n != 2 {
		t.Errorf("MinCommon(DDD) = %d, want 2 (half of 4)", n)
	}
	var got []string
	for _, p := range Partners(by["AAA"], Agree, 10) {
		got = append(got, p.State)
	}
	// CCC and EEE tie at 0.5: the larger n first.
	if !slices.Equal(got, []string{"BBB", "CCC", "EEE"}) {
		t.Errorf("Partners(AAA) = %v", got)
	}
}
