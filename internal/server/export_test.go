package server

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestExportDownload fetches the index and both zips of the data set from
// the fixture store.
func TestExportDownload(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	w := get(t, h, "/api/v1/export")
	if w.Code != http.StatusOK {
		t.Fatalf("/api/v1/export: %d %s", w.Code, w.Body)
	}
	var idx exportIndex
	if err := json.Unmarshal(w.Body.Bytes(), &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Tables) < 10 || idx.Downloads["parquet"] == "" || idx.DataVersion == 0 {
		t.Fatalf("index: %+v", idx)
	}
	for f, want := range map[string]string{"parquet": "votes/year=", "csv": "votes.csv"} {
		w := get(t, h, idx.Downloads[f])
		if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/zip" {
			t.Fatalf("%s: %d %s %s", idx.Downloads[f], w.Code, w.Header().Get("Content-Type"), w.Body)
		}
		zr, err := zip.NewReader(bytes.NewReader(w.Body.Bytes()), int64(w.Body.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name)
		}
		all := strings.Join(names, " ")
		if !strings.Contains(all, "datapackage.json") || !strings.Contains(all, want) {
			t.Errorf("%s zip holds %s", f, all)
		}
	}
	if w := get(t, h, "/download/other.zip"); w.Code != http.StatusNotFound {
		t.Errorf("/download/other.zip: %d", w.Code)
	}
}
