// Package storetest gives tests the store of the whole real record (the UN
// Digital Library files, the unvotes data and the veto lists of
// ../shared/data, see package realdata), ingested as `blocwatch ingest`
// does.
//
// The store is built once per content hash of the data and of the source of
// the packages that ingest them (so a change to either rebuilds it) and kept
// in the user's cache folder: one `go test ./...` ingests the data at most
// once, and later runs not at all. The rules of realdata apply: -short skips,
// missing data skip locally and fail under CI=true.
package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Parts are the folders of the real data that the store holds.
var Parts = []string{"undl", "unvotes", "vetoes"}

// ingestPackages are the packages whose code decides what the store holds
// (go list -deps ./internal/store); their source is part of the cache key.
var ingestPackages = []string{"record", "classify", "registry", "source", "votes", "store"}

var (
	mu     sync.Mutex
	builds = map[string]*built{}

	matrixOnce sync.Once
	matrix     *votes.Matrix
	matrixErr  error
)

// built is one cached store, built or found once per test binary.
type built struct {
	once   sync.Once
	dir    string
	report *store.Report
	err    error
}

// Path returns the file of the cached store of the whole real record (the
// folders of Parts). Open it with store.OpenExisting and change nothing: it
// is shared by every test run. Use Copy for a store a test may change.
func Path(tb testing.TB) string {
	tb.Helper()
	return Of(tb, Parts...)
}

// Of returns the file of the cached store of the given files or folders of
// the real data (slash-separated, relative to the data folder), ingested in
// one call as `blocwatch ingest` does.
func Of(tb testing.TB, parts ...string) string {
	tb.Helper()
	return filepath.Join(build(tb, parts).dir, "real.db")
}

// Copy returns a copy of the store of parts (all of Parts if none) in the
// test's temporary folder, for a test that may change it.
func Copy(tb testing.TB, parts ...string) string {
	tb.Helper()
	if len(parts) == 0 {
		parts = Parts
	}
	src := Of(tb, parts...)
	dst := filepath.Join(tb.TempDir(), "real.db")
	if err := copyFile(dst, src); err != nil {
		tb.Fatal(err)
	}
	return dst
}

// Report returns the report of the ingest that built the cached store of
// the whole real record.
func Report(tb testing.TB) *store.Report {
	tb.Helper()
	return build(tb, Parts).report
}

// Matrix returns the vote matrix of the cached store of the whole real
// record, loaded once per test binary. Callers must not change it.
func Matrix(tb testing.TB) *votes.Matrix {
	tb.Helper()
	p := Path(tb)
	matrixOnce.Do(func() {
		s, err := store.OpenExisting(p)
		if err != nil {
			matrixErr = err
			return
		}
		defer s.Close()
		matrix, matrixErr = s.Matrix(context.Background())
	})
	if matrixErr != nil {
		tb.Fatalf("real store %s: %v", p, matrixErr)
	}
	return matrix
}

func build(tb testing.TB, parts []string) *built {
	tb.Helper()
	var paths []string
	for _, p := range parts {
		paths = append(paths, realdata.File(tb, p))
	}
	name := strings.Join(parts, "+")
	mu.Lock()
	b := builds[name]
	if b == nil {
		b = new(built)
		builds[name] = b
	}
	mu.Unlock()
	b.once.Do(func() {
		key, err := cacheKey(paths)
		if err != nil {
			b.err = err
			return
		}
		if b.dir, b.err = realdata.Cache("store", key, func(dir string) error { return ingest(dir, paths) }); b.err != nil {
			return
		}
		rb, err := os.ReadFile(filepath.Join(b.dir, "report.json"))
		if err != nil {
			b.err = err
			return
		}
		b.report = new(store.Report)
		b.err = json.Unmarshal(rb, b.report)
	})
	if b.err != nil {
		tb.Fatalf("real store of %s: %v", name, b.err)
	}
	return b
}

func cacheKey(paths []string) (string, error) {
	dataKey, err := realdata.Hash(paths, nil)
	if err != nil {
		return "", err
	}
	root, err := realdata.ModuleRoot()
	if err != nil {
		return "", err
	}
	var src []string
	for _, p := range ingestPackages {
		src = append(src, filepath.Join(root, "internal", p))
	}
	src = append(src, filepath.Join(root, "go.mod"))
	codeKey, err := realdata.Hash(src, func(name string) bool {
		return name == "go.mod" || strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") ||
			strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".csv")
	})
	if err != nil {
		return "", err
	}
	return dataKey[:16] + codeKey[:16], nil
}

func ingest(dir string, paths []string) error {
	ctx := context.Background()
	s, err := store.Open(filepath.Join(dir, "real.db"))
	if err != nil {
		return err
	}
	bs, err := store.Read(paths)
	if err != nil {
		s.Close()
		return err
	}
	rep, err := s.Ingest(ctx, bs, registry.Default(), store.IngestOptions{})
	if err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return err
	}
	b, err := json.Marshal(rep)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "report.json"), b, 0o644)
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}
