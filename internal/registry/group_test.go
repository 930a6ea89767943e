package registry

import (
	"slices"
	"strings"
	"testing"
)

func TestGroupsBuiltin(t *testing.T) {
	r := Default()
	var codes []string
	for _, g := range r.Groups() {
		codes = append(codes, g.Code)
		if g.Name == "" || g.Description == "" || len(g.Members) == 0 {
			t.Errorf("group %s lacks a name, description or members", g.Code)
		}
	}
	want := []string{"BRICS", "EU", "G7", "KOREA-EAST", "KOREA-WEST", "KOREA6", "NAM", "NATO", "P5", "SCO"}
	if !slices.Equal(codes, want) {
		t.Errorf("groups %v, want %v", codes, want)
	}
	if _, err := r.Group("nato"); err != nil {
		t.Errorf("Group(nato): %v", err)
	}
	if _, err := r.Group("Korea-West"); err != nil {
		t.Errorf("Group(Korea-West): %v", err)
	}
	if _, err := r.Group("G20"); err == nil || !strings.Contains(err.Error(), `unknown group "G20"`) {
		t.Errorf("Group(G20): error %v", err)
	}
}

func TestMembersOn(t *testing.T) {
	r := Default()
	tests := []struct {
		group, date, want string
	}{
		{"P5", "1950-01-01", "USA GBR FRA TWN SUN"},
		{"P5", "1971-10-25", "USA GBR FRA CHN SUN"},
		{"P5", "1991-12-23", "USA GBR FRA CHN SUN"},
		{"P5", "1991-12-24", "USA GBR FRA CHN RUS"},
		{"P5", "1940-01-01", ""},
		{"P5", "", "USA GBR FRA TWN CHN SUN RUS"},
		{"G7", "1975-11-14", ""},
		{"G7", "1975-11-15", "USA GBR FRA DEU ITA JPN"},
		{"G7", "2000-01-01", "USA GBR FRA DEU ITA JPN CAN"},
		{"EU", "1958-01-01", "BEL DEU FRA ITA LUX NLD"},
		{"EU", "1973-01-01", "BEL DEU FRA ITA LUX NLD DNK IRL GBR"},
		{"BRICS", "2009-06-15", ""},
		{"BRICS", "2010-01-01", "BRA RUS IND CHN"},
		{"BRICS", "2024-06-01", "BRA RUS IND CHN ZAF EGY ETH IRN ARE"},
		{"BRICS", "2025-06-01", "BRA RUS IND CHN ZAF EGY ETH IRN ARE IDN"},
		{"SCO", "2001-06-15", "CHN RUS KAZ KGZ TJK UZB"},
		{"SCO", "2025-01-01", "CHN RUS KAZ KGZ TJK UZB IND PAK IRN BLR"},
		{"KOREA-WEST", "2000-01-01", "USA JPN KOR"},
		{"KOREA-EAST", "1980-01-01", "PRK CHN SUN"},
		{"KOREA-EAST", "2000-01-01", "PRK CHN RUS"},
		{"KOREA6", "2000-01-01", "USA JPN KOR PRK CHN RUS"},
		{"NAM", "1961-09-01", "AFG DZA KHM LKA COD CUB ETH GHA GIN IND IDN IRQ LBN MLI MAR NPL SAU SOM SDN TUN EGY YEM CYP YUG MMR"},
	}
	for _, tt := range tests {
		g, err := r.Group(tt.group)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(g.MembersOn(tt.date), " "); got != tt.want {
			t.Errorf("%s.MembersOn(%q) = %q, want %q", tt.group, tt.date, got, tt.want)
		}
	}
}

func TestGroupHas(t *testing.T) {
	r := Default()
	tests := []struct {
		group, state, date string
		want               bool
	}{
		{"EU", "GBR", "2020-01-31", true},
		{"EU", "GBR", "2020-02-01", false},
		{"EU", "GBR", "", true},
		{"EU", "DDR", "1985-01-01", false},
		{"EU", "HRV", "2013-07-01", true},
		{"NATO", "DEU", "1955-05-05", false},
		{"NATO", "DEU", "1955-05-06", true},
		{"NATO", "GRC", "1952-02-18", true},
		{"NATO", "TUR", "1952-02-17", false},
		{"NATO", "ESP", "1982-05-30", true},
		{"NATO", "FIN", "2023-04-03", false},
		{"NATO", "FIN", "2023-04-04", true},
		{"NATO", "SWE", "2024-03-07", true},
		{"NATO", "swe", "2024-03-07", true},
		{"NAM", "MMR", "1985-01-01", false},
		{"NAM", "MMR", "1995-01-01", true},
		{"NAM", "CYP", "2004-05-01", false},
		{"NAM", "AZE", "2020-01-01", true},
		{"NAM", "BRA", "2020-01-01", false},
		{"BRICS", "SAU", "2025-01-01", false},
		{"P5", "CHN", "1971-10-24", false},
	}
	for _, tt := range tests {
		g, _ := r.Group(tt.group)
		if got := g.Has(tt.state, tt.date); got != tt.want {
			t.Errorf("%s.Has(%q, %q) = %v, want %v", tt.group, tt.state, tt.date, got, tt.want)
		}
	}
	nam, _ := r.Group("NAM")
	if n := len(nam.MembersOn("2025-01-01")); n != 120 {
		t.Errorf("NAM has %d members in 2025, want 120", n)
	}
	nato, _ := r.Group("NATO")
	if n := len(nato.MembersOn("2025-01-01")); n != 32 {
		t.Errorf("NATO has %d members in 2025, want 32", n)
	}
	eu, _ := r.Group("EU")
	if n := len(eu.MembersOn("2019-01-01")); n != 28 {
		t.Errorf("EU has %d members in 2019, want 28", n)
	}
	if n := len(eu.MembersOn("2021-01-01")); n != 27 {
		t.Errorf("EU has %d members in 2021, want 27", n)
	}
}

func TestParseGroups(t *testing.T) {
	const text = `# Groups for a report.
group QUAD "The Quad"
description Quadrilateral Security Dialogue.
USA JPN IND AUS   # four codes

group nordic Nordic states
Denmark, Finland, Iceland, Norway, Sweden
group west
United Kingdom from 1973-01-01 to 2020-02-01
United Kingdom from 2021-01-01
us from 1950-01-01
2 to 1950-01-01
`
	groups, err := ParseGroups(strings.NewReader(text), "my.groups", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 3 {
		t.Fatalf("%d groups, want 3", len(groups))
	}
	q := groups[0]
	if q.Code != "QUAD" || q.Name != "The Quad" || q.Description != "Quadrilateral Security Dialogue." {
		t.Errorf("first group %+v", q)
	}
	if got := strings.Join(q.MembersOn("2020-01-01"), " "); got != "USA JPN IND AUS" {
		t.Errorf("QUAD members %q", got)
	}
	n := groups[1]
	if n.Code != "NORDIC" || n.Name != "Nordic states" || strings.Join(n.MembersOn("2000-01-01"), " ") != "DNK FIN ISL NOR SWE" {
		t.Errorf("second group %+v", n)
	}
	w := groups[2]
	if w.Name != "WEST" {
		t.Errorf("third group's name %q, want its code", w.Name)
	}
	want := []Membership{
		{"GBR", "1973-01-01", "2020-02-01"},
		{"GBR", "2021-01-01", ""},
		{"USA", "1950-01-01", ""},
		{"USA", "", "1950-01-01"},
	}
	if !slices.Equal(w.Members, want) {
		t.Errorf("third group's members %v, want %v", w.Members, want)
	}
}

func TestParseGroupsErrors(t *testing.T) {
	tests := []struct{ text, msg string }{
		{"USA\n", "f:1: members before any group line"},
		{"description x\n", "f:1: description before any group line"},
		{"group\n", "f:1: group line without a code"},
		{"group A.B\nUSA\n", `f:1: bad group code "A.B"`},
		{"group A\nUSA\ngroup a\nUSA\n", "f:3: group A defined twice (first on line 1)"},
		{"group A\n\ngroup B\nUSA\n", "f:1: group A has no members"},
		{"group A\nUSA\ngroup B\n", "f:3: group B has no members"},
		{"group A\nNarnia\n", `f:2: unknown state "Narnia"`},
		{"group A\nUSA JPN Narnia\n", `f:2: unknown state "USA JPN Narnia"`},
		{"group A\nUSA JPN Narnia\n", "separate several states with commas"},
		{"group A\nUSA, , JPN\n", "f:2: empty member"},
		{"group A\nfrom 2000-01-01\n", `f:2: no states before "from"`},
		{"group A\nUSA from\n", `f:2: "from" without a date`},
		{"group A\nUSA from 2000-02-30\n", `f:2: bad date "2000-02-30"`},
		{"group A\nUSA from 2000\n", `f:2: bad date "2000"`},
		{"group A\nUSA from 2000-01-01 from 2001-01-01\n", `two "from" dates`},
		{"group A\nUSA from 2000-01-01 soon\n", `unexpected "soon"`},
		{"group A\nUSA from 2001-01-01 to 2000-01-01\n", "from 2001-01-01 is not before to 2000-01-01"},
		{"group A\nUSA USA\n", "USA listed twice"},
		{"group A\nUSA from 2000-01-01\nUnited States to 2001-01-01\n", "f:3: USA is already a member of A then (line 2)"},
		{"group A\nUSA\nUSA from 2000-01-01\n", "f:3: USA is already a member of A then (line 2)"},
		{"group A\nKorea\n", "did you mean KOR"},
	}
	for _, tt := range tests {
		_, err := ParseGroups(strings.NewReader(tt.text), "f", nil)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseGroups(%q): error %v, want %q", tt.text, err, tt.msg)
		}
	}
}

func FuzzParseGroups(f *testing.F) {
	f.Add("group QUAD The Quad\nUSA JPN IND AUS\n")
	f.Add("group A\nUnited Kingdom, France from 2001-01-01 to 2010-01-01\n# c\n")
	f.Add("group A\nUSA from 2000-01-01\nUSA to 1999-01-01\ndescription d\n")
	f.Add(groupsText)
	r := Default()
	f.Fuzz(func(t *testing.T, text string) {
		groups, err := ParseGroups(strings.NewReader(text), "fuzz", r)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz:") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, g := range groups {
			if !isGroupCode(g.Code) || seen[g.Code] || g.Name == "" || len(g.Members) == 0 {
				t.Fatalf("bad group %+v", g)
			}
			seen[g.Code] = true
			for i, m := range g.Members {
				if r.State(m.State) == nil {
					t.Fatalf("group %s: unknown member %q", g.Code, m.State)
				}
				if m.From != "" && m.To != "" && m.From >= m.To {
					t.Fatalf("group %s: empty span %+v", g.Code, m)
				}
				for _, o := range g.Members[:i] {
					if o.State == m.State && overlap(o, m) {
						t.Fatalf("group %s: overlapping spans %+v %+v", g.Code, o, m)
					}
				}
			}
		}
	})
}
