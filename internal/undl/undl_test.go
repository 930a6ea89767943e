package undl

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

func TestParseFiles(t *testing.T) {
	tests := []struct {
		name, body string
		want       int
		wantErr    bool
	}{
		{"list", `[{"name":"2026_02_06_ga_voting.csv","url":"/files/a.csv","format":"csv"}]`, 1, false},
		{"object", `{"total":2,"files":[{"name":"a.csv","url":"u1","format":"csv"},{"name":"b.csv","url":"u2","format":"csv"}]}`, 2, false},
		{"no url", `[{"name":"a.csv"}]`, 0, false},
		{"not json", `<html>`, 0, true},
		{"no list", `{"a":1}`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFiles([]byte(tt.body))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if len(got) != tt.want {
				t.Fatalf("got %d files, want %d", len(got), tt.want)
			}
		})
	}
}

func TestNewest(t *testing.T) {
	files := []File{
		{Name: "2024_01_05_ga_voting.csv", URL: "a"},
		{Name: "2026_02_06_ga_voting.csv", URL: "b"},
		{Name: "2025_12_01_sc_voting.csv", URL: "c"},
		{Name: "README.pdf", URL: "d"},
		{Name: "2027_01_01_ga_voting.xlsx", URL: "e"},
	}
	if f, ok := Newest(files, "ga"); !ok || f.URL != "b" {
		t.Errorf("ga: got %+v %v", f, ok)
	}
	if f, ok := Newest(files, "SC"); !ok || f.URL != "c" {
		t.Errorf("sc: got %+v %v", f, ok)
	}
	if _, ok := Newest(files[3:], "ga"); ok {
		t.Error("want no ga file")
	}
}

// fakeLibrary imitates the file API and serves one file, optionally cutting
// the first download short.
func fakeLibrary(t *testing.T, content []byte, cutAt int) (*httptest.Server, *int32) {
	var downloads int32
	mux := http.NewServeMux()
	mux.HandleFunc("/api/v1/file", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("recid") != strconv.Itoa(RecordGA) {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, `[{"name":"2026_02_06_ga_voting.csv","url":"/record/4060887/files/2026_02_06_ga_voting.csv","format":"csv"},
			{"name":"2025_01_01_ga_voting.csv","url":"/old.csv","format":"csv"}]`)
	})
	mux.HandleFunc("/record/4060887/files/2026_02_06_ga_voting.csv", func(w http.ResponseWriter, r *http.Request) {
		n := atomic.AddInt32(&downloads, 1)
		start := 0
		if rg := r.Header.Get("Range"); rg != "" {
			fmt.Sscanf(rg, "bytes=%d-", &start)
			if start >= len(content) {
				w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
				return
			}
			w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(content)-1, len(content)))
			w.Header().Set("Content-Length", strconv.Itoa(len(content)-start))
			w.WriteHeader(http.StatusPartialContent)
		} else {
			w.Header().Set("Content-Length", strconv.Itoa(len(content)))
		}
		body := content[start:]
		if n == 1 && cutAt > 0 {
			// Send part of the file, then drop the connection.
			w.Write(body[:cutAt])
			w.(http.Flusher).Flush()
			hj, ok := w.(http.Hijacker)
			if !ok {
				t.Fatal("no hijacker")
			}
			conn, _, _ := hj.Hijack()
			conn.Close()
			return
		}
		w.Write(body)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &downloads
}

func TestFilesAndDownload(t *testing.T) {
	content := []byte(strings.Repeat("undl_id,ms_code\n1,USA\n", 5000))
	srv, _ := fakeLibrary(t, content, 0)
	c := &Client{Base: srv.URL}
	files, err := c.Files(context.Background(), RecordGA)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := Newest(files, "ga")
	if !ok || f.Name != "2026_02_06_ga_voting.csv" || !strings.HasPrefix(f.URL, srv.URL) {
		t.Fatalf("newest = %+v", f)
	}
	dest := filepath.Join(t.TempDir(), f.Name)
	var last int64
	if err := c.Download(context.Background(), f.URL, dest, func(done, total int64) { last = done }); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(dest)
	if string(got) != string(content) || last != int64(len(content)) {
		t.Fatalf("downloaded %d bytes (progress %d), want %d", len(got), last, len(content))
	}
	if _, err := c.Files(context.Background(), 1); err == nil {
		t.Error("want an error for an unknown record")
	}
}

func TestDownloadResumes(t *testing.T) {
	content := []byte(strings.Repeat("0123456789", 100000))
	srv, downloads := fakeLibrary(t, content, 300000)
	c := &Client{Base: srv.URL}
	dest := filepath.Join(t.TempDir(), "2026_02_06_ga_voting.csv")
	url := srv.URL + "/record/4060887/files/2026_02_06_ga_voting.csv"
	err := c.Download(context.Background(), url, dest, nil)
	if err == nil {
		t.Fatal("want an error from the interrupted download")
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Fatal("the destination must not exist after a failed download")
	}
	part, _ := os.ReadFile(dest + ".part")
	if len(part) == 0 || len(part) >= len(content) {
		t.Fatalf("partial file has %d bytes", len(part))
	}
	if err := c.Download(context.Background(), url, dest, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(dest)
	if string(got) != string(content) {
		t.Fatalf("resumed file has %d bytes, want %d", len(got), len(content))
	}
	if *downloads != 2 {
		t.Errorf("downloads = %d, want 2", *downloads)
	}
}

func FuzzParseFiles(f *testing.F) {
	f.Add([]byte(`[{"name":"2026_02_06_ga_voting.csv","url":"/f","format":"csv"}]`))
	f.Add([]byte(`{"files":[{"name":"a","url":"b"}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		files, err := parseFiles(b)
		if err != nil {
			return
		}
		for _, x := range files {
			if x.Name == "" || x.URL == "" {
				t.Fatalf("file without name or url: %+v", x)
			}
		}
		Newest(files, "ga")
	})
}
