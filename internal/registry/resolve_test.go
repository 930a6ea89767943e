package registry

import (
	"errors"
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	r := Default()
	tests := []struct {
		code, name, date string
		want             string
	}{
		// Shared names: the date decides.
		{"CHN", "CHINA", "1950-01-17", "TWN"},
		{"CHN", "CHINA", "1971-10-25", "CHN"},
		{"CHN", "CHINA", "1971-10-24", "TWN"},
		{"CHN", "CHINA", "1972-03-01", "CHN"},
		{"CN", "China", "1980-01-01", "CHN"},
		{"TW", "Taiwan", "1950-01-01", "TWN"},
		{"SUN", "USSR", "1980-01-01", "SUN"},
		{"SUN", "USSR", "1991-12-31", "SUN"},
		{"RUS", "RUSSIAN FEDERATION", "1992-01-01", "RUS"},
		{"RU", "Russia", "1980-01-01", "SUN"},
		{"RU", "Russia", "1991-12-23", "SUN"},
		{"RU", "Russia", "1991-12-24", "RUS"},
		{"RU", "Russia", "2000-01-01", "RUS"},
		{"YUG", "YUGOSLAVIA", "1980-01-01", "YUG"},
		{"YUG", "YUGOSLAVIA", "1995-12-01", "YUG"}, // the seat left empty 1992-2000
		{"YUG", "YUGOSLAVIA", "2000-11-01", "SCG"},
		{"YUG", "YUGOSLAVIA", "2001-12-01", "SCG"},
		{"YU", "Yugoslavia", "1980-01-01", "YUG"},
		{"YU", "Yugoslavia", "2001-01-01", "SCG"},
		{"YU", "Yugoslavia", "2005-01-01", "SCG"},
		{"YU", "Yugoslavia", "2010-01-01", "SRB"},
		{"SCG", "SERBIA AND MONTENEGRO", "2004-01-01", "SCG"},
		{"SCG", "SERBIAMONTENEGRO", "2003-06-18", "SCG"},
		{"SRB", "SERBIA", "2007-01-01", "SRB"},
		{"MNE", "MONTENEGRO", "2007-01-01", "MNE"},
		// Renamed states keep their identity.
		{"TZA", "TANGANYIKA", "1962-01-01", "TZA"},
		{"TZ", "Tanzania", "1990-01-01", "TZA"},
		{"EAZ", "ZANZIBAR", "1963-12-16", "EAZ"},
		{"", "Zanzibar", "1963-12-03", "EAZ"},
		{"EGY", "UNITED ARAB REPUBLIC", "1960-01-01", "EGY"},
		{"BEN", "DAHOMEY", "1965-01-01", "BEN"},
		{"MMR", "BURMA", "1965-01-01", "MMR"},
		{"MM", "Myanmar (Burma)", "1965-01-01", "MMR"},
		{"COD", "ZAIRE", "1980-01-01", "COD"},
		{"COD", "CONGO (LEOPOLDVILLE)", "1961-01-01", "COD"},
		{"COD", "CONGO (DEMOCRATIC REPUBLIC OF)", "1967-07-04", "COD"},
		{"COG", "CONGO (BRAZZAVILLE)", "1961-01-01", "COG"},
		{"COG", "CONGO", "1980-01-01", "COG"},
		{"CD", "Congo - Kinshasa", "1980-01-01", "COD"},
		{"CG", "Congo - Brazzaville", "1980-01-01", "COG"},
		{"BFA", "UPPER VOLTA", "1970-01-01", "BFA"},
		{"LKA", "CEYLON", "1960-01-01", "LKA"},
		{"SWZ", "SWAZILAND", "1990-01-01", "SWZ"},
		{"SZ", "Eswatini", "1990-01-01", "SWZ"},
		{"THA", "SIAM", "1948-01-01", "THA"},
		{"KHM", "KHMER REPUBLIC", "1972-01-01", "KHM"},
		{"KHM", "DEMOCRATIC KAMPUCHEA", "1980-01-01", "KHM"},
		{"MYS", "FEDERATION OF MALAYA", "1960-01-01", "MYS"},
		{"BLR", "BYELORUSSIAN SSR", "1960-01-01", "BLR"},
		{"BY", "Belarus", "1960-01-01", "BLR"},
		{"UKR", "UKRAINIAN SSR", "1960-01-01", "UKR"},
		{"CIV", "IVORY COAST", "1970-01-01", "CIV"},
		{"CIV", "CÔTE D'IVOIRE", "2022-03-24", "CIV"},
		{"CI", "Côte d’Ivoire", "2000-01-01", "CIV"},
		{"MDV", "MALDIVE ISLANDS", "1966-01-01", "MDV"},
		{"SUR", "SURINAM", "1976-01-01", "SUR"},
		{"CPV", "CAPE VERDE", "1980-01-01", "CPV"},
		{"CZE", "CZECH REPUBLIC", "2000-01-01", "CZE"},
		{"MKD", "THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "2000-01-01", "MKD"},
		{"CAF", "CENTRAL AFRICAN EMPIRE", "1977", "CAF"},
		{"CMR", "UNITED REPUBLIC OF CAMEROON", "1980-01-01", "CMR"},
		{"LBY", "LIBYAN ARAB JAMAHIRIYA", "1980-01-01", "LBY"},
		{"LBY", "LIBYAN ARAB REPUBLIC", "1971-01-01", "LBY"},
		{"PHL", "PHILIPPINE REPUBLIC", "1946-01-26", "PHL"},
		{"YMD", "SOUTHERN YEMEN", "1968-01-01", "YMD"},
		{"YMD", "DEMOCRATIC YEMEN", "1980-01-01", "YMD"},
		{"YD", "Yemen People's Republic", "1980-01-01", "YMD"},
		{"", "Yemen Arab Republic", "1980-01-01", "YEM"},
		{"YEM", "YEMEN", "1980-01-01", "YEM"},
		{"", "Federal Republic of Germany", "1980-01-01", "DEU"},
		{"DEU", "GERMANY, FEDERAL REPUBLIC OF", "1980-01-01", "DEU"},
		{"DD", "German Democratic Republic", "1980-01-01", "DDR"},
		{"CS", "Czechoslovakia", "1980-01-01", "CSK"},
		{"KN", "St. Kitts & Nevis", "2000-01-01", "KNA"},
		{"KNA", "SAINT CHRISTOPHER AND NEVIS", "1986-09-20", "KNA"},
		{"VC", "St. Vincent & Grenadines", "2000-01-01", "VCT"},
		{"ST", "São Tomé & Príncipe", "2000-01-01", "STP"},
		{"KP", "North Korea", "2000-01-01", "PRK"},
		{"KR", "South Korea", "2000-01-01", "KOR"},
		{"TUR", "TÜRKİYE", "2023-01-01", "TUR"},
		{"TR", "Turkey", "2000-01-01", "TUR"},
		// Typing errors in the UN Digital Library files.
		{"DNK", "AY DENMARK", "1981-12-16", "DNK"},
		{"KAZ", "TKAZAKHSTAN", "2007-12-05", "KAZ"},
		{"CHL", "CHILEs", "2015-03-27", "CHL"},
		{"USA", "Aa UNITED STATES", "1969-12-12", "USA"},
		{"SWE", "AY SWEDEN", "1979-12-14", "SWE"},
		{"ZAF", "AY UNION OF SOUTH AFRICA", "1961-04-21", "ZAF"},
		{"MDA", "REPULIC OF MOLDOVA", "2009-12-10", "MDA"},
		{"BOL", "BOLIVIA (PLUNATIONAL STATE OF)", "2009-12-02", "BOL"},
		{"BOL", "BOLIVIA (PLURINATIOANL STATE OF)", "2010-11-30", "BOL"},
		{"KHM", "DEMOCRATIC CAMPUCHEA", "1980-01-14", "KHM"},
		{"TUR", "TÜRKÝYE", "2024-11-18", "TUR"},
		{"CIV", "COTE D’IVOIRE", "2019-04-23", "CIV"},
		{"LAO", "LAO PEOPLE's DEMOCRATIC REPUBLIC", "1980-01-01", "LAO"},
		// Lower case codes, spacing.
		{"usa", "  united states ", "2000-01-01", "USA"},
		{"", "UNITED STATES", "", "USA"}, // a fixed name needs no date
	}
	for _, tt := range tests {
		s, err := r.Resolve(tt.code, tt.name, tt.date)
		if err != nil {
			t.Errorf("Resolve(%q, %q, %q): %v", tt.code, tt.name, tt.date, err)
			continue
		}
		if s.Code != tt.want {
			t.Errorf("Resolve(%q, %q, %q) = %s, want %s", tt.code, tt.name, tt.date, s.Code, tt.want)
		}
	}
}

func TestResolveErrors(t *testing.T) {
	r := Default()
	tests := []struct {
		code, name, date string
		msg              string // part of the error message
	}{
		{"", "DONOTKNOW", "2010-12-22", `unknown state "DONOTKNOW"`},
		{"FRA", "NARNIA", "2000-01-01", `unknown state "NARNIA" (code "FRA")`},
		{"FRA", "", "2000-01-01", `unknown state ""`},
		{"FRA", "GERMANY", "2000-01-01", "DEU"},
		{"US", "France", "2000-01-01", "FRA"},
		{"TW", "CHINA", "1980-01-01", "CHN"},        // TW is not the PRC's code
		{"RUS", "Russia", "", "needs a date"},       // a shared name needs a date
		{"CHN", "CHINA", "1971", "does not decide"}, // a bare year is too coarse
		{"CHN", "CHINA", "1971-10", "does not decide"},
		{"CHN", "CHINA", "25/10/1971", "needs a date"},
	}
	for _, tt := range tests {
		s, err := r.Resolve(tt.code, tt.name, tt.date)
		if err == nil {
			t.Errorf("Resolve(%q, %q, %q) = %s, want an error", tt.code, tt.name, tt.date, s.Code)
			continue
		}
		var ue *UnknownError
		if !errors.As(err, &ue) || ue.Code != tt.code || ue.Name != tt.name {
			t.Errorf("Resolve(%q, %q, %q): error %#v is not an *UnknownError with the code and name", tt.code, tt.name, tt.date, err)
		}
		if !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Resolve(%q, %q, %q): error %q does not say %q", tt.code, tt.name, tt.date, err, tt.msg)
		}
	}
	// A bare year is fine when it is not the year of the change.
	if s, err := r.Resolve("CHN", "CHINA", "1980"); err != nil || s.Code != "CHN" {
		t.Errorf(`Resolve("CHN", "CHINA", "1980") = %v, %v; want CHN`, s, err)
	}
}

func TestResolveAllocs(t *testing.T) {
	r := Default()
	calls := [][3]string{
		{"USA", "UNITED STATES", "2000-01-01"},
		{"CHN", "CHINA", "1950-01-01"},
		{"CIV", "COTE D'IVOIRE", "2000-01-01"}, // not listed verbatim: cached on first use
		{"", "Yemen Arab Republic", "1980-01-01"},
		{"RU", "Russia", "1980-01-01"},
	}
	for _, c := range calls {
		if _, err := r.Resolve(c[0], c[1], c[2]); err != nil {
			t.Fatal(err)
		}
	}
	n := testing.AllocsPerRun(100, func() {
		for _, c := range calls {
			r.Resolve(c[0], c[1], c[2])
		}
	})
	if n != 0 {
		t.Errorf("Resolve allocates %v times per run of known names, want 0", n)
	}
}

func TestResolveConcurrent(t *testing.T) {
	r := Default()
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- true }()
			for i := 0; i < 200; i++ {
				name := []string{"united states", "United States", "uNITED sTATES", "cote d'ivoire", "Türkiye"}[i%5] + strings.Repeat(" ", i%7)
				if _, err := r.Resolve("", name, "2000-01-01"); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}

func BenchmarkResolve(b *testing.B) {
	r := Default()
	// A mix like an ingest's: mostly fixed names, some shared ones.
	calls := [][3]string{
		{"USA", "UNITED STATES", "1995-12-12"},
		{"FRA", "FRANCE", "1995-12-12"},
		{"CHN", "CHINA", "1965-12-12"},
		{"CHN", "CHINA", "1995-12-12"},
		{"SUN", "USSR", "1965-12-12"},
		{"YUG", "YUGOSLAVIA", "2001-12-12"},
		{"CIV", "COTE D'IVOIRE", "1995-12-12"},
		{"LAO", "LAO PEOPLE'S DEMOCRATIC REPUBLIC", "1995-12-12"},
		{"RU", "Russia", "1980-01-01"},
		{"", "Yemen Arab Republic", "1980-01-01"},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c := calls[i%len(calls)]
		if _, err := r.Resolve(c[0], c[1], c[2]); err != nil {
			b.Fatal(err)
		}
	}
}
