package registry

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A LookupError reports a query that names no state, or more than one.
type LookupError struct {
	Query      string
	Candidates []*State // states the user may have meant, at most maxCandidates
	More       int      // further candidates left out
}

const maxCandidates = 8

func (e *LookupError) Error() string {
	var b strings.Builder
	if strings.TrimSpace(e.Query) == "" {
		return "no state given"
	}
	fmt.Fprintf(&b, "unknown state %q", e.Query)
	if len(e.Candidates) > 0 {
		b.WriteString(" (did you mean ")
		for i, s := range e.Candidates {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %s", s.Code, s.Name)
		}
		if e.More > 0 {
			fmt.Fprintf(&b, ", or %d more", e.More)
		}
		b.WriteString("?)")
	}
	return b.String()
}

// Lookup returns the state a user means by q: an identity code (USA, usa), an
// ISO alpha-2 code (US), a Correlates of War number (2) or any name the state
// is known by ("United States", "north korea", "Ivory Coast"), matched after
// [Fold].
//
// A COW number shared by a former state and a current one (365: SUN and RUS;
// 345: YUG, SCG and SRB) means the current one. A name shared by several
// identities means the one whose current name it is ("China" is CHN, not
// TWN), else the only one that is officially or commonly so called ("Russia"
// is RUS, though one source writes it for the USSR).
//
// Lookup does not guess: a query that matches nothing exactly is an error, a
// *LookupError listing the states whose names contain it.
func (r *Registry) Lookup(q string) (*State, error) {
	t := strings.TrimSpace(q)
	if t == "" {
		return nil, &LookupError{Query: q}
	}
	if n, err := strconv.Atoi(t); err == nil && t[0] != '+' && t[0] != '-' {
		var current []*State
		for _, s := range r.byCOW[n] {
			if !s.Former {
				current = append(current, s)
			}
		}
		switch {
		case len(r.byCOW[n]) == 1:
			return r.byCOW[n][0], nil
		case len(current) == 1:
			return current[0], nil
		}
		return nil, &LookupError{Query: q, Candidates: r.byCOW[n]}
	}
	up := strings.ToUpper(t)
	if s := r.byCode[up]; s != nil {
		return s, nil
	}
	if s := r.byISO2[up]; s != nil {
		return s, nil
	}
	f := Fold(t)
	if refs := r.names[f]; len(refs) > 0 {
		if len(refs) == 1 {
			return refs[0].state, nil
		}
		var named, called []*State
		for _, ref := range refs {
			if Fold(ref.state.Name) == f {
				named = append(named, ref.state)
			}
			if ref.kind <= Common {
				called = append(called, ref.state)
			}
		}
		if len(named) == 1 {
			return named[0], nil
		}
		if len(called) == 1 {
			return called[0], nil
		}
		states := make([]*State, len(refs))
		for i, ref := range refs {
			states[i] = ref.state
		}
		return nil, &LookupError{Query: q, Candidates: states}
	}
	return nil, r.candidates(q, f)
}

// candidates returns a LookupError listing the states with a name (other
// than a misspelling) that has a word starting with f, or that f contains
// word for word.
func (r *Registry) candidates(q, f string) *LookupError {
	e := &LookupError{Query: q}
	if f == "" {
		return e
	}
	pad := " " + f + " "
	var last *State
	for _, n := range r.folded {
		if n.state == last {
			continue
		}
		if strings.Contains(n.name, " "+f) || strings.Contains(pad, n.name) {
			last = n.state
			if len(e.Candidates) < maxCandidates {
				e.Candidates = append(e.Candidates, n.state)
			} else {
				e.More++
			}
		}
	}
	slices.SortStableFunc(e.Candidates, func(a, b *State) int {
		// Current states first.
		if a.Former != b.Former {
			if a.Former {
				return 1
			}
			return -1
		}
		return 0
	})
	return e
}
