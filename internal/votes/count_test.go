package votes

import (
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

func TestCountRange(t *testing.T) {
	b := NewBuilder()
	const n = 200
	for i := range n {
		rc := b.AddRollCall(RollCall{ID: int64(i + 1), Date: "2000-01-01"})
		v := record.Yes
		if i%3 == 0 {
			v = record.No
		}
		if i%5 == 0 {
			v = record.NonVoting
		}
		b.Add(rc, "AAA", v)
	}
	m := b.Build()
	s, _ := m.State("AAA")
	mask := m.NewMask()
	for i := 0; i < n; i += 2 {
		mask.Add(i)
	}
	for _, r := range [][2]int{{0, n}, {0, 0}, {5, 6}, {63, 65}, {64, 128}, {1, 199}, {70, 71}, {130, 200}, {10, 5}} {
		for _, k := range []Mask{nil, mask} {
			for _, v := range []record.Vote{0, record.Yes, record.No} {
				want := 0
				for i := r[0]; i < r[1]; i++ {
					got := m.Vote(i, s)
					if (k == nil || k.Has(i)) && (v == 0 && got.Cast() || v != 0 && got == v) {
						want++
					}
				}
				if got := m.CountRange(s, v, k, r[0], r[1]); got != want {
					t.Errorf("[%d,%d) vote %v mask %v: %d, want %d", r[0], r[1], v, k != nil, got, want)
				}
			}
		}
	}
}
