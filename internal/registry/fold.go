package registry

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the form of a state name that matching compares, so that
// "Côte d’Ivoire", "COTE D'IVOIRE" and "cote divoire" are one name:
//
//   - letters are put in capitals and stripped of accents and other marks
//     (compatibility decomposition, NFKD); ß is SS, Æ AE, Œ OE, Ø O, Đ D,
//     Ł L, Þ TH, and the Turkish dotted and dotless i are I;
//   - apostrophes of every kind are dropped, joining their neighbours;
//   - "&" is the word AND;
//   - every other character that is not a letter or a digit separates
//     words, and words are joined by one space;
//   - the word ST (from "St." or "St") is SAINT.
//
// Fold does no more than that: other equivalences ("Burma" and "Myanmar",
// "St. Vincent & Grenadines" and "Saint Vincent and the Grenadines") are
// names listed in the registry's table.
func Fold(s string) string {
	s = strings.Map(func(c rune) rune {
		if isApostrophe(c) {
			return -1
		}
		return c
	}, s)
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() == 0 {
			return
		}
		word := w.String()
		if word == "ST" {
			word = "SAINT"
		}
		words = append(words, word)
		w.Reset()
	}
	var letter func(c rune)
	letter = func(c rune) {
		u := unicode.ToUpper(c)
		if rep, ok := foldSpecial[u]; ok {
			w.WriteString(rep)
			return
		}
		if u != c && !norm.NFKD.IsNormalString(string(u)) {
			// Upper case can have a decomposition the lower case had not.
			for _, d := range norm.NFKD.String(string(u)) {
				if !unicode.Is(unicode.Mn, d) && (unicode.IsLetter(d) || unicode.IsDigit(d)) {
					letter(d)
				}
			}
			return
		}
		w.WriteRune(u)
	}
	for _, c := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Me, c) || unicode.Is(unicode.Cf, c) || isApostrophe(c):
			// marks, invisible format characters and apostrophes (which
			// decomposition can bring: ŉ is ʼn) vanish
		case c == '&':
			flush()
			words = append(words, "AND")
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			letter(c)
		default:
			flush()
		}
	}
	flush()
	return strings.Join(words, " ")
}

func isApostrophe(c rune) bool {
	switch c {
	case '\'', '’', '‘', '`', '´', 'ʼ', 'ʻ', 'ʹ', '′', '＇':
		return true
	}
	return false
}

var foldSpecial = map[rune]string{
	'ß': "SS", 'ẞ': "SS",
	'Æ': "AE", 'Œ': "OE", 'Ø': "O", 'Đ': "D", 'Ð': "D", 'Ł': "L", 'Þ': "TH", 'Ħ': "H",
	'İ': "I", // and unicode.ToUpper maps the dotless ı to I
}
