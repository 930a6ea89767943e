package server

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// rollCallID finds a roll call of the fixture by text.
func rollCallID(t *testing.T, s *Server, text string) int64 {
	t.Helper()
	w := get(t, s.Handler(), "/api/v1/rollcalls?q="+text+"&limit=1")
	var res struct {
		Found []struct{ ID int64 } `json:"rollcalls"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil || len(res.Found) == 0 {
		t.Fatalf("search %q: %d %s", text, w.Code, w.Body)
	}
	return res.Found[0].ID
}

func TestAPIEndpoints(t *testing.T) {
	s := newTestServer(t, Config{FitIdeal: true})
	h := s.Handler()
	id := rollCallID(t, s, "nuclear")
	tests := []struct {
		path string
		want []string // substrings of the JSON
		csv  string   // first CSV column names, "" if the endpoint has no CSV
	}{
		{"/api/v1/states", []string{`"code": "PRK"`, `"first_year": 2015`}, "code,name"},
		{"/api/v1/groups", []string{`"KOREA-WEST"`, `"KOREA-EAST"`}, "group,name,state"},
		{"/api/v1/states/PRK", []string{`"last_year": 2023`}, "code,name"},
		{"/api/v1/states/North%20Korea", []string{`"code": "PRK"`}, "code,name"},
		{"/api/v1/states/PRK/votes?year=2018", []string{`"total": 8`, `"vote": "`}, "id,date,body"},
		{"/api/v1/states/PRK/votes?from=2019-01&to=2019-12&limit=2&offset=1", []string{`"offset": 1`}, "id,date"},
		{"/api/v1/states/USA/partners?year=2018&metric=kappa&top=3", []string{`"metric": "kappa"`, `"closest"`, `"farthest"`}, "rank,kind,state"},
		{"/api/v1/states/USA/partners", []string{`"year": 2020`}, "rank,kind"},
		{"/api/v1/states/PRK/map?year=2016", []string{`"shapes"`, `"id": "408"`, `"id": "643"`}, "shape,state"},
		{"/api/v1/ideal?states=USA,PRK", []string{`"status": "ready"`, `"state": "PRK"`}, "state,year,x"},
		{"/api/v1/ideal?states=KOREA6&year=2017", []string{`"year": 2017`}, "state,year"},
		{"/api/v1/camps?metric=s", []string{`"within West"`, `"within East"`, `"West–East"`}, "series,window,year"},
		{"/api/v1/camps/exact", []string{`"a": "KOREA-WEST"`, `"exact"`, `"roll_calls"`}, "year,a,b,n,exact,share"},
		{"/api/v1/contested", []string{`"states"`, `"PRK"`, `"rollcalls"`}, "id,date,body"},
		{"/api/v1/contested?states=USA,CHN&limit=3&body=all", []string{`"body": "all"`}, "id,date"},
		{"/api/v1/compare/series?a=USA&b=PRK", []string{`"agree"`, `"window": "2015"`}, "a,b,body,issue,window"},
		{"/api/v1/compare/series?a=KOREA-WEST&b=KOREA-EAST&metrics=agree,s,kappa,pi-w&issue=nu", []string{`"pi-w"`, `"issue": "nu"`}, "a,b"},
		{"/api/v1/compare/series?a=USA&b=CHN&window=session", []string{`"window": "session"`}, "a,b"},
		{"/api/v1/compare/issues?a=USA&b=RUS", []string{`"issue": "hr"`, `"Human rights"`}, "a,b,body,issue"},
		{"/api/v1/compare/crosstab?a=USA&b=PRK&from=2016&to=2018", []string{`"counts"`, `"kappa"`}, "a_vote,b_yes"},
		{"/api/v1/compare/splits?a=USA&b=PRK&limit=5", []string{`"splits"`, `"margin"`}, "id,date"},
		{"/api/v1/rollcalls?q=nuclear&body=GA", []string{`"Nuclear`}, "id,date"},
		{"/api/v1/rollcalls?year=2017", []string{`2017-`}, "id,date"},
		{fmt.Sprintf("/api/v1/rollcalls/%d", id), []string{`"tally"`, `"votes"`, `"link"`}, "id,date,body,resolution,state"},
		{fmt.Sprintf("/api/v1/rollcalls/%d/map", id), []string{`"shapes"`, `"c": "`}, "shape,state"},
		{fmt.Sprintf("/api/v1/rollcalls/%d/breaks", id), []string{`"breaks"`, `"partners": 5`}, "state,name,vote"},
		{"/api/v1/resolution?symbol=A/RES/35/1", []string{`"resolution": "A/RES/35/1"`}, "id,date"},
		{"/api/v1/years", []string{`"year": 2015`, `"ga": 8`}, "year,ga,sc"},
		{"/api/v1/years/2018/matrix", []string{`"order_by"`, `"cells"`}, "year,a,b,n"},
		{"/api/v1/years/2017/divisive?limit=3&body=all", []string{`"rollcalls"`}, "id,date"},
		{"/api/v1/status", []string{`"status": "ok"`, `"ideal"`}, ""},
		{"/api/v1/openapi.json", []string{`"openapi": "3.0.3"`}, ""},
		{"/healthz", []string{`"status": "ok"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			w := get(t, h, tt.path)
			if w.Code != http.StatusOK {
				t.Fatalf("%d: %s", w.Code, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("invalid JSON: %s", w.Body)
			}
			for _, s := range tt.want {
				if !strings.Contains(strings.ReplaceAll(w.Body.String(), "\": ", "\":"), strings.ReplaceAll(s, "\": ", "\":")) {
					t.Errorf("lacks %s:\n%.2000s", s, w.Body)
				}
			}
			if tt.csv == "" {
				return
			}
			sep := "?"
			if strings.Contains(tt.path, "?") {
				sep = "&"
			}
			w = get(t, h, tt.path+sep+"format=csv")
			if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
				t.Fatalf("CSV: %d %s: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
			}
			recs, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
			if err != nil || len(recs) == 0 {
				t.Fatalf("CSV: %v\n%s", err, w.Body)
			}
			if got := strings.Join(recs[0], ","); !strings.HasPrefix(got, tt.csv) {
				t.Errorf("CSV header %q, want it to start with %q", got, tt.csv)
			}
		})
	}
}

func TestAPIBadParameters(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	tests := []struct {
		path   string
		status int
		param  string
	}{
		{"/api/v1/states/PRK/votes?year=19x5", 400, "year"},
		{"/api/v1/states/PRK/votes?year=1800", 400, "year"},
		{"/api/v1/states/PRK/votes?from=2019-13-01", 400, "from"},
		{"/api/v1/states/PRK/votes?from=2020&to=2019", 400, "to"},
		{"/api/v1/states/PRK/votes?limit=0", 400, "limit"},
		{"/api/v1/states/PRK/votes?limit=abc", 400, "limit"},
		{"/api/v1/states/PRK/votes?offset=-1", 400, "offset"},
		{"/api/v1/states/PRK/votes?body=UNGA", 400, "body"},
		{"/api/v1/states/PRK/votes?issue=xx", 400, "issue"},
		{"/api/v1/states/PRK/votes?format=xml", 400, "format"},
		{"/api/v1/states/USA/partners?metric=cosine", 400, "metric"},
		{"/api/v1/states/USA/partners?top=1000", 400, "top"},
		{"/api/v1/states/Atlantis", 404, ""},
		{"/api/v1/states/VAT/votes", 404, ""},
		{"/api/v1/compare/series?a=USA", 400, "b"},
		{"/api/v1/compare/series?a=Atlantis&b=USA", 400, "a"},
		{"/api/v1/compare/series?a=USA&b=PRK&metrics=agree,nope", 400, "metrics"},
		{"/api/v1/compare/series?a=USA&b=PRK&window=month", 400, "window"},
		{"/api/v1/compare/crosstab?a=USA&b=" + strings.Repeat("x", 200), 400, "b"},
		{"/api/v1/compare/splits?a=USA&b=PRK&date=2020", 400, "date"},
		{"/api/v1/ideal?states=USA,,Narnia", 400, "states"},
		{"/api/v1/contested?states=" + strings.Repeat("USA,", 20), 400, "states"},
		{"/api/v1/rollcalls?q=" + strings.Repeat("q", 300), 400, "q"},
		{"/api/v1/rollcalls/abc", 400, "id"},
		{"/api/v1/rollcalls/0", 400, "id"},
		{"/api/v1/rollcalls/999999999", 404, ""},
		{"/api/v1/rollcalls/999999999/breaks", 404, ""},
		{"/api/v1/resolution", 400, "symbol"},
		{"/api/v1/resolution?symbol=A/RES/99/999", 404, ""},
		{"/api/v1/years/20x2/matrix", 400, "year"},
		{"/api/v1/years/1950/matrix", 404, ""},
		{"/api/v1/years/2018/divisive?limit=5000", 400, "limit"},
		{"/api/v1/nothing", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.path[:min(len(tt.path), 70)], func(t *testing.T) {
			w := get(t, h, tt.path)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tt.status, w.Body)
			}
			var e apiError
			if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
				t.Fatalf("not a JSON error: %v: %s", err, w.Body)
			}
			if e.Parameter != tt.param {
				t.Errorf("parameter %q, want %q (%s)", e.Parameter, tt.param, e.Error)
			}
		})
	}
}

func TestAPIMethodsAndHeaders(t *testing.T) {
	s := newTestServer(t, Config{})
	h := s.Handler()
	r, _ := http.NewRequest(http.MethodPost, "/api/v1/states", strings.NewReader("x"))
	w := recorder(h, r)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/states: %d", w.Code)
	}
	w = get(t, h, "/api/v1/years")
	for k, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"X-Data-Version":          "1",
	} {
		if got := w.Header().Get(k); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want it to contain %q", k, got, want)
		}
	}
	if strings.Contains(w.Header().Get("Content-Security-Policy"), "script-src 'self' 'unsafe") {
		t.Error("inline scripts allowed")
	}
}
