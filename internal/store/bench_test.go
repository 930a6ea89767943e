package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/store/storetest"
)

// BenchmarkIngestGA reads and ingests the full General Assembly file into a
// new store.
func BenchmarkIngestGA(b *testing.B) {
	ga := realdata.File(b, "undl/ga_voting.csv.gz")
	for i := 0; i < b.N; i++ {
		s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		bs, err := store.Read([]string{ga})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Ingest(context.Background(), bs, registry.Default(), store.IngestOptions{}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// realStore opens the cached store of all of ../shared/data (storetest).
func realStore(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.OpenExisting(storetest.Path(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkMatrix loads the vote matrix of all the shared data from the
// store: the start-up cost of every analysis.
func BenchmarkMatrix(b *testing.B) {
	s := realStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Matrix(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVoteLookup looks up one roll call with every member's vote.
func BenchmarkVoteLookup(b *testing.B) {
	s := realStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.RollCallBySymbol(context.Background(), "A/RES/ES-11/1", ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRealData checks the store of all of ../shared/data, and the report of
// its ingest, against what
// the data README promises.
func TestRealData(t *testing.T) {
	s := realStore(t)
	realReport := storetest.Report(t)
	ctx := context.Background()
	rc, err := s.RollCallBySymbol(ctx, "A/RES/ES-11/1", "")
	if err != nil {
		t.Fatal(err)
	}
	if rc.Tally.Yes != 141 || rc.Tally.No != 5 || rc.Tally.Abstain != 35 || rc.Date != "2022-03-02" || rc.Body != "GA" {
		t.Fatalf("A/RES/ES-11/1: %+v", rc.Tally)
	}
	var no []string
	for _, v := range rc.Votes {
		if v.Code == "N" {
			no = append(no, v.State)
		}
	}
	if strings.Join(no, " ") != "BLR ERI PRK RUS SYR" {
		t.Fatalf("no votes: %v", no)
	}
	byName := map[string]store.BatchReport{}
	for _, b := range realReport.Batches {
		byName[b.Layout] = b
		t.Logf("%s: %d rows, %d roll calls new, %d matched (%d across sources), votes %d new %d confirmed %d disagree, %d problems",
			b.Name, b.Rows, b.RollCallsNew, b.RollCallsMatched, b.CrossMatched, b.VotesNew, b.VotesSame, b.VotesDisagree, len(b.Problems))
	}
	ga := byName["undl"]
	if ga.Rows != 948836+38379 && ga.Rows != 948836 && ga.Rows != 38379 {
		t.Errorf("undl rows %d", ga.Rows)
	}
	unv := byName["unvotes"]
	if unv.Rows != 870109 || unv.RollCallsNew+unv.RollCallsMatched != 6203 {
		t.Errorf("unvotes: %d rows, %d roll calls", unv.Rows, unv.RollCallsNew+unv.RollCallsMatched)
	}
	// Most of Voeten's resolution votes are also in the UN Digital Library
	// records; they must be counted once.
	if unv.CrossMatched < 4000 {
		t.Errorf("only %d unvotes roll calls matched UNDL records", unv.CrossMatched)
	}
	c, err := s.Check(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	// Every row is accounted for: stored as a vote, or recorded as a problem.
	if c.Votes+c.DisagreeCount < 948836+38379-1 {
		t.Errorf("votes %d", c.Votes)
	}
	found := false
	for _, m := range c.Mismatches {
		if m.Resolution == "A/RES/77/293" && m.Official.Abstain == 59 && m.Counted.Abstain == 58 {
			found = true
		}
	}
	if !found {
		t.Errorf("A/RES/77/293 not flagged: %+v", c.Mismatches)
	}
	if c.Vetoes != 214+18 || c.UnknownStateRows != 1 {
		t.Errorf("vetoes %d, unknown-state rows %d", c.Vetoes, c.UnknownStateRows)
	}
	t.Logf("%d roll calls, %d votes, %d cross-matched, %d disagreements %v, %d totals mismatches",
		c.RollCalls, c.Votes, c.CrossMatched, c.DisagreeCount, c.DisagreeByVote, len(c.Mismatches))
	m, err := s.Matrix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if m.NumRollCalls() != c.RollCalls {
		t.Errorf("matrix has %d roll calls, store %d", m.NumRollCalls(), c.RollCalls)
	}
}
