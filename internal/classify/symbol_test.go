package classify

// Matching unvotes roll calls to UN Digital Library records by resolution
// symbol and date. Self-contained so that it can be lifted into the package
// that merges the two sources.

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// symKey is a resolution symbol reduced to what both sources agree on.
type symKey struct {
	Session string // "41", "ES-10", "S-6"
	Number  int    // 59
	Part    string // "L", "B", "BIX", "" — letters and digits only, upper case
}

type numKey struct {
	Session string
	Number  int
}

func (k symKey) num() numKey { return numKey{k.Session, k.Number} }

var (
	reRoman   = regexp.MustCompile(`^(\d+)\s*\((ES-|S-)?([IVXLC]+|\d+)\)(.*)$`)
	reSlashed = regexp.MustCompile(`^((?:ES-|S-)?\d+)/+(\d+)(.*)$`)
)

// undlKey normalises a UN Digital Library resolution symbol:
// A/RES/41/59L, A/RES/41/59 L, A/RES/31/6[A], A/RES/2908(XXVII),
// A/RES/997(ES-I), A/RES/ES-10/19, A/RES/33/116[B-IX].
func undlKey(s string) (symKey, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "A/RES/") {
		return symKey{}, false
	}
	s = s[len("A/RES/"):]
	if m := reRoman.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		sess := m[3]
		if v, ok := romanValue(sess); ok {
			sess = strconv.Itoa(v)
		}
		return symKey{m[2] + sess, n, normPart(m[4])}, true
	}
	if m := reSlashed.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		return symKey{m[1], n, normPart(m[3])}, true
	}
	return symKey{}, false
}

// unvotesKey normalises an unvotes `unres`: R/41/59L, R/27/2908,
// R/33/116B/IX, A/RES/74/19, GOAR/1/1288B. The special-session forms
// (SS/…, ESS/…) carry meeting references, not resolution numbers, and are
// not parsed.
func unvotesKey(s string) (symKey, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	ok := false
	for _, p := range []string{"A/RES/", "R/", "GOAR/"} {
		if strings.HasPrefix(s, p) {
			s, ok = s[len(p):], true
			break
		}
	}
	if !ok {
		return symKey{}, false
	}
	if m := reSlashed.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		return symKey{m[1], n, normPart(m[3])}, true
	}
	return symKey{}, false
}

// normPart keeps the letters and digits of a part designation, upper case,
// dropping the word SECTION: "[B-IX]" and "B/IX" become "BIX", " L" and "L"
// become "L", "[SectionIII]" and "/III" become "III".
func normPart(p string) string {
	p = strings.ReplaceAll(strings.ToUpper(p), "SECTION", "")
	var b strings.Builder
	for _, r := range p {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func romanValue(s string) (int, bool) {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	t := 0
	for i := 0; i < len(s); i++ {
		v, ok := val[s[i]]
		if !ok {
			return 0, false
		}
		if i+1 < len(s) && v < val[s[i+1]] {
			t -= v
		} else {
			t += v
		}
	}
	return t, t > 0
}

// parseDay reads YYYY-MM-DD, or a bare YYYY (read as mid-year, flagged).
func parseDay(s string) (t time.Time, yearOnly bool, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) == 4 {
		y, err := strconv.Atoi(s)
		if err != nil {
			return time.Time{}, false, false
		}
		return time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC), true, true
	}
	t, err := time.Parse("2006-01-02", s)
	return t, false, err == nil
}

// maxDays is the date window. unvotes dates before 2003 are mostly the
// committee vote, up to four weeks before the plenary adoption that UNDL
// records (median lag 9 days, 95th percentile 26 days, in sessions 30-57).
const maxDays = 31

func dateClose(a, b string) bool {
	ta, ya, ok1 := parseDay(a)
	tb, yb, ok2 := parseDay(b)
	if !ok1 || !ok2 {
		return false
	}
	if ya || yb {
		return ta.Year() == tb.Year()
	}
	d := ta.Sub(tb).Hours() / 24
	if d < 0 {
		d = -d
	}
	return d <= maxDays
}

func TestSymbolKeys(t *testing.T) {
	undl := map[string]symKey{
		"A/RES/41/59L":             {"41", 59, "L"},
		"A/RES/41/59 L":            {"41", 59, "L"},
		"A/RES/31/6[A]":            {"31", 6, "A"},
		"A/RES/2908(XXVII)":        {"27", 2908, ""},
		"A/RES/181(II)[A]":         {"2", 181, "A"},
		"A/RES/997(ES-I)":          {"ES-1", 997, ""},
		"A/RES/104(S-1)":           {"S-1", 104, ""},
		"A/RES/ES-10/19":           {"ES-10", 19, ""},
		"A/RES/33/116[B-IX]":       {"33", 116, "BIX"},
		"A/RES/39/236[SectionIII]": {"39", 236, "III"},
		"A/RES/36//235IX":          {"36", 235, "IX"},
		"A/RES/75/290 A":           {"75", 290, "A"},
	}
	for s, want := range undl {
		got, ok := undlKey(s)
		if !ok || got != want {
			t.Errorf("undlKey(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	unv := map[string]symKey{
		"R/41/59L":     {"41", 59, "L"},
		"A/RES/74/19":  {"74", 19, ""},
		"R/27/2908":    {"27", 2908, ""},
		"R/33/116B/IX": {"33", 116, "BIX"},
		"R/39/236/III": {"39", 236, "III"},
		"GOAR/1/1288B": {"1", 1288, "B"},
		"R/1/1287/A":   {"1", 1287, "A"},
	}
	for s, want := range unv {
		got, ok := unvotesKey(s)
		if !ok || got != want {
			t.Errorf("unvotesKey(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "ESS/1/34", "SS/1/59", "R/10 65", "MISSING_DATA", "A/73/L.42"} {
		if _, ok := unvotesKey(s); ok && s != "" {
			t.Errorf("unvotesKey(%q) parsed", s)
		}
		if _, ok := undlKey(s); ok {
			t.Errorf("undlKey(%q) parsed", s)
		}
	}
	if !dateClose("1982-11-04", "1982-12-05") || dateClose("1982-11-04", "1982-12-06") || !dateClose("2011", "2011-12-24") {
		t.Error("dateClose")
	}
}
