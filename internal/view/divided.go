package view

import (
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/rollcalls"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// RollCallRef is what lists show of a roll call.
type RollCallRef struct {
	ID         int64        `json:"id"`
	Date       string       `json:"date"`
	Body       string       `json:"body"`
	Resolution string       `json:"resolution"`
	Title      string       `json:"title"`
	Tally      record.Tally `json:"tally"`
	Issues     []string     `json:"issues"`        // [] for none
	Origin     string       `json:"issues_origin"` // whose the codes are: voeten or classifier
	Outcome    string       `json:"outcome,omitempty"`
	Link       string       `json:"link,omitempty"` // the voting record, else the document
}

// RefOf returns the reference to a roll call of a matrix.
func RefOf(rc *votes.RollCall) RollCallRef {
	ref := RollCallRef{ID: rc.ID, Date: rc.Date, Body: string(rc.Body), Resolution: rc.Symbol(), Title: CleanTitle(rc.Title), Tally: rc.Tally,
		Issues: rc.Issues.Codes(), Origin: issuesOrigin(rc), Outcome: string(rc.Outcome), Link: rc.Links.Best()}
	if ref.Issues == nil {
		ref.Issues = []string{}
	}
	return ref
}

// issuesOrigin says whose a roll call's issue codes are: Voeten's, or the
// classifier's.
func issuesOrigin(rc *votes.RollCall) string {
	if rc.IssuesClassified {
		return store.IssuesClassifier
	}
	return store.IssuesVoeten
}

// CleanTitle drops the catalogue suffix of UN Digital Library titles
// (" : resolution / adopted by the General Assembly").
func CleanTitle(t string) string {
	if i := strings.Index(t, " : resolution / adopted by"); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

// BodyName is how lists name a body: GA, SC, or "all" for both.
func BodyName(b record.Body) string {
	if b == "" {
		return "all"
	}
	return string(b)
}

// DivisiveVote is a roll call with its margin.
type DivisiveVote struct {
	RollCallRef
	Margin int `json:"margin"`
}

// Divisive is the most divisive roll calls of a year (rollcalls.Divisive).
type Divisive struct {
	Year  int            `json:"year"`
	Body  string         `json:"body"`
	Total int            `json:"total"` // divided roll calls in the year, of which Votes are the first
	Votes []DivisiveVote `json:"rollcalls"`
}

// NewDivisive lists the first limit of the roll calls that
// rollcalls.Divisive ranks in a year and body ("" for both).
func NewDivisive(m *votes.Matrix, mask votes.Mask, year int, body record.Body, limit int) *Divisive {
	out := &Divisive{Year: year, Body: BodyName(body), Votes: []DivisiveVote{}}
	lo, hi := m.YearRange(year)
	all := rollcalls.Divisive(m, mask, lo, hi)
	out.Total = len(all)
	for _, d := range all[:min(limit, len(all))] {
		out.Votes = append(out.Votes, DivisiveVote{RollCallRef: RefOf(m.RollCall(d.Index)), Margin: d.Margin})
	}
	return out
}

// Rows writes one roll call a row.
func (l *Divisive) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"id", "date", "body", "resolution", "margin", "yes", "no", "abstain", "title"}}
	for _, v := range l.Votes {
		r.Data = append(r.Data, []any{v.ID, v.Date, v.Body, v.Resolution, v.Margin, v.Tally.Yes, v.Tally.No, v.Tally.Abstain, v.Title})
	}
	return r
}

// ContestedVote is a roll call with no or abstain votes, with the votes of
// the states asked about.
type ContestedVote struct {
	RollCallRef
	Votes map[string]string `json:"votes"` // state → Y, N, A, X; absent: no record
}

// Contested is the most recent contested votes of some states
// (rollcalls.Contested).
type Contested struct {
	States []string        `json:"states"`
	Body   string          `json:"body"`
	Votes  []ContestedVote `json:"rollcalls"`
}

// NewContested lists the newest limit roll calls in mask that
// rollcalls.Contested finds for states (codes; those not in the matrix are
// shown without votes).
func NewContested(m *votes.Matrix, mask votes.Mask, states []string, body record.Body, limit int) *Contested {
	out := &Contested{States: states, Body: BodyName(body), Votes: []ContestedVote{}}
	var idx []int
	var codes []string
	for _, c := range states {
		if s, ok := m.State(c); ok {
			idx = append(idx, s)
			codes = append(codes, c)
		}
	}
	for _, i := range rollcalls.Contested(m, mask, idx, limit) {
		cv := ContestedVote{RollCallRef: RefOf(m.RollCall(i)), Votes: map[string]string{}}
		for k, s := range idx {
			if v := m.Vote(i, s); v != 0 {
				cv.Votes[codes[k]] = v.String()
			}
		}
		out.Votes = append(out.Votes, cv)
	}
	return out
}

// Rows writes one roll call a row, one column per state.
func (l *Contested) Rows() *format.Rows {
	cols := []string{"id", "date", "body", "resolution", "yes", "no", "abstain"}
	cols = append(cols, l.States...)
	r := &format.Rows{Columns: append(cols, "title")}
	for _, v := range l.Votes {
		row := []any{v.ID, v.Date, v.Body, v.Resolution, v.Tally.Yes, v.Tally.No, v.Tally.Abstain}
		for _, s := range l.States {
			row = append(row, v.Votes[s])
		}
		r.Data = append(r.Data, append(row, v.Title))
	}
	return r
}

// BreakRow is a state that voted otherwise than most of its closest
// partners of the year (rollcalls.Break).
type BreakRow struct {
	State    string            `json:"state"`
	Name     string            `json:"name"`
	Vote     string            `json:"vote"`
	Majority string            `json:"partners_vote"` // the vote of the partners' majority
	With     int               `json:"partners_with_majority"`
	Cast     int               `json:"partners_voting"`
	Partners map[string]string `json:"partners"` // partner → its vote (Y, N, A; X or "" if none cast)
	Order    []string          `json:"partner_order"`
	Agree    float64           `json:"mean_agreement"` // mean agreement with the partners over the year
}

// Breaks is the breaks analysis of one roll call (rollcalls.Breaks).
type Breaks struct {
	ID     int64      `json:"id"`
	Year   int        `json:"year"`
	Body   string     `json:"body"`
	K      int        `json:"partners"`
	Breaks []BreakRow `json:"breaks"`
}

// NewBreaks runs rollcalls.Breaks on roll call i of m with the pairs of its
// body and year; name gives a state's name.
func NewBreaks(m *votes.Matrix, i int, pairs []align.Pair, name func(code string) string) *Breaks {
	return BreaksOf(m, i, rollcalls.Breaks(m, i, pairs), name)
}

// BreaksOf is the view of the breaks bs of roll call i of m.
func BreaksOf(m *votes.Matrix, i int, bs []rollcalls.Break, name func(code string) string) *Breaks {
	rc := m.RollCall(i)
	out := &Breaks{ID: rc.ID, Year: rc.Year, Body: string(rc.Body), K: rollcalls.BreakPartners, Breaks: []BreakRow{}}
	for _, b := range bs {
		row := BreakRow{State: b.State, Name: name(b.State), Vote: b.Vote.String(), Majority: b.Majority.String(),
			With: b.With, Cast: b.Cast, Partners: map[string]string{}, Agree: b.Agree}
		for _, p := range b.Partners {
			row.Partners[p.State] = p.Vote.String()
			row.Order = append(row.Order, p.State)
		}
		out.Breaks = append(out.Breaks, row)
	}
	return out
}

// Rows writes one state a row.
func (b *Breaks) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"state", "name", "vote", "partners_vote", "partners_with_majority", "partners_voting", "mean_agreement", "partners"}}
	for _, x := range b.Breaks {
		ps := ""
		for i, p := range x.Order {
			if i > 0 {
				ps += " "
			}
			ps += p + ":" + x.Partners[p]
		}
		r.Data = append(r.Data, []any{x.State, x.Name, x.Vote, x.Majority, x.With, x.Cast, x.Agree, ps})
	}
	return r
}

// Partner is another state's alignment with a state in a year.
type Partner struct {
	State string   `json:"state"`
	Name  string   `json:"name"`
	N     int      `json:"n"`
	Value *float64 `json:"value"`
}

// Partners is a state's closest and farthest partners in a year
// (align.Partners over the pairs of the year, among states with at least
// align.MinCommon roll calls in common).
type Partners struct {
	State    string    `json:"state"`
	Year     int       `json:"year"`
	Body     string    `json:"body"`
	Issue    string    `json:"issue,omitempty"`
	Metric   string    `json:"metric"`
	MinN     int       `json:"min_n"`
	Closest  []Partner `json:"closest"`
	Farthest []Partner `json:"farthest"`
	All      []Partner `json:"-"` // every state with a defined value, closest first
}

// NewPartners ranks the partners of state in its pairs (align.ByState) of
// a year; name gives a state's name. Closest and Farthest are left empty:
// see Top.
func NewPartners(state string, year int, body record.Body, issue record.Issue, m align.Metric, pairs []align.Pair, name func(string) string) *Partners {
	l := &Partners{State: state, Year: year, Body: BodyName(body), Metric: m.String(), MinN: align.MinCommon(pairs), Closest: []Partner{}, Farthest: []Partner{}}
	if cs := issue.Codes(); len(cs) == 1 {
		l.Issue = cs[0]
	}
	for _, p := range align.Partners(pairs, m, l.MinN) {
		x := p.Value
		l.All = append(l.All, Partner{State: p.State, Name: name(p.State), N: p.N, Value: &x})
	}
	return l
}

// Top returns a copy with the top closest and the top farthest, worst
// first, leaving out of the farthest those already among the closest (when
// a state has fewer than 2·top partners).
func (l *Partners) Top(top int) *Partners {
	out := *l
	n := min(top, len(l.All))
	out.Closest = append([]Partner{}, l.All[:n]...)
	out.Farthest = []Partner{}
	for i := len(l.All) - 1; i >= max(n, len(l.All)-n); i-- {
		out.Farthest = append(out.Farthest, l.All[i])
	}
	return &out
}

// Rows writes the closest, then the farthest.
func (l *Partners) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"rank", "kind", "state", "name", "n", l.Metric}}
	val := func(v *float64) any {
		if v == nil {
			return nil
		}
		return *v
	}
	for i, p := range l.Closest {
		r.Data = append(r.Data, []any{i + 1, "closest", p.State, p.Name, p.N, val(p.Value)})
	}
	for i, p := range l.Farthest {
		r.Data = append(r.Data, []any{i + 1, "farthest", p.State, p.Name, p.N, val(p.Value)})
	}
	return r
}
