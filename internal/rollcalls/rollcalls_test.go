package rollcalls

import (
	"fmt"
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// matrix builds roll calls, one a day, from each state's votes, one letter
// a roll call ("-" for no record); the tallies are counted from them.
func matrix(t *testing.T, states map[string]string) *votes.Matrix {
	t.Helper()
	bl := votes.NewBuilder()
	n := 0
	for _, vs := range states {
		n = len(vs)
	}
	for i := range n {
		rc := bl.AddRollCall(votes.RollCall{ID: int64(i + 1), Date: fmt.Sprintf("2020-01-%02d", i+1)})
		for s, vs := range states {
			if c := vs[i]; c != '-' {
				if err := bl.Add(rc, s, record.Vote(c)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return bl.Build()
}

func TestDivisive(t *testing.T) {
	m := matrix(t, map[string]string{
		"AAA": "YYYYYY",
		"BBB": "YNYNYN",
		"CCC": "YNYAYY",
		"DDD": "YYN-YY",
		"EEE": "YYAYYN",
	})
	got := Divisive(m, nil, 0, m.NumRollCalls())
	// 0 and 4 unanimous; 1: 3-2-0 margin 1, 5 cast; 2: 3-1-1 margin 1, 5
	// cast; 3: 2-1-1 margin 0; 5: 3-2-0 margin 1, 5 cast. Ties: newest first.
	want := []Divided{{3, 0}, {5, 1}, {2, 1}, {1, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("Divisive = %v, want %v", got, want)
	}
	mask := m.NewMask()
	mask.Add(1)
	mask.Add(5)
	if got := Divisive(m, mask, 0, 3); !slices.Equal(got, []Divided{{1, 1}}) {
		t.Errorf("masked, [0,3): %v", got)
	}
}

func TestContested(t *testing.T) {
	m := matrix(t, map[string]string{
		"AAA": "YYXNA",
		"BBB": "--Y--",
		"CCC": "NYAYN",
	})
	a, _ := m.State("AAA")
	b, _ := m.State("BBB")
	tests := []struct {
		states []int
		limit  int
		want   []int
	}{
		{[]int{a}, 10, []int{4, 3, 0}}, // 2: AAA did not vote (X); 1: unanimous
		{[]int{a, b}, 10, []int{4, 3, 2, 0}},
		{[]int{a, b}, 2, []int{4, 3}},
		{[]int{b}, 10, []int{2}},
		{nil, 10, nil},
	}
	for _, tt := range tests {
		if got := Contested(m, nil, tt.states, tt.limit); !slices.Equal(got, tt.want) {
			t.Errorf("Contested(%v, %d) = %v, want %v", tt.states, tt.limit, got, tt.want)
		}
	}
}
