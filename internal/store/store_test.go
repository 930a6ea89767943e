package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/source"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func ingest(t *testing.T, s *Store, paths ...string) *Report {
	t.Helper()
	bs, err := Read(paths)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := s.Ingest(context.Background(), bs, registry.Default(), IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestSymbolKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A/RES/41/59 L", "41/59L"},
		{"A/RES/41/59L", "41/59L"},
		{"R/41/59L", "41/59L"},
		{"A/RES/2908(XXVII)", "27/2908"},
		{"R/27/2908", "27/2908"},
		{"A/RES/31/6[A]", "31/6A"},
		{"A/RES/ES-11/1", "ES11/1"},
		{"A/RES/17(I)[RULE-73]", "1/17RULE-73"},
		{"A/RES/74/019", "74/19"},
		{"MISSING_DATA", ""},
		{"A/73/L.42", ""},
		{"", ""},
		{"A/RES/12(QQ)", ""},
	}
	for _, tt := range tests {
		if got := SymbolKey(tt.in); got != tt.want {
			t.Errorf("SymbolKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIngestAndLookup(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rep := ingest(t, s, "testdata/ga_small.csv")
	b := rep.Batches[0]
	if b.RollCallsNew != 3 || b.VotesNew != 14 || b.TotalsMismatch != 1 {
		t.Fatalf("report %+v", b)
	}
	rc, err := s.RollCallBySymbol(ctx, "a/res/35/1", "")
	if err != nil {
		t.Fatal(err)
	}
	if rc.Tally != (record.Tally{Yes: 3, No: 1, NonVoting: 1}) || rc.Body != record.GA || rc.Link == "" || len(rc.Votes) != 5 {
		t.Fatalf("rc %+v", rc)
	}
	// By normalised symbol.
	if rc, err := s.RollCallBySymbol(ctx, "A/RES/36/5B", ""); err != nil || rc.Resolution != "A/RES/36/5 B" {
		t.Fatalf("normalised lookup: %v %v", rc, err)
	}
	var nf *NotFoundError
	if _, err := s.RollCallBySymbol(ctx, "A/RES/99/99", ""); !errors.As(err, &nf) {
		t.Fatalf("want not found, got %v", err)
	}
	list, err := s.Search(ctx, Query{State: "PRK"})
	if err != nil || len(list) != 1 || list[0].Vote != "N" || !list[0].TallyMismatch {
		t.Fatalf("search PRK: %+v %v", list, err)
	}
	list, err = s.Search(ctx, Query{Text: "displaced georgia", From: "2023-01-01"})
	if err != nil || len(list) != 1 {
		t.Fatalf("search text: %+v %v", list, err)
	}
	c, err := s.Check(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Mismatches) != 1 || c.Mismatches[0].Resolution != "A/RES/77/293" || c.Mismatches[0].Official.Abstain != 2 || c.Mismatches[0].Counted.Abstain != 1 {
		t.Fatalf("mismatches %+v", c.Mismatches)
	}
	m, err := s.Matrix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.NumRollCalls() != 3 || m.NumStates() != 9 {
		t.Fatalf("matrix %d x %d", m.NumRollCalls(), m.NumStates())
	}
}

func TestIngestIdempotent(t *testing.T) {
	s := openTemp(t)
	ingest(t, s, "testdata/ga_small.csv")
	before := fileSum(t, s.Path())
	rep := ingest(t, s, "testdata/ga_small.csv")
	if rep.Changed || !rep.Batches[0].Unchanged {
		t.Fatalf("second ingest changed the store: %+v", rep.Batches[0])
	}
	if fileSum(t, s.Path()) != before {
		t.Fatal("store bytes changed after ingesting the same file again")
	}
	// The same content under another name (gzip) merges without change to votes.
	gz := filepath.Join(t.TempDir(), "ga_small.csv.gz")
	raw, _ := os.ReadFile("testdata/ga_small.csv")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	os.WriteFile(gz, buf.Bytes(), 0o644)
	rep = ingest(t, s, gz)
	b := rep.Batches[0]
	if b.RollCallsNew != 0 || b.VotesNew != 0 || b.VotesSame != 14 || b.VotesDisagree != 0 {
		t.Fatalf("gzip copy: %+v", b)
	}
}

func TestMergeSources(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ingest(t, s, "testdata/unvotes")
	rep := ingest(t, s, "testdata/ga_small.csv")
	b := rep.Batches[0]
	// A/RES/35/1 and A/RES/36/5 B are in both; the amendment vote is not.
	if b.CrossMatched != 2 || b.RollCallsNew != 1 {
		t.Fatalf("report %+v", b)
	}
	// France: unvotes "no" on rcid 1, UNDL "Y": the UNDL value is kept.
	if b.VotesDisagree != 1 || b.VotesReplaced != 1 {
		t.Fatalf("disagreements %+v", b)
	}
	rc, err := s.RollCallBySymbol(ctx, "A/RES/35/1", "")
	if err != nil {
		t.Fatal(err)
	}
	if rc.Date != "1980-12-01" || len(rc.Sources) != 2 || len(rc.Issues) != 1 || rc.Issues[0] != "hr" || !rc.Important {
		t.Fatalf("merged roll call %+v", rc)
	}
	for _, v := range rc.Votes {
		if v.State == "FRA" && v.Code != "Y" {
			t.Fatalf("FRA vote %q, want the UNDL's Y", v.Code)
		}
	}
	c, err := s.Check(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	if c.CrossMatched != 2 || c.DisagreeCount != 1 || len(c.Disagreements) != 1 || c.Disagreements[0].State != "FRA" || c.Disagreements[0].Other != "N" {
		t.Fatalf("check %+v", c)
	}
	// Same result in the other order.
	s2 := openTemp(t)
	ingest(t, s2, "testdata/ga_small.csv")
	rep = ingest(t, s2, "testdata/unvotes")
	b = rep.Batches[0]
	if b.CrossMatched != 2 || b.RollCallsNew != 1 || b.VotesDisagree != 1 || b.VotesReplaced != 0 {
		t.Fatalf("reverse order: %+v", b)
	}
	rc2, _ := s2.RollCallBySymbol(ctx, "A/RES/35/1", "")
	if rc2.Tally != rc.Tally || rc2.Date != rc.Date {
		t.Fatalf("order matters: %+v vs %+v", rc2.Tally, rc.Tally)
	}
}

func TestProblemsKeptOut(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rep := ingest(t, s, "testdata/ga_messy.csv")
	b := rep.Batches[0]
	if b.UnknownStates != 1 || len(b.Problems) != 2 || b.VotesNew != 2 {
		t.Fatalf("report %+v", b)
	}
	var msgs []string
	for _, p := range b.Problems {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{`ga_messy.csv:3: unknown state "ATLANTIS"`, `ga_messy.csv:5: conflicting duplicate row for FRA`} {
		if !strings.Contains(all, want) {
			t.Errorf("problems %q lack %q", all, want)
		}
	}
	rc, _ := s.RollCallBySymbol(ctx, "A/RES/45/2", "")
	if len(rc.Votes) != 2 || rc.Votes[0].State != "FRA" || rc.Votes[0].Code != "Y" {
		t.Fatalf("votes %+v", rc.Votes)
	}
	c, _ := s.Check(ctx, false)
	if c.UnknownStateRows != 1 || len(c.Problems) != 2 {
		t.Fatalf("check problems %+v", c.Problems)
	}
}

func TestFailedIngestLeavesStoreUntouched(t *testing.T) {
	s := openTemp(t)
	ingest(t, s, "testdata/ga_small.csv")
	before := fileSum(t, s.Path())
	// Strict: the unknown state fails the whole ingest inside the transaction.
	bs, err := Read([]string{"testdata/ga_messy.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(context.Background(), bs, registry.Default(), IngestOptions{Strict: true}); err == nil || !strings.Contains(err.Error(), "ATLANTIS") {
		t.Fatalf("strict ingest: %v", err)
	}
	if fileSum(t, s.Path()) != before {
		t.Fatal("store changed after a failed ingest")
	}
	// A truncated gzip file fails before anything is written.
	dir := t.TempDir()
	raw, _ := os.ReadFile("testdata/ga_small.csv")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(bytes.Repeat(raw, 20))
	zw.Close()
	cut := filepath.Join(dir, "cut.csv.gz")
	os.WriteFile(cut, buf.Bytes()[:buf.Len()/2], 0o644)
	if _, err := Read([]string{cut}); err == nil || !strings.Contains(err.Error(), "cut.csv.gz") {
		t.Fatalf("truncated gzip: %v", err)
	}
	// An unknown header.
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("a,b,c\n1,2,3\n"), 0o644)
	if _, err := Read([]string{bad}); err == nil || !strings.Contains(err.Error(), "a,b,c") && !strings.Contains(err.Error(), `"a"`) {
		t.Fatalf("unknown header: %v", err)
	}
	if fileSum(t, s.Path()) != before {
		t.Fatal("store changed")
	}
}

func TestFits(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	if _, _, err := s.Fit(ctx, "default"); err == nil {
		t.Fatal("want not found")
	}
	pts := []Point{{State: "USA", Year: 2000, X: 1.5, SE: 0.1, N: 70}, {State: "PRK", Year: 2000, X: -1.2, SE: 0.2, N: 60}}
	if err := s.SaveFit(ctx, &Fit{Name: "default", Settings: `{"dynamic":true}`, DataVersion: 3, Iterations: 40, Converged: true}, pts); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFit(ctx, &Fit{Name: "default", Settings: `{}`, DataVersion: 4}, pts[:1]); err != nil {
		t.Fatal(err)
	}
	f, got, err := s.Fit(ctx, "default")
	if err != nil || f.DataVersion != 4 || len(got) != 1 || got[0] != pts[0] {
		t.Fatalf("fit %+v %+v %v", f, got, err)
	}
	if fs, _ := s.Fits(ctx); len(fs) != 1 {
		t.Fatalf("fits %+v", fs)
	}
}

func FuzzSymbolKey(f *testing.F) {
	for _, s := range []string{"A/RES/41/59 L", "R/27/2908", "A/RES/2908(XXVII)", "A/RES/31/6[A]", "A/RES/ES-11/1", "A/RES/17(I)[RULE-73]", "MISSING_DATA", "A/RES/(", "R//"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := SymbolKey(s)
		if k == "" {
			return
		}
		if !strings.Contains(k, "/") {
			t.Fatalf("SymbolKey(%q) = %q has no session", s, k)
		}
		// A key of a new-style symbol is a normal form: its own symbol gives
		// it back.
		if k2 := SymbolKey("A/RES/" + k); k2 != k && !strings.ContainsAny(s, "()") {
			t.Errorf("SymbolKey(%q) = %q, but SymbolKey(A/RES/%s) = %q", s, k, k, k2)
		}
	})
}

// TestMatchByBase: Voeten's data splits a resolution into parts that the UN
// Digital Library records as one; the part whose votes agree is matched, a
// part that disagrees is not.
func TestMatchByBase(t *testing.T) {
	states := []struct{ code, name, iso2, uname string }{
		{"USA", "UNITED STATES", "US", "United States"}, {"FRA", "FRANCE", "FR", "France"}, {"GBR", "UNITED KINGDOM", "GB", "United Kingdom"},
		{"IND", "INDIA", "IN", "India"}, {"BRA", "BRAZIL", "BR", "Brazil"}, {"EGY", "UNITED ARAB REPUBLIC", "EG", "Egypt"},
		{"CAN", "CANADA", "CA", "Canada"}, {"MEX", "MEXICO", "MX", "Mexico"}, {"JPN", "JAPAN", "JP", "Japan"},
		{"AUS", "AUSTRALIA", "AU", "Australia"}, {"SUN", "USSR", "RU", "Russia"}, {"POL", "POLAND", "PL", "Poland"},
	}
	undl := source.Group{RollCall: record.RollCall{Body: record.GA, UNDLID: "9", Date: "1965-12-10", Session: 20, Resolution: "A/RES/2012(XX)", Title: "T"}}
	partA := source.Group{RollCall: record.RollCall{Body: record.GA, SourceID: "1", Date: "1965-12-01", Resolution: "R/20/2012A"}}
	partB := source.Group{RollCall: record.RollCall{Body: record.GA, SourceID: "2", Date: "1965-12-01", Resolution: "R/20/2012B"}}
	for i, s := range states {
		v := record.Yes
		if i >= 10 {
			v = record.No
		}
		undl.Casts = append(undl.Casts, record.Cast{Code: s.code, Name: s.name, Vote: v, Line: i + 2})
		partA.Casts = append(partA.Casts, record.Cast{Code: s.iso2, Name: s.uname, Vote: v, Line: i + 2})
		partB.Casts = append(partB.Casts, record.Cast{Code: s.iso2, Name: s.uname, Vote: record.Abstain, Line: i + 20})
	}
	s := openTemp(t)
	ctx := context.Background()
	if _, err := s.Ingest(ctx, []*Batch{{Name: "ga.csv", Family: FamilyUNDL, SHA256: "a", Groups: []source.Group{undl}}}, registry.Default(), IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Ingest(ctx, []*Batch{{Name: "unvotes", Family: FamilyUnvotes, SHA256: "b", Groups: []source.Group{partB, partA}}}, registry.Default(), IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b := rep.Batches[0]
	if b.ByBase != 1 || b.CrossMatched != 1 || b.RollCallsNew != 1 || b.VotesSame != 12 || b.VotesDisagree != 0 {
		t.Fatalf("report %+v", b)
	}
}
