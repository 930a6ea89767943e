package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"strconv"

	"fmt"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeSimulatedGA writes a General Assembly file in the UN Digital
// Library's format: states × years × roll calls a year, votes drawn from a
// one-dimensional ordinal model.
func writeSimulatedGA(t *testing.T, path string, states, years, perYear int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	reg := registry.Default()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(strings.Split("undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link", ","))
	codes := []string{"USA", "GBR", "FRA", "RUS", "CHN", "PRK", "KOR", "JPN", "IND", "BRA", "DEU", "ITA", "ESP", "CAN", "AUS", "MEX", "ARG", "CHL", "PER", "COL",
		"EGY", "NGA", "KEN", "ZAF", "ETH", "GHA", "SEN", "MAR", "DZA", "TUN", "IRN", "IRQ", "SYR", "SAU", "ISR", "TUR", "PAK", "BGD", "IDN", "MYS",
		"THA", "VNM", "PHL", "SGP", "NZL", "NOR", "SWE", "FIN", "DNK", "POL", "CZE", "HUN", "ROU", "BGR", "GRC", "PRT", "IRL", "AUT", "BEL"}
	codes = codes[:min(states, len(codes))]
	x := make([]float64, len(codes))
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	x[0] = 2
	id := 1
	for y := 0; y < years; y++ {
		year := 2000 + y
		for i := range x {
			x[i] += 0.2 * rng.NormFloat64()
		}
		for k := 0; k < perYear; k++ {
			beta, c := 0.5+rng.Float64(), rng.NormFloat64()
			if rng.IntN(2) == 0 {
				beta = -beta
			}
			for i, code := range codes {
				v := "Y"
				switch z := beta*x[i] + rng.NormFloat64(); {
				case z < c-0.3:
					v = "N"
				case z < c+0.3:
					v = "A"
				}
				session := strconv.Itoa(year - 1945)
				w.Write([]string{strconv.Itoa(id), code, reg.State(code).Name, v, fmt.Sprintf("%d-10-%02d", year, 1+k%28), session,
					"A/RES/" + session + "/" + strconv.Itoa(k+1), "", "", "", "Item " + strconv.Itoa(id) + " : resolution / adopted by the General Assembly",
					"", "", "", "0", "0", "0", "0", "0", ""})
			}
			id++
		}
	}
	w.Flush()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	gz := gzip.NewWriter(f)
	if _, err := gz.Write(b.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestIdealCommands: `ideal fit --bootstrap 10` whose context is cancelled
// (as SIGINT does in main) returns a cancellation error, exit code 1, and
// stores nothing (the time from the cancel to the return is logged); then a
// whole fit, ideal moved on it, and the roll calls the fit recorded.
func TestIdealCommands(t *testing.T) {
	dir := t.TempDir()
	db, ga := filepath.Join(dir, "t.db"), filepath.Join(dir, "ga_voting.csv.gz")
	writeSimulatedGA(t, ga, 60, 20, 40)
	start := time.Now()
	code, _, stderr := blocwatch(t, "--db", db, "ingest", ga)
	if code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	t.Logf("ingest %v", time.Since(start))
	for _, delay := range []time.Duration{0, 300 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		var out, errb bytes.Buffer
		done := make(chan int)
		go func() { done <- run(ctx, []string{"--db", db, "ideal", "fit", "--bootstrap", "10"}, &out, &errb) }()
		time.Sleep(delay)
		cancel()
		at := time.Now()
		code := <-done
		t.Logf("cancelled after %v: returned %v later, exit %d: %s", delay, time.Since(at), code, strings.TrimSpace(errb.String()))
		if code != exitFailure || !strings.Contains(errb.String(), context.Canceled.Error()) {
			t.Fatalf("cancelled fit: exit %d, %s", code, errb.String())
		}
	}
	code, _, _ = blocwatch(t, "--db", db, "ideal", "show", "--year", "2000")
	if code != exitNotFound {
		t.Errorf("a cancelled fit was stored (ideal show: exit %d)", code)
	}

	// A whole fit, then its movements and the roll calls it recorded.
	if code, _, stderr := blocwatch(t, "--db", db, "ideal", "fit", "--universe", "everything"); code != exitUsage {
		t.Errorf("--universe everything: exit %d: %s", code, stderr)
	}
	if code, _, stderr := blocwatch(t, "--db", db, "ideal", "fit"); code != 0 {
		t.Fatalf("ideal fit: exit %d: %s", code, stderr)
	}
	code, out, stderr := blocwatch(t, "--db", db, "ideal", "moved", "KOR", "--from", "2002-2005", "--to", "2015-2018", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "rank,state,from,from_years,from_x,to,to_years,to_x,change,se,lo,hi,z,significant,partial\n1,KOR,2002-2005,4,") {
		t.Errorf("ideal moved KOR: exit %d\n%s%s", code, out, stderr)
	}
	t.Logf("%s%s", out, stderr)
	code, out, _ = blocwatch(t, "--db", db, "ideal", "moved", "--from", "2002-2005", "--to", "2015-2018", "--format", "csv")
	if n := strings.Count(out, "\n"); code != 0 || n != 60 {
		t.Errorf("ideal moved (all): exit %d, %d lines", code, n)
	}
	for _, bad := range [][]string{{"KOR", "--from", "2002"}, {"KOR", "--from", "2005-2002", "--to", "2010"}} {
		if code, _, _ := blocwatch(t, append([]string{"--db", db, "ideal", "moved"}, bad...)...); code != exitUsage {
			t.Errorf("ideal moved %v: exit %d", bad, code)
		}
	}
	if code, _, _ := blocwatch(t, "--db", db, "ideal", "moved", "KOR", "--from", "1950", "--to", "2010"); code != exitNotFound {
		t.Errorf("ideal moved before the record: exit %d", code)
	}
	// Two dimensions: both stored, shown side by side, with what each measures.
	if code, _, stderr := blocwatch(t, "--db", db, "ideal", "fit", "--static", "--dims", "2", "--from", "2010", "--to", "2012", "--name", "y2"); code != 0 || !strings.Contains(stderr, "dimension 2:") {
		t.Fatalf("ideal fit --dims 2: exit %d: %s", code, stderr)
	}
	code, out, stderr = blocwatch(t, "--db", db, "ideal", "show", "--dims", "2", "--name", "y2", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "state,year,x,se,x2,se2\n") || strings.Count(out, "\n") != 60 || !strings.Contains(stderr, "dimension 1:") {
		t.Errorf("ideal show --dims 2: exit %d\n%.300s\n%s", code, out, stderr)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ids, err := st.FitRollCalls(context.Background(), "default")
	if err != nil || len(ids) != 20*40 {
		t.Errorf("the fit recorded %d roll calls (%v), want %d", len(ids), err, 20*40)
	}
}
