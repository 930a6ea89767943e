package record

import "testing"

func TestParseVote(t *testing.T) {
	tests := []struct {
		in   string
		want Vote
		ok   bool
	}{
		{"Y", Yes, true}, {"yes", Yes, true}, {"N", No, true}, {"no", No, true},
		{"A", Abstain, true}, {"abstain", Abstain, true}, {"X", NonVoting, true},
		{"NV", NonVoting, true}, {"", NonVoting, true}, {" nv ", NonVoting, true},
		{"Q", 0, false}, {"maybe", 0, false},
	}
	for _, tt := range tests {
		got, err := ParseVote(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseVote(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestKeyAndYear(t *testing.T) {
	tests := []struct {
		rc   RollCall
		key  string
		year int
	}{
		{RollCall{UNDLID: "1", Resolution: "A/RES/1", Date: "1946-01-01"}, "undl:1", 1946},
		{RollCall{SourceID: "77", Resolution: "R/1/66", Date: "1946-01-01"}, "src:77", 1946},
		{RollCall{Resolution: "A/RES/77/293", Date: "2023-06-07"}, "sym:A/RES/77/293@2023-06-07", 2023},
		{RollCall{Resolution: "A/RES/66/230", Date: "2011"}, "sym:A/RES/66/230@2011", 2011},
		{RollCall{Date: "bad"}, "sym:@bad", 0},
	}
	for _, tt := range tests {
		if got := tt.rc.Key(); got != tt.key {
			t.Errorf("Key() = %q, want %q", got, tt.key)
		}
		if got := tt.rc.Year(); got != tt.year {
			t.Errorf("Year() = %d, want %d", got, tt.year)
		}
	}
}

func TestIssues(t *testing.T) {
	is, err := ParseIssue("hr")
	if err != nil || is != HumanRights {
		t.Fatal(is, err)
	}
	if _, err := ParseIssue("Human rights"); err != nil {
		t.Error(err)
	}
	if _, err := ParseIssue("zz"); err == nil {
		t.Error("want an error")
	}
	if got := (MiddleEast | Development).Codes(); len(got) != 2 || got[0] != "me" || got[1] != "ec" {
		t.Errorf("Codes() = %v", got)
	}
	var tl Tally
	for _, v := range []Vote{Yes, Yes, No, Abstain, NonVoting} {
		tl.Add(v)
	}
	if tl.String() != "2-1-1" || tl.NonVoting != 1 {
		t.Errorf("tally %+v", tl)
	}
}

func TestSessionOf(t *testing.T) {
	for _, tt := range []struct {
		date string
		want int
	}{
		{"1945-12-31", 0},
		{"1946-01-10", 1},
		{"1946-12-15", 1},
		{"1947-05-05", 1}, // first special session (S-1): session 1 until 2 opened
		{"1947-09-15", 1}, // the third Tuesday of September 1947 is the 16th
		{"1947-09-16", 2},
		{"1957-09-14", 11}, // the real file: A/RES/1133(XI)
		{"1957-09-17", 12},
		{"1981-09-14", 35}, // A/RES/ES-8/2; session 36 opened on 15 September 1981
		{"1981-09-15", 36},
		{"2011-09-16", 66}, // the real file: A/RES/66/1A
		{"2019-09-16", 73}, // session 74 opened on 17 September 2019
		{"2022-03-02", 76}, // A/RES/ES-11/1
		{"2022-09-12", 76},
		{"2022-09-13", 77},
		{"2023-09-04", 77},
		{"2023-09-05", 78},
		{"2024-09-18", 79}, // A/RES/ES-10/24
		{"2026-06-04", 80},
		{"2026-09-15", 81},
		{"2022", 0},
		{"2022-02-30", 0},
		{"", 0},
	} {
		if got := SessionOf(tt.date); got != tt.want {
			t.Errorf("SessionOf(%q) = %d, want %d", tt.date, got, tt.want)
		}
	}
	// The opening days of sessions 58 to 77 by resolution 57/301's rule.
	want := []string{"2003-09-16", "2004-09-14", "2005-09-13", "2006-09-12", "2007-09-18",
		"2008-09-16", "2009-09-15", "2010-09-14", "2011-09-13", "2012-09-18", "2013-09-17",
		"2014-09-16", "2015-09-15", "2016-09-13", "2017-09-12", "2018-09-18", "2019-09-17",
		"2020-09-15", "2021-09-14", "2022-09-13"}
	for i, w := range want {
		if d := SessionOpens(58 + i); d != w {
			t.Errorf("SessionOpens(%d) = %s, want %s", 58+i, d, w)
		}
	}
	if d := SessionOpens(12); d != "1957-09-17" {
		t.Errorf("SessionOpens(12) = %s", d)
	}
}
