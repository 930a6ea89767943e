package registry

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// A Group is a set of states whose membership changes over time: the
// permanent members of the Security Council, the European Union, a group a
// user defines.
type Group struct {
	Code        string // upper case, e.g. P5, KOREA-WEST
	Name        string
	Description string
	Members     []Membership
}

// A Membership is one span during which a state belonged to a group. From is
// its first day and To the first day it no longer belonged (YYYY-MM-DD);
// either may be empty, meaning open.
type Membership struct {
	State    string // identity code
	From, To string
}

// On reports whether the membership holds on date.
func (m Membership) On(date string) bool {
	return (m.From == "" || m.From <= date) && (m.To == "" || date < m.To)
}

// MembersOn returns the identity codes of the group's members on date, in
// the order the group lists them. An empty date gives every state that was
// ever a member.
func (g *Group) MembersOn(date string) []string {
	var codes []string
	for _, m := range g.Members {
		if (date == "" || m.On(date)) && !slices.Contains(codes, m.State) {
			codes = append(codes, m.State)
		}
	}
	return codes
}

// Has reports whether state (an identity code, case ignored) belonged to the
// group on date. An empty date asks whether it ever did.
func (g *Group) Has(state, date string) bool {
	for _, m := range g.Members {
		if strings.EqualFold(m.State, state) && (date == "" || m.On(date)) {
			return true
		}
	}
	return false
}

// Group returns the built-in group with the given code, case ignored.
func (r *Registry) Group(code string) (*Group, error) {
	if g := r.byGroup[strings.ToUpper(strings.TrimSpace(code))]; g != nil {
		return g, nil
	}
	codes := make([]string, len(r.groups))
	for i, g := range r.groups {
		codes[i] = g.Code
	}
	return nil, fmt.Errorf("unknown group %q (known: %s)", code, strings.Join(codes, ", "))
}

// Groups returns the built-in groups, sorted by code.
func (r *Registry) Groups() []*Group { return slices.Clone(r.groups) }

// ParseGroups reads groups that a user defines in a plain text file; name is
// the file's name for error messages. Members are resolved with reg.Lookup
// (the default registry if reg is nil). The format, described with an
// example in docs/registry.md:
//
//	# A comment runs from "#" to the end of the line.
//	group QUAD The Quad
//	description Quadrilateral Security Dialogue.
//	USA JPN IND AUS
//	United Kingdom, France from 2001-01-01 to 2010-01-01
//
// A "group CODE Name" line starts a group; its code is letters, digits, "-"
// and "_", and case does not matter. An optional "description" line follows.
// Every other line lists members: separated by commas, or by spaces if each
// of them is a three-letter identity code. A member is anything Lookup
// accepts. The list may be followed by "from DATE" (first day of membership)
// and "to DATE" (first day no longer a member), which apply to every member on
// the line. Errors name the file and line.
func ParseGroups(rd io.Reader, name string, reg *Registry) ([]*Group, error) {
	if reg == nil {
		reg = Default()
	}
	return parseGroups(rd, name, reg)
}

func parseGroups(rd io.Reader, file string, reg *Registry) ([]*Group, error) {
	var (
		groups  []*Group
		g       *Group
		defined = map[string]int{}   // group code -> line
		lines   = map[*Group][]int{} // line of each membership
		lineNo  int
	)
	errorf := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", file, lineNo, fmt.Sprintf(format, args...))
	}
	finish := func() error {
		if g != nil && len(g.Members) == 0 {
			return fmt.Errorf("%s:%d: group %s has no members", file, defined[g.Code], g.Code)
		}
		return nil
	}
	sc := bufio.NewScanner(rd)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		words := strings.Fields(line)
		if len(words) == 0 {
			continue
		}
		switch strings.ToLower(words[0]) {
		case "group":
			if err := finish(); err != nil {
				return nil, err
			}
			if len(words) < 2 {
				return nil, errorf("group line without a code")
			}
			code := strings.ToUpper(words[1])
			if !isGroupCode(code) {
				return nil, errorf("bad group code %q (want letters, digits, - and _)", words[1])
			}
			if l, ok := defined[code]; ok {
				return nil, errorf("group %s defined twice (first on line %d)", code, l)
			}
			defined[code] = lineNo
			title := strings.Join(words[2:], " ")
			if len(title) >= 2 && title[0] == '"' && title[len(title)-1] == '"' {
				title = strings.TrimSpace(title[1 : len(title)-1])
			}
			if title == "" {
				title = code
			}
			g = &Group{Code: code, Name: title}
			groups = append(groups, g)
		case "description":
			if g == nil {
				return nil, errorf("description before any group line")
			}
			text := strings.Join(words[1:], " ")
			if g.Description != "" {
				text = g.Description + " " + text
			}
			g.Description = text
		default:
			if g == nil {
				return nil, errorf("members before any group line")
			}
			ms, err := parseMembers(words, reg)
			if err != nil {
				return nil, errorf("%v", err)
			}
			for _, m := range ms {
				for i, o := range g.Members {
					if o.State == m.State && overlap(o, m) {
						return nil, errorf("%s is already a member of %s then (line %d)", m.State, g.Code, lines[g][i])
					}
				}
				g.Members = append(g.Members, m)
				lines[g] = append(lines[g], lineNo)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %v", file, lineNo+1, err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return groups, nil
}

// parseMembers reads a member line: states, then optional "from" and "to"
// dates.
func parseMembers(words []string, reg *Registry) ([]Membership, error) {
	k := slices.IndexFunc(words, isDateKeyword)
	if k < 0 {
		k = len(words)
	}
	if k == 0 {
		return nil, fmt.Errorf("no states before %q", words[0])
	}
	var from, to string
	rest := words[k:]
	for len(rest) > 0 {
		kw := strings.ToLower(rest[0])
		if !isDateKeyword(kw) {
			return nil, fmt.Errorf("unexpected %q after the dates", rest[0])
		}
		if len(rest) < 2 {
			return nil, fmt.Errorf("%q without a date", rest[0])
		}
		d := rest[1]
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return nil, fmt.Errorf("bad date %q (want YYYY-MM-DD)", d)
		}
		p := &to
		if kw == "from" {
			p = &from
		}
		if *p != "" {
			return nil, fmt.Errorf("two %q dates", kw)
		}
		*p = d
		rest = rest[2:]
	}
	if from != "" && to != "" && from >= to {
		return nil, fmt.Errorf("from %s is not before to %s", from, to)
	}

	list := strings.Join(words[:k], " ")
	var items []string
	switch {
	case strings.Contains(list, ","):
		for _, it := range strings.Split(list, ",") {
			it = strings.TrimSpace(it)
			if it == "" {
				return nil, fmt.Errorf("empty member in %q", list)
			}
			items = append(items, it)
		}
	case k > 1 && allCodes(words[:k], reg):
		items = words[:k]
	default:
		items = []string{list}
	}
	var ms []Membership
	for _, it := range items {
		s, err := reg.Lookup(it)
		if err != nil {
			if len(items) == 1 && k > 1 && reg.State(words[0]) != nil {
				return nil, fmt.Errorf("%v; separate several states with commas, or write them all as codes", err)
			}
			return nil, err
		}
		m := Membership{State: s.Code, From: from, To: to}
		for _, o := range ms {
			if o.State == m.State {
				return nil, fmt.Errorf("%s listed twice", m.State)
			}
		}
		ms = append(ms, m)
	}
	return ms, nil
}

func isDateKeyword(w string) bool {
	return strings.EqualFold(w, "from") || strings.EqualFold(w, "to")
}

func allCodes(words []string, reg *Registry) bool {
	for _, w := range words {
		if len(w) != 3 || reg.State(w) == nil {
			return false
		}
	}
	return true
}

func overlap(a, b Membership) bool {
	return (a.To == "" || b.From == "" || b.From < a.To) && (b.To == "" || a.From == "" || a.From < b.To)
}

func isGroupCode(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
