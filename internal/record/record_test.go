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
