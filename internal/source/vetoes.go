package source

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/record"
)

// rocUntil is the day the People's Republic of China took the China seat
// (General Assembly resolution 2758 (XXVI), 25 October 1971). A veto by
// "China" before it is one of the Republic of China, coded TWN.
const rocUntil = "1971-10-25"

// vetoMembers are the member columns of the published list, by lower-case
// name, with the code they stand for.
var vetoMembers = []struct{ col, code string }{
	{"china", "CHN"}, {"france", "FRA"}, {"russia", "RUS"}, {"ussr", "SUN"}, {"usa", "USA"}, {"uk", "GBR"},
}

// vetoerNames reads the member_veto1..3 text columns.
var vetoerNames = map[string]string{
	"china": "CHN", "france": "FRA", "russia": "RUS", "russian federation": "RUS",
	"ussr": "SUN", "soviet union": "SUN", "usa": "USA", "us": "USA", "united states": "USA",
	"uk": "GBR", "united kingdom": "GBR",
}

// vetoerCodes are the codes a user veto may name.
var vetoerCodes = []string{"CHN", "FRA", "GBR", "RUS", "SUN", "TWN", "USA"}

// chinaCode returns the code of the China seat on a date.
func chinaCode(date string) string {
	if date < rocUntil {
		return "TWN"
	}
	return "CHN"
}

// ReadVetoes reads the published list of Security Council vetoes (columns
// date M/D/YYYY, draft, meeting_record, agenda_item, crisis_topic, region,
// member_veto1..3 and the member dummies China, France, Russia, USSR, USA,
// UK). Dates become YYYY-MM-DD; a cell listing several symbols on separate
// lines is joined with ", ".
//
// The vetoers are the union of the member_veto1..3 columns and the dummies
// (1 = vetoed), as ISO3 codes CHN, FRA, RUS, SUN (USSR), USA, GBR; "China"
// before 25 October 1971 is the Republic of China, TWN. Where the two
// disagree the row is kept with the union and the disagreement reported. A
// row with a bad date or no vetoer is reported and kept out. Every data row is
// either returned or reported.
func ReadVetoes(r io.Reader, name string) ([]record.Veto, []Problem, error) {
	rr, idx, err := openLayout(NamedReader{name, r}, LayoutVetoes)
	if err != nil {
		return nil, nil, err
	}
	var out []record.Veto
	var problems []Problem
	for {
		rec, err := rr.read()
		if err == io.EOF {
			return out, problems, nil
		}
		if p, ok := err.(*Problem); ok {
			problems = append(problems, *p)
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		problem := func(format string, args ...any) {
			problems = append(problems, Problem{name, rr.line, fmt.Sprintf(format, args...), ""})
		}
		get := func(c string) string { return strings.TrimSpace(rec[idx[c]]) }
		rawDate := get("date")
		t, err := time.Parse("1/2/2006", rawDate)
		if err != nil {
			problem("bad date %q (want M/D/YYYY); row kept out", rawDate)
			continue
		}
		v := record.Veto{
			Date:    t.Format(time.DateOnly),
			Draft:   joinLines(get("draft")),
			Meeting: joinLines(get("meeting_record")),
			Agenda:  joinLines(get("agenda_item")),
			Topic:   joinLines(get("crisis_topic")),
			Region:  joinLines(get("region")),
			Line:    rr.line,
		}
		var byText, byDummy []string
		for _, c := range []string{"member_veto1", "member_veto2", "member_veto3"} {
			s := get(c)
			if s == "" {
				continue
			}
			code, ok := vetoerNames[strings.ToLower(s)]
			if !ok {
				problem("unknown %s %q; value set aside", c, s)
				continue
			}
			if code == "CHN" {
				code = chinaCode(v.Date)
			}
			if !slices.Contains(byText, code) {
				byText = append(byText, code)
			}
		}
		for _, m := range vetoMembers {
			s := get(m.col)
			switch s {
			case "", "0":
				continue
			case "1":
			default:
				problem("unreadable %s dummy %q (want 0 or 1); value set aside", m.col, s)
				continue
			}
			code := m.code
			if code == "CHN" {
				code = chinaCode(v.Date)
			}
			byDummy = append(byDummy, code)
		}
		slices.Sort(byText)
		slices.Sort(byDummy)
		v.Vetoers = slices.Compact(slices.Sorted(slices.Values(slices.Concat(byText, byDummy))))
		if len(v.Vetoers) == 0 {
			problem("no vetoer (member_veto1..3 empty and every member dummy 0); row kept out")
			continue
		}
		if !slices.Equal(byText, byDummy) {
			problem("vetoers disagree: member_veto columns say %s, member dummies say %s; kept %s",
				listOrNone(byText), listOrNone(byDummy), strings.Join(v.Vetoers, " "))
		}
		out = append(out, v)
	}
}

func listOrNone(codes []string) string {
	if len(codes) == 0 {
		return "none"
	}
	return strings.Join(codes, " ")
}

// joinLines joins the lines of a multi-line cell with ", ".
func joinLines(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// ReadUserVetoes reads vetoes a user adds to the published list, in a CSV
// with the columns date (YYYY-MM-DD), draft, vetoed_by (ISO3 codes among CHN,
// FRA, GBR, RUS, USA, SUN, TWN, separated by spaces or "|"), source (an http
// or https link, required) and optionally meeting, agenda, topic and region.
// The records come back with UserAdded set.
//
// The file is all or nothing: any bad row is an error naming the file, line
// and column (all bad rows are listed), and no record is returned.
func ReadUserVetoes(r io.Reader, name string) ([]record.Veto, error) {
	rr, idx, err := openLayout(NamedReader{name, r}, LayoutUserVetoes)
	if err != nil {
		return nil, err
	}
	var out []record.Veto
	var errs []error
	const maxErrs = 50
	for len(errs) < maxErrs {
		rec, err := rr.read()
		if err == io.EOF {
			break
		}
		if p, ok := err.(*Problem); ok {
			errs = append(errs, p)
			continue
		}
		if err != nil {
			return nil, err
		}
		bad := func(col, format string, args ...any) {
			errs = append(errs, fmt.Errorf("%s:%d: column %s: %s", name, rr.line, col, fmt.Sprintf(format, args...)))
		}
		get := func(c string) string {
			if i, ok := idx[c]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		v := record.Veto{
			Date:      get("date"),
			Draft:     get("draft"),
			Meeting:   get("meeting"),
			Agenda:    get("agenda"),
			Topic:     get("topic"),
			Region:    get("region"),
			Source:    get("source"),
			UserAdded: true,
			Line:      rr.line,
		}
		n := len(errs)
		if !validDate(v.Date) {
			bad("date", "bad date %q (want YYYY-MM-DD)", v.Date)
		}
		if v.Draft == "" {
			bad("draft", "missing draft symbol")
		}
		if v.Source == "" {
			bad("source", "missing source link (required for a user-added veto)")
		} else if u, err := url.Parse(v.Source); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad("source", "%q is not an http(s) link", v.Source)
		}
		raw := get("vetoed_by")
		for _, c := range strings.FieldsFunc(raw, func(r rune) bool { return r == '|' || r == ' ' || r == '\t' }) {
			c = strings.ToUpper(c)
			switch {
			case !slices.Contains(vetoerCodes, c):
				bad("vetoed_by", "unknown vetoer code %q (want %s)", c, strings.Join(vetoerCodes, ", "))
			case slices.Contains(v.Vetoers, c):
				bad("vetoed_by", "vetoer %s listed twice", c)
			default:
				v.Vetoers = append(v.Vetoers, c)
			}
		}
		if raw == "" {
			bad("vetoed_by", "no vetoer")
		}
		if len(errs) == n {
			slices.Sort(v.Vetoers)
			out = append(out, v)
		}
	}
	if len(errs) > 0 {
		if len(errs) >= maxErrs {
			errs = append(errs, fmt.Errorf("%s: stopped after %d errors", name, maxErrs))
		}
		return nil, errors.Join(errs...)
	}
	return out, nil
}
