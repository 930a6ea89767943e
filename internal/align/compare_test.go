package align

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// rc describes one roll call of a test matrix: votes holds one letter per
// state of the matrix (Y, N, A, X), '.' for no record.
type rc struct {
	date    string
	session int
	votes   string
}

func build(t testing.TB, states []string, rcs []rc) *votes.Matrix {
	t.Helper()
	b := votes.NewBuilder()
	for k, r := range rcs {
		i := b.AddRollCall(votes.RollCall{ID: int64(k), Body: record.GA, Date: r.date, Session: r.session, Resolution: fmt.Sprintf("R%d", k)})
		for s, c := range r.votes {
			if c == '.' {
				continue
			}
			if err := b.Add(i, states[s], record.Vote(c)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Build()
}

// groupG has members A1 and A2 throughout and A3 from 2000-06-01.
var groupG = Group("G", MembersFunc(func(state, date string) bool {
	switch state {
	case "A1", "A2":
		return true
	case "A3":
		return date >= "2000-06-01"
	}
	return false
}))

func groupMatrix(t testing.TB) *votes.Matrix {
	//                                     A1 A2 A3 X
	return build(t, []string{"A1", "A2", "A3", "X"}, []rc{
		{"2000-01-01", 55, "YNYY"}, // members A1 Y, A2 N (A3 not yet): tie, no position
		{"2000-07-01", 55, "YNYN"}, // Y 2, N 1: G votes Y
		{"2000-08-01", 55, "AAXA"}, // A 2: G abstains
		{"2000-09-01", 55, "XXXY"}, // nobody cast: no position
	})
}

func TestGroupModal(t *testing.T) {
	m := groupMatrix(t)
	// G vs X: roll call 2 (Y,N) and 3 (A,A): n 2, agree 1/2.
	c, err := Positions(m, groupG, State("X"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := table(0, 1, 0, 0, 0, 0, 0, 0, 1); c != want {
		t.Errorf("positions %v, want %v", c, want)
	}
	r, err := CompareWindow(m, groupG, State("X"), Year(2000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 2 || r.Values[0] != (Value{0.5, true}) || r.A != "G" || r.B != "X" {
		t.Errorf("row %+v", r)
	}
	splits, err := Diverge(m, groupG, State("X"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(splits) != 1 || splits[0].Index != 1 || splits[0].A != record.Yes || splits[0].B != record.No {
		t.Errorf("diverge %+v", splits)
	}
}

func TestGroupMeanOfDyads(t *testing.T) {
	m := groupMatrix(t)
	// Dyads of G's members with X, over the roll calls of their membership:
	//  A1-X: (Y,Y) (Y,N) (A,A)  n 3, agree 2/3
	//  A2-X: (N,Y) (N,N) (A,A)  n 3, agree 2/3
	//  A3-X: (Y,N) [from 2000-07-01; X on 08-01 is not cast]  n 1, agree 0
	// mean (2/3 + 2/3 + 0)/3 = 4/9; N = roll calls 1, 2, 3 = 3.
	r, err := CompareWindow(m, groupG, State("X"), Year(2000), Options{MeanOfDyads: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 3 || r.Dyads != 3 || math.Abs(r.Values[0].X-4.0/9) > 1e-15 {
		t.Errorf("row %+v", r)
	}
	// Pooled table: YY 1, YN 2, NY 1, NN 1, AA 2.
	if want := table(1, 2, 0, 1, 1, 0, 0, 0, 2); r.Counts != want {
		t.Errorf("pooled %v, want %v", r.Counts, want)
	}
	// A state against its own group leaves out the dyad with itself:
	// A1 vs G = A1-A2 (Y,N) (Y,N) (A,A) = 1/3 and A1-A3 (Y,Y) = 1: mean 2/3.
	r, err = CompareWindow(m, State("A1"), groupG, Year(2000), Options{MeanOfDyads: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Dyads != 2 || math.Abs(r.Values[0].X-2.0/3) > 1e-15 {
		t.Errorf("A1 vs G %+v", r)
	}
}

func TestMode(t *testing.T) {
	tests := []struct {
		n    [3]int
		want int
		ok   bool
	}{
		{[3]int{2, 1, 0}, 0, true},
		{[3]int{0, 0, 1}, 2, true},
		{[3]int{1, 1, 0}, 0, false},
		{[3]int{1, 2, 2}, 0, false},
		{[3]int{3, 2, 2}, 0, true},
		{[3]int{0, 0, 0}, 0, false},
	}
	for _, tt := range tests {
		if got, ok := mode(tt.n); ok != tt.ok || ok && got != tt.want {
			t.Errorf("mode(%v) = %d, %v", tt.n, got, ok)
		}
	}
}

func TestWindows(t *testing.T) {
	m := build(t, []string{"P", "Q"}, []rc{
		{"1999-12-31", 54, "YY"},
		{"2000-03-01", 54, "YN"},
		{"2000-10-01", 55, "NN"},
		{"2001-05-01", 55, "AY"},
		{"2003-01-01", 57, "YY"},
	})
	ys := Years(m)
	if len(ys) != 4 || ys[0].Label != "1999" || ys[3] != Year(2003) || ys[1].From != "2000-01-01" || ys[1].To != "2000-12-31" {
		t.Errorf("years %+v", ys)
	}
	ss := Sessions(m)
	if len(ss) != 3 || ss[1] != (Window{Label: "55", Session: 55, From: "2000-10-01", To: "2001-05-01"}) {
		t.Errorf("sessions %+v", ss)
	}
	tr, _ := Rolling(m, 3, false)
	ce, _ := Rolling(m, 3, true)
	if tr[1].Label != "1998-2000" || tr[1].Year != 2000 || ce[1].Label != "1999-2001" || ce[3].To != "2004-12-31" {
		t.Errorf("rolling %+v %+v", tr, ce)
	}
	if _, err := Rolling(m, 0, false); err == nil {
		t.Error("want error for a window of 0 years")
	}
	s, err := Compare(m, State("P"), State("Q"), ss, Options{Metrics: []Metric{Agree, S}})
	if err != nil {
		t.Fatal(err)
	}
	// Session 54: YY, YN: agree 1/2, S (1 - 1)/2 = 0
	// Session 55: NN, AY: agree 1/2, S (1 - 0)/2 = 1/2
	// Session 57: YY: 1, 1
	want := []struct {
		n        int
		agree, s float64
	}{{2, 0.5, 0}, {2, 0.5, 0.5}, {1, 1, 1}}
	for i, r := range s.Rows {
		if r.N != want[i].n || r.Values[0].X != want[i].agree || r.Values[1].X != want[i].s {
			t.Errorf("session %s: n %d %v", r.Label, r.N, r.Values)
		}
	}
	if v := s.Value(2, S); v.X != 1 {
		t.Errorf("Series.Value %v", v)
	}
	// Centered 3-year window on 2000 (1999-2001): YY YN NN AY: agree 2/4.
	r, err := CompareWindow(m, State("P"), State("Q"), ce[1], Options{})
	if err != nil || r.N != 4 || r.Values[0].X != 0.5 {
		t.Errorf("centered %+v %v", r, err)
	}
	// Filters come in as a mask.
	mask := m.Select(votes.Filter{From: "2000-01-01", To: "2000-12-31"})
	r, err = CompareWindow(m, State("P"), State("Q"), Period("", ""), Options{Mask: mask})
	if err != nil || r.N != 2 || r.Values[0].X != 0.5 || r.Label != "all dates" {
		t.Errorf("masked %+v %v", r, err)
	}
	_, err = CompareWindow(m, State("P"), State("Q"), Year(2002), Options{})
	if err == nil || err.Error() != "align: no roll calls in window 2002-01-01..2002-12-31 for P and Q" {
		t.Errorf("empty window: %v", err)
	}
	if _, err := CompareWindow(m, State("P"), State("ZZZ"), Year(2000), Options{}); err == nil || !strings.Contains(err.Error(), `unknown state "ZZZ"`) {
		t.Errorf("unknown state: %v", err)
	}
}

func TestPartialDates(t *testing.T) {
	// A record dated "2011" only, as A/RES/66/230 is, belongs to 2011 and
	// counts as 1 January; "1977-05" as 1 May.
	m := build(t, []string{"P", "Q"}, []rc{
		{"2010-12-31", 0, "YY"},
		{"2011", 0, "YN"},
		{"2011-01-01", 0, "YY"},
		{"2011-05", 0, "NN"},
		{"2011-05-02", 0, "AA"},
	})
	tests := []struct {
		w Window
		n int
	}{
		{Year(2011), 4},
		{Period("2011-01-01", "2011-01-01"), 2},
		{Period("2011-01-02", ""), 2},
		{Period("2011-05-01", "2011-05-31"), 2},
		{Period("", "2010-12-31"), 1},
	}
	for _, tt := range tests {
		r, err := CompareWindow(m, State("P"), State("Q"), tt.w, Options{})
		if err != nil || r.N != tt.n {
			t.Errorf("%s: n %d, want %d (%v)", tt.w, r.N, tt.n, err)
		}
	}
}

// TestAllPairsRandom checks AllPairs and Compare against a naive count over
// a random matrix whose windows do not fall on word boundaries.
func TestAllPairsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	states := []string{"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"}
	var rcs []rc
	for i := range 400 {
		y := 1990 + i/90 // 90 roll calls a year: windows straddle words
		v := make([]byte, len(states))
		for s := range v {
			v[s] = ".YNAX"[rng.IntN(5)]
			if s == 6 && y < 1992 {
				v[s] = '.' // GGG joins in 1992
			}
		}
		rcs = append(rcs, rc{fmt.Sprintf("%d-%02d-%02d", y, 1+i%90/8, 1+i%8), 40 + i/70, string(v)})
	}
	m := build(t, states, rcs)
	mask := m.NewMask()
	for i := range m.NumRollCalls() {
		if rng.IntN(4) != 0 {
			mask.Add(i)
		}
	}
	roll, _ := Rolling(m, 2, false)
	windows := append(append(Years(m), Sessions(m)...), roll...)
	tables, err := AllPairs(m, windows, mask)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != len(windows) {
		t.Fatalf("%d tables for %d windows", len(tables), len(windows))
	}
	naive := func(w Window, a, b int) (c Counts) {
		for i, r := range m.RollCalls() {
			if !mask.Has(i) || w.From != "" && r.Date < w.From || w.To != "" && r.Date > w.To || w.Session != 0 && r.Session != w.Session {
				continue
			}
			x, y := m.Vote(i, a).Index(), m.Vote(i, b).Index()
			if x >= 0 && y >= 0 {
				c[x][y]++
			}
		}
		return c
	}
	for wi, w := range windows {
		pairs := tables[wi].Pairs
		k := 0
		if tables[wi].Window != w {
			t.Fatalf("table %d has window %+v, want %+v", wi, tables[wi].Window, w)
		}
		for a := range states {
			for b := a + 1; b < len(states); b++ {
				want := naive(w, a, b)
				if want.N() == 0 {
					continue
				}
				if k >= len(pairs) {
					t.Fatalf("AllPairs ends before %s %s-%s", w.Label, states[a], states[b])
				}
				p := pairs[k]
				k++
				if p.A != states[a] || p.B != states[b] || p.N != want.N() || p.Counts != want {
					t.Fatalf("pair %+v, want %s %s %s %v", p, w.Label, states[a], states[b], want)
				}
				r, err := CompareWindow(m, State(states[a]), State(states[b]), w, Options{Mask: mask, Metrics: Metrics()})
				if err != nil || r.Counts != want {
					t.Fatalf("CompareWindow %s %s-%s: %v %v, want %v", w.Label, states[a], states[b], r.Counts, err, want)
				}
			}
		}
		if k != len(pairs) {
			t.Errorf("%s: AllPairs has %d pairs, want %d", w.Label, len(pairs), k)
		}
	}
}

func TestBootstrap(t *testing.T) {
	// 30 roll calls all yes-yes: every replicate agrees fully, CI [1, 1].
	var rcs []rc
	for i := range 30 {
		rcs = append(rcs, rc{fmt.Sprintf("2010-01-%02d", 1+i), 64, "YY"})
	}
	m := build(t, []string{"P", "Q"}, rcs)
	o := Options{Metrics: []Metric{Agree, Kappa}, Bootstrap: true, Seed: 7}
	r, err := CompareWindow(m, State("P"), State("Q"), Year(2010), o)
	if err != nil {
		t.Fatal(err)
	}
	if ci := r.CI[0]; ci != (Interval{Lo: 1, Hi: 1, Defined: true, Reps: DefaultReplicates}) {
		t.Errorf("all-agree CI %+v", ci)
	}
	// Kappa is undefined on every replicate (expected agreement 1).
	if ci := r.CI[1]; ci.Defined || r.Values[1].Defined {
		t.Errorf("kappa CI %+v value %v", ci, r.Values[1])
	}

	// Half agree, half opposite: the point estimate lies within the
	// interval and the same seed gives the same interval.
	rcs = rcs[:0]
	for i := range 40 {
		rcs = append(rcs, rc{fmt.Sprintf("2010-02-%02d", 1+i%28), 64, []string{"YY", "YN"}[i%2]})
	}
	m = build(t, []string{"P", "Q"}, rcs)
	o = Options{Bootstrap: true, Replicates: 2000, Level: 0.9, Seed: 1}
	r1, _ := CompareWindow(m, State("P"), State("Q"), Year(2010), o)
	r2, _ := CompareWindow(m, State("P"), State("Q"), Year(2010), o)
	ci := r1.CI[0]
	if !(ci.Lo < 0.5 && 0.5 < ci.Hi) || ci.Reps != 2000 || ci != r2.CI[0] {
		t.Errorf("CIs %+v %+v", ci, r2.CI[0])
	}
	// Binomial(40, 1/2)/40 has sd 0.079: a 90% interval is about ±0.13.
	if w := ci.Hi - ci.Lo; w < 0.2 || w > 0.32 {
		t.Errorf("90%% CI width %v", w)
	}

	// A state against itself always agrees: [1, 1] too.
	gm := groupMatrix(t)
	r, err = CompareWindow(gm, State("A1"), State("A1"), Year(2000), Options{Bootstrap: true, MeanOfDyads: true})
	if err != nil || r.CI[0] != (Interval{Lo: 1, Hi: 1, Defined: true, Reps: DefaultReplicates}) {
		t.Errorf("self CI %+v %v", r.CI, err)
	}
	r, err = CompareWindow(gm, groupG, State("X"), Year(2000), Options{Bootstrap: true, MeanOfDyads: true})
	if err != nil || !(r.CI[0].Lo <= r.Values[0].X && r.Values[0].X <= r.CI[0].Hi) {
		t.Errorf("dyads CI %+v %v", r, err)
	}
}

func TestNeighbours(t *testing.T) {
	m := build(t, []string{"P", "Q", "R", "S"}, []rc{
		{"2005-01-01", 0, "YYNY"},
		{"2005-02-01", 0, "NNNY"},
		{"2005-03-01", 0, "AYNX"},
		{"2005-04-01", 0, "YYY."},
	})
	// P-Q: 3 of 4; P-R: 2 of 4; P-S: 1 of 2.
	most, least, err := Neighbours(m, State("P"), Year(2005), 2, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(most) != 2 || most[0].B != "Q" || most[1].B != "R" || len(least) != 2 || least[0].B != "R" || least[1].B != "S" {
		t.Errorf("most %+v\nleast %+v", most, least)
	}
	// R and S tie at 1/2; R comes first on its larger N.
	if most[1].Values[0].X != 0.5 || least[0].N != 4 {
		t.Errorf("ties %+v %+v", most[1], least[0])
	}
}

func TestDivergeOrder(t *testing.T) {
	// Tallies over the four states: roll call 0 Y3 N1: margin |3-1| = 2;
	// 1: Y2 N2: 0; 2: Y2 N1 A1: 0; 3: Y4: agreement, left out.
	m := build(t, []string{"P", "Q", "R", "S"}, []rc{
		{"2005-01-01", 0, "YNYY"},
		{"2005-02-01", 0, "YNYN"},
		{"2005-03-01", 0, "YNAY"},
		{"2005-04-01", 0, "YYYY"},
	})
	got, err := Diverge(m, State("P"), State("Q"), nil)
	if err != nil {
		t.Fatal(err)
	}
	var idx []int
	for _, s := range got {
		idx = append(idx, s.Index)
	}
	if fmt.Sprint(idx) != "[1 2 0]" || got[0].Margin != 0 || got[2].Margin != 2 || got[0].RollCall.Tally.No != 2 {
		t.Errorf("diverge %v %+v", idx, got)
	}
}
