// Package realdata finds the real UN voting data that tests and benchmarks
// read (../shared/data beside the checkout, see its README) and caches what
// tests build from it.
//
// Every test that reads the real data goes through Dir or File, so the rules
// are the same in every package:
//
//   - go test -short reads no real data: such tests skip.
//   - The data are found at $BLOCWATCH_DATA, else at ../shared/data beside
//     the module's root (the folder holding go.mod).
//   - Where the data are absent a test skips locally, but fails when the
//     environment variable CI is "true": CI must not pass by skipping.
//
// Cache builds a derived artefact (a store, say) once per content hash and
// keeps it in the user's cache folder across test runs and packages.
package realdata

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"
)

// Env names the variable that points at another copy of the data.
const Env = "BLOCWATCH_DATA"

// CI reports whether the tests run under continuous integration
// (CI=true), where missing real data is a failure, not a skip.
func CI() bool { return os.Getenv("CI") == "true" }

// Dir returns the folder of the real data. It skips the test with -short,
// and where the data are absent skips it, or fails it under CI.
func Dir(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("-short: the real data are not read")
	}
	dir, err := find()
	if err != nil {
		missing(tb, err)
	}
	return dir
}

// File returns the path of the file rel (slash-separated, relative to the
// data folder), with the rules of Dir.
func File(tb testing.TB, rel string) string {
	tb.Helper()
	p := filepath.Join(Dir(tb), filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		missing(tb, err)
	}
	return p
}

func missing(tb testing.TB, err error) {
	tb.Helper()
	if CI() {
		tb.Fatalf("real data required under CI=true: %v", err)
	}
	tb.Skipf("real data absent: %v", err)
}

var (
	findOnce sync.Once
	findDir  string
	findErr  error
)

func find() (string, error) {
	findOnce.Do(func() {
		if d := os.Getenv(Env); d != "" {
			findDir = d
		} else {
			root, err := ModuleRoot()
			if err != nil {
				findErr = err
				return
			}
			findDir = filepath.Join(root, "..", "shared", "data")
		}
		if st, err := os.Stat(findDir); err != nil {
			findErr = err
		} else if !st.IsDir() {
			findErr = fmt.Errorf("%s is not a folder", findDir)
		}
	})
	return findDir, findErr
}

// ModuleRoot returns the folder holding go.mod, found upwards from the
// working folder (a test runs in its package's folder).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working folder")
		}
		dir = parent
	}
}

// Hash returns the SHA-256 of the contents and relative names of the files
// under each of paths (files or folders), in name order, as hex. The paths
// are hashed by their base names, so the same data in another place hash the
// same. match, if not nil, keeps only the files whose base name it accepts.
func Hash(paths []string, match func(name string) bool) (string, error) {
	h := sha256.New()
	for _, root := range paths {
		var files []string
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() && (match == nil || match(d.Name())) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return "", err
		}
		slices.Sort(files)
		for _, p := range files {
			rel, _ := filepath.Rel(filepath.Dir(root), p)
			fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
			f, err := os.Open(p)
			if err != nil {
				return "", err
			}
			n, err := io.Copy(h, f)
			f.Close()
			if err != nil {
				return "", fmt.Errorf("%s: %w", p, err)
			}
			fmt.Fprintf(h, "\x00%d\x00", n)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Cache returns the folder that build filled for key (a content hash),
// building it on first use. The folder lives in the user's cache folder
// (blocwatch-test/NAME-KEY), so later runs and other packages' tests reuse
// it; while one process builds, others wait for it. Callers must not change
// what is in the folder. Folders of the same name unused for a week are
// removed.
func Cache(name, key string, build func(dir string) error) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	base = filepath.Join(base, "blocwatch-test")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", err
	}
	if len(key) > 32 {
		key = key[:32] // a store's key is 16 digits of the data's hash and 16 of the code's
	}
	final := filepath.Join(base, name+"-"+key)
	unlock, err := lock(final + ".lock")
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(filepath.Join(final, ".done")); err == nil {
		now := time.Now()
		os.Chtimes(final, now, now) // mark as used, for the pruning below
		return final, nil
	}
	prune(base, name, final)
	os.RemoveAll(final)
	tmp, err := os.MkdirTemp(base, name+"-building-")
	if err != nil {
		return "", err
	}
	if err := build(tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".done"), nil, 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	return final, nil
}

// prune removes the folders of name other than keep that were not used for
// a week.
func prune(base, name, keep string) {
	ms, _ := filepath.Glob(filepath.Join(base, name+"-*"))
	for _, m := range ms {
		st, err := os.Stat(m)
		if err != nil || m == keep || !st.IsDir() || time.Since(st.ModTime()) < 7*24*time.Hour {
			continue
		}
		os.RemoveAll(m)
		os.Remove(m + ".lock")
	}
}
