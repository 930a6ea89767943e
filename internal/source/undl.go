package source

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/record"
)

// UNDLReader reads a UN Digital Library bulk voting file (General Assembly or
// Security Council; the 2026 header or the older one without vote_note) one
// roll call at a time. Columns are found by name, in any order; extra columns
// are ignored.
//
// A roll call is a run of contiguous rows with the same record.RollCall.Key:
// the undl_id, or the resolution symbol and date where undl_id is empty. A key
// that reappears later in the file is returned again as another roll call.
type UNDLReader struct {
	rr       *rowReader
	header   []string
	layout   Layout
	col      undlCols
	rcCols   []int // columns that describe the roll call, not the member
	hint     record.Body
	rows     int
	problems []Problem
	err      error // sticky: io.EOF or a fatal error

	cur         *undlGroup
	pending     []string
	pendingLine int
	hasPending  bool

	members map[memberKey]*member // every member met in the file
	seq     int                   // number of the current roll call
	capHint int
}

type undlCols struct {
	id, code, name, vote, date, session, res, draft, committee, meeting,
	title, agenda, subjects, note, yes, no, abst, nv, ms, link int
}

type memberKey struct{ code, name string }

// member is a member as written (code and name, interned) and where it was
// last seen: roll call seq, index in its casts.
type member struct {
	code, name string
	seq, idx   int
}

// undlGroup is the roll call being read.
type undlGroup struct {
	rc           *record.RollCall
	id, res, dt  string   // identity, trimmed
	draft        string   // the draft symbol: the identity of a vote that adopted nothing
	first        []string // first row
	line         int      // line of the first row
	casts        []record.Cast
	rows         int
	skip         string // why the roll call is kept out, if it is
	inconsistent bool
}

// NewUNDLReader reads the header of a UNDL voting file. name is the file name
// used in messages (give the base name); a name holding "ga" or "sc" as a word
// (ga_voting.csv.gz) also sets the body hint, see SetBody.
func NewUNDLReader(r io.Reader, name string) (*UNDLReader, error) {
	rr, header, err := newRowReader(r, name)
	if err != nil {
		return nil, err
	}
	layout, err := Detect(header)
	if err != nil {
		return nil, fmt.Errorf("%s:1: %w", name, err)
	}
	if layout != LayoutUNDL && layout != LayoutUNDL2021 {
		return nil, fmt.Errorf("%s:1: not a UN Digital Library voting file: header is of layout %s", name, layout)
	}
	idx, _ := columns(header)
	get := func(c string) int {
		if i, ok := idx[c]; ok {
			return i
		}
		return -1
	}
	c := undlCols{
		id: get("undl_id"), code: get("ms_code"), name: get("ms_name"), vote: get("ms_vote"),
		date: get("date"), session: get("session"), res: get("resolution"), draft: get("draft"),
		committee: get("committee_report"), meeting: get("meeting"), title: get("title"),
		agenda: get("agenda_title"), subjects: get("subjects"), note: get("vote_note"),
		yes: get("total_yes"), no: get("total_no"), abst: get("total_abstentions"),
		nv: get("total_non_voting"), ms: get("total_ms"), link: get("undl_link"),
	}
	ur := &UNDLReader{
		rr:      rr,
		header:  header,
		layout:  layout,
		col:     c,
		hint:    bodyFromName(name),
		members: make(map[memberKey]*member, 512),
		capHint: 16,
	}
	for _, i := range []int{c.id, c.date, c.session, c.res, c.draft, c.committee, c.meeting, c.title,
		c.agenda, c.subjects, c.note, c.yes, c.no, c.abst, c.nv, c.ms, c.link} {
		if i >= 0 {
			ur.rcCols = append(ur.rcCols, i)
		}
	}
	return ur, nil
}

// SetBody sets the body of the roll calls whose resolution symbol says
// neither A/ (General Assembly) nor S/ (Security Council), such as
// "MISSING_DATA". It overrides the hint taken from the file name.
func (r *UNDLReader) SetBody(b record.Body) { r.hint = b }

// Layout returns the layout of the header: LayoutUNDL or LayoutUNDL2021.
func (r *UNDLReader) Layout() Layout { return r.layout }

// Problems returns the row-level problems met so far.
func (r *UNDLReader) Problems() []Problem { return r.problems }

// Rows returns the number of data rows read so far.
func (r *UNDLReader) Rows() int { return r.rows }

// Next returns the next roll call and its member rows in file order, or
// io.EOF after the last. Rows with problems are kept out and reported in
// Problems; a roll call with a bad date or no body is kept out whole. After a
// fatal error (unreadable or malformed data) Next returns that error again.
func (r *UNDLReader) Next() (*record.RollCall, []record.Cast, error) {
	for r.err == nil {
		rec, line, err := r.nextRow()
		if err != nil {
			r.err = err
			if err == io.EOF && r.cur != nil {
				if rc, casts, ok := r.finish(); ok {
					return rc, casts, nil
				}
			}
			break
		}
		if rec == nil {
			continue
		}
		if r.cur != nil && !r.sameGroup(rec) {
			r.pending = append(r.pending[:0], rec...)
			r.pendingLine, r.hasPending = line, true
			if rc, casts, ok := r.finish(); ok {
				return rc, casts, nil
			}
			continue
		}
		if r.cur == nil {
			r.start(rec, line)
		}
		r.add(rec, line)
	}
	return nil, nil, r.err
}

// nextRow returns the pending row or reads one. A row with the wrong number
// of fields is reported and comes back as nil.
func (r *UNDLReader) nextRow() ([]string, int, error) {
	if r.hasPending {
		r.hasPending = false
		return r.pending, r.pendingLine, nil
	}
	rec, err := r.rr.read()
	if err != nil {
		if p, ok := err.(*Problem); ok {
			r.rows++
			r.problems = append(r.problems, *p)
			return nil, 0, nil
		}
		return nil, 0, err
	}
	r.rows++
	return rec, r.rr.line, nil
}

func (r *UNDLReader) problem(line int, format string, args ...any) {
	r.problems = append(r.problems, Problem{r.rr.name, line, fmt.Sprintf(format, args...), ""})
}

func (r *UNDLReader) sameGroup(rec []string) bool {
	g := r.cur
	id := strings.TrimSpace(rec[r.col.id])
	if id != "" || g.id != "" {
		return id == g.id
	}
	return strings.TrimSpace(rec[r.col.res]) == g.res && strings.TrimSpace(rec[r.col.date]) == g.dt &&
		(g.res != "" || field(rec, r.col.draft) == g.draft)
}

// field returns the trimmed value of column i, "" if the layout lacks it.
func field(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// start begins a roll call with its first row.
func (r *UNDLReader) start(rec []string, line int) {
	c := &r.col
	g := &undlGroup{
		id:    field(rec, c.id),
		res:   field(rec, c.res),
		dt:    field(rec, c.date),
		draft: field(rec, c.draft),
		first: slices.Clone(rec),
		line:  line,
		casts: make([]record.Cast, 0, r.capHint),
	}
	r.cur = g
	r.seq++
	rc := &record.RollCall{
		UNDLID:     g.id,
		Date:       g.dt,
		Resolution: g.res,
		Draft:      field(rec, c.draft),
		Committee:  field(rec, c.committee),
		Meeting:    field(rec, c.meeting),
		Title:      field(rec, c.title),
		Agenda:     field(rec, c.agenda),
		Note:       field(rec, c.note),
		Link:       field(rec, c.link),
	}
	g.rc = rc
	if !validDate(g.dt) {
		if record.YearOf(g.dt) < 1945 || len(g.dt) != 4 {
			g.skip = fmt.Sprintf("bad date %q (want YYYY-MM-DD)", Clip(g.dt))
			return
		}
		// Two real GA records carry only a year: keep them, dated by it.
		r.problem(g.line, "date %q has only a year: roll call %s kept, dated by its year alone", g.dt, rc.Key())
	}
	rc.Body = record.BodyOfSymbol(g.res)
	if rc.Body == "" && g.res == "" {
		rc.Body = record.BodyOfSymbol(g.draft)
	}
	if rc.Body == "" {
		rc.Body = r.hint
	}
	// A vote on an amendment names it in the draft column ("Oral amendment",
	// "S/2024/323 (amendment)") and adopts no resolution of its own.
	if g.res == "" && strings.Contains(strings.ToLower(g.draft), "amendment") {
		rc.Amendment = true
	}
	if rc.Body == "" {
		g.skip = fmt.Sprintf("no body: resolution %q has neither A/ nor S/ prefix and there is no body hint (SetBody, or ga/sc in the file name)", Clip(g.res))
		return
	}
	if s := field(rec, c.session); s != "" {
		n, ok := parseCount(s)
		if !ok && !specialSession(s) {
			r.problem(line, "unparsable session %q in roll call %s; session left 0", Clip(s), rc.Key())
		}
		rc.Session = n
	}
	if rc.Session == 0 && rc.Body == record.GA && (field(rec, c.session) == "" || specialSession(field(rec, c.session))) {
		// A special or emergency special session (ES-11), or a record
		// without a session: the regular session in progress on its
		// date, so that --by session counts it.
		rc.Session = record.SessionOf(rc.Date)
	}
	if s := field(rec, c.subjects); s != "" {
		for _, t := range strings.Split(s, "|") {
			if t = strings.TrimSpace(t); t != "" {
				rc.Subjects = append(rc.Subjects, t)
			}
		}
	}
	rc.Official = r.totals(rec, line, rc)
	if s := field(rec, c.ms); s != "" {
		n, ok := parseCount(s)
		if !ok {
			r.problem(line, "unparsable total_ms %q in roll call %s; members left 0", Clip(s), rc.Key())
		}
		rc.Members = n
	}
}

// totals reads the official totals: nil if all are empty, or if one is
// unparsable or the yes, no or abstention count is missing (reported).
func (r *UNDLReader) totals(rec []string, line int, rc *record.RollCall) *record.Tally {
	cols := [4]int{r.col.yes, r.col.no, r.col.abst, r.col.nv}
	names := [4]string{"total_yes", "total_no", "total_abstentions", "total_non_voting"}
	var vals [4]int
	var empty [4]bool
	n := 0
	for i, ci := range cols {
		s := field(rec, ci)
		if s == "" {
			empty[i] = true
			continue
		}
		n++
		v, ok := parseCount(s)
		if !ok {
			r.problem(line, "unparsable %s %q in roll call %s; official totals left out", names[i], Clip(s), rc.Key())
			return nil
		}
		vals[i] = v
	}
	if n == 0 {
		return nil
	}
	for i := 0; i < 3; i++ {
		if empty[i] {
			r.problem(line, "%s is empty in roll call %s; official totals left out", names[i], rc.Key())
			return nil
		}
	}
	return &record.Tally{Yes: vals[0], No: vals[1], Abstain: vals[2], NonVoting: vals[3]}
}

// add takes one member row of the current roll call.
func (r *UNDLReader) add(rec []string, line int) {
	g := r.cur
	g.rows++
	if g.skip != "" {
		return
	}
	if !g.inconsistent && g.rows > 1 {
		for _, ci := range r.rcCols {
			if rec[ci] != g.first[ci] && strings.TrimSpace(rec[ci]) != strings.TrimSpace(g.first[ci]) {
				g.inconsistent = true
				r.problem(line, "%s %q differs from %q at line %d in roll call %s; first kept",
					normColumn(r.header[ci]), Clip(rec[ci]), Clip(g.first[ci]), g.line, g.rc.Key())
				break
			}
		}
	}
	c := &r.col
	m := r.member(field(rec, c.code), field(rec, c.name))
	code, name := m.code, m.name
	v, ok := fastVote(rec[c.vote])
	if !ok {
		r.problem(line, "unknown vote %q for %s in roll call %s; row kept out", Clip(rec[c.vote]), memberLabel(code, name), g.rc.Key())
		return
	}
	if m.seq == r.seq {
		prev := g.casts[m.idx]
		if prev.Vote == v {
			r.problem(line, "duplicate row for %s (also line %d) in roll call %s; first kept", memberLabel(code, name), prev.Line, g.rc.Key())
			r.problems[len(r.problems)-1].Kind = "duplicate"
		} else {
			r.problem(line, "conflicting duplicate row for %s in roll call %s: %s at line %d, %s at line %d; first kept",
				memberLabel(code, name), g.rc.Key(), prev.Vote, prev.Line, v, line)
			r.problems[len(r.problems)-1].Kind = "conflict"
		}
		return
	}
	m.seq, m.idx = r.seq, len(g.casts)
	g.casts = append(g.casts, record.Cast{Code: code, Name: name, Vote: v, Line: line})
}

// finish ends the current roll call; ok is false if it is kept out.
func (r *UNDLReader) finish() (*record.RollCall, []record.Cast, bool) {
	g := r.cur
	r.cur = nil
	if g.skip != "" {
		r.problem(g.line, "%s; roll call %s kept out (%d rows)", g.skip, g.rc.Key(), g.rows)
		return nil, nil, false
	}
	if len(g.casts) > r.capHint {
		r.capHint = len(g.casts)
	}
	return g.rc, g.casts, true
}

// member returns the member of a code and name, with strings shared by all
// its rows.
func (r *UNDLReader) member(code, name string) *member {
	if m, ok := r.members[memberKey{code, name}]; ok {
		return m
	}
	m := &member{code: strings.Clone(code), name: strings.Clone(name)}
	r.members[memberKey{m.code, m.name}] = m
	return m
}

// memberLabel names a member in messages by its code and name as written.
func memberLabel(code, name string) string {
	code, name = Clip(code), Clip(name)
	switch {
	case code == "":
		return fmt.Sprintf("%q", name)
	case name == "":
		return code
	}
	return fmt.Sprintf("%s %q", code, name)
}

// fastVote reads the usual one-letter codes without allocating and falls back
// on record.ParseVote.
func fastVote(s string) (record.Vote, bool) {
	switch s {
	case "Y":
		return record.Yes, true
	case "N":
		return record.No, true
	case "A":
		return record.Abstain, true
	case "X", "", "NV":
		return record.NonVoting, true
	}
	v, err := record.ParseVote(s)
	return v, err == nil
}

// bodyFromName finds "ga" or "sc" as a word of a file name.
func bodyFromName(name string) record.Body {
	words := strings.FieldsFunc(strings.ToLower(filepath.Base(name)), func(c rune) bool {
		return (c < 'a' || c > 'z') && (c < '0' || c > '9')
	})
	var b record.Body
	for _, w := range words {
		var wb record.Body
		switch w {
		case "ga":
			wb = record.GA
		case "sc":
			wb = record.SC
		default:
			continue
		}
		if b != "" && b != wb {
			return ""
		}
		b = wb
	}
	return b
}

// validDate reports whether s is a real YYYY-MM-DD date.
func validDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// parseCount reads a non-negative whole number written as an integer or as a
// float with no fraction ("120.0").
func parseCount(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, n >= 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// specialSession reports whether s names a special or emergency special
// session ("S-28", "ES-11"), which has no regular session number: Session is
// that of the regular session in progress on the date (record.SessionOf),
// and the special session is in the resolution symbol.
func specialSession(s string) bool {
	s = strings.ToUpper(s)
	s = strings.TrimPrefix(s, "E")
	s, ok := strings.CutPrefix(s, "S-")
	if !ok || s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
