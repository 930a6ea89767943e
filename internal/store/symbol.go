package store

import (
	"strconv"
	"strings"
)

// SymbolKey normalises a General Assembly resolution symbol so that the
// spellings of different sources compare equal: "A/RES/41/59 L",
// "A/RES/41/59L" and "R/41/59L" all give "41/59L"; "A/RES/2908(XXVII)" and
// "R/27/2908" give "27/2908"; "A/RES/31/6[A]" gives "31/6A";
// "A/RES/ES-11/1" gives "ES11/1". It returns "" for a symbol it cannot read
// (empty, MISSING_DATA, a draft symbol).
func SymbolKey(sym string) string {
	s := strings.ToUpper(strings.TrimSpace(sym))
	switch {
	case strings.HasPrefix(s, "A/RES/"):
		s = s[len("A/RES/"):]
	case strings.HasPrefix(s, "R/"):
		s = s[len("R/"):]
	default:
		return ""
	}
	s = strings.NewReplacer(" ", "", "[", "", "]", "").Replace(s)
	// Old style: NUMBER(ROMAN)PART.
	if i := strings.IndexByte(s, '('); i > 0 {
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			return ""
		}
		num, roman, part := s[:i], s[i+1:i+j], s[i+j+1:]
		session := romanToInt(roman)
		if session == 0 || !allDigits(num) {
			return ""
		}
		return strconv.Itoa(session) + "/" + trimZeros(num) + part
	}
	// New style: SESSION/NUMBERPART, SESSION may be ES-11 or S-10.
	sess, rest, ok := strings.Cut(s, "/")
	if !ok {
		return ""
	}
	sess = strings.ReplaceAll(sess, "-", "")
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	if i == 0 || sess == "" {
		return ""
	}
	if allDigits(sess) {
		sess = trimZeros(sess)
	}
	return sess + "/" + trimZeros(rest[:i]) + rest[i:]
}

// trimZeros drops leading zeros of a number, keeping one digit.
func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" && s != "" {
		return "0"
	}
	return t
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func romanToInt(s string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := val[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n
}

// symbolBase returns a symbol key without its part letters: "20/2012A"
// gives "20/2012".
func symbolBase(key string) string {
	sess, rest, ok := strings.Cut(key, "/")
	if !ok {
		return key
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	return sess + "/" + rest[:i]
}
