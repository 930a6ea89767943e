package store

import (
	"context"
	"os"
	"path/filepath"
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
