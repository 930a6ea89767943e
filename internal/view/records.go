// Package view turns results into the tables and documents that the command
// line and the HTTP API write, so both show the same columns in the same
// order.
package view

import (
	"strings"

	"fmt"
	"github.com/blocwatch/blocwatch/internal/registry"

	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/store"
)

// RollCall is one roll call with every member's vote.
type RollCall struct{ *store.RollCall }

// MarshalJSON writes the stored roll call as it is.
func (v RollCall) MarshalJSON() ([]byte, error) { return jsonOf(v.RollCall) }

// Rows lists the members' votes under a heading with the tally.
func (v RollCall) Rows() *format.Rows {
	rc := v.RollCall
	r := &format.Rows{Columns: []string{"state", "name", "vote"}}
	sym := rc.Symbol
	if sym == "" {
		sym = "(no symbol)"
	}
	r.Heading = append(r.Heading, fmt.Sprintf("%s  %s  %s", sym, rc.Date, rc.Body), rc.Title)
	tally := fmt.Sprintf("Tally: %d yes, %d no, %d abstaining, %d not voting", rc.Tally.Yes, rc.Tally.No, rc.Tally.Abstain, rc.Tally.NonVoting)
	if rc.Official != nil && rc.TallyMismatch {
		tally += fmt.Sprintf(" (official count %d-%d-%d differs from the member rows)", rc.Official.Yes, rc.Official.No, rc.Official.Abstain)
	}
	r.Heading = append(r.Heading, tally)
	if rc.Outcome != "" {
		o := "Outcome: " + string(rc.Outcome)
		if len(rc.VetoedBy) > 0 {
			o += " by " + strings.Join(rc.VetoedBy, ", ")
		}
		for _, v := range rc.Vetoes {
			o += fmt.Sprintf(" (veto list: %s:%d", v.File, v.Line)
			if v.UserAdded {
				o += ", user-added " + v.Source
			}
			o += ")"
		}
		r.Heading = append(r.Heading, o)
	}
	r.Heading = append(r.Heading, issuesLine(rc.Issues, rc.IssuesOrigin))
	r.Footer = append(r.Footer, linkLines(rc.Links)...)
	for _, m := range rc.Votes {
		r.Data = append(r.Data, []any{m.State, m.Name, m.Code})
	}
	return r
}

// linkLines lists a roll call's links, one a line, for a table's footer.
func linkLines(l record.Links) []string {
	var out []string
	for _, x := range []struct{ name, url string }{
		{"Voting record", l.Record}, {"Document", l.Document}, {"Draft", l.Draft}, {"Meeting record", l.Meeting},
	} {
		if x.url != "" {
			out = append(out, x.name+": "+x.url)
		}
	}
	return out
}

// RollCalls is a list of roll calls, with one state's vote when State is set.
type RollCalls struct {
	State string
	List  []store.StateVote
}

// MarshalJSON writes the list.
func (v RollCalls) MarshalJSON() ([]byte, error) {
	if v.List == nil {
		return []byte("[]"), nil
	}
	return jsonOf(v.List)
}

// Rows lists one roll call a row.
func (v RollCalls) Rows() *format.Rows {
	cols := []string{"date", "body", "resolution"}
	if v.State != "" {
		cols = append(cols, "vote")
	}
	cols = append(cols, "yes", "no", "abstain", "outcome", "issues", "issues_origin", "title", "link")
	r := &format.Rows{Columns: cols}
	for _, x := range v.List {
		row := []any{x.Date, string(x.Body), x.Symbol}
		if v.State != "" {
			row = append(row, x.Vote)
		}
		row = append(row, x.Tally.Yes, x.Tally.No, x.Tally.Abstain, string(x.Outcome), Codes(x.Issues), x.IssuesOrigin, x.Title, x.Links.Best())
		r.Data = append(r.Data, row)
	}
	return r
}

// Check is the store's data check.
type Check struct{ *store.Check }

// MarshalJSON writes the check as it is.
func (v Check) MarshalJSON() ([]byte, error) { return jsonOf(v.Check) }

// Rows lists the roll calls whose official totals disagree with their rows,
// under a summary of sources, problems and disagreements.
func (v Check) Rows() *format.Rows {
	c := v.Check
	r := &format.Rows{Columns: []string{"date", "body", "resolution", "official", "rows", "id"}}
	r.Heading = append(r.Heading, fmt.Sprintf("%d roll calls, %d member votes, %d vetoes from %d sources:", c.RollCalls, c.Votes, c.Vetoes, len(c.Sources)))
	for _, s := range c.Sources {
		r.Heading = append(r.Heading, fmt.Sprintf("  #%d %s (%s, %d rows, ingested %s)", s.ID, s.Name, s.Layout, s.Rows, s.IngestedAt))
	}
	r.Heading = append(r.Heading,
		fmt.Sprintf("%d roll calls held by both the UN Digital Library and the unvotes layout", c.CrossMatched),
		fmt.Sprintf("%d member votes on which sources disagree (list them: --disagreements)", c.DisagreeCount))
	for k, n := range c.DisagreeByVote {
		r.Heading = append(r.Heading, fmt.Sprintf("  kept/other %s: %d", k, n))
	}
	r.Heading = append(r.Heading, fmt.Sprintf("%d row problems (%d rows naming no known state), kept out of analysis", len(c.Problems), c.UnknownStateRows))
	for i, p := range c.Problems {
		if i == 50 {
			r.Heading = append(r.Heading, fmt.Sprintf("  ... and %d more (--format json lists all)", len(c.Problems)-50))
			break
		}
		r.Heading = append(r.Heading, fmt.Sprintf("  %s:%d: %s", p.Source, p.Line, p.Message))
	}
	for i, d := range c.Disagreements {
		if i == 0 {
			r.Heading = append(r.Heading, "disagreements (kept value, other value):")
		}
		r.Heading = append(r.Heading, fmt.Sprintf("  %s %s %s: %s (%s:%d) vs %s (%s:%d)", d.Date, d.Resolution, d.State, d.Kept, d.KeptSource, d.KeptLine, d.Other, d.OtherSource, d.OtherLine))
	}
	r.Heading = append(r.Heading, fmt.Sprintf("%d roll calls whose official totals (yes-no-abstain) differ from their member rows:", len(c.Mismatches)))
	for _, m := range c.Mismatches {
		r.Data = append(r.Data, []any{m.Date, string(m.Body), m.Resolution, m.Official.String(), m.Counted.String(), m.ID})
	}
	return r
}

// States is the registry's list of states.
type States []*registry.State

// Rows lists one state a row, with its names over time.
func (v States) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"code", "name", "iso2", "cow", "admitted", "left", "continues", "absorbed_into", "names"}}
	for _, s := range v {
		var names []string
		for _, n := range s.Names {
			span := ""
			if n.From != "" || n.To != "" {
				span = " (" + n.From + ".." + n.To + ")"
			}
			names = append(names, n.Name+span)
		}
		cow := any(nil)
		if s.COW != 0 {
			cow = s.COW
		}
		r.Data = append(r.Data, []any{s.Code, s.Name, s.ISO2, cow, s.Admitted, s.Left, s.Continues, s.AbsorbedInto, strings.Join(names, "; ")})
	}
	return r
}

type stateJSON struct {
	Code         string     `json:"code"`
	Name         string     `json:"name"`
	ISO2         string     `json:"iso2,omitempty"`
	COW          int        `json:"cow,omitempty"`
	Former       bool       `json:"former,omitempty"`
	Observer     bool       `json:"observer,omitempty"`
	Admitted     string     `json:"admitted,omitempty"`
	Left         string     `json:"left,omitempty"`
	Continues    string     `json:"continues,omitempty"`
	AbsorbedInto string     `json:"absorbed_into,omitempty"`
	Successors   []string   `json:"successors,omitempty"`
	Names        []nameJSON `json:"names"`
}

type nameJSON struct {
	Name string `json:"name"`
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	Kind string `json:"kind"`
}

// MarshalJSON writes the states with lower-case field names, as every other
// result.
func (v States) MarshalJSON() ([]byte, error) {
	out := make([]stateJSON, 0, len(v))
	for _, s := range v {
		j := stateJSON{Code: s.Code, Name: s.Name, ISO2: s.ISO2, COW: s.COW, Former: s.Former, Observer: s.Observer,
			Admitted: s.Admitted, Left: s.Left, Continues: s.Continues, AbsorbedInto: s.AbsorbedInto, Successors: s.Successors}
		for _, n := range s.Names {
			j.Names = append(j.Names, nameJSON{Name: n.Name, From: n.From, To: n.To, Kind: n.Kind.String()})
		}
		out = append(out, j)
	}
	return jsonOf(out)
}

// Duplicates lists the votes held as several records and the near-duplicates.
type Duplicates struct {
	Groups []store.DuplicateGroup
	Near   []store.NearDuplicate
}

// MarshalJSON writes {"merged": [...], "near_duplicates": [...]}.
func (v Duplicates) MarshalJSON() ([]byte, error) {
	g, n := v.Groups, v.Near
	if g == nil {
		g = []store.DuplicateGroup{}
	}
	if n == nil {
		n = []store.NearDuplicate{}
	}
	return jsonOf(struct {
		Merged []store.DuplicateGroup `json:"merged"`
		Near   []store.NearDuplicate  `json:"near_duplicates"`
	}{g, n})
}

// Rows lists one record a row: the canonical record of each merge, then the
// records merged into it, then the near-duplicates.
func (v Duplicates) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"kind", "date", "body", "id", "symbol", "counted_as_id", "counted_as", "members_differ"}}
	recs := 0
	for _, g := range v.Groups {
		for _, o := range g.Others {
			r.Data = append(r.Data, []any{"merged", g.Date, string(g.Body), o.ID, o.Symbol, g.Canonical.ID, g.Canonical.Symbol, 0})
			recs++
		}
	}
	for _, n := range v.Near {
		r.Data = append(r.Data, []any{"near-duplicate", n.Date, string(n.Body), n.B.ID, n.B.Symbol, n.A.ID, n.A.Symbol, n.Members})
	}
	r.Footer = append(r.Footer, fmt.Sprintf("%d votes held as several records: %d records counted once with their canonical record; %d near-duplicates kept apart (docs/data.md).",
		len(v.Groups), recs, len(v.Near)))
	return r
}

// Codes is a list of issue codes: comma-separated in a table or CSV cell, an
// array in JSON.
type Codes []string

// String joins the codes with commas.
func (c Codes) String() string { return strings.Join(c, ",") }

// MarshalJSON writes an array, [] for none.
func (c Codes) MarshalJSON() ([]byte, error) {
	if c == nil {
		return []byte("[]"), nil
	}
	return jsonOf([]string(c))
}

// issuesLine says a roll call's issue codes and whose they are, for the
// heading of a roll call.
func issuesLine(codes []string, origin string) string {
	whose := "Voeten's codes"
	if origin == store.IssuesClassifier {
		whose = "the classifier's codes, docs/classifier.md"
	}
	if len(codes) == 0 {
		return "Issues: none (" + whose + ")"
	}
	var names []string
	for _, c := range codes {
		if n := record.IssueName(c); n != "" {
			c += " " + n
		}
		names = append(names, c)
	}
	return "Issues: " + strings.Join(names, "; ") + " (" + whose + ")"
}
