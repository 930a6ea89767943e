package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/blocwatch/blocwatch/internal/store"
)

// holdWriteLock takes the store's write lock, as a running ingest does,
// and returns the function that releases it.
func holdWriteLock(t *testing.T, db string) func() {
	t.Helper()
	s, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := s.DB().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	return func() {
		conn.ExecContext(context.Background(), `ROLLBACK`)
		conn.Close()
		s.Close()
	}
}

// An ingest that finds another writing says so and waits for it; past
// --wait it gives up, saying why, and changes nothing.
func TestConcurrentIngest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv"); code != 0 {
		t.Fatal(stderr)
	}
	before := sum(t, db)

	release := holdWriteLock(t, db)
	code, _, stderr := blocwatch(t, "--db", db, "ingest", "--wait", "300ms", fixtures+"/unvotes")
	if code != exitFailure || !strings.Contains(stderr, "another blocwatch ingest or update is writing") || !strings.Contains(stderr, "waiting for it to finish") {
		t.Errorf("ingest past --wait: exit %d: %s", code, stderr)
	}

	// Released while the second ingest waits: it goes on and lands.
	var errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(context.Background(), []string{"--db", db, "ingest", "--wait", "10m", fixtures + "/unvotes"}, &syncBuffer{}, &errOut)
	}()
	for !strings.Contains(errOut.String(), "waiting for it to finish") {
		select {
		case code := <-done:
			t.Fatalf("the second ingest did not wait: exit %d: %s", code, errOut.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	if sum(t, db) != before {
		t.Error("the store changed while another held its write lock")
	}
	release()
	if code := <-done; code != 0 {
		t.Fatalf("the ingest that waited: exit %d: %s", code, errOut.String())
	}
	if sum(t, db) == before {
		t.Error("the ingest that waited wrote nothing")
	}
}

// --db names a file, whatever characters it holds.
func TestDBPathCharacters(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"x#y.db", "a?b.db", "p%41.db", "with space.db"} {
		db := filepath.Join(dir, name)
		if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv"); code != 0 {
			t.Fatalf("%s: %s", name, stderr)
		}
		if code, out, stderr := blocwatch(t, "--db", db, "vote", "A/RES/35/1"); code != 0 || !strings.Contains(out, "A/RES/35/1") {
			t.Errorf("%s: exit %d: %s%s", name, code, out, stderr)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("files written: %q, want the 4 named", names)
	}
}
