// Package classify assigns Voeten's six issue codes (me, nu, di, hr, co, ec)
// to any roll call from its text: the title, the agenda item title and the
// UNBIS subject terms. Voeten's own codes stop at 2019 and never covered the
// Security Council; this classifier lets issue filters work on every roll
// call.
//
// The classifier is a fixed, documented list of rules (see Rules and
// docs/classifier.md), not a trained model. A rule names an issue, a list of
// terms of which one must occur, optionally a list of terms of which one must
// also occur (With) and a list of terms that veto it (Unless). A roll call
// gets every issue for which at least one rule fires; it can get several
// issues or none.
//
// Matching works on words. Each text is lower-cased, every run of characters
// other than letters and digits becomes one word break, and a term matches a
// run of whole words: "arms" matches "ARMS" and "arms," but not "armed".
// A term ending in "*" matches any word beginning with the stem: "palestin*"
// matches "Palestine" and "Palestinian". Terms never match across fields or
// across two subject terms.
package classify

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blocwatch/blocwatch/internal/record"
)

// Where says which texts of a roll call a rule reads. Rule.Where is one of
// these or a comma-separated list of them ("title,agenda").
const (
	Any      = "any"      // title, agenda title and subjects
	Title    = "title"    // title only
	Agenda   = "agenda"   // agenda item title only
	Subjects = "subjects" // UNBIS subject terms only
)

// Rule is one classification rule. It fires when one of Terms occurs, one of
// With occurs (if With is not empty) and none of Unless occurs, all in the
// texts selected by Where. Each term must occur within one text (the title,
// the agenda title, or one subject term), but Terms, With and Unless may
// match in different texts.
type Rule struct {
	Issue  string   // issue code: me nu di hr co ec
	Terms  []string // one of these must occur
	With   []string // if not empty, one of these must occur as well
	Unless []string // none of these may occur
	Where  string   // Any, Title, Agenda, Subjects or a list ("title,agenda"); "" means Any
	Note   string   // why the rule is there
}

// Match reports one rule that fired: the rule's index in Rules(), its issue,
// the term that matched, the text it matched in and where that text is.
type Match struct {
	Rule  int    // index into Rules()
	Issue string // issue code
	Term  string // the term of Rule.Terms that matched
	Where string // Title, Agenda or Subjects
	Text  string // the field (or subject term) the term matched in
}

// String formats a match for --explain output.
func (m Match) String() string {
	return fmt.Sprintf("%s: %q in %s %q (rule %d)", m.Issue, m.Term, m.Where, m.Text, m.Rule)
}

// Rules returns the rules in force, in order. The slice is a copy.
func Rules() []Rule {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		r.Terms = append([]string(nil), r.Terms...)
		r.With = append([]string(nil), r.With...)
		r.Unless = append([]string(nil), r.Unless...)
		out[i] = r
	}
	return out
}

// Classify returns the issues of a roll call with the given title, agenda
// item title and UNBIS subjects. Any of them may be empty.
func Classify(title, agenda string, subjects []string) record.Issue {
	c := compiled()
	d := newDoc(c, title, agenda, subjects)
	var out record.Issue
	for i := range c.rules {
		r := &c.rules[i]
		if out&r.bit == 0 && d.fires(r) {
			out |= r.bit
		}
	}
	d.release()
	return out
}

// Explain returns, for every rule that fires, the first term that matched
// and the text it matched in. Classify(title, agenda, subjects) is the union
// of the issues of the matches.
func Explain(title, agenda string, subjects []string) []Match {
	c := compiled()
	d := newDoc(c, title, agenda, subjects)
	defer d.release()
	var out []Match
	for i := range c.rules {
		r := &c.rules[i]
		if !d.fires(r) {
			continue
		}
		for _, t := range r.terms {
			if f, ok := d.find(t, r.where); ok {
				out = append(out, Match{Rule: i, Issue: r.issue, Term: t.src, Where: f.where, Text: f.text})
				break
			}
		}
	}
	return out
}

// ---- compiled form ----

type term struct {
	src    string
	words  []string // all words but the last are whole words
	prefix bool     // the last word is a stem
	id     int      // index into the per-document hit table
}

type crule struct {
	issue  string
	bit    record.Issue
	where  uint8 // bit set of fields
	terms  []*term
	with   []*term
	unless []*term
}

type compiledRules struct {
	rules []crule
	terms []*term
	// byKey indexes terms by the first two bytes of their first word; scan
	// checks each candidate in full.
	byKey [keyBase * keyBase][]*term
}

// keyBase is the number of byte classes of the index: a-z, 0-9, other.
const keyBase = 37

func byteClass(b byte) int {
	switch {
	case 'a' <= b && b <= 'z':
		return int(b - 'a')
	case '0' <= b && b <= '9':
		return 26 + int(b-'0')
	}
	return 36
}

// wordKey is the index slot of a word (a non-empty lower-case word).
func wordKey(w []byte) int {
	k := byteClass(w[0]) * keyBase
	if len(w) > 1 {
		k += byteClass(w[1])
	} else {
		k += 36
	}
	return k
}

// field bits
const (
	fTitle uint8 = 1 << iota
	fAgenda
	fSubjects
	fAny = fTitle | fAgenda | fSubjects
)

var (
	compileOnce sync.Once
	compiledSet *compiledRules
)

func compiled() *compiledRules {
	compileOnce.Do(func() {
		c, err := compile(rules)
		if err != nil {
			panic(err) // the rule table is a constant; TestRulesCompile catches this
		}
		compiledSet = c
	})
	return compiledSet
}

func compile(rs []Rule) (*compiledRules, error) {
	c := &compiledRules{}
	seen := map[string]*term{}
	mk := func(s string) (*term, error) {
		if t, ok := seen[s]; ok {
			return t, nil
		}
		src := s
		prefix := strings.HasSuffix(s, "*")
		s = strings.TrimSuffix(s, "*")
		words := tokenize(s, nil)
		if len(words) == 0 || strings.Join(words, " ") != s {
			return nil, fmt.Errorf("term %q is not lower-case words separated by single spaces", src)
		}
		t := &term{src: src, words: words, prefix: prefix, id: len(c.terms)}
		seen[src] = t
		c.terms = append(c.terms, t)
		if prefix && len(words) == 1 && len(words[0]) < 3 {
			return nil, fmt.Errorf("stem %q is shorter than 3 characters", src)
		}
		k := wordKey([]byte(words[0]))
		c.byKey[k] = append(c.byKey[k], t)
		return t, nil
	}
	list := func(ss []string) ([]*term, error) {
		var out []*term
		for _, s := range ss {
			t, err := mk(s)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
		return out, nil
	}
	for i, r := range rs {
		bit, err := record.ParseIssue(r.Issue)
		if err != nil || len(r.Issue) != 2 {
			return nil, fmt.Errorf("rule %d: bad issue %q", i, r.Issue)
		}
		cr := crule{issue: r.Issue, bit: bit}
		if cr.where, err = parseWhere(r.Where); err != nil {
			return nil, fmt.Errorf("rule %d: %v", i, err)
		}
		if len(r.Terms) == 0 {
			return nil, fmt.Errorf("rule %d: no terms", i)
		}
		if cr.terms, err = list(r.Terms); err != nil {
			return nil, fmt.Errorf("rule %d: %v", i, err)
		}
		if cr.with, err = list(r.With); err != nil {
			return nil, fmt.Errorf("rule %d: %v", i, err)
		}
		if cr.unless, err = list(r.Unless); err != nil {
			return nil, fmt.Errorf("rule %d: %v", i, err)
		}
		c.rules = append(c.rules, cr)
	}
	return c, nil
}

// parseWhere reads a comma-separated list of Title, Agenda, Subjects, or
// Any; "" means Any.
func parseWhere(w string) (uint8, error) {
	if w == "" {
		return fAny, nil
	}
	var out uint8
	for _, f := range strings.Split(w, ",") {
		switch strings.TrimSpace(f) {
		case Any:
			out |= fAny
		case Title:
			out |= fTitle
		case Agenda:
			out |= fAgenda
		case Subjects:
			out |= fSubjects
		default:
			return 0, fmt.Errorf("bad Where %q", w)
		}
	}
	return out, nil
}

// ---- documents ----

type fieldSpan struct {
	start, end int // word range
	where      string
	bit        uint8
	text       string
}

type span struct{ lo, hi int32 }

// doc is a roll call's text, tokenized once: the lower-cased words of all
// fields, back to back in buf, and for each term the set of fields it occurs
// in. Docs are pooled; Classify allocates nothing in the steady state.
type doc struct {
	c      *compiledRules
	buf    []byte
	words  []span
	fields []fieldSpan
	hits   []uint8 // hits[t.id]: field bits where term t occurs
}

var docPool = sync.Pool{New: func() any { return new(doc) }}

func newDoc(c *compiledRules, title, agenda string, subjects []string) *doc {
	d := docPool.Get().(*doc)
	d.c = c
	d.buf, d.words, d.fields = d.buf[:0], d.words[:0], d.fields[:0]
	d.add(title, Title, fTitle)
	d.add(agenda, Agenda, fAgenda)
	for _, s := range subjects {
		d.add(s, Subjects, fSubjects)
	}
	if cap(d.hits) < len(c.terms) {
		d.hits = make([]uint8, len(c.terms))
	}
	d.hits = d.hits[:len(c.terms)]
	clear(d.hits)
	d.scan()
	return d
}

func (d *doc) release() {
	d.c = nil
	d.fields = d.fields[:0] // drop references to the caller's strings
	clear(d.fields[:cap(d.fields)])
	docPool.Put(d)
}

func (d *doc) word(i int) []byte { w := d.words[i]; return d.buf[w.lo:w.hi] }

func (d *doc) add(text, where string, bit uint8) {
	start := len(d.words)
	d.buf, d.words = appendWords(d.buf, d.words, text)
	if len(d.words) > start {
		d.fields = append(d.fields, fieldSpan{start, len(d.words), where, bit, text})
	}
}

// asciiWord maps an ASCII letter or digit to its lower case, anything else
// to 0.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c] = c
		t[c-'a'+'A'] = c
	}
	return
}()

// appendWords appends the lower-cased words of s to buf and their spans to
// ws. A word is a maximal run of letters and digits; accents on Latin letters
// are dropped.
func appendWords(buf []byte, ws []span, s string) ([]byte, []span) {
	buf = slices.Grow(buf, len(s))
	start := -1
	for i := 0; i < len(s); {
		ch := s[i]
		var alnum bool
		if ch < utf8.RuneSelf {
			if l := asciiWord[ch]; l != 0 {
				alnum = true
				if start < 0 {
					start = len(buf)
				}
				buf = append(buf, l)
			}
			i++
		} else {
			r, n := utf8.DecodeRuneInString(s[i:])
			alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
			if alnum {
				if start < 0 {
					start = len(buf)
				}
				buf = utf8.AppendRune(buf, foldAccent(unicode.ToLower(r)))
			}
			i += n
		}
		if !alnum && start >= 0 {
			ws = append(ws, span{int32(start), int32(len(buf))})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, span{int32(start), int32(len(buf))})
	}
	return buf, ws
}

// tokenize returns the words of s as appendWords finds them.
func tokenize(s string, dst []string) []string {
	buf, ws := appendWords(nil, nil, s)
	for _, w := range ws {
		dst = append(dst, string(buf[w.lo:w.hi]))
	}
	return dst
}

// scan finds every term occurrence once, recording in d.hits the fields
// each term occurs in.
func (d *doc) scan() {
	for _, f := range d.fields {
		for p := f.start; p < f.end; p++ {
			for _, t := range d.c.byKey[wordKey(d.word(p))] {
				if d.hits[t.id]&f.bit == 0 && d.matchAt(p, f.end, t) {
					d.hits[t.id] |= f.bit
				}
			}
		}
	}
}

func (d *doc) hasAny(ts []*term, where uint8) bool {
	for _, t := range ts {
		if d.hits[t.id]&where != 0 {
			return true
		}
	}
	return false
}

func (d *doc) fires(r *crule) bool {
	if !d.hasAny(r.terms, r.where) {
		return false
	}
	if len(r.with) > 0 && !d.hasAny(r.with, r.where) {
		return false
	}
	return !d.hasAny(r.unless, r.where)
}

// find returns the first field selected by where in which t matches.
func (d *doc) find(t *term, where uint8) (fieldSpan, bool) {
	for _, f := range d.fields {
		if f.bit&where == 0 {
			continue
		}
		for p := f.start; p < f.end; p++ {
			if d.matchAt(p, f.end, t) {
				return f, true
			}
		}
	}
	return fieldSpan{}, false
}

// matchAt reports whether t matches the words starting at p, ending before
// end.
func (d *doc) matchAt(p, end int, t *term) bool {
	if end-p < len(t.words) {
		return false
	}
	last := len(t.words) - 1
	for i, tw := range t.words {
		w := d.word(p + i)
		if i == last && t.prefix {
			if len(w) < len(tw) || string(w[:len(tw)]) != tw {
				return false
			}
		} else if string(w) != tw {
			return false
		}
	}
	return true
}

// foldAccent maps the accented lower-case Latin letters that occur in UN
// titles (Côte d'Ivoire, Réunion, Curaçao, São Tomé) to their base letters.
func foldAccent(r rune) rune {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	}
	return r
}

// Issues lists the issue codes in canonical order.
func Issues() []string { return []string{"me", "nu", "di", "hr", "co", "ec"} }
