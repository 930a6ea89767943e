package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/registry"
)

// The camps of the synthetic record: two blocs that split on most roll
// calls. MEX votes with the west in 2021 and with the east in 2022.
var (
	westStates = []string{"USA", "JPN", "KOR", "GBR", "FRA", "DEU", "CAN", "AUS", "MEX"}
	eastStates = []string{"PRK", "CHN", "RUS", "SYR", "IRN", "CUB", "BLR", "NIC"}
	scStates   = []string{"USA", "GBR", "FRA", "CHN", "RUS", "JPN", "MEX", "IRN"}
)

const undlHeader = "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link\n"

// writeBlocsRecord writes a General Assembly file with planted blocs, a
// Security Council file and returns their paths.
func writeBlocsRecord(t *testing.T, dir string) (ga, sc string) {
	t.Helper()
	reg := registry.Default()
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString(undlHeader)
	id := 1000
	row := func(code, vote, date, symbol, title string) {
		name := reg.State(code).Name
		fmt.Fprintf(&b, "%d,%s,%q,%s,%s,76,%s,,,,%q,,,,0.0,0.0,0.0,0.0,0.0,https://digitallibrary.un.org/record/%d\n", id, code, strings.ToUpper(name), vote, date, symbol, title, id)
	}
	votes := []string{"Y", "N", "A"}
	for _, year := range []int{2021, 2022} {
		for k := range 30 {
			date := fmt.Sprintf("%d-%02d-%02d", year, 1+k/3, 1+k%3*9)
			symbol := fmt.Sprintf("A/RES/%d/%d", year-1945, k+1)
			title := fmt.Sprintf("Item %d : resolution / adopted by the General Assembly", k)
			w := rng.IntN(3)
			e := (w + 1 + rng.IntN(2)) % 3
			for _, s := range append(append([]string{}, westStates...), eastStates...) {
				line := w
				if strings.Contains(strings.Join(eastStates, " "), s) || s == "MEX" && year == 2022 {
					line = e
				}
				v := votes[line]
				if rng.IntN(10) == 0 {
					v = votes[rng.IntN(3)]
				}
				row(s, v, date, symbol, title)
			}
			id++
		}
	}
	ga = filepath.Join(dir, "ga_synthetic.csv")
	if err := os.WriteFile(ga, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	b.WriteString(undlHeader)
	for k := range 6 {
		date := fmt.Sprintf("2021-%02d-15", k+1)
		for _, s := range scStates {
			v := "Y"
			if s == "RUS" && k%2 == 0 || s == "CHN" && k == 0 {
				v = "A"
			}
			row(s, v, date, fmt.Sprintf("S/RES/%d(2021)", 2570+k), fmt.Sprintf("Security Council resolution %d", 2570+k))
		}
		id++
	}
	sc = filepath.Join(dir, "sc_synthetic.csv")
	if err := os.WriteFile(sc, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return ga, sc
}

// blocsDB returns a new store holding the synthetic record, the veto list
// of the source fixtures and the user-added veto of the council fixtures.
func blocsDB(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ga, sc := writeBlocsRecord(t, dir)
	db := filepath.Join(dir, "t.db")
	code, _, stderr := blocwatch(t, "--db", db, "-q", "ingest", ga, sc,
		"../../internal/source/testdata/vetoes.csv", "../../internal/council/testdata/user_vetoes.csv")
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	return db
}

// csvRows parses CSV output.
func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV: %v\n%s", err, out)
	}
	return rows
}

func TestBlocsCommands(t *testing.T) {
	db := blocsDB(t)
	run := func(args ...string) (int, string, string) {
		return blocwatch(t, append([]string{"--db", db}, args...)...)
	}
	headers := []struct {
		args   []string
		header string
	}{
		{[]string{"blocs", "--year", "2021"}, "year,bloc,track,continues,jaccard,size,cohesion,anchor,p5,edge,members"},
		{[]string{"blocs", "--by", "year", "--show", "years"}, "year,states,blocs,modularity,polarization,sizes"},
		{[]string{"blocs", "--year", "2022", "--show", "members"}, "year,state,bloc,track,own,nearest,other,margin,edge"},
		{[]string{"blocs", "--state", "MEX"}, "year,state,bloc,track,size,anchor,own,margin,edge"},
		{[]string{"blocs", "--from", "2021", "--to", "2022"}, "period,bloc,track,continues,jaccard,size,cohesion,anchor,p5,edge,members"},
		{[]string{"camps", "--preset", "korea"}, "year,a,b,n,cohesion_a,cohesion_b,between,distance,spread,ratio,separation,split,partial,universe"},
		{[]string{"camps", "USA", "KOREA-EAST"}, "year,a,b,n,cohesion_a,cohesion_b,between,distance,spread,ratio,separation,split,partial,universe"},
		{[]string{"movers", "--toward", "RUS", "--from", "2021", "--to", "2022"}, "rank,direction,state,from_n,from,to_n,to,change,switches"},
		{[]string{"movers", "--toward", "KOREA-EAST", "--from", "2021", "--to", "2022", "--switches"}, "state,direction,title,from_n,from_match,to_n,to_match,from_symbol,from_vote,from_reference_vote,to_symbol,to_vote,to_reference_vote"},
		{[]string{"vetoes"}, "date,draft,meeting,vetoed_by,agenda,topic,region,user_added,source"},
		{[]string{"council"}, "year,roll_calls,not_adopted,members,elected,p5_agree,p5_unanimous,vetoes"},
		{[]string{"council", "--year", "2021"}, "year,state,seat,roll_calls,yes,no,abstain,non_voting"},
		{[]string{"council", "--p5"}, "year,a,b,n,agree"},
	}
	for _, h := range headers {
		for _, f := range []string{"csv", "table", "json"} {
			code, out, stderr := run(append(h.args, "--format", f)...)
			if code != 0 {
				t.Errorf("%v --format %s: exit %d: %s", h.args, f, code, stderr)
				continue
			}
			if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
				t.Errorf("%v --format %s printed NaN or Inf:\n%s", h.args, f, out)
			}
			switch f {
			case "csv":
				if first, _, _ := strings.Cut(out, "\n"); first != h.header {
					t.Errorf("%v: header %q, want %q", h.args, first, h.header)
				}
				if rows := csvRows(t, out); len(rows) < 2 {
					t.Errorf("%v: no rows", h.args)
				}
			case "json":
				if !json.Valid([]byte(out)) {
					t.Errorf("%v: invalid JSON:\n%s", h.args, out)
				}
			}
		}
	}

	// The planted blocs are found: the west and the east apart, MEX
	// changing sides in 2022.
	_, out, _ := run("blocs", "--by", "year", "--format", "json")
	var years []struct {
		Window int
		Blocs  []struct {
			Track   int
			Members []string
		}
	}
	if err := json.Unmarshal([]byte(out), &years); err != nil || len(years) != 2 {
		t.Fatalf("blocs JSON: %v\n%s", err, out)
	}
	blocOf := func(y int, s string) int {
		for _, b := range years[y].Blocs {
			for _, m := range b.Members {
				if m == s {
					return b.Track
				}
			}
		}
		return -1
	}
	for y := range years {
		if len(years[y].Blocs) != 2 || blocOf(y, "USA") == blocOf(y, "RUS") || blocOf(y, "USA") != blocOf(y, "JPN") || blocOf(y, "RUS") != blocOf(y, "PRK") {
			t.Errorf("%d: blocs %+v", years[y].Window, years[y].Blocs)
		}
	}
	if blocOf(0, "MEX") != blocOf(0, "USA") || blocOf(1, "MEX") != blocOf(1, "RUS") || blocOf(0, "USA") != blocOf(1, "USA") {
		t.Errorf("tracks: MEX %d→%d, USA %d→%d", blocOf(0, "MEX"), blocOf(1, "MEX"), blocOf(0, "USA"), blocOf(1, "USA"))
	}

	_, out, _ = run("movers", "--toward", "RUS", "--from", "2021", "--to", "2022", "--format", "csv", "--top", "1")
	if rows := csvRows(t, out); len(rows) < 2 || rows[1][1] != "toward" || rows[1][2] != "MEX" {
		t.Errorf("top mover toward RUS:\n%s", out)
	}
	_, out, _ = run("camps", "--preset", "korea", "--format", "csv")
	for _, r := range csvRows(t, out)[1:] {
		if r[11] != "true" {
			t.Errorf("korea camps not split: %v", r)
		}
	}
	_, out, _ = run("camps", "--preset", "korea")
	// The fixture's data end in October 2022: that year is partial and left
	// out of the verdict.
	if !strings.Contains(out, "Split: 2021\n") || !strings.Contains(out, "Split without a break since 2021.") || !strings.Contains(out, "left out of the verdict") {
		t.Errorf("camps table:\n%s", out)
	}

	// Vetoes: the user-added one is marked, with its link.
	_, out, _ = run("vetoes", "--topic", "DPRK", "--format", "csv")
	rows := csvRows(t, out)
	if len(rows) != 3 || rows[1][1] != "S/2022/431" || rows[1][7] != "false" || rows[1][8] != "vetoes.csv:9" ||
		rows[2][1] != "S/2024/255" || rows[2][3] != "RUS" || rows[2][7] != "true" || rows[2][8] != "https://undocs.org/S/2024/255" {
		t.Errorf("DPRK vetoes:\n%s", out)
	}
	_, out, _ = run("vetoes", "--by", "RUS", "--format", "csv")
	rows = csvRows(t, out)
	if len(rows) != 5 || rows[1][3] != "SUN" || rows[4][7] != "true" || rows[1][7] != "false" || rows[1][8] != "vetoes.csv:2" {
		t.Errorf("vetoes by RUS (with the USSR):\n%s", out)
	}
	_, out, _ = run("vetoes", "--by", "RUS")
	if !strings.Contains(out, "4 vetoes, 1 of them user-added") {
		t.Errorf("vetoes table:\n%s", out)
	}

	// Council: permanent members and P5 agreement.
	_, out, _ = run("council", "--year", "2021", "--format", "csv")
	rows = csvRows(t, out)
	seats := map[string]string{}
	for _, r := range rows[1:] {
		seats[r[1]] = r[2]
	}
	if len(seats) != 8 || seats["USA"] != "permanent" || seats["RUS"] != "permanent" || seats["JPN"] != "elected" {
		t.Errorf("council 2021:\n%s", out)
	}
	_, out, _ = run("council", "--format", "csv")
	rows = csvRows(t, out)
	// Six roll calls in 2021; RUS abstains on three, CHN on one of them:
	// all five the same on three of six.
	var r2021 []string
	for _, r := range rows {
		if r[0] == "2021" {
			r2021 = r
		}
	}
	if len(rows) != 8 || r2021 == nil || r2021[1] != "6" || r2021[4] != "3" || r2021[6] != "0.5" || rows[7][0] != "2024" || rows[7][7] != "1" {
		t.Errorf("council:\n%s", out)
	}
}

func TestBlocsCommandErrors(t *testing.T) {
	db := blocsDB(t)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"blocs", "--metric", "nope"}, exitUsage, "unknown metric"},
		{[]string{"blocs", "--metric", "agree,kappa"}, exitUsage, "give one metric"},
		{[]string{"blocs", "--resolution", "0"}, exitUsage, "--resolution"},
		{[]string{"blocs", "--show", "all"}, exitUsage, "--show"},
		{[]string{"blocs", "--year", "1990"}, exitNotFound, "no GA roll calls in 1990 in the store; GA data start"},
		{[]string{"blocs", "--year", "2021", "--min-n", "500"}, exitNotFound, "in common"},
		{[]string{"blocs", "--state", "Narnia"}, exitUsage, "unknown state"},
		{[]string{"blocs", "--state", "FIN"}, exitNotFound, "FIN is in no bloc"},
		{[]string{"blocs", "--format", "xml"}, exitUsage, "unknown format"},
		{[]string{"camps"}, exitUsage, "give two sides"},
		{[]string{"camps", "USA", "RUS", "--preset", "korea"}, exitUsage, "not both"},
		{[]string{"camps", "--preset", "nato-warsaw"}, exitUsage, "unknown preset"},
		{[]string{"camps", "--preset", "g7-brics", "--from", "1990", "--to", "1991"}, exitNotFound, "no GA roll calls in 1990-01-01..1991-12-31 in the store"},
		{[]string{"movers", "--toward", "RUS"}, exitUsage, "give --toward, --from and --to"},
		{[]string{"movers", "--toward", "RUS", "--from", "2010-2013x", "--to", "2022"}, exitUsage, "YEAR-YEAR"},
		{[]string{"movers", "--toward", "RUS", "--from", "2013-2010", "--to", "2022"}, exitUsage, "ends before it starts"},
		{[]string{"movers", "--toward", "Narnia", "--from", "2021", "--to", "2022"}, exitUsage, "unknown state"},
		{[]string{"movers", "--toward", "RUS", "--from", "1990", "--to", "2022"}, exitNotFound, ""},
		{[]string{"vetoes", "--by", "KOR"}, exitUsage, "never held a permanent seat"},
		{[]string{"vetoes", "--topic", "narnia"}, exitNotFound, "no veto matches"},
		{[]string{"vetoes", "--from", "2024-13"}, exitUsage, "is not a date"},
		{[]string{"council", "--year", "2022"}, exitNotFound, ""},
	}
	for _, tt := range tests {
		code, out, stderr := blocwatch(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
		if out != "" && code != 0 {
			t.Errorf("%v: output on failure: %q", tt.args, out)
		}
	}
	// A bad user-added veto file is refused with file, line and column.
	code, _, stderr := blocwatch(t, "--db", filepath.Join(t.TempDir(), "x.db"), "ingest", "../../internal/council/testdata/bad_user_vetoes.csv")
	for _, want := range []string{"bad_user_vetoes.csv:3: column date:", "bad_user_vetoes.csv:4: column vetoed_by:", "bad_user_vetoes.csv:5: column source:"} {
		if code != exitFailure || !strings.Contains(stderr, want) {
			t.Errorf("bad user vetoes: exit %d, stderr lacks %q:\n%s", code, want, stderr)
		}
	}
}
