package server

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"github.com/blocwatch/blocwatch/internal/align"
	"github.com/blocwatch/blocwatch/internal/record"
	"github.com/blocwatch/blocwatch/internal/view"
)

// party is one of the six of the Korean peninsula lens.
type party struct {
	Code, Name, Href string
}

type homeData struct {
	Metrics, Bodies, Issues []option
	West, East              []party
	Camps                   *chart
	Ideal                   *chart
	IdealNote               string
	Pairwise                *table
	PairYear                int
	Contested               *table
	ContestedCSV            string
}

// The colours and dash patterns of the six (Okabe–Ito; the western camp
// in blues and green, the eastern in vermillion, orange and purple).
var (
	partyColors = map[string]string{"USA": "#0072B2", "JPN": "#56B4E9", "KOR": "#009E73", "PRK": "#D55E00", "CHN": "#E69F00", "RUS": "#CC79A7"}
	partyDashes = map[string]string{"USA": "", "JPN": "6,3", "KOR": "2,2", "PRK": "", "CHN": "6,3", "RUS": "2,2"}
	campColors  = map[string]string{seriesWest: "#0072B2", seriesEast: "#D55E00", seriesBetween: "#000000"}
	campDashes  = map[string]string{seriesWest: "", seriesEast: "6,3", seriesBetween: "2,2"}
)

func (s *Server) homePage(r *http.Request, sn *snapshot, q Query) (*page, error) {
	body := q.bodyOr(record.GA)
	m := q.Metric
	d := &homeData{Metrics: metricOptions(m), Bodies: bodyOptions(body), Issues: issueOptions(q.Issue)}
	for i, c := range korea6 {
		p := party{Code: c, Name: s.stateName(c), Href: "/state/" + c}
		if i < 3 {
			d.West = append(d.West, p)
		} else {
			d.East = append(d.East, p)
		}
	}
	sel := url.Values{"metric": {m.String()}, "body": {bodyParam(body)}}
	if c := issueCode(q.Issue); c != "" {
		sel.Set("issue", c)
	}

	camps, err := s.camps(sn, m, body, q.Issue)
	if err != nil {
		return nil, err
	}
	d.Camps = campsChart(camps, m, sel)

	paths := sn.idealPaths(korea6, 0, 0)
	if paths.Status == idealReady {
		d.Ideal = idealChart("korea-ideal-points", "Ideal points of the six", paths, s, url.Values{"states": {"KOREA6"}})
	} else {
		d.IdealNote = paths.Note
	}

	d.PairYear = sn.fullYear
	if d.PairYear != 0 {
		t, err := sn.pairs(d.PairYear, body, q.Issue)
		if err != nil {
			return nil, err
		}
		d.Pairwise = pairwiseTable(t, korea6, m)
	}

	con := sn.contested(korea6, body, 15)
	d.Contested = contestedTable(con, s)
	d.ContestedCSV = csvURL("/api/v1/contested", url.Values{"body": {bodyParam(body)}, "limit": {"15"}})
	return &page{Template: "home", Title: "The Korean peninsula at the UN", Nav: "home", Data: d}, nil
}

func campsChart(c *campSeries, m align.Metric, sel url.Values) *chart {
	info := metricInfo[m]
	var rows []linePoint
	byYear := map[int]map[string]campRow{}
	for _, r := range c.Points {
		if r.Value == nil {
			continue
		}
		rows = append(rows, linePoint{S: r.Series, X: r.Year, Y: *r.Value, N: r.N})
		if byYear[r.Year] == nil {
			byYear[r.Year] = map[string]campRow{}
		}
		byYear[r.Year][r.Series] = r
	}
	t := &table{Caption: "Mean over member dyads, by year (roll calls in brackets)", Columns: []column{{Label: "Year"}, {Label: "Within West", Num: true}, {Label: "Within East", Num: true}, {Label: "West–East", Num: true}}}
	years := sortedKeys(byYear)
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		row := []tcell{text(strconv.Itoa(y))}
		for _, sname := range []string{seriesWest, seriesEast, seriesBetween} {
			cr, ok := byYear[y][sname]
			if !ok {
				row = append(row, tcell{Text: "–", Class: "num"})
				continue
			}
			row = append(row, tcell{Text: fmt.Sprintf("%s (%d)", fmtValue(cr.Value, info.Percent), cr.N), Class: "num"})
		}
		t.Rows = append(t.Rows, row)
	}
	spec := chartSpec{Kind: "lines", Name: "korea-camps-" + m.String(), Rows: rows, YLabel: info.Label, YDomain: metricDomain(m), Percent: info.Percent, Colors: campColors, Dashes: campDashes}
	if !info.Percent {
		zero := 0.0
		spec.Rule = &zero
	}
	return &chart{ID: "camps", Title: info.Label + " within and between the two camps", Spec: spec,
		Note: "Each line is the mean over the pairs of states: within the West (USA, JPN, KOR), within the East (PRK, CHN, RUS; the USSR before 1992), and between a western and an eastern state.",
		CSV:  csvURL("/api/v1/camps", sel), Table: t}
}

func sortedKeys[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// idealChart draws ideal-point paths with their 95% intervals.
func idealChart(name, title string, p *idealPoints, s *Server, q url.Values) *chart {
	var rows []linePoint
	byYear := map[int]map[string]float64{}
	label := func(code string) string {
		if code == "SUN" {
			return "RUS"
		}
		return code
	}
	for _, pt := range p.Points {
		lo, hi := pt.Lo, pt.Hi
		rows = append(rows, linePoint{S: label(pt.State), X: pt.Year, Y: pt.X, N: pt.N, Lo: &lo, Hi: &hi})
		if byYear[pt.Year] == nil {
			byYear[pt.Year] = map[string]float64{}
		}
		byYear[pt.Year][label(pt.State)] = pt.X
	}
	var states []string
	for _, c := range p.States {
		states = append(states, label(c))
	}
	t := &table{Caption: "Ideal point by year", Columns: []column{{Label: "Year"}}}
	for _, c := range states {
		t.Columns = append(t.Columns, column{Label: c, Num: true})
	}
	years := sortedKeys(byYear)
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		row := []tcell{text(strconv.Itoa(y))}
		for _, c := range states {
			if x, ok := byYear[y][c]; ok {
				row = append(row, tcell{Text: fmt.Sprintf("%.2f", x), Class: "num"})
			} else {
				row = append(row, tcell{Text: "–", Class: "num"})
			}
		}
		t.Rows = append(t.Rows, row)
	}
	spec := chartSpec{Kind: "lines", Name: name, Rows: rows, YLabel: "Ideal point", NLabel: "votes cast that year", Colors: map[string]string{}, Dashes: map[string]string{}}
	for _, c := range states {
		if col, ok := partyColors[c]; ok {
			spec.Colors[c], spec.Dashes[c] = col, partyDashes[c]
		}
	}
	return &chart{ID: name, Title: title, Spec: spec, Table: t, CSV: csvURL("/api/v1/ideal", q),
		Note: "Dynamic ideal points from the General Assembly's roll calls (package ideal: an ordinal item-response model with a random walk per state). Bands are 95% intervals. Higher is closer to the United States; the Russian Federation's path continues the USSR's."}
}

// pairwiseTable shows the metric between each pair of states in a year.
func pairwiseTable(t *pairTable, states []string, m align.Metric) *table {
	info := metricInfo[m]
	out := &table{Caption: fmt.Sprintf("%s in %d, between each pair (roll calls in brackets)", info.Label, t.year), Columns: []column{{Label: ""}}}
	for _, c := range states {
		out.Columns = append(out.Columns, column{Label: c, Num: true})
	}
	for _, a := range states {
		row := []tcell{{Text: a, Class: "rowhead"}}
		for _, b := range states {
			if a == b {
				row = append(row, tcell{Text: "", Class: "num diag"})
				continue
			}
			x, y := a, b
			if x > y {
				x, y = y, x
			}
			c, ok := t.counts[[2]string{x, y}]
			if !ok {
				row = append(row, tcell{Text: "–", Class: "num"})
				continue
			}
			v := valueOf(c.Measure(m))
			row = append(row, tcell{Text: fmt.Sprintf("%s (%d)", fmtValue(v, info.Percent), c.N()), Class: "num",
				Href: "/compare?" + url.Values{"a": {a}, "b": {b}, "metric": {m.String()}}.Encode()})
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

func contestedTable(c *view.Contested, s *Server) *table {
	t := &table{Columns: []column{{Label: "Date"}, {Label: "Resolution"}, {Label: "Title"}, {Label: "Yes-No-Abst.", Num: true}}, Empty: "No contested roll call on which any of them voted."}
	for _, st := range c.States {
		t.Columns = append(t.Columns, column{Label: st, Title: s.stateName(st)})
	}
	for _, v := range c.Votes {
		row := []tcell{dateCell(v.Date), link(symbolOr(v.Resolution), fmt.Sprintf("/resolution/%d", v.ID)), {Text: clipTitle(v.Title), Title: v.Title}, {Text: v.Tally.String(), Class: "num"}}
		for _, st := range c.States {
			row = append(row, voteCell(v.Votes[st]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func symbolOr(s string) string {
	if s == "" {
		return "(no symbol)"
	}
	return s
}

// clipTitle shortens a title for a table cell.
func clipTitle(t string) string {
	r := []rune(t)
	if len(r) > 110 {
		return string(r[:109]) + "…"
	}
	return t
}
