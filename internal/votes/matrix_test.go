package votes

import (
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

func TestBuild(t *testing.T) {
	b := NewBuilder()
	r2 := b.AddRollCall(RollCall{ID: 2, Body: record.GA, Date: "2001-05-01", Resolution: "A/RES/55/2"})
	r1 := b.AddRollCall(RollCall{ID: 1, Body: record.GA, Date: "2000-01-01", Resolution: "A/RES/54/1", Issues: record.HumanRights})
	r3 := b.AddRollCall(RollCall{ID: 3, Body: record.SC, Date: "2001-06-01", Resolution: "S/RES/1"})
	add := func(rc int, s string, v record.Vote) {
		if err := b.Add(rc, s, v); err != nil {
			t.Fatal(err)
		}
	}
	add(r1, "USA", record.Yes)
	add(r1, "RUS", record.No)
	add(r2, "USA", record.Abstain)
	add(r2, "RUS", record.NonVoting)
	add(r3, "USA", record.Yes)
	add(r3, "USA", record.No) // replaces
	if err := b.Add(r3, "RUS", 'Q'); err == nil {
		t.Fatal("want error for unknown vote")
	}
	m := b.Build()
	if got := m.States(); len(got) != 2 || got[0] != "RUS" || got[1] != "USA" {
		t.Fatalf("states %v", got)
	}
	if m.RollCall(0).Resolution != "A/RES/54/1" || m.RollCall(2).Body != record.SC {
		t.Fatalf("order %+v", m.RollCalls())
	}
	us, _ := m.State("USA")
	ru, _ := m.State("RUS")
	tests := []struct {
		rc, s int
		want  record.Vote
	}{{0, us, record.Yes}, {0, ru, record.No}, {1, us, record.Abstain}, {1, ru, record.NonVoting}, {2, us, record.No}, {2, ru, 0}}
	for _, tt := range tests {
		if got := m.Vote(tt.rc, tt.s); got != tt.want {
			t.Errorf("Vote(%d,%d) = %q, want %q", tt.rc, tt.s, got, tt.want)
		}
	}
	if lo, hi := m.YearRange(2001); lo != 1 || hi != 3 {
		t.Errorf("YearRange(2001) = %d,%d", lo, hi)
	}
	if lo, hi := m.YearRange(1999); lo != hi {
		t.Errorf("YearRange(1999) not empty")
	}
	if n := m.Count(us, 0, nil); n != 3 {
		t.Errorf("cast count %d", n)
	}
	if k := m.Select(Filter{Body: record.GA, Issues: record.HumanRights}); k.Len() != 1 || !k.Has(0) {
		t.Errorf("select %v", k)
	}
	if k := m.Select(Filter{From: "2001-01-01", To: "2001-05-31"}); k.Len() != 1 || !k.Has(1) {
		t.Errorf("date select %v", k)
	}
	if tl := m.RollCall(0).Tally; tl.Yes != 1 || tl.No != 1 {
		t.Errorf("tally %+v", tl)
	}
}
