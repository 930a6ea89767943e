package blocs

import (
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

func TestExactSplits(t *testing.T) {
	b := votes.NewBuilder()
	// Camp W = USA JPN KOR, camp E = PRK CHN RUS (RUS a member from 2000).
	for _, rc := range []struct {
		date, votes string // votes of USA JPN KOR PRK CHN RUS, "." for no record, "X" not voting
	}{
		{"2020-01-01", "YYYNNN"}, // exact, opposed
		{"2020-02-01", "YYYAAA"}, // exact, not opposed
		{"2020-03-01", "YYYNNY"}, // E not unanimous
		{"2020-04-01", "YYYYYY"}, // same votes
		{"2020-05-01", "YXYN.N"}, // exact: JPN not voting, CHN absent
		{"2021-01-01", "NNNYYY"}, // exact, opposed
		{"2021-02-01", "YAYNNN"}, // W not unanimous
		{"2021-03-01", "YYY..."}, // E cast nothing: not counted
	} {
		i := b.AddRollCall(votes.RollCall{Date: rc.date, Body: record.GA})
		for k, st := range []string{"USA", "JPN", "KOR", "PRK", "CHN", "RUS"} {
			if v := rc.votes[k]; v != '.' {
				if err := b.Add(i, st, record.Vote(v)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	m := b.Build()
	camp := func(name string, codes ...string) Camp {
		return Camp{Name: name, MembersOn: func(string) []string { return codes }}
	}
	rows, err := ExactSplits(m, camp("W", "USA", "JPN", "KOR"), camp("E", "PRK", "CHN", "RUS"), []align.Window{align.Year(2020), align.Year(2021), align.Year(2022)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2 (2022 has no votes)", len(rows))
	}
	for k, want := range []struct{ n, exact, opposed int }{{5, 3, 2}, {2, 1, 1}} {
		r := rows[k]
		if r.N != want.n || r.Exact != want.exact || r.Opposed != want.opposed || len(r.Splits) != want.exact {
			t.Errorf("%s: n %d exact %d opposed %d, want %+v", r.Label, r.N, r.Exact, r.Opposed, want)
		}
	}
	if s := rows[0].Splits[2]; s.CastA != 2 || s.CastB != 2 || s.VoteA != record.Yes || s.VoteB != record.No {
		t.Errorf("split with absences: %+v", s)
	}
	if got := rows[0].Share.X; got != 3.0/5 {
		t.Errorf("share %v, want 0.6", got)
	}
}
