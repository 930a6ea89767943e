package registry

import (
	"strings"
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"France", "FRANCE"},
		{"Côte d’Ivoire", "COTE DIVOIRE"},
		{"COTE D'IVOIRE", "COTE DIVOIRE"},
		{"CÔTE D'IVOIRE", "COTE DIVOIRE"},
		{"cote divoire", "COTE DIVOIRE"},
		{"TÜRKİYE", "TURKIYE"},
		{"TÜRKIYE", "TURKIYE"},
		{"Türkiye", "TURKIYE"},
		{"TÜRKÝYE", "TURKYYE"},
		{"türkıye", "TURKIYE"},
		{"São Tomé & Príncipe", "SAO TOME AND PRINCIPE"},
		{"St. Kitts & Nevis", "SAINT KITTS AND NEVIS"},
		{"St Lucia", "SAINT LUCIA"},
		{"Saint Lucia", "SAINT LUCIA"},
		{"Stanford", "STANFORD"},
		{"CONGO (BRAZZAVILLE)", "CONGO BRAZZAVILLE"},
		{"Congo - Brazzaville", "CONGO BRAZZAVILLE"},
		{"GERMANY, FEDERAL REPUBLIC OF", "GERMANY FEDERAL REPUBLIC OF"},
		{"Guinea-Bissau", "GUINEA BISSAU"},
		{"LAO PEOPLE's DEMOCRATIC REPUBLIC", "LAO PEOPLES DEMOCRATIC REPUBLIC"},
		{"Democratic People`s Republic of Korea", "DEMOCRATIC PEOPLES REPUBLIC OF KOREA"},
		{"  United\tStates  ", "UNITED STATES"},
		{"Straße", "STRASSE"},
		{"Ærø", "AERO"},
		{"Łódź", "LODZ"},
		{"ＵＳＡ", "USA"}, // full-width letters
		{"A/RES/1", "A RES 1"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Côte d’Ivoire", "St. Kitts & Nevis", "TÜRKÝYE", "ǆ", "ß", "ﬁ", "İı", "a\u0301", "\u0345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: Fold(%q) = %q, Fold of that = %q", s, got, again)
		}
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: bad spacing", s, got)
		}
		for _, c := range got {
			if c != ' ' && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
				t.Fatalf("Fold(%q) = %q: has %q", s, got, c)
			}
		}
	})
}
