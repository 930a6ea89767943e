package store

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// TestCouncilDrafts checks the Council's votes that adopted nothing: a roll
// call is its draft and date (two drafts on one day are two roll calls), it
// has an outcome and its vetoers, a lookup finds it by its draft symbol, and
// an amendment is flagged as one.
func TestCouncilDrafts(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	rep := ingest(t, s, "testdata/sc_drafts.csv")
	if b := rep.Batches[0]; b.RollCallsNew != 4 || b.Duplicates != 0 || len(b.Problems) != 0 {
		t.Fatalf("ingest: %+v", b)
	}
	tests := []struct {
		symbol   string
		outcome  record.Outcome
		vetoedBy []string
		tally    string
		links    record.Links
	}{
		{"S/2022/538", record.OutcomeVetoed, []string{"RUS"}, "5-1-0", record.Links{Document: "https://undocs.org/S/2022/538"}},
		{"S/2022/541", record.OutcomeNotAdopted, nil, "2-0-4", record.Links{Document: "https://undocs.org/S/2022/541"}},
		{"Oral amendment", record.OutcomeVetoed, []string{"USA"}, "5-1-0", record.Links{}},
		{"S/RES/2618(2022)", record.OutcomeAdopted, nil, "6-0-0", record.Links{Document: "https://undocs.org/S/RES/2618(2022)", Draft: "https://undocs.org/S/2022/52"}},
		{"S/2022/52", record.OutcomeAdopted, nil, "6-0-0", record.Links{Document: "https://undocs.org/S/RES/2618(2022)", Draft: "https://undocs.org/S/2022/52"}},
	}
	for _, tt := range tests {
		rc, err := s.RollCallBySymbol(ctx, tt.symbol, "")
		if err != nil {
			t.Errorf("%s: %v", tt.symbol, err)
			continue
		}
		if rc.Body != record.SC || rc.Outcome != tt.outcome || !slices.Equal(rc.VetoedBy, tt.vetoedBy) || rc.Tally.String() != tt.tally || rc.Links != tt.links {
			t.Errorf("%s: body %s outcome %q vetoed by %v tally %s links %+v; want %q %v %s %+v",
				tt.symbol, rc.Body, rc.Outcome, rc.VetoedBy, rc.Tally, rc.Links, tt.outcome, tt.vetoedBy, tt.tally, tt.links)
		}
	}
	m, err := s.Matrix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]votes.Kind{}
	// The matrix knows the vetoers as the lookups do.
	vetoedBy := map[string][]string{"S/2022/538": {"RUS"}, "Oral amendment": {"USA"}}
	for _, rc := range m.RollCalls() {
		kinds[rc.Symbol()] = rc.Kind
		if !slices.Equal(rc.VetoedBy, vetoedBy[rc.Symbol()]) {
			t.Errorf("%s: vetoed by %v in the matrix, want %v", rc.Symbol(), rc.VetoedBy, vetoedBy[rc.Symbol()])
		}
	}
	if kinds["Oral amendment"] != votes.KindAmendment || kinds["S/2022/538"] != votes.KindResolution {
		t.Errorf("kinds: %v", kinds)
	}
	// The default universe leaves the amendment out and keeps failed drafts.
	if n := m.In(votes.Universe{}).NumRollCalls(); n != 3 {
		t.Errorf("default universe: %d roll calls, want 3", n)
	}
	// The same file again, under another name, changes nothing.
	data, err := os.ReadFile("testdata/sc_drafts.csv")
	if err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(t.TempDir(), "sc_again.csv")
	if err := os.WriteFile(again, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = ingest(t, s, again)
	if b := rep.Batches[0]; rep.Changed || b.RollCallsNew != 0 || b.RollCallsMatched != 4 || b.VotesSame != 24 {
		t.Errorf("the same records again: changed %v, %+v", rep.Changed, b)
	}
}

// TestDuplicates checks the rule of one vote, one roll call on a hand-made
// file: a whole resolution and its parts with identical votes, a draft
// symbol held twice and the resolution it became are counted once; sibling
// parts with identical votes, and related records whose votes differ, stay
// apart and are listed.
func TestDuplicates(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	ingest(t, s, "testdata/ga_duplicates.csv")
	groups, near, err := s.Duplicates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type g struct {
		canonical string
		others    []string
	}
	var got []g
	for _, x := range groups {
		var o []string
		for _, r := range x.Others {
			o = append(o, r.Symbol)
		}
		got = append(got, g{x.Canonical.Symbol, o})
	}
	want := []g{
		{"A/RES/75/254A-C", []string{"A/RES/75/254[A]", "A/RES/75/254[B]", "A/RES/75/254[C]"}},
		{"A/RES/76/10", []string{"A/76/L.14", "A/76/L.14"}},
	}
	if len(got) != len(want) {
		t.Fatalf("groups %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].canonical != want[i].canonical || !slices.Equal(got[i].others, want[i].others) {
			t.Errorf("group %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	nearWant := map[[2]string]int{{"A/RES/47/70C", "A/RES/47/70E"}: 0, {"A/RES/47/71A", "A/RES/47/71"}: 1}
	if len(near) != len(nearWant) {
		t.Errorf("near-duplicates %+v", near)
	}
	for _, n := range near {
		d, ok := nearWant[[2]string{n.A.Symbol, n.B.Symbol}]
		if !ok {
			d, ok = nearWant[[2]string{n.B.Symbol, n.A.Symbol}]
		}
		if !ok || d != n.Members {
			t.Errorf("near-duplicate %+v", n)
		}
	}
	m, err := s.Matrix(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := m.In(votes.Universe{}).NumRollCalls(); n != 6 {
		t.Errorf("each vote once: %d roll calls, want 6", n)
	}
	if n := m.In(votes.Universe{KeepDuplicates: true}).NumRollCalls(); n != 11 {
		t.Errorf("every record: %d roll calls, want 11", n)
	}
	// Lookups still find every record.
	if _, err := s.RollCallBySymbol(ctx, "A/RES/75/254[B]", ""); err != nil {
		t.Error(err)
	}
}

// TestEmptyIngest checks that a file with a header and no rows changes
// nothing: no source, no new data version, the same bytes on disk.
func TestEmptyIngest(t *testing.T) {
	s := openTemp(t)
	ingest(t, s, "testdata/ga_duplicates.csv")
	v0, err := s.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(t.TempDir(), "ga_empty.csv")
	data, _ := os.ReadFile("testdata/ga_duplicates.csv")
	head := data[:slices.Index(data, '\n')+1]
	if err := os.WriteFile(empty, head, 0o644); err != nil {
		t.Fatal(err)
	}
	rep := ingest(t, s, empty)
	v1, _ := s.Version(context.Background())
	if rep.Changed || !rep.Batches[0].Empty || v1 != v0 {
		t.Errorf("header-only file: changed %v, empty %v, version %d -> %d", rep.Changed, rep.Batches[0].Empty, v0, v1)
	}
}
