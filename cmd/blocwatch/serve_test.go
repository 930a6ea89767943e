package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingRE = regexp.MustCompile(`Serving on (http://[^/ ]+)/`)

// startServe runs `blocwatch GLOBAL... serve` in-process and returns its
// address, its stderr, and a function that stops it and returns the exit
// code.
func startServe(t *testing.T, global ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	return startServeWith(t, global)
}

// startServeWith is startServe with flags of serve.
func startServeWith(t *testing.T, global []string, flags ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		args := append(append(append([]string{}, global...), "serve", "--addr", "127.0.0.1:0", "--ideal=false", "--watch", "0", "--memory", "0"), flags...)
		done <- run(ctx, args, io.Discard, &stderr)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		if m := servingRE.FindStringSubmatch(stderr.String()); m != nil {
			stop := func() int {
				cancel()
				select {
				case code := <-done:
					return code
				case <-time.After(15 * time.Second):
					t.Fatal("serve did not stop")
					return -1
				}
			}
			return m[1], &stderr, stop
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("serve exited with %d:\n%s", code, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve did not start:\n%s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	if code, _, stderr := blocwatch(t, "--db", db, "ingest", fixtures+"/ga_small.csv", fixtures+"/unvotes"); code != 0 {
		t.Fatal(stderr)
	}
	addr, stderr, stop := startServe(t, "--db", db)
	if code, body := fetch(t, addr+"/healthz"); code != 200 || !strings.Contains(body, `"status": "ok"`) {
		t.Errorf("healthz: %d %s", code, body)
	}
	if code, body := fetch(t, addr+"/"); code != 200 || !strings.Contains(body, "Democratic People") {
		t.Errorf("home: %d", code)
	}
	if code, body := fetch(t, addr+"/api/v1/resolution?symbol=A/RES/35/1&format=csv"); code != 200 || !strings.Contains(body, "SUN,USSR,N") {
		t.Errorf("API: %d %s", code, body)
	}
	resp, err := http.Post(addr+"/api/v1/admin/reload", "text/plain", nil)
	if err != nil || resp.StatusCode != http.StatusForbidden {
		t.Errorf("admin without a token: %v %v", err, resp)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
	for _, want := range []string{"Admin endpoints are disabled", "Stopped."} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// Without network on a first start: a plain message, and a server that
// shows how to ingest a downloaded file on every page.
func TestServeFirstStartOffline(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	db := filepath.Join(t.TempDir(), "t.db")
	addr, stderr, stop := startServeWith(t, []string{"--db", db}, "--source", dead.URL, "--admin-token", "x")
	waitHealth(t, addr, func(body string) bool { return !strings.Contains(body, `"updating"`) })
	code, body := fetch(t, addr+"/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "ingest FILE") || !strings.Contains(body, "first fetch") {
		t.Errorf("home without data: %d\n%.2000s", code, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"Could not fetch the voting records", "ingest FILE", "https://digitallibrary.un.org/record/4060887"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// On a first start with network, serve fetches the records as update does.
func TestServeFirstStartFetches(t *testing.T) {
	ga, err := os.ReadFile(fixtures + "/ga_small.csv")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := os.ReadFile("../../internal/source/testdata/sc_undl_2021.csv")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/file", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("recid") {
		case "4060887":
			fmt.Fprint(w, `[{"name":"2026_02_06_ga_voting.csv","url":"/files/ga.csv","format":"CSV"}]`)
		case "4055387":
			fmt.Fprint(w, `[{"name":"2026_02_06_sc_voting.csv","url":"/files/sc.csv","format":"CSV"}]`)
		default:
			http.NotFound(w, r)
		}
	})
	mux.HandleFunc("/files/ga.csv", func(w http.ResponseWriter, r *http.Request) { w.Write(ga) })
	mux.HandleFunc("/files/sc.csv", func(w http.ResponseWriter, r *http.Request) { w.Write(sc) })
	undl := httptest.NewServer(mux)
	defer undl.Close()
	db := filepath.Join(t.TempDir(), "t.db")
	addr, stderr, stop := startServeWith(t, []string{"--db", db}, "--source", undl.URL)
	waitHealth(t, addr, func(body string) bool { return !strings.Contains(body, `"updating"`) })
	if code, body := fetch(t, addr+"/healthz"); code != 200 || strings.Contains(body, `"roll_calls": 0`) {
		t.Errorf("healthz after the first fetch: %d %s", code, body)
	}
	stop()
	if !strings.Contains(stderr.String(), "fetching them from the UN Digital Library") || !strings.Contains(stderr.String(), "downloaded") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// waitHealth polls /healthz until ok accepts its body.
func waitHealth(t *testing.T, addr string, ok func(body string) bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, body := fetch(t, addr+"/healthz")
		if ok(body) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("healthz never came to the expected state: %s", body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A source that accepts connections and never answers does not keep the
// server from serving: it answers /healthz, and its pages say what the
// fetch is doing, while the fetch is still blocked.
func TestServeStalledSource(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(accepted)
				return
			}
			accepted <- c
		}
	}()
	defer func() {
		ln.Close()
		for c := range accepted {
			c.Close()
		}
	}()
	db := filepath.Join(t.TempDir(), "t.db")
	addr, stderr, stop := startServeWith(t, []string{"--db", db}, "--source", "http://"+ln.Addr().String())
	conn := <-accepted // the fetch is waiting on the silent source
	defer conn.Close()
	code, body := fetch(t, addr+"/healthz")
	if code != http.StatusOK || !strings.Contains(body, `"updating": true`) || !strings.Contains(body, "record 4060887") {
		t.Errorf("healthz while the fetch is blocked: %d %s", code, body)
	}
	if code, body := fetch(t, addr+"/"); !strings.Contains(body, "Fetching the voting records") {
		t.Errorf("home while the fetch is blocked: %d\n%.2000s", code, body)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d:\n%s", code, stderr)
	}
}

func TestServeBadAddr(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	code, _, stderr := blocwatch(t, "--db", db, "serve", "--no-fetch", "--ideal=false", "--memory", "0", "--addr", "256.0.0.1:99999")
	if code != 1 || !strings.Contains(stderr, "listen on 256.0.0.1:99999") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
