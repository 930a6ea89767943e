package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type health struct {
	code   int
	Status string `json:"status"`
	Reason string `json:"reason"`
	Rolls  int    `json:"records"` // every record: the replaced store adds Voeten's amendments
}

func healthOf(t *testing.T, s *Server) health {
	t.Helper()
	w := get(t, s.Handler(), "/healthz")
	var h health
	if err := json.Unmarshal(w.Body.Bytes(), &h); err != nil {
		t.Fatalf("healthz: %v: %s", err, w.Body)
	}
	h.code = w.Code
	return h
}

// A store replaced under the server (mv new.db store.db) is reopened and
// swapped in, even when its data version equals the old one; a deleted
// store turns /healthz to 503 with the reason, and a store put back clears
// it.
func TestCheckReplacedAndDeletedStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	if _, err := ingestFiles(db, []string{filepath.Join(testdata, "ga_small.csv")}); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "new.db")
	if _, err := ingestFiles(other, []string{filepath.Join(testdata, "ga_small.csv"), filepath.Join(testdata, "unvotes")}); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, Config{DBPath: db})
	ctx := context.Background()
	before := healthOf(t, s)
	if before.code != http.StatusOK || before.Status != "ok" {
		t.Fatalf("healthz at start: %+v", before)
	}
	if err := s.check(ctx); err != nil {
		t.Fatal(err)
	}
	if s.snap.Load().version != 1 || s.snap.Load().records != before.Rolls {
		t.Fatalf("an unchanged store was reloaded differently")
	}

	if err := os.Rename(other, db); err != nil {
		t.Fatal(err)
	}
	if err := s.check(ctx); err != nil {
		t.Fatal(err)
	}
	after := healthOf(t, s)
	if after.code != http.StatusOK || after.Rolls <= before.Rolls {
		t.Fatalf("after mv new.db store.db: %+v, want more than %d roll calls", after, before.Rolls)
	}

	if err := os.Remove(db); err != nil {
		t.Fatal(err)
	}
	if err := s.check(ctx); !errors.Is(err, errStoreGone) {
		t.Fatalf("check of a deleted store: %v", err)
	}
	gone := healthOf(t, s)
	if gone.code != http.StatusServiceUnavailable || gone.Status != "failing" || !strings.Contains(gone.Reason, "store.db is gone") {
		t.Fatalf("healthz of a deleted store: %+v", gone)
	}
	if w := get(t, s.Handler(), "/api/v1/states"); w.Code != http.StatusOK {
		t.Errorf("the data loaded before the deletion are no longer served: %d", w.Code)
	}

	if _, err := ingestFiles(db, []string{filepath.Join(testdata, "ga_small.csv")}); err != nil {
		t.Fatal(err)
	}
	if err := s.check(ctx); err != nil {
		t.Fatal(err)
	}
	back := healthOf(t, s)
	if back.code != http.StatusOK || back.Status != "ok" || back.Rolls != before.Rolls {
		t.Fatalf("healthz of a store put back: %+v", back)
	}
}

// The watcher does the same by itself, every Watch.
func TestWatchReplacedAndDeletedStore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	if _, err := ingestFiles(db, []string{filepath.Join(testdata, "ga_small.csv")}); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "new.db")
	if _, err := ingestFiles(other, []string{filepath.Join(testdata, "ga_small.csv"), filepath.Join(testdata, "unvotes")}); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, Config{DBPath: db, Watch: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := listenLocal()
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("Serve: %v", err)
		}
	}()
	start := healthOf(t, s).Rolls
	waitUntil := func(what string, ok func(health) bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			h := healthOf(t, s)
			if ok(h) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the watcher did not see %s: %+v", what, h)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	if err := os.Rename(other, db); err != nil {
		t.Fatal(err)
	}
	waitUntil("the replaced store", func(h health) bool { return h.Rolls > start })
	if err := os.Remove(db); err != nil {
		t.Fatal(err)
	}
	waitUntil("the deleted store", func(h health) bool {
		return h.code == http.StatusServiceUnavailable && strings.Contains(h.Reason, "gone")
	})
}

// A running update blocks neither a reload nor the watcher, and can be
// cancelled.
func TestUpdateCancelAndReload(t *testing.T) {
	started := make(chan struct{})
	s := newTestServer(t, Config{AdminToken: "t", Update: func(ctx context.Context) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	}})
	h := s.Handler()
	if w := post(h, "/api/v1/admin/update/cancel", "t"); w.Code != http.StatusConflict {
		t.Errorf("cancel with no update running: %d %s", w.Code, w.Body)
	}
	if w := post(h, "/api/v1/admin/update", "t"); w.Code != http.StatusAccepted {
		t.Fatalf("update: %d %s", w.Code, w.Body)
	}
	<-started
	if w := post(h, "/api/v1/admin/update", "t"); w.Code != http.StatusConflict {
		t.Errorf("second update: %d", w.Code)
	}
	if w := post(h, "/api/v1/admin/reload", "t"); w.Code != http.StatusOK {
		t.Errorf("reload during an update: %d %s", w.Code, w.Body)
	}
	if err := s.check(context.Background()); err != nil {
		t.Errorf("store check during an update: %v", err)
	}
	if w := post(h, "/api/v1/admin/update/cancel", "t"); w.Code != http.StatusAccepted {
		t.Fatalf("cancel: %d %s", w.Code, w.Body)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.updating.Load() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	var st status
	json.Unmarshal(get(t, h, "/api/v1/status").Body.Bytes(), &st)
	if st.Updating || st.Last == nil || st.Last.Action != "update" || !strings.Contains(st.Last.Error, "cancelled") {
		t.Errorf("status after a cancelled update: %+v %+v", st, st.Last)
	}
}

// While an update runs on an empty store, the pages say how far it got.
func TestUpdateProgressOnPages(t *testing.T) {
	release := make(chan struct{})
	var s *Server
	s = newTestServer(t, Config{DBPath: filepath.Join(t.TempDir(), "none.db"), Update: func(ctx context.Context) error {
		s.SetProgress("downloading 2026_02_06_ga_voting.csv: 3.0 of 40.0 MB")
		<-release
		return errors.New("no network")
	}})
	defer close(release)
	if err := s.StartUpdate("first fetch"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.updateProgress(), "downloading") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	w := get(t, s.Handler(), "/")
	if !strings.Contains(w.Body.String(), "3.0 of 40.0 MB") {
		t.Errorf("home page during the first fetch lacks its progress:\n%.3000s", w.Body)
	}
}
