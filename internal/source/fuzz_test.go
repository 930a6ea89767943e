package source

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func validVote(v record.Vote) bool {
	return v == record.Yes || v == record.No || v == record.Abstain || v == record.NonVoting
}

func FuzzUNDL(f *testing.F) {
	addFixtures(f, "ga_undl.csv", "ga_problems.csv", "ga_bom_crlf.csv", "sc_undl_2021.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		ur, err := NewUNDLReader(bytes.NewReader(data), "ga.csv")
		if err != nil {
			return
		}
		casts := 0
		for {
			rc, cs, err := ur.Next()
			if err != nil {
				if err != io.EOF && !strings.HasPrefix(err.Error(), "ga.csv:") {
					t.Fatalf("error without file name: %v", err)
				}
				break
			}
			if rc == nil || (rc.Body != record.GA && rc.Body != record.SC) || !validDate(rc.Date) && record.YearOf(rc.Date) == 0 {
				t.Fatalf("bad roll call %+v", rc)
			}
			for _, c := range cs {
				if !validVote(c.Vote) || c.Line < 2 {
					t.Fatalf("bad cast %+v", c)
				}
			}
			casts += len(cs)
		}
		if casts > ur.Rows() {
			t.Fatalf("%d casts from %d rows", casts, ur.Rows())
		}
		for _, p := range ur.Problems() {
			if p.Line < 2 || p.File != "ga.csv" {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}

func FuzzUnvotes(f *testing.F) {
	read := func(n string) []byte {
		data, err := os.ReadFile("testdata/" + n)
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	f.Add(read("unvotes_votes.csv"), read("unvotes_roll_calls.csv"), read("unvotes_issues.csv"))
	f.Fuzz(func(t *testing.T, votes, rcs, issues []byte) {
		groups, problems, err := ReadUnvotes(NamedReader{"v.csv", bytes.NewReader(votes)},
			NamedReader{"r.csv", bytes.NewReader(rcs)}, NamedReader{"i.csv", bytes.NewReader(issues)})
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, g := range groups {
			if seen[g.RollCall.SourceID] || !validDate(g.RollCall.Date) {
				t.Fatalf("bad group %+v", g.RollCall)
			}
			seen[g.RollCall.SourceID] = true
			for _, c := range g.Casts {
				if !validVote(c.Vote) {
					t.Fatalf("bad cast %+v", c)
				}
			}
		}
		for _, p := range problems {
			if p.Line < 2 {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}

func FuzzVetoes(f *testing.F) {
	addFixtures(f, "vetoes.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		vetoes, _, err := ReadVetoes(bytes.NewReader(data), "v.csv")
		if err != nil {
			return
		}
		for _, v := range vetoes {
			if !validDate(v.Date) || len(v.Vetoers) == 0 {
				t.Fatalf("bad veto %+v", v)
			}
		}
	})
}

func FuzzUserVetoes(f *testing.F) {
	addFixtures(f, "user_vetoes.csv")
	f.Add([]byte("vetoed_by,source,date,draft\nCHN|RUS,http://x.org,2020-01-01,S/1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		vetoes, err := ReadUserVetoes(bytes.NewReader(data), "u.csv")
		if err != nil {
			if vetoes != nil {
				t.Fatal("vetoes returned with an error")
			}
			return
		}
		for _, v := range vetoes {
			if !validDate(v.Date) || len(v.Vetoers) == 0 || v.Draft == "" || !v.UserAdded ||
				!(strings.HasPrefix(v.Source, "http://") || strings.HasPrefix(v.Source, "https://")) {
				t.Fatalf("bad veto %+v", v)
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	for _, l := range layouts {
		f.Add(strings.Join(l.required, ","))
	}
	f.Add("\ufeff Rcid ,COUNTRY,country_code,vote,vote")
	f.Fuzz(func(t *testing.T, header string) {
		cols := strings.Split(header, ",")
		l, err := Detect(cols)
		if err != nil {
			return
		}
		idx, _ := columns(cols)
		for _, c := range Layouts()[l] {
			if _, ok := idx[c]; !ok {
				t.Fatalf("layout %s without column %s: %q", l, c, header)
			}
		}
	})
}
