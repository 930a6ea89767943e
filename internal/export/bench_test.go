package export

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// sizes returns the bytes of the Parquet and the CSV files under dir.
func sizes(t testing.TB, dir string) (pq, csv int64) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".parquet":
			pq += info.Size()
		case ".csv":
			csv += info.Size()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pq, csv
}

// TestRealSizes checks that the Parquet set takes at most a third of the
// CSV set's bytes.
func TestRealSizes(t *testing.T) {
	_, res := realExport(t)
	pq, csv := sizes(t, res.Dir)
	t.Logf("Parquet %.1f MB, CSV %.1f MB (%.1f%%)", float64(pq)/1e6, float64(csv)/1e6, 100*float64(pq)/float64(csv))
	if pq*3 > csv {
		t.Errorf("Parquet %d bytes, more than a third of CSV's %d", pq, csv)
	}
}

// BenchmarkExportAll writes every table of the real store, every year,
// in both formats, as `blocwatch export --format parquet,csv` does. The
// target (docs/benchmarks.md) is at most 10 s on 2 cores.
func BenchmarkExportAll(b *testing.B) {
	st, _ := realExport(b)
	dir := b.TempDir()
	b.ResetTimer()
	for i := range b.N {
		out := filepath.Join(dir, "run", string(rune('a'+i%26)))
		if _, err := Export(context.Background(), st, out, Options{Formats: []Format{Parquet, CSV}}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		pq, csv := sizes(b, out)
		b.ReportMetric(float64(pq)/1e6, "parquet-MB")
		b.ReportMetric(float64(csv)/1e6, "csv-MB")
		os.RemoveAll(out)
		b.StartTimer()
	}
}
