package source

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	undl2026 := "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link"
	undl2021 := strings.Replace(undl2026, "vote_note,", "", 1)
	for _, tc := range []struct {
		header string
		want   Layout
	}{
		{undl2026, LayoutUNDL},
		{undl2021, LayoutUNDL2021},
		{"\ufeff" + strings.ToUpper(undl2026), LayoutUNDL},
		{"undl_link, total_ms ," + strings.Replace(strings.Replace(undl2021, ",total_ms,undl_link", "", 1), "date", " Date ", 1), LayoutUNDL2021},
		{undl2026 + ",extra", LayoutUNDL},
		{`rcid,country,country_code,vote`, LayoutUnvotesVotes},
		{`vote,country_code,country,rcid`, LayoutUnvotesVotes},
		{`rcid,session,importantvote,date,unres,amend,para,short,descr`, LayoutUnvotesRollCalls},
		{`rcid,short_name,issue`, LayoutUnvotesIssues},
		{`year,date,month,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3,single_veto,multiple_vetoes,China,France,Russia,USSR,USA,UK,russia_china`, LayoutVetoes},
		{`date,draft,meeting,agenda,topic,vetoed_by,source`, LayoutUserVetoes},
		{`date,draft,vetoed_by,source`, LayoutUserVetoes},
	} {
		got, err := Detect(strings.Split(tc.header, ","))
		if err != nil || got != tc.want {
			t.Errorf("Detect(%q) = %q, %v; want %q", tc.header, got, err, tc.want)
		}
	}
}

func TestDetectUnknown(t *testing.T) {
	_, err := Detect([]string{"rcid", "country", "vote"})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		`unknown header ["rcid" "country" "vote"]`,
		`(closest: unvotes-votes, missing country_code)`,
		`undl (undl_id, ms_code, ms_name, ms_vote, date,`,
		`undl-2021 (`,
		`unvotes-votes (rcid, country, country_code, vote)`,
		`unvotes-roll-calls (`, `unvotes-issues (rcid, short_name)`,
		`vetoes (date, draft, meeting_record,`,
		`user-vetoes (date, draft, vetoed_by, source)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if _, err := Detect([]string{"rcid", "country", "country_code", "vote", "Vote"}); err == nil || !strings.Contains(err.Error(), `column "vote" twice`) {
		t.Errorf("duplicate column: %v", err)
	}
	if _, err := Detect(nil); err == nil {
		t.Error("empty header: no error")
	}
}

func TestSniff(t *testing.T) {
	for path, want := range map[string]Layout{
		"testdata/ga_undl.csv":            LayoutUNDL,
		"testdata/ga_undl.csv.gz":         LayoutUNDL,
		"testdata/ga_bom_crlf.csv":        LayoutUNDL,
		"testdata/sc_undl_2021.csv":       LayoutUNDL2021,
		"testdata/unvotes_votes.csv":      LayoutUnvotesVotes,
		"testdata/unvotes_roll_calls.csv": LayoutUnvotesRollCalls,
		"testdata/unvotes_issues.csv":     LayoutUnvotesIssues,
		"testdata/vetoes.csv":             LayoutVetoes,
		"testdata/user_vetoes.csv":        LayoutUserVetoes,
	} {
		got, err := Sniff(path)
		if err != nil || got != want {
			t.Errorf("Sniff(%s) = %q, %v; want %q", path, got, err, want)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "odd.csv")
	os.WriteFile(p, []byte("a,b\n"), 0o644)
	if _, err := Sniff(p); err == nil || !strings.HasPrefix(err.Error(), `odd.csv:1: unknown header ["a" "b"]`) {
		t.Errorf("Sniff unknown: %v", err)
	}
	if _, err := Sniff(filepath.Join(dir, "absent.csv")); err == nil {
		t.Error("Sniff of an absent file: no error")
	}
	if l := Layouts(); len(l) != 7 || len(l[LayoutUNDL]) != 20 || len(l[LayoutUNDL2021]) != 19 {
		t.Errorf("Layouts: %v", l)
	}
}

func TestOpen(t *testing.T) {
	plain, err := os.ReadFile("testdata/ga_undl.csv")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// Gzip is told by its magic bytes, not by the name.
	gz, _ := os.ReadFile("testdata/ga_undl.csv.gz")
	for name, data := range map[string][]byte{"gz-named.csv": gz, "plain-named.csv.gz": plain, "one-byte.csv": {'a'}, "empty.csv": nil} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		f, err := Open(p)
		if err != nil {
			t.Fatalf("Open(%s): %v", name, err)
		}
		got, err := io.ReadAll(f)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		want := data
		if name == "gz-named.csv" {
			want = plain
		}
		if string(got) != string(want) {
			t.Errorf("%s: read %d bytes, want %d", name, len(got), len(want))
		}
		if err := f.Close(); err != nil {
			t.Errorf("%s: Close: %v", name, err)
		}
	}
	// Close before the end, then Read.
	f, err := Open("testdata/ga_undl.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	if _, err := f.Read(buf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := f.Close(); err == nil {
		t.Error("second Close: no error")
	}
	// A gzip header that is not one.
	p := filepath.Join(dir, "bad.gz")
	os.WriteFile(p, []byte{0x1f, 0x8b, 0, 0, 0}, 0o644)
	if _, err := Open(p); err == nil || !strings.Contains(err.Error(), "truncated or corrupt gzip data") {
		t.Errorf("bad gzip header: %v", err)
	}
}

func TestProblemError(t *testing.T) {
	p := Problem{File: "ga_voting.csv", Line: 1042, Msg: `unknown vote "Q"`}
	if got := p.Error(); got != `ga_voting.csv:1042: unknown vote "Q"` {
		t.Errorf("Error() = %s", got)
	}
}
