package coverage

import (
	"fmt"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// matrix builds roll calls: n per year of body b from y0 to y1, the last
// one dated last.
func matrix(t *testing.T, counts map[record.Body]map[int]int, last map[record.Body]string) *votes.Matrix {
	b := votes.NewBuilder()
	id := int64(0)
	for body, ys := range counts {
		for y, n := range ys {
			for k := 0; k < n; k++ {
				id++
				date := fmt.Sprintf("%d-03-%02d", y, k%28+1)
				if l := last[body]; record.YearOf(l) == y && k == n-1 {
					date = l
				}
				i := b.AddRollCall(votes.RollCall{ID: id, Body: body, Date: date})
				if err := b.Add(i, "USA", record.Yes); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return b.Build()
}

func TestCoverage(t *testing.T) {
	ga := map[int]int{2018: 80, 2019: 80, 2020: 30, 2021: 78, 2022: 82, 2023: 80, 2024: 79, 2025: 84, 2026: 9}
	sc := map[int]int{2019: 50, 2020: 57, 2021: 57}
	m := matrix(t, map[record.Body]map[int]int{record.GA: ga, record.SC: sc}, map[record.Body]string{record.GA: "2026-06-04", record.SC: "2021-12-30"})
	spans := []record.SourceSpan{{Source: "vetoes.csv", Kind: "vetoes", Body: record.SC, First: "1946-02-16", Last: "2021-07-08", Count: 3}}
	r := Of(m, spans)
	g := r.Body(record.GA)
	if g == nil || g.Last != "2026-06-04" {
		t.Fatalf("GA: %+v", g)
	}
	var partial, low []int
	for _, y := range g.Years {
		if y.Partial {
			partial = append(partial, y.Year)
		}
		if y.Low {
			low = append(low, y.Year)
		}
	}
	if fmt.Sprint(partial) != "[2026]" || fmt.Sprint(low) != "[2020]" {
		t.Errorf("GA partial %v low %v; want [2026] [2020]", partial, low)
	}
	if y := r.LatestComplete(record.GA); y != 2025 {
		t.Errorf("latest complete GA year %d, want 2025", y)
	}
	if y := r.LatestComplete(record.SC); y != 2021 {
		t.Errorf("latest complete SC year %d, want 2021 (data through 30 December)", y)
	}
	tests := []struct {
		body     record.Body
		from, to string
		want     bool
	}{
		{record.GA, "2025-01-01", "2025-12-31", false},
		{record.GA, "2026-01-01", "2026-12-31", true},
		{record.GA, "2022-01-01", "2026-06-04", false},
		{record.SC, "2021-01-01", "2021-12-31", false},
		{record.SC, "2022-01-01", "2022-12-31", true},
		{"", "2022-01-01", "2022-12-31", true},
	}
	for _, tt := range tests {
		if got := r.Partial(tt.body, tt.from, tt.to); got != tt.want {
			t.Errorf("Partial(%s, %s, %s) = %v, want %v", tt.body, tt.from, tt.to, got, tt.want)
		}
	}
	if got := r.Through(record.GA); got != "GA data through 4 Jun 2026" {
		t.Errorf("Through = %q", got)
	}
	if got := r.Empty(record.SC, "2022-01-01", "2022-12-31"); got != "no SC roll calls in 2022 in the store; SC data end 2021-12-30" {
		t.Errorf("Empty = %q", got)
	}
	flags := strings.Join(append(r.Body(record.SC).Flags, r.Flags...), "\n")
	if !strings.Contains(flags, "SC data stop early: they end 2021-12-30") || !strings.Contains(flags, "the veto list stops early") {
		t.Errorf("flags:\n%s", flags)
	}
}
