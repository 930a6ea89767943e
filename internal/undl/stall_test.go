package undl

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// silentListener accepts connections and never answers on them.
func silentListener(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// A source that accepts and never answers makes the call fail with a
// time-out instead of hanging.
func TestFilesStalledSourceTimesOut(t *testing.T) {
	c := &Client{Base: silentListener(t), HeaderTimeout: 50 * time.Millisecond}
	_, err := c.Files(context.Background(), RecordGA)
	if err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("Files on a silent source: %v, want a time-out", err)
	}
}

// A cancelled context stops a call waiting on a silent source.
func TestFilesCancelled(t *testing.T) {
	c := &Client{Base: silentListener(t)}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := c.Files(ctx, RecordGA)
		errc <- err
	}()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("Files after cancel: %v, want context.Canceled", err)
	}
}

// A download whose body stops moving fails, keeping its part file.
func TestDownloadStalledBody(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("some bytes"))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := &Client{IdleTimeout: 50 * time.Millisecond}
	dest := filepath.Join(t.TempDir(), "f.csv")
	err := c.Download(context.Background(), srv.URL+"/f.csv", dest, nil)
	if err == nil || !strings.Contains(err.Error(), "no data for") || !strings.Contains(err.Error(), "after 10 bytes") {
		t.Fatalf("Download of a stalled body: %v, want an idle time-out after 10 bytes", err)
	}
}
