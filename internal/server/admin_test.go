package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func post(h http.Handler, path, token string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, path, nil)
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	return recorder(h, r)
}

func TestAdminDisabledWithoutToken(t *testing.T) {
	s := newTestServer(t, Config{})
	for _, p := range []string{"/api/v1/admin/reload", "/api/v1/admin/update"} {
		if w := post(s.Handler(), p, "anything"); w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "disabled") {
			t.Errorf("%s: %d %s", p, w.Code, w.Body)
		}
		if w := get(t, s.Handler(), p); w.Code != http.StatusMethodNotAllowed {
			t.Errorf("GET %s: %d", p, w.Code)
		}
	}
}

func TestAdminToken(t *testing.T) {
	var updates atomic.Int32
	done := make(chan struct{}, 1)
	s := newTestServer(t, Config{AdminToken: "s3cret", Update: func(ctx context.Context) error {
		updates.Add(1)
		done <- struct{}{}
		return errors.New("no network")
	}})
	h := s.Handler()
	for _, tok := range []string{"", "wrong", "s3cret "} {
		if w := post(h, "/api/v1/admin/reload", tok); w.Code != http.StatusUnauthorized {
			t.Errorf("token %q: %d", tok, w.Code)
		}
	}
	if w := post(h, "/api/v1/admin/reload", "s3cret"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"status": "ok"`) {
		t.Errorf("reload: %d %s", w.Code, w.Body)
	}
	if w := post(h, "/api/v1/admin/update", "s3cret"); w.Code != http.StatusAccepted {
		t.Fatalf("update: %d %s", w.Code, w.Body)
	}
	<-done
	deadline := time.Now().Add(5 * time.Second)
	for s.updating.Load() && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	var st status
	json.Unmarshal(get(t, h, "/api/v1/status").Body.Bytes(), &st)
	if st.Last == nil || st.Last.Action != "update" || !strings.Contains(st.Last.Error, "no network") {
		t.Errorf("status after a failed update: %+v", st.Last)
	}
	if updates.Load() != 1 {
		t.Errorf("%d updates", updates.Load())
	}
}

// An update ingested while requests are served is swapped in without a
// failed request, and the new data are served after it.
func TestReloadUnderLoad(t *testing.T) {
	db := copyDB(t, fixtureDB(t))
	s := newTestServer(t, Config{DBPath: db, AdminToken: "t"})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	paths := []string{"/api/v1/compare/series?a=USA&b=PRK", "/api/v1/years/2018/matrix", "/state/PRK", "/", "/api/v1/contested"}
	var failed, done atomic.Int32
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := i; ; k++ {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := srv.Client().Get(srv.URL + paths[k%len(paths)])
				if err != nil || resp.StatusCode != 200 {
					failed.Add(1)
					if err == nil {
						resp.Body.Close()
					}
					continue
				}
				resp.Body.Close()
				done.Add(1)
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	// New roll calls of 2021 from another file.
	dir := t.TempDir()
	src, err := os.ReadFile(fixtureCSV(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	var more []string
	more = append(more, lines[0])
	for _, l := range lines[1:] {
		if strings.Contains(l, ",2020-") {
			l = strings.ReplaceAll(l, ",2020-", ",2021-")
			l = "91" + strings.TrimPrefix(l, "90") // a new record id
			l = strings.ReplaceAll(l, "A/RES/75/", "A/RES/76/")
			l = strings.ReplaceAll(l, "/record/90", "/record/91")
			more = append(more, strings.Replace(l, ",75,", ",76,", 1))
		}
	}
	file := filepath.Join(dir, "ga_2021.csv")
	if err := os.WriteFile(file, []byte(strings.Join(more, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingestFiles(db, []string{file}); err != nil {
		t.Fatal(err)
	}
	before := s.snap.Load().version
	resp, err := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/admin/reload", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Header.Set("Authorization", "Bearer t")
	r, err := srv.Client().Do(resp)
	if err != nil || r.StatusCode != 200 {
		t.Fatalf("reload: %v %v", err, r)
	}
	r.Body.Close()
	time.Sleep(150 * time.Millisecond)
	close(stop)
	wg.Wait()
	if failed.Load() != 0 {
		t.Errorf("%d requests failed (of %d)", failed.Load(), done.Load()+failed.Load())
	}
	if after := s.snap.Load().version; after == before {
		t.Errorf("data version still %d", after)
	}
	if w := get(t, s.Handler(), "/api/v1/years/2021/divisive"); w.Code != 200 {
		t.Errorf("2021 after the reload: %d %s", w.Code, w.Body)
	}
	t.Logf("%d requests during the reload, none failed", done.Load())
}

// The watcher reloads when the store's data version changes.
func TestWatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "later.db")
	s := newTestServer(t, Config{DBPath: db, Watch: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := listenLocal()
	if err != nil {
		t.Fatal(err)
	}
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, ln) }()
	if s.snap.Load().ready() {
		t.Fatal("ready without a store")
	}
	if _, err := ingestFiles(db, []string{filepath.Join(testdata, "ga_small.csv")}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !s.snap.Load().ready() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !s.snap.Load().ready() {
		t.Error("the watcher did not load the new store")
	}
	cancel()
	if err := <-errc; err != nil {
		t.Errorf("Serve: %v", err)
	}
}
