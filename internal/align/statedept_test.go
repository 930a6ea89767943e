package align

import (
	"encoding/csv"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// readVotes builds a matrix from a hand-made CSV of date and one column of
// votes per state (Y, N, A, X for absent, . for not a member); lines that
// start with # are comments.
func readVotes(t *testing.T, path string) *votes.Matrix {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	b := votes.NewBuilder()
	for k, rec := range recs[1:] {
		i := b.AddRollCall(votes.RollCall{ID: int64(k), Body: record.GA, Date: rec[0], Resolution: "R" + rec[0]})
		for s, v := range rec[1:] {
			if v == "." {
				continue
			}
			if err := b.Add(i, recs[0][1+s], record.Vote(v[0])); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.Build()
}

// TestStateDept checks each of the State Department's rules by hand on
// testdata/statedept.csv: in each year the US and OTH have the same three
// votes (YY NN AA), two opposite (YN NY), two partial (YA AN), OTH absent
// twice while the US voted (YX NX), the US absent once while OTH voted
// (XY), and OTH not a member once.
func TestStateDept(t *testing.T) {
	m := readVotes(t, "testdata/statedept.csv")
	tests := []struct {
		w    Window
		rule Metric
		want float64 // NaN: undefined
	}{
		// Up to 2016: SAME/(SAME+OPPOSITE) over yes/no pairs only:
		// (YY 1 + NN 1)/(2 + YN 1 + NY 1) = 2/4.
		{Year(2016), Coincidence, 0.5},
		// 2017-2020: (SAME + PARTIAL/2)/(SAME+OPPOSITE+PARTIAL), SAME
		// counting both abstaining: (3 + 2/2)/(3+2+2) = 4/7; absences
		// left out.
		{Year(2018), AgreeHalf, 4.0 / 7},
		// 2021 follows 2017-2020.
		{Year(2021), AgreeHalf, 4.0 / 7},
		// From 2022 an absence counts half, over every roll call on which
		// one voted: (3 + (2 partial + 3 absent)/2)/(3+2+2+3) = 5.5/10.
		{Year(2023), CoincidenceAbsentHalf, 0.55},
		// One rule over several years: (6 + 4/2)/14.
		{Period("2017-01-01", "2021-12-31"), AgreeHalf, 4.0 / 7},
		// Across a change of rule: undefined.
		{Period("2016-01-01", "2018-12-31"), 0, math.NaN()},
		{Period("2020-01-01", ""), 0, math.NaN()},
	}
	for _, tt := range tests {
		r, err := CompareWindow(m, State("USA"), State("OTH"), tt.w, Options{Metrics: []Metric{StateDept, tt.rule}})
		if err != nil {
			t.Fatalf("%s: %v", tt.w, err)
		}
		got := r.Values[0]
		if math.IsNaN(tt.want) {
			if got.Defined {
				t.Errorf("%s: statedept = %v, want NA", tt.w, got)
			}
			continue
		}
		if !got.Defined || math.Abs(got.X-tt.want) > 1e-15 {
			t.Errorf("%s: statedept = %v, want %v", tt.w, got, tt.want)
		}
		if rule, ok := StateDeptRuleOf(tt.w); !ok || rule != tt.rule || r.Values[1] != got {
			t.Errorf("%s: rule %v (%v) = %v, want %v = statedept", tt.w, rule, ok, r.Values[1], tt.rule)
		}
	}

	// The same through AllPairs, by year, as matrix --metric statedept.
	tables, err := AllPairs(m, Years(m), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tb := range tables {
		for _, p := range tb.Pairs {
			got = append(got, tb.Label+" "+p.A+" "+p.B+" "+p.Counts.MeasureIn(StateDept, tb.Window).String())
		}
	}
	want := "2016 OTH USA 0.5|2018 OTH USA 0.5714285714285714|2021 OTH USA 0.5714285714285714|2023 OTH USA 0.55"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("AllPairs statedept:\n got %s\nwant %s", g, want)
	}
}

func TestStateDeptRule(t *testing.T) {
	for y, want := range map[int]Metric{1946: Coincidence, 1983: Coincidence, 2016: Coincidence, 2017: AgreeHalf, 2020: AgreeHalf, 2021: AgreeHalf, 2022: CoincidenceAbsentHalf, 2026: CoincidenceAbsentHalf} {
		if got := StateDeptRule(y); got != want {
			t.Errorf("StateDeptRule(%d) = %v, want %v", y, got, want)
		}
	}
}

// TestAbsencesDyadsBootstrap checks the absence-counting measure for a group
// as the mean of its member dyads, and that the bootstrap resamples the roll
// calls with an absence too.
func TestAbsencesDyadsBootstrap(t *testing.T) {
	// 2023: P and Q against R. P: YY YA YX; Q: NY XY AY (Q absent once).
	m := build(t, []string{"P", "Q", "R"}, []rc{
		{"2023-01-01", 77, "YNY"},
		{"2023-01-02", 77, "YXY"},
		{"2023-01-03", 77, "AAY"},
		{"2023-01-04", 77, "XYY"},
	})
	g := Group("G", MembersFunc(func(s, _ string) bool { return s == "P" || s == "Q" }))
	o := Options{Metrics: []Metric{CoincidenceAbsentHalf, StateDept}, MeanOfDyads: true}
	r, err := CompareWindow(m, g, State("R"), Year(2023), o)
	if err != nil {
		t.Fatal(err)
	}
	// P-R: YY, YY, AY, XY: (2 + (1 + 1)/2)/4 = 0.75.
	// Q-R: NY, XY, AY, YY: (1 + (1 + 1)/2)/4 = 0.5. Mean 0.625.
	for k := range o.Metrics {
		if v := r.Values[k]; !v.Defined || math.Abs(v.X-0.625) > 1e-15 {
			t.Errorf("%s: %v, want 0.625", o.Metrics[k], v)
		}
	}
	o.Bootstrap, o.Replicates, o.Seed = true, 200, 1
	r, err = CompareWindow(m, State("P"), State("R"), Year(2023), o)
	if err != nil {
		t.Fatal(err)
	}
	// Resampling the four roll calls of P-R (one with P absent) gives
	// values between 0.5 (all AY or XY) and 1 (all YY).
	if ci := r.CI[0]; !ci.Defined || ci.Lo < 0.5 || ci.Hi > 1 || ci.Lo >= ci.Hi || r.Values[0].X != 0.75 {
		t.Errorf("P-R %v, interval %+v", r.Values[0], ci)
	}
}

func TestCoincidenceAbsentHalfExample(t *testing.T) {
	// docs/alignment.md, worked example, with B absent on two roll calls
	// on which A voted yes: (7 + (2 + 2)/2)/(10 + 2) = 0.75.
	c := table(4, 1, 1, 0, 2, 0, 1, 0, 1)
	c[iYes][iAbsent] = 2
	if v := c.CoincidenceAbsentHalf(); v.X != 0.75 || c.Absent() != 2 || c.N() != 10 {
		t.Errorf("coincidence-absent-half %v, absent %d, n %d", v, c.Absent(), c.N())
	}
	if v := c.AgreeHalf(); v.X != 0.8 {
		t.Errorf("agree-half %v: absences must not count", v)
	}
}
