package blocs

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// realData is the shared data beside the checkout.
const realData = "../../../shared/data"

var (
	realOnce   sync.Once
	realMatrix *votes.Matrix
	realErr    error
)

// realRecord returns the vote matrix of the whole real record: from the
// store at $BLOCWATCH_BENCH_DB if set, else ingested once from
// ../shared/data into a temporary store. It skips without the data.
func realRecord(tb testing.TB) *votes.Matrix {
	tb.Helper()
	db := os.Getenv("BLOCWATCH_BENCH_DB")
	if db == "" {
		if _, err := os.Stat(filepath.Join(realData, "undl", "ga_voting.csv.gz")); err != nil {
			tb.Skipf("real data not present: %v", err)
		}
		if testing.Short() {
			tb.Skip("real data: skipped with -short")
		}
	}
	realOnce.Do(func() {
		ctx := context.Background()
		var s *store.Store
		if db != "" {
			s, realErr = store.OpenExisting(db)
		} else {
			dir, err := os.MkdirTemp("", "blocwatch-blocs")
			if err != nil {
				realErr = err
				return
			}
			defer os.RemoveAll(dir)
			if s, realErr = store.Open(filepath.Join(dir, "real.db")); realErr != nil {
				return
			}
			var bs []*store.Batch
			bs, realErr = store.Read([]string{realData + "/undl", realData + "/unvotes", realData + "/vetoes"})
			if realErr == nil {
				_, realErr = s.Ingest(ctx, bs, registry.Default(), store.IngestOptions{})
			}
		}
		if realErr != nil {
			return
		}
		defer s.Close()
		realMatrix, realErr = s.Matrix(ctx)
	})
	if realErr != nil {
		tb.Fatal(realErr)
	}
	return realMatrix
}

// BenchmarkBlocsAllYears finds the blocs of every year of General Assembly
// votes, 1946-2026, in one call, as `blocwatch blocs --by year` does.
func BenchmarkBlocsAllYears(b *testing.B) {
	m := realRecord(b)
	mask := m.Select(votes.Filter{Body: record.GA})
	ws := align.Years(m)
	b.ResetTimer()
	for range b.N {
		ps, err := Detect(m, ws, Options{Mask: mask, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		if len(ps) < 79 {
			b.Fatalf("%d years", len(ps))
		}
	}
}

// BenchmarkAllPairsAllYears is the part of BenchmarkBlocsAllYears that
// builds the agreement graphs.
func BenchmarkAllPairsAllYears(b *testing.B) {
	m := realRecord(b)
	mask := m.Select(votes.Filter{Body: record.GA})
	ws := align.Years(m)
	b.ResetTimer()
	for range b.N {
		if _, err := align.AllPairs(m, ws, mask); err != nil {
			b.Fatal(err)
		}
	}
}
