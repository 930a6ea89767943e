package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"strconv"

	"fmt"
	"github.com/blocwatch/blocwatch/internal/registry"
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

// TestIdealFitCancel: `ideal fit --bootstrap 10` whose context is cancelled
// (as SIGINT does in main) returns a cancellation error, exit code 1, and
// stores nothing. The time from the cancel to the return is logged.
func TestIdealFitCancel(t *testing.T) {
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
}
