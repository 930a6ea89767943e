package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestTemplates(t *testing.T) {
	ts, err := Templates()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"home", "state", "compare", "resolution", "year", "search", "about", "error", "nodata"} {
		if ts[name] == nil || ts[name].Lookup("layout") == nil || ts[name].Lookup("content") == nil {
			t.Errorf("template %s is missing or incomplete", name)
		}
	}
}

func TestAssets(t *testing.T) {
	h := Static()
	for _, name := range []string{"app.js", "style.css", "countries-50m.json"} {
		u := Asset(name)
		if !strings.HasPrefix(u, StaticPrefix+name+"?v=") {
			t.Errorf("Asset(%s) = %s", name, u)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, u, nil))
		if w.Code != 200 || w.Body.Len() == 0 {
			t.Errorf("%s: %d", u, w.Code)
		}
		etag := w.Header().Get("ETag")
		r := httptest.NewRequest(http.MethodGet, u, nil)
		r.Header.Set("If-None-Match", etag)
		w = httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d", u, w.Code)
		}
	}
	// The bundle is minified and small enough to commit.
	a, _ := assets()
	if n := len(a["app.js"].body); n > 600<<10 {
		t.Errorf("app.js is %d bytes", n)
	}
	if !strings.Contains(string(a["countries-50m.json"].body), `"countries"`) {
		t.Error("the map shapes lack the countries object")
	}
}

func TestShapes(t *testing.T) {
	s := Shapes()
	if len(s) < 190 {
		t.Errorf("%d shapes", len(s))
	}
	seen := map[string]string{}
	for id, code := range s {
		if len(id) != 3 || len(code) != 3 {
			t.Errorf("%q: %q", id, code)
		}
		if o, ok := seen[code]; ok {
			t.Errorf("%s is shapes %s and %s", code, o, id)
		}
		seen[code] = id
	}
	for code, id := range map[string]string{"PRK": "408", "KOR": "410", "USA": "840", "RUS": "643", "CHN": "156", "JPN": "392"} {
		if s[id] != code {
			t.Errorf("shape %s: %s, want %s", id, s[id], code)
		}
	}
}
