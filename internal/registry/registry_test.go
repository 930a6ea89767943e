package registry

import (
	"slices"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	r := Default()
	states := r.States()
	var members, observers, former int
	for i, s := range states {
		if i > 0 && states[i-1].Code >= s.Code {
			t.Errorf("States not sorted: %s before %s", states[i-1].Code, s.Code)
		}
		switch {
		case s.Observer:
			observers++
		case s.Former:
			former++
		default:
			members++
		}
		if r.State(s.Code) != s || r.State(strings.ToLower(s.Code)) != s {
			t.Errorf("State(%q) is not %s", s.Code, s.Code)
		}
		if len(s.Names) == 0 || s.Names[0].Name == "" {
			t.Errorf("%s has no names", s.Code)
		}
	}
	if members != 193 {
		t.Errorf("%d member states, want 193", members)
	}
	if observers != 2 || r.State("PSE") == nil || r.State("VAT") == nil {
		t.Errorf("%d observer states, want PSE and VAT", observers)
	}
	wantFormer := []string{"CSK", "DDR", "EAZ", "SCG", "SUN", "TWN", "YMD", "YUG"}
	var gotFormer []string
	for _, s := range states {
		if s.Former {
			gotFormer = append(gotFormer, s.Code)
		}
	}
	if !slices.Equal(gotFormer, wantFormer) {
		t.Errorf("former states %v, want %v", gotFormer, wantFormer)
	}
	if r.State("FOO") != nil {
		t.Error(`State("FOO") is not nil`)
	}
}

func TestStates(t *testing.T) {
	r := Default()
	tests := []struct {
		code, iso2 string
		cow        int
		continues  string
		into       string
		successors string
	}{
		{"USA", "US", 2, "", "", ""},
		{"CAN", "CA", 20, "", "", ""},
		{"RUS", "RU", 365, "SUN", "", ""},
		{"SUN", "SU", 365, "", "", "ARM AZE BLR EST GEO KAZ KGZ LTU LVA MDA RUS TJK TKM UKR UZB"},
		{"CHN", "CN", 710, "TWN", "", ""},
		{"TWN", "TW", 713, "", "", ""},
		{"PRK", "KP", 731, "", "", ""},
		{"KOR", "KR", 732, "", "", ""},
		{"JPN", "JP", 740, "", "", ""},
		{"DEU", "DE", 255, "", "", ""},
		{"DDR", "DD", 265, "", "DEU", ""},
		{"YUG", "YU", 345, "", "", "BIH HRV MKD SCG SVN"},
		{"SCG", "", 345, "", "", "MNE SRB"},
		{"SRB", "RS", 345, "SCG", "", ""},
		{"CSK", "CS", 315, "", "", "CZE SVK"},
		{"YMD", "YD", 680, "", "YEM", ""},
		{"EAZ", "", 511, "", "TZA", ""},
		{"VAT", "VA", 0, "", "", ""},
	}
	for _, tt := range tests {
		s := r.State(tt.code)
		if s == nil {
			t.Errorf("no state %s", tt.code)
			continue
		}
		if s.ISO2 != tt.iso2 || s.COW != tt.cow || s.Continues != tt.continues ||
			s.AbsorbedInto != tt.into || strings.Join(s.Successors, " ") != tt.successors {
			t.Errorf("%s: iso2 %q cow %d continues %q into %q successors %v; want %q %d %q %q %q",
				tt.code, s.ISO2, s.COW, s.Continues, s.AbsorbedInto, s.Successors,
				tt.iso2, tt.cow, tt.continues, tt.into, tt.successors)
		}
	}
}

func TestMemberOn(t *testing.T) {
	r := Default()
	tests := []struct {
		code, date string
		want       bool
	}{
		{"USA", "1945-10-24", true},
		{"USA", "1945-10-23", false},
		{"SUN", "1991-12-23", true},
		{"SUN", "1991-12-24", false},
		{"RUS", "1991-12-24", true},
		{"TWN", "1971-10-24", true},
		{"TWN", "1971-10-25", false},
		{"CHN", "1971-10-25", true},
		{"KOR", "1991-09-16", false},
		{"KOR", "1991-09-17", true},
		{"VAT", "2000-01-01", false},
		{"SCG", "2001-01-01", true},
		{"SCG", "2007-01-01", false},
	}
	for _, tt := range tests {
		if got := r.State(tt.code).MemberOn(tt.date); got != tt.want {
			t.Errorf("%s.MemberOn(%q) = %v, want %v", tt.code, tt.date, got, tt.want)
		}
	}
}

func TestHasCode(t *testing.T) {
	r := Default()
	tests := []struct {
		state, code string
		want        bool
	}{
		{"USA", "USA", true},
		{"USA", "us", true},
		{"USA", "GBR", false},
		{"SUN", "RUS", true},
		{"TWN", "CHN", true},
		{"CHN", "TW", false},
		{"SCG", "YUG", true},
		{"EAZ", "", false},
	}
	for _, tt := range tests {
		if got := r.State(tt.state).HasCode(tt.code); got != tt.want {
			t.Errorf("%s.HasCode(%q) = %v, want %v", tt.state, tt.code, got, tt.want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	const head = "# code | iso2 | cow | status | admitted | left | continues | into | successors | codes | name\n"
	good := head + "AAA | AA | 1 | member | 1945-10-24 | | | | | | Aland\n" +
		"BBB | BB | 2 | member | 1945-10-24 | | | | | | Bland\n"
	tests := []struct {
		name, states, names, groups, msg string
	}{
		{"fields", head + "AAA | AA | 1 | member\n", "", "", "states.txt:2: 4 fields, want 11"},
		{"code", head + "AAAA | AA | 1 | member | 1945-10-24 | | | | | | A\n", "", "", `bad code "AAAA"`},
		{"dup", good + "AAA | AC | 3 | member | 1945-10-24 | | | | | | C\n", "", "", "duplicate code AAA"},
		{"iso2", good + "CCC | AA | 3 | member | 1945-10-24 | | | | | | C\n", "", "", "alpha-2 code AA is already AAA's"},
		{"cow", head + "AAA | AA | x | member | 1945-10-24 | | | | | | A\n", "", "", `bad COW number "x"`},
		{"status", head + "AAA | AA | 1 | ally | 1945-10-24 | | | | | | A\n", "", "", `unknown status "ally"`},
		{"former", head + "AAA | AA | 1 | former | 1945-10-24 | | | | | | A\n", "", "", "needs an admission date and an end"},
		{"date", head + "AAA | AA | 1 | member | 1945-13-24 | | | | | | A\n", "", "", `bad date "1945-13-24"`},
		{"ref", head + "AAA | AA | 1 | member | 1945-10-24 | | ZZZ | | | | A\n", "", "", "AAA refers to unknown state ZZZ"},
		{"name state", good, "ZZZ | Z | | | un\n", "", `names.txt:1: unknown state "ZZZ"`},
		{"kind", good, "AAA | A | | | nick\n", "", `unknown kind "nick"`},
		{"span", good, "AAA | A | 2000 | 1990 | un\n", "", "is empty"},
		{"shared", good, "AAA | Same | | | un\nBBB | Same | | | un\n", "", `name "SAME" is shared`},
		{"overlap", good, "AAA | Same | | 2000-01-01 | un\nBBB | Same | 1999-01-01 | | un\n", "", "overlaps"},
		{"group", good, "", "group X\nCCC\n", `groups.txt:2: unknown state "CCC"`},
	}
	for _, tt := range tests {
		_, err := load(tt.states, tt.names, tt.groups)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: load error %v, want %q", tt.name, err, tt.msg)
		}
	}
	r, err := load(good, "AAA | Same | | 2000-01-01 | un\nBBB | Same | 2000-01-01 | | un\n", "group X\nAAA BBB\n")
	if err != nil {
		t.Fatal(err)
	}
	for date, want := range map[string]string{"1999-12-31": "AAA", "2000-01-01": "BBB"} {
		if s, err := r.Resolve("", "same", date); err != nil || s.Code != want {
			t.Errorf("Resolve same on %s = %v, %v; want %s", date, s, err, want)
		}
	}
}
