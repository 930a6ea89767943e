package votes

import (
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

func TestParseUniverse(t *testing.T) {
	tests := []struct {
		include string
		keep    bool
		want    string
		err     bool
	}{
		{"", false, "resolutions", false},
		{"amendments", false, "resolutions+amendments", false},
		{"paragraphs, amendments", true, "resolutions+amendments+paragraphs; duplicate records kept", false},
		{"all", false, "resolutions+amendments+paragraphs+other", false},
		{"procedural", false, "", true},
	}
	for _, tt := range tests {
		u, err := ParseUniverse(tt.include, tt.keep)
		if (err != nil) != tt.err || err == nil && u.String() != tt.want {
			t.Errorf("ParseUniverse(%q, %v) = %q, %v; want %q", tt.include, tt.keep, u, err, tt.want)
		}
	}
}

// TestSubset checks that a universe keeps every vote of the roll calls it
// counts, in order, with years and tallies intact.
func TestSubset(t *testing.T) {
	b := NewBuilder()
	add := func(id int64, date string, kind Kind, dup int64, v map[string]record.Vote) {
		i := b.AddRollCall(RollCall{ID: id, Body: record.GA, Date: date, Kind: kind, DupOf: dup})
		for s, x := range v {
			if err := b.Add(i, s, x); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(1, "2020-01-01", KindResolution, 0, map[string]record.Vote{"USA": record.Yes, "RUS": record.No})
	add(2, "2020-02-01", KindAmendment, 0, map[string]record.Vote{"USA": record.No, "RUS": record.No})
	add(3, "2020-03-01", KindResolution, 1, map[string]record.Vote{"USA": record.Yes, "RUS": record.No})
	add(4, "2021-01-01", KindParagraph, 0, map[string]record.Vote{"USA": record.Abstain})
	add(5, "2021-02-01", KindOther, 0, map[string]record.Vote{"RUS": record.Yes})
	add(6, "2021-03-01", KindResolution, 0, map[string]record.Vote{"USA": record.Abstain, "RUS": record.NonVoting})
	m := b.Build()
	tests := []struct {
		u   Universe
		ids []int64
	}{
		{Universe{}, []int64{1, 6}},
		{Universe{KeepDuplicates: true}, []int64{1, 3, 6}},
		{Universe{Amendments: true, Paragraphs: true, Other: true}, []int64{1, 2, 4, 5, 6}},
	}
	for _, tt := range tests {
		s := m.In(tt.u)
		var ids []int64
		for i, rc := range s.RollCalls() {
			ids = append(ids, rc.ID)
			j := int(rc.ID - 1)
			for st := range m.States() {
				if s.Vote(i, st) != m.Vote(j, st) {
					t.Errorf("%s: roll call %d state %s: %q, want %q", tt.u, rc.ID, m.States()[st], s.Vote(i, st), m.Vote(j, st))
				}
			}
		}
		if len(ids) != len(tt.ids) {
			t.Errorf("%s: ids %v, want %v", tt.u, ids, tt.ids)
			continue
		}
		for i := range ids {
			if ids[i] != tt.ids[i] {
				t.Errorf("%s: ids %v, want %v", tt.u, ids, tt.ids)
			}
		}
		lo, hi := s.YearRange(2021)
		n21 := 0
		for _, id := range tt.ids {
			if id >= 4 {
				n21++
			}
		}
		if hi-lo != n21 {
			t.Errorf("%s: 2021 holds %d roll calls, want %d", tt.u, hi-lo, n21)
		}
	}
	if m.In(Universe{Amendments: true, Paragraphs: true, Other: true, KeepDuplicates: true}) != m {
		t.Error("a universe that counts everything should return the matrix itself")
	}
}

// FuzzParseUniverse checks that --include either parses into a universe
// whose name parses back to the same universe, or fails.
func FuzzParseUniverse(f *testing.F) {
	for _, s := range []string{"", "amendments", "paragraphs,other", "all", " Amendments , paragraph ", "x"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, include string, keep bool) {
		u, err := ParseUniverse(include, keep)
		if err != nil {
			return
		}
		name, _, _ := strings.Cut(u.String(), ";")
		back, err := ParseUniverse(strings.ReplaceAll(name, "+", ","), keep)
		if err != nil || back != u {
			t.Errorf("%q: %+v named %q parses back to %+v, %v", include, u, u.String(), back, err)
		}
	})
}
