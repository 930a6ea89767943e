package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/server"
)

// TestCLIMatchesAPI runs each result that the command line and the HTTP
// API share through both, on the same store, and compares them: the JSON
// field by field, the CSV byte for byte.
func TestCLIMatchesAPI(t *testing.T) {
	db := blocsDB(t)
	s, err := server.New(server.Config{DBPath: db})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	api := func(path string) string {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if w.Code != 200 {
			t.Fatalf("%s: %d %s", path, w.Code, w.Body)
		}
		return w.Body.String()
	}
	tests := []struct {
		name string
		cli  []string
		api  string
	}{
		{"divisive", []string{"divisive", "--year", "2021"}, "/api/v1/years/2021/divisive"},
		{"divisive both bodies", []string{"divisive", "--year", "2021", "--body", "all", "--top", "4"}, "/api/v1/years/2021/divisive?body=all&limit=4"},
		{"contested", []string{"contested"}, "/api/v1/contested"},
		{"partners", []string{"partners", "PRK", "--year", "2021", "--top", "3"}, "/api/v1/states/PRK/partners?year=2021&top=3"},
		{"partners by kappa", []string{"partners", "USA", "--year", "2022", "--metric", "kappa"}, "/api/v1/states/USA/partners?year=2022&metric=kappa"},
		{"contested states", []string{"contested", "USA", "CHN", "--body", "SC", "--top", "3"}, "/api/v1/contested?states=USA,CHN&body=SC&limit=3"},
	}
	// The breaks of a Security Council roll call of the fixture, by id.
	var rc struct{ ID int64 }
	if err := json.Unmarshal([]byte(api("/api/v1/resolution?symbol=S/RES/2570(2021)")), &rc); err != nil || rc.ID == 0 {
		t.Fatalf("S/RES/2570(2021): %v", err)
	}
	id := strconv.FormatInt(rc.ID, 10)
	tests = append(tests, struct {
		name string
		cli  []string
		api  string
	}{"breaks", []string{"vote", "--id", id, "--breaks"}, "/api/v1/rollcalls/" + id + "/breaks"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := blocwatch(t, append([]string{"--db", db, "--format", "json"}, tt.cli...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var fromCLI, fromAPI map[string]any
			if err := json.Unmarshal([]byte(out), &fromCLI); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(api(tt.api)), &fromAPI); err != nil {
				t.Fatal(err)
			}
			rcs, _ := fromCLI["rollcalls"].([]any)
			bs, _ := fromCLI["breaks"].([]any)
			ps, _ := fromCLI["closest"].([]any)
			if len(rcs)+len(bs)+len(ps) == 0 {
				t.Fatalf("nothing to compare: %s", out)
			}
			for k, v := range fromAPI {
				if !reflect.DeepEqual(fromCLI[k], v) {
					t.Errorf("field %q: CLI %v, API %v", k, fromCLI[k], v)
				}
			}
			for k := range fromCLI {
				if _, ok := fromAPI[k]; !ok {
					t.Errorf("field %q in the CLI's JSON only", k)
				}
			}
			_, csvOut, _ := blocwatch(t, append([]string{"--db", db, "--format", "csv"}, tt.cli...)...)
			sep := "?"
			if strings.Contains(tt.api, "?") {
				sep = "&"
			}
			if got := api(tt.api + sep + "format=csv"); got != csvOut {
				t.Errorf("CSV differs:\nCLI:\n%s\nAPI:\n%s", csvOut, got)
			}
		})
	}
}
