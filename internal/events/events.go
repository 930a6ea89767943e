// Package events holds dated events that frame a vote series: summits,
// treaties, wars, tests, vetoes. A small starter list written for this
// project ships embedded, each event with a source link; users add their own
// from a CSV file (date,title,kind,states,source), and those are marked as
// user-added. Charts mark events, and `align --around` compares the months
// before and after one.
package events

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/registry"
)

// Event is one dated event.
type Event struct {
	Date      string   `json:"date"` // YYYY-MM-DD
	Title     string   `json:"title"`
	Kind      string   `json:"kind"`   // a lower-case word: summit, treaty, war, veto, ...
	States    []string `json:"states"` // ISO3 codes (or group codes) of the states involved
	Source    string   `json:"source"` // an http(s) link to a source for the event
	UserAdded bool     `json:"user_added"`
}

// Header is the header of an events file, in order.
var Header = []string{"date", "title", "kind", "states", "source"}

//go:embed starter.csv
var starterCSV []byte

// Starter returns the starter list shipped with blocwatch, oldest first.
func Starter() []Event {
	evs, err := Parse(bytes.NewReader(starterCSV), "starter.csv")
	if err != nil {
		panic("events: the embedded starter list is invalid: " + err.Error())
	}
	for i := range evs {
		evs[i].UserAdded = false
	}
	return evs
}

// ParseError reports a bad row of an events file: the file, the line and
// column (1-based) of the field at fault, and what is wrong with it.
type ParseError struct {
	File   string
	Line   int
	Column int // 1-based field number; 0 if the error is not about one field
	Field  string
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("%s:%d: column %d (%s): %v", e.File, e.Line, e.Column, e.Field, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

var kindRe = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)

// Parse reads an events file: a CSV file whose header names the columns
// date, title, kind, states and source (in any order, case ignored; other
// columns are refused). states lists codes separated by spaces, ";" or "|";
// each must be a state or group the registry knows. Every event it returns is
// marked user-added. The first bad row stops it with a *ParseError naming
// name, the line and the column.
func Parse(r io.Reader, name string) ([]Event, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{File: name, Line: 1, Err: errors.New("empty file: want the header " + strings.Join(Header, ","))}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, w := range Header {
			known = known || h == w
		}
		if !known {
			return nil, &ParseError{File: name, Line: 1, Column: i + 1, Field: h, Err: fmt.Errorf("unknown column %q (want %s)", h, strings.Join(Header, ","))}
		}
		if _, dup := col[h]; dup {
			return nil, &ParseError{File: name, Line: 1, Column: i + 1, Field: h, Err: fmt.Errorf("column %q appears twice", h)}
		}
		col[h] = i
	}
	for _, w := range Header {
		if _, ok := col[w]; !ok {
			return nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("no column %q (want %s)", w, strings.Join(Header, ","))}
		}
	}
	reg := registry.Default()
	var out []Event
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rec) != len(head) {
			return nil, &ParseError{File: name, Line: line, Err: fmt.Errorf("%d fields, want %d", len(rec), len(head))}
		}
		bad := func(field string, err error) error {
			l, _ := cr.FieldPos(col[field])
			return &ParseError{File: name, Line: l, Column: col[field] + 1, Field: field, Err: err}
		}
		ev := Event{UserAdded: true}
		ev.Date = strings.TrimSpace(rec[col["date"]])
		if _, err := time.Parse(time.DateOnly, ev.Date); err != nil {
			return nil, bad("date", fmt.Errorf("%q is not a date YYYY-MM-DD", ev.Date))
		}
		ev.Title = strings.Join(strings.Fields(rec[col["title"]]), " ")
		if ev.Title == "" {
			return nil, bad("title", errors.New("empty title"))
		}
		ev.Kind = strings.ToLower(strings.TrimSpace(rec[col["kind"]]))
		if !kindRe.MatchString(ev.Kind) {
			return nil, bad("kind", fmt.Errorf("%q: want one lower-case word such as summit, treaty, war, veto", ev.Kind))
		}
		for _, s := range strings.FieldsFunc(rec[col["states"]], func(r rune) bool { return r == ' ' || r == ';' || r == '|' || r == ',' }) {
			code := strings.ToUpper(s)
			if g, err := reg.Group(code); err == nil {
				ev.States = append(ev.States, g.Code)
				continue
			}
			st, err := reg.Lookup(code)
			if err != nil {
				return nil, bad("states", err)
			}
			ev.States = append(ev.States, st.Code)
		}
		ev.Source = strings.TrimSpace(rec[col["source"]])
		if u, err := url.Parse(ev.Source); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, bad("source", fmt.Errorf("%q is not an http(s) link", ev.Source))
		}
		out = append(out, ev)
	}
	Sort(out)
	return out, nil
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{File: name, Line: pe.Line, Column: pe.Column, Field: "csv", Err: pe.Err}
	}
	return &ParseError{File: name, Err: err}
}

// Sort sorts events by date, then title.
func Sort(evs []Event) {
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].Date != evs[j].Date {
			return evs[i].Date < evs[j].Date
		}
		return evs[i].Title < evs[j].Title
	})
}

// Merge returns the starter list and the user's events in one list, by
// date; a user's event with the date and title of a starter event replaces
// it.
func Merge(starter, user []Event) []Event {
	key := func(e Event) string { return e.Date + "\x00" + strings.ToLower(e.Title) }
	seen := map[string]bool{}
	for _, e := range user {
		seen[key(e)] = true
	}
	out := append([]Event(nil), user...)
	for _, e := range starter {
		if !seen[key(e)] {
			out = append(out, e)
		}
	}
	Sort(out)
	return out
}

// Between returns the events dated from..to (inclusive; empty is open).
func Between(evs []Event, from, to string) []Event {
	var out []Event
	for _, e := range evs {
		if (from == "" || e.Date >= from) && (to == "" || e.Date <= to) {
			out = append(out, e)
		}
	}
	return out
}

// Involving returns the events that involve any of the codes, or every
// event if codes is empty.
func Involving(evs []Event, codes ...string) []Event {
	if len(codes) == 0 {
		return evs
	}
	var out []Event
	for _, e := range evs {
		for _, s := range e.States {
			if contains(codes, s) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}

// ErrNotFound is returned by Find when no event matches.
var ErrNotFound = errors.New("no such event")

// Find resolves q to an event: a date YYYY-MM-DD (the event of that date, or
// a bare date if none is listed), or text found in one title (case
// ignored). Text in several titles is an error that lists them.
func Find(evs []Event, q string) (Event, error) {
	q = strings.TrimSpace(q)
	if _, err := time.Parse(time.DateOnly, q); err == nil {
		for _, e := range evs {
			if e.Date == q {
				return e, nil
			}
		}
		return Event{Date: q, Title: q}, nil
	}
	var hits []Event
	for _, e := range evs {
		if strings.Contains(strings.ToLower(e.Title), strings.ToLower(q)) {
			hits = append(hits, e)
		}
	}
	switch len(hits) {
	case 0:
		return Event{}, fmt.Errorf("%w: %q is neither a date YYYY-MM-DD nor in a title of `blocwatch events`", ErrNotFound, q)
	case 1:
		return hits[0], nil
	}
	var names []string
	for _, e := range hits {
		names = append(names, e.Date+" "+e.Title)
	}
	return Event{}, fmt.Errorf("%q matches %d events: %s", q, len(hits), strings.Join(names, "; "))
}
