package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
)

type checkbox struct {
	Value, Label string
	Checked      bool
}

type compareData struct {
	A, B                    *side
	AText, BText            string
	From, To                string
	Metric                  string
	MetricChecks            []checkbox
	Metrics, Bodies, Issues []option
	Measures                *chart
	ByIssue                 *chart
	Cross                   *table
	CrossValues             *table
	CrossCSV                string
	Splits                  *table
	SplitsTotal             int
	SplitsCSV               string
	Prev, Next              string
	Range                   string
}

// defaultMeasures are the measures the compare page draws unless asked.
var defaultMeasures = []align.Metric{align.Agree, align.Coincidence, align.S, align.Kappa}

func (s *Server) comparePage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	if q.A == "" {
		q.A = "USA"
	}
	if q.B == "" {
		q.B = "CHN"
	}
	a, b, err := s.pair(sn, q)
	if err != nil {
		return nil, err
	}
	body := q.bodyOr(record.GA)
	ms := q.Metrics
	if ms == nil {
		ms = defaultMeasures
	}
	m := q.Metric
	d := &compareData{A: a, B: b, AText: a.Code, BText: b.Code, From: dateParam(r, "from"), To: dateParam(r, "to"), Metric: m.String(),
		Metrics: metricOptions(m), Bodies: bodyOptions(body), Issues: issueOptions(q.Issue)}
	for _, x := range align.Metrics() {
		checked := false
		for _, y := range ms {
			checked = checked || x == y
		}
		d.MetricChecks = append(d.MetricChecks, checkbox{Value: x.String(), Label: metricLabel(x), Checked: checked})
	}
	sel := url.Values{"a": {a.Code}, "b": {b.Code}, "body": {bodyParam(body)}}
	if c := issueCode(q.Issue); c != "" {
		sel.Set("issue", c)
	}

	ser, err := sn.compareSeries(a, b, ms, body, q.Issue, "year", false)
	if err != nil {
		return nil, err
	}
	d.Measures = measuresChart(ser, ms, sel)

	iss, err := sn.compareIssues(a, b, m, body, "year")
	if err != nil {
		return nil, err
	}
	isel := url.Values{"a": {a.Code}, "b": {b.Code}, "body": {bodyParam(body)}, "metric": {m.String()}}
	d.ByIssue = issuesChart(iss, m, isel)

	ct, err := sn.crossTable(a, b, body, q.Issue, q.From, q.To)
	if err != nil {
		return nil, err
	}
	d.Range = "all years"
	if q.From != "" || q.To != "" {
		d.Range = q.From + " to " + q.To
	}
	d.Cross, d.CrossValues = crossTables(ct)
	csel := cloneValues(sel)
	if q.From != "" {
		csel.Set("from", q.From)
	}
	if q.To != "" {
		csel.Set("to", q.To)
	}
	d.CrossCSV = csvURL("/api/v1/compare/crosstab", csel)

	limit := orDefault(q.Limit, defaultSplits)
	sp, err := sn.splits(a, b, body, q.Issue, q.From, q.To, q.Offset, limit)
	if err != nil {
		return nil, err
	}
	d.SplitsTotal = sp.Total
	d.Splits = splitsTable(sp)
	d.SplitsCSV = csvURL("/api/v1/compare/splits", csel)
	pageURL := func(off int) string {
		v := cloneValues(r.URL.Query())
		v.Set("offset", strconv.Itoa(off))
		return "/compare?" + v.Encode() + "#splits"
	}
	if q.Offset > 0 {
		d.Prev = pageURL(max(0, q.Offset-limit))
	}
	if q.Offset+limit < sp.Total {
		d.Next = pageURL(q.Offset + limit)
	}
	return &page{Template: "compare", Title: a.Code + " and " + b.Code, Nav: "compare", Data: d}, nil
}

// dateParam returns a query parameter as typed, for the form.
func dateParam(r *http.Request, name string) string { return clip(r.URL.Query().Get(name)) }

func measuresChart(ser *series, ms []align.Metric, sel url.Values) *chart {
	allPercent := true
	for _, m := range ms {
		allPercent = allPercent && metricInfo[m].Percent
	}
	var rows []linePoint
	t := &table{Caption: "By year (roll calls in brackets)", Columns: []column{{Label: "Year"}, {Label: "n", Num: true, Title: "roll calls on which both cast a vote"}}}
	for _, m := range ms {
		t.Columns = append(t.Columns, column{Label: metricLabel(m), Num: true})
	}
	for _, r := range ser.Windows {
		for _, m := range ms {
			if v := r.Values[m.String()]; v != nil {
				rows = append(rows, linePoint{S: metricLabel(m), X: r.Year, Y: *v, N: r.N, Partial: r.Partial})
			}
		}
	}
	for i := len(ser.Windows) - 1; i >= 0; i-- {
		r := ser.Windows[i]
		row := []tcell{text(r.Window), numCell(r.N)}
		for _, m := range ms {
			row = append(row, valueCell(r.Values[m.String()], allPercent))
		}
		t.Rows = append(t.Rows, row)
	}
	spec := chartSpec{Kind: "lines", Name: fmt.Sprintf("%s-%s-measures", ser.A.Code, ser.B.Code), Rows: rows, YLabel: "Value", Percent: allPercent}
	if allPercent {
		spec.YDomain = []float64{0, 1}
	} else {
		spec.YDomain = []float64{-1, 1}
		zero := 0.0
		spec.Rule = &zero
	}
	q := cloneValues(sel)
	q.Set("metrics", joinMetrics(ms))
	mode := "Groups vote by their members' modal vote."
	if !ser.A.Group && !ser.B.Group {
		mode = ""
	}
	return &chart{ID: "measures", Title: fmt.Sprintf("%s and %s: agreement over time, by measure", ser.A.Name, ser.B.Name), Spec: spec, Table: t, CSV: csvURL("/api/v1/compare/series", q),
		Note: "Each measure year by year over the roll calls on which both cast a vote (yes, no or abstain). " + mode + " Definitions: About."}
}

func joinMetrics(ms []align.Metric) string {
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += ","
		}
		s += m.String()
	}
	return s
}

func issuesChart(iss *issueSeries, m align.Metric, sel url.Values) *chart {
	info := metricInfo[m]
	var rows []facetPoint
	var all []seriesRow
	for _, set := range iss.Issues {
		if set.Issue == "" {
			all = set.Rows
		}
	}
	t := &table{Caption: info.Label + " by issue and year", Columns: []column{{Label: "Year"}}}
	byYear := map[int][]value{}
	for k, set := range iss.Issues {
		t.Columns = append(t.Columns, column{Label: issueShort(set.Issue), Num: true, Title: set.Name})
		for _, r := range set.Rows {
			if byYear[r.Year] == nil {
				byYear[r.Year] = make([]value, len(iss.Issues))
			}
			byYear[r.Year][k] = r.Values[iss.Metric]
		}
		if set.Issue == "" {
			continue
		}
		for _, r := range all {
			if v := r.Values[iss.Metric]; v != nil {
				rows = append(rows, facetPoint{F: issueTitle[set.Issue], S: "All roll calls", X: r.Year, Y: *v, N: r.N})
			}
		}
		for _, r := range set.Rows {
			if v := r.Values[iss.Metric]; v != nil {
				rows = append(rows, facetPoint{F: issueTitle[set.Issue], S: set.Name, X: r.Year, Y: *v, N: r.N})
			}
		}
	}
	years := sortedKeys(byYear)
	for i := len(years) - 1; i >= 0; i-- {
		row := []tcell{text(strconv.Itoa(years[i]))}
		for _, v := range byYear[years[i]] {
			row = append(row, valueCell(v, info.Percent))
		}
		t.Rows = append(t.Rows, row)
	}
	spec := chartSpec{Kind: "facets", Name: fmt.Sprintf("%s-%s-issues-%s", iss.A.Code, iss.B.Code, m), Rows: rows, YLabel: info.Label, YDomain: metricDomain(m), Percent: info.Percent}
	return &chart{ID: "issues", Title: info.Label + " by issue", Spec: spec, Table: t, CSV: csvURL("/api/v1/compare/issues", sel),
		Note: "One panel per issue (Voeten's six codes; roll calls without them are classified from their titles): the issue's roll calls in blue, all roll calls in dashed grey for reference."}
}

// issueTitle names the issues briefly, for the panels.
var issueTitle = map[string]string{
	"me": "me: Palestinian conflict", "nu": "nu: Nuclear weapons", "di": "di: Arms control",
	"hr": "hr: Human rights", "co": "co: Colonialism", "ec": "ec: Economic development",
}

func issueShort(code string) string {
	if code == "" {
		return "all"
	}
	return code
}

func crossTables(ct *crossTable) (*table, *table) {
	t := &table{Caption: fmt.Sprintf("Rows: %s's vote; columns: %s's vote (%d roll calls)", ct.A.Code, ct.B.Code, ct.N),
		Columns: []column{{Label: ""}, {Label: ct.B.Code + " yes", Num: true}, {Label: ct.B.Code + " no", Num: true}, {Label: ct.B.Code + " abstain", Num: true}, {Label: "total", Num: true}}}
	names := []string{"yes", "no", "abstain"}
	var colTotal [3]int
	for i := range 3 {
		row := []tcell{{Text: ct.A.Code + " " + names[i], Class: "rowhead"}}
		total := 0
		for j := range 3 {
			c := tcell{Text: strconv.Itoa(ct.Counts[i][j]), Class: "num"}
			if i == j {
				c.Class += " same"
			}
			row = append(row, c)
			total += ct.Counts[i][j]
			colTotal[j] += ct.Counts[i][j]
		}
		t.Rows = append(t.Rows, append(row, numCell(total)))
	}
	last := []tcell{{Text: "total", Class: "rowhead"}}
	for j := range 3 {
		last = append(last, numCell(colTotal[j]))
	}
	t.Rows = append(t.Rows, append(last, numCell(ct.N)))

	v := &table{Caption: "Every measure over these roll calls", Columns: []column{{Label: "Measure"}, {Label: "Value", Num: true}}}
	for _, m := range align.Metrics() {
		v.Rows = append(v.Rows, []tcell{text(metricLabel(m) + " (" + m.String() + ")"), valueCell(ct.Values[m.String()], false)})
	}
	return t, v
}

func splitsTable(sp *splitList) *table {
	t := &table{Columns: []column{{Label: "Date"}, {Label: "Resolution"}, {Label: sp.A.Code}, {Label: sp.B.Code}, {Label: "Yes-No-Abst.", Num: true}, {Label: "Margin", Num: true, Title: "|yes − (no + abstain)|: the smaller, the more contested"}, {Label: "Title"}},
		Empty: "They never voted differently in this selection."}
	for _, x := range sp.Splits {
		t.Rows = append(t.Rows, []tcell{dateCell(x.Date), link(symbolOr(x.Resolution), fmt.Sprintf("/resolution/%d", x.ID)), voteCell(x.A), voteCell(x.B),
			{Text: x.Tally.String(), Class: "num"}, numCell(x.Margin), {Text: clipTitle(x.Title), Title: x.Title}})
	}
	return t
}
