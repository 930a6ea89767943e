package export

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"github.com/blocwatch/blocwatch/internal/realdata"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// readCSV reads a CSV file, gzipped if its name ends in .gz.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if filepath.Ext(path) == ".gz" {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	}
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestRealUnvotes writes the unvotes layout from the UNDL store and checks
// it against the unvotes package's own files for 2015-2019: the same
// headers, the same codes, and for the roll calls both hold (matched on
// symbol and date) the same country names, codes and votes.
func TestRealUnvotes(t *testing.T) {
	st, _ := realExport(t)
	dir := t.TempDir()
	n, err := WriteUnvotes(context.Background(), st, dir, UnvotesOptions{From: "2015-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(realdata.Dir(t), "unvotes")
	ours := map[string][][]string{}
	for _, name := range []string{"votes", "roll_calls", "roll_call_issues"} {
		ours[name] = readCSV(t, filepath.Join(dir, name+".csv"))
		theirs := readCSV(t, filepath.Join(ref, name+".csv.gz"))
		if !slices.Equal(ours[name][0], theirs[0]) {
			t.Errorf("%s.csv header %v, unvotes has %v", name, ours[name][0], theirs[0])
		}
	}
	if got := len(ours["roll_calls"]) - 1; got != n.RollCalls || len(ours["votes"])-1 != n.Votes || len(ours["roll_call_issues"])-1 != n.Issues {
		t.Errorf("counts %+v, files hold %d, %d, %d rows", n, got, len(ours["votes"])-1, len(ours["roll_call_issues"])-1)
	}
	// Codes.
	iso2 := regexp.MustCompile(`^([A-Z]{2})?$`)
	for _, r := range ours["votes"][1:] {
		if r[3] != "yes" && r[3] != "no" && r[3] != "abstain" {
			t.Fatalf("vote %q", r[3])
		}
		if !iso2.MatchString(r[2]) {
			t.Fatalf("country_code %q", r[2])
		}
	}
	issues := map[string]string{"me": "Palestinian conflict", "nu": "Nuclear weapons and nuclear material",
		"di": "Arms control and disarmament", "hr": "Human rights", "co": "Colonialism", "ec": "Economic development"}
	for _, r := range ours["roll_call_issues"][1:] {
		if issues[r[1]] != r[2] {
			t.Fatalf("issue %q %q", r[1], r[2])
		}
	}
	// Match roll calls of 2015-2019 on symbol and date.
	type key struct{ unres, date string }
	rcOurs := map[key]string{}
	for _, r := range ours["roll_calls"][1:] {
		if r[3] <= "2019-12-31" {
			rcOurs[key{r[4], r[3]}] = r[0]
		}
	}
	theirRC := readCSV(t, filepath.Join(ref, "roll_calls.csv.gz"))
	match := map[string]string{} // their rcid -> ours
	for _, r := range theirRC[1:] {
		if r[3] < "2015-01-01" {
			continue
		}
		if id, ok := rcOurs[key{r[4], r[3]}]; ok {
			match[r[0]] = id
		}
	}
	if len(match) < 200 {
		t.Fatalf("only %d roll calls of 2015-2019 matched on symbol and date", len(match))
	}
	type cell struct{ rcid, code string }
	ourVotes := map[cell][2]string{}
	for _, r := range ours["votes"][1:] {
		ourVotes[cell{r[0], r[2]}] = [2]string{r[1], r[3]}
	}
	var same, differ, missing, names int
	for _, r := range readCSV(t, filepath.Join(ref, "votes.csv.gz"))[1:] {
		id, ok := match[r[0]]
		if !ok {
			continue
		}
		got, ok := ourVotes[cell{id, r[2]}]
		switch {
		case !ok:
			missing++
		case got[1] != r[3]:
			differ++
		default:
			same++
		}
		if ok && got[0] != r[1] {
			if names < 5 {
				t.Errorf("country %s: ours %q, unvotes %q", r[2], got[0], r[1])
			}
			names++
		}
	}
	t.Logf("2015-2019: %d roll calls matched; %d votes the same, %d differ, %d missing; %d names differ", len(match), same, differ, missing, names)
	if total := same + differ + missing; total == 0 || float64(same) < 0.99*float64(total) {
		t.Errorf("only %d of %d votes of unvotes 2015-2019 are the same", same, total)
	}
}
