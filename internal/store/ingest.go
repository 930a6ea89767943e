package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/source"
)

// IngestOptions adjust an ingest.
type IngestOptions struct {
	// Strict makes any row-level problem (unknown state, unknown vote,
	// duplicate row) fail the whole ingest; nothing is written.
	Strict bool
}

// Report says what an ingest did, batch by batch.
type Report struct {
	Batches []BatchReport
	Changed bool // false if nothing in the store changed
	Version int  // data version after the ingest
}

// BatchReport says what one batch did.
type BatchReport struct {
	Name      string
	Layout    string
	Unchanged bool // the same file was ingested before: nothing was done
	Empty     bool // the file holds no data rows: nothing was done
	SameAs    string
	Rows      int

	RollCallsNew     int // roll calls not in the store before
	RollCallsMatched int // roll calls already in the store (from this or another source)
	CrossMatched     int // of which held by another family of sources (e.g. unvotes ↔ UNDL)
	Ambiguous        int // roll calls whose match among several candidates of one symbol was chosen by their votes
	ByBase           int // roll calls matched on session and number with another part letter (not in Ambiguous)
	VotesNew         int
	VotesSame        int // member votes confirmed by this batch
	VotesDisagree    int // member votes this batch disagrees on with the store
	VotesReplaced    int // of which replaced by this higher-priority source
	Duplicates       int // duplicate member rows within this batch (same vote, or conflicting), kept out
	UnknownStates    int // rows naming no known state, kept out of analysis
	MetadataMerged   int // roll calls a source of another family described for the first time
	TotalsMismatch   int // roll calls whose official totals disagree with their rows
	VetoesNew        int
	VetoesSame       int
	Problems         []source.Problem // every row-level problem, in file order
}

// Ingest writes batches into the store in one transaction: either all of
// them land or none does. A batch whose exact bytes were ingested before
// changes nothing. Roll calls present in several sources are merged; member
// votes on which sources disagree are recorded, never overwritten silently.
func (s *Store) Ingest(ctx context.Context, batches []*Batch, reg *registry.Registry, opt IngestOptions) (*Report, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin ingest: %w", err)
	}
	defer tx.Rollback()
	in := &ingester{tx: tx, reg: reg}
	if err := in.load(ctx); err != nil {
		return nil, err
	}
	// A large ingest builds the state index once at the end, which is far
	// cheaper than keeping it up to date row by row.
	rows := 0
	for _, b := range batches {
		rows += b.Rows
	}
	if rows > 100000 {
		if _, err := tx.ExecContext(ctx, `DROP INDEX IF EXISTS vote_state`); err != nil {
			return nil, err
		}
	}
	rep := &Report{}
	for _, b := range batches {
		br, err := in.batch(ctx, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", b.Name, err)
		}
		rep.Batches = append(rep.Batches, *br)
		// Only new data make a new data version: a file that adds no roll
		// call, vote or veto (an empty file, the same records again) leaves
		// it as it is.
		if br.RollCallsNew+br.VotesNew+br.VotesReplaced+br.VetoesNew+br.MetadataMerged > 0 {
			rep.Changed = true
		}
	}
	if opt.Strict {
		for _, b := range rep.Batches {
			if len(b.Problems) > 0 {
				return nil, fmt.Errorf("strict ingest: %v (and %d more row problems in %s); nothing was written", b.Problems[0], len(b.Problems)-1, b.Name)
			}
		}
	}
	if err := in.pack(ctx); err != nil {
		return nil, err
	}
	if rows > 100000 {
		if _, err := tx.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS vote_state ON vote(state, rollcall_id)`); err != nil {
			return nil, err
		}
	}
	v := 0
	var vs string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key='data_version'`).Scan(&vs); err == nil {
		v, _ = strconv.Atoi(vs)
	}
	if rep.Changed {
		v++
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta(key, value) VALUES ('data_version', ?)`, strconv.Itoa(v)); err != nil {
			return nil, err
		}
	}
	written := false
	for _, b := range rep.Batches {
		written = written || !b.Unchanged && !b.Empty
	}
	if written {
		// Provenance (which file also holds which record) is kept even
		// when the data did not change.
		if err := tx.Commit(); err != nil {
			return nil, fmt.Errorf("store: commit ingest: %w", err)
		}
	}
	rep.Version = v
	return rep, nil
}

// existing is what the ingester knows of a roll call already in the store.
type existing struct {
	id        int64
	body      record.Body
	date      string
	symkey    string
	undl      string
	families  uint8 // bit 1<<priority per family holding it
	amendPara bool
	priority  int
}

type ingester struct {
	tx  *sql.Tx
	reg *registry.Registry

	byUNDL    map[string]*existing
	bySymDate map[string]*existing // body|resolution|date, or body|draft:DRAFT|date for a vote that adopted nothing
	bySymKey  map[string][]*existing
	bySymBase map[string][]*existing // body|session/number, the part letters left out
	byRCID    map[string]*existing   // unvotes rcid
	nextID    int64

	voteIns *bulk
	touched map[int64]bool // roll calls whose votes changed
	loose   int            // roll calls matched by findByBase in this batch
}

// pack rewrites the packed votes of the roll calls this ingest touched.
func (in *ingester) pack(ctx context.Context) error {
	ids := make([]int64, 0, len(in.touched))
	for id := range in.touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	const q = `UPDATE rollcall SET packed = COALESCE((SELECT group_concat(state || vote, '') FROM
		(SELECT state, vote FROM vote WHERE rollcall_id = rollcall.id ORDER BY state)), '') WHERE id = ?`
	st, err := in.tx.PrepareContext(ctx, q)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, id := range ids {
		if _, err := st.ExecContext(ctx, id); err != nil {
			return fmt.Errorf("store: pack votes of roll call %d: %w", id, err)
		}
	}
	return nil
}

func (in *ingester) load(ctx context.Context) error {
	in.byUNDL = map[string]*existing{}
	in.bySymDate = map[string]*existing{}
	in.bySymKey = map[string][]*existing{}
	in.bySymBase = map[string][]*existing{}
	in.byRCID = map[string]*existing{}
	in.touched = map[int64]bool{}
	rows, err := in.tx.QueryContext(ctx, `SELECT id, body, COALESCE(undl_id,''), resolution, draft, symkey, date, amendment OR paragraph, priority FROM rollcall`)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	byID := map[int64]*existing{}
	for rows.Next() {
		e := &existing{}
		var res, draft string
		if err := rows.Scan(&e.id, &e.body, &e.undl, &res, &draft, &e.symkey, &e.date, &e.amendPara, &e.priority); err != nil {
			rows.Close()
			return err
		}
		in.index(e, res, draft)
		byID[e.id] = e
		if e.id >= in.nextID {
			in.nextID = e.id + 1
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = in.tx.QueryContext(ctx, `SELECT rollcall_id, family, key FROM rollcall_source`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var fam, key string
		if err := rows.Scan(&id, &fam, &key); err != nil {
			return err
		}
		e := byID[id]
		if e == nil {
			continue
		}
		e.families |= 1 << Family(fam).priority()
		if Family(fam) == FamilyUnvotes {
			in.byRCID[key] = e
		}
	}
	if in.nextID == 0 {
		in.nextID = 1
	}
	return rows.Err()
}

func (in *ingester) index(e *existing, resolution, draft string) {
	if e.undl != "" {
		in.byUNDL[e.undl] = e
	}
	if k := symDateKey(e.body, resolution, draft, e.date); k != "" {
		in.bySymDate[k] = e
	}
	if e.symkey != "" {
		k := string(e.body) + "|" + e.symkey
		in.bySymKey[k] = append(in.bySymKey[k], e)
		b := string(e.body) + "|" + symbolBase(e.symkey)
		in.bySymBase[b] = append(in.bySymBase[b], e)
	}
}

// cast is a member vote resolved to a state.
type cast struct {
	state string
	record.Cast
}

func (in *ingester) batch(ctx context.Context, b *Batch) (*BatchReport, error) {
	br := &BatchReport{Name: b.Name, Layout: b.Layout, Rows: b.Rows}
	var prevID int64
	var prevName, prevAt string
	err := in.tx.QueryRowContext(ctx, `SELECT id, name, ingested_at FROM source WHERE sha256 = ?`, b.SHA256).Scan(&prevID, &prevName, &prevAt)
	if err == nil {
		br.Unchanged = true
		br.SameAs = fmt.Sprintf("source #%d (%s, ingested %s)", prevID, prevName, prevAt)
		return br, nil
	}
	if err != sql.ErrNoRows {
		return nil, err
	}
	if len(b.Groups) == 0 && len(b.Vetoes) == 0 && len(b.Problems) == 0 {
		br.Empty = true
		return br, nil
	}
	for _, p := range b.Problems {
		if p.Kind == "duplicate" || p.Kind == "conflict" {
			br.Duplicates++
		}
	}
	res, err := in.tx.ExecContext(ctx, `INSERT INTO source(name, path, layout, sha256, rows, ingested_at) VALUES (?,?,?,?,?,?)`,
		b.Name, b.Path, b.Layout, b.SHA256, b.Rows, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return nil, err
	}
	srcID, _ := res.LastInsertId()
	br.Problems = append(br.Problems, b.Problems...)
	for _, p := range b.Problems {
		if _, err := in.tx.ExecContext(ctx, `INSERT INTO problem(source_id, line, kind, message) VALUES (?,?,?,?)`, srcID, p.Line, "row", p.Msg); err != nil {
			return nil, err
		}
	}
	in.loose = 0
	in.voteIns = newBulk(in.tx, "INSERT INTO vote(rollcall_id, state, vote, name, source_id, line, priority) VALUES ", 7)
	for i := range b.Groups {
		if err := in.group(ctx, b, srcID, &b.Groups[i], br); err != nil {
			return nil, err
		}
	}
	if err := in.voteIns.flush(); err != nil {
		return nil, err
	}
	// Several vetoes can share a meeting, a draft and even an agenda item (the
	// USSR vetoed two drafts on the Spanish question on 26 June 1946): the
	// n-th such veto of a file is the n-th in the store.
	seq := map[string]int{}
	for _, v := range b.Vetoes {
		k := v.Date + "|" + v.Draft + "|" + v.Agenda
		n := seq[k]
		seq[k]++
		r, err := in.tx.ExecContext(ctx, `INSERT INTO veto(date, draft, meeting, agenda, topic, region, vetoers, user_added, link, source_id, line, seq)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(date, draft, agenda, seq) DO NOTHING`,
			v.Date, v.Draft, v.Meeting, v.Agenda, v.Topic, v.Region, strings.Join(v.Vetoers, " "), v.UserAdded, v.Source, srcID, v.Line, n)
		if err != nil {
			return nil, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			br.VetoesNew++
		} else {
			br.VetoesSame++
		}
	}
	br.ByBase = in.loose
	sort.SliceStable(br.Problems, func(i, j int) bool { return br.Problems[i].Line < br.Problems[j].Line })
	return br, nil
}

func (in *ingester) group(ctx context.Context, b *Batch, srcID int64, g *source.Group, br *BatchReport) error {
	rc := &g.RollCall
	// Resolve members to states; unknown names are reported and kept out.
	casts := make([]cast, 0, len(g.Casts))
	seen := make(map[string]int, len(g.Casts))
	for _, c := range g.Casts {
		st, err := in.reg.Resolve(c.Code, c.Name, rc.Date)
		if err != nil {
			br.UnknownStates++
			msg := fmt.Sprintf("unknown state %q (code %q) voting %s on %s: kept out of analysis", source.Clip(c.Name), source.Clip(c.Code), c.Vote, label(rc))
			br.Problems = append(br.Problems, source.Problem{File: b.Name, Line: c.Line, Msg: msg})
			if _, err := in.tx.ExecContext(ctx, `INSERT INTO problem(source_id, line, kind, code, name, vote, message) VALUES (?,?,?,?,?,?,?)`,
				srcID, c.Line, "unknown-state", source.Clip(c.Code), source.Clip(c.Name), c.Vote.String(), msg); err != nil {
				return err
			}
			continue
		}
		if j, dup := seen[st.Code]; dup {
			first := casts[j]
			br.Duplicates++
			kind := "duplicate"
			msg := fmt.Sprintf("second row for %s on %s (%q, first at line %d)", st.Code, label(rc), c.Name, first.Line)
			if first.Vote != c.Vote {
				kind = "conflict"
				msg = fmt.Sprintf("conflicting rows for %s on %s: %s at line %d, %s here; the first is kept", st.Code, label(rc), first.Vote, first.Line, c.Vote)
			}
			br.Problems = append(br.Problems, source.Problem{File: b.Name, Line: c.Line, Msg: msg})
			if _, err := in.tx.ExecContext(ctx, `INSERT INTO problem(source_id, line, kind, code, name, vote, message) VALUES (?,?,?,?,?,?,?)`,
				srcID, c.Line, kind, c.Code, c.Name, c.Vote.String(), msg); err != nil {
				return err
			}
			continue
		}
		seen[st.Code] = len(casts)
		casts = append(casts, cast{st.Code, c})
	}
	if rc.Official != nil {
		var t record.Tally
		for _, c := range g.Casts {
			t.Add(c.Vote)
		}
		if t.Yes != rc.Official.Yes || t.No != rc.Official.No || t.Abstain != rc.Official.Abstain {
			br.TotalsMismatch++
		}
	}

	fam := b.Family
	key := sourceKey(fam, rc)
	loose := in.loose
	e, ambiguous, err := in.find(ctx, fam, key, rc, casts)
	if err != nil {
		return err
	}
	ambiguous = ambiguous && in.loose == loose // a match on session and number is counted apart
	prio := fam.priority()
	if e == nil {
		e, err = in.insertRollCall(ctx, rc, prio)
		if err != nil {
			return err
		}
		br.RollCallsNew++
		for _, c := range casts {
			if err := in.voteIns.add(e.id, c.state, c.Vote.String(), c.Name, srcID, c.Line, prio); err != nil {
				return err
			}
			br.VotesNew++
		}
	} else {
		br.RollCallsMatched++
		if e.families&^(1<<prio) != 0 {
			br.CrossMatched++
		}
		if ambiguous {
			br.Ambiguous++
		}
		if e.families&(1<<prio) == 0 {
			br.MetadataMerged++
		}
		if err := in.voteIns.flush(); err != nil {
			return err
		}
		if err := in.mergeRollCall(ctx, e, rc, prio); err != nil {
			return err
		}
		if err := in.mergeVotes(ctx, e, casts, srcID, prio, br); err != nil {
			return err
		}
	}
	in.touched[e.id] = true
	e.families |= 1 << prio
	if fam == FamilyUnvotes {
		in.byRCID[key] = e
	}
	_, err = in.tx.ExecContext(ctx, `INSERT OR IGNORE INTO rollcall_source(rollcall_id, source_id, family, key, line) VALUES (?,?,?,?,?)`,
		e.id, srcID, string(fam), key, firstLine(g))
	return err
}

func firstLine(g *source.Group) int {
	if len(g.Casts) > 0 {
		return g.Casts[0].Line
	}
	return 0
}

func label(rc *record.RollCall) string {
	if rc.Resolution != "" {
		return source.Clip(rc.Resolution) + " (" + rc.Date + ")"
	}
	return "roll call of " + rc.Date
}

func sourceKey(fam Family, rc *record.RollCall) string {
	if fam == FamilyUnvotes && rc.SourceID != "" {
		return "rcid:" + rc.SourceID
	}
	return rc.Key()
}

// find looks for the roll call in the store: by the source's own key, then
// by the UN Digital Library record, then by symbol and date, then (across
// families) by normalised symbol. Where several candidates share a symbol,
// the one whose member votes agree most with casts is taken.
func (in *ingester) find(ctx context.Context, fam Family, key string, rc *record.RollCall, casts []cast) (*existing, bool, error) {
	if fam == FamilyUnvotes {
		if e := in.byRCID[key]; e != nil {
			return e, false, nil
		}
	}
	if rc.UNDLID != "" {
		if e := in.byUNDL[rc.UNDLID]; e != nil {
			return e, false, nil
		}
	}
	// Symbol and date identify a record without a record number; a roll
	// call of the unvotes layout is identified by its rcid alone (it can
	// share a symbol and date with a paragraph vote), so it matches another
	// family's roll call here but never one of its own.
	if k := symDateKey(rc.Body, rc.Resolution, rc.Draft, rc.Date); k != "" {
		e := in.bySymDate[k]
		if e != nil && (rc.UNDLID == "" || e.undl == "") && (fam != FamilyUnvotes || e.families&(1<<fam.priority()) == 0) {
			return e, false, nil
		}
	}
	// Across families: a GA resolution vote held by another kind of source.
	if rc.Body != record.GA || rc.Amendment || rc.Paragraph {
		return nil, false, nil
	}
	sk := SymbolKey(rc.Resolution)
	if sk == "" {
		return nil, false, nil
	}
	prio := fam.priority()
	var cands []*existing
	for _, e := range in.bySymKey[string(rc.Body)+"|"+sk] {
		if e.families&(1<<prio) != 0 || e.amendPara {
			continue // already holds a roll call of this family
		}
		if !within(e.date, rc.Date, 400) {
			continue
		}
		cands = append(cands, e)
	}
	switch len(cands) {
	case 0:
		return in.findByBase(ctx, fam, sk, rc, casts)
	case 1:
		return cands[0], false, nil
	}
	best, _, err := in.best(ctx, cands, casts)
	return best, true, err
}

// findByBase is the last resort across families: the same session and
// resolution number with another part letter (or none), as when Voeten's
// data splits a resolution into parts A and B that the UN Digital Library
// records as one. It takes the candidate within two months whose member
// votes agree best, and only if they agree on at least 90% of at least ten
// common votes: a looser match would merge different votes.
func (in *ingester) findByBase(ctx context.Context, fam Family, sk string, rc *record.RollCall, casts []cast) (*existing, bool, error) {
	prio := fam.priority()
	var cands []*existing
	for _, e := range in.bySymBase[string(rc.Body)+"|"+symbolBase(sk)] {
		if e.symkey == sk || e.amendPara || e.families&(1<<prio) != 0 || !within(e.date, rc.Date, 62) {
			continue
		}
		cands = append(cands, e)
	}
	if len(cands) == 0 {
		return nil, false, nil
	}
	best, score, err := in.best(ctx, cands, casts)
	if err != nil || best == nil || score < 0.9 {
		return nil, false, err
	}
	in.loose++
	return best, true, nil
}

// best returns the candidate whose member votes agree most with casts, and
// the share of common cast votes that agree (0 with fewer than ten).
func (in *ingester) best(ctx context.Context, cands []*existing, casts []cast) (*existing, float64, error) {
	var best *existing
	bestScore := -1.0
	for _, e := range cands {
		same, total, err := in.compare(ctx, e.id, casts)
		if err != nil {
			return nil, 0, err
		}
		score := 0.0
		if total >= 10 {
			score = float64(same) / float64(total)
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	return best, bestScore, nil
}

// within reports whether two YYYY-MM-DD dates are at most days apart.
func within(a, b string, days int) bool {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		// A date with only a year matches dates of that year.
		ya, yb := record.YearOf(a), record.YearOf(b)
		return ya != 0 && ya == yb
	}
	d := ta.Sub(tb)
	if d < 0 {
		d = -d
	}
	return d <= time.Duration(days)*24*time.Hour
}

func (in *ingester) compare(ctx context.Context, id int64, casts []cast) (same, total int, err error) {
	old, err := in.votesOf(ctx, id)
	if err != nil {
		return 0, 0, err
	}
	for _, c := range casts {
		if o, ok := old[c.state]; ok && o.vote.Cast() && c.Vote.Cast() {
			total++
			if o.vote == c.Vote {
				same++
			}
		}
	}
	return same, total, nil
}

type oldVote struct {
	vote     record.Vote
	source   int64
	line     int
	priority int
}

func (in *ingester) votesOf(ctx context.Context, id int64) (map[string]oldVote, error) {
	rows, err := in.tx.QueryContext(ctx, `SELECT state, vote, source_id, line, priority FROM vote WHERE rollcall_id = ?`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]oldVote{}
	for rows.Next() {
		var st, v string
		var o oldVote
		if err := rows.Scan(&st, &v, &o.source, &o.line, &o.priority); err != nil {
			return nil, err
		}
		o.vote = record.Vote(v[0])
		m[st] = o
	}
	return m, rows.Err()
}

// nullables returns the roll call's record number and official totals as
// SQL values, NULL where the source has none.
func nullables(rc *record.RollCall) (undl, yes, no, abstain, nonVoting any) {
	if rc.UNDLID != "" {
		undl = rc.UNDLID
	}
	if t := rc.Official; t != nil {
		yes, no, abstain, nonVoting = t.Yes, t.No, t.Abstain, t.NonVoting
	}
	return
}

func (in *ingester) insertRollCall(ctx context.Context, rc *record.RollCall, prio int) (*existing, error) {
	id := in.nextID
	in.nextID++
	undl, oy, on, oa, ox := nullables(rc)
	sk := ""
	if rc.Body == record.GA {
		sk = SymbolKey(rc.Resolution)
	}
	_, err := in.tx.ExecContext(ctx, `INSERT INTO rollcall(id, body, undl_id, resolution, symkey, date, session, draft, committee, meeting, title, agenda, subjects, note,
		amendment, paragraph, important, issues, link, off_yes, off_no, off_abstain, off_non_voting, members, priority)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, string(rc.Body), undl, rc.Resolution, sk, rc.Date, rc.Session, rc.Draft, rc.Committee, rc.Meeting, rc.Title, rc.Agenda,
		strings.Join(rc.Subjects, "|"), rc.Note, rc.Amendment, rc.Paragraph, rc.Important, strings.Join(rc.Issues, " "), rc.Link,
		oy, on, oa, ox, rc.Members, prio)
	if err != nil {
		return nil, fmt.Errorf("insert roll call %s: %w", label(rc), err)
	}
	e := &existing{id: id, body: rc.Body, date: rc.Date, symkey: sk, undl: rc.UNDLID, amendPara: rc.Amendment || rc.Paragraph, priority: prio}
	in.index(e, rc.Resolution, rc.Draft)
	return e, nil
}

// symDateKey is the key of bySymDate: the resolution symbol and the date,
// or for a vote that adopted nothing its draft symbol and the date; "" if
// the roll call has neither symbol.
func symDateKey(body record.Body, resolution, draft, date string) string {
	switch {
	case resolution != "":
		return string(body) + "|" + resolution + "|" + date
	case draft != "":
		return string(body) + "|draft:" + draft + "|" + date
	}
	return ""
}

// mergeRollCall fills in what the stored roll call lacks. A source of higher
// priority rewrites the descriptive fields (the UN Digital Library's date
// and title are authoritative); Voeten's issue codes and flags are kept.
func (in *ingester) mergeRollCall(ctx context.Context, e *existing, rc *record.RollCall, prio int) error {
	undl, oy, on, oa, ox := nullables(rc)
	_, err := in.tx.ExecContext(ctx, `UPDATE rollcall SET
		undl_id = COALESCE(undl_id, ?),
		issues = CASE WHEN issues = '' THEN ? ELSE issues END,
		important = important OR ?,
		off_yes = COALESCE(off_yes, ?), off_no = COALESCE(off_no, ?), off_abstain = COALESCE(off_abstain, ?), off_non_voting = COALESCE(off_non_voting, ?),
		link = CASE WHEN link = '' THEN ? ELSE link END,
		subjects = CASE WHEN subjects = '' THEN ? ELSE subjects END,
		agenda = CASE WHEN agenda = '' OR ? > priority THEN ? ELSE agenda END,
		draft = CASE WHEN draft = '' THEN ? ELSE draft END,
		meeting = CASE WHEN meeting = '' THEN ? ELSE meeting END,
		session = CASE WHEN session = 0 THEN ? ELSE session END,
		title = CASE WHEN title = '' OR ? > priority THEN ? ELSE title END,
		resolution = CASE WHEN resolution = '' OR ? > priority THEN ? ELSE resolution END,
		date = CASE WHEN ? > priority THEN ? ELSE date END,
		priority = MAX(priority, ?)
		WHERE id = ?`,
		undl, strings.Join(rc.Issues, " "), rc.Important, oy, on, oa, ox, rc.Link, strings.Join(rc.Subjects, "|"),
		prio, rc.Agenda, rc.Draft, rc.Meeting, rc.Session, prio, rc.Title, prio, rc.Resolution, prio, rc.Date, prio, e.id)
	if err != nil {
		return fmt.Errorf("update roll call %s: %w", label(rc), err)
	}
	if rc.UNDLID != "" && e.undl == "" {
		e.undl = rc.UNDLID
		in.byUNDL[rc.UNDLID] = e
	}
	if prio > e.priority {
		e.date, e.priority = rc.Date, prio
	}
	return nil
}

func (in *ingester) mergeVotes(ctx context.Context, e *existing, casts []cast, srcID int64, prio int, br *BatchReport) error {
	old, err := in.votesOf(ctx, e.id)
	if err != nil {
		return err
	}
	for _, c := range casts {
		o, ok := old[c.state]
		switch {
		case !ok:
			if err := in.voteIns.add(e.id, c.state, c.Vote.String(), c.Name, srcID, c.Line, prio); err != nil {
				return err
			}
			br.VotesNew++
		case o.vote == c.Vote:
			br.VotesSame++
		default:
			br.VotesDisagree++
			kept, keptSrc, keptLine, other, otherSrc, otherLine := o.vote, o.source, o.line, c.Vote, srcID, c.Line
			if prio > o.priority {
				br.VotesReplaced++
				kept, keptSrc, keptLine, other, otherSrc, otherLine = c.Vote, srcID, c.Line, o.vote, o.source, o.line
				if _, err := in.tx.ExecContext(ctx, `UPDATE vote SET vote=?, name=?, source_id=?, line=?, priority=? WHERE rollcall_id=? AND state=?`,
					c.Vote.String(), c.Name, srcID, c.Line, prio, e.id, c.state); err != nil {
					return err
				}
			}
			if _, err := in.tx.ExecContext(ctx, `INSERT INTO disagreement(rollcall_id, state, kind, kept, kept_source, kept_line, other, other_source, other_line)
				VALUES (?,?,?,?,?,?,?,?,?)`, e.id, c.state, "sources", kept.String(), keptSrc, keptLine, other.String(), otherSrc, otherLine); err != nil {
				return err
			}
		}
	}
	return nil
}

// bulk batches rows into multi-row INSERT statements.
type bulk struct {
	tx     *sql.Tx
	prefix string
	cols   int
	args   []any
	stmt   *sql.Stmt
}

const bulkRows = 200

func newBulk(tx *sql.Tx, prefix string, cols int) *bulk {
	return &bulk{tx: tx, prefix: prefix, cols: cols}
}

func (b *bulk) sql(n int) string {
	row := "(" + strings.Repeat("?,", b.cols-1) + "?)"
	return b.prefix + strings.Repeat(row+",", n-1) + row
}

func (b *bulk) add(vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) == bulkRows*b.cols {
		if b.stmt == nil {
			st, err := b.tx.Prepare(b.sql(bulkRows))
			if err != nil {
				return err
			}
			b.stmt = st
		}
		if _, err := b.stmt.Exec(b.args...); err != nil {
			return err
		}
		b.args = b.args[:0]
	}
	return nil
}

func (b *bulk) flush() error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.Exec(b.sql(len(b.args)/b.cols), b.args...)
	b.args = b.args[:0]
	return err
}
