package registry

import (
	"fmt"
	"strings"
)

// An UnknownError reports a member that a source writes but that cannot be
// resolved to one state: its name is not known, its code contradicts its
// name, or its date does not decide which state a shared name means.
type UnknownError struct {
	Code, Name, Date string // as the source writes them
	Reason           string // empty when the name is not known at all
}

func (e *UnknownError) Error() string {
	var b strings.Builder
	if e.Reason == "" {
		fmt.Fprintf(&b, "unknown state %q", e.Name)
		if e.Code != "" {
			fmt.Fprintf(&b, " (code %q)", e.Code)
		}
		return b.String()
	}
	fmt.Fprintf(&b, "state %q", e.Name)
	if e.Code != "" {
		fmt.Fprintf(&b, " with code %q", e.Code)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}

// Resolve returns the state that a source means by a member it writes as
// code and name on date (YYYY-MM-DD).
//
// The name decides; case, accents, punctuation and spacing do not matter
// (see [Fold]). The date decides between the identities that share a name:
// "CHINA" is TWN before 25 October 1971 and CHN from that day, "RUSSIA" is SUN
// before 24 December 1991 and RUS from then, "YUGOSLAVIA" is YUG before
// 1 November 2000, SCG until 3 June 2006 and SRB after. For any other name the
// date is not looked at. The code, which may be empty, must be one the state
// goes by ([State.HasCode]).
//
// Resolve never guesses: an unknown name is an error even if the code is
// known, and so is a code that contradicts the name. The error is an
// *UnknownError.
//
// Resolve is meant for the hot path of an ingest: once a raw name has been
// seen it does not allocate.
func (r *Registry) Resolve(code, name, date string) (*State, error) {
	ru := r.rule(name)
	if ru == nil {
		return nil, &UnknownError{Code: code, Name: name, Date: date}
	}
	s := ru.at(date)
	if s == nil {
		return nil, &UnknownError{Code: code, Name: name, Date: date, Reason: ru.undecided(date)}
	}
	if code != "" && !s.HasCode(strings.TrimSpace(code)) {
		return nil, &UnknownError{Code: code, Name: name, Date: date,
			Reason: fmt.Sprintf("the name is %s (%s), which does not go by that code", s.Code, s.Name)}
	}
	return s, nil
}

// rule returns what name means, or nil if it is not a known name.
func (r *Registry) rule(name string) *rule {
	if ru, ok := (*r.raw.Load())[name]; ok {
		return ru
	}
	ru := r.rules[Fold(name)]
	if ru != nil {
		r.remember(name, ru)
	}
	return ru
}

// remember adds a raw name to the cache, copying it.
func (r *Registry) remember(name string, ru *rule) {
	r.rawMu.Lock()
	defer r.rawMu.Unlock()
	old := *r.raw.Load()
	if _, ok := old[name]; ok || len(old) >= maxRaw {
		return
	}
	m := make(map[string]*rule, len(old)+1)
	for k, v := range old {
		m[k] = v
	}
	m[name] = ru
	r.raw.Store(&m)
}

// at returns the state the rule means on date, or nil if the date does not
// decide: it is malformed, or too coarse (a bare year) to place it on either
// side of a change.
func (ru *rule) at(date string) *State {
	if len(ru.segs) == 1 {
		return ru.segs[0].state
	}
	if !isDate(date) {
		return nil
	}
	for i := len(ru.segs) - 1; i > 0; i-- {
		from := ru.segs[i].from
		if date >= from {
			return ru.segs[i].state
		}
		if strings.HasPrefix(from, date) {
			return nil
		}
	}
	return ru.segs[0].state
}

func (ru *rule) undecided(date string) string {
	var b strings.Builder
	if isDate(date) {
		fmt.Fprintf(&b, "the date %q does not decide between ", date)
	} else {
		fmt.Fprintf(&b, "the name needs a date (YYYY-MM-DD), have %q, to decide between ", date)
	}
	for i, sg := range ru.segs {
		if i > 0 {
			fmt.Fprintf(&b, " and %s (from %s)", sg.state.Code, sg.from)
		} else {
			b.WriteString(sg.state.Code)
		}
	}
	return b.String()
}
