package main

import (
	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/store/storetest"

	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	briefOnce sync.Once
	briefDB   string
	briefErr  string
)

// realBriefDB returns a store of the real GA and SC records and vetoes, with
// an ideal-point fit named brief-test, built once for this package's tests
// (or $BLOCWATCH_BENCH_DB if set). It skips without the data unless CI=true.
func realBriefDB(t *testing.T) string {
	t.Helper()
	if db := os.Getenv("BLOCWATCH_BENCH_DB"); db != "" {
		briefOnce.Do(func() {
			if code, _, stderr := blocwatch(t, "--db", db, "-q", "ideal", "fit", "--from", "2012", "--name", "brief-test"); code != 0 {
				briefErr = stderr
			}
			briefDB = db
		})
	} else {
		realdata.Dir(t) // skips without the data, fails under CI
		briefOnce.Do(func() {
			// A copy that outlives the first test: the fit is written into it.
			data, err := os.ReadFile(storetest.Of(t, "undl", "vetoes"))
			if err != nil {
				briefErr = err.Error()
				return
			}
			dir, err := os.MkdirTemp("", "blocwatch-brief")
			if err != nil {
				briefErr = err.Error()
				return
			}
			db := filepath.Join(dir, "real.db")
			if err := os.WriteFile(db, data, 0o644); err != nil {
				briefErr = err.Error()
				return
			}
			if code, _, stderr := blocwatch(t, "--db", db, "-q", "ideal", "fit", "--from", "2012", "--name", "brief-test"); code != 0 {
				briefErr = stderr
				return
			}
			briefDB = db
		})
	}
	if briefErr != "" {
		t.Fatal(briefErr)
	}
	return briefDB
}

func runJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	code, out, stderr := blocwatch(t, append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// command splits a reproduce command of the brief into arguments, without
// the leading "blocwatch".
func command(t *testing.T, db, c string) []string {
	t.Helper()
	f := strings.Fields(c)
	if len(f) < 2 || f[0] != "blocwatch" {
		t.Fatalf("command %q", c)
	}
	return append([]string{"--db", db}, f[1:]...)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// TestBriefPairMatchesCommands checks that every number of
// `brief PRK RUS --from 2022 --baseline 2014-2017 --format json` equals what
// align, neighbours, ideal show and vetoes print for the same window, by
// running the commands the brief names.
func TestBriefPairMatchesCommands(t *testing.T) {
	db := realBriefDB(t)
	var b struct {
		AgreeNow, AgreeBase, KappaNow, KappaBase struct {
			Value, Lo, Hi *float64
			N             int
			Command       string
		}
		Ranks []struct {
			Of, Partner string
			Rank, Among int
			Agree       *float64
			N           int
			Command     string
		}
		Ideal []struct {
			State    string
			FromYear int `json:"from_year"`
			ToYear   int `json:"to_year"`
			From, To *float64
			Command  string
		} `json:"ideal_points"`
		Series []struct {
			Year  int
			Agree *float64
			N     int
		}
		SeriesCmd string `json:"series_command"`
		Vetoes    []struct {
			Date, Draft string
		}
		VetoCommands []string `json:"veto_commands"`
		Joined       []struct{ Symbol, Link string }
		Headlines    []struct{ Text, Command string }
	}
	runJSON(t, &b, "--db", db, "brief", "PRK", "RUS", "--from", "2022", "--baseline", "2014-2017", "--fit", "brief-test")
	// Field names in the JSON are snake case; map the ones that differ.
	var raw map[string]json.RawMessage
	runJSON(t, &raw, "--db", db, "brief", "PRK", "RUS", "--from", "2022", "--baseline", "2014-2017", "--fit", "brief-test")
	for k, dst := range map[string]any{"agree_now": &b.AgreeNow, "agree_baseline": &b.AgreeBase, "kappa_now": &b.KappaNow, "kappa_baseline": &b.KappaBase} {
		if err := json.Unmarshal(raw[k], dst); err != nil {
			t.Fatal(k, err)
		}
	}
	if b.AgreeNow.Value == nil || b.AgreeNow.N == 0 {
		t.Fatalf("no agreement in the brief: %+v", b.AgreeNow)
	}

	// align, for the period and the baseline.
	for _, pair := range [][2]any{{&b.AgreeNow, &b.KappaNow}, {&b.AgreeBase, &b.KappaBase}} {
		ag := pair[0].(*struct {
			Value, Lo, Hi *float64
			N             int
			Command       string
		})
		kp := pair[1].(*struct {
			Value, Lo, Hi *float64
			N             int
			Command       string
		})
		var rows []map[string]any
		runJSON(t, &rows, command(t, db, ag.Command)...)
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows", ag.Command, len(rows))
		}
		r := rows[0]
		if int(r["n"].(float64)) != ag.N || !near(r["agree"].(float64), *ag.Value) || !near(r["agree_lo"].(float64), *ag.Lo) || !near(r["agree_hi"].(float64), *ag.Hi) ||
			!near(r["kappa"].(float64), *kp.Value) || !near(r["kappa_lo"].(float64), *kp.Lo) || !near(r["kappa_hi"].(float64), *kp.Hi) {
			t.Errorf("%s:\n align %v\n brief agree %v %v %v kappa %v %v %v n %d", ag.Command, r, *ag.Value, *ag.Lo, *ag.Hi, *kp.Value, *kp.Lo, *kp.Hi, ag.N)
		}
	}

	// align --by year, for the series.
	var series []map[string]any
	runJSON(t, &series, command(t, db, b.SeriesCmd)...)
	if len(series) != len(b.Series) {
		t.Fatalf("series: align has %d years, the brief %d", len(series), len(b.Series))
	}
	for i, r := range series {
		if int(r["year"].(float64)) != b.Series[i].Year || int(r["n"].(float64)) != b.Series[i].N || !near(r["agree"].(float64), *b.Series[i].Agree) {
			t.Errorf("series %d: align %v, brief %+v", i, r, b.Series[i])
		}
	}

	// neighbours, for the ranks.
	if len(b.Ranks) != 2 {
		t.Fatalf("ranks: %+v", b.Ranks)
	}
	for _, rk := range b.Ranks {
		var rows []map[string]any
		runJSON(t, &rows, command(t, db, rk.Command)...)
		found := false
		for _, r := range rows {
			if r["side"] == "most" && r["state"] == rk.Partner {
				found = true
				if int(r["rank"].(float64)) != rk.Rank || int(r["n"].(float64)) != rk.N || !near(r["agree"].(float64), *rk.Agree) {
					t.Errorf("%s: neighbours %v, brief %+v", rk.Command, r, rk)
				}
			}
		}
		if !found || rk.Rank == 0 {
			t.Errorf("%s: %s not ranked (brief %+v)", rk.Command, rk.Partner, rk)
		}
	}

	// ideal show, for the positions.
	if len(b.Ideal) != 2 {
		t.Fatalf("ideal points: %+v", b.Ideal)
	}
	for _, mv := range b.Ideal {
		var pts []struct {
			State string
			Year  int
			X     float64
		}
		runJSON(t, &pts, command(t, db, mv.Command)...)
		got := map[int]float64{}
		for _, p := range pts {
			got[p.Year] = p.X
		}
		if x, ok := got[mv.ToYear]; !ok || mv.To == nil || !near(x, *mv.To) {
			t.Errorf("%s: %d is %v in ideal show, %v in the brief", mv.Command, mv.ToYear, x, mv.To)
		}
	}

	// vetoes, for the Security Council record.
	want := map[string]bool{}
	for _, c := range b.VetoCommands {
		var vs []struct{ Date, Draft string }
		runJSON(t, &vs, command(t, db, c)...)
		for _, v := range vs {
			want[v.Date+" "+v.Draft] = true
		}
	}
	if len(want) != len(b.Vetoes) || len(want) == 0 {
		t.Errorf("vetoes: the commands give %d, the brief %d", len(want), len(b.Vetoes))
	}
	for _, v := range b.Vetoes {
		if !want[v.Date+" "+v.Draft] {
			t.Errorf("veto %s %s is not in %v", v.Date, v.Draft, b.VetoCommands)
		}
	}
	if !want["2022-05-26 S/2022/431"] {
		t.Errorf("the double veto on DPRK sanctions (S/2022/431) is missing")
	}

	// The Markdown and HTML hold A/RES/ES-11/1 with its link.
	for _, f := range []string{"md", "html"} {
		code, out, stderr := blocwatch(t, "--db", db, "brief", "PRK", "RUS", "--from", "2022", "--baseline", "2014-2017", "--format", f)
		if code != 0 {
			t.Fatalf("%s: %s", f, stderr)
		}
		if !strings.Contains(out, "A/RES/ES-11/1") || !strings.Contains(out, "https://undocs.org/A/RES/ES-11/1") {
			t.Errorf("%s brief does not hold A/RES/ES-11/1 with its link", f)
		}
	}
}

func TestBriefRollCall(t *testing.T) {
	db := realBriefDB(t)
	var b struct {
		No, Abstain, Six []struct{ State, Name, Vote string }
		Related          []struct{ Symbol string }
	}
	runJSON(t, &b, "--db", db, "brief", "A/RES/ES-11/1")
	var no []string
	for _, s := range b.No {
		no = append(no, s.State)
	}
	if strings.Join(no, " ") != "BLR ERI PRK RUS SYR" {
		t.Errorf("voted no: %v, want BLR ERI PRK RUS SYR", no)
	}
	abst := map[string]string{}
	for _, s := range b.Abstain {
		abst[s.State] = s.Name
	}
	for _, s := range []string{"CHN", "IND", "IRN"} {
		if abst[s] == "" {
			t.Errorf("%s is not among the abstentions", s)
		}
	}
	if len(b.Abstain) != 35 {
		t.Errorf("%d abstentions, want 35", len(b.Abstain))
	}
	six := map[string]string{}
	for _, s := range b.Six {
		six[s.State] = s.Vote
	}
	if six["PRK"] != "N" || six["RUS"] != "N" || six["CHN"] != "A" || six["USA"] != "Y" || six["JPN"] != "Y" || six["KOR"] != "Y" {
		t.Errorf("the six: %v", six)
	}
	if len(b.Related) < 2 || b.Related[1].Symbol != "A/RES/ES-11/2" {
		t.Errorf("related: %+v", b.Related)
	}
	code, out, _ := blocwatch(t, "--db", db, "brief", "A/RES/ES-11/1")
	for _, want := range []string{"Belarus", "Eritrea", "China (CHN)", "India (IND)", "Iran (Islamic Republic of) (IRN)", "https://undocs.org/A/ES-11/L.1"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("Markdown brief lacks %q", want)
		}
	}
}

func TestBriefGroups(t *testing.T) {
	db := realBriefDB(t)
	var raw map[string]json.RawMessage
	runJSON(t, &raw, "--db", db, "brief", "KOREA-WEST", "KOREA-EAST", "--from", "2022", "--to", "2025", "--baseline", "2014-2017")
	var camp struct {
		Preset  string
		Exact   []struct{ Year, N, Exact int } `json:"exact_splits"`
		Note    string
		Command string
	}
	if err := json.Unmarshal(raw["camp"], &camp); err != nil {
		t.Fatal(err)
	}
	if camp.Preset != "korea" || len(camp.Exact) != 12 || camp.Exact[0].Year != 2014 || camp.Exact[11].Year != 2025 || !strings.HasPrefix(camp.Note, "In 2014-2025, KOREA-WEST and KOREA-EAST") {
		t.Fatalf("camp context: %+v", camp)
	}
	var rows []struct {
		Year     int `json:"year"`
		N, Exact int
	}
	runJSON(t, &rows, command(t, db, camp.Command)...)
	if len(rows) != len(camp.Exact) {
		t.Fatalf("%s: %d years, the brief %d", camp.Command, len(rows), len(camp.Exact))
	}
	for i := range rows {
		if rows[i].Year != camp.Exact[i].Year || rows[i].N != camp.Exact[i].N || rows[i].Exact != camp.Exact[i].Exact {
			t.Errorf("%s: %+v, the brief %+v", camp.Command, rows[i], camp.Exact[i])
		}
	}
	// The Security Council record against diverge --body SC.
	var sc struct {
		N   int    `json:"council_split_count"`
		Cmd string `json:"council_command"`
	}
	runJSON(t, &sc, "--db", db, "brief", "USA", "RUS", "--from", "2018", "--to", "2021")
	var splits []map[string]any
	runJSON(t, &splits, command(t, db, sc.Cmd)...)
	if sc.N == 0 || len(splits) != sc.N {
		t.Errorf("%s: %d roll calls, the brief %d", sc.Cmd, len(splits), sc.N)
	}
	// Bad arguments.
	if code, _, _ := blocwatch(t, "--db", db, "brief", "PRK", "NOWHERE"); code != exitUsage {
		t.Errorf("unknown side: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := blocwatch(t, "--db", db, "brief", "PRK", "RUS", "--format", "csv"); code != exitUsage {
		t.Errorf("--format csv: exit %d, want %d", code, exitUsage)
	}
	code, out, _ := blocwatch(t, "--db", db, "brief", "S/2022/431")
	if code != 0 || !strings.Contains(out, "vetoed by CHN RUS") || !strings.Contains(out, "https://undocs.org/S/PV.9048") {
		t.Errorf("brief S/2022/431 (a vetoed draft): exit %d\n%s", code, out)
	}
	if code, _, _ := blocwatch(t, "--db", db, "brief", "A/RES/NO/SUCH"); code != exitNotFound {
		t.Errorf("unknown symbol: exit %d, want %d", code, exitNotFound)
	}
}

// TestAlignAroundReal runs `align PRK RUS --around 2023-09-13 --months 24`:
// both periods with their n, and the z-test recomputed from them.
func TestAlignAroundReal(t *testing.T) {
	db := realBriefDB(t)
	var r struct {
		Before, After struct {
			From, To string
			N        int
			Agree    float64
		}
		Test struct {
			X1, N1, X2, N2 int
			Z, P           float64
		}
	}
	runJSON(t, &r, "--db", db, "align", "PRK", "RUS", "--around", "2023-09-13", "--months", "24")
	if r.Before.From != "2021-09-13" || r.Before.To != "2023-09-12" || r.After.From != "2023-09-13" || r.After.To != "2025-09-12" {
		t.Errorf("periods %+v %+v", r.Before, r.After)
	}
	if r.Before.N < 100 || r.After.N < 100 || r.Test.N1 != r.Before.N || r.Test.N2 != r.After.N {
		t.Errorf("n: before %d, after %d, test %+v", r.Before.N, r.After.N, r.Test)
	}
	p1, p2 := float64(r.Test.X1)/float64(r.Test.N1), float64(r.Test.X2)/float64(r.Test.N2)
	if !near(p1, r.Before.Agree) || !near(p2, r.After.Agree) {
		t.Errorf("agreement %v %v, test shares %v %v", r.Before.Agree, r.After.Agree, p1, p2)
	}
	p := float64(r.Test.X1+r.Test.X2) / float64(r.Test.N1+r.Test.N2)
	z := (p2 - p1) / math.Sqrt(p*(1-p)*(1/float64(r.Test.N1)+1/float64(r.Test.N2)))
	if math.Abs(z-r.Test.Z) > 1e-9 || r.Test.P <= 0 || r.Test.P > 1 {
		t.Errorf("z %v, want %v (p %v)", r.Test.Z, z, r.Test.P)
	}
	// The same by the event's title.
	var r2 struct{ Event struct{ Date string } }
	runJSON(t, &r2, "--db", db, "align", "PRK", "RUS", "--around", "Vostochny", "--months", "24")
	if r2.Event.Date != "2023-09-13" {
		t.Errorf("--around Vostochny: event %+v", r2.Event)
	}
}
