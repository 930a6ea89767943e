package server

import (
	"errors"
	"fmt"
	"strings"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/format"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/votes"
)

// mask returns the roll calls of a body ("" for both) and issue (0 for
// all) between two dates (empty for open), cached per snapshot.
func (sn *snapshot) mask(body record.Body, issue record.Issue, from, to string) votes.Mask {
	key := fmt.Sprintf("mask|%s|%d|%s|%s", body, issue, from, to)
	k, _ := cached(sn.cache, key, func() (votes.Mask, error) {
		return sn.m.Select(votes.Filter{Body: body, Issues: issue, From: from, To: to}), nil
	})
	return k
}

// windows returns the windows of the kind a query asks for.
func (sn *snapshot) windows(kind string) []align.Window {
	if kind == "session" {
		return align.Sessions(sn.m)
	}
	return align.Years(sn.m)
}

// value is a measure's value for JSON: null where undefined.
type value = *float64

func valueOf(v align.Value) value {
	if !v.Defined {
		return nil
	}
	x := v.X
	return &x
}

func cell(v value) any {
	if v == nil {
		return nil
	}
	return *v
}

// seriesRow is one window of a comparison.
type seriesRow struct {
	Window string           `json:"window"`
	Year   int              `json:"year,omitempty"`
	From   string           `json:"from"`
	To     string           `json:"to"`
	N      int              `json:"n"`
	Dyads  int              `json:"dyads,omitempty"`
	Values map[string]value `json:"values"`
	// Partial marks a window the data cover only in part.
	Partial bool `json:"partial"`
}

// series is the comparison of two sides over time.
type series struct {
	A       *side    `json:"a"`
	B       *side    `json:"b"`
	Body    string   `json:"body"`
	Issue   string   `json:"issue,omitempty"`
	Window  string   `json:"window"`
	Metrics []string `json:"metrics"`
	Mode    string   `json:"mode"` // modal vote, or mean of member dyads
	// Universe names the roll calls counted; Through says how far the data go.
	Universe string      `json:"universe"`
	Through  string      `json:"through"`
	Windows  []seriesRow `json:"rows"`
}

// Rows writes one window a row, one column per metric.
func (s *series) Rows() *format.Rows {
	cols := []string{"a", "b", "body", "issue", "window", "year", "n"}
	cols = append(cols, s.Metrics...)
	cols = append(cols, "partial", "universe")
	r := &format.Rows{Columns: cols}
	for _, row := range s.Windows {
		line := []any{s.A.Code, s.B.Code, s.Body, s.Issue, row.Window, row.Year, row.N}
		for _, m := range s.Metrics {
			line = append(line, cell(row.Values[m]))
		}
		line = append(line, row.Partial, s.Universe)
		r.Data = append(r.Data, line)
	}
	return r
}

func metricNames(ms []align.Metric) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.String()
	}
	return out
}

// compareSeries measures a against b in every window. meanOfDyads measures
// groups by the mean over their member dyads instead of by their modal vote.
func (sn *snapshot) compareSeries(a, b *side, ms []align.Metric, body record.Body, issue record.Issue, window string, meanOfDyads bool) (*series, error) {
	key := fmt.Sprintf("series|%s|%s|%s|%s|%d|%s|%v", a.Code, b.Code, strings.Join(metricNames(ms), ","), body, issue, window, meanOfDyads)
	return cached(sn.cache, key, func() (*series, error) {
		out := &series{A: a, B: b, Body: bodyParam(body), Issue: issueCode(issue), Window: window, Metrics: metricNames(ms), Mode: "modal vote", Windows: []seriesRow{},
			Universe: votes.Universe{}.String()}
		out.Through = sn.cov.Through(body)
		if meanOfDyads {
			out.Mode = "mean of member dyads"
		}
		o := align.Options{Metrics: ms, Mask: sn.mask(body, issue, "", ""), MinN: 1, MeanOfDyads: meanOfDyads}
		res, err := align.Compare(sn.m, a.align, b.align, sn.windows(window), o)
		if err != nil {
			if errors.Is(err, votes.ErrNoVotes) {
				return out, nil
			}
			return nil, err
		}
		for _, r := range res.Rows {
			row := seriesRow{Window: r.Label, Year: r.Year, From: r.From, To: r.To, N: r.N, Dyads: r.Dyads, Values: map[string]value{}}
			row.Partial = sn.cov.Partial(body, r.From, r.To)
			for i, m := range res.Metrics {
				row.Values[m.String()] = valueOf(r.Values[i])
			}
			out.Windows = append(out.Windows, row)
		}
		return out, nil
	})
}

// issueSeries is the comparison of two sides on each issue, with one metric.
type issueSeries struct {
	A      *side            `json:"a"`
	B      *side            `json:"b"`
	Body   string           `json:"body"`
	Metric string           `json:"metric"`
	Issues []issueSeriesSet `json:"issues"`
}

type issueSeriesSet struct {
	Issue string      `json:"issue"` // "" for all issues
	Name  string      `json:"name"`
	Rows  []seriesRow `json:"rows"`
}

// Rows writes one issue and window a row.
func (s *issueSeries) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"a", "b", "body", "issue", "window", "year", "n", s.Metric}}
	for _, set := range s.Issues {
		for _, row := range set.Rows {
			r.Data = append(r.Data, []any{s.A.Code, s.B.Code, s.Body, set.Issue, row.Window, row.Year, row.N, cell(row.Values[s.Metric])})
		}
	}
	return r
}

// compareIssues measures a against b on all roll calls and on each issue.
func (sn *snapshot) compareIssues(a, b *side, m align.Metric, body record.Body, window string) (*issueSeries, error) {
	out := &issueSeries{A: a, B: b, Body: bodyParam(body), Metric: m.String()}
	codes := append([]string{""}, record.Issue(0xff).Codes()...)
	for _, c := range codes {
		var is record.Issue
		name := "All roll calls"
		if c != "" {
			is, _ = record.ParseIssue(c)
			name = record.IssueName(c)
		}
		s, err := sn.compareSeries(a, b, []align.Metric{m}, body, is, window, false)
		if err != nil {
			return nil, err
		}
		out.Issues = append(out.Issues, issueSeriesSet{Issue: c, Name: name, Rows: s.Windows})
	}
	return out, nil
}

// crossTable is the Y/N/A cross-table of two sides.
type crossTable struct {
	A      *side            `json:"a"`
	B      *side            `json:"b"`
	Body   string           `json:"body"`
	Issue  string           `json:"issue,omitempty"`
	From   string           `json:"from,omitempty"`
	To     string           `json:"to,omitempty"`
	N      int              `json:"n"`
	Counts [3][3]int        `json:"counts"` // rows: a's yes, no, abstain; columns: b's
	Values map[string]value `json:"values"` // every metric
}

var voteNames = [3]string{"yes", "no", "abstain"}

// Rows writes one row per vote of a, one column per vote of b.
func (c *crossTable) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"a_vote", "b_yes", "b_no", "b_abstain", "total"}}
	for i, v := range voteNames {
		row := []any{v}
		t := 0
		for j := range 3 {
			row = append(row, c.Counts[i][j])
			t += c.Counts[i][j]
		}
		r.Data = append(r.Data, append(row, t))
	}
	total := []any{"total"}
	for j := range 3 {
		total = append(total, c.Counts[0][j]+c.Counts[1][j]+c.Counts[2][j])
	}
	r.Data = append(r.Data, append(total, c.N))
	return r
}

func (sn *snapshot) crossTable(a, b *side, body record.Body, issue record.Issue, from, to string) (*crossTable, error) {
	key := fmt.Sprintf("cross|%s|%s|%s|%d|%s|%s", a.Code, b.Code, body, issue, from, to)
	return cached(sn.cache, key, func() (*crossTable, error) {
		c, err := align.Positions(sn.m, a.align, b.align, sn.mask(body, issue, from, to))
		if err != nil {
			return nil, err
		}
		out := &crossTable{A: a, B: b, Body: bodyParam(body), Issue: issueCode(issue), From: from, To: to, N: c.N(), Values: map[string]value{}}
		for i := range 3 {
			for j := range 3 {
				out.Counts[i][j] = int(c[i][j])
			}
		}
		for _, m := range align.Metrics() {
			out.Values[m.String()] = valueOf(c.Measure(m))
		}
		return out, nil
	})
}

// split is a roll call on which two sides voted differently.
type split struct {
	rollCallRef
	A      string `json:"a_vote"`
	B      string `json:"b_vote"`
	Margin int    `json:"margin"`
}

// splitList is a page of the roll calls on which two sides split.
type splitList struct {
	A      *side   `json:"a"`
	B      *side   `json:"b"`
	Body   string  `json:"body"`
	Issue  string  `json:"issue,omitempty"`
	Total  int     `json:"total"`
	Offset int     `json:"offset"`
	Splits []split `json:"splits"`
}

// Rows writes one roll call a row.
func (l *splitList) Rows() *format.Rows {
	r := &format.Rows{Columns: []string{"id", "date", "body", "resolution", "a_vote", "b_vote", "margin", "yes", "no", "abstain", "issues", "issues_origin", "title"}}
	for _, s := range l.Splits {
		r.Data = append(r.Data, []any{s.ID, s.Date, s.Body, s.Resolution, s.A, s.B, s.Margin, s.Tally.Yes, s.Tally.No, s.Tally.Abstain, strings.Join(s.Issues, ","), s.Origin, s.Title})
	}
	return r
}

func (sn *snapshot) splits(a, b *side, body record.Body, issue record.Issue, from, to string, offset, limit int) (*splitList, error) {
	key := fmt.Sprintf("splits|%s|%s|%s|%d|%s|%s", a.Code, b.Code, body, issue, from, to)
	all, err := cached(sn.cache, key, func() ([]align.Split, error) {
		return align.Diverge(sn.m, a.align, b.align, sn.mask(body, issue, from, to))
	})
	if err != nil {
		return nil, err
	}
	out := &splitList{A: a, B: b, Body: bodyParam(body), Issue: issueCode(issue), Total: len(all), Offset: offset, Splits: []split{}}
	for i := offset; i < len(all) && i < offset+limit; i++ {
		s := all[i]
		out.Splits = append(out.Splits, split{rollCallRef: refOf(s.RollCall), A: s.A.String(), B: s.B.String(), Margin: s.Margin})
	}
	return out, nil
}
