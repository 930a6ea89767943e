package store

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/blocwatch/blocwatch/internal/registry"
)

const realGA = "../../../shared/data/undl/ga_voting.csv.gz"

func needReal(tb testing.TB, path string) {
	tb.Helper()
	if _, err := os.Stat(path); err != nil {
		tb.Skipf("real data not present: %v", err)
	}
}

// BenchmarkIngestGA reads and ingests the full General Assembly file into a
// new store.
func BenchmarkIngestGA(b *testing.B) {
	needReal(b, realGA)
	for i := 0; i < b.N; i++ {
		s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		bs, err := Read([]string{realGA})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Ingest(context.Background(), bs, registry.Default(), IngestOptions{}); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// realStore ingests all of ../shared/data once into a store shared by the
// benchmarks and integration tests of this package.
func realStore(tb testing.TB) *Store {
	tb.Helper()
	needReal(tb, realGA)
	realOnce.Do(func() {
		dir, err := os.MkdirTemp("", "blocwatch-real")
		if err != nil {
			realErr = err
			return
		}
		s, err := Open(filepath.Join(dir, "real.db"))
		if err != nil {
			realErr = err
			return
		}
		bs, err := Read([]string{"../../../shared/data/undl", "../../../shared/data/vetoes", "../../../shared/data/unvotes"})
		if err != nil {
			realErr = err
			return
		}
		realReport, realErr = s.Ingest(context.Background(), bs, registry.Default(), IngestOptions{})
		realDB = s
	})
	if realErr != nil {
		tb.Fatal(realErr)
	}
	return realDB
}

var (
	realOnce   sync.Once
	realDB     *Store
	realReport *Report
	realErr    error
)

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
