package record

import "testing"

func TestOutcomeOf(t *testing.T) {
	tests := []struct {
		res, note string
		want      Outcome
	}{
		{"", "Not adopted - veto", OutcomeVetoed},
		{"", "Not adopted - failed to receive required number of votes", OutcomeNotAdopted},
		{"S/RES/2618(2022)", "", OutcomeAdopted},
		{"A/RES/ES-11/1", "", OutcomeAdopted},
		{"A/76/L.14", "", OutcomeUnknown},
		{"", "Adopted without a vote", OutcomeAdopted},
		{"", "", OutcomeUnknown},
	}
	for _, tt := range tests {
		if got := OutcomeOf(tt.res, tt.note); got != tt.want {
			t.Errorf("OutcomeOf(%q, %q) = %q, want %q", tt.res, tt.note, got, tt.want)
		}
	}
}

func TestLinksOf(t *testing.T) {
	tests := []struct {
		link, res, draft, meeting string
		want                      Links
		best                      string
	}{
		{"https://digitallibrary.un.org/record/1", "A/RES/ES-11/1", "A/ES-11/L.1", "A/ES-11/PV.5",
			Links{"https://digitallibrary.un.org/record/1", "https://undocs.org/A/RES/ES-11/1", "https://undocs.org/A/ES-11/L.1", "https://undocs.org/A/ES-11/PV.5"},
			"https://digitallibrary.un.org/record/1"},
		{"", "", "S/2022/431", "S/PV.9048", Links{Document: "https://undocs.org/S/2022/431", Meeting: "https://undocs.org/S/PV.9048"}, "https://undocs.org/S/2022/431"},
		{"", "", "Oral amendment", "", Links{}, ""},
		{"", "MISSING_DATA", "", "", Links{}, ""},
		{"", "R/35/1", "", "", Links{}, ""},
		{"", "A/RES/36/5 B", "", "", Links{}, ""},
	}
	for _, tt := range tests {
		got := LinksOf(tt.link, tt.res, tt.draft, tt.meeting)
		if got != tt.want || got.Best() != tt.best {
			t.Errorf("LinksOf(%q, %q, %q, %q) = %+v (best %q), want %+v (%q)", tt.link, tt.res, tt.draft, tt.meeting, got, got.Best(), tt.want, tt.best)
		}
	}
}

func TestKeyOfDraft(t *testing.T) {
	a := RollCall{Draft: "S/2022/538", Date: "2022-07-08"}
	b := RollCall{Draft: "S/2022/541", Date: "2022-07-08"}
	if a.Key() == b.Key() || a.Key() != "draft:S/2022/538@2022-07-08" {
		t.Errorf("keys %q and %q", a.Key(), b.Key())
	}
	if c := (RollCall{Resolution: "S/RES/1(1946)", Draft: "S/1", Date: "1946-01-25"}); c.Key() != "sym:S/RES/1(1946)@1946-01-25" || c.Symbol() != "S/RES/1(1946)" {
		t.Errorf("key %q symbol %q", c.Key(), c.Symbol())
	}
}
