package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/store"
)

// blocwatch runs the command line in-process and returns its exit code,
// stdout and stderr.
func blocwatch(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

const fixtures = "../../internal/store/testdata"

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestIngestAndVote(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv", fixtures+"/unvotes")
	if code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"ga_small.csv: 14 rows, 3 roll calls", "2 of them also held by another kind of source", "1 disagree"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("ingest messages lack %q:\n%s", want, stderr)
		}
	}
	code, stdout, stderr := blocwatch(t, "--db", db, "vote", "A/RES/35/1", "--format", "json")
	if code != 0 {
		t.Fatalf("vote: exit %d: %s", code, stderr)
	}
	var v struct {
		Resolution, Date, Body, Title string
		Tally                         struct{ Yes, No, Abstain, NonVoting int } `json:"tally"`
		Votes                         []struct{ State, Name, Vote string }
	}
	if err := json.Unmarshal([]byte(stdout), &v); err != nil {
		t.Fatalf("vote JSON: %v\n%s", err, stdout)
	}
	if v.Resolution != "A/RES/35/1" || v.Date != "1980-12-01" || v.Body != "GA" || v.Tally.Yes != 3 || v.Tally.No != 1 || len(v.Votes) != 5 {
		t.Fatalf("vote: %+v", v)
	}
	for _, args := range [][]string{
		{"vote", "A/RES/35/1"},
		{"vote", "A/RES/35/1", "--format", "csv"},
		{"votes", "--state", "USSR", "--year", "1980"},
		{"votes", "--state", "PRK", "--format", "csv"},
		{"search", "displaced", "--from", "2023"},
		{"states", "RUS", "Burma"},
		{"check"},
		{"check", "--disagreements", "--format", "json"},
	} {
		code, stdout, stderr := blocwatch(t, append([]string{"--db", db}, args...)...)
		if code != 0 || stdout == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	_, stdout, _ = blocwatch(t, "--db", db, "votes", "--state", "SUN", "--format", "csv")
	if !strings.HasPrefix(stdout, "date,body,resolution,vote,yes,no,abstain,outcome,issues,issues_origin,title,link\n") || !strings.Contains(stdout, "A/RES/35/1,N,") {
		t.Errorf("votes csv:\n%s", stdout)
	}
	_, stdout, _ = blocwatch(t, "--db", db, "check")
	if !strings.Contains(stdout, "A/RES/77/293") || !strings.Contains(stdout, "1 member votes on which sources disagree") {
		t.Errorf("check:\n%s", stdout)
	}
	// The same file again: nothing changes, and it says so.
	before := sum(t, db)
	code, _, stderr = blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv")
	if code != 0 || !strings.Contains(stderr, "unchanged") || sum(t, db) != before {
		t.Errorf("re-ingest: exit %d, %s", code, stderr)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatal(stderr)
	}
	raw, _ := os.ReadFile(fixtures + "/ga_small.csv")
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var hgz bytes.Buffer
	zw := gzip.NewWriter(&hgz)
	zw.Write(raw)
	for i := 0; i < 200; i++ {
		zw.Write(raw[bytes.IndexByte(raw, '\n')+1:])
	}
	zw.Close()
	header := string(raw[:bytes.IndexByte(raw, '\n')+1])
	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   string
		changeDB bool
	}{
		{"truncated gzip", []string{"ingest", write("cut.csv.gz", hgz.Bytes()[:hgz.Len()/2])}, 1, "cut.csv.gz:", false},
		{"unknown header", []string{"ingest", write("odd.csv", []byte("country,year,yes\nFrance,1990,1\n"))}, 1, `country`, false},
		{"unknown vote code", []string{"ingest", "--strict", write("q.csv", []byte(header+`300,USA,UNITED STATES,Q,1991-10-01,46,A/RES/46/1,,,,T,,,,1.0,0.0,0.0,0.0,1.0,`+"\n"))}, 1, `q.csv:2: unknown vote "Q"`, false},
		{"unknown vote code reported", []string{"ingest", write("q2.csv", []byte(header+`301,USA,UNITED STATES,Q,1991-10-01,46,A/RES/46/2,,,,T,,,,1.0,0.0,0.0,0.0,1.0,`+"\n"+`301,FRA,FRANCE,Y,1991-10-01,46,A/RES/46/2,,,,T,,,,1.0,0.0,0.0,0.0,1.0,`+"\n"))}, 0, `q2.csv:2: unknown vote "Q"`, true},
		{"unknown state", []string{"ingest", "--strict", fixtures + "/ga_messy.csv"}, 1, `ga_messy.csv:3: unknown state "ATLANTIS"`, false},
		{"conflicting duplicate", []string{"ingest", "--strict", write("dup.csv", []byte(header+
			`302,USA,UNITED STATES,Y,1991-10-01,46,A/RES/46/3,,,,T,,,,1.0,0.0,0.0,0.0,1.0,`+"\n"+
			`302,USA,UNITED STATES,N,1991-10-01,46,A/RES/46/3,,,,T,,,,1.0,0.0,0.0,0.0,1.0,`+"\n"))}, 1, `dup.csv:3: conflicting duplicate row for USA`, false},
		{"missing file", []string{"ingest", filepath.Join(dir, "gone.csv")}, 1, "gone.csv", false},
		{"no args", []string{"ingest"}, 2, "requires at least 1 arg", false},
		{"unknown format", []string{"vote", "A/RES/35/1", "--format", "xml"}, 2, `unknown format "xml"`, false},
		{"unknown symbol", []string{"vote", "A/RES/99/999"}, 3, "is not in the store (GA data through", false},
		{"unknown state lookup", []string{"votes", "--state", "Atlantis"}, 2, "Atlantis", false},
		{"bad date", []string{"search", "x", "--from", "1990-13-01"}, 2, "is not a date", false},
		{"unknown flag", []string{"vote", "--bogus"}, 2, "unknown flag", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := sum(t, db)
			code, _, stderr := blocwatch(t, append([]string{"--db", db}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d (want %d), stderr:\n%s\nwant it to contain %q", code, tt.code, stderr, tt.stderr)
			}
			if !tt.changeDB && sum(t, db) != prev {
				t.Error("the store changed")
			}
		})
	}
	// A store that does not exist is not created by a lookup.
	code, _, stderr := blocwatch(t, "--db", filepath.Join(dir, "none.db"), "vote", "A/RES/1/1")
	if code != 1 || !strings.Contains(stderr, "blocwatch update") {
		t.Errorf("missing store: exit %d: %s", code, stderr)
	}
}

func TestUpdate(t *testing.T) {
	ga, err := os.ReadFile(fixtures + "/ga_small.csv")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/file", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("recid") {
		case "4060887":
			fmt.Fprint(w, `[{"name":"2026_02_06_ga_voting.csv","url":"/files/ga.csv","format":"CSV"},{"name":"2024_01_01_ga_voting.csv","url":"/files/old.csv","format":"CSV"}]`)
		case "4055387":
			fmt.Fprint(w, `[{"name":"README.pdf","url":"/files/readme.pdf","format":"PDF"}]`)
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("/files/ga.csv", func(w http.ResponseWriter, r *http.Request) { w.Write(ga) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	code, _, stderr := blocwatch(t, "--db", db, "update", "--source", srv.URL, "--body", "ga")
	if code != 0 || !strings.Contains(stderr, "2026_02_06_ga_voting.csv: downloaded") {
		t.Fatalf("update: exit %d: %s", code, stderr)
	}
	if code, out, _ := blocwatch(t, "--db", db, "vote", "A/RES/35/1", "--format", "csv"); code != 0 || !strings.Contains(out, "SUN,USSR,N") {
		t.Fatalf("after update: %d %s", code, out)
	}
	code, _, stderr = blocwatch(t, "--db", db, "update", "--source", srv.URL, "--body", "ga")
	if code != 0 || !strings.Contains(stderr, "up to date") {
		t.Errorf("second update: exit %d: %s", code, stderr)
	}
	// No SC bulk file listed: a clear failure, data untouched.
	before := sum(t, db)
	code, _, stderr = blocwatch(t, "--db", db, "update", "--source", srv.URL)
	if code != 1 || !strings.Contains(stderr, "lists no SC bulk voting file") || sum(t, db) != before {
		t.Errorf("sc: exit %d: %s", code, stderr)
	}
	// No network: a plain message that explains how to ingest by hand.
	srv.Close()
	code, _, stderr = blocwatch(t, "--db", db, "update", "--source", srv.URL)
	if code != 1 || !strings.Contains(stderr, "ingest FILE") || !strings.Contains(stderr, "record/4055387") || sum(t, db) != before {
		t.Errorf("offline: exit %d: %s", code, stderr)
	}
}

func TestAlignCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatal(stderr)
	}
	groups := filepath.Join(t.TempDir(), "groups.txt")
	os.WriteFile(groups, []byte("group WEST Western powers\nUSA FRA GBR\n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"series csv", []string{"align", "SUN", "USA", "--by", "year", "--metric", "agree", "--format", "csv"}, 0,
			"year,a,b,n,agree,partial,universe\n1980,SUN,USA,1,0,false,resolutions\n1981,SUN,USA,1,0,false,resolutions\n", ""},
		{"more metrics", []string{"align", "USA", "FRA", "--metric", "agree,coincidence,s,kappa,pi", "--format", "csv"}, 0,
			"year,a,b,n,agree,coincidence,s,kappa,pi,partial,universe\n1980,USA,FRA,1,1,1,1,,,false,resolutions\n1981,USA,FRA,1,1,1,1,,,false,resolutions\n", ""},
		{"group from file", []string{"align", "WEST", "SUN", "--groups", groups, "--format", "csv"}, 0, "year,a,b,n,agree,partial,universe\n1980,WEST,SUN,1,0,false,resolutions\n", ""},
		{"built-in group", []string{"align", "P5", "USA", "--by", "period", "--format", "csv"}, 0, "period,a,b,n,agree,partial,universe\n", ""},
		{"matrix", []string{"matrix", "--by", "year", "--metric", "agree", "--format", "csv"}, 0, "year,a,b,n,agree\n1980,CHN,FRA,1,1\n", ""},
		{"matrix year", []string{"matrix", "--year", "2023", "--format", "csv"}, 0, "year,a,b,n,agree\n2023,KOR,PRK,1,0\n", ""},
		{"positions", []string{"positions", "USA", "SUN", "--format", "csv"}, 0, "USA\\SUN,Y,N,A,total\nY,0,2,0,2\n", ""},
		{"diverge", []string{"diverge", "USA", "SUN", "--format", "csv"}, 0, "date,body,resolution,USA,SUN,yes,no,abstain,margin,issues,issues_origin,title,link\n", ""},
		{"neighbours", []string{"neighbours", "USA", "--year", "1980", "--min-n", "1", "--format", "csv"}, 0, "rank,side,state,n,agree,window,partial,universe\n1,most,CHN,1,1,1980-01-01..1980-12-31,false,resolutions\n", ""},
		{"unknown state", []string{"align", "ATLANTIS", "USA"}, 2, "", "ATLANTIS"},
		{"unknown group file", []string{"align", "WEST", "USA", "--groups", "/nonexistent"}, 2, "", "nonexistent"},
		{"unknown metric", []string{"align", "USA", "FRA", "--metric", "agree,closeness"}, 2, "", "closeness"},
		{"empty window", []string{"align", "USA", "FRA", "--from", "1990", "--to", "1985"}, 2, "", "after --to"},
		{"year without votes", []string{"matrix", "--year", "1999"}, 3, "", "no GA roll calls in 1999 match the selection (GA data through"},
		{"no common votes", []string{"align", "PRK", "SUN"}, 3, "", "no roll calls"},
		{"bad --by", []string{"align", "USA", "FRA", "--by", "decade"}, 2, "", "--by"},
		{"bad issue", []string{"align", "USA", "FRA", "--issue", "xx"}, 2, "", "unknown issue"},
		{"state without votes", []string{"align", "USA", "Holy See"}, 3, "", "no recorded votes"},
		// README: 3 for no votes in the selection; 2 for a bad flag value, said plainly.
		{"votes of a year without votes", []string{"votes", "--state", "PRK", "--year", "1950"}, 3, "", "no recorded votes of PRK"},
		{"search without a match", []string{"search", "zzzzqqq"}, 3, "", "no roll calls match"},
		{"neighbours in a year without votes", []string{"neighbours", "PRK", "--year", "1980"}, 3, "", "blocwatch: no state cast a vote with PRK"},
		{"year not a number", []string{"votes", "--year", "19x5"}, 2, "", "--year 19x5: want a whole number"},
		{"unknown command", []string{"alin", "USA", "FRA"}, 2, "", `did you mean align?`},
		{"too many arguments", []string{"align", "USA", "FRA", "GBR"}, 2, "", "accepts"},
		{"bad flag value", []string{"neighbours", "USA", "--top", "many"}, 2, "", "--top many: want a whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := blocwatch(t, append([]string{"--db", db}, tt.args...)...)
			if code != tt.code || !strings.HasPrefix(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			if strings.Contains(stdout, "NaN") {
				t.Errorf("NaN printed:\n%s", stdout)
			}
		})
	}
}

func TestPoleMovers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := blocwatch(t, "--db", db, "movers", "--toward", "pole+", "--from", "2010-2013", "--to", "2022-2025"); code != 3 || !strings.Contains(stderr, "ideal fit") {
		t.Fatalf("without a fit: exit %d: %s", code, stderr)
	}
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	pts := []store.Point{{State: "PRK", Year: 2011, X: -3}, {State: "PRK", Year: 2023, X: -1}, {State: "USA", Year: 2011, X: 3}, {State: "USA", Year: 2023, X: 2.5}}
	if err := s.SaveFit(context.Background(), &store.Fit{Name: "default", Settings: "{}"}, pts); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, stderr := blocwatch(t, "--db", db, "movers", "--toward", "pole+", "--from", "2010-2013", "--to", "2022-2025", "--format", "csv")
	want := "rank,direction,state,from_years,from,to_years,to,change\n1,toward,PRK,1,-3,1,-1,2\n1,away,USA,1,3,1,2.5,-0.5\n"
	if code != 0 || out != want {
		t.Fatalf("exit %d\n%s\nwant\n%s\n%s", code, out, want, stderr)
	}
}

func TestVersion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	var v struct {
		Version     string `json:"version"`
		Go          string `json:"go"`
		Store       string `json:"store"`
		DataVersion int    `json:"data_version"`
	}
	code, out, stderr := blocwatch(t, "--db", db, "version", "--format", "json")
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || v.Go == "" || v.Version == "" || v.Store != db || v.DataVersion != 0 {
		t.Fatalf("without a store: exit %d, %+v, %v, %s", code, v, err, stderr)
	}
	if code, _, stderr := blocwatch(t, "--db", db, "-q", "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr = blocwatch(t, "--db", db, "version", "--format", "json")
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil || v.DataVersion < 1 {
		t.Errorf("after an ingest: exit %d, %+v, %v, %s", code, v, err, stderr)
	}
	if code, _, _ := blocwatch(t, "version", "extra"); code != exitUsage {
		t.Errorf("version extra: exit %d, want %d", code, exitUsage)
	}
}
