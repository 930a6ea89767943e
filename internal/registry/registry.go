// Package registry is the only place in blocwatch that knows what a state is.
//
// A state is an identity: one seat in the United Nations held by one
// continuous state, named by a three-letter code. Current states use their
// ISO 3166-1 alpha-3 code; former ones use ISO 3166-3 style codes (SUN for the
// USSR, YUG, SCG, CSK, DDR, YMD, EAZ), and TWN stands for the Republic of
// China, which held the Chinese seat until resolution 2758 (XXVI) of
// 25 October 1971. A renamed state keeps its identity: BURMA, ZAIRE and
// UPPER VOLTA are names of MMR, COD and BFA.
//
// The registry turns the members that voting sources write (a code and a name,
// typing errors included) into identities with [Registry.Resolve], turns what
// a user types into an identity with [Registry.Lookup], and knows groups of
// states with their membership over time ([Registry.Group], [ParseGroups]).
// Its table is embedded in the binary; docs/registry.md explains its rules.
//
// Dates are strings, YYYY-MM-DD, compared as strings. A span runs from its
// first day up to, but not including, its end: a state with Left "1991-12-24"
// was not a member on 24 December 1991.
package registry

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

//go:embed states.txt
var statesText string

//go:embed names.txt
var namesText string

//go:embed groups.txt
var groupsText string

// A State is one identity. The registry shares its States: callers must not
// modify them.
type State struct {
	Code     string // identity code, e.g. RUS, SUN, TWN
	Name     string // current or last English short name, as the UN writes it
	ISO2     string // ISO 3166-1 alpha-2, empty where none is used
	COW      int    // Correlates of War state number, 0 where none
	Former   bool   // the identity no longer holds a UN seat
	Observer bool   // a non-member observer State (Holy See, State of Palestine)

	// Admitted is the first day the identity held its seat, Left the first
	// day it no longer did (empty while it does). Both are empty for an
	// observer.
	Admitted, Left string

	Names []Name // every name it is known by, with the days of use

	Continues    string   // identity whose seat this one continues (RUS: SUN)
	AbsorbedInto string   // identity it merged into (DDR: DEU)
	Successors   []string // states formed from its territory when it ended
	Codes        []string // other codes sources write for it (SUN: RUS, RU)
}

// String returns the identity code.
func (s *State) String() string { return s.Code }

// MemberOn reports whether the identity held a UN seat on date.
func (s *State) MemberOn(date string) bool {
	return s.Admitted != "" && s.Admitted <= date && (s.Left == "" || date < s.Left)
}

// HasCode reports whether a source may write code for this state: its
// identity code, its ISO alpha-2 code or one of its other codes. Case is
// ignored.
func (s *State) HasCode(code string) bool {
	if strings.EqualFold(code, s.Code) || (s.ISO2 != "" && strings.EqualFold(code, s.ISO2)) {
		return true
	}
	for _, c := range s.Codes {
		if strings.EqualFold(code, c) {
			return true
		}
	}
	return false
}

// A NameKind tells where a name comes from.
type NameKind uint8

// The kinds of names.
const (
	Official    NameKind = iota // a name the UN used for the member
	Common                      // a common English name or abbreviation
	Source                      // a spelling a voting source uses
	Misspelling                 // a typing error found in a voting source
)

var kindNames = [...]string{"un", "alt", "src", "typo"}

func (k NameKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "NameKind(" + strconv.Itoa(int(k)) + ")"
}

// A Name is one name of a state. From and To bound its use (To is the first
// day it was no longer used); either may be empty, and either may be a bare
// year or year and month where the day is not known.
type Name struct {
	Name     string
	From, To string
	Kind     NameKind
}

// A Registry holds the states and groups. Its methods may be called from
// several goroutines at once.
type Registry struct {
	states []*State // sorted by code
	byCode map[string]*State
	byISO2 map[string]*State
	byCOW  map[int][]*State

	rules  map[string]*rule    // folded name -> what it means
	names  map[string][]nameOf // folded name -> states that have it
	folded []foldedName        // every name but misspellings, for suggestions

	// raw maps names exactly as a source writes them to their rules. It is
	// copied on write, so that Resolve reads it without a lock.
	raw   atomic.Pointer[map[string]*rule]
	rawMu sync.Mutex

	groups  []*Group // sorted by code
	byGroup map[string]*Group
}

// maxRaw bounds the cache of raw names.
const maxRaw = 1 << 14

type foldedName struct {
	state *State
	name  string // folded, with a space before and after
}

type nameOf struct {
	state *State
	kind  NameKind // the most official kind under which the state has the name
}

// A rule says which identity a name means: one, or one per period.
type rule struct {
	segs []segment // sorted by from; segs[0].from is ""
}

// A segment means state from its first day up to the next segment's.
type segment struct {
	from  string
	state *State
}

// Default returns the registry built from the embedded table. It is built
// once, on first use.
func Default() *Registry { return defaultRegistry() }

var defaultRegistry = sync.OnceValue(func() *Registry {
	r, err := load(statesText, namesText, groupsText)
	if err != nil {
		panic("registry: embedded table: " + err.Error())
	}
	return r
})

// State returns the state with identity code code (case ignored), or nil.
func (r *Registry) State(code string) *State {
	if s, ok := r.byCode[code]; ok {
		return s
	}
	return r.byCode[strings.ToUpper(strings.TrimSpace(code))]
}

// States returns every state, sorted by code.
func (r *Registry) States() []*State { return slices.Clone(r.states) }

// load builds a registry from the texts of states.txt, names.txt and
// groups.txt.
func load(statesTxt, namesTxt, groupsTxt string) (*Registry, error) {
	r := &Registry{
		byCode:  map[string]*State{},
		byISO2:  map[string]*State{},
		byCOW:   map[int][]*State{},
		rules:   map[string]*rule{},
		names:   map[string][]nameOf{},
		byGroup: map[string]*Group{},
	}
	if err := r.loadStates(statesTxt); err != nil {
		return nil, err
	}
	if err := r.loadNames(namesTxt); err != nil {
		return nil, err
	}
	if err := r.buildRules(); err != nil {
		return nil, err
	}
	groups, err := parseGroups(strings.NewReader(groupsTxt), "groups.txt", r)
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		r.byGroup[g.Code] = g
	}
	r.groups = groups
	slices.SortFunc(r.groups, func(a, b *Group) int { return strings.Compare(a.Code, b.Code) })
	return r, nil
}

// table splits a "|"-separated text into trimmed fields, skipping comments
// and blank lines, and calls f with each row and its line number.
func table(text, file string, columns int, f func(line int, fields []string) error) error {
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Split(line, "|")
		if len(fields) != columns {
			return fmt.Errorf("%s:%d: %d fields, want %d", file, i+1, len(fields), columns)
		}
		for j := range fields {
			fields[j] = strings.TrimSpace(fields[j])
		}
		if err := f(i+1, fields); err != nil {
			return fmt.Errorf("%s:%d: %v", file, i+1, err)
		}
	}
	return nil
}

func (r *Registry) loadStates(text string) error {
	err := table(text, "states.txt", 11, func(_ int, f []string) error {
		s := &State{
			Code:         f[0],
			ISO2:         f[1],
			Admitted:     f[4],
			Left:         f[5],
			Continues:    f[6],
			AbsorbedInto: f[7],
			Successors:   strings.Fields(f[8]),
			Codes:        strings.Fields(f[9]),
			Name:         f[10],
		}
		if !isCode(s.Code, 3) {
			return fmt.Errorf("bad code %q", s.Code)
		}
		if r.byCode[s.Code] != nil {
			return fmt.Errorf("duplicate code %s", s.Code)
		}
		if s.ISO2 != "" {
			if !isCode(s.ISO2, 2) {
				return fmt.Errorf("%s: bad alpha-2 code %q", s.Code, s.ISO2)
			}
			if o := r.byISO2[s.ISO2]; o != nil {
				return fmt.Errorf("%s: alpha-2 code %s is already %s's", s.Code, s.ISO2, o.Code)
			}
		}
		cow, err := strconv.Atoi(f[2])
		if err != nil || cow < 0 {
			return fmt.Errorf("%s: bad COW number %q", s.Code, f[2])
		}
		s.COW = cow
		switch f[3] {
		case "member":
			if s.Admitted == "" || s.Left != "" {
				return fmt.Errorf("%s: a member needs an admission date and no end", s.Code)
			}
		case "former":
			s.Former = true
			if s.Admitted == "" || s.Left == "" {
				return fmt.Errorf("%s: a former state needs an admission date and an end", s.Code)
			}
		case "observer":
			s.Observer = true
			if s.Admitted != "" || s.Left != "" {
				return fmt.Errorf("%s: an observer has no membership dates", s.Code)
			}
		default:
			return fmt.Errorf("%s: unknown status %q", s.Code, f[3])
		}
		for _, d := range []string{s.Admitted, s.Left} {
			if d != "" && !isFullDate(d) {
				return fmt.Errorf("%s: bad date %q", s.Code, d)
			}
		}
		if s.Name == "" {
			return fmt.Errorf("%s: no name", s.Code)
		}
		r.states = append(r.states, s)
		r.byCode[s.Code] = s
		if s.ISO2 != "" {
			r.byISO2[s.ISO2] = s
		}
		if s.COW != 0 {
			r.byCOW[s.COW] = append(r.byCOW[s.COW], s)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(r.states, func(a, b *State) int { return strings.Compare(a.Code, b.Code) })
	for _, s := range r.states {
		refs := append([]string{s.Continues, s.AbsorbedInto}, s.Successors...)
		for _, c := range refs {
			if c != "" && r.byCode[c] == nil {
				return fmt.Errorf("states.txt: %s refers to unknown state %s", s.Code, c)
			}
		}
	}
	return nil
}

func (r *Registry) loadNames(text string) error {
	err := table(text, "names.txt", 5, func(_ int, f []string) error {
		s := r.byCode[f[0]]
		if s == nil {
			return fmt.Errorf("unknown state %q", f[0])
		}
		n := Name{Name: f[1], From: f[2], To: f[3]}
		if Fold(n.Name) == "" {
			return fmt.Errorf("%s: empty name", s.Code)
		}
		for _, d := range []string{n.From, n.To} {
			if d != "" && !isDate(d) {
				return fmt.Errorf("%s %q: bad date %q", s.Code, n.Name, d)
			}
		}
		if n.From != "" && n.To != "" && n.From >= n.To {
			return fmt.Errorf("%s %q: span %s..%s is empty", s.Code, n.Name, n.From, n.To)
		}
		k := slices.Index(kindNames[:], f[4])
		if k < 0 {
			return fmt.Errorf("%s %q: unknown kind %q", s.Code, n.Name, f[4])
		}
		n.Kind = NameKind(k)
		s.Names = append(s.Names, n)
		return nil
	})
	if err != nil {
		return err
	}
	// The display name is an official name too, unless listed with dates.
	for _, s := range r.states {
		f := Fold(s.Name)
		if !slices.ContainsFunc(s.Names, func(n Name) bool { return Fold(n.Name) == f }) {
			s.Names = slices.Insert(s.Names, 0, Name{Name: s.Name, Kind: Official})
		}
	}
	return nil
}

// buildRules indexes every name by its folded form and decides what each
// means. A name shared by several identities must give each of them full,
// non-overlapping dates.
func (r *Registry) buildRules() error {
	type use struct {
		state    *State
		from, to string
	}
	uses := map[string][]use{}
	var order []string
	for _, s := range r.states {
		for _, n := range s.Names {
			f := Fold(n.Name)
			us := uses[f]
			if len(us) == 0 {
				order = append(order, f)
			}
			i := slices.IndexFunc(us, func(u use) bool { return u.state == s })
			if i < 0 {
				uses[f] = append(us, use{s, n.From, n.To})
			} else {
				u := &us[i]
				u.from = earlier(u.from, n.From)
				u.to = later(u.to, n.To)
			}
			if n.Kind != Misspelling {
				r.folded = append(r.folded, foldedName{s, " " + f + " "})
			}
			refs := r.names[f]
			if j := slices.IndexFunc(refs, func(o nameOf) bool { return o.state == s }); j < 0 {
				r.names[f] = append(refs, nameOf{s, n.Kind})
			} else if n.Kind < refs[j].kind {
				refs[j].kind = n.Kind
			}
		}
	}
	raw := map[string]*rule{}
	for _, f := range order {
		us := uses[f]
		ru := &rule{}
		if len(us) == 1 {
			ru.segs = []segment{{"", us[0].state}}
		} else {
			slices.SortFunc(us, func(a, b use) int { return strings.Compare(a.from, b.from) })
			for i, u := range us {
				if (u.from == "" && i > 0) || (u.from != "" && !isFullDate(u.from)) ||
					(u.to == "" && i < len(us)-1) || (u.to != "" && !isFullDate(u.to)) {
					return fmt.Errorf("names.txt: name %q is shared, so %s's use of it needs full dates (has %q..%q)", f, u.state.Code, u.from, u.to)
				}
				if i > 0 && us[i-1].to > u.from {
					return fmt.Errorf("names.txt: name %q: %s's use (from %s) overlaps %s's (to %s)", f, u.state.Code, u.from, us[i-1].state.Code, us[i-1].to)
				}
				from := u.from
				if i == 0 {
					from = ""
				}
				ru.segs = append(ru.segs, segment{from, u.state})
			}
		}
		r.rules[f] = ru
	}
	// Seed the raw cache with the names as listed and in capitals, the way
	// the UN Digital Library writes them.
	for _, s := range r.states {
		for _, n := range s.Names {
			ru := r.rules[Fold(n.Name)]
			raw[n.Name] = ru
			raw[strings.ToUpper(n.Name)] = ru
		}
	}
	r.raw.Store(&raw)
	return nil
}

// earlier returns the earlier of two starts, where empty means open.
func earlier(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	return min(a, b)
}

// later returns the later of two ends, where empty means open.
func later(a, b string) string {
	if a == "" || b == "" {
		return ""
	}
	return max(a, b)
}

func isCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// isDate reports whether d is YYYY, YYYY-MM or YYYY-MM-DD.
func isDate(d string) bool {
	switch len(d) {
	case 4, 7, 10:
	default:
		return false
	}
	for i := 0; i < len(d); i++ {
		c := d[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	if len(d) >= 7 && (d[5:7] < "01" || d[5:7] > "12") {
		return false
	}
	if len(d) == 10 && (d[8:10] < "01" || d[8:10] > "31") {
		return false
	}
	return true
}

func isFullDate(d string) bool { return len(d) == 10 && isDate(d) }
