package store

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

// TestIssuesOrigin checks that every roll call read from the store carries
// issue codes marked with their origin, the same in lookups and in the vote
// matrix: Voeten's where his data give them (A/RES/35/1, hr), else the
// classifier's (the amendment R/35/1 on the "human rights test resolution",
// classified hr; A/RES/36/5 B, "Second test", none).
func TestIssuesOrigin(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ingest(t, s, "testdata/ga_small.csv", "testdata/unvotes")
	want := map[string]struct {
		codes  []string
		origin string
	}{
		"A/RES/35/1":   {[]string{"hr"}, IssuesVoeten},
		"R/35/1":       {[]string{"hr"}, IssuesClassifier},
		"A/RES/36/5 B": {[]string{}, IssuesClassifier},
	}
	for sym, w := range want {
		rc, err := s.RollCallBySymbol(ctx, sym, "")
		if err != nil {
			t.Fatalf("%s: %v", sym, err)
		}
		if !slices.Equal(rc.Issues, w.codes) || rc.IssuesOrigin != w.origin {
			t.Errorf("%s: issues %q from %q, want %q from %q", sym, rc.Issues, rc.IssuesOrigin, w.codes, w.origin)
		}
		// JSON: an array, [] for none, and the origin.
		b, _ := json.Marshal(rc)
		var j struct {
			Issues []string `json:"issues"`
			Origin *string  `json:"issues_origin"`
		}
		if err := json.Unmarshal(b, &j); err != nil || j.Issues == nil || j.Origin == nil || *j.Origin != w.origin {
			t.Errorf("%s: JSON %s", sym, b)
		}
	}
	list, err := s.Search(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range list {
		if w, ok := want[sv.Resolution]; ok && (!slices.Equal(sv.Issues, w.codes) || sv.IssuesOrigin != w.origin) {
			t.Errorf("search %s: issues %q from %q", sv.Resolution, sv.Issues, sv.IssuesOrigin)
		}
	}
	m, err := s.Matrix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, rc := range m.RollCalls() {
		w, ok := want[rc.Resolution]
		if !ok {
			continue
		}
		var is record.Issue
		for _, c := range w.codes {
			x, _ := record.ParseIssue(c)
			is |= x
		}
		if rc.Issues != is || rc.IssuesClassified != (w.origin == IssuesClassifier) {
			t.Errorf("matrix %s: issues %v classified %v, want %q from %s", rc.Resolution, rc.Issues.Codes(), rc.IssuesClassified, w.codes, w.origin)
		}
	}
}
