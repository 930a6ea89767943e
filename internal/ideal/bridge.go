package ideal

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleKeyLen is the length in bytes to which a title is cut before it is
// normalised. The UN Digital Library cuts long titles at 150 characters
// (ending "[...]"), the ": resolution / adopted by the General Assembly"
// suffix included; newer records have no suffix and are not cut. Cutting
// every title at 120 characters makes a cut title and its full version
// agree.
const titleKeyLen = 120

const gaSuffix = " : resolution / adopted by the general assembly"

var (
	romanRE   = regexp.MustCompile(`^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$`)
	dropWords = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields(`
		first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
		thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
		thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth
		one two three four five six seven eight nine ten eleven twelve thirteen fourteen
		fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
		eighty ninety hundred
		january february march april may june july august september october november december
		session sessions st nd rd th`) {
		dropWords[w] = true
	}
}

// NormalizeTitle returns the bridging key of a roll-call title: lower case;
// the "[...]" of a cut title, the ": resolution / adopted by the General
// Assembly" suffix (or the part of it left by the cut) and the resolution
// symbol removed; cut to 120 bytes; then every character that is not a
// letter made a space, and numbers, dates, session numbers, ordinal and
// cardinal number words, month names and Roman numerals (i, v, x, … as
// words) dropped. Titles with
// the same key are the same recurring item. An empty key bridges nothing.
func NormalizeTitle(title, resolution string) string {
	t := strings.ToLower(strings.TrimSpace(title))
	t = strings.TrimSuffix(t, "[...]")
	t = strings.TrimSuffix(t, "…")
	if i := strings.Index(t, " : resolution"); i >= 0 {
		t = t[:i]
	}
	for k := len(gaSuffix); k >= 2; k-- { // a suffix cut short
		if strings.HasSuffix(t, gaSuffix[:k]) {
			t = t[:len(t)-k]
			break
		}
	}
	if r := strings.ToLower(strings.TrimSpace(resolution)); r != "" {
		t = strings.ReplaceAll(t, r, " ")
	}
	if len(t) > titleKeyLen {
		n := titleKeyLen
		for n > 0 && !utf8.RuneStart(t[n]) {
			n--
		}
		t = t[:n]
	}
	words := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	out := words[:0]
	for _, w := range words {
		if dropWords[w] || romanRE.MatchString(w) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}
