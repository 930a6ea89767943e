package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// On a store holding only roll calls, vetoes answers from the built-in
// published list; user-added vetoes extend it.
func TestVetoesBuiltIn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatal(stderr)
	}
	code, out, stderr := blocwatch(t, "--db", db, "vetoes", "--topic", "DPRK", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var drafts []string
	for _, r := range rows[1:] {
		drafts = append(drafts, r[1])
		if !strings.HasPrefix(r[8], "built-in/unsc_vetoes_") {
			t.Errorf("source of %s: %q, want the built-in file and line", r[1], r[8])
		}
	}
	if strings.Join(drafts, " ") != "S/2022/431 S/2024/255" {
		t.Errorf("DPRK vetoes from the built-in list: %q\n%s", drafts, out)
	}
	// Without any store at all, too.
	if code, out, _ := blocwatch(t, "--db", filepath.Join(t.TempDir(), "none.db"), "vetoes", "--by", "RUS", "--year", "2022"); code != 0 || !strings.Contains(out, "S/2022/431") {
		t.Errorf("vetoes without a store: exit %d\n%s", code, out)
	}

	if code, _, stderr := blocwatch(t, "--db", db, "ingest", "../../internal/council/testdata/user_vetoes.csv"); code != 0 {
		t.Fatal(stderr)
	}
	_, out, _ = blocwatch(t, "--db", db, "vetoes", "--topic", "DPRK")
	if !strings.Contains(out, "1 of them user-added") {
		t.Errorf("the user-added veto does not extend the built-in list:\n%s", out)
	}
}
