package source

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
)

// NamedReader is an input with the file name used in messages.
type NamedReader struct {
	Name string
	R    io.Reader
}

// Group is one roll call with its member rows.
type Group struct {
	RollCall record.RollCall
	Casts    []record.Cast
}

// unvotesIssues are the issue codes of the unvotes layout.
var unvotesIssues = map[string]string{"me": "me", "nu": "nu", "di": "di", "hr": "hr", "co": "co", "ec": "ec"}

// ReadUnvotes reads the researchers' "unvotes" layout of Voeten's General
// Assembly data: votes.csv (rcid, country, country_code, vote),
// roll_calls.csv (rcid, session, importantvote, date, unres, amend, para,
// short, descr) and, if issues.R is not nil, roll_call_issues.csv (rcid,
// short_name). It returns one group per roll call, in rcid order, casts in
// file order.
//
// Mapping: rcid → SourceID, unres → Resolution as written (may be empty),
// descr → Title (short where descr is empty), short → Agenda, importantvote,
// amend and para "1" → Important, Amendment, Paragraph ("" and "0" are
// false), short_name → Issues; Body is GA. Votes yes, no, abstain are Y, N, A;
// the layout does not list absences and none are invented. country_code
// (ISO 3166-1 alpha-2, empty for a few former states) and country are passed
// through as written.
//
// Problems: a vote for an rcid missing from roll_calls (reported once per
// rcid, with the count), an unknown vote word, a duplicate (rcid, country
// code, country) row (the first is kept), a bad rcid or date in roll_calls
// (the roll call and its votes are kept out).
func ReadUnvotes(votes, rollCalls, issues NamedReader) ([]Group, []Problem, error) {
	if votes.R == nil || rollCalls.R == nil {
		return nil, nil, fmt.Errorf("unvotes: the votes and roll_calls files are both needed")
	}
	u := &unvotes{index: make(map[string]int, 1024), strs: make(map[string]string, 512)}
	if err := u.readRollCalls(rollCalls); err != nil {
		return nil, nil, err
	}
	if issues.R != nil {
		if err := u.readIssues(issues); err != nil {
			return nil, nil, err
		}
	}
	if err := u.readVotes(votes); err != nil {
		return nil, nil, err
	}
	u.dedupe(votes.Name)
	slices.SortStableFunc(u.voteProblems, func(a, b Problem) int { return cmp.Compare(a.Line, b.Line) })
	problems := slices.Concat(u.rcProblems, u.issueProblems, u.voteProblems)
	slices.SortStableFunc(u.groups, func(a, b Group) int { return cmp.Compare(a.rcid(), b.rcid()) })
	return u.groups, problems, nil
}

func (g *Group) rcid() int {
	n, _ := strconv.Atoi(g.RollCall.SourceID)
	return n
}

type unvotes struct {
	groups                                  []Group
	index                                   map[string]int // rcid → groups index
	skipped                                 map[string]int // rcid → line in roll_calls of a roll call kept out
	rcName                                  string
	rcProblems, issueProblems, voteProblems []Problem
	strs                                    map[string]string
}

// openLayout reads the header of one file of the layout.
func openLayout(nr NamedReader, want Layout) (*rowReader, map[string]int, error) {
	rr, header, err := newRowReader(nr.R, nr.Name)
	if err != nil {
		return nil, nil, err
	}
	l, err := Detect(header)
	if err != nil {
		return nil, nil, fmt.Errorf("%s:1: %w", nr.Name, err)
	}
	if l != want {
		return nil, nil, fmt.Errorf("%s:1: header is of layout %s, want %s", nr.Name, l, want)
	}
	idx, _ := columns(header)
	return rr, idx, nil
}

// flag reads a 0/1 column: "" and "0" are false, "1" true.
func flag(s string) (bool, bool) {
	switch s {
	case "", "0":
		return false, true
	case "1":
		return true, true
	}
	return false, false
}

func (u *unvotes) readRollCalls(nr NamedReader) error {
	rr, idx, err := openLayout(nr, LayoutUnvotesRollCalls)
	if err != nil {
		return err
	}
	u.rcName = nr.Name
	lines := make(map[string]int, 1024)
	problem := func(format string, args ...any) {
		u.rcProblems = append(u.rcProblems, Problem{nr.Name, rr.line, fmt.Sprintf(format, args...), ""})
	}
	for {
		rec, err := rr.read()
		if err == io.EOF {
			return nil
		}
		if p, ok := err.(*Problem); ok {
			u.rcProblems = append(u.rcProblems, *p)
			continue
		}
		if err != nil {
			return err
		}
		id := strings.TrimSpace(rec[idx["rcid"]])
		if _, err := strconv.Atoi(id); err != nil {
			problem("bad rcid %q; roll call kept out", id)
			continue
		}
		if l, ok := lines[id]; ok {
			problem("duplicate roll call rcid %s (also line %d); first kept", id, l)
			continue
		}
		lines[id] = rr.line
		rc := record.RollCall{
			Body:       record.GA,
			SourceID:   id,
			Date:       strings.TrimSpace(rec[idx["date"]]),
			Resolution: strings.TrimSpace(rec[idx["unres"]]),
			Agenda:     strings.TrimSpace(rec[idx["short"]]),
			Title:      strings.TrimSpace(rec[idx["descr"]]),
		}
		if rc.Title == "" {
			rc.Title = rc.Agenda
		}
		if !validDate(rc.Date) {
			problem("bad date %q (want YYYY-MM-DD) in roll call rcid %s; roll call and its votes kept out", rc.Date, id)
			if u.skipped == nil {
				u.skipped = make(map[string]int)
			}
			u.skipped[id] = rr.line
			continue
		}
		if s := strings.TrimSpace(rec[idx["session"]]); s != "" {
			n, ok := parseCount(s)
			if !ok {
				problem("unparsable session %q in roll call rcid %s; session left 0", s, id)
			}
			rc.Session = n
		}
		for _, f := range []struct {
			col string
			dst *bool
		}{{"importantvote", &rc.Important}, {"amend", &rc.Amendment}, {"para", &rc.Paragraph}} {
			s := strings.TrimSpace(rec[idx[f.col]])
			v, ok := flag(s)
			if !ok {
				problem("unreadable %s %q (want 0, 1 or empty) in roll call rcid %s; taken as 0", f.col, s, id)
			}
			*f.dst = v
		}
		u.index[id] = len(u.groups)
		u.groups = append(u.groups, Group{RollCall: rc})
	}
}

// lookup finds the group of an rcid as written ("12" or " 012").
func (u *unvotes) lookup(id string) (int, bool) {
	if i, ok := u.index[id]; ok {
		return i, true
	}
	if n, err := strconv.Atoi(strings.TrimSpace(id)); err == nil {
		i, ok := u.index[strconv.Itoa(n)]
		return i, ok
	}
	return 0, false
}

func (u *unvotes) readIssues(nr NamedReader) error {
	rr, idx, err := openLayout(nr, LayoutUnvotesIssues)
	if err != nil {
		return err
	}
	problem := func(format string, args ...any) {
		u.issueProblems = append(u.issueProblems, Problem{nr.Name, rr.line, fmt.Sprintf(format, args...), ""})
	}
	for {
		rec, err := rr.read()
		if err == io.EOF {
			return nil
		}
		if p, ok := err.(*Problem); ok {
			u.issueProblems = append(u.issueProblems, *p)
			continue
		}
		if err != nil {
			return err
		}
		id := strings.TrimSpace(rec[idx["rcid"]])
		raw := strings.TrimSpace(rec[idx["short_name"]])
		code, known := unvotesIssues[strings.ToLower(raw)]
		i, ok := u.lookup(id)
		switch {
		case !ok:
			problem("issue %q for rcid %q, which is not a roll call of %s; row kept out", raw, id, u.rcName)
		case !known:
			problem("unknown issue code %q for rcid %s (want me, nu, di, hr, co or ec); row kept out", raw, id)
		case slices.Contains(u.groups[i].RollCall.Issues, code):
			problem("duplicate issue %s for rcid %s; row kept out", code, id)
		default:
			u.groups[i].RollCall.Issues = append(u.groups[i].RollCall.Issues, code)
		}
	}
}

// unvotesVote reads a vote word of the layout.
func unvotesVote(s string) (record.Vote, bool) {
	switch s {
	case "yes":
		return record.Yes, true
	case "no":
		return record.No, true
	case "abstain":
		return record.Abstain, true
	}
	v, err := record.ParseVote(s)
	return v, err == nil
}

type missing struct {
	line, rows int
	skipped    bool
}

func (u *unvotes) readVotes(nr NamedReader) error {
	rr, idx, err := openLayout(nr, LayoutUnvotesVotes)
	if err != nil {
		return err
	}
	cRcid, cName, cCode, cVote := idx["rcid"], idx["country"], idx["country_code"], idx["vote"]
	miss := map[string]*missing{}
	var missOrder []string
	for {
		rec, err := rr.read()
		if err == io.EOF {
			break
		}
		if p, ok := err.(*Problem); ok {
			u.voteProblems = append(u.voteProblems, *p)
			continue
		}
		if err != nil {
			return err
		}
		id := rec[cRcid]
		i, ok := u.lookup(id)
		if !ok {
			id = strings.TrimSpace(id)
			m := miss[id]
			if m == nil {
				_, skipped := u.skipped[id]
				m = &missing{line: rr.line, skipped: skipped}
				miss[strings.Clone(id)] = m
				missOrder = append(missOrder, strings.Clone(id))
			}
			m.rows++
			continue
		}
		code := u.intern(strings.TrimSpace(rec[cCode]))
		name := u.intern(strings.TrimSpace(rec[cName]))
		v, ok := unvotesVote(strings.TrimSpace(rec[cVote]))
		if !ok {
			u.voteProblems = append(u.voteProblems, Problem{nr.Name, rr.line,
				fmt.Sprintf("unknown vote %q for %s in roll call rcid %s; row kept out", Clip(rec[cVote]), memberLabel(code, name), u.groups[i].RollCall.SourceID), ""})
			continue
		}
		u.groups[i].Casts = append(u.groups[i].Casts, record.Cast{Code: code, Name: name, Vote: v, Line: rr.line})
	}
	for _, id := range missOrder {
		m := miss[id]
		msg := fmt.Sprintf("rcid %q is not a roll call of %s; %d vote rows for it kept out", id, u.rcName, m.rows)
		if m.skipped {
			msg = fmt.Sprintf("roll call rcid %s was kept out (%s:%d); its %d vote rows kept out", id, u.rcName, u.skipped[id], m.rows)
		}
		u.voteProblems = append(u.voteProblems, Problem{nr.Name, m.line, msg, ""})
	}
	return nil
}

// dedupe keeps the first of the rows a member has in one roll call.
func (u *unvotes) dedupe(name string) {
	seen := make(map[memberKey]int, 256)
	for gi := range u.groups {
		g := &u.groups[gi]
		clear(seen)
		out := g.Casts[:0]
		for _, c := range g.Casts {
			k := memberKey{c.Code, c.Name}
			if j, dup := seen[k]; dup {
				prev := out[j]
				msg := fmt.Sprintf("duplicate row for %s (also line %d) in roll call rcid %s; first kept", memberLabel(c.Code, c.Name), prev.Line, g.RollCall.SourceID)
				if prev.Vote != c.Vote {
					msg = fmt.Sprintf("conflicting duplicate row for %s in roll call rcid %s: %s at line %d, %s at line %d; first kept",
						memberLabel(c.Code, c.Name), g.RollCall.SourceID, prev.Vote, prev.Line, c.Vote, c.Line)
				}
				u.voteProblems = append(u.voteProblems, Problem{name, c.Line, msg, ""})
				continue
			}
			seen[k] = len(out)
			out = append(out, c)
		}
		g.Casts = slices.Clip(out)
	}
}

func (u *unvotes) intern(s string) string {
	if v, ok := u.strs[s]; ok {
		return v
	}
	v := strings.Clone(s)
	u.strs[v] = v
	return v
}
