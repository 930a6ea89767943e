package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
)

// RollCall is a stored roll call with its provenance.
type RollCall struct {
	ID            int64          `json:"id"`
	Symbol        string         `json:"symbol"` // the resolution, else the draft put to the vote
	Resolution    string         `json:"resolution"`
	Date          string         `json:"date"`
	Body          record.Body    `json:"body"`
	Session       int            `json:"session,omitempty"`
	Title         string         `json:"title"`
	Agenda        string         `json:"agenda,omitempty"`
	Draft         string         `json:"draft,omitempty"`
	Meeting       string         `json:"meeting,omitempty"`
	Subjects      []string       `json:"subjects,omitempty"`
	Amendment     bool           `json:"amendment,omitempty"`
	Paragraph     bool           `json:"paragraph,omitempty"`
	Important     bool           `json:"important,omitempty"`
	Issues        []string       `json:"issues"`                   // [] for none
	IssuesOrigin  string         `json:"issues_origin"`            // IssuesVoeten or IssuesClassifier
	Link          string         `json:"link,omitempty"`           // the UN Digital Library record, where a source names it
	Links         record.Links   `json:"links"`                    // record, document, draft and meeting links
	Outcome       record.Outcome `json:"outcome,omitempty"`        // adopted, not adopted or vetoed, where known
	VetoedBy      []string       `json:"vetoed_by,omitempty"`      // the permanent members that voted no on a vetoed draft
	Vetoes        []VetoRef      `json:"veto_records,omitempty"`   // the veto list's records of this draft
	Tally         record.Tally   `json:"tally"`                    // counted from the member votes listed
	Official      *record.Tally  `json:"official_tally,omitempty"` // as published, where a source has it
	TallyMismatch bool           `json:"tally_mismatch,omitempty"` // official yes/no/abstain differ from the rows
	Sources       []string       `json:"sources"`                  // file names that hold this roll call
	Votes         []MemberVote   `json:"votes,omitempty"`
}

// MemberVote is one member's vote on a roll call.
type MemberVote struct {
	State string      `json:"state"`
	Name  string      `json:"name"` // as the source wrote it
	Vote  record.Vote `json:"-"`
	Code  string      `json:"vote"`
}

const rollCallCols = `r.id, r.resolution, r.date, r.body, r.session, r.title, r.agenda, r.draft, r.meeting, r.subjects,
	r.amendment, r.paragraph, r.important, r.issues, r.link, r.off_yes, r.off_no, r.off_abstain, r.off_non_voting, r.note`

// VetoRef points to a record of the veto list: its file and line.
type VetoRef struct {
	Vetoers   []string `json:"vetoers"`
	File      string   `json:"file"`
	Line      int      `json:"line"`
	UserAdded bool     `json:"user_added"`
	Source    string   `json:"source,omitempty"`
}

// scanRollCall reads the columns rollCallCols, then any extra columns
// into extra.
func scanRollCall(sc interface{ Scan(...any) error }, extra ...any) (*RollCall, error) {
	rc := &RollCall{}
	var subjects, issues, note string
	var oy, on, oa, ox sql.NullInt64
	dst := append([]any{&rc.ID, &rc.Resolution, &rc.Date, &rc.Body, &rc.Session, &rc.Title, &rc.Agenda, &rc.Draft, &rc.Meeting,
		&subjects, &rc.Amendment, &rc.Paragraph, &rc.Important, &issues, &rc.Link, &oy, &on, &oa, &ox, &note}, extra...)
	if err := sc.Scan(dst...); err != nil {
		return nil, err
	}
	rc.Outcome = record.OutcomeOf(rc.Resolution, note)
	rc.Symbol = rc.Resolution
	if rc.Symbol == "" {
		rc.Symbol = rc.Draft
	}
	rc.Links = record.LinksOf(rc.Link, rc.Resolution, rc.Draft, rc.Meeting)
	if subjects != "" {
		rc.Subjects = strings.Split(subjects, "|")
	}
	_, rc.Issues, rc.IssuesOrigin = issuesOf(issues, rc.Title, rc.Agenda, subjects)
	if oy.Valid {
		rc.Official = &record.Tally{Yes: int(oy.Int64), No: int(on.Int64), Abstain: int(oa.Int64), NonVoting: int(ox.Int64)}
	}
	return rc, nil
}

// AmbiguousError reports a symbol that names several roll calls.
type AmbiguousError struct {
	Symbol     string
	Candidates []*RollCall
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s names %d roll calls; choose one with --date or --id:", e.Symbol, len(e.Candidates))
	for _, c := range e.Candidates {
		fmt.Fprintf(&b, "\n  --id %d  %s  %s  %s", c.ID, c.Date, c.Resolution, trim(c.Title, 70))
	}
	return b.String()
}

func trim(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// NotFoundError reports a lookup that found nothing.
type NotFoundError struct {
	What string
	Hint string // what to do about it, if anything
}

func (e *NotFoundError) Error() string {
	if strings.HasPrefix(e.Hint, "(") {
		return e.What + " " + e.Hint
	}
	if e.Hint != "" {
		return e.What + " not found: " + e.Hint
	}
	return e.What + " not found"
}

// The lookups of RollCallBySymbol, each served by an index (see
// lookupIndexes; TestLookupsUseIndexes checks the query plans).
const (
	bySymbol    = `r.resolution = ? COLLATE NOCASE`
	bySymbolKey = `r.symkey = ?`
	onDate      = ` AND r.date = ?`
)

// RollCallBySymbol finds the roll call on a resolution symbol (exactly as
// written, case-insensitive, else by normalised symbol), on date if given.
func (s *Store) RollCallBySymbol(ctx context.Context, symbol, date string) (*RollCall, error) {
	find := func(where string, args ...any) ([]*RollCall, error) {
		q := `SELECT ` + rollCallCols + ` FROM rollcall r WHERE ` + where
		if date != "" {
			q += onDate
			args = append(args, date)
		}
		rows, err := s.db.QueryContext(ctx, q+` ORDER BY r.date, r.id`, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []*RollCall
		for rows.Next() {
			rc, err := scanRollCall(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, rc)
		}
		return out, rows.Err()
	}
	cands, err := find(bySymbol, strings.TrimSpace(symbol))
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		// A draft put to the vote: the roll call of a vote that adopted
		// nothing, or the resolution the draft became.
		if cands, err = find(`r.draft = ? COLLATE NOCASE`, strings.TrimSpace(symbol)); err != nil {
			return nil, err
		}
	}
	if len(cands) == 0 {
		if k := SymbolKey(symbol); k != "" {
			if cands, err = find(bySymbolKey, k); err != nil {
				return nil, err
			}
		}
	}
	switch len(cands) {
	case 0:
		what := fmt.Sprintf("roll call %q", symbol)
		if date != "" {
			what += " on " + date
		}
		return nil, &NotFoundError{What: what}
	case 1:
		return s.RollCall(ctx, cands[0].ID)
	}
	return nil, &AmbiguousError{Symbol: symbol, Candidates: cands}
}

// RollCall returns one roll call with every member's vote and its sources.
func (s *Store) RollCall(ctx context.Context, id int64) (*RollCall, error) {
	rc, err := scanRollCall(s.db.QueryRowContext(ctx, `SELECT `+rollCallCols+` FROM rollcall r WHERE r.id = ?`, id))
	if err == sql.ErrNoRows {
		return nil, &NotFoundError{What: fmt.Sprintf("roll call id %d", id)}
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT state, name, vote FROM vote WHERE rollcall_id = ? ORDER BY state`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var mv MemberVote
		if err := rows.Scan(&mv.State, &mv.Name, &mv.Code); err != nil {
			return nil, err
		}
		mv.Vote = record.Vote(mv.Code[0])
		rc.Tally.Add(mv.Vote)
		rc.Votes = append(rc.Votes, mv)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if o := rc.Official; o != nil {
		rc.TallyMismatch = o.Yes != rc.Tally.Yes || o.No != rc.Tally.No || o.Abstain != rc.Tally.Abstain
	}
	if rc.Outcome == record.OutcomeVetoed {
		var no []string
		for _, v := range rc.Votes {
			if v.Vote == record.No {
				no = append(no, v.State)
			}
		}
		rc.VetoedBy = vetoers(rc.Date, no)
	}
	if rc.Body == record.SC && rc.Draft != "" {
		if rc.Vetoes, err = s.vetoesOf(ctx, rc.Draft, rc.Date); err != nil {
			return nil, err
		}
	}
	rc.Sources, err = s.sourcesOf(ctx, id)
	return rc, err
}

// vetoers returns those of the states that voted no (state codes) that
// were permanent members of the Security Council on date: on a draft that
// was not adopted, its vetoers.
func vetoers(date string, no []string) []string {
	p5, err := registry.Default().Group("P5")
	if err != nil {
		return nil
	}
	var out []string
	for _, st := range no {
		if p5.Has(st, date) {
			out = append(out, st)
		}
	}
	return out
}

// vetoesOf returns the veto list's records of a draft voted on date.
func (s *Store) vetoesOf(ctx context.Context, draft, date string) ([]VetoRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.vetoers, v.line, v.user_added, v.link, COALESCE(s.name, '')
		FROM veto v LEFT JOIN source s ON s.id = v.source_id WHERE v.draft = ? AND v.date = ? ORDER BY v.id`, draft, date)
	if err != nil {
		return nil, fmt.Errorf("store: vetoes of %s: %w", draft, err)
	}
	defer rows.Close()
	var out []VetoRef
	for rows.Next() {
		var r VetoRef
		var vetoers string
		if err := rows.Scan(&vetoers, &r.Line, &r.UserAdded, &r.Source, &r.File); err != nil {
			return nil, err
		}
		r.Vetoers = strings.Fields(vetoers)
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) sourcesOf(ctx context.Context, id int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT s.name FROM rollcall_source rs JOIN source s ON s.id = rs.source_id WHERE rs.rollcall_id = ? ORDER BY s.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Query selects roll calls.
type Query struct {
	State    string      // only roll calls with a vote of this state (registry code)
	Text     string      // words that must all occur in title, agenda, subjects or symbol
	From, To string      // YYYY-MM-DD, inclusive
	Body     record.Body // "" for both
	Limit    int         // 0 for no limit
}

// StateVote is a roll call with one state's vote on it.
type StateVote struct {
	RollCall
	Vote string `json:"vote,omitempty"`
}

// Search returns the roll calls q selects, newest first, with the state's
// vote when q.State is set. Tallies are counted from the member votes.
func (s *Store) Search(ctx context.Context, q Query) ([]StateVote, error) {
	var where []string
	var args []any
	from := `rollcall r`
	cols := rollCallCols + `, ''`
	if q.State != "" {
		from = `vote v JOIN rollcall r ON r.id = v.rollcall_id`
		cols = rollCallCols + `, v.vote`
		where = append(where, `v.state = ?`)
		args = append(args, q.State)
	}
	for _, w := range strings.Fields(q.Text) {
		where = append(where, `(r.title LIKE ? OR r.subjects LIKE ? OR r.agenda LIKE ? OR r.resolution LIKE ?)`)
		p := "%" + strings.NewReplacer(`%`, `\%`, `_`, `\_`).Replace(w) + "%"
		args = append(args, p, p, p, p)
		where[len(where)-1] = strings.ReplaceAll(where[len(where)-1], "LIKE ?", `LIKE ? ESCAPE '\'`)
	}
	if q.From != "" {
		where = append(where, `r.date >= ?`)
		args = append(args, q.From)
	}
	if q.To != "" {
		where = append(where, `r.date <= ?`)
		args = append(args, q.To)
	}
	if q.Body != "" {
		where = append(where, `r.body = ?`)
		args = append(args, string(q.Body))
	}
	sqlq := `SELECT ` + cols + ` FROM ` + from
	if len(where) > 0 {
		sqlq += ` WHERE ` + strings.Join(where, " AND ")
	}
	sqlq += ` ORDER BY r.date DESC, r.id DESC`
	if q.Limit > 0 {
		sqlq += fmt.Sprintf(` LIMIT %d`, q.Limit)
	}
	rows, err := s.db.QueryContext(ctx, sqlq, args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	var out []StateVote
	ids := map[int64]int{}
	for rows.Next() {
		var sv StateVote
		rc, err := scanRollCall(rows, &sv.Vote)
		if err != nil {
			rows.Close()
			return nil, err
		}
		sv.RollCall = *rc
		ids[rc.ID] = len(out)
		out = append(out, sv)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.fillTallies(ctx, out, ids); err != nil {
		return nil, err
	}
	return out, nil
}

// fillTallies counts the member votes of the listed roll calls.
func (s *Store) fillTallies(ctx context.Context, out []StateVote, ids map[int64]int) error {
	if len(out) == 0 {
		return nil
	}
	keys := make([]int64, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for len(keys) > 0 {
		n := min(len(keys), 500)
		chunk := keys[:n]
		keys = keys[n:]
		ph := strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT rollcall_id, vote, COUNT(*) FROM vote WHERE rollcall_id IN (`+ph+`) GROUP BY rollcall_id, vote`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var v string
			var n int
			if err := rows.Scan(&id, &v, &n); err != nil {
				rows.Close()
				return err
			}
			t := &out[ids[id]].Tally
			switch record.Vote(v[0]) {
			case record.Yes:
				t.Yes += n
			case record.No:
				t.No += n
			case record.Abstain:
				t.Abstain += n
			default:
				t.NonVoting += n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for i := range out {
		if o := out[i].Official; o != nil {
			t := out[i].Tally
			out[i].TallyMismatch = o.Yes != t.Yes || o.No != t.No || o.Abstain != t.Abstain
		}
	}
	return nil
}
