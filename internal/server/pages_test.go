package server

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	s := newTestServer(t, Config{FitIdeal: true})
	h := s.Handler()
	id := rollCallID(t, s, "nuclear")
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{"United States", "Japan", "Republic of Korea", "Democratic People", "China", "Russian Federation", `id="camps"`, "most recent contested votes", `type="application/json"`}},
		{"/?metric=kappa&body=all&issue=hr", []string{"Cohen&#39;s kappa"}},
		{"/state/PRK", []string{"Democratic People", `id="partners"`, `id="map"`, "Voting record in 2020"}},
		{"/state/USA?year=2016&metric=s&body=GA", []string{"Voting record in 2016", "S score"}},
		{"/compare?a=KOREA-WEST&b=PRK&metrics=agree&metrics=kappa", []string{`id="measures"`, `id="issues"`, `id="crosstab"`, `id="splits"`}},
		{"/compare", []string{"United States", "China"}},
		{fmt.Sprintf("/resolution/%d", id), []string{`id="tally"`, `id="map"`, "Who broke with their usual partners", "digitallibrary.un.org/record/"}},
		{"/resolution?symbol=A/RES/35/1", []string{"A/RES/35/1", "Human rights test resolution"}},
		{"/year/2018", []string{`id="heatmap"`, "most divisive votes"}},
		{"/year/2018?body=SC", []string{`id="heatmap"`}},
		{"/search?q=nuclear&body=GA&from=2016", []string{"Nuclear disarmament"}},
		{"/search", []string{"Search the roll calls"}},
		{"/about", []string{"Who broke with their usual partners"}},
		{"/brief?a=PRK&b=RUS&from=2018&to=2020&baseline=2015-2017", []string{"PRK and RUS: 2018-2020 against 2015-2017", `<svg class="chart"`, "Reproduce every number"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := get(t, h, tt.path)
			if w.Code != http.StatusOK {
				t.Fatalf("%d: %.3000s", w.Code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			body := w.Body.String()
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("lacks %q", s)
				}
			}
			if strings.Contains(body, "<script>") || strings.Contains(body, " onclick=") {
				t.Error("inline script")
			}
		})
	}
}

func TestPageRedirectsAndErrors(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	for path, loc := range map[string]string{
		"/state?code=north+korea&year=2017": "/state/PRK?year=2017",
		"/year?year=2016&metric=s":          "/year/2016?metric=s",
		"/year":                             "/year/2020",
		"/year?body=SC":                     "/year/2020?body=SC",
	} {
		w := get(t, h, path)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != loc {
			t.Errorf("%s: %d to %q, want %q", path, w.Code, w.Header().Get("Location"), loc)
		}
	}
	for path, status := range map[string]int{
		"/state?code=":            400,
		"/state?code=Atlantis":    404,
		"/state/Atlantis":         404,
		"/state/PRK?year=abcd":    400,
		"/compare?a=USA&b=Narnia": 400,
		"/compare?metric=nope":    400,
		"/resolution/abc":         400,
		"/resolution/99999999":    404,
		"/resolution":             400,
		"/year/1950":              404,
		"/year/x":                 400,
		"/year?year=12":           400,
		"/search?from=yesterday":  400,
		"/nowhere":                404,
	} {
		w := get(t, h, path)
		if w.Code != status {
			t.Errorf("%s: %d, want %d", path, w.Code, status)
		}
		if !strings.Contains(w.Header().Get("Content-Type"), "text/html") {
			t.Errorf("%s: Content-Type %q", path, w.Header().Get("Content-Type"))
		}
	}
	w := get(t, h, "/state/PRK?year=abcd")
	if !strings.Contains(w.Body.String(), "&#34;year&#34;") {
		t.Errorf("the error page does not name the parameter:\n%s", w.Body)
	}
}

func TestStatic(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	for _, name := range []string{"app.js", "style.css", "countries-50m.json"} {
		r, _ := http.NewRequest(http.MethodGet, "/static/"+name+"?v=1", nil)
		r.Header.Set("Accept-Encoding", "gzip")
		w := recorder(h, r)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %v", name, w.Code, w.Header())
		}
		w = get(t, h, "/static/"+name)
		if w.Code != 200 || w.Header().Get("Content-Encoding") != "" || w.Body.Len() < 1000 {
			t.Errorf("%s without gzip: %d %v %d bytes", name, w.Code, w.Header(), w.Body.Len())
		}
	}
}

// A server without a store starts, says how to get data on every page,
// answers 503 on the data endpoints, and picks the store up on a reload.
func TestNoData(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	s := newTestServer(t, Config{DBPath: db, Notice: "The first fetch failed: no network."})
	h := s.Handler()
	for _, path := range []string{"/", "/state/PRK", "/compare", "/year/2018", "/search?q=x"} {
		w := get(t, h, path)
		body := w.Body.String()
		if w.Code != http.StatusServiceUnavailable || !strings.Contains(body, " update`") || !strings.Contains(body, "ingest FILE") || !strings.Contains(body, "no network") {
			t.Errorf("%s: %d\n%.1500s", path, w.Code, body)
		}
	}
	w := get(t, h, "/api/v1/compare/series?a=USA&b=PRK")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "ingest FILE") {
		t.Errorf("API without data: %d %s", w.Code, w.Body)
	}
	if w := get(t, h, "/healthz"); w.Code != 200 || !strings.Contains(w.Body.String(), "no-data") {
		t.Errorf("healthz: %d %s", w.Code, w.Body)
	}
	if w := get(t, h, "/about"); w.Code != 200 {
		t.Errorf("about: %d", w.Code)
	}
	if _, err := ingestFiles(db, []string{filepath.Join(testdata, "ga_small.csv")}); err != nil {
		t.Fatal(err)
	}
	if err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	if w := get(t, h, "/"); w.Code != 200 {
		t.Errorf("after ingest: %d", w.Code)
	}
}
