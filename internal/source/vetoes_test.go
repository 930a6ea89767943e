package source

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func vetoString(date, draft, meeting string, vetoers []string, line int) string {
	return fmt.Sprintf("%s %s [%s] %s @%d", date, draft, meeting, strings.Join(vetoers, " "), line)
}

func TestVetoes(t *testing.T) {
	nr := openFixture(t, "vetoes.csv")
	vetoes, problems, err := ReadVetoes(nr.R, nr.Name)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vetoes {
		got = append(got, vetoString(v.Date, v.Draft, v.Meeting, v.Vetoers, v.Line))
		if v.UserAdded || v.Source != "" {
			t.Errorf("line %d: user fields set: %+v", v.Line, v)
		}
	}
	want := []string{
		"1946-02-16 S/PV.23 [S/PV.23] SUN @2",
		"1955-12-13 S/3999 [S/PV.799] TWN @3", // China before 25 October 1971: the Republic of China
		"1976-10-19 S/12211 [S/PV.1963] FRA GBR USA @4",
		"2020-07-07 S/2020/654 [S/2020/661, S/2020/657] CHN RUS @7",
		"2022-05-26 S/2022/431 [S/PV.9048] CHN RUS @9",
	}
	if !slices.Equal(got, want) {
		t.Errorf("vetoes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantProblems := []string{
		"vetoes.csv:4: vetoers disagree: member_veto columns say FRA GBR USA, member dummies say GBR USA; kept FRA GBR USA",
		`vetoes.csv:5: bad date "2/30/1977" (want M/D/YYYY); row kept out`,
		"vetoes.csv:6: no vetoer (member_veto1..3 empty and every member dummy 0); row kept out",
	}
	if got := problemStrings(problems); !slices.Equal(got, wantProblems) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	v := vetoes[1]
	if v.Agenda != "Fixture: a China veto before 1971" || v.Topic != "Admission" || v.Region != "East Asia" {
		t.Errorf("text fields: %+v", v)
	}
}

func TestVetoesOddValues(t *testing.T) {
	in := "date,draft,meeting_record,agenda_item,crisis_topic,region,member_veto1,member_veto2,member_veto3,China,France,Russia,USSR,USA,UK\n" +
		"1/2/1990,S/1,S/PV.1,a,t,r,USA,Narnia,,0,0,0,0,1,0\n" +
		"1/2/1990,S/2,S/PV.2,a,t,r,USA,,,0,0,0,0,yes,0\n" +
		"1/2/1990,S/3\n"
	vetoes, problems, err := ReadVetoes(strings.NewReader(in), "v.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`v.csv:2: unknown member_veto2 "Narnia"; value set aside`,
		`v.csv:3: unreadable usa dummy "yes" (want 0 or 1); value set aside`,
		`v.csv:3: vetoers disagree: member_veto columns say USA, member dummies say none; kept USA`,
		`v.csv:4: row has 2 fields, header has 15; row kept out`,
	}
	if got := problemStrings(problems); !slices.Equal(got, want) || len(vetoes) != 2 {
		t.Errorf("%d vetoes; problems:\n%s\nwant:\n%s", len(vetoes), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, _, err := ReadVetoes(strings.NewReader("date,draft\n"), "v.csv"); err == nil || !strings.HasPrefix(err.Error(), `v.csv:1: unknown header`) {
		t.Errorf("unknown header: %v", err)
	}
}

func TestUserVetoes(t *testing.T) {
	nr := openFixture(t, "user_vetoes.csv")
	vetoes, err := ReadUserVetoes(nr.R, nr.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(vetoes) != 1 {
		t.Fatalf("%d vetoes", len(vetoes))
	}
	v := vetoes[0]
	if v.Date != "2024-03-28" || v.Draft != "S/2024/255" || !slices.Equal(v.Vetoers, []string{"RUS"}) || !v.UserAdded ||
		v.Source != "https://undocs.org/S/2024/255" || v.Line != 2 || v.Topic != "DPRK sanctions Panel of Experts" {
		t.Errorf("veto: %+v", v)
	}

	const header = "date,draft,meeting,agenda,topic,vetoed_by,source\n"
	const good = "2024-03-28,S/2024/255,,,,RUS,https://undocs.org/S/2024/255\n"
	for _, tc := range []struct{ rows, want string }{
		{"2024-03-28,S/2024/255,,,,RUS,\n", "u.csv:2: column source: missing source link (required for a user-added veto)"},
		{"2024-03-28,S/2024/255,,,,RUS,undocs.org/S/2024/255\n", `u.csv:2: column source: "undocs.org/S/2024/255" is not an http(s) link`},
		{"2024-03-28,S/2024/255,,,,RUS,ftp://x.org/a\n", `u.csv:2: column source: "ftp://x.org/a" is not an http(s) link`},
		{"28/03/2024,S/2024/255,,,,RUS,https://x.org\n", `u.csv:2: column date: bad date "28/03/2024" (want YYYY-MM-DD)`},
		{"2024-02-30,S/2024/255,,,,RUS,https://x.org\n", `u.csv:2: column date: bad date "2024-02-30" (want YYYY-MM-DD)`},
		{"2024-03-28,S/2024/255,,,,RUS XXX,https://x.org\n", `u.csv:2: column vetoed_by: unknown vetoer code "XXX" (want CHN, FRA, GBR, RUS, SUN, TWN, USA)`},
		{"2024-03-28,S/2024/255,,,,,https://x.org\n", `u.csv:2: column vetoed_by: no vetoer`},
		{"2024-03-28,S/2024/255,,,,RUS|rus,https://x.org\n", `u.csv:2: column vetoed_by: vetoer RUS listed twice`},
		{"2024-03-28,,,,,RUS,https://x.org\n", `u.csv:2: column draft: missing draft symbol`},
		{good + "2024-03-28,S/1\n", `u.csv:3: row has 2 fields, header has 7; row kept out`},
		{good + "2024-03-28,,,,,RUS,\n", "u.csv:3: column draft: missing draft symbol\nu.csv:3: column source: missing source link (required for a user-added veto)"},
	} {
		vetoes, err := ReadUserVetoes(strings.NewReader(header+tc.rows), "u.csv")
		if err == nil || err.Error() != tc.want || vetoes != nil {
			t.Errorf("%q: %d vetoes, error:\n%v\nwant:\n%s", tc.rows, len(vetoes), err, tc.want)
		}
	}
	vetoes, err = ReadUserVetoes(strings.NewReader("Vetoed_By,source,date,draft\n\"CHN RUS| usa\",http://example.org/x,2020-01-01,S/2020/1\n"), "u.csv")
	if err != nil || len(vetoes) != 1 || !slices.Equal(vetoes[0].Vetoers, []string{"CHN", "RUS", "USA"}) {
		t.Errorf("minimal columns: %+v, %v", vetoes, err)
	}
	if _, err := ReadUserVetoes(strings.NewReader("date,draft\n"), "u.csv"); err == nil || !strings.HasPrefix(err.Error(), "u.csv:1: unknown header") {
		t.Errorf("unknown header: %v", err)
	}
	if v, err := ReadUserVetoes(strings.NewReader(header), "u.csv"); err != nil || len(v) != 0 {
		t.Errorf("header only: %v, %v", v, err)
	}
}
