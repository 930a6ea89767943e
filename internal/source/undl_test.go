package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blocwatch/blocwatch/internal/record"
)

// readUNDL reads every roll call of a UNDL file; body, if set, is passed to
// SetBody.
func readUNDL(t *testing.T, r io.Reader, name string, body record.Body) (undlResult, error) {
	t.Helper()
	ur, err := NewUNDLReader(r, name)
	if err != nil {
		return undlResult{}, err
	}
	if body != "" {
		ur.SetBody(body)
	}
	var res undlResult
	for {
		rc, casts, err := ur.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			res.rows, res.problems = ur.Rows(), ur.Problems()
			return res, err
		}
		res.groups = append(res.groups, rc)
		res.casts = append(res.casts, casts)
	}
	if _, _, err := ur.Next(); err != io.EOF {
		t.Errorf("Next after the end: %v, want io.EOF", err)
	}
	res.rows, res.problems = ur.Rows(), ur.Problems()
	return res, nil
}

func readUNDLPath(t *testing.T, path string, body record.Body) (undlResult, error) {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return readUNDL(t, f, filepath.Base(path), body)
}

// castsString writes casts compactly: CODE:V@line ...
func castsString(casts []record.Cast) string {
	var parts []string
	for _, c := range casts {
		code := c.Code
		if code == "" {
			code = "(" + c.Name + ")"
		}
		parts = append(parts, code+":"+c.Vote.String()+"@"+strconv.Itoa(c.Line))
	}
	return strings.Join(parts, " ")
}

func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

func TestUNDLFixture(t *testing.T) {
	for _, path := range []string{"testdata/ga_undl.csv", "testdata/ga_undl.csv.gz"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			res, err := readUNDLPath(t, path, "")
			if err != nil {
				t.Fatal(err)
			}
			if res.rows != 19 || len(res.problems) != 0 {
				t.Errorf("rows %d, problems %q", res.rows, problemStrings(res.problems))
			}
			type want struct {
				key, casts, official string
				body                 record.Body
				session, members     int
			}
			wants := []want{
				{"undl:100", "ARG:Y@2 AUS:N@3 BEL:A@4 BRA:X@5 CAN:X@6 CHL:X@7", "1-1-1", record.GA, 1, 6},
				{"sym:A/RES/ES-11/1@2022-03-02", "ARG:Y@8 BLR:N@9 AUS:Y@10", "2-1-0", record.GA, 76, 3}, // ES-11: the regular session of its date
				{"undl:3949879", "ARG:Y@11 AUS:A@12", "", record.GA, 76, 0},
				{"undl:3949880", "ARG:Y@13 AUS:A@14", "", record.GA, 76, 0},
				{"sym:A/RES/77/5@2022-11-01", "ARG:Y@15 AUS:Y@16", "2-0-0", record.GA, 77, 2},
				{"sym:A/RES/77/5@2022-11-02", "ARG:Y@17 AUS:Y@18", "2-0-0", record.GA, 77, 2},
				{"undl:3836031", "ARG:Y@19", "1-0-0", record.GA, 73, 1}, // no session: that of its date
				{"undl:100", "DNK:Y@20", "1-1-1", record.GA, 1, 6},      // the key reappears: another group
			}
			if len(res.groups) != len(wants) {
				t.Fatalf("%d roll calls, want %d", len(res.groups), len(wants))
			}
			for i, w := range wants {
				rc := res.groups[i]
				official := ""
				if rc.Official != nil {
					official = rc.Official.String()
				}
				if rc.Key() != w.key || castsString(res.casts[i]) != w.casts || official != w.official ||
					rc.Body != w.body || rc.Session != w.session || rc.Members != w.members {
					t.Errorf("roll call %d: %s [%s] official %q body %s session %d members %d; want %+v",
						i, rc.Key(), castsString(res.casts[i]), official, rc.Body, rc.Session, rc.Members, w)
				}
			}
			first := res.groups[0]
			if first.Title != "Title one, with a comma" || first.Link != "https://digitallibrary.un.org/record/100" ||
				first.Date != "1946-02-01" || first.Official.NonVoting != 3 || res.casts[0][1].Name != "AUSTRALIA" {
				t.Errorf("first roll call: %+v", first)
			}
			es := res.groups[1]
			if es.Draft != "A/ES-11/L.1" || es.Meeting != "A/ES-11/PV.5" || es.Note != "Recorded vote" ||
				es.Agenda != "Letter dated 28 February 2014" ||
				!slices.Equal(es.Subjects, []string{"UKRAINE--ARMED CONFLICT", "RUSSIAN FEDERATION"}) {
				t.Errorf("A/RES/ES-11/1: %+v", es)
			}
			if res.casts[7][0].Name != "AY DENMARK" {
				t.Errorf("name not passed through: %q", res.casts[7][0].Name)
			}
		})
	}
}

func TestUNDLBody(t *testing.T) {
	data, err := os.ReadFile("testdata/ga_undl.csv")
	if err != nil {
		t.Fatal(err)
	}
	// No hint: the MISSING_DATA record has no body and is kept out.
	res, err := readUNDL(t, bytes.NewReader(data), "undl.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`undl.csv:19: no body: resolution "MISSING_DATA" has neither A/ nor S/ prefix and there is no body hint (SetBody, or ga/sc in the file name); roll call undl:3836031 kept out (1 rows)`}
	if got := problemStrings(res.problems); !slices.Equal(got, want) || len(res.groups) != 7 {
		t.Errorf("%d roll calls, problems:\n%s\nwant:\n%s", len(res.groups), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// SetBody gives it one; the symbols still decide the others.
	res, err = readUNDL(t, bytes.NewReader(data), "undl.csv", record.SC)
	if err != nil {
		t.Fatal(err)
	}
	for _, rc := range res.groups {
		want := record.GA
		if rc.Resolution == "MISSING_DATA" {
			want = record.SC
		}
		if rc.Body != want {
			t.Errorf("%s: body %s, want %s", rc.Key(), rc.Body, want)
		}
	}
	for name, want := range map[string]record.Body{
		"ga_voting.csv.gz": record.GA, "sc_voting.csv": record.SC, "UNDL-SC.csv": record.SC,
		"mega_file.csv": "", "ga_sc.csv": "", "votes.csv": "",
	} {
		if got := bodyFromName(name); got != want {
			t.Errorf("bodyFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestUNDL2021Header(t *testing.T) {
	res, err := readUNDLPath(t, "testdata/sc_undl_2021.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.problems) != 0 || len(res.groups) != 2 || res.rows != 7 {
		t.Fatalf("%d roll calls, %d rows, problems %q", len(res.groups), res.rows, problemStrings(res.problems))
	}
	rc := res.groups[0]
	if rc.Body != record.SC || rc.UNDLID != "280453" || rc.Resolution != "S/RES/1(1946)" || rc.Session != 0 ||
		rc.Note != "" || rc.Official.String() != "3-0-0" || rc.Members != 4 {
		t.Errorf("roll call: %+v", rc)
	}
	if got := castsString(res.casts[0]); got != "AUS:Y@2 BRA:Y@3 CHN:Y@4 (DONOTKNOW):X@5" {
		t.Errorf("casts: %s", got)
	}
	if got := castsString(res.casts[1]); got != "AUS:Y@6 SUN:A@7 GBR:Y@8" {
		t.Errorf("casts: %s", got)
	}
	f, _ := os.Open("testdata/sc_undl_2021.csv")
	defer f.Close()
	ur, err := NewUNDLReader(f, "sc.csv")
	if err != nil || ur.Layout() != LayoutUNDL2021 {
		t.Errorf("layout %v, %v", ur.Layout(), err)
	}
}

func TestUNDLProblems(t *testing.T) {
	res, err := readUNDLPath(t, "testdata/ga_problems.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`ga_problems.csv:3: unknown vote "Q" for AUS "AUSTRALIA" in roll call undl:400; row kept out`,
		`ga_problems.csv:4: duplicate row for ARG "ARGENTINA" (also line 2) in roll call undl:400; first kept`,
		`ga_problems.csv:5: conflicting duplicate row for ARG "ARGENTINA" in roll call undl:400: Y at line 2, N at line 5; first kept`,
		`ga_problems.csv:6: title "Another title" differs from "Title 400" at line 2 in roll call undl:400; first kept`,
		`ga_problems.csv:8: date "2011" has only a year: roll call undl:401 kept, dated by its year alone`,
		`ga_problems.csv:10: unparsable total_yes "abc" in roll call undl:402; official totals left out`,
		`ga_problems.csv:10: unparsable total_ms "2.5" in roll call undl:402; members left 0`,
		`ga_problems.csv:11: row has 17 fields, header has 20; row kept out`,
		`ga_problems.csv:12: unparsable session "x" in roll call undl:403; session left 0`,
		`ga_problems.csv:12: total_no is empty in roll call undl:403; official totals left out`,
	}
	if got := problemStrings(res.problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(res.groups) != 4 || res.rows != 11 {
		t.Fatalf("%d roll calls, %d rows; want 4, 11", len(res.groups), res.rows)
	}
	if got := castsString(res.casts[0]); got != "ARG:Y@2 BEL:Y@6 BRA:A@7" || res.groups[0].Title != "Title 400" {
		t.Errorf("roll call 400: %s, title %q", got, res.groups[0].Title)
	}
	if rc := res.groups[1]; rc.UNDLID != "401" || rc.Date != "2011" || castsString(res.casts[1]) != "ARG:Y@8 AUS:Y@9" {
		t.Errorf("roll call 401 (year-only date): %+v %s", rc, castsString(res.casts[1]))
	}
	if rc := res.groups[2]; rc.UNDLID != "402" || rc.Official != nil || rc.Members != 0 || castsString(res.casts[2]) != "ARG:Y@10" {
		t.Errorf("roll call 402: %+v %s", rc, castsString(res.casts[2]))
	}
	if rc := res.groups[3]; rc.UNDLID != "403" || rc.Official != nil || rc.Session != 0 {
		t.Errorf("roll call 403: %+v", rc)
	}
	p := res.problems[0]
	if p.File != "ga_problems.csv" || p.Line != 3 || !strings.HasPrefix(p.Msg, `unknown vote "Q"`) {
		t.Errorf("problem fields: %+v", p)
	}
}

func TestUNDLBOMAndCRLF(t *testing.T) {
	res, err := readUNDLPath(t, "testdata/ga_bom_crlf.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.groups) != 1 || len(res.problems) != 0 {
		t.Fatalf("%d roll calls, problems %q", len(res.groups), problemStrings(res.problems))
	}
	if rc := res.groups[0]; rc.UNDLID != "500" || rc.Link != "https://digitallibrary.un.org/record/500" {
		t.Errorf("roll call: %+v", rc)
	}
	if c := res.casts[0][0]; c.Code != "ARG" || c.Name != "ARGENTINA" || c.Vote != record.Yes || c.Line != 2 {
		t.Errorf("cast: %+v", c)
	}
}

func TestUNDLNotUNDL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "x.csv:1: empty file, no header"},
		{"rcid,country,country_code,vote\n", "x.csv:1: not a UN Digital Library voting file: header is of layout unvotes-votes"},
		{"foo,bar\n1,2\n", `x.csv:1: unknown header ["foo" "bar"]`},
		{"a,\"b\n", `x.csv:1: malformed CSV`},
	} {
		_, err := NewUNDLReader(strings.NewReader(tc.in), "x.csv")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("NewUNDLReader(%q) = %v, want %s...", tc.in, err, tc.want)
		}
	}
}

// vanishing serves n bytes of data, then fails as a file that vanishes.
type vanishing struct {
	data []byte
	n    int
}

var errVanished = errors.New("file vanished")

func (v *vanishing) Read(p []byte) (int, error) {
	if v.n <= 0 {
		return 0, errVanished
	}
	k := copy(p, v.data[:min(v.n, len(v.data))])
	v.data, v.n = v.data[k:], v.n-k
	return k, nil
}

func TestUNDLReadFailure(t *testing.T) {
	data, err := os.ReadFile("testdata/ga_undl.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Cut in the middle of line 5: lines 2-4 are read, line 5 fails.
	lines := bytes.SplitAfter(data, []byte("\n"))
	cut := len(bytes.Join(lines[:4], nil)) + 10
	res, err := readUNDL(t, &vanishing{data: data, n: cut}, "ga.csv", "")
	if !errors.Is(err, errVanished) || err.Error() != "ga.csv:5: read failed: file vanished" {
		t.Errorf("error %v, want ga.csv:5: read failed: file vanished", err)
	}
	if len(res.groups) != 0 {
		t.Errorf("%d roll calls returned from a failed read of an unfinished roll call", len(res.groups))
	}
	// Cut on line 9: the first roll call is whole and returned, then the error.
	cut = len(bytes.Join(lines[:8], nil)) + 3
	res, err = readUNDL(t, &vanishing{data: data, n: cut}, "ga.csv", "")
	if err == nil || err.Error() != "ga.csv:9: read failed: file vanished" || len(res.groups) != 1 {
		t.Errorf("error %v after %d roll calls; want ga.csv:9 after 1", err, len(res.groups))
	}
	// In the header.
	_, err = NewUNDLReader(&vanishing{data: data, n: 20}, "ga.csv")
	if err == nil || err.Error() != "ga.csv:1: read failed: file vanished" {
		t.Errorf("header: %v", err)
	}
}

func TestUNDLTruncatedGzip(t *testing.T) {
	gz, err := os.ReadFile("testdata/ga_undl.csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, cut := range []int{len(gz) - 1, len(gz) - 4, len(gz) - 8, len(gz) - 9, len(gz) / 2, 30, 11, 3} {
		path := filepath.Join(dir, "cut.csv.gz")
		if err := os.WriteFile(path, gz[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Open(path)
		if err != nil {
			// Cut inside the gzip header.
			if !strings.Contains(err.Error(), "truncated or corrupt gzip data") {
				t.Errorf("cut at %d: Open: %v", cut, err)
			}
			continue
		}
		_, err = readUNDL(t, f, "cut.csv.gz", "")
		f.Close()
		if err == nil {
			t.Errorf("cut at %d of %d: no error", cut, len(gz))
			continue
		}
		if !strings.HasPrefix(err.Error(), "cut.csv.gz:") || !strings.Contains(err.Error(), ": truncated or corrupt gzip data: unexpected EOF") ||
			!errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("cut at %d: %v", cut, err)
		}
	}
	// A corrupt byte in the middle of the stream.
	bad := slices.Clone(gz)
	bad[len(bad)-6] ^= 0xff // in the length trailer
	path := filepath.Join(dir, "bad.csv.gz")
	os.WriteFile(path, bad, 0o644)
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := readUNDL(t, f, "bad.csv.gz", ""); err == nil || !strings.Contains(err.Error(), "truncated or corrupt gzip data") {
		t.Errorf("corrupt trailer: %v", err)
	}
}
