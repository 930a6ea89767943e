package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blocwatch/blocwatch/internal/export"
	"github.com/blocwatch/blocwatch/internal/store"
)

// The data set for download (GET /download/blocwatch-parquet.zip or
// blocwatch-csv.zip) is built by package export once per data version and
// format, in the background, into a zip file in a temporary folder; the
// request waits for it up to its time-out (503 with Retry-After if the
// build is still running). GET /api/v1/export is the index: the tables,
// their columns and the download links.

// exportBuild is one zip file being built or built.
type exportBuild struct {
	done chan struct{}
	path string
	err  error
}

var exports struct {
	mu     sync.Mutex
	builds map[string]*exportBuild // by store path, data version and format
}

// exportIndex is the answer of GET /api/v1/export.
type exportIndex struct {
	DataVersion int                 `json:"data_version"`
	Formats     []string            `json:"formats"`
	Downloads   map[string]string   `json:"downloads"`
	Docs        string              `json:"docs"`
	Tables      []export.TableInfo  `json:"tables"`
	Layouts     map[string][]string `json:"layouts"`
}

func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	sn := s.snap.Load()
	writeJSON(w, http.StatusOK, exportIndex{
		DataVersion: sn.version,
		Formats:     []string{string(export.Parquet), string(export.CSV)},
		Downloads: map[string]string{
			"parquet": "/download/blocwatch-parquet.zip",
			"csv":     "/download/blocwatch-csv.zip",
		},
		Docs:    "docs/exports.md; datapackage.json in each zip describes every table and column",
		Tables:  export.Describe(),
		Layouts: map[string][]string{"unvotes": {"blocwatch export --layout unvotes --out DIR"}},
	})
}

// download serves the zip of the data set in one format.
func (s *Server) download(w http.ResponseWriter, r *http.Request) {
	var f export.Format
	switch r.PathValue("file") {
	case "blocwatch-parquet.zip":
		f = export.Parquet
	case "blocwatch-csv.zip":
		f = export.CSV
	default:
		http.NotFound(w, r)
		return
	}
	sn := s.snap.Load()
	st := s.store()
	if !sn.ready() || st == nil {
		writeError(w, http.StatusServiceUnavailable, "no data loaded: "+s.noDataHelp(), "")
		return
	}
	b := s.exportBuild(sn.version, f)
	select {
	case <-b.done:
	case <-r.Context().Done():
		w.Header().Set("Retry-After", "30")
		writeError(w, http.StatusServiceUnavailable, "the data set is being prepared: try again in a minute", "")
		return
	}
	if b.err != nil {
		writeError(w, http.StatusInternalServerError, b.err.Error(), "")
		return
	}
	fh, err := os.Open(b.path)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), "")
		return
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error(), "")
		return
	}
	name := fmt.Sprintf("blocwatch-data-%d-%s.zip", sn.version, f)
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("ETag", fmt.Sprintf(`"data-%d-%s"`, sn.version, f))
	http.ServeContent(w, r, name, fi.ModTime(), fh)
}

// exportBuild returns the build of the zip of data version v in format f,
// starting it if needed. Builds of older versions are forgotten and their
// files removed.
func (s *Server) exportBuild(v int, f export.Format) *exportBuild {
	key := fmt.Sprintf("%s|%d|%s", s.cfg.DBPath, v, f)
	exports.mu.Lock()
	defer exports.mu.Unlock()
	if exports.builds == nil {
		exports.builds = map[string]*exportBuild{}
	}
	if b, ok := exports.builds[key]; ok {
		return b
	}
	prefix := s.cfg.DBPath + "|"
	for k, old := range exports.builds {
		if strings.HasPrefix(k, prefix) {
			delete(exports.builds, k)
			go func() {
				<-old.done
				if old.path != "" {
					os.RemoveAll(filepath.Dir(old.path))
				}
			}()
		}
	}
	b := &exportBuild{done: make(chan struct{})}
	exports.builds[key] = b
	st := s.store()
	go func() {
		defer close(b.done)
		start := time.Now()
		b.path, b.err = buildZip(s.ctx, st, f)
		if b.err != nil {
			s.log.Error("export", "format", f, "err", b.err)
			exports.mu.Lock()
			delete(exports.builds, key) // the next request tries again
			exports.mu.Unlock()
			return
		}
		s.log.Info("export", "format", f, "version", v, "seconds", time.Since(start).Seconds())
	}()
	return b
}

// buildZip exports every table in format f into a temporary folder and
// zips it there; it returns the zip's path.
func buildZip(ctx context.Context, st *store.Store, f export.Format) (string, error) {
	if st == nil {
		return "", errors.New("export: no store")
	}
	dir, err := os.MkdirTemp("", "blocwatch-export-")
	if err != nil {
		return "", err
	}
	data := filepath.Join(dir, "data")
	if _, err := export.Export(ctx, st, data, export.Options{Formats: []export.Format{f}}); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	path := filepath.Join(dir, "data.zip")
	zf, err := os.Create(path)
	if err == nil {
		err = export.Zip(zf, data)
		if cerr := zf.Close(); err == nil {
			err = cerr
		}
	}
	os.RemoveAll(data)
	if err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return path, nil
}
