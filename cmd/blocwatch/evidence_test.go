package main

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/store/storetest"
)

// realEvidenceStore returns the cached store of the UN Digital Library
// files, the Council's recent votes and both veto lists (storetest). Tests
// only read it.
func realEvidenceStore(t *testing.T) string {
	t.Helper()
	return storetest.Of(t, "undl", "sc_recent", "vetoes")
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, stderr := blocwatch(t, args...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, stderr)
	}
	return out
}

func readCSV(t *testing.T, s string) []map[string]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range head {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
}

// TestEvidence checks, on the real records, what the evidence issue asks a
// reporter to be able to cite: the Council's failed drafts with their
// vetoers, each vote counted once, coverage stated, and every figure traced
// to its roll calls.
func TestEvidence(t *testing.T) {
	db := realEvidenceStore(t)
	t.Run("vetoed drafts", func(t *testing.T) {
		for _, tt := range []struct {
			symbol, tally string
			vetoedBy      []string
		}{
			{"S/2022/431", "13-2-0", []string{"CHN", "RUS"}},
			{"S/2024/255", "13-1-1", []string{"RUS"}},
		} {
			var rc struct {
				Outcome  string   `json:"outcome"`
				VetoedBy []string `json:"vetoed_by"`
				Tally    struct{ Yes, No, Abstain int }
				Votes    []struct{ State, Vote string }
				Vetoes   []struct {
					UserAdded bool `json:"user_added"`
				} `json:"veto_records"`
				Links struct{ Document, Meeting string }
			}
			if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "vote", tt.symbol, "--format", "json")), &rc); err != nil {
				t.Fatal(err)
			}
			tally := strings.Join([]string{strconv.Itoa(rc.Tally.Yes), strconv.Itoa(rc.Tally.No), strconv.Itoa(rc.Tally.Abstain)}, "-")
			if rc.Outcome != "vetoed" || !slices.Equal(rc.VetoedBy, tt.vetoedBy) || tally != tt.tally || len(rc.Votes) != 15 ||
				len(rc.Vetoes) != 1 || rc.Vetoes[0].UserAdded || rc.Links.Document != "https://undocs.org/"+tt.symbol || rc.Links.Meeting == "" {
				t.Errorf("%s: %+v", tt.symbol, rc)
			}
		}
		out := mustRun(t, "--db", db, "vetoes", "--topic", "DPRK", "--format", "csv")
		rows := readCSV(t, out)
		var drafts []string
		for _, r := range rows {
			drafts = append(drafts, r["draft"])
			if r["user_added"] != "false" {
				t.Errorf("user-added: %v", r)
			}
		}
		if !slices.Equal(drafts, []string{"S/2022/431", "S/2024/255"}) {
			t.Errorf("DPRK vetoes: %v", drafts)
		}
		council := readCSV(t, mustRun(t, "--db", db, "council", "--from", "2024", "--to", "2024", "--format", "csv"))
		if len(council) != 1 || council[0]["not_adopted"] != "8" || council[0]["roll_calls"] != "54" {
			t.Errorf("council 2024: %v", council)
		}
	})
	t.Run("each vote once", func(t *testing.T) {
		get := func(extra ...string) map[string]string {
			rows := readCSV(t, mustRun(t, append([]string{"--db", db, "align", "PRK", "RUS", "--by", "year", "--from", "2020", "--to", "2021", "--format", "csv"}, extra...)...))
			out := map[string]string{}
			for _, r := range rows {
				out[r["year"]] = r["n"]
			}
			return out
		}
		once, records := get(), get("--keep-duplicates")
		// A/RES/75/254A-C and its three parts; A/76/L.14 twice and A/RES/76/10.
		if once["2020"] != "89" || records["2020"] != "92" || once["2021"] != "74" || records["2021"] != "76" {
			t.Errorf("n once %v, by record %v", once, records)
		}
		dups := mustRun(t, "--db", db, "check", "--duplicates", "--format", "csv")
		for _, s := range []string{"A/RES/75/254[B]", "A/RES/75/254A-C", "A/76/L.14", "A/RES/76/10", "A/RES/50/38[B-IX]", "A/RES/61/128[B-V]"} {
			if !strings.Contains(dups, s) {
				t.Errorf("check --duplicates does not list %s", s)
			}
		}
	})
	t.Run("coverage", func(t *testing.T) {
		var cov struct {
			Bodies []struct {
				Body, Last string
				Years      []struct {
					Year    int
					Partial bool
				}
			}
		}
		if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "coverage", "--format", "json")), &cov); err != nil {
			t.Fatal(err)
		}
		last := map[string]string{}
		partial := map[string][]int{}
		for _, b := range cov.Bodies {
			last[b.Body] = b.Last
			for _, y := range b.Years {
				if y.Partial {
					partial[b.Body] = append(partial[b.Body], y.Year)
				}
			}
		}
		if last["GA"] != "2026-06-04" || last["SC"] != "2026-01-27" || !slices.Equal(partial["GA"], []int{2026}) {
			t.Errorf("coverage: last %v, partial %v", last, partial)
		}
		rows := readCSV(t, mustRun(t, "--db", db, "neighbours", "PRK", "--format", "csv"))
		if len(rows) == 0 || rows[0]["window"] != "2025" || rows[0]["partial"] != "false" {
			t.Errorf("neighbours PRK: %v", rows)
		}
		code, _, stderr := blocwatch(t, "--db", db, "vote", "A/RES/ES-11/7")
		if code != exitNotFound || !strings.Contains(stderr, "is not in the store (GA data through 4 Jun 2026") {
			t.Errorf("A/RES/ES-11/7: exit %d, %s", code, stderr)
		}
	})
	t.Run("traced", func(t *testing.T) {
		rows := readCSV(t, mustRun(t, "--db", db, "align", "PRK", "RUS", "--from", "2022-01-01", "--to", "2022-12-31", "--rollcalls", "--format", "csv"))
		same := 0
		for _, r := range rows {
			if !strings.HasPrefix(r["link"], "https://") {
				t.Errorf("no link: %v", r)
			}
			if r["same"] == "true" {
				same++
			}
		}
		if len(rows) != 79 || same != 66 { // agreement 66/79 = 0.835
			t.Errorf("%d roll calls, %d the same; want 79 and 66", len(rows), same)
		}
	})
}

// TestUniverseComparable adds Voeten's data to the store and checks that the
// default series does not move: KOR-USA 1992-2019 is the same, n and values,
// as on the UN Digital Library files alone.
func TestUniverseComparable(t *testing.T) {
	db := realEvidenceStore(t)
	args := []string{"align", "KOR", "USA", "--by", "year", "--from", "1992", "--to", "2019", "--format", "csv"}
	before := mustRun(t, append([]string{"--db", db}, args...)...)
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	merged := filepath.Join(t.TempDir(), "merged.db")
	if err := os.WriteFile(merged, data, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--db", merged, "-q", "ingest", filepath.Join(realdata.Dir(t), "unvotes"))
	after := mustRun(t, append([]string{"--db", merged}, args...)...)
	if before != after {
		t.Errorf("the default series moved when Voeten's data were added:\n%s\nvs\n%s", before, after)
	}
	all := readCSV(t, mustRun(t, "--db", merged, "align", "KOR", "USA", "--from", "2016", "--to", "2016", "--include", "all", "--format", "csv"))
	if len(all) != 1 || all[0]["n"] == "" || all[0]["universe"] != "resolutions+amendments+paragraphs+other" || all[0]["n"] == readCSV(t, before)[24]["n"] {
		t.Errorf("--include all in 2016: %v", all)
	}
}
