package blocs

import (
	"math"
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
)

func near(v align.Value, x float64) bool { return v.Defined && math.Abs(v.X-x) < 1e-12 }

func TestCampsByHand(t *testing.T) {
	// Camp A: AAA, AAB; camp B: BBA, BBB; and OUT, in no camp. Ten roll
	// calls in 2001.
	m := matrixOf(t, days(10, 2001), nil,
		"AAA YYYYYYYYYY",
		"AAB YYYYYYYYNN", // agrees with AAA on 8
		"BBA NNNNNNNNNN",
		"BBB NNNNNNNNYY", // agrees with BBA on 8
		"OUT YYYYYNNNNN",
	)
	a := align.Group("A", align.MembersFunc(func(s, d string) bool { return s == "AAA" || s == "AAB" }))
	b := align.Group("B", align.MembersFunc(func(s, d string) bool { return s == "BBA" || s == "BBB" }))
	rows, err := Camps(m, a, b, []align.Window{align.Year(2001)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	// Cohesion: A .8, B .8. Between: AAA-BBA 0, AAA-BBB .2, AAB-BBA .2,
	// AAB-BBB 0: mean .1, distance .9. Agreement of the ten pairs of
	// states: AAA-AAB .8, AAA-BBA 0, AAA-BBB .2, AAA-OUT .5, AAB-BBA .2,
	// AAB-BBB 0, AAB-OUT .7, BBA-BBB .8, BBA-OUT .5, BBB-OUT .3: mean .4,
	// so the spread is .6, the ratio .9/.6 = 1.5 and the separation
	// (.8 − .1)/.6.
	if !near(r.CohesionA, 0.8) || !near(r.CohesionB, 0.8) || !near(r.Between, 0.1) || !near(r.Distance, 0.9) {
		t.Errorf("cohesion %v %v, between %v, distance %v", r.CohesionA, r.CohesionB, r.Between, r.Distance)
	}
	if !near(r.Spread, 0.6) || !near(r.Ratio, 1.5) || !near(r.Separation, (0.8-0.1)/0.6) || !r.Split {
		t.Errorf("spread %v, ratio %v, separation %v, split %v", r.Spread, r.Ratio, r.Separation, r.Split)
	}
	if r.DyadsA != 1 || r.DyadsB != 1 || r.DyadsAB != 4 || r.N != 10 {
		t.Errorf("dyads %d %d %d, n %d", r.DyadsA, r.DyadsB, r.DyadsAB, r.N)
	}

	// A state against a group: no cohesion for the state, so no split.
	rows, err = Camps(m, align.State("OUT"), b, []align.Window{align.Year(2001)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// OUT-BBA .5, OUT-BBB .3: between .4.
	if r := rows[0]; r.CohesionA.Defined || !near(r.CohesionB, 0.8) || !near(r.Between, 0.4) || r.Split || r.Separation.Defined {
		t.Errorf("state against group: %+v", r)
	}
}

func TestCampsDatedMembership(t *testing.T) {
	// B2 joins camp B in 2002; in 2001 camp B has one member and no
	// cohesion.
	dates := append(days(4, 2001), days(4, 2002)...)
	m := matrixOf(t, dates, nil,
		"A1 YYYYYYYY", "A2 YYYYYYYN",
		"B1 NNNNNNNN", "B2 NNNNNNNN",
	)
	a := align.Group("A", align.MembersFunc(func(s, d string) bool { return s == "A1" || s == "A2" }))
	b := align.Group("B", align.MembersFunc(func(s, d string) bool { return s == "B1" || s == "B2" && d >= "2002-01-01" }))
	rows, err := Camps(m, a, b, []align.Window{align.Year(2001), align.Year(2002)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].CohesionB.Defined || rows[0].Split || !near(rows[1].CohesionB, 1) || !rows[1].Split {
		t.Errorf("rows %+v", rows)
	}
	if k := SplitSince(rows); k != 1 {
		t.Errorf("SplitSince = %d, want 1", k)
	}
	if k := SplitSince(rows[:1]); k != -1 {
		t.Errorf("SplitSince of an unsplit window = %d", k)
	}
}

func TestPresets(t *testing.T) {
	p, err := LookupPreset("Korea")
	if err != nil || p.A != "KOREA-WEST" || p.B != "KOREA-EAST" {
		t.Errorf("korea: %+v %v", p, err)
	}
	if _, err := LookupPreset("nato-warsaw"); err == nil {
		t.Error("unknown preset accepted")
	}
}

func TestMovers(t *testing.T) {
	// Four roll calls a year, 2001-2004, with recurring titles (the third
	// carries the year, which TitleKey drops). Periods 2001-2002 and
	// 2003-2004.
	var dates, titles []string
	for _, y := range []string{"2001", "2002", "2003", "2004"} {
		for _, d := range []string{"-03-01", "-06-01", "-09-01", "-12-01"} {
			dates = append(dates, y+d)
		}
		titles = append(titles, "Item a : resolution / adopted by the General Assembly", "Item b", "Item c "+y, "Item d")
	}
	m := matrixOf(t, dates, titles,
		"REF YNYY YNYY YNYY YNYY",
		"MOV YYYY YYYY NNNY NNNY", // .75 then .5: a and c away, b toward
		"STA YNYN YNYN YNYN YNYN", // .75 throughout
		"TWD NYNN NYNN YNYY YNYY", // 0 then 1
	)
	from, to := align.Period("2001-01-01", "2002-12-31"), align.Period("2003-01-01", "2004-12-31")
	res, err := FindMovers(m, StateReference("REF"), from, to, 5, Options{MinN: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Toward) != 1 || len(res.Away) != 1 {
		t.Fatalf("toward %+v, away %+v", res.Toward, res.Away)
	}
	twd, mov := res.Toward[0], res.Away[0]
	if twd.State != "TWD" || twd.Change != 1 || len(twd.Switches) != 4 || mov.State != "MOV" || mov.Change != -0.25 {
		t.Errorf("toward %+v, away %+v", twd, mov)
	}
	var got []string
	for _, s := range mov.Switches {
		got = append(got, s.Key)
	}
	if !slices.Equal(got, []string{"ITEM A", "ITEM C", "ITEM B"}) {
		t.Errorf("switches of MOV: %v", got)
	}
	s := mov.Switches[0]
	want := Switch{Key: "ITEM A", Title: "Item a", Toward: false, FromN: 2, ToN: 2, FromMatch: 1, ToMatch: 0,
		FromState: record.Yes, FromRef: record.Yes, ToState: record.No, ToRef: record.Yes, FromSymbol: "A/RES/5", ToSymbol: "A/RES/13"}
	if s != want {
		t.Errorf("switch\n got %+v\nwant %+v", s, want)
	}
	if !mov.Switches[2].Toward {
		t.Error("item b is a switch toward REF")
	}
	if _, err := FindMovers(m, StateReference("REF"), from, to, 5, Options{MinN: 50}); err == nil {
		t.Error("no state with 50 roll calls, but no error")
	}
}

// TestGroupReferenceVotes checks that a group reference votes as
// package align's group side: the cross-tables agree.
func TestGroupReferenceVotes(t *testing.T) {
	m, _ := planted(t, 4, []int{4, 3}, 200, 0.6)
	in := map[string]bool{"S000": true, "S001": true, "S002": true, "S100": true}
	g := align.MembersFunc(func(s, d string) bool { return in[s] || s == "S101" && d >= "2001-05-01" })
	ref := GroupReference("G", g)
	rv, err := ref.votes(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range m.States() {
		want, err := align.Positions(m, ref.Side(), align.State(st), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got align.Counts
		s, _ := m.State(st)
		for i := range rv {
			x, y := slices.Index(castVotes[:], rv[i]), slices.Index(castVotes[:], m.Vote(i, s))
			if rv[i] != 0 && x >= 0 && y >= 0 {
				got[x][y]++
			}
		}
		if got != want {
			t.Errorf("%s: cross-table %v, align %v", st, got, want)
		}
	}
}

func TestTitleKey(t *testing.T) {
	for in, want := range map[string]string{
		"Situation of human rights in the Democratic People’s Republic of Korea : resolution / adopted by the General Assembly":     "SITUATION OF HUMAN RIGHTS IN THE DEMOCRATIC PEOPLES REPUBLIC OF KOREA",
		"Situation of human rights in the Democratic People's Republic of Korea":                                                    "SITUATION OF HUMAN RIGHTS IN THE DEMOCRATIC PEOPLES REPUBLIC OF KOREA",
		"Credentials of representatives to the 66th session of the General Assembly : resolution / adopted by the General Assembly": "CREDENTIALS OF REPRESENTATIVES TO THE SESSION OF THE GENERAL ASSEMBLY",
		"Promotion of multilateralism in the area of disarmament and non‑proliferation":                                             "PROMOTION OF MULTILATERALISM IN THE AREA OF DISARMAMENT AND NON PROLIFERATION",
		"": "",
	} {
		if got := TitleKey(in); got != want {
			t.Errorf("TitleKey(%q) = %q, want %q", in, got, want)
		}
	}
}
