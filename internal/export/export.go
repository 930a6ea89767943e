// Package export writes blocwatch's data as a documented data set for the
// tools researchers use: Parquet (zstd, logical types, large tables
// partitioned by year in Hive style) and CSV (RFC 4180, UTF-8), the same
// tables with the same column names in both, described by a Frictionless
// Data Package (datapackage.json). It also writes the three tables of the
// unvotes R package's layout (WriteUnvotes).
//
// It reads the store and the vote matrix and the analyses built on it
// (align for dyad_years, blocs); it never writes the store. docs/exports.md
// is the data dictionary.
package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/parquet-go/parquet-go"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/blocs"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// Format is a file format of the data set.
type Format string

// The formats.
const (
	Parquet Format = "parquet"
	CSV     Format = "csv"
)

// ParseFormats reads a comma-separated list of formats.
func ParseFormats(s string) ([]Format, error) {
	var fs []Format
	for _, f := range strings.Split(s, ",") {
		switch Format(strings.ToLower(strings.TrimSpace(f))) {
		case Parquet:
			fs = append(fs, Parquet)
		case CSV:
			fs = append(fs, CSV)
		default:
			return nil, fmt.Errorf("unknown export format %q (want parquet or csv)", f)
		}
	}
	return slices.Compact(fs), nil
}

// Table names, in the order they are written.
const (
	TableRollCalls   = "roll_calls"
	TableVotes       = "votes"
	TableStates      = "states"
	TableStateNames  = "state_names"
	TableGroups      = "groups"
	TableDyadYears   = "dyad_years"
	TableIdealPoints = "ideal_points"
	TableBlocs       = "blocs"
	TableVetoes      = "vetoes"
	TableCoverage    = "coverage"
)

// Tables returns the names of every table.
func Tables() []string {
	return []string{TableRollCalls, TableVotes, TableStates, TableStateNames, TableGroups,
		TableDyadYears, TableIdealPoints, TableBlocs, TableVetoes, TableCoverage}
}

// Partitioned reports whether a table's Parquet files are split by year.
func Partitioned(table string) bool { return table == TableVotes || table == TableDyadYears }

// Options choose what to export.
type Options struct {
	Formats  []Format    // nil means Parquet
	Tables   []string    // nil means every table
	From, To string      // YYYY-MM-DD, inclusive; empty is open
	Body     record.Body // "" for both bodies
	Fit      string      // the stored ideal-point fit; "" means "default"
	// Universe is what dyad_years and blocs count (the default: whole
	// resolutions, each vote once). roll_calls and votes hold every record,
	// with the flags that place it in a universe.
	Universe votes.Universe
}

// Result says what Export wrote.
type Result struct {
	Dir         string
	DataVersion int
	Tables      []TableResult
}

// TableResult is one table written.
type TableResult struct {
	Name  string
	Rows  int
	Files map[Format][]string // paths relative to Dir
}

// exporter holds what the tables are made from.
type exporter struct {
	ctx     context.Context
	st      *store.Store
	m       *votes.Matrix // every record
	mask    votes.Mask
	um      *votes.Matrix // the universe that dyad_years and blocs count
	umask   votes.Mask
	o       Options
	dir     string
	version int
	sources map[int64]string // source id -> file name
	res     Result
	meta    []parquet.WriterOption

	extraOnce sync.Once // roll_calls and coverage share what rollCallSources reads
	extra     map[int64]rollCallExtra
	extraErr  error
}

// Export writes the data set into dir (created if needed): one file or
// folder per table and format, and datapackage.json.
func Export(ctx context.Context, st *store.Store, dir string, o Options) (*Result, error) {
	if len(o.Formats) == 0 {
		o.Formats = []Format{Parquet}
	}
	if len(o.Tables) == 0 {
		o.Tables = Tables()
	}
	for _, t := range o.Tables {
		if !slices.Contains(Tables(), t) {
			return nil, fmt.Errorf("unknown table %q (want %s)", t, strings.Join(Tables(), ", "))
		}
	}
	if o.Fit == "" {
		o.Fit = "default"
	}
	e := &exporter{ctx: ctx, st: st, o: o, dir: dir}
	var err error
	if e.version, err = st.Version(ctx); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	e.res = Result{Dir: dir, DataVersion: e.version}
	e.meta = []parquet.WriterOption{parquet.KeyValueMetadata("blocwatch.data_version", strconv.Itoa(e.version))}
	if e.m, err = st.Matrix(ctx); err != nil {
		return nil, err
	}
	e.mask = e.m.Select(votes.Filter{Body: o.Body, From: o.From, To: o.To})
	e.um = e.m.In(o.Universe)
	e.umask = e.um.Select(votes.Filter{Body: o.Body, From: o.From, To: o.To})
	if e.sources, err = sourceNames(ctx, st); err != nil {
		return nil, err
	}
	write := map[string]func() (TableResult, error){
		TableRollCalls: e.rollCalls, TableVotes: e.votes, TableStates: e.states,
		TableStateNames: e.stateNames, TableGroups: e.groups, TableDyadYears: e.dyadYears,
		TableIdealPoints: e.idealPoints, TableBlocs: e.blocs, TableVetoes: e.vetoes,
		TableCoverage: e.coverage,
	}
	// The tables are written side by side, the largest first, one per
	// core; dyad_years and blocs share their own work out as well.
	var todo []string
	for _, t := range []string{TableDyadYears, TableVotes, TableBlocs, TableRollCalls, TableCoverage,
		TableIdealPoints, TableVetoes, TableStates, TableStateNames, TableGroups} {
		if slices.Contains(o.Tables, t) {
			todo = append(todo, t)
		}
	}
	results := make([]TableResult, len(todo))
	errs := make([]error, len(todo))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(todo) {
					return
				}
				if errs[k] = ctx.Err(); errs[k] == nil {
					results[k], errs[k] = write[todo[k]]()
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, t := range Tables() {
		if k := slices.Index(todo, t); k >= 0 {
			e.res.Tables = append(e.res.Tables, results[k])
		}
	}
	if err := e.writeDataPackage(); err != nil {
		return nil, err
	}
	return &e.res, nil
}

// universe names the roll calls the analyses count.
func (e *exporter) universe() string {
	u := "GA and SC"
	if e.o.Body != "" {
		u = string(e.o.Body)
	}
	u += ", " + e.o.Universe.String()
	if e.o.From != "" || e.o.To != "" {
		u += ", " + e.o.From + ".." + e.o.To
	}
	return u
}

func finish[T any](w *tableWriter[T]) (TableResult, error) {
	if err := w.Close(); err != nil {
		return TableResult{}, err
	}
	return TableResult{Name: w.name, Rows: w.rows, Files: w.files}, nil
}

func table[T any](e *exporter, name string) *tableWriter[T] {
	return newTableWriter[T](e.dir, name, e.o.Formats, Partitioned(name), e.meta)
}

func sourceNames(ctx context.Context, st *store.Store) (map[int64]string, error) {
	rows, err := st.DB().QueryContext(ctx, `SELECT id, name FROM source`)
	if err != nil {
		return nil, fmt.Errorf("export: read sources: %w", err)
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// selected returns the matrix positions of the selected roll calls and
// a map from store id to position.
func (e *exporter) selected() ([]int, map[int64]int) {
	var pos []int
	byID := map[int64]int{}
	for i, rc := range e.m.RollCalls() {
		if e.mask.Has(i) {
			pos = append(pos, i)
			byID[rc.ID] = i
		}
	}
	return pos, byID
}

func i32p(n int) *int32 {
	v := int32(n)
	return &v
}

func valuePtr(v align.Value) *float64 {
	if !v.Defined {
		return nil
	}
	x := v.X
	return &x
}

func (e *exporter) rollCalls() (TableResult, error) {
	w := table[RollCallRow](e, TableRollCalls)
	all, err := e.st.Search(e.ctx, store.Query{Body: e.o.Body, From: e.o.From, To: e.o.To})
	if err != nil {
		return TableResult{}, err
	}
	files, err := e.rollCallSources()
	if err != nil {
		return TableResult{}, err
	}
	_, byID := e.selected()
	slices.SortFunc(all, func(a, b store.StateVote) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
	})
	rows := make([]RollCallRow, 0, len(all))
	for i := range all {
		rc := &all[i].RollCall
		r := RollCallRow{
			RollCallID: rc.ID, Body: string(rc.Body), Symbol: rc.Symbol, Draft: rc.Draft,
			Date: datePtr(rc.Date), Year: int32(record.YearOf(rc.Date)), Title: rc.Title, Agenda: rc.Agenda,
			Meeting: rc.Meeting, Subjects: strings.Join(rc.Subjects, "|"),
			Amendment: rc.Amendment, Paragraph: rc.Paragraph, Important: rc.Important,
			Yes: int32(rc.Tally.Yes), No: int32(rc.Tally.No), Abstain: int32(rc.Tally.Abstain),
			NonVoting: int32(rc.Tally.NonVoting), Mismatch: rc.TallyMismatch, Link: rc.Link,
			Sources: files[rc.ID].names, Committee: files[rc.ID].committee, Note: files[rc.ID].note,
		}
		if rc.Session != 0 {
			r.Session = i32p(rc.Session)
		}
		if o := rc.Official; o != nil {
			r.OfficialYes, r.OfficialNo, r.OfficialAbst, r.OfficialNV = i32p(o.Yes), i32p(o.No), i32p(o.Abstain), i32p(o.NonVoting)
		}
		r.IssuesOrigin = rc.IssuesOrigin
		r.Issues = strings.Join(rc.Issues, " ")
		r.Outcome = string(rc.Outcome)
		r.Document, r.DraftLink, r.MeetingLink = rc.Links.Document, rc.Links.Draft, rc.Links.Meeting
		if p, ok := byID[rc.ID]; ok {
			mrc := e.m.RollCall(p)
			r.Kind = mrc.Kind.String()
			if mrc.DupOf != 0 {
				r.DuplicateOf = &mrc.DupOf
			}
			r.VetoedBy = strings.Join(mrc.VetoedBy, " ")
		}
		rows = append(rows, r)
	}
	if err := w.Write(0, rows); err != nil {
		return TableResult{}, err
	}
	return finish(w)
}

// rollCallExtra is what the store's roll-call reader leaves out.
type rollCallExtra struct{ names, committee, note string }

func (e *exporter) rollCallSources() (map[int64]rollCallExtra, error) {
	e.extraOnce.Do(func() { e.extra, e.extraErr = e.readRollCallSources() })
	return e.extra, e.extraErr
}

func (e *exporter) readRollCallSources() (map[int64]rollCallExtra, error) {
	rows, err := e.st.DB().QueryContext(e.ctx, `SELECT r.id, r.committee, r.note,
		COALESCE((SELECT group_concat(name, '|') FROM (SELECT DISTINCT s.name FROM rollcall_source rs JOIN source s ON s.id = rs.source_id WHERE rs.rollcall_id = r.id ORDER BY s.id)), '')
		FROM rollcall r`)
	if err != nil {
		return nil, fmt.Errorf("export: read roll-call sources: %w", err)
	}
	defer rows.Close()
	out := map[int64]rollCallExtra{}
	for rows.Next() {
		var id int64
		var x rollCallExtra
		if err := rows.Scan(&id, &x.committee, &x.note, &x.names); err != nil {
			return nil, err
		}
		out[id] = x
	}
	return out, rows.Err()
}

func (e *exporter) votes() (TableResult, error) {
	w := table[VoteRow](e, TableVotes)
	src, err := e.voteSources()
	if err != nil {
		return TableResult{}, err
	}
	states := e.m.States()
	var rows []VoteRow
	for _, y := range selectedYears(e.m, e.mask) {
		if err := e.ctx.Err(); err != nil {
			return TableResult{}, err
		}
		rows = rows[:0]
		lo, hi := e.m.YearRange(y)
		for i := lo; i < hi; i++ {
			if !e.mask.Has(i) {
				continue
			}
			rc := e.m.RollCall(i)
			one := src.one[rc.ID]
			for s, code := range states {
				v := e.m.Vote(i, s)
				if v == 0 {
					continue
				}
				f := one
				if f == "" {
					f = src.cell[voteKey{rc.ID, code}]
				}
				rows = append(rows, VoteRow{Year: int32(y), RollCallID: rc.ID, State: code, Vote: string(v), Source: f})
			}
		}
		if err := w.Write(y, rows); err != nil {
			return TableResult{}, err
		}
	}
	return finish(w)
}

type voteKey struct {
	rc    int64
	state string
}

// voteSources says which file each vote was taken from: for a roll call
// that one file holds, that file; for one that several hold, the file of
// each vote.
type voteSources struct {
	one  map[int64]string
	cell map[voteKey]string
}

func (e *exporter) voteSources() (*voteSources, error) {
	vs := &voteSources{one: map[int64]string{}, cell: map[voteKey]string{}}
	rows, err := e.st.DB().QueryContext(e.ctx, `SELECT rollcall_id, MIN(source_id), COUNT(DISTINCT source_id) FROM rollcall_source GROUP BY rollcall_id`)
	if err != nil {
		return nil, fmt.Errorf("export: read vote sources: %w", err)
	}
	several := 0
	for rows.Next() {
		var id, src int64
		var n int
		if err := rows.Scan(&id, &src, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if n == 1 {
			vs.one[id] = e.sources[src]
		} else {
			several++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: read vote sources: %w", err)
	}
	if several == 0 {
		return vs, nil
	}
	rows, err = e.st.DB().QueryContext(e.ctx, `SELECT rollcall_id, state, source_id FROM vote WHERE rollcall_id IN
		(SELECT rollcall_id FROM rollcall_source GROUP BY rollcall_id HAVING COUNT(DISTINCT source_id) > 1)`)
	if err != nil {
		return nil, fmt.Errorf("export: read vote sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k voteKey
		var src int64
		if err := rows.Scan(&k.rc, &k.state, &src); err != nil {
			return nil, err
		}
		vs.cell[k] = e.sources[src]
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("export: read vote sources: %w", err)
	}
	return vs, nil
}

func (e *exporter) states() (TableResult, error) {
	w := table[StateRow](e, TableStates)
	var rows []StateRow
	for _, s := range registry.Default().States() {
		r := StateRow{Code: s.Code, Name: s.Name, ISO2: s.ISO2, Former: s.Former, Observer: s.Observer,
			Admitted: datePtr(s.Admitted), Left: datePtr(s.Left), Continues: s.Continues,
			AbsorbedInto: s.AbsorbedInto, Successors: strings.Join(s.Successors, " "), OtherCodes: strings.Join(s.Codes, " ")}
		if s.COW != 0 {
			r.COW = i32p(s.COW)
		}
		rows = append(rows, r)
	}
	if err := w.Write(0, rows); err != nil {
		return TableResult{}, err
	}
	return finish(w)
}

func (e *exporter) stateNames() (TableResult, error) {
	w := table[StateNameRow](e, TableStateNames)
	var rows []StateNameRow
	for _, s := range registry.Default().States() {
		for _, n := range s.Names {
			rows = append(rows, StateNameRow{Code: s.Code, Name: n.Name, From: n.From, To: n.To, Kind: n.Kind.String()})
		}
	}
	if err := w.Write(0, rows); err != nil {
		return TableResult{}, err
	}
	return finish(w)
}

func (e *exporter) groups() (TableResult, error) {
	w := table[GroupRow](e, TableGroups)
	var rows []GroupRow
	for _, g := range registry.Default().Groups() {
		for _, m := range g.Members {
			rows = append(rows, GroupRow{Group: g.Code, GroupName: g.Name, State: m.State, From: datePtr(m.From), To: datePtr(m.To)})
		}
	}
	if err := w.Write(0, rows); err != nil {
		return TableResult{}, err
	}
	return finish(w)
}

// dyadYears computes every pair in every year, a few years at a time so
// that only their pairs are in memory.
func (e *exporter) dyadYears() (TableResult, error) {
	w := table[DyadYearRow](e, TableDyadYears)
	years := selectedYears(e.um, e.umask)
	universe := e.universe()
	var rows []DyadYearRow
	const chunk = 8
	for lo := 0; lo < len(years); lo += chunk {
		if err := e.ctx.Err(); err != nil {
			return TableResult{}, err
		}
		var ws []align.Window
		for _, y := range years[lo:min(lo+chunk, len(years))] {
			ws = append(ws, align.Year(y))
		}
		tables, err := align.AllPairs(e.um, ws, e.umask)
		if err != nil {
			return TableResult{}, err
		}
		for k, t := range tables {
			y := years[lo+k]
			rows = rows[:0]
			// The measures of the year's pairs in one block, not one
			// allocation each.
			vals := make([]float64, 0, 8*len(t.Pairs))
			ptr := func(v align.Value) *float64 {
				if !v.Defined {
					return nil
				}
				vals = append(vals, v.X)
				return &vals[len(vals)-1]
			}
			for _, p := range t.Pairs {
				c := &p.Counts
				rows = append(rows, DyadYearRow{
					Year: int32(y), StateA: p.A, StateB: p.B, N: int32(p.N),
					YY: c[0][0], YN: c[0][1], YA: c[0][2], NY: c[1][0], NN: c[1][1], NA: c[1][2], AY: c[2][0], AN: c[2][1], AA: c[2][2],
					Agree: ptr(c.Agree()), AgreeHalf: ptr(c.AgreeHalf()), Coincidence: ptr(c.Coincidence()),
					S: ptr(c.S()), Kappa: ptr(c.Kappa()), Pi: ptr(c.Pi()), KappaW: ptr(c.KappaW()), PiW: ptr(c.PiW()),
					Universe: universe,
				})
			}
			if len(rows) > 0 {
				if err := w.Write(y, rows); err != nil {
					return TableResult{}, err
				}
			}
		}
	}
	return finish(w)
}

// selectedYears returns the years of m with roll calls in mask.
func selectedYears(m *votes.Matrix, mask votes.Mask) []int {
	var ys []int
	for _, y := range m.Years() {
		lo, hi := m.YearRange(y)
		for i := lo; i < hi; i++ {
			if mask.Has(i) {
				ys = append(ys, y)
				break
			}
		}
	}
	return ys
}

func (e *exporter) idealPoints() (TableResult, error) {
	w := table[IdealPointRow](e, TableIdealPoints)
	f, pts, err := e.st.Fit(e.ctx, e.o.Fit)
	var nf *store.NotFoundError
	switch {
	case errors.As(err, &nf):
		// No fit: the table is written empty, and datapackage.json says so.
	case err != nil:
		return TableResult{}, err
	default:
		rows := make([]IdealPointRow, 0, len(pts))
		for _, p := range pts {
			if (e.o.From != "" && p.Year < record.YearOf(e.o.From)) || (e.o.To != "" && p.Year > record.YearOf(e.o.To)) {
				continue
			}
			rows = append(rows, IdealPointRow{Fit: f.Name, FitID: f.ID, State: p.State, Year: int32(p.Year), X: p.X, SE: p.SE,
				N: int32(p.N), DataVersion: int32(f.DataVersion), Settings: f.Settings})
		}
		if err := w.Write(0, rows); err != nil {
			return TableResult{}, err
		}
	}
	return finish(w)
}

func (e *exporter) blocs() (TableResult, error) {
	w := table[BlocRow](e, TableBlocs)
	var ws []align.Window
	for _, y := range selectedYears(e.um, e.umask) {
		ws = append(ws, align.Year(y))
	}
	if len(ws) > 0 {
		ps, err := blocs.Detect(e.um, ws, blocs.Options{Mask: e.umask})
		if err != nil && !e.noBlocs(ws) {
			return TableResult{}, err
		}
		universe := e.universe() + "; Louvain on agreement, resolution 1, edges of at least 10 common roll calls, seed 0"
		var rows []BlocRow
		for _, p := range ps {
			for _, m := range p.Members {
				b := p.Bloc(m.Bloc)
				r := BlocRow{Year: int32(record.YearOf(p.From)), Bloc: int32(m.Bloc), Track: int32(b.Track), State: m.State,
					Own: valuePtr(m.Own), Margin: valuePtr(m.Margin), Edge: m.Edge, Cohesion: valuePtr(b.Cohesion), Universe: universe}
				if m.Nearest != 0 {
					r.Nearest = i32p(m.Nearest)
				}
				rows = append(rows, r)
			}
		}
		if err := w.Write(0, rows); err != nil {
			return TableResult{}, err
		}
	}
	return finish(w)
}

// noBlocs reports whether no pair of states has the roll calls in common
// that an edge of the agreement graph needs in any of the windows: then
// there are no blocs, and the table is empty.
func (e *exporter) noBlocs(ws []align.Window) bool {
	tables, err := align.AllPairs(e.um, ws, e.umask)
	if err != nil {
		return false
	}
	for _, t := range tables {
		for _, p := range t.Pairs {
			if p.N >= blocs.DefaultMinN {
				return false
			}
		}
	}
	return true
}

func (e *exporter) vetoes() (TableResult, error) {
	w := table[VetoRow](e, TableVetoes)
	vs, err := e.st.Vetoes(e.ctx)
	if err != nil {
		return TableResult{}, err
	}
	var rows []VetoRow
	for _, v := range vs {
		if (e.o.From != "" && v.Date < e.o.From) || (e.o.To != "" && v.Date > e.o.To) || (e.o.Body == record.GA) {
			continue
		}
		d, ok := ParseDate(v.Date)
		if !ok {
			return TableResult{}, fmt.Errorf("export: veto %d has date %q", v.ID, v.Date)
		}
		rows = append(rows, VetoRow{VetoID: v.ID, Date: d, Draft: v.Draft, Meeting: v.Meeting, Agenda: v.Agenda, Topic: v.Topic,
			Region: v.Region, VetoedBy: strings.Join(v.Vetoers, " "), UserAdded: v.UserAdded, Link: v.Source, Source: v.File, Line: int32(v.Line)})
	}
	if err := w.Write(0, rows); err != nil {
		return TableResult{}, err
	}
	return finish(w)
}

func (e *exporter) coverage() (TableResult, error) {
	w := table[CoverageRow](e, TableCoverage)
	type key struct {
		year int
		body record.Body
	}
	type acc struct {
		rollCalls, votes int
		states           map[int]bool
		first, last      string
		sources          map[string]bool
	}
	files, err := e.rollCallSources()
	if err != nil {
		return TableResult{}, err
	}
	accs := map[key]*acc{}
	end := map[record.Body]string{} // the last day of each body's data
	for i, rc := range e.m.RollCalls() {
		if rc.Date > end[rc.Body] {
			end[rc.Body] = rc.Date
		}
		if !e.mask.Has(i) {
			continue
		}
		k := key{rc.Year, rc.Body}
		a := accs[k]
		if a == nil {
			a = &acc{states: map[int]bool{}, first: rc.Date, sources: map[string]bool{}}
			accs[k] = a
		}
		a.rollCalls++
		a.last = rc.Date
		for s := range e.m.NumStates() {
			if e.m.Vote(i, s) != 0 {
				a.votes++
				a.states[s] = true
			}
		}
		for _, f := range strings.Split(files[rc.ID].names, "|") {
			if f != "" {
				a.sources[f] = true
			}
		}
	}
	keys := make([]key, 0, len(accs))
	for k := range accs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].year < keys[j].year || keys[i].year == keys[j].year && keys[i].body < keys[j].body
	})
	rows := make([]CoverageRow, 0, len(keys))
	for _, k := range keys {
		a := accs[k]
		srcs := make([]string, 0, len(a.sources))
		for s := range a.sources {
			srcs = append(srcs, s)
		}
		sort.Strings(srcs)
		rows = append(rows, CoverageRow{Year: int32(k.year), Body: string(k.body), RollCalls: int32(a.rollCalls),
			MemberVotes: int32(a.votes), States: int32(len(a.states)), FirstDate: datePtr(a.first), LastDate: datePtr(a.last),
			Partial: end[k.body] < strconv.Itoa(k.year)+"-12-31", Sources: strings.Join(srcs, "|")})
	}
	if err := w.Write(0, rows); err != nil {
		return TableResult{}, err
	}
	return finish(w)
}
