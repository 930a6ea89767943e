package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blocwatch/blocwatch/internal/realdata"
	"github.com/blocwatch/blocwatch/internal/record"
)

// Integration tests on the real data beside the checkout
// (../shared/data, see its README), found by package realdata.

// realFile returns the path of a file of the real data (realdata.File).
func realFile(tb testing.TB, rel string) string {
	tb.Helper()
	return realdata.File(tb, rel)
}

type undlResult struct {
	rows     int
	groups   []*record.RollCall
	casts    [][]record.Cast
	problems []Problem
}

func readUNDLFile(tb testing.TB, path string) undlResult {
	tb.Helper()
	f, err := Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	ur, err := NewUNDLReader(f, filepath.Base(path))
	if err != nil {
		tb.Fatal(err)
	}
	var res undlResult
	for {
		rc, casts, err := ur.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatal(err)
		}
		res.groups = append(res.groups, rc)
		res.casts = append(res.casts, casts)
	}
	res.rows, res.problems = ur.Rows(), ur.Problems()
	return res
}

func (res undlResult) find(key string) (*record.RollCall, []record.Cast) {
	for i, rc := range res.groups {
		if rc.Key() == key {
			return rc, res.casts[i]
		}
	}
	return nil, nil
}

func tally(casts []record.Cast) record.Tally {
	var t record.Tally
	for _, c := range casts {
		t.Add(c.Vote)
	}
	return t
}

func TestRealGA(t *testing.T) {
	path := realFile(t, "undl/ga_voting.csv.gz")
	if l, err := Sniff(path); err != nil || l != LayoutUNDL {
		t.Fatalf("Sniff = %v, %v; want %s", l, err, LayoutUNDL)
	}
	start := time.Now()
	res := readUNDLFile(t, path)
	t.Logf("GA: %d rows, %d roll calls, %d problems in %v", res.rows, len(res.groups), len(res.problems), time.Since(start))
	if res.rows != 948836 {
		t.Errorf("rows = %d, want 948836", res.rows)
	}
	// 5,702 roll calls by undl_id or symbol+date; two of them have a
	// year-only date ("1977", "2011"): kept, dated by the year, with a problem.
	if len(res.groups) != 5702 {
		t.Errorf("roll calls = %d, want 5702", len(res.groups))
	}
	var gotProblems []string
	for _, p := range res.problems {
		gotProblems = append(gotProblems, p.Error())
	}
	wantProblems := []string{
		`ga_voting.csv.gz:110291: date "1977" has only a year: roll call undl:642010 kept, dated by its year alone`,
		`ga_voting.csv.gz:678450: date "2011" has only a year: roll call undl:724807 kept, dated by its year alone`,
	}
	if !slices.Equal(gotProblems, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(gotProblems, "\n"), strings.Join(wantProblems, "\n"))
	}
	ncasts, keys := 0, map[string]bool{}
	for i, rc := range res.groups {
		ncasts += len(res.casts[i])
		keys[rc.Key()] = true
		if rc.Body != record.GA {
			t.Errorf("%s: body %q", rc.Key(), rc.Body)
		}
	}
	if ncasts != 948836 {
		t.Errorf("casts = %d, want 948836", ncasts)
	}
	if len(keys) != len(res.groups) {
		t.Errorf("%d distinct keys for %d roll calls: a key reappears", len(keys), len(res.groups))
	}

	rc, casts := res.find("sym:A/RES/ES-11/1@2022-03-02")
	if rc == nil {
		t.Fatal("A/RES/ES-11/1 of 2022-03-02 not found")
	}
	if got := tally(casts); got.Yes != 141 || got.No != 5 || got.Abstain != 35 {
		t.Errorf("A/RES/ES-11/1 rows: %v, want 141-5-35", got)
	}
	if rc.Official == nil || rc.Official.String() != "141-5-35" {
		t.Errorf("A/RES/ES-11/1 official: %v", rc.Official)
	}
	var no []string
	for _, c := range casts {
		if c.Vote == record.No {
			no = append(no, c.Code)
		}
	}
	slices.Sort(no)
	if want := []string{"BLR", "ERI", "PRK", "RUS", "SYR"}; !slices.Equal(no, want) {
		t.Errorf("A/RES/ES-11/1 no votes: %v, want %v", no, want)
	}
	if rc.Meeting != "A/ES-11/PV.5" || rc.Session != 76 || len(rc.Subjects) == 0 {
		t.Errorf("A/RES/ES-11/1: meeting %q session %d (want 76) subjects %q", rc.Meeting, rc.Session, rc.Subjects)
	}

	// Every GA roll call has a session; the file's own session numbers agree
	// with record.SessionOf, the rule given to special and emergency special
	// sessions, but for two records whose dates the file gets wrong (a
	// resolution of session 37 dated 1980, another dated February 1982).
	var wrong []string
	for _, rc := range res.groups {
		if rc.Session == 0 {
			t.Errorf("%s (%s): no session", rc.Key(), rc.Resolution)
			continue
		}
		if n := record.SessionOf(rc.Date); n != rc.Session && len(rc.Date) == 10 {
			wrong = append(wrong, fmt.Sprintf("%s %s %d/%d", rc.Resolution, rc.Date, rc.Session, n))
		}
	}
	if want := []string{"A/RES/37/46 1980-12-03 37/35", "A/RES/37/84 1982-02-21 37/36"}; !slices.Equal(wrong, want) {
		t.Errorf("sessions not those of their dates: %q, want %q", wrong, want)
	}

	// Records without a resolution symbol, or with a draft symbol only.
	if rc, _ := res.find("undl:3836031"); rc == nil || rc.Resolution != "MISSING_DATA" || rc.Body != record.GA {
		t.Errorf("record 3836031: %+v", rc)
	}
	if a, b := func() (*record.RollCall, *record.RollCall) {
		x, _ := res.find("undl:3949879")
		y, _ := res.find("undl:3949880")
		return x, y
	}(); a == nil || b == nil || a.Resolution != "A/76/L.14" || b.Resolution != "A/76/L.14" || a.Date != b.Date {
		t.Errorf("A/76/L.14 twice on one day: %+v %+v", a, b)
	}
	// A real discrepancy: official abstentions 59, member rows 58.
	for i, rc := range res.groups {
		if rc.Resolution == "A/RES/77/293" {
			if got := tally(res.casts[i]); rc.Official == nil || rc.Official.Abstain != 59 || got.Abstain != 58 {
				t.Errorf("A/RES/77/293: official %v, rows %v", rc.Official, got)
			}
		}
	}
}

func TestRealSC(t *testing.T) {
	path := realFile(t, "undl/sc_voting.csv.gz")
	res := readUNDLFile(t, path)
	t.Logf("SC: %d rows, %d roll calls, %d problems", res.rows, len(res.groups), len(res.problems))
	if res.rows != 38379 || len(res.groups) != 2617 || len(res.problems) != 0 {
		t.Errorf("SC: %d rows, %d roll calls, problems %v; want 38379, 2617, none", res.rows, len(res.groups), res.problems)
	}
	n, unknown := 0, 0
	for i, rc := range res.groups {
		n += len(res.casts[i])
		if rc.Body != record.SC || rc.Session != 0 {
			t.Errorf("%s: body %q session %d", rc.Key(), rc.Body, rc.Session)
		}
		for _, c := range res.casts[i] {
			if c.Code == "" {
				unknown++
				if c.Name != "DONOTKNOW" {
					t.Errorf("line %d: empty code for %q", c.Line, c.Name)
				}
			}
		}
	}
	if n != 38379 || unknown != 1 {
		t.Errorf("casts %d (want 38379), without code %d (want 1)", n, unknown)
	}
}

func openNamed(t *testing.T, rel string) NamedReader {
	t.Helper()
	path := realFile(t, rel)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return NamedReader{filepath.Base(path), f}
}

func TestRealUnvotes(t *testing.T) {
	votes := openNamed(t, "unvotes/votes.csv.gz")
	rcs := openNamed(t, "unvotes/roll_calls.csv.gz")
	issues := openNamed(t, "unvotes/roll_call_issues.csv.gz")
	start := time.Now()
	groups, problems, err := ReadUnvotes(votes, rcs, issues)
	if err != nil {
		t.Fatal(err)
	}
	n, withIssues, amend, para, important, noCode := 0, 0, 0, 0, 0, 0
	for i, g := range groups {
		n += len(g.Casts)
		if i > 0 && g.rcid() <= groups[i-1].rcid() {
			t.Fatalf("groups not in rcid order at %s", g.RollCall.SourceID)
		}
		if len(g.RollCall.Issues) > 0 {
			withIssues++
		}
		if g.RollCall.Amendment {
			amend++
		}
		if g.RollCall.Paragraph {
			para++
		}
		if g.RollCall.Important {
			important++
		}
		for _, c := range g.Casts {
			if !c.Vote.Cast() {
				t.Fatalf("line %d: vote %v in a layout without absences", c.Line, c.Vote)
			}
			if c.Code == "" {
				noCode++
			}
		}
	}
	t.Logf("unvotes: %d roll calls, %d votes, %d problems in %v; issues %d, amend %d, para %d, important %d, no code %d",
		len(groups), n, len(problems), time.Since(start), withIssues, amend, para, important, noCode)
	if len(groups) != 6203 || n != 870109 || len(problems) != 0 {
		t.Errorf("got %d roll calls, %d votes, problems %v; want 6203, 870109, none", len(groups), n, problems)
	}
	if amend != 311 || para != 991 || important != 411 || noCode != 3291+2151+2 {
		t.Errorf("amend %d para %d important %d no code %d", amend, para, important, noCode)
	}
	g := groups[0]
	if g.RollCall.SourceID != "3" || g.RollCall.Resolution != "R/1/66" || g.RollCall.Date != "1946-01-01" ||
		!g.RollCall.Amendment || g.RollCall.Agenda != "AMENDMENTS, RULES OF PROCEDURE" || g.RollCall.Body != record.GA {
		t.Errorf("first roll call: %+v", g.RollCall)
	}
}

func TestRealVetoes(t *testing.T) {
	path := realFile(t, "vetoes/unsc_vetoes_1946_sept2022.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vetoes, problems, err := ReadVetoes(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	// 216 data lines after the header hold 214 records: three records have
	// a two-line meeting_record cell, and the file does not end in a
	// newline. Every record is returned or reported as kept out.
	accounted := map[int]bool{}
	for _, v := range vetoes {
		accounted[v.Line] = true
	}
	kept := 0
	for _, p := range problems {
		if strings.Contains(p.Msg, "kept out") {
			accounted[p.Line] = true
		} else if !accounted[p.Line] {
			t.Errorf("problem on a line not returned: %v", p)
		} else {
			kept++
		}
	}
	t.Logf("vetoes: %d returned, %d problems (%d on returned rows)", len(vetoes), len(problems), kept)
	if len(accounted) != 214 {
		t.Errorf("%d records accounted for, want 214", len(accounted))
	}
	if len(vetoes) != 214 || len(problems) != 26 {
		t.Errorf("%d vetoes, %d problems; want 214 and 26 (dummies missing a vetoer)", len(vetoes), len(problems))
	}
	count := map[string]int{}
	for _, v := range vetoes {
		for _, c := range v.Vetoers {
			count[c]++
		}
		if !validDate(v.Date) || v.Draft == "" || strings.Contains(v.Meeting, "\n") {
			t.Errorf("line %d: %+v", v.Line, v)
		}
	}
	t.Logf("vetoes by member: %v", count)
	first := vetoes[0]
	if first.Date != "1946-02-16" || first.Draft != "S/PV.23" || !slices.Equal(first.Vetoers, []string{"SUN"}) || first.Line != 2 {
		t.Errorf("first veto: %+v", first)
	}
	// 1976-10-19, S/12211 (Namibia): France, UK and USA; the dummies omit France.
	for _, v := range vetoes {
		if v.Draft == "S/12211" && !slices.Equal(v.Vetoers, []string{"FRA", "GBR", "USA"}) {
			t.Errorf("S/12211: %v", v.Vetoers)
		}
		if v.Date == "2020-07-07" && v.Meeting != "S/2020/661, S/2020/657" {
			t.Errorf("two-line meeting cell: %q", v.Meeting)
		}
	}
}

func TestRealSniff(t *testing.T) {
	for rel, want := range map[string]Layout{
		"undl/sc_voting.csv.gz":                LayoutUNDL,
		"unvotes/votes.csv.gz":                 LayoutUnvotesVotes,
		"unvotes/roll_calls.csv.gz":            LayoutUnvotesRollCalls,
		"unvotes/roll_call_issues.csv.gz":      LayoutUnvotesIssues,
		"vetoes/unsc_vetoes_1946_sept2022.csv": LayoutVetoes,
	} {
		got, err := Sniff(realFile(t, rel))
		if err != nil || got != want {
			t.Errorf("Sniff(%s) = %v, %v; want %s", rel, got, err, want)
		}
	}
}

// BenchmarkUNDLReader parses the real General Assembly file: "gzip" from the
// compressed bytes as Open reads them, "plain" from the decompressed text.
func BenchmarkUNDLReader(b *testing.B) {
	path := realFile(b, "undl/ga_voting.csv.gz")
	dir := b.TempDir()
	plainPath := filepath.Join(dir, "ga_voting.csv")
	{
		f, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		plain, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(plainPath, plain, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct{ name, path string }{{"gzip", path}, {"plain", plainPath}} {
		b.Run(bc.name, func(b *testing.B) {
			rows := 0
			for b.Loop() {
				f, err := Open(bc.path)
				if err != nil {
					b.Fatal(err)
				}
				ur, err := NewUNDLReader(f, "ga_voting.csv")
				if err != nil {
					b.Fatal(err)
				}
				for {
					_, _, err := ur.Next()
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
				}
				f.Close()
				rows += ur.Rows()
			}
			b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
