package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/registry"
	"github.com/blocwatch/blocwatch/internal/store"
	"github.com/blocwatch/blocwatch/internal/undl"
)

// Defaults of the API's parameters.
const (
	defaultTop       = 10
	defaultVotes     = 100
	defaultSplits    = 50
	defaultFound     = 50
	defaultContested = 20
	defaultDivisive  = 20
)

// korea6 are the six parties of the Korean peninsula lens, west then east.
var korea6 = []string{"USA", "JPN", "KOR", "PRK", "CHN", "RUS"}

// pathState resolves the {code} of a path to a state with recorded votes.
func (s *Server) pathState(r *http.Request, sn *snapshot) (*registry.State, error) {
	code := r.PathValue("code")
	st, err := s.reg.Lookup(code)
	if err != nil {
		return nil, &notFoundError{clipErr(err)}
	}
	if _, ok := sn.m.State(st.Code); !ok {
		return nil, &notFoundError{fmt.Sprintf("%s (%s) has no recorded votes", st.Code, st.Name)}
	}
	return st, nil
}

// pathID reads the {id} of a path.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, paramErrorf("id", "%q is not a roll call id (a positive whole number)", clip(r.PathValue("id")))
	}
	return id, nil
}

// pathYear reads the {year} of a path; it must have roll calls.
func pathYear(r *http.Request, sn *snapshot) (int, error) {
	y, err := parseYear(r.PathValue("year"))
	if err != nil {
		return 0, &ParamError{"year", err.Error()}
	}
	if lo, hi := sn.m.YearRange(y); lo == hi {
		return 0, &notFoundError{fmt.Sprintf("no roll calls in %d", y)}
	}
	return y, nil
}

// yearFor returns the year a query asks for, or the state's default year
// (snapshot.stateYear).
func (sn *snapshot) yearFor(q Query, code string) (int, error) {
	if q.Year != 0 {
		return q.Year, nil
	}
	if y := sn.stateYear[code]; y != 0 {
		return y, nil
	}
	return 0, &notFoundError{code + " has no recorded votes"}
}

func orDefault(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// stateList is the registry's states, with what the matrix holds of each.
type stateList []stateInfo

type stateInfo struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	ISO2      string `json:"iso2,omitempty"`
	Former    bool   `json:"former,omitempty"`
	Observer  bool   `json:"observer,omitempty"`
	Admitted  string `json:"admitted,omitempty"`
	Left      string `json:"left,omitempty"`
	FirstYear int    `json:"first_year,omitempty"` // first year with a recorded vote
	LastYear  int    `json:"last_year,omitempty"`
}

// Rows writes one state a row.
func (l stateList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"code", "name", "iso2", "former", "observer", "admitted", "left", "first_year", "last_year"}}
	for _, s := range l {
		r.Data = append(r.Data, []any{s.Code, s.Name, s.ISO2, s.Former, s.Observer, s.Admitted, s.Left, s.FirstYear, s.LastYear})
	}
	return r
}

func (s *Server) stateInfo(sn *snapshot, st *registry.State) stateInfo {
	in := stateInfo{Code: st.Code, Name: st.Name, ISO2: st.ISO2, Former: st.Former, Observer: st.Observer, Admitted: st.Admitted, Left: st.Left}
	if ys := sn.stateYears[st.Code]; len(ys) > 0 {
		in.FirstYear, in.LastYear = ys[0], ys[len(ys)-1]
	}
	return in
}

func (s *Server) apiStates(r *http.Request, sn *snapshot, q Query) (any, error) {
	var out stateList
	for _, st := range s.reg.States() {
		out = append(out, s.stateInfo(sn, st))
	}
	return out, nil
}

func (s *Server) apiState(r *http.Request, sn *snapshot, q Query) (any, error) {
	st, err := s.pathState(r, sn)
	if err != nil {
		return nil, err
	}
	return stateList{s.stateInfo(sn, st)}, nil
}

// groupList is the registry's groups.
type groupList []groupInfo

type groupInfo struct {
	Code        string                `json:"code"`
	Name        string                `json:"name"`
	Description string                `json:"description,omitempty"`
	Members     []registry.Membership `json:"members"`
}

// Rows writes one membership a row.
func (l groupList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"group", "name", "state", "from", "to"}}
	for _, g := range l {
		for _, m := range g.Members {
			r.Data = append(r.Data, []any{g.Code, g.Name, m.State, m.From, m.To})
		}
	}
	return r
}

func (s *Server) apiGroups(r *http.Request, sn *snapshot, q Query) (any, error) {
	var out groupList
	for _, g := range s.reg.Groups() {
		out = append(out, groupInfo{Code: g.Code, Name: g.Name, Description: g.Description, Members: g.Members})
	}
	return out, nil
}

func (s *Server) apiStateVotes(r *http.Request, sn *snapshot, q Query) (any, error) {
	st, err := s.pathState(r, sn)
	if err != nil {
		return nil, err
	}
	from, to := q.From, q.To
	if q.Year != 0 {
		from, to = fmt.Sprintf("%d-01-01", q.Year), fmt.Sprintf("%d-12-31", q.Year)
	}
	mask := sn.mask(q.bodyOr(BodyAll), q.Issue, from, to)
	return sn.stateVotes(st.Code, st.Name, mask, q.Offset, orDefault(q.Limit, defaultVotes)), nil
}

func (s *Server) apiPartners(r *http.Request, sn *snapshot, q Query) (any, error) {
	st, err := s.pathState(r, sn)
	if err != nil {
		return nil, err
	}
	year, err := sn.yearFor(q, st.Code)
	if err != nil {
		return nil, err
	}
	return s.partners(sn, st.Code, year, q.bodyOr(record.GA), q.Issue, q.Metric, orDefault(q.Top, defaultTop))
}

func (s *Server) apiStateMap(r *http.Request, sn *snapshot, q Query) (any, error) {
	st, err := s.pathState(r, sn)
	if err != nil {
		return nil, err
	}
	year, err := sn.yearFor(q, st.Code)
	if err != nil {
		return nil, err
	}
	l, err := s.partners(sn, st.Code, year, q.bodyOr(record.GA), q.Issue, q.Metric, 0)
	if err != nil {
		return nil, err
	}
	return s.agreementMap(l), nil
}

// resolveStates reads the states= list (states and groups, whose members
// are listed), or def if it is empty.
func (s *Server) resolveStates(sn *snapshot, q Query, def []string) ([]string, error) {
	if len(q.States) == 0 {
		return def, nil
	}
	var out []string
	for _, t := range q.States {
		sd, err := s.resolveSide(sn, "states", t)
		if err != nil {
			return nil, err
		}
		if sd.Group {
			out = append(out, sd.Members...)
		} else {
			out = append(out, sd.Code)
		}
	}
	return out, nil
}

func yearOf(date string) int { return record.YearOf(date) }

func (s *Server) apiIdeal(r *http.Request, sn *snapshot, q Query) (any, error) {
	states, err := s.resolveStates(sn, q, korea6)
	if err != nil {
		return nil, err
	}
	from, to := yearOf(q.From), yearOf(q.To)
	if q.Year != 0 {
		from, to = q.Year, q.Year
	}
	return sn.idealPaths(states, from, to), nil
}

func (s *Server) apiCamps(r *http.Request, sn *snapshot, q Query) (any, error) {
	return s.camps(sn, q.Metric, q.bodyOr(record.GA), q.Issue)
}

func (s *Server) apiContested(r *http.Request, sn *snapshot, q Query) (any, error) {
	states, err := s.resolveStates(sn, q, korea6)
	if err != nil {
		return nil, err
	}
	return sn.contested(states, q.bodyOr(record.GA), orDefault(q.Limit, defaultContested)), nil
}

// pair resolves the a= and b= sides.
func (s *Server) pair(sn *snapshot, q Query) (*side, *side, error) {
	a, err := s.resolveSide(sn, "a", q.A)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.resolveSide(sn, "b", q.B)
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func (s *Server) apiSeries(r *http.Request, sn *snapshot, q Query) (any, error) {
	a, b, err := s.pair(sn, q)
	if err != nil {
		return nil, err
	}
	return sn.compareSeries(a, b, q.metricsOr(align.Agree), q.bodyOr(record.GA), q.Issue, q.Window, false)
}

func (s *Server) apiIssues(r *http.Request, sn *snapshot, q Query) (any, error) {
	a, b, err := s.pair(sn, q)
	if err != nil {
		return nil, err
	}
	return sn.compareIssues(a, b, q.Metric, q.bodyOr(record.GA), q.Window)
}

func (s *Server) apiCrossTab(r *http.Request, sn *snapshot, q Query) (any, error) {
	a, b, err := s.pair(sn, q)
	if err != nil {
		return nil, err
	}
	return sn.crossTable(a, b, q.bodyOr(record.GA), q.Issue, q.From, q.To)
}

func (s *Server) apiSplits(r *http.Request, sn *snapshot, q Query) (any, error) {
	a, b, err := s.pair(sn, q)
	if err != nil {
		return nil, err
	}
	return sn.splits(a, b, q.bodyOr(record.GA), q.Issue, q.From, q.To, q.Offset, orDefault(q.Limit, defaultSplits))
}

func (s *Server) apiSearch(r *http.Request, sn *snapshot, q Query) (any, error) {
	from, to := q.From, q.To
	if q.Year != 0 {
		from, to = fmt.Sprintf("%d-01-01", q.Year), fmt.Sprintf("%d-12-31", q.Year)
	}
	return s.search(r.Context(), sn, q.Text, q.bodyOr(BodyAll), from, to, q.Offset, orDefault(q.Limit, defaultFound))
}

// rollCallJSON is a roll call as the API writes it: the stored roll call,
// as `blocwatch vote --format json` writes it (internal/view), with the
// title without its catalogue suffix; as CSV one member a row.
type rollCallJSON struct{ d *rollCallDetail }

func (v rollCallJSON) MarshalJSON() ([]byte, error) {
	rc := *v.d.RollCall
	rc.Title = v.d.Title
	return json.Marshal(&rc)
}

func (v rollCallJSON) Rows() *format.Rows { return rollCallRows{v.d}.Rows() }

func (s *Server) apiRollCall(r *http.Request, sn *snapshot, q Query) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	d, err := s.rollCall(r.Context(), sn, id)
	if err != nil {
		return nil, err
	}
	return rollCallJSON{d}, nil
}

func (s *Server) apiRollCallMap(r *http.Request, sn *snapshot, q Query) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	d, err := s.rollCall(r.Context(), sn, id)
	if err != nil {
		return nil, err
	}
	return d.Map, nil
}

func (s *Server) apiBreaks(r *http.Request, sn *snapshot, q Query) (any, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	d, err := s.rollCall(r.Context(), sn, id)
	if err != nil {
		return nil, err
	}
	if d.Breaks == nil {
		return &breakSet{ID: id, Breaks: []breakRow{}}, nil
	}
	return d.Breaks, nil
}

// rollCallBySymbol finds the roll call named by symbol= (and date=).
func (s *Server) rollCallBySymbol(r *http.Request, q Query) (*store.RollCall, error) {
	if q.Symbol == "" {
		return nil, paramErrorf("symbol", "missing: give a resolution symbol such as A/RES/ES-11/1")
	}
	st := s.store()
	if st == nil {
		return nil, errNoData
	}
	return st.RollCallBySymbol(r.Context(), q.Symbol, q.Date)
}

func (s *Server) apiResolution(r *http.Request, sn *snapshot, q Query) (any, error) {
	rc, err := s.rollCallBySymbol(r, q)
	if err != nil {
		return nil, err
	}
	d, err := s.rollCall(r.Context(), sn, rc.ID)
	if err != nil {
		return nil, err
	}
	return rollCallJSON{d}, nil
}

// yearList is the years with roll calls, with counts per body.
type yearList []yearInfo

type yearInfo struct {
	Year int `json:"year"`
	GA   int `json:"ga"`
	SC   int `json:"sc"`
}

// Rows writes one year a row.
func (l yearList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"year", "ga", "sc"}}
	for _, y := range l {
		r.Data = append(r.Data, []any{y.Year, y.GA, y.SC})
	}
	return r
}

func (sn *snapshot) yearList() yearList {
	var out yearList
	for _, y := range sn.m.Years() {
		lo, hi := sn.m.YearRange(y)
		in := yearInfo{Year: y}
		for i := lo; i < hi; i++ {
			if sn.m.RollCall(i).Body == record.SC {
				in.SC++
			} else {
				in.GA++
			}
		}
		out = append(out, in)
	}
	return out
}

func (s *Server) apiYears(r *http.Request, sn *snapshot, q Query) (any, error) {
	return sn.yearList(), nil
}

func (s *Server) apiYearMatrix(r *http.Request, sn *snapshot, q Query) (any, error) {
	y, err := pathYear(r, sn)
	if err != nil {
		return nil, err
	}
	return s.yearMatrix(sn, y, q.bodyOr(record.GA), q.Issue, q.Metric)
}

func (s *Server) apiDivisive(r *http.Request, sn *snapshot, q Query) (any, error) {
	y, err := pathYear(r, sn)
	if err != nil {
		return nil, err
	}
	return sn.divisive(y, q.bodyOr(record.GA), orDefault(q.Limit, defaultDivisive)), nil
}

// status is what GET /api/v1/status and /healthz report.
type status struct {
	Status    string       `json:"status"`           // ok, no-data, or failing (see reason)
	Reason    string       `json:"reason,omitempty"` // why the status is failing
	Version   int          `json:"version"`
	RollCalls int          `json:"roll_calls"` // in the default universe: each vote once
	Records   int          `json:"records"`    // roll-call records in the store, of every kind
	States    int          `json:"states"`
	Years     [2]int       `json:"years,omitzero"`
	Loaded    time.Time    `json:"loaded"`
	Ideal     *idealState  `json:"ideal"`
	Updating  bool         `json:"updating,omitempty"`
	Progress  string       `json:"progress,omitempty"` // what the running update is doing
	Last      *adminResult `json:"last_admin_action,omitempty"`
	Notice    string       `json:"notice,omitempty"`
	Cached    int          `json:"cached_results"`
	CacheMB   float64      `json:"cache_mb"` // estimated size of the cached results and responses
	Warm      bool         `json:"warm"`     // the results every resolution page needs are precomputed
}

func (s *Server) status() status {
	sn := s.snap.Load()
	st := status{Status: "ok", Version: sn.version, Loaded: sn.loaded, Ideal: sn.ideal.Load(), Updating: s.updating.Load(), Progress: s.updateProgress(), Last: s.lastErr.Load(), Cached: sn.cache.len(),
		CacheMB: float64(sn.cache.bytes()+sn.resp.bytes()) / (1 << 20), Warm: sn.warmed.Load()}
	if f := s.fault.Load(); f != nil {
		st.Status, st.Reason = "failing", *f
	}
	if !sn.ready() {
		if st.Status == "ok" {
			st.Status = "no-data"
		}
		st.Notice = s.noDataHelp()
		return st
	}
	st.RollCalls, st.States, st.Records = sn.m.NumRollCalls(), sn.m.NumStates(), sn.records
	ys := sn.m.Years()
	st.Years = [2]int{ys[0], ys[len(ys)-1]}
	return st
}

func (s *Server) apiStatus(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, s.status())
}

// healthz answers 200 while the server runs and can follow its store, with
// or without data, and 503 with the reason when it cannot (the store file
// was deleted, or cannot be read).
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	st := s.status()
	code := http.StatusOK
	if st.Status == "failing" {
		code = http.StatusServiceUnavailable
	}
	body := map[string]any{"status": st.Status, "version": st.Version, "roll_calls": st.RollCalls, "records": st.Records, "ideal": st.Ideal.Status, "warm": st.Warm}
	if st.Reason != "" {
		body["reason"] = st.Reason
	}
	if st.Updating {
		body["updating"] = true
		body["progress"] = st.Progress
	}
	writeJSON(w, code, body)
}

// noDataHelp says how to get data into the store, or how far the update
// that gets them is.
func (s *Server) noDataHelp() string {
	if s.updating.Load() {
		return "Fetching the voting records from the UN Digital Library: " + s.updateProgress() + ". The pages fill in by themselves when it is done; reload this page to see how far it got."
	}
	msg := fmt.Sprintf("The store %s holds no voting records.", s.cfg.DBPath)
	if s.cfg.Notice != "" {
		msg += " " + s.cfg.Notice
	}
	if last := s.lastErr.Load(); last != nil && last.Error != "" && last.Action != "reload" {
		msg += fmt.Sprintf(" The %s from the UN Digital Library failed: %s.", last.Action, firstLine(last.Error))
	}
	self := s.cfg.Command
	msg += " To get them, run `" + self + " update`. " + undl.OfflineAdvice(self+" ingest")
	if s.cfg.Watch > 0 {
		msg += fmt.Sprintf(" The server picks the new data up by itself within %s.", s.cfg.Watch)
	} else {
		msg += " Then restart the server, or reload it (POST /api/v1/admin/reload)."
	}
	return msg
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
