package council

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// scMatrix builds Security Council roll calls from rows of votes, one
// letter per roll call ("." for no record), and one GA roll call on the
// first date that every state votes yes on.
func scMatrix(t *testing.T, dates []string, rows map[string]string) *votes.Matrix {
	t.Helper()
	b := votes.NewBuilder()
	for i, d := range dates {
		b.AddRollCall(votes.RollCall{ID: int64(i + 1), Body: record.SC, Date: d})
	}
	ga := b.AddRollCall(votes.RollCall{ID: 999, Body: record.GA, Date: dates[0]})
	for state, vs := range rows {
		for i, c := range vs {
			if c != '.' {
				if err := b.Add(i, state, record.Vote(c)); err != nil {
					t.Fatal(err)
				}
			}
		}
		b.Add(ga, state, record.Yes)
	}
	return b.Build()
}

func TestMembersAndP5Agreement(t *testing.T) {
	// 1971: the Chinese seat passes from TWN to CHN on 25 October.
	dates := []string{"1971-03-01", "1971-06-01", "1971-11-01", "1971-12-01"}
	m := scMatrix(t, dates, map[string]string{
		"TWN": "YY..",
		"CHN": "..YX",
		"FRA": "YYYY",
		"GBR": "YYYA",
		"SUN": "YNYY",
		"USA": "YYYY",
		"JPN": "YYYY",
		"SYR": "YAYY",
	})
	years := Members(m, nil, nil)
	if len(years) != 1 || years[0].Year != 1971 || years[0].RollCalls != 4 {
		t.Fatalf("years %+v", years)
	}
	y := years[0]
	var perm, elected []string
	for _, s := range y.Seats {
		if s.Permanent {
			perm = append(perm, s.State)
		} else {
			elected = append(elected, s.State)
		}
	}
	if !slices.Equal(perm, []string{"CHN", "FRA", "GBR", "SUN", "TWN", "USA"}) || !slices.Equal(elected, []string{"JPN", "SYR"}) || y.Elected() != 2 {
		t.Errorf("permanent %v, elected %v", perm, elected)
	}
	chn := y.Seats[0]
	if chn.State != "CHN" || chn.RollCalls != 2 || chn.Yes != 1 || chn.NonVoting != 1 {
		t.Errorf("CHN seat %+v", chn)
	}

	rows, err := P5Agreement(m, []align.Window{align.Year(1971)}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	// Unanimous: roll call 1 (TWN FRA GBR SUN USA all Y) only; 2 has SUN
	// N, 3 is unanimous (CHN FRA GBR SUN USA Y), 4 has CHN non-voting.
	if r.RollCalls != 4 || math.Abs(r.Unanimous.X-0.5) > 1e-12 {
		t.Errorf("roll calls %d, unanimous %v; want 4, 0.5", r.RollCalls, r.Unanimous)
	}
	// Pairs with a roll call in common on which both cast a vote: CHN
	// with FRA GBR SUN USA (1 each: roll call 3), FRA-GBR (4), FRA-SUN,
	// FRA-TWN, FRA-USA, GBR-SUN, GBR-TWN, GBR-USA, SUN-TWN, SUN-USA,
	// TWN-USA: 14. CHN and TWN never voted together.
	if len(r.Pairs) != 14 {
		t.Fatalf("%d pairs: %+v", len(r.Pairs), r.Pairs)
	}
	agree := map[string]float64{}
	sum := 0.0
	for _, p := range r.Pairs {
		agree[p.A+p.B] = p.Counts.Agree().X
		sum += p.Counts.Agree().X
	}
	if agree["FRAGBR"] != 0.75 || agree["FRASUN"] != 0.75 || agree["SUNTWN"] != 0.5 || agree["CHNSUN"] != 1 {
		t.Errorf("pair agreement %v", agree)
	}
	if math.Abs(r.Agreement.X-sum/14) > 1e-12 {
		t.Errorf("mean agreement %v, want %v", r.Agreement.X, sum/14)
	}
	if _, err := P5Agreement(m, []align.Window{align.Year(1980)}, nil, nil); err == nil {
		t.Error("no roll calls in 1980, but no error")
	}
}

func TestHolders(t *testing.T) {
	for code, want := range map[string][]string{"RUS": {"RUS", "SUN"}, "CHN": {"CHN", "TWN"}, "SUN": {"SUN"}, "USA": {"USA"}} {
		if got := Holders(code); !slices.Equal(got, want) {
			t.Errorf("Holders(%s) = %v, want %v", code, got, want)
		}
	}
}

func TestVetoQuery(t *testing.T) {
	vs := []record.Veto{
		{Date: "1950-09-06", Draft: "S/1653", Agenda: "Complaint of aggression upon the Republic of Korea", Topic: "Korean War", Vetoers: []string{"SUN"}},
		{Date: "1955-12-13", Draft: "S/3999", Agenda: "Admission of new Members", Topic: "Mongolia", Vetoers: []string{"TWN"}},
		{Date: "2022-05-26", Draft: "S/2022/431", Agenda: "Non-proliferation - Democratic People's Republic of Korea", Topic: "North Korea", Vetoers: []string{"CHN", "RUS"}},
		{Date: "2024-03-28", Draft: "S/2024/255", Agenda: "Non-proliferation", Topic: "DPRK", Vetoers: []string{"RUS"}, UserAdded: true},
		{Date: "2017-04-12", Draft: "S/2017/315", Agenda: "The situation in the Middle East", Topic: "Syria", Region: "Middle East", Vetoers: []string{"RUS"}},
		{Date: "2023-10-18", Draft: "S/2023/773", Agenda: "The situation in the Middle East, including the Palestinian question", Topic: "Israel/Palestine", Vetoers: []string{"USA"}},
	}
	drafts := func(q VetoQuery) []string {
		match := q.Matcher()
		var out []string
		for i := range vs {
			if match(&vs[i]) {
				out = append(out, vs[i].Draft)
			}
		}
		return out
	}
	tests := []struct {
		q    VetoQuery
		want []string
	}{
		{VetoQuery{}, []string{"S/1653", "S/3999", "S/2022/431", "S/2024/255", "S/2017/315", "S/2023/773"}},
		{VetoQuery{By: "RUS"}, []string{"S/1653", "S/2022/431", "S/2024/255", "S/2017/315"}},
		{VetoQuery{By: "SUN"}, []string{"S/1653"}},
		{VetoQuery{By: "CHN"}, []string{"S/3999", "S/2022/431"}},
		{VetoQuery{Topic: "korea"}, []string{"S/1653", "S/2022/431"}},
		{VetoQuery{Topic: "DPRK"}, []string{"S/2022/431", "S/2024/255"}},
		{VetoQuery{Topic: "north korea"}, []string{"S/2022/431", "S/2024/255"}},
		{VetoQuery{Topic: "Democratic People’s Republic of Korea"}, []string{"S/2022/431", "S/2024/255"}},
		{VetoQuery{Topic: "middle east", By: "RUS"}, []string{"S/2017/315"}},
		{VetoQuery{Topic: "S/2023"}, []string{"S/2023/773"}},
		{VetoQuery{From: "2017-01-01", To: "2023-12-31"}, []string{"S/2022/431", "S/2017/315", "S/2023/773"}},
	}
	for _, tt := range tests {
		if got := drafts(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestDPRKVetoes reads the published list and the user-added veto of the
// fixture (S/2024/255, which the list, ending in July 2022, lacks) through
// the store, and asks for the vetoes on DPRK drafts.
func TestDPRKVetoes(t *testing.T) {
	list := realdata.File(t, "vetoes/unsc_vetoes_1946_sept2022.csv")
	s, err := store.Open(filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	bs, err := store.Read([]string{list, "testdata/user_vetoes.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, bs, registry.Default(), store.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	all, err := s.Vetoes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 215 {
		t.Errorf("%d vetoes stored, want 214 + 1", len(all))
	}
	match := VetoQuery{Topic: "DPRK"}.Matcher()
	var got []store.StoredVeto
	for i := range all {
		if match(&all[i].Veto) {
			got = append(got, all[i])
		}
	}
	if len(got) != 2 {
		t.Fatalf("DPRK vetoes: %+v", got)
	}
	if g := got[0]; g.Draft != "S/2022/431" || g.Date != "2022-05-26" || !slices.Equal(g.Vetoers, []string{"CHN", "RUS"}) || g.UserAdded {
		t.Errorf("first: %+v", g)
	}
	if g := got[1]; g.Draft != "S/2024/255" || g.Date != "2024-03-28" || !slices.Equal(g.Vetoers, []string{"RUS"}) ||
		!g.UserAdded || g.Source != "https://undocs.org/S/2024/255" {
		t.Errorf("second: %+v", g)
	}
}
