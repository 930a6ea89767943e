package blocs

import (
	"testing"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store/storetest"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// realRecord returns the vote matrix of the whole real record, from the
// cached store of ../shared/data (storetest).
func realRecord(tb testing.TB) *votes.Matrix {
	tb.Helper()
	return storetest.Matrix(tb)
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
