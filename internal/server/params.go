package server

import (
	"cmp"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/query"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/view"
)

// ParamError reports a malformed query parameter. The API answers it with
// 400 and {"error": Msg, "parameter": Param}.
type ParamError struct {
	Param string
	Msg   string
}

func (e *ParamError) Error() string { return e.Param + ": " + e.Msg }

func paramErrorf(param, format string, args ...any) *ParamError {
	return &ParamError{Param: param, Msg: fmt.Sprintf(format, args...)}
}

// Bodies as a query selects them. BodyAll is body=all; the zero value means
// the parameter was not given and the endpoint's default applies.
const BodyAll record.Body = "all"

// Query holds the parameters that pages and API endpoints share, parsed and
// checked. Parameters a handler does not use are still checked; unknown
// parameters are ignored.
type Query struct {
	Year     int            // year=1995; 0 if not given
	From, To string         // from=, to=: YYYY, YYYY-MM or YYYY-MM-DD, stored as full dates
	Body     record.Body    // body=GA|SC|all; "" if not given
	Issue    record.Issue   // issue=me|nu|di|hr|co|ec; 0 for all
	Metric   align.Metric   // metric=agree (the first of metrics= if only that is given)
	Metrics  []align.Metric // metrics=agree,s,kappa; nil if not given
	A, B     string         // a=, b=: a state or a group, as typed
	States   []string       // states=USA,JPN: states or groups, as typed
	Text     string         // q=: search words
	Symbol   string         // symbol=A/RES/ES-11/1
	Date     string         // date=YYYY-MM-DD
	Limit    int            // limit=; 0 if not given
	Offset   int            // offset=
	Top      int            // top=; 0 if not given
	Format   format.Format  // format=json|csv; json if not given
	Window   string         // window=year|session; "year" if not given

	metricSet bool
}

// Bounds of the parameters.
const (
	minYear     = 1945
	maxYear     = 2100
	maxLimit    = 1000
	maxOffset   = 100000
	maxTop      = 250
	maxText     = 200
	maxStates   = 12
	maxSideText = 80
)

// ParseQuery reads the shared parameters from a URL query. The first error
// found is returned as a *ParamError naming the parameter.
func ParseQuery(v url.Values) (Query, error) {
	q := Query{Format: format.JSON, Window: "year", Metric: align.Agree}
	get := func(name string) (string, bool) {
		vs, ok := v[name]
		if !ok || len(vs) == 0 {
			return "", false
		}
		return strings.TrimSpace(vs[0]), true
	}
	if s, ok := get("year"); ok && s != "" {
		y, err := parseYear(s)
		if err != nil {
			return q, &ParamError{"year", err.Error()}
		}
		q.Year = y
	}
	for _, p := range []struct {
		name string
		end  bool
		dst  *string
	}{{"from", false, &q.From}, {"to", true, &q.To}, {"date", false, &q.Date}} {
		s, ok := get(p.name)
		if !ok || s == "" {
			continue
		}
		if p.name == "date" && len(s) != 10 {
			return q, paramErrorf("date", "%q is not a date (want YYYY-MM-DD)", clip(s))
		}
		d, err := parseDate(s, p.end)
		if err != nil {
			return q, &ParamError{p.name, err.Error()}
		}
		*p.dst = d
	}
	if q.From != "" && q.To != "" && q.From > q.To {
		return q, paramErrorf("to", "%s is before from=%s", q.To, q.From)
	}
	if s, ok := get("body"); ok && s != "" {
		b, err := query.Body(s)
		if err != nil {
			return q, &ParamError{"body", err.Error()}
		}
		q.Body = cmp.Or(b, BodyAll)
	}
	if s, ok := get("issue"); ok && s != "" && !strings.EqualFold(s, "all") {
		is, err := record.ParseIssue(s)
		if err != nil {
			return q, paramErrorf("issue", "unknown issue %q (want one of me, nu, di, hr, co, ec, or all)", clip(s))
		}
		q.Issue = is
	}
	if s, ok := get("metrics"); ok && s != "" {
		ms, err := align.ParseMetrics(s)
		if err != nil {
			return q, &ParamError{"metrics", clipErr(err)}
		}
		q.Metrics = ms
		q.Metric = ms[0]
		q.metricSet = true
	}
	if s, ok := get("metric"); ok && s != "" {
		m, err := align.ParseMetric(s)
		if err != nil {
			return q, &ParamError{"metric", clipErr(err)}
		}
		q.Metric = m
		q.metricSet = true
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"a", &q.A}, {"b", &q.B}} {
		if s, ok := get(p.name); ok {
			if len(s) > maxSideText {
				return q, paramErrorf(p.name, "too long (at most %d characters)", maxSideText)
			}
			*p.dst = s
		}
	}
	if s, ok := get("states"); ok && s != "" {
		for _, f := range strings.Split(s, ",") {
			f = strings.TrimSpace(f)
			if f == "" {
				continue
			}
			if len(f) > maxSideText {
				return q, paramErrorf("states", "a state is at most %d characters", maxSideText)
			}
			q.States = append(q.States, f)
		}
		if len(q.States) > maxStates {
			return q, paramErrorf("states", "%d states given (at most %d)", len(q.States), maxStates)
		}
	}
	if s, ok := get("q"); ok {
		if len(s) > maxText {
			return q, paramErrorf("q", "too long (at most %d characters)", maxText)
		}
		q.Text = s
	}
	if s, ok := get("symbol"); ok {
		if len(s) > maxSideText {
			return q, paramErrorf("symbol", "too long (at most %d characters)", maxSideText)
		}
		q.Symbol = s
	}
	for _, p := range []struct {
		name     string
		min, max int
		dst      *int
	}{{"limit", 1, maxLimit, &q.Limit}, {"offset", 0, maxOffset, &q.Offset}, {"top", 1, maxTop, &q.Top}} {
		s, ok := get(p.name)
		if !ok || s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return q, paramErrorf(p.name, "%q is not a whole number", clip(s))
		}
		if n < p.min || n > p.max {
			return q, paramErrorf(p.name, "%d is out of range (%d to %d)", n, p.min, p.max)
		}
		*p.dst = n
	}
	if s, ok := get("format"); ok && s != "" {
		switch strings.ToLower(s) {
		case "json":
			q.Format = format.JSON
		case "csv":
			q.Format = format.CSV
		default:
			return q, paramErrorf("format", "unknown format %q (want json or csv)", clip(s))
		}
	}
	if s, ok := get("window"); ok && s != "" {
		switch strings.ToLower(s) {
		case "year", "session":
			q.Window = strings.ToLower(s)
		default:
			return q, paramErrorf("window", "unknown window %q (want year or session)", clip(s))
		}
	}
	return q, nil
}

// parseYear and parseDate are query.Year and query.Date: the command
// line's rules.
func parseYear(s string) (int, error) { return query.Year(s) }

func parseDate(s string, end bool) (string, error) { return query.Date(s, end) }

// clip shortens what a user typed for an error message.
func clip(s string) string { return query.Clip(s) }

// clipErr returns an error's message, shortened if it quotes much of what
// a user typed.
func clipErr(err error) string {
	s := err.Error()
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "") + "…"
	}
	return s
}

// bodyOr returns the body the query selects, or def if none was given; ""
// means both bodies.
func (q Query) bodyOr(def record.Body) record.Body {
	b := q.Body
	if b == "" {
		b = def
	}
	if b == BodyAll {
		return ""
	}
	return b
}

// bodyParam returns the body as a query parameter value.
func bodyParam(b record.Body) string { return view.BodyName(b) }

// issueCode returns the issue's code, or "" for all issues.
func issueCode(is record.Issue) string {
	if cs := is.Codes(); len(cs) == 1 {
		return cs[0]
	}
	return ""
}

// metricsOr returns the metrics the query selects, or def.
func (q Query) metricsOr(def ...align.Metric) []align.Metric {
	if q.Metrics != nil {
		return q.Metrics
	}
	if q.metricSet {
		return []align.Metric{q.Metric}
	}
	return def
}
