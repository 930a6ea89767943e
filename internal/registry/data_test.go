package registry

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/realdata"
)

// dataDir returns the folder of the real data (realdata).
func dataDir(t *testing.T) string {
	t.Helper()
	return realdata.Dir(t)
}

// readCSV calls f with every record of a gzipped CSV file after its header,
// with the header's column indexes.
func readCSV(t *testing.T, path string, f func(col map[string]int, rec []string)) {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	gz, err := gzip.NewReader(fh)
	if err != nil {
		t.Fatal(err)
	}
	cr := csv.NewReader(gz)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		f(col, rec)
	}
}

type pair struct{ code, name string }

// resolved records, for each (code, name) pair of a source, the identities
// its rows resolve to and the first error.
type resolved struct {
	states map[pair][]string
	errs   map[pair]error
}

func (res *resolved) add(r *Registry, code, name, date string) {
	p := pair{code, name}
	s, err := r.Resolve(code, name, date)
	if err != nil {
		if res.errs[p] == nil {
			res.errs[p] = err
		}
		return
	}
	if !slices.Contains(res.states[p], s.Code) {
		res.states[p] = append(res.states[p], s.Code)
		slices.Sort(res.states[p])
	}
}

func (res *resolved) check(t *testing.T, source string, want map[pair]string, failing map[pair]bool) {
	t.Helper()
	t.Logf("%s: %d (code, name) pairs", source, len(res.states)+len(res.errs))
	for p, err := range res.errs {
		if !failing[p] {
			t.Errorf("%s: %q %q: %v", source, p.code, p.name, err)
		}
	}
	for p := range failing {
		if res.errs[p] == nil {
			t.Errorf("%s: %q %q resolves to %v, want an error", source, p.code, p.name, res.states[p])
		}
	}
	for p, w := range want {
		got, ok := res.states[p]
		if !ok {
			t.Errorf("%s: no rows for %q %q", source, p.code, p.name)
			continue
		}
		if strings.Join(got, " ") != w {
			t.Errorf("%s: %q %q resolves to %v, want %s", source, p.code, p.name, got, w)
		}
	}
}

func TestDataUNDL(t *testing.T) {
	dir := dataDir(t)
	r := Default()
	want := map[pair]string{
		{"CHN", "CHINA"}:                            "CHN TWN",
		{"YUG", "YUGOSLAVIA"}:                       "SCG YUG",
		{"SUN", "USSR"}:                             "SUN",
		{"RUS", "RUSSIAN FEDERATION"}:               "RUS",
		{"SCG", "SERBIA AND MONTENEGRO"}:            "SCG",
		{"SCG", "SERBIAMONTENEGRO"}:                 "SCG",
		{"SRB", "SERBIA"}:                           "SRB",
		{"TZA", "TANGANYIKA"}:                       "TZA",
		{"EAZ", "ZANZIBAR"}:                         "EAZ",
		{"EGY", "UNITED ARAB REPUBLIC"}:             "EGY",
		{"BEN", "DAHOMEY"}:                          "BEN",
		{"MMR", "BURMA"}:                            "MMR",
		{"COD", "ZAIRE"}:                            "COD",
		{"COD", "CONGO (LEOPOLDVILLE)"}:             "COD",
		{"COG", "CONGO (BRAZZAVILLE)"}:              "COG",
		{"COG", "CONGO"}:                            "COG",
		{"DDR", "GERMAN DEMOCRATIC REPUBLIC"}:       "DDR",
		{"DEU", "GERMANY, FEDERAL REPUBLIC OF"}:     "DEU",
		{"CSK", "CZECHOSLOVAKIA"}:                   "CSK",
		{"YMD", "SOUTHERN YEMEN"}:                   "YMD",
		{"DNK", "AY DENMARK"}:                       "DNK",
		{"KAZ", "TKAZAKHSTAN"}:                      "KAZ",
		{"CHL", "CHILEs"}:                           "CHL",
		{"USA", "Aa UNITED STATES"}:                 "USA",
		{"SWE", "AY SWEDEN"}:                        "SWE",
		{"ZAF", "AY UNION OF SOUTH AFRICA"}:         "ZAF",
		{"MDA", "REPULIC OF MOLDOVA"}:               "MDA",
		{"BOL", "BOLIVIA (PLUNATIONAL STATE OF)"}:   "BOL",
		{"KHM", "DEMOCRATIC CAMPUCHEA"}:             "KHM",
		{"TUR", "TÜRKÝYE"}:                          "TUR",
		{"CIV", "COTE D’IVOIRE"}:                    "CIV",
		{"LAO", "LAO PEOPLE's DEMOCRATIC REPUBLIC"}: "LAO",
	}
	failing := map[pair]bool{{"", "DONOTKNOW"}: true}
	res := &resolved{map[pair][]string{}, map[pair]error{}}
	for _, f := range []string{"ga_voting.csv.gz", "sc_voting.csv.gz"} {
		readCSV(t, filepath.Join(dir, "undl", f), func(col map[string]int, rec []string) {
			res.add(r, rec[col["ms_code"]], rec[col["ms_name"]], rec[col["date"]])
		})
	}
	res.check(t, "undl", want, failing)
}

func TestDataUnvotes(t *testing.T) {
	dir := dataDir(t)
	r := Default()
	dates := map[string]string{}
	readCSV(t, filepath.Join(dir, "unvotes", "roll_calls.csv.gz"), func(col map[string]int, rec []string) {
		dates[rec[col["rcid"]]] = rec[col["date"]]
	})
	want := map[pair]string{
		{"RU", "Russia"}:                     "RUS SUN",
		{"YU", "Yugoslavia"}:                 "SCG SRB YUG",
		{"TW", "Taiwan"}:                     "TWN",
		{"CN", "China"}:                      "CHN",
		{"CD", "Congo - Kinshasa"}:           "COD",
		{"CG", "Congo - Brazzaville"}:        "COG",
		{"", "Federal Republic of Germany"}:  "DEU",
		{"", "Yemen Arab Republic"}:          "YEM",
		{"", "Zanzibar"}:                     "EAZ",
		{"DD", "German Democratic Republic"}: "DDR",
		{"CS", "Czechoslovakia"}:             "CSK",
		{"YD", "Yemen People's Republic"}:    "YMD",
		{"MM", "Myanmar (Burma)"}:            "MMR",
		{"KN", "St. Kitts & Nevis"}:          "KNA",
		{"VC", "St. Vincent & Grenadines"}:   "VCT",
		{"CI", "Côte d’Ivoire"}:              "CIV",
		{"ST", "São Tomé & Príncipe"}:        "STP",
		{"KP", "North Korea"}:                "PRK",
		{"KR", "South Korea"}:                "KOR",
		{"BY", "Belarus"}:                    "BLR",
		{"SZ", "Eswatini"}:                   "SWZ",
	}
	res := &resolved{map[pair][]string{}, map[pair]error{}}
	readCSV(t, filepath.Join(dir, "unvotes", "votes.csv.gz"), func(col map[string]int, rec []string) {
		date, ok := dates[rec[col["rcid"]]]
		if !ok {
			t.Fatalf("vote on unknown roll call %s", rec[col["rcid"]])
		}
		res.add(r, rec[col["country_code"]], rec[col["country"]], date)
	})
	res.check(t, "unvotes", want, nil)
}
