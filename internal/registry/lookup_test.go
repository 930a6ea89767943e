package registry

import (
	"errors"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	r := Default()
	tests := []struct{ q, want string }{
		{"USA", "USA"},
		{"usa", "USA"},
		{" usa ", "USA"},
		{"US", "USA"},
		{"us", "USA"},
		{"2", "USA"},
		{"United States", "USA"},
		{"united states of america", "USA"},
		{"UK", "GBR"},
		{"Great Britain", "GBR"},
		{"North Korea", "PRK"},
		{"DPRK", "PRK"},
		{"South Korea", "KOR"},
		{"Republic of Korea", "KOR"},
		{"731", "PRK"},
		{"Russia", "RUS"},
		{"Russian Federation", "RUS"},
		{"365", "RUS"}, // COW 365 is also the USSR's; the current state wins
		{"USSR", "SUN"},
		{"Soviet Union", "SUN"},
		{"SUN", "SUN"},
		{"Iran", "IRN"},
		{"Syria", "SYR"},
		{"Vietnam", "VNM"},
		{"Viet Nam", "VNM"},
		{"Laos", "LAO"},
		{"Bolivia", "BOL"},
		{"Venezuela", "VEN"},
		{"Tanzania", "TZA"},
		{"Moldova", "MDA"},
		{"Czechia", "CZE"},
		{"Czech Republic", "CZE"},
		{"Turkey", "TUR"},
		{"Türkiye", "TUR"},
		{"Ivory Coast", "CIV"},
		{"Cote d'Ivoire", "CIV"},
		{"Burma", "MMR"},
		{"Holy See", "VAT"},
		{"Vatican", "VAT"},
		{"VA", "VAT"},
		{"Palestine", "PSE"},
		{"State of Palestine", "PSE"},
		{"China", "CHN"},
		{"PRC", "CHN"},
		{"710", "CHN"},
		{"Taiwan", "TWN"},
		{"Republic of China", "TWN"},
		{"713", "TWN"},
		{"Yugoslavia", "YUG"},
		{"Serbia and Montenegro", "SCG"},
		{"345", "SRB"},
		{"Serbia", "SRB"},
		{"Germany", "DEU"},
		{"West Germany", "DEU"},
		{"255", "DEU"},
		{"East Germany", "DDR"},
		{"GDR", "DDR"},
		{"DD", "DDR"},
		{"265", "DDR"},
		{"Congo", "COG"},
		{"DRC", "COD"},
		{"Zaire", "COD"},
		{"Guinea", "GIN"},
		{"Niger", "NER"},
		{"St Lucia", "LCA"},
		{"Saint Vincent and the Grenadines", "VCT"},
		{"Zanzibar", "EAZ"},
		{"South Yemen", "YMD"},
		{"Yemen", "YEM"},
		{"Czechoslovakia", "CSK"},
	}
	for _, tt := range tests {
		s, err := r.Lookup(tt.q)
		if err != nil {
			t.Errorf("Lookup(%q): %v", tt.q, err)
			continue
		}
		if s.Code != tt.want {
			t.Errorf("Lookup(%q) = %s, want %s", tt.q, s.Code, tt.want)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	r := Default()
	tests := []struct {
		q          string
		candidates []string // codes the error must list
	}{
		{"Korea", []string{"KOR", "PRK"}},
		{"korea", []string{"KOR", "PRK"}},
		{"Leban", []string{"LBN"}},
		{"Republic of France", []string{"FRA"}},
		{"Narnia", nil},
		{"", nil},
		{"   ", nil},
		{"XYZ", nil},
		{"99999", nil},
		{"-2", nil},
		{"AY DENMARK", []string{"DNK"}}, // misspellings are for sources, not users
	}
	for _, tt := range tests {
		s, err := r.Lookup(tt.q)
		if tt.q == "AY DENMARK" {
			// A misspelling is still a name: it resolves.
			if err != nil || s.Code != "DNK" {
				t.Errorf("Lookup(%q) = %v, %v; want DNK", tt.q, s, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("Lookup(%q) = %s, want an error", tt.q, s.Code)
			continue
		}
		var le *LookupError
		if !errors.As(err, &le) {
			t.Errorf("Lookup(%q): error %#v is not a *LookupError", tt.q, err)
			continue
		}
		var got []string
		for _, c := range le.Candidates {
			got = append(got, c.Code)
		}
		for _, want := range tt.candidates {
			if !strings.Contains(strings.Join(got, " "), want) {
				t.Errorf("Lookup(%q): candidates %v lack %s", tt.q, got, want)
			}
			if !strings.Contains(err.Error(), want) {
				t.Errorf("Lookup(%q): error %q does not name %s", tt.q, err, want)
			}
		}
		if tt.candidates == nil && len(got) > 0 {
			t.Errorf("Lookup(%q): candidates %v, want none", tt.q, got)
		}
	}
}

// Every name of every state looks up to that state, unless it is shared and
// another state is the one meant (China, Russia, Yugoslavia).
func TestLookupEveryName(t *testing.T) {
	r := Default()
	shared := map[string]string{"CHINA": "CHN", "RUSSIA": "RUS", "YUGOSLAVIA": "YUG"}
	for _, s := range r.States() {
		for _, q := range []string{s.Code, s.ISO2} {
			if q == "" {
				continue
			}
			if got, err := r.Lookup(q); err != nil || got != s {
				t.Errorf("Lookup(%q) = %v, %v; want %s", q, got, err, s.Code)
			}
		}
		for _, n := range s.Names {
			want := s.Code
			if w, ok := shared[Fold(n.Name)]; ok {
				want = w
			}
			if got, err := r.Lookup(n.Name); err != nil || got.Code != want {
				t.Errorf("Lookup(%q) = %v, %v; want %s", n.Name, got, err, want)
			}
		}
	}
}
