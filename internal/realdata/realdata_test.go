package realdata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestHash(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		os.MkdirAll(filepath.Join(d, "x", "sub"), 0o755)
		os.WriteFile(filepath.Join(d, "x", "one.csv"), []byte("1"), 0o644)
		os.WriteFile(filepath.Join(d, "x", "sub", "two.go"), []byte("2"), 0o644)
	}
	ha, err := Hash([]string{filepath.Join(a, "x")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hb, _ := Hash([]string{filepath.Join(b, "x")}, nil)
	if ha != hb {
		t.Errorf("same files in two places hash differently: %s %s", ha, hb)
	}
	onlyGo, _ := Hash([]string{filepath.Join(a, "x")}, func(n string) bool { return filepath.Ext(n) == ".go" })
	if onlyGo == ha {
		t.Error("match did not narrow the files")
	}
	os.WriteFile(filepath.Join(b, "x", "one.csv"), []byte("changed"), 0o644)
	if hb, _ = Hash([]string{filepath.Join(b, "x")}, nil); hb == ha {
		t.Error("a changed file did not change the hash")
	}
	os.Rename(filepath.Join(a, "x", "sub", "two.go"), filepath.Join(a, "x", "sub", "three.go"))
	if hr, _ := Hash([]string{filepath.Join(a, "x")}, nil); hr == ha {
		t.Error("a renamed file did not change the hash")
	}
	if _, err := Hash([]string{filepath.Join(a, "gone")}, nil); err == nil {
		t.Error("no error for a missing folder")
	}
}

func TestCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	builds := 0
	build := func(dir string) error {
		builds++
		return os.WriteFile(filepath.Join(dir, "out"), []byte("built"), 0o644)
	}
	d1, err := Cache("thing", "0123456789abcdef0123", build)
	if err != nil {
		t.Fatal(err)
	}
	d2, err := Cache("thing", "0123456789abcdef0123", build)
	if err != nil {
		t.Fatal(err)
	}
	if d1 != d2 || builds != 1 {
		t.Errorf("second call built again: %s %s, %d builds", d1, d2, builds)
	}
	if b, err := os.ReadFile(filepath.Join(d1, "out")); err != nil || string(b) != "built" {
		t.Errorf("cached folder: %q %v", b, err)
	}
	if d3, _ := Cache("thing", "fedcba", build); d3 == d1 || builds != 2 {
		t.Errorf("another key did not build: %s, %d builds", d3, builds)
	}
	if _, err := Cache("broken", "1", func(string) error { return os.ErrPermission }); err == nil {
		t.Error("a failed build gave no error")
	}
	if _, err := Cache("broken", "1", build); err != nil || builds != 3 {
		t.Errorf("after a failed build: %v, %d builds", err, builds)
	}
}

func TestModuleRoot(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Error(err)
	}
}
