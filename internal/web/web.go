// Package web holds blocwatch's web pages: the html/template templates, the
// style sheet, the bundled charts and maps (static/app.js, built from src/
// by src/build.sh) and the Natural Earth country shapes, all embedded in the
// binary so that the pages load nothing from third-party hosts. Package
// server fills the templates; this package knows nothing of the data.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// StaticPrefix is the path under which Static serves the assets.
const StaticPrefix = "/static/"

// asset is one embedded file, ready to serve.
type asset struct {
	name  string
	body  []byte // as served without compression
	gz    []byte // gzip-compressed, or nil
	ctype string
	etag  string
}

var assets = sync.OnceValues(loadAssets)

func loadAssets() (map[string]*asset, error) {
	out := map[string]*asset{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		a := &asset{name: name, body: b}
		if strings.HasSuffix(name, ".gz") {
			// Stored compressed: serve under the name without .gz.
			a.name = strings.TrimSuffix(name, ".gz")
			a.gz = b
			r, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return fmt.Errorf("web: %s: %w", p, err)
			}
			if a.body, err = io.ReadAll(r); err != nil {
				return fmt.Errorf("web: %s: %w", p, err)
			}
		} else if len(b) > 1024 {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(b)
			zw.Close()
			a.gz = buf.Bytes()
		}
		a.ctype = contentType(a.name)
		sum := sha256.Sum256(a.body)
		a.etag = hex.EncodeToString(sum[:8])
		out[a.name] = a
		return nil
	})
	return out, err
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".ico":
		return "image/x-icon"
	}
	return "application/octet-stream"
}

// Asset returns the path of an embedded asset with a version query that
// changes with its content, for long-lived caching: Asset("app.js") is
// "/static/app.js?v=1a2b3c4d5e6f7a8b". It panics on an unknown asset, which
// only a programming error can cause.
func Asset(name string) string {
	m, err := assets()
	if err != nil {
		panic(err)
	}
	a := m[name]
	if a == nil {
		panic("web: no asset " + name)
	}
	return StaticPrefix + name + "?v=" + a.etag
}

// Static serves the embedded assets under StaticPrefix, gzip-compressed to
// clients that accept it. Assets are cached for a year: their URLs (Asset)
// change with their content.
func Static() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m, err := assets()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		a := m[strings.TrimPrefix(r.URL.Path, StaticPrefix)]
		if a == nil {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("ETag", `"`+a.etag+`"`)
		h.Set("Vary", "Accept-Encoding")
		if r.URL.Query().Get("v") != "" {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "public, max-age=300")
		}
		if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, a.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		body := a.body
		if a.gz != nil && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.Set("Content-Encoding", "gzip")
			body = a.gz
		}
		h.Set("Content-Length", fmt.Sprint(len(body)))
		if r.Method == http.MethodHead {
			return
		}
		w.Write(body)
	})
}

// Templates parses the page templates. Each page template defines
// "content" and is executed through "layout"; see Page.
func Templates() (map[string]*template.Template, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(path.Base(n), ".html")
		if name == "layout" || name == "parts" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFS, n); err != nil {
			return nil, fmt.Errorf("web: template %s: %w", n, err)
		}
		out[name] = t
	}
	return out, nil
}
