package main

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store/storetest"
)

// rawRollCall is one roll call of the GA file as a plain loop reads it.
type rawRollCall struct {
	date, session, symbol string
	votes                 map[string]string // ms_code -> Y N A X
}

// readRawGA reads the GA file row by row into roll calls (undl_id, or
// symbol and date).
func readRawGA(t *testing.T) []*rawRollCall {
	t.Helper()
	byKey := map[string]*rawRollCall{}
	var out []*rawRollCall
	eachGARow(t, func(rec []string, col map[string]int) {
		k := rec[col["undl_id"]] + "|" + rec[col["resolution"]] + "|" + rec[col["date"]]
		rc := byKey[k]
		if rc == nil {
			rc = &rawRollCall{date: rec[col["date"]], session: rec[col["session"]], symbol: rec[col["resolution"]], votes: map[string]string{}}
			byKey[k] = rc
			out = append(out, rc)
		}
		v := rec[col["ms_vote"]]
		if v == "" || v == "NV" {
			v = "X"
		}
		rc.votes[rec[col["ms_code"]]] = v
	})
	return out
}

// naiveStateDept computes, year by year, the State Department's coincidence
// of the US with state s by the report's rule of the year, from the raw
// rows: same, opposite, partial and absent counted one roll call at a time.
func naiveStateDept(rcs []*rawRollCall, s string) map[int][2]float64 {
	type tally struct{ same, opp, partial, absent, sameYN, n float64 }
	by := map[int]*tally{}
	for _, rc := range rcs {
		u, ok1 := rc.votes["USA"]
		o, ok2 := rc.votes[s]
		if !ok1 || !ok2 || u == "X" && o == "X" {
			continue
		}
		y := record.YearOf(rc.date)
		t := by[y]
		if t == nil {
			t = &tally{}
			by[y] = t
		}
		switch {
		case u == "X" || o == "X":
			t.absent++
			continue
		case u == o:
			t.same++
			if u != "A" {
				t.sameYN++
			}
		case u == "A" || o == "A":
			t.partial++
		default:
			t.opp++
		}
		t.n++
	}
	out := map[int][2]float64{}
	for y, t := range by {
		if t.n == 0 {
			continue
		}
		var x float64
		switch {
		case y <= 2016:
			if t.sameYN+t.opp == 0 {
				x = math.NaN()
			} else {
				x = t.sameYN / (t.sameYN + t.opp)
			}
		case y <= 2021:
			x = (t.same + t.partial/2) / (t.same + t.opp + t.partial)
		default:
			x = (t.same + (t.partial+t.absent)/2) / (t.same + t.opp + t.partial + t.absent)
		}
		out[y] = [2]float64{t.n, x}
	}
	return out
}

// TestRealStateDeptSessionsIssues checks item 6 of issue 9 on the real GA
// file: matrix --metric statedept against a plain count of the file by each
// year's rule; align --by session with the emergency special session votes
// in their regular session; vote JSON with issue codes and their origin.
func TestRealStateDeptSessionsIssues(t *testing.T) {
	db := storetest.Of(t, "undl/ga_voting.csv.gz")
	raw := readRawGA(t)

	// matrix --metric statedept --by year: the US rows.
	// The plain loop counts every record: --keep-duplicates does too.
	code, out, stderr := blocwatch(t, "--db", db, "matrix", "--metric", "statedept", "--by", "year", "--keep-duplicates", "--format", "csv")
	if code != 0 {
		t.Fatal(stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "year,a,b,n,statedept" {
		t.Fatalf("header %q", lines[0])
	}
	got := map[string]map[int][2]float64{}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		other := ""
		switch {
		case f[1] == "USA":
			other = f[2]
		case f[2] == "USA":
			other = f[1]
		default:
			continue
		}
		y, _ := strconv.Atoi(f[0])
		n, _ := strconv.ParseFloat(f[3], 64)
		x := math.NaN()
		if f[4] != "" {
			x, _ = strconv.ParseFloat(f[4], 64)
		}
		if got[other] == nil {
			got[other] = map[int][2]float64{}
		}
		got[other][y] = [2]float64{n, x}
	}
	// Years of each rule that no duplicated record of the file touches
	// (issue 9 item 2 may count those once by default).
	years := []int{1985, 2010, 2016, 2017, 2018, 2019, 2022, 2023, 2024, 2025}
	for _, s := range []string{"RUS", "KOR", "PRK", "GBR", "CHN", "ISR", "VEN"} {
		want := naiveStateDept(raw, s)
		for _, y := range years {
			w, g := want[y], got[s][y]
			if s == "RUS" && y == 1985 {
				continue // the USSR then
			}
			if g[0] != w[0] || !(math.Abs(g[1]-w[1]) < 1e-12 || math.IsNaN(g[1]) && math.IsNaN(w[1])) {
				t.Errorf("statedept USA-%s %d: n %v value %v, want n %v value %v", s, y, g[0], g[1], w[0], w[1])
			}
		}
		t.Logf("USA-%s statedept 2016 %v, 2018 %v, 2023 %v ([n value])", s, got[s][2016], got[s][2018], got[s][2023])
	}

	// align USA RUS --by session: session 76 holds A/RES/ES-11/1 to 3.
	var es76 []string
	n76 := 0
	for _, rc := range raw {
		u, o := rc.votes["USA"], rc.votes["RUS"]
		if u == "" || o == "" || u == "X" || o == "X" || record.SessionOf(rc.date) != 76 {
			continue
		}
		n76++
		if strings.HasPrefix(rc.symbol, "A/RES/ES-") {
			es76 = append(es76, rc.symbol)
		}
	}
	slices.Sort(es76)
	if want := []string{"A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/ES-11/3"}; !slices.Equal(es76, want) {
		t.Errorf("ES votes of session 76 in the file: %q, want %q", es76, want)
	}
	code, out, stderr = blocwatch(t, "--db", db, "align", "USA", "RUS", "--by", "session", "--keep-duplicates", "--format", "csv")
	if code != 0 {
		t.Fatal(stderr)
	}
	found := false
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Split(l, ","); len(f) > 3 && f[0] == "76" {
			found = true
			if n, _ := strconv.Atoi(f[3]); n != n76 {
				t.Errorf("align USA RUS session 76: n %d, want %d (with the ES-11 votes)", n, n76)
			}
		}
	}
	if !found {
		t.Errorf("align USA RUS --by session has no session 76:\n%s", out)
	}

	// vote JSON: issue codes and their origin, and the session.
	for _, tt := range []struct {
		symbol string
		issues []string
	}{
		{"A/RES/ES-11/1", []string{}},
		{"A/RES/ES-11/3", []string{"hr"}},
	} {
		code, out, stderr := blocwatch(t, "--db", db, "vote", tt.symbol, "--format", "json")
		if code != 0 {
			t.Fatal(stderr)
		}
		var v struct {
			Session int       `json:"session"`
			Issues  *[]string `json:"issues"`
			Origin  string    `json:"issues_origin"`
		}
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		if v.Issues == nil || !slices.Equal(*v.Issues, tt.issues) || v.Origin != "classifier" || v.Session != 76 {
			t.Errorf("vote %s: session %d issues %v from %q, want session 76, %q from the classifier", tt.symbol, v.Session, v.Issues, v.Origin, tt.issues)
		}
	}
}
