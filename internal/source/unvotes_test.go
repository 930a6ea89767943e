package source

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

func openFixture(t *testing.T, name string) NamedReader {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return NamedReader{name, f}
}

func TestUnvotes(t *testing.T) {
	groups, problems, err := ReadUnvotes(openFixture(t, "unvotes_votes.csv"), openFixture(t, "unvotes_roll_calls.csv"), openFixture(t, "unvotes_issues.csv"))
	if err != nil {
		t.Fatal(err)
	}
	wantProblems := []string{
		`unvotes_roll_calls.csv:5: bad date "1947-13-01" (want YYYY-MM-DD) in roll call rcid 6; roll call and its votes kept out`,
		`unvotes_roll_calls.csv:7: duplicate roll call rcid 7 (also line 6); first kept`,
		`unvotes_roll_calls.csv:8: unreadable importantvote "2" (want 0, 1 or empty) in roll call rcid 8; taken as 0`,
		`unvotes_issues.csv:4: duplicate issue co for rcid 3; row kept out`,
		`unvotes_issues.csv:5: unknown issue code "xx" for rcid 4 (want me, nu, di, hr, co or ec); row kept out`,
		`unvotes_issues.csv:6: issue "me" for rcid "77", which is not a roll call of unvotes_roll_calls.csv; row kept out`,
		`unvotes_votes.csv:6: rcid "99" is not a roll call of unvotes_roll_calls.csv; 2 vote rows for it kept out`,
		`unvotes_votes.csv:8: unknown vote "maybe" for CA "Canada" in roll call rcid 5; row kept out`,
		`unvotes_votes.csv:11: conflicting duplicate row for US "United States" in roll call rcid 4: Y at line 5, N at line 11; first kept`,
		`unvotes_votes.csv:12: roll call rcid 6 was kept out (unvotes_roll_calls.csv:5); its 1 vote rows kept out`,
		`unvotes_votes.csv:14: duplicate row for "Zanzibar" (also line 13) in roll call rcid 7; first kept`,
	}
	if got := problemStrings(problems); !slices.Equal(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	type want struct {
		id, res, date, title, agenda, casts string
		issues                              []string
		important, amend, para              bool
		session                             int
	}
	wants := []want{
		{"3", "R/1/66", "1946-01-01", "TO ADOPT A CUBAN AMENDMENT", "AMENDMENTS, RULES OF PROCEDURE", "US:Y@2 CA:N@3 (Yemen Arab Republic):A@4", []string{"co", "hr"}, false, true, false, 1},
		{"4", "R/1/66", "1946-01-02", "SECURITY COUNCIL ELECTIONS", "SECURITY COUNCIL ELECTIONS", "US:Y@5 CA:A@10", nil, true, false, true, 1},
		{"5", "R/1/98", "1946-01-04", `TO ADOPT THE KOREAN PROPOSAL \ON \\VOTES\\.\""`, "VOTING PROCEDURE", "CA:Y@9", nil, false, false, false, 1},
		{"7", "A/RES/74/19", "2019-12-18", "NO SHORT TITLE", "", "(Zanzibar):Y@13", []string{"nu"}, false, false, false, 74},
		{"8", "", "2019-12-19", "IMPORTANTVOTE 2", "FLAG", "", nil, false, false, false, 74},
	}
	if len(groups) != len(wants) {
		t.Fatalf("%d groups, want %d", len(groups), len(wants))
	}
	for i, w := range wants {
		rc := groups[i].RollCall
		got := want{rc.SourceID, rc.Resolution, rc.Date, rc.Title, rc.Agenda, castsString(groups[i].Casts), rc.Issues, rc.Important, rc.Amendment, rc.Paragraph, rc.Session}
		if !reflect.DeepEqual(got, w) || rc.Body != record.GA || rc.UNDLID != "" || rc.Official != nil {
			t.Errorf("group %d:\n got %+v\nwant %+v", i, got, w)
		}
	}
	// Without the issues file.
	groups, problems, err = ReadUnvotes(openFixture(t, "unvotes_votes.csv"), openFixture(t, "unvotes_roll_calls.csv"), NamedReader{})
	if err != nil || len(groups) != 5 || len(problems) != 8 || groups[0].RollCall.Issues != nil {
		t.Errorf("without issues: %d groups, %d problems, %v", len(groups), len(problems), err)
	}
}

func TestUnvotesErrors(t *testing.T) {
	rc := "rcid,session,importantvote,date,unres,amend,para,short,descr\n3,1,0,1946-01-01,R/1/66,0,0,S,D\n"
	for _, tc := range []struct{ votes, rcs, want string }{
		{"rcid,country,country_code,vote\n3,Cuba,CU,yes\n", "rcid,short_name\n", "rc.csv:1: header is of layout unvotes-issues, want unvotes-roll-calls"},
		{"rcid,country,vote\n", rc, `votes.csv:1: unknown header ["rcid" "country" "vote"]`},
		{"rcid,country,country_code,vote\n3,\"Cuba,CU,yes\n", rc, "votes.csv:2: malformed CSV"},
		{"", rc, "votes.csv:1: empty file, no header"},
	} {
		_, _, err := ReadUnvotes(NamedReader{"votes.csv", strings.NewReader(tc.votes)}, NamedReader{"rc.csv", strings.NewReader(tc.rcs)}, NamedReader{})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("got %v, want %s...", err, tc.want)
		}
	}
	data := []byte("rcid,country,country_code,vote\n3,Cuba,CU,yes\n3,Chile,CL,no\n")
	_, _, err := ReadUnvotes(NamedReader{"votes.csv", &vanishing{data: data, n: 50}}, NamedReader{"rc.csv", strings.NewReader(rc)}, NamedReader{})
	if err == nil || err.Error() != "votes.csv:3: read failed: file vanished" {
		t.Errorf("vanishing: %v", err)
	}
	if _, _, err := ReadUnvotes(NamedReader{}, NamedReader{"rc.csv", strings.NewReader(rc)}, NamedReader{}); err == nil {
		t.Error("no votes file: no error")
	}
}

func TestUnvotesBOMQuotedHeader(t *testing.T) {
	votes := "\ufeff\"rcid\",\"country\",\"country_code\",\"vote\"\r\n3,\"Cuba\",\"CU\",\"yes\"\r\n"
	rcs := "\ufeff\"rcid\",\"session\",\"importantvote\",\"date\",\"unres\",\"amend\",\"para\",\"short\",\"descr\"\r\n3,1,0,1946-01-01,\"R/1/66\",0,0,\"S\",\"D\"\r\n"
	groups, problems, err := ReadUnvotes(NamedReader{"v.csv", strings.NewReader(votes)}, NamedReader{"r.csv", strings.NewReader(rcs)}, NamedReader{})
	if err != nil || len(problems) != 0 || len(groups) != 1 || castsString(groups[0].Casts) != "CU:Y@2" {
		t.Errorf("%+v %v %v", groups, problems, err)
	}
}
